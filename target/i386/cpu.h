/*
 * x86 CPU (TYPE_X86_CPU "x86_64-cpu") for KVM.  Models are subclasses
 * "<model>-x86_64-cpu" (qemu64, kvm64, max, host ...).  Register state
 * is kept in CPUX86State and copied to/from KVM by target/i386/kvm.c.
 */
#ifndef I386_CPU_H
#define I386_CPU_H

#include "hw/core/cpu.h"

#define TYPE_X86_CPU "x86_64-cpu"
#define X86_CPU_TYPE_SUFFIX "-" TYPE_X86_CPU
#define X86_CPU_TYPE_NAME(name) (name X86_CPU_TYPE_SUFFIX)

typedef struct X86CPU X86CPU;
typedef struct X86CPUClass X86CPUClass;
typedef struct X86CPUDefinition X86CPUDefinition;

#define X86_CPU(obj) OBJECT_CHECK(X86CPU, (obj), TYPE_X86_CPU)
#define X86_CPU_CLASS(klass) OBJECT_CLASS_CHECK(X86CPUClass, (klass), \
                                                TYPE_X86_CPU)
#define X86_CPU_GET_CLASS(obj) OBJECT_GET_CLASS(X86CPUClass, (obj), \
                                                TYPE_X86_CPU)

enum {
    R_EAX, R_ECX, R_EDX, R_EBX, R_ESP, R_EBP, R_ESI, R_EDI,
    R_R8, R_R9, R_R10, R_R11, R_R12, R_R13, R_R14, R_R15,
};
#define CPU_NB_REGS 16

enum { R_ES, R_CS, R_SS, R_DS, R_FS, R_GS };

#define CR0_PE_MASK (1U << 0)
#define CR0_ET_MASK (1U << 4)
#define CR0_NW_MASK (1U << 29)
#define CR0_CD_MASK (1U << 30)
#define CR0_PG_MASK (1U << 31)
#define CR4_PAE_MASK (1U << 5)

#define CPUID_EXT2_LM (1U << 29)  /* FEAT_8000_0001_EDX: long mode */

#define MSR_EFER       0xc0000080
#define MSR_EFER_LME   (1 << 8)
#define MSR_EFER_LMA   (1 << 10)

#define MSR_IA32_APICBASE        0x1b
#define MSR_IA32_APICBASE_BSP    (1 << 8)
#define MSR_IA32_APICBASE_ENABLE (1 << 11)
#define APIC_DEFAULT_ADDRESS     0xfee00000
#define APIC_SPACE_SIZE          0x100000

/* A segment register with its hidden descriptor cache. */
typedef struct SegmentCache {
    uint32_t selector;
    uint64_t base;
    uint32_t limit;
    uint32_t flags;     /* descriptor bits 8-23 of the high word */
} SegmentCache;

#define DESC_G_SHIFT   23
#define DESC_G_MASK    (1 << DESC_G_SHIFT)
#define DESC_B_SHIFT   22
#define DESC_B_MASK    (1 << DESC_B_SHIFT)
#define DESC_L_SHIFT   21
#define DESC_L_MASK    (1 << DESC_L_SHIFT)
#define DESC_AVL_MASK  (1 << 20)
#define DESC_P_MASK    (1 << 15)
#define DESC_DPL_SHIFT 13
#define DESC_DPL_MASK  (3 << DESC_DPL_SHIFT)
#define DESC_S_MASK    (1 << 12)
#define DESC_TYPE_SHIFT 8
#define DESC_TYPE_MASK (15 << DESC_TYPE_SHIFT)
#define DESC_A_MASK    (1 << 8)
#define DESC_CS_MASK   (1 << 11)
#define DESC_C_MASK    (1 << 10)
#define DESC_R_MASK    (1 << 9)
#define DESC_E_MASK    (1 << 10)
#define DESC_W_MASK    (1 << 9)

/* One MSR to load at reset. */
typedef struct X86MSREntry {
    uint32_t index;
    uint64_t value;
} X86MSREntry;

/* CPUID words (feature leaves we filter). */
typedef enum FeatureWord {
    FEAT_1_EDX,
    FEAT_1_ECX,
    FEAT_7_0_EBX,
    FEAT_7_0_ECX,
    FEAT_7_0_EDX,
    FEAT_8000_0001_EDX,
    FEAT_8000_0001_ECX,
    FEAT_KVM,
    FEATURE_WORDS,
} FeatureWord;

typedef struct CPUX86State {
    uint64_t regs[CPU_NB_REGS];
    uint64_t eip;
    uint64_t eflags;
    SegmentCache segs[6];
    SegmentCache ldt;
    SegmentCache tr;
    SegmentCache gdt;   /* only base and limit */
    SegmentCache idt;
    uint64_t cr[5];
    uint64_t efer;
    uint64_t apic_base;
    uint64_t dr[8];
    uint64_t xcr0;
    uint32_t mp_state;  /* KVM_MP_STATE_* */

    /* FPU/SSE reset state */
    uint16_t fpuc;
    uint32_t mxcsr;

    uint64_t tsc;
    uint64_t pat;

    /* CPUID */
    uint32_t cpuid_level;
    uint32_t cpuid_xlevel;
    uint32_t cpuid_vendor1, cpuid_vendor2, cpuid_vendor3;
    uint32_t cpuid_version;
    char cpuid_model_id[49];
    uint32_t features[FEATURE_WORDS];
    /* requested but dropped because the host KVM lacks them */
    uint32_t filtered_features[FEATURE_WORDS];
} CPUX86State;

/* How the BSP starts after reset when a loader has set a boot state. */
typedef enum X86BootMode {
    X86_BOOT_DEFAULT,   /* architectural reset: F000:FFF0 (firmware) */
    X86_BOOT_REAL,      /* real mode at cs_selector:rip */
    X86_BOOT_FLAT32,    /* 32-bit protected mode, flat 4 GiB segments */
    X86_BOOT_LONG64,    /* 64-bit mode, paging with @cr3 */
} X86BootMode;

/*
 * Entry state for direct kernel boot (multiboot, PVH, Linux).
 * X86_BOOT_FLAT32: CR0.PE=1, paging off, CS = @cs_selector (default
 * 0x10) execute/read 32-bit, DS/ES/FS/GS/SS = @ds_selector (default
 * 0x18) read/write, all base 0 limit 4 GiB.
 * X86_BOOT_LONG64: as FLAT32 but CS is a 64-bit code segment (L=1,
 * D=0), CR0.PE|PG, CR4.PAE, EFER.LME|LMA and CR3 = @cr3 (page tables
 * the loader placed in guest RAM).
 * In both, GDTR = @gdt_base/@gdt_limit: the loader's GDT in guest RAM
 * must hold descriptors matching the selectors, so a guest that reloads
 * a segment register gets the same segment (limit 0 = no GDT); IDTR
 * limit 0, TR a busy TSS and LDTR an LDT as KVM_SET_SREGS (VMX guest
 * state checks) wants; EFLAGS = 0x2 (interrupts off) unless @eflags.
 * X86_BOOT_REAL: CS base = cs_selector << 4, data segments likewise
 * from ds_selector, 64 KiB limits.
 * multiboot: eax = 0x2BADB002, ebx = info; PVH: ebx = start_info;
 * Linux 32-bit and 64-bit protocol: esi = boot_params.
 */
typedef struct X86BootState {
    X86BootMode mode;
    uint16_t cs_selector;
    uint16_t ds_selector;
    uint64_t rip;
    uint64_t rsp;
    uint32_t eax, ebx, ecx, edx, esi, edi, ebp;
    uint32_t eflags;
    uint64_t gdt_base;
    uint16_t gdt_limit;
    uint64_t cr3;       /* X86_BOOT_LONG64 */
} X86BootState;

struct X86CPUClass {
    CPUClass parent_class;

    /* NULL for the base type; the model otherwise */
    const X86CPUDefinition *cpu_def;
    bool host_cpuid_required;   /* "host": needs KVM */
    bool max_features;          /* "max"/"host": everything KVM has */
    const char *model_description;
    bool ordering_done;
};

struct X86CPU {
    CPUState parent_obj;

    CPUX86State env;

    uint32_t apic_id;
    bool apic_id_set;
    int32_t socket_id, die_id, core_id, thread_id;
    uint32_t phys_bits;
    bool enforce_cpuid;
    bool check_cpuid;
    bool expose_kvm;
    bool migratable;
    bool hyperv_passthrough;    /* "hv-passthrough": not supported */
    /* "+feat"/"-feat" from -cpu or properties, applied at realize */
    uint32_t plus_features[FEATURE_WORDS];
    uint32_t minus_features[FEATURE_WORDS];
    /* env.features holds the expanded model (feature properties read it) */
    bool features_expanded;

    X86BootState boot_state;
    bool boot_state_set;

    /* KVM CPUID table given to KVM_SET_CPUID2 (struct kvm_cpuid2 *) */
    void *kvm_cpuid;
    int kvm_cpuid_nent;
};

typedef CPUX86State CPUArchState;
typedef X86CPU ArchCPU;

/*
 * Feature words as the model asks for them (plus/minus properties
 * applied), before filtering against KVM: what a model expansion shows.
 */
void x86_cpu_expand_features(X86CPU *cpu, Error **errp);
/* What KVM can give the guest in @w (all ones without KVM). */
uint32_t x86_cpu_get_supported_feature_word(FeatureWord w);
/* The property name of a feature bit, NULL if it has none. */
const char *x86_cpu_feature_name(FeatureWord w, int bit);

/* CPU model list for -cpu help. */
void x86_cpu_list(void);

/*
 * Direct kernel boot: make the BSP (@cpu) start in @bs after every
 * system reset (the state is reapplied on reboot).  Call after the
 * CPU is realized; takes effect at the next reset, and immediately
 * if the VM has not started yet.
 */
void x86_cpu_set_boot_state(X86CPU *cpu, const X86BootState *bs);

/* Architectural reset values into env (no KVM access). */
void x86_cpu_reset_state(X86CPU *cpu);
void x86_cpu_dump_state(CPUState *cs, FILE *f, int flags);

/* CPUID as the guest sees it from our model (after filtering). */
void cpu_x86_cpuid(CPUX86State *env, uint32_t index, uint32_t count,
                   uint32_t *eax, uint32_t *ebx, uint32_t *ecx, uint32_t *edx);

/* APIC ID from the topology (socket/core/thread of @cpu_index). */
uint32_t x86_cpu_apic_id_from_index(unsigned cpu_index,
                                    unsigned cores, unsigned threads);

/* target/i386/kvm.c */
int kvm_arch_init(MachineState *ms, KVMState *s);
int kvm_arch_init_vcpu(CPUState *cs);
int kvm_arch_put_registers(CPUState *cs, int level);
int kvm_arch_get_registers(CPUState *cs);
int kvm_arch_handle_exit(CPUState *cs, struct kvm_run *run);
void kvm_arch_reset_vcpu(X86CPU *cpu);
#define KVM_PUT_RUNTIME_STATE 1
#define KVM_PUT_RESET_STATE   2
#define KVM_PUT_FULL_STATE    3

#endif
