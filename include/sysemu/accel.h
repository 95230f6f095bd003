/* Compatibility name: the accelerator API lives in qemu/accel.h. */
#ifndef SYSEMU_ACCEL_H
#define SYSEMU_ACCEL_H
#include "qemu/accel.h"
#endif
