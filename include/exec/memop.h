/* Size and endianness of one memory operation. */
#ifndef EXEC_MEMOP_H
#define EXEC_MEMOP_H

typedef enum MemOp {
    MO_8     = 0,
    MO_16    = 1,
    MO_32    = 2,
    MO_64    = 3,
    MO_SIZE  = 3,
    MO_BSWAP = 8,
    MO_LE    = 0,
    MO_BE    = MO_BSWAP,
    MO_TE    = MO_LE,       /* x86 is the only target */
    MO_UB    = MO_8,
    MO_UW    = MO_16,
    MO_UL    = MO_32,
    MO_UQ    = MO_64,
    MO_LEUW  = MO_LE | MO_UW,
    MO_LEUL  = MO_LE | MO_UL,
    MO_LEUQ  = MO_LE | MO_UQ,
    MO_BEUW  = MO_BE | MO_UW,
    MO_BEUL  = MO_BE | MO_UL,
    MO_BEUQ  = MO_BE | MO_UQ,
} MemOp;

static inline unsigned memop_size(MemOp op)
{
    return 1u << (op & MO_SIZE);
}

static inline MemOp size_memop(unsigned size)
{
    assert(is_power_of_2(size) && size <= 8);
    return (MemOp)__builtin_ctz(size);
}

#endif
