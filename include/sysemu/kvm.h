/*
 * KVM accelerator: public interface for boards and devices.
 */
#ifndef QEMU_KVM_H
#define QEMU_KVM_H

#include "qemu/accel.h"
#include "exec/memattrs.h"
#include "exec/hwaddr.h"

typedef struct KVMState KVMState;
typedef struct MSIMessage MSIMessage;      /* full type: hw/pci/pci.h */
typedef struct PCIDevice PCIDevice;
typedef struct EventNotifier EventNotifier;
typedef struct IRQState *qemu_irq;
struct kvm_run;
struct kvm_irq_routing_entry;

extern bool kvm_allowed;
extern bool kvm_kernel_irqchip;
extern bool kvm_split_irqchip;
extern bool kvm_async_interrupts_allowed;
extern bool kvm_halt_in_kernel_allowed;
extern bool kvm_eventfds_allowed;
extern bool kvm_irqfds_allowed;
extern bool kvm_resamplefds_allowed;
extern bool kvm_msi_via_irqfd_allowed;
extern bool kvm_gsi_routing_allowed;
extern bool kvm_gsi_direct_mapping;
extern bool kvm_readonly_mem_allowed;
extern bool kvm_direct_msi_allowed;
extern bool kvm_ioeventfd_any_length_allowed;

#define kvm_enabled()                   (kvm_allowed)
#define kvm_irqchip_in_kernel()         (kvm_kernel_irqchip)
#define kvm_irqchip_is_split()          (kvm_split_irqchip)
#define kvm_async_interrupts_enabled()  (kvm_async_interrupts_allowed)
#define kvm_halt_in_kernel()            (kvm_halt_in_kernel_allowed)
#define kvm_eventfds_enabled()          (kvm_eventfds_allowed)
#define kvm_irqfds_enabled()            (kvm_irqfds_allowed)
#define kvm_resamplefds_enabled()       (kvm_resamplefds_allowed)
#define kvm_msi_via_irqfd_enabled()     (kvm_msi_via_irqfd_allowed)
#define kvm_gsi_routing_enabled()       (kvm_gsi_routing_allowed)
#define kvm_gsi_direct_mapping()        (kvm_gsi_direct_mapping)
#define kvm_readonly_mem_enabled()      (kvm_readonly_mem_allowed)
#define kvm_direct_msi_enabled()        (kvm_direct_msi_allowed)
#define kvm_ioeventfd_any_length_enabled() (kvm_ioeventfd_any_length_allowed)

#define TYPE_KVM_ACCEL ACCEL_CLASS_NAME("kvm")
#define KVM_STATE(obj) OBJECT_CHECK(KVMState, (obj), TYPE_KVM_ACCEL)

/* The KVM accelerator instance; NULL until kvm_init succeeded. */
extern KVMState *kvm_state;

/* ioctl wrappers: the ioctl's result, or -errno on failure. */
int kvm_ioctl(KVMState *s, int type, ...);
int kvm_vm_ioctl(KVMState *s, int type, ...);
int kvm_vcpu_ioctl(CPUState *cpu, int type, ...);
int kvm_device_ioctl(int fd, int type, ...);

/* KVM_CHECK_EXTENSION on /dev/kvm (resp. the VM): 0 if unsupported. */
int kvm_check_extension(KVMState *s, unsigned int extension);
int kvm_vm_check_extension(KVMState *s, unsigned int extension);
int kvm_vm_enable_cap(KVMState *s, unsigned int cap, uint64_t arg0);
/* KVM_CREATE_DEVICE; the device fd or -errno.  @test only probes. */
int kvm_create_device(KVMState *s, uint64_t type, bool test);
int kvm_get_max_memslots(void);
int kvm_has_pit_state2(void);
int kvm_has_gsi_routing(void);
int kvm_has_many_ioeventfds(void);

/* -accel kvm,kernel-irqchip=on|off|split */
bool kvm_kernel_irqchip_allowed(void);
bool kvm_kernel_irqchip_required(void);
bool kvm_kernel_irqchip_split(void);

/*
 * Interrupts.  With the in-kernel irqchip, GSIs 0-15 reach the PIC
 * (IRQ n) and the IOAPIC (pin n, except IRQ0 -> pin 2) and GSIs 16-23
 * the IOAPIC; kvm_set_irq drives a GSI line (KVM_IRQ_LINE_STATUS).
 * Returns >0 delivered, 0 coalesced/masked, <0 -errno.
 */
int kvm_set_irq(KVMState *s, int irq, int level);
/* Deliver one MSI (KVM_SIGNAL_MSI, or a temporary route if missing). */
int kvm_irqchip_send_msi(KVMState *s, MSIMessage msg);

/* GSI routing table (committed to KVM with kvm_irqchip_commit_routes). */
void kvm_init_irq_routing(KVMState *s);
void kvm_irqchip_add_irq_route(KVMState *s, int gsi, int irqchip, int pin);
void kvm_irqchip_commit_routes(KVMState *s);
/* Default x86 routes (PIC + IOAPIC), committed. */
void kvm_pc_setup_irq_routing(bool pci_enabled);

/* Batched route changes: commit only if something changed. */
typedef struct KVMRouteChange {
    KVMState *s;
    int changes;
} KVMRouteChange;

static inline KVMRouteChange kvm_irqchip_begin_route_changes(KVMState *s)
{
    return (KVMRouteChange) { .s = s, .changes = 0 };
}

static inline void kvm_irqchip_commit_route_changes(KVMRouteChange *c)
{
    if (c->changes) {
        kvm_irqchip_commit_routes(c->s);
        c->changes = 0;
    }
}

/*
 * MSI routes for irqfd: a new virtual GSI for MSI @vector of @dev (msg
 * taken from the device's MSI/MSI-X state; @dev NULL gives an empty
 * route to fill with kvm_irqchip_update_msi_route).  Returns the virq
 * or -errno.  Not committed until kvm_irqchip_commit_routes.
 */
int kvm_irqchip_add_msi_route(KVMRouteChange *c, int vector, PCIDevice *dev);
int kvm_irqchip_update_msi_route(KVMState *s, int virq, MSIMessage msg,
                                 PCIDevice *dev);
void kvm_irqchip_release_virq(KVMState *s, int virq);

/* irqfd: signalling @n raises GSI @virq (@rn: resample for level). */
int kvm_irqchip_add_irqfd_notifier_gsi(KVMState *s, EventNotifier *n,
                                       EventNotifier *rn, int virq);
int kvm_irqchip_remove_irqfd_notifier_gsi(KVMState *s, EventNotifier *n,
                                          int virq);
/* Same, for a qemu_irq registered with kvm_irqchip_set_qemuirq_gsi. */
int kvm_irqchip_add_irqfd_notifier(KVMState *s, EventNotifier *n,
                                   EventNotifier *rn, qemu_irq irq);
int kvm_irqchip_remove_irqfd_notifier(KVMState *s, EventNotifier *n,
                                      qemu_irq irq);
void kvm_irqchip_set_qemuirq_gsi(KVMState *s, qemu_irq irq, int gsi);

/*
 * ioeventfds (normally reached through memory_region_add_eventfd):
 * a guest write of @size bytes (value @val if @datamatch) to @addr
 * signals eventfd @fd instead of exiting.  0 or -errno.
 */
int kvm_set_ioeventfd_mmio(int fd, hwaddr addr, uint32_t val, bool assign,
                           uint32_t size, bool datamatch);
int kvm_set_ioeventfd_pio(int fd, uint16_t addr, uint16_t val, bool assign,
                          uint32_t size, bool datamatch);

/* vCPUs (used by softmmu/cpus.c and target/i386). */
int kvm_init_vcpu(CPUState *cpu, Error **errp);
int kvm_cpu_exec(CPUState *cpu);
int kvm_destroy_vcpu(CPUState *cpu);
void kvm_cpu_synchronize_state(CPUState *cpu);
void kvm_cpu_synchronize_post_reset(CPUState *cpu);
void kvm_cpu_synchronize_post_init(CPUState *cpu);
void kvm_cpu_synchronize_pre_loadvm(CPUState *cpu);
/* Start the vCPU thread (AccelOpsClass::create_vcpu_thread). */
void kvm_start_vcpu_thread(CPUState *cpu);

/* What the host KVM supports (KVM_GET_SUPPORTED_CPUID / MSR lists). */
/* KVM_NMI for @cs, from its own thread (inject-nmi). */
int kvm_x86_inject_nmi(CPUState *cs);
uint32_t kvm_arch_get_supported_cpuid(KVMState *s, uint32_t function,
                                      uint32_t index, int reg);
uint64_t kvm_arch_get_supported_msr_feature(KVMState *s, uint32_t index);

#endif
