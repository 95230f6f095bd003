/*
 * Host OS helpers for POSIX hosts (see qemu/oslib.h).
 */
#include "qemu/osdep.h"
#include "monitor/monitor.h"
#include <termios.h>
#include <sys/file.h>
#include "qapi/error.h"
#include "qemu/oslib.h"

void *qemu_try_memalign(size_t alignment, size_t size)
{
    void *ptr;

    alignment = MAX(alignment, sizeof(void *));
    if (!is_power_of_2(alignment)) {
        errno = EINVAL;
        return NULL;
    }
    if (posix_memalign(&ptr, alignment, size ? size : 1)) {
        return NULL;
    }
    return ptr;
}

void *qemu_memalign(size_t alignment, size_t size)
{
    void *p = qemu_try_memalign(alignment, size);

    if (!p) {
        fprintf(stderr, "qemu_memalign: failed to allocate %zu bytes: %s\n",
                size, strerror(errno));
        abort();
    }
    return p;
}

void qemu_vfree(void *ptr)
{
    free(ptr);
}

void *qemu_anon_ram_alloc(size_t size, uint64_t *alignp, bool shared,
                          bool noreserve)
{
    size_t align = alignp && *alignp ? *alignp : 2 * MiB;
    int flags = MAP_ANONYMOUS | (shared ? MAP_SHARED : MAP_PRIVATE) |
                (noreserve ? MAP_NORESERVE : 0);
    size_t total = size + align;
    uint8_t *ptr, *aligned;

    /* Over-allocate, then trim to an aligned window. */
    ptr = mmap(NULL, total, PROT_READ | PROT_WRITE, flags, -1, 0);
    if (ptr == MAP_FAILED) {
        return NULL;
    }
    aligned = (uint8_t *)QEMU_ALIGN_UP((uintptr_t)ptr, align);
    if (aligned > ptr) {
        munmap(ptr, aligned - ptr);
    }
    if (aligned + size < ptr + total) {
        munmap(aligned + size, ptr + total - (aligned + size));
    }
    if (align >= 2 * MiB) {
        madvise(aligned, size, MADV_HUGEPAGE);
    }
    if (alignp) {
        *alignp = align;
    }
    return aligned;
}

void qemu_anon_ram_free(void *ptr, size_t size)
{
    if (ptr) {
        munmap(ptr, size);
    }
}

int qemu_madvise(void *addr, size_t len, int advice)
{
    return madvise(addr, len, advice);
}


/* "/dev/fdset/N": a duplicate from the -add-fd set N, as QEMU does. */
static int qemu_open_fdset(const char *name, int flags)
{
    const char *num = name + strlen("/dev/fdset/");
    char *end;
    int64_t id = g_ascii_strtoll(num, &end, 10);

    if (*end || end == num || id < 0) {
        errno = EINVAL;
        return -1;
    }
    return monitor_fdset_dup_fd_add(id, flags);
}

int qemu_open_old(const char *name, int flags, ...)
{
    va_list ap;
    mode_t mode = 0;
    int ret;

    if (g_str_has_prefix(name, "/dev/fdset/")) {
        return qemu_open_fdset(name, flags);
    }
    if (flags & O_CREAT) {
        va_start(ap, flags);
        mode = va_arg(ap, int);
        va_end(ap);
    }
    do {
        ret = open(name, flags | O_CLOEXEC, mode);
    } while (ret < 0 && errno == EINTR);
    return ret;
}

int qemu_open(const char *name, int flags, Error **errp)
{
    int ret;

    assert(!(flags & O_CREAT));
    ret = qemu_open_old(name, flags);
    if (ret < 0) {
        error_setg_errno(errp, errno, "Could not open '%s'", name);
    }
    return ret;
}

int qemu_create(const char *name, int flags, mode_t mode, Error **errp)
{
    int ret = qemu_open_old(name, flags | O_CREAT, mode);

    if (ret < 0) {
        error_setg_errno(errp, errno, "Could not create '%s'", name);
    }
    return ret;
}

int qemu_close(int fd)
{
    return close(fd);
}

int qemu_dup_flags(int fd, int flags)
{
    int ret = fcntl(fd, F_DUPFD_CLOEXEC, 0);
    int serrno;

    if (ret < 0) {
        return ret;
    }
    if (flags & ~O_CLOEXEC) {
        if (fcntl(ret, F_SETFL, flags & ~O_CLOEXEC) < 0) {
            serrno = errno;
            close(ret);
            errno = serrno;
            return -1;
        }
    }
    return ret;
}

int qemu_dup(int fd)
{
    return qemu_dup_flags(fd, 0);
}

int qemu_pipe(int pipefd[2])
{
    return pipe2(pipefd, O_CLOEXEC);
}

int qemu_unlink(const char *name)
{
    if (unlink(name) < 0 && errno != ENOENT) {
        return -errno;
    }
    return 0;
}

bool qemu_write_pidfile(const char *path, Error **errp)
{
    char pidstr[32];
    struct stat a, b;
    int fd;

    for (;;) {
        fd = qemu_create(path, O_WRONLY, S_IRUSR | S_IWUSR, errp);
        if (fd < 0) {
            return false;
        }
        if (fstat(fd, &b) < 0) {
            error_setg_errno(errp, errno, "Cannot stat file");
            goto fail;
        }
        if (lockf(fd, F_TLOCK, 0) < 0) {
            error_setg_errno(errp, errno, "Cannot lock pid file");
            goto fail;
        }
        /* Someone may have unlinked and recreated it meanwhile: retry. */
        if (stat(path, &a) < 0) {
            close(fd);
            continue;
        }
        if (a.st_ino == b.st_ino) {
            break;
        }
        close(fd);
    }
    if (ftruncate(fd, 0) < 0) {
        error_setg_errno(errp, errno, "Failed to truncate pid file");
        goto fail;
    }
    snprintf(pidstr, sizeof(pidstr), "%d\n", (int)getpid());
    if (qemu_write_full(fd, pidstr, strlen(pidstr)) != strlen(pidstr)) {
        error_setg(errp, "Failed to write pid file");
        goto fail;
    }
    /* The fd stays open (and locked) for the life of the process. */
    return true;

fail:
    close(fd);
    return false;
}

char *qemu_get_pid_name(pid_t pid)
{
    g_autofree char *path = g_strdup_printf("/proc/%d/cmdline", pid);
    char *name = NULL;

    g_file_get_contents(path, &name, NULL, NULL);
    return name;
}

void qemu_set_tty_echo(int fd, bool echo)
{
    struct termios tty;

    if (tcgetattr(fd, &tty) < 0) {
        return;
    }
    if (echo) {
        tty.c_lflag |= ECHO | ECHONL | ICANON | IEXTEN;
    } else {
        tty.c_lflag &= ~(ECHO | ECHONL | ICANON | IEXTEN);
    }
    tcsetattr(fd, TCSANOW, &tty);
}
