/*
 * Crash-safety helper: writes 4 KiB blocks, each to its own offset (a
 * fixed pseudo-random permutation) and each filled with its sequence
 * number, through the asynchronous BlockBackend API with cache=writeback;
 * after every completed flush prints "flushed N" (all writes < N are
 * acknowledged and flushed).  The test kills it with SIGKILL.
 *
 * usage: crash-writer IMAGE NBLOCKS FLUSH_EVERY
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/memalign.h"
#include "qemu/bswap.h"
#include "qemu/cutils.h"
#include "qapi/qmp/qdict.h"
#include "block/block.h"
#include "sysemu/block-backend.h"

static uint64_t perm(uint64_t i, uint64_t n)
{
    /* n is a power of two: an odd multiplier permutes. */
    return (i * 0x9E3779B1ULL + 12345) & (n - 1);
}

static int pending, failed;

static void done_cb(void *opaque, int ret)
{
    pending--;
    if (ret < 0) {
        failed = ret;
    }
}

int main(int argc, char **argv)
{
    BlockBackend *blk;
    QDict *o = qdict_new();
    uint64_t n, every, i;
    uint8_t *bufs;

    error_init(argv[0]);
    if (argc != 4) {
        error_report("usage: crash-writer IMAGE NBLOCKS FLUSH_EVERY");
        return 1;
    }
    n = strtoull(argv[2], NULL, 0);
    every = strtoull(argv[3], NULL, 0);
    qdict_put_str(o, "driver", "qcow2");
    blk = blk_new_open(argv[1], NULL, o, BDRV_O_RDWR, &error_fatal);
    bufs = qemu_memalign(4096, every * 4096);
    setvbuf(stdout, NULL, _IOLBF, 0);
    for (i = 0; i < n; i += every) {
        uint64_t j;
        QEMUIOVector *q = g_new(QEMUIOVector, every);

        for (j = 0; j < every && i + j < n; j++) {
            memset(bufs + j * 4096, 0, 4096);
            stq_le_p(bufs + j * 4096, i + j + 1);
            memset(bufs + j * 4096 + 8, (i + j) & 0xff, 4088);
            qemu_iovec_init_buf(&q[j], bufs + j * 4096, 4096);
            pending++;
            blk_aio_pwritev(blk, perm(i + j, n) * 4096, &q[j], 0, done_cb,
                            NULL);
        }
        blk_drain(blk);
        if (failed || blk_flush(blk) < 0) {
            error_report("write failed");
            return 1;
        }
        g_free(q);
        printf("flushed %" PRIu64 "\n", MIN(i + every, n));
    }
    blk_unref(blk);
    return 0;
}
