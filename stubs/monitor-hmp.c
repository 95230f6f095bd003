/*
 * Chardev unit tests link the chardev library without the monitor: a
 * "mon:" chardev there is a plain mux with nothing attached.  The
 * emulator links monitor/hmp.c, which wins over this archive member.
 */
#include "qemu/osdep.h"
#include "monitor/monitor.h"

void monitor_init_hmp(Chardev *chr, bool use_readline, Error **errp)
{
}
