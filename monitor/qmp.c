/*
 * QMP monitor: greeting, capabilities negotiation, request dispatch.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qmp/qjson.h"
#include "qapi/qmp/qlist.h"
#include "qapi/qmp/qstring.h"
#include "chardev/char.h"
#include "qapi/qapi-commands.h"
#include "monitor-internal.h"
#include "monitor/qmp-version.h"

QmpCommandList qmp_commands;
QmpCommandList qmp_cap_negotiation_commands;

static void qmp_send_response(Monitor *mon, const QDict *rsp)
{
    GString *json = mon->pretty ? qobject_to_json_pretty(QOBJECT(rsp), true)
                                : qobject_to_json(QOBJECT(rsp));

    /*
     * QEMU ends every QMP message with CR LF and libvirt splits the stream
     * on it.  Pretty output (for people) keeps plain LF line ends.
     */
    g_string_append(json, mon->pretty ? "\n" : "\r\n");
    g_string_append_len(mon->outbuf, json->str, json->len);
    g_string_free(json, true);
    monitor_flush(mon);
}

static void qmp_send_greeting(Monitor *mon)
{
    QDict *rsp = qobject_to(QDict, qobject_from_jsonf_nofail(
        "{'QMP': {'version': {'qemu': {'micro': %d, 'minor': %d, "
        "'major': %d}, 'package': %s}, 'capabilities': []}}",
        QMP_VERSION_MICRO, QMP_VERSION_MINOR, QMP_VERSION_MAJOR,
        QMP_VERSION_PACKAGE));

    qmp_send_response(mon, rsp);
    qobject_unref(rsp);
}

void qmp_qmp_capabilities(bool has_enable, QList *enable, Error **errp)
{
    Monitor *mon = monitor_cur();
    QListEntry *e;

    if (mon->commands == &qmp_commands) {
        error_set(errp, ERROR_CLASS_COMMAND_NOT_FOUND,
                  "Capabilities negotiation is already complete, command "
                  "ignored");
        return;
    }
    if (has_enable) {
        QLIST_FOREACH_ENTRY(enable, e) {
            /* The schema allows only "oob", which we do not offer. */
            error_setg(errp, "Capability '%s' not available",
                       qstring_get_str(qobject_to(QString,
                                                  qlist_entry_obj(e))));
            return;
        }
    }
    mon->commands = &qmp_commands;
}

static void qmp_dispatch_one(Monitor *mon, QObject *req)
{
    Monitor *old = monitor_set_cur(mon);
    QDict *rsp = qmp_dispatch(mon->commands, req, false, mon);

    monitor_set_cur(old);
    if (!rsp) {
        return;
    }
    if (mon->commands == &qmp_cap_negotiation_commands) {
        QDict *error = qdict_get_qdict(rsp, "error");

        if (error && !g_strcmp0(qdict_get_try_str(error, "class"),
                                "CommandNotFound")) {
            /* QEMU's hint: negotiate first. */
            qdict_put_str(error, "desc", "Expecting capabilities "
                          "negotiation with 'qmp_capabilities'");
        }
    }
    if (!mon->closed) {
        qmp_send_response(mon, rsp);
    }
    qobject_unref(rsp);
}

static void qmp_handle_message(void *opaque, QObject *req, Error *err)
{
    Monitor *mon = opaque;

    if (err) {
        /* Malformed JSON: answer, and keep reading. */
        QDict *rsp = qmp_error_response(err);

        qmp_send_response(mon, rsp);
        qobject_unref(rsp);
        qobject_unref(req);
        return;
    }
    if (!req) {
        return;
    }
    qmp_dispatch_one(mon, req);
    qobject_unref(req);
}

static int qmp_can_read(void *opaque)
{
    Monitor *mon = opaque;

    /* A client that does not read its replies stops being read. */
    if (mon->closed || mon->outbuf->len > MONITOR_OUTBUF_MAX) {
        return 0;
    }
    return 65536;
}

static void qmp_read(void *opaque, const uint8_t *buf, int size)
{
    Monitor *mon = opaque;

    json_message_parser_feed(&mon->parser, (const char *)buf, size);
}

static void qmp_event(void *opaque, QEMUChrEvent event)
{
    Monitor *mon = opaque;

    switch (event) {
    case CHR_EVENT_OPENED:
        mon->commands = &qmp_cap_negotiation_commands;
        qmp_send_greeting(mon);
        break;
    case CHR_EVENT_CLOSED:
        /* Forget a half-received request of the departed client. */
        json_message_parser_destroy(&mon->parser);
        json_message_parser_init(&mon->parser, qmp_handle_message, mon,
                                 NULL);
        mon->commands = &qmp_cap_negotiation_commands;
        g_string_truncate(mon->outbuf, 0);
        break;
    default:
        break;
    }
}

void monitor_init_qmp(Chardev *chr, bool pretty, Error **errp)
{
    Monitor *mon;

    monitor_init_globals();
    mon = g_new0(Monitor, 1);
    if (!qemu_chr_fe_init(&mon->chr, chr, errp)) {
        g_free(mon);
        return;
    }
    monitor_data_init(mon, true);
    mon->pretty = pretty;
    mon->commands = &qmp_cap_negotiation_commands;
    json_message_parser_init(&mon->parser, qmp_handle_message, mon, NULL);
    qemu_chr_fe_set_handlers(&mon->chr, qmp_can_read, qmp_read, qmp_event,
                             NULL, mon, NULL, true);
}

void monitor_qmp_register_commands(void)
{
    const QmpCommand *cap;

    qmp_init_marshal(&qmp_commands);
    cap = qmp_find_command(&qmp_commands, "qmp_capabilities");
    qmp_register_command(&qmp_cap_negotiation_commands, "qmp_capabilities",
                         cap->fn, cap->options, 0);
}
