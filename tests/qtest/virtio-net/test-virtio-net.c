/*
 * virtio-net-pci under qtest, playing the guest driver against a
 * "-netdev stream" connected to a unix socket the test listens on: the
 * test reads the frames the device transmits and injects frames it must
 * receive (4-byte big-endian length + frame on the stream).  Covers IDs
 * and config, feature negotiation, tx, rx with and without mergeable
 * buffers, frames held until buffers are posted, the control queue with
 * NIC_RX_FILTER_CHANGED/query-rx-filter, set_link, -nic, and malformed
 * chains ending in NEEDS_RESET.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sched.h>
#include <arpa/inet.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <linux/if_packet.h>
#include <linux/if_ether.h>
#include "libqos.h"
#include "../virtio-devices/qmp-watch.h"

#define VIRTIO_ID_NET 1

#define F_CSUM 0
#define F_MAC 5
#define F_MRG_RXBUF 15
#define F_STATUS 16
#define F_CTRL_VQ 17
#define F_CTRL_RX 18
#define F_CTRL_VLAN 19
#define F_MQ 22
#define F_CTRL_MAC_ADDR 23
#define F_SPEED_DUPLEX 63

#define HDR_LEN 12
#define Q_RX 0
#define Q_TX 1
#define Q_CTRL 2
#define NQ 3

#define CTRL_RX 0
#define CTRL_RX_PROMISC 0
#define CTRL_MAC 1
#define CTRL_MAC_TABLE_SET 0
#define CTRL_MAC_ADDR_SET 1
#define CTRL_VLAN 2
#define CTRL_VLAN_ADD 0

#define TIMEOUT_US (10 * 1000 * 1000)

static const uint8_t guest_mac[6] = { 0x52, 0x54, 0x00, 0xab, 0xcd, 0x02 };
static const uint8_t host_mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };

typedef struct Net {
    QTestState *qts;
    QPCIBus bus;
    QGuestAllocator alloc;
    QVirtioPCIDevice *d;
    QVirtQueue *vq[NQ];
    GHashTable *rxbuf;          /* head -> guest address */
    char *dir, *sock, *qmp;
    int conn;                   /* the emulator's stream connection */
    QmpWatch w;
    uint64_t features;
} Net;

static void net_start(Net *n, bool modern, const char *extra)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    int srv;

    memset(n, 0, sizeof(*n));
    n->dir = g_dir_make_tmp("vnet-XXXXXX", NULL);
    g_assert(n->dir);
    n->sock = g_build_filename(n->dir, "net.sock", NULL);
    n->qmp = g_build_filename(n->dir, "qmp.sock", NULL);
    srv = socket(AF_UNIX, SOCK_STREAM, 0);
    g_assert_cmpint(srv, >=, 0);
    g_strlcpy(addr.sun_path, n->sock, sizeof(addr.sun_path));
    g_assert_cmpint(bind(srv, (struct sockaddr *)&addr, sizeof(addr)), ==, 0);
    g_assert_cmpint(listen(srv, 1), ==, 0);
    n->qts = qtest_initf("-machine pc -m 64 "
                         "-qmp unix:%s,server=on,wait=off "
                         "-netdev stream,id=n0,server=off,addr.type=unix,"
                         "addr.path=%s "
                         "-device virtio-net-pci,netdev=n0,id=net0,"
                         "mac=52:54:00:ab:cd:02%s%s",
                         n->qmp, n->sock, modern ? ",disable-legacy=on" : "",
                         extra ? extra : "");
    n->conn = accept(srv, NULL, NULL);
    g_assert_cmpint(n->conn, >=, 0);
    close(srv);
    qmp_watch_open(&n->w, n->qts, n->qmp);
    qpci_init_pc(&n->bus, n->qts);
    guest_alloc_init(&n->alloc, 1 << 20, 60 << 20);
    n->d = qvirtio_pci_find(&n->bus, VIRTIO_ID_NET, modern);
    g_assert(n->d);
    n->rxbuf = g_hash_table_new(NULL, NULL);
}

static void net_setup(Net *n, uint64_t wanted)
{
    int i;

    n->features = qvirtio_start(n->d, wanted);
    for (i = 0; i < NQ; i++) {
        n->vq[i] = qvirtqueue_setup(n->d, &n->alloc, i);
    }
    qvirtio_driver_ok(n->d);
}

static void net_stop(Net *n)
{
    qmp_watch_close(&n->w);
    close(n->conn);
    qvirtio_pci_free(n->d);
    qtest_quit(n->qts);
    g_hash_table_destroy(n->rxbuf);
    g_unlink(n->sock);
    g_unlink(n->qmp);
    g_rmdir(n->dir);
    g_free(n->sock);
    g_free(n->qmp);
    g_free(n->dir);
}

/* ---- the stream peer ---- */

static void peer_send(Net *n, const uint8_t *frame, uint32_t len)
{
    uint32_t be = GUINT32_TO_BE(len);

    g_assert_cmpint(write(n->conn, &be, 4), ==, 4);
    g_assert_cmpint(write(n->conn, frame, len), ==, (ssize_t)len);
}

static bool peer_read_exact(Net *n, void *buf, size_t len, gint64 deadline)
{
    size_t got = 0;

    while (got < len) {
        struct pollfd pfd = { .fd = n->conn, .events = POLLIN };
        ssize_t r;

        if (g_get_monotonic_time() > deadline) {
            return false;
        }
        if (poll(&pfd, 1, 10) <= 0) {
            qtest_clock_step(n->qts, 100);
            continue;
        }
        r = read(n->conn, (uint8_t *)buf + got, len - got);
        g_assert_cmpint(r, >, 0);
        got += r;
    }
    return true;
}

/* Next frame the device sent (NULL after a few seconds). */
static uint8_t *peer_recv(Net *n, uint32_t *len, gint64 timeout_us)
{
    gint64 deadline = g_get_monotonic_time() + timeout_us;
    uint32_t be;
    uint8_t *buf;

    if (!peer_read_exact(n, &be, 4, deadline)) {
        return NULL;
    }
    *len = GUINT32_FROM_BE(be);
    g_assert_cmpuint(*len, <=, 65536);
    buf = g_malloc(*len);
    g_assert_true(peer_read_exact(n, buf, *len, deadline));
    return buf;
}

static void make_frame(uint8_t *f, const uint8_t *dst, size_t len, int seed)
{
    size_t i;

    memcpy(f, dst, 6);
    memcpy(f + 6, host_mac, 6);
    f[12] = 0x88;
    f[13] = 0xb5;
    for (i = 14; i < len; i++) {
        f[i] = (uint8_t)(i * 7 + seed);
    }
}

/* ---- guest side ---- */

static void post_rx(Net *n, int count, uint32_t size)
{
    while (count--) {
        uint64_t buf = guest_alloc(&n->alloc, size);
        uint16_t head = qvirtqueue_add(n->d, n->vq[Q_RX], buf, size, true,
                                       false);

        qtest_memset(n->qts, buf, 0xee, size);
        g_hash_table_insert(n->rxbuf, GUINT_TO_POINTER(head),
                            (gpointer)(uintptr_t)buf);
        qvirtqueue_kick(n->d, n->vq[Q_RX], head);
    }
}

static uint64_t rx_used(Net *n, uint32_t *len)
{
    uint32_t id;
    uint64_t buf;

    g_assert_true(qvirtqueue_wait_used(n->d, n->vq[Q_RX], &id, len,
                                       TIMEOUT_US));
    buf = (uintptr_t)g_hash_table_lookup(n->rxbuf, GUINT_TO_POINTER(id));
    g_assert(buf);
    return buf;
}

/* Guest transmit: header + frame in two descriptors. */
static void tx_frame(Net *n, const uint8_t *frame, uint32_t len)
{
    uint64_t hdr = guest_alloc(&n->alloc, HDR_LEN);
    uint64_t data = guest_alloc(&n->alloc, len);
    uint16_t head;
    uint32_t id;

    qtest_memset(n->qts, hdr, 0, HDR_LEN);
    qtest_memwrite(n->qts, data, frame, len);
    head = qvirtqueue_add(n->d, n->vq[Q_TX], hdr, HDR_LEN, false, true);
    qvirtqueue_add(n->d, n->vq[Q_TX], data, len, false, false);
    qvirtqueue_kick(n->d, n->vq[Q_TX], head);
    g_assert_true(qvirtqueue_wait_used(n->d, n->vq[Q_TX], &id, NULL,
                                       TIMEOUT_US));
    g_assert_cmpuint(id, ==, head);
}

/* Control command: class, cmd, payload; returns the device's ack. */
static uint8_t ctrl_cmd(Net *n, uint8_t class, uint8_t cmd,
                        const void *data, uint32_t len)
{
    uint64_t hdr = guest_alloc(&n->alloc, 2);
    uint64_t payload = guest_alloc(&n->alloc, len ? len : 1);
    uint64_t ack = guest_alloc(&n->alloc, 1);
    uint8_t h[2] = { class, cmd };
    uint16_t head;
    uint32_t id, used_len;

    qtest_memwrite(n->qts, hdr, h, 2);
    qtest_memwrite(n->qts, payload, data, len);
    qtest_writeb(n->qts, ack, 0xaa);
    head = qvirtqueue_add(n->d, n->vq[Q_CTRL], hdr, 2, false, true);
    if (len) {
        qvirtqueue_add(n->d, n->vq[Q_CTRL], payload, len, false, true);
    }
    qvirtqueue_add(n->d, n->vq[Q_CTRL], ack, 1, true, false);
    qvirtqueue_kick(n->d, n->vq[Q_CTRL], head);
    g_assert_true(qvirtqueue_wait_used(n->d, n->vq[Q_CTRL], &id, &used_len,
                                       TIMEOUT_US));
    g_assert_cmpuint(id, ==, head);
    g_assert_cmpuint(used_len, ==, 1);
    return qtest_readb(n->qts, ack);
}

static void set_promisc(Net *n, uint8_t on)
{
    g_assert_cmpuint(ctrl_cmd(n, CTRL_RX, CTRL_RX_PROMISC, &on, 1), ==, 0);
}

static bool qmp_ok(Net *n, const char *cmd, const char *needle)
{
    g_autofree char *r = qtest_qmp(n->qts, "%s", cmd);

    if (!strstr(r, needle)) {
        g_printerr("reply: %s\n", r);
        return false;
    }
    return true;
}

/* ---- tests ---- */

static void test_ids_config(void)
{
    Net n;
    uint64_t f;

    net_start(&n, false, ",speed=1000,duplex=full,host_mtu=1400");
    g_assert_cmphex(qpci_config_readw(n.d->pdev, 2), ==, 0x1000);
    g_assert_cmphex(qpci_config_readw(n.d->pdev, 0x2e), ==, 1);
    g_assert_cmphex(qpci_config_readw(n.d->pdev, 0x0a), ==, 0x0200);
    f = qvirtio_get_features(n.d);
    g_assert_true(f & (1ull << F_MAC));
    g_assert_true(f & (1ull << F_MRG_RXBUF));
    g_assert_true(f & (1ull << F_STATUS));
    g_assert_true(f & (1ull << F_CTRL_VQ));
    /* A stream peer has no vnet header: no offloads. */
    g_assert_false(f & (1ull << F_CSUM));
    g_assert_false(f & (1ull << F_MQ));
    g_assert_cmphex(qvirtio_config_readb(n.d, 0), ==, 0x52);
    g_assert_cmphex(qvirtio_config_readb(n.d, 5), ==, 0x02);
    g_assert_cmphex(qvirtio_config_readw(n.d, 6) & 1, ==, 1);   /* link up */
    net_stop(&n);

    net_start(&n, true, ",speed=1000,duplex=full,host_mtu=1400,mq=on");
    g_assert_cmphex(qpci_config_readw(n.d->pdev, 2), ==, 0x1041);
    f = qvirtio_get_features(n.d);
    g_assert_true(f & (1ull << F_SPEED_DUPLEX));
    g_assert_true(f & (1ull << F_MQ));
    g_assert_cmpuint(qvirtio_config_readw(n.d, 8), ==, 1);    /* pairs */
    g_assert_cmpuint(qvirtio_config_readw(n.d, 10), ==, 1400);  /* mtu */
    g_assert_cmpuint(qvirtio_config_readl(n.d, 12), ==, 1000);  /* speed */
    g_assert_cmpuint(qvirtio_config_readb(n.d, 16), ==, 1);     /* full */
    net_stop(&n);
}

static void test_tx(Net *n)
{
    uint8_t frame[100];
    g_autofree uint8_t *got = NULL;
    uint32_t len;

    make_frame(frame, host_mac, sizeof(frame), 1);
    tx_frame(n, frame, sizeof(frame));
    got = peer_recv(n, &len, TIMEOUT_US);
    g_assert(got);
    /* The header stays behind: the stream carries the bare frame. */
    g_assert_cmpuint(len, ==, sizeof(frame));
    g_assert_cmpmem(got, len, frame, sizeof(frame));
}

static void check_rx_plain(Net *n, bool mrg)
{
    uint8_t frame[200], hdr[HDR_LEN], got[sizeof(frame)];
    uint32_t len;
    uint64_t buf;

    post_rx(n, 4, 1514 + HDR_LEN);
    make_frame(frame, guest_mac, sizeof(frame), 2);
    peer_send(n, frame, sizeof(frame));
    buf = rx_used(n, &len);
    g_assert_cmpuint(len, ==, HDR_LEN + sizeof(frame));
    qtest_memread(n->qts, buf, hdr, HDR_LEN);
    qtest_memread(n->qts, buf + HDR_LEN, got, sizeof(frame));
    g_assert_cmpmem(got, sizeof(got), frame, sizeof(frame));
    g_assert_cmpuint(hdr[0], ==, 0);            /* flags */
    g_assert_cmpuint(hdr[1], ==, 0);            /* gso none */
    g_assert_cmpuint(hdr[10] | hdr[11] << 8, ==, 1);    /* num_buffers */
}

static void test_txrx_legacy(void)
{
    Net n;

    net_start(&n, false, NULL);
    /* Legacy with MRG_RXBUF: the 12-byte header. */
    net_setup(&n, (1ull << F_MAC) | (1ull << F_MRG_RXBUF));
    g_assert_true(n.features & (1ull << F_MRG_RXBUF));
    test_tx(&n);
    check_rx_plain(&n, true);
    net_stop(&n);
}

static void test_txrx_modern(void)
{
    Net n;

    net_start(&n, true, NULL);
    /* VERSION_1 without MRG_RXBUF still has num_buffers (= 1). */
    net_setup(&n, 1ull << F_MAC);
    test_tx(&n);
    check_rx_plain(&n, false);
    net_stop(&n);
}

static void test_rx_mergeable(void)
{
    uint8_t frame[300], got[300 + HDR_LEN];
    uint32_t len, total = 0;
    int nbufs = 0;
    Net n;

    net_start(&n, true, NULL);
    net_setup(&n, (1ull << F_MAC) | (1ull << F_MRG_RXBUF));
    /* 312 bytes into 128-byte buffers: 128 + 128 + 56. */
    post_rx(&n, 5, 128);
    make_frame(frame, guest_mac, sizeof(frame), 3);
    peer_send(&n, frame, sizeof(frame));
    while (total < sizeof(got)) {
        uint64_t buf = rx_used(&n, &len);

        g_assert_cmpuint(len, <=, 128);
        qtest_memread(n.qts, buf, got + total, len);
        total += len;
        nbufs++;
    }
    g_assert_cmpuint(total, ==, sizeof(got));
    g_assert_cmpint(nbufs, ==, 3);
    g_assert_cmpuint(got[10] | got[11] << 8, ==, 3);
    g_assert_cmpmem(got + HDR_LEN, sizeof(frame), frame, sizeof(frame));
    net_stop(&n);
}

/* A frame that arrives before any buffer is held, then delivered. */
static void test_rx_held(void)
{
    uint8_t frame[80], got[80];
    uint32_t len;
    uint64_t buf;
    Net n;

    net_start(&n, true, NULL);
    net_setup(&n, (1ull << F_MAC) | (1ull << F_MRG_RXBUF));
    make_frame(frame, guest_mac, sizeof(frame), 4);
    peer_send(&n, frame, sizeof(frame));
    /* Let the emulator read it while there is nowhere to put it. */
    for (int i = 0; i < 20; i++) {
        qtest_clock_step(n.qts, 1000);
        g_usleep(5000);
    }
    g_assert_cmpuint(qtest_readw(n.qts, n.vq[Q_RX]->used + 2), ==, 0);
    post_rx(&n, 2, 1526);
    buf = rx_used(&n, &len);
    g_assert_cmpuint(len, ==, HDR_LEN + sizeof(frame));
    qtest_memread(n.qts, buf + HDR_LEN, got, sizeof(got));
    g_assert_cmpmem(got, sizeof(got), frame, sizeof(frame));
    net_stop(&n);
}

static void test_ctrl_filter(void)
{
    static const char *const ev[] = { "NIC_RX_FILTER_CHANGED",
                                      "\"name\": \"net0\"",
                                      "/machine/peripheral/net0/", NULL };
    uint8_t other[6] = { 0x02, 0x11, 0x11, 0x11, 0x11, 0x11 };
    uint8_t frame[64], got[64], table[4 + 6 + 4 + 12];
    uint32_t len, le;
    uint16_t vid = GUINT16_TO_LE(42);
    uint64_t buf;
    Net n;

    net_start(&n, true, NULL);
    net_setup(&n, (1ull << F_MAC) | (1ull << F_MRG_RXBUF) |
                  (1ull << F_CTRL_VQ) | (1ull << F_CTRL_RX) |
                  (1ull << F_CTRL_VLAN) | (1ull << F_CTRL_MAC_ADDR));
    g_assert_true(qmp_ok(&n, "{'execute': 'query-rx-filter', "
                         "'arguments': {'name': 'net0'}}",
                         "\"promiscuous\": true"));
    set_promisc(&n, 0);
    g_assert_true(qmp_watch_wait(&n.w, n.qts, ev));
    /* Rate limited: no second event until query-rx-filter. */
    set_promisc(&n, 0);
    g_assert_true(qmp_ok(&n, "{'execute': 'query-rx-filter', "
                         "'arguments': {'name': 'net0'}}",
                         "\"promiscuous\": false"));
    g_assert_true(qmp_ok(&n, "{'execute': 'query-rx-filter'}",
                         "\"vlan\": \"normal\""));

    /* One unicast and two multicast addresses, then a VLAN. */
    le = GUINT32_TO_LE(1);
    memcpy(table, &le, 4);
    memcpy(table + 4, other, 6);
    le = GUINT32_TO_LE(2);
    memcpy(table + 10, &le, 4);
    memcpy(table + 14, "\x01\x00\x5e\x00\x00\x01\x01\x00\x5e\x00\x00\x02",
           12);
    g_assert_cmpuint(ctrl_cmd(&n, CTRL_MAC, CTRL_MAC_TABLE_SET, table,
                              sizeof(table)), ==, 0);
    g_assert_true(qmp_watch_wait(&n.w, n.qts, ev));
    g_assert_cmpuint(ctrl_cmd(&n, CTRL_VLAN, CTRL_VLAN_ADD, &vid, 2), ==, 0);
    g_assert_true(qmp_ok(&n, "{'execute': 'query-rx-filter', "
                         "'arguments': {'name': 'net0'}}",
                         "\"unicast-table\": [\"02:11:11:11:11:11\"]"));
    g_assert_true(qmp_ok(&n, "{'execute': 'query-rx-filter'}",
                         "\"vlan-table\": [42]"));
    g_assert_true(qmp_ok(&n, "{'execute': 'query-rx-filter'}",
                         "\"01:00:5e:00:00:02\"]"));
    /* Bad commands are refused, not fatal. */
    g_assert_cmpuint(ctrl_cmd(&n, CTRL_MAC, CTRL_MAC_TABLE_SET, table, 7),
                     ==, 1);
    g_assert_cmpuint(ctrl_cmd(&n, CTRL_MAC, CTRL_MAC_ADDR_SET, table, 5),
                     ==, 1);
    g_assert_cmpuint(ctrl_cmd(&n, CTRL_RX, 99, table, 1), ==, 1);
    g_assert_cmpuint(ctrl_cmd(&n, 77, 0, table, 1), ==, 1);
    vid = GUINT16_TO_LE(5000);
    g_assert_cmpuint(ctrl_cmd(&n, CTRL_VLAN, CTRL_VLAN_ADD, &vid, 2), ==, 1);
    g_assert_cmpuint(ctrl_cmd(&n, 4, 0, table, 2), ==, 1);  /* MQ: not on */

    /* Filtering: a stranger's unicast is dropped, ours arrives. */
    post_rx(&n, 4, 1526);
    make_frame(frame, (const uint8_t *)"\x02\x22\x22\x22\x22\x22",
               sizeof(frame), 5);
    peer_send(&n, frame, sizeof(frame));
    make_frame(frame, guest_mac, sizeof(frame), 6);
    peer_send(&n, frame, sizeof(frame));
    buf = rx_used(&n, &len);
    qtest_memread(n.qts, buf + HDR_LEN, got, sizeof(got));
    g_assert_cmpmem(got, sizeof(got), frame, sizeof(frame));
    /* The table's unicast address is accepted too. */
    make_frame(frame, other, sizeof(frame), 7);
    peer_send(&n, frame, sizeof(frame));
    buf = rx_used(&n, &len);
    qtest_memread(n.qts, buf + HDR_LEN, got, sizeof(got));
    g_assert_cmpmem(got, sizeof(got), frame, sizeof(frame));

    /* A new MAC address: the main-mac follows. */
    g_assert_cmpuint(ctrl_cmd(&n, CTRL_MAC, CTRL_MAC_ADDR_SET,
                              "\x52\x54\x00\x00\x00\x99", 6), ==, 0);
    g_assert_true(qmp_ok(&n, "{'execute': 'query-rx-filter'}",
                         "\"main-mac\": \"52:54:00:00:00:99\""));
    g_assert_true(qmp_ok(&n, "{'execute': 'query-rx-filter', "
                         "'arguments': {'name': 'n0'}}", "isn't a NIC"));
    net_stop(&n);
}

static void test_set_link(void)
{
    Net n;

    net_start(&n, true, NULL);
    net_setup(&n, (1ull << F_MAC) | (1ull << F_STATUS));
    g_assert_cmpuint(qvirtio_config_readw(n.d, 6) & 1, ==, 1);
    qvirtio_read_isr(n.d);
    g_assert_true(qmp_ok(&n, "{'execute': 'set_link', 'arguments': "
                         "{'name': 'net0', 'up': false}}", "\"return\""));
    g_assert_cmpuint(qvirtio_config_readw(n.d, 6) & 1, ==, 0);
    g_assert_cmpuint(qvirtio_read_isr(n.d) & 2, ==, 2);     /* config */
    /* Through the back end's name too. */
    g_assert_true(qmp_ok(&n, "{'execute': 'set_link', 'arguments': "
                         "{'name': 'n0', 'up': true}}", "\"return\""));
    g_assert_cmpuint(qvirtio_config_readw(n.d, 6) & 1, ==, 1);
    g_assert_true(qmp_ok(&n, "{'execute': 'set_link', 'arguments': "
                         "{'name': 'nosuch', 'up': true}}",
                         "DeviceNotFound"));
    g_assert_true(qmp_ok(&n, "{'execute': 'human-monitor-command', "
                         "'arguments': {'command-line': 'info network'}}",
                         "model=virtio-net-pci,macaddr=52:54:00:ab:cd:02"));
    net_stop(&n);
}

/* netdev_add / netdev_del at run time, QEMU's flat Netdev arguments. */
static void test_netdev_add_del(void)
{
    g_autofree char *dir = g_dir_make_tmp("vnetq-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "s.sock", NULL);
    g_autofree char *cmd = NULL;
    Net n;

    net_start(&n, true, NULL);
    cmd = g_strdup_printf("{'execute': 'netdev_add', 'arguments': "
                          "{'type': 'stream', 'id': 'hn1', 'server': true, "
                          "'addr': {'type': 'unix', 'path': '%s'}}}", path);
    g_assert_true(qmp_ok(&n, cmd, "\"return\""));
    g_assert_true(g_file_test(path, G_FILE_TEST_EXISTS));
    g_assert_true(qmp_ok(&n, cmd, "Duplicate ID 'hn1' for netdev"));
    g_assert_true(qmp_ok(&n, "{'execute': 'netdev_add', 'arguments': "
                         "{'type': 'nosuch', 'id': 'hn2'}}",
                         "Parameter 'type' does not accept value 'nosuch'"));
    g_assert_true(qmp_ok(&n, "{'execute': 'netdev_add', 'arguments': "
                         "{'type': 'hubport', 'id': 'hn3', 'hubid': 3, "
                         "'bogus': 1}}", "Invalid parameter 'bogus'"));
    g_assert_true(qmp_ok(&n, "{'execute': 'netdev_add', 'arguments': "
                         "{'type': 'hubport', 'id': 'hn3', 'hubid': 3}}",
                         "\"return\""));
    g_assert_true(qmp_ok(&n, "{'execute': 'human-monitor-command', "
                         "'arguments': {'command-line': 'info network'}}",
                         "hn1: index=0,type=stream"));
    g_assert_true(qmp_ok(&n, "{'execute': 'netdev_del', 'arguments': "
                         "{'id': 'hn1'}}", "\"return\""));
    g_assert_true(qmp_ok(&n, "{'execute': 'netdev_del', 'arguments': "
                         "{'id': 'hn1'}}", "DeviceNotFound"));
    /* The id is free again. */
    g_assert_true(qmp_ok(&n, cmd, "\"return\""));
    /* The NIC's own back end: the NIC loses its link. */
    g_assert_true(qmp_ok(&n, "{'execute': 'netdev_del', 'arguments': "
                         "{'id': 'n0'}}", "\"return\""));
    g_assert_cmpuint(qvirtio_config_readw(n.d, 6) & 1, ==, 0);
    net_stop(&n);
    g_unlink(path);
    g_rmdir(dir);
}

/* Whether main() could give us a private network namespace for taps. */
static bool have_netns;

/* The tap is up; packets it gets from the emulator can be read here. */
static int tap_sniffer(const char *ifname)
{
    struct ifreq ifr = { 0 };
    struct sockaddr_ll sll = { .sll_family = AF_PACKET,
                               .sll_protocol = htons(ETH_P_ALL) };
    int fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));

    g_assert_cmpint(fd, >=, 0);
    g_strlcpy(ifr.ifr_name, ifname, IFNAMSIZ);
    g_assert_cmpint(ioctl(fd, SIOCGIFFLAGS, &ifr), ==, 0);
    ifr.ifr_flags |= IFF_UP;
    g_assert_cmpint(ioctl(fd, SIOCSIFFLAGS, &ifr), ==, 0);
    g_assert_cmpint(ioctl(fd, SIOCGIFINDEX, &ifr), ==, 0);
    sll.sll_ifindex = ifr.ifr_ifindex;
    g_assert_cmpint(bind(fd, (struct sockaddr *)&sll, sizeof(sll)), ==, 0);
    return fd;
}

/*
 * Multiqueue over a two-queue tap (vnet header): offloads offered,
 * max_virtqueue_pairs, VQ_PAIRS_SET, GUEST_OFFLOADS_SET, and a frame
 * sent on the second pair reaching the tap.
 */
static void test_mq_tap(void)
{
    QTestState *qts;
    QPCIBus bus;
    QGuestAllocator alloc;
    QVirtioPCIDevice *d;
    Net n;
    uint64_t f;
    uint16_t pairs;
    uint64_t offloads = 0;
    uint8_t frame[80], got[2048];
    int i, fd;
    bool seen = false;

    if (!have_netns) {
        g_test_skip("no private network namespace (needs CAP_SYS_ADMIN)");
        return;
    }
    qts = qtest_init("-machine pc -m 64 "
                     "-netdev tap,id=t0,queues=2,ifname=kvmq0,script=no,"
                     "downscript=no "
                     "-device virtio-net-pci,netdev=t0,id=net0,mq=on,"
                     "vectors=6,disable-legacy=on");
    qpci_init_pc(&bus, qts);
    guest_alloc_init(&alloc, 1 << 20, 60 << 20);
    d = qvirtio_pci_find(&bus, VIRTIO_ID_NET, true);
    g_assert(d);
    f = qvirtio_get_features(d);
    g_assert_true(f & (1ull << F_MQ));
    g_assert_true(f & (1ull << F_CSUM));        /* tap has a vnet header */
    g_assert_cmpuint(qvirtio_config_readw(d, 8), ==, 2);

    /* Reuse the Net helpers on this device. */
    memset(&n, 0, sizeof(n));
    n.qts = qts;
    n.d = d;
    n.alloc = alloc;
    n.features = qvirtio_start(d, (1ull << F_MAC) | (1ull << F_CTRL_VQ) |
                                  (1ull << F_MQ) | (1ull << 1) |
                                  (1ull << 2));
    for (i = 0; i < 5; i++) {
        QVirtQueue *vq = qvirtqueue_setup(d, &n.alloc, i);

        if (i < 2) {
            n.vq[i] = vq;
        } else if (i == 4) {
            n.vq[Q_CTRL] = vq;
        } else if (i == 3) {
            n.vq[Q_TX] = vq;        /* tx1 */
        }
    }
    qvirtio_driver_ok(d);
    pairs = GUINT16_TO_LE(2);
    g_assert_cmpuint(ctrl_cmd(&n, 4, 0, &pairs, 2), ==, 0);
    pairs = GUINT16_TO_LE(3);
    g_assert_cmpuint(ctrl_cmd(&n, 4, 0, &pairs, 2), ==, 1);
    /* GUEST_OFFLOADS_SET: csum only, then something not negotiated. */
    offloads = GUINT64_TO_LE(1ull << 1);
    g_assert_cmpuint(ctrl_cmd(&n, 5, 0, &offloads, 8), ==, 0);
    offloads = GUINT64_TO_LE(1ull << 7);
    g_assert_cmpuint(ctrl_cmd(&n, 5, 0, &offloads, 8), ==, 1);

    fd = tap_sniffer("kvmq0");
    make_frame(frame, host_mac, sizeof(frame), 9);
    tx_frame(&n, frame, sizeof(frame));
    for (i = 0; i < 200 && !seen; i++) {
        struct pollfd pfd = { .fd = fd, .events = POLLIN };

        if (poll(&pfd, 1, 10) > 0) {
            ssize_t len = read(fd, got, sizeof(got));

            seen = len == sizeof(frame) && !memcmp(got, frame, len);
        }
    }
    g_assert_true(seen);
    close(fd);
    qvirtio_pci_free(d);
    qtest_quit(qts);
}

static void expect_needs_reset(Net *n)
{
    g_assert_true(qvirtio_wait_status_bit(n->d, QVIRTIO_STATUS_NEEDS_RESET,
                                          TIMEOUT_US));
    /* The emulator lives on and answers. */
    g_assert_true(qmp_ok(n, "{'execute': 'query-status'}", "running"));
}

static void test_bad_tx_short(void)
{
    uint16_t head;
    uint64_t buf;
    Net n;

    net_start(&n, true, NULL);
    net_setup(&n, 1ull << F_MAC);
    buf = guest_alloc(&n.alloc, 16);
    head = qvirtqueue_add(n.d, n.vq[Q_TX], buf, 4, false, false);
    qvirtqueue_kick(n.d, n.vq[Q_TX], head);
    expect_needs_reset(&n);
    net_stop(&n);
}

static void test_bad_tx_outside_ram(void)
{
    uint16_t head;
    Net n;

    net_start(&n, true, NULL);
    net_setup(&n, 1ull << F_MAC);
    head = qvirtqueue_add(n.d, n.vq[Q_TX], 0x20000000ull, 512, false, false);
    qvirtqueue_kick(n.d, n.vq[Q_TX], head);
    expect_needs_reset(&n);
    net_stop(&n);
}

static void test_bad_rx_small(void)
{
    uint8_t frame[64];
    uint16_t head;
    Net n;

    net_start(&n, true, NULL);
    net_setup(&n, (1ull << F_MAC) | (1ull << F_MRG_RXBUF));
    head = qvirtqueue_add(n.d, n.vq[Q_RX], guest_alloc(&n.alloc, 8), 8, true,
                          false);
    qvirtqueue_kick(n.d, n.vq[Q_RX], head);
    make_frame(frame, guest_mac, sizeof(frame), 8);
    peer_send(&n, frame, sizeof(frame));
    expect_needs_reset(&n);
    net_stop(&n);
}

static void test_bad_ctrl(void)
{
    uint64_t hdr;
    uint16_t head;
    Net n;

    net_start(&n, true, NULL);
    net_setup(&n, (1ull << F_MAC) | (1ull << F_CTRL_VQ) |
                  (1ull << F_CTRL_RX));
    /* No writable status byte. */
    hdr = guest_alloc(&n.alloc, 2);
    head = qvirtqueue_add(n.d, n.vq[Q_CTRL], hdr, 2, false, false);
    qvirtqueue_kick(n.d, n.vq[Q_CTRL], head);
    expect_needs_reset(&n);
    net_stop(&n);
}

static void test_nic_option(void)
{
    QTestState *qts;
    QPCIBus bus;
    QVirtioPCIDevice *d;

    qts = qtest_init("-machine pc -m 64 "
                     "-nic user,model=virtio-net-pci,mac=52:54:00:12:00:07");
    qpci_init_pc(&bus, qts);
    d = qvirtio_pci_find(&bus, VIRTIO_ID_NET, false);
    g_assert(d);
    g_assert_cmphex(qvirtio_config_readb(d, 5), ==, 0x07);
    qvirtio_pci_free(d);
    qtest_quit(qts);

    qts = qtest_init("-machine pc -m 64 -net nic,model=virtio -net none");
    qpci_init_pc(&bus, qts);
    d = qvirtio_pci_find(&bus, VIRTIO_ID_NET, false);
    g_assert(d);
    qvirtio_pci_free(d);
    qtest_quit(qts);
}

static void test_bad_props(void)
{
    static const struct {
        const char *props, *msg;
    } cases[] = {
        { "rx_queue_size=100", "Invalid rx_queue_size (= 100), must be a "
          "power of 2 between 256 and 1024." },
        { "tx_queue_size=2048", "Invalid tx_queue_size (= 2048)" },
        { "duplex=bad", "'duplex' must be 'half' or 'full'" },
        { "speed=-2", "'speed' must be between 0 and INT_MAX" },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *cmd = g_strdup_printf(
            "%s -machine pc -accel qtest "
            "-device virtio-net-pci,%s 2>&1", qtest_qemu_binary(),
            cases[i].props);
        g_autofree char *out = NULL;
        int status;

        g_assert_true(g_spawn_sync(NULL, (char *[]){ "/bin/sh", "-c", cmd,
                                   NULL }, NULL, 0, NULL, NULL, &out, NULL,
                                   &status, NULL));
        g_assert_nonnull(strstr(out, cases[i].msg));
        g_assert_cmpint(status, !=, 0);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    /* The emulators we start share it: taps stay private. */
    have_netns = access("/dev/net/tun", R_OK | W_OK) == 0 &&
                 unshare(CLONE_NEWNET) == 0;
    g_test_add_func("/virtio-net/ids-config", test_ids_config);
    g_test_add_func("/virtio-net/txrx-legacy", test_txrx_legacy);
    g_test_add_func("/virtio-net/txrx-modern", test_txrx_modern);
    g_test_add_func("/virtio-net/rx-mergeable", test_rx_mergeable);
    g_test_add_func("/virtio-net/rx-held", test_rx_held);
    g_test_add_func("/virtio-net/ctrl-filter", test_ctrl_filter);
    g_test_add_func("/virtio-net/set-link", test_set_link);
    g_test_add_func("/virtio-net/netdev-add-del", test_netdev_add_del);
    g_test_add_func("/virtio-net/mq-tap", test_mq_tap);
    g_test_add_func("/virtio-net/bad-tx-short", test_bad_tx_short);
    g_test_add_func("/virtio-net/bad-tx-outside-ram",
                    test_bad_tx_outside_ram);
    g_test_add_func("/virtio-net/bad-rx-small", test_bad_rx_small);
    g_test_add_func("/virtio-net/bad-ctrl", test_bad_ctrl);
    g_test_add_func("/virtio-net/nic-option", test_nic_option);
    g_test_add_func("/virtio-net/bad-props", test_bad_props);
    return g_test_run();
}
