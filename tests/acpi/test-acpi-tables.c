/*
 * ACPI tables of the PC built without a machine: layout and checksums
 * after running the table-loader script the way firmware does, MADT and
 * DSDT contents, and `iasl -d` disassembling every table without errors.
 * Also the SMBIOS entry point and structures with -smbios options.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/module.h"
#include "qemu/bswap.h"
#include "qemu/option.h"
#include "qemu/config-file.h"
#include "hw/boards.h"
#include "hw/i386/acpi-build.h"
#include "hw/acpi/pcihp.h"
#include "hw/firmware/smbios.h"

/* vl.c's globals that smbios.c reads */
uint8_t qemu_uuid[16];
bool qemu_uuid_set;

/*
 * What the board would put in the configuration beyond the basics:
 * the root bus's hot-plug controller (NULL: none, no hot-plug AML) and
 * the HPET and LPT1 that QEMU's pc has by default.
 */
static const AcpiPciHpDsdtInfo *test_pcihp;
static bool test_hpet_lpt;

/* The pc board: 00.0, 01.1, 01.3 fixed (01.0 is ISA), slots 2-31 free. */
static const AcpiPciHpDsdtInfo pc_pcihp = {
    .io_base = 0xae00, .io_len = 0x18,
    .hotplug_slots = 0xfffffffc,
    .fixed_devfns = { (1u << 0) | (1u << 9) | (1u << 11) },
};

/* ---- helpers ---- */

static uint32_t rd32(const void *p)
{
    return (uint32_t)ldl_le_p(p);
}

#define TABLES_ADDR 0x07fe0000ULL
#define RSDP_ADDR   0x000f5000ULL

typedef struct Built {
    AcpiBuildTables t;
    uint64_t tables_addr, rsdp_addr;
} Built;

static uint64_t place(const char *file, uint32_t align, bool fseg,
                      size_t size, void *opaque)
{
    g_assert(is_power_of_2(align));
    return fseg ? RSDP_ADDR : TABLES_ADDR;
}

static void build_ids(Built *b, unsigned cpus, uint64_t below,
                      uint64_t above, bool com2, unsigned id_stride);

static void build(Built *b, unsigned cpus, uint64_t below, uint64_t above,
                  bool com2)
{
    build_ids(b, cpus, below, above, com2, 1);
}

static void build_ids(Built *b, unsigned cpus, uint64_t below,
                      uint64_t above, bool com2, unsigned id_stride)
{
    g_autofree uint32_t *ids = g_new0(uint32_t, cpus);
    AcpiPcConfig cfg = {
        .nr_cpus = cpus, .apic_ids = ids,
        .below_4g_mem_size = below, .above_4g_mem_size = above,
        .com_present = { true, com2 }, .i8042_present = true,
        .rtc_present = true, .pcihp = test_pcihp,
        .hpet_present = test_hpet_lpt, .hpet_id = 0x8086a201,
        .lpt_base = { test_hpet_lpt ? 0x378 : 0 },
    };
    Error *err = NULL;
    unsigned i;

    for (i = 0; i < cpus; i++) {
        ids[i] = i * id_stride;
    }
    acpi_build_tables_init(&b->t);
    acpi_build_pc_tables(&b->t, &cfg);
    g_assert_cmpint(b->t.linker->cmd_blob->len % 128, ==, 0);
    g_assert_true(bios_linker_loader_execute(b->t.linker, place, NULL, &err));
    g_assert_null(err);
    bios_linker_loader_file_blob(b->t.linker, ACPI_BUILD_TABLE_FILE,
                                 &b->tables_addr);
    bios_linker_loader_file_blob(b->t.linker, ACPI_BUILD_RSDP_FILE,
                                 &b->rsdp_addr);
}

static uint8_t sum(const uint8_t *p, size_t len)
{
    uint8_t s = 0;

    while (len--) {
        s += *p++;
    }
    return s;
}

/* A table by guest address: its bytes inside the linked blob. */
static const uint8_t *table_at(Built *b, uint64_t addr)
{
    GArray *td = b->t.table_data;

    g_assert_cmpuint(addr, >=, b->tables_addr);
    g_assert_cmpuint(addr + 36, <=, b->tables_addr + td->len);
    return (const uint8_t *)td->data + (addr - b->tables_addr);
}

static const uint8_t *checked_table(Built *b, uint64_t addr, const char *sig)
{
    const uint8_t *h = table_at(b, addr);
    uint32_t len = rd32(h + 4);

    g_assert_cmpmem(h, 4, sig, 4);
    g_assert_cmpuint(addr + len, <=, b->tables_addr + b->t.table_data->len);
    g_assert_cmpint(sum(h, len), ==, 0);
    return h;
}

/* ---- ACPI ---- */

static void test_layout(void)
{
    Built b;
    const uint8_t *rsdp, *rsdt, *xsdt, *fadt, *madt, *dsdt, *facs;
    uint64_t xaddr;
    int i, nent;

    build(&b, 4, 128 * MiB, 0, false);
    rsdp = (const uint8_t *)b.t.rsdp->data;
    g_assert_cmpint(b.t.rsdp->len, ==, 36);
    g_assert_cmpmem(rsdp, 8, "RSD PTR ", 8);
    g_assert_cmpint(sum(rsdp, 20), ==, 0);
    g_assert_cmpint(sum(rsdp, 36), ==, 0);
    g_assert_cmpint(rsdp[15], ==, 2);

    rsdt = checked_table(&b, rd32(rsdp + 16), "RSDT");
    xaddr = ldq_le_p(rsdp + 24);
    xsdt = checked_table(&b, xaddr, "XSDT");
    nent = (rd32(rsdt + 4) - 36) / 4;
    g_assert_cmpint(nent, ==, 2);
    g_assert_cmpint((rd32(xsdt + 4) - 36) / 8, ==, nent);
    for (i = 0; i < nent; i++) {
        g_assert_cmpuint(rd32(rsdt + 36 + 4 * i), ==,
                         ldq_le_p(xsdt + 36 + 8 * i));
    }
    fadt = checked_table(&b, rd32(rsdt + 36), "FACP");
    madt = checked_table(&b, rd32(rsdt + 40), "APIC");
    g_assert_cmpint(rd32(fadt + 4), ==, 244);
    dsdt = checked_table(&b, rd32(fadt + 40), "DSDT");
    g_assert_cmpuint(ldq_le_p(fadt + 140), ==, rd32(fadt + 40));
    facs = table_at(&b, rd32(fadt + 36));
    g_assert_cmpmem(facs, 4, "FACS", 4);
    g_assert_cmpint(rd32(fadt + 36) % 64, ==, 0);

    /* PM resources as QEMU advertises them */
    g_assert_cmpint(lduw_le_p(fadt + 46), ==, 9);
    g_assert_cmpint(rd32(fadt + 48), ==, 0xb2);
    g_assert_cmpint(fadt[52], ==, 0xf1);
    g_assert_cmpint(fadt[53], ==, 0xf0);
    g_assert_cmpint(rd32(fadt + 56), ==, 0xb000);
    g_assert_cmpint(rd32(fadt + 64), ==, 0xb004);
    g_assert_cmpint(rd32(fadt + 76), ==, 0xb008);
    g_assert_cmpint(rd32(fadt + 80), ==, 0xafe0);

    /* DSDT: names that must be there */
    g_assert_nonnull(memmem(dsdt, rd32(dsdt + 4), "_S5_\x12", 5));
    g_assert_nonnull(memmem(dsdt, rd32(dsdt + 4), "PCI0", 4));
    g_assert_nonnull(memmem(dsdt, rd32(dsdt + 4), "LNKD", 4));
    g_assert_nonnull(memmem(dsdt, rd32(dsdt + 4), "COM1", 4));
    g_assert_null(memmem(dsdt, rd32(dsdt + 4), "COM2", 4));
    g_assert_nonnull(memmem(dsdt, rd32(dsdt + 4), "C003", 4));
    g_assert_null(memmem(dsdt, rd32(dsdt + 4), "C004", 4));
    (void)madt;
    acpi_build_tables_cleanup(&b.t, true);
}

static void test_madt(void)
{
    Built b;
    const uint8_t *rsdt, *madt, *p, *end;
    int cpus = 0, ioapic = 0, nmi = 0, irq0 = 0, sci = 0;

    build(&b, 16, 3 * GiB, 2 * GiB, true);
    rsdt = checked_table(&b, rd32((uint8_t *)b.t.rsdp->data + 16),
                         "RSDT");
    madt = checked_table(&b, rd32(rsdt + 40), "APIC");
    g_assert_cmphex(rd32(madt + 36), ==, 0xfee00000);
    p = madt + 44;
    end = madt + rd32(madt + 4);
    while (p < end) {
        g_assert_cmpint(p[1], >=, 2);
        switch (p[0]) {
        case 0:
            g_assert_cmpint(p[2], ==, cpus);    /* UID */
            g_assert_cmpint(p[3], ==, cpus);    /* APIC ID */
            cpus++;
            break;
        case 1:
            g_assert_cmphex(rd32(p + 4), ==, 0xfec00000);
            ioapic++;
            break;
        case 2:
            if (p[3] == 0) {
                g_assert_cmpint(rd32(p + 4), ==, 2);
                irq0++;
            } else if (p[3] == 9) {
                g_assert_cmpint(rd32(p + 4), ==, 9);
                g_assert_cmphex(lduw_le_p(p + 8), ==, 0xd);
                sci++;
            }
            break;
        case 4:
            g_assert_cmpint(p[5], ==, 1);       /* LINT1 */
            nmi++;
            break;
        }
        p += p[1];
    }
    g_assert_true(p == end);
    g_assert_cmpint(cpus, ==, 16);
    g_assert_cmpint(ioapic, ==, 1);
    g_assert_cmpint(irq0, ==, 1);
    g_assert_cmpint(sci, ==, 1);
    g_assert_cmpint(nmi, ==, 1);
    acpi_build_tables_cleanup(&b.t, true);
}

/* 255 CPUs still fit the 64 KiB that direct boot gives the tables. */
static void test_max_cpus(void)
{
    Built b;
    const uint8_t *rsdt, *madt;

    build(&b, 255, 3 * GiB, 5 * GiB, true);
    g_assert_cmpuint(b.t.table_data->len, <=, 0x10000);
    rsdt = checked_table(&b, rd32((uint8_t *)b.t.rsdp->data + 16), "RSDT");
    madt = checked_table(&b, rd32(rsdt + 40), "APIC");
    /* header, 255 LAPICs, IOAPIC, 5 overrides, LAPIC NMI */
    g_assert_cmpint(rd32(madt + 4), ==, 44 + 255 * 8 + 12 + 5 * 10 + 6);
    acpi_build_tables_cleanup(&b.t, true);

    /* APIC IDs 0, 2, ... 508: IDs from 255 up are x2APIC entries */
    build_ids(&b, 255, 3 * GiB, 0, false, 2);
    rsdt = checked_table(&b, rd32((uint8_t *)b.t.rsdp->data + 16), "RSDT");
    madt = checked_table(&b, rd32(rsdt + 40), "APIC");
    g_assert_cmpint(rd32(madt + 4), ==,
                    44 + 128 * 8 + 127 * 16 + 12 + 5 * 10 + 6);
    g_assert_cmpint(madt[44 + 128 * 8], ==, 9);
    g_assert_cmpint(rd32(madt + 44 + 128 * 8 + 4), ==, 256);
    g_assert_cmpint(rd32(madt + 44 + 128 * 8 + 12), ==, 128);
    acpi_build_tables_cleanup(&b.t, true);
}

/* The loader must refuse a script naming a file it does not know. */
static void test_loader_errors(void)
{
    BIOSLinker *l = bios_linker_loader_init();
    GArray *blob = g_array_new(false, true, 1);
    Error *err = NULL;
    uint8_t *cmd;

    g_array_set_size(blob, 64);
    bios_linker_loader_alloc(l, "a", blob, 16, false);
    bios_linker_loader_add_checksum(l, "a", 0, 64, 9);
    g_assert_true(bios_linker_loader_execute(l, place, NULL, &err));
    g_assert_cmpint(sum((uint8_t *)blob->data, 64), ==, 0);
    /* corrupt the file name of the checksum command */
    cmd = (uint8_t *)l->cmd_blob->data + 128;
    cmd[4] = 'z';
    g_assert_false(bios_linker_loader_execute(l, place, NULL, &err));
    g_assert_nonnull(err);
    g_assert_nonnull(strstr(error_get_pretty(err), "unknown file"));
    error_free(err);
    bios_linker_loader_cleanup(l);
    g_array_free(blob, true);
}

static void iasl_check(const char *dir, const char *name, const uint8_t *data,
                       size_t len, const char *must_contain)
{
    g_autofree char *dat = g_strdup_printf("%s/%s.dat", dir, name);
    g_autofree char *dsl = g_strdup_printf("%s/%s.dsl", dir, name);
    g_autofree char *out = NULL, *err = NULL, *text = NULL;
    const char *argv[] = { "iasl", "-d", dat, NULL };
    GError *gerr = NULL;
    int status;

    g_assert_true(g_file_set_contents(dat, (const char *)data, len, NULL));
    g_assert_true(g_spawn_sync(dir, (char **)argv, NULL, G_SPAWN_SEARCH_PATH,
                               NULL, NULL, &out, &err, &status, &gerr));
    if (status != 0 || strstr(out, "Error") || strstr(err, "Error")) {
        g_test_message("iasl -d %s:\n%s\n%s", name, out, err);
        g_test_fail();
        return;
    }
    g_assert_true(g_file_get_contents(dsl, &text, NULL, NULL));
    if (must_contain && !strstr(text, must_contain)) {
        g_test_message("%s.dsl lacks '%s'", name, must_contain);
        g_test_fail();
    }
}

/* The disassembled DSDT must compile again without errors. */
static void iasl_recompile(const char *dir, const char *name)
{
    g_autofree char *dsl = g_strdup_printf("%s/%s.dsl", dir, name);
    g_autofree char *prefix = g_strdup_printf("%s/%s-recompiled", dir, name);
    g_autofree char *out = NULL, *err = NULL;
    const char *argv[] = { "iasl", "-p", prefix, dsl, NULL };
    int status;

    g_assert_true(g_spawn_sync(dir, (char **)argv, NULL, G_SPAWN_SEARCH_PATH,
                               NULL, NULL, &out, &err, &status, NULL));
    if (status != 0 || !strstr(out, " 0 Errors")) {
        g_test_message("iasl %s.dsl:\n%s\n%s", name, out, err);
        g_test_fail();
    }
}

static void test_iasl(void)
{
    g_autofree char *iasl = g_find_program_in_path("iasl");
    g_autofree char *dir = NULL;
    Built b;
    const uint8_t *rsdt, *fadt, *dsdt;
    int i, n;

    if (!iasl) {
        g_test_skip("iasl (acpica-tools) not installed");
        return;
    }
    dir = g_dir_make_tmp("acpi-XXXXXX", NULL);
    g_assert_nonnull(dir);
    test_pcihp = &pc_pcihp;
    test_hpet_lpt = true;
    build(&b, 4, 3 * GiB, 1 * GiB, true);
    test_pcihp = NULL;
    test_hpet_lpt = false;
    rsdt = table_at(&b, rd32((uint8_t *)b.t.rsdp->data + 16));
    fadt = table_at(&b, rd32(rsdt + 36));

    /* (iasl -d does not take a lone RSDP: test_layout checks it) */
    iasl_check(dir, "rsdt", rsdt, rd32(rsdt + 4), "RSDT");
    iasl_check(dir, "xsdt", table_at(&b, ldq_le_p((uint8_t *)b.t.rsdp->data
                                                  + 24)),
               rd32(rsdt + 4) * 2 - 36, "XSDT");
    n = (rd32(rsdt + 4) - 36) / 4;
    for (i = 0; i < n; i++) {
        const uint8_t *t = table_at(&b, rd32(rsdt + 36 + 4 * i));
        g_autofree char *name = g_strndup((const char *)t, 4);

        iasl_check(dir, name, t, rd32(t + 4), NULL);
    }
    iasl_check(dir, "facs", table_at(&b, rd32(fadt + 36)), 64, "FACS");
    dsdt = table_at(&b, rd32(fadt + 40));
    iasl_check(dir, "dsdt", dsdt, rd32(dsdt + 4), "PNP0A03");
    iasl_recompile(dir, "dsdt");
    acpi_build_tables_cleanup(&b.t, true);
    if (g_getenv("ACPI_TEST_KEEP")) {
        g_test_message("tables and disassembly kept in %s", dir);
    } else if (!g_test_failed()) {
        g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
        const char *f;

        while ((f = g_dir_read_name(d))) {
            g_autofree char *p = g_build_filename(dir, f, NULL);
            unlink(p);
        }
        rmdir(dir);
    }
}

/*
 * Run @cmds (acpiexec -b syntax) against @dsdt; returns acpiexec's
 * output, checked free of ACPI errors.
 */
static char *run_acpiexec(const uint8_t *dsdt, const char *cmds)
{
    g_autofree char *dir = g_dir_make_tmp("acpiexec-XXXXXX", NULL);
    g_autofree char *dat = g_build_filename(dir, "dsdt.dat", NULL);
    g_autofree char *err = NULL;
    const char *argv[] = { "acpiexec", "-b", cmds, dat, NULL };
    char *out = NULL;
    int status;

    g_assert_true(g_file_set_contents(dat, (const char *)dsdt,
                                      rd32(dsdt + 4), NULL));
    g_assert_true(g_spawn_sync(dir, (char **)argv, NULL, G_SPAWN_SEARCH_PATH,
                               NULL, NULL, &out, &err, &status, NULL));
    g_test_message("%s%s", out, err);
    g_assert_cmpint(status, ==, 0);
    g_assert_null(strstr(out, "ACPI Error"));
    g_assert_null(strstr(out, "failed with status"));
    unlink(dat);
    rmdir(dir);
    return out;
}

/*
 * Run the DSDT's link-device methods in ACPICA's acpiexec (which
 * emulates the PCI config OperationRegion): _STA follows _DIS through
 * PIIX3 register 0x61, _CRS returns an extended IRQ descriptor.
 */
static void test_acpiexec(void)
{
    g_autofree char *acpiexec = g_find_program_in_path("acpiexec");
    g_autofree char *out = NULL;
    const char *p;
    const uint8_t *rsdt, *fadt, *dsdt;
    Built b;

    if (!acpiexec) {
        g_test_skip("acpiexec (acpica-tools) not installed");
        return;
    }
    build(&b, 2, 128 * MiB, 0, false);
    rsdt = table_at(&b, rd32((uint8_t *)b.t.rsdp->data + 16));
    fadt = table_at(&b, rd32(rsdt + 36));
    dsdt = table_at(&b, rd32(fadt + 40));
    out = run_acpiexec(dsdt,
                       "execute \\_SB.LNKB._STA; execute \\_SB.LNKB._DIS; "
                       "execute \\_SB.LNKB._STA; execute \\_SB.LNKA._CRS; "
                       "execute \\_SB.LNKS._CRS; "
                       "execute \\_SB.PCI0.ISA.COM1._CRS; execute \\_S5");
    /* enabled, then disabled by _DIS */
    p = strstr(out, "Evaluating \\_SB.LNKB._STA");
    g_assert_nonnull(p);
    p = strstr(p, "[Integer] = 000000000000000B");
    g_assert_nonnull(p);
    p = strstr(p, "[Integer] = 0000000000000009");
    g_assert_nonnull(p);
    /* Interrupt(ResourceConsumer, Level, ActiveHigh, Shared) {0} / {9} */
    g_assert_nonnull(strstr(out, "89 06 00 09 01 00 00 00 00 79 00"));
    g_assert_nonnull(strstr(out, "89 06 00 09 01 09 00 00 00 79 00"));
    /* IO(Decode16, 0x3f8, 0x3f8, 0, 8) IRQNoFlags() {4} */
    g_assert_nonnull(strstr(out, "47 01 F8 03 F8 03 00 08 22 10 00 79 00"));
    g_assert_nonnull(strstr(out, "[Package] Contains 4 Elements"));
    acpi_build_tables_cleanup(&b.t, true);
}

/* Find the AML NameString @name (4 chars) in the DSDT body. */
static bool dsdt_has(const uint8_t *dsdt, const char *name)
{
    return memmem(dsdt + 36, rd32(dsdt + 4) - 36, name, strlen(name));
}

/* The HPET table and the HPET and LPT1 devices, when the board has them. */
static void test_hpet_lpt_tables(void)
{
    const uint8_t *rsdt, *fadt, *dsdt, *hpet;
    Built b;

    build(&b, 2, 128 * MiB, 0, false);
    rsdt = table_at(&b, rd32((uint8_t *)b.t.rsdp->data + 16));
    g_assert_cmpint((rd32(rsdt + 4) - 36) / 4, ==, 2);
    dsdt = table_at(&b, rd32(table_at(&b, rd32(rsdt + 36)) + 40));
    g_assert_false(dsdt_has(dsdt, "HPET"));
    g_assert_false(dsdt_has(dsdt, "LPT1"));
    acpi_build_tables_cleanup(&b.t, true);

    test_hpet_lpt = true;
    build(&b, 2, 128 * MiB, 0, false);
    test_hpet_lpt = false;
    rsdt = table_at(&b, rd32((uint8_t *)b.t.rsdp->data + 16));
    g_assert_cmpint((rd32(rsdt + 4) - 36) / 4, ==, 3);
    hpet = checked_table(&b, rd32(rsdt + 44), "HPET");
    g_assert_cmpint(rd32(hpet + 4), ==, 56);
    g_assert_cmphex(rd32(hpet + 36), ==, 0x8086a201);
    g_assert_cmpint(hpet[40], ==, 0);                   /* system memory */
    g_assert_cmphex(ldq_le_p(hpet + 44), ==, 0xfed00000);
    g_assert_cmpint(hpet[52], ==, 0);                   /* HPET number */
    fadt = table_at(&b, rd32(rsdt + 36));
    dsdt = table_at(&b, rd32(fadt + 40));
    g_assert_true(dsdt_has(dsdt, "HPET"));
    g_assert_true(dsdt_has(dsdt, "LPT1"));
    g_assert_false(dsdt_has(dsdt, "LPT2"));
    acpi_build_tables_cleanup(&b.t, true);
}

/*
 * ACPI PCI hot-plug AML: slot nodes only with a controller, _EJ0 on
 * hot-pluggable slots; PCNT/\_GPE._E01 run in acpiexec, where
 * SystemIO reads return 0 and writes are logged.
 */
static void test_pcihp_aml(void)
{
    g_autofree char *acpiexec = g_find_program_in_path("acpiexec");
    g_autofree char *out = NULL;
    const uint8_t *rsdt, *fadt, *dsdt;
    const char *p;
    Built b;

    /* Without a controller: no slot nodes, no _E01. */
    build(&b, 1, 128 * MiB, 0, false);
    rsdt = table_at(&b, rd32((uint8_t *)b.t.rsdp->data + 16));
    fadt = table_at(&b, rd32(rsdt + 36));
    dsdt = table_at(&b, rd32(fadt + 40));
    g_assert_false(dsdt_has(dsdt, "PCNT"));
    g_assert_false(dsdt_has(dsdt, "_E01"));
    g_assert_false(dsdt_has(dsdt, "S28_"));
    acpi_build_tables_cleanup(&b.t, true);

    test_pcihp = &pc_pcihp;
    build(&b, 1, 128 * MiB, 0, false);
    test_pcihp = NULL;
    rsdt = table_at(&b, rd32((uint8_t *)b.t.rsdp->data + 16));
    fadt = table_at(&b, rd32(rsdt + 36));
    dsdt = table_at(&b, rd32(fadt + 40));
    g_assert_true(dsdt_has(dsdt, "PCNT"));
    g_assert_true(dsdt_has(dsdt, "_E01"));
    g_assert_true(dsdt_has(dsdt, "B0EJ"));
    g_assert_true(dsdt_has(dsdt, "BLCK"));
    /* slots 2..31 (S10..SF8) hot-pluggable; 00.0, 01.1, 01.3 fixed */
    g_assert_true(dsdt_has(dsdt, "S10_"));
    g_assert_true(dsdt_has(dsdt, "SF8_"));
    g_assert_true(dsdt_has(dsdt, "S00_"));
    g_assert_true(dsdt_has(dsdt, "S0B_"));
    g_assert_false(dsdt_has(dsdt, "S08_"));     /* ISA bridge: \_SB.PCI0.ISA */

    if (!acpiexec) {
        acpi_build_tables_cleanup(&b.t, true);
        g_test_skip("acpiexec (acpica-tools) not installed");
        return;
    }
    out = run_acpiexec(dsdt,
                       "execute \\_GPE._E01; execute \\_SB.PCI0.S28._SUN; "
                       "execute \\_SB.PCI0.S28._ADR; "
                       "execute \\_SB.PCI0.S28._EJ0 0; "
                       "execute \\_SB.PCI0.S0B._ADR");
    p = strstr(out, "Evaluating \\_SB.PCI0.S28._SUN");
    g_assert_nonnull(p);
    g_assert_nonnull(strstr(p, "[Integer] = 0000000000000005"));
    p = strstr(out, "Evaluating \\_SB.PCI0.S28._ADR");
    g_assert_nonnull(p);
    g_assert_nonnull(strstr(p, "[Integer] = 0000000000050000"));
    p = strstr(out, "Evaluating \\_SB.PCI0.S0B._ADR");
    g_assert_nonnull(p);
    g_assert_nonnull(strstr(p, "[Integer] = 0000000000010003"));
    acpi_build_tables_cleanup(&b.t, true);
}

/* ---- SMBIOS ---- */

static const uint8_t *smbios_find(const uint8_t *t, size_t len, int type)
{
    const uint8_t *p = t, *end = t + len;

    while (p + 4 <= end) {
        const uint8_t *s = p + p[1];

        if (p[0] == type) {
            return p;
        }
        while (s[0] || s[1]) {
            s++;
        }
        p = s + 2;
    }
    return NULL;
}

static const char *smbios_str(const uint8_t *s, int n)
{
    const char *p = (const char *)s + s[1];

    g_assert_cmpint(n, >, 0);
    while (--n) {
        p += strlen(p) + 1;
    }
    return p;
}

static void smbios_opt(const char *s)
{
    QemuOpts *opts = qemu_opts_parse(qemu_find_opts("smbios"), s, true,
                                     &error_abort);

    smbios_entry_add(opts, &error_abort);
}

static void test_smbios(void)
{
    MachineState *ms = g_new0(MachineState, 1);
    struct smbios_phys_mem_area mem[2] = {
        { 0, 3 * GiB }, { 4 * GiB, 17 * GiB },
    };
    uint8_t *tables, *anchor;
    size_t tlen, alen;
    const uint8_t *t1, *t11, *p;
    int n4 = 0, n17 = 0, n19 = 0;

    smbios_reset_options();
    ms->ram_size = 20 * GiB;
    ms->smp.cpus = 4;
    ms->smp.cores = 2;
    ms->smp.threads = 1;
    smbios_opt("type=1,manufacturer=ACME,serial=S-1,"
               "uuid=01234567-89ab-cdef-0123-456789abcdef");
    smbios_opt("type=11,value=first,value=second");
    smbios_set_defaults("QEMU", "Standard PC", "pc-7.2", false, true,
                        SMBIOS_ENTRY_POINT_TYPE_32);
    smbios_get_tables_no_firmware(ms, mem, 2, true, &tables, &tlen, &anchor,
                                  &alen, &error_abort);

    g_assert_cmpint(alen, ==, 31);
    g_assert_cmpmem(anchor, 4, "_SM_", 4);
    g_assert_cmpint(sum(anchor, 31), ==, 0);
    g_assert_cmpint(sum(anchor + 0x10, 0x0f), ==, 0);
    g_assert_cmpint(anchor[6], ==, 2);
    g_assert_cmpint(anchor[7], ==, 8);
    g_assert_cmpint(lduw_le_p(anchor + 0x16), ==, tlen);
    smbios_entry_point_set_address(anchor, alen, 0xf1000);
    g_assert_cmphex(rd32(anchor + 0x18), ==, 0xf1000);
    g_assert_cmpint(sum(anchor, 31), ==, 0);
    g_assert_cmpint(sum(anchor + 0x10, 0x0f), ==, 0);

    t1 = smbios_find(tables, tlen, 1);
    g_assert_nonnull(t1);
    g_assert_cmpstr(smbios_str(t1, t1[4]), ==, "ACME");
    g_assert_cmpstr(smbios_str(t1, t1[5]), ==, "Standard PC");
    g_assert_cmpstr(smbios_str(t1, t1[7]), ==, "S-1");
    /* UUID: first three fields little-endian */
    g_assert_cmphex(t1[8], ==, 0x67);
    g_assert_cmphex(t1[11], ==, 0x01);
    g_assert_cmphex(t1[12], ==, 0xab);
    g_assert_cmphex(t1[16], ==, 0x01);
    g_assert_true(qemu_uuid_set);

    t11 = smbios_find(tables, tlen, 11);
    g_assert_nonnull(t11);
    g_assert_cmpint(t11[4], ==, 2);
    g_assert_cmpstr(smbios_str(t11, 2), ==, "second");

    for (p = tables; p < tables + tlen; ) {
        const uint8_t *s = p + p[1];

        n4 += p[0] == 4;
        n17 += p[0] == 17;
        n19 += p[0] == 19;
        if (p[0] == 127) {
            g_assert_true(s + 2 == tables + tlen);
        }
        while (s[0] || s[1]) {
            s++;
        }
        p = s + 2;
    }
    g_assert_cmpint(n4, ==, 2);         /* 4 CPUs, 2 per socket */
    g_assert_cmpint(n17, ==, 2);        /* 20 GiB in 16 GiB DIMMs */
    g_assert_cmpint(n19, ==, 2);
    g_assert_nonnull(smbios_find(tables, tlen, 0));
    g_assert_nonnull(smbios_find(tables, tlen, 3));
    g_assert_nonnull(smbios_find(tables, tlen, 16));
    g_assert_nonnull(smbios_find(tables, tlen, 32));
    g_free(tables);
    g_free(anchor);

    /* for firmware: no type 0 unless given (firmware has its own) */
    smbios_get_tables(ms, mem, 2, &tables, &tlen, &anchor, &alen,
                      &error_abort);
    g_assert_null(smbios_find(tables, tlen, 0));
    g_assert_nonnull(smbios_find(tables, tlen, 1));
    g_free(tables);
    g_free(anchor);
    smbios_opt("type=0,vendor=Vend,release=2.5");
    smbios_get_tables(ms, mem, 2, &tables, &tlen, &anchor, &alen,
                      &error_abort);
    p = smbios_find(tables, tlen, 0);
    g_assert_nonnull(p);
    g_assert_cmpstr(smbios_str(p, p[4]), ==, "Vend");
    g_assert_cmpint(p[0x14], ==, 2);        /* BIOS major release */
    g_assert_cmpint(p[0x15], ==, 5);
    g_free(tables);
    g_free(anchor);
    g_free(ms);
    smbios_reset_options();
}

static void test_smbios_errors(void)
{
    static const struct {
        const char *opt, *msg;
    } cases[] = {
        { "type=1,bogus=1", "bogus" },
        { "type=5", "SMBIOS type 5" },
        { "type=x", "Invalid SMBIOS type" },
        { "type=1,uuid=not-a-uuid", "Invalid UUID" },
        { "type=0,release=abc", "Invalid release" },
        { "vendor=foo", "type or file" },
    };
    int i;

    for (i = 0; i < ARRAY_SIZE(cases); i++) {
        Error *err = NULL;
        QemuOpts *opts = qemu_opts_parse(qemu_find_opts("smbios"),
                                         cases[i].opt, true, &error_abort);

        smbios_entry_add(opts, &err);
        g_assert_nonnull(err);
        if (!strstr(error_get_pretty(err), cases[i].msg)) {
            g_test_message("'%s': got '%s'", cases[i].opt,
                           error_get_pretty(err));
            g_test_fail();
        }
        error_free(err);
        qemu_opts_del(opts);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    module_call_init(MODULE_INIT_OPTS);
    g_test_add_func("/acpi/layout", test_layout);
    g_test_add_func("/acpi/madt", test_madt);
    g_test_add_func("/acpi/max-cpus", test_max_cpus);
    g_test_add_func("/acpi/loader-errors", test_loader_errors);
    g_test_add_func("/acpi/iasl", test_iasl);
    g_test_add_func("/acpi/acpiexec", test_acpiexec);
    g_test_add_func("/acpi/pcihp-aml", test_pcihp_aml);
    g_test_add_func("/acpi/hpet-lpt", test_hpet_lpt_tables);
    g_test_add_func("/smbios/tables", test_smbios);
    g_test_add_func("/smbios/errors", test_smbios_errors);
    return g_test_run();
}
