/*
 * ACPI PCI hot-plug through the PIIX4 PM (0xae00 block, GPE0 bit 1):
 * device_add of a virtio-blk-pci at run time shows up in PCIU, raises
 * the GPE status and answers config cycles in its slot, with working
 * BARs and virtqueue I/O; device_del only flags PCID until the test,
 * acting as the guest's _EJ0, writes B0EJ; DEVICE_DELETED follows and
 * the slot reads all ones.  Errors as QEMU 7.2 words them.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include "libqtest.h"
#include "libqos.h"

#define PCIHP_UP    0xae00
#define PCIHP_DOWN  0xae04
#define PCIHP_EJ    0xae08
#define PCIHP_RMV   0xae0c
#define PCIHP_SEL   0xae10
#define GPE0_STS    0xafe0
#define GPE0_EN     0xafe2
#define GPE_PCIHP   0x02

#define SLOT        6
#define SECTOR      512

typedef struct Fixture {
    QTestState *qts;
    char *dir, *events_path, *img;
    int ev_fd;          /* second QMP monitor: events */
    GString *ev_rx;
} Fixture;

/* ---- events on a second monitor (libqtest's qtest_qmp skips them) ---- */

static char *ev_line(Fixture *f, gint64 deadline)
{
    for (;;) {
        char *nl = strchr(f->ev_rx->str, '\n');
        struct pollfd pfd = { .fd = f->ev_fd, .events = POLLIN };
        char buf[4096];
        ssize_t n;

        if (nl) {
            char *line = g_strndup(f->ev_rx->str, nl - f->ev_rx->str);

            g_string_erase(f->ev_rx, 0, nl - f->ev_rx->str + 1);
            return line;
        }
        if (g_get_monotonic_time() > deadline) {
            return NULL;
        }
        if (poll(&pfd, 1, 50) > 0) {
            n = read(f->ev_fd, buf, sizeof(buf));
            g_assert_cmpint(n, >, 0);
            g_string_append_len(f->ev_rx, buf, n);
        }
    }
}

/* Wait (up to 10 s) for a line containing @a and @b. */
static bool ev_wait(Fixture *f, const char *a, const char *b)
{
    gint64 deadline = g_get_monotonic_time() + 10 * G_USEC_PER_SEC;
    char *line;

    while ((line = ev_line(f, deadline))) {
        bool hit = strstr(line, a) && (!b || strstr(line, b));

        g_free(line);
        if (hit) {
            return true;
        }
    }
    return false;
}

/* Drop whatever arrived so far without waiting. */
static bool ev_pending(Fixture *f, const char *a)
{
    gint64 deadline = g_get_monotonic_time() + 100 * 1000;
    bool seen = false;
    char *line;

    while ((line = ev_line(f, deadline))) {
        seen |= strstr(line, a) != NULL;
        g_free(line);
    }
    return seen;
}

static void ev_open(Fixture *f)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    gint64 deadline = g_get_monotonic_time() + 10 * G_USEC_PER_SEC;
    const char *cap = "{\"execute\": \"qmp_capabilities\"}\n";
    char *line;

    f->ev_fd = socket(AF_UNIX, SOCK_STREAM, 0);
    g_assert_cmpint(f->ev_fd, >=, 0);
    g_strlcpy(addr.sun_path, f->events_path, sizeof(addr.sun_path));
    g_assert_cmpint(connect(f->ev_fd, (struct sockaddr *)&addr,
                            sizeof(addr)), ==, 0);
    f->ev_rx = g_string_new(NULL);
    line = ev_line(f, deadline);                /* greeting */
    g_assert_nonnull(strstr(line, "\"QMP\""));
    g_free(line);
    g_assert_cmpint(write(f->ev_fd, cap, strlen(cap)), ==, strlen(cap));
    g_assert_true(ev_wait(f, "\"return\"", NULL));
}

/* ---- set-up ---- */

static void fixture_start(Fixture *f, const char *extra)
{
    uint8_t buf[4 * SECTOR];
    int i;

    memset(f, 0, sizeof(*f));
    f->dir = g_dir_make_tmp("acpi-hotplug-XXXXXX", NULL);
    g_assert_nonnull(f->dir);
    f->events_path = g_build_filename(f->dir, "events.sock", NULL);
    f->img = g_build_filename(f->dir, "disk.raw", NULL);
    for (i = 0; i < sizeof(buf); i++) {
        buf[i] = (uint8_t)(i * 7 + i / SECTOR);
    }
    g_assert_true(g_file_set_contents(f->img, (char *)buf, sizeof(buf),
                                      NULL));
    f->qts = qtest_initf("-machine pc -m 128 -nodefaults "
                         "-qmp unix:%s,server=on,wait=off %s",
                         f->events_path, extra ? extra : "");
    ev_open(f);
}

static void fixture_stop(Fixture *f)
{
    g_assert_true(qtest_probe_child(f->qts));
    qtest_quit(f->qts);
    close(f->ev_fd);
    g_string_free(f->ev_rx, true);
    g_unlink(f->img);
    g_unlink(f->events_path);
    g_rmdir(f->dir);
    g_free(f->img);
    g_free(f->events_path);
    g_free(f->dir);
}

static void qmp_ok(Fixture *f, const char *json)
{
    g_autofree char *r = qtest_qmp_raw(f->qts, json);

    if (!strstr(r, "\"return\"")) {
        g_test_message("%s -> %s", json, r);
    }
    g_assert_nonnull(strstr(r, "\"return\""));
}

/* The reply must be an error carrying @desc (and @cls if given). */
static void qmp_err(Fixture *f, const char *json, const char *cls,
                    const char *desc)
{
    g_autofree char *r = qtest_qmp_raw(f->qts, json);

    if (!strstr(r, desc) || (cls && !strstr(r, cls))) {
        g_test_message("%s -> %s (want %s)", json, r, desc);
    }
    g_assert_nonnull(strstr(r, "\"error\""));
    g_assert_nonnull(strstr(r, desc));
    if (cls) {
        g_assert_nonnull(strstr(r, cls));
    }
}

static void blockdev_add(Fixture *f, const char *node)
{
    g_autofree char *cmd = g_strdup_printf(
        "{\"execute\": \"blockdev-add\", \"arguments\": {\"driver\": \"raw\","
        " \"node-name\": \"%s\", \"file\": {\"driver\": \"file\","
        " \"filename\": \"%s\"}}}", node, f->img);

    qmp_ok(f, cmd);
}

static void device_add_blk(Fixture *f, const char *id, const char *node,
                           int slot)
{
    g_autofree char *cmd = g_strdup_printf(
        "{\"execute\": \"device_add\", \"arguments\": {\"driver\":"
        " \"virtio-blk-pci\", \"bus\": \"pci.0\", \"addr\": \"0x%x\","
        " \"id\": \"%s\", \"drive\": \"%s\"}}", slot, id, node);

    qmp_ok(f, cmd);
}

static uint32_t cfg_readl(Fixture *f, int slot, int off)
{
    qtest_outl(f->qts, 0xcf8, 0x80000000u | (slot << 11) | off);
    return qtest_inl(f->qts, 0xcfc);
}

/* ---- virtio-blk read on the hot-plugged device ---- */

static void blk_read_sector(Fixture *f, uint64_t sector)
{
    QPCIBus bus;
    QGuestAllocator alloc;
    QVirtioPCIDevice *d;
    QVirtQueue *vq;
    uint8_t hdr[16] = { 0 }, data[SECTOR], status = 0xff;
    uint64_t hdr_a, data_a, status_a;
    uint32_t id, len;
    uint16_t head;
    int i;

    qpci_init_pc(&bus, f->qts);
    guest_alloc_init(&alloc, 1 << 20, 100 << 20);
    d = qvirtio_pci_find(&bus, 2, false);
    g_assert_nonnull(d);
    g_assert_cmpint(d->pdev->devfn, ==, QPCI_DEVFN(SLOT, 0));
    qvirtio_start(d, 0);
    vq = qvirtqueue_setup(d, &alloc, 0);
    qvirtio_driver_ok(d);
    /* capacity in 512-byte sectors: the 4-sector image */
    g_assert_cmpuint(qvirtio_config_readq(d, 0), ==, 4);

    hdr[0] = 0;                                     /* VIRTIO_BLK_T_IN */
    for (i = 0; i < 8; i++) {
        hdr[8 + i] = sector >> (8 * i);
    }
    hdr_a = guest_alloc(&alloc, sizeof(hdr));
    data_a = guest_alloc(&alloc, SECTOR);
    status_a = guest_alloc(&alloc, 1);
    qtest_memwrite(f->qts, hdr_a, hdr, sizeof(hdr));
    qtest_memwrite(f->qts, status_a, &status, 1);
    head = qvirtqueue_add(d, vq, hdr_a, sizeof(hdr), false, true);
    qvirtqueue_add(d, vq, data_a, SECTOR, true, true);
    qvirtqueue_add(d, vq, status_a, 1, true, false);
    qvirtqueue_kick(d, vq, head);
    g_assert_true(qvirtqueue_wait_used(d, vq, &id, &len, 5 * G_USEC_PER_SEC));
    g_assert_cmpuint(id, ==, head);
    qtest_memread(f->qts, status_a, &status, 1);
    g_assert_cmpuint(status, ==, 0);
    qtest_memread(f->qts, data_a, data, SECTOR);
    for (i = 0; i < SECTOR; i++) {
        g_assert_cmpuint(data[i], ==, (uint8_t)((sector * SECTOR + i) * 7 +
                                                sector));
    }
    qvirtio_reset(d);
    g_free(vq);
    qvirtio_pci_free(d);
}

/* ---- tests ---- */

static void test_plug_unplug(void)
{
    Fixture f;

    fixture_start(&f, NULL);
    /* Nothing pending; slots 0 and 1 (host bridge, PIIX3) fixed. */
    g_assert_cmphex(qtest_inl(f.qts, PCIHP_UP), ==, 0);
    g_assert_cmphex(qtest_inl(f.qts, PCIHP_DOWN), ==, 0);
    g_assert_cmphex(qtest_inl(f.qts, PCIHP_RMV), ==, 0xfffffffc);
    g_assert_cmphex(qtest_inw(f.qts, GPE0_STS), ==, 0);
    g_assert_cmphex(cfg_readl(&f, SLOT, 0), ==, 0xffffffff);
    qtest_outw(f.qts, GPE0_EN, GPE_PCIHP);

    blockdev_add(&f, "disk1");
    device_add_blk(&f, "hp1", "disk1", SLOT);
    /* PCIU names the slot once (read clears); GPE0 bit 1 is set */
    g_assert_cmphex(qtest_inl(f.qts, PCIHP_UP), ==, 1u << SLOT);
    g_assert_cmphex(qtest_inl(f.qts, PCIHP_UP), ==, 0);
    g_assert_cmphex(qtest_inw(f.qts, GPE0_STS) & GPE_PCIHP, ==, GPE_PCIHP);
    qtest_outw(f.qts, GPE0_STS, GPE_PCIHP);         /* write 1 to clear */
    g_assert_cmphex(qtest_inw(f.qts, GPE0_STS) & GPE_PCIHP, ==, 0);
    /* virtio-blk transitional 1af4:1001, subsystem id 2 */
    g_assert_cmphex(cfg_readl(&f, SLOT, 0), ==, 0x10011af4);
    g_assert_cmphex(cfg_readl(&f, SLOT, 0x2c) >> 16, ==, 2);
    blk_read_sector(&f, 2);

    qmp_ok(&f, "{\"execute\": \"device_del\", \"arguments\": "
               "{\"id\": \"hp1\"}}");
    g_assert_cmphex(qtest_inl(f.qts, PCIHP_DOWN), ==, 1u << SLOT);
    g_assert_cmphex(qtest_inl(f.qts, PCIHP_DOWN), ==, 1u << SLOT);
    g_assert_cmphex(qtest_inw(f.qts, GPE0_STS) & GPE_PCIHP, ==, GPE_PCIHP);
    /* Still there until the guest ejects it. */
    g_assert_cmphex(cfg_readl(&f, SLOT, 0), ==, 0x10011af4);
    g_assert_false(ev_pending(&f, "DEVICE_DELETED"));
    qmp_err(&f, "{\"execute\": \"device_del\", \"arguments\": "
                "{\"id\": \"hp1\"}}", NULL,
            "Device hp1 is already in the process of unplug");
    qmp_err(&f, "{\"execute\": \"blockdev-del\", \"arguments\": "
                "{\"node-name\": \"disk1\"}}", NULL, "is in use");

    /* The guest's _EJ0: BNUM = 0, B0EJ = 1 << slot */
    qtest_outl(f.qts, PCIHP_SEL, 0);
    qtest_outl(f.qts, PCIHP_EJ, 1u << SLOT);
    g_assert_true(ev_wait(&f, "\"DEVICE_DELETED\"",
                          "\"path\": \"/machine/peripheral/hp1\""));
    g_assert_cmphex(cfg_readl(&f, SLOT, 0), ==, 0xffffffff);
    g_assert_cmphex(qtest_inl(f.qts, PCIHP_DOWN), ==, 0);
    qmp_ok(&f, "{\"execute\": \"blockdev-del\", \"arguments\": "
               "{\"node-name\": \"disk1\"}}");

    /* The slot is free again. */
    blockdev_add(&f, "disk2");
    device_add_blk(&f, "hp2", "disk2", SLOT);
    g_assert_cmphex(qtest_inl(f.qts, PCIHP_UP), ==, 1u << SLOT);
    g_assert_cmphex(cfg_readl(&f, SLOT, 0), ==, 0x10011af4);
    fixture_stop(&f);
}

/* system_reset completes an unplug the guest never acknowledged. */
static void test_reset_completes_unplug(void)
{
    Fixture f;

    fixture_start(&f, NULL);
    blockdev_add(&f, "disk1");
    device_add_blk(&f, "hp1", "disk1", SLOT);
    qmp_ok(&f, "{\"execute\": \"device_del\", \"arguments\": "
               "{\"id\": \"hp1\"}}");
    qmp_ok(&f, "{\"execute\": \"system_reset\"}");
    g_assert_true(ev_wait(&f, "\"DEVICE_DELETED\"", "\"device\": \"hp1\""));
    g_assert_cmphex(cfg_readl(&f, SLOT, 0), ==, 0xffffffff);
    g_assert_cmphex(qtest_inl(f.qts, PCIHP_UP), ==, 0);
    g_assert_cmphex(qtest_inl(f.qts, PCIHP_DOWN), ==, 0);
    qmp_ok(&f, "{\"execute\": \"blockdev-del\", \"arguments\": "
               "{\"node-name\": \"disk1\"}}");
    fixture_stop(&f);
}

/* Ejecting board functions does nothing; other bus numbers are empty. */
static void test_guest_misuse(void)
{
    Fixture f;

    fixture_start(&f, NULL);
    qtest_outl(f.qts, PCIHP_EJ, 1u << 1);           /* PIIX3's slot */
    g_assert_cmphex(cfg_readl(&f, 1, 0), ==, 0x70008086);
    qtest_outl(f.qts, PCIHP_SEL, 5);
    g_assert_cmphex(qtest_inl(f.qts, PCIHP_SEL), ==, 5);
    g_assert_cmphex(qtest_inl(f.qts, PCIHP_UP), ==, 0);
    qtest_outl(f.qts, PCIHP_EJ, 0xffffffff);
    qtest_outl(f.qts, PCIHP_SEL, 0);
    g_assert_cmphex(cfg_readl(&f, 0, 0), ==, 0x12378086);
    g_assert_true(qtest_probe_child(f.qts));
    fixture_stop(&f);
}

static void test_errors(void)
{
    Fixture f;

    fixture_start(&f, NULL);
    blockdev_add(&f, "disk1");
    qmp_err(&f, "{\"execute\": \"device_add\", \"arguments\": {\"driver\":"
                " \"isa-serial\", \"id\": \"s1\"}}", NULL,
            "Bus 'isa.0' does not support hotplugging");
    qmp_err(&f, "{\"execute\": \"device_del\", \"arguments\": "
                "{\"id\": \"nope\"}}", "DeviceNotFound",
            "Device 'nope' not found");
    qmp_err(&f, "{\"execute\": \"device_add\", \"arguments\": {\"driver\":"
                " \"virtio-blk-pci\", \"bus\": \"pci.0\", \"addr\": \"0x20\","
                " \"drive\": \"disk1\"}}", NULL,
            "Property 'virtio-blk-pci.addr' doesn't take value '0x20'");
    qmp_err(&f, "{\"execute\": \"device_add\", \"arguments\": {\"driver\":"
                " \"virtio-blk-pci\", \"bus\": \"pci.0\", \"addr\": \"0x1\","
                " \"drive\": \"disk1\"}}", NULL,
            "PCI: slot 1 function 0 not available for virtio-blk-pci, "
            "in use by PIIX3");
    /* A failed add leaves nothing behind: the node is free. */
    g_assert_cmphex(qtest_inl(f.qts, PCIHP_UP), ==, 0);
    qmp_ok(&f, "{\"execute\": \"blockdev-del\", \"arguments\": "
               "{\"node-name\": \"disk1\"}}");
    fixture_stop(&f);

    /* acpi-root-pci-hotplug=off: pci.0 takes no hot-plugged devices */
    fixture_start(&f, "-global PIIX4_PM.acpi-root-pci-hotplug=off");
    blockdev_add(&f, "disk1");
    qmp_err(&f, "{\"execute\": \"device_add\", \"arguments\": {\"driver\":"
                " \"virtio-blk-pci\", \"bus\": \"pci.0\", \"addr\": \"0x6\","
                " \"drive\": \"disk1\"}}", NULL,
            "Bus 'pci.0' does not support hotplugging");
    fixture_stop(&f);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/acpi-hotplug/plug-unplug", test_plug_unplug);
    g_test_add_func("/acpi-hotplug/reset-completes-unplug",
                    test_reset_completes_unplug);
    g_test_add_func("/acpi-hotplug/guest-misuse", test_guest_misuse);
    g_test_add_func("/acpi-hotplug/errors", test_errors);
    return g_test_run();
}
