/*
 * QAPI helpers: enum lookup tables, bool parsing, list macros.
 */
#ifndef QAPI_UTIL_H
#define QAPI_UTIL_H

typedef enum {
    QAPI_DEPRECATED,
    QAPI_UNSTABLE,
} QapiSpecialFeature;

/* Maps enum values (array index) to their QAPI names. */
typedef struct QEnumLookup {
    const char *const *array;
    const unsigned char *const special_features; /* may be NULL */
    const int size;
} QEnumLookup;

/* Name of @val, or "" if it is out of range (a programming error). */
const char *qapi_enum_lookup(const QEnumLookup *lookup, int val);

/*
 * Value whose name is @buf; @def if @buf is NULL.  Unknown names set
 * "Invalid parameter value: '<buf>'"-style errors and return @def.
 */
int qapi_enum_parse(const QEnumLookup *lookup, const char *buf,
                    int def, Error **errp);

/* Accepts on/yes/true/y and off/no/false/n, as QEMU's command line. */
bool qapi_bool_parse(const char *name, const char *value, bool *obj,
                     Error **errp);

/*
 * Length of the longest prefix of @name that is a valid QAPI name
 * (optionally "__RFQDN_" prefixed); with @complete, -1 unless all of
 * @name is one.
 */
int parse_qapi_name(const char *name, bool complete);

/* Prepend @element to the QAPI list @list (any FooList *). */
#define QAPI_LIST_PREPEND(list, element) do { \
    typeof(list) _tmp = g_malloc(sizeof(*(list))); \
    _tmp->value = (element); \
    _tmp->next = (list); \
    (list) = _tmp; \
} while (0)

/*
 * Append @element at *@tail and advance @tail; start with
 * "FooList *head = NULL, **tail = &head;".
 */
#define QAPI_LIST_APPEND(tail, element) do { \
    *(tail) = g_malloc0(sizeof(**(tail))); \
    (*(tail))->value = (element); \
    (tail) = &(*(tail))->next; \
} while (0)

/* Number of elements of a QAPI list. */
#define QAPI_LIST_LENGTH(list) ({ \
    size_t _len = 0; \
    typeof_strip_qual(list) _tail; \
    for (_tail = list; _tail != NULL; _tail = _tail->next) { \
        _len++; \
    } \
    _len; \
})

#ifndef typeof_strip_qual
#define typeof_strip_qual(expr) typeof(expr)
#endif

#endif /* QAPI_UTIL_H */
