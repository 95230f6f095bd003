/*
 * Memory API: a tree of MemoryRegions (RAM, ROM, I/O callbacks, aliases,
 * containers) rendered into AddressSpaces.  Each address space keeps a
 * FlatView (a sorted list of non-overlapping ranges) that is rebuilt when
 * the tree changes; MemoryListeners (the KVM memslot code) are told what
 * changed.  Accesses from vCPU exits and from devices (DMA) are dispatched
 * through the flat view.
 *
 * Threading: the tree is changed only with the BQL held.  Lookups take a
 * reference on the current FlatView, so dispatch is safe while a new view
 * is being built.
 *
 * Sizes: a MemoryRegion size of UINT64_MAX means "the full 2^64 range"
 * (as memory_region_init(mr, NULL, "system", UINT64_MAX) in QEMU).
 * Unlike QEMU, MemoryRegionSection.size is a plain uint64_t.
 */
#ifndef EXEC_MEMORY_H
#define EXEC_MEMORY_H

#include "exec/hwaddr.h"
#include "exec/memattrs.h"
#include "exec/memop.h"
#include "qom/object.h"

#define TYPE_MEMORY_REGION "memory-region"
#define MEMORY_REGION(obj) \
    OBJECT_CHECK(MemoryRegion, (obj), TYPE_MEMORY_REGION)

typedef struct MemoryRegion MemoryRegion;
typedef struct MemoryRegionOps MemoryRegionOps;
typedef struct MemoryRegionSection MemoryRegionSection;
typedef struct MemoryListener MemoryListener;
typedef struct AddressSpace AddressSpace;
typedef struct FlatView FlatView;
typedef struct RAMBlock RAMBlock;
typedef struct MemoryRegionIoeventfd MemoryRegionIoeventfd;
#ifndef QEMU_EVENT_NOTIFIER_TYPEDEF
#define QEMU_EVENT_NOTIFIER_TYPEDEF
typedef struct EventNotifier EventNotifier;
#endif

/* RAM flags (memory_region_init_ram_flags_nomigrate, hostmem backends). */
#define RAM_PREALLOC   (1 << 0)
#define RAM_SHARED     (1 << 1)
#define RAM_RESIZEABLE (1 << 2)
#define RAM_NORESERVE  (1 << 7)

enum device_endian {
    DEVICE_NATIVE_ENDIAN,
    DEVICE_BIG_ENDIAN,
    DEVICE_LITTLE_ENDIAN,
};

/*
 * Callbacks of an I/O region.  "valid" says which accesses the device
 * accepts (others fail with MEMTX_DECODE_ERROR and read as all-ones);
 * "impl" says what the callbacks implement: the core splits or widens
 * accesses to fit.  Zero sizes mean 1 (min) and 4 (max).
 */
struct MemoryRegionOps {
    uint64_t (*read)(void *opaque, hwaddr addr, unsigned size);
    void (*write)(void *opaque, hwaddr addr, uint64_t data, unsigned size);
    MemTxResult (*read_with_attrs)(void *opaque, hwaddr addr, uint64_t *data,
                                   unsigned size, MemTxAttrs attrs);
    MemTxResult (*write_with_attrs)(void *opaque, hwaddr addr, uint64_t data,
                                    unsigned size, MemTxAttrs attrs);
    enum device_endian endianness;
    struct {
        unsigned min_access_size;
        unsigned max_access_size;
        bool unaligned;
        bool (*accepts)(void *opaque, hwaddr addr, unsigned size,
                        bool is_write, MemTxAttrs attrs);
    } valid;
    struct {
        unsigned min_access_size;
        unsigned max_access_size;
        bool unaligned;
    } impl;
};

struct MemoryRegion {
    Object parent_obj;

    /* private: use the accessors below */
    bool romd_mode;
    bool ram;
    bool readonly;          /* ROM: guest writes are dropped/trapped */
    bool nonvolatile;
    bool rom_device;
    bool ram_device;
    bool enabled;
    bool terminates;
    bool flush_coalesced_mmio;
    bool is_iommu;
    bool dirty_log;
    RAMBlock *ram_block;
    Object *owner;
    const MemoryRegionOps *ops;
    void *opaque;
    MemoryRegion *container;
    uint64_t size;          /* UINT64_MAX: 2^64 */
    hwaddr addr;
    void (*destructor)(MemoryRegion *mr);
    uint64_t align;
    MemoryRegion *alias;
    hwaddr alias_offset;
    int32_t priority;
    bool may_overlap;
    /* subregions, highest priority first (later-added first on ties) */
    MemoryRegion *subregions;
    MemoryRegion *subregions_next;
    char *name;
    unsigned ioeventfd_nb;
    MemoryRegionIoeventfd *ioeventfds;
};

/* A piece of a MemoryRegion as mapped into an AddressSpace. */
struct MemoryRegionSection {
    uint64_t size;
    MemoryRegion *mr;
    FlatView *fv;
    hwaddr offset_within_region;
    hwaddr offset_within_address_space;
    bool readonly;
    bool nonvolatile;
};

/*
 * Observer of an AddressSpace.  On every change: begin, then region_del
 * for sections that went away, region_add for new ones, region_nop for
 * unchanged ones, eventfd_del/eventfd_add, then commit.  Registering a
 * listener replays region_add for everything currently mapped.
 */
struct MemoryListener {
    void (*begin)(MemoryListener *listener);
    void (*commit)(MemoryListener *listener);
    void (*region_add)(MemoryListener *listener, MemoryRegionSection *section);
    void (*region_del)(MemoryListener *listener, MemoryRegionSection *section);
    void (*region_nop)(MemoryListener *listener, MemoryRegionSection *section);
    void (*log_start)(MemoryListener *listener, MemoryRegionSection *section,
                      int old, int new);
    void (*log_stop)(MemoryListener *listener, MemoryRegionSection *section,
                     int old, int new);
    void (*log_sync)(MemoryListener *listener, MemoryRegionSection *section);
    void (*eventfd_add)(MemoryListener *listener, MemoryRegionSection *section,
                        bool match_data, uint64_t data, EventNotifier *e);
    void (*eventfd_del)(MemoryListener *listener, MemoryRegionSection *section,
                        bool match_data, uint64_t data, EventNotifier *e);
    void (*coalesced_io_add)(MemoryListener *listener,
                             MemoryRegionSection *section,
                             hwaddr addr, hwaddr len);
    void (*coalesced_io_del)(MemoryListener *listener,
                             MemoryRegionSection *section,
                             hwaddr addr, hwaddr len);
    /* lower priority: called first on add, last on delete */
    unsigned priority;
    const char *name;

    /* private */
    AddressSpace *address_space;
};

struct AddressSpace {
    /* private */
    char *name;
    MemoryRegion *root;
    FlatView *current_map;
    unsigned ioeventfd_nb;
    MemoryRegionIoeventfd *ioeventfds;
    GPtrArray *listeners;   /* MemoryListener *, sorted by priority */
};

/* --- regions ------------------------------------------------------- */

/* A container (no contents of its own) of @size bytes. */
void memory_region_init(MemoryRegion *mr, Object *owner,
                        const char *name, uint64_t size);
void memory_region_ref(MemoryRegion *mr);
void memory_region_unref(MemoryRegion *mr);

/* An I/O region whose accesses call @ops with @opaque. */
void memory_region_init_io(MemoryRegion *mr, Object *owner,
                           const MemoryRegionOps *ops, void *opaque,
                           const char *name, uint64_t size);

/* RAM backed by anonymous host memory (mmap, MAP_NORESERVE). */
void memory_region_init_ram_nomigrate(MemoryRegion *mr, Object *owner,
                                      const char *name, uint64_t size,
                                      Error **errp);
void memory_region_init_ram_flags_nomigrate(MemoryRegion *mr, Object *owner,
                                            const char *name, uint64_t size,
                                            uint32_t ram_flags, Error **errp);
void memory_region_init_ram(MemoryRegion *mr, Object *owner,
                            const char *name, uint64_t size, Error **errp);
/* RAM backed by a file descriptor (memfd, hugetlbfs ...). */
void memory_region_init_ram_from_fd(MemoryRegion *mr, Object *owner,
                                    const char *name, uint64_t size,
                                    uint32_t ram_flags, int fd,
                                    off_t offset, Error **errp);
/* RAM backed by caller-provided host memory (not freed by us). */
void memory_region_init_ram_ptr(MemoryRegion *mr, Object *owner,
                                const char *name, uint64_t size, void *ptr);
void memory_region_init_ram_device_ptr(MemoryRegion *mr, Object *owner,
                                       const char *name, uint64_t size,
                                       void *ptr);
/* Read-only RAM: guest writes are ignored (a read-only KVM slot). */
void memory_region_init_rom_nomigrate(MemoryRegion *mr, Object *owner,
                                      const char *name, uint64_t size,
                                      Error **errp);
void memory_region_init_rom(MemoryRegion *mr, Object *owner,
                            const char *name, uint64_t size, Error **errp);
/*
 * ROM device: reads come from RAM while in romd mode (the default),
 * writes (and reads when romd mode is off) go to @ops.  Flash devices.
 */
void memory_region_init_rom_device_nomigrate(MemoryRegion *mr, Object *owner,
                                             const MemoryRegionOps *ops,
                                             void *opaque, const char *name,
                                             uint64_t size, Error **errp);
void memory_region_init_rom_device(MemoryRegion *mr, Object *owner,
                                   const MemoryRegionOps *ops, void *opaque,
                                   const char *name, uint64_t size,
                                   Error **errp);
/* A window of @size bytes onto @orig starting at @offset. */
void memory_region_init_alias(MemoryRegion *mr, Object *owner,
                              const char *name, MemoryRegion *orig,
                              hwaddr offset, uint64_t size);

Object *memory_region_owner(MemoryRegion *mr);
uint64_t memory_region_size(MemoryRegion *mr);
const char *memory_region_name(const MemoryRegion *mr);
bool memory_region_is_ram(MemoryRegion *mr);
bool memory_region_is_ram_device(MemoryRegion *mr);
bool memory_region_is_romd(MemoryRegion *mr);
bool memory_region_is_rom(MemoryRegion *mr);
bool memory_region_is_nonvolatile(MemoryRegion *mr);
bool memory_region_is_iommu(MemoryRegion *mr);
bool memory_region_is_logging(MemoryRegion *mr, uint8_t client);
/* Host pointer to the start of a RAM/ROM region (follows aliases). */
void *memory_region_get_ram_ptr(MemoryRegion *mr);
ram_addr_t memory_region_get_ram_addr(MemoryRegion *mr);
int memory_region_get_fd(MemoryRegion *mr);
void memory_region_set_log(MemoryRegion *mr, bool log, unsigned client);
void memory_region_set_dirty(MemoryRegion *mr, hwaddr addr, hwaddr size);
void memory_region_set_readonly(MemoryRegion *mr, bool readonly);
void memory_region_set_nonvolatile(MemoryRegion *mr, bool nonvolatile);
void memory_region_rom_device_set_romd(MemoryRegion *mr, bool romd_mode);
/* Coalesced MMIO is an optimisation; these are accepted and ignored. */
void memory_region_set_coalescing(MemoryRegion *mr);
void memory_region_add_coalescing(MemoryRegion *mr, hwaddr offset,
                                  uint64_t size);
void memory_region_clear_coalescing(MemoryRegion *mr);
void memory_region_set_flush_coalesced(MemoryRegion *mr);
void memory_region_clear_flush_coalesced(MemoryRegion *mr);

/*
 * Ask the accelerator to signal @e instead of exiting for writes of
 * @size bytes at @addr (with value @data if @match_data).  A region
 * in I/O space becomes a KVM PIO ioeventfd, in memory an MMIO one.
 */
void memory_region_add_eventfd(MemoryRegion *mr, hwaddr addr, unsigned size,
                               bool match_data, uint64_t data,
                               EventNotifier *e);
void memory_region_del_eventfd(MemoryRegion *mr, hwaddr addr, unsigned size,
                               bool match_data, uint64_t data,
                               EventNotifier *e);

/* Map @subregion at @offset in container @mr (priority 0, no overlap). */
void memory_region_add_subregion(MemoryRegion *mr, hwaddr offset,
                                 MemoryRegion *subregion);
/* Same, may overlap siblings; higher @priority wins. */
void memory_region_add_subregion_overlap(MemoryRegion *mr, hwaddr offset,
                                         MemoryRegion *subregion,
                                         int priority);
void memory_region_del_subregion(MemoryRegion *mr, MemoryRegion *subregion);
void memory_region_set_enabled(MemoryRegion *mr, bool enabled);
void memory_region_set_address(MemoryRegion *mr, hwaddr addr);
void memory_region_set_size(MemoryRegion *mr, uint64_t size);
void memory_region_set_alias_offset(MemoryRegion *mr, hwaddr offset);
bool memory_region_present(MemoryRegion *container, hwaddr addr);
bool memory_region_is_mapped(MemoryRegion *mr);

/*
 * Find what is mapped at [@addr, @addr + @size) of container @mr (or
 * of its address space); .mr is NULL if nothing is.  The result holds
 * a reference on .mr: drop it with memory_region_unref().
 */
MemoryRegionSection memory_region_find(MemoryRegion *mr, hwaddr addr,
                                       uint64_t size);

/* Direct access to an I/O region's callbacks (with splitting). */
MemTxResult memory_region_dispatch_read(MemoryRegion *mr, hwaddr addr,
                                        uint64_t *pval, MemOp op,
                                        MemTxAttrs attrs);
MemTxResult memory_region_dispatch_write(MemoryRegion *mr, hwaddr addr,
                                         uint64_t data, MemOp op,
                                         MemTxAttrs attrs);

/* Batch changes: views are rebuilt once, at the outermost commit. */
void memory_region_transaction_begin(void);
void memory_region_transaction_commit(void);

void memory_listener_register(MemoryListener *listener, AddressSpace *as);
void memory_listener_unregister(MemoryListener *listener);

/*
 * "info mtree": print the region tree of every address space (or the
 * flattened views if @flatview).  mtree_info_str returns the same text.
 */
void mtree_info(bool flatview, bool dispatch_tree, bool owner, bool disabled);
char *mtree_info_str(bool flatview, bool owner, bool disabled);

/* --- address spaces ------------------------------------------------ */

void address_space_init(AddressSpace *as, MemoryRegion *root,
                        const char *name);
void address_space_destroy(AddressSpace *as);
void address_space_remove_listeners(AddressSpace *as);

/*
 * Copy between @buf and guest addresses: RAM is memcpy'd, I/O regions
 * are dispatched, unassigned reads give all-ones and writes are
 * dropped (result MEMTX_DECODE_ERROR).  Writes to ROM are dropped.
 */
MemTxResult address_space_rw(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                             void *buf, hwaddr len, bool is_write);
MemTxResult address_space_write(AddressSpace *as, hwaddr addr,
                                MemTxAttrs attrs, const void *buf, hwaddr len);
MemTxResult address_space_read_full(AddressSpace *as, hwaddr addr,
                                    MemTxAttrs attrs, void *buf, hwaddr len);
static inline MemTxResult address_space_read(AddressSpace *as, hwaddr addr,
                                             MemTxAttrs attrs, void *buf,
                                             hwaddr len)
{
    return address_space_read_full(as, addr, attrs, buf, len);
}
/* Like address_space_write, but also stores into ROM (firmware loading). */
MemTxResult address_space_write_rom(AddressSpace *as, hwaddr addr,
                                    MemTxAttrs attrs,
                                    const void *buf, hwaddr len);
/* Fill with a byte value. */
MemTxResult address_space_set(AddressSpace *as, hwaddr addr,
                              uint8_t c, hwaddr len, MemTxAttrs attrs);
/* True if the whole range is backed by something (RAM or device). */
bool address_space_access_valid(AddressSpace *as, hwaddr addr, hwaddr len,
                                bool is_write, MemTxAttrs attrs);
/*
 * The region at @addr and the offset in it; *@plen is clipped to the
 * end of that region.  Never NULL (the unassigned region if nothing).
 */
MemoryRegion *address_space_translate(AddressSpace *as, hwaddr addr,
                                      hwaddr *xlat, hwaddr *plen,
                                      bool is_write, MemTxAttrs attrs);

/*
 * DMA: a host pointer to guest RAM at @addr; *@plen is reduced to the
 * contiguous RAM available.  Returns NULL (and *plen = 0) if @addr is
 * not RAM (or a write to ROM): never memory outside guest RAM.
 */
void *address_space_map(AddressSpace *as, hwaddr addr, hwaddr *plen,
                        bool is_write, MemTxAttrs attrs);
void address_space_unmap(AddressSpace *as, void *buffer, hwaddr len,
                         bool is_write, hwaddr access_len);

/* Single loads/stores.  @result may be NULL. */
uint8_t address_space_ldub(AddressSpace *as, hwaddr addr,
                           MemTxAttrs attrs, MemTxResult *result);
void address_space_stb(AddressSpace *as, hwaddr addr, uint8_t val,
                       MemTxAttrs attrs, MemTxResult *result);
uint16_t address_space_lduw_le(AddressSpace *as, hwaddr addr,
                               MemTxAttrs attrs, MemTxResult *result);
uint16_t address_space_lduw_be(AddressSpace *as, hwaddr addr,
                               MemTxAttrs attrs, MemTxResult *result);
uint32_t address_space_ldl_le(AddressSpace *as, hwaddr addr,
                              MemTxAttrs attrs, MemTxResult *result);
uint32_t address_space_ldl_be(AddressSpace *as, hwaddr addr,
                              MemTxAttrs attrs, MemTxResult *result);
uint64_t address_space_ldq_le(AddressSpace *as, hwaddr addr,
                              MemTxAttrs attrs, MemTxResult *result);
uint64_t address_space_ldq_be(AddressSpace *as, hwaddr addr,
                              MemTxAttrs attrs, MemTxResult *result);
void address_space_stw_le(AddressSpace *as, hwaddr addr, uint16_t val,
                          MemTxAttrs attrs, MemTxResult *result);
void address_space_stw_be(AddressSpace *as, hwaddr addr, uint16_t val,
                          MemTxAttrs attrs, MemTxResult *result);
void address_space_stl_le(AddressSpace *as, hwaddr addr, uint32_t val,
                          MemTxAttrs attrs, MemTxResult *result);
void address_space_stl_be(AddressSpace *as, hwaddr addr, uint32_t val,
                          MemTxAttrs attrs, MemTxResult *result);
void address_space_stq_le(AddressSpace *as, hwaddr addr, uint64_t val,
                          MemTxAttrs attrs, MemTxResult *result);
void address_space_stq_be(AddressSpace *as, hwaddr addr, uint64_t val,
                          MemTxAttrs attrs, MemTxResult *result);

/* Shorthands with MEMTXATTRS_UNSPECIFIED and no result. */
uint32_t ldub_phys(AddressSpace *as, hwaddr addr);
uint32_t lduw_le_phys(AddressSpace *as, hwaddr addr);
uint32_t lduw_be_phys(AddressSpace *as, hwaddr addr);
uint32_t ldl_le_phys(AddressSpace *as, hwaddr addr);
uint32_t ldl_be_phys(AddressSpace *as, hwaddr addr);
uint64_t ldq_le_phys(AddressSpace *as, hwaddr addr);
uint64_t ldq_be_phys(AddressSpace *as, hwaddr addr);
void stb_phys(AddressSpace *as, hwaddr addr, uint32_t val);
void stw_le_phys(AddressSpace *as, hwaddr addr, uint32_t val);
void stw_be_phys(AddressSpace *as, hwaddr addr, uint32_t val);
void stl_le_phys(AddressSpace *as, hwaddr addr, uint32_t val);
void stl_be_phys(AddressSpace *as, hwaddr addr, uint32_t val);
void stq_le_phys(AddressSpace *as, hwaddr addr, uint64_t val);
void stq_be_phys(AddressSpace *as, hwaddr addr, uint64_t val);

/*
 * Dirty tracking (VGA framebuffers ...).  Not tracked: every page
 * reports dirty, which is always correct (just not minimal).
 */
#define DIRTY_MEMORY_VGA       0
#define DIRTY_MEMORY_CODE      1
#define DIRTY_MEMORY_MIGRATION 2
typedef struct DirtyBitmapSnapshot DirtyBitmapSnapshot;
bool memory_region_get_dirty(MemoryRegion *mr, hwaddr addr, hwaddr size,
                             unsigned client);
void memory_region_reset_dirty(MemoryRegion *mr, hwaddr addr, hwaddr size,
                               unsigned client);
DirtyBitmapSnapshot *memory_region_snapshot_and_clear_dirty(MemoryRegion *mr,
                                                            hwaddr addr,
                                                            hwaddr size,
                                                            unsigned client);
bool memory_region_snapshot_get_dirty(MemoryRegion *mr,
                                      DirtyBitmapSnapshot *snap,
                                      hwaddr addr, hwaddr size);
void memory_region_sync_dirty_bitmap(MemoryRegion *mr);

/*
 * Cached access to a fixed guest range (virtio rings), QEMU's API.
 * Accesses go through the address space each time, so they are always
 * bounds-checked against RAM.
 */
typedef struct MemoryRegionCache {
    AddressSpace *as;
    hwaddr xlat;        /* guest address of the range */
    hwaddr len;
    bool is_write;
} MemoryRegionCache;

#define MEMORY_REGION_CACHE_INVALID ((MemoryRegionCache) { .as = NULL })

/* Returns @len (the range must be accessible) or -EINVAL. */
int64_t address_space_cache_init(MemoryRegionCache *cache, AddressSpace *as,
                                 hwaddr addr, hwaddr len, bool is_write);
static inline void address_space_cache_init_empty(MemoryRegionCache *cache)
{
    cache->as = NULL;
    cache->len = 0;
}
void address_space_cache_invalidate(MemoryRegionCache *cache, hwaddr addr,
                                    hwaddr access_len);
void address_space_cache_destroy(MemoryRegionCache *cache);
MemTxResult address_space_read_cached(MemoryRegionCache *cache, hwaddr addr,
                                      void *buf, hwaddr len);
MemTxResult address_space_write_cached(MemoryRegionCache *cache, hwaddr addr,
                                       const void *buf, hwaddr len);
uint8_t address_space_ldub_cached(MemoryRegionCache *cache, hwaddr addr,
                                  MemTxAttrs attrs, MemTxResult *result);
uint16_t address_space_lduw_le_cached(MemoryRegionCache *cache, hwaddr addr,
                                      MemTxAttrs attrs, MemTxResult *result);
uint32_t address_space_ldl_le_cached(MemoryRegionCache *cache, hwaddr addr,
                                     MemTxAttrs attrs, MemTxResult *result);
uint64_t address_space_ldq_le_cached(MemoryRegionCache *cache, hwaddr addr,
                                     MemTxAttrs attrs, MemTxResult *result);
void address_space_stb_cached(MemoryRegionCache *cache, hwaddr addr,
                              uint8_t val, MemTxAttrs attrs,
                              MemTxResult *result);
void address_space_stw_le_cached(MemoryRegionCache *cache, hwaddr addr,
                                 uint16_t val, MemTxAttrs attrs,
                                 MemTxResult *result);
void address_space_stl_le_cached(MemoryRegionCache *cache, hwaddr addr,
                                 uint32_t val, MemTxAttrs attrs,
                                 MemTxResult *result);
void address_space_stq_le_cached(MemoryRegionCache *cache, hwaddr addr,
                                 uint64_t val, MemTxAttrs attrs,
                                 MemTxResult *result);

/*
 * Tracing of unassigned accesses: when true, each one is reported
 * with warn_report (the "-d guest_errors"/trace equivalent).
 */
extern bool memory_trace_unassigned;

#endif
