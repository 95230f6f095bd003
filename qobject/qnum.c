/*
 * QNum: exact int64 / uint64 / double numbers.
 */
#include "qemu/osdep.h"
#include <math.h>
#include "qapi/qmp/qnum.h"

static QNum *qnum_alloc(QNumKind kind)
{
    QNum *qn = g_new(QNum, 1);

    qobject_init(QOBJECT(qn), QTYPE_QNUM);
    qn->kind = kind;
    return qn;
}

QNum *qnum_from_int(int64_t value)
{
    QNum *qn = qnum_alloc(QNUM_I64);

    qn->u.i64 = value;
    return qn;
}

QNum *qnum_from_uint(uint64_t value)
{
    QNum *qn = qnum_alloc(QNUM_U64);

    qn->u.u64 = value;
    return qn;
}

QNum *qnum_from_double(double value)
{
    QNum *qn = qnum_alloc(QNUM_DOUBLE);

    qn->u.dbl = value;
    return qn;
}

bool qnum_get_try_int(const QNum *qn, int64_t *val)
{
    switch (qn->kind) {
    case QNUM_I64:
        *val = qn->u.i64;
        return true;
    case QNUM_U64:
        if (qn->u.u64 > INT64_MAX) {
            return false;
        }
        *val = qn->u.u64;
        return true;
    case QNUM_DOUBLE:
        return false;
    }
    g_assert_not_reached();
}

int64_t qnum_get_int(const QNum *qn)
{
    int64_t val;
    bool ok = qnum_get_try_int(qn, &val);

    assert(ok);
    return val;
}

bool qnum_get_try_uint(const QNum *qn, uint64_t *val)
{
    switch (qn->kind) {
    case QNUM_I64:
        if (qn->u.i64 < 0) {
            return false;
        }
        *val = qn->u.i64;
        return true;
    case QNUM_U64:
        *val = qn->u.u64;
        return true;
    case QNUM_DOUBLE:
        return false;
    }
    g_assert_not_reached();
}

uint64_t qnum_get_uint(const QNum *qn)
{
    uint64_t val;
    bool ok = qnum_get_try_uint(qn, &val);

    assert(ok);
    return val;
}

double qnum_get_double(const QNum *qn)
{
    switch (qn->kind) {
    case QNUM_I64:
        return qn->u.i64;
    case QNUM_U64:
        return qn->u.u64;
    case QNUM_DOUBLE:
        return qn->u.dbl;
    }
    g_assert_not_reached();
}

char *qnum_to_string(QNum *qn)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];

    switch (qn->kind) {
    case QNUM_I64:
        return g_strdup_printf("%" PRId64, qn->u.i64);
    case QNUM_U64:
        return g_strdup_printf("%" PRIu64, qn->u.u64);
    case QNUM_DOUBLE:
        /* 17 significant digits round-trip any double; "C" locale. */
        return g_strdup(g_ascii_formatd(buf, sizeof(buf), "%.17g",
                                        qn->u.dbl));
    }
    g_assert_not_reached();
}

/*
 * Equal when they denote the same number: int64 and uint64 compare
 * exactly; a double equals an integer only if it is integral and the
 * integer converts to it without loss.
 */
bool qnum_is_equal(const QObject *x, const QObject *y)
{
    QNum *a = qobject_to(QNum, x), *b = qobject_to(QNum, y);

    if (a->kind == QNUM_DOUBLE || b->kind == QNUM_DOUBLE) {
        QNum *d = a->kind == QNUM_DOUBLE ? a : b;
        QNum *o = d == a ? b : a;

        if (o->kind == QNUM_DOUBLE) {
            return d->u.dbl == o->u.dbl;
        }
        if (o->kind == QNUM_I64) {
            return (double)o->u.i64 == d->u.dbl &&
                   (d->u.dbl >= -0x1p63 && d->u.dbl < 0x1p63) &&
                   (int64_t)d->u.dbl == o->u.i64;
        }
        return (double)o->u.u64 == d->u.dbl &&
               (d->u.dbl >= 0 && d->u.dbl < 0x1p64) &&
               (uint64_t)d->u.dbl == o->u.u64;
    }
    if (a->kind == QNUM_I64 && b->kind == QNUM_I64) {
        return a->u.i64 == b->u.i64;
    }
    if (a->kind == QNUM_U64 && b->kind == QNUM_U64) {
        return a->u.u64 == b->u.u64;
    }
    /* One signed, one unsigned */
    {
        QNum *s = a->kind == QNUM_I64 ? a : b;
        QNum *u = s == a ? b : a;

        return s->u.i64 >= 0 && (uint64_t)s->u.i64 == u->u.u64;
    }
}

void qnum_destroy_obj(QObject *obj)
{
    g_free(qobject_to(QNum, obj));
}
