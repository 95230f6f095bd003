/*
 * TYPE_MACHINE: the abstract board.  Holds the user's -machine, -m,
 * -smp, -kernel... settings; a concrete board's mc->init builds it.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "hw/boards.h"
#include "qemu/notify.h"
#include "sysemu/hostmem.h"
#include "sysemu/sysemu.h"
#include "hw/qdev-properties.h"

MachineState *current_machine;

/*
 * Boards that must see the -device devices (ACPI tables, fw_cfg files)
 * finish their work from here, once every cold-plugged device exists.
 */
static NotifierList machine_init_done_notifiers =
    NOTIFIER_LIST_INITIALIZER(machine_init_done_notifiers);
static bool machine_init_done;

void qemu_add_machine_init_done_notifier(Notifier *notify)
{
    notifier_list_add(&machine_init_done_notifiers, notify);
    if (machine_init_done) {
        notify->notify(notify, NULL);
    }
}

void qemu_remove_machine_init_done_notifier(Notifier *notify)
{
    notifier_remove(notify);
}

void qemu_run_machine_init_done_notifiers(void)
{
    machine_init_done = true;
    notifier_list_notify(&machine_init_done_notifiers, NULL);
}

#define TYPE_MEMORY_BACKEND_NAME "memory-backend"

/* Only the x-* compat knobs the 7.2 boards need; entries are added as
 * devices grow properties that changed defaults. */
GlobalProperty hw_compat_7_1[] = {
    { "virtio-device", "queue_reset", "false" },
};
const size_t hw_compat_7_1_len = G_N_ELEMENTS(hw_compat_7_1);

GlobalProperty hw_compat_7_0[] = {
    { "arm-gicv3-common", "force-8-bit-prio", "on" },
    { "nvme-ns", "eui64-default", "on"},
};
const size_t hw_compat_7_0_len = G_N_ELEMENTS(hw_compat_7_0);

static MachineInitPhase machine_phase;

bool phase_check(MachineInitPhase phase)
{
    return machine_phase >= phase;
}

void phase_advance(MachineInitPhase phase)
{
    assert(machine_phase == phase - 1);
    machine_phase = phase;
}

void compat_props_add(GPtrArray *arr, GlobalProperty props[], size_t nelem)
{
    size_t i;

    for (i = 0; i < nelem; i++) {
        g_ptr_array_add(arr, (void *)&props[i]);
    }
}

/*** string properties ***/

#define MACHINE_STR_PROP(pname, field)                                     \
static char *machine_get_##field(Object *obj, Error **errp)                \
{                                                                          \
    return g_strdup(MACHINE(obj)->field);                                  \
}                                                                          \
static void machine_set_##field(Object *obj, const char *value,            \
                                Error **errp)                              \
{                                                                          \
    MachineState *ms = MACHINE(obj);                                       \
    g_free(ms->field);                                                     \
    ms->field = g_strdup(value);                                           \
}

MACHINE_STR_PROP("kernel", kernel_filename)
MACHINE_STR_PROP("initrd", initrd_filename)
MACHINE_STR_PROP("append", kernel_cmdline)
MACHINE_STR_PROP("dtb", dtb)
MACHINE_STR_PROP("dumpdtb", dumpdtb)
MACHINE_STR_PROP("dt-compatible", dt_compatible)
MACHINE_STR_PROP("firmware", firmware)
MACHINE_STR_PROP("memory-backend", ram_memdev_id)

/*** bool properties ***/

#define MACHINE_BOOL_PROP(field)                                           \
static bool machine_get_##field(Object *obj, Error **errp)                 \
{                                                                          \
    return MACHINE(obj)->field;                                            \
}                                                                          \
static void machine_set_##field(Object *obj, bool value, Error **errp)     \
{                                                                          \
    MACHINE(obj)->field = value;                                           \
}

MACHINE_BOOL_PROP(dump_guest_core)
MACHINE_BOOL_PROP(mem_merge)
MACHINE_BOOL_PROP(enable_graphics)
MACHINE_BOOL_PROP(suppress_vmdesc)

static bool machine_get_usb(Object *obj, Error **errp)
{
    return MACHINE(obj)->usb;
}

static void machine_set_usb(Object *obj, bool value, Error **errp)
{
    MachineState *ms = MACHINE(obj);

    ms->usb = value;
    ms->usb_disabled = !value;
}

bool machine_usb(MachineState *machine)
{
    return machine->usb;
}

bool machine_dump_guest_core(MachineState *machine)
{
    return machine->dump_guest_core;
}

bool machine_mem_merge(MachineState *machine)
{
    return machine->mem_merge;
}

int machine_phandle_start(MachineState *machine)
{
    return machine->phandle_start;
}

void machine_set_cpu_numa_node(MachineState *machine,
                               const CpuInstanceProperties *props,
                               Error **errp)
{
    /* NUMA is not modelled: every CPU is on node 0. */
}

/*** dynamic sysbus devices ***/

typedef struct DynSysbusList {
    MachineClass *mc;
    char *type;
} DynSysbusList;

static GSList *dyn_sysbus_allowed;

void machine_class_allow_dynamic_sysbus_dev(MachineClass *mc,
                                            const char *type)
{
    DynSysbusList *e = g_new0(DynSysbusList, 1);

    e->mc = mc;
    e->type = g_strdup(type);
    dyn_sysbus_allowed = g_slist_prepend(dyn_sysbus_allowed, e);
}

bool device_is_dynamic_sysbus(MachineClass *mc, DeviceState *dev)
{
    GSList *l;

    for (l = dyn_sysbus_allowed; l; l = l->next) {
        DynSysbusList *e = l->data;

        if (e->mc == mc && object_dynamic_cast(OBJECT(dev), e->type)) {
            return true;
        }
    }
    return false;
}

/*** lookup ***/

MachineClass *find_machine(const char *name, GSList *machines)
{
    GSList *el;

    for (el = machines; el; el = el->next) {
        MachineClass *mc = el->data;

        if (!strcmp(mc->name, name) || !g_strcmp0(mc->alias, name)) {
            return mc;
        }
    }
    return NULL;
}

MachineClass *find_default_machine(GSList *machines)
{
    GSList *el;
    MachineClass *default_machineclass = NULL;

    for (el = machines; el; el = el->next) {
        MachineClass *mc = el->data;

        if (mc->is_default) {
            assert(default_machineclass == NULL && "Multiple default machines");
            default_machineclass = mc;
        }
    }
    return default_machineclass;
}

/*** board init ***/

void machine_run_board_init(MachineState *machine, const char *mem_path,
                            Error **errp)
{
    MachineClass *machine_class = MACHINE_GET_CLASS(machine);

    if (machine->ram_memdev_id) {
        Object *o = object_resolve_path_type(machine->ram_memdev_id,
                                             TYPE_MEMORY_BACKEND_NAME, NULL);

        if (!o) {
            error_setg(errp, "Memory backend '%s' not found",
                       machine->ram_memdev_id);
            return;
        }
        machine->memdev = (HostMemoryBackend *)o;
        if (host_memory_backend_is_mapped(machine->memdev)) {
            error_setg(errp, "memory backend %s can't be used multiple times.",
                       machine->ram_memdev_id);
            return;
        }
        machine->ram = host_memory_backend_get_memory(machine->memdev);
        host_memory_backend_set_mapped(machine->memdev, true);
    }

    if (machine->cpu_type && machine_class->valid_cpu_types) {
        int i;

        for (i = 0; machine_class->valid_cpu_types[i]; i++) {
            if (object_class_dynamic_cast(
                    object_class_by_name(machine->cpu_type),
                    machine_class->valid_cpu_types[i])) {
                break;
            }
        }
        if (!machine_class->valid_cpu_types[i]) {
            error_setg(errp, "Invalid CPU type: %s", machine->cpu_type);
            return;
        }
    }

    if (!phase_check(PHASE_ACCEL_CREATED)) {
        /* Tests and the "none" probe may skip the accelerator phase. */
        machine_phase = PHASE_ACCEL_CREATED;
    }
    machine_class->init(machine);
    phase_advance(PHASE_MACHINE_INITIALIZED);
}

/*** QOM glue ***/

static void machine_class_init(ObjectClass *oc, void *data)
{
    MachineClass *mc = MACHINE_CLASS(oc);

    /* Default 128 MB as has been the QEMU default for years. */
    mc->default_ram_size = 128 * MiB;
    mc->rom_file_has_mr = true;
    mc->max_cpus = 1;
    mc->min_cpus = 1;
    mc->default_cpus = 1;

    object_class_property_add_str(oc, "kernel",
        machine_get_kernel_filename, machine_set_kernel_filename);
    object_class_property_set_description(oc, "kernel",
        "Linux kernel image file");
    object_class_property_add_str(oc, "initrd",
        machine_get_initrd_filename, machine_set_initrd_filename);
    object_class_property_set_description(oc, "initrd",
        "Linux initial ramdisk file");
    object_class_property_add_str(oc, "append",
        machine_get_kernel_cmdline, machine_set_kernel_cmdline);
    object_class_property_set_description(oc, "append",
        "Linux kernel command line");
    object_class_property_add_str(oc, "dtb",
        machine_get_dtb, machine_set_dtb);
    object_class_property_set_description(oc, "dtb",
        "Linux kernel device tree file");
    object_class_property_add_str(oc, "dumpdtb",
        machine_get_dumpdtb, machine_set_dumpdtb);
    object_class_property_set_description(oc, "dumpdtb",
        "Dump current dtb to a file and quit");
    object_class_property_add_str(oc, "dt-compatible",
        machine_get_dt_compatible, machine_set_dt_compatible);
    object_class_property_set_description(oc, "dt-compatible",
        "Overrides the \"compatible\" property of the dt root node");
    object_class_property_add_bool(oc, "dump-guest-core",
        machine_get_dump_guest_core, machine_set_dump_guest_core);
    object_class_property_set_description(oc, "dump-guest-core",
        "Include guest memory in a core dump");
    object_class_property_add_bool(oc, "mem-merge",
        machine_get_mem_merge, machine_set_mem_merge);
    object_class_property_set_description(oc, "mem-merge",
        "Enable/disable memory merge support");
    object_class_property_add_bool(oc, "usb",
        machine_get_usb, machine_set_usb);
    object_class_property_set_description(oc, "usb",
        "Set on/off to enable/disable usb");
    object_class_property_add_bool(oc, "graphics",
        machine_get_enable_graphics, machine_set_enable_graphics);
    object_class_property_set_description(oc, "graphics",
        "Set on/off to enable/disable graphics emulation");
    object_class_property_add_str(oc, "firmware",
        machine_get_firmware, machine_set_firmware);
    object_class_property_set_description(oc, "firmware",
        "Firmware image");
    object_class_property_add_bool(oc, "suppress-vmdesc",
        machine_get_suppress_vmdesc, machine_set_suppress_vmdesc);
    object_class_property_set_description(oc, "suppress-vmdesc",
        "Set on to disable self-describing migration");
    object_class_property_add_str(oc, "memory-backend",
        machine_get_ram_memdev_id, machine_set_ram_memdev_id);
    object_class_property_set_description(oc, "memory-backend",
        "Set RAM backend. Valid value is ID of hostmem based backend");
}

/* "pc-i440fx-7.2-machine" is named "pc-i440fx-7.2" to the user. */
static void machine_class_base_init(ObjectClass *oc, void *data)
{
    MachineClass *mc = MACHINE_CLASS(oc);

    mc->max_cpus = mc->max_cpus ? mc->max_cpus : 1;
    mc->min_cpus = mc->min_cpus ? mc->min_cpus : 1;
    mc->default_cpus = mc->default_cpus ? mc->default_cpus : 1;
    /* The parent's list is shared; each class builds its own. */
    mc->compat_props = g_ptr_array_new();
    if (!object_class_is_abstract(oc)) {
        const char *cname = object_class_get_name(oc);

        if (g_str_has_suffix(cname, TYPE_MACHINE_SUFFIX)) {
            mc->name = g_strndup(cname,
                                 strlen(cname) - strlen(TYPE_MACHINE_SUFFIX));
        } else {
            mc->name = g_strdup(cname);
        }
    }
}

static void machine_initfn(Object *obj)
{
    MachineState *ms = MACHINE(obj);
    MachineClass *mc = MACHINE_GET_CLASS(obj);

    ms->dump_guest_core = true;
    ms->mem_merge = true;
    ms->enable_graphics = true;
    ms->kernel_cmdline = g_strdup("");
    ms->ram_size = mc->default_ram_size;
    ms->maxram_size = mc->default_ram_size;

    /* Defaults for -smp when not given. */
    ms->smp.cpus = mc->default_cpus;
    ms->smp.max_cpus = mc->default_cpus;
    ms->smp.sockets = 1;
    ms->smp.dies = 1;
    ms->smp.clusters = 1;
    ms->smp.cores = 1;
    ms->smp.threads = 1;
}

static void machine_finalize(Object *obj)
{
    MachineState *ms = MACHINE(obj);

    g_free(ms->kernel_filename);
    g_free(ms->initrd_filename);
    g_free(ms->kernel_cmdline);
    g_free(ms->dtb);
    g_free(ms->dumpdtb);
    g_free(ms->dt_compatible);
    g_free(ms->firmware);
    g_free(ms->ram_memdev_id);
}

static const TypeInfo machine_info = {
    .name = TYPE_MACHINE,
    .parent = TYPE_OBJECT,
    .abstract = true,
    .class_size = sizeof(MachineClass),
    .class_init = machine_class_init,
    .class_base_init = machine_class_base_init,
    .instance_size = sizeof(MachineState),
    .instance_init = machine_initfn,
    .instance_finalize = machine_finalize,
};

static void machine_register_types(void)
{
    type_register_static(&machine_info);
}

type_init(machine_register_types)
