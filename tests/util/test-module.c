/*
 * Module registration: constructors register init functions, and
 * module_call_init() runs them once each, in registration order.
 */
#include "qemu/osdep.h"
#include "qemu/module.h"

static GString *calls;

static void record(const char *what)
{
    if (!calls) {
        calls = g_string_new(NULL);
    }
    g_string_append(calls, what);
}

static void init_a(void)
{
    record("a");
}

static void init_b(void)
{
    record("b");
}

static void init_c(void)
{
    record("c");
}

/* The migration list is otherwise unused by libqemuutil. */
module_init(init_a, MODULE_INIT_MIGRATION)
module_init(init_b, MODULE_INIT_MIGRATION)
module_init(init_c, MODULE_INIT_MIGRATION)

static void test_order_and_once(void)
{
    /* Registered, but nothing has run before module_call_init. */
    g_assert_null(calls);
    g_assert_cmpint(module_count(MODULE_INIT_MIGRATION), >=, 3);

    module_call_init(MODULE_INIT_MIGRATION);
    g_assert_nonnull(calls);
    g_assert_cmpstr(calls->str, ==, "abc");

    /* A second call is a no-op. */
    module_call_init(MODULE_INIT_MIGRATION);
    g_assert_cmpstr(calls->str, ==, "abc");
}

static int nested_runs;

static void nested_init(void)
{
    nested_runs++;
    /* Re-entering from an init function must not recurse. */
    module_call_init(MODULE_INIT_FUZZ_TARGET);
}

module_init(nested_init, MODULE_INIT_FUZZ_TARGET)

static void test_reentrant(void)
{
    module_call_init(MODULE_INIT_FUZZ_TARGET);
    g_assert_cmpint(nested_runs, ==, 1);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/module/order-and-once", test_order_and_once);
    g_test_add_func("/module/reentrant", test_reentrant);
    return g_test_run();
}
