/*
 * vCPU management common to accelerators: the CPU list, pause/resume,
 * kicks and run_on_cpu work items.
 *
 * Locking: everything here runs with the BQL held; vCPU threads drop
 * it only while inside KVM_RUN.  Conditions are waited on with the BQL.
 */
#include "qemu/osdep.h"
#include "qemu/typedefs.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/main-loop.h"
#include "qemu/thread.h"
#include "qemu/timer.h"
#include "hw/core/cpu.h"
#include "hw/boards.h"
#include "sysemu/cpus.h"
#include "sysemu/hw_accel.h"
#include "sysemu/kvm.h"
#include "sysemu/runstate.h"

#define SIG_IPI SIGUSR1

CPUState *first_cpu;
__thread CPUState *current_cpu;
int smp_cpus = 1;

static QemuCond qemu_cpu_cond;      /* a vCPU thread was created */
static QemuCond qemu_pause_cond;    /* a vCPU stopped */
static QemuCond qemu_work_cond;     /* a work item finished */
static gsize cpu_conds_ready;
static int next_cpu_index;

struct CPUWorkItem {
    run_on_cpu_func func;
    void *data;
    bool wait;
    bool done;
};

void cpu_thread_signal_created(CPUState *cpu);
void cpu_thread_signal_destroyed(CPUState *cpu);
void qemu_wait_io_event(CPUState *cpu);
bool cpu_can_run(CPUState *cpu);

/*
 * Take the BQL unless this thread has it (vl.c runs parts of machine
 * set-up without it); every wait on a condition below must check its
 * predicate with the BQL held or a wakeup can be lost.
 */
static bool bql_ensure(void)
{
    if (qemu_mutex_iothread_locked()) {
        return false;
    }
    qemu_mutex_lock_iothread();
    return true;
}

static void bql_release(bool taken)
{
    if (taken) {
        qemu_mutex_unlock_iothread();
    }
}

void qemu_init_cpu_loop(void)
{
    if (g_once_init_enter(&cpu_conds_ready)) {
        qemu_cond_init(&qemu_cpu_cond);
        qemu_cond_init(&qemu_pause_cond);
        qemu_cond_init(&qemu_work_cond);
        g_once_init_leave(&cpu_conds_ready, 1);
    }
}

/* ------------------------------------------------------------------ */
/* CPU list                                                             */

void cpu_list_add(CPUState *cpu)
{
    CPUState **p = &first_cpu;

    while (*p) {
        p = &(*p)->next_cpu;
    }
    cpu->next_cpu = NULL;
    *p = cpu;
    cpu->cpu_index = next_cpu_index++;
}

void cpu_list_remove(CPUState *cpu)
{
    CPUState **p = &first_cpu;

    while (*p && *p != cpu) {
        p = &(*p)->next_cpu;
    }
    if (*p) {
        *p = cpu->next_cpu;
    }
}

unsigned int cpu_list_count(void)
{
    CPUState *cpu;
    unsigned n = 0;

    CPU_FOREACH(cpu) {
        n++;
    }
    return n;
}

CPUState *qemu_get_cpu(int index)
{
    CPUState *cpu;

    CPU_FOREACH(cpu) {
        if (cpu->cpu_index == index) {
            return cpu;
        }
    }
    return NULL;
}

int64_t cpu_get_arch_id(CPUState *cpu)
{
    CPUClass *cc = CPU_GET_CLASS(cpu);

    return cc->get_arch_id ? cc->get_arch_id(cpu) : cpu->cpu_index;
}

CPUState *cpu_by_arch_id(int64_t id)
{
    CPUState *cpu;

    CPU_FOREACH(cpu) {
        if (cpu_get_arch_id(cpu) == id) {
            return cpu;
        }
    }
    return NULL;
}

bool cpu_exists(int64_t id)
{
    return cpu_by_arch_id(id) != NULL;
}

/* ------------------------------------------------------------------ */
/* Thread state                                                         */

bool cpu_is_stopped(CPUState *cpu)
{
    return cpu->stopped || !runstate_is_running();
}

bool cpu_can_run(CPUState *cpu)
{
    return !cpu->stop && !cpu_is_stopped(cpu);
}

bool qemu_cpu_is_self(CPUState *cpu)
{
    return cpu && cpu->thread && qemu_thread_is_self(cpu->thread);
}

static bool cpu_work_pending(CPUState *cpu)
{
    return cpu->work_list && !g_queue_is_empty(cpu->work_list);
}

bool cpu_has_work(CPUState *cpu)
{
    CPUClass *cc = CPU_GET_CLASS(cpu);

    return cc->has_work ? cc->has_work(cpu) : false;
}

static bool cpu_thread_is_idle(CPUState *cpu)
{
    if (cpu->stop || cpu_work_pending(cpu)) {
        return false;
    }
    if (cpu_is_stopped(cpu)) {
        return true;
    }
    if (!cpu->halted || cpu_has_work(cpu) || kvm_halt_in_kernel()) {
        return false;
    }
    return true;
}

void cpu_thread_signal_created(CPUState *cpu)
{
    cpu->created = true;
    qemu_cond_broadcast(&qemu_cpu_cond);
}

void cpu_thread_signal_destroyed(CPUState *cpu)
{
    cpu->created = false;
    qemu_cond_broadcast(&qemu_cpu_cond);
}

static void qemu_cpu_stop(CPUState *cpu, bool exit)
{
    cpu->stop = false;
    cpu->stopped = true;
    if (exit) {
        cpu_exit(cpu);
    }
    qemu_cond_broadcast(&qemu_pause_cond);
}

void process_queued_cpu_work(CPUState *cpu)
{
    CPUWorkItem *wi;

    while (cpu->work_list && (wi = g_queue_pop_head(cpu->work_list))) {
        wi->func(cpu, wi->data);
        if (wi->wait) {
            wi->done = true;
            qemu_cond_broadcast(&qemu_work_cond);
        } else {
            g_free(wi);
        }
    }
}

static void qemu_wait_io_event_common(CPUState *cpu)
{
    __atomic_store_n(&cpu->thread_kicked, false, __ATOMIC_SEQ_CST);
    if (cpu->stop) {
        qemu_cpu_stop(cpu, false);
    }
    process_queued_cpu_work(cpu);
}

void qemu_wait_io_event(CPUState *cpu)
{
    while (cpu_thread_is_idle(cpu)) {
        qemu_cond_wait_iothread(cpu->halt_cond);
    }
    qemu_wait_io_event_common(cpu);
}

static void cpus_kick_thread(CPUState *cpu)
{
    if (!cpu->thread) {
        return;
    }
    if (__atomic_exchange_n(&cpu->thread_kicked, true, __ATOMIC_SEQ_CST)) {
        return;
    }
    pthread_kill(cpu->thread->thread, SIG_IPI);
}

void qemu_cpu_kick(CPUState *cpu)
{
    if (cpu->halt_cond) {
        qemu_cond_broadcast(cpu->halt_cond);
    }
    if (!qemu_cpu_is_self(cpu)) {
        /*
         * exit_request survives a signal that lands between two KVM_RUNs
         * (when immediate_exit is being reset): the vCPU checks it before
         * every KVM_RUN.
         */
        __atomic_store_n(&cpu->exit_request, true, __ATOMIC_SEQ_CST);
        cpus_kick_thread(cpu);
    }
}

void cpu_exit(CPUState *cpu)
{
    __atomic_store_n(&cpu->exit_request, true, __ATOMIC_SEQ_CST);
}

void cpu_interrupt(CPUState *cpu, int mask)
{
    cpu->interrupt_request |= mask;
    qemu_cpu_kick(cpu);
}

void cpu_reset_interrupt(CPUState *cpu, int mask)
{
    cpu->interrupt_request &= ~mask;
}

void cpu_stop_current(void)
{
    if (current_cpu) {
        current_cpu->stop = true;
        cpu_exit(current_cpu);
    }
}

void cpu_resume(CPUState *cpu)
{
    cpu->stop = false;
    cpu->stopped = false;
    qemu_cpu_kick(cpu);
}

bool all_vcpus_paused(void)
{
    CPUState *cpu;

    CPU_FOREACH(cpu) {
        if (cpu->created && !cpu->stopped) {
            return false;
        }
    }
    return true;
}

void pause_all_vcpus(void)
{
    CPUState *cpu;
    bool taken;

    qemu_init_cpu_loop();
    taken = bql_ensure();
    qemu_clock_enable(QEMU_CLOCK_VIRTUAL, false);
    CPU_FOREACH(cpu) {
        if (!cpu->thread) {
            /* No vCPU thread (qtest accelerator): nothing to wait for. */
            cpu->stop = false;
            cpu->stopped = true;
        } else if (qemu_cpu_is_self(cpu)) {
            qemu_cpu_stop(cpu, true);
        } else {
            cpu->stop = true;
            qemu_cpu_kick(cpu);
        }
    }
    /* A vCPU thread cannot wait for the others (they may wait for it). */
    if (current_cpu) {
        bql_release(taken);
        return;
    }
    while (!all_vcpus_paused()) {
        qemu_cond_timedwait_iothread(&qemu_pause_cond, 100);
        CPU_FOREACH(cpu) {
            if (!cpu->stopped) {
                __atomic_store_n(&cpu->thread_kicked, false,
                                 __ATOMIC_SEQ_CST);
                qemu_cpu_kick(cpu);
            }
        }
    }
    bql_release(taken);
}

void resume_all_vcpus(void)
{
    CPUState *cpu;
    bool taken;

    if (!runstate_is_running()) {
        return;
    }
    taken = bql_ensure();
    qemu_clock_enable(QEMU_CLOCK_VIRTUAL, true);
    CPU_FOREACH(cpu) {
        cpu_resume(cpu);
    }
    bql_release(taken);
}

void qemu_init_vcpu(CPUState *cpu)
{
    MachineState *ms = current_machine;
    bool taken;

    qemu_init_cpu_loop();
    cpu->nr_cores = ms ? MAX(ms->smp.cores, 1) : 1;
    cpu->nr_threads = ms ? MAX(ms->smp.threads, 1) : 1;
    cpu->stopped = true;
    if (ms) {
        smp_cpus = ms->smp.cpus;
    }
    if (!kvm_enabled()) {
        /* No accelerator (unit tests, -M none without KVM): no thread. */
        cpu->created = true;
        return;
    }
    taken = bql_ensure();
    kvm_start_vcpu_thread(cpu);
    while (!cpu->created) {
        qemu_cond_wait_iothread(&qemu_cpu_cond);
    }
    bql_release(taken);
}

/* ------------------------------------------------------------------ */
/* run_on_cpu                                                           */

static void queue_work_on_cpu(CPUState *cpu, CPUWorkItem *wi)
{
    if (!cpu->work_list) {
        cpu->work_list = g_queue_new();
    }
    g_queue_push_tail(cpu->work_list, wi);
    qemu_cpu_kick(cpu);
}

void run_on_cpu(CPUState *cpu, run_on_cpu_func func, void *data)
{
    CPUWorkItem wi = { .func = func, .data = data, .wait = true };
    bool taken;

    qemu_init_cpu_loop();
    taken = bql_ensure();
    if (qemu_cpu_is_self(cpu) || !cpu->created || !cpu->thread) {
        func(cpu, data);
        bql_release(taken);
        return;
    }
    queue_work_on_cpu(cpu, &wi);
    while (!__atomic_load_n(&wi.done, __ATOMIC_SEQ_CST)) {
        qemu_cond_wait_iothread(&qemu_work_cond);
    }
    bql_release(taken);
}

void async_run_on_cpu(CPUState *cpu, run_on_cpu_func func, void *data)
{
    CPUWorkItem *wi = g_new0(CPUWorkItem, 1);

    bool taken;

    wi->func = func;
    wi->data = data;
    if (!cpu->thread) {
        func(cpu, data);
        g_free(wi);
        return;
    }
    taken = bql_ensure();
    queue_work_on_cpu(cpu, wi);
    bql_release(taken);
}

/* ------------------------------------------------------------------ */
/* State synchronisation                                                */

void cpu_synchronize_state(CPUState *cpu)
{
    if (kvm_enabled()) {
        kvm_cpu_synchronize_state(cpu);
    }
}

void cpu_synchronize_post_reset(CPUState *cpu)
{
    if (kvm_enabled()) {
        kvm_cpu_synchronize_post_reset(cpu);
    }
}

void cpu_synchronize_post_init(CPUState *cpu)
{
    if (kvm_enabled()) {
        kvm_cpu_synchronize_post_init(cpu);
    }
}

void cpu_synchronize_pre_loadvm(CPUState *cpu)
{
    if (kvm_enabled()) {
        kvm_cpu_synchronize_pre_loadvm(cpu);
    }
}

void cpu_synchronize_all_states(void)
{
    CPUState *cpu;

    CPU_FOREACH(cpu) {
        cpu_synchronize_state(cpu);
    }
}

void cpu_synchronize_all_post_reset(void)
{
    CPUState *cpu;

    CPU_FOREACH(cpu) {
        cpu_synchronize_post_reset(cpu);
    }
}

void cpu_synchronize_all_post_init(void)
{
    CPUState *cpu;

    CPU_FOREACH(cpu) {
        cpu_synchronize_post_init(cpu);
    }
}

void cpu_synchronize_all_pre_loadvm(void)
{
    CPUState *cpu;

    CPU_FOREACH(cpu) {
        cpu_synchronize_pre_loadvm(cpu);
    }
}

/* ------------------------------------------------------------------ */
/* TYPE_CPU                                                             */

void cpu_reset(CPUState *cpu)
{
    CPUClass *cc = CPU_GET_CLASS(cpu);

    if (cc->reset) {
        cc->reset(cpu);
    }
    cpu->halted = 0;
    cpu->exception_index = -1;
    cpu->interrupt_request = 0;
    cpu->crash_occurred = false;
}

void cpu_dump_state(CPUState *cpu, FILE *f, int flags)
{
    CPUClass *cc = CPU_GET_CLASS(cpu);

    if (cc->dump_state) {
        cpu_synchronize_state(cpu);
        cc->dump_state(cpu, f, flags);
    }
}

ObjectClass *cpu_class_by_name(const char *typename, const char *cpu_model)
{
    CPUClass *cc = CPU_CLASS(object_class_by_name(typename));

    return cc->class_by_name ? cc->class_by_name(cpu_model) : NULL;
}

/* The only target: the x86_64 base type resolves models. */
#define CPU_RESOLVING_TYPE "x86_64-cpu"

const char *parse_cpu_option(const char *cpu_option)
{
    ObjectClass *oc;
    CPUClass *cc;
    g_auto(GStrv) model_pieces = NULL;
    const char *cpu_type;

    model_pieces = g_strsplit(cpu_option, ",", 2);
    if (!model_pieces[0]) {
        error_report("-cpu option cannot be empty");
        exit(1);
    }
    oc = cpu_class_by_name(CPU_RESOLVING_TYPE, model_pieces[0]);
    if (oc == NULL) {
        error_report("unable to find CPU model '%s'", model_pieces[0]);
        exit(1);
    }
    cpu_type = object_class_get_name(oc);
    cc = CPU_CLASS(oc);
    if (cc->parse_features) {
        cc->parse_features(cpu_type, model_pieces[1], &error_fatal);
    }
    return cpu_type;
}

CPUState *cpu_create(const char *typename)
{
    Error *err = NULL;
    CPUState *cpu = CPU(object_new(typename));

    if (!qdev_realize(DEVICE(cpu), NULL, &err)) {
        error_report_err(err);
        object_unref(OBJECT(cpu));
        exit(EXIT_FAILURE);
    }
    return cpu;
}

void list_cpus(const char *optarg)
{
    void x86_cpu_list(void);

    x86_cpu_list();
}

static void cpu_common_realizefn(DeviceState *dev, Error **errp)
{
    CPUState *cpu = CPU(dev);

    if (cpu->cpu_index < 0) {
        cpu_list_add(cpu);
    }
    /* Start powered on: vl.c's initial system reset sets registers. */
    cpu_reset(cpu);
    qemu_init_vcpu(cpu);
}

static void cpu_common_unrealizefn(DeviceState *dev)
{
    CPUState *cpu = CPU(dev);

    cpu_list_remove(cpu);
}

static void cpu_common_initfn(Object *obj)
{
    CPUState *cpu = CPU(obj);

    cpu->cpu_index = -1;
    cpu->cluster_index = -1;
    cpu->kvm_fd = -1;
}

static void cpu_common_finalize(Object *obj)
{
    CPUState *cpu = CPU(obj);

    cpu_list_remove(cpu);
    if (cpu->work_list) {
        g_queue_free(cpu->work_list);
    }
}

static void cpu_device_reset(DeviceState *dev)
{
    cpu_reset(CPU(dev));
}

static void cpu_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = cpu_common_realizefn;
    dc->unrealize = cpu_common_unrealizefn;
    dc->reset = cpu_device_reset;
    /* CPUs are created by the board (or device_add later). */
    dc->user_creatable = false;
}

static const TypeInfo cpu_type_info = {
    .name = TYPE_CPU,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(CPUState),
    .instance_init = cpu_common_initfn,
    .instance_finalize = cpu_common_finalize,
    .abstract = true,
    .class_size = sizeof(CPUClass),
    .class_init = cpu_class_init,
};

static void cpu_register_types(void)
{
    type_register_static(&cpu_type_info);
}

type_init(cpu_register_types)
