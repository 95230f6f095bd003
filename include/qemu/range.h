/*
 * Closed integer ranges [lob, upb] and overlap helpers.
 */
#ifndef QEMU_RANGE_H
#define QEMU_RANGE_H

/* An empty range has lob > upb (canonically lob = 1, upb = 0). */
typedef struct Range {
    uint64_t lob;
    uint64_t upb;
} Range;

static inline bool range_is_empty(const Range *range)
{
    return range->lob > range->upb;
}

static inline bool range_contains(const Range *range, uint64_t val)
{
    return val >= range->lob && val <= range->upb;
}

static inline void range_make_empty(Range *range)
{
    *range = (Range) { 1, 0 };
}

static inline void range_set_bounds(Range *range, uint64_t lob, uint64_t upb)
{
    range->lob = lob;
    range->upb = upb;
    assert(!range_is_empty(range));
}

/* [lob, upb1 - 1]; empty when upb1 == lob. */
static inline void range_set_bounds1(Range *range,
                                     uint64_t lob, uint64_t upb1)
{
    if (!lob && !upb1) {
        *range = (Range) { 0, UINT64_MAX };
    } else {
        range->lob = lob;
        range->upb = upb1 - 1;
    }
}

static inline uint64_t range_lob(Range *range)
{
    assert(!range_is_empty(range));
    return range->lob;
}

static inline uint64_t range_upb(Range *range)
{
    assert(!range_is_empty(range));
    return range->upb;
}

/* Number of values in @range; 0 for the full 64-bit range (2^64). */
static inline uint64_t range_size(const Range *range)
{
    return range->upb - range->lob + 1;
}

/* Grow @range to also cover @extend_by. */
static inline void range_extend(Range *range, Range *extend_by)
{
    if (range_is_empty(extend_by)) {
        return;
    }
    if (range_is_empty(range)) {
        *range = *extend_by;
        return;
    }
    range->lob = MIN(range->lob, extend_by->lob);
    range->upb = MAX(range->upb, extend_by->upb);
}

/* Last byte of [offset, offset + len); wraps only for len == 0. */
static inline uint64_t range_get_last(uint64_t offset, uint64_t len)
{
    return offset + len - 1;
}

static inline int range_covers_byte(uint64_t offset, uint64_t len,
                                    uint64_t byte)
{
    return offset <= byte && byte <= range_get_last(offset, len);
}

/* Do [first1, first1 + len1) and [first2, first2 + len2) intersect? */
static inline int ranges_overlap(uint64_t first1, uint64_t len1,
                                 uint64_t first2, uint64_t len2)
{
    uint64_t last1 = range_get_last(first1, len1);
    uint64_t last2 = range_get_last(first2, len2);

    return !(last2 < first1 || last1 < first2);
}

#endif
