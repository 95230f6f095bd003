/*
 * File descriptor sets: -add-fd fd=N,set=S[,opaque=TEXT] hands the
 * emulator descriptors (libvirt opens disks and sockets for us), and
 * "/dev/fdset/S" in a file name then means "a duplicate of the
 * descriptor in set S whose access mode matches the open flags".
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/option.h"
#include "qemu/oslib.h"
#include "monitor/monitor.h"

typedef struct MonFd {
    int fd;
    char *opaque;
} MonFd;

typedef struct MonFdset {
    int64_t id;
    GPtrArray *fds;             /* MonFd * */
} MonFdset;

static GHashTable *fdsets;      /* id -> MonFdset * */

static void mon_fd_free(gpointer p)
{
    MonFd *mfd = p;

    close(mfd->fd);
    g_free(mfd->opaque);
    g_free(mfd);
}

static MonFdset *fdset_find(int64_t id, bool create)
{
    MonFdset *set;

    if (!fdsets) {
        fdsets = g_hash_table_new(g_int64_hash, g_int64_equal);
    }
    set = g_hash_table_lookup(fdsets, &id);
    if (!set && create) {
        set = g_new0(MonFdset, 1);
        set->id = id;
        set->fds = g_ptr_array_new_with_free_func(mon_fd_free);
        g_hash_table_insert(fdsets, &set->id, set);
    }
    return set;
}

bool monitor_fdset_add_fd(int fd, int64_t fdset_id, const char *opaque,
                          Error **errp)
{
    MonFdset *set = fdset_find(fdset_id, true);
    MonFd *mfd = g_new0(MonFd, 1);

    mfd->fd = fd;
    mfd->opaque = g_strdup(opaque);
    g_ptr_array_add(set->fds, mfd);
    return true;
}

int monitor_fdset_dup_fd_add(int64_t fdset_id, int flags)
{
    MonFdset *set = fdset_find(fdset_id, false);
    guint i;

    if (!set) {
        errno = ENOENT;
        return -1;
    }
    for (i = 0; i < set->fds->len; i++) {
        MonFd *mfd = g_ptr_array_index(set->fds, i);
        int mode = fcntl(mfd->fd, F_GETFL);

        if (mode < 0) {
            continue;
        }
        /* O_RDWR serves any request; otherwise the modes must agree. */
        if ((mode & O_ACCMODE) == O_RDWR ||
            (mode & O_ACCMODE) == (flags & O_ACCMODE)) {
            int dupfd = fcntl(mfd->fd, F_DUPFD_CLOEXEC, 0);

            /* cache=none and the like ask for status flags too. */
            if (dupfd >= 0 && (flags & (O_DIRECT | O_NONBLOCK | O_APPEND)) &&
                fcntl(dupfd, F_SETFL, mode | (flags & (O_DIRECT | O_NONBLOCK |
                                                       O_APPEND))) < 0) {
                int err = errno;

                close(dupfd);
                errno = err;
                return -1;
            }
            return dupfd;
        }
    }
    errno = EACCES;
    return -1;
}

/* -add-fd fd=N,set=S[,opaque=TEXT], with QEMU's checks and messages. */
int monitor_add_fd_opt(void *opaque, QemuOpts *opts, Error **errp)
{
    int64_t fd = qemu_opt_get_number(opts, "fd", -1);
    int64_t set = qemu_opt_get_number(opts, "set", -1);
    int dupfd;

    if (fd < 0) {
        error_setg(errp, "fd option is required and must be non-negative");
        return -1;
    }
    if (fd <= STDERR_FILENO) {
        error_setg(errp, "fd cannot be a standard I/O stream");
        return -1;
    }
    if (fcntl(fd, F_GETFD) < 0) {
        error_setg(errp, "fd is not valid or already in use");
        return -1;
    }
    if (set < 0) {
        error_setg(errp, "set option is required and must be non-negative");
        return -1;
    }
    /* Keep a private close-on-exec copy; the inherited number is freed. */
    dupfd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
    if (dupfd < 0) {
        error_setg_errno(errp, errno, "Error duplicating fd");
        return -1;
    }
    close(fd);
    return monitor_fdset_add_fd(dupfd, set, qemu_opt_get(opts, "opaque"),
                                errp) ? 0 : -1;
}
