/*
 * Threads and synchronisation over POSIX threads.  Any failure of the
 * underlying pthread call is a programming error, so it aborts.
 */
#include "qemu/osdep.h"
#include <sys/syscall.h>
#include "qemu/thread.h"

static bool name_threads;

void qemu_thread_naming(bool enable)
{
    name_threads = enable;
}

static void error_exit(int err, const char *msg)
{
    fprintf(stderr, "qemu: %s: %s\n", msg, strerror(err));
    abort();
}

static void compute_abs_deadline(struct timespec *ts, int ms)
{
    clock_gettime(CLOCK_MONOTONIC, ts);
    ts->tv_nsec += (ms % 1000) * 1000000L;
    ts->tv_sec += ms / 1000 + ts->tv_nsec / 1000000000L;
    ts->tv_nsec %= 1000000000L;
}

void qemu_mutex_init(QemuMutex *mutex)
{
    int err = pthread_mutex_init(&mutex->lock, NULL);

    if (err) {
        error_exit(err, __func__);
    }
    mutex->initialized = true;
}

void qemu_mutex_destroy(QemuMutex *mutex)
{
    int err;

    assert(mutex->initialized);
    mutex->initialized = false;
    err = pthread_mutex_destroy(&mutex->lock);
    if (err) {
        error_exit(err, __func__);
    }
}

void qemu_mutex_lock(QemuMutex *mutex)
{
    int err;

    assert(mutex->initialized);
    err = pthread_mutex_lock(&mutex->lock);
    if (err) {
        error_exit(err, __func__);
    }
}

int qemu_mutex_trylock(QemuMutex *mutex)
{
    int err;

    assert(mutex->initialized);
    err = pthread_mutex_trylock(&mutex->lock);
    if (err == 0) {
        return 0;
    }
    if (err != EBUSY) {
        error_exit(err, __func__);
    }
    return -EBUSY;
}

void qemu_mutex_unlock(QemuMutex *mutex)
{
    int err;

    assert(mutex->initialized);
    err = pthread_mutex_unlock(&mutex->lock);
    if (err) {
        error_exit(err, __func__);
    }
}

void qemu_rec_mutex_init(QemuRecMutex *mutex)
{
    pthread_mutexattr_t attr;
    int err;

    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    err = pthread_mutex_init(&mutex->lock, &attr);
    pthread_mutexattr_destroy(&attr);
    if (err) {
        error_exit(err, __func__);
    }
    mutex->initialized = true;
}

void qemu_rec_mutex_destroy(QemuRecMutex *mutex)
{
    assert(mutex->initialized);
    mutex->initialized = false;
    pthread_mutex_destroy(&mutex->lock);
}

void qemu_rec_mutex_lock(QemuRecMutex *mutex)
{
    int err;

    assert(mutex->initialized);
    err = pthread_mutex_lock(&mutex->lock);
    if (err) {
        error_exit(err, __func__);
    }
}

int qemu_rec_mutex_trylock(QemuRecMutex *mutex)
{
    int err;

    assert(mutex->initialized);
    err = pthread_mutex_trylock(&mutex->lock);
    if (err && err != EBUSY) {
        error_exit(err, __func__);
    }
    return err ? -EBUSY : 0;
}

void qemu_rec_mutex_unlock(QemuRecMutex *mutex)
{
    int err;

    assert(mutex->initialized);
    err = pthread_mutex_unlock(&mutex->lock);
    if (err) {
        error_exit(err, __func__);
    }
}

void qemu_cond_init(QemuCond *cond)
{
    pthread_condattr_t attr;
    int err;

    /* Time out against the monotonic clock so wall-clock jumps don't matter. */
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    err = pthread_cond_init(&cond->cond, &attr);
    pthread_condattr_destroy(&attr);
    if (err) {
        error_exit(err, __func__);
    }
    cond->initialized = true;
}

void qemu_cond_destroy(QemuCond *cond)
{
    int err;

    assert(cond->initialized);
    cond->initialized = false;
    err = pthread_cond_destroy(&cond->cond);
    if (err) {
        error_exit(err, __func__);
    }
}

void qemu_cond_signal(QemuCond *cond)
{
    int err;

    assert(cond->initialized);
    err = pthread_cond_signal(&cond->cond);
    if (err) {
        error_exit(err, __func__);
    }
}

void qemu_cond_broadcast(QemuCond *cond)
{
    int err;

    assert(cond->initialized);
    err = pthread_cond_broadcast(&cond->cond);
    if (err) {
        error_exit(err, __func__);
    }
}

void qemu_cond_wait(QemuCond *cond, QemuMutex *mutex)
{
    int err;

    assert(cond->initialized);
    err = pthread_cond_wait(&cond->cond, &mutex->lock);
    if (err) {
        error_exit(err, __func__);
    }
}

static bool cond_timedwait_ts(pthread_cond_t *cond, pthread_mutex_t *mutex,
                              const struct timespec *ts)
{
    int err = pthread_cond_timedwait(cond, mutex, ts);

    if (err && err != ETIMEDOUT) {
        error_exit(err, __func__);
    }
    return err != ETIMEDOUT;
}

bool qemu_cond_timedwait(QemuCond *cond, QemuMutex *mutex, int ms)
{
    struct timespec ts;

    assert(cond->initialized);
    compute_abs_deadline(&ts, ms);
    return cond_timedwait_ts(&cond->cond, &mutex->lock, &ts);
}

void qemu_sem_init(QemuSemaphore *sem, int init)
{
    assert(init >= 0);
    qemu_mutex_init(&sem->mutex);
    qemu_cond_init(&sem->cond);
    sem->count = init;
}

void qemu_sem_destroy(QemuSemaphore *sem)
{
    qemu_cond_destroy(&sem->cond);
    qemu_mutex_destroy(&sem->mutex);
}

void qemu_sem_post(QemuSemaphore *sem)
{
    qemu_mutex_lock(&sem->mutex);
    if (sem->count == UINT_MAX) {
        qemu_mutex_unlock(&sem->mutex);
        error_exit(EINVAL, __func__);
    }
    sem->count++;
    qemu_cond_signal(&sem->cond);
    qemu_mutex_unlock(&sem->mutex);
}

int qemu_sem_timedwait(QemuSemaphore *sem, int ms)
{
    struct timespec ts;
    bool ok = true;

    compute_abs_deadline(&ts, ms);
    qemu_mutex_lock(&sem->mutex);
    while (sem->count == 0 && ok) {
        ok = cond_timedwait_ts(&sem->cond.cond, &sem->mutex.lock, &ts);
    }
    if (sem->count > 0) {
        sem->count--;
        ok = true;
    }
    qemu_mutex_unlock(&sem->mutex);
    return ok ? 0 : -1;
}

void qemu_sem_wait(QemuSemaphore *sem)
{
    qemu_mutex_lock(&sem->mutex);
    while (sem->count == 0) {
        qemu_cond_wait(&sem->cond, &sem->mutex);
    }
    sem->count--;
    qemu_mutex_unlock(&sem->mutex);
}

void qemu_event_init(QemuEvent *ev, bool init)
{
    qemu_mutex_init(&ev->mutex);
    qemu_cond_init(&ev->cond);
    ev->value = init;
    ev->initialized = true;
}

void qemu_event_destroy(QemuEvent *ev)
{
    assert(ev->initialized);
    ev->initialized = false;
    qemu_cond_destroy(&ev->cond);
    qemu_mutex_destroy(&ev->mutex);
}

void qemu_event_set(QemuEvent *ev)
{
    assert(ev->initialized);
    /* Fast path: already set, nobody can be waiting. */
    if (__atomic_load_n(&ev->value, __ATOMIC_ACQUIRE)) {
        return;
    }
    qemu_mutex_lock(&ev->mutex);
    __atomic_store_n(&ev->value, true, __ATOMIC_RELEASE);
    qemu_cond_broadcast(&ev->cond);
    qemu_mutex_unlock(&ev->mutex);
}

void qemu_event_reset(QemuEvent *ev)
{
    assert(ev->initialized);
    qemu_mutex_lock(&ev->mutex);
    __atomic_store_n(&ev->value, false, __ATOMIC_RELEASE);
    qemu_mutex_unlock(&ev->mutex);
}

void qemu_event_wait(QemuEvent *ev)
{
    assert(ev->initialized);
    if (__atomic_load_n(&ev->value, __ATOMIC_ACQUIRE)) {
        return;
    }
    qemu_mutex_lock(&ev->mutex);
    while (!ev->value) {
        qemu_cond_wait(&ev->cond, &ev->mutex);
    }
    qemu_mutex_unlock(&ev->mutex);
}

typedef struct QemuThreadArgs {
    void *(*start_routine)(void *);
    void *arg;
    char *name;
} QemuThreadArgs;

static void *qemu_thread_start(void *args)
{
    QemuThreadArgs *qemu_thread_args = args;
    void *(*start_routine)(void *) = qemu_thread_args->start_routine;
    void *arg = qemu_thread_args->arg;

    /* Named from the thread itself: the name shows in top/gdb. */
    if (qemu_thread_args->name) {
        /* Linux limits thread names to 15 characters plus NUL. */
        char buf[16];

        g_strlcpy(buf, qemu_thread_args->name, sizeof(buf));
        pthread_setname_np(pthread_self(), buf);
    }
    g_free(qemu_thread_args->name);
    g_free(qemu_thread_args);
    return start_routine(arg);
}

void qemu_thread_create(QemuThread *thread, const char *name,
                        void *(*start_routine)(void *),
                        void *arg, int mode)
{
    sigset_t set, oldset;
    pthread_attr_t attr;
    QemuThreadArgs *args;
    int err;

    err = pthread_attr_init(&attr);
    if (err) {
        error_exit(err, __func__);
    }
    if (mode == QEMU_THREAD_DETACHED) {
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    }

    /* New threads start with all signals blocked; they unblock what they need. */
    sigfillset(&set);
    /* Keep synchronous signals deliverable so crashes still crash. */
    sigdelset(&set, SIGSEGV);
    sigdelset(&set, SIGFPE);
    sigdelset(&set, SIGILL);
    sigdelset(&set, SIGBUS);
    pthread_sigmask(SIG_SETMASK, &set, &oldset);

    args = g_new0(QemuThreadArgs, 1);
    args->name = name_threads && name ? g_strdup(name) : NULL;
    args->start_routine = start_routine;
    args->arg = arg;

    err = pthread_create(&thread->thread, &attr, qemu_thread_start, args);
    if (err) {
        error_exit(err, __func__);
    }
    pthread_sigmask(SIG_SETMASK, &oldset, NULL);
    pthread_attr_destroy(&attr);
}

void *qemu_thread_join(QemuThread *thread)
{
    void *ret;
    int err = pthread_join(thread->thread, &ret);

    if (err) {
        error_exit(err, __func__);
    }
    return ret;
}

void qemu_thread_get_self(QemuThread *thread)
{
    thread->thread = pthread_self();
}

bool qemu_thread_is_self(QemuThread *thread)
{
    return pthread_equal(pthread_self(), thread->thread);
}

void qemu_thread_exit(void *retval)
{
    pthread_exit(retval);
}

int qemu_get_thread_id(void)
{
    return syscall(SYS_gettid);
}
