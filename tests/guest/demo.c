/*
 * The default guest for "make demo": a banner, the CPU count from fw_cfg
 * and every PCI function on bus 0, then a clean exit.
 */
#include "guest.h"

static void show(uint8_t bus, uint8_t devfn, uint16_t vendor, uint16_t device,
                 uint32_t class_rev, void *opaque)
{
    printf("  %02x:%02x.%u %04x:%04x class %06x\n", bus, devfn >> 3,
           devfn & 7, vendor, device, class_rev >> 8);
}

int main(void)
{
    printf("==================================\n");
    printf(" kvmemu demo guest\n");
    printf("==================================\n");
    if (fw_cfg_present()) {
        printf("CPUs: %d\n", fw_cfg_nb_cpus());
        printf("RAM: %llu MiB\n", fw_cfg_read_u64(FW_CFG_RAM_SIZE) >> 20);
    } else {
        printf("CPUs: unknown (no fw_cfg)\n");
    }
    printf("PCI bus 0:\n");
    int n = pci_scan_bus(0, show, NULL);
    printf("%d PCI functions. Bye.\n", n);
    return 0;
}
