/*
 * String and number helpers: bounded string copies, strict number
 * parsing (qemu_strto*), size parsing with k/M/G/T/P/E suffixes.
 */
#ifndef QEMU_CUTILS_H
#define QEMU_CUTILS_H

#include "qemu/ctype.h"

/* Copy @str into @buf (size @buf_size), always NUL-terminated. */
void pstrcpy(char *buf, int buf_size, const char *str);
/* Like strncpy: pad with @pad, no terminating NUL guaranteed. */
void strpadcpy(char *buf, int buf_size, const char *str, char pad);
char *pstrcat(char *buf, int buf_size, const char *s);
/* If @str starts with @val, store the rest in *@ptr (if non-NULL), return 1. */
int strstart(const char *str, const char *val, const char **ptr);
int stristart(const char *str, const char *val, const char **ptr);
int qemu_strnlen(const char *s, int max_len);
/* Split @input at a delimiter like strsep. */
char *qemu_strsep(char **input, const char *delim);
const char *qemu_strchrnul(const char *s, int c);
time_t mktimegm(struct tm *tm);
int qemu_fdatasync(int fd);
bool buffer_is_zero(const void *buf, size_t len);

/*
 * Strict number parsing.  Return 0 on success, -EINVAL when @nptr is
 * NULL, empty, or not a number (or has trailing garbage and @endptr is
 * NULL), -ERANGE on overflow (*result then saturates).  With @endptr
 * non-NULL, *@endptr is set to the first unparsed char and trailing
 * text is allowed.  @base as for strtol (0 auto-detects 0x/0 prefixes).
 * The unsigned variants accept a leading '-' and negate (like strtoul),
 * but reject values whose magnitude does not fit.
 */
int qemu_strtoi(const char *nptr, const char **endptr, int base,
                int *result);
int qemu_strtoui(const char *nptr, const char **endptr, int base,
                 unsigned int *result);
int qemu_strtol(const char *nptr, const char **endptr, int base,
                long *result);
int qemu_strtoul(const char *nptr, const char **endptr, int base,
                 unsigned long *result);
int qemu_strtoi64(const char *nptr, const char **endptr, int base,
                  int64_t *result);
int qemu_strtou64(const char *nptr, const char **endptr, int base,
                  uint64_t *result);
int qemu_strtod(const char *nptr, const char **endptr, double *result);
int qemu_strtod_finite(const char *nptr, const char **endptr, double *result);

/* Unsigned decimal/hex/octal; rejects '-' and trailing garbage. */
int parse_uint(const char *s, unsigned long long *value, char **endptr,
               int base);
int parse_uint_full(const char *s, unsigned long long *value, int base);

/*
 * Sizes: a number (decimal, or a fraction like "1.5") with an optional
 * suffix B, k/K, M, G, T, P, E.  qemu_strtosz defaults to bytes,
 * qemu_strtosz_MiB to MiB when there is no suffix; qemu_strtosz_metric
 * uses powers of 1000.  0 on success, -EINVAL / -ERANGE otherwise.
 */
int qemu_strtosz(const char *nptr, const char **end, uint64_t *result);
int qemu_strtosz_MiB(const char *nptr, const char **end, uint64_t *result);
int qemu_strtosz_metric(const char *nptr, const char **end, uint64_t *result);

/* Human readable "1.5 GiB" / "2 MHz" (caller frees). */
char *size_to_str(uint64_t val);
char *freq_to_str(uint64_t freq_hz);

/* Is @id a valid identifier: letter followed by letters, digits, - . _ ? */
bool id_wellformed(const char *id);

/* Parse a numeric file descriptor; -1 if @param is not one. */
int qemu_parse_fd(const char *param);


/*
 * Directory of the running executable, set from argv[0] (or
 * /proc/self/exe) by qemu_init_exec_dir() early in main().  QEMU
 * declares these two in osdep.h.
 */
void qemu_init_exec_dir(const char *argv0);
const char *qemu_get_exec_dir(void);
/* Path of installed directory @dir, relocated if the install moved. */
char *get_relocated_path(const char *dir);

/* Hex dump of @size bytes of @buf to @fp, each line prefixed with @prefix. */
void qemu_hexdump(FILE *fp, const char *prefix, const void *bufptr,
                  size_t size);

#endif
