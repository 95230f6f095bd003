/*
 * Tools and unit tests have no monitor and so no -add-fd sets: every
 * "/dev/fdset/N" is unknown.  The emulator links monitor/fds.c, which
 * wins over this archive member.
 */
#include "qemu/osdep.h"
#include "monitor/monitor.h"

int monitor_fdset_dup_fd_add(int64_t fdset_id, int flags)
{
    errno = ENOENT;
    return -1;
}
