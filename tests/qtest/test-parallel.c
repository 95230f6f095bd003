/*
 * isa-parallel: the LPT1 registers, bytes strobed out reaching the
 * chardev, the BUSY/nACK handshake and its interrupt on ISA IRQ 7 (the
 * status sequences are what QEMU 7.2 shows for the same port accesses),
 * and the default port the pc machine gets without -nodefaults.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "libqtest.h"

#define LPT1_DATA   0x378
#define LPT1_STATUS 0x379
#define LPT1_CTRL   0x37a

#define CTRL_STROBE 0x01
#define CTRL_INIT   0x04
#define CTRL_SELECT 0x08
#define CTRL_INTEN  0x10

#define STS_IDLE    0xd9

static void lpt_send(QTestState *s, uint8_t byte, uint8_t ctrl)
{
    qtest_outb(s, LPT1_DATA, byte);
    qtest_outb(s, LPT1_CTRL, ctrl | CTRL_STROBE);
    qtest_outb(s, LPT1_CTRL, ctrl);
}

/* Poll as a printer driver does until the port is idle again. */
static void lpt_wait_idle(QTestState *s)
{
    int i;

    for (i = 0; i < 4; i++) {
        if (qtest_inb(s, LPT1_STATUS) == STS_IDLE) {
            return;
        }
    }
    g_assert_not_reached();
}

static char *read_file(const char *path)
{
    char *buf = NULL;

    g_assert_true(g_file_get_contents(path, &buf, NULL, NULL));
    return buf;
}

static void test_output(void)
{
    g_autofree char *dir = g_dir_make_tmp("lpt-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "out", NULL);
    const char *msg = "LPT ok\n";
    QTestState *s;
    g_autofree char *got = NULL;
    size_t i;

    s = qtest_initf("-machine pc -nodefaults -parallel file:%s", path);
    /* Idle printer: not busy, no ack pulse, selected, no error. */
    g_assert_cmphex(qtest_inb(s, LPT1_STATUS), ==, STS_IDLE);
    g_assert_cmphex(qtest_inb(s, LPT1_DATA), ==, 0xff);
    g_assert_cmphex(qtest_inb(s, LPT1_CTRL), ==,
                    0xc0 | CTRL_SELECT | CTRL_INIT);
    qtest_outb(s, LPT1_DATA, 0x5a);
    g_assert_cmphex(qtest_inb(s, LPT1_DATA), ==, 0x5a);
    /* Strobe held: BUSY; released: the nACK pulse over two reads. */
    qtest_outb(s, LPT1_DATA, msg[0]);
    qtest_outb(s, LPT1_CTRL, CTRL_SELECT | CTRL_INIT | CTRL_STROBE);
    g_assert_cmphex(qtest_inb(s, LPT1_STATUS), ==, 0x59);
    g_assert_cmphex(qtest_inb(s, LPT1_STATUS), ==, 0x59);
    qtest_outb(s, LPT1_CTRL, CTRL_SELECT | CTRL_INIT);
    g_assert_cmphex(qtest_inb(s, LPT1_STATUS), ==, 0x59);
    g_assert_cmphex(qtest_inb(s, LPT1_STATUS), ==, 0x19);
    g_assert_cmphex(qtest_inb(s, LPT1_STATUS), ==, STS_IDLE);
    for (i = 1; i < strlen(msg); i++) {
        lpt_send(s, msg[i], CTRL_SELECT | CTRL_INIT);
        lpt_wait_idle(s);
    }
    /* The status register is read-only. */
    qtest_outb(s, LPT1_STATUS, 0x00);
    g_assert_cmphex(qtest_inb(s, LPT1_STATUS), ==, STS_IDLE);
    qtest_quit(s);

    got = read_file(path);
    g_assert_cmpstr(got, ==, msg);
    unlink(path);
    rmdir(dir);
}

static void test_irq(void)
{
    QTestState *s = qtest_init("-machine pc -nodefaults -parallel null");

    qtest_irq_intercept_in(s, "ioapic");
    /* No interrupt while INTEN is clear. */
    lpt_send(s, 'a', CTRL_SELECT | CTRL_INIT);
    qtest_inb(s, LPT1_STATUS);
    g_assert_false(qtest_get_irq(s, 7));
    lpt_wait_idle(s);
    /* With INTEN the nACK pulse is the interrupt. */
    lpt_send(s, 'b', CTRL_SELECT | CTRL_INIT | CTRL_INTEN);
    g_assert_false(qtest_get_irq(s, 7));
    g_assert_cmphex(qtest_inb(s, LPT1_STATUS), ==, 0x59);
    g_assert_true(qtest_get_irq(s, 7));
    g_assert_cmphex(qtest_inb(s, LPT1_STATUS), ==, 0x19);
    g_assert_false(qtest_get_irq(s, 7));
    qtest_quit(s);
}

static void test_presence(void)
{
    QTestState *s;

    /* QEMU's pc gets LPT1 by default ... */
    s = qtest_init("-machine pc");
    g_assert_cmphex(qtest_inb(s, LPT1_STATUS), ==, STS_IDLE);
    qtest_quit(s);
    /* ... but not with -nodefaults, nor with -parallel none. */
    s = qtest_init("-machine pc -nodefaults");
    g_assert_cmphex(qtest_inb(s, LPT1_STATUS), ==, 0xff);
    qtest_quit(s);
    s = qtest_init("-machine pc -parallel none");
    g_assert_cmphex(qtest_inb(s, LPT1_STATUS), ==, 0xff);
    qtest_quit(s);
    /* A second -parallel lands on LPT2 at 0x278. */
    s = qtest_init("-machine pc -nodefaults -parallel null -parallel null");
    g_assert_cmphex(qtest_inb(s, 0x279), ==, STS_IDLE);
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/parallel/output", test_output);
    g_test_add_func("/parallel/irq", test_irq);
    g_test_add_func("/parallel/presence", test_presence);
    return g_test_run();
}
