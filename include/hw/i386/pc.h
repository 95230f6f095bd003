/*
 * The PC board family (i440FX + PIIX3 "pc" machine).
 */
#ifndef HW_PC_H
#define HW_PC_H

#include "hw/i386/x86.h"
#include "hw/isa/isa.h"
#include "hw/pci/pci.h"

#define TYPE_PC_MACHINE "generic-pc-machine"
OBJECT_DECLARE_TYPE(PCMachineState, PCMachineClass, PC_MACHINE)

struct PCMachineState {
    /*< private >*/
    X86MachineState parent_obj;

    /*< public >*/
    PCIBus *bus;
    ISABus *isa_bus;
    ISADevice *pcspk;
    DeviceState *iommu;
    DeviceState *pic;
    ISADevice *pit;
    DeviceState *hpet;          /* NULL with hpet=off */
    GSIState *gsi_state;

    /* Configuration options: */
    uint64_t max_ram_below_4g;
    bool vmport;
    bool sata_enabled;
    bool pit_enabled;
    bool hpet_enabled;
    bool i8042_enabled;
    bool default_bus_bypass_iommu;
    uint64_t max_fw_size;

    /* True when -kernel was booted directly (no firmware). */
    bool direct_boot;
};

#define PC_MACHINE_ACPI_DEVICE_PROP "acpi-device"
#define PC_MACHINE_MAX_RAM_BELOW_4G "max-ram-below-4g"
#define PC_MACHINE_VMPORT           "vmport"
#define PC_MACHINE_SMBUS            "smbus"
#define PC_MACHINE_SATA             "sata"
#define PC_MACHINE_PIT              "pit"
#define PC_MACHINE_MAX_FW_SIZE      "max-fw-size"

struct PCMachineClass {
    /*< private >*/
    X86MachineClass parent_class;

    /*< public >*/
    bool pci_enabled;
    bool kvmclock_enabled;
    bool has_acpi_build;
    bool rsdp_in_ram;
    int legacy_acpi_table_size;
    unsigned acpi_data_size;
    int pci_root_uid;
    /* Align the lowmem/highmem split to a gigabyte (QEMU's 1.7+ rule). */
    bool gigabyte_align;
    bool has_reserved_memory;
    bool enforce_aligned_dimm;
    bool broken_reserved_end;
    bool enforce_amd_1tb_hole;
    bool smbios_defaults;
    bool smbios_legacy_mode;
    bool smbios_uuid_encoded;
    bool pvh_enabled;
    bool legacy_no_rng_seed;
    const char *default_nic_model;
};

/* Low RAM boundary used by i440FX: at most 3.5 GiB below 4 GiB. */
#define PC_I440FX_LOWMEM_MAX  0xe0000000ULL

/*
 * i440FX lowmem rule: with more RAM than fits below the PCI hole,
 * 0xe0000000 (3.5 GiB) stays below 4 GiB when gigabyte_align is off;
 * with gigabyte_align it's 0xc0000000 (3 GiB) so the high part starts
 * gigabyte aligned.  max_ram_below_4g (when non-zero) caps lowmem.
 */
void pc_i440fx_split_ram(uint64_t ram_size, bool gigabyte_align,
                         uint64_t max_ram_below_4g,
                         uint64_t *below_4g, uint64_t *above_4g);

void pc_memory_init(PCMachineState *pcms, MemoryRegion *system_memory,
                    MemoryRegion *rom_memory, MemoryRegion **ram_memory,
                    uint64_t pci_hole64_size);
void pc_basic_device_init(PCMachineState *pcms, ISABus *isa_bus,
                          qemu_irq *gsi, ISADevice **rtc_state,
                          bool create_fdctrl, uint32_t hpet_irqs);
void pc_guest_info_init(PCMachineState *pcms);
qemu_irq *pc_allocate_gsi(GSIState **state);
void pc_i8259_create(ISABus *isa_bus, qemu_irq *i8259_irqs);
FWCfgState *pc_fw_cfg_init(PCMachineState *pcms);
/* Called once all devices exist: bootorder, e820, direct boot. */
void pc_machine_done(PCMachineState *pcms);

/* Port 0x92 (A20 gate and fast reset) */
#define TYPE_PORT92 "port92"

/* PIIX3 south bridge */
#define TYPE_PIIX3_PCI_DEVICE "pci-piix3"
#define TYPE_PIIX3_DEVICE "PIIX3"
#define PIIX_NUM_PIRQS 4
#define PIIX_PIRQCA 0x60
#define PIIX_RCR_IOPORT 0xcf9
void piix3_set_pic_irqs(PCIDevice *dev, qemu_irq *pic);
ISABus *piix3_get_isa_bus(PCIDevice *dev);

/* i440FX host */
#define TYPE_I440FX_PCI_HOST_BRIDGE "i440FX-pcihost"
#define TYPE_I440FX_PCI_DEVICE "i440FX"
#define I440FX_HOST_PROP_PCI_TYPE "pci-type"

PCIBus *i440fx_init(const char *pci_type, DeviceState *dev,
                    MemoryRegion *address_space_mem,
                    MemoryRegion *address_space_io,
                    ram_addr_t ram_size, ram_addr_t below_4g_mem_size,
                    ram_addr_t above_4g_mem_size,
                    MemoryRegion *pci_memory, MemoryRegion *ram_memory);

/* Machine type definitions */
#define DEFINE_PC_MACHINE(suffix, namestr, initfn, optsfn) \
    static void pc_machine_##suffix##_class_init(ObjectClass *oc, void *data) \
    { \
        MachineClass *mc = MACHINE_CLASS(oc); \
        optsfn(mc); \
        mc->init = initfn; \
    } \
    static const TypeInfo pc_machine_type_##suffix = { \
        .name       = namestr TYPE_MACHINE_SUFFIX, \
        .parent     = TYPE_PC_MACHINE, \
        .class_init = pc_machine_##suffix##_class_init, \
    }; \
    static void pc_machine_init_##suffix(void) \
    { \
        type_register_static(&pc_machine_type_##suffix); \
    } \
    type_init(pc_machine_init_##suffix)

#endif
