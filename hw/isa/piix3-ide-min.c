/*
 * Minimal PIIX3 IDE function at 01.1 (8086:7010) with no drives: the
 * guest sees QEMU's identity there.  Compiled only until hw/ide/piix.c
 * provides the real controller.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/module.h"
#include "hw/pci/pci.h"
#include "hw/pci/pci_bus.h"
#include "hw/qdev-properties.h"

/* ---- piix3-ide ------------------------------------------------------ */

typedef struct PIIX3IDEState {
    PCIDevice parent_obj;
    MemoryRegion bmdma;
    uint8_t bmdma_regs[16];
} PIIX3IDEState;

static uint64_t bmdma_read(void *opaque, hwaddr addr, unsigned size)
{
    PIIX3IDEState *s = opaque;

    return addr < sizeof(s->bmdma_regs) ? s->bmdma_regs[addr] : 0xff;
}

static void bmdma_write(void *opaque, hwaddr addr, uint64_t val,
                        unsigned size)
{
    PIIX3IDEState *s = opaque;

    /* Keep the registers readable; no DMA engine without drives. */
    if (addr < sizeof(s->bmdma_regs)) {
        s->bmdma_regs[addr] = val;
    }
}

static const MemoryRegionOps bmdma_ops = {
    .read = bmdma_read,
    .write = bmdma_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .impl = {
        .min_access_size = 1,
        .max_access_size = 1,
    },
};

static void piix3_ide_realize(PCIDevice *dev, Error **errp)
{
    PIIX3IDEState *s = (PIIX3IDEState *)dev;

    dev->config[PCI_CLASS_PROG] = 0x80;     /* legacy mode, bus master */
    memory_region_init_io(&s->bmdma, OBJECT(dev), &bmdma_ops, s,
                          "piix-bmdma-container", 16);
    pci_register_bar(dev, 4, PCI_BASE_ADDRESS_SPACE_IO, &s->bmdma);
}

static void piix3_ide_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    PCIDeviceClass *k = PCI_DEVICE_CLASS(klass);

    k->realize = piix3_ide_realize;
    k->vendor_id = PCI_VENDOR_ID_INTEL;
    k->device_id = PCI_DEVICE_ID_INTEL_82371SB_1;
    k->class_id = PCI_CLASS_STORAGE_IDE;
    dc->desc = "IDE controller";
    dc->user_creatable = false;
}

static const TypeInfo piix3_ide_info = {
    .name = "piix3-ide",
    .parent = TYPE_PCI_DEVICE,
    .instance_size = sizeof(PIIX3IDEState),
    .class_init = piix3_ide_class_init,
    .interfaces = (InterfaceInfo[]) {
        { INTERFACE_CONVENTIONAL_PCI_DEVICE },
        { },
    },
};


static void piix3_ide_min_register_types(void)
{
    type_register_static(&piix3_ide_info);
}

type_init(piix3_ide_min_register_types)
