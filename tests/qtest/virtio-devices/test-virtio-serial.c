/*
 * virtio-serial-pci under qtest, playing the guest driver: the
 * multiport control handshake, a virtserialport on a unix-socket
 * chardev carrying data both ways, flow control when the socket client
 * does not read, and malformed control messages ending in NEEDS_RESET.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include "libqos.h"
#include "qmp-watch.h"

#define VIRTIO_ID_CONSOLE 3
#define F_MULTIPORT 1

enum {
    DEVICE_READY = 0, PORT_ADD = 1, PORT_REMOVE = 2, PORT_READY = 3,
    CONSOLE_PORT = 4, RESIZE = 5, PORT_OPEN = 6, PORT_NAME = 7,
};

#define NQ 6            /* port 0 rx/tx, control rx/tx, port 1 rx/tx */
#define Q_CRX 2
#define Q_CTX 3
#define Q_P1RX 4
#define Q_P1TX 5
#define BUF_MAX 256

typedef struct Ser {
    QTestState *qts;
    QPCIBus bus;
    QGuestAllocator alloc;
    QVirtioPCIDevice *d;
    QVirtQueue *vq[NQ];
    /* guest address of each posted writable buffer, by head */
    GHashTable *rxbuf;
    char *sock;
    char *dir;
} Ser;

static void ser_start_extra(Ser *s, const char *extra)
{
    memset(s, 0, sizeof(*s));
    s->dir = g_dir_make_tmp("vser-XXXXXX", NULL);
    g_assert(s->dir);
    s->sock = g_build_filename(s->dir, "port.sock", NULL);
    s->qts = qtest_initf("-machine pc -m 64 "
                         "-chardev socket,id=c0,path=%s,server=on,wait=off "
                         "-device virtio-serial-pci,id=vser0,max_ports=4,"
                         "disable-legacy=on "
                         "-device virtconsole,id=con0 "
                         "-device virtserialport,bus=vser0.0,chardev=c0,"
                         "name=org.qemu.guest_agent.0,id=ga0%s", s->sock,
                         extra ? extra : "");
    qpci_init_pc(&s->bus, s->qts);
    guest_alloc_init(&s->alloc, 1 << 20, 60 << 20);
    s->d = qvirtio_pci_find(&s->bus, VIRTIO_ID_CONSOLE, true);
    g_assert(s->d);
    s->rxbuf = g_hash_table_new(NULL, NULL);
}

static void ser_start(Ser *s)
{
    ser_start_extra(s, NULL);
}

static void ser_setup(Ser *s)
{
    uint64_t f;
    int i;

    f = qvirtio_start(s->d, 1ull << F_MULTIPORT);
    g_assert_true(f & (1ull << F_MULTIPORT));
    for (i = 0; i < NQ; i++) {
        s->vq[i] = qvirtqueue_setup(s->d, &s->alloc, i);
    }
    qvirtio_driver_ok(s->d);
}

static void ser_stop(Ser *s)
{
    qvirtio_pci_free(s->d);
    qtest_quit(s->qts);
    g_hash_table_destroy(s->rxbuf);
    g_unlink(s->sock);
    g_rmdir(s->dir);
    g_free(s->sock);
    g_free(s->dir);
}

static void post_rx(Ser *s, int q, int n)
{
    while (n--) {
        uint64_t buf = guest_alloc(&s->alloc, BUF_MAX);
        uint16_t head = qvirtqueue_add(s->d, s->vq[q], buf, BUF_MAX, true,
                                       false);

        g_hash_table_insert(s->rxbuf, GUINT_TO_POINTER((q << 16) | head),
                            (gpointer)(uintptr_t)buf);
        qvirtqueue_kick(s->d, s->vq[q], head);
    }
}

/* Wait for the next used rx buffer of @q; copy it to @data. */
static uint32_t recv_rx(Ser *s, int q, uint8_t *data)
{
    uint32_t id, len;
    uint64_t buf;

    g_assert_true(qvirtqueue_wait_used(s->d, s->vq[q], &id, &len, 10000000));
    g_assert_cmpuint(len, <=, BUF_MAX);
    buf = (uintptr_t)g_hash_table_lookup(s->rxbuf,
                                         GUINT_TO_POINTER((q << 16) | id));
    g_assert(buf);
    qtest_memread(s->qts, buf, data, len);
    return len;
}

static void send_tx(Ser *s, int q, const void *data, uint32_t len)
{
    uint64_t buf = guest_alloc(&s->alloc, len);
    uint16_t head;
    uint32_t id;

    qtest_memwrite(s->qts, buf, data, len);
    head = qvirtqueue_add(s->d, s->vq[q], buf, len, false, false);
    qvirtqueue_kick(s->d, s->vq[q], head);
    g_assert_true(qvirtqueue_wait_used(s->d, s->vq[q], &id, NULL, 10000000));
    g_assert_cmpuint(id, ==, head);
}

static void ctrl_send(Ser *s, uint32_t id, uint16_t event, uint16_t value)
{
    uint8_t msg[8];
    uint32_t le_id = GUINT32_TO_LE(id);
    uint16_t le_ev = GUINT16_TO_LE(event), le_val = GUINT16_TO_LE(value);

    memcpy(msg, &le_id, 4);
    memcpy(msg + 4, &le_ev, 2);
    memcpy(msg + 6, &le_val, 2);
    send_tx(s, Q_CTX, msg, sizeof(msg));
}

/* Next control message from the device; returns the payload length. */
static uint32_t ctrl_recv(Ser *s, uint32_t *id, uint16_t *event,
                          uint16_t *value, char *extra)
{
    uint8_t data[BUF_MAX + 1];
    uint32_t len = recv_rx(s, Q_CRX, data);

    g_assert_cmpuint(len, >=, 8);
    memcpy(id, data, 4);
    memcpy(event, data + 4, 2);
    memcpy(value, data + 6, 2);
    *id = GUINT32_FROM_LE(*id);
    *event = GUINT16_FROM_LE(*event);
    *value = GUINT16_FROM_LE(*value);
    if (extra) {
        memcpy(extra, data + 8, len - 8);
        extra[len - 8] = 0;
    }
    return len - 8;
}

static void expect_ctrl(Ser *s, uint32_t id, uint16_t event, uint16_t value)
{
    uint32_t gid;
    uint16_t gev, gval;

    ctrl_recv(s, &gid, &gev, &gval, NULL);
    g_assert_cmpuint(gev, ==, event);
    g_assert_cmpuint(gid, ==, id);
    g_assert_cmpuint(gval, ==, value);
}

static int client_connect(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    g_assert_cmpint(fd, >=, 0);
    g_strlcpy(addr.sun_path, path, sizeof(addr.sun_path));
    g_assert_cmpint(connect(fd, (struct sockaddr *)&addr, sizeof(addr)),
                    ==, 0);
    return fd;
}

/* Read exactly @len bytes from @fd, keeping the emulator's clock going. */
static void client_read(Ser *s, int fd, void *buf, size_t len)
{
    size_t got = 0;
    gint64 deadline = g_get_monotonic_time() + 10 * G_USEC_PER_SEC;

    while (got < len) {
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        ssize_t n;

        g_assert_cmpint(g_get_monotonic_time(), <, deadline);
        if (poll(&pfd, 1, 10) <= 0) {
            qtest_clock_step(s->qts, 100);
            continue;
        }
        n = read(fd, (uint8_t *)buf + got, len - got);
        g_assert_cmpint(n, >, 0);
        got += n;
    }
}

/* DEVICE_READY .. PORT_READY for both ports; leaves the client closed. */
static void handshake(Ser *s)
{
    char name[BUF_MAX + 1];
    uint32_t id;
    uint16_t event, value;

    post_rx(s, Q_CRX, 16);
    ctrl_send(s, 0, DEVICE_READY, 1);
    /* One PORT_ADD per port, in the order they were created. */
    expect_ctrl(s, 0, PORT_ADD, 1);
    expect_ctrl(s, 1, PORT_ADD, 1);

    /* The console: CONSOLE_PORT, and open (it has no chardev). */
    ctrl_send(s, 0, PORT_READY, 1);
    expect_ctrl(s, 0, CONSOLE_PORT, 1);
    expect_ctrl(s, 0, PORT_OPEN, 1);

    /* The named port: its name; closed until a client connects. */
    ctrl_send(s, 1, PORT_READY, 1);
    g_assert_cmpuint(ctrl_recv(s, &id, &event, &value, name), ==,
                     strlen("org.qemu.guest_agent.0") + 1);
    g_assert_cmpuint(event, ==, PORT_NAME);
    g_assert_cmpuint(id, ==, 1);
    g_assert_cmpstr(name, ==, "org.qemu.guest_agent.0");
}

static void test_config_and_ids(void)
{
    Ser s;

    ser_start(&s);
    g_assert_cmphex(qpci_config_readw(s.d->pdev, 2), ==, 0x1043);
    g_assert_cmphex(qpci_config_readw(s.d->pdev, 0x0a), ==, 0x0780);
    /* max_nr_ports in the config space */
    g_assert_cmpuint(qvirtio_config_readl(s.d, 4), ==, 4);
    ser_stop(&s);
}

static void test_handshake_and_data(void)
{
    static const char g2h[] = "hello from the guest";
    static const char h2g[] = "hello from the host";
    uint8_t data[BUF_MAX];
    char got[sizeof(g2h)];
    Ser s;
    int fd;

    ser_start(&s);
    ser_setup(&s);
    handshake(&s);

    /* A client connecting opens the port towards the guest. */
    fd = client_connect(s.sock);
    expect_ctrl(&s, 1, PORT_OPEN, 1);

    /* The guest opens its end and writes: the client reads it. */
    ctrl_send(&s, 1, PORT_OPEN, 1);
    send_tx(&s, Q_P1TX, g2h, sizeof(g2h));
    client_read(&s, fd, got, sizeof(g2h));
    g_assert_cmpmem(got, sizeof(g2h), g2h, sizeof(g2h));

    /* The client writes: it lands in the guest's receive buffer. */
    post_rx(&s, Q_P1RX, 2);
    g_assert_cmpint(write(fd, h2g, sizeof(h2g)), ==, sizeof(h2g));
    g_assert_cmpuint(recv_rx(&s, Q_P1RX, data), ==, sizeof(h2g));
    g_assert_cmpmem(data, sizeof(h2g), h2g, sizeof(h2g));

    /* The client going away closes the port towards the guest. */
    close(fd);
    expect_ctrl(&s, 1, PORT_OPEN, 0);
    g_assert_cmphex(qvirtio_get_status(s.d) & QVIRTIO_STATUS_NEEDS_RESET,
                    ==, 0);
    ser_stop(&s);
}

/*
 * VSERPORT_CHANGE comes with virtio-devices.json, as the balloon
 * commands do (query-qmp-schema is too big for libqtest's reader).
 */
static bool has_vdev_schema(QTestState *qts)
{
    char *resp = qtest_qmp(qts, "{\"execute\": \"query-commands\"}");
    const char *needle = "\"name\": \"query-balloon\"";
    bool found = strstr(resp, needle) != NULL;

    g_free(resp);
    return found;
}

/*
 * device_add of a virtserialport at run time: the driver gets PORT_ADD
 * and, after PORT_READY, the port's name; device_del sends PORT_REMOVE.
 */
static void test_port_hotplug(void)
{
    char name[BUF_MAX + 1];
    uint32_t id;
    uint16_t event, value;
    char *r;
    Ser s;

    ser_start(&s);
    ser_setup(&s);
    handshake(&s);

    r = qtest_qmp(s.qts, "{'execute': 'device_add', 'arguments': "
                  "{'driver': 'virtserialport', 'bus': 'vser0.0', "
                  "'id': 'hp0', 'nr': 3, 'name': 'org.example.hot'}}");
    if (!strstr(r, "\"return\"")) {
        g_printerr("device_add: %s\n", r);
    }
    g_assert_nonnull(strstr(r, "\"return\""));
    g_free(r);
    expect_ctrl(&s, 3, PORT_ADD, 1);
    ctrl_send(&s, 3, PORT_READY, 1);
    g_assert_cmpuint(ctrl_recv(&s, &id, &event, &value, name), ==,
                     strlen("org.example.hot") + 1);
    g_assert_cmpuint(event, ==, PORT_NAME);
    g_assert_cmpuint(id, ==, 3);
    g_assert_cmpstr(name, ==, "org.example.hot");
    /* No chardev: the host side is open at once. */
    expect_ctrl(&s, 3, PORT_OPEN, 1);

    /* A port number already taken is refused. */
    r = qtest_qmp(s.qts, "{'execute': 'device_add', 'arguments': "
                  "{'driver': 'virtserialport', 'bus': 'vser0.0', "
                  "'id': 'hp1', 'nr': 3}}");
    g_assert_nonnull(strstr(r, "\"error\""));
    g_free(r);

    r = qtest_qmp(s.qts, "{'execute': 'device_del', 'arguments': "
                  "{'id': 'hp0'}}");
    g_assert_nonnull(strstr(r, "\"return\""));
    g_free(r);
    expect_ctrl(&s, 3, PORT_REMOVE, 1);
    r = qtest_qmp(s.qts, "{'execute': 'qom-list', 'arguments': "
                  "{'path': '/machine/peripheral'}}");
    g_assert_null(strstr(r, "hp0"));
    g_free(r);
    ser_stop(&s);
}

/* The guest opening/closing a port with an id emits VSERPORT_CHANGE. */
static void test_vserport_change(void)
{
    static const char *const ev_open[] = {
        "\"event\": \"VSERPORT_CHANGE\"", "\"id\": \"ga0\"",
        "\"open\": true", NULL
    };
    static const char *const ev_close[] = {
        "\"event\": \"VSERPORT_CHANGE\"", "\"id\": \"ga0\"",
        "\"open\": false", NULL
    };
    char *dir = g_dir_make_tmp("vserq-XXXXXX", NULL);
    char *path = g_build_filename(dir, "qmp.sock", NULL);
    char *extra = g_strdup_printf(" -qmp unix:%s,server=on,wait=off", path);
    QmpWatch w;
    Ser s;

    ser_start_extra(&s, extra);
    if (!has_vdev_schema(s.qts)) {
        g_test_skip("qapi/schema/virtio-devices.json is not in the schema");
    } else {
        ser_setup(&s);
        handshake(&s);
        qmp_watch_open(&w, s.qts, path);
        ctrl_send(&s, 1, PORT_OPEN, 1);
        g_assert_true(qmp_watch_wait(&w, s.qts, ev_open));
        ctrl_send(&s, 1, PORT_OPEN, 0);
        g_assert_true(qmp_watch_wait(&w, s.qts, ev_close));
        qmp_watch_close(&w);
    }
    ser_stop(&s);
    g_unlink(path);
    g_rmdir(dir);
    g_free(extra);
    g_free(path);
    g_free(dir);
}

/*
 * 16 MiB written by the guest while the client does not read: the
 * socket fills, the port is throttled, and everything arrives in
 * order once the client reads.
 */
static void test_flow_control(void)
{
    const uint32_t chunk = 1 << 20, nchunks = 16;
    uint8_t *pattern = g_malloc(chunk), *rd = g_malloc(chunk);
    uint64_t received = 0, bufs[16];
    uint32_t completed = 0, i, id;
    gint64 deadline;
    Ser s;
    int fd;

    ser_start(&s);
    ser_setup(&s);
    handshake(&s);
    fd = client_connect(s.sock);
    expect_ctrl(&s, 1, PORT_OPEN, 1);
    ctrl_send(&s, 1, PORT_OPEN, 1);

    for (i = 0; i < nchunks; i++) {
        uint16_t head;
        size_t j;

        for (j = 0; j < chunk; j++) {
            pattern[j] = (uint8_t)(i * 7 + j);
        }
        bufs[i] = guest_alloc_aligned(&s.alloc, chunk, 4096);
        qtest_bufwrite(s.qts, bufs[i], pattern, chunk);
        head = qvirtqueue_add(s.d, s.vq[Q_P1TX], bufs[i], chunk, false,
                              false);
        qvirtqueue_kick(s.d, s.vq[Q_P1TX], head);
    }
    deadline = g_get_monotonic_time() + 60 * G_USEC_PER_SEC;
    while (received < (uint64_t)chunk * nchunks || completed < nchunks) {
        struct pollfd pfd = { .fd = fd, .events = POLLIN };

        g_assert_cmpint(g_get_monotonic_time(), <, deadline);
        if (completed < nchunks &&
            qvirtqueue_wait_used(s.d, s.vq[Q_P1TX], &id, NULL, 1000)) {
            completed++;
        }
        if (poll(&pfd, 1, 1) > 0) {
            ssize_t n = read(fd, rd, chunk);
            ssize_t k;

            g_assert_cmpint(n, >, 0);
            for (k = 0; k < n; k++) {
                uint64_t off = received + k;
                uint8_t want = (uint8_t)((off / chunk) * 7 + off % chunk);

                if (rd[k] != want) {
                    g_error("byte %" G_GUINT64_FORMAT ": got %#x want %#x",
                            off, rd[k], want);
                }
            }
            received += n;
        }
    }
    g_assert_cmpuint(received, ==, (uint64_t)chunk * nchunks);
    close(fd);
    g_free(pattern);
    g_free(rd);
    ser_stop(&s);
}

static void check_malformed(const void *msg, uint32_t len)
{
    Ser s;
    uint64_t buf;
    uint16_t head;

    ser_start(&s);
    ser_setup(&s);
    post_rx(&s, Q_CRX, 4);
    buf = guest_alloc(&s.alloc, 16);
    qtest_memwrite(s.qts, buf, msg, len);
    head = qvirtqueue_add(s.d, s.vq[Q_CTX], buf, len, false, false);
    qvirtqueue_kick(s.d, s.vq[Q_CTX], head);
    g_assert_true(qvirtio_wait_status_bit(s.d, QVIRTIO_STATUS_NEEDS_RESET,
                                          10000000));
    /* Still alive and answering. */
    g_assert_cmpuint(qvirtio_config_readl(s.d, 4), ==, 4);
    ser_stop(&s);
}

static void test_malformed_short(void)
{
    static const uint8_t msg[4] = { 0, 0, 0, 0 };

    check_malformed(msg, sizeof(msg));
}

static void test_malformed_event(void)
{
    /* id 1, event 0x99 */
    static const uint8_t msg[8] = { 1, 0, 0, 0, 0x99, 0, 1, 0 };

    check_malformed(msg, sizeof(msg));
}

static void test_malformed_port(void)
{
    /* PORT_OPEN for port 3, which does not exist */
    static const uint8_t msg[8] = { 3, 0, 0, 0, PORT_OPEN, 0, 1, 0 };

    check_malformed(msg, sizeof(msg));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/virtio-serial/config-ids", test_config_and_ids);
    g_test_add_func("/virtio-serial/handshake-data",
                    test_handshake_and_data);
    g_test_add_func("/virtio-serial/flow-control", test_flow_control);
    g_test_add_func("/virtio-serial/vserport-change", test_vserport_change);
    g_test_add_func("/virtio-serial/port-hotplug", test_port_hotplug);
    g_test_add_func("/virtio-serial/malformed-short", test_malformed_short);
    g_test_add_func("/virtio-serial/malformed-event", test_malformed_event);
    g_test_add_func("/virtio-serial/malformed-port", test_malformed_port);
    return g_test_run();
}
