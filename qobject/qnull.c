/*
 * QNull singleton.
 */
#include "qemu/osdep.h"
#include "qapi/qmp/qnull.h"

QNull qnull_ = {
    .base = {
        .type = QTYPE_QNULL,
        .refcnt = 1,
    },
};

bool qnull_is_equal(const QObject *x, const QObject *y)
{
    return qobject_to(QNull, x) && qobject_to(QNull, y);
}
