/*
 * Hubs for the legacy -net option: every packet a port receives from
 * its peer is sent on by all the other ports of the same hub.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/iov.h"
#include "net/net.h"
#include "clients.h"

typedef struct NetHub NetHub;

typedef struct NetHubPort {
    NetClientState nc;
    QLIST_ENTRY(NetHubPort) next;
    NetHub *hub;
    int id;
} NetHubPort;

struct NetHub {
    int id;
    QLIST_ENTRY(NetHub) next;
    int num_ports;
    QLIST_HEAD(, NetHubPort) ports;
};

static QLIST_HEAD(, NetHub) hubs = QLIST_HEAD_INITIALIZER(&hubs);

const QemuOptDesc net_hubport_desc[] = {
    { .name = "type", .type = QEMU_OPT_STRING },
    { .name = "id", .type = QEMU_OPT_STRING },
    { .name = "hubid", .type = QEMU_OPT_NUMBER },
    { .name = "netdev", .type = QEMU_OPT_STRING },
    { /* end */ }
};

static ssize_t net_hub_receive_iov(NetHub *hub, NetHubPort *source_port,
                                   const struct iovec *iov, int iovcnt)
{
    NetHubPort *port;
    ssize_t len = iov_size(iov, iovcnt);

    QLIST_FOREACH(port, &hub->ports, next) {
        if (port == source_port) {
            continue;
        }
        qemu_sendv_packet(&port->nc, iov, iovcnt);
    }
    return len;
}

static bool net_hub_port_can_receive(NetClientState *nc)
{
    NetHubPort *src = DO_UPCAST(NetHubPort, nc, nc);
    NetHubPort *port;

    /* Busy if any other port's peer is busy, so nothing is lost. */
    QLIST_FOREACH(port, &src->hub->ports, next) {
        if (port == src) {
            continue;
        }
        if (qemu_can_send_packet(&port->nc)) {
            return true;
        }
    }
    return false;
}

static ssize_t net_hub_port_receive_iov(NetClientState *nc,
                                        const struct iovec *iov, int iovcnt)
{
    NetHubPort *port = DO_UPCAST(NetHubPort, nc, nc);

    return net_hub_receive_iov(port->hub, port, iov, iovcnt);
}

static void net_hub_port_cleanup(NetClientState *nc)
{
    NetHubPort *port = DO_UPCAST(NetHubPort, nc, nc);

    QLIST_REMOVE(port, next);
}

static NetClientInfo net_hub_port_info = {
    .type = NET_CLIENT_DRIVER_HUBPORT,
    .size = sizeof(NetHubPort),
    .can_receive = net_hub_port_can_receive,
    .receive_iov = net_hub_port_receive_iov,
    .cleanup = net_hub_port_cleanup,
};

static NetHub *net_hub_find(int id, bool create)
{
    NetHub *hub;

    QLIST_FOREACH(hub, &hubs, next) {
        if (hub->id == id) {
            return hub;
        }
    }
    if (!create) {
        return NULL;
    }
    hub = g_new0(NetHub, 1);
    hub->id = id;
    QLIST_INIT(&hub->ports);
    QLIST_INSERT_HEAD(&hubs, hub, next);
    return hub;
}

NetClientState *net_hub_add_port(int hub_id, const char *name,
                                 NetClientState *hubpeer)
{
    NetHub *hub = net_hub_find(hub_id, true);
    NetHubPort *port;
    g_autofree char *default_name = NULL;
    NetClientState *nc;
    int id = hub->num_ports++;

    if (!name) {
        default_name = g_strdup_printf("hub%dport%d", hub_id, id);
        name = default_name;
    }
    nc = qemu_new_net_client(&net_hub_port_info, hubpeer, "hub", name);
    port = DO_UPCAST(NetHubPort, nc, nc);
    port->id = id;
    port->hub = hub;
    /* Newest first, as "info network" lists them in QEMU. */
    QLIST_INSERT_HEAD(&hub->ports, port, next);
    return nc;
}

int net_init_hubport(QemuOpts *opts, const char *name,
                     NetClientState *peer, Error **errp)
{
    const char *netdev = qemu_opt_get(opts, "netdev");
    NetClientState *hubpeer = NULL;

    if (!qemu_opt_find(opts, "hubid")) {
        error_setg(errp, "Parameter 'hubid' is missing");
        return -1;
    }
    if (netdev) {
        hubpeer = qemu_find_netdev(netdev);
        if (!hubpeer) {
            error_setg(errp, "netdev '%s' not found", netdev);
            return -1;
        }
        if (hubpeer->peer) {
            error_setg(errp, "netdev '%s' is already in use", netdev);
            return -1;
        }
    }
    net_hub_add_port(qemu_opt_get_number(opts, "hubid", 0), name, hubpeer);
    return 0;
}

int net_hub_id_for_client(NetClientState *nc, int *id)
{
    NetHubPort *port;

    if (nc->info->type == NET_CLIENT_DRIVER_HUBPORT) {
        port = DO_UPCAST(NetHubPort, nc, nc);
    } else if (nc->peer && nc->peer->info->type == NET_CLIENT_DRIVER_HUBPORT) {
        port = DO_UPCAST(NetHubPort, nc, nc->peer);
    } else {
        return -ENOENT;
    }
    if (id) {
        *id = port->hub->id;
    }
    return 0;
}

void net_hub_info(GString *buf)
{
    NetHub *hub;
    NetHubPort *port;

    QLIST_FOREACH(hub, &hubs, next) {
        g_string_append_printf(buf, "hub %d\n", hub->id);
        QLIST_FOREACH(port, &hub->ports, next) {
            g_string_append_printf(buf, " \\ %s", port->nc.name);
            if (port->nc.peer) {
                g_string_append(buf, ": ");
                net_print_client(buf, port->nc.peer);
            } else {
                g_string_append(buf, "\n");
            }
        }
    }
}

void net_hub_check_clients(void)
{
    NetHub *hub;
    NetHubPort *port;

    QLIST_FOREACH(hub, &hubs, next) {
        int has_nic = 0, has_host_dev = 0;

        QLIST_FOREACH(port, &hub->ports, next) {
            NetClientState *peer = port->nc.peer;

            if (!peer) {
                continue;
            }
            if (peer->info->type == NET_CLIENT_DRIVER_NIC) {
                has_nic = 1;
            } else if (peer->info->type != NET_CLIENT_DRIVER_HUBPORT) {
                has_host_dev = 1;
            }
        }
        if (has_host_dev && !has_nic) {
            warn_report("hub %d with no nics", hub->id);
        }
        if (has_nic && !has_host_dev) {
            warn_report("hub %d is not connected to host network", hub->id);
        }
    }
}

bool net_hub_flush(NetClientState *nc)
{
    NetHubPort *source_port = DO_UPCAST(NetHubPort, nc, nc);
    NetHubPort *port;
    uint32_t ret = 0;

    QLIST_FOREACH(port, &source_port->hub->ports, next) {
        if (port != source_port) {
            ret += qemu_net_queue_flush(port->nc.incoming_queue);
        }
    }
    return ret;
}
