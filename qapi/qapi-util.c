/*
 * QAPI utilities: enum lookup, bool parsing, name checks, and the number
 * parsers the string-based visitors use.
 */
#include "qemu/osdep.h"
#include <math.h>
#include "qapi/error.h"
#include "qapi/qmp/qerror.h"
#include "qapi/util.h"
#include "qapi/qapi-builtin-types.h"
#include "qapi-util-int.h"

const char *qapi_enum_lookup(const QEnumLookup *lookup, int val)
{
    assert(val >= 0 && val < lookup->size);
    return lookup->array[val];
}

int qapi_enum_parse(const QEnumLookup *lookup, const char *buf,
                    int def, Error **errp)
{
    int i;

    if (!buf) {
        return def;
    }
    for (i = 0; i < lookup->size; i++) {
        if (!strcmp(buf, lookup->array[i])) {
            return i;
        }
    }
    error_setg(errp, "invalid parameter value: %s", buf);
    return def;
}

bool qapi_bool_parse(const char *name, const char *value, bool *obj,
                     Error **errp)
{
    if (g_str_equal(value, "on") || g_str_equal(value, "yes") ||
        g_str_equal(value, "true") || g_str_equal(value, "y")) {
        *obj = true;
        return true;
    }
    if (g_str_equal(value, "off") || g_str_equal(value, "no") ||
        g_str_equal(value, "false") || g_str_equal(value, "n")) {
        *obj = false;
        return true;
    }
    error_setg(errp, QERR_INVALID_PARAMETER_VALUE, name, "'on' or 'off'");
    return false;
}

int parse_qapi_name(const char *str, bool complete)
{
    const char *p = str;

    if (*p == '_') {            /* downstream "__RFQDN_" prefix */
        p++;
        if (*p != '_') {
            return -1;
        }
        while (*++p) {
            if (!g_ascii_isalnum(*p) && *p != '-' && *p != '.') {
                break;
            }
        }
        if (*p != '_') {
            return -1;
        }
        p++;
    }

    if (!g_ascii_isalpha(*p)) {
        return -1;
    }
    while (*++p) {
        if (!g_ascii_isalnum(*p) && *p != '-' && *p != '_') {
            break;
        }
    }

    if (complete && *p) {
        return -1;
    }
    return p - str;
}

static const char *const QType_names[] = {
    "none", "qnull", "qnum", "qstring", "qdict", "qlist", "qbool",
};

const QEnumLookup QType_lookup = {
    .array = QType_names,
    .size = QTYPE__MAX,
};

int qapi_parse_int64(const char *str, int base, int64_t *result)
{
    char *end;
    long long val;

    if (!str || !*str) {
        return -EINVAL;
    }
    errno = 0;
    val = strtoll(str, &end, base);
    if (end == str || *end) {
        return -EINVAL;
    }
    if (errno) {
        return -errno;
    }
    *result = val;
    return 0;
}

int qapi_parse_uint64(const char *str, int base, uint64_t *result)
{
    char *end;
    unsigned long long val;
    const char *p = str;

    if (!str || !*str) {
        return -EINVAL;
    }
    while (g_ascii_isspace(*p)) {
        p++;
    }
    if (*p == '-') {
        return -ERANGE;
    }
    errno = 0;
    val = strtoull(str, &end, base);
    if (end == str || *end) {
        return -EINVAL;
    }
    if (errno) {
        return -errno;
    }
    *result = val;
    return 0;
}

int qapi_parse_double(const char *str, double *result)
{
    char *end;
    double val;

    if (!str || !*str) {
        return -EINVAL;
    }
    errno = 0;
    val = g_ascii_strtod(str, &end);
    if (end == str || *end) {
        return -EINVAL;
    }
    if (errno || !isfinite(val)) {
        return -ERANGE;
    }
    *result = val;
    return 0;
}

static int64_t suffix_mul(char suffix)
{
    switch (g_ascii_toupper(suffix)) {
    case 'B':
        return 1;
    case 'K':
        return KiB;
    case 'M':
        return MiB;
    case 'G':
        return GiB;
    case 'T':
        return TiB;
    case 'P':
        return 1024 * TiB;
    case 'E':
        return 1024 * 1024 * TiB;
    }
    return -1;
}

int qapi_parse_size(const char *str, uint64_t *result)
{
    const char *p = str, *num_end;
    char *end;
    uint64_t val;
    int64_t mul = 1;
    double fraction = 0;

    if (!str) {
        return -EINVAL;
    }
    while (g_ascii_isspace(*p)) {
        p++;
    }
    if (*p == '-') {
        return -ERANGE;
    }
    errno = 0;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        /* Hex: integral only, no fraction */
        val = strtoull(p, &end, 16);
    } else {
        val = strtoull(p, &end, 10);
        if (*end == '.') {
            char *fend;

            fraction = g_ascii_strtod(end, &fend);
            if (fend == end + 1 && !g_ascii_isdigit(end[1])) {
                return -EINVAL;
            }
            end = fend;
        }
    }
    if (end == p) {
        return -EINVAL;
    }
    if (errno) {
        return -ERANGE;
    }
    num_end = end;
    if (*num_end) {
        mul = suffix_mul(*num_end);
        if (mul < 0 || num_end[1]) {
            return -EINVAL;
        }
    }
    if (fraction != 0 && mul == 1) {
        return -EINVAL;     /* fractional bytes make no sense */
    }
    if (val > UINT64_MAX / mul) {
        return -ERANGE;
    }
    val *= mul;
    if (fraction != 0) {
        double extra = fraction * mul;

        if ((double)val + extra >= 0x1p64) {
            return -ERANGE;
        }
        val += (uint64_t)extra;
    }
    *result = val;
    return 0;
}

char *qapi_size_to_str(uint64_t val)
{
    static const char *const suffixes[] = {
        "", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"
    };
    uint64_t div;
    int i;

    /*
     * Pick the unit so that the number shown is below 1000 where
     * possible: 1000 B is already shown as 0.977 KiB.
     */
    frexp(val / (1000.0 / 1024.0), &i);
    i = (i - 1) / 10;
    if (i < 0) {
        i = 0;
    }
    if (i >= (int)ARRAY_SIZE(suffixes)) {
        i = ARRAY_SIZE(suffixes) - 1;
    }
    div = 1ULL << (i * 10);

    return g_strdup_printf("%0.3g %sB", (double)val / div, suffixes[i]);
}
