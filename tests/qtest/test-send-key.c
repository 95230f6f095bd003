/*
 * QMP send-key into the PS/2 keyboard behind the i8042: the scancodes
 * of press and release in set 2 (untranslated, as after reset) and in
 * set 1 (translated, as firmware and OSes set the controller up), the
 * release after hold-time of guest time, and QEMU's errors.
 */
#include <string.h>
#include "libqtest.h"

#define I8042_DATA   0x60
#define I8042_STATUS 0x64
#define STAT_OBF     0x01

/* Everything the controller has for us, in order. */
static int read_bytes(QTestState *s, uint8_t *buf, int max)
{
    int n = 0;

    while (n < max && (qtest_inb(s, I8042_STATUS) & STAT_OBF)) {
        buf[n++] = qtest_inb(s, I8042_DATA);
    }
    return n;
}

static void send_key(QTestState *s, const char *keys, int hold_ms)
{
    char *r = qtest_qmp(s, "{\"execute\": \"send-key\", \"arguments\": "
                        "{\"keys\": [%s], \"hold-time\": %d}}", keys,
                        hold_ms);

    g_assert_nonnull(strstr(r, "\"return\""));
    g_free(r);
}

static void expect_bytes(QTestState *s, const uint8_t *want, int n)
{
    uint8_t got[32];

    g_assert_cmpint(read_bytes(s, got, sizeof(got)), ==, n);
    g_assert_cmpmem(got, n, want, n);
}

static void test_set2(void)
{
    QTestState *s = qtest_init("-machine pc -nodefaults");
    static const uint8_t press[] = { 0x1c, 0xe0, 0x14 };
    static const uint8_t release[] = { 0xe0, 0xf0, 0x14, 0xf0, 0x1c };

    send_key(s, "{\"type\": \"qcode\", \"data\": \"a\"},"
             "{\"type\": \"qcode\", \"data\": \"ctrl_r\"}", 50);
    expect_bytes(s, press, sizeof(press));
    /* Held: nothing more until hold-time has passed, then reverse order. */
    qtest_clock_step(s, 49 * 1000 * 1000);
    expect_bytes(s, NULL, 0);
    qtest_clock_step(s, 2 * 1000 * 1000);
    expect_bytes(s, release, sizeof(release));
    qtest_quit(s);
}

static void test_set1_translated(void)
{
    QTestState *s = qtest_init("-machine pc -nodefaults");
    static const uint8_t press[] = { 0x1d, 0x38, 0xe0, 0x53 };
    static const uint8_t release[] = { 0xe0, 0xd3, 0xb8, 0x9d };

    /* Command byte: interrupts on, translation (as a BIOS leaves it). */
    qtest_outb(s, I8042_STATUS, 0x60);
    qtest_outb(s, I8042_DATA, 0x47);
    /* ctrl-alt-del by number (qnums: 0x1d, 0x38, 0xd3) */
    send_key(s, "{\"type\": \"number\", \"data\": 29},"
             "{\"type\": \"number\", \"data\": 56},"
             "{\"type\": \"number\", \"data\": 211}", 100);
    expect_bytes(s, press, sizeof(press));
    qtest_clock_step(s, 101 * 1000 * 1000);
    expect_bytes(s, release, sizeof(release));
    qtest_quit(s);
}

static void test_errors(void)
{
    QTestState *s = qtest_init("-machine pc -nodefaults");
    char *r;

    r = qtest_qmp(s, "{\"execute\": \"send-key\", \"arguments\": {\"keys\": "
                  "[{\"type\": \"qcode\", \"data\": \"nosuch\"}]}}");
    g_assert_nonnull(strstr(r, "Parameter 'data' does not accept value "
                               "'nosuch'"));
    g_free(r);
    r = qtest_qmp(s, "{\"execute\": \"send-key\", \"arguments\": {\"keys\": "
                  "[{\"type\": \"number\", \"data\": \"x\"}]}}");
    g_assert_nonnull(strstr(r, "Invalid parameter type for 'keys[0].data', "
                               "expected: integer"));
    g_free(r);
    /* A bad key anywhere: nothing is sent. */
    r = qtest_qmp(s, "{\"execute\": \"send-key\", \"arguments\": {\"keys\": "
                  "[{\"type\": \"qcode\", \"data\": \"a\"}, "
                  "{\"type\": \"qcode\", \"data\": \"nosuch\"}]}}");
    g_assert_nonnull(strstr(r, "\"error\""));
    g_free(r);
    expect_bytes(s, NULL, 0);
    /* Empty lists and numbers no key has are accepted, as by QEMU. */
    send_key(s, "", 10);
    send_key(s, "{\"type\": \"number\", \"data\": 99999}", 10);
    expect_bytes(s, NULL, 0);
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/send-key/set2", test_set2);
    g_test_add_func("/send-key/set1-translated", test_set1_translated);
    g_test_add_func("/send-key/errors", test_errors);
    return g_test_run();
}
