/*
 * Forward declarations of types that many headers pass around by
 * pointer.  Keeping them here lets headers avoid including each other.
 * Identical typedefs may be repeated elsewhere (C11 allows that).
 */
#ifndef QEMU_TYPEDEFS_H
#define QEMU_TYPEDEFS_H

typedef struct QDict QDict;
typedef struct QList QList;
typedef struct QObject QObject;
typedef struct QString QString;
typedef struct QEMUBH QEMUBH;
typedef struct QEMUTimer QEMUTimer;
typedef struct QEMUTimerListGroup QEMUTimerListGroup;
typedef struct QEMUIOVector QEMUIOVector;
typedef struct QemuOpt QemuOpt;
typedef struct QemuOpts QemuOpts;
typedef struct QemuOptsList QemuOptsList;
typedef struct QemuMutex QemuMutex;
typedef struct QemuRecMutex QemuRecMutex;
typedef struct QemuCond QemuCond;
typedef struct QemuSemaphore QemuSemaphore;
typedef struct QemuEvent QemuEvent;
typedef struct QemuThread QemuThread;
typedef struct QemuUUID QemuUUID;
typedef struct EventNotifier EventNotifier;
typedef struct Notifier Notifier;
typedef struct NotifierList NotifierList;

#endif
