/*
 * libFuzzer harness: the input is a qcow2 image.  Opens it read-only and
 * exercises header/L1/L2/refcount/snapshot parsing: reads, block status,
 * snapshot listing and the consistency check.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/module.h"
#include "qapi/qmp/qdict.h"
#include "block/block_int.h"
#include "sysemu/block-backend.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    static uint8_t buf[65536];
    QDict *o;
    BlockBackend *blk;
    BdrvCheckResult res;
    QEMUSnapshotInfo *sn = NULL;
    int64_t len, off, pnum;
    int fd, i;

    if (!path[0]) {
        bdrv_init();
        snprintf(path, sizeof(path), "/tmp/fuzz-qcow2-%d.img", getpid());
    }
    fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || write(fd, data, size) != (ssize_t)size) {
        abort();
    }
    close(fd);
    o = qdict_new();
    qdict_put_str(o, "driver", "qcow2");
    qdict_put_str(o, "file.locking", "off");
    blk = blk_new_open(path, NULL, o, BDRV_O_NO_BACKING, NULL);
    if (!blk) {
        return 0;
    }
    len = blk_getlength(blk);
    for (off = 0, i = 0; off < len && i < 64; i++) {
        int64_t n = MIN((int64_t)sizeof(buf), len - off);

        blk_pread(blk, off, n, buf, 0);
        if (bdrv_block_status(blk_bs(blk), off, n, &pnum, NULL, NULL) < 0) {
            pnum = n;
        }
        off += MAX(pnum, n);
    }
    g_free(sn);
    bdrv_snapshot_list(blk_bs(blk), &sn);
    g_free(sn);
    /* check reports every problem on stderr: keep the fuzzer fast */
    {
        int saved = dup(2), devnull = open("/dev/null", O_WRONLY);

        dup2(devnull, 2);
        bdrv_check(blk_bs(blk), &res, 0);
        dup2(saved, 2);
        close(saved);
        close(devnull);
    }
    blk_unref(blk);
    return 0;
}
