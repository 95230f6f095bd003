/*
 * Asynchronous block request handles (BlockAIOCB) and completion callbacks.
 *
 * kvmemu has no AioContext: every completion callback runs on the main
 * loop thread, from a bottom half, with the BQL held when the main thread
 * holds it (always in the emulator).
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

/* There is a single (main loop) context; kept so device code compiles. */
typedef struct AioContext AioContext;
AioContext *qemu_get_aio_context(void);

#endif
