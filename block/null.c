/*
 * Protocol driver "null-co": a bottomless disk for benchmarks and tests.
 * Reads return zeroes only when read-zeroes=on (QEMU's default is off:
 * the buffer is left as it is); writes are dropped.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/module.h"
#include "qemu/cutils.h"
#include "qapi/qmp/qdict.h"
#include "block/block_int.h"

typedef struct BDRVNullState {
    int64_t length;
    bool read_zeroes;
} BDRVNullState;

static int null_open(BlockDriverState *bs, QDict *options, int flags,
                     Error **errp)
{
    BDRVNullState *s = bs->opaque;
    Error *local_err = NULL;

    s->length = bdrv_take_size(options, "size", 1LL << 30, &local_err);
    if (!local_err) {
        s->read_zeroes = bdrv_take_bool(options, "read-zeroes", false,
                                        &local_err);
    }
    if (!local_err) {
        bdrv_take_size(options, "latency-ns", 0, &local_err);
    }
    if (local_err) {
        error_propagate(errp, local_err);
        return -EINVAL;
    }
    if (!bs->filename[0]) {
        pstrcpy(bs->filename, sizeof(bs->filename), "null-co://");
    }
    return 0;
}

static int null_preadv(BlockDriverState *bs, int64_t offset, int64_t bytes,
                       QEMUIOVector *qiov, BdrvRequestFlags flags)
{
    BDRVNullState *s = bs->opaque;

    if (s->read_zeroes) {
        qemu_iovec_memset(qiov, 0, 0, bytes);
    }
    return 0;
}

static int null_pwritev(BlockDriverState *bs, int64_t offset, int64_t bytes,
                        QEMUIOVector *qiov, BdrvRequestFlags flags)
{
    return 0;
}

static int null_pwrite_zeroes(BlockDriverState *bs, int64_t offset,
                              int64_t bytes, BdrvRequestFlags flags)
{
    return 0;
}

static int64_t null_getlength(BlockDriverState *bs)
{
    BDRVNullState *s = bs->opaque;

    return s->length;
}

static int null_block_status(BlockDriverState *bs, int64_t offset,
                             int64_t bytes, int64_t *pnum, int64_t *map,
                             BlockDriverState **file)
{
    BDRVNullState *s = bs->opaque;

    *pnum = bytes;
    *map = offset;
    *file = bs;
    return BDRV_BLOCK_OFFSET_VALID | (s->read_zeroes ? BDRV_BLOCK_ZERO : 0);
}

static BlockDriver bdrv_null_co = {
    .format_name = "null-co",
    .protocol_name = "null-co",
    .instance_size = sizeof(BDRVNullState),
    .bdrv_open = null_open,
    .bdrv_preadv = null_preadv,
    .bdrv_pwritev = null_pwritev,
    .bdrv_pwrite_zeroes = null_pwrite_zeroes,
    .bdrv_getlength = null_getlength,
    .bdrv_block_status = null_block_status,
};

static void bdrv_null_init(void)
{
    bdrv_register(&bdrv_null_co);
}
block_init(bdrv_null_init);
