/*
 * Threads and synchronisation primitives over POSIX threads.
 */
#ifndef QEMU_THREAD_H
#define QEMU_THREAD_H

#include <pthread.h>
#include "qemu/typedefs.h"

struct QemuMutex {
    pthread_mutex_t lock;
    bool initialized;
};

/* A mutex the owning thread may take again (recursive). */
struct QemuRecMutex {
    pthread_mutex_t lock;
    bool initialized;
};

struct QemuCond {
    pthread_cond_t cond;
    bool initialized;
};

struct QemuSemaphore {
    QemuMutex mutex;
    QemuCond cond;
    unsigned int count;
};

/* Manual-reset event: wait() returns while the event is set. */
struct QemuEvent {
    QemuMutex mutex;
    QemuCond cond;
    bool value;
    bool initialized;
};

struct QemuThread {
    pthread_t thread;
};

#define QEMU_THREAD_JOINABLE 0
#define QEMU_THREAD_DETACHED 1

void qemu_mutex_init(QemuMutex *mutex);
void qemu_mutex_destroy(QemuMutex *mutex);
void qemu_mutex_lock(QemuMutex *mutex);
/* 0 on success, -EBUSY if held by someone else. */
int qemu_mutex_trylock(QemuMutex *mutex);
void qemu_mutex_unlock(QemuMutex *mutex);

void qemu_rec_mutex_init(QemuRecMutex *mutex);
void qemu_rec_mutex_destroy(QemuRecMutex *mutex);
void qemu_rec_mutex_lock(QemuRecMutex *mutex);
int qemu_rec_mutex_trylock(QemuRecMutex *mutex);
void qemu_rec_mutex_unlock(QemuRecMutex *mutex);

void qemu_cond_init(QemuCond *cond);
void qemu_cond_destroy(QemuCond *cond);
void qemu_cond_signal(QemuCond *cond);
void qemu_cond_broadcast(QemuCond *cond);
void qemu_cond_wait(QemuCond *cond, QemuMutex *mutex);
/* Returns false on timeout (@ms milliseconds). */
bool qemu_cond_timedwait(QemuCond *cond, QemuMutex *mutex, int ms);

void qemu_sem_init(QemuSemaphore *sem, int init);
void qemu_sem_post(QemuSemaphore *sem);
void qemu_sem_wait(QemuSemaphore *sem);
/* 0 when the semaphore was taken, -1 on timeout. */
int qemu_sem_timedwait(QemuSemaphore *sem, int ms);
void qemu_sem_destroy(QemuSemaphore *sem);

void qemu_event_init(QemuEvent *ev, bool init);
void qemu_event_set(QemuEvent *ev);
void qemu_event_reset(QemuEvent *ev);
void qemu_event_wait(QemuEvent *ev);
void qemu_event_destroy(QemuEvent *ev);

void qemu_thread_create(QemuThread *thread, const char *name,
                        void *(*start_routine)(void *),
                        void *arg, int mode);
void *qemu_thread_join(QemuThread *thread);
void qemu_thread_get_self(QemuThread *thread);
bool qemu_thread_is_self(QemuThread *thread);
G_NORETURN void qemu_thread_exit(void *retval);
/* -name debug-threads=on: name host threads after their role. */
void qemu_thread_naming(bool enable);

/* The host thread id (gettid), reported by QMP query-cpus-fast etc. */
int qemu_get_thread_id(void);

/* Spinlock for very short critical sections (never sleeps). */
typedef struct QemuSpin {
    int value;
} QemuSpin;

static inline void qemu_spin_init(QemuSpin *spin)
{
    __atomic_store_n(&spin->value, 0, __ATOMIC_RELEASE);
}

static inline bool qemu_spin_trylock(QemuSpin *spin)
{
    /* Returns true if the lock was *not* taken, as in QEMU. */
    return __atomic_exchange_n(&spin->value, 1, __ATOMIC_ACQUIRE);
}

static inline void qemu_spin_lock(QemuSpin *spin)
{
    while (__atomic_exchange_n(&spin->value, 1, __ATOMIC_ACQUIRE)) {
        while (__atomic_load_n(&spin->value, __ATOMIC_RELAXED)) {
#if defined(__x86_64__) || defined(__i386__)
            __builtin_ia32_pause();
#endif
        }
    }
}

static inline bool qemu_spin_locked(QemuSpin *spin)
{
    return __atomic_load_n(&spin->value, __ATOMIC_RELAXED);
}

static inline void qemu_spin_unlock(QemuSpin *spin)
{
    __atomic_store_n(&spin->value, 0, __ATOMIC_RELEASE);
}

/* CoMutex (qemu/coroutine.h) can be used with the lock guards too. */
struct CoMutex;
void qemu_co_mutex_lock(struct CoMutex *mutex);
void qemu_co_mutex_unlock(struct CoMutex *mutex);

/*
 * Scoped locking of a QemuMutex, QemuRecMutex or CoMutex:
 *     QEMU_LOCK_GUARD(&s->lock);           -- until end of scope
 *     WITH_QEMU_LOCK_GUARD(&s->lock) { }   -- for the block
 */
typedef struct QemuLockable {
    void *object;
    void (*lock)(void *);
    void (*unlock)(void *);
} QemuLockable;

static inline void qemu_lockable_mutex_lock_(void *m)
{
    qemu_mutex_lock(m);
}
static inline void qemu_lockable_mutex_unlock_(void *m)
{
    qemu_mutex_unlock(m);
}
static inline void qemu_lockable_rec_mutex_lock_(void *m)
{
    qemu_rec_mutex_lock(m);
}
static inline void qemu_lockable_rec_mutex_unlock_(void *m)
{
    qemu_rec_mutex_unlock(m);
}
static inline void qemu_lockable_co_mutex_lock_(void *m)
{
    qemu_co_mutex_lock(m);
}
static inline void qemu_lockable_co_mutex_unlock_(void *m)
{
    qemu_co_mutex_unlock(m);
}

#define QEMU_MAKE_LOCKABLE(x)                                           \
    _Generic((x),                                                       \
        QemuMutex *: ((QemuLockable) { (x),                             \
                                       qemu_lockable_mutex_lock_,       \
                                       qemu_lockable_mutex_unlock_ }),  \
        QemuRecMutex *: ((QemuLockable) { (x),                          \
                                          qemu_lockable_rec_mutex_lock_, \
                                          qemu_lockable_rec_mutex_unlock_ }), \
        struct CoMutex *: ((QemuLockable) { (x),                        \
                                            qemu_lockable_co_mutex_lock_, \
                                            qemu_lockable_co_mutex_unlock_ }))

static inline QemuLockable *qemu_lockable_auto_lock(QemuLockable *x)
{
    x->lock(x->object);
    return x;
}

static inline void qemu_lockable_auto_unlock(QemuLockable *x)
{
    if (x) {
        x->unlock(x->object);
    }
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(QemuLockable, qemu_lockable_auto_unlock)

#define QEMU_LOCK_GUARD__(x, n)                                         \
    QemuLockable qemu_lockable_##n = QEMU_MAKE_LOCKABLE(x);             \
    g_autoptr(QemuLockable) qemu_lockable_ptr_##n G_GNUC_UNUSED =       \
        qemu_lockable_auto_lock(&qemu_lockable_##n)
#define QEMU_LOCK_GUARD_(x, n) QEMU_LOCK_GUARD__(x, n)
#define QEMU_LOCK_GUARD(x) QEMU_LOCK_GUARD_(x, __COUNTER__)

/* The compound literal lives as long as the for statement. */
#define WITH_QEMU_LOCK_GUARD__(x, n)                                    \
    for (g_autoptr(QemuLockable) qemu_lockable_ptr_##n =                \
             qemu_lockable_auto_lock(&QEMU_MAKE_LOCKABLE(x));           \
         qemu_lockable_ptr_##n;                                         \
         qemu_lockable_auto_unlock(qemu_lockable_ptr_##n),              \
         qemu_lockable_ptr_##n = NULL)
#define WITH_QEMU_LOCK_GUARD_(x, n) WITH_QEMU_LOCK_GUARD__(x, n)
#define WITH_QEMU_LOCK_GUARD(x) WITH_QEMU_LOCK_GUARD_(x, __COUNTER__)

#endif
