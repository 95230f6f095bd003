/*
 * qemu_printf & co: output that goes to the monitor when one is active.
 */
#include "qemu/osdep.h"
#include "qemu/qemu-print.h"

static QemuPrintMonitorHook monitor_hook;

void qemu_print_set_monitor_hook(QemuPrintMonitorHook hook)
{
    monitor_hook = hook;
}

/* Try the monitor; -1 means "no monitor, print locally". */
static int try_monitor(const char *fmt, va_list ap)
{
    va_list ap2;
    int ret;

    if (!monitor_hook) {
        return -1;
    }
    va_copy(ap2, ap);
    ret = monitor_hook(fmt, ap2);
    va_end(ap2);
    return ret;
}

int qemu_vprintf(const char *fmt, va_list ap)
{
    int ret = try_monitor(fmt, ap);

    return ret >= 0 ? ret : vprintf(fmt, ap);
}

int qemu_printf(const char *fmt, ...)
{
    va_list ap;
    int ret;

    va_start(ap, fmt);
    ret = qemu_vprintf(fmt, ap);
    va_end(ap);
    return ret;
}

/* A NULL @stream means "the monitor, or nowhere", as in QEMU. */
int qemu_vfprintf(FILE *stream, const char *fmt, va_list ap)
{
    int ret = try_monitor(fmt, ap);

    if (ret >= 0) {
        return ret;
    }
    return stream ? vfprintf(stream, fmt, ap) : 0;
}

int qemu_fprintf(FILE *stream, const char *fmt, ...)
{
    va_list ap;
    int ret;

    va_start(ap, fmt);
    ret = qemu_vfprintf(stream, fmt, ap);
    va_end(ap);
    return ret;
}
