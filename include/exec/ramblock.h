/* Host memory behind RAM regions (softmmu/physmem.c). */
#ifndef EXEC_RAMBLOCK_H
#define EXEC_RAMBLOCK_H

#include "exec/memory.h"

struct RAMBlock {
    MemoryRegion *mr;
    uint8_t *host;
    ram_addr_t offset;        /* position in the ram_addr_t space */
    ram_addr_t used_length;
    ram_addr_t max_length;
    size_t mmap_length;       /* 0: memory not ours (from_ptr) */
    uint32_t flags;
    int fd;
    char idstr[256];
};

/* Anonymous mmap (MAP_NORESERVE; MAP_SHARED with RAM_SHARED). */
RAMBlock *qemu_ram_alloc(ram_addr_t size, uint32_t ram_flags,
                         const char *name, Error **errp);
RAMBlock *qemu_ram_alloc_from_fd(ram_addr_t size, uint32_t ram_flags, int fd,
                                 off_t offset, const char *name,
                                 Error **errp);
RAMBlock *qemu_ram_alloc_from_ptr(ram_addr_t size, void *host,
                                  const char *name);
void qemu_ram_free(RAMBlock *block);
/* Apply madvise hints (hostmem merge/dump properties). */
void qemu_ram_set_advice(RAMBlock *block, bool merge, bool dump);

#endif
