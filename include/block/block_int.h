/*
 * Block layer internals: BlockDriver, BlockDriverState, BdrvChild.
 *
 * A driver's I/O callbacks are called from any thread (BlockBackend's
 * workers or the caller of a synchronous blk_*() function) and may block.
 * A driver with shared metadata protects it with its own lock.
 */
#ifndef BLOCK_INT_H
#define BLOCK_INT_H

#include "block/block.h"
#include "qemu/queue.h"
#include "qemu/thread.h"
#include "qemu/option.h"

typedef enum BdrvChildRole {
    BDRV_CHILD_FILE     = 1,    /* the protocol node under a format */
    BDRV_CHILD_BACKING  = 2,    /* copy-on-write backing image */
    BDRV_CHILD_DATA     = 4,
} BdrvChildRole;

struct BdrvChild {
    BlockDriverState *bs;
    BlockDriverState *parent;   /* NULL when owned by a BlockBackend */
    char *name;                 /* "file", "backing" */
    BdrvChildRole role;
};

struct BlockDriver {
    const char *format_name;
    int instance_size;
    bool is_format;             /* false: protocol driver (file, null-co) */
    const char *protocol_name;  /* "file" for file:foo filenames */
    bool supports_backing;
    bool is_filter;

    /* Score 0-100 for the image's first bytes (format probing). */
    int (*bdrv_probe)(const uint8_t *buf, int buf_size, const char *filename);
    /* @options holds this node's remaining keys; consume what is used. */
    int (*bdrv_open)(BlockDriverState *bs, QDict *options, int flags,
                     Error **errp);
    void (*bdrv_close)(BlockDriverState *bs);

    int (*bdrv_preadv)(BlockDriverState *bs, int64_t offset, int64_t bytes,
                       QEMUIOVector *qiov, BdrvRequestFlags flags);
    int (*bdrv_pwritev)(BlockDriverState *bs, int64_t offset, int64_t bytes,
                        QEMUIOVector *qiov, BdrvRequestFlags flags);
    int (*bdrv_pwritev_compressed)(BlockDriverState *bs, int64_t offset,
                                   int64_t bytes, QEMUIOVector *qiov);
    int (*bdrv_pwrite_zeroes)(BlockDriverState *bs, int64_t offset,
                              int64_t bytes, BdrvRequestFlags flags);
    int (*bdrv_pdiscard)(BlockDriverState *bs, int64_t offset, int64_t bytes);
    /* Write back driver caches to the child (format drivers). */
    int (*bdrv_flush_to_os)(BlockDriverState *bs);
    /* Make data stable on storage (protocol drivers). */
    int (*bdrv_flush_to_disk)(BlockDriverState *bs);
    int (*bdrv_truncate)(BlockDriverState *bs, int64_t offset, bool exact,
                         PreallocMode prealloc, BdrvRequestFlags flags,
                         Error **errp);
    int64_t (*bdrv_getlength)(BlockDriverState *bs);
    int64_t (*bdrv_get_allocated_file_size)(BlockDriverState *bs);
    int (*bdrv_block_status)(BlockDriverState *bs, int64_t offset,
                             int64_t bytes, int64_t *pnum, int64_t *map,
                             BlockDriverState **file);
    int (*bdrv_get_info)(BlockDriverState *bs, BlockDriverInfo *bdi);
    /* Adds "format-specific" data for qemu-img info (a QDict). */
    QDict *(*bdrv_get_specific_info)(BlockDriverState *bs, Error **errp);
    int (*bdrv_check)(BlockDriverState *bs, BdrvCheckResult *result,
                      BdrvCheckMode fix);
    int (*bdrv_make_empty)(BlockDriverState *bs);
    int (*bdrv_change_backing_file)(BlockDriverState *bs,
                                    const char *backing_file,
                                    const char *backing_fmt);
    int (*bdrv_amend_options)(BlockDriverState *bs, QemuOpts *opts,
                              bool force, Error **errp);

    int (*bdrv_create)(BlockDriver *drv, const char *filename,
                       QemuOpts *opts, Error **errp);
    QemuOptsList *create_opts;
    QemuOptsList *amend_opts;

    int (*bdrv_snapshot_create)(BlockDriverState *bs,
                                QEMUSnapshotInfo *sn_info);
    int (*bdrv_snapshot_goto)(BlockDriverState *bs, const char *snapshot_id,
                              Error **errp);
    int (*bdrv_snapshot_delete)(BlockDriverState *bs, const char *snapshot_id,
                                const char *name, Error **errp);
    int (*bdrv_snapshot_list)(BlockDriverState *bs,
                              QEMUSnapshotInfo **psn_info);

    /* Applies the permissions parents take (file locks in file-posix). */
    int (*bdrv_set_perm)(BlockDriverState *bs, uint64_t perm, uint64_t shared,
                         Error **errp);

    QLIST_ENTRY(BlockDriver) list;
};

struct BlockDriverState {
    BlockDriver *drv;
    void *opaque;               /* driver state, instance_size bytes */
    int open_flags;             /* BDRV_O_* */
    bool read_only;
    bool encrypted;
    bool probed_raw;
    int refcnt;
    char node_name[32];
    bool auto_node_name;
    char filename[4096];        /* the file this node reads */
    char exact_filename[4096];
    char backing_file[1024];    /* as stored in the image header */
    char backing_format[16];
    char auto_backing_file[4096];
    QDict *options;             /* options the node was opened with */
    QDict *full_open_options;

    BdrvChild *file;
    BdrvChild *backing;

    /* Limits. */
    uint32_t request_alignment; /* bytes, power of two */
    size_t opt_mem_alignment;   /* buffer alignment for O_DIRECT */
    int64_t max_transfer;
    bool has_zero_init;         /* new areas read as zeroes */

    int detect_zeroes;          /* BlockdevDetectZeroesOptions */
    uint64_t perm, shared_perm; /* what parents take from this node */
    bool monitor_owned;         /* -blockdev / blockdev-add */
    bool warned_probe;

    QTAILQ_ENTRY(BlockDriverState) node_list;
    QTAILQ_ENTRY(BlockDriverState) monitor_list;
};

extern QemuOptsList bdrv_runtime_opts;

/* Parent-side helper for drivers that open a child ("file", "backing"). */
BdrvChild *bdrv_open_child(const char *filename, QDict *options,
                           const char *bdref_key, BlockDriverState *parent,
                           BdrvChildRole role, bool allow_none, Error **errp);
BdrvChild *bdrv_attach_child(BlockDriverState *parent,
                             BlockDriverState *child, const char *name,
                             BdrvChildRole role);
void bdrv_unref_child(BlockDriverState *parent, BdrvChild *child);
int bdrv_open_backing_file(BlockDriverState *bs, QDict *parent_options,
                           const char *bdref_key, Error **errp);
/* Recomputes perm/shared of @bs's subtree and applies file locks. */
int bdrv_refresh_perms(BlockDriverState *bs, uint64_t perm, uint64_t shared,
                       Error **errp);
void bdrv_get_full_backing_filename(BlockDriverState *bs, char *dest, size_t sz,
                                    Error **errp);
char *bdrv_get_full_backing_filename_from_filename(const char *backed,
                                                   const char *backing,
                                                   Error **errp);
/* Reads from @bs as its parent would (backing fallback for formats). */
int bdrv_child_preadv(BlockDriverState *bs, int64_t offset, int64_t bytes,
                      QEMUIOVector *qiov, BdrvRequestFlags flags);

/* -blockdev nodes: the monitor holds a reference until blockdev-del. */
void bdrv_add_monitor_owned(BlockDriverState *bs);
void bdrv_remove_monitor_owned(BlockDriverState *bs);

/* Option helpers: take @key out of @opts (string or native value). */
char *bdrv_take_str(QDict *opts, const char *key);
bool bdrv_take_bool(QDict *opts, const char *key, bool def, Error **errp);
int64_t bdrv_take_size(QDict *opts, const char *key, int64_t def,
                       Error **errp);
/* Error for every option left in @opts (not consumed by the driver). */
bool bdrv_check_leftover(BlockDriverState *bs, QDict *opts, Error **errp);
/* Probes @buf against every registered format; NULL for none. */
BlockDriver *bdrv_probe_format(const uint8_t *buf, int buf_size,
                               const char *filename, int *score);

#endif
