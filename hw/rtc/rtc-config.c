/*
 * -rtc: where the guest's wall clock starts and which host clock
 * drives it.  The emulated RTCs ask qemu_get_timedate() for the time.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/option.h"
#include "qemu/config-file.h"
#include "qemu/module.h"
#include "hw/rtc/mc146818rtc.h"

typedef enum {
    RTC_BASE_UTC,
    RTC_BASE_LOCALTIME,
    RTC_BASE_DATETIME,
} RTCBaseType;

QEMUClockType rtc_clock = QEMU_CLOCK_HOST;
int rtc_driftfix_slew;
static RTCBaseType rtc_base_type = RTC_BASE_UTC;
/* base=DATE: guest seconds at emulator start, and the host offset */
static time_t rtc_ref_start_datetime;
static int64_t rtc_host_datetime_offset;
static int64_t rtc_realtime_clock_offset;

static time_t rtc_ref_now(QEMUClockType clock)
{
    time_t value = qemu_clock_get_ms(clock) / 1000;

    switch (clock) {
    case QEMU_CLOCK_REALTIME:
        value -= rtc_realtime_clock_offset;
        /* fall through */
    case QEMU_CLOCK_VIRTUAL:
    case QEMU_CLOCK_VIRTUAL_RT:
        value += rtc_ref_start_datetime;
        break;
    case QEMU_CLOCK_HOST:
        if (rtc_base_type == RTC_BASE_DATETIME) {
            value -= rtc_host_datetime_offset;
        }
        break;
    default:
        break;
    }
    return value;
}

void qemu_get_timedate(struct tm *tm, int64_t offset)
{
    time_t ti = rtc_ref_now(rtc_clock) + offset;

    if (rtc_base_type == RTC_BASE_LOCALTIME) {
        localtime_r(&ti, tm);
    } else {
        gmtime_r(&ti, tm);
    }
}

int64_t qemu_timedate_diff(struct tm *tm)
{
    time_t seconds;

    if (rtc_base_type == RTC_BASE_LOCALTIME) {
        struct tm tmp = *tm;

        tmp.tm_isdst = -1;
        seconds = mktime(&tmp);
    } else {
        seconds = timegm(tm);
    }
    return seconds - rtc_ref_now(QEMU_CLOCK_HOST);
}

static void configure_rtc_base_datetime(const char *startdate)
{
    struct tm tm = { 0 };
    char tail;
    time_t rtc_start;

    if (sscanf(startdate, "%d-%d-%dT%d:%d:%d%c", &tm.tm_year, &tm.tm_mon,
               &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec,
               &tail) == 6) {
        /* full date and time */
    } else if (sscanf(startdate, "%d-%d-%d%c", &tm.tm_year, &tm.tm_mon,
                      &tm.tm_mday, &tail) == 3) {
        tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    } else {
        goto date_fail;
    }
    tm.tm_year -= 1900;
    tm.tm_mon--;
    rtc_start = timegm(&tm);
    if (rtc_start == -1) {
        goto date_fail;
    }
    rtc_ref_start_datetime = rtc_start;
    rtc_host_datetime_offset = (qemu_clock_get_ms(QEMU_CLOCK_HOST) / 1000) -
                               rtc_start;
    rtc_base_type = RTC_BASE_DATETIME;
    return;

date_fail:
    error_report("invalid datetime format");
    error_printf("valid formats: '2006-06-17T16:01:21' or '2006-06-17'\n");
    exit(1);
}

static bool rtc_configured;

void configure_rtc(QemuOpts *opts)
{
    const char *value;

    rtc_configured = true;
    /* guest clocks other than host count from the host's "now" */
    rtc_ref_start_datetime = qemu_clock_get_ms(QEMU_CLOCK_HOST) / 1000;
    rtc_realtime_clock_offset = qemu_clock_get_ms(QEMU_CLOCK_REALTIME) / 1000;
    if (!opts) {
        return;
    }
    value = qemu_opt_get(opts, "base");
    if (value) {
        if (g_str_equal(value, "utc")) {
            rtc_base_type = RTC_BASE_UTC;
        } else if (g_str_equal(value, "localtime")) {
            rtc_base_type = RTC_BASE_LOCALTIME;
        } else {
            configure_rtc_base_datetime(value);
        }
    }
    value = qemu_opt_get(opts, "clock");
    if (value) {
        if (g_str_equal(value, "host")) {
            rtc_clock = QEMU_CLOCK_HOST;
        } else if (g_str_equal(value, "rt")) {
            rtc_clock = QEMU_CLOCK_REALTIME;
        } else if (g_str_equal(value, "vm")) {
            rtc_clock = QEMU_CLOCK_VIRTUAL;
        } else {
            error_report("invalid option value '%s'", value);
            exit(1);
        }
    }
    value = qemu_opt_get(opts, "driftfix");
    if (value) {
        if (g_str_equal(value, "slew")) {
            rtc_driftfix_slew = 1;
        } else if (g_str_equal(value, "none")) {
            rtc_driftfix_slew = 0;
        } else {
            error_report("invalid option value '%s'", value);
            exit(1);
        }
    }
}

void rtc_configure_default(void)
{
    /* -rtc options are merged into one unnamed group */
    if (!rtc_configured) {
        configure_rtc(qemu_opts_find(&qemu_rtc_opts, NULL));
    }
}

QemuOptsList qemu_rtc_opts = {
    .name = "rtc",
    .head = QTAILQ_HEAD_INITIALIZER(qemu_rtc_opts.head),
    .merge_lists = true,
    .desc = {
        { .name = "base", .type = QEMU_OPT_STRING },
        { .name = "clock", .type = QEMU_OPT_STRING },
        { .name = "driftfix", .type = QEMU_OPT_STRING },
        { /* end of list */ }
    },
};

static void rtc_register_opts(void)
{
    qemu_add_opts(&qemu_rtc_opts);
}

opts_init(rtc_register_opts);
