/*
 * Protocol driver "file": a host file or block device.
 *
 * I/O is positional (preadv/pwritev) from the calling worker thread, or
 * through a per-thread io_uring when aio=io_uring.  cache.direct=on opens
 * with O_DIRECT; buffers and requests that are not aligned for it are
 * bounced here (memory) and in io.c (offsets).  Image locking follows
 * QEMU's byte layout so that QEMU and kvmemu see each other's locks:
 * byte 100+bit is read-locked for every permission bit we take, byte
 * 200+bit for every permission bit we refuse to share (OFD locks).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/module.h"
#include "qemu/cutils.h"
#include "qemu/memalign.h"
#include "qemu/oslib.h"
#include "qemu/option.h"
#include "qapi/qmp/qdict.h"
#include "block/block_int.h"
#include <sys/ioctl.h>
#include <linux/fs.h>
#include <linux/falloc.h>
#ifdef CONFIG_LINUX_IO_URING
#include <liburing.h>
#endif
#ifdef CONFIG_LINUX_AIO
#include <libaio.h>
#endif

#define RAW_LOCK_PERM_BASE   100
#define RAW_LOCK_SHARED_BASE 200

typedef enum {
    FILE_AIO_THREADS,
    FILE_AIO_NATIVE,
    FILE_AIO_IO_URING,
} FileAioMode;

typedef struct BDRVRawState {
    int fd;
    bool use_lock;
    bool is_bdev;
    bool has_fallocate;
    FileAioMode aio;
    uint64_t locked_perm;
    uint64_t locked_shared_perm;
    GMutex lock_mutex;
} BDRVRawState;

/* Locks */

static int raw_lock_byte(int fd, int64_t off, bool lock)
{
    struct flock fl = {
        .l_whence = SEEK_SET,
        .l_start = off,
        .l_len = 1,
        .l_type = lock ? F_RDLCK : F_UNLCK,
    };

    return fcntl(fd, F_OFD_SETLK, &fl) == -1 ? -errno : 0;
}

/* 1 when another open file description holds a lock on byte @off. */
static int raw_byte_locked_by_other(int fd, int64_t off)
{
    struct flock fl = {
        .l_whence = SEEK_SET,
        .l_start = off,
        .l_len = 1,
        .l_type = F_WRLCK,
    };

    if (fcntl(fd, F_OFD_GETLK, &fl) == -1) {
        return -errno;
    }
    return fl.l_type != F_UNLCK;
}

static int raw_check_lock_bytes(int fd, const char *filename, uint64_t perm,
                                uint64_t shared_perm, Error **errp)
{
    int i, r;

    for (i = 0; i < 4; i++) {
        uint64_t bit = 1ULL << i;

        if (perm & bit) {
            r = raw_byte_locked_by_other(fd, RAW_LOCK_SHARED_BASE + i);
            if (r) {
                error_setg(errp, "Failed to get \"%s\" lock",
                           bdrv_perm_name(bit));
                error_append_hint(errp, "Is another process using the image "
                                  "[%s]?\n", filename);
                return -EAGAIN;
            }
        }
        if (!(shared_perm & bit)) {
            r = raw_byte_locked_by_other(fd, RAW_LOCK_PERM_BASE + i);
            if (r) {
                error_setg(errp, "Failed to get shared \"%s\" lock",
                           bdrv_perm_name(bit));
                error_append_hint(errp, "Is another process using the image "
                                  "[%s]?\n", filename);
                return -EAGAIN;
            }
        }
    }
    return 0;
}

static int raw_apply_lock_bytes(int fd, uint64_t perm, uint64_t unshared)
{
    int i, r;

    for (i = 0; i < 4; i++) {
        r = raw_lock_byte(fd, RAW_LOCK_PERM_BASE + i, perm & (1ULL << i));
        if (r < 0) {
            return r;
        }
        r = raw_lock_byte(fd, RAW_LOCK_SHARED_BASE + i,
                          unshared & (1ULL << i));
        if (r < 0) {
            return r;
        }
    }
    return 0;
}

static int raw_set_perm(BlockDriverState *bs, uint64_t perm, uint64_t shared,
                        Error **errp)
{
    BDRVRawState *s = bs->opaque;
    int ret;

    if (!s->use_lock) {
        return 0;
    }
    /* Take our locks first, then check for conflicting holders. */
    ret = raw_apply_lock_bytes(s->fd, perm, ~shared & BLK_PERM_ALL);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Failed to lock byte");
        return ret;
    }
    ret = raw_check_lock_bytes(s->fd, bs->filename, perm, shared, errp);
    if (ret < 0) {
        raw_apply_lock_bytes(s->fd, s->locked_perm,
                             ~s->locked_shared_perm & BLK_PERM_ALL);
        return ret;
    }
    s->locked_perm = perm;
    s->locked_shared_perm = shared;
    return 0;
}

/* io_uring: one ring per worker thread, one request in flight each. */

#ifdef CONFIG_LINUX_IO_URING
static __thread struct io_uring *thread_ring;
static __thread bool thread_ring_failed;

static struct io_uring *get_thread_ring(void)
{
    if (!thread_ring && !thread_ring_failed) {
        struct io_uring *r = g_new0(struct io_uring, 1);

        if (io_uring_queue_init(8, r, 0) < 0) {
            g_free(r);
            thread_ring_failed = true;
        } else {
            thread_ring = r;
        }
    }
    return thread_ring;
}

static ssize_t uring_rw(int fd, struct iovec *iov, int niov, int64_t off,
                        bool write)
{
    struct io_uring *r = get_thread_ring();
    struct io_uring_sqe *sqe;
    struct io_uring_cqe *cqe;
    int ret;

    if (!r) {
        return write ? pwritev(fd, iov, niov, off) : preadv(fd, iov, niov, off);
    }
    sqe = io_uring_get_sqe(r);
    if (write) {
        io_uring_prep_writev(sqe, fd, iov, niov, off);
    } else {
        io_uring_prep_readv(sqe, fd, iov, niov, off);
    }
    ret = io_uring_submit_and_wait(r, 1);
    if (ret < 0) {
        errno = -ret;
        return -1;
    }
    ret = io_uring_wait_cqe(r, &cqe);
    if (ret < 0) {
        errno = -ret;
        return -1;
    }
    ret = cqe->res;
    io_uring_cqe_seen(r, cqe);
    if (ret < 0) {
        errno = -ret;
        return -1;
    }
    return ret;
}
#endif

#ifdef CONFIG_LINUX_AIO
/* aio=native: one Linux AIO context per worker thread. */
static __thread io_context_t thread_aio_ctx;
static __thread bool thread_aio_failed;

static ssize_t linux_aio_rw(int fd, struct iovec *iov, int niov, int64_t off,
                            bool write)
{
    struct iocb cb, *cbs[1] = { &cb };
    struct io_event ev;
    int ret;

    if (!thread_aio_ctx && !thread_aio_failed &&
        io_setup(8, &thread_aio_ctx) < 0) {
        thread_aio_failed = true;
    }
    if (thread_aio_failed) {
        return write ? pwritev(fd, iov, niov, off) : preadv(fd, iov, niov, off);
    }
    if (write) {
        io_prep_pwritev(&cb, fd, iov, niov, off);
    } else {
        io_prep_preadv(&cb, fd, iov, niov, off);
    }
    ret = io_submit(thread_aio_ctx, 1, cbs);
    if (ret != 1) {
        errno = ret < 0 ? -ret : EIO;
        return -1;
    }
    do {
        ret = io_getevents(thread_aio_ctx, 1, 1, &ev, NULL);
    } while (ret == -EINTR);
    if (ret != 1) {
        errno = ret < 0 ? -ret : EIO;
        return -1;
    }
    if ((long)ev.res < 0) {
        errno = -(long)ev.res;
        return -1;
    }
    return ev.res;
}
#endif

static ssize_t do_rw(BDRVRawState *s, struct iovec *iov, int niov,
                     int64_t off, bool write)
{
#ifdef CONFIG_LINUX_AIO
    if (s->aio == FILE_AIO_NATIVE) {
        return linux_aio_rw(s->fd, iov, niov, off, write);
    }
#endif
#ifdef CONFIG_LINUX_IO_URING
    if (s->aio == FILE_AIO_IO_URING) {
        return uring_rw(s->fd, iov, niov, off, write);
    }
#endif
    return write ? pwritev(s->fd, iov, niov, off)
                 : preadv(s->fd, iov, niov, off);
}

static bool qiov_is_aligned(BlockDriverState *bs, QEMUIOVector *qiov)
{
    size_t a = bs->opt_mem_alignment;
    int i;

    for (i = 0; i < qiov->niov; i++) {
        if ((uintptr_t)qiov->iov[i].iov_base % a ||
            qiov->iov[i].iov_len % bs->request_alignment) {
            return false;
        }
    }
    return true;
}

static int raw_rw(BlockDriverState *bs, int64_t offset, int64_t bytes,
                  QEMUIOVector *qiov, bool write)
{
    BDRVRawState *s = bs->opaque;
    QEMUIOVector local;
    uint8_t *bounce = NULL;
    struct iovec *iov;
    int niov, ret = 0;
    int64_t done = 0;

    if ((bs->open_flags & BDRV_O_NOCACHE) && !qiov_is_aligned(bs, qiov)) {
        bounce = qemu_try_blockalign(bs, bytes);
        if (!bounce) {
            return -ENOMEM;
        }
        if (write) {
            qemu_iovec_to_buf(qiov, 0, bounce, bytes);
        }
        qemu_iovec_init_buf(&local, bounce, bytes);
    } else {
        qemu_iovec_init_slice(&local, qiov, 0, bytes);
    }
    iov = local.iov;
    niov = local.niov;
    while (done < bytes) {
        QEMUIOVector rest;
        ssize_t n;

        if (done == 0) {
            n = do_rw(s, iov, niov, offset, write);
        } else {
            qemu_iovec_init_slice(&rest, &local, done, bytes - done);
            n = do_rw(s, rest.iov, rest.niov, offset + done, write);
            qemu_iovec_destroy(&rest);
        }
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            ret = -errno;
            break;
        }
        if (n == 0) {
            if (write) {
                ret = -EIO;
            } else {
                /* Reading past EOF yields zeroes. */
                qemu_iovec_memset(&local, done, 0, bytes - done);
            }
            break;
        }
        done += n;
    }
    if (bounce) {
        if (!write && ret == 0) {
            qemu_iovec_from_buf(qiov, 0, bounce, bytes);
        }
        qemu_vfree(bounce);
    } else {
        qemu_iovec_destroy(&local);
    }
    return ret;
}

static int raw_preadv(BlockDriverState *bs, int64_t offset, int64_t bytes,
                      QEMUIOVector *qiov, BdrvRequestFlags flags)
{
    return raw_rw(bs, offset, bytes, qiov, false);
}

static int raw_pwritev(BlockDriverState *bs, int64_t offset, int64_t bytes,
                       QEMUIOVector *qiov, BdrvRequestFlags flags)
{
    return raw_rw(bs, offset, bytes, qiov, true);
}

static int raw_flush_to_disk(BlockDriverState *bs)
{
    BDRVRawState *s = bs->opaque;

    return fdatasync(s->fd) < 0 ? -errno : 0;
}

static int raw_pwrite_zeroes(BlockDriverState *bs, int64_t offset,
                             int64_t bytes, BdrvRequestFlags flags)
{
    BDRVRawState *s = bs->opaque;
    int mode;

    if (s->is_bdev) {
        return -ENOTSUP;
    }
    mode = (flags & BDRV_REQ_MAY_UNMAP)
           ? FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE
           : FALLOC_FL_ZERO_RANGE;
    if (fallocate(s->fd, mode, offset, bytes) == 0) {
        return 0;
    }
    if (mode == FALLOC_FL_ZERO_RANGE && errno == EOPNOTSUPP) {
        /* Punching keeps the range readable as zeroes. */
        if (fallocate(s->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
                      offset, bytes) == 0 &&
            fallocate(s->fd, 0, offset, bytes) == 0) {
            return 0;
        }
    }
    return -ENOTSUP;
}

static int raw_pdiscard(BlockDriverState *bs, int64_t offset, int64_t bytes)
{
    BDRVRawState *s = bs->opaque;

    if (s->is_bdev) {
        uint64_t range[2] = { offset, bytes };

        return ioctl(s->fd, BLKDISCARD, range) < 0 ? -errno : 0;
    }
    if (fallocate(s->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
                  offset, bytes) < 0) {
        return errno == EOPNOTSUPP ? -ENOTSUP : -errno;
    }
    return 0;
}

static int64_t raw_getlength(BlockDriverState *bs)
{
    BDRVRawState *s = bs->opaque;
    struct stat st;

    if (s->is_bdev) {
        uint64_t size;

        return ioctl(s->fd, BLKGETSIZE64, &size) < 0 ? -errno : (int64_t)size;
    }
    if (fstat(s->fd, &st) < 0) {
        return -errno;
    }
    return st.st_size;
}

static int64_t raw_get_allocated_file_size(BlockDriverState *bs)
{
    BDRVRawState *s = bs->opaque;
    struct stat st;

    if (fstat(s->fd, &st) < 0) {
        return -errno;
    }
    return (int64_t)st.st_blocks * 512;
}

static int raw_prealloc(int fd, int64_t from, int64_t to, PreallocMode mode,
                        Error **errp)
{
    if (to <= from) {
        return 0;
    }
    if (mode == PREALLOC_MODE_FALLOC) {
        int r = posix_fallocate(fd, from, to - from);

        if (r) {
            error_setg_errno(errp, r, "Could not preallocate new data");
            return -r;
        }
    } else if (mode == PREALLOC_MODE_FULL) {
        g_autofree uint8_t *buf = g_malloc0(1 * MiB);
        int64_t off = from;

        while (off < to) {
            ssize_t n = pwrite(fd, buf, MIN(to - off, 1 * MiB), off);

            if (n < 0) {
                if (errno == EINTR) {
                    continue;
                }
                error_setg_errno(errp, errno, "Could not write zeros for "
                                 "preallocation");
                return -errno;
            }
            off += n;
        }
        if (fsync(fd) < 0) {
            error_setg_errno(errp, errno, "Could not flush file to disk");
            return -errno;
        }
    }
    return 0;
}

static int raw_truncate(BlockDriverState *bs, int64_t offset, bool exact,
                        PreallocMode prealloc, BdrvRequestFlags flags,
                        Error **errp)
{
    BDRVRawState *s = bs->opaque;
    int64_t cur = raw_getlength(bs);

    if (s->is_bdev) {
        if (offset > cur || (exact && offset != cur)) {
            error_setg(errp, "Cannot grow device files");
            return -EINVAL;
        }
        return 0;
    }
    if (prealloc != PREALLOC_MODE_OFF && prealloc != PREALLOC_MODE_FALLOC &&
        prealloc != PREALLOC_MODE_FULL) {
        error_setg(errp, "Unsupported preallocation mode '%s'",
                   PreallocMode_names[prealloc]);
        return -ENOTSUP;
    }
    if (!exact && offset < cur) {
        return 0;
    }
    if (ftruncate(s->fd, offset) < 0) {
        error_setg_errno(errp, errno, "Failed to resize the file");
        return -errno;
    }
    return raw_prealloc(s->fd, cur, offset, prealloc, errp);
}

static int raw_block_status(BlockDriverState *bs, int64_t offset,
                            int64_t bytes, int64_t *pnum, int64_t *map,
                            BlockDriverState **file)
{
    BDRVRawState *s = bs->opaque;
    off_t data, hole;

    *map = offset;
    *file = bs;
    if (s->is_bdev) {
        *pnum = bytes;
        return BDRV_BLOCK_DATA | BDRV_BLOCK_OFFSET_VALID;
    }
    data = lseek(s->fd, offset, SEEK_DATA);
    if (data < 0) {
        if (errno == ENXIO) {
            /* Only a hole up to EOF. */
            *pnum = bytes;
            return BDRV_BLOCK_ZERO | BDRV_BLOCK_OFFSET_VALID;
        }
        *pnum = bytes;
        return BDRV_BLOCK_DATA | BDRV_BLOCK_OFFSET_VALID;
    }
    if (data > offset) {
        *pnum = MIN(bytes, data - offset);
        return BDRV_BLOCK_ZERO | BDRV_BLOCK_OFFSET_VALID;
    }
    hole = lseek(s->fd, offset, SEEK_HOLE);
    if (hole < 0 || hole <= offset) {
        *pnum = bytes;
    } else {
        *pnum = MIN(bytes, hole - offset);
    }
    return BDRV_BLOCK_DATA | BDRV_BLOCK_OFFSET_VALID;
}

static void raw_probe_alignment(BlockDriverState *bs)
{
    BDRVRawState *s = bs->opaque;
    static const uint32_t sizes[] = { 512, 1024, 2048, 4096 };
    uint8_t *buf;
    int i;

    bs->request_alignment = 1;
    bs->opt_mem_alignment = 1;
    if (!(bs->open_flags & BDRV_O_NOCACHE)) {
        return;
    }
    if (s->is_bdev) {
        int sz;

        if (ioctl(s->fd, BLKSSZGET, &sz) == 0 && sz > 0) {
            bs->request_alignment = sz;
            bs->opt_mem_alignment = MAX(sz, 4096);
            return;
        }
    }
    buf = qemu_memalign(4096, 4096);
    bs->request_alignment = 4096;
    for (i = 0; i < ARRAY_SIZE(sizes); i++) {
        if (pread(s->fd, buf, sizes[i], 0) >= 0) {
            bs->request_alignment = sizes[i];
            break;
        }
    }
    qemu_vfree(buf);
    bs->opt_mem_alignment = 4096;
}

static int raw_open(BlockDriverState *bs, QDict *options, int flags,
                    Error **errp)
{
    BDRVRawState *s = bs->opaque;
    g_autofree char *aio = bdrv_take_str(options, "aio");
    g_autofree char *locking = bdrv_take_str(options, "locking");
    int oflags;
    struct stat st;

    if (!bs->filename[0]) {
        error_setg(errp, "Parameter 'filename' is missing");
        return -EINVAL;
    }
    if (g_str_has_prefix(bs->filename, "file:")) {
        memmove(bs->filename, bs->filename + 5, strlen(bs->filename + 5) + 1);
    }
    s->aio = (flags & BDRV_O_IO_URING) ? FILE_AIO_IO_URING
             : (flags & BDRV_O_NATIVE_AIO) ? FILE_AIO_NATIVE : FILE_AIO_THREADS;
    if (aio) {
        if (!strcmp(aio, "threads")) {
            s->aio = FILE_AIO_THREADS;
        } else if (!strcmp(aio, "native")) {
            s->aio = FILE_AIO_NATIVE;
        } else if (!strcmp(aio, "io_uring")) {
            s->aio = FILE_AIO_IO_URING;
        } else {
            error_setg(errp, "Parameter 'aio' does not accept value '%s'",
                       aio);
            return -EINVAL;
        }
    }
    if (s->aio == FILE_AIO_NATIVE) {
        if (!(flags & BDRV_O_NOCACHE)) {
            error_setg(errp, "aio=native was specified, but it requires "
                       "cache.direct=on, which was not specified.");
            return -EINVAL;
        }
#ifndef CONFIG_LINUX_AIO
        error_setg(errp, "aio=native was specified, but is not supported "
                   "in this build.");
        return -EINVAL;
#endif
    }
#ifndef CONFIG_LINUX_IO_URING
    if (s->aio == FILE_AIO_IO_URING) {
        error_setg(errp, "aio=io_uring was specified, but is not supported "
                   "in this build.");
        return -EINVAL;
    }
#endif
    if (!locking || !strcmp(locking, "auto") || !strcmp(locking, "on")) {
        s->use_lock = true;
    } else if (!strcmp(locking, "off")) {
        s->use_lock = false;
    } else {
        error_setg(errp, "Parameter 'locking' does not accept value '%s'",
                   locking);
        return -EINVAL;
    }

    oflags = O_CLOEXEC | ((flags & BDRV_O_RDWR) ? O_RDWR : O_RDONLY);
    if (flags & BDRV_O_NOCACHE) {
        oflags |= O_DIRECT;
    }
    s->fd = qemu_open_old(bs->filename, oflags);
    if (s->fd < 0 && (flags & BDRV_O_AUTO_RDONLY) && (flags & BDRV_O_RDWR) &&
        (errno == EACCES || errno == EROFS)) {
        oflags = (oflags & ~O_RDWR) | O_RDONLY;
        s->fd = qemu_open_old(bs->filename, oflags);
        if (s->fd >= 0) {
            bs->read_only = true;
            bs->open_flags &= ~BDRV_O_RDWR;
        }
    }
    if (s->fd < 0) {
        int e = errno;

        error_setg_errno(errp, e, "Could not open '%s'", bs->filename);
        return -e;
    }
    if (fstat(s->fd, &st) == 0 && S_ISBLK(st.st_mode)) {
        s->is_bdev = true;
    } else if (fstat(s->fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(s->fd);
        error_setg(errp, "'%s' is not a regular file or block device (it is "
                   "a directory)", bs->filename);
        return -EISDIR;
    }
    bs->has_zero_init = !s->is_bdev;
    raw_probe_alignment(bs);
    bs->max_transfer = s->is_bdev ? 1 << 20 : 1 << 30;
    return 0;
}

static void raw_close(BlockDriverState *bs)
{
    BDRVRawState *s = bs->opaque;

    if (s->fd >= 0) {
        close(s->fd);
        s->fd = -1;
    }
}

static int raw_create(BlockDriver *drv, const char *filename, QemuOpts *opts,
                      Error **errp)
{
    uint64_t size = ROUND_UP(qemu_opt_get_size(opts, "size", 0),
                             BDRV_SECTOR_SIZE);
    const char *pa = qemu_opt_get(opts, "preallocation");
    int prealloc = pa ? prealloc_mode_from_str(pa) : PREALLOC_MODE_OFF;
    int fd, ret = 0;
    struct stat st;

    if (g_str_has_prefix(filename, "file:")) {
        filename += 5;
    }
    if (prealloc < 0 || prealloc == PREALLOC_MODE_METADATA) {
        error_setg(errp, "Invalid preallocation mode: '%s'", pa);
        return -EINVAL;
    }
    fd = open(filename, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        error_setg_errno(errp, errno, "Could not create '%s'", filename);
        return -errno;
    }
    /* Don't truncate an image somebody is using (QEMU checks the locks). */
    if (raw_byte_locked_by_other(fd, RAW_LOCK_PERM_BASE + 1) == 1 ||
        raw_byte_locked_by_other(fd, RAW_LOCK_PERM_BASE + 0) == 1) {
        error_setg(errp, "Failed to get \"write\" lock");
        error_append_hint(errp, "Is another process using the image [%s]?\n",
                          filename);
        close(fd);
        return -EAGAIN;
    }
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        if (ftruncate(fd, 0) < 0 || ftruncate(fd, size) < 0) {
            error_setg_errno(errp, errno, "Could not resize file");
            ret = -errno;
        } else {
            ret = raw_prealloc(fd, 0, size, prealloc, errp);
        }
    }
    close(fd);
    return ret;
}

static QemuOptsList raw_create_opts = {
    .name = "raw-create-opts",
    .head = QTAILQ_HEAD_INITIALIZER(raw_create_opts.head),
    .desc = {
        { .name = "size", .type = QEMU_OPT_SIZE,
          .help = "Virtual disk size" },
        { .name = "preallocation", .type = QEMU_OPT_STRING,
          .help = "Preallocation mode (allowed values: off, falloc, full)" },
        { .name = "nocow", .type = QEMU_OPT_BOOL,
          .help = "Turn off copy-on-write (valid only on btrfs)" },
        { /* end */ }
    },
};

static BlockDriver bdrv_file = {
    .format_name = "file",
    .protocol_name = "file",
    .instance_size = sizeof(BDRVRawState),
    .bdrv_open = raw_open,
    .bdrv_close = raw_close,
    .bdrv_preadv = raw_preadv,
    .bdrv_pwritev = raw_pwritev,
    .bdrv_pwrite_zeroes = raw_pwrite_zeroes,
    .bdrv_pdiscard = raw_pdiscard,
    .bdrv_flush_to_disk = raw_flush_to_disk,
    .bdrv_truncate = raw_truncate,
    .bdrv_getlength = raw_getlength,
    .bdrv_get_allocated_file_size = raw_get_allocated_file_size,
    .bdrv_block_status = raw_block_status,
    .bdrv_set_perm = raw_set_perm,
    .bdrv_create = raw_create,
    .create_opts = &raw_create_opts,
};

static BlockDriver bdrv_host_device = {
    .format_name = "host_device",
    .protocol_name = "host_device",
    .instance_size = sizeof(BDRVRawState),
    .bdrv_open = raw_open,
    .bdrv_close = raw_close,
    .bdrv_preadv = raw_preadv,
    .bdrv_pwritev = raw_pwritev,
    .bdrv_pdiscard = raw_pdiscard,
    .bdrv_flush_to_disk = raw_flush_to_disk,
    .bdrv_truncate = raw_truncate,
    .bdrv_getlength = raw_getlength,
    .bdrv_set_perm = raw_set_perm,
};

static void bdrv_file_init(void)
{
    bdrv_register(&bdrv_file);
    bdrv_register(&bdrv_host_device);
}
block_init(bdrv_file_init);
