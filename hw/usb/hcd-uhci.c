/*
 * PIIX3 USB UHCI controller (8086:7020), the "piix3-usb-uhci" that
 * libvirt adds to every i440FX machine unless USB is turned off.
 *
 * Only the host controller's register file is modelled: the controller
 * enumerates, resets, runs and halts, and reports two empty root-hub
 * ports.  No USB devices can be attached yet, so the schedule in guest
 * memory is never walked.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/bitops.h"
#include "qemu/module.h"
#include "hw/pci/pci.h"
#include "hw/pci/pci_ids.h"
#include "hw/pci/pci_regs.h"
#include "hw/qdev-properties.h"

#define TYPE_PIIX3_USB_UHCI "piix3-usb-uhci"
OBJECT_DECLARE_SIMPLE_TYPE(UHCIState, PIIX3_USB_UHCI)

/* Register offsets in the I/O BAR (UHCI 1.1, section 2.1) */
#define UHCI_USBCMD     0x00
#define UHCI_USBSTS     0x02
#define UHCI_USBINTR    0x04
#define UHCI_FRNUM      0x06
#define UHCI_FRBASEADD  0x08
#define UHCI_SOFMOD     0x0c
#define UHCI_PORTSC1    0x10
#define UHCI_NB_PORTS   2

#define UHCI_CMD_RS         BIT(0)
#define UHCI_CMD_HCRESET    BIT(1)
#define UHCI_CMD_GRESET     BIT(2)
#define UHCI_STS_HCHALTED   BIT(5)
#define UHCI_STS_W1C        0x1f    /* interrupt and error status bits */
#define UHCI_PORT_RSVD1     BIT(7)  /* reads as one */
#define UHCI_PORT_W1C       0x000a  /* connect and enable change */
#define UHCI_PORT_RW        0x1244  /* enable, resume, reset, suspend */

/* PCI config: serial bus release number and legacy support register */
#define UHCI_PCI_SBRN       0x60
#define UHCI_PCI_LEGSUP     0xc0

struct UHCIState {
    PCIDevice parent_obj;
    MemoryRegion io;

    uint16_t cmd;
    uint16_t status;
    uint16_t intr;
    uint16_t frnum;
    uint32_t fl_base_addr;
    uint8_t sof_timing;
    uint16_t portsc[UHCI_NB_PORTS];

    char *masterbus;
    uint32_t firstport;
};

static void uhci_reset_regs(UHCIState *s)
{
    s->cmd = 0;
    s->status = UHCI_STS_HCHALTED;
    s->intr = 0;
    s->frnum = 0;
    s->fl_base_addr = 0;
    s->sof_timing = 64;
    memset(s->portsc, 0, sizeof(s->portsc));
}

static uint64_t uhci_io_read(void *opaque, hwaddr addr, unsigned size)
{
    UHCIState *s = opaque;

    switch (addr) {
    case UHCI_USBCMD:
        return s->cmd;
    case UHCI_USBSTS:
        return s->status;
    case UHCI_USBINTR:
        return s->intr;
    case UHCI_FRNUM:
        return s->frnum;
    case UHCI_FRBASEADD:
        return s->fl_base_addr & 0xffff;
    case UHCI_FRBASEADD + 2:
        return s->fl_base_addr >> 16;
    case UHCI_SOFMOD:
        return s->sof_timing;
    case UHCI_PORTSC1:
    case UHCI_PORTSC1 + 2:
        return s->portsc[(addr - UHCI_PORTSC1) / 2] | UHCI_PORT_RSVD1;
    default:
        return 0xffff;
    }
}

static void uhci_io_write(void *opaque, hwaddr addr, uint64_t val,
                          unsigned size)
{
    UHCIState *s = opaque;

    switch (addr) {
    case UHCI_USBCMD:
        if (val & (UHCI_CMD_GRESET | UHCI_CMD_HCRESET)) {
            uhci_reset_regs(s);
            /* Both reset bits are self-clearing here. */
            val &= ~(UHCI_CMD_GRESET | UHCI_CMD_HCRESET);
        }
        s->cmd = val;
        if (val & UHCI_CMD_RS) {
            s->status &= ~UHCI_STS_HCHALTED;
        } else {
            s->status |= UHCI_STS_HCHALTED;
        }
        break;
    case UHCI_USBSTS:
        s->status &= ~(val & UHCI_STS_W1C);
        break;
    case UHCI_USBINTR:
        s->intr = val & 0xf;
        break;
    case UHCI_FRNUM:
        s->frnum = val & 0x7ff;
        break;
    case UHCI_FRBASEADD:
        s->fl_base_addr = (s->fl_base_addr & 0xffff0000) | (val & 0xf000);
        break;
    case UHCI_FRBASEADD + 2:
        s->fl_base_addr = (s->fl_base_addr & 0xffff) | (val << 16);
        break;
    case UHCI_SOFMOD:
        s->sof_timing = val & 0x7f;
        break;
    case UHCI_PORTSC1:
    case UHCI_PORTSC1 + 2: {
        uint16_t *port = &s->portsc[(addr - UHCI_PORTSC1) / 2];

        /* Nothing is connected: enable cannot stick without a device. */
        *port &= ~(val & UHCI_PORT_W1C);
        *port = (*port & ~UHCI_PORT_RW) | (val & UHCI_PORT_RW & ~BIT(2));
        break;
    }
    default:
        break;
    }
}

static const MemoryRegionOps uhci_io_ops = {
    .read = uhci_io_read,
    .write = uhci_io_write,
    .valid.min_access_size = 1,
    .valid.max_access_size = 4,
    .impl.min_access_size = 2,
    .impl.max_access_size = 2,
    .endianness = DEVICE_LITTLE_ENDIAN,
};

static void uhci_realize(PCIDevice *dev, Error **errp)
{
    UHCIState *s = PIIX3_USB_UHCI(dev);
    uint8_t *conf = dev->config;

    conf[PCI_CLASS_PROG] = 0x00;
    conf[PCI_INTERRUPT_PIN] = 4;        /* INTD#, as on the PIIX3 */
    conf[UHCI_PCI_SBRN] = 0x10;         /* USB 1.0 */
    pci_set_word(conf + UHCI_PCI_LEGSUP, 0x2000);

    memory_region_init_io(&s->io, OBJECT(s), &uhci_io_ops, s, "uhci", 0x20);
    pci_register_bar(dev, 4, PCI_BASE_ADDRESS_SPACE_IO, &s->io);
    uhci_reset_regs(s);
}

static void uhci_device_reset(DeviceState *dev)
{
    uhci_reset_regs(PIIX3_USB_UHCI(dev));
}

static Property uhci_properties[] = {
    /* Companion-controller wiring: accepted, there is no EHCI to join. */
    DEFINE_PROP_STRING("masterbus", UHCIState, masterbus),
    DEFINE_PROP_UINT32("firstport", UHCIState, firstport, 0),
    DEFINE_PROP_END_OF_LIST(),
};

static void uhci_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    PCIDeviceClass *k = PCI_DEVICE_CLASS(klass);

    k->realize = uhci_realize;
    k->vendor_id = PCI_VENDOR_ID_INTEL;
    k->device_id = PCI_DEVICE_ID_INTEL_82371SB_2;
    k->revision = 0x01;
    k->class_id = PCI_CLASS_SERIAL_USB;
    dc->desc = "UHCI USB Controller";
    dc->reset = uhci_device_reset;
    device_class_set_props(dc, uhci_properties);
    set_bit(DEVICE_CATEGORY_USB, dc->categories);
}

static const TypeInfo uhci_info = {
    .name = TYPE_PIIX3_USB_UHCI,
    .parent = TYPE_PCI_DEVICE,
    .instance_size = sizeof(UHCIState),
    .class_init = uhci_class_init,
    .interfaces = (InterfaceInfo[]) {
        { INTERFACE_CONVENTIONAL_PCI_DEVICE },
        { },
    },
};

static void uhci_register_types(void)
{
    type_register_static(&uhci_info);
}

type_init(uhci_register_types)
