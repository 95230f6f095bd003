/* Register-state synchronisation with the accelerator. */
#ifndef QEMU_HW_ACCEL_H
#define QEMU_HW_ACCEL_H

#include "hw/core/cpu.h"
#include "sysemu/kvm.h"

/* Pull registers from KVM into CPUState (before reading them). */
void cpu_synchronize_state(CPUState *cpu);
/* Push the reset state into KVM (after cpu_reset). */
void cpu_synchronize_post_reset(CPUState *cpu);
void cpu_synchronize_post_init(CPUState *cpu);
void cpu_synchronize_pre_loadvm(CPUState *cpu);

#endif
