/*
 * The Error API and error_report's location prefix.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"

static void test_setg(void)
{
    Error *err = NULL;

    error_setg(&err, "bad %s %d", "thing", 42);
    g_assert_nonnull(err);
    g_assert_cmpstr(error_get_pretty(err), ==, "bad thing 42");
    g_assert_cmpint(error_get_class(err), ==, ERROR_CLASS_GENERIC_ERROR);
    error_free(err);
}

static void test_set_class(void)
{
    Error *err = NULL;

    error_set(&err, ERROR_CLASS_DEVICE_NOT_FOUND, "Device '%s' not found",
              "x");
    g_assert_cmpint(error_get_class(err), ==, ERROR_CLASS_DEVICE_NOT_FOUND);
    g_assert_cmpstr(ErrorClass_str(error_get_class(err)), ==,
                    "DeviceNotFound");
    error_free(err);
}

static void test_setg_errno(void)
{
    Error *err = NULL;

    error_setg_errno(&err, ENOENT, "Could not open '%s'", "f");
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Could not open 'f': No such file or directory");
    error_free(err);
}

static void test_null_errp(void)
{
    /* Errors into a NULL errp are silently dropped. */
    error_setg(NULL, "ignored");
}

static void test_propagate(void)
{
    Error *local = NULL;
    Error *dst = NULL;
    Error *second = NULL;

    error_setg(&local, "first");
    error_propagate(&dst, local);
    g_assert_cmpstr(error_get_pretty(dst), ==, "first");

    /* Only the first error is kept. */
    error_setg(&second, "second");
    error_propagate(&dst, second);
    g_assert_cmpstr(error_get_pretty(dst), ==, "first");
    error_free(dst);

    /* Propagating nothing is a no-op. */
    dst = NULL;
    error_propagate(&dst, NULL);
    g_assert_null(dst);
}

static void test_prepend_hint(void)
{
    Error *err = NULL;

    error_setg(&err, "inner");
    error_prepend(&err, "outer %d: ", 1);
    g_assert_cmpstr(error_get_pretty(err), ==, "outer 1: inner");
    error_append_hint(&err, "hint %s\n", "one");
    error_append_hint(&err, "hint two\n");
    g_assert_cmpstr(error_get_hint(err), ==, "hint one\nhint two\n");
    error_free(err);
}

static bool guarded(Error **errp)
{
    ERRP_GUARD();

    error_setg(errp, "guarded");
    /* Safe to look at *errp even when the caller passed NULL. */
    return *errp == NULL;
}

static void test_errp_guard(void)
{
    Error *err = NULL;

    g_assert_false(guarded(NULL));
    g_assert_false(guarded(&err));
    g_assert_cmpstr(error_get_pretty(err), ==, "guarded");
    error_free(err);
}

static void test_report_cmdline(void)
{
    if (g_test_subprocess()) {
        static char *argv[] = { (char *)"prog", (char *)"-drive",
                                (char *)"if=bogus", NULL };
        Location loc;
        Error *err = NULL;

        error_init("/some/where/test-prog");
        loc_push_none(&loc);
        loc_set_cmdline(argv, 1, 2);
        error_report("bad interface");
        error_setg(&err, "also bad");
        error_append_hint(&err, "a hint\n");
        error_report_err(err);
        warn_report("careful");
        loc_pop(&loc);
        error_report("no location");
        return;
    }
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_passed();
    g_test_trap_assert_stderr(
        "test-prog: -drive if=bogus: bad interface\n"
        "test-prog: -drive if=bogus: also bad\n"
        "a hint\n"
        "test-prog: -drive if=bogus: warning: careful\n"
        "test-prog: no location\n");
}

static void test_error_abort(void)
{
    if (g_test_subprocess()) {
        error_setg(&error_abort, "fatal mistake");
        return;
    }
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_failed();
    g_test_trap_assert_stderr("*fatal mistake*");
}

static void test_error_fatal(void)
{
    if (g_test_subprocess()) {
        error_setg(&error_fatal, "cannot go on");
        return;
    }
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_failed();
    g_test_trap_assert_stderr("*cannot go on*");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/error/setg", test_setg);
    g_test_add_func("/error/set-class", test_set_class);
    g_test_add_func("/error/setg-errno", test_setg_errno);
    g_test_add_func("/error/null-errp", test_null_errp);
    g_test_add_func("/error/propagate", test_propagate);
    g_test_add_func("/error/prepend-hint", test_prepend_hint);
    g_test_add_func("/error/errp-guard", test_errp_guard);
    g_test_add_func("/error/report-cmdline", test_report_cmdline);
    g_test_add_func("/error/abort", test_error_abort);
    g_test_add_func("/error/fatal", test_error_fatal);
    return g_test_run();
}
