/*
 * KVM vCPU threads: each runs KVM_RUN in a loop, leaving it to handle
 * exits (with the BQL), to wait while the VM is paused, and to run
 * queued work (run_on_cpu).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/main-loop.h"
#include "qemu/thread.h"
#include "hw/core/cpu.h"
#include "sysemu/kvm.h"
#include "sysemu/cpus.h"
#include "sysemu/runstate.h"

/* softmmu/cpus.c */
void cpu_thread_signal_created(CPUState *cpu);
void cpu_thread_signal_destroyed(CPUState *cpu);
void qemu_wait_io_event(CPUState *cpu);
bool cpu_can_run(CPUState *cpu);

static void *kvm_vcpu_thread_fn(void *arg)
{
    CPUState *cpu = arg;
    sigset_t set;
    int r;

    qemu_mutex_lock_iothread();
    qemu_thread_get_self(cpu->thread);
    cpu->thread_id = qemu_get_thread_id();
    current_cpu = cpu;

    r = kvm_init_vcpu(cpu, &error_fatal);
    /* The kick signal must reach this thread. */
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);

    cpu_thread_signal_created(cpu);
    do {
        if (cpu_can_run(cpu)) {
            r = kvm_cpu_exec(cpu);
            if (r < 0) {
                /* Internal error: park until the process ends. */
                cpu->stop = true;
            }
        }
        qemu_wait_io_event(cpu);
    } while (!cpu->unplug || cpu_can_run(cpu));

    kvm_destroy_vcpu(cpu);
    cpu_thread_signal_destroyed(cpu);
    qemu_mutex_unlock_iothread();
    return NULL;
}

void kvm_start_vcpu_thread(CPUState *cpu)
{
    char name[32];

    cpu->thread = g_new0(QemuThread, 1);
    cpu->halt_cond = g_new0(QemuCond, 1);
    qemu_cond_init(cpu->halt_cond);
    snprintf(name, sizeof(name), "CPU %d/KVM", cpu->cpu_index);
    qemu_thread_create(cpu->thread, name, kvm_vcpu_thread_fn, cpu,
                       QEMU_THREAD_JOINABLE);
}
