/*
 * Node request layer: bounds checks, request alignment (read-modify-
 * write through bounce buffers), zero detection, FUA, flush ordering.
 * Everything here blocks the calling thread and is thread-safe.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/memalign.h"
#include "block/block_int.h"

/* Serialises read-modify-write cycles of unaligned writes. */
static GMutex rmw_lock;

static int check_request(BlockDriverState *bs, int64_t offset, int64_t bytes)
{
    if (!bs || !bs->drv) {
        return -ENOMEDIUM;
    }
    if (offset < 0 || bytes < 0 || offset > INT64_MAX - bytes) {
        return -EIO;
    }
    return 0;
}

typedef int DrvRWFunc(BlockDriverState *bs, int64_t offset, int64_t bytes,
                      QEMUIOVector *qiov, BdrvRequestFlags flags);

/* Split at max_transfer so drivers see bounded requests. */
static int drv_rw(BlockDriverState *bs, DrvRWFunc *fn, int64_t offset,
                  int64_t bytes, QEMUIOVector *qiov, BdrvRequestFlags flags)
{
    int64_t done = 0;
    int ret;

    if (!fn) {
        return -ENOTSUP;
    }
    if (bytes <= bs->max_transfer) {
        return fn(bs, offset, bytes, qiov, flags);
    }
    while (done < bytes) {
        int64_t n = MIN(bytes - done, bs->max_transfer);
        QEMUIOVector part;

        qemu_iovec_init_slice(&part, qiov, done, n);
        ret = fn(bs, offset + done, n, &part, flags);
        qemu_iovec_destroy(&part);
        if (ret < 0) {
            return ret;
        }
        done += n;
    }
    return 0;
}

static int drv_preadv(BlockDriverState *bs, int64_t offset, int64_t bytes,
                      QEMUIOVector *qiov, BdrvRequestFlags flags)
{
    return drv_rw(bs, bs->drv->bdrv_preadv, offset, bytes, qiov, flags);
}

static int drv_pwritev(BlockDriverState *bs, int64_t offset, int64_t bytes,
                       QEMUIOVector *qiov, BdrvRequestFlags flags)
{
    return drv_rw(bs, bs->drv->bdrv_pwritev, offset, bytes, qiov, flags);
}

int bdrv_preadv(BdrvChild *child, int64_t offset, int64_t bytes,
                QEMUIOVector *qiov, BdrvRequestFlags flags)
{
    BlockDriverState *bs = child->bs;
    uint32_t align;
    int64_t a0, a1;
    uint8_t *bounce;
    QEMUIOVector bq;
    int ret = check_request(bs, offset, bytes);

    if (ret < 0 || bytes == 0) {
        return ret;
    }
    align = bs->request_alignment;
    if (!((offset | bytes) & (align - 1))) {
        return drv_preadv(bs, offset, bytes, qiov, flags);
    }
    a0 = QEMU_ALIGN_DOWN(offset, align);
    a1 = QEMU_ALIGN_UP(offset + bytes, align);
    bounce = qemu_try_blockalign(bs, a1 - a0);
    if (!bounce) {
        return -ENOMEM;
    }
    qemu_iovec_init_buf(&bq, bounce, a1 - a0);
    ret = drv_preadv(bs, a0, a1 - a0, &bq, flags);
    if (ret == 0) {
        qemu_iovec_from_buf(qiov, 0, bounce + (offset - a0), bytes);
    }
    qemu_vfree(bounce);
    return ret;
}

static int pwrite_zeroes_fallback(BlockDriverState *bs, int64_t offset,
                                  int64_t bytes, BdrvRequestFlags flags)
{
    int64_t chunk = MIN(bytes, 1 * MiB);
    uint8_t *buf = qemu_try_blockalign(bs, chunk);
    int ret = 0;

    if (!buf) {
        return -ENOMEM;
    }
    memset(buf, 0, chunk);
    while (bytes > 0 && ret == 0) {
        int64_t n = MIN(bytes, chunk);
        QEMUIOVector q;

        qemu_iovec_init_buf(&q, buf, n);
        ret = drv_pwritev(bs, offset, n, &q, flags & BDRV_REQ_FUA);
        offset += n;
        bytes -= n;
    }
    qemu_vfree(buf);
    return ret;
}

static int do_pwrite_zeroes(BlockDriverState *bs, int64_t offset,
                            int64_t bytes, BdrvRequestFlags flags)
{
    int ret = -ENOTSUP;

    if (!(bs->open_flags & BDRV_O_UNMAP)) {
        flags &= ~BDRV_REQ_MAY_UNMAP;
    }
    if (bs->drv->bdrv_pwrite_zeroes) {
        ret = bs->drv->bdrv_pwrite_zeroes(bs, offset, bytes, flags);
    }
    if (ret == -ENOTSUP && !(flags & BDRV_REQ_NO_FALLBACK)) {
        ret = pwrite_zeroes_fallback(bs, offset, bytes, flags);
    }
    return ret;
}

static int aligned_pwritev(BlockDriverState *bs, int64_t offset, int64_t bytes,
                           QEMUIOVector *qiov, BdrvRequestFlags flags)
{
    int ret;

    if (flags & BDRV_REQ_ZERO_WRITE) {
        return do_pwrite_zeroes(bs, offset, bytes, flags);
    }
    if (bs->detect_zeroes != BLOCKDEV_DETECT_ZEROES_OPTIONS_OFF && qiov &&
        !(flags & BDRV_REQ_WRITE_COMPRESSED) &&
        qemu_iovec_is_zero(qiov, 0, bytes)) {
        BdrvRequestFlags zf = flags & BDRV_REQ_FUA;

        if (bs->detect_zeroes == BLOCKDEV_DETECT_ZEROES_OPTIONS_UNMAP) {
            zf |= BDRV_REQ_MAY_UNMAP;
        }
        return do_pwrite_zeroes(bs, offset, bytes, zf);
    }
    if (flags & BDRV_REQ_WRITE_COMPRESSED) {
        if (!bs->drv->bdrv_pwritev_compressed) {
            return -ENOTSUP;
        }
        return bs->drv->bdrv_pwritev_compressed(bs, offset, bytes, qiov);
    }
    ret = drv_pwritev(bs, offset, bytes, qiov, flags & ~BDRV_REQ_FUA);
    if (ret == 0 && (flags & BDRV_REQ_FUA)) {
        ret = bdrv_flush(bs);
    }
    return ret;
}

int bdrv_pwritev(BdrvChild *child, int64_t offset, int64_t bytes,
                 QEMUIOVector *qiov, BdrvRequestFlags flags)
{
    BlockDriverState *bs = child->bs;
    uint32_t align;
    int64_t a0, a1;
    uint8_t *bounce;
    QEMUIOVector bq;
    int ret = check_request(bs, offset, bytes);

    if (ret < 0) {
        return ret;
    }
    if (bs->read_only) {
        return -EPERM;
    }
    if (bytes == 0) {
        return 0;
    }
    align = bs->request_alignment;
    if (!((offset | bytes) & (align - 1))) {
        return aligned_pwritev(bs, offset, bytes, qiov, flags);
    }
    /* Read-modify-write of the partial head and tail blocks. */
    a0 = QEMU_ALIGN_DOWN(offset, align);
    a1 = QEMU_ALIGN_UP(offset + bytes, align);
    bounce = qemu_try_blockalign(bs, a1 - a0);
    if (!bounce) {
        return -ENOMEM;
    }
    g_mutex_lock(&rmw_lock);
    qemu_iovec_init_buf(&bq, bounce, a1 - a0);
    ret = drv_preadv(bs, a0, a1 - a0, &bq, 0);
    if (ret == 0) {
        if (flags & BDRV_REQ_ZERO_WRITE) {
            memset(bounce + (offset - a0), 0, bytes);
        } else {
            qemu_iovec_to_buf(qiov, 0, bounce + (offset - a0), bytes);
        }
        ret = aligned_pwritev(bs, a0, a1 - a0, &bq,
                              flags & ~(BDRV_REQ_ZERO_WRITE |
                                        BDRV_REQ_MAY_UNMAP));
    }
    g_mutex_unlock(&rmw_lock);
    qemu_vfree(bounce);
    return ret;
}

int bdrv_pread(BdrvChild *child, int64_t offset, int64_t bytes, void *buf,
               BdrvRequestFlags flags)
{
    QEMUIOVector qiov;

    qemu_iovec_init_buf(&qiov, buf, bytes);
    return bdrv_preadv(child, offset, bytes, &qiov, flags);
}

int bdrv_pwrite(BdrvChild *child, int64_t offset, int64_t bytes,
                const void *buf, BdrvRequestFlags flags)
{
    QEMUIOVector qiov;

    qemu_iovec_init_buf(&qiov, (void *)buf, bytes);
    return bdrv_pwritev(child, offset, bytes, &qiov, flags);
}

int bdrv_pwrite_sync(BdrvChild *child, int64_t offset, int64_t bytes,
                     const void *buf, BdrvRequestFlags flags)
{
    int ret = bdrv_pwrite(child, offset, bytes, buf, flags);

    if (ret < 0) {
        return ret;
    }
    return bdrv_flush(child->bs);
}

int bdrv_pwrite_zeroes(BdrvChild *child, int64_t offset, int64_t bytes,
                       BdrvRequestFlags flags)
{
    return bdrv_pwritev(child, offset, bytes, NULL,
                        flags | BDRV_REQ_ZERO_WRITE);
}

int bdrv_pdiscard(BdrvChild *child, int64_t offset, int64_t bytes)
{
    BlockDriverState *bs = child->bs;
    int ret = check_request(bs, offset, bytes);

    if (ret < 0) {
        return ret;
    }
    if (bs->read_only) {
        return -EPERM;
    }
    if (!(bs->open_flags & BDRV_O_UNMAP) || !bs->drv->bdrv_pdiscard) {
        return 0;       /* discard=ignore: a hint we may drop */
    }
    ret = bs->drv->bdrv_pdiscard(bs, offset, bytes);
    return ret == -ENOTSUP ? 0 : ret;
}

int bdrv_flush(BlockDriverState *bs)
{
    int ret = 0, ret2;

    if (!bs || !bs->drv) {
        return 0;
    }
    /* Driver caches first, then the child, then the storage itself. */
    if (bs->drv->bdrv_flush_to_os) {
        ret = bs->drv->bdrv_flush_to_os(bs);
        if (ret < 0) {
            return ret;
        }
    }
    if (bs->file) {
        ret = bdrv_flush(bs->file->bs);
        if (ret < 0) {
            return ret;
        }
    }
    if (bs->drv->bdrv_flush_to_disk && !(bs->open_flags & BDRV_O_NO_FLUSH)) {
        ret2 = bs->drv->bdrv_flush_to_disk(bs);
        if (ret2 < 0) {
            return ret2;
        }
    }
    return ret;
}

int bdrv_truncate(BdrvChild *child, int64_t offset, bool exact,
                  PreallocMode prealloc, BdrvRequestFlags flags, Error **errp)
{
    BlockDriverState *bs = child->bs;

    if (!bs->drv) {
        error_setg(errp, "No medium inserted");
        return -ENOMEDIUM;
    }
    if (offset < 0) {
        error_setg(errp, "Image size cannot be negative");
        return -EINVAL;
    }
    if (bs->read_only) {
        error_setg(errp, "Image is read-only");
        return -EACCES;
    }
    if (!bs->drv->bdrv_truncate) {
        if (bs->file && !bs->drv->is_format) {
            return bdrv_truncate(bs->file, offset, exact, prealloc, flags,
                                 errp);
        }
        error_setg(errp, "Image format driver does not support resize");
        return -ENOTSUP;
    }
    return bs->drv->bdrv_truncate(bs, offset, exact, prealloc, flags, errp);
}

int64_t bdrv_getlength(BlockDriverState *bs)
{
    if (!bs || !bs->drv) {
        return -ENOMEDIUM;
    }
    if (bs->drv->bdrv_getlength) {
        return bs->drv->bdrv_getlength(bs);
    }
    if (bs->file) {
        return bdrv_getlength(bs->file->bs);
    }
    return -ENOTSUP;
}

int64_t bdrv_nb_sectors(BlockDriverState *bs)
{
    int64_t len = bdrv_getlength(bs);

    return len < 0 ? len : DIV_ROUND_UP(len, BDRV_SECTOR_SIZE);
}

int64_t bdrv_get_allocated_file_size(BlockDriverState *bs)
{
    if (!bs->drv) {
        return -ENOMEDIUM;
    }
    if (bs->drv->bdrv_get_allocated_file_size) {
        return bs->drv->bdrv_get_allocated_file_size(bs);
    }
    if (bs->file) {
        return bdrv_get_allocated_file_size(bs->file->bs);
    }
    return -ENOTSUP;
}

int bdrv_block_status(BlockDriverState *bs, int64_t offset, int64_t bytes,
                      int64_t *pnum, int64_t *map, BlockDriverState **file)
{
    int64_t len = bdrv_getlength(bs);
    int64_t dummy_map;
    BlockDriverState *dummy_file;
    int ret;

    if (!map) {
        map = &dummy_map;
    }
    if (!file) {
        file = &dummy_file;
    }
    *pnum = 0;
    if (map) {
        *map = 0;
    }
    if (file) {
        *file = NULL;
    }
    if (len < 0) {
        return len;
    }
    if (offset >= len) {
        return BDRV_BLOCK_EOF;
    }
    bytes = MIN(bytes, len - offset);
    if (!bs->drv->bdrv_block_status) {
        *pnum = bytes;
        if (map) {
            *map = offset;
        }
        if (file) {
            *file = bs;
        }
        return BDRV_BLOCK_DATA | BDRV_BLOCK_ALLOCATED |
               BDRV_BLOCK_OFFSET_VALID;
    }
    ret = bs->drv->bdrv_block_status(bs, offset, bytes, pnum, map, file);
    if (ret >= 0 && *pnum > bytes) {
        *pnum = bytes;
    }
    if (ret >= 0 && *pnum <= 0) {
        *pnum = MIN(bytes, 512);    /* always make progress */
    }
    if (ret >= 0 && offset + *pnum == len) {
        ret |= BDRV_BLOCK_EOF;
    }
    return ret;
}

int bdrv_is_allocated(BlockDriverState *bs, int64_t offset, int64_t bytes,
                      int64_t *pnum)
{
    int ret = bdrv_block_status(bs, offset, bytes, pnum, NULL, NULL);

    if (ret < 0) {
        return ret;
    }
    return !!(ret & BDRV_BLOCK_ALLOCATED);
}

/* Reads from the backing chain (or zeroes beyond it), for format drivers. */
int bdrv_child_preadv(BlockDriverState *bs, int64_t offset, int64_t bytes,
                      QEMUIOVector *qiov, BdrvRequestFlags flags)
{
    int64_t blen;

    if (!bs->backing) {
        qemu_iovec_memset(qiov, 0, 0, bytes);
        return 0;
    }
    blen = bdrv_getlength(bs->backing->bs);
    if (blen < 0) {
        return blen;
    }
    if (offset >= blen) {
        qemu_iovec_memset(qiov, 0, 0, bytes);
        return 0;
    }
    if (offset + bytes > blen) {
        QEMUIOVector part;
        int ret;

        qemu_iovec_init_slice(&part, qiov, 0, blen - offset);
        ret = bdrv_preadv(bs->backing, offset, blen - offset, &part, flags);
        qemu_iovec_destroy(&part);
        qemu_iovec_memset(qiov, blen - offset, 0, bytes - (blen - offset));
        return ret;
    }
    return bdrv_preadv(bs->backing, offset, bytes, qiov, flags);
}
