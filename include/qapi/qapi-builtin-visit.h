/*
 * Visitors for the built-in list types (hand-written stand-in for
 * QEMU's generated qapi-builtin-visit.h).
 */
#ifndef QAPI_BUILTIN_VISIT_H
#define QAPI_BUILTIN_VISIT_H

#include "qapi/visitor.h"
#include "qapi/qapi-builtin-types.h"

bool visit_type_strList(Visitor *v, const char *name, strList **obj,
                        Error **errp);
bool visit_type_intList(Visitor *v, const char *name, intList **obj,
                        Error **errp);
bool visit_type_int64List(Visitor *v, const char *name, int64List **obj,
                          Error **errp);
bool visit_type_uint8List(Visitor *v, const char *name, uint8List **obj,
                          Error **errp);
bool visit_type_uint16List(Visitor *v, const char *name, uint16List **obj,
                           Error **errp);
bool visit_type_uint32List(Visitor *v, const char *name, uint32List **obj,
                           Error **errp);
bool visit_type_uint64List(Visitor *v, const char *name, uint64List **obj,
                           Error **errp);
bool visit_type_sizeList(Visitor *v, const char *name, sizeList **obj,
                         Error **errp);
bool visit_type_boolList(Visitor *v, const char *name, boolList **obj,
                         Error **errp);
bool visit_type_numberList(Visitor *v, const char *name, numberList **obj,
                           Error **errp);
bool visit_type_QType(Visitor *v, const char *name, QType *obj,
                      Error **errp);

#endif /* QAPI_BUILTIN_VISIT_H */
