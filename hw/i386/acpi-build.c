/*
 * ACPI tables for the i440FX + PIIX4 PC: FACS, DSDT (generated AML),
 * FADT, MADT, RSDT, XSDT and the RSDP, plus the loader commands that
 * link them.  Pure: depends only on the AcpiPcConfig it is given, so
 * tests can build the tables without a machine.
 */
#include "qemu/osdep.h"
#include "qemu/bswap.h"
#include "hw/i386/acpi-build.h"
#include "hw/timer/hpet.h"
#include "hw/acpi/pcihp.h"

/*
 * hw/acpi/pcihp.c describes the root bus's hot-plug slots.  Weak: the
 * table tests link this file alone (and may supply their own).
 */

#define ACPI_FADT_F_WBINVD              (1 << 0)
#define ACPI_FADT_F_PROC_C1             (1 << 2)
#define ACPI_FADT_F_SLP_BUTTON          (1 << 5)
#define ACPI_FADT_F_RTC_S4              (1 << 7)
#define ACPI_FADT_F_RESET_REG_SUP       (1 << 10)
#define ACPI_FADT_F_USE_PLATFORM_CLOCK  (1 << 15)
#define ACPI_FADT_F_FORCE_APIC_PHYS     (1 << 19)

#define ACPI_FADT_BOOT_LEGACY_DEVICES   (1 << 0)
#define ACPI_FADT_BOOT_8042             (1 << 1)

#define AML_AS_SYSTEM_MEMORY 0
#define AML_AS_SYSTEM_IO 1

static const char *cfg_oem_id(const AcpiPcConfig *cfg)
{
    return cfg->oem_id ? cfg->oem_id : ACPI_BUILD_APPNAME6;
}

static const char *cfg_oem_table_id(const AcpiPcConfig *cfg)
{
    return cfg->oem_table_id ? cfg->oem_table_id : ACPI_BUILD_APPNAME8;
}

/* ---- FACS ---- */

static void build_facs(GArray *table_data)
{
    unsigned start = table_data->len;

    g_array_append_vals(table_data, "FACS", 4);
    build_append_int_noprefix(table_data, 64, 4);   /* Length */
    /* Hardware signature, waking vectors, lock, flags: all zero. */
    g_array_set_size(table_data, start + 64);
    memset(table_data->data + start + 8, 0, 56);
}

/* ---- DSDT ---- */

static Aml *build_isa_io_dev(const char *name, const char *hid, int uid,
                             Aml *crs)
{
    Aml *dev = aml_device("%s", name);

    aml_append(dev, aml_name_decl("_HID", aml_eisaid(hid)));
    if (uid >= 0) {
        aml_append(dev, aml_name_decl("_UID", aml_int(uid)));
    }
    aml_append(dev, aml_name_decl("_STA", aml_int(0xf)));
    aml_append(dev, aml_name_decl("_CRS", crs));
    return dev;
}

static void build_isa_devices(Aml *isa, const AcpiPcConfig *cfg)
{
    static const struct {
        uint16_t base;
        uint8_t irq;
    } com[2] = { { 0x3f8, 4 }, { 0x2f8, 3 } };
    Aml *crs;
    int i;

    if (cfg->rtc_present) {
        crs = aml_resource_template();
        aml_append(crs, aml_io(AML_DECODE16, 0x70, 0x70, 0x10, 0x08));
        aml_append(crs, aml_irq_no_flags(8));
        aml_append(isa, build_isa_io_dev("RTC", "PNP0B00", -1, crs));
    }
    if (cfg->i8042_present) {
        crs = aml_resource_template();
        aml_append(crs, aml_io(AML_DECODE16, 0x60, 0x60, 0x01, 0x01));
        aml_append(crs, aml_io(AML_DECODE16, 0x64, 0x64, 0x01, 0x01));
        aml_append(crs, aml_irq_no_flags(1));
        aml_append(isa, build_isa_io_dev("KBD", "PNP0303", -1, crs));

        crs = aml_resource_template();
        aml_append(crs, aml_irq_no_flags(12));
        aml_append(isa, build_isa_io_dev("MOU", "PNP0F13", -1, crs));
    }
    for (i = 0; i < ARRAY_SIZE(cfg->lpt_base); i++) {
        g_autofree char *name = g_strdup_printf("LPT%d", i + 1);

        if (!cfg->lpt_base[i]) {
            continue;
        }
        crs = aml_resource_template();
        aml_append(crs, aml_io(AML_DECODE16, cfg->lpt_base[i],
                               cfg->lpt_base[i], 0x08, 0x08));
        aml_append(crs, aml_irq_no_flags(7));
        aml_append(isa, build_isa_io_dev(name, "PNP0400", i + 1, crs));
    }
    for (i = 0; i < 2; i++) {
        g_autofree char *name = g_strdup_printf("COM%d", i + 1);

        if (!cfg->com_present[i]) {
            continue;
        }
        crs = aml_resource_template();
        aml_append(crs, aml_io(AML_DECODE16, com[i].base, com[i].base,
                               0x00, 0x08));
        aml_append(crs, aml_irq_no_flags(com[i].irq));
        aml_append(isa, build_isa_io_dev(name, "PNP0501", i + 1, crs));
    }
}

/* PIIX3 function 0 with its PIRQ route registers 0x60-0x63. */
static Aml *build_isa_bridge(const AcpiPcConfig *cfg)
{
    Aml *isa = aml_device("ISA");
    Aml *field;
    int i;

    aml_append(isa, aml_name_decl("_ADR", aml_int(0x00010000)));
    aml_append(isa, aml_operation_region("P40C", AML_PCI_CONFIG,
                                         aml_int(0x60), 0x04));
    build_isa_devices(isa, cfg);
    field = aml_field("P40C", AML_BYTE_ACC, AML_NOLOCK,
                      AML_PRESERVE);
    for (i = 0; i < 4; i++) {
        g_autofree char *name = g_strdup_printf("PRQ%d", i);
        aml_append(field, aml_named_field(name, 8));
    }
    aml_append(isa, field);
    return isa;
}

static Aml *build_pci0_crs(const AcpiPcConfig *cfg)
{
    Aml *crs = aml_resource_template();
    uint64_t hole64_start;

    aml_append(crs, aml_word_bus_number(AML_MIN_FIXED, AML_MAX_FIXED,
                                        AML_POS_DECODE, 0x0000, 0x0000,
                                        0x00ff, 0x0000, 0x0100));
    aml_append(crs, aml_io(AML_DECODE16, 0x0cf8, 0x0cf8, 0x01, 0x08));
    aml_append(crs, aml_word_io(AML_MIN_FIXED, AML_MAX_FIXED,
                                AML_POS_DECODE, AML_ENTIRE_RANGE,
                                0x0000, 0x0000, 0x0cf7, 0x0000, 0x0cf8));
    aml_append(crs, aml_word_io(AML_MIN_FIXED, AML_MAX_FIXED,
                                AML_POS_DECODE, AML_ENTIRE_RANGE,
                                0x0000, 0x0d00, 0xffff, 0x0000, 0xf300));
    aml_append(crs, aml_dword_memory(AML_POS_DECODE, AML_MIN_FIXED,
                                     AML_MAX_FIXED, AML_CACHEABLE,
                                     AML_READ_WRITE, 0, 0x000a0000,
                                     0x000bffff, 0, 0x00020000));
    if (cfg->below_4g_mem_size < ACPI_PCI_HOLE_END) {
        uint32_t start = cfg->below_4g_mem_size;

        aml_append(crs, aml_dword_memory(AML_POS_DECODE, AML_MIN_FIXED,
                                         AML_MAX_FIXED, AML_NON_CACHEABLE,
                                         AML_READ_WRITE, 0, start,
                                         ACPI_PCI_HOLE_END, 0,
                                         ACPI_PCI_HOLE_END - start + 1));
    }
    hole64_start = ROUND_UP(4 * GiB + cfg->above_4g_mem_size, GiB);
    aml_append(crs, aml_qword_memory(AML_POS_DECODE, AML_MIN_FIXED,
                                     AML_MAX_FIXED, AML_CACHEABLE,
                                     AML_READ_WRITE, 0, hole64_start,
                                     hole64_start + ACPI_PCI_HOLE64_SIZE - 1,
                                     0, ACPI_PCI_HOLE64_SIZE));
    return crs;
}

/* Slot S pin P (0-based) is PIRQ (S + P - 1) & 3; 01.3's INTA is SCI. */
static Aml *build_prt(void)
{
    Aml *prt = aml_package(128);
    int slot, pin;

    for (slot = 0; slot < 32; slot++) {
        for (pin = 0; pin < 4; pin++) {
            Aml *entry = aml_package(4);

            aml_append(entry, aml_int((slot << 16) | 0xffff));
            aml_append(entry, aml_int(pin));
            if (slot == 1 && pin == 0) {
                aml_append(entry, aml_name("LNKS"));
            } else {
                aml_append(entry, aml_name("LNK%c",
                                           'A' + ((slot + pin - 1) & 3)));
            }
            aml_append(entry, aml_zero());
            aml_append(prt, entry);
        }
    }
    return aml_name_decl("_PRT", prt);
}

static Aml *build_link_prs(uint32_t *irqs, int n)
{
    Aml *rt = aml_resource_template();

    aml_append(rt, aml_interrupt(AML_CONSUMER, AML_LEVEL, AML_ACTIVE_HIGH,
                                 AML_SHARED, irqs, n));
    return rt;
}

/* IQST(reg): link status from a PIRQ route register (bit 7 = off). */
static Aml *build_iqst_method(void)
{
    Aml *method = aml_method("IQST", 1, AML_NOTSERIALIZED);
    Aml *if_ctx = aml_if(aml_and(aml_int(0x80), aml_arg(0), NULL));

    aml_append(if_ctx, aml_return(aml_int(0x09)));
    aml_append(method, if_ctx);
    aml_append(method, aml_return(aml_int(0x0b)));
    return method;
}

/* IQCR(reg): current resources built from a PIRQ route register. */
static Aml *build_iqcr_method(void)
{
    Aml *method = aml_method("IQCR", 1, AML_SERIALIZED);
    uint32_t zero = 0;
    Aml *if_ctx;

    aml_append(method, aml_name_decl("PRR0", build_link_prs(&zero, 1)));
    aml_append(method, aml_create_dword_field(aml_name("PRR0"), aml_int(5),
                                              "PRRI"));
    if_ctx = aml_if(aml_lless(aml_arg(0), aml_int(0x80)));
    aml_append(if_ctx, aml_store(aml_arg(0), aml_name("PRRI")));
    aml_append(method, if_ctx);
    aml_append(method, aml_return(aml_name("PRR0")));
    return method;
}

static Aml *build_link_dev(const char *name, int uid, const char *reg)
{
    static uint32_t irqs[] = { 5, 10, 11 };
    Aml *dev = aml_device("%s", name);
    Aml *method;

    aml_append(dev, aml_name_decl("_HID", aml_eisaid("PNP0C0F")));
    aml_append(dev, aml_name_decl("_UID", aml_int(uid)));
    aml_append(dev, aml_name_decl("_PRS", build_link_prs(irqs, 3)));

    method = aml_method("_STA", 0, AML_NOTSERIALIZED);
    aml_append(method, aml_return(aml_call1("IQST", aml_name("%s", reg))));
    aml_append(dev, method);

    method = aml_method("_DIS", 0, AML_NOTSERIALIZED);
    aml_append(method, aml_or(aml_name("%s", reg), aml_int(0x80),
                              aml_name("%s", reg)));
    aml_append(dev, method);

    method = aml_method("_CRS", 0, AML_NOTSERIALIZED);
    aml_append(method, aml_return(aml_call1("IQCR", aml_name("%s", reg))));
    aml_append(dev, method);

    method = aml_method("_SRS", 1, AML_NOTSERIALIZED);
    aml_append(method, aml_create_dword_field(aml_arg(0), aml_int(5),
                                              "PRRI"));
    aml_append(method, aml_store(aml_name("PRRI"), aml_name("%s", reg)));
    aml_append(dev, method);
    return dev;
}

/* LNKS: the SCI, fixed at IRQ 9. */
static Aml *build_lnks(void)
{
    static uint32_t sci[] = { ACPI_SCI_IRQ };
    Aml *dev = aml_device("LNKS");
    Aml *method;

    aml_append(dev, aml_name_decl("_HID", aml_eisaid("PNP0C0F")));
    aml_append(dev, aml_name_decl("_UID", aml_int(4)));
    aml_append(dev, aml_name_decl("_STA", aml_int(0xb)));
    aml_append(dev, aml_name_decl("_PRS", build_link_prs(sci, 1)));
    aml_append(dev, aml_name_decl("_CRS", build_link_prs(sci, 1)));
    method = aml_method("_SRS", 1, AML_NOTSERIALIZED);
    aml_append(dev, method);
    method = aml_method("_DIS", 0, AML_NOTSERIALIZED);
    aml_append(dev, method);
    return dev;
}

/* ---- ACPI PCI hot-plug (QEMU's layout and names) ---- */

static Aml *build_pcihp_dword_region(const char *region, const char *f1,
                                     const char *f2)
{
    Aml *field = aml_field(region, AML_DWORD_ACC, AML_NOLOCK,
                           AML_WRITE_AS_ZEROS);

    aml_append(field, aml_named_field(f1, 32));
    if (f2) {
        aml_append(field, aml_named_field(f2, 32));
    }
    return field;
}

/*
 * Registers (PCIU/PCID, B0EJ, BNUM/PIDX), the BLCK mutex and PCEJ(bsel,
 * slot), which _EJ0 of each slot calls.
 */
static void build_pcihp_regs(Aml *pci0, const AcpiPciHpDsdtInfo *hp)
{
    Aml *method;

    aml_append(pci0, aml_operation_region("PCST", AML_SYSTEM_IO,
                                          aml_int(hp->io_base), 0x08));
    aml_append(pci0, build_pcihp_dword_region("PCST", "PCIU", "PCID"));
    aml_append(pci0, aml_operation_region("SEJ", AML_SYSTEM_IO,
                                          aml_int(hp->io_base + 0x08), 0x04));
    aml_append(pci0, build_pcihp_dword_region("SEJ", "B0EJ", NULL));
    aml_append(pci0, aml_operation_region("BNMR", AML_SYSTEM_IO,
                                          aml_int(hp->io_base + 0x10), 0x08));
    aml_append(pci0, build_pcihp_dword_region("BNMR", "BNUM", "PIDX"));
    aml_append(pci0, aml_mutex("BLCK", 0));

    method = aml_method("PCEJ", 2, AML_NOTSERIALIZED);
    aml_append(method, aml_acquire(aml_name("BLCK"), 0xffff));
    aml_append(method, aml_store(aml_arg(0), aml_name("BNUM")));
    aml_append(method, aml_store(aml_shiftleft(aml_one(), aml_arg(1)),
                                 aml_name("B0EJ")));
    aml_append(method, aml_release(aml_name("BLCK")));
    aml_append(method, aml_return(aml_zero()));
    aml_append(pci0, method);
}

/*
 * One node per slot of bus 0: hot-pluggable slots (empty ones too) get
 * _SUN and _EJ0 and are notified by DVNT; functions that cannot be
 * removed get a bare _ADR.  PCNT, run from \_GPE._E01 with BLCK held,
 * sends Notify 1 (check) for PCIU slots and 3 (eject request) for PCID.
 */
static void build_pcihp_slots(Aml *pci0, const AcpiPciHpDsdtInfo *hp)
{
    Aml *dvnt = aml_method("DVNT", 2, AML_NOTSERIALIZED);
    Aml *pcnt, *method, *dev, *if_ctx;
    int devfn;

    aml_append(pci0, aml_name_decl("BSEL", aml_int(ACPI_PCIHP_BSEL_DEFAULT)));
    for (devfn = 0; devfn < 256; devfn++) {
        int slot = devfn >> 3, fn = devfn & 7;
        bool hotplug = !fn && (hp->hotplug_slots & (1u << slot));
        bool fixed = hp->fixed_devfns[devfn / 32] & (1u << (devfn % 32));

        if (!hotplug && !fixed) {
            continue;
        }
        dev = aml_device("S%.02X", devfn);
        aml_append(dev, aml_name_decl("_ADR", aml_int(slot << 16 | fn)));
        if (hotplug) {
            aml_append(dev, aml_name_decl("_SUN", aml_int(slot)));
            method = aml_method("_EJ0", 1, AML_NOTSERIALIZED);
            aml_append(method, aml_call2("PCEJ", aml_name("BSEL"),
                                         aml_name("_SUN")));
            aml_append(dev, method);

            if_ctx = aml_if(aml_and(aml_arg(0), aml_int(1u << slot), NULL));
            aml_append(if_ctx, aml_notify(aml_name("S%.02X", devfn),
                                          aml_arg(1)));
            aml_append(dvnt, if_ctx);
        }
        aml_append(pci0, dev);
    }
    aml_append(pci0, dvnt);

    pcnt = aml_method("PCNT", 0, AML_NOTSERIALIZED);
    aml_append(pcnt, aml_store(aml_name("BSEL"), aml_name("BNUM")));
    aml_append(pcnt, aml_call2("DVNT", aml_name("PCIU"), aml_int(1)));
    aml_append(pcnt, aml_call2("DVNT", aml_name("PCID"), aml_int(3)));
    aml_append(pci0, pcnt);
}

/* \_GPE._E01: PCI hot-plug status (GPE0 bit 1). */
static Aml *build_gpe_scope(bool pcihp)
{
    Aml *gpe = aml_scope("\\_GPE");
    Aml *method;

    aml_append(gpe, aml_name_decl("_HID", aml_string("ACPI0006")));
    if (pcihp) {
        method = aml_method("_E01", 0, AML_NOTSERIALIZED);
        aml_append(method, aml_acquire(aml_name("\\_SB.PCI0.BLCK"), 0xffff));
        aml_append(method, aml_call0("\\_SB.PCI0.PCNT"));
        aml_append(method, aml_release(aml_name("\\_SB.PCI0.BLCK")));
        aml_append(gpe, method);
    }
    return gpe;
}

/* The HPET as a PNP0103 device with its register block. */
static Aml *build_hpet_dev(void)
{
    Aml *dev = aml_device("HPET");
    Aml *crs = aml_resource_template();

    aml_append(dev, aml_name_decl("_HID", aml_eisaid("PNP0103")));
    aml_append(dev, aml_name_decl("_UID", aml_zero()));
    aml_append(dev, aml_name_decl("_STA", aml_int(0xf)));
    aml_append(crs, aml_memory32_fixed(HPET_BASE, HPET_LEN, AML_READ_ONLY));
    aml_append(dev, aml_name_decl("_CRS", crs));
    return dev;
}

static void build_dsdt(GArray *table_data, BIOSLinker *linker,
                       const AcpiPcConfig *cfg)
{
    AcpiTable table = { .sig = "DSDT", .rev = 1, .oem_id = cfg_oem_id(cfg),
                        .oem_table_id = cfg_oem_table_id(cfg) };
    Aml *dsdt = init_aml_allocator();
    Aml *sb, *pci0, *s5;
    const AcpiPciHpDsdtInfo *hp = cfg->pcihp;
    bool pcihp = hp != NULL;
    unsigned i;

    acpi_table_begin(&table, table_data);

    sb = aml_scope("\\_SB");
    pci0 = aml_device("PCI0");
    aml_append(pci0, aml_name_decl("_HID", aml_eisaid("PNP0A03")));
    aml_append(pci0, aml_name_decl("_ADR", aml_zero()));
    aml_append(pci0, aml_name_decl("_UID", aml_zero()));
    aml_append(pci0, aml_name_decl("_CRS", build_pci0_crs(cfg)));
    aml_append(pci0, build_prt());
    aml_append(pci0, build_isa_bridge(cfg));
    if (pcihp) {
        build_pcihp_regs(pci0, hp);
        build_pcihp_slots(pci0, hp);
    }
    aml_append(sb, pci0);

    aml_append(sb, build_iqst_method());
    aml_append(sb, build_iqcr_method());
    for (i = 0; i < 4; i++) {
        g_autofree char *name = g_strdup_printf("LNK%c", 'A' + i);
        g_autofree char *reg = g_strdup_printf("\\_SB.PCI0.ISA.PRQ%u", i);
        aml_append(sb, build_link_dev(name, i, reg));
    }
    aml_append(sb, build_lnks());
    if (cfg->hpet_present) {
        aml_append(sb, build_hpet_dev());
    }

    for (i = 0; i < cfg->nr_cpus; i++) {
        Aml *dev = aml_device("C%03X", i);

        aml_append(dev, aml_name_decl("_HID", aml_string("ACPI0007")));
        aml_append(dev, aml_name_decl("_UID", aml_int(i)));
        aml_append(sb, dev);
    }
    aml_append(dsdt, sb);
    aml_append(dsdt, build_gpe_scope(pcihp));

    /* Soft off: SLP_TYP 0 in PM1a_CNT (and PM1b, unused). */
    s5 = aml_package(4);
    aml_append(s5, aml_zero());
    aml_append(s5, aml_zero());
    aml_append(s5, aml_zero());
    aml_append(s5, aml_zero());
    aml_append(dsdt, aml_name_decl("\\_S5", s5));

    g_array_append_vals(table_data, dsdt->buf->data, dsdt->buf->len);
    acpi_table_end(linker, &table);
    free_aml_allocator();
}

/* ---- HPET (IA-PC HPET specification 1.0a, 56 bytes) ---- */

static void build_hpet(GArray *t, BIOSLinker *linker, const AcpiPcConfig *cfg)
{
    AcpiTable table = { .sig = "HPET", .rev = 1, .oem_id = cfg_oem_id(cfg),
                        .oem_table_id = cfg_oem_table_id(cfg) };

    acpi_table_begin(&table, t);
    build_append_int_noprefix(t, cfg->hpet_id, 4);  /* Event Timer Block ID */
    build_append_gas(t, AML_AS_SYSTEM_MEMORY, 0, 0, 0, HPET_BASE);
    build_append_int_noprefix(t, 0, 1);             /* HPET Number */
    build_append_int_noprefix(t, 0, 2);             /* Main Counter Min Tick */
    build_append_int_noprefix(t, 0, 1);             /* Page Protection */
    acpi_table_end(linker, &table);
}

/* ---- FADT (revision 3, 244 bytes) ---- */

static void build_pm_gas(GArray *t, unsigned len, uint32_t addr)
{
    build_append_gas(t, AML_AS_SYSTEM_IO, addr ? len * 8 : 0, 0, 0, addr);
}

static void build_fadt(GArray *t, BIOSLinker *linker, const AcpiPcConfig *cfg,
                       unsigned facs_off, unsigned dsdt_off)
{
    AcpiTable table = { .sig = "FACP", .rev = 3, .oem_id = cfg_oem_id(cfg),
                        .oem_table_id = cfg_oem_table_id(cfg) };
    unsigned off;
    uint32_t flags = ACPI_FADT_F_WBINVD | ACPI_FADT_F_PROC_C1 |
                     ACPI_FADT_F_SLP_BUTTON | ACPI_FADT_F_RTC_S4 |
                     ACPI_FADT_F_RESET_REG_SUP |
                     ACPI_FADT_F_USE_PLATFORM_CLOCK;

    if (cfg->nr_cpus > 8) {
        flags |= ACPI_FADT_F_FORCE_APIC_PHYS;
    }
    acpi_table_begin(&table, t);
    off = t->len;
    build_append_int_noprefix(t, 0, 4);             /* FIRMWARE_CTRL */
    bios_linker_loader_add_pointer(linker, ACPI_BUILD_TABLE_FILE, off, 4,
                                   ACPI_BUILD_TABLE_FILE, facs_off);
    off = t->len;
    build_append_int_noprefix(t, 0, 4);             /* DSDT */
    bios_linker_loader_add_pointer(linker, ACPI_BUILD_TABLE_FILE, off, 4,
                                   ACPI_BUILD_TABLE_FILE, dsdt_off);
    build_append_int_noprefix(t, 1, 1);             /* INT_MODEL (legacy) */
    build_append_int_noprefix(t, 0, 1);             /* PM profile */
    build_append_int_noprefix(t, ACPI_SCI_IRQ, 2);
    build_append_int_noprefix(t, ACPI_SMI_CMD_PORT, 4);
    build_append_int_noprefix(t, ACPI_ENABLE_CMD, 1);
    build_append_int_noprefix(t, ACPI_DISABLE_CMD, 1);
    build_append_int_noprefix(t, 0, 1);             /* S4BIOS_REQ */
    build_append_int_noprefix(t, 0, 1);             /* PSTATE_CNT */
    build_append_int_noprefix(t, ACPI_PM1_EVT_ADDR, 4);
    build_append_int_noprefix(t, 0, 4);             /* PM1b_EVT_BLK */
    build_append_int_noprefix(t, ACPI_PM1_CNT_ADDR, 4);
    build_append_int_noprefix(t, 0, 4);             /* PM1b_CNT_BLK */
    build_append_int_noprefix(t, 0, 4);             /* PM2_CNT_BLK */
    build_append_int_noprefix(t, ACPI_PM_TMR_ADDR, 4);
    build_append_int_noprefix(t, ACPI_GPE0_ADDR, 4);
    build_append_int_noprefix(t, 0, 4);             /* GPE1_BLK */
    build_append_int_noprefix(t, 4, 1);             /* PM1_EVT_LEN */
    build_append_int_noprefix(t, 2, 1);             /* PM1_CNT_LEN */
    build_append_int_noprefix(t, 0, 1);             /* PM2_CNT_LEN */
    build_append_int_noprefix(t, 4, 1);             /* PM_TMR_LEN */
    build_append_int_noprefix(t, ACPI_GPE0_LEN, 1);
    build_append_int_noprefix(t, 0, 1);             /* GPE1_BLK_LEN */
    build_append_int_noprefix(t, 0, 1);             /* GPE1_BASE */
    build_append_int_noprefix(t, 0, 1);             /* CST_CNT */
    build_append_int_noprefix(t, 0xfff, 2);         /* P_LVL2_LAT: none */
    build_append_int_noprefix(t, 0xfff, 2);         /* P_LVL3_LAT: none */
    build_append_int_noprefix(t, 0, 2);             /* FLUSH_SIZE */
    build_append_int_noprefix(t, 0, 2);             /* FLUSH_STRIDE */
    build_append_int_noprefix(t, 0, 1);             /* DUTY_OFFSET */
    build_append_int_noprefix(t, 0, 1);             /* DUTY_WIDTH */
    build_append_int_noprefix(t, 0, 1);             /* DAY_ALRM */
    build_append_int_noprefix(t, 0, 1);             /* MON_ALRM */
    build_append_int_noprefix(t, 0x32, 1);          /* CENTURY (CMOS) */
    build_append_int_noprefix(t, ACPI_FADT_BOOT_LEGACY_DEVICES |
                              (cfg->i8042_present ? ACPI_FADT_BOOT_8042 : 0),
                              2);                   /* IAPC_BOOT_ARCH */
    build_append_int_noprefix(t, 0, 1);             /* reserved */
    build_append_int_noprefix(t, flags, 4);
    build_append_gas(t, AML_AS_SYSTEM_IO, 8, 0, 0, 0xcf9); /* RESET_REG */
    build_append_int_noprefix(t, 0x06, 1);          /* RESET_VALUE */
    build_append_int_noprefix(t, 0, 3);             /* reserved */
    build_append_int_noprefix(t, 0, 8);             /* X_FIRMWARE_CTRL */
    off = t->len;
    build_append_int_noprefix(t, 0, 8);             /* X_DSDT */
    bios_linker_loader_add_pointer(linker, ACPI_BUILD_TABLE_FILE, off, 8,
                                   ACPI_BUILD_TABLE_FILE, dsdt_off);
    build_pm_gas(t, 4, ACPI_PM1_EVT_ADDR);          /* X_PM1a_EVT_BLK */
    build_pm_gas(t, 0, 0);                          /* X_PM1b_EVT_BLK */
    build_pm_gas(t, 2, ACPI_PM1_CNT_ADDR);          /* X_PM1a_CNT_BLK */
    build_pm_gas(t, 0, 0);                          /* X_PM1b_CNT_BLK */
    build_pm_gas(t, 0, 0);                          /* X_PM2_CNT_BLK */
    build_pm_gas(t, 4, ACPI_PM_TMR_ADDR);           /* X_PM_TMR_BLK */
    build_pm_gas(t, ACPI_GPE0_LEN, ACPI_GPE0_ADDR); /* X_GPE0_BLK */
    build_pm_gas(t, 0, 0);                          /* X_GPE1_BLK */
    acpi_table_end(linker, &table);
}

/* ---- MADT ---- */

static void build_madt_iso(GArray *t, uint8_t src, uint32_t gsi,
                           uint16_t flags)
{
    build_append_int_noprefix(t, 2, 1);             /* Interrupt Override */
    build_append_int_noprefix(t, 10, 1);
    build_append_int_noprefix(t, 0, 1);             /* Bus: ISA */
    build_append_int_noprefix(t, src, 1);
    build_append_int_noprefix(t, gsi, 4);
    build_append_int_noprefix(t, flags, 2);
}

static void build_madt(GArray *t, BIOSLinker *linker, const AcpiPcConfig *cfg)
{
    AcpiTable table = { .sig = "APIC", .rev = 1, .oem_id = cfg_oem_id(cfg),
                        .oem_table_id = cfg_oem_table_id(cfg) };
    static const uint8_t pci_irqs[] = { 5, 9, 10, 11 };
    unsigned i;

    acpi_table_begin(&table, t);
    build_append_int_noprefix(t, ACPI_LAPIC_ADDR, 4);
    build_append_int_noprefix(t, 1, 4);             /* PCAT_COMPAT */
    for (i = 0; i < cfg->nr_cpus; i++) {
        if (cfg->apic_ids[i] < 0xff) {
            build_append_int_noprefix(t, 0, 1);     /* Processor LAPIC */
            build_append_int_noprefix(t, 8, 1);
            build_append_int_noprefix(t, i, 1);     /* ACPI processor UID */
            build_append_int_noprefix(t, cfg->apic_ids[i], 1);
            build_append_int_noprefix(t, 1, 4);     /* Enabled */
        } else {
            /* 0xff is the broadcast ID: larger IDs need x2APIC entries. */
            build_append_int_noprefix(t, 9, 1);     /* Processor x2APIC */
            build_append_int_noprefix(t, 16, 1);
            build_append_int_noprefix(t, 0, 2);
            build_append_int_noprefix(t, cfg->apic_ids[i], 4);
            build_append_int_noprefix(t, 1, 4);     /* Enabled */
            build_append_int_noprefix(t, i, 4);     /* ACPI processor UID */
        }
    }
    build_append_int_noprefix(t, 1, 1);             /* I/O APIC */
    build_append_int_noprefix(t, 12, 1);
    build_append_int_noprefix(t, 0, 1);             /* I/O APIC ID */
    build_append_int_noprefix(t, 0, 1);
    build_append_int_noprefix(t, ACPI_IOAPIC_ADDR, 4);
    build_append_int_noprefix(t, 0, 4);             /* GSI base */

    /* The PIT is wired to IOAPIC pin 2. */
    build_madt_iso(t, 0, 2, 0);
    /* SCI and PCI links: level triggered, active high (flags 0x000d). */
    for (i = 0; i < ARRAY_SIZE(pci_irqs); i++) {
        build_madt_iso(t, pci_irqs[i], pci_irqs[i], 0x000d);
    }

    build_append_int_noprefix(t, 4, 1);             /* Local APIC NMI */
    build_append_int_noprefix(t, 6, 1);
    build_append_int_noprefix(t, 0xff, 1);          /* all processors */
    build_append_int_noprefix(t, 0, 2);             /* flags: bus default */
    build_append_int_noprefix(t, 1, 1);             /* LINT1 */
    acpi_table_end(linker, &table);
}

/* ---- Everything ---- */

void acpi_build_pc_tables(AcpiBuildTables *tables, const AcpiPcConfig *cfg)
{
    GArray *table_offsets = g_array_new(false, true, sizeof(uint32_t));
    GArray *td = tables->table_data;
    BIOSLinker *linker = tables->linker;
    unsigned facs, dsdt, rsdt, xsdt;
    AcpiRsdpData rsdp = {
        .revision = 2,
        .rsdt_tbl_offset = &rsdt,
        .xsdt_tbl_offset = &xsdt,
    };

    bios_linker_loader_alloc(linker, ACPI_BUILD_TABLE_FILE, td, 64, false);

    /* FACS must be 64-byte aligned: it goes first. */
    facs = td->len;
    build_facs(td);

    dsdt = td->len;
    build_dsdt(td, linker, cfg);

    acpi_add_table(table_offsets, td);
    build_fadt(td, linker, cfg, facs, dsdt);

    acpi_add_table(table_offsets, td);
    build_madt(td, linker, cfg);

    if (cfg->hpet_present) {
        acpi_add_table(table_offsets, td);
        build_hpet(td, linker, cfg);
    }

    rsdt = td->len;
    build_rsdt(td, linker, table_offsets, cfg_oem_id(cfg),
               cfg_oem_table_id(cfg));
    xsdt = td->len;
    build_xsdt(td, linker, table_offsets, cfg_oem_id(cfg),
               cfg_oem_table_id(cfg));

    memset(rsdp.oem_id, ' ', sizeof(rsdp.oem_id));
    memcpy(rsdp.oem_id, cfg_oem_id(cfg),
           MIN(strlen(cfg_oem_id(cfg)), sizeof(rsdp.oem_id)));
    build_rsdp(tables->rsdp, linker, &rsdp);
    g_array_free(table_offsets, true);
}
