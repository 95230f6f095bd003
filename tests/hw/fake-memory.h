/*
 * A stand-in for the memory API in unit tests of devices (PCI core,
 * PIIX4 PM): regions only record their size, owner and where they were
 * mapped, so a test can check a device's mappings without a VM.  Each
 * test supplies address_space_rw/address_space_write to suit itself.
 */
#ifndef TESTS_FAKE_MEMORY_H
#define TESTS_FAKE_MEMORY_H

#include "exec/memory.h"

/* The system memory and I/O spaces; a test initialises both. */
extern MemoryRegion fake_mem_space, fake_io_space;

#endif
