/*
 * JSON parser, printer and streaming message parser.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qmp/json-parser.h"
#include "qapi/qmp/qbool.h"
#include "qapi/qmp/qdict.h"
#include "qapi/qmp/qjson.h"
#include "qapi/qmp/qlist.h"
#include "qapi/qmp/qnull.h"
#include "qapi/qmp/qnum.h"
#include "qapi/qmp/qstring.h"

static char *to_json(QObject *obj, bool pretty)
{
    return g_string_free(qobject_to_json_pretty(obj, pretty), false);
}

/* Parse @in, print compactly, compare with @out (NULL: same as @in). */
static void roundtrip(const char *in, const char *out)
{
    QObject *obj = qobject_from_json(in, &error_abort);
    char *s = to_json(obj, false);
    QObject *again;

    g_assert_cmpstr(s, ==, out ?: in);
    again = qobject_from_json(s, &error_abort);
    g_assert(qobject_is_equal(obj, again));
    qobject_unref(again);
    qobject_unref(obj);
    g_free(s);
}

static void parse_fails(const char *in, const char *msg)
{
    Error *err = NULL;
    QObject *obj = qobject_from_json(in, &err);

    g_assert(!obj);
    g_assert(err);
    g_assert_cmpstr(error_get_pretty(err), ==, msg);
    error_free(err);
}

static void test_literals(void)
{
    QObject *obj;

    roundtrip("true", NULL);
    roundtrip("false", NULL);
    roundtrip("null", NULL);
    roundtrip("\"\"", NULL);
    roundtrip("{}", NULL);
    roundtrip("[]", NULL);
    roundtrip("  {\"a\" :1,\"b\":[true ,false,null], \"c\":{\"d\":\"e\"}} ",
              "{\"a\": 1, \"b\": [true, false, null], \"c\": {\"d\": \"e\"}}");
    roundtrip("'single'", "\"single\"");
    roundtrip("{'a': 'it\\'s'}", "{\"a\": \"it's\"}");

    obj = qobject_from_json("null", &error_abort);
    g_assert(qobject_to(QNull, obj));
    qobject_unref(obj);
}

static void test_numbers(void)
{
    QObject *obj;
    QNum *qn;
    int64_t i;
    uint64_t u;

    roundtrip("0", NULL);
    roundtrip("-0", "0");
    roundtrip("9223372036854775807", NULL);
    roundtrip("-9223372036854775808", NULL);
    roundtrip("18446744073709551615", NULL);
    roundtrip("[1.5, -0.25, 1e3, 2E-2]", "[1.5, -0.25, 1000, 0.02]");

    obj = qobject_from_json("9223372036854775808", &error_abort);
    qn = qobject_to(QNum, obj);
    g_assert(!qnum_get_try_int(qn, &i));
    g_assert(qnum_get_try_uint(qn, &u) && u == 9223372036854775808ULL);
    qobject_unref(obj);

    /* Beyond uint64: double */
    obj = qobject_from_json("18446744073709551616", &error_abort);
    qn = qobject_to(QNum, obj);
    g_assert_cmpint(qn->kind, ==, QNUM_DOUBLE);
    g_assert_cmpfloat(qnum_get_double(qn), ==, 18446744073709551616.0);
    qobject_unref(obj);

    obj = qobject_from_json("-9223372036854775809", &error_abort);
    g_assert_cmpint(qobject_to(QNum, obj)->kind, ==, QNUM_DOUBLE);
    qobject_unref(obj);

    obj = qobject_from_json("0.1", &error_abort);
    g_assert_cmpfloat(qnum_get_double(qobject_to(QNum, obj)), ==, 0.1);
    qobject_unref(obj);

    parse_fails("1.", "JSON parse error, stray '1.'");
    parse_fails("01", "Expecting at most one JSON value");
    parse_fails("1.e5", "JSON parse error, stray '1.e'");
    parse_fails("-x", "JSON parse error, stray '-x'");
}

static void test_strings(void)
{
    QObject *obj;

    roundtrip("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"",
              "\"\\\" \\\\ / \\b \\f \\n \\r \\t\"");

    obj = qobject_from_json("\"caf\\u00e9 \\u20AC \\uD83D\\uDE00\"",
                            &error_abort);
    g_assert_cmpstr(qstring_get_str(qobject_to(QString, obj)), ==,
                    "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
    qobject_unref(obj);

    /* Non-ASCII is printed as \u escapes, astral planes as pairs */
    roundtrip("\"caf\xc3\xa9 \xf0\x9f\x98\x80\"",
              "\"caf\\u00E9 \\uD83D\\uDE00\"");
    roundtrip("\"\\u0001\\u001f\\u007f\"", "\"\\u0001\\u001F\\u007F\"");

    parse_fails("\"\\uD800\"",
                "JSON parse error, \\uD800 is not a valid Unicode character");
    parse_fails("\"\\uDC00x\"",
                "JSON parse error, \\uDC00 is not a valid Unicode character");
    parse_fails("\"\xc3\x28\"",
                "JSON parse error, invalid UTF-8 sequence in string");
    parse_fails("\"\xc0\xaf\"",     /* overlong '/' */
                "JSON parse error, invalid UTF-8 sequence in string");
    parse_fails("\"\xed\xa0\x80\"", /* UTF-8 encoded surrogate */
                "JSON parse error, invalid UTF-8 sequence in string");
    parse_fails("\"abc", "JSON parse error, stray '\"abc'");
    parse_fails("\"a\nb\"", "JSON parse error, stray '\"a\n'");
    parse_fails("\"\\x\"", "JSON parse error, stray '\"\\x'");
    parse_fails("\"\\u12g4\"", "JSON parse error, stray '\"\\u12g'");
}

static void test_errors(void)
{
    parse_fails("", "Expecting a JSON value");
    parse_fails("  \n ", "Expecting a JSON value");
    parse_fails("1 2", "Expecting at most one JSON value");
    parse_fails("x", "JSON parse error, invalid keyword 'x'");
    parse_fails("{\"a\": tru}", "JSON parse error, invalid keyword 'tru'");
    parse_fails("@", "JSON parse error, stray '@'");
    parse_fails("%d", "JSON parse error, stray '%'");
    parse_fails("}", "JSON parse error, expecting value");
    parse_fails("[1,]", "JSON parse error, expecting value");
    parse_fails("{\"a\": 1,}", "JSON parse error, expecting value");
    parse_fails("{\"a\" 1}", "JSON parse error, missing : in object pair");
    parse_fails("{1: 2}", "JSON parse error, key is not a string in object");
    parse_fails("[1 2]", "JSON parse error, expected separator in list");
    parse_fails("{\"a\": 1]", "JSON parse error, expected separator in dict");
    parse_fails("{\"a\": 1 \"b\": 2}",
                "JSON parse error, expected separator in dict");
    parse_fails("{\"a\": 1, \"a\": 2}", "JSON parse error, duplicate key");
    parse_fails("{\"a\": ", "JSON parse error, premature EOI");
    parse_fails("[[1]", "JSON parse error, premature EOI");
}

static void test_pretty(void)
{
    QObject *obj = qobject_from_json("{\"a\": [1, {\"b\": null}], \"c\": {},"
                                     " \"d\": []}", &error_abort);
    char *s = to_json(obj, true);

    g_assert_cmpstr(s, ==,
                    "{\n"
                    "    \"a\": [\n"
                    "        1,\n"
                    "        {\n"
                    "            \"b\": null\n"
                    "        }\n"
                    "    ],\n"
                    "    \"c\": {\n"
                    "    },\n"
                    "    \"d\": [\n"
                    "    ]\n"
                    "}");
    g_free(s);
    s = to_json(obj, false);
    g_assert_cmpstr(s, ==, "{\"a\": [1, {\"b\": null}], \"c\": {}, \"d\": []}");
    g_free(s);
    qobject_unref(obj);
}

static void test_interpolation(void)
{
    QDict *inner = qdict_new();
    QDict *d;
    QList *l;
    char *s;

    qdict_put_int(inner, "x", 1);
    d = qdict_from_jsonf_nofail("{'s': %s, 'd': %d, 'l': %" PRId64 ","
                                " 'b': %i, 'p': %p, 'u': %u, 'f': %f,"
                                " 'lst': [%d, %s]}",
                                "str\"q", -3, INT64_MIN, true, inner,
                                7u, 2.5, 9, "z");
    s = to_json(QOBJECT(d), false);
    g_assert_cmpstr(s, ==,
                    "{\"s\": \"str\\\"q\", \"d\": -3,"
                    " \"l\": -9223372036854775808, \"b\": true,"
                    " \"p\": {\"x\": 1}, \"u\": 7, \"f\": 2.5,"
                    " \"lst\": [9, \"z\"]}");
    g_free(s);
    l = qdict_get_qlist(d, "lst");
    g_assert_cmpint(qlist_size(l), ==, 2);
    qobject_unref(d);

    /* Without interpolation, '%' is not a token */
    parse_fails("[%d]", "JSON parse error, stray '%'");
}

/* Streaming parser */

typedef struct Collector {
    GPtrArray *values;      /* JSON text of each value, or "ERR: msg" */
} Collector;

static void collect(void *opaque, QObject *json, Error *err)
{
    Collector *c = opaque;

    if (err) {
        g_assert(!json);
        g_ptr_array_add(c->values,
                        g_strdup_printf("ERR: %s", error_get_pretty(err)));
        error_free(err);
    } else {
        g_ptr_array_add(c->values, to_json(json, false));
        qobject_unref(json);
    }
}

static Collector *stream(const char *input, size_t chunk)
{
    Collector *c = g_new0(Collector, 1);
    JSONMessageParser parser;
    size_t len = strlen(input), off;

    c->values = g_ptr_array_new_with_free_func(g_free);
    json_message_parser_init(&parser, collect, c, NULL);
    for (off = 0; off < len; off += chunk) {
        json_message_parser_feed(&parser, input + off, MIN(chunk, len - off));
    }
    json_message_parser_flush(&parser);
    json_message_parser_destroy(&parser);
    return c;
}

static void collector_free(Collector *c)
{
    g_ptr_array_free(c->values, true);
    g_free(c);
}

static void assert_stream(const char *input, const char *const *expect)
{
    size_t chunks[] = { 1, 3, 4096 };
    int i, n;

    for (i = 0; i < ARRAY_SIZE(chunks); i++) {
        Collector *c = stream(input, chunks[i]);

        for (n = 0; expect[n]; n++) {
            g_assert_cmpint(n, <, c->values->len);
            g_assert_cmpstr(g_ptr_array_index(c->values, n), ==, expect[n]);
        }
        g_assert_cmpint(n, ==, c->values->len);
        collector_free(c);
    }
}

static void test_stream_split(void)
{
    static const char *const expect[] = {
        "{\"execute\": \"qmp_capabilities\"}",
        "{\"execute\": \"query-status\", \"id\": [1, {\"a\": \"}]\"}]}",
        "42",
        "\"str\"",
        "[]",
        "true",
        NULL
    };

    assert_stream("{\"execute\": \"qmp_capabilities\"}\r\n"
                  "{\"execute\":\"query-status\",\"id\":[1,{\"a\":\"}]\"}]}"
                  "42 \"str\"[]true", expect);
}

static void test_stream_recovery(void)
{
    static const char *const expect[] = {
        "ERR: JSON parse error, stray '@'",
        "{\"ok\": 1}",
        "ERR: JSON parse error, stray '\"abc\n'",
        "{\"ok\": 2}",
        "ERR: JSON parse error, expecting value",
        "ERR: JSON parse error, invalid keyword 'nul'",
        "{\"ok\": 3}",
        "ERR: JSON parse error, expected separator in list",
        "[4]",
        "ERR: JSON parse error, stray '\x01'",
        "ERR: JSON parse error, expecting value",
        "{\"ok\": 5}",
        "ERR: JSON parse error, premature EOI",
        NULL
    };

    assert_stream("@ garbage\n"
                  "{\"ok\": 1}\n"
                  "\"abc\n"
                  "skipped by recovery\n"
                  "{\"ok\": 2}\n"
                  "}\n"
                  "{\"a\": nul}{\"ok\": 3}\n"
                  "[1 2]\n"
                  "[4]\n"
                  "{\"half\": \x01\n"
                  "]\n"
                  "{\"ok\": 5}\n"
                  "{\"unterminated\": [1,\n", expect);
}

static void test_stream_big_string(void)
{
    size_t len = 10 * MiB;
    GString *msg = g_string_sized_new(len + 64);
    Collector *c;
    QObject *obj;
    QDict *d;
    const char *s;

    g_string_append(msg, "{\"execute\": \"x\", \"arguments\": {\"data\": \"");
    for (size_t i = 0; i < len; i++) {
        g_string_append_c(msg, 'a' + i % 26);
    }
    g_string_append(msg, "\"}}\n{\"next\": 1}");

    c = stream(msg->str, 65536);
    g_assert_cmpint(c->values->len, ==, 2);
    s = g_ptr_array_index(c->values, 0);
    g_assert(g_str_has_prefix(s, "{\"execute\": \"x\""));
    g_assert_cmpint(strlen(s), ==, len + 43);
    g_assert_cmpstr(g_ptr_array_index(c->values, 1), ==, "{\"next\": 1}");
    collector_free(c);

    /* And through the one-shot parser */
    g_string_truncate(msg, msg->len - strlen("\n{\"next\": 1}"));
    obj = qobject_from_json(msg->str, &error_abort);
    d = qdict_get_qdict(qobject_to(QDict, obj), "arguments");
    s = qdict_get_str(d, "data");
    g_assert_cmpint(strlen(s), ==, len);
    g_assert(s[len - 1] == 'a' + (len - 1) % 26);
    qobject_unref(obj);
    g_string_free(msg, true);
}

static void test_stream_limits(void)
{
    GString *s = g_string_new(NULL);
    Collector *c;
    int i;

    /* 1024 levels of nesting are fine */
    for (i = 0; i < 1024; i++) {
        g_string_append_c(s, '[');
    }
    for (i = 0; i < 1024; i++) {
        g_string_append_c(s, ']');
    }
    c = stream(s->str, 4096);
    g_assert_cmpint(c->values->len, ==, 1);
    g_assert_cmpstr(g_ptr_array_index(c->values, 0), ==, s->str);
    collector_free(c);

    /* 1025 are not; the rest of the input then recovers */
    g_string_truncate(s, 0);
    for (i = 0; i < 1025; i++) {
        g_string_append_c(s, '{');
    }
    g_string_append(s, "\n");
    c = stream(s->str, 4096);
    g_assert_cmpint(c->values->len, ==, 1);
    g_assert_cmpstr(g_ptr_array_index(c->values, 0), ==,
                    "ERR: JSON nesting depth limit exceeded");
    collector_free(c);

    /* More than 2^21 tokens in one message */
    g_string_truncate(s, 0);
    g_string_append_c(s, '[');
    for (i = 0; i < (1 << 20) + 10; i++) {
        g_string_append(s, "1,");
    }
    g_string_append(s, "1]\n{\"after\": true}");
    c = stream(s->str, 1 << 16);
    g_assert_cmpint(c->values->len, >=, 2);
    g_assert_cmpstr(g_ptr_array_index(c->values, 0), ==,
                    "ERR: JSON token count limit exceeded");
    g_assert_cmpstr(g_ptr_array_index(c->values, c->values->len - 1), ==,
                    "{\"after\": true}");
    collector_free(c);
    g_string_free(s, true);
}

static void count_emit(void *opaque, QObject *json, Error *err)
{
    int *count = opaque;

    /* Exactly one of value and error, for every message */
    g_assert(!json != !err);
    (*count)++;
    qobject_unref(json);
    error_free(err);
}

/*
 * Random mixtures of valid and invalid fragments, fed in random chunks:
 * the parser must never crash and must report either a value or an
 * error for everything it emits.
 */
static void test_random_input(void)
{
    static const char *const frag[] = {
        "{", "}", "[", "]", ":", ",", "\"a\"", "'b'", "1", "-2.5e3", "true",
        "nul", "null", "\"\\u00e9\"", "\"\\uD800\"", "\xff", "\xc3", "\n",
        " ", "@", "\"x", "\\", "%d", "1e", "-", "\x01", "99999999999999999999",
    };
    GRand *r = g_rand_new_with_seed(1234);
    int it, i, emitted = 0;

    for (it = 0; it < 3000; it++) {
        GString *s = g_string_new(NULL);
        JSONMessageParser p;
        size_t off = 0, chunk;
        int len = g_rand_int_range(r, 0, 40);
        Error *err = NULL;
        QObject *obj;

        for (i = 0; i < len; i++) {
            g_string_append(s, frag[g_rand_int_range(r, 0, ARRAY_SIZE(frag))]);
        }
        json_message_parser_init(&p, count_emit, &emitted, NULL);
        while (off < s->len) {
            chunk = g_rand_int_range(r, 1, 8);
            chunk = MIN(chunk, s->len - off);
            json_message_parser_feed(&p, s->str + off, chunk);
            off += chunk;
        }
        json_message_parser_flush(&p);
        json_message_parser_destroy(&p);

        obj = qobject_from_json(s->str, &err);
        g_assert(!obj != !err);
        qobject_unref(obj);
        error_free(err);
        g_string_free(s, true);
    }
    g_assert_cmpint(emitted, >, 3000);
    g_rand_free(r);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/qjson/literals", test_literals);
    g_test_add_func("/qjson/numbers", test_numbers);
    g_test_add_func("/qjson/strings", test_strings);
    g_test_add_func("/qjson/errors", test_errors);
    g_test_add_func("/qjson/pretty", test_pretty);
    g_test_add_func("/qjson/interpolation", test_interpolation);
    g_test_add_func("/qjson/stream/split", test_stream_split);
    g_test_add_func("/qjson/stream/recovery", test_stream_recovery);
    g_test_add_func("/qjson/stream/big-string", test_stream_big_string);
    g_test_add_func("/qjson/stream/limits", test_stream_limits);
    g_test_add_func("/qjson/stream/random-input", test_random_input);
    return g_test_run();
}
