/* I/O APIC at 0xfec00000 (24 pins); in-kernel with KVM. */
#ifndef HW_IOAPIC_H
#define HW_IOAPIC_H

#define IOAPIC_NUM_PINS 24
#define IOAPIC_DEFAULT_ADDRESS 0xfec00000
#define TYPE_KVM_IOAPIC "kvm-ioapic"
#define TYPE_IOAPIC "ioapic"

#endif
