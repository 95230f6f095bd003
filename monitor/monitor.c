/*
 * Monitor core: the list of monitors, output buffering towards the
 * chardev, the "mon" option group and event broadcasting.
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/qemu-print.h"
#include "qemu/config-file.h"
#include "qemu/module.h"
#include "chardev/char.h"
#include "qapi/qmp/qjson.h"
#include "qapi/qmp-event.h"
#include "monitor-internal.h"

GList *mon_list;
/* Per thread: only the main loop runs monitor commands. */
static __thread Monitor *cur_mon;

QemuOptsList qemu_mon_opts = {
    .name = "mon",
    .implied_opt_name = "chardev",
    .head = QTAILQ_HEAD_INITIALIZER(qemu_mon_opts.head),
    .desc = {
        { .name = "mode", .type = QEMU_OPT_STRING },
        { .name = "chardev", .type = QEMU_OPT_STRING },
        { .name = "pretty", .type = QEMU_OPT_BOOL },
        { /* end of list */ }
    },
};

static void mon_opts_init(void)
{
    qemu_add_opts(&qemu_mon_opts);
}
opts_init(mon_opts_init);

Monitor *monitor_cur(void)
{
    return cur_mon;
}

Monitor *monitor_set_cur(Monitor *mon)
{
    Monitor *old = cur_mon;

    cur_mon = mon;
    return old;
}

bool monitor_is_qmp(const Monitor *mon)
{
    return mon->is_qmp;
}

bool monitor_cur_is_qmp(void)
{
    return cur_mon && cur_mon->is_qmp;
}

static gboolean monitor_unblocked(void *do_not_use, GIOCondition cond,
                                  void *opaque)
{
    Monitor *mon = opaque;

    mon->out_watch = 0;
    monitor_flush(mon);
    return G_SOURCE_REMOVE;
}

/* Hand as much buffered output to the chardev as it takes now. */
void monitor_flush(Monitor *mon)
{
    int rc;

    if (mon->closed || mon->mux_out || !mon->outbuf->len) {
        return;
    }
    rc = qemu_chr_fe_write(&mon->chr, (const uint8_t *)mon->outbuf->str,
                           mon->outbuf->len);
    /*
     * A chardev event during the write (e.g. the peer closing) may have
     * re-entered and consumed part of the buffer already.
     */
    if (rc > (int)mon->outbuf->len) {
        rc = mon->outbuf->len;
    }
    if (rc > 0) {
        bool was_full = mon->outbuf->len > MONITOR_OUTBUF_MAX;

        g_string_erase(mon->outbuf, 0, rc);
        if (was_full && mon->outbuf->len <= MONITOR_OUTBUF_MAX) {
            qemu_chr_fe_accept_input(&mon->chr);
        }
    }
    if (rc < 0 && errno != EAGAIN) {
        /* Nobody to talk to: drop it. */
        g_string_truncate(mon->outbuf, 0);
        qemu_chr_fe_accept_input(&mon->chr);
        return;
    }
    if (mon->outbuf->len && !mon->out_watch) {
        mon->out_watch = qemu_chr_fe_add_watch(&mon->chr,
                                               G_IO_OUT | G_IO_HUP,
                                               monitor_unblocked, mon);
        if (!mon->out_watch) {
            /* The back end cannot wait for room: drop the rest. */
            g_string_truncate(mon->outbuf, 0);
            qemu_chr_fe_accept_input(&mon->chr);
        }
    }
}

int monitor_puts(Monitor *mon, const char *str)
{
    size_t len = strlen(str);
    const char *p;

    /* A terminal wants CR LF. */
    for (p = str; *p; p++) {
        if (*p == '\n' && !mon->is_qmp) {
            g_string_append_c(mon->outbuf, '\r');
        }
        g_string_append_c(mon->outbuf, *p);
    }
    monitor_flush(mon);
    return len;
}

int monitor_vprintf(Monitor *mon, const char *fmt, va_list ap)
{
    g_autofree char *buf = NULL;

    if (!mon || mon->is_qmp) {
        return -1;
    }
    buf = g_strdup_vprintf(fmt, ap);
    return monitor_puts(mon, buf);
}

int monitor_printf(Monitor *mon, const char *fmt, ...)
{
    va_list ap;
    int ret;

    va_start(ap, fmt);
    ret = monitor_vprintf(mon, fmt, ap);
    va_end(ap);
    return ret;
}

/* qemu_printf() and error_printf() while an HMP command runs. */
static int monitor_print_hook(const char *fmt, va_list ap)
{
    if (!cur_mon || cur_mon->is_qmp) {
        return -1;
    }
    return monitor_vprintf(cur_mon, fmt, ap);
}

static bool monitor_active_hook(void)
{
    return cur_mon && !cur_mon->is_qmp;
}

void monitor_data_init(Monitor *mon, bool is_qmp)
{
    mon->is_qmp = is_qmp;
    mon->outbuf = g_string_new(NULL);
    mon_list = g_list_append(mon_list, mon);
}

static GThread *main_thread;

/* Write event message @msg to every QMP monitor past negotiation. */
static void monitor_broadcast_event(QDict *msg)
{
    GList *l;

    for (l = mon_list; l; l = l->next) {
        Monitor *mon = l->data;
        GString *json;

        /* QEMU sends events only after capabilities negotiation. */
        if (!mon->is_qmp || mon->commands != &qmp_commands) {
            continue;
        }
        json = mon->pretty ? qobject_to_json_pretty(QOBJECT(msg), true)
                           : qobject_to_json(QOBJECT(msg));
        /* CR LF as every QMP message (see qmp_send_response()) */
        g_string_append(json, mon->pretty ? "\n" : "\r\n");
        g_string_append_len(mon->outbuf, json->str, json->len);
        g_string_free(json, true);
        monitor_flush(mon);
    }
}

static gboolean monitor_deferred_event(gpointer opaque)
{
    QDict *msg = opaque;

    monitor_broadcast_event(msg);
    qobject_unref(msg);
    return G_SOURCE_REMOVE;
}

void monitor_qapi_event_emit(const char *event, QDict *data)
{
    QDict *msg = qmp_event_build_dict(event);

    if (!strcmp(event, "DEVICE_DELETED")) {
        monitor_device_deleted_count++;
    }
    if (data) {
        qdict_put(msg, "data", qobject_ref(data));
    }
    if (main_thread && g_thread_self() != main_thread &&
        !qemu_mutex_iothread_locked()) {
        /*
         * From a thread without the BQL (an I/O thread reporting
         * BLOCK_IO_ERROR): the monitors belong to the main loop; hand the
         * message over, timestamp already taken.  A vCPU thread holds the
         * BQL and sends at once, so that an event precedes whatever the
         * guest does next (even ending the process).
         */
        g_idle_add(monitor_deferred_event, msg);
        return;
    }
    monitor_broadcast_event(msg);
    qobject_unref(msg);
}

void monitor_init_globals(void)
{
    static bool done;

    if (done) {
        return;
    }
    done = true;
    main_thread = g_thread_self();
    qemu_print_set_monitor_hook(monitor_print_hook);
    error_set_printf_hook(monitor_print_hook);
    error_set_monitor_active_hook(monitor_active_hook);
    monitor_qmp_register_commands();
    monitor_runstate_hooks_init();
}

int monitor_init_opts(QemuOpts *opts, Error **errp)
{
    const char *chardev = qemu_opt_get(opts, "chardev");
    const char *mode = qemu_opt_get(opts, "mode");
    bool pretty = qemu_opt_get_bool(opts, "pretty", false);
    Chardev *chr;
    ERRP_GUARD();

    if (!chardev) {
        error_setg(errp, "Parameter 'chardev' is missing");
        return -1;
    }
    chr = qemu_chr_find(chardev);
    if (!chr) {
        error_setg(errp, "chardev \"%s\" not found", chardev);
        return -1;
    }
    if (!mode || !strcmp(mode, "readline")) {
        if (pretty) {
            warn_report("parameter 'pretty' makes no sense for 'mode=readline'");
        }
        monitor_init_hmp(chr, true, errp);
    } else if (!strcmp(mode, "control")) {
        monitor_init_qmp(chr, pretty, errp);
    } else {
        error_setg(errp, "Parameter 'mode' does not accept value '%s'", mode);
        return -1;
    }
    return *errp ? -1 : 0;
}

void monitor_cleanup(void)
{
    GList *l;

    for (l = mon_list; l; l = l->next) {
        Monitor *mon = l->data;

        monitor_flush(mon);
        mon->closed = true;
        if (mon->out_watch) {
            g_source_remove(mon->out_watch);
            mon->out_watch = 0;
        }
        qemu_chr_fe_deinit(&mon->chr, false);
    }
}
