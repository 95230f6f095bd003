/*
 * Aligned allocation (QEMU 7.1+ keeps these in qemu/memalign.h).
 * Free with qemu_vfree(), not g_free().
 */
#ifndef QEMU_MEMALIGN_H
#define QEMU_MEMALIGN_H

/* NULL on failure. */
void *qemu_try_memalign(size_t alignment, size_t size);
/* Aborts on failure. */
void *qemu_memalign(size_t alignment, size_t size);
void qemu_vfree(void *ptr);

#endif
