/* PCIBus internals, for host bridges and the PCI core. */
#ifndef HW_PCI_BUS_H
#define HW_PCI_BUS_H

#include "hw/pci/pci.h"

#define TYPE_PCI_BUS "PCI"
OBJECT_DECLARE_TYPE(PCIBus, PCIBusClass, PCI_BUS)
#define TYPE_PCIE_BUS "PCIE"

struct PCIBusClass {
    BusClass parent_class;
    int (*bus_num)(PCIBus *bus);
    bool (*is_root)(PCIBus *bus);
};

struct PCIBus {
    BusState qbus;
    int busnr;
    uint8_t devfn_min;
    uint32_t slot_reserved_mask;
    pci_set_irq_fn set_irq;
    pci_map_irq_fn map_irq;
    void *irq_opaque;
    PCIDevice *devices[PCI_SLOT_MAX * PCI_FUNC_MAX];
    PCIDevice *parent_dev;
    MemoryRegion *address_space_mem;
    MemoryRegion *address_space_io;
    /* Number of asserted INTx sources per bus IRQ line. */
    int nirq;
    int *irq_count;
};

static inline bool pci_bus_is_root(PCIBus *bus)
{
    return bus->parent_dev == NULL;
}

#endif
