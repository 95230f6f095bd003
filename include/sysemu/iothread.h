/*
 * TYPE_IOTHREAD ("-object iothread,id=X"): a thread of its own running
 * an event loop.  kvmemu has no AioContext: the loop is a GLib
 * GMainContext owned by the thread, and devices attach fd handlers
 * (iothread_set_fd_handler) and run code (iothread_run/_sync) in it.
 *
 * BQL rules: the iothread never holds the BQL while dispatching.  Code
 * running there must not touch state the vCPUs or the main loop change
 * under the BQL, except through thread-safe paths (guest memory via the
 * memory API, EventNotifiers, qemu_bh_schedule, blk_aio_*).  Calling
 * iothread_run_sync() with the BQL held is allowed; the iothread's work
 * then must not wait for the BQL (it would deadlock).
 */
#ifndef SYSEMU_IOTHREAD_H
#define SYSEMU_IOTHREAD_H

#include "qom/object.h"
#include "qemu/thread.h"
#include "block/aio.h"

#define TYPE_IOTHREAD "iothread"
OBJECT_DECLARE_SIMPLE_TYPE(IOThread, IOTHREAD)

struct IOThread {
    Object parent_obj;
    QemuThread thread;
    GMainContext *ctx;
    GMainLoop *loop;
    AioContext aio_ctx;     /* the block layer's handle on this loop */
    QemuMutex init_lock;
    QemuCond init_cond;
    bool running;
    int thread_id;
    unsigned int users;     /* devices using it (each holds a reference) */
    GHashTable *fd_sources; /* fd -> GSource, handlers in this loop */
    uint64_t poll_max_ns;
    uint64_t poll_grow;
    uint64_t poll_shrink;
    uint64_t aio_max_batch;
};

/* The iothread object with id @id, or NULL. */
IOThread *iothread_by_id(const char *id);
/* Its id (the QOM name under /objects). */
char *iothread_get_id(IOThread *iothread);
GMainContext *iothread_get_g_main_context(IOThread *iothread);
/* For blk_set_aio_context(): completions then run in this thread. */
AioContext *iothread_get_aio_context(IOThread *iothread);
/* Whether the caller runs in @iothread's thread. */
bool iothread_is_self(IOThread *iothread);
/* The IOThread running the calling thread, or NULL. */
IOThread *iothread_self(void);

/*
 * A device using the iothread holds a reference: as in QEMU, object-del
 * of an iothread in use succeeds (it leaves /objects and query-iothreads)
 * and the thread keeps serving the device until the device goes away.
 */
void iothread_use(IOThread *iothread);
void iothread_unuse(IOThread *iothread);

typedef void IOThreadFunc(void *opaque);
/* Run @fn(@opaque) in the iothread soon (any thread may call). */
void iothread_run(IOThread *iothread, IOThreadFunc *fn, void *opaque);
/* Run it there and wait for it (directly if already in the iothread). */
void iothread_run_sync(IOThread *iothread, IOThreadFunc *fn, void *opaque);
/*
 * Call @fd_read(@opaque) in the iothread when @fd is readable; NULL
 * removes the handler.  Must be called from the iothread itself (use
 * iothread_run_sync), so no dispatch is in progress meanwhile.
 */
void iothread_set_fd_handler(IOThread *iothread, int fd,
                             void (*fd_read)(void *opaque), void *opaque);

/* For query-iothreads: every iothread, in creation order. */
typedef void IOThreadInfoFunc(IOThread *iothread, void *opaque);
void iothread_foreach(IOThreadInfoFunc *fn, void *opaque);
/* The query-iothreads reply: [IOThreadInfo] as a QList of QDicts. */
QList *iothread_query_list(void);

#endif
