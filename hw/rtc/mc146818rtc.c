/*
 * MC146818 real time clock and CMOS RAM (Motorola data sheet).
 *
 * The guest's wall clock is kept as an offset from the chosen host
 * clock (-rtc clock=), so time advances without any timer running.
 * Timers are only armed while the guest has enabled the periodic,
 * update-ended or alarm interrupts; the update-ended flag and UIP are
 * otherwise derived when the guest reads them.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/log.h"
#include "hw/rtc/mc146818rtc.h"
#include "hw/irq.h"

#define NSEC_PER_SEC 1000000000LL
#define RTC_CLOCK_RATE 32768
/* UIP is set this long before each update */
#define UIP_HOLD_NS 244000

static int64_t rtc_now(void)
{
    return qemu_clock_get_ns(rtc_clock);
}

/* Guest time in ns since the epoch (UTC-like). */
static int64_t rtc_guest_ns(RTCState *s)
{
    return rtc_now() + s->offset;
}

static bool rtc_running(RTCState *s)
{
    /* divider chain must be in normal operation (DV = 010) */
    return !(s->cmos_data[RTC_REG_B] & REG_B_SET) &&
           (s->cmos_data[RTC_REG_A] & 0x70) == 0x20;
}

static int rtc_to_bcd(RTCState *s, int a)
{
    if (s->cmos_data[RTC_REG_B] & REG_B_DM) {
        return a;
    }
    return ((a / 10) << 4) | (a % 10);
}

static int rtc_from_bcd(RTCState *s, int a)
{
    if ((a & 0xc0) == 0xc0) {
        return -1;      /* alarm "don't care" */
    }
    if (s->cmos_data[RTC_REG_B] & REG_B_DM) {
        return a;
    }
    return ((a >> 4) & 0x0f) * 10 + (a & 0x0f);
}

static int rtc_hour_to_reg(RTCState *s, int hour)
{
    if (s->cmos_data[RTC_REG_B] & REG_B_24H) {
        return rtc_to_bcd(s, hour);
    }
    /* 12 hour mode: 1-12, bit 7 = PM */
    return rtc_to_bcd(s, hour % 12 ? hour % 12 : 12) | (hour >= 12 ? 0x80 : 0);
}

static int rtc_reg_to_hour(RTCState *s, int reg)
{
    int hour = rtc_from_bcd(s, reg & 0x7f);

    if (hour < 0) {
        return -1;
    }
    if (!(s->cmos_data[RTC_REG_B] & REG_B_24H)) {
        hour %= 12;
        if (reg & 0x80) {
            hour += 12;
        }
    }
    return hour;
}

/* Write @tm into the time/date registers. */
static void rtc_set_cmos(RTCState *s, const struct tm *tm)
{
    int year = tm->tm_year + 1900;

    s->cmos_data[RTC_SECONDS] = rtc_to_bcd(s, tm->tm_sec);
    s->cmos_data[RTC_MINUTES] = rtc_to_bcd(s, tm->tm_min);
    s->cmos_data[RTC_HOURS] = rtc_hour_to_reg(s, tm->tm_hour);
    s->cmos_data[RTC_DAY_OF_WEEK] = rtc_to_bcd(s, tm->tm_wday + 1);
    s->cmos_data[RTC_DAY_OF_MONTH] = rtc_to_bcd(s, tm->tm_mday);
    s->cmos_data[RTC_MONTH] = rtc_to_bcd(s, tm->tm_mon + 1);
    s->cmos_data[RTC_YEAR] = rtc_to_bcd(s, ((year - s->base_year) % 100 +
                                            100) % 100);
    s->cmos_data[RTC_CENTURY] = rtc_to_bcd(s, year / 100);
}

/* Read the time/date registers back into @tm. */
static void rtc_get_cmos(RTCState *s, struct tm *tm)
{
    int year = rtc_from_bcd(s, s->cmos_data[RTC_YEAR]);
    int century = rtc_from_bcd(s, s->cmos_data[RTC_CENTURY]);

    memset(tm, 0, sizeof(*tm));
    tm->tm_sec = rtc_from_bcd(s, s->cmos_data[RTC_SECONDS]);
    tm->tm_min = rtc_from_bcd(s, s->cmos_data[RTC_MINUTES]);
    tm->tm_hour = rtc_reg_to_hour(s, s->cmos_data[RTC_HOURS]);
    tm->tm_mday = rtc_from_bcd(s, s->cmos_data[RTC_DAY_OF_MONTH]);
    tm->tm_mon = rtc_from_bcd(s, s->cmos_data[RTC_MONTH]) - 1;
    if (century >= 19 && century <= 99) {
        year += century * 100;
    } else {
        year += s->base_year;
    }
    tm->tm_year = year - 1900;
}

/* Refresh the time registers from the running clock. */
static void rtc_update_time(RTCState *s)
{
    struct tm tm;
    time_t secs;

    if (!rtc_running(s)) {
        return;
    }
    secs = rtc_guest_ns(s) / NSEC_PER_SEC;
    gmtime_r(&secs, &tm);
    rtc_set_cmos(s, &tm);
}

/*
 * The registers as seconds since the epoch, or -1 if the guest wrote
 * something that is no date (or one the ns arithmetic cannot hold).
 */
static int64_t rtc_cmos_seconds(RTCState *s)
{
    struct tm tm;

    rtc_get_cmos(s, &tm);
    if (tm.tm_sec < 0 || tm.tm_sec > 59 || tm.tm_min < 0 ||
        tm.tm_min > 59 || tm.tm_hour < 0 || tm.tm_hour > 23 ||
        tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_mon < 0 ||
        tm.tm_mon > 11 || tm.tm_year < 0 || tm.tm_year > 2199 - 1900) {
        qemu_log_mask(LOG_GUEST_ERROR, "mc146818rtc: invalid date set\n");
        return -1;
    }
    return timegm(&tm);
}

/* The guest set the clock (SET cleared): take the registers as now. */
static void rtc_latch_time(RTCState *s)
{
    int64_t secs = rtc_cmos_seconds(s);

    if (secs < 0) {
        return;
    }
    s->offset = secs * NSEC_PER_SEC - rtc_now();
    s->last_update = secs;
}

static void rtc_update_irq(RTCState *s)
{
    uint8_t c = s->cmos_data[RTC_REG_C] & ~REG_C_IRQF;
    uint8_t b = s->cmos_data[RTC_REG_B];

    if (c & b & (REG_C_PF | REG_C_AF | REG_C_UF)) {
        c |= REG_C_IRQF;
    }
    s->cmos_data[RTC_REG_C] = c;
    qemu_set_irq(s->irq, !!(c & REG_C_IRQF));
}

/* ---- periodic interrupt ---- */

static int64_t rtc_periodic_ns(RTCState *s)
{
    int rs = s->cmos_data[RTC_REG_A] & 0x0f;
    int ticks;

    if (rs == 0) {
        return 0;
    }
    ticks = rs <= 2 ? 1 << (rs + 6) : 1 << (rs - 1);
    return (int64_t)ticks * NSEC_PER_SEC / RTC_CLOCK_RATE;
}

static void rtc_periodic_arm(RTCState *s, bool restart)
{
    int64_t period = rtc_periodic_ns(s);
    int64_t now = rtc_now();

    if (!period || !(s->cmos_data[RTC_REG_B] & REG_B_PIE) ||
        (s->cmos_data[RTC_REG_A] & 0x60) == 0x60) {
        timer_del(s->periodic_timer);
        return;
    }
    if (restart || s->next_periodic_time <= now - NSEC_PER_SEC) {
        /* a late host does not get a burst of catch-up interrupts */
        s->next_periodic_time = now + period;
    }
    timer_mod(s->periodic_timer, s->next_periodic_time);
}

static void rtc_periodic_timer(void *opaque)
{
    RTCState *s = opaque;

    s->cmos_data[RTC_REG_C] |= REG_C_PF;
    rtc_update_irq(s);
    s->next_periodic_time += rtc_periodic_ns(s);
    rtc_periodic_arm(s, false);
}

/* ---- update-ended and alarm ---- */

static bool rtc_alarm_matches(RTCState *s, const struct tm *tm)
{
    int sec = rtc_from_bcd(s, s->cmos_data[RTC_SECONDS_ALARM]);
    int min = rtc_from_bcd(s, s->cmos_data[RTC_MINUTES_ALARM]);
    int hour = (s->cmos_data[RTC_HOURS_ALARM] & 0xc0) == 0xc0 ? -1 :
               rtc_reg_to_hour(s, s->cmos_data[RTC_HOURS_ALARM]);

    return (sec < 0 || sec == tm->tm_sec) &&
           (min < 0 || min == tm->tm_min) &&
           (hour < 0 || hour == tm->tm_hour);
}

static void rtc_update_arm(RTCState *s)
{
    int64_t g, next;

    if (!rtc_running(s) ||
        !(s->cmos_data[RTC_REG_B] & (REG_B_UIE | REG_B_AIE))) {
        timer_del(s->update_timer);
        return;
    }
    g = rtc_guest_ns(s);
    next = (g / NSEC_PER_SEC + 1) * NSEC_PER_SEC;
    timer_mod(s->update_timer, rtc_now() + (next - g));
}

/* Flags for the seconds that passed since the guest last looked. */
static void rtc_catch_up_flags(RTCState *s)
{
    int64_t sec;
    struct tm tm;
    time_t t;

    if (!rtc_running(s)) {
        return;
    }
    sec = rtc_guest_ns(s) / NSEC_PER_SEC;
    if (sec == s->last_update) {
        return;
    }
    s->last_update = sec;
    s->cmos_data[RTC_REG_C] |= REG_C_UF;
    t = sec;
    gmtime_r(&t, &tm);
    if (rtc_alarm_matches(s, &tm)) {
        s->cmos_data[RTC_REG_C] |= REG_C_AF;
    }
}

static void rtc_update_timer(void *opaque)
{
    RTCState *s = opaque;

    rtc_catch_up_flags(s);
    rtc_update_irq(s);
    rtc_update_arm(s);
}

/* ---- port access ---- */

void cmos_ioport_write(void *opaque, hwaddr addr, uint64_t data,
                              unsigned size)
{
    RTCState *s = opaque;
    uint8_t old;

    if ((addr & 1) == 0) {
        /* bit 7 is the NMI mask on PCs; not modelled */
        s->cmos_index = data & 0x7f;
        return;
    }
    switch (s->cmos_index) {
    case RTC_SECONDS_ALARM:
    case RTC_MINUTES_ALARM:
    case RTC_HOURS_ALARM:
        s->cmos_data[s->cmos_index] = data;
        break;
    case RTC_SECONDS:
    case RTC_MINUTES:
    case RTC_HOURS:
    case RTC_DAY_OF_WEEK:
    case RTC_DAY_OF_MONTH:
    case RTC_MONTH:
    case RTC_YEAR:
        s->cmos_data[s->cmos_index] = data;
        if (rtc_running(s)) {
            /* time written without SET: takes effect at once */
            rtc_latch_time(s);
        }
        break;
    case RTC_REG_A:
        old = s->cmos_data[RTC_REG_A];
        s->cmos_data[RTC_REG_A] = (data & ~REG_A_UIP) | (old & REG_A_UIP);
        if (((old ^ data) & 0x70) && (data & 0x70) == 0x20) {
            /* leaving divider reset: the first update is 0.5 s away */
            int64_t secs = rtc_cmos_seconds(s);

            if (secs >= 0) {
                s->offset = secs * NSEC_PER_SEC - rtc_now() -
                            NSEC_PER_SEC / 2;
            }
        }
        rtc_periodic_arm(s, true);
        rtc_update_arm(s);
        break;
    case RTC_REG_B:
        old = s->cmos_data[RTC_REG_B];
        if (data & REG_B_SET) {
            if (!(old & REG_B_SET)) {
                rtc_update_time(s);     /* freeze the current time */
            }
            data &= ~REG_B_UIE;        /* SET clears UIE */
        }
        s->cmos_data[RTC_REG_B] = data;
        if ((old & REG_B_SET) && !(data & REG_B_SET)) {
            rtc_latch_time(s);
        } else if ((old ^ data) & (REG_B_DM | REG_B_24H)) {
            /* format change while running: re-encode the registers */
            rtc_update_time(s);
        }
        rtc_update_irq(s);
        rtc_periodic_arm(s, (old ^ data) & REG_B_PIE);
        rtc_update_arm(s);
        break;
    case RTC_REG_C:
    case RTC_REG_D:
        break;      /* read only */
    default:
        s->cmos_data[s->cmos_index] = data;
        break;
    }
}

uint64_t cmos_ioport_read(void *opaque, hwaddr addr, unsigned size)
{
    RTCState *s = opaque;
    uint8_t ret;

    if ((addr & 1) == 0) {
        return 0xff;
    }
    switch (s->cmos_index) {
    case RTC_SECONDS:
    case RTC_MINUTES:
    case RTC_HOURS:
    case RTC_DAY_OF_WEEK:
    case RTC_DAY_OF_MONTH:
    case RTC_MONTH:
    case RTC_YEAR:
    case RTC_CENTURY:
    case RTC_IBM_PS2_CENTURY_BYTE:
        rtc_update_time(s);
        ret = s->cmos_data[s->cmos_index == RTC_IBM_PS2_CENTURY_BYTE ?
                           RTC_CENTURY : s->cmos_index];
        break;
    case RTC_REG_A:
        ret = s->cmos_data[RTC_REG_A] & ~REG_A_UIP;
        if (rtc_running(s)) {
            int64_t into = rtc_guest_ns(s) % NSEC_PER_SEC;

            if (into >= NSEC_PER_SEC - UIP_HOLD_NS) {
                ret |= REG_A_UIP;
            }
        }
        break;
    case RTC_REG_C:
        rtc_catch_up_flags(s);
        rtc_update_irq(s);
        ret = s->cmos_data[RTC_REG_C];
        /* reading C acknowledges everything */
        s->cmos_data[RTC_REG_C] = 0;
        qemu_set_irq(s->irq, 0);
        break;
    case RTC_REG_D:
        ret = REG_D_VRT;
        break;
    default:
        ret = s->cmos_data[s->cmos_index];
        break;
    }
    return ret;
}

const MemoryRegionOps mc146818_cmos_ops = {
    .read = cmos_ioport_read,
    .write = cmos_ioport_write,
    .impl = {
        .min_access_size = 1,
        .max_access_size = 1,
    },
    .endianness = DEVICE_LITTLE_ENDIAN,
};

/* ---- life cycle ---- */

static void rtc_set_date_from_host(RTCState *s)
{
    struct tm tm;

    qemu_get_timedate(&tm, 0);
    s->offset = (int64_t)timegm(&tm) * NSEC_PER_SEC - rtc_now();
    s->last_update = timegm(&tm);
    rtc_set_cmos(s, &tm);
}

void rtc_core_reset(RTCState *s)
{
    /* reset clears the interrupt enables and flags, not the time */
    s->cmos_data[RTC_REG_B] &= ~(REG_B_PIE | REG_B_AIE | REG_B_UIE |
                                 REG_B_SQWE);
    s->cmos_data[RTC_REG_C] = 0;
    timer_del(s->periodic_timer);
    timer_del(s->update_timer);
    qemu_set_irq(s->irq, 0);
}

void rtc_core_realize(RTCState *s)
{
    /* in case vl.c did not apply -rtc before creating the machine */
    rtc_configure_default();
    s->cmos_data[RTC_REG_A] = 0x26;     /* 32.768 kHz time base, 1024 Hz */
    s->cmos_data[RTC_REG_B] = REG_B_24H;
    s->cmos_data[RTC_REG_C] = 0;
    s->cmos_data[RTC_REG_D] = REG_D_VRT;
    rtc_set_date_from_host(s);

    s->periodic_timer = timer_new_ns(rtc_clock, rtc_periodic_timer, s);
    s->update_timer = timer_new_ns(rtc_clock, rtc_update_timer, s);
}

void rtc_core_unrealize(RTCState *s)
{
    timer_free(s->periodic_timer);
    timer_free(s->update_timer);
    s->periodic_timer = s->update_timer = NULL;
}
