/*
 * Bottom halves: deferred callbacks run by the main loop.
 *
 * Scheduling only sets a flag and queues the BH (under bh_lock), so it
 * is cheap and safe from any thread; a GSource on the default main
 * context dispatches the queue with the BQL held.
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "qemu/queue.h"
#include "qemu/thread.h"

struct QEMUBH {
    QEMUBHFunc *cb;
    void *opaque;
    const char *name;
    bool scheduled;   /* the callback should run */
    bool queued;      /* on a pending queue (global or being dispatched) */
    bool deleted;     /* free when taken off the queue */
    QSIMPLEQ_ENTRY(QEMUBH) next;
};

typedef QSIMPLEQ_HEAD(, QEMUBH) BHQueue;

static QemuMutex bh_lock;
static BHQueue bh_pending = QSIMPLEQ_HEAD_INITIALIZER(bh_pending);
static GSource *bh_source;

void qemu_bh_init_source_(void);

static gboolean bh_source_prepare(GSource *source, gint *timeout)
{
    bool pending;

    qemu_mutex_lock(&bh_lock);
    pending = !QSIMPLEQ_EMPTY(&bh_pending);
    qemu_mutex_unlock(&bh_lock);
    *timeout = pending ? 0 : -1;
    return pending;
}

static gboolean bh_source_check(GSource *source)
{
    gint timeout;

    return bh_source_prepare(source, &timeout);
}

/* Run what was queued when dispatch began; later schedules wait a round. */
static gboolean bh_source_dispatch(GSource *source, GSourceFunc callback,
                                   gpointer user_data)
{
    BHQueue batch;
    QEMUBH *bh;

    qemu_mutex_lock(&bh_lock);
    QSIMPLEQ_INIT(&batch);
    QSIMPLEQ_CONCAT(&batch, &bh_pending);
    qemu_mutex_unlock(&bh_lock);

    while ((bh = QSIMPLEQ_FIRST(&batch))) {
        QEMUBHFunc *cb = NULL;
        void *opaque = NULL;

        qemu_mutex_lock(&bh_lock);
        QSIMPLEQ_REMOVE_HEAD(&batch, next);
        bh->queued = false;
        if (bh->deleted) {
            g_free(bh);
        } else if (bh->scheduled) {
            bh->scheduled = false;
            cb = bh->cb;
            opaque = bh->opaque;
        }
        qemu_mutex_unlock(&bh_lock);
        /* @bh may be deleted (even freed) by the callback: don't touch it. */
        if (cb) {
            cb(opaque);
        }
    }
    return G_SOURCE_CONTINUE;
}

static GSourceFuncs bh_source_funcs = {
    .prepare = bh_source_prepare,
    .check = bh_source_check,
    .dispatch = bh_source_dispatch,
};

static gpointer bh_init_once(gpointer unused)
{
    qemu_mutex_init(&bh_lock);
    bh_source = g_source_new(&bh_source_funcs, sizeof(GSource));
    g_source_set_name(bh_source, "qemu-bh");
    g_source_attach(bh_source, NULL);
    return NULL;
}

/* Called by qemu_init_main_loop; also done on first BH creation. */
void qemu_bh_init_source_(void)
{
    static GOnce once = G_ONCE_INIT;

    g_once(&once, bh_init_once, NULL);
}

QEMUBH *qemu_bh_new_full(QEMUBHFunc *cb, void *opaque, const char *name)
{
    QEMUBH *bh = g_new0(QEMUBH, 1);

    qemu_bh_init_source_();
    bh->cb = cb;
    bh->opaque = opaque;
    bh->name = name;
    return bh;
}

static void bh_schedule(QEMUBH *bh)
{
    qemu_mutex_lock(&bh_lock);
    if (bh->deleted) {
        qemu_mutex_unlock(&bh_lock);
        return;
    }
    bh->scheduled = true;
    if (!bh->queued) {
        bh->queued = true;
        QSIMPLEQ_INSERT_TAIL(&bh_pending, bh, next);
    }
    qemu_mutex_unlock(&bh_lock);
}

void qemu_bh_schedule(QEMUBH *bh)
{
    bh_schedule(bh);
    g_main_context_wakeup(NULL);
}

void qemu_bh_schedule_idle(QEMUBH *bh)
{
    /*
     * QEMU lets idle BHs wait for the next natural wakeup.  Waking
     * the loop as well is harmless and keeps their latency bounded.
     */
    qemu_bh_schedule(bh);
}

void qemu_bh_cancel(QEMUBH *bh)
{
    qemu_mutex_lock(&bh_lock);
    bh->scheduled = false;
    qemu_mutex_unlock(&bh_lock);
}

void qemu_bh_delete(QEMUBH *bh)
{
    bool free_now;

    if (!bh) {
        return;
    }
    qemu_mutex_lock(&bh_lock);
    bh->scheduled = false;
    bh->deleted = true;
    /* A queued BH is freed by the dispatcher when it reaches it. */
    free_now = !bh->queued;
    qemu_mutex_unlock(&bh_lock);
    if (free_now) {
        g_free(bh);
    }
}
