/* The two global address spaces of the machine. */
#ifndef EXEC_ADDRESS_SPACES_H
#define EXEC_ADDRESS_SPACES_H

#include "exec/memory.h"

/* Root container of guest physical memory ("system", 2^64 bytes). */
MemoryRegion *get_system_memory(void);
/* Root container of the x86 I/O port space ("io", 64 KiB). */
MemoryRegion *get_system_io(void);

extern AddressSpace address_space_memory;
extern AddressSpace address_space_io;

#endif
