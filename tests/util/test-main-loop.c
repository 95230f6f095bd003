/*
 * Main loop: timers, bottom halves, fd handlers, event notifiers,
 * the virtual clock and the BQL.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/event_notifier.h"
#include "qemu/main-loop.h"
#include "qemu/thread.h"
#include "qemu/timer.h"

static QemuThread main_thread;

/* Iterate the loop (blocking) until *@flag becomes true. */
static void wait_for(bool *flag)
{
    while (!__atomic_load_n(flag, __ATOMIC_SEQ_CST)) {
        main_loop_wait(false);
    }
}

typedef struct Fired {
    GString *order;
    char tag;
    bool done;
} Fired;

static void timer_cb(void *opaque)
{
    Fired *f = opaque;

    g_string_append_c(f->order, f->tag);
    f->done = true;
}

static void test_timer_order(void)
{
    g_autoptr(GString) order = g_string_new(NULL);
    Fired fa = { order, 'a' }, fb = { order, 'b' }, fc = { order, 'c' };
    QEMUTimer *ta = timer_new_ns(QEMU_CLOCK_REALTIME, timer_cb, &fa);
    QEMUTimer *tb = timer_new_ns(QEMU_CLOCK_REALTIME, timer_cb, &fb);
    QEMUTimer *tc = timer_new_us(QEMU_CLOCK_REALTIME, timer_cb, &fc);
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_REALTIME);

    /* Armed in a different order from their deadlines. */
    timer_mod_ns(ta, now + 3 * SCALE_MS);
    timer_mod_ns(tb, now + 1 * SCALE_MS);
    timer_mod(tc, (now + 2 * SCALE_MS) / SCALE_US);
    g_assert_true(timer_pending(ta));
    g_assert_cmpuint(timer_expire_time_ns(ta), ==, now + 3 * SCALE_MS);
    g_assert_true(qemu_clock_has_timers(QEMU_CLOCK_REALTIME));

    wait_for(&fa.done);
    g_assert_cmpstr(order->str, ==, "bca");
    g_assert_false(timer_pending(ta));
    g_assert_cmpuint(timer_expire_time_ns(ta), ==, (uint64_t)-1);
    timer_free(ta);
    timer_free(tb);
    timer_free(tc);
}

static void test_timer_del(void)
{
    g_autoptr(GString) order = g_string_new(NULL);
    Fired fa = { order, 'a' }, fb = { order, 'b' };
    QEMUTimer ta, tb;
    int64_t now = qemu_clock_get_ms(QEMU_CLOCK_REALTIME);

    timer_init_ms(&ta, QEMU_CLOCK_REALTIME, timer_cb, &fa);
    timer_init_ms(&tb, QEMU_CLOCK_REALTIME, timer_cb, &fb);
    timer_mod(&ta, now);
    timer_mod(&tb, now + 2);
    timer_del(&ta);
    g_assert_false(timer_pending(&ta));
    /* Deleting twice is fine. */
    timer_del(&ta);
    wait_for(&fb.done);
    g_assert_cmpstr(order->str, ==, "b");
    g_assert_false(fa.done);

    /* Re-arming moves the timer instead of duplicating it. */
    fb.done = false;
    timer_mod(&tb, now + 1000000);
    timer_mod(&tb, now);
    wait_for(&fb.done);
    g_assert_cmpstr(order->str, ==, "bb");
    main_loop_wait(true);
    g_assert_cmpstr(order->str, ==, "bb");
}

static void test_timer_expired_anticipate(void)
{
    g_autoptr(GString) order = g_string_new(NULL);
    Fired fa = { order, 'a' };
    QEMUTimer *t = timer_new_ns(QEMU_CLOCK_REALTIME, timer_cb, &fa);

    timer_mod_ns(t, 1000);
    g_assert_true(timer_expired(t, 1000));
    g_assert_false(timer_expired(t, 999));
    /* anticipate only ever moves the deadline earlier. */
    timer_mod_anticipate_ns(t, 5000);
    g_assert_cmpuint(timer_expire_time_ns(t), ==, 1000);
    timer_mod_anticipate_ns(t, 500);
    g_assert_cmpuint(timer_expire_time_ns(t), ==, 500);
    timer_free(t);
}

static void test_virtual_clock(void)
{
    g_autoptr(GString) order = g_string_new(NULL);
    Fired fv = { order, 'v' };
    QEMUTimer *t = timer_new_ns(QEMU_CLOCK_VIRTUAL, timer_cb, &fv);
    int64_t v1, v2, v3, r1, r2;

    v1 = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    qemu_clock_enable(QEMU_CLOCK_VIRTUAL, false);
    g_assert_false(qemu_clock_is_enabled(QEMU_CLOCK_VIRTUAL));
    v2 = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    g_assert_cmpint(v2, >=, v1);

    /* A due timer on a stopped clock does not run. */
    timer_mod_ns(t, v2);
    g_usleep(2000);
    main_loop_wait(true);
    g_assert_false(fv.done);
    /* Stopped means stopped. */
    g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL), ==, v2);
    g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL_RT), ==, v2);
    g_assert_cmpint(qemu_clock_deadline_ns_all(QEMU_CLOCK_VIRTUAL,
                                               QEMU_TIMER_ATTR_ALL), ==, -1);

    /* Restarting continues from the frozen value: no jump. */
    r1 = qemu_clock_get_ns(QEMU_CLOCK_REALTIME);
    qemu_clock_enable(QEMU_CLOCK_VIRTUAL, true);
    v3 = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    r2 = qemu_clock_get_ns(QEMU_CLOCK_REALTIME);
    g_assert_cmpint(v3, >=, v2);
    g_assert_cmpint(v3 - v2, <=, r2 - r1);

    wait_for(&fv.done);
    timer_free(t);
}

typedef struct BHState {
    QEMUBH *bh;
    int runs;
    bool ran_in_main;
    bool had_bql;
    bool done;
} BHState;

static void bh_cb(void *opaque)
{
    BHState *s = opaque;

    s->runs++;
    s->ran_in_main = qemu_thread_is_self(&main_thread);
    s->had_bql = qemu_mutex_iothread_locked();
    s->done = true;
}

static void *schedule_thread(void *opaque)
{
    BHState *s = opaque;

    /* Give the main thread a chance to block in poll first. */
    g_usleep(1000);
    qemu_bh_schedule(s->bh);
    return NULL;
}

static void test_bh_from_thread(void)
{
    BHState s = { 0 };
    QemuThread thread;

    s.bh = qemu_bh_new(bh_cb, &s);
    qemu_mutex_lock_iothread();
    qemu_thread_create(&thread, "bh-sched", schedule_thread, &s,
                       QEMU_THREAD_JOINABLE);
    wait_for(&s.done);
    qemu_mutex_unlock_iothread();
    qemu_thread_join(&thread);
    g_assert_cmpint(s.runs, ==, 1);
    g_assert_true(s.ran_in_main);
    g_assert_true(s.had_bql);
    qemu_bh_delete(s.bh);
}

static void test_bh_schedule_cancel(void)
{
    BHState s = { 0 };

    s.bh = qemu_bh_new(bh_cb, &s);
    /* Scheduling twice runs once. */
    qemu_bh_schedule(s.bh);
    qemu_bh_schedule(s.bh);
    main_loop_wait(true);
    g_assert_cmpint(s.runs, ==, 1);
    /* Handlers run with the BQL even if the caller doesn't hold it. */
    g_assert_true(s.had_bql);
    g_assert_false(qemu_mutex_iothread_locked());
    main_loop_wait(true);
    g_assert_cmpint(s.runs, ==, 1);

    qemu_bh_schedule(s.bh);
    qemu_bh_cancel(s.bh);
    main_loop_wait(true);
    g_assert_cmpint(s.runs, ==, 1);

    qemu_bh_schedule_idle(s.bh);
    s.done = false;
    wait_for(&s.done);
    g_assert_cmpint(s.runs, ==, 2);

    /* Deleting a scheduled BH cancels it. */
    qemu_bh_schedule(s.bh);
    qemu_bh_delete(s.bh);
    main_loop_wait(true);
    g_assert_cmpint(s.runs, ==, 2);
}

typedef struct SelfDelete {
    QEMUBH *bh;
    int runs;
} SelfDelete;

static void self_delete_cb(void *opaque)
{
    SelfDelete *sd = opaque;

    if (++sd->runs < 3) {
        qemu_bh_schedule(sd->bh);
    } else {
        qemu_bh_delete(sd->bh);
    }
}

static void test_bh_reschedule_and_delete(void)
{
    SelfDelete sd = { 0 };
    int i;

    sd.bh = qemu_bh_new(self_delete_cb, &sd);
    qemu_bh_schedule(sd.bh);
    for (i = 0; i < 10; i++) {
        main_loop_wait(true);
    }
    g_assert_cmpint(sd.runs, ==, 3);
}

typedef struct FDState {
    int fds[2];
    char got;
    bool done;
    int writes;
} FDState;

static void fd_read_cb(void *opaque)
{
    FDState *s = opaque;

    g_assert_cmpint(read(s->fds[0], &s->got, 1), ==, 1);
    /* Handlers may remove themselves. */
    qemu_set_fd_handler(s->fds[0], NULL, NULL, NULL);
    s->done = true;
}

static void *write_thread(void *opaque)
{
    FDState *s = opaque;

    g_usleep(1000);
    g_assert_cmpint(write(s->fds[1], "x", 1), ==, 1);
    return NULL;
}

static void fd_write_cb(void *opaque)
{
    FDState *s = opaque;

    s->writes++;
    qemu_set_fd_handler(s->fds[1], NULL, NULL, NULL);
}

static void test_fd_handler(void)
{
    FDState s = { 0 };
    QemuThread thread;

    g_assert_cmpint(pipe(s.fds), ==, 0);
    qemu_set_fd_handler(s.fds[0], fd_read_cb, NULL, &s);
    qemu_thread_create(&thread, "writer", write_thread, &s,
                       QEMU_THREAD_JOINABLE);
    wait_for(&s.done);
    qemu_thread_join(&thread);
    g_assert_cmpint(s.got, ==, 'x');

    /* Nothing more happens once removed. */
    g_assert_cmpint(write(s.fds[1], "y", 1), ==, 1);
    main_loop_wait(true);
    g_assert_cmpint(s.got, ==, 'x');

    /* A pipe is writable right away. */
    qemu_set_fd_handler(s.fds[1], NULL, fd_write_cb, &s);
    while (!s.writes) {
        main_loop_wait(false);
    }
    main_loop_wait(true);
    g_assert_cmpint(s.writes, ==, 1);
    close(s.fds[0]);
    close(s.fds[1]);
}

static bool notifier_fired;

static void notifier_cb(EventNotifier *e)
{
    g_assert_true(event_notifier_test_and_clear(e));
    notifier_fired = true;
}

static void test_event_notifier(void)
{
    EventNotifier e;

    g_assert_cmpint(event_notifier_init(&e, false), ==, 0);
    g_assert_false(event_notifier_test_and_clear(&e));
    event_notifier_set(&e);
    event_notifier_set(&e);
    g_assert_true(event_notifier_test_and_clear(&e));
    g_assert_false(event_notifier_test_and_clear(&e));

    event_notifier_set_handler(&e, notifier_cb);
    event_notifier_set(&e);
    wait_for(&notifier_fired);
    event_notifier_set_handler(&e, NULL);
    event_notifier_cleanup(&e);

    g_assert_cmpint(event_notifier_init(&e, true), ==, 0);
    g_assert_true(event_notifier_test_and_clear(&e));
    event_notifier_cleanup(&e);
}

static Fired thread_timer_fired;

static void *arm_thread(void *opaque)
{
    QEMUTimer *t = opaque;

    g_usleep(1000);
    timer_mod_ns(t, qemu_clock_get_ns(QEMU_CLOCK_REALTIME));
    return NULL;
}

static void test_timer_from_thread(void)
{
    g_autoptr(GString) order = g_string_new(NULL);
    QEMUTimer *t;
    QemuThread thread;

    thread_timer_fired.order = order;
    thread_timer_fired.tag = 't';
    t = timer_new_ns(QEMU_CLOCK_REALTIME, timer_cb, &thread_timer_fired);
    qemu_thread_create(&thread, "armer", arm_thread, t, QEMU_THREAD_JOINABLE);
    /* The loop blocks with no deadline until the other thread arms. */
    wait_for(&thread_timer_fired.done);
    qemu_thread_join(&thread);
    g_assert_cmpstr(order->str, ==, "t");
    timer_free(t);
}

static void never_cb(void *opaque)
{
    g_assert_not_reached();
}

static void test_fd_handler_closed_fd(void)
{
    if (g_test_subprocess()) {
        int fds[2];
        int i;

        g_assert_cmpint(pipe(fds), ==, 0);
        qemu_set_fd_handler(fds[0], never_cb, NULL, NULL);
        close(fds[0]);
        close(fds[1]);
        /* Reported and removed instead of spinning. */
        for (i = 0; i < 3; i++) {
            main_loop_wait(true);
        }
        return;
    }
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_passed();
    g_test_trap_assert_stderr("*was closed with a handler still set*");
}

static bool got_signal;

static void on_sigusr2(int sig)
{
    got_signal = true;
    /* Must be async-signal-safe. */
    qemu_notify_event();
}

static void *kill_thread(void *opaque)
{
    g_usleep(1000);
    kill(getpid(), SIGUSR2);
    return NULL;
}

static void test_notify_from_signal(void)
{
    struct sigaction act = { .sa_handler = on_sigusr2 };
    QemuThread thread;
    uint64_t before = main_loop_iterations();

    sigaction(SIGUSR2, &act, NULL);
    /* Deliver the signal to this (main) thread only. */
    qemu_thread_create(&thread, "kill", kill_thread, NULL,
                       QEMU_THREAD_JOINABLE);
    /* Blocks with no timers or BHs: only the signal's notify wakes us. */
    while (!got_signal) {
        main_loop_wait(false);
    }
    qemu_thread_join(&thread);
    g_assert_cmpuint(main_loop_iterations(), >, before);
    signal(SIGUSR2, SIG_DFL);
}

static void test_bql(void)
{
    g_assert_false(qemu_mutex_iothread_locked());
    qemu_mutex_lock_iothread();
    g_assert_true(qemu_mutex_iothread_locked());
    {
        /* Already held: the guard leaves it alone. */
        QEMU_IOTHREAD_LOCK_GUARD();
        g_assert_true(qemu_mutex_iothread_locked());
    }
    g_assert_true(qemu_mutex_iothread_locked());
    qemu_mutex_unlock_iothread();
    {
        QEMU_IOTHREAD_LOCK_GUARD();
        g_assert_true(qemu_mutex_iothread_locked());
    }
    g_assert_false(qemu_mutex_iothread_locked());
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qemu_init_main_loop(&error_abort);
    qemu_thread_get_self(&main_thread);

    g_test_add_func("/main-loop/timer-order", test_timer_order);
    g_test_add_func("/main-loop/timer-del", test_timer_del);
    g_test_add_func("/main-loop/timer-expired-anticipate",
                    test_timer_expired_anticipate);
    g_test_add_func("/main-loop/virtual-clock", test_virtual_clock);
    g_test_add_func("/main-loop/bh-from-thread", test_bh_from_thread);
    g_test_add_func("/main-loop/bh-schedule-cancel", test_bh_schedule_cancel);
    g_test_add_func("/main-loop/bh-reschedule-delete",
                    test_bh_reschedule_and_delete);
    g_test_add_func("/main-loop/fd-handler", test_fd_handler);
    g_test_add_func("/main-loop/event-notifier", test_event_notifier);
    g_test_add_func("/main-loop/timer-from-thread", test_timer_from_thread);
    g_test_add_func("/main-loop/bql", test_bql);
    g_test_add_func("/main-loop/fd-handler-closed-fd",
                    test_fd_handler_closed_fd);
    g_test_add_func("/main-loop/notify-from-signal", test_notify_from_signal);
    return g_test_run();
}
