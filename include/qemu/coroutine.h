/*
 * Coroutines: cooperatively scheduled functions with their own stacks.
 * A coroutine runs when entered and returns control to whoever entered
 * it when it yields or finishes.  Used by code that wants to wait for
 * I/O without blocking the main loop (block layer, qemu-img).
 *
 * Coroutines belong to the thread that created them.  Waking one
 * (qemu_co_queue_next, CoMutex unlock) from inside another coroutine
 * defers the entry until the waker yields or finishes.
 */
#ifndef QEMU_COROUTINE_H
#define QEMU_COROUTINE_H

#include "qemu/queue.h"
#include "qemu/thread.h"
#include "qemu/timer.h"

/* Marks functions that must run in coroutine context (documentation). */
#define coroutine_fn
#define coroutine_mixed_fn

typedef struct Coroutine Coroutine;
typedef void coroutine_fn CoroutineEntry(void *opaque);

Coroutine *qemu_coroutine_create(CoroutineEntry *entry, void *opaque);
/* Switch to @co until it yields or terminates (then it is freed). */
void qemu_coroutine_enter(Coroutine *co);
void qemu_coroutine_enter_if_inactive(Coroutine *co);
/* Give control back to the coroutine's caller. */
void coroutine_fn qemu_coroutine_yield(void);
/* The current coroutine (a per-thread pseudo-coroutine outside one). */
Coroutine *qemu_coroutine_self(void);
bool qemu_in_coroutine(void);
/* Is @co running or entered (i.e. not parked in a yield)? */
bool qemu_coroutine_entered(Coroutine *co);

/* A queue of coroutines waiting for something. */
typedef struct CoQueue {
    QSIMPLEQ_HEAD(, Coroutine) entries;
} CoQueue;

/* A mutex for coroutines: waiting yields instead of blocking. */
typedef struct CoMutex {
    bool locked;
    Coroutine *holder;
    CoQueue queue;
} CoMutex;

void qemu_co_mutex_init(CoMutex *mutex);
void coroutine_fn qemu_co_mutex_lock(CoMutex *mutex);
void coroutine_fn qemu_co_mutex_unlock(CoMutex *mutex);
void qemu_co_mutex_assert_locked(CoMutex *mutex);

void qemu_co_queue_init(CoQueue *queue);
/*
 * Park the current coroutine on @queue.  @lock (a CoMutex *, a
 * QemuMutex * or NULL) is released while waiting and retaken after.
 */
#define qemu_co_queue_wait(queue, lock)                                 \
    qemu_co_queue_wait_impl(queue, _Generic((lock),                     \
        CoMutex *: (lock),                                              \
        default: NULL),                                                 \
        _Generic((lock),                                                \
        QemuMutex *: (lock),                                            \
        default: NULL))
void coroutine_fn qemu_co_queue_wait_impl(CoQueue *queue, CoMutex *co_lock,
                                          QemuMutex *mutex);
/* Wake the first waiter; false if there was none. */
bool qemu_co_queue_next(CoQueue *queue);
void qemu_co_queue_restart_all(CoQueue *queue);
/* Enter the first waiter right away (outside coroutine context). */
bool qemu_co_enter_next(CoQueue *queue, QemuMutex *lock);
bool qemu_co_queue_empty(CoQueue *queue);

/* Readers/writer lock for coroutines. */
typedef struct CoRwlock {
    CoMutex mutex;
    CoQueue queue;
    int readers;
    bool writer;
} CoRwlock;

void qemu_co_rwlock_init(CoRwlock *lock);
void coroutine_fn qemu_co_rwlock_rdlock(CoRwlock *lock);
void coroutine_fn qemu_co_rwlock_wrlock(CoRwlock *lock);
void coroutine_fn qemu_co_rwlock_unlock(CoRwlock *lock);

/* Sleep @ns nanoseconds of clock @type, letting the main loop run. */
void coroutine_fn qemu_co_sleep_ns(QEMUClockType type, int64_t ns);

#endif
