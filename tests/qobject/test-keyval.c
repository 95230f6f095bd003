/*
 * keyval_parse() and keyval_merge().
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/keyval.h"
#include "qapi/qmp/qdict.h"
#include "qapi/qmp/qjson.h"
#include "qapi/qmp/qlist.h"
#include "qapi/qmp/qstring.h"

static void parses_to(const char *params, const char *implied,
                      const char *json)
{
    QDict *d = keyval_parse(params, implied, NULL, &error_abort);
    GString *s = qobject_to_json(QOBJECT(d));

    g_assert_cmpstr(s->str, ==, json);
    g_string_free(s, true);
    qobject_unref(d);
}

static void fails(const char *params, const char *implied, const char *msg)
{
    Error *err = NULL;
    QDict *d = keyval_parse(params, implied, NULL, &err);

    g_assert(!d);
    g_assert(err);
    g_assert_cmpstr(error_get_pretty(err), ==, msg);
    error_free(err);
}

static void test_basic(void)
{
    parses_to("", NULL, "{}");
    parses_to("a=1", NULL, "{\"a\": \"1\"}");
    parses_to("a=1,b=two,", NULL, "{\"a\": \"1\", \"b\": \"two\"}");
    parses_to("a=", NULL, "{\"a\": \"\"}");
    parses_to("a=x,,y,,,b=z", NULL, "{\"a\": \"x,y,\", \"b\": \"z\"}");
    parses_to("a=1,a=2", NULL, "{\"a\": \"2\"}");    /* last one wins */
    parses_to("a=b=c", NULL, "{\"a\": \"b=c\"}");
    parses_to("__com.example_x=1,node-name=n_1", NULL,
              "{\"__com.example_x\": \"1\", \"node-name\": \"n_1\"}");
}

static void test_dotted(void)
{
    parses_to("driver=qcow2,file.driver=file,file.filename=/tmp/x,"
              "file.aio.mode=native", NULL,
              "{\"driver\": \"qcow2\", \"file\": {\"driver\": \"file\","
              " \"filename\": \"/tmp/x\", \"aio\": {\"mode\": \"native\"}}}");
    parses_to("l.1=b,l.0=a,m.0.x=1,m.0.y=2", NULL,
              "{\"l\": [\"a\", \"b\"], \"m\": [{\"x\": \"1\", \"y\": \"2\"}]}");
}

static void test_implied(void)
{
    parses_to("qcow2,file.driver=file", "driver",
              "{\"driver\": \"qcow2\", \"file\": {\"driver\": \"file\"}}");
    parses_to("a,,b", "id", "{\"id\": \"a,b\"}");
    parses_to("x=1", "driver", "{\"x\": \"1\"}");   /* not used */
    fails("qcow2,raw", "driver", "Expected '=' after parameter 'raw'");
}

static void test_errors(void)
{
    fails("foo", NULL, "Expected '=' after parameter 'foo'");
    fails("a=1,b", NULL, "Expected '=' after parameter 'b'");
    fails("1a=2", NULL, "Invalid parameter '1a'");
    fails("=2", NULL, "Invalid parameter ''");
    fails("a..b=1", NULL, "Invalid parameter 'a..b'");
    fails("a.=1", NULL, "Invalid parameter 'a.'");
    fails("a b=1", NULL, "Invalid parameter 'a b'");
    fails("a.b=1,a=2", NULL, "Parameters 'a.*' used inconsistently");
    fails("a=2,a.b=1", NULL, "Parameters 'a.*' used inconsistently");
    fails("x=1,,2,x.y=3", NULL, "Parameters 'x.*' used inconsistently");
    fails("a.0=1,a.x=2", NULL, "Parameters 'a.*' used inconsistently");
    fails("a.0=1,a.2=2", NULL, "Parameter 'a.1' missing");
    fails("a.b.1=1", NULL, "Parameter 'a.b.0' missing");
    fails("help", NULL, "Help is not available for this option");
    fails("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
          "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
          "=1", NULL,
          "Parameter 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
          "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
          "aaaaaaaa' is too long");
}

static void test_help(void)
{
    bool help = false;
    QDict *d;

    d = keyval_parse("help", NULL, &help, &error_abort);
    g_assert(help);
    g_assert_cmpint(qdict_size(d), ==, 0);
    qobject_unref(d);

    help = false;
    d = keyval_parse("memory-backend-ram,?", "qom-type", &help, &error_abort);
    g_assert(help);
    g_assert_cmpstr(qdict_get_str(d, "qom-type"), ==, "memory-backend-ram");
    qobject_unref(d);

    help = true;
    d = keyval_parse("helpful=1", NULL, &help, &error_abort);
    g_assert(!help);
    g_assert_cmpstr(qdict_get_str(d, "helpful"), ==, "1");
    qobject_unref(d);
}

static void test_merge(void)
{
    QDict *a = keyval_parse("x=1,s.a=1,l.0=a", NULL, NULL, &error_abort);
    QDict *b = keyval_parse("x=2,s.b=2,l.0=b,y=3", NULL, NULL, &error_abort);
    QDict *c = keyval_parse("s=oops", NULL, NULL, &error_abort);
    Error *err = NULL;
    GString *s;

    keyval_merge(a, b, &error_abort);
    s = qobject_to_json(QOBJECT(a));
    g_assert_cmpstr(s->str, ==,
                    "{\"x\": \"2\", \"s\": {\"a\": \"1\", \"b\": \"2\"},"
                    " \"l\": [\"a\", \"b\"], \"y\": \"3\"}");
    g_string_free(s, true);

    keyval_merge(a, c, &err);
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Parameter 's' used inconsistently");
    error_free(err);
    qobject_unref(a);
    qobject_unref(b);
    qobject_unref(c);
}

/* Random key=value soup: always a dict or an error, never a crash */
static void test_random(void)
{
    static const char *const frag[] = {
        "a", "b", ".", "=", ",", ",,", "0", "1", "help", "?", "x.y", "_",
        "__a.b_c", "-", "=,",
    };
    GRand *r = g_rand_new_with_seed(99);
    int it, i;

    for (it = 0; it < 5000; it++) {
        GString *s = g_string_new(NULL);
        int len = g_rand_int_range(r, 0, 12);
        Error *err = NULL;
        bool help;
        QDict *d;

        for (i = 0; i < len; i++) {
            g_string_append(s, frag[g_rand_int_range(r, 0, ARRAY_SIZE(frag))]);
        }
        d = keyval_parse(s->str, g_rand_boolean(r) ? "impl" : NULL,
                         &help, &err);
        g_assert(!d != !err);
        qobject_unref(d);
        error_free(err);
        g_string_free(s, true);
    }
    g_rand_free(r);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/keyval/basic", test_basic);
    g_test_add_func("/keyval/dotted", test_dotted);
    g_test_add_func("/keyval/implied", test_implied);
    g_test_add_func("/keyval/errors", test_errors);
    g_test_add_func("/keyval/help", test_help);
    g_test_add_func("/keyval/merge", test_merge);
    g_test_add_func("/keyval/random", test_random);
    return g_test_run();
}
