/*
 * TYPE_IOTHREAD ("-object iothread,id=X"): accepted for command-line
 * compatibility with QEMU.  There is no AioContext in kvmemu, so an
 * iothread owns no thread; devices given iothread=X keep processing on
 * the main loop (which already runs off the vCPU threads).
 */
#ifndef SYSEMU_IOTHREAD_H
#define SYSEMU_IOTHREAD_H

#include "qom/object.h"

#define TYPE_IOTHREAD "iothread"
OBJECT_DECLARE_SIMPLE_TYPE(IOThread, IOTHREAD)

struct IOThread {
    Object parent_obj;
    uint64_t poll_max_ns;
    uint64_t poll_grow;
    uint64_t poll_shrink;
    uint64_t aio_max_batch;
};

/* The iothread object with id @id, or NULL. */
IOThread *iothread_by_id(const char *id);

#endif
