/* The version kvmemu reports (greeting, query-version, info version). */
#ifndef MONITOR_QMP_VERSION_H
#define MONITOR_QMP_VERSION_H

#define QMP_VERSION_MAJOR QEMU_VERSION_MAJOR
#define QMP_VERSION_MINOR QEMU_VERSION_MINOR
#define QMP_VERSION_MICRO QEMU_VERSION_MICRO
#define QMP_VERSION_PACKAGE QEMU_PKGVERSION

#endif
