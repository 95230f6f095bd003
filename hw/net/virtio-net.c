/*
 * virtio-net device model.
 *
 * Queues: rx0, tx0, rx1, tx1 ... (one pair per back-end queue), then the
 * control queue.  Frames the guest transmits are popped by a bottom half
 * and handed to the peer with qemu_sendv_packet_async(); a peer that
 * cannot take more holds the element until its sent callback.  Frames
 * from the peer are copied into the guest's receive buffers (several
 * with VIRTIO_NET_F_MRG_RXBUF); without buffers the net layer queues
 * them and the guest's next rx kick flushes the queue.
 *
 * The guest's header (virtio_net_hdr, 10 or 12 bytes) is forwarded to a
 * peer that speaks it (tap with vnet_hdr); otherwise it is dropped on
 * tx and a zeroed one is made up on rx, and no offloads are offered.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/iov.h"
#include "qemu/log.h"
#include "qemu/main-loop.h"
#include "qemu/module.h"
#include "qemu/bswap.h"
#include "hw/qdev-properties.h"
#include "hw/virtio/virtio-net.h"
#include "net/eth.h"
#include "qapi/qapi-commands.h"
#include "sysemu/sysemu.h"

#define VNET_HDR_NUM_BUFFERS_OFS 10

/* Offloads the guest accepts; handed to the peer (tap) as is. */
#define GUEST_OFFLOADS_MASK ((1ULL << VIRTIO_NET_F_GUEST_CSUM) | \
                             (1ULL << VIRTIO_NET_F_GUEST_TSO4) | \
                             (1ULL << VIRTIO_NET_F_GUEST_TSO6) | \
                             (1ULL << VIRTIO_NET_F_GUEST_ECN) | \
                             (1ULL << VIRTIO_NET_F_GUEST_UFO))

/* Config space grows with the features that need its fields. */
static size_t virtio_net_config_size(uint64_t features)
{
    size_t size = offsetof(struct virtio_net_config, status);

    if (features & (1ULL << VIRTIO_NET_F_STATUS)) {
        size = offsetof(struct virtio_net_config, max_virtqueue_pairs);
    }
    if (features & (1ULL << VIRTIO_NET_F_MQ)) {
        size = offsetof(struct virtio_net_config, mtu);
    }
    if (features & (1ULL << VIRTIO_NET_F_MTU)) {
        size = offsetof(struct virtio_net_config, speed);
    }
    if (features & (1ULL << VIRTIO_NET_F_SPEED_DUPLEX)) {
        size = offsetof(struct virtio_net_config, rss_max_key_size);
    }
    return size;
}

static VirtIONetQueue *virtio_net_get_subqueue(NetClientState *nc)
{
    VirtIONet *n = qemu_get_nic_opaque(nc);

    return &n->vqs[nc->queue_index];
}

static int vq2q(int queue_index)
{
    return queue_index / 2;
}

static NetClientState *nc_peer(VirtIONet *n, int i)
{
    return qemu_get_subqueue(n->nic, i)->peer;
}

/* ---- NIC_RX_FILTER_CHANGED ------------------------------------------ */

static void rxfilter_notify(NetClientState *nc)
{
    VirtIONet *n = qemu_get_nic_opaque(nc);

    /* One event until query-rx-filter re-enables it, as QEMU. */
    if (nc->rxfilter_notify_enabled) {
        g_autofree char *path = object_get_canonical_path(OBJECT(n->qdev));

        qapi_event_send_nic_rx_filter_changed(n->netclient_name != NULL,
                                              n->netclient_name, path);
        nc->rxfilter_notify_enabled = 0;
    }
}

static RxFilterInfo *virtio_net_query_rxfilter(NetClientState *nc)
{
    VirtIONet *n = qemu_get_nic_opaque(nc);
    VirtIODevice *vdev = VIRTIO_DEVICE(n);
    RxFilterInfo *info = g_new0(RxFilterInfo, 1);
    uint32_t i;
    int vid;

    info->name = g_strdup(nc->name);
    info->promiscuous = n->promisc;
    info->unicast = n->nouni ? 1 : n->alluni ? 2 : 0;
    info->multicast = n->nomulti ? 1 : n->allmulti ? 2 : 0;
    /* QEMU reports the "no broadcast" flag under this name. */
    info->broadcast_allowed = n->nobcast;
    info->multicast_overflow = n->mac_table.multi_overflow;
    info->unicast_overflow = n->mac_table.uni_overflow;
    info->main_mac = g_strdup_printf("%02x:%02x:%02x:%02x:%02x:%02x",
                                     n->mac[0], n->mac[1], n->mac[2],
                                     n->mac[3], n->mac[4], n->mac[5]);
    info->unicast_table = g_ptr_array_new_with_free_func(g_free);
    info->multicast_table = g_ptr_array_new_with_free_func(g_free);
    for (i = 0; i < n->mac_table.in_use; i++) {
        uint8_t *m = &n->mac_table.macs[i * ETH_ALEN];

        g_ptr_array_add(i < n->mac_table.first_multi ? info->unicast_table
                                                     : info->multicast_table,
                        g_strdup_printf("%02x:%02x:%02x:%02x:%02x:%02x",
                                        m[0], m[1], m[2], m[3], m[4], m[5]));
    }
    info->vlan = virtio_vdev_has_feature(vdev, VIRTIO_NET_F_CTRL_VLAN) ?
                 0 : 2;
    /* Highest id first, as QEMU lists them. */
    info->vlan_table = g_ptr_array_new();
    for (vid = MAX_VLAN - 1; vid >= 0; vid--) {
        if (n->vlans[vid >> 5] & (1U << (vid & 0x1f))) {
            g_ptr_array_add(info->vlan_table, GUINT_TO_POINTER(vid));
        }
    }
    nc->rxfilter_notify_enabled = 1;
    return info;
}

static bool virtio_net_can_receive(NetClientState *nc);

/* ---- config space, status, link ----------------------------------- */

static void virtio_net_get_config(VirtIODevice *vdev, uint8_t *config)
{
    VirtIONet *n = VIRTIO_NET(vdev);
    struct virtio_net_config cfg = { 0 };

    memcpy(cfg.mac, n->mac, ETH_ALEN);
    cfg.status = cpu_to_le16(n->status);
    cfg.max_virtqueue_pairs = cpu_to_le16(n->max_queue_pairs);
    cfg.mtu = cpu_to_le16(n->net_conf.mtu);
    cfg.speed = cpu_to_le32(n->net_conf.speed);
    cfg.duplex = n->net_conf.duplex;
    memcpy(config, &cfg, n->config_size);
}

static void virtio_net_set_config(VirtIODevice *vdev, const uint8_t *config)
{
    VirtIONet *n = VIRTIO_NET(vdev);

    /* Legacy drivers without CTRL_MAC_ADDR set the MAC by writing it. */
    if (!virtio_vdev_has_feature(vdev, VIRTIO_NET_F_CTRL_MAC_ADDR) &&
        !virtio_vdev_has_feature(vdev, VIRTIO_F_VERSION_1) &&
        memcmp(config, n->mac, ETH_ALEN)) {
        memcpy(n->mac, config, ETH_ALEN);
        qemu_format_nic_info_str(qemu_get_queue(n->nic), n->mac);
    }
}

static bool virtio_net_started(VirtIONet *n, uint8_t status)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(n);

    return (status & VIRTIO_CONFIG_S_DRIVER_OK) &&
           (n->status & VIRTIO_NET_S_LINK_UP) && vdev->vm_running;
}

static void virtio_net_rx_flush_bh(void *opaque)
{
    VirtIONet *n = opaque;
    int i;

    for (i = 0; i < n->curr_queue_pairs; i++) {
        NetClientState *nc = qemu_get_subqueue(n->nic, i);

        if (virtio_net_can_receive(nc)) {
            qemu_flush_queued_packets(nc);
        }
    }
}

/* Forget the frame the peer still holds (the driver went away). */
static void virtio_net_drop_async_tx(VirtIONet *n, int i)
{
    VirtIONetQueue *q = &n->vqs[i];
    VirtQueueElement *elem = q->async_tx_elem;

    if (!elem) {
        return;
    }
    /* Cleared first: the purge calls the sent callback. */
    q->async_tx_elem = NULL;
    qemu_purge_queued_packets(qemu_get_subqueue(n->nic, i));
    virtqueue_detach_element(q->tx_vq, elem, 0);
    g_free(elem);
}

static void virtio_net_set_status(VirtIODevice *vdev, uint8_t status)
{
    VirtIONet *n = VIRTIO_NET(vdev);
    int i;

    for (i = 0; i < n->max_queue_pairs; i++) {
        VirtIONetQueue *q = &n->vqs[i];
        bool started = i < n->curr_queue_pairs &&
                       virtio_net_started(n, status);

        if (started) {
            /*
             * Frames held while we could not take them may go now; the
             * core records the new status after this call, so later.
             */
            qemu_bh_schedule(n->rx_flush_bh);
            if (q->tx_waiting) {
                qemu_bh_schedule(q->tx_bh);
            }
        } else {
            if (q->tx_waiting) {
                qemu_bh_cancel(q->tx_bh);
            }
            if (!(status & VIRTIO_CONFIG_S_DRIVER_OK)) {
                virtio_net_drop_async_tx(n, i);
            }
        }
    }
}

static void virtio_net_vm_state_change(void *opaque, bool running,
                                       RunState state)
{
    VirtIONet *n = opaque;
    VirtIODevice *vdev = VIRTIO_DEVICE(n);

    /* The core's own handler may run after us: its flag, set early. */
    vdev->vm_running = running;
    virtio_net_set_status(vdev, vdev->status);
}

static void virtio_net_set_link_status(NetClientState *nc)
{
    VirtIONet *n = qemu_get_nic_opaque(nc);
    VirtIODevice *vdev = VIRTIO_DEVICE(n);
    uint16_t old_status = n->status;

    if (nc->link_down) {
        n->status &= ~VIRTIO_NET_S_LINK_UP;
    } else {
        n->status |= VIRTIO_NET_S_LINK_UP;
    }
    if (n->status != old_status) {
        virtio_notify_config(vdev);
    }
    virtio_net_set_status(vdev, vdev->status);
}

/* ---- features -------------------------------------------------------- */

static uint64_t virtio_net_get_features(VirtIODevice *vdev, uint64_t features,
                                        Error **errp)
{
    VirtIONet *n = VIRTIO_NET(vdev);

    features |= n->host_features;
    virtio_add_feature(&features, VIRTIO_NET_F_MAC);
    if (!n->has_vnet_hdr) {
        /* Offloads need the header to reach the other side. */
        features &= ~((1ULL << VIRTIO_NET_F_CSUM) |
                      (1ULL << VIRTIO_NET_F_HOST_TSO4) |
                      (1ULL << VIRTIO_NET_F_HOST_TSO6) |
                      (1ULL << VIRTIO_NET_F_HOST_ECN) |
                      (1ULL << VIRTIO_NET_F_HOST_UFO) |
                      GUEST_OFFLOADS_MASK);
    }
    if (!n->has_vnet_hdr || !n->has_ufo) {
        features &= ~((1ULL << VIRTIO_NET_F_GUEST_UFO) |
                      (1ULL << VIRTIO_NET_F_HOST_UFO));
    }
    return features;
}

static void virtio_net_apply_guest_offloads(VirtIONet *n)
{
    uint64_t o = n->curr_guest_offloads;
    int i;

    for (i = 0; i < n->max_queue_pairs; i++) {
        qemu_set_offload(nc_peer(n, i),
                         !!(o & (1ULL << VIRTIO_NET_F_GUEST_CSUM)),
                         !!(o & (1ULL << VIRTIO_NET_F_GUEST_TSO4)),
                         !!(o & (1ULL << VIRTIO_NET_F_GUEST_TSO6)),
                         !!(o & (1ULL << VIRTIO_NET_F_GUEST_ECN)),
                         !!(o & (1ULL << VIRTIO_NET_F_GUEST_UFO)));
    }
}

static void virtio_net_set_mrg_rx_bufs(VirtIONet *n, bool mergeable,
                                       bool version_1)
{
    int i;

    n->mergeable_rx_bufs = mergeable;
    /* VERSION_1 always carries num_buffers. */
    n->guest_hdr_len = (mergeable || version_1) ?
                       sizeof(struct virtio_net_hdr_mrg_rxbuf) :
                       sizeof(struct virtio_net_hdr);
    for (i = 0; i < n->max_queue_pairs; i++) {
        NetClientState *peer = nc_peer(n, i);

        if (n->has_vnet_hdr && qemu_has_vnet_hdr_len(peer, n->guest_hdr_len)) {
            qemu_set_vnet_hdr_len(peer, n->guest_hdr_len);
            n->host_hdr_len = n->guest_hdr_len;
        }
    }
}

static void virtio_net_set_multiqueue(VirtIONet *n, int multiqueue)
{
    n->multiqueue = multiqueue;
    if (!multiqueue) {
        n->curr_queue_pairs = 1;
    }
}

static void virtio_net_set_features(VirtIODevice *vdev, uint64_t features)
{
    VirtIONet *n = VIRTIO_NET(vdev);

    virtio_net_set_multiqueue(n, virtio_has_feature(features,
                                                    VIRTIO_NET_F_MQ));
    virtio_net_set_mrg_rx_bufs(n,
        virtio_has_feature(features, VIRTIO_NET_F_MRG_RXBUF),
        virtio_has_feature(features, VIRTIO_F_VERSION_1));
    if (n->has_vnet_hdr) {
        n->curr_guest_offloads = features & GUEST_OFFLOADS_MASK;
        virtio_net_apply_guest_offloads(n);
    }
    /* Without the VLAN filter every VLAN passes. */
    memset(n->vlans, virtio_has_feature(features, VIRTIO_NET_F_CTRL_VLAN) ?
           0 : 0xff, MAX_VLAN >> 3);
}

/* ---- receive --------------------------------------------------------- */

static bool virtio_net_can_receive(NetClientState *nc)
{
    VirtIONet *n = qemu_get_nic_opaque(nc);
    VirtIODevice *vdev = VIRTIO_DEVICE(n);
    VirtIONetQueue *q = virtio_net_get_subqueue(nc);

    if (!vdev->vm_running || vdev->broken) {
        return false;
    }
    if (nc->queue_index >= n->curr_queue_pairs) {
        return false;
    }
    return virtio_queue_ready(q->rx_vq) &&
           (vdev->status & VIRTIO_CONFIG_S_DRIVER_OK);
}

/* Whether the guest wants @buf (destination MAC and VLAN filters). */
static bool receive_filter(VirtIONet *n, const uint8_t *buf, size_t size)
{
    uint32_t i;

    if (n->promisc) {
        return true;
    }
    if (size < ETH_HLEN) {
        return false;
    }
    if (lduw_be_p(buf + 12) == ETH_P_VLAN && size >= ETH_HLEN + 4) {
        int vid = lduw_be_p(buf + 14) & 0xfff;

        if (!(n->vlans[vid >> 5] & (1U << (vid & 0x1f)))) {
            return false;
        }
    }
    if (is_multicast_ether_addr(buf)) {
        if (is_broadcast_ether_addr(buf)) {
            return !n->nobcast;
        }
        if (n->nomulti) {
            return false;
        }
        if (n->allmulti || n->mac_table.multi_overflow) {
            return true;
        }
        for (i = n->mac_table.first_multi; i < n->mac_table.in_use; i++) {
            if (!memcmp(buf, &n->mac_table.macs[i * ETH_ALEN], ETH_ALEN)) {
                return true;
            }
        }
        return false;
    }
    if (n->nouni) {
        return false;
    }
    if (n->alluni || n->mac_table.uni_overflow ||
        !memcmp(buf, n->mac, ETH_ALEN)) {
        return true;
    }
    for (i = 0; i < n->mac_table.first_multi; i++) {
        if (!memcmp(buf, &n->mac_table.macs[i * ETH_ALEN], ETH_ALEN)) {
            return true;
        }
    }
    return false;
}

/* Copy @bytes of @src from @src_off into @dst; returns bytes copied. */
static size_t iov_to_iov(const struct iovec *dst, unsigned int dst_cnt,
                         const struct iovec *src, unsigned int src_cnt,
                         size_t src_off, size_t bytes)
{
    size_t done = 0;
    unsigned int i;

    for (i = 0; i < dst_cnt && done < bytes; i++) {
        size_t want = MIN(dst[i].iov_len, bytes - done);
        size_t got = iov_to_buf(src, src_cnt, src_off + done,
                                dst[i].iov_base, want);

        done += got;
        if (got < want) {
            break;
        }
    }
    return done;
}

static void rx_unpop_all(VirtQueue *vq, VirtQueueElement **elems, int count)
{
    while (count-- > 0) {
        virtqueue_unpop(vq, elems[count], 0);
        g_free(elems[count]);
    }
}

/*
 * Pop enough rx buffers for @total bytes.  Returns the number popped,
 * 0 if the guest has not posted enough (nothing kept), -1 if the packet
 * must be dropped (too big without mergeable buffers), -2 after
 * virtio_error().
 */
static int rx_pop_buffers(VirtIONet *n, VirtQueue *vq,
                          VirtQueueElement **elems, size_t *caps,
                          size_t total)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(n);
    unsigned int max = virtio_queue_get_num(vdev, virtio_get_queue_index(vq));
    size_t have = 0;
    int count = 0;

    while (have < total) {
        VirtQueueElement *elem;

        if (count > 0 && !n->mergeable_rx_bufs) {
            rx_unpop_all(vq, elems, count);
            return -1;
        }
        if ((unsigned int)count >= max) {
            rx_unpop_all(vq, elems, count);
            return -1;
        }
        elem = virtqueue_pop(vq, sizeof(VirtQueueElement));
        if (!elem) {
            rx_unpop_all(vq, elems, count);
            return vdev->broken ? -2 : 0;
        }
        if (elem->in_num < 1) {
            virtio_error(vdev, "virtio-net receive queue contains no in "
                         "buffers");
            virtqueue_detach_element(vq, elem, 0);
            g_free(elem);
            rx_unpop_all(vq, elems, count);
            return -2;
        }
        caps[count] = iov_size(elem->in_sg, elem->in_num);
        if (caps[count] < n->guest_hdr_len &&
            (count == 0 || n->mergeable_rx_bufs)) {
            virtio_error(vdev, "virtio-net receive buffer of %zu bytes is "
                         "smaller than the %zu-byte header", caps[count],
                         n->guest_hdr_len);
            virtqueue_detach_element(vq, elem, 0);
            g_free(elem);
            rx_unpop_all(vq, elems, count);
            return -2;
        }
        elems[count++] = elem;
        have += caps[count - 1];
    }
    return count;
}

static ssize_t virtio_net_receive_iov(NetClientState *nc,
                                      const struct iovec *iov, int iovcnt)
{
    VirtIONet *n = qemu_get_nic_opaque(nc);
    VirtIONetQueue *q = virtio_net_get_subqueue(nc);
    VirtIODevice *vdev = VIRTIO_DEVICE(n);
    size_t size = iov_size(iov, iovcnt);
    uint8_t head[ETH_HLEN + 4];
    struct virtio_net_hdr_mrg_rxbuf hdr;
    g_autofree struct iovec *src = NULL;
    g_autofree VirtQueueElement **elems = NULL;
    g_autofree size_t *caps = NULL;
    unsigned int qsize;
    size_t payload, total, offset;
    int count, i, nsrc, attempt;

    if (!virtio_net_can_receive(nc)) {
        return -1;
    }
    if (size < n->host_hdr_len) {
        return size;                /* a peer's runt: nothing to deliver */
    }
    payload = size - n->host_hdr_len;
    memset(head, 0, sizeof(head));
    iov_to_buf(iov, iovcnt, n->host_hdr_len, head, sizeof(head));
    if (!receive_filter(n, head, MIN(payload, sizeof(head)))) {
        return size;
    }

    /* The guest's header: the peer's, or "nothing special" (zeroes). */
    memset(&hdr, 0, sizeof(hdr));
    if (n->host_hdr_len) {
        iov_to_buf(iov, iovcnt, 0, &hdr,
                   MIN(n->host_hdr_len, sizeof(struct virtio_net_hdr)));
    }
    hdr.num_buffers = cpu_to_le16(1);
    src = g_new(struct iovec, iovcnt + 1);
    src[0].iov_base = &hdr;
    src[0].iov_len = n->guest_hdr_len;
    nsrc = 1 + iov_copy(src + 1, iovcnt, iov, iovcnt, n->host_hdr_len,
                        payload);
    total = n->guest_hdr_len + payload;

    qsize = virtio_queue_get_num(vdev, virtio_get_queue_index(q->rx_vq));
    elems = g_new(VirtQueueElement *, qsize + 1);
    caps = g_new(size_t, qsize + 1);
    for (attempt = 0; ; attempt++) {
        count = rx_pop_buffers(n, q->rx_vq, elems, caps, total);
        if (count != 0) {
            break;
        }
        if (attempt) {
            /* Still short: wait for the guest's kick (handle_rx). */
            return 0;
        }
        /*
         * Ask for a kick when buffers are added, then look once more:
         * buffers posted before notifications were on sent no kick.
         */
        virtio_queue_set_notification(q->rx_vq, 1);
    }
    if (count == -1) {
        qemu_log_mask(LOG_GUEST_ERROR, "virtio-net: %zu-byte frame does not "
                      "fit the receive buffers, dropped\n", payload);
        return size;
    }
    if (count < 0) {
        return size;
    }
    virtio_queue_set_notification(q->rx_vq, 0);

    if (n->mergeable_rx_bufs) {
        hdr.num_buffers = cpu_to_le16(count);
    }
    offset = 0;
    for (i = 0; i < count; i++) {
        size_t len = iov_to_iov(elems[i]->in_sg, elems[i]->in_num, src, nsrc,
                                offset, MIN(caps[i], total - offset));

        virtqueue_fill(q->rx_vq, elems[i], len, i);
        offset += len;
        g_free(elems[i]);
    }
    virtqueue_flush(q->rx_vq, count);
    virtio_notify(vdev, q->rx_vq);
    return size;
}

static ssize_t virtio_net_receive(NetClientState *nc, const uint8_t *buf,
                                  size_t size)
{
    struct iovec iov = { .iov_base = (void *)buf, .iov_len = size };

    return virtio_net_receive_iov(nc, &iov, 1);
}

static void virtio_net_handle_rx(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIONet *n = VIRTIO_NET(vdev);
    int queue_index = vq2q(virtio_get_queue_index(vq));

    /* New buffers: deliver what the net layer held for us. */
    qemu_flush_queued_packets(qemu_get_subqueue(n->nic, queue_index));
}

/* ---- transmit -------------------------------------------------------- */

static int32_t virtio_net_flush_tx(VirtIONetQueue *q);

static void virtio_net_tx_complete(NetClientState *nc, ssize_t len)
{
    VirtIONet *n = qemu_get_nic_opaque(nc);
    VirtIONetQueue *q = virtio_net_get_subqueue(nc);
    VirtIODevice *vdev = VIRTIO_DEVICE(n);

    if (!q->async_tx_elem) {
        return;         /* purged by us: the driver is going away */
    }
    virtqueue_push(q->tx_vq, q->async_tx_elem, 0);
    virtio_notify(vdev, q->tx_vq);
    g_free(q->async_tx_elem);
    q->async_tx_elem = NULL;
    virtio_queue_set_notification(q->tx_vq, 1);
    if (virtio_net_flush_tx(q) > 0) {
        /* More is waiting: keep going from the bottom half. */
        virtio_queue_set_notification(q->tx_vq, 0);
        q->tx_waiting = 1;
        qemu_bh_schedule(q->tx_bh);
    }
}

/* Send up to tx_burst frames; -EBUSY when the peer is full, -EINVAL bad. */
static int32_t virtio_net_flush_tx(VirtIONetQueue *q)
{
    VirtIONet *n = q->n;
    VirtIODevice *vdev = VIRTIO_DEVICE(n);
    NetClientState *nc = qemu_get_subqueue(n->nic, vq2q(
                             virtio_get_queue_index(q->tx_vq)));
    int32_t num_packets = 0;

    if (!(vdev->status & VIRTIO_CONFIG_S_DRIVER_OK) || vdev->broken) {
        return num_packets;
    }
    if (q->async_tx_elem) {
        virtio_queue_set_notification(q->tx_vq, 0);
        return num_packets;
    }
    for (;;) {
        VirtQueueElement *elem = virtqueue_pop(q->tx_vq,
                                               sizeof(VirtQueueElement));
        g_autofree struct iovec *sg = NULL;
        size_t out_size;
        unsigned int sg_num;
        ssize_t ret;

        if (!elem) {
            break;
        }
        out_size = iov_size(elem->out_sg, elem->out_num);
        if (elem->out_num < 1 || out_size < n->guest_hdr_len) {
            virtio_error(vdev, "virtio-net header incorrect");
            virtqueue_detach_element(q->tx_vq, elem, 0);
            g_free(elem);
            return -EINVAL;
        }
        sg = g_new(struct iovec, 2 * elem->out_num + 1);
        if (n->host_hdr_len == n->guest_hdr_len) {
            sg_num = iov_copy(sg, elem->out_num, elem->out_sg, elem->out_num,
                              0, out_size);
        } else {
            /*
             * The peer wants no header (or a shorter one): pass on what
             * it takes of the guest's and then the frame.
             */
            sg_num = 0;
            if (n->host_hdr_len) {
                sg_num = iov_copy(sg, elem->out_num, elem->out_sg,
                                  elem->out_num, 0, n->host_hdr_len);
            }
            sg_num += iov_copy(sg + sg_num, elem->out_num + 1,
                               elem->out_sg, elem->out_num, n->guest_hdr_len,
                               out_size - n->guest_hdr_len);
        }
        ret = qemu_sendv_packet_async(nc, sg, sg_num,
                                      virtio_net_tx_complete);
        if (ret == 0) {
            virtio_queue_set_notification(q->tx_vq, 0);
            q->async_tx_elem = elem;
            return -EBUSY;
        }
        virtqueue_push(q->tx_vq, elem, 0);
        virtio_notify(vdev, q->tx_vq);
        g_free(elem);
        if (++num_packets >= n->net_conf.txburst) {
            break;
        }
    }
    return num_packets;
}

static void virtio_net_tx_bh(void *opaque)
{
    VirtIONetQueue *q = opaque;
    VirtIONet *n = q->n;
    VirtIODevice *vdev = VIRTIO_DEVICE(n);
    int32_t ret;

    if (vdev->broken) {
        q->tx_waiting = 0;
        return;
    }
    if (!vdev->vm_running) {
        return;         /* tx_waiting stays: resumed by the state change */
    }
    q->tx_waiting = 0;
    ret = virtio_net_flush_tx(q);
    if (ret == -EBUSY || ret == -EINVAL) {
        return;             /* sent callback or reset will resume */
    }
    if (ret >= n->net_conf.txburst) {
        /* Burst used up: come back later, let others run. */
        qemu_bh_schedule(q->tx_bh);
        q->tx_waiting = 1;
        return;
    }
    /* Ring drained: notifications on, then catch a race with the guest. */
    virtio_queue_set_notification(q->tx_vq, 1);
    ret = virtio_net_flush_tx(q);
    if (ret > 0) {
        virtio_queue_set_notification(q->tx_vq, 0);
        qemu_bh_schedule(q->tx_bh);
        q->tx_waiting = 1;
    }
}

static void virtio_net_handle_tx_bh(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIONet *n = VIRTIO_NET(vdev);
    VirtIONetQueue *q = &n->vqs[vq2q(virtio_get_queue_index(vq))];

    if (vdev->broken) {
        return;
    }
    if (q->tx_waiting) {
        return;
    }
    q->tx_waiting = 1;
    if (!vdev->vm_running) {
        return;         /* picked up by set_status on resume */
    }
    virtio_queue_set_notification(vq, 0);
    qemu_bh_schedule(q->tx_bh);
}

/* ---- control queue -------------------------------------------------- */

static int virtio_net_handle_rx_mode(VirtIONet *n, uint8_t cmd,
                                     struct iovec *iov, unsigned int iov_cnt)
{
    NetClientState *nc = qemu_get_queue(n->nic);
    uint8_t on;

    if (iov_to_buf(iov, iov_cnt, 0, &on, sizeof(on)) != sizeof(on)) {
        return VIRTIO_NET_ERR;
    }
    switch (cmd) {
    case VIRTIO_NET_CTRL_RX_PROMISC:
        n->promisc = on;
        break;
    case VIRTIO_NET_CTRL_RX_ALLMULTI:
        n->allmulti = on;
        break;
    case VIRTIO_NET_CTRL_RX_ALLUNI:
        n->alluni = on;
        break;
    case VIRTIO_NET_CTRL_RX_NOMULTI:
        n->nomulti = on;
        break;
    case VIRTIO_NET_CTRL_RX_NOUNI:
        n->nouni = on;
        break;
    case VIRTIO_NET_CTRL_RX_NOBCAST:
        n->nobcast = on;
        break;
    default:
        return VIRTIO_NET_ERR;
    }
    rxfilter_notify(nc);
    return VIRTIO_NET_OK;
}

/* One half of MAC_TABLE_SET: le32 count, then count addresses. */
static bool mac_table_part(struct iovec **iov, unsigned int *iov_cnt,
                           uint8_t *macs, uint32_t *in_use, uint8_t *overflow,
                           bool last)
{
    uint32_t entries;
    uint64_t bytes;

    if (iov_to_buf(*iov, *iov_cnt, 0, &entries, sizeof(entries)) !=
        sizeof(entries)) {
        return false;
    }
    iov_discard_front(iov, iov_cnt, sizeof(entries));
    entries = le32_to_cpu(entries);
    bytes = (uint64_t)entries * ETH_ALEN;
    if (last ? bytes != iov_size(*iov, *iov_cnt)
             : bytes > iov_size(*iov, *iov_cnt)) {
        return false;
    }
    if (entries <= MAC_TABLE_ENTRIES - *in_use) {
        iov_to_buf(*iov, *iov_cnt, 0, &macs[*in_use * ETH_ALEN], bytes);
        *in_use += entries;
    } else {
        *overflow = 1;
    }
    iov_discard_front(iov, iov_cnt, bytes);
    return true;
}

static int virtio_net_handle_mac(VirtIONet *n, uint8_t cmd,
                                 struct iovec *iov, unsigned int iov_cnt)
{
    NetClientState *nc = qemu_get_queue(n->nic);
    g_autofree uint8_t *macs = NULL;
    uint32_t in_use = 0, first_multi;
    uint8_t uni_overflow = 0, multi_overflow = 0;

    if (cmd == VIRTIO_NET_CTRL_MAC_ADDR_SET) {
        if (iov_size(iov, iov_cnt) != ETH_ALEN) {
            return VIRTIO_NET_ERR;
        }
        iov_to_buf(iov, iov_cnt, 0, n->mac, ETH_ALEN);
        qemu_format_nic_info_str(nc, n->mac);
        rxfilter_notify(nc);
        return VIRTIO_NET_OK;
    }
    if (cmd != VIRTIO_NET_CTRL_MAC_TABLE_SET) {
        return VIRTIO_NET_ERR;
    }
    macs = g_malloc0(MAC_TABLE_ENTRIES * ETH_ALEN);
    if (!mac_table_part(&iov, &iov_cnt, macs, &in_use, &uni_overflow,
                        false)) {
        return VIRTIO_NET_ERR;
    }
    first_multi = in_use;
    if (!mac_table_part(&iov, &iov_cnt, macs, &in_use, &multi_overflow,
                        true)) {
        return VIRTIO_NET_ERR;
    }
    n->mac_table.in_use = in_use;
    n->mac_table.first_multi = first_multi;
    n->mac_table.uni_overflow = uni_overflow;
    n->mac_table.multi_overflow = multi_overflow;
    memcpy(n->mac_table.macs, macs, MAC_TABLE_ENTRIES * ETH_ALEN);
    rxfilter_notify(nc);
    return VIRTIO_NET_OK;
}

static int virtio_net_handle_vlan_table(VirtIONet *n, uint8_t cmd,
                                        struct iovec *iov,
                                        unsigned int iov_cnt)
{
    uint16_t vid;

    if (iov_to_buf(iov, iov_cnt, 0, &vid, sizeof(vid)) != sizeof(vid)) {
        return VIRTIO_NET_ERR;
    }
    vid = le16_to_cpu(vid);
    if (vid >= MAX_VLAN) {
        return VIRTIO_NET_ERR;
    }
    if (cmd == VIRTIO_NET_CTRL_VLAN_ADD) {
        n->vlans[vid >> 5] |= 1U << (vid & 0x1f);
    } else if (cmd == VIRTIO_NET_CTRL_VLAN_DEL) {
        n->vlans[vid >> 5] &= ~(1U << (vid & 0x1f));
    } else {
        return VIRTIO_NET_ERR;
    }
    rxfilter_notify(qemu_get_queue(n->nic));
    return VIRTIO_NET_OK;
}

static int virtio_net_handle_announce(VirtIONet *n, uint8_t cmd)
{
    if (cmd == VIRTIO_NET_CTRL_ANNOUNCE_ACK &&
        (n->status & VIRTIO_NET_S_ANNOUNCE)) {
        n->status &= ~VIRTIO_NET_S_ANNOUNCE;
        return VIRTIO_NET_OK;
    }
    return VIRTIO_NET_ERR;
}

static int virtio_net_handle_mq(VirtIONet *n, uint8_t cmd,
                                struct iovec *iov, unsigned int iov_cnt)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(n);
    uint16_t pairs;

    if (cmd != VIRTIO_NET_CTRL_MQ_VQ_PAIRS_SET ||
        !virtio_vdev_has_feature(vdev, VIRTIO_NET_F_MQ)) {
        return VIRTIO_NET_ERR;
    }
    if (iov_to_buf(iov, iov_cnt, 0, &pairs, sizeof(pairs)) != sizeof(pairs)) {
        return VIRTIO_NET_ERR;
    }
    pairs = le16_to_cpu(pairs);
    if (pairs < VIRTIO_NET_CTRL_MQ_VQ_PAIRS_MIN ||
        pairs > VIRTIO_NET_CTRL_MQ_VQ_PAIRS_MAX ||
        pairs > n->max_queue_pairs || !n->multiqueue) {
        return VIRTIO_NET_ERR;
    }
    n->curr_queue_pairs = pairs;
    virtio_net_set_status(vdev, vdev->status);
    return VIRTIO_NET_OK;
}

static int virtio_net_handle_offloads(VirtIONet *n, uint8_t cmd,
                                      struct iovec *iov, unsigned int iov_cnt)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(n);
    uint64_t offloads;

    if (!virtio_vdev_has_feature(vdev, VIRTIO_NET_F_CTRL_GUEST_OFFLOADS) ||
        cmd != VIRTIO_NET_CTRL_GUEST_OFFLOADS_SET) {
        return VIRTIO_NET_ERR;
    }
    if (iov_to_buf(iov, iov_cnt, 0, &offloads, sizeof(offloads)) !=
        sizeof(offloads)) {
        return VIRTIO_NET_ERR;
    }
    offloads = le64_to_cpu(offloads);
    if (!n->has_vnet_hdr ||
        (offloads & ~(vdev->guest_features & GUEST_OFFLOADS_MASK))) {
        return VIRTIO_NET_ERR;
    }
    n->curr_guest_offloads = offloads;
    virtio_net_apply_guest_offloads(n);
    return VIRTIO_NET_OK;
}

static void virtio_net_handle_ctrl(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIONet *n = VIRTIO_NET(vdev);

    for (;;) {
        VirtQueueElement *elem = virtqueue_pop(vq, sizeof(VirtQueueElement));
        struct virtio_net_ctrl_hdr ctrl;
        g_autofree struct iovec *iov2 = NULL;
        struct iovec *iov;
        unsigned int iov_cnt;
        uint8_t status = VIRTIO_NET_ERR;

        if (!elem) {
            break;
        }
        if (iov_size(elem->in_sg, elem->in_num) < sizeof(status) ||
            iov_size(elem->out_sg, elem->out_num) < sizeof(ctrl)) {
            virtio_error(vdev, "virtio-net ctrl missing headers");
            virtqueue_detach_element(vq, elem, 0);
            g_free(elem);
            break;
        }
        iov_cnt = elem->out_num;
        iov2 = iov = g_memdup2(elem->out_sg, sizeof(struct iovec) * iov_cnt);
        iov_to_buf(iov, iov_cnt, 0, &ctrl, sizeof(ctrl));
        iov_discard_front(&iov, &iov_cnt, sizeof(ctrl));
        switch (ctrl.class) {
        case VIRTIO_NET_CTRL_RX:
            status = virtio_net_handle_rx_mode(n, ctrl.cmd, iov, iov_cnt);
            break;
        case VIRTIO_NET_CTRL_MAC:
            status = virtio_net_handle_mac(n, ctrl.cmd, iov, iov_cnt);
            break;
        case VIRTIO_NET_CTRL_VLAN:
            status = virtio_net_handle_vlan_table(n, ctrl.cmd, iov, iov_cnt);
            break;
        case VIRTIO_NET_CTRL_ANNOUNCE:
            status = virtio_net_handle_announce(n, ctrl.cmd);
            break;
        case VIRTIO_NET_CTRL_MQ:
            status = virtio_net_handle_mq(n, ctrl.cmd, iov, iov_cnt);
            break;
        case VIRTIO_NET_CTRL_GUEST_OFFLOADS:
            status = virtio_net_handle_offloads(n, ctrl.cmd, iov, iov_cnt);
            break;
        default:
            qemu_log_mask(LOG_GUEST_ERROR, "virtio-net: unknown control "
                          "class %u\n", ctrl.class);
            break;
        }
        iov_from_buf(elem->in_sg, elem->in_num, 0, &status, sizeof(status));
        virtqueue_push(vq, elem, sizeof(status));
        virtio_notify(vdev, vq);
        g_free(elem);
    }
}

/* ---- life cycle ------------------------------------------------------ */

void virtio_net_set_netclient_name(VirtIONet *n, const char *name,
                                   const char *type)
{
    g_free(n->netclient_name);
    g_free(n->netclient_type);
    n->netclient_name = g_strdup(name);
    n->netclient_type = g_strdup(type);
}

static void virtio_net_reset(VirtIODevice *vdev)
{
    VirtIONet *n = VIRTIO_NET(vdev);
    int i;

    /* QEMU's defaults: promiscuous until the driver says otherwise. */
    n->promisc = 1;
    n->allmulti = 0;
    n->alluni = 0;
    n->nomulti = 0;
    n->nouni = 0;
    n->nobcast = 0;
    n->curr_queue_pairs = 1;
    n->status &= ~VIRTIO_NET_S_ANNOUNCE;
    n->mac_table.in_use = 0;
    n->mac_table.first_multi = 0;
    n->mac_table.multi_overflow = 0;
    n->mac_table.uni_overflow = 0;
    memset(n->mac_table.macs, 0, MAC_TABLE_ENTRIES * ETH_ALEN);
    memcpy(n->mac, n->nic_conf.macaddr.a, ETH_ALEN);
    qemu_format_nic_info_str(qemu_get_queue(n->nic), n->mac);
    /* The VLAN table follows the features (set_features), as QEMU. */
    for (i = 0; i < n->max_queue_pairs; i++) {
        VirtIONetQueue *q = &n->vqs[i];

        if (q->tx_waiting) {
            qemu_bh_cancel(q->tx_bh);
            q->tx_waiting = 0;
        }
        virtio_net_drop_async_tx(n, i);
    }
}

static void virtio_net_cleanup(NetClientState *nc)
{
    VirtIONet *n = qemu_get_nic_opaque(nc);

    n->nic = NULL;
}

static NetClientInfo net_virtio_info = {
    .type = NET_CLIENT_DRIVER_NIC,
    .size = sizeof(NICState),
    .can_receive = virtio_net_can_receive,
    .receive = virtio_net_receive,
    .receive_iov = virtio_net_receive_iov,
    .cleanup = virtio_net_cleanup,
    .link_status_changed = virtio_net_set_link_status,
    .query_rx_filter = virtio_net_query_rxfilter,
};

static bool queue_size_ok(uint16_t size, uint16_t min)
{
    return size >= min && size <= VIRTIO_NET_QUEUE_MAX_SIZE &&
           is_power_of_2(size);
}

static void virtio_net_device_realize(DeviceState *dev, Error **errp)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(dev);
    VirtIONet *n = VIRTIO_NET(dev);
    NetClientState *nc;
    int i;

    if (n->host_features & ((1ULL << VIRTIO_NET_F_RSS) |
                            (1ULL << VIRTIO_NET_F_HASH_REPORT) |
                            (1ULL << VIRTIO_NET_F_RSC_EXT))) {
        error_setg(errp, "virtio-net: rss, hash and guest_rsc_ext are not "
                   "supported");
        return;
    }
    if (n->failover) {
        error_setg(errp, "virtio-net: failover is not supported");
        return;
    }
    if (n->net_conf.mtu) {
        n->host_features |= 1ULL << VIRTIO_NET_F_MTU;
    }
    if (n->net_conf.duplex_str) {
        if (!strcmp(n->net_conf.duplex_str, "half")) {
            n->net_conf.duplex = DUPLEX_HALF;
        } else if (!strcmp(n->net_conf.duplex_str, "full")) {
            n->net_conf.duplex = DUPLEX_FULL;
        } else {
            error_setg(errp, "'duplex' must be 'half' or 'full'");
            return;
        }
        n->host_features |= 1ULL << VIRTIO_NET_F_SPEED_DUPLEX;
    } else {
        n->net_conf.duplex = DUPLEX_UNKNOWN;
    }
    if (n->net_conf.speed < SPEED_UNKNOWN) {
        error_setg(errp, "'speed' must be between 0 and INT_MAX");
        return;
    }
    if (n->net_conf.speed >= 0) {
        n->host_features |= 1ULL << VIRTIO_NET_F_SPEED_DUPLEX;
    }
    if (!queue_size_ok(n->net_conf.rx_queue_size,
                       VIRTIO_NET_RX_QUEUE_MIN_SIZE)) {
        error_setg(errp, "Invalid rx_queue_size (= %" PRIu16 "), "
                   "must be a power of 2 between %d and %d.",
                   n->net_conf.rx_queue_size, VIRTIO_NET_RX_QUEUE_MIN_SIZE,
                   VIRTIO_NET_QUEUE_MAX_SIZE);
        return;
    }
    if (!queue_size_ok(n->net_conf.tx_queue_size,
                       VIRTIO_NET_TX_QUEUE_MIN_SIZE)) {
        error_setg(errp, "Invalid tx_queue_size (= %" PRIu16 "), "
                   "must be a power of 2 between %d and %d",
                   n->net_conf.tx_queue_size, VIRTIO_NET_TX_QUEUE_MIN_SIZE,
                   VIRTIO_NET_QUEUE_MAX_SIZE);
        return;
    }
    n->max_queue_pairs = MAX(n->nic_conf.peers.queues, 1);
    if (n->max_queue_pairs * 2 + 1 > VIRTIO_QUEUE_MAX) {
        error_setg(errp, "Invalid number of queue pairs (= %" PRIu16 "). "
                   "Must be a positive integer less than %d.",
                   n->max_queue_pairs, (VIRTIO_QUEUE_MAX - 1) / 2);
        return;
    }
    if (n->net_conf.tx && strcmp(n->net_conf.tx, "bh") != 0 &&
        strcmp(n->net_conf.tx, "timer") != 0) {
        warn_report("virtio-net: Unknown option tx=%s, valid options: "
                    "\"timer\" \"bh\"", n->net_conf.tx);
        error_printf("Defaulting to \"bh\"");
    }
    if (n->net_conf.txburst <= 0) {
        n->net_conf.txburst = VIRTIO_NET_TX_BURST;
    }

    n->config_size = virtio_net_config_size(n->host_features |
                                            (1ULL << VIRTIO_NET_F_MAC));
    virtio_init(vdev, VIRTIO_ID_NET, n->config_size);
    n->vqs = g_new0(VirtIONetQueue, n->max_queue_pairs);
    n->curr_queue_pairs = 1;
    for (i = 0; i < n->max_queue_pairs; i++) {
        VirtIONetQueue *q = &n->vqs[i];

        q->rx_vq = virtio_add_queue(vdev, n->net_conf.rx_queue_size,
                                    virtio_net_handle_rx);
        /* Without vhost-user the tx ring stays at the default size. */
        q->tx_vq = virtio_add_queue(vdev,
                                    MIN(n->net_conf.tx_queue_size,
                                        VIRTIO_NET_TX_QUEUE_DEFAULT_SIZE),
                                    virtio_net_handle_tx_bh);
        q->tx_bh = qemu_bh_new(virtio_net_tx_bh, q);
        q->n = n;
    }
    n->ctrl_vq = virtio_add_queue(vdev, 64, virtio_net_handle_ctrl);

    qemu_macaddr_default_if_unset(&n->nic_conf.macaddr);
    memcpy(n->mac, n->nic_conf.macaddr.a, ETH_ALEN);
    n->status = VIRTIO_NET_S_LINK_UP;
    n->nic = qemu_new_nic(&net_virtio_info, &n->nic_conf,
                          n->netclient_type ? n->netclient_type :
                          object_get_typename(OBJECT(dev)),
                          n->netclient_name ? n->netclient_name : dev->id,
                          n);
    nc = qemu_get_queue(n->nic);
    n->has_vnet_hdr = qemu_has_vnet_hdr(nc->peer);
    if (n->has_vnet_hdr) {
        n->has_ufo = qemu_has_ufo(nc->peer);
        for (i = 0; i < n->max_queue_pairs; i++) {
            qemu_using_vnet_hdr(nc_peer(n, i), true);
        }
        n->host_hdr_len = sizeof(struct virtio_net_hdr);
    } else {
        n->host_hdr_len = 0;
    }
    qemu_format_nic_info_str(nc, n->nic_conf.macaddr.a);
    nc->rxfilter_notify_enabled = 1;
    if (nc->link_down) {
        n->status &= ~VIRTIO_NET_S_LINK_UP;
    }
    n->mac_table.macs = g_malloc0(MAC_TABLE_ENTRIES * ETH_ALEN);
    n->vlans = g_malloc0(MAX_VLAN >> 3);
    /* Every VLAN passes until the guest negotiates the filter. */
    memset(n->vlans, 0xff, MAX_VLAN >> 3);
    virtio_net_set_mrg_rx_bufs(n, false, false);
    n->qdev = dev;
    n->promisc = 1;
    n->rx_flush_bh = qemu_bh_new(virtio_net_rx_flush_bh, n);
    n->vmstate = qemu_add_vm_change_state_handler(virtio_net_vm_state_change,
                                                  n);
}

static void virtio_net_device_unrealize(DeviceState *dev)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(dev);
    VirtIONet *n = VIRTIO_NET(dev);
    int i;

    qemu_del_vm_change_state_handler(n->vmstate);
    qemu_bh_delete(n->rx_flush_bh);
    for (i = 0; i < n->max_queue_pairs; i++) {
        VirtIONetQueue *q = &n->vqs[i];

        if (n->nic) {
            virtio_net_drop_async_tx(n, i);
            qemu_purge_queued_packets(qemu_get_subqueue(n->nic, i));
        }
        qemu_bh_delete(q->tx_bh);
    }
    if (n->nic) {
        qemu_del_nic(n->nic);
        n->nic = NULL;
    }
    g_free(n->mac_table.macs);
    g_free(n->vlans);
    g_free(n->vqs);
    n->vqs = NULL;
    g_free(n->netclient_name);
    g_free(n->netclient_type);
    n->netclient_name = n->netclient_type = NULL;
    virtio_cleanup(vdev);
}

static void virtio_net_instance_init(Object *obj)
{
    VirtIONet *n = VIRTIO_NET(obj);

    n->nic_conf.bootindex = -1;
    /* libvirt passes bootindex for network boot. */
    device_add_bootindex_property(obj, &n->nic_conf.bootindex, "bootindex",
                                  "/ethernet-phy@0", DEVICE(n));
}

static Property virtio_net_properties[] = {
    DEFINE_PROP_BIT64("csum", VirtIONet, host_features,
                      VIRTIO_NET_F_CSUM, true),
    DEFINE_PROP_BIT64("guest_csum", VirtIONet, host_features,
                      VIRTIO_NET_F_GUEST_CSUM, true),
    DEFINE_PROP_BIT64("gso", VirtIONet, host_features, VIRTIO_NET_F_GSO, true),
    DEFINE_PROP_BIT64("guest_tso4", VirtIONet, host_features,
                      VIRTIO_NET_F_GUEST_TSO4, true),
    DEFINE_PROP_BIT64("guest_tso6", VirtIONet, host_features,
                      VIRTIO_NET_F_GUEST_TSO6, true),
    DEFINE_PROP_BIT64("guest_ecn", VirtIONet, host_features,
                      VIRTIO_NET_F_GUEST_ECN, true),
    DEFINE_PROP_BIT64("guest_ufo", VirtIONet, host_features,
                      VIRTIO_NET_F_GUEST_UFO, true),
    DEFINE_PROP_BIT64("guest_announce", VirtIONet, host_features,
                      VIRTIO_NET_F_GUEST_ANNOUNCE, true),
    DEFINE_PROP_BIT64("host_tso4", VirtIONet, host_features,
                      VIRTIO_NET_F_HOST_TSO4, true),
    DEFINE_PROP_BIT64("host_tso6", VirtIONet, host_features,
                      VIRTIO_NET_F_HOST_TSO6, true),
    DEFINE_PROP_BIT64("host_ecn", VirtIONet, host_features,
                      VIRTIO_NET_F_HOST_ECN, true),
    DEFINE_PROP_BIT64("host_ufo", VirtIONet, host_features,
                      VIRTIO_NET_F_HOST_UFO, true),
    DEFINE_PROP_BIT64("mrg_rxbuf", VirtIONet, host_features,
                      VIRTIO_NET_F_MRG_RXBUF, true),
    DEFINE_PROP_BIT64("status", VirtIONet, host_features,
                      VIRTIO_NET_F_STATUS, true),
    DEFINE_PROP_BIT64("ctrl_vq", VirtIONet, host_features,
                      VIRTIO_NET_F_CTRL_VQ, true),
    DEFINE_PROP_BIT64("ctrl_rx", VirtIONet, host_features,
                      VIRTIO_NET_F_CTRL_RX, true),
    DEFINE_PROP_BIT64("ctrl_vlan", VirtIONet, host_features,
                      VIRTIO_NET_F_CTRL_VLAN, true),
    DEFINE_PROP_BIT64("ctrl_rx_extra", VirtIONet, host_features,
                      VIRTIO_NET_F_CTRL_RX_EXTRA, true),
    DEFINE_PROP_BIT64("ctrl_mac_addr", VirtIONet, host_features,
                      VIRTIO_NET_F_CTRL_MAC_ADDR, true),
    DEFINE_PROP_BIT64("ctrl_guest_offloads", VirtIONet, host_features,
                      VIRTIO_NET_F_CTRL_GUEST_OFFLOADS, true),
    DEFINE_PROP_BIT64("mq", VirtIONet, host_features, VIRTIO_NET_F_MQ, false),
    /* Accepted for QEMU compatibility; realize refuses them when on. */
    DEFINE_PROP_BIT64("rss", VirtIONet, host_features, VIRTIO_NET_F_RSS,
                      false),
    DEFINE_PROP_BIT64("hash", VirtIONet, host_features,
                      VIRTIO_NET_F_HASH_REPORT, false),
    DEFINE_PROP_BIT64("guest_rsc_ext", VirtIONet, host_features,
                      VIRTIO_NET_F_RSC_EXT, false),
    DEFINE_PROP_UINT32("rsc_interval", VirtIONet, rsc_interval, 300000),
    DEFINE_PROP_BOOL("x-mtu-bypass-backend", VirtIONet, mtu_bypass_backend,
                     true),
    DEFINE_PROP_BOOL("failover", VirtIONet, failover, false),
    DEFINE_NIC_PROPERTIES(VirtIONet, nic_conf),
    DEFINE_PROP_UINT32("x-txtimer", VirtIONet, net_conf.txtimer, 150000),
    DEFINE_PROP_INT32("x-txburst", VirtIONet, net_conf.txburst,
                      VIRTIO_NET_TX_BURST),
    DEFINE_PROP_STRING("tx", VirtIONet, net_conf.tx),
    DEFINE_PROP_UINT16("rx_queue_size", VirtIONet, net_conf.rx_queue_size,
                       VIRTIO_NET_RX_QUEUE_DEFAULT_SIZE),
    DEFINE_PROP_UINT16("tx_queue_size", VirtIONet, net_conf.tx_queue_size,
                       VIRTIO_NET_TX_QUEUE_DEFAULT_SIZE),
    DEFINE_PROP_UINT16("host_mtu", VirtIONet, net_conf.mtu, 0),
    DEFINE_PROP_INT32("speed", VirtIONet, net_conf.speed, SPEED_UNKNOWN),
    DEFINE_PROP_STRING("duplex", VirtIONet, net_conf.duplex_str),
    DEFINE_PROP_END_OF_LIST(),
};

static void virtio_net_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_CLASS(klass);

    device_class_set_props(dc, virtio_net_properties);
    set_bit(DEVICE_CATEGORY_NETWORK, dc->categories);
    vdc->realize = virtio_net_device_realize;
    vdc->unrealize = virtio_net_device_unrealize;
    vdc->get_config = virtio_net_get_config;
    vdc->set_config = virtio_net_set_config;
    vdc->get_features = virtio_net_get_features;
    vdc->set_features = virtio_net_set_features;
    vdc->set_status = virtio_net_set_status;
    vdc->reset = virtio_net_reset;
}

static const TypeInfo virtio_net_info = {
    .name = TYPE_VIRTIO_NET,
    .parent = TYPE_VIRTIO_DEVICE,
    .instance_size = sizeof(VirtIONet),
    .instance_init = virtio_net_instance_init,
    .class_init = virtio_net_class_init,
};

static void virtio_net_register_types(void)
{
    type_register_static(&virtio_net_info);
}

type_init(virtio_net_register_types)
