/*
 * QObject value types and QDict helpers.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qmp/qbool.h"
#include "qapi/qmp/qdict.h"
#include "qapi/qmp/qjson.h"
#include "qapi/qmp/qlist.h"
#include "qapi/qmp/qlit.h"
#include "qapi/qmp/qnull.h"
#include "qapi/qmp/qnum.h"
#include "qapi/qmp/qstring.h"

static void test_refcount(void)
{
    QString *s = qstring_from_str("hello");
    QDict *d = qdict_new();

    g_assert_cmpint(s->base.refcnt, ==, 1);
    g_assert(qobject_ref(s) == s);
    g_assert_cmpint(s->base.refcnt, ==, 2);
    qdict_put(d, "k", s);           /* dict takes one reference */
    g_assert_cmpint(s->base.refcnt, ==, 2);
    qobject_unref(d);
    g_assert_cmpint(s->base.refcnt, ==, 1);
    g_assert_cmpstr(qstring_get_str(s), ==, "hello");
    qobject_unref(s);
    qobject_unref((QDict *)NULL);   /* NULL-safe */
}

static void test_autoptr(void)
{
    g_autoptr(QDict) d = qdict_new();
    g_autoptr(QList) l = qlist_new();

    qdict_put_int(d, "a", 1);
    qlist_append_int(l, 2);
    g_assert_cmpint(qdict_size(d), ==, 1);
    g_assert_cmpint(qlist_size(l), ==, 1);
}

static void test_qobject_to(void)
{
    QObject *obj = QOBJECT(qnum_from_int(42));

    g_assert_cmpint(qobject_type(obj), ==, QTYPE_QNUM);
    g_assert(qobject_to(QNum, obj));
    g_assert(!qobject_to(QString, obj));
    g_assert(!qobject_to(QDict, obj));
    g_assert(!qobject_to(QDict, NULL));
    qobject_unref(obj);

    obj = QOBJECT(qnull());
    g_assert(qobject_to(QNull, obj) == &qnull_);
    g_assert_cmpstr(QType_str(qobject_type(obj)), ==, "qnull");
    qobject_unref(obj);
}

static void test_qnum(void)
{
    QNum *qn;
    int64_t i;
    uint64_t u;
    char *s;

    qn = qnum_from_int(-5);
    g_assert(qnum_get_try_int(qn, &i) && i == -5);
    g_assert(!qnum_get_try_uint(qn, &u));
    g_assert_cmpfloat(qnum_get_double(qn), ==, -5.0);
    s = qnum_to_string(qn);
    g_assert_cmpstr(s, ==, "-5");
    g_free(s);
    qobject_unref(qn);

    qn = qnum_from_uint(UINT64_MAX);
    g_assert(!qnum_get_try_int(qn, &i));
    g_assert(qnum_get_try_uint(qn, &u) && u == UINT64_MAX);
    s = qnum_to_string(qn);
    g_assert_cmpstr(s, ==, "18446744073709551615");
    g_free(s);
    qobject_unref(qn);

    qn = qnum_from_uint(7);
    g_assert_cmpint(qnum_get_int(qn), ==, 7);
    qobject_unref(qn);

    qn = qnum_from_double(0.5);
    g_assert(!qnum_get_try_int(qn, &i));
    g_assert(!qnum_get_try_uint(qn, &u));
    g_assert_cmpfloat(qnum_get_double(qn), ==, 0.5);
    s = qnum_to_string(qn);
    g_assert_cmpstr(s, ==, "0.5");
    g_free(s);
    qobject_unref(qn);
}

static void test_equality(void)
{
    QObject *a, *b;

    a = QOBJECT(qnum_from_int(1));
    b = QOBJECT(qnum_from_double(1.0));
    g_assert(qobject_is_equal(a, b));
    qobject_unref(b);
    b = QOBJECT(qnum_from_uint(1));
    g_assert(qobject_is_equal(a, b));
    qobject_unref(b);
    b = QOBJECT(qnum_from_double(1.5));
    g_assert(!qobject_is_equal(a, b));
    qobject_unref(b);
    b = QOBJECT(qstring_from_str("1"));
    g_assert(!qobject_is_equal(a, b));
    qobject_unref(b);
    qobject_unref(a);

    a = qobject_from_json("{\"a\": [1, true, null, \"x\"], \"b\": {}}",
                          &error_abort);
    b = qobject_from_json("{\"b\": {}, \"a\": [1, true, null, \"x\"]}",
                          &error_abort);
    g_assert(qobject_is_equal(a, b));
    qobject_unref(b);
    b = qobject_from_json("{\"b\": {}, \"a\": [1, true, null]}",
                          &error_abort);
    g_assert(!qobject_is_equal(a, b));
    qobject_unref(b);
    qobject_unref(a);
}

static void test_qdict_basic(void)
{
    QDict *d = qdict_new();
    QDict *sub = qdict_new();
    QList *l = qlist_new();

    qdict_put_int(d, "int", 42);
    qdict_put_bool(d, "bool", true);
    qdict_put_str(d, "str", "s");
    qdict_put_null(d, "null");
    qdict_put(d, "sub", sub);
    qdict_put(d, "list", l);

    g_assert_cmpint(qdict_size(d), ==, 6);
    g_assert_cmpint(qdict_get_int(d, "int"), ==, 42);
    g_assert(qdict_get_bool(d, "bool"));
    g_assert_cmpstr(qdict_get_str(d, "str"), ==, "s");
    g_assert(qdict_get_qdict(d, "sub") == sub);
    g_assert(qdict_get_qlist(d, "list") == l);
    g_assert(!qdict_get_qlist(d, "sub"));
    g_assert(qdict_haskey(d, "null"));
    g_assert(!qdict_haskey(d, "nope"));
    g_assert(!qdict_get(d, "nope"));
    g_assert_cmpint(qdict_get_try_int(d, "str", -1), ==, -1);
    g_assert_cmpint(qdict_get_try_int(d, "int", -1), ==, 42);
    g_assert(qdict_get_try_bool(d, "nope", true));
    g_assert(!qdict_get_try_str(d, "int"));
    g_assert_cmpstr(qdict_get_try_str(d, "str"), ==, "s");
    g_assert_cmpfloat(qdict_get_double(d, "int"), ==, 42.0);

    qdict_del(d, "int");
    qdict_del(d, "int");
    g_assert(!qdict_haskey(d, "int"));
    g_assert_cmpint(qdict_size(d), ==, 5);
    qobject_unref(d);
}

static void test_qdict_order(void)
{
    QDict *d = qdict_new();
    const QDictEntry *e;
    const char *expect[] = { "zeta", "alpha", "mid", "beta" };
    GString *json;
    int i = 0;

    qdict_put_int(d, "zeta", 1);
    qdict_put_int(d, "alpha", 2);
    qdict_put_int(d, "gone", 0);
    qdict_put_int(d, "mid", 3);
    qdict_put_int(d, "beta", 4);
    qdict_del(d, "gone");
    qdict_put_int(d, "alpha", 20);      /* replace keeps position */

    for (e = qdict_first(d); e; e = qdict_next(d, e)) {
        g_assert_cmpstr(qdict_entry_key(e), ==, expect[i]);
        i++;
    }
    g_assert_cmpint(i, ==, 4);

    json = qobject_to_json(QOBJECT(d));
    g_assert_cmpstr(json->str, ==,
                    "{\"zeta\": 1, \"alpha\": 20, \"mid\": 3, \"beta\": 4}");
    g_string_free(json, true);
    qobject_unref(d);
}

static void test_qdict_many(void)
{
    QDict *d = qdict_new();
    char key[32];
    int i;

    for (i = 0; i < 10000; i++) {
        snprintf(key, sizeof(key), "k%d", i);
        qdict_put_int(d, key, i);
    }
    g_assert_cmpint(qdict_size(d), ==, 10000);
    for (i = 0; i < 10000; i += 2) {
        snprintf(key, sizeof(key), "k%d", i);
        qdict_del(d, key);
    }
    g_assert_cmpint(qdict_size(d), ==, 5000);
    g_assert_cmpint(qdict_get_int(d, "k9999"), ==, 9999);
    g_assert(!qdict_haskey(d, "k9998"));
    g_assert_cmpstr(qdict_entry_key(qdict_first(d)), ==, "k1");
    qobject_unref(d);
}

static void test_qdict_clone(void)
{
    QDict *d = qdict_new(), *c;
    QDict *sub = qdict_new();

    qdict_put(d, "sub", sub);
    qdict_put_int(d, "x", 1);
    c = qdict_clone_shallow(d);
    g_assert(qdict_get_qdict(c, "sub") == sub);
    g_assert(qobject_is_equal(QOBJECT(c), QOBJECT(d)));
    qdict_del(d, "x");
    g_assert(qdict_haskey(c, "x"));
    qobject_unref(d);
    qobject_unref(c);
}

static void test_qlist(void)
{
    QList *l = qlist_new();
    const QListEntry *e;
    QObject *o;
    int64_t sum = 0;

    g_assert(qlist_empty(l));
    g_assert(!qlist_peek(l));
    g_assert(!qlist_pop(l));
    qlist_append_int(l, 1);
    qlist_append_int(l, 2);
    qlist_append_str(l, "x");
    qlist_append_bool(l, false);
    qlist_append_null(l);
    qlist_append(l, qnum_from_int(3));
    g_assert_cmpint(qlist_size(l), ==, 6);
    g_assert(!qlist_empty(l));

    QLIST_FOREACH_ENTRY(l, e) {
        QNum *n = qobject_to(QNum, qlist_entry_obj(e));
        if (n) {
            sum += qnum_get_int(n);
        }
    }
    g_assert_cmpint(sum, ==, 6);

    o = qlist_pop(l);
    g_assert_cmpint(qnum_get_int(qobject_to(QNum, o)), ==, 1);
    qobject_unref(o);
    g_assert_cmpint(qnum_get_int(qobject_to(QNum, qlist_peek(l))), ==, 2);
    g_assert_cmpint(qlist_size(l), ==, 5);

    /* Pop everything, then append again (tail pointer reset) */
    while ((o = qlist_pop(l))) {
        qobject_unref(o);
    }
    g_assert(qlist_empty(l));
    qlist_append_int(l, 9);
    g_assert_cmpint(qlist_size(l), ==, 1);
    g_assert_cmpint(qnum_get_int(qobject_to(QNum, qlist_peek(l))), ==, 9);
    qobject_unref(l);
}

static QDict *json_dict(const char *s)
{
    QDict *d = qobject_to(QDict, qobject_from_json(s, &error_abort));

    g_assert(d);
    return d;
}

static void assert_json(QObject *obj, const char *expect)
{
    GString *s = qobject_to_json(obj);

    g_assert_cmpstr(s->str, ==, expect);
    g_string_free(s, true);
}

static void test_flatten(void)
{
    QDict *d = json_dict("{\"a\": {\"b\": 1, \"c\": {\"d\": \"x\"}},"
                         " \"l\": [1, {\"e\": 2}], \"t\": true,"
                         " \"empty\": {}}");

    qdict_flatten(d);
    assert_json(QOBJECT(d),
                "{\"a.b\": 1, \"a.c.d\": \"x\", \"l.0\": 1, \"l.1.e\": 2,"
                " \"t\": true, \"empty\": {}}");
    qobject_unref(d);
}

static void test_crumple(void)
{
    QDict *d = json_dict("{\"a.b\": \"1\", \"a.c\": \"2\", \"l.0\": \"x\","
                         " \"l.1\": \"y\", \"d..ot\": \"z\","
                         " \"m.0.k\": \"v\"}");
    QObject *c;
    Error *err = NULL;

    c = qdict_crumple(d, &error_abort);
    assert_json(c, "{\"a\": {\"b\": \"1\", \"c\": \"2\"},"
                " \"l\": [\"x\", \"y\"], \"d.ot\": \"z\","
                " \"m\": [{\"k\": \"v\"}]}");
    qobject_unref(c);
    qobject_unref(d);

    d = json_dict("{\"a\": \"1\", \"a.b\": \"2\"}");
    g_assert(!qdict_crumple(d, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Cannot mix scalar and non-scalar keys");
    error_free(err);
    err = NULL;
    qobject_unref(d);

    d = json_dict("{\"a.0\": \"1\", \"a.x\": \"2\"}");
    g_assert(!qdict_crumple(d, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Cannot mix list and non-list keys");
    error_free(err);
    err = NULL;
    qobject_unref(d);

    d = json_dict("{\"a.0\": \"1\", \"a.2\": \"2\"}");
    g_assert(!qdict_crumple(d, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Missing list index 1");
    error_free(err);
    err = NULL;
    qobject_unref(d);

    d = json_dict("{\"a\": {\"b\": 1}}");
    g_assert(!qdict_crumple(d, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Value a is not flat");
    error_free(err);
    qobject_unref(d);

    /* keyval flavour stringifies scalars */
    d = json_dict("{\"a.n\": 5, \"a.b\": true}");
    c = qdict_crumple_for_keyval_qiv(d, &error_abort);
    assert_json(c, "{\"a\": {\"n\": \"5\", \"b\": \"on\"}}");
    qobject_unref(c);
    qobject_unref(d);
}

static void test_subqdict_array(void)
{
    QDict *d = json_dict("{\"file.driver\": \"raw\", \"file.x\": 1,"
                         " \"node-name\": \"n\"}");
    QDict *sub;
    QList *l;

    qdict_extract_subqdict(d, &sub, "file.");
    assert_json(QOBJECT(sub), "{\"driver\": \"raw\", \"x\": 1}");
    assert_json(QOBJECT(d), "{\"node-name\": \"n\"}");
    qobject_unref(sub);
    qobject_unref(d);

    d = json_dict("{\"0.a\": 1, \"0.b\": 2, \"1\": \"s\", \"3\": \"gap\"}");
    g_assert_cmpint(qdict_array_entries(d, ""), ==, -EINVAL);
    qdict_array_split(d, &l);
    assert_json(QOBJECT(l), "[{\"a\": 1, \"b\": 2}, \"s\"]");
    assert_json(QOBJECT(d), "{\"3\": \"gap\"}");
    qobject_unref(l);
    qobject_unref(d);

    d = json_dict("{\"x.0.a\": 1, \"x.1\": 2}");
    g_assert_cmpint(qdict_array_entries(d, "x."), ==, 2);
    qobject_unref(d);
}

static void test_defaults_renames(void)
{
    QDict *d = json_dict("{\"a\": 1}");
    QDict *src = json_dict("{\"a\": 5, \"b\": 6}");
    const QDictRenames ren[] = { { "a", "x" }, { NULL, NULL } };
    const QDictRenames ren2[] = { { "b", "x" }, { NULL, NULL } };
    Error *err = NULL;

    qdict_copy_default(d, src, "a");
    qdict_copy_default(d, src, "b");
    qdict_copy_default(d, src, "c");
    qdict_set_default_str(d, "s", "str");
    qdict_set_default_str(d, "s", "other");
    assert_json(QOBJECT(d), "{\"a\": 1, \"b\": 6, \"s\": \"str\"}");

    g_assert(qdict_rename_keys(d, ren, &error_abort));
    g_assert(!qdict_haskey(d, "a"));
    g_assert_cmpint(qdict_get_int(d, "x"), ==, 1);
    g_assert(!qdict_rename_keys(d, ren2, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "'x' and its alias 'b' can't be used at the same time");
    error_free(err);

    qdict_join(d, src, false);
    g_assert_cmpint(qdict_get_int(d, "b"), ==, 6);
    g_assert_cmpint(qdict_get_int(d, "a"), ==, 5);
    g_assert(qdict_haskey(src, "b") && !qdict_haskey(src, "a"));
    qobject_unref(d);
    qobject_unref(src);
}

static QLitObject qlit = QLIT_QDICT(((QLitDictEntry[]) {
    { "foo", QLIT_QNUM(42) },
    { "bar", QLIT_QSTR("hello world") },
    { "baz", QLIT_QNULL },
    { "bee", QLIT_QLIST(((QLitObject[]) {
        QLIT_QNUM(43),
        QLIT_QNUM(44),
        QLIT_QBOOL(true),
        { },
    }))},
    { },
}));

static void test_qlit(void)
{
    QObject *obj = qobject_from_qlit(&qlit);
    QObject *json = qobject_from_json("{'foo': 42, 'bar': 'hello world',"
                                      " 'baz': null, 'bee': [43, 44, true]}",
                                      &error_abort);
    QDict *d = qobject_to(QDict, json);

    g_assert(qobject_is_equal(obj, json));
    g_assert(qlit_equal_qobject(&qlit, obj));
    g_assert(qlit_equal_qobject(&qlit, json));
    qdict_put_int(d, "extra", 1);
    g_assert(!qlit_equal_qobject(&qlit, json));
    qdict_del(d, "extra");
    qdict_put_int(d, "foo", 41);
    g_assert(!qlit_equal_qobject(&qlit, json));
    qlist_append_int(qdict_get_qlist(qobject_to(QDict, obj), "bee"), 1);
    g_assert(!qlit_equal_qobject(&qlit, obj));
    qobject_unref(obj);
    qobject_unref(json);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/qobject/refcount", test_refcount);
    g_test_add_func("/qobject/autoptr", test_autoptr);
    g_test_add_func("/qobject/qobject_to", test_qobject_to);
    g_test_add_func("/qobject/qnum", test_qnum);
    g_test_add_func("/qobject/equality", test_equality);
    g_test_add_func("/qobject/qdict/basic", test_qdict_basic);
    g_test_add_func("/qobject/qdict/order", test_qdict_order);
    g_test_add_func("/qobject/qdict/many", test_qdict_many);
    g_test_add_func("/qobject/qdict/clone", test_qdict_clone);
    g_test_add_func("/qobject/qlist", test_qlist);
    g_test_add_func("/qobject/qlit", test_qlit);
    g_test_add_func("/qobject/qdict/flatten", test_flatten);
    g_test_add_func("/qobject/qdict/crumple", test_crumple);
    g_test_add_func("/qobject/qdict/subqdict-array", test_subqdict_array);
    g_test_add_func("/qobject/qdict/defaults-renames", test_defaults_renames);
    return g_test_run();
}
