/*
 * The main loop: a GLib GMainContext (the default context) that polls
 * fd handlers, bottom halves and timers.  The big QEMU lock (BQL) is
 * held while handlers run and dropped while the loop is blocked.
 *
 * Other subsystems may attach their own GSources to the default
 * context (g_main_context_default()); main_loop_wait() dispatches them
 * with the BQL held.
 */
#ifndef QEMU_MAIN_LOOP_H
#define QEMU_MAIN_LOOP_H

#include "qemu/typedefs.h"
#include "qemu/thread.h"

#define SIG_IPI SIGUSR1

/*
 * Set up the loop and clocks (also done lazily on first use).  As in
 * QEMU, the main thread then takes the BQL itself with
 * qemu_mutex_lock_iothread() and keeps it except while polling.
 */
int qemu_init_main_loop(Error **errp);

/*
 * Run one iteration: wait for (unless @nonblocking) and dispatch fd
 * events, expired timers and scheduled bottom halves.
 */
void main_loop_wait(int nonblocking);
/* Iterations of main_loop_wait() so far (for tests and statistics). */
uint64_t main_loop_iterations(void);

/* Wake a main_loop_wait() that is blocked; callable from any thread. */
void qemu_notify_event(void);

typedef void IOHandler(void *opaque);

/*
 * Call @fd_read/@fd_write (either may be NULL) when @fd is readable/
 * writable.  Both NULL removes the handler.  Callable from any thread.
 */
void qemu_set_fd_handler(int fd, IOHandler *fd_read, IOHandler *fd_write,
                         void *opaque);

/* The context main_loop_wait() iterates: g_main_context_default(). */
GMainContext *qemu_get_main_context(void);

/* The big QEMU lock. */
bool qemu_mutex_iothread_locked(void);
void qemu_mutex_lock_iothread(void);
void qemu_mutex_unlock_iothread(void);
/* Wait on @cond, dropping the BQL meanwhile. */
void qemu_cond_wait_iothread(QemuCond *cond);
void qemu_cond_timedwait_iothread(QemuCond *cond, int ms);

/* Take the BQL for the rest of the scope unless already held. */
typedef struct IOThreadLockAuto IOThreadLockAuto;

static inline IOThreadLockAuto *qemu_iothread_auto_lock(const char *file,
                                                        int line)
{
    if (qemu_mutex_iothread_locked()) {
        return NULL;
    }
    qemu_mutex_lock_iothread();
    /* Anything non-NULL will do: the cleanup only unlocks. */
    return (IOThreadLockAuto *)(uintptr_t)1;
}

static inline void qemu_iothread_auto_unlock(IOThreadLockAuto *l)
{
    qemu_mutex_unlock_iothread();
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(IOThreadLockAuto, qemu_iothread_auto_unlock)

#define QEMU_IOTHREAD_LOCK_GUARD_(n)                                    \
    g_autoptr(IOThreadLockAuto) qemu_iothread_lock_auto_##n G_GNUC_UNUSED = \
        qemu_iothread_auto_lock(__FILE__, __LINE__)
#define QEMU_IOTHREAD_LOCK_GUARD__(n) QEMU_IOTHREAD_LOCK_GUARD_(n)
#define QEMU_IOTHREAD_LOCK_GUARD() QEMU_IOTHREAD_LOCK_GUARD__(__COUNTER__)

/* Bottom halves: callbacks run soon on the main loop, with the BQL. */
typedef void QEMUBHFunc(void *opaque);

QEMUBH *qemu_bh_new_full(QEMUBHFunc *cb, void *opaque, const char *name);
#define qemu_bh_new(cb, opaque) qemu_bh_new_full((cb), (opaque), (stringify(cb)))
/* Run @bh once, soon; safe from any thread, wakes the loop. */
void qemu_bh_schedule(QEMUBH *bh);
/* Like qemu_bh_schedule but need not wake a sleeping loop right away. */
void qemu_bh_schedule_idle(QEMUBH *bh);
void qemu_bh_cancel(QEMUBH *bh);
/* Cancel and free; safe from inside the BH's own callback. */
void qemu_bh_delete(QEMUBH *bh);

/* Event notifier wired to the main loop: @handler runs when it is set. */
typedef void EventNotifierHandler(EventNotifier *e);
void event_notifier_set_handler(EventNotifier *e,
                                EventNotifierHandler *handler);

/* No-op on POSIX hosts (Windows needs it). */
void qemu_fd_register(int fd);

#endif
