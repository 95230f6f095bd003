/*
 * The Visitor vtable, for visitor implementations only.  Users call the
 * visit_* wrappers in visitor.h, which check usage and fill the gaps
 * (e.g. int8..int64 all funnel into type_int64 with range checks).
 */
#ifndef QAPI_VISITOR_IMPL_H
#define QAPI_VISITOR_IMPL_H

#include "qapi/visitor.h"

typedef enum VisitorType {
    VISITOR_INPUT = 1 << 0,
    VISITOR_OUTPUT = 1 << 1,
    VISITOR_CLONE = 1 << 2,
    VISITOR_DEALLOC = 1 << 3,
} VisitorType;

struct Visitor {
    /* Mandatory */
    bool (*start_struct)(Visitor *v, const char *name, void **obj,
                         size_t size, Error **errp);
    /* Optional; input visitors */
    bool (*check_struct)(Visitor *v, Error **errp);
    /* Mandatory */
    void (*end_struct)(Visitor *v, void **obj);

    /* Mandatory */
    bool (*start_list)(Visitor *v, const char *name, GenericList **list,
                       size_t size, Error **errp);
    /* Mandatory */
    GenericList *(*next_list)(Visitor *v, GenericList *tail, size_t size);
    /* Optional; input visitors */
    bool (*check_list)(Visitor *v, Error **errp);
    /* Mandatory */
    void (*end_list)(Visitor *v, void **list);

    /* Optional; only visitors that can see alternates */
    bool (*start_alternate)(Visitor *v, const char *name,
                            GenericAlternate **obj, size_t size,
                            Error **errp);
    void (*end_alternate)(Visitor *v, void **obj);

    /* Mandatory scalars */
    bool (*type_int64)(Visitor *v, const char *name, int64_t *obj,
                       Error **errp);
    bool (*type_uint64)(Visitor *v, const char *name, uint64_t *obj,
                        Error **errp);
    /* Optional; falls back to type_uint64 */
    bool (*type_size)(Visitor *v, const char *name, uint64_t *obj,
                      Error **errp);
    bool (*type_bool)(Visitor *v, const char *name, bool *obj, Error **errp);
    bool (*type_str)(Visitor *v, const char *name, char **obj, Error **errp);
    bool (*type_number)(Visitor *v, const char *name, double *obj,
                        Error **errp);
    bool (*type_any)(Visitor *v, const char *name, QObject **obj,
                     Error **errp);
    bool (*type_null)(Visitor *v, const char *name, QNull **obj,
                      Error **errp);

    /* Optional; input visitors */
    void (*optional)(Visitor *v, const char *name, bool *present);

    /* Mandatory */
    VisitorType type;

    /* Optional; output visitors: store the result */
    void (*complete)(Visitor *v, void *opaque);
    /* Mandatory */
    void (*free)(Visitor *v);
};

#endif /* QAPI_VISITOR_IMPL_H */
