/*
 * QMP side of the net core: query-rx-filter's answer as QObjects and
 * netdev_add's arguments (QEMU's flat Netdev union) turned into the
 * same QemuOpts -netdev builds, so both paths validate alike.
 * set_link and netdev_del are qmp_set_link()/qmp_netdev_del() in net.c.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qmp/qdict.h"
#include "qapi/qmp/qlist.h"
#include "qapi/qmp/qnum.h"
#include "qapi/qmp/qbool.h"
#include "qapi/qmp/qstring.h"
#include "qapi/qapi-commands.h"
#include "qemu/config-file.h"
#include "net/net.h"

static const char *const rx_state_names[] = { "normal", "none", "all" };

static const char *rx_state(int v)
{
    return v >= 0 && v < 3 ? rx_state_names[v] : "normal";
}

static QList *str_table(GPtrArray *a)
{
    QList *l = qlist_new();
    guint i;

    for (i = 0; a && i < a->len; i++) {
        qlist_append_str(l, g_ptr_array_index(a, i));
    }
    return l;
}

/* Same members, same order as QEMU's reply. */
static QDict *rx_filter_to_qdict(RxFilterInfo *info)
{
    QDict *d = qdict_new();
    QList *vlans = qlist_new();
    guint i;

    for (i = 0; info->vlan_table && i < info->vlan_table->len; i++) {
        qlist_append_int(vlans,
                         GPOINTER_TO_UINT(g_ptr_array_index(info->vlan_table,
                                                            i)));
    }
    qdict_put_bool(d, "promiscuous", info->promiscuous);
    qdict_put_str(d, "name", info->name);
    qdict_put_str(d, "main-mac", info->main_mac ? info->main_mac : "");
    qdict_put_str(d, "unicast", rx_state(info->unicast));
    qdict_put_str(d, "vlan", rx_state(info->vlan));
    qdict_put(d, "vlan-table", vlans);
    qdict_put(d, "unicast-table", str_table(info->unicast_table));
    qdict_put_str(d, "multicast", rx_state(info->multicast));
    qdict_put_bool(d, "multicast-overflow", info->multicast_overflow);
    qdict_put_bool(d, "unicast-overflow", info->unicast_overflow);
    qdict_put(d, "multicast-table", str_table(info->multicast_table));
    qdict_put_bool(d, "broadcast-allowed", info->broadcast_allowed);
    return d;
}

QList *qmp_query_rx_filter(bool has_name, const char *name, Error **errp)
{
    GPtrArray *infos = qmp_query_rx_filter_list(has_name, name, errp);
    QList *list;
    guint i;

    if (!infos) {
        return NULL;
    }
    list = qlist_new();
    for (i = 0; i < infos->len; i++) {
        qlist_append(list, rx_filter_to_qdict(g_ptr_array_index(infos, i)));
    }
    g_ptr_array_free(infos, true);
    return list;
}

void qmp_netdev_add(QDict *args, QObject **ret, Error **errp)
{
    g_autoptr(QDict) flat = qdict_clone_shallow(args);
    Error *err = NULL;
    QemuOpts *opts;

    /* stream's addr: {...} becomes addr.type, addr.path ... */
    qdict_flatten(flat);
    if (!qdict_haskey(flat, "id")) {
        error_setg(errp, "Parameter 'id' is missing");
        return;
    }
    opts = qemu_opts_from_qdict(qemu_find_opts_err("netdev", errp), flat,
                                &err);
    if (!opts) {
        error_propagate(errp, err);
        return;
    }
    netdev_add(opts, &err);
    if (err) {
        qemu_opts_del(opts);
        error_propagate(errp, err);
    }
}
