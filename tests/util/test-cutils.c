/*
 * cutils: strict number parsing, sizes, string helpers.
 */
#include "qemu/osdep.h"
#include "qemu/cutils.h"

static void test_strtoi(void)
{
    const char *end;
    int res = 999;

    g_assert_cmpint(qemu_strtoi("123", NULL, 0, &res), ==, 0);
    g_assert_cmpint(res, ==, 123);
    g_assert_cmpint(qemu_strtoi("-42", NULL, 10, &res), ==, 0);
    g_assert_cmpint(res, ==, -42);
    g_assert_cmpint(qemu_strtoi("0x1f", NULL, 0, &res), ==, 0);
    g_assert_cmpint(res, ==, 31);
    g_assert_cmpint(qemu_strtoi("010", NULL, 0, &res), ==, 0);
    g_assert_cmpint(res, ==, 8);
    g_assert_cmpint(qemu_strtoi(" 7", NULL, 0, &res), ==, 0);
    g_assert_cmpint(res, ==, 7);

    /* Trailing junk: an error unless the caller takes @endptr. */
    g_assert_cmpint(qemu_strtoi("12a", NULL, 10, &res), ==, -EINVAL);
    g_assert_cmpint(qemu_strtoi("12a", &end, 10, &res), ==, 0);
    g_assert_cmpint(res, ==, 12);
    g_assert_cmpstr(end, ==, "a");

    /* Nothing to parse. */
    g_assert_cmpint(qemu_strtoi("", NULL, 0, &res), ==, -EINVAL);
    g_assert_cmpint(qemu_strtoi("abc", &end, 10, &res), ==, -EINVAL);
    g_assert_cmpstr(end, ==, "abc");
    end = "x";
    g_assert_cmpint(qemu_strtoi(NULL, &end, 0, &res), ==, -EINVAL);
    g_assert_null(end);

    /* Overflow saturates. */
    g_assert_cmpint(qemu_strtoi("2147483647", NULL, 0, &res), ==, 0);
    g_assert_cmpint(res, ==, INT_MAX);
    g_assert_cmpint(qemu_strtoi("2147483648", NULL, 0, &res), ==, -ERANGE);
    g_assert_cmpint(res, ==, INT_MAX);
    g_assert_cmpint(qemu_strtoi("-2147483649", NULL, 0, &res), ==, -ERANGE);
    g_assert_cmpint(res, ==, INT_MIN);
    g_assert_cmpint(qemu_strtoi("99999999999999999999", &end, 0, &res), ==,
                    -ERANGE);
    g_assert_cmpint(res, ==, INT_MAX);
    g_assert_cmpstr(end, ==, "");
}

static void test_strtoui(void)
{
    unsigned int res;

    g_assert_cmpint(qemu_strtoui("4294967295", NULL, 0, &res), ==, 0);
    g_assert_cmpuint(res, ==, UINT_MAX);
    g_assert_cmpint(qemu_strtoui("4294967296", NULL, 0, &res), ==, -ERANGE);
    g_assert_cmpuint(res, ==, UINT_MAX);
    /* Like strtoul, a negative number wraps ... */
    g_assert_cmpint(qemu_strtoui("-1", NULL, 0, &res), ==, 0);
    g_assert_cmpuint(res, ==, UINT_MAX);
    /* ... unless its magnitude doesn't fit. */
    g_assert_cmpint(qemu_strtoui("-4294967295", NULL, 0, &res), ==, -ERANGE);
}

static void test_strtol_family(void)
{
    long l;
    unsigned long ul;
    int64_t i64;
    uint64_t u64;

    g_assert_cmpint(qemu_strtol("-9223372036854775808", NULL, 0, &l), ==, 0);
    g_assert_cmpint(l, ==, LONG_MIN);
    g_assert_cmpint(qemu_strtol("9223372036854775808", NULL, 0, &l), ==,
                    -ERANGE);
    g_assert_cmpint(l, ==, LONG_MAX);
    g_assert_cmpint(qemu_strtoul("18446744073709551615", NULL, 0, &ul), ==, 0);
    g_assert_cmpuint(ul, ==, ULONG_MAX);
    g_assert_cmpint(qemu_strtoul("18446744073709551616", NULL, 0, &ul), ==,
                    -ERANGE);
    g_assert_cmpuint(ul, ==, ULONG_MAX);
    g_assert_cmpint(qemu_strtoi64("-0x10", NULL, 0, &i64), ==, 0);
    g_assert_cmpint(i64, ==, -16);
    g_assert_cmpint(qemu_strtoi64("9223372036854775808", NULL, 0, &i64), ==,
                    -ERANGE);
    g_assert_cmpint(i64, ==, INT64_MAX);
    g_assert_cmpint(qemu_strtou64("0xffffffffffffffff", NULL, 0, &u64), ==, 0);
    g_assert_cmpuint(u64, ==, UINT64_MAX);
    g_assert_cmpint(qemu_strtou64("18446744073709551616", NULL, 0, &u64), ==,
                    -ERANGE);
    g_assert_cmpuint(u64, ==, UINT64_MAX);
    g_assert_cmpint(qemu_strtou64("1 ", NULL, 0, &u64), ==, -EINVAL);
}

static void test_parse_uint(void)
{
    unsigned long long v;
    char *end;

    g_assert_cmpint(parse_uint_full("123", &v, 0), ==, 0);
    g_assert_cmpuint(v, ==, 123);
    g_assert_cmpint(parse_uint_full("-1", &v, 0), ==, -ERANGE);
    g_assert_cmpuint(v, ==, 0);
    g_assert_cmpint(parse_uint_full("12x", &v, 0), ==, -EINVAL);
    g_assert_cmpint(parse_uint_full("", &v, 0), ==, -EINVAL);
    g_assert_cmpint(parse_uint("42,rest", &v, &end, 0), ==, 0);
    g_assert_cmpuint(v, ==, 42);
    g_assert_cmpstr(end, ==, ",rest");
}

static void test_strtosz(void)
{
    static const struct {
        const char *in;
        uint64_t out;
    } ok[] = {
        { "0", 0 },
        { "12345", 12345 },
        { "1B", 1 },
        { "1b", 1 },
        { "1k", 1024 },
        { "1K", 1024 },
        { "1M", 1024 * 1024 },
        { "1m", 1024 * 1024 },
        { "1G", 1024ULL * 1024 * 1024 },
        { "1T", 1ULL << 40 },
        { "1P", 1ULL << 50 },
        { "1E", 1ULL << 60 },
        { "1.5k", 1536 },
        { "0.5M", 512 * 1024 },
        { "1.k", 1024 },
        { "0.25k", 256 },
        { " 10", 10 },
        { "18446744073709551615", UINT64_MAX },
    };
    static const char *const invalid[] = {
        "", " ", "abc", "-1", "- 1", "-0", "1.5", "0x10", "1q", "1e3",
        "1.5e3", "1 k", "k",
    };
    static const char *const range[] = {
        "16E", "18446744073709551616", "17179869184G",
    };
    const char *end;
    uint64_t res;
    int i;

    for (i = 0; i < ARRAY_SIZE(ok); i++) {
        res = 0xbad;
        g_assert_cmpint(qemu_strtosz(ok[i].in, NULL, &res), ==, 0);
        g_assert_cmpuint(res, ==, ok[i].out);
    }
    for (i = 0; i < ARRAY_SIZE(invalid); i++) {
        res = 0xbad;
        g_assert_cmpint(qemu_strtosz(invalid[i], NULL, &res), ==, -EINVAL);
        /* Failure leaves the result alone. */
        g_assert_cmpuint(res, ==, 0xbad);
    }
    for (i = 0; i < ARRAY_SIZE(range); i++) {
        g_assert_cmpint(qemu_strtosz(range[i], NULL, &res), ==, -ERANGE);
    }

    /* With @end, trailing text is returned rather than rejected. */
    g_assert_cmpint(qemu_strtosz("8Mfoo", &end, &res), ==, 0);
    g_assert_cmpuint(res, ==, 8 * 1024 * 1024);
    g_assert_cmpstr(end, ==, "foo");
    g_assert_cmpint(qemu_strtosz("123,x", &end, &res), ==, 0);
    g_assert_cmpuint(res, ==, 123);
    g_assert_cmpstr(end, ==, ",x");

    g_assert_cmpint(qemu_strtosz_MiB("12", NULL, &res), ==, 0);
    g_assert_cmpuint(res, ==, 12 * 1024 * 1024);
    g_assert_cmpint(qemu_strtosz_MiB("12k", NULL, &res), ==, 0);
    g_assert_cmpuint(res, ==, 12 * 1024);
    g_assert_cmpint(qemu_strtosz_MiB("0.5", NULL, &res), ==, 0);
    g_assert_cmpuint(res, ==, 512 * 1024);
    g_assert_cmpint(qemu_strtosz_metric("1k", NULL, &res), ==, 0);
    g_assert_cmpuint(res, ==, 1000);
    g_assert_cmpint(qemu_strtosz_metric("2.5M", NULL, &res), ==, 0);
    g_assert_cmpuint(res, ==, 2500000);
}

static void test_strings(void)
{
    char buf[8];
    const char *rest;

    pstrcpy(buf, sizeof(buf), "truncated string");
    g_assert_cmpstr(buf, ==, "truncat");
    pstrcpy(buf, sizeof(buf), "ab");
    pstrcat(buf, sizeof(buf), "cdefghij");
    g_assert_cmpstr(buf, ==, "abcdefg");

    g_assert_true(strstart("file:foo", "file:", &rest));
    g_assert_cmpstr(rest, ==, "foo");
    g_assert_false(strstart("File:foo", "file:", &rest));
    g_assert_true(stristart("File:foo", "file:", &rest));
    g_assert_cmpstr(rest, ==, "foo");
    g_assert_true(strstart("x", "", NULL));

    rest = "a,b";
    g_assert_true(qemu_strchrnul(rest, ',') == rest + 1);
    g_assert_true(qemu_strchrnul(rest, 'z') == rest + 3);
}

static void test_size_to_str(void)
{
    static const struct {
        uint64_t in;
        const char *out;
    } cases[] = {
        { 0, "0 B" },
        { 999, "999 B" },
        { 1000, "0.977 KiB" },
        { 1024, "1 KiB" },
        { 1536, "1.5 KiB" },
        { 512 * 1024 * 1024, "512 MiB" },
        { 4ULL << 30, "4 GiB" },
        { UINT64_MAX, "16 EiB" },
    };
    int i;

    for (i = 0; i < ARRAY_SIZE(cases); i++) {
        g_autofree char *s = size_to_str(cases[i].in);

        g_assert_cmpstr(s, ==, cases[i].out);
    }
}

static void test_freq_to_str(void)
{
    g_autofree char *a = freq_to_str(999);
    g_autofree char *b = freq_to_str(1000000);
    g_autofree char *c = freq_to_str(2500000000ULL);

    g_assert_cmpstr(a, ==, "999 Hz");
    g_assert_cmpstr(b, ==, "1 MHz");
    g_assert_cmpstr(c, ==, "2.5 GHz");
}

static void test_id_wellformed(void)
{
    g_assert_true(id_wellformed("a"));
    g_assert_true(id_wellformed("disk0.x_y-z"));
    g_assert_false(id_wellformed(""));
    g_assert_false(id_wellformed("0a"));
    g_assert_false(id_wellformed("_a"));
    g_assert_false(id_wellformed("a b"));
    g_assert_false(id_wellformed("a,b"));
}

static void test_parse_fd(void)
{
    g_assert_cmpint(qemu_parse_fd("3"), ==, 3);
    g_assert_cmpint(qemu_parse_fd("0"), ==, 0);
    g_assert_cmpint(qemu_parse_fd("-1"), ==, -1);
    g_assert_cmpint(qemu_parse_fd("x"), ==, -1);
    g_assert_cmpint(qemu_parse_fd("3x"), ==, -1);
    g_assert_cmpint(qemu_parse_fd(""), ==, -1);
    g_assert_cmpint(qemu_parse_fd("99999999999"), ==, -1);
}

static void test_ctype(void)
{
    char high = (char)0xe9;     /* negative as a plain char */

    g_assert_true(qemu_isdigit('7'));
    g_assert_false(qemu_isdigit('x'));
    g_assert_true(qemu_isspace('\t'));
    g_assert_false(qemu_isspace(high));
    g_assert_false(qemu_isalpha(high));
    g_assert_cmpint(qemu_toupper('k'), ==, 'K');
    g_assert_true(qemu_isxdigit('F'));
}

static void test_exec_dir(void)
{
    g_autofree char *self = g_file_read_link("/proc/self/exe", NULL);
    g_autofree char *dir = g_path_get_dirname(self);

    qemu_init_exec_dir("ignored");
    g_assert_cmpstr(qemu_get_exec_dir(), ==, dir);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/cutils/exec-dir", test_exec_dir);
    g_test_add_func("/cutils/ctype", test_ctype);
    g_test_add_func("/cutils/strtoi", test_strtoi);
    g_test_add_func("/cutils/strtoui", test_strtoui);
    g_test_add_func("/cutils/strtol-family", test_strtol_family);
    g_test_add_func("/cutils/parse-uint", test_parse_uint);
    g_test_add_func("/cutils/strtosz", test_strtosz);
    g_test_add_func("/cutils/strings", test_strings);
    g_test_add_func("/cutils/size-to-str", test_size_to_str);
    g_test_add_func("/cutils/freq-to-str", test_freq_to_str);
    g_test_add_func("/cutils/id-wellformed", test_id_wellformed);
    g_test_add_func("/cutils/parse-fd", test_parse_fd);
    return g_test_run();
}
