/*
 * PC board pieces shared by PC machine types: RAM layout around the
 * PCI hole, fw_cfg contents, CMOS memory fields, the basic ISA
 * devices and port 0x92.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/module.h"
#include "qemu/notify.h"
#include "exec/address-spaces.h"
#include "qemu/typedefs.h"
#include "hw/i386/pc.h"
#include "hw/i386/apic.h"
#include "hw/intc/i8259.h"
#include "hw/timer/i8254.h"
#include "hw/timer/hpet.h"
#include "hw/sysbus.h"
#include "hw/rtc/mc146818rtc.h"
#include "hw/input/i8042.h"
#include "hw/char/serial.h"
#include "hw/char/parallel.h"
#include "hw/irq.h"
#include "hw/qdev-properties.h"
#include "sysemu/runstate.h"
#include "sysemu/reset.h"
#include "qapi/visitor.h"
#include "sysemu/sysemu.h"
#include "hw/pci/pci_bus.h"
#include "hw/pci/pci_host.h"
#include "hw/acpi/piix4.h"
#include "hw/i386/acpi-build.h"
#include "hw/firmware/smbios.h"

#define FW_CFG_IO_BASE 0x510

void pc_i440fx_split_ram(uint64_t ram_size, bool gigabyte_align,
                         uint64_t max_ram_below_4g,
                         uint64_t *below_4g, uint64_t *above_4g)
{
    uint64_t lowmem = max_ram_below_4g ? max_ram_below_4g
                                       : PC_I440FX_LOWMEM_MAX;

    /*
     * Large machines keep 3 GiB below 4 GiB so that the high part is
     * gigabyte aligned (helps huge pages), unless told otherwise.
     */
    if (ram_size >= lowmem && gigabyte_align) {
        if (lowmem > 0xc0000000) {
            lowmem = 0xc0000000;
        }
        if (lowmem & (GiB - 1)) {
            warn_report("Large machine and max_ram_below_4g (%" PRIu64
                        ") not a multiple of 1G; possible bad performance.",
                        lowmem);
        }
    }
    if (ram_size >= lowmem) {
        *above_4g = ram_size - lowmem;
        *below_4g = lowmem;
    } else {
        *above_4g = 0;
        *below_4g = ram_size;
    }
}

/* ---- Port 0x92 ---------------------------------------------------- */

OBJECT_DECLARE_SIMPLE_TYPE(Port92State, PORT92)

struct Port92State {
    ISADevice parent_obj;

    MemoryRegion io;
    uint8_t outport;
    qemu_irq a20_out;
};

static void port92_write(void *opaque, hwaddr addr, uint64_t val,
                         unsigned size)
{
    Port92State *s = opaque;
    int oldval = s->outport;

    s->outport = val;
    qemu_set_irq(s->a20_out, (val >> 1) & 1);
    /* Bit 0 going 0 -> 1 is the "fast reset". */
    if ((val & 1) && !(oldval & 1)) {
        qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
    }
}

static uint64_t port92_read(void *opaque, hwaddr addr, unsigned size)
{
    Port92State *s = opaque;

    return s->outport;
}

static const MemoryRegionOps port92_ops = {
    .read = port92_read,
    .write = port92_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .impl = {
        .min_access_size = 1,
        .max_access_size = 1,
    },
};

static void port92_reset(DeviceState *d)
{
    Port92State *s = PORT92(d);

    s->outport &= ~1;
}

static void port92_initfn(Object *obj)
{
    Port92State *s = PORT92(obj);

    memory_region_init_io(&s->io, obj, &port92_ops, s, "port92", 1);
    s->outport = 0;
    qdev_init_gpio_out_named(DEVICE(obj), &s->a20_out, "a20", 1);
}

static void port92_realizefn(DeviceState *dev, Error **errp)
{
    ISADevice *isadev = ISA_DEVICE(dev);
    Port92State *s = PORT92(dev);

    isa_register_ioport(isadev, &s->io, 0x92);
}

static void port92_class_initfn(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = port92_realizefn;
    dc->reset = port92_reset;
    /* Wired by the board only. */
    dc->user_creatable = false;
}

static const TypeInfo port92_info = {
    .name = TYPE_PORT92,
    .parent = TYPE_ISA_DEVICE,
    .instance_size = sizeof(Port92State),
    .instance_init = port92_initfn,
    .class_init = port92_class_initfn,
};

/* ---- RAM, firmware and fw_cfg ------------------------------------- */

void pc_memory_init(PCMachineState *pcms, MemoryRegion *system_memory,
                    MemoryRegion *rom_memory, MemoryRegion **ram_memory,
                    uint64_t pci_hole64_size)
{
    MachineState *machine = MACHINE(pcms);
    X86MachineState *x86ms = X86_MACHINE(pcms);

    assert(machine->ram_size == x86ms->below_4g_mem_size +
                                x86ms->above_4g_mem_size);
    *ram_memory = machine->ram;

    memory_region_init_alias(&x86ms->ram_below_4g, NULL, "ram-below-4g",
                             machine->ram, 0, x86ms->below_4g_mem_size);
    memory_region_add_subregion(system_memory, 0, &x86ms->ram_below_4g);
    e820_reset_table();
    e820_add_entry(0, x86ms->below_4g_mem_size, E820_RAM);
    if (x86ms->above_4g_mem_size > 0) {
        memory_region_init_alias(&x86ms->ram_above_4g, NULL, "ram-above-4g",
                                 machine->ram, x86ms->below_4g_mem_size,
                                 x86ms->above_4g_mem_size);
        memory_region_add_subregion(system_memory,
                                    x86ms->above_4g_mem_start,
                                    &x86ms->ram_above_4g);
        e820_add_entry(x86ms->above_4g_mem_start, x86ms->above_4g_mem_size,
                       E820_RAM);
    }

    x86_bios_rom_init(machine, "bios-256k.bin", rom_memory, false);
    x86ms->fw_cfg = pc_fw_cfg_init(pcms);
}

FWCfgState *pc_fw_cfg_init(PCMachineState *pcms)
{
    MachineState *ms = MACHINE(pcms);
    X86MachineState *x86ms = X86_MACHINE(pcms);
    X86MachineClass *x86mc = X86_MACHINE_GET_CLASS(pcms);
    FWCfgState *fw_cfg;
    const struct e820_entry *table;
    uint64_t *numa;
    int nr;
    size_t numa_len;
    uint32_t *e820_reserve;

    fw_cfg = fw_cfg_init_io_dma(FW_CFG_IO_BASE,
                                x86mc->fwcfg_dma_enabled ? FW_CFG_IO_BASE + 4
                                                         : 0,
                                &address_space_memory);
    fw_cfg_add_i16(fw_cfg, FW_CFG_NB_CPUS, x86ms->boot_cpus);
    fw_cfg_add_i16(fw_cfg, FW_CFG_MAX_CPUS, x86ms->apic_id_limit);
    fw_cfg_add_i64(fw_cfg, FW_CFG_RAM_SIZE, ms->ram_size);
    /* Legacy ACPI table list: empty (tables go in etc/acpi/tables). */
    fw_cfg_add_bytes(fw_cfg, FW_CFG_ACPI_TABLES, g_malloc0(2), 2);
    fw_cfg_add_i32(fw_cfg, FW_CFG_IRQ0_OVERRIDE, 1);
    /* Legacy reservation table: a count of zero entries. */
    e820_reserve = g_malloc0(4);
    fw_cfg_add_bytes(fw_cfg, FW_CFG_E820_TABLE, e820_reserve, 4);

    table = e820_get_table(&nr);
    fw_cfg_add_file(fw_cfg, "etc/e820",
                    g_memdup2(table, nr * sizeof(struct e820_entry)),
                    nr * sizeof(struct e820_entry));

    /* NUMA: node count, per-APIC-ID node, per-node memory (all zero). */
    numa_len = (1 + x86ms->apic_id_limit) * sizeof(uint64_t);
    numa = g_malloc0(numa_len);
    fw_cfg_add_bytes(fw_cfg, FW_CFG_NUMA, numa, numa_len);
    return fw_cfg;
}

/* Record what -kernel/-append/-initrd were, as QEMU's fw_cfg does. */
static void pc_fw_cfg_add_kernel(FWCfgState *fw_cfg, MachineState *ms)
{
    gchar *data;
    gsize len;
    const char *cmdline = ms->kernel_cmdline ? ms->kernel_cmdline : "";

    if (!ms->kernel_filename) {
        return;
    }
    if (g_file_get_contents(ms->kernel_filename, &data, &len, NULL)) {
        fw_cfg_add_i32(fw_cfg, FW_CFG_KERNEL_ADDR, 0x100000);
        fw_cfg_add_i32(fw_cfg, FW_CFG_KERNEL_SIZE, len);
        fw_cfg_add_bytes(fw_cfg, FW_CFG_KERNEL_DATA, data, len);
    }
    fw_cfg_add_i32(fw_cfg, FW_CFG_CMDLINE_ADDR, 0x20000);
    fw_cfg_add_i32(fw_cfg, FW_CFG_CMDLINE_SIZE, strlen(cmdline) + 1);
    fw_cfg_add_string(fw_cfg, FW_CFG_CMDLINE_DATA, cmdline);
    if (ms->initrd_filename && !strchr(ms->initrd_filename, ',') &&
        g_file_get_contents(ms->initrd_filename, &data, &len, NULL)) {
        fw_cfg_add_i32(fw_cfg, FW_CFG_INITRD_SIZE, len);
        fw_cfg_add_bytes(fw_cfg, FW_CFG_INITRD_DATA, data, len);
    }
}

/* ---- CMOS --------------------------------------------------------- */

static void pc_cmos_init(PCMachineState *pcms, ISADevice *rtc)
{
    X86MachineState *x86ms = X86_MACHINE(pcms);
    MachineState *ms = MACHINE(pcms);
    uint64_t val;

    if (!rtc) {
        return;
    }
    /* Base memory: 640 KiB. */
    rtc_set_memory(rtc, 0x15, 640 & 0xff);
    rtc_set_memory(rtc, 0x16, 640 >> 8);
    /* Extended memory in KiB above 1 MiB (max 64 MiB - 1). */
    val = x86ms->below_4g_mem_size / KiB;
    val = val > 1024 ? val - 1024 : 0;
    if (val > 65535) {
        val = 65535;
    }
    rtc_set_memory(rtc, 0x17, val);
    rtc_set_memory(rtc, 0x18, val >> 8);
    rtc_set_memory(rtc, 0x30, val);
    rtc_set_memory(rtc, 0x31, val >> 8);
    /* Memory above 16 MiB in 64 KiB units. */
    if (x86ms->below_4g_mem_size > 16 * MiB) {
        val = (x86ms->below_4g_mem_size - 16 * MiB) / (64 * KiB);
    } else {
        val = 0;
    }
    if (val > 65535) {
        val = 65535;
    }
    rtc_set_memory(rtc, 0x34, val);
    rtc_set_memory(rtc, 0x35, val >> 8);
    /* Memory above 4 GiB in 64 KiB units (24 bits). */
    val = x86ms->above_4g_mem_size / (64 * KiB);
    rtc_set_memory(rtc, 0x5b, val);
    rtc_set_memory(rtc, 0x5c, val >> 8);
    rtc_set_memory(rtc, 0x5d, val >> 16);
    /* Number of CPUs minus one (SeaBIOS reads it). */
    rtc_set_memory(rtc, 0x5f, ms->smp.cpus - 1);
    /* Equipment byte: FPU and PS/2 mouse, no floppy. */
    rtc_set_memory(rtc, 0x14, 0x02 | 0x04);
    /* Boot order "cad": disk, floppy, cdrom; floppy sig check on. */
    rtc_set_memory(rtc, 0x3d, (1 << 4) | 2);
    rtc_set_memory(rtc, 0x38, (3 << 4) | 0);
    /* No floppy drives, no hard-disk geometry in CMOS. */
    rtc_set_memory(rtc, 0x10, 0);
    rtc_set_memory(rtc, 0x12, 0);
}

/* ---- Devices ------------------------------------------------------ */

qemu_irq *pc_allocate_gsi(GSIState **state)
{
    GSIState *s = g_new0(GSIState, 1);

    *state = s;
    return qemu_allocate_irqs(gsi_handler, s, GSI_NUM_PINS);
}

void pc_i8259_create(ISABus *isa_bus, qemu_irq *i8259_irqs)
{
    qemu_irq *i8259 = kvm_i8259_init(isa_bus);
    int i;

    for (i = 0; i < ISA_NUM_IRQS; i++) {
        i8259_irqs[i] = i8259[i];
    }
    g_free(i8259);
}

/* The HPET at 0xfed00000, its timers able to reach the GSIs in @intcap. */
static DeviceState *pc_hpet_create(qemu_irq *gsi, uint32_t intcap)
{
    DeviceState *hpet = qdev_new(TYPE_HPET);
    int i;

    qdev_prop_set_uint32(hpet, HPET_INTCAP, intcap);
    sysbus_realize_and_unref(SYS_BUS_DEVICE(hpet), &error_fatal);
    sysbus_mmio_map(SYS_BUS_DEVICE(hpet), 0, HPET_BASE);
    for (i = 0; i < GSI_NUM_PINS; i++) {
        sysbus_connect_irq(SYS_BUS_DEVICE(hpet), i, gsi[i]);
    }
    return hpet;
}

void pc_basic_device_init(PCMachineState *pcms, ISABus *isa_bus,
                          qemu_irq *gsi, ISADevice **rtc_state,
                          bool create_fdctrl, uint32_t hpet_irqs)
{
    ISADevice *i8042, *port92;
    DeviceState *hpet = pcms->hpet_enabled ? pc_hpet_create(gsi, hpet_irqs)
                                           : NULL;

    pcms->hpet = hpet;
    /* With an HPET the RTC interrupts through it (legacy replacement). */
    *rtc_state = mc146818_rtc_init(isa_bus, 2000, hpet ?
                                   qdev_get_gpio_in_named(hpet, HPET_RTC_INPUT,
                                                          0) : NULL);
    if (pcms->pit_enabled) {
        pcms->pit = kvm_pit_init(isa_bus, 0x40);
        if (hpet) {
            qdev_connect_gpio_out_named(hpet, HPET_PIT_ENABLE_OUTPUT, 0,
                                        qdev_get_gpio_in(DEVICE(pcms->pit),
                                                         0));
        }
    }
    serial_hds_isa_init(isa_bus, 0, MAX_ISA_SERIAL_PORTS);
    parallel_hds_isa_init(isa_bus, MAX_PARALLEL_PORTS);
    if (pcms->i8042_enabled) {
        i8042 = isa_create_simple(isa_bus, TYPE_I8042);
        (void)i8042;
    }
    port92 = isa_create_simple(isa_bus, TYPE_PORT92);
    (void)port92;
}

void pc_guest_info_init(PCMachineState *pcms)
{
}

static void pc_machine_done_notify(Notifier *n, void *data);
static Notifier pc_machine_done_notifier = {
    .notify = pc_machine_done_notify,
};
static bool pc_machine_done_ran;

/*
 * "bootorder" is rebuilt at every system reset, as QEMU does, so that
 * -device ...,bootindex= devices created after the board are included.
 */
static void pc_fw_cfg_update_bootorder(void *opaque)
{
    FWCfgState *fw_cfg = opaque;

    size_t len = 0;
    char *list = get_boot_devices_list(&len);

    g_free(fw_cfg_modify_file(fw_cfg, "bootorder", list, len));
}

/* ---- ACPI and SMBIOS ------------------------------------------------ */

static int pc_acpi_value;       /* "acpi" machine property, see below */

static bool pc_acpi_tables_enabled(void)
{
    return acpi_enabled && pc_acpi_value != 2 /* off */;
}

/*
 * Everything firmware would otherwise find: the ACPI blobs plus loader
 * script and the SMBIOS anchor and tables, kept for direct boot.
 */
typedef struct PCFirmwareTables {
    AcpiBuildTables acpi;
    bool have_acpi;
    bool acpi_linked;
    uint8_t *smbios_tables, *smbios_anchor;
    size_t smbios_tables_len, smbios_anchor_len;
    PCMachineState *pcms;
} PCFirmwareTables;

static void pc_build_acpi(PCMachineState *pcms, AcpiBuildTables *tables)
{
    MachineState *ms = MACHINE(pcms);
    X86MachineState *x86ms = X86_MACHINE(pcms);
    MachineClass *mc = MACHINE_GET_CLASS(ms);
    const CPUArchIdList *possible = mc->possible_cpu_arch_ids(ms);
    g_autofree uint32_t *apic_ids = g_new0(uint32_t, ms->smp.cpus);
    AcpiPcConfig cfg = {
        .nr_cpus = ms->smp.cpus,
        .apic_ids = apic_ids,
        .below_4g_mem_size = x86ms->below_4g_mem_size,
        .above_4g_mem_size = x86ms->above_4g_mem_size,
        .com_present = { serial_hd(0) != NULL, serial_hd(1) != NULL },
        .i8042_present = pcms->i8042_enabled,
        .rtc_present = x86ms->rtc != NULL,
        .hpet_present = pcms->hpet != NULL,
    };
    AcpiPciHpDsdtInfo pcihp;
    unsigned i;

    if (acpi_pcihp_get_dsdt_info(&pcihp)) {
        cfg.pcihp = &pcihp;
    }
    if (pcms->hpet) {
        cfg.hpet_id = hpet_get_id(pcms->hpet);
    }
    for (i = 0; i < ARRAY_SIZE(cfg.lpt_base); i++) {
        cfg.lpt_base[i] = parallel_hd(i) ? parallel_iobase(i) : 0;
    }

    for (i = 0; i < ms->smp.cpus; i++) {
        apic_ids[i] = possible->cpus[i].arch_id;
    }
    acpi_build_tables_init(tables);
    acpi_build_pc_tables(tables, &cfg);
}

static void pc_build_smbios(PCMachineState *pcms, PCFirmwareTables *t)
{
    MachineState *ms = MACHINE(pcms);
    X86MachineState *x86ms = X86_MACHINE(pcms);
    MachineClass *mc = MACHINE_GET_CLASS(ms);
    struct smbios_phys_mem_area mem[2] = {
        { 0, x86ms->below_4g_mem_size },
        { x86ms->above_4g_mem_start, x86ms->above_4g_mem_size },
    };

    smbios_set_defaults("QEMU", mc->desc, mc->name, false, true,
                        SMBIOS_ENTRY_POINT_TYPE_32);
    smbios_get_tables_no_firmware(ms, mem, x86ms->above_4g_mem_size ? 2 : 1,
                                  pcms->direct_boot,
                                  &t->smbios_tables, &t->smbios_tables_len,
                                  &t->smbios_anchor, &t->smbios_anchor_len,
                                  &error_fatal);
}

/* Where direct boot puts things: the BIOS area, shadowed as RAM. */
#define PC_DIRECT_ACPI_ADDR     0xe0000
#define PC_DIRECT_ACPI_END      0xf0000
#define PC_DIRECT_RSDP_ADDR     0xf0000
#define PC_DIRECT_SMBIOS_EP     0xf0040
#define PC_DIRECT_SMBIOS_ADDR   0xf0100
#define PC_DIRECT_AREA_END      0x100000

static uint64_t pc_direct_place(const char *file, uint32_t align, bool fseg,
                                size_t size, void *opaque)
{
    uint64_t addr = fseg ? PC_DIRECT_RSDP_ADDR : PC_DIRECT_ACPI_ADDR;
    uint64_t limit = fseg ? PC_DIRECT_SMBIOS_EP : PC_DIRECT_ACPI_END;

    return addr + size <= limit ? addr : 0;
}

static void pc_direct_write(hwaddr addr, const void *data, size_t len)
{
    if (address_space_write(&address_space_memory, addr,
                            MEMTXATTRS_UNSPECIFIED, data, len) != MEMTX_OK) {
        error_report("failed to write firmware tables at 0x%" HWADDR_PRIx,
                     addr);
        exit(1);
    }
}

/*
 * Direct kernel boot: do what firmware would have done before the
 * kernel runs.  Shadow 0xe0000-0xfffff as RAM (i440FX PAM), enable the
 * PIIX4 PM I/O space at 0xb000 and put the tables there: RSDP and
 * SMBIOS entry point in the F segment, ACPI tables in the E segment
 * (reserved in the kernel's e820 map).  Runs after each device reset.
 */
static void pc_direct_boot_firmware_reset(void *opaque)
{
    PCFirmwareTables *t = opaque;
    PCIBus *bus = t->pcms->bus;
    PCIDevice *host = bus->devices[PCI_DEVFN(0, 0)];
    PCIDevice *pm = bus->devices[PCI_DEVFN(1, 3)];
    g_autofree uint8_t *zero = g_malloc0(PC_DIRECT_AREA_END -
                                         PC_DIRECT_ACPI_ADDR);
    Error *err = NULL;

    if (host) {
        pci_host_config_write_common(host, 0x59, 0x100, 0x30, 1);
        pci_host_config_write_common(host, 0x5e, 0x100, 0x3333, 2);
    }
    if (pm) {
        pci_host_config_write_common(pm, PIIX4_PMBA, 0x100,
                                     ACPI_PM_BASE | 1, 4);
        pci_host_config_write_common(pm, PIIX4_PMREGMISC, 0x100, 1, 1);
    }
    /* Zero the area first: stale bytes must not look like anchors. */
    pc_direct_write(PC_DIRECT_ACPI_ADDR, zero,
                    PC_DIRECT_AREA_END - PC_DIRECT_ACPI_ADDR);

    if (t->have_acpi) {
        uint64_t tables_addr, rsdp_addr;
        GArray *tables, *rsdp;

        /* Linked once: pointer patching adds, it must not run twice. */
        if (!t->acpi_linked) {
            if (!bios_linker_loader_execute(t->acpi.linker, pc_direct_place,
                                            t, &err)) {
                error_report_err(err);
                exit(1);
            }
            t->acpi_linked = true;
        }
        tables = bios_linker_loader_file_blob(t->acpi.linker,
                                              ACPI_BUILD_TABLE_FILE,
                                              &tables_addr);
        rsdp = bios_linker_loader_file_blob(t->acpi.linker,
                                            ACPI_BUILD_RSDP_FILE, &rsdp_addr);
        pc_direct_write(tables_addr, tables->data, tables->len);
        pc_direct_write(rsdp_addr, rsdp->data, rsdp->len);
    }
    if (PC_DIRECT_SMBIOS_ADDR + t->smbios_tables_len <= PC_DIRECT_AREA_END) {
        g_autofree uint8_t *ep = g_memdup2(t->smbios_anchor,
                                           t->smbios_anchor_len);

        smbios_entry_point_set_address(ep, t->smbios_anchor_len,
                                       PC_DIRECT_SMBIOS_ADDR);
        pc_direct_write(PC_DIRECT_SMBIOS_EP, ep, t->smbios_anchor_len);
        pc_direct_write(PC_DIRECT_SMBIOS_ADDR, t->smbios_tables,
                        t->smbios_tables_len);
    } else {
        warn_report("SMBIOS tables too large for direct boot; left out");
    }
}

static void pc_firmware_tables_setup(PCMachineState *pcms)
{
    X86MachineState *x86ms = X86_MACHINE(pcms);
    PCFirmwareTables *t = g_new0(PCFirmwareTables, 1);
    FWCfgState *fw_cfg = x86ms->fw_cfg;

    t->pcms = pcms;
    pc_build_smbios(pcms, t);
    /* Copies: the direct-boot path patches its own. */
    fw_cfg_add_file(fw_cfg, "etc/smbios/smbios-tables",
                    g_memdup2(t->smbios_tables, t->smbios_tables_len),
                    t->smbios_tables_len);
    fw_cfg_add_file(fw_cfg, "etc/smbios/smbios-anchor",
                    g_memdup2(t->smbios_anchor, t->smbios_anchor_len),
                    t->smbios_anchor_len);

    if (pc_acpi_tables_enabled()) {
        AcpiBuildTables *a = &t->acpi;
        GArray *loader;

        pc_build_acpi(pcms, a);
        t->have_acpi = true;
        fw_cfg_add_file(fw_cfg, ACPI_BUILD_TABLE_FILE,
                        g_memdup2(a->table_data->data, a->table_data->len),
                        a->table_data->len);
        fw_cfg_add_file(fw_cfg, ACPI_BUILD_RSDP_FILE,
                        g_memdup2(a->rsdp->data, a->rsdp->len), a->rsdp->len);
        loader = a->linker->cmd_blob;
        fw_cfg_add_file(fw_cfg, ACPI_BUILD_LOADER_FILE,
                        g_memdup2(loader->data, loader->len), loader->len);
    }
    if (pcms->direct_boot) {
        qemu_register_reset(pc_direct_boot_firmware_reset, t);
    }
}

static void pc_machine_done_notify(Notifier *n, void *data)
{
    PCMachineState *pcms = PC_MACHINE(qdev_get_machine());
    X86MachineState *x86ms = X86_MACHINE(pcms);

    if (pc_machine_done_ran) {
        return;
    }
    pc_machine_done_ran = true;
    /* After -device: the tables describe the devices present. */
    pc_firmware_tables_setup(pcms);
    fw_cfg_add_user_items(x86ms->fw_cfg);
    pc_fw_cfg_update_bootorder(x86ms->fw_cfg);
    qemu_register_reset(pc_fw_cfg_update_bootorder, x86ms->fw_cfg);
}

void pc_machine_done(PCMachineState *pcms)
{
    MachineState *ms = MACHINE(pcms);
    X86MachineState *x86ms = X86_MACHINE(pcms);

    pc_cmos_init(pcms, x86ms->rtc);
    pc_fw_cfg_add_kernel(x86ms->fw_cfg, ms);
    if (ms->kernel_filename) {
        pcms->direct_boot = true;
        x86ms->boot_rsdp_addr = pc_acpi_tables_enabled() ?
                                PC_DIRECT_RSDP_ADDR : 0;
        x86_direct_kernel_boot(x86ms);
    }
    /* -fw_cfg items and the boot order once -device devices exist. */
    qemu_add_machine_init_done_notifier(&pc_machine_done_notifier);
}

/* ---- Abstract PC machine ------------------------------------------ */

static void pc_machine_get_max_ram_below_4g(Object *obj, Visitor *v,
                                            const char *name, void *opaque,
                                            Error **errp)
{
    PCMachineState *pcms = PC_MACHINE(obj);
    uint64_t value = pcms->max_ram_below_4g;

    visit_type_size(v, name, &value, errp);
}

static void pc_machine_set_max_ram_below_4g(Object *obj, Visitor *v,
                                            const char *name, void *opaque,
                                            Error **errp)
{
    PCMachineState *pcms = PC_MACHINE(obj);
    uint64_t value;

    if (!visit_type_size(v, name, &value, errp)) {
        return;
    }
    if (value > 4 * GiB) {
        error_setg(errp,
                   "Machine option 'max-ram-below-4g=%" PRIu64
                   "' expects size less than or equal to 4G", value);
        return;
    }
    if (value < 1 * MiB) {
        warn_report("Only %" PRIu64 " bytes of RAM below the 4GiB boundary,"
                    "BIOS may not work with less than 1MiB", value);
    }
    pcms->max_ram_below_4g = value;
}

/*
 * On/off/auto switches QEMU's pc machine accepts (libvirt passes some
 * of them).  Only the value is kept: the features are not emulated.
 */
static const char *const onoffauto_names[] = { "auto", "on", "off" };

static bool parse_onoffauto(const char *value, const char *name, int *out,
                            Error **errp)
{
    int i;

    for (i = 0; i < ARRAY_SIZE(onoffauto_names); i++) {
        if (!strcmp(value, onoffauto_names[i])) {
            *out = i;
            return true;
        }
    }
    error_setg(errp, "Parameter '%s' does not accept value '%s'", name,
               value);
    return false;
}

#define PC_ONOFFAUTO_PROP(field, propname)                                \
static int pc_##field##_value;                                            \
static char *pc_machine_get_##field(Object *obj, Error **errp)            \
{                                                                         \
    return g_strdup(onoffauto_names[pc_##field##_value]);                 \
}                                                                         \
static void pc_machine_set_##field(Object *obj, const char *value,        \
                                   Error **errp)                          \
{                                                                         \
    parse_onoffauto(value, propname, &pc_##field##_value, errp);          \
}

PC_ONOFFAUTO_PROP(vmport, "vmport")
PC_ONOFFAUTO_PROP(smm, "smm")
/* pc_acpi_value is declared above: the table builder reads it. */
static char *pc_machine_get_acpi(Object *obj, Error **errp)
{
    return g_strdup(onoffauto_names[pc_acpi_value]);
}

static void pc_machine_set_acpi(Object *obj, const char *value, Error **errp)
{
    parse_onoffauto(value, "acpi", &pc_acpi_value, errp);
}

static bool pc_machine_get_pit(Object *obj, Error **errp)
{
    return PC_MACHINE(obj)->pit_enabled;
}

static void pc_machine_set_pit(Object *obj, bool value, Error **errp)
{
    PC_MACHINE(obj)->pit_enabled = value;
}

static bool pc_machine_get_i8042(Object *obj, Error **errp)
{
    return PC_MACHINE(obj)->i8042_enabled;
}

static void pc_machine_set_i8042(Object *obj, bool value, Error **errp)
{
    PC_MACHINE(obj)->i8042_enabled = value;
}

static bool pc_machine_get_hpet(Object *obj, Error **errp)
{
    return PC_MACHINE(obj)->hpet_enabled;
}

static void pc_machine_set_hpet(Object *obj, bool value, Error **errp)
{
    PC_MACHINE(obj)->hpet_enabled = value;
}

static void pc_machine_class_props(ObjectClass *oc)
{
    object_class_property_add(oc, PC_MACHINE_MAX_RAM_BELOW_4G, "size",
                              pc_machine_get_max_ram_below_4g,
                              pc_machine_set_max_ram_below_4g, NULL, NULL);
    object_class_property_add_str(oc, PC_MACHINE_VMPORT,
                                  pc_machine_get_vmport,
                                  pc_machine_set_vmport);
    object_class_property_add_str(oc, X86_MACHINE_SMM, pc_machine_get_smm,
                                  pc_machine_set_smm);
    object_class_property_add_str(oc, X86_MACHINE_ACPI, pc_machine_get_acpi,
                                  pc_machine_set_acpi);
    object_class_property_add_bool(oc, PC_MACHINE_PIT, pc_machine_get_pit,
                                   pc_machine_set_pit);
    object_class_property_add_bool(oc, "i8042", pc_machine_get_i8042,
                                   pc_machine_set_i8042);
    object_class_property_add_bool(oc, "hpet", pc_machine_get_hpet,
                                   pc_machine_set_hpet);
}

static void pc_machine_initfn(Object *obj)
{
    PCMachineState *pcms = PC_MACHINE(obj);

    pcms->max_ram_below_4g = 0;     /* default: 0xe0000000 */
    pcms->pit_enabled = true;
    pcms->i8042_enabled = true;
    pcms->hpet_enabled = true;
    pcms->max_fw_size = 8 * MiB;
}

static void pc_machine_class_init(ObjectClass *oc, void *data)
{
    MachineClass *mc = MACHINE_CLASS(oc);
    PCMachineClass *pcmc = PC_MACHINE_CLASS(oc);

    pcmc->pci_enabled = true;
    pcmc->has_acpi_build = true;
    pcmc->rsdp_in_ram = true;
    pcmc->smbios_defaults = true;
    pcmc->smbios_uuid_encoded = true;
    pcmc->gigabyte_align = true;
    pcmc->has_reserved_memory = true;
    pcmc->kvmclock_enabled = true;
    pcmc->enforce_aligned_dimm = true;
    pcmc->acpi_data_size = 0x20000 + 0x8000;
    pcmc->pvh_enabled = true;
    pcmc->default_nic_model = "e1000";
    mc->default_boot_order = "cad";
    mc->block_default_type = IF_IDE;
    mc->max_cpus = 255;
    mc->default_ram_size = 128 * MiB;
    mc->default_ram_id = "pc.ram";
    mc->default_display = "std";
    pc_machine_class_props(oc);
}

static const TypeInfo pc_machine_info = {
    .name = TYPE_PC_MACHINE,
    .parent = TYPE_X86_MACHINE,
    .abstract = true,
    .instance_size = sizeof(PCMachineState),
    .instance_init = pc_machine_initfn,
    .class_size = sizeof(PCMachineClass),
    .class_init = pc_machine_class_init,
};

static void pc_machine_register_types(void)
{
    type_register_static(&pc_machine_info);
    type_register_static(&port92_info);
}

type_init(pc_machine_register_types)
