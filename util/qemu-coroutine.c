/*
 * Coroutines over ucontext.
 *
 * Each coroutine gets an mmap'd stack with a guard page.  Switching
 * uses swapcontext; the trampoline finds its coroutine through the
 * per-thread "current" pointer, so no pointer has to be squeezed
 * through makecontext's int arguments.
 */
#include "qemu/osdep.h"
#include <ucontext.h>
#include "qemu/coroutine.h"

#define COROUTINE_STACK_SIZE (1 * MiB)

struct Coroutine {
    CoroutineEntry *entry;
    void *entry_arg;
    Coroutine *caller;          /* non-NULL while entered */
    bool terminated;
    ucontext_t uc;
    void *stack;
    size_t stack_size;
    /* Link on a CoQueue, or on another coroutine's wakeup list. */
    QSIMPLEQ_ENTRY(Coroutine) co_queue_next;
    /* Coroutines this one woke; entered when it yields or finishes. */
    QSIMPLEQ_HEAD(, Coroutine) co_queue_wakeup;
};

static __thread Coroutine leader;       /* the thread's own context */
static __thread Coroutine *current;

Coroutine *qemu_coroutine_self(void)
{
    if (!current) {
        current = &leader;
        QSIMPLEQ_INIT(&leader.co_queue_wakeup);
    }
    return current;
}

bool qemu_in_coroutine(void)
{
    return current && current != &leader;
}

bool qemu_coroutine_entered(Coroutine *co)
{
    return co->caller != NULL;
}

static void coroutine_trampoline(void)
{
    Coroutine *co = current;
    Coroutine *to;

    co->entry(co->entry_arg);
    co->terminated = true;
    to = co->caller;
    co->caller = NULL;
    current = to;
    /* Never returns: the enterer frees our stack. */
    setcontext(&to->uc);
    abort();
}

static void *alloc_stack(size_t size)
{
    size_t page = qemu_real_host_page_size();
    void *p = mmap(NULL, size + page, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    if (p == MAP_FAILED) {
        fprintf(stderr, "qemu: failed to allocate coroutine stack\n");
        abort();
    }
    /* Stacks grow down: a guard page at the bottom catches overflow. */
    mprotect(p, page, PROT_NONE);
    return p;
}

static void free_stack(void *stack, size_t size)
{
    munmap(stack, size + qemu_real_host_page_size());
}

Coroutine *qemu_coroutine_create(CoroutineEntry *entry, void *opaque)
{
    Coroutine *co = g_new0(Coroutine, 1);
    size_t page = qemu_real_host_page_size();

    co->entry = entry;
    co->entry_arg = opaque;
    co->stack_size = COROUTINE_STACK_SIZE;
    co->stack = alloc_stack(co->stack_size);
    QSIMPLEQ_INIT(&co->co_queue_wakeup);
    if (getcontext(&co->uc) < 0) {
        abort();
    }
    co->uc.uc_stack.ss_sp = (char *)co->stack + page;
    co->uc.uc_stack.ss_size = co->stack_size;
    co->uc.uc_link = NULL;
    makecontext(&co->uc, coroutine_trampoline, 0);
    return co;
}

static void coroutine_delete(Coroutine *co)
{
    free_stack(co->stack, co->stack_size);
    g_free(co);
}

void qemu_coroutine_enter(Coroutine *co)
{
    Coroutine *self = qemu_coroutine_self();
    QSIMPLEQ_HEAD(, Coroutine) wakeup = QSIMPLEQ_HEAD_INITIALIZER(wakeup);
    Coroutine *next;

    if (co->caller) {
        fprintf(stderr, "Co-routine re-entered recursively\n");
        abort();
    }
    if (co->terminated) {
        fprintf(stderr, "Co-routine entered after it terminated\n");
        abort();
    }
    co->caller = self;
    current = co;
    swapcontext(&self->uc, &co->uc);
    current = self;

    /* @co yielded or finished: run whatever it woke meanwhile. */
    QSIMPLEQ_CONCAT(&wakeup, &co->co_queue_wakeup);
    if (co->terminated) {
        coroutine_delete(co);
    }
    while ((next = QSIMPLEQ_FIRST(&wakeup))) {
        QSIMPLEQ_REMOVE_HEAD(&wakeup, co_queue_next);
        qemu_coroutine_enter(next);
    }
}

void qemu_coroutine_enter_if_inactive(Coroutine *co)
{
    if (!qemu_coroutine_entered(co)) {
        qemu_coroutine_enter(co);
    }
}

void coroutine_fn qemu_coroutine_yield(void)
{
    Coroutine *self = qemu_coroutine_self();
    Coroutine *to = self->caller;

    if (!to) {
        fprintf(stderr, "Co-routine is yielding to no one\n");
        abort();
    }
    self->caller = NULL;
    current = to;
    swapcontext(&self->uc, &to->uc);
}

/* Wake @co: now if we are not a coroutine, else once we yield. */
static void co_wake(Coroutine *co)
{
    if (qemu_in_coroutine()) {
        QSIMPLEQ_INSERT_TAIL(&qemu_coroutine_self()->co_queue_wakeup,
                             co, co_queue_next);
    } else {
        qemu_coroutine_enter(co);
    }
}

/* ---- CoQueue ---- */

void qemu_co_queue_init(CoQueue *queue)
{
    QSIMPLEQ_INIT(&queue->entries);
}

void coroutine_fn qemu_co_queue_wait_impl(CoQueue *queue, CoMutex *co_lock,
                                          QemuMutex *mutex)
{
    Coroutine *self = qemu_coroutine_self();

    assert(qemu_in_coroutine());
    QSIMPLEQ_INSERT_TAIL(&queue->entries, self, co_queue_next);
    if (co_lock) {
        qemu_co_mutex_unlock(co_lock);
    }
    if (mutex) {
        qemu_mutex_unlock(mutex);
    }
    qemu_coroutine_yield();
    if (mutex) {
        qemu_mutex_lock(mutex);
    }
    if (co_lock) {
        qemu_co_mutex_lock(co_lock);
    }
}

bool qemu_co_queue_next(CoQueue *queue)
{
    Coroutine *next = QSIMPLEQ_FIRST(&queue->entries);

    if (!next) {
        return false;
    }
    QSIMPLEQ_REMOVE_HEAD(&queue->entries, co_queue_next);
    co_wake(next);
    return true;
}

void qemu_co_queue_restart_all(CoQueue *queue)
{
    while (qemu_co_queue_next(queue)) {
        /* keep going */
    }
}

bool qemu_co_enter_next(CoQueue *queue, QemuMutex *lock)
{
    Coroutine *next = QSIMPLEQ_FIRST(&queue->entries);

    if (!next) {
        return false;
    }
    QSIMPLEQ_REMOVE_HEAD(&queue->entries, co_queue_next);
    if (lock) {
        qemu_mutex_unlock(lock);
    }
    qemu_coroutine_enter(next);
    if (lock) {
        qemu_mutex_lock(lock);
    }
    return true;
}

bool qemu_co_queue_empty(CoQueue *queue)
{
    return QSIMPLEQ_EMPTY(&queue->entries);
}

/* ---- CoMutex ---- */

void qemu_co_mutex_init(CoMutex *mutex)
{
    memset(mutex, 0, sizeof(*mutex));
    qemu_co_queue_init(&mutex->queue);
}

void coroutine_fn qemu_co_mutex_lock(CoMutex *mutex)
{
    Coroutine *self = qemu_coroutine_self();

    assert(qemu_in_coroutine());
    while (mutex->locked) {
        qemu_co_queue_wait_impl(&mutex->queue, NULL, NULL);
    }
    mutex->locked = true;
    mutex->holder = self;
}

void coroutine_fn qemu_co_mutex_unlock(CoMutex *mutex)
{
    assert(mutex->locked && mutex->holder == qemu_coroutine_self());
    mutex->locked = false;
    mutex->holder = NULL;
    qemu_co_queue_next(&mutex->queue);
}

void qemu_co_mutex_assert_locked(CoMutex *mutex)
{
    assert(mutex->locked && mutex->holder == qemu_coroutine_self());
}

/* ---- CoRwlock ---- */

void qemu_co_rwlock_init(CoRwlock *lock)
{
    memset(lock, 0, sizeof(*lock));
    qemu_co_mutex_init(&lock->mutex);
    qemu_co_queue_init(&lock->queue);
}

void coroutine_fn qemu_co_rwlock_rdlock(CoRwlock *lock)
{
    qemu_co_mutex_lock(&lock->mutex);
    while (lock->writer) {
        qemu_co_queue_wait(&lock->queue, &lock->mutex);
    }
    lock->readers++;
    qemu_co_mutex_unlock(&lock->mutex);
}

void coroutine_fn qemu_co_rwlock_wrlock(CoRwlock *lock)
{
    qemu_co_mutex_lock(&lock->mutex);
    while (lock->writer || lock->readers) {
        qemu_co_queue_wait(&lock->queue, &lock->mutex);
    }
    lock->writer = true;
    qemu_co_mutex_unlock(&lock->mutex);
}

void coroutine_fn qemu_co_rwlock_unlock(CoRwlock *lock)
{
    qemu_co_mutex_lock(&lock->mutex);
    if (lock->writer) {
        lock->writer = false;
    } else {
        assert(lock->readers > 0);
        lock->readers--;
    }
    qemu_co_queue_restart_all(&lock->queue);
    qemu_co_mutex_unlock(&lock->mutex);
}

/* ---- sleeping ---- */

static void co_sleep_cb(void *opaque)
{
    qemu_coroutine_enter(opaque);
}

void coroutine_fn qemu_co_sleep_ns(QEMUClockType type, int64_t ns)
{
    QEMUTimer ts;

    assert(qemu_in_coroutine());
    timer_init_ns(&ts, type, co_sleep_cb, qemu_coroutine_self());
    timer_mod_ns(&ts, qemu_clock_get_ns(type) + ns);
    qemu_coroutine_yield();
    timer_del(&ts);
}
