/*
 * Common x86 board code: the abstract x86 machine, CPU creation and
 * APIC IDs, firmware mapping and direct kernel boot glue.
 */
#include "qemu/osdep.h"
#include "sysemu/sysemu.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/module.h"
#include "exec/address-spaces.h"
#include "qemu/typedefs.h"
#include "hw/boards.h"
#include "hw/core/cpu.h"
#include "hw/qdev-core.h"
#include "hw/i386/x86.h"
#include "hw/i386/kernel-loader.h"
#include "sysemu/reset.h"
#include "target/i386/cpu.h"

/* ---- CPUs --------------------------------------------------------- */

void x86_cpu_new(X86MachineState *x86ms, int64_t apic_id, Error **errp)
{
    Object *cpu = object_new(MACHINE(x86ms)->cpu_type);

    if (object_property_set_uint(cpu, "apic-id", apic_id, errp)) {
        qdev_realize(DEVICE(cpu), NULL, errp);
    }
    object_unref(cpu);
}

void x86_cpus_init(X86MachineState *x86ms, int default_cpu_version)
{
    MachineState *ms = MACHINE(x86ms);
    MachineClass *mc = MACHINE_GET_CLASS(x86ms);
    const CPUArchIdList *possible_cpus;
    int i;

    x86ms->apic_id_limit =
        x86_cpu_apic_id_from_index(ms->smp.max_cpus - 1, ms->smp.cores,
                                   ms->smp.threads) + 1;
    x86ms->boot_cpus = ms->smp.cpus;
    possible_cpus = mc->possible_cpu_arch_ids(ms);
    for (i = 0; i < ms->smp.cpus; i++) {
        x86_cpu_new(x86ms, possible_cpus->cpus[i].arch_id, &error_fatal);
    }
}

const CPUArchIdList *x86_possible_cpu_arch_ids(MachineState *ms)
{
    unsigned int max_cpus = ms->smp.max_cpus;
    unsigned int cores = ms->smp.cores ? ms->smp.cores : 1;
    unsigned int threads = ms->smp.threads ? ms->smp.threads : 1;
    unsigned int dies = ms->smp.dies ? ms->smp.dies : 1;
    int i;

    if (ms->possible_cpus) {
        assert(ms->possible_cpus->len == max_cpus);
        return ms->possible_cpus;
    }
    ms->possible_cpus = g_malloc0(sizeof(CPUArchIdList) +
                                  sizeof(CPUArchId) * max_cpus);
    ms->possible_cpus->len = max_cpus;
    for (i = 0; i < ms->possible_cpus->len; i++) {
        CPUArchId *c = &ms->possible_cpus->cpus[i];

        c->type = ms->cpu_type;
        c->vcpus_count = 1;
        c->arch_id = x86_cpu_apic_id_from_index(i, cores, threads);
        c->props.has_socket_id = true;
        c->props.socket_id = i / (cores * threads * dies);
        if (ms->smp.dies > 1) {
            c->props.has_die_id = true;
            c->props.die_id = (i / (cores * threads)) % dies;
        }
        c->props.has_core_id = true;
        c->props.core_id = (i / threads) % cores;
        c->props.has_thread_id = true;
        c->props.thread_id = i % threads;
    }
    return ms->possible_cpus;
}

static CpuInstanceProperties x86_cpu_index_to_props(MachineState *ms,
                                                    unsigned cpu_index)
{
    MachineClass *mc = MACHINE_GET_CLASS(ms);
    const CPUArchIdList *possible_cpus = mc->possible_cpu_arch_ids(ms);

    assert(cpu_index < possible_cpus->len);
    return possible_cpus->cpus[cpu_index].props;
}

static int64_t x86_get_default_cpu_node_id(const MachineState *ms, int idx)
{
    return 0;
}

/* ---- Firmware ----------------------------------------------------- */

static char *x86_find_firmware(const char *name)
{
    return qemu_find_file(QEMU_FILE_TYPE_BIOS, name);
}

/*
 * Map the BIOS image at the top of 4 GiB and its last 128 KiB at
 * 0xe0000 (the "isa-bios" alias).  Returns false when the image is
 * missing and not required (direct kernel boot).
 */
static bool x86_bios_rom_load(MachineState *ms, const char *bios_name,
                              MemoryRegion *rom_memory, bool required)
{
    static MemoryRegion bios, isa_bios;
    g_autofree char *filename = x86_find_firmware(bios_name);
    gchar *data = NULL;
    gsize bios_size = 0;
    uint64_t isa_bios_size;

    if (!filename || !g_file_get_contents(filename, &data, &bios_size, NULL)) {
        if (required) {
            error_report("could not load PC BIOS '%s'", bios_name);
            exit(1);
        }
        return false;
    }
    if (bios_size == 0 || bios_size % 65536 != 0 || bios_size > 16 * MiB) {
        error_report("could not load PC BIOS '%s': size must be a multiple "
                     "of 64 KiB, up to 16 MiB", bios_name);
        exit(1);
    }
    memory_region_init_rom(&bios, NULL, "pc.bios", bios_size, &error_fatal);
    memcpy(memory_region_get_ram_ptr(&bios), data, bios_size);
    g_free(data);
    memory_region_add_subregion(rom_memory, (uint32_t)(-bios_size), &bios);

    isa_bios_size = MIN(bios_size, 128 * KiB);
    memory_region_init_alias(&isa_bios, NULL, "isa-bios", &bios,
                             bios_size - isa_bios_size, isa_bios_size);
    memory_region_add_subregion_overlap(rom_memory, 0x100000 - isa_bios_size,
                                        &isa_bios, 1);
    memory_region_set_readonly(&isa_bios, true);
    return true;
}

void x86_bios_rom_init(MachineState *ms, const char *default_firmware,
                       MemoryRegion *rom_memory, bool isapc_ram_fw)
{
    const char *name = ms->firmware ? ms->firmware : default_firmware;

    x86_bios_rom_load(ms, name, rom_memory, !ms->kernel_filename);
}

/* ---- Direct kernel boot ------------------------------------------- */

static void x86_boot_write_segments(void *opaque)
{
    X86BootInfo *info = opaque;
    int i;

    for (i = 0; i < info->segments->len; i++) {
        X86BootSegment *s = &g_array_index(info->segments, X86BootSegment, i);
        if (address_space_write(&address_space_memory, s->addr,
                                MEMTXATTRS_UNSPECIFIED, s->data,
                                s->len) != MEMTX_OK) {
            error_report("failed to write kernel segment at 0x%" PRIx64,
                         s->addr);
            exit(1);
        }
    }
}

static bool x86_cpu_has_long_mode(X86CPU *cpu)
{
    return cpu->env.features[FEAT_8000_0001_EDX] & CPUID_EXT2_LM;
}

void x86_direct_kernel_boot(X86MachineState *x86ms)
{
    MachineState *ms = MACHINE(x86ms);
    X86BootInfo *info = g_new0(X86BootInfo, 1);
    X86BootConfig cfg = {
        .kernel_filename = ms->kernel_filename,
        .cmdline = ms->kernel_cmdline,
        .initrd_filename = ms->initrd_filename,
        .below_4g = x86ms->below_4g_mem_size,
        .above_4g = x86ms->above_4g_mem_size,
        /* Linux's 64-bit entry needs a CPU model with long mode. */
        .allow_long_mode = x86_cpu_has_long_mode(X86_CPU(first_cpu)),
        .rsdp_addr = x86ms->boot_rsdp_addr,
    };
    X86BootState bs = { 0 };
    Error *err = NULL;

    if (!x86_boot_prepare_file(&cfg, info, &err)) {
        error_report_err(err);
        exit(1);
    }
    x86ms->boot_protocol = info->protocol;
    /* Written now and again on every reset: the guest may change RAM. */
    x86_boot_write_segments(info);
    qemu_register_reset(x86_boot_write_segments, info);

    bs.mode = info->long_mode ? X86_BOOT_LONG64 : X86_BOOT_FLAT32;
    bs.cs_selector = info->cs;
    bs.ds_selector = info->ds;
    bs.gdt_base = info->gdt_base;
    bs.gdt_limit = info->gdt_limit;
    bs.cr3 = info->cr3;
    bs.rip = info->entry;
    bs.eax = info->eax;
    bs.ebx = info->ebx;
    bs.esi = info->esi;
    bs.eflags = 0x2;
    x86_cpu_set_boot_state(X86_CPU(first_cpu), &bs);
}

bool x86_machine_is_smm_enabled(const X86MachineState *x86ms)
{
    return false;
}

/* ---- Machine type ------------------------------------------------- */

static void x86_machine_initfn(Object *obj)
{
    X86MachineState *x86ms = X86_MACHINE(obj);

    x86ms->above_4g_mem_start = 4 * GiB;
}

static void x86_machine_class_init(ObjectClass *oc, void *data)
{
    MachineClass *mc = MACHINE_CLASS(oc);
    X86MachineClass *x86mc = X86_MACHINE_CLASS(oc);

    mc->cpu_index_to_instance_props = x86_cpu_index_to_props;
    mc->get_default_cpu_node_id = x86_get_default_cpu_node_id;
    mc->possible_cpu_arch_ids = x86_possible_cpu_arch_ids;
    x86mc->save_tsc_khz = true;
    x86mc->fwcfg_dma_enabled = true;
}

static const TypeInfo x86_machine_info = {
    .name = TYPE_X86_MACHINE,
    .parent = TYPE_MACHINE,
    .abstract = true,
    .instance_size = sizeof(X86MachineState),
    .instance_init = x86_machine_initfn,
    .class_size = sizeof(X86MachineClass),
    .class_init = x86_machine_class_init,
};

static void x86_machine_register_types(void)
{
    type_register_static(&x86_machine_info);
}

type_init(x86_machine_register_types)
