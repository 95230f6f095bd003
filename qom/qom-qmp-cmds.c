/*
 * QOM QMP commands.  Replies are built as QObjects directly (no QAPI
 * generated types); shapes and error texts follow QEMU 7.2.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qom/object.h"
#include "qom/object_interfaces.h"
#include "qom/qom-qobject.h"
#include "qom/qom-qmp-cmds.h"
#include "qapi/qmp/qdict.h"
#include "qapi/qmp/qlist.h"
#include "qapi/qmp/qobject.h"

static Object *qom_resolve(const char *path, Error **errp)
{
    bool ambiguous = false;
    Object *obj = object_resolve_path(path, &ambiguous);

    if (!obj) {
        if (ambiguous) {
            error_setg(errp, "Path '%s' is ambiguous", path);
        } else {
            error_set(errp, ERROR_CLASS_DEVICE_NOT_FOUND,
                      "Device '%s' not found", path);
        }
    }
    return obj;
}

QList *qmp_qom_list(const char *path, Error **errp)
{
    Object *obj = qom_resolve(path, errp);
    ObjectPropertyIterator iter;
    ObjectProperty *prop;
    QList *props;

    if (!obj) {
        return NULL;
    }
    props = qlist_new();
    object_property_iter_init(&iter, obj);
    while ((prop = object_property_iter_next(&iter))) {
        QDict *entry = qdict_new();

        qdict_put_str(entry, "name", prop->name);
        qdict_put_str(entry, "type", prop->type);
        qlist_append(props, entry);
    }
    return props;
}

QObject *qmp_qom_get(const char *path, const char *property, Error **errp)
{
    Object *obj = object_resolve_path(path, NULL);

    if (!obj) {
        error_set(errp, ERROR_CLASS_DEVICE_NOT_FOUND,
                  "Device '%s' not found", path);
        return NULL;
    }
    return object_property_get_qobject(obj, property, errp);
}

void qmp_qom_set(const char *path, const char *property, QObject *value,
                 Error **errp)
{
    Object *obj = object_resolve_path(path, NULL);

    if (!obj) {
        error_set(errp, ERROR_CLASS_DEVICE_NOT_FOUND,
                  "Device '%s' not found", path);
        return;
    }
    object_property_set_qobject(obj, property, value, errp);
}

static void qom_list_types_tramp(ObjectClass *klass, void *data)
{
    QList *list = data;
    QDict *info = qdict_new();
    ObjectClass *parent = object_class_get_parent(klass);

    qdict_put_str(info, "name", object_class_get_name(klass));
    if (object_class_is_abstract(klass)) {
        qdict_put_bool(info, "abstract", true);
    }
    if (parent) {
        qdict_put_str(info, "parent", object_class_get_name(parent));
    }
    qlist_append(list, info);
}

QList *qmp_qom_list_types(bool has_implements, const char *implements,
                          bool has_abstract, bool abstract, Error **errp)
{
    QList *list = qlist_new();

    object_class_foreach(qom_list_types_tramp,
                         has_implements ? implements : NULL,
                         has_abstract && abstract, list);
    return list;
}

QList *qmp_qom_list_properties(const char *typename, Error **errp)
{
    ObjectClass *klass = module_object_class_by_name(typename);
    ObjectPropertyIterator iter;
    ObjectProperty *prop;
    Object *obj = NULL;
    QList *list;

    if (!klass) {
        error_set(errp, ERROR_CLASS_DEVICE_NOT_FOUND,
                  "Class '%s' not found", typename);
        return NULL;
    }
    if (!object_class_dynamic_cast(klass, TYPE_OBJECT)) {
        error_setg(errp, "Parameter '%s' expects %s", "typename",
                   "a QOM type");
        return NULL;
    }

    /* Instance properties need an instance; abstract types have none. */
    if (object_class_is_abstract(klass)) {
        object_class_property_iter_init(&iter, klass);
    } else {
        obj = object_new(typename);
        object_property_iter_init(&iter, obj);
    }

    list = qlist_new();
    while ((prop = object_property_iter_next(&iter))) {
        QDict *info = qdict_new();

        qdict_put_str(info, "name", prop->name);
        qdict_put_str(info, "type", prop->type);
        if (prop->description) {
            qdict_put_str(info, "description", prop->description);
        }
        if (prop->defval) {
            qdict_put_obj(info, "default-value", qobject_ref(prop->defval));
        }
        qlist_append(list, info);
    }
    object_unref(obj);
    return list;
}

void qmp_object_add(QDict *qdict, QObject **ret_data, Error **errp)
{
    user_creatable_add_dict(qdict, false, errp);
}

void qmp_object_del(const char *id, Error **errp)
{
    user_creatable_del(id, errp);
}
