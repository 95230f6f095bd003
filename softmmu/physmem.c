/*
 * Guest physical memory: RAM blocks, the system address spaces and
 * the load/store/copy helpers used by devices and loaders.
 */
#include "qemu/osdep.h"
#include "qemu/oslib.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "exec/memory.h"
#include "exec/address-spaces.h"
#include "exec/cpu-common.h"
#include "exec/ramblock.h"
#include "exec/ioport.h"

AddressSpace address_space_memory;
AddressSpace address_space_io;

static MemoryRegion *system_memory;
static MemoryRegion *system_io;
static ram_addr_t next_ram_offset;
static GMutex ram_lock;

/* ------------------------------------------------------------------ */
/* RAM blocks                                                           */

static RAMBlock *ram_block_new(ram_addr_t size, uint32_t flags,
                               const char *name)
{
    RAMBlock *rb = g_new0(RAMBlock, 1);
    ram_addr_t align = qemu_real_host_page_size();

    rb->used_length = size;
    rb->max_length = size;
    rb->flags = flags;
    rb->fd = -1;
    g_strlcpy(rb->idstr, name ? name : "", sizeof(rb->idstr));
    g_mutex_lock(&ram_lock);
    rb->offset = next_ram_offset;
    next_ram_offset += QEMU_ALIGN_UP(MAX(size, 1), align);
    g_mutex_unlock(&ram_lock);
    return rb;
}

RAMBlock *qemu_ram_alloc(ram_addr_t size, uint32_t ram_flags,
                         const char *name, Error **errp)
{
    size_t len = QEMU_ALIGN_UP(MAX(size, 1), qemu_real_host_page_size());
    /*
     * Large blocks 2 MiB aligned (huge pages, as QEMU): KVM maps them with
     * large pages and O_DIRECT pins fewer pages per request.
     */
    uint64_t align = len >= 2 * MiB ? 2 * MiB : qemu_real_host_page_size();
    void *host = qemu_anon_ram_alloc(len, &align, ram_flags & RAM_SHARED,
                                     true);
    RAMBlock *rb;

    if (!host) {
        error_setg_errno(errp, errno,
                         "cannot set up guest memory '%s'", name ? name : "");
        return NULL;
    }
    rb = ram_block_new(size, ram_flags, name);
    rb->host = host;
    rb->mmap_length = len;
    return rb;
}

RAMBlock *qemu_ram_alloc_from_fd(ram_addr_t size, uint32_t ram_flags, int fd,
                                 off_t offset, const char *name, Error **errp)
{
    size_t len = QEMU_ALIGN_UP(MAX(size, 1), qemu_real_host_page_size());
    int flags = (ram_flags & RAM_SHARED) ? MAP_SHARED : MAP_PRIVATE;
    void *host;
    RAMBlock *rb;

    if (ram_flags & RAM_NORESERVE) {
        flags |= MAP_NORESERVE;
    }
    host = mmap(NULL, len, PROT_READ | PROT_WRITE, flags, fd, offset);
    if (host == MAP_FAILED) {
        error_setg_errno(errp, errno,
                         "unable to map backing store for guest RAM");
        return NULL;
    }
    rb = ram_block_new(size, ram_flags, name);
    rb->host = host;
    rb->mmap_length = len;
    rb->fd = fd;
    return rb;
}

RAMBlock *qemu_ram_alloc_from_ptr(ram_addr_t size, void *host,
                                  const char *name)
{
    RAMBlock *rb = ram_block_new(size, RAM_PREALLOC, name);

    rb->host = host;
    return rb;
}

void qemu_ram_free(RAMBlock *block)
{
    if (!block) {
        return;
    }
    if (block->mmap_length) {
        munmap(block->host, block->mmap_length);
    }
    g_free(block);
}

void qemu_ram_set_advice(RAMBlock *block, bool merge, bool dump)
{
    if (!block || !block->mmap_length) {
        return;
    }
#ifdef MADV_MERGEABLE
    (void)(madvise(block->host, block->mmap_length,
                                     merge ? MADV_MERGEABLE
                                           : MADV_UNMERGEABLE));
#endif
#ifdef MADV_DONTDUMP
    (void)(madvise(block->host, block->mmap_length,
                                     dump ? MADV_DODUMP : MADV_DONTDUMP));
#endif
}

/* ------------------------------------------------------------------ */
/* System address spaces                                                */

static void memory_map_init(void)
{
    system_memory = g_new0(MemoryRegion, 1);
    memory_region_init(system_memory, NULL, "system", UINT64_MAX);
    address_space_init(&address_space_memory, system_memory, "memory");

    system_io = g_new0(MemoryRegion, 1);
    memory_region_init_io(system_io, NULL, &unassigned_io_ops, NULL, "io",
                          65536);
    address_space_init(&address_space_io, system_io, "I/O");
}

void cpu_exec_init_all(void)
{
    static gsize done;

    if (g_once_init_enter(&done)) {
        memory_map_init();
        g_once_init_leave(&done, 1);
    }
}

MemoryRegion *get_system_memory(void)
{
    cpu_exec_init_all();
    return system_memory;
}

MemoryRegion *get_system_io(void)
{
    cpu_exec_init_all();
    return system_io;
}

/* ------------------------------------------------------------------ */
/* Helpers                                                              */

void cpu_physical_memory_rw(hwaddr addr, void *buf, hwaddr len, bool is_write)
{
    cpu_exec_init_all();
    address_space_rw(&address_space_memory, addr, MEMTXATTRS_UNSPECIFIED,
                     buf, len, is_write);
}

void *cpu_physical_memory_map(hwaddr addr, hwaddr *plen, bool is_write)
{
    cpu_exec_init_all();
    return address_space_map(&address_space_memory, addr, plen, is_write,
                             MEMTXATTRS_UNSPECIFIED);
}

void cpu_physical_memory_unmap(void *buffer, hwaddr len, bool is_write,
                               hwaddr access_len)
{
    address_space_unmap(&address_space_memory, buffer, len, is_write,
                        access_len);
}

bool cpu_physical_memory_is_io(hwaddr addr)
{
    hwaddr xlat, l = 1;
    MemoryRegion *mr;

    cpu_exec_init_all();
    mr = address_space_translate(&address_space_memory, addr, &xlat, &l,
                                 false, MEMTXATTRS_UNSPECIFIED);
    return !mr->ram;
}

static uint64_t ld_le(const uint8_t *b, unsigned n)
{
    uint64_t v = 0;
    unsigned i;

    for (i = 0; i < n; i++) {
        v |= (uint64_t)b[i] << (8 * i);
    }
    return v;
}

static uint64_t ld_be(const uint8_t *b, unsigned n)
{
    uint64_t v = 0;
    unsigned i;

    for (i = 0; i < n; i++) {
        v = (v << 8) | b[i];
    }
    return v;
}

static void st_le(uint8_t *b, unsigned n, uint64_t v)
{
    unsigned i;

    for (i = 0; i < n; i++) {
        b[i] = v >> (8 * i);
    }
}

static void st_be(uint8_t *b, unsigned n, uint64_t v)
{
    unsigned i;

    for (i = 0; i < n; i++) {
        b[n - 1 - i] = v >> (8 * i);
    }
}

static uint64_t as_ld(AddressSpace *as, hwaddr addr, unsigned n, bool big,
                      MemTxAttrs attrs, MemTxResult *result)
{
    uint8_t b[8];
    MemTxResult r = address_space_read(as, addr, attrs, b, n);

    if (result) {
        *result = r;
    }
    return big ? ld_be(b, n) : ld_le(b, n);
}

static void as_st(AddressSpace *as, hwaddr addr, unsigned n, bool big,
                  uint64_t val, MemTxAttrs attrs, MemTxResult *result)
{
    uint8_t b[8];
    MemTxResult r;

    if (big) {
        st_be(b, n, val);
    } else {
        st_le(b, n, val);
    }
    r = address_space_write(as, addr, attrs, b, n);
    if (result) {
        *result = r;
    }
}

#define DEFINE_LDST(name, type, n, big)                                      \
    type address_space_ld##name(AddressSpace *as, hwaddr addr,               \
                                MemTxAttrs attrs, MemTxResult *result)       \
    {                                                                        \
        return as_ld(as, addr, n, big, attrs, result);                       \
    }
#define DEFINE_ST(name, type, n, big)                                        \
    void address_space_st##name(AddressSpace *as, hwaddr addr, type val,     \
                                MemTxAttrs attrs, MemTxResult *result)       \
    {                                                                        \
        as_st(as, addr, n, big, val, attrs, result);                         \
    }

DEFINE_LDST(ub, uint8_t, 1, false)
DEFINE_LDST(uw_le, uint16_t, 2, false)
DEFINE_LDST(uw_be, uint16_t, 2, true)
DEFINE_LDST(l_le, uint32_t, 4, false)
DEFINE_LDST(l_be, uint32_t, 4, true)
DEFINE_LDST(q_le, uint64_t, 8, false)
DEFINE_LDST(q_be, uint64_t, 8, true)
DEFINE_ST(b, uint8_t, 1, false)
DEFINE_ST(w_le, uint16_t, 2, false)
DEFINE_ST(w_be, uint16_t, 2, true)
DEFINE_ST(l_le, uint32_t, 4, false)
DEFINE_ST(l_be, uint32_t, 4, true)
DEFINE_ST(q_le, uint64_t, 8, false)
DEFINE_ST(q_be, uint64_t, 8, true)

#define U MEMTXATTRS_UNSPECIFIED
uint32_t ldub_phys(AddressSpace *as, hwaddr a) { return as_ld(as, a, 1, false, U, NULL); }
uint32_t lduw_le_phys(AddressSpace *as, hwaddr a) { return as_ld(as, a, 2, false, U, NULL); }
uint32_t lduw_be_phys(AddressSpace *as, hwaddr a) { return as_ld(as, a, 2, true, U, NULL); }
uint32_t ldl_le_phys(AddressSpace *as, hwaddr a) { return as_ld(as, a, 4, false, U, NULL); }
uint32_t ldl_be_phys(AddressSpace *as, hwaddr a) { return as_ld(as, a, 4, true, U, NULL); }
uint64_t ldq_le_phys(AddressSpace *as, hwaddr a) { return as_ld(as, a, 8, false, U, NULL); }
uint64_t ldq_be_phys(AddressSpace *as, hwaddr a) { return as_ld(as, a, 8, true, U, NULL); }
void stb_phys(AddressSpace *as, hwaddr a, uint32_t v) { as_st(as, a, 1, false, v, U, NULL); }
void stw_le_phys(AddressSpace *as, hwaddr a, uint32_t v) { as_st(as, a, 2, false, v, U, NULL); }
void stw_be_phys(AddressSpace *as, hwaddr a, uint32_t v) { as_st(as, a, 2, true, v, U, NULL); }
void stl_le_phys(AddressSpace *as, hwaddr a, uint32_t v) { as_st(as, a, 4, false, v, U, NULL); }
void stl_be_phys(AddressSpace *as, hwaddr a, uint32_t v) { as_st(as, a, 4, true, v, U, NULL); }
void stq_le_phys(AddressSpace *as, hwaddr a, uint64_t v) { as_st(as, a, 8, false, v, U, NULL); }
void stq_be_phys(AddressSpace *as, hwaddr a, uint64_t v) { as_st(as, a, 8, true, v, U, NULL); }
#undef U

/* ------------------------------------------------------------------ */
/* Dirty tracking: not implemented, so everything is dirty.            */

bool memory_region_get_dirty(MemoryRegion *mr, hwaddr addr, hwaddr size,
                             unsigned client)
{
    return true;
}

void memory_region_reset_dirty(MemoryRegion *mr, hwaddr addr, hwaddr size,
                               unsigned client)
{
}

DirtyBitmapSnapshot *memory_region_snapshot_and_clear_dirty(MemoryRegion *mr,
                                                            hwaddr addr,
                                                            hwaddr size,
                                                            unsigned client)
{
    /* Non-NULL token; callers only hand it back to us and g_free it. */
    return g_malloc0(1);
}

bool memory_region_snapshot_get_dirty(MemoryRegion *mr,
                                      DirtyBitmapSnapshot *snap,
                                      hwaddr addr, hwaddr size)
{
    return true;
}

void memory_region_sync_dirty_bitmap(MemoryRegion *mr)
{
}

/* ------------------------------------------------------------------ */
/* MemoryRegionCache                                                    */

int64_t address_space_cache_init(MemoryRegionCache *cache, AddressSpace *as,
                                 hwaddr addr, hwaddr len, bool is_write)
{
    cache->as = as;
    cache->xlat = addr;
    cache->len = len;
    cache->is_write = is_write;
    if (!len || !address_space_access_valid(as, addr, len, is_write,
                                            MEMTXATTRS_UNSPECIFIED)) {
        cache->len = 0;
        return -EINVAL;
    }
    return len;
}

void address_space_cache_invalidate(MemoryRegionCache *cache, hwaddr addr,
                                    hwaddr access_len)
{
}

void address_space_cache_destroy(MemoryRegionCache *cache)
{
    cache->as = NULL;
    cache->len = 0;
}

/* Accesses outside the cached range fail rather than wander off. */
static bool cache_ok(MemoryRegionCache *cache, hwaddr addr, hwaddr len)
{
    return cache->as && addr <= cache->len && len <= cache->len - addr;
}

MemTxResult address_space_read_cached(MemoryRegionCache *cache, hwaddr addr,
                                      void *buf, hwaddr len)
{
    if (!cache_ok(cache, addr, len)) {
        memset(buf, 0xff, len);
        return MEMTX_DECODE_ERROR;
    }
    return address_space_read(cache->as, cache->xlat + addr,
                              MEMTXATTRS_UNSPECIFIED, buf, len);
}

MemTxResult address_space_write_cached(MemoryRegionCache *cache, hwaddr addr,
                                       const void *buf, hwaddr len)
{
    if (!cache_ok(cache, addr, len)) {
        return MEMTX_DECODE_ERROR;
    }
    return address_space_write(cache->as, cache->xlat + addr,
                               MEMTXATTRS_UNSPECIFIED, buf, len);
}

static uint64_t cache_ld(MemoryRegionCache *cache, hwaddr addr, unsigned n,
                         MemTxResult *result)
{
    uint8_t b[8];
    MemTxResult r = address_space_read_cached(cache, addr, b, n);

    if (result) {
        *result = r;
    }
    return ld_le(b, n);
}

static void cache_st(MemoryRegionCache *cache, hwaddr addr, unsigned n,
                     uint64_t val, MemTxResult *result)
{
    uint8_t b[8];
    MemTxResult r;

    st_le(b, n, val);
    r = address_space_write_cached(cache, addr, b, n);
    if (result) {
        *result = r;
    }
}

uint8_t address_space_ldub_cached(MemoryRegionCache *cache, hwaddr addr,
                                  MemTxAttrs attrs, MemTxResult *result)
{
    return cache_ld(cache, addr, 1, result);
}

uint16_t address_space_lduw_le_cached(MemoryRegionCache *cache, hwaddr addr,
                                      MemTxAttrs attrs, MemTxResult *result)
{
    return cache_ld(cache, addr, 2, result);
}

uint32_t address_space_ldl_le_cached(MemoryRegionCache *cache, hwaddr addr,
                                     MemTxAttrs attrs, MemTxResult *result)
{
    return cache_ld(cache, addr, 4, result);
}

uint64_t address_space_ldq_le_cached(MemoryRegionCache *cache, hwaddr addr,
                                     MemTxAttrs attrs, MemTxResult *result)
{
    return cache_ld(cache, addr, 8, result);
}

void address_space_stb_cached(MemoryRegionCache *cache, hwaddr addr,
                              uint8_t val, MemTxAttrs attrs,
                              MemTxResult *result)
{
    cache_st(cache, addr, 1, val, result);
}

void address_space_stw_le_cached(MemoryRegionCache *cache, hwaddr addr,
                                 uint16_t val, MemTxAttrs attrs,
                                 MemTxResult *result)
{
    cache_st(cache, addr, 2, val, result);
}

void address_space_stl_le_cached(MemoryRegionCache *cache, hwaddr addr,
                                 uint32_t val, MemTxAttrs attrs,
                                 MemTxResult *result)
{
    cache_st(cache, addr, 4, val, result);
}

void address_space_stq_le_cached(MemoryRegionCache *cache, hwaddr addr,
                                 uint64_t val, MemTxAttrs attrs,
                                 MemTxResult *result)
{
    cache_st(cache, addr, 8, val, result);
}
