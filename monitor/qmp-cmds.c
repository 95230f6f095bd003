/*
 * QMP command handlers that belong to no other subsystem.  Each is the
 * qmp_<command> function the generated marshaller (qapi-commands.c)
 * calls with arguments already checked against qapi/schema.
 */
#include "qemu/osdep.h"
#include "sysemu/block-backend.h"
#include "qapi/error.h"
#include "qapi/qmp/qbool.h"
#include "qapi/qmp/qjson.h"
#include "qapi/qmp/qlist.h"
#include "qapi/qmp/qnum.h"
#include "qapi/qmp/qstring.h"
#include "qom/object.h"
#include "qom/qom-qmp-cmds.h"
#include "hw/boards.h"
#include "hw/core/cpu.h"
#include "hw/pci/pci.h"
#include "chardev/char.h"
#include "sysemu/sysemu.h"
#include "sysemu/runstate.h"
#include "sysemu/kvm.h"
#include "monitor/qdev.h"
#include "qapi/qapi-commands.h"
#include "target/i386/cpu.h"
#include "monitor-internal.h"
#include "monitor/qmp-version.h"

QDict *qmp_query_version(Error **errp)
{
    QDict *ver = qdict_new();
    QDict *qemu = qdict_new();

    qdict_put_int(qemu, "micro", QMP_VERSION_MICRO);
    qdict_put_int(qemu, "minor", QMP_VERSION_MINOR);
    qdict_put_int(qemu, "major", QMP_VERSION_MAJOR);
    qdict_put(ver, "qemu", qemu);
    qdict_put_str(ver, "package", QMP_VERSION_PACKAGE);
    return ver;
}

static void add_command_info(const QmpCommand *cmd, void *opaque)
{
    QDict *info = qdict_new();

    qdict_put_str(info, "name", qmp_command_name(cmd));
    qlist_append(opaque, info);
}

QList *qmp_query_commands(Error **errp)
{
    QList *list = qlist_new();

    qmp_for_each_command(&qmp_commands, add_command_info, list);
    return list;
}

QList *qmp_query_events(Error **errp)
{
    QList *list = qlist_new();
    const char *const *ev;

    for (ev = qapi_event_names; *ev; ev++) {
        QDict *info = qdict_new();

        qdict_put_str(info, "name", *ev);
        qlist_append(list, info);
    }
    return list;
}

/*
 * The generated schema lists every command of qapi/schema; leave out
 * the ones whose handler is not linked in, so introspection matches
 * query-commands.
 */
QList *qmp_query_qmp_schema(Error **errp)
{
    QList *all = qobject_to(QList, qobject_from_json(qmp_schema_json,
                                                     &error_abort));
    QList *out = qlist_new();
    QObject *ent;

    while ((ent = qlist_pop(all))) {
        QDict *d = qobject_to(QDict, ent);

        if (!g_strcmp0(qdict_get_try_str(d, "meta-type"), "command") &&
            !qmp_find_command(&qmp_commands, qdict_get_str(d, "name"))) {
            qobject_unref(ent);
            continue;
        }
        qlist_append_obj(out, ent);
    }
    qobject_unref(all);
    return out;
}

void qmp_quit(Error **errp)
{
    no_shutdown = false;
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
}

QDict *qmp_query_status(Error **errp)
{
    QDict *info = qdict_new();

    qdict_put_str(info, "status", RunState_str(runstate_get()));
    qdict_put_bool(info, "singlestep", false);
    qdict_put_bool(info, "running", runstate_is_running());
    return info;
}

void qmp_stop(Error **errp)
{
    if (runstate_check(RUN_STATE_INMIGRATE)) {
        autostart = 0;
    } else {
        vm_stop(RUN_STATE_PAUSED);
    }
}

void qmp_cont(Error **errp)
{
    BlockBackend *blk;

    if (runstate_needs_reset()) {
        error_setg(errp, "Resetting the Virtual Machine is required");
        return;
    }
    if (runstate_check(RUN_STATE_SUSPENDED)) {
        error_setg(errp, "VM is suspended, use system_wakeup");
        return;
    }
    /* Errors that stopped the VM are forgotten: requests are retried. */
    for (blk = blk_next(NULL); blk; blk = blk_next(blk)) {
        blk_iostatus_reset(blk);
    }
    if (runstate_check(RUN_STATE_INMIGRATE)) {
        autostart = 1;
    } else if (!runstate_is_running()) {
        vm_start();
    }
}

void qmp_system_reset(Error **errp)
{
    qemu_system_reset_request(SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET);
}

void qmp_system_powerdown(Error **errp)
{
    qemu_system_powerdown_request();
}

static void do_inject_nmi(CPUState *cpu, void *data)
{
    if (kvm_enabled()) {
        kvm_x86_inject_nmi(cpu);
    }
}

void qmp_inject_nmi(Error **errp)
{
    CPUState *cpu;

    /* As QEMU on x86: every vCPU gets one, in its own thread. */
    CPU_FOREACH(cpu) {
        async_run_on_cpu(cpu, do_inject_nmi, NULL);
    }
}

QDict *qmp_query_name(Error **errp)
{
    QDict *info = qdict_new();

    if (qemu_name) {
        qdict_put_str(info, "name", qemu_name);
    }
    return info;
}

QDict *qmp_query_uuid(Error **errp)
{
    QDict *info = qdict_new();
    const uint8_t *u = qemu_uuid;

    g_autofree char *s = g_strdup_printf(
        "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
        "%02x%02x%02x%02x%02x%02x",
        u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7],
        u[8], u[9], u[10], u[11], u[12], u[13], u[14], u[15]);

    qdict_put_str(info, "UUID", s);
    return info;
}

QDict *qmp_query_kvm(Error **errp)
{
    QDict *info = qdict_new();

    qdict_put_bool(info, "enabled", kvm_enabled());
    /* Built with KVM support, always. */
    qdict_put_bool(info, "present", true);
    return info;
}

QDict *qmp_query_target(Error **errp)
{
    QDict *info = qdict_new();

    qdict_put_str(info, "arch", "x86_64");
    return info;
}

static char *machine_type_short_name(ObjectClass *oc)
{
    const char *name = object_class_get_name(oc);

    return g_strndup(name, strlen(name) - strlen(TYPE_MACHINE_SUFFIX));
}

QList *qmp_query_machines(Error **errp)
{
    GSList *machines = object_class_get_list(TYPE_MACHINE, false);
    GSList *l;
    QList *list = qlist_new();

    for (l = machines; l; l = l->next) {
        MachineClass *mc = MACHINE_CLASS(l->data);
        QDict *info = qdict_new();
        g_autofree char *name = machine_type_short_name(l->data);

        qdict_put_str(info, "name", mc->name ?: name);
        if (mc->alias) {
            qdict_put_str(info, "alias", mc->alias);
        }
        if (mc->is_default) {
            qdict_put_bool(info, "is-default", true);
        }
        qdict_put_int(info, "cpu-max", mc->max_cpus ?: 1);
        qdict_put_bool(info, "hotpluggable-cpus", mc->has_hotpluggable_cpus);
        qdict_put_bool(info, "numa-mem-supported", mc->numa_mem_supported);
        qdict_put_bool(info, "deprecated", !!mc->deprecation_reason);
        if (mc->default_cpu_type) {
            qdict_put_str(info, "default-cpu-type", mc->default_cpu_type);
        }
        if (mc->default_ram_id) {
            qdict_put_str(info, "default-ram-id", mc->default_ram_id);
        }
        qlist_append(list, info);
    }
    g_slist_free(machines);
    return list;
}

static QDict *cpu_props_to_qdict(const CpuInstanceProperties *p)
{
    QDict *d = qdict_new();

    if (p->has_node_id) {
        qdict_put_int(d, "node-id", p->node_id);
    }
    if (p->has_socket_id) {
        qdict_put_int(d, "socket-id", p->socket_id);
    }
    if (p->has_die_id) {
        qdict_put_int(d, "die-id", p->die_id);
    }
    if (p->has_cluster_id) {
        qdict_put_int(d, "cluster-id", p->cluster_id);
    }
    if (p->has_core_id) {
        qdict_put_int(d, "core-id", p->core_id);
    }
    if (p->has_thread_id) {
        qdict_put_int(d, "thread-id", p->thread_id);
    }
    return d;
}

static const CPUArchIdList *possible_cpus(void)
{
    MachineClass *mc;

    if (!current_machine) {
        return NULL;
    }
    mc = MACHINE_GET_CLASS(current_machine);
    return mc->possible_cpu_arch_ids ?
        mc->possible_cpu_arch_ids(current_machine) : NULL;
}

QList *qmp_query_cpus_fast(Error **errp)
{
    const CPUArchIdList *ids = possible_cpus();
    QList *list = qlist_new();
    CPUState *cpu;

    CPU_FOREACH(cpu) {
        QDict *info = qdict_new();
        int64_t arch_id = cpu_get_arch_id(cpu);

        qdict_put_int(info, "cpu-index", cpu->cpu_index);
        g_autofree char *path = object_get_canonical_path(OBJECT(cpu));
        int i;

        qdict_put_str(info, "qom-path", path);
        qdict_put_int(info, "thread-id", cpu->thread_id);
        for (i = 0; ids && i < ids->len; i++) {
            if (ids->cpus[i].arch_id == arch_id) {
                qdict_put(info, "props",
                          cpu_props_to_qdict(&ids->cpus[i].props));
                break;
            }
        }
        qdict_put_str(info, "target", "x86_64");
        qlist_append(list, info);
    }
    return list;
}

QList *qmp_query_hotpluggable_cpus(Error **errp)
{
    const CPUArchIdList *ids = possible_cpus();
    QList *list;
    int i;

    if (!current_machine ||
        !MACHINE_GET_CLASS(current_machine)->has_hotpluggable_cpus || !ids) {
        error_setg(errp, "machine does not support hot-plugging CPUs");
        return NULL;
    }
    list = qlist_new();
    /* QEMU lists the highest slot first. */
    for (i = ids->len - 1; i >= 0; i--) {
        QDict *info = qdict_new();

        qdict_put_str(info, "type", ids->cpus[i].type ?: "");
        qdict_put_int(info, "vcpus-count", ids->cpus[i].vcpus_count);
        qdict_put(info, "props", cpu_props_to_qdict(&ids->cpus[i].props));
        if (ids->cpus[i].cpu) {
            g_autofree char *p = object_get_canonical_path(ids->cpus[i].cpu);

            qdict_put_str(info, "qom-path", p);
        }
        qlist_append(list, info);
    }
    return list;
}

static void add_chardev_info(Chardev *chr, void *opaque)
{
    QDict *info = qdict_new();

    qdict_put_str(info, "label", chr->label);
    qdict_put_str(info, "filename", chr->filename ?: "");
    qdict_put_bool(info, "frontend-open", qemu_chr_frontend_open(chr));
    qlist_append(opaque, info);
}

QList *qmp_query_chardev(Error **errp)
{
    QList *list = qlist_new();

    qemu_chr_foreach(add_chardev_info, list);
    return list;
}

static QDict *pci_device_info(const PCIDeviceInfoEntry *e)
{
    QDict *d = qdict_new();
    QDict *cls = qdict_new();
    QDict *id = qdict_new();
    QList *regions = qlist_new();
    int i;

    qdict_put_int(d, "bus", e->bus);
    qdict_put_int(d, "slot", e->slot);
    qdict_put_int(d, "function", e->func);
    if (e->desc) {
        qdict_put_str(cls, "desc", e->desc);
    }
    qdict_put_int(cls, "class", e->class_id);
    qdict_put(d, "class_info", cls);
    qdict_put_int(id, "device", e->device_id);
    qdict_put_int(id, "vendor", e->vendor_id);
    qdict_put_int(id, "subsystem", e->subsystem_id);
    qdict_put_int(id, "subsystem-vendor", e->subsystem_vendor_id);
    qdict_put(d, "id", id);
    if (e->irq_pin) {
        qdict_put_int(d, "irq", e->irq);
    }
    qdict_put_int(d, "irq_pin", e->irq_pin);
    qdict_put_str(d, "qdev_id", e->qdev_id ?: "");
    for (i = 0; i < e->nr_bars; i++) {
        QDict *r = qdict_new();

        qdict_put_int(r, "bar", e->bars[i].bar);
        qdict_put_str(r, "type", e->bars[i].is_io ? "io" : "memory");
        qdict_put_int(r, "address", e->bars[i].addr);
        qdict_put_int(r, "size", e->bars[i].size);
        if (!e->bars[i].is_io) {
            qdict_put_bool(r, "prefetch", e->bars[i].prefetch);
            qdict_put_bool(r, "mem_type_64", e->bars[i].is_64);
        }
        qlist_append(regions, r);
    }
    qdict_put(d, "regions", regions);
    return d;
}

QList *qmp_query_pci(Error **errp)
{
    PCIBus *bus = pci_get_default_bus();
    QList *list = qlist_new();
    QList *devices;
    QDict *info;
    GArray *devs;
    guint i;

    if (!bus) {
        return list;
    }
    devs = pci_query_devices(bus);
    devices = qlist_new();
    for (i = 0; i < devs->len; i++) {
        qlist_append(devices, pci_device_info(
            &g_array_index(devs, PCIDeviceInfoEntry, i)));
    }
    g_array_free(devs, true);
    info = qdict_new();
    qdict_put_int(info, "bus", 0);
    qdict_put(info, "devices", devices);
    qlist_append(list, info);
    return list;
}

QList *qmp_device_list_properties(const char *typename, Error **errp)
{
    static const char *const hidden[] = {
        "type", "realized", "hotpluggable", "hotplugged", "parent_bus",
    };
    ObjectClass *klass = object_class_by_name(typename);
    QList *all, *out;
    QObject *ent;

    if (!klass) {
        error_set(errp, ERROR_CLASS_DEVICE_NOT_FOUND,
                  "Device '%s' not found", typename);
        return NULL;
    }
    if (!object_class_dynamic_cast(klass, TYPE_DEVICE) ||
        object_class_is_abstract(klass)) {
        error_setg(errp, "Parameter 'typename' expects non-abstract "
                   "device type");
        return NULL;
    }
    all = qmp_qom_list_properties(typename, errp);
    if (!all) {
        return NULL;
    }
    out = qlist_new();
    while ((ent = qlist_pop(all))) {
        const char *name = qdict_get_try_str(qobject_to(QDict, ent), "name");
        bool skip = false;
        size_t i;

        for (i = 0; name && i < ARRAY_SIZE(hidden); i++) {
            skip |= !strcmp(name, hidden[i]);
        }
        if (skip) {
            qobject_unref(ent);
        } else {
            qlist_append_obj(out, ent);
        }
    }
    qobject_unref(all);
    return out;
}

unsigned monitor_device_deleted_count;

void monitor_qmp_device_del(const char *id, Error **errp)
{
    unsigned before = monitor_device_deleted_count;
    g_autofree char *qom = id[0] == '/' ? g_strdup(id)
        : g_strdup_printf("/machine/peripheral/%s", id);
    Object *obj = object_resolve_path(qom, NULL);
    g_autofree char *path = obj ? object_get_canonical_path(obj) : NULL;
    Error *err = NULL;

    qmp_device_del(id, &err);
    if (err) {
        error_propagate(errp, err);
        return;
    }
    /*
     * Removed at once (no guest cooperation needed) and the device
     * code did not report it: do it here, as QEMU's device_unparent.
     */
    if (path && before == monitor_device_deleted_count &&
        !object_resolve_path(path, NULL)) {
        qapi_event_send_device_deleted(true, id, path);
    }
}

/* Run-state changes become QMP events. */
static void runstate_event_hook(RunStateEvent ev, bool guest,
                                ShutdownCause reason, void *opaque)
{
    switch (ev) {
    case RUNSTATE_EVENT_STOP:
        qapi_event_send_stop();
        break;
    case RUNSTATE_EVENT_RESUME:
        qapi_event_send_resume();
        break;
    case RUNSTATE_EVENT_RESET:
        qapi_event_send_reset(guest, ShutdownCause_str(reason));
        break;
    case RUNSTATE_EVENT_SHUTDOWN:
        qapi_event_send_shutdown(guest, ShutdownCause_str(reason));
        break;
    case RUNSTATE_EVENT_POWERDOWN:
        qapi_event_send_powerdown();
        break;
    case RUNSTATE_EVENT_SUSPEND:
        qapi_event_send_suspend();
        break;
    case RUNSTATE_EVENT_WAKEUP:
        qapi_event_send_wakeup();
        break;
    case RUNSTATE_EVENT_GUEST_PANICKED:
        qapi_event_send_guest_panicked(no_shutdown ? "pause" : "poweroff");
        break;
    }
}

void monitor_runstate_hooks_init(void)
{
    runstate_add_event_hook(runstate_event_hook, NULL);
}
