/*
 * QOM properties (every kind, through visitors and QObjects) and the
 * UserCreatable interface.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/util.h"
#include "qapi/visitor.h"
#include "qapi/qobject-input-visitor.h"
#include "qapi/qmp/qbool.h"
#include "qapi/qmp/qdict.h"
#include "qapi/qmp/qjson.h"
#include "qapi/qmp/qnum.h"
#include "qapi/qmp/qstring.h"
#include "qom/object.h"
#include "qom/object_interfaces.h"
#include "qom/qom-qobject.h"
#include "qom/qom-qmp-cmds.h"
#include "qapi/qmp/qlist.h"
#include "qemu/module.h"
#include "hw/qdev-core.h"

#define TYPE_DUMMY "dummy"
#define TYPE_TARGET "target"
#define TYPE_OTHER "other"
#define TYPE_DUMMY_UC "dummy-uc"

typedef enum DummyAnimal {
    DUMMY_FROG,
    DUMMY_ALLIGATOR,
    DUMMY_PLATYPUS,
    DUMMY_ANIMAL__MAX,
} DummyAnimal;

static const QEnumLookup dummy_animal_lookup = {
    .array = (const char *const[]) {
        [DUMMY_FROG] = "frog",
        [DUMMY_ALLIGATOR] = "alligator",
        [DUMMY_PLATYPUS] = "platypus",
    },
    .size = DUMMY_ANIMAL__MAX,
};

typedef struct Dummy {
    Object parent_obj;
    bool bv;
    char *sv;
    DummyAnimal av;
    uint8_t u8;
    uint16_t u16;
    uint32_t u32;
    uint64_t u64;
    int64_t i64;
    Object *weak;
    Object *strong;
    Object *classlink;
    bool veto;
} Dummy;

typedef struct DummyClass {
    ObjectClass parent_class;
} DummyClass;

OBJECT_DECLARE_TYPE(Dummy, DummyClass, DUMMY)

static bool dummy_get_bv(Object *obj, Error **errp)
{
    return DUMMY(obj)->bv;
}

static void dummy_set_bv(Object *obj, bool value, Error **errp)
{
    DUMMY(obj)->bv = value;
}

static char *dummy_get_sv(Object *obj, Error **errp)
{
    return g_strdup(DUMMY(obj)->sv);
}

static void dummy_set_sv(Object *obj, const char *value, Error **errp)
{
    if (!strcmp(value, "forbidden")) {
        error_setg(errp, "value 'forbidden' is not allowed");
        return;
    }
    g_free(DUMMY(obj)->sv);
    DUMMY(obj)->sv = g_strdup(value);
}

static int dummy_get_av(Object *obj, Error **errp)
{
    return DUMMY(obj)->av;
}

static void dummy_set_av(Object *obj, int value, Error **errp)
{
    DUMMY(obj)->av = value;
}

static void dummy_get_i64(Object *obj, Visitor *v, const char *name,
                          void *opaque, Error **errp)
{
    visit_type_int(v, name, &DUMMY(obj)->i64, errp);
}

static void dummy_set_i64(Object *obj, Visitor *v, const char *name,
                          void *opaque, Error **errp)
{
    int64_t value;

    if (!visit_type_int(v, name, &value, errp)) {
        return;
    }
    if (value < -1000) {
        error_setg(errp, "Property '%s' is too small", name);
        return;
    }
    DUMMY(obj)->i64 = value;
}

static void dummy_get_tm(Object *obj, struct tm *tm, Error **errp)
{
    memset(tm, 0, sizeof(*tm));
    tm->tm_year = 126;
    tm->tm_mon = 10;
    tm->tm_mday = 22;
    tm->tm_hour = 4;
    tm->tm_min = 5;
    tm->tm_sec = 6;
}

static void dummy_check_link(const Object *obj, const char *name,
                             Object *val, Error **errp)
{
    if (DUMMY(obj)->veto) {
        error_setg(errp, "link '%s' is locked", name);
    }
}

static void dummy_init(Object *obj)
{
    Dummy *d = DUMMY(obj);

    object_property_add_bool(obj, "bv", dummy_get_bv, dummy_set_bv);
    object_property_add_str(obj, "sv", dummy_get_sv, dummy_set_sv);
    object_property_add_enum(obj, "av", "DummyAnimal", &dummy_animal_lookup,
                             dummy_get_av, dummy_set_av);
    object_property_add_uint8_ptr(obj, "u8", &d->u8,
                                  OBJ_PROP_FLAG_READWRITE);
    object_property_add_uint16_ptr(obj, "u16", &d->u16,
                                   OBJ_PROP_FLAG_READWRITE);
    object_property_add_uint32_ptr(obj, "u32", &d->u32, OBJ_PROP_FLAG_READ);
    object_property_add_uint64_ptr(obj, "u64", &d->u64,
                                   OBJ_PROP_FLAG_READWRITE);
    object_property_add(obj, "i64", "int", dummy_get_i64, dummy_set_i64,
                        NULL, NULL);
    object_property_add_tm(obj, "date", dummy_get_tm);
    object_property_add_link(obj, "weak", TYPE_TARGET, &d->weak,
                             dummy_check_link, 0);
    object_property_add_link(obj, "strong", TYPE_TARGET, &d->strong,
                             object_property_allow_set_link,
                             OBJ_PROP_LINK_STRONG);
    object_property_set_description(obj, "bv", "a boolean");
}

static void dummy_finalize(Object *obj)
{
    g_free(DUMMY(obj)->sv);
}

static void dummy_class_init(ObjectClass *oc, void *data)
{
    ObjectProperty *op;

    op = object_class_property_add_bool(oc, "cbv", dummy_get_bv,
                                        dummy_set_bv);
    object_class_property_set_description(oc, "cbv", "class bool");
    object_property_set_default_bool(op, true);
    object_class_property_add_link(oc, "classlink", TYPE_TARGET,
                                   offsetof(Dummy, classlink),
                                   object_property_allow_set_link,
                                   OBJ_PROP_LINK_STRONG);
}

static const TypeInfo test_types[] = {
    {
        .name = TYPE_DUMMY,
        .parent = TYPE_OBJECT,
        .instance_size = sizeof(Dummy),
        .instance_init = dummy_init,
        .instance_finalize = dummy_finalize,
        .class_size = sizeof(DummyClass),
        .class_init = dummy_class_init,
    }, {
        .name = TYPE_TARGET,
        .parent = TYPE_OBJECT,
        .instance_size = sizeof(Object),
    }, {
        .name = TYPE_OTHER,
        .parent = TYPE_OBJECT,
        .instance_size = sizeof(Object),
    },
};

DEFINE_TYPES(test_types)

/* A UserCreatable type declared with the OBJECT_DEFINE_* helpers. */
typedef struct DummyUc {
    Object parent_obj;
    uint32_t count;
    char *label;
    bool in_use;
    bool completed;
} DummyUc;

typedef struct DummyUcClass {
    ObjectClass parent_class;
} DummyUcClass;

OBJECT_DECLARE_TYPE(DummyUc, DummyUcClass, DUMMY_UC)

OBJECT_DEFINE_TYPE_WITH_INTERFACES(DummyUc, dummy_uc, DUMMY_UC, OBJECT,
                                   { TYPE_USER_CREATABLE }, { })

static char *dummy_uc_get_label(Object *obj, Error **errp)
{
    return g_strdup(DUMMY_UC(obj)->label);
}

static void dummy_uc_set_label(Object *obj, const char *value, Error **errp)
{
    g_free(DUMMY_UC(obj)->label);
    DUMMY_UC(obj)->label = g_strdup(value);
}

static void dummy_uc_complete(UserCreatable *uc, Error **errp)
{
    DummyUc *d = DUMMY_UC(uc);

    if (d->label && !strcmp(d->label, "fail")) {
        error_setg(errp, "label 'fail' makes completion fail");
        return;
    }
    d->completed = true;
}

static bool dummy_uc_can_be_deleted(UserCreatable *uc)
{
    return !DUMMY_UC(uc)->in_use;
}

static void dummy_uc_init(Object *obj)
{
    object_property_add_uint32_ptr(obj, "count", &DUMMY_UC(obj)->count,
                                   OBJ_PROP_FLAG_READWRITE);
}

static void dummy_uc_finalize(Object *obj)
{
    g_free(DUMMY_UC(obj)->label);
}

static void dummy_uc_class_init(ObjectClass *oc, void *data)
{
    UserCreatableClass *ucc = USER_CREATABLE_CLASS(oc);

    ucc->complete = dummy_uc_complete;
    ucc->can_be_deleted = dummy_uc_can_be_deleted;
    object_class_property_add_str(oc, "label", dummy_uc_get_label,
                                  dummy_uc_set_label);
    object_class_property_set_description(oc, "label", "a label");
}

static Object *new_target(const char *name)
{
    Object *t = object_new(TYPE_TARGET);

    object_property_add_child(object_get_root(), name, t);
    object_unref(t);
    return t;
}

static void assert_error(Error **errp, const char *msg)
{
    g_assert_nonnull(*errp);
    g_assert_cmpstr(error_get_pretty(*errp), ==, msg);
    error_free(*errp);
    *errp = NULL;
}

static void test_prop_bool(void)
{
    Object *obj = object_new(TYPE_DUMMY);
    Error *err = NULL;
    QObject *q;

    g_assert_true(object_property_set_bool(obj, "bv", true, &error_abort));
    g_assert_true(DUMMY(obj)->bv);
    g_assert_true(object_property_get_bool(obj, "bv", &error_abort));
    g_assert_true(object_property_parse(obj, "bv", "off", &error_abort));
    g_assert_false(DUMMY(obj)->bv);
    g_assert_true(object_property_parse(obj, "bv", "on", &error_abort));
    g_assert_true(DUMMY(obj)->bv);

    q = object_property_get_qobject(obj, "bv", &error_abort);
    g_assert_true(qbool_get_bool(qobject_to(QBool, q)));
    qobject_unref(q);

    /* Wrong QObject type */
    q = QOBJECT(qstring_from_str("yes"));
    g_assert_false(object_property_set_qobject(obj, "bv", q, &err));
    assert_error(&err, "Invalid parameter type for 'bv', expected: boolean");
    qobject_unref(q);

    g_assert_cmpstr(object_property_get_type(obj, "bv", NULL), ==, "bool");
    object_unref(obj);
}

static void test_prop_str(void)
{
    Object *obj = object_new(TYPE_DUMMY);
    Error *err = NULL;
    g_autofree char *s = NULL;
    g_autofree char *printed = NULL;

    g_assert_true(object_property_set_str(obj, "sv", "hello", &error_abort));
    s = object_property_get_str(obj, "sv", &error_abort);
    g_assert_cmpstr(s, ==, "hello");

    /* Setter errors propagate unchanged. */
    g_assert_false(object_property_set_str(obj, "sv", "forbidden", &err));
    assert_error(&err, "value 'forbidden' is not allowed");
    g_assert_cmpstr(DUMMY(obj)->sv, ==, "hello");

    printed = object_property_print(obj, "sv", false, &error_abort);
    g_assert_cmpstr(printed, ==, "hello");

    /* A string getter on a bool property is a type error. */
    g_assert_null(object_property_get_str(obj, "bv", &err));
    assert_error(&err, "Invalid parameter type for 'bv', expected: string");

    /* "type" is a read-only class property every object has. */
    g_free(s);
    s = object_property_get_str(obj, "type", &error_abort);
    g_assert_cmpstr(s, ==, TYPE_DUMMY);
    g_assert_false(object_property_set_str(obj, "type", "x", &err));
    assert_error(&err, "Property 'dummy.type' is not writable");
    object_unref(obj);
}

static void test_prop_not_found(void)
{
    Object *obj = object_new(TYPE_DUMMY);
    Error *err = NULL;

    g_assert_false(object_property_set_int(obj, "nope", 1, &err));
    assert_error(&err, "Property 'dummy.nope' not found");
    g_assert_null(object_property_get_qobject(obj, "nope", &err));
    assert_error(&err, "Property 'dummy.nope' not found");
    g_assert_null(object_property_get_type(obj, "nope", &err));
    assert_error(&err, "Property 'dummy.nope' not found");
    g_assert_null(object_property_find(obj, "nope"));
    g_assert_false(object_property_parse(obj, "nope", "1", &err));
    assert_error(&err, "Property 'dummy.nope' not found");
    object_unref(obj);
}

static void test_prop_integers(void)
{
    Object *obj = object_new(TYPE_DUMMY);
    Dummy *d = DUMMY(obj);
    Error *err = NULL;
    g_autofree char *printed = NULL;
    QObject *q;

    g_assert_true(object_property_set_uint(obj, "u8", 200, &error_abort));
    g_assert_cmpuint(d->u8, ==, 200);
    g_assert_cmpuint(object_property_get_uint(obj, "u8", &error_abort), ==,
                     200);
    g_assert_false(object_property_set_uint(obj, "u8", 256, &err));
    g_assert_nonnull(err);
    error_free(err);
    err = NULL;
    g_assert_cmpuint(d->u8, ==, 200);

    g_assert_true(object_property_parse(obj, "u16", "65535", &error_abort));
    g_assert_cmpuint(d->u16, ==, 65535);
    g_assert_false(object_property_parse(obj, "u16", "65536", &err));
    g_assert_nonnull(err);
    error_free(err);
    err = NULL;
    g_assert_cmpstr(object_property_get_type(obj, "u16", NULL), ==,
                    "uint16");

    /* u32 is read-only */
    d->u32 = 0xdeadbeef;
    g_assert_cmpuint(object_property_get_uint(obj, "u32", &error_abort), ==,
                     0xdeadbeef);
    g_assert_false(object_property_set_uint(obj, "u32", 1, &err));
    assert_error(&err, "Property 'dummy.u32' is not writable");

    g_assert_true(object_property_set_uint(obj, "u64", UINT64_MAX,
                                           &error_abort));
    g_assert_cmpuint(d->u64, ==, UINT64_MAX);
    q = object_property_get_qobject(obj, "u64", &error_abort);
    {
        uint64_t u;

        g_assert_true(qnum_get_try_uint(qobject_to(QNum, q), &u));
        g_assert_cmpuint(u, ==, UINT64_MAX);
    }
    qobject_unref(q);
    /* Does not fit int64: get_int must refuse. */
    g_assert_cmpint(object_property_get_int(obj, "u64", &err), ==, -1);
    assert_error(&err, "Invalid parameter type for 'u64', expected: int");

    g_assert_true(object_property_set_int(obj, "i64", -5, &error_abort));
    g_assert_cmpint(d->i64, ==, -5);
    g_assert_cmpint(object_property_get_int(obj, "i64", &error_abort), ==,
                    -5);
    g_assert_false(object_property_set_int(obj, "i64", -2000, &err));
    assert_error(&err, "Property 'i64' is too small");
    g_assert_cmpint(d->i64, ==, -5);
    g_assert_true(object_property_parse(obj, "i64", "123", &error_abort));
    g_assert_cmpint(d->i64, ==, 123);
    g_assert_false(object_property_parse(obj, "i64", "abc", &err));
    g_assert_nonnull(err);
    error_free(err);
    err = NULL;
    printed = object_property_print(obj, "i64", false, &error_abort);
    g_assert_cmpstr(printed, ==, "123");
    /* A uint getter on a negative value fails. */
    d->i64 = -1;
    g_assert_cmpuint(object_property_get_uint(obj, "i64", &err), ==, 0);
    assert_error(&err, "Invalid parameter type for 'i64', expected: uint");
    object_unref(obj);
}

static void test_prop_enum(void)
{
    Object *obj = object_new(TYPE_DUMMY);
    Error *err = NULL;
    g_autofree char *s = NULL;

    g_assert_true(object_property_set_str(obj, "av", "platypus",
                                          &error_abort));
    g_assert_cmpint(DUMMY(obj)->av, ==, DUMMY_PLATYPUS);
    s = object_property_get_str(obj, "av", &error_abort);
    g_assert_cmpstr(s, ==, "platypus");
    g_assert_cmpint(object_property_get_enum(obj, "av", "DummyAnimal",
                                             &error_abort),
                    ==, DUMMY_PLATYPUS);
    g_assert_true(object_property_parse(obj, "av", "frog", &error_abort));
    g_assert_cmpint(DUMMY(obj)->av, ==, DUMMY_FROG);

    g_assert_false(object_property_set_str(obj, "av", "cat", &err));
    assert_error(&err, "Parameter 'av' does not accept value 'cat'");
    g_assert_cmpint(DUMMY(obj)->av, ==, DUMMY_FROG);

    g_assert_cmpint(object_property_get_enum(obj, "av", "OtherEnum", &err),
                    ==, -1);
    assert_error(&err, "Property av on dummy is not 'OtherEnum' enum type");
    g_assert_cmpstr(object_property_get_type(obj, "av", NULL), ==,
                    "DummyAnimal");
    object_unref(obj);
}

static void test_prop_tm(void)
{
    Object *obj = object_new(TYPE_DUMMY);
    QObject *q = object_property_get_qobject(obj, "date", &error_abort);
    QDict *d = qobject_to(QDict, q);
    Error *err = NULL;

    g_assert_nonnull(d);
    g_assert_cmpint(qdict_get_int(d, "tm_year"), ==, 126);
    g_assert_cmpint(qdict_get_int(d, "tm_mon"), ==, 10);
    g_assert_cmpint(qdict_get_int(d, "tm_mday"), ==, 22);
    g_assert_cmpint(qdict_get_int(d, "tm_sec"), ==, 6);
    g_assert_cmpstr(object_property_get_type(obj, "date", NULL), ==,
                    "struct tm");
    g_assert_false(object_property_set_qobject(obj, "date", q, &err));
    assert_error(&err, "Property 'dummy.date' is not writable");
    qobject_unref(q);
    object_unref(obj);
}

static void test_prop_class_default(void)
{
    Object *obj = object_new(TYPE_DUMMY);
    ObjectProperty *prop = object_property_find(obj, "cbv");
    g_autofree char *help = NULL;

    /* The class default is applied to each new instance. */
    g_assert_true(DUMMY(obj)->bv);
    g_assert_nonnull(prop);
    g_assert_cmpstr(prop->description, ==, "class bool");
    g_assert_true(qbool_get_bool(qobject_to(QBool, prop->defval)));
    help = object_property_help(prop->name, prop->type, prop->defval,
                                prop->description);
    g_assert_cmpstr(help, ==,
                    "  cbv=<bool>             - class bool (default: true)");
    g_assert(object_class_property_find(object_get_class(obj), "cbv") ==
             prop);
    g_assert_null(object_class_property_find(object_get_class(obj), "bv"));
    object_unref(obj);
}

static void test_prop_iter_and_dup(void)
{
    Object *obj = object_new(TYPE_DUMMY);
    ObjectPropertyIterator iter;
    ObjectProperty *prop;
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    Error *err = NULL;

    object_property_iter_init(&iter, obj);
    while ((prop = object_property_iter_next(&iter))) {
        g_assert_true(g_hash_table_add(seen, prop->name));
    }
    /* instance, class and the "type" property inherited from object */
    g_assert_true(g_hash_table_contains(seen, "bv"));
    g_assert_true(g_hash_table_contains(seen, "cbv"));
    g_assert_true(g_hash_table_contains(seen, "classlink"));
    g_assert_true(g_hash_table_contains(seen, "type"));
    g_assert_cmpuint(g_hash_table_size(seen), ==, 14);
    g_hash_table_destroy(seen);

    g_assert_null(object_property_try_add(obj, "bv", "bool", NULL, NULL,
                                          NULL, NULL, &err));
    assert_error(&err,
                 "attempt to add duplicate property 'bv' to object "
                 "(type 'dummy')");
    /* Class properties count as duplicates too. */
    g_assert_null(object_property_try_add(obj, "type", "string", NULL, NULL,
                                          NULL, NULL, &err));
    assert_error(&err, "attempt to add duplicate property 'type' to object "
                 "(type 'dummy')");

    object_property_del(obj, "bv");
    g_assert_null(object_property_find(obj, "bv"));
    object_unref(obj);
}

static void release_counter(Object *obj, const char *name, void *opaque)
{
    (*(int *)opaque)++;
}

static void test_prop_release(void)
{
    Object *obj = object_new(TYPE_DUMMY);
    int released = 0;

    object_property_add(obj, "r1", "int", NULL, NULL, release_counter,
                        &released);
    object_property_add(obj, "r2", "int", NULL, NULL, release_counter,
                        &released);
    object_property_del(obj, "r1");
    g_assert_cmpint(released, ==, 1);
    object_unref(obj);
    g_assert_cmpint(released, ==, 2);
}

static void test_prop_link(void)
{
    Object *obj = object_new(TYPE_DUMMY);
    Dummy *d = DUMMY(obj);
    Object *t1 = new_target("t1");
    Object *other = object_new(TYPE_OTHER);
    Error *err = NULL;
    g_autofree char *path = NULL;

    object_property_add_child(object_get_root(), "oth", other);
    object_unref(other);

    g_assert_cmpstr(object_property_get_type(obj, "weak", NULL), ==,
                    "link<target>");
    g_assert_true(object_property_set_link(obj, "weak", t1, &error_abort));
    g_assert(d->weak == t1);
    g_assert_cmpint(t1->ref, ==, 1);
    g_assert(object_property_get_link(obj, "weak", &error_abort) == t1);
    path = object_property_get_str(obj, "weak", &error_abort);
    g_assert_cmpstr(path, ==, "/t1");

    /* Set by (partial) path string */
    g_assert_true(object_property_set_str(obj, "weak", "", &error_abort));
    g_assert_null(d->weak);
    g_assert_true(object_property_set_str(obj, "weak", "t1", &error_abort));
    g_assert(d->weak == t1);

    g_assert_false(object_property_set_str(obj, "weak", "/nothere", &err));
    g_assert_cmpint(error_get_class(err), ==, ERROR_CLASS_DEVICE_NOT_FOUND);
    assert_error(&err, "Device '/nothere' not found");
    g_assert(d->weak == t1);

    g_assert_false(object_property_set_str(obj, "weak", "/oth", &err));
    assert_error(&err,
                 "Invalid parameter type for 'weak', expected: target");

    /* The check callback may veto. */
    d->veto = true;
    g_assert_false(object_property_set_link(obj, "weak", NULL, &err));
    assert_error(&err, "link 'weak' is locked");
    g_assert(d->weak == t1);
    d->veto = false;

    /* Resolving through a link */
    object_property_add_child(object_get_root(), "holder", obj);
    g_assert(object_resolve_path("/holder/weak", NULL) == t1);

    /* Strong links hold a reference */
    g_assert_true(object_property_set_link(obj, "strong", t1, &error_abort));
    g_assert_cmpint(t1->ref, ==, 2);
    g_assert_true(object_property_set_link(obj, "strong", NULL,
                                           &error_abort));
    g_assert_cmpint(t1->ref, ==, 1);
    g_assert_true(object_property_set_link(obj, "classlink", t1,
                                           &error_abort));
    g_assert(d->classlink == t1);
    g_assert_cmpint(t1->ref, ==, 2);

    object_unparent(obj);
    object_unref(obj);
    /* Releasing the class link dropped its reference. */
    g_assert_cmpint(t1->ref, ==, 1);
    object_unparent(t1);
    object_unparent(other);
}

static void test_prop_ambiguous_link(void)
{
    Object *obj = object_new(TYPE_DUMMY);
    Object *a = container_get(object_get_root(), "/la");
    Object *b = container_get(object_get_root(), "/lb");
    Object *t1 = object_new(TYPE_TARGET);
    Object *t2 = object_new(TYPE_TARGET);
    Error *err = NULL;

    object_property_add_child(a, "tt", t1);
    object_property_add_child(b, "tt", t2);
    g_assert_false(object_property_set_str(obj, "weak", "tt", &err));
    assert_error(&err, "Path 'tt' does not uniquely identify an object");
    object_unref(t1);
    object_unref(t2);
    object_unparent(a);
    object_unparent(b);
    object_unref(obj);
}

static void test_prop_const_link_alias(void)
{
    Object *obj = object_new(TYPE_DUMMY);
    Object *holder = object_new(TYPE_OTHER);
    Object *t = new_target("ct");
    Error *err = NULL;
    g_autofree char *s = NULL;

    object_property_add_const_link(holder, "fixed", t);
    g_assert(object_property_get_link(holder, "fixed", &error_abort) == t);
    g_assert_false(object_property_set_link(holder, "fixed", NULL, &err));
    assert_error(&err, "Property 'other.fixed' is not writable");

    object_property_add_alias(holder, "flag", obj, "bv");
    object_property_add_alias(holder, "kind", obj, "av");
    g_assert_true(object_property_set_bool(holder, "flag", false,
                                           &error_abort));
    g_assert_false(DUMMY(obj)->bv);
    g_assert_true(object_property_set_str(holder, "kind", "alligator",
                                          &error_abort));
    g_assert_cmpint(DUMMY(obj)->av, ==, DUMMY_ALLIGATOR);
    s = object_property_get_str(holder, "kind", &error_abort);
    g_assert_cmpstr(s, ==, "alligator");
    g_assert_cmpstr(object_property_get_type(holder, "kind", NULL), ==,
                    "DummyAnimal");
    g_assert_cmpstr(object_property_find(holder, "flag")->description, ==,
                    "a boolean");

    object_unref(holder);
    object_unref(obj);
    object_unparent(t);
}

static void test_child_property(void)
{
    Object *parent = object_new(TYPE_OTHER);
    Object *child = object_new(TYPE_TARGET);
    Object *dup;
    Error *err = NULL;
    g_autofree char *s = NULL;

    object_property_add_child(object_get_root(), "cp", parent);
    object_unref(parent);
    object_property_add_child(parent, "kid", child);
    g_assert_cmpstr(object_property_get_type(parent, "kid", NULL), ==,
                    "child<target>");
    s = object_property_get_str(parent, "kid", &error_abort);
    g_assert_cmpstr(s, ==, "/cp/kid");
    g_assert_false(object_property_set_str(parent, "kid", "x", &err));
    assert_error(&err, "Property 'other.kid' is not writable");

    dup = object_new(TYPE_TARGET);
    g_assert_null(object_property_try_add_child(parent, "kid", dup, &err));
    g_assert_null(dup->parent);
    object_unref(dup);
    assert_error(&err, "attempt to add duplicate property 'kid' to object "
                 "(type 'other')");

    g_assert_cmpint(child->ref, ==, 2);
    object_unparent(child);
    g_assert_null(child->parent);
    g_assert_cmpint(child->ref, ==, 1);
    g_assert_null(object_property_find(parent, "kid"));
    object_unref(child);
    object_unparent(parent);
}

static void test_new_with_props(void)
{
    Error *err = NULL;
    Object *obj;

    obj = object_new_with_props(TYPE_DUMMY, object_get_root(), "np", &err,
                                "sv", "abc", "av", "alligator", "u16", "7",
                                NULL);
    g_assert_nonnull(obj);
    g_assert_null(err);
    g_assert(object_resolve_path("/np", NULL) == obj);
    g_assert_cmpstr(DUMMY(obj)->sv, ==, "abc");
    g_assert_cmpint(DUMMY(obj)->av, ==, DUMMY_ALLIGATOR);
    g_assert_cmpuint(DUMMY(obj)->u16, ==, 7);
    g_assert_cmpint(obj->ref, ==, 1);

    g_assert_true(object_set_props(obj, &error_abort, "u8", "9", NULL));
    g_assert_cmpuint(DUMMY(obj)->u8, ==, 9);
    g_assert_false(object_set_props(obj, &err, "av", "cow", NULL));
    assert_error(&err, "Parameter 'av' does not accept value 'cow'");
    object_unparent(obj);

    g_assert_null(object_new_with_props(TYPE_DUMMY, object_get_root(), "np2",
                                        &err, "nope", "1", NULL));
    assert_error(&err, "Property 'dummy.nope' not found");
    g_assert_null(object_resolve_path("/np2", NULL));
}

/* UserCreatable */

static void test_uc_add_del(void)
{
    Error *err = NULL;
    Object *obj;
    DummyUc *d;

    g_assert_true(user_creatable_add_from_str(
                      "dummy-uc,id=uc0,count=12,label=hi", &error_abort));
    obj = object_resolve_path("/objects/uc0", NULL);
    g_assert_nonnull(obj);
    d = DUMMY_UC(obj);
    g_assert_cmpuint(d->count, ==, 12);
    g_assert_cmpstr(d->label, ==, "hi");
    g_assert_true(d->completed);
    g_assert_cmpint(obj->ref, ==, 1);

    g_assert_false(user_creatable_add_from_str("dummy-uc,id=uc0", &err));
    assert_error(&err, "attempt to add duplicate property 'uc0' to object "
                 "(type 'container')");

    d->in_use = true;
    g_assert_false(user_creatable_del("uc0", &err));
    assert_error(&err, "object 'uc0' is in use, can not be deleted");
    d->in_use = false;
    g_assert_true(user_creatable_del("uc0", &error_abort));
    g_assert_null(object_resolve_path("/objects/uc0", NULL));
    g_assert_false(user_creatable_del("uc0", &err));
    assert_error(&err, "object 'uc0' not found");
}

static void test_uc_json(void)
{
    Error *err = NULL;
    Object *obj;

    g_assert_true(user_creatable_add_from_str(
                      "{\"qom-type\": \"dummy-uc\", \"id\": \"uc1\", "
                      "\"count\": 5, \"label\": \"json\"}", &error_abort));
    obj = object_resolve_path("/objects/uc1", NULL);
    g_assert_nonnull(obj);
    g_assert_cmpuint(DUMMY_UC(obj)->count, ==, 5);
    g_assert_cmpstr(DUMMY_UC(obj)->label, ==, "json");
    g_assert_true(user_creatable_del("uc1", &error_abort));

    /* JSON values are typed: a string is not a number. */
    g_assert_false(user_creatable_add_from_str(
                       "{\"qom-type\": \"dummy-uc\", \"id\": \"uc2\", "
                       "\"count\": \"5\"}", &err));
    g_assert_nonnull(err);
    g_assert_nonnull(strstr(error_get_pretty(err), "count"));
    error_free(err);
    err = NULL;
    g_assert_null(object_resolve_path("/objects/uc2", NULL));

    g_assert_false(user_creatable_add_from_str(
                       "{\"qom-type\": \"dummy-uc\", \"id\": \"uc2\", "
                       "\"bogus\": 1}", &err));
    assert_error(&err, "Parameter 'bogus' is unexpected");
    g_assert_false(user_creatable_add_from_str("{\"id\": \"x\"}", &err));
    assert_error(&err, "Parameter 'qom-type' is missing");
    g_assert_false(user_creatable_add_from_str(
                       "{\"qom-type\": \"dummy-uc\", \"id\": 1}", &err));
    assert_error(&err, "Invalid parameter type for 'id', expected: string");
    g_assert_false(user_creatable_add_from_str("[1]", &err));
    g_assert_nonnull(err);
    error_free(err);
    err = NULL;
    g_assert_false(user_creatable_add_from_str("{\"qom-type\": ", &err));
    g_assert_nonnull(err);
    error_free(err);
    err = NULL;
}

static void test_uc_errors(void)
{
    Error *err = NULL;

    g_assert_false(user_creatable_add_from_str("dummy-uc,count=1", &err));
    assert_error(&err, "Parameter 'id' is missing");
    g_assert_false(user_creatable_add_from_str("id=x", &err));
    assert_error(&err, "Parameter 'qom-type' is missing");
    g_assert_false(user_creatable_add_from_str("nope,id=x", &err));
    assert_error(&err, "Parameter 'qom-type' does not accept value 'nope'");
    /* Not user-creatable */
    g_assert_false(user_creatable_add_from_str("dummy,id=x", &err));
    assert_error(&err, "Parameter 'qom-type' does not accept value 'dummy'");
    g_assert_false(user_creatable_add_from_str("dummy-uc,id=1x", &err));
    assert_error(&err, "Parameter 'id' expects an identifier");
    g_assert_false(user_creatable_add_from_str("dummy-uc,id=x,bogus=1",
                                               &err));
    assert_error(&err, "Invalid parameter 'bogus'");
    g_assert_false(user_creatable_add_from_str("dummy-uc,id=x,count=abc",
                                               &err));
    g_assert_nonnull(err);
    error_free(err);
    err = NULL;

    /* complete() failing leaves nothing behind */
    g_assert_false(user_creatable_add_from_str("dummy-uc,id=x,label=fail",
                                               &err));
    assert_error(&err, "label 'fail' makes completion fail");
    g_assert_null(object_resolve_path("/objects/x", NULL));

    g_assert_null(user_creatable_add_type("nope", "x", NULL, NULL, &err));
    assert_error(&err, "invalid object type: nope");
    g_assert_null(user_creatable_add_type(TYPE_DUMMY, "x", NULL, NULL,
                                          &err));
    assert_error(&err, "object type 'dummy' isn't supported by object-add");
}

static void test_uc_add_type(void)
{
    QDict *props = qdict_new();
    Visitor *v;
    Object *obj;

    qdict_put_int(props, "count", 3);
    v = qobject_input_visitor_new(QOBJECT(props));
    obj = user_creatable_add_type(TYPE_DUMMY_UC, "uc3", props, v,
                                  &error_abort);
    visit_free(v);
    g_assert_nonnull(obj);
    /* One reference for the caller, one for /objects. */
    g_assert_cmpint(obj->ref, ==, 2);
    g_assert_cmpuint(DUMMY_UC(obj)->count, ==, 3);
    object_unref(obj);
    g_assert_true(user_creatable_del("uc3", &error_abort));
    qobject_unref(props);
}

static void test_uc_help(void)
{
    if (g_test_subprocess()) {
        g_assert_true(user_creatable_add_from_str("help", &error_abort));
        g_assert_true(user_creatable_add_from_str("dummy-uc,help",
                                                  &error_abort));
        return;
    }
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_passed();
    g_test_trap_assert_stdout("List of user creatable objects:\n"
                              "  dummy-uc\n*"
                              "dummy-uc options:\n"
                              "  label=<string>         - a label\n");
}

static void test_global_props(void)
{
    GlobalProperty globals[] = {
        { .driver = TYPE_DUMMY, .property = "u16", .value = "5" },
        { .driver = TYPE_OBJECT, .property = "nope", .value = "1",
          .optional = true },
        { .driver = TYPE_TARGET, .property = "u16", .value = "6" },
    };
    GlobalProperty bad = {
        .driver = TYPE_DUMMY, .property = "u8", .value = "300",
    };
    GPtrArray *props = g_ptr_array_new();
    Object *obj = object_new(TYPE_DUMMY);
    Error *err = NULL;

    for (int i = 0; i < ARRAY_SIZE(globals); i++) {
        g_ptr_array_add(props, &globals[i]);
    }
    g_assert_true(object_apply_global_props(obj, props, &error_abort));
    g_assert_cmpuint(DUMMY(obj)->u16, ==, 5);
    g_assert_true(globals[0].used);
    g_assert_false(globals[1].used);
    g_assert_false(globals[2].used);

    g_ptr_array_add(props, &bad);
    g_assert_false(object_apply_global_props(obj, props, &err));
    g_assert_nonnull(err);
    g_assert_true(g_str_has_prefix(error_get_pretty(err),
                                   "can't apply global dummy.u8=300: "));
    error_free(err);
    g_ptr_array_free(props, true);
    object_unref(obj);
}

static QDict *find_entry(QList *list, const char *name)
{
    const QListEntry *e;

    for (e = qlist_first(list); e; e = qlist_next(e)) {
        QDict *d = qobject_to(QDict, qlist_entry_obj(e));

        if (!strcmp(qdict_get_str(d, "name"), name)) {
            return d;
        }
    }
    return NULL;
}

static void test_qmp_cmds(void)
{
    Object *obj = object_new(TYPE_DUMMY);
    Error *err = NULL;
    QList *list;
    QDict *entry;
    QObject *q;
    QDict *args;

    object_property_add_child(object_get_root(), "qd", obj);
    object_unref(obj);

    list = qmp_qom_list("/qd", &error_abort);
    entry = find_entry(list, "av");
    g_assert_nonnull(entry);
    g_assert_cmpstr(qdict_get_str(entry, "type"), ==, "DummyAnimal");
    g_assert_nonnull(find_entry(list, "type"));
    g_assert_nonnull(find_entry(list, "cbv"));
    qobject_unref(list);
    g_assert_null(qmp_qom_list("/nope", &err));
    g_assert_cmpint(error_get_class(err), ==, ERROR_CLASS_DEVICE_NOT_FOUND);
    assert_error(&err, "Device '/nope' not found");

    q = QOBJECT(qnum_from_int(77));
    qmp_qom_set("qd", "u16", q, &error_abort);
    qobject_unref(q);
    q = qmp_qom_get("/qd", "u16", &error_abort);
    g_assert_cmpint(qnum_get_int(qobject_to(QNum, q)), ==, 77);
    qobject_unref(q);
    g_assert_null(qmp_qom_get("/qd", "zz", &err));
    assert_error(&err, "Property 'dummy.zz' not found");

    list = qmp_qom_list_types(true, TYPE_USER_CREATABLE, false, false,
                              &error_abort);
    g_assert_cmpuint(qlist_size(list), ==, 1);
    entry = find_entry(list, TYPE_DUMMY_UC);
    g_assert_cmpstr(qdict_get_str(entry, "parent"), ==, TYPE_OBJECT);
    g_assert_false(qdict_haskey(entry, "abstract"));
    qobject_unref(list);
    list = qmp_qom_list_types(false, NULL, true, true, &error_abort);
    entry = find_entry(list, TYPE_OBJECT);
    g_assert_true(qdict_get_bool(entry, "abstract"));
    g_assert_false(qdict_haskey(entry, "parent"));
    qobject_unref(list);

    list = qmp_qom_list_properties(TYPE_DUMMY, &error_abort);
    entry = find_entry(list, "cbv");
    g_assert_cmpstr(qdict_get_str(entry, "description"), ==, "class bool");
    g_assert_true(qdict_get_bool(entry, "default-value"));
    g_assert_nonnull(find_entry(list, "u64"));
    qobject_unref(list);
    g_assert_null(qmp_qom_list_properties("nope", &err));
    assert_error(&err, "Class 'nope' not found");
    g_assert_null(qmp_qom_list_properties(TYPE_USER_CREATABLE, &err));
    assert_error(&err, "Parameter 'typename' expects a QOM type");
    g_assert_null(qmp_qom_list("", &err));
    assert_error(&err, "Path '' is ambiguous");

    args = qdict_new();
    qdict_put_str(args, "qom-type", TYPE_DUMMY_UC);
    qdict_put_str(args, "id", "qmp0");
    qdict_put_int(args, "count", 9);
    qmp_object_add(args, NULL, &error_abort);
    g_assert_cmpuint(DUMMY_UC(object_resolve_path("/objects/qmp0", NULL))
                     ->count, ==, 9);
    qmp_object_add(args, NULL, &err);
    assert_error(&err, "attempt to add duplicate property 'qmp0' to object "
                 "(type 'container')");
    qobject_unref(args);
    qmp_object_del("qmp0", &error_abort);
    qmp_object_del("qmp0", &err);
    assert_error(&err, "object 'qmp0' not found");

    object_unparent(obj);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    module_call_init(MODULE_INIT_QOM);

    g_test_add_func("/qom/prop/bool", test_prop_bool);
    g_test_add_func("/qom/prop/str", test_prop_str);
    g_test_add_func("/qom/prop/not-found", test_prop_not_found);
    g_test_add_func("/qom/prop/integers", test_prop_integers);
    g_test_add_func("/qom/prop/enum", test_prop_enum);
    g_test_add_func("/qom/prop/tm", test_prop_tm);
    g_test_add_func("/qom/prop/class-default", test_prop_class_default);
    g_test_add_func("/qom/prop/iter-dup", test_prop_iter_and_dup);
    g_test_add_func("/qom/prop/release", test_prop_release);
    g_test_add_func("/qom/prop/link", test_prop_link);
    g_test_add_func("/qom/prop/link-ambiguous", test_prop_ambiguous_link);
    g_test_add_func("/qom/prop/const-link-alias",
                    test_prop_const_link_alias);
    g_test_add_func("/qom/prop/child", test_child_property);
    g_test_add_func("/qom/prop/new-with-props", test_new_with_props);
    g_test_add_func("/qom/user-creatable/add-del", test_uc_add_del);
    g_test_add_func("/qom/user-creatable/json", test_uc_json);
    g_test_add_func("/qom/user-creatable/errors", test_uc_errors);
    g_test_add_func("/qom/user-creatable/add-type", test_uc_add_type);
    g_test_add_func("/qom/user-creatable/help", test_uc_help);
    g_test_add_func("/qom/qmp/commands", test_qmp_cmds);
    g_test_add_func("/qom/prop/global", test_global_props);
    return g_test_run();
}
