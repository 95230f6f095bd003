/* vCPU management: threads, pause/resume, state synchronisation. */
#ifndef QEMU_CPUS_H
#define QEMU_CPUS_H

#include "sysemu/runstate.h"

typedef struct CPUState CPUState;

/* Start @cpu's thread (KVM_RUN loop); returns when it is created. */
void qemu_init_vcpu(CPUState *cpu);
bool qemu_cpu_is_self(CPUState *cpu);
void qemu_cpu_kick(CPUState *cpu);
bool cpu_is_stopped(CPUState *cpu);
void cpu_resume(CPUState *cpu);

void pause_all_vcpus(void);
void resume_all_vcpus(void);
bool all_vcpus_paused(void);
void cpu_stop_current(void);

/* Copy register state between KVM and CPUState (see kvm-all.c). */
void cpu_synchronize_all_states(void);
void cpu_synchronize_all_post_reset(void);
void cpu_synchronize_all_post_init(void);
void cpu_synchronize_all_pre_loadvm(void);

/* -cpu help */
void list_cpus(const char *optarg);

void qemu_init_cpu_loop(void);
/* Number of vCPUs and how many are running KVM_RUN right now. */
extern int smp_cpus;

#endif
