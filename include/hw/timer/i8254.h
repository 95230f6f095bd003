/* 8254 PIT; with KVM it is KVM's in-kernel PIT (KVM_CREATE_PIT2). */
#ifndef HW_I8254_H
#define HW_I8254_H

#include "hw/isa/isa.h"

#define PIT_FREQ 1193182
#define TYPE_KVM_I8254 "kvm-pit"
#define TYPE_I8254 "isa-pit"

/* Create the in-kernel PIT at @base (0x40). */
ISADevice *kvm_pit_init(ISABus *bus, int base);

#endif
