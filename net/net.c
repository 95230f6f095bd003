/*
 * Net core: client registry, peer wiring, packet delivery, NIC MAC
 * address defaults, info strings, and the -netdev/-nic/-net options.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/cutils.h"
#include "qemu/iov.h"
#include "qemu/main-loop.h"
#include "qemu/module.h"
#include "qemu/config-file.h"
#include "qemu/help_option.h"
#include "qapi/util.h"
#include "qapi/qmp/qjson.h"
#include "qapi/qmp/qdict.h"
#include "qapi/qmp/qobject.h"
#include "sysemu/runstate.h"
#include "net/net.h"
#include "net/queue.h"
#include "clients.h"

static QTAILQ_HEAD(, NetClientState) net_clients =
    QTAILQ_HEAD_INITIALIZER(net_clients);

int nb_nics;
NICInfo nd_table[MAX_NICS];

static VMChangeStateEntry *net_change_state_entry;

static const char *const net_client_driver_names[] = {
    [NET_CLIENT_DRIVER_NONE] = "none",
    [NET_CLIENT_DRIVER_NIC] = "nic",
    [NET_CLIENT_DRIVER_USER] = "user",
    [NET_CLIENT_DRIVER_TAP] = "tap",
    [NET_CLIENT_DRIVER_L2TPV3] = "l2tpv3",
    [NET_CLIENT_DRIVER_SOCKET] = "socket",
    [NET_CLIENT_DRIVER_STREAM] = "stream",
    [NET_CLIENT_DRIVER_DGRAM] = "dgram",
    [NET_CLIENT_DRIVER_VDE] = "vde",
    [NET_CLIENT_DRIVER_BRIDGE] = "bridge",
    [NET_CLIENT_DRIVER_HUBPORT] = "hubport",
    [NET_CLIENT_DRIVER_NETMAP] = "netmap",
    [NET_CLIENT_DRIVER_VHOST_USER] = "vhost-user",
    [NET_CLIENT_DRIVER_VHOST_VDPA] = "vhost-vdpa",
};

const QEnumLookup NetClientDriver_lookup = {
    .array = net_client_driver_names,
    .size = NET_CLIENT_DRIVER__MAX,
};

/* ---- MAC addresses ------------------------------------------------ */

/*
 * QEMU hands out 52:54:00:12:34:56, :57, ... to NICs without mac=; the
 * last byte's use count is kept so user-chosen addresses in that range
 * are skipped and freed ones are reused.
 */
static int mac_table[256];

static int qemu_macaddr_get_free(void)
{
    int index;

    for (index = 0x56; index < 0xFF; index++) {
        if (mac_table[index] == 0) {
            return index;
        }
    }
    return -1;
}

static bool macaddr_in_default_range(const MACAddr *m)
{
    static const uint8_t base[5] = { 0x52, 0x54, 0x00, 0x12, 0x34 };

    return memcmp(m->a, base, sizeof(base)) == 0;
}

static void qemu_macaddr_set_used(MACAddr *m)
{
    if (macaddr_in_default_range(m)) {
        mac_table[m->a[5]]++;
    }
}

static void qemu_macaddr_set_free(MACAddr *m)
{
    if (macaddr_in_default_range(m) && mac_table[m->a[5]] > 0) {
        mac_table[m->a[5]]--;
    }
}

void qemu_macaddr_default_if_unset(MACAddr *macaddr)
{
    static const MACAddr zero = { .a = { 0 } };
    int index;

    if (memcmp(macaddr, &zero, sizeof(zero)) != 0) {
        qemu_macaddr_set_used(macaddr);
        return;
    }
    index = qemu_macaddr_get_free();
    if (index < 0) {
        index = 0xff;       /* range exhausted: share the last one */
    }
    macaddr->a[0] = 0x52;
    macaddr->a[1] = 0x54;
    macaddr->a[2] = 0x00;
    macaddr->a[3] = 0x12;
    macaddr->a[4] = 0x34;
    macaddr->a[5] = index;
    qemu_macaddr_set_used(macaddr);
}

int net_parse_macaddr(uint8_t *macaddr, const char *p)
{
    int i;

    for (i = 0; i < 6; i++) {
        char *end;
        unsigned long v;

        if (!g_ascii_isxdigit(p[0])) {
            return -1;
        }
        v = strtoul(p, &end, 16);
        if (v > 0xff || end - p > 2) {
            return -1;
        }
        macaddr[i] = v;
        if (i == 5) {
            return *end ? -1 : 0;
        }
        if (*end != ':' && *end != '-') {
            return -1;
        }
        p = end + 1;
    }
    return -1;
}

/* ---- info strings ------------------------------------------------- */

void qemu_set_info_str(NetClientState *nc, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(nc->info_str, sizeof(nc->info_str), fmt, ap);
    va_end(ap);
}

void qemu_format_nic_info_str(NetClientState *nc, uint8_t macaddr[6])
{
    qemu_set_info_str(nc, "model=%s,macaddr=%02x:%02x:%02x:%02x:%02x:%02x",
                      nc->model, macaddr[0], macaddr[1], macaddr[2],
                      macaddr[3], macaddr[4], macaddr[5]);
}

/* "<model>.<n>": first free index among clients named after @model. */
static char *assign_name(NetClientState *nc1, const char *model)
{
    NetClientState *nc;
    int id = 0;

    QTAILQ_FOREACH(nc, &net_clients, next) {
        if (nc == nc1) {
            continue;
        }
        if (strcmp(nc->model, model) == 0) {
            id++;
        }
    }
    return g_strdup_printf("%s.%d", model, id);
}

/* ---- clients ------------------------------------------------------ */

static void qemu_net_client_destructor(NetClientState *nc)
{
    g_free(nc);
}

static void qemu_net_client_setup(NetClientState *nc, NetClientInfo *info,
                                  NetClientState *peer, const char *model,
                                  const char *name,
                                  NetClientDestructor *destructor,
                                  bool is_datapath)
{
    nc->info = info;
    nc->model = g_strdup(model);
    nc->name = name ? g_strdup(name) : assign_name(nc, model);
    if (peer) {
        assert(!peer->peer);
        nc->peer = peer;
        peer->peer = nc;
    }
    QTAILQ_INSERT_TAIL(&net_clients, nc, next);
    nc->incoming_queue = qemu_new_net_queue(qemu_deliver_packet_iov, nc);
    nc->destructor = destructor;
    nc->is_datapath = is_datapath;
}

NetClientState *qemu_new_net_client(NetClientInfo *info,
                                    NetClientState *peer,
                                    const char *model,
                                    const char *name)
{
    NetClientState *nc;

    assert(info->size >= sizeof(NetClientState));
    nc = g_malloc0(info->size);
    qemu_net_client_setup(nc, info, peer, model, name,
                          qemu_net_client_destructor, true);
    return nc;
}

NICState *qemu_new_nic(NetClientInfo *info, NICConf *conf,
                       const char *model, const char *name, void *opaque)
{
    NetClientState **peers = conf->peers.ncs;
    NICState *nic;
    int i, queues = MAX(1, conf->peers.queues);

    assert(info->type == NET_CLIENT_DRIVER_NIC);
    assert(info->size >= sizeof(NICState));
    nic = g_malloc0(info->size + sizeof(NetClientState) * queues);
    nic->ncs = (void *)nic + info->size;
    nic->conf = conf;
    nic->opaque = opaque;
    for (i = 0; i < queues; i++) {
        qemu_net_client_setup(&nic->ncs[i], info, peers[i], model, name,
                              NULL, true);
        nic->ncs[i].queue_index = i;
    }
    return nic;
}

NetClientState *qemu_get_subqueue(NICState *nic, int queue_index)
{
    return nic->ncs + queue_index;
}

NetClientState *qemu_get_queue(NICState *nic)
{
    return qemu_get_subqueue(nic, 0);
}

NICState *qemu_get_nic(NetClientState *nc)
{
    NetClientState *nc0 = nc - nc->queue_index;

    return (NICState *)((void *)nc0 - nc->info->size);
}

void *qemu_get_nic_opaque(NetClientState *nc)
{
    return qemu_get_nic(nc)->opaque;
}

NetClientState *qemu_get_peer(NetClientState *nc, int queue_index)
{
    assert(nc != NULL);
    return (nc + queue_index)->peer;
}

static void qemu_cleanup_net_client(NetClientState *nc)
{
    QTAILQ_REMOVE(&net_clients, nc, next);
    if (nc->info->cleanup) {
        nc->info->cleanup(nc);
    }
}

static void qemu_free_net_client(NetClientState *nc)
{
    if (nc->incoming_queue) {
        qemu_del_net_queue(nc->incoming_queue);
    }
    if (nc->peer) {
        nc->peer->peer = NULL;
    }
    g_free(nc->name);
    g_free(nc->model);
    if (nc->destructor) {
        nc->destructor(nc);
    }
}

void qemu_del_net_client(NetClientState *nc)
{
    NetClientState *ncs[MAX_QUEUE_NUM];
    int queues, i;

    assert(nc->info->type != NET_CLIENT_DRIVER_NIC);
    /* A multiqueue back end goes away with all its queues. */
    queues = qemu_find_net_clients_except(nc->name, ncs,
                                          NET_CLIENT_DRIVER_NIC,
                                          MAX_QUEUE_NUM);
    assert(queues != 0);

    /*
     * A NIC's back end only loses its peer: the NIC model keeps
     * running with link down until it is unplugged itself.
     */
    if (nc->peer && nc->peer->info->type == NET_CLIENT_DRIVER_NIC) {
        NICState *nic = qemu_get_nic(nc->peer);

        if (nic->peer_deleted) {
            return;
        }
        nic->peer_deleted = true;
        for (i = 0; i < queues; i++) {
            ncs[i]->peer->link_down = true;
        }
        if (nc->peer->info->link_status_changed) {
            nc->peer->info->link_status_changed(nc->peer);
        }
        for (i = 0; i < queues; i++) {
            qemu_cleanup_net_client(ncs[i]);
        }
        return;
    }
    for (i = 0; i < queues; i++) {
        qemu_cleanup_net_client(ncs[i]);
        qemu_free_net_client(ncs[i]);
    }
}

void qemu_del_nic(NICState *nic)
{
    int i, queues = MAX(nic->conf->peers.queues, 1);

    qemu_macaddr_set_free(&nic->conf->macaddr);
    for (i = 0; i < queues; i++) {
        NetClientState *nc = qemu_get_subqueue(nic, i);

        /* A back end already deleted while we held it is freed now. */
        if (nic->peer_deleted) {
            qemu_free_net_client(nc->peer);
        } else if (nc->peer) {
            qemu_purge_queued_packets(nc->peer);
        }
    }
    for (i = queues - 1; i >= 0; i--) {
        NetClientState *nc = qemu_get_subqueue(nic, i);

        qemu_cleanup_net_client(nc);
        qemu_free_net_client(nc);
    }
    g_free(nic);
}

void qemu_foreach_nic(qemu_nic_foreach func, void *opaque)
{
    NetClientState *nc, *next;

    QTAILQ_FOREACH_SAFE(nc, &net_clients, next, next) {
        if (nc->info->type == NET_CLIENT_DRIVER_NIC && nc->queue_index == 0) {
            func(qemu_get_nic(nc), opaque);
        }
    }
}

NetClientState *qemu_find_netdev(const char *id)
{
    NetClientState *nc;

    QTAILQ_FOREACH(nc, &net_clients, next) {
        if (nc->info->type == NET_CLIENT_DRIVER_NIC) {
            continue;
        }
        if (!strcmp(nc->name, id)) {
            return nc;
        }
    }
    return NULL;
}

int qemu_find_net_clients_except(const char *id, NetClientState **ncs,
                                 NetClientDriver type, int max)
{
    NetClientState *nc;
    int ret = 0;

    QTAILQ_FOREACH(nc, &net_clients, next) {
        if (nc->info->type == type) {
            continue;
        }
        if (!id || !strcmp(nc->name, id)) {
            if (ret < max) {
                ncs[ret] = nc;
            }
            ret++;
        }
    }
    return ret;
}

/* ---- vnet header / offload pass-throughs -------------------------- */

bool qemu_has_ufo(NetClientState *nc)
{
    return nc && nc->info->has_ufo && nc->info->has_ufo(nc);
}

bool qemu_has_vnet_hdr(NetClientState *nc)
{
    return nc && nc->info->has_vnet_hdr && nc->info->has_vnet_hdr(nc);
}

bool qemu_has_vnet_hdr_len(NetClientState *nc, int len)
{
    return nc && nc->info->has_vnet_hdr_len &&
           nc->info->has_vnet_hdr_len(nc, len);
}

bool qemu_get_using_vnet_hdr(NetClientState *nc)
{
    return nc && nc->info->get_using_vnet_hdr &&
           nc->info->get_using_vnet_hdr(nc);
}

void qemu_using_vnet_hdr(NetClientState *nc, bool enable)
{
    if (nc && nc->info->using_vnet_hdr) {
        nc->info->using_vnet_hdr(nc, enable);
    }
}

void qemu_set_offload(NetClientState *nc, int csum, int tso4, int tso6,
                      int ecn, int ufo)
{
    if (nc && nc->info->set_offload) {
        nc->info->set_offload(nc, csum, tso4, tso6, ecn, ufo);
    }
}

int qemu_get_vnet_hdr_len(NetClientState *nc)
{
    if (nc && nc->info->get_vnet_hdr_len) {
        return nc->info->get_vnet_hdr_len(nc);
    }
    return 0;
}

void qemu_set_vnet_hdr_len(NetClientState *nc, int len)
{
    if (nc && nc->info->set_vnet_hdr_len) {
        nc->vnet_hdr_len = len;
        nc->info->set_vnet_hdr_len(nc, len);
    }
}

/* ---- packet delivery ---------------------------------------------- */

int qemu_can_receive_packet(NetClientState *nc)
{
    if (nc->receive_disabled) {
        return 0;
    }
    if (nc->info->can_receive && !nc->info->can_receive(nc)) {
        return 0;
    }
    return 1;
}

int qemu_can_send_packet(NetClientState *sender)
{
    /* A stopped VM's NICs must not see traffic: hold it back. */
    if (!runstate_is_running()) {
        return 0;
    }
    if (!sender->peer) {
        return 1;
    }
    return qemu_can_receive_packet(sender->peer);
}

ssize_t qemu_deliver_packet_iov(NetClientState *sender, unsigned flags,
                                const struct iovec *iov, int iovcnt,
                                void *opaque)
{
    NetClientState *nc = opaque;
    size_t size = iov_size(iov, iovcnt);
    ssize_t ret;

    if (nc->link_down) {
        return size;
    }
    if (nc->receive_disabled) {
        return 0;
    }
    if ((flags & QEMU_NET_PACKET_FLAG_RAW) && nc->info->receive_raw) {
        uint8_t *buf = g_malloc(size);

        iov_to_buf(iov, iovcnt, 0, buf, size);
        ret = nc->info->receive_raw(nc, buf, size);
        g_free(buf);
    } else if (nc->info->receive_iov) {
        ret = nc->info->receive_iov(nc, iov, iovcnt);
    } else if (nc->info->receive) {
        if (iovcnt == 1) {
            ret = nc->info->receive(nc, iov[0].iov_base, iov[0].iov_len);
        } else {
            uint8_t *buf = g_malloc(size);

            iov_to_buf(iov, iovcnt, 0, buf, size);
            ret = nc->info->receive(nc, buf, size);
            g_free(buf);
        }
    } else {
        ret = size;         /* nothing to receive with: sink */
    }
    if (ret == 0) {
        nc->receive_disabled = 1;
    }
    return ret;
}

static ssize_t qemu_send_packet_async_with_flags(NetClientState *sender,
                                                 unsigned flags,
                                                 const struct iovec *iov,
                                                 int iovcnt,
                                                 NetPacketSent *sent_cb)
{
    if (sender->link_down || !sender->peer) {
        return iov_size(iov, iovcnt);
    }
    return qemu_net_queue_send_iov(sender->peer->incoming_queue, sender,
                                   flags, iov, iovcnt, sent_cb);
}

ssize_t qemu_send_packet_async(NetClientState *sender, const uint8_t *buf,
                               int size, NetPacketSent *sent_cb)
{
    struct iovec iov = { .iov_base = (void *)buf, .iov_len = size };

    return qemu_send_packet_async_with_flags(sender, QEMU_NET_PACKET_FLAG_NONE,
                                             &iov, 1, sent_cb);
}

ssize_t qemu_send_packet(NetClientState *nc, const uint8_t *buf, int size)
{
    return qemu_send_packet_async(nc, buf, size, NULL);
}

ssize_t qemu_receive_packet(NetClientState *nc, const uint8_t *buf, int size)
{
    if (!qemu_can_receive_packet(nc)) {
        return 0;
    }
    return qemu_net_queue_receive(nc->incoming_queue, buf, size);
}

ssize_t qemu_send_packet_raw(NetClientState *nc, const uint8_t *buf, int size)
{
    struct iovec iov = { .iov_base = (void *)buf, .iov_len = size };

    return qemu_send_packet_async_with_flags(nc, QEMU_NET_PACKET_FLAG_RAW,
                                             &iov, 1, NULL);
}

ssize_t qemu_sendv_packet_async(NetClientState *sender,
                                const struct iovec *iov, int iovcnt,
                                NetPacketSent *sent_cb)
{
    return qemu_send_packet_async_with_flags(sender, QEMU_NET_PACKET_FLAG_NONE,
                                             iov, iovcnt, sent_cb);
}

ssize_t qemu_sendv_packet(NetClientState *nc, const struct iovec *iov,
                          int iovcnt)
{
    return qemu_sendv_packet_async(nc, iov, iovcnt, NULL);
}

void qemu_purge_queued_packets(NetClientState *nc)
{
    if (!nc->peer) {
        return;
    }
    qemu_net_queue_purge(nc->peer->incoming_queue, nc);
}

void qemu_flush_or_purge_queued_packets(NetClientState *nc, bool purge)
{
    nc->receive_disabled = 0;

    if (nc->peer && nc->peer->info->type == NET_CLIENT_DRIVER_HUBPORT) {
        if (net_hub_flush(nc->peer)) {
            qemu_notify_event();
        }
    }
    if (qemu_net_queue_flush(nc->incoming_queue)) {
        /* Senders waiting on their sent_cb may be able to go on. */
        qemu_notify_event();
    } else if (purge) {
        qemu_net_queue_purge(nc->incoming_queue, nc->peer);
    }
}

void qemu_flush_queued_packets(NetClientState *nc)
{
    qemu_flush_or_purge_queued_packets(nc, false);
}

static void net_vm_change_state_handler(void *opaque, bool running,
                                        RunState state)
{
    NetClientState *nc;

    if (!running) {
        return;
    }
    /* Packets held back while the VM was stopped go out now. */
    QTAILQ_FOREACH(nc, &net_clients, next) {
        if (qemu_can_receive_packet(nc)) {
            qemu_flush_queued_packets(nc);
        }
    }
}

/* ---- CRC (multicast hash filters) --------------------------------- */

uint32_t net_crc32(const uint8_t *p, int len)
{
    uint32_t crc = 0xffffffff;
    int i, j;

    for (i = 0; i < len; i++) {
        uint8_t b = p[i];

        for (j = 0; j < 8; j++) {
            int carry = ((crc & 0x80000000L) ? 1 : 0) ^ (b & 0x01);

            crc <<= 1;
            b >>= 1;
            if (carry) {
                crc = ((crc ^ POLYNOMIAL_BE) | carry);
            }
        }
    }
    return crc;
}

uint32_t net_crc32_le(const uint8_t *p, int len)
{
    uint32_t crc = 0xffffffff;
    int i, j;

    for (i = 0; i < len; i++) {
        crc ^= p[i];
        for (j = 0; j < 8; j++) {
            crc = (crc >> 1) ^ ((crc & 1) ? POLYNOMIAL_LE : 0);
        }
    }
    return crc;
}

/* ---- monitor data ------------------------------------------------- */

void net_print_client(GString *buf, NetClientState *nc)
{
    g_string_append_printf(buf, "%s: index=%d,type=%s,%s\n", nc->name,
                           nc->queue_index,
                           qapi_enum_lookup(&NetClientDriver_lookup,
                                            nc->info->type),
                           nc->info_str);
}

void hmp_info_network_print(GString *buf)
{
    NetClientState *nc;

    net_hub_info(buf);
    QTAILQ_FOREACH(nc, &net_clients, next) {
        NetClientState *peer = nc->peer;
        NetClientDriver type = nc->info->type;

        /* Clients on a hub were listed under it. */
        if (net_hub_id_for_client(nc, NULL) == 0) {
            continue;
        }
        if (!peer || type == NET_CLIENT_DRIVER_NIC) {
            net_print_client(buf, nc);
        }
        if (peer && type == NET_CLIENT_DRIVER_NIC) {
            g_string_append(buf, " \\ ");
            net_print_client(buf, peer);
        }
    }
}

char *qemu_net_info_string(void)
{
    GString *buf = g_string_new("");

    hmp_info_network_print(buf);
    return g_string_free(buf, false);
}

void qapi_free_RxFilterInfo(RxFilterInfo *info)
{
    if (!info) {
        return;
    }
    g_free(info->name);
    g_free(info->main_mac);
    if (info->vlan_table) {
        g_ptr_array_free(info->vlan_table, true);
    }
    if (info->unicast_table) {
        g_ptr_array_free(info->unicast_table, true);
    }
    if (info->multicast_table) {
        g_ptr_array_free(info->multicast_table, true);
    }
    g_free(info);
}

GPtrArray *qmp_query_rx_filter_list(bool has_name, const char *name,
                                    Error **errp)
{
    GPtrArray *list = g_ptr_array_new_with_free_func(
        (GDestroyNotify)qapi_free_RxFilterInfo);
    NetClientState *nc;

    QTAILQ_FOREACH(nc, &net_clients, next) {
        RxFilterInfo *info;

        if (has_name && strcmp(nc->name, name) != 0) {
            continue;
        }
        /* Only NIC models have receive filters. */
        if (nc->info->type != NET_CLIENT_DRIVER_NIC) {
            if (has_name) {
                error_setg(errp, "net client(%s) isn't a NIC", name);
                g_ptr_array_free(list, true);
                return NULL;
            }
            continue;
        }
        /* The filter is per NIC: queue 0 answers for all of them. */
        if (nc->queue_index != 0) {
            continue;
        }
        /* As QEMU: asking restarts the NIC's change notification. */
        nc->rxfilter_notify_enabled = 1;
        if (nc->info->query_rx_filter) {
            info = nc->info->query_rx_filter(nc);
            g_ptr_array_add(list, info);
        } else if (has_name) {
            error_setg(errp, "net client(%s) doesn't support rx-filter querying",
                       name);
            g_ptr_array_free(list, true);
            return NULL;
        }
        if (has_name) {
            break;
        }
    }
    if (list->len == 0 && has_name) {
        error_setg(errp, "invalid net client name: %s", name);
        g_ptr_array_free(list, true);
        return NULL;
    }
    return list;
}

void qmp_set_link(const char *name, bool up, Error **errp)
{
    NetClientState *ncs[MAX_QUEUE_NUM];
    NetClientState *nc;
    int queues, i;

    queues = qemu_find_net_clients_except(name, ncs, NET_CLIENT_DRIVER__MAX,
                                          MAX_QUEUE_NUM);
    if (queues == 0) {
        error_set(errp, ERROR_CLASS_DEVICE_NOT_FOUND,
                  "Device '%s' not found", name);
        return;
    }
    nc = ncs[0];
    for (i = 0; i < queues; i++) {
        ncs[i]->link_down = !up;
    }
    if (nc->info->link_status_changed) {
        nc->info->link_status_changed(nc);
    }
    if (nc->peer) {
        /*
         * A NIC's back end follows the NIC's link; a back end's NIC
         * does too, except behind a hub (other ports keep their link).
         */
        if (nc->peer->info->type == NET_CLIENT_DRIVER_NIC) {
            NICState *nic = qemu_get_nic(nc->peer);
            int nq = MAX(nic->conf->peers.queues, 1);

            for (i = 0; i < nq; i++) {
                nic->ncs[i].link_down = !up;
            }
        } else if (nc->info->type == NET_CLIENT_DRIVER_NIC) {
            for (i = 0; i < queues; i++) {
                if (ncs[i]->peer) {
                    ncs[i]->peer->link_down = !up;
                }
            }
        }
        if (nc->peer->info->link_status_changed) {
            nc->peer->info->link_status_changed(nc->peer);
        }
    }
}

/* ---- back-end table ----------------------------------------------- */

typedef struct NetBackendType {
    NetClientDriver type;
    NetClientInitFunc *init;
    const QemuOptDesc *desc;
} NetBackendType;

static const NetBackendType net_backends[] = {
    { NET_CLIENT_DRIVER_HUBPORT, net_init_hubport, net_hubport_desc },
    { NET_CLIENT_DRIVER_SOCKET, net_init_socket, net_socket_desc },
    { NET_CLIENT_DRIVER_STREAM, net_init_stream, net_stream_desc },
    { NET_CLIENT_DRIVER_TAP, net_init_tap, net_tap_desc },
#ifdef CONFIG_SLIRP
    { NET_CLIENT_DRIVER_USER, net_init_slirp, net_slirp_desc },
#endif
};

static const NetBackendType *net_backend_find(const char *name)
{
    int i;

    for (i = 0; i < ARRAY_SIZE(net_backends); i++) {
        const char *n = qapi_enum_lookup(&NetClientDriver_lookup,
                                         net_backends[i].type);

        if (!strcmp(n, name)) {
            return &net_backends[i];
        }
    }
    return NULL;
}

bool net_client_driver_available(NetClientDriver type)
{
    return net_backend_find(qapi_enum_lookup(&NetClientDriver_lookup,
                                             type)) != NULL;
}

bool net_opt_get_bool(QemuOpts *opts, const char *name, bool def)
{
    return qemu_opt_get_bool(opts, name, def);
}

/* Options every -netdev accepts besides its type's own. */
#define NET_COMMON_DESC \
    { .name = "type", .type = QEMU_OPT_STRING }, \
    { .name = "id", .type = QEMU_OPT_STRING }

static const QemuOptDesc nic_extra_desc[] = {
    { .name = "model", .type = QEMU_OPT_STRING },
    { .name = "mac", .type = QEMU_OPT_STRING },
    { /* end */ }
};

static const QemuOptDesc net_legacy_nic_desc[] = {
    NET_COMMON_DESC,
    { .name = "name", .type = QEMU_OPT_STRING },
    { .name = "netdev", .type = QEMU_OPT_STRING },
    { .name = "macaddr", .type = QEMU_OPT_STRING },
    { .name = "model", .type = QEMU_OPT_STRING },
    { .name = "addr", .type = QEMU_OPT_STRING },
    { .name = "vectors", .type = QEMU_OPT_NUMBER },
    { /* end */ }
};

static const QemuOptDesc net_none_desc[] = {
    NET_COMMON_DESC,
    { /* end */ }
};

/*
 * Validate @opts against @desc plus @extra (may be NULL).  The options
 * keep pointers into the merged table, so each table is built once and
 * lives as long as the process.
 */
static bool net_opts_validate(QemuOpts *opts, const QemuOptDesc *desc,
                              const QemuOptDesc *extra, Error **errp)
{
    static GHashTable *merged;
    g_autofree char *key = g_strdup_printf("%p/%p", desc, extra);
    QemuOptDesc *all;
    size_t n = 0, m = 0, i;

    if (!merged) {
        merged = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                       g_free);
    }
    all = g_hash_table_lookup(merged, key);
    if (!all) {
        while (desc[n].name) {
            n++;
        }
        while (extra && extra[m].name) {
            m++;
        }
        all = g_new0(QemuOptDesc, n + m + 1);
        for (i = 0; i < n; i++) {
            all[i] = desc[i];
        }
        for (i = 0; i < m; i++) {
            all[n + i] = extra[i];
        }
        g_hash_table_insert(merged, g_steal_pointer(&key), all);
    }
    /* Every type's list already holds "type" and "id". */
    return qemu_opts_validate(opts, all, errp);
}

static int net_client_init1(QemuOpts *opts, bool is_netdev, const char *id,
                            NetClientState *peer, const QemuOptDesc *extra,
                            Error **errp)
{
    const char *type = qemu_opt_get(opts, "type");
    const NetBackendType *be;

    if (!type) {
        error_setg(errp, "Parameter 'type' is missing");
        return -1;
    }
    be = net_backend_find(type);
    if (!be || (is_netdev && be->type == NET_CLIENT_DRIVER_NIC)) {
        error_setg(errp, "Parameter 'type' does not accept value '%s'", type);
        return -1;
    }
    if (!net_opts_validate(opts, be->desc, extra, errp)) {
        return -1;
    }
    if (is_netdev && qemu_find_netdev(id)) {
        error_setg(errp, "Duplicate ID '%s' for netdev", id);
        return -1;
    }
    return be->init(opts, id, peer, errp);
}

int net_init_netdev(void *dummy, QemuOpts *opts, Error **errp)
{
    const char *type = qemu_opt_get(opts, "type");
    const char *id = qemu_opts_id(opts);

    if (!type) {
        error_setg(errp, "Parameter 'type' is missing");
        return -1;
    }
    if (!net_backend_find(type) || !strcmp(type, "none") ||
        !strcmp(type, "nic")) {
        error_setg(errp, "Parameter 'type' does not accept value '%s'", type);
        return -1;
    }
    if (!id) {
        error_setg(errp, "Parameter 'id' is missing");
        return -1;
    }
    return net_client_init1(opts, true, id, NULL, NULL, errp);
}

void netdev_add(QemuOpts *opts, Error **errp)
{
    net_init_netdev(NULL, opts, errp);
}

void qmp_netdev_del(const char *id, Error **errp)
{
    NetClientState *nc = qemu_find_netdev(id);
    QemuOpts *opts;

    if (!nc) {
        error_set(errp, ERROR_CLASS_DEVICE_NOT_FOUND,
                  "Device '%s' not found", id);
        return;
    }
    if (nc->info->type == NET_CLIENT_DRIVER_HUBPORT && nc->peer) {
        error_setg(errp, "Device '%s' is a hub port in use", id);
        return;
    }
    qemu_del_net_client(nc);
    /* Let the id be used again by a later netdev_add. */
    opts = qemu_opts_find(qemu_find_opts_err("netdev", NULL), id);
    if (opts) {
        qemu_opts_del(opts);
    }
}

/* -nic TYPE[,model=M][,mac=A][,backend options]: back end + nd_table. */
static int net_param_nic(void *dummy, QemuOpts *opts, Error **errp)
{
    const char *type = qemu_opt_get(opts, "type");
    const char *model = qemu_opt_get(opts, "model");
    const char *mac = qemu_opt_get(opts, "mac");
    NICInfo *ni;
    int idx;

    if (type && !strcmp(type, "none")) {
        return 0;       /* "-nic none": no default NIC, nothing else */
    }
    if (model && is_help_option(model)) {
        static const char *const models[] = { "e1000", "e1000-82540em",
                                              "virtio-net-pci", NULL };
        qemu_show_nic_models(model, models);
        exit(0);
    }
    if (nb_nics >= MAX_NICS) {
        error_setg(errp, "too many NICs");
        return -1;
    }
    idx = nb_nics;
    ni = &nd_table[idx];
    memset(ni, 0, sizeof(*ni));
    if (type) {
        g_autofree char *id = g_strdup_printf("__org.qemu.nic%d", idx);

        if (net_client_init1(opts, true, id, NULL, nic_extra_desc, errp) < 0) {
            return -1;
        }
        ni->netdev = qemu_find_netdev(id);
        assert(ni->netdev);
    }
    if (mac && net_parse_macaddr(ni->macaddr.a, mac) < 0) {
        error_setg(errp, "invalid syntax for ethernet address");
        return -1;
    }
    if (mac && (ni->macaddr.a[0] & 1)) {
        error_setg(errp, "NIC cannot have multicast MAC address");
        return -1;
    }
    qemu_macaddr_default_if_unset(&ni->macaddr);
    ni->model = g_strdup(model);
    ni->used = 1;
    ni->nvectors = -1;      /* DEV_NVECTORS_UNSPECIFIED */
    nb_nics++;
    return 0;
}

/* -net nic|none|TYPE: legacy hub-based setup on hub 0. */
static int net_init_client(void *dummy, QemuOpts *opts, Error **errp)
{
    const char *type = qemu_opt_get(opts, "type");
    NetClientState *port;

    if (!type) {
        error_setg(errp, "Parameter 'type' is missing");
        return -1;
    }
    if (!strcmp(type, "none")) {
        return net_opts_validate(opts, net_none_desc, NULL, errp) ? 0 : -1;
    }
    if (!strcmp(type, "nic")) {
        const char *netdev = qemu_opt_get(opts, "netdev");
        const char *macaddr = qemu_opt_get(opts, "macaddr");
        const char *model = qemu_opt_get(opts, "model");
        NICInfo *nd;

        if (!net_opts_validate(opts, net_legacy_nic_desc, NULL, errp)) {
            return -1;
        }
        if (model && is_help_option(model)) {
            static const char *const models[] = { "e1000", "e1000-82540em",
                                                  "virtio-net-pci", NULL };
            qemu_show_nic_models(model, models);
            exit(0);
        }
        if (nb_nics >= MAX_NICS) {
            error_setg(errp, "too many NICs");
            return -1;
        }
        nd = &nd_table[nb_nics];
        memset(nd, 0, sizeof(*nd));
        if (netdev) {
            nd->netdev = qemu_find_netdev(netdev);
            if (!nd->netdev) {
                error_setg(errp, "netdev '%s' not found", netdev);
                return -1;
            }
        } else {
            nd->netdev = net_hub_add_port(0, NULL, NULL);
        }
        if (macaddr && net_parse_macaddr(nd->macaddr.a, macaddr) < 0) {
            error_setg(errp, "invalid syntax for ethernet address");
            return -1;
        }
        if (macaddr && (nd->macaddr.a[0] & 1)) {
            error_setg(errp, "NIC cannot have multicast MAC address");
            return -1;
        }
        qemu_macaddr_default_if_unset(&nd->macaddr);
        nd->model = g_strdup(model);
        nd->name = g_strdup(qemu_opt_get(opts, "name"));
        nd->devaddr = g_strdup(qemu_opt_get(opts, "addr"));
        nd->nvectors = qemu_opt_get_number(opts, "vectors", -1);
        nd->used = 1;
        nb_nics++;
        return 0;
    }
    if (!net_backend_find(type) || !strcmp(type, "hubport")) {
        error_setg(errp, "Parameter 'type' does not accept value '%s'", type);
        return -1;
    }
    {
        /* The back end is named by name=/id= or after its type. */
        static const QemuOptDesc name_desc[] = {
            { .name = "name", .type = QEMU_OPT_STRING },
            { /* end */ }
        };
        const char *name = qemu_opt_get(opts, "name");
        const char *id = qemu_opts_id(opts);
        g_autofree char *auto_name = NULL;

        if (!name) {
            name = id;
        }
        if (!name) {
            NetClientState *nc;
            int n = 0;

            QTAILQ_FOREACH(nc, &net_clients, next) {
                if (!strcmp(nc->model, type)) {
                    n++;
                }
            }
            auto_name = g_strdup_printf("%s.%d", type, n);
            name = auto_name;
        }
        port = net_hub_add_port(0, NULL, NULL);
        return net_client_init1(opts, false, name, port, name_desc, errp);
    }
}

/*
 * -netdev/-nic/-net VALUE: key=value form, or for -netdev the JSON
 * object form libvirt uses ({"type":"tap","id":"net0","fd":"25"}),
 * whose nested members ("addr": {...}) become dotted keys.
 */
/* -netdev help: the back ends this binary has, in QEMU's order. */
static void show_netdevs(void)
{
    static const char *const order[] = {
        "socket", "stream", "dgram", "hubport", "tap", "user", "l2tpv3",
        "vde", "bridge", "vhost-user", "vhost-vdpa",
    };
    int i;

    printf("Available netdev backend types:\n");
    for (i = 0; i < ARRAY_SIZE(order); i++) {
        if (net_backend_find(order[i])) {
            printf("%s\n", order[i]);
        }
    }
}

int net_client_parse(QemuOptsList *opts_list, const char *optarg)
{
    if (is_help_option(optarg)) {
        show_netdevs();
        exit(0);
    }
    if (netdev_is_modern(optarg)) {
        Error *err = NULL;
        QObject *obj = qobject_from_json(optarg, &err);
        QDict *args = obj ? qobject_to(QDict, obj) : NULL;
        QemuOpts *opts = NULL;

        if (obj && !args) {
            error_setg(&err, "JSON argument must be an object");
        }
        if (args) {
            qdict_flatten(args);
            opts = qemu_opts_from_qdict(opts_list, args, &err);
        }
        qobject_unref(obj);
        if (!opts) {
            error_report_err(err);
            return -1;
        }
        return 0;
    }
    if (!qemu_opts_parse_noisily(opts_list, optarg, true)) {
        return -1;
    }
    return 0;
}

bool netdev_is_modern(const char *optarg)
{
    return optarg[0] == '{';
}

int net_init_clients(Error **errp)
{
    if (!net_change_state_entry) {
        net_change_state_entry =
            qemu_add_vm_change_state_handler(net_vm_change_state_handler,
                                             NULL);
    }
    if (qemu_opts_foreach(qemu_find_opts("netdev"), net_init_netdev, NULL,
                          errp)) {
        return -1;
    }
    if (qemu_opts_foreach(qemu_find_opts("nic"), net_param_nic, NULL, errp)) {
        return -1;
    }
    if (qemu_opts_foreach(qemu_find_opts("net"), net_init_client, NULL,
                          errp)) {
        return -1;
    }
    return 0;
}

void net_check_clients(void)
{
    NetClientState *nc;
    int i;

    net_hub_check_clients();
    QTAILQ_FOREACH(nc, &net_clients, next) {
        if (!nc->peer) {
            warn_report("%s %s has no peer",
                        nc->info->type == NET_CLIENT_DRIVER_NIC
                        ? "nic" : "netdev",
                        nc->name);
        }
    }
    /* NICs the board never created (e.g. no PCI bus). */
    for (i = 0; i < MAX_NICS; i++) {
        NICInfo *nd = &nd_table[i];

        if (nd->used && !nd->instantiated) {
            warn_report("requested NIC (%s, model %s) was not created "
                        "(not supported by this machine?)",
                        nd->name ? nd->name : "anonymous",
                        nd->model ? nd->model : "unspecified");
        }
    }
}

void net_cleanup(void)
{
    NetClientState *nc;

    /* Back ends first; NICs go with their devices. */
    while ((nc = QTAILQ_FIRST(&net_clients)) != NULL) {
        if (nc->info->type == NET_CLIENT_DRIVER_NIC) {
            qemu_del_nic(qemu_get_nic(nc));
        } else {
            qemu_del_net_client(nc);
        }
    }
    if (net_change_state_entry) {
        qemu_del_vm_change_state_handler(net_change_state_entry);
        net_change_state_entry = NULL;
    }
}

int qemu_show_nic_models(const char *arg, const char *const *models)
{
    int i;

    if (!arg || !is_help_option(arg)) {
        return 0;
    }
    printf("Available NIC models:\n");
    for (i = 0; models[i]; i++) {
        printf("%s\n", models[i]);
    }
    return 1;
}

int qemu_find_nic_model(NICInfo *nd, const char *const *models,
                        const char *default_model)
{
    int i;

    if (!nd->model) {
        nd->model = g_strdup(default_model);
    }
    for (i = 0; models[i]; i++) {
        if (strcmp(nd->model, models[i]) == 0) {
            return i;
        }
    }
    error_report("Unsupported NIC model: %s", nd->model);
    return -1;
}

/* ---- option groups ------------------------------------------------ */

QemuOptsList qemu_netdev_opts = {
    .name = "netdev",
    .implied_opt_name = "type",
    .head = QTAILQ_HEAD_INITIALIZER(qemu_netdev_opts.head),
    .desc = {
        /* validated per back-end type by net_init_netdev */
        { /* end of list */ }
    },
};

QemuOptsList qemu_nic_opts = {
    .name = "nic",
    .implied_opt_name = "type",
    .head = QTAILQ_HEAD_INITIALIZER(qemu_nic_opts.head),
    .desc = {
        { /* end of list */ }
    },
};

QemuOptsList qemu_net_opts = {
    .name = "net",
    .implied_opt_name = "type",
    .head = QTAILQ_HEAD_INITIALIZER(qemu_net_opts.head),
    .desc = {
        { /* end of list */ }
    },
};

static void net_register_opts(void)
{
    qemu_add_opts(&qemu_netdev_opts);
    qemu_add_opts(&qemu_nic_opts);
    qemu_add_opts(&qemu_net_opts);
}
opts_init(net_register_opts);
