/*
 * QMP command registry and dispatcher.
 *
 * A monitor keeps one QmpCommandList per mode (capabilities negotiation,
 * normal operation) and registers handlers into it; qmp_dispatch() turns
 * one parsed request into the response dict to send:
 *     {"return": ..., "id": ...}  or
 *     {"error": {"class": ..., "desc": ...}, "id": ...}
 * Handlers receive the "arguments" dict (empty if absent) and store their
 * return value, if any, in *ret.
 */
#ifndef QAPI_QMP_DISPATCH_H
#define QAPI_QMP_DISPATCH_H

#include "qapi/qmp/qobject.h"

typedef struct Monitor Monitor;

typedef void (QmpCommandFunc)(QDict *args, QObject **ret, Error **errp);

typedef enum QmpCommandOptions {
    QCO_NO_OPTIONS            =  0x0,
    QCO_NO_SUCCESS_RESP       =  (1U << 0),
    QCO_ALLOW_OOB             =  (1U << 1),
    QCO_ALLOW_PRECONFIG       =  (1U << 2),
    QCO_COROUTINE             =  (1U << 3),
} QmpCommandOptions;

typedef struct QmpCommand {
    const char *name;
    QmpCommandFunc *fn;
    QmpCommandOptions options;
    unsigned special_features;
    bool enabled;
    const char *disable_reason;
    struct QmpCommand *next;
} QmpCommand;

/* Zero-initialised is an empty list; commands are kept in order. */
typedef struct QmpCommandList {
    QmpCommand *first;
    QmpCommand *last;
} QmpCommandList;

void qmp_register_command(QmpCommandList *cmds, const char *name,
                          QmpCommandFunc *fn, QmpCommandOptions options,
                          unsigned special_features);
const QmpCommand *qmp_find_command(const QmpCommandList *cmds,
                                   const char *name);
void qmp_disable_command(QmpCommandList *cmds, const char *name,
                         const char *err_msg);
void qmp_enable_command(QmpCommandList *cmds, const char *name);

bool qmp_command_is_enabled(const QmpCommand *cmd);
bool qmp_command_available(const QmpCommand *cmd, Error **errp);
const char *qmp_command_name(const QmpCommand *cmd);
bool qmp_has_success_response(const QmpCommand *cmd);

/* {"error": {"class": ..., "desc": ...}}; frees @err. */
QDict *qmp_error_response(Error *err);

/*
 * Execute @request (a parsed QMP message).  Returns the response, or
 * NULL for commands with QCO_NO_SUCCESS_RESP that succeeded.
 * @allow_oob: whether "exec-oob" is accepted.
 */
QDict *qmp_dispatch(const QmpCommandList *cmds, QObject *request,
                    bool allow_oob, Monitor *cur_mon);
/* Whether @dict is an out-of-band request ("exec-oob"). */
bool qmp_is_oob(const QDict *dict);

typedef void (*qmp_cmd_callback_fn)(const QmpCommand *cmd, void *opaque);
void qmp_for_each_command(const QmpCommandList *cmds,
                          qmp_cmd_callback_fn fn, void *opaque);

#endif /* QAPI_QMP_DISPATCH_H */
