/*
 * Block layer: node graph API (BlockDriverState, bdrv_*).
 *
 * Nodes are opened from a QDict of options (QEMU's -blockdev / -drive
 * keys).  Node I/O functions (bdrv_preadv ...) are blocking and thread-
 * safe; BlockBackend runs them in worker threads for the asynchronous API.
 */
#ifndef BLOCK_BLOCK_H
#define BLOCK_BLOCK_H

#include "qemu/iov.h"
#include "block/aio.h"

typedef struct BlockDriver BlockDriver;
typedef struct BlockDriverState BlockDriverState;
typedef struct BdrvChild BdrvChild;

typedef enum {
    BDRV_REQ_COPY_ON_READ   = 0x1,
    BDRV_REQ_ZERO_WRITE     = 0x2,
    BDRV_REQ_MAY_UNMAP      = 0x4,
    BDRV_REQ_FUA            = 0x10,
    BDRV_REQ_WRITE_COMPRESSED = 0x20,
    BDRV_REQ_WRITE_UNCHANGED = 0x40,
    BDRV_REQ_SERIALISING    = 0x80,
    BDRV_REQ_NO_FALLBACK    = 0x100,
    BDRV_REQ_PREFETCH       = 0x200,
    BDRV_REQ_REGISTERED_BUF = 0x400,
    BDRV_REQ_MASK           = 0x7ff,
} BdrvRequestFlags;

typedef enum PreallocMode {
    PREALLOC_MODE_OFF,
    PREALLOC_MODE_METADATA,
    PREALLOC_MODE_FALLOC,
    PREALLOC_MODE_FULL,
    PREALLOC_MODE__MAX,
} PreallocMode;
extern const char *const PreallocMode_names[];
int prealloc_mode_from_str(const char *s);   /* -1 when unknown */

typedef enum BlockdevDetectZeroesOptions {
    BLOCKDEV_DETECT_ZEROES_OPTIONS_OFF,
    BLOCKDEV_DETECT_ZEROES_OPTIONS_ON,
    BLOCKDEV_DETECT_ZEROES_OPTIONS_UNMAP,
    BLOCKDEV_DETECT_ZEROES_OPTIONS__MAX,
} BlockdevDetectZeroesOptions;

/* Open flags. */
#define BDRV_O_NO_SHARE    0x0001 /* don't share permissions */
#define BDRV_O_RDWR        0x0002
#define BDRV_O_RESIZE      0x0004 /* request permission for resizing the node */
#define BDRV_O_SNAPSHOT    0x0008 /* open the file read only and save writes in a snapshot */
#define BDRV_O_TEMPORARY   0x0010 /* delete the file after use */
#define BDRV_O_NOCACHE     0x0020 /* host side cache bypass (O_DIRECT) */
#define BDRV_O_NATIVE_AIO  0x0080
#define BDRV_O_NO_BACKING  0x0100 /* don't open the backing file */
#define BDRV_O_NO_FLUSH    0x0200 /* cache=unsafe: flushes are no-ops */
#define BDRV_O_COPY_ON_READ 0x0400
#define BDRV_O_INACTIVE    0x0800
#define BDRV_O_CHECK       0x1000 /* open solely for consistency check */
#define BDRV_O_ALLOW_RDWR  0x2000
#define BDRV_O_UNMAP       0x4000 /* discard=unmap */
#define BDRV_O_PROTOCOL    0x8000 /* the filename is a protocol node */
#define BDRV_O_NO_IO       0x10000 /* open without doing I/O (qemu-img create) */
#define BDRV_O_AUTO_RDONLY 0x20000
#define BDRV_O_IO_URING    0x40000
#define BDRV_O_CACHE_MASK  (BDRV_O_NOCACHE | BDRV_O_NO_FLUSH)

/* Option names shared by -drive and -blockdev. */
#define BDRV_OPT_CACHE_WB       "cache.writeback"
#define BDRV_OPT_CACHE_DIRECT   "cache.direct"
#define BDRV_OPT_CACHE_NO_FLUSH "cache.no-flush"
#define BDRV_OPT_READ_ONLY      "read-only"
#define BDRV_OPT_AUTO_READ_ONLY "auto-read-only"
#define BDRV_OPT_DISCARD        "discard"
#define BDRV_OPT_FORCE_SHARE    "force-share"

/* Permissions (bit numbers give the lock byte offsets in file-posix). */
enum {
    BLK_PERM_CONSISTENT_READ = 0x01,
    BLK_PERM_WRITE           = 0x02,
    BLK_PERM_WRITE_UNCHANGED = 0x04,
    BLK_PERM_RESIZE          = 0x08,
    BLK_PERM_ALL             = 0x0f,
    DEFAULT_PERM_PASSTHROUGH = BLK_PERM_CONSISTENT_READ | BLK_PERM_WRITE |
                               BLK_PERM_WRITE_UNCHANGED | BLK_PERM_RESIZE,
    DEFAULT_PERM_UNCHANGED   = BLK_PERM_ALL & ~DEFAULT_PERM_PASSTHROUGH,
};
const char *bdrv_perm_name(uint64_t perm);   /* "write", "consistent read" */

#define BDRV_SECTOR_BITS   9
#define BDRV_SECTOR_SIZE   (1ULL << BDRV_SECTOR_BITS)
#define BDRV_REQUEST_MAX_BYTES  (1LL << 31) - 4096   /* INT_MAX rounded */

/* bdrv_block_status() result bits. */
#define BDRV_BLOCK_DATA         0x01
#define BDRV_BLOCK_ZERO         0x02
#define BDRV_BLOCK_OFFSET_VALID 0x04
#define BDRV_BLOCK_RAW          0x08
#define BDRV_BLOCK_ALLOCATED    0x10
#define BDRV_BLOCK_EOF          0x20
#define BDRV_BLOCK_RECURSE      0x40
#define BDRV_BLOCK_COMPRESSED   0x80

typedef struct BlockDriverInfo {
    int cluster_size;
    int64_t vm_state_offset;
    bool is_dirty;
} BlockDriverInfo;

typedef enum {
    BDRV_FIX_LEAKS  = 1,
    BDRV_FIX_ERRORS = 2,
} BdrvCheckMode;

typedef struct BdrvCheckResult {
    int corruptions;
    int leaks;
    int check_errors;
    int corruptions_fixed;
    int leaks_fixed;
    int64_t image_end_offset;
    int64_t allocated_clusters;
    int64_t total_clusters;
    int64_t fragmented_clusters;
    int64_t compressed_clusters;
} BdrvCheckResult;

typedef struct QEMUSnapshotInfo {
    char id_str[128];
    char name[256];
    uint64_t vm_state_size;
    uint32_t date_sec;
    uint32_t date_nsec;
    uint64_t vm_clock_nsec;
    uint64_t icount;  /* -1 when absent */
} QEMUSnapshotInfo;

void bdrv_init(void);
extern bool bdrv_warn_probed_raw;
BlockDriver *bdrv_find_format(const char *format_name);
BlockDriver *bdrv_find_protocol(const char *filename, bool allow_protocol_prefix,
                                Error **errp);
void bdrv_register(BlockDriver *bdrv);
void bdrv_iterate_format(void (*it)(void *opaque, const char *name),
                         void *opaque, bool read_only);
const char *bdrv_get_format_name(BlockDriverState *bs);

/*
 * Opens a node (and its children).  @options is consumed (unref'd);
 * @filename may be NULL when the options name everything.
 */
BlockDriverState *bdrv_open(const char *filename, const char *reference,
                            QDict *options, int flags, Error **errp);
BlockDriverState *bdrv_find_node(const char *node_name);
BlockDriverState *bdrv_next_all_node(BlockDriverState *bs);
BlockDriverState *bdrv_next_monitor_owned(BlockDriverState *bs);
void bdrv_ref(BlockDriverState *bs);
void bdrv_unref(BlockDriverState *bs);
void bdrv_close_all(void);
int bdrv_parse_cache_mode(const char *mode, int *flags, bool *writethrough);
int bdrv_parse_discard_flags(const char *mode, int *flags);
int bdrv_create(BlockDriver *drv, const char *filename, QemuOpts *opts,
                Error **errp);
int bdrv_create_file(const char *filename, QemuOpts *opts, Error **errp);
QemuOptsList *bdrv_create_opts_for(BlockDriver *drv);  /* format + file */
void bdrv_img_create(const char *filename, const char *fmt,
                     const char *base_filename, const char *base_fmt,
                     char *options, uint64_t img_size, int flags,
                     bool quiet, Error **errp);

/* Blocking, thread-safe node I/O.  Return 0 or -errno. */
int bdrv_preadv(BdrvChild *child, int64_t offset, int64_t bytes,
                QEMUIOVector *qiov, BdrvRequestFlags flags);
int bdrv_pwritev(BdrvChild *child, int64_t offset, int64_t bytes,
                 QEMUIOVector *qiov, BdrvRequestFlags flags);
int bdrv_pread(BdrvChild *child, int64_t offset, int64_t bytes, void *buf,
               BdrvRequestFlags flags);
int bdrv_pwrite(BdrvChild *child, int64_t offset, int64_t bytes,
                const void *buf, BdrvRequestFlags flags);
int bdrv_pwrite_sync(BdrvChild *child, int64_t offset, int64_t bytes,
                     const void *buf, BdrvRequestFlags flags);
int bdrv_pwrite_zeroes(BdrvChild *child, int64_t offset, int64_t bytes,
                       BdrvRequestFlags flags);
int bdrv_pdiscard(BdrvChild *child, int64_t offset, int64_t bytes);
int bdrv_flush(BlockDriverState *bs);
int bdrv_truncate(BdrvChild *child, int64_t offset, bool exact,
                  PreallocMode prealloc, BdrvRequestFlags flags, Error **errp);
int64_t bdrv_getlength(BlockDriverState *bs);
int64_t bdrv_nb_sectors(BlockDriverState *bs);
int64_t bdrv_get_allocated_file_size(BlockDriverState *bs);
int bdrv_block_status(BlockDriverState *bs, int64_t offset, int64_t bytes,
                      int64_t *pnum, int64_t *map, BlockDriverState **file);
int bdrv_is_allocated(BlockDriverState *bs, int64_t offset, int64_t bytes,
                      int64_t *pnum);
int bdrv_get_info(BlockDriverState *bs, BlockDriverInfo *bdi);
int bdrv_check(BlockDriverState *bs, BdrvCheckResult *res, BdrvCheckMode fix);
bool bdrv_is_read_only(BlockDriverState *bs);
bool bdrv_is_writable(BlockDriverState *bs);
BlockDriverState *bdrv_backing_bs(BlockDriverState *bs);   /* or NULL */
BlockDriverState *bdrv_file_bs(BlockDriverState *bs);      /* or NULL */
const char *bdrv_get_node_name(const BlockDriverState *bs);
const char *bdrv_get_device_or_node_name(const BlockDriverState *bs);
int bdrv_change_backing_file(BlockDriverState *bs, const char *backing_file,
                             const char *backing_fmt, bool warn);
int bdrv_make_empty(BdrvChild *c, Error **errp);
int bdrv_amend_options(BlockDriverState *bs, QemuOpts *opts, bool force,
                       Error **errp);

/* Internal snapshots. */
int bdrv_snapshot_create(BlockDriverState *bs, QEMUSnapshotInfo *sn_info);
int bdrv_snapshot_goto(BlockDriverState *bs, const char *snapshot_id,
                       Error **errp);
int bdrv_snapshot_delete(BlockDriverState *bs, const char *snapshot_id,
                         const char *name, Error **errp);
int bdrv_snapshot_list(BlockDriverState *bs, QEMUSnapshotInfo **psn_info);
bool bdrv_snapshot_find(BlockDriverState *bs, QEMUSnapshotInfo *sn_info,
                        const char *name_or_id);

void *qemu_blockalign(BlockDriverState *bs, size_t size);
void *qemu_try_blockalign(BlockDriverState *bs, size_t size);
size_t bdrv_opt_mem_align(BlockDriverState *bs);

#endif
