/*
 * PCI host bridge with configuration mechanism #1: a 32-bit address
 * register (0xcf8 on PCs) selects bus/devfn/register, the data window
 * (0xcfc-0xcff) reads or writes that register.
 */
#ifndef HW_PCI_HOST_H
#define HW_PCI_HOST_H

#include "hw/sysbus.h"
#include "hw/pci/pci_bus.h"

#define TYPE_PCI_HOST_BRIDGE "pci-host-bridge"
OBJECT_DECLARE_TYPE(PCIHostState, PCIHostBridgeClass, PCI_HOST_BRIDGE)

struct PCIHostState {
    SysBusDevice busdev;

    MemoryRegion conf_mem;
    MemoryRegion data_mem;
    MemoryRegion mmcfg;
    uint32_t config_reg;
    bool mig_enabled;
    PCIBus *bus;
    bool bypass_iommu;

    /*
     * Byte accesses to 0xcf9 fall inside the 0xcf8 dword register but
     * belong to the south bridge's reset control register.  The bridge
     * installs these so a dword access at 0xcf8 is never split.
     */
    uint64_t (*cf9_read)(void *opaque);
    void (*cf9_write)(void *opaque, uint8_t val);
    void *cf9_opaque;
};

struct PCIHostBridgeClass {
    SysBusDeviceClass parent_class;
    const char *(*root_bus_path)(PCIHostState *, PCIBus *);
};

/* Write/read config of the device @addr (bus<<16|devfn<<8|reg) names. */
void pci_data_write(PCIBus *s, uint32_t addr, uint32_t val, unsigned len);
uint32_t pci_data_read(PCIBus *s, uint32_t addr, unsigned len);

/* Config access with bounds clipped to @limit (256 for conventional). */
void pci_host_config_write_common(PCIDevice *pci_dev, uint32_t addr,
                                  uint32_t limit, uint32_t val, uint32_t len);
uint32_t pci_host_config_read_common(PCIDevice *pci_dev, uint32_t addr,
                                     uint32_t limit, uint32_t len);

extern const MemoryRegionOps pci_host_conf_le_ops;
extern const MemoryRegionOps pci_host_data_le_ops;

#endif
