/*
 * QOM core: type hierarchy, class construction, casts, lifecycle and
 * the composition tree.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qom/object.h"
#include "qemu/module.h"

/* Event log shared by init/finalize hooks. */
static GString *events;

static void log_event(const char *what)
{
    if (events->len) {
        g_string_append_c(events, ' ');
    }
    g_string_append(events, what);
}

#define TYPE_TEST_BASE "test-base"
#define TYPE_TEST_MID "test-mid"
#define TYPE_TEST_LEAF "test-leaf"
#define TYPE_TEST_ABSTRACT "test-abstract"
#define TYPE_TEST_CONCRETE "test-concrete"
#define TYPE_TEST_IFACE "test-iface"
#define TYPE_TEST_IMPL "test-impl"
#define TYPE_TEST_IMPL_CHILD "test-impl-child"

typedef struct TestBase {
    Object parent_obj;
    int value;
    char tag[8];
} TestBase;

typedef struct TestBaseClass {
    ObjectClass parent_class;
    int class_value;
    int base_init_calls;
    const char *who;
} TestBaseClass;

DECLARE_OBJ_CHECKERS(TestBase, TestBaseClass, TEST_BASE, TYPE_TEST_BASE)

typedef struct TestIfaceClass {
    InterfaceClass parent_class;
    int (*magic)(Object *obj);
} TestIfaceClass;

typedef struct TestIface TestIface;
#define TEST_IFACE(obj) INTERFACE_CHECK(TestIface, (obj), TYPE_TEST_IFACE)
DECLARE_CLASS_CHECKERS(TestIfaceClass, TEST_IFACE, TYPE_TEST_IFACE)

static void base_instance_init(Object *obj)
{
    TEST_BASE(obj)->value = 1;
    log_event("init:base");
}

static void base_post_init(Object *obj)
{
    log_event("post:base");
}

static void base_finalize(Object *obj)
{
    log_event("fin:base");
}

static void base_class_init(ObjectClass *oc, void *data)
{
    TestBaseClass *bc = TEST_BASE_CLASS(oc);

    bc->class_value = 10;
    bc->who = "base";
}

/* Runs for every subclass of test-base, before its class_init. */
static void base_class_base_init(ObjectClass *oc, void *data)
{
    TestBaseClass *bc = TEST_BASE_CLASS(oc);

    bc->base_init_calls++;
}

static void mid_instance_init(Object *obj)
{
    TEST_BASE(obj)->value *= 5;
    log_event("init:mid");
}

static void mid_post_init(Object *obj)
{
    log_event("post:mid");
}

static void mid_finalize(Object *obj)
{
    log_event("fin:mid");
}

static void mid_class_init(ObjectClass *oc, void *data)
{
    TestBaseClass *bc = TEST_BASE_CLASS(oc);

    /* The class starts as a copy of the parent's. */
    g_assert_cmpint(bc->class_value, ==, 10);
    g_assert_cmpstr(bc->who, ==, "base");
    bc->class_value = 20;
    bc->who = data;
}

static void leaf_instance_init(Object *obj)
{
    log_event("init:leaf");
}

static void leaf_finalize(Object *obj)
{
    log_event("fin:leaf");
}

static int impl_magic(Object *obj)
{
    return 42;
}

static int impl_child_magic(Object *obj)
{
    return 43;
}

static void impl_class_init(ObjectClass *oc, void *data)
{
    TestIfaceClass *ic = TEST_IFACE_CLASS(oc);

    ic->magic = impl_magic;
}

static void impl_child_class_init(ObjectClass *oc, void *data)
{
    TestIfaceClass *ic = TEST_IFACE_CLASS(oc);

    /* Inherited interface implementation carries the parent's method. */
    g_assert(ic->magic == impl_magic);
    ic->magic = impl_child_magic;
}

static int lazy_class_inits;

static void lazy_class_init(ObjectClass *oc, void *data)
{
    lazy_class_inits++;
}

static const TypeInfo test_types[] = {
    {
        .name = "test-lazy",
        .parent = TYPE_OBJECT,
        .instance_size = sizeof(Object),
        .class_init = lazy_class_init,
    },
    {
        .name = TYPE_TEST_BASE,
        .parent = TYPE_OBJECT,
        .instance_size = sizeof(TestBase),
        .instance_init = base_instance_init,
        .instance_post_init = base_post_init,
        .instance_finalize = base_finalize,
        .class_size = sizeof(TestBaseClass),
        .class_init = base_class_init,
        .class_base_init = base_class_base_init,
    }, {
        .name = TYPE_TEST_MID,
        .parent = TYPE_TEST_BASE,
        .instance_init = mid_instance_init,
        .instance_post_init = mid_post_init,
        .instance_finalize = mid_finalize,
        .class_init = mid_class_init,
        .class_data = (void *)"mid",
    }, {
        .name = TYPE_TEST_LEAF,
        .parent = TYPE_TEST_MID,
        .instance_init = leaf_instance_init,
        .instance_finalize = leaf_finalize,
    }, {
        .name = TYPE_TEST_ABSTRACT,
        .parent = TYPE_TEST_BASE,
        .abstract = true,
    }, {
        .name = TYPE_TEST_CONCRETE,
        .parent = TYPE_TEST_ABSTRACT,
    }, {
        .name = TYPE_TEST_IFACE,
        .parent = TYPE_INTERFACE,
        .class_size = sizeof(TestIfaceClass),
    }, {
        .name = TYPE_TEST_IMPL,
        .parent = TYPE_TEST_BASE,
        .class_init = impl_class_init,
        .interfaces = (InterfaceInfo[]) {
            { TYPE_TEST_IFACE },
            { }
        },
    }, {
        .name = TYPE_TEST_IMPL_CHILD,
        .parent = TYPE_TEST_IMPL,
        .class_init = impl_child_class_init,
    }, {
        .name = "test-subiface",
        .parent = TYPE_TEST_IFACE,
        .class_size = sizeof(TestIfaceClass),
    }, {
        .name = "test-subimpl",
        .parent = TYPE_OBJECT,
        .instance_size = sizeof(Object),
        .class_init = impl_class_init,
        .interfaces = (InterfaceInfo[]) {
            { "test-subiface" },
            { }
        },
    },
};

DEFINE_TYPES(test_types)

/* Must run before anything enumerates (and so builds) every class. */
static void test_class_lazy(void)
{
    Object *obj;

    g_assert_cmpint(lazy_class_inits, ==, 0);
    obj = object_new("test-lazy");
    g_assert_cmpint(lazy_class_inits, ==, 1);
    object_unref(obj);
    obj = object_new("test-lazy");
    g_assert_cmpint(lazy_class_inits, ==, 1);
    object_unref(obj);
}

static void test_class_inheritance(void)
{
    ObjectClass *base = object_class_by_name(TYPE_TEST_BASE);
    ObjectClass *mid = object_class_by_name(TYPE_TEST_MID);
    ObjectClass *leaf = object_class_by_name(TYPE_TEST_LEAF);

    g_assert_nonnull(base);
    g_assert_null(object_class_by_name("no-such-type"));
    g_assert_cmpint(TEST_BASE_CLASS(base)->class_value, ==, 10);
    g_assert_cmpint(TEST_BASE_CLASS(mid)->class_value, ==, 20);
    g_assert_cmpstr(TEST_BASE_CLASS(mid)->who, ==, "mid");
    /* leaf has no class_init: sees mid's values. */
    g_assert_cmpint(TEST_BASE_CLASS(leaf)->class_value, ==, 20);
    g_assert_cmpstr(TEST_BASE_CLASS(leaf)->who, ==, "mid");

    g_assert(object_class_get_parent(leaf) == mid);
    g_assert(object_class_get_parent(mid) == base);
    g_assert_cmpstr(object_class_get_name(object_class_get_parent(base)),
                    ==, TYPE_OBJECT);
    g_assert_null(object_class_get_parent(
                      object_class_by_name(TYPE_OBJECT)));
    g_assert_cmpstr(object_class_get_name(leaf), ==, TYPE_TEST_LEAF);
    g_assert_cmpuint(object_type_get_instance_size(TYPE_TEST_LEAF), ==,
                     sizeof(TestBase));
}

static void test_class_base_init(void)
{
    /*
     * base_class_base_init runs once for each subclass below test-base
     * (not for test-base itself), copied counts accumulate down the
     * chain: mid = 0 (copied from base) + 1, leaf = 1 (from mid) + 1.
     */
    g_assert_cmpint(TEST_BASE_CLASS(object_class_by_name(TYPE_TEST_BASE))
                    ->base_init_calls, ==, 0);
    g_assert_cmpint(TEST_BASE_CLASS(object_class_by_name(TYPE_TEST_MID))
                    ->base_init_calls, ==, 1);
    g_assert_cmpint(TEST_BASE_CLASS(object_class_by_name(TYPE_TEST_LEAF))
                    ->base_init_calls, ==, 2);
}

static void test_lifecycle_order(void)
{
    Object *obj;

    g_string_truncate(events, 0);
    obj = object_new(TYPE_TEST_LEAF);
    g_assert_cmpstr(events->str, ==,
                    "init:base init:mid init:leaf post:mid post:base");
    /* instance_init runs parent first: (1) * 5 */
    g_assert_cmpint(TEST_BASE(obj)->value, ==, 5);
    g_assert_cmpstr(object_get_typename(obj), ==, TYPE_TEST_LEAF);

    g_string_truncate(events, 0);
    object_ref(obj);
    object_unref(obj);
    g_assert_cmpstr(events->str, ==, "");
    object_unref(obj);
    g_assert_cmpstr(events->str, ==, "fin:leaf fin:mid fin:base");
}

static void test_finalize_children_first(void)
{
    Object *parent = object_new(TYPE_TEST_MID);
    Object *child = object_new(TYPE_TEST_LEAF);

    object_property_add_child(parent, "kid", child);
    object_unref(child);
    g_assert_cmpint(child->ref, ==, 1);
    g_assert(child->parent == parent);

    g_string_truncate(events, 0);
    object_unref(parent);
    g_assert_cmpstr(events->str, ==,
                    "fin:leaf fin:mid fin:base fin:mid fin:base");
}

static void test_autoptr(void)
{
    g_string_truncate(events, 0);
    {
        g_autoptr(Object) obj = object_new(TYPE_TEST_BASE);
        g_assert_nonnull(obj);
    }
    g_assert_cmpstr(events->str, ==, "init:base post:base fin:base");
}

static void test_object_initialize(void)
{
    TestBase embedded;
    Object *parent = object_new(TYPE_TEST_BASE);

    object_initialize(&embedded, sizeof(embedded), TYPE_TEST_MID);
    g_assert_cmpint(embedded.value, ==, 5);
    g_assert(object_dynamic_cast(OBJECT(&embedded), TYPE_TEST_BASE));
    g_string_truncate(events, 0);
    object_unref(OBJECT(&embedded));
    g_assert_cmpstr(events->str, ==, "fin:mid fin:base");

    object_initialize_child(parent, "inner", &embedded, TYPE_TEST_MID);
    g_assert(OBJECT(&embedded)->parent == parent);
    g_assert_cmpint(OBJECT(&embedded)->ref, ==, 1);
    g_assert(object_resolve_path_component(parent, "inner") ==
             OBJECT(&embedded));
    g_string_truncate(events, 0);
    object_unparent(OBJECT(&embedded));
    g_assert_cmpstr(events->str, ==, "fin:mid fin:base");
    g_assert_null(object_resolve_path_component(parent, "inner"));
    object_unref(parent);
}

static void test_abstract(void)
{
    Error *err = NULL;

    g_assert(object_class_is_abstract(
                 object_class_by_name(TYPE_TEST_ABSTRACT)));
    g_assert(object_class_is_abstract(object_class_by_name(TYPE_OBJECT)));
    g_assert_false(object_class_is_abstract(
                       object_class_by_name(TYPE_TEST_CONCRETE)));

    g_assert_null(object_new_with_props(TYPE_TEST_ABSTRACT,
                                        object_get_root(), "abs", &err,
                                        NULL));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "object type 'test-abstract' is abstract");
    error_free(err);
    err = NULL;
    g_assert_null(object_new_with_props("nope", object_get_root(), "abs",
                                        &err, NULL));
    g_assert_cmpstr(error_get_pretty(err), ==, "invalid object type: nope");
    error_free(err);

    if (g_test_subprocess()) {
        object_new(TYPE_TEST_ABSTRACT);
        return;
    }
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_failed();
    g_test_trap_assert_stderr("*test-abstract*abstract*");
}

static void test_dynamic_cast(void)
{
    Object *leaf = object_new(TYPE_TEST_LEAF);
    Object *impl = object_new(TYPE_TEST_IMPL);
    Object *impl_child = object_new(TYPE_TEST_IMPL_CHILD);
    ObjectClass *oc;

    g_assert(object_dynamic_cast(leaf, TYPE_TEST_BASE) == leaf);
    g_assert(object_dynamic_cast(leaf, TYPE_OBJECT) == leaf);
    g_assert_null(object_dynamic_cast(leaf, TYPE_TEST_IMPL));
    g_assert_null(object_dynamic_cast(leaf, TYPE_TEST_IFACE));
    g_assert_null(object_dynamic_cast(leaf, "unknown-type"));
    g_assert_null(object_dynamic_cast(NULL, TYPE_OBJECT));
    g_assert(TEST_BASE(leaf) == (TestBase *)leaf);
    g_assert_null(OBJECT_CHECK(TestBase, NULL, TYPE_TEST_BASE));

    g_assert(object_dynamic_cast(impl, TYPE_TEST_IFACE) == impl);
    g_assert(object_dynamic_cast(impl, TYPE_INTERFACE) == impl);
    g_assert(object_dynamic_cast(impl_child, TYPE_TEST_IFACE) ==
             impl_child);
    g_assert(TEST_IFACE(impl) == (TestIface *)impl);

    g_assert_cmpint(TEST_IFACE_GET_CLASS(impl)->magic(impl), ==, 42);
    g_assert_cmpint(TEST_IFACE_GET_CLASS(impl_child)->magic(impl_child),
                    ==, 43);

    /* The interface class knows which concrete class it belongs to. */
    oc = object_class_dynamic_cast(object_get_class(impl_child),
                                   TYPE_TEST_IFACE);
    g_assert_nonnull(oc);
    g_assert(((InterfaceClass *)oc)->concrete_class ==
             object_get_class(impl_child));
    g_assert(object_class_dynamic_cast(oc, TYPE_TEST_IFACE) == oc);
    g_assert(object_class_dynamic_cast(object_get_class(leaf),
                                       TYPE_TEST_MID) ==
             object_get_class(leaf));
    g_assert_null(object_class_dynamic_cast(object_get_class(leaf),
                                            TYPE_TEST_IMPL));

    object_unref(leaf);
    object_unref(impl);
    object_unref(impl_child);
}

static void test_sub_interface(void)
{
    Object *obj = object_new("test-subimpl");
    ObjectClass *oc = object_get_class(obj);
    ObjectClass *sub = object_class_dynamic_cast(oc, "test-subiface");

    /* One interface class serves the sub-interface and its parent. */
    g_assert_nonnull(sub);
    g_assert(object_class_dynamic_cast(oc, TYPE_TEST_IFACE) == sub);
    g_assert_cmpint(TEST_IFACE_GET_CLASS(obj)->magic(obj), ==, 42);
    g_assert(object_dynamic_cast(obj, TYPE_TEST_IFACE) == obj);
    g_assert_null(object_dynamic_cast(obj, TYPE_TEST_BASE));
    object_unref(obj);
}

static void test_checked_cast_abort(void)
{
    if (g_test_subprocess()) {
        Object *obj = object_new(TYPE_TEST_MID);
        TEST_IFACE(obj);
        return;
    }
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_failed();
    g_test_trap_assert_stderr("*is not an instance of type test-iface*"
                              "test-mid*");
}

static void test_checked_class_cast_abort(void)
{
    if (g_test_subprocess()) {
        TEST_BASE_CLASS(object_class_by_name(TYPE_TEST_IFACE));
        return;
    }
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_failed();
    g_test_trap_assert_stderr("*not an instance of type test-base*"
                              "test-iface*");
}

static gint count_name(GSList *list, const char *name)
{
    gint n = 0;

    for (GSList *l = list; l; l = l->next) {
        n += !strcmp(object_class_get_name(l->data), name);
    }
    return n;
}

static void test_class_list(void)
{
    GSList *list = object_class_get_list(TYPE_TEST_BASE, false);
    GSList *all = object_class_get_list(TYPE_TEST_BASE, true);
    GSList *ifaces = object_class_get_list(TYPE_TEST_IFACE, false);
    GSList *sorted = object_class_get_list_sorted(TYPE_TEST_BASE, false);
    const char *prev = "";

    g_assert_cmpint(count_name(list, TYPE_TEST_BASE), ==, 1);
    g_assert_cmpint(count_name(list, TYPE_TEST_LEAF), ==, 1);
    g_assert_cmpint(count_name(list, TYPE_TEST_CONCRETE), ==, 1);
    g_assert_cmpint(count_name(list, TYPE_TEST_ABSTRACT), ==, 0);
    g_assert_cmpint(count_name(all, TYPE_TEST_ABSTRACT), ==, 1);
    g_assert_cmpint(count_name(list, "container"), ==, 0);
    g_assert_cmpuint(g_slist_length(list), ==, 6);
    g_assert_cmpuint(g_slist_length(all), ==, 7);

    g_assert_cmpuint(g_slist_length(ifaces), ==, 3);
    g_assert_cmpint(count_name(ifaces, "test-subimpl"), ==, 1);
    g_assert_cmpint(count_name(ifaces, TYPE_TEST_IMPL), ==, 1);
    g_assert_cmpint(count_name(ifaces, TYPE_TEST_IMPL_CHILD), ==, 1);

    for (GSList *l = sorted; l; l = l->next) {
        const char *name = object_class_get_name(l->data);

        g_assert_cmpint(g_ascii_strcasecmp(prev, name), <, 0);
        prev = name;
    }
    g_slist_free(list);
    g_slist_free(all);
    g_slist_free(ifaces);
    g_slist_free(sorted);
}

static void test_duplicate_type_abort(void)
{
    static const TypeInfo dup = {
        .name = TYPE_TEST_BASE,
        .parent = TYPE_OBJECT,
    };

    if (g_test_subprocess()) {
        type_register_static(&dup);
        return;
    }
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_failed();
    g_test_trap_assert_stderr("*test-base*already exists*");
}

/* Composition tree */

static void test_tree_paths(void)
{
    Object *root = object_get_root();
    Object *machine = container_get(root, "/machine");
    Object *unattached = container_get(root, "/machine/unattached");
    Object *peripheral = container_get(root, "/machine/peripheral");
    Object *dev = object_new(TYPE_TEST_LEAF);
    Object *dev2 = object_new(TYPE_TEST_LEAF);
    Object *floating = object_new(TYPE_TEST_BASE);
    g_autofree char *path = NULL;
    g_autofree char *rootpath = object_get_canonical_path(root);
    bool ambiguous = true;

    g_assert_cmpstr(rootpath, ==, "/");
    g_assert(container_get(root, "/machine") == machine);
    g_assert_cmpstr(object_get_typename(unattached), ==, TYPE_CONTAINER);
    g_assert(object_get_objects_root() ==
             object_resolve_path("/objects", NULL));

    object_property_add_child(peripheral, "disk0", dev);
    object_property_add_child(unattached, "device[*]", dev2);
    object_unref(dev);
    object_unref(dev2);

    path = object_get_canonical_path(dev);
    g_assert_cmpstr(path, ==, "/machine/peripheral/disk0");
    g_assert_cmpstr(object_get_canonical_path_component(dev2), ==,
                    "device[0]");
    g_assert_null(object_get_canonical_path(floating));
    g_assert_null(object_get_canonical_path_component(floating));

    /* Absolute paths */
    g_assert(object_resolve_path("/machine/peripheral/disk0", NULL) == dev);
    g_assert(object_resolve_path("/machine/peripheral/disk0/", NULL) ==
             dev);
    g_assert(object_resolve_path("/", NULL) == root);
    g_assert_null(object_resolve_path("/machine/peripheral/nope", NULL));
    g_assert(object_resolve_path_type("/machine/peripheral/disk0",
                                      TYPE_TEST_BASE, NULL) == dev);
    g_assert_null(object_resolve_path_type("/machine/peripheral/disk0",
                                           TYPE_CONTAINER, NULL));

    /* Partial paths */
    g_assert(object_resolve_path("disk0", &ambiguous) == dev);
    g_assert_false(ambiguous);
    g_assert(object_resolve_path("peripheral/disk0", &ambiguous) == dev);
    g_assert(object_resolve_path("device[0]", &ambiguous) == dev2);
    g_assert_null(object_resolve_path("nonexistent", &ambiguous));
    g_assert_false(ambiguous);

    /* Relative to a node */
    g_assert(object_resolve_path_at(machine, "peripheral/disk0") == dev);
    g_assert(object_resolve_path_at(machine, "/machine/peripheral") ==
             peripheral);
    g_assert(object_resolve_path_component(peripheral, "disk0") == dev);
    g_assert_null(object_resolve_path_component(peripheral, "type"));

    object_unref(floating);
}

static void test_tree_ambiguous(void)
{
    Object *root = object_get_root();
    Object *a = container_get(root, "/amb/a");
    Object *b = container_get(root, "/amb/b");
    Object *x1 = object_new(TYPE_TEST_BASE);
    Object *x2 = object_new(TYPE_TEST_MID);
    bool ambiguous = false;
    Error *err = NULL;

    object_property_add_child(a, "twin", x1);
    object_property_add_child(b, "twin", x2);
    object_unref(x1);
    object_unref(x2);

    g_assert_null(object_resolve_path("twin", &ambiguous));
    g_assert_true(ambiguous);
    ambiguous = false;
    g_assert(object_resolve_path("a/twin", &ambiguous) == x1);
    g_assert_false(ambiguous);
    /* Filtering by type removes the ambiguity. */
    g_assert(object_resolve_path_type("twin", TYPE_TEST_MID, &ambiguous)
             == x2);
    g_assert_false(ambiguous);
    g_assert_null(object_resolve_type_unambiguous(TYPE_TEST_BASE, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "More than one object of type test-base");
    error_free(err);

    object_unparent(container_get(root, "/amb"));
    g_assert_null(object_resolve_path("/amb", NULL));
}

static int count_child(Object *child, void *opaque)
{
    (*(int *)opaque)++;
    return 0;
}

static int stop_at_leaf(Object *child, void *opaque)
{
    return object_dynamic_cast(child, TYPE_TEST_LEAF) ? 7 : 0;
}

static void test_child_foreach(void)
{
    Object *top = object_new(TYPE_CONTAINER);
    Object *c1 = container_get(top, "/c1");
    Object *leaf = object_new(TYPE_TEST_LEAF);
    int n = 0;

    container_get(top, "/c2");
    container_get(top, "/c1/sub");
    object_property_add_child(c1, "leaf", leaf);
    object_unref(leaf);

    object_child_foreach(top, count_child, &n);
    g_assert_cmpint(n, ==, 2);
    n = 0;
    object_child_foreach_recursive(top, count_child, &n);
    g_assert_cmpint(n, ==, 4);
    g_assert_cmpint(object_child_foreach(top, stop_at_leaf, NULL), ==, 0);
    g_assert_cmpint(object_child_foreach_recursive(top, stop_at_leaf, NULL),
                    ==, 7);

    g_string_truncate(events, 0);
    object_unref(top);
    g_assert_cmpstr(events->str, ==, "fin:leaf fin:mid fin:base");
}

static void test_internal_root(void)
{
    Object *internal = object_get_internal_root();
    Object *o = object_new(TYPE_TEST_BASE);

    g_assert(internal != object_get_root());
    object_property_add_child(internal, "hidden", o);
    object_unref(o);
    g_assert_null(object_resolve_path("hidden", NULL));
    g_assert_null(object_get_canonical_path(o));
    object_unparent(o);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    module_call_init(MODULE_INIT_QOM);
    events = g_string_new(NULL);

    g_test_add_func("/qom/class/lazy", test_class_lazy);
    g_test_add_func("/qom/class/inheritance", test_class_inheritance);
    g_test_add_func("/qom/class/base_init", test_class_base_init);
    g_test_add_func("/qom/class/list", test_class_list);
    g_test_add_func("/qom/class/duplicate-type", test_duplicate_type_abort);
    g_test_add_func("/qom/object/lifecycle", test_lifecycle_order);
    g_test_add_func("/qom/object/finalize-children",
                    test_finalize_children_first);
    g_test_add_func("/qom/object/autoptr", test_autoptr);
    g_test_add_func("/qom/object/initialize", test_object_initialize);
    g_test_add_func("/qom/object/abstract", test_abstract);
    g_test_add_func("/qom/cast/dynamic", test_dynamic_cast);
    g_test_add_func("/qom/cast/sub-interface", test_sub_interface);
    g_test_add_func("/qom/cast/checked-abort", test_checked_cast_abort);
    g_test_add_func("/qom/cast/class-checked-abort",
                    test_checked_class_cast_abort);
    g_test_add_func("/qom/tree/paths", test_tree_paths);
    g_test_add_func("/qom/tree/ambiguous", test_tree_ambiguous);
    g_test_add_func("/qom/tree/child-foreach", test_child_foreach);
    g_test_add_func("/qom/tree/internal-root", test_internal_root);
    return g_test_run();
}
