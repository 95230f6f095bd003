/* -device / device_add / device_del entry points (softmmu/qdev-monitor.c). */
#ifndef MONITOR_QDEV_H
#define MONITOR_QDEV_H

#include "hw/qdev-core.h"

int qdev_device_help(QemuOpts *opts);
DeviceState *qdev_device_add(QemuOpts *opts, Error **errp);
DeviceState *qdev_device_add_from_qdict(const QDict *opts, bool from_json,
                                        Error **errp);
void qdev_set_id(DeviceState *dev, char *id, Error **errp);
void qdev_unplug(DeviceState *dev, Error **errp);
/* QMP device_add / device_del bodies. */
void qmp_device_add(QDict *qdict, QObject **ret_data, Error **errp);
void qmp_device_del(const char *id, Error **errp);

/* -global driver.prop=value: parse into the "global" QemuOpts list. */
int qemu_global_option(const char *str);
/* Register every -global as a GlobalProperty. */
void qemu_add_globals(void);
extern QemuOptsList qemu_device_opts;
extern QemuOptsList qemu_global_opts;

#endif
