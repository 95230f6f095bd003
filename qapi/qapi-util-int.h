/*
 * Number parsing shared by the string-based visitors (kept private so it
 * cannot clash with util/cutils.c's qemu_strto* family).
 */
#ifndef QAPI_UTIL_INT_H
#define QAPI_UTIL_INT_H

/* Whole-string parses; base 0 accepts 0x.. and 0.. prefixes.  0 or -errno. */
int qapi_parse_int64(const char *str, int base, int64_t *result);
/* Negative input is rejected (unlike strtoull). */
int qapi_parse_uint64(const char *str, int base, uint64_t *result);
/* Finite doubles only. */
int qapi_parse_double(const char *str, double *result);
/*
 * Sizes: a number (decimal, possibly fractional, or hex) with an optional
 * B/K/M/G/T/P/E suffix (binary multiples, case-insensitive).
 */
int qapi_parse_size(const char *str, uint64_t *result);
/* "1.5 KiB"-style rendering, g_free the result. */
char *qapi_size_to_str(uint64_t val);

#endif /* QAPI_UTIL_INT_H */
