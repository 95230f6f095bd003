/*
 * Byte swapping and unaligned little/big-endian loads and stores.
 */
#ifndef BSWAP_H
#define BSWAP_H

static inline uint16_t bswap16(uint16_t x)
{
    return __builtin_bswap16(x);
}

static inline uint32_t bswap32(uint32_t x)
{
    return __builtin_bswap32(x);
}

static inline uint64_t bswap64(uint64_t x)
{
    return __builtin_bswap64(x);
}

static inline void bswap16s(uint16_t *s)
{
    *s = bswap16(*s);
}

static inline void bswap32s(uint32_t *s)
{
    *s = bswap32(*s);
}

static inline void bswap64s(uint64_t *s)
{
    *s = bswap64(*s);
}

#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define HOST_BIG_ENDIAN 1
#define be_bswap(v, size) (v)
#define le_bswap(v, size) glue(bswap, size)(v)
#else
#define HOST_BIG_ENDIAN 0
#define be_bswap(v, size) glue(bswap, size)(v)
#define le_bswap(v, size) (v)
#endif

#ifndef glue
#define xglue(x, y) x ## y
#define glue(x, y) xglue(x, y)
#endif

#define QEMU_BSWAP_CONV_(endian, size, type)                            \
static inline type endian ## size ## _to_cpu(type v)                    \
{                                                                       \
    return glue(endian, _bswap)(v, size);                               \
}                                                                       \
static inline type cpu_to_ ## endian ## size(type v)                    \
{                                                                       \
    return glue(endian, _bswap)(v, size);                               \
}                                                                       \
static inline void endian ## size ## _to_cpus(type *p)                  \
{                                                                       \
    *p = glue(endian, _bswap)(*p, size);                                \
}                                                                       \
static inline void cpu_to_ ## endian ## size ## s(type *p)              \
{                                                                       \
    *p = glue(endian, _bswap)(*p, size);                                \
}

QEMU_BSWAP_CONV_(be, 16, uint16_t)
QEMU_BSWAP_CONV_(be, 32, uint32_t)
QEMU_BSWAP_CONV_(be, 64, uint64_t)
QEMU_BSWAP_CONV_(le, 16, uint16_t)
QEMU_BSWAP_CONV_(le, 32, uint32_t)
QEMU_BSWAP_CONV_(le, 64, uint64_t)

#undef QEMU_BSWAP_CONV_

/* Compile-time constant conversions (for initialisers). */
#if HOST_BIG_ENDIAN
#define const_le16(x) ((uint16_t)((((x) & 0xff) << 8) | (((x) >> 8) & 0xff)))
#define const_le32(x) ((uint32_t)__builtin_bswap32(x))
#else
#define const_le16(x) ((uint16_t)(x))
#define const_le32(x) ((uint32_t)(x))
#endif

/*
 * Unaligned accesses: ld<size>_<endian>_p(ptr) / st<size>_<endian>_p(ptr, v).
 * Sizes: b (8), w (16), l (32), q (64).  "u"/"s" give the signedness of
 * the returned int for 8/16 bit loads.  memcpy keeps them alignment-safe.
 */
static inline int ldub_p(const void *ptr)
{
    return *(const uint8_t *)ptr;
}

static inline int ldsb_p(const void *ptr)
{
    return *(const int8_t *)ptr;
}

static inline void stb_p(void *ptr, uint8_t v)
{
    *(uint8_t *)ptr = v;
}

static inline int lduw_he_p(const void *ptr)
{
    uint16_t r;
    memcpy(&r, ptr, sizeof(r));
    return r;
}

static inline int ldsw_he_p(const void *ptr)
{
    int16_t r;
    memcpy(&r, ptr, sizeof(r));
    return r;
}

static inline void stw_he_p(void *ptr, uint16_t v)
{
    memcpy(ptr, &v, sizeof(v));
}

static inline int ldl_he_p(const void *ptr)
{
    int32_t r;
    memcpy(&r, ptr, sizeof(r));
    return r;
}

static inline void stl_he_p(void *ptr, uint32_t v)
{
    memcpy(ptr, &v, sizeof(v));
}

static inline uint64_t ldq_he_p(const void *ptr)
{
    uint64_t r;
    memcpy(&r, ptr, sizeof(r));
    return r;
}

static inline void stq_he_p(void *ptr, uint64_t v)
{
    memcpy(ptr, &v, sizeof(v));
}

static inline int lduw_le_p(const void *ptr)
{
    return (uint16_t)le_bswap((uint16_t)lduw_he_p(ptr), 16);
}

static inline int ldsw_le_p(const void *ptr)
{
    return (int16_t)le_bswap((uint16_t)lduw_he_p(ptr), 16);
}

static inline int ldl_le_p(const void *ptr)
{
    return le_bswap((uint32_t)ldl_he_p(ptr), 32);
}

static inline uint64_t ldq_le_p(const void *ptr)
{
    return le_bswap(ldq_he_p(ptr), 64);
}

static inline void stw_le_p(void *ptr, uint16_t v)
{
    stw_he_p(ptr, le_bswap(v, 16));
}

static inline void stl_le_p(void *ptr, uint32_t v)
{
    stl_he_p(ptr, le_bswap(v, 32));
}

static inline void stq_le_p(void *ptr, uint64_t v)
{
    stq_he_p(ptr, le_bswap(v, 64));
}

static inline int lduw_be_p(const void *ptr)
{
    return (uint16_t)be_bswap((uint16_t)lduw_he_p(ptr), 16);
}

static inline int ldsw_be_p(const void *ptr)
{
    return (int16_t)be_bswap((uint16_t)lduw_he_p(ptr), 16);
}

static inline int ldl_be_p(const void *ptr)
{
    return be_bswap((uint32_t)ldl_he_p(ptr), 32);
}

static inline uint64_t ldq_be_p(const void *ptr)
{
    return be_bswap(ldq_he_p(ptr), 64);
}

static inline void stw_be_p(void *ptr, uint16_t v)
{
    stw_he_p(ptr, be_bswap(v, 16));
}

static inline void stl_be_p(void *ptr, uint32_t v)
{
    stl_he_p(ptr, be_bswap(v, 32));
}

static inline void stq_be_p(void *ptr, uint64_t v)
{
    stq_he_p(ptr, be_bswap(v, 64));
}

/* Load/store @size (1, 2, 4 or 8) bytes. */
static inline uint64_t ldn_le_p(const void *ptr, int size)
{
    switch (size) {
    case 1:
        return ldub_p(ptr);
    case 2:
        return (uint16_t)lduw_le_p(ptr);
    case 4:
        return (uint32_t)ldl_le_p(ptr);
    case 8:
        return ldq_le_p(ptr);
    default:
        g_assert_not_reached();
    }
}

static inline void stn_le_p(void *ptr, int size, uint64_t v)
{
    switch (size) {
    case 1:
        stb_p(ptr, v);
        break;
    case 2:
        stw_le_p(ptr, v);
        break;
    case 4:
        stl_le_p(ptr, v);
        break;
    case 8:
        stq_le_p(ptr, v);
        break;
    default:
        g_assert_not_reached();
    }
}

static inline uint64_t ldn_be_p(const void *ptr, int size)
{
    switch (size) {
    case 1:
        return ldub_p(ptr);
    case 2:
        return (uint16_t)lduw_be_p(ptr);
    case 4:
        return (uint32_t)ldl_be_p(ptr);
    case 8:
        return ldq_be_p(ptr);
    default:
        g_assert_not_reached();
    }
}

static inline void stn_be_p(void *ptr, int size, uint64_t v)
{
    switch (size) {
    case 1:
        stb_p(ptr, v);
        break;
    case 2:
        stw_be_p(ptr, v);
        break;
    case 4:
        stl_be_p(ptr, v);
        break;
    case 8:
        stq_be_p(ptr, v);
        break;
    default:
        g_assert_not_reached();
    }
}

#endif /* BSWAP_H */
