/*
 * Intrusive linked lists: singly-linked lists (QSLIST), lists (QLIST),
 * simple queues (QSIMPLEQ) and tail queues (QTAILQ).  The link field is
 * embedded in the element, so insertion and removal never allocate.
 *
 * Modelled on the BSD <sys/queue.h> family, with QEMU's names.
 */
#ifndef QEMU_SYS_QUEUE_H
#define QEMU_SYS_QUEUE_H

/* ------------------------------------------------------------------ */
/* QLIST: doubly linked, O(1) removal, insertion at head/before/after. */

#define QLIST_HEAD(name, type)                                          \
struct name {                                                           \
    struct type *lh_first;                                              \
}

#define QLIST_HEAD_INITIALIZER(head) { NULL }

#define QLIST_ENTRY(type)                                               \
struct {                                                                \
    struct type *le_next;                                               \
    struct type **le_prev;  /* address of the pointer to us */          \
}

#define QLIST_INIT(head) do {                                           \
    (head)->lh_first = NULL;                                            \
} while (0)

#define QLIST_SWAP(dstlist, srclist, field) do {                        \
    void *tmplist_ = (srclist)->lh_first;                               \
    (srclist)->lh_first = (dstlist)->lh_first;                          \
    if ((srclist)->lh_first) {                                          \
        (srclist)->lh_first->field.le_prev = &(srclist)->lh_first;      \
    }                                                                   \
    (dstlist)->lh_first = tmplist_;                                     \
    if ((dstlist)->lh_first) {                                          \
        (dstlist)->lh_first->field.le_prev = &(dstlist)->lh_first;      \
    }                                                                   \
} while (0)

#define QLIST_INSERT_AFTER(listelm, elm, field) do {                    \
    (elm)->field.le_next = (listelm)->field.le_next;                    \
    if ((elm)->field.le_next != NULL) {                                 \
        (elm)->field.le_next->field.le_prev = &(elm)->field.le_next;    \
    }                                                                   \
    (listelm)->field.le_next = (elm);                                   \
    (elm)->field.le_prev = &(listelm)->field.le_next;                   \
} while (0)

#define QLIST_INSERT_BEFORE(listelm, elm, field) do {                   \
    (elm)->field.le_prev = (listelm)->field.le_prev;                    \
    (elm)->field.le_next = (listelm);                                   \
    *(listelm)->field.le_prev = (elm);                                  \
    (listelm)->field.le_prev = &(elm)->field.le_next;                   \
} while (0)

#define QLIST_INSERT_HEAD(head, elm, field) do {                        \
    (elm)->field.le_next = (head)->lh_first;                            \
    if ((elm)->field.le_next != NULL) {                                 \
        (head)->lh_first->field.le_prev = &(elm)->field.le_next;        \
    }                                                                   \
    (head)->lh_first = (elm);                                           \
    (elm)->field.le_prev = &(head)->lh_first;                           \
} while (0)

#define QLIST_REMOVE(elm, field) do {                                   \
    if ((elm)->field.le_next != NULL) {                                 \
        (elm)->field.le_next->field.le_prev = (elm)->field.le_prev;     \
    }                                                                   \
    *(elm)->field.le_prev = (elm)->field.le_next;                       \
    (elm)->field.le_next = NULL;                                        \
    (elm)->field.le_prev = NULL;                                        \
} while (0)

/* Remove only if on a list; safe to call twice. */
#define QLIST_SAFE_REMOVE(elm, field) do {                              \
    if ((elm)->field.le_prev != NULL) {                                 \
        QLIST_REMOVE(elm, field);                                       \
    }                                                                   \
} while (0)

#define QLIST_IS_INSERTED(elm, field) ((elm)->field.le_prev != NULL)

#define QLIST_FOREACH(var, head, field)                                 \
    for ((var) = ((head)->lh_first); (var); (var) = ((var)->field.le_next))

#define QLIST_FOREACH_SAFE(var, head, field, next_var)                  \
    for ((var) = ((head)->lh_first);                                    \
         (var) && ((next_var) = ((var)->field.le_next), 1);             \
         (var) = (next_var))

#define QLIST_EMPTY(head) ((head)->lh_first == NULL)
#define QLIST_FIRST(head) ((head)->lh_first)
#define QLIST_NEXT(elm, field) ((elm)->field.le_next)

/* ------------------------------------------------------------------ */
/* QSLIST: singly linked, cheapest; removal of arbitrary elements is O(n). */

#define QSLIST_HEAD(name, type)                                         \
struct name {                                                           \
    struct type *slh_first;                                             \
}

#define QSLIST_HEAD_INITIALIZER(head) { NULL }

#define QSLIST_ENTRY(type)                                              \
struct {                                                                \
    struct type *sle_next;                                              \
}

#define QSLIST_INIT(head) do {                                          \
    (head)->slh_first = NULL;                                           \
} while (0)

#define QSLIST_INSERT_AFTER(slistelm, elm, field) do {                  \
    (elm)->field.sle_next = (slistelm)->field.sle_next;                 \
    (slistelm)->field.sle_next = (elm);                                 \
} while (0)

#define QSLIST_INSERT_HEAD(head, elm, field) do {                       \
    (elm)->field.sle_next = (head)->slh_first;                          \
    (head)->slh_first = (elm);                                          \
} while (0)

/* Lock-free push, usable concurrently with other atomic pushes. */
#define QSLIST_INSERT_HEAD_ATOMIC(head, elm, field) do {                \
    typeof(elm) save_sle_next_;                                         \
    do {                                                                \
        save_sle_next_ = (elm)->field.sle_next =                        \
            __atomic_load_n(&(head)->slh_first, __ATOMIC_RELAXED);      \
    } while (!__atomic_compare_exchange_n(&(head)->slh_first,           \
                                          &save_sle_next_, (elm), false, \
                                          __ATOMIC_SEQ_CST,             \
                                          __ATOMIC_SEQ_CST));           \
} while (0)

/* Atomically take the whole list from @head and put it into @dest. */
#define QSLIST_MOVE_ATOMIC(dest, src) do {                              \
    (dest)->slh_first = __atomic_exchange_n(&(src)->slh_first, NULL,    \
                                            __ATOMIC_SEQ_CST);          \
} while (0)

#define QSLIST_REMOVE_HEAD(head, field) do {                            \
    typeof((head)->slh_first) elm_ = (head)->slh_first;                 \
    (head)->slh_first = elm_->field.sle_next;                           \
    elm_->field.sle_next = NULL;                                        \
} while (0)

#define QSLIST_REMOVE_AFTER(slistelm, field) do {                       \
    typeof(slistelm) next_ = (slistelm)->field.sle_next;                \
    (slistelm)->field.sle_next = next_->field.sle_next;                 \
    next_->field.sle_next = NULL;                                       \
} while (0)

#define QSLIST_REMOVE(head, elm, type, field) do {                      \
    if ((head)->slh_first == (elm)) {                                   \
        QSLIST_REMOVE_HEAD((head), field);                              \
    } else {                                                            \
        struct type *curelm_ = (head)->slh_first;                       \
        while (curelm_->field.sle_next != (elm)) {                      \
            curelm_ = curelm_->field.sle_next;                          \
        }                                                               \
        QSLIST_REMOVE_AFTER(curelm_, field);                            \
    }                                                                   \
} while (0)

#define QSLIST_FOREACH(var, head, field)                                \
    for ((var) = (head)->slh_first; (var); (var) = (var)->field.sle_next)

#define QSLIST_FOREACH_SAFE(var, head, field, next_var)                 \
    for ((var) = QSLIST_FIRST((head));                                  \
         (var) && ((next_var) = QSLIST_NEXT((var), field), 1);          \
         (var) = (next_var))

#define QSLIST_EMPTY(head) ((head)->slh_first == NULL)
#define QSLIST_FIRST(head) ((head)->slh_first)
#define QSLIST_NEXT(elm, field) ((elm)->field.sle_next)

/* ------------------------------------------------------------------ */
/* QSIMPLEQ: singly linked with a tail pointer (FIFO). */

#define QSIMPLEQ_HEAD(name, type)                                       \
struct name {                                                           \
    struct type *sqh_first;                                             \
    struct type **sqh_last;  /* address of the last next pointer */     \
}

#define QSIMPLEQ_HEAD_INITIALIZER(head) { NULL, &(head).sqh_first }

#define QSIMPLEQ_ENTRY(type)                                            \
struct {                                                                \
    struct type *sqe_next;                                              \
}

#define QSIMPLEQ_INIT(head) do {                                        \
    (head)->sqh_first = NULL;                                           \
    (head)->sqh_last = &(head)->sqh_first;                              \
} while (0)

#define QSIMPLEQ_INSERT_HEAD(head, elm, field) do {                     \
    if (((elm)->field.sqe_next = (head)->sqh_first) == NULL) {          \
        (head)->sqh_last = &(elm)->field.sqe_next;                      \
    }                                                                   \
    (head)->sqh_first = (elm);                                          \
} while (0)

#define QSIMPLEQ_INSERT_TAIL(head, elm, field) do {                     \
    (elm)->field.sqe_next = NULL;                                       \
    *(head)->sqh_last = (elm);                                          \
    (head)->sqh_last = &(elm)->field.sqe_next;                          \
} while (0)

#define QSIMPLEQ_INSERT_AFTER(head, listelm, elm, field) do {           \
    if (((elm)->field.sqe_next = (listelm)->field.sqe_next) == NULL) {  \
        (head)->sqh_last = &(elm)->field.sqe_next;                      \
    }                                                                   \
    (listelm)->field.sqe_next = (elm);                                  \
} while (0)

#define QSIMPLEQ_REMOVE_HEAD(head, field) do {                          \
    typeof((head)->sqh_first) elm_ = (head)->sqh_first;                 \
    if (((head)->sqh_first = elm_->field.sqe_next) == NULL) {           \
        (head)->sqh_last = &(head)->sqh_first;                          \
    }                                                                   \
    elm_->field.sqe_next = NULL;                                        \
} while (0)

/* Move everything after @elm from @head onto the (empty) @removed. */
#define QSIMPLEQ_SPLIT_AFTER(head, elm, field, removed) do {            \
    QSIMPLEQ_INIT(removed);                                             \
    if (((removed)->sqh_first = (elm)->field.sqe_next) != NULL) {       \
        if (((head)->sqh_first = (elm)->field.sqe_next) == NULL) {      \
            (head)->sqh_last = &(head)->sqh_first;                      \
        }                                                               \
        (removed)->sqh_last = (head)->sqh_last;                         \
        (head)->sqh_last = &(elm)->field.sqe_next;                      \
        (elm)->field.sqe_next = NULL;                                   \
    }                                                                   \
} while (0)

#define QSIMPLEQ_REMOVE(head, elm, type, field) do {                    \
    if ((head)->sqh_first == (elm)) {                                   \
        QSIMPLEQ_REMOVE_HEAD((head), field);                            \
    } else {                                                            \
        struct type *curelm_ = (head)->sqh_first;                       \
        while (curelm_->field.sqe_next != (elm)) {                      \
            curelm_ = curelm_->field.sqe_next;                          \
        }                                                               \
        if ((curelm_->field.sqe_next =                                  \
             curelm_->field.sqe_next->field.sqe_next) == NULL) {        \
            (head)->sqh_last = &(curelm_)->field.sqe_next;              \
        }                                                               \
        (elm)->field.sqe_next = NULL;                                   \
    }                                                                   \
} while (0)

#define QSIMPLEQ_FOREACH(var, head, field)                              \
    for ((var) = ((head)->sqh_first); (var); (var) = ((var)->field.sqe_next))

#define QSIMPLEQ_FOREACH_SAFE(var, head, field, next)                   \
    for ((var) = ((head)->sqh_first);                                   \
         (var) && ((next) = ((var)->field.sqe_next), 1);                \
         (var) = (next))

/* Append all of @head2 to @head1, leaving @head2 empty. */
#define QSIMPLEQ_CONCAT(head1, head2) do {                              \
    if (!QSIMPLEQ_EMPTY((head2))) {                                     \
        *(head1)->sqh_last = (head2)->sqh_first;                        \
        (head1)->sqh_last = (head2)->sqh_last;                          \
        QSIMPLEQ_INIT((head2));                                         \
    }                                                                   \
} while (0)

/* Put all of @head2 in front of @head1, leaving @head2 empty. */
#define QSIMPLEQ_PREPEND(head1, head2) do {                             \
    if (!QSIMPLEQ_EMPTY((head2))) {                                     \
        *(head2)->sqh_last = (head1)->sqh_first;                        \
        if (QSIMPLEQ_EMPTY((head1))) {                                  \
            (head1)->sqh_last = (head2)->sqh_last;                      \
        }                                                               \
        (head1)->sqh_first = (head2)->sqh_first;                        \
        QSIMPLEQ_INIT((head2));                                         \
    }                                                                   \
} while (0)

#define QSIMPLEQ_LAST(head, type, field)                                \
    (QSIMPLEQ_EMPTY((head)) ? NULL :                                    \
     container_of((head)->sqh_last, struct type, field.sqe_next))

#define QSIMPLEQ_EMPTY_ATOMIC(head)                                     \
    (__atomic_load_n(&(head)->sqh_first, __ATOMIC_RELAXED) == NULL)
#define QSIMPLEQ_EMPTY(head) ((head)->sqh_first == NULL)
#define QSIMPLEQ_FIRST(head) ((head)->sqh_first)
#define QSIMPLEQ_NEXT(elm, field) ((elm)->field.sqe_next)

/* ------------------------------------------------------------------ */
/*
 * QTAILQ: doubly linked with O(1) access to the tail.  Each link holds
 * the next element and a pointer to the previous element's link (the
 * head's link for the first element).  The head's own link keeps the
 * first element and a pointer to the last element's link, so the list
 * is circular through links and can be walked backwards.
 */

typedef struct QTailQLink {
    void *tql_next;
    struct QTailQLink *tql_prev;
} QTailQLink;

#define QTAILQ_HEAD(name, type)                                         \
union name {                                                            \
    struct type *tqh_first;                                             \
    QTailQLink tqh_circ;                                                \
}

#define QTAILQ_HEAD_INITIALIZER(head)                                   \
    { .tqh_circ = { NULL, &(head).tqh_circ } }

#define QTAILQ_ENTRY(type)                                              \
union {                                                                 \
    struct type *tqe_next;                                              \
    QTailQLink tqe_circ;                                                \
}

#define QTAILQ_INIT(head) do {                                          \
    (head)->tqh_first = NULL;                                           \
    (head)->tqh_circ.tql_prev = &(head)->tqh_circ;                      \
} while (0)

#define QTAILQ_INSERT_HEAD(head, elm, field) do {                       \
    if (((elm)->field.tqe_next = (head)->tqh_first) != NULL) {          \
        (head)->tqh_first->field.tqe_circ.tql_prev =                    \
            &(elm)->field.tqe_circ;                                     \
    } else {                                                            \
        (head)->tqh_circ.tql_prev = &(elm)->field.tqe_circ;             \
    }                                                                   \
    (head)->tqh_first = (elm);                                          \
    (elm)->field.tqe_circ.tql_prev = &(head)->tqh_circ;                 \
} while (0)

#define QTAILQ_INSERT_TAIL(head, elm, field) do {                       \
    (elm)->field.tqe_next = NULL;                                       \
    (elm)->field.tqe_circ.tql_prev = (head)->tqh_circ.tql_prev;         \
    (head)->tqh_circ.tql_prev->tql_next = (elm);                        \
    (head)->tqh_circ.tql_prev = &(elm)->field.tqe_circ;                 \
} while (0)

#define QTAILQ_INSERT_AFTER(head, listelm, elm, field) do {             \
    if (((elm)->field.tqe_next = (listelm)->field.tqe_next) != NULL) {  \
        (elm)->field.tqe_next->field.tqe_circ.tql_prev =                \
            &(elm)->field.tqe_circ;                                     \
    } else {                                                            \
        (head)->tqh_circ.tql_prev = &(elm)->field.tqe_circ;             \
    }                                                                   \
    (listelm)->field.tqe_next = (elm);                                  \
    (elm)->field.tqe_circ.tql_prev = &(listelm)->field.tqe_circ;        \
} while (0)

#define QTAILQ_INSERT_BEFORE(listelm, elm, field) do {                  \
    (elm)->field.tqe_circ.tql_prev = (listelm)->field.tqe_circ.tql_prev; \
    (elm)->field.tqe_next = (listelm);                                  \
    (listelm)->field.tqe_circ.tql_prev->tql_next = (elm);               \
    (listelm)->field.tqe_circ.tql_prev = &(elm)->field.tqe_circ;        \
} while (0)

#define QTAILQ_REMOVE(head, elm, field) do {                            \
    if (((elm)->field.tqe_next) != NULL) {                              \
        (elm)->field.tqe_next->field.tqe_circ.tql_prev =                \
            (elm)->field.tqe_circ.tql_prev;                             \
    } else {                                                            \
        (head)->tqh_circ.tql_prev = (elm)->field.tqe_circ.tql_prev;     \
    }                                                                   \
    (elm)->field.tqe_circ.tql_prev->tql_next = (elm)->field.tqe_next;   \
    (elm)->field.tqe_circ.tql_prev = NULL;                              \
    (elm)->field.tqe_circ.tql_next = NULL;                              \
    (elm)->field.tqe_next = NULL;                                       \
} while (0)

/* Append all of @head2 to @head1, leaving @head2 empty. */
#define QTAILQ_CONCAT(head1, head2, field) do {                         \
    if (!QTAILQ_EMPTY(head2)) {                                         \
        (head1)->tqh_circ.tql_prev->tql_next = (head2)->tqh_first;      \
        (head2)->tqh_first->field.tqe_circ.tql_prev =                   \
            (head1)->tqh_circ.tql_prev;                                 \
        (head1)->tqh_circ.tql_prev = (head2)->tqh_circ.tql_prev;        \
        QTAILQ_INIT((head2));                                           \
    }                                                                   \
} while (0)

#define QTAILQ_FOREACH(var, head, field)                                \
    for ((var) = ((head)->tqh_first); (var); (var) = ((var)->field.tqe_next))

#define QTAILQ_FOREACH_SAFE(var, head, field, next_var)                 \
    for ((var) = ((head)->tqh_first);                                   \
         (var) && ((next_var) = ((var)->field.tqe_next), 1);            \
         (var) = (next_var))

/* The element before the one owning @link (NULL at the start). */
#define QTAILQ_LINK_PREV(link)                                          \
    ((link).tql_prev->tql_prev->tql_next)

#define QTAILQ_LAST(head)                                               \
    ((typeof((head)->tqh_first)) QTAILQ_LINK_PREV((head)->tqh_circ))
#define QTAILQ_PREV(elm, field)                                         \
    ((typeof((elm)->field.tqe_next)) QTAILQ_LINK_PREV((elm)->field.tqe_circ))

#define QTAILQ_FOREACH_REVERSE(var, head, field)                        \
    for ((var) = QTAILQ_LAST(head); (var); (var) = QTAILQ_PREV(var, field))

#define QTAILQ_FOREACH_REVERSE_SAFE(var, head, field, prev_var)         \
    for ((var) = QTAILQ_LAST(head);                                     \
         (var) && ((prev_var) = QTAILQ_PREV(var, field), 1);            \
         (var) = (prev_var))

#define QTAILQ_EMPTY(head) ((head)->tqh_first == NULL)
#define QTAILQ_FIRST(head) ((head)->tqh_first)
#define QTAILQ_NEXT(elm, field) ((elm)->field.tqe_next)
#define QTAILQ_IN_USE(elm, field) ((elm)->field.tqe_circ.tql_prev != NULL)

#endif /* QEMU_SYS_QUEUE_H */
