/*
 * VM run state, start/stop, and the reset/shutdown/powerdown requests
 * that the main loop (qemu_main_loop in softmmu/runstate.c) acts on.
 */
#ifndef SYSEMU_RUNSTATE_H
#define SYSEMU_RUNSTATE_H

#include "qapi/util.h"

typedef struct Notifier Notifier;

#ifndef QAPI_RUNSTATE_TYPES_DEFINED
#define QAPI_RUNSTATE_TYPES_DEFINED
/* QAPI enum RunState (names as in QEMU's query-status). */
typedef enum RunState {
    RUN_STATE_DEBUG,
    RUN_STATE_INMIGRATE,
    RUN_STATE_INTERNAL_ERROR,
    RUN_STATE_IO_ERROR,
    RUN_STATE_PAUSED,
    RUN_STATE_POSTMIGRATE,
    RUN_STATE_PRELAUNCH,
    RUN_STATE_FINISH_MIGRATE,
    RUN_STATE_RESTORE_VM,
    RUN_STATE_RUNNING,
    RUN_STATE_SAVE_VM,
    RUN_STATE_SHUTDOWN,
    RUN_STATE_SUSPENDED,
    RUN_STATE_WATCHDOG,
    RUN_STATE_GUEST_PANICKED,
    RUN_STATE_COLO,
    RUN_STATE__MAX,
} RunState;
extern const QEnumLookup RunState_lookup;
#define RunState_str(val) qapi_enum_lookup(&RunState_lookup, (val))

/* QAPI enum ShutdownCause: why a shutdown or reset was requested. */
typedef enum ShutdownCause {
    SHUTDOWN_CAUSE_NONE,
    SHUTDOWN_CAUSE_HOST_ERROR,
    SHUTDOWN_CAUSE_HOST_QMP_QUIT,
    SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET,
    SHUTDOWN_CAUSE_HOST_SIGNAL,
    SHUTDOWN_CAUSE_HOST_UI,
    SHUTDOWN_CAUSE_GUEST_SHUTDOWN,
    SHUTDOWN_CAUSE_GUEST_RESET,
    SHUTDOWN_CAUSE_GUEST_PANIC,
    SHUTDOWN_CAUSE_SUBSYSTEM_RESET,
    SHUTDOWN_CAUSE_SNAPSHOT_LOAD,
    SHUTDOWN_CAUSE__MAX,
} ShutdownCause;
extern const QEnumLookup ShutdownCause_lookup;
#define ShutdownCause_str(val) qapi_enum_lookup(&ShutdownCause_lookup, (val))
#endif

static inline bool shutdown_caused_by_guest(ShutdownCause cause)
{
    return cause >= SHUTDOWN_CAUSE_GUEST_SHUTDOWN;
}

bool runstate_check(RunState state);
void runstate_set(RunState new_state);
RunState runstate_get(void);
bool runstate_is_running(void);
bool runstate_needs_reset(void);

typedef struct VMChangeStateEntry VMChangeStateEntry;
typedef void VMChangeStateHandler(void *opaque, bool running, RunState state);
/* Called on every vm_start/vm_stop; lower priority first on start. */
VMChangeStateEntry *qemu_add_vm_change_state_handler(VMChangeStateHandler *cb,
                                                     void *opaque);
VMChangeStateEntry *qemu_add_vm_change_state_handler_prio(
    VMChangeStateHandler *cb, void *opaque, int priority);
void qemu_del_vm_change_state_handler(VMChangeStateEntry *e);
void vm_state_notify(bool running, RunState state);

/* Resume all vCPUs (RUN_STATE_RUNNING, RESUME event). */
void vm_start(void);
int vm_prepare_start(bool step_pending);
/*
 * Pause all vCPUs and enter @state (STOP event).  From a vCPU thread
 * this only requests the stop (done by the main loop).
 */
int vm_stop(RunState state);
int vm_stop_force_state(RunState state);
int vm_shutdown(void);

/* Requests: safe from any thread; handled by the main loop. */
void qemu_system_reset_request(ShutdownCause reason);
void qemu_system_shutdown_request(ShutdownCause reason);
void qemu_system_powerdown_request(void);
void qemu_system_suspend_request(void);
void qemu_system_debug_request(void);
void qemu_system_vmstop_request(RunState reason);
void qemu_system_vmstop_request_prepare(void);
bool qemu_vmstop_requested(RunState *r);
ShutdownCause qemu_shutdown_requested_get(void);
ShutdownCause qemu_reset_requested_get(void);
/* SIGINT/SIGTERM/SIGHUP: "terminating on signal N from pid P (comm)". */
void qemu_system_killed(int signal, pid_t pid);
/* Guest panic (pvpanic ...): GUEST_PANICKED, then pause or shutdown. */
void qemu_system_guest_panicked(void *info);
/*
 * A vCPU hit an unrecoverable error (KVM_EXIT_INTERNAL_ERROR ...):
 * enter "internal-error" and make qemu_main_loop return 1.
 */
void qemu_system_internal_error_request(void);
/* Make qemu_main_loop return @status at the next iteration. */
void qemu_system_exit_request(int status);

/* ACPI hooks powerdown; runs in the main loop on system_powerdown. */
void qemu_register_powerdown_notifier(Notifier *notifier);
void qemu_register_shutdown_notifier(Notifier *notifier);
void qemu_register_reset_notifier_wakeup(Notifier *notifier);
void qemu_register_suspend_notifier(Notifier *notifier);
void qemu_register_wakeup_notifier(Notifier *notifier);

/* Reset the machine now: qemu_devices_reset() then every CPU. */
void qemu_system_reset(ShutdownCause reason);

/* -no-reboot (guest reset => shutdown), -no-shutdown (=> pause). */
extern bool no_reboot;
extern bool no_shutdown;
/* -S: stay in "prelaunch" until "cont". */
extern int autostart;

/*
 * Events for the QMP monitor: called in the main loop with the BQL.
 * @guest/@reason only for RESET and SHUTDOWN.
 */
typedef enum RunStateEvent {
    RUNSTATE_EVENT_STOP,
    RUNSTATE_EVENT_RESUME,
    RUNSTATE_EVENT_RESET,
    RUNSTATE_EVENT_SHUTDOWN,
    RUNSTATE_EVENT_POWERDOWN,
    RUNSTATE_EVENT_SUSPEND,
    RUNSTATE_EVENT_WAKEUP,
    RUNSTATE_EVENT_GUEST_PANICKED,
} RunStateEvent;
typedef void RunStateEventHook(RunStateEvent event, bool guest,
                               ShutdownCause reason, void *opaque);
void runstate_add_event_hook(RunStateEventHook *hook, void *opaque);

/* Install the SIGINT/SIGTERM/SIGHUP handlers (called by qemu_init). */
void os_setup_signal_handling(void);

#endif
