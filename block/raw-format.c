/*
 * Format driver "raw": the guest sees the child's bytes, optionally a
 * window of them (offset=, size=).  When the format was probed, writes
 * that would make block 0 look like another format are refused.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/module.h"
#include "qemu/option.h"
#include "qapi/qmp/qdict.h"
#include "block/block_int.h"

typedef struct BDRVRawFmtState {
    uint64_t offset;
    uint64_t size;
    bool has_size;
} BDRVRawFmtState;

static int raw_probe(const uint8_t *buf, int buf_size, const char *filename)
{
    return 1;   /* anything is raw, as a last resort */
}

static int raw_fmt_open(BlockDriverState *bs, QDict *options, int flags,
                        Error **errp)
{
    BDRVRawFmtState *s = bs->opaque;
    Error *local_err = NULL;
    int64_t len;

    s->has_size = qdict_haskey(options, "size");
    s->offset = bdrv_take_size(options, "offset", 0, &local_err);
    if (!local_err) {
        s->size = bdrv_take_size(options, "size", 0, &local_err);
    }
    if (local_err) {
        error_propagate(errp, local_err);
        return -EINVAL;
    }
    len = bdrv_getlength(bs->file->bs);
    if (len < 0) {
        error_setg_errno(errp, -len, "Could not get the image size");
        return len;
    }
    if (s->offset > len) {
        error_setg(errp, "The sum of offset (%" PRIu64 ") and size (0) has to "
                   "be smaller or equal to the actual size of the containing "
                   "file (%" PRId64 ")", s->offset, len);
        return -EINVAL;
    }
    if (s->has_size && s->offset + s->size > (uint64_t)len) {
        error_setg(errp, "The sum of offset (%" PRIu64 ") and size (%" PRIu64
                   ") has to be smaller or equal to the actual size of the "
                   "containing file (%" PRId64 ")", s->offset, s->size, len);
        return -EINVAL;
    }
    if ((s->offset | s->size) & (BDRV_SECTOR_SIZE - 1) && s->has_size) {
        /* allowed; requests are clipped below */
    }
    bs->has_zero_init = bs->file->bs->has_zero_init;
    return 0;
}

static int64_t raw_fmt_getlength(BlockDriverState *bs)
{
    BDRVRawFmtState *s = bs->opaque;
    int64_t len;

    if (s->has_size) {
        return s->size;
    }
    len = bdrv_getlength(bs->file->bs);
    return len < 0 ? len : MAX(len - (int64_t)s->offset, 0);
}

static int raw_check_range(BlockDriverState *bs, int64_t offset, int64_t bytes)
{
    BDRVRawFmtState *s = bs->opaque;

    if (s->has_size && (offset > s->size || bytes > s->size - offset)) {
        return -EINVAL;
    }
    return 0;
}

static int raw_fmt_preadv(BlockDriverState *bs, int64_t offset, int64_t bytes,
                          QEMUIOVector *qiov, BdrvRequestFlags flags)
{
    BDRVRawFmtState *s = bs->opaque;
    int ret = raw_check_range(bs, offset, bytes);

    return ret < 0 ? ret
                   : bdrv_preadv(bs->file, offset + s->offset, bytes, qiov,
                                 flags);
}

/* A probed raw image must not turn itself into another format. */
static bool raw_write_changes_format(BlockDriverState *bs, int64_t offset,
                                     int64_t bytes, QEMUIOVector *qiov)
{
    uint8_t buf[512];
    BlockDriver *drv;
    int score;

    if (!bs->probed_raw || offset >= 512) {
        return false;
    }
    memset(buf, 0, sizeof(buf));
    if (bdrv_pread(bs->file, 0, 512, buf, 0) < 0) {
        return true;
    }
    if (qiov) {
        qemu_iovec_to_buf(qiov, 0, buf + offset, MIN(bytes, 512 - offset));
    } else {
        memset(buf + offset, 0, MIN(bytes, 512 - offset));
    }
    drv = bdrv_probe_format(buf, 512, NULL, &score);
    return drv && strcmp(drv->format_name, "raw");
}

static int raw_fmt_pwritev(BlockDriverState *bs, int64_t offset,
                           int64_t bytes, QEMUIOVector *qiov,
                           BdrvRequestFlags flags)
{
    BDRVRawFmtState *s = bs->opaque;
    int ret = raw_check_range(bs, offset, bytes);

    if (ret < 0) {
        return ret;
    }
    if (raw_write_changes_format(bs, offset, bytes, qiov)) {
        return -EPERM;
    }
    return bdrv_pwritev(bs->file, offset + s->offset, bytes, qiov, flags);
}

static int raw_fmt_pwrite_zeroes(BlockDriverState *bs, int64_t offset,
                                 int64_t bytes, BdrvRequestFlags flags)
{
    BDRVRawFmtState *s = bs->opaque;
    int ret = raw_check_range(bs, offset, bytes);

    if (ret < 0) {
        return ret;
    }
    if (raw_write_changes_format(bs, offset, bytes, NULL)) {
        return -EPERM;
    }
    return bdrv_pwrite_zeroes(bs->file, offset + s->offset, bytes, flags);
}

static int raw_fmt_pdiscard(BlockDriverState *bs, int64_t offset,
                            int64_t bytes)
{
    BDRVRawFmtState *s = bs->opaque;
    int ret = raw_check_range(bs, offset, bytes);

    return ret < 0 ? ret : bdrv_pdiscard(bs->file, offset + s->offset, bytes);
}

static int raw_fmt_truncate(BlockDriverState *bs, int64_t offset, bool exact,
                            PreallocMode prealloc, BdrvRequestFlags flags,
                            Error **errp)
{
    BDRVRawFmtState *s = bs->opaque;

    if (s->has_size) {
        error_setg(errp, "Cannot resize fixed-size raw disks");
        return -ENOTSUP;
    }
    return bdrv_truncate(bs->file, offset + s->offset, exact, prealloc, flags,
                         errp);
}

static int raw_fmt_block_status(BlockDriverState *bs, int64_t offset,
                                int64_t bytes, int64_t *pnum, int64_t *map,
                                BlockDriverState **file)
{
    BDRVRawFmtState *s = bs->opaque;
    int ret = bdrv_block_status(bs->file->bs, offset + s->offset, bytes, pnum,
                                map, file);

    if (ret < 0) {
        return ret;
    }
    ret &= ~BDRV_BLOCK_EOF;
    return ret | BDRV_BLOCK_ALLOCATED | BDRV_BLOCK_RAW;
}

static int raw_fmt_create(BlockDriver *drv, const char *filename,
                          QemuOpts *opts, Error **errp)
{
    return bdrv_create_file(filename, opts, errp);
}

static int raw_fmt_get_info(BlockDriverState *bs, BlockDriverInfo *bdi)
{
    return 0;
}

static QemuOptsList raw_fmt_create_opts = {
    .name = "raw-fmt-create-opts",
    .head = QTAILQ_HEAD_INITIALIZER(raw_fmt_create_opts.head),
    .desc = {
        { .name = "size", .type = QEMU_OPT_SIZE,
          .help = "Virtual disk size" },
        { .name = "preallocation", .type = QEMU_OPT_STRING,
          .help = "Preallocation mode (allowed values: off, falloc, full)" },
        { /* end */ }
    },
};

static BlockDriver bdrv_raw = {
    .format_name = "raw",
    .is_format = true,
    .instance_size = sizeof(BDRVRawFmtState),
    .bdrv_probe = raw_probe,
    .bdrv_open = raw_fmt_open,
    .bdrv_preadv = raw_fmt_preadv,
    .bdrv_pwritev = raw_fmt_pwritev,
    .bdrv_pwrite_zeroes = raw_fmt_pwrite_zeroes,
    .bdrv_pdiscard = raw_fmt_pdiscard,
    .bdrv_truncate = raw_fmt_truncate,
    .bdrv_getlength = raw_fmt_getlength,
    .bdrv_block_status = raw_fmt_block_status,
    .bdrv_get_info = raw_fmt_get_info,
    .bdrv_create = raw_fmt_create,
    .create_opts = &raw_fmt_create_opts,
};

static void bdrv_raw_init(void)
{
    bdrv_register(&bdrv_raw);
}
block_init(bdrv_raw_init);
