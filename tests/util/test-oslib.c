/*
 * Host OS helpers: aligned allocation, RAM mappings, open, pidfile.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/oslib.h"

static char *pidfile_path;

static void test_memalign(void)
{
    void *p = qemu_memalign(4096, 100);
    void *q = qemu_try_memalign(64, 0);

    g_assert_cmpuint((uintptr_t)p % 4096, ==, 0);
    memset(p, 1, 100);
    g_assert_nonnull(q);
    g_assert_cmpuint((uintptr_t)q % 64, ==, 0);
    qemu_vfree(p);
    qemu_vfree(q);
    g_assert_null(qemu_try_memalign(24, 10));
}

static void test_anon_ram(void)
{
    uint64_t align = 0;
    size_t size = 8 * MiB;
    uint8_t *p = qemu_anon_ram_alloc(size, &align, false, false);

    g_assert_nonnull(p);
    g_assert_cmpuint(align, ==, 2 * MiB);
    g_assert_cmpuint((uintptr_t)p % align, ==, 0);
    /* Zero-filled and writable end to end. */
    g_assert_cmpint(p[0], ==, 0);
    g_assert_cmpint(p[size - 1], ==, 0);
    p[0] = p[size - 1] = 0xaa;
    qemu_anon_ram_free(p, size);
}

static void test_open(void)
{
    Error *err = NULL;
    int fd;

    g_assert_cmpint(qemu_open("/nonexistent/file", O_RDONLY, &err), ==, -1);
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Could not open '/nonexistent/file': No such file or "
                    "directory");
    error_free(err);
    fd = qemu_open("/dev/null", O_RDWR, &error_abort);
    g_assert_cmpint(fcntl(fd, F_GETFD) & FD_CLOEXEC, ==, FD_CLOEXEC);
    g_assert_cmpint(qemu_close(fd), ==, 0);
}

static void test_pidfile(void)
{
    if (g_test_subprocess()) {
        g_autofree char *contents = NULL;
        g_autofree char *expect = g_strdup_printf("%d\n", (int)getppid());
        Error *err = NULL;

        /* The parent holds the lock and wrote its pid. */
        g_assert_false(qemu_write_pidfile(pidfile_path, &err));
        g_assert_nonnull(strstr(error_get_pretty(err),
                                "Cannot lock pid file"));
        error_free(err);
        g_assert_true(g_file_get_contents(pidfile_path, &contents, NULL,
                                          NULL));
        g_assert_cmpstr(contents, ==, expect);
        return;
    }
    /*
     * Don't read the file here: closing any fd of a file drops this
     * process's POSIX locks on it.
     */
    g_assert_true(qemu_write_pidfile(pidfile_path, &error_abort));
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_passed();
}

int main(int argc, char **argv)
{
    g_autofree char *dir = NULL;
    int ret;

    g_test_init(&argc, &argv, NULL);
    /* The subprocess inherits the path through the environment. */
    if (g_test_subprocess()) {
        pidfile_path = g_strdup(g_getenv("TEST_OSLIB_PIDFILE"));
        g_assert_nonnull(pidfile_path);
    } else {
        dir = g_dir_make_tmp("test-oslib-XXXXXX", NULL);
        pidfile_path = g_build_filename(dir, "pid", NULL);
        g_setenv("TEST_OSLIB_PIDFILE", pidfile_path, true);
    }
    g_test_add_func("/oslib/memalign", test_memalign);
    g_test_add_func("/oslib/anon-ram", test_anon_ram);
    g_test_add_func("/oslib/open", test_open);
    g_test_add_func("/oslib/pidfile", test_pidfile);
    ret = g_test_run();
    if (!g_test_subprocess()) {
        unlink(pidfile_path);
        rmdir(dir);
    }
    g_free(pidfile_path);
    return ret;
}
