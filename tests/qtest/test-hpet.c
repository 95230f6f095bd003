/*
 * hpet: registers as QEMU's pc shows them, the 100 MHz main counter on
 * the virtual clock, one-shot and periodic comparators raising their
 * IOAPIC input, the level status bit, and legacy replacement mode
 * taking IRQ8 over from the RTC.
 */
#include <string.h>
#include "libqtest.h"

#define HPET_BASE       0xfed00000ull
#define HPET_ID         (HPET_BASE + 0x000)
#define HPET_PERIOD     (HPET_BASE + 0x004)
#define HPET_CFG        (HPET_BASE + 0x010)
#define HPET_STATUS     (HPET_BASE + 0x020)
#define HPET_COUNTER    (HPET_BASE + 0x0f0)
#define HPET_TN_CFG(n)  (HPET_BASE + 0x100 + 0x20 * (n))
#define HPET_TN_CMP(n)  (HPET_BASE + 0x108 + 0x20 * (n))

#define CFG_ENABLE      0x1
#define CFG_LEGACY      0x2
#define TN_LEVEL        (1u << 1)
#define TN_ENABLE       (1u << 2)
#define TN_PERIODIC     (1u << 3)
#define TN_SETVAL       (1u << 6)
#define TN_32BIT        (1u << 8)
#define TN_ROUTE(n)     ((n) << 9)

static QTestState *hpet_start(void)
{
    /* The RTC on the virtual clock, so that clock_step drives it too. */
    QTestState *s = qtest_init("-machine pc -nodefaults -rtc clock=vm");

    qtest_irq_intercept_in(s, "ioapic");
    return s;
}

static void test_registers(void)
{
    QTestState *s = hpet_start();
    int i;

    /* Rev 1, 3 timers, 64-bit counter, legacy capable, vendor 8086. */
    g_assert_cmphex(qtest_readl(s, HPET_ID), ==, 0x8086a201);
    g_assert_cmphex(qtest_readl(s, HPET_PERIOD), ==, 10000000);
    g_assert_cmphex(qtest_readq(s, HPET_CFG), ==, 0);
    for (i = 0; i < 3; i++) {
        /* periodic and 64-bit capable, routable to IOAPIC input 2 only */
        g_assert_cmphex(qtest_readl(s, HPET_TN_CFG(i)), ==, 0x30);
        g_assert_cmphex(qtest_readl(s, HPET_TN_CFG(i) + 4), ==, 0x4);
    }
    /* Capabilities are read-only. */
    qtest_writel(s, HPET_ID, 0);
    g_assert_cmphex(qtest_readl(s, HPET_ID), ==, 0x8086a201);
    qtest_writel(s, HPET_TN_CFG(0), 0xffffffff);
    g_assert_cmphex(qtest_readl(s, HPET_TN_CFG(0)) & 0x30, ==, 0x30);
    qtest_quit(s);
}

static void test_counter(void)
{
    QTestState *s = hpet_start();

    g_assert_cmpuint(qtest_readq(s, HPET_COUNTER), ==, 0);
    /* Halted: the virtual clock moves, the counter does not. */
    qtest_clock_step(s, 5000);
    g_assert_cmpuint(qtest_readq(s, HPET_COUNTER), ==, 0);
    qtest_writeq(s, HPET_COUNTER, 1000);
    qtest_writel(s, HPET_CFG, CFG_ENABLE);
    qtest_clock_step(s, 10000);             /* 10 us = 1000 ticks */
    g_assert_cmpuint(qtest_readq(s, HPET_COUNTER), ==, 2000);
    /* Writes while running are ignored; halting freezes the value. */
    qtest_writeq(s, HPET_COUNTER, 5);
    g_assert_cmpuint(qtest_readq(s, HPET_COUNTER), ==, 2000);
    qtest_writel(s, HPET_CFG, 0);
    qtest_clock_step(s, 10000);
    g_assert_cmpuint(qtest_readq(s, HPET_COUNTER), ==, 2000);
    /* 32-bit halves of the counter. */
    qtest_writel(s, HPET_COUNTER + 4, 0x1);
    g_assert_cmphex(qtest_readq(s, HPET_COUNTER), ==, 0x1000007d0ull);
    qtest_quit(s);
}

static void test_oneshot_level(void)
{
    QTestState *s = hpet_start();

    qtest_writel(s, HPET_TN_CFG(2), TN_LEVEL | TN_ENABLE | TN_ROUTE(2));
    qtest_writeq(s, HPET_TN_CMP(2), 500);
    qtest_writel(s, HPET_CFG, CFG_ENABLE);
    qtest_clock_step(s, 4000);              /* 400 ticks: not yet */
    g_assert_false(qtest_get_irq(s, 2));
    g_assert_cmphex(qtest_readl(s, HPET_STATUS), ==, 0);
    qtest_clock_step(s, 2000);
    g_assert_true(qtest_get_irq(s, 2));
    g_assert_cmphex(qtest_readl(s, HPET_STATUS), ==, 1u << 2);
    /* Write-one-to-clear lowers the level line; one-shot stays quiet. */
    qtest_writel(s, HPET_STATUS, 1u << 2);
    g_assert_false(qtest_get_irq(s, 2));
    g_assert_cmphex(qtest_readl(s, HPET_STATUS), ==, 0);
    qtest_clock_step(s, 100000);
    g_assert_false(qtest_get_irq(s, 2));
    qtest_quit(s);
}

static void test_periodic(void)
{
    QTestState *s = hpet_start();
    int i;

    /* As Linux programs it: SETVAL + first match, then the period. */
    qtest_writel(s, HPET_TN_CFG(0), TN_LEVEL | TN_ENABLE | TN_PERIODIC |
                                    TN_SETVAL | TN_32BIT | TN_ROUTE(2));
    qtest_writel(s, HPET_TN_CMP(0), 1000);
    qtest_writel(s, HPET_TN_CMP(0), 1000);
    g_assert_cmphex(qtest_readl(s, HPET_TN_CFG(0)) & TN_SETVAL, ==, 0);
    qtest_writel(s, HPET_CFG, CFG_ENABLE);
    for (i = 1; i <= 3; i++) {
        qtest_clock_step(s, 9990 - (i == 1 ? 0 : 10));
        g_assert_false(qtest_get_irq(s, 2));
        qtest_clock_step(s, 20);
        g_assert_true(qtest_get_irq(s, 2));
        /* The comparator has moved on by one period. */
        g_assert_cmpuint(qtest_readl(s, HPET_TN_CMP(0)), ==, 1000 * (i + 1));
        qtest_writel(s, HPET_STATUS, 1);
        g_assert_false(qtest_get_irq(s, 2));
    }
    qtest_quit(s);
}

static void test_legacy(void)
{
    QTestState *s = hpet_start();

    /* RTC update-ended interrupts reach IRQ8 through the HPET ... */
    qtest_outb(s, 0x70, 0x0b);
    qtest_outb(s, 0x71, qtest_inb(s, 0x71) | 0x10);
    qtest_clock_step(s, 1100000000);
    g_assert_true(qtest_get_irq(s, 8));
    qtest_outb(s, 0x70, 0x0c);
    qtest_inb(s, 0x71);
    g_assert_false(qtest_get_irq(s, 8));

    /* ... until legacy replacement mode gives IRQ8 to timer 1. */
    qtest_writel(s, HPET_CFG, CFG_ENABLE | CFG_LEGACY);
    qtest_clock_step(s, 1100000000);
    g_assert_false(qtest_get_irq(s, 8));
    qtest_writel(s, HPET_TN_CFG(1), TN_LEVEL | TN_ENABLE);
    qtest_writeq(s, HPET_TN_CMP(1), qtest_readq(s, HPET_COUNTER) + 100);
    qtest_clock_step(s, 2000);
    g_assert_true(qtest_get_irq(s, 8));
    qtest_writel(s, HPET_STATUS, 1u << 1);
    g_assert_false(qtest_get_irq(s, 8));
    qtest_quit(s);
}

static void test_absent(void)
{
    QTestState *s = qtest_init("-machine pc,hpet=off -nodefaults");

    g_assert_cmphex(qtest_readl(s, HPET_ID), ==, 0xffffffff);
    qtest_quit(s);
    s = qtest_init("-machine pc -no-hpet -nodefaults");
    g_assert_cmphex(qtest_readl(s, HPET_ID), ==, 0xffffffff);
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/hpet/registers", test_registers);
    g_test_add_func("/hpet/counter", test_counter);
    g_test_add_func("/hpet/oneshot-level", test_oneshot_level);
    g_test_add_func("/hpet/periodic", test_periodic);
    g_test_add_func("/hpet/legacy", test_legacy);
    g_test_add_func("/hpet/absent", test_absent);
    return g_test_run();
}
