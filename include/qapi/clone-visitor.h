/*
 * Deep copies of QAPI objects through their visit functions:
 *     Foo *copy = QAPI_CLONE(Foo, orig);
 *     QAPI_CLONE_MEMBERS(Foo, &dst, &src);
 */
#ifndef QAPI_CLONE_VISITOR_H
#define QAPI_CLONE_VISITOR_H

#include "qapi/visitor.h"

typedef bool (*QapiCloneVisitFunc)(Visitor *v, const char *name,
                                   void **obj, Error **errp);
typedef bool (*QapiCloneVisitMembersFunc)(Visitor *v, void *obj,
                                          Error **errp);

/* NULL-safe; the copy is freed with qapi_free_<type>(). */
void *qapi_clone(const void *src, QapiCloneVisitFunc visit_type);
/* Copy @sz bytes of members from @src into @dst, deeply. */
void qapi_clone_members(void *dst, const void *src, size_t sz,
                        QapiCloneVisitMembersFunc visit_type_members);

#define QAPI_CLONE(type, src)                                           \
    ((type *)qapi_clone(src, (QapiCloneVisitFunc)visit_type_ ## type))

#define QAPI_CLONE_MEMBERS(type, dst, src)                              \
    qapi_clone_members(dst, src, sizeof(type),                          \
                       (QapiCloneVisitMembersFunc)                      \
                       visit_type_ ## type ## _members)

#endif /* QAPI_CLONE_VISITOR_H */
