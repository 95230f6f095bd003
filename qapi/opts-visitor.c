/*
 * Options visitor (see include/qapi/opts-visitor.h).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/opts-visitor.h"
#include "qapi/qmp/qerror.h"
#include "qapi/visitor-impl.h"
#include "qemu/option.h"
#include "qapi-util-int.h"

typedef struct OptEntry {
    char *name;
    char *str;          /* NULL for a bare "name" (boolean flag) */
} OptEntry;

enum ListMode {
    LM_NONE,             /* not traversing a list of repeated options */
    LM_IN_PROGRESS,      /* opts_next_list() ready to be called */
    LM_SIGNED_INTERVAL,  /* inside a signed range: next value pending */
    LM_UNSIGNED_INTERVAL,/* inside an unsigned range: next value pending */
    LM_TRAVERSED,        /* all repeated options consumed */
};

typedef enum ListMode ListMode;

typedef struct OptsVisitor {
    Visitor visitor;

    /* Ownership remains with opts_visitor_new()'s caller. */
    const QemuOpts *opts_root;

    unsigned depth;

    /* All options, in order; owns the entries. */
    GPtrArray *entries;

    /*
     * Non-null iff depth is positive.  Key is option name, value is a
     * GQueue of OptEntry pointers (all occurrences, in order).  Entries
     * are removed as they are processed.
     */
    GHashTable *unprocessed_opts;

    /* The list currently being traversed with opts_next_list() */
    GQueue *repeated_opts;
    ListMode list_mode;

    union {
        int64_t s;
        uint64_t u;
    } range_next, range_limit;
} OptsVisitor;

static OptsVisitor *to_ov(Visitor *v)
{
    return container_of(v, OptsVisitor, visitor);
}

static void destroy_list(gpointer list)
{
    g_queue_free(list);
}

static void opts_visitor_insert(OptsVisitor *ov, const char *name,
                                const char *str)
{
    OptEntry *opt = g_new0(OptEntry, 1);
    GQueue *list;

    opt->name = g_strdup(name);
    opt->str = g_strdup(str);
    g_ptr_array_add(ov->entries, opt);

    list = g_hash_table_lookup(ov->unprocessed_opts, opt->name);
    if (!list) {
        list = g_queue_new();
        /* The key is borrowed from the entry, which outlives the table. */
        g_hash_table_insert(ov->unprocessed_opts, opt->name, list);
    }
    g_queue_push_tail(list, opt);
}

static int collect_opt(void *opaque, const char *name, const char *value,
                       Error **errp)
{
    opts_visitor_insert(opaque, name, value);
    return 0;
}

static void free_entry(gpointer p)
{
    OptEntry *opt = p;

    g_free(opt->name);
    g_free(opt->str);
    g_free(opt);
}

static bool opts_start_struct(Visitor *v, const char *name, void **obj,
                              size_t size, Error **errp)
{
    OptsVisitor *ov = to_ov(v);
    const char *id;

    if (obj) {
        *obj = g_malloc0(size);
    }
    if (ov->depth++ > 0) {
        return true;    /* nested structs are flattened */
    }

    ov->unprocessed_opts = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                 NULL, &destroy_list);
    qemu_opt_foreach((QemuOpts *)ov->opts_root, collect_opt, ov, NULL);
    id = qemu_opts_id((QemuOpts *)ov->opts_root);
    if (id) {
        opts_visitor_insert(ov, "id", id);
    }
    return true;
}

static bool opts_check_struct(Visitor *v, Error **errp)
{
    OptsVisitor *ov = to_ov(v);
    guint i;

    if (ov->depth > 1) {
        return true;
    }

    /* All (distinct) options must have been processed; report the first */
    for (i = 0; i < ov->entries->len; i++) {
        OptEntry *opt = g_ptr_array_index(ov->entries, i);

        if (g_hash_table_contains(ov->unprocessed_opts, opt->name)) {
            error_setg(errp, QERR_INVALID_PARAMETER, opt->name);
            return false;
        }
    }
    return true;
}

static void opts_end_struct(Visitor *v, void **obj)
{
    OptsVisitor *ov = to_ov(v);

    if (--ov->depth > 0) {
        return;
    }

    g_hash_table_destroy(ov->unprocessed_opts);
    ov->unprocessed_opts = NULL;
}

static GQueue *lookup_distinct(const OptsVisitor *ov, const char *name,
                               Error **errp)
{
    GQueue *list;

    list = g_hash_table_lookup(ov->unprocessed_opts, name);
    if (!list) {
        error_setg(errp, QERR_MISSING_PARAMETER, name);
    }
    return list;
}

static bool opts_start_list(Visitor *v, const char *name, GenericList **list,
                            size_t size, Error **errp)
{
    OptsVisitor *ov = to_ov(v);

    /* we can't traverse a list in a list */
    assert(ov->list_mode == LM_NONE);
    /* we don't support visits without a list */
    assert(list);
    ov->repeated_opts = lookup_distinct(ov, name, errp);
    if (!ov->repeated_opts) {
        *list = NULL;
        return false;
    }
    ov->list_mode = LM_IN_PROGRESS;
    *list = g_malloc0(size);
    return true;
}

static GenericList *opts_next_list(Visitor *v, GenericList *tail,
                                   size_t size)
{
    OptsVisitor *ov = to_ov(v);

    switch (ov->list_mode) {
    case LM_TRAVERSED:
        return NULL;
    case LM_SIGNED_INTERVAL:
    case LM_UNSIGNED_INTERVAL:
        if (ov->list_mode == LM_SIGNED_INTERVAL) {
            if (ov->range_next.s < ov->range_limit.s) {
                ++ov->range_next.s;
                break;
            }
        } else if (ov->range_next.u < ov->range_limit.u) {
            ++ov->range_next.u;
            break;
        }
        ov->list_mode = LM_IN_PROGRESS;
        /* range has been completed, fall through in order to pop option */
        /* fall through */
    case LM_IN_PROGRESS: {
        OptEntry *opt = g_queue_pop_head(ov->repeated_opts);

        if (g_queue_is_empty(ov->repeated_opts)) {
            g_hash_table_remove(ov->unprocessed_opts, opt->name);
            ov->repeated_opts = NULL;
            ov->list_mode = LM_TRAVERSED;
            return NULL;
        }
        break;
    }
    default:
        abort();
    }

    tail->next = g_malloc0(size);
    return tail->next;
}

static bool opts_check_list(Visitor *v, Error **errp)
{
    /* Unvisited list elements are reported by opts_check_struct() */
    return true;
}

static void opts_end_list(Visitor *v, void **obj)
{
    OptsVisitor *ov = to_ov(v);

    assert(ov->list_mode == LM_IN_PROGRESS ||
           ov->list_mode == LM_SIGNED_INTERVAL ||
           ov->list_mode == LM_UNSIGNED_INTERVAL ||
           ov->list_mode == LM_TRAVERSED);
    ov->repeated_opts = NULL;
    ov->list_mode = LM_NONE;
}

static const OptEntry *lookup_scalar(const OptsVisitor *ov, const char *name,
                                     Error **errp)
{
    if (ov->list_mode == LM_NONE) {
        GQueue *list;

        /* the last occurrence of any option wins */
        list = lookup_distinct(ov, name, errp);
        return list ? g_queue_peek_tail(list) : NULL;
    }
    if (ov->list_mode == LM_TRAVERSED) {
        error_setg(errp, "Fewer list elements than expected");
        return NULL;
    }
    assert(ov->list_mode == LM_IN_PROGRESS);
    return g_queue_peek_head(ov->repeated_opts);
}

static void processed(OptsVisitor *ov, const char *name)
{
    if (ov->list_mode == LM_NONE) {
        g_hash_table_remove(ov->unprocessed_opts, name);
        return;
    }
    assert(ov->list_mode == LM_IN_PROGRESS);
    /* do nothing */
}

static bool opts_type_str(Visitor *v, const char *name, char **obj,
                          Error **errp)
{
    OptsVisitor *ov = to_ov(v);
    const OptEntry *opt;

    opt = lookup_scalar(ov, name, errp);
    if (!opt) {
        *obj = NULL;
        return false;
    }
    *obj = g_strdup(opt->str ? opt->str : "");
    /* Note that we consume a string even if this is called as part of
     * an enum visit that later fails because the string is not a
     * valid enum value; this is harmless because tracking what gets
     * consumed only matters to visit_end_struct() as the final error
     * check if there were no other failures during the visit.  */
    processed(ov, name);
    return true;
}

static bool opts_type_bool(Visitor *v, const char *name, bool *obj,
                           Error **errp)
{
    OptsVisitor *ov = to_ov(v);
    const OptEntry *opt;

    opt = lookup_scalar(ov, name, errp);
    if (!opt) {
        return false;
    }
    if (opt->str) {
        if (!qapi_bool_parse(opt->name, opt->str, obj, errp)) {
            return false;
        }
    } else {
        *obj = true;
    }

    processed(ov, name);
    return true;
}

static bool opts_type_int64(Visitor *v, const char *name, int64_t *obj,
                            Error **errp)
{
    OptsVisitor *ov = to_ov(v);
    const OptEntry *opt;
    const char *str;
    long long val;
    char *endptr;

    if (ov->list_mode == LM_SIGNED_INTERVAL) {
        *obj = ov->range_next.s;
        return true;
    }

    opt = lookup_scalar(ov, name, errp);
    if (!opt) {
        return false;
    }
    str = opt->str ? opt->str : "";

    /* we've gotten past lookup_scalar() */
    assert(ov->list_mode == LM_NONE || ov->list_mode == LM_IN_PROGRESS);

    errno = 0;
    val = strtoll(str, &endptr, 0);
    if (errno == 0 && endptr > str) {
        if (*endptr == '\0') {
            *obj = val;
            processed(ov, name);
            return true;
        }
        if (*endptr == '-' && ov->list_mode == LM_IN_PROGRESS) {
            long long val2;

            str = endptr + 1;
            val2 = strtoll(str, &endptr, 0);
            if (errno == 0 && endptr > str && *endptr == '\0' &&
                val <= val2 &&
                (val > INT64_MAX - OPTS_VISITOR_RANGE_MAX ||
                 val2 < val + OPTS_VISITOR_RANGE_MAX)) {
                ov->range_next.s = val;
                ov->range_limit.s = val2;
                ov->list_mode = LM_SIGNED_INTERVAL;

                /* as if entering on the top */
                *obj = ov->range_next.s;
                return true;
            }
        }
    }
    error_setg(errp, QERR_INVALID_PARAMETER_VALUE, opt->name,
               (ov->list_mode == LM_NONE) ? "an int64 value" :
                                           "an int64 value or range");
    return false;
}

static bool opts_type_uint64(Visitor *v, const char *name, uint64_t *obj,
                             Error **errp)
{
    OptsVisitor *ov = to_ov(v);
    const OptEntry *opt;
    const char *str;
    uint64_t val;
    char *endptr;

    if (ov->list_mode == LM_UNSIGNED_INTERVAL) {
        *obj = ov->range_next.u;
        return true;
    }

    opt = lookup_scalar(ov, name, errp);
    if (!opt) {
        return false;
    }
    str = opt->str ? opt->str : "";

    /* we've gotten past lookup_scalar() */
    assert(ov->list_mode == LM_NONE || ov->list_mode == LM_IN_PROGRESS);

    if (qapi_parse_uint64(str, 0, &val) == 0) {
        *obj = val;
        processed(ov, name);
        return true;
    }
    /* Maybe a range "a-b" */
    errno = 0;
    val = strtoull(str, &endptr, 0);
    if (errno == 0 && endptr > str && str[0] != '-' && *endptr == '-' &&
        ov->list_mode == LM_IN_PROGRESS) {
        uint64_t val2;

        str = endptr + 1;
        if (qapi_parse_uint64(str, 0, &val2) == 0 && val <= val2 &&
            (val > UINT64_MAX - OPTS_VISITOR_RANGE_MAX ||
             val2 < val + OPTS_VISITOR_RANGE_MAX)) {
            ov->range_next.u = val;
            ov->range_limit.u = val2;
            ov->list_mode = LM_UNSIGNED_INTERVAL;

            /* as if entering on the top */
            *obj = ov->range_next.u;
            return true;
        }
    }
    error_setg(errp, QERR_INVALID_PARAMETER_VALUE, opt->name,
               (ov->list_mode == LM_NONE) ? "a uint64 value" :
                                           "a uint64 value or range");
    return false;
}

static bool opts_type_size(Visitor *v, const char *name, uint64_t *obj,
                           Error **errp)
{
    OptsVisitor *ov = to_ov(v);
    const OptEntry *opt;

    opt = lookup_scalar(ov, name, errp);
    if (!opt) {
        return false;
    }

    if (qapi_parse_size(opt->str ? opt->str : "", obj) < 0) {
        error_setg(errp, QERR_INVALID_PARAMETER_VALUE, opt->name,
                   "a size value");
        return false;
    }

    processed(ov, name);
    return true;
}

static bool opts_type_number(Visitor *v, const char *name, double *obj,
                             Error **errp)
{
    OptsVisitor *ov = to_ov(v);
    const OptEntry *opt;

    opt = lookup_scalar(ov, name, errp);
    if (!opt) {
        return false;
    }

    if (qapi_parse_double(opt->str ? opt->str : "", obj) < 0) {
        error_setg(errp, QERR_INVALID_PARAMETER_VALUE, opt->name,
                   "a number");
        return false;
    }

    processed(ov, name);
    return true;
}

static bool opts_type_any(Visitor *v, const char *name, QObject **obj,
                          Error **errp)
{
    *obj = NULL;
    error_setg(errp, "Parameter '%s' cannot take an arbitrary value here",
               name ? name : "null");
    return false;
}

static bool opts_type_null(Visitor *v, const char *name, QNull **obj,
                           Error **errp)
{
    *obj = NULL;
    error_setg(errp, QERR_INVALID_PARAMETER_TYPE, name ? name : "null",
               "null");
    return false;
}

static void opts_optional(Visitor *v, const char *name, bool *present)
{
    OptsVisitor *ov = to_ov(v);

    /* we only support a single mandatory scalar field in a list node */
    assert(ov->list_mode == LM_NONE);
    *present = (lookup_distinct(ov, name, NULL) != NULL);
}

static void opts_free(Visitor *v)
{
    OptsVisitor *ov = to_ov(v);

    if (ov->unprocessed_opts != NULL) {
        g_hash_table_destroy(ov->unprocessed_opts);
    }
    g_ptr_array_free(ov->entries, true);
    g_free(ov);
}

Visitor *opts_visitor_new(const QemuOpts *opts)
{
    OptsVisitor *ov;

    assert(opts);
    ov = g_new0(OptsVisitor, 1);

    ov->visitor.type = VISITOR_INPUT;

    ov->visitor.start_struct = opts_start_struct;
    ov->visitor.check_struct = opts_check_struct;
    ov->visitor.end_struct = opts_end_struct;

    ov->visitor.start_list = opts_start_list;
    ov->visitor.next_list = opts_next_list;
    ov->visitor.check_list = opts_check_list;
    ov->visitor.end_list = opts_end_list;

    ov->visitor.type_int64 = opts_type_int64;
    ov->visitor.type_uint64 = opts_type_uint64;
    ov->visitor.type_size = opts_type_size;
    ov->visitor.type_bool = opts_type_bool;
    ov->visitor.type_str = opts_type_str;
    ov->visitor.type_number = opts_type_number;
    ov->visitor.type_any = opts_type_any;
    ov->visitor.type_null = opts_type_null;

    /* type_any and type_null are rejected: options are flat strings */

    ov->visitor.optional = opts_optional;
    ov->visitor.free = opts_free;

    ov->opts_root = opts;
    ov->entries = g_ptr_array_new_with_free_func(free_entry);

    return &ov->visitor;
}
