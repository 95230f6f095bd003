/*
 * QemuOpts parsing, typed getters, ids, merging, help, QDict
 * conversion and the option group registry.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qmp/qdict.h"
#include "qapi/qmp/qlist.h"
#include "qemu/config-file.h"
#include "qemu/error-report.h"
#include "qemu/help_option.h"
#include "qemu/option.h"

static QemuOptsList opts_list_01 = {
    .name = "opts_list_01",
    .implied_opt_name = "str1",
    .head = QTAILQ_HEAD_INITIALIZER(opts_list_01.head),
    .desc = {
        {
            .name = "str1",
            .type = QEMU_OPT_STRING,
            .help = "Help texts are preserved",
        }, {
            .name = "str2",
            .type = QEMU_OPT_STRING,
        }, {
            .name = "bool1",
            .type = QEMU_OPT_BOOL,
        }, {
            .name = "number1",
            .type = QEMU_OPT_NUMBER,
        }, {
            .name = "size1",
            .type = QEMU_OPT_SIZE,
        }, {
            .name = "defaulted",
            .type = QEMU_OPT_NUMBER,
            .def_value_str = "17",
        },
        { /* end of list */ }
    },
};

static QemuOptsList opts_list_merge = {
    .name = "machine_like",
    .merge_lists = true,
    .implied_opt_name = "type",
    .head = QTAILQ_HEAD_INITIALIZER(opts_list_merge.head),
    .desc = {
        { .name = "type", .type = QEMU_OPT_STRING },
        { .name = "a", .type = QEMU_OPT_NUMBER },
        { .name = "b", .type = QEMU_OPT_BOOL },
        { /* end of list */ }
    },
};

static QemuOptsList opts_list_any = {
    .name = "anything",
    .implied_opt_name = "driver",
    .head = QTAILQ_HEAD_INITIALIZER(opts_list_any.head),
    .desc = {
        { /* end of list: accept any option */ }
    },
};

static void reset_all(void)
{
    qemu_opts_reset(&opts_list_01);
    qemu_opts_reset(&opts_list_merge);
    qemu_opts_reset(&opts_list_any);
}

/* Parse @params expecting failure; check message and return it freed. */
static void assert_parse_error(QemuOptsList *list, const char *params,
                               const char *msg, const char *hint)
{
    Error *err = NULL;
    QemuOpts *opts = qemu_opts_parse(list, params, false, &err);

    g_assert_null(opts);
    g_assert_nonnull(err);
    g_assert_cmpstr(error_get_pretty(err), ==, msg);
    if (hint) {
        g_assert_cmpstr(error_get_hint(err), ==, hint);
    }
    error_free(err);
}

static void test_parse_basic(void)
{
    QemuOpts *opts;

    opts = qemu_opts_parse(&opts_list_01,
                           "str1=hello,str2=a,,b,,,,c,bool1=on,number1=42,"
                           "size1=1k", false, &error_abort);
    g_assert_cmpstr(qemu_opt_get(opts, "str1"), ==, "hello");
    /* ",," is an escaped comma. */
    g_assert_cmpstr(qemu_opt_get(opts, "str2"), ==, "a,b,,c");
    g_assert_true(qemu_opt_get_bool(opts, "bool1", false));
    g_assert_cmpuint(qemu_opt_get_number(opts, "number1", 0), ==, 42);
    g_assert_cmpuint(qemu_opt_get_size(opts, "size1", 0), ==, 1024);
    /* Absent options give the default passed in, or the descriptor's. */
    g_assert_null(qemu_opt_get(opts, "nope"));
    g_assert_cmpuint(qemu_opt_get_number(opts, "defaulted", 5), ==, 17);
    g_assert_cmpstr(qemu_opt_get(opts, "defaulted"), ==, "17");
    g_assert_null(qemu_opts_id(opts));
    qemu_opts_del(opts);
    g_assert_true(QTAILQ_EMPTY(&opts_list_01.head));
}

static void test_parse_last_wins(void)
{
    QemuOpts *opts = qemu_opts_parse(&opts_list_01, "number1=1,number1=2",
                                     false, &error_abort);
    QemuOptsIter iter;

    g_assert_cmpuint(qemu_opt_get_number(opts, "number1", 0), ==, 2);
    qemu_opt_iter_init(&iter, opts, "number1");
    g_assert_cmpstr(qemu_opt_iter_next(&iter), ==, "1");
    g_assert_cmpstr(qemu_opt_iter_next(&iter), ==, "2");
    g_assert_null(qemu_opt_iter_next(&iter));
    reset_all();
}

static void test_implied(void)
{
    QemuOpts *opts;

    opts = qemu_opts_parse(&opts_list_01, "first,,value,str2=x", true,
                           &error_abort);
    g_assert_cmpstr(qemu_opt_get(opts, "str1"), ==, "first,value");
    g_assert_cmpstr(qemu_opt_get(opts, "str2"), ==, "x");
    qemu_opts_del(opts);

    /* With permit_abbrev, even "help" is just the implied value. */
    opts = qemu_opts_parse(&opts_list_01, "help", true, &error_abort);
    g_assert_cmpstr(qemu_opt_get(opts, "str1"), ==, "help");
    qemu_opts_del(opts);

    /* Without it, a bare word is a flag, so an unknown one is invalid. */
    assert_parse_error(&opts_list_01, "first", "Invalid parameter 'first'",
                       NULL);
}

static void test_short_bool(void)
{
    QemuOpts *opts;

    opts = qemu_opts_parse(&opts_list_01, "bool1", false, &error_abort);
    g_assert_true(qemu_opt_get_bool(opts, "bool1", false));
    qemu_opts_del(opts);
    opts = qemu_opts_parse(&opts_list_01, "nobool1", false, &error_abort);
    g_assert_false(qemu_opt_get_bool(opts, "bool1", true));
    qemu_opts_del(opts);
}

static void test_short_bool_warning(void)
{
    if (g_test_subprocess()) {
        QemuOpts *opts;

        error_init("test");
        opts = qemu_opts_parse_noisily(&opts_list_01, "bool1,nobool1", false);
        g_assert_nonnull(opts);
        g_assert_false(qemu_opt_get_bool(opts, "bool1", true));
        return;
    }
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_passed();
    g_test_trap_assert_stderr(
        "test: warning: short-form boolean option 'bool1' deprecated\n"
        "Please use bool1=on instead\n"
        "test: warning: short-form boolean option 'nobool1' deprecated\n"
        "Please use bool1=off instead\n");
}

static void test_ids(void)
{
    Error *err = NULL;
    QemuOpts *opts, *opts2;

    opts = qemu_opts_parse(&opts_list_01, "str1=a,id=disk0", false,
                           &error_abort);
    g_assert_cmpstr(qemu_opts_id(opts), ==, "disk0");
    /* "id" is not stored as an option. */
    g_assert_null(qemu_opt_find(opts, "id"));
    g_assert_true(qemu_opts_find(&opts_list_01, "disk0") == opts);
    g_assert_null(qemu_opts_find(&opts_list_01, "disk1"));

    assert_parse_error(&opts_list_01, "id=disk0,str1=b",
                       "Duplicate ID 'disk0' for opts_list_01", NULL);
    assert_parse_error(&opts_list_01, "id=0disk",
                       "Parameter 'id' expects an identifier",
                       "Identifiers consist of letters, digits, '-', '.', "
                       "'_', starting with a letter.\n");
    assert_parse_error(&opts_list_01, "id=a b",
                       "Parameter 'id' expects an identifier", NULL);

    /* Without fail_if_exists, creating an existing id returns it. */
    opts2 = qemu_opts_create(&opts_list_01, "disk0", 0, &error_abort);
    g_assert_true(opts2 == opts);
    g_assert_null(qemu_opts_create(&opts_list_01, "disk0", 1, &err));
    error_free_or_abort(&err);

    qemu_opts_set_id(opts, g_strdup("renamed"));
    g_assert_true(qemu_opts_find(&opts_list_01, "renamed") == opts);
    reset_all();
}

static void test_merge(void)
{
    QemuOpts *o1, *o2;

    o1 = qemu_opts_parse(&opts_list_merge, "pc,a=1", true, &error_abort);
    o2 = qemu_opts_parse(&opts_list_merge, "b=on", true, &error_abort);
    /* -machine pc,a=1 -machine b=on: one merged QemuOpts. */
    g_assert_true(o1 == o2);
    g_assert_cmpstr(qemu_opt_get(o1, "type"), ==, "pc");
    g_assert_cmpuint(qemu_opt_get_number(o1, "a", 0), ==, 1);
    g_assert_true(qemu_opt_get_bool(o1, "b", false));
    o2 = qemu_opts_parse(&opts_list_merge, "a=2", false, &error_abort);
    g_assert_cmpuint(qemu_opt_get_number(o1, "a", 0), ==, 2);
    g_assert_true(QTAILQ_FIRST(&opts_list_merge.head) == o1);
    g_assert_null(QTAILQ_NEXT(o1, next));

    /* Merged lists take no id. */
    assert_parse_error(&opts_list_merge, "id=m,a=3",
                       "Invalid parameter 'id'", NULL);
    reset_all();
}

static void test_typed_errors(void)
{
    static const char size_hint[] =
        "Optional suffix k, M, G, T, P or E means kilo-, mega-, giga-, "
        "tera-, peta-\nand exabytes, respectively.\n";

    assert_parse_error(&opts_list_01, "bool1=maybe",
                       "Parameter 'bool1' expects 'on' or 'off'", NULL);
    assert_parse_error(&opts_list_01, "number1=abc",
                       "Parameter 'number1' expects a number", NULL);
    assert_parse_error(&opts_list_01, "number1=12abc",
                       "Parameter 'number1' expects a number", NULL);
    assert_parse_error(&opts_list_01, "number1=-",
                       "Parameter 'number1' expects a number", NULL);
    assert_parse_error(&opts_list_01, "number1=18446744073709551616",
                       "Value '18446744073709551616' is too large for "
                       "parameter 'number1'", NULL);
    assert_parse_error(&opts_list_01, "size1=foo",
                       "Parameter 'size1' expects a non-negative number "
                       "below 2^64", size_hint);
    assert_parse_error(&opts_list_01, "size1=-1",
                       "Parameter 'size1' expects a non-negative number "
                       "below 2^64", size_hint);
    assert_parse_error(&opts_list_01, "size1=1q",
                       "Parameter 'size1' expects a non-negative number "
                       "below 2^64", size_hint);
    assert_parse_error(&opts_list_01, "size1=16E",
                       "Value '16E' is out of range for parameter 'size1'",
                       NULL);
    assert_parse_error(&opts_list_01, "unknown=1",
                       "Invalid parameter 'unknown'", NULL);
    /* A failed parse leaves nothing behind. */
    g_assert_true(QTAILQ_EMPTY(&opts_list_01.head));
}

static void test_bool_spellings(void)
{
    static const char *const yes[] = { "on", "yes", "true", "y" };
    static const char *const no[] = { "off", "no", "false", "n" };
    QemuOpts *opts = qemu_opts_create(&opts_list_01, NULL, 0, &error_abort);
    int i;

    for (i = 0; i < ARRAY_SIZE(yes); i++) {
        g_assert_true(qemu_opt_set(opts, "bool1", yes[i], &error_abort));
        g_assert_true(qemu_opt_get_bool(opts, "bool1", false));
        g_assert_true(qemu_opt_set(opts, "bool1", no[i], &error_abort));
        g_assert_false(qemu_opt_get_bool(opts, "bool1", true));
    }
    reset_all();
}

static void test_sizes(void)
{
    static const struct {
        const char *in;
        uint64_t out;
    } cases[] = {
        { "0", 0 },
        { "4096", 4096 },
        { "1k", 1024 },
        { "1K", 1024 },
        { "2M", 2 * MiB },
        { "1.5G", 3 * GiB / 2 },
        { "1T", TiB },
        { "1P", 1ULL << 50 },
        { "1E", 1ULL << 60 },
        { "8B", 8 },
    };
    QemuOpts *opts = qemu_opts_create(&opts_list_01, NULL, 0, &error_abort);
    int i;

    for (i = 0; i < ARRAY_SIZE(cases); i++) {
        g_assert_true(qemu_opt_set(opts, "size1", cases[i].in, &error_abort));
        g_assert_cmpuint(qemu_opt_get_size(opts, "size1", 99), ==,
                         cases[i].out);
    }
    reset_all();
}

static void test_set_and_del(void)
{
    QemuOpts *opts = qemu_opts_create(&opts_list_01, NULL, 0, &error_abort);
    Error *err = NULL;
    char *s;

    g_assert_true(qemu_opt_set_bool(opts, "bool1", true, &error_abort));
    g_assert_true(qemu_opt_set_number(opts, "number1", 77, &error_abort));
    g_assert_true(qemu_opt_set(opts, "str1", "x", &error_abort));
    g_assert_cmpstr(qemu_opt_get(opts, "bool1"), ==, "on");
    g_assert_cmpstr(qemu_opt_get(opts, "number1"), ==, "77");
    g_assert_false(qemu_opt_set_bool(opts, "bogus", true, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Invalid parameter 'bogus'");
    error_free(err);
    err = NULL;
    g_assert_false(qemu_opt_set(opts, "number1", "x", &err));
    error_free_or_abort(&err);
    /* The failed set did not replace the old value. */
    g_assert_cmpuint(qemu_opt_get_number(opts, "number1", 0), ==, 77);

    g_assert_true(qemu_opt_get_bool_del(opts, "bool1", false));
    g_assert_false(qemu_opt_get_bool(opts, "bool1", false));
    g_assert_cmpuint(qemu_opt_get_number_del(opts, "number1", 0), ==, 77);
    g_assert_null(qemu_opt_find(opts, "number1"));
    s = qemu_opt_get_del(opts, "str1");
    g_assert_cmpstr(s, ==, "x");
    g_free(s);
    g_assert_null(qemu_opt_get(opts, "str1"));
    /* _del of an absent option with a default returns the default. */
    s = qemu_opt_get_del(opts, "defaulted");
    g_assert_cmpstr(s, ==, "17");
    g_free(s);
    reset_all();
}

static int count_opt(void *opaque, const char *name, const char *value,
                     Error **errp)
{
    GString *s = opaque;

    g_string_append_printf(s, "%s=%s;", name, value);
    return 0;
}

static void test_opt_foreach(void)
{
    QemuOpts *opts = qemu_opts_parse(&opts_list_01, "str1=a,number1=3",
                                     false, &error_abort);
    g_autoptr(GString) s = g_string_new(NULL);

    g_assert_cmpint(qemu_opt_foreach(opts, count_opt, s, NULL), ==, 0);
    g_assert_cmpstr(s->str, ==, "str1=a;number1=3;");
    reset_all();
}

static void test_help(void)
{
    QemuOpts *opts;

    g_assert_true(has_help_option("help"));
    g_assert_true(has_help_option("a=b,?"));
    g_assert_true(has_help_option("x,help"));
    g_assert_false(has_help_option("a=help"));
    g_assert_false(has_help_option("a=b,c=d"));
    g_assert_true(is_help_option("?"));
    g_assert_false(is_help_option("helpme"));

    /* In a list that accepts anything, "help" becomes an option. */
    opts = qemu_opts_parse(&opts_list_any, "drv,help", true, &error_abort);
    g_assert_true(qemu_opt_has_help_opt(opts));
    g_assert_cmpstr(qemu_opt_get(opts, "driver"), ==, "drv");
    qemu_opts_del(opts);
    opts = qemu_opts_parse(&opts_list_any, "drv,x=1", true, &error_abort);
    g_assert_false(qemu_opt_has_help_opt(opts));
    reset_all();
}

static void test_help_noisily(void)
{
    if (g_test_subprocess()) {
        g_assert_null(qemu_opts_parse_noisily(&opts_list_01, "help", false));
        g_assert_null(qemu_opts_parse_noisily(&opts_list_01, "str1=x,?",
                                              false));
        g_assert_true(QTAILQ_EMPTY(&opts_list_01.head));
        return;
    }
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_passed();
    g_test_trap_assert_stdout(
        "opts_list_01 options:\n"
        "  bool1=<bool (on/off)>\n"
        "  defaulted=<num>\n"
        "  number1=<num>\n"
        "  size1=<size>\n"
        "  str1=<str>             - Help texts are preserved\n"
        "  str2=<str>\n"
        "opts_list_01 options:\n*");
    /* No error is printed when help was asked for. */
    g_test_trap_assert_stderr("");
}

static void test_noisily_error(void)
{
    if (g_test_subprocess()) {
        static char *argv[] = { (char *)"prog", (char *)"-o",
                                (char *)"number1=x", NULL };
        Location loc;

        error_init("prog");
        loc_push_none(&loc);
        loc_set_cmdline(argv, 1, 2);
        g_assert_null(qemu_opts_parse_noisily(&opts_list_01, "number1=x",
                                              false));
        loc_pop(&loc);
        return;
    }
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_passed();
    g_test_trap_assert_stderr(
        "prog: -o number1=x: Parameter 'number1' expects a number\n");
}

static int report_each(void *opaque, QemuOpts *opts, Error **errp)
{
    error_report("processing %s", qemu_opt_get(opts, "str1"));
    return 0;
}

static void test_opts_foreach_loc(void)
{
    if (g_test_subprocess()) {
        static char *argv[] = { (char *)"prog", (char *)"-o", (char *)"str1=a",
                                (char *)"-o", (char *)"str1=b", NULL };
        Location loc;

        error_init("prog");
        loc_push_none(&loc);
        loc_set_cmdline(argv, 1, 2);
        qemu_opts_parse(&opts_list_01, argv[2], false, &error_abort);
        loc_set_cmdline(argv, 3, 2);
        qemu_opts_parse(&opts_list_01, argv[4], false, &error_abort);
        loc_set_none();
        /* Each report names the option that created the QemuOpts. */
        qemu_opts_foreach(&opts_list_01, report_each, NULL, &error_abort);
        error_report("after");
        loc_pop(&loc);
        return;
    }
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_passed();
    g_test_trap_assert_stderr("prog: -o str1=a: processing a\n"
                              "prog: -o str1=b: processing b\n"
                              "prog: after\n");
}

static int stop_at_b(void *opaque, QemuOpts *opts, Error **errp)
{
    int *count = opaque;

    (*count)++;
    if (!strcmp(qemu_opt_get(opts, "str1"), "b")) {
        error_setg(errp, "stop");
        return -1;
    }
    return 0;
}

static void test_opts_foreach_stop(void)
{
    Error *err = NULL;
    int count = 0;

    qemu_opts_parse(&opts_list_01, "str1=a", false, &error_abort);
    qemu_opts_parse(&opts_list_01, "str1=b", false, &error_abort);
    qemu_opts_parse(&opts_list_01, "str1=c", false, &error_abort);
    g_assert_cmpint(qemu_opts_foreach(&opts_list_01, stop_at_b, &count, &err),
                    ==, -1);
    g_assert_cmpint(count, ==, 2);
    error_free_or_abort(&err);
    reset_all();
}

static void test_validate(void)
{
    static const QemuOptDesc desc[] = {
        { .name = "driver", .type = QEMU_OPT_STRING },
        { .name = "n", .type = QEMU_OPT_NUMBER },
        { /* end */ }
    };
    QemuOpts *opts;
    Error *err = NULL;

    opts = qemu_opts_parse(&opts_list_any, "d,n=5", true, &error_abort);
    g_assert_true(qemu_opts_validate(opts, desc, &error_abort));
    g_assert_cmpuint(qemu_opt_get_number(opts, "n", 0), ==, 5);
    qemu_opts_del(opts);

    opts = qemu_opts_parse(&opts_list_any, "d,zz=5", true, &error_abort);
    g_assert_false(qemu_opts_validate(opts, desc, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Invalid parameter 'zz'");
    error_free(err);
    err = NULL;
    g_assert_cmpint(qemu_opt_unset(opts, "zz"), ==, 0);
    g_assert_cmpint(qemu_opt_unset(opts, "zz"), ==, -1);
    qemu_opts_del(opts);

    opts = qemu_opts_parse(&opts_list_any, "d,n=x", true, &error_abort);
    g_assert_false(qemu_opts_validate(opts, desc, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Parameter 'n' expects a number");
    error_free(err);
    reset_all();
}

static void test_qdict(void)
{
    QemuOpts *opts, *back;
    QDict *qdict;
    Error *err = NULL;

    opts = qemu_opts_parse(&opts_list_01, "id=x1,str1=s,number1=5", false,
                           &error_abort);
    qdict = qemu_opts_to_qdict(opts, NULL);
    g_assert_cmpstr(qdict_get_str(qdict, "id"), ==, "x1");
    g_assert_cmpstr(qdict_get_str(qdict, "str1"), ==, "s");
    g_assert_cmpstr(qdict_get_str(qdict, "number1"), ==, "5");
    qemu_opts_del(opts);

    qdict_put_int(qdict, "size1", 4096);
    qdict_put_bool(qdict, "bool1", true);
    back = qemu_opts_from_qdict(&opts_list_01, qdict, &error_abort);
    g_assert_cmpstr(qemu_opts_id(back), ==, "x1");
    g_assert_cmpstr(qemu_opt_get(back, "str1"), ==, "s");
    g_assert_cmpuint(qemu_opt_get_size(back, "size1", 0), ==, 4096);
    g_assert_true(qemu_opt_get_bool(back, "bool1", false));
    qemu_opts_del(back);

    /* Unknown keys are rejected by from_qdict ... */
    qdict_put_str(qdict, "extra", "1");
    g_assert_null(qemu_opts_from_qdict(&opts_list_01, qdict, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Invalid parameter 'extra'");
    error_free(err);

    /* ... but left in place by absorb. */
    opts = qemu_opts_create(&opts_list_01, NULL, 0, &error_abort);
    g_assert_true(qemu_opts_absorb_qdict(opts, qdict, &error_abort));
    g_assert_true(qdict_haskey(qdict, "extra"));
    g_assert_false(qdict_haskey(qdict, "str1"));
    g_assert_cmpstr(qemu_opt_get(opts, "str1"), ==, "s");
    qobject_unref(qdict);

    qdict = qemu_opts_to_qdict_filtered(opts, NULL, &opts_list_merge, true);
    g_assert_cmpuint(qdict_size(qdict), ==, 0);
    qobject_unref(qdict);
    reset_all();
}

static void test_append(void)
{
    QemuOptsList *l = qemu_opts_append(NULL, &opts_list_merge);
    QemuOpts *opts;

    l = qemu_opts_append(l, &opts_list_01);
    l->name = "combined";
    opts = qemu_opts_parse(l, "type=t,str1=s,a=1", false, &error_abort);
    g_assert_cmpstr(qemu_opt_get(opts, "type"), ==, "t");
    g_assert_cmpuint(qemu_opt_get_number(opts, "a", 0), ==, 1);
    qemu_opts_del(opts);
    qemu_opts_free(l);
}

static void test_registry(void)
{
    Error *err = NULL;
    QemuOpts *s1, *s2;

    qemu_add_opts(&opts_list_01);
    qemu_add_opts(&opts_list_merge);
    g_assert_true(qemu_find_opts("opts_list_01") == &opts_list_01);
    g_assert_true(qemu_find_opts_err("machine_like", &error_abort) ==
                  &opts_list_merge);
    g_assert_null(qemu_find_opts_err("nope", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "There is no option group 'nope'");
    error_free(err);
    s1 = qemu_find_opts_singleton("machine_like");
    s2 = qemu_find_opts_singleton("machine_like");
    g_assert_true(s1 == s2);
    reset_all();
}

static void test_query_command_line_options(void)
{
    QList *all, *one;
    QDict *info, *param;
    QList *params;
    Error *err = NULL;

    qemu_add_opts(&opts_list_01);
    qemu_add_opts(&opts_list_merge);
    all = qemu_query_command_line_options(NULL, &error_abort);
    g_assert_cmpuint(qlist_size(all), >=, 2);
    qobject_unref(all);

    one = qemu_query_command_line_options("machine_like", &error_abort);
    g_assert_cmpuint(qlist_size(one), ==, 1);
    info = qobject_to(QDict, qlist_peek(one));
    g_assert_cmpstr(qdict_get_str(info, "option"), ==, "machine_like");
    params = qdict_get_qlist(info, "parameters");
    g_assert_cmpuint(qlist_size(params), ==, 3);
    /* Listed in reverse declaration order, as QEMU does. */
    param = qobject_to(QDict, qlist_peek(params));
    g_assert_cmpstr(qdict_get_str(param, "name"), ==, "b");
    g_assert_cmpstr(qdict_get_str(param, "type"), ==, "boolean");
    qobject_unref(one);

    one = qemu_query_command_line_options("opts_list_01", &error_abort);
    info = qobject_to(QDict, qlist_peek(one));
    params = qdict_get_qlist(info, "parameters");
    param = qobject_to(QDict, qlist_peek(params));
    g_assert_cmpstr(qdict_get_str(param, "name"), ==, "defaulted");
    g_assert_cmpstr(qdict_get_str(param, "default"), ==, "17");
    qobject_unref(one);

    g_assert_null(qemu_query_command_line_options("nope", &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "invalid option name: nope");
    error_free(err);
}

static void test_config_file(void)
{
    static const char cfg[] =
        "# qemu config file\n"
        "\n"
        "[opts_list_01 \"cfg0\"]\n"
        "  str1 = \"hello world\"\n"
        "  number1 = \"5\"\n"
        "\n"
        "[machine_like]\n"
        "  a = \"3\"\n";
    g_autofree char *path = NULL;
    Error *err = NULL;
    QemuOpts *opts;
    int fd;

    qemu_add_opts(&opts_list_01);
    qemu_add_opts(&opts_list_merge);
    fd = g_file_open_tmp("cfg-XXXXXX", &path, NULL);
    g_assert_cmpint(fd, >=, 0);
    close(fd);
    g_assert_true(g_file_set_contents(path, cfg, -1, NULL));
    g_assert_cmpint(qemu_read_config_file(path, NULL, &error_abort), ==, 2);
    opts = qemu_opts_find(&opts_list_01, "cfg0");
    g_assert_nonnull(opts);
    g_assert_cmpstr(qemu_opt_get(opts, "str1"), ==, "hello world");
    g_assert_cmpuint(qemu_opt_get_number(opts, "number1", 0), ==, 5);
    opts = qemu_opts_find(&opts_list_merge, NULL);
    g_assert_cmpuint(qemu_opt_get_number(opts, "a", 0), ==, 3);

    g_assert_true(g_file_set_contents(path, "[nope]\n  x = \"1\"\n", -1,
                                      NULL));
    g_assert_cmpint(qemu_read_config_file(path, NULL, &err), <, 0);
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "There is no option group 'nope'");
    error_free(err);
    err = NULL;
    g_assert_true(g_file_set_contents(path, "garbage\n", -1, NULL));
    g_assert_cmpint(qemu_read_config_file(path, NULL, &err), <, 0);
    g_assert_cmpstr(error_get_pretty(err), ==, "no group defined");
    error_free(err);
    err = NULL;
    g_assert_true(g_file_set_contents(path, "[opts_list_01]\n \t \n", -1,
                                      NULL));
    g_assert_cmpint(qemu_read_config_file(path, NULL, &err), <, 0);
    g_assert_cmpstr(error_get_pretty(err), ==, "parse error");
    error_free(err);
    err = NULL;
    unlink(path);
    g_assert_cmpint(qemu_read_config_file(path, NULL, &err), <, 0);
    error_free_or_abort(&err);
    reset_all();
}

static void test_set_defaults(void)
{
    QemuOpts *opts = qemu_opts_parse(&opts_list_merge, "a=5", false,
                                     &error_abort);

    qemu_opts_set_defaults(&opts_list_merge, "pc,a=1,b=on", 1);
    g_assert_cmpstr(qemu_opt_get(opts, "type"), ==, "pc");
    /* The user's value wins over the default. */
    g_assert_cmpuint(qemu_opt_get_number(opts, "a", 0), ==, 5);
    g_assert_true(qemu_opt_get_bool(opts, "b", false));
    reset_all();
}

static void test_config_file_fatal(void)
{
    if (g_test_subprocess()) {
        g_autofree char *path = NULL;
        int fd = g_file_open_tmp("cfg-XXXXXX", &path, NULL);

        close(fd);
        g_file_set_contents(path, "[nope]\n  x = \"1\"\n", -1, NULL);
        error_init("prog");
        qemu_add_opts(&opts_list_01);
        /* Errors are reported with the file and line. */
        qemu_read_config_file(path, NULL, &error_fatal);
        return;
    }
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_failed();
    g_test_trap_assert_stderr("*cfg-*:2: There is no option group 'nope'\n");
}

static void test_print(void)
{
    if (g_test_subprocess()) {
        QemuOpts *opts = qemu_opts_parse(&opts_list_01,
                                         "id=p,str1=a,,b,number1=0x10",
                                         false, &error_abort);
        qemu_opts_print(opts, " ");
        printf("\n");
        return;
    }
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_passed();
    g_test_trap_assert_stdout("id=p str1=a,,b number1=16 defaulted=17\n");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/qemu-opts/parse-basic", test_parse_basic);
    g_test_add_func("/qemu-opts/parse-last-wins", test_parse_last_wins);
    g_test_add_func("/qemu-opts/implied", test_implied);
    g_test_add_func("/qemu-opts/short-bool", test_short_bool);
    g_test_add_func("/qemu-opts/short-bool-warning", test_short_bool_warning);
    g_test_add_func("/qemu-opts/ids", test_ids);
    g_test_add_func("/qemu-opts/merge", test_merge);
    g_test_add_func("/qemu-opts/typed-errors", test_typed_errors);
    g_test_add_func("/qemu-opts/bool-spellings", test_bool_spellings);
    g_test_add_func("/qemu-opts/sizes", test_sizes);
    g_test_add_func("/qemu-opts/set-and-del", test_set_and_del);
    g_test_add_func("/qemu-opts/opt-foreach", test_opt_foreach);
    g_test_add_func("/qemu-opts/help", test_help);
    g_test_add_func("/qemu-opts/help-noisily", test_help_noisily);
    g_test_add_func("/qemu-opts/noisily-error", test_noisily_error);
    g_test_add_func("/qemu-opts/opts-foreach-loc", test_opts_foreach_loc);
    g_test_add_func("/qemu-opts/opts-foreach-stop", test_opts_foreach_stop);
    g_test_add_func("/qemu-opts/validate", test_validate);
    g_test_add_func("/qemu-opts/qdict", test_qdict);
    g_test_add_func("/qemu-opts/append", test_append);
    g_test_add_func("/qemu-opts/registry", test_registry);
    g_test_add_func("/qemu-opts/print", test_print);
    g_test_add_func("/qemu-opts/set-defaults", test_set_defaults);
    g_test_add_func("/qemu-opts/config-file", test_config_file);
    g_test_add_func("/qemu-opts/config-file-fatal", test_config_file_fatal);
    g_test_add_func("/qemu-opts/query-command-line-options",
                    test_query_command_line_options);
    return g_test_run();
}
