/*
 * The blkdebug driver through the block layer (no emulator, no
 * qemu-img): reads and writes reach the image unchanged, and the
 * inject-error / set-state rules fail exactly the requests they name
 * with the configured errno.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qmp/qdict.h"
#include "block/block_int.h"
#include "sysemu/block-backend.h"

#define IMG_SIZE    (64 * 1024)

static char *tmpdir;

static void pattern(uint8_t *buf, size_t len, int64_t offset)
{
    size_t i;

    for (i = 0; i < len; i++) {
        int64_t o = offset + i;

        buf[i] = (o * 13 + (o >> 9) * 7) & 0xff;
    }
}

/* A raw image file whose bytes follow pattern(). */
static char *make_image(const char *name)
{
    char *path = g_build_filename(tmpdir, name, NULL);
    g_autofree uint8_t *data = g_malloc(IMG_SIZE);

    pattern(data, IMG_SIZE, 0);
    g_assert_true(g_file_set_contents(path, (char *)data, IMG_SIZE, NULL));
    return path;
}

static void read_file(const char *path, int64_t offset, uint8_t *buf,
                      size_t len)
{
    int fd = open(path, O_RDONLY);

    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpint(pread(fd, buf, len, offset), ==, len);
    close(fd);
}

/* blkdebug over @path with the "inject-error.N.*" pairs in @rules. */
static BlockBackend *open_rules(const char *path, const char *const *rules,
                                Error **errp)
{
    QDict *o = qdict_new();
    int i;

    qdict_put_str(o, "driver", "blkdebug");
    qdict_put_str(o, "image.driver", "file");
    qdict_put_str(o, "image.filename", path);
    for (i = 0; rules && rules[i]; i += 2) {
        qdict_put_str(o, rules[i], rules[i + 1]);
    }
    return blk_new_open(NULL, NULL, o, BDRV_O_RDWR, errp);
}

static void check_read(BlockBackend *blk, int64_t offset, int64_t len)
{
    g_autofree uint8_t *buf = g_malloc(len);
    g_autofree uint8_t *want = g_malloc(len);

    g_assert_cmpint(blk_pread(blk, offset, len, buf, 0), ==, 0);
    pattern(want, len, offset);
    g_assert_cmpmem(buf, len, want, len);
}

/* blkdebug:: filename syntax under a raw format node: data unchanged. */
static void test_passthrough(void)
{
    g_autofree char *path = make_image("pass.img");
    g_autofree char *name = g_strdup_printf("blkdebug::%s", path);
    QDict *o = qdict_new();
    BlockBackend *blk;
    uint8_t buf[512], file[512];

    qdict_put_str(o, "driver", "raw");
    blk = blk_new_open(name, NULL, o, BDRV_O_RDWR, &error_abort);
    g_assert_cmpint(blk_getlength(blk), ==, IMG_SIZE);
    g_assert_cmpstr(blk_bs(blk)->file->bs->drv->format_name, ==,
                    "blkdebug");
    check_read(blk, 0, IMG_SIZE);
    check_read(blk, 4096 + 3, 1000);

    memset(buf, 0x5a, sizeof(buf));
    g_assert_cmpint(blk_pwrite(blk, 8192, sizeof(buf), buf, 0), ==, 0);
    g_assert_cmpint(blk_flush(blk), ==, 0);
    read_file(path, 8192, file, sizeof(file));
    g_assert_cmpmem(file, sizeof(file), buf, sizeof(buf));
    blk_unref(blk);
}

/* A read rule on one sector, once: only that read fails, only once. */
static void test_inject_read(void)
{
    static const char *const rules[] = {
        "inject-error.0.event", "read_aio",
        "inject-error.0.errno", "28",
        "inject-error.0.sector", "8",
        "inject-error.0.once", "on",
        NULL
    };
    g_autofree char *path = make_image("read.img");
    BlockBackend *blk = open_rules(path, rules, &error_abort);
    uint8_t buf[512];

    check_read(blk, 0, 8 * 512);                 /* sectors 0-7 */
    g_assert_cmpint(blk_pread(blk, 7 * 512, 1024, buf, 0), ==, -ENOSPC);
    check_read(blk, 8 * 512, 512);               /* once: gone */
    /* writes are not affected by an event that did not happen for them */
    memset(buf, 1, sizeof(buf));
    g_assert_cmpint(blk_pwrite(blk, 0, 512, buf, 0), ==, 0);
    blk_unref(blk);
}

/* Write and flush rules, restricted by iotype; errno as configured. */
static void test_inject_write_flush(void)
{
    static const char *const rules[] = {
        "inject-error.0.event", "write_aio",
        "inject-error.0.iotype.0", "write",
        "inject-error.0.errno", "5",
        "inject-error.1.event", "flush_to_disk",
        "inject-error.1.errno", "122",
        "inject-error.1.iotype.0", "flush",
        NULL
    };
    g_autofree char *path = make_image("write.img");
    BlockBackend *blk = open_rules(path, rules, &error_abort);
    uint8_t buf[512], file[512];

    memset(buf, 0xee, sizeof(buf));
    g_assert_cmpint(blk_pwrite(blk, 0, 512, buf, 0), ==, -EIO);
    g_assert_cmpint(blk_pwrite(blk, 4096, 512, buf, 0), ==, -EIO);
    /* nothing reached the image */
    read_file(path, 0, file, sizeof(file));
    pattern(buf, sizeof(buf), 0);
    g_assert_cmpmem(file, sizeof(file), buf, sizeof(buf));
    /* the armed write rule does not match reads (iotype) */
    check_read(blk, 0, 4096);
    g_assert_cmpint(blk_flush(blk), ==, -EDQUOT);
    blk_unref(blk);
}

/* Rules from a config file, with a state machine: reads fail after a write. */
static void test_config_set_state(void)
{
    g_autofree char *path = make_image("state.img");
    g_autofree char *conf = g_build_filename(tmpdir, "rules.conf", NULL);
    g_autofree char *name = g_strdup_printf("blkdebug:%s:%s", conf, path);
    static const char text[] =
        "# fail reads with EROFS once a write has happened\n"
        "[inject-error]\n"
        "event = \"read_aio\"\n"
        "state = \"2\"\n"
        "errno = \"30\"\n"
        "\n"
        "[set-state]\n"
        "event = \"write_aio\"\n"
        "state = \"1\"\n"
        "new_state = \"2\"\n";
    QDict *o = qdict_new();
    BlockBackend *blk;
    uint8_t buf[512];

    g_assert_true(g_file_set_contents(conf, text, -1, NULL));
    qdict_put_str(o, "driver", "raw");
    blk = blk_new_open(name, NULL, o, BDRV_O_RDWR, &error_abort);
    check_read(blk, 0, 512);
    check_read(blk, 512, 512);
    pattern(buf, sizeof(buf), 1024);
    g_assert_cmpint(blk_pwrite(blk, 1024, 512, buf, 0), ==, 0);
    g_assert_cmpint(blk_pread(blk, 0, 512, buf, 0), ==, -EROFS);
    g_assert_cmpint(blk_pread(blk, 4096, 512, buf, 0), ==, -EROFS);
    blk_unref(blk);
}

static void expect_open_error(const char *const *rules, const char *msg)
{
    g_autofree char *path = make_image("err.img");
    Error *err = NULL;

    g_assert_null(open_rules(path, rules, &err));
    g_assert_nonnull(err);
    g_assert_nonnull(strstr(error_get_pretty(err), msg));
    error_free(err);
}

static void test_bad_options(void)
{
    static const char *const bad_event[] = {
        "inject-error.0.event", "no_such_event", NULL
    };
    static const char *const bad_iotype[] = {
        "inject-error.0.event", "read_aio",
        "inject-error.0.iotype.0", "sideways", NULL
    };
    static const char *const no_event[] = {
        "inject-error.0.errno", "5", NULL
    };
    static const char *const bad_errno[] = {
        "inject-error.0.event", "read_aio",
        "inject-error.0.errno", "many", NULL
    };
    static const char *const bad_key[] = {
        "inject-error.0.event", "read_aio",
        "inject-error.0.colour", "red", NULL
    };
    Error *err = NULL;
    QDict *o;

    expect_open_error(bad_event, "invalid parameter value: no_such_event");
    expect_open_error(bad_iotype, "does not accept value 'sideways'");
    expect_open_error(no_event, "inject-error.0.event' is missing");
    expect_open_error(bad_errno, "inject-error.0.errno");
    expect_open_error(bad_key, "inject-error.0.colour");

    /* no image at all */
    o = qdict_new();
    qdict_put_str(o, "driver", "blkdebug");
    g_assert_null(blk_new_open(NULL, NULL, o, BDRV_O_RDWR, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "\"image\""));
    error_free(err);
    err = NULL;

    /* a missing config file */
    o = qdict_new();
    qdict_put_str(o, "driver", "raw");
    g_assert_null(blk_new_open("blkdebug:/nonexistent/rules:/nonexistent/img",
                               NULL, o, BDRV_O_RDWR, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "config file"));
    error_free(err);
}

int main(int argc, char **argv)
{
    int ret;

    g_test_init(&argc, &argv, NULL);
    bdrv_init();
    tmpdir = g_dir_make_tmp("blkdebug-XXXXXX", NULL);
    g_assert_nonnull(tmpdir);

    g_test_add_func("/blkdebug/passthrough", test_passthrough);
    g_test_add_func("/blkdebug/inject-read", test_inject_read);
    g_test_add_func("/blkdebug/inject-write-flush", test_inject_write_flush);
    g_test_add_func("/blkdebug/config-set-state", test_config_set_state);
    g_test_add_func("/blkdebug/bad-options", test_bad_options);
    ret = g_test_run();

    {
        g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", tmpdir);

        g_assert_cmpint(system(cmd), ==, 0);
    }
    return ret;
}
