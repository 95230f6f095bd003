/*
 * Clocks and timer lists.
 *
 * Each clock has one timer list in main_loop_tlg, sorted by expiry.
 * Lists are protected by a mutex so timers can be armed from any
 * thread; arming a new earliest timer wakes the main loop, which
 * folds the earliest deadline into its poll timeout.
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "qemu/notify.h"
#include "qemu/thread.h"
#include "qemu/timer.h"

typedef struct QEMUClock {
    QEMUClockType type;
    bool enabled;
} QEMUClock;

struct QEMUTimerList {
    QEMUClock *clock;
    QemuMutex active_timers_lock;
    QEMUTimer *active_timers;
    QEMUTimerListNotifyCB *notify_cb;
    void *notify_opaque;
};

QEMUTimerListGroup main_loop_tlg;

/* Backward jumps of the host clock (someone set the date). */
static QemuMutex host_clock_lock = {
    .lock = PTHREAD_MUTEX_INITIALIZER,
    .initialized = true,
};
static NotifierList host_reset_notifiers =
    NOTIFIER_LIST_INITIALIZER(host_reset_notifiers);
static int64_t host_clock_last;
static QEMUClock qemu_clocks[QEMU_CLOCK_MAX];

/*
 * Guest time: host monotonic time plus an offset while running; a
 * frozen value while stopped.  Restarting recomputes the offset so the
 * clock continues from where it stopped.
 */
static struct {
    QemuMutex lock;
    bool running;
    int64_t offset;
    int64_t frozen;
    /* qtest: the clock moves only when the test sets it. */
    bool manual;
    int64_t manual_ns;
} vm_clock;

static void clocks_init_once_body(void)
{
    int type;

    qemu_mutex_init(&vm_clock.lock);
    vm_clock.running = true;
    vm_clock.offset = -get_clock();
    for (type = 0; type < QEMU_CLOCK_MAX; type++) {
        qemu_clocks[type].type = type;
        qemu_clocks[type].enabled = true;
    }
}

static void main_loop_notify(void *opaque, QEMUClockType type)
{
    qemu_notify_event();
}

static gpointer clocks_init_once(gpointer cb)
{
    clocks_init_once_body();
    timerlistgroup_init(&main_loop_tlg, cb ? (QEMUTimerListNotifyCB *)cb
                        : main_loop_notify, NULL);
    return NULL;
}

void init_clocks(QEMUTimerListNotifyCB *notify_cb)
{
    static GOnce once = G_ONCE_INIT;

    g_once(&once, clocks_init_once, notify_cb);
}

static inline void ensure_clocks(void)
{
    if (!main_loop_tlg.tl[0]) {
        init_clocks(NULL);
    }
}

static int64_t vm_clock_get(void)
{
    int64_t ret;

    qemu_mutex_lock(&vm_clock.lock);
    if (vm_clock.manual) {
        ret = vm_clock.manual_ns;
    } else {
        ret = vm_clock.running ? get_clock() + vm_clock.offset
                               : vm_clock.frozen;
    }
    qemu_mutex_unlock(&vm_clock.lock);
    return ret;
}

void qemu_clock_virtual_set_manual(void)
{
    ensure_clocks();
    qemu_mutex_lock(&vm_clock.lock);
    if (!vm_clock.manual) {
        vm_clock.manual_ns = vm_clock.running ? get_clock() + vm_clock.offset
                                              : vm_clock.frozen;
        vm_clock.manual = true;
    }
    qemu_mutex_unlock(&vm_clock.lock);
}

void qemu_clock_virtual_set_ns(int64_t ns)
{
    ensure_clocks();
    qemu_mutex_lock(&vm_clock.lock);
    assert(vm_clock.manual);
    vm_clock.manual_ns = ns;
    qemu_mutex_unlock(&vm_clock.lock);
}

int64_t qemu_clock_get_ns(QEMUClockType type)
{
    switch (type) {
    case QEMU_CLOCK_REALTIME:
        return get_clock();
    case QEMU_CLOCK_VIRTUAL:
    case QEMU_CLOCK_VIRTUAL_RT:
        ensure_clocks();
        return vm_clock_get();
    case QEMU_CLOCK_HOST: {
        int64_t now = get_clock_realtime();
        bool jumped;

        qemu_mutex_lock(&host_clock_lock);
        jumped = now < host_clock_last;
        host_clock_last = now;
        qemu_mutex_unlock(&host_clock_lock);
        if (jumped) {
            notifier_list_notify(&host_reset_notifiers, &now);
        }
        return now;
    }
    default:
        abort();
    }
}

void qemu_clock_enable(QEMUClockType type, bool enabled)
{
    ensure_clocks();
    if (type == QEMU_CLOCK_VIRTUAL || type == QEMU_CLOCK_VIRTUAL_RT) {
        qemu_mutex_lock(&vm_clock.lock);
        if (vm_clock.running && !enabled) {
            vm_clock.frozen = get_clock() + vm_clock.offset;
            vm_clock.running = false;
        } else if (!vm_clock.running && enabled) {
            vm_clock.offset = vm_clock.frozen - get_clock();
            vm_clock.running = true;
        }
        qemu_mutex_unlock(&vm_clock.lock);
        __atomic_store_n(&qemu_clocks[QEMU_CLOCK_VIRTUAL].enabled, enabled,
                         __ATOMIC_SEQ_CST);
        __atomic_store_n(&qemu_clocks[QEMU_CLOCK_VIRTUAL_RT].enabled, enabled,
                         __ATOMIC_SEQ_CST);
    } else {
        __atomic_store_n(&qemu_clocks[type].enabled, enabled,
                         __ATOMIC_SEQ_CST);
    }
    /* Deadlines change either way. */
    qemu_clock_notify(type);
}

void qemu_clock_register_reset_notifier(QEMUClockType type,
                                        Notifier *notifier)
{
    if (type == QEMU_CLOCK_HOST) {
        qemu_mutex_lock(&host_clock_lock);
        notifier_list_add(&host_reset_notifiers, notifier);
        qemu_mutex_unlock(&host_clock_lock);
    }
}

void qemu_clock_unregister_reset_notifier(QEMUClockType type,
                                          Notifier *notifier)
{
    if (type == QEMU_CLOCK_HOST) {
        qemu_mutex_lock(&host_clock_lock);
        notifier_remove(notifier);
        qemu_mutex_unlock(&host_clock_lock);
    }
}

bool qemu_clock_is_enabled(QEMUClockType type)
{
    ensure_clocks();
    return __atomic_load_n(&qemu_clocks[type].enabled, __ATOMIC_SEQ_CST);
}

static QEMUTimerList *timerlist_new(QEMUClockType type,
                                    QEMUTimerListNotifyCB *cb, void *opaque)
{
    QEMUTimerList *tl = g_new0(QEMUTimerList, 1);

    tl->clock = &qemu_clocks[type];
    qemu_mutex_init(&tl->active_timers_lock);
    tl->notify_cb = cb;
    tl->notify_opaque = opaque;
    return tl;
}

void timerlistgroup_init(QEMUTimerListGroup *tlg,
                         QEMUTimerListNotifyCB *cb, void *opaque)
{
    int type;

    for (type = QEMU_CLOCK_MAX - 1; type >= 0; type--) {
        /* tl[0] last: ensure_clocks() tests it to see if we're done. */
        tlg->tl[type] = timerlist_new(type, cb, opaque);
    }
}

void timerlistgroup_deinit(QEMUTimerListGroup *tlg)
{
    int type;

    for (type = 0; type < QEMU_CLOCK_MAX; type++) {
        QEMUTimerList *tl = tlg->tl[type];

        assert(!tl->active_timers);
        qemu_mutex_destroy(&tl->active_timers_lock);
        g_free(tl);
        tlg->tl[type] = NULL;
    }
}

QEMUTimerList *qemu_clock_get_main_loop_timerlist(QEMUClockType type)
{
    ensure_clocks();
    return main_loop_tlg.tl[type];
}

static void timerlist_notify(QEMUTimerList *tl)
{
    if (tl->notify_cb) {
        tl->notify_cb(tl->notify_opaque, tl->clock->type);
    } else {
        qemu_notify_event();
    }
}

void qemu_clock_notify(QEMUClockType type)
{
    ensure_clocks();
    timerlist_notify(main_loop_tlg.tl[type]);
}

static bool timerlist_has_timers(QEMUTimerList *tl)
{
    return __atomic_load_n(&tl->active_timers, __ATOMIC_ACQUIRE) != NULL;
}

bool qemu_clock_has_timers(QEMUClockType type)
{
    return timerlist_has_timers(qemu_clock_get_main_loop_timerlist(type));
}

static bool timerlist_expired(QEMUTimerList *tl)
{
    int64_t expire_time;

    qemu_mutex_lock(&tl->active_timers_lock);
    if (!tl->active_timers) {
        qemu_mutex_unlock(&tl->active_timers_lock);
        return false;
    }
    expire_time = tl->active_timers->expire_time;
    qemu_mutex_unlock(&tl->active_timers_lock);
    return expire_time <= qemu_clock_get_ns(tl->clock->type);
}

bool qemu_clock_expired(QEMUClockType type)
{
    return timerlist_expired(qemu_clock_get_main_loop_timerlist(type));
}

bool qemu_clock_use_for_deadline(QEMUClockType type)
{
    return true;
}

/* ns until the list's first timer, 0 if overdue, -1 if none/stopped. */
static int64_t timerlist_deadline_ns(QEMUTimerList *tl, int attr_mask)
{
    int64_t expire_time = -1;
    QEMUTimer *ts;

    if (!__atomic_load_n(&tl->clock->enabled, __ATOMIC_SEQ_CST) ||
        !timerlist_has_timers(tl)) {
        return -1;
    }
    qemu_mutex_lock(&tl->active_timers_lock);
    /* A timer counts if all of its attributes are within @attr_mask. */
    for (ts = tl->active_timers; ts; ts = ts->next) {
        if (!(ts->attributes & ~attr_mask)) {
            expire_time = ts->expire_time;
            break;
        }
    }
    qemu_mutex_unlock(&tl->active_timers_lock);
    if (expire_time < 0) {
        return -1;
    }
    return MAX(expire_time - qemu_clock_get_ns(tl->clock->type), 0);
}

int64_t qemu_clock_deadline_ns_all(QEMUClockType type, int attr_mask)
{
    return timerlist_deadline_ns(qemu_clock_get_main_loop_timerlist(type),
                                 attr_mask);
}

int64_t timerlistgroup_deadline_ns(QEMUTimerListGroup *tlg)
{
    int64_t deadline = -1;
    int type;

    for (type = 0; type < QEMU_CLOCK_MAX; type++) {
        int64_t d = tlg->tl[type] ?
            timerlist_deadline_ns(tlg->tl[type], QEMU_TIMER_ATTR_ALL) : -1;

        deadline = qemu_soonest_timeout(deadline, d);
    }
    return deadline;
}

int qemu_timeout_ns_to_ms(int64_t ns)
{
    int64_t ms;

    if (ns < 0) {
        return -1;
    }
    if (!ns) {
        return 0;
    }
    /* Round up: waking early would just spin. */
    ms = DIV_ROUND_UP(ns, SCALE_MS);
    return MIN(ms, INT32_MAX);
}

void timer_init_full(QEMUTimer *ts, QEMUTimerListGroup *timer_list_group,
                     QEMUClockType type, int scale, int attributes,
                     QEMUTimerCB *cb, void *opaque)
{
    ensure_clocks();
    if (!timer_list_group) {
        timer_list_group = &main_loop_tlg;
    }
    ts->timer_list = timer_list_group->tl[type];
    ts->cb = cb;
    ts->opaque = opaque;
    ts->scale = scale;
    ts->attributes = attributes;
    ts->expire_time = -1;
    ts->next = NULL;
}

void timer_deinit(QEMUTimer *ts)
{
    assert(ts->expire_time == -1);
    ts->timer_list = NULL;
}

/* Unlink @ts; caller holds the list lock. */
static void timer_del_locked(QEMUTimerList *tl, QEMUTimer *ts)
{
    QEMUTimer **pt;

    ts->expire_time = -1;
    for (pt = &tl->active_timers; *pt; pt = &(*pt)->next) {
        if (*pt == ts) {
            __atomic_store_n(pt, ts->next, __ATOMIC_RELEASE);
            break;
        }
    }
    ts->next = NULL;
}

/* Insert @ts sorted; returns true if it became the first timer. */
static bool timer_mod_ns_locked(QEMUTimerList *tl, QEMUTimer *ts,
                                int64_t expire_time)
{
    QEMUTimer **pt;

    /* Equal deadlines fire in the order they were armed. */
    for (pt = &tl->active_timers; *pt; pt = &(*pt)->next) {
        if ((*pt)->expire_time > expire_time) {
            break;
        }
    }
    ts->expire_time = MAX(expire_time, 0);
    ts->next = *pt;
    __atomic_store_n(pt, ts, __ATOMIC_RELEASE);
    return pt == &tl->active_timers;
}

void timer_del(QEMUTimer *ts)
{
    QEMUTimerList *tl = ts->timer_list;

    if (tl) {
        qemu_mutex_lock(&tl->active_timers_lock);
        timer_del_locked(tl, ts);
        qemu_mutex_unlock(&tl->active_timers_lock);
    }
}

void timer_mod_ns(QEMUTimer *ts, int64_t expire_time)
{
    QEMUTimerList *tl = ts->timer_list;
    bool rearm;

    qemu_mutex_lock(&tl->active_timers_lock);
    timer_del_locked(tl, ts);
    rearm = timer_mod_ns_locked(tl, ts, expire_time);
    qemu_mutex_unlock(&tl->active_timers_lock);
    if (rearm) {
        timerlist_notify(tl);
    }
}

void timer_mod_anticipate_ns(QEMUTimer *ts, int64_t expire_time)
{
    QEMUTimerList *tl = ts->timer_list;
    bool rearm = false;

    qemu_mutex_lock(&tl->active_timers_lock);
    if (ts->expire_time == -1 || ts->expire_time > expire_time) {
        if (ts->expire_time != -1) {
            timer_del_locked(tl, ts);
        }
        rearm = timer_mod_ns_locked(tl, ts, expire_time);
    }
    qemu_mutex_unlock(&tl->active_timers_lock);
    if (rearm) {
        timerlist_notify(tl);
    }
}

void timer_mod(QEMUTimer *ts, int64_t expire_time)
{
    timer_mod_ns(ts, expire_time * ts->scale);
}

void timer_mod_anticipate(QEMUTimer *ts, int64_t expire_time)
{
    timer_mod_anticipate_ns(ts, expire_time * ts->scale);
}

bool timer_pending(QEMUTimer *ts)
{
    return __atomic_load_n(&ts->expire_time, __ATOMIC_ACQUIRE) >= 0;
}

bool timer_expired(QEMUTimer *timer_head, int64_t current_time)
{
    return timer_pending(timer_head) &&
           timer_head->expire_time <= current_time * timer_head->scale;
}

uint64_t timer_expire_time_ns(QEMUTimer *ts)
{
    return timer_pending(ts) ? ts->expire_time : -1;
}

/* Fire every timer of @tl whose deadline has passed, earliest first. */
static bool timerlist_run_timers(QEMUTimerList *tl)
{
    bool progress = false;
    int64_t now;

    if (!__atomic_load_n(&tl->clock->enabled, __ATOMIC_SEQ_CST) ||
        !timerlist_has_timers(tl)) {
        return false;
    }
    now = qemu_clock_get_ns(tl->clock->type);
    for (;;) {
        QEMUTimerCB *cb;
        void *opaque;
        QEMUTimer *ts;

        qemu_mutex_lock(&tl->active_timers_lock);
        ts = tl->active_timers;
        if (!ts || ts->expire_time > now) {
            qemu_mutex_unlock(&tl->active_timers_lock);
            break;
        }
        tl->active_timers = ts->next;
        ts->next = NULL;
        ts->expire_time = -1;
        cb = ts->cb;
        opaque = ts->opaque;
        qemu_mutex_unlock(&tl->active_timers_lock);

        /* The callback may re-arm or free @ts. */
        cb(opaque);
        progress = true;
    }
    return progress;
}

bool qemu_clock_run_timers(QEMUClockType type)
{
    return timerlist_run_timers(qemu_clock_get_main_loop_timerlist(type));
}

bool timerlistgroup_run_timers(QEMUTimerListGroup *tlg)
{
    bool progress = false;
    int type;

    for (type = 0; type < QEMU_CLOCK_MAX; type++) {
        progress |= timerlist_run_timers(tlg->tl[type]);
    }
    return progress;
}

bool qemu_clock_run_all_timers(void)
{
    ensure_clocks();
    return timerlistgroup_run_timers(&main_loop_tlg);
}
