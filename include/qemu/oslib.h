/*
 * Host OS helpers that QEMU declares in qemu/osdep.h (implemented in
 * util/osdep.c and util/oslib-posix.c).  osdep.h belongs to the lead;
 * until these prototypes move there, include this header.  Identical
 * prototypes may appear in both without conflict.
 */
#ifndef QEMU_OSLIB_H
#define QEMU_OSLIB_H

#include "qemu/memalign.h"

/* Memory */
/*
 * Anonymous mapping for guest RAM, aligned to *@align (in/out, 0 picks
 * a default) and to huge pages where possible; NULL on failure.
 */
void *qemu_anon_ram_alloc(size_t size, uint64_t *align, bool shared,
                          bool noreserve);
void qemu_anon_ram_free(void *ptr, size_t size);
int qemu_madvise(void *addr, size_t len, int advice);

/* Files */
/* open() with O_CLOEXEC; sets @errp on failure ("Could not open '%s'"). */
int qemu_open(const char *name, int flags, Error **errp);
int qemu_create(const char *name, int flags, mode_t mode, Error **errp);
/* Old style: returns -1 with errno set, takes an optional mode. */
int qemu_open_old(const char *name, int flags, ...);
int qemu_close(int fd);
int qemu_dup(int fd);
int qemu_dup_flags(int fd, int flags);
int qemu_pipe(int pipefd[2]);
int qemu_unlink(const char *name);
/* Write our pid to @pidfile, locked so a second instance fails. */
bool qemu_write_pidfile(const char *pidfile, Error **errp);
void qemu_set_cloexec(int fd);
ssize_t qemu_write_full(int fd, const void *buf, size_t count);

/* Processes and the terminal */
char *qemu_get_pid_name(pid_t pid);
void qemu_set_tty_echo(int fd, bool echo);
int qemu_get_thread_id(void);

#endif
