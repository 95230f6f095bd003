/* Guest-visible clocks: with KVM the guest runs on host time. */
#ifndef SYSEMU_CPU_TIMERS_H
#define SYSEMU_CPU_TIMERS_H

#include "qemu/timer.h"

/* icount is a TCG feature; always off here. */
static inline bool icount_enabled(void)
{
    return false;
}

/* Guest time in ns: stops while the VM is paused (QEMU_CLOCK_VIRTUAL). */
static inline int64_t cpu_get_clock(void)
{
    return qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
}

static inline int64_t cpu_get_ticks(void)
{
    return qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
}

/* vm_start/vm_stop call these; they start/stop QEMU_CLOCK_VIRTUAL. */
static inline void cpu_enable_ticks(void)
{
    qemu_clock_enable(QEMU_CLOCK_VIRTUAL, true);
}

static inline void cpu_disable_ticks(void)
{
    qemu_clock_enable(QEMU_CLOCK_VIRTUAL, false);
}

#endif
