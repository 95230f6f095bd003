/*
 * HMP commands of the net core: "info network" (text built in net.c),
 * "set_link NAME on|off", "netdev_add TYPE,id=ID,...", "netdev_del ID".
 * The monitor passes the rest of the line as "arg".
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qmp/qdict.h"
#include "qemu/config-file.h"
#include "qemu/option.h"
#include "monitor/monitor.h"
#include "monitor/hmp.h"
#include "net/net.h"

static const char *net_hmp_arg(const QDict *qdict)
{
    const char *arg = qdict_get_try_str(qdict, "arg");

    return arg ? arg : "";
}

void hmp_info_network(Monitor *mon, const QDict *qdict)
{
    g_autofree char *text = qemu_net_info_string();

    monitor_printf(mon, "%s", text);
}

void hmp_set_link(Monitor *mon, const QDict *qdict)
{
    g_auto(GStrv) words = g_strsplit_set(net_hmp_arg(qdict), " \t", -1);
    const char *w[2] = { NULL, NULL };
    Error *err = NULL;
    int i, n = 0;
    bool up;

    for (i = 0; words[i]; i++) {
        if (*words[i] && n < 2) {
            w[n++] = words[i];
        }
    }
    if (n < 2) {
        monitor_printf(mon, "usage: set_link name on|off\n");
        return;
    }
    if (!strcmp(w[1], "on")) {
        up = true;
    } else if (!strcmp(w[1], "off")) {
        up = false;
    } else {
        monitor_printf(mon, "Expected 'on' or 'off'\n");
        return;
    }
    qmp_set_link(w[0], up, &err);
    hmp_handle_error(mon, err);
}

void hmp_netdev_add(Monitor *mon, const QDict *qdict)
{
    Error *err = NULL;
    QemuOpts *opts;

    opts = qemu_opts_parse_noisily(qemu_find_opts("netdev"),
                                   net_hmp_arg(qdict), true);
    if (!opts) {
        return;
    }
    netdev_add(opts, &err);
    if (err) {
        qemu_opts_del(opts);
    }
    hmp_handle_error(mon, err);
}

void hmp_netdev_del(Monitor *mon, const QDict *qdict)
{
    g_autofree char *id = g_strstrip(g_strdup(net_hmp_arg(qdict)));
    Error *err = NULL;

    qmp_netdev_del(id, &err);
    hmp_handle_error(mon, err);
}
