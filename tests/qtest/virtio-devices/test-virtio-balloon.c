/*
 * virtio-balloon-pci under qtest: IDs, QMP balloon/query-balloon and
 * the config space, inflating touched pages gives them back to the
 * host (the emulator's VmRSS drops), bogus PFNs are ignored, and the
 * guest-stats QOM properties.
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>
#include "libqos.h"
#include "qmp-watch.h"

#define VIRTIO_ID_BALLOON 5

typedef struct Balloon {
    QTestState *qts;
    QPCIBus bus;
    QGuestAllocator alloc;
    QVirtioPCIDevice *d;
    QVirtQueue *ivq, *dvq;
} Balloon;

static void balloon_start(Balloon *b, int mem_mib, const char *extra)
{
    memset(b, 0, sizeof(*b));
    b->qts = qtest_initf("-machine pc -m %d -device virtio-balloon-pci,"
                         "id=balloon0,disable-legacy=on%s", mem_mib,
                         extra ? extra : "");
    qpci_init_pc(&b->bus, b->qts);
    /* Rings and PFN arrays below 16 MiB; tests touch RAM above it. */
    guest_alloc_init(&b->alloc, 1 << 20, 16 << 20);
    b->d = qvirtio_pci_find(&b->bus, VIRTIO_ID_BALLOON, true);
    g_assert(b->d);
    qvirtio_start(b->d, 0);
    b->ivq = qvirtqueue_setup(b->d, &b->alloc, 0);
    b->dvq = qvirtqueue_setup(b->d, &b->alloc, 1);
    qvirtio_driver_ok(b->d);
}

static void balloon_stop(Balloon *b)
{
    qvirtio_pci_free(b->d);
    qtest_quit(b->qts);
}

static bool has_command(QTestState *qts, const char *name)
{
    char *resp = qtest_qmp(qts, "{\"execute\": \"query-commands\"}");
    char *needle = g_strdup_printf("\"name\": \"%s\"", name);
    bool found = strstr(resp, needle) != NULL;

    g_free(needle);
    g_free(resp);
    return found;
}

static void test_ids_and_features(void)
{
    QTestState *qts = qtest_init("-machine pc -m 64 "
                                 "-device virtio-balloon-pci,addr=05.0,"
                                 "deflate-on-oom=on,free-page-reporting=on");
    QPCIBus bus;
    QPCIDevice *pdev;
    QVirtioPCIDevice *d;
    uint64_t f;

    qpci_init_pc(&bus, qts);
    pdev = qpci_device_find(&bus, QPCI_DEVFN(5, 0));
    g_assert(pdev);
    g_assert_cmphex(qpci_config_readw(pdev, 0), ==, 0x1af4);
    g_assert_cmphex(qpci_config_readw(pdev, 2), ==, 0x1002);
    g_assert_cmphex(qpci_config_readw(pdev, 0x2e), ==, 5);
    qpci_device_free(pdev);
    d = qvirtio_pci_find(&bus, VIRTIO_ID_BALLOON, false);
    g_assert(d);
    f = qvirtio_get_features(d);
    g_assert_true(f & (1ull << 1));                 /* STATS_VQ */
    g_assert_true(f & (1ull << 2));                 /* DEFLATE_ON_OOM */
    g_assert_true(f & (1ull << 5));                 /* REPORTING */
    g_assert_false(f & (1ull << 3));                /* FREE_PAGE_HINT */
    qvirtio_pci_free(d);
    qtest_quit(qts);

    qts = qtest_init("-machine pc -m 64 "
                     "-device virtio-balloon-pci,disable-legacy=on");
    qpci_init_pc(&bus, qts);
    pdev = qpci_find_by_id(&bus, 0x1af4, 0x1045);
    g_assert(pdev);
    qpci_device_free(pdev);
    qtest_quit(qts);
}

static void test_qmp_balloon(void)
{
    Balloon b;
    char *resp;

    balloon_start(&b, 128, NULL);
    if (!has_command(b.qts, "balloon")) {
        balloon_stop(&b);
        g_test_skip("qapi/schema/virtio-devices.json is not in the schema");
        return;
    }
    g_assert_cmpuint(qvirtio_config_readl(b.d, 0), ==, 0);
    resp = qtest_qmp(b.qts, "{\"execute\": \"balloon\", \"arguments\": "
                     "{\"value\": %d}}", 64 << 20);
    g_assert_nonnull(strstr(resp, "\"return\""));
    g_free(resp);
    /* num_pages: what the guest should give back, in 4 KiB pages. */
    g_assert_cmpuint(qvirtio_config_readl(b.d, 0), ==, (64 << 20) / 4096);

    resp = qtest_qmp(b.qts, "{\"execute\": \"query-balloon\"}");
    g_assert_nonnull(strstr(resp, "{\"return\": {\"actual\": 134217728}}"));
    g_free(resp);

    /* The guest reports progress in "actual". */
    qpci_io_writel(b.d->pdev, b.d->device_bar, b.d->device_off + 4, 256);
    resp = qtest_qmp(b.qts, "{\"execute\": \"query-balloon\"}");
    g_assert_nonnull(strstr(resp, "{\"return\": {\"actual\": 133169152}}"));
    g_free(resp);

    resp = qtest_qmp(b.qts, "{\"execute\": \"balloon\", \"arguments\": "
                     "{\"value\": 0}}");
    g_assert_nonnull(strstr(resp, "GenericError"));
    g_free(resp);
    balloon_stop(&b);
}

/* The guest moving "actual" is reported as BALLOON_CHANGE. */
static void test_balloon_change_event(void)
{
    static const char *const ev[] = {
        "\"event\": \"BALLOON_CHANGE\"", "\"actual\": 66060288", NULL
    };
    char *dir = g_dir_make_tmp("vballoon-XXXXXX", NULL);
    char *path = g_build_filename(dir, "qmp.sock", NULL);
    char *extra = g_strdup_printf(" -qmp unix:%s,server=on,wait=off", path);
    QmpWatch w;
    Balloon b;

    balloon_start(&b, 64, extra);
    if (!has_command(b.qts, "balloon")) {
        g_test_skip("qapi/schema/virtio-devices.json is not in the schema");
    } else {
        qmp_watch_open(&w, b.qts, path);
        /* 64 MiB - 256 pages */
        qpci_io_writel(b.d->pdev, b.d->device_bar, b.d->device_off + 4, 256);
        g_assert_true(qmp_watch_wait(&w, b.qts, ev));
        qmp_watch_close(&w);
    }
    balloon_stop(&b);
    g_unlink(path);
    g_rmdir(dir);
    g_free(extra);
    g_free(path);
    g_free(dir);
}

static void test_qmp_no_balloon(void)
{
    QTestState *qts = qtest_init("-machine pc -m 64");
    char *resp;

    if (!has_command(qts, "query-balloon")) {
        qtest_quit(qts);
        g_test_skip("qapi/schema/virtio-devices.json is not in the schema");
        return;
    }
    resp = qtest_qmp(qts, "{\"execute\": \"query-balloon\"}");
    g_assert_nonnull(strstr(resp, "DeviceNotActive"));
    g_assert_nonnull(strstr(resp, "No balloon device has been activated"));
    g_free(resp);
    resp = qtest_qmp(qts, "{\"execute\": \"balloon\", \"arguments\": "
                     "{\"value\": 1048576}}");
    g_assert_nonnull(strstr(resp, "No balloon device has been activated"));
    g_free(resp);
    qtest_quit(qts);
}

static long vm_rss_kib(pid_t pid)
{
    char *path = g_strdup_printf("/proc/%d/status", (int)pid);
    char *text = NULL;
    const char *line;
    long kib = -1;

    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    line = strstr(text, "VmRSS:");
    g_assert_nonnull(line);
    kib = strtol(line + 6, NULL, 10);
    g_free(text);
    g_free(path);
    return kib;
}

/* Put @n PFNs starting at @first_pfn on the inflate queue and wait. */
static void inflate(Balloon *b, uint32_t first_pfn, uint32_t n)
{
    uint32_t *pfns = g_new(uint32_t, n);
    uint64_t buf = guest_alloc(&b->alloc, n * 4);
    uint32_t i, id, len;
    uint16_t head;

    for (i = 0; i < n; i++) {
        pfns[i] = GUINT32_TO_LE(first_pfn + i);
    }
    qtest_memwrite(b->qts, buf, pfns, n * 4);
    head = qvirtqueue_add(b->d, b->ivq, buf, n * 4, false, false);
    qvirtqueue_kick(b->d, b->ivq, head);
    g_assert_true(qvirtqueue_wait_used(b->d, b->ivq, &id, &len, 30000000));
    g_assert_cmpuint(id, ==, head);
    g_free(pfns);
}

static void test_inflate_rss(void)
{
    Balloon b;
    const uint64_t start = 64 << 20, size = 64 << 20;
    long before, touched, after;

    balloon_start(&b, 256, NULL);
    before = vm_rss_kib(qtest_pid(b.qts));
    qtest_memset(b.qts, start, 0x5a, size);
    g_assert_cmphex(qtest_readb(b.qts, start + size - 1), ==, 0x5a);
    touched = vm_rss_kib(qtest_pid(b.qts));
    g_assert_cmpint(touched - before, >=, 48 * 1024);

    inflate(&b, start >> 12, size >> 12);
    after = vm_rss_kib(qtest_pid(b.qts));
    g_assert_cmpint(touched - after, >=, 48 * 1024);
    /* The host dropped the pages: the guest would see fresh zeroes. */
    g_assert_cmphex(qtest_readb(b.qts, start), ==, 0);
    g_assert_cmphex(qtest_readb(b.qts, start + size - 1), ==, 0);
    /* Pages next to the range are untouched. */
    qtest_writeb(b.qts, start - 1, 0x77);
    g_assert_cmphex(qtest_readb(b.qts, start - 1), ==, 0x77);
    balloon_stop(&b);
}

static void test_inflate_bogus_pfns(void)
{
    Balloon b;
    uint64_t bios = 0xfffffff0;
    uint8_t rom_before, rom_after;

    balloon_start(&b, 64, NULL);
    rom_before = qtest_readb(b.qts, bios);
    qtest_writeb(b.qts, 0x30000, 0x42);
    /* Beyond RAM, the BIOS ROM, the PCI hole, the last possible PFN. */
    inflate(&b, (256u << 20) >> 12, 4);
    inflate(&b, 0xfffff, 1);
    inflate(&b, 0xe0000, 4);
    inflate(&b, 0xffffffff, 1);
    rom_after = qtest_readb(b.qts, bios);
    g_assert_cmphex(rom_before, ==, rom_after);
    g_assert_cmphex(qtest_readb(b.qts, 0x30000), ==, 0x42);
    /* Deflating is just an acknowledgement. */
    g_assert_cmphex(qvirtio_get_status(b.d) & QVIRTIO_STATUS_NEEDS_RESET,
                    ==, 0);
    balloon_stop(&b);
}

/* free-page-reporting: reported ranges are discarded like inflated ones. */
static void test_free_page_reporting(void)
{
    const uint64_t start = 32 << 20, size = 4 << 20;
    QVirtQueue *rvq;
    uint32_t id, len;
    uint16_t head;
    Balloon b;

    balloon_start(&b, 64, ",free-page-reporting=on");
    qvirtqueue_setup(b.d, &b.alloc, 2);
    rvq = qvirtqueue_setup(b.d, &b.alloc, 3);
    qtest_memset(b.qts, start, 0x5a, size);
    qtest_memset(b.qts, start + size, 0x6b, 4096);
    head = qvirtqueue_add(b.d, rvq, start, size, true, false);
    qvirtqueue_kick(b.d, rvq, head);
    g_assert_true(qvirtqueue_wait_used(b.d, rvq, &id, &len, 10000000));
    g_assert_cmpuint(id, ==, head);
    g_assert_cmphex(qtest_readb(b.qts, start), ==, 0);
    g_assert_cmphex(qtest_readb(b.qts, start + size - 1), ==, 0);
    g_assert_cmphex(qtest_readb(b.qts, start + size), ==, 0x6b);

    /* A device-readable buffer on the reporting queue is a guest bug. */
    head = qvirtqueue_add(b.d, rvq, start, 4096, false, false);
    qvirtqueue_kick(b.d, rvq, head);
    g_assert_true(qvirtio_wait_status_bit(b.d, QVIRTIO_STATUS_NEEDS_RESET,
                                          10000000));
    balloon_stop(&b);
}

static void test_guest_stats_props(void)
{
    Balloon b;
    char *resp;

    balloon_start(&b, 64, NULL);
    resp = qtest_qmp(b.qts, "{\"execute\": \"qom-set\", \"arguments\": "
                     "{\"path\": \"/machine/peripheral/balloon0\", "
                     "\"property\": \"guest-stats-polling-interval\", "
                     "\"value\": 2}}");
    g_assert_nonnull(strstr(resp, "\"return\""));
    g_free(resp);
    resp = qtest_qmp(b.qts, "{\"execute\": \"qom-get\", \"arguments\": "
                     "{\"path\": \"/machine/peripheral/balloon0\", "
                     "\"property\": \"guest-stats-polling-interval\"}}");
    g_assert_nonnull(strstr(resp, "{\"return\": 2}"));
    g_free(resp);
    resp = qtest_qmp(b.qts, "{\"execute\": \"qom-set\", \"arguments\": "
                     "{\"path\": \"/machine/peripheral/balloon0\", "
                     "\"property\": \"guest-stats-polling-interval\", "
                     "\"value\": -1}}");
    g_assert_nonnull(strstr(resp, "timer value must be greater than zero"));
    g_free(resp);
    resp = qtest_qmp(b.qts, "{\"execute\": \"qom-get\", \"arguments\": "
                     "{\"path\": \"/machine/peripheral/balloon0\", "
                     "\"property\": \"guest-stats\"}}");
    g_assert_nonnull(strstr(resp, "\"last-update\": 0"));
    g_assert_nonnull(strstr(resp, "\"stat-free-memory\""));
    g_free(resp);
    balloon_stop(&b);
}

/* The guest's stats buffer is parsed into guest-stats. */
static void test_guest_stats_values(void)
{
    Balloon b;
    QVirtQueue *svq;
    struct { uint16_t tag; uint64_t val; } __attribute__((packed)) st[2] = {
        { GUINT16_TO_LE(4), GUINT64_TO_LE(12345 * 4096ull) },  /* MEMFREE */
        { GUINT16_TO_LE(5), GUINT64_TO_LE(65536 * 4096ull) },  /* MEMTOT */
    };
    uint64_t buf;
    uint16_t head;
    char *resp;
    int i;

    balloon_start(&b, 64, NULL);
    svq = qvirtqueue_setup(b.d, &b.alloc, 2);
    buf = guest_alloc(&b.alloc, sizeof(st));
    qtest_memwrite(b.qts, buf, st, sizeof(st));
    head = qvirtqueue_add(b.d, svq, buf, sizeof(st), false, false);
    qvirtqueue_kick(b.d, svq, head);
    for (i = 0; i < 1000; i++) {
        resp = qtest_qmp(b.qts, "{\"execute\": \"qom-get\", \"arguments\": "
                         "{\"path\": \"/machine/peripheral/balloon0\", "
                         "\"property\": \"guest-stats\"}}");
        if (strstr(resp, "\"stat-free-memory\": 50565120")) {
            break;
        }
        g_free(resp);
        resp = NULL;
        g_usleep(1000);
    }
    g_assert_nonnull(resp);
    g_assert_nonnull(strstr(resp, "\"stat-total-memory\": 268435456"));
    g_assert_null(strstr(resp, "\"last-update\": 0,"));
    g_free(resp);
    balloon_stop(&b);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/virtio-balloon/ids-features", test_ids_and_features);
    g_test_add_func("/virtio-balloon/qmp-balloon", test_qmp_balloon);
    g_test_add_func("/virtio-balloon/qmp-no-balloon", test_qmp_no_balloon);
    g_test_add_func("/virtio-balloon/balloon-change-event",
                    test_balloon_change_event);
    g_test_add_func("/virtio-balloon/inflate-rss", test_inflate_rss);
    g_test_add_func("/virtio-balloon/inflate-bogus-pfns",
                    test_inflate_bogus_pfns);
    g_test_add_func("/virtio-balloon/free-page-reporting",
                    test_free_page_reporting);
    g_test_add_func("/virtio-balloon/guest-stats-props",
                    test_guest_stats_props);
    g_test_add_func("/virtio-balloon/guest-stats-values",
                    test_guest_stats_values);
    return g_test_run();
}
