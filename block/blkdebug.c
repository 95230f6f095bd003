/*
 * Protocol driver "blkdebug": passes every request to its "image" child
 * unless an error-injection rule says the request fails.  For tests of
 * the error paths of devices (werror/rerror) and of the block layer.
 *
 *   -drive file=blkdebug:RULES.CONF:IMAGE,format=raw
 *   -blockdev driver=blkdebug,node-name=dbg,image.driver=file,
 *             image.filename=IMAGE,inject-error.0.event=read_aio,
 *             inject-error.0.errno=5,inject-error.0.sector=8,...
 *
 * Rules are QEMU's: an "inject-error" rule is armed when its event
 * happens (and the state matches), and from then on fails matching
 * requests (iotype, sector) with -errno until the next event that arms
 * rules; "once" removes it after the first failure.  A "set-state" rule
 * moves the state machine (which starts in state 1) on its event.
 *
 * Events: QEMU's format drivers announce theirs (read_aio, l2_update,
 * ...) to blkdebug below them.  kvmemu's drivers do not, so blkdebug
 * raises the events it can see itself on each request: read_aio for a
 * read, write_aio and pwritev for a write, pwritev_zero for write-zeroes,
 * flush_to_os then flush_to_disk for a flush.  Every other QEMU event
 * name is accepted and never happens.  "immediately" is accepted; the
 * error is always returned without touching the image.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/module.h"
#include "qemu/cutils.h"
#include "qapi/qmp/qdict.h"
#include "block/block_int.h"

typedef enum BlkdebugIOType {
    BLKDEBUG_IO_TYPE_READ,
    BLKDEBUG_IO_TYPE_WRITE,
    BLKDEBUG_IO_TYPE_WRITE_ZEROES,
    BLKDEBUG_IO_TYPE_DISCARD,
    BLKDEBUG_IO_TYPE_FLUSH,
    BLKDEBUG_IO_TYPE_BLOCK_STATUS,
    BLKDEBUG_IO_TYPE__MAX,
} BlkdebugIOType;

static const char *const blkdebug_iotype_names[BLKDEBUG_IO_TYPE__MAX] = {
    "read", "write", "write-zeroes", "discard", "flush", "block-status",
};

/* QEMU's BlkdebugEvent names (qapi/block-core.json), in its order. */
static const char *const blkdebug_event_names[] = {
    "l1_update", "l1_grow.alloc_table", "l1_grow.write_table",
    "l1_grow.activate_table", "l2_load", "l2_update",
    "l2_update_compressed", "l2_alloc.cow_read", "l2_alloc.write",
    "read_aio", "read_backing_aio", "read_compressed", "write_aio",
    "write_compressed", "vmstate_load", "vmstate_save", "cow_read",
    "cow_write", "reftable_load", "reftable_grow", "reftable_update",
    "refblock_load", "refblock_update", "refblock_update_part",
    "refblock_alloc", "refblock_alloc.hookup", "refblock_alloc.write",
    "refblock_alloc.write_blocks", "refblock_alloc.write_table",
    "refblock_alloc.switch_table", "cluster_alloc", "cluster_alloc_bytes",
    "cluster_free", "flush_to_os", "flush_to_disk", "pwritev_rmw_head",
    "pwritev_rmw_after_head", "pwritev_rmw_tail", "pwritev_rmw_after_tail",
    "pwritev", "pwritev_zero", "pwritev_done", "empty_image_prepare",
    "l1_shrink_write_table", "l1_shrink_free_l2_clusters", "cor_write",
    "cluster_alloc_space", "none",
};

typedef enum BlkdebugRuleKind {
    RULE_INJECT_ERROR,
    RULE_SET_STATE,
} BlkdebugRuleKind;

typedef struct BlkdebugRule {
    BlkdebugRuleKind kind;
    int event;                  /* index into blkdebug_event_names */
    int state;                  /* 0: in any state */
    /* inject-error */
    int error;                  /* positive errno */
    int64_t offset;             /* byte offset of "sector", -1: any */
    uint64_t iotype_mask;
    bool once;
    bool immediately;
    bool active;                /* armed by its event */
    /* set-state */
    int new_state;
} BlkdebugRule;

typedef struct BDRVBlkdebugState {
    GMutex lock;                /* requests come from several threads */
    GPtrArray *rules;           /* BlkdebugRule *, in definition order */
    int state;
} BDRVBlkdebugState;

static int blkdebug_event_by_name(const char *name)
{
    int i;

    for (i = 0; i < ARRAY_SIZE(blkdebug_event_names); i++) {
        if (!strcmp(blkdebug_event_names[i], name)) {
            return i;
        }
    }
    return -1;
}

/* ---- rules ------------------------------------------------------------ */

/*
 * Values of one rule as strings (from a config file section or the
 * "inject-error.N." / "set-state.N." options).
 */
typedef struct BlkdebugRuleOpts {
    char *event, *state, *new_state, *error, *sector, *once, *immediately;
    GPtrArray *iotypes;         /* char * */
} BlkdebugRuleOpts;

static void blkdebug_rule_opts_free(BlkdebugRuleOpts *o)
{
    g_free(o->event);
    g_free(o->state);
    g_free(o->new_state);
    g_free(o->error);
    g_free(o->sector);
    g_free(o->once);
    g_free(o->immediately);
    if (o->iotypes) {
        g_ptr_array_free(o->iotypes, TRUE);
    }
    memset(o, 0, sizeof(*o));
}

static bool parse_int_opt(const char *what, const char *val, int64_t min,
                          int64_t *res, Error **errp)
{
    int64_t v;

    if (qemu_strtoi64(val, NULL, 0, &v) < 0 || v < min) {
        error_setg(errp, "Parameter '%s' expects %s", what,
                   min >= 0 ? "a non-negative number" : "a number");
        return false;
    }
    *res = v;
    return true;
}

static bool parse_bool_opt(const char *what, const char *val, bool *res,
                           Error **errp)
{
    if (!strcmp(val, "on") || !strcmp(val, "true") || !strcmp(val, "yes")) {
        *res = true;
    } else if (!strcmp(val, "off") || !strcmp(val, "false") ||
               !strcmp(val, "no")) {
        *res = false;
    } else {
        error_setg(errp, "Parameter '%s' expects 'on' or 'off'", what);
        return false;
    }
    return true;
}

static BlkdebugRule *blkdebug_make_rule(BlkdebugRuleKind kind,
                                        BlkdebugRuleOpts *o,
                                        const char *prefix, Error **errp)
{
    g_autofree BlkdebugRule *r = g_new0(BlkdebugRule, 1);
    g_autofree char *key = NULL;
    int64_t v;
    int i;

    r->kind = kind;
    r->offset = -1;
    r->error = EIO;
    r->iotype_mask = (1ull << BLKDEBUG_IO_TYPE__MAX) - 1;
    if (!o->event) {
        error_setg(errp, "Parameter '%sevent' is missing", prefix);
        return NULL;
    }
    r->event = blkdebug_event_by_name(o->event);
    if (r->event < 0) {
        if (*prefix) {
            error_setg(errp, "invalid parameter value: %s", o->event);
        } else {
            error_setg(errp, "Invalid event name \"%s\"", o->event);
        }
        return NULL;
    }
    if (o->state) {
        key = g_strconcat(prefix, "state", NULL);
        if (!parse_int_opt(key, o->state, 0, &v, errp)) {
            return NULL;
        }
        r->state = v;
    }
    if (kind == RULE_SET_STATE) {
        if (!o->new_state) {
            error_setg(errp, "Parameter '%snew_state' is missing", prefix);
            return NULL;
        }
        g_free(key);
        key = g_strconcat(prefix, "new_state", NULL);
        if (!parse_int_opt(key, o->new_state, 0, &v, errp)) {
            return NULL;
        }
        r->new_state = v;
        return g_steal_pointer(&r);
    }
    if (o->error) {
        g_free(key);
        key = g_strconcat(prefix, "errno", NULL);
        if (!parse_int_opt(key, o->error, 0, &v, errp)) {
            return NULL;
        }
        r->error = v;
    }
    if (o->sector) {
        g_free(key);
        key = g_strconcat(prefix, "sector", NULL);
        if (!parse_int_opt(key, o->sector, -1, &v, errp)) {
            return NULL;
        }
        r->offset = v < 0 ? -1 : v * BDRV_SECTOR_SIZE;
    }
    if (o->once) {
        g_free(key);
        key = g_strconcat(prefix, "once", NULL);
        if (!parse_bool_opt(key, o->once, &r->once, errp)) {
            return NULL;
        }
    }
    if (o->immediately) {
        g_free(key);
        key = g_strconcat(prefix, "immediately", NULL);
        if (!parse_bool_opt(key, o->immediately, &r->immediately, errp)) {
            return NULL;
        }
    }
    if (o->iotypes && o->iotypes->len) {
        r->iotype_mask = 0;
        for (i = 0; i < o->iotypes->len; i++) {
            const char *name = g_ptr_array_index(o->iotypes, i);
            int t;

            for (t = 0; t < BLKDEBUG_IO_TYPE__MAX; t++) {
                if (!strcmp(blkdebug_iotype_names[t], name)) {
                    break;
                }
            }
            if (t == BLKDEBUG_IO_TYPE__MAX) {
                error_setg(errp, "Parameter '%siotype' does not accept value "
                           "'%s'", prefix, name);
                return NULL;
            }
            r->iotype_mask |= 1ull << t;
        }
    }
    return g_steal_pointer(&r);
}

/* ---- config file ------------------------------------------------------ */

/* "value" or value, without the quotes and surrounding blanks. */
static char *config_value(const char *v)
{
    g_autofree char *s = g_strstrip(g_strdup(v));
    size_t n = strlen(s);

    if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
        return g_strndup(s + 1, n - 2);
    }
    return g_steal_pointer(&s);
}

static bool config_flush_section(BDRVBlkdebugState *s, const char *section,
                                 BlkdebugRuleOpts *o, Error **errp)
{
    BlkdebugRule *r;

    if (!section) {
        return true;
    }
    r = blkdebug_make_rule(!strcmp(section, "set-state") ? RULE_SET_STATE
                                                         : RULE_INJECT_ERROR,
                           o, "", errp);
    blkdebug_rule_opts_free(o);
    if (!r) {
        return false;
    }
    g_ptr_array_add(s->rules, r);
    return true;
}

/*
 * QEMU's blkdebug config file: [inject-error] and [set-state] sections
 * of key = "value" lines; '#' starts a comment.
 */
static int blkdebug_read_config(BDRVBlkdebugState *s, const char *path,
                                Error **errp)
{
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    g_autofree char *section = NULL;
    BlkdebugRuleOpts o = { 0 };
    GError *gerr = NULL;
    int i;

    if (!g_file_get_contents(path, &text, NULL, &gerr)) {
        error_setg(errp, "Could not read blkdebug config file: %s",
                   gerr->message);
        g_error_free(gerr);
        return -EINVAL;
    }
    lines = g_strsplit(text, "\n", -1);
    for (i = 0; lines[i]; i++) {
        char *line = g_strstrip(lines[i]);
        char *eq;
        g_autofree char *key = NULL;
        g_autofree char *val = NULL;

        if (!line[0] || line[0] == '#') {
            continue;
        }
        if (line[0] == '[') {
            char *end = strchr(line, ']');

            if (!end || !config_flush_section(s, section, &o, errp)) {
                if (!end) {
                    error_setg(errp, "%s:%d: parse error", path, i + 1);
                }
                blkdebug_rule_opts_free(&o);
                return -EINVAL;
            }
            g_free(section);
            section = g_strndup(line + 1, end - line - 1);
            if (strcmp(section, "inject-error") &&
                strcmp(section, "set-state")) {
                error_setg(errp, "%s:%d: unknown section '%s'", path, i + 1,
                           section);
                return -EINVAL;
            }
            continue;
        }
        eq = strchr(line, '=');
        if (!eq || !section) {
            error_setg(errp, "%s:%d: parse error", path, i + 1);
            blkdebug_rule_opts_free(&o);
            return -EINVAL;
        }
        key = g_strstrip(g_strndup(line, eq - line));
        val = config_value(eq + 1);
        if (!strcmp(key, "event")) {
            g_free(o.event);
            o.event = g_steal_pointer(&val);
        } else if (!strcmp(key, "state")) {
            g_free(o.state);
            o.state = g_steal_pointer(&val);
        } else if (!strcmp(key, "new_state") &&
                   !strcmp(section, "set-state")) {
            g_free(o.new_state);
            o.new_state = g_steal_pointer(&val);
        } else if (!strcmp(key, "errno") &&
                   !strcmp(section, "inject-error")) {
            g_free(o.error);
            o.error = g_steal_pointer(&val);
        } else if (!strcmp(key, "sector") &&
                   !strcmp(section, "inject-error")) {
            g_free(o.sector);
            o.sector = g_steal_pointer(&val);
        } else if (!strcmp(key, "once") &&
                   !strcmp(section, "inject-error")) {
            g_free(o.once);
            o.once = g_steal_pointer(&val);
        } else if (!strcmp(key, "immediately") &&
                   !strcmp(section, "inject-error")) {
            g_free(o.immediately);
            o.immediately = g_steal_pointer(&val);
        } else {
            error_setg(errp, "Invalid parameter '%s'", key);
            blkdebug_rule_opts_free(&o);
            return -EINVAL;
        }
    }
    if (!config_flush_section(s, section, &o, errp)) {
        return -EINVAL;
    }
    return 0;
}

/* ---- options ---------------------------------------------------------- */

/* inject-error.N.* / set-state.N.* from -blockdev / -drive / JSON. */
static bool blkdebug_take_rules(BDRVBlkdebugState *s, QDict *options,
                                const char *list, BlkdebugRuleKind kind,
                                Error **errp)
{
    int n;

    for (n = 0;; n++) {
        g_autofree char *prefix = g_strdup_printf("%s.%d.", list, n);
        BlkdebugRuleOpts o = { 0 };
        BlkdebugRule *r;
        bool any = false;
        const QDictEntry *e;
        GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
        int i;

        for (e = qdict_first(options); e; e = qdict_next(options, e)) {
            if (g_str_has_prefix(qdict_entry_key(e), prefix)) {
                g_ptr_array_add(keys, g_strdup(qdict_entry_key(e)));
            }
        }
        for (i = 0; i < keys->len; i++) {
            const char *key = g_ptr_array_index(keys, i);
            const char *field = key + strlen(prefix);
            char *val = bdrv_take_str(options, key);

            any = true;
            if (!strcmp(field, "event")) {
                o.event = val;
            } else if (!strcmp(field, "state")) {
                o.state = val;
            } else if (!strcmp(field, "new_state") && kind == RULE_SET_STATE) {
                o.new_state = val;
            } else if (!strcmp(field, "errno") &&
                       kind == RULE_INJECT_ERROR) {
                o.error = val;
            } else if (!strcmp(field, "sector") &&
                       kind == RULE_INJECT_ERROR) {
                o.sector = val;
            } else if (!strcmp(field, "once") && kind == RULE_INJECT_ERROR) {
                o.once = val;
            } else if (!strcmp(field, "immediately") &&
                       kind == RULE_INJECT_ERROR) {
                o.immediately = val;
            } else if ((!strcmp(field, "iotype") ||
                        g_str_has_prefix(field, "iotype.")) &&
                       kind == RULE_INJECT_ERROR) {
                if (!o.iotypes) {
                    o.iotypes = g_ptr_array_new_with_free_func(g_free);
                }
                g_ptr_array_add(o.iotypes, val);
            } else {
                error_setg(errp, "Invalid parameter '%s'", key);
                g_free(val);
                g_ptr_array_free(keys, TRUE);
                blkdebug_rule_opts_free(&o);
                return false;
            }
        }
        g_ptr_array_free(keys, TRUE);
        if (!any) {
            return true;
        }
        r = blkdebug_make_rule(kind, &o, prefix, errp);
        blkdebug_rule_opts_free(&o);
        if (!r) {
            return false;
        }
        g_ptr_array_add(s->rules, r);
    }
}

/*
 * "blkdebug:[CONFIG]:IMAGE": splits off the config file name (may be
 * empty) and the image file name.
 */
static bool blkdebug_parse_filename(const char *filename, char **config,
                                    char **image, Error **errp)
{
    const char *p, *c;

    if (!g_str_has_prefix(filename, "blkdebug:")) {
        error_setg(errp, "File name string must start with 'blkdebug:'");
        return false;
    }
    p = filename + strlen("blkdebug:");
    c = strchr(p, ':');
    if (!c) {
        error_setg(errp, "Invalid parameter: image file name missing in "
                   "'%s'", filename);
        return false;
    }
    *config = c > p ? g_strndup(p, c - p) : NULL;
    *image = c[1] ? g_strdup(c + 1) : NULL;
    return true;
}

static void blkdebug_free_rules(BDRVBlkdebugState *s)
{
    if (s->rules) {
        g_ptr_array_free(s->rules, TRUE);
        s->rules = NULL;
    }
}

static int blkdebug_open(BlockDriverState *bs, QDict *options, int flags,
                         Error **errp)
{
    BDRVBlkdebugState *s = bs->opaque;
    Error *local_err = NULL;
    g_autofree char *config = bdrv_take_str(options, "config");
    g_autofree char *image = NULL;
    int64_t align, max_transfer;
    int ret = -EINVAL;

    g_mutex_init(&s->lock);
    s->rules = g_ptr_array_new_with_free_func(g_free);
    s->state = 1;

    if (bs->filename[0] && g_str_has_prefix(bs->filename, "blkdebug:")) {
        g_autofree char *fconfig = NULL;

        if (!blkdebug_parse_filename(bs->filename, &fconfig, &image, errp)) {
            goto fail;
        }
        if (!config) {
            config = g_steal_pointer(&fconfig);
        }
    }
    if (config && blkdebug_read_config(s, config, errp) < 0) {
        goto fail;
    }
    if (!blkdebug_take_rules(s, options, "inject-error", RULE_INJECT_ERROR,
                             errp) ||
        !blkdebug_take_rules(s, options, "set-state", RULE_SET_STATE,
                             errp)) {
        goto fail;
    }
    align = bdrv_take_size(options, "align", 0, &local_err);
    if (!local_err) {
        max_transfer = bdrv_take_size(options, "max-transfer", 0, &local_err);
    }
    if (local_err) {
        error_propagate(errp, local_err);
        goto fail;
    }
    if (align && (align & (align - 1))) {
        error_setg(errp, "Cannot meet constraints with align %" PRId64,
                   align);
        goto fail;
    }
    if (max_transfer && align && max_transfer % align) {
        error_setg(errp, "Cannot meet constraints with max-transfer %" PRId64,
                   max_transfer);
        goto fail;
    }
    /* QEMU's open-time options it has no use for here. */
    g_free(bdrv_take_str(options, "take-child-perms"));
    g_free(bdrv_take_str(options, "unshare-child-perms"));

    if (!bdrv_open_child(image, options, "image", bs, BDRV_CHILD_FILE, false,
                         errp)) {
        ret = -EINVAL;
        goto fail;
    }
    bs->request_alignment = MAX(align, bs->file->bs->request_alignment);
    bs->opt_mem_alignment = bs->file->bs->opt_mem_alignment;
    bs->max_transfer = max_transfer ? max_transfer
                                    : bs->file->bs->max_transfer;
    bs->has_zero_init = bs->file->bs->has_zero_init;
    if (!bs->filename[0]) {
        g_autofree char *name = g_strconcat("blkdebug::",
                                            bs->file->bs->filename, NULL);

        pstrcpy(bs->filename, sizeof(bs->filename), name);
    }
    return 0;

fail:
    blkdebug_free_rules(s);
    g_mutex_clear(&s->lock);
    return ret;
}

static void blkdebug_close(BlockDriverState *bs)
{
    BDRVBlkdebugState *s = bs->opaque;

    blkdebug_free_rules(s);
    g_mutex_clear(&s->lock);
}

/* ---- requests --------------------------------------------------------- */

/* @event happened: arm its inject-error rules, apply its set-state rules. */
static void blkdebug_event_locked(BDRVBlkdebugState *s, const char *event)
{
    int ev = blkdebug_event_by_name(event);
    int new_state = s->state;
    bool armed = false;
    int i;

    for (i = 0; i < s->rules->len; i++) {
        BlkdebugRule *r = g_ptr_array_index(s->rules, i);

        if (r->event != ev || (r->state && r->state != s->state)) {
            continue;
        }
        if (r->kind == RULE_SET_STATE) {
            new_state = r->new_state;
            continue;
        }
        if (!armed) {
            /* a new event replaces the rules armed by the last one */
            int j;

            for (j = 0; j < s->rules->len; j++) {
                ((BlkdebugRule *)g_ptr_array_index(s->rules, j))->active =
                    false;
            }
            armed = true;
        }
        r->active = true;
    }
    s->state = new_state;
}

/*
 * Raise @ev1/@ev2 (may be NULL), then look for an armed rule matching
 * the request: its -errno, or 0 to pass the request on.
 */
static int blkdebug_check(BlockDriverState *bs, const char *ev1,
                          const char *ev2, int64_t offset, int64_t bytes,
                          BlkdebugIOType iotype)
{
    BDRVBlkdebugState *s = bs->opaque;
    int ret = 0;
    int i;

    g_mutex_lock(&s->lock);
    if (ev1) {
        blkdebug_event_locked(s, ev1);
    }
    if (ev2) {
        blkdebug_event_locked(s, ev2);
    }
    for (i = 0; i < s->rules->len; i++) {
        BlkdebugRule *r = g_ptr_array_index(s->rules, i);

        if (!r->active || r->kind != RULE_INJECT_ERROR ||
            !(r->iotype_mask & (1ull << iotype))) {
            continue;
        }
        if (r->offset >= 0 &&
            !(bytes && r->offset >= offset && r->offset < offset + bytes)) {
            continue;
        }
        ret = -r->error;
        if (r->once) {
            g_ptr_array_remove_index(s->rules, i);
        }
        break;
    }
    g_mutex_unlock(&s->lock);
    return ret;
}

static int blkdebug_preadv(BlockDriverState *bs, int64_t offset,
                           int64_t bytes, QEMUIOVector *qiov,
                           BdrvRequestFlags flags)
{
    int ret = blkdebug_check(bs, "read_aio", NULL, offset, bytes,
                             BLKDEBUG_IO_TYPE_READ);

    return ret ? ret : bdrv_preadv(bs->file, offset, bytes, qiov, flags);
}

static int blkdebug_pwritev(BlockDriverState *bs, int64_t offset,
                            int64_t bytes, QEMUIOVector *qiov,
                            BdrvRequestFlags flags)
{
    int ret = blkdebug_check(bs, "write_aio", "pwritev", offset, bytes,
                             BLKDEBUG_IO_TYPE_WRITE);

    return ret ? ret : bdrv_pwritev(bs->file, offset, bytes, qiov, flags);
}

static int blkdebug_pwrite_zeroes(BlockDriverState *bs, int64_t offset,
                                  int64_t bytes, BdrvRequestFlags flags)
{
    int ret = blkdebug_check(bs, "pwritev_zero", NULL, offset, bytes,
                             BLKDEBUG_IO_TYPE_WRITE_ZEROES);

    return ret ? ret : bdrv_pwrite_zeroes(bs->file, offset, bytes, flags);
}

static int blkdebug_pdiscard(BlockDriverState *bs, int64_t offset,
                             int64_t bytes)
{
    int ret = blkdebug_check(bs, NULL, NULL, offset, bytes,
                             BLKDEBUG_IO_TYPE_DISCARD);

    return ret ? ret : bdrv_pdiscard(bs->file, offset, bytes);
}

/* Runs before the child is flushed (bdrv_flush's order). */
static int blkdebug_flush(BlockDriverState *bs)
{
    return blkdebug_check(bs, "flush_to_os", "flush_to_disk", 0, 0,
                          BLKDEBUG_IO_TYPE_FLUSH);
}

static int64_t blkdebug_getlength(BlockDriverState *bs)
{
    return bdrv_getlength(bs->file->bs);
}

static int blkdebug_truncate(BlockDriverState *bs, int64_t offset,
                             bool exact, PreallocMode prealloc,
                             BdrvRequestFlags flags, Error **errp)
{
    return bdrv_truncate(bs->file, offset, exact, prealloc, flags, errp);
}

static int blkdebug_block_status(BlockDriverState *bs, int64_t offset,
                                 int64_t bytes, int64_t *pnum, int64_t *map,
                                 BlockDriverState **file)
{
    int ret = blkdebug_check(bs, NULL, NULL, offset, bytes,
                             BLKDEBUG_IO_TYPE_BLOCK_STATUS);

    if (ret) {
        return ret;
    }
    return bdrv_block_status(bs->file->bs, offset, bytes, pnum, map, file);
}

static BlockDriver bdrv_blkdebug = {
    .format_name = "blkdebug",
    .protocol_name = "blkdebug",
    .instance_size = sizeof(BDRVBlkdebugState),
    .is_filter = true,
    .bdrv_open = blkdebug_open,
    .bdrv_close = blkdebug_close,
    .bdrv_preadv = blkdebug_preadv,
    .bdrv_pwritev = blkdebug_pwritev,
    .bdrv_pwrite_zeroes = blkdebug_pwrite_zeroes,
    .bdrv_pdiscard = blkdebug_pdiscard,
    .bdrv_flush_to_os = blkdebug_flush,
    .bdrv_getlength = blkdebug_getlength,
    .bdrv_truncate = blkdebug_truncate,
    .bdrv_block_status = blkdebug_block_status,
};

static void bdrv_blkdebug_init(void)
{
    bdrv_register(&bdrv_blkdebug);
}
block_init(bdrv_blkdebug_init);
