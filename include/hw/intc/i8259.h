/* 8259A PIC pair; with KVM's in-kernel irqchip the kernel emulates it. */
#ifndef HW_I8259_H
#define HW_I8259_H

#include "hw/isa/isa.h"

#define TYPE_KVM_I8259 "kvm-i8259"

/* Create master (0x20) and slave (0xa0); returns the 16 ISA IRQ inputs. */
qemu_irq *kvm_i8259_init(ISABus *bus);

#endif
