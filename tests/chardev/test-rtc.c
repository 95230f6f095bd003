/*
 * MC146818 register model, with -rtc base=DATE,clock=vm and the VM
 * clock stopped so that the time read back is exact.
 */
#include "qemu/osdep.h"
#include "qemu/module.h"
#include "qemu/option.h"
#include "qapi/error.h"
#include "hw/rtc/mc146818rtc.h"
#include "hw/irq.h"

void qemu_set_irq(qemu_irq irq, int level)
{
    if (irq) {
        irq->handler(irq->opaque, irq->n, level);
    }
}

static int irq_level;

static void irq_handler(void *opaque, int n, int level)
{
    irq_level = level;
}

static struct IRQState rtc_irq = { .handler = irq_handler };

/* 2006-06-17T16:01:21 UTC, a Saturday */
#define BASE_DATE "2006-06-17T16:01:21"

static RTCState *rtc_new(void)
{
    RTCState *s = g_new0(RTCState, 1);

    s->base_year = 2000;
    s->irq = &rtc_irq;
    rtc_core_realize(s);
    return s;
}

static void rtc_free(RTCState *s)
{
    rtc_core_unrealize(s);
    g_free(s);
}

static uint8_t rd(RTCState *s, int reg)
{
    cmos_ioport_write(s, 0, reg, 1);
    return cmos_ioport_read(s, 1, 1);
}

static void wr(RTCState *s, int reg, uint8_t val)
{
    cmos_ioport_write(s, 0, reg, 1);
    cmos_ioport_write(s, 1, val, 1);
}

/* What the guest must see: the base date plus the frozen VM time. */
static void expected_tm(struct tm *tm)
{
    time_t t = 1150560081 + qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) /
               1000000000;

    gmtime_r(&t, tm);
}

static int bcd(int v)
{
    return ((v / 10) << 4) | (v % 10);
}

static void test_time_bcd_24h(void)
{
    RTCState *s = rtc_new();
    struct tm tm;

    expected_tm(&tm);
    g_assert_cmphex(rd(s, RTC_REG_A), ==, 0x26);
    g_assert_cmphex(rd(s, RTC_REG_B), ==, 0x02);
    g_assert_cmphex(rd(s, RTC_REG_D), ==, 0x80);
    g_assert_cmphex(rd(s, RTC_SECONDS), ==, bcd(tm.tm_sec));
    g_assert_cmphex(rd(s, RTC_MINUTES), ==, bcd(tm.tm_min));
    g_assert_cmphex(rd(s, RTC_HOURS), ==, bcd(tm.tm_hour));
    g_assert_cmphex(rd(s, RTC_DAY_OF_WEEK), ==, tm.tm_wday + 1);
    g_assert_cmphex(rd(s, RTC_DAY_OF_MONTH), ==, bcd(tm.tm_mday));
    g_assert_cmphex(rd(s, RTC_MONTH), ==, bcd(tm.tm_mon + 1));
    g_assert_cmphex(rd(s, RTC_YEAR), ==, 0x06);
    g_assert_cmphex(rd(s, RTC_CENTURY), ==, 0x20);
    rtc_free(s);
}

static void test_binary_12h(void)
{
    RTCState *s = rtc_new();
    struct tm tm;
    int hour;

    wr(s, RTC_REG_B, 0x04);     /* binary, 12 hour */
    expected_tm(&tm);
    g_assert_cmphex(rd(s, RTC_MINUTES), ==, tm.tm_min);
    hour = tm.tm_hour % 12 ? tm.tm_hour % 12 : 12;
    g_assert_cmphex(rd(s, RTC_HOURS), ==,
                    hour | (tm.tm_hour >= 12 ? 0x80 : 0));
    g_assert_cmphex(rd(s, RTC_YEAR), ==, 6);
    g_assert_cmphex(rd(s, RTC_CENTURY), ==, 20);
    rtc_free(s);
}

static void test_set_time(void)
{
    RTCState *s = rtc_new();

    wr(s, RTC_REG_B, 0x82);     /* SET, 24h, BCD */
    wr(s, RTC_SECONDS, 0x59);
    wr(s, RTC_MINUTES, 0x59);
    wr(s, RTC_HOURS, 0x23);
    wr(s, RTC_DAY_OF_MONTH, 0x31);
    wr(s, RTC_MONTH, 0x12);
    wr(s, RTC_YEAR, 0x99);
    wr(s, RTC_CENTURY, 0x19);
    /* frozen while SET */
    g_assert_cmphex(rd(s, RTC_SECONDS), ==, 0x59);
    wr(s, RTC_REG_B, 0x02);
    /* the clock is stopped: exactly the time written */
    g_assert_cmphex(rd(s, RTC_SECONDS), ==, 0x59);
    g_assert_cmphex(rd(s, RTC_HOURS), ==, 0x23);
    g_assert_cmphex(rd(s, RTC_DAY_OF_MONTH), ==, 0x31);
    g_assert_cmphex(rd(s, RTC_MONTH), ==, 0x12);
    g_assert_cmphex(rd(s, RTC_YEAR), ==, 0x99);
    g_assert_cmphex(rd(s, RTC_CENTURY), ==, 0x19);
    /* 1999-12-31 was a Friday */
    g_assert_cmphex(rd(s, RTC_DAY_OF_WEEK), ==, 6);
    rtc_free(s);
}

static void test_invalid_date_ignored(void)
{
    RTCState *s = rtc_new();
    struct tm tm;

    expected_tm(&tm);
    wr(s, RTC_REG_B, 0x82);
    wr(s, RTC_MONTH, 0x13);     /* no 13th month */
    wr(s, RTC_CENTURY, 0x99);
    wr(s, RTC_REG_B, 0x02);
    /* the clock keeps its time */
    g_assert_cmphex(rd(s, RTC_MONTH), ==, bcd(tm.tm_mon + 1));
    g_assert_cmphex(rd(s, RTC_YEAR), ==, 0x06);
    g_assert_cmphex(rd(s, RTC_CENTURY), ==, 0x20);
    rtc_free(s);
}

static void test_set_clears_uie(void)
{
    RTCState *s = rtc_new();

    wr(s, RTC_REG_B, 0x12);
    g_assert_cmphex(rd(s, RTC_REG_B), ==, 0x12);
    wr(s, RTC_REG_B, 0x92);
    g_assert_cmphex(rd(s, RTC_REG_B), ==, 0x82);
    rtc_free(s);
}

static void test_periodic_irq(void)
{
    RTCState *s = rtc_new();

    wr(s, RTC_REG_A, 0x26);
    g_assert_false(timer_pending(s->periodic_timer));
    wr(s, RTC_REG_B, 0x42);     /* PIE */
    g_assert_true(timer_pending(s->periodic_timer));
    /* rate 0 stops it */
    wr(s, RTC_REG_A, 0x20);
    g_assert_false(timer_pending(s->periodic_timer));
    wr(s, RTC_REG_A, 0x26);
    g_assert_true(timer_pending(s->periodic_timer));
    /* the tick sets PF and, with PIE, IRQF and the line */
    s->periodic_timer->cb(s->periodic_timer->opaque);
    g_assert_cmpint(irq_level, ==, 1);
    g_assert_cmphex(rd(s, RTC_REG_C), ==, 0xc0);
    /* reading C acknowledged it */
    g_assert_cmpint(irq_level, ==, 0);
    g_assert_cmphex(rd(s, RTC_REG_C), ==, 0x00);
    wr(s, RTC_REG_B, 0x02);
    g_assert_false(timer_pending(s->periodic_timer));
    rtc_free(s);
}

static void test_cmos_ram(void)
{
    RTCState *s = rtc_new();

    wr(s, 0x34, 0xab);
    g_assert_cmphex(rd(s, 0x34), ==, 0xab);
    /* bit 7 of the index (NMI mask) does not select another byte */
    cmos_ioport_write(s, 0, 0x80 | 0x34, 1);
    g_assert_cmphex(cmos_ioport_read(s, 1, 1), ==, 0xab);
    /* C and D are read only */
    wr(s, RTC_REG_D, 0x00);
    g_assert_cmphex(rd(s, RTC_REG_D), ==, 0x80);
    rtc_free(s);
}

int main(int argc, char **argv)
{
    QemuOpts *opts;

    g_test_init(&argc, &argv, NULL);
    qemu_clock_enable(QEMU_CLOCK_VIRTUAL, false);
    opts = qemu_opts_parse(&qemu_rtc_opts, "base=" BASE_DATE ",clock=vm",
                           false, &error_abort);
    configure_rtc(opts);

    g_test_add_func("/rtc/time-bcd-24h", test_time_bcd_24h);
    g_test_add_func("/rtc/binary-12h", test_binary_12h);
    g_test_add_func("/rtc/set-time", test_set_time);
    g_test_add_func("/rtc/invalid-date-ignored", test_invalid_date_ignored);
    g_test_add_func("/rtc/set-clears-uie", test_set_clears_uie);
    g_test_add_func("/rtc/periodic-irq", test_periodic_irq);
    g_test_add_func("/rtc/cmos-ram", test_cmos_ram);
    return g_test_run();
}
