/*
 * Built-in list types: visitors and free functions (what QEMU's schema
 * generator emits for the built-in types, written out once by hand).
 */
#include "qemu/osdep.h"
#include "qapi/dealloc-visitor.h"
#include "qapi/qapi-builtin-visit.h"

#define DEFINE_BUILTIN_LIST(List, visit_elem)                               \
bool visit_type_##List(Visitor *v, const char *name, List **obj,            \
                       Error **errp)                                        \
{                                                                           \
    bool ok = false;                                                        \
    List *tail;                                                             \
    size_t size = sizeof(**obj);                                            \
                                                                            \
    if (!visit_start_list(v, name, (GenericList **)obj, size, errp)) {      \
        return false;                                                       \
    }                                                                       \
    for (tail = *obj; tail;                                                 \
         tail = (List *)visit_next_list(v, (GenericList *)tail, size)) {    \
        if (!visit_elem(v, NULL, &tail->value, errp)) {                     \
            goto out_obj;                                                   \
        }                                                                   \
    }                                                                       \
    ok = visit_check_list(v, errp);                                         \
out_obj:                                                                    \
    visit_end_list(v, (void **)obj);                                        \
    if (!ok && visit_is_input(v)) {                                         \
        qapi_free_##List(*obj);                                             \
        *obj = NULL;                                                        \
    }                                                                       \
    return ok;                                                              \
}                                                                           \
                                                                            \
void qapi_free_##List(List *obj)                                            \
{                                                                           \
    Visitor *v;                                                             \
                                                                            \
    if (!obj) {                                                             \
        return;                                                             \
    }                                                                       \
    v = qapi_dealloc_visitor_new();                                         \
    visit_type_##List(v, NULL, &obj, NULL);                                 \
    visit_free(v);                                                          \
}

DEFINE_BUILTIN_LIST(strList, visit_type_str)
DEFINE_BUILTIN_LIST(intList, visit_type_int)
DEFINE_BUILTIN_LIST(int64List, visit_type_int64)
DEFINE_BUILTIN_LIST(uint8List, visit_type_uint8)
DEFINE_BUILTIN_LIST(uint16List, visit_type_uint16)
DEFINE_BUILTIN_LIST(uint32List, visit_type_uint32)
DEFINE_BUILTIN_LIST(uint64List, visit_type_uint64)
DEFINE_BUILTIN_LIST(sizeList, visit_type_size)
DEFINE_BUILTIN_LIST(boolList, visit_type_bool)
DEFINE_BUILTIN_LIST(numberList, visit_type_number)

bool visit_type_QType(Visitor *v, const char *name, QType *obj,
                      Error **errp)
{
    int value = *obj;
    bool ok = visit_type_enum(v, name, &value, &QType_lookup, errp);

    *obj = value;
    return ok;
}
