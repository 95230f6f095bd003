/*
 * Unit tests link hw/core without the memory back ends; their machines
 * never name a memdev, so these are never reached.  The emulator links
 * backends/hostmem.c, which wins over this archive member.
 */
#include "qemu/osdep.h"
#include "sysemu/hostmem.h"

MemoryRegion *host_memory_backend_get_memory(HostMemoryBackend *backend)
{
    g_assert_not_reached();
}

bool host_memory_backend_is_mapped(HostMemoryBackend *backend)
{
    g_assert_not_reached();
}

void host_memory_backend_set_mapped(HostMemoryBackend *backend, bool mapped)
{
    g_assert_not_reached();
}
