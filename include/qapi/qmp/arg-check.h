/*
 * Checking QMP command arguments against the schema.
 *
 * scripts/qapi/gen.py emits one NULL-terminated QmpArgSpec table per
 * command (and per struct type used in arguments); the generated
 * marshallers call qmp_check_args() before unpacking, so handlers only
 * ever see arguments of the declared types.  Errors are QEMU's:
 * "Parameter 'x' is missing", "Parameter 'x' is unexpected",
 * "Invalid parameter type for 'x', expected: string", "Parameter 'x'
 * does not accept value 'y'"; nested members are named "a.b", list
 * elements "a[0]".
 */
#ifndef QAPI_QMP_ARG_CHECK_H
#define QAPI_QMP_ARG_CHECK_H

#include "qapi/qmp/qobject.h"

typedef enum QmpArgKind {
    QMP_ARG_STR,
    QMP_ARG_INT,        /* fits int64 */
    QMP_ARG_UINT,       /* fits uint64 */
    QMP_ARG_NUMBER,     /* any JSON number */
    QMP_ARG_BOOL,
    QMP_ARG_ANY,
    QMP_ARG_NULL,
    QMP_ARG_ENUM,       /* string from @enum_values */
    QMP_ARG_STRUCT,     /* object checked against @members */
    QMP_ARG_LIST,       /* array of @element */
} QmpArgKind;

typedef struct QmpArgSpec {
    const char *name;
    QmpArgKind kind;
    bool optional;
    const char *const *enum_values;     /* NULL-terminated */
    const struct QmpArgSpec *members;   /* NULL-name-terminated */
    const struct QmpArgSpec *element;
} QmpArgSpec;

/* Check @args against @members; false with @errp set on the first fault. */
bool qmp_check_args(const QmpArgSpec *members, const QDict *args,
                    Error **errp);

#endif
