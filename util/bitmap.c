/*
 * Bitmap range operations.
 */
#include "qemu/osdep.h"
#include "qemu/bitmap.h"

/* Bit by bit up to a word boundary, then whole words, then the tail. */
void bitmap_set(unsigned long *map, long start, long nr)
{
    while (nr > 0 && start % BITS_PER_LONG) {
        set_bit(start++, map);
        nr--;
    }
    while (nr >= (long)BITS_PER_LONG) {
        map[BIT_WORD(start)] = ~0UL;
        start += BITS_PER_LONG;
        nr -= BITS_PER_LONG;
    }
    while (nr-- > 0) {
        set_bit(start++, map);
    }
}

void bitmap_set_atomic(unsigned long *map, long start, long nr)
{
    long i;

    for (i = start; i < start + nr; i++) {
        set_bit_atomic(i, map);
    }
}

void bitmap_clear(unsigned long *map, long start, long nr)
{
    while (nr > 0 && start % BITS_PER_LONG) {
        clear_bit(start++, map);
        nr--;
    }
    while (nr >= (long)BITS_PER_LONG) {
        map[BIT_WORD(start)] = 0;
        start += BITS_PER_LONG;
        nr -= BITS_PER_LONG;
    }
    while (nr-- > 0) {
        clear_bit(start++, map);
    }
}

bool bitmap_test_and_clear_atomic(unsigned long *map, long start, long nr)
{
    bool dirty = false;
    long i;

    for (i = start; i < start + nr; i++) {
        unsigned long mask = BIT_MASK(i);
        unsigned long old = qatomic_fetch_and(&map[BIT_WORD(i)], ~mask);

        dirty |= (old & mask) != 0;
    }
    return dirty;
}

void bitmap_or(unsigned long *dst, const unsigned long *src1,
               const unsigned long *src2, long nbits)
{
    long k;

    for (k = 0; k < BITS_TO_LONGS(nbits); k++) {
        dst[k] = src1[k] | src2[k];
    }
}

void bitmap_and(unsigned long *dst, const unsigned long *src1,
                const unsigned long *src2, long nbits)
{
    long k;

    for (k = 0; k < BITS_TO_LONGS(nbits); k++) {
        dst[k] = src1[k] & src2[k];
    }
}
