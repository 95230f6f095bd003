/*
 * BlockBackend: what devices attach to.  Owns the root node, the device
 * callbacks, error policy, write-cache mode and I/O accounting.
 *
 * Asynchronous requests run the blocking node functions in a GThreadPool;
 * each finished request is queued and a bottom half on the main loop
 * runs the callbacks (BQL held in the emulator).  Without a running main
 * loop (qemu-img, tests) blk_drain() runs the completions itself.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/atomic.h"
#include "qemu/main-loop.h"
#include "qemu/timer.h"
#include "qemu/memalign.h"
#include "qapi/qmp/qdict.h"
#include "block/block_int.h"
#include "sysemu/block-backend.h"
#include "sysemu/blockdev.h"

struct BlockBackend {
    char *name;
    int refcnt;
    BdrvChild *root;
    uint64_t perm, shared_perm;
    DeviceState *dev;
    const BlockDevOps *dev_ops;
    void *dev_opaque;
    DriveInfo *legacy_dinfo;
    bool enable_write_cache;
    bool iostatus_enabled;
    BlockDeviceIoStatus iostatus;
    BlockdevOnError on_read_error, on_write_error;
    BlockAcctStats stats;
    bool removable_locked;
    int guest_block_size;
    int in_flight;              /* submitted, callback not yet run */
    /* Context the callbacks run in (NULL: main loop), and its queue. */
    AioContext *ctx;
    GQueue ctx_done;            /* under done_lock */
    bool ctx_done_scheduled;    /* under done_lock */
    QTAILQ_ENTRY(BlockBackend) link;
    QTAILQ_ENTRY(BlockBackend) monitor_link;
};

static QTAILQ_HEAD(, BlockBackend) block_backends =
    QTAILQ_HEAD_INITIALIZER(block_backends);
static QTAILQ_HEAD(, BlockBackend) monitor_block_backends =
    QTAILQ_HEAD_INITIALIZER(monitor_block_backends);

void (*blk_stop_vm_hook)(void);

/* AIOCB allocation */

void *qemu_aio_get(const AIOCBInfo *aiocb_info, void *bs,
                   BlockCompletionFunc *cb, void *opaque)
{
    BlockAIOCB *acb = g_malloc0(aiocb_info->aiocb_size);

    acb->aiocb_info = aiocb_info;
    acb->bs = bs;
    acb->cb = cb;
    acb->opaque = opaque;
    acb->refcnt = 1;
    return acb;
}

void qemu_aio_ref(void *p)
{
    ((BlockAIOCB *)p)->refcnt++;
}

void qemu_aio_unref(void *p)
{
    BlockAIOCB *acb = p;

    if (--acb->refcnt == 0) {
        g_free(acb);
    }
}

AioContext *qemu_get_aio_context(void)
{
    return NULL;
}

/* Accounting */

void block_acct_init(BlockAcctStats *stats)
{
    memset(stats, 0, sizeof(*stats));
    stats->account_invalid = true;
    stats->account_failed = true;
}

void block_acct_start(BlockAcctStats *stats, BlockAcctCookie *cookie,
                      int64_t bytes, enum BlockAcctType type)
{
    cookie->bytes = bytes;
    cookie->start_time_ns = qemu_clock_get_ns(QEMU_CLOCK_REALTIME);
    cookie->type = type;
}

void block_acct_done(BlockAcctStats *stats, BlockAcctCookie *cookie)
{
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_REALTIME);

    if (cookie->type == BLOCK_ACCT_NONE) {
        return;
    }
    stats->nr_bytes[cookie->type] += cookie->bytes;
    stats->nr_ops[cookie->type]++;
    stats->total_time_ns[cookie->type] += now - cookie->start_time_ns;
    stats->last_access_time_ns = now;
}

void block_acct_failed(BlockAcctStats *stats, BlockAcctCookie *cookie)
{
    if (cookie->type != BLOCK_ACCT_NONE) {
        stats->failed_ops[cookie->type]++;
        stats->last_access_time_ns = qemu_clock_get_ns(QEMU_CLOCK_REALTIME);
    }
}

void block_acct_invalid(BlockAcctStats *stats, enum BlockAcctType type)
{
    stats->invalid_ops[type]++;
    stats->last_access_time_ns = qemu_clock_get_ns(QEMU_CLOCK_REALTIME);
}

void block_acct_merge_done(BlockAcctStats *stats, enum BlockAcctType type,
                           int num_requests)
{
    stats->merged[type] += num_requests;
}

/* Life cycle */

BlockBackend *blk_new(AioContext *ctx, uint64_t perm, uint64_t shared_perm)
{
    BlockBackend *blk = g_new0(BlockBackend, 1);

    bdrv_init();
    blk->refcnt = 1;
    blk->perm = perm;
    blk->shared_perm = shared_perm;
    blk->enable_write_cache = true;
    blk->on_read_error = BLOCKDEV_ON_ERROR_REPORT;
    blk->on_write_error = BLOCKDEV_ON_ERROR_ENOSPC;
    block_acct_init(&blk->stats);
    QTAILQ_INSERT_TAIL(&block_backends, blk, link);
    return blk;
}

int blk_insert_bs(BlockBackend *blk, BlockDriverState *bs, Error **errp)
{
    int ret = bdrv_refresh_perms(bs, blk->perm, blk->shared_perm, errp);

    if (ret < 0) {
        return ret;
    }
    bdrv_ref(bs);
    blk->root = g_new0(BdrvChild, 1);
    blk->root->bs = bs;
    blk->root->name = g_strdup("root");
    return 0;
}

void blk_remove_bs(BlockBackend *blk)
{
    if (!blk->root) {
        return;
    }
    blk_drain(blk);
    bdrv_flush(blk->root->bs);
    bdrv_unref(blk->root->bs);
    g_free(blk->root->name);
    g_free(blk->root);
    blk->root = NULL;
}

BlockBackend *blk_new_open(const char *filename, const char *reference,
                           QDict *options, int flags, Error **errp)
{
    BlockBackend *blk;
    BlockDriverState *bs;
    uint64_t perm = BLK_PERM_CONSISTENT_READ, shared = BLK_PERM_ALL;

    if (flags & BDRV_O_RDWR) {
        perm |= BLK_PERM_WRITE;
    }
    if (flags & BDRV_O_RESIZE) {
        perm |= BLK_PERM_RESIZE;
    }
    if (flags & BDRV_O_NO_SHARE) {
        shared = BLK_PERM_CONSISTENT_READ | BLK_PERM_WRITE_UNCHANGED;
    }
    bs = bdrv_open(filename, reference, options, flags, errp);
    if (!bs) {
        return NULL;
    }
    blk = blk_new(NULL, perm, shared);
    if (blk_insert_bs(blk, bs, errp) < 0) {
        bdrv_unref(bs);
        blk_unref(blk);
        return NULL;
    }
    bdrv_unref(bs);
    return blk;
}

void blk_ref(BlockBackend *blk)
{
    qatomic_inc(&blk->refcnt);
}

void blk_unref(BlockBackend *blk)
{
    /* Atomic: iothread completions drop references too. */
    if (!blk || qatomic_fetch_dec(&blk->refcnt) > 1) {
        return;
    }
    blk_remove_bs(blk);
    if (blk->name) {
        monitor_remove_blk(blk);
    }
    QTAILQ_REMOVE(&block_backends, blk, link);
    g_free(blk);
}

void blk_remove_all_bs(void)
{
    BlockBackend *blk;

    QTAILQ_FOREACH(blk, &block_backends, link) {
        blk_remove_bs(blk);
    }
}

bool monitor_add_blk(BlockBackend *blk, const char *name, Error **errp)
{
    if (blk_by_name(name)) {
        error_setg(errp, "Device with id '%s' already exists", name);
        return false;
    }
    if (bdrv_find_node(name)) {
        error_setg(errp, "Device name '%s' conflicts with an existing node "
                   "name", name);
        return false;
    }
    blk->name = g_strdup(name);
    QTAILQ_INSERT_TAIL(&monitor_block_backends, blk, monitor_link);
    return true;
}

void monitor_remove_blk(BlockBackend *blk)
{
    if (blk->name) {
        QTAILQ_REMOVE(&monitor_block_backends, blk, monitor_link);
        g_free(blk->name);
        blk->name = NULL;
    }
}

BlockBackend *blk_by_name(const char *name)
{
    BlockBackend *blk;
    BlockDriverState *bs;
    Error *err = NULL;

    QTAILQ_FOREACH(blk, &monitor_block_backends, monitor_link) {
        if (!strcmp(blk->name, name)) {
            return blk;
        }
    }
    /*
     * -device ...,drive=<node-name>: an anonymous BlockBackend over the
     * node, taking what a disk device needs (as QEMU's qdev property).
     */
    bs = bdrv_find_node(name);
    if (!bs) {
        return NULL;
    }
    blk = blk_new(NULL, BLK_PERM_CONSISTENT_READ |
                  (bdrv_is_read_only(bs) ? 0 : BLK_PERM_WRITE),
                  BLK_PERM_CONSISTENT_READ | BLK_PERM_WRITE_UNCHANGED |
                  BLK_PERM_RESIZE);
    if (blk_insert_bs(blk, bs, &err) < 0) {
        error_report_err(err);
        blk_unref(blk);
        return NULL;
    }
    /* The device's reference (blk_attach_dev) keeps it alive. */
    blk->refcnt = 0;
    return blk;
}

const char *blk_name(const BlockBackend *blk)
{
    return blk->name ? blk->name : "";
}

BlockBackend *blk_next(BlockBackend *blk)
{
    return blk ? QTAILQ_NEXT(blk, monitor_link)
               : QTAILQ_FIRST(&monitor_block_backends);
}

BlockBackend *blk_all_next(BlockBackend *blk)
{
    return blk ? QTAILQ_NEXT(blk, link) : QTAILQ_FIRST(&block_backends);
}

BlockDriverState *blk_bs(BlockBackend *blk)
{
    return blk->root ? blk->root->bs : NULL;
}

DriveInfo *blk_legacy_dinfo(BlockBackend *blk)
{
    return blk->legacy_dinfo;
}

DriveInfo *blk_set_legacy_dinfo(BlockBackend *blk, DriveInfo *dinfo)
{
    blk->legacy_dinfo = dinfo;
    return dinfo;
}

BlockBackend *blk_by_legacy_dinfo(DriveInfo *dinfo)
{
    BlockBackend *blk;

    QTAILQ_FOREACH(blk, &block_backends, link) {
        if (blk->legacy_dinfo == dinfo) {
            return blk;
        }
    }
    return NULL;
}

BlockBackend *blk_by_dev(void *dev)
{
    BlockBackend *blk;

    QTAILQ_FOREACH(blk, &block_backends, link) {
        if (blk->dev == dev) {
            return blk;
        }
    }
    return NULL;
}

/* Devices */

int blk_attach_dev(BlockBackend *blk, DeviceState *dev)
{
    if (blk->dev) {
        return -EBUSY;
    }
    blk->refcnt++;
    blk->dev = dev;
    blk_iostatus_reset(blk);
    return 0;
}

void blk_detach_dev(BlockBackend *blk, DeviceState *dev)
{
    if (blk->dev != dev) {
        return;
    }
    blk->dev = NULL;
    blk->dev_ops = NULL;
    blk->dev_opaque = NULL;
    blk_unref(blk);
}

DeviceState *blk_get_attached_dev(BlockBackend *blk)
{
    return blk->dev;
}

char *blk_get_attached_dev_id(BlockBackend *blk)
{
    return g_strdup("");
}

void blk_set_dev_ops(BlockBackend *blk, const BlockDevOps *ops, void *opaque)
{
    blk->dev_ops = ops;
    blk->dev_opaque = opaque;
}

bool blk_dev_has_removable_media(BlockBackend *blk)
{
    return !blk->dev || (blk->dev_ops && blk->dev_ops->change_media_cb);
}

bool blk_dev_is_tray_open(BlockBackend *blk)
{
    return blk->dev_ops && blk->dev_ops->is_tray_open &&
           blk->dev_ops->is_tray_open(blk->dev_opaque);
}

bool blk_dev_is_medium_locked(BlockBackend *blk)
{
    return blk->dev_ops && blk->dev_ops->is_medium_locked &&
           blk->dev_ops->is_medium_locked(blk->dev_opaque);
}

void blk_dev_change_media_cb(BlockBackend *blk, bool load, Error **errp)
{
    if (blk->dev_ops && blk->dev_ops->change_media_cb) {
        blk->dev_ops->change_media_cb(blk->dev_opaque, load, errp);
    }
}

/* Sizes */

int64_t blk_getlength(BlockBackend *blk)
{
    if (!blk_is_available(blk)) {
        return -ENOMEDIUM;
    }
    return bdrv_getlength(blk_bs(blk));
}

int64_t blk_nb_sectors(BlockBackend *blk)
{
    if (!blk_is_available(blk)) {
        return -ENOMEDIUM;
    }
    return bdrv_nb_sectors(blk_bs(blk));
}

void blk_get_geometry(BlockBackend *blk, uint64_t *nb_sectors_ptr)
{
    int64_t n = blk_nb_sectors(blk);

    *nb_sectors_ptr = n < 0 ? 0 : n;
}

int blk_truncate(BlockBackend *blk, int64_t offset, bool exact,
                 PreallocMode prealloc, BdrvRequestFlags flags, Error **errp)
{
    int ret;

    if (!blk_is_available(blk)) {
        error_setg(errp, "No medium inserted");
        return -ENOMEDIUM;
    }
    ret = bdrv_truncate(blk->root, offset, exact, prealloc, flags, errp);
    if (ret == 0 && blk->dev_ops && blk->dev_ops->resize_cb) {
        blk->dev_ops->resize_cb(blk->dev_opaque);
    }
    return ret;
}

/* Synchronous I/O */

static int blk_check_request(BlockBackend *blk, int64_t offset, int64_t bytes)
{
    if (!blk_is_available(blk)) {
        return -ENOMEDIUM;
    }
    if (offset < 0 || bytes < 0 || bytes > BDRV_REQUEST_MAX_BYTES) {
        return -EIO;
    }
    return 0;
}

int blk_preadv(BlockBackend *blk, int64_t offset, int64_t bytes,
               QEMUIOVector *qiov, BdrvRequestFlags flags)
{
    int ret = blk_check_request(blk, offset, bytes);

    if (ret < 0) {
        return ret;
    }
    return bdrv_preadv(blk->root, offset, bytes, qiov, flags);
}

int blk_pwritev(BlockBackend *blk, int64_t offset, int64_t bytes,
                QEMUIOVector *qiov, BdrvRequestFlags flags)
{
    int ret = blk_check_request(blk, offset, bytes);

    if (ret < 0) {
        return ret;
    }
    if (!blk->enable_write_cache) {
        flags |= BDRV_REQ_FUA;      /* writethrough */
    }
    return bdrv_pwritev(blk->root, offset, bytes, qiov, flags);
}

int blk_pread(BlockBackend *blk, int64_t offset, int64_t bytes, void *buf,
              BdrvRequestFlags flags)
{
    QEMUIOVector qiov;

    qemu_iovec_init_buf(&qiov, buf, bytes);
    return blk_preadv(blk, offset, bytes, &qiov, flags);
}

int blk_pwrite(BlockBackend *blk, int64_t offset, int64_t bytes,
               const void *buf, BdrvRequestFlags flags)
{
    QEMUIOVector qiov;

    qemu_iovec_init_buf(&qiov, (void *)buf, bytes);
    return blk_pwritev(blk, offset, bytes, &qiov, flags);
}

int blk_pwrite_zeroes(BlockBackend *blk, int64_t offset, int64_t bytes,
                      BdrvRequestFlags flags)
{
    int ret = blk_check_request(blk, offset, 0);

    if (ret < 0) {
        return ret;
    }
    if (!blk->enable_write_cache) {
        flags |= BDRV_REQ_FUA;
    }
    return bdrv_pwrite_zeroes(blk->root, offset, bytes, flags);
}

int blk_pwrite_compressed(BlockBackend *blk, int64_t offset, int64_t bytes,
                          const void *buf)
{
    return blk_pwrite(blk, offset, bytes, buf, BDRV_REQ_WRITE_COMPRESSED);
}

int blk_pdiscard(BlockBackend *blk, int64_t offset, int64_t bytes)
{
    int ret = blk_check_request(blk, offset, 0);

    if (ret < 0) {
        return ret;
    }
    return bdrv_pdiscard(blk->root, offset, bytes);
}

int blk_flush(BlockBackend *blk)
{
    if (!blk_is_available(blk)) {
        return blk->root ? 0 : -ENOMEDIUM;
    }
    return bdrv_flush(blk_bs(blk));
}

/* Asynchronous I/O */

enum BlkAioType { BLK_AIO_READ, BLK_AIO_WRITE, BLK_AIO_FLUSH,
                  BLK_AIO_DISCARD, BLK_AIO_ZEROES };

typedef struct BlkAioEmAIOCB {
    BlockAIOCB common;
    BlockBackend *blk;
    enum BlkAioType type;
    int64_t offset, bytes;
    QEMUIOVector *qiov;
    BdrvRequestFlags flags;
    int ret;
} BlkAioEmAIOCB;

static const AIOCBInfo blk_aio_em_aiocb_info = {
    .aiocb_size = sizeof(BlkAioEmAIOCB),
};

static GThreadPool *blk_pool;
static GMutex done_lock;
static GCond done_cond;
static GQueue done_queue = G_QUEUE_INIT;
static int pool_running;        /* jobs submitted but not yet finished */
static QEMUBH *done_bh;
static bool done_bh_scheduled;

static void blk_aio_complete_one(BlkAioEmAIOCB *acb)
{
    BlockBackend *blk = acb->blk;

    acb->common.cb(acb->common.opaque, acb->ret);
    qatomic_dec(&blk->in_flight);
    blk_unref(blk);
    qemu_aio_unref(acb);
}

/* Finished requests of a BlockBackend bound to an iothread context. */
static bool blk_ctx_run_completions(BlockBackend *blk)
{
    BlkAioEmAIOCB *acb;
    bool any = false;

    for (;;) {
        g_mutex_lock(&done_lock);
        acb = g_queue_pop_head(&blk->ctx_done);
        if (!acb) {
            blk->ctx_done_scheduled = false;
        }
        g_mutex_unlock(&done_lock);
        if (!acb) {
            return any;
        }
        any = true;
        blk_aio_complete_one(acb);
    }
}

static gboolean blk_ctx_done_cb(gpointer opaque)
{
    BlockBackend *blk = opaque;

    blk_ctx_run_completions(blk);
    blk_unref(blk);
    return G_SOURCE_REMOVE;
}

/* Worker side, done_lock held: hand @acb to its context's thread. */
static void blk_ctx_queue_done(BlkAioEmAIOCB *acb)
{
    BlockBackend *blk = acb->blk;
    GSource *src;

    g_queue_push_tail(&blk->ctx_done, acb);
    if (blk->ctx_done_scheduled) {
        return;
    }
    blk->ctx_done_scheduled = true;
    /* Keep blk alive until the callback has run. */
    blk_ref(blk);
    src = g_idle_source_new();
    g_source_set_priority(src, G_PRIORITY_DEFAULT);
    g_source_set_callback(src, blk_ctx_done_cb, blk, NULL);
    g_source_attach(src, blk->ctx->gctx);
    g_source_unref(src);
}

/* Runs finished requests' callbacks (main loop thread). */
static void blk_aio_run_completions(void)
{
    BlkAioEmAIOCB *acb;

    for (;;) {
        g_mutex_lock(&done_lock);
        acb = g_queue_pop_head(&done_queue);
        g_mutex_unlock(&done_lock);
        if (!acb) {
            return;
        }
        blk_aio_complete_one(acb);
    }
}

static void blk_aio_done_bh(void *opaque)
{
    g_mutex_lock(&done_lock);
    done_bh_scheduled = false;
    g_mutex_unlock(&done_lock);
    blk_aio_run_completions();
}

static void blk_aio_worker(gpointer data, gpointer user_data)
{
    BlkAioEmAIOCB *acb = data;
    BlockBackend *blk = acb->blk;
    int ret;

    switch (acb->type) {
    case BLK_AIO_READ:
        ret = blk_preadv(blk, acb->offset, acb->bytes, acb->qiov, acb->flags);
        break;
    case BLK_AIO_WRITE:
        ret = blk_pwritev(blk, acb->offset, acb->bytes, acb->qiov,
                          acb->flags);
        break;
    case BLK_AIO_FLUSH:
        ret = blk_flush(blk);
        break;
    case BLK_AIO_DISCARD:
        ret = blk_pdiscard(blk, acb->offset, acb->bytes);
        break;
    case BLK_AIO_ZEROES:
    default:
        ret = blk_pwrite_zeroes(blk, acb->offset, acb->bytes, acb->flags);
        break;
    }
    acb->ret = ret;
    g_mutex_lock(&done_lock);
    pool_running--;
    g_cond_broadcast(&done_cond);
    if (blk->ctx && blk->ctx->gctx) {
        blk_ctx_queue_done(acb);
    } else {
        g_queue_push_tail(&done_queue, acb);
        if (done_bh && !done_bh_scheduled) {
            done_bh_scheduled = true;
            qemu_bh_schedule(done_bh);
        }
    }
    g_mutex_unlock(&done_lock);
}


static gpointer blk_aio_init_once(gpointer unused)
{
    done_bh = qemu_bh_new(blk_aio_done_bh, NULL);
    blk_pool = g_thread_pool_new(blk_aio_worker, NULL, 16, FALSE, NULL);
    return NULL;
}

/* Iothreads submit too: the pool and the BH are created exactly once. */
static void blk_aio_init(void)
{
    static GOnce once = G_ONCE_INIT;

    g_once(&once, blk_aio_init_once, NULL);
}

static BlockAIOCB *blk_aio_submit(BlockBackend *blk, enum BlkAioType type,
                                  int64_t offset, int64_t bytes,
                                  QEMUIOVector *qiov, BdrvRequestFlags flags,
                                  BlockCompletionFunc *cb, void *opaque)
{
    BlkAioEmAIOCB *acb = qemu_aio_get(&blk_aio_em_aiocb_info, blk_bs(blk),
                                      cb, opaque);

    acb->blk = blk;
    acb->type = type;
    acb->offset = offset;
    acb->bytes = bytes;
    acb->qiov = qiov;
    acb->flags = flags;
    blk_ref(blk);
    qatomic_inc(&blk->in_flight);
    blk_aio_init();
    g_mutex_lock(&done_lock);
    pool_running++;
    g_mutex_unlock(&done_lock);
    g_thread_pool_push(blk_pool, acb, NULL);
    return &acb->common;
}

BlockAIOCB *blk_aio_preadv(BlockBackend *blk, int64_t offset,
                           QEMUIOVector *qiov, BdrvRequestFlags flags,
                           BlockCompletionFunc *cb, void *opaque)
{
    return blk_aio_submit(blk, BLK_AIO_READ, offset, qiov->size, qiov, flags,
                          cb, opaque);
}

BlockAIOCB *blk_aio_pwritev(BlockBackend *blk, int64_t offset,
                            QEMUIOVector *qiov, BdrvRequestFlags flags,
                            BlockCompletionFunc *cb, void *opaque)
{
    return blk_aio_submit(blk, BLK_AIO_WRITE, offset, qiov->size, qiov, flags,
                          cb, opaque);
}

BlockAIOCB *blk_aio_flush(BlockBackend *blk, BlockCompletionFunc *cb,
                          void *opaque)
{
    return blk_aio_submit(blk, BLK_AIO_FLUSH, 0, 0, NULL, 0, cb, opaque);
}

BlockAIOCB *blk_aio_pdiscard(BlockBackend *blk, int64_t offset, int64_t bytes,
                             BlockCompletionFunc *cb, void *opaque)
{
    return blk_aio_submit(blk, BLK_AIO_DISCARD, offset, bytes, NULL, 0, cb,
                          opaque);
}

BlockAIOCB *blk_aio_pwrite_zeroes(BlockBackend *blk, int64_t offset,
                                  int64_t bytes, BdrvRequestFlags flags,
                                  BlockCompletionFunc *cb, void *opaque)
{
    return blk_aio_submit(blk, BLK_AIO_ZEROES, offset, bytes, NULL, flags, cb,
                          opaque);
}

void blk_aio_cancel_async(BlockAIOCB *acb)
{
    /* Requests in the pool cannot be stopped; they complete normally. */
}

void blk_aio_cancel(BlockAIOCB *acb)
{
    BlkAioEmAIOCB *em = container_of(acb, BlkAioEmAIOCB, common);

    blk_drain(em->blk);
}

bool blk_aio_poll(bool blocking)
{
    bool any;

    g_mutex_lock(&done_lock);
    while (blocking && g_queue_is_empty(&done_queue) && pool_running > 0) {
        g_cond_wait(&done_cond, &done_lock);
    }
    any = !g_queue_is_empty(&done_queue);
    g_mutex_unlock(&done_lock);
    blk_aio_run_completions();
    return any;
}

static void blk_drain_in_ctx(void *opaque)
{
    BlockBackend *blk = opaque;

    while (qatomic_read(&blk->in_flight) > 0) {
        g_mutex_lock(&done_lock);
        while (g_queue_is_empty(&blk->ctx_done) && pool_running > 0) {
            g_cond_wait(&done_cond, &done_lock);
        }
        g_mutex_unlock(&done_lock);
        blk_ctx_run_completions(blk);
    }
}

void blk_drain(BlockBackend *blk)
{
    if (blk->ctx && blk->ctx->gctx) {
        /* Callbacks belong to the iothread: drain there. */
        if (blk->ctx->in_thread(blk->ctx)) {
            blk_drain_in_ctx(blk);
        } else {
            blk->ctx->run_sync(blk->ctx, blk_drain_in_ctx, blk);
        }
        return;
    }
    while (qatomic_read(&blk->in_flight) > 0) {
        g_mutex_lock(&done_lock);
        while (g_queue_is_empty(&done_queue) && pool_running > 0) {
            g_cond_wait(&done_cond, &done_lock);
        }
        g_mutex_unlock(&done_lock);
        blk_aio_run_completions();
    }
}

void blk_drain_all(void)
{
    BlockBackend *blk;

    QTAILQ_FOREACH(blk, &block_backends, link) {
        blk_drain(blk);
    }
}

/* State */

bool blk_is_read_only(BlockBackend *blk)
{
    BlockDriverState *bs = blk_bs(blk);

    return bs ? bdrv_is_read_only(bs) : !(blk->perm & BLK_PERM_WRITE);
}

bool blk_is_writable(BlockBackend *blk)
{
    return !blk_is_read_only(blk);
}

bool blk_supports_write_perm(BlockBackend *blk)
{
    BlockDriverState *bs = blk_bs(blk);

    return bs ? !bdrv_is_read_only(bs) : true;
}

bool blk_is_sg(BlockBackend *blk)
{
    return false;
}

bool blk_is_inserted(BlockBackend *blk)
{
    BlockDriverState *bs = blk_bs(blk);

    return bs && bs->drv;
}

bool blk_is_available(BlockBackend *blk)
{
    return blk_is_inserted(blk) && !blk_dev_is_tray_open(blk);
}

bool blk_enable_write_cache(BlockBackend *blk)
{
    return blk->enable_write_cache;
}

void blk_set_enable_write_cache(BlockBackend *blk, bool wce)
{
    blk->enable_write_cache = wce;
}

void blk_lock_medium(BlockBackend *blk, bool locked)
{
    blk->removable_locked = locked;
}

void blk_eject(BlockBackend *blk, bool eject_flag)
{
    /* Host media are files: nothing to move. */
}

int blk_get_flags(BlockBackend *blk)
{
    BlockDriverState *bs = blk_bs(blk);

    return bs ? bs->open_flags : 0;
}

uint32_t blk_get_request_alignment(BlockBackend *blk)
{
    BlockDriverState *bs = blk_bs(blk);
    uint32_t a = 1;

    while (bs) {
        a = MAX(a, bs->request_alignment);
        bs = bdrv_file_bs(bs);
    }
    return MAX(a, BDRV_SECTOR_SIZE);
}

uint32_t blk_get_max_transfer(BlockBackend *blk)
{
    BlockDriverState *bs = blk_bs(blk);

    return bs ? MIN(bs->max_transfer, INT_MAX) : INT_MAX;
}

int blk_get_max_iov(BlockBackend *blk)
{
    return IOV_MAX;
}

void blk_set_guest_block_size(BlockBackend *blk, int align)
{
    blk->guest_block_size = align;
}

void *blk_try_blockalign(BlockBackend *blk, size_t size)
{
    return qemu_try_blockalign(blk ? blk_bs(blk) : NULL, size);
}

void *blk_blockalign(BlockBackend *blk, size_t size)
{
    return qemu_blockalign(blk ? blk_bs(blk) : NULL, size);
}

AioContext *blk_get_aio_context(BlockBackend *blk)
{
    return blk ? blk->ctx : NULL;
}

/*
 * Move @blk's completion callbacks to @new_context (NULL: main loop).
 * Its requests are drained first, in the old context.
 */
int blk_set_aio_context(BlockBackend *blk, AioContext *new_context,
                        Error **errp)
{
    if (blk->ctx == new_context) {
        return 0;
    }
    blk_drain(blk);
    blk->ctx = new_context;
    return 0;
}

/* Errors */

void blk_set_on_error(BlockBackend *blk, BlockdevOnError on_read_error,
                      BlockdevOnError on_write_error)
{
    blk->on_read_error = on_read_error;
    blk->on_write_error = on_write_error;
}

BlockdevOnError blk_get_on_error(BlockBackend *blk, bool is_read)
{
    return is_read ? blk->on_read_error : blk->on_write_error;
}

BlockErrorAction blk_get_error_action(BlockBackend *blk, bool is_read,
                                      int error)
{
    switch (blk_get_on_error(blk, is_read)) {
    case BLOCKDEV_ON_ERROR_ENOSPC:
        return error == ENOSPC ? BLOCK_ERROR_ACTION_STOP
                               : BLOCK_ERROR_ACTION_REPORT;
    case BLOCKDEV_ON_ERROR_STOP:
        return BLOCK_ERROR_ACTION_STOP;
    case BLOCKDEV_ON_ERROR_IGNORE:
        return BLOCK_ERROR_ACTION_IGNORE;
    case BLOCKDEV_ON_ERROR_REPORT:
    case BLOCKDEV_ON_ERROR_AUTO:
    default:
        return BLOCK_ERROR_ACTION_REPORT;
    }
}

void (*blk_io_error_event_hook)(BlockBackend *blk, bool is_read,
                                BlockErrorAction action, int error);

/* BLOCK_IO_ERROR: sent by block/qapi.c in the emulator (no-op elsewhere). */
static void blk_send_io_error_event(BlockBackend *blk, bool is_read,
                                    BlockErrorAction action, int error)
{
    if (blk_io_error_event_hook) {
        blk_io_error_event_hook(blk, is_read, action, error);
    }
}

void blk_error_action(BlockBackend *blk, BlockErrorAction action,
                      bool is_read, int error)
{
    blk_send_io_error_event(blk, is_read, action, error);
    if (action == BLOCK_ERROR_ACTION_STOP) {
        blk_iostatus_set_err(blk, error);
        if (blk_stop_vm_hook) {
            blk_stop_vm_hook();
        }
    }
}

void blk_iostatus_enable(BlockBackend *blk)
{
    blk->iostatus_enabled = true;
    blk->iostatus = BLOCK_DEVICE_IO_STATUS_OK;
}

bool blk_iostatus_is_enabled(const BlockBackend *blk)
{
    return blk->iostatus_enabled;
}

BlockDeviceIoStatus blk_iostatus(const BlockBackend *blk)
{
    return blk->iostatus_enabled ? blk->iostatus : BLOCK_DEVICE_IO_STATUS_OK;
}

void blk_iostatus_reset(BlockBackend *blk)
{
    blk->iostatus = BLOCK_DEVICE_IO_STATUS_OK;
}

void blk_iostatus_set_err(BlockBackend *blk, int error)
{
    if (blk->iostatus_enabled && blk->iostatus == BLOCK_DEVICE_IO_STATUS_OK) {
        blk->iostatus = error == ENOSPC ? BLOCK_DEVICE_IO_STATUS_NOSPACE
                                        : BLOCK_DEVICE_IO_STATUS_FAILED;
    }
}

BlockAcctStats *blk_get_stats(BlockBackend *blk)
{
    return &blk->stats;
}
