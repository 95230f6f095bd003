/*
 * qcow2 format driver: header, L1/L2 mapping, reads and writes with
 * copy-on-write, compression (zlib, zstd), creation, resize, info.
 *
 * Every field read from the image is range-checked before use; an
 * inconsistent image gives an error (and, when writable, the corrupt
 * bit), never an out-of-bounds access.  One mutex per image serialises
 * metadata; plain data I/O to already-owned clusters runs unlocked.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/module.h"
#include "qemu/bswap.h"
#include "qemu/host-utils.h"
#include "qemu/cutils.h"
#include "qemu/memalign.h"
#include "qemu/option.h"
#include "qapi/qmp/qdict.h"
#include "qapi/qmp/qbool.h"
#include "block/qcow2.h"
#include <zlib.h>
#ifdef CONFIG_ZSTD
#include <zstd.h>
#endif

static int qcow2_probe(const uint8_t *buf, int buf_size, const char *filename)
{
    if (buf_size >= 8 && ldl_be_p(buf) == QCOW_MAGIC &&
        ldl_be_p(buf + 4) >= 2) {
        return 100;
    }
    return 0;
}

int qcow2_signal_corruption(BlockDriverState *bs, bool fatal,
                            const char *fmt, ...)
{
    BDRVQcow2State *s = bs->opaque;
    g_autofree char *msg = NULL;
    va_list ap;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    if (fatal && !bs->read_only) {
        if (!s->signaled_corruption) {
            error_report("qcow2: Marking image as corrupt: %s; further "
                         "corruption events will be suppressed", msg);
        }
        s->incompatible_features |= QCOW2_INCOMPAT_CORRUPT;
        qcow2_update_header(bs);
        bs->read_only = true;   /* no further writes */
    } else if (!s->signaled_corruption) {
        error_report("qcow2: Image is corrupt: %s; further non-fatal "
                     "corruption events will be suppressed", msg);
    }
    s->signaled_corruption = true;
    return -EIO;
}

/* Header */

static int write_header_features(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t v = cpu_to_be64(s->incompatible_features);

    if (s->version < 3) {
        return 0;
    }
    return bdrv_pwrite_sync(bs->file, offsetof(QCowHeader,
                                               incompatible_features),
                            8, &v, 0);
}

int qcow2_mark_dirty(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;
    int ret;

    if (s->incompatible_features & QCOW2_INCOMPAT_DIRTY) {
        return 0;
    }
    ret = bdrv_flush(bs->file->bs);
    if (ret < 0) {
        return ret;
    }
    s->incompatible_features |= QCOW2_INCOMPAT_DIRTY;
    return write_header_features(bs);
}

static int qcow2_mark_clean(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;
    int ret;

    if (!(s->incompatible_features & QCOW2_INCOMPAT_DIRTY)) {
        return 0;
    }
    ret = qcow2_flush_caches(bs);
    if (ret < 0) {
        return ret;
    }
    s->incompatible_features &= ~QCOW2_INCOMPAT_DIRTY;
    return write_header_features(bs);
}

/*
 * Rewrites cluster 0: header, extensions (backing format, unknown ones
 * kept), backing file name.
 */
int qcow2_update_header(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;
    g_autofree uint8_t *buf = g_malloc0(s->cluster_size);
    QCowHeader *h = (QCowHeader *)buf;
    size_t hlen = s->version >= 3 ? MAX(s->header_length, 104) : 72;
    size_t pos, blen = strlen(bs->backing_file);
    int ret;

    hlen = s->version >= 3 ? ROUND_UP(MAX(hlen, 112), 8) : 72;
    h->magic = cpu_to_be32(QCOW_MAGIC);
    h->version = cpu_to_be32(s->version);
    h->cluster_bits = cpu_to_be32(s->cluster_bits);
    h->size = cpu_to_be64(s->size);
    h->l1_size = cpu_to_be32(s->l1_size);
    h->l1_table_offset = cpu_to_be64(s->l1_table_offset);
    h->refcount_table_offset = cpu_to_be64(s->refcount_table_offset);
    h->refcount_table_clusters =
        cpu_to_be32(DIV_ROUND_UP(s->refcount_table_size * 8ULL,
                                 s->cluster_size));
    h->nb_snapshots = cpu_to_be32(s->nb_snapshots);
    h->snapshots_offset = cpu_to_be64(s->snapshots_offset);
    if (s->version >= 3) {
        h->incompatible_features = cpu_to_be64(s->incompatible_features);
        h->compatible_features = cpu_to_be64(s->compatible_features);
        h->autoclear_features = cpu_to_be64(s->autoclear_features);
        h->refcount_order = cpu_to_be32(s->refcount_order);
        h->header_length = cpu_to_be32(hlen);
        h->compression_type = s->compression_type;
    }
    pos = hlen;
    if (bs->backing_format[0]) {
        size_t fl = strlen(bs->backing_format);

        stl_be_p(buf + pos, QCOW2_EXT_MAGIC_BACKING_FORMAT);
        stl_be_p(buf + pos + 4, fl);
        memcpy(buf + pos + 8, bs->backing_format, fl);
        pos += 8 + ROUND_UP(fl, 8);
    }
    if (s->unknown_header_ext_len) {
        if (pos + s->unknown_header_ext_len + 8 + blen > s->cluster_size) {
            return -ENOSPC;
        }
        memcpy(buf + pos, s->unknown_header_ext, s->unknown_header_ext_len);
        pos += s->unknown_header_ext_len;
    }
    pos += 8;   /* end marker (zeroes) */
    if (blen) {
        if (pos + blen > s->cluster_size) {
            return -ENOSPC;
        }
        memcpy(buf + pos, bs->backing_file, blen);
        h->backing_file_offset = cpu_to_be64(pos);
        h->backing_file_size = cpu_to_be32(blen);
        pos += blen;
    }
    ret = bdrv_pwrite(bs->file, 0, s->cluster_size, buf, 0);
    if (ret < 0) {
        return ret;
    }
    return bdrv_flush(bs->file->bs);
}

static int read_header_extensions(BlockDriverState *bs, const uint8_t *c0,
                                  uint64_t start, uint64_t end, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t pos = start;
    GByteArray *unknown = g_byte_array_new();

    while (pos + 8 <= end) {
        uint32_t magic = ldl_be_p(c0 + pos);
        uint32_t len = ldl_be_p(c0 + pos + 4);

        if (magic == QCOW2_EXT_MAGIC_END) {
            break;
        }
        if (len > end - pos - 8) {
            g_byte_array_free(unknown, true);
            error_setg(errp, "Header extension too large");
            return -EINVAL;
        }
        if (magic == QCOW2_EXT_MAGIC_BACKING_FORMAT) {
            if (len >= sizeof(bs->backing_format)) {
                g_byte_array_free(unknown, true);
                error_setg(errp, "ERROR: ext_backing_format: len=%u too large "
                           "(>=%zu)", len, sizeof(bs->backing_format));
                return -EINVAL;
            }
            memcpy(bs->backing_format, c0 + pos + 8, len);
            bs->backing_format[len] = 0;
        } else {
            g_byte_array_append(unknown, c0 + pos, 8 + ROUND_UP(len, 8));
        }
        pos += 8 + ROUND_UP(len, 8);
    }
    s->unknown_header_ext_len = unknown->len;
    s->unknown_header_ext = g_byte_array_free(unknown, false);
    return 0;
}

/* Snapshot table */

void qcow2_free_snapshots(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;
    int i;

    for (i = 0; s->snapshots && i < s->nb_snapshots; i++) {
        g_free(s->snapshots[i].id_str);
        g_free(s->snapshots[i].name);
        g_free(s->snapshots[i].unknown_extra_data);
    }
    g_free(s->snapshots);
    s->snapshots = NULL;
    s->nb_snapshots = 0;
}

int qcow2_read_snapshots(BlockDriverState *bs, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    int64_t file_len = bdrv_getlength(bs->file->bs);
    uint64_t off = s->snapshots_offset;
    int n = s->nb_snapshots, i, ret;

    s->snapshots = g_new0(QCowSnapshot, MAX(n, 1));
    s->nb_snapshots = 0;
    for (i = 0; i < n; i++) {
        QCowSnapshotHeader h;
        QCowSnapshot *sn = &s->snapshots[i];
        uint8_t extra[24];

        off = ROUND_UP(off, 8);
        if (off + sizeof(h) > (uint64_t)file_len ||
            off - s->snapshots_offset > QCOW_MAX_SNAPSHOTS_SIZE) {
            error_setg(errp, "Snapshot table is too big");
            ret = -EFBIG;
            goto fail;
        }
        ret = bdrv_pread(bs->file, off, sizeof(h), &h, 0);
        if (ret < 0) {
            error_setg_errno(errp, -ret, "Failed to read snapshot table");
            goto fail;
        }
        off += sizeof(h);
        sn->l1_table_offset = be64_to_cpu(h.l1_table_offset);
        sn->l1_size = be32_to_cpu(h.l1_size);
        sn->vm_state_size = be32_to_cpu(h.vm_state_size);
        sn->date_sec = be32_to_cpu(h.date_sec);
        sn->date_nsec = be32_to_cpu(h.date_nsec);
        sn->vm_clock_nsec = be64_to_cpu(h.vm_clock_nsec);
        sn->extra_data_size = be32_to_cpu(h.extra_data_size);
        sn->disk_size = s->size;
        sn->icount = -1ULL;
        if (sn->extra_data_size > 1024) {
            error_setg(errp, "Too much extra metadata in snapshot table "
                       "entry %i", i);
            ret = -EFBIG;
            goto fail;
        }
        memset(extra, 0, sizeof(extra));
        ret = bdrv_pread(bs->file, off, MIN(sn->extra_data_size, 24), extra,
                         0);
        if (ret < 0) {
            goto fail_read;
        }
        if (sn->extra_data_size >= 8) {
            sn->vm_state_size = ldq_be_p(extra);
        }
        if (sn->extra_data_size >= 16) {
            sn->disk_size = ldq_be_p(extra + 8);
        }
        if (sn->extra_data_size >= 24) {
            sn->icount = ldq_be_p(extra + 16);
        }
        if (sn->extra_data_size > 24) {
            sn->unknown_extra_data = g_malloc(sn->extra_data_size - 24);
            ret = bdrv_pread(bs->file, off + 24, sn->extra_data_size - 24,
                             sn->unknown_extra_data, 0);
            if (ret < 0) {
                goto fail_read;
            }
        }
        off += sn->extra_data_size;
        sn->id_str = g_malloc0(be16_to_cpu(h.id_str_size) + 1);
        ret = bdrv_pread(bs->file, off, be16_to_cpu(h.id_str_size),
                         sn->id_str, 0);
        if (ret < 0) {
            goto fail_read;
        }
        off += be16_to_cpu(h.id_str_size);
        sn->name = g_malloc0(be16_to_cpu(h.name_size) + 1);
        ret = bdrv_pread(bs->file, off, be16_to_cpu(h.name_size), sn->name,
                         0);
        if (ret < 0) {
            goto fail_read;
        }
        off += be16_to_cpu(h.name_size);
        s->nb_snapshots = i + 1;
        if (sn->l1_size > QCOW_MAX_L1_SIZE / 8) {
            error_setg(errp, "Snapshot L1 table too large");
            ret = -EFBIG;
            goto fail;
        }
        if (sn->l1_table_offset & (s->cluster_size - 1)) {
            error_setg(errp, "Snapshot L1 table offset invalid");
            ret = -EINVAL;
            goto fail;
        }
    }
    s->snapshots_size = off - s->snapshots_offset;
    return 0;

fail_read:
    error_setg_errno(errp, -ret, "Failed to read snapshot table");
fail:
    s->nb_snapshots = MIN(i + 1, n);  /* entries are zeroed: safe to free */
    qcow2_free_snapshots(bs);
    return ret;
}

/* Writes the snapshot table to new clusters and points the header at it. */
int qcow2_write_snapshots(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;
    GByteArray *t = g_byte_array_new();
    uint64_t old_off = s->snapshots_offset;
    uint32_t old_size = s->snapshots_size;
    int64_t new_off = 0;
    struct QEMU_PACKED { uint32_t nb; uint64_t off; } hdr;
    int i, ret;

    for (i = 0; i < s->nb_snapshots; i++) {
        QCowSnapshot *sn = &s->snapshots[i];
        QCowSnapshotHeader h = { 0 };
        uint8_t extra[24];
        uint32_t extra_size = 24 + (sn->extra_data_size > 24 ?
                                    sn->extra_data_size - 24 : 0);
        static const uint8_t pad[8];

        h.l1_table_offset = cpu_to_be64(sn->l1_table_offset);
        h.l1_size = cpu_to_be32(sn->l1_size);
        h.id_str_size = cpu_to_be16(strlen(sn->id_str));
        h.name_size = cpu_to_be16(strlen(sn->name));
        h.date_sec = cpu_to_be32(sn->date_sec);
        h.date_nsec = cpu_to_be32(sn->date_nsec);
        h.vm_clock_nsec = cpu_to_be64(sn->vm_clock_nsec);
        h.vm_state_size = cpu_to_be32(MIN(sn->vm_state_size, UINT32_MAX));
        h.extra_data_size = cpu_to_be32(extra_size);
        stq_be_p(extra, sn->vm_state_size);
        stq_be_p(extra + 8, sn->disk_size);
        stq_be_p(extra + 16, sn->icount);
        g_byte_array_append(t, (uint8_t *)&h, sizeof(h));
        g_byte_array_append(t, extra, 24);
        if (extra_size > 24) {
            g_byte_array_append(t, sn->unknown_extra_data, extra_size - 24);
        }
        g_byte_array_append(t, (uint8_t *)sn->id_str, strlen(sn->id_str));
        g_byte_array_append(t, (uint8_t *)sn->name, strlen(sn->name));
        g_byte_array_append(t, pad, ROUND_UP(t->len, 8) - t->len);
    }
    if (t->len) {
        new_off = qcow2_alloc_clusters(bs, t->len);
        if (new_off < 0) {
            g_byte_array_free(t, true);
            return new_off;
        }
        ret = qcow2_cache_flush(bs, &s->refcount_cache);
        if (ret == 0) {
            ret = bdrv_pwrite_sync(bs->file, new_off, t->len, t->data, 0);
        }
        if (ret < 0) {
            g_byte_array_free(t, true);
            return ret;
        }
    }
    hdr.nb = cpu_to_be32(s->nb_snapshots);
    hdr.off = cpu_to_be64(new_off);
    ret = bdrv_pwrite_sync(bs->file, offsetof(QCowHeader, nb_snapshots),
                           sizeof(hdr), &hdr, 0);
    if (ret < 0) {
        g_byte_array_free(t, true);
        return ret;
    }
    s->snapshots_offset = new_off;
    s->snapshots_size = t->len;
    g_byte_array_free(t, true);
    if (old_off && old_size) {
        qcow2_free_clusters(bs, old_off, old_size);
    }
    return 0;
}

/* L1 */

int qcow2_write_l1_entry(BlockDriverState *bs, int l1_index)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t be = cpu_to_be64(s->l1_table[l1_index]);

    return bdrv_pwrite(bs->file, s->l1_table_offset + 8 * (uint64_t)l1_index,
                       8, &be, 0);
}

int qcow2_grow_l1_table(BlockDriverState *bs, uint64_t min_size)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t new_size = min_size, i;
    g_autofree uint64_t *be = NULL;
    uint64_t *new_l1;
    int64_t new_off;
    struct QEMU_PACKED { uint32_t size; uint64_t off; } hdr;
    uint64_t old_off = s->l1_table_offset;
    int old_size = s->l1_size;
    int ret;

    if (min_size <= (uint64_t)s->l1_size) {
        return 0;
    }
    if (new_size > QCOW_MAX_L1_SIZE / 8) {
        return -EFBIG;
    }
    new_l1 = g_try_new0(uint64_t, new_size);
    if (!new_l1) {
        return -ENOMEM;
    }
    memcpy(new_l1, s->l1_table, s->l1_size * 8);
    be = g_new0(uint64_t, ROUND_UP(new_size * 8, s->cluster_size) / 8);
    for (i = 0; i < new_size; i++) {
        be[i] = cpu_to_be64(new_l1[i]);
    }
    new_off = qcow2_alloc_clusters(bs, new_size * 8);
    if (new_off < 0) {
        g_free(new_l1);
        return new_off;
    }
    ret = qcow2_cache_flush(bs, &s->refcount_cache);
    if (ret == 0) {
        ret = qcow2_cache_flush(bs, &s->l2_cache);
    }
    if (ret == 0) {
        ret = bdrv_pwrite_sync(bs->file, new_off,
                               ROUND_UP(new_size * 8, s->cluster_size), be, 0);
    }
    if (ret < 0) {
        g_free(new_l1);
        return ret;
    }
    hdr.size = cpu_to_be32(new_size);
    hdr.off = cpu_to_be64(new_off);
    ret = bdrv_pwrite_sync(bs->file, offsetof(QCowHeader, l1_size),
                           sizeof(hdr), &hdr, 0);
    if (ret < 0) {
        g_free(new_l1);
        return ret;
    }
    g_free(s->l1_table);
    s->l1_table = new_l1;
    s->l1_size = new_size;
    s->l1_table_offset = new_off;
    if (old_size) {
        qcow2_free_clusters(bs, old_off, old_size * 8ULL);
    }
    return 0;
}

/* L2 lookup */

static int l2_table_for(BlockDriverState *bs, uint64_t guest_offset,
                        uint8_t **l2, int *l2_index)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t l1_index = guest_offset >> (s->l2_bits + s->cluster_bits);
    uint64_t l2_off;

    *l2 = NULL;
    *l2_index = (guest_offset >> s->cluster_bits) & (s->l2_size - 1);
    if (l1_index >= (uint64_t)s->l1_size) {
        return 0;
    }
    l2_off = s->l1_table[l1_index] & L1E_OFFSET_MASK;
    if (!l2_off) {
        return 0;
    }
    if (l2_off & (s->cluster_size - 1)) {
        return qcow2_signal_corruption(bs, true, "L2 table offset %#" PRIx64
                                       " unaligned (L1 index: %#" PRIx64 ")",
                                       l2_off, l1_index);
    }
    return qcow2_cache_get(bs, &s->l2_cache, l2_off, l2, false);
}

int qcow2_get_l2_entry(BlockDriverState *bs, uint64_t guest_offset,
                       uint64_t *entry)
{
    uint8_t *l2;
    int idx, ret = l2_table_for(bs, guest_offset, &l2, &idx);

    *entry = 0;
    if (ret < 0) {
        return ret;
    }
    if (l2) {
        *entry = ldq_be_p(l2 + 8 * idx);
    }
    return 0;
}

/* Makes the L2 table for @guest_offset exclusively ours (COPIED). */
static int l2_table_for_write(BlockDriverState *bs, uint64_t guest_offset,
                              uint8_t **l2, int *l2_index)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t l1_index = guest_offset >> (s->l2_bits + s->cluster_bits);
    uint64_t old, old_off;
    int64_t new_off;
    uint8_t *table;
    int ret;

    if (l1_index >= (uint64_t)s->l1_size) {
        ret = qcow2_grow_l1_table(bs, l1_index + 1);
        if (ret < 0) {
            return ret;
        }
    }
    old = s->l1_table[l1_index];
    if (old & QCOW_OFLAG_COPIED) {
        return l2_table_for(bs, guest_offset, l2, l2_index);
    }
    old_off = old & L1E_OFFSET_MASK;
    if (old_off & (s->cluster_size - 1)) {
        return qcow2_signal_corruption(bs, true, "L2 table offset %#" PRIx64
                                       " unaligned", old_off);
    }
    new_off = qcow2_alloc_clusters(bs, s->cluster_size);
    if (new_off < 0) {
        return new_off;
    }
    ret = qcow2_cache_get(bs, &s->l2_cache, new_off, &table, true);
    if (ret < 0) {
        return ret;
    }
    if (old_off) {
        /* Shared with a snapshot: start from its content. */
        uint8_t *src;
        int i;

        ret = qcow2_cache_get(bs, &s->l2_cache, old_off, &src, false);
        if (ret < 0) {
            return ret;
        }
        /* The fetch may have evicted @table: get it back. */
        ret = qcow2_cache_get(bs, &s->l2_cache, new_off, &table, true);
        if (ret == 0) {
            uint8_t *src2;

            ret = qcow2_cache_get(bs, &s->l2_cache, old_off, &src2, false);
            src = src2;
        }
        if (ret < 0) {
            return ret;
        }
        if (src == table) {
            return -EIO;
        }
        memcpy(table, src, s->cluster_size);
        for (i = 0; i < s->l2_size; i++) {
            /* Entries are now referenced twice: not exclusive any more. */
            stq_be_p(table + 8 * i, ldq_be_p(table + 8 * i) &
                     ~QCOW_OFLAG_COPIED);
        }
    }
    qcow2_cache_mark_dirty(&s->l2_cache, table);
    ret = qcow2_cache_flush(bs, &s->l2_cache);
    if (ret < 0) {
        return ret;
    }
    s->l1_table[l1_index] = new_off | QCOW_OFLAG_COPIED;
    ret = qcow2_write_l1_entry(bs, l1_index);
    if (ret < 0) {
        return ret;
    }
    if (old_off) {
        ret = bdrv_flush(bs->file->bs);
        if (ret < 0) {
            return ret;
        }
        qcow2_free_clusters(bs, old_off, s->cluster_size);
    }
    return l2_table_for(bs, guest_offset, l2, l2_index);
}

/* Compression */

static ssize_t qcow2_decompress(BDRVQcow2State *s, uint8_t *dst,
                                size_t dst_size, const uint8_t *src,
                                size_t src_size)
{
    if (s->compression_type == QCOW2_COMPRESSION_TYPE_ZLIB) {
        z_stream z = { 0 };
        int ret;

        if (inflateInit2(&z, -12) != Z_OK) {
            return -EIO;
        }
        z.next_in = (Bytef *)src;
        z.avail_in = src_size;
        z.next_out = dst;
        z.avail_out = dst_size;
        ret = inflate(&z, Z_FINISH);
        inflateEnd(&z);
        if ((ret == Z_STREAM_END || ret == Z_BUF_ERROR) && z.avail_out == 0) {
            return 0;
        }
        return -EIO;
    }
#ifdef CONFIG_ZSTD
    {
        ZSTD_outBuffer out = { dst, dst_size, 0 };
        ZSTD_inBuffer in = { src, src_size, 0 };
        ZSTD_DCtx *dctx = ZSTD_createDCtx();
        size_t r = 1;

        if (!dctx) {
            return -ENOMEM;
        }
        while (out.pos < out.size) {
            size_t last_in = in.pos, last_out = out.pos;

            r = ZSTD_decompressStream(dctx, &out, &in);
            if (ZSTD_isError(r)) {
                break;
            }
            if (r == 0 && in.pos == in.size) {
                break;
            }
            if (in.pos == last_in && out.pos == last_out) {
                break;  /* no progress: truncated input */
            }
        }
        ZSTD_freeDCtx(dctx);
        if (ZSTD_isError(r) || out.pos != out.size) {
            return -EIO;
        }
        return 0;
    }
#else
    return -ENOTSUP;
#endif
}

/* Compressed size, or -ENOSPC when it doesn't fit in @dst_size. */
static ssize_t qcow2_compress(BDRVQcow2State *s, uint8_t *dst,
                              size_t dst_size, const uint8_t *src,
                              size_t src_size)
{
    if (s->compression_type == QCOW2_COMPRESSION_TYPE_ZLIB) {
        z_stream z = { 0 };
        int ret;
        ssize_t out;

        if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -12, 9,
                         Z_DEFAULT_STRATEGY) != Z_OK) {
            return -EIO;
        }
        z.next_in = (Bytef *)src;
        z.avail_in = src_size;
        z.next_out = dst;
        z.avail_out = dst_size;
        ret = deflate(&z, Z_FINISH);
        out = dst_size - z.avail_out;
        deflateEnd(&z);
        return ret == Z_STREAM_END ? out : -ENOSPC;
    }
#ifdef CONFIG_ZSTD
    {
        size_t r = ZSTD_compress(dst, dst_size, src, src_size, 0);

        return ZSTD_isError(r) ? -ENOSPC : (ssize_t)r;
    }
#else
    return -ENOTSUP;
#endif
}

static int read_compressed_cluster(BlockDriverState *bs, uint64_t entry,
                                   uint8_t *out)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t off;
    int len, ret;
    g_autofree uint8_t *in = NULL;

    qcow2_parse_compressed(s, entry, &off, &len);
    if (len <= 0 || len > 2 * s->cluster_size + 512) {
        return -EIO;
    }
    in = g_malloc(len);
    ret = bdrv_pread(bs->file, off, len, in, 0);
    if (ret < 0) {
        return ret;
    }
    return qcow2_decompress(s, out, s->cluster_size, in, len) < 0 ? -EIO : 0;
}

/* Reads @bytes within one cluster described by @entry. */
static int read_cluster_part(BlockDriverState *bs, uint64_t entry,
                             uint64_t guest_offset, int64_t bytes,
                             QEMUIOVector *qiov, size_t qiov_off)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t in_cluster = guest_offset & (s->cluster_size - 1);
    QEMUIOVector part;
    int ret;

    switch (qcow2_get_cluster_type(s, entry)) {
    case QCOW2_CLUSTER_UNALLOCATED:
        qemu_iovec_init_slice(&part, qiov, qiov_off, bytes);
        ret = bdrv_child_preadv(bs, guest_offset, bytes, &part, 0);
        qemu_iovec_destroy(&part);
        return ret;
    case QCOW2_CLUSTER_ZERO_PLAIN:
    case QCOW2_CLUSTER_ZERO_ALLOC:
        qemu_iovec_memset(qiov, qiov_off, 0, bytes);
        return 0;
    case QCOW2_CLUSTER_COMPRESSED: {
        g_autofree uint8_t *buf = g_malloc(s->cluster_size);

        ret = read_compressed_cluster(bs, entry, buf);
        if (ret < 0) {
            return ret;
        }
        qemu_iovec_from_buf(qiov, qiov_off, buf + in_cluster, bytes);
        return 0;
    }
    case QCOW2_CLUSTER_NORMAL:
    default: {
        uint64_t host = entry & L2E_OFFSET_MASK;

        if (host & (s->cluster_size - 1)) {
            return -EIO;
        }
        qemu_iovec_init_slice(&part, qiov, qiov_off, bytes);
        ret = bdrv_preadv(bs->file, host + in_cluster, bytes, &part, 0);
        qemu_iovec_destroy(&part);
        return ret;
    }
    }
}

static int qcow2_preadv(BlockDriverState *bs, int64_t offset, int64_t bytes,
                        QEMUIOVector *qiov, BdrvRequestFlags flags)
{
    BDRVQcow2State *s = bs->opaque;
    size_t done = 0;
    int ret = 0;

    while (done < bytes) {
        uint64_t cur = offset + done;
        int64_t n = MIN(bytes - done,
                        s->cluster_size - (cur & (s->cluster_size - 1)));
        uint64_t entry;

        qemu_mutex_lock(&s->lock);
        ret = qcow2_get_l2_entry(bs, cur, &entry);
        qemu_mutex_unlock(&s->lock);
        if (ret < 0) {
            return ret;
        }
        if (qcow2_get_cluster_type(s, entry) == QCOW2_CLUSTER_NORMAL &&
            ((entry & L2E_OFFSET_MASK) & (s->cluster_size - 1))) {
            qemu_mutex_lock(&s->lock);
            ret = qcow2_signal_corruption(bs, true, "Data cluster offset %#"
                                          PRIx64 " unaligned (guest offset: %#"
                                          PRIx64 ")", entry & L2E_OFFSET_MASK,
                                          cur);
            qemu_mutex_unlock(&s->lock);
            return ret;
        }
        ret = read_cluster_part(bs, entry, cur, n, qiov, done);
        if (ret < 0) {
            return ret;
        }
        done += n;
    }
    return 0;
}

/* Waits (dropping the lock) while another request allocates @cluster. */
static void wait_for_allocation(BDRVQcow2State *s, uint64_t cluster)
{
    while (g_hash_table_contains(s->inflight, GUINT_TO_POINTER(cluster + 1))) {
        qemu_cond_wait(&s->alloc_cond, &s->lock);
    }
}

/*
 * Write one cluster's worth (or part).  Called with the lock held; drops
 * it around the data write of an allocating write (other requests for the
 * same guest cluster wait in wait_for_allocation()).
 */
static int write_cluster_locked(BlockDriverState *bs, uint64_t guest_offset,
                                int64_t bytes, QEMUIOVector *qiov,
                                size_t qiov_off, bool zero)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t in_cluster = guest_offset & (s->cluster_size - 1);
    uint64_t cluster_start = guest_offset - in_cluster;
    uint64_t gc = guest_offset >> s->cluster_bits;
    uint8_t *l2;
    int idx, ret;
    uint64_t entry;
    int64_t new_off;
    uint8_t *buf = NULL;
    QCow2ClusterType t;
    bool old_is_zero;

    wait_for_allocation(s, gc);
    ret = l2_table_for_write(bs, guest_offset, &l2, &idx);
    if (ret < 0) {
        return ret;
    }
    entry = ldq_be_p(l2 + 8 * idx);
    t = qcow2_get_cluster_type(s, entry);
    if (t == QCOW2_CLUSTER_NORMAL && (entry & QCOW_OFLAG_COPIED)) {
        uint64_t host = entry & L2E_OFFSET_MASK;
        QEMUIOVector part;

        if (host & (s->cluster_size - 1)) {
            return qcow2_signal_corruption(bs, true, "Data cluster offset %#"
                                           PRIx64 " unaligned", host);
        }
        if (zero) {
            return bdrv_pwrite_zeroes(bs->file, host + in_cluster, bytes, 0);
        }
        qemu_iovec_init_slice(&part, qiov, qiov_off, bytes);
        ret = bdrv_pwritev(bs->file, host + in_cluster, bytes, &part, 0);
        qemu_iovec_destroy(&part);
        return ret;
    }

    /* Copy-on-write into a new cluster. */
    old_is_zero = t == QCOW2_CLUSTER_ZERO_PLAIN ||
                  t == QCOW2_CLUSTER_ZERO_ALLOC ||
                  (t == QCOW2_CLUSTER_UNALLOCATED && !bs->backing);
    if (bytes < s->cluster_size && !old_is_zero) {
        QEMUIOVector whole;

        buf = qemu_blockalign(bs, s->cluster_size);
        qemu_iovec_init_buf(&whole, buf, s->cluster_size);
        ret = read_cluster_part(bs, entry, cluster_start, s->cluster_size,
                                &whole, 0);
        if (ret < 0) {
            qemu_vfree(buf);
            return ret;
        }
        if (zero) {
            memset(buf + in_cluster, 0, bytes);
        } else {
            qemu_iovec_to_buf(qiov, qiov_off, buf + in_cluster, bytes);
        }
    }
    new_off = qcow2_alloc_clusters(bs, s->cluster_size);
    if (new_off < 0) {
        qemu_vfree(buf);
        return new_off;
    }
    g_hash_table_add(s->inflight, GUINT_TO_POINTER(gc + 1));
    qemu_mutex_unlock(&s->lock);
    if (buf) {
        ret = bdrv_pwrite(bs->file, new_off, s->cluster_size, buf, 0);
    } else {
        /* Old content reads as zeroes: write the data, zero the rest. */
        uint64_t tail = s->cluster_size - in_cluster - bytes;

        ret = 0;
        if (in_cluster) {
            ret = bdrv_pwrite_zeroes(bs->file, new_off, in_cluster, 0);
        }
        if (ret == 0 && zero) {
            ret = bdrv_pwrite_zeroes(bs->file, new_off + in_cluster, bytes, 0);
        } else if (ret == 0) {
            QEMUIOVector part;

            qemu_iovec_init_slice(&part, qiov, qiov_off, bytes);
            ret = bdrv_pwritev(bs->file, new_off + in_cluster, bytes, &part,
                               0);
            qemu_iovec_destroy(&part);
        }
        if (ret == 0 && tail) {
            ret = bdrv_pwrite_zeroes(bs->file, new_off + in_cluster + bytes,
                                     tail, 0);
        }
    }
    qemu_mutex_lock(&s->lock);
    g_hash_table_remove(s->inflight, GUINT_TO_POINTER(gc + 1));
    qemu_cond_broadcast(&s->alloc_cond);
    qemu_vfree(buf);
    if (ret < 0) {
        qcow2_free_clusters(bs, new_off, s->cluster_size);
        return ret;
    }
    /* The table may have moved (L2 COW by a snapshot) meanwhile. */
    ret = l2_table_for_write(bs, guest_offset, &l2, &idx);
    if (ret < 0 || !l2) {
        return ret < 0 ? ret : -EIO;
    }
    entry = ldq_be_p(l2 + 8 * idx);
    t = qcow2_get_cluster_type(s, entry);
    stq_be_p(l2 + 8 * idx, new_off | QCOW_OFLAG_COPIED);
    qcow2_cache_mark_dirty(&s->l2_cache, l2);
    if (t == QCOW2_CLUSTER_NORMAL || t == QCOW2_CLUSTER_COMPRESSED ||
        t == QCOW2_CLUSTER_ZERO_ALLOC) {
        /* Drop the old reference only once the new entry is on disk. */
        ret = qcow2_cache_flush(bs, &s->l2_cache);
        if (ret < 0) {
            return ret;
        }
        qcow2_free_any_cluster(bs, entry);
    }
    return 0;
}

static int qcow2_pwritev(BlockDriverState *bs, int64_t offset, int64_t bytes,
                         QEMUIOVector *qiov, BdrvRequestFlags flags)
{
    BDRVQcow2State *s = bs->opaque;
    size_t done = 0;
    int ret = 0;

    if (s->incompatible_features & QCOW2_INCOMPAT_CORRUPT) {
        return -EACCES;
    }
    while (done < bytes) {
        uint64_t cur = offset + done;
        int64_t n = MIN(bytes - done,
                        s->cluster_size - (cur & (s->cluster_size - 1)));
        uint64_t entry;

        qemu_mutex_lock(&s->lock);
        ret = qcow2_get_l2_entry(bs, cur, &entry);
        if (ret == 0 && s->l1_size > (int64_t)(cur >> (s->l2_bits +
                                                        s->cluster_bits)) &&
            (s->l1_table[cur >> (s->l2_bits + s->cluster_bits)] &
             QCOW_OFLAG_COPIED) &&
            qcow2_get_cluster_type(s, entry) == QCOW2_CLUSTER_NORMAL &&
            (entry & QCOW_OFLAG_COPIED) &&
            !((entry & L2E_OFFSET_MASK) & (s->cluster_size - 1))) {
            /* Overwrite in place: no metadata change, no lock needed. */
            QEMUIOVector part;
            uint64_t host = (entry & L2E_OFFSET_MASK) +
                            (cur & (s->cluster_size - 1));

            qemu_mutex_unlock(&s->lock);
            qemu_iovec_init_slice(&part, qiov, done, n);
            ret = bdrv_pwritev(bs->file, host, n, &part, 0);
            qemu_iovec_destroy(&part);
        } else if (ret == 0) {
            if (s->use_lazy_refcounts) {
                ret = qcow2_mark_dirty(bs);
            }
            if (ret == 0) {
                ret = write_cluster_locked(bs, cur, n, qiov, done, false);
            }
            qemu_mutex_unlock(&s->lock);
        } else {
            qemu_mutex_unlock(&s->lock);
        }
        if (ret < 0) {
            return ret;
        }
        done += n;
    }
    return 0;
}

/* Zero or unmap whole clusters through metadata (v3 zero flag). */
static int zero_clusters_locked(BlockDriverState *bs, uint64_t offset,
                                uint64_t bytes, bool unmap, bool discard)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t cur;
    int ret;

    for (cur = offset; cur < offset + bytes; cur += s->cluster_size) {
        uint8_t *l2;
        int idx;
        uint64_t entry, new_entry;
        QCow2ClusterType t;

        wait_for_allocation(s, cur >> s->cluster_bits);
        ret = qcow2_get_l2_entry(bs, cur, &entry);
        if (ret < 0) {
            return ret;
        }
        t = qcow2_get_cluster_type(s, entry);
        if (discard) {
            new_entry = bs->backing && s->version >= 3 ? QCOW_OFLAG_ZERO : 0;
        } else if (t == QCOW2_CLUSTER_UNALLOCATED && !bs->backing) {
            continue;       /* already reads as zeroes */
        } else if (!unmap && (t == QCOW2_CLUSTER_NORMAL ||
                              t == QCOW2_CLUSTER_ZERO_ALLOC) &&
                   (entry & QCOW_OFLAG_COPIED)) {
            new_entry = (entry & ~0ULL) | QCOW_OFLAG_ZERO;
        } else {
            new_entry = QCOW_OFLAG_ZERO;
        }
        if (new_entry == entry) {
            continue;
        }
        if (t == QCOW2_CLUSTER_UNALLOCATED && new_entry == 0) {
            continue;
        }
        ret = l2_table_for_write(bs, cur, &l2, &idx);
        if (ret < 0) {
            return ret;
        }
        entry = ldq_be_p(l2 + 8 * idx);
        stq_be_p(l2 + 8 * idx, new_entry);
        qcow2_cache_mark_dirty(&s->l2_cache, l2);
        if ((new_entry & L2E_OFFSET_MASK) == 0 &&
            qcow2_get_cluster_type(s, entry) != QCOW2_CLUSTER_UNALLOCATED &&
            qcow2_get_cluster_type(s, entry) != QCOW2_CLUSTER_ZERO_PLAIN) {
            ret = qcow2_cache_flush(bs, &s->l2_cache);
            if (ret < 0) {
                return ret;
            }
            qcow2_free_any_cluster(bs, entry);
        }
    }
    return 0;
}

/* Zeroes written as data, one cluster piece at a time. */
static int zero_partial(BlockDriverState *bs, uint64_t offset, uint64_t bytes)
{
    BDRVQcow2State *s = bs->opaque;
    int ret = 0;

    while (bytes > 0 && ret == 0) {
        uint64_t n = MIN(bytes, s->cluster_size -
                         (offset & (s->cluster_size - 1)));

        qemu_mutex_lock(&s->lock);
        ret = write_cluster_locked(bs, offset, n, NULL, 0, true);
        qemu_mutex_unlock(&s->lock);
        offset += n;
        bytes -= n;
    }
    return ret;
}

static int qcow2_pwrite_zeroes(BlockDriverState *bs, int64_t offset,
                               int64_t bytes, BdrvRequestFlags flags)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t head = offset & (s->cluster_size - 1);
    uint64_t end = offset + bytes;
    int ret;

    if (s->incompatible_features & QCOW2_INCOMPAT_CORRUPT) {
        return -EACCES;
    }
    if (s->version < 3 && bs->backing) {
        return -ENOTSUP;
    }
    /* Partial clusters at either end go through normal writes. */
    if (head || ((end & (s->cluster_size - 1)) && end != s->size)) {
        uint64_t a0 = QEMU_ALIGN_UP(offset, s->cluster_size);
        uint64_t a1 = end == s->size ? end : QEMU_ALIGN_DOWN(end,
                                                             s->cluster_size);

        if (a1 <= a0) {
            return zero_partial(bs, offset, bytes);
        }
        if (a0 > (uint64_t)offset) {
            ret = zero_partial(bs, offset, a0 - offset);
            if (ret < 0) {
                return ret;
            }
        }
        ret = qcow2_pwrite_zeroes(bs, a0, a1 - a0, flags);
        if (ret < 0 || a1 >= end) {
            return ret;
        }
        return zero_partial(bs, a1, end - a1);
    }
    if (s->version < 3) {
        /* v2 has no zero flag: only unallocated clusters are free. */
        uint64_t cur;

        qemu_mutex_lock(&s->lock);
        for (cur = offset; cur < end; cur += s->cluster_size) {
            uint64_t entry;

            ret = qcow2_get_l2_entry(bs, cur, &entry);
            if (ret < 0 || entry) {
                qemu_mutex_unlock(&s->lock);
                return ret < 0 ? ret : -ENOTSUP;
            }
        }
        qemu_mutex_unlock(&s->lock);
        return 0;
    }
    qemu_mutex_lock(&s->lock);
    ret = zero_clusters_locked(bs, offset, bytes,
                               flags & BDRV_REQ_MAY_UNMAP, false);
    qemu_mutex_unlock(&s->lock);
    return ret;
}

static int qcow2_pdiscard(BlockDriverState *bs, int64_t offset, int64_t bytes)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t a0 = QEMU_ALIGN_UP(offset, s->cluster_size);
    uint64_t end = offset + bytes;
    uint64_t a1 = end == s->size ? end : QEMU_ALIGN_DOWN(end, s->cluster_size);
    int ret;

    if (s->incompatible_features & QCOW2_INCOMPAT_CORRUPT) {
        return -EACCES;
    }
    if (a1 <= a0) {
        return 0;
    }
    qemu_mutex_lock(&s->lock);
    ret = zero_clusters_locked(bs, a0, a1 - a0, true, true);
    qemu_mutex_unlock(&s->lock);
    return ret;
}

static int qcow2_pwritev_compressed(BlockDriverState *bs, int64_t offset,
                                    int64_t bytes, QEMUIOVector *qiov)
{
    BDRVQcow2State *s = bs->opaque;
    g_autofree uint8_t *src = NULL, *dst = NULL;
    ssize_t clen;
    int64_t coff;
    uint64_t entry, nb;
    uint8_t *l2;
    int idx, ret;

    if (offset & (s->cluster_size - 1)) {
        return -EINVAL;
    }
    if (bytes != s->cluster_size) {
        if (offset + bytes != s->size || bytes > s->cluster_size) {
            return -EINVAL;
        }
    }
    src = g_malloc0(s->cluster_size);
    qemu_iovec_to_buf(qiov, 0, src, bytes);
    if (buffer_is_zero(src, s->cluster_size)) {
        return bdrv_pwrite_zeroes(&(BdrvChild){ .bs = bs }, offset, bytes, 0);
    }
    dst = g_malloc(s->cluster_size);
    clen = qcow2_compress(s, dst, s->cluster_size - 1, src, s->cluster_size);
    if (clen < 0 || clen >= s->cluster_size - 512) {
        /* Doesn't shrink: store it plainly. */
        QEMUIOVector q;

        qemu_iovec_init_buf(&q, src, s->cluster_size);
        return qcow2_pwritev(bs, offset, MIN(bytes, s->cluster_size), &q, 0);
    }
    qemu_mutex_lock(&s->lock);
    ret = l2_table_for_write(bs, offset, &l2, &idx);
    if (ret < 0) {
        goto out;
    }
    coff = qcow2_alloc_bytes(bs, clen);
    if (coff < 0) {
        ret = coff;
        goto out;
    }
    ret = bdrv_pwrite(bs->file, coff, clen, dst, 0);
    if (ret < 0) {
        goto out;
    }
    ret = l2_table_for(bs, offset, &l2, &idx);
    if (ret < 0 || !l2) {
        ret = ret < 0 ? ret : -EIO;
        goto out;
    }
    entry = ldq_be_p(l2 + 8 * idx);
    nb = ((coff + clen - 1) >> 9) - (coff >> 9);
    stq_be_p(l2 + 8 * idx, QCOW_OFLAG_COMPRESSED | coff |
             (nb << s->csize_shift));
    qcow2_cache_mark_dirty(&s->l2_cache, l2);
    if (entry && qcow2_get_cluster_type(s, entry) != QCOW2_CLUSTER_ZERO_PLAIN
        && qcow2_get_cluster_type(s, entry) != QCOW2_CLUSTER_UNALLOCATED) {
        ret = qcow2_cache_flush(bs, &s->l2_cache);
        if (ret == 0) {
            qcow2_free_any_cluster(bs, entry);
        }
    }
out:
    qemu_mutex_unlock(&s->lock);
    return ret;
}

static int qcow2_flush_to_os(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;
    int ret;

    if (bs->read_only) {
        return 0;
    }
    qemu_mutex_lock(&s->lock);
    ret = qcow2_flush_caches(bs);
    qemu_mutex_unlock(&s->lock);
    return ret;
}

static int64_t qcow2_getlength(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;

    return s->size;
}

static int qcow2_block_status(BlockDriverState *bs, int64_t offset,
                              int64_t bytes, int64_t *pnum, int64_t *map,
                              BlockDriverState **file)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t entry, first = 0;
    QCow2ClusterType t0 = 0;
    int64_t done = 0;
    int ret = 0;

    qemu_mutex_lock(&s->lock);
    while (done < bytes) {
        uint64_t cur = offset + done;
        int64_t n = MIN(bytes - done,
                        s->cluster_size - (cur & (s->cluster_size - 1)));
        QCow2ClusterType t;

        ret = qcow2_get_l2_entry(bs, cur, &entry);
        if (ret < 0) {
            qemu_mutex_unlock(&s->lock);
            return ret;
        }
        t = qcow2_get_cluster_type(s, entry);
        if (done == 0) {
            t0 = t;
            first = entry & L2E_OFFSET_MASK;
        } else if (t != t0 || (t == QCOW2_CLUSTER_NORMAL &&
                   (entry & L2E_OFFSET_MASK) != first +
                   ((cur & ~(uint64_t)(s->cluster_size - 1)) -
                    (offset & ~(uint64_t)(s->cluster_size - 1))))) {
            break;
        }
        done += n;
    }
    qemu_mutex_unlock(&s->lock);
    *pnum = done;
    *file = NULL;
    *map = 0;
    switch (t0) {
    case QCOW2_CLUSTER_UNALLOCATED:
        return 0;
    case QCOW2_CLUSTER_ZERO_PLAIN:
    case QCOW2_CLUSTER_ZERO_ALLOC:
        return BDRV_BLOCK_ZERO | BDRV_BLOCK_ALLOCATED;
    case QCOW2_CLUSTER_COMPRESSED:
        return BDRV_BLOCK_DATA | BDRV_BLOCK_ALLOCATED | BDRV_BLOCK_COMPRESSED;
    default:
        *map = first + (offset & (s->cluster_size - 1));
        *file = bs->file->bs;
        return BDRV_BLOCK_DATA | BDRV_BLOCK_ALLOCATED |
               BDRV_BLOCK_OFFSET_VALID;
    }
}

/* Open */

static int qcow2_do_open(BlockDriverState *bs, int flags, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    QCowHeader h;
    int64_t file_len = bdrv_getlength(bs->file->bs);
    g_autofree uint8_t *c0 = NULL;
    uint64_t l1_bytes, i, ext_end, min_l1;
    int ret, cache_entries;

    if (file_len < 0) {
        error_setg_errno(errp, -file_len, "Could not get the image size");
        return file_len;
    }
    memset(&h, 0, sizeof(h));
    ret = bdrv_pread(bs->file, 0, MIN(sizeof(h), (uint64_t)file_len), &h, 0);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Could not read qcow2 header");
        return ret;
    }
    if (file_len < 72 || be32_to_cpu(h.magic) != QCOW_MAGIC) {
        error_setg(errp, "Image is not in qcow2 format");
        return -EINVAL;
    }
    s->version = be32_to_cpu(h.version);
    if (s->version < 2 || s->version > 3) {
        error_setg(errp, "Unsupported qcow2 version %u", s->version);
        return -ENOTSUP;
    }
    s->cluster_bits = be32_to_cpu(h.cluster_bits);
    if (s->cluster_bits < MIN_CLUSTER_BITS ||
        s->cluster_bits > MAX_CLUSTER_BITS) {
        error_setg(errp, "Unsupported cluster size: 2^%u", s->cluster_bits);
        return -EINVAL;
    }
    s->cluster_size = 1 << s->cluster_bits;
    if (s->version == 2) {
        s->refcount_order = 4;
        s->header_length = 72;
        s->incompatible_features = 0;
        s->compatible_features = 0;
        s->autoclear_features = 0;
    } else {
        s->header_length = be32_to_cpu(h.header_length);
        if (s->header_length < 104) {
            error_setg(errp, "qcow2 header too short");
            return -EINVAL;
        }
        if (s->header_length > s->cluster_size) {
            error_setg(errp, "qcow2 header exceeds cluster size");
            return -EINVAL;
        }
        s->incompatible_features = be64_to_cpu(h.incompatible_features);
        s->compatible_features = be64_to_cpu(h.compatible_features);
        s->autoclear_features = be64_to_cpu(h.autoclear_features);
        s->refcount_order = be32_to_cpu(h.refcount_order);
        if (s->header_length > 104) {
            s->compression_type = h.compression_type;
        }
    }
    if (s->incompatible_features & ~QCOW2_INCOMPAT_SUPPORTED) {
        error_setg(errp, "Unsupported qcow2 feature(s): %s",
                   s->incompatible_features & QCOW2_INCOMPAT_DATA_FILE
                   ? "External data file"
                   : s->incompatible_features & QCOW2_INCOMPAT_EXTL2
                   ? "Extended L2 entries" : "Unknown incompatible feature");
        return -ENOTSUP;
    }
    if (s->refcount_order > 6) {
        error_setg(errp, "Reference count entry width too large; may not "
                   "exceed 64 bits");
        return -EINVAL;
    }
    if (!!(s->incompatible_features & QCOW2_INCOMPAT_COMPRESSION) !=
        (s->compression_type != QCOW2_COMPRESSION_TYPE_ZLIB)) {
        error_setg(errp, "qcow2: Compression type incompatible feature bit "
                   "must %sbe set", s->compression_type ? "" : "not ");
        return -EINVAL;
    }
    if (s->compression_type > QCOW2_COMPRESSION_TYPE_ZSTD) {
        error_setg(errp, "qcow2: unknown compression type: %u",
                   s->compression_type);
        return -ENOTSUP;
    }
#ifndef CONFIG_ZSTD
    if (s->compression_type == QCOW2_COMPRESSION_TYPE_ZSTD) {
        error_setg(errp, "qcow2: zstd compression is not supported");
        return -ENOTSUP;
    }
#endif
    if (be32_to_cpu(h.crypt_method)) {
        error_setg(errp, "qcow2 encryption is not supported");
        return -ENOTSUP;
    }
    if ((s->incompatible_features & QCOW2_INCOMPAT_CORRUPT) &&
        (flags & BDRV_O_RDWR) && !(flags & BDRV_O_CHECK)) {
        error_setg(errp, "qcow2: Image is corrupt; cannot be opened "
                   "read/write");
        error_append_hint(errp, "Run 'qemu-img check -r all' to repair "
                          "it.\n");
        return -EACCES;
    }

    s->refcount_bits = 1 << s->refcount_order;
    s->refcount_max = s->refcount_order == 6 ? UINT64_MAX
                      : (1ULL << s->refcount_bits) - 1;
    s->refcount_block_bits = s->cluster_bits + 3 - s->refcount_order;
    s->refcount_block_size = 1 << s->refcount_block_bits;
    s->l2_bits = s->cluster_bits - 3;
    s->l2_size = 1 << s->l2_bits;
    s->csize_shift = 62 - (s->cluster_bits - 8);
    s->csize_mask = (1 << (s->cluster_bits - 8)) - 1;
    s->cluster_offset_mask = (1ULL << s->csize_shift) - 1;
    s->size = be64_to_cpu(h.size);

    /* Refcount table */
    s->refcount_table_offset = be64_to_cpu(h.refcount_table_offset);
    if (be32_to_cpu(h.refcount_table_clusters) >
        QCOW_MAX_REFTABLE_SIZE / s->cluster_size) {
        error_setg(errp, "Reference count table too large");
        return -EINVAL;
    }
    s->refcount_table_size = be32_to_cpu(h.refcount_table_clusters) <<
                             (s->cluster_bits - 3);
    if (be32_to_cpu(h.refcount_table_clusters) == 0) {
        error_setg(errp, "Image does not contain a reference count table");
        return -EINVAL;
    }
    if ((s->refcount_table_offset & (s->cluster_size - 1)) ||
        s->refcount_table_offset > (uint64_t)file_len ||
        s->refcount_table_size * 8ULL >
        (uint64_t)file_len - s->refcount_table_offset) {
        error_setg(errp, "Reference count table offset invalid");
        return -EINVAL;
    }

    /* L1 table */
    s->l1_size = be32_to_cpu(h.l1_size);
    s->l1_table_offset = be64_to_cpu(h.l1_table_offset);
    if ((uint64_t)s->l1_size > QCOW_MAX_L1_SIZE / 8) {
        error_setg(errp, "Active L1 table too large");
        return -EFBIG;
    }
    if (s->size > (1ULL << 62)) {
        error_setg(errp, "Image is too big");
        return -EFBIG;
    }
    min_l1 = DIV_ROUND_UP(s->size, (uint64_t)s->cluster_size << s->l2_bits);
    if ((uint64_t)s->l1_size < min_l1) {
        error_setg(errp, "L1 table is too small");
        return -EINVAL;
    }
    l1_bytes = (uint64_t)s->l1_size * 8;
    if (s->l1_size && ((s->l1_table_offset & (s->cluster_size - 1)) ||
                       s->l1_table_offset > (uint64_t)file_len ||
                       l1_bytes > (uint64_t)file_len - s->l1_table_offset)) {
        error_setg(errp, "Active L1 table offset invalid");
        return -EINVAL;
    }
    s->l1_table = g_try_new0(uint64_t, MAX(s->l1_size, 1));
    if (!s->l1_table) {
        error_setg(errp, "Could not allocate L1 table");
        return -ENOMEM;
    }
    if (s->l1_size) {
        ret = bdrv_pread(bs->file, s->l1_table_offset, l1_bytes, s->l1_table,
                         0);
        if (ret < 0) {
            error_setg_errno(errp, -ret, "Could not read L1 table");
            return ret;
        }
        for (i = 0; i < (uint64_t)s->l1_size; i++) {
            s->l1_table[i] = be64_to_cpu(s->l1_table[i]);
        }
    }

    /* Header extensions and backing file name (all within cluster 0). */
    c0 = g_malloc0(s->cluster_size);
    ret = bdrv_pread(bs->file, 0, MIN(s->cluster_size, file_len), c0, 0);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Could not read header cluster");
        return ret;
    }
    {
        uint64_t bfo = be64_to_cpu(h.backing_file_offset);
        uint32_t bfs = be32_to_cpu(h.backing_file_size);

        ext_end = bfo ? MIN(bfo, (uint64_t)s->cluster_size)
                      : (uint64_t)s->cluster_size;
        ret = read_header_extensions(bs, c0, s->header_length, ext_end, errp);
        if (ret < 0) {
            return ret;
        }
        if (bfo) {
            if (bfs > 1023 || bfo > (uint64_t)s->cluster_size ||
                bfs > s->cluster_size - bfo) {
                error_setg(errp, "Backing file name too long");
                return -EINVAL;
            }
            memcpy(bs->backing_file, c0 + bfo, bfs);
            bs->backing_file[bfs] = 0;
        }
    }

    /* Snapshots */
    s->snapshots_offset = be64_to_cpu(h.snapshots_offset);
    if (be32_to_cpu(h.nb_snapshots) > QCOW_MAX_SNAPSHOTS) {
        error_setg(errp, "Too many snapshots");
        return -EINVAL;
    }
    if (be32_to_cpu(h.nb_snapshots) &&
        ((s->snapshots_offset & (s->cluster_size - 1)) ||
         s->snapshots_offset >= (uint64_t)file_len)) {
        error_setg(errp, "Snapshot table offset invalid");
        return -EINVAL;
    }
    s->nb_snapshots = be32_to_cpu(h.nb_snapshots);
    ret = qcow2_read_snapshots(bs, errp);
    if (ret < 0) {
        return ret;
    }

    cache_entries = MAX(16, MIN(1024, (4 * MiB) / s->cluster_size));
    qcow2_cache_init(&s->l2_cache, cache_entries, s->cluster_size, false);
    qcow2_cache_init(&s->refcount_cache, MAX(4, cache_entries / 4),
                     s->cluster_size, true);
    ret = qcow2_refcount_init(bs, errp);
    if (ret < 0) {
        return ret;
    }
    s->use_lazy_refcounts = !!(s->compatible_features &
                               QCOW2_COMPAT_LAZY_REFCOUNTS);
    bs->has_zero_init = true;
    return 0;
}

static void qcow2_free_state(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;

    qcow2_cache_destroy(&s->l2_cache);
    qcow2_cache_destroy(&s->refcount_cache);
    qcow2_refcount_close(bs);
    qcow2_free_snapshots(bs);
    g_free(s->l1_table);
    s->l1_table = NULL;
    g_free(s->unknown_header_ext);
    s->unknown_header_ext = NULL;
    if (s->inflight) {
        g_hash_table_destroy(s->inflight);
        s->inflight = NULL;
    }
}

static int qcow2_open(BlockDriverState *bs, QDict *options, int flags,
                      Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    Error *local_err = NULL;
    int ret;

    qemu_mutex_init(&s->lock);
    qemu_cond_init(&s->alloc_cond);
    s->inflight = g_hash_table_new(NULL, NULL);
    /* Options QEMU accepts that only tune caches here. */
    qdict_del(options, "cache-size");
    qdict_del(options, "l2-cache-size");
    qdict_del(options, "refcount-cache-size");
    qdict_del(options, "lazy-refcounts");
    qdict_del(options, "overlap-check");
    qdict_del(options, "pass-discard-request");
    qdict_del(options, "pass-discard-snapshot");
    qdict_del(options, "pass-discard-other");
    qdict_del(options, "cache-clean-interval");

    ret = qcow2_do_open(bs, flags, errp);
    if (ret < 0) {
        qcow2_free_state(bs);
        return ret;
    }
    /* A dirty image (lazy refcounts, unclean shutdown) needs its
     * refcounts rebuilt before it may be written. */
    if ((s->incompatible_features & QCOW2_INCOMPAT_DIRTY) &&
        (flags & BDRV_O_RDWR) && !(flags & BDRV_O_CHECK)) {
        BdrvCheckResult res = { 0 };

        qemu_mutex_lock(&s->lock);
        ret = qcow2_check_refcounts(bs, &res,
                                    BDRV_FIX_ERRORS | BDRV_FIX_LEAKS);
        if (ret == 0 && !res.corruptions) {
            ret = qcow2_mark_clean(bs);
        }
        qemu_mutex_unlock(&s->lock);
        if (ret < 0 || res.corruptions) {
            error_setg(errp, "Could not repair dirty image");
            qcow2_free_state(bs);
            return ret < 0 ? ret : -EIO;
        }
    }
    if (!(flags & BDRV_O_NO_BACKING) || qdict_haskey(options, "backing")) {
        ret = bdrv_open_backing_file(bs, options, "backing", &local_err);
        if (ret < 0) {
            error_propagate(errp, local_err);
            qcow2_free_state(bs);
            return ret;
        }
    } else {
        qdict_del(options, "backing");
    }
    return 0;
}

static void qcow2_close(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;

    if (!bs->read_only && s->l1_table) {
        qcow2_flush_caches(bs);
        if (!(s->incompatible_features & QCOW2_INCOMPAT_CORRUPT)) {
            qcow2_mark_clean(bs);
        }
    }
    qcow2_free_state(bs);
    qemu_cond_destroy(&s->alloc_cond);
    qemu_mutex_destroy(&s->lock);
}

/* Resize */

static int qcow2_preallocate(BlockDriverState *bs, uint64_t from, uint64_t to)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t cur;
    int ret;

    for (cur = QEMU_ALIGN_DOWN(from, s->cluster_size); cur < to;
         cur += s->cluster_size) {
        uint64_t entry;
        uint8_t *l2;
        int idx;
        int64_t off;

        ret = qcow2_get_l2_entry(bs, cur, &entry);
        if (ret < 0) {
            return ret;
        }
        if (entry) {
            continue;
        }
        off = qcow2_alloc_clusters(bs, s->cluster_size);
        if (off < 0) {
            return off;
        }
        ret = l2_table_for_write(bs, cur, &l2, &idx);
        if (ret < 0) {
            return ret;
        }
        stq_be_p(l2 + 8 * idx, off | QCOW_OFLAG_COPIED |
                 (s->version >= 3 ? QCOW_OFLAG_ZERO : 0));
        qcow2_cache_mark_dirty(&s->l2_cache, l2);
    }
    return qcow2_flush_caches(bs);
}

static int qcow2_truncate(BlockDriverState *bs, int64_t offset, bool exact,
                          PreallocMode prealloc, BdrvRequestFlags flags,
                          Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t old = s->size;
    uint64_t new_l1;
    uint64_t sz = cpu_to_be64(offset);
    int ret;

    if (offset & 511) {
        error_setg(errp, "The new size must be a multiple of 512");
        return -EINVAL;
    }
    if (s->nb_snapshots && (uint64_t)offset < old) {
        error_setg(errp, "Can't shrink an image with internal snapshots");
        return -ENOTSUP;
    }
    qemu_mutex_lock(&s->lock);
    if ((uint64_t)offset < old) {
        /* Discard what falls outside; L1 stays as it is. */
        ret = zero_clusters_locked(bs, QEMU_ALIGN_UP(offset, s->cluster_size),
                                   ROUND_UP(old, s->cluster_size) -
                                   QEMU_ALIGN_UP(offset, s->cluster_size),
                                   true, true);
        if (ret < 0) {
            qemu_mutex_unlock(&s->lock);
            error_setg_errno(errp, -ret, "Failed to discard cropped clusters");
            return ret;
        }
        /* Discard sets the zero flag when there's a backing file; that's
         * fine, but the entries must vanish entirely beyond the end. */
    } else {
        new_l1 = DIV_ROUND_UP((uint64_t)offset,
                              (uint64_t)s->cluster_size << s->l2_bits);
        ret = qcow2_grow_l1_table(bs, new_l1);
        if (ret < 0) {
            qemu_mutex_unlock(&s->lock);
            error_setg_errno(errp, -ret, "Failed to grow the L1 table");
            return ret;
        }
    }
    ret = bdrv_pwrite_sync(bs->file, offsetof(QCowHeader, size), 8, &sz, 0);
    if (ret < 0) {
        qemu_mutex_unlock(&s->lock);
        error_setg_errno(errp, -ret, "Failed to update the image size");
        return ret;
    }
    s->size = offset;
    if (prealloc != PREALLOC_MODE_OFF && (uint64_t)offset > old) {
        ret = qcow2_preallocate(bs, old, offset);
        if (ret < 0) {
            qemu_mutex_unlock(&s->lock);
            error_setg_errno(errp, -ret, "Preallocation failed");
            return ret;
        }
        if (prealloc == PREALLOC_MODE_FALLOC || prealloc == PREALLOC_MODE_FULL) {
            int64_t flen = bdrv_getlength(bs->file->bs);
            uint64_t end = (uint64_t)s->free_cluster_index << s->cluster_bits;
            int64_t cur = bdrv_getlength(bs->file->bs);

            (void)flen;
            if (end > (uint64_t)cur) {
                ret = bdrv_truncate(bs->file, end, false, PREALLOC_MODE_OFF,
                                    0, errp);
            }
            if (ret == 0) {
                ret = bdrv_truncate(bs->file, cur, false, prealloc, 0, errp);
            }
            /* falloc the allocated area. */
            if (ret == 0 && end > (uint64_t)cur) {
                ret = bdrv_truncate(bs->file, end, true, prealloc, 0, errp);
            }
        } else {
            /* metadata: make the file cover the clusters we allocated. */
            uint64_t end = (uint64_t)s->free_cluster_index << s->cluster_bits;

            if ((int64_t)end > bdrv_getlength(bs->file->bs)) {
                ret = bdrv_truncate(bs->file, end, false, PREALLOC_MODE_OFF,
                                    0, errp);
            }
        }
    }
    qemu_mutex_unlock(&s->lock);
    return ret;
}

/* Create */

static int qcow2_create(BlockDriver *drv, const char *filename,
                        QemuOpts *opts, Error **errp)
{
    uint64_t size = qemu_opt_get_size(opts, "size", 0);
    const char *compat = qemu_opt_get(opts, "compat");
    const char *backing = qemu_opt_get(opts, "backing_file");
    const char *backing_fmt = qemu_opt_get(opts, "backing_fmt");
    const char *pa = qemu_opt_get(opts, "preallocation");
    const char *ctype = qemu_opt_get(opts, "compression_type");
    uint64_t cluster_size = qemu_opt_get_size(opts, "cluster_size", 65536);
    uint64_t refcount_bits = qemu_opt_get_number(opts, "refcount_bits", 16);
    bool lazy = qemu_opt_get_bool(opts, "lazy_refcounts", false);
    int version = 3, prealloc, cluster_bits, refcount_order, ctype_n = 0;
    g_autofree uint8_t *buf = NULL;
    QCowHeader *h;
    QemuOpts *fopts;
    BlockDriverState *bs;
    QDict *o;
    int ret;
    uint64_t per_rb;

    if (compat) {
        if (!strcmp(compat, "0.10") || !strcmp(compat, "v2")) {
            version = 2;
        } else if (!strcmp(compat, "1.1") || !strcmp(compat, "v3")) {
            version = 3;
        } else {
            error_setg(errp, "Parameter 'version' does not accept value '%s'",
                       compat);
            return -EINVAL;
        }
    }
    if (!is_power_of_2(cluster_size) || cluster_size < 512 ||
        cluster_size > 2 * MiB) {
        error_setg(errp, "Cluster size must be a power of two between 512 and "
                   "2048k");
        return -EINVAL;
    }
    cluster_bits = ctz32(cluster_size);
    if (!is_power_of_2(refcount_bits) || refcount_bits > 64) {
        error_setg(errp, "Refcount width must be a power of two and may not "
                   "exceed 64 bits");
        return -EINVAL;
    }
    if (version < 3 && refcount_bits != 16) {
        error_setg(errp, "Different refcount widths than 16 bits require "
                   "compatibility level 1.1 or above (use compat=1.1 or "
                   "greater)");
        return -EINVAL;
    }
    refcount_order = ctz32(refcount_bits);
    if (lazy && version < 3) {
        error_setg(errp, "Lazy refcounts only supported with compatibility "
                   "level 1.1 and above (use compat=1.1 or greater)");
        return -EINVAL;
    }
    prealloc = pa ? prealloc_mode_from_str(pa) : PREALLOC_MODE_OFF;
    if (prealloc < 0) {
        error_setg(errp, "Parameter 'preallocation' does not accept value "
                   "'%s'", pa);
        return -EINVAL;
    }
    if (backing && prealloc != PREALLOC_MODE_OFF) {
        error_setg(errp, "Backing file and preallocation can only be used at "
                   "the same time if extended_l2 is on");
        return -EINVAL;
    }
    if (ctype) {
        if (!strcmp(ctype, "zlib")) {
            ctype_n = 0;
        } else if (!strcmp(ctype, "zstd")) {
#ifdef CONFIG_ZSTD
            ctype_n = 1;
#else
            error_setg(errp, "Parameter 'compression-type' does not accept "
                       "value 'zstd'");
            return -EINVAL;
#endif
        } else {
            error_setg(errp, "Parameter 'compression-type' does not accept "
                       "value '%s'", ctype);
            return -EINVAL;
        }
        if (version < 3 && ctype_n) {
            error_setg(errp, "Non-zlib compression type is only supported with "
                       "compatibility level 1.1 and above (use compat=1.1 or "
                       "greater)");
            return -EINVAL;
        }
    }
    if (qemu_opt_get(opts, "encryption") &&
        qemu_opt_get_bool(opts, "encryption", false)) {
        error_setg(errp, "Encryption is not supported by this build");
        return -ENOTSUP;
    }
    if (qemu_opt_get_bool(opts, "extended_l2", false)) {
        error_setg(errp, "Extended L2 entries are not supported");
        return -ENOTSUP;
    }
    if (qemu_opt_get(opts, "data_file")) {
        error_setg(errp, "External data files are not supported");
        return -ENOTSUP;
    }
    if (size & 511) {
        error_setg(errp, "Image size must be a multiple of 512 bytes");
        return -EINVAL;
    }
    if (backing && strlen(backing) > 1023) {
        error_setg(errp, "Backing file name too long");
        return -EINVAL;
    }

    /* The file: header cluster, refcount table, one refcount block. */
    fopts = qemu_opts_create(drv->create_opts, NULL, 0, &error_abort);
    qemu_opt_set_number(fopts, "size", 0, &error_abort);
    ret = bdrv_create_file(filename, fopts, errp);
    qemu_opts_del(fopts);
    if (ret < 0) {
        return ret;
    }
    buf = g_malloc0(3 * cluster_size);
    h = (QCowHeader *)buf;
    h->magic = cpu_to_be32(QCOW_MAGIC);
    h->version = cpu_to_be32(version);
    h->cluster_bits = cpu_to_be32(cluster_bits);
    h->size = 0;
    h->l1_size = 0;
    h->l1_table_offset = 0;
    h->refcount_table_offset = cpu_to_be64(cluster_size);
    h->refcount_table_clusters = cpu_to_be32(1);
    if (version >= 3) {
        h->incompatible_features = cpu_to_be64(ctype_n ?
                                               QCOW2_INCOMPAT_COMPRESSION : 0);
        h->compatible_features = cpu_to_be64(lazy ?
                                             QCOW2_COMPAT_LAZY_REFCOUNTS : 0);
        h->refcount_order = cpu_to_be32(refcount_order);
        h->header_length = cpu_to_be32(112);
        h->compression_type = ctype_n;
    }
    stq_be_p(buf + cluster_size, 2 * cluster_size);      /* reftable[0] */
    /* refcounts of clusters 0, 1, 2 = 1, in the block's entry width */
    {
        uint8_t *rb = buf + 2 * cluster_size;
        int i;

        per_rb = cluster_size * 8 / refcount_bits;
        (void)per_rb;
        for (i = 0; i < 3; i++) {
            switch (refcount_order) {
            case 0: case 1: case 2: {
                uint64_t bit = i * refcount_bits;
                rb[bit / 8] |= 1 << (bit % 8);
                break;
            }
            case 3: rb[i] = 1; break;
            case 4: stw_be_p(rb + 2 * i, 1); break;
            case 5: stl_be_p(rb + 4 * i, 1); break;
            default: stq_be_p(rb + 8 * i, 1); break;
            }
        }
    }
    {
        int fd = open(g_str_has_prefix(filename, "file:") ? filename + 5
                      : filename, O_WRONLY | O_CLOEXEC);

        if (fd < 0 || pwrite(fd, buf, 3 * cluster_size, 0) !=
            (ssize_t)(3 * cluster_size) || fdatasync(fd) < 0) {
            error_setg_errno(errp, errno, "Could not write qcow2 header");
            if (fd >= 0) {
                close(fd);
            }
            return -EIO;
        }
        close(fd);
    }

    /* Now open it and let the driver do the rest. */
    o = qdict_new();
    qdict_put_str(o, "driver", "qcow2");
    qdict_put_str(o, "file.locking", "off");
    bs = bdrv_open(filename, NULL, o, BDRV_O_RDWR | BDRV_O_NO_BACKING |
                   BDRV_O_RESIZE, errp);
    if (!bs) {
        return -EIO;
    }
    if (backing) {
        pstrcpy(bs->backing_file, sizeof(bs->backing_file), backing);
        pstrcpy(bs->backing_format, sizeof(bs->backing_format),
                backing_fmt ? backing_fmt : "");
    }
    {
        BDRVQcow2State *s = bs->opaque;

        s->free_cluster_index = 3;
        ret = qcow2_update_header(bs);
        if (ret < 0) {
            error_setg_errno(errp, -ret, "Could not write qcow2 header");
            bdrv_unref(bs);
            return ret;
        }
    }
    {
        BdrvChild c = { .bs = bs };

        ret = bdrv_truncate(&c, size, false, prealloc, 0, errp);
    }
    if (ret == 0) {
        ret = bdrv_flush(bs);
    }
    bdrv_unref(bs);
    return ret;
}

/* Info */

static int qcow2_get_info(BlockDriverState *bs, BlockDriverInfo *bdi)
{
    BDRVQcow2State *s = bs->opaque;

    bdi->cluster_size = s->cluster_size;
    bdi->is_dirty = !!(s->incompatible_features & QCOW2_INCOMPAT_DIRTY);
    return 0;
}

static QDict *qcow2_get_specific_info(BlockDriverState *bs, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    QDict *d = qdict_new();

    if (s->version == 2) {
        qdict_put_str(d, "compat", "0.10");
        qdict_put_str(d, "compression-type", "zlib");
        qdict_put_int(d, "refcount-bits", s->refcount_bits);
    } else {
        qdict_put_str(d, "compat", "1.1");
        qdict_put_str(d, "compression-type",
                      s->compression_type ? "zstd" : "zlib");
        qdict_put_bool(d, "lazy-refcounts",
                       !!(s->compatible_features &
                          QCOW2_COMPAT_LAZY_REFCOUNTS));
        qdict_put_int(d, "refcount-bits", s->refcount_bits);
        qdict_put_bool(d, "corrupt", !!(s->incompatible_features &
                                        QCOW2_INCOMPAT_CORRUPT));
        qdict_put_bool(d, "extended-l2", false);
    }
    return d;
}

static int qcow2_check(BlockDriverState *bs, BdrvCheckResult *result,
                       BdrvCheckMode fix)
{
    BDRVQcow2State *s = bs->opaque;
    int ret;

    qemu_mutex_lock(&s->lock);
    ret = qcow2_check_refcounts(bs, result, fix);
    if (ret == 0 && fix && !result->corruptions && !bs->read_only) {
        if (s->incompatible_features & QCOW2_INCOMPAT_CORRUPT) {
            s->incompatible_features &= ~QCOW2_INCOMPAT_CORRUPT;
            ret = write_header_features(bs);
        }
        if (ret == 0) {
            ret = qcow2_mark_clean(bs);
        }
    }
    qemu_mutex_unlock(&s->lock);
    return ret;
}

static int qcow2_make_empty(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;
    int ret;

    qemu_mutex_lock(&s->lock);
    ret = zero_clusters_locked(bs, 0, ROUND_UP(s->size, s->cluster_size),
                               true, true);
    if (ret == 0) {
        ret = qcow2_flush_caches(bs);
    }
    qemu_mutex_unlock(&s->lock);
    return ret;
}

static int qcow2_change_backing_file(BlockDriverState *bs,
                                     const char *backing_file,
                                     const char *backing_fmt)
{
    BDRVQcow2State *s = bs->opaque;
    char old_file[sizeof(bs->backing_file)];
    char old_fmt[sizeof(bs->backing_format)];
    int ret;

    if (backing_file && strlen(backing_file) > 1023) {
        return -EINVAL;
    }
    pstrcpy(old_file, sizeof(old_file), bs->backing_file);
    pstrcpy(old_fmt, sizeof(old_fmt), bs->backing_format);
    pstrcpy(bs->backing_file, sizeof(bs->backing_file),
            backing_file ? backing_file : "");
    pstrcpy(bs->backing_format, sizeof(bs->backing_format),
            backing_fmt ? backing_fmt : "");
    qemu_mutex_lock(&s->lock);
    ret = qcow2_update_header(bs);
    qemu_mutex_unlock(&s->lock);
    if (ret < 0) {
        pstrcpy(bs->backing_file, sizeof(bs->backing_file), old_file);
        pstrcpy(bs->backing_format, sizeof(bs->backing_format), old_fmt);
    }
    return ret;
}

static int qcow2_amend_options(BlockDriverState *bs, QemuOpts *opts,
                               bool force, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    const char *compat = qemu_opt_get(opts, "compat");
    int ret = 0;

    qemu_mutex_lock(&s->lock);
    if (qemu_opt_get(opts, "lazy_refcounts")) {
        bool lazy = qemu_opt_get_bool(opts, "lazy_refcounts", false);

        if (lazy && s->version < 3) {
            error_setg(errp, "Lazy refcounts only supported with "
                       "compatibility level 1.1 and above (use compat=1.1 "
                       "or greater)");
            ret = -EINVAL;
            goto out;
        }
        if (lazy) {
            s->compatible_features |= QCOW2_COMPAT_LAZY_REFCOUNTS;
        } else {
            ret = qcow2_mark_clean(bs);
            s->compatible_features &= ~QCOW2_COMPAT_LAZY_REFCOUNTS;
        }
        s->use_lazy_refcounts = lazy;
    }
    if (compat) {
        if (!strcmp(compat, "1.1") || !strcmp(compat, "v3")) {
            s->version = 3;
            s->header_length = 112;
        } else if (!strcmp(compat, "0.10") || !strcmp(compat, "v2")) {
            if (s->compatible_features || s->compression_type ||
                s->refcount_order != 4) {
                error_setg(errp, "Cannot downgrade an image with lazy "
                           "refcounts, non-zlib compression or refcount "
                           "width other than 16 bits");
                ret = -ENOTSUP;
                goto out;
            }
            /* Zero flags have no v2 meaning: there must be none. */
            {
                uint64_t off;

                for (off = 0; off < s->size; off += s->cluster_size) {
                    uint64_t e;

                    ret = qcow2_get_l2_entry(bs, off, &e);
                    if (ret < 0) {
                        goto out;
                    }
                    if (e & QCOW_OFLAG_ZERO && !(e & QCOW_OFLAG_COMPRESSED)) {
                        error_setg(errp, "Cannot downgrade an image with "
                                   "zero clusters");
                        ret = -ENOTSUP;
                        goto out;
                    }
                }
            }
            s->version = 2;
        } else {
            error_setg(errp, "Invalid compatibility level: '%s'", compat);
            ret = -EINVAL;
            goto out;
        }
    }
    if (ret == 0) {
        ret = qcow2_flush_caches(bs);
    }
    if (ret == 0) {
        ret = qcow2_update_header(bs);
    }
out:
    qemu_mutex_unlock(&s->lock);
    if (ret < 0 && errp && !*errp) {
        error_setg_errno(errp, -ret, "Failed to amend the image");
    }
    return ret;
}

static int64_t qcow2_get_allocated_file_size(BlockDriverState *bs)
{
    return bdrv_get_allocated_file_size(bs->file->bs);
}

static QemuOptsList qcow2_create_opts = {
    .name = "qcow2-create-opts",
    .head = QTAILQ_HEAD_INITIALIZER(qcow2_create_opts.head),
    .desc = {
        { .name = "size", .type = QEMU_OPT_SIZE,
          .help = "Virtual disk size" },
        { .name = "compat", .type = QEMU_OPT_STRING,
          .help = "Compatibility level (v2 [0.10] or v3 [1.1])" },
        { .name = "backing_file", .type = QEMU_OPT_STRING,
          .help = "File name of a base image" },
        { .name = "backing_fmt", .type = QEMU_OPT_STRING,
          .help = "Image format of the base image" },
        { .name = "data_file", .type = QEMU_OPT_STRING,
          .help = "File name of an external data file" },
        { .name = "encryption", .type = QEMU_OPT_BOOL,
          .help = "Encrypt the image with format 'aes'. (Deprecated in favor "
                  "of encrypt.format=aes)" },
        { .name = "cluster_size", .type = QEMU_OPT_SIZE,
          .help = "qcow2 cluster size" },
        { .name = "extended_l2", .type = QEMU_OPT_BOOL,
          .help = "Extended L2 tables" },
        { .name = "preallocation", .type = QEMU_OPT_STRING,
          .help = "Preallocation mode (allowed values: off, metadata, "
                  "falloc, full)" },
        { .name = "lazy_refcounts", .type = QEMU_OPT_BOOL,
          .help = "Postpone refcount updates" },
        { .name = "refcount_bits", .type = QEMU_OPT_NUMBER,
          .help = "Width of a reference count entry in bits" },
        { .name = "compression_type", .type = QEMU_OPT_STRING,
          .help = "Compression method used for image cluster compression" },
        { .name = "nocow", .type = QEMU_OPT_BOOL,
          .help = "Turn off copy-on-write (valid only on btrfs)" },
        { /* end */ }
    },
};

static BlockDriver bdrv_qcow2 = {
    .format_name = "qcow2",
    .is_format = true,
    .supports_backing = true,
    .instance_size = sizeof(BDRVQcow2State),
    .bdrv_probe = qcow2_probe,
    .bdrv_open = qcow2_open,
    .bdrv_close = qcow2_close,
    .bdrv_preadv = qcow2_preadv,
    .bdrv_pwritev = qcow2_pwritev,
    .bdrv_pwritev_compressed = qcow2_pwritev_compressed,
    .bdrv_pwrite_zeroes = qcow2_pwrite_zeroes,
    .bdrv_pdiscard = qcow2_pdiscard,
    .bdrv_flush_to_os = qcow2_flush_to_os,
    .bdrv_truncate = qcow2_truncate,
    .bdrv_getlength = qcow2_getlength,
    .bdrv_get_allocated_file_size = qcow2_get_allocated_file_size,
    .bdrv_block_status = qcow2_block_status,
    .bdrv_get_info = qcow2_get_info,
    .bdrv_get_specific_info = qcow2_get_specific_info,
    .bdrv_check = qcow2_check,
    .bdrv_make_empty = qcow2_make_empty,
    .bdrv_change_backing_file = qcow2_change_backing_file,
    .bdrv_amend_options = qcow2_amend_options,
    .bdrv_create = qcow2_create,
    .create_opts = &qcow2_create_opts,
    .amend_opts = &qcow2_create_opts,
    .bdrv_snapshot_create = qcow2_snapshot_create,
    .bdrv_snapshot_goto = qcow2_snapshot_goto,
    .bdrv_snapshot_delete = qcow2_snapshot_delete,
    .bdrv_snapshot_list = qcow2_snapshot_list,
};

static void bdrv_qcow2_init(void)
{
    bdrv_register(&bdrv_qcow2);
}
block_init(bdrv_qcow2_init);
