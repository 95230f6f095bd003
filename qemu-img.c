/*
 * qemu-img: create, inspect, check, convert and modify disk images.
 * Command line, messages and exit codes follow QEMU 7.2's qemu-img.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/cutils.h"
#include "qemu/option.h"
#include "qemu/module.h"
#include "qemu/memalign.h"
#include "qemu/help_option.h"
#include "qapi/qmp/qdict.h"
#include "qapi/qmp/qjson.h"
#include "qapi/qmp/qstring.h"
#include "qapi/qmp/qlist.h"
#include "block/block_int.h"
#include "sysemu/block-backend.h"
#include <getopt.h>


static void QEMU_NORETURN G_GNUC_PRINTF(1, 2) error_exit(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    error_vreport(fmt, ap);
    va_end(ap);
    error_printf("Try 'qemu-img --help' for more information\n");
    exit(EXIT_FAILURE);
}

static void QEMU_NORETURN missing_argument(const char *option)
{
    error_exit("missing argument for option '%s'", option);
}

static void QEMU_NORETURN unrecognized_option(const char *option)
{
    error_exit("unrecognized option '%s'", option);
}

static void print_format(void *opaque, const char *name)
{
    printf(" %s", name);
}

static void help(void)
{
    printf("qemu-img version " QEMU_VERSION " (" QEMU_PKGVERSION ")\n"
           "usage: qemu-img [standard options] command [command options]\n"
           "QEMU disk image utility\n\n"
           "Command syntax:\n"
           "  bench [-c count] [-d depth] [-f fmt] [-n] [-o offset] [-s "
           "buffer_size] [-S step_size] [-t cache] [-i aio] [-w] [-U] "
           "filename\n"
           "  check [-q] [--output=ofmt] [-f fmt] [-r [leaks | all]] [-U] "
           "filename\n"
           "  commit [-q] [-f fmt] [-t cache] [-b base] [-d] [-p] filename\n"
           "  compare [-f fmt] [-F fmt] [-p] [-q] [-s] [-U] filename1 "
           "filename2\n"
           "  convert [-c] [-p] [-q] [-n] [-f fmt] [-t cache] [-T src_cache] "
           "[-O output_fmt] [-o options] [-S sparse_size] filename "
           "output_filename\n"
           "  create [-q] [-f fmt] [-b backing_file [-F backing_fmt]] [-u] "
           "[-o options] filename [size]\n"
           "  info [-f fmt] [--output=ofmt] [--backing-chain] [-U] filename\n"
           "  map [-f fmt] [--output=ofmt] [-U] filename\n"
           "  measure [--output=ofmt] [-O output_fmt] [-o options] "
           "[--size N | [-f fmt] filename]\n"
           "  amend [-q] [-f fmt] -o options filename\n"
           "  rebase [-q] [-f fmt] [-t cache] [-p] [-u] -b backing_file "
           "[-F backing_fmt] filename\n"
           "  resize [-f fmt] [--shrink] filename [+ | -]size\n"
           "  snapshot [-q] [-l | -a snapshot | -c snapshot | -d snapshot] "
           "filename\n\n"
           "Supported formats:");
    bdrv_iterate_format(print_format, NULL, false);
    printf("\n");
    exit(EXIT_SUCCESS);
}

static BlockBackend *img_open(const char *filename, const char *fmt,
                              int flags, bool force_share, bool quiet,
                              const char *cache)
{
    QDict *opts = qdict_new();
    Error *err = NULL;
    BlockBackend *blk;
    bool wt = false;
    int cflags = 0;

    if (fmt) {
        qdict_put_str(opts, "driver", fmt);
    }
    if (force_share) {
        qdict_put_bool(opts, BDRV_OPT_FORCE_SHARE, true);
    } else {
        flags |= BDRV_O_NO_SHARE;
    }
    if (cache) {
        if (bdrv_parse_cache_mode(cache, &cflags, &wt) < 0) {
            error_report("Invalid cache option: %s", cache);
            qobject_unref(opts);
            return NULL;
        }
        flags |= cflags;
    }
    if (!(flags & BDRV_O_RDWR)) {
        bdrv_warn_probed_raw = false;
    }
    blk = blk_new_open(filename, NULL, opts, flags, &err);
    bdrv_warn_probed_raw = true;
    if (!blk) {
        error_reportf_err(err, "Could not open '%s': ", filename);
        return NULL;
    }
    blk_set_enable_write_cache(blk, !wt);
    return blk;
}

static void blk_close(BlockBackend *blk)
{
    if (blk) {
        blk_unref(blk);
    }
}

/* create */

static int print_create_help(const char *fmt)
{
    BlockDriver *drv = bdrv_find_format(fmt);
    QemuOptsList *l;

    if (!drv || !drv->create_opts) {
        error_report("Format driver '%s' does not support image creation",
                     fmt);
        return 1;
    }
    l = bdrv_create_opts_for(drv);
    printf("Supported options:\n");
    qemu_opts_print_help(l, false);
    qemu_opts_free(l);
    return 0;
}

/* --output=human|json as qemu-img takes it; false once reported. */
static bool parse_output_format(const char *output, bool *json)
{
    if (output && strcmp(output, "json") && strcmp(output, "human")) {
        error_report("--output must be used with human or json as argument.");
        return false;
    }
    *json = output && !strcmp(output, "json");
    return true;
}

static int img_create(int argc, char **argv)
{
    const char *fmt = "raw", *base_fmt = NULL, *base = NULL;
    g_autofree char *options = NULL;
    bool quiet = false;
    uint64_t size = -1;
    Error *err = NULL;
    int c;
    static const struct option long_options[] = {
        { "help", no_argument, 0, 'h' },
        { "object", required_argument, 0, 1 },
        { 0, 0, 0, 0 }
    };

    while ((c = getopt_long(argc, argv, ":F:b:f:ho:qu", long_options,
                            NULL)) != -1) {
        switch (c) {
        case ':':
            missing_argument(argv[optind - 1]);
        case '?':
            unrecognized_option(argv[optind - 1]);
        case 'h':
            help();
        case 'F':
            base_fmt = optarg;
            break;
        case 'b':
            base = optarg;
            break;
        case 'f':
            fmt = optarg;
            break;
        case 'o':
            if (is_help_option(optarg)) {
                return print_create_help(fmt);
            }
            if (options) {
                char *n = g_strdup_printf("%s,%s", options, optarg);
                g_free(options);
                options = n;
            } else {
                options = g_strdup(optarg);
            }
            break;
        case 'q':
            quiet = true;
            break;
        case 'u':
            break;
        }
    }
    if (optind >= argc) {
        error_exit("Expecting image file name");
    }
    if (optind + 2 < argc) {
        error_exit("Unexpected argument: %s", argv[optind + 2]);
    }
    if (optind + 1 < argc) {
        int64_t sval;
        uint64_t v;

        if (qemu_strtosz(argv[optind + 1], NULL, &v) < 0 || v > INT64_MAX) {
            error_report("Invalid image size specified. You may use k, M, G, "
                         "T, P or E suffixes for");
            error_report("kilobytes, megabytes, gigabytes, terabytes, "
                         "petabytes and exabytes.");
            return 1;
        }
        sval = v;
        size = sval;
    }
    bdrv_img_create(argv[optind], fmt, base, base_fmt, options, size, 0,
                    quiet, &err);
    if (err) {
        error_reportf_err(err, "%s: ", argv[optind]);
        return 1;
    }
    return 0;
}

/*
 * QEMU prints QDicts in the order of its hash buckets (tdb_hash modulo
 * 512, newest first within a bucket); qemu-img's JSON output is compared
 * textually by scripts, so JSON output is reordered the same way.
 */
static unsigned qemu_qdict_bucket(const char *name)
{
    unsigned value = 0x238F13AF * strlen(name), i;

    for (i = 0; name[i]; i++) {
        value += ((const unsigned char *)name)[i] << (i * 5 % 24);
    }
    return (1103515243 * value + 12345) % 512;
}

typedef struct KeyOrder {
    const char *key;
    unsigned bucket;
    int pos;
} KeyOrder;

static gint key_order_cmp(gconstpointer a, gconstpointer b)
{
    const KeyOrder *x = a, *y = b;

    if (x->bucket != y->bucket) {
        return x->bucket < y->bucket ? -1 : 1;
    }
    return y->pos - x->pos;
}

static QObject *qemu_order(QObject *o)
{
    if (qobject_type(o) == QTYPE_QDICT) {
        QDict *d = qobject_to(QDict, o), *n = qdict_new();
        GArray *keys = g_array_new(false, false, sizeof(KeyOrder));
        const QDictEntry *e;
        guint i;
        int pos = 0;

        for (e = qdict_first(d); e; e = qdict_next(d, e)) {
            KeyOrder k = { qdict_entry_key(e),
                           qemu_qdict_bucket(qdict_entry_key(e)), pos++ };

            g_array_append_val(keys, k);
        }
        g_array_sort(keys, key_order_cmp);
        for (i = 0; i < keys->len; i++) {
            const char *k = g_array_index(keys, KeyOrder, i).key;

            qdict_put_obj(n, k, qemu_order(qdict_get(d, k)));
        }
        g_array_free(keys, true);
        return QOBJECT(n);
    }
    if (qobject_type(o) == QTYPE_QLIST) {
        QList *l = qobject_to(QList, o), *n = qlist_new();
        QListEntry *e;

        QLIST_FOREACH_ENTRY(l, e) {
            qlist_append_obj(n, qemu_order(qlist_entry_obj(e)));
        }
        return QOBJECT(n);
    }
    return qobject_ref(o);
}

static void print_json(QObject *o)
{
    QObject *ordered = qemu_order(o);
    GString *j = qobject_to_json_pretty(ordered, true);

    printf("%s\n", j->str);
    g_string_free(j, true);
    qobject_unref(ordered);
}

/* info */

static QDict *image_info(BlockDriverState *bs, const char *filename)
{
    QDict *d = qdict_new();
    BlockDriverInfo bdi;
    int64_t len = bdrv_getlength(bs), actual;
    QEMUSnapshotInfo *sn = NULL;
    int nsn;

    nsn = bdrv_snapshot_list(bs, &sn);
    if (nsn > 0) {
        QList *l = qlist_new();
        int i;

        for (i = 0; i < nsn; i++) {
            QDict *e = qdict_new();

            if (sn[i].icount != (uint64_t)-1) {
                qdict_put_int(e, "icount", sn[i].icount);
            }
            qdict_put_int(e, "vm-clock-nsec", sn[i].vm_clock_nsec % 1000000000);
            qdict_put_str(e, "name", sn[i].name);
            qdict_put_int(e, "date-sec", sn[i].date_sec);
            qdict_put_int(e, "date-nsec", sn[i].date_nsec);
            qdict_put_int(e, "vm-clock-sec", sn[i].vm_clock_nsec / 1000000000);
            qdict_put_str(e, "id", sn[i].id_str);
            qdict_put_int(e, "vm-state-size", sn[i].vm_state_size);
            qlist_append(l, e);
        }
        qdict_put(d, "snapshots", l);
    }
    g_free(sn);
    if (bdrv_backing_bs(bs) || bs->backing_file[0]) {
        if (bs->backing_format[0]) {
            qdict_put_str(d, "backing-filename-format", bs->backing_format);
        }
    }
    qdict_put_int(d, "virtual-size", len);
    qdict_put_str(d, "filename", filename);
    if (bdrv_get_info(bs, &bdi) == 0 && bdi.cluster_size) {
        qdict_put_int(d, "cluster-size", bdi.cluster_size);
    }
    qdict_put_str(d, "format", bdrv_get_format_name(bs));
    actual = bdrv_get_allocated_file_size(bs);
    if (actual >= 0) {
        qdict_put_int(d, "actual-size", actual);
    }
    if (bs->drv->bdrv_get_specific_info) {
        QDict *data = bs->drv->bdrv_get_specific_info(bs, NULL);

        if (data) {
            QDict *fs = qdict_new();

            qdict_put_str(fs, "type", bdrv_get_format_name(bs));
            qdict_put(fs, "data", data);
            qdict_put(d, "format-specific", fs);
        }
    }
    if (bs->backing_file[0]) {
        char full[4096];

        bdrv_get_full_backing_filename(bs, full, sizeof(full), NULL);
        qdict_put_str(d, "full-backing-filename", full);
        qdict_put_str(d, "backing-filename", bs->backing_file);
    }
    if (bdrv_get_info(bs, &bdi) == 0) {
        qdict_put_bool(d, "dirty-flag", bdi.is_dirty);
    } else {
        qdict_put_bool(d, "dirty-flag", false);
    }
    return d;
}

static char *human_size(int64_t v)
{
    return size_to_str(v);
}

static void print_snapshot_header(void)
{
    printf("%-10s%-17s%8s%20s%13s%11s\n", "ID", "TAG", "VM SIZE", "DATE",
           "VM CLOCK", "ICOUNT");
}

static void print_snapshot(QEMUSnapshotInfo *sn)
{
    char date[64], clock[64];
    g_autofree char *vmsz = size_to_str(sn->vm_state_size);
    time_t t = sn->date_sec;
    struct tm tm;
    uint64_t secs = sn->vm_clock_nsec / 1000000000ULL;
    char icount[32] = "";

    localtime_r(&t, &tm);
    strftime(date, sizeof(date), "%Y-%m-%d %H:%M:%S", &tm);
    snprintf(clock, sizeof(clock), "%02d:%02d:%02d.%03d",
             (int)(secs / 3600), (int)((secs / 60) % 60), (int)(secs % 60),
             (int)((sn->vm_clock_nsec / 1000000) % 1000));
    if (sn->icount != (uint64_t)-1) {
        snprintf(icount, sizeof(icount), "%" PRIu64, sn->icount);
    }
    printf("%-9s %-16s %8s%20s%13s%11s\n", sn->id_str, sn->name, vmsz, date,
           clock, icount);
}

static void print_info_human(BlockDriverState *bs, QDict *d)
{
    g_autofree char *vs = human_size(qdict_get_int(d, "virtual-size"));
    QDict *fs = qdict_get_qdict(d, "format-specific");

    printf("image: %s\n", qdict_get_str(d, "filename"));
    printf("file format: %s\n", qdict_get_str(d, "format"));
    printf("virtual size: %s (%" PRId64 " bytes)\n", vs,
           qdict_get_int(d, "virtual-size"));
    if (qdict_haskey(d, "actual-size")) {
        g_autofree char *as = human_size(qdict_get_int(d, "actual-size"));

        printf("disk size: %s\n", as);
    } else {
        printf("disk size: unavailable\n");
    }
    if (qdict_haskey(d, "cluster-size")) {
        printf("cluster_size: %" PRId64 "\n", qdict_get_int(d, "cluster-size"));
    }
    if (qdict_get_try_bool(d, "dirty-flag", false)) {
        printf("cleanly shut down: no\n");
    }
    if (qdict_haskey(d, "backing-filename")) {
        const char *b = qdict_get_str(d, "backing-filename");
        const char *fb = qdict_get_str(d, "full-backing-filename");

        if (strcmp(b, fb)) {
            printf("backing file: %s (actual path: %s)\n", b, fb);
        } else {
            printf("backing file: %s\n", b);
        }
        if (qdict_haskey(d, "backing-filename-format")) {
            printf("backing file format: %s\n",
                   qdict_get_str(d, "backing-filename-format"));
        }
    }
    {
        QEMUSnapshotInfo *sn = NULL;
        int n = bdrv_snapshot_list(bs, &sn), i;

        if (n > 0) {
            printf("Snapshot list:\n");
            print_snapshot_header();
            for (i = 0; i < n; i++) {
                print_snapshot(&sn[i]);
            }
        }
        g_free(sn);
    }
    if (fs) {
        QDict *data = qdict_get_qdict(fs, "data");
        const QDictEntry *e;

        printf("Format specific information:\n");
        for (e = qdict_first(data); e; e = qdict_next(data, e)) {
            g_autofree char *key = g_strdup(qdict_entry_key(e));
            QObject *v = qdict_entry_value(e);
            char *p;

            for (p = key; *p; p++) {
                if (*p == '-') {
                    *p = ' ';
                }
            }
            if (qobject_type(v) == QTYPE_QSTRING) {
                printf("    %s: %s\n", key,
                       qstring_get_str(qobject_to(QString, v)));
            } else {
                GString *j = qobject_to_json(v);

                printf("    %s: %s\n", key, j->str);
                g_string_free(j, true);
            }
        }
    }
}

static int img_info(int argc, char **argv)
{
    const char *fmt = NULL, *output = NULL;
    bool json;
    bool chain = false, force_share = false;
    BlockBackend *blk;
    BlockDriverState *bs;
    int c;
    GPtrArray *infos = g_ptr_array_new();
    static const struct option long_options[] = {
        { "help", no_argument, 0, 'h' },
        { "format", required_argument, 0, 'f' },
        { "output", required_argument, 0, 2 },
        { "backing-chain", no_argument, 0, 3 },
        { "force-share", no_argument, 0, 'U' },
        { "image-opts", no_argument, 0, 4 },
        { 0, 0, 0, 0 }
    };

    while ((c = getopt_long(argc, argv, ":f:hU", long_options, NULL)) != -1) {
        switch (c) {
        case ':':
            missing_argument(argv[optind - 1]);
        case '?':
            unrecognized_option(argv[optind - 1]);
        case 'h':
            help();
        case 'f':
            fmt = optarg;
            break;
        case 'U':
            force_share = true;
            break;
        case 2:
            output = optarg;
            break;
        case 3:
            chain = true;
            break;
        }
    }
    if (optind != argc - 1) {
        error_exit("Expecting one image file name");
    }
    if (!parse_output_format(output, &json)) {
        return 1;
    }
    blk = img_open(argv[optind], fmt, chain ? 0 : BDRV_O_NO_BACKING,
                   force_share, false, NULL);
    if (!blk) {
        return 1;
    }
    bs = blk_bs(blk);
    {
        const char *fname = argv[optind];
        BlockDriverState *cur = bs;

        while (cur) {
            QDict *d = image_info(cur, fname);

            g_ptr_array_add(infos, d);
            if (!chain) {
                break;
            }
            cur = bdrv_backing_bs(cur);
            if (cur) {
                fname = qdict_get_str(d, "full-backing-filename");
                fname = cur->filename;
            }
        }
    }
    if (json) {
        if (chain) {
            QList *l = qlist_new();
            guint i;
            GString *j;

            for (i = 0; i < infos->len; i++) {
                qlist_append(l, qobject_ref((QDict *)infos->pdata[i]));
            }
            (void)j;
            print_json(QOBJECT(l));
            qobject_unref(l);
        } else {
            print_json(QOBJECT((QDict *)infos->pdata[0]));
        }
    } else {
        BlockDriverState *cur = bs;
        guint i;

        for (i = 0; i < infos->len; i++) {
            if (i) {
                printf("\n");
            }
            print_info_human(cur, infos->pdata[i]);
            cur = bdrv_backing_bs(cur);
        }
    }
    {
        guint i;

        for (i = 0; i < infos->len; i++) {
            qobject_unref((QDict *)infos->pdata[i]);
        }
        g_ptr_array_free(infos, true);
    }
    blk_close(blk);
    return 0;
}

/* check */

static int img_check(int argc, char **argv)
{
    const char *fmt = NULL, *output = NULL, *cache = NULL;
    bool json;
    bool quiet = false, force_share = false;
    int fix = 0, c, ret, flags = BDRV_O_CHECK;
    BlockBackend *blk;
    BlockDriverState *bs;
    BdrvCheckResult res;
    static const struct option long_options[] = {
        { "help", no_argument, 0, 'h' },
        { "format", required_argument, 0, 'f' },
        { "repair", required_argument, 0, 'r' },
        { "output", required_argument, 0, 2 },
        { "force-share", no_argument, 0, 'U' },
        { 0, 0, 0, 0 }
    };

    while ((c = getopt_long(argc, argv, ":hf:r:T:qU", long_options,
                            NULL)) != -1) {
        switch (c) {
        case ':':
            missing_argument(argv[optind - 1]);
        case '?':
            unrecognized_option(argv[optind - 1]);
        case 'h':
            help();
        case 'f':
            fmt = optarg;
            break;
        case 'r':
            flags |= BDRV_O_RDWR;
            if (!strcmp(optarg, "leaks")) {
                fix = BDRV_FIX_LEAKS;
            } else if (!strcmp(optarg, "all")) {
                fix = BDRV_FIX_LEAKS | BDRV_FIX_ERRORS;
            } else {
                error_exit("Unknown option value for -r "
                           "(expecting 'leaks' or 'all'): %s", optarg);
            }
            break;
        case 'T':
            cache = optarg;
            break;
        case 'q':
            quiet = true;
            break;
        case 'U':
            force_share = true;
            break;
        case 2:
            output = optarg;
            break;
        }
    }
    if (optind != argc - 1) {
        error_exit("Expecting one image file name");
    }
    if (!parse_output_format(output, &json)) {
        return 1;
    }
    blk = img_open(argv[optind], fmt, flags, force_share, quiet, cache);
    if (!blk) {
        return 1;
    }
    bs = blk_bs(blk);
    ret = bdrv_check(bs, &res, fix);
    if (ret == -ENOTSUP) {
        error_report("This image format does not support checks");
        blk_close(blk);
        return 63;
    }
    if (json) {
        QDict *d = qdict_new();

        qdict_put_int(d, "image-end-offset", res.image_end_offset);
        qdict_put_int(d, "total-clusters", res.total_clusters);
        qdict_put_int(d, "check-errors", res.check_errors);
        if (res.leaks) {
            qdict_put_int(d, "leaks", res.leaks);
        }
        if (res.corruptions) {
            qdict_put_int(d, "corruptions", res.corruptions);
        }
        if (res.leaks_fixed) {
            qdict_put_int(d, "leaks-fixed", res.leaks_fixed);
        }
        if (res.corruptions_fixed) {
            qdict_put_int(d, "corruptions-fixed", res.corruptions_fixed);
        }
        qdict_put_int(d, "allocated-clusters", res.allocated_clusters);
        if (res.fragmented_clusters) {
            qdict_put_int(d, "fragmented-clusters", res.fragmented_clusters);
        }
        if (res.compressed_clusters) {
            qdict_put_int(d, "compressed-clusters", res.compressed_clusters);
        }
        qdict_put_str(d, "filename", argv[optind]);
        qdict_put_str(d, "format", bdrv_get_format_name(bs));
        print_json(QOBJECT(d));
        qobject_unref(d);
    } else if (!quiet) {
        if (res.leaks_fixed || res.corruptions_fixed) {
            printf("The following inconsistencies were found and repaired:\n\n"
                   "    %d leaked clusters\n    %d corruptions\n\n"
                   "Double checking the fixed image now...\n",
                   res.leaks_fixed, res.corruptions_fixed);
            ret = bdrv_check(bs, &res, 0);
        }
        if (!res.corruptions && !res.leaks && !res.check_errors) {
            printf("No errors were found on the image.\n");
        } else {
            if (res.corruptions) {
                printf("\n%d errors were found on the image.\n"
                       "Data may be corrupted, or further writes to the image "
                       "may corrupt it.\n", res.corruptions);
            }
            if (res.leaks) {
                printf("\n%d leaked clusters were found on the image.\n"
                       "This means waste of disk space, but no harm to data.\n",
                       res.leaks);
            }
            if (res.check_errors) {
                printf("\n%d internal errors have occurred during the check.\n",
                       res.check_errors);
            }
        }
        if (res.total_clusters != 0 && res.allocated_clusters != 0) {
            printf("%" PRId64 "/%" PRId64 " = %0.2f%% allocated, %0.2f%% "
                   "fragmented, %0.2f%% compressed clusters\n",
                   res.allocated_clusters, res.total_clusters,
                   res.allocated_clusters * 100.0 / res.total_clusters,
                   res.fragmented_clusters * 100.0 / res.allocated_clusters,
                   res.compressed_clusters * 100.0 / res.allocated_clusters);
        }
        if (res.image_end_offset > 0) {
            printf("Image end offset: %" PRId64 "\n", res.image_end_offset);
        }
    }
    blk_close(blk);
    if (ret < 0 || res.check_errors) {
        if (ret < 0 && !quiet) {
            error_report("Check failed: %s", strerror(-ret));
        }
        return 1;
    }
    if (res.corruptions) {
        return 2;
    }
    if (res.leaks) {
        return 3;
    }
    return 0;
}

/* convert */

static int img_convert(int argc, char **argv)
{
    const char *fmt = NULL, *out_fmt = "raw", *cache = "unsafe";
    const char *src_cache = NULL, *out_baseimg = NULL;
    g_autofree char *options = NULL;
    bool compress = false, progress = false, quiet = false, skip_create = false;
    bool force_share = false;
    int64_t sparse = 4096, total = 0, done = 0, chunk;
    int c, i, nsrc, ret = 0;
    BlockBackend **src;
    BlockBackend *out;
    int64_t *src_len;
    uint8_t *buf;
    Error *err = NULL;
    int cluster = 0;
    static const struct option long_options[] = {
        { "help", no_argument, 0, 'h' },
        { "force-share", no_argument, 0, 'U' },
        { "target-is-zero", no_argument, 0, 2 },
        { 0, 0, 0, 0 }
    };

    while ((c = getopt_long(argc, argv, ":hf:O:B:Cco:l:S:pt:T:qnm:WUr:F:",
                            long_options, NULL)) != -1) {
        switch (c) {
        case ':':
            missing_argument(argv[optind - 1]);
        case '?':
            unrecognized_option(argv[optind - 1]);
        case 'h':
            help();
        case 'f':
            fmt = optarg;
            break;
        case 'O':
            out_fmt = optarg;
            break;
        case 'B':
            out_baseimg = optarg;
            break;
        case 'c':
            compress = true;
            break;
        case 'o':
            if (is_help_option(optarg)) {
                return print_create_help(out_fmt);
            }
            if (options) {
                char *n = g_strdup_printf("%s,%s", options, optarg);
                g_free(options);
                options = n;
            } else {
                options = g_strdup(optarg);
            }
            break;
        case 'S': {
            uint64_t v;

            if (qemu_strtosz(optarg, NULL, &v) < 0 || v > INT_MAX ||
                (v & 511)) {
                error_report("Invalid buffer size for sparse output "
                             "specified. Valid sizes are multiples of 512 "
                             "up to %d. Select 0 to disable sparse detection "
                             "(fully allocates output).", INT_MAX & ~511);
                return 1;
            }
            sparse = v;
            break;
        }
        case 'p':
            progress = true;
            break;
        case 't':
            cache = optarg;
            break;
        case 'T':
            src_cache = optarg;
            break;
        case 'q':
            quiet = true;
            break;
        case 'n':
            skip_create = true;
            break;
        case 'U':
            force_share = true;
            break;
        default:
            break;
        }
    }
    if (quiet) {
        progress = false;
    }
    nsrc = argc - optind - 1;
    if (nsrc < 1) {
        error_exit("Must specify image file name");
    }
    src = g_new0(BlockBackend *, nsrc);
    src_len = g_new0(int64_t, nsrc);
    for (i = 0; i < nsrc; i++) {
        src[i] = img_open(argv[optind + i], fmt, 0, force_share, quiet,
                          src_cache);
        if (!src[i]) {
            return 1;
        }
        src_len[i] = blk_getlength(src[i]);
        if (src_len[i] < 0) {
            error_report("Could not get size of %s: %s", argv[optind + i],
                         strerror(-src_len[i]));
            return 1;
        }
        total += src_len[i];
    }
    if (!skip_create) {
        bdrv_img_create(argv[argc - 1], out_fmt, out_baseimg, NULL, options,
                        ROUND_UP(total, BDRV_SECTOR_SIZE), 0, true, &err);
        if (err) {
            error_reportf_err(err, "%s: ", argv[argc - 1]);
            return 1;
        }
    }
    out = img_open(argv[argc - 1], out_fmt, BDRV_O_RDWR, false, quiet, cache);
    if (!out) {
        return 1;
    }
    if (skip_create && blk_getlength(out) < total) {
        error_report("Target image size too small");
        return 1;
    }
    {
        BlockDriverInfo bdi;

        if (bdrv_get_info(blk_bs(out), &bdi) == 0) {
            cluster = bdi.cluster_size;
        }
    }
    if (compress && cluster <= 0) {
        error_report("Compression not supported for this file format");
        return 1;
    }
    chunk = MAX(cluster, 2 * MiB);
    if (compress) {
        chunk = cluster;
    }
    buf = qemu_blockalign(blk_bs(out), chunk);
    {
        int64_t base = 0;
        bool target_zero = !skip_create && blk_bs(out)->has_zero_init &&
                           !out_baseimg;

        for (i = 0; i < nsrc && ret == 0; i++) {
            int64_t off = 0;

            while (off < src_len[i]) {
                int64_t n = MIN(chunk, src_len[i] - off), pnum, tail_pad;
                int st = bdrv_block_status(blk_bs(src[i]), off, n, &pnum,
                                           NULL, NULL);
                bool zero;

                if (st < 0) {
                    ret = st;
                    break;
                }
                /* The source's backing chain counts too. */
                if (!(st & BDRV_BLOCK_ALLOCATED) && !(st & BDRV_BLOCK_ZERO) &&
                    bdrv_backing_bs(blk_bs(src[i]))) {
                    st = BDRV_BLOCK_DATA;
                }
                n = MIN(n, pnum);
                if (compress && n < chunk && off + n < src_len[i]) {
                    n = MIN(chunk, src_len[i] - off);
                    st = BDRV_BLOCK_DATA;
                }
                /* A compressed tail must reach the image end: pad it. */
                tail_pad = 0;
                if (compress && off + n == src_len[i] && i == nsrc - 1) {
                    tail_pad = blk_getlength(out) - (base + off + n);
                    if (tail_pad < 0 || n + tail_pad > chunk) {
                        tail_pad = 0;
                    }
                }
                zero = (st & BDRV_BLOCK_ZERO) ||
                       (!(st & BDRV_BLOCK_DATA) &&
                        !bdrv_backing_bs(blk_bs(src[i])) &&
                        !(st & BDRV_BLOCK_ALLOCATED) &&
                        strcmp(bdrv_get_format_name(blk_bs(src[i])), "raw"));
                if (!zero) {
                    ret = blk_pread(src[i], off, n, buf, 0);
                    if (ret < 0) {
                        error_report("error while reading at byte %" PRId64
                                     ": %s", off, strerror(-ret));
                        break;
                    }
                    if (sparse && buffer_is_zero(buf, n)) {
                        zero = true;
                    }
                }
                if (zero) {
                    if (!target_zero) {
                        ret = blk_pwrite_zeroes(out, base + off, n,
                                                BDRV_REQ_MAY_UNMAP);
                    }
                } else if (sparse && !compress) {
                    /* Skip zero runs of @sparse bytes inside the chunk. */
                    int64_t p = 0;

                    while (p < n && ret == 0) {
                        int64_t q = MIN(n - p, sparse);

                        if (buffer_is_zero(buf + p, q)) {
                            if (!target_zero) {
                                ret = blk_pwrite_zeroes(out, base + off + p, q,
                                                        0);
                            }
                        } else {
                            int64_t r = q;

                            while (p + r < n && !buffer_is_zero(
                                       buf + p + r, MIN(sparse, n - p - r))) {
                                r += MIN(sparse, n - p - r);
                            }
                            ret = blk_pwrite(out, base + off + p, r, buf + p,
                                             0);
                            q = r;
                        }
                        p += q;
                    }
                } else {
                    memset(buf + n, 0, tail_pad);
                    ret = blk_pwrite(out, base + off, n + tail_pad, buf,
                                     compress ? BDRV_REQ_WRITE_COMPRESSED : 0);
                }
                if (ret < 0) {
                    error_report("error while writing at byte %" PRId64 ": %s",
                                 base + off, strerror(-ret));
                    break;
                }
                off += n;
                done += n;
                if (progress) {
                    printf("    (%.2f/100%%)\r", done * 100.0 / MAX(total, 1));
                    fflush(stdout);
                }
            }
            base += src_len[i];
        }
    }
    if (progress && ret == 0) {
        printf("    (100.00/100%%)\n");
    }
    qemu_vfree(buf);
    if (ret == 0) {
        ret = blk_flush(out);
    }
    blk_close(out);
    for (i = 0; i < nsrc; i++) {
        blk_close(src[i]);
    }
    g_free(src);
    g_free(src_len);
    return ret < 0 ? 1 : 0;
}

/* resize */

static int img_resize(int argc, char **argv)
{
    const char *fmt = NULL, *size;
    bool shrink = false, quiet = false, relative = false, neg = false;
    BlockBackend *blk;
    int64_t cur, n;
    uint64_t v;
    Error *err = NULL;
    int c, ret;
    static const struct option long_options[] = {
        { "help", no_argument, 0, 'h' },
        { "shrink", no_argument, 0, 2 },
        { "preallocation", required_argument, 0, 3 },
        { 0, 0, 0, 0 }
    };
    PreallocMode prealloc = PREALLOC_MODE_OFF;

    /* A size like -1G must not be taken for an option. */
    if (argc > 1 && argv[argc - 1][0] == '-' &&
        qemu_isdigit(argv[argc - 1][1])) {
        argv[argc - 1][0] = '_';
        neg = true;
    }
    while ((c = getopt_long(argc, argv, ":f:hq", long_options, NULL)) != -1) {
        switch (c) {
        case ':':
            missing_argument(argv[optind - 1]);
        case '?':
            unrecognized_option(argv[optind - 1]);
        case 'h':
            help();
        case 'f':
            fmt = optarg;
            break;
        case 'q':
            quiet = true;
            break;
        case 2:
            shrink = true;
            break;
        case 3: {
            int p = prealloc_mode_from_str(optarg);

            if (p < 0) {
                error_report("Invalid preallocation mode '%s'", optarg);
                return 1;
            }
            prealloc = p;
            break;
        }
        }
    }
    if (optind != argc - 2) {
        error_exit("Expecting image file name and size");
    }
    size = argv[optind + 1];
    if (size[0] == '+' || size[0] == '_') {
        relative = true;
        size++;
    }
    if (qemu_strtosz(size, NULL, &v) < 0 || v > INT64_MAX) {
        error_report("Invalid image size specified. You may use k, M, G, T, "
                     "P or E suffixes for");
        error_report("kilobytes, megabytes, gigabytes, terabytes, petabytes "
                     "and exabytes.");
        return 1;
    }
    blk = img_open(argv[optind], fmt, BDRV_O_RDWR | BDRV_O_RESIZE, false,
                   quiet, NULL);
    if (!blk) {
        return 1;
    }
    cur = blk_getlength(blk);
    n = relative ? (neg ? cur - (int64_t)v : cur + (int64_t)v) : (int64_t)v;
    if (n <= 0) {
        error_report("New image size must be positive");
        blk_close(blk);
        return 1;
    }
    if (n < cur && !shrink) {
        error_report("Use the --shrink option to perform a shrink "
                     "operation.");
        warn_report("Shrinking an image will delete all data beyond the "
                    "shrunken image's end. Before performing such an "
                    "operation, make sure there is no important data there.");
        blk_close(blk);
        return 1;
    }
    ret = blk_truncate(blk, n, false, prealloc, 0, &err);
    if (ret < 0) {
        error_report_err(err);
        blk_close(blk);
        return 1;
    }
    if (!quiet) {
        printf("Image resized.\n");
    }
    blk_close(blk);
    return 0;
}

/* snapshot */

static int img_snapshot(int argc, char **argv)
{
    enum { SNAPSHOT_LIST = 1, SNAPSHOT_CREATE, SNAPSHOT_APPLY,
           SNAPSHOT_DELETE } action = 0;
    const char *name = NULL;
    bool quiet = false, force_share = false;
    BlockBackend *blk;
    BlockDriverState *bs;
    Error *err = NULL;
    int c, ret = 0;

    while ((c = getopt(argc, argv, ":la:c:d:hqU")) != -1) {
        switch (c) {
        case ':':
            missing_argument(argv[optind - 1]);
        case '?':
            unrecognized_option(argv[optind - 1]);
        case 'h':
            help();
        case 'l':
        case 'a':
        case 'c':
        case 'd':
            if (action) {
                error_exit("Cannot mix '-l', '-a', '-c', '-d'");
            }
            action = c == 'l' ? SNAPSHOT_LIST : c == 'c' ? SNAPSHOT_CREATE
                     : c == 'a' ? SNAPSHOT_APPLY : SNAPSHOT_DELETE;
            name = optarg;
            break;
        case 'q':
            quiet = true;
            break;
        case 'U':
            force_share = true;
            break;
        }
    }
    if (optind != argc - 1) {
        error_exit("Expecting one image file name");
    }
    if (!action) {
        action = SNAPSHOT_LIST;
    }
    blk = img_open(argv[optind], NULL,
                   action == SNAPSHOT_LIST ? BDRV_O_NO_BACKING
                   : BDRV_O_RDWR | BDRV_O_NO_BACKING,
                   force_share && action == SNAPSHOT_LIST, quiet, NULL);
    if (!blk) {
        return 1;
    }
    bs = blk_bs(blk);
    switch (action) {
    case SNAPSHOT_LIST: {
        QEMUSnapshotInfo *sn = NULL;
        int n = bdrv_snapshot_list(bs, &sn), i;

        if (n > 0) {
            printf("Snapshot list:\n");
            print_snapshot_header();
            for (i = 0; i < n; i++) {
                print_snapshot(&sn[i]);
            }
        }
        g_free(sn);
        break;
    }
    case SNAPSHOT_CREATE: {
        QEMUSnapshotInfo sn;
        gint64 now = g_get_real_time();

        memset(&sn, 0, sizeof(sn));
        pstrcpy(sn.name, sizeof(sn.name), name);
        sn.date_sec = now / G_USEC_PER_SEC;
        sn.date_nsec = (now % G_USEC_PER_SEC) * 1000;
        sn.icount = -1ULL;
        ret = bdrv_snapshot_create(bs, &sn);
        if (ret < 0) {
            error_report("Could not create snapshot '%s': %s", name,
                         strerror(-ret));
        }
        break;
    }
    case SNAPSHOT_APPLY:
        ret = bdrv_snapshot_goto(bs, name, &err);
        if (ret < 0) {
            error_reportf_err(err, "Could not apply snapshot '%s': ", name);
        }
        break;
    case SNAPSHOT_DELETE: {
        QEMUSnapshotInfo sn;

        if (!bdrv_snapshot_find(bs, &sn, name)) {
            error_report("Could not delete snapshot '%s': snapshot not found",
                         name);
            ret = -ENOENT;
            break;
        }
        ret = bdrv_snapshot_delete(bs, sn.id_str, sn.name, &err);
        if (ret < 0) {
            error_reportf_err(err, "Could not delete snapshot '%s': ", name);
        }
        break;
    }
    }
    blk_close(blk);
    return ret < 0 ? 1 : 0;
}

/* map */

static int img_map(int argc, char **argv)
{
    const char *fmt = NULL, *output = NULL;
    bool force_share = false, json;
    BlockBackend *blk;
    BlockDriverState *bs;
    int64_t len, off = 0;
    int c;
    bool first = true;
    static const struct option long_options[] = {
        { "help", no_argument, 0, 'h' },
        { "format", required_argument, 0, 'f' },
        { "output", required_argument, 0, 2 },
        { "force-share", no_argument, 0, 'U' },
        { 0, 0, 0, 0 }
    };

    while ((c = getopt_long(argc, argv, ":f:hU", long_options, NULL)) != -1) {
        switch (c) {
        case ':':
            missing_argument(argv[optind - 1]);
        case '?':
            unrecognized_option(argv[optind - 1]);
        case 'h':
            help();
        case 'f':
            fmt = optarg;
            break;
        case 'U':
            force_share = true;
            break;
        case 2:
            output = optarg;
            break;
        }
    }
    if (optind != argc - 1) {
        error_exit("Expecting one image file name");
    }
    if (!parse_output_format(output, &json)) {
        return 1;
    }
    blk = img_open(argv[optind], fmt, 0, force_share, false, NULL);
    if (!blk) {
        return 1;
    }
    bs = blk_bs(blk);
    len = blk_getlength(blk);
    if (!json) {
        printf("%-16s%-16s%-16s%s\n", "Offset", "Length", "Mapped to", "File");
    } else {
        printf("[");
    }
    /* Merge runs with the same status (walking the backing chain). */
    while (off < len) {
        int64_t n = len - off, pnum, map = 0, start = off;
        int depth = 0, st;
        BlockDriverState *cur = bs, *file = NULL;

        for (;;) {
            st = bdrv_block_status(cur, off, n, &pnum, &map, &file);
            if (st < 0) {
                error_report("Could not read file metadata: %s",
                             strerror(-st));
                blk_close(blk);
                return 1;
            }
            n = pnum;
            if ((st & BDRV_BLOCK_ALLOCATED) || !bdrv_backing_bs(cur) ||
                (st & BDRV_BLOCK_RAW)) {
                break;
            }
            cur = bdrv_backing_bs(cur);
            depth++;
        }
        if (strcmp(bdrv_get_format_name(cur), "raw") == 0 && file == NULL) {
            file = bdrv_file_bs(cur);
        }
        off += n;
        if (json) {
            bool present = !!(st & (BDRV_BLOCK_ALLOCATED | BDRV_BLOCK_DATA));
            bool zero = !!(st & BDRV_BLOCK_ZERO) ||
                        !(st & BDRV_BLOCK_DATA);

            printf("%s{ \"start\": %" PRId64 ", \"length\": %" PRId64 ", "
                   "\"depth\": %d, \"present\": %s, \"zero\": %s, "
                   "\"data\": %s", first ? "" : ",\n", start, n, depth,
                   present ? "true" : "false", zero ? "true" : "false",
                   (st & BDRV_BLOCK_DATA) ? "true" : "false");
            if (st & BDRV_BLOCK_OFFSET_VALID) {
                printf(", \"offset\": %" PRId64, map);
            }
            printf("}");
            first = false;
        } else if (st & BDRV_BLOCK_COMPRESSED) {
            error_report("File contains external, encrypted or compressed "
                         "clusters.");
            blk_close(blk);
            return 1;
        } else if ((st & BDRV_BLOCK_DATA) &&
                   (st & BDRV_BLOCK_OFFSET_VALID)) {
            printf("%#-16" PRIx64 "%#-16" PRIx64 "%#-16" PRIx64 "%s\n",
                   start, n, map, file ? file->filename : "");
        }
    }
    if (json) {
        printf("]\n");
    }
    blk_close(blk);
    return 0;
}

/* commit */

static int img_commit(int argc, char **argv)
{
    const char *fmt = NULL, *cache = "unsafe";
    bool quiet = false, drop = false, progress = false;
    BlockBackend *blk;
    BlockDriverState *bs, *base;
    int64_t len, off = 0;
    uint8_t *buf;
    int c, ret = 0;

    while ((c = getopt(argc, argv, ":f:ht:b:dpqr:")) != -1) {
        switch (c) {
        case ':':
            missing_argument(argv[optind - 1]);
        case '?':
            unrecognized_option(argv[optind - 1]);
        case 'h':
            help();
        case 'f':
            fmt = optarg;
            break;
        case 't':
            cache = optarg;
            break;
        case 'd':
            drop = true;
            break;
        case 'p':
            progress = true;
            break;
        case 'q':
            quiet = true;
            break;
        default:
            break;
        }
    }
    if (optind != argc - 1) {
        error_exit("Expecting one image file name");
    }
    /* The overlay alone (its allocated clusters); the base writable. */
    blk = img_open(argv[optind], fmt, BDRV_O_RDWR | BDRV_O_NO_BACKING, false,
                   quiet, cache);
    if (!blk) {
        return 1;
    }
    bs = blk_bs(blk);
    (void)base;
    if (!bs->backing_file[0]) {
        error_report("Image does not have a backing file");
        blk_close(blk);
        return 1;
    }
    {
        BlockBackend *bblk;
        QDict *o = qdict_new();
        char full[4096];
        Error *err = NULL;

        bdrv_get_full_backing_filename(bs, full, sizeof(full), &err);
        if (err) {
            error_report_err(err);
            blk_close(blk);
            return 1;
        }
        if (bs->backing_format[0]) {
            qdict_put_str(o, "driver", bs->backing_format);
        }
        bdrv_warn_probed_raw = false;
        bblk = blk_new_open(full, NULL, o, BDRV_O_RDWR | BDRV_O_NO_BACKING,
                            &err);
        bdrv_warn_probed_raw = true;
        if (!bblk) {
            error_reportf_err(err, "Could not reopen the backing file "
                              "read-write: ");
            blk_close(blk);
            return 1;
        }
        len = blk_getlength(blk);
        buf = qemu_blockalign(bs, 2 * MiB);
        while (off < len && ret >= 0) {
            int64_t pnum;
            int st = bdrv_block_status(bs, off, MIN(2 * MiB, len - off), &pnum,
                                       NULL, NULL);

            if (st < 0) {
                ret = st;
                break;
            }
            if (st & BDRV_BLOCK_ALLOCATED) {
                ret = blk_pread(blk, off, pnum, buf, 0);
                if (ret == 0) {
                    ret = blk_pwrite(bblk, off, pnum, buf, 0);
                }
            }
            off += pnum;
            if (progress) {
                printf("    (%.2f/100%%)\r", off * 100.0 / len);
            }
        }
        qemu_vfree(buf);
        if (ret == 0) {
            ret = blk_flush(bblk);
        }
        blk_unref(bblk);
    }
    if (ret == 0 && !drop) {
        ret = bdrv_make_empty(&(BdrvChild){ .bs = bs }, NULL);
        if (ret == -ENOTSUP) {
            ret = 0;
        }
    }
    blk_close(blk);
    if (ret < 0) {
        error_report("Commit failed: %s", strerror(-ret));
        return 1;
    }
    if (!quiet) {
        printf("Image committed.\n");
    }
    return 0;
}

/* rebase */

static int img_rebase(int argc, char **argv)
{
    const char *fmt = NULL, *out_base = NULL, *out_fmt = NULL;
    const char *cache = "writeback";
    bool unsafe = false, quiet = false, progress = false;
    BlockBackend *blk, *new_blk = NULL;
    BlockDriverState *bs;
    int c, ret = 0;

    while ((c = getopt(argc, argv, ":hf:F:b:upt:T:qU")) != -1) {
        switch (c) {
        case ':':
            missing_argument(argv[optind - 1]);
        case '?':
            unrecognized_option(argv[optind - 1]);
        case 'h':
            help();
        case 'f':
            fmt = optarg;
            break;
        case 'F':
            out_fmt = optarg;
            break;
        case 'b':
            out_base = optarg;
            break;
        case 'u':
            unsafe = true;
            break;
        case 'p':
            progress = true;
            break;
        case 't':
            cache = optarg;
            break;
        case 'q':
            quiet = true;
            break;
        default:
            break;
        }
    }
    if (optind != argc - 1) {
        error_exit("Expecting one image file name");
    }
    if (!out_base) {
        error_report("Must specify backing file (-b) or use unsafe mode (-u)");
        return 1;
    }
    blk = img_open(argv[optind], fmt,
                   BDRV_O_RDWR | (unsafe ? BDRV_O_NO_BACKING : 0), false,
                   quiet, cache);
    if (!blk) {
        return 1;
    }
    bs = blk_bs(blk);
    if (!unsafe && out_base[0]) {
        QDict *o = qdict_new();
        g_autofree char *full =
            bdrv_get_full_backing_filename_from_filename(bs->filename,
                                                         out_base, NULL);
        Error *err = NULL;

        if (out_fmt) {
            qdict_put_str(o, "driver", out_fmt);
        }
        new_blk = blk_new_open(full, NULL, o, 0, &err);
        if (!new_blk) {
            error_reportf_err(err, "Could not open new backing file '%s': ",
                              out_base);
            blk_close(blk);
            return 1;
        }
        if (!out_fmt) {
            out_fmt = bdrv_get_format_name(blk_bs(new_blk));
        }
    }
    if (!unsafe) {
        /* Copy every cluster whose content differs between old and new
         * backing into the image itself. */
        int64_t len = blk_getlength(blk), off = 0;
        int64_t new_len = new_blk ? blk_getlength(new_blk) : 0;
        g_autofree uint8_t *a = g_malloc(64 * KiB), *b = g_malloc(64 * KiB);

        while (off < len && ret == 0) {
            int64_t n = MIN(64 * KiB, len - off), pnum;
            int st = bdrv_block_status(bs, off, n, &pnum, NULL, NULL);

            if (st < 0) {
                ret = st;
                break;
            }
            n = pnum;
            if (!(st & BDRV_BLOCK_ALLOCATED)) {
                QEMUIOVector q;

                qemu_iovec_init_buf(&q, a, n);
                ret = bdrv_child_preadv(bs, off, n, &q, 0);
                memset(b, 0, n);
                if (ret == 0 && new_blk && off < new_len) {
                    ret = blk_pread(new_blk, off, MIN(n, new_len - off), b, 0);
                }
                if (ret == 0 && memcmp(a, b, n)) {
                    ret = blk_pwrite(blk, off, n, a, 0);
                }
            }
            off += n;
            if (progress) {
                printf("    (%.2f/100%%)\r", off * 100.0 / len);
            }
        }
    }
    if (ret == 0) {
        ret = bdrv_change_backing_file(bs, out_base[0] ? out_base : NULL,
                                       out_base[0] ? out_fmt : NULL, true);
        if (ret == -ENOSPC) {
            error_report("Could not change the backing file to '%s': No space "
                         "left in the file header", out_base);
        } else if (ret < 0) {
            error_report("Could not change the backing file to '%s': %s",
                         out_base, strerror(-ret));
        }
    } else {
        error_report("Error while rebasing: %s", strerror(-ret));
    }
    if (new_blk) {
        blk_unref(new_blk);
    }
    blk_close(blk);
    return ret < 0 ? 1 : 0;
}

/* compare */

static int img_compare(int argc, char **argv)
{
    const char *fmt1 = NULL, *fmt2 = NULL;
    bool strict = false, quiet = false, force_share = false;
    BlockBackend *b1, *b2;
    int64_t l1, l2, off = 0, minlen;
    g_autofree uint8_t *x = g_malloc(1 * MiB), *y = g_malloc(1 * MiB);
    int c, ret = 0;

    while ((c = getopt(argc, argv, ":hf:F:T:pqsU")) != -1) {
        switch (c) {
        case ':':
            missing_argument(argv[optind - 1]);
        case '?':
            unrecognized_option(argv[optind - 1]);
        case 'h':
            help();
        case 'f':
            fmt1 = optarg;
            break;
        case 'F':
            fmt2 = optarg;
            break;
        case 's':
            strict = true;
            break;
        case 'q':
            quiet = true;
            break;
        case 'U':
            force_share = true;
            break;
        default:
            break;
        }
    }
    if (optind != argc - 2) {
        error_exit("Expecting two image file names");
    }
    b1 = img_open(argv[optind], fmt1, 0, force_share, quiet, NULL);
    if (!b1) {
        return 2;
    }
    b2 = img_open(argv[optind + 1], fmt2, 0, force_share, quiet, NULL);
    if (!b2) {
        blk_close(b1);
        return 2;
    }
    l1 = blk_getlength(b1);
    l2 = blk_getlength(b2);
    minlen = MIN(l1, l2);
    while (off < MAX(l1, l2)) {
        int64_t n = MIN(1 * MiB, MAX(l1, l2) - off), i;

        memset(x, 0, n);
        memset(y, 0, n);
        if (off < l1 && blk_pread(b1, off, MIN(n, l1 - off), x, 0) < 0) {
            error_report("Error while reading offset %" PRId64 " of %s",
                         off, argv[optind]);
            ret = 4;
            goto out;
        }
        if (off < l2 && blk_pread(b2, off, MIN(n, l2 - off), y, 0) < 0) {
            error_report("Error while reading offset %" PRId64 " of %s",
                         off, argv[optind + 1]);
            ret = 4;
            goto out;
        }
        if (memcmp(x, y, n)) {
            for (i = 0; i < n && x[i] == y[i]; i++) {
            }
            if (off + i >= minlen) {
                if (!quiet) {
                    printf("Content mismatch at offset %" PRId64 "!\n",
                           off + i);
                }
            } else if (!quiet) {
                printf("Content mismatch at offset %" PRId64 "!\n", off + i);
            }
            ret = 1;
            goto out;
        }
        off += n;
    }
    if (strict && l1 != l2) {
        if (!quiet) {
            printf("Strict mode: Image size mismatch!\n");
        }
        ret = 1;
        goto out;
    }
    if (!quiet) {
        printf("Images are identical.\n");
    }
out:
    blk_close(b1);
    blk_close(b2);
    return ret;
}

/* amend */

static int img_amend(int argc, char **argv)
{
    const char *fmt = NULL;
    g_autofree char *options = NULL;
    bool quiet = false, force = false;
    BlockBackend *blk;
    BlockDriverState *bs;
    QemuOptsList *l;
    QemuOpts *opts;
    Error *err = NULL;
    int c, ret;
    static const struct option long_options[] = {
        { "help", no_argument, 0, 'h' },
        { "force", no_argument, 0, 2 },
        { 0, 0, 0, 0 }
    };

    while ((c = getopt_long(argc, argv, ":ho:f:t:pq", long_options,
                            NULL)) != -1) {
        switch (c) {
        case ':':
            missing_argument(argv[optind - 1]);
        case '?':
            unrecognized_option(argv[optind - 1]);
        case 'h':
            help();
        case 'o':
            if (options) {
                char *n = g_strdup_printf("%s,%s", options, optarg);
                g_free(options);
                options = n;
            } else {
                options = g_strdup(optarg);
            }
            break;
        case 'f':
            fmt = optarg;
            break;
        case 'q':
            quiet = true;
            break;
        case 2:
            force = true;
            break;
        default:
            break;
        }
    }
    if (!options) {
        error_exit("Must specify options (-o)");
    }
    if (optind != argc - 1) {
        error_exit("Expecting one image file name");
    }
    blk = img_open(argv[optind], fmt, BDRV_O_RDWR, false, quiet, NULL);
    if (!blk) {
        return 1;
    }
    bs = blk_bs(blk);
    if (!bs->drv->amend_opts) {
        error_report("Format driver '%s' does not support option amendment",
                     bdrv_get_format_name(bs));
        blk_close(blk);
        return 1;
    }
    l = qemu_opts_append(NULL, bs->drv->amend_opts);
    opts = qemu_opts_create(l, NULL, 0, &error_abort);
    if (!qemu_opts_do_parse(opts, options, NULL, &err)) {
        error_report_err(err);
        ret = -EINVAL;
    } else {
        ret = bdrv_amend_options(bs, opts, force, &err);
        if (ret < 0) {
            error_report_err(err);
        }
    }
    qemu_opts_del(opts);
    qemu_opts_free(l);
    blk_close(blk);
    return ret < 0 ? 1 : 0;
}

/* measure */

static int img_measure(int argc, char **argv)
{
    const char *out_fmt = "raw", *output = NULL, *fmt = NULL;
    bool json;
    int64_t size = -1, required, fully;
    uint64_t cluster = 65536;
    g_autofree char *options = NULL;
    BlockBackend *blk = NULL;
    int c;
    static const struct option long_options[] = {
        { "help", no_argument, 0, 'h' },
        { "output", required_argument, 0, 2 },
        { "size", required_argument, 0, 3 },
        { "force-share", no_argument, 0, 'U' },
        { 0, 0, 0, 0 }
    };

    while ((c = getopt_long(argc, argv, ":hf:O:o:l:U", long_options,
                            NULL)) != -1) {
        switch (c) {
        case ':':
            missing_argument(argv[optind - 1]);
        case '?':
            unrecognized_option(argv[optind - 1]);
        case 'h':
            help();
        case 'f':
            fmt = optarg;
            break;
        case 'O':
            out_fmt = optarg;
            break;
        case 'o':
            options = g_strdup(optarg);
            break;
        case 2:
            output = optarg;
            break;
        case 3: {
            uint64_t v;

            if (qemu_strtosz(optarg, NULL, &v) < 0) {
                error_report("Invalid size specified. Must be between 0 and "
                             "%" PRId64 ".", INT64_MAX);
                return 1;
            }
            size = v;
            break;
        }
        default:
            break;
        }
    }
    if (!parse_output_format(output, &json)) {
        return 1;
    }
    if (size < 0) {
        if (optind != argc - 1) {
            error_report("Either --size N or one filename must be specified.");
            return 1;
        }
        blk = img_open(argv[optind], fmt, 0, false, false, NULL);
        if (!blk) {
            return 1;
        }
        size = blk_getlength(blk);
    }
    if (options) {
        const char *p = strstr(options, "cluster_size=");
        uint64_t v;

        if (p && qemu_strtosz(p + 13, NULL, &v) == 0) {
            cluster = v;
        }
    }
    if (!strcmp(out_fmt, "raw")) {
        required = fully = size;
        if (blk) {
            int64_t off = 0, pnum;

            required = 0;
            while (off < size) {
                int st = bdrv_block_status(blk_bs(blk), off, size - off, &pnum,
                                           NULL, NULL);

                if (st < 0) {
                    break;
                }
                if (st & BDRV_BLOCK_DATA) {
                    required += pnum;
                }
                off += pnum;
            }
        }
    } else if (!strcmp(out_fmt, "qcow2")) {
        uint64_t clusters = DIV_ROUND_UP(size, cluster);
        uint64_t l2 = DIV_ROUND_UP(clusters, cluster / 8);
        uint64_t l1 = DIV_ROUND_UP(l2 * 8, cluster);
        uint64_t meta = (1 + l1 + l2) * cluster;
        uint64_t refblocks = DIV_ROUND_UP(clusters + meta / cluster + 8,
                                          cluster / 2);
        uint64_t alloc = 0;

        meta += (refblocks + DIV_ROUND_UP(refblocks * 8, cluster)) * cluster;
        if (blk) {
            int64_t off = 0, pnum;

            while (off < size) {
                int st = bdrv_block_status(blk_bs(blk), off, size - off, &pnum,
                                           NULL, NULL);

                if (st < 0) {
                    break;
                }
                if (st & BDRV_BLOCK_DATA) {
                    alloc += ROUND_UP(pnum, cluster);
                }
                off += pnum;
            }
        }
        required = meta + alloc;
        fully = meta + clusters * cluster;
    } else {
        error_report("Format driver '%s' does not support size measurement",
                     out_fmt);
        return 1;
    }
    if (json) {
        printf("{\n    \"required\": %" PRId64 ",\n    \"fully-allocated\": %"
               PRId64 "\n}\n", required, fully);
    } else {
        printf("required size: %" PRId64 "\nfully allocated size: %" PRId64
               "\n", required, fully);
    }
    blk_close(blk);
    return 0;
}

/* bench */

typedef struct BenchState {
    BlockBackend *blk;
    int64_t offset, step, image_size, bufsize;
    bool write, random;
    int in_flight, count, done, flush_interval, n;
    bool flush_pending;
    uint8_t *buf;
    GRand *rand;
    int ret;
} BenchState;

static void bench_submit(BenchState *b);

static void bench_cb(void *opaque, int ret)
{
    BenchState *b = opaque;

    b->in_flight--;
    b->done++;
    if (ret < 0) {
        b->ret = ret;
    }
    bench_submit(b);
}

static void bench_submit(BenchState *b)
{
    while (b->n < b->count && b->in_flight < 64 && b->ret == 0 &&
           !b->flush_pending) {
        QEMUIOVector *q = g_new(QEMUIOVector, 1);
        int64_t off;

        if (b->random) {
            off = QEMU_ALIGN_DOWN(g_rand_int_range(b->rand, 0,
                                  (gint32)MIN(INT32_MAX, b->image_size /
                                              b->bufsize)) *
                                  b->bufsize, b->bufsize);
        } else {
            off = b->offset;
            b->offset = (b->offset + b->step) % b->image_size;
            if (off + b->bufsize > b->image_size) {
                off = b->image_size - b->bufsize;
            }
        }
        qemu_iovec_init_buf(q, b->buf, b->bufsize);
        b->in_flight++;
        b->n++;
        if (b->write) {
            blk_aio_pwritev(b->blk, off, q, 0, bench_cb, b);
        } else {
            blk_aio_preadv(b->blk, off, q, 0, bench_cb, b);
        }
        if (b->write && b->flush_interval && b->n % b->flush_interval == 0) {
            b->flush_pending = true;    /* main loop flushes once idle */
            return;
        }
    }
}

static int img_bench(int argc, char **argv)
{
    const char *fmt = NULL, *cache = "writeback", *aio = NULL;
    BenchState b = { .count = 75000, .bufsize = 4096 };
    int64_t depth = 64;
    bool quiet = false, force_share = false, pattern_set = false;
    int c, flags = 0;
    gint64 t0, t1;
    BlockBackend *blk;
    static const struct option long_options[] = {
        { "help", no_argument, 0, 'h' },
        { "flush-interval", required_argument, 0, 3 },
        { "pattern", required_argument, 0, 4 },
        { "random", no_argument, 0, 5 },
        { "force-share", no_argument, 0, 'U' },
        { 0, 0, 0, 0 }
    };
    int pattern = 0;

    while ((c = getopt_long(argc, argv, ":hc:d:f:ni:o:qs:S:t:wU",
                            long_options, NULL)) != -1) {
        switch (c) {
        case ':':
            missing_argument(argv[optind - 1]);
        case '?':
            unrecognized_option(argv[optind - 1]);
        case 'h':
            help();
        case 'c':
            b.count = atoi(optarg);
            break;
        case 'd':
            depth = atoi(optarg);
            break;
        case 'f':
            fmt = optarg;
            break;
        case 'n':
            cache = "none";
            break;
        case 'i':
            aio = optarg;
            break;
        case 'o': {
            uint64_t v;

            qemu_strtosz(optarg, NULL, &v);
            b.offset = v;
            break;
        }
        case 'q':
            quiet = true;
            break;
        case 's': {
            uint64_t v;

            if (qemu_strtosz(optarg, NULL, &v) < 0 || v == 0 ||
                v > INT_MAX) {
                error_report("Invalid buffer size specified");
                return 1;
            }
            b.bufsize = v;
            break;
        }
        case 'S': {
            uint64_t v;

            qemu_strtosz(optarg, NULL, &v);
            b.step = v;
            break;
        }
        case 't':
            cache = optarg;
            break;
        case 'w':
            b.write = true;
            flags |= BDRV_O_RDWR;
            break;
        case 'U':
            force_share = true;
            break;
        case 3:
            b.flush_interval = atoi(optarg);
            break;
        case 4:
            pattern = atoi(optarg);
            pattern_set = true;
            break;
        case 5:
            b.random = true;
            break;
        }
    }
    (void)depth;
    if (optind != argc - 1) {
        error_exit("Expecting one image file name");
    }
    if (aio) {
        if (!strcmp(aio, "io_uring")) {
            flags |= BDRV_O_IO_URING;
        } else if (!strcmp(aio, "native")) {
            flags |= BDRV_O_NATIVE_AIO;
        } else if (strcmp(aio, "threads")) {
            error_report("Invalid aio option: %s", aio);
            return 1;
        }
    }
    blk = img_open(argv[optind], fmt, flags, force_share, quiet, cache);
    if (!blk) {
        return 1;
    }
    if (!b.step) {
        b.step = b.bufsize;
    }
    b.blk = blk;
    b.image_size = blk_getlength(blk);
    b.buf = blk_blockalign(blk, b.bufsize);
    memset(b.buf, pattern_set ? pattern : 0, b.bufsize);
    b.rand = g_rand_new_with_seed(42);
    if (!quiet) {
        printf("Sending %d %s requests, %d bytes each, %d in parallel "
               "(starting at offset %" PRId64 ", step size %" PRId64 ")\n",
               b.count, b.write ? "write" : "read", (int)b.bufsize, 64,
               b.offset, b.step);
    }
    t0 = g_get_monotonic_time();
    bench_submit(&b);
    while (b.done < b.count && b.ret == 0) {
        blk_aio_poll(true);     /* callbacks keep the queue full */
        if (b.flush_pending && b.in_flight == 0) {
            int r = blk_flush(blk);

            if (r < 0) {
                b.ret = r;
            }
            b.flush_pending = false;
            bench_submit(&b);
        }
    }
    blk_drain(blk);
    if (b.write && b.flush_interval) {
        blk_flush(blk);
    }
    t1 = g_get_monotonic_time();
    if (!quiet) {
        printf("Run completed in %3.3f seconds.\n", (t1 - t0) / 1e6);
    }
    qemu_vfree(b.buf);
    g_rand_free(b.rand);
    blk_close(blk);
    if (b.ret < 0) {
        error_report("Failed request: %s", strerror(-b.ret));
        return 1;
    }
    return 0;
}

typedef struct ImgCmd {
    const char *name;
    int (*handler)(int argc, char **argv);
} ImgCmd;

static const ImgCmd img_cmds[] = {
    { "amend", img_amend },
    { "bench", img_bench },
    { "check", img_check },
    { "commit", img_commit },
    { "compare", img_compare },
    { "convert", img_convert },
    { "create", img_create },
    { "info", img_info },
    { "map", img_map },
    { "measure", img_measure },
    { "rebase", img_rebase },
    { "resize", img_resize },
    { "snapshot", img_snapshot },
    { NULL, NULL },
};

int main(int argc, char **argv)
{
    const ImgCmd *cmd;
    const char *cmdname;
    int c;
    static const struct option long_options[] = {
        { "help", no_argument, 0, 'h' },
        { "version", no_argument, 0, 'V' },
        { 0, 0, 0, 0 }
    };

    error_init(argv[0]);
    signal(SIGPIPE, SIG_IGN);
    module_call_init(MODULE_INIT_QOM);
    bdrv_init();
    if (argc < 2) {
        error_exit("Not enough arguments");
    }
    while ((c = getopt_long(argc, argv, "+:hVT:", long_options, NULL)) != -1) {
        switch (c) {
        case ':':
            missing_argument(argv[optind - 1]);
        case '?':
            unrecognized_option(argv[optind - 1]);
        case 'h':
            printf("qemu-img version " QEMU_VERSION "\n");
            printf("Supported formats:");
            bdrv_iterate_format(print_format, NULL, false);
            printf("\n");
            return 0;
        case 'V':
            printf("qemu-img version " QEMU_VERSION " (" QEMU_PKGVERSION ")\n"
                   "Copyright (c) 2003-2022 Fabrice Bellard and the QEMU "
                   "Project developers\n");
            return 0;
        case 'T':
            break;
        }
    }
    if (optind >= argc) {
        error_exit("Not enough arguments");
    }
    cmdname = argv[optind];
    argc -= optind;
    argv += optind;
    optind = 0;
    for (cmd = img_cmds; cmd->name; cmd++) {
        if (!strcmp(cmdname, cmd->name)) {
            return cmd->handler(argc, argv);
        }
    }
    error_exit("Command not found: %s", cmdname);
}
