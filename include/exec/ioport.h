/* x86 I/O ports: direct access and the legacy PortioList helper. */
#ifndef EXEC_IOPORT_H
#define EXEC_IOPORT_H

#include "exec/memory.h"

typedef uint32_t pio_addr_t;
#define FMT_pioaddr PRIx32

#define MAX_IOPORTS (64 * 1024)
#define IOPORTS_MASK (MAX_IOPORTS - 1)

typedef uint32_t (IOPortReadFunc)(void *opaque, uint32_t address);
typedef void (IOPortWriteFunc)(void *opaque, uint32_t address, uint32_t data);

/*
 * One run of ports [offset, offset + len) accessed with @size bytes.
 * Lists end with PORTIO_END_OF_LIST().  A port that has a read but no
 * write entry (or vice versa) ignores writes / reads as all-ones.
 */
typedef struct MemoryRegionPortio {
    uint32_t offset;
    uint32_t len;
    unsigned size;
    uint32_t (*read)(void *opaque, uint32_t address);
    void (*write)(void *opaque, uint32_t address, uint32_t data);
    uint32_t base;   /* private */
} MemoryRegionPortio;

#define PORTIO_END_OF_LIST() { }

/* Ops of the "unassigned" I/O region: reads all-ones, writes dropped. */
extern const MemoryRegionOps unassigned_io_ops;

void cpu_outb(uint32_t addr, uint8_t val);
void cpu_outw(uint32_t addr, uint16_t val);
void cpu_outl(uint32_t addr, uint32_t val);
uint8_t cpu_inb(uint32_t addr);
uint16_t cpu_inw(uint32_t addr);
uint32_t cpu_inl(uint32_t addr);

typedef struct PortioList {
    const struct MemoryRegionPortio *ports;
    Object *owner;
    struct MemoryRegion *address_space;
    unsigned nr;
    struct MemoryRegion **regions;
    void *opaque;
    const char *name;
    bool flush_coalesced_mmio;
} PortioList;

void portio_list_init(PortioList *piolist, Object *owner,
                      const struct MemoryRegionPortio *callbacks,
                      void *opaque, const char *name);
void portio_list_set_flush_coalesced(PortioList *piolist);
void portio_list_destroy(PortioList *piolist);
/* Map the ports at @addr + offset in @address_space (get_system_io()). */
void portio_list_add(PortioList *piolist,
                     struct MemoryRegion *address_space,
                     uint32_t addr);
void portio_list_del(PortioList *piolist);

#endif
