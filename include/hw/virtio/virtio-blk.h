/*
 * virtio-blk: the block device model (TYPE_VIRTIO_BLK,
 * "virtio-blk-device"), usually inside a "virtio-blk-pci" proxy.
 */
#ifndef HW_VIRTIO_BLK_H
#define HW_VIRTIO_BLK_H

#include <linux/virtio_blk.h>
#include "hw/virtio/virtio.h"
#include "hw/block/block.h"
#include "sysemu/block-backend.h"
#include "sysemu/iothread.h"

#define TYPE_VIRTIO_BLK "virtio-blk-device"
OBJECT_DECLARE_SIMPLE_TYPE(VirtIOBlock, VIRTIO_BLK)

/* Largest request in sectors (QEMU's BDRV_REQUEST_MAX_SECTORS). */
#define VIRTIO_BLK_MAX_SECTORS (INT_MAX >> 9)
#define VIRTIO_BLK_AUTO_NUM_QUEUES UINT16_MAX

typedef struct VirtIOBlkConf {
    BlockConf conf;
    char *iothread;
    char *serial;
    uint32_t request_merging;
    uint16_t num_queues;
    uint16_t queue_size;
    bool seg_max_adjust;
    bool report_discard_granularity;
    uint32_t max_discard_sectors;
    uint32_t max_write_zeroes_sectors;
} VirtIOBlkConf;

typedef struct VirtIOBlockReq VirtIOBlockReq;

struct VirtIOBlock {
    VirtIODevice parent_obj;
    BlockBackend *blk;
    /* Requests stopped by werror/rerror=stop, retried on cont. */
    VirtIOBlockReq *rq;
    VirtIOBlkConf conf;
    unsigned short sector_mask;
    bool original_wce;
    uint64_t host_features;
    size_t config_size;
    QEMUBH *restart_bh;
    /* iothread=: where queues are handled and requests complete */
    IOThread *iothread;
    /* I/O error events raised in the iothread, sent from the main loop */
    QEMUBH *err_bh;
    QemuMutex err_lock;
    GQueue err_events;
    VMChangeStateEntry *change;
    unsigned inflight;
    /* Statistics (tests): requests submitted, and merged into another. */
    uint64_t submitted;
    uint64_t merged;
};

/*
 * Called for every I/O error the error policy acts on (QMP
 * BLOCK_IO_ERROR): the monitor installs it.  @nospace is error ENOSPC.
 */
extern void (*virtio_blk_io_error_hook)(VirtIOBlock *s, bool is_read,
                                        int error, BlockErrorAction action);

#endif
