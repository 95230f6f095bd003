/*
 * Run state and the main loop's handling of requests.
 *
 * Requests (reset, shutdown, powerdown, stop...) may come from any
 * thread (vCPUs, signal handlers, the monitor); they only set a flag
 * and wake the main loop, which acts on them with the BQL held.
 */
#include "qemu/osdep.h"
#include "qemu/typedefs.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/main-loop.h"
#include "qemu/notify.h"
#include "qemu/timer.h"
#include "hw/boards.h"
#include "hw/core/cpu.h"
#include "sysemu/reset.h"
#include "sysemu/runstate.h"
#include "sysemu/cpus.h"
#include "sysemu/cpu-timers.h"
#include "sysemu/hw_accel.h"
#include "sysemu/sysemu.h"

static const char *const RunState_names[] = {
    [RUN_STATE_DEBUG] = "debug",
    [RUN_STATE_INMIGRATE] = "inmigrate",
    [RUN_STATE_INTERNAL_ERROR] = "internal-error",
    [RUN_STATE_IO_ERROR] = "io-error",
    [RUN_STATE_PAUSED] = "paused",
    [RUN_STATE_POSTMIGRATE] = "postmigrate",
    [RUN_STATE_PRELAUNCH] = "prelaunch",
    [RUN_STATE_FINISH_MIGRATE] = "finish-migrate",
    [RUN_STATE_RESTORE_VM] = "restore-vm",
    [RUN_STATE_RUNNING] = "running",
    [RUN_STATE_SAVE_VM] = "save-vm",
    [RUN_STATE_SHUTDOWN] = "shutdown",
    [RUN_STATE_SUSPENDED] = "suspended",
    [RUN_STATE_WATCHDOG] = "watchdog",
    [RUN_STATE_GUEST_PANICKED] = "guest-panicked",
    [RUN_STATE_COLO] = "colo",
};

const QEnumLookup RunState_lookup = {
    .array = RunState_names,
    .size = RUN_STATE__MAX,
};

static const char *const ShutdownCause_names[] = {
    [SHUTDOWN_CAUSE_NONE] = "none",
    [SHUTDOWN_CAUSE_HOST_ERROR] = "host-error",
    [SHUTDOWN_CAUSE_HOST_QMP_QUIT] = "host-qmp-quit",
    [SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET] = "host-qmp-system-reset",
    [SHUTDOWN_CAUSE_HOST_SIGNAL] = "host-signal",
    [SHUTDOWN_CAUSE_HOST_UI] = "host-ui",
    [SHUTDOWN_CAUSE_GUEST_SHUTDOWN] = "guest-shutdown",
    [SHUTDOWN_CAUSE_GUEST_RESET] = "guest-reset",
    [SHUTDOWN_CAUSE_GUEST_PANIC] = "guest-panic",
    [SHUTDOWN_CAUSE_SUBSYSTEM_RESET] = "subsystem-reset",
    [SHUTDOWN_CAUSE_SNAPSHOT_LOAD] = "snapshot-load",
};

const QEnumLookup ShutdownCause_lookup = {
    .array = ShutdownCause_names,
    .size = SHUTDOWN_CAUSE__MAX,
};

bool no_reboot;
bool no_shutdown;
int autostart = 1;

static RunState current_run_state = RUN_STATE_PRELAUNCH;
static RunState vmstop_requested = RUN_STATE__MAX;
static GMutex vmstop_lock;

/* Request flags: written from any thread, consumed by the main loop. */
static int reset_requested;
static int shutdown_requested;
static int powerdown_requested;
static int suspend_requested;
static int debug_requested;
static int internal_error_requested;
static int exit_requested;
static int exit_status;
static int shutdown_signal;
static pid_t shutdown_pid;
static bool reset_done;

static NotifierList powerdown_notifiers =
    NOTIFIER_LIST_INITIALIZER(powerdown_notifiers);
static NotifierList shutdown_notifiers =
    NOTIFIER_LIST_INITIALIZER(shutdown_notifiers);
static NotifierList suspend_notifiers =
    NOTIFIER_LIST_INITIALIZER(suspend_notifiers);
static NotifierList wakeup_notifiers =
    NOTIFIER_LIST_INITIALIZER(wakeup_notifiers);

struct VMChangeStateEntry {
    VMChangeStateHandler *cb;
    void *opaque;
    int priority;
};

static GList *vm_change_state_head;    /* sorted by priority */

typedef struct EventHook {
    RunStateEventHook *hook;
    void *opaque;
} EventHook;

static GList *event_hooks;

/* ------------------------------------------------------------------ */

static void runstate_event(RunStateEvent ev, bool guest, ShutdownCause why)
{
    GList *l;

    for (l = event_hooks; l; l = l->next) {
        EventHook *h = l->data;
        h->hook(ev, guest, why, h->opaque);
    }
}

void runstate_add_event_hook(RunStateEventHook *hook, void *opaque)
{
    EventHook *h = g_new0(EventHook, 1);

    h->hook = hook;
    h->opaque = opaque;
    event_hooks = g_list_append(event_hooks, h);
}

bool runstate_check(RunState state)
{
    return current_run_state == state;
}

void runstate_set(RunState new_state)
{
    assert(new_state < RUN_STATE__MAX);
    current_run_state = new_state;
}

RunState runstate_get(void)
{
    return current_run_state;
}

bool runstate_is_running(void)
{
    return runstate_check(RUN_STATE_RUNNING);
}

bool runstate_needs_reset(void)
{
    return runstate_check(RUN_STATE_INTERNAL_ERROR) ||
           runstate_check(RUN_STATE_SHUTDOWN);
}

static gint vmse_cmp(gconstpointer a, gconstpointer b)
{
    const VMChangeStateEntry *ea = a, *eb = b;

    return ea->priority - eb->priority;
}

VMChangeStateEntry *qemu_add_vm_change_state_handler_prio(
    VMChangeStateHandler *cb, void *opaque, int priority)
{
    VMChangeStateEntry *e = g_new0(VMChangeStateEntry, 1);

    e->cb = cb;
    e->opaque = opaque;
    e->priority = priority;
    vm_change_state_head = g_list_insert_sorted(vm_change_state_head, e,
                                                vmse_cmp);
    return e;
}

VMChangeStateEntry *qemu_add_vm_change_state_handler(VMChangeStateHandler *cb,
                                                     void *opaque)
{
    return qemu_add_vm_change_state_handler_prio(cb, opaque, 0);
}

void qemu_del_vm_change_state_handler(VMChangeStateEntry *e)
{
    vm_change_state_head = g_list_remove(vm_change_state_head, e);
    g_free(e);
}

void vm_state_notify(bool running, RunState state)
{
    GList *l;

    /* Lower priority first when starting, reverse when stopping. */
    if (running) {
        for (l = vm_change_state_head; l;) {
            VMChangeStateEntry *e = l->data;
            l = l->next;
            e->cb(e->opaque, running, state);
        }
    } else {
        for (l = g_list_last(vm_change_state_head); l;) {
            VMChangeStateEntry *e = l->data;
            l = l->prev;
            e->cb(e->opaque, running, state);
        }
    }
}

/* ------------------------------------------------------------------ */
/* Start / stop                                                         */

static int do_vm_stop(RunState state, bool send_stop)
{
    if (runstate_is_running()) {
        runstate_set(state);
        cpu_disable_ticks();
        pause_all_vcpus();
        vm_state_notify(false, state);
        if (send_stop) {
            runstate_event(RUNSTATE_EVENT_STOP, false, SHUTDOWN_CAUSE_NONE);
        }
    }
    return 0;
}

int vm_stop(RunState state)
{
    if (current_cpu) {
        /* From a vCPU: the main loop does the stop. */
        qemu_system_vmstop_request_prepare();
        qemu_system_vmstop_request(state);
        cpu_stop_current();
        return 0;
    }
    return do_vm_stop(state, true);
}

int vm_shutdown(void)
{
    return do_vm_stop(RUN_STATE_SHUTDOWN, false);
}

int vm_stop_force_state(RunState state)
{
    if (runstate_is_running()) {
        return vm_stop(state);
    }
    runstate_set(state);
    return 0;
}

static void vm_start_locked(void);

int vm_prepare_start(bool step_pending)
{
    if (runstate_is_running()) {
        return -1;
    }
    runstate_event(RUNSTATE_EVENT_RESUME, false, SHUTDOWN_CAUSE_NONE);
    cpu_enable_ticks();
    runstate_set(RUN_STATE_RUNNING);
    vm_state_notify(true, RUN_STATE_RUNNING);
    return 0;
}

void vm_start(void)
{
    bool taken = !qemu_mutex_iothread_locked();

    if (taken) {
        qemu_mutex_lock_iothread();
    }
    vm_start_locked();
    if (taken) {
        qemu_mutex_unlock_iothread();
    }
}

static void vm_start_locked(void)
{
    if (!reset_done) {
        /* Nothing reset the machine before the first start: do it now. */
        qemu_system_reset(SHUTDOWN_CAUSE_NONE);
    }
    if (!vm_prepare_start(false)) {
        resume_all_vcpus();
    }
}

/* ------------------------------------------------------------------ */
/* Requests                                                             */

static void request_set(int *flag, int value)
{
    __atomic_store_n(flag, value, __ATOMIC_SEQ_CST);
    qemu_notify_event();
}

static int request_take(int *flag)
{
    return __atomic_exchange_n(flag, 0, __ATOMIC_SEQ_CST);
}

void qemu_system_vmstop_request_prepare(void)
{
    g_mutex_lock(&vmstop_lock);
}

void qemu_system_vmstop_request(RunState state)
{
    vmstop_requested = state;
    g_mutex_unlock(&vmstop_lock);
    qemu_notify_event();
}

bool qemu_vmstop_requested(RunState *r)
{
    g_mutex_lock(&vmstop_lock);
    *r = vmstop_requested;
    vmstop_requested = RUN_STATE__MAX;
    g_mutex_unlock(&vmstop_lock);
    return *r < RUN_STATE__MAX;
}

ShutdownCause qemu_shutdown_requested_get(void)
{
    return shutdown_requested;
}

ShutdownCause qemu_reset_requested_get(void)
{
    return reset_requested;
}

void qemu_system_reset_request(ShutdownCause reason)
{
    if (no_reboot && reason != SHUTDOWN_CAUSE_SUBSYSTEM_RESET) {
        request_set(&shutdown_requested, reason);
    } else {
        request_set(&reset_requested, reason);
    }
    cpu_stop_current();
}

void qemu_system_shutdown_request(ShutdownCause reason)
{
    request_set(&shutdown_requested, reason);
}

void qemu_system_powerdown_request(void)
{
    request_set(&powerdown_requested, 1);
}

void qemu_system_suspend_request(void)
{
    if (runstate_check(RUN_STATE_SUSPENDED)) {
        return;
    }
    request_set(&suspend_requested, 1);
    cpu_stop_current();
}

void qemu_system_debug_request(void)
{
    request_set(&debug_requested, 1);
}

void qemu_system_internal_error_request(void)
{
    request_set(&internal_error_requested, 1);
    cpu_stop_current();
}

void qemu_system_exit_request(int status)
{
    exit_status = status;
    request_set(&exit_requested, 1);
}

void qemu_system_killed(int signal, pid_t pid)
{
    shutdown_signal = signal;
    shutdown_pid = pid;
    no_shutdown = false;
    /* Async-signal-safe: only the flag and the main loop wakeup. */
    request_set(&shutdown_requested, SHUTDOWN_CAUSE_HOST_SIGNAL);
}

void qemu_system_guest_panicked(void *info)
{
    if (current_cpu) {
        current_cpu->crash_occurred = true;
    }
    /* QEMU's default panic action: shut down (pause with -no-shutdown). */
    runstate_event(RUNSTATE_EVENT_GUEST_PANICKED, true,
                   SHUTDOWN_CAUSE_GUEST_PANIC);
    vm_stop(RUN_STATE_GUEST_PANICKED);
    if (!no_shutdown) {
        qemu_system_shutdown_request(SHUTDOWN_CAUSE_GUEST_PANIC);
    }
}

void qemu_register_powerdown_notifier(Notifier *notifier)
{
    notifier_list_add(&powerdown_notifiers, notifier);
}

void qemu_register_shutdown_notifier(Notifier *notifier)
{
    notifier_list_add(&shutdown_notifiers, notifier);
}

void qemu_register_suspend_notifier(Notifier *notifier)
{
    notifier_list_add(&suspend_notifiers, notifier);
}

void qemu_register_wakeup_notifier(Notifier *notifier)
{
    notifier_list_add(&wakeup_notifiers, notifier);
}

void qemu_register_reset_notifier_wakeup(Notifier *notifier)
{
    notifier_list_add(&wakeup_notifiers, notifier);
}

/* ------------------------------------------------------------------ */
/* Reset                                                                */

void qemu_system_reset(ShutdownCause reason)
{
    MachineClass *mc = current_machine ? MACHINE_GET_CLASS(current_machine)
                                       : NULL;
    CPUState *cpu;
    bool taken = !qemu_mutex_iothread_locked();

    if (taken) {
        /* vl.c calls this during set-up without the BQL. */
        qemu_mutex_lock_iothread();
    }
    reset_done = true;
    cpu_synchronize_all_states();
    if (mc && mc->reset) {
        mc->reset(current_machine, reason);
    } else {
        qemu_devices_reset(reason);
    }
    CPU_FOREACH(cpu) {
        cpu_reset(cpu);
    }
    if (reason && reason != SHUTDOWN_CAUSE_SUBSYSTEM_RESET) {
        runstate_event(RUNSTATE_EVENT_RESET, shutdown_caused_by_guest(reason),
                       reason);
    }
    cpu_synchronize_all_post_reset();
    if (taken) {
        qemu_mutex_unlock_iothread();
    }
}

/* ------------------------------------------------------------------ */
/* Signals                                                              */

static void termsig_handler(int signal, siginfo_t *info, void *c)
{
    qemu_system_killed(info->si_signo, info->si_pid);
}

void os_setup_signal_handling(void)
{
    struct sigaction act;

    memset(&act, 0, sizeof(act));
    act.sa_sigaction = termsig_handler;
    act.sa_flags = SA_SIGINFO;
    sigaction(SIGINT, &act, NULL);
    sigaction(SIGHUP, &act, NULL);
    sigaction(SIGTERM, &act, NULL);
}

static char *qemu_get_pid_name(pid_t pid)
{
    g_autofree char *path = g_strdup_printf("/proc/%d/cmdline", (int)pid);
    char *name = NULL;
    gsize len;

    if (g_file_get_contents(path, &name, &len, NULL) && len) {
        return name;    /* first NUL-terminated word: argv[0] */
    }
    g_free(name);
    return NULL;
}

static void qemu_kill_report(void)
{
    if (shutdown_signal) {
        if (shutdown_pid == 0) {
            /* Not sent by a process (e.g. Ctrl-C on the terminal). */
            error_report("terminating on signal %d", shutdown_signal);
        } else {
            g_autofree char *name = qemu_get_pid_name(shutdown_pid);
            error_report("terminating on signal %d from pid %d (%s)",
                         shutdown_signal, (int)shutdown_pid,
                         name ? name : "<unknown process>");
        }
        shutdown_signal = 0;
    }
}

/* ------------------------------------------------------------------ */
/* Main loop                                                            */

static bool main_loop_should_exit(int *status)
{
    RunState r;
    ShutdownCause request;

    if (request_take(&exit_requested)) {
        *status = exit_status;
        return true;
    }
    if (request_take(&internal_error_requested)) {
        vm_stop(RUN_STATE_INTERNAL_ERROR);
        *status = 1;
        return true;
    }
    if (request_take(&debug_requested)) {
        vm_stop(RUN_STATE_DEBUG);
    }
    if (request_take(&suspend_requested)) {
        pause_all_vcpus();
        notifier_list_notify(&suspend_notifiers, NULL);
        runstate_set(RUN_STATE_SUSPENDED);
        runstate_event(RUNSTATE_EVENT_SUSPEND, true, SHUTDOWN_CAUSE_NONE);
    }
    request = request_take(&shutdown_requested);
    if (request) {
        qemu_kill_report();
        runstate_event(RUNSTATE_EVENT_SHUTDOWN,
                       shutdown_caused_by_guest(request), request);
        notifier_list_notify(&shutdown_notifiers, &request);
        if (no_shutdown) {
            vm_stop(RUN_STATE_SHUTDOWN);
        } else {
            return true;
        }
    }
    request = request_take(&reset_requested);
    if (request) {
        pause_all_vcpus();
        qemu_system_reset(request);
        resume_all_vcpus();
        if (!runstate_check(RUN_STATE_RUNNING) &&
            !runstate_check(RUN_STATE_INMIGRATE) &&
            !runstate_check(RUN_STATE_FINISH_MIGRATE)) {
            runstate_set(RUN_STATE_PRELAUNCH);
        }
    }
    if (request_take(&powerdown_requested)) {
        runstate_event(RUNSTATE_EVENT_POWERDOWN, false, SHUTDOWN_CAUSE_NONE);
        notifier_list_notify(&powerdown_notifiers, NULL);
    }
    if (qemu_vmstop_requested(&r)) {
        vm_stop(r);
    }
    return false;
}

int qemu_main_loop(void)
{
    static bool signals_done;
    int status = EXIT_SUCCESS;

    if (!signals_done) {
        signals_done = true;
        os_setup_signal_handling();
    }
    /* As QEMU's main thread: hold the BQL except while polling. */
    if (!qemu_mutex_iothread_locked()) {
        qemu_mutex_lock_iothread();
    }
    while (!main_loop_should_exit(&status)) {
        main_loop_wait(false);
    }
    return status;
}
