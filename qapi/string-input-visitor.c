/*
 * String input visitor: one scalar, or a list of integers given as
 * comma-separated values and ranges ("1-3,5").
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qmp/qerror.h"
#include "qapi/qmp/qnull.h"
#include "qapi/string-input-visitor.h"
#include "qapi/visitor-impl.h"
#include "qapi-util-int.h"

/* Bound what a range in a list may expand to (avoids memory blow-ups). */
#define RANGE_MAX_ELEMENTS 65536

typedef enum ListMode {
    /* No list parsing active / no list expected */
    LM_NONE,
    /* We have an unparsed string remaining */
    LM_UNPARSED,
    /* We have an unfinished int64 range */
    LM_INT64_RANGE,
    /* We have an unfinished uint64 range */
    LM_UINT64_RANGE,
    /* We have parsed the string completely and no range is remaining */
    LM_END,
} ListMode;

typedef struct StringInputVisitor {
    Visitor visitor;

    /* List parsing state */
    ListMode lm;
    union {
        int64_t i64;
        uint64_t u64;
    } rangeNext, rangeEnd;
    const char *unparsed_string;
    void *list;

    /* The original string to parse */
    const char *string;
} StringInputVisitor;

static StringInputVisitor *to_siv(Visitor *v)
{
    return container_of(v, StringInputVisitor, visitor);
}

static bool start_struct(Visitor *v, const char *name, void **obj,
                         size_t size, Error **errp)
{
    error_setg(errp, "Parameter '%s' cannot be given as a plain string",
               name ? name : "null");
    if (obj) {
        *obj = NULL;
    }
    return false;
}

static void end_struct(Visitor *v, void **obj)
{
}

static bool start_list(Visitor *v, const char *name, GenericList **list,
                       size_t size, Error **errp)
{
    StringInputVisitor *siv = to_siv(v);

    assert(siv->lm == LM_NONE);
    siv->list = list;
    siv->unparsed_string = siv->string;

    if (!siv->string[0]) {
        if (list) {
            *list = NULL;
        }
        siv->lm = LM_END;
    } else {
        if (list) {
            *list = g_malloc0(size);
        }
        siv->lm = LM_UNPARSED;
    }
    return true;
}

static GenericList *next_list(Visitor *v, GenericList *tail, size_t size)
{
    StringInputVisitor *siv = to_siv(v);

    switch (siv->lm) {
    case LM_END:
        return NULL;
    case LM_INT64_RANGE:
    case LM_UINT64_RANGE:
    case LM_UNPARSED:
        /* we have an unparsed string or something left in a range */
        break;
    default:
        abort();
    }

    tail->next = g_malloc0(size);
    return tail->next;
}

static bool check_list(Visitor *v, Error **errp)
{
    const StringInputVisitor *siv = to_siv(v);

    switch (siv->lm) {
    case LM_INT64_RANGE:
    case LM_UINT64_RANGE:
    case LM_UNPARSED:
        error_setg(errp, "Fewer list elements expected");
        return false;
    case LM_END:
        return true;
    default:
        abort();
    }
}

static void end_list(Visitor *v, void **obj)
{
    StringInputVisitor *siv = to_siv(v);

    assert(siv->lm != LM_NONE);
    assert(siv->list == obj);
    siv->list = NULL;
    siv->unparsed_string = NULL;
    siv->lm = LM_NONE;
}

/* Split off the next comma-separated element of the unparsed string. */
static char *next_element(StringInputVisitor *siv)
{
    const char *s = siv->unparsed_string;
    const char *comma = strchr(s, ',');
    char *elem;

    if (comma) {
        elem = g_strndup(s, comma - s);
        siv->unparsed_string = comma + 1;
    } else {
        elem = g_strdup(s);
        siv->unparsed_string = s + strlen(s);
    }
    return elem;
}

static int try_parse_int64_list_entry(StringInputVisitor *siv, int64_t *obj)
{
    g_autofree char *elem = next_element(siv);
    char *dash = strchr(elem + 1, '-');     /* elem[0] may be a sign */
    int64_t start, end;

    if (dash) {
        *dash = 0;
    }
    if (qapi_parse_int64(elem, 0, &start)) {
        return -EINVAL;
    }
    end = start;
    if (dash && (qapi_parse_int64(dash + 1, 0, &end) ||
                 start > end || end - start >= RANGE_MAX_ELEMENTS)) {
        return -EINVAL;
    }

    siv->lm = LM_INT64_RANGE;
    siv->rangeNext.i64 = start;
    siv->rangeEnd.i64 = end;
    return 0;
}

static bool parse_type_int64(Visitor *v, const char *name, int64_t *obj,
                             Error **errp)
{
    StringInputVisitor *siv = to_siv(v);
    int64_t val;

    switch (siv->lm) {
    case LM_NONE:
        /* just parse a simple int64, bail out if not completely consumed */
        if (qapi_parse_int64(siv->string, 0, &val)) {
            error_setg(errp, QERR_INVALID_PARAMETER_VALUE,
                       name ? name : "null", "an int64 value");
            return false;
        }
        *obj = val;
        return true;
    case LM_UNPARSED:
        if (try_parse_int64_list_entry(siv, obj)) {
            error_setg(errp, QERR_INVALID_PARAMETER_VALUE,
                       name ? name : "null", "an int64 value or range");
            return false;
        }
        assert(siv->lm == LM_INT64_RANGE);
        /* fall through */
    case LM_INT64_RANGE:
        /* return the next element in the range */
        assert(siv->rangeNext.i64 <= siv->rangeEnd.i64);
        *obj = siv->rangeNext.i64++;

        if (siv->rangeNext.i64 > siv->rangeEnd.i64 || *obj == INT64_MAX) {
            /* end of range, check if there is more to parse */
            siv->lm = siv->unparsed_string[0] ? LM_UNPARSED : LM_END;
        }
        return true;
    case LM_END:
        error_setg(errp, "Fewer list elements expected");
        return false;
    default:
        abort();
    }
}

static int try_parse_uint64_list_entry(StringInputVisitor *siv,
                                       uint64_t *obj)
{
    g_autofree char *elem = next_element(siv);
    char *dash = strchr(elem, '-');
    uint64_t start, end;

    if (dash) {
        *dash = 0;
    }
    if (qapi_parse_uint64(elem, 0, &start)) {
        return -EINVAL;
    }
    end = start;
    if (dash && (qapi_parse_uint64(dash + 1, 0, &end) ||
                 start > end || end - start >= RANGE_MAX_ELEMENTS)) {
        return -EINVAL;
    }

    siv->lm = LM_UINT64_RANGE;
    siv->rangeNext.u64 = start;
    siv->rangeEnd.u64 = end;
    return 0;
}

static bool parse_type_uint64(Visitor *v, const char *name, uint64_t *obj,
                              Error **errp)
{
    StringInputVisitor *siv = to_siv(v);
    uint64_t val;

    switch (siv->lm) {
    case LM_NONE:
        /* just parse a simple uint64, bail out if not completely consumed */
        if (qapi_parse_uint64(siv->string, 0, &val)) {
            error_setg(errp, QERR_INVALID_PARAMETER_VALUE,
                       name ? name : "null", "a uint64 value");
            return false;
        }
        *obj = val;
        return true;
    case LM_UNPARSED:
        if (try_parse_uint64_list_entry(siv, obj)) {
            error_setg(errp, QERR_INVALID_PARAMETER_VALUE,
                       name ? name : "null",
                       "a uint64 value or range");
            return false;
        }
        assert(siv->lm == LM_UINT64_RANGE);
        /* fall through */
    case LM_UINT64_RANGE:
        /* return the next element in the range */
        assert(siv->rangeNext.u64 <= siv->rangeEnd.u64);
        *obj = siv->rangeNext.u64++;

        if (siv->rangeNext.u64 > siv->rangeEnd.u64 || *obj == UINT64_MAX) {
            /* end of range, check if there is more to parse */
            siv->lm = siv->unparsed_string[0] ? LM_UNPARSED : LM_END;
        }
        return true;
    case LM_END:
        error_setg(errp, "Fewer list elements expected");
        return false;
    default:
        abort();
    }
}

/*
 * Non-integer scalars inside a list: take the next comma-separated
 * element.  Returns the string to parse (g_free it).
 */
static char *scalar_string(StringInputVisitor *siv, const char *name,
                           Error **errp)
{
    switch (siv->lm) {
    case LM_NONE:
        return g_strdup(siv->string);
    case LM_UNPARSED: {
        char *elem = next_element(siv);

        siv->lm = siv->unparsed_string[0] ? LM_UNPARSED : LM_END;
        return elem;
    }
    case LM_END:
        error_setg(errp, "Fewer list elements expected");
        return NULL;
    default:
        error_setg(errp, "Parameter '%s': ranges are only valid for "
                   "integers", name ? name : "null");
        return NULL;
    }
}

static bool parse_type_size(Visitor *v, const char *name, uint64_t *obj,
                            Error **errp)
{
    StringInputVisitor *siv = to_siv(v);
    g_autofree char *str = scalar_string(siv, name, errp);
    uint64_t val;

    if (!str) {
        return false;
    }
    if (qapi_parse_size(str, &val) < 0) {
        error_setg(errp, QERR_INVALID_PARAMETER_VALUE,
                   name ? name : "null", "size");
        return false;
    }

    *obj = val;
    return true;
}

static bool parse_type_bool(Visitor *v, const char *name, bool *obj,
                            Error **errp)
{
    StringInputVisitor *siv = to_siv(v);
    g_autofree char *str = scalar_string(siv, name, errp);

    if (!str) {
        return false;
    }
    return qapi_bool_parse(name ? name : "null", str, obj, errp);
}

static bool parse_type_str(Visitor *v, const char *name, char **obj,
                           Error **errp)
{
    StringInputVisitor *siv = to_siv(v);

    *obj = scalar_string(siv, name, errp);
    return *obj != NULL;
}

static bool parse_type_number(Visitor *v, const char *name, double *obj,
                              Error **errp)
{
    StringInputVisitor *siv = to_siv(v);
    g_autofree char *str = scalar_string(siv, name, errp);
    double val;

    if (!str) {
        return false;
    }
    if (qapi_parse_double(str, &val)) {
        error_setg(errp, QERR_INVALID_PARAMETER_VALUE,
                   name ? name : "null", "number");
        return false;
    }

    *obj = val;
    return true;
}

static bool parse_type_any(Visitor *v, const char *name, QObject **obj,
                           Error **errp)
{
    *obj = NULL;
    error_setg(errp, "Parameter '%s': arbitrary values cannot be given "
               "as a plain string", name ? name : "null");
    return false;
}

static bool parse_type_null(Visitor *v, const char *name, QNull **obj,
                            Error **errp)
{
    StringInputVisitor *siv = to_siv(v);

    assert(siv->lm == LM_NONE);
    *obj = NULL;

    if (siv->string[0]) {
        error_setg(errp, QERR_INVALID_PARAMETER_TYPE,
                   name ? name : "null", "null");
        return false;
    }

    *obj = qnull();
    return true;
}

static void string_input_free(Visitor *v)
{
    StringInputVisitor *siv = to_siv(v);

    g_free(siv);
}

Visitor *string_input_visitor_new(const char *str)
{
    StringInputVisitor *v;

    assert(str);
    v = g_new0(StringInputVisitor, 1);

    v->visitor.type = VISITOR_INPUT;
    v->visitor.start_struct = start_struct;
    v->visitor.end_struct = end_struct;
    v->visitor.type_int64 = parse_type_int64;
    v->visitor.type_uint64 = parse_type_uint64;
    v->visitor.type_size = parse_type_size;
    v->visitor.type_bool = parse_type_bool;
    v->visitor.type_str = parse_type_str;
    v->visitor.type_number = parse_type_number;
    v->visitor.type_any = parse_type_any;
    v->visitor.type_null = parse_type_null;
    v->visitor.start_list = start_list;
    v->visitor.next_list = next_list;
    v->visitor.check_list = check_list;
    v->visitor.end_list = end_list;
    v->visitor.free = string_input_free;

    v->string = str;
    v->lm = LM_NONE;
    return &v->visitor;
}
