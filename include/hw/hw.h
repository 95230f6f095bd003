/* Common includes for device models. */
#ifndef QEMU_HW_H
#define QEMU_HW_H

/* Report a fatal device-model bug (not bad guest or user input). */
void G_NORETURN hw_error(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

#endif
