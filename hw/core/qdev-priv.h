/* hw/core internals shared between qdev.c and bus.c. */
#ifndef HW_CORE_QDEV_PRIV_H
#define HW_CORE_QDEV_PRIV_H

void bus_add_child(BusState *bus, DeviceState *child);
void bus_remove_child(BusState *bus, DeviceState *child);

#endif
