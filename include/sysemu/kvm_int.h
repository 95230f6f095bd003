/* KVM accelerator internals (accel/kvm, target/i386/kvm.c). */
#ifndef QEMU_KVM_INT_H
#define QEMU_KVM_INT_H

#include "exec/memory.h"
#include "sysemu/kvm.h"

typedef struct KVMSlot {
    hwaddr start_addr;
    uint64_t memory_size;
    void *ram;
    int slot;
    uint32_t flags;
    bool used;
} KVMSlot;

typedef enum KVMIrqchipMode {
    KVM_IRQCHIP_ON,
    KVM_IRQCHIP_OFF,
    KVM_IRQCHIP_SPLIT,
} KVMIrqchipMode;

struct KVMState {
    AccelState parent_obj;

    int fd;                     /* /dev/kvm */
    int vmfd;
    int vcpu_mmap_size;
    int nr_slots;
    KVMSlot *slots;
    GMutex slots_lock;
    MemoryListener mem_listener;
    MemoryListener io_listener;

    KVMIrqchipMode irqchip_mode;
    bool irqchip_mode_set;
    uint64_t shadow_mem;

    /* GSI routing table (struct kvm_irq_routing with entries) */
    struct kvm_irq_routing *irq_routes;
    int nr_allocated_irq_routes;
    unsigned long *used_gsi_bitmap;
    unsigned int gsi_count;
    GHashTable *irq_gsi;        /* qemu_irq -> gsi + 1 */
    bool pc_routes_done;
    int max_vcpus;
    int soft_vcpus;
    int coalesced_mmio;
};

/* 0 (present) or -errno from ioctl(fd, KVM_CHECK_EXTENSION) helpers. */
int kvm_arch_vcpu_id(CPUState *cs);
bool kvm_arch_cpu_is_bsp(CPUState *cs);
void kvm_arch_dump_internal_error(CPUState *cs);

#endif
