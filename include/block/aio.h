/*
 * Asynchronous block request handles (BlockAIOCB) and completion callbacks.
 *
 * Completion callbacks run in the BlockBackend's context: by default the
 * main loop (from a bottom half, with the BQL held when the main thread
 * holds it, i.e. always in the emulator); after blk_set_aio_context()
 * with an iothread's context, in that iothread (without the BQL).
 */
#ifndef BLOCK_AIO_H
#define BLOCK_AIO_H

typedef struct BlockAIOCB BlockAIOCB;
typedef void BlockCompletionFunc(void *opaque, int ret);

typedef struct AIOCBInfo {
    void (*cancel_async)(BlockAIOCB *acb);
    size_t aiocb_size;
} AIOCBInfo;

struct BlockAIOCB {
    const AIOCBInfo *aiocb_info;
    void *bs;                   /* BlockDriverState *, opaque here */
    BlockCompletionFunc *cb;
    void *opaque;
    int refcnt;
};

void *qemu_aio_get(const AIOCBInfo *aiocb_info, void *bs,
                   BlockCompletionFunc *cb, void *opaque);
void qemu_aio_unref(void *p);
void qemu_aio_ref(void *p);

/*
 * kvmemu's AioContext is a thin handle on an event loop thread: the
 * GLib context it iterates and a way to run code there synchronously.
 * The main loop's is NULL (qemu_get_aio_context()); an iothread's comes
 * from iothread_get_aio_context().
 */
typedef struct AioContext AioContext;
struct AioContext {
    GMainContext *gctx;
    /* Run @fn(@opaque) in the context's thread and wait for it. */
    void (*run_sync)(AioContext *ctx, void (*fn)(void *), void *opaque);
    /* Whether the calling thread is the context's thread. */
    bool (*in_thread)(AioContext *ctx);
    void *owner;
};
AioContext *qemu_get_aio_context(void);

#endif
