/* Local APIC MSI window. */
#ifndef HW_APIC_H
#define HW_APIC_H

#include "exec/memory.h"

#define APIC_DEFAULT_ADDRESS 0xfee00000
#define APIC_SPACE_SIZE      0x100000

/*
 * Map the MSI window (0xfee00000, 1 MiB) in @sysmem: a 32-bit write of
 * data at offset A is the MSI message (APIC_DEFAULT_ADDRESS | A, data)
 * and is handed to KVM (kvm_irqchip_send_msi).  Enables MSI for PCI
 * devices (msi_nonbroken).
 */
void kvm_apic_msi_window_init(MemoryRegion *sysmem);

#endif
