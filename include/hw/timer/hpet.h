/*
 * The High Precision Event Timer of the pc machine (hw/timer/hpet.c).
 */
#ifndef HW_TIMER_HPET_H
#define HW_TIMER_HPET_H

#define TYPE_HPET "hpet"

#define HPET_BASE           0xfed00000
#define HPET_LEN            0x400
#define HPET_MIN_TIMERS     3
#define HPET_MAX_TIMERS     32
/* sysbus IRQ outputs: one per IOAPIC input a timer may be routed to. */
#define HPET_NUM_IRQ_ROUTES 32

/* Bitmap of the IOAPIC inputs timers may use (Tn_INT_ROUTE_CAP). */
#define HPET_INTCAP         "hpet-intcap"
/* Named GPIOs: the RTC's interrupt in, "PIT may interrupt" out. */
#define HPET_RTC_INPUT      "rtc"
#define HPET_PIT_ENABLE_OUTPUT "pit-enable"

typedef struct DeviceState DeviceState;
/* The low half of the capabilities register (the ACPI HPET table's ID). */
uint32_t hpet_get_id(DeviceState *hpet);

#endif
