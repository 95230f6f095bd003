/*
 * The recording memory API of tests/hw/fake-memory.h.
 */
#include "qemu/osdep.h"
#include "exec/address-spaces.h"
#include "fake-memory.h"

AddressSpace address_space_memory;
MemoryRegion fake_mem_space, fake_io_space;

void memory_region_init(MemoryRegion *mr, Object *owner, const char *name,
                        uint64_t size)
{
    memset(mr, 0, sizeof(*mr));
    mr->size = size;
    mr->owner = owner;
}

void memory_region_init_io(MemoryRegion *mr, Object *owner,
                           const MemoryRegionOps *ops, void *opaque,
                           const char *name, uint64_t size)
{
    memory_region_init(mr, owner, name, size);
    mr->ops = ops;
    mr->opaque = opaque;
}

uint64_t memory_region_size(MemoryRegion *mr)
{
    return mr->size;
}

void memory_region_add_subregion_overlap(MemoryRegion *mr, hwaddr offset,
                                         MemoryRegion *sub, int priority)
{
    g_assert_null(sub->container);
    sub->container = mr;
    sub->addr = offset;
}

void memory_region_add_subregion(MemoryRegion *mr, hwaddr offset,
                                 MemoryRegion *sub)
{
    memory_region_add_subregion_overlap(mr, offset, sub, 0);
}

void memory_region_del_subregion(MemoryRegion *mr, MemoryRegion *sub)
{
    g_assert_true(sub->container == mr);
    sub->container = NULL;
}

MemoryRegion *get_system_memory(void)
{
    return &fake_mem_space;
}
