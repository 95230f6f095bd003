/*
 * hpet: the IA-PC High Precision Event Timer (spec 1.0a) at 0xfed00000.
 *
 * A 64-bit up-counter at 100 MHz (10 ns period, as QEMU's) derived from
 * the virtual clock, and N comparators, each one-shot or periodic,
 * 32- or 64-bit, edge or level, routed to an IOAPIC input or, in legacy
 * replacement mode, timer 0 to IRQ0 and timer 1 to IRQ8.  In legacy
 * mode the PIT and the RTC stop interrupting: the board wires the RTC's
 * interrupt through the "rtc" input here and the PIT is told through
 * the "pit-enable" output.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/log.h"
#include "qemu/module.h"
#include "qemu/timer.h"
#include "exec/memory.h"
#include "hw/irq.h"
#include "hw/qdev-properties.h"
#include "hw/sysbus.h"
#include "hw/timer/hpet.h"

#define HPET_CLK_PERIOD_NS  10
#define HPET_CLK_PERIOD_FS  10000000ull
#define HPET_VENDOR_ID      0x8086

/* Register offsets. */
#define HPET_ID             0x000
#define HPET_PERIOD         0x004
#define HPET_CFG            0x010
#define HPET_STATUS         0x020
#define HPET_COUNTER        0x0f0
#define HPET_TN_BASE        0x100
#define HPET_TN_STRIDE      0x20
#define HPET_TN_CFG         0x00
#define HPET_TN_CMP         0x08
#define HPET_TN_ROUTE       0x10

/* General configuration. */
#define HPET_CFG_ENABLE     (1ull << 0)
#define HPET_CFG_LEGACY     (1ull << 1)
#define HPET_CFG_WRITE_MASK (HPET_CFG_ENABLE | HPET_CFG_LEGACY)

/* General capabilities. */
#define HPET_CAP_REV_ID     0x01
#define HPET_CAP_NUM_SHIFT  8
#define HPET_CAP_COUNT_64   (1ull << 13)
#define HPET_CAP_LEGACY     (1ull << 15)

/* Timer configuration and capabilities. */
#define HPET_TN_LEVEL       (1ull << 1)
#define HPET_TN_ENABLE      (1ull << 2)
#define HPET_TN_PERIODIC    (1ull << 3)
#define HPET_TN_PERIODIC_CAP (1ull << 4)
#define HPET_TN_SIZE_CAP    (1ull << 5)
#define HPET_TN_SETVAL      (1ull << 6)
#define HPET_TN_32BIT       (1ull << 8)
#define HPET_TN_ROUTE_SHIFT 9
#define HPET_TN_ROUTE_MASK  (0x1full << HPET_TN_ROUTE_SHIFT)
#define HPET_TN_FSB_ENABLE  (1ull << 14)
#define HPET_TN_FSB_CAP     (1ull << 15)
#define HPET_TN_CFG_WRITE_MASK (HPET_TN_LEVEL | HPET_TN_ENABLE | \
                                HPET_TN_PERIODIC | HPET_TN_SETVAL | \
                                HPET_TN_32BIT | HPET_TN_ROUTE_MASK | \
                                HPET_TN_FSB_ENABLE)

/* ISA lines used in legacy replacement mode. */
#define HPET_LEGACY_IRQ0    0
#define HPET_LEGACY_IRQ8    8

typedef struct HPETState HPETState;

typedef struct HPETTimer {
    HPETState *state;
    QEMUTimer *qtimer;
    uint8_t tn;
    uint64_t config;
    uint64_t cmp;
    uint64_t fsb;           /* FSB (MSI) route: data low, address high */
    uint64_t period;        /* ticks, periodic mode */
    bool irq_raised;
} HPETTimer;

struct HPETState {
    SysBusDevice parent_obj;

    MemoryRegion iomem;
    qemu_irq irqs[HPET_NUM_IRQ_ROUTES];
    qemu_irq pit_enable;
    uint8_t num_timers;
    uint32_t intcap;
    bool msi;

    uint64_t config;
    uint64_t isr;
    /* Counter = (virtual ns - offset_ns) / 10 while enabled. */
    int64_t offset_ns;
    uint64_t counter_frozen;
    bool rtc_level;
    HPETTimer timers[HPET_MAX_TIMERS];
};

#define HPET(obj) OBJECT_CHECK(HPETState, (obj), TYPE_HPET)

static bool hpet_enabled(HPETState *s)
{
    return s->config & HPET_CFG_ENABLE;
}

static bool hpet_legacy(HPETState *s)
{
    return s->config & HPET_CFG_LEGACY;
}

static uint64_t hpet_get_counter(HPETState *s)
{
    int64_t now;

    if (!hpet_enabled(s)) {
        return s->counter_frozen;
    }
    now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    return (uint64_t)(now - s->offset_ns) / HPET_CLK_PERIOD_NS;
}

static bool timer_is_32bit(HPETTimer *t)
{
    return t->config & HPET_TN_32BIT;
}

static bool timer_is_periodic(HPETTimer *t)
{
    return t->config & HPET_TN_PERIODIC;
}

static bool timer_is_level(HPETTimer *t)
{
    return t->config & HPET_TN_LEVEL;
}

static int timer_route(HPETTimer *t)
{
    HPETState *s = t->state;

    if (hpet_legacy(s) && t->tn < 2) {
        return t->tn == 0 ? HPET_LEGACY_IRQ0 : HPET_LEGACY_IRQ8;
    }
    return (t->config & HPET_TN_ROUTE_MASK) >> HPET_TN_ROUTE_SHIFT;
}

static void timer_set_irq(HPETTimer *t, bool level)
{
    HPETState *s = t->state;
    int route = timer_route(t);

    if (t->config & HPET_TN_FSB_ENABLE) {
        /* FSB delivery is only offered with msi=on; not wired here. */
        return;
    }
    if (level) {
        qemu_irq_raise(s->irqs[route]);
    } else {
        qemu_irq_lower(s->irqs[route]);
    }
    t->irq_raised = level;
}

/* The comparator matched: interrupt per the timer's mode. */
static void timer_fire(HPETTimer *t)
{
    HPETState *s = t->state;

    if (!(t->config & HPET_TN_ENABLE)) {
        return;
    }
    if (timer_is_level(t)) {
        s->isr |= 1ull << t->tn;
        timer_set_irq(t, true);
    } else {
        /* Edge: a pulse; the status bit is not used. */
        timer_set_irq(t, true);
        timer_set_irq(t, false);
    }
}

static uint64_t timer_mask(HPETTimer *t)
{
    return timer_is_32bit(t) ? UINT32_MAX : UINT64_MAX;
}

/* Arm the QEMU timer for the next comparator match (now if it is due). */
static void timer_arm(HPETTimer *t)
{
    HPETState *s = t->state;
    uint64_t cur, delta;

    if (!hpet_enabled(s) || !(t->config & HPET_TN_ENABLE)) {
        timer_del(t->qtimer);
        return;
    }
    cur = hpet_get_counter(s) & timer_mask(t);
    delta = (t->cmp - cur) & timer_mask(t);
    /* Very far matches are re-evaluated rather than overflowing. */
    delta = MIN(delta, (uint64_t)INT64_MAX / (4 * HPET_CLK_PERIOD_NS));
    timer_mod_ns(t->qtimer, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) +
                 (int64_t)delta * HPET_CLK_PERIOD_NS);
}

/* True once the counter has reached the comparator (modulo its width). */
static bool timer_reached(HPETTimer *t, uint64_t cur)
{
    uint64_t mask = timer_mask(t);

    return ((cur - t->cmp) & mask) <= (mask >> 1);
}

static void hpet_timer_expired(void *opaque)
{
    HPETTimer *t = opaque;
    HPETState *s = t->state;
    uint64_t mask = timer_mask(t);
    uint64_t cur = hpet_get_counter(s) & mask;

    if (!timer_reached(t, cur)) {
        /* Early wake-up (a clamped far deadline): not there yet. */
        timer_arm(t);
        return;
    }
    timer_fire(t);
    if (timer_is_periodic(t) && t->period) {
        /* Step the comparator past the counter, as hardware adds. */
        uint64_t n = ((cur - t->cmp) & mask) / t->period + 1;

        t->cmp = (t->cmp + n * t->period) & mask;
        timer_arm(t);
    } else if (timer_is_32bit(t)) {
        /* A 32-bit one-shot matches again when the counter wraps. */
        timer_mod_ns(t->qtimer, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) +
                     (int64_t)((uint64_t)UINT32_MAX + 1) *
                     HPET_CLK_PERIOD_NS);
    } else {
        timer_del(t->qtimer);
    }
}

static void hpet_arm_all(HPETState *s)
{
    int i;

    for (i = 0; i < s->num_timers; i++) {
        timer_arm(&s->timers[i]);
    }
}

static void hpet_update_legacy(HPETState *s, bool was_legacy)
{
    bool legacy = hpet_legacy(s);

    if (legacy == was_legacy) {
        return;
    }
    qemu_set_irq(s->pit_enable, !legacy);
    /* The RTC line follows its own level only outside legacy mode. */
    qemu_set_irq(s->irqs[HPET_LEGACY_IRQ8], !legacy && s->rtc_level);
}

/* Drop (or restore) every timer's line, around a routing change. */
static void hpet_set_timer_lines(HPETState *s, bool restore)
{
    int i;

    for (i = 0; i < s->num_timers; i++) {
        HPETTimer *t = &s->timers[i];

        if (!restore && t->irq_raised) {
            timer_set_irq(t, false);
        } else if (restore && timer_is_level(t) &&
                   (t->config & HPET_TN_ENABLE) && (s->isr & (1ull << i))) {
            timer_set_irq(t, true);
        }
    }
}

static void hpet_write_config(HPETState *s, uint64_t val)
{
    uint64_t old = s->config;
    uint64_t newcfg = (old & ~HPET_CFG_WRITE_MASK) |
                      (val & HPET_CFG_WRITE_MASK);
    bool reroute = (old ^ newcfg) & HPET_CFG_LEGACY;
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);

    if (reroute) {
        hpet_set_timer_lines(s, false);
    }
    if (!(old & HPET_CFG_ENABLE) && (newcfg & HPET_CFG_ENABLE)) {
        s->offset_ns = now - (int64_t)(s->counter_frozen * HPET_CLK_PERIOD_NS);
    } else if ((old & HPET_CFG_ENABLE) && !(newcfg & HPET_CFG_ENABLE)) {
        s->counter_frozen = (uint64_t)(now - s->offset_ns) /
                            HPET_CLK_PERIOD_NS;
    }
    s->config = newcfg;
    hpet_update_legacy(s, old & HPET_CFG_LEGACY);
    if (reroute) {
        hpet_set_timer_lines(s, true);
    }
    hpet_arm_all(s);
}

static void hpet_write_status(HPETState *s, uint64_t val)
{
    int i;

    for (i = 0; i < s->num_timers; i++) {
        HPETTimer *t = &s->timers[i];

        if ((val & s->isr & (1ull << i))) {
            s->isr &= ~(1ull << i);
            if (timer_is_level(t)) {
                timer_set_irq(t, false);
            }
        }
    }
}

static void timer_write_config(HPETTimer *t, uint64_t val)
{
    HPETState *s = t->state;
    uint64_t old = t->config;
    uint64_t newcfg = (old & ~HPET_TN_CFG_WRITE_MASK) |
                      (val & HPET_TN_CFG_WRITE_MASK);
    int route = (newcfg & HPET_TN_ROUTE_MASK) >> HPET_TN_ROUTE_SHIFT;

    if (!(s->intcap & (1u << route))) {
        qemu_log_mask(LOG_GUEST_ERROR, "hpet: timer %d routed to IRQ %d, "
                      "not in its capability mask 0x%x\n", t->tn, route,
                      s->intcap);
    }
    if (!(old & HPET_TN_PERIODIC_CAP)) {
        newcfg &= ~HPET_TN_PERIODIC;
    }
    if (!(old & HPET_TN_FSB_CAP)) {
        newcfg &= ~HPET_TN_FSB_ENABLE;
    }
    if (t->irq_raised &&
        ((old ^ newcfg) & (HPET_TN_ROUTE_MASK | HPET_TN_ENABLE |
                           HPET_TN_LEVEL))) {
        timer_set_irq(t, false);
    }
    t->config = newcfg;
    if (timer_is_32bit(t)) {
        t->cmp &= UINT32_MAX;
        t->period &= UINT32_MAX;
    }
    /* A level interrupt still pending shows again on its new route. */
    if (timer_is_level(t) && (t->config & HPET_TN_ENABLE) &&
        (s->isr & (1ull << t->tn))) {
        timer_set_irq(t, true);
    }
    timer_arm(t);
}

static void timer_write_cmp(HPETTimer *t, uint64_t val)
{
    if (timer_is_32bit(t)) {
        val &= UINT32_MAX;
    }
    /* Periodic: the write sets the period, and with SETVAL the match. */
    if (!timer_is_periodic(t) || (t->config & HPET_TN_SETVAL)) {
        t->cmp = val;
    }
    if (timer_is_periodic(t)) {
        t->period = val;
    }
    t->config &= ~HPET_TN_SETVAL;
    timer_arm(t);
}

static uint64_t hpet_capabilities(HPETState *s)
{
    return HPET_CAP_REV_ID |
           ((uint64_t)(s->num_timers - 1) << HPET_CAP_NUM_SHIFT) |
           HPET_CAP_COUNT_64 | HPET_CAP_LEGACY |
           ((uint64_t)HPET_VENDOR_ID << 16) |
           (HPET_CLK_PERIOD_FS << 32);
}

uint32_t hpet_get_id(DeviceState *dev)
{
    return (uint32_t)hpet_capabilities(HPET(dev));
}

static uint64_t hpet_read64(HPETState *s, hwaddr reg)
{
    if (reg >= HPET_TN_BASE) {
        unsigned n = (reg - HPET_TN_BASE) / HPET_TN_STRIDE;
        HPETTimer *t;

        if (n >= s->num_timers) {
            return 0;
        }
        t = &s->timers[n];
        switch ((reg - HPET_TN_BASE) % HPET_TN_STRIDE) {
        case HPET_TN_CFG:
            return t->config;
        case HPET_TN_CMP:
            return t->cmp;
        case HPET_TN_ROUTE:
            return t->fsb;
        }
        return 0;
    }
    switch (reg) {
    case HPET_ID:
        return hpet_capabilities(s);
    case HPET_CFG:
        return s->config;
    case HPET_STATUS:
        return s->isr;
    case HPET_COUNTER:
        return hpet_get_counter(s);
    }
    return 0;
}

static void hpet_write64(HPETState *s, hwaddr reg, uint64_t val)
{
    if (reg >= HPET_TN_BASE) {
        unsigned n = (reg - HPET_TN_BASE) / HPET_TN_STRIDE;
        HPETTimer *t;

        if (n >= s->num_timers) {
            qemu_log_mask(LOG_GUEST_ERROR, "hpet: write to timer %u of %u\n",
                          n, s->num_timers);
            return;
        }
        t = &s->timers[n];
        switch ((reg - HPET_TN_BASE) % HPET_TN_STRIDE) {
        case HPET_TN_CFG:
            timer_write_config(t, val);
            break;
        case HPET_TN_CMP:
            timer_write_cmp(t, val);
            break;
        case HPET_TN_ROUTE:
            t->fsb = val;
            break;
        }
        return;
    }
    switch (reg) {
    case HPET_CFG:
        hpet_write_config(s, val);
        break;
    case HPET_STATUS:
        hpet_write_status(s, val);
        break;
    case HPET_COUNTER:
        if (hpet_enabled(s)) {
            qemu_log_mask(LOG_GUEST_ERROR,
                          "hpet: main counter written while running\n");
            break;
        }
        s->counter_frozen = val;
        break;
    default:
        /* Capabilities and reserved space are read-only. */
        break;
    }
}

/*
 * Guests use 32- and 64-bit accesses; a 32-bit one sees or changes one
 * half of the 64-bit register it falls in.
 */
static uint64_t hpet_mmio_read(void *opaque, hwaddr addr, unsigned size)
{
    HPETState *s = opaque;
    uint64_t val = hpet_read64(s, addr & ~7ull);

    if (size == 8) {
        return val;
    }
    return (val >> ((addr & 4) * 8)) & UINT32_MAX;
}

static void hpet_mmio_write(void *opaque, hwaddr addr, uint64_t val,
                            unsigned size)
{
    HPETState *s = opaque;
    hwaddr reg = addr & ~7ull;
    uint64_t old, merged;
    unsigned shift = (addr & 4) * 8;

    if (size == 8) {
        hpet_write64(s, reg, val);
        return;
    }
    if (reg == HPET_STATUS) {
        /* Write-one-to-clear: the other half writes zeros. */
        hpet_write64(s, reg, (val & UINT32_MAX) << shift);
        return;
    }
    old = hpet_read64(s, reg);
    merged = (old & ~((uint64_t)UINT32_MAX << shift)) |
             ((val & UINT32_MAX) << shift);
    if (reg >= HPET_TN_BASE &&
        (reg - HPET_TN_BASE) % HPET_TN_STRIDE == HPET_TN_CMP) {
        unsigned n = (reg - HPET_TN_BASE) / HPET_TN_STRIDE;

        if (n < s->num_timers && timer_is_periodic(&s->timers[n])) {
            /* Halves of a period, not of the current match value. */
            old = s->timers[n].period;
            merged = (old & ~((uint64_t)UINT32_MAX << shift)) |
                     ((val & UINT32_MAX) << shift);
        }
    }
    hpet_write64(s, reg, merged);
}

static const MemoryRegionOps hpet_mmio_ops = {
    .read = hpet_mmio_read,
    .write = hpet_mmio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 4, .max_access_size = 8 },
    .impl = { .min_access_size = 4, .max_access_size = 8 },
};

/* The RTC's interrupt passes through here (suppressed in legacy mode). */
static void hpet_rtc_irq(void *opaque, int n, int level)
{
    HPETState *s = opaque;

    s->rtc_level = level;
    if (!hpet_legacy(s)) {
        qemu_set_irq(s->irqs[HPET_LEGACY_IRQ8], level);
    }
}

static void hpet_reset(DeviceState *dev)
{
    HPETState *s = HPET(dev);
    bool was_legacy = hpet_legacy(s);
    int i;

    for (i = 0; i < s->num_timers; i++) {
        HPETTimer *t = &s->timers[i];

        if (t->irq_raised) {
            timer_set_irq(t, false);
        }
        timer_del(t->qtimer);
        t->config = HPET_TN_PERIODIC_CAP | HPET_TN_SIZE_CAP |
                    ((uint64_t)s->intcap << 32);
        if (s->msi) {
            t->config |= HPET_TN_FSB_CAP;
        }
        t->cmp = UINT64_MAX;
        t->period = 0;
        t->fsb = 0;
    }
    s->config = 0;
    s->isr = 0;
    s->counter_frozen = 0;
    s->offset_ns = 0;
    hpet_update_legacy(s, was_legacy);
}

static void hpet_realize(DeviceState *dev, Error **errp)
{
    HPETState *s = HPET(dev);
    SysBusDevice *sbd = SYS_BUS_DEVICE(dev);
    int i;

    if (s->num_timers < HPET_MIN_TIMERS || s->num_timers > HPET_MAX_TIMERS) {
        error_setg(errp, "hpet: timers must be between %d and %d",
                   HPET_MIN_TIMERS, HPET_MAX_TIMERS);
        return;
    }
    if (!s->intcap) {
        warn_report("Hpet's intcap not initialized");
    }
    for (i = 0; i < HPET_NUM_IRQ_ROUTES; i++) {
        sysbus_init_irq(sbd, &s->irqs[i]);
    }
    for (i = 0; i < s->num_timers; i++) {
        HPETTimer *t = &s->timers[i];

        t->state = s;
        t->tn = i;
        t->qtimer = timer_new_ns(QEMU_CLOCK_VIRTUAL, hpet_timer_expired, t);
    }
    memory_region_init_io(&s->iomem, OBJECT(dev), &hpet_mmio_ops, s,
                          "hpet", HPET_LEN);
    sysbus_init_mmio(sbd, &s->iomem);
    qdev_init_gpio_in_named(dev, hpet_rtc_irq, HPET_RTC_INPUT, 1);
    qdev_init_gpio_out_named(dev, &s->pit_enable, HPET_PIT_ENABLE_OUTPUT, 1);
}

static Property hpet_properties[] = {
    DEFINE_PROP_UINT8("timers", HPETState, num_timers, HPET_MIN_TIMERS),
    DEFINE_PROP_BOOL("msi", HPETState, msi, false),
    DEFINE_PROP_UINT32(HPET_INTCAP, HPETState, intcap, 0),
    DEFINE_PROP_END_OF_LIST(),
};

static void hpet_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = hpet_realize;
    dc->reset = hpet_reset;
    dc->user_creatable = false;
    device_class_set_props(dc, hpet_properties);
}

static const TypeInfo hpet_info = {
    .name          = TYPE_HPET,
    .parent        = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(HPETState),
    .class_init    = hpet_class_init,
};

static void hpet_register_types(void)
{
    type_register_static(&hpet_info);
}

type_init(hpet_register_types)
