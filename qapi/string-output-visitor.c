/*
 * String output visitor: one scalar, or a list (integers folded into
 * ranges: 1,2,3,5 -> "1-3,5"), rendered as text.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/string-output-visitor.h"
#include "qapi/visitor-impl.h"
#include "qapi-util-int.h"

typedef struct Range {
    bool is_unsigned;
    union { int64_t i; uint64_t u; } lo, hi;
} Range;

typedef struct StringOutputVisitor {
    Visitor visitor;
    bool human;
    GString *string;
    char **result;
    bool in_list;
    int list_depth;
    GArray *ranges;         /* integer list elements, folded */
    GPtrArray *items;       /* other list elements, as text */
} StringOutputVisitor;

static StringOutputVisitor *to_sov(Visitor *v)
{
    return container_of(v, StringOutputVisitor, visitor);
}

/* Record a scalar's text; inside a list it becomes one element. */
static void string_output_set(StringOutputVisitor *sov, char *string)
{
    if (sov->in_list) {
        g_ptr_array_add(sov->items, string);
        return;
    }
    g_string_truncate(sov->string, 0);
    g_string_append(sov->string, string);
    g_free(string);
}

static void string_output_add_range(StringOutputVisitor *sov, bool is_u,
                                    int64_t i, uint64_t u)
{
    Range *last = sov->ranges->len ?
        &g_array_index(sov->ranges, Range, sov->ranges->len - 1) : NULL;
    Range r = { .is_unsigned = is_u };

    if (last && last->is_unsigned == is_u) {
        if (!is_u && last->hi.i != INT64_MAX && last->hi.i + 1 == i) {
            last->hi.i = i;
            return;
        }
        if (is_u && last->hi.u != UINT64_MAX && last->hi.u + 1 == u) {
            last->hi.u = u;
            return;
        }
    }
    if (is_u) {
        r.lo.u = r.hi.u = u;
    } else {
        r.lo.i = r.hi.i = i;
    }
    g_array_append_val(sov->ranges, r);
}

static bool print_type_int64(Visitor *v, const char *name, int64_t *obj,
                             Error **errp)
{
    StringOutputVisitor *sov = to_sov(v);

    if (sov->in_list) {
        string_output_add_range(sov, false, *obj, 0);
    } else if (sov->human) {
        string_output_set(sov, g_strdup_printf("%" PRId64 " (%#" PRIx64 ")",
                                               *obj, *obj));
    } else {
        string_output_set(sov, g_strdup_printf("%" PRId64, *obj));
    }
    return true;
}

static bool print_type_uint64(Visitor *v, const char *name, uint64_t *obj,
                              Error **errp)
{
    StringOutputVisitor *sov = to_sov(v);

    if (sov->in_list) {
        string_output_add_range(sov, true, 0, *obj);
    } else if (sov->human) {
        string_output_set(sov, g_strdup_printf("%" PRIu64 " (%#" PRIx64 ")",
                                               *obj, *obj));
    } else {
        string_output_set(sov, g_strdup_printf("%" PRIu64, *obj));
    }
    return true;
}

static bool print_type_size(Visitor *v, const char *name, uint64_t *obj,
                            Error **errp)
{
    StringOutputVisitor *sov = to_sov(v);
    char *psize;

    if (!sov->human) {
        string_output_set(sov, g_strdup_printf("%" PRIu64, *obj));
        return true;
    }
    psize = qapi_size_to_str(*obj);
    string_output_set(sov, g_strdup_printf("%" PRIu64 " (%s)", *obj, psize));
    g_free(psize);
    return true;
}

static bool print_type_bool(Visitor *v, const char *name, bool *obj,
                            Error **errp)
{
    string_output_set(to_sov(v), g_strdup(*obj ? "true" : "false"));
    return true;
}

static bool print_type_str(Visitor *v, const char *name, char **obj,
                           Error **errp)
{
    StringOutputVisitor *sov = to_sov(v);
    char *out;

    if (sov->human) {
        out = *obj ? g_strdup_printf("\"%s\"", *obj) : g_strdup("<null>");
    } else {
        out = g_strdup(*obj ?: "");
    }
    string_output_set(sov, out);
    return true;
}

static bool print_type_number(Visitor *v, const char *name, double *obj,
                              Error **errp)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];

    string_output_set(to_sov(v),
                      g_strdup(g_ascii_formatd(buf, sizeof(buf), "%.17g",
                                               *obj)));
    return true;
}

static bool print_type_null(Visitor *v, const char *name, QNull **obj,
                            Error **errp)
{
    StringOutputVisitor *sov = to_sov(v);

    string_output_set(sov, g_strdup(sov->human ? "<null>" : ""));
    return true;
}

static bool print_type_any(Visitor *v, const char *name, QObject **obj,
                           Error **errp)
{
    error_setg(errp, "Parameter '%s': arbitrary values cannot be shown "
               "as a plain string", name ? name : "null");
    return false;
}

static bool start_struct(Visitor *v, const char *name, void **obj,
                         size_t size, Error **errp)
{
    error_setg(errp, "Parameter '%s': structs cannot be shown as a plain "
               "string", name ? name : "null");
    return false;
}

static void end_struct(Visitor *v, void **obj)
{
}

static bool start_list(Visitor *v, const char *name, GenericList **list,
                       size_t size, Error **errp)
{
    StringOutputVisitor *sov = to_sov(v);

    if (sov->in_list) {
        error_setg(errp, "Parameter '%s': nested lists cannot be shown "
                   "as a plain string", name ? name : "null");
        return false;
    }
    sov->in_list = true;
    g_array_set_size(sov->ranges, 0);
    g_ptr_array_set_size(sov->items, 0);
    return true;
}

static GenericList *next_list(Visitor *v, GenericList *tail, size_t size)
{
    return tail->next;
}

static void format_ranges(StringOutputVisitor *sov, GString *out, bool hex)
{
    guint n;

    for (n = 0; n < sov->ranges->len; n++) {
        Range *r = &g_array_index(sov->ranges, Range, n);

        if (n) {
            g_string_append_c(out, ',');
        }
        if (r->is_unsigned) {
            g_string_append_printf(out, hex ? "%#" PRIx64 : "%" PRIu64,
                                   r->lo.u);
            if (r->hi.u != r->lo.u) {
                g_string_append_printf(out, hex ? "-%#" PRIx64 : "-%" PRIu64,
                                       r->hi.u);
            }
        } else {
            g_string_append_printf(out, hex ? "%#" PRIx64 : "%" PRId64,
                                   r->lo.i);
            if (r->hi.i != r->lo.i) {
                g_string_append_printf(out, hex ? "-%#" PRIx64 : "-%" PRId64,
                                       r->hi.i);
            }
        }
    }
}

static void end_list(Visitor *v, void **obj)
{
    StringOutputVisitor *sov = to_sov(v);
    guint n;

    assert(sov->in_list);
    sov->in_list = false;
    g_string_truncate(sov->string, 0);

    if (sov->ranges->len) {
        format_ranges(sov, sov->string, false);
        if (sov->human) {
            g_string_append(sov->string, " (");
            format_ranges(sov, sov->string, true);
            g_string_append_c(sov->string, ')');
        }
    } else {
        for (n = 0; n < sov->items->len; n++) {
            if (n) {
                g_string_append_c(sov->string, ',');
            }
            g_string_append(sov->string, g_ptr_array_index(sov->items, n));
        }
    }
}

static void string_output_complete(Visitor *v, void *opaque)
{
    StringOutputVisitor *sov = to_sov(v);
    char **result = opaque;

    assert(!sov->in_list);
    *result = g_strdup(sov->string->str);
}

static void string_output_free(Visitor *v)
{
    StringOutputVisitor *sov = to_sov(v);

    g_string_free(sov->string, true);
    g_array_free(sov->ranges, true);
    g_ptr_array_free(sov->items, true);
    g_free(sov);
}

Visitor *string_output_visitor_new(bool human, char **result)
{
    StringOutputVisitor *v = g_new0(StringOutputVisitor, 1);

    v->string = g_string_new(NULL);
    v->human = human;
    v->result = result;
    v->ranges = g_array_new(false, false, sizeof(Range));
    v->items = g_ptr_array_new_with_free_func(g_free);
    if (result) {
        *result = NULL;
    }

    v->visitor.type = VISITOR_OUTPUT;
    v->visitor.type_int64 = print_type_int64;
    v->visitor.type_uint64 = print_type_uint64;
    v->visitor.type_size = print_type_size;
    v->visitor.type_bool = print_type_bool;
    v->visitor.type_str = print_type_str;
    v->visitor.type_number = print_type_number;
    v->visitor.type_null = print_type_null;
    v->visitor.type_any = print_type_any;
    v->visitor.start_struct = start_struct;
    v->visitor.end_struct = end_struct;
    v->visitor.start_list = start_list;
    v->visitor.next_list = next_list;
    v->visitor.end_list = end_list;
    v->visitor.complete = string_output_complete;
    v->visitor.free = string_output_free;

    return &v->visitor;
}
