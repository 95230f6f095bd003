/*
 * qcow2 metadata caches, reference counts, cluster allocation and the
 * consistency check.
 *
 * Ordering rules that keep an image consistent across a crash:
 *  - a refcount block reaches the disk before any table pointing at a
 *    cluster it counts (qcow2_cache_flush of the L2 cache flushes the
 *    refcount cache and the file first);
 *  - a new refcount block is written before the refcount table entry
 *    that points to it; a new table before the header that names it;
 *  - a reference is removed on disk before the cluster's refcount drops.
 * All functions here are called with s->lock held.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/bswap.h"
#include "qemu/memalign.h"
#include "block/qcow2.h"

/* Caches */

void qcow2_cache_init(Qcow2Cache *c, int size, int cluster_size, bool rc)
{
    int i;

    c->size = size;
    c->entries = g_new0(Qcow2CacheEntry, size);
    c->is_refcount = rc;
    for (i = 0; i < size; i++) {
        c->entries[i].data = qemu_memalign(4096, cluster_size);
    }
}

void qcow2_cache_destroy(Qcow2Cache *c)
{
    int i;

    for (i = 0; c->entries && i < c->size; i++) {
        qemu_vfree(c->entries[i].data);
    }
    g_free(c->entries);
    c->entries = NULL;
}

static int cache_write_entry(BlockDriverState *bs, Qcow2Cache *c,
                             Qcow2CacheEntry *e)
{
    BDRVQcow2State *s = bs->opaque;
    int ret;

    if (!e->dirty) {
        return 0;
    }
    if (!c->is_refcount && !s->use_lazy_refcounts) {
        /* Refcounts before the tables that reference their clusters. */
        ret = qcow2_cache_flush(bs, &s->refcount_cache);
        if (ret < 0) {
            return ret;
        }
    }
    ret = bdrv_pwrite(bs->file, e->offset, s->cluster_size, e->data, 0);
    if (ret < 0) {
        return ret;
    }
    e->dirty = false;
    return 0;
}

int qcow2_cache_flush(BlockDriverState *bs, Qcow2Cache *c)
{
    int i, ret, result = 0;
    bool wrote = false;

    for (i = 0; i < c->size; i++) {
        if (c->entries[i].dirty) {
            ret = cache_write_entry(bs, c, &c->entries[i]);
            if (ret < 0 && result == 0) {
                result = ret;
            }
            wrote = true;
        }
    }
    if (wrote && result == 0) {
        result = bdrv_flush(bs->file->bs);
    }
    return result;
}

int qcow2_flush_caches(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;
    int ret = qcow2_cache_flush(bs, &s->refcount_cache);

    if (ret == 0) {
        ret = qcow2_cache_flush(bs, &s->l2_cache);
    }
    return ret;
}

void qcow2_cache_discard(Qcow2Cache *c, uint64_t offset)
{
    int i;

    for (i = 0; i < c->size; i++) {
        if (c->entries[i].offset == offset) {
            c->entries[i].offset = 0;
            c->entries[i].dirty = false;
        }
    }
}

/*
 * The cached table at @offset; with @fresh the content is not read (a
 * newly allocated table the caller fills in).
 */
int qcow2_cache_get(BlockDriverState *bs, Qcow2Cache *c, uint64_t offset,
                    uint8_t **table, bool fresh)
{
    BDRVQcow2State *s = bs->opaque;
    Qcow2CacheEntry *victim = NULL;
    int i, ret;

    for (i = 0; i < c->size; i++) {
        if (c->entries[i].offset == offset) {
            c->entries[i].lru = ++c->lru_counter;
            *table = c->entries[i].data;
            return 0;
        }
    }
    for (i = 0; i < c->size; i++) {
        Qcow2CacheEntry *e = &c->entries[i];

        if (!e->offset) {
            victim = e;
            break;
        }
        if (!victim || e->lru < victim->lru) {
            victim = e;
        }
    }
    if (victim->offset) {
        ret = cache_write_entry(bs, c, victim);
        if (ret < 0) {
            return ret;
        }
    }
    victim->offset = 0;
    if (fresh) {
        memset(victim->data, 0, s->cluster_size);
    } else {
        ret = bdrv_pread(bs->file, offset, s->cluster_size, victim->data, 0);
        if (ret < 0) {
            return ret;
        }
    }
    victim->offset = offset;
    victim->dirty = false;
    victim->lru = ++c->lru_counter;
    *table = victim->data;
    return 0;
}

void qcow2_cache_mark_dirty(Qcow2Cache *c, uint8_t *table)
{
    int i;

    for (i = 0; i < c->size; i++) {
        if (c->entries[i].data == table) {
            c->entries[i].dirty = true;
            return;
        }
    }
    abort();
}

/* Refcount entries of any width (2^refcount_order bits) */

static uint64_t rc_get(BDRVQcow2State *s, const uint8_t *blk, uint64_t i)
{
    switch (s->refcount_order) {
    case 0: case 1: case 2: {
        int bits = s->refcount_bits;
        uint64_t bit = i * bits;

        return (blk[bit / 8] >> (bit % 8)) & ((1 << bits) - 1);
    }
    case 3: return blk[i];
    case 4: return lduw_be_p(blk + 2 * i);
    case 5: return ldl_be_p(blk + 4 * i);
    default: return ldq_be_p(blk + 8 * i);
    }
}

static void rc_set(BDRVQcow2State *s, uint8_t *blk, uint64_t i, uint64_t v)
{
    switch (s->refcount_order) {
    case 0: case 1: case 2: {
        int bits = s->refcount_bits;
        uint64_t bit = i * bits;
        uint8_t mask = ((1 << bits) - 1) << (bit % 8);

        blk[bit / 8] = (blk[bit / 8] & ~mask) | ((v << (bit % 8)) & mask);
        break;
    }
    case 3: blk[i] = v; break;
    case 4: stw_be_p(blk + 2 * i, v); break;
    case 5: stl_be_p(blk + 4 * i, v); break;
    default: stq_be_p(blk + 8 * i, v); break;
    }
}

int qcow2_refcount_init(BlockDriverState *bs, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t bytes = (uint64_t)s->refcount_table_size * 8;
    uint32_t i;
    int ret;

    s->refcount_table = g_try_malloc0(MAX(bytes, 8));
    if (!s->refcount_table) {
        error_setg(errp, "Could not allocate refcount table");
        return -ENOMEM;
    }
    if (bytes) {
        ret = bdrv_pread(bs->file, s->refcount_table_offset, bytes,
                         s->refcount_table, 0);
        if (ret < 0) {
            error_setg_errno(errp, -ret, "Could not read refcount table");
            return ret;
        }
        for (i = 0; i < s->refcount_table_size; i++) {
            s->refcount_table[i] = be64_to_cpu(s->refcount_table[i]);
        }
    }
    return 0;
}

void qcow2_refcount_close(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;

    g_free(s->refcount_table);
    s->refcount_table = NULL;
}

/* The refcount block covering @cluster_index, or NULL when none exists. */
static int get_refblock(BlockDriverState *bs, uint64_t cluster_index,
                        uint8_t **blk)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t ti = cluster_index >> s->refcount_block_bits;
    uint64_t off;

    *blk = NULL;
    if (ti >= s->refcount_table_size) {
        return 0;
    }
    off = s->refcount_table[ti] & REFT_OFFSET_MASK;
    if (!off) {
        return 0;
    }
    if (off & (s->cluster_size - 1)) {
        return qcow2_signal_corruption(bs, true, "Refblock offset %#" PRIx64
                                       " unaligned (reftable index: %#"
                                       PRIx64 ")", off, ti);
    }
    return qcow2_cache_get(bs, &s->refcount_cache, off, blk, false);
}

int qcow2_get_refcount(BlockDriverState *bs, uint64_t cluster_index,
                       uint64_t *refcount)
{
    BDRVQcow2State *s = bs->opaque;
    uint8_t *blk;
    int ret = get_refblock(bs, cluster_index, &blk);

    *refcount = 0;
    if (ret < 0) {
        return ret;
    }
    if (blk) {
        *refcount = rc_get(s, blk, cluster_index &
                           (s->refcount_block_size - 1));
    }
    return 0;
}

static int write_reftable_entry(BlockDriverState *bs, uint64_t ti)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t be = cpu_to_be64(s->refcount_table[ti]);

    return bdrv_pwrite_sync(bs->file, s->refcount_table_offset + ti * 8, 8,
                            &be, 0);
}

/*
 * Grows the refcount table to cover table index @min_ti, creating the
 * refcount block for @min_ti at the first cluster of the range it covers
 * (all free, since nothing counted them) followed by the new table.
 */
static int grow_refcount_table(BlockDriverState *bs, uint64_t min_ti)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t per_cluster = s->cluster_size / 8;
    uint64_t new_size = MAX(min_ti + 1, (uint64_t)s->refcount_table_size * 2);
    uint64_t clusters, base, i;
    uint64_t *new_table;
    uint8_t *blk;
    uint64_t old_off = s->refcount_table_offset;
    uint64_t old_clusters = DIV_ROUND_UP(s->refcount_table_size * 8ULL,
                                         s->cluster_size);
    struct QEMU_PACKED { uint64_t off; uint32_t clusters; } hdr;
    int ret;

    new_size = ROUND_UP(new_size, per_cluster);
    clusters = new_size / per_cluster;
    if (new_size * 8 > QCOW_MAX_REFTABLE_SIZE ||
        clusters + 1 > (uint64_t)s->refcount_block_size) {
        return -EFBIG;
    }
    base = min_ti << s->refcount_block_bits;    /* cluster index */

    blk = qemu_blockalign(bs, s->cluster_size);
    memset(blk, 0, s->cluster_size);
    for (i = 0; i <= clusters; i++) {
        rc_set(s, blk, i, 1);           /* the block itself and the table */
    }
    new_table = g_malloc0(new_size * 8);
    for (i = 0; i < s->refcount_table_size; i++) {
        new_table[i] = cpu_to_be64(s->refcount_table[i]);
    }
    new_table[min_ti] = cpu_to_be64(base << s->cluster_bits);

    ret = bdrv_pwrite(bs->file, base << s->cluster_bits, s->cluster_size,
                      blk, 0);
    if (ret == 0) {
        ret = bdrv_pwrite(bs->file, (base + 1) << s->cluster_bits,
                          new_size * 8, new_table, 0);
    }
    if (ret == 0) {
        ret = bdrv_flush(bs->file->bs);
    }
    qemu_vfree(blk);
    if (ret < 0) {
        g_free(new_table);
        return ret;
    }
    hdr.off = cpu_to_be64((base + 1) << s->cluster_bits);
    hdr.clusters = cpu_to_be32(clusters);
    ret = bdrv_pwrite_sync(bs->file, offsetof(QCowHeader,
                                              refcount_table_offset),
                           sizeof(hdr), &hdr, 0);
    if (ret < 0) {
        g_free(new_table);
        return ret;
    }
    for (i = 0; i < new_size; i++) {
        new_table[i] = be64_to_cpu(new_table[i]);
    }
    g_free(s->refcount_table);
    s->refcount_table = new_table;
    s->refcount_table_size = new_size;
    s->refcount_table_offset = (base + 1) << s->cluster_bits;
    qcow2_free_clusters(bs, old_off, old_clusters << s->cluster_bits);
    return 0;
}

/* Creates the refcount block for table index @ti (self-describing). */
static int alloc_refblock(BlockDriverState *bs, uint64_t ti)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t base = ti << s->refcount_block_bits;
    uint8_t *blk;
    int ret;

    if (ti >= s->refcount_table_size) {
        return grow_refcount_table(bs, ti);
    }
    ret = qcow2_cache_get(bs, &s->refcount_cache, base << s->cluster_bits,
                          &blk, true);
    if (ret < 0) {
        return ret;
    }
    rc_set(s, blk, 0, 1);
    qcow2_cache_mark_dirty(&s->refcount_cache, blk);
    ret = qcow2_cache_flush(bs, &s->refcount_cache);
    if (ret < 0) {
        return ret;
    }
    s->refcount_table[ti] = base << s->cluster_bits;
    return write_reftable_entry(bs, ti);
}

int qcow2_update_refcount(BlockDriverState *bs, uint64_t offset,
                          uint64_t length, int64_t addend)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t first, last, ci;
    int ret;

    if (length == 0) {
        return 0;
    }
    first = offset >> s->cluster_bits;
    last = (offset + length - 1) >> s->cluster_bits;
    for (ci = first; ci <= last; ci++) {
        uint8_t *blk;
        uint64_t idx, rc;

        ret = get_refblock(bs, ci, &blk);
        if (ret < 0) {
            return ret;
        }
        if (!blk) {
            if (addend < 0) {
                return qcow2_signal_corruption(bs, true, "Preventing invalid "
                        "free of cluster %#" PRIx64 " without refblock", ci);
            }
            ret = alloc_refblock(bs, ci >> s->refcount_block_bits);
            if (ret < 0) {
                return ret;
            }
            ret = get_refblock(bs, ci, &blk);
            if (ret < 0 || !blk) {
                return ret < 0 ? ret : -EIO;
            }
        }
        idx = ci & (s->refcount_block_size - 1);
        rc = rc_get(s, blk, idx);
        if ((addend < 0 && rc < (uint64_t)-addend) ||
            (addend > 0 && rc + addend > s->refcount_max)) {
            return addend < 0 ? -EINVAL : -ERANGE;
        }
        rc_set(s, blk, idx, rc + addend);
        qcow2_cache_mark_dirty(&s->refcount_cache, blk);
        if (rc + addend == 0 && ci < s->free_cluster_index) {
            s->free_cluster_index = ci;
        }
    }
    return 0;
}

static int64_t find_free_clusters(BlockDriverState *bs, uint64_t n)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t start = s->free_cluster_index, ci, rc;
    uint64_t run = 0;
    int ret;

    for (ci = start;; ci++) {
        ret = qcow2_get_refcount(bs, ci, &rc);
        if (ret < 0) {
            return ret;
        }
        if (rc) {
            run = 0;
            continue;
        }
        if (++run == n) {
            return ci + 1 - n;
        }
    }
}

int64_t qcow2_alloc_clusters(BlockDriverState *bs, uint64_t size)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t n = DIV_ROUND_UP(size, s->cluster_size);
    int64_t start;
    uint64_t ci;
    int ret;

    if (n == 0) {
        return -EINVAL;
    }
retry:
    start = find_free_clusters(bs, n);
    if (start < 0) {
        return start;
    }
    if ((uint64_t)(start + n) > (1ULL << (56 - s->cluster_bits))) {
        return -EFBIG;
    }
    /* Make sure every cluster has a refcount block first; each new block
     * takes a cluster, so look again afterwards. */
    for (ci = start; ci < start + n; ci++) {
        uint8_t *blk;

        ret = get_refblock(bs, ci, &blk);
        if (ret < 0) {
            return ret;
        }
        if (!blk) {
            ret = alloc_refblock(bs, ci >> s->refcount_block_bits);
            if (ret < 0) {
                return ret;
            }
            goto retry;
        }
    }
    ret = qcow2_update_refcount(bs, (uint64_t)start << s->cluster_bits,
                                n << s->cluster_bits, 1);
    if (ret < 0) {
        return ret;
    }
    if ((uint64_t)start == s->free_cluster_index) {
        s->free_cluster_index = start + n;
    }
    return (uint64_t)start << s->cluster_bits;
}

/* Byte allocation for compressed clusters, packed into shared clusters. */
int64_t qcow2_alloc_bytes(BlockDriverState *bs, int size)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t off = s->free_byte_offset;
    int64_t new;
    int ret;

    if (off && (off & (s->cluster_size - 1)) &&
        (off & (s->cluster_size - 1)) + size <= s->cluster_size) {
        uint64_t rc;

        ret = qcow2_get_refcount(bs, off >> s->cluster_bits, &rc);
        if (ret == 0 && rc > 0 && rc < s->refcount_max) {
            ret = qcow2_update_refcount(bs, off, 1, 1);
            if (ret < 0) {
                return ret;
            }
            s->free_byte_offset = off + size;
            return off;
        }
    }
    new = qcow2_alloc_clusters(bs, size);
    if (new < 0) {
        return new;
    }
    s->free_byte_offset = new + size;
    return new;
}

void qcow2_free_clusters(BlockDriverState *bs, uint64_t offset, uint64_t size)
{
    int ret = qcow2_update_refcount(bs, offset, size, -1);

    if (ret < 0) {
        error_report("qcow2_free_clusters failed: %s", strerror(-ret));
    }
}

void qcow2_free_any_cluster(BlockDriverState *bs, uint64_t l2_entry)
{
    BDRVQcow2State *s = bs->opaque;

    switch (qcow2_get_cluster_type(s, l2_entry)) {
    case QCOW2_CLUSTER_COMPRESSED: {
        uint64_t off;
        int len;

        qcow2_parse_compressed(s, l2_entry, &off, &len);
        qcow2_free_clusters(bs, off & ~511ULL,
                            ROUND_UP((off & 511) + len, 512));
        break;
    }
    case QCOW2_CLUSTER_NORMAL:
    case QCOW2_CLUSTER_ZERO_ALLOC:
        qcow2_free_clusters(bs, l2_entry & L2E_OFFSET_MASK, s->cluster_size);
        break;
    default:
        break;
    }
}

/*
 * Adds @addend to the refcounts of every L2 table and data cluster an
 * L1 table references (snapshot create/delete/apply).
 */
int qcow2_update_tree_refcounts(BlockDriverState *bs, uint64_t l1_offset,
                                int l1_size, int addend)
{
    BDRVQcow2State *s = bs->opaque;
    g_autofree uint64_t *l1 = g_new0(uint64_t, MAX(l1_size, 1));
    int i, j, ret;

    if (l1_size) {
        ret = bdrv_pread(bs->file, l1_offset, l1_size * 8, l1, 0);
        if (ret < 0) {
            return ret;
        }
    }
    for (i = 0; i < l1_size; i++) {
        uint64_t l2_off = be64_to_cpu(l1[i]) & L1E_OFFSET_MASK;
        uint8_t *l2;

        if (!l2_off) {
            continue;
        }
        if (l2_off & (s->cluster_size - 1)) {
            return qcow2_signal_corruption(bs, true, "L2 table offset %#"
                                           PRIx64 " unaligned", l2_off);
        }
        ret = qcow2_cache_get(bs, &s->l2_cache, l2_off, &l2, false);
        if (ret < 0) {
            return ret;
        }
        for (j = 0; j < s->l2_size; j++) {
            uint64_t e = ldq_be_p(l2 + 8 * j);

            switch (qcow2_get_cluster_type(s, e)) {
            case QCOW2_CLUSTER_COMPRESSED: {
                uint64_t off;
                int len;

                qcow2_parse_compressed(s, e, &off, &len);
                ret = qcow2_update_refcount(bs, off & ~511ULL,
                                            ROUND_UP((off & 511) + len, 512),
                                            addend);
                break;
            }
            case QCOW2_CLUSTER_NORMAL:
            case QCOW2_CLUSTER_ZERO_ALLOC:
                ret = qcow2_update_refcount(bs, e & L2E_OFFSET_MASK, 1,
                                            addend);
                break;
            default:
                ret = 0;
            }
            if (ret < 0) {
                return ret;
            }
        }
        ret = qcow2_update_refcount(bs, l2_off, 1, addend);
        if (ret < 0) {
            return ret;
        }
    }
    return 0;
}

/* Sets QCOW_OFLAG_COPIED exactly where the refcount is 1 (active L1). */
int qcow2_fix_copied_flags(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;
    int i, j, ret;

    for (i = 0; i < s->l1_size; i++) {
        uint64_t l2_off = s->l1_table[i] & L1E_OFFSET_MASK;
        uint64_t rc, want;
        uint8_t *l2;
        bool dirty = false;

        if (!l2_off) {
            continue;
        }
        ret = qcow2_get_refcount(bs, l2_off >> s->cluster_bits, &rc);
        if (ret < 0) {
            return ret;
        }
        want = l2_off | (rc == 1 ? QCOW_OFLAG_COPIED : 0);
        if (want != s->l1_table[i]) {
            s->l1_table[i] = want;
            ret = qcow2_write_l1_entry(bs, i);
            if (ret < 0) {
                return ret;
            }
        }
        ret = qcow2_cache_get(bs, &s->l2_cache, l2_off, &l2, false);
        if (ret < 0) {
            return ret;
        }
        for (j = 0; j < s->l2_size; j++) {
            uint64_t e = ldq_be_p(l2 + 8 * j), ne;
            QCow2ClusterType t = qcow2_get_cluster_type(s, e);

            if (t != QCOW2_CLUSTER_NORMAL && t != QCOW2_CLUSTER_ZERO_ALLOC) {
                continue;
            }
            ret = qcow2_get_refcount(bs, (e & L2E_OFFSET_MASK) >>
                                     s->cluster_bits, &rc);
            if (ret < 0) {
                return ret;
            }
            ne = rc == 1 ? e | QCOW_OFLAG_COPIED : e & ~QCOW_OFLAG_COPIED;
            if (ne != e) {
                stq_be_p(l2 + 8 * j, ne);
                dirty = true;
            }
        }
        if (dirty) {
            qcow2_cache_mark_dirty(&s->l2_cache, l2);
        }
    }
    return 0;
}

/* Consistency check */

typedef struct CheckState {
    uint64_t nb_clusters;       /* size of @refs */
    uint32_t *refs;             /* computed references per cluster */
    uint64_t last_data;         /* previous data cluster (fragmentation) */
} CheckState;

static void check_ref(BlockDriverState *bs, CheckState *cs,
                      BdrvCheckResult *res, uint64_t offset, uint64_t size)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t first, last, ci;

    if (size == 0) {
        return;
    }
    first = offset >> s->cluster_bits;
    last = (offset + size - 1) >> s->cluster_bits;
    for (ci = first; ci <= last; ci++) {
        if (ci >= cs->nb_clusters) {
            fprintf(stderr, "ERROR: offset=%" PRIx64 " is beyond the end of "
                    "the image file\n", ci << s->cluster_bits);
            res->corruptions++;
            return;
        }
        cs->refs[ci]++;
    }
}

static int check_l1_tree(BlockDriverState *bs, CheckState *cs,
                         BdrvCheckResult *res, uint64_t l1_offset,
                         int l1_size, bool active, BdrvCheckMode fix)
{
    BDRVQcow2State *s = bs->opaque;
    g_autofree uint64_t *l1 = g_new0(uint64_t, MAX(l1_size, 1));
    g_autofree uint8_t *l2 = g_malloc(s->cluster_size);
    int i, j, ret;

    check_ref(bs, cs, res, l1_offset, (uint64_t)l1_size * 8);
    if (l1_size) {
        ret = bdrv_pread(bs->file, l1_offset, l1_size * 8, l1, 0);
        if (ret < 0) {
            fprintf(stderr, "ERROR: I/O error in check_refcounts_l1\n");
            res->check_errors++;
            return ret;
        }
    }
    for (i = 0; i < l1_size; i++) {
        uint64_t l2_off = be64_to_cpu(l1[i]) & L1E_OFFSET_MASK;

        if (!l2_off) {
            continue;
        }
        if (l2_off & (s->cluster_size - 1)) {
            fprintf(stderr, "ERROR l2_offset=%" PRIx64 ": Table is not "
                    "cluster aligned; L1 entry corrupted\n", l2_off);
            res->corruptions++;
            continue;
        }
        check_ref(bs, cs, res, l2_off, s->cluster_size);
        if ((l2_off >> s->cluster_bits) >= cs->nb_clusters) {
            continue;
        }
        ret = bdrv_pread(bs->file, l2_off, s->cluster_size, l2, 0);
        if (ret < 0) {
            fprintf(stderr, "ERROR: I/O error in check_refcounts_l2\n");
            res->check_errors++;
            return ret;
        }
        for (j = 0; j < s->l2_size; j++) {
            uint64_t e = ldq_be_p(l2 + 8 * j);

            switch (qcow2_get_cluster_type(s, e)) {
            case QCOW2_CLUSTER_COMPRESSED: {
                uint64_t off;
                int len;

                if (e & QCOW_OFLAG_COPIED) {
                    fprintf(stderr, "ERROR: coffset=0x%" PRIx64 ": copied "
                            "flag must never be set for compressed "
                            "clusters\n", e & s->cluster_offset_mask);
                    res->corruptions++;
                }
                qcow2_parse_compressed(s, e, &off, &len);
                check_ref(bs, cs, res, off & ~511ULL,
                          ROUND_UP((off & 511) + len, 512));
                if (active) {
                    res->compressed_clusters++;
                    res->allocated_clusters++;
                    /* compressed clusters are fragmented by nature */
                    res->fragmented_clusters++;
                }
                break;
            }
            case QCOW2_CLUSTER_NORMAL:
            case QCOW2_CLUSTER_ZERO_ALLOC: {
                uint64_t off = e & L2E_OFFSET_MASK;

                if (off & (s->cluster_size - 1)) {
                    fprintf(stderr, "ERROR offset=%" PRIx64 ": Data cluster "
                            "is not properly aligned; L2 entry corrupted.\n",
                            off);
                    res->corruptions++;
                    break;
                }
                check_ref(bs, cs, res, off, s->cluster_size);
                if (active) {
                    res->allocated_clusters++;
                    if (cs->last_data && off != cs->last_data +
                        s->cluster_size) {
                        res->fragmented_clusters++;
                    }
                    cs->last_data = off;
                }
                break;
            }
            default:
                break;
            }
        }
    }
    return 0;
}

/* Compares the COPIED flags of the active tree with the refcounts. */
static int check_copied_flags(BlockDriverState *bs, BdrvCheckResult *res,
                              BdrvCheckMode fix)
{
    BDRVQcow2State *s = bs->opaque;
    g_autofree uint8_t *l2 = g_malloc(s->cluster_size);
    int i, j, ret;
    bool need_fix = false;

    for (i = 0; i < s->l1_size; i++) {
        uint64_t l2_off = s->l1_table[i] & L1E_OFFSET_MASK;
        uint64_t rc;

        if (!l2_off || (l2_off & (s->cluster_size - 1))) {
            continue;
        }
        ret = qcow2_get_refcount(bs, l2_off >> s->cluster_bits, &rc);
        if (ret < 0) {
            continue;
        }
        if ((rc == 1) != !!(s->l1_table[i] & QCOW_OFLAG_COPIED)) {
            fprintf(stderr, "%s OFLAG_COPIED L2 cluster: l1_index=%d "
                    "l1_entry=%" PRIx64 " refcount=%" PRIu64 "\n",
                    fix & BDRV_FIX_ERRORS ? "Repairing" : "ERROR", i,
                    s->l1_table[i], rc);
            res->corruptions++;
            need_fix = true;
        }
        ret = qcow2_cache_flush(bs, &s->l2_cache);
        ret = bdrv_pread(bs->file, l2_off, s->cluster_size, l2, 0);
        if (ret < 0) {
            res->check_errors++;
            continue;
        }
        for (j = 0; j < s->l2_size; j++) {
            uint64_t e = ldq_be_p(l2 + 8 * j);
            QCow2ClusterType t = qcow2_get_cluster_type(s, e);

            if (t != QCOW2_CLUSTER_NORMAL && t != QCOW2_CLUSTER_ZERO_ALLOC) {
                continue;
            }
            if ((e & L2E_OFFSET_MASK) & (s->cluster_size - 1)) {
                continue;
            }
            ret = qcow2_get_refcount(bs, (e & L2E_OFFSET_MASK) >>
                                     s->cluster_bits, &rc);
            if (ret < 0) {
                continue;
            }
            if ((rc == 1) != !!(e & QCOW_OFLAG_COPIED)) {
                fprintf(stderr, "%s OFLAG_COPIED data cluster: l2_entry=%"
                        PRIx64 " refcount=%" PRIu64 "\n",
                        fix & BDRV_FIX_ERRORS ? "Repairing" : "ERROR", e, rc);
                res->corruptions++;
                need_fix = true;
            }
        }
    }
    if (need_fix && (fix & BDRV_FIX_ERRORS)) {
        int before = res->corruptions;

        ret = qcow2_fix_copied_flags(bs);
        if (ret == 0) {
            ret = qcow2_flush_caches(bs);
        }
        if (ret == 0) {
            res->corruptions_fixed += before;
            res->corruptions = 0;
        }
    }
    return 0;
}

int qcow2_check_refcounts(BlockDriverState *bs, BdrvCheckResult *res,
                          BdrvCheckMode fix)
{
    BDRVQcow2State *s = bs->opaque;
    CheckState cs;
    int64_t file_len = bdrv_getlength(bs->file->bs);
    uint64_t ci, ti, highest = 0;
    int i, ret;

    if (file_len < 0) {
        res->check_errors++;
        return file_len;
    }
    ret = qcow2_flush_caches(bs);
    if (ret < 0) {
        res->check_errors++;
        return ret;
    }
    /* Metadata written while checking may extend the file a little. */
    cs.nb_clusters = DIV_ROUND_UP(file_len, s->cluster_size) + 16;
    cs.refs = g_try_new0(uint32_t, cs.nb_clusters);
    cs.last_data = 0;
    if (!cs.refs) {
        res->check_errors++;
        return -ENOMEM;
    }

    check_ref(bs, &cs, res, 0, s->cluster_size);       /* header */
    ret = check_l1_tree(bs, &cs, res, s->l1_table_offset, s->l1_size, true,
                        fix);
    if (ret < 0) {
        goto out;
    }
    for (i = 0; i < s->nb_snapshots; i++) {
        QCowSnapshot *sn = &s->snapshots[i];

        if (sn->l1_table_offset & (s->cluster_size - 1)) {
            fprintf(stderr, "ERROR snapshot %s (%s) l1_offset=%#" PRIx64
                    ": L1 table is not cluster aligned; snapshot table entry "
                    "corrupted\n", sn->id_str, sn->name, sn->l1_table_offset);
            res->corruptions++;
            continue;
        }
        ret = check_l1_tree(bs, &cs, res, sn->l1_table_offset, sn->l1_size,
                            false, fix);
        if (ret < 0) {
            goto out;
        }
    }
    check_ref(bs, &cs, res, s->snapshots_offset, s->snapshots_size);
    check_ref(bs, &cs, res, s->refcount_table_offset,
              (uint64_t)s->refcount_table_size * 8);
    for (ti = 0; ti < s->refcount_table_size; ti++) {
        uint64_t off = s->refcount_table[ti] & REFT_OFFSET_MASK;

        if (!off) {
            continue;
        }
        if (off & (s->cluster_size - 1)) {
            fprintf(stderr, "ERROR refcount block %" PRIu64 " is not cluster "
                    "aligned; refcount table entry corrupted\n", ti);
            res->corruptions++;
            continue;
        }
        if ((off >> s->cluster_bits) >= cs.nb_clusters) {
            fprintf(stderr, "ERROR refcount block %" PRIu64 " is outside "
                    "image\n", ti);
            res->corruptions++;
            continue;
        }
        check_ref(bs, &cs, res, off, s->cluster_size);
    }

    /* Compare with the stored refcounts (within the file, as QEMU). */
    for (ci = 0; ci < (uint64_t)DIV_ROUND_UP(file_len, s->cluster_size);
         ci++) {
        uint64_t rc;

        ret = qcow2_get_refcount(bs, ci, &rc);
        if (ret < 0) {
            fprintf(stderr, "Can't get refcount for cluster %" PRIu64 ": %s\n",
                    ci, strerror(-ret));
            res->check_errors++;
            continue;
        }
        if (cs.refs[ci] || rc) {
            highest = ci;
        }
        if (rc == cs.refs[ci]) {
            continue;
        }
        if (rc > cs.refs[ci]) {
            if (fix & BDRV_FIX_LEAKS) {
                ret = qcow2_update_refcount(bs, ci << s->cluster_bits, 1,
                                            (int64_t)cs.refs[ci] -
                                            (int64_t)rc);
                fprintf(stderr, "Repairing cluster %" PRIu64 " refcount=%"
                        PRIu64 " reference=%u\n", ci, rc, cs.refs[ci]);
                if (ret == 0) {
                    res->leaks_fixed++;
                    continue;
                }
            } else {
                fprintf(stderr, "Leaked cluster %" PRIu64 " refcount=%"
                        PRIu64 " reference=%u\n", ci, rc, cs.refs[ci]);
            }
            res->leaks++;
        } else {
            if (fix & BDRV_FIX_ERRORS) {
                ret = qcow2_update_refcount(bs, ci << s->cluster_bits, 1,
                                            (int64_t)cs.refs[ci] -
                                            (int64_t)rc);
                fprintf(stderr, "Repairing cluster %" PRIu64 " refcount=%"
                        PRIu64 " reference=%u\n", ci, rc, cs.refs[ci]);
                if (ret == 0) {
                    res->corruptions_fixed++;
                    continue;
                }
            } else {
                fprintf(stderr, "ERROR cluster %" PRIu64 " refcount=%" PRIu64
                        " reference=%u\n", ci, rc, cs.refs[ci]);
            }
            res->corruptions++;
        }
    }
    if (res->corruptions == 0) {
        check_copied_flags(bs, res, fix);
    }
    ret = qcow2_flush_caches(bs);
    res->image_end_offset = (highest + 1) << s->cluster_bits;
    res->total_clusters = DIV_ROUND_UP(s->size, s->cluster_size);
out:
    g_free(cs.refs);
    return ret;
}
