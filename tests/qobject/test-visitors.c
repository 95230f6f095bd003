/*
 * Visitors: QObject input (strict and keyval), QObject output, string
 * input/output, dealloc — driven by a hand-written QAPI-style type.
 */
#include "qemu/osdep.h"
#include "qapi/clone-visitor.h"
#include "qapi/dealloc-visitor.h"
#include "qapi/error.h"
#include "qapi/keyval.h"
#include "qapi/qapi-builtin-visit.h"
#include "qapi/qmp/qdict.h"
#include "qapi/qmp/qjson.h"
#include "qapi/qmp/qnull.h"
#include "qapi/qobject-input-visitor.h"
#include "qapi/qobject-output-visitor.h"
#include "qapi/string-input-visitor.h"
#include "qapi/string-output-visitor.h"
#include "qapi/util.h"

/* What the QAPI generator would emit for a small schema */

typedef enum Color {
    COLOR_RED,
    COLOR_GREEN,
    COLOR__MAX,
} Color;

static const char *const Color_names[] = { "red", "green" };
static const QEnumLookup Color_lookup = {
    .array = Color_names,
    .size = COLOR__MAX,
};

typedef struct Sub {
    int64_t n;
} Sub;

typedef struct Foo {
    int64_t i;
    bool b;
    char *s;
    bool has_opt;
    uint8_t opt;
    Color color;
    uint64_t size;
    double num;
    Sub *sub;
    intList *list;
} Foo;

static bool visit_type_Color(Visitor *v, const char *name, Color *obj,
                             Error **errp)
{
    int value = *obj;
    bool ok = visit_type_enum(v, name, &value, &Color_lookup, errp);

    *obj = value;
    return ok;
}

static bool visit_type_Sub(Visitor *v, const char *name, Sub **obj,
                           Error **errp)
{
    bool ok = false;

    if (!visit_start_struct(v, name, (void **)obj, sizeof(Sub), errp)) {
        return false;
    }
    if (!*obj) {
        goto out;
    }
    ok = visit_type_int(v, "n", &(*obj)->n, errp) &&
         visit_check_struct(v, errp);
out:
    visit_end_struct(v, (void **)obj);
    if (!ok && visit_is_input(v)) {
        g_free(*obj);
        *obj = NULL;
    }
    return ok;
}

static bool visit_type_Foo_members(Visitor *v, Foo *obj, Error **errp)
{
    if (!visit_type_int(v, "i", &obj->i, errp) ||
        !visit_type_bool(v, "b", &obj->b, errp) ||
        !visit_type_str(v, "s", &obj->s, errp)) {
        return false;
    }
    if (visit_optional(v, "opt", &obj->has_opt) &&
        !visit_type_uint8(v, "opt", &obj->opt, errp)) {
        return false;
    }
    return visit_type_Color(v, "color", &obj->color, errp) &&
           visit_type_size(v, "size", &obj->size, errp) &&
           visit_type_number(v, "num", &obj->num, errp) &&
           visit_type_Sub(v, "sub", &obj->sub, errp) &&
           visit_type_intList(v, "list", &obj->list, errp);
}

static void qapi_free_Foo(Foo *obj);

static bool visit_type_Foo(Visitor *v, const char *name, Foo **obj,
                           Error **errp)
{
    bool ok = false;

    if (!visit_start_struct(v, name, (void **)obj, sizeof(Foo), errp)) {
        return false;
    }
    if (!*obj) {
        goto out;
    }
    ok = visit_type_Foo_members(v, *obj, errp) &&
         visit_check_struct(v, errp);
out:
    visit_end_struct(v, (void **)obj);
    if (!ok && visit_is_input(v)) {
        qapi_free_Foo(*obj);
        *obj = NULL;
    }
    return ok;
}

static void qapi_free_Foo(Foo *obj)
{
    Visitor *v;

    if (!obj) {
        return;
    }
    v = qapi_dealloc_visitor_new();
    visit_type_Foo(v, NULL, &obj, NULL);
    visit_free(v);
}

#define FOO_JSON \
    "{\"i\": -7, \"b\": true, \"s\": \"hi\", \"opt\": 200," \
    " \"color\": \"green\", \"size\": 18446744073709551615," \
    " \"num\": 1.5, \"sub\": {\"n\": 3}, \"list\": [1, 2, 3]}"

static Foo *foo_from_json(const char *json, Error **errp)
{
    QObject *obj = qobject_from_json(json, &error_abort);
    Visitor *v = qobject_input_visitor_new(obj);
    Foo *foo = NULL;

    visit_type_Foo(v, NULL, &foo, errp);
    visit_free(v);
    qobject_unref(obj);
    return foo;
}

static void test_input_strict(void)
{
    Foo *foo = foo_from_json(FOO_JSON, &error_abort);

    g_assert_cmpint(foo->i, ==, -7);
    g_assert(foo->b);
    g_assert_cmpstr(foo->s, ==, "hi");
    g_assert(foo->has_opt);
    g_assert_cmpint(foo->opt, ==, 200);
    g_assert_cmpint(foo->color, ==, COLOR_GREEN);
    g_assert_cmpuint(foo->size, ==, UINT64_MAX);
    g_assert_cmpfloat(foo->num, ==, 1.5);
    g_assert_cmpint(foo->sub->n, ==, 3);
    g_assert_cmpint(foo->list->value, ==, 1);
    g_assert_cmpint(foo->list->next->next->value, ==, 3);
    g_assert(!foo->list->next->next->next);
    qapi_free_Foo(foo);

    /* Optional member absent; integer for number; empty list */
    foo = foo_from_json("{\"i\": 1, \"b\": false, \"s\": \"\","
                        " \"color\": \"red\", \"size\": 0, \"num\": 2,"
                        " \"sub\": {\"n\": 0}, \"list\": []}", &error_abort);
    g_assert(!foo->has_opt);
    g_assert_cmpfloat(foo->num, ==, 2.0);
    g_assert(!foo->list);
    qapi_free_Foo(foo);
}

static void input_fails(const char *json, const char *msg)
{
    Error *err = NULL;
    Foo *foo = foo_from_json(json, &err);

    g_assert(!foo);
    g_assert(err);
    g_assert_cmpstr(error_get_pretty(err), ==, msg);
    error_free(err);
}

/* FOO_JSON with member @m replaced by @val (NULL: removed) */
static char *foo_with(const char *m, const char *val)
{
    QDict *d = qobject_to(QDict, qobject_from_json(FOO_JSON, &error_abort));
    GString *s;

    if (val) {
        qdict_put_obj(d, m, qobject_from_json(val, &error_abort));
    } else {
        qdict_del(d, m);
    }
    s = qobject_to_json(QOBJECT(d));
    qobject_unref(d);
    return g_string_free(s, false);
}

static void fails_with(const char *m, const char *val, const char *msg)
{
    char *json = foo_with(m, val);

    input_fails(json, msg);
    g_free(json);
}

static void test_input_strict_errors(void)
{
    fails_with("i", NULL, "Parameter 'i' is missing");
    fails_with("sub", NULL, "Parameter 'sub' is missing");
    fails_with("i", "\"1\"", "Invalid parameter type for 'i', expected: integer");
    fails_with("i", "1.5", "Invalid parameter type for 'i', expected: integer");
    fails_with("i", "9223372036854775808",
               "Invalid parameter type for 'i', expected: integer");
    fails_with("b", "1", "Invalid parameter type for 'b', expected: boolean");
    fails_with("s", "null", "Invalid parameter type for 's', expected: string");
    fails_with("num", "\"x\"",
               "Invalid parameter type for 'num', expected: number");
    fails_with("sub", "[]", "Invalid parameter type for 'sub', expected: object");
    fails_with("list", "{}",
               "Invalid parameter type for 'list', expected: array");
    fails_with("list", "[1, \"2\"]",
               "Invalid parameter type for 'list[1]', expected: integer");
    fails_with("sub", "{}", "Parameter 'sub.n' is missing");
    fails_with("sub", "{\"n\": 1, \"m\": 2}", "Parameter 'sub.m' is unexpected");
    fails_with("extra", "1", "Parameter 'extra' is unexpected");
    fails_with("opt", "256", "Parameter 'opt' expects uint8_t");
    fails_with("size", "1.5", "Parameter 'size' expects uint64");
    fails_with("color", "\"blue\"",
               "Parameter 'color' does not accept value 'blue'");
    input_fails("[]", "Invalid parameter type for '<anonymous>', "
                "expected: object");
}

static void test_input_uint_compat(void)
{
    /* Negative values are accepted for uint64, as QEMU does */
    char *json = foo_with("size", "-1");
    Foo *foo = foo_from_json(json, &error_abort);

    g_assert_cmpuint(foo->size, ==, UINT64_MAX);
    qapi_free_Foo(foo);
    g_free(json);
}

static void test_output(void)
{
    Foo *foo = foo_from_json(FOO_JSON, &error_abort);
    QObject *out;
    Visitor *v = qobject_output_visitor_new(&out);
    GString *s;

    g_assert(visit_type_Foo(v, NULL, &foo, &error_abort));
    visit_complete(v, &out);
    visit_free(v);

    s = qobject_to_json(out);
    g_assert_cmpstr(s->str, ==, FOO_JSON);
    g_string_free(s, true);
    qobject_unref(out);

    /* Absent optional members are not output */
    foo->has_opt = false;
    v = qobject_output_visitor_new(&out);
    visit_type_Foo(v, NULL, &foo, &error_abort);
    visit_complete(v, &out);
    visit_free(v);
    g_assert(!qdict_haskey(qobject_to(QDict, out), "opt"));
    qobject_unref(out);
    qapi_free_Foo(foo);
}

static Foo *foo_from_keyval(const char *params, Error **errp)
{
    QDict *d = keyval_parse(params, NULL, NULL, &error_abort);
    Visitor *v = qobject_input_visitor_new_keyval(QOBJECT(d));
    Foo *foo = NULL;

    visit_type_Foo(v, NULL, &foo, errp);
    visit_free(v);
    qobject_unref(d);
    return foo;
}

#define FOO_KV "b=on,s=x,color=green,num=-2.5e1,sub.n=-3,list.0=1,list.1=0x2"

static void test_input_keyval(void)
{
    Foo *foo = foo_from_keyval("i=0x10,opt=255,size=2G," FOO_KV,
                               &error_abort);

    g_assert_cmpint(foo->i, ==, 16);
    g_assert(foo->b);
    g_assert_cmpint(foo->opt, ==, 255);
    g_assert_cmpuint(foo->size, ==, 2 * GiB);
    g_assert_cmpfloat(foo->num, ==, -25.0);
    g_assert_cmpint(foo->sub->n, ==, -3);
    g_assert_cmpint(foo->list->next->value, ==, 2);
    qapi_free_Foo(foo);

    foo = foo_from_keyval("i=-1,size=1.5k," FOO_KV, &error_abort);
    g_assert_cmpint(foo->i, ==, -1);
    g_assert_cmpuint(foo->size, ==, 1536);
    qapi_free_Foo(foo);
}

static void keyval_fails(const char *params, const char *msg)
{
    Error *err = NULL;
    Foo *foo = foo_from_keyval(params, &err);

    g_assert(!foo);
    g_assert(err);
    g_assert_cmpstr(error_get_pretty(err), ==, msg);
    error_free(err);
}

static void test_input_keyval_errors(void)
{
    keyval_fails("i=abc,size=1," FOO_KV, "Parameter 'i' expects integer");
    keyval_fails("i=1,size=1,b=maybe,s=x,color=red,num=1,sub.n=1,list.0=1",
                 "Parameter 'b' expects 'on' or 'off'");
    keyval_fails("i=1,size=1Q," FOO_KV, "Parameter 'size' expects size");
    keyval_fails("i=1,size=-1," FOO_KV, "Parameter 'size' expects size");
    keyval_fails("i=1,opt=256,size=1," FOO_KV, "Parameter 'opt' expects uint8_t");
    keyval_fails("i.x=1,size=1," FOO_KV, "Parameters 'i.*' are unexpected");
    keyval_fails("size=1," FOO_KV, "Parameter 'i' is missing");
    keyval_fails("i=1,size=1,zzz=1," FOO_KV, "Parameter 'zzz' is unexpected");
    keyval_fails("i=1,size=1,b=on,s=x,color=red,num=1,sub=3,list.0=1",
                 "Invalid parameter type for 'sub', expected: object");
    keyval_fails("i=1,size=1,b=on,s=x,color=red,num=1,sub.n=1,list.0=y",
                 "Parameter 'list.0' expects integer");
}

static void test_input_str(void)
{
    Visitor *v;
    Foo *foo = NULL;
    Error *err = NULL;

    v = qobject_input_visitor_new_str(FOO_JSON, NULL, &error_abort);
    g_assert(visit_type_Foo(v, NULL, &foo, &error_abort));
    g_assert_cmpint(foo->i, ==, -7);
    visit_free(v);
    qapi_free_Foo(foo);
    foo = NULL;

    v = qobject_input_visitor_new_str("-5,size=1M," FOO_KV, "i",
                                      &error_abort);
    g_assert(visit_type_Foo(v, NULL, &foo, &error_abort));
    g_assert_cmpint(foo->i, ==, -5);
    g_assert_cmpuint(foo->size, ==, MiB);
    visit_free(v);
    qapi_free_Foo(foo);

    g_assert(!qobject_input_visitor_new_str("{\"i\": ", NULL, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "JSON parse error, premature EOI");
    error_free(err);
    err = NULL;
    g_assert(!qobject_input_visitor_new_str("i", NULL, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Expected '=' after parameter 'i'");
    error_free(err);
}

static void test_any_null_alternate(void)
{
    QObject *in = qobject_from_json("{\"a\": [1, {\"x\": null}], \"n\": null,"
                                    " \"alt\": \"s\"}", &error_abort);
    Visitor *v = qobject_input_visitor_new(in);
    QObject *any = NULL;
    QNull *null = NULL;
    GenericAlternate *alt = NULL;
    char *str = NULL;

    g_assert(visit_start_struct(v, NULL, NULL, 0, &error_abort));
    g_assert(visit_type_any(v, "a", &any, &error_abort));
    g_assert(visit_type_null(v, "n", &null, &error_abort));
    g_assert(null == &qnull_);
    g_assert(visit_start_alternate(v, "alt", &alt, sizeof(*alt),
                                   &error_abort));
    g_assert_cmpint(alt->type, ==, QTYPE_QSTRING);
    g_assert(visit_type_str(v, "alt", &str, &error_abort));
    visit_end_alternate(v, (void **)&alt);
    g_assert(visit_check_struct(v, &error_abort));
    visit_end_struct(v, NULL);
    visit_free(v);

    g_assert(qobject_is_equal(any, qdict_get(qobject_to(QDict, in), "a")));
    g_assert_cmpstr(str, ==, "s");
    g_free(alt);
    g_free(str);
    qobject_unref(any);
    qobject_unref(null);
    qobject_unref(in);
}

static void test_list_check(void)
{
    QObject *in = qobject_from_json("[1, 2, 3]", &error_abort);
    Visitor *v = qobject_input_visitor_new(in);
    int64_t n;
    Error *err = NULL;

    g_assert(visit_start_list(v, NULL, NULL, 0, &error_abort));
    g_assert(visit_type_int(v, NULL, &n, &error_abort));
    g_assert_cmpint(n, ==, 1);
    g_assert(!visit_check_list(v, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Only 1 list elements expected in <anonymous>");
    error_free(err);
    visit_end_list(v, NULL);
    visit_free(v);
    qobject_unref(in);
}

/* String input visitor */

static void test_string_input(void)
{
    Visitor *v;
    int64_t i;
    uint64_t u;
    bool b;
    double d;
    char *s;
    intList *il = NULL, *p;
    uint16List *ul = NULL;
    strList *sl = NULL;
    int64_t expect[] = { -2, -1, 0, 1, 2, 7, 16, 17 };
    int n = 0;
    Error *err = NULL;

    v = string_input_visitor_new("0x2a");
    g_assert(visit_type_int(v, "x", &i, &error_abort) && i == 42);
    visit_free(v);
    v = string_input_visitor_new("4k");
    g_assert(visit_type_size(v, "x", &u, &error_abort) && u == 4096);
    visit_free(v);
    v = string_input_visitor_new("yes");
    g_assert(visit_type_bool(v, "x", &b, &error_abort) && b);
    visit_free(v);
    v = string_input_visitor_new("0.25");
    g_assert(visit_type_number(v, "x", &d, &error_abort) && d == 0.25);
    visit_free(v);
    v = string_input_visitor_new("a,b");
    g_assert(visit_type_str(v, "x", &s, &error_abort));
    g_assert_cmpstr(s, ==, "a,b");
    g_free(s);
    visit_free(v);

    v = string_input_visitor_new("-2-2,7,16-17");
    g_assert(visit_type_intList(v, "l", &il, &error_abort));
    for (p = il; p; p = p->next) {
        g_assert_cmpint(n, <, ARRAY_SIZE(expect));
        g_assert_cmpint(p->value, ==, expect[n++]);
    }
    g_assert_cmpint(n, ==, ARRAY_SIZE(expect));
    qapi_free_intList(il);
    visit_free(v);

    v = string_input_visitor_new("");
    il = (intList *)1;
    g_assert(visit_type_intList(v, "l", &il, &error_abort));
    g_assert(!il);
    visit_free(v);

    v = string_input_visitor_new("a,b,c");
    g_assert(visit_type_strList(v, "l", &sl, &error_abort));
    g_assert_cmpstr(sl->next->next->value, ==, "c");
    qapi_free_strList(sl);
    visit_free(v);

    v = string_input_visitor_new("1,70000");
    g_assert(!visit_type_uint16List(v, "l", &ul, &err));
    g_assert(!ul);
    g_assert_cmpstr(error_get_pretty(err), ==, "Parameter 'null' expects uint16_t");
    error_free(err);
    err = NULL;
    visit_free(v);

    v = string_input_visitor_new("3-1");
    g_assert(!visit_type_intList(v, "l", &il, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Parameter 'null' expects an int64 value or range");
    error_free(err);
    err = NULL;
    visit_free(v);

    v = string_input_visitor_new("12x");
    g_assert(!visit_type_int(v, "x", &i, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Parameter 'x' expects an int64 value");
    error_free(err);
    err = NULL;
    visit_free(v);

    v = string_input_visitor_new("maybe");
    g_assert(!visit_type_bool(v, "x", &b, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Parameter 'x' expects 'on' or 'off'");
    error_free(err);
    visit_free(v);
}

static char *string_out(bool human, bool (*fn)(Visitor *, void *), void *p)
{
    char *out;
    Visitor *v = string_output_visitor_new(human, &out);

    g_assert(fn(v, p));
    visit_complete(v, &out);
    visit_free(v);
    return out;
}

static bool out_int(Visitor *v, void *p)
{
    return visit_type_int(v, "x", p, &error_abort);
}

static bool out_size(Visitor *v, void *p)
{
    return visit_type_size(v, "x", p, &error_abort);
}

static bool out_str(Visitor *v, void *p)
{
    return visit_type_str(v, "x", p, &error_abort);
}

static bool out_intlist(Visitor *v, void *p)
{
    return visit_type_intList(v, "x", p, &error_abort);
}

static void check_out(bool human, bool (*fn)(Visitor *, void *), void *p,
                      const char *expect)
{
    char *s = string_out(human, fn, p);

    g_assert_cmpstr(s, ==, expect);
    g_free(s);
}

static void test_string_output(void)
{
    int64_t i = 42;
    uint64_t sz = GiB;
    char *str = (char *)"hello";
    intList *l = NULL, **tail = &l;
    int64_t vals[] = { 1, 2, 3, 5, 7, 8 };
    int n;

    check_out(false, out_int, &i, "42");
    check_out(true, out_int, &i, "42 (0x2a)");
    check_out(false, out_size, &sz, "1073741824");
    check_out(true, out_size, &sz, "1073741824 (1 GiB)");
    sz = 1536;
    check_out(true, out_size, &sz, "1536 (1.5 KiB)");
    check_out(false, out_str, &str, "hello");
    check_out(true, out_str, &str, "\"hello\"");

    for (n = 0; n < ARRAY_SIZE(vals); n++) {
        QAPI_LIST_APPEND(tail, vals[n]);
    }
    check_out(false, out_intlist, &l, "1-3,5,7-8");
    check_out(true, out_intlist, &l, "1-3,5,7-8 (0x1-0x3,0x5,0x7-0x8)");
    qapi_free_intList(l);
}

static void test_clone(void)
{
    Foo *foo = foo_from_json(FOO_JSON, &error_abort);
    Foo *copy = QAPI_CLONE(Foo, foo);
    QObject *out;
    Visitor *v;
    GString *s;

    g_assert(copy != foo);
    g_assert(copy->s != foo->s);
    g_assert(copy->sub != foo->sub);
    g_assert(copy->list != foo->list);
    g_assert(copy->list->next != foo->list->next);
    qapi_free_Foo(foo);         /* the copy must not share anything */

    v = qobject_output_visitor_new(&out);
    visit_type_Foo(v, NULL, &copy, &error_abort);
    visit_complete(v, &out);
    visit_free(v);
    s = qobject_to_json(out);
    g_assert_cmpstr(s->str, ==, FOO_JSON);
    g_string_free(s, true);
    qobject_unref(out);
    qapi_free_Foo(copy);
    g_assert(!QAPI_CLONE(Foo, NULL));
}

static void test_util(void)
{
    Error *err = NULL;
    bool b;

    g_assert_cmpint(qapi_enum_parse(&Color_lookup, "green", -1, &error_abort),
                    ==, COLOR_GREEN);
    g_assert_cmpint(qapi_enum_parse(&Color_lookup, NULL, 7, &error_abort),
                    ==, 7);
    g_assert_cmpint(qapi_enum_parse(&Color_lookup, "blue", -1, &err), ==, -1);
    g_assert_cmpstr(error_get_pretty(err), ==, "invalid parameter value: blue");
    error_free(err);
    err = NULL;
    g_assert_cmpstr(qapi_enum_lookup(&Color_lookup, COLOR_RED), ==, "red");

    g_assert(qapi_bool_parse("p", "off", &b, &error_abort) && !b);
    g_assert(qapi_bool_parse("p", "true", &b, &error_abort) && b);
    g_assert(!qapi_bool_parse("p", "1", &b, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Parameter 'p' expects 'on' or 'off'");
    error_free(err);

    g_assert_cmpint(parse_qapi_name("node-name", true), ==, 9);
    g_assert_cmpint(parse_qapi_name("__org.qemu_x", true), ==, 12);
    g_assert_cmpint(parse_qapi_name("1abc", false), ==, -1);
    g_assert_cmpint(parse_qapi_name("ab.c", false), ==, 2);
    g_assert_cmpint(parse_qapi_name("ab.c", true), ==, -1);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/visitor/input/strict", test_input_strict);
    g_test_add_func("/visitor/input/strict-errors", test_input_strict_errors);
    g_test_add_func("/visitor/input/uint-compat", test_input_uint_compat);
    g_test_add_func("/visitor/input/keyval", test_input_keyval);
    g_test_add_func("/visitor/input/keyval-errors", test_input_keyval_errors);
    g_test_add_func("/visitor/input/str", test_input_str);
    g_test_add_func("/visitor/input/any-null-alternate",
                    test_any_null_alternate);
    g_test_add_func("/visitor/input/list-check", test_list_check);
    g_test_add_func("/visitor/output/qobject", test_output);
    g_test_add_func("/visitor/string/input", test_string_input);
    g_test_add_func("/visitor/string/output", test_string_output);
    g_test_add_func("/visitor/util", test_util);
    g_test_add_func("/visitor/clone", test_clone);
    return g_test_run();
}
