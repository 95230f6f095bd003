/*
 * Reading and writing QOM properties as QObjects (what QMP's qom-get and
 * qom-set use).
 */
#ifndef QEMU_QOM_QOBJECT_H
#define QEMU_QOM_QOBJECT_H

#include "qom/object.h"

/* Returns a new reference, or NULL with @errp set. */
QObject *object_property_get_qobject(Object *obj, const char *name,
                                     Error **errp);

bool object_property_set_qobject(Object *obj, const char *name,
                                 QObject *value, Error **errp);

#endif
