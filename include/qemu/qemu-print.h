/*
 * Print to the current monitor if a monitor command is running, else
 * to stdout (qemu_printf) or @stream (qemu_fprintf).  Used for output
 * such as "-cpu help" / "info ..." that both the command line and the
 * monitor produce.
 */
#ifndef QEMU_PRINT_H
#define QEMU_PRINT_H

int qemu_vprintf(const char *fmt, va_list ap) G_GNUC_PRINTF(1, 0);
int qemu_printf(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
int qemu_vfprintf(FILE *stream, const char *fmt, va_list ap)
    G_GNUC_PRINTF(2, 0);
int qemu_fprintf(FILE *stream, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/*
 * The monitor installs this: it prints to the current monitor and
 * returns the length, or returns -1 when no monitor command is running.
 * (QEMU calls monitor_cur()/monitor_vprintf() directly.)
 */
typedef int (*QemuPrintMonitorHook)(const char *fmt, va_list ap);
void qemu_print_set_monitor_hook(QemuPrintMonitorHook hook);

#endif
