/*
 * Dealloc visitor: frees what an input visitor allocated.
 */
#include "qemu/osdep.h"
#include "qapi/dealloc-visitor.h"
#include "qapi/qmp/qnull.h"
#include "qapi/visitor-impl.h"

static bool qapi_dealloc_start_struct(Visitor *v, const char *name,
                                      void **obj, size_t unused,
                                      Error **errp)
{
    return true;
}

static void qapi_dealloc_end_struct(Visitor *v, void **obj)
{
    if (obj) {
        g_free(*obj);
    }
}

static void qapi_dealloc_end_alternate(Visitor *v, void **obj)
{
    if (obj) {
        g_free(*obj);
    }
}

static bool qapi_dealloc_start_list(Visitor *v, const char *name,
                                    GenericList **list, size_t size,
                                    Error **errp)
{
    return true;
}

static GenericList *qapi_dealloc_next_list(Visitor *v, GenericList *tail,
                                           size_t size)
{
    GenericList *next = tail->next;

    g_free(tail);
    return next;
}

static void qapi_dealloc_end_list(Visitor *v, void **obj)
{
}

static bool qapi_dealloc_type_str(Visitor *v, const char *name, char **obj,
                                  Error **errp)
{
    if (obj) {
        g_free(*obj);
    }
    return true;
}

static bool qapi_dealloc_type_int64(Visitor *v, const char *name,
                                    int64_t *obj, Error **errp)
{
    return true;
}

static bool qapi_dealloc_type_uint64(Visitor *v, const char *name,
                                     uint64_t *obj, Error **errp)
{
    return true;
}

static bool qapi_dealloc_type_bool(Visitor *v, const char *name, bool *obj,
                                   Error **errp)
{
    return true;
}

static bool qapi_dealloc_type_number(Visitor *v, const char *name,
                                     double *obj, Error **errp)
{
    return true;
}

static bool qapi_dealloc_type_anything(Visitor *v, const char *name,
                                       QObject **obj, Error **errp)
{
    if (obj) {
        qobject_unref(*obj);
    }
    return true;
}

static bool qapi_dealloc_type_null(Visitor *v, const char *name,
                                   QNull **obj, Error **errp)
{
    if (obj) {
        qobject_unref(*obj);
    }
    return true;
}

static void qapi_dealloc_free(Visitor *v)
{
    g_free(v);
}

Visitor *qapi_dealloc_visitor_new(void)
{
    Visitor *v = g_new0(Visitor, 1);

    v->type = VISITOR_DEALLOC;
    v->start_struct = qapi_dealloc_start_struct;
    v->end_struct = qapi_dealloc_end_struct;
    v->end_alternate = qapi_dealloc_end_alternate;
    v->start_list = qapi_dealloc_start_list;
    v->next_list = qapi_dealloc_next_list;
    v->end_list = qapi_dealloc_end_list;
    v->type_int64 = qapi_dealloc_type_int64;
    v->type_uint64 = qapi_dealloc_type_uint64;
    v->type_bool = qapi_dealloc_type_bool;
    v->type_str = qapi_dealloc_type_str;
    v->type_number = qapi_dealloc_type_number;
    v->type_any = qapi_dealloc_type_anything;
    v->type_null = qapi_dealloc_type_null;
    v->free = qapi_dealloc_free;

    return v;
}
