/*
 * String and number helpers.
 */
#include "qemu/osdep.h"
#include <math.h>
#include "qemu/cutils.h"
#include "qemu/host-utils.h"

void strpadcpy(char *buf, int buf_size, const char *str, char pad)
{
    int len = qemu_strnlen(str, buf_size);

    memcpy(buf, str, len);
    memset(buf + len, pad, buf_size - len);
}

void pstrcpy(char *buf, int buf_size, const char *str)
{
    int n;

    if (buf_size <= 0) {
        return;
    }
    n = qemu_strnlen(str, buf_size - 1);
    memcpy(buf, str, n);
    buf[n] = '\0';
}

char *pstrcat(char *buf, int buf_size, const char *s)
{
    int len = qemu_strnlen(buf, buf_size);

    if (len < buf_size) {
        pstrcpy(buf + len, buf_size - len, s);
    }
    return buf;
}

int strstart(const char *str, const char *val, const char **ptr)
{
    size_t n = strlen(val);

    if (strncmp(str, val, n) != 0) {
        return 0;
    }
    if (ptr) {
        *ptr = str + n;
    }
    return 1;
}

int stristart(const char *str, const char *val, const char **ptr)
{
    size_t n = strlen(val);

    if (g_ascii_strncasecmp(str, val, n) != 0) {
        return 0;
    }
    if (ptr) {
        *ptr = str + n;
    }
    return 1;
}

int qemu_strnlen(const char *s, int max_len)
{
    const char *end = memchr(s, '\0', max_len > 0 ? max_len : 0);

    return end ? end - s : MAX(max_len, 0);
}

char *qemu_strsep(char **input, const char *delim)
{
    char *start = *input;
    char *p;

    if (!start) {
        return NULL;
    }
    p = strpbrk(start, delim);
    if (p) {
        *p = '\0';
        *input = p + 1;
    } else {
        *input = NULL;
    }
    return start;
}

const char *qemu_strchrnul(const char *s, int c)
{
    return strchrnul(s, c);
}

time_t mktimegm(struct tm *tm)
{
    return timegm(tm);
}

int qemu_fdatasync(int fd)
{
    return fdatasync(fd);
}

bool buffer_is_zero(const void *buf, size_t len)
{
    const unsigned char *p = buf;
    size_t i;

    for (i = 0; i < len; i++) {
        if (p[i]) {
            return false;
        }
    }
    return true;
}

/*
 * Shared tail of the qemu_strto* family: decide between success,
 * -EINVAL (nothing parsed, or trailing junk the caller can't see) and
 * the errno the libc conversion reported.
 */
static int check_strtox_error(const char *nptr, char *ep,
                              const char **endptr, int libc_errno)
{
    assert(ep >= nptr);
    if (endptr) {
        *endptr = ep;
    }
    if (libc_errno == 0 && ep == nptr) {
        return -EINVAL;
    }
    if (!endptr && *ep) {
        return -EINVAL;
    }
    return -libc_errno;
}

static bool strtox_null(const char *nptr, const char **endptr)
{
    if (!nptr) {
        if (endptr) {
            *endptr = nptr;
        }
        return true;
    }
    return false;
}

int qemu_strtoi(const char *nptr, const char **endptr, int base,
                int *result)
{
    char *ep;
    long long v;

    if (strtox_null(nptr, endptr)) {
        return -EINVAL;
    }
    errno = 0;
    v = strtoll(nptr, &ep, base);
    if (v > INT_MAX) {
        *result = INT_MAX;
        errno = ERANGE;
    } else if (v < INT_MIN) {
        *result = INT_MIN;
        errno = ERANGE;
    } else {
        *result = v;
    }
    return check_strtox_error(nptr, ep, endptr, errno);
}

int qemu_strtoui(const char *nptr, const char **endptr, int base,
                 unsigned int *result)
{
    char *ep;
    long long v;

    if (strtox_null(nptr, endptr)) {
        return -EINVAL;
    }
    errno = 0;
    /*
     * Interpreting strtoull's result as signed lets "-1" wrap to
     * UINT_MAX like strtoul would, while "-4294967295" (whose
     * magnitude does not fit an int) is out of range.
     */
    v = (long long)strtoull(nptr, &ep, base);
    if (errno == ERANGE) {
        *result = UINT_MAX;
    } else if (v > (long long)UINT_MAX || v < INT_MIN) {
        *result = UINT_MAX;
        errno = ERANGE;
    } else {
        *result = v;
    }
    return check_strtox_error(nptr, ep, endptr, errno);
}

int qemu_strtol(const char *nptr, const char **endptr, int base,
                long *result)
{
    char *ep;

    if (strtox_null(nptr, endptr)) {
        return -EINVAL;
    }
    errno = 0;
    *result = strtol(nptr, &ep, base);
    return check_strtox_error(nptr, ep, endptr, errno);
}

int qemu_strtoul(const char *nptr, const char **endptr, int base,
                 unsigned long *result)
{
    char *ep;

    if (strtox_null(nptr, endptr)) {
        return -EINVAL;
    }
    errno = 0;
    *result = strtoul(nptr, &ep, base);
    if (errno == ERANGE) {
        *result = ULONG_MAX;
    }
    return check_strtox_error(nptr, ep, endptr, errno);
}

int qemu_strtoi64(const char *nptr, const char **endptr, int base,
                  int64_t *result)
{
    char *ep;

    if (strtox_null(nptr, endptr)) {
        return -EINVAL;
    }
    errno = 0;
    QEMU_BUILD_BUG_ON(sizeof(int64_t) != sizeof(long long));
    *result = strtoll(nptr, &ep, base);
    return check_strtox_error(nptr, ep, endptr, errno);
}

int qemu_strtou64(const char *nptr, const char **endptr, int base,
                  uint64_t *result)
{
    char *ep;

    if (strtox_null(nptr, endptr)) {
        return -EINVAL;
    }
    errno = 0;
    *result = strtoull(nptr, &ep, base);
    if (errno == ERANGE) {
        *result = UINT64_MAX;
    }
    return check_strtox_error(nptr, ep, endptr, errno);
}

int qemu_strtod(const char *nptr, const char **endptr, double *result)
{
    char *ep;

    if (strtox_null(nptr, endptr)) {
        return -EINVAL;
    }
    errno = 0;
    *result = strtod(nptr, &ep);
    return check_strtox_error(nptr, ep, endptr, errno);
}

int qemu_strtod_finite(const char *nptr, const char **endptr, double *result)
{
    double tmp;
    int ret = qemu_strtod(nptr, endptr, &tmp);

    if (!ret && !isfinite(tmp)) {
        if (endptr) {
            *endptr = nptr;
        }
        return -EINVAL;
    }
    if (ret != -EINVAL) {
        *result = tmp;
    }
    return ret;
}

int parse_uint(const char *s, unsigned long long *value, char **endptr,
               int base)
{
    char *endp = (char *)s;
    unsigned long long val = 0;
    int r = 0;

    if (!s) {
        r = -EINVAL;
        goto out;
    }
    errno = 0;
    val = strtoull(s, &endp, base);
    if (errno) {
        r = -errno;
        goto out;
    }
    if (endp == s) {
        r = -EINVAL;
        goto out;
    }
    /* strtoull happily negates "-5"; we want unsigned input only. */
    while (g_ascii_isspace(*s)) {
        s++;
    }
    if (*s == '-') {
        val = 0;
        r = -ERANGE;
    }
out:
    *value = val;
    *endptr = endp;
    return r;
}

int parse_uint_full(const char *s, unsigned long long *value, int base)
{
    char *endp;
    int r = parse_uint(s, value, &endp, base);

    if (r < 0) {
        return r;
    }
    if (*endp) {
        *value = 0;
        return -EINVAL;
    }
    return 0;
}

/* Multiplier for size suffix @c, or -1 if @c is not a suffix. */
static int64_t suffix_mul(char c, int64_t unit)
{
    static const char suffixes[] = "KMGTPE";
    const char *p;
    int64_t mul = 1;

    if (c == 'B' || c == 'b') {
        return 1;
    }
    p = c ? strchr(suffixes, g_ascii_toupper(c)) : NULL;
    if (!p) {
        return -1;
    }
    for (int i = 0; i <= p - suffixes; i++) {
        mul *= unit;
    }
    return mul;
}

/*
 * Parse "<integer>[.<fraction>][suffix]".  The fraction is kept as
 * 64-bit fixed point so that e.g. "1.5k" is exact and large integral
 * values never lose precision through a double.
 */
static int do_strtosz(const char *nptr, const char **end,
                      char default_suffix, int64_t unit, uint64_t *result)
{
    const char *endptr = nptr;
    const char *f;
    uint64_t val, valf = 0;
    int64_t mul;
    int ret;

    ret = qemu_strtou64(nptr, &endptr, 10, &val);
    if (ret) {
        goto out;
    }
    if (memchr(nptr, '-', endptr - nptr)) {
        /* Negative sizes make no sense. */
        endptr = nptr;
        ret = -EINVAL;
        goto out;
    }
    if (val == 0 && (*endptr == 'x' || *endptr == 'X')) {
        /* Hex is not a size. */
        ret = -EINVAL;
        goto out;
    }
    if (*endptr == '.') {
        double fraction;

        f = endptr;
        if (qemu_strtod_finite(f, &endptr, &fraction)) {
            /* "1.k": a '.' with no digits is allowed. */
            endptr = f + 1;
        } else if (memchr(f, 'e', endptr - f) || memchr(f, 'E', endptr - f)) {
            endptr = nptr;
            ret = -EINVAL;
            goto out;
        } else {
            valf = (uint64_t)(fraction * 0x1p64);
        }
    }
    mul = suffix_mul(*endptr, unit);
    if (mul > 0) {
        endptr++;
    } else {
        mul = suffix_mul(default_suffix, unit);
        assert(mul > 0);
    }
    if (mul == 1) {
        if (valf) {
            /* Fractional bytes. */
            endptr = nptr;
            ret = -EINVAL;
            goto out;
        }
    } else {
        uint64_t hi, frac_hi, frac_lo;

        mulu64(&val, &hi, val, mul);
        mulu64(&frac_lo, &frac_hi, valf, mul);
        val += frac_hi;
        hi += val < frac_hi;
        if (hi) {
            ret = -ERANGE;
            goto out;
        }
    }
    ret = 0;

out:
    if (end) {
        *end = endptr;
    } else if (*endptr) {
        ret = -EINVAL;
    }
    if (ret == 0) {
        *result = val;
    }
    return ret;
}

int qemu_strtosz(const char *nptr, const char **end, uint64_t *result)
{
    return do_strtosz(nptr, end, 'B', 1024, result);
}

int qemu_strtosz_MiB(const char *nptr, const char **end, uint64_t *result)
{
    return do_strtosz(nptr, end, 'M', 1024, result);
}

int qemu_strtosz_metric(const char *nptr, const char **end, uint64_t *result)
{
    return do_strtosz(nptr, end, 'B', 1000, result);
}

char *size_to_str(uint64_t val)
{
    static const char *const prefixes[] = {
        "", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"
    };
    double v = val;
    int i = 0;

    /* Switch unit once the number would print as 1000 or more. */
    while (v >= 1000 && i < (int)ARRAY_SIZE(prefixes) - 1) {
        v /= 1024;
        i++;
    }
    return g_strdup_printf("%0.3g %sB", v, prefixes[i]);
}

char *freq_to_str(uint64_t freq_hz)
{
    static const char *const prefixes[] = { "", "K", "M", "G", "T", "P", "E" };
    double freq = freq_hz;
    int i = 0;

    while (freq >= 1000.0 && i < (int)ARRAY_SIZE(prefixes) - 1) {
        freq /= 1000.0;
        i++;
    }
    return g_strdup_printf("%0.3g %sHz", freq, prefixes[i]);
}

bool id_wellformed(const char *id)
{
    int i;

    if (!g_ascii_isalpha(id[0])) {
        return false;
    }
    for (i = 1; id[i]; i++) {
        if (!g_ascii_isalnum(id[i]) && !strchr("-._", id[i])) {
            return false;
        }
    }
    return true;
}

int qemu_parse_fd(const char *param)
{
    long fd;
    char *end;

    errno = 0;
    fd = strtol(param, &end, 10);
    if (end == param || errno || *end || fd < 0 || fd > INT_MAX) {
        return -1;
    }
    return fd;
}

void qemu_hexdump(FILE *fp, const char *prefix, const void *bufptr,
                  size_t size)
{
    const unsigned char *buf = bufptr;
    size_t b, i;

    for (b = 0; b < size; b += 16) {
        fprintf(fp, "%s: %04zx:", prefix, b);
        for (i = b; i < b + 16; i++) {
            if (i < size) {
                fprintf(fp, " %02x", buf[i]);
            } else {
                fprintf(fp, "   ");
            }
        }
        fprintf(fp, " ");
        for (i = b; i < b + 16 && i < size; i++) {
            fputc(g_ascii_isprint(buf[i]) ? buf[i] : '.', fp);
        }
        fprintf(fp, "\n");
    }
}

static char *exec_dir;

void qemu_init_exec_dir(const char *argv0)
{
    g_autofree char *exe = g_file_read_link("/proc/self/exe", NULL);
    g_autofree char *abs = NULL;

    if (exec_dir) {
        return;
    }
    if (!exe && argv0) {
        /* No procfs: fall back to argv[0], made absolute. */
        abs = g_canonicalize_filename(argv0, NULL);
    }
    if (exe || abs) {
        exec_dir = g_path_get_dirname(exe ? exe : abs);
    }
}

const char *qemu_get_exec_dir(void)
{
    return exec_dir;
}

/*
 * Installed paths are absolute and we are not built relocatable, so
 * the configured path is the answer.
 */
char *get_relocated_path(const char *dir)
{
    return g_strdup(dir);
}
