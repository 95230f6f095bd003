/* Physical memory helpers shared by devices and loaders. */
#ifndef EXEC_CPU_COMMON_H
#define EXEC_CPU_COMMON_H

#include "exec/hwaddr.h"

/* Create the system memory and I/O address spaces (idempotent). */
void cpu_exec_init_all(void);

/* Access address_space_memory; out-of-RAM writes are dropped. */
void cpu_physical_memory_rw(hwaddr addr, void *buf, hwaddr len, bool is_write);
static inline void cpu_physical_memory_read(hwaddr addr, void *buf,
                                            hwaddr len)
{
    cpu_physical_memory_rw(addr, buf, len, false);
}
static inline void cpu_physical_memory_write(hwaddr addr, const void *buf,
                                             hwaddr len)
{
    cpu_physical_memory_rw(addr, (void *)buf, len, true);
}
void *cpu_physical_memory_map(hwaddr addr, hwaddr *plen, bool is_write);
void cpu_physical_memory_unmap(void *buffer, hwaddr len, bool is_write,
                               hwaddr access_len);
/* True if @addr is not RAM/ROM (i.e. a device or nothing). */
bool cpu_physical_memory_is_io(hwaddr addr);

/* Host page size, for aligning RAM sizes. */
#define qemu_host_page_size qemu_real_host_page_size()

#endif
