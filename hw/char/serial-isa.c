/*
 * isa-serial: a 16550A at one of the four PC COM port slots.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/bitops.h"
#include "qemu/error-report.h"
#include "hw/char/serial.h"
#include "hw/isa/isa.h"
#include "hw/qdev-properties.h"
#include "hw/qdev-properties-system.h"

typedef struct ISASerialState {
    ISADevice parent_obj;

    uint32_t index;
    uint32_t iobase;
    uint32_t isairq;
    SerialState state;
} ISASerialState;

#define ISA_SERIAL(obj) OBJECT_CHECK(ISASerialState, (obj), TYPE_ISA_SERIAL)

/* COM1..COM4 */
static const int isa_serial_io[MAX_ISA_SERIAL_PORTS] = {
    0x3f8, 0x2f8, 0x3e8, 0x2e8
};
static const int isa_serial_irq[MAX_ISA_SERIAL_PORTS] = {
    4, 3, 4, 3
};

static void serial_isa_realizefn(DeviceState *dev, Error **errp)
{
    static int next_index;
    ISADevice *isadev = ISA_DEVICE(dev);
    ISASerialState *isa = ISA_SERIAL(dev);
    SerialState *s = &isa->state;
    Error *local_err = NULL;

    if (isa->index == (uint32_t)-1) {
        isa->index = next_index;
    }
    if (isa->index >= MAX_ISA_SERIAL_PORTS) {
        error_setg(errp, "Max. supported number of ISA serial ports is %d.",
                   MAX_ISA_SERIAL_PORTS);
        return;
    }
    if (isa->iobase == (uint32_t)-1) {
        isa->iobase = isa_serial_io[isa->index];
    }
    if (isa->isairq == (uint32_t)-1) {
        isa->isairq = isa_serial_irq[isa->index];
    }
    if (isa->isairq >= 16) {
        error_setg(errp, "Invalid IRQ %u for isa-serial (0-15)", isa->isairq);
        return;
    }
    next_index = MAX(next_index, (int)isa->index + 1);

    s->irq = isa_get_irq(isadev, isa->isairq);
    serial_realize_core(s, &local_err);
    if (local_err) {
        error_propagate(errp, local_err);
        return;
    }
    memory_region_init_io(&s->io, OBJECT(dev), &serial_io_ops, s,
                          "serial", 8);
    isa_register_ioport(isadev, &s->io, isa->iobase);
}

static void serial_isa_unrealizefn(DeviceState *dev)
{
    serial_exit_core(&ISA_SERIAL(dev)->state);
}

static void serial_isa_reset(DeviceState *dev)
{
    serial_reset(&ISA_SERIAL(dev)->state);
}

static Property serial_isa_properties[] = {
    DEFINE_PROP_UINT32("index",  ISASerialState, index,   -1),
    DEFINE_PROP_UINT32("iobase", ISASerialState, iobase,  -1),
    DEFINE_PROP_UINT32("irq",    ISASerialState, isairq,  -1),
    DEFINE_PROP_CHR("chardev",   ISASerialState, state.chr),
    DEFINE_PROP_END_OF_LIST(),
};

static void serial_isa_class_initfn(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = serial_isa_realizefn;
    dc->unrealize = serial_isa_unrealizefn;
    dc->reset = serial_isa_reset;
    device_class_set_props(dc, serial_isa_properties);
    set_bit(DEVICE_CATEGORY_INPUT, dc->categories);
}

static void serial_isa_initfn(Object *o)
{
    ISASerialState *self = ISA_SERIAL(o);

    self->state.baudbase = 115200;
}

static const TypeInfo serial_isa_info = {
    .name          = TYPE_ISA_SERIAL,
    .parent        = TYPE_ISA_DEVICE,
    .instance_size = sizeof(ISASerialState),
    .instance_init = serial_isa_initfn,
    .class_init    = serial_isa_class_initfn,
};

static void serial_register_types(void)
{
    type_register_static(&serial_isa_info);
}

type_init(serial_register_types)

/* ---- -serial ---- */

static GPtrArray *serial_hds_table;

static GPtrArray *serial_hds_get(void)
{
    if (!serial_hds_table) {
        serial_hds_table = g_ptr_array_new();
    }
    return serial_hds_table;
}

Chardev *serial_hd(int i)
{
    GPtrArray *t = serial_hds_get();

    return i >= 0 && i < (int)t->len ? g_ptr_array_index(t, i) : NULL;
}

int serial_max_hds(void)
{
    return serial_hds_get()->len;
}

Chardev *serial_hds_add(const char *devname)
{
    GPtrArray *t = serial_hds_get();
    g_autofree char *label = g_strdup_printf("serial%u", t->len);
    Chardev *chr;

    if (g_str_equal(devname, "none")) {
        g_ptr_array_add(t, NULL);
        return NULL;
    }
    chr = qemu_chr_new_mux_mon(label, devname, NULL);
    if (!chr) {
        error_report("could not connect serial device to character "
                     "backend '%s'", devname);
        return NULL;
    }
    g_ptr_array_add(t, chr);
    return chr;
}

void serial_hds_isa_init(ISABus *bus, int from, int to)
{
    int i;

    assert(from >= 0 && to <= MAX_ISA_SERIAL_PORTS);
    for (i = from; i < to; i++) {
        Chardev *chr = serial_hd(i);
        ISADevice *dev;

        if (!chr) {
            continue;
        }
        dev = isa_new(TYPE_ISA_SERIAL);
        qdev_prop_set_uint32(DEVICE(dev), "index", i);
        qdev_prop_set_chr(DEVICE(dev), "chardev", chr);
        isa_realize_and_unref(dev, bus, &error_fatal);
    }
}
