/*
 * Registry of option groups, and -readconfig style config files.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qmp/qdict.h"
#include "qapi/qmp/qlist.h"
#include "qemu/config-file.h"
#include "qemu/error-report.h"
#include "qemu/option.h"

/* Option groups registered by qemu_add_opts (vm_config_groups in QEMU). */
static GPtrArray *vm_config_groups;
static GPtrArray *drive_config_groups;

static QemuOptsList *find_list(GPtrArray *lists, const char *group,
                               Error **errp)
{
    guint i;

    for (i = 0; lists && i < lists->len; i++) {
        QemuOptsList *list = g_ptr_array_index(lists, i);

        if (!strcmp(list->name, group)) {
            return list;
        }
    }
    error_setg(errp, "There is no option group '%s'", group);
    return NULL;
}

QemuOptsList *qemu_find_opts(const char *group)
{
    Error *local_err = NULL;
    QemuOptsList *ret = find_list(vm_config_groups, group, &local_err);

    if (local_err) {
        error_report_err(local_err);
    }
    return ret;
}

QemuOptsList *qemu_find_opts_err(const char *group, Error **errp)
{
    return find_list(vm_config_groups, group, errp);
}

QemuOpts *qemu_find_opts_singleton(const char *group)
{
    QemuOptsList *list = qemu_find_opts(group);
    QemuOpts *opts;

    assert(list);
    opts = qemu_opts_find(list, NULL);
    if (!opts) {
        opts = qemu_opts_create(list, NULL, 0, &error_abort);
    }
    return opts;
}

void qemu_add_drive_opts(QemuOptsList *list)
{
    if (!drive_config_groups) {
        drive_config_groups = g_ptr_array_new();
    }
    g_ptr_array_add(drive_config_groups, list);
}

void qemu_add_opts(QemuOptsList *list)
{
    guint i;

    if (!vm_config_groups) {
        vm_config_groups = g_ptr_array_new();
    }
    /* Registering the same group twice is harmless. */
    for (i = 0; i < vm_config_groups->len; i++) {
        if (g_ptr_array_index(vm_config_groups, i) == list) {
            return;
        }
    }
    g_ptr_array_add(vm_config_groups, list);
}

static const char *opt_type_to_qapi(enum QemuOptType type)
{
    switch (type) {
    case QEMU_OPT_STRING:
        return "string";
    case QEMU_OPT_BOOL:
        return "boolean";
    case QEMU_OPT_NUMBER:
        return "number";
    case QEMU_OPT_SIZE:
        return "size";
    }
    g_assert_not_reached();
}

/*
 * Append the parameters of @desc not yet in @seen to @params.  QEMU
 * builds these lists by prepending, so they come out in reverse; match
 * that by walking backwards.
 */
static void add_option_descs(GPtrArray *params, GHashTable *seen,
                             const QemuOptDesc *desc)
{
    int n = 0, i;

    while (desc[n].name) {
        n++;
    }
    for (i = n - 1; i >= 0; i--) {
        QDict *p;

        if (g_hash_table_contains(seen, desc[i].name)) {
            continue;
        }
        g_hash_table_add(seen, (gpointer)desc[i].name);
        p = qdict_new();
        qdict_put_str(p, "name", desc[i].name);
        qdict_put_str(p, "type", opt_type_to_qapi(desc[i].type));
        if (desc[i].help) {
            qdict_put_str(p, "help", desc[i].help);
        }
        if (desc[i].def_value_str) {
            qdict_put_str(p, "default", desc[i].def_value_str);
        }
        g_ptr_array_add(params, p);
    }
}

static QDict *query_group(QemuOptsList *list)
{
    g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);
    g_autoptr(GPtrArray) params = g_ptr_array_new();
    QList *qparams = qlist_new();
    QDict *info = qdict_new();
    guint i;

    if (!strcmp(list->name, "drive") && drive_config_groups) {
        for (i = drive_config_groups->len; i > 0; i--) {
            QemuOptsList *d = g_ptr_array_index(drive_config_groups, i - 1);

            add_option_descs(params, seen, d->desc);
        }
    } else {
        add_option_descs(params, seen, list->desc);
    }
    for (i = 0; i < params->len; i++) {
        QDict *p = g_ptr_array_index(params, i);

        qlist_append_obj(qparams, QOBJECT(p));
    }
    qdict_put_str(info, "option", list->name);
    qdict_put_obj(info, "parameters", QOBJECT(qparams));
    return info;
}

QList *qemu_query_command_line_options(const char *option, Error **errp)
{
    QList *result = qlist_new();
    guint i;

    for (i = vm_config_groups ? vm_config_groups->len : 0; i > 0; i--) {
        QemuOptsList *list = g_ptr_array_index(vm_config_groups, i - 1);

        if (!option || !strcmp(option, list->name)) {
            qlist_append_obj(result, QOBJECT(query_group(list)));
        }
    }
    if (option && qlist_empty(result)) {
        qobject_unref(result);
        error_setg(errp, "invalid option name: %s", option);
        return NULL;
    }
    return result;
}

/* -global driver.property=value, or -global driver=d,property=p,value=v */
int qemu_global_option(const char *str)
{
    char driver[64], property[64];
    QemuOptsList *list = qemu_find_opts("global");
    QemuOpts *opts;
    int rc, offset;

    if (!list) {
        return -1;
    }
    rc = sscanf(str, "%63[^.=].%63[^=]%n", driver, property, &offset);
    if (rc == 2 && str[offset] == '=') {
        opts = qemu_opts_create(list, NULL, 0, &error_abort);
        qemu_opt_set(opts, "driver", driver, &error_abort);
        qemu_opt_set(opts, "property", property, &error_abort);
        qemu_opt_set(opts, "value", str + offset + 1, &error_abort);
        return 0;
    }
    opts = qemu_opts_parse_noisily(list, str, false);
    if (!opts) {
        return -1;
    }
    return 0;
}

typedef struct ConfigWriteData {
    QemuOptsList *list;
    FILE *fp;
} ConfigWriteData;

static int config_write_opt(void *opaque, const char *name, const char *value,
                            Error **errp)
{
    ConfigWriteData *data = opaque;

    fprintf(data->fp, "  %s = \"%s\"\n", name, value);
    return 0;
}

static int config_write_opts(void *opaque, QemuOpts *opts, Error **errp)
{
    ConfigWriteData *data = opaque;
    const char *id = qemu_opts_id(opts);

    if (id) {
        fprintf(data->fp, "[%s \"%s\"]\n", data->list->name, id);
    } else {
        fprintf(data->fp, "[%s]\n", data->list->name);
    }
    qemu_opt_foreach(opts, config_write_opt, data, NULL);
    fprintf(data->fp, "\n");
    return 0;
}

void qemu_config_write(FILE *fp)
{
    ConfigWriteData data = { .fp = fp };
    guint i;

    fprintf(fp, "# qemu config file\n\n");
    for (i = 0; vm_config_groups && i < vm_config_groups->len; i++) {
        data.list = g_ptr_array_index(vm_config_groups, i);
        qemu_opts_foreach(data.list, config_write_opts, &data, NULL);
    }
}

/*
 * Parse the ini-like config format:
 *     [group] / [group "id"]
 *       key = "value"
 * Each section is turned into a QDict and handed to @cb (or, without
 * a callback, into QemuOpts of the matching group in @lists).
 * Returns the number of sections, -1 on error.
 */
static bool config_section_to_opts(QemuOptsList **lists, const char *group,
                                   QDict *qdict, Error **errp)
{
    QemuOptsList *list = NULL;
    QemuOpts *opts;
    int i;

    for (i = 0; lists[i]; i++) {
        if (!strcmp(lists[i]->name, group)) {
            list = lists[i];
            break;
        }
    }
    if (!list) {
        error_setg(errp, "There is no option group '%s'", group);
        return false;
    }
    opts = qemu_opts_from_qdict(list, qdict, errp);
    return opts != NULL;
}

/* Hand a finished section to @cb, or to the matching QemuOpts group. */
static void config_section_done(QemuOptsList **lists, QEMUConfigCB *cb,
                                const char *group, QDict *qdict,
                                Error **errp)
{
    if (cb) {
        cb(group, qdict, NULL, errp);
    } else {
        config_section_to_opts(lists, group, qdict, errp);
    }
}

int qemu_config_parse(FILE *fp, QemuOptsList **lists, const char *fname,
                      QEMUConfigCB *cb, Error **errp)
{
    char line[1024], group[64], id[64], arg[64], value[1024];
    g_autofree char *cur_group = NULL;
    Error *local_err = NULL;
    QDict *qdict = NULL;
    Location loc;
    int res = -1;
    int lno = 0;
    int count = 0;

    loc_push_none(&loc);
    while (fgets(line, sizeof(line), fp)) {
        ++lno;
        loc_set_file(fname, lno);
        if (line[0] == '\n' || line[0] == '#') {
            continue;
        }
        if (sscanf(line, "[%63s \"%63[^\"]\"]", group, id) == 2 ||
            sscanf(line, "[%63[^]]]", group) == 1) {
            bool with_id = strchr(line, '"') != NULL;

            if (qdict) {
                config_section_done(lists, cb, cur_group, qdict, &local_err);
                qobject_unref(qdict);
                qdict = NULL;
                if (local_err) {
                    goto out;
                }
            }
            qdict = qdict_new();
            if (with_id) {
                qdict_put_str(qdict, "id", id);
            }
            g_free(cur_group);
            cur_group = g_strdup(group);
            count++;
            continue;
        }
        value[0] = '\0';
        /* As in QEMU, a lone word counts as a key with an empty value. */
        if (sscanf(line, " %63s = \"%1023[^\"]\"", arg, value) == 2 ||
            sscanf(line, " %63s = \"\"", arg) == 1) {
            if (!qdict) {
                error_setg(&local_err, "no group defined");
                goto out;
            }
            qdict_put_str(qdict, arg, value);
            continue;
        }
        error_setg(&local_err, "parse error");
        goto out;
    }
    if (ferror(fp)) {
        loc_pop(&loc);
        error_setg_errno(errp, errno, "Cannot read config file");
        qobject_unref(qdict);
        return -1;
    }
    if (qdict) {
        config_section_done(lists, cb, cur_group, qdict, &local_err);
        if (local_err) {
            goto out;
        }
    }
    res = count;
out:
    /*
     * Propagate while the file location is current, so that a caller
     * passing &error_fatal gets "file:line: message".
     */
    error_propagate(errp, local_err);
    loc_pop(&loc);
    qobject_unref(qdict);
    return res;
}

int qemu_read_config_file(const char *filename, QEMUConfigCB *cb,
                          Error **errp)
{
    FILE *f = fopen(filename, "r");
    QemuOptsList **lists;
    int ret;
    guint i;

    if (f == NULL) {
        error_setg_file_open(errp, errno, filename);
        return -errno;
    }
    lists = g_new0(QemuOptsList *, vm_config_groups ?
                   vm_config_groups->len + 1 : 1);
    for (i = 0; vm_config_groups && i < vm_config_groups->len; i++) {
        lists[i] = g_ptr_array_index(vm_config_groups, i);
    }
    ret = qemu_config_parse(f, lists, filename, cb, errp);
    g_free(lists);
    fclose(f);
    return ret < 0 ? -EINVAL : ret;
}
