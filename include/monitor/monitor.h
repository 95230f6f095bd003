/*
 * The monitors: QMP (JSON, machine protocol) and HMP (human, line based)
 * on character devices.  vl.c creates them from -qmp/-monitor/-mon via
 * monitor_init_opts(); "mon:" chardevs call monitor_init_hmp().
 */
#ifndef MONITOR_MONITOR_H
#define MONITOR_MONITOR_H

#include "qapi/qmp/qdict.h"
#include "qemu/option.h"

typedef struct Chardev Chardev;
typedef struct Monitor Monitor;

/* The "mon" option group: chardev=, mode=readline|control, pretty=. */
extern QemuOptsList qemu_mon_opts;

/* One "mon" option group entry: create the monitor it describes. */
int monitor_init_opts(QemuOpts *opts, Error **errp);
/* QMP on @chr; @pretty indents replies (-qmp-pretty, pretty=on). */
void monitor_init_qmp(Chardev *chr, bool pretty, Error **errp);
/* HMP on @chr; @use_readline: echo, line editing, history, prompt. */
void monitor_init_hmp(Chardev *chr, bool use_readline, Error **errp);
/* Detach every monitor from its chardev (at exit). */
void monitor_cleanup(void);
/* Set up the shared state; done by the first monitor_init_*. */
void monitor_init_globals(void);

/* The monitor running the current command, or NULL. */
Monitor *monitor_cur(void);
Monitor *monitor_set_cur(Monitor *mon);
bool monitor_cur_is_qmp(void);
bool monitor_is_qmp(const Monitor *mon);

/* Text output (HMP); on a QMP monitor these are dropped. */
int monitor_puts(Monitor *mon, const char *str);
int monitor_vprintf(Monitor *mon, const char *fmt, va_list ap)
    G_GNUC_PRINTF(2, 0);
int monitor_printf(Monitor *mon, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/*
 * Send event @event with @data (may be NULL; not consumed) to every QMP
 * monitor past capabilities negotiation.  The generated
 * qapi_event_send_<event>() functions call this.
 */
void monitor_qapi_event_emit(const char *event, QDict *data);

/*
 * Event senders other subsystems call (generated from qapi/schema into
 * qapi-events.c; declared here too for code outside the emulator's
 * own build directory).  Enum members are passed by name.
 */
void qapi_event_send_device_deleted(bool has_device, const char *device,
                                    const char *path);
void qapi_event_send_block_io_error(const char *device, bool has_node_name,
                                    const char *node_name,
                                    const char *operation,
                                    const char *action, bool has_nospace,
                                    bool nospace, const char *reason);

/* Run one HMP command line, output to @mon. */
void handle_hmp_command(Monitor *mon, const char *cmdline);

/* -add-fd descriptor sets (monitor/fds.c); "/dev/fdset/N" resolves here. */
bool monitor_fdset_add_fd(int fd, int64_t fdset_id, const char *opaque,
                          Error **errp);
int monitor_fdset_dup_fd_add(int64_t fdset_id, int flags);
int monitor_add_fd_opt(void *opaque, QemuOpts *opts, Error **errp);

#endif
