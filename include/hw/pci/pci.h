/*
 * Conventional PCI core: devices, their 256-byte configuration space,
 * BARs, INTx, capabilities and bus-master DMA.
 */
#ifndef HW_PCI_H
#define HW_PCI_H

#include "exec/memory.h"
#include "hw/qdev-core.h"
#include "hw/irq.h"
#include "qom/object.h"
#include "hw/pci/pci_regs.h"
#include "hw/pci/pci_ids.h"

/* devfn helpers */
#define PCI_DEVFN(slot, func)   ((((slot) & 0x1f) << 3) | ((func) & 0x07))
#define PCI_SLOT(devfn)         (((devfn) >> 3) & 0x1f)
#define PCI_FUNC(devfn)         ((devfn) & 0x07)
#define PCI_BUILD_BDF(bus, devfn)     (((bus) << 8) | (devfn))
#define PCI_BUS_NUM(x)          (((x) >> 8) & 0xff)
#define PCI_SLOT_MAX            32
#define PCI_FUNC_MAX            8
#define PCI_DEVFN_MAX           256

#define PCI_NUM_REGIONS 7
#define PCI_ROM_SLOT 6
#define PCI_NUM_PINS 4          /* A-D */

#define PCI_BAR_UNMAPPED (~(pcibus_t)0)

typedef uint64_t pcibus_t;

typedef struct PCIBus PCIBus;
typedef struct PCIDevice PCIDevice;
typedef struct MSIMessage MSIMessage;

struct MSIMessage {
    uint64_t address;
    uint32_t data;
};

typedef void PCIConfigWriteFunc(PCIDevice *pci_dev,
                                uint32_t address, uint32_t data, int len);
typedef uint32_t PCIConfigReadFunc(PCIDevice *pci_dev,
                                   uint32_t address, int len);
typedef void PCIMapIORegionFunc(PCIDevice *pci_dev, int region_num,
                                pcibus_t addr, pcibus_t size, int type);
typedef void PCIUnregisterFunc(PCIDevice *pci_dev);

typedef void (*pci_set_irq_fn)(void *opaque, int irq_num, int level);
typedef int (*pci_map_irq_fn)(PCIDevice *pci_dev, int irq_num);

typedef struct PCIIORegion {
    pcibus_t addr;      /* current PCI mapping address, or PCI_BAR_UNMAPPED */
    pcibus_t size;
    uint8_t type;
    MemoryRegion *memory;
    MemoryRegion *address_space;
} PCIIORegion;

/* Bits in PCIDevice::cap_present */
enum {
    QEMU_PCI_CAP_MSI = 0x1,
    QEMU_PCI_CAP_MSIX = 0x2,
    QEMU_PCI_CAP_EXPRESS = 0x4,
    QEMU_PCI_CAP_MULTIFUNCTION_BITNR = 3,
#define QEMU_PCI_CAP_MULTIFUNCTION (1 << QEMU_PCI_CAP_MULTIFUNCTION_BITNR)
};

#define TYPE_PCI_DEVICE "pci-device"
OBJECT_DECLARE_TYPE(PCIDevice, PCIDeviceClass, PCI_DEVICE)

/* Interfaces a concrete PCI device type implements. */
#define INTERFACE_CXL_DEVICE "cxl-device"
#define INTERFACE_PCIE_DEVICE "pci-express-device"
#define INTERFACE_CONVENTIONAL_PCI_DEVICE "conventional-pci-device"

struct PCIDeviceClass {
    DeviceClass parent_class;

    void (*realize)(PCIDevice *dev, Error **errp);
    PCIUnregisterFunc *exit;
    PCIConfigReadFunc *config_read;
    PCIConfigWriteFunc *config_write;

    uint16_t vendor_id;
    uint16_t device_id;
    uint8_t revision;
    uint16_t class_id;
    uint16_t subsystem_vendor_id;
    uint16_t subsystem_id;
    bool is_bridge;
    const char *romfile;
};

struct PCIDevice {
    DeviceState qdev;
    bool partially_hotplugged;
    bool has_power;

    /* PCI config space */
    uint8_t *config;
    /* Bits set in cmask are checked on load (read-only by design). */
    uint8_t *cmask;
    /* Bits set in wmask are writable by the guest. */
    uint8_t *wmask;
    /* Bits set in w1cmask are write-1-to-clear. */
    uint8_t *w1cmask;
    /* Bytes already claimed by a capability. */
    uint8_t *used;

    int32_t devfn;
    char name[64];
    PCIIORegion io_regions[PCI_NUM_REGIONS];

    PCIConfigReadFunc *config_read;
    PCIConfigWriteFunc *config_write;

    /* Current INTx level of each pin (bit per pin). */
    int irq_state;

    uint32_t cap_present;

    /* MSI-X */
    uint8_t msix_cap;
    int msix_entries_nr;
    uint8_t *msix_table;
    uint8_t *msix_pba;
    MemoryRegion msix_exclusive_bar;
    MemoryRegion msix_table_mmio;
    MemoryRegion msix_pba_mmio;
    unsigned *msix_entry_used;
    bool msix_function_masked;

    /* MSI */
    uint8_t msi_cap;

    /* How an MSI/MSI-X message reaches the interrupt controller. */
    void (*msi_trigger)(PCIDevice *dev, MSIMessage msg);

    /* Option ROM (accepted, only "" is meaningful: no ROM) */
    char *romfile;
    uint32_t rom_bar;
    bool has_rom;
    MemoryRegion rom;

    int32_t bootindex;
};

/* Config space accessors, little-endian as PCI defines. */
static inline void pci_set_byte(uint8_t *config, uint8_t val)
{
    *config = val;
}

static inline uint8_t pci_get_byte(const uint8_t *config)
{
    return *config;
}

static inline void pci_set_word(uint8_t *config, uint16_t val)
{
    config[0] = val;
    config[1] = val >> 8;
}

static inline uint16_t pci_get_word(const uint8_t *config)
{
    return config[0] | (config[1] << 8);
}

static inline void pci_set_long(uint8_t *config, uint32_t val)
{
    pci_set_word(config, val);
    pci_set_word(config + 2, val >> 16);
}

static inline uint32_t pci_get_long(const uint8_t *config)
{
    return pci_get_word(config) | ((uint32_t)pci_get_word(config + 2) << 16);
}

static inline void pci_set_quad(uint8_t *config, uint64_t val)
{
    pci_set_long(config, val);
    pci_set_long(config + 4, val >> 32);
}

static inline uint64_t pci_get_quad(const uint8_t *config)
{
    return pci_get_long(config) | ((uint64_t)pci_get_long(config + 4) << 32);
}

static inline void pci_config_set_vendor_id(uint8_t *pci_config, uint16_t val)
{
    pci_set_word(&pci_config[PCI_VENDOR_ID], val);
}

static inline void pci_config_set_device_id(uint8_t *pci_config, uint16_t val)
{
    pci_set_word(&pci_config[PCI_DEVICE_ID], val);
}

static inline void pci_config_set_revision(uint8_t *pci_config, uint8_t val)
{
    pci_set_byte(&pci_config[PCI_REVISION_ID], val);
}

static inline void pci_config_set_class(uint8_t *pci_config, uint16_t val)
{
    pci_set_word(&pci_config[PCI_CLASS_DEVICE], val);
}

static inline void pci_config_set_prog_interface(uint8_t *pci_config,
                                                 uint8_t val)
{
    pci_set_byte(&pci_config[PCI_CLASS_PROG], val);
}

static inline void pci_config_set_interrupt_pin(uint8_t *pci_config,
                                                uint8_t val)
{
    pci_set_byte(&pci_config[PCI_INTERRUPT_PIN], val);
}

/* Masked-field helpers: value is shifted into the mask's position. */
static inline void pci_word_test_and_set_mask(uint8_t *config, uint16_t mask)
{
    pci_set_word(config, pci_get_word(config) | mask);
}

static inline void pci_word_test_and_clear_mask(uint8_t *config, uint16_t mask)
{
    pci_set_word(config, pci_get_word(config) & ~mask);
}

static inline void pci_long_test_and_set_mask(uint8_t *config, uint32_t mask)
{
    pci_set_long(config, pci_get_long(config) | mask);
}

static inline void pci_long_test_and_clear_mask(uint8_t *config, uint32_t mask)
{
    pci_set_long(config, pci_get_long(config) & ~mask);
}

static inline int pci_intx(PCIDevice *pci_dev)
{
    return pci_get_byte(pci_dev->config + PCI_INTERRUPT_PIN) - 1;
}

static inline uint32_t pci_config_size(const PCIDevice *d)
{
    return PCI_CFG_SPACE_SIZE;
}

static inline uint8_t pci_get_devfn(PCIDevice *d)
{
    return d->devfn;
}

/* Creation */
PCIDevice *pci_new(int devfn, const char *name);
PCIDevice *pci_new_multifunction(int devfn, bool multifunction,
                                 const char *name);
bool pci_realize_and_unref(PCIDevice *dev, PCIBus *bus, Error **errp);
PCIDevice *pci_create_simple(PCIBus *bus, int devfn, const char *name);
PCIDevice *pci_create_simple_multifunction(PCIBus *bus, int devfn,
                                           bool multifunction,
                                           const char *name);
/* Parse "slot[.fn]" (hex, as QEMU's addr= property); -1 on bad input. */
int pci_parse_devfn(const char *str);

/* BARs */
void pci_register_bar(PCIDevice *pci_dev, int region_num,
                      uint8_t attr, MemoryRegion *memory);
pcibus_t pci_get_bar_addr(PCIDevice *pci_dev, int region_num);

/* Capabilities */
int pci_add_capability(PCIDevice *pdev, uint8_t cap_id,
                       uint8_t offset, uint8_t size, Error **errp);
void pci_del_capability(PCIDevice *pci_dev, uint8_t cap_id, uint8_t cap_size);
uint8_t pci_find_capability(PCIDevice *pci_dev, uint8_t cap_id);

/* Config space defaults (device config_read/config_write call these) */
uint32_t pci_default_read_config(PCIDevice *d, uint32_t address, int len);
void pci_default_write_config(PCIDevice *d, uint32_t address,
                              uint32_t val, int len);
/* Re-evaluate BAR mappings after a command/BAR change. */
void pci_update_mappings(PCIDevice *d);
void pci_device_reset(PCIDevice *dev);

/* INTx */
void pci_set_irq(PCIDevice *pci_dev, int level);
static inline void pci_irq_assert(PCIDevice *pci_dev)
{
    pci_set_irq(pci_dev, 1);
}
static inline void pci_irq_deassert(PCIDevice *pci_dev)
{
    pci_set_irq(pci_dev, 0);
}
static inline void pci_irq_pulse(PCIDevice *pci_dev)
{
    pci_irq_assert(pci_dev);
    pci_irq_deassert(pci_dev);
}
qemu_irq pci_allocate_irq(PCIDevice *pci_dev);

/* Bus */
PCIBus *pci_get_bus(const PCIDevice *dev);
int pci_bus_num(PCIBus *s);
PCIDevice *pci_find_device(PCIBus *bus, int bus_num, uint8_t devfn);
void pci_for_each_device(PCIBus *bus, int bus_num,
                         void (*fn)(PCIBus *bus, PCIDevice *d, void *opaque),
                         void *opaque);
PCIBus *pci_root_bus_new(DeviceState *parent, const char *name,
                         MemoryRegion *address_space_mem,
                         MemoryRegion *address_space_io,
                         uint8_t devfn_min, const char *typename);
void pci_bus_irqs(PCIBus *bus, pci_set_irq_fn set_irq, pci_map_irq_fn map_irq,
                  void *irq_opaque, int nirq);
PCIBus *pci_register_root_bus(DeviceState *parent, const char *name,
                              pci_set_irq_fn set_irq, pci_map_irq_fn map_irq,
                              void *irq_opaque,
                              MemoryRegion *address_space_mem,
                              MemoryRegion *address_space_io,
                              uint8_t devfn_min, int nirq,
                              const char *typename);
void pci_bus_reset(PCIBus *bus);
/* The machine's first root bus (bus 0), or NULL. */
PCIBus *pci_get_default_bus(void);
int pci_get_irq_pin_count(PCIBus *bus, int irq_num);

/* Bus-master DMA, bounded by the guest's address space. */
AddressSpace *pci_get_address_space(PCIDevice *dev);
int pci_dma_rw(PCIDevice *dev, uint64_t addr, void *buf, uint64_t len,
               bool is_write);
static inline int pci_dma_read(PCIDevice *dev, uint64_t addr,
                               void *buf, uint64_t len)
{
    return pci_dma_rw(dev, addr, buf, len, false);
}
static inline int pci_dma_write(PCIDevice *dev, uint64_t addr,
                                const void *buf, uint64_t len)
{
    return pci_dma_rw(dev, addr, (void *)buf, len, true);
}

/*
 * Listing for `info pci` / query-pci: one entry per device on bus 0.
 * pci_info_string() renders QEMU's HMP `info pci` text.
 */
typedef struct PCIDeviceInfoEntry {
    int bus, slot, func;
    uint16_t vendor_id, device_id, class_id;
    uint16_t subsystem_vendor_id, subsystem_id;
    uint8_t revision, irq, irq_pin;
    const char *qdev_id;
    const char *desc;
    struct {
        int bar;
        bool is_io, is_64, prefetch;
        pcibus_t addr, size;
    } bars[PCI_NUM_REGIONS];
    int nr_bars;
} PCIDeviceInfoEntry;
GArray *pci_query_devices(PCIBus *bus);
char *pci_info_string(PCIBus *bus);

/* Build "device:function" path element, e.g. "02.0". */
char *pci_dev_fw_name(PCIDevice *dev);

#endif
