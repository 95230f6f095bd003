/*
 * The QOM QMP commands (qom-list, qom-get, qom-set, qom-list-types,
 * qom-list-properties, object-add, object-del), ready for the QMP
 * dispatcher to wrap.  There is no QAPI code generator here, so where
 * QEMU returns a generated FooList the functions return the QList that
 * becomes the command's "return" value (new reference).
 */
#ifndef QOM_QMP_CMDS_H
#define QOM_QMP_CMDS_H

#include "qom/object.h"

typedef struct QList QList;

/* [{"name": ..., "type": ...}, ...] for the object at @path. */
QList *qmp_qom_list(const char *path, Error **errp);
/* The property value (new reference). */
QObject *qmp_qom_get(const char *path, const char *property, Error **errp);
void qmp_qom_set(const char *path, const char *property, QObject *value,
                 Error **errp);
/* [{"name": ..., "parent": ..., "abstract": true?}, ...] */
QList *qmp_qom_list_types(bool has_implements, const char *implements,
                          bool has_abstract, bool abstract, Error **errp);
/* [{"name", "type", "description"?, "default-value"?}, ...] */
QList *qmp_qom_list_properties(const char *typename, Error **errp);
/* @qdict: the command arguments ("qom-type", "id", properties). */
void qmp_object_add(QDict *qdict, QObject **ret_data, Error **errp);
void qmp_object_del(const char *id, Error **errp);

#endif
