/*
 * isa-parallel: a PC parallel port (SPP mode) at one of the LPT slots,
 * writing what the guest strobes out to a character device.
 *
 * Only the standard (compatibility) mode is modelled.  The printer side
 * follows QEMU's handshake as a guest sees it through status reads:
 * STROBE with SELECT sends the latched byte and raises BUSY; once STROBE
 * is released, the next status read starts the nACK pulse and the one
 * after ends it and drops BUSY.  The nACK pulse is the interrupt (IRQ 7
 * when the guest set INTEN).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/bitops.h"
#include "qemu/error-report.h"
#include "qemu/log.h"
#include "chardev/char.h"
#include "chardev/char-fe.h"
#include "exec/memory.h"
#include "hw/char/parallel.h"
#include "hw/irq.h"
#include "hw/isa/isa.h"
#include "hw/qdev-properties.h"
#include "hw/qdev-properties-system.h"

/* Register offsets from the base. */
#define PARA_REG_DATA   0
#define PARA_REG_STS    1
#define PARA_REG_CTR    2

/* Status register (active-low names as in the IBM PC documentation). */
#define PARA_STS_BUSY   0x80    /* 1 = not busy */
#define PARA_STS_ACK    0x40    /* 1 = no acknowledge pulse */
#define PARA_STS_PAPER  0x20
#define PARA_STS_ONLINE 0x10
#define PARA_STS_ERROR  0x08    /* 1 = no error */
#define PARA_STS_TMOUT  0x01

/* Control register. */
#define PARA_CTR_DIR    0x20
#define PARA_CTR_INTEN  0x10
#define PARA_CTR_SELECT 0x08
#define PARA_CTR_INIT   0x04
#define PARA_CTR_AUTOLF 0x02
#define PARA_CTR_STROBE 0x01

#define PARA_STS_IDLE   (PARA_STS_BUSY | PARA_STS_ACK | PARA_STS_ONLINE | \
                         PARA_STS_ERROR | PARA_STS_TMOUT)

typedef struct ISAParallelState {
    ISADevice parent_obj;

    uint32_t index;
    uint32_t iobase;
    uint32_t isairq;
    CharBackend chr;
    MemoryRegion io;
    qemu_irq irq;

    uint8_t data;
    uint8_t status;
    uint8_t control;
} ISAParallelState;

#define ISA_PARALLEL(obj) \
    OBJECT_CHECK(ISAParallelState, (obj), TYPE_ISA_PARALLEL)

static const int isa_parallel_io[MAX_PARALLEL_PORTS] = { 0x378, 0x278, 0x3bc };
static const int isa_parallel_irq[MAX_PARALLEL_PORTS] = { 7, 7, 7 };

static void parallel_update_irq(ISAParallelState *s)
{
    qemu_set_irq(s->irq, (s->control & PARA_CTR_INTEN) &&
                         !(s->status & PARA_STS_ACK));
}

static void parallel_write_control(ISAParallelState *s, uint8_t val)
{
    uint8_t rising = val & ~s->control;

    if (!(val & PARA_CTR_INIT)) {
        /* INIT held low resets the printer side. */
        s->status = PARA_STS_IDLE;
    }
    if (val & PARA_CTR_DIR) {
        qemu_log_mask(LOG_UNIMP, "isa-parallel: bidirectional mode\n");
    }
    if ((val & PARA_CTR_SELECT) && (val & PARA_CTR_STROBE)) {
        s->status &= ~PARA_STS_BUSY;
        if (rising & PARA_CTR_STROBE) {
            /* A blocking write: the byte is gone once acknowledged. */
            qemu_chr_fe_write_all(&s->chr, &s->data, 1);
        }
    }
    s->control = val;
    parallel_update_irq(s);
}

/* The printer's answer to a strobe, one step per status read. */
static void parallel_handshake_step(ISAParallelState *s)
{
    if ((s->status & PARA_STS_BUSY) || (s->control & PARA_CTR_STROBE)) {
        return;
    }
    if (s->status & PARA_STS_ACK) {
        s->status &= ~PARA_STS_ACK;
    } else {
        s->status |= PARA_STS_ACK | PARA_STS_BUSY;
    }
    parallel_update_irq(s);
}

static uint64_t parallel_ioport_read(void *opaque, hwaddr addr, unsigned size)
{
    ISAParallelState *s = opaque;

    switch (addr) {
    case PARA_REG_DATA:
        return s->data;
    case PARA_REG_STS: {
        uint8_t ret = s->status;

        parallel_handshake_step(s);
        return ret;
    }
    case PARA_REG_CTR:
        return s->control | 0xc0;
    default:
        return 0xff;
    }
}

static void parallel_ioport_write(void *opaque, hwaddr addr, uint64_t val,
                                  unsigned size)
{
    ISAParallelState *s = opaque;

    switch (addr) {
    case PARA_REG_DATA:
        s->data = val;
        break;
    case PARA_REG_CTR:
        parallel_write_control(s, val);
        break;
    default:
        /* The status register is read-only. */
        break;
    }
}

static const MemoryRegionOps parallel_io_ops = {
    .read = parallel_ioport_read,
    .write = parallel_ioport_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

static void parallel_reset(DeviceState *dev)
{
    ISAParallelState *s = ISA_PARALLEL(dev);

    s->data = 0xff;
    s->status = PARA_STS_IDLE;
    s->control = PARA_CTR_SELECT | PARA_CTR_INIT;
    parallel_update_irq(s);
}

static void parallel_isa_realize(DeviceState *dev, Error **errp)
{
    static int next_index;
    ISADevice *isadev = ISA_DEVICE(dev);
    ISAParallelState *s = ISA_PARALLEL(dev);

    if (!qemu_chr_fe_backend_connected(&s->chr)) {
        error_setg(errp, "Can't create parallel device, empty char device");
        return;
    }
    if (s->index == (uint32_t)-1) {
        s->index = next_index;
    }
    if (s->index >= MAX_PARALLEL_PORTS) {
        error_setg(errp, "Max. supported number of parallel ports is %d.",
                   MAX_PARALLEL_PORTS);
        return;
    }
    if (s->iobase == (uint32_t)-1) {
        s->iobase = isa_parallel_io[s->index];
    }
    if (s->isairq == (uint32_t)-1) {
        s->isairq = isa_parallel_irq[s->index];
    }
    if (s->isairq >= 16) {
        error_setg(errp, "Invalid IRQ %u for isa-parallel (0-15)", s->isairq);
        return;
    }
    next_index = MAX(next_index, (int)s->index + 1);
    s->irq = isa_get_irq(isadev, s->isairq);
    memory_region_init_io(&s->io, OBJECT(dev), &parallel_io_ops, s,
                          "parallel", 8);
    isa_register_ioport(isadev, &s->io, s->iobase);
}

static Property parallel_isa_properties[] = {
    DEFINE_PROP_UINT32("index",  ISAParallelState, index,  -1),
    DEFINE_PROP_UINT32("iobase", ISAParallelState, iobase, -1),
    DEFINE_PROP_UINT32("irq",    ISAParallelState, isairq, 7),
    DEFINE_PROP_CHR("chardev",   ISAParallelState, chr),
    DEFINE_PROP_END_OF_LIST(),
};

static void parallel_isa_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = parallel_isa_realize;
    dc->reset = parallel_reset;
    device_class_set_props(dc, parallel_isa_properties);
    set_bit(DEVICE_CATEGORY_INPUT, dc->categories);
}

static const TypeInfo parallel_isa_info = {
    .name          = TYPE_ISA_PARALLEL,
    .parent        = TYPE_ISA_DEVICE,
    .instance_size = sizeof(ISAParallelState),
    .class_init    = parallel_isa_class_init,
};

static void parallel_register_types(void)
{
    type_register_static(&parallel_isa_info);
}

type_init(parallel_register_types)

/* ---- -parallel ---- */

static Chardev *parallel_hds[MAX_PARALLEL_PORTS];
static int parallel_count;

uint16_t parallel_iobase(int i)
{
    return i >= 0 && i < MAX_PARALLEL_PORTS ? isa_parallel_io[i] : 0;
}

Chardev *parallel_hd(int i)
{
    return i >= 0 && i < MAX_PARALLEL_PORTS ? parallel_hds[i] : NULL;
}

bool parallel_hds_add(const char *devname)
{
    g_autofree char *label = NULL;

    if (parallel_count >= MAX_PARALLEL_PORTS) {
        error_report("too many parallel ports");
        return false;
    }
    if (g_str_equal(devname, "none")) {
        parallel_count++;
        return true;
    }
    label = g_strdup_printf("parallel%d", parallel_count);
    parallel_hds[parallel_count] = qemu_chr_new_mux_mon(label, devname, NULL);
    if (!parallel_hds[parallel_count]) {
        error_report("could not connect parallel device to character "
                     "backend '%s'", devname);
        return false;
    }
    parallel_count++;
    return true;
}

void parallel_hds_isa_init(ISABus *bus, int n)
{
    int i;

    assert(n <= MAX_PARALLEL_PORTS);
    for (i = 0; i < n; i++) {
        ISADevice *dev;

        if (!parallel_hds[i]) {
            continue;
        }
        dev = isa_new(TYPE_ISA_PARALLEL);
        qdev_prop_set_uint32(DEVICE(dev), "index", i);
        qdev_prop_set_chr(DEVICE(dev), "chardev", parallel_hds[i]);
        isa_realize_and_unref(dev, bus, &error_fatal);
    }
}
