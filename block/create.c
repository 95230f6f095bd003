/*
 * Image creation shared by qemu-img and -drive snapshot=on:
 * bdrv_img_create() with QEMU's "Formatting ..." line.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/option.h"
#include "qapi/qmp/qdict.h"
#include "block/block_int.h"
#include "sysemu/block-backend.h"

/* create */

static const char *const fmt_opt_order[] = {
    "cluster_size", "extended_l2", "preallocation", "compression_type",
    "size", "backing_file", "backing_fmt", "compat", "encryption",
    "data_file", "lazy_refcounts", "refcount_bits", "nocow", NULL
};

static void print_create_line(const char *filename, const char *fmt,
                              QemuOpts *opts, bool is_qcow2)
{
    GString *s = g_string_new(NULL);
    int i;

    g_string_append_printf(s, "Formatting '%s', fmt=%s", filename, fmt);
    for (i = 0; fmt_opt_order[i]; i++) {
        const char *k = fmt_opt_order[i];
        const char *v = qemu_opt_get(opts, k);
        char dflt[32];

        if (!v && is_qcow2) {
            if (!strcmp(k, "cluster_size")) {
                v = "65536";
            } else if (!strcmp(k, "extended_l2") ||
                       !strcmp(k, "lazy_refcounts")) {
                v = "off";
            } else if (!strcmp(k, "compression_type")) {
                v = "zlib";
            } else if (!strcmp(k, "refcount_bits")) {
                v = "16";
            }
        }
        if (!strcmp(k, "size")) {
            snprintf(dflt, sizeof(dflt), "%" PRIu64,
                     qemu_opt_get_size(opts, "size", 0));
            v = dflt;
        }
        if (!strcmp(k, "cluster_size") && v) {
            snprintf(dflt, sizeof(dflt), "%" PRIu64,
                     qemu_opt_get_size(opts, "cluster_size", 65536));
            v = dflt;
        }
        if (v) {
            g_string_append_printf(s, " %s=%s", k, v);
        }
    }
    printf("%s\n", s->str);
    g_string_free(s, true);
}


QemuOptsList *bdrv_create_opts_for(BlockDriver *drv)
{
    QemuOptsList *l = qemu_opts_append(NULL, drv->create_opts);
    BlockDriver *proto = bdrv_find_format("file");

    if (drv->is_format && proto->create_opts) {
        l = qemu_opts_append(l, proto->create_opts);
    }
    return l;
}

void bdrv_img_create(const char *filename, const char *fmt,
                     const char *base_filename, const char *base_fmt,
                     char *options, uint64_t img_size, int flags,
                     bool quiet, Error **errp)
{
    BlockDriver *drv = bdrv_find_format(fmt);
    QemuOptsList *list;
    QemuOpts *opts;
    Error *local_err = NULL;

    if (!drv || !drv->is_format) {
        error_setg(errp, "Unknown file format '%s'", fmt);
        return;
    }
    if (!drv->create_opts) {
        error_setg(errp, "Format driver '%s' does not support image creation",
                   fmt);
        return;
    }
    list = bdrv_create_opts_for(drv);
    opts = qemu_opts_create(list, NULL, 0, &error_abort);
    if (options && !qemu_opts_do_parse(opts, options, NULL, &local_err)) {
        error_propagate(errp, local_err);
        goto out;
    }
    if (img_size != (uint64_t)-1) {
        qemu_opt_set_number(opts, "size", img_size, &error_abort);
    }
    if (base_filename) {
        if (!qemu_opt_set(opts, "backing_file", base_filename, &local_err)) {
            error_setg(errp, "Backing file not supported for file format '%s'",
                       fmt);
            error_free(local_err);
            goto out;
        }
    }
    if (base_fmt) {
        if (!qemu_opt_set(opts, "backing_fmt", base_fmt, &local_err)) {
            error_setg(errp, "Backing file format not supported for file "
                       "format '%s'", fmt);
            error_free(local_err);
            goto out;
        }
    }
    base_filename = qemu_opt_get(opts, "backing_file");
    base_fmt = qemu_opt_get(opts, "backing_fmt");
    if (base_filename) {
        g_autofree char *full = NULL;
        BlockBackend *bblk;
        QDict *bo = qdict_new();

        if (!strcmp(base_filename, filename)) {
            error_setg(errp, "Error: Trying to create an image with the same "
                       "filename as the backing file");
            qobject_unref(bo);
            goto out;
        }
        full = bdrv_get_full_backing_filename_from_filename(filename,
                                                            base_filename,
                                                            &local_err);
        if (!full) {
            error_propagate(errp, local_err);
            qobject_unref(bo);
            goto out;
        }
        if (base_fmt) {
            qdict_put_str(bo, "driver", base_fmt);
        }
        qdict_put_bool(bo, BDRV_OPT_FORCE_SHARE, true);
        bdrv_warn_probed_raw = false;
        bblk = blk_new_open(full, NULL, bo, BDRV_O_NO_BACKING, &local_err);
        bdrv_warn_probed_raw = true;
        if (!bblk) {
            if (qemu_opt_get(opts, "size")) {
                /* QEMU allows a missing backing file when size is given */
                warn_report_err(local_err);
                local_err = NULL;
            } else {
                error_propagate_prepend(errp, local_err,
                                        "Could not open backing image: ");
                goto out;
            }
        } else {
            if (!base_fmt) {
                const char *det = bdrv_get_format_name(blk_bs(bblk));

                error_setg(errp, "Backing file specified without backing "
                           "format");
                error_append_hint(errp, "Detected format of %s.", det);
                blk_unref(bblk);
                goto out;
            }
            if (!qemu_opt_get(opts, "size")) {
                qemu_opt_set_number(opts, "size", blk_getlength(bblk),
                                    &error_abort);
            }
            blk_unref(bblk);
        }
    }
    if (!qemu_opt_get(opts, "size")) {
        error_setg(errp, "Image creation needs a size parameter");
        goto out;
    }
    if (!quiet) {
        print_create_line(filename, fmt, opts, !strcmp(fmt, "qcow2"));
        fflush(stdout);
    }
    bdrv_create(drv, filename, opts, errp);
out:
    qemu_opts_del(opts);
    qemu_opts_free(list);
}

