/*
 * Generic CPU object (TYPE_CPU "cpu", a device).  target/i386 derives
 * X86CPU from it.  Each realized CPU gets a thread (qemu_init_vcpu) that
 * runs the accelerator loop; other threads talk to it with
 * run_on_cpu()/qemu_cpu_kick().
 */
#ifndef QEMU_CPU_H
#define QEMU_CPU_H

#include "hw/qdev-core.h"
#include "exec/hwaddr.h"
#include "exec/memattrs.h"

#define TYPE_CPU "cpu"

typedef struct CPUState CPUState;
typedef struct CPUClass CPUClass;
typedef struct QemuThread QemuThread;
typedef struct QemuCond QemuCond;
typedef struct KVMState KVMState;
typedef struct AddressSpace AddressSpace;
typedef struct MemoryRegion MemoryRegion;
struct kvm_run;

#define CPU(obj) ((CPUState *)(obj))
#define CPU_CLASS(klass) OBJECT_CLASS_CHECK(CPUClass, (klass), TYPE_CPU)
#define CPU_GET_CLASS(obj) OBJECT_GET_CLASS(CPUClass, (obj), TYPE_CPU)

/* Flags for cpu_dump_state / CPUClass::dump_state. */
#define CPU_DUMP_CODE 0x00010000
#define CPU_DUMP_FPU  0x00020000
#define CPU_DUMP_CCOP 0x00040000

/* cpu_interrupt() masks (only those meaningful with KVM). */
#define CPU_INTERRUPT_HARD   0x0002
#define CPU_INTERRUPT_EXITTB 0x0004
#define CPU_INTERRUPT_HALT   0x0020
#define CPU_INTERRUPT_SMI    0x0400
#define CPU_INTERRUPT_NMI    0x0200
#define CPU_INTERRUPT_INIT   0x0400000
#define CPU_INTERRUPT_SIPI   0x0800000
#define CPU_INTERRUPT_POLL   0x0080
#define CPU_INTERRUPT_TPR    0x0040000
#define CPU_INTERRUPT_MCE    0x1000000

struct CPUClass {
    DeviceClass parent_class;

    /* "-cpu <model>" to a class (for x86: "<model>-x86_64-cpu"). */
    ObjectClass *(*class_by_name)(const char *cpu_model);
    /* Parse "-cpu model,+feat,prop=val" features into global props. */
    void (*parse_features)(const char *typename, char *str, Error **errp);
    bool (*has_work)(CPUState *cpu);
    void (*dump_state)(CPUState *cpu, FILE *f, int flags);
    /* APIC ID on x86. */
    int64_t (*get_arch_id)(CPUState *cpu);
    void (*set_pc)(CPUState *cpu, vaddr value);
    vaddr (*get_pc)(CPUState *cpu);
    /* Architectural reset (registers to power-on values). */
    void (*reset)(CPUState *cpu);
    DeviceRealize parent_realize;
    DeviceReset parent_reset;
};

typedef void (*run_on_cpu_func)(CPUState *cpu, void *data);
typedef struct CPUWorkItem CPUWorkItem;

struct CPUState {
    DeviceState parent_obj;

    /* private */
    int nr_cores;
    int nr_threads;

    QemuThread *thread;
    int thread_id;
    bool running;
    bool has_waiter;
    QemuCond *halt_cond;
    bool thread_kicked;
    bool created;
    /* stop: requested to pause; stopped: paused in its thread */
    bool stop;
    bool stopped;
    bool start_powered_off;
    bool unplug;
    bool crash_occurred;
    bool exit_request;
    uint32_t interrupt_request;

    AddressSpace *as;
    MemoryRegion *memory;
    void *env_ptr;              /* CPUArchState */

    /* queued run_on_cpu work, protected by the work lock */
    GQueue *work_list;

    CPUState *next_cpu;         /* CPU_FOREACH link */

    int cpu_index;
    int cluster_index;
    uint32_t halted;
    int32_t exception_index;

    /* KVM */
    bool vcpu_dirty;            /* CPUState newer than the kernel's copy */
    int kvm_fd;
    KVMState *kvm_state;
    struct kvm_run *kvm_run;
    uint64_t dirty_pages;
    void *kvm_arch;             /* target-private */
};

/* All CPUs in creation order: CPU_FOREACH(cpu) { ... } */
extern CPUState *first_cpu;
#define CPU_FOREACH(cpu) \
    for ((cpu) = first_cpu; (cpu); (cpu) = (cpu)->next_cpu)
#define CPU_NEXT(cpu) ((cpu)->next_cpu)

/* The CPU whose thread is running this code (NULL elsewhere). */
extern __thread CPUState *current_cpu;

/* Add @cpu to the list and give it a cpu_index (instance init). */
void cpu_list_add(CPUState *cpu);
void cpu_list_remove(CPUState *cpu);
unsigned int cpu_list_count(void);

CPUState *qemu_get_cpu(int index);
CPUState *cpu_by_arch_id(int64_t id);
bool cpu_exists(int64_t id);

/* Create and realize a CPU of @typename (QEMU's cpu_create). */
CPUState *cpu_create(const char *typename);
/* "-cpu model,features": register the features, return the type name. */
const char *parse_cpu_option(const char *cpu_option);
ObjectClass *cpu_class_by_name(const char *typename, const char *cpu_model);

/* Architectural reset of @cpu (registers; pushes them to KVM). */
void cpu_reset(CPUState *cpu);
void cpu_dump_state(CPUState *cpu, FILE *f, int flags);
int64_t cpu_get_arch_id(CPUState *cpu);

/*
 * Run @func on @cpu's thread and wait (BQL held by the caller; it is
 * released while waiting).  From @cpu's own thread it runs directly.
 */
void run_on_cpu(CPUState *cpu, run_on_cpu_func func, void *data);
void async_run_on_cpu(CPUState *cpu, run_on_cpu_func func, void *data);
/* Run the queued work items (called by the vCPU thread). */
void process_queued_cpu_work(CPUState *cpu);

void cpu_interrupt(CPUState *cpu, int mask);
void cpu_reset_interrupt(CPUState *cpu, int mask);
void cpu_exit(CPUState *cpu);

bool cpu_has_work(CPUState *cpu);
bool qemu_cpu_is_self(CPUState *cpu);
void qemu_cpu_kick(CPUState *cpu);
bool cpu_is_stopped(CPUState *cpu);
void cpu_resume(CPUState *cpu);

#endif
