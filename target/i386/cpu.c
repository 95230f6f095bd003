/*
 * x86 CPU models, feature flags and architectural reset state.
 *
 * A model (X86CPUDefinition) names a vendor, family/model/stepping and
 * the feature bits it wants; "host" and "max" want everything KVM
 * supports.  At realize the wanted features are filtered against
 * KVM_GET_SUPPORTED_CPUID: what the host lacks is dropped with a
 * warning ("host doesn't support requested feature ...").
 */
#include "qemu/osdep.h"
#include "qemu/typedefs.h"
#include <linux/kvm.h>
#include "qapi/error.h"
#include "qapi/visitor.h"
#include "qapi/qapi-builtin-visit.h"
#include "qapi/qapi-builtin-types.h"
#include "qapi/util.h"
#include "qemu/error-report.h"
#include "hw/boards.h"
#include "hw/qdev-properties.h"
#include "sysemu/kvm.h"
#include "sysemu/hw_accel.h"
#include "sysemu/cpus.h"
#include "sysemu/runstate.h"
#include "target/i386/cpu.h"

struct X86CPUDefinition {
    const char *name;
    uint32_t level;
    uint32_t xlevel;
    const char *vendor;
    int family;
    int model;
    int stepping;
    uint32_t features[FEATURE_WORDS];
    const char *model_id;
};

/* Where each feature word lives in CPUID. */
typedef struct FeatureWordInfo {
    uint32_t eax;       /* leaf */
    uint32_t ecx;       /* subleaf */
    bool has_ecx;
    int reg;            /* R_EAX .. R_EDX */
    const char *names[32];
} FeatureWordInfo;

static const FeatureWordInfo feature_word_info[FEATURE_WORDS] = {
    [FEAT_1_EDX] = {
        .eax = 1, .reg = R_EDX,
        .names = {
            "fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce",
            "cx8", "apic", NULL, "sep", "mtrr", "pge", "mca", "cmov",
            "pat", "pse36", "pn", "clflush", NULL, "ds", "acpi", "mmx",
            "fxsr", "sse", "sse2", "ss", "ht", "tm", "ia64", "pbe",
        },
    },
    [FEAT_1_ECX] = {
        .eax = 1, .reg = R_ECX,
        .names = {
            "pni", "pclmulqdq", "dtes64", "monitor", "ds-cpl", "vmx",
            "smx", "est", "tm2", "ssse3", "cid", NULL, "fma", "cx16",
            "xtpr", "pdcm", NULL, "pcid", "dca", "sse4.1", "sse4.2",
            "x2apic", "movbe", "popcnt", "tsc-deadline", "aes", "xsave",
            NULL, "avx", "f16c", "rdrand", "hypervisor",
        },
    },
    [FEAT_7_0_EBX] = {
        .eax = 7, .ecx = 0, .has_ecx = true, .reg = R_EBX,
        .names = {
            "fsgsbase", "tsc-adjust", "sgx", "bmi1", "hle", "avx2", NULL,
            "smep", "bmi2", "erms", "invpcid", "rtm", NULL, NULL, "mpx",
            NULL, "avx512f", "avx512dq", "rdseed", "adx", "smap",
            "avx512ifma", "pcommit", "clflushopt", "clwb", "intel-pt",
            "avx512pf", "avx512er", "avx512cd", "sha-ni", "avx512bw",
            "avx512vl",
        },
    },
    [FEAT_7_0_ECX] = {
        .eax = 7, .ecx = 0, .has_ecx = true, .reg = R_ECX,
        .names = {
            NULL, "avx512vbmi", "umip", "pku", NULL, "waitpkg",
            "avx512vbmi2", NULL, "gfni", "vaes", "vpclmulqdq",
            "avx512vnni", "avx512bitalg", NULL, "avx512-vpopcntdq", NULL,
            "la57", NULL, NULL, NULL, NULL, NULL, "rdpid", NULL,
            "bus-lock-detect", "cldemote", NULL, "movdiri", "movdir64b",
            NULL, "sgxlc", "pks",
        },
    },
    [FEAT_7_0_EDX] = {
        .eax = 7, .ecx = 0, .has_ecx = true, .reg = R_EDX,
        .names = {
            NULL, NULL, "avx512-4vnniw", "avx512-4fmaps", "fsrm", NULL,
            NULL, NULL, "avx512-vp2intersect", NULL, "md-clear", NULL,
            NULL, NULL, "serialize", NULL, "tsx-ldtrk", NULL, NULL, NULL,
            NULL, NULL, "amx-bf16", "avx512-fp16", "amx-tile", "amx-int8",
            "spec-ctrl", "stibp", NULL, "arch-capabilities",
            "core-capability", "ssbd",
        },
    },
    [FEAT_8000_0001_EDX] = {
        .eax = 0x80000001, .reg = R_EDX,
        .names = {
            NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
            NULL, NULL, NULL, "syscall", NULL, NULL, NULL, NULL,
            NULL, NULL, NULL, NULL, "nx", NULL, "mmxext", NULL,
            NULL, "fxsr-opt", "pdpe1gb", "rdtscp", NULL, "lm",
            "3dnowext", "3dnow",
        },
    },
    [FEAT_8000_0001_ECX] = {
        .eax = 0x80000001, .reg = R_ECX,
        .names = {
            "lahf-lm", "cmp-legacy", "svm", "extapic", "cr8legacy", "abm",
            "sse4a", "misalignsse", "3dnowprefetch", "osvw", "ibs", "xop",
            "skinit", "wdt", NULL, "lwp", "fma4", "tce", NULL,
            "nodeid-msr", NULL, "tbm", "topoext", "perfctr-core",
            "perfctr-nb", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
        },
    },
    [FEAT_KVM] = {
        .eax = 0x40000001, .reg = R_EAX,
        .names = {
            "kvmclock", "kvm-nopiodelay", "kvm-mmu", "kvmclock",
            "kvm-asyncpf", "kvm-steal-time", "kvm-pv-eoi",
            "kvm-pv-unhalt", NULL, "kvm-pv-tlb-flush", NULL, "kvm-pv-ipi",
            "kvm-poll-control", "kvm-pv-sched-yield", "kvm-asyncpf-int",
            "kvm-msi-ext-dest-id",
        },
    },
};

#define PPRO_FEATURES (BIT(0) | BIT(2) | BIT(3) | BIT(4) | BIT(5) | BIT(6) | \
                       BIT(7) | BIT(8) | BIT(9) | BIT(11) | BIT(12) |        \
                       BIT(13) | BIT(14) | BIT(15) | BIT(16) | BIT(17) |     \
                       BIT(19) | BIT(23) | BIT(24) | BIT(25) | BIT(26))
#define CPUID_EXT_SSE3 BIT(0)
#define CPUID_EXT_CX16 BIT(13)
#define CPUID_EXT_HYPERVISOR BIT(31)
#define CPUID_EXT2_SYSCALL BIT(11)
#define CPUID_EXT2_NX BIT(20)
#define CPUID_EXT3_LAHF_LM BIT(0)
#define CPUID_EXT3_SVM BIT(2)
#define CPUID_VME BIT(1)
#define CPUID_HT BIT(28)
#define KVM_FEATURES_DEFAULT (BIT(0) | BIT(1) | BIT(3) | BIT(4) | BIT(5) | \
                              BIT(6) | BIT(7) | BIT(9) | BIT(11) | BIT(12) | \
                              BIT(13) | BIT(14) | BIT(15))

static const X86CPUDefinition builtin_x86_defs[] = {
    {
        .name = "qemu64",
        .level = 0xd,
        .vendor = "AuthenticAMD",
        .family = 15, .model = 107, .stepping = 1,
        .features[FEAT_1_EDX] = PPRO_FEATURES,
        .features[FEAT_1_ECX] = CPUID_EXT_SSE3 | CPUID_EXT_CX16,
        .features[FEAT_8000_0001_EDX] = CPUID_EXT2_LM | CPUID_EXT2_SYSCALL |
                                        CPUID_EXT2_NX,
        .features[FEAT_8000_0001_ECX] = CPUID_EXT3_LAHF_LM | CPUID_EXT3_SVM,
        .xlevel = 0x8000000A,
        .model_id = "QEMU Virtual CPU version 2.5+",
    },
    {
        .name = "kvm64",
        .level = 0xd,
        .vendor = "GenuineIntel",
        .family = 15, .model = 6, .stepping = 1,
        .features[FEAT_1_EDX] = PPRO_FEATURES | CPUID_VME,
        .features[FEAT_1_ECX] = CPUID_EXT_SSE3 | CPUID_EXT_CX16,
        .features[FEAT_8000_0001_EDX] = CPUID_EXT2_LM | CPUID_EXT2_SYSCALL |
                                        CPUID_EXT2_NX,
        .xlevel = 0x80000008,
        .model_id = "Common KVM processor",
    },
    {
        .name = "qemu32",
        .level = 4,
        .vendor = "GenuineIntel",
        .family = 6, .model = 6, .stepping = 3,
        .features[FEAT_1_EDX] = PPRO_FEATURES,
        .features[FEAT_1_ECX] = CPUID_EXT_SSE3,
        .xlevel = 0x80000004,
        .model_id = "QEMU Virtual CPU version 2.5+",
    },
    {
        .name = "kvm32",
        .level = 5,
        .vendor = "GenuineIntel",
        .family = 15, .model = 6, .stepping = 1,
        .features[FEAT_1_EDX] = PPRO_FEATURES | CPUID_VME,
        .features[FEAT_1_ECX] = CPUID_EXT_SSE3,
        .xlevel = 0x80000008,
        .model_id = "Common 32-bit KVM processor",
    },
};

/* ------------------------------------------------------------------ */
/* Topology                                                             */

static unsigned bits_for(unsigned count)
{
    unsigned bits = 0;

    while ((1u << bits) < count) {
        bits++;
    }
    return bits;
}

uint32_t x86_cpu_apic_id_from_index(unsigned cpu_index, unsigned cores,
                                    unsigned threads)
{
    unsigned smt_bits = bits_for(threads), core_bits = bits_for(cores);
    unsigned thread = cpu_index % threads;
    unsigned core = (cpu_index / threads) % cores;
    unsigned socket = cpu_index / (threads * cores);

    return (socket << (core_bits + smt_bits)) | (core << smt_bits) | thread;
}

static void topo_get(CPUState *cs, unsigned *cores, unsigned *threads)
{
    MachineState *ms = current_machine;

    *cores = ms && ms->smp.cores ? ms->smp.cores : 1;
    *threads = ms && ms->smp.threads ? ms->smp.threads : 1;
    if (ms && ms->smp.dies > 1) {
        *cores *= ms->smp.dies;
    }
}

/* ------------------------------------------------------------------ */
/* CPUID                                                                */

static void vendor_to_regs(const char *v, uint32_t *ebx, uint32_t *edx,
                           uint32_t *ecx)
{
    char buf[12] = { 0 };

    memcpy(buf, v, MIN(strlen(v), 12));
    memcpy(ebx, buf, 4);
    memcpy(edx, buf + 4, 4);
    memcpy(ecx, buf + 8, 4);
}

static bool host_cpuid_model(CPUX86State *env)
{
    X86CPU *cpu = container_of(env, X86CPU, env);

    return X86_CPU_GET_CLASS(cpu)->max_features;
}

static uint32_t supported(uint32_t leaf, uint32_t index, int reg)
{
    return kvm_state ? kvm_arch_get_supported_cpuid(kvm_state, leaf, index,
                                                    reg) : 0;
}

void cpu_x86_cpuid(CPUX86State *env, uint32_t index, uint32_t count,
                   uint32_t *eax, uint32_t *ebx, uint32_t *ecx, uint32_t *edx)
{
    X86CPU *cpu = container_of(env, X86CPU, env);
    CPUState *cs = CPU(cpu);
    unsigned cores, threads, logical;
    bool host = host_cpuid_model(env);

    topo_get(cs, &cores, &threads);
    logical = cores * threads;
    *eax = *ebx = *ecx = *edx = 0;

    switch (index) {
    case 0:
        *eax = env->cpuid_level;
        *ebx = env->cpuid_vendor1;
        *edx = env->cpuid_vendor2;
        *ecx = env->cpuid_vendor3;
        break;
    case 1:
        *eax = env->cpuid_version;
        *ebx = (cpu->apic_id << 24) | (8 << 8);
        *ecx = env->features[FEAT_1_ECX];
        *edx = env->features[FEAT_1_EDX];
        if (logical > 1) {
            *ebx |= MIN(logical, 255) << 16;
            *edx |= CPUID_HT;
        }
        break;
    case 2:
        if (host) {
            *eax = supported(2, 0, R_EAX);
            *ebx = supported(2, 0, R_EBX);
            *ecx = supported(2, 0, R_ECX);
            *edx = supported(2, 0, R_EDX);
        } else {
            *eax = 1;
            *edx = 0x2c307d;
        }
        break;
    case 4: {
        /* L1d, L1i, L2 per core; L3 per package. */
        static const struct {
            int type, level, ways, sets;
        } caches[] = {
            { 1, 1, 8, 64 }, { 2, 1, 8, 64 }, { 3, 2, 16, 4096 },
            { 3, 3, 16, 16384 },
        };
        if (count < ARRAY_SIZE(caches)) {
            unsigned share = caches[count].level == 3 ? logical : threads;
            *eax = caches[count].type | (caches[count].level << 5) |
                   (1 << 8) | ((share - 1) << 14) | ((cores - 1) << 26);
            *ebx = ((caches[count].ways - 1) << 22) | 63;
            *ecx = caches[count].sets - 1;
        }
        break;
    }
    case 6:
        *eax = BIT(2);  /* ARAT */
        break;
    case 7:
        if (count == 0) {
            *ebx = env->features[FEAT_7_0_EBX];
            *ecx = env->features[FEAT_7_0_ECX];
            *edx = env->features[FEAT_7_0_EDX];
        }
        break;
    case 0xb:
        *edx = cpu->apic_id;
        *ecx = count & 0xff;
        if (count == 0) {
            *eax = bits_for(threads);
            *ebx = threads;
            *ecx |= 1 << 8;
        } else if (count == 1) {
            *eax = bits_for(threads) + bits_for(cores);
            *ebx = logical;
            *ecx |= 2 << 8;
        }
        break;
    case 0xd:
        if (env->features[FEAT_1_ECX] & BIT(26)) {
            *eax = supported(0xd, count, R_EAX);
            *ebx = supported(0xd, count, R_EBX);
            *ecx = supported(0xd, count, R_ECX);
            *edx = supported(0xd, count, R_EDX);
        }
        break;
    case 0x40000000:
        if (cpu->expose_kvm) {
            *eax = 0x40000001;
            *ebx = 0x4b4d564b;  /* "KVMKVMKVM\0\0\0" */
            *ecx = 0x564b4d56;
            *edx = 0x4d;
        }
        break;
    case 0x40000001:
        if (cpu->expose_kvm) {
            *eax = env->features[FEAT_KVM];
        }
        break;
    case 0x80000000:
        *eax = env->cpuid_xlevel;
        *ebx = env->cpuid_vendor1;
        *edx = env->cpuid_vendor2;
        *ecx = env->cpuid_vendor3;
        break;
    case 0x80000001:
        *eax = env->cpuid_version;
        *ecx = env->features[FEAT_8000_0001_ECX];
        *edx = env->features[FEAT_8000_0001_EDX];
        break;
    case 0x80000002:
    case 0x80000003:
    case 0x80000004: {
        const char *m = env->cpuid_model_id + (index - 0x80000002) * 16;
        memcpy(eax, m, 4);
        memcpy(ebx, m + 4, 4);
        memcpy(ecx, m + 8, 4);
        memcpy(edx, m + 12, 4);
        break;
    }
    case 0x80000005:
        *ecx = (32 << 24) | (8 << 16) | (1 << 8) | 64;   /* L1d 32K */
        *edx = (32 << 24) | (8 << 16) | (1 << 8) | 64;   /* L1i 32K */
        break;
    case 0x80000006:
        *ecx = (4096 << 16) | (0x8 << 12) | 64;          /* L2 4M */
        break;
    case 0x80000008:
        *eax = cpu->phys_bits | (48 << 8);
        break;
    default:
        if (host && index > 0x80000008 && index <= env->cpuid_xlevel) {
            *eax = supported(index, count, R_EAX);
            *ebx = supported(index, count, R_EBX);
            *ecx = supported(index, count, R_ECX);
            *edx = supported(index, count, R_EDX);
        }
        break;
    }
}

/* ------------------------------------------------------------------ */
/* Features                                                             */

uint32_t x86_cpu_get_supported_feature_word(FeatureWord w)
{
    const FeatureWordInfo *fi = &feature_word_info[w];
    uint32_t v;

    if (!kvm_enabled()) {
        return UINT32_MAX;
    }
    v = supported(fi->eax, fi->ecx, fi->reg);
    if (w == FEAT_1_ECX) {
        v |= CPUID_EXT_HYPERVISOR;
    }
    return v;
}

void x86_cpu_expand_features(X86CPU *cpu, Error **errp)
{
    X86CPUClass *xcc = X86_CPU_GET_CLASS(cpu);
    CPUX86State *env = &cpu->env;
    FeatureWord w;

    for (w = 0; w < FEATURE_WORDS; w++) {
        uint32_t want;

        if (xcc->max_features) {
            want = kvm_enabled() ? x86_cpu_get_supported_feature_word(w) : 0;
        } else {
            want = xcc->cpu_def ? xcc->cpu_def->features[w] : 0;
        }
        if (w == FEAT_1_ECX) {
            want |= CPUID_EXT_HYPERVISOR;
        }
        if (kvm_enabled() && !xcc->max_features) {
            /* QEMU's KVM defaults for named models. */
            if (w == FEAT_1_ECX) {
                want |= BIT(21);                /* x2apic */
                want &= ~BIT(3);                /* monitor */
            } else if (w == FEAT_1_EDX) {
                want &= ~BIT(22);               /* acpi */
            } else if (w == FEAT_8000_0001_ECX) {
                want &= ~CPUID_EXT3_SVM;
            }
        }
        if (w == FEAT_KVM && cpu->expose_kvm && !xcc->max_features) {
            want |= KVM_FEATURES_DEFAULT;
            /* Defaults are offered only where KVM has them, silently. */
            want &= x86_cpu_get_supported_feature_word(w);
        }
        want |= cpu->plus_features[w];
        want &= ~cpu->minus_features[w];
        env->features[w] = want;
    }
    cpu->features_expanded = true;
}

static void feature_warn(FeatureWord w, int bit)
{
    const FeatureWordInfo *fi = &feature_word_info[w];
    static const char *const regs[] = { "EAX", "ECX", "EDX", "EBX" };
    const char *reg = regs[fi->reg == R_EBX ? 3 : fi->reg];
    const char *name = fi->names[bit];

    if (fi->has_ecx) {
        warn_report("host doesn't support requested feature: "
                    "CPUID[eax=%02Xh,ecx=%02Xh].%s%s%s [bit %d]",
                    fi->eax, fi->ecx, reg, name ? "." : "", name ? name : "",
                    bit);
    } else {
        warn_report("host doesn't support requested feature: "
                    "CPUID.%02XH:%s%s%s [bit %d]", fi->eax, reg,
                    name ? "." : "", name ? name : "", bit);
    }
}

/* Drop what KVM cannot provide; false if enforce=on and something was. */
static bool x86_cpu_filter_features(X86CPU *cpu, bool verbose)
{
    CPUX86State *env = &cpu->env;
    bool all_ok = true;
    FeatureWord w;

    for (w = 0; w < FEATURE_WORDS; w++) {
        uint32_t missing = env->features[w] &
                           ~x86_cpu_get_supported_feature_word(w);
        int bit;

        env->filtered_features[w] = missing;
        env->features[w] &= ~missing;
        for (bit = 0; missing && bit < 32; bit++) {
            if (missing & BIT(bit)) {
                all_ok = false;
                if (verbose) {
                    feature_warn(w, bit);
                }
            }
        }
    }
    return all_ok;
}

const char *x86_cpu_feature_name(FeatureWord w, int bit)
{
    assert(w < FEATURE_WORDS && bit >= 0 && bit < 32);
    return feature_word_info[w].names[bit];
}

/* QEMU's other spellings of some features (older names, "_" for "-"). */
static const struct {
    const char *alias;
    const char *name;
} feature_aliases[] = {
    { "sse3", "pni" }, { "pclmuldq", "pclmulqdq" }, { "xd", "nx" },
    { "ffxsr", "fxsr-opt" }, { "i64", "lm" },
};

static bool find_feature(const char *name, FeatureWord *w, int *bit)
{
    g_autofree char *n = g_strdup(name);
    size_t i;
    char *p;

    /* QEMU accepts '_' for '-' and "sse4_2"-style spellings. */
    for (p = n; *p; p++) {
        if (*p == '_') {
            *p = '-';
        }
    }
    for (i = 0; i < ARRAY_SIZE(feature_aliases); i++) {
        if (!strcmp(n, feature_aliases[i].alias)) {
            g_free(n);
            n = g_strdup(feature_aliases[i].name);
            break;
        }
    }
    for (*w = 0; *w < FEATURE_WORDS; (*w)++) {
        for (*bit = 0; *bit < 32; (*bit)++) {
            const char *fn = feature_word_info[*w].names[*bit];
            if (fn && (g_str_equal(fn, n) ||
                       (strchr(fn, '.') && !strcmp(n, fn) ) ||
                       (!strncmp(fn, "sse4.", 5) && !strncmp(n, "sse4-", 5) &&
                        !strcmp(fn + 5, n + 5)))) {
                return true;
            }
        }
    }
    return false;
}

typedef struct FeatureProp {
    FeatureWord w;
    int bit;
} FeatureProp;

static void x86_cpu_get_bit_prop(Object *obj, Visitor *v, const char *name,
                                 void *opaque, Error **errp)
{
    X86CPU *cpu = X86_CPU(obj);
    FeatureProp *fp = opaque;
    bool value;

    if (DEVICE(obj)->realized || cpu->features_expanded) {
        value = cpu->env.features[fp->w] & BIT(fp->bit);
    } else {
        value = (cpu->plus_features[fp->w] & BIT(fp->bit)) ||
                (!(cpu->minus_features[fp->w] & BIT(fp->bit)) &&
                 ((X86_CPU_GET_CLASS(cpu)->cpu_def &&
                   X86_CPU_GET_CLASS(cpu)->cpu_def->features[fp->w] &
                   BIT(fp->bit)) ||
                  X86_CPU_GET_CLASS(cpu)->max_features));
    }
    visit_type_bool(v, name, &value, errp);
}

static void x86_cpu_set_bit_prop(Object *obj, Visitor *v, const char *name,
                                 void *opaque, Error **errp)
{
    X86CPU *cpu = X86_CPU(obj);
    FeatureProp *fp = opaque;
    bool value;

    if (DEVICE(obj)->realized) {
        error_setg(errp, "Attempt to set property '%s' on device '%s' "
                   "after it was realized", name,
                   object_get_typename(obj));
        return;
    }
    if (!visit_type_bool(v, name, &value, errp)) {
        return;
    }
    if (value) {
        cpu->plus_features[fp->w] |= BIT(fp->bit);
        cpu->minus_features[fp->w] &= ~BIT(fp->bit);
    } else {
        cpu->minus_features[fp->w] |= BIT(fp->bit);
        cpu->plus_features[fp->w] &= ~BIT(fp->bit);
    }
    cpu->features_expanded = false;
}

static void x86_cpu_get_feature_list(Object *obj, Visitor *v,
                                     const char *name, void *opaque,
                                     Error **errp, bool filtered)
{
    X86CPU *cpu = X86_CPU(obj);
    strList *list = NULL, **tail = &list;
    FeatureWord w;
    int bit;

    for (w = 0; w < FEATURE_WORDS; w++) {
        uint32_t bits = filtered ? cpu->env.filtered_features[w] : 0;
        for (bit = 0; bit < 32; bit++) {
            if ((bits & BIT(bit)) && feature_word_info[w].names[bit]) {
                QAPI_LIST_APPEND(tail,
                                 g_strdup(feature_word_info[w].names[bit]));
            }
        }
    }
    visit_type_strList(v, name, &list, errp);
    qapi_free_strList(list);
}

static void x86_cpu_get_unavailable_features(Object *obj, Visitor *v,
                                             const char *name, void *opaque,
                                             Error **errp)
{
    x86_cpu_get_feature_list(obj, v, name, opaque, errp, true);
}

static void x86_cpu_add_feature_alias(ObjectClass *oc, const char *alias,
                                      FeatureProp *fp)
{
    if (!object_class_property_find(oc, alias)) {
        object_class_property_add(oc, alias, "bool", x86_cpu_get_bit_prop,
                                  x86_cpu_set_bit_prop, NULL, fp);
    }
}

static void x86_cpu_register_feature_props(ObjectClass *oc)
{
    FeatureWord w;
    int bit;
    size_t i;

    for (w = 0; w < FEATURE_WORDS; w++) {
        for (bit = 0; bit < 32; bit++) {
            const char *name = feature_word_info[w].names[bit];
            FeatureProp *fp;

            if (!name || object_class_property_find(oc, name)) {
                continue;
            }
            fp = g_new0(FeatureProp, 1);
            fp->w = w;
            fp->bit = bit;
            object_class_property_add(oc, name, "bool",
                                      x86_cpu_get_bit_prop,
                                      x86_cpu_set_bit_prop, NULL, fp);
            for (i = 0; i < ARRAY_SIZE(feature_aliases); i++) {
                if (!strcmp(feature_aliases[i].name, name)) {
                    x86_cpu_add_feature_alias(oc, feature_aliases[i].alias,
                                              fp);
                }
            }
            if (strchr(name, '-')) {
                g_autofree char *alt = g_strdelimit(g_strdup(name), "-", '_');

                x86_cpu_add_feature_alias(oc, alt, fp);
            }
            if (strchr(name, '.')) {
                /* "sse4.1" is also "sse4_1"/"sse4-1" */
                g_autofree char *alt = g_strdup(name);
                *strchr(alt, '.') = '_';
                if (!object_class_property_find(oc, alt)) {
                    object_class_property_add(oc, alt, "bool",
                                              x86_cpu_get_bit_prop,
                                              x86_cpu_set_bit_prop, NULL, fp);
                }
                *strchr(alt, '_') = '-';
                if (!object_class_property_find(oc, alt)) {
                    object_class_property_add(oc, alt, "bool",
                                              x86_cpu_get_bit_prop,
                                              x86_cpu_set_bit_prop, NULL, fp);
                }
            }
        }
    }
}

/*
 * "-cpu model,+feat,-feat,feat=on,prop=val": register each as a global
 * property of the CPU type (as QEMU does), so every CPU gets them.
 */
static void x86_cpu_parse_featurestr(const char *typename, char *features,
                                     Error **errp)
{
    g_auto(GStrv) items = NULL;
    char **p;

    if (!features) {
        return;
    }
    items = g_strsplit(features, ",", 0);
    for (p = items; *p; p++) {
        const char *item = *p;
        g_autofree char *name = NULL;
        const char *val;
        GlobalProperty *gp;
        FeatureWord w;
        int bit;

        if (!*item) {
            continue;
        }
        if (item[0] == '+' || item[0] == '-') {
            name = g_strdup(item + 1);
            val = item[0] == '+' ? "on" : "off";
        } else if (strchr(item, '=')) {
            name = g_strndup(item, strchr(item, '=') - item);
            val = strchr(item, '=') + 1;
        } else {
            name = g_strdup(item);
            val = "on";
        }
        if ((item[0] == '+' || item[0] == '-') &&
            !find_feature(name, &w, &bit)) {
            warn_report("Ignoring unknown CPU feature '%s'", name);
            continue;
        }
        if (g_str_equal(name, "tsc-freq")) {
            g_free(name);
            name = g_strdup("tsc-frequency");
        }
        gp = g_new0(GlobalProperty, 1);
        gp->driver = typename;
        gp->property = g_strdup(name);
        gp->value = g_strdup(val);
        qdev_prop_register_global(gp);
    }
}

/* ------------------------------------------------------------------ */
/* Reset and boot state                                                 */

static void load_seg(SegmentCache *sc, uint32_t selector, uint64_t base,
                     uint32_t limit, uint32_t flags)
{
    sc->selector = selector;
    sc->base = base;
    sc->limit = limit;
    sc->flags = flags;
}

/*
 * Flat protected mode (and, for X86_BOOT_LONG64, IA-32e mode) as a
 * loader's boot state asks.  The hidden descriptor caches match the
 * loader's GDT entries for the selectors; TR/LDTR keep their reset
 * values (busy TSS, LDT, present), which VMX accepts in both modes.
 */
static void x86_cpu_load_flat_state(CPUX86State *env, const X86BootState *bs)
{
    uint32_t cs_sel = bs->cs_selector ?: 0x10;
    uint32_t ds_sel = bs->ds_selector ?: 0x18;
    uint32_t flat = DESC_G_MASK | DESC_P_MASK | DESC_S_MASK | DESC_A_MASK;
    bool long64 = bs->mode == X86_BOOT_LONG64;
    int i;

    /* 64-bit code: L=1 and D must be 0. */
    load_seg(&env->segs[R_CS], cs_sel, 0, 0xffffffff,
             flat | DESC_CS_MASK | DESC_R_MASK |
             (long64 ? DESC_L_MASK : DESC_B_MASK));
    for (i = 0; i < 6; i++) {
        if (i != R_CS) {
            load_seg(&env->segs[i], ds_sel, 0, 0xffffffff,
                     flat | DESC_B_MASK | DESC_W_MASK);
        }
    }
    load_seg(&env->gdt, 0, bs->gdt_base, bs->gdt_limit, 0);
    load_seg(&env->idt, 0, 0, 0, 0);
    env->cr[0] = CR0_PE_MASK | CR0_ET_MASK;
    if (long64) {
        env->cr[0] |= CR0_PG_MASK;
        env->cr[3] = bs->cr3;
        env->cr[4] = CR4_PAE_MASK;
        env->efer = MSR_EFER_LME | MSR_EFER_LMA;
    }
}

void x86_cpu_reset_state(X86CPU *cpu)
{
    CPUX86State *env = &cpu->env;
    CPUState *cs = CPU(cpu);
    uint32_t data = DESC_P_MASK | DESC_S_MASK | DESC_W_MASK | DESC_A_MASK;
    int i;

    memset(env->regs, 0, sizeof(env->regs));
    env->eip = 0xfff0;
    env->eflags = 0x2;
    env->regs[R_EDX] = env->cpuid_version;

    load_seg(&env->segs[R_CS], 0xf000, 0xffff0000, 0xffff,
             DESC_P_MASK | DESC_S_MASK | DESC_CS_MASK | DESC_R_MASK |
             DESC_A_MASK);
    for (i = 0; i < 6; i++) {
        if (i != R_CS) {
            load_seg(&env->segs[i], 0, 0, 0xffff, data);
        }
    }
    load_seg(&env->ldt, 0, 0, 0xffff, DESC_P_MASK | (2 << DESC_TYPE_SHIFT));
    load_seg(&env->tr, 0, 0, 0xffff, DESC_P_MASK | (11 << DESC_TYPE_SHIFT));
    load_seg(&env->gdt, 0, 0, 0xffff, 0);
    load_seg(&env->idt, 0, 0, 0xffff, 0);

    env->cr[0] = CR0_ET_MASK | CR0_NW_MASK | CR0_CD_MASK;
    env->cr[2] = env->cr[3] = env->cr[4] = 0;
    env->efer = 0;
    memset(env->dr, 0, sizeof(env->dr));
    env->dr[6] = 0xffff0ff0;
    env->dr[7] = 0x400;
    env->xcr0 = 1;
    env->fpuc = 0x37f;
    env->mxcsr = 0x1f80;
    env->tsc = 0;
    env->pat = 0x0007040600070406ULL;
    env->apic_base = APIC_DEFAULT_ADDRESS | MSR_IA32_APICBASE_ENABLE;
    if (cs->cpu_index == 0 || (first_cpu == cs)) {
        env->apic_base |= MSR_IA32_APICBASE_BSP;
    }
    env->mp_state = (env->apic_base & MSR_IA32_APICBASE_BSP) ?
                    KVM_MP_STATE_RUNNABLE : KVM_MP_STATE_INIT_RECEIVED;

    if (cpu->boot_state_set && (env->apic_base & MSR_IA32_APICBASE_BSP)) {
        const X86BootState *bs = &cpu->boot_state;

        env->regs[R_EAX] = bs->eax;
        env->regs[R_EBX] = bs->ebx;
        env->regs[R_ECX] = bs->ecx;
        env->regs[R_EDX] = bs->edx;
        env->regs[R_ESI] = bs->esi;
        env->regs[R_EDI] = bs->edi;
        env->regs[R_EBP] = bs->ebp;
        env->regs[R_ESP] = bs->rsp;
        env->eip = bs->rip;
        env->eflags = bs->eflags ? bs->eflags | 0x2 : 0x2;
        if (bs->mode == X86_BOOT_FLAT32 || bs->mode == X86_BOOT_LONG64) {
            x86_cpu_load_flat_state(env, bs);
        } else if (bs->mode == X86_BOOT_REAL) {
            load_seg(&env->segs[R_CS], bs->cs_selector,
                     (uint64_t)bs->cs_selector << 4, 0xffff,
                     DESC_P_MASK | DESC_S_MASK | DESC_CS_MASK |
                     DESC_R_MASK | DESC_A_MASK);
            for (i = 0; i < 6; i++) {
                if (i != R_CS) {
                    load_seg(&env->segs[i], bs->ds_selector,
                             (uint64_t)bs->ds_selector << 4, 0xffff, data);
                }
            }
            env->cr[0] = CR0_ET_MASK;
        }
    }
}

static void x86_cpu_reset(CPUState *cs)
{
    x86_cpu_reset_state(X86_CPU(cs));
    cs->vcpu_dirty = true;
}

void x86_cpu_set_boot_state(X86CPU *cpu, const X86BootState *bs)
{
    cpu->boot_state = *bs;
    cpu->boot_state_set = bs->mode != X86_BOOT_DEFAULT;
    if (!runstate_is_running()) {
        cpu_reset(CPU(cpu));
        cpu_synchronize_post_reset(CPU(cpu));
    }
}

/* ------------------------------------------------------------------ */
/* Dump                                                                 */

static void dump_seg(FILE *f, const char *name, const SegmentCache *sc)
{
    fprintf(f, "%-3s=%04x %016" PRIx64 " %08x %08x\n", name, sc->selector,
            sc->base, sc->limit, sc->flags & 0x00ffff00);
}

void x86_cpu_dump_state(CPUState *cs, FILE *f, int flags)
{
    X86CPU *cpu = X86_CPU(cs);
    CPUX86State *env = &cpu->env;
    static const char *const seg_names[6] = {
        "ES", "CS", "SS", "DS", "FS", "GS"
    };
    int i;

    fprintf(f, "RAX=%016" PRIx64 " RBX=%016" PRIx64 " RCX=%016" PRIx64
            " RDX=%016" PRIx64 "\n", env->regs[R_EAX], env->regs[R_EBX],
            env->regs[R_ECX], env->regs[R_EDX]);
    fprintf(f, "RSI=%016" PRIx64 " RDI=%016" PRIx64 " RBP=%016" PRIx64
            " RSP=%016" PRIx64 "\n", env->regs[R_ESI], env->regs[R_EDI],
            env->regs[R_EBP], env->regs[R_ESP]);
    for (i = 8; i < 16; i += 4) {
        fprintf(f, "R%-2d=%016" PRIx64 " R%-2d=%016" PRIx64 " R%-2d=%016"
                PRIx64 " R%-2d=%016" PRIx64 "\n", i, env->regs[i], i + 1,
                env->regs[i + 1], i + 2, env->regs[i + 2], i + 3,
                env->regs[i + 3]);
    }
    fprintf(f, "RIP=%016" PRIx64 " RFL=%08" PRIx64 " CPL=%d HLT=%d\n",
            env->eip, env->eflags, (env->segs[R_CS].flags >> 13) & 3,
            cs->halted);
    for (i = 0; i < 6; i++) {
        dump_seg(f, seg_names[i], &env->segs[i]);
    }
    dump_seg(f, "LDT", &env->ldt);
    dump_seg(f, "TR", &env->tr);
    fprintf(f, "GDT=     %016" PRIx64 " %08x\n", env->gdt.base,
            env->gdt.limit);
    fprintf(f, "IDT=     %016" PRIx64 " %08x\n", env->idt.base,
            env->idt.limit);
    fprintf(f, "CR0=%08" PRIx64 " CR2=%016" PRIx64 " CR3=%016" PRIx64
            " CR4=%08" PRIx64 "\n", env->cr[0], env->cr[2], env->cr[3],
            env->cr[4]);
    fprintf(f, "EFER=%016" PRIx64 "\n", env->efer);
}

/* ------------------------------------------------------------------ */
/* QOM                                                                  */

static ObjectClass *x86_cpu_class_by_name(const char *cpu_model)
{
    g_autofree char *typename = g_strdup_printf(X86_CPU_TYPE_NAME("%s"),
                                                cpu_model);
    ObjectClass *oc = object_class_by_name(typename);

    if (oc && object_class_is_abstract(oc)) {
        return NULL;
    }
    return oc;
}

static int64_t x86_cpu_get_arch_id(CPUState *cs)
{
    return X86_CPU(cs)->apic_id;
}

static bool x86_cpu_has_work(CPUState *cs)
{
    return cs->interrupt_request & (CPU_INTERRUPT_HARD | CPU_INTERRUPT_NMI |
                                    CPU_INTERRUPT_INIT | CPU_INTERRUPT_SIPI);
}

static void x86_cpu_set_pc(CPUState *cs, vaddr value)
{
    X86_CPU(cs)->env.eip = value;
}

static vaddr x86_cpu_get_pc(CPUState *cs)
{
    CPUX86State *env = &X86_CPU(cs)->env;

    return env->eip + env->segs[R_CS].base;
}

static void x86_cpu_load_model(X86CPU *cpu)
{
    X86CPUClass *xcc = X86_CPU_GET_CLASS(cpu);
    CPUX86State *env = &cpu->env;
    const X86CPUDefinition *def = xcc->cpu_def;

    if (xcc->max_features && kvm_enabled()) {
        env->cpuid_level = supported(0, 0, R_EAX);
        env->cpuid_vendor1 = supported(0, 0, R_EBX);
        env->cpuid_vendor2 = supported(0, 0, R_EDX);
        env->cpuid_vendor3 = supported(0, 0, R_ECX);
        env->cpuid_version = supported(1, 0, R_EAX);
        env->cpuid_xlevel = supported(0x80000000, 0, R_EAX);
        for (int i = 0; i < 3; i++) {
            uint32_t r[4];
            r[0] = supported(0x80000002 + i, 0, R_EAX);
            r[1] = supported(0x80000002 + i, 0, R_EBX);
            r[2] = supported(0x80000002 + i, 0, R_ECX);
            r[3] = supported(0x80000002 + i, 0, R_EDX);
            memcpy(env->cpuid_model_id + i * 16, r, 16);
        }
        if (!env->cpuid_model_id[0]) {
            g_strlcpy(env->cpuid_model_id, "Common KVM processor",
                      sizeof(env->cpuid_model_id));
        }
        if (env->cpuid_xlevel < 0x80000008) {
            env->cpuid_xlevel = 0x80000008;
        }
        return;
    }
    if (!def) {
        def = &builtin_x86_defs[0];
    }
    env->cpuid_level = def->level;
    env->cpuid_xlevel = def->xlevel;
    vendor_to_regs(def->vendor, &env->cpuid_vendor1, &env->cpuid_vendor2,
                   &env->cpuid_vendor3);
    env->cpuid_version = ((def->family > 0x0f ? 0x0f : def->family) << 8) |
                         ((def->family > 0x0f ? def->family - 0x0f : 0)
                          << 20) |
                         ((def->model & 0xf) << 4) |
                         ((def->model >> 4) << 16) | def->stepping;
    g_strlcpy(env->cpuid_model_id, def->model_id,
              sizeof(env->cpuid_model_id));
}

static void x86_cpu_realizefn(DeviceState *dev, Error **errp)
{
    CPUState *cs = CPU(dev);
    X86CPU *cpu = X86_CPU(dev);
    X86CPUClass *xcc = X86_CPU_GET_CLASS(dev);
    CPUClass *cc = CPU_CLASS(xcc);
    unsigned cores, threads;

    if (xcc->host_cpuid_required && !kvm_enabled()) {
        error_setg(errp, "CPU model '%s' requires KVM",
                   object_class_get_name(OBJECT_CLASS(xcc)));
        return;
    }
    if (cs->cpu_index < 0) {
        cpu_list_add(cs);
    }
    topo_get(cs, &cores, &threads);
    {
        unsigned sb = bits_for(threads), cb = bits_for(cores);

        if (!cpu->apic_id_set && cpu->socket_id >= 0 && cpu->core_id >= 0 &&
            cpu->thread_id >= 0) {
            cpu->apic_id = (cpu->socket_id << (cb + sb)) |
                           (cpu->core_id << sb) | cpu->thread_id;
        } else if (!cpu->apic_id_set) {
            cpu->apic_id = x86_cpu_apic_id_from_index(cs->cpu_index, cores,
                                                      threads);
        }
        /* Report the topology the APIC ID encodes. */
        cpu->thread_id = cpu->apic_id & ((1u << sb) - 1);
        cpu->core_id = (cpu->apic_id >> sb) & ((1u << cb) - 1);
        cpu->socket_id = cpu->apic_id >> (sb + cb);
        cpu->die_id = 0;
    }
    if (!cpu->phys_bits) {
        cpu->phys_bits = 40;
        if (xcc->max_features && kvm_enabled()) {
            uint32_t host = supported(0x80000008, 0, R_EAX) & 0xff;
            cpu->phys_bits = host ? host : 40;
        }
    }
    x86_cpu_load_model(cpu);
    if (cpu->hyperv_passthrough) {
        error_setg(errp, "Hyper-V enlightenments (hv-passthrough) are not "
                   "supported");
        return;
    }
    x86_cpu_expand_features(cpu, &error_abort);
    if (kvm_enabled() &&
        !x86_cpu_filter_features(cpu, cpu->check_cpuid ||
                                      cpu->enforce_cpuid) &&
        cpu->enforce_cpuid) {
        error_setg(errp, "%s: CPU model '%s' has features the host "
                   "KVM does not support", __func__,
                   object_class_get_name(OBJECT_CLASS(xcc)));
        return;
    }
    cc->parent_realize(dev, errp);
}

static void x86_cpu_get_apic_id(Object *obj, Visitor *v, const char *name,
                                void *opaque, Error **errp)
{
    uint32_t value = X86_CPU(obj)->apic_id;

    visit_type_uint32(v, name, &value, errp);
}

static void x86_cpu_set_apic_id(Object *obj, Visitor *v, const char *name,
                                void *opaque, Error **errp)
{
    X86CPU *cpu = X86_CPU(obj);
    uint32_t value;

    if (DEVICE(obj)->realized) {
        error_setg(errp, "Attempt to set property '%s' on device '%s' "
                   "after it was realized", name, object_get_typename(obj));
        return;
    }
    if (!visit_type_uint32(v, name, &value, errp)) {
        return;
    }
    cpu->apic_id = value;
    cpu->apic_id_set = true;
}

/* socket-id, die-id, core-id, thread-id (-1: derived from apic-id). */
static void x86_cpu_get_topo_id(Object *obj, Visitor *v, const char *name,
                                void *opaque, Error **errp)
{
    int32_t *field = (int32_t *)((char *)obj + (uintptr_t)opaque);

    visit_type_int32(v, name, field, errp);
}

static void x86_cpu_set_topo_id(Object *obj, Visitor *v, const char *name,
                                void *opaque, Error **errp)
{
    int32_t *field = (int32_t *)((char *)obj + (uintptr_t)opaque);

    if (DEVICE(obj)->realized) {
        error_setg(errp, "Attempt to set property '%s' on device '%s' "
                   "after it was realized", name, object_get_typename(obj));
        return;
    }
    visit_type_int32(v, name, field, errp);
}

static void x86_cpu_get_model_id(Object *obj, Visitor *v, const char *name,
                                 void *opaque, Error **errp)
{
    char *value = g_strdup(X86_CPU(obj)->env.cpuid_model_id);

    visit_type_str(v, name, &value, errp);
    g_free(value);
}

static void x86_cpu_get_vendor(Object *obj, Visitor *v, const char *name,
                               void *opaque, Error **errp)
{
    CPUX86State *env = &X86_CPU(obj)->env;
    char buf[13];
    char *value;

    memcpy(buf, &env->cpuid_vendor1, 4);
    memcpy(buf + 4, &env->cpuid_vendor2, 4);
    memcpy(buf + 8, &env->cpuid_vendor3, 4);
    buf[12] = 0;
    value = g_strdup(buf);
    visit_type_str(v, name, &value, errp);
    g_free(value);
}

static void x86_cpu_initfn(Object *obj)
{
    X86CPU *cpu = X86_CPU(obj);

    cpu->check_cpuid = true;
    cpu->expose_kvm = true;
    cpu->socket_id = cpu->die_id = cpu->core_id = cpu->thread_id = -1;
    CPU(obj)->env_ptr = &cpu->env;
    x86_cpu_load_model(cpu);

    object_property_add_uint32_ptr(obj, "level", &cpu->env.cpuid_level,
                                   OBJ_PROP_FLAG_READ);
    object_property_add_uint32_ptr(obj, "xlevel", &cpu->env.cpuid_xlevel,
                                   OBJ_PROP_FLAG_READ);
    object_property_add_uint32_ptr(obj, "phys-bits", &cpu->phys_bits,
                                   OBJ_PROP_FLAG_READWRITE);
}

#define X86_BOOL_PROP(field)                                              \
    static bool x86_get_##field(Object *obj, Error **errp)                \
    {                                                                     \
        return X86_CPU(obj)->field;                                       \
    }                                                                     \
    static void x86_set_##field(Object *obj, bool value, Error **errp)    \
    {                                                                     \
        X86_CPU(obj)->field = value;                                      \
    }
X86_BOOL_PROP(check_cpuid)
X86_BOOL_PROP(enforce_cpuid)
X86_BOOL_PROP(expose_kvm)
X86_BOOL_PROP(migratable)
X86_BOOL_PROP(hyperv_passthrough)

/* family, model, stepping: from CPUID[1].EAX of the model */
static void x86_cpu_get_signature(Object *obj, Visitor *v, const char *name,
                                  void *opaque, Error **errp)
{
    uint32_t ver = X86_CPU(obj)->env.cpuid_version;
    int64_t value;

    if (!strcmp(name, "family")) {
        value = (ver >> 8) & 0xf;
        if (value == 0xf) {
            value += (ver >> 20) & 0xff;
        }
    } else if (!strcmp(name, "model")) {
        value = ((ver >> 4) & 0xf) | ((ver >> 12) & 0xf0);
    } else {
        value = ver & 0xf;
    }
    visit_type_int(v, name, &value, errp);
}

static void x86_cpu_common_class_init(ObjectClass *oc, void *data)
{
    X86CPUClass *xcc = X86_CPU_CLASS(oc);
    CPUClass *cc = CPU_CLASS(oc);
    DeviceClass *dc = DEVICE_CLASS(oc);

    device_class_set_parent_realize(dc, x86_cpu_realizefn,
                                    &cc->parent_realize);
    cc->class_by_name = x86_cpu_class_by_name;
    cc->parse_features = x86_cpu_parse_featurestr;
    cc->has_work = x86_cpu_has_work;
    cc->dump_state = x86_cpu_dump_state;
    cc->get_arch_id = x86_cpu_get_arch_id;
    cc->set_pc = x86_cpu_set_pc;
    cc->get_pc = x86_cpu_get_pc;
    cc->reset = x86_cpu_reset;
    xcc->cpu_def = data;

    object_class_property_add(oc, "apic-id", "uint32", x86_cpu_get_apic_id,
                              x86_cpu_set_apic_id, NULL, NULL);
    object_class_property_add(oc, "socket-id", "int32", x86_cpu_get_topo_id,
                              x86_cpu_set_topo_id, NULL,
                              (void *)offsetof(X86CPU, socket_id));
    object_class_property_add(oc, "die-id", "int32", x86_cpu_get_topo_id,
                              x86_cpu_set_topo_id, NULL,
                              (void *)offsetof(X86CPU, die_id));
    object_class_property_add(oc, "core-id", "int32", x86_cpu_get_topo_id,
                              x86_cpu_set_topo_id, NULL,
                              (void *)offsetof(X86CPU, core_id));
    object_class_property_add(oc, "thread-id", "int32", x86_cpu_get_topo_id,
                              x86_cpu_set_topo_id, NULL,
                              (void *)offsetof(X86CPU, thread_id));
    object_class_property_add(oc, "model-id", "str", x86_cpu_get_model_id,
                              NULL, NULL, NULL);
    object_class_property_add(oc, "vendor", "str", x86_cpu_get_vendor,
                              NULL, NULL, NULL);
    object_class_property_add(oc, "unavailable-features", "strList",
                              x86_cpu_get_unavailable_features, NULL, NULL,
                              NULL);
    object_class_property_add(oc, "filtered-features", "strList",
                              x86_cpu_get_unavailable_features, NULL, NULL,
                              NULL);
    object_class_property_add_bool(oc, "check", x86_get_check_cpuid,
                                   x86_set_check_cpuid);
    object_class_property_add_bool(oc, "enforce", x86_get_enforce_cpuid,
                                   x86_set_enforce_cpuid);
    object_class_property_add_bool(oc, "kvm", x86_get_expose_kvm,
                                   x86_set_expose_kvm);
    object_class_property_add_bool(oc, "migratable", x86_get_migratable,
                                   x86_set_migratable);
    /* libvirt asks for it in host-passthrough expansions; refused at realize */
    object_class_property_add_bool(oc, "hv-passthrough",
                                   x86_get_hyperv_passthrough,
                                   x86_set_hyperv_passthrough);
    object_class_property_add(oc, "family", "int", x86_cpu_get_signature,
                              NULL, NULL, NULL);
    object_class_property_add(oc, "model", "int", x86_cpu_get_signature,
                              NULL, NULL, NULL);
    object_class_property_add(oc, "stepping", "int", x86_cpu_get_signature,
                              NULL, NULL, NULL);
    x86_cpu_register_feature_props(oc);
}

static void x86_cpu_model_class_init(ObjectClass *oc, void *data)
{
    X86CPUClass *xcc = X86_CPU_CLASS(oc);

    xcc->cpu_def = data;
    xcc->model_description = xcc->cpu_def->model_id;
}

static void x86_cpu_host_class_init(ObjectClass *oc, void *data)
{
    X86CPUClass *xcc = X86_CPU_CLASS(oc);

    xcc->host_cpuid_required = true;
    xcc->max_features = true;
    xcc->cpu_def = NULL;
    xcc->model_description =
        "KVM processor with all supported host features";
}

static void x86_cpu_max_class_init(ObjectClass *oc, void *data)
{
    X86CPUClass *xcc = X86_CPU_CLASS(oc);

    xcc->max_features = true;
    xcc->cpu_def = NULL;
    xcc->model_description = "Enables all features supported by the "
                             "accelerator in the current host";
}

static const TypeInfo x86_cpu_type_info = {
    .name = TYPE_X86_CPU,
    .parent = TYPE_CPU,
    .instance_size = sizeof(X86CPU),
    .instance_init = x86_cpu_initfn,
    .abstract = true,
    .class_size = sizeof(X86CPUClass),
    .class_init = x86_cpu_common_class_init,
};

static void x86_cpu_register_types(void)
{
    static const TypeInfo max_info = {
        .name = X86_CPU_TYPE_NAME("max"),
        .parent = TYPE_X86_CPU,
        .class_init = x86_cpu_max_class_init,
    };
    static const TypeInfo host_info = {
        .name = X86_CPU_TYPE_NAME("host"),
        .parent = X86_CPU_TYPE_NAME("max"),
        .class_init = x86_cpu_host_class_init,
    };
    size_t i;

    type_register_static(&x86_cpu_type_info);
    for (i = 0; i < ARRAY_SIZE(builtin_x86_defs); i++) {
        TypeInfo ti = {
            .name = g_strdup_printf(X86_CPU_TYPE_NAME("%s"),
                                    builtin_x86_defs[i].name),
            .parent = TYPE_X86_CPU,
            .class_init = x86_cpu_model_class_init,
            .class_data = (void *)&builtin_x86_defs[i],
        };
        type_register(&ti);
    }
    type_register_static(&max_info);
    type_register_static(&host_info);
}

type_init(x86_cpu_register_types)

static gint x86_cpu_list_compare(gconstpointer a, gconstpointer b)
{
    return strcmp(object_class_get_name((ObjectClass *)a),
                  object_class_get_name((ObjectClass *)b));
}

static void x86_cpu_list_entry(gpointer data, gpointer user_data)
{
    ObjectClass *oc = data;
    X86CPUClass *xcc = X86_CPU_CLASS(oc);
    const char *typename = object_class_get_name(oc);
    g_autofree char *name = g_strndup(typename, strlen(typename) -
                                      strlen(X86_CPU_TYPE_SUFFIX));

    printf("x86 %-20s  %s\n", name,
           xcc->model_description ? xcc->model_description : "");
}

void x86_cpu_list(void)
{
    GSList *list = object_class_get_list(TYPE_X86_CPU, false);
    FeatureWord w;
    int bit, col = 0;

    list = g_slist_sort(list, x86_cpu_list_compare);
    printf("Available CPUs:\n");
    g_slist_foreach(list, x86_cpu_list_entry, NULL);
    g_slist_free(list);

    printf("\nRecognized CPUID flags:\n ");
    for (w = 0; w < FEATURE_WORDS; w++) {
        for (bit = 0; bit < 32; bit++) {
            const char *n = feature_word_info[w].names[bit];
            if (!n || (w == FEAT_KVM && bit == 3)) {
                continue;
            }
            if (col + strlen(n) + 1 > 75) {
                printf("\n ");
                col = 0;
            }
            printf(" %s", n);
            col += strlen(n) + 1;
        }
    }
    printf("\n\n");
}
