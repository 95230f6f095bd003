/*
 * JSON <-> QObject.
 *
 * qobject_from_json() parses exactly one JSON value (with QEMU's
 * extensions: single-quoted strings).  The *jsonf* variants interpolate
 * %s %d %i(bool) %" PRId64 " %ld %lld %u %f %p(QObject *, reference
 * taken over) and abort on malformed input — for trusted format strings.
 */
#ifndef QJSON_H
#define QJSON_H

#include "qapi/qmp/qobject.h"

QObject *qobject_from_json(const char *string, Error **errp);

QObject *qobject_from_vjsonf_nofail(const char *string, va_list ap)
    G_GNUC_PRINTF(1, 0);
QObject *qobject_from_jsonf_nofail(const char *string, ...)
    G_GNUC_PRINTF(1, 2);
QDict *qdict_from_vjsonf_nofail(const char *string, va_list ap)
    G_GNUC_PRINTF(1, 0);
QDict *qdict_from_jsonf_nofail(const char *string, ...)
    G_GNUC_PRINTF(1, 2);

/* Compact JSON; the caller frees the GString (g_string_free). */
GString *qobject_to_json(const QObject *obj);
/* With @pretty: newlines and 4-space indentation, as QEMU prints it. */
GString *qobject_to_json_pretty(const QObject *obj, bool pretty);

#endif /* QJSON_H */
