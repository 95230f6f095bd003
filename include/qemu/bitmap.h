/*
 * Bitmaps as arrays of unsigned long (bit n is bit n%BITS_PER_LONG of
 * word n/BITS_PER_LONG).
 */
#ifndef BITMAP_H
#define BITMAP_H

#include "qemu/bitops.h"

#define BITMAP_FIRST_WORD_MASK(start) (~0UL << ((start) & (BITS_PER_LONG - 1)))
#define BITMAP_LAST_WORD_MASK(nbits) (~0UL >> (-(nbits) & (BITS_PER_LONG - 1)))

#define DECLARE_BITMAP(name, bits) unsigned long name[BITS_TO_LONGS(bits)]

static inline unsigned long *bitmap_try_new(long nbits)
{
    return g_try_new0(unsigned long, BITS_TO_LONGS(nbits));
}

static inline unsigned long *bitmap_new(long nbits)
{
    return g_new0(unsigned long, BITS_TO_LONGS(nbits));
}

static inline void bitmap_zero(unsigned long *dst, long nbits)
{
    memset(dst, 0, BITS_TO_LONGS(nbits) * sizeof(unsigned long));
}

static inline void bitmap_fill(unsigned long *dst, long nbits)
{
    long n = BITS_TO_LONGS(nbits);

    memset(dst, 0xff, n * sizeof(unsigned long));
    if (nbits % BITS_PER_LONG) {
        dst[n - 1] = BITMAP_LAST_WORD_MASK(nbits);
    }
}

static inline void bitmap_copy(unsigned long *dst, const unsigned long *src,
                               long nbits)
{
    memcpy(dst, src, BITS_TO_LONGS(nbits) * sizeof(unsigned long));
}

static inline bool bitmap_empty(const unsigned long *src, long nbits)
{
    return find_first_bit(src, nbits) == (unsigned long)nbits;
}

static inline bool bitmap_full(const unsigned long *src, long nbits)
{
    return find_first_zero_bit(src, nbits) == (unsigned long)nbits;
}

static inline int bitmap_equal(const unsigned long *src1,
                               const unsigned long *src2, long nbits)
{
    long i;

    for (i = 0; i < nbits; i++) {
        if (test_bit(i, src1) != test_bit(i, src2)) {
            return 0;
        }
    }
    return 1;
}

static inline int bitmap_count_one(const unsigned long *bitmap, long nbits)
{
    long i;
    int count = 0;

    for (i = 0; i < nbits; i++) {
        count += test_bit(i, bitmap);
    }
    return count;
}

/* Set/clear bits [@start, @start + @nr). */
void bitmap_set(unsigned long *map, long start, long nr);
void bitmap_set_atomic(unsigned long *map, long start, long nr);
void bitmap_clear(unsigned long *map, long start, long nr);
bool bitmap_test_and_clear_atomic(unsigned long *map, long start, long nr);
void bitmap_or(unsigned long *dst, const unsigned long *src1,
               const unsigned long *src2, long nbits);
void bitmap_and(unsigned long *dst, const unsigned long *src1,
                const unsigned long *src2, long nbits);

#endif
