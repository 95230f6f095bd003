/*
 * Human monitor: "(qemu) " prompt, readline editing and history on a
 * terminal, and the command table.
 */
#include "qemu/osdep.h"
#include "net/net.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "chardev/char.h"
#include "monitor-internal.h"
#include "monitor/hmp.h"
#include "monitor/qmp-version.h"

static void hmp_help(Monitor *mon, const QDict *qdict);

/* args: how the rest of the line is split ("" none, "s" one word...). */
static const HMPCommand hmp_cmds[] = {
    { "help|?", "[cmd]", "show the help", hmp_help },
    { "info", "subcommand", "show various information about the system "
      "state", hmp_info },
    { "stop|s", "", "stop emulation", hmp_stop },
    { "cont|c", "", "resume emulation", hmp_cont },
    { "system_reset", "", "reset the system", hmp_system_reset },
    { "system_powerdown", "", "send system power down event",
      hmp_system_powerdown },
    { "quit|q", "", "quit the emulator", hmp_quit },
    { "device_add", "driver[,prop=value][,...]", "add device, like -device "
      "on the command line", hmp_device_add },
    { "device_del", "device", "remove device", hmp_device_del },
    { "qom-list", "path", "list QOM properties", hmp_qom_list },
    { "qom-get", "path property", "print QOM property", hmp_qom_get },
    { "qom-set", "path property value", "set QOM property", hmp_qom_set },
    { "xp", "/fmt addr", "physical memory dump starting at 'addr'",
      hmp_physical_memory_dump },
    { "i", "/fmt addr", "I/O port read", hmp_ioport_read },
    { "o", "/fmt addr value", "I/O port write", hmp_ioport_write },
    { "set_link", "name on|off", "change the link status of a network "
      "adapter", hmp_set_link },
    { "netdev_add", "[user|tap|socket|stream|hubport],id=str[,prop=value]"
      "[,...]", "add host network device", hmp_netdev_add },
    { "netdev_del", "id", "remove host network device", hmp_netdev_del },
    { "nmi", "", "inject an NMI", hmp_nmi },
    { "sendkey", "keys [hold_ms]", "send keys to the VM (e.g. "
      "'sendkey ctrl-alt-delete')", hmp_sendkey },
    { "block_resize", "device size", "resize a block image",
      hmp_block_resize },
    { NULL },
};

static bool cmd_matches(const char *names, const char *name)
{
    g_auto(GStrv) alts = g_strsplit(names, "|", -1);
    int i;

    for (i = 0; alts[i]; i++) {
        if (!strcmp(alts[i], name)) {
            return true;
        }
    }
    return false;
}

static void hmp_help(Monitor *mon, const QDict *qdict)
{
    const char *which = qdict_get_try_str(qdict, "arg");
    const HMPCommand *c;

    for (c = hmp_cmds; c->name; c++) {
        if (which && !cmd_matches(c->name, which)) {
            continue;
        }
        monitor_printf(mon, "%s %s -- %s\n", c->name, c->params, c->help);
    }
    if (which && !strcmp(which, "info")) {
        hmp_info_help(mon);
    }
}

void handle_hmp_command(Monitor *mon, const char *cmdline)
{
    g_autofree char *line = g_strstrip(g_strdup(cmdline));
    g_autoptr(QDict) qdict = qdict_new();
    const HMPCommand *c;
    char *sp;
    const char *rest;
    Monitor *old;

    if (!*line) {
        return;
    }
    sp = strpbrk(line, " \t");
    rest = "";
    if (sp) {
        *sp = '\0';
        rest = sp + 1;
        while (*rest == ' ' || *rest == '\t') {
            rest++;
        }
    }
    for (c = hmp_cmds; c->name; c++) {
        if (cmd_matches(c->name, line)) {
            break;
        }
    }
    if (!c->name) {
        monitor_printf(mon, "unknown command: '%s'\n", line);
        return;
    }
    if (*rest) {
        qdict_put_str(qdict, "arg", rest);
    }
    old = monitor_set_cur(mon);
    c->cmd(mon, qdict);
    monitor_set_cur(old);
}

/* Print @err on @mon as QEMU's HMP does. */
void hmp_handle_error(Monitor *mon, Error *err)
{
    if (err) {
        monitor_printf(mon, "Error: %s\n", error_get_pretty(err));
        error_free(err);
    }
}

static void monitor_readline_printf(void *opaque, const char *fmt, ...)
{
    Monitor *mon = opaque;
    va_list ap;

    va_start(ap, fmt);
    monitor_vprintf(mon, fmt, ap);
    va_end(ap);
}

static void monitor_readline_flush(void *opaque)
{
    monitor_flush(opaque);
}

static void hmp_completion(void *opaque, const char *cmdline)
{
    Monitor *mon = opaque;
    const HMPCommand *c;

    if (strchr(cmdline, ' ')) {
        return;
    }
    readline_set_completion_index(mon->rs, 0);
    for (c = hmp_cmds; c->name; c++) {
        g_auto(GStrv) alts = g_strsplit(c->name, "|", -1);

        readline_add_completion_of(mon->rs, cmdline, alts[0]);
    }
}

static void hmp_read_line(void *opaque, const char *line, void *unused)
{
    Monitor *mon = opaque;

    handle_hmp_command(mon, line);
    if (mon->rs) {
        readline_start(mon->rs, "(qemu) ", 0, hmp_read_line, NULL);
        readline_show_prompt(mon->rs);
    }
}

static int hmp_can_read(void *opaque)
{
    Monitor *mon = opaque;

    return mon->closed ? 0 : 1;
}

static void hmp_read(void *opaque, const uint8_t *buf, int size)
{
    Monitor *mon = opaque;
    int i;

    for (i = 0; i < size; i++) {
        if (mon->rs) {
            readline_handle_byte(mon->rs, buf[i]);
        } else if (buf[i] == '\n' || buf[i] == '\r') {
            g_autofree char *line = g_string_free(mon->linebuf, false);

            mon->linebuf = g_string_new(NULL);
            handle_hmp_command(mon, line);
        } else {
            g_string_append_c(mon->linebuf, buf[i]);
        }
    }
}

static void hmp_event(void *opaque, QEMUChrEvent event)
{
    Monitor *mon = opaque;

    switch (event) {
    case CHR_EVENT_OPENED:
        monitor_printf(mon, "QEMU %s monitor - type 'help' for more "
                       "information\n", QEMU_VERSION);
        if (mon->rs && !mon->mux_out) {
            readline_restart(mon->rs);
            readline_show_prompt(mon->rs);
        }
        mon->opened = true;
        break;
    case CHR_EVENT_MUX_IN:
        mon->mux_out = false;
        monitor_flush(mon);
        /* Focus given while attaching, before OPENED: nothing to show. */
        if (mon->rs && mon->opened) {
            readline_show_prompt(mon->rs);
        }
        break;
    case CHR_EVENT_MUX_OUT:
        mon->mux_out = true;
        break;
    case CHR_EVENT_CLOSED:
        if (mon->rs) {
            readline_restart(mon->rs);
        }
        g_string_truncate(mon->linebuf, 0);
        break;
    default:
        break;
    }
}

void monitor_init_hmp(Chardev *chr, bool use_readline, Error **errp)
{
    Monitor *mon;

    monitor_init_globals();
    mon = g_new0(Monitor, 1);
    if (!qemu_chr_fe_init(&mon->chr, chr, errp)) {
        g_free(mon);
        return;
    }
    monitor_data_init(mon, false);
    mon->use_readline = use_readline;
    mon->linebuf = g_string_new(NULL);
    if (use_readline) {
        mon->rs = readline_init(monitor_readline_printf,
                                monitor_readline_flush, mon, hmp_completion);
        readline_start(mon->rs, "(qemu) ", 0, hmp_read_line, NULL);
    }
    qemu_chr_fe_set_handlers(&mon->chr, hmp_can_read, hmp_read, hmp_event,
                             NULL, mon, NULL, true);
}

/* A monitor with no chardev, for human-monitor-command. */
Monitor *monitor_new_capture(void)
{
    Monitor *mon = g_new0(Monitor, 1);

    mon->outbuf = g_string_new(NULL);
    mon->linebuf = g_string_new(NULL);
    mon->closed = true;         /* never flushed to a chardev */
    return mon;
}

char *monitor_free_capture(Monitor *mon)
{
    char *out = g_string_free(mon->outbuf, false);

    g_string_free(mon->linebuf, true);
    g_free(mon);
    return out;
}
