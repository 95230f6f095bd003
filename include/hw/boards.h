/*
 * Machines (boards): MachineClass describes a board type ("pc-i440fx-7.2"),
 * MachineState is the one machine instance at /machine.
 */
#ifndef HW_BOARDS_H
#define HW_BOARDS_H

#include "exec/hwaddr.h"
#include "qemu/module.h"
#include "sysemu/blockdev.h"
#include "sysemu/reset.h"
#include "hw/qdev-core.h"
#include "qom/object.h"

typedef struct MemoryRegion MemoryRegion;
typedef struct HostMemoryBackend HostMemoryBackend;
typedef struct AccelState AccelState;

#define TYPE_MACHINE_SUFFIX "-machine"
/* Machine class names: MACHINE_TYPE_NAME("pc-i440fx-7.2") */
#define MACHINE_TYPE_NAME(machinename) (machinename TYPE_MACHINE_SUFFIX)

#define TYPE_MACHINE "machine"
#undef MACHINE  /* BSD defines it and QEMU guards it too */
OBJECT_DECLARE_TYPE(MachineState, MachineClass, MACHINE)

extern MachineState *current_machine;

/* QAPI types upstream (machine.json); plain structs here. */
typedef struct CpuInstanceProperties {
    bool has_node_id;
    int64_t node_id;
    bool has_socket_id;
    int64_t socket_id;
    bool has_die_id;
    int64_t die_id;
    bool has_cluster_id;
    int64_t cluster_id;
    bool has_core_id;
    int64_t core_id;
    bool has_thread_id;
    int64_t thread_id;
} CpuInstanceProperties;

typedef struct BootConfiguration {
    bool has_order;
    char *order;
    bool has_once;
    char *once;
    bool has_menu;
    bool menu;
    bool has_splash;
    char *splash;
    bool has_splash_time;
    int64_t splash_time;
    bool has_reboot_timeout;
    int64_t reboot_timeout;
    bool has_strict;
    bool strict;
} BootConfiguration;

/* One entry per possible CPU slot. */
typedef struct CPUArchId {
    uint64_t arch_id;
    int64_t vcpus_count;
    CpuInstanceProperties props;
    Object *cpu;
    const char *type;
} CPUArchId;

typedef struct CPUArchIdList {
    int len;
    CPUArchId cpus[];
} CPUArchIdList;

/* Which topology levels a board accepts in -smp. */
typedef struct SMPCompatProps {
    bool prefer_sockets;
    bool dies_supported;
    bool clusters_supported;
} SMPCompatProps;

/* The parsed -smp: total = sockets * dies * clusters * cores * threads. */
typedef struct CpuTopology {
    unsigned int cpus;
    unsigned int sockets;
    unsigned int dies;
    unsigned int clusters;
    unsigned int cores;
    unsigned int threads;
    unsigned int max_cpus;
} CpuTopology;

/* -smp as parsed (QAPI SMPConfiguration upstream). */
typedef struct SMPConfiguration {
    bool has_cpus;
    int64_t cpus;
    bool has_sockets;
    int64_t sockets;
    bool has_dies;
    int64_t dies;
    bool has_clusters;
    int64_t clusters;
    bool has_cores;
    int64_t cores;
    bool has_threads;
    int64_t threads;
    bool has_maxcpus;
    int64_t maxcpus;
} SMPConfiguration;

struct MachineClass {
    ObjectClass parent_class;

    const char *family; /* NULL iff @name identifies a standalone machtype */
    char *name;
    const char *alias;
    const char *desc;
    const char *deprecation_reason;

    void (*init)(MachineState *state);
    void (*reset)(MachineState *state, ShutdownCause reason);
    void (*wakeup)(MachineState *state);
    int (*kvm_type)(MachineState *machine, const char *arg);

    BlockInterfaceType block_default_type;
    int units_per_default_bus;
    int max_cpus;
    int min_cpus;
    int default_cpus;
    unsigned int no_serial:1,
        no_parallel:1,
        no_floppy:1,
        no_cdrom:1,
        no_sdcard:1,
        pci_allow_0_address:1,
        legacy_fw_cfg_order:1;
    bool is_default;
    const char *default_machine_opts;
    const char *default_boot_order;
    const char *default_display;
    /* GlobalProperty* applied to every device of this machine */
    GPtrArray *compat_props;
    const char *hw_version;
    ram_addr_t default_ram_size;
    const char *default_cpu_type;
    bool default_kernel_irqchip_split;
    /* The board models no interrupt controller (the "none" machine). */
    bool no_irqchip;
    bool option_rom_has_mr;
    bool rom_file_has_mr;
    int minimum_page_bits;
    bool has_hotpluggable_cpus;
    bool ignore_memory_transaction_failures;
    int numa_mem_align_shift;
    const char **valid_cpu_types;
    bool auto_enable_numa_with_memhp;
    bool auto_enable_numa_with_memdev;
    bool ignore_boot_device_suffixes;
    bool smbus_no_migration_support;
    bool nvdimm_supported;
    bool numa_mem_supported;
    bool auto_enable_numa;
    SMPCompatProps smp_props;
    /* id of the default RAM backend ("pc.ram"); NULL: board allocates */
    const char *default_ram_id;

    HotplugHandler *(*get_hotplug_handler)(MachineState *machine,
                                           DeviceState *dev);
    bool (*hotplug_allowed)(MachineState *state, DeviceState *dev,
                            Error **errp);
    CpuInstanceProperties (*cpu_index_to_instance_props)(MachineState *machine,
                                                         unsigned cpu_index);
    const CPUArchIdList *(*possible_cpu_arch_ids)(MachineState *machine);
    int64_t (*get_default_cpu_node_id)(const MachineState *ms, int idx);
    ram_addr_t (*fixup_ram_size)(ram_addr_t size);
};

struct MachineState {
    Object parent_obj;

    void *fdt;
    char *dtb;
    char *dumpdtb;
    int phandle_start;
    char *dt_compatible;
    bool dump_guest_core;
    bool mem_merge;
    bool usb;
    bool usb_disabled;
    char *firmware;
    bool iommu;
    bool suppress_vmdesc;
    bool enable_graphics;
    char *ram_memdev_id;
    HostMemoryBackend *memdev;
    /* Main RAM: the memory backend's region, set before mc->init runs. */
    MemoryRegion *ram;
    ram_addr_t ram_size;
    ram_addr_t maxram_size;
    uint64_t ram_slots;
    BootConfiguration boot_config;
    char *kernel_filename;
    char *kernel_cmdline;
    char *initrd_filename;
    const char *cpu_type;
    AccelState *accelerator;
    CPUArchIdList *possible_cpus;
    CpuTopology smp;
    struct NVDIMMState *nvdimms_state;
    struct NumaState *numa_state;
};

/*
 * Register a machine type from a class_init function.  Example:
 *   DEFINE_MACHINE("none", machine_none_machine_init)
 */
#define DEFINE_MACHINE(namestr, machine_initfn) \
    static void machine_initfn##_class_init(ObjectClass *oc, void *data) \
    { \
        MachineClass *mc = MACHINE_CLASS(oc); \
        machine_initfn(mc); \
    } \
    static const TypeInfo machine_initfn##_typeinfo = { \
        .name       = MACHINE_TYPE_NAME(namestr), \
        .parent     = TYPE_MACHINE, \
        .class_init = machine_initfn##_class_init, \
    }; \
    static void machine_initfn##_register_types(void) \
    { \
        type_register_static(&machine_initfn##_typeinfo); \
    } \
    type_init(machine_initfn##_register_types)

/* hw/core/machine.c */
void machine_run_board_init(MachineState *machine, const char *mem_path,
                            Error **errp);
bool machine_usb(MachineState *machine);
int machine_phandle_start(MachineState *machine);
bool machine_dump_guest_core(MachineState *machine);
bool machine_mem_merge(MachineState *machine);
void machine_set_cpu_numa_node(MachineState *machine,
                               const CpuInstanceProperties *props,
                               Error **errp);
void machine_class_allow_dynamic_sysbus_dev(MachineClass *mc,
                                            const char *type);
bool device_is_dynamic_sysbus(MachineClass *mc, DeviceState *dev);
/* Search MachineClass by name or alias; NULL if unknown. */
MachineClass *find_machine(const char *name, GSList *machines);
MachineClass *find_default_machine(GSList *machines);
/* Add every entry of a GlobalProperty array to mc->compat_props. */
void compat_props_add(GPtrArray *arr, GlobalProperty props[], size_t nelem);

/* hw/core/machine-smp.c */
void machine_parse_smp_config(MachineState *ms,
                              const SMPConfiguration *config, Error **errp);
char *cpu_hierarchy_to_string(MachineState *ms);

/* Compat property tables of the versioned machine types. */
extern GlobalProperty hw_compat_7_1[];
extern const size_t hw_compat_7_1_len;
extern GlobalProperty hw_compat_7_0[];
extern const size_t hw_compat_7_0_len;

#endif
