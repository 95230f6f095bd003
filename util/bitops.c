/*
 * Bit searching over unsigned long arrays.
 */
#include "qemu/osdep.h"
#include "qemu/bitops.h"

/* Search word by word; @invert flips each word to look for zeros. */
static unsigned long find_next(const unsigned long *addr, unsigned long size,
                               unsigned long offset, unsigned long invert)
{
    unsigned long word;

    if (offset >= size) {
        return size;
    }
    word = (addr[BIT_WORD(offset)] ^ invert) & (~0UL << (offset % BITS_PER_LONG));
    offset -= offset % BITS_PER_LONG;
    for (;;) {
        if (word) {
            offset += __builtin_ctzl(word);
            return MIN(offset, size);
        }
        offset += BITS_PER_LONG;
        if (offset >= size) {
            return size;
        }
        word = addr[BIT_WORD(offset)] ^ invert;
    }
}

unsigned long find_next_bit(const unsigned long *addr, unsigned long size,
                            unsigned long offset)
{
    return find_next(addr, size, offset, 0);
}

unsigned long find_next_zero_bit(const unsigned long *addr,
                                 unsigned long size, unsigned long offset)
{
    return find_next(addr, size, offset, ~0UL);
}

unsigned long find_last_bit(const unsigned long *addr, unsigned long size)
{
    unsigned long i = size;

    while (i > 0) {
        i--;
        if (test_bit(i, addr)) {
            return i;
        }
    }
    return size;
}
