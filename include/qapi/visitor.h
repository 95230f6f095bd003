/*
 * Visitors: one walk over a C data structure drives input (build it from
 * a QObject / string), output (turn it into a QObject / string) or
 * deallocation, depending on the visitor.
 *
 * Usage (input):
 *     Visitor *v = qobject_input_visitor_new(obj);
 *     if (visit_start_struct(v, NULL, NULL, 0, errp)) {
 *         ok = visit_type_int(v, "x", &x, errp) &&
 *              visit_check_struct(v, errp);
 *         visit_end_struct(v, NULL);
 *     }
 *     visit_free(v);
 *
 * Every visit_* that takes @errp returns true on success, false with
 * *@errp set on failure.  @name is the member name inside a struct,
 * ignored inside a list and at the top level (pass NULL).
 */
#ifndef QAPI_VISITOR_H
#define QAPI_VISITOR_H

#include "qapi/qapi-builtin-types.h"
#include "qapi/qmp/qobject.h"

typedef struct Visitor Visitor;

/* Layout every QAPI list node shares: next pointer first. */
typedef struct GenericList {
    struct GenericList *next;
    char padding[];
} GenericList;

/* Layout every QAPI alternate shares: QType discriminator first. */
typedef struct GenericAlternate {
    QType type;
    char padding[];
} GenericAlternate;

/* Visitor lifecycle */
void visit_complete(Visitor *v, void *opaque);
void visit_free(Visitor *v);

/*
 * Structs.  With @obj non-NULL, input visitors allocate @size zeroed
 * bytes into *@obj (the dealloc visitor frees it in end_struct).
 */
bool visit_start_struct(Visitor *v, const char *name, void **obj,
                        size_t size, Error **errp);
/* Input: fail if members remain that nobody visited. */
bool visit_check_struct(Visitor *v, Error **errp);
void visit_end_struct(Visitor *v, void **obj);

/*
 * Lists.  Loop: for (tail = *list; tail; tail = visit_next_list(v, tail,
 * size)) visit_type_X(v, NULL, &tail->value, errp).  Input visitors
 * allocate nodes of @size bytes.
 */
bool visit_start_list(Visitor *v, const char *name, GenericList **list,
                      size_t size, Error **errp);
GenericList *visit_next_list(Visitor *v, GenericList *tail, size_t size);
/* Input: fail if elements remain that nobody visited. */
bool visit_check_list(Visitor *v, Error **errp);
void visit_end_list(Visitor *v, void **list);

/*
 * Alternates: input visitors allocate *@obj and set (*obj)->type from
 * the QType of the value present.
 */
bool visit_start_alternate(Visitor *v, const char *name,
                           GenericAlternate **obj, size_t size,
                           Error **errp);
void visit_end_alternate(Visitor *v, void **obj);

/*
 * Optional member @name: input visitors set *@present from the input;
 * others keep it.  Returns the (new) value of *@present.
 */
bool visit_optional(Visitor *v, const char *name, bool *present);

/* Compat policy hooks; kvmemu accepts everything. */
bool visit_policy_reject(Visitor *v, const char *name,
                         unsigned special_features, Error **errp);
bool visit_policy_skip(Visitor *v, const char *name,
                       unsigned special_features);
bool visit_deprecated_accept(Visitor *v, const char *name, Error **errp);
bool visit_deprecated(Visitor *v, const char *name);

bool visit_is_input(Visitor *v);
bool visit_is_dealloc(Visitor *v);

/* Scalars */
bool visit_type_int(Visitor *v, const char *name, int64_t *obj,
                    Error **errp);
bool visit_type_uint8(Visitor *v, const char *name, uint8_t *obj,
                      Error **errp);
bool visit_type_uint16(Visitor *v, const char *name, uint16_t *obj,
                       Error **errp);
bool visit_type_uint32(Visitor *v, const char *name, uint32_t *obj,
                       Error **errp);
bool visit_type_uint64(Visitor *v, const char *name, uint64_t *obj,
                       Error **errp);
bool visit_type_int8(Visitor *v, const char *name, int8_t *obj,
                     Error **errp);
bool visit_type_int16(Visitor *v, const char *name, int16_t *obj,
                      Error **errp);
bool visit_type_int32(Visitor *v, const char *name, int32_t *obj,
                      Error **errp);
bool visit_type_int64(Visitor *v, const char *name, int64_t *obj,
                      Error **errp);
/* Like uint64, but string-based visitors accept suffixes (1k, 2M, 4G). */
bool visit_type_size(Visitor *v, const char *name, uint64_t *obj,
                     Error **errp);
bool visit_type_bool(Visitor *v, const char *name, bool *obj, Error **errp);
/* Input: *@obj becomes a g_malloc'd copy.  Output: NULL prints as "". */
bool visit_type_str(Visitor *v, const char *name, char **obj, Error **errp);
bool visit_type_number(Visitor *v, const char *name, double *obj,
                       Error **errp);
/* Any QObject; input visitors give a new reference. */
bool visit_type_any(Visitor *v, const char *name, QObject **obj,
                    Error **errp);
bool visit_type_null(Visitor *v, const char *name, QNull **obj,
                     Error **errp);
/* Enum via its name table; unknown names fail for input visitors. */
bool visit_type_enum(Visitor *v, const char *name, int *obj,
                     const QEnumLookup *lookup, Error **errp);

#endif /* QAPI_VISITOR_H */
