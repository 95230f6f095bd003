/*
 * PIIX4 power management function (PCI 00:01.3, 8086:7113): ACPI PM1
 * event/control registers, PM timer, GPE0 block, SCI, APM port 0xb2.
 */
#ifndef HW_ACPI_PIIX4_H
#define HW_ACPI_PIIX4_H

#include "hw/pci/pci.h"
#include "hw/irq.h"
#include "qemu/notify.h"
#include "qemu/timer.h"
#include "hw/acpi/pcihp.h"

#define TYPE_PIIX4_PM "PIIX4_PM"

#define PIIX4_PMBA              0x40    /* PM I/O base (bits 15:6) */
#define PIIX4_PMREGMISC         0x80    /* bit 0: PM I/O enable */
#define PIIX4_DEVACTB           0x58

/* PM1 status/enable bits (ACPI 6.x, 4.8.3.1). */
#define ACPI_BITMASK_TIMER_STATUS           0x0001
#define ACPI_BITMASK_BUS_MASTER_STATUS      0x0010
#define ACPI_BITMASK_GLOBAL_LOCK_STATUS     0x0020
#define ACPI_BITMASK_POWER_BUTTON_STATUS    0x0100
#define ACPI_BITMASK_SLEEP_BUTTON_STATUS    0x0200
#define ACPI_BITMASK_RT_CLOCK_STATUS        0x0400
#define ACPI_BITMASK_WAKE_STATUS            0x8000
#define ACPI_BITMASK_TIMER_ENABLE           0x0001
#define ACPI_BITMASK_GLOBAL_LOCK_ENABLE     0x0020
#define ACPI_BITMASK_POWER_BUTTON_ENABLE    0x0100
#define ACPI_BITMASK_SLEEP_BUTTON_ENABLE    0x0200
#define ACPI_BITMASK_RT_CLOCK_ENABLE        0x0400
/* PM1 control */
#define ACPI_BITMASK_SCI_ENABLE             0x0001
#define ACPI_BITMASK_SLEEP_TYPE             0x1c00
#define ACPI_BITMASK_SLEEP_ENABLE           0x2000

#define PM_TIMER_FREQUENCY 3579545

/* Guest-visible state, public for tests. */
typedef struct PIIX4PMState {
    PCIDevice parent_obj;

    MemoryRegion io;        /* 64 bytes at PMBA */
    MemoryRegion io_gpe;    /* GPE0 block at 0xafe0 */
    MemoryRegion apm_io;    /* 0xb2/0xb3 */
    uint8_t apmc, apms;

    uint16_t pm1_sts, pm1_en, pm1_cnt;
    uint16_t gpe_sts, gpe_en;
    qemu_irq irq;           /* SCI */
    QEMUTimer *tmr_timer;   /* TMR_STS at each bit-23 overflow */
    Notifier powerdown_notifier;

    /* PCI hot-plug registers at 0xae00 (GPE0 bit 1) */
    AcpiPciHpState acpi_pci_hotplug;
} PIIX4PMState;

#define PIIX4_PM(obj) ((PIIX4PMState *)(obj))

/* Create and realize the function at @devfn with its SCI on @sci_irq. */
PCIDevice *piix4_pm_init(PCIBus *bus, int devfn, qemu_irq sci_irq);

/* PM timer value now (24 bits) from a virtual-clock time. */
uint32_t acpi_pm_tmr_from_ns(int64_t ns);

#endif
