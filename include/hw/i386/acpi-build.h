/*
 * ACPI tables of the i440FX/PIIX4 PC: built by the VMM from the
 * machine's configuration (see docs/devel/acpi.md).
 */
#ifndef HW_I386_ACPI_BUILD_H
#define HW_I386_ACPI_BUILD_H

#include "hw/acpi/aml-build.h"
#include "hw/acpi/pcihp.h"

/* Fixed PIIX4 PM resources advertised in the FADT (QEMU's values). */
#define ACPI_PM_BASE            0xb000
#define ACPI_PM1_EVT_ADDR       (ACPI_PM_BASE + 0)
#define ACPI_PM1_CNT_ADDR       (ACPI_PM_BASE + 4)
#define ACPI_PM_TMR_ADDR        (ACPI_PM_BASE + 8)
#define ACPI_GPE0_ADDR          0xafe0
#define ACPI_GPE0_LEN           4
#define ACPI_SCI_IRQ            9
#define ACPI_SMI_CMD_PORT       0xb2
#define ACPI_ENABLE_CMD         0xf1
#define ACPI_DISABLE_CMD        0xf0

#define ACPI_IOAPIC_ADDR        0xfec00000u
#define ACPI_LAPIC_ADDR         0xfee00000u
#define ACPI_PCI_HOLE_END       0xfebfffffu   /* last byte below the IOAPIC */
#define ACPI_PCI_HOLE64_SIZE    (1ULL << 31)

/* What the tables describe; filled from the machine by pc.c. */
typedef struct AcpiPcConfig {
    unsigned nr_cpus;
    const uint32_t *apic_ids;   /* nr_cpus entries */
    uint64_t below_4g_mem_size;
    uint64_t above_4g_mem_size;
    bool com_present[2];        /* COM1 (0x3f8/IRQ4), COM2 (0x2f8/IRQ3) */
    bool i8042_present;
    bool rtc_present;
    uint16_t lpt_base[3];       /* LPT1..3 I/O base (IRQ 7), 0: absent */
    bool hpet_present;          /* HPET at HPET_BASE: HPET table + device */
    uint32_t hpet_id;           /* its capabilities register, low half */
    const AcpiPciHpDsdtInfo *pcihp; /* root bus hot-plug, NULL: none */
    const char *oem_id;         /* 6 chars max, default "BOCHS " */
    const char *oem_table_id;   /* 8 chars max, default "BXPC    " */
} AcpiPcConfig;

/*
 * Build etc/acpi/tables, etc/acpi/rsdp and etc/table-loader into
 * @tables (initialised with acpi_build_tables_init()).
 */
void acpi_build_pc_tables(AcpiBuildTables *tables, const AcpiPcConfig *cfg);

#endif
