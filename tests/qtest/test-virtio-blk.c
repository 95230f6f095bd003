/*
 * virtio-blk-pci under qtest, over the legacy (I/O BAR 0) and modern
 * (virtio 1.0 capabilities) transports: PCI identity, BAR sizing,
 * feature negotiation, config space, read/write/flush/get-id/
 * write-zeroes/discard with several descriptor layouts, MSI-X and INTx
 * delivery, and malformed chains that must put the device into its
 * error state without harming the emulator.
 */
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include "libqos.h"

#define SECTOR 512
#define IMG_SECTORS 2048            /* 1 MiB */
#define SERIAL "kvmemu-serial-01"

#define VIRTIO_BLK_T_IN            0
#define VIRTIO_BLK_T_OUT           1
#define VIRTIO_BLK_T_FLUSH         4
#define VIRTIO_BLK_T_GET_ID        8
#define VIRTIO_BLK_T_DISCARD       11
#define VIRTIO_BLK_T_WRITE_ZEROES  13
#define VIRTIO_BLK_S_OK     0
#define VIRTIO_BLK_S_IOERR  1
#define VIRTIO_BLK_S_UNSUPP 2

#define VIRTIO_BLK_F_SEG_MAX      2
#define VIRTIO_BLK_F_BLK_SIZE     6
#define VIRTIO_BLK_F_FLUSH        9
#define VIRTIO_BLK_F_DISCARD      13
#define VIRTIO_BLK_F_WRITE_ZEROES 14

#define TIMEOUT_US (20 * G_USEC_PER_SEC)

enum Layout { L_STD, L_MERGED, L_SPLIT, L_INDIRECT };

typedef struct Blk {
    QTestState *qts;
    QPCIBus bus;
    QVirtioPCIDevice *d;
    QVirtQueue *vq;
    QGuestAllocator alloc;
    char *img;
    bool modern;
    uint64_t features;
} Blk;

static uint8_t pattern(uint64_t sector, unsigned i)
{
    return (sector * 13 + i * 7 + 1) & 0xff;
}

static char *make_raw_image(void)
{
    g_autofree uint8_t *buf = g_malloc(IMG_SECTORS * SECTOR);
    char *path = NULL;
    int fd = g_file_open_tmp("vblk-XXXXXX.raw", &path, NULL);
    uint64_t s;
    unsigned i;

    g_assert(fd >= 0);
    close(fd);
    for (s = 0; s < IMG_SECTORS; s++) {
        for (i = 0; i < SECTOR; i++) {
            buf[s * SECTOR + i] = pattern(s, i);
        }
    }
    g_assert(g_file_set_contents(path, (char *)buf, IMG_SECTORS * SECTOR,
                                 NULL));
    return path;
}

/* Extra emulator options for the next blk_start_full (e.g. -object). */
static const char *global_args = "";

static void blk_start_full(Blk *b, bool modern, const char *img,
                           const char *fmt, const char *extra)
{
    memset(b, 0, sizeof(*b));
    b->modern = modern;
    b->img = img ? g_strdup(img) : make_raw_image();
    b->qts = qtest_initf("-machine pc -m 128 %s "
                         "-drive if=none,id=d0,file=%s,format=%s "
                         "-device virtio-blk-pci,drive=d0,serial=" SERIAL
                         ",addr=04.0%s%s", global_args, b->img, fmt,
                         extra ? "," : "", extra ? extra : "");
    qpci_init_pc(&b->bus, b->qts);
    guest_alloc_init(&b->alloc, 1 << 20, 100 << 20);
    b->d = qvirtio_pci_find(&b->bus, 2, modern);
    g_assert(b->d);
}

static void blk_setup_queue(Blk *b, uint64_t wanted)
{
    b->features = qvirtio_start(b->d, wanted);
    b->vq = qvirtqueue_setup(b->d, &b->alloc, 0);
    qvirtio_driver_ok(b->d);
}

static void blk_start(Blk *b, bool modern, const char *extra)
{
    blk_start_full(b, modern, NULL, "raw", extra);
    blk_setup_queue(b, (1ull << VIRTIO_BLK_F_FLUSH) |
                    (1ull << QVIRTIO_F_INDIRECT_DESC) |
                    (1ull << VIRTIO_BLK_F_DISCARD) |
                    (1ull << VIRTIO_BLK_F_WRITE_ZEROES) |
                    (1ull << VIRTIO_BLK_F_BLK_SIZE) |
                    (1ull << VIRTIO_BLK_F_SEG_MAX));
}

static void blk_stop(Blk *b, bool delete_img)
{
    g_assert_true(qtest_probe_child(b->qts));
    qtest_quit(b->qts);
    if (delete_img) {
        g_unlink(b->img);
    }
    g_free(b->img);
    g_free(b->vq);
    qvirtio_pci_free(b->d);
}

typedef struct Seg {
    uint64_t addr;
    uint32_t len;
    bool write;
} Seg;

/* Submit a prepared chain (direct or through an indirect table). */
static uint16_t submit(Blk *b, Seg *segs, int n, bool indirect)
{
    uint16_t head = 0;
    int i;

    if (indirect) {
        uint64_t table = guest_alloc(&b->alloc, 16 * n);
        g_autofree uint8_t *raw = g_malloc0(16 * n);

        for (i = 0; i < n; i++) {
            uint8_t *d = raw + 16 * i;
            uint16_t flags = (segs[i].write ? QVRING_DESC_F_WRITE : 0) |
                             (i + 1 < n ? QVRING_DESC_F_NEXT : 0);
            int j;

            for (j = 0; j < 8; j++) {
                d[j] = segs[i].addr >> (8 * j);
            }
            for (j = 0; j < 4; j++) {
                d[8 + j] = segs[i].len >> (8 * j);
            }
            d[12] = flags;
            d[14] = i + 1;
        }
        qtest_memwrite(b->qts, table, raw, 16 * n);
        head = qvirtqueue_add_indirect(b->d, b->vq, table, n);
    } else {
        for (i = 0; i < n; i++) {
            uint16_t idx = qvirtqueue_add(b->d, b->vq, segs[i].addr,
                                          segs[i].len, segs[i].write,
                                          i + 1 < n);
            if (i == 0) {
                head = idx;
            }
        }
    }
    qvirtqueue_kick(b->d, b->vq, head);
    return head;
}

static uint8_t wait_done(Blk *b, uint16_t head, uint32_t *len)
{
    uint32_t id;

    g_assert_true(qvirtqueue_wait_used(b->d, b->vq, &id, len, TIMEOUT_US));
    g_assert_cmpuint(id, ==, head);
    return 0;
}

/*
 * One request: @data is written for OUT-type requests and filled for
 * IN-type ones.  Returns the status byte.
 */
static uint8_t blk_req(Blk *b, uint32_t type, uint64_t sector, void *data,
                       size_t len, enum Layout layout)
{
    bool in = type == VIRTIO_BLK_T_IN || type == VIRTIO_BLK_T_GET_ID;
    uint8_t hdr[16] = { 0 };
    Seg segs[64];
    int n = 0;
    uint64_t hdr_addr, data_addr = 0, status_addr;
    uint32_t used_len;
    uint16_t head;
    size_t off;

    hdr[0] = type;
    hdr[1] = type >> 8;
    for (off = 0; off < 8; off++) {
        hdr[8 + off] = sector >> (8 * off);
    }
    /* One block: header, data, status byte, so layouts can merge. */
    hdr_addr = guest_alloc(&b->alloc, 16 + len + 1);
    data_addr = hdr_addr + 16;
    status_addr = data_addr + len;
    qtest_memwrite(b->qts, hdr_addr, hdr, 16);
    qtest_writeb(b->qts, status_addr, 0xee);
    if (len) {
        if (in) {
            qtest_memset(b->qts, data_addr, 0xcc, len);
        } else {
            qtest_bufwrite(b->qts, data_addr, data, len);
        }
    }

    switch (layout) {
    case L_STD:
    case L_INDIRECT:
        segs[n++] = (Seg){ hdr_addr, 16, false };
        if (len) {
            segs[n++] = (Seg){ data_addr, len, in };
        }
        segs[n++] = (Seg){ status_addr, 1, true };
        break;
    case L_MERGED:
        /* Device-readable and device-writable parts in one each. */
        if (in) {
            segs[n++] = (Seg){ hdr_addr, 16, false };
            segs[n++] = (Seg){ data_addr, len + 1, true };
        } else {
            segs[n++] = (Seg){ hdr_addr, 16 + len, false };
            segs[n++] = (Seg){ status_addr, 1, true };
        }
        break;
    case L_SPLIT:
        segs[n++] = (Seg){ hdr_addr, 4, false };
        segs[n++] = (Seg){ hdr_addr + 4, 12, false };
        for (off = 0; off < len; off += 128) {
            segs[n++] = (Seg){ data_addr + off, MIN(128, len - off), in };
            g_assert(n < 60);
        }
        segs[n++] = (Seg){ status_addr, 1, true };
        break;
    }
    head = submit(b, segs, n, layout == L_INDIRECT);
    wait_done(b, head, &used_len);
    if (in && len) {
        qtest_bufread(b->qts, data_addr, data, len);
    }
    return qtest_readb(b->qts, status_addr);
}

static void check_pattern(const uint8_t *buf, uint64_t sector, int nsect)
{
    int s, i;

    for (s = 0; s < nsect; s++) {
        for (i = 0; i < SECTOR; i++) {
            if (buf[s * SECTOR + i] != pattern(sector + s, i)) {
                g_error("sector %" G_GUINT64_FORMAT " byte %d: %02x != %02x",
                        sector + s, i, buf[s * SECTOR + i],
                        pattern(sector + s, i));
            }
        }
    }
}

/* ---- tests --------------------------------------------------------- */

static void test_pci_identity(gconstpointer opaque)
{
    bool modern_only = GPOINTER_TO_INT(opaque);
    Blk b;
    QPCIDevice *p;

    blk_start_full(&b, modern_only, NULL, "raw",
                   modern_only ? "disable-legacy=on" : NULL);
    p = b.d->pdev;
    g_assert_cmphex(qpci_config_readw(p, 0), ==, 0x1af4);
    g_assert_cmphex(qpci_config_readw(p, 2), ==,
                    modern_only ? 0x1042 : 0x1001);
    g_assert_cmphex(qpci_config_readb(p, 8), ==, modern_only ? 1 : 0);
    g_assert_cmphex(qpci_config_readw(p, 0x0a), ==, 0x0100);
    g_assert_cmphex(qpci_config_readw(p, 0x2c), ==, 0x1af4);
    g_assert_cmphex(qpci_config_readw(p, 0x2e), ==, 2);
    g_assert_cmphex(qpci_config_readb(p, 0x3d), ==, 1);
    /* MSI-X with 2 vectors (one queue + config). */
    g_assert_cmpuint(qpci_msix_table_size(p), ==, 2);
    blk_stop(&b, true);
}

static void test_bar_sizing(void)
{
    Blk b;
    QPCIDevice *p;
    uint32_t lo, hi;

    blk_start_full(&b, false, NULL, "raw", NULL);
    p = b.d->pdev;
    /* BAR 0: legacy I/O, header 24 + config 60 -> 128 bytes. */
    qpci_config_writel(p, 0x10, 0xffffffff);
    g_assert_cmphex(qpci_config_readl(p, 0x10), ==, 0xffffff81);
    /* BAR 1: MSI-X, 32-bit memory, 4 KiB. */
    qpci_config_writel(p, 0x14, 0xffffffff);
    g_assert_cmphex(qpci_config_readl(p, 0x14), ==, 0xfffff000);
    /* BAR 4/5: 64-bit prefetchable memory, 16 KiB. */
    qpci_config_writel(p, 0x20, 0xffffffff);
    qpci_config_writel(p, 0x24, 0xffffffff);
    lo = qpci_config_readl(p, 0x20);
    hi = qpci_config_readl(p, 0x24);
    g_assert_cmphex(lo, ==, 0xffffc00c);
    g_assert_cmphex(hi, ==, 0xffffffff);
    /* Unused BARs read as zero after the probe. */
    qpci_config_writel(p, 0x18, 0xffffffff);
    g_assert_cmphex(qpci_config_readl(p, 0x18), ==, 0);
    blk_stop(&b, true);
}

static void test_features(gconstpointer opaque)
{
    bool modern = GPOINTER_TO_INT(opaque);
    Blk b;
    uint64_t host;

    blk_start_full(&b, modern, NULL, "raw", NULL);
    qvirtio_reset(b.d);
    qvirtio_set_status(b.d, QVIRTIO_STATUS_ACK | QVIRTIO_STATUS_DRIVER);
    host = qvirtio_get_features(b.d);
    g_assert(host & (1ull << VIRTIO_BLK_F_FLUSH));
    g_assert(host & (1ull << VIRTIO_BLK_F_SEG_MAX));
    g_assert(host & (1ull << VIRTIO_BLK_F_DISCARD));
    g_assert(host & (1ull << QVIRTIO_F_INDIRECT_DESC));
    if (modern) {
        g_assert(host & (1ull << QVIRTIO_F_VERSION_1));
        /* Legacy-only bits are hidden from modern drivers. */
        g_assert_false(host & (1ull << 24));    /* NOTIFY_ON_EMPTY */
        /* Features we don't offer can't be accepted: FEATURES_OK holds
         * only what is offered. */
        g_assert_true(qvirtio_set_features(b.d,
                      (1ull << QVIRTIO_F_VERSION_1) |
                      (1ull << VIRTIO_BLK_F_FLUSH)));
        /* Frozen after FEATURES_OK. */
        qpci_io_writel(b.d->pdev, b.d->common_bar, b.d->common_off + 8, 0);
        qpci_io_writel(b.d->pdev, b.d->common_bar, b.d->common_off + 12,
                       1u << VIRTIO_BLK_F_DISCARD);
        g_assert_true(qvirtio_get_status(b.d) & QVIRTIO_STATUS_FEATURES_OK);
    } else {
        g_assert_cmphex(host >> 32, ==, 0);
        qvirtio_set_features(b.d, (1ull << VIRTIO_BLK_F_FLUSH) | (1ull << 31));
        /* Unoffered bit 31 is dropped. */
        g_assert_cmphex(qpci_io_readl(b.d->pdev, b.d->bar0, 4), ==,
                        1u << VIRTIO_BLK_F_FLUSH);
    }
    blk_stop(&b, true);
}

static void test_config(gconstpointer opaque)
{
    bool modern = GPOINTER_TO_INT(opaque);
    Blk b;

    blk_start_full(&b, modern, NULL, "raw",
                   "max-write-zeroes-sectors=64,max-discard-sectors=32");
    g_assert_cmpuint(qvirtio_config_readq(b.d, 0), ==, IMG_SECTORS);
    g_assert_cmpuint(qvirtio_config_readl(b.d, 12), ==, 254);  /* seg_max */
    g_assert_cmpuint(qvirtio_config_readl(b.d, 20), ==, 512);  /* blk_size */
    g_assert_cmpuint(qvirtio_config_readl(b.d, 36), ==, 32);   /* discard */
    g_assert_cmpuint(qvirtio_config_readl(b.d, 48), ==, 64);   /* wz */
    g_assert_cmpuint(qvirtio_config_readb(b.d, 56), ==, 1);    /* may unmap */
    blk_stop(&b, true);
}

static void test_io(gconstpointer opaque)
{
    int variant = GPOINTER_TO_INT(opaque);
    bool modern = variant & 1;
    enum Layout layout = variant >> 1;
    Blk b;
    uint8_t buf[4 * SECTOR], back[4 * SECTOR];
    g_autofree char *contents = NULL;
    gsize clen;
    unsigned i;

    blk_start(&b, modern, NULL);
    g_assert_cmpuint(blk_req(&b, VIRTIO_BLK_T_IN, 5, buf, 3 * SECTOR, layout),
                     ==, VIRTIO_BLK_S_OK);
    check_pattern(buf, 5, 3);

    for (i = 0; i < 2 * SECTOR; i++) {
        buf[i] = i ^ 0x5a ^ variant;
    }
    g_assert_cmpuint(blk_req(&b, VIRTIO_BLK_T_OUT, 100, buf, 2 * SECTOR,
                             layout), ==, VIRTIO_BLK_S_OK);
    g_assert_cmpuint(blk_req(&b, VIRTIO_BLK_T_FLUSH, 0, NULL, 0, L_STD), ==,
                     VIRTIO_BLK_S_OK);
    g_assert_cmpuint(blk_req(&b, VIRTIO_BLK_T_IN, 100, back, 2 * SECTOR,
                             L_STD), ==, VIRTIO_BLK_S_OK);
    g_assert(memcmp(buf, back, 2 * SECTOR) == 0);
    /* The write reached the image file. */
    g_assert_true(g_file_get_contents(b.img, &contents, &clen, NULL));
    g_assert_cmpuint(clen, ==, IMG_SECTORS * SECTOR);
    g_assert(memcmp(contents + 100 * SECTOR, buf, 2 * SECTOR) == 0);
    check_pattern((uint8_t *)contents + 99 * SECTOR, 99, 1);
    check_pattern((uint8_t *)contents + 102 * SECTOR, 102, 1);
    blk_stop(&b, true);
}

static void test_get_id_and_errors(gconstpointer opaque)
{
    bool modern = GPOINTER_TO_INT(opaque);
    Blk b;
    char id[20];
    uint8_t buf[SECTOR];

    blk_start(&b, modern, "max-write-zeroes-sectors=8");
    memset(id, 0, sizeof(id));
    g_assert_cmpuint(blk_req(&b, VIRTIO_BLK_T_GET_ID, 0, id, 20, L_STD), ==,
                     VIRTIO_BLK_S_OK);
    g_assert_cmpstr(id, ==, SERIAL);
    /* Past the end of the disk. */
    g_assert_cmpuint(blk_req(&b, VIRTIO_BLK_T_IN, IMG_SECTORS, buf, SECTOR,
                             L_STD), ==, VIRTIO_BLK_S_IOERR);
    g_assert_cmpuint(blk_req(&b, VIRTIO_BLK_T_OUT, IMG_SECTORS - 1, NULL, 0,
                             L_STD), ==, VIRTIO_BLK_S_OK);
    /* Not a multiple of the block size. */
    g_assert_cmpuint(blk_req(&b, VIRTIO_BLK_T_IN, 0, buf, 100, L_STD), ==,
                     VIRTIO_BLK_S_IOERR);
    /* Unknown request type. */
    g_assert_cmpuint(blk_req(&b, 0x77, 0, NULL, 0, L_STD), ==,
                     VIRTIO_BLK_S_UNSUPP);
    blk_stop(&b, true);
}

static uint8_t dwz_req(Blk *b, uint32_t type, uint64_t sector, uint32_t n,
                       uint32_t flags)
{
    uint8_t seg[16];
    int i;

    for (i = 0; i < 8; i++) {
        seg[i] = sector >> (8 * i);
    }
    for (i = 0; i < 4; i++) {
        seg[8 + i] = n >> (8 * i);
        seg[12 + i] = flags >> (8 * i);
    }
    return blk_req(b, type, 0, seg, 16, L_STD);
}

static void test_write_zeroes_discard(gconstpointer opaque)
{
    bool modern = GPOINTER_TO_INT(opaque);
    Blk b;
    uint8_t buf[4 * SECTOR], zero[4 * SECTOR] = { 0 };

    blk_start(&b, modern, "max-write-zeroes-sectors=8,max-discard-sectors=8");
    g_assert(b.features & (1ull << VIRTIO_BLK_F_WRITE_ZEROES));
    g_assert_cmpuint(dwz_req(&b, VIRTIO_BLK_T_WRITE_ZEROES, 20, 4, 0), ==,
                     VIRTIO_BLK_S_OK);
    g_assert_cmpuint(blk_req(&b, VIRTIO_BLK_T_IN, 19, buf, 4 * SECTOR, L_STD),
                     ==, VIRTIO_BLK_S_OK);
    check_pattern(buf, 19, 1);
    g_assert(memcmp(buf + SECTOR, zero, 3 * SECTOR) == 0);
    /* Over the limit. */
    g_assert_cmpuint(dwz_req(&b, VIRTIO_BLK_T_WRITE_ZEROES, 40, 9, 0), ==,
                     VIRTIO_BLK_S_IOERR);
    /* Unknown flags / UNMAP on discard are unsupported. */
    g_assert_cmpuint(dwz_req(&b, VIRTIO_BLK_T_WRITE_ZEROES, 40, 1, 2), ==,
                     VIRTIO_BLK_S_UNSUPP);
    g_assert_cmpuint(dwz_req(&b, VIRTIO_BLK_T_DISCARD, 40, 1, 1), ==,
                     VIRTIO_BLK_S_UNSUPP);
    g_assert_cmpuint(dwz_req(&b, VIRTIO_BLK_T_DISCARD, 40, 8, 0), ==,
                     VIRTIO_BLK_S_OK);
    g_assert_cmpuint(dwz_req(&b, VIRTIO_BLK_T_DISCARD, IMG_SECTORS - 1, 2, 0),
                     ==, VIRTIO_BLK_S_IOERR);
    blk_stop(&b, true);
}

static void test_qcow2(void)
{
    g_autofree char *raw = make_raw_image();
    g_autofree char *qcow = g_strdup_printf("%s.qcow2", raw);
    g_autofree char *cmd = g_strdup_printf(
        "/usr/bin/qemu-img convert -f raw -O qcow2 %s %s", raw, qcow);
    int status;
    Blk b;
    uint8_t buf[2 * SECTOR];

    if (!g_file_test("/usr/bin/qemu-img", G_FILE_TEST_IS_EXECUTABLE)) {
        g_test_skip("no /usr/bin/qemu-img");
        g_unlink(raw);
        return;
    }
    g_assert_true(g_spawn_command_line_sync(cmd, NULL, NULL, &status, NULL));
    g_assert_cmpint(status, ==, 0);
    blk_start_full(&b, true, qcow, "qcow2", NULL);
    blk_setup_queue(&b, 1ull << VIRTIO_BLK_F_FLUSH);
    g_assert_cmpuint(blk_req(&b, VIRTIO_BLK_T_IN, 1000, buf, 2 * SECTOR,
                             L_STD), ==, VIRTIO_BLK_S_OK);
    check_pattern(buf, 1000, 2);
    blk_stop(&b, true);
    g_unlink(raw);
}

/* MSI-X: the queue's vector writes its data at a guest RAM address. */
static void test_msix(gconstpointer opaque)
{
    bool modern = GPOINTER_TO_INT(opaque);
    Blk b;
    uint64_t msi_addr;
    uint8_t buf[SECTOR];

    blk_start_full(&b, modern, NULL, "raw", NULL);
    qpci_msix_enable(b.d->pdev);
    b.features = qvirtio_start(b.d, 1ull << VIRTIO_BLK_F_FLUSH);
    b.vq = qvirtqueue_setup(b.d, &b.alloc, 0);
    msi_addr = guest_alloc(&b.alloc, 4);
    qtest_writel(b.qts, msi_addr, 0);
    qvirtqueue_set_msix(b.d, b.vq, 1, msi_addr, 0x4321);
    qvirtio_driver_ok(b.d);
    g_assert_cmpuint(blk_req(&b, VIRTIO_BLK_T_IN, 3, buf, SECTOR, L_STD), ==,
                     VIRTIO_BLK_S_OK);
    check_pattern(buf, 3, 1);
    g_assert_cmphex(qtest_readl(b.qts, msi_addr), ==, 0x4321);

    /* Masked: nothing written, the PBA bit is set; unmask delivers. */
    qtest_writel(b.qts, msi_addr, 0);
    qpci_msix_set_entry(b.d->pdev, 1, msi_addr, 0x4322, true);
    g_assert_cmpuint(blk_req(&b, VIRTIO_BLK_T_IN, 4, buf, SECTOR, L_STD), ==,
                     VIRTIO_BLK_S_OK);
    g_assert_cmphex(qtest_readl(b.qts, msi_addr), ==, 0);
    g_assert_true(qpci_msix_pending(b.d->pdev, 1));
    qpci_msix_set_entry(b.d->pdev, 1, msi_addr, 0x4322, false);
    g_assert_cmphex(qtest_readl(b.qts, msi_addr), ==, 0x4322);
    g_assert_false(qpci_msix_pending(b.d->pdev, 1));
    blk_stop(&b, true);
}

/* Poll guest memory until it holds @want (interrupts may be async). */
static bool wait_mem32(QTestState *qts, uint64_t addr, uint32_t want)
{
    gint64 deadline = g_get_monotonic_time() + TIMEOUT_US;

    while (qtest_readl(qts, addr) != want) {
        if (g_get_monotonic_time() > deadline) {
            return false;
        }
        qtest_clock_step(qts, 100);
        g_usleep(200);
    }
    return true;
}

static bool wait_pending(QPCIDevice *pdev, int entry)
{
    gint64 deadline = g_get_monotonic_time() + TIMEOUT_US;

    while (!qpci_msix_pending(pdev, entry)) {
        if (g_get_monotonic_time() > deadline) {
            return false;
        }
        g_usleep(200);
    }
    return true;
}

/*
 * MSI-X masking with the device in an iothread: completions signal the
 * queue's guest notifier from the iothread; a masked vector leaves the
 * message unwritten and sets its PBA bit, unmasking delivers it.
 */
static void test_msix_iothread(void)
{
    Blk b;
    uint64_t msi_addr;
    uint8_t buf[SECTOR];

    global_args = "-object iothread,id=io0";
    blk_start_full(&b, true, NULL, "raw", "iothread=io0");
    global_args = "";
    qpci_msix_enable(b.d->pdev);
    b.features = qvirtio_start(b.d, 1ull << VIRTIO_BLK_F_FLUSH);
    b.vq = qvirtqueue_setup(b.d, &b.alloc, 0);
    msi_addr = guest_alloc(&b.alloc, 4);
    qtest_writel(b.qts, msi_addr, 0);
    qvirtqueue_set_msix(b.d, b.vq, 1, msi_addr, 0x5151);
    qvirtio_driver_ok(b.d);
    g_assert_cmpuint(blk_req(&b, VIRTIO_BLK_T_IN, 3, buf, SECTOR, L_STD), ==,
                     VIRTIO_BLK_S_OK);
    check_pattern(buf, 3, 1);
    g_assert_true(wait_mem32(b.qts, msi_addr, 0x5151));

    qtest_writel(b.qts, msi_addr, 0);
    qpci_msix_set_entry(b.d->pdev, 1, msi_addr, 0x5152, true);
    g_assert_cmpuint(blk_req(&b, VIRTIO_BLK_T_IN, 4, buf, SECTOR, L_STD), ==,
                     VIRTIO_BLK_S_OK);
    check_pattern(buf, 4, 1);
    g_assert_true(wait_pending(b.d->pdev, 1));
    g_assert_cmphex(qtest_readl(b.qts, msi_addr), ==, 0);
    qpci_msix_set_entry(b.d->pdev, 1, msi_addr, 0x5152, false);
    g_assert_true(wait_mem32(b.qts, msi_addr, 0x5152));
    g_assert_false(qpci_msix_pending(b.d->pdev, 1));
    blk_stop(&b, true);
}

/* Whether emulator @pid has a thread named @name; its tid or 0. */
static long find_thread(pid_t pid, const char *name)
{
    g_autofree char *dir = g_strdup_printf("/proc/%d/task", (int)pid);
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *ent;
    long found = 0;

    g_assert(d);
    while (!found && (ent = g_dir_read_name(d))) {
        g_autofree char *path = g_strdup_printf("%s/%s/comm", dir, ent);
        g_autofree char *comm = NULL;

        if (g_file_get_contents(path, &comm, NULL, NULL) &&
            !strcmp(g_strchomp(comm), name)) {
            found = strtol(ent, NULL, 10);
        }
    }
    g_dir_close(d);
    return found;
}

static bool wait_thread_gone(pid_t pid, const char *name)
{
    gint64 deadline = g_get_monotonic_time() + TIMEOUT_US;

    while (find_thread(pid, name)) {
        if (g_get_monotonic_time() > deadline) {
            return false;
        }
        g_usleep(1000);
    }
    return true;
}

/*
 * virtio-blk with iothread=: I/O works (data checked in the image), the
 * iothread is a real thread (query-iothreads' thread-id when the monitor
 * lists it), object-del behaves as QEMU's: an iothread in use leaves
 * /objects but keeps serving the device; an unused one stops its thread.
 */
static void test_iothread(void)
{
    Blk b;
    uint8_t buf[2 * SECTOR], back[2 * SECTOR];
    g_autofree char *q = NULL, *r1 = NULL, *r2 = NULL, *r3 = NULL;
    g_autofree char *q2 = NULL, *file = NULL;
    const char *tid_str;
    pid_t pid;
    long tid;
    gsize flen;
    int i;

    /* Threads carry names with debug-threads=on, as in QEMU. */
    global_args = "-object iothread,id=io0 -name test,debug-threads=on";
    blk_start(&b, true, "iothread=io0");
    global_args = "";
    pid = qtest_pid(b.qts);
    tid = find_thread(pid, "IO io0");
    g_assert_cmpint(tid, >, 0);
    g_assert_cmpint(tid, !=, pid);

    q = qtest_qmp(b.qts, "{\"execute\": \"query-iothreads\"}");
    g_assert_nonnull(strstr(q, "\"return\""));
    tid_str = strstr(q, "\"thread-id\"");
    if (tid_str) {
        /* The monitor lists iothreads: it must be this very thread. */
        g_assert_nonnull(strstr(q, "\"io0\""));
        tid_str = strchr(tid_str, ':');
        g_assert_cmpint(strtol(tid_str + 1, NULL, 10), ==, tid);
    }

    for (i = 0; i < 2 * SECTOR; i++) {
        buf[i] = i * 3 + 1;
    }
    g_assert_cmpuint(blk_req(&b, VIRTIO_BLK_T_OUT, 20, buf, 2 * SECTOR,
                             L_STD), ==, VIRTIO_BLK_S_OK);
    g_assert_cmpuint(blk_req(&b, VIRTIO_BLK_T_IN, 20, back, 2 * SECTOR,
                             L_SPLIT), ==, VIRTIO_BLK_S_OK);
    g_assert_cmpmem(buf, sizeof(buf), back, sizeof(back));
    g_assert_cmpuint(blk_req(&b, VIRTIO_BLK_T_FLUSH, 0, NULL, 0, L_STD), ==,
                     VIRTIO_BLK_S_OK);

    /* An unused iothread: created and deleted over QMP, thread gone. */
    r1 = qtest_qmp(b.qts, "{\"execute\": \"object-add\", \"arguments\": "
                   "{\"qom-type\": \"iothread\", \"id\": \"io1\"}}");
    g_assert_nonnull(strstr(r1, "\"return\""));
    g_assert_cmpint(find_thread(pid, "IO io1"), >, 0);
    r2 = qtest_qmp(b.qts, "{\"execute\": \"object-del\", \"arguments\": "
                   "{\"id\": \"io1\"}}");
    g_assert_nonnull(strstr(r2, "\"return\""));
    g_assert_true(wait_thread_gone(pid, "IO io1"));

    /* In use: deleted from /objects, the device keeps working. */
    r3 = qtest_qmp(b.qts, "{\"execute\": \"object-del\", \"arguments\": "
                   "{\"id\": \"io0\"}}");
    g_assert_nonnull(strstr(r3, "\"return\""));
    q2 = qtest_qmp(b.qts, "{\"execute\": \"query-iothreads\"}");
    g_assert_null(strstr(q2, "\"io0\""));
    g_assert_cmpint(find_thread(pid, "IO io0"), ==, tid);
    g_assert_cmpuint(blk_req(&b, VIRTIO_BLK_T_IN, 3, back, SECTOR, L_STD), ==,
                     VIRTIO_BLK_S_OK);
    check_pattern(back, 3, 1);

    g_assert_true(qtest_probe_child(b.qts));
    qtest_quit(b.qts);
    g_assert_true(g_file_get_contents(b.img, &file, &flen, NULL));
    g_assert_cmpmem(file + 20 * SECTOR, 2 * SECTOR, buf, sizeof(buf));
    g_unlink(b.img);
    g_free(b.img);
    g_free(b.vq);
    qvirtio_pci_free(b.d);
}

#define MERGE_REQS 8

static int64_t blockstats_counter(QTestState *qts, const char *name)
{
    g_autofree char *r = qtest_qmp(qts, "{\"execute\": \"query-blockstats\"}");
    g_autofree char *key = g_strdup_printf("\"%s\":", name);
    const char *p = strstr(r, key);

    g_assert_nonnull(p);
    p += strlen(key);
    while (*p == ' ') {
        p++;
    }
    return strtoll(p, NULL, 10);
}

/*
 * Publish @n requests of @nsect sectors at @sectors[] and kick once, so
 * the device sees them in one pass; returns after all completed, with
 * each request's status byte checked.
 */
static void blk_batch(Blk *b, uint32_t type, const uint64_t *sectors, int n,
                      uint8_t *data, int nsect)
{
    bool in = type == VIRTIO_BLK_T_IN;
    size_t len = nsect * SECTOR;
    uint64_t hdr[MERGE_REQS], buf[MERGE_REQS], st[MERGE_REQS];
    bool done[MERGE_REQS] = { false };
    uint16_t heads[MERGE_REQS];
    int i, j;

    g_assert(n <= MERGE_REQS);
    for (i = 0; i < n; i++) {
        hdr[i] = guest_alloc(&b->alloc, 16);
        buf[i] = guest_alloc(&b->alloc, len);
        st[i] = guest_alloc(&b->alloc, 1);
        qtest_memset(b->qts, hdr[i], 0, 16);
        qtest_writel(b->qts, hdr[i], type);
        qtest_writeq(b->qts, hdr[i] + 8, sectors[i]);
        qtest_writeb(b->qts, st[i], 0xee);
        if (in) {
            qtest_memset(b->qts, buf[i], 0xcc, len);
        } else {
            qtest_bufwrite(b->qts, buf[i], data + i * len, len);
        }
        heads[i] = qvirtqueue_add(b->d, b->vq, hdr[i], 16, false, true);
        qvirtqueue_add(b->d, b->vq, buf[i], len, in, true);
        qvirtqueue_add(b->d, b->vq, st[i], 1, true, false);
        if (i + 1 < n) {
            qvirtqueue_publish(b->d, b->vq, heads[i]);
        }
    }
    qvirtqueue_kick(b->d, b->vq, heads[n - 1]);
    for (i = 0; i < n; i++) {
        uint32_t id;

        g_assert_true(qvirtqueue_wait_used(b->d, b->vq, &id, NULL,
                                           TIMEOUT_US));
        for (j = 0; j < n && heads[j] != id; j++) {
        }
        g_assert_cmpint(j, <, n);
        g_assert_false(done[j]);
        done[j] = true;
    }
    for (i = 0; i < n; i++) {
        g_assert_cmphex(qtest_readb(b->qts, st[i]), ==, VIRTIO_BLK_S_OK);
        if (in) {
            qtest_bufread(b->qts, buf[i], data + i * len, len);
        }
    }
}

/*
 * Adjacent requests popped in one pass are merged (QEMU's
 * request-merging): published out of order and with a gap, the data
 * must land where each request said and read back right, and the
 * blockstats merge counters must move.  request-merging=off must not.
 */
static void test_merge(gconstpointer opaque)
{
    bool merging = GPOINTER_TO_INT(opaque);
    /* Runs 40..47 (shuffled) and 60..61, two sectors each. */
    static const uint64_t sect[MERGE_REQS] = { 44, 40, 60, 46, 42, 62, 48,
                                               50 };
    uint8_t data[MERGE_REQS * 2 * SECTOR], back[MERGE_REQS * 2 * SECTOR];
    g_autofree char *file = NULL;
    gsize flen;
    Blk b;
    int i;

    blk_start(&b, true, merging ? NULL : "request-merging=off");
    for (i = 0; i < (int)sizeof(data); i++) {
        data[i] = (i * 11 + i / 509) & 0xff;
    }
    blk_batch(&b, VIRTIO_BLK_T_OUT, sect, MERGE_REQS, data, 2);
    blk_batch(&b, VIRTIO_BLK_T_IN, sect, MERGE_REQS, back, 2);
    g_assert_cmpmem(data, sizeof(data), back, sizeof(back));
    if (merging) {
        g_assert_cmpint(blockstats_counter(b.qts, "wr_merged"), >=, 4);
        g_assert_cmpint(blockstats_counter(b.qts, "rd_merged"), >=, 4);
    } else {
        g_assert_cmpint(blockstats_counter(b.qts, "wr_merged"), ==, 0);
        g_assert_cmpint(blockstats_counter(b.qts, "rd_merged"), ==, 0);
    }
    /* Neighbours of the runs untouched, the runs in place. */
    g_assert_cmpuint(blk_req(&b, VIRTIO_BLK_T_IN, 39, back, SECTOR, L_STD),
                     ==, VIRTIO_BLK_S_OK);
    check_pattern(back, 39, 1);
    g_assert_true(qtest_probe_child(b.qts));
    qtest_quit(b.qts);
    g_assert_true(g_file_get_contents(b.img, &file, &flen, NULL));
    for (i = 0; i < MERGE_REQS; i++) {
        g_assert_cmpmem(file + sect[i] * SECTOR, 2 * SECTOR,
                        data + i * 2 * SECTOR, 2 * SECTOR);
    }
    check_pattern((uint8_t *)file + 52 * SECTOR, 52, 8);
    g_unlink(b.img);
    g_free(b.img);
    g_free(b.vq);
    qvirtio_pci_free(b.d);
}

static bool wait_status(QTestState *qts, const char *status)
{
    gint64 deadline = g_get_monotonic_time() + TIMEOUT_US;
    g_autofree char *want = g_strdup_printf("\"status\": \"%s\"", status);

    for (;;) {
        g_autofree char *r = qtest_qmp(qts, "{\"execute\": \"query-status\"}");

        if (strstr(r, want)) {
            return true;
        }
        if (g_get_monotonic_time() > deadline) {
            return false;
        }
        g_usleep(1000);
    }
}

/*
 * werror=stop over blkdebug (one injected EIO on a write of sector 30),
 * with and without an iothread: the VM stops with io-error and the
 * request stays in flight; cont retries it and it lands in the image.
 */
static void test_werror_stop(gconstpointer opaque)
{
    bool iothread = GPOINTER_TO_INT(opaque);
    g_autofree char *img = make_raw_image();
    g_autofree char *r = NULL, *blk = NULL, *file = NULL;
    uint8_t data[SECTOR];
    uint64_t hdr, buf, st;
    uint16_t head;
    uint32_t id;
    gsize flen;
    Blk b;
    int i;

    memset(&b, 0, sizeof(b));
    b.modern = true;
    b.qts = qtest_initf("-machine pc -m 128 %s "
                        "-blockdev driver=blkdebug,node-name=dbg,"
                        "image.driver=file,image.filename=%s,"
                        "inject-error.0.event=write_aio,"
                        "inject-error.0.errno=5,inject-error.0.sector=30,"
                        "inject-error.0.once=on "
                        "-device virtio-blk-pci,drive=dbg,werror=stop,"
                        "addr=04.0%s",
                        iothread ? "-object iothread,id=io0" : "", img,
                        iothread ? ",iothread=io0" : "");
    qpci_init_pc(&b.bus, b.qts);
    guest_alloc_init(&b.alloc, 1 << 20, 100 << 20);
    b.d = qvirtio_pci_find(&b.bus, 2, true);
    g_assert(b.d);
    blk_setup_queue(&b, 1ull << VIRTIO_BLK_F_FLUSH);

    for (i = 0; i < SECTOR; i++) {
        data[i] = 0xa5 ^ i;
    }
    hdr = guest_alloc(&b.alloc, 16);
    buf = guest_alloc(&b.alloc, SECTOR);
    st = guest_alloc(&b.alloc, 1);
    qtest_memset(b.qts, hdr, 0, 16);
    qtest_writel(b.qts, hdr, VIRTIO_BLK_T_OUT);
    qtest_writeq(b.qts, hdr + 8, 30);
    qtest_bufwrite(b.qts, buf, data, SECTOR);
    qtest_writeb(b.qts, st, 0xee);
    head = qvirtqueue_add(b.d, b.vq, hdr, 16, false, true);
    qvirtqueue_add(b.d, b.vq, buf, SECTOR, false, true);
    qvirtqueue_add(b.d, b.vq, st, 1, true, false);
    qvirtqueue_kick(b.d, b.vq, head);

    g_assert_true(wait_status(b.qts, "io-error"));
    blk = qtest_qmp(b.qts, "{\"execute\": \"query-block\"}");
    g_assert_nonnull(strstr(blk, "\"io-status\": \"failed\""));
    g_assert_cmphex(qtest_readw(b.qts, b.vq->used + 2), ==, 0);
    g_assert_cmphex(qtest_readb(b.qts, st), ==, 0xee);

    r = qtest_qmp(b.qts, "{\"execute\": \"cont\"}");
    g_assert_nonnull(strstr(r, "\"return\""));
    g_assert_true(qvirtqueue_wait_used(b.d, b.vq, &id, NULL, TIMEOUT_US));
    g_assert_cmpuint(id, ==, head);
    g_assert_cmphex(qtest_readb(b.qts, st), ==, VIRTIO_BLK_S_OK);
    g_assert_true(wait_status(b.qts, "running"));

    g_assert_true(qtest_probe_child(b.qts));
    qtest_quit(b.qts);
    g_assert_true(g_file_get_contents(img, &file, &flen, NULL));
    g_assert_cmpmem(file + 30 * SECTOR, SECTOR, data, SECTOR);
    g_unlink(img);
    g_free(b.vq);
    qvirtio_pci_free(b.d);
}

/* INTx: slot 4 INTA -> PIRQA -> ISA IRQ 11 (PIIX3 0x60), ISR clears it. */
static void test_intx(gconstpointer opaque)
{
    bool modern = GPOINTER_TO_INT(opaque);
    Blk b;
    QPCIDevice *piix;
    uint8_t buf[SECTOR];

    blk_start(&b, modern, NULL);
    piix = qpci_device_find(&b.bus, QPCI_DEVFN(1, 0));
    qpci_config_writel(piix, 0x60, 0x0b0b0b0b);
    qtest_irq_intercept_in(b.qts, "ioapic");
    g_assert_false(qtest_get_irq(b.qts, 11));
    g_assert_cmpuint(blk_req(&b, VIRTIO_BLK_T_IN, 0, buf, SECTOR, L_STD), ==,
                     VIRTIO_BLK_S_OK);
    g_assert_true(qtest_get_irq(b.qts, 11));
    g_assert_cmphex(qvirtio_read_isr(b.d) & 1, ==, 1);
    g_assert_false(qtest_get_irq(b.qts, 11));
    g_assert_cmphex(qvirtio_read_isr(b.d), ==, 0);
    qpci_device_free(piix);
    blk_stop(&b, true);
}

/* Interrupt suppression: NO_INTERRUPT in the available ring flags. */
static void test_no_interrupt(void)
{
    Blk b;
    uint8_t buf[SECTOR];

    blk_start_full(&b, true, NULL, "raw", NULL);
    b.features = qvirtio_start(b.d, 1ull << VIRTIO_BLK_F_FLUSH);
    b.vq = qvirtqueue_setup(b.d, &b.alloc, 0);
    qvirtio_driver_ok(b.d);
    qtest_writew(b.qts, b.vq->avail, 1);        /* VRING_AVAIL_F_NO_INTERRUPT */
    g_assert_cmpuint(blk_req(&b, VIRTIO_BLK_T_IN, 0, buf, SECTOR, L_STD), ==,
                     VIRTIO_BLK_S_OK);
    g_assert_cmphex(qvirtio_read_isr(b.d), ==, 0);
    qtest_writew(b.qts, b.vq->avail, 0);
    g_assert_cmpuint(blk_req(&b, VIRTIO_BLK_T_IN, 0, buf, SECTOR, L_STD), ==,
                     VIRTIO_BLK_S_OK);
    g_assert_cmphex(qvirtio_read_isr(b.d), ==, 1);
    blk_stop(&b, true);
}

/* ---- malformed chains -------------------------------------------- */

enum Bad {
    BAD_LOOP, BAD_TOO_LONG, BAD_OUTSIDE_RAM, BAD_DIRECTION,
    BAD_NESTED_INDIRECT, BAD_EMPTY_INDIRECT, BAD_HEAD, BAD_NO_STATUS,
    BAD__MAX
};

static const char *const bad_names[] = {
    "loop", "too-long", "outside-ram", "wrong-direction",
    "nested-indirect", "empty-indirect", "bad-head", "no-status",
};

static void post_bad(Blk *b, enum Bad kind)
{
    uint64_t hdr = guest_alloc(&b->alloc, 16);
    uint64_t data = guest_alloc(&b->alloc, SECTOR);
    uint64_t status = guest_alloc(&b->alloc, 1);
    uint64_t table = guest_alloc(&b->alloc, 64);
    QVirtQueue *vq = b->vq;
    uint16_t h = vq->free_head;
    uint16_t n1 = (h + 1) % vq->size, n2 = (h + 2) % vq->size;

    qtest_memset(b->qts, hdr, 0, 16);   /* VIRTIO_BLK_T_IN, sector 0 */
    switch (kind) {
    case BAD_LOOP:
        qvirtqueue_write_desc(b->d, vq, h, hdr, 16, QVRING_DESC_F_NEXT, n1);
        qvirtqueue_write_desc(b->d, vq, n1, data, SECTOR,
                              QVRING_DESC_F_WRITE | QVRING_DESC_F_NEXT, n2);
        qvirtqueue_write_desc(b->d, vq, n2, status, 1,
                              QVRING_DESC_F_WRITE | QVRING_DESC_F_NEXT, n1);
        break;
    case BAD_TOO_LONG:
        /* A buffer running past the end of RAM (128 MiB). */
        qvirtqueue_write_desc(b->d, vq, h, hdr, 16, QVRING_DESC_F_NEXT, n1);
        qvirtqueue_write_desc(b->d, vq, n1, data, 0x40000000,
                              QVRING_DESC_F_WRITE | QVRING_DESC_F_NEXT, n2);
        qvirtqueue_write_desc(b->d, vq, n2, status, 1, QVRING_DESC_F_WRITE, 0);
        break;
    case BAD_OUTSIDE_RAM:
        qvirtqueue_write_desc(b->d, vq, h, hdr, 16, QVRING_DESC_F_NEXT, n1);
        qvirtqueue_write_desc(b->d, vq, n1, 0xfed00000, SECTOR,
                              QVRING_DESC_F_WRITE | QVRING_DESC_F_NEXT, n2);
        qvirtqueue_write_desc(b->d, vq, n2, status, 1, QVRING_DESC_F_WRITE, 0);
        break;
    case BAD_DIRECTION:
        /* Device-readable after device-writable. */
        qvirtqueue_write_desc(b->d, vq, h, status, 1,
                              QVRING_DESC_F_WRITE | QVRING_DESC_F_NEXT, n1);
        qvirtqueue_write_desc(b->d, vq, n1, hdr, 16, 0, 0);
        break;
    case BAD_NESTED_INDIRECT:
        qvirtqueue_write_desc(b->d, vq, h, table, 32, QVRING_DESC_F_INDIRECT,
                              0);
        /* entry 0: header, entry 1: another indirect table */
        {
            uint8_t raw[32] = { 0 };
            uint64_t a = hdr;
            int i;

            for (i = 0; i < 8; i++) {
                raw[i] = a >> (8 * i);
                raw[16 + i] = table >> (8 * i);
            }
            raw[8] = 16;
            raw[12] = QVRING_DESC_F_NEXT;
            raw[14] = 1;
            raw[24] = 32;
            raw[28] = QVRING_DESC_F_INDIRECT;
            qtest_memwrite(b->qts, table, raw, 32);
        }
        break;
    case BAD_EMPTY_INDIRECT:
        qvirtqueue_write_desc(b->d, vq, h, table, 0, QVRING_DESC_F_INDIRECT,
                              0);
        break;
    case BAD_HEAD:
        vq->free_head = h;
        qvirtqueue_publish(b->d, vq, vq->size + 3);
        goto kick;
    case BAD_NO_STATUS:
        /* Only a device-readable header: no place for the status. */
        qvirtqueue_write_desc(b->d, vq, h, hdr, 16, 0, 0);
        break;
    default:
        g_assert_not_reached();
    }
    qvirtqueue_publish(b->d, vq, h);
kick:
    if (b->d->modern) {
        qpci_io_writew(b->d->pdev, b->d->notify_bar,
                       b->d->notify_off + vq->notify_off * b->d->notify_mul,
                       vq->index);
    } else {
        qpci_io_writew(b->d->pdev, b->d->bar0, 0x10, vq->index);
    }
}

static void test_malformed(gconstpointer opaque)
{
    int v = GPOINTER_TO_INT(opaque);
    bool modern = v & 1;
    enum Bad kind = v >> 1;
    Blk b;
    uint8_t buf[SECTOR];
    uint32_t id;

    blk_start(&b, modern, NULL);
    /* A good request first, so the ring is in use. */
    g_assert_cmpuint(blk_req(&b, VIRTIO_BLK_T_IN, 1, buf, SECTOR, L_STD), ==,
                     VIRTIO_BLK_S_OK);
    post_bad(&b, kind);
    if (modern) {
        g_assert_true(qvirtio_wait_status_bit(b.d, QVIRTIO_STATUS_NEEDS_RESET,
                                              TIMEOUT_US));
        /* The config interrupt (ISR bit 1) announces it. */
        g_assert_cmphex(qvirtio_read_isr(b.d) & 2, ==, 2);
    } else {
        /* Legacy has no NEEDS_RESET: the device just stops. */
        qtest_clock_step(b.qts, 1000);
    }
    g_assert_false(qvirtqueue_wait_used(b.d, b.vq, &id, NULL, 100000));
    g_assert_true(qtest_probe_child(b.qts));
    /* A device reset brings it back. */
    g_free(b.vq);
    blk_setup_queue(&b, 1ull << VIRTIO_BLK_F_FLUSH);
    g_assert_false(qvirtio_get_status(b.d) & QVIRTIO_STATUS_NEEDS_RESET);
    g_assert_cmpuint(blk_req(&b, VIRTIO_BLK_T_IN, 2, buf, SECTOR, L_STD), ==,
                     VIRTIO_BLK_S_OK);
    check_pattern(buf, 2, 1);
    blk_stop(&b, true);
}

/* Rings outside RAM are refused the same way. */
static void test_ring_outside_ram(void)
{
    Blk b;

    blk_start_full(&b, true, NULL, "raw", NULL);
    b.features = qvirtio_start(b.d, 1ull << VIRTIO_BLK_F_FLUSH);
    qpci_io_writew(b.d->pdev, b.d->common_bar, b.d->common_off + 0x16, 0);
    qpci_io_writel(b.d->pdev, b.d->common_bar, b.d->common_off + 0x20,
                   0xfec00000);
    qpci_io_writel(b.d->pdev, b.d->common_bar, b.d->common_off + 0x28,
                   0x100000);
    qpci_io_writel(b.d->pdev, b.d->common_bar, b.d->common_off + 0x30,
                   0x200000);
    qpci_io_writew(b.d->pdev, b.d->common_bar, b.d->common_off + 0x1c, 1);
    qvirtio_driver_ok(b.d);
    qpci_io_writew(b.d->pdev, b.d->notify_bar, b.d->notify_off, 0);
    g_assert_true(qvirtio_wait_status_bit(b.d, QVIRTIO_STATUS_NEEDS_RESET,
                                          TIMEOUT_US));
    blk_stop(&b, true);
}

/* -drive if=virtio creates a virtio-blk-pci device for the drive. */
/*
 * block_resize while the driver runs: the capacity follows, a config
 * interrupt (ISR bit 1) announces it, and the image file has the size.
 */
static void test_resize(void)
{
    Blk b;
    char *r;
    struct stat st;

    blk_start(&b, true, NULL);
    g_assert_cmpuint(qvirtio_config_readq(b.d, 0), ==, IMG_SECTORS);
    g_assert_cmphex(qvirtio_read_isr(b.d) & 2, ==, 0);
    r = qtest_qmp(b.qts, "{\"execute\": \"block_resize\", \"arguments\": "
                  "{\"device\": \"d0\", \"size\": %d}}",
                  2 * IMG_SECTORS * SECTOR);
    g_assert_nonnull(strstr(r, "\"return\""));
    g_free(r);
    g_assert_cmpuint(qvirtio_config_readq(b.d, 0), ==, 2 * IMG_SECTORS);
    g_assert_cmphex(qvirtio_read_isr(b.d) & 2, ==, 2);
    g_assert_cmpint(stat(b.img, &st), ==, 0);
    g_assert_cmpint(st.st_size, ==, 2 * IMG_SECTORS * SECTOR);
    /* QEMU's errors */
    r = qtest_qmp(b.qts, "{\"execute\": \"block_resize\", \"arguments\": "
                  "{\"device\": \"nope\", \"size\": 512}}");
    g_assert_nonnull(strstr(r, "Cannot find device='nope' nor node-name=''"));
    g_free(r);
    r = qtest_qmp(b.qts, "{\"execute\": \"block_resize\", \"arguments\": "
                  "{\"device\": \"d0\", \"size\": -1}}");
    g_assert_nonnull(strstr(r, "Parameter 'size' expects a >0 size"));
    g_free(r);
    g_assert_cmpuint(qvirtio_config_readq(b.d, 0), ==, 2 * IMG_SECTORS);
    blk_stop(&b, true);
}

static void test_if_virtio(void)
{
    g_autofree char *img = make_raw_image();
    QTestState *qts = qtest_initf("-machine pc -m 128 "
                                  "-drive if=virtio,file=%s,format=raw", img);
    QPCIBus bus;
    QVirtioPCIDevice *d;

    qpci_init_pc(&bus, qts);
    d = qvirtio_pci_find(&bus, 2, false);
    g_assert(d);
    g_assert_cmphex(qpci_config_readw(d->pdev, 2), ==, 0x1001);
    g_assert_cmpuint(qvirtio_config_readq(d, 0), ==, IMG_SECTORS);
    qvirtio_pci_free(d);
    qtest_quit(qts);
    g_unlink(img);
}

/* ioeventfd=off, vectors=0 (no MSI-X), num-queues/queue-size. */
static void test_props(void)
{
    Blk b;
    uint8_t buf[SECTOR];

    global_args = "-object iothread,id=io0";
    blk_start_full(&b, true, NULL, "raw", "ioeventfd=off,vectors=0,"
                   "queue-size=64,num-queues=2,iothread=io0");
    global_args = "";
    g_assert_cmpuint(qpci_find_capability(b.d->pdev, 0x11, 0), ==, 0);
    g_assert_cmpuint(qpci_io_readw(b.d->pdev, b.d->common_bar,
                                   b.d->common_off + 0x12), ==, 2);
    g_assert_cmpuint(qvirtio_config_readw(b.d, 34), ==, 2); /* num_queues */
    blk_setup_queue(&b, 1ull << VIRTIO_BLK_F_FLUSH);
    g_assert_cmpuint(b.vq->size, ==, 64);
    g_assert_cmpuint(blk_req(&b, VIRTIO_BLK_T_IN, 7, buf, SECTOR, L_STD), ==,
                     VIRTIO_BLK_S_OK);
    check_pattern(buf, 7, 1);
    blk_stop(&b, true);
}

/* The pci-cfg capability: device config read through config space. */
static void test_pci_cfg_window(void)
{
    Blk b;
    QPCIDevice *p;
    uint8_t cap = 0;

    blk_start_full(&b, true, NULL, "raw", NULL);
    p = b.d->pdev;
    while ((cap = qpci_find_capability(p, 0x09, cap))) {
        if (qpci_config_readb(p, cap + 3) == 5) {
            break;
        }
    }
    g_assert(cap);
    qpci_config_writeb(p, cap + 4, 4);                  /* BAR 4 */
    qpci_config_writel(p, cap + 8, 0x2000);             /* device cfg */
    qpci_config_writel(p, cap + 12, 4);
    g_assert_cmpuint(qpci_config_readl(p, cap + 16), ==, IMG_SECTORS);
    /* Common config: num_queues through the window. */
    qpci_config_writel(p, cap + 8, 0x12);
    qpci_config_writel(p, cap + 12, 2);
    g_assert_cmpuint(qpci_config_readl(p, cap + 16) & 0xffff, ==, 1);
    /* A bad length does nothing. */
    qpci_config_writel(p, cap + 12, 3);
    qpci_config_writel(p, cap + 16, 0);
    blk_stop(&b, true);
}

/* EVENT_IDX: no interrupt until used_event is passed. */
static void test_event_idx(void)
{
    Blk b;
    uint8_t buf[SECTOR];

    blk_start_full(&b, true, NULL, "raw", NULL);
    b.features = qvirtio_start(b.d, (1ull << VIRTIO_BLK_F_FLUSH) |
                               (1ull << QVIRTIO_F_EVENT_IDX));
    g_assert(b.features & (1ull << QVIRTIO_F_EVENT_IDX));
    b.vq = qvirtqueue_setup(b.d, &b.alloc, 0);
    qvirtio_driver_ok(b.d);
    /* The first completion after reset always interrupts. */
    g_assert_cmpuint(blk_req(&b, VIRTIO_BLK_T_IN, 0, buf, SECTOR, L_STD), ==,
                     VIRTIO_BLK_S_OK);
    g_assert_cmphex(qvirtio_read_isr(b.d), ==, 1);
    /* used_event = 2: used idx 1 -> 2 is quiet, 2 -> 3 interrupts. */
    qtest_writew(b.qts, b.vq->avail + 4 + 2 * b.vq->size, 2);
    g_assert_cmpuint(blk_req(&b, VIRTIO_BLK_T_IN, 0, buf, SECTOR, L_STD), ==,
                     VIRTIO_BLK_S_OK);
    g_assert_cmphex(qvirtio_read_isr(b.d), ==, 0);
    g_assert_cmpuint(blk_req(&b, VIRTIO_BLK_T_IN, 0, buf, SECTOR, L_STD), ==,
                     VIRTIO_BLK_S_OK);
    g_assert_cmphex(qvirtio_read_isr(b.d), ==, 1);
    /* The device publishes avail_event = its next avail index. */
    g_assert_cmpuint(qtest_readw(b.qts, b.vq->used + 4 + 8 * b.vq->size), ==,
                     3);
    blk_stop(&b, true);
}

/* While the VM is stopped kicks are remembered, and handled on cont. */
static void test_stop_cont(void)
{
    Blk b;
    g_autofree char *r1 = NULL, *r2 = NULL, *st = NULL;
    uint64_t hdr, data, status;
    uint16_t head;
    uint32_t id;

    blk_start(&b, true, NULL);
    r1 = qtest_qmp(b.qts, "{\"execute\": \"stop\"}");
    g_assert_nonnull(strstr(r1, "\"return\""));
    st = qtest_qmp(b.qts, "{\"execute\": \"query-status\"}");
    g_assert_nonnull(strstr(st, "\"paused\""));

    hdr = guest_alloc(&b.alloc, 16);
    data = guest_alloc(&b.alloc, SECTOR);
    status = guest_alloc(&b.alloc, 1);
    qtest_memset(b.qts, hdr, 0, 16);
    qtest_writeq(b.qts, hdr + 8, 9);
    qtest_writeb(b.qts, status, 0xee);
    head = qvirtqueue_add(b.d, b.vq, hdr, 16, false, true);
    qvirtqueue_add(b.d, b.vq, data, SECTOR, true, true);
    qvirtqueue_add(b.d, b.vq, status, 1, true, false);
    qvirtqueue_kick(b.d, b.vq, head);
    g_assert_false(qvirtqueue_wait_used(b.d, b.vq, &id, NULL, 200000));
    g_assert_cmphex(qtest_readb(b.qts, status), ==, 0xee);

    r2 = qtest_qmp(b.qts, "{\"execute\": \"cont\"}");
    g_assert_nonnull(strstr(r2, "\"return\""));
    g_assert_true(qvirtqueue_wait_used(b.d, b.vq, &id, NULL, TIMEOUT_US));
    g_assert_cmpuint(id, ==, head);
    g_assert_cmphex(qtest_readb(b.qts, status), ==, VIRTIO_BLK_S_OK);
    g_assert_cmphex(qtest_readb(b.qts, data), ==, pattern(9, 0));
    blk_stop(&b, true);
}

/* A machine reset resets the device (status, queues, MSI-X vectors). */
static void test_system_reset(void)
{
    Blk b;
    g_autofree char *r = NULL;
    uint8_t buf[SECTOR];
    gint64 deadline = g_get_monotonic_time() + TIMEOUT_US;

    blk_start(&b, true, NULL);
    g_assert_cmpuint(blk_req(&b, VIRTIO_BLK_T_IN, 0, buf, SECTOR, L_STD), ==,
                     VIRTIO_BLK_S_OK);
    r = qtest_qmp(b.qts, "{\"execute\": \"system_reset\"}");
    g_assert_nonnull(strstr(r, "\"return\""));
    /* The reset request is handled by the main loop: poll for it. */
    while ((qpci_config_readw(b.d->pdev, 4) & 7) &&
           g_get_monotonic_time() < deadline) {
        qtest_clock_step(b.qts, 1000);
        g_usleep(1000);
    }
    /* PCI reset: decoding off, BARs cleared.  Map BAR 4 again. */
    g_assert_cmphex(qpci_config_readw(b.d->pdev, 4) & 7, ==, 0);
    g_assert_cmphex(qpci_config_readl(b.d->pdev, 0x20) & ~0xfu, ==, 0);
    qpci_config_writel(b.d->pdev, 0x20, b.d->pdev->bars[4].addr);
    qpci_config_writel(b.d->pdev, 0x24, b.d->pdev->bars[4].addr >> 32);
    qpci_device_enable(b.d->pdev);
    g_assert_cmphex(qvirtio_get_status(b.d), ==, 0);
    g_assert_cmpuint(qpci_io_readw(b.d->pdev, b.d->common_bar,
                                   b.d->common_off + 0x1c), ==, 0);
    blk_stop(&b, true);
}

/*
 * Garbage register writes (fixed seed): random offsets and values in the
 * legacy BAR, common config and notify region, with queues pointed at
 * random places and kicked.  The emulator must survive all of it.
 */
static void test_register_garbage(void)
{
    Blk b;
    GRand *rnd = g_rand_new_with_seed(0x5eed);
    int i;

    g_autofree uint8_t *junk = g_malloc(1 << 20);

    blk_start_full(&b, false, NULL, "raw", NULL);
    /* Map the modern BAR too (the legacy driver mapped BAR 0 only). */
    qpci_iomap(b.d->pdev, 4, NULL);
    /* Random "rings" at 1-2 MiB for the queues to be pointed at. */
    for (i = 0; i < (1 << 20); i++) {
        junk[i] = g_rand_int(rnd);
    }
    qtest_bufwrite(b.qts, 1 << 20, junk, 1 << 20);
    for (i = 0; i < 3000; i++) {
        uint32_t v = g_rand_int(rnd);
        uint32_t pick = g_rand_int_range(rnd, 0, 6);
        QPCIBar bar4 = b.d->pdev->bars[4];

        /* Mostly small values: queue sizes, selectors, statuses. */
        if (g_rand_boolean(rnd)) {
            v &= 0x3ff;
        }
        switch (pick) {
        case 0:
            qpci_io_writel(b.d->pdev, b.d->bar0,
                           g_rand_int_range(rnd, 0, 0x18) & ~3, v);
            break;
        case 1:
            qpci_io_writew(b.d->pdev, bar4, g_rand_int_range(rnd, 0, 0x38)
                           & ~1, v);
            break;
        case 2:
            qpci_io_writel(b.d->pdev, bar4, g_rand_int_range(rnd, 0, 0x38)
                           & ~3, v);
            break;
        case 3:
            /* legacy ring somewhere in the junk, status DRIVER_OK */
            if (v & 0x100) {
                qpci_io_writeb(b.d->pdev, b.d->bar0, 0x12, 0);
            }
            qpci_io_writew(b.d->pdev, b.d->bar0, 0x0e, v & 1);
            qpci_io_writel(b.d->pdev, b.d->bar0, 0x08, 0x100 + (v >> 24));
            qpci_io_writeb(b.d->pdev, b.d->bar0, 0x12, 7);
            break;
        case 4:
            /* modern rings in the junk, enabled */
            if (v & 0x100) {
                qpci_io_writeb(b.d->pdev, bar4, 0x14, 0);
            }
            qpci_io_writew(b.d->pdev, bar4, 0x16, 0);
            qpci_io_writel(b.d->pdev, bar4, 0x20, 0x100000 + (v & 0xffff0));
            qpci_io_writel(b.d->pdev, bar4, 0x28, 0x110000 + (v & 0xfff0));
            qpci_io_writel(b.d->pdev, bar4, 0x30, 0x120000 + (v & 0xfff0));
            qpci_io_writew(b.d->pdev, bar4, 0x1c, 1);
            break;
        default:
            qpci_io_writew(b.d->pdev, bar4, 0x3000 + 4 *
                           g_rand_int_range(rnd, 0, 4), v & 3);
            qpci_io_writew(b.d->pdev, b.d->bar0, 0x10, v & 3);
            break;
        }
    }
    g_rand_free(rnd);
    g_assert_true(qtest_probe_child(b.qts));
    /* Still a working device after a reset. */
    {
        uint8_t buf[SECTOR];

        blk_setup_queue(&b, 1ull << VIRTIO_BLK_F_FLUSH);
        g_assert_cmpuint(blk_req(&b, VIRTIO_BLK_T_IN, 3, buf, SECTOR,
                                 L_STD), ==, VIRTIO_BLK_S_OK);
        check_pattern(buf, 3, 1);
    }
    blk_stop(&b, true);
}

/* Bad property values are refused with QEMU's messages, no crash. */
static void test_bad_props(void)
{
    static const char *const bad[] = {
        "queue-size=100", "queue-size=2", "num-queues=0",
        "max-discard-sectors=0", "logical_block_size=4000",
        "disable-legacy=on,disable-modern=on", "iothread=nosuch",
    };
    g_autofree char *img = make_raw_image();
    int i;

    for (i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autofree char *cmd = g_strdup_printf(
            "%s -accel qtest -display none -machine pc -m 64 "
            "-drive if=none,id=d0,file=%s,format=raw "
            "-device virtio-blk-pci,drive=d0,%s", qtest_qemu_binary(), img,
            bad[i]);
        g_autofree char *err = NULL;
        int status;

        g_assert_true(g_spawn_command_line_sync(cmd, NULL, &err, &status,
                                                NULL));
        g_assert_true(WIFEXITED(status));
        g_assert_cmpint(WEXITSTATUS(status), ==, 1);
        g_assert_nonnull(strstr(err, "virtio-blk-pci"));
    }
    g_unlink(img);
}

int main(int argc, char **argv)
{
    static const char *const lname[] = { "std", "merged", "split",
                                         "indirect" };
    int m, l, k;

    g_test_init(&argc, &argv, NULL);
    g_test_add_data_func("/virtio-blk/pci/transitional-ids",
                         GINT_TO_POINTER(0), test_pci_identity);
    g_test_add_data_func("/virtio-blk/pci/modern-only-ids",
                         GINT_TO_POINTER(1), test_pci_identity);
    g_test_add_func("/virtio-blk/pci/bar-sizing", test_bar_sizing);
    g_test_add_func("/virtio-blk/modern/resize", test_resize);
    for (m = 0; m < 2; m++) {
        const char *t = m ? "modern" : "legacy";
        char *p;

        p = g_strdup_printf("/virtio-blk/%s/features", t);
        g_test_add_data_func(p, GINT_TO_POINTER(m), test_features);
        g_free(p);
        p = g_strdup_printf("/virtio-blk/%s/config", t);
        g_test_add_data_func(p, GINT_TO_POINTER(m), test_config);
        g_free(p);
        for (l = 0; l < 4; l++) {
            p = g_strdup_printf("/virtio-blk/%s/io/%s", t, lname[l]);
            g_test_add_data_func(p, GINT_TO_POINTER(m | l << 1), test_io);
            g_free(p);
        }
        p = g_strdup_printf("/virtio-blk/%s/get-id-and-errors", t);
        g_test_add_data_func(p, GINT_TO_POINTER(m), test_get_id_and_errors);
        g_free(p);
        p = g_strdup_printf("/virtio-blk/%s/write-zeroes-discard", t);
        g_test_add_data_func(p, GINT_TO_POINTER(m),
                             test_write_zeroes_discard);
        g_free(p);
        p = g_strdup_printf("/virtio-blk/%s/msix", t);
        g_test_add_data_func(p, GINT_TO_POINTER(m), test_msix);
        g_free(p);
        p = g_strdup_printf("/virtio-blk/%s/intx", t);
        g_test_add_data_func(p, GINT_TO_POINTER(m), test_intx);
        g_free(p);
        for (k = 0; k < BAD__MAX; k++) {
            p = g_strdup_printf("/virtio-blk/%s/malformed/%s", t,
                                bad_names[k]);
            g_test_add_data_func(p, GINT_TO_POINTER(m | k << 1),
                                 test_malformed);
            g_free(p);
        }
    }
    g_test_add_func("/virtio-blk/modern/no-interrupt", test_no_interrupt);
    g_test_add_func("/virtio-blk/modern/ring-outside-ram",
                    test_ring_outside_ram);
    g_test_add_func("/virtio-blk/modern/qcow2", test_qcow2);
    g_test_add_func("/virtio-blk/pci/if-virtio", test_if_virtio);
    g_test_add_func("/virtio-blk/modern/props", test_props);
    g_test_add_func("/virtio-blk/pci/bad-props", test_bad_props);
    g_test_add_func("/virtio-blk/modern/stop-cont", test_stop_cont);
    g_test_add_func("/virtio-blk/modern/system-reset", test_system_reset);
    g_test_add_func("/virtio-blk/pci/register-garbage",
                    test_register_garbage);
    g_test_add_func("/virtio-blk/modern/pci-cfg-window", test_pci_cfg_window);
    g_test_add_func("/virtio-blk/modern/event-idx", test_event_idx);
    g_test_add_func("/virtio-blk/modern/msix-iothread", test_msix_iothread);
    g_test_add_func("/virtio-blk/modern/iothread", test_iothread);
    g_test_add_data_func("/virtio-blk/modern/merge", GINT_TO_POINTER(1),
                         test_merge);
    g_test_add_data_func("/virtio-blk/modern/no-merge", GINT_TO_POINTER(0),
                         test_merge);
    g_test_add_data_func("/virtio-blk/modern/werror-stop",
                         GINT_TO_POINTER(0), test_werror_stop);
    g_test_add_data_func("/virtio-blk/modern/werror-stop-iothread",
                         GINT_TO_POINTER(1), test_werror_stop);
    return g_test_run();
}
