/*
 * Human monitor commands: output formats follow QEMU's HMP.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qmp/qjson.h"
#include "qapi/qmp/qlist.h"
#include "qapi/qmp/qstring.h"
#include "qemu/option.h"
#include "qemu/config-file.h"
#include "qom/object.h"
#include "qom/qom-qmp-cmds.h"
#include "hw/qdev-core.h"
#include "hw/sysbus.h"
#include "hw/core/cpu.h"
#include "hw/pci/pci.h"
#include "exec/memory.h"
#include "exec/ioport.h"
#include "exec/address-spaces.h"
#include "qemu/cutils.h"
#include "qemu/bswap.h"
#include "chardev/char.h"
#include "sysemu/runstate.h"
#include "sysemu/kvm.h"
#include "sysemu/sysemu.h"
#include "monitor/qdev.h"
#include "monitor/hmp.h"
#include "qapi/qapi-commands.h"
#include "monitor-internal.h"
#include "monitor/qmp-version.h"

static const char *hmp_arg(const QDict *qdict)
{
    return qdict_get_try_str(qdict, "arg") ?: "";
}

static void info_status(Monitor *mon)
{
    monitor_printf(mon, "VM status: %s", runstate_is_running() ?
                   "running" : "paused");
    if (!runstate_is_running() && !runstate_check(RUN_STATE_PAUSED)) {
        monitor_printf(mon, " (%s)", RunState_str(runstate_get()));
    }
    monitor_printf(mon, "\n");
}

static void info_version(Monitor *mon)
{
    /* QEMU prints the package right after the version. */
    monitor_printf(mon, "%d.%d.%d%s\n", QMP_VERSION_MAJOR, QMP_VERSION_MINOR,
                   QMP_VERSION_MICRO, QMP_VERSION_PACKAGE);
}

static void info_name(Monitor *mon)
{
    if (qemu_name) {
        monitor_printf(mon, "%s\n", qemu_name);
    }
}

static void info_kvm(Monitor *mon)
{
    monitor_printf(mon, "kvm support: %s\n",
                   kvm_enabled() ? "enabled" : "disabled");
}

static void info_cpus(Monitor *mon)
{
    CPUState *cpu;

    CPU_FOREACH(cpu) {
        monitor_printf(mon, "%c CPU #%d: thread_id=%d\n",
                       cpu == first_cpu ? '*' : ' ', cpu->cpu_index,
                       cpu->thread_id);
    }
}

/* Like QEMU: the monitor's CPU (the first), or all with -a. */
static void info_registers(Monitor *mon, const char *args)
{
    bool all = !strcmp(args, "-a");
    CPUState *cpu;

    CPU_FOREACH(cpu) {
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);

        if (!f) {
            return;
        }
        if (all) {
            monitor_printf(mon, "\nCPU#%d\n", cpu->cpu_index);
        }
        cpu_dump_state(cpu, f, CPU_DUMP_FPU);
        fclose(f);
        monitor_puts(mon, buf);
        free(buf);
        if (!all) {
            break;
        }
    }
}

static void info_pci(Monitor *mon)
{
    PCIBus *bus = pci_get_default_bus();
    g_autofree char *s = bus ? pci_info_string(bus) : NULL;

    if (s) {
        monitor_puts(mon, s);
    }
}

static void info_mtree(Monitor *mon, const char *args)
{
    bool flat = strstr(args, "-f") != NULL;
    g_autofree char *s = mtree_info_str(flat, false, false);

    monitor_puts(mon, s);
}

static void print_chardev(Chardev *chr, void *opaque)
{
    monitor_printf(opaque, "%s: filename=%s\n", chr->label,
                   chr->filename ?: "");
}

static void info_chardev(Monitor *mon)
{
    qemu_chr_foreach(print_chardev, mon);
}

static void qtree_print_bus(Monitor *mon, BusState *bus, int indent);

static void qtree_print_dev(Monitor *mon, DeviceState *dev, int indent)
{
    BusState *child;
    BusClass *bc;

    monitor_printf(mon, "%*sdev: %s, id \"%s\"\n", indent, "",
                   object_get_typename(OBJECT(dev)), dev->id ?: "");
    if (dev->parent_bus) {
        bc = BUS_GET_CLASS(dev->parent_bus);
        if (bc->print_dev) {
            bc->print_dev(mon, dev, indent + 2);
        }
    }
    QLIST_FOREACH(child, &dev->child_bus, sibling) {
        qtree_print_bus(mon, child, indent + 2);
    }
}

static void qtree_print_bus(Monitor *mon, BusState *bus, int indent)
{
    BusChild *kid;

    monitor_printf(mon, "%*sbus: %s\n", indent, "", bus->name);
    monitor_printf(mon, "%*stype %s\n", indent + 2, "",
                   object_get_typename(OBJECT(bus)));
    QTAILQ_FOREACH(kid, &bus->children, sibling) {
        qtree_print_dev(mon, kid->child, indent + 2);
    }
}

static void info_qtree(Monitor *mon)
{
    BusState *bus = sysbus_get_default();

    if (bus) {
        qtree_print_bus(mon, bus, 0);
    }
}

typedef struct QomTreeCtx {
    Monitor *mon;
    int indent;
} QomTreeCtx;

static int qom_tree_child(Object *obj, void *opaque)
{
    QomTreeCtx *ctx = opaque;
    QomTreeCtx sub = { ctx->mon, ctx->indent + 2 };
    g_autofree char *path = object_get_canonical_path(obj);
    const char *name = strrchr(path, '/');

    monitor_printf(ctx->mon, "%*s%s (%s)\n", ctx->indent, "",
                   name ? name : path, object_get_typename(obj));
    object_child_foreach(obj, qom_tree_child, &sub);
    return 0;
}

static void info_qom_tree(Monitor *mon, const char *path)
{
    Object *obj = object_resolve_path(*path ? path : "/machine", NULL);
    QomTreeCtx ctx = { mon, 0 };

    if (!obj) {
        monitor_printf(mon, "Path '%s' could not be resolved.\n", path);
        return;
    }
    qom_tree_child(obj, &ctx);
}

static const struct {
    const char *name;
    const char *help;
} info_cmds[] = {
    { "block", "show the block devices" },
    { "chardev", "show the character devices" },
    { "cpus", "show infos for each CPU" },
    { "kvm", "show KVM information" },
    { "mtree", "show memory tree (-f: flat views)" },
    { "name", "show the current VM name" },
    { "network", "show the network state" },
    { "pci", "show PCI info" },
    { "qom-tree", "show QOM composition tree" },
    { "qtree", "show device tree" },
    { "registers", "show the cpu registers" },
    { "status", "show the current VM status (running|paused)" },
    { "version", "show the version of QEMU" },
};

void hmp_info_help(Monitor *mon)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(info_cmds); i++) {
        monitor_printf(mon, "info %s  -- %s\n", info_cmds[i].name,
                       info_cmds[i].help);
    }
}

void hmp_info(Monitor *mon, const QDict *qdict)
{
    g_autofree char *line = g_strdup(hmp_arg(qdict));
    char *args = strchr(line, ' ');
    const char *item = line;

    if (args) {
        *args++ = '\0';
        g_strstrip(args);
    } else {
        args = (char *)"";
    }
    if (!*item) {
        hmp_info_help(mon);
    } else if (!strcmp(item, "status")) {
        info_status(mon);
    } else if (!strcmp(item, "version")) {
        info_version(mon);
    } else if (!strcmp(item, "name")) {
        info_name(mon);
    } else if (!strcmp(item, "kvm")) {
        info_kvm(mon);
    } else if (!strcmp(item, "cpus")) {
        info_cpus(mon);
    } else if (!strcmp(item, "registers")) {
        info_registers(mon, args);
    } else if (!strcmp(item, "pci")) {
        info_pci(mon);
    } else if (!strcmp(item, "block")) {
        hmp_info_block(mon, qdict);
    } else if (!strcmp(item, "chardev")) {
        info_chardev(mon);
    } else if (!strcmp(item, "qtree")) {
        info_qtree(mon);
    } else if (!strcmp(item, "mtree")) {
        info_mtree(mon, args);
    } else if (!strcmp(item, "qom-tree")) {
        info_qom_tree(mon, args);
    } else if (!strcmp(item, "network")) {
        hmp_info_network(mon, qdict);
    } else {
        hmp_info_help(mon);
    }
}

void hmp_stop(Monitor *mon, const QDict *qdict)
{
    qmp_stop(NULL);
}

void hmp_cont(Monitor *mon, const QDict *qdict)
{
    Error *err = NULL;

    qmp_cont(&err);
    hmp_handle_error(mon, err);
}

void hmp_system_reset(Monitor *mon, const QDict *qdict)
{
    qmp_system_reset(NULL);
}

void hmp_system_powerdown(Monitor *mon, const QDict *qdict)
{
    qmp_system_powerdown(NULL);
}

void hmp_quit(Monitor *mon, const QDict *qdict)
{
    monitor_flush(mon);
    qmp_quit(NULL);
}

void hmp_device_add(Monitor *mon, const QDict *qdict)
{
    Error *err = NULL;
    QemuOpts *opts;
    DeviceState *dev;

    opts = qemu_opts_parse_noisily(qemu_find_opts("device"), hmp_arg(qdict),
                                   true);
    if (!opts) {
        return;
    }
    if (qemu_opt_has_help_opt(opts)) {
        qdev_device_help(opts);
        qemu_opts_del(opts);
        return;
    }
    dev = qdev_device_add(opts, &err);
    if (!dev) {
        qemu_opts_del(opts);
        hmp_handle_error(mon, err);
        return;
    }
    object_unref(OBJECT(dev));
}

void hmp_device_del(Monitor *mon, const QDict *qdict)
{
    Error *err = NULL;

    if (!*hmp_arg(qdict)) {
        monitor_printf(mon, "device_del: missing device id\n");
        return;
    }
    monitor_qmp_device_del(hmp_arg(qdict), &err);
    hmp_handle_error(mon, err);
}

static int hmp_split(const QDict *qdict, char **out, int n)
{
    g_auto(GStrv) words = g_strsplit_set(hmp_arg(qdict), " \t", -1);
    int i, k = 0;

    for (i = 0; words[i] && k < n; i++) {
        if (*words[i]) {
            out[k++] = g_strdup(words[i]);
        }
    }
    return k;
}

void hmp_qom_list(Monitor *mon, const QDict *qdict)
{
    const char *path = hmp_arg(qdict);
    Error *err = NULL;
    QList *list;
    QListEntry *e;

    if (!*path) {
        path = "/";
    }
    list = qmp_qom_list(path, &err);
    if (err) {
        hmp_handle_error(mon, err);
        return;
    }
    QLIST_FOREACH_ENTRY(list, e) {
        QDict *d = qobject_to(QDict, qlist_entry_obj(e));

        monitor_printf(mon, "%s (%s)\n", qdict_get_str(d, "name"),
                       qdict_get_str(d, "type"));
    }
    qobject_unref(list);
}

void hmp_qom_get(Monitor *mon, const QDict *qdict)
{
    char *w[2] = { NULL, NULL };
    Error *err = NULL;
    QObject *obj;

    if (hmp_split(qdict, w, 2) != 2) {
        monitor_printf(mon, "usage: qom-get path property\n");
    } else if ((obj = qmp_qom_get(w[0], w[1], &err))) {
        GString *s = qobject_to_json_pretty(obj, true);

        monitor_printf(mon, "%s\n", s->str);
        g_string_free(s, true);
        qobject_unref(obj);
    } else {
        hmp_handle_error(mon, err);
    }
    g_free(w[0]);
    g_free(w[1]);
}

void hmp_qom_set(Monitor *mon, const QDict *qdict)
{
    char *w[3] = { NULL, NULL, NULL };
    Error *err = NULL;
    Object *obj;

    if (hmp_split(qdict, w, 3) != 3) {
        monitor_printf(mon, "usage: qom-set path property value\n");
    } else if (!(obj = object_resolve_path(w[0], NULL))) {
        error_set(&err, ERROR_CLASS_DEVICE_NOT_FOUND,
                  "Device '%s' not found", w[0]);
        hmp_handle_error(mon, err);
    } else {
        object_property_parse(obj, w[1], w[2], &err);
        hmp_handle_error(mon, err);
    }
    g_free(w[0]);
    g_free(w[1]);
    g_free(w[2]);
}

char *qmp_human_monitor_command(const char *command_line, bool has_cpu_index,
                                int64_t cpu_index, Error **errp)
{
    Monitor *mon;

    if (has_cpu_index && !qemu_get_cpu(cpu_index)) {
        error_setg(errp, "Parameter 'cpu-index' expects a CPU index");
        return NULL;
    }
    mon = monitor_new_capture();
    handle_hmp_command(mon, command_line);
    return monitor_free_capture(mon);
}

/* ---- xp, i, o: guest memory and I/O ports ---- */

/*
 * "/[count][format][size]" as QEMU's monitor: format x (hex), d, u, o or
 * c; size b, h, w or g.  Returns false on a malformed specifier.
 */
static bool hmp_parse_fmt(const char **p, int *count, char *fmt, int *size)
{
    const char *s = *p;

    *count = 1;
    if (*s != '/') {
        return true;
    }
    s++;
    if (g_ascii_isdigit(*s)) {
        *count = strtol(s, (char **)&s, 10);
    }
    for (; *s && !g_ascii_isspace(*s); s++) {
        switch (*s) {
        case 'x': case 'd': case 'u': case 'o': case 'c':
            *fmt = *s;
            break;
        case 'b': *size = 1; break;
        case 'h': *size = 2; break;
        case 'w': *size = 4; break;
        case 'g': *size = 8; break;
        default:
            return false;
        }
    }
    *p = s;
    return *count > 0;
}

static void hmp_print_value(Monitor *mon, uint64_t v, char fmt, int size)
{
    switch (fmt) {
    case 'd':
        monitor_printf(mon, " %" PRId64, size == 8 ? (int64_t)v :
                       (int64_t)(v << (64 - 8 * size)) >> (64 - 8 * size));
        break;
    case 'u':
        monitor_printf(mon, " %" PRIu64, v);
        break;
    case 'o':
        monitor_printf(mon, " %#" PRIo64, v);
        break;
    case 'c':
        monitor_printf(mon, " '%c'", g_ascii_isprint(v) ? (int)v : '.');
        break;
    default:
        monitor_printf(mon, " 0x%0*" PRIx64, size * 2, v);
        break;
    }
}

void hmp_physical_memory_dump(Monitor *mon, const QDict *qdict)
{
    const char *p = hmp_arg(qdict);
    g_autofree char *arg = NULL;
    int count, size = 4, per_line, i;
    char fmt = 'x';
    uint64_t addr;

    if (!hmp_parse_fmt(&p, &count, &fmt, &size)) {
        monitor_printf(mon, "invalid format\n");
        return;
    }
    arg = g_strstrip(g_strdup(p));
    if (qemu_strtou64(arg, NULL, 0, &addr) < 0) {
        monitor_printf(mon, "usage: xp /fmt addr\n");
        return;
    }
    per_line = MAX(16 / size, 1);
    for (i = 0; i < count; i++) {
        uint8_t buf[8];
        uint64_t v = 0;

        if (i % per_line == 0) {
            monitor_printf(mon, "%s%016" PRIx64 ":", i ? "\n" : "",
                           addr + (uint64_t)i * size);
        }
        if (address_space_read(&address_space_memory,
                               addr + (uint64_t)i * size,
                               MEMTXATTRS_UNSPECIFIED, buf, size)
            != MEMTX_OK) {
            monitor_printf(mon, " Cannot access memory\n");
            return;
        }
        memcpy(&v, buf, size);
        hmp_print_value(mon, le64_to_cpu(v), fmt, size);
    }
    monitor_printf(mon, "\n");
}

/* i /fmt port: read an I/O port as the CPU would. */
void hmp_ioport_read(Monitor *mon, const QDict *qdict)
{
    const char *p = hmp_arg(qdict);
    g_autofree char *arg = NULL;
    int count, size = 1;
    char fmt = 'x';
    uint64_t port;
    uint32_t v;

    if (!hmp_parse_fmt(&p, &count, &fmt, &size) || size > 4) {
        monitor_printf(mon, "invalid format\n");
        return;
    }
    arg = g_strstrip(g_strdup(p));
    if (qemu_strtou64(arg, NULL, 0, &port) < 0 || port > 0xffff) {
        monitor_printf(mon, "usage: i /fmt port\n");
        return;
    }
    switch (size) {
    case 1:
        v = cpu_inb(port);
        monitor_printf(mon, "portb[0x%04x] = 0x%02x\n", (unsigned)port, v);
        break;
    case 2:
        v = cpu_inw(port);
        monitor_printf(mon, "portw[0x%04x] = 0x%04x\n", (unsigned)port, v);
        break;
    default:
        v = cpu_inl(port);
        monitor_printf(mon, "portl[0x%04x] = 0x%08x\n", (unsigned)port, v);
        break;
    }
}

/* o /fmt port value: write an I/O port. */
void hmp_ioport_write(Monitor *mon, const QDict *qdict)
{
    const char *p = hmp_arg(qdict);
    char *w[2] = { NULL, NULL };
    int count, size = 1, n = 0;
    char fmt = 'x';
    uint64_t port, val;
    g_auto(GStrv) words = NULL;

    if (!hmp_parse_fmt(&p, &count, &fmt, &size) || size > 4) {
        monitor_printf(mon, "invalid format\n");
        return;
    }
    words = g_strsplit_set(p, " \t", -1);
    for (int i = 0; words[i]; i++) {
        if (*words[i] && n < 2) {
            w[n++] = words[i];
        }
    }
    if (n != 2 || qemu_strtou64(w[0], NULL, 0, &port) < 0 || port > 0xffff ||
        qemu_strtou64(w[1], NULL, 0, &val) < 0) {
        monitor_printf(mon, "usage: o /fmt port value\n");
        return;
    }
    switch (size) {
    case 1:
        cpu_outb(port, val);
        break;
    case 2:
        cpu_outw(port, val);
        break;
    default:
        cpu_outl(port, val);
        break;
    }
}

/* nmi: a non-maskable interrupt on every vCPU. */
void hmp_nmi(Monitor *mon, const QDict *qdict)
{
    Error *err = NULL;

    qmp_inject_nmi(&err);
    hmp_handle_error(mon, err);
}

/* block_resize device size (size with an optional k/M/G/T suffix). */
void hmp_block_resize(Monitor *mon, const QDict *qdict)
{
    char *w[2] = { NULL, NULL };
    Error *err = NULL;
    uint64_t size;

    if (hmp_split(qdict, w, 2) != 2 || qemu_strtosz_MiB(w[1], NULL,
                                                        &size) < 0) {
        monitor_printf(mon, "usage: block_resize device size\n");
    } else {
        qmp_block_resize(true, w[0], false, NULL, size, &err);
        hmp_handle_error(mon, err);
    }
    g_free(w[0]);
    g_free(w[1]);
}

/*
 * sendkey keys [hold_ms]: keys joined by '-' ("ctrl-alt-delete"), each a
 * QKeyCode name or a number (0x1d), as QEMU's monitor takes them.
 */
void hmp_sendkey(Monitor *mon, const QDict *qdict)
{
    char *w[2] = { NULL, NULL };
    g_auto(GStrv) names = NULL;
    QList *keys = qlist_new();
    Error *err = NULL;
    int n = hmp_split(qdict, w, 2);
    int64_t hold = 0;
    int i;

    if (n < 1 || (n == 2 && qemu_strtoi64(w[1], NULL, 0, &hold) < 0)) {
        monitor_printf(mon, "usage: sendkey keys [hold_ms]\n");
        goto out;
    }
    names = g_strsplit(w[0], "-", -1);
    for (i = 0; names[i]; i++) {
        QDict *kv = qdict_new();
        uint64_t num;

        if (g_ascii_isdigit(names[i][0]) && names[i][1] &&
            qemu_strtou64(names[i], NULL, 0, &num) == 0) {
            qdict_put_str(kv, "type", "number");
            qdict_put_int(kv, "data", num);
        } else {
            qdict_put_str(kv, "type", "qcode");
            qdict_put_str(kv, "data", names[i]);
        }
        qlist_append(keys, kv);
    }
    qmp_send_key(keys, n == 2, hold, &err);
    hmp_handle_error(mon, err);
out:
    qobject_unref(keys);
    g_free(w[0]);
    g_free(w[1]);
}
