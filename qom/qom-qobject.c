/*
 * QOM properties as QObjects: the typed value representation shared by
 * the C accessors (object_property_get_int...) and QMP's qom-get/qom-set.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qom/object.h"
#include "qom/qom-qobject.h"
#include "qapi/visitor.h"
#include "qapi/qobject-input-visitor.h"
#include "qapi/qobject-output-visitor.h"

bool object_property_set_qobject(Object *obj, const char *name,
                                 QObject *value, Error **errp)
{
    Visitor *v = qobject_input_visitor_new(value);
    bool ok = object_property_set(obj, name, v, errp);

    visit_free(v);
    return ok;
}

QObject *object_property_get_qobject(Object *obj, const char *name,
                                     Error **errp)
{
    QObject *ret = NULL;
    Visitor *v = qobject_output_visitor_new(&ret);

    if (object_property_get(obj, name, v, errp)) {
        visit_complete(v, &ret);
    }
    visit_free(v);
    return ret;
}
