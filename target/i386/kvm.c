/*
 * x86 side of the KVM accelerator: VM set-up (TSS, identity map),
 * CPUID, and moving register state between X86CPU and the kernel
 * (regs, sregs, FPU, MSRs, LAPIC, MP state).
 */
#include "qemu/osdep.h"
#include "hw/i386/e820_memory_layout.h"
#include "qemu/typedefs.h"
#include <linux/kvm.h>
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "exec/memory.h"
#include "exec/address-spaces.h"
#include "hw/boards.h"
#include "hw/core/cpu.h"
#include "hw/pci/pci.h"
#include "sysemu/kvm.h"
#include "sysemu/kvm_int.h"
#include "sysemu/runstate.h"
#include "target/i386/cpu.h"

#define KVM_IDENTITY_BASE 0xfeffc000

static struct kvm_cpuid2 *supported_cpuid;
static GHashTable *supported_msrs;     /* MSR index -> 1 */
static bool has_xcrs;
static bool has_vcpu_events;


/* ------------------------------------------------------------------ */
/* Host capabilities                                                    */

static struct kvm_cpuid2 *get_supported_cpuid(KVMState *s)
{
    int max = 64;

    for (;;) {
        struct kvm_cpuid2 *c = g_malloc0(sizeof(*c) +
                                         max * sizeof(c->entries[0]));
        int r;

        c->nent = max;
        r = kvm_ioctl(s, KVM_GET_SUPPORTED_CPUID, c);
        if (r == 0) {
            return c;
        }
        g_free(c);
        if (r != -E2BIG || max > 4096) {
            error_report("KVM_GET_SUPPORTED_CPUID failed: %s", strerror(-r));
            return NULL;
        }
        max *= 2;
    }
}

static struct kvm_cpuid_entry2 *cpuid_find(struct kvm_cpuid2 *c,
                                           uint32_t function, uint32_t index)
{
    uint32_t i;

    for (i = 0; c && i < c->nent; i++) {
        struct kvm_cpuid_entry2 *e = &c->entries[i];
        if (e->function == function &&
            (!(e->flags & KVM_CPUID_FLAG_SIGNIFCANT_INDEX) ||
             e->index == index)) {
            return e;
        }
    }
    return NULL;
}

uint32_t kvm_arch_get_supported_cpuid(KVMState *s, uint32_t function,
                                      uint32_t index, int reg)
{
    struct kvm_cpuid_entry2 *e = cpuid_find(supported_cpuid, function, index);
    uint32_t v = 0;

    if (!e) {
        return 0;
    }
    switch (reg) {
    case R_EAX:
        v = e->eax;
        break;
    case R_EBX:
        v = e->ebx;
        break;
    case R_ECX:
        v = e->ecx;
        break;
    case R_EDX:
        v = e->edx;
        break;
    }
    if (function == 1 && reg == R_ECX) {
        v |= BIT(31);   /* hypervisor: always ours to set */
        if (kvm_irqchip_in_kernel() &&
            kvm_check_extension(s, KVM_CAP_TSC_DEADLINE_TIMER)) {
            v |= BIT(24);
        }
        if (kvm_irqchip_in_kernel()) {
            v |= BIT(21);   /* x2apic is emulated by the in-kernel LAPIC */
        }
    }
    if (function == 1 && reg == R_EDX && kvm_irqchip_in_kernel()) {
        v |= BIT(9);        /* apic */
    }
    return v;
}

uint64_t kvm_arch_get_supported_msr_feature(KVMState *s, uint32_t index)
{
    return 0;
}

static void get_msr_index_list(KVMState *s)
{
    struct kvm_msr_list probe = { .nmsrs = 0 }, *list;
    uint32_t i;
    int r;

    supported_msrs = g_hash_table_new(NULL, NULL);
    r = kvm_ioctl(s, KVM_GET_MSR_INDEX_LIST, &probe);
    if (r < 0 && r != -E2BIG) {
        return;
    }
    list = g_malloc0(sizeof(*list) + probe.nmsrs * sizeof(list->indices[0]));
    list->nmsrs = probe.nmsrs;
    if (kvm_ioctl(s, KVM_GET_MSR_INDEX_LIST, list) == 0) {
        for (i = 0; i < list->nmsrs; i++) {
            g_hash_table_add(supported_msrs,
                             GUINT_TO_POINTER(list->indices[i]));
        }
    }
    g_free(list);
}

/* "kvm-apic-msi": DMA writes to 0xfee00000 become MSIs. */
static uint64_t kvm_apic_msi_read(void *opaque, hwaddr addr, unsigned size)
{
    return UINT64_MAX;
}

static void kvm_apic_msi_write(void *opaque, hwaddr addr, uint64_t data,
                               unsigned size)
{
    MSIMessage msg = {
        .address = APIC_DEFAULT_ADDRESS + addr,
        .data = data,
    };
    int ret = kvm_irqchip_send_msi(kvm_state, msg);

    if (ret < 0) {
        warn_report("KVM: injection failed, MSI lost (%s)", strerror(-ret));
    }
}

static const MemoryRegionOps kvm_apic_msi_ops = {
    .read = kvm_apic_msi_read,
    .write = kvm_apic_msi_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 4, .max_access_size = 4 },
};

void kvm_map_apic_msi(void);
void kvm_map_apic_msi(void)
{
    static MemoryRegion msi;

    if (msi.name || !kvm_irqchip_in_kernel()) {
        return;
    }
    memory_region_init_io(&msi, NULL, &kvm_apic_msi_ops, NULL,
                          "kvm-apic-msi", APIC_SPACE_SIZE);
    /* Below anything a board maps there itself (e.g. its own APIC). */
    memory_region_add_subregion_overlap(get_system_memory(),
                                        APIC_DEFAULT_ADDRESS, &msi, -1);
}

int kvm_arch_init(MachineState *ms, KVMState *s)
{
    uint64_t identity_base = KVM_IDENTITY_BASE;
    int ret;

    supported_cpuid = get_supported_cpuid(s);
    if (!supported_cpuid) {
        return -EINVAL;
    }
    get_msr_index_list(s);
    has_xcrs = kvm_check_extension(s, KVM_CAP_XCRS) > 0;
    has_vcpu_events = kvm_check_extension(s, KVM_CAP_VCPU_EVENTS) > 0;

    /* Real-mode emulation needs an identity map and a TSS (4 pages). */
    ret = kvm_vm_ioctl(s, KVM_SET_IDENTITY_MAP_ADDR, &identity_base);
    if (ret < 0) {
        error_report("kvm: KVM_SET_IDENTITY_MAP_ADDR failed: %s",
                     strerror(-ret));
        return ret;
    }
    ret = kvm_vm_ioctl(s, KVM_SET_TSS_ADDR,
                       (void *)(uintptr_t)(identity_base + 0x1000));
    if (ret < 0) {
        error_report("kvm: KVM_SET_TSS_ADDR failed: %s", strerror(-ret));
        return ret;
    }
    /* Firmware must not hand these pages to the guest OS. */
    e820_add_entry(identity_base, 0x4000, 2 /* E820_RESERVED */);
    return 0;
}

/* ------------------------------------------------------------------ */
/* vCPU set-up                                                          */

int kvm_arch_vcpu_id(CPUState *cs)
{
    return X86_CPU(cs)->apic_id;
}

bool kvm_arch_cpu_is_bsp(CPUState *cs)
{
    return X86_CPU(cs)->env.apic_base & MSR_IA32_APICBASE_BSP;
}

static void cpuid_add(struct kvm_cpuid2 *c, int max, CPUX86State *env,
                      uint32_t function, uint32_t index, bool indexed)
{
    struct kvm_cpuid_entry2 *e;

    if ((int)c->nent >= max) {
        return;
    }
    e = &c->entries[c->nent++];
    memset(e, 0, sizeof(*e));
    e->function = function;
    e->index = index;
    e->flags = indexed ? KVM_CPUID_FLAG_SIGNIFCANT_INDEX : 0;
    cpu_x86_cpuid(env, function, index, &e->eax, &e->ebx, &e->ecx, &e->edx);
}

static struct kvm_cpuid2 *build_cpuid(X86CPU *cpu)
{
    CPUX86State *env = &cpu->env;
    const int max = 128;
    struct kvm_cpuid2 *c = g_malloc0(sizeof(*c) + max * sizeof(c->entries[0]));
    uint32_t i, j;

    for (i = 0; i <= env->cpuid_level; i++) {
        switch (i) {
        case 4:
            for (j = 0; j < 4; j++) {
                cpuid_add(c, max, env, i, j, true);
            }
            break;
        case 7:
        case 0xb:
            for (j = 0; j < 3; j++) {
                cpuid_add(c, max, env, i, j, true);
            }
            break;
        case 0xd:
            for (j = 0; j < 64 && j < 19; j++) {
                cpuid_add(c, max, env, i, j, true);
            }
            break;
        default:
            cpuid_add(c, max, env, i, 0, false);
            break;
        }
    }
    if (cpu->expose_kvm) {
        cpuid_add(c, max, env, 0x40000000, 0, false);
        cpuid_add(c, max, env, 0x40000001, 0, false);
    }
    for (i = 0x80000000; i <= env->cpuid_xlevel && i < 0x80000030; i++) {
        cpuid_add(c, max, env, i, 0, false);
    }
    return c;
}

int kvm_arch_init_vcpu(CPUState *cs)
{
    X86CPU *cpu = X86_CPU(cs);
    struct kvm_cpuid2 *c = build_cpuid(cpu);
    int r;

    r = kvm_vcpu_ioctl(cs, KVM_SET_CPUID2, c);
    if (r < 0) {
        /* Never abort for CPUID: fall back to what KVM itself offers. */
        warn_report("KVM_SET_CPUID2 rejected the CPUID of model '%s' (%s);"
                    " using the host's supported CPUID",
                    object_get_typename(OBJECT(cpu)), strerror(-r));
        g_free(c);
        c = g_memdup2(supported_cpuid, sizeof(*supported_cpuid) +
                      supported_cpuid->nent *
                      sizeof(supported_cpuid->entries[0]));
        r = kvm_vcpu_ioctl(cs, KVM_SET_CPUID2, c);
        if (r < 0) {
            g_free(c);
            return r;
        }
    }
    g_free(cpu->kvm_cpuid);
    cpu->kvm_cpuid = c;
    cpu->kvm_cpuid_nent = c->nent;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Register transfer                                                    */

static void seg_to_kvm(struct kvm_segment *k, const SegmentCache *sc)
{
    uint32_t f = sc->flags;

    k->base = sc->base;
    k->limit = sc->limit;
    k->selector = sc->selector;
    k->type = (f >> DESC_TYPE_SHIFT) & 15;
    k->present = !!(f & DESC_P_MASK);
    k->dpl = (f >> DESC_DPL_SHIFT) & 3;
    k->db = !!(f & DESC_B_MASK);
    k->s = !!(f & DESC_S_MASK);
    k->l = !!(f & DESC_L_MASK);
    k->g = !!(f & DESC_G_MASK);
    k->avl = !!(f & DESC_AVL_MASK);
    k->unusable = !k->present;
    k->padding = 0;
}

static void seg_from_kvm(SegmentCache *sc, const struct kvm_segment *k)
{
    sc->selector = k->selector;
    sc->base = k->base;
    sc->limit = k->limit;
    sc->flags = (k->type << DESC_TYPE_SHIFT) |
                (k->present * DESC_P_MASK) |
                (k->dpl << DESC_DPL_SHIFT) |
                (k->db << DESC_B_SHIFT) |
                (k->s * DESC_S_MASK) |
                (k->l << DESC_L_SHIFT) |
                (k->g << DESC_G_SHIFT) |
                (k->avl ? DESC_AVL_MASK : 0);
}

static int put_regs(X86CPU *cpu)
{
    CPUX86State *env = &cpu->env;
    struct kvm_regs r = {
        .rax = env->regs[R_EAX], .rbx = env->regs[R_EBX],
        .rcx = env->regs[R_ECX], .rdx = env->regs[R_EDX],
        .rsi = env->regs[R_ESI], .rdi = env->regs[R_EDI],
        .rsp = env->regs[R_ESP], .rbp = env->regs[R_EBP],
        .r8 = env->regs[8], .r9 = env->regs[9], .r10 = env->regs[10],
        .r11 = env->regs[11], .r12 = env->regs[12], .r13 = env->regs[13],
        .r14 = env->regs[14], .r15 = env->regs[15],
        .rip = env->eip, .rflags = env->eflags,
    };

    return kvm_vcpu_ioctl(CPU(cpu), KVM_SET_REGS, &r);
}

static int get_regs(X86CPU *cpu)
{
    CPUX86State *env = &cpu->env;
    struct kvm_regs r;
    int ret = kvm_vcpu_ioctl(CPU(cpu), KVM_GET_REGS, &r);

    if (ret < 0) {
        return ret;
    }
    env->regs[R_EAX] = r.rax;
    env->regs[R_EBX] = r.rbx;
    env->regs[R_ECX] = r.rcx;
    env->regs[R_EDX] = r.rdx;
    env->regs[R_ESI] = r.rsi;
    env->regs[R_EDI] = r.rdi;
    env->regs[R_ESP] = r.rsp;
    env->regs[R_EBP] = r.rbp;
    env->regs[8] = r.r8;
    env->regs[9] = r.r9;
    env->regs[10] = r.r10;
    env->regs[11] = r.r11;
    env->regs[12] = r.r12;
    env->regs[13] = r.r13;
    env->regs[14] = r.r14;
    env->regs[15] = r.r15;
    env->eip = r.rip;
    env->eflags = r.rflags;
    return 0;
}

static int put_sregs(X86CPU *cpu)
{
    CPUX86State *env = &cpu->env;
    struct kvm_sregs s;

    memset(&s, 0, sizeof(s));
    seg_to_kvm(&s.cs, &env->segs[R_CS]);
    seg_to_kvm(&s.ds, &env->segs[R_DS]);
    seg_to_kvm(&s.es, &env->segs[R_ES]);
    seg_to_kvm(&s.fs, &env->segs[R_FS]);
    seg_to_kvm(&s.gs, &env->segs[R_GS]);
    seg_to_kvm(&s.ss, &env->segs[R_SS]);
    seg_to_kvm(&s.tr, &env->tr);
    seg_to_kvm(&s.ldt, &env->ldt);
    s.idt.limit = env->idt.limit;
    s.idt.base = env->idt.base;
    s.gdt.limit = env->gdt.limit;
    s.gdt.base = env->gdt.base;
    s.cr0 = env->cr[0];
    s.cr2 = env->cr[2];
    s.cr3 = env->cr[3];
    s.cr4 = env->cr[4];
    s.efer = env->efer;
    s.apic_base = env->apic_base;
    return kvm_vcpu_ioctl(CPU(cpu), KVM_SET_SREGS, &s);
}

static int get_sregs(X86CPU *cpu)
{
    CPUX86State *env = &cpu->env;
    struct kvm_sregs s;
    int ret = kvm_vcpu_ioctl(CPU(cpu), KVM_GET_SREGS, &s);

    if (ret < 0) {
        return ret;
    }
    seg_from_kvm(&env->segs[R_CS], &s.cs);
    seg_from_kvm(&env->segs[R_DS], &s.ds);
    seg_from_kvm(&env->segs[R_ES], &s.es);
    seg_from_kvm(&env->segs[R_FS], &s.fs);
    seg_from_kvm(&env->segs[R_GS], &s.gs);
    seg_from_kvm(&env->segs[R_SS], &s.ss);
    seg_from_kvm(&env->tr, &s.tr);
    seg_from_kvm(&env->ldt, &s.ldt);
    env->idt.limit = s.idt.limit;
    env->idt.base = s.idt.base;
    env->gdt.limit = s.gdt.limit;
    env->gdt.base = s.gdt.base;
    env->cr[0] = s.cr0;
    env->cr[2] = s.cr2;
    env->cr[3] = s.cr3;
    env->cr[4] = s.cr4;
    env->efer = s.efer;
    env->apic_base = s.apic_base;
    return 0;
}

static int put_fpu(X86CPU *cpu)
{
    struct kvm_fpu fpu;

    memset(&fpu, 0, sizeof(fpu));
    fpu.fcw = cpu->env.fpuc;
    fpu.mxcsr = cpu->env.mxcsr;
    return kvm_vcpu_ioctl(CPU(cpu), KVM_SET_FPU, &fpu);
}

/* MSRs with their reset values. */
static const X86MSREntry reset_msrs[] = {
    { 0x10, 0 },                        /* IA32_TSC */
    { 0x174, 0 }, { 0x175, 0 }, { 0x176, 0 },   /* SYSENTER */
    { 0x277, 0x0007040600070406ULL },   /* PAT */
    { 0x1a0, 1 },                       /* MISC_ENABLE: fast strings */
    { 0xc0000081, 0 }, { 0xc0000082, 0 }, { 0xc0000083, 0 },
    { 0xc0000084, 0 }, { 0xc0000102, 0 }, /* STAR..KERNEL_GS_BASE */
    { 0xc0000103, 0 },                  /* TSC_AUX */
    { 0x2ff, 0 },                       /* MTRRdefType */
    { 0x3b, 0 },                        /* TSC_ADJUST */
};

static GHashTable *rejected_msrs;

static int put_reset_msrs(X86CPU *cpu)
{
    struct {
        struct kvm_msrs info;
        struct kvm_msr_entry entries[ARRAY_SIZE(reset_msrs)];
    } buf;
    unsigned i, n;
    int ret;

    if (!rejected_msrs) {
        rejected_msrs = g_hash_table_new(NULL, NULL);
    }
    for (;;) {
        memset(&buf, 0, sizeof(buf));
        n = 0;
        for (i = 0; i < ARRAY_SIZE(reset_msrs); i++) {
            uint32_t idx = reset_msrs[i].index;
            if ((supported_msrs && g_hash_table_size(supported_msrs) &&
                 !g_hash_table_contains(supported_msrs,
                                        GUINT_TO_POINTER(idx))) ||
                g_hash_table_contains(rejected_msrs, GUINT_TO_POINTER(idx))) {
                continue;
            }
            buf.entries[n].index = idx;
            buf.entries[n].data = reset_msrs[i].value;
            n++;
        }
        buf.info.nmsrs = n;
        ret = kvm_vcpu_ioctl(CPU(cpu), KVM_SET_MSRS, &buf);
        if (ret < 0) {
            return ret;
        }
        if ((unsigned)ret == n) {
            return 0;
        }
        /* Entry @ret was refused: drop it (once, with a warning). */
        warn_report("KVM refused MSR 0x%x; it is left at its KVM default",
                    buf.entries[ret].index);
        g_hash_table_add(rejected_msrs,
                         GUINT_TO_POINTER(buf.entries[ret].index));
    }
}

static uint32_t lapic_reg(struct kvm_lapic_state *l, int off)
{
    uint32_t v;

    memcpy(&v, l->regs + off, 4);
    return v;
}

static void lapic_set(struct kvm_lapic_state *l, int off, uint32_t v)
{
    memcpy(l->regs + off, &v, 4);
}

static int put_reset_lapic(X86CPU *cpu)
{
    struct kvm_lapic_state l;
    bool bsp = cpu->env.apic_base & MSR_IA32_APICBASE_BSP;
    int ret, i;

    if (!kvm_irqchip_in_kernel()) {
        return 0;
    }
    ret = kvm_vcpu_ioctl(CPU(cpu), KVM_GET_LAPIC, &l);
    if (ret < 0) {
        return ret;
    }
    lapic_set(&l, 0x20, cpu->apic_id << 24);   /* ID */
    lapic_set(&l, 0x80, 0);                    /* TPR */
    lapic_set(&l, 0xd0, 0);                    /* LDR */
    lapic_set(&l, 0xe0, 0xffffffff);           /* DFR */
    lapic_set(&l, 0xf0, 0xff);                 /* SVR: software disabled */
    for (i = 0; i < 8; i++) {
        lapic_set(&l, 0x100 + i * 0x10, 0);    /* ISR */
        lapic_set(&l, 0x180 + i * 0x10, 0);    /* TMR */
        lapic_set(&l, 0x200 + i * 0x10, 0);    /* IRR */
    }
    lapic_set(&l, 0x280, 0);                   /* ESR */
    lapic_set(&l, 0x300, 0);
    lapic_set(&l, 0x310, 0);                   /* ICR */
    for (i = 0x2f0; i <= 0x370; i += 0x10) {
        if (i == 0x2f0 || i >= 0x320) {
            lapic_set(&l, i, 1 << 16);         /* LVTs masked */
        }
    }
    if (bsp) {
        /* As a BIOS leaves it: PIC on LINT0, NMI on LINT1. */
        lapic_set(&l, 0x350, 0x700);           /* LINT0 ExtINT */
        lapic_set(&l, 0x360, 0x400);           /* LINT1 NMI */
    }
    lapic_set(&l, 0x380, 0);                   /* TMICT */
    lapic_set(&l, 0x3e0, 0);                   /* TDCR */
    (void)lapic_reg;
    return kvm_vcpu_ioctl(CPU(cpu), KVM_SET_LAPIC, &l);
}

static int put_mp_state(X86CPU *cpu)
{
    struct kvm_mp_state mp = { .mp_state = cpu->env.mp_state };

    if (!kvm_irqchip_in_kernel()) {
        return 0;
    }
    return kvm_vcpu_ioctl(CPU(cpu), KVM_SET_MP_STATE, &mp);
}

static int get_mp_state(X86CPU *cpu)
{
    struct kvm_mp_state mp;
    int ret = kvm_vcpu_ioctl(CPU(cpu), KVM_GET_MP_STATE, &mp);

    if (ret < 0) {
        return ret;
    }
    cpu->env.mp_state = mp.mp_state;
    CPU(cpu)->halted = mp.mp_state == KVM_MP_STATE_HALTED;
    return 0;
}

static int put_reset_events(X86CPU *cpu)
{
    struct kvm_vcpu_events ev;

    if (!has_vcpu_events) {
        return 0;
    }
    memset(&ev, 0, sizeof(ev));
    ev.flags = KVM_VCPUEVENT_VALID_NMI_PENDING | KVM_VCPUEVENT_VALID_SIPI_VECTOR;
    return kvm_vcpu_ioctl(CPU(cpu), KVM_SET_VCPU_EVENTS, &ev);
}

static int put_xcrs(X86CPU *cpu)
{
    struct kvm_xcrs x;

    if (!has_xcrs) {
        return 0;
    }
    memset(&x, 0, sizeof(x));
    x.nr_xcrs = 1;
    x.xcrs[0].xcr = 0;
    x.xcrs[0].value = cpu->env.xcr0;
    return kvm_vcpu_ioctl(CPU(cpu), KVM_SET_XCRS, &x);
}

int kvm_arch_put_registers(CPUState *cs, int level)
{
    X86CPU *cpu = X86_CPU(cs);
    int ret;

    if (level >= KVM_PUT_RESET_STATE) {
        /* Events and MP state first: SET_SREGS depends on neither. */
        ret = put_reset_events(cpu);
        if (ret < 0) {
            warn_report("KVM_SET_VCPU_EVENTS failed: %s", strerror(-ret));
        }
        ret = put_xcrs(cpu);
        if (ret < 0) {
            warn_report("KVM_SET_XCRS failed: %s", strerror(-ret));
        }
    }
    ret = put_regs(cpu);
    if (ret < 0) {
        return ret;
    }
    ret = put_sregs(cpu);
    if (ret < 0) {
        return ret;
    }
    if (level >= KVM_PUT_RESET_STATE) {
        ret = put_fpu(cpu);
        if (ret < 0) {
            return ret;
        }
        ret = put_reset_msrs(cpu);
        if (ret < 0) {
            warn_report("KVM_SET_MSRS failed: %s", strerror(-ret));
        }
        ret = put_reset_lapic(cpu);
        if (ret < 0) {
            return ret;
        }
        ret = put_mp_state(cpu);
        if (ret < 0) {
            return ret;
        }
    }
    return 0;
}

int kvm_arch_get_registers(CPUState *cs)
{
    X86CPU *cpu = X86_CPU(cs);
    int ret;

    ret = get_regs(cpu);
    if (ret < 0) {
        return ret;
    }
    ret = get_sregs(cpu);
    if (ret < 0) {
        return ret;
    }
    if (kvm_irqchip_in_kernel()) {
        get_mp_state(cpu);
    }
    return 0;
}

void kvm_arch_reset_vcpu(X86CPU *cpu)
{
    x86_cpu_reset_state(cpu);
}

int kvm_arch_handle_exit(CPUState *cs, struct kvm_run *run)
{
    switch (run->exit_reason) {
    case KVM_EXIT_SET_TPR:
        return 0;
    case KVM_EXIT_DEBUG:
        return 1;
    default:
        fprintf(stderr, "KVM: unknown exit reason %d\n", run->exit_reason);
        return -1;
    }
}

/* Register dump plus the code bytes at RIP (for internal errors). */
void kvm_arch_dump_internal_error(CPUState *cs)
{
    X86CPU *cpu = X86_CPU(cs);
    CPUX86State *env = &cpu->env;
    struct kvm_translation tr;
    uint8_t code[16];
    uint64_t linear;
    int i;

    if (kvm_arch_get_registers(cs) == 0) {
        cs->vcpu_dirty = true;
    }
    x86_cpu_dump_state(cs, stderr, CPU_DUMP_CODE);

    linear = env->segs[R_CS].base + env->eip;
    memset(&tr, 0, sizeof(tr));
    tr.linear_address = linear;
    if (kvm_vcpu_ioctl(cs, KVM_TRANSLATE, &tr) < 0 || !tr.valid) {
        fprintf(stderr, "Code=??\n");
        return;
    }
    {
        /* RAM only: reading device registers could have side effects. */
        hwaddr len = sizeof(code);
        void *p = address_space_map(&address_space_memory,
                                    tr.physical_address, &len, false,
                                    MEMTXATTRS_UNSPECIFIED);
        if (!p) {
            fprintf(stderr, "Code=??\n");
            return;
        }
        memset(code, 0, sizeof(code));
        memcpy(code, p, len);
        address_space_unmap(&address_space_memory, p, len, false, len);
    }
    fprintf(stderr, "Code=");
    for (i = 0; i < (int)sizeof(code); i++) {
        fprintf(stderr, i == 0 ? "<%02x>" : " %02x", code[i]);
    }
    fprintf(stderr, "\n");
}

/* An NMI into @cs; runs in the vCPU's own thread (run_on_cpu). */
int kvm_x86_inject_nmi(CPUState *cs)
{
    int ret = kvm_vcpu_ioctl(cs, KVM_NMI);

    if (ret < 0) {
        error_report("KVM: injection failed, NMI lost (%s)", strerror(-ret));
    }
    return ret;
}
