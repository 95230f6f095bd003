/*
 * Common state of the x86 boards: CPUs, RAM split around the PCI hole,
 * the e820 map and direct kernel boot (multiboot, PVH, Linux).
 */
#ifndef HW_I386_X86_H
#define HW_I386_X86_H

#include "exec/memory.h"
#include "qemu/typedefs.h"
#include "hw/boards.h"
#include "hw/nvram/fw_cfg.h"
#include "qom/object.h"
#include "hw/i386/e820_memory_layout.h"

typedef struct ISADevice ISADevice;

struct X86MachineClass {
    /*< private >*/
    MachineClass parent;

    /*< public >*/
    bool fwcfg_dma_enabled;
    bool save_tsc_khz;
    bool compat_apic_id_mode;
};

struct X86MachineState {
    /*< private >*/
    MachineState parent;

    /*< public >*/
    FWCfgState *fw_cfg;
    qemu_irq *gsi;
    DeviceState *ioapic2;
    ISADevice *rtc;
    bool cpu_hotplug_enabled;

    ram_addr_t below_4g_mem_size, above_4g_mem_size;
    /* CPU and apic id info */
    unsigned boot_cpus;
    unsigned pci_irq_mask;
    unsigned apic_id_limit;
    uint16_t boot_cpus_le;

    /* RAM regions of the board (aliases into machine->ram) */
    MemoryRegion ram_below_4g;
    MemoryRegion ram_above_4g;

    /* Start of the area above 4 GiB for RAM. */
    uint64_t above_4g_mem_start;

    /* Direct kernel boot: what was loaded, for tests and logging. */
    int boot_protocol;      /* X86_BOOT_* */
    uint64_t boot_rsdp_addr;    /* RSDP for direct boot, 0 if none */
};

/* What direct kernel boot found in -kernel. */
enum {
    X86_BOOT_NONE = 0,
    X86_BOOT_MULTIBOOT,
    X86_BOOT_PVH,
    X86_BOOT_LINUX,
};

#define X86_MACHINE_SMM              "smm"
#define X86_MACHINE_ACPI             "acpi"
#define X86_MACHINE_PIT              "pit"
#define X86_MACHINE_PIC              "pic"
#define X86_MACHINE_OEM_ID           "x-oem-id"
#define X86_MACHINE_OEM_TABLE_ID     "x-oem-table-id"
#define X86_MACHINE_BUS_LOCK_RATELIMIT  "bus-lock-ratelimit"

#define TYPE_X86_MACHINE   MACHINE_TYPE_NAME("x86")
OBJECT_DECLARE_TYPE(X86MachineState, X86MachineClass, X86_MACHINE)

/* CPUs */
void x86_cpu_new(X86MachineState *pcms, int64_t apic_id, Error **errp);
void x86_cpus_init(X86MachineState *pcms, int default_cpu_version);
const CPUArchIdList *x86_possible_cpu_arch_ids(MachineState *ms);

/* Firmware and boot */
void x86_bios_rom_init(MachineState *ms, const char *default_firmware,
                       MemoryRegion *rom_memory, bool isapc_ram_fw);
void x86_load_linux(X86MachineState *x86ms, FWCfgState *fw_cfg,
                    int acpi_data_size, bool pvh_enabled,
                    bool legacy_no_rng_seed);
/*
 * Direct kernel boot without firmware: load -kernel into guest RAM
 * (multiboot v1, PVH or Linux bzImage) and set the boot CPU's state
 * to the protocol's entry conditions.  Exits with an error message if
 * the kernel is missing or not recognised.
 */
void x86_direct_kernel_boot(X86MachineState *x86ms);
bool x86_machine_is_smm_enabled(const X86MachineState *x86ms);

/* GSI routing for the board's ISA/PCI interrupt lines */
#define GSI_NUM_PINS    24
#define ISA_NUM_IRQS_X86 16

typedef struct GSIState {
    qemu_irq i8259_irq[16];
    qemu_irq ioapic_irq[24];
    qemu_irq ioapic2_irq[24];
} GSIState;

qemu_irq x86_allocate_cpu_irq(void);
void gsi_handler(void *opaque, int n, int level);
void ioapic_init_gsi(GSIState *gsi_state, const char *parent_name);
DeviceState *ioapic_init_secondary(GSIState *gsi_state);

#endif
