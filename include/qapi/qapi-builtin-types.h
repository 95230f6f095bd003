/*
 * Built-in QAPI types: QType and the lists of built-in scalars.
 *
 * QEMU generates this header from its schema; kvmemu has no generator
 * so the handful of built-in types lives here, written by hand.
 */
#ifndef QAPI_BUILTIN_TYPES_H
#define QAPI_BUILTIN_TYPES_H

#include "qapi/util.h"

typedef enum QType {
    QTYPE_NONE,
    QTYPE_QNULL,
    QTYPE_QNUM,
    QTYPE_QSTRING,
    QTYPE_QDICT,
    QTYPE_QLIST,
    QTYPE_QBOOL,
    QTYPE__MAX,
} QType;

extern const QEnumLookup QType_lookup;
#define QType_str(val) qapi_enum_lookup(&QType_lookup, (val))

typedef struct strList {
    struct strList *next;
    char *value;
} strList;

typedef struct intList {
    struct intList *next;
    int64_t value;
} intList;

typedef struct int64List {
    struct int64List *next;
    int64_t value;
} int64List;

typedef struct uint8List {
    struct uint8List *next;
    uint8_t value;
} uint8List;

typedef struct uint16List {
    struct uint16List *next;
    uint16_t value;
} uint16List;

typedef struct uint32List {
    struct uint32List *next;
    uint32_t value;
} uint32List;

typedef struct uint64List {
    struct uint64List *next;
    uint64_t value;
} uint64List;

typedef struct sizeList {
    struct sizeList *next;
    uint64_t value;
} sizeList;

typedef struct boolList {
    struct boolList *next;
    bool value;
} boolList;

typedef struct numberList {
    struct numberList *next;
    double value;
} numberList;

void qapi_free_strList(strList *obj);
void qapi_free_intList(intList *obj);
void qapi_free_int64List(int64List *obj);
void qapi_free_uint8List(uint8List *obj);
void qapi_free_uint16List(uint16List *obj);
void qapi_free_uint32List(uint32List *obj);
void qapi_free_uint64List(uint64List *obj);
void qapi_free_sizeList(sizeList *obj);
void qapi_free_boolList(boolList *obj);
void qapi_free_numberList(numberList *obj);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(strList, qapi_free_strList)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(intList, qapi_free_intList)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(uint16List, qapi_free_uint16List)

#endif /* QAPI_BUILTIN_TYPES_H */
