/*
 * The qtest protocol itself: memory and port accesses, hex and base64
 * transfers, memset, error replies, and IRQ interception on the pc
 * machine's IOAPIC (RTC update interrupt on ISA IRQ 8).
 */
#include <string.h>
#include "libqtest.h"

static void test_memory(void)
{
    QTestState *s = qtest_init("-machine pc -m 64");
    uint8_t buf[300], back[300];
    int i;

    qtest_writeb(s, 0x10000, 0x5a);
    qtest_writew(s, 0x10002, 0x1234);
    qtest_writel(s, 0x10004, 0xdeadbeef);
    qtest_writeq(s, 0x10008, 0x0102030405060708ull);
    g_assert_cmphex(qtest_readb(s, 0x10000), ==, 0x5a);
    g_assert_cmphex(qtest_readw(s, 0x10002), ==, 0x1234);
    g_assert_cmphex(qtest_readl(s, 0x10004), ==, 0xdeadbeef);
    g_assert_cmphex(qtest_readq(s, 0x10008), ==, 0x0102030405060708ull);
    /* little endian in memory */
    g_assert_cmphex(qtest_readb(s, 0x10008), ==, 0x08);
    g_assert_false(qtest_big_endian(s));

    for (i = 0; i < sizeof(buf); i++) {
        buf[i] = i * 7 + 3;
    }
    qtest_memwrite(s, 0x20000, buf, sizeof(buf));
    qtest_bufread(s, 0x20000, back, sizeof(back));
    g_assert(memcmp(buf, back, sizeof(buf)) == 0);
    qtest_bufwrite(s, 0x30001, buf, 77);
    memset(back, 0, sizeof(back));
    qtest_memread(s, 0x30001, back, 77);
    g_assert(memcmp(buf, back, 77) == 0);
    qtest_memset(s, 0x30000, 0xa5, 16);
    g_assert_cmphex(qtest_readq(s, 0x30008), ==, 0xa5a5a5a5a5a5a5a5ull);
    g_assert_cmphex(qtest_readb(s, 0x30010), ==, buf[15]);

    /* Unassigned memory reads as all-ones. */
    g_assert_cmphex(qtest_readl(s, 0xd0000000), ==, 0xffffffff);
    qtest_quit(s);
}

static void test_errors(void)
{
    QTestState *s = qtest_init("-machine pc -m 64");
    char *r;

    r = qtest_hmp_raw(s, "frobnicate 1 2");
    g_assert(g_str_has_prefix(r, "FAIL"));
    g_free(r);
    r = qtest_hmp_raw(s, "readl notanumber");
    g_assert(g_str_has_prefix(r, "FAIL"));
    g_free(r);
    r = qtest_hmp_raw(s, "write 0x1000 2 0xzz00");
    g_assert(g_str_has_prefix(r, "FAIL"));
    g_free(r);
    r = qtest_hmp_raw(s, "irq_intercept_in /machine/nonexistent");
    g_assert(g_str_has_prefix(r, "FAIL"));
    g_free(r);
    /* Still alive and answering. */
    qtest_writel(s, 0x1000, 42);
    g_assert_cmpuint(qtest_readl(s, 0x1000), ==, 42);
    qtest_quit(s);
}

static void test_pio_cmos(void)
{
    QTestState *s = qtest_init("-machine pc -m 64");

    /* CMOS register 0x15/0x16: base memory in KiB (640). */
    qtest_outb(s, 0x70, 0x15);
    g_assert_cmphex(qtest_inb(s, 0x71), ==, 640 & 0xff);
    qtest_outb(s, 0x70, 0x16);
    g_assert_cmphex(qtest_inb(s, 0x71), ==, 640 >> 8);
    /* PCI host bridge through 0xcf8/0xcfc: 8086:1237 at 00.0. */
    qtest_outl(s, 0xcf8, 0x80000000);
    g_assert_cmphex(qtest_inl(s, 0xcfc), ==, 0x12378086);
    qtest_quit(s);
}

static void test_irq_intercept(void)
{
    QTestState *s = qtest_init("-machine pc -m 64");
    gint64 deadline;

    qtest_irq_intercept_in(s, "ioapic");
    g_assert_false(qtest_get_irq(s, 8));
    /* RTC: update-ended interrupts on (register B bit 4). */
    qtest_outb(s, 0x70, 0x0b);
    qtest_outb(s, 0x71, qtest_inb(s, 0x71) | 0x10);
    deadline = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;
    while (!qtest_get_irq(s, 8) && g_get_monotonic_time() < deadline) {
        qtest_clock_step(s, 1000000);
        g_usleep(10000);
    }
    g_assert_true(qtest_get_irq(s, 8));
    /* Reading register C acknowledges and lowers the line. */
    qtest_outb(s, 0x70, 0x0c);
    g_assert(qtest_inb(s, 0x71) & 0x90);
    g_assert_false(qtest_get_irq(s, 8));
    qtest_quit(s);
}

/* set_irq_in drives an input line; the intercept reports it. */
static void test_set_irq_in(void)
{
    QTestState *s = qtest_init("-machine pc -m 64");
    char *r;

    qtest_irq_intercept_in(s, "ioapic");
    qtest_set_irq_in(s, "ioapic", NULL, 20, 1);
    g_assert_true(qtest_get_irq(s, 20));
    qtest_set_irq_in(s, "ioapic", NULL, 20, 0);
    g_assert_false(qtest_get_irq(s, 20));
    /* Intercepting a second device is refused, the same one is fine. */
    qtest_irq_intercept_in(s, "ioapic");
    r = qtest_hmp_raw(s, "irq_intercept_in /machine/i440fx");
    g_assert(g_str_has_prefix(r, "FAIL"));
    g_free(r);
    r = qtest_hmp_raw(s, "set_irq_in ioapic unnamed 99 1");
    g_assert(g_str_has_prefix(r, "FAIL"));
    g_free(r);
    qtest_quit(s);
}

/* QMP next to the qtest socket. */
static void test_qmp(void)
{
    QTestState *s = qtest_init("-machine pc -m 64");
    char *r = qtest_qmp(s, "{\"execute\": \"query-status\"}");

    g_assert_nonnull(strstr(r, "\"running\""));
    g_free(r);
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/qtest/memory", test_memory);
    g_test_add_func("/qtest/errors", test_errors);
    g_test_add_func("/qtest/pio-cmos", test_pio_cmos);
    g_test_add_func("/qtest/irq-intercept", test_irq_intercept);
    g_test_add_func("/qtest/set-irq-in", test_set_irq_in);
    g_test_add_func("/qtest/qmp", test_qmp);
    return g_test_run();
}
