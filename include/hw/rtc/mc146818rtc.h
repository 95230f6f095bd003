/*
 * Motorola MC146818 compatible real time clock + CMOS RAM at I/O ports
 * 0x70/0x71, ISA IRQ 8.
 */
#ifndef HW_RTC_MC146818RTC_H
#define HW_RTC_MC146818RTC_H

#include "hw/isa/isa.h"
#include "qemu/timer.h"
#include "hw/qdev-properties-system.h"

#define TYPE_MC146818_RTC "mc146818rtc"
#define RTC_ISA_IRQ 8
#define RTC_ISA_BASE 0x70

#define RTC_CMOS_SIZE 128

/* Register indexes */
#define RTC_SECONDS             0
#define RTC_SECONDS_ALARM       1
#define RTC_MINUTES             2
#define RTC_MINUTES_ALARM       3
#define RTC_HOURS               4
#define RTC_HOURS_ALARM         5
#define RTC_DAY_OF_WEEK         6
#define RTC_DAY_OF_MONTH        7
#define RTC_MONTH               8
#define RTC_YEAR                9
#define RTC_REG_A               10
#define RTC_REG_B               11
#define RTC_REG_C               12
#define RTC_REG_D               13
#define RTC_CENTURY             0x32
#define RTC_IBM_PS2_CENTURY_BYTE 0x37

/* Register A */
#define REG_A_UIP       0x80
/* Register B */
#define REG_B_SET       0x80
#define REG_B_PIE       0x40
#define REG_B_AIE       0x20
#define REG_B_UIE       0x10
#define REG_B_SQWE      0x08
#define REG_B_DM        0x04
#define REG_B_24H       0x02
/* Register C */
#define REG_C_IRQF      0x80
#define REG_C_PF        0x40
#define REG_C_AF        0x20
#define REG_C_UF        0x10
/* Register D */
#define REG_D_VRT       0x80

typedef struct RTCState {
    ISADevice parent_obj;

    MemoryRegion io;
    uint8_t cmos_data[RTC_CMOS_SIZE];
    uint8_t cmos_index;
    int32_t base_year;
    uint8_t isairq;
    uint16_t io_base;
    /* guest time = host-side rtc clock + offset, in seconds */
    int64_t base_rtc;       /* guest time (s since epoch) at last set */
    int64_t last_update;    /* rtc clock (ns) at last set */
    int64_t offset;         /* ns into the current second at last set */
    qemu_irq irq;
    QEMUTimer *periodic_timer;
    int64_t next_periodic_time;
    QEMUTimer *update_timer;
    int64_t next_alarm_time;
    uint32_t lost_tick_policy;
    uint32_t irq_coalesced;
} RTCState;

#define MC146818_RTC(obj) OBJECT_CHECK(RTCState, (obj), TYPE_MC146818_RTC)

/*
 * Register model (mc146818rtc.c), shared by the ISA device and tests:
 * realize sets up registers, time and timers; s->irq is the IRQ 8 line.
 */
void rtc_core_realize(RTCState *s);
void rtc_core_unrealize(RTCState *s);
void rtc_core_reset(RTCState *s);
extern const MemoryRegionOps mc146818_cmos_ops;
uint64_t cmos_ioport_read(void *opaque, hwaddr addr, unsigned size);
void cmos_ioport_write(void *opaque, hwaddr addr, uint64_t data,
                       unsigned size);

ISADevice *mc146818_rtc_init(ISABus *bus, int base_year,
                             qemu_irq intercept_irq);
void rtc_set_memory(ISADevice *dev, int addr, int val);
int rtc_get_memory(ISADevice *dev, int addr);

/*
 * -rtc base=utc|localtime|DATE,clock=host|rt|vm,driftfix=slew|none.
 * The "rtc" option group is registered by the RTC code; vl.c passes the
 * merged options to configure_rtc().
 */
extern QemuOptsList qemu_rtc_opts;
void configure_rtc(QemuOpts *opts);
/* configure_rtc() from the parsed -rtc options unless already done. */
void rtc_configure_default(void);
/* Guest wall clock, as chosen by -rtc, plus @offset seconds. */
void qemu_get_timedate(struct tm *tm, int64_t offset);
/* Seconds between @tm and the guest's -rtc base time. */
int64_t qemu_timedate_diff(struct tm *tm);
/* The clock the RTC follows (-rtc clock=). */
extern QEMUClockType rtc_clock;
extern int rtc_driftfix_slew;

#endif
