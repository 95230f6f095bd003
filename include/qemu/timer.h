/*
 * Clocks and timers.  Timers run on the main loop in deadline order;
 * arming one from any thread wakes the loop.
 */
#ifndef QEMU_TIMER_H
#define QEMU_TIMER_H

#include "qemu/typedefs.h"

#define NANOSECONDS_PER_SECOND 1000000000LL

/* Timer scales: how many nanoseconds one unit of a timer's time is. */
#define SCALE_MS 1000000
#define SCALE_US 1000
#define SCALE_NS 1

/*
 * QEMU_CLOCK_REALTIME: monotonic host time, runs while the VM is stopped.
 * QEMU_CLOCK_VIRTUAL: guest time; stops while the VM is stopped and
 *     resumes where it left off (no jump).
 * QEMU_CLOCK_HOST: host wall-clock time (may jump).
 * QEMU_CLOCK_VIRTUAL_RT: like VIRTUAL without icount; same here.
 */
typedef enum {
    QEMU_CLOCK_REALTIME = 0,
    QEMU_CLOCK_VIRTUAL = 1,
    QEMU_CLOCK_HOST = 2,
    QEMU_CLOCK_VIRTUAL_RT = 3,
    QEMU_CLOCK_MAX
} QEMUClockType;

/* Timer attributes. */
#define QEMU_TIMER_ATTR_EXTERNAL ((int)BIT(0))
#define QEMU_TIMER_ATTR_ALL      0xffffffff

typedef struct QEMUTimerList QEMUTimerList;

struct QEMUTimerListGroup {
    QEMUTimerList *tl[QEMU_CLOCK_MAX];
};

typedef void QEMUTimerCB(void *opaque);
typedef void QEMUTimerListNotifyCB(void *opaque, QEMUClockType type);

struct QEMUTimer {
    int64_t expire_time;        /* in nanoseconds; -1 when not pending */
    QEMUTimerList *timer_list;
    QEMUTimerCB *cb;
    void *opaque;
    QEMUTimer *next;
    int attributes;
    int scale;
};

extern QEMUTimerListGroup main_loop_tlg;

/* Current time of @type in nanoseconds. */
int64_t qemu_clock_get_ns(QEMUClockType type);

static inline int64_t qemu_clock_get_ms(QEMUClockType type)
{
    return qemu_clock_get_ns(type) / SCALE_MS;
}

static inline int64_t qemu_clock_get_us(QEMUClockType type)
{
    return qemu_clock_get_ns(type) / SCALE_US;
}

bool qemu_clock_has_timers(QEMUClockType type);
bool qemu_clock_expired(QEMUClockType type);
bool qemu_clock_use_for_deadline(QEMUClockType type);
/* ns until the first timer of @type expires, -1 if none (or disabled). */
int64_t qemu_clock_deadline_ns_all(QEMUClockType type, int attr_mask);
QEMUTimerList *qemu_clock_get_main_loop_timerlist(QEMUClockType type);
/* Wake the main loop so it re-computes its deadline. */
void qemu_clock_notify(QEMUClockType type);
/*
 * Start/stop a clock.  Disabling QEMU_CLOCK_VIRTUAL (also VIRTUAL_RT)
 * freezes its value; re-enabling continues from the frozen value.
 * Disabled clocks run no timers.
 */
void qemu_clock_enable(QEMUClockType type, bool enabled);
/*
 * qtest: from now on QEMU_CLOCK_VIRTUAL moves only through
 * qemu_clock_virtual_set_ns() (the test's clock_step/clock_set).
 */
void qemu_clock_virtual_set_manual(void);
void qemu_clock_virtual_set_ns(int64_t ns);
bool qemu_clock_is_enabled(QEMUClockType type);
/*
 * Notified (with a pointer to the new time in ns) when @type jumps
 * backwards; only QEMU_CLOCK_HOST can.
 */
void qemu_clock_register_reset_notifier(QEMUClockType type,
                                        Notifier *notifier);
void qemu_clock_unregister_reset_notifier(QEMUClockType type,
                                          Notifier *notifier);
/* Run expired timers of @type; true if any ran. */
bool qemu_clock_run_timers(QEMUClockType type);
bool qemu_clock_run_all_timers(void);

/* Earliest deadline over all clocks of the group, in ns; -1 if none. */
int64_t timerlistgroup_deadline_ns(QEMUTimerListGroup *tlg);
bool timerlistgroup_run_timers(QEMUTimerListGroup *tlg);
void timerlistgroup_init(QEMUTimerListGroup *tlg,
                         QEMUTimerListNotifyCB *cb, void *opaque);
void timerlistgroup_deinit(QEMUTimerListGroup *tlg);

void timer_init_full(QEMUTimer *ts, QEMUTimerListGroup *timer_list_group,
                     QEMUClockType type, int scale, int attributes,
                     QEMUTimerCB *cb, void *opaque);

static inline void timer_init(QEMUTimer *ts, QEMUClockType type, int scale,
                              QEMUTimerCB *cb, void *opaque)
{
    timer_init_full(ts, NULL, type, scale, 0, cb, opaque);
}

static inline void timer_init_ns(QEMUTimer *ts, QEMUClockType type,
                                 QEMUTimerCB *cb, void *opaque)
{
    timer_init(ts, type, SCALE_NS, cb, opaque);
}

static inline void timer_init_us(QEMUTimer *ts, QEMUClockType type,
                                 QEMUTimerCB *cb, void *opaque)
{
    timer_init(ts, type, SCALE_US, cb, opaque);
}

static inline void timer_init_ms(QEMUTimer *ts, QEMUClockType type,
                                 QEMUTimerCB *cb, void *opaque)
{
    timer_init(ts, type, SCALE_MS, cb, opaque);
}

static inline QEMUTimer *timer_new_full(QEMUTimerListGroup *timer_list_group,
                                        QEMUClockType type,
                                        int scale, int attributes,
                                        QEMUTimerCB *cb, void *opaque)
{
    QEMUTimer *ts = g_new0(QEMUTimer, 1);
    timer_init_full(ts, timer_list_group, type, scale, attributes, cb, opaque);
    return ts;
}

static inline QEMUTimer *timer_new(QEMUClockType type, int scale,
                                   QEMUTimerCB *cb, void *opaque)
{
    return timer_new_full(NULL, type, scale, 0, cb, opaque);
}

static inline QEMUTimer *timer_new_ns(QEMUClockType type, QEMUTimerCB *cb,
                                      void *opaque)
{
    return timer_new(type, SCALE_NS, cb, opaque);
}

static inline QEMUTimer *timer_new_us(QEMUClockType type, QEMUTimerCB *cb,
                                      void *opaque)
{
    return timer_new(type, SCALE_US, cb, opaque);
}

static inline QEMUTimer *timer_new_ms(QEMUClockType type, QEMUTimerCB *cb,
                                      void *opaque)
{
    return timer_new(type, SCALE_MS, cb, opaque);
}

/* Undo timer_init: the timer must not be used again. */
void timer_deinit(QEMUTimer *ts);
void timer_del(QEMUTimer *ts);

static inline void timer_free(QEMUTimer *ts)
{
    if (ts) {
        timer_del(ts);
        g_free(ts);
    }
}

/* Arm @ts to fire at @expire_time nanoseconds on its clock. */
void timer_mod_ns(QEMUTimer *ts, int64_t expire_time);
/* Like timer_mod_ns, but only ever moves an armed timer earlier. */
void timer_mod_anticipate_ns(QEMUTimer *ts, int64_t expire_time);
/* @expire_time is in the timer's scale. */
void timer_mod(QEMUTimer *ts, int64_t expire_time);
void timer_mod_anticipate(QEMUTimer *ts, int64_t expire_time);
bool timer_pending(QEMUTimer *ts);
/* Would @timer_head have expired at @current_time (in its scale)? */
bool timer_expired(QEMUTimer *timer_head, int64_t current_time);
/* Expiry in ns, or -1 when not pending. */
uint64_t timer_expire_time_ns(QEMUTimer *ts);

/* Called once from qemu_init_main_loop. */
void init_clocks(QEMUTimerListNotifyCB *notify_cb);

/* Helpers for poll timeouts: -1 means infinite. */
int qemu_timeout_ns_to_ms(int64_t ns);
static inline int64_t qemu_soonest_timeout(int64_t timeout1, int64_t timeout2)
{
    /* Casting to unsigned makes -1 (infinite) the largest value. */
    return ((uint64_t) timeout1 < (uint64_t) timeout2) ? timeout1 : timeout2;
}

/* Host wall-clock time in ns. */
static inline int64_t get_clock_realtime(void)
{
    struct timeval tv;

    gettimeofday(&tv, NULL);
    return tv.tv_sec * 1000000000LL + (tv.tv_usec * 1000);
}

/* Host monotonic time in ns. */
static inline int64_t get_clock(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Host CPU time-stamp counter, for guest TSC-ish uses. */
static inline int64_t cpu_get_host_ticks(void)
{
#if defined(__x86_64__) || defined(__i386__)
    uint32_t low, high;
    __asm__ __volatile__("rdtsc" : "=a" (low), "=d" (high));
    return ((int64_t)high << 32) | low;
#else
    return get_clock();
#endif
}

#endif
