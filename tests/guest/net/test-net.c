/*
 * Net core unit tests: delivery and queueing between clients, sent
 * callbacks, link state, MAC defaults, hubs, info text, -netdev option
 * handling and the stream framing of -netdev socket,fd= over a
 * socketpair.  The run state is stubbed here (the VM "runs").
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/main-loop.h"
#include "qemu/config-file.h"
#include "qemu/option.h"
#include "qemu/sockets.h"
#include "sysemu/runstate.h"
#include "net/net.h"

/* ---- run-state stubs ---- */

static bool vm_running = true;
static VMChangeStateHandler *vm_handler;

bool runstate_is_running(void)
{
    return vm_running;
}

VMChangeStateEntry *qemu_add_vm_change_state_handler(VMChangeStateHandler *cb,
                                                     void *opaque)
{
    vm_handler = cb;
    return (VMChangeStateEntry *)g_malloc0(1);
}

void qemu_del_vm_change_state_handler(VMChangeStateEntry *e)
{
    vm_handler = NULL;
    g_free(e);
}

/* ---- a test NIC and a test back end ---- */

typedef struct TestNIC {
    NICState *nic;
    NICConf conf;
    bool busy;
    GPtrArray *got;             /* of GByteArray */
    int link_changes;
} TestNIC;

static ssize_t test_nic_receive(NetClientState *nc, const uint8_t *buf,
                                size_t size)
{
    TestNIC *t = qemu_get_nic_opaque(nc);
    GByteArray *b;

    if (t->busy) {
        return 0;
    }
    b = g_byte_array_new();
    g_byte_array_append(b, buf, size);
    g_ptr_array_add(t->got, b);
    return size;
}

static void test_nic_link(NetClientState *nc)
{
    TestNIC *t = qemu_get_nic_opaque(nc);

    t->link_changes++;
}

static NetClientInfo test_nic_info = {
    .type = NET_CLIENT_DRIVER_NIC,
    .size = sizeof(NICState),
    .receive = test_nic_receive,
    .link_status_changed = test_nic_link,
};

static void test_nic_init(TestNIC *t, NetClientState *peer, const char *id)
{
    memset(t, 0, sizeof(*t));
    t->got = g_ptr_array_new_with_free_func((GDestroyNotify)g_byte_array_unref);
    if (peer) {
        t->conf.peers.ncs[0] = peer;
        t->conf.peers.queues = 1;
    }
    qemu_macaddr_default_if_unset(&t->conf.macaddr);
    t->nic = qemu_new_nic(&test_nic_info, &t->conf, "testnic", id, t);
    qemu_format_nic_info_str(qemu_get_queue(t->nic), t->conf.macaddr.a);
}

static void test_nic_fini(TestNIC *t)
{
    qemu_del_nic(t->nic);
    g_ptr_array_free(t->got, true);
}

typedef struct TestBackend {
    NetClientState nc;
    int received;
} TestBackend;

static ssize_t test_be_receive(NetClientState *nc, const uint8_t *buf,
                               size_t size)
{
    DO_UPCAST(TestBackend, nc, nc)->received++;
    return size;
}

static NetClientInfo test_be_info = {
    .type = NET_CLIENT_DRIVER_SOCKET,
    .size = sizeof(TestBackend),
    .receive = test_be_receive,
};

static int sent_calls;
static ssize_t sent_last;

static void sent_cb(NetClientState *nc, ssize_t ret)
{
    sent_calls++;
    sent_last = ret;
}

static const char *got_str(TestNIC *t, int i)
{
    GByteArray *b = g_ptr_array_index(t->got, i);

    return (const char *)b->data;
}

/* ---- tests ---- */

static void test_delivery_and_queue(void)
{
    NetClientState *be = qemu_new_net_client(&test_be_info, NULL, "test",
                                             "be0");
    TestNIC t;

    test_nic_init(&t, be, "nic0");
    g_assert_true(be->peer == qemu_get_queue(t.nic));
    g_assert_true(qemu_find_netdev("be0") == be);

    /* immediate delivery */
    g_assert_cmpint(qemu_send_packet(be, (const uint8_t *)"one", 4), ==, 4);
    g_assert_cmpuint(t.got->len, ==, 1);
    g_assert_cmpstr(got_str(&t, 0), ==, "one");

    /* busy receiver: packets queue in order, sent_cb waits */
    t.busy = true;
    sent_calls = 0;
    g_assert_cmpint(qemu_send_packet_async(be, (const uint8_t *)"two", 4,
                                           sent_cb), ==, 0);
    g_assert_cmpint(qemu_send_packet(be, (const uint8_t *)"three", 6), ==, 0);
    g_assert_cmpuint(t.got->len, ==, 1);
    g_assert_cmpint(sent_calls, ==, 0);
    g_assert_cmpint(qemu_can_send_packet(be), ==, 0);
    t.busy = false;
    qemu_flush_queued_packets(qemu_get_queue(t.nic));
    g_assert_cmpuint(t.got->len, ==, 3);
    g_assert_cmpstr(got_str(&t, 1), ==, "two");
    g_assert_cmpstr(got_str(&t, 2), ==, "three");
    g_assert_cmpint(sent_calls, ==, 1);
    g_assert_cmpint(sent_last, ==, 4);

    /* iovec sends arrive flattened */
    {
        struct iovec iov[2] = {
            { .iov_base = (void *)"ab", .iov_len = 2 },
            { .iov_base = (void *)"c", .iov_len = 2 },
        };
        g_assert_cmpint(qemu_sendv_packet(be, iov, 2), ==, 4);
        g_assert_cmpstr(got_str(&t, 3), ==, "abc");
    }

    /* the NIC's own sends reach the back end */
    qemu_send_packet(qemu_get_queue(t.nic), (const uint8_t *)"up", 3);
    g_assert_cmpint(DO_UPCAST(TestBackend, nc, be)->received, ==, 1);

    /* a stopped VM holds packets back until it runs again */
    vm_running = false;
    g_assert_cmpint(qemu_send_packet(be, (const uint8_t *)"held", 5), ==, 0);
    g_assert_cmpuint(t.got->len, ==, 4);
    vm_running = true;
    g_assert_nonnull(vm_handler);
    vm_handler(NULL, true, RUN_STATE_RUNNING);
    g_assert_cmpuint(t.got->len, ==, 5);
    g_assert_cmpstr(got_str(&t, 4), ==, "held");

    test_nic_fini(&t);
    qemu_del_net_client(be);
    g_assert_null(qemu_find_netdev("be0"));
}

static void test_link(void)
{
    NetClientState *be = qemu_new_net_client(&test_be_info, NULL, "test",
                                             "be1");
    Error *err = NULL;
    TestNIC t;

    test_nic_init(&t, be, "nic1");
    qmp_set_link("be1", false, &error_abort);
    g_assert_true(be->link_down);
    g_assert_true(qemu_get_queue(t.nic)->link_down);
    g_assert_cmpint(t.link_changes, ==, 1);
    /* down links drop silently (size reported as sent) */
    g_assert_cmpint(qemu_send_packet(be, (const uint8_t *)"x", 2), ==, 2);
    g_assert_cmpuint(t.got->len, ==, 0);
    qmp_set_link("nic1", true, &error_abort);
    g_assert_false(be->link_down);
    g_assert_cmpint(t.link_changes, ==, 2);
    qemu_send_packet(be, (const uint8_t *)"y", 2);
    g_assert_cmpuint(t.got->len, ==, 1);

    qmp_set_link("nosuch", true, &err);
    g_assert_nonnull(err);
    g_assert_cmpstr(error_get_pretty(err), ==, "Device 'nosuch' not found");
    error_free(err);
    test_nic_fini(&t);
    qemu_del_net_client(be);
}

static void test_macaddr(void)
{
    MACAddr a = { { 0 } }, b = { { 0 } }, user = { { 0x52, 0x54, 0, 0x12,
                                                     0x34, 0x57 } };
    uint8_t m[6];

    qemu_macaddr_default_if_unset(&a);
    qemu_macaddr_default_if_unset(&user);       /* reserves :57 */
    qemu_macaddr_default_if_unset(&b);
    g_assert_cmpint(a.a[0], ==, 0x52);
    g_assert_cmpint(a.a[4], ==, 0x34);
    g_assert_cmpint(b.a[5], !=, 0x57);
    g_assert_cmpint(b.a[5], >, a.a[5]);
    g_assert_cmpint(user.a[5], ==, 0x57);

    g_assert_cmpint(net_parse_macaddr(m, "52:54:00:ab:cd:ef"), ==, 0);
    g_assert_cmpint(m[3], ==, 0xab);
    g_assert_cmpint(m[5], ==, 0xef);
    g_assert_cmpint(net_parse_macaddr(m, "52-54-00-ab-cd-01"), ==, 0);
    g_assert_cmpint(net_parse_macaddr(m, "52:54:00:ab:cd"), <, 0);
    g_assert_cmpint(net_parse_macaddr(m, "zz:54:00:ab:cd:01"), <, 0);
    g_assert_cmpint(net_parse_macaddr(m, "52:54:00:ab:cd:01:02"), <, 0);
    g_assert_cmpint(net_parse_macaddr(m, "152:54:00:ab:cd:01"), <, 0);
}

static int add_netdev(const char *str, Error **errp)
{
    QemuOpts *opts = qemu_opts_parse(qemu_find_opts("netdev"), str, true,
                                     errp);

    if (!opts) {
        return -1;
    }
    if (net_init_netdev(NULL, opts, errp) < 0) {
        qemu_opts_del(opts);
        return -1;
    }
    return 0;
}

static void expect_netdev_error(const char *str, const char *msg)
{
    Error *err = NULL;

    g_assert_cmpint(add_netdev(str, &err), <, 0);
    g_assert_nonnull(err);
    g_assert_cmpstr(error_get_pretty(err), ==, msg);
    error_free(err);
}

static void test_options(void)
{
    expect_netdev_error("id=x", "Parameter 'type' is missing");
    expect_netdev_error("bogus,id=x",
                        "Parameter 'type' does not accept value 'bogus'");
    expect_netdev_error("hubport,hubid=0", "Parameter 'id' is missing");
    expect_netdev_error("hubport,id=h0", "Parameter 'hubid' is missing");
    expect_netdev_error("hubport,id=h0,hubid=1,what=1",
                        "Invalid parameter 'what'");
    expect_netdev_error("socket,id=s0",
                        "exactly one of listen=, connect=, mcast= or udp= "
                        "is required");
    expect_netdev_error("socket,id=s0,udp=127.0.0.1:9",
                        "localaddr= is mandatory with udp=");
    expect_netdev_error("stream,id=s0", "Parameter 'addr' is missing");
    expect_netdev_error("stream,id=s0,addr.type=inet,addr.host=127.0.0.1",
                        "Parameter 'addr.port' is missing");
    g_assert_cmpint(add_netdev("hubport,id=h0,hubid=1", &error_abort), ==, 0);
    g_assert_nonnull(qemu_find_netdev("h0"));
    expect_netdev_error("hubport,id=h0,hubid=1",
                        "Duplicate ID 'h0' for netdev");
    qmp_netdev_del("h0", &error_abort);
    g_assert_null(qemu_find_netdev("h0"));
}

static void test_json_netdev(void)
{
    QemuOptsList *list = qemu_find_opts("netdev");
    QemuOpts *opts;

    g_assert_cmpint(net_client_parse(list, "{\"type\": \"stream\", "
                                     "\"id\": \"js\", \"server\": false, "
                                     "\"addr\": {\"type\": \"unix\", "
                                     "\"path\": \"/nonexistent\"}}"),
                    ==, 0);
    opts = qemu_opts_find(list, "js");
    g_assert_nonnull(opts);
    g_assert_cmpstr(qemu_opt_get(opts, "type"), ==, "stream");
    g_assert_cmpstr(qemu_opt_get(opts, "server"), ==, "off");
    g_assert_cmpstr(qemu_opt_get(opts, "addr.type"), ==, "unix");
    g_assert_cmpstr(qemu_opt_get(opts, "addr.path"), ==, "/nonexistent");
    qemu_opts_del(opts);

    g_assert_cmpint(net_client_parse(list, "{\"type\": \"hubport\", "
                                     "\"id\": \"jh\", \"hubid\": 7}"),
                    ==, 0);
    opts = qemu_opts_find(list, "jh");
    g_assert_cmpint(net_init_netdev(NULL, opts, &error_abort), ==, 0);
    g_assert_nonnull(qemu_find_netdev("jh"));
    qmp_netdev_del("jh", &error_abort);
    g_assert_true(netdev_is_modern("{}"));
    g_assert_false(netdev_is_modern("user,id=x"));
}

static void test_hub_and_info(void)
{
    TestNIC a, b;
    NetClientState *pa, *pb;
    char *info;

    g_assert_cmpint(add_netdev("hubport,id=hp1,hubid=5", &error_abort), ==, 0);
    g_assert_cmpint(add_netdev("hubport,id=hp2,hubid=5", &error_abort), ==, 0);
    pa = qemu_find_netdev("hp1");
    pb = qemu_find_netdev("hp2");
    test_nic_init(&a, pa, "na");
    test_nic_init(&b, pb, "nb");
    /* a frame from one NIC comes out of every other port of the hub */
    qemu_send_packet(qemu_get_queue(a.nic), (const uint8_t *)"hub!", 5);
    g_assert_cmpuint(b.got->len, ==, 1);
    g_assert_cmpstr(got_str(&b, 0), ==, "hub!");
    g_assert_cmpuint(a.got->len, ==, 0);

    info = qemu_net_info_string();
    g_assert_nonnull(strstr(info, "hub 5\n"));
    g_assert_nonnull(strstr(info, " \\ hp1: na: index=0,type=nic,"
                                  "model=testnic,macaddr=52:54:00:12:34:"));
    g_free(info);

    /* query-rx-filter: NICs without the hook are skipped */
    {
        Error *err = NULL;
        GPtrArray *l = qmp_query_rx_filter_list(false, NULL, &error_abort);

        g_assert_cmpuint(l->len, ==, 0);
        g_ptr_array_free(l, true);
        g_assert_null(qmp_query_rx_filter_list(true, "hp1", &err));
        g_assert_cmpstr(error_get_pretty(err), ==,
                        "net client(hp1) isn't a NIC");
        error_free(err);
    }
    test_nic_fini(&a);
    test_nic_fini(&b);
}

static void pump(int n)
{
    while (n--) {
        main_loop_wait(true);
    }
}

static void test_socket_framing(void)
{
    int sv[2];
    char *spec;
    TestNIC t;
    uint8_t buf[64];
    uint8_t wire[] = { 0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o',
                       0, 0, 0, 3, 'a', 'b', 'c' };
    ssize_t n;
    int i;

    g_assert_cmpint(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), ==, 0);
    spec = g_strdup_printf("socket,id=sp0,fd=%d", sv[0]);
    g_assert_cmpint(add_netdev(spec, &error_abort), ==, 0);
    g_free(spec);
    test_nic_init(&t, qemu_find_netdev("sp0"), "nsp");

    /* NIC → wire: a 4-byte big-endian length, then the frame */
    qemu_send_packet(qemu_get_queue(t.nic), (const uint8_t *)"frame", 5);
    n = recv(sv[1], buf, sizeof(buf), 0);
    g_assert_cmpint(n, ==, 9);
    g_assert_cmpmem(buf, 9, "\0\0\0\5frame", 9);

    /* wire → NIC, with the length prefix split across writes */
    g_assert_cmpint(write(sv[1], wire, 2), ==, 2);
    pump(5);
    g_assert_cmpuint(t.got->len, ==, 0);
    g_assert_cmpint(write(sv[1], wire + 2, sizeof(wire) - 2), ==,
                    sizeof(wire) - 2);
    for (i = 0; i < 50 && t.got->len < 2; i++) {
        pump(1);
    }
    g_assert_cmpuint(t.got->len, ==, 2);
    g_assert_cmpmem(((GByteArray *)g_ptr_array_index(t.got, 0))->data, 5,
                    "hello", 5);
    g_assert_cmpmem(((GByteArray *)g_ptr_array_index(t.got, 1))->data, 3,
                    "abc", 3);
    test_nic_fini(&t);
    qmp_netdev_del("sp0", &error_abort);
    close(sv[1]);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    module_call_init(MODULE_INIT_OPTS);
    if (!qemu_find_opts_err("netdev", NULL)) {
        qemu_add_opts(&qemu_netdev_opts);
        qemu_add_opts(&qemu_nic_opts);
        qemu_add_opts(&qemu_net_opts);
    }
    qemu_init_main_loop(&error_abort);
    /* nothing on the command line: only registers the run-state hook */
    g_assert_cmpint(net_init_clients(&error_abort), ==, 0);
    qemu_mutex_lock_iothread();
    g_test_add_func("/net/delivery-and-queue", test_delivery_and_queue);
    g_test_add_func("/net/link", test_link);
    g_test_add_func("/net/macaddr", test_macaddr);
    g_test_add_func("/net/options", test_options);
    g_test_add_func("/net/json-netdev", test_json_netdev);
    g_test_add_func("/net/hub-and-info", test_hub_and_info);
    g_test_add_func("/net/socket-framing", test_socket_framing);
    return g_test_run();
}
