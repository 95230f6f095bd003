/*
 * State shared by the QMP and HMP halves of the monitor.
 */
#ifndef MONITOR_INTERNAL_H
#define MONITOR_INTERNAL_H

#include "chardev/char-fe.h"
#include "monitor/monitor.h"
#include "qapi/qmp/dispatch.h"
#include "qapi/qmp/json-parser.h"
#include "qemu/readline.h"

/* QMP input pauses while this much output waits for the client. */
#define MONITOR_OUTBUF_MAX (1 * MiB)

struct Monitor {
    CharBackend chr;
    bool is_qmp;
    bool use_readline;          /* HMP */
    bool pretty;                /* QMP */
    bool closed;                /* being torn down */
    /*
     * On a mux (-nographic, mon:stdio) another front end has the focus:
     * output waits in outbuf until Ctrl-A c brings the monitor in.
     */
    bool mux_out;
    bool opened;                /* CHR_EVENT_OPENED seen: prompt allowed */

    /* Output not yet taken by the chardev. */
    GString *outbuf;
    guint out_watch;

    /* QMP */
    JSONMessageParser parser;
    const QmpCommandList *commands;     /* negotiation or full list */

    /* HMP */
    ReadLineState *rs;
    GString *linebuf;           /* without readline */
};

extern GList *mon_list;
extern QmpCommandList qmp_commands;
extern QmpCommandList qmp_cap_negotiation_commands;

void monitor_data_init(Monitor *mon, bool is_qmp);
void monitor_flush(Monitor *mon);

void monitor_qmp_setup(Monitor *mon);
void monitor_hmp_setup(Monitor *mon);
void monitor_qmp_register_commands(void);

/* Events from the run state machinery. */
void monitor_runstate_hooks_init(void);

/* Counts DEVICE_DELETED events (so device_del does not send two). */
extern unsigned monitor_device_deleted_count;

#endif
