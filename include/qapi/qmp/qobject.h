/*
 * QObject: the reference-counted base of QEMU's dynamic value types
 * (QNull, QNum, QString, QDict, QList, QBool).
 *
 * Every concrete type embeds "struct QObjectBase_ base" as its first
 * member; QOBJECT() upcasts, qobject_to(Type, obj) downcasts (NULL on
 * a type mismatch or NULL input).  References: a new object starts at
 * one; qobject_ref() adds one, qobject_unref() drops one and destroys
 * the object at zero.  Containers take ownership of the reference they
 * are given (qdict_put_obj, qlist_append_obj).
 */
#ifndef QOBJECT_H
#define QOBJECT_H

#include "qapi/qapi-builtin-types.h"

typedef struct QObject QObject;
typedef struct QNull QNull;
typedef struct QNum QNum;
typedef struct QString QString;
typedef struct QDict QDict;
typedef struct QList QList;
typedef struct QBool QBool;

/* Not for direct use: the header every QObject type starts with. */
struct QObjectBase_ {
    QType type;
    size_t refcnt;
};

struct QObject {
    struct QObjectBase_ base;
};

/* Used by qobject_to(): maps a C type name to its QType. */
#define QTYPE_CAST_TO_QNull     QTYPE_QNULL
#define QTYPE_CAST_TO_QNum      QTYPE_QNUM
#define QTYPE_CAST_TO_QString   QTYPE_QSTRING
#define QTYPE_CAST_TO_QDict     QTYPE_QDICT
#define QTYPE_CAST_TO_QList     QTYPE_QLIST
#define QTYPE_CAST_TO_QBool     QTYPE_QBOOL

/* Upcast any QObject type (or QObject itself) to QObject *; NULL-safe. */
#define QOBJECT(obj) ({                                         \
    typeof(obj) qobj_upcast_ = (obj);                           \
    qobj_upcast_ ? container_of(&qobj_upcast_->base, QObject, base) \
                 : (QObject *)NULL;                             \
})

static inline void qobject_init(QObject *obj, QType type)
{
    assert(QTYPE_NONE < type && type < QTYPE__MAX);
    obj->base.refcnt = 1;
    obj->base.type = type;
}

static inline void qobject_ref_impl(QObject *obj)
{
    if (obj) {
        obj->base.refcnt++;
    }
}

/* Destroys @obj; called when its reference count reaches zero. */
void qobject_destroy(QObject *obj);

static inline void qobject_unref_impl(QObject *obj)
{
    assert(!obj || obj->base.refcnt);
    if (obj && --obj->base.refcnt == 0) {
        qobject_destroy(obj);
    }
}

/* Take a reference; evaluates to @obj with its own type.  NULL-safe. */
#define qobject_ref(obj) ({                     \
    typeof(obj) qobj_ref_ = (obj);              \
    qobject_ref_impl(QOBJECT(qobj_ref_));       \
    qobj_ref_;                                  \
})

/* Drop a reference.  NULL-safe. */
#define qobject_unref(obj) qobject_unref_impl(QOBJECT(obj))

/*
 * Deep comparison.  Numbers compare by mathematical value (an int 1
 * equals a double 1.0); QNull equals QNull; dicts ignore order.
 */
bool qobject_is_equal(const QObject *x, const QObject *y);

static inline QType qobject_type(const QObject *obj)
{
    assert(QTYPE_NONE < obj->base.type && obj->base.type < QTYPE__MAX);
    return obj->base.type;
}

static inline QObject *qobject_check_type(const QObject *obj, QType type)
{
    if (obj && qobject_type(obj) == type) {
        return (QObject *)obj;
    }
    return NULL;
}

/* Downcast: qobject_to(QDict, obj) is a QDict * or NULL. */
#define qobject_to(type, obj) \
    ((type *)qobject_check_type(obj, QTYPE_CAST_TO_##type))

static inline void qobject_unref_cleanup_(QObject *obj)
{
    qobject_unref_impl(obj);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(QObject, qobject_unref_cleanup_)

#endif /* QOBJECT_H */
