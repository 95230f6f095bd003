/* QNull: the JSON null singleton. */
#ifndef QNULL_H
#define QNULL_H

#include "qapi/qmp/qobject.h"

struct QNull {
    struct QObjectBase_ base;
};

/* The singleton; never destroyed (its count starts at one). */
extern QNull qnull_;

/* A new reference to the singleton. */
static inline QNull *qnull(void)
{
    return qobject_ref(&qnull_);
}

bool qnull_is_equal(const QObject *x, const QObject *y);

static inline void qnull_unref_(QNull *q)
{
    qobject_unref(q);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(QNull, qnull_unref_)

#endif /* QNULL_H */
