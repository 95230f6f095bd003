/*
 * Unit tests of the block core, the file/raw/null drivers, qcow2
 * metadata, image locking and -drive bookkeeping.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/memalign.h"
#include "qemu/bswap.h"
#include "qemu/cutils.h"
#include "qemu/module.h"
#include "qemu/option.h"
#include "qemu/config-file.h"
#include "qapi/qmp/qdict.h"
#include "qapi/qmp/qjson.h"
#include "block/block_int.h"
#include "sysemu/block-backend.h"
#include "sysemu/blockdev.h"

static char *tmpdir;
static void check_clean(BlockBackend *blk);

static char *tmp_path(const char *name)
{
    return g_build_filename(tmpdir, name, NULL);
}

static BlockBackend *open_img(const char *path, const char *fmt, int flags,
                              Error **errp)
{
    QDict *o = qdict_new();

    if (fmt) {
        qdict_put_str(o, "driver", fmt);
    }
    return blk_new_open(path, NULL, o, flags, errp);
}

static void create_img(const char *path, const char *fmt, const char *opts,
                       uint64_t size)
{
    g_autofree char *o = opts ? g_strdup(opts) : NULL;

    bdrv_img_create(path, fmt, NULL, NULL, o, size, 0, true, &error_abort);
}

static void fill(uint8_t *buf, size_t len, int seed)
{
    size_t i;

    for (i = 0; i < len; i++) {
        buf[i] = (i * 31 + seed * 7 + (i >> 9)) & 0xff;
    }
}

static void test_null_co(void)
{
    QDict *o = qdict_new();
    BlockBackend *blk;
    uint8_t buf[4096];

    qdict_put_str(o, "driver", "null-co");
    qdict_put_str(o, "size", "1M");
    qdict_put_str(o, "read-zeroes", "on");
    blk = blk_new_open(NULL, NULL, o, BDRV_O_RDWR, &error_abort);
    g_assert_cmpint(blk_getlength(blk), ==, 1 * MiB);
    memset(buf, 0xaa, sizeof(buf));
    g_assert_cmpint(blk_pwrite(blk, 0, 4096, buf, 0), ==, 0);
    g_assert_cmpint(blk_pread(blk, 0, 4096, buf, 0), ==, 0);
    g_assert_true(buffer_is_zero(buf, sizeof(buf)));
    blk_unref(blk);
}

static void test_unknown_option_and_driver(void)
{
    QDict *o = qdict_new();
    Error *err = NULL;
    g_autofree char *p = tmp_path("opt.raw");

    create_img(p, "raw", NULL, 64 * KiB);
    qdict_put_str(o, "driver", "raw");
    qdict_put_str(o, "bogus", "1");
    g_assert_null(blk_new_open(p, NULL, o, 0, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Block format 'raw' does not support the option 'bogus'");
    error_free(err);
    err = NULL;
    o = qdict_new();
    qdict_put_str(o, "driver", "nosuch");
    g_assert_null(blk_new_open(p, NULL, o, 0, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Unknown driver 'nosuch'");
    error_free(err);
}

static void test_raw_rw_unaligned(void)
{
    g_autofree char *p = tmp_path("rw.raw");
    BlockBackend *blk;
    uint8_t *a = g_malloc(70000), *b = g_malloc(70000);

    create_img(p, "raw", NULL, 1 * MiB);
    blk = open_img(p, "raw", BDRV_O_RDWR, &error_abort);
    fill(a, 70000, 1);
    /* Odd offsets and lengths go through the RMW path when aligned I/O
     * is needed and straight through otherwise: same result. */
    g_assert_cmpint(blk_pwrite(blk, 1234, 70000, a, 0), ==, 0);
    g_assert_cmpint(blk_pread(blk, 1234, 70000, b, 0), ==, 0);
    g_assert_cmpmem(a, 70000, b, 70000);
    blk_unref(blk);
    g_free(a);
    g_free(b);
}

static void test_raw_direct(gconstpointer aio)
{
    g_autofree char *p = tmp_path("direct.raw");
    BlockBackend *blk;
    QDict *o = qdict_new();
    Error *err = NULL;
    uint8_t a[3000], b[3000];

    create_img(p, "raw", NULL, 1 * MiB);
    qdict_put_str(o, "driver", "raw");
    qdict_put_str(o, "cache.direct", "on");
    qdict_put_str(o, "file.aio", aio);
    blk = blk_new_open(p, NULL, o, BDRV_O_RDWR, &err);
    if (!blk) {
        /* tmpfs and some overlays refuse O_DIRECT */
        g_test_skip(error_get_pretty(err));
        error_free(err);
        return;
    }
    g_assert_cmpuint(blk_get_request_alignment(blk), >=, 512);
    fill(a, sizeof(a), 2);
    /* Unaligned offset, length and (stack) buffer: bounced. */
    g_assert_cmpint(blk_pwrite(blk, 777, sizeof(a), a, 0), ==, 0);
    g_assert_cmpint(blk_pread(blk, 777, sizeof(b), b, 0), ==, 0);
    g_assert_cmpmem(a, sizeof(a), b, sizeof(b));
    blk_unref(blk);
}

static int aio_ret = 1;
static int aio_calls;

static void aio_cb(void *opaque, int ret)
{
    aio_ret = ret;
    aio_calls++;
}

static void test_aio_completion(void)
{
    g_autofree char *p = tmp_path("aio.qcow2");
    BlockBackend *blk;
    QEMUIOVector qiov;
    uint8_t *buf = qemu_memalign(4096, 65536), *rb = g_malloc(65536);

    create_img(p, "qcow2", NULL, 4 * MiB);
    blk = open_img(p, "qcow2", BDRV_O_RDWR, &error_abort);
    fill(buf, 65536, 3);
    qemu_iovec_init_buf(&qiov, buf, 65536);
    aio_calls = 0;
    blk_aio_pwritev(blk, 65536, &qiov, 0, aio_cb, NULL);
    /* Never called from within the submission. */
    g_assert_cmpint(aio_calls, ==, 0);
    blk_drain(blk);
    g_assert_cmpint(aio_calls, ==, 1);
    g_assert_cmpint(aio_ret, ==, 0);
    blk_aio_flush(blk, aio_cb, NULL);
    blk_drain(blk);
    g_assert_cmpint(aio_calls, ==, 2);
    g_assert_cmpint(aio_ret, ==, 0);
    /* Errors arrive through the callback too. */
    blk_aio_preadv(blk, -512, &qiov, 0, aio_cb, NULL);
    blk_drain(blk);
    g_assert_cmpint(aio_ret, ==, -EIO);
    g_assert_cmpint(blk_pread(blk, 65536, 65536, rb, 0), ==, 0);
    g_assert_cmpmem(buf, 65536, rb, 65536);
    blk_unref(blk);
    qemu_vfree(buf);
    g_free(rb);
}

static int conc_pending;

static void conc_cb(void *opaque, int ret)
{
    g_assert_cmpint(ret, ==, 0);
    conc_pending--;
}

/* Many in-flight allocating writes into the same clusters. */
static void test_qcow2_concurrent_alloc(void)
{
    g_autofree char *p = tmp_path("conc.qcow2");
    const int n = 512, bs = 4096;
    uint8_t *data = qemu_memalign(4096, n * bs), *rb = g_malloc(n * bs);
    QEMUIOVector *q = g_new(QEMUIOVector, n);
    BlockBackend *blk;
    int i;

    create_img(p, "qcow2", NULL, 4 * MiB);
    blk = open_img(p, "qcow2", BDRV_O_RDWR, &error_abort);
    fill(data, n * bs, 9);
    for (i = 0; i < n; i++) {
        /* interleave so neighbours in a cluster are in flight together */
        int j = (i * 17) % n;

        qemu_iovec_init_buf(&q[j], data + j * bs, bs);
        conc_pending++;
        blk_aio_pwritev(blk, (int64_t)j * bs, &q[j], 0, conc_cb, NULL);
    }
    blk_drain(blk);
    g_assert_cmpint(conc_pending, ==, 0);
    g_assert_cmpint(blk_pread(blk, 0, n * bs, rb, 0), ==, 0);
    g_assert_cmpmem(data, n * bs, rb, n * bs);
    check_clean(blk);
    blk_unref(blk);
    qemu_vfree(data);
    g_free(rb);
    g_free(q);
}

static void test_detect_zeroes_unmap(void)
{
    g_autofree char *p = tmp_path("dz.qcow2");
    QDict *o = qdict_new();
    BlockBackend *blk;
    uint8_t *buf = g_malloc0(65536);
    int64_t pnum;
    int st;

    create_img(p, "qcow2", NULL, 1 * MiB);
    qdict_put_str(o, "driver", "qcow2");
    qdict_put_str(o, "discard", "unmap");
    qdict_put_str(o, "detect-zeroes", "unmap");
    blk = blk_new_open(p, NULL, o, BDRV_O_RDWR, &error_abort);
    memset(buf, 1, 65536);
    g_assert_cmpint(blk_pwrite(blk, 0, 65536, buf, 0), ==, 0);
    st = bdrv_block_status(blk_bs(blk), 0, 65536, &pnum, NULL, NULL);
    g_assert_true(st & BDRV_BLOCK_DATA);
    memset(buf, 0, 65536);
    g_assert_cmpint(blk_pwrite(blk, 0, 65536, buf, 0), ==, 0);
    st = bdrv_block_status(blk_bs(blk), 0, 65536, &pnum, NULL, NULL);
    g_assert_false(st & BDRV_BLOCK_DATA);
    g_assert_true(st & BDRV_BLOCK_ZERO);
    blk_unref(blk);
    g_free(buf);
}

static void test_native_needs_direct(void)
{
    g_autofree char *p = tmp_path("native.raw");
    QDict *o = qdict_new();
    Error *err = NULL;

    create_img(p, "raw", NULL, 64 * KiB);
    qdict_put_str(o, "driver", "raw");
    qdict_put_str(o, "file.aio", "native");
    g_assert_null(blk_new_open(p, NULL, o, 0, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "aio=native was specified, but it requires "
                    "cache.direct=on, which was not specified.");
    error_free(err);
}

static void test_cache_modes(void)
{
    static const struct {
        const char *mode;
        int flags;
        bool wt;
    } t[] = {
        { "writeback", 0, false },
        { "none", BDRV_O_NOCACHE, false },
        { "writethrough", 0, true },
        { "directsync", BDRV_O_NOCACHE, true },
        { "unsafe", BDRV_O_NO_FLUSH, false },
    };
    int i, flags;
    bool wt;

    for (i = 0; i < ARRAY_SIZE(t); i++) {
        flags = 0;
        g_assert_cmpint(bdrv_parse_cache_mode(t[i].mode, &flags, &wt), ==, 0);
        g_assert_cmpint(flags, ==, t[i].flags);
        g_assert_cmpint(wt, ==, t[i].wt);
    }
    g_assert_cmpint(bdrv_parse_cache_mode("bogus", &flags, &wt), ==, -1);
}

static void test_probe(void)
{
    g_autofree char *q = tmp_path("probe.qcow2");
    g_autofree char *r = tmp_path("probe.raw");
    BlockBackend *blk;
    uint8_t hdr[512];

    create_img(q, "qcow2", NULL, 1 * MiB);
    create_img(r, "raw", NULL, 1 * MiB);
    blk = open_img(q, NULL, 0, &error_abort);
    g_assert_cmpstr(bdrv_get_format_name(blk_bs(blk)), ==, "qcow2");
    blk_unref(blk);
    bdrv_warn_probed_raw = false;
    blk = open_img(r, NULL, BDRV_O_RDWR, &error_abort);
    bdrv_warn_probed_raw = true;
    g_assert_cmpstr(bdrv_get_format_name(blk_bs(blk)), ==, "raw");
    /* A probed raw image may not turn itself into a qcow2 header. */
    memset(hdr, 0, sizeof(hdr));
    memcpy(hdr, "QFI\xfb\0\0\0\3", 8);
    g_assert_cmpint(blk_pwrite(blk, 0, 512, hdr, 0), ==, -EPERM);
    hdr[0] = 'X';
    g_assert_cmpint(blk_pwrite(blk, 0, 512, hdr, 0), ==, 0);
    blk_unref(blk);
}

static void test_locking(void)
{
    g_autofree char *p = tmp_path("lock.qcow2");
    BlockBackend *a, *b;
    Error *err = NULL;

    create_img(p, "qcow2", NULL, 1 * MiB);
    a = open_img(p, "qcow2", BDRV_O_RDWR | BDRV_O_NO_SHARE, &error_abort);
    b = open_img(p, "qcow2", BDRV_O_RDWR | BDRV_O_NO_SHARE, &err);
    g_assert_null(b);
    g_assert_cmpstr(error_get_pretty(err), ==, "Failed to get \"write\" lock");
    error_free(err);
    err = NULL;
    /* A reader that won't share "write" conflicts too. */
    b = open_img(p, "qcow2", BDRV_O_NO_SHARE, &err);
    g_assert_null(b);
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Failed to get shared \"write\" lock");
    error_free(err);
    blk_unref(a);
    /* Released on close. */
    b = open_img(p, "qcow2", BDRV_O_RDWR | BDRV_O_NO_SHARE, &error_abort);
    blk_unref(b);
}

static void check_clean(BlockBackend *blk)
{
    BdrvCheckResult res;

    g_assert_cmpint(bdrv_check(blk_bs(blk), &res, 0), ==, 0);
    g_assert_cmpint(res.corruptions, ==, 0);
    g_assert_cmpint(res.leaks, ==, 0);
    g_assert_cmpint(res.check_errors, ==, 0);
}

static void test_qcow2_metadata(gconstpointer data)
{
    const char *opts = data;
    g_autofree char *p = tmp_path("meta.qcow2");
    BlockBackend *blk;
    const int64_t size = 8 * MiB;
    uint8_t *ref = g_malloc0(size), *got = g_malloc(size);
    GRand *r = g_rand_new_with_seed(11);
    int i;

    create_img(p, "qcow2", opts, size);
    blk = open_img(p, "qcow2", BDRV_O_RDWR, &error_abort);
    check_clean(blk);
    for (i = 0; i < 200; i++) {
        int64_t off = g_rand_int_range(r, 0, size - 20000);
        int64_t len = g_rand_int_range(r, 1, 20000);
        int kind = g_rand_int_range(r, 0, 4);

        if (kind == 0) {
            memset(ref + off, 0, len);
            g_assert_cmpint(blk_pwrite_zeroes(blk, off, len, 0), ==, 0);
        } else if (kind == 1 && i % 3 == 0) {
            /* discard only drops whole clusters: read back what we got */
            g_assert_cmpint(blk_pdiscard(blk, off, len), ==, 0);
        } else {
            fill(ref + off, len, i);
            g_assert_cmpint(blk_pwrite(blk, off, len, ref + off, 0), ==, 0);
        }
    }
    g_assert_cmpint(blk_pread(blk, 0, size, got, 0), ==, 0);
    g_assert_cmpmem(ref, size, got, size);
    g_assert_cmpint(blk_flush(blk), ==, 0);
    check_clean(blk);
    blk_unref(blk);
    /* Reopened: same data, still consistent. */
    blk = open_img(p, "qcow2", 0, &error_abort);
    g_assert_cmpint(blk_pread(blk, 0, size, got, 0), ==, 0);
    g_assert_cmpmem(ref, size, got, size);
    check_clean(blk);
    blk_unref(blk);
    g_rand_free(r);
    g_free(ref);
    g_free(got);
}

static void test_qcow2_snapshots(void)
{
    g_autofree char *p = tmp_path("snap.qcow2");
    BlockBackend *blk;
    QEMUSnapshotInfo sn, *list = NULL;
    uint8_t a[4096], b[4096];
    Error *err = NULL;

    create_img(p, "qcow2", "cluster_size=4k", 1 * MiB);
    blk = open_img(p, "qcow2", BDRV_O_RDWR, &error_abort);
    memset(a, 0x11, sizeof(a));
    g_assert_cmpint(blk_pwrite(blk, 8192, 4096, a, 0), ==, 0);
    memset(&sn, 0, sizeof(sn));
    pstrcpy(sn.name, sizeof(sn.name), "first");
    sn.icount = -1ULL;
    g_assert_cmpint(bdrv_snapshot_create(blk_bs(blk), &sn), ==, 0);
    g_assert_cmpint(bdrv_snapshot_list(blk_bs(blk), &list), ==, 1);
    g_assert_cmpstr(list[0].name, ==, "first");
    g_assert_cmpstr(list[0].id_str, ==, "1");
    g_free(list);
    check_clean(blk);
    memset(b, 0x22, sizeof(b));
    g_assert_cmpint(blk_pwrite(blk, 8192, 4096, b, 0), ==, 0);
    check_clean(blk);
    g_assert_cmpint(bdrv_snapshot_goto(blk_bs(blk), "first", &err), ==, 0);
    g_assert_cmpint(blk_pread(blk, 8192, 4096, b, 0), ==, 0);
    g_assert_cmpmem(a, 4096, b, 4096);
    check_clean(blk);
    g_assert_cmpint(bdrv_snapshot_delete(blk_bs(blk), "1", "first", &err),
                    ==, 0);
    g_assert_cmpint(bdrv_snapshot_list(blk_bs(blk), &list), ==, 0);
    check_clean(blk);
    blk_unref(blk);
}

static void test_qcow2_compressed(void)
{
    g_autofree char *p = tmp_path("comp.qcow2");
    BlockBackend *blk;
    uint8_t *a = g_malloc(65536), *b = g_malloc(65536);
    int64_t pnum;

    create_img(p, "qcow2", NULL, 1 * MiB);
    blk = open_img(p, "qcow2", BDRV_O_RDWR, &error_abort);
    memset(a, 'x', 65536);
    memcpy(a, "compressible", 12);
    g_assert_cmpint(blk_pwrite_compressed(blk, 65536, 65536, a), ==, 0);
    g_assert_true(bdrv_block_status(blk_bs(blk), 65536, 65536, &pnum, NULL,
                                    NULL) & BDRV_BLOCK_COMPRESSED);
    g_assert_cmpint(blk_pread(blk, 65536, 65536, b, 0), ==, 0);
    g_assert_cmpmem(a, 65536, b, 65536);
    /* Overwriting part of it copies the rest out of the compressed data. */
    g_assert_cmpint(blk_pwrite(blk, 65536 + 100, 5, "hello", 0), ==, 0);
    memcpy(a + 100, "hello", 5);
    g_assert_cmpint(blk_pread(blk, 65536, 65536, b, 0), ==, 0);
    g_assert_cmpmem(a, 65536, b, 65536);
    check_clean(blk);
    blk_unref(blk);
    g_free(a);
    g_free(b);
}

static void test_qcow2_corrupt_bit(void)
{
    g_autofree char *p = tmp_path("corrupt.qcow2");
    BlockBackend *blk;
    Error *err = NULL;
    uint64_t l1_off, bad;
    uint8_t buf[512];
    int fd;

    create_img(p, "qcow2", NULL, 1 * MiB);
    blk = open_img(p, "qcow2", BDRV_O_RDWR, &error_abort);
    g_assert_cmpint(blk_pwrite(blk, 0, 512, buf, 0), ==, 0);
    blk_unref(blk);
    /* Point L1[0] at an unaligned offset. */
    fd = open(p, O_RDWR);
    g_assert_cmpint(pread(fd, &l1_off, 8, 40), ==, 8);
    l1_off = be64_to_cpu(l1_off);
    bad = cpu_to_be64(0x10200ULL | (1ULL << 63));
    g_assert_cmpint(pwrite(fd, &bad, 8, l1_off), ==, 8);
    close(fd);
    blk = open_img(p, "qcow2", BDRV_O_RDWR, &error_abort);
    g_assert_cmpint(blk_pread(blk, 0, 512, buf, 0), ==, -EIO);
    blk_unref(blk);
    /* Now marked corrupt: refused read/write, fine read-only. */
    blk = open_img(p, "qcow2", BDRV_O_RDWR, &err);
    g_assert_null(blk);
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "qcow2: Image is corrupt; cannot be opened read/write");
    error_free(err);
    blk = open_img(p, "qcow2", 0, &error_abort);
    blk_unref(blk);
}

static void test_qcow2_backing(void)
{
    g_autofree char *base = tmp_path("base.qcow2");
    g_autofree char *top = tmp_path("top.qcow2");
    BlockBackend *blk;
    uint8_t a[8192], b[8192];

    create_img(base, "qcow2", NULL, 1 * MiB);
    blk = open_img(base, "qcow2", BDRV_O_RDWR, &error_abort);
    fill(a, sizeof(a), 5);
    g_assert_cmpint(blk_pwrite(blk, 4096, 8192, a, 0), ==, 0);
    blk_unref(blk);
    bdrv_img_create(top, "qcow2", base, "qcow2", NULL, -1, 0, true,
                    &error_abort);
    blk = open_img(top, "qcow2", BDRV_O_RDWR, &error_abort);
    g_assert_nonnull(bdrv_backing_bs(blk_bs(blk)));
    g_assert_cmpint(blk_getlength(blk), ==, 1 * MiB);
    g_assert_cmpint(blk_pread(blk, 4096, 8192, b, 0), ==, 0);
    g_assert_cmpmem(a, 8192, b, 8192);
    /* Partial write: the rest of the cluster comes from the backing. */
    g_assert_cmpint(blk_pwrite(blk, 6000, 10, "0123456789", 0), ==, 0);
    memcpy(a + 6000 - 4096, "0123456789", 10);
    g_assert_cmpint(blk_pread(blk, 4096, 8192, b, 0), ==, 0);
    g_assert_cmpmem(a, 8192, b, 8192);
    check_clean(blk);
    blk_unref(blk);
}

static void test_drive_new(void)
{
    g_autofree char *p = tmp_path("drive.qcow2");
    g_autofree char *arg = NULL;
    QemuOpts *opts;
    DriveInfo *d;
    BlockBackend *blk;
    Error *err = NULL;

    create_img(p, "qcow2", NULL, 1 * MiB);
    arg = g_strdup_printf("file=%s,if=ide,cache=none,aio=threads", p);
    opts = qemu_opts_parse_noisily(qemu_find_opts("drive"), arg, false);
    d = drive_new(opts, IF_IDE, &err);
    if (!d && err && strstr(error_get_pretty(err), "O_DIRECT")) {
        g_test_skip("no O_DIRECT");
        error_free(err);
        return;
    }
    if (!d) {
        /* tmpfs: no O_DIRECT: retry with the default cache mode */
        error_free(err);
        err = NULL;
        g_free(arg);
        arg = g_strdup_printf("file=%s,if=ide", p);
        opts = qemu_opts_parse_noisily(qemu_find_opts("drive"), arg, false);
        d = drive_new(opts, IF_IDE, &error_abort);
    }
    g_assert_nonnull(d);
    blk = blk_by_name("ide0-hd0");
    g_assert_nonnull(blk);
    g_assert_true(drive_get(IF_IDE, 0, 0) == d);
    g_assert_true(blk_legacy_dinfo(blk) == d);
    g_assert_cmpstr(bdrv_get_format_name(blk_bs(blk)), ==, "qcow2");
    g_assert_true(blk_is_writable(blk));

    opts = qemu_opts_parse_noisily(qemu_find_opts("drive"),
                                   "if=ide,index=3,media=cdrom", false);
    d = drive_new(opts, IF_IDE, &error_abort);
    g_assert_cmpint(d->bus, ==, 1);
    g_assert_cmpint(d->unit, ==, 1);
    g_assert_nonnull(blk_by_name("ide1-cd1"));
    g_assert_false(blk_is_inserted(blk_by_name("ide1-cd1")));

    opts = qemu_opts_parse_noisily(qemu_find_opts("drive"),
                                   "if=scsi,file=x", false);
    g_assert_null(drive_new(opts, IF_IDE, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "machine type does not support if=scsi,bus=0,unit=0");
    error_free(err);
}

static void test_drive_snapshot(void)
{
    g_autofree char *p = tmp_path("snapon.raw");
    g_autofree char *arg = NULL;
    QemuOpts *opts;
    BlockBackend *blk;
    uint8_t buf[512], orig[512];
    int fd;

    create_img(p, "raw", NULL, 1 * MiB);
    arg = g_strdup_printf("file=%s,format=raw,if=none,id=snapon,snapshot=on",
                          p);
    opts = qemu_opts_parse_noisily(qemu_find_opts("drive"), arg, false);
    g_assert_nonnull(drive_new(opts, IF_IDE, &error_abort));
    blk = blk_by_name("snapon");
    g_assert_cmpstr(bdrv_get_format_name(blk_bs(blk)), ==, "qcow2");
    memset(buf, 0x5a, sizeof(buf));
    g_assert_cmpint(blk_pwrite(blk, 0, 512, buf, 0), ==, 0);
    g_assert_cmpint(blk_flush(blk), ==, 0);
    memset(orig, 1, sizeof(orig));
    fd = open(p, O_RDONLY);
    g_assert_cmpint(pread(fd, orig, 512, 0), ==, 512);
    close(fd);
    /* The image itself is untouched. */
    g_assert_true(buffer_is_zero(orig, 512));
    g_assert_cmpint(blk_pread(blk, 0, 512, orig, 0), ==, 0);
    g_assert_cmpmem(buf, 512, orig, 512);
}

static void test_blockdev_json(void)
{
    g_autofree char *p = tmp_path("bd.qcow2");
    g_autofree char *json = NULL;
    QDict *d;
    Error *err = NULL;
    BlockBackend *blk;

    create_img(p, "qcow2", NULL, 1 * MiB);
    /* libvirt's two-node form */
    json = g_strdup_printf("{\"driver\":\"file\",\"filename\":\"%s\","
                           "\"node-name\":\"libvirt-1-storage\","
                           "\"auto-read-only\":true,\"discard\":\"unmap\"}",
                           p);
    d = qobject_to(QDict, qobject_from_json(json, &error_abort));
    g_assert_true(blockdev_cmdline_add(d, &error_abort));
    qobject_unref(d);
    d = qobject_to(QDict, qobject_from_json(
        "{\"node-name\":\"libvirt-1-format\",\"read-only\":false,"
        "\"discard\":\"unmap\",\"driver\":\"qcow2\","
        "\"file\":\"libvirt-1-storage\",\"backing\":null}", &error_abort));
    g_assert_true(blockdev_cmdline_add(d, &error_abort));
    qobject_unref(d);
    g_assert_nonnull(bdrv_find_node("libvirt-1-format"));
    /* DEFINE_PROP_DRIVE resolves node names through blk_by_name. */
    blk = blk_by_name("libvirt-1-format");
    g_assert_nonnull(blk);
    g_assert_cmpint(blk_getlength(blk), ==, 1 * MiB);
    d = qobject_to(QDict, qobject_from_json("{\"driver\":\"qcow2\"}",
                                            &error_abort));
    g_assert_false(blockdev_cmdline_add(d, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "'node-name' must be specified for the root node");
    error_free(err);
    qobject_unref(d);
}

int main(int argc, char **argv)
{
    int ret;
    g_autofree char *cmd = NULL;

    g_test_init(&argc, &argv, NULL);
    error_init(argv[0]);
    module_call_init(MODULE_INIT_OPTS);
    if (!qemu_find_opts_err("drive", NULL)) {
        qemu_add_opts(&qemu_drive_opts);
    }
    bdrv_init();
    tmpdir = g_dir_make_tmp("test-block-XXXXXX", NULL);

    g_test_add_func("/block/null-co", test_null_co);
    g_test_add_func("/block/options", test_unknown_option_and_driver);
    g_test_add_func("/block/raw/unaligned", test_raw_rw_unaligned);
    g_test_add_data_func("/block/raw/direct/threads", "threads",
                         test_raw_direct);
#ifdef CONFIG_LINUX_AIO
    g_test_add_data_func("/block/raw/direct/native", "native",
                         test_raw_direct);
#endif
#ifdef CONFIG_LINUX_IO_URING
    g_test_add_data_func("/block/raw/direct/io_uring", "io_uring",
                         test_raw_direct);
#endif
    g_test_add_func("/block/aio/completion", test_aio_completion);
    g_test_add_func("/block/detect-zeroes-unmap", test_detect_zeroes_unmap);
    g_test_add_func("/block/cache-modes", test_cache_modes);
    g_test_add_func("/block/native-needs-direct", test_native_needs_direct);
    g_test_add_func("/block/probe", test_probe);
    g_test_add_func("/block/locking", test_locking);
    g_test_add_data_func("/block/qcow2/metadata/64k", "cluster_size=64k",
                         test_qcow2_metadata);
    g_test_add_data_func("/block/qcow2/metadata/512",
                         "cluster_size=512,refcount_bits=1",
                         test_qcow2_metadata);
    g_test_add_data_func("/block/qcow2/metadata/v2", "compat=0.10",
                         test_qcow2_metadata);
    g_test_add_data_func("/block/qcow2/metadata/lazy",
                         "lazy_refcounts=on,cluster_size=4k",
                         test_qcow2_metadata);
    g_test_add_func("/block/qcow2/snapshots", test_qcow2_snapshots);
    g_test_add_func("/block/qcow2/concurrent-alloc",
                    test_qcow2_concurrent_alloc);
    g_test_add_func("/block/qcow2/compressed", test_qcow2_compressed);
    g_test_add_func("/block/qcow2/corrupt-bit", test_qcow2_corrupt_bit);
    g_test_add_func("/block/qcow2/backing", test_qcow2_backing);
    g_test_add_func("/block/blockdev/drive-new", test_drive_new);
    g_test_add_func("/block/blockdev/json", test_blockdev_json);
    g_test_add_func("/block/blockdev/snapshot-on", test_drive_snapshot);
    ret = g_test_run();
    cmd = g_strdup_printf("rm -rf '%s'", tmpdir);
    if (system(cmd)) {
        /* best effort */
    }
    return ret;
}
