/* QBool: a boolean QObject. */
#ifndef QBOOL_H
#define QBOOL_H

#include "qapi/qmp/qobject.h"

struct QBool {
    struct QObjectBase_ base;
    bool value;
};

QBool *qbool_from_bool(bool value);
bool qbool_get_bool(const QBool *qb);
bool qbool_is_equal(const QObject *x, const QObject *y);
void qbool_destroy_obj(QObject *obj);

static inline void qbool_unref_(QBool *q)
{
    qobject_unref(q);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(QBool, qbool_unref_)

#endif /* QBOOL_H */
