/* Machine-wide reset handlers, run in registration order. */
#include "qemu/osdep.h"
#include "qemu/queue.h"
#include "sysemu/reset.h"

typedef struct QEMUResetEntry {
    QTAILQ_ENTRY(QEMUResetEntry) entry;
    QEMUResetHandler *func;
    void *opaque;
    bool skip_on_snapshot_load;
} QEMUResetEntry;

static QTAILQ_HEAD(, QEMUResetEntry) reset_handlers =
    QTAILQ_HEAD_INITIALIZER(reset_handlers);

static void register_reset(QEMUResetHandler *func, void *opaque,
                           bool skip_snap)
{
    QEMUResetEntry *re = g_new0(QEMUResetEntry, 1);

    re->func = func;
    re->opaque = opaque;
    re->skip_on_snapshot_load = skip_snap;
    QTAILQ_INSERT_TAIL(&reset_handlers, re, entry);
}

void qemu_register_reset(QEMUResetHandler *func, void *opaque)
{
    register_reset(func, opaque, false);
}

void qemu_register_reset_nosnapshotload(QEMUResetHandler *func, void *opaque)
{
    register_reset(func, opaque, true);
}

void qemu_unregister_reset(QEMUResetHandler *func, void *opaque)
{
    QEMUResetEntry *re;

    QTAILQ_FOREACH(re, &reset_handlers, entry) {
        if (re->func == func && re->opaque == opaque) {
            QTAILQ_REMOVE(&reset_handlers, re, entry);
            g_free(re);
            return;
        }
    }
}

void qemu_devices_reset(ShutdownCause reason)
{
    QEMUResetEntry *re, *nre;

    /* Handlers may unregister themselves while running. */
    QTAILQ_FOREACH_SAFE(re, &reset_handlers, entry, nre) {
        if (reason == SHUTDOWN_CAUSE_SNAPSHOT_LOAD &&
            re->skip_on_snapshot_load) {
            continue;
        }
        re->func(re->opaque);
    }
}
