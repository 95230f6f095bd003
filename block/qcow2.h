/*
 * qcow2 driver internals (on-disk layout per docs/interop/qcow2.txt).
 */
#ifndef BLOCK_QCOW2_H
#define BLOCK_QCOW2_H

#include "block/block_int.h"
#include "qemu/thread.h"

#define QCOW_MAGIC 0x514649fb           /* 'Q' 'F' 'I' 0xfb */
#define QCOW_OFLAG_COPIED     (1ULL << 63)
#define QCOW_OFLAG_COMPRESSED (1ULL << 62)
#define QCOW_OFLAG_ZERO       (1ULL << 0)
#define L1E_OFFSET_MASK       ((uint64_t)0x00fffffffffffe00ULL)
#define L2E_OFFSET_MASK       ((uint64_t)0x00fffffffffffe00ULL)
#define L1E_RESERVED_MASK     0x7f000000000001ffULL
#define REFT_OFFSET_MASK      0xfffffffffffffe00ULL

#define MIN_CLUSTER_BITS 9
#define MAX_CLUSTER_BITS 21
#define QCOW_MAX_L1_SIZE        (32 * MiB)   /* bytes */
#define QCOW_MAX_REFTABLE_SIZE  (8 * MiB)    /* bytes */
#define QCOW_MAX_SNAPSHOTS      65536
#define QCOW_MAX_SNAPSHOTS_SIZE (64 * MiB)
#define QCOW2_EXT_MAGIC_END          0
#define QCOW2_EXT_MAGIC_BACKING_FORMAT 0xe2792aca
#define QCOW2_EXT_MAGIC_FEATURE_TABLE  0x6803f857

#define QCOW2_INCOMPAT_DIRTY       (1ULL << 0)
#define QCOW2_INCOMPAT_CORRUPT     (1ULL << 1)
#define QCOW2_INCOMPAT_DATA_FILE   (1ULL << 2)
#define QCOW2_INCOMPAT_COMPRESSION (1ULL << 3)
#define QCOW2_INCOMPAT_EXTL2       (1ULL << 4)
#define QCOW2_INCOMPAT_SUPPORTED   (QCOW2_INCOMPAT_DIRTY | \
                                    QCOW2_INCOMPAT_CORRUPT | \
                                    QCOW2_INCOMPAT_COMPRESSION)
#define QCOW2_COMPAT_LAZY_REFCOUNTS (1ULL << 0)

enum { QCOW2_COMPRESSION_TYPE_ZLIB = 0, QCOW2_COMPRESSION_TYPE_ZSTD = 1 };

typedef struct QEMU_PACKED QCowHeader {
    uint32_t magic;
    uint32_t version;
    uint64_t backing_file_offset;
    uint32_t backing_file_size;
    uint32_t cluster_bits;
    uint64_t size;
    uint32_t crypt_method;
    uint32_t l1_size;
    uint64_t l1_table_offset;
    uint64_t refcount_table_offset;
    uint32_t refcount_table_clusters;
    uint32_t nb_snapshots;
    uint64_t snapshots_offset;
    /* version 3 */
    uint64_t incompatible_features;
    uint64_t compatible_features;
    uint64_t autoclear_features;
    uint32_t refcount_order;
    uint32_t header_length;
    uint8_t compression_type;
    uint8_t padding[7];
} QCowHeader;

typedef struct QEMU_PACKED QCowSnapshotHeader {
    uint64_t l1_table_offset;
    uint32_t l1_size;
    uint16_t id_str_size;
    uint16_t name_size;
    uint32_t date_sec;
    uint32_t date_nsec;
    uint64_t vm_clock_nsec;
    uint32_t vm_state_size;
    uint32_t extra_data_size;
} QCowSnapshotHeader;

typedef struct QCowSnapshot {
    uint64_t l1_table_offset;
    uint32_t l1_size;
    char *id_str;
    char *name;
    uint64_t disk_size;
    uint64_t vm_state_size;
    uint32_t date_sec;
    uint32_t date_nsec;
    uint64_t vm_clock_nsec;
    uint64_t icount;            /* -1: none */
    uint32_t extra_data_size;
    void *unknown_extra_data;   /* beyond what we know, kept verbatim */
} QCowSnapshot;

typedef struct Qcow2CacheEntry {
    uint64_t offset;            /* 0: unused */
    uint8_t *data;
    bool dirty;
    uint64_t lru;
} Qcow2CacheEntry;

typedef struct Qcow2Cache {
    Qcow2CacheEntry *entries;
    int size;
    uint64_t lru_counter;
    bool is_refcount;
} Qcow2Cache;

typedef struct BDRVQcow2State {
    QemuMutex lock;
    QemuCond alloc_cond;        /* an allocating write finished */
    GHashTable *inflight;       /* guest cluster + 1 being allocated */
    int cluster_bits;
    int cluster_size;
    int l2_bits;
    int l2_size;                /* entries per L2 table */
    int csize_shift, csize_mask;
    uint64_t cluster_offset_mask;

    uint32_t version;
    uint64_t size;              /* guest disk size */
    int l1_size;
    uint64_t l1_table_offset;
    uint64_t *l1_table;         /* host byte order */

    int refcount_order;
    int refcount_bits;
    uint64_t refcount_max;
    int refcount_block_bits;    /* log2(entries per refcount block) */
    int refcount_block_size;
    uint64_t refcount_table_offset;
    uint32_t refcount_table_size;   /* entries */
    uint64_t *refcount_table;   /* host byte order */
    uint64_t free_cluster_index;
    uint64_t free_byte_offset;  /* compressed-cluster packing */

    Qcow2Cache l2_cache;
    Qcow2Cache refcount_cache;

    uint64_t incompatible_features;
    uint64_t compatible_features;
    uint64_t autoclear_features;
    uint32_t header_length;
    int compression_type;
    bool use_lazy_refcounts;
    bool signaled_corruption;

    int nb_snapshots;
    QCowSnapshot *snapshots;
    uint64_t snapshots_offset;
    uint32_t snapshots_size;    /* bytes of the table */

    uint8_t *unknown_header_ext;    /* kept verbatim when rewriting */
    size_t unknown_header_ext_len;
} BDRVQcow2State;

typedef enum {
    QCOW2_CLUSTER_UNALLOCATED,
    QCOW2_CLUSTER_ZERO_PLAIN,
    QCOW2_CLUSTER_ZERO_ALLOC,
    QCOW2_CLUSTER_NORMAL,
    QCOW2_CLUSTER_COMPRESSED,
} QCow2ClusterType;

static inline QCow2ClusterType qcow2_get_cluster_type(BDRVQcow2State *s,
                                                      uint64_t l2_entry)
{
    if (l2_entry & QCOW_OFLAG_COMPRESSED) {
        return QCOW2_CLUSTER_COMPRESSED;
    }
    if ((l2_entry & QCOW_OFLAG_ZERO) && s->version >= 3) {
        return (l2_entry & L2E_OFFSET_MASK) ? QCOW2_CLUSTER_ZERO_ALLOC
                                            : QCOW2_CLUSTER_ZERO_PLAIN;
    }
    return (l2_entry & L2E_OFFSET_MASK) ? QCOW2_CLUSTER_NORMAL
                                        : QCOW2_CLUSTER_UNALLOCATED;
}

/* Compressed entry: host offset and byte length of the compressed data. */
static inline void qcow2_parse_compressed(BDRVQcow2State *s, uint64_t entry,
                                          uint64_t *off, int *len)
{
    uint64_t nb = ((entry >> s->csize_shift) & s->csize_mask) + 1;

    *off = entry & s->cluster_offset_mask;
    *len = nb * 512 - (*off & 511);
}

/* qcow2-refcount.c */
int qcow2_refcount_init(BlockDriverState *bs, Error **errp);
void qcow2_refcount_close(BlockDriverState *bs);
int qcow2_get_refcount(BlockDriverState *bs, uint64_t cluster_index,
                       uint64_t *refcount);
int qcow2_update_refcount(BlockDriverState *bs, uint64_t offset,
                          uint64_t length, int64_t addend);
int64_t qcow2_alloc_clusters(BlockDriverState *bs, uint64_t size);
int64_t qcow2_alloc_bytes(BlockDriverState *bs, int size);
void qcow2_free_clusters(BlockDriverState *bs, uint64_t offset, uint64_t size);
void qcow2_free_any_cluster(BlockDriverState *bs, uint64_t l2_entry);
int qcow2_check_refcounts(BlockDriverState *bs, BdrvCheckResult *res,
                          BdrvCheckMode fix);
int qcow2_update_tree_refcounts(BlockDriverState *bs, uint64_t l1_offset,
                                int l1_size, int addend);
int qcow2_fix_copied_flags(BlockDriverState *bs);

/* Caches (qcow2-refcount.c) */
void qcow2_cache_init(Qcow2Cache *c, int size, int cluster_size, bool rc);
void qcow2_cache_destroy(Qcow2Cache *c);
int qcow2_cache_get(BlockDriverState *bs, Qcow2Cache *c, uint64_t offset,
                    uint8_t **table, bool fresh);
void qcow2_cache_mark_dirty(Qcow2Cache *c, uint8_t *table);
int qcow2_cache_flush(BlockDriverState *bs, Qcow2Cache *c);
void qcow2_cache_discard(Qcow2Cache *c, uint64_t offset);
int qcow2_flush_caches(BlockDriverState *bs);

/* qcow2.c */
int qcow2_signal_corruption(BlockDriverState *bs, bool fatal,
                            const char *fmt, ...) G_GNUC_PRINTF(3, 4);
int qcow2_mark_dirty(BlockDriverState *bs);
int qcow2_update_header(BlockDriverState *bs);
int qcow2_read_snapshots(BlockDriverState *bs, Error **errp);
int qcow2_write_snapshots(BlockDriverState *bs);
void qcow2_free_snapshots(BlockDriverState *bs);
int qcow2_get_l2_entry(BlockDriverState *bs, uint64_t guest_offset,
                       uint64_t *entry);
int qcow2_snapshot_create(BlockDriverState *bs, QEMUSnapshotInfo *sn_info);
int qcow2_snapshot_goto(BlockDriverState *bs, const char *snapshot_id,
                        Error **errp);
int qcow2_snapshot_delete(BlockDriverState *bs, const char *snapshot_id,
                          const char *name, Error **errp);
int qcow2_snapshot_list(BlockDriverState *bs, QEMUSnapshotInfo **psn_tab);
int qcow2_grow_l1_table(BlockDriverState *bs, uint64_t min_size);
int qcow2_write_l1_entry(BlockDriverState *bs, int l1_index);

#endif
