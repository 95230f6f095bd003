/*
 * Bit counting and wide arithmetic helpers.
 */
#ifndef HOST_UTILS_H
#define HOST_UTILS_H

/* Count leading zeros; the full width for 0. */
static inline int clz32(uint32_t val)
{
    return val ? __builtin_clz(val) : 32;
}

static inline int clo32(uint32_t val)
{
    return clz32(~val);
}

static inline int clz64(uint64_t val)
{
    return val ? __builtin_clzll(val) : 64;
}

static inline int clo64(uint64_t val)
{
    return clz64(~val);
}

/* Count trailing zeros; the full width for 0. */
static inline int ctz32(uint32_t val)
{
    return val ? __builtin_ctz(val) : 32;
}

static inline int cto32(uint32_t val)
{
    return ctz32(~val);
}

static inline int ctz64(uint64_t val)
{
    return val ? __builtin_ctzll(val) : 64;
}

static inline int cto64(uint64_t val)
{
    return ctz64(~val);
}

static inline int ctpop8(uint8_t val)
{
    return __builtin_popcount(val);
}

static inline int ctpop16(uint16_t val)
{
    return __builtin_popcount(val);
}

static inline int ctpop32(uint32_t val)
{
    return __builtin_popcount(val);
}

static inline int ctpop64(uint64_t val)
{
    return __builtin_popcountll(val);
}

static inline uint8_t revbit8(uint8_t x)
{
    x = ((x & 0xf0) >> 4) | ((x & 0x0f) << 4);
    x = ((x & 0xcc) >> 2) | ((x & 0x33) << 2);
    x = ((x & 0xaa) >> 1) | ((x & 0x55) << 1);
    return x;
}

/* (a * b) / c with a 128-bit intermediate, truncated to 64 bits. */
static inline uint64_t muldiv64(uint64_t a, uint32_t b, uint32_t c)
{
    return (uint64_t)(((unsigned __int128)a * b) / c);
}

static inline void mulu64(uint64_t *plow, uint64_t *phigh,
                          uint64_t a, uint64_t b)
{
    unsigned __int128 r = (unsigned __int128)a * b;
    *plow = r;
    *phigh = r >> 64;
}

static inline void muls64(uint64_t *plow, uint64_t *phigh,
                          int64_t a, int64_t b)
{
    __int128 r = (__int128)a * b;
    *plow = r;
    *phigh = r >> 64;
}

/* Smallest power of two >= @value (0 and 1 give 1). */
static inline uint64_t pow2ceil(uint64_t value)
{
    int n = clz64(value - 1);

    if (!n) {
        /* Either value is 0 (wraps) or above 2^63 (no 64-bit answer). */
        return !value;
    }
    return 0x8000000000000000ull >> (n - 1);
}

/* Largest power of two <= @value (0 gives 0). */
static inline uint64_t pow2floor(uint64_t value)
{
    if (!value) {
        return 0;
    }
    return 0x8000000000000000ull >> clz64(value);
}



#endif
