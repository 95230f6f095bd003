/*
 * Userspace RCU with a global grace-period counter.
 *
 * A reader publishes the counter value it saw when its outermost
 * critical section began (0 when outside one).  synchronize_rcu()
 * advances the counter and waits until no registered reader still
 * shows an older non-zero value.
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "qemu/queue.h"
#include "qemu/rcu.h"
#include "qemu/thread.h"

typedef struct RCUReader {
    unsigned long ctr;          /* 0, or the gp counter at lock time */
    int depth;
    bool registered;
    QLIST_ENTRY(RCUReader) node;
} RCUReader;

static unsigned long rcu_gp_ctr = 1;
static QemuMutex rcu_registry_lock = {
    .lock = PTHREAD_MUTEX_INITIALIZER,
    .initialized = true,
};
/* Serialises writers so grace periods don't interleave. */
static QemuMutex rcu_sync_lock = {
    .lock = PTHREAD_MUTEX_INITIALIZER,
    .initialized = true,
};
static QLIST_HEAD(, RCUReader) registry = QLIST_HEAD_INITIALIZER(registry);
static __thread RCUReader rcu_reader;
static pthread_key_t rcu_exit_key;
static pthread_once_t rcu_key_once = PTHREAD_ONCE_INIT;

static void rcu_thread_exit(void *unused)
{
    rcu_unregister_thread();
}

static void rcu_make_key(void)
{
    pthread_key_create(&rcu_exit_key, rcu_thread_exit);
}

void rcu_register_thread(void)
{
    if (rcu_reader.registered) {
        return;
    }
    pthread_once(&rcu_key_once, rcu_make_key);
    /* The key's destructor unregisters us when the thread exits. */
    pthread_setspecific(rcu_exit_key, &rcu_reader);
    qemu_mutex_lock(&rcu_registry_lock);
    QLIST_INSERT_HEAD(&registry, &rcu_reader, node);
    rcu_reader.registered = true;
    qemu_mutex_unlock(&rcu_registry_lock);
}

void rcu_unregister_thread(void)
{
    if (!rcu_reader.registered) {
        return;
    }
    qemu_mutex_lock(&rcu_registry_lock);
    QLIST_REMOVE(&rcu_reader, node);
    rcu_reader.registered = false;
    qemu_mutex_unlock(&rcu_registry_lock);
}

void rcu_read_lock(void)
{
    if (rcu_reader.depth++ > 0) {
        return;
    }
    if (!rcu_reader.registered) {
        rcu_register_thread();
    }
    __atomic_store_n(&rcu_reader.ctr,
                     __atomic_load_n(&rcu_gp_ctr, __ATOMIC_RELAXED),
                     __ATOMIC_RELAXED);
    /* Publish ctr before any read of RCU-protected data. */
    smp_mb();
}

void rcu_read_unlock(void)
{
    assert(rcu_reader.depth > 0);
    if (--rcu_reader.depth > 0) {
        return;
    }
    __atomic_store_n(&rcu_reader.ctr, 0, __ATOMIC_RELEASE);
}

/* Is @r still inside a critical section begun before @gp? */
static bool reader_is_old(RCUReader *r, unsigned long gp)
{
    unsigned long v = __atomic_load_n(&r->ctr, __ATOMIC_ACQUIRE);

    return v && v != gp;
}

void synchronize_rcu(void)
{
    unsigned long gp;
    RCUReader *r;
    bool waiting;

    qemu_mutex_lock(&rcu_sync_lock);
    smp_mb();
    gp = __atomic_add_fetch(&rcu_gp_ctr, 1, __ATOMIC_SEQ_CST);
    if (gp == 0) {
        /* 0 means "not reading": skip it on wrap-around. */
        gp = __atomic_add_fetch(&rcu_gp_ctr, 1, __ATOMIC_SEQ_CST);
    }
    smp_mb();
    do {
        waiting = false;
        qemu_mutex_lock(&rcu_registry_lock);
        QLIST_FOREACH(r, &registry, node) {
            if (reader_is_old(r, gp)) {
                waiting = true;
                break;
            }
        }
        qemu_mutex_unlock(&rcu_registry_lock);
        if (waiting) {
            g_usleep(10);
        }
    } while (waiting);
    qemu_mutex_unlock(&rcu_sync_lock);
}

/* ---- call_rcu ---- */

static QemuMutex rcu_cb_lock = {
    .lock = PTHREAD_MUTEX_INITIALIZER,
    .initialized = true,
};
static QemuCond rcu_cb_cond;
static QemuCond rcu_done_cond;
static struct rcu_head *rcu_cb_head;
static struct rcu_head **rcu_cb_tail = &rcu_cb_head;
static uint64_t rcu_cb_queued, rcu_cb_done;

static void *call_rcu_thread(void *opaque)
{
    for (;;) {
        struct rcu_head *batch, *next;
        uint64_t n = 0;

        qemu_mutex_lock(&rcu_cb_lock);
        while (!rcu_cb_head) {
            qemu_cond_wait(&rcu_cb_cond, &rcu_cb_lock);
        }
        batch = rcu_cb_head;
        rcu_cb_head = NULL;
        rcu_cb_tail = &rcu_cb_head;
        qemu_mutex_unlock(&rcu_cb_lock);

        synchronize_rcu();
        qemu_mutex_lock_iothread();
        for (; batch; batch = next) {
            next = batch->next;
            batch->func(batch);
            n++;
        }
        qemu_mutex_unlock_iothread();

        qemu_mutex_lock(&rcu_cb_lock);
        rcu_cb_done += n;
        qemu_cond_broadcast(&rcu_done_cond);
        qemu_mutex_unlock(&rcu_cb_lock);
    }
    return NULL;
}

static gpointer call_rcu_init_once(gpointer unused)
{
    QemuThread thread;

    qemu_cond_init(&rcu_cb_cond);
    qemu_cond_init(&rcu_done_cond);
    qemu_thread_create(&thread, "call_rcu", call_rcu_thread, NULL,
                       QEMU_THREAD_DETACHED);
    return NULL;
}

static void call_rcu_init(void)
{
    static GOnce once = G_ONCE_INIT;

    g_once(&once, call_rcu_init_once, NULL);
}

void call_rcu1(struct rcu_head *head, RCUCBFunc *func)
{
    call_rcu_init();
    head->func = func;
    head->next = NULL;
    qemu_mutex_lock(&rcu_cb_lock);
    *rcu_cb_tail = head;
    rcu_cb_tail = &head->next;
    rcu_cb_queued++;
    qemu_cond_signal(&rcu_cb_cond);
    qemu_mutex_unlock(&rcu_cb_lock);
}

void rcu_free_helper_(struct rcu_head *head)
{
    g_free(head);
}

void drain_call_rcu(void)
{
    bool had_bql = qemu_mutex_iothread_locked();
    uint64_t target;

    call_rcu_init();
    /* The callbacks need the BQL: don't hold it while waiting. */
    if (had_bql) {
        qemu_mutex_unlock_iothread();
    }
    qemu_mutex_lock(&rcu_cb_lock);
    target = rcu_cb_queued;
    while (rcu_cb_done < target) {
        qemu_cond_wait(&rcu_done_cond, &rcu_cb_lock);
    }
    qemu_mutex_unlock(&rcu_cb_lock);
    if (had_bql) {
        qemu_mutex_lock_iothread();
    }
}
