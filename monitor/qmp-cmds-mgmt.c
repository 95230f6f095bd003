/*
 * Queries management software (libvirt) sends while probing and starting
 * a guest: migration capabilities, TPM, command-line options, iothreads,
 * jobs.  (CPU model queries: target/i386/cpu-sysemu.c.)
 */
#include "qemu/osdep.h"
#include "sysemu/iothread.h"
#include "qapi/error.h"
#include "qapi/qmp/qbool.h"
#include "qapi/qmp/qdict.h"
#include "qapi/qmp/qlist.h"
#include "qapi/qmp/qstring.h"
#include "qemu/config-file.h"
#include "qemu/option.h"
#include "qom/object.h"
#include "qapi/qapi-commands.h"

/* ---- migration capabilities ---- */

/* Same order as MigrationCapability in qapi/schema/migration.json. */
static const char *const migration_caps[] = {
    "xbzrle", "rdma-pin-all", "auto-converge", "zero-blocks", "compress",
    "events", "postcopy-ram", "x-colo", "release-ram", "block",
    "return-path", "pause-before-switchover", "multifd", "dirty-bitmaps",
    "postcopy-blocktime", "late-block-activate", "x-ignore-shared",
    "validate-uuid", "background-snapshot", "zero-copy-send",
    "postcopy-preempt",
};
static bool migration_cap_state[ARRAY_SIZE(migration_caps)];

static int migration_cap_index(const char *name)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(migration_caps); i++) {
        if (!strcmp(migration_caps[i], name)) {
            return i;
        }
    }
    return -1;
}

bool migrate_use_events(void)
{
    return migration_cap_state[migration_cap_index("events")];
}

QList *qmp_query_migrate_capabilities(Error **errp)
{
    QList *list = qlist_new();
    size_t i;

    for (i = 0; i < ARRAY_SIZE(migration_caps); i++) {
        QDict *cap = qdict_new();

        /* x-colo is experimental and not shown unless set, as QEMU */
        qdict_put_str(cap, "capability", migration_caps[i]);
        qdict_put_bool(cap, "state", migration_cap_state[i]);
        qlist_append(list, cap);
    }
    return list;
}

void qmp_migrate_set_capabilities(QList *capabilities, Error **errp)
{
    bool state[ARRAY_SIZE(migration_caps)];
    QListEntry *e;

    memcpy(state, migration_cap_state, sizeof(state));
    QLIST_FOREACH_ENTRY(capabilities, e) {
        QDict *cap = qobject_to(QDict, qlist_entry_obj(e));
        const char *name = qdict_get_str(cap, "capability");
        int idx = migration_cap_index(name);
        bool on = qdict_get_bool(cap, "state");

        /* The argument checker already validated the enum value. */
        if (idx < 0) {
            error_setg(errp, "Parameter 'capability' does not accept value "
                       "'%s'", name);
            return;
        }
        if (on && strcmp(name, "events")) {
            /* No migration stream yet: only 'events' can be turned on. */
            error_setg(errp, "Migration capability '%s' is not supported",
                       name);
            return;
        }
        state[idx] = on;
    }
    memcpy(migration_cap_state, state, sizeof(state));
}

/* ---- TPM: none emulated ---- */

QList *qmp_query_tpm_models(Error **errp)
{
    return qlist_new();
}

QList *qmp_query_tpm_types(Error **errp)
{
    return qlist_new();
}

/* ---- iothreads: none (no -object iothread yet) ---- */

QList *qmp_query_iothreads(Error **errp)
{
    return iothread_query_list();
}

/* ---- query-command-line-options ---- */

/* The option groups QEMU registers (vm_config_groups and the drive ones). */
static const char *const option_groups[] = {
    "acpi", "accel", "action", "add-fd", "audiodev", "boot-opts", "chardev",
    "device", "drive", "fw_cfg", "global", "icount", "machine", "memory",
    "mon", "msg", "name", "netdev", "numa", "object", "option-rom",
    "overcommit", "plugin", "rtc", "sandbox", "semihosting-config",
    "smbios", "smp-opts", "spice", "tpmdev", "trace", "vnc",
};

static const char *const opt_type_names[] = {
    [QEMU_OPT_STRING] = "string",
    [QEMU_OPT_BOOL] = "boolean",
    [QEMU_OPT_NUMBER] = "number",
    [QEMU_OPT_SIZE] = "size",
};

static QDict *command_line_option_info(QemuOptsList *list)
{
    QDict *info = qdict_new();
    QList *params = qlist_new();
    const QemuOptDesc *d;

    for (d = list->desc; d->name; d++) {
        QDict *p = qdict_new();

        qdict_put_str(p, "name", d->name);
        qdict_put_str(p, "type", opt_type_names[d->type]);
        if (d->help) {
            qdict_put_str(p, "help", d->help);
        }
        if (d->def_value_str) {
            qdict_put_str(p, "default", d->def_value_str);
        }
        qlist_append(params, p);
    }
    qdict_put_str(info, "option", list->name);
    qdict_put(info, "parameters", params);
    return info;
}

QList *qmp_query_command_line_options(bool has_option, const char *option,
                                      Error **errp)
{
    QList *list = qlist_new();
    size_t i;

    for (i = 0; i < ARRAY_SIZE(option_groups); i++) {
        QemuOptsList *ol;

        if (has_option && strcmp(option, option_groups[i])) {
            continue;
        }
        ol = qemu_find_opts_err(option_groups[i], NULL);
        if (ol) {
            qlist_append(list, command_line_option_info(ol));
        }
    }
    if (has_option && qlist_empty(list)) {
        qobject_unref(list);
        error_setg(errp, "Invalid option name: %s", option);
        return NULL;
    }
    return list;
}

/* ---- jobs: no background jobs are implemented ---- */

QList *qmp_query_jobs(Error **errp)
{
    return qlist_new();
}
