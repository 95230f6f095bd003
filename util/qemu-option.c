/*
 * QemuOpts: parsing and querying "key=value,..." option groups.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qmp/qbool.h"
#include "qapi/qmp/qdict.h"
#include "qapi/qmp/qnum.h"
#include "qapi/qmp/qstring.h"
#include "qemu/cutils.h"
#include "qemu/error-report.h"
#include "qemu/help_option.h"
#include "qemu/option.h"

/* ---- value parsing ---- */

/*
 * Copy the value at @p into a new string, turning ",," into ',', and
 * return the position of the terminating ',' or NUL.
 */
const char *get_opt_value(const char *p, char **value)
{
    GString *s = g_string_new(NULL);

    for (;;) {
        const char *comma = qemu_strchrnul(p, ',');

        g_string_append_len(s, p, comma - p);
        if (comma[0] == ',' && comma[1] == ',') {
            g_string_append_c(s, ',');
            p = comma + 2;
            continue;
        }
        *value = g_string_free(s, false);
        return comma;
    }
}

static bool parse_option_bool(const char *name, const char *value, bool *ret,
                              Error **errp)
{
    if (!strcmp(value, "on") || !strcmp(value, "yes") ||
        !strcmp(value, "true") || !strcmp(value, "y")) {
        *ret = true;
        return true;
    }
    if (!strcmp(value, "off") || !strcmp(value, "no") ||
        !strcmp(value, "false") || !strcmp(value, "n")) {
        *ret = false;
        return true;
    }
    error_setg(errp, "Parameter '%s' expects 'on' or 'off'", name);
    return false;
}

static bool parse_option_number(const char *name, const char *value,
                                uint64_t *ret, Error **errp)
{
    uint64_t number;
    int err = qemu_strtou64(value, NULL, 0, &number);

    if (err == -ERANGE) {
        error_setg(errp, "Value '%s' is too large for parameter '%s'",
                   value, name);
        return false;
    }
    if (err) {
        error_setg(errp, "Parameter '%s' expects a number", name);
        return false;
    }
    *ret = number;
    return true;
}

bool parse_option_size(const char *name, const char *value,
                       uint64_t *ret, Error **errp)
{
    uint64_t size;
    int err = qemu_strtosz(value, NULL, &size);

    if (err == -ERANGE) {
        error_setg(errp, "Value '%s' is out of range for parameter '%s'",
                   value, name);
        return false;
    }
    if (err) {
        error_setg(errp, "Parameter '%s' expects a non-negative number "
                   "below 2^64", name);
        error_append_hint(errp, "Optional suffix k, M, G, T, P or E means"
                          " kilo-, mega-, giga-, tera-, peta-\n"
                          "and exabytes, respectively.\n");
        return false;
    }
    *ret = size;
    return true;
}

bool has_help_option(const char *param)
{
    const char *p = param;
    bool result = false;

    while (*p && !result) {
        char *value;

        p = get_opt_value(p, &value);
        if (*p) {
            p++;
        }
        result = is_help_option(value);
        g_free(value);
    }
    return result;
}

/* ---- descriptors ---- */

static const QemuOptDesc *find_desc_by_name(const QemuOptDesc *desc,
                                            const char *name)
{
    for (; desc && desc->name; desc++) {
        if (!strcmp(desc->name, name)) {
            return desc;
        }
    }
    return NULL;
}

/* A list without descriptors takes any option, unchecked. */
static bool opts_accepts_any(const QemuOptsList *list)
{
    return list->desc[0].name == NULL;
}

static const char *find_default_by_name(QemuOpts *opts, const char *name)
{
    const QemuOptDesc *desc = find_desc_by_name(opts->list->desc, name);

    return desc ? desc->def_value_str : NULL;
}

static const char *opt_type_to_string(enum QemuOptType type)
{
    switch (type) {
    case QEMU_OPT_STRING:
        return "str";
    case QEMU_OPT_BOOL:
        return "bool (on/off)";
    case QEMU_OPT_NUMBER:
        return "num";
    case QEMU_OPT_SIZE:
        return "size";
    }
    g_assert_not_reached();
}

static size_t count_opts_list(QemuOptsList *list)
{
    size_t n = 0;

    while (list && list->desc[n].name) {
        n++;
    }
    return n;
}

void qemu_opts_free(QemuOptsList *list)
{
    g_free(list);
}

/*
 * Return a (re)allocated list holding @dst's descriptors followed by
 * those of @list not already present.  Used to combine the creation
 * options of layered block drivers.
 */
QemuOptsList *qemu_opts_append(QemuOptsList *dst, QemuOptsList *list)
{
    size_t n_dst, n_total;
    bool fresh = !dst;
    bool reinit_head = !dst || QTAILQ_EMPTY(&dst->head);
    const QemuOptDesc *desc;

    if (!list) {
        return dst;
    }
    n_dst = count_opts_list(dst);
    n_total = n_dst + count_opts_list(list);
    dst = g_realloc(dst, sizeof(QemuOptsList) +
                    (n_total + 1) * sizeof(QemuOptDesc));
    if (fresh) {
        dst->name = NULL;
        dst->implied_opt_name = NULL;
        dst->merge_lists = false;
    }
    /* An empty head points at itself, which moved with the realloc. */
    if (reinit_head) {
        QTAILQ_INIT(&dst->head);
    }
    dst->desc[n_dst].name = NULL;
    for (desc = list->desc; desc->name; desc++) {
        if (!find_desc_by_name(dst->desc, desc->name)) {
            dst->desc[n_dst++] = *desc;
            dst->desc[n_dst].name = NULL;
        }
    }
    return dst;
}

/* ---- single options ---- */

QemuOpt *qemu_opt_find(QemuOpts *opts, const char *name)
{
    QemuOpt *opt;

    /* The last occurrence wins. */
    QTAILQ_FOREACH_REVERSE(opt, &opts->head, next) {
        if (!strcmp(opt->name, name)) {
            return opt;
        }
    }
    return NULL;
}

static void qemu_opt_del(QemuOpt *opt)
{
    QTAILQ_REMOVE(&opt->opts->head, opt, next);
    g_free(opt->name);
    g_free(opt->str);
    g_free(opt);
}

static void qemu_opt_del_all(QemuOpts *opts, const char *name)
{
    QemuOpt *opt, *next;

    QTAILQ_FOREACH_SAFE(opt, &opts->head, next, next) {
        if (!strcmp(opt->name, name)) {
            qemu_opt_del(opt);
        }
    }
}

const char *qemu_opt_get(QemuOpts *opts, const char *name)
{
    QemuOpt *opt;

    if (!opts) {
        return NULL;
    }
    opt = qemu_opt_find(opts, name);
    return opt ? opt->str : find_default_by_name(opts, name);
}

char *qemu_opt_get_del(QemuOpts *opts, const char *name)
{
    QemuOpt *opt;
    char *str;

    if (!opts) {
        return NULL;
    }
    opt = qemu_opt_find(opts, name);
    if (!opt) {
        return g_strdup(find_default_by_name(opts, name));
    }
    str = opt->str;
    opt->str = NULL;
    qemu_opt_del_all(opts, name);
    return str;
}

void qemu_opt_iter_init(QemuOptsIter *iter, QemuOpts *opts, const char *name)
{
    iter->opts = opts;
    iter->opt = QTAILQ_FIRST(&opts->head);
    iter->name = name;
}

const char *qemu_opt_iter_next(QemuOptsIter *iter)
{
    QemuOpt *opt = iter->opt;

    while (opt && iter->name && strcmp(iter->name, opt->name)) {
        opt = QTAILQ_NEXT(opt, next);
    }
    iter->opt = opt ? QTAILQ_NEXT(opt, next) : NULL;
    return opt ? opt->str : NULL;
}

bool qemu_opt_has_help_opt(QemuOpts *opts)
{
    QemuOpt *opt;

    QTAILQ_FOREACH_REVERSE(opt, &opts->head, next) {
        if (is_help_option(opt->name)) {
            return true;
        }
    }
    return false;
}

/*
 * Typed getters.  Values were validated when set, so a QemuOpt with a
 * descriptor already holds the parsed value.  Options of lists that
 * accept anything have no descriptor; parse those leniently here.
 */
static bool qemu_opt_get_bool_helper(QemuOpts *opts, const char *name,
                                     bool defval, bool del)
{
    QemuOpt *opt;
    const char *def;
    bool ret = defval;

    if (!opts) {
        return defval;
    }
    opt = qemu_opt_find(opts, name);
    if (!opt) {
        def = find_default_by_name(opts, name);
        if (def) {
            parse_option_bool(name, def, &ret, &error_abort);
        }
        return ret;
    }
    if (opt->desc) {
        assert(opt->desc->type == QEMU_OPT_BOOL);
        ret = opt->value.boolean;
    } else if (!parse_option_bool(name, opt->str, &ret, NULL)) {
        ret = defval;
    }
    if (del) {
        qemu_opt_del_all(opts, name);
    }
    return ret;
}

bool qemu_opt_get_bool(QemuOpts *opts, const char *name, bool defval)
{
    return qemu_opt_get_bool_helper(opts, name, defval, false);
}

bool qemu_opt_get_bool_del(QemuOpts *opts, const char *name, bool defval)
{
    return qemu_opt_get_bool_helper(opts, name, defval, true);
}

static uint64_t qemu_opt_get_uint_helper(QemuOpts *opts, const char *name,
                                         uint64_t defval, bool del,
                                         enum QemuOptType type)
{
    bool (*parse)(const char *, const char *, uint64_t *, Error **) =
        type == QEMU_OPT_SIZE ? parse_option_size : parse_option_number;
    QemuOpt *opt;
    const char *def;
    uint64_t ret = defval;

    if (!opts) {
        return defval;
    }
    opt = qemu_opt_find(opts, name);
    if (!opt) {
        def = find_default_by_name(opts, name);
        if (def) {
            parse(name, def, &ret, &error_abort);
        }
        return ret;
    }
    if (opt->desc) {
        assert(opt->desc->type == type);
        ret = opt->value.uint;
    } else if (!parse(name, opt->str, &ret, NULL)) {
        ret = defval;
    }
    if (del) {
        qemu_opt_del_all(opts, name);
    }
    return ret;
}

uint64_t qemu_opt_get_number(QemuOpts *opts, const char *name,
                             uint64_t defval)
{
    return qemu_opt_get_uint_helper(opts, name, defval, false,
                                    QEMU_OPT_NUMBER);
}

uint64_t qemu_opt_get_number_del(QemuOpts *opts, const char *name,
                                 uint64_t defval)
{
    return qemu_opt_get_uint_helper(opts, name, defval, true,
                                    QEMU_OPT_NUMBER);
}

uint64_t qemu_opt_get_size(QemuOpts *opts, const char *name,
                           uint64_t defval)
{
    return qemu_opt_get_uint_helper(opts, name, defval, false,
                                    QEMU_OPT_SIZE);
}

uint64_t qemu_opt_get_size_del(QemuOpts *opts, const char *name,
                               uint64_t defval)
{
    return qemu_opt_get_uint_helper(opts, name, defval, true,
                                    QEMU_OPT_SIZE);
}

static bool qemu_opt_parse(QemuOpt *opt, Error **errp)
{
    if (!opt->desc) {
        return true;
    }
    switch (opt->desc->type) {
    case QEMU_OPT_STRING:
        return true;
    case QEMU_OPT_BOOL:
        return parse_option_bool(opt->name, opt->str, &opt->value.boolean,
                                 errp);
    case QEMU_OPT_NUMBER:
        return parse_option_number(opt->name, opt->str, &opt->value.uint,
                                   errp);
    case QEMU_OPT_SIZE:
        return parse_option_size(opt->name, opt->str, &opt->value.uint,
                                 errp);
    }
    g_assert_not_reached();
}

int qemu_opt_unset(QemuOpts *opts, const char *name)
{
    QemuOpt *opt = qemu_opt_find(opts, name);

    assert(opts_accepts_any(opts->list));
    if (!opt) {
        return -1;
    }
    qemu_opt_del(opt);
    return 0;
}

/* Append a new option; takes ownership of @value. */
static QemuOpt *opt_create(QemuOpts *opts, const char *name, char *value)
{
    QemuOpt *opt = g_new0(QemuOpt, 1);

    opt->name = g_strdup(name);
    opt->str = value;
    opt->opts = opts;
    QTAILQ_INSERT_TAIL(&opts->head, opt, next);
    return opt;
}

static bool opt_validate(QemuOpt *opt, Error **errp)
{
    const QemuOptsList *list = opt->opts->list;
    const QemuOptDesc *desc = find_desc_by_name(list->desc, opt->name);

    if (!desc && !opts_accepts_any(list)) {
        error_setg(errp, "Invalid parameter '%s'", opt->name);
        return false;
    }
    opt->desc = desc;
    return qemu_opt_parse(opt, errp);
}

bool qemu_opt_set(QemuOpts *opts, const char *name, const char *value,
                  Error **errp)
{
    QemuOpt *opt = opt_create(opts, name, g_strdup(value));

    if (!opt_validate(opt, errp)) {
        qemu_opt_del(opt);
        return false;
    }
    return true;
}

/* Common part of the typed setters: check @name, then append. */
static QemuOpt *opt_create_typed(QemuOpts *opts, const char *name,
                                 char *str, Error **errp)
{
    const QemuOptDesc *desc = find_desc_by_name(opts->list->desc, name);
    QemuOpt *opt;

    if (!desc && !opts_accepts_any(opts->list)) {
        error_setg(errp, "Invalid parameter '%s'", name);
        g_free(str);
        return NULL;
    }
    opt = opt_create(opts, name, str);
    opt->desc = desc;
    return opt;
}

bool qemu_opt_set_bool(QemuOpts *opts, const char *name, bool val,
                       Error **errp)
{
    QemuOpt *opt = opt_create_typed(opts, name, g_strdup(val ? "on" : "off"),
                                    errp);

    if (!opt) {
        return false;
    }
    opt->value.boolean = val;
    return true;
}

bool qemu_opt_set_number(QemuOpts *opts, const char *name, int64_t val,
                         Error **errp)
{
    QemuOpt *opt = opt_create_typed(opts, name,
                                    g_strdup_printf("%" PRId64, val), errp);

    if (!opt) {
        return false;
    }
    opt->value.uint = val;
    return true;
}

int qemu_opt_foreach(QemuOpts *opts, qemu_opt_loopfunc func, void *opaque,
                     Error **errp)
{
    QemuOpt *opt;
    int rc;

    QTAILQ_FOREACH(opt, &opts->head, next) {
        rc = func(opaque, opt->name, opt->str, errp);
        if (rc) {
            return rc;
        }
        assert(!errp || !*errp);
    }
    return 0;
}

/* ---- option groups ---- */

QemuOpts *qemu_opts_find(QemuOptsList *list, const char *id)
{
    QemuOpts *opts;

    QTAILQ_FOREACH(opts, &list->head, next) {
        if (!opts->id ? !id : (id && !strcmp(opts->id, id))) {
            return opts;
        }
    }
    return NULL;
}

QemuOpts *qemu_opts_create(QemuOptsList *list, const char *id,
                           int fail_if_exists, Error **errp)
{
    QemuOpts *opts;

    if (list->merge_lists) {
        /* Every use of the option adds to the one, id-less instance. */
        if (id) {
            error_setg(errp, "Invalid parameter '%s'", "id");
            return NULL;
        }
        opts = qemu_opts_find(list, NULL);
        if (opts) {
            return opts;
        }
    } else if (id) {
        if (!id_wellformed(id)) {
            error_setg(errp, "Parameter '%s' expects %s", "id",
                       "an identifier");
            error_append_hint(errp, "Identifiers consist of letters, "
                              "digits, '-', '.', '_', starting with "
                              "a letter.\n");
            return NULL;
        }
        opts = qemu_opts_find(list, id);
        if (opts) {
            if (fail_if_exists) {
                error_setg(errp, "Duplicate ID '%s' for %s", id, list->name);
                return NULL;
            }
            return opts;
        }
    }
    opts = g_new0(QemuOpts, 1);
    opts->id = g_strdup(id);
    opts->list = list;
    loc_save(&opts->loc);
    QTAILQ_INIT(&opts->head);
    QTAILQ_INSERT_TAIL(&list->head, opts, next);
    return opts;
}

void qemu_opts_reset(QemuOptsList *list)
{
    QemuOpts *opts, *next;

    QTAILQ_FOREACH_SAFE(opts, &list->head, next, next) {
        qemu_opts_del(opts);
    }
}

void qemu_opts_loc_restore(QemuOpts *opts)
{
    loc_restore(&opts->loc);
}

const char *qemu_opts_id(QemuOpts *opts)
{
    return opts->id;
}

/* Takes ownership of @id. */
void qemu_opts_set_id(QemuOpts *opts, char *id)
{
    g_free(opts->id);
    opts->id = id;
}

void qemu_opts_del(QemuOpts *opts)
{
    QemuOpt *opt;

    if (!opts) {
        return;
    }
    while ((opt = QTAILQ_FIRST(&opts->head))) {
        qemu_opt_del(opt);
    }
    QTAILQ_REMOVE(&opts->list->head, opts, next);
    g_free(opts->id);
    g_free(opts);
}

/* Print @value with ',' doubled so it could be parsed back. */
static void escaped_print(const char *value)
{
    for (; *value; value++) {
        if (*value == ',') {
            putchar(',');
        }
        putchar(*value);
    }
}

void qemu_opts_print(QemuOpts *opts, const char *separator)
{
    const QemuOptDesc *desc = opts->list->desc;
    const char *sep = "";
    QemuOpt *opt;

    if (opts->id) {
        printf("id=%s", opts->id);
        sep = separator;
    }
    if (opts_accepts_any(opts->list)) {
        QTAILQ_FOREACH(opt, &opts->head, next) {
            printf("%s%s=", sep, opt->name);
            escaped_print(opt->str);
            sep = separator;
        }
        return;
    }
    for (; desc->name; desc++) {
        const char *value;

        opt = qemu_opt_find(opts, desc->name);
        value = opt ? opt->str : desc->def_value_str;
        if (!value) {
            continue;
        }
        if (desc->type == QEMU_OPT_STRING) {
            printf("%s%s=", sep, desc->name);
            escaped_print(value);
        } else if ((desc->type == QEMU_OPT_SIZE ||
                    desc->type == QEMU_OPT_NUMBER) && opt) {
            printf("%s%s=%" PRId64, sep, desc->name, opt->value.uint);
        } else {
            printf("%s%s=%s", sep, desc->name, value);
        }
        sep = separator;
    }
}

static gint compare_strings(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void qemu_opts_print_help(QemuOptsList *list, bool print_caption)
{
    GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
    const QemuOptDesc *desc;
    guint i;

    for (desc = list->desc; desc->name; desc++) {
        GString *str = g_string_new(NULL);

        g_string_append_printf(str, "  %s=<%s>", desc->name,
                               opt_type_to_string(desc->type));
        if (desc->help) {
            if (str->len < 24) {
                g_string_append_printf(str, "%*s", 24 - (int)str->len, "");
            }
            g_string_append_printf(str, " - %s", desc->help);
        }
        g_ptr_array_add(lines, g_string_free(str, false));
    }
    g_ptr_array_sort(lines, compare_strings);
    if (print_caption && lines->len > 0) {
        if (list->name) {
            printf("%s options:\n", list->name);
        } else {
            printf("Options:\n");
        }
    } else if (lines->len == 0) {
        if (list->name) {
            printf("There are no options for %s.\n", list->name);
        } else {
            printf("No options available.\n");
        }
    }
    for (i = 0; i < lines->len; i++) {
        printf("%s\n", (char *)lines->pdata[i]);
    }
    g_ptr_array_free(lines, true);
}

/* ---- parsing "k=v,k2=v2" ---- */

/*
 * Split off the next "name=value" (or bare "name") of @params.
 * A bare first item is the value of @firstname if given; otherwise a
 * bare "name" means name=on and "noname" means name=off, which QEMU
 * deprecates (warned about when @warn_on_flag).  Returns the position
 * after the item and its separating comma.
 */
static const char *get_opt_name_value(const char *params,
                                      const char *firstname,
                                      bool warn_on_flag, bool *help_wanted,
                                      char **name, char **value)
{
    size_t len = strcspn(params, "=,");
    const char *p;

    if (params[len] == '=') {
        *name = g_strndup(params, len);
        p = get_opt_value(params + len + 1, value);
    } else if (firstname) {
        *name = g_strdup(firstname);
        p = get_opt_value(params, value);
    } else {
        const char *prefix = "";
        bool is_help = false;

        *name = g_strndup(params, len);
        p = params + len;
        if (g_str_has_prefix(*name, "no")) {
            memmove(*name, *name + 2, strlen(*name + 2) + 1);
            *value = g_strdup("off");
            prefix = "no";
        } else {
            *value = g_strdup("on");
            is_help = is_help_option(*name);
        }
        if (!is_help && warn_on_flag) {
            warn_report("short-form boolean option '%s%s' deprecated",
                        prefix, *name);
            if (g_str_equal(*name, "delay")) {
                error_printf("Please use nodelay=%s instead\n",
                             prefix[0] ? "on" : "off");
            } else {
                error_printf("Please use %s=%s instead\n", *name, *value);
            }
        }
        if (is_help && help_wanted) {
            *help_wanted = true;
        }
    }
    assert(!*p || *p == ',');
    if (*p == ',') {
        p++;
    }
    return p;
}

static bool opts_do_parse(QemuOpts *opts, const char *params,
                          const char *firstname, bool warn_on_flag,
                          bool *help_wanted, Error **errp)
{
    const char *p = params;
    char *name, *value;
    QemuOpt *opt;

    while (*p) {
        p = get_opt_name_value(p, firstname, warn_on_flag, help_wanted,
                               &name, &value);
        if (help_wanted && *help_wanted) {
            g_free(name);
            g_free(value);
            return false;
        }
        firstname = NULL;
        if (!strcmp(name, "id")) {
            /* Handled by opts_parse_id(). */
            g_free(name);
            g_free(value);
            continue;
        }
        opt = opt_create(opts, name, value);
        g_free(name);
        if (!opt_validate(opt, errp)) {
            qemu_opt_del(opt);
            return false;
        }
    }
    return true;
}

static char *opts_parse_id(const char *params)
{
    const char *p = params;
    char *name, *value;

    while (*p) {
        p = get_opt_name_value(p, NULL, false, NULL, &name, &value);
        if (!strcmp(name, "id")) {
            g_free(name);
            return value;
        }
        g_free(name);
        g_free(value);
    }
    return NULL;
}

bool qemu_opts_do_parse(QemuOpts *opts, const char *params,
                        const char *firstname, Error **errp)
{
    return opts_do_parse(opts, params, firstname, false, NULL, errp);
}

static QemuOpts *opts_parse(QemuOptsList *list, const char *params,
                            bool permit_abbrev, bool warn_on_flag,
                            bool *help_wanted, Error **errp)
{
    const char *firstname = permit_abbrev ? list->implied_opt_name : NULL;
    char *id = opts_parse_id(params);
    QemuOpts *opts;

    opts = qemu_opts_create(list, id, !list->merge_lists, errp);
    g_free(id);
    if (!opts) {
        return NULL;
    }
    if (!opts_do_parse(opts, params, firstname, warn_on_flag, help_wanted,
                       errp)) {
        qemu_opts_del(opts);
        return NULL;
    }
    return opts;
}

QemuOpts *qemu_opts_parse(QemuOptsList *list, const char *params,
                          bool permit_abbrev, Error **errp)
{
    return opts_parse(list, params, permit_abbrev, false, NULL, errp);
}

/*
 * Like qemu_opts_parse, but report errors, warn about deprecated
 * syntax, and print the list's help when the user asked for it.
 */
QemuOpts *qemu_opts_parse_noisily(QemuOptsList *list, const char *params,
                                  bool permit_abbrev)
{
    Error *err = NULL;
    bool help_wanted = false;
    QemuOpts *opts;

    opts = opts_parse(list, params, permit_abbrev, true,
                      opts_accepts_any(list) ? NULL : &help_wanted, &err);
    if (!opts) {
        if (help_wanted) {
            error_free(err);
            qemu_opts_print_help(list, true);
        } else {
            error_report_err(err);
        }
    }
    return opts;
}

void qemu_opts_set_defaults(QemuOptsList *list, const char *params,
                            int permit_abbrev)
{
    const char *firstname = permit_abbrev ? list->implied_opt_name : NULL;
    g_autofree char *id = opts_parse_id(params);
    QemuOpts *opts = qemu_opts_create(list, id, 0, &error_abort);
    const char *p = params;
    char *name, *value;

    while (*p) {
        QemuOpt *opt;

        p = get_opt_name_value(p, firstname, false, NULL, &name, &value);
        firstname = NULL;
        if (!strcmp(name, "id") || qemu_opt_find(opts, name)) {
            g_free(name);
            g_free(value);
            continue;
        }
        opt = opt_create(opts, name, value);
        g_free(name);
        if (!opt_validate(opt, &error_abort)) {
            g_assert_not_reached();
        }
        /* Defaults go first so that anything set later overrides them. */
        QTAILQ_REMOVE(&opts->head, opt, next);
        QTAILQ_INSERT_HEAD(&opts->head, opt, next);
    }
}

bool qemu_opts_validate(QemuOpts *opts, const QemuOptDesc *desc, Error **errp)
{
    QemuOpt *opt;

    assert(opts_accepts_any(opts->list));
    QTAILQ_FOREACH(opt, &opts->head, next) {
        opt->desc = find_desc_by_name(desc, opt->name);
        if (!opt->desc) {
            error_setg(errp, "Invalid parameter '%s'", opt->name);
            return false;
        }
        if (!qemu_opt_parse(opt, errp)) {
            return false;
        }
    }
    return true;
}

int qemu_opts_foreach(QemuOptsList *list, qemu_opts_loopfunc func,
                      void *opaque, Error **errp)
{
    Location loc;
    QemuOpts *opts, *next;
    int rc = 0;

    /* Errors reported by @func name the option being processed. */
    loc_push_none(&loc);
    QTAILQ_FOREACH_SAFE(opts, &list->head, next, next) {
        loc_restore(&opts->loc);
        rc = func(opaque, opts, errp);
        if (rc) {
            break;
        }
        assert(!errp || !*errp);
    }
    loc_pop(&loc);
    return rc;
}

/* ---- QDict conversion ---- */

static bool qemu_opts_from_qdict_entry(QemuOpts *opts,
                                       const QDictEntry *entry,
                                       Error **errp)
{
    const char *key = qdict_entry_key(entry);
    QObject *obj = qdict_entry_value(entry);
    g_autofree char *tmp = NULL;
    const char *value;

    if (!strcmp(key, "id")) {
        return true;
    }
    switch (qobject_type(obj)) {
    case QTYPE_QSTRING:
        value = qstring_get_str(qobject_to(QString, obj));
        break;
    case QTYPE_QNUM:
        tmp = qnum_to_string(qobject_to(QNum, obj));
        value = tmp;
        break;
    case QTYPE_QBOOL:
        value = qbool_get_bool(qobject_to(QBool, obj)) ? "on" : "off";
        break;
    default:
        /* Nested values have no QemuOpts representation; skip them. */
        return true;
    }
    return qemu_opt_set(opts, key, value, errp);
}

QemuOpts *qemu_opts_from_qdict(QemuOptsList *list, const QDict *qdict,
                               Error **errp)
{
    const QDictEntry *entry;
    QemuOpts *opts;

    opts = qemu_opts_create(list, qdict_get_try_str(qdict, "id"), 1, errp);
    if (!opts) {
        return NULL;
    }
    for (entry = qdict_first(qdict); entry;
         entry = qdict_next(qdict, entry)) {
        if (!qemu_opts_from_qdict_entry(opts, entry, errp)) {
            qemu_opts_del(opts);
            return NULL;
        }
    }
    return opts;
}

bool qemu_opts_absorb_qdict(QemuOpts *opts, QDict *qdict, Error **errp)
{
    const QDictEntry *entry = qdict_first(qdict);

    while (entry) {
        const QDictEntry *next = qdict_next(qdict, entry);
        const char *key = qdict_entry_key(entry);

        if (opts_accepts_any(opts->list) ||
            find_desc_by_name(opts->list->desc, key)) {
            if (!qemu_opts_from_qdict_entry(opts, entry, errp)) {
                return false;
            }
            qdict_del(qdict, key);
        }
        entry = next;
    }
    return true;
}

QDict *qemu_opts_to_qdict_filtered(QemuOpts *opts, QDict *qdict,
                                   QemuOptsList *list, bool del)
{
    QemuOpt *opt, *next;

    if (!qdict) {
        qdict = qdict_new();
    }
    if (opts->id) {
        qdict_put_str(qdict, "id", opts->id);
    }
    QTAILQ_FOREACH_SAFE(opt, &opts->head, next, next) {
        if (list && !find_desc_by_name(list->desc, opt->name)) {
            continue;
        }
        qdict_put_str(qdict, opt->name, opt->str);
        if (del) {
            qemu_opt_del(opt);
        }
    }
    return qdict;
}

QDict *qemu_opts_to_qdict(QemuOpts *opts, QDict *qdict)
{
    return qemu_opts_to_qdict_filtered(opts, qdict, NULL, false);
}
