/*
 * QemuLockable, QEMU_LOCK_GUARD and WITH_QEMU_LOCK_GUARD.  Defined in
 * qemu/thread.h here; this header exists for code that includes it by
 * its QEMU name.
 */
#ifndef QEMU_LOCKABLE_H
#define QEMU_LOCKABLE_H

#include "qemu/thread.h"

#endif
