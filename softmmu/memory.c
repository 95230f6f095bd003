/*
 * Memory API: region tree, flattening into FlatViews, listeners,
 * I/O dispatch with access-size adjustment, "info mtree".
 *
 * Addresses are computed with 128-bit integers so that the full 2^64
 * range (the "system" container) and alias offsets that wrap below
 * zero need no special cases.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "exec/memory.h"
#include "exec/address-spaces.h"
#include "exec/ramblock.h"

typedef __int128 Addr;

bool memory_trace_unassigned;

/* One piece of a flattened address space. */
typedef struct FlatRange {
    MemoryRegion *mr;
    hwaddr offset_in_region;
    hwaddr start;
    uint64_t size;          /* 0 stands for 2^64 (only when start == 0) */
    bool romd_mode;
    bool readonly;
    bool nonvolatile;
} FlatRange;

struct FlatView {
    gint ref;
    GArray *ranges;         /* FlatRange, sorted by start */
    MemoryRegion *root;
};

/* An ioeventfd as seen in an address space. */
struct MemoryRegionIoeventfd {
    hwaddr addr;            /* within the region, or the address space */
    unsigned size;
    bool match_data;
    uint64_t data;
    EventNotifier *e;
};

typedef struct ASIoeventfds {
    GArray *fds;            /* MemoryRegionIoeventfd, addresses in the AS */
} ASIoeventfds;

static GPtrArray *address_spaces;   /* AddressSpace * */
static unsigned transaction_depth;
static bool pending_update;
static GMutex view_lock;            /* as->current_map and FlatView refs */

static Addr fr_end(const FlatRange *fr)     /* exclusive */
{
    return (Addr)fr->start + (fr->size ? (Addr)fr->size : ((Addr)1 << 64));
}

static Addr mr_size128(const MemoryRegion *mr)
{
    return mr->size == UINT64_MAX ? ((Addr)1 << 64) : (Addr)mr->size;
}

/* ------------------------------------------------------------------ */
/* Region objects                                                      */

static void memory_region_instance_init(Object *obj)
{
    MemoryRegion *mr = MEMORY_REGION(obj);

    mr->enabled = true;
    mr->romd_mode = true;
}

static void memory_region_instance_finalize(Object *obj)
{
    MemoryRegion *mr = MEMORY_REGION(obj);

    if (mr->destructor) {
        mr->destructor(mr);
    }
    g_free(mr->ioeventfds);
    g_free(mr->name);
}

static const TypeInfo memory_region_info = {
    .name = TYPE_MEMORY_REGION,
    .parent = TYPE_OBJECT,
    .instance_size = sizeof(MemoryRegion),
    .instance_init = memory_region_instance_init,
    .instance_finalize = memory_region_instance_finalize,
};

static void memory_register_types(void)
{
    type_register_static(&memory_region_info);
}

type_init(memory_register_types)

void memory_region_init(MemoryRegion *mr, Object *owner,
                        const char *name, uint64_t size)
{
    object_initialize(mr, sizeof(*mr), TYPE_MEMORY_REGION);
    mr->size = size;
    mr->name = g_strdup(name);
    mr->owner = owner;
}

void memory_region_ref(MemoryRegion *mr)
{
    /*
     * As in QEMU, regions embedded in a device are kept alive by their
     * owner; only owner-less regions count references themselves.
     */
    if (mr && mr->owner) {
        object_ref(mr->owner);
    } else if (mr) {
        object_ref(OBJECT(mr));
    }
}

void memory_region_unref(MemoryRegion *mr)
{
    if (mr && mr->owner) {
        object_unref(mr->owner);
    } else if (mr) {
        object_unref(OBJECT(mr));
    }
}

void memory_region_init_io(MemoryRegion *mr, Object *owner,
                           const MemoryRegionOps *ops, void *opaque,
                           const char *name, uint64_t size)
{
    memory_region_init(mr, owner, name, size);
    mr->ops = ops;
    mr->opaque = opaque;
    mr->terminates = true;
}

static void ram_block_free(MemoryRegion *mr)
{
    qemu_ram_free(mr->ram_block);
    mr->ram_block = NULL;
}

static bool init_ram_common(MemoryRegion *mr, Object *owner, const char *name,
                            uint64_t size, RAMBlock *rb, Error **errp)
{
    memory_region_init(mr, owner, name, size);
    if (!rb) {
        mr->size = 0;   /* "not initialised" for backends */
        return false;
    }
    mr->ram = true;
    mr->terminates = true;
    mr->ram_block = rb;
    rb->mr = mr;
    mr->destructor = ram_block_free;
    return true;
}

void memory_region_init_ram_flags_nomigrate(MemoryRegion *mr, Object *owner,
                                            const char *name, uint64_t size,
                                            uint32_t ram_flags, Error **errp)
{
    RAMBlock *rb = qemu_ram_alloc(size, ram_flags, name, errp);

    init_ram_common(mr, owner, name, size, rb, errp);
}

void memory_region_init_ram_nomigrate(MemoryRegion *mr, Object *owner,
                                      const char *name, uint64_t size,
                                      Error **errp)
{
    memory_region_init_ram_flags_nomigrate(mr, owner, name, size, 0, errp);
}

void memory_region_init_ram(MemoryRegion *mr, Object *owner,
                            const char *name, uint64_t size, Error **errp)
{
    memory_region_init_ram_nomigrate(mr, owner, name, size, errp);
}

void memory_region_init_ram_from_fd(MemoryRegion *mr, Object *owner,
                                    const char *name, uint64_t size,
                                    uint32_t ram_flags, int fd,
                                    off_t offset, Error **errp)
{
    RAMBlock *rb = qemu_ram_alloc_from_fd(size, ram_flags, fd, offset,
                                          name, errp);

    init_ram_common(mr, owner, name, size, rb, errp);
}

void memory_region_init_ram_ptr(MemoryRegion *mr, Object *owner,
                                const char *name, uint64_t size, void *ptr)
{
    RAMBlock *rb = qemu_ram_alloc_from_ptr(size, ptr, name);

    init_ram_common(mr, owner, name, size, rb, &error_abort);
}

void memory_region_init_ram_device_ptr(MemoryRegion *mr, Object *owner,
                                       const char *name, uint64_t size,
                                       void *ptr)
{
    memory_region_init_ram_ptr(mr, owner, name, size, ptr);
    mr->ram_device = true;
}

void memory_region_init_rom_nomigrate(MemoryRegion *mr, Object *owner,
                                      const char *name, uint64_t size,
                                      Error **errp)
{
    memory_region_init_ram_nomigrate(mr, owner, name, size, errp);
    mr->readonly = true;
}

void memory_region_init_rom(MemoryRegion *mr, Object *owner,
                            const char *name, uint64_t size, Error **errp)
{
    memory_region_init_rom_nomigrate(mr, owner, name, size, errp);
}

void memory_region_init_rom_device_nomigrate(MemoryRegion *mr, Object *owner,
                                             const MemoryRegionOps *ops,
                                             void *opaque, const char *name,
                                             uint64_t size, Error **errp)
{
    memory_region_init_ram_nomigrate(mr, owner, name, size, errp);
    mr->ops = ops;
    mr->opaque = opaque;
    mr->rom_device = true;
    mr->romd_mode = true;
}

void memory_region_init_rom_device(MemoryRegion *mr, Object *owner,
                                   const MemoryRegionOps *ops, void *opaque,
                                   const char *name, uint64_t size,
                                   Error **errp)
{
    memory_region_init_rom_device_nomigrate(mr, owner, ops, opaque, name,
                                            size, errp);
}

void memory_region_init_alias(MemoryRegion *mr, Object *owner,
                              const char *name, MemoryRegion *orig,
                              hwaddr offset, uint64_t size)
{
    memory_region_init(mr, owner, name, size);
    mr->alias = orig;
    mr->alias_offset = offset;
}

Object *memory_region_owner(MemoryRegion *mr)
{
    return mr->owner;
}

uint64_t memory_region_size(MemoryRegion *mr)
{
    return mr->size;
}

const char *memory_region_name(const MemoryRegion *mr)
{
    return mr->name ? mr->name : "";
}

bool memory_region_is_ram(MemoryRegion *mr)
{
    return mr->ram;
}

bool memory_region_is_ram_device(MemoryRegion *mr)
{
    return mr->ram_device;
}

bool memory_region_is_romd(MemoryRegion *mr)
{
    return mr->rom_device && mr->romd_mode;
}

bool memory_region_is_rom(MemoryRegion *mr)
{
    return mr->ram && mr->readonly;
}

bool memory_region_is_nonvolatile(MemoryRegion *mr)
{
    return mr->nonvolatile;
}

bool memory_region_is_iommu(MemoryRegion *mr)
{
    return false;
}

bool memory_region_is_logging(MemoryRegion *mr, uint8_t client)
{
    return mr->dirty_log;
}

void *memory_region_get_ram_ptr(MemoryRegion *mr)
{
    hwaddr offset = 0;

    while (mr->alias) {
        offset += mr->alias_offset;
        mr = mr->alias;
    }
    assert(mr->ram_block);
    return (uint8_t *)mr->ram_block->host + offset;
}

ram_addr_t memory_region_get_ram_addr(MemoryRegion *mr)
{
    return mr->ram_block ? mr->ram_block->offset : RAM_ADDR_MAX;
}

int memory_region_get_fd(MemoryRegion *mr)
{
    while (mr->alias) {
        mr = mr->alias;
    }
    return mr->ram_block ? mr->ram_block->fd : -1;
}

void memory_region_set_log(MemoryRegion *mr, bool log, unsigned client)
{
    mr->dirty_log = log;
}

void memory_region_set_dirty(MemoryRegion *mr, hwaddr addr, hwaddr size)
{
    /* No dirty tracking (no migration, no VGA dirty bitmaps). */
}

static void memory_region_changed(void)
{
    memory_region_transaction_begin();
    pending_update = true;
    memory_region_transaction_commit();
}

void memory_region_set_readonly(MemoryRegion *mr, bool readonly)
{
    if (mr->readonly != readonly) {
        mr->readonly = readonly;
        memory_region_changed();
    }
}

void memory_region_set_nonvolatile(MemoryRegion *mr, bool nonvolatile)
{
    if (mr->nonvolatile != nonvolatile) {
        mr->nonvolatile = nonvolatile;
        memory_region_changed();
    }
}

void memory_region_rom_device_set_romd(MemoryRegion *mr, bool romd_mode)
{
    if (mr->romd_mode != romd_mode) {
        mr->romd_mode = romd_mode;
        memory_region_changed();
    }
}

void memory_region_set_coalescing(MemoryRegion *mr)
{
}

void memory_region_add_coalescing(MemoryRegion *mr, hwaddr offset,
                                  uint64_t size)
{
}

void memory_region_clear_coalescing(MemoryRegion *mr)
{
}

void memory_region_set_flush_coalesced(MemoryRegion *mr)
{
    mr->flush_coalesced_mmio = true;
}

void memory_region_clear_flush_coalesced(MemoryRegion *mr)
{
    mr->flush_coalesced_mmio = false;
}

static bool ioeventfd_equal(const MemoryRegionIoeventfd *a,
                            const MemoryRegionIoeventfd *b)
{
    return a->addr == b->addr && a->size == b->size &&
           a->match_data == b->match_data &&
           (!a->match_data || a->data == b->data) && a->e == b->e;
}

void memory_region_add_eventfd(MemoryRegion *mr, hwaddr addr, unsigned size,
                               bool match_data, uint64_t data,
                               EventNotifier *e)
{
    MemoryRegionIoeventfd fd = {
        .addr = addr, .size = size, .match_data = match_data,
        .data = data, .e = e,
    };

    mr->ioeventfds = g_renew(MemoryRegionIoeventfd, mr->ioeventfds,
                             mr->ioeventfd_nb + 1);
    mr->ioeventfds[mr->ioeventfd_nb++] = fd;
    memory_region_changed();
}

void memory_region_del_eventfd(MemoryRegion *mr, hwaddr addr, unsigned size,
                               bool match_data, uint64_t data,
                               EventNotifier *e)
{
    MemoryRegionIoeventfd fd = {
        .addr = addr, .size = size, .match_data = match_data,
        .data = data, .e = e,
    };
    unsigned i;

    for (i = 0; i < mr->ioeventfd_nb; i++) {
        if (ioeventfd_equal(&mr->ioeventfds[i], &fd)) {
            break;
        }
    }
    assert(i < mr->ioeventfd_nb);
    memmove(&mr->ioeventfds[i], &mr->ioeventfds[i + 1],
            (mr->ioeventfd_nb - i - 1) * sizeof(fd));
    mr->ioeventfd_nb--;
    memory_region_changed();
}

static void subregion_link(MemoryRegion *mr, MemoryRegion *sub)
{
    MemoryRegion **p = &mr->subregions;

    /* Before the first one of lower or equal priority: newest wins ties. */
    while (*p && (*p)->priority > sub->priority) {
        p = &(*p)->subregions_next;
    }
    sub->subregions_next = *p;
    *p = sub;
}

static void subregion_unlink(MemoryRegion *mr, MemoryRegion *sub)
{
    MemoryRegion **p = &mr->subregions;

    while (*p && *p != sub) {
        p = &(*p)->subregions_next;
    }
    assert(*p == sub);
    *p = sub->subregions_next;
    sub->subregions_next = NULL;
}

static void add_subregion_common(MemoryRegion *mr, hwaddr offset,
                                 MemoryRegion *subregion)
{
    assert(!subregion->container);
    memory_region_ref(subregion);
    subregion->container = mr;
    subregion->addr = offset;
    subregion_link(mr, subregion);
    memory_region_changed();
}

void memory_region_add_subregion(MemoryRegion *mr, hwaddr offset,
                                 MemoryRegion *subregion)
{
    subregion->may_overlap = false;
    subregion->priority = 0;
    add_subregion_common(mr, offset, subregion);
}

void memory_region_add_subregion_overlap(MemoryRegion *mr, hwaddr offset,
                                         MemoryRegion *subregion,
                                         int priority)
{
    subregion->may_overlap = true;
    subregion->priority = priority;
    add_subregion_common(mr, offset, subregion);
}

void memory_region_del_subregion(MemoryRegion *mr, MemoryRegion *subregion)
{
    assert(subregion->container == mr);
    subregion->container = NULL;
    subregion_unlink(mr, subregion);
    memory_region_changed();
    memory_region_unref(subregion);
}

void memory_region_set_enabled(MemoryRegion *mr, bool enabled)
{
    if (mr->enabled != enabled) {
        mr->enabled = enabled;
        memory_region_changed();
    }
}

void memory_region_set_address(MemoryRegion *mr, hwaddr addr)
{
    MemoryRegion *container = mr->container;

    if (addr == mr->addr) {
        return;
    }
    if (!container) {
        mr->addr = addr;
        return;
    }
    memory_region_transaction_begin();
    subregion_unlink(container, mr);
    mr->addr = addr;
    subregion_link(container, mr);
    pending_update = true;
    memory_region_transaction_commit();
}

void memory_region_set_size(MemoryRegion *mr, uint64_t size)
{
    if (mr->size != size) {
        mr->size = size;
        memory_region_changed();
    }
}

void memory_region_set_alias_offset(MemoryRegion *mr, hwaddr offset)
{
    assert(mr->alias);
    if (mr->alias_offset != offset) {
        mr->alias_offset = offset;
        memory_region_changed();
    }
}

bool memory_region_is_mapped(MemoryRegion *mr)
{
    return mr->container != NULL;
}

/* ------------------------------------------------------------------ */
/* Flattening                                                           */

static FlatView *flatview_new(MemoryRegion *root)
{
    FlatView *fv = g_new0(FlatView, 1);

    fv->ref = 1;
    fv->ranges = g_array_new(false, false, sizeof(FlatRange));
    fv->root = root;
    return fv;
}

static void flatview_ref(FlatView *fv)
{
    g_atomic_int_inc(&fv->ref);
}

static void flatview_unref(FlatView *fv)
{
    if (g_atomic_int_dec_and_test(&fv->ref)) {
        g_array_free(fv->ranges, true);
        g_free(fv);
    }
}

/* Insert [start, end) of @mr into the gaps of @fv (sorted). */
static void flatview_fill(FlatView *fv, MemoryRegion *mr, Addr mr_start,
                          Addr start, Addr end, bool readonly,
                          bool nonvolatile)
{
    unsigned i = 0;

    while (start < end) {
        FlatRange *fr;
        Addr piece_end = end;

        /* Skip ranges that end before @start. */
        while (i < fv->ranges->len &&
               fr_end(&g_array_index(fv->ranges, FlatRange, i)) <= start) {
            i++;
        }
        if (i < fv->ranges->len) {
            fr = &g_array_index(fv->ranges, FlatRange, i);
            if ((Addr)fr->start <= start) {
                /* Covered by something of higher priority. */
                start = fr_end(fr);
                i++;
                continue;
            }
            piece_end = MIN(end, (Addr)fr->start);
        }
        {
            FlatRange nr = {
                .mr = mr,
                .offset_in_region = (hwaddr)(start - mr_start),
                .start = (hwaddr)start,
                .size = (uint64_t)(piece_end - start),
                .romd_mode = mr->romd_mode,
                .readonly = readonly,
                .nonvolatile = nonvolatile,
            };
            g_array_insert_val(fv->ranges, i, nr);
            i++;
        }
        start = piece_end;
    }
}

/*
 * Render @mr, whose first byte is at @base in the address space,
 * clipped to [clip_start, clip_end).
 */
static void render_region(FlatView *fv, MemoryRegion *mr, Addr base,
                          Addr clip_start, Addr clip_end,
                          bool readonly, bool nonvolatile)
{
    Addr start, end;
    MemoryRegion *sub;

    if (!mr->enabled) {
        return;
    }
    start = MAX(base, clip_start);
    end = MIN(base + mr_size128(mr), clip_end);
    if (start >= end) {
        return;
    }
    readonly |= mr->readonly;
    nonvolatile |= mr->nonvolatile;

    if (mr->alias) {
        render_region(fv, mr->alias, base - (Addr)mr->alias_offset,
                      start, end, readonly, nonvolatile);
        return;
    }
    for (sub = mr->subregions; sub; sub = sub->subregions_next) {
        render_region(fv, sub, base + (Addr)sub->addr, start, end,
                      readonly, nonvolatile);
    }
    if (mr->terminates) {
        flatview_fill(fv, mr, base, start, end, readonly, nonvolatile);
    }
}

static bool fr_can_merge(const FlatRange *a, const FlatRange *b)
{
    return a->mr == b->mr && fr_end(a) == (Addr)b->start &&
           (Addr)a->offset_in_region + (Addr)a->size ==
           (Addr)b->offset_in_region &&
           a->readonly == b->readonly && a->romd_mode == b->romd_mode &&
           a->nonvolatile == b->nonvolatile;
}

static void flatview_simplify(FlatView *fv)
{
    unsigned i = 0;

    while (i + 1 < fv->ranges->len) {
        FlatRange *a = &g_array_index(fv->ranges, FlatRange, i);
        FlatRange *b = &g_array_index(fv->ranges, FlatRange, i + 1);

        if (fr_can_merge(a, b)) {
            a->size += b->size;
            g_array_remove_index(fv->ranges, i + 1);
        } else {
            i++;
        }
    }
}

static FlatView *generate_memory_topology(MemoryRegion *root)
{
    FlatView *fv = flatview_new(root);

    if (root) {
        render_region(fv, root, 0, 0, (Addr)1 << 64, false, false);
    }
    flatview_simplify(fv);
    return fv;
}

static FlatView *address_space_get_flatview(AddressSpace *as)
{
    FlatView *fv;

    g_mutex_lock(&view_lock);
    fv = as->current_map;
    flatview_ref(fv);
    g_mutex_unlock(&view_lock);
    return fv;
}

/* The range containing @addr, or NULL. */
static const FlatRange *flatview_lookup(FlatView *fv, hwaddr addr)
{
    unsigned lo = 0, hi = fv->ranges->len;

    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        const FlatRange *fr = &g_array_index(fv->ranges, FlatRange, mid);

        if ((Addr)addr < (Addr)fr->start) {
            hi = mid;
        } else if ((Addr)addr >= fr_end(fr)) {
            lo = mid + 1;
        } else {
            return fr;
        }
    }
    return NULL;
}

/* Start of the first range after @addr (2^64 if none). */
static Addr flatview_next_start(FlatView *fv, hwaddr addr)
{
    unsigned i;

    for (i = 0; i < fv->ranges->len; i++) {
        const FlatRange *fr = &g_array_index(fv->ranges, FlatRange, i);
        if ((Addr)fr->start > (Addr)addr) {
            return fr->start;
        }
    }
    return (Addr)1 << 64;
}

static MemoryRegionSection section_from_fr(FlatView *fv, const FlatRange *fr)
{
    return (MemoryRegionSection) {
        .mr = fr->mr,
        .fv = fv,
        .offset_within_region = fr->offset_in_region,
        .offset_within_address_space = fr->start,
        .size = fr->size ? fr->size : UINT64_MAX,
        .readonly = fr->readonly,
        .nonvolatile = fr->nonvolatile,
    };
}

/* ------------------------------------------------------------------ */
/* Listeners and topology updates                                     */

static gint listener_cmp(gconstpointer a, gconstpointer b)
{
    const MemoryListener *la = *(MemoryListener *const *)a;
    const MemoryListener *lb = *(MemoryListener *const *)b;

    return (int)la->priority - (int)lb->priority;
}

typedef enum { LISTENER_FORWARD, LISTENER_REVERSE } ListenerDir;

#define FOR_EACH_LISTENER(as, l, dir, body)                               \
    do {                                                                  \
        guint i_;                                                         \
        for (i_ = 0; i_ < (as)->listeners->len; i_++) {                   \
            MemoryListener *l = g_ptr_array_index((as)->listeners,        \
                (dir) == LISTENER_FORWARD ? i_                            \
                                          : (as)->listeners->len - 1 - i_); \
            body;                                                         \
        }                                                                 \
    } while (0)

static bool fr_equal(const FlatRange *a, const FlatRange *b)
{
    return a->mr == b->mr && a->start == b->start && a->size == b->size &&
           a->offset_in_region == b->offset_in_region &&
           a->romd_mode == b->romd_mode && a->readonly == b->readonly &&
           a->nonvolatile == b->nonvolatile;
}

static void topology_pass(AddressSpace *as, FlatView *old, FlatView *new,
                          bool adding)
{
    unsigned io = 0, in = 0;
    GArray *o = old->ranges, *n = new->ranges;

    while (io < o->len || in < n->len) {
        FlatRange *fo = io < o->len ? &g_array_index(o, FlatRange, io) : NULL;
        FlatRange *fn = in < n->len ? &g_array_index(n, FlatRange, in) : NULL;

        if (fo && (!fn || fo->start < fn->start ||
                   (fo->start == fn->start && !fr_equal(fo, fn)))) {
            /* fo is gone */
            if (!adding) {
                MemoryRegionSection s = section_from_fr(old, fo);
                FOR_EACH_LISTENER(as, l, LISTENER_REVERSE,
                    if (l->region_del) { l->region_del(l, &s); });
            }
            io++;
        } else if (fo && fn && fr_equal(fo, fn)) {
            if (adding) {
                MemoryRegionSection s = section_from_fr(new, fn);
                FOR_EACH_LISTENER(as, l, LISTENER_FORWARD,
                    if (l->region_nop) { l->region_nop(l, &s); });
            }
            io++;
            in++;
        } else {
            /* fn is new */
            if (adding) {
                MemoryRegionSection s = section_from_fr(new, fn);
                FOR_EACH_LISTENER(as, l, LISTENER_FORWARD,
                    if (l->region_add) { l->region_add(l, &s); });
            }
            in++;
        }
    }
}

static GArray *flatview_ioeventfds(FlatView *fv)
{
    GArray *fds = g_array_new(false, false, sizeof(MemoryRegionIoeventfd));
    unsigned i, j;

    for (i = 0; i < fv->ranges->len; i++) {
        const FlatRange *fr = &g_array_index(fv->ranges, FlatRange, i);

        for (j = 0; j < fr->mr->ioeventfd_nb; j++) {
            MemoryRegionIoeventfd fd = fr->mr->ioeventfds[j];
            Addr off = (Addr)fd.addr - (Addr)fr->offset_in_region;

            if (off < 0 || off >= (Addr)(fr->size ? fr->size : UINT64_MAX)) {
                continue;
            }
            fd.addr = fr->start + (hwaddr)off;
            g_array_append_val(fds, fd);
        }
    }
    return fds;
}

static bool fd_in(GArray *set, const MemoryRegionIoeventfd *fd)
{
    unsigned i;

    for (i = 0; i < set->len; i++) {
        if (ioeventfd_equal(&g_array_index(set, MemoryRegionIoeventfd, i),
                            fd)) {
            return true;
        }
    }
    return false;
}

static void ioeventfd_notify(AddressSpace *as, FlatView *fv,
                             const MemoryRegionIoeventfd *fd, bool add)
{
    const FlatRange *fr = flatview_lookup(fv, fd->addr);
    MemoryRegionSection s = {
        .mr = fr ? fr->mr : NULL,
        .fv = fv,
        .offset_within_address_space = fd->addr,
        .offset_within_region = fr ? fd->addr - fr->start +
                                     fr->offset_in_region : 0,
        .size = fd->size,
    };

    if (add) {
        FOR_EACH_LISTENER(as, l, LISTENER_FORWARD,
            if (l->eventfd_add) {
                l->eventfd_add(l, &s, fd->match_data, fd->data, fd->e);
            });
    } else {
        FOR_EACH_LISTENER(as, l, LISTENER_REVERSE,
            if (l->eventfd_del) {
                l->eventfd_del(l, &s, fd->match_data, fd->data, fd->e);
            });
    }
}

static void address_space_update_ioeventfds(AddressSpace *as, FlatView *fv)
{
    GArray *new_fds = flatview_ioeventfds(fv);
    GArray *old_fds = g_array_new(false, false,
                                  sizeof(MemoryRegionIoeventfd));
    unsigned i;

    if (as->ioeventfd_nb) {
        g_array_append_vals(old_fds, as->ioeventfds, as->ioeventfd_nb);
    }
    for (i = 0; i < old_fds->len; i++) {
        MemoryRegionIoeventfd *fd = &g_array_index(old_fds,
                                                   MemoryRegionIoeventfd, i);
        if (!fd_in(new_fds, fd)) {
            ioeventfd_notify(as, fv, fd, false);
        }
    }
    for (i = 0; i < new_fds->len; i++) {
        MemoryRegionIoeventfd *fd = &g_array_index(new_fds,
                                                   MemoryRegionIoeventfd, i);
        if (!fd_in(old_fds, fd)) {
            ioeventfd_notify(as, fv, fd, true);
        }
    }
    g_free(as->ioeventfds);
    as->ioeventfd_nb = new_fds->len;
    as->ioeventfds = (MemoryRegionIoeventfd *)g_array_free(new_fds, false);
    g_array_free(old_fds, true);
}

static void address_space_update_topology(AddressSpace *as)
{
    FlatView *old = as->current_map;
    FlatView *new = generate_memory_topology(as->root);

    FOR_EACH_LISTENER(as, l, LISTENER_FORWARD,
        if (l->begin) { l->begin(l); });
    topology_pass(as, old, new, false);
    topology_pass(as, old, new, true);

    g_mutex_lock(&view_lock);
    as->current_map = new;
    g_mutex_unlock(&view_lock);

    address_space_update_ioeventfds(as, new);
    FOR_EACH_LISTENER(as, l, LISTENER_FORWARD,
        if (l->commit) { l->commit(l); });
    flatview_unref(old);
}

void memory_region_transaction_begin(void)
{
    transaction_depth++;
}

void memory_region_transaction_commit(void)
{
    assert(transaction_depth);
    if (--transaction_depth || !pending_update) {
        return;
    }
    pending_update = false;
    if (address_spaces) {
        guint i;
        for (i = 0; i < address_spaces->len; i++) {
            address_space_update_topology(g_ptr_array_index(address_spaces,
                                                            i));
        }
    }
}

void memory_listener_register(MemoryListener *listener, AddressSpace *as)
{
    FlatView *fv;
    unsigned i;

    listener->address_space = as;
    g_ptr_array_add(as->listeners, listener);
    g_ptr_array_sort(as->listeners, listener_cmp);

    /* Replay what is mapped now. */
    fv = address_space_get_flatview(as);
    if (listener->begin) {
        listener->begin(listener);
    }
    for (i = 0; i < fv->ranges->len; i++) {
        MemoryRegionSection s =
            section_from_fr(fv, &g_array_index(fv->ranges, FlatRange, i));
        if (listener->region_add) {
            listener->region_add(listener, &s);
        }
    }
    for (i = 0; i < as->ioeventfd_nb; i++) {
        MemoryRegionIoeventfd *fd = &as->ioeventfds[i];
        const FlatRange *fr = flatview_lookup(fv, fd->addr);
        MemoryRegionSection s = {
            .mr = fr ? fr->mr : NULL, .fv = fv,
            .offset_within_address_space = fd->addr, .size = fd->size,
        };
        if (listener->eventfd_add) {
            listener->eventfd_add(listener, &s, fd->match_data, fd->data,
                                  fd->e);
        }
    }
    if (listener->commit) {
        listener->commit(listener);
    }
    flatview_unref(fv);
}

void memory_listener_unregister(MemoryListener *listener)
{
    AddressSpace *as = listener->address_space;
    FlatView *fv;
    unsigned i;

    if (!as) {
        return;
    }
    fv = address_space_get_flatview(as);
    if (listener->begin) {
        listener->begin(listener);
    }
    for (i = fv->ranges->len; i-- > 0;) {
        MemoryRegionSection s =
            section_from_fr(fv, &g_array_index(fv->ranges, FlatRange, i));
        if (listener->region_del) {
            listener->region_del(listener, &s);
        }
    }
    if (listener->commit) {
        listener->commit(listener);
    }
    flatview_unref(fv);
    g_ptr_array_remove(as->listeners, listener);
    listener->address_space = NULL;
}

void address_space_init(AddressSpace *as, MemoryRegion *root,
                        const char *name)
{
    memset(as, 0, sizeof(*as));
    as->name = g_strdup(name ? name : "anonymous");
    as->root = root;
    as->listeners = g_ptr_array_new();
    if (root) {
        memory_region_ref(root);
    }
    as->current_map = flatview_new(root);
    if (!address_spaces) {
        address_spaces = g_ptr_array_new();
    }
    g_ptr_array_add(address_spaces, as);
    memory_region_transaction_begin();
    pending_update = true;
    memory_region_transaction_commit();
}

void address_space_remove_listeners(AddressSpace *as)
{
    while (as->listeners->len) {
        memory_listener_unregister(g_ptr_array_index(as->listeners, 0));
    }
}

void address_space_destroy(AddressSpace *as)
{
    address_space_remove_listeners(as);
    g_ptr_array_remove(address_spaces, as);
    flatview_unref(as->current_map);
    as->current_map = NULL;
    g_ptr_array_free(as->listeners, true);
    g_free(as->ioeventfds);
    if (as->root) {
        memory_region_unref(as->root);
    }
    g_free(as->name);
}

/* ------------------------------------------------------------------ */
/* I/O dispatch                                                         */

static bool mr_big_endian(MemoryRegion *mr)
{
    return mr->ops && mr->ops->endianness == DEVICE_BIG_ENDIAN;
}

static uint64_t size_mask(unsigned size)
{
    return size >= 8 ? UINT64_MAX : (UINT64_C(1) << (size * 8)) - 1;
}

static void trace_unassigned(MemoryRegion *mr, hwaddr addr, unsigned size,
                             bool is_write, uint64_t val)
{
    if (memory_trace_unassigned) {
        warn_report("unassigned %s %s addr 0x%" PRIx64 " size %u"
                    " value 0x%" PRIx64, mr ? memory_region_name(mr) : "",
                    is_write ? "write" : "read", addr, size, val);
    }
}

/* One call of the device's callback with a size it implements. */
static MemTxResult io_call(MemoryRegion *mr, hwaddr addr, uint64_t *value,
                           unsigned size, bool is_write, MemTxAttrs attrs)
{
    const MemoryRegionOps *ops = mr->ops;

    if (is_write) {
        if (ops->write_with_attrs) {
            return ops->write_with_attrs(mr->opaque, addr, *value, size,
                                         attrs);
        }
        if (ops->write) {
            ops->write(mr->opaque, addr, *value, size);
        }
        return MEMTX_OK;
    }
    if (ops->read_with_attrs) {
        return ops->read_with_attrs(mr->opaque, addr, value, size, attrs);
    }
    if (ops->read) {
        *value = ops->read(mr->opaque, addr, size);
    } else {
        *value = UINT64_MAX;
    }
    return MEMTX_OK;
}

/*
 * Byte lanes of a @size-byte value in device order: bytes [i, i + n)
 * of the access (address order).
 */
static uint64_t lanes_get(uint64_t value, unsigned size, bool big,
                          unsigned i, unsigned n)
{
    unsigned shift = big ? (size - i - n) * 8 : i * 8;

    return (value >> shift) & size_mask(n);
}

static uint64_t lanes_set(uint64_t value, unsigned size, bool big,
                          unsigned i, unsigned n, uint64_t piece)
{
    unsigned shift = big ? (size - i - n) * 8 : i * 8;
    uint64_t mask = size_mask(n) << shift;

    return (value & ~mask) | ((piece & size_mask(n)) << shift);
}

static unsigned pow2floor_u(unsigned v)
{
    unsigned r = 1;

    while (r * 2 <= v) {
        r *= 2;
    }
    return r;
}

/*
 * Perform a @size-byte access using only accesses the callbacks
 * implement (ops->impl): wide accesses are split, narrow or unaligned
 * ones are done with aligned accesses of the minimum size (reads
 * extract the bytes, writes put the data in its lanes).
 */
static MemTxResult access_with_adjusted_size(MemoryRegion *mr, hwaddr addr,
                                             uint64_t *value, unsigned size,
                                             bool is_write, MemTxAttrs attrs)
{
    unsigned min = mr->ops->impl.min_access_size ?: 1;
    unsigned max = mr->ops->impl.max_access_size ?: 4;
    bool unaligned_ok = mr->ops->impl.unaligned;
    bool big = mr_big_endian(mr);
    MemTxResult r = MEMTX_OK;
    unsigned done = 0;
    uint64_t result = 0;

    if (size >= min && size <= max &&
        (unaligned_ok || (addr & (size - 1)) == 0)) {
        r = io_call(mr, addr, value, size, is_write, attrs);
        if (!is_write) {
            *value &= size_mask(size);
        }
        return r;
    }

    while (done < size) {
        hwaddr a = addr + done;
        unsigned rest = size - done;
        unsigned c = pow2floor_u(MIN(rest, max));
        uint64_t v;

        if (!unaligned_ok) {
            while (c > 1 && (a & (c - 1))) {
                c >>= 1;
            }
        }
        if (c >= min) {
            v = is_write ? lanes_get(*value, size, big, done, c) : 0;
            r |= io_call(mr, a, &v, c, is_write, attrs);
            if (!is_write) {
                result = lanes_set(result, size, big, done, c, v);
            }
            done += c;
        } else {
            /* Widen to an aligned access of the minimum size. */
            hwaddr base = a & ~(hwaddr)(min - 1);
            unsigned off = a - base;
            unsigned n = MIN(min - off, rest);

            if (is_write) {
                v = lanes_set(0, min, big, off, n,
                              lanes_get(*value, size, big, done, n));
                r |= io_call(mr, base, &v, min, true, attrs);
            } else {
                v = 0;
                r |= io_call(mr, base, &v, min, false, attrs);
                result = lanes_set(result, size, big, done, n,
                                   lanes_get(v, min, big, off, n));
            }
            done += n;
        }
    }
    if (!is_write) {
        *value = result;
    }
    return r;
}

static bool memory_region_access_valid(MemoryRegion *mr, hwaddr addr,
                                       unsigned size, bool is_write,
                                       MemTxAttrs attrs)
{
    const MemoryRegionOps *ops = mr->ops;

    if (!ops) {
        return false;
    }
    if (ops->valid.accepts &&
        !ops->valid.accepts(mr->opaque, addr, size, is_write, attrs)) {
        return false;
    }
    if (!ops->valid.unaligned && (addr & (size - 1))) {
        return false;
    }
    /* No valid.max_access_size: every size is accepted (as QEMU). */
    if (!ops->valid.max_access_size) {
        return true;
    }
    if (size > ops->valid.max_access_size ||
        size < (ops->valid.min_access_size ?: 1)) {
        return false;
    }
    return true;
}

/* @value in device byte order. */
static MemTxResult io_dispatch(MemoryRegion *mr, hwaddr addr,
                               uint64_t *value, unsigned size,
                               bool is_write, MemTxAttrs attrs)
{
    if (!memory_region_access_valid(mr, addr, size, is_write, attrs)) {
        trace_unassigned(mr, addr, size, is_write, is_write ? *value : 0);
        if (!is_write) {
            *value = size_mask(size);
        }
        return MEMTX_DECODE_ERROR;
    }
    return access_with_adjusted_size(mr, addr, value, size, is_write, attrs);
}

static uint64_t bswap_n(uint64_t v, unsigned size)
{
    switch (size) {
    case 1:
        return v;
    case 2:
        return GUINT16_SWAP_LE_BE((uint16_t)v);
    case 4:
        return GUINT32_SWAP_LE_BE((uint32_t)v);
    default:
        return GUINT64_SWAP_LE_BE(v);
    }
}

MemTxResult memory_region_dispatch_read(MemoryRegion *mr, hwaddr addr,
                                        uint64_t *pval, MemOp op,
                                        MemTxAttrs attrs)
{
    unsigned size = memop_size(op);
    MemTxResult r;
    bool swap;

    while (mr->alias) {
        addr += mr->alias_offset;
        mr = mr->alias;
    }
    if (mr->ram && !(mr->rom_device && !mr->romd_mode)) {
        uint64_t v = 0;
        memcpy(&v, (uint8_t *)mr->ram_block->host + addr, size);
        *pval = GUINT64_FROM_LE(v) & size_mask(size);
        if (op & MO_BSWAP) {
            *pval = bswap_n(*pval, size);
        }
        return MEMTX_OK;
    }
    r = io_dispatch(mr, addr, pval, size, false, attrs);
    swap = mr_big_endian(mr) != !!(op & MO_BSWAP);
    if (swap) {
        *pval = bswap_n(*pval, size);
    }
    return r;
}

MemTxResult memory_region_dispatch_write(MemoryRegion *mr, hwaddr addr,
                                         uint64_t data, MemOp op,
                                         MemTxAttrs attrs)
{
    unsigned size = memop_size(op);

    while (mr->alias) {
        addr += mr->alias_offset;
        mr = mr->alias;
    }
    if (mr->ram && !mr->rom_device) {
        if (!mr->readonly) {
            uint64_t v = GUINT64_TO_LE(op & MO_BSWAP ? bswap_n(data, size)
                                                     : data);
            memcpy((uint8_t *)mr->ram_block->host + addr, &v, size);
        }
        return MEMTX_OK;
    }
    if (mr_big_endian(mr) != !!(op & MO_BSWAP)) {
        data = bswap_n(data, size);
    }
    return io_dispatch(mr, addr, &data, size, true, attrs);
}

/* ------------------------------------------------------------------ */
/* Address space accesses                                               */

static uint64_t ldn_dev(const uint8_t *buf, unsigned n, bool big)
{
    uint64_t v = 0;
    unsigned i;

    for (i = 0; i < n; i++) {
        v |= (uint64_t)buf[i] << (big ? (n - 1 - i) * 8 : i * 8);
    }
    return v;
}

static void stn_dev(uint8_t *buf, unsigned n, bool big, uint64_t v)
{
    unsigned i;

    for (i = 0; i < n; i++) {
        buf[i] = v >> (big ? (n - 1 - i) * 8 : i * 8);
    }
}

/* Size of the next access to an I/O region (as QEMU's). */
static unsigned memory_access_size(MemoryRegion *mr, uint64_t l, hwaddr addr)
{
    unsigned max = mr->ops && mr->ops->valid.max_access_size ?
                   mr->ops->valid.max_access_size : 4;

    if (!mr->ops || !mr->ops->impl.unaligned) {
        hwaddr align = addr & -addr;
        if (align != 0 && align < max) {
            max = align;
        }
    }
    if (l > max) {
        l = max;
    }
    return pow2floor_u(l);
}

static bool fr_is_ram_read(const FlatRange *fr)
{
    return fr->mr->ram && !(fr->mr->rom_device && !fr->romd_mode);
}

static MemTxResult flatview_rw(FlatView *fv, hwaddr addr, MemTxAttrs attrs,
                               uint8_t *buf, hwaddr len, bool is_write,
                               bool write_rom)
{
    MemTxResult result = MEMTX_OK;

    while (len > 0) {
        const FlatRange *fr = flatview_lookup(fv, addr);
        uint64_t l;

        if (!fr) {
            Addr next = flatview_next_start(fv, addr);
            l = (uint64_t)MIN((Addr)len, next - (Addr)addr);
            trace_unassigned(NULL, addr, l, is_write, 0);
            if (!is_write) {
                memset(buf, 0xff, l);
            }
            result |= MEMTX_DECODE_ERROR;
        } else {
            MemoryRegion *mr = fr->mr;
            hwaddr off = addr - fr->start + fr->offset_in_region;
            Addr avail = fr_end(fr) - (Addr)addr;

            l = (uint64_t)MIN((Addr)len, avail);
            bool ram_access = false;

            if (mr->ram && is_write) {
                ram_access = write_rom || (!fr->readonly && !mr->rom_device);
            } else if (mr->ram) {
                ram_access = fr_is_ram_read(fr);
            }
            if (ram_access) {
                uint8_t *host = (uint8_t *)mr->ram_block->host + off;
                if (is_write) {
                    memcpy(host, buf, l);
                } else {
                    memcpy(buf, host, l);
                }
            } else if (mr->ram && is_write && !mr->rom_device) {
                /* Guest write to ROM: ignored. */
            } else if (mr->ops) {
                unsigned n = memory_access_size(mr, l, off);
                bool big = mr_big_endian(mr);
                uint64_t v;

                l = n;
                if (is_write) {
                    v = ldn_dev(buf, n, big);
                    result |= io_dispatch(mr, off, &v, n, true, attrs);
                } else {
                    v = 0;
                    result |= io_dispatch(mr, off, &v, n, false, attrs);
                    stn_dev(buf, n, big, v);
                }
            } else {
                if (!is_write) {
                    memset(buf, 0xff, l);
                }
                result |= MEMTX_DECODE_ERROR;
            }
        }
        buf += l;
        addr += l;
        len -= l;
    }
    return result;
}

MemTxResult address_space_rw(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                             void *buf, hwaddr len, bool is_write)
{
    FlatView *fv = address_space_get_flatview(as);
    MemTxResult r = flatview_rw(fv, addr, attrs, buf, len, is_write, false);

    flatview_unref(fv);
    return r;
}

MemTxResult address_space_write(AddressSpace *as, hwaddr addr,
                                MemTxAttrs attrs, const void *buf, hwaddr len)
{
    return address_space_rw(as, addr, attrs, (void *)buf, len, true);
}

MemTxResult address_space_read_full(AddressSpace *as, hwaddr addr,
                                    MemTxAttrs attrs, void *buf, hwaddr len)
{
    return address_space_rw(as, addr, attrs, buf, len, false);
}

MemTxResult address_space_write_rom(AddressSpace *as, hwaddr addr,
                                    MemTxAttrs attrs,
                                    const void *buf, hwaddr len)
{
    FlatView *fv = address_space_get_flatview(as);
    MemTxResult r = MEMTX_OK;
    const uint8_t *p = buf;

    /* Only RAM/ROM is written: devices are not poked by loaders. */
    while (len > 0) {
        const FlatRange *fr = flatview_lookup(fv, addr);
        uint64_t l;

        if (fr && fr->mr->ram) {
            hwaddr off = addr - fr->start + fr->offset_in_region;
            l = (uint64_t)MIN((Addr)len, fr_end(fr) - (Addr)addr);
            memcpy((uint8_t *)fr->mr->ram_block->host + off, p, l);
        } else if (fr) {
            l = (uint64_t)MIN((Addr)len, fr_end(fr) - (Addr)addr);
            r |= MEMTX_DECODE_ERROR;
        } else {
            l = (uint64_t)MIN((Addr)len,
                              flatview_next_start(fv, addr) - (Addr)addr);
            r |= MEMTX_DECODE_ERROR;
        }
        p += l;
        addr += l;
        len -= l;
    }
    flatview_unref(fv);
    return r;
}

MemTxResult address_space_set(AddressSpace *as, hwaddr addr,
                              uint8_t c, hwaddr len, MemTxAttrs attrs)
{
    uint8_t chunk[512];
    MemTxResult r = MEMTX_OK;

    memset(chunk, c, sizeof(chunk));
    while (len > 0) {
        hwaddr l = MIN(len, sizeof(chunk));
        r |= address_space_write(as, addr, attrs, chunk, l);
        addr += l;
        len -= l;
    }
    return r;
}

bool address_space_access_valid(AddressSpace *as, hwaddr addr, hwaddr len,
                                bool is_write, MemTxAttrs attrs)
{
    FlatView *fv = address_space_get_flatview(as);
    bool ok = true;

    while (len > 0) {
        const FlatRange *fr = flatview_lookup(fv, addr);
        uint64_t l;

        if (!fr) {
            ok = false;
            break;
        }
        l = (uint64_t)MIN((Addr)len, fr_end(fr) - (Addr)addr);
        if (!fr->mr->ram) {
            hwaddr off = addr - fr->start + fr->offset_in_region;
            unsigned n = memory_access_size(fr->mr, l, off);
            if (!memory_region_access_valid(fr->mr, off, n, is_write,
                                            attrs)) {
                ok = false;
                break;
            }
        }
        addr += l;
        len -= l;
    }
    flatview_unref(fv);
    return ok;
}

/* The "unassigned" region returned by address_space_translate. */
static MemoryRegion io_mem_unassigned;

static const MemoryRegionOps unassigned_mem_ops = {
    .valid.accepts = NULL,
    .endianness = DEVICE_NATIVE_ENDIAN,
};

MemoryRegion *address_space_translate(AddressSpace *as, hwaddr addr,
                                      hwaddr *xlat, hwaddr *plen,
                                      bool is_write, MemTxAttrs attrs)
{
    FlatView *fv = address_space_get_flatview(as);
    const FlatRange *fr = flatview_lookup(fv, addr);
    MemoryRegion *mr;

    if (fr) {
        Addr avail = fr_end(fr) - (Addr)addr;
        *xlat = addr - fr->start + fr->offset_in_region;
        if ((Addr)*plen > avail) {
            *plen = (hwaddr)avail;
        }
        mr = fr->mr;
    } else {
        if (!io_mem_unassigned.name) {
            memory_region_init_io(&io_mem_unassigned, NULL,
                                  &unassigned_mem_ops, NULL, "unassigned",
                                  UINT64_MAX);
        }
        *xlat = addr;
        mr = &io_mem_unassigned;
    }
    flatview_unref(fv);
    return mr;
}

void *address_space_map(AddressSpace *as, hwaddr addr, hwaddr *plen,
                        bool is_write, MemTxAttrs attrs)
{
    FlatView *fv = address_space_get_flatview(as);
    hwaddr want = *plen;
    uint8_t *host = NULL;
    hwaddr done = 0;

    /* Merge physically contiguous RAM ranges; stop at anything else. */
    while (done < want) {
        const FlatRange *fr = flatview_lookup(fv, addr + done);
        uint8_t *p;
        uint64_t l;

        if (!fr || !fr->mr->ram || (is_write && fr->readonly) ||
            (!is_write && !fr_is_ram_read(fr)) ||
            (is_write && fr->mr->rom_device)) {
            break;
        }
        p = (uint8_t *)fr->mr->ram_block->host +
            (addr + done - fr->start + fr->offset_in_region);
        if (host && p != host + done) {
            break;
        }
        if (!host) {
            host = p;
        }
        l = (uint64_t)MIN((Addr)(want - done), fr_end(fr) -
                                               (Addr)(addr + done));
        done += l;
    }
    flatview_unref(fv);
    *plen = done;
    return done ? host : NULL;
}

void address_space_unmap(AddressSpace *as, void *buffer, hwaddr len,
                         bool is_write, hwaddr access_len)
{
    /* Mappings point straight at guest RAM: nothing to copy back. */
}

/* ------------------------------------------------------------------ */
/* memory_region_find / present                                         */

static AddressSpace *as_for_root(MemoryRegion *root)
{
    guint i;

    for (i = 0; address_spaces && i < address_spaces->len; i++) {
        AddressSpace *as = g_ptr_array_index(address_spaces, i);
        if (as->root == root) {
            return as;
        }
    }
    return NULL;
}

MemoryRegionSection memory_region_find(MemoryRegion *mr, hwaddr addr,
                                       uint64_t size)
{
    MemoryRegionSection ret = { .mr = NULL };
    MemoryRegion *root = mr;
    FlatView *fv;
    const FlatRange *fr;
    AddressSpace *as;
    bool own_view = false;

    /* Address relative to the root of @mr's tree. */
    while (root->container) {
        addr += root->addr;
        root = root->container;
    }
    as = as_for_root(root);
    if (as) {
        fv = address_space_get_flatview(as);
    } else {
        fv = generate_memory_topology(root);
        own_view = true;
    }
    fr = flatview_lookup(fv, addr);
    if (!fr && size) {
        Addr next = flatview_next_start(fv, addr);
        if (next < (Addr)addr + size) {
            fr = flatview_lookup(fv, (hwaddr)next);
        }
    }
    if (fr) {
        Addr s = MAX((Addr)addr, (Addr)fr->start);
        Addr e = MIN((Addr)addr + (size ? size : 1), fr_end(fr));
        ret.mr = fr->mr;
        ret.fv = NULL;
        ret.offset_within_region = fr->offset_in_region +
                                   (hwaddr)(s - fr->start);
        ret.offset_within_address_space = (hwaddr)s;
        ret.size = size ? (uint64_t)(e - s) : 0;
        ret.readonly = fr->readonly;
        ret.nonvolatile = fr->nonvolatile;
        memory_region_ref(ret.mr);
    }
    if (own_view) {
        flatview_unref(fv);
    } else {
        flatview_unref(fv);
    }
    return ret;
}

bool memory_region_present(MemoryRegion *container, hwaddr addr)
{
    MemoryRegionSection s = memory_region_find(container, addr, 1);

    if (!s.mr) {
        return false;
    }
    memory_region_unref(s.mr);
    return s.mr != container;
}

/* ------------------------------------------------------------------ */
/* info mtree                                                           */

static const char *memory_region_type(MemoryRegion *mr)
{
    if (mr->alias) {
        return memory_region_type(mr->alias);
    }
    if (mr->ram_device) {
        return "ramd";
    } else if (memory_region_is_romd(mr)) {
        return "romd";
    } else if (memory_region_is_rom(mr)) {
        return "rom";
    } else if (mr->ram) {
        return "ram";
    }
    return "i/o";
}

static uint64_t mr_last(MemoryRegion *mr)
{
    return mr->size == 0 ? 0 : mr->size == UINT64_MAX ? UINT64_MAX
                                                      : mr->size - 1;
}

static void mtree_print_mr(GString *out, MemoryRegion *mr, unsigned level,
                           hwaddr base, GPtrArray *aliased, bool owner,
                           bool disabled)
{
    hwaddr cur_start = base + mr->addr;
    hwaddr cur_end = cur_start + mr_last(mr);
    MemoryRegion *sub;
    unsigned i;

    if (!mr->enabled && !disabled) {
        return;
    }
    for (i = 0; i < level; i++) {
        g_string_append(out, "  ");
    }
    if (mr->alias) {
        if (!g_ptr_array_find(aliased, mr->alias, NULL)) {
            g_ptr_array_add(aliased, mr->alias);
        }
        g_string_append_printf(out, TARGET_FMT_plx "-" TARGET_FMT_plx
                               " (prio %d, %s%s): alias %s @%s "
                               TARGET_FMT_plx "-" TARGET_FMT_plx "%s",
                               cur_start, cur_end, mr->priority,
                               mr->nonvolatile ? "nv-" : "",
                               memory_region_type(mr),
                               memory_region_name(mr),
                               memory_region_name(mr->alias),
                               mr->alias_offset,
                               mr->alias_offset + mr_last(mr),
                               mr->enabled ? "" : " [disabled]");
    } else {
        g_string_append_printf(out, TARGET_FMT_plx "-" TARGET_FMT_plx
                               " (prio %d, %s%s): %s%s",
                               cur_start, cur_end, mr->priority,
                               mr->nonvolatile ? "nv-" : "",
                               memory_region_type(mr),
                               memory_region_name(mr),
                               mr->enabled ? "" : " [disabled]");
    }
    if (owner && mr->owner) {
        g_string_append_printf(out, " owner:{obj type=%s}",
                               object_get_typename(mr->owner));
    }
    g_string_append_c(out, '\n');

    /* QEMU lists subregions by address, then priority. */
    {
        GPtrArray *subs = g_ptr_array_new();
        unsigned j;

        for (sub = mr->subregions; sub; sub = sub->subregions_next) {
            for (j = 0; j < subs->len; j++) {
                MemoryRegion *o = g_ptr_array_index(subs, j);
                if (sub->addr < o->addr ||
                    (sub->addr == o->addr && sub->priority > o->priority)) {
                    break;
                }
            }
            g_ptr_array_insert(subs, j, sub);
        }
        for (j = 0; j < subs->len; j++) {
            mtree_print_mr(out, g_ptr_array_index(subs, j), level + 1,
                           cur_start, aliased, owner, disabled);
        }
        g_ptr_array_free(subs, true);
    }
}

static void mtree_print_flatview(GString *out, AddressSpace *as)
{
    FlatView *fv = address_space_get_flatview(as);
    unsigned i;

    g_string_append_printf(out, "FlatView #%u\n",
                           g_ptr_array_find(address_spaces, as, &i) ? i : 0);
    g_string_append_printf(out, " AS \"%s\", root: %s\n", as->name,
                           as->root ? memory_region_name(as->root) : "");
    g_string_append_printf(out, " Root memory region: %s\n",
                           as->root ? memory_region_name(as->root) : "");
    if (!fv->ranges->len) {
        g_string_append(out, "  No rendered FlatView\n\n");
        flatview_unref(fv);
        return;
    }
    for (i = 0; i < fv->ranges->len; i++) {
        const FlatRange *fr = &g_array_index(fv->ranges, FlatRange, i);
        hwaddr last = fr->size ? fr->start + fr->size - 1 : UINT64_MAX;

        g_string_append_printf(out, "  " TARGET_FMT_plx "-" TARGET_FMT_plx
                               " (prio %d, %s%s): %s",
                               fr->start, last, fr->mr->priority,
                               fr->nonvolatile ? "nv-" : "",
                               fr->readonly && fr->mr->ram &&
                               !fr->mr->rom_device ? "rom"
                               : memory_region_type(fr->mr),
                               memory_region_name(fr->mr));
        if (fr->offset_in_region) {
            g_string_append_printf(out, " @" TARGET_FMT_plx,
                                   fr->offset_in_region);
        }
        if (fr->mr->ram) {
            g_string_append(out, " KVM");
        }
        g_string_append_c(out, '\n');
    }
    g_string_append_c(out, '\n');
    flatview_unref(fv);
}

char *mtree_info_str(bool flatview, bool owner, bool disabled)
{
    GString *out = g_string_new(NULL);
    GPtrArray *aliased = g_ptr_array_new();
    guint i, j;

    for (i = 0; address_spaces && i < address_spaces->len; i++) {
        AddressSpace *as = g_ptr_array_index(address_spaces, i);
        bool seen = false;

        if (flatview) {
            mtree_print_flatview(out, as);
            continue;
        }
        /* Address spaces sharing a root are printed together. */
        for (j = 0; j < i; j++) {
            AddressSpace *o = g_ptr_array_index(address_spaces, j);
            if (o->root == as->root) {
                seen = true;
            }
        }
        if (seen) {
            continue;
        }
        for (j = i; j < address_spaces->len; j++) {
            AddressSpace *o = g_ptr_array_index(address_spaces, j);
            if (o->root == as->root) {
                g_string_append_printf(out, "address-space: %s\n", o->name);
            }
        }
        if (as->root) {
            mtree_print_mr(out, as->root, 1, 0, aliased, owner, disabled);
        }
        g_string_append_c(out, '\n');
    }
    /* Alias targets that are not mapped anywhere themselves. */
    for (i = 0; !flatview && i < aliased->len; i++) {
        MemoryRegion *mr = g_ptr_array_index(aliased, i);
        if (mr->container) {
            continue;
        }
        g_string_append_printf(out, "memory-region: %s\n",
                               memory_region_name(mr));
        mtree_print_mr(out, mr, 1, 0, aliased, owner, disabled);
        g_string_append_c(out, '\n');
    }
    g_ptr_array_free(aliased, true);
    return g_string_free(out, false);
}

void mtree_info(bool flatview, bool dispatch_tree, bool owner, bool disabled)
{
    g_autofree char *s = mtree_info_str(flatview, owner, disabled);

    fputs(s, stdout);
}
