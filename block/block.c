/*
 * Block node graph: driver registry, opening nodes from option dicts,
 * format probing, node names, permissions.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/module.h"
#include "qemu/cutils.h"
#include "qemu/memalign.h"
#include "qapi/qmp/qdict.h"
#include "qapi/qmp/qstring.h"
#include "qapi/qmp/qbool.h"
#include "qapi/qmp/qnum.h"
#include "qapi/qmp/qjson.h"
#include "block/block_int.h"

static QLIST_HEAD(, BlockDriver) bdrv_drivers =
    QLIST_HEAD_INITIALIZER(bdrv_drivers);
static QTAILQ_HEAD(, BlockDriverState) all_bdrv_states =
    QTAILQ_HEAD_INITIALIZER(all_bdrv_states);
static QTAILQ_HEAD(, BlockDriverState) monitor_bdrv_states =
    QTAILQ_HEAD_INITIALIZER(monitor_bdrv_states);
static bool bdrv_initialized;
/* Opening a probed raw image writable warns (as QEMU's raw driver). */
bool bdrv_warn_probed_raw = true;

const char *const PreallocMode_names[] = {
    "off", "metadata", "falloc", "full", NULL
};

int prealloc_mode_from_str(const char *s)
{
    int i;

    for (i = 0; PreallocMode_names[i]; i++) {
        if (!strcmp(s, PreallocMode_names[i])) {
            return i;
        }
    }
    return -1;
}

const char *bdrv_perm_name(uint64_t perm)
{
    switch (perm) {
    case BLK_PERM_CONSISTENT_READ: return "consistent read";
    case BLK_PERM_WRITE: return "write";
    case BLK_PERM_WRITE_UNCHANGED: return "write unchanged";
    case BLK_PERM_RESIZE: return "resize";
    default: return "unknown";
    }
}

void bdrv_register(BlockDriver *bdrv)
{
    QLIST_INSERT_HEAD(&bdrv_drivers, bdrv, list);
}

/* Write back driver caches (qcow2 tables) of every node at exit. */
static void bdrv_flush_all_at_exit(void)
{
    BlockDriverState *bs;

    QTAILQ_FOREACH(bs, &all_bdrv_states, node_list) {
        if (bs->drv && !bs->read_only) {
            bdrv_flush(bs);
        }
    }
}

void bdrv_init(void)
{
    if (!bdrv_initialized) {
        bdrv_initialized = true;
        module_call_init(MODULE_INIT_BLOCK);
        atexit(bdrv_flush_all_at_exit);
    }
}

BlockDriver *bdrv_find_format(const char *format_name)
{
    BlockDriver *drv;

    bdrv_init();
    QLIST_FOREACH(drv, &bdrv_drivers, list) {
        if (!strcmp(drv->format_name, format_name)) {
            return drv;
        }
    }
    return NULL;
}

static gint cmp_str(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char **)a, *(const char **)b);
}

void bdrv_iterate_format(void (*it)(void *opaque, const char *name),
                         void *opaque, bool read_only)
{
    BlockDriver *drv;
    g_autoptr(GPtrArray) names = g_ptr_array_new();
    guint i;

    bdrv_init();
    QLIST_FOREACH(drv, &bdrv_drivers, list) {
        g_ptr_array_add(names, (gpointer)drv->format_name);
    }
    g_ptr_array_sort(names, cmp_str);
    for (i = 0; i < names->len; i++) {
        it(opaque, g_ptr_array_index(names, i));
    }
}

BlockDriver *bdrv_find_protocol(const char *filename,
                                bool allow_protocol_prefix, Error **errp)
{
    BlockDriver *drv;
    const char *p = strchr(filename, ':');
    g_autofree char *proto = NULL;

    bdrv_init();
    /* "./a:b" or "/x/a:b" is a plain file name. */
    if (!allow_protocol_prefix || !p || strchr(filename, '/') < p) {
        return bdrv_find_format("file");
    }
    if (strchr(filename, '/') && strchr(filename, '/') < p) {
        return bdrv_find_format("file");
    }
    proto = g_strndup(filename, p - filename);
    QLIST_FOREACH(drv, &bdrv_drivers, list) {
        if (drv->protocol_name && !strcmp(drv->protocol_name, proto)) {
            return drv;
        }
    }
    error_setg(errp, "Unknown protocol '%s'", proto);
    return NULL;
}

BlockDriver *bdrv_probe_format(const uint8_t *buf, int buf_size,
                               const char *filename, int *pscore)
{
    BlockDriver *drv, *best = NULL;
    int score, best_score = 0;

    bdrv_init();
    QLIST_FOREACH(drv, &bdrv_drivers, list) {
        if (drv->bdrv_probe) {
            score = drv->bdrv_probe(buf, buf_size, filename);
            if (score > best_score) {
                best_score = score;
                best = drv;
            }
        }
    }
    if (pscore) {
        *pscore = best_score;
    }
    return best;
}

const char *bdrv_get_format_name(BlockDriverState *bs)
{
    return bs->drv ? bs->drv->format_name : NULL;
}

/* Option helpers */

char *bdrv_take_str(QDict *opts, const char *key)
{
    QObject *o = opts ? qdict_get(opts, key) : NULL;
    char *ret = NULL;

    if (!o) {
        return NULL;
    }
    switch (qobject_type(o)) {
    case QTYPE_QSTRING:
        ret = g_strdup(qstring_get_str(qobject_to(QString, o)));
        break;
    case QTYPE_QBOOL:
        ret = g_strdup(qbool_get_bool(qobject_to(QBool, o)) ? "on" : "off");
        break;
    case QTYPE_QNUM:
        ret = qnum_to_string(qobject_to(QNum, o));
        break;
    default:
        return NULL;
    }
    qdict_del(opts, key);
    return ret;
}

bool bdrv_take_bool(QDict *opts, const char *key, bool def, Error **errp)
{
    QObject *o = opts ? qdict_get(opts, key) : NULL;
    bool ret = def;

    if (!o) {
        return def;
    }
    if (qobject_type(o) == QTYPE_QBOOL) {
        ret = qbool_get_bool(qobject_to(QBool, o));
    } else if (qobject_type(o) == QTYPE_QSTRING) {
        const char *s = qstring_get_str(qobject_to(QString, o));

        if (!strcmp(s, "on") || !strcmp(s, "true") || !strcmp(s, "yes")) {
            ret = true;
        } else if (!strcmp(s, "off") || !strcmp(s, "false") ||
                   !strcmp(s, "no")) {
            ret = false;
        } else {
            error_setg(errp, "Parameter '%s' expects 'on' or 'off'", key);
        }
    } else {
        error_setg(errp, "Invalid parameter type for '%s', expected: boolean",
                   key);
    }
    qdict_del(opts, key);
    return ret;
}

int64_t bdrv_take_size(QDict *opts, const char *key, int64_t def,
                       Error **errp)
{
    QObject *o = opts ? qdict_get(opts, key) : NULL;
    int64_t ret = def;

    if (!o) {
        return def;
    }
    if (qobject_type(o) == QTYPE_QNUM) {
        if (!qnum_get_try_int(qobject_to(QNum, o), &ret) || ret < 0) {
            error_setg(errp, "Parameter '%s' expects a non-negative number",
                       key);
        }
    } else if (qobject_type(o) == QTYPE_QSTRING) {
        uint64_t v;

        if (qemu_strtosz(qstring_get_str(qobject_to(QString, o)), NULL, &v) < 0
            || v > INT64_MAX) {
            error_setg(errp, "Parameter '%s' expects a size", key);
        } else {
            ret = v;
        }
    } else {
        error_setg(errp, "Invalid parameter type for '%s', expected: integer",
                   key);
    }
    qdict_del(opts, key);
    return ret;
}

bool bdrv_check_leftover(BlockDriverState *bs, QDict *opts, Error **errp)
{
    const QDictEntry *e = opts ? qdict_first(opts) : NULL;

    if (!e) {
        return true;
    }
    if (bs->drv->is_format) {
        error_setg(errp, "Block format '%s' does not support the option '%s'",
                   bs->drv->format_name, qdict_entry_key(e));
    } else {
        error_setg(errp, "Block protocol '%s' doesn't support the option '%s'",
                   bs->drv->format_name, qdict_entry_key(e));
    }
    return false;
}

/* Node names */

static bool node_name_valid(const char *name)
{
    const char *p;

    if (!name[0] || strlen(name) > 31 || !g_ascii_isalpha(name[0])) {
        return false;
    }
    for (p = name; *p; p++) {
        if (!g_ascii_isalnum(*p) && *p != '-' && *p != '.' && *p != '_') {
            return false;
        }
    }
    return true;
}

BlockDriverState *bdrv_find_node(const char *node_name)
{
    BlockDriverState *bs;

    QTAILQ_FOREACH(bs, &all_bdrv_states, node_list) {
        if (!strcmp(bs->node_name, node_name)) {
            return bs;
        }
    }
    return NULL;
}

BlockDriverState *bdrv_next_all_node(BlockDriverState *bs)
{
    return bs ? QTAILQ_NEXT(bs, node_list) : QTAILQ_FIRST(&all_bdrv_states);
}

BlockDriverState *bdrv_next_monitor_owned(BlockDriverState *bs)
{
    return bs ? QTAILQ_NEXT(bs, monitor_list)
              : QTAILQ_FIRST(&monitor_bdrv_states);
}

static bool bdrv_assign_node_name(BlockDriverState *bs, const char *name,
                                  Error **errp)
{
    static uint64_t counter;

    if (!name) {
        snprintf(bs->node_name, sizeof(bs->node_name), "#block%03" PRIu64,
                 counter++);
        bs->auto_node_name = true;
        return true;
    }
    if (!node_name_valid(name)) {
        error_setg(errp, "Invalid node-name: '%s'", name);
        return false;
    }
    if (bdrv_find_node(name)) {
        error_setg(errp, "Duplicate nodes with node-name='%s'", name);
        return false;
    }
    pstrcpy(bs->node_name, sizeof(bs->node_name), name);
    return true;
}

const char *bdrv_get_node_name(const BlockDriverState *bs)
{
    return bs->node_name;
}

const char *bdrv_get_device_or_node_name(const BlockDriverState *bs)
{
    return bs->node_name;
}

/* Cache and discard modes */

int bdrv_parse_cache_mode(const char *mode, int *flags, bool *writethrough)
{
    *flags &= ~BDRV_O_CACHE_MASK;
    if (!strcmp(mode, "off") || !strcmp(mode, "none")) {
        *writethrough = false;
        *flags |= BDRV_O_NOCACHE;
    } else if (!strcmp(mode, "directsync")) {
        *writethrough = true;
        *flags |= BDRV_O_NOCACHE;
    } else if (!strcmp(mode, "writeback")) {
        *writethrough = false;
    } else if (!strcmp(mode, "unsafe")) {
        *writethrough = false;
        *flags |= BDRV_O_NO_FLUSH;
    } else if (!strcmp(mode, "writethrough")) {
        *writethrough = true;
    } else {
        return -1;
    }
    return 0;
}

int bdrv_parse_discard_flags(const char *mode, int *flags)
{
    *flags &= ~BDRV_O_UNMAP;
    if (!strcmp(mode, "off") || !strcmp(mode, "ignore")) {
        /* nothing */
    } else if (!strcmp(mode, "on") || !strcmp(mode, "unmap")) {
        *flags |= BDRV_O_UNMAP;
    } else {
        return -1;
    }
    return 0;
}

/* Children */

BdrvChild *bdrv_attach_child(BlockDriverState *parent, BlockDriverState *child,
                             const char *name, BdrvChildRole role)
{
    BdrvChild *c = g_new0(BdrvChild, 1);

    c->bs = child;
    c->parent = parent;
    c->name = g_strdup(name);
    c->role = role;
    if (role & BDRV_CHILD_BACKING) {
        parent->backing = c;
    } else {
        parent->file = c;
    }
    return c;
}

void bdrv_unref_child(BlockDriverState *parent, BdrvChild *child)
{
    if (!child) {
        return;
    }
    if (parent->backing == child) {
        parent->backing = NULL;
    }
    if (parent->file == child) {
        parent->file = NULL;
    }
    bdrv_unref(child->bs);
    g_free(child->name);
    g_free(child);
}

BlockDriverState *bdrv_backing_bs(BlockDriverState *bs)
{
    return bs->backing ? bs->backing->bs : NULL;
}

BlockDriverState *bdrv_file_bs(BlockDriverState *bs)
{
    return bs->file ? bs->file->bs : NULL;
}

/*
 * Opens the child named @bdref_key of @parent: a node-name reference
 * ("file": "node"), a sub-dict ("file.driver" ...), or @filename.
 */
BdrvChild *bdrv_open_child(const char *filename, QDict *options,
                           const char *bdref_key, BlockDriverState *parent,
                           BdrvChildRole role, bool allow_none, Error **errp)
{
    g_autofree char *prefix = g_strdup_printf("%s.", bdref_key);
    QDict *sub = NULL;
    g_autofree char *ref = bdrv_take_str(options, bdref_key);
    BlockDriverState *bs;
    int flags;

    qdict_extract_subqdict(options, &sub, prefix);
    if (ref) {
        if (qdict_size(sub)) {
            qobject_unref(sub);
            error_setg(errp, "Cannot reference an existing block device with "
                       "additional options or a new filename");
            return NULL;
        }
        qobject_unref(sub);
        bs = bdrv_find_node(ref);
        if (!bs) {
            error_setg(errp, "Cannot find device=\'\' nor node-name=\'%s\'",
                       ref);
            return NULL;
        }
        bdrv_ref(bs);
        return bdrv_attach_child(parent, bs, bdref_key, role);
    }
    if (!qdict_size(sub) && !filename) {
        qobject_unref(sub);
        if (!allow_none) {
            error_setg(errp, "A block device must be specified for \"%s\"",
                       bdref_key);
        }
        return NULL;
    }
    flags = parent->open_flags & ~(BDRV_O_SNAPSHOT | BDRV_O_TEMPORARY);
    if (role & BDRV_CHILD_FILE) {
        flags |= BDRV_O_PROTOCOL;
    } else {
        flags &= ~(BDRV_O_RDWR | BDRV_O_PROTOCOL);
    }
    /* Children inherit the cache and discard options of their parent. */
    if (parent->options) {
        static const char *const inherit[] = {
            BDRV_OPT_CACHE_DIRECT, BDRV_OPT_CACHE_NO_FLUSH,
            BDRV_OPT_FORCE_SHARE, "aio", "locking", NULL
        };
        int i;

        for (i = 0; inherit[i]; i++) {
            QObject *o = qdict_get(parent->options, inherit[i]);

            if (o && !qdict_haskey(sub, inherit[i])) {
                qdict_put_obj(sub, inherit[i], qobject_ref(o));
            }
        }
    }
    bs = bdrv_open(filename, NULL, sub, flags, errp);
    if (!bs) {
        return NULL;
    }
    return bdrv_attach_child(parent, bs, bdref_key, role);
}

char *bdrv_get_full_backing_filename_from_filename(const char *backed,
                                                   const char *backing,
                                                   Error **errp)
{
    g_autofree char *dir = NULL;

    if (backing[0] == '\0' || backing[0] == '/' ||
        (strchr(backing, ':') && !strchr(backing, '/'))) {
        return g_strdup(backing);
    }
    if (!backed || !backed[0]) {
        return g_strdup(backing);
    }
    if (g_str_has_prefix(backed, "json:")) {
        error_setg(errp, "Cannot use relative backing file names for '%s'",
                   backed);
        return NULL;
    }
    dir = g_path_get_dirname(backed);
    if (!strcmp(dir, ".")) {
        return g_strdup(backing);
    }
    return g_build_filename(dir, backing, NULL);
}

void bdrv_get_full_backing_filename(BlockDriverState *bs, char *dest,
                                    size_t sz, Error **errp)
{
    g_autofree char *s =
        bdrv_get_full_backing_filename_from_filename(bs->filename,
                                                     bs->backing_file, errp);

    pstrcpy(dest, sz, s ? s : "");
}

/*
 * Opens the backing chain named by the image header (bs->backing_file),
 * unless the options override it ("backing": null / a node / a dict).
 */
int bdrv_open_backing_file(BlockDriverState *bs, QDict *options,
                           const char *bdref_key, Error **errp)
{
    QObject *o = qdict_get(options, bdref_key);
    g_autofree char *prefix = g_strdup_printf("%s.", bdref_key);
    QDict *sub = NULL;
    BlockDriverState *backing;
    char fname[4096];
    int flags;

    if (o && qobject_type(o) == QTYPE_QNULL) {
        qdict_del(options, bdref_key);
        return 0;
    }
    if (o && qobject_type(o) == QTYPE_QSTRING &&
        !strcmp(qstring_get_str(qobject_to(QString, o)), "")) {
        qdict_del(options, bdref_key);
        return 0;
    }
    if (o || (bs->open_flags & BDRV_O_NO_BACKING)) {
        if (o) {
            return bdrv_open_child(NULL, options, bdref_key, bs,
                                   BDRV_CHILD_BACKING, false, errp) ? 0
                                   : -EINVAL;
        }
        qdict_extract_subqdict(options, &sub, prefix);
        qobject_unref(sub);
        return 0;
    }
    qdict_extract_subqdict(options, &sub, prefix);
    if (!bs->backing_file[0] && !qdict_size(sub)) {
        qobject_unref(sub);
        return 0;
    }
    if (!qdict_size(sub) || !qdict_haskey(sub, "file") ||
        qdict_haskey(sub, "file.filename")) {
        Error *local_err = NULL;

        bdrv_get_full_backing_filename(bs, fname, sizeof(fname), &local_err);
        if (local_err) {
            qobject_unref(sub);
            error_propagate(errp, local_err);
            return -EINVAL;
        }
        pstrcpy(bs->auto_backing_file, sizeof(bs->auto_backing_file), fname);
    }
    if (bs->backing_format[0] && !qdict_haskey(sub, "driver")) {
        qdict_put_str(sub, "driver", bs->backing_format);
    }
    flags = bs->open_flags & ~(BDRV_O_RDWR | BDRV_O_SNAPSHOT |
                               BDRV_O_TEMPORARY | BDRV_O_PROTOCOL);
    backing = bdrv_open(bs->auto_backing_file[0] ? bs->auto_backing_file : NULL,
                        NULL, sub, flags, errp);
    if (!backing) {
        error_prepend(errp, "Could not open backing file: ");
        return -EINVAL;
    }
    bdrv_attach_child(bs, backing, "backing", BDRV_CHILD_BACKING);
    return 0;
}

/* Opening */

static BlockDriverState *bdrv_new(void)
{
    BlockDriverState *bs = g_new0(BlockDriverState, 1);

    bs->refcnt = 1;
    bs->request_alignment = 1;
    bs->opt_mem_alignment = 1;
    bs->max_transfer = 1 << 30;
    QTAILQ_INSERT_TAIL(&all_bdrv_states, bs, node_list);
    return bs;
}

static void bdrv_delete(BlockDriverState *bs)
{
    if (bs->drv && bs->drv->bdrv_close) {
        bs->drv->bdrv_close(bs);
    }
    bdrv_unref_child(bs, bs->backing);
    bdrv_unref_child(bs, bs->file);
    QTAILQ_REMOVE(&all_bdrv_states, bs, node_list);
    if (bs->monitor_owned) {
        QTAILQ_REMOVE(&monitor_bdrv_states, bs, monitor_list);
    }
    qobject_unref(bs->options);
    qobject_unref(bs->full_open_options);
    g_free(bs->opaque);
    g_free(bs);
}

void bdrv_ref(BlockDriverState *bs)
{
    bs->refcnt++;
}

void bdrv_unref(BlockDriverState *bs)
{
    if (bs && --bs->refcnt == 0) {
        bdrv_flush(bs);
        bdrv_delete(bs);
    }
}

void bdrv_add_monitor_owned(BlockDriverState *bs)
{
    bs->monitor_owned = true;
    QTAILQ_INSERT_TAIL(&monitor_bdrv_states, bs, monitor_list);
}

void bdrv_remove_monitor_owned(BlockDriverState *bs)
{
    if (bs->monitor_owned) {
        QTAILQ_REMOVE(&monitor_bdrv_states, bs, monitor_list);
        bs->monitor_owned = false;
        bdrv_unref(bs);
    }
}

void bdrv_close_all(void)
{
    BlockDriverState *bs;

    while ((bs = QTAILQ_FIRST(&monitor_bdrv_states))) {
        QTAILQ_REMOVE(&monitor_bdrv_states, bs, monitor_list);
        bs->monitor_owned = false;
        bdrv_unref(bs);
    }
}

/* Reads the first bytes of @file and picks a format for them. */
static BlockDriver *find_image_format(BlockDriverState *file,
                                      const char *filename, Error **errp)
{
    uint8_t buf[2048];
    BdrvChild tmp = { .bs = file };
    int64_t len = bdrv_getlength(file);
    int n = len < 0 ? 0 : MIN(len, (int64_t)sizeof(buf));
    BlockDriver *drv;
    int ret;

    memset(buf, 0, sizeof(buf));
    if (n > 0) {
        ret = bdrv_pread(&tmp, 0, n, buf, 0);
        if (ret < 0) {
            error_setg_errno(errp, -ret, "Could not read image for determining "
                             "its format");
            return NULL;
        }
    }
    drv = bdrv_probe_format(buf, n, filename, NULL);
    if (!drv) {
        error_setg(errp, "Could not determine image format: No compatible "
                   "driver found");
    }
    return drv;
}

static int bdrv_parse_common_opts(BlockDriverState *bs, QDict *opts,
                                  int *flags, Error **errp)
{
    Error *local_err = NULL;
    g_autofree char *discard = bdrv_take_str(opts, BDRV_OPT_DISCARD);
    g_autofree char *dz = bdrv_take_str(opts, "detect-zeroes");
    bool ro, aro;

    ro = bdrv_take_bool(opts, BDRV_OPT_READ_ONLY, !(*flags & BDRV_O_RDWR),
                        &local_err);
    if (!local_err) {
        aro = bdrv_take_bool(opts, BDRV_OPT_AUTO_READ_ONLY,
                             *flags & BDRV_O_AUTO_RDONLY, &local_err);
        if (aro) {
            *flags |= BDRV_O_AUTO_RDONLY;
        }
    }
    if (!local_err && bdrv_take_bool(opts, BDRV_OPT_CACHE_DIRECT,
                                     *flags & BDRV_O_NOCACHE, &local_err)) {
        *flags |= BDRV_O_NOCACHE;
    } else {
        *flags &= ~BDRV_O_NOCACHE;
    }
    if (!local_err && bdrv_take_bool(opts, BDRV_OPT_CACHE_NO_FLUSH,
                                     *flags & BDRV_O_NO_FLUSH, &local_err)) {
        *flags |= BDRV_O_NO_FLUSH;
    } else {
        *flags &= ~BDRV_O_NO_FLUSH;
    }
    if (!local_err && bdrv_take_bool(opts, BDRV_OPT_FORCE_SHARE, false,
                                     &local_err)) {
        if (!ro) {
            error_setg(&local_err, "force-share=on can only be used with "
                       "read-only images");
        }
        *flags &= ~BDRV_O_NO_SHARE;
        bs->shared_perm = BLK_PERM_ALL;
    }
    if (local_err) {
        error_propagate(errp, local_err);
        return -EINVAL;
    }
    if (ro) {
        *flags &= ~BDRV_O_RDWR;
    } else {
        *flags |= BDRV_O_RDWR;
    }
    if (discard && bdrv_parse_discard_flags(discard, flags) < 0) {
        error_setg(errp, "Invalid discard option");
        return -EINVAL;
    }
    if (dz) {
        if (!strcmp(dz, "off")) {
            bs->detect_zeroes = BLOCKDEV_DETECT_ZEROES_OPTIONS_OFF;
        } else if (!strcmp(dz, "on")) {
            bs->detect_zeroes = BLOCKDEV_DETECT_ZEROES_OPTIONS_ON;
        } else if (!strcmp(dz, "unmap")) {
            if (!(*flags & BDRV_O_UNMAP)) {
                error_setg(errp, "setting detect-zeroes to unmap is not "
                           "allowed without setting discard operation to "
                           "unmap");
                return -EINVAL;
            }
            bs->detect_zeroes = BLOCKDEV_DETECT_ZEROES_OPTIONS_UNMAP;
        } else {
            error_setg(errp, "Parameter 'detect-zeroes' does not accept value "
                       "'%s'", dz);
            return -EINVAL;
        }
    }
    return 0;
}

static bool opts_need_flatten(QDict *d)
{
    const QDictEntry *e;

    for (e = qdict_first(d); e; e = qdict_next(d, e)) {
        QType t = qobject_type(qdict_entry_value(e));

        if (t == QTYPE_QDICT || t == QTYPE_QLIST) {
            return true;
        }
    }
    return false;
}

BlockDriverState *bdrv_open(const char *filename, const char *reference,
                            QDict *options, int flags, Error **errp)
{
    BlockDriverState *bs;
    BlockDriver *drv = NULL;
    g_autofree char *drvname = NULL;
    g_autofree char *node_name = NULL;
    g_autofree char *opt_filename = NULL;
    QDict *opts;
    int ret;

    bdrv_init();
    if (!options) {
        options = qdict_new();
    }
    if (opts_need_flatten(options)) {
        qdict_flatten(options);
    }
    if (reference) {
        qobject_unref(options);
        bs = bdrv_find_node(reference);
        if (!bs) {
            error_setg(errp, "Cannot find device=\'\' nor node-name=\'%s\'",
                       reference);
            return NULL;
        }
        bdrv_ref(bs);
        return bs;
    }
    /* json:{...} filenames carry the options themselves. */
    if (filename && g_str_has_prefix(filename, "json:")) {
        QObject *o = qobject_from_json(filename + 5, errp);
        QDict *jd = qobject_to(QDict, o);

        if (!jd) {
            if (o) {
                error_setg(errp, "Could not parse the JSON options");
            }
            qobject_unref(o);
            qobject_unref(options);
            return NULL;
        }
        qdict_flatten(jd);
        qdict_join(options, jd, false);
        qobject_unref(jd);
        filename = NULL;
    }

    bs = bdrv_new();
    opts = options;
    bs->options = qdict_clone_shallow(opts);
    drvname = bdrv_take_str(opts, "driver");
    node_name = bdrv_take_str(opts, "node-name");
    opt_filename = bdrv_take_str(opts, "filename");
    if (opt_filename) {
        filename = opt_filename;
    }
    if (!bdrv_assign_node_name(bs, node_name, errp)) {
        goto fail;
    }
    if (bdrv_parse_common_opts(bs, opts, &flags, errp) < 0) {
        goto fail;
    }
    bs->open_flags = flags;
    bs->read_only = !(flags & BDRV_O_RDWR);

    if (drvname) {
        drv = bdrv_find_format(drvname);
        if (!drv) {
            error_setg(errp, "Unknown driver '%s'", drvname);
            goto fail;
        }
    } else if (flags & BDRV_O_PROTOCOL) {
        if (!filename) {
            error_setg(errp, "The 'file' block driver requires a file name");
            goto fail;
        }
        drv = bdrv_find_protocol(filename, true, errp);
        if (!drv) {
            goto fail;
        }
    }
    if (filename) {
        pstrcpy(bs->filename, sizeof(bs->filename), filename);
    }

    if (!drv || drv->is_format) {
        /* A format node: open its protocol child first (probing needs it). */
        bs->open_flags = flags;
        if (drv && !qdict_haskey(opts, "file") && filename &&
            !qdict_haskey(opts, "file.filename")) {
            /* pass the filename down */
        }
        {
            BdrvChild *c;
            /* Formats always need their child readable and writable as
             * the node is. */
            c = bdrv_open_child(qdict_haskey(opts, "file") ||
                                qdict_haskey(opts, "file.filename") ||
                                qdict_haskey(opts, "file.driver") ? NULL
                                : filename,
                                opts, "file", bs, BDRV_CHILD_FILE, false,
                                errp);
            if (!c) {
                goto fail;
            }
        }
        if (!bs->filename[0]) {
            pstrcpy(bs->filename, sizeof(bs->filename), bs->file->bs->filename);
        }
        if (!drv) {
            drv = find_image_format(bs->file->bs, filename, errp);
            if (!drv) {
                goto fail;
            }
            if (!strcmp(drv->format_name, "raw")) {
                bs->probed_raw = true;
                if ((flags & BDRV_O_RDWR) && bdrv_warn_probed_raw) {
                    error_printf("WARNING: Image format was not specified for "
                                 "'%s' and probing guessed raw.\n"
                                 "         Automatically detecting the format "
                                 "is dangerous for raw images, write "
                                 "operations on block 0 will be restricted.\n"
                                 "         Specify the 'raw' format explicitly "
                                 "to remove the restrictions.\n", bs->filename);
                }
            }
        }
    }
    bs->drv = drv;
    bs->opaque = g_malloc0(MAX(drv->instance_size, 1));
    ret = drv->bdrv_open(bs, opts, flags, errp);
    if (ret < 0) {
        goto fail_open;
    }
    if (!bdrv_check_leftover(bs, opts, errp)) {
        if (drv->bdrv_close) {
            drv->bdrv_close(bs);
        }
        goto fail_open;
    }
    qobject_unref(opts);
    return bs;

fail_open:
    bs->drv = NULL;
fail:
    qobject_unref(opts);
    bdrv_delete(bs);
    return NULL;
}

/* Permissions: parents' needs, pushed down the graph. */
int bdrv_refresh_perms(BlockDriverState *bs, uint64_t perm, uint64_t shared,
                       Error **errp)
{
    int ret;

    if (bs->shared_perm == BLK_PERM_ALL && !(bs->open_flags & BDRV_O_NO_SHARE)
        && bs->perm == 0 && (bs->options && qdict_get_try_bool(bs->options,
                             BDRV_OPT_FORCE_SHARE, false))) {
        shared = BLK_PERM_ALL;
    }
    bs->perm |= perm;
    bs->shared_perm = shared;
    if (bs->drv->bdrv_set_perm) {
        ret = bs->drv->bdrv_set_perm(bs, bs->perm, bs->shared_perm, errp);
        if (ret < 0) {
            return ret;
        }
    }
    if (bs->file) {
        uint64_t cperm = perm, cshared = shared;

        if (bs->drv->is_format && !bs->drv->is_filter &&
            strcmp(bs->drv->format_name, "raw")) {
            /* Metadata updates need write/resize on the file whenever the
             * node is writable, and nobody else may change it under us. */
            cperm |= BLK_PERM_CONSISTENT_READ;
            if (!bs->read_only) {
                cperm |= BLK_PERM_WRITE | BLK_PERM_RESIZE;
            }
            cshared &= ~(BLK_PERM_WRITE | BLK_PERM_RESIZE);
            if (bs->options && qdict_get_try_bool(bs->options,
                                                  BDRV_OPT_FORCE_SHARE,
                                                  false)) {
                cshared = BLK_PERM_ALL;
            }
        }
        ret = bdrv_refresh_perms(bs->file->bs, cperm, cshared, errp);
        if (ret < 0) {
            return ret;
        }
    }
    if (bs->backing) {
        uint64_t bshared = BLK_PERM_CONSISTENT_READ | BLK_PERM_WRITE_UNCHANGED;

        if (shared == BLK_PERM_ALL) {
            bshared = BLK_PERM_ALL;
        }
        ret = bdrv_refresh_perms(bs->backing->bs,
                                 perm ? BLK_PERM_CONSISTENT_READ : 0,
                                 bshared, errp);
        if (ret < 0) {
            return ret;
        }
    }
    return 0;
}

bool bdrv_is_read_only(BlockDriverState *bs)
{
    return bs->read_only;
}

bool bdrv_is_writable(BlockDriverState *bs)
{
    return !bs->read_only;
}

void *qemu_try_blockalign(BlockDriverState *bs, size_t size)
{
    size_t align = bs ? bdrv_opt_mem_align(bs) : 4096;

    return qemu_try_memalign(MAX(align, 512), size ? size : 1);
}

void *qemu_blockalign(BlockDriverState *bs, size_t size)
{
    void *p = qemu_try_blockalign(bs, size);

    if (!p) {
        abort();
    }
    return p;
}

size_t bdrv_opt_mem_align(BlockDriverState *bs)
{
    size_t a = bs->opt_mem_alignment;

    if (bs->file) {
        a = MAX(a, bdrv_opt_mem_align(bs->file->bs));
    }
    return MAX(a, 1);
}

/* Creation */

int bdrv_create(BlockDriver *drv, const char *filename, QemuOpts *opts,
                Error **errp)
{
    if (!drv->bdrv_create) {
        error_setg(errp, "Driver '%s' does not support image creation",
                   drv->format_name);
        return -ENOTSUP;
    }
    return drv->bdrv_create(drv, filename, opts, errp);
}

int bdrv_create_file(const char *filename, QemuOpts *opts, Error **errp)
{
    BlockDriver *drv = bdrv_find_protocol(filename, true, errp);

    if (!drv) {
        return -ENOENT;
    }
    return bdrv_create(drv, filename, opts, errp);
}

/* Snapshots */

int bdrv_snapshot_list(BlockDriverState *bs, QEMUSnapshotInfo **psn_info)
{
    *psn_info = NULL;
    if (bs->drv->bdrv_snapshot_list) {
        return bs->drv->bdrv_snapshot_list(bs, psn_info);
    }
    if (bs->file && !bs->drv->is_format) {
        return -ENOTSUP;
    }
    return 0;
}

bool bdrv_snapshot_find(BlockDriverState *bs, QEMUSnapshotInfo *sn_info,
                        const char *name_or_id)
{
    QEMUSnapshotInfo *list = NULL;
    int n = bdrv_snapshot_list(bs, &list), i;
    bool found = false;

    for (i = 0; i < n; i++) {
        if (!strcmp(list[i].id_str, name_or_id)) {
            *sn_info = list[i];
            found = true;
            break;
        }
    }
    for (i = 0; !found && i < n; i++) {
        if (!strcmp(list[i].name, name_or_id)) {
            *sn_info = list[i];
            found = true;
        }
    }
    g_free(list);
    return found;
}

int bdrv_snapshot_create(BlockDriverState *bs, QEMUSnapshotInfo *sn_info)
{
    if (!bs->drv->bdrv_snapshot_create) {
        return -ENOTSUP;
    }
    return bs->drv->bdrv_snapshot_create(bs, sn_info);
}

int bdrv_snapshot_goto(BlockDriverState *bs, const char *snapshot_id,
                       Error **errp)
{
    if (!bs->drv->bdrv_snapshot_goto) {
        error_setg(errp, "Block format '%s' used by device '%s' does not "
                   "support internal snapshots", bs->drv->format_name,
                   bs->node_name);
        return -ENOTSUP;
    }
    return bs->drv->bdrv_snapshot_goto(bs, snapshot_id, errp);
}

int bdrv_snapshot_delete(BlockDriverState *bs, const char *snapshot_id,
                         const char *name, Error **errp)
{
    if (!bs->drv->bdrv_snapshot_delete) {
        error_setg(errp, "Block format '%s' used by device '%s' does not "
                   "support internal snapshots", bs->drv->format_name,
                   bs->node_name);
        return -ENOTSUP;
    }
    return bs->drv->bdrv_snapshot_delete(bs, snapshot_id, name, errp);
}

int bdrv_change_backing_file(BlockDriverState *bs, const char *backing_file,
                             const char *backing_fmt, bool warn)
{
    int ret;

    if (!bs->drv->bdrv_change_backing_file) {
        return -ENOTSUP;
    }
    ret = bs->drv->bdrv_change_backing_file(bs, backing_file, backing_fmt);
    if (ret == 0) {
        pstrcpy(bs->backing_file, sizeof(bs->backing_file),
                backing_file ? backing_file : "");
        pstrcpy(bs->backing_format, sizeof(bs->backing_format),
                backing_fmt ? backing_fmt : "");
    }
    return ret;
}

int bdrv_make_empty(BdrvChild *c, Error **errp)
{
    int ret;

    if (!c->bs->drv->bdrv_make_empty) {
        error_setg(errp, "Driver %s does not support emptying",
                   c->bs->drv->format_name);
        return -ENOTSUP;
    }
    ret = c->bs->drv->bdrv_make_empty(c->bs);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Failed to empty %s", c->bs->filename);
    }
    return ret;
}

int bdrv_amend_options(BlockDriverState *bs, QemuOpts *opts, bool force,
                       Error **errp)
{
    if (!bs->drv->bdrv_amend_options) {
        error_setg(errp, "Block driver '%s' does not support option amendment",
                   bs->drv->format_name);
        return -ENOTSUP;
    }
    return bs->drv->bdrv_amend_options(bs, opts, force, errp);
}

int bdrv_get_info(BlockDriverState *bs, BlockDriverInfo *bdi)
{
    memset(bdi, 0, sizeof(*bdi));
    if (!bs->drv->bdrv_get_info) {
        return -ENOTSUP;
    }
    return bs->drv->bdrv_get_info(bs, bdi);
}

int bdrv_check(BlockDriverState *bs, BdrvCheckResult *res, BdrvCheckMode fix)
{
    memset(res, 0, sizeof(*res));
    if (!bs->drv->bdrv_check) {
        return -ENOTSUP;
    }
    return bs->drv->bdrv_check(bs, res, fix);
}
