/*
 * The main loop, built on the default GLib main context.
 *
 * main_loop_wait() runs one prepare/poll/check/dispatch round of the
 * context by hand so that it can (a) fold the earliest QEMU timer
 * deadline into the poll timeout and (b) drop the big QEMU lock while
 * blocked in poll.  fd handlers are one GSource per fd; bottom halves
 * are a GSource (util/async.c); anything else attached to the default
 * context is dispatched too.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/event_notifier.h"
#include "qemu/main-loop.h"
#include "qemu/thread.h"
#include "qemu/timer.h"

void qemu_bh_init_source_(void);

/* ---- the big QEMU lock ---- */

static QemuMutex qemu_global_mutex = {
    .lock = PTHREAD_MUTEX_INITIALIZER,
    .initialized = true,
};
static __thread bool iothread_locked;

bool qemu_mutex_iothread_locked(void)
{
    return iothread_locked;
}

void qemu_mutex_lock_iothread(void)
{
    g_assert(!qemu_mutex_iothread_locked());
    qemu_mutex_lock(&qemu_global_mutex);
    iothread_locked = true;
}

void qemu_mutex_unlock_iothread(void)
{
    g_assert(qemu_mutex_iothread_locked());
    iothread_locked = false;
    qemu_mutex_unlock(&qemu_global_mutex);
}

/*
 * Waiting on the BQL's condition needs the BQL.  A caller that does not
 * hold it (a bug, but one that would otherwise be undefined behaviour
 * in pthreads) gets it taken for the duration of the wait.
 */
void qemu_cond_wait_iothread(QemuCond *cond)
{
    bool take = !qemu_mutex_iothread_locked();

    if (take) {
        qemu_mutex_lock_iothread();
    }
    qemu_cond_wait(cond, &qemu_global_mutex);
    if (take) {
        qemu_mutex_unlock_iothread();
    }
}

void qemu_cond_timedwait_iothread(QemuCond *cond, int ms)
{
    bool take = !qemu_mutex_iothread_locked();

    if (take) {
        qemu_mutex_lock_iothread();
    }
    qemu_cond_timedwait(cond, &qemu_global_mutex, ms);
    if (take) {
        qemu_mutex_unlock_iothread();
    }
}

/* ---- fd handlers ---- */

typedef struct FDHandlerSource {
    GSource source;
    gpointer tag;
    int fd;
    IOHandler *fd_read;
    IOHandler *fd_write;
    void *opaque;
} FDHandlerSource;

static gboolean fd_source_dispatch(GSource *source, GSourceFunc callback,
                                   gpointer user_data)
{
    FDHandlerSource *s = (FDHandlerSource *)source;
    GIOCondition revents = g_source_query_unix_fd(source, s->tag);

    if (revents & G_IO_NVAL) {
        /* A closed fd would make every poll return at once: drop it. */
        error_report("fd %d was closed with a handler still set; "
                     "removing the handler", s->fd);
        qemu_set_fd_handler(s->fd, NULL, NULL, NULL);
        return G_SOURCE_REMOVE;
    }
    if (s->fd_read && (revents & (G_IO_IN | G_IO_HUP | G_IO_ERR))) {
        s->fd_read(s->opaque);
    }
    /* The read handler may have replaced or removed this handler. */
    if (g_source_is_destroyed(source)) {
        return G_SOURCE_REMOVE;
    }
    if (s->fd_write && (revents & (G_IO_OUT | G_IO_ERR))) {
        s->fd_write(s->opaque);
    }
    return G_SOURCE_CONTINUE;
}

static GSourceFuncs fd_source_funcs = {
    .dispatch = fd_source_dispatch,
};

static QemuMutex fd_handlers_lock = {
    .lock = PTHREAD_MUTEX_INITIALIZER,
    .initialized = true,
};
static GHashTable *fd_handlers;   /* fd -> FDHandlerSource */

void qemu_set_fd_handler(int fd, IOHandler *fd_read, IOHandler *fd_write,
                         void *opaque)
{
    FDHandlerSource *s;
    GIOCondition cond = 0;

    qemu_mutex_lock(&fd_handlers_lock);
    if (!fd_handlers) {
        fd_handlers = g_hash_table_new(NULL, NULL);
    }
    s = g_hash_table_lookup(fd_handlers, GINT_TO_POINTER(fd));
    if (s) {
        g_hash_table_remove(fd_handlers, GINT_TO_POINTER(fd));
        g_source_destroy(&s->source);
        g_source_unref(&s->source);
    }
    if (fd_read || fd_write) {
        s = (FDHandlerSource *)g_source_new(&fd_source_funcs,
                                            sizeof(FDHandlerSource));
        g_source_set_name(&s->source, "qemu-fd-handler");
        s->fd = fd;
        s->fd_read = fd_read;
        s->fd_write = fd_write;
        s->opaque = opaque;
        if (fd_read) {
            cond |= G_IO_IN | G_IO_HUP | G_IO_ERR;
        }
        if (fd_write) {
            cond |= G_IO_OUT | G_IO_ERR;
        }
        s->tag = g_source_add_unix_fd(&s->source, fd, cond);
        g_hash_table_insert(fd_handlers, GINT_TO_POINTER(fd), s);
        /* Attaching wakes the context, so a blocked poll picks it up. */
        g_source_attach(&s->source, NULL);
    }
    qemu_mutex_unlock(&fd_handlers_lock);
}

void event_notifier_set_handler(EventNotifier *e,
                                EventNotifierHandler *handler)
{
    /* The handler's argument is the notifier, passed as the opaque. */
    qemu_set_fd_handler(event_notifier_get_fd(e), (IOHandler *)handler,
                        NULL, e);
}

void qemu_fd_register(int fd)
{
}

/* ---- the loop ---- */

static uint64_t iterations;

/*
 * qemu_notify_event() may be called from signal handlers (SIGTERM ->
 * qemu_system_killed), where g_main_context_wakeup()'s locking is not
 * safe.  Writing to an eventfd polled by the loop is.
 */
static EventNotifier wakeup_notifier;
static bool wakeup_ready;

static void wakeup_notifier_cb(EventNotifier *e)
{
    event_notifier_test_and_clear(e);
}

static gpointer wakeup_init_once(gpointer unused)
{
    if (event_notifier_init(&wakeup_notifier, false) == 0) {
        event_notifier_set_handler(&wakeup_notifier, wakeup_notifier_cb);
        __atomic_store_n(&wakeup_ready, true, __ATOMIC_RELEASE);
    }
    return NULL;
}

static void wakeup_init(void)
{
    static GOnce once = G_ONCE_INIT;

    g_once(&once, wakeup_init_once, NULL);
}

GMainContext *qemu_get_main_context(void)
{
    return g_main_context_default();
}

int qemu_init_main_loop(Error **errp)
{
    init_clocks(NULL);
    wakeup_init();
    qemu_bh_init_source_();
    /* Writes to closed sockets/pipes must fail with EPIPE, not kill us. */
    signal(SIGPIPE, SIG_IGN);
    return 0;
}

void qemu_notify_event(void)
{
    if (__atomic_load_n(&wakeup_ready, __ATOMIC_ACQUIRE)) {
        event_notifier_set(&wakeup_notifier);
    } else {
        g_main_context_wakeup(NULL);
    }
}

uint64_t main_loop_iterations(void)
{
    return __atomic_load_n(&iterations, __ATOMIC_RELAXED);
}

void main_loop_wait(int nonblocking)
{
    static GPollFD *fds;
    static gint n_alloc;
    GMainContext *ctx = g_main_context_default();
    gint max_priority, timeout, n;
    int64_t timer_ns;
    bool held;

    init_clocks(NULL);
    qemu_bh_init_source_();
    wakeup_init();
    if (!g_main_context_acquire(ctx)) {
        /* Another thread iterates the default context; just run timers. */
        qemu_clock_run_all_timers();
        return;
    }

    g_main_context_prepare(ctx, &max_priority);
    while ((n = g_main_context_query(ctx, max_priority, &timeout,
                                     fds, n_alloc)) > n_alloc) {
        n_alloc = n;
        fds = g_renew(GPollFD, fds, n_alloc);
    }

    timer_ns = timerlistgroup_deadline_ns(&main_loop_tlg);
    if (nonblocking) {
        timeout = 0;
    } else {
        timeout = qemu_soonest_timeout(timeout,
                                       qemu_timeout_ns_to_ms(timer_ns));
    }

    /*
     * Sleep without the BQL so vCPU threads can take it.  Handlers
     * always run with it: if our caller doesn't hold it (QEMU's main
     * thread always does), take it just for the dispatch.
     */
    held = qemu_mutex_iothread_locked();
    if (held) {
        /*
         * Even for a zero timeout: a source that is always ready would
         * otherwise keep the lock from the vCPU threads for good.
         */
        qemu_mutex_unlock_iothread();
    }
    g_poll(fds, n, timeout);
    qemu_mutex_lock_iothread();

    if (g_main_context_check(ctx, max_priority, fds, n)) {
        g_main_context_dispatch(ctx);
    }
    g_main_context_release(ctx);

    qemu_clock_run_all_timers();
    if (!held) {
        qemu_mutex_unlock_iothread();
    }
    __atomic_fetch_add(&iterations, 1, __ATOMIC_RELAXED);
}
