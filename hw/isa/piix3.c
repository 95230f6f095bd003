/*
 * PIIX3 PCI-to-ISA bridge (01.0, 8086:7000): owns the ISA bus, routes
 * PCI INTA-D to ISA IRQs through the PIRQ route registers 0x60-0x63,
 * and implements the reset control register at port 0xcf9.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/module.h"
#include "exec/address-spaces.h"
#include "hw/i386/pc.h"
#include "hw/isa/isa.h"
#include "hw/pci/pci_bus.h"
#include "hw/pci/pci_host.h"
#include "hw/irq.h"
#include "sysemu/runstate.h"

#define PIIX_PIRQ_DISABLED 0x80
#define PIIX_RCR_RESET_CPU 0x04
#define PIIX_RCR_SYS_RESET 0x02

OBJECT_DECLARE_SIMPLE_TYPE(PIIX3State, PIIX3_PCI_DEVICE)

struct PIIX3State {
    PCIDevice dev;

    ISABus *isa_bus;
    /* ISA IRQ inputs of the interrupt controllers (x86ms->gsi) */
    qemu_irq *pic;
    /* level of each PIRQ line, and of each ISA IRQ we drive */
    int pirq_level[PIIX_NUM_PIRQS];
    uint16_t isa_level;
    uint8_t rcr;
    MemoryRegion rcr_mem;
};

/* Re-evaluate the ISA IRQ levels the PIRQ lines produce. */
static void piix3_update_irq_levels(PIIX3State *s)
{
    uint16_t level = 0;
    int i, irq;

    for (i = 0; i < PIIX_NUM_PIRQS; i++) {
        uint8_t route = s->dev.config[PIIX_PIRQCA + i];
        if (!(route & PIIX_PIRQ_DISABLED) && route < ISA_NUM_IRQS &&
            s->pirq_level[i]) {
            level |= 1 << route;
        }
    }
    for (irq = 0; irq < ISA_NUM_IRQS; irq++) {
        bool now = level & (1 << irq), before = s->isa_level & (1 << irq);
        if (now != before && s->pic) {
            qemu_set_irq(s->pic[irq], now);
        }
    }
    s->isa_level = level;
}

static void piix3_set_irq(void *opaque, int pirq, int level)
{
    PIIX3State *s = opaque;

    s->pirq_level[pirq] = level;
    piix3_update_irq_levels(s);
}

/* INTx of slot S pin P goes to PIRQ (S + P - 1) mod 4 (swizzle). */
static int pci_slot_get_pirq(PCIDevice *pci_dev, int pci_intx)
{
    int slot_addend = PCI_SLOT(pci_dev->devfn) - 1;

    return (pci_intx + slot_addend) & 3;
}

static void piix3_write_config(PCIDevice *dev, uint32_t address,
                               uint32_t val, int len)
{
    pci_default_write_config(dev, address, val, len);
    if (address < PIIX_PIRQCA + 4 && address + len > PIIX_PIRQCA) {
        piix3_update_irq_levels(PIIX3_PCI_DEVICE(dev));
    }
}

static void rcr_write(void *opaque, hwaddr addr, uint64_t val, unsigned len)
{
    PIIX3State *d = opaque;

    if (val & PIIX_RCR_RESET_CPU) {
        qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
        return;
    }
    d->rcr = val & PIIX_RCR_SYS_RESET;
}

static uint64_t rcr_read(void *opaque, hwaddr addr, unsigned len)
{
    PIIX3State *d = opaque;

    return d->rcr;
}

static const MemoryRegionOps rcr_ops = {
    .read = rcr_read,
    .write = rcr_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .impl = {
        .min_access_size = 1,
        .max_access_size = 1,
    },
};

static uint64_t rcr_host_read(void *opaque)
{
    return rcr_read(opaque, 0, 1);
}

static void rcr_host_write(void *opaque, uint8_t val)
{
    rcr_write(opaque, 0, val, 1);
}

static void piix3_reset(DeviceState *dev)
{
    PIIX3State *d = PIIX3_PCI_DEVICE(dev);
    uint8_t *pci_conf = d->dev.config;

    pci_conf[0x04] = 0x07;      /* master, memory and I/O */
    pci_conf[0x05] = 0x00;
    pci_conf[0x06] = 0x00;
    pci_conf[0x07] = 0x02;      /* PCI_status_devsel_medium */
    pci_conf[0x4c] = 0x4d;
    pci_conf[0x4e] = 0x03;
    pci_conf[0x4f] = 0x00;
    pci_conf[0x60] = PIIX_PIRQ_DISABLED;
    pci_conf[0x61] = PIIX_PIRQ_DISABLED;
    pci_conf[0x62] = PIIX_PIRQ_DISABLED;
    pci_conf[0x63] = PIIX_PIRQ_DISABLED;
    pci_conf[0x69] = 0x02;
    pci_conf[0x70] = 0x80;
    pci_conf[0x76] = 0x0c;
    pci_conf[0x77] = 0x0c;
    pci_conf[0x78] = 0x02;
    pci_conf[0x79] = 0x00;
    pci_conf[0x80] = 0x00;
    pci_conf[0x82] = 0x00;
    pci_conf[0xa0] = 0x08;
    pci_conf[0xa2] = 0x00;
    pci_conf[0xa3] = 0x00;
    pci_conf[0xa4] = 0x00;
    pci_conf[0xa5] = 0x00;
    pci_conf[0xa6] = 0x00;
    pci_conf[0xa7] = 0x00;
    pci_conf[0xa8] = 0x0f;
    pci_conf[0xaa] = 0x00;
    pci_conf[0xab] = 0x00;
    pci_conf[0xac] = 0x00;
    pci_conf[0xae] = 0x00;

    memset(d->pirq_level, 0, sizeof(d->pirq_level));
    piix3_update_irq_levels(d);
    d->rcr = 0;
}

static void piix3_realize(PCIDevice *dev, Error **errp)
{
    PIIX3State *d = PIIX3_PCI_DEVICE(dev);
    PCIBus *bus = pci_get_bus(dev);
    Object *host;

    d->isa_bus = isa_bus_new(DEVICE(d), get_system_memory(),
                             bus->address_space_io, errp);
    if (!d->isa_bus) {
        return;
    }
    /*
     * 0xcf9 sits inside the host bridge's 0xcf8 dword: when the host
     * uses config mechanism #1 it forwards byte accesses to us, so a
     * dword access at 0xcf8 is never split by the memory core.
     */
    memory_region_init_io(&d->rcr_mem, OBJECT(dev), &rcr_ops, d,
                          "piix3-reset-control", 1);
    host = object_dynamic_cast(OBJECT(bus->qbus.parent),
                               TYPE_PCI_HOST_BRIDGE);
    if (host) {
        PCIHostState *phb = PCI_HOST_BRIDGE(host);
        phb->cf9_read = rcr_host_read;
        phb->cf9_write = rcr_host_write;
        phb->cf9_opaque = d;
    } else {
        memory_region_add_subregion_overlap(bus->address_space_io,
                                            PIIX_RCR_IOPORT, &d->rcr_mem, 1);
    }
    dev->config[PCI_HEADER_TYPE] |= PCI_HEADER_TYPE_MULTI_FUNCTION;
    /* PIRQ route registers and the other chipset bytes are writable. */
    memset(dev->wmask + PIIX_PIRQCA, 0x8f, 4);
    pci_bus_irqs(bus, piix3_set_irq, pci_slot_get_pirq, d, PIIX_NUM_PIRQS);
    /* Power-on values even before the first system reset. */
    piix3_reset(DEVICE(d));
}

static void pci_piix3_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    PCIDeviceClass *k = PCI_DEVICE_CLASS(klass);

    dc->desc = "ISA bridge";
    dc->reset = piix3_reset;
    dc->user_creatable = false;
    dc->hotpluggable = false;
    k->config_write = piix3_write_config;
    k->realize = piix3_realize;
    k->vendor_id = PCI_VENDOR_ID_INTEL;
    k->device_id = PCI_DEVICE_ID_INTEL_82371SB_0;
    k->class_id = PCI_CLASS_BRIDGE_ISA;
}

static const TypeInfo piix3_pci_type_info = {
    .name = TYPE_PIIX3_PCI_DEVICE,
    .parent = TYPE_PCI_DEVICE,
    .instance_size = sizeof(PIIX3State),
    .abstract = true,
    .class_init = pci_piix3_class_init,
    .interfaces = (InterfaceInfo[]) {
        { INTERFACE_CONVENTIONAL_PCI_DEVICE },
        { },
    },
};

static const TypeInfo piix3_info = {
    .name = TYPE_PIIX3_DEVICE,
    .parent = TYPE_PIIX3_PCI_DEVICE,
};

/* Board hook: connect the PIRQ outputs to the ISA interrupt inputs. */
void piix3_set_pic_irqs(PCIDevice *dev, qemu_irq *pic)
{
    PIIX3_PCI_DEVICE(dev)->pic = pic;
}

ISABus *piix3_get_isa_bus(PCIDevice *dev)
{
    return PIIX3_PCI_DEVICE(dev)->isa_bus;
}

static void piix3_register_types(void)
{
    type_register_static(&piix3_pci_type_info);
    type_register_static(&piix3_info);
}

type_init(piix3_register_types)
