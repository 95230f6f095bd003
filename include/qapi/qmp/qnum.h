/*
 * QNum: a JSON number held exactly as int64_t, uint64_t or double.
 *
 * A value stored as int64 (or as uint64 that fits int64) reads back
 * with qnum_get_try_int(); a non-negative int64 or any uint64 with
 * qnum_get_try_uint(); every QNum converts to double.
 */
#ifndef QNUM_H
#define QNUM_H

#include "qapi/qmp/qobject.h"

typedef enum {
    QNUM_I64,
    QNUM_U64,
    QNUM_DOUBLE,
} QNumKind;

struct QNum {
    struct QObjectBase_ base;
    QNumKind kind;
    union {
        int64_t i64;
        uint64_t u64;
        double dbl;
    } u;
};

QNum *qnum_from_int(int64_t value);
QNum *qnum_from_uint(uint64_t value);
QNum *qnum_from_double(double value);

bool qnum_get_try_int(const QNum *qn, int64_t *val);
int64_t qnum_get_int(const QNum *qn);      /* asserts it fits */
bool qnum_get_try_uint(const QNum *qn, uint64_t *val);
uint64_t qnum_get_uint(const QNum *qn);    /* asserts it fits */
double qnum_get_double(const QNum *qn);

/* Decimal text (shortest round-tripping form for doubles); g_free it. */
char *qnum_to_string(QNum *qn);

bool qnum_is_equal(const QObject *x, const QObject *y);
void qnum_destroy_obj(QObject *obj);

static inline void qnum_unref_(QNum *q)
{
    qobject_unref(q);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(QNum, qnum_unref_)

#endif /* QNUM_H */
