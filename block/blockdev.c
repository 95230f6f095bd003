/*
 * -drive and -blockdev: turn command-line options into BlockBackends
 * and node graphs.  -drive keeps QEMU's legacy bookkeeping (DriveInfo,
 * if=/bus=/unit=/index=, default ids like ide0-hd0 and virtio0) that
 * boards query with drive_get().
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/option.h"
#include "qemu/config-file.h"
#include "qemu/cutils.h"
#include "qemu/module.h"
#include "qemu/help_option.h"
#include "qemu/qemu-print.h"
#include "qapi/qmp/qdict.h"
#include "qapi/qmp/qstring.h"
#include "block/block_int.h"
#include "sysemu/block-backend.h"
#include "sysemu/blockdev.h"

static const char *const if_name[IF_COUNT] = {
    [IF_NONE] = "none",
    [IF_IDE] = "ide",
    [IF_SCSI] = "scsi",
    [IF_FLOPPY] = "floppy",
    [IF_PFLASH] = "pflash",
    [IF_MTD] = "mtd",
    [IF_SD] = "sd",
    [IF_VIRTIO] = "virtio",
    [IF_XEN] = "xen",
};

static const int if_max_devs[IF_COUNT] = {
    [IF_IDE] = 2,   /* master and slave per bus */
    [IF_SCSI] = 7,
};

const char *if_name_str(BlockInterfaceType type)
{
    return type >= 0 && type < IF_COUNT ? if_name[type] : "?";
}

/* Accepts anything; drive_new() validates against the lists below. */
QemuOptsList qemu_drive_opts = {
    .name = "drive",
    .head = QTAILQ_HEAD_INITIALIZER(qemu_drive_opts.head),
    .desc = { { /* end: any parameter */ } },
};

QemuOptsList qemu_common_drive_opts = {
    .name = "drive",
    .head = QTAILQ_HEAD_INITIALIZER(qemu_common_drive_opts.head),
    .desc = {
        { .name = "snapshot", .type = QEMU_OPT_BOOL,
          .help = "enable/disable snapshot mode" },
        { .name = "aio", .type = QEMU_OPT_STRING,
          .help = "host AIO implementation (threads, native, io_uring)" },
        { .name = BDRV_OPT_CACHE_WB, .type = QEMU_OPT_BOOL,
          .help = "Enable writeback mode" },
        { .name = "format", .type = QEMU_OPT_STRING,
          .help = "disk format (raw, qcow2, ...)" },
        { .name = "rerror", .type = QEMU_OPT_STRING,
          .help = "read error action" },
        { .name = "werror", .type = QEMU_OPT_STRING,
          .help = "write error action" },
        { .name = BDRV_OPT_READ_ONLY, .type = QEMU_OPT_BOOL,
          .help = "open drive file as read-only" },
        { .name = "copy-on-read", .type = QEMU_OPT_BOOL,
          .help = "copy read data from backing file into image file" },
        { .name = "detect-zeroes", .type = QEMU_OPT_STRING,
          .help = "try to optimize zero writes (off, on, unmap)" },
        { .name = "stats-account-invalid", .type = QEMU_OPT_BOOL },
        { .name = "stats-account-failed", .type = QEMU_OPT_BOOL },
        { /* end */ }
    },
};

QemuOptsList qemu_legacy_drive_opts = {
    .name = "drive",
    .head = QTAILQ_HEAD_INITIALIZER(qemu_legacy_drive_opts.head),
    .desc = {
        { .name = "bus", .type = QEMU_OPT_NUMBER, .help = "bus number" },
        { .name = "unit", .type = QEMU_OPT_NUMBER, .help = "unit number" },
        { .name = "index", .type = QEMU_OPT_NUMBER, .help = "index number" },
        { .name = "media", .type = QEMU_OPT_STRING, .help = "media type" },
        { .name = "if", .type = QEMU_OPT_STRING,
          .help = "interface (ide, scsi, sd, mtd, floppy, pflash, virtio)" },
        { .name = "file", .type = QEMU_OPT_STRING, .help = "file name" },
        { .name = "addr", .type = QEMU_OPT_STRING, .help = "pci address" },
        { /* end */ }
    },
};

static void drive_opts_init(void)
{
    if (!qemu_find_opts_err("drive", NULL)) {
        qemu_add_opts(&qemu_drive_opts);
    }
}
opts_init(drive_opts_init);

static GPtrArray *all_drives;

static void print_block_format(void *opaque, const char *name)
{
    qemu_printf(" %s", name);
}

static int parse_block_error_action(const char *buf, bool is_read,
                                    Error **errp)
{
    if (!strcmp(buf, "ignore")) {
        return BLOCKDEV_ON_ERROR_IGNORE;
    } else if (!is_read && !strcmp(buf, "enospc")) {
        return BLOCKDEV_ON_ERROR_ENOSPC;
    } else if (!strcmp(buf, "stop")) {
        return BLOCKDEV_ON_ERROR_STOP;
    } else if (!strcmp(buf, "report")) {
        return BLOCKDEV_ON_ERROR_REPORT;
    }
    error_setg(errp, "'%s' invalid %s error action", buf,
               is_read ? "read" : "write");
    return -1;
}

DriveInfo *drive_get(BlockInterfaceType type, int bus, int unit)
{
    guint i;

    for (i = 0; all_drives && i < all_drives->len; i++) {
        DriveInfo *d = g_ptr_array_index(all_drives, i);

        if (d->type == type && d->bus == bus && d->unit == unit) {
            return d;
        }
    }
    return NULL;
}

DriveInfo *drive_get_by_index(BlockInterfaceType type, int index)
{
    int max = if_max_devs[type];

    return max ? drive_get(type, index / max, index % max)
               : drive_get(type, 0, index);
}

int drive_get_max_bus(BlockInterfaceType type)
{
    int max = -1;
    guint i;

    for (i = 0; all_drives && i < all_drives->len; i++) {
        DriveInfo *d = g_ptr_array_index(all_drives, i);

        if (d->type == type) {
            max = MAX(max, d->bus);
        }
    }
    return max;
}

bool drive_check_orphaned(void)
{
    bool orphans = false;
    guint i;

    for (i = 0; all_drives && i < all_drives->len; i++) {
        DriveInfo *d = g_ptr_array_index(all_drives, i);
        BlockBackend *blk = blk_by_legacy_dinfo(d);

        if (d->type != IF_NONE && blk && !blk_get_attached_dev(blk)) {
            loc_push_none(&(Location){ 0 });
            error_report("machine type does not support if=%s,bus=%d,unit=%d",
                         if_name[d->type], d->bus, d->unit);
            orphans = true;
        }
    }
    return orphans;
}

void blockdev_mark_auto_del(BlockBackend *blk)
{
    DriveInfo *d = blk_legacy_dinfo(blk);

    if (d) {
        d->auto_del = 1;
    }
}

void blockdev_auto_del(BlockBackend *blk)
{
    DriveInfo *d = blk_legacy_dinfo(blk);

    if (d && d->auto_del) {
        blk_unref(blk);
    }
}

/* snapshot=on: a temporary qcow2 overlay that is deleted once open. */
static char *create_snapshot_overlay(BlockDriverState *bs, Error **errp)
{
    g_autofree char *tmpl = g_build_filename(g_get_tmp_dir(),
                                             "vl.XXXXXX", NULL);
    char *path;
    int fd = g_mkstemp(tmpl);
    Error *local_err = NULL;
    char sizebuf[32];
    g_autofree char *optstr = NULL;

    if (fd < 0) {
        error_setg_errno(errp, errno, "Could not get temporary filename");
        return NULL;
    }
    close(fd);
    path = g_strdup(tmpl);
    snprintf(sizebuf, sizeof(sizebuf), "%" PRId64, bdrv_getlength(bs));
    optstr = g_strdup_printf("size=%s", sizebuf);
    {
        /* The overlay lives elsewhere: name its backing file absolutely. */
        g_autofree char *abs = g_canonicalize_filename(bs->filename, NULL);

        bdrv_img_create(path, "qcow2", abs, bdrv_get_format_name(bs), NULL,
                        bdrv_getlength(bs), 0, true, &local_err);
    }
    if (local_err) {
        error_propagate(errp, local_err);
        unlink(path);
        g_free(path);
        return NULL;
    }
    return path;
}

/*
 * Whether @bs_opts asks for a node beyond the options every drive has
 * (an empty CD-ROM keeps read-only and cache settings for later media).
 */
static bool blockdev_has_node_options(QDict *bs_opts)
{
    static const char *const common[] = {
        BDRV_OPT_READ_ONLY, BDRV_OPT_CACHE_DIRECT, BDRV_OPT_CACHE_NO_FLUSH,
        "auto-read-only", "discard", "detect-zeroes", "force-share",
    };
    const QDictEntry *e;
    size_t i;

    for (e = qdict_first(bs_opts); e; e = qdict_next(bs_opts, e)) {
        for (i = 0; i < ARRAY_SIZE(common); i++) {
            if (!strcmp(qdict_entry_key(e), common[i])) {
                break;
            }
        }
        if (i == ARRAY_SIZE(common)) {
            return true;
        }
    }
    return false;
}

/* Takes the -drive option dict @bs_opts (flat) and builds the BB. */
static BlockBackend *blockdev_init(const char *file, QDict *bs_opts,
                                   bool snapshot, bool writethrough,
                                   bool read_only, Error **errp)
{
    BlockBackend *blk;
    BlockDriverState *bs = NULL;
    g_autofree char *id = bdrv_take_str(bs_opts, "id");
    g_autofree char *werror = bdrv_take_str(bs_opts, "werror");
    g_autofree char *rerror = bdrv_take_str(bs_opts, "rerror");
    g_autofree char *aio = bdrv_take_str(bs_opts, "aio");
    int on_read_error = BLOCKDEV_ON_ERROR_REPORT;
    int on_write_error = BLOCKDEV_ON_ERROR_ENOSPC;
    int flags = read_only ? 0 : BDRV_O_RDWR;
    uint64_t perm = BLK_PERM_CONSISTENT_READ;
    uint64_t shared = BLK_PERM_CONSISTENT_READ | BLK_PERM_WRITE_UNCHANGED |
                      BLK_PERM_RESIZE;

    if (werror) {
        on_write_error = parse_block_error_action(werror, false, errp);
        if (on_write_error < 0) {
            return NULL;
        }
    }
    if (rerror) {
        on_read_error = parse_block_error_action(rerror, true, errp);
        if (on_read_error < 0) {
            return NULL;
        }
    }
    if (aio) {
        if (!strcmp(aio, "native")) {
            flags |= BDRV_O_NATIVE_AIO;
        } else if (!strcmp(aio, "io_uring")) {
            flags |= BDRV_O_IO_URING;
        } else if (strcmp(aio, "threads")) {
            error_setg(errp, "invalid aio option");
            return NULL;
        }
        /*
         * A flag, as in QEMU: the protocol node below the format
         * inherits it (format drivers would refuse an "aio" option).
         */
    }
    if (!read_only) {
        perm |= BLK_PERM_WRITE;
    }
    blk = blk_new(NULL, perm, shared);
    /* No file but driver options (driver=blkdebug,image...): open too. */
    if ((file && *file) || blockdev_has_node_options(bs_opts)) {
        bs = bdrv_open(file && *file ? file : NULL, NULL,
                       qobject_ref(bs_opts), flags, errp);
        if (!bs) {
            blk_unref(blk);
            return NULL;
        }
        if (snapshot) {
            char *overlay = create_snapshot_overlay(bs, errp);
            QDict *o;
            BlockDriverState *top;

            if (!overlay) {
                bdrv_unref(bs);
                blk_unref(blk);
                return NULL;
            }
            o = qdict_new();
            qdict_put_str(o, "driver", "qcow2");
            qdict_put_str(o, "backing", bs->node_name);
            top = bdrv_open(overlay, NULL, o, BDRV_O_RDWR | BDRV_O_TEMPORARY,
                            errp);
            unlink(overlay);
            g_free(overlay);
            bdrv_unref(bs);
            if (!top) {
                blk_unref(blk);
                return NULL;
            }
            bs = top;
        }
        if (blk_insert_bs(blk, bs, errp) < 0) {
            bdrv_unref(bs);
            blk_unref(blk);
            return NULL;
        }
        bdrv_unref(bs);
    } else if (qdict_size(bs_opts) > 0) {
        /* Options without a medium are checked as QEMU does. */
        const char *k = qdict_entry_key(qdict_first(bs_opts));

        if (strcmp(k, "driver") && strcmp(k, BDRV_OPT_READ_ONLY) &&
            !g_str_has_prefix(k, "cache.") && strcmp(k, "discard") &&
            strcmp(k, "detect-zeroes") && strcmp(k, "aio")) {
            error_setg(errp, "Must specify either driver or file");
            blk_unref(blk);
            return NULL;
        }
    }
    blk_set_enable_write_cache(blk, !writethrough);
    blk_set_on_error(blk, on_read_error, on_write_error);
    if (!monitor_add_blk(blk, id, errp)) {
        blk_unref(blk);
        return NULL;
    }
    return blk;
}

DriveInfo *drive_new(QemuOpts *all_opts, BlockInterfaceType block_default_type,
                     Error **errp)
{
    const char *value;
    BlockBackend *blk;
    DriveInfo *dinfo = NULL;
    QDict *bs_opts;
    QemuOpts *legacy_opts;
    BlockInterfaceType type;
    int bus_id, unit_id, index, max_devs;
    bool media_cd = false, read_only, snapshot, writethrough = false;
    const char *filename;
    Error *local_err = NULL;
    int i;

    /* cache= and readonly= are shorthands for their -blockdev forms. */
    value = qemu_opt_get(all_opts, "cache");
    if (value) {
        int flags = 0;

        if (bdrv_parse_cache_mode(value, &flags, &writethrough) != 0) {
            error_setg(errp, "invalid cache option");
            return NULL;
        }
        if (!qemu_opt_get(all_opts, BDRV_OPT_CACHE_WB)) {
            qemu_opt_set(all_opts, BDRV_OPT_CACHE_WB,
                         writethrough ? "off" : "on", &error_abort);
        }
        if (!qemu_opt_get(all_opts, BDRV_OPT_CACHE_DIRECT)) {
            qemu_opt_set(all_opts, BDRV_OPT_CACHE_DIRECT,
                         (flags & BDRV_O_NOCACHE) ? "on" : "off",
                         &error_abort);
        }
        if (!qemu_opt_get(all_opts, BDRV_OPT_CACHE_NO_FLUSH)) {
            qemu_opt_set(all_opts, BDRV_OPT_CACHE_NO_FLUSH,
                         (flags & BDRV_O_NO_FLUSH) ? "on" : "off",
                         &error_abort);
        }
        qemu_opt_unset(all_opts, "cache");
    }
    value = qemu_opt_get(all_opts, "readonly");
    if (value) {
        if (qemu_opt_get(all_opts, BDRV_OPT_READ_ONLY)) {
            error_setg(errp, "readonly and read-only are mutually exclusive");
            return NULL;
        }
        qemu_opt_set(all_opts, BDRV_OPT_READ_ONLY, value, &error_abort);
        qemu_opt_unset(all_opts, "readonly");
    }

    bs_opts = qdict_new();
    qemu_opts_to_qdict(all_opts, bs_opts);
    if (qemu_opts_id(all_opts)) {
        qdict_put_str(bs_opts, "id", qemu_opts_id(all_opts));
    }

    /* Legacy options: interface, position, medium. */
    legacy_opts = qemu_opts_create(&qemu_legacy_drive_opts, NULL, 0,
                                   &error_abort);
    {
        QDict *legacy = qdict_new();
        static const char *const lk[] = {
            "bus", "unit", "index", "media", "if", "file", "addr", NULL
        };

        for (i = 0; lk[i]; i++) {
            char *v = bdrv_take_str(bs_opts, lk[i]);

            if (v) {
                qdict_put_str(legacy, lk[i], v);
                g_free(v);
            }
        }
        if (!qemu_opts_absorb_qdict(legacy_opts, legacy, &local_err)) {
            qobject_unref(legacy);
            goto fail;
        }
        qobject_unref(legacy);
    }

    value = qemu_opt_get(legacy_opts, "media");
    if (value) {
        if (!strcmp(value, "disk")) {
            media_cd = false;
        } else if (!strcmp(value, "cdrom")) {
            media_cd = true;
            qdict_put_str(bs_opts, BDRV_OPT_READ_ONLY, "on");
        } else {
            error_setg(&local_err, "'%s' invalid media", value);
            goto fail;
        }
    }
    read_only = bdrv_take_bool(bs_opts, BDRV_OPT_READ_ONLY, false, &local_err);
    if (local_err) {
        goto fail;
    }
    snapshot = bdrv_take_bool(bs_opts, "snapshot", false, &local_err);
    if (local_err) {
        goto fail;
    }
    {
        bool wb = bdrv_take_bool(bs_opts, BDRV_OPT_CACHE_WB, !writethrough,
                                 &local_err);

        if (local_err) {
            goto fail;
        }
        writethrough = !wb;
    }
    if (read_only) {
        qdict_put_str(bs_opts, BDRV_OPT_READ_ONLY, "on");
    }
    {
        g_autofree char *fmt = bdrv_take_str(bs_opts, "format");

        if (fmt) {
            if (is_help_option(fmt)) {
                qemu_printf("Supported formats:");
                bdrv_iterate_format(print_block_format, NULL, false);
                qemu_printf("\n");
                exit(0);
            }
            if (!bdrv_find_format(fmt)) {
                error_setg(&local_err, "Unknown driver '%s'", fmt);
                goto fail;
            }
            qdict_put_str(bs_opts, "driver", fmt);
        }
    }

    value = qemu_opt_get(legacy_opts, "if");
    if (value) {
        for (type = 0; type < IF_COUNT && strcmp(value, if_name[type]);
             type++) {
        }
        if (type == IF_COUNT) {
            error_setg(&local_err, "unsupported bus type '%s'", value);
            goto fail;
        }
    } else {
        type = block_default_type;
    }

    bus_id = qemu_opt_get_number(legacy_opts, "bus", 0);
    unit_id = qemu_opt_get_number(legacy_opts, "unit", -1);
    index = qemu_opt_get_number(legacy_opts, "index", -1);
    max_devs = if_max_devs[type];
    if (index != -1) {
        if (bus_id != 0 || unit_id != -1) {
            error_setg(&local_err, "index cannot be used with bus and unit");
            goto fail;
        }
        if (max_devs == 0) {
            unit_id = index;
            bus_id = 0;
        } else {
            unit_id = index % max_devs;
            bus_id = index / max_devs;
        }
    }
    if (unit_id == -1) {
        unit_id = 0;
        while (drive_get(type, bus_id, unit_id) != NULL) {
            unit_id++;
            if (max_devs && unit_id >= max_devs) {
                unit_id -= max_devs;
                bus_id++;
            }
        }
    }
    if (max_devs && unit_id >= max_devs) {
        error_setg(&local_err, "unit %d too big (max is %d)", unit_id,
                   max_devs - 1);
        goto fail;
    }
    if (drive_get(type, bus_id, unit_id) != NULL) {
        error_setg(&local_err, "drive with bus=%d, unit=%d (index=%d) exists",
                   bus_id, unit_id, index);
        goto fail;
    }
    /* This machine has IDE (two buses) and virtio only. */
    if (type != IF_NONE && type != IF_VIRTIO &&
        !(type == IF_IDE && bus_id < 2)) {
        error_setg(&local_err, "machine type does not support "
                   "if=%s,bus=%d,unit=%d", if_name[type], bus_id, unit_id);
        goto fail;
    }

    if (!qdict_haskey(bs_opts, "id")) {
        const char *mediastr = "";
        char *new_id;

        if (type == IF_IDE || type == IF_SCSI) {
            mediastr = media_cd ? "-cd" : "-hd";
        }
        if (max_devs) {
            new_id = g_strdup_printf("%s%i%s%i", if_name[type], bus_id,
                                     mediastr, unit_id);
        } else {
            new_id = g_strdup_printf("%s%s%i", if_name[type], mediastr,
                                     unit_id);
        }
        qdict_put_str(bs_opts, "id", new_id);
        g_free(new_id);
    }

    if (type == IF_VIRTIO) {
        QemuOpts *devopts = qemu_opts_create(qemu_find_opts("device"), NULL,
                                             0, &error_abort);
        const char *addr = qemu_opt_get(legacy_opts, "addr");

        qemu_opt_set(devopts, "driver", "virtio-blk-pci", &error_abort);
        qemu_opt_set(devopts, "drive", qdict_get_str(bs_opts, "id"),
                     &error_abort);
        if (addr) {
            qemu_opt_set(devopts, "addr", addr, &error_abort);
        }
    } else if (qemu_opt_get(legacy_opts, "addr")) {
        error_setg(&local_err, "addr is not supported by this bus type");
        goto fail;
    }

    filename = qemu_opt_get(legacy_opts, "file");
    if (!filename && !media_cd && type != IF_NONE &&
        !qdict_haskey(bs_opts, "driver")) {
        /* A disk drive needs a medium (QEMU fails when opening it). */
    }
    blk = blockdev_init(filename, bs_opts, snapshot, writethrough, read_only,
                        &local_err);
    bs_opts = NULL;
    if (!blk) {
        goto fail;
    }

    dinfo = g_new0(DriveInfo, 1);
    dinfo->opts = all_opts;
    dinfo->type = type;
    dinfo->bus = bus_id;
    dinfo->unit = unit_id;
    dinfo->media_cd = media_cd;
    blk_set_legacy_dinfo(blk, dinfo);
    if (!all_drives) {
        all_drives = g_ptr_array_new();
    }
    g_ptr_array_add(all_drives, dinfo);

fail:
    qemu_opts_del(legacy_opts);
    qobject_unref(bs_opts);
    if (local_err) {
        error_propagate(errp, local_err);
    }
    return dinfo;
}

/* -blockdev and blockdev-add */

static BlockDriverState *blockdev_open_node(QDict *opts, Error **errp)
{
    QDict *d = qdict_clone_shallow(opts);
    BlockDriverState *bs;
    int flags = BDRV_O_RDWR;

    if (!qdict_get_try_str(d, "node-name")) {
        qobject_unref(d);
        error_setg(errp, "'node-name' must be specified for the root node");
        return NULL;
    }
    if (!qdict_haskey(d, "driver")) {
        qobject_unref(d);
        error_setg(errp, "Parameter 'driver' is missing");
        return NULL;
    }
    /* -blockdev never probes: every child must name its driver too. */
    bs = bdrv_open(NULL, NULL, d, flags, errp);
    if (!bs) {
        return NULL;
    }
    bdrv_add_monitor_owned(bs);
    return bs;
}

bool blockdev_cmdline_add(QDict *opts, Error **errp)
{
    return blockdev_open_node(opts, errp) != NULL;
}

void qmp_blockdev_add_qdict(QDict *opts, Error **errp)
{
    blockdev_open_node(opts, errp);
}

void qmp_blockdev_del(const char *node_name, Error **errp)
{
    BlockDriverState *bs = bdrv_find_node(node_name);

    if (!bs) {
        error_setg(errp, "Failed to find node with node-name='%s'", node_name);
        return;
    }
    if (!bs->monitor_owned) {
        error_setg(errp, "Node %s is not owned by the monitor", node_name);
        return;
    }
    if (bs->refcnt > 1) {
        error_setg(errp, "Node %s is in use", node_name);
        return;
    }
    bdrv_remove_monitor_owned(bs);
}

/* The BlockBackend a device uses for @bs, if any (its resize callback). */
static BlockBackend *blockdev_parent_blk(BlockDriverState *bs)
{
    BlockBackend *blk;

    for (blk = blk_all_next(NULL); blk; blk = blk_all_next(blk)) {
        if (blk_bs(blk) == bs) {
            return blk;
        }
    }
    return NULL;
}

void qmp_block_resize(bool has_device, const char *device,
                      bool has_node_name, const char *node_name,
                      int64_t size, Error **errp)
{
    BlockDriverState *bs = NULL;
    BlockBackend *blk;

    if (has_device && (blk = blk_by_name(device))) {
        bs = blk_bs(blk);
    }
    if (!bs && has_node_name) {
        bs = bdrv_find_node(node_name);
    }
    if (!bs) {
        error_setg(errp, "Cannot find device='%s' nor node-name='%s'",
                   has_device ? device : "", has_node_name ? node_name : "");
        return;
    }
    if (size < 0) {
        error_setg(errp, "Parameter 'size' expects a >0 size");
        return;
    }
    blk = blockdev_parent_blk(bs);
    if (blk) {
        blk_truncate(blk, size, false, PREALLOC_MODE_OFF, 0, errp);
        return;
    }
    /* A node no device uses: through a BlockBackend of our own. */
    blk = blk_new(NULL, BLK_PERM_RESIZE, BLK_PERM_ALL);
    if (blk_insert_bs(blk, bs, errp) == 0) {
        blk_truncate(blk, size, false, PREALLOC_MODE_OFF, 0, errp);
    }
    blk_unref(blk);
}
