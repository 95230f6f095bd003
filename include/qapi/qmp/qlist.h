/* QList: an ordered list of QObject references. */
#ifndef QLIST_H
#define QLIST_H

#include "qapi/qmp/qobject.h"

typedef struct QListEntry {
    QObject *value;
    struct QListEntry *next;
} QListEntry;

struct QList {
    struct QObjectBase_ base;
    QListEntry *head;
    QListEntry **tail;   /* &last->next, or &head when empty */
    size_t size;
};

/* Append: the list takes over the caller's reference to @obj. */
#define qlist_append(qlist, obj) qlist_append_obj(qlist, QOBJECT(obj))

/*
 * Iterate the entries of @qlist; @var is a (const) QListEntry *.
 * Named after QEMU's macro; distinct from queue.h's QLIST_* macros.
 */
#define QLIST_FOREACH_ENTRY(qlist, var)                 \
    for ((var) = (qlist)->head; (var); (var) = (var)->next)

static inline QObject *qlist_entry_obj(const QListEntry *entry)
{
    return entry->value;
}

QList *qlist_new(void);
QList *qlist_copy(QList *src);          /* shallow: elements are ref'd */
void qlist_append_obj(QList *qlist, QObject *obj);
void qlist_append_int(QList *qlist, int64_t value);
void qlist_append_bool(QList *qlist, bool value);
void qlist_append_str(QList *qlist, const char *value);
void qlist_append_null(QList *qlist);
/* Remove the first element and return it (the caller owns it); NULL if empty. */
QObject *qlist_pop(QList *qlist);
/* First element, still owned by the list; NULL if empty. */
QObject *qlist_peek(QList *qlist);
int qlist_empty(const QList *qlist);
size_t qlist_size(const QList *qlist);
bool qlist_is_equal(const QObject *x, const QObject *y);
void qlist_destroy_obj(QObject *obj);

static inline const QListEntry *qlist_first(const QList *qlist)
{
    return qlist->head;
}

static inline const QListEntry *qlist_next(const QListEntry *entry)
{
    return entry->next;
}

static inline void qlist_unref_(QList *q)
{
    qobject_unref(q);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(QList, qlist_unref_)

#endif /* QLIST_H */
