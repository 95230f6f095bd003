/*
 * Unit tests link hw/core without the monitor: nobody to tell about a
 * deleted device.  The emulator's generated event sender wins over this
 * archive member.
 */
#include "qemu/osdep.h"

void qapi_event_send_device_deleted(bool has_device, const char *device,
                                    const char *path);

void qapi_event_send_device_deleted(bool has_device, const char *device,
                                    const char *path)
{
}
