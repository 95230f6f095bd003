/*
 * Enumerates PCI bus 0 through configuration mechanism #1 and checks the
 * i440FX host bridge at 00.0 and the PIIX3 ISA bridge at 01.0.
 */
#include "guest.h"

static bool have_host, have_isa;

static void show(uint8_t bus, uint8_t devfn, uint16_t vendor, uint16_t device,
                 uint32_t class_rev, void *opaque)
{
    printf("%02x:%02x.%u %04x:%04x class %06x rev %02x\n", bus, devfn >> 3,
           devfn & 7, vendor, device, class_rev >> 8, class_rev & 0xff);
    if (devfn == PCI_DEVFN(0, 0) && vendor == 0x8086 && device == 0x1237) {
        have_host = (class_rev >> 8) == 0x060000;
    }
    if (devfn == PCI_DEVFN(1, 0) && vendor == 0x8086 && device == 0x7000) {
        have_isa = (class_rev >> 8) == 0x060100;
    }
}

int main(void)
{
    int n = pci_scan_bus(0, show, NULL);

    printf("pciscan: %d functions on bus 0\n", n);
    check(have_host);
    check(have_isa);
    /* the host bridge says it is not multi-function; PIIX3 says it is */
    check(!(pci_config_readb(0, PCI_DEVFN(0, 0), 0x0e) & 0x80));
    check(pci_config_readb(0, PCI_DEVFN(1, 0), 0x0e) & 0x80);
    /* a slot nobody uses reads as all ones */
    check(pci_config_readl(0, PCI_DEVFN(31, 7), 0) == 0xffffffff);
    printf("pciscan: PASS\n");
    return 0;
}
