/*
 * QMP views of the block layer: query-block, query-blockstats,
 * query-named-block-nodes, blockdev-add/del, BLOCK_IO_ERROR.
 *
 * Emulator only (system_ss): it uses the monitor, QOM and the generated
 * QAPI events, none of which qemu-img links.  libblock reaches it
 * through blk_io_error_event_hook.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qmp/qdict.h"
#include "qapi/qmp/qlist.h"
#include "block/block_int.h"
#include "sysemu/block-backend.h"
#include "sysemu/blockdev.h"
#include "qemu/module.h"
#include "qom/object.h"
#include "monitor/monitor.h"
#include "monitor/hmp.h"
#include "qapi/qapi-commands.h"


static const char *const detect_zeroes_names[] = { "off", "on", "unmap" };

/* QEMU's ImageInfo, as far as management tools read it (libvirt does). */
static QDict *block_image_info(BlockDriverState *bs)
{
    QDict *img = qdict_new();
    int64_t len = bdrv_getlength(bs);

    qdict_put_str(img, "filename", bs->filename);
    qdict_put_str(img, "format", bs->drv->format_name);
    qdict_put_int(img, "virtual-size", len < 0 ? 0 : len);
    if (bdrv_backing_bs(bs)) {
        qdict_put(img, "backing-image", block_image_info(bdrv_backing_bs(bs)));
    }
    return img;
}

static QDict *block_device_info(BlockBackend *blk, BlockDriverState *bs)
{
    QDict *d = qdict_new();
    QDict *cache = qdict_new();
    BlockDriverState *b;
    int depth = 0;

    qdict_put_str(d, "file", bs->filename);
    qdict_put_str(d, "node-name", bs->node_name);
    qdict_put_bool(d, "ro", bs->read_only);
    qdict_put_str(d, "drv", bs->drv->format_name);
    if (bs->backing_file[0]) {
        qdict_put_str(d, "backing_file", bs->backing_file);
    }
    for (b = bdrv_backing_bs(bs); b; b = bdrv_backing_bs(b)) {
        depth++;
    }
    qdict_put_int(d, "backing_file_depth", depth);
    qdict_put_bool(d, "encrypted", false);
    qdict_put_str(d, "detect_zeroes",
                  detect_zeroes_names[bs->detect_zeroes % 3]);
    qdict_put_int(d, "bps", 0);
    qdict_put_int(d, "bps_rd", 0);
    qdict_put_int(d, "bps_wr", 0);
    qdict_put_int(d, "iops", 0);
    qdict_put_int(d, "iops_rd", 0);
    qdict_put_int(d, "iops_wr", 0);
    qdict_put_int(d, "write_threshold", 0);
    qdict_put_bool(cache, "writeback",
                   blk ? blk_enable_write_cache(blk) : true);
    qdict_put_bool(cache, "direct", !!(bs->open_flags & BDRV_O_NOCACHE));
    qdict_put_bool(cache, "no-flush", !!(bs->open_flags & BDRV_O_NO_FLUSH));
    qdict_put(d, "cache", cache);
    qdict_put(d, "image", block_image_info(bs));
    return d;
}

QList *qmp_query_block(Error **errp)
{
    QList *l = qlist_new();
    BlockBackend *blk = NULL;

    while ((blk = blk_all_next(blk))) {
        DeviceState *dev = blk_get_attached_dev(blk);
        QDict *d;

        if (!blk_name(blk)[0] && !dev) {
            continue;       /* internal users (none so far) */
        }
        d = qdict_new();
        qdict_put_str(d, "device", blk_name(blk));
        if (dev) {
            char *path = object_get_canonical_path((Object *)dev);

            if (path) {
                qdict_put_str(d, "qdev", path);
                g_free(path);
            }
        }
        qdict_put_bool(d, "locked", blk_dev_is_medium_locked(blk));
        qdict_put_bool(d, "removable", blk_dev_has_removable_media(blk));
        if (blk_dev_has_removable_media(blk) && dev) {
            qdict_put_bool(d, "tray_open", blk_dev_is_tray_open(blk));
        }
        if (blk_iostatus_is_enabled(blk)) {
            static const char *const st[] = { "ok", "failed", "nospace" };

            qdict_put_str(d, "io-status", st[blk_iostatus(blk)]);
        }
        if (blk_is_inserted(blk)) {
            qdict_put(d, "inserted", block_device_info(blk, blk_bs(blk)));
        }
        qdict_put_str(d, "type", "unknown");
        qlist_append(l, d);
    }
    return l;
}

static QDict *stats_dict(BlockAcctStats *stats)
{
    /* Nodes without a BlockBackend: all zero, accounting on. */
    static const BlockAcctStats none = {
        .account_invalid = true, .account_failed = true,
    };
    const BlockAcctStats *s = stats ? stats : &none;
    QDict *d = qdict_new();

    qdict_put_int(d, "rd_bytes", s->nr_bytes[BLOCK_ACCT_READ]);
    qdict_put_int(d, "wr_bytes", s->nr_bytes[BLOCK_ACCT_WRITE]);
    qdict_put_int(d, "unmap_bytes", s->nr_bytes[BLOCK_ACCT_UNMAP]);
    qdict_put_int(d, "rd_operations", s->nr_ops[BLOCK_ACCT_READ]);
    qdict_put_int(d, "wr_operations", s->nr_ops[BLOCK_ACCT_WRITE]);
    qdict_put_int(d, "flush_operations", s->nr_ops[BLOCK_ACCT_FLUSH]);
    qdict_put_int(d, "unmap_operations", s->nr_ops[BLOCK_ACCT_UNMAP]);
    qdict_put_int(d, "rd_total_time_ns", s->total_time_ns[BLOCK_ACCT_READ]);
    qdict_put_int(d, "wr_total_time_ns", s->total_time_ns[BLOCK_ACCT_WRITE]);
    qdict_put_int(d, "flush_total_time_ns",
                  s->total_time_ns[BLOCK_ACCT_FLUSH]);
    qdict_put_int(d, "failed_rd_operations", s->failed_ops[BLOCK_ACCT_READ]);
    qdict_put_int(d, "failed_wr_operations", s->failed_ops[BLOCK_ACCT_WRITE]);
    qdict_put_int(d, "invalid_rd_operations",
                  s->invalid_ops[BLOCK_ACCT_READ]);
    qdict_put_int(d, "invalid_wr_operations",
                  s->invalid_ops[BLOCK_ACCT_WRITE]);
    qdict_put_int(d, "rd_merged", s->merged[BLOCK_ACCT_READ]);
    qdict_put_int(d, "wr_merged", s->merged[BLOCK_ACCT_WRITE]);
    qdict_put_bool(d, "account_invalid", s->account_invalid);
    qdict_put_bool(d, "account_failed", s->account_failed);
    if (s->last_access_time_ns) {
        qdict_put_int(d, "idle_time_ns",
                      g_get_monotonic_time() * 1000 - s->last_access_time_ns);
    }
    return d;
}

QList *qmp_query_blockstats(bool has_query_nodes, bool query_nodes,
                            Error **errp)
{
    QList *l = qlist_new();

    if (has_query_nodes && query_nodes) {
        BlockDriverState *bs = NULL;

        while ((bs = bdrv_next_all_node(bs))) {
            QDict *d = qdict_new();

            qdict_put_str(d, "node-name", bs->node_name);
            qdict_put(d, "stats", stats_dict(NULL));
            qlist_append(l, d);
        }
    } else {
        BlockBackend *blk = NULL;

        while ((blk = blk_all_next(blk))) {
            QDict *d;

            if (!blk_name(blk)[0] && !blk_get_attached_dev(blk)) {
                continue;
            }
            d = qdict_new();
            qdict_put_str(d, "device", blk_name(blk));
            /* libvirt finds -blockdev disks by their device's path. */
            if (blk_get_attached_dev(blk)) {
                char *path = object_get_canonical_path(
                    (Object *)blk_get_attached_dev(blk));

                qdict_put_str(d, "qdev", path);
                g_free(path);
            }
            if (blk_bs(blk)) {
                qdict_put_str(d, "node-name", blk_bs(blk)->node_name);
            }
            qdict_put(d, "stats", stats_dict(blk_get_stats(blk)));
            qlist_append(l, d);
        }
    }
    return l;
}

QList *qmp_query_named_block_nodes(bool has_flat, bool flat, Error **errp)
{
    QList *l = qlist_new();
    BlockDriverState *bs = NULL;

    while ((bs = bdrv_next_all_node(bs))) {
        if (!bs->auto_node_name) {
            qlist_append(l, block_device_info(NULL, bs));
        }
    }
    return l;
}

void qmp_blockdev_add(QDict *args, QObject **ret, Error **errp)
{
    QDict *d = qdict_clone_shallow(args);

    qmp_blockdev_add_qdict(d, errp);
    qobject_unref(d);
    if (ret) {
        *ret = QOBJECT(qdict_new());
    }
}

/* Called by blk_error_action() when the monitor is linked in. */
static void block_send_io_error_event(BlockBackend *blk, bool is_read,
                                      BlockErrorAction action, int error)
{
    static const char *const names[] = { "ignore", "report", "stop" };
    BlockDriverState *bs = blk_bs(blk);

    qapi_event_send_block_io_error(blk_name(blk), bs != NULL,
                                   bs ? bs->node_name : NULL,
                                   is_read ? "read" : "write",
                                   names[action], true, error == ENOSPC,
                                   strerror(error));
}

static void block_qapi_init(void)
{
    blk_io_error_event_hook = block_send_io_error_event;
}

block_init(block_qapi_init);

/* HMP "info block" (QEMU's layout). */

void hmp_info_block(Monitor *mon, const QDict *qdict)
{
    BlockBackend *blk = NULL;
    bool first = true;

    while ((blk = blk_all_next(blk))) {
        BlockDriverState *bs = blk_bs(blk);
        DeviceState *dev = blk_get_attached_dev(blk);

        if (!blk_name(blk)[0] && !dev) {
            continue;
        }
        if (!first) {
            monitor_printf(mon, "\n");
        }
        first = false;
        if (bs && bs->drv) {
            monitor_printf(mon, "%s (%s): %s (%s%s)\n", blk_name(blk),
                           bs->node_name, bs->filename, bs->drv->format_name,
                           bs->read_only ? ", read-only" : "");
        } else {
            monitor_printf(mon, "%s: [not inserted]\n", blk_name(blk));
        }
        if (dev) {
            char *path = object_get_canonical_path((Object *)dev);

            monitor_printf(mon, "    Attached to:      %s\n", path);
            g_free(path);
        }
        if (bs && bs->drv) {
            monitor_printf(mon, "    Cache mode:       %s%s%s\n",
                           blk_enable_write_cache(blk) ? "writeback"
                                                       : "writethrough",
                           (bs->open_flags & BDRV_O_NOCACHE) ? ", direct" : "",
                           (bs->open_flags & BDRV_O_NO_FLUSH) ? ", ignore flushes"
                                                              : "");
            if (bs->backing_file[0]) {
                monitor_printf(mon, "    Backing file:     %s (chain depth: "
                               "%d)\n", bs->backing_file,
                               bdrv_backing_bs(bs) ? 1 : 0);
            }
        }
    }
}
