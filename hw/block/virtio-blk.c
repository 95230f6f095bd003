/*
 * virtio-blk device model.  Requests are parsed from the virtqueue,
 * adjacent reads/writes of one pass are merged, and they are submitted
 * as asynchronous BlockBackend requests; completions run on the main
 * loop, or with iothread= everything (queue handling and completions)
 * runs in that iothread, never on a vCPU thread.
 * Guest mistakes in the request layout put the device into its error
 * state (virtio_error); I/O errors follow the rerror/werror policy,
 * which may stop the VM and retry the request on "cont".
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/iov.h"
#include "qemu/bswap.h"
#include "qemu/main-loop.h"
#include "qemu/module.h"
#include "qom/object.h"
#include "hw/qdev-properties.h"
#include "hw/block/block.h"
#include "hw/virtio/virtio.h"
#include "hw/virtio/virtio-blk.h"
#include "sysemu/block-backend.h"
#include "sysemu/runstate.h"
#include "sysemu/sysemu.h"
#include "sysemu/iothread.h"

void (*virtio_blk_io_error_hook)(VirtIOBlock *s, bool is_read, int error,
                                 BlockErrorAction action);

struct VirtIOBlockReq {
    VirtQueueElement elem;
    VirtIOBlock *dev;
    VirtQueue *vq;
    uint32_t type;
    int64_t sector_num;
    uint8_t *status;            /* last byte of the device-writable part */
    size_t in_len;
    QEMUIOVector qiov;
    struct iovec *iov_copy;     /* data iovecs (headers stripped) */
    unsigned int iov_cnt;
    /* discard / write zeroes */
    uint32_t dwz_sectors;
    uint32_t dwz_flags;
    BlockAcctCookie acct;
    VirtIOBlockReq *next;
    /*
     * Merged submission: the first request of a run of adjacent ones
     * owns mr_qiov (all their data iovecs) and chains the others.
     */
    VirtIOBlockReq *mr_next;
    QEMUIOVector mr_qiov;
    bool mr_head;
};

/*
 * Requests popped in one pass over the queue, merged when adjacent
 * before submission (QEMU's MultiReqBuffer).
 */
#define VIRTIO_BLK_MAX_MERGE_REQS 32

typedef struct MultiReqBuffer {
    VirtIOBlockReq *reqs[VIRTIO_BLK_MAX_MERGE_REQS];
    unsigned int num_reqs;
    bool is_write;
} MultiReqBuffer;

static void virtio_blk_free_request(VirtIOBlockReq *req)
{
    qemu_iovec_destroy(&req->qiov);
    g_free(req->iov_copy);
    g_free(req);
}

/* Return the chain to the guest without interrupting it (yet). */
static void virtio_blk_req_push(VirtIOBlockReq *req, uint8_t status)
{
    *req->status = status;
    virtqueue_push(req->vq, &req->elem, req->in_len);
}

static void virtio_blk_req_complete(VirtIOBlockReq *req, uint8_t status)
{
    virtio_blk_req_push(req, status);
    virtio_notify(VIRTIO_DEVICE(req->dev), req->vq);
}

static bool is_read_type(uint32_t type)
{
    return !(type & VIRTIO_BLK_T_OUT) && type != VIRTIO_BLK_T_FLUSH &&
           type != VIRTIO_BLK_T_DISCARD;
}

/* Apply the error policy; returns true if the request was consumed. */
/* The BQL side of an I/O error: QMP event, iostatus, stopping the VM. */
static void virtio_blk_error_event(VirtIOBlock *s, bool is_read, int error,
                                   BlockErrorAction action)
{
    if (virtio_blk_io_error_hook) {
        virtio_blk_io_error_hook(s, is_read, error, action);
    }
    blk_error_action(s->blk, action, is_read, error);
    if (action == BLOCK_ERROR_ACTION_STOP && runstate_is_running()) {
        vm_stop(RUN_STATE_IO_ERROR);
    }
}

typedef struct VirtIOBlockErrEvent {
    bool is_read;
    int error;
    BlockErrorAction action;
} VirtIOBlockErrEvent;

/* Main loop: events of errors that happened in the iothread. */
static void virtio_blk_error_bh(void *opaque)
{
    VirtIOBlock *s = opaque;
    VirtIOBlockErrEvent *ev;

    for (;;) {
        qemu_mutex_lock(&s->err_lock);
        ev = g_queue_pop_head(&s->err_events);
        qemu_mutex_unlock(&s->err_lock);
        if (!ev) {
            return;
        }
        virtio_blk_error_event(s, ev->is_read, ev->error, ev->action);
        g_free(ev);
    }
}

static bool virtio_blk_handle_rw_error(VirtIOBlockReq *req, int error,
                                       bool is_read, bool acct_failed)
{
    VirtIOBlock *s = req->dev;
    BlockErrorAction action = blk_get_error_action(s->blk, is_read, error);
    bool in_iothread = !qemu_mutex_iothread_locked();

    if (in_iothread) {
        VirtIOBlockErrEvent *ev = g_new(VirtIOBlockErrEvent, 1);

        ev->is_read = is_read;
        ev->error = error;
        ev->action = action;
        qemu_mutex_lock(&s->err_lock);
        g_queue_push_tail(&s->err_events, ev);
        qemu_mutex_unlock(&s->err_lock);
        qemu_bh_schedule(s->err_bh);
    }
    if (action == BLOCK_ERROR_ACTION_STOP) {
        /* Keep it for the retry when the VM continues. */
        req->next = s->rq;
        s->rq = req;
    } else if (action == BLOCK_ERROR_ACTION_REPORT) {
        virtio_blk_req_complete(req, VIRTIO_BLK_S_IOERR);
        if (acct_failed) {
            block_acct_failed(blk_get_stats(s->blk), &req->acct);
        }
        virtio_blk_free_request(req);
    }
    if (!in_iothread) {
        virtio_blk_error_event(s, is_read, error, action);
    }
    return action != BLOCK_ERROR_ACTION_IGNORE;
}

/* One request's outcome; the caller interrupts the guest afterwards. */
static void virtio_blk_finish_one(VirtIOBlockReq *req, int ret)
{
    VirtIOBlock *s = req->dev;

    if (ret) {
        bool is_read = is_read_type(req->type);
        bool acct = req->type == VIRTIO_BLK_T_IN ||
                    req->type == VIRTIO_BLK_T_OUT;

        if (virtio_blk_handle_rw_error(req, -ret, is_read, acct)) {
            return;
        }
    }
    virtio_blk_req_push(req, VIRTIO_BLK_S_OK);
    if (req->type == VIRTIO_BLK_T_IN || req->type == VIRTIO_BLK_T_OUT ||
        req->type == VIRTIO_BLK_T_FLUSH) {
        block_acct_done(blk_get_stats(s->blk), &req->acct);
    }
    virtio_blk_free_request(req);
}

static void virtio_blk_rw_complete(void *opaque, int ret)
{
    VirtIOBlockReq *req = opaque;
    VirtIOBlock *s = req->dev;
    VirtQueue *vq = req->vq;

    s->inflight--;
    virtio_blk_finish_one(req, ret);
    virtio_notify(VIRTIO_DEVICE(s), vq);
}

/*
 * A merged request finished: every part gets the same outcome (a
 * failed part kept by rerror/werror=stop is retried on its own), and
 * the guest is interrupted once for the whole run.
 */
static void virtio_blk_merged_complete(void *opaque, int ret)
{
    VirtIOBlockReq *req = opaque, *next;
    VirtIOBlock *s = req->dev;
    VirtQueue *vq = req->vq;

    s->inflight--;
    qemu_iovec_destroy(&req->mr_qiov);
    req->mr_head = false;
    for (; req; req = next) {
        next = req->mr_next;
        req->mr_next = NULL;
        virtio_blk_finish_one(req, ret);
    }
    virtio_notify(VIRTIO_DEVICE(s), vq);
}

static bool sect_range_ok(VirtIOBlock *s, uint64_t sector, size_t size)
{
    uint64_t nb_sectors = size >> BDRV_SECTOR_BITS;
    uint64_t total = blk_nb_sectors(s->blk);

    if (nb_sectors > VIRTIO_BLK_MAX_SECTORS) {
        return false;
    }
    if (sector & s->sector_mask) {
        return false;
    }
    if (size % s->conf.conf.logical_block_size) {
        return false;
    }
    return sector <= total && nb_sectors <= total - sector;
}

/* Submit (or resubmit after a stop) the I/O of a parsed request. */
static void virtio_blk_submit(VirtIOBlockReq *req)
{
    VirtIOBlock *s = req->dev;
    BlockAcctStats *stats = blk_get_stats(s->blk);
    int64_t off = req->sector_num << BDRV_SECTOR_BITS;

    s->inflight++;
    s->submitted++;
    switch (req->type) {
    case VIRTIO_BLK_T_IN:
        block_acct_start(stats, &req->acct, req->qiov.size, BLOCK_ACCT_READ);
        blk_aio_preadv(s->blk, off, &req->qiov, 0, virtio_blk_rw_complete,
                       req);
        break;
    case VIRTIO_BLK_T_OUT:
        block_acct_start(stats, &req->acct, req->qiov.size, BLOCK_ACCT_WRITE);
        blk_aio_pwritev(s->blk, off, &req->qiov, 0, virtio_blk_rw_complete,
                        req);
        break;
    case VIRTIO_BLK_T_FLUSH:
        block_acct_start(stats, &req->acct, 0, BLOCK_ACCT_FLUSH);
        blk_aio_flush(s->blk, virtio_blk_rw_complete, req);
        break;
    case VIRTIO_BLK_T_DISCARD:
        blk_aio_pdiscard(s->blk, off,
                         (int64_t)req->dwz_sectors << BDRV_SECTOR_BITS,
                         virtio_blk_rw_complete, req);
        break;
    case VIRTIO_BLK_T_WRITE_ZEROES:
        blk_aio_pwrite_zeroes(s->blk, off,
                              (int64_t)req->dwz_sectors << BDRV_SECTOR_BITS,
                              req->dwz_flags & VIRTIO_BLK_WRITE_ZEROES_FLAG_UNMAP
                              ? BDRV_REQ_MAY_UNMAP : 0,
                              virtio_blk_rw_complete, req);
        break;
    default:
        g_assert_not_reached();
    }
}

static int multireq_compare(const void *a, const void *b)
{
    const VirtIOBlockReq *ra = *(VirtIOBlockReq * const *)a;
    const VirtIOBlockReq *rb = *(VirtIOBlockReq * const *)b;

    return ra->sector_num < rb->sector_num ? -1 :
           ra->sector_num > rb->sector_num;
}

/* Submit @n requests (sorted, each adjacent to the next) as one. */
static void virtio_blk_submit_run(VirtIOBlock *s, VirtIOBlockReq **reqs,
                                  unsigned int n, bool is_write)
{
    BlockAcctStats *stats = blk_get_stats(s->blk);
    VirtIOBlockReq *head = reqs[0];
    int64_t off = head->sector_num << BDRV_SECTOR_BITS;
    unsigned int i, niov = 0;

    if (n == 1) {
        virtio_blk_submit(head);
        return;
    }
    for (i = 0; i < n; i++) {
        niov += reqs[i]->qiov.niov;
    }
    qemu_iovec_init(&head->mr_qiov, niov);
    for (i = 0; i < n; i++) {
        VirtIOBlockReq *r = reqs[i];

        block_acct_start(stats, &r->acct, r->qiov.size,
                         is_write ? BLOCK_ACCT_WRITE : BLOCK_ACCT_READ);
        qemu_iovec_concat(&head->mr_qiov, &r->qiov, 0, r->qiov.size);
        r->mr_next = i + 1 < n ? reqs[i + 1] : NULL;
    }
    head->mr_head = true;
    block_acct_merge_done(stats, is_write ? BLOCK_ACCT_WRITE : BLOCK_ACCT_READ,
                          n - 1);
    s->inflight++;
    s->submitted++;
    s->merged += n - 1;
    if (is_write) {
        blk_aio_pwritev(s->blk, off, &head->mr_qiov, 0,
                        virtio_blk_merged_complete, head);
    } else {
        blk_aio_preadv(s->blk, off, &head->mr_qiov, 0,
                       virtio_blk_merged_complete, head);
    }
}

/*
 * Sort the collected reads or writes by sector and submit runs of
 * adjacent ones as single requests, within the backend's transfer and
 * iovec limits, as QEMU's virtio-blk does.
 */
static void virtio_blk_submit_multireq(VirtIOBlock *s, MultiReqBuffer *mrb)
{
    uint64_t max_bytes = blk_get_max_transfer(s->blk);
    int max_iov = blk_get_max_iov(s->blk);
    unsigned int start = 0, i;
    uint64_t bytes;
    int niov;

    if (!mrb->num_reqs) {
        return;
    }
    if (mrb->num_reqs > 1) {
        qsort(mrb->reqs, mrb->num_reqs, sizeof(mrb->reqs[0]),
              multireq_compare);
    }
    bytes = mrb->reqs[0]->qiov.size;
    niov = mrb->reqs[0]->qiov.niov;
    for (i = 1; i < mrb->num_reqs; i++) {
        VirtIOBlockReq *prev = mrb->reqs[i - 1], *r = mrb->reqs[i];
        bool adjacent = prev->sector_num +
                        (int64_t)(prev->qiov.size >> BDRV_SECTOR_BITS) ==
                        r->sector_num;

        if (adjacent && bytes + r->qiov.size <= max_bytes &&
            niov + r->qiov.niov <= max_iov) {
            bytes += r->qiov.size;
            niov += r->qiov.niov;
            continue;
        }
        virtio_blk_submit_run(s, &mrb->reqs[start], i - start,
                              mrb->is_write);
        start = i;
        bytes = r->qiov.size;
        niov = r->qiov.niov;
    }
    virtio_blk_submit_run(s, &mrb->reqs[start], i - start, mrb->is_write);
    mrb->num_reqs = 0;
}

/* Queue a validated read/write for merging (or submit it right away). */
static void virtio_blk_queue_rw(VirtIOBlockReq *req, MultiReqBuffer *mrb)
{
    VirtIOBlock *s = req->dev;
    bool is_write = req->type == VIRTIO_BLK_T_OUT;

    if (!mrb || !s->conf.request_merging) {
        virtio_blk_submit(req);
        return;
    }
    if (mrb->num_reqs == VIRTIO_BLK_MAX_MERGE_REQS ||
        (mrb->num_reqs && mrb->is_write != is_write)) {
        virtio_blk_submit_multireq(s, mrb);
    }
    mrb->is_write = is_write;
    mrb->reqs[mrb->num_reqs++] = req;
}

/* Discard / write zeroes: status or -1 when the request went out. */
static int virtio_blk_handle_dwz(VirtIOBlockReq *req, bool is_wz)
{
    VirtIOBlock *s = req->dev;
    struct virtio_blk_discard_write_zeroes dwz;
    uint32_t max = is_wz ? s->conf.max_write_zeroes_sectors :
                           s->conf.max_discard_sectors;
    uint64_t sector;

    if (iov_to_buf(req->iov_copy, req->iov_cnt, 0, &dwz, sizeof(dwz)) !=
        sizeof(dwz)) {
        virtio_error(VIRTIO_DEVICE(s), "virtio-blk discard/write_zeroes "
                     "header too short");
        return -2;
    }
    sector = le64_to_cpu(dwz.sector);
    req->sector_num = sector;
    req->dwz_sectors = le32_to_cpu(dwz.num_sectors);
    req->dwz_flags = le32_to_cpu(dwz.flags);
    if (req->dwz_flags & ~VIRTIO_BLK_WRITE_ZEROES_FLAG_UNMAP ||
        (!is_wz && req->dwz_flags)) {
        return VIRTIO_BLK_S_UNSUPP;
    }
    if (req->dwz_sectors > max ||
        !sect_range_ok(s, sector,
                       (uint64_t)req->dwz_sectors << BDRV_SECTOR_BITS)) {
        return VIRTIO_BLK_S_IOERR;
    }
    if (!blk_is_writable(s->blk)) {
        return VIRTIO_BLK_S_IOERR;
    }
    virtio_blk_submit(req);
    return -1;
}

/* Parse one chain; returns -1 if the device went into its error state. */
static int virtio_blk_handle_request(VirtIOBlockReq *req, MultiReqBuffer *mrb)
{
    VirtIOBlock *s = req->dev;
    VirtIODevice *vdev = VIRTIO_DEVICE(s);
    struct virtio_blk_outhdr out;
    struct iovec *out_iov, *in_iov;
    unsigned out_num = req->elem.out_num, in_num = req->elem.in_num;
    struct iovec *last;
    int status = VIRTIO_BLK_S_OK;

    if (out_num < 1 || in_num < 1) {
        virtio_error(vdev, "virtio-blk missing headers");
        return -1;
    }
    if (iov_to_buf(req->elem.out_sg, out_num, 0, &out, sizeof(out)) !=
        sizeof(out)) {
        virtio_error(vdev, "virtio-blk request outhdr too short");
        return -1;
    }
    last = &req->elem.in_sg[in_num - 1];
    if (last->iov_len < 1) {
        virtio_error(vdev, "virtio-blk request inhdr too short");
        return -1;
    }
    req->status = (uint8_t *)last->iov_base + last->iov_len - 1;
    req->in_len = iov_size(req->elem.in_sg, in_num);
    req->type = le32_to_cpu(out.type) & ~VIRTIO_BLK_T_BARRIER;
    req->sector_num = le64_to_cpu(out.sector);
    if (mrb && req->type != VIRTIO_BLK_T_IN && req->type != VIRTIO_BLK_T_OUT) {
        /* Keep the guest's order around flushes and the like. */
        virtio_blk_submit_multireq(s, mrb);
    }

    /* Work on copies: the element's iovecs are needed for unmapping. */
    out_iov = g_memdup2(req->elem.out_sg, out_num * sizeof(struct iovec));
    in_iov = g_memdup2(req->elem.in_sg, in_num * sizeof(struct iovec));
    {
        struct iovec *o = out_iov;

        iov_discard_front(&o, &out_num, sizeof(out));
        iov_discard_back(in_iov, &in_num, 1);
        if (req->type == VIRTIO_BLK_T_IN || req->type == VIRTIO_BLK_T_GET_ID) {
            req->iov_copy = g_memdup2(in_iov, in_num * sizeof(struct iovec));
            req->iov_cnt = in_num;
        } else {
            req->iov_copy = g_memdup2(o, out_num * sizeof(struct iovec));
            req->iov_cnt = out_num;
        }
    }
    g_free(out_iov);
    g_free(in_iov);

    switch (req->type) {
    case VIRTIO_BLK_T_IN:
    case VIRTIO_BLK_T_OUT: {
        bool is_write = req->type == VIRTIO_BLK_T_OUT;

        unsigned int i;

        qemu_iovec_reset(&req->qiov);
        for (i = 0; i < req->iov_cnt; i++) {
            qemu_iovec_add(&req->qiov, req->iov_copy[i].iov_base,
                           req->iov_copy[i].iov_len);
        }
        if (!sect_range_ok(s, req->sector_num, req->qiov.size)) {
            block_acct_invalid(blk_get_stats(s->blk),
                               is_write ? BLOCK_ACCT_WRITE : BLOCK_ACCT_READ);
            status = VIRTIO_BLK_S_IOERR;
            break;
        }
        if (is_write && !blk_is_writable(s->blk)) {
            status = VIRTIO_BLK_S_IOERR;
            break;
        }
        virtio_blk_queue_rw(req, mrb);
        return 0;
    }
    case VIRTIO_BLK_T_FLUSH:
        virtio_blk_submit(req);
        return 0;
    case VIRTIO_BLK_T_GET_ID: {
        char id[VIRTIO_BLK_ID_BYTES] = { 0 };

        /* Not NUL-terminated when the serial fills all 20 bytes. */
        if (s->conf.serial) {
            memcpy(id, s->conf.serial, MIN(strlen(s->conf.serial),
                                           sizeof(id)));
        }
        iov_from_buf(req->iov_copy, req->iov_cnt, 0, id,
                     MIN(sizeof(id), iov_size(req->iov_copy, req->iov_cnt)));
        break;
    }
    case VIRTIO_BLK_T_DISCARD:
    case VIRTIO_BLK_T_WRITE_ZEROES: {
        bool is_wz = req->type == VIRTIO_BLK_T_WRITE_ZEROES;
        int r;

        if (!virtio_vdev_has_feature(vdev, is_wz ? VIRTIO_BLK_F_WRITE_ZEROES :
                                     VIRTIO_BLK_F_DISCARD)) {
            status = VIRTIO_BLK_S_UNSUPP;
            break;
        }
        r = virtio_blk_handle_dwz(req, is_wz);
        if (r == -1) {
            return 0;
        }
        if (r == -2) {
            return -1;
        }
        status = r;
        break;
    }
    default:
        status = VIRTIO_BLK_S_UNSUPP;
        break;
    }
    virtio_blk_req_complete(req, status);
    virtio_blk_free_request(req);
    return 0;
}

typedef struct VirtIOBlockKick {
    VirtIODevice *vdev;
    VirtQueue *vq;
} VirtIOBlockKick;

static void virtio_blk_handle_output(VirtIODevice *vdev, VirtQueue *vq);

static void virtio_blk_handle_output_in_iothread(void *opaque)
{
    VirtIOBlockKick *k = opaque;

    virtio_blk_handle_output(k->vdev, k->vq);
}

static void virtio_blk_handle_output(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIOBlock *s = VIRTIO_BLK(vdev);
    VirtIOBlockReq *req;
    MultiReqBuffer mrb = { .num_reqs = 0 };

    if (!s->blk) {
        return;
    }
    if (s->iothread && !iothread_is_self(s->iothread)) {
        /*
         * Kicked without ioeventfd (MMIO/PIO write, resume): the queue
         * and its requests belong to the iothread.
         */
        VirtIOBlockKick k = { vdev, vq };

        iothread_run_sync(s->iothread, virtio_blk_handle_output_in_iothread,
                          &k);
        return;
    }
    do {
        virtio_queue_set_notification(vq, 0);
        while ((req = virtqueue_pop(vq, sizeof(VirtIOBlockReq)))) {
            req->dev = s;
            req->vq = vq;
            qemu_iovec_init(&req->qiov, 1);
            if (virtio_blk_handle_request(req, &mrb) < 0) {
                virtqueue_detach_element(vq, &req->elem, 0);
                virtio_blk_free_request(req);
                virtio_blk_submit_multireq(s, &mrb);
                return;
            }
        }
        virtio_blk_submit_multireq(s, &mrb);
        virtio_queue_set_notification(vq, 1);
    } while (!virtio_queue_empty(vq) && !vdev->broken);
}

/* ---- stop / continue --------------------------------------------------- */

static void virtio_blk_restart(void *opaque);

static void virtio_blk_restart_bh(void *opaque)
{
    VirtIOBlock *s = opaque;

    if (s->iothread) {
        iothread_run_sync(s->iothread, virtio_blk_restart, s);
    } else {
        virtio_blk_restart(s);
    }
}

/* Resubmit requests kept by rerror/werror=stop (device's own thread). */
static void virtio_blk_restart(void *opaque)
{
    VirtIOBlock *s = opaque;
    VirtIOBlockReq *req = s->rq, *next;
    VirtIOBlockReq *rev = NULL;
    int i;

    s->rq = NULL;
    /* Oldest first: the list was built by prepending. */
    while (req) {
        next = req->next;
        req->next = rev;
        rev = req;
        req = next;
    }
    for (req = rev; req; req = next) {
        next = req->next;
        virtio_blk_submit(req);
    }
    /* Chains that arrived while stopped. */
    for (i = 0; i < s->conf.num_queues; i++) {
        VirtQueue *vq = virtio_get_queue(VIRTIO_DEVICE(s), i);

        if (!virtio_queue_empty(vq)) {
            virtio_blk_handle_output(VIRTIO_DEVICE(s), vq);
        }
    }
}

static void virtio_blk_vm_state_change(void *opaque, bool running,
                                       RunState state)
{
    VirtIOBlock *s = opaque;

    if (running && s->rq) {
        qemu_bh_schedule(s->restart_bh);
    }
}

/* ---- config, features, reset ------------------------------------------- */

static void virtio_blk_update_config(VirtIODevice *vdev, uint8_t *config)
{
    VirtIOBlock *s = VIRTIO_BLK(vdev);
    BlockConf *conf = &s->conf.conf;
    struct virtio_blk_config cfg;
    uint64_t capacity = blk_nb_sectors(s->blk);
    int blk_size = conf->logical_block_size;

    memset(&cfg, 0, sizeof(cfg));
    cfg.capacity = cpu_to_le64(capacity);
    cfg.seg_max = cpu_to_le32(s->conf.seg_max_adjust ?
                              s->conf.queue_size - 2 : 128 - 2);
    cfg.geometry.cylinders = cpu_to_le16(conf->cyls);
    cfg.geometry.heads = conf->heads;
    cfg.geometry.sectors = conf->secs;
    cfg.blk_size = cpu_to_le32(blk_size);
    cfg.physical_block_exp = ctz32(conf->physical_block_size / blk_size);
    cfg.alignment_offset = 0;
    cfg.min_io_size = cpu_to_le16(conf->min_io_size / blk_size);
    cfg.opt_io_size = cpu_to_le32(conf->opt_io_size / blk_size);
    cfg.wce = blk_enable_write_cache(s->blk);
    cfg.num_queues = cpu_to_le16(s->conf.num_queues);
    if (virtio_has_feature(s->host_features, VIRTIO_BLK_F_DISCARD)) {
        uint32_t gran = conf->discard_granularity;

        cfg.max_discard_sectors = cpu_to_le32(s->conf.max_discard_sectors);
        if (gran == (uint32_t)-1 || !s->conf.report_discard_granularity) {
            gran = blk_size;
        }
        cfg.discard_sector_alignment = cpu_to_le32(gran >> BDRV_SECTOR_BITS);
        cfg.max_discard_seg = cpu_to_le32(1);
    }
    if (virtio_has_feature(s->host_features, VIRTIO_BLK_F_WRITE_ZEROES)) {
        cfg.max_write_zeroes_sectors =
            cpu_to_le32(s->conf.max_write_zeroes_sectors);
        cfg.max_write_zeroes_seg = cpu_to_le32(1);
        cfg.write_zeroes_may_unmap = 1;
    }
    memcpy(config, &cfg, s->config_size);
}

static void virtio_blk_set_config(VirtIODevice *vdev, const uint8_t *config)
{
    VirtIOBlock *s = VIRTIO_BLK(vdev);
    struct virtio_blk_config cfg;

    memcpy(&cfg, config, s->config_size);
    if (virtio_vdev_has_feature(vdev, VIRTIO_BLK_F_CONFIG_WCE)) {
        blk_set_enable_write_cache(s->blk, cfg.wce != 0);
    }
}

static uint64_t virtio_blk_get_features(VirtIODevice *vdev, uint64_t features,
                                        Error **errp)
{
    VirtIOBlock *s = VIRTIO_BLK(vdev);

    /* Properties set host_features bits; the transport's come in here. */
    features |= s->host_features;
    virtio_add_feature(&features, VIRTIO_BLK_F_SEG_MAX);
    virtio_add_feature(&features, VIRTIO_BLK_F_GEOMETRY);
    virtio_add_feature(&features, VIRTIO_BLK_F_TOPOLOGY);
    virtio_add_feature(&features, VIRTIO_BLK_F_BLK_SIZE);
    virtio_add_feature(&features, VIRTIO_BLK_F_FLUSH);
    if (!blk_is_writable(s->blk)) {
        virtio_add_feature(&features, VIRTIO_BLK_F_RO);
    }
    if (s->conf.num_queues > 1) {
        virtio_add_feature(&features, VIRTIO_BLK_F_MQ);
    }
    return features;
}

static void virtio_blk_set_features(VirtIODevice *vdev, uint64_t features)
{
    VirtIOBlock *s = VIRTIO_BLK(vdev);

    if (!virtio_has_feature(features, VIRTIO_BLK_F_CONFIG_WCE)) {
        blk_set_enable_write_cache(s->blk, virtio_has_feature(features,
                                   VIRTIO_BLK_F_FLUSH));
    }
}

static void virtio_blk_reset(VirtIODevice *vdev)
{
    VirtIOBlock *s = VIRTIO_BLK(vdev);
    VirtIOBlockReq *req;

    /* In-flight requests complete into a ring the guest is resetting. */
    blk_drain(s->blk);
    while ((req = s->rq)) {
        s->rq = req->next;
        virtqueue_detach_element(req->vq, &req->elem, 0);
        virtio_blk_free_request(req);
    }
    blk_set_enable_write_cache(s->blk, s->original_wce);
}

static void virtio_blk_resize(void *opaque)
{
    virtio_notify_config(VIRTIO_DEVICE(opaque));
}

static const BlockDevOps virtio_blk_block_ops = {
    .resize_cb = virtio_blk_resize,
};

/* ---- realize --------------------------------------------------------- */

static void virtio_blk_device_realize(DeviceState *dev, Error **errp)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(dev);
    VirtIOBlock *s = VIRTIO_BLK(dev);
    VirtIOBlkConf *conf = &s->conf;
    int i;

    if (!conf->conf.blk) {
        error_setg(errp, "drive property not set");
        return;
    }
    if (!blk_is_inserted(conf->conf.blk)) {
        error_setg(errp, "Device needs media, but drive is empty");
        return;
    }
    if (conf->num_queues == VIRTIO_BLK_AUTO_NUM_QUEUES) {
        conf->num_queues = 1;
    }
    if (!conf->num_queues) {
        error_setg(errp, "num-queues property must be larger than 0");
        return;
    }
    if (conf->queue_size <= 2) {
        error_setg(errp, "invalid queue-size property (%" PRIu16 "), "
                   "must be > 2", conf->queue_size);
        return;
    }
    if (!is_power_of_2(conf->queue_size) ||
        conf->queue_size > VIRTIO_QUEUE_MAX) {
        error_setg(errp, "invalid queue-size property (%" PRIu16 "), "
                   "must be a power of 2 (max %d)",
                   conf->queue_size, VIRTIO_QUEUE_MAX);
        return;
    }
    if (conf->iothread && !iothread_by_id(conf->iothread)) {
        error_setg(errp, "Device '%s' not found", conf->iothread);
        return;
    }
    if (!blkconf_apply_backend_options(&conf->conf,
                                       !blk_supports_write_perm(conf->conf.blk),
                                       true, errp) ||
        !blkconf_geometry(&conf->conf, NULL, 65535, 255, 255, errp) ||
        !blkconf_blocksizes(&conf->conf, errp)) {
        return;
    }
    if (virtio_has_feature(s->host_features, VIRTIO_BLK_F_DISCARD) &&
        (!conf->max_discard_sectors ||
         conf->max_discard_sectors > VIRTIO_BLK_MAX_SECTORS)) {
        error_setg(errp, "invalid max-discard-sectors property (%" PRIu32 ")"
                   ", must be between 1 and %d",
                   conf->max_discard_sectors, (int)VIRTIO_BLK_MAX_SECTORS);
        return;
    }
    if (virtio_has_feature(s->host_features, VIRTIO_BLK_F_WRITE_ZEROES) &&
        (!conf->max_write_zeroes_sectors ||
         conf->max_write_zeroes_sectors > VIRTIO_BLK_MAX_SECTORS)) {
        error_setg(errp, "invalid max-write-zeroes-sectors property (%" PRIu32
                   "), must be between 1 and %d",
                   conf->max_write_zeroes_sectors,
                   (int)VIRTIO_BLK_MAX_SECTORS);
        return;
    }
    s->original_wce = blk_enable_write_cache(conf->conf.blk);
    /* Config space ends after the write-zeroes fields (QEMU's size). */
    s->config_size = offsetof(struct virtio_blk_config, unused1) +
                     sizeof(((struct virtio_blk_config *)0)->unused1);
    if (!virtio_has_feature(s->host_features, VIRTIO_BLK_F_DISCARD) &&
        !virtio_has_feature(s->host_features, VIRTIO_BLK_F_WRITE_ZEROES)) {
        s->config_size = offsetof(struct virtio_blk_config,
                                  max_discard_sectors);
    }
    virtio_init(vdev, VIRTIO_ID_BLOCK, s->config_size);
    s->blk = conf->conf.blk;
    s->rq = NULL;
    s->sector_mask = (conf->conf.logical_block_size / BDRV_SECTOR_SIZE) - 1;
    for (i = 0; i < conf->num_queues; i++) {
        virtio_add_queue(vdev, conf->queue_size, virtio_blk_handle_output);
    }
    s->restart_bh = qemu_bh_new(virtio_blk_restart_bh, s);
    s->err_bh = qemu_bh_new(virtio_blk_error_bh, s);
    qemu_mutex_init(&s->err_lock);
    g_queue_init(&s->err_events);
    if (conf->iothread) {
        /*
         * Dataplane: queue handling (ioeventfd) and completions run in
         * the iothread; interrupts go through guest notifiers.
         */
        s->iothread = iothread_by_id(conf->iothread);
        iothread_use(s->iothread);
        vdev->iothread = s->iothread;
        vdev->use_guest_notifiers = true;
        blk_set_aio_context(s->blk, iothread_get_aio_context(s->iothread),
                            NULL);
    }
    s->change = qemu_add_vm_change_state_handler(virtio_blk_vm_state_change,
                                                 s);
    blk_iostatus_enable(s->blk);
    blk_set_dev_ops(s->blk, &virtio_blk_block_ops, s);
    blk_set_guest_block_size(s->blk, conf->conf.logical_block_size);
}

static void virtio_blk_device_unrealize(DeviceState *dev)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(dev);
    VirtIOBlock *s = VIRTIO_BLK(dev);
    int i;

    blk_drain(s->blk);
    if (s->iothread) {
        blk_set_aio_context(s->blk, NULL, NULL);
        vdev->iothread = NULL;
        iothread_unuse(s->iothread);
        s->iothread = NULL;
    }
    for (i = 0; i < s->conf.num_queues; i++) {
        virtio_del_queue(vdev, i);
    }
    if (s->change) {
        qemu_del_vm_change_state_handler(s->change);
        s->change = NULL;
    }
    if (s->restart_bh) {
        qemu_bh_delete(s->restart_bh);
        s->restart_bh = NULL;
    }
    qemu_bh_delete(s->err_bh);
    s->err_bh = NULL;
    virtio_blk_error_bh(s);
    qemu_mutex_destroy(&s->err_lock);
    blk_set_dev_ops(s->blk, NULL, NULL);
    virtio_cleanup(vdev);
}

static Property virtio_blk_properties[] = {
    DEFINE_BLOCK_PROPERTIES(VirtIOBlock, conf.conf),
    DEFINE_BLOCK_ERROR_PROPERTIES(VirtIOBlock, conf.conf),
    DEFINE_BLOCK_CHS_PROPERTIES(VirtIOBlock, conf.conf),
    DEFINE_PROP_STRING("serial", VirtIOBlock, conf.serial),
    DEFINE_PROP_BIT64("config-wce", VirtIOBlock, host_features,
                      VIRTIO_BLK_F_CONFIG_WCE, true),
    DEFINE_PROP_BIT("request-merging", VirtIOBlock, conf.request_merging, 0,
                    true),
    DEFINE_PROP_UINT16("num-queues", VirtIOBlock, conf.num_queues,
                       VIRTIO_BLK_AUTO_NUM_QUEUES),
    DEFINE_PROP_UINT16("queue-size", VirtIOBlock, conf.queue_size, 256),
    DEFINE_PROP_BOOL("seg-max-adjust", VirtIOBlock, conf.seg_max_adjust,
                     true),
    DEFINE_PROP_STRING("iothread", VirtIOBlock, conf.iothread),
    DEFINE_PROP_BIT64("discard", VirtIOBlock, host_features,
                      VIRTIO_BLK_F_DISCARD, true),
    DEFINE_PROP_BOOL("report-discard-granularity", VirtIOBlock,
                     conf.report_discard_granularity, true),
    DEFINE_PROP_BIT64("write-zeroes", VirtIOBlock, host_features,
                      VIRTIO_BLK_F_WRITE_ZEROES, true),
    DEFINE_PROP_UINT32("max-discard-sectors", VirtIOBlock,
                       conf.max_discard_sectors, VIRTIO_BLK_MAX_SECTORS),
    DEFINE_PROP_UINT32("max-write-zeroes-sectors", VirtIOBlock,
                       conf.max_write_zeroes_sectors, VIRTIO_BLK_MAX_SECTORS),
    DEFINE_PROP_END_OF_LIST(),
};

static void virtio_blk_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_CLASS(klass);

    device_class_set_props(dc, virtio_blk_properties);
    set_bit(DEVICE_CATEGORY_STORAGE, dc->categories);
    vdc->realize = virtio_blk_device_realize;
    vdc->unrealize = virtio_blk_device_unrealize;
    vdc->get_config = virtio_blk_update_config;
    vdc->set_config = virtio_blk_set_config;
    vdc->get_features = virtio_blk_get_features;
    vdc->set_features = virtio_blk_set_features;
    vdc->reset = virtio_blk_reset;
}

static void virtio_blk_instance_init(Object *obj)
{
    VirtIOBlock *s = VIRTIO_BLK(obj);

    /* libvirt always passes bootindex for the first disk. */
    device_add_bootindex_property(obj, &s->conf.conf.bootindex, "bootindex",
                                  "/disk@0,0", DEVICE(obj));
}

static const TypeInfo virtio_blk_info = {
    .name = TYPE_VIRTIO_BLK,
    .parent = TYPE_VIRTIO_DEVICE,
    .instance_size = sizeof(VirtIOBlock),
    .instance_init = virtio_blk_instance_init,
    .class_init = virtio_blk_class_init,
};

static void virtio_blk_register_types(void)
{
    type_register_static(&virtio_blk_info);
}

type_init(virtio_blk_register_types)
