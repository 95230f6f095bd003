/*
 * Threads and synchronisation primitives.
 */
#include "qemu/osdep.h"
#include "qemu/atomic.h"
#include "qemu/thread.h"

#define N_THREADS 4
#define N_ITER 10000

static QemuMutex counter_lock;
static long counter;

static void *inc_thread(void *opaque)
{
    int i;

    for (i = 0; i < N_ITER; i++) {
        QEMU_LOCK_GUARD(&counter_lock);
        counter++;
    }
    return opaque;
}

static void test_mutex_threads(void)
{
    QemuThread threads[N_THREADS];
    int i;

    qemu_mutex_init(&counter_lock);
    for (i = 0; i < N_THREADS; i++) {
        qemu_thread_create(&threads[i], "inc", inc_thread,
                           GINT_TO_POINTER(i + 1), QEMU_THREAD_JOINABLE);
    }
    for (i = 0; i < N_THREADS; i++) {
        /* join returns the thread's return value */
        g_assert_cmpint(GPOINTER_TO_INT(qemu_thread_join(&threads[i])), ==,
                        i + 1);
    }
    g_assert_cmpint(counter, ==, N_THREADS * N_ITER);
    qemu_mutex_destroy(&counter_lock);
}

static void *trylock_thread(void *opaque)
{
    return GINT_TO_POINTER(qemu_mutex_trylock(opaque));
}

static void test_trylock_and_guard(void)
{
    QemuMutex m;
    QemuThread t;

    qemu_mutex_init(&m);
    WITH_QEMU_LOCK_GUARD(&m) {
        qemu_thread_create(&t, "try", trylock_thread, &m,
                           QEMU_THREAD_JOINABLE);
        g_assert_cmpint(GPOINTER_TO_INT(qemu_thread_join(&t)), ==, -EBUSY);
    }
    /* The guard released it. */
    g_assert_cmpint(qemu_mutex_trylock(&m), ==, 0);
    qemu_mutex_unlock(&m);
    qemu_mutex_destroy(&m);
}

static void *rec_trylock_thread(void *opaque)
{
    int ret = qemu_rec_mutex_trylock(opaque);

    if (!ret) {
        qemu_rec_mutex_unlock(opaque);
    }
    return GINT_TO_POINTER(ret);
}

static void test_rec_mutex(void)
{
    QemuRecMutex m;
    QemuThread t;

    qemu_rec_mutex_init(&m);
    qemu_rec_mutex_lock(&m);
    qemu_rec_mutex_lock(&m);
    g_assert_cmpint(qemu_rec_mutex_trylock(&m), ==, 0);
    qemu_rec_mutex_unlock(&m);
    qemu_rec_mutex_unlock(&m);
    qemu_rec_mutex_unlock(&m);
    {
        QEMU_LOCK_GUARD(&m);
        QEMU_LOCK_GUARD(&m);
    }
    /* Fully released: another thread can take it. */
    qemu_thread_create(&t, "try", rec_trylock_thread, &m,
                       QEMU_THREAD_JOINABLE);
    g_assert_cmpint(GPOINTER_TO_INT(qemu_thread_join(&t)), ==, 0);
    qemu_rec_mutex_destroy(&m);
}

typedef struct CondState {
    QemuMutex lock;
    QemuCond cond;
    bool ready;
} CondState;

static void *cond_thread(void *opaque)
{
    CondState *s = opaque;

    qemu_mutex_lock(&s->lock);
    s->ready = true;
    qemu_cond_signal(&s->cond);
    qemu_mutex_unlock(&s->lock);
    return NULL;
}

static void test_cond(void)
{
    CondState s = { .ready = false };
    QemuThread t;

    qemu_mutex_init(&s.lock);
    qemu_cond_init(&s.cond);
    qemu_mutex_lock(&s.lock);
    /* Nobody signals: the timed wait times out. */
    g_assert_false(qemu_cond_timedwait(&s.cond, &s.lock, 1));
    qemu_thread_create(&t, "cond", cond_thread, &s, QEMU_THREAD_JOINABLE);
    while (!s.ready) {
        qemu_cond_wait(&s.cond, &s.lock);
    }
    qemu_mutex_unlock(&s.lock);
    qemu_thread_join(&t);
    qemu_cond_destroy(&s.cond);
    qemu_mutex_destroy(&s.lock);
}

static QemuSemaphore sem;

static void *sem_thread(void *opaque)
{
    int i;

    for (i = 0; i < 3; i++) {
        qemu_sem_post(&sem);
    }
    return NULL;
}

static void test_semaphore(void)
{
    QemuThread t;
    int i;

    qemu_sem_init(&sem, 1);
    g_assert_cmpint(qemu_sem_timedwait(&sem, 0), ==, 0);
    g_assert_cmpint(qemu_sem_timedwait(&sem, 1), ==, -1);
    qemu_thread_create(&t, "sem", sem_thread, NULL, QEMU_THREAD_JOINABLE);
    for (i = 0; i < 3; i++) {
        qemu_sem_wait(&sem);
    }
    qemu_thread_join(&t);
    g_assert_cmpint(qemu_sem_timedwait(&sem, 0), ==, -1);
    qemu_sem_destroy(&sem);
}

static QemuEvent ev;
static int ev_seen;

static void *event_thread(void *opaque)
{
    qemu_event_wait(&ev);
    qatomic_inc(&ev_seen);
    return NULL;
}

static void test_event(void)
{
    QemuThread t[2];
    int i;

    qemu_event_init(&ev, false);
    for (i = 0; i < 2; i++) {
        qemu_thread_create(&t[i], "ev", event_thread, NULL,
                           QEMU_THREAD_JOINABLE);
    }
    qemu_event_set(&ev);
    for (i = 0; i < 2; i++) {
        qemu_thread_join(&t[i]);
    }
    g_assert_cmpint(ev_seen, ==, 2);
    /* Still set: waiting returns immediately. */
    qemu_event_wait(&ev);
    qemu_event_reset(&ev);
    qemu_event_set(&ev);
    qemu_event_wait(&ev);
    qemu_event_destroy(&ev);
}

static void *name_thread(void *opaque)
{
    char name[32] = "";
    QemuThread self;

    pthread_getname_np(pthread_self(), name, sizeof(name));
    qemu_thread_get_self(&self);
    g_assert_true(qemu_thread_is_self(&self));
    g_assert_cmpint(qemu_get_thread_id(), !=, getpid());
    return g_strdup(name);
}

static void test_naming(void)
{
    QemuThread t;
    char *name;

    qemu_thread_naming(true);
    qemu_thread_create(&t, "CPU 0/KVM", name_thread, NULL,
                       QEMU_THREAD_JOINABLE);
    g_assert_false(qemu_thread_is_self(&t));
    name = qemu_thread_join(&t);
    g_assert_cmpstr(name, ==, "CPU 0/KVM");
    g_free(name);

    /* Long names are cut to the kernel's 15 characters. */
    qemu_thread_create(&t, "a-very-long-thread-name", name_thread, NULL,
                       QEMU_THREAD_JOINABLE);
    name = qemu_thread_join(&t);
    g_assert_cmpstr(name, ==, "a-very-long-thr");
    g_free(name);

    qemu_thread_naming(false);
    qemu_thread_create(&t, "unnamed", name_thread, NULL,
                       QEMU_THREAD_JOINABLE);
    name = qemu_thread_join(&t);
    g_assert_cmpstr(name, !=, "unnamed");
    g_free(name);
    g_assert_cmpint(qemu_get_thread_id(), ==, getpid());
}

static QemuSpin spin;
static long spin_counter;

static void *spin_thread(void *opaque)
{
    int i;

    for (i = 0; i < N_ITER; i++) {
        qemu_spin_lock(&spin);
        spin_counter++;
        qemu_spin_unlock(&spin);
    }
    return NULL;
}

static void test_spin(void)
{
    QemuThread threads[N_THREADS];
    int i;

    qemu_spin_init(&spin);
    g_assert_false(qemu_spin_trylock(&spin));
    g_assert_true(qemu_spin_locked(&spin));
    g_assert_true(qemu_spin_trylock(&spin));
    qemu_spin_unlock(&spin);
    for (i = 0; i < N_THREADS; i++) {
        qemu_thread_create(&threads[i], "spin", spin_thread, NULL,
                           QEMU_THREAD_JOINABLE);
    }
    for (i = 0; i < N_THREADS; i++) {
        qemu_thread_join(&threads[i]);
    }
    g_assert_cmpint(spin_counter, ==, N_THREADS * N_ITER);
}

static void test_atomics(void)
{
    int v = 5;
    uint64_t w = 1;

    g_assert_cmpint(qatomic_read(&v), ==, 5);
    qatomic_set(&v, 6);
    g_assert_cmpint(qatomic_fetch_add(&v, 2), ==, 6);
    g_assert_cmpint(v, ==, 8);
    qatomic_inc(&v);
    qatomic_dec(&v);
    qatomic_dec(&v);
    g_assert_cmpint(v, ==, 7);
    g_assert_cmpint(qatomic_xchg(&v, 1), ==, 7);
    g_assert_cmpint(qatomic_cmpxchg(&v, 1, 9), ==, 1);
    g_assert_cmpint(v, ==, 9);
    g_assert_cmpint(qatomic_cmpxchg(&v, 1, 3), ==, 9);
    g_assert_cmpint(v, ==, 9);
    g_assert_cmpuint(qatomic_or_fetch(&w, 6), ==, 7);
    smp_mb();
    smp_rmb();
    smp_wmb();
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/thread/mutex-threads", test_mutex_threads);
    g_test_add_func("/thread/trylock-guard", test_trylock_and_guard);
    g_test_add_func("/thread/rec-mutex", test_rec_mutex);
    g_test_add_func("/thread/cond", test_cond);
    g_test_add_func("/thread/semaphore", test_semaphore);
    g_test_add_func("/thread/event", test_event);
    g_test_add_func("/thread/naming", test_naming);
    g_test_add_func("/thread/atomics", test_atomics);
    g_test_add_func("/thread/spin", test_spin);
    return g_test_run();
}
