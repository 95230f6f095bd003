/*
 * qcow2 internal snapshots: a snapshot is a copy of the active L1 table;
 * every L2 table and data cluster it reaches gains a reference, and the
 * active tree loses its COPIED flags so the next write copies first.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/bswap.h"
#include "qemu/cutils.h"
#include "block/qcow2.h"

static int find_snapshot(BDRVQcow2State *s, const char *id, const char *name)
{
    int i;

    for (i = 0; i < s->nb_snapshots; i++) {
        if ((!id || !strcmp(s->snapshots[i].id_str, id)) &&
            (!name || !strcmp(s->snapshots[i].name, name))) {
            return i;
        }
    }
    return -1;
}

static int find_snapshot_by_id_or_name(BDRVQcow2State *s, const char *x)
{
    int i = find_snapshot(s, x, NULL);

    return i >= 0 ? i : find_snapshot(s, NULL, x);
}

int qcow2_snapshot_create(BlockDriverState *bs, QEMUSnapshotInfo *sn_info)
{
    BDRVQcow2State *s = bs->opaque;
    QCowSnapshot *sn;
    g_autofree uint64_t *l1 = NULL;
    int64_t l1_off;
    int i, ret;

    qemu_mutex_lock(&s->lock);
    if (!sn_info->id_str[0]) {
        int max = 0;

        for (i = 0; i < s->nb_snapshots; i++) {
            int64_t v;

            if (qemu_strtoi64(s->snapshots[i].id_str, NULL, 10, &v) == 0) {
                max = MAX(max, v);
            }
        }
        snprintf(sn_info->id_str, sizeof(sn_info->id_str), "%d", max + 1);
    }
    if (find_snapshot(s, sn_info->id_str, NULL) >= 0) {
        qemu_mutex_unlock(&s->lock);
        return -EEXIST;
    }
    if (s->nb_snapshots >= QCOW_MAX_SNAPSHOTS) {
        qemu_mutex_unlock(&s->lock);
        return -EFBIG;
    }
    ret = qcow2_flush_caches(bs);
    if (ret < 0) {
        goto out;
    }
    /* Copy of the active L1 table. */
    l1 = g_new0(uint64_t, MAX(s->l1_size, 1));
    for (i = 0; i < s->l1_size; i++) {
        l1[i] = cpu_to_be64(s->l1_table[i] & ~QCOW_OFLAG_COPIED);
    }
    l1_off = s->l1_size ? qcow2_alloc_clusters(bs, s->l1_size * 8ULL) : 0;
    if (l1_off < 0) {
        ret = l1_off;
        goto out;
    }
    ret = qcow2_flush_caches(bs);
    if (ret == 0 && s->l1_size) {
        ret = bdrv_pwrite_sync(bs->file, l1_off, s->l1_size * 8ULL, l1, 0);
    }
    if (ret < 0) {
        goto out;
    }
    /* References from the snapshot's tree, durable before it exists. */
    ret = qcow2_update_tree_refcounts(bs, s->l1_table_offset, s->l1_size, 1);
    if (ret == 0) {
        ret = qcow2_flush_caches(bs);
    }
    if (ret < 0) {
        goto out;
    }
    s->snapshots = g_renew(QCowSnapshot, s->snapshots, s->nb_snapshots + 1);
    sn = &s->snapshots[s->nb_snapshots];
    memset(sn, 0, sizeof(*sn));
    sn->id_str = g_strdup(sn_info->id_str);
    sn->name = g_strdup(sn_info->name);
    sn->l1_table_offset = l1_off;
    sn->l1_size = s->l1_size;
    sn->disk_size = s->size;
    sn->vm_state_size = sn_info->vm_state_size;
    sn->date_sec = sn_info->date_sec;
    sn->date_nsec = sn_info->date_nsec;
    sn->vm_clock_nsec = sn_info->vm_clock_nsec;
    sn->icount = sn_info->icount;
    s->nb_snapshots++;
    ret = qcow2_write_snapshots(bs);
    if (ret < 0) {
        s->nb_snapshots--;
        goto out;
    }
    /* The active tree is shared now: clear COPIED where refcount > 1. */
    ret = qcow2_fix_copied_flags(bs);
    if (ret == 0) {
        ret = qcow2_flush_caches(bs);
    }
out:
    qemu_mutex_unlock(&s->lock);
    return ret;
}

int qcow2_snapshot_goto(BlockDriverState *bs, const char *snapshot_id,
                        Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    QCowSnapshot *sn;
    g_autofree uint64_t *new_l1 = NULL;
    uint32_t i, cur_l1_size = s->l1_size;
    int idx, ret;

    qemu_mutex_lock(&s->lock);
    idx = find_snapshot_by_id_or_name(s, snapshot_id);
    if (idx < 0) {
        qemu_mutex_unlock(&s->lock);
        error_setg_errno(errp, ENOENT, "Failed to load snapshot");
        return -ENOENT;
    }
    sn = &s->snapshots[idx];
    if (sn->disk_size != s->size) {
        qemu_mutex_unlock(&s->lock);
        error_setg(errp, "qcow2: Loading snapshots with different disk size "
                   "is not supported");
        return -ENOTSUP;
    }
    if (sn->l1_size > (uint32_t)s->l1_size) {
        ret = qcow2_grow_l1_table(bs, sn->l1_size);
        if (ret < 0) {
            goto fail;
        }
        cur_l1_size = s->l1_size;
    }
    ret = qcow2_flush_caches(bs);
    if (ret < 0) {
        goto fail;
    }
    /* Take references for the snapshot's tree first, then switch. */
    ret = qcow2_update_tree_refcounts(bs, sn->l1_table_offset, sn->l1_size, 1);
    if (ret == 0) {
        ret = qcow2_flush_caches(bs);
    }
    if (ret < 0) {
        goto fail;
    }
    new_l1 = g_new0(uint64_t, s->l1_size);
    ret = bdrv_pread(bs->file, sn->l1_table_offset, sn->l1_size * 8ULL,
                     new_l1, 0);
    if (ret < 0) {
        goto fail;
    }
    ret = bdrv_pwrite_sync(bs->file, s->l1_table_offset, s->l1_size * 8ULL,
                           new_l1, 0);
    if (ret < 0) {
        goto fail;
    }
    /* Drop the old active tree's references (read from a copy). */
    {
        g_autofree uint64_t *old = g_new0(uint64_t, cur_l1_size);
        int64_t tmp;

        for (i = 0; i < cur_l1_size; i++) {
            old[i] = cpu_to_be64(s->l1_table[i]);
        }
        tmp = qcow2_alloc_clusters(bs, cur_l1_size * 8ULL);
        if (tmp < 0) {
            ret = tmp;
            goto fail;
        }
        ret = bdrv_pwrite(bs->file, tmp, cur_l1_size * 8ULL, old, 0);
        for (i = 0; i < cur_l1_size; i++) {
            s->l1_table[i] = be64_to_cpu(new_l1[i]);
        }
        if (ret == 0) {
            ret = qcow2_update_tree_refcounts(bs, tmp, cur_l1_size, -1);
        }
        qcow2_free_clusters(bs, tmp, cur_l1_size * 8ULL);
        if (ret < 0) {
            goto fail;
        }
    }
    ret = qcow2_fix_copied_flags(bs);
    if (ret == 0) {
        ret = qcow2_flush_caches(bs);
    }
fail:
    qemu_mutex_unlock(&s->lock);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Failed to load snapshot");
    }
    return ret;
}

int qcow2_snapshot_delete(BlockDriverState *bs, const char *snapshot_id,
                          const char *name, Error **errp)
{
    BDRVQcow2State *s = bs->opaque;
    QCowSnapshot sn;
    int idx, ret;

    qemu_mutex_lock(&s->lock);
    idx = find_snapshot(s, snapshot_id, name);
    if (idx < 0) {
        qemu_mutex_unlock(&s->lock);
        error_setg(errp, "Can't find the snapshot");
        return -ENOENT;
    }
    sn = s->snapshots[idx];
    memmove(s->snapshots + idx, s->snapshots + idx + 1,
            (s->nb_snapshots - idx - 1) * sizeof(sn));
    s->nb_snapshots--;
    ret = qcow2_write_snapshots(bs);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Failed to remove snapshot from "
                         "snapshot list");
        goto out;
    }
    ret = qcow2_update_tree_refcounts(bs, sn.l1_table_offset, sn.l1_size, -1);
    if (ret == 0 && sn.l1_size) {
        qcow2_free_clusters(bs, sn.l1_table_offset, sn.l1_size * 8ULL);
    }
    if (ret == 0) {
        ret = qcow2_fix_copied_flags(bs);
    }
    if (ret == 0) {
        ret = qcow2_flush_caches(bs);
    }
    if (ret < 0) {
        error_setg_errno(errp, -ret, "Failed to free the cluster and L1 "
                         "table");
    }
out:
    g_free(sn.id_str);
    g_free(sn.name);
    g_free(sn.unknown_extra_data);
    qemu_mutex_unlock(&s->lock);
    return ret;
}

int qcow2_snapshot_list(BlockDriverState *bs, QEMUSnapshotInfo **psn_tab)
{
    BDRVQcow2State *s = bs->opaque;
    QEMUSnapshotInfo *tab;
    int i;

    if (!s->nb_snapshots) {
        *psn_tab = NULL;
        return 0;
    }
    tab = g_new0(QEMUSnapshotInfo, s->nb_snapshots);
    for (i = 0; i < s->nb_snapshots; i++) {
        QCowSnapshot *sn = &s->snapshots[i];

        pstrcpy(tab[i].id_str, sizeof(tab[i].id_str), sn->id_str);
        pstrcpy(tab[i].name, sizeof(tab[i].name), sn->name);
        tab[i].vm_state_size = sn->vm_state_size;
        tab[i].date_sec = sn->date_sec;
        tab[i].date_nsec = sn->date_nsec;
        tab[i].vm_clock_nsec = sn->vm_clock_nsec;
        tab[i].icount = sn->icount;
    }
    *psn_tab = tab;
    return s->nb_snapshots;
}
