/*
 * System reset handlers: callbacks run by qemu_devices_reset() on every
 * machine reset, in registration order.
 */
#ifndef QEMU_SYSEMU_RESET_H
#define QEMU_SYSEMU_RESET_H

/* ShutdownCause is QAPI-generated upstream; here runstate.h has it. */
#if __has_include("qapi/qapi-types-run-state.h")
#include "qapi/qapi-types-run-state.h"
#else
#include "sysemu/runstate.h"
#endif

typedef void QEMUResetHandler(void *opaque);

void qemu_register_reset(QEMUResetHandler *func, void *opaque);
/* Not run when the reset comes from loading a snapshot. */
void qemu_register_reset_nosnapshotload(QEMUResetHandler *func,
                                        void *opaque);
void qemu_unregister_reset(QEMUResetHandler *func, void *opaque);
void qemu_devices_reset(ShutdownCause reason);

#endif
