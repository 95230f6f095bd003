/*
 * Checking QMP command arguments against generated schema tables.
 * The order of checks follows QEMU's input visitor: members in schema
 * order (missing or ill-typed), then members nobody asked for.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qmp/arg-check.h"
#include "qapi/qmp/qdict.h"
#include "qapi/qmp/qlist.h"
#include "qapi/qmp/qnum.h"
#include "qapi/qmp/qstring.h"

static bool check_value(const QmpArgSpec *spec, const char *name,
                        QObject *obj, Error **errp);

static bool check_members(const QmpArgSpec *members, const QDict *args,
                          const char *prefix, Error **errp)
{
    const QmpArgSpec *m;
    const QDictEntry *ent;

    for (m = members; m->name; m++) {
        g_autofree char *full = prefix ? g_strdup_printf("%s.%s", prefix,
                                                         m->name)
                                       : g_strdup(m->name);
        QObject *obj = qdict_get(args, m->name);

        if (!obj) {
            if (!m->optional) {
                error_setg(errp, "Parameter '%s' is missing", full);
                return false;
            }
            continue;
        }
        if (!check_value(m, full, obj, errp)) {
            return false;
        }
    }
    for (ent = qdict_first(args); ent; ent = qdict_next(args, ent)) {
        const char *key = qdict_entry_key(ent);
        bool known = false;

        for (m = members; m->name; m++) {
            if (!strcmp(m->name, key)) {
                known = true;
                break;
            }
        }
        if (!known) {
            if (prefix) {
                error_setg(errp, "Parameter '%s.%s' is unexpected", prefix,
                           key);
            } else {
                error_setg(errp, "Parameter '%s' is unexpected", key);
            }
            return false;
        }
    }
    return true;
}

static bool type_error(const char *name, const char *expected, Error **errp)
{
    error_setg(errp, "Invalid parameter type for '%s', expected: %s",
               name, expected);
    return false;
}

static bool check_value(const QmpArgSpec *spec, const char *name,
                        QObject *obj, Error **errp)
{
    QNum *num;
    int64_t i;
    uint64_t u;

    switch (spec->kind) {
    case QMP_ARG_STR:
        return qobject_type(obj) == QTYPE_QSTRING
            || type_error(name, "string", errp);
    case QMP_ARG_INT:
        num = qobject_to(QNum, obj);
        return (num && qnum_get_try_int(num, &i))
            || type_error(name, "integer", errp);
    case QMP_ARG_UINT:
        num = qobject_to(QNum, obj);
        return (num && qnum_get_try_uint(num, &u))
            || type_error(name, "integer", errp);
    case QMP_ARG_NUMBER:
        return qobject_type(obj) == QTYPE_QNUM
            || type_error(name, "number", errp);
    case QMP_ARG_BOOL:
        return qobject_type(obj) == QTYPE_QBOOL
            || type_error(name, "boolean", errp);
    case QMP_ARG_ANY:
        return true;
    case QMP_ARG_NULL:
        return qobject_type(obj) == QTYPE_QNULL
            || type_error(name, "null", errp);
    case QMP_ARG_ENUM: {
        QString *s = qobject_to(QString, obj);
        const char *const *v;

        if (!s) {
            return type_error(name, "string", errp);
        }
        for (v = spec->enum_values; *v; v++) {
            if (!strcmp(*v, qstring_get_str(s))) {
                return true;
            }
        }
        error_setg(errp, "Parameter '%s' does not accept value '%s'",
                   name, qstring_get_str(s));
        return false;
    }
    case QMP_ARG_STRUCT: {
        QDict *d = qobject_to(QDict, obj);

        if (!d) {
            return type_error(name, "object", errp);
        }
        return check_members(spec->members, d, name, errp);
    }
    case QMP_ARG_LIST: {
        QList *l = qobject_to(QList, obj);
        QListEntry *e;
        int idx = 0;

        if (!l) {
            return type_error(name, "array", errp);
        }
        QLIST_FOREACH_ENTRY(l, e) {
            g_autofree char *elem = g_strdup_printf("%s[%d]", name, idx++);

            if (!check_value(spec->element, elem, qlist_entry_obj(e),
                             errp)) {
                return false;
            }
        }
        return true;
    }
    }
    g_assert_not_reached();
}

bool qmp_check_args(const QmpArgSpec *members, const QDict *args,
                    Error **errp)
{
    return check_members(members, args, NULL, errp);
}
