/*
 * Unit tests that link hw/core without softmmu/globals.c: no -global to
 * apply.  Programs with globals.c use it instead of this archive member.
 */
#include "qemu/osdep.h"
#include "hw/qdev-core.h"

void qdev_prop_set_globals(DeviceState *dev)
{
}
