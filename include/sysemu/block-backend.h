/*
 * BlockBackend: the device-facing end of a block node graph.
 *
 * Devices (virtio-blk, ide-hd, ide-cd ...) hold a BlockBackend * from
 * DEFINE_PROP_DRIVE and do all I/O through the blk_* functions below.
 * Names and argument orders are QEMU 7.2's.
 *
 * Completion context: the callback of every blk_aio_*() request runs on
 * the main loop thread, from a bottom half, never from inside the
 * blk_aio_*() call itself; in the emulator the BQL is held.  The I/O
 * itself runs in a worker thread pool (or io_uring), so the main loop
 * keeps running while requests are in flight.  Submit blk_aio_*() from
 * the main loop thread (BQL held); the synchronous calls
 * (blk_pread, blk_pwrite, blk_flush ...) block the calling thread.
 */
#ifndef BLOCK_BACKEND_H
#define BLOCK_BACKEND_H

#include "qemu/iov.h"
#include "block/aio.h"
#include "block/accounting.h"
#include "block/block.h"
#include "hw/qdev-properties-system.h"   /* BlockdevOnError */

typedef struct BlockBackend BlockBackend;
typedef struct BlockDriverState BlockDriverState;
typedef struct DriveInfo DriveInfo;
typedef struct DeviceState DeviceState;

typedef enum BlockErrorAction {
    BLOCK_ERROR_ACTION_IGNORE,
    BLOCK_ERROR_ACTION_REPORT,
    BLOCK_ERROR_ACTION_STOP,
    BLOCK_ERROR_ACTION__MAX,
} BlockErrorAction;

typedef enum BlockDeviceIoStatus {
    BLOCK_DEVICE_IO_STATUS_OK,
    BLOCK_DEVICE_IO_STATUS_FAILED,
    BLOCK_DEVICE_IO_STATUS_NOSPACE,
    BLOCK_DEVICE_IO_STATUS__MAX,
} BlockDeviceIoStatus;

/* Callbacks a device registers for removable media and resizes. */
typedef struct BlockDevOps {
    /* Media changed: load true = new medium inserted / tray closed. */
    void (*change_media_cb)(void *opaque, bool load, Error **errp);
    /* Eject requested (force = eject even if locked). */
    void (*eject_request_cb)(void *opaque, bool force);
    bool (*is_tray_open)(void *opaque);
    bool (*is_medium_locked)(void *opaque);
    void (*resize_cb)(void *opaque);
    void (*drained_begin)(void *opaque);
    void (*drained_end)(void *opaque);
} BlockDevOps;

/* Permissions (BLK_PERM_*) are in block/block.h. */
BlockBackend *blk_new(AioContext *ctx, uint64_t perm, uint64_t shared_perm);
BlockBackend *blk_new_open(const char *filename, const char *reference,
                           QDict *options, int flags, Error **errp);
int blk_insert_bs(BlockBackend *blk, BlockDriverState *bs, Error **errp);
void blk_remove_bs(BlockBackend *blk);
void blk_ref(BlockBackend *blk);
void blk_unref(BlockBackend *blk);
void blk_remove_all_bs(void);
bool monitor_add_blk(BlockBackend *blk, const char *name, Error **errp);
void monitor_remove_blk(BlockBackend *blk);

BlockBackend *blk_by_name(const char *name);
const char *blk_name(const BlockBackend *blk);
BlockBackend *blk_next(BlockBackend *blk);      /* named (monitor) ones */
BlockBackend *blk_all_next(BlockBackend *blk);  /* every BlockBackend */
BlockDriverState *blk_bs(BlockBackend *blk);
DriveInfo *blk_legacy_dinfo(BlockBackend *blk);
DriveInfo *blk_set_legacy_dinfo(BlockBackend *blk, DriveInfo *dinfo);
BlockBackend *blk_by_legacy_dinfo(DriveInfo *dinfo);
BlockBackend *blk_by_dev(void *dev);

int blk_attach_dev(BlockBackend *blk, DeviceState *dev);
void blk_detach_dev(BlockBackend *blk, DeviceState *dev);
DeviceState *blk_get_attached_dev(BlockBackend *blk);
char *blk_get_attached_dev_id(BlockBackend *blk);
void blk_set_dev_ops(BlockBackend *blk, const BlockDevOps *ops, void *opaque);
bool blk_dev_has_removable_media(BlockBackend *blk);
bool blk_dev_is_tray_open(BlockBackend *blk);
bool blk_dev_is_medium_locked(BlockBackend *blk);
void blk_dev_change_media_cb(BlockBackend *blk, bool load, Error **errp);

/* Sizes: bytes / 512-byte sectors. */
int64_t blk_getlength(BlockBackend *blk);
void blk_get_geometry(BlockBackend *blk, uint64_t *nb_sectors_ptr);
int64_t blk_nb_sectors(BlockBackend *blk);
int blk_truncate(BlockBackend *blk, int64_t offset, bool exact,
                 PreallocMode prealloc, BdrvRequestFlags flags, Error **errp);

/* Synchronous I/O; 0 on success (blk_pread/blk_pwrite too, as in 7.2). */
int blk_pread(BlockBackend *blk, int64_t offset, int64_t bytes, void *buf,
              BdrvRequestFlags flags);
int blk_pwrite(BlockBackend *blk, int64_t offset, int64_t bytes,
               const void *buf, BdrvRequestFlags flags);
int blk_preadv(BlockBackend *blk, int64_t offset, int64_t bytes,
               QEMUIOVector *qiov, BdrvRequestFlags flags);
int blk_pwritev(BlockBackend *blk, int64_t offset, int64_t bytes,
                QEMUIOVector *qiov, BdrvRequestFlags flags);
int blk_pwrite_zeroes(BlockBackend *blk, int64_t offset, int64_t bytes,
                      BdrvRequestFlags flags);
int blk_pwrite_compressed(BlockBackend *blk, int64_t offset, int64_t bytes,
                          const void *buf);
int blk_pdiscard(BlockBackend *blk, int64_t offset, int64_t bytes);
int blk_flush(BlockBackend *blk);

/* Asynchronous I/O: cb(opaque, ret) later on the main loop, ret 0 or -errno. */
BlockAIOCB *blk_aio_preadv(BlockBackend *blk, int64_t offset,
                           QEMUIOVector *qiov, BdrvRequestFlags flags,
                           BlockCompletionFunc *cb, void *opaque);
BlockAIOCB *blk_aio_pwritev(BlockBackend *blk, int64_t offset,
                            QEMUIOVector *qiov, BdrvRequestFlags flags,
                            BlockCompletionFunc *cb, void *opaque);
BlockAIOCB *blk_aio_flush(BlockBackend *blk,
                          BlockCompletionFunc *cb, void *opaque);
BlockAIOCB *blk_aio_pdiscard(BlockBackend *blk, int64_t offset, int64_t bytes,
                             BlockCompletionFunc *cb, void *opaque);
BlockAIOCB *blk_aio_pwrite_zeroes(BlockBackend *blk, int64_t offset,
                                  int64_t bytes, BdrvRequestFlags flags,
                                  BlockCompletionFunc *cb, void *opaque);
/* Cancelling only detaches: the callback still runs (with its result). */
void blk_aio_cancel(BlockAIOCB *acb);
void blk_aio_cancel_async(BlockAIOCB *acb);
/*
 * kvmemu extension for programs without a main loop (qemu-img): runs the
 * callbacks of finished requests; with @blocking waits for one first if
 * any request is in flight.  True if a callback ran.
 */
bool blk_aio_poll(bool blocking);
/* Waits until no request of @blk is in flight, running callbacks. */
void blk_drain(BlockBackend *blk);
void blk_drain_all(void);

/* State. */
bool blk_is_read_only(BlockBackend *blk);
bool blk_is_writable(BlockBackend *blk);
bool blk_supports_write_perm(BlockBackend *blk);
bool blk_is_sg(BlockBackend *blk);
bool blk_is_inserted(BlockBackend *blk);
bool blk_is_available(BlockBackend *blk);
bool blk_enable_write_cache(BlockBackend *blk);
void blk_set_enable_write_cache(BlockBackend *blk, bool wce);
void blk_lock_medium(BlockBackend *blk, bool locked);
void blk_eject(BlockBackend *blk, bool eject_flag);
int blk_get_flags(BlockBackend *blk);
uint32_t blk_get_request_alignment(BlockBackend *blk);
uint32_t blk_get_max_transfer(BlockBackend *blk);
int blk_get_max_iov(BlockBackend *blk);
void blk_set_guest_block_size(BlockBackend *blk, int align);
void *blk_try_blockalign(BlockBackend *blk, size_t size);
void *blk_blockalign(BlockBackend *blk, size_t size);
AioContext *blk_get_aio_context(BlockBackend *blk);
int blk_set_aio_context(BlockBackend *blk, AioContext *new_context,
                        Error **errp);

/* Error policy (werror=/rerror=). */
void blk_set_on_error(BlockBackend *blk, BlockdevOnError on_read_error,
                      BlockdevOnError on_write_error);
BlockdevOnError blk_get_on_error(BlockBackend *blk, bool is_read);
BlockErrorAction blk_get_error_action(BlockBackend *blk, bool is_read,
                                      int error);
/* Records the error (iostatus; stops the VM for "stop" via a hook). */
void blk_error_action(BlockBackend *blk, BlockErrorAction action,
                      bool is_read, int error);
void blk_iostatus_enable(BlockBackend *blk);
bool blk_iostatus_is_enabled(const BlockBackend *blk);
BlockDeviceIoStatus blk_iostatus(const BlockBackend *blk);
void blk_iostatus_reset(BlockBackend *blk);
void blk_iostatus_set_err(BlockBackend *blk, int error);
/* Called by blk_error_action(.., STOP, ..); the emulator sets it to stop the VM. */
extern void (*blk_stop_vm_hook)(void);
/*
 * Emits QMP BLOCK_IO_ERROR for blk_error_action(); installed by
 * block/qapi.c, which only the emulator links (qemu-img has no monitor).
 */
extern void (*blk_io_error_event_hook)(BlockBackend *blk, bool is_read,
                                       BlockErrorAction action, int error);

/* Accounting. */
BlockAcctStats *blk_get_stats(BlockBackend *blk);

#endif
