/*
 * PIIX4 PM function on a fake PCI bus: PMBA/PMREGMISC mapping, ACPI
 * enable/disable through 0xb2, S5 soft-off requests, the power button,
 * SCI level from PM1 and GPE0 status/enable, and the PM timer value.
 */
#include "qemu/osdep.h"
#include "fake-memory.h"
#include "qapi/error.h"
#include "qemu/module.h"
#include "qemu/timer.h"
#include "exec/address-spaces.h"
#include "hw/pci/pci.h"
#include "hw/pci/pci_bus.h"
#include "hw/pci/pci_host.h"
#include "hw/acpi/piix4.h"
#include "hw/i386/acpi-build.h"
#include "sysemu/runstate.h"

/* ---- fakes: address space accesses and run state ------------------- */

MemTxResult address_space_rw(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                             void *buf, hwaddr len, bool is_write)
{
    return MEMTX_OK;
}

MemTxResult address_space_write(AddressSpace *as, hwaddr addr,
                                MemTxAttrs attrs, const void *buf, hwaddr len)
{
    return MEMTX_OK;
}

static int shutdown_requests;
static ShutdownCause last_cause;
static Notifier *powerdown_notifier;

void qemu_system_shutdown_request(ShutdownCause reason)
{
    shutdown_requests++;
    last_cause = reason;
}

void qemu_system_reset_request(ShutdownCause reason)
{
}

void qemu_register_powerdown_notifier(Notifier *notifier)
{
    powerdown_notifier = notifier;
}

/* ---- bus and device ------------------------------------------------- */

#define TYPE_TEST_HOST "test-pcihost"
static const TypeInfo test_host_info = {
    .name = TYPE_TEST_HOST,
    .parent = TYPE_PCI_HOST_BRIDGE,
    .instance_size = sizeof(PCIHostState),
};

static PCIBus *bus;
static PIIX4PMState *pm;
static int sci_level;

static void fake_set_irq(void *opaque, int irq, int level)
{
}

static int fake_map_irq(PCIDevice *d, int pin)
{
    return pin;
}

static void sci_handler(void *opaque, int n, int level)
{
    sci_level = level;
}

static uint32_t cfg_read(int reg, int len)
{
    return pci_data_read(bus, 0x80000000u | (PCI_DEVFN(1, 3) << 8) | reg,
                         len);
}

static void cfg_write(int reg, uint32_t val, int len)
{
    pci_data_write(bus, 0x80000000u | (PCI_DEVFN(1, 3) << 8) | reg, val, len);
}

static uint64_t rd(MemoryRegion *mr, hwaddr off, unsigned size)
{
    return mr->ops->read(mr->opaque, off, size);
}

static void wr(MemoryRegion *mr, hwaddr off, uint64_t val, unsigned size)
{
    mr->ops->write(mr->opaque, off, val, size);
}

static void setup(void)
{
    DeviceState *host;

    if (bus) {
        device_cold_reset(DEVICE(pm));
        shutdown_requests = 0;
        return;
    }
    module_call_init(MODULE_INIT_QOM);
    type_register_static(&test_host_info);
    host = qdev_new(TYPE_TEST_HOST);
    sysbus_realize_and_unref(SYS_BUS_DEVICE(host), &error_abort);
    memory_region_init(&fake_mem_space, NULL, "mem", UINT64_MAX);
    memory_region_init(&fake_io_space, NULL, "io", 65536);
    bus = pci_register_root_bus(host, "pci.0", fake_set_irq, fake_map_irq,
                                NULL, &fake_mem_space, &fake_io_space, 0, 4,
                                TYPE_PCI_BUS);
    PCI_HOST_BRIDGE(host)->bus = bus;
    pm = PIIX4_PM(piix4_pm_init(bus, PCI_DEVFN(1, 3),
                                qemu_allocate_irq(sci_handler, NULL, 0)));
}

/* Program the PM base as firmware does. */
static void enable_pm_io(void)
{
    cfg_write(PIIX4_PMBA, ACPI_PM_BASE | 1, 4);
    cfg_write(PIIX4_PMREGMISC, 1, 1);
    g_assert_true(pm->io.container == &fake_io_space);
    g_assert_cmphex(pm->io.addr, ==, ACPI_PM_BASE);
}

static void test_identity_and_mapping(void)
{
    setup();
    g_assert_cmphex(cfg_read(PCI_VENDOR_ID, 4), ==, 0x71138086);
    g_assert_cmphex(cfg_read(PCI_CLASS_DEVICE, 2), ==, 0x0680);
    g_assert_cmphex(cfg_read(PIIX4_PMBA, 4), ==, 0x00000001);
    g_assert_null(pm->io.container);
    /* GPE0 and the APM ports are fixed */
    g_assert_true(pm->io_gpe.container == &fake_io_space);
    g_assert_cmphex(pm->io_gpe.addr, ==, 0xafe0);
    g_assert_true(pm->apm_io.container == &fake_io_space);
    g_assert_cmphex(pm->apm_io.addr, ==, 0xb2);

    /* only bits 15:6 of PMBA are writable; bit 0 reads as I/O */
    cfg_write(PIIX4_PMBA, 0xb07f, 4);
    g_assert_cmphex(cfg_read(PIIX4_PMBA, 4), ==, 0xb041);
    g_assert_null(pm->io.container);        /* not enabled yet */
    enable_pm_io();
    cfg_write(PIIX4_PMREGMISC, 0, 1);
    g_assert_null(pm->io.container);
}

static void test_acpi_enable(void)
{
    setup();
    enable_pm_io();
    g_assert_cmphex(rd(&pm->io, 4, 2) & ACPI_BITMASK_SCI_ENABLE, ==, 0);
    wr(&pm->apm_io, 0, ACPI_ENABLE_CMD, 1);
    g_assert_cmphex(rd(&pm->io, 4, 2) & ACPI_BITMASK_SCI_ENABLE, ==, 1);
    g_assert_cmphex(rd(&pm->apm_io, 0, 1), ==, ACPI_ENABLE_CMD);
    wr(&pm->apm_io, 0, ACPI_DISABLE_CMD, 1);
    g_assert_cmphex(rd(&pm->io, 4, 2) & ACPI_BITMASK_SCI_ENABLE, ==, 0);
    wr(&pm->apm_io, 1, 0x5a, 1);            /* status port: scratch */
    g_assert_cmphex(rd(&pm->apm_io, 1, 1), ==, 0x5a);
}

static void test_s5(void)
{
    setup();
    enable_pm_io();
    /* SLP_TYP without SLP_EN: nothing happens */
    wr(&pm->io, 4, 0 << 10 | ACPI_BITMASK_SCI_ENABLE, 2);
    g_assert_cmpint(shutdown_requests, ==, 0);
    /* an unadvertised sleep type is ignored */
    wr(&pm->io, 4, 5 << 10 | ACPI_BITMASK_SLEEP_ENABLE, 2);
    g_assert_cmpint(shutdown_requests, ==, 0);
    /* \_S5 is SLP_TYP 0: soft off, SLP_EN reads back as 0 */
    wr(&pm->io, 4, 0 << 10 | ACPI_BITMASK_SLEEP_ENABLE | 1, 2);
    g_assert_cmpint(shutdown_requests, ==, 1);
    g_assert_cmpint(last_cause, ==, SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
    g_assert_cmphex(rd(&pm->io, 4, 2) & ACPI_BITMASK_SLEEP_ENABLE, ==, 0);
    /* byte access to the high byte works too */
    wr(&pm->io, 5, ACPI_BITMASK_SLEEP_ENABLE >> 8, 1);
    g_assert_cmpint(shutdown_requests, ==, 2);
}

static void test_power_button(void)
{
    setup();
    enable_pm_io();
    g_assert_nonnull(powerdown_notifier);
    /* disabled: no status, no SCI */
    powerdown_notifier->notify(powerdown_notifier, NULL);
    g_assert_cmphex(rd(&pm->io, 0, 2), ==, 0);
    g_assert_cmpint(sci_level, ==, 0);

    wr(&pm->io, 2, ACPI_BITMASK_POWER_BUTTON_ENABLE, 2);
    powerdown_notifier->notify(powerdown_notifier, NULL);
    g_assert_cmphex(rd(&pm->io, 0, 2), ==, ACPI_BITMASK_POWER_BUTTON_STATUS);
    g_assert_cmphex(rd(&pm->io, 0, 4), ==,
                    ACPI_BITMASK_POWER_BUTTON_STATUS |
                    ACPI_BITMASK_POWER_BUTTON_ENABLE << 16);
    g_assert_cmpint(sci_level, ==, 1);
    /* writing 0 leaves it, writing 1 clears it and drops the SCI */
    wr(&pm->io, 0, 0, 2);
    g_assert_cmpint(sci_level, ==, 1);
    wr(&pm->io, 0, ACPI_BITMASK_POWER_BUTTON_STATUS, 2);
    g_assert_cmphex(rd(&pm->io, 0, 2), ==, 0);
    g_assert_cmpint(sci_level, ==, 0);
}

static void test_gpe(void)
{
    setup();
    pm->gpe_sts = 0x0002;                   /* an event is pending */
    g_assert_cmphex(rd(&pm->io_gpe, 0, 4), ==, 0x00000002);
    wr(&pm->io_gpe, 2, 0x02, 1);            /* enable it: SCI */
    g_assert_cmpint(sci_level, ==, 1);
    g_assert_cmphex(rd(&pm->io_gpe, 2, 2), ==, 0x0002);
    wr(&pm->io_gpe, 0, 0x02, 1);            /* write 1 to clear */
    g_assert_cmphex(rd(&pm->io_gpe, 0, 2), ==, 0);
    g_assert_cmpint(sci_level, ==, 0);
}

static void test_pm_timer(void)
{
    uint32_t a, b;

    setup();
    enable_pm_io();
    g_assert_cmpuint(acpi_pm_tmr_from_ns(NANOSECONDS_PER_SECOND), ==,
                     3579545);
    /* 24 bits: 5 s is 17897725 ticks, which wraps */
    g_assert_cmpuint(acpi_pm_tmr_from_ns(5 * NANOSECONDS_PER_SECOND), ==,
                     17897725 & 0xffffff);
    /* a stopped VM clock stops the timer */
    qemu_clock_enable(QEMU_CLOCK_VIRTUAL, false);
    a = rd(&pm->io, 8, 4);
    g_usleep(2000);
    b = rd(&pm->io, 8, 4);
    g_assert_cmpuint(a, ==, b);
    g_assert_cmpuint(a, <=, 0xffffff);
    g_assert_cmpuint(a, ==, acpi_pm_tmr_from_ns(
                         qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL)));
    /* byte reads assemble the same value, the timer is read-only */
    wr(&pm->io, 8, 0, 4);
    g_assert_cmpuint(rd(&pm->io, 8, 1) | rd(&pm->io, 9, 1) << 8 |
                     rd(&pm->io, 10, 1) << 16, ==, a);
    qemu_clock_enable(QEMU_CLOCK_VIRTUAL, true);
}

static void test_reset(void)
{
    setup();
    enable_pm_io();
    wr(&pm->apm_io, 0, ACPI_ENABLE_CMD, 1);
    wr(&pm->io, 2, 0xffff, 2);
    device_cold_reset(DEVICE(pm));
    g_assert_null(pm->io.container);
    g_assert_cmphex(cfg_read(PIIX4_PMBA, 4), ==, 1);
    g_assert_cmphex(pm->pm1_en, ==, 0);
    g_assert_cmphex(pm->pm1_cnt, ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/piix4-pm/identity-and-mapping",
                    test_identity_and_mapping);
    g_test_add_func("/piix4-pm/acpi-enable", test_acpi_enable);
    g_test_add_func("/piix4-pm/s5", test_s5);
    g_test_add_func("/piix4-pm/power-button", test_power_button);
    g_test_add_func("/piix4-pm/gpe", test_gpe);
    g_test_add_func("/piix4-pm/pm-timer", test_pm_timer);
    g_test_add_func("/piix4-pm/reset", test_reset);
    return g_test_run();
}
