/*
 * KVM accelerator: VM creation, memslots, interrupt routing,
 * ioeventfd/irqfd and the vCPU run loop.
 *
 * Follows the kernel's Documentation/virt/kvm/api.rst.  The VM is
 * created in kvm_init (the AccelClass::init_machine hook), after which
 * a MemoryListener keeps the KVM memory slots equal to the RAM/ROM
 * sections of address_space_memory.
 */
#include "qemu/osdep.h"
#include "qemu/typedefs.h"
#include <linux/kvm.h>
#include <sys/syscall.h>
#include "qapi/error.h"
#include "qapi/visitor.h"
#include "qemu/error-report.h"
#include "qemu/main-loop.h"
#include "qemu/event_notifier.h"
#include "qemu/oslib.h"
#include "qemu/accel.h"
#include "exec/memory.h"
#include "exec/address-spaces.h"
#include "exec/ramblock.h"
#include "exec/cpu-common.h"
#include "hw/boards.h"
#include "hw/core/cpu.h"
#include "hw/pci/pci.h"
#include "hw/pci/msi.h"
#include "hw/pci/msix.h"
#include "sysemu/kvm.h"
#include "sysemu/kvm_int.h"
#include "sysemu/runstate.h"
#include "sysemu/cpus.h"
#include "sysemu/hw_accel.h"
#include "target/i386/cpu.h"

#define KVM_API_VERSION_EXPECTED 12
#define SIG_IPI SIGUSR1

KVMState *kvm_state;
bool kvm_allowed;
bool kvm_kernel_irqchip;
bool kvm_split_irqchip;
bool kvm_async_interrupts_allowed;
bool kvm_halt_in_kernel_allowed;
bool kvm_eventfds_allowed;
bool kvm_irqfds_allowed;
bool kvm_resamplefds_allowed;
bool kvm_msi_via_irqfd_allowed;
bool kvm_gsi_routing_allowed;
bool kvm_gsi_direct_mapping;
bool kvm_readonly_mem_allowed;
bool kvm_direct_msi_allowed;
bool kvm_ioeventfd_any_length_allowed;

/* Capabilities kvm_init refuses to run without. */
typedef struct KVMCapabilityInfo {
    const char *name;
    int value;
} KVMCapabilityInfo;

#define KVM_CAP_INFO(CAP) { "KVM_CAP_" #CAP, KVM_CAP_##CAP }

static const KVMCapabilityInfo kvm_required_capabilites[] = {
    KVM_CAP_INFO(USER_MEMORY),
    KVM_CAP_INFO(DESTROY_MEMORY_REGION_WORKS),
    KVM_CAP_INFO(JOIN_MEMORY_REGIONS_WORKS),
    KVM_CAP_INFO(INTERNAL_ERROR_DATA),
    KVM_CAP_INFO(IOEVENTFD),
    KVM_CAP_INFO(SET_TSS_ADDR),
    KVM_CAP_INFO(EXT_CPUID),
    KVM_CAP_INFO(MP_STATE),
    KVM_CAP_INFO(IRQCHIP),
    KVM_CAP_INFO(IRQ_ROUTING),
    KVM_CAP_INFO(IRQ_INJECT_STATUS),
    KVM_CAP_INFO(SET_IDENTITY_MAP_ADDR),
    KVM_CAP_INFO(IMMEDIATE_EXIT),
    { NULL, 0 }
};

/* ------------------------------------------------------------------ */
/* ioctl helpers                                                        */

int kvm_ioctl(KVMState *s, int type, ...)
{
    va_list ap;
    void *arg;
    int ret;

    va_start(ap, type);
    arg = va_arg(ap, void *);
    va_end(ap);
    ret = ioctl(s->fd, type, arg);
    return ret == -1 ? -errno : ret;
}

int kvm_vm_ioctl(KVMState *s, int type, ...)
{
    va_list ap;
    void *arg;
    int ret;

    va_start(ap, type);
    arg = va_arg(ap, void *);
    va_end(ap);
    ret = ioctl(s->vmfd, type, arg);
    return ret == -1 ? -errno : ret;
}

int kvm_vcpu_ioctl(CPUState *cpu, int type, ...)
{
    va_list ap;
    void *arg;
    int ret;

    va_start(ap, type);
    arg = va_arg(ap, void *);
    va_end(ap);
    ret = ioctl(cpu->kvm_fd, type, arg);
    return ret == -1 ? -errno : ret;
}

int kvm_device_ioctl(int fd, int type, ...)
{
    va_list ap;
    void *arg;
    int ret;

    va_start(ap, type);
    arg = va_arg(ap, void *);
    va_end(ap);
    ret = ioctl(fd, type, arg);
    return ret == -1 ? -errno : ret;
}

int kvm_check_extension(KVMState *s, unsigned int extension)
{
    int ret = kvm_ioctl(s, KVM_CHECK_EXTENSION, (void *)(uintptr_t)extension);

    return ret < 0 ? 0 : ret;
}

int kvm_vm_check_extension(KVMState *s, unsigned int extension)
{
    int ret = kvm_vm_ioctl(s, KVM_CHECK_EXTENSION,
                           (void *)(uintptr_t)extension);

    if (ret < 0) {
        /* Old kernels: VM-level check unsupported, ask /dev/kvm. */
        return kvm_check_extension(s, extension);
    }
    return ret;
}

int kvm_vm_enable_cap(KVMState *s, unsigned int cap, uint64_t arg0)
{
    struct kvm_enable_cap c = { .cap = cap, .args = { arg0 } };

    return kvm_vm_ioctl(s, KVM_ENABLE_CAP, &c);
}

int kvm_create_device(KVMState *s, uint64_t type, bool test)
{
    struct kvm_create_device cd = {
        .type = type,
        .flags = test ? KVM_CREATE_DEVICE_TEST : 0,
    };
    int ret = kvm_vm_ioctl(s, KVM_CREATE_DEVICE, &cd);

    return ret < 0 ? ret : (test ? 0 : (int)cd.fd);
}

int kvm_get_max_memslots(void)
{
    return kvm_state ? kvm_state->nr_slots : 0;
}

int kvm_has_pit_state2(void)
{
    return kvm_state ? kvm_check_extension(kvm_state, KVM_CAP_PIT_STATE2) : 0;
}

int kvm_has_gsi_routing(void)
{
    return kvm_state ? kvm_check_extension(kvm_state, KVM_CAP_IRQ_ROUTING)
                     : 0;
}

int kvm_has_many_ioeventfds(void)
{
    return kvm_enabled() ? 1 : 0;
}

bool kvm_kernel_irqchip_allowed(void)
{
    return kvm_state && kvm_state->irqchip_mode != KVM_IRQCHIP_OFF;
}

bool kvm_kernel_irqchip_required(void)
{
    return kvm_state && kvm_state->irqchip_mode_set &&
           kvm_state->irqchip_mode != KVM_IRQCHIP_OFF;
}

bool kvm_kernel_irqchip_split(void)
{
    return kvm_state && kvm_state->irqchip_mode == KVM_IRQCHIP_SPLIT;
}

/* ------------------------------------------------------------------ */
/* Memory slots                                                         */

static int kvm_set_user_memory_region(KVMState *s, KVMSlot *slot)
{
    struct kvm_userspace_memory_region mem = {
        .slot = slot->slot,
        .flags = slot->flags,
        .guest_phys_addr = slot->start_addr,
        .memory_size = slot->memory_size,
        .userspace_addr = (uintptr_t)slot->ram,
    };

    return kvm_vm_ioctl(s, KVM_SET_USER_MEMORY_REGION, &mem);
}

/* Page-align a section: unaligned edges stay MMIO (dispatched). */
static bool kvm_align_section(MemoryRegionSection *section, hwaddr *start,
                              uint64_t *size, void **host)
{
    uint64_t page = qemu_real_host_page_size();
    hwaddr s = section->offset_within_address_space;
    hwaddr e = s + section->size;
    hwaddr as = QEMU_ALIGN_UP(s, page);
    hwaddr ae = QEMU_ALIGN_DOWN(e, page);

    if (ae <= as) {
        return false;
    }
    *start = as;
    *size = ae - as;
    *host = (uint8_t *)memory_region_get_ram_ptr(section->mr) +
            section->offset_within_region + (as - s);
    return true;
}

static void kvm_set_phys_mem(KVMState *s, MemoryRegionSection *section,
                             bool add)
{
    MemoryRegion *mr = section->mr;
    bool writable = !section->readonly && !mr->rom_device;
    hwaddr start;
    uint64_t size;
    void *host;
    int i, err;

    if (!mr->ram) {
        return;
    }
    if (mr->rom_device && !mr->romd_mode) {
        return;     /* all accesses go to the device callbacks */
    }
    if (!writable && !kvm_readonly_mem_allowed) {
        /* No read-only slots: ROM as RAM (what QEMU does). */
        writable = true;
    }
    if (!kvm_align_section(section, &start, &size, &host)) {
        return;
    }

    g_mutex_lock(&s->slots_lock);
    if (!add) {
        for (i = 0; i < s->nr_slots; i++) {
            KVMSlot *slot = &s->slots[i];
            if (slot->used && slot->start_addr == start &&
                slot->memory_size == size) {
                slot->memory_size = 0;
                err = kvm_set_user_memory_region(s, slot);
                if (err) {
                    error_report("%s: error unregistering slot: %s",
                                 __func__, strerror(-err));
                    abort();
                }
                slot->used = false;
                break;
            }
        }
        g_mutex_unlock(&s->slots_lock);
        return;
    }
    for (i = 0; i < s->nr_slots; i++) {
        if (!s->slots[i].used) {
            break;
        }
    }
    if (i == s->nr_slots) {
        error_report("%s: no free slot available", __func__);
        abort();
    }
    s->slots[i] = (KVMSlot) {
        .start_addr = start,
        .memory_size = size,
        .ram = host,
        .slot = i,
        .flags = writable ? 0 : KVM_MEM_READONLY,
        .used = true,
    };
    if (writable && size >= 2 * MiB) {
        /*
         * Ask for transparent huge pages behind guest RAM (QEMU advises
         * them when it allocates RAM): 2 MiB EPT mappings, and pinning
         * guest buffers for O_DIRECT I/O (get_user_pages) is far cheaper
         * on huge pages.  Best effort; harmless if already advised.
         */
        uintptr_t a = QEMU_ALIGN_UP((uintptr_t)host, 2 * MiB);
        uintptr_t b = QEMU_ALIGN_DOWN((uintptr_t)host + size, 2 * MiB);

        if (b > a) {
            qemu_madvise((void *)a, b - a, MADV_HUGEPAGE);
        }
    }
    err = kvm_set_user_memory_region(s, &s->slots[i]);
    if (err) {
        error_report("%s: error registering slot: %s", __func__,
                     strerror(-err));
        error_printf("%s: start=0x%" PRIx64 " size=0x%" PRIx64 "\n",
                     memory_region_name(mr), start, size);
        abort();
    }
    g_mutex_unlock(&s->slots_lock);
}

static void kvm_region_add(MemoryListener *listener,
                           MemoryRegionSection *section)
{
    kvm_set_phys_mem(container_of(listener, KVMState, mem_listener),
                     section, true);
}

static void kvm_region_del(MemoryListener *listener,
                           MemoryRegionSection *section)
{
    kvm_set_phys_mem(container_of(listener, KVMState, mem_listener),
                     section, false);
}

/* ------------------------------------------------------------------ */
/* ioeventfd                                                            */

int kvm_set_ioeventfd_mmio(int fd, hwaddr addr, uint32_t val, bool assign,
                           uint32_t size, bool datamatch)
{
    struct kvm_ioeventfd iofd = {
        .datamatch = datamatch ? val : 0,
        .addr = addr,
        .len = size,
        .flags = (datamatch ? KVM_IOEVENTFD_FLAG_DATAMATCH : 0) |
                 (assign ? 0 : KVM_IOEVENTFD_FLAG_DEASSIGN),
        .fd = fd,
    };

    if (!kvm_enabled()) {
        return -ENOSYS;
    }
    return kvm_vm_ioctl(kvm_state, KVM_IOEVENTFD, &iofd);
}

int kvm_set_ioeventfd_pio(int fd, uint16_t addr, uint16_t val, bool assign,
                          uint32_t size, bool datamatch)
{
    struct kvm_ioeventfd iofd = {
        .datamatch = datamatch ? val : 0,
        .addr = addr,
        .len = size,
        .flags = KVM_IOEVENTFD_FLAG_PIO |
                 (datamatch ? KVM_IOEVENTFD_FLAG_DATAMATCH : 0) |
                 (assign ? 0 : KVM_IOEVENTFD_FLAG_DEASSIGN),
        .fd = fd,
    };

    if (!kvm_enabled()) {
        return -ENOSYS;
    }
    return kvm_vm_ioctl(kvm_state, KVM_IOEVENTFD, &iofd);
}

static void kvm_mem_ioeventfd(MemoryListener *l, MemoryRegionSection *s,
                              bool match_data, uint64_t data,
                              EventNotifier *e, bool add)
{
    int r = kvm_set_ioeventfd_mmio(event_notifier_get_fd(e),
                                   s->offset_within_address_space, data,
                                   add, s->size, match_data);

    if (r < 0) {
        error_report("%s: error %s ioeventfd at 0x%" PRIx64 ": %s",
                     __func__, add ? "adding" : "deleting",
                     s->offset_within_address_space, strerror(-r));
        abort();
    }
}

static void kvm_mem_ioeventfd_add(MemoryListener *l, MemoryRegionSection *s,
                                  bool match_data, uint64_t data,
                                  EventNotifier *e)
{
    kvm_mem_ioeventfd(l, s, match_data, data, e, true);
}

static void kvm_mem_ioeventfd_del(MemoryListener *l, MemoryRegionSection *s,
                                  bool match_data, uint64_t data,
                                  EventNotifier *e)
{
    kvm_mem_ioeventfd(l, s, match_data, data, e, false);
}

static void kvm_io_ioeventfd(MemoryListener *l, MemoryRegionSection *s,
                             bool match_data, uint64_t data,
                             EventNotifier *e, bool add)
{
    int r = kvm_set_ioeventfd_pio(event_notifier_get_fd(e),
                                  s->offset_within_address_space, data,
                                  add, s->size, match_data);

    if (r < 0) {
        error_report("%s: error %s ioeventfd at port 0x%" PRIx64 ": %s",
                     __func__, add ? "adding" : "deleting",
                     s->offset_within_address_space, strerror(-r));
        abort();
    }
}

static void kvm_io_ioeventfd_add(MemoryListener *l, MemoryRegionSection *s,
                                 bool match_data, uint64_t data,
                                 EventNotifier *e)
{
    kvm_io_ioeventfd(l, s, match_data, data, e, true);
}

static void kvm_io_ioeventfd_del(MemoryListener *l, MemoryRegionSection *s,
                                 bool match_data, uint64_t data,
                                 EventNotifier *e)
{
    kvm_io_ioeventfd(l, s, match_data, data, e, false);
}

/* ------------------------------------------------------------------ */
/* Interrupt routing                                                    */

static void set_gsi(KVMState *s, unsigned int gsi)
{
    s->used_gsi_bitmap[gsi / (8 * sizeof(long))] |=
        1UL << (gsi % (8 * sizeof(long)));
}

static void clear_gsi(KVMState *s, unsigned int gsi)
{
    s->used_gsi_bitmap[gsi / (8 * sizeof(long))] &=
        ~(1UL << (gsi % (8 * sizeof(long))));
}

static bool gsi_used(KVMState *s, unsigned int gsi)
{
    return s->used_gsi_bitmap[gsi / (8 * sizeof(long))] &
           (1UL << (gsi % (8 * sizeof(long))));
}

void kvm_init_irq_routing(KVMState *s)
{
    int gsi_count = kvm_check_extension(s, KVM_CAP_IRQ_ROUTING);

    if (s->irq_routes) {
        return;
    }
    if (gsi_count <= 0) {
        gsi_count = 24;
    }
    s->gsi_count = gsi_count;
    s->used_gsi_bitmap = g_new0(unsigned long,
                                DIV_ROUND_UP(gsi_count, 8 * sizeof(long)));
    s->irq_routes = g_malloc0(sizeof(*s->irq_routes));
    s->nr_allocated_irq_routes = 0;
    s->irq_gsi = g_hash_table_new(NULL, NULL);
}

void kvm_irqchip_commit_routes(KVMState *s)
{
    int ret;

    if (!s || !s->irq_routes) {
        return;
    }
    s->irq_routes->flags = 0;
    ret = kvm_vm_ioctl(s, KVM_SET_GSI_ROUTING, s->irq_routes);
    if (ret < 0) {
        error_report("KVM_SET_GSI_ROUTING failed: %s", strerror(-ret));
    }
}

static void kvm_add_routing_entry(KVMState *s,
                                  struct kvm_irq_routing_entry *entry)
{
    struct kvm_irq_routing_entry *e;
    int n = s->irq_routes->nr;

    if (n == s->nr_allocated_irq_routes) {
        int size = MAX(64, 2 * n);
        s->irq_routes = g_realloc(s->irq_routes,
                                  sizeof(struct kvm_irq_routing) +
                                  size * sizeof(*e));
        s->nr_allocated_irq_routes = size;
    }
    e = &s->irq_routes->entries[n];
    *e = *entry;
    s->irq_routes->nr = n + 1;
    set_gsi(s, entry->gsi);
}

/* Replace the entry for the same GSI; 1 if changed, 0 same, -ESRCH. */
static int kvm_update_routing_entry(KVMState *s,
                                    struct kvm_irq_routing_entry *new)
{
    unsigned i;

    for (i = 0; i < s->irq_routes->nr; i++) {
        struct kvm_irq_routing_entry *e = &s->irq_routes->entries[i];
        if (e->gsi != new->gsi) {
            continue;
        }
        if (!memcmp(e, new, sizeof(*e))) {
            return 0;
        }
        *e = *new;
        return 1;
    }
    return -ESRCH;
}

void kvm_irqchip_add_irq_route(KVMState *s, int irq, int irqchip, int pin)
{
    struct kvm_irq_routing_entry e = {
        .gsi = irq,
        .type = KVM_IRQ_ROUTING_IRQCHIP,
        .u.irqchip = { .irqchip = irqchip, .pin = pin },
    };

    assert(pin < s->gsi_count);
    kvm_add_routing_entry(s, &e);
}

void kvm_pc_setup_irq_routing(bool pci_enabled)
{
    KVMState *s = kvm_state;
    int i;

    if (!s || !kvm_irqchip_in_kernel() || s->pc_routes_done) {
        return;
    }
    s->pc_routes_done = true;
    for (i = 0; i < 8; ++i) {
        if (i == 2) {
            continue;   /* cascade */
        }
        kvm_irqchip_add_irq_route(s, i, KVM_IRQCHIP_PIC_MASTER, i);
    }
    for (i = 8; i < 16; ++i) {
        kvm_irqchip_add_irq_route(s, i, KVM_IRQCHIP_PIC_SLAVE, i - 8);
    }
    if (pci_enabled) {
        for (i = 0; i < 24; ++i) {
            if (i == 0) {
                kvm_irqchip_add_irq_route(s, i, KVM_IRQCHIP_IOAPIC, 2);
            } else if (i != 2) {
                kvm_irqchip_add_irq_route(s, i, KVM_IRQCHIP_IOAPIC, i);
            }
        }
    }
    kvm_irqchip_commit_routes(s);
}

int kvm_set_irq(KVMState *s, int irq, int level)
{
    struct kvm_irq_level event = { .irq = irq, .level = level };
    int ret;

    assert(kvm_async_interrupts_enabled());
    ret = kvm_vm_ioctl(s, KVM_IRQ_LINE_STATUS, &event);
    if (ret < 0) {
        error_report("kvm_set_irq: KVM_IRQ_LINE_STATUS failed: %s",
                     strerror(-ret));
        return ret;
    }
    return event.status;
}

static int kvm_irqchip_get_virq(KVMState *s)
{
    unsigned int i;

    for (i = 0; i < s->gsi_count; i++) {
        if (!gsi_used(s, i)) {
            return i;
        }
    }
    return -ENOSPC;
}

static void kvm_msi_entry(struct kvm_irq_routing_entry *e, int virq,
                          uint64_t address, uint32_t data)
{
    memset(e, 0, sizeof(*e));
    e->gsi = virq;
    e->type = KVM_IRQ_ROUTING_MSI;
    e->u.msi.address_lo = (uint32_t)address;
    e->u.msi.address_hi = address >> 32;
    e->u.msi.data = data;
}

int kvm_irqchip_send_msi(KVMState *s, MSIMessage msg)
{
    struct kvm_msi msi = {
        .address_lo = (uint32_t)msg.address,
        .address_hi = msg.address >> 32,
        .data = msg.data,
    };

    if (kvm_direct_msi_allowed) {
        return kvm_vm_ioctl(s, KVM_SIGNAL_MSI, &msi);
    }
    return -ENOSYS;
}

/* The message @dev would send for @vector (MSI-X if enabled, else MSI). */
static MSIMessage kvm_pci_msi_message(PCIDevice *dev, int vector)
{
    MSIMessage msg = { 0, 0 };

    if (!dev) {
        return msg;
    }
    if (msix_enabled(dev)) {
        return msix_get_message(dev, vector);
    }
    if (msi_enabled(dev)) {
        return msi_get_message(dev, vector);
    }
    return msg;
}

int kvm_irqchip_add_msi_route(KVMRouteChange *c, int vector, PCIDevice *dev)
{
    KVMState *s = c->s;
    struct kvm_irq_routing_entry e;
    MSIMessage msg = kvm_pci_msi_message(dev, vector);
    int virq;

    if (!s || !kvm_gsi_routing_enabled()) {
        return -ENOSYS;
    }
    virq = kvm_irqchip_get_virq(s);
    if (virq < 0) {
        return virq;
    }
    kvm_msi_entry(&e, virq, msg.address, msg.data);
    kvm_add_routing_entry(s, &e);
    c->changes++;
    return virq;
}

int kvm_irqchip_update_msi_route(KVMState *s, int virq, MSIMessage msg,
                                 PCIDevice *dev)
{
    struct kvm_irq_routing_entry e;

    if (!s || !kvm_gsi_routing_enabled()) {
        return -ENOSYS;
    }
    kvm_msi_entry(&e, virq, msg.address, msg.data);
    return kvm_update_routing_entry(s, &e) < 0 ? -ESRCH : 0;
}

void kvm_irqchip_release_virq(KVMState *s, int virq)
{
    unsigned i;

    if (!s || !s->irq_routes) {
        return;
    }
    for (i = 0; i < s->irq_routes->nr; i++) {
        struct kvm_irq_routing_entry *e = &s->irq_routes->entries[i];
        if (e->gsi == (unsigned)virq) {
            s->irq_routes->nr--;
            *e = s->irq_routes->entries[s->irq_routes->nr];
            i--;
        }
    }
    clear_gsi(s, virq);
}

static int kvm_irqchip_assign_irqfd(KVMState *s, EventNotifier *event,
                                    EventNotifier *resample, int virq,
                                    bool assign)
{
    struct kvm_irqfd irqfd = {
        .fd = event_notifier_get_fd(event),
        .gsi = virq,
        .flags = assign ? 0 : KVM_IRQFD_FLAG_DEASSIGN,
    };

    if (assign && resample) {
        irqfd.flags |= KVM_IRQFD_FLAG_RESAMPLE;
        irqfd.resamplefd = event_notifier_get_fd(resample);
    }
    if (!kvm_irqfds_enabled()) {
        return -ENOSYS;
    }
    return kvm_vm_ioctl(s, KVM_IRQFD, &irqfd);
}

int kvm_irqchip_add_irqfd_notifier_gsi(KVMState *s, EventNotifier *n,
                                       EventNotifier *rn, int virq)
{
    return kvm_irqchip_assign_irqfd(s, n, rn, virq, true);
}

int kvm_irqchip_remove_irqfd_notifier_gsi(KVMState *s, EventNotifier *n,
                                          int virq)
{
    return kvm_irqchip_assign_irqfd(s, n, NULL, virq, false);
}

void kvm_irqchip_set_qemuirq_gsi(KVMState *s, qemu_irq irq, int gsi)
{
    g_hash_table_insert(s->irq_gsi, irq, GINT_TO_POINTER(gsi + 1));
}

int kvm_irqchip_add_irqfd_notifier(KVMState *s, EventNotifier *n,
                                   EventNotifier *rn, qemu_irq irq)
{
    gpointer gsi = g_hash_table_lookup(s->irq_gsi, irq);

    if (!gsi) {
        return -ENXIO;
    }
    return kvm_irqchip_add_irqfd_notifier_gsi(s, n, rn,
                                              GPOINTER_TO_INT(gsi) - 1);
}

int kvm_irqchip_remove_irqfd_notifier(KVMState *s, EventNotifier *n,
                                      qemu_irq irq)
{
    gpointer gsi = g_hash_table_lookup(s->irq_gsi, irq);

    if (!gsi) {
        return -ENXIO;
    }
    return kvm_irqchip_remove_irqfd_notifier_gsi(s, n,
                                                 GPOINTER_TO_INT(gsi) - 1);
}

/* ------------------------------------------------------------------ */
/* Machine init                                                         */

static int kvm_irqchip_create(KVMState *s)
{
    int ret;

    if (s->irqchip_mode == KVM_IRQCHIP_OFF) {
        return 0;
    }
    if (s->irqchip_mode == KVM_IRQCHIP_SPLIT) {
        error_report("kernel-irqchip=split is not supported");
        return -EINVAL;
    }
    ret = kvm_vm_ioctl(s, KVM_CREATE_IRQCHIP);
    if (ret < 0) {
        error_report("Create kernel irqchip failed: %s", strerror(-ret));
        return ret;
    }
    kvm_kernel_irqchip = true;
    kvm_async_interrupts_allowed = true;
    kvm_halt_in_kernel_allowed = true;
    kvm_init_irq_routing(s);
    kvm_gsi_routing_allowed = true;
    return 0;
}

static void kvm_ipi_signal(int sig)
{
    if (current_cpu && current_cpu->kvm_run) {
        __atomic_store_n(&current_cpu->kvm_run->immediate_exit, 1,
                         __ATOMIC_SEQ_CST);
    }
}

static int kvm_init(MachineState *ms)
{
    KVMState *s = KVM_STATE(ms->accelerator);
    const KVMCapabilityInfo *missing;
    int ret, type = 0;
    unsigned smp = MAX(ms->smp.cpus, 1);
    unsigned max_cpus = MAX(ms->smp.max_cpus, smp);

    s->fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
    if (s->fd == -1) {
        ret = -errno;
        error_report("Could not access KVM kernel module: %s",
                     strerror(errno));
        return ret;
    }
    ret = kvm_ioctl(s, KVM_GET_API_VERSION, 0);
    if (ret < KVM_API_VERSION_EXPECTED) {
        if (ret >= 0) {
            ret = -EINVAL;
        }
        error_report("kvm version too old");
        goto err;
    }
    if (ret > KVM_API_VERSION_EXPECTED) {
        ret = -EINVAL;
        error_report("kvm version not supported");
        goto err;
    }

    s->nr_slots = kvm_check_extension(s, KVM_CAP_NR_MEMSLOTS);
    if (!s->nr_slots) {
        s->nr_slots = 32;
    }
    s->slots = g_new0(KVMSlot, s->nr_slots);

    s->soft_vcpus = kvm_check_extension(s, KVM_CAP_NR_VCPUS) ?: 4;
    s->max_vcpus = kvm_check_extension(s, KVM_CAP_MAX_VCPUS) ?: s->soft_vcpus;
    if (smp > (unsigned)s->soft_vcpus) {
        warn_report("Number of SMP cpus requested (%u) exceeds the "
                    "recommended cpus supported by KVM (%d)",
                    smp, s->soft_vcpus);
    }
    if (max_cpus > (unsigned)s->max_vcpus) {
        error_report("Number of %s cpus requested (%u) exceeds the maximum "
                     "cpus supported by KVM (%d)",
                     max_cpus > smp ? "hotpluggable" : "SMP",
                     max_cpus, s->max_vcpus);
        ret = -EINVAL;
        goto err;
    }

    do {
        ret = kvm_ioctl(s, KVM_CREATE_VM, (void *)(uintptr_t)type);
    } while (ret == -EINTR);
    if (ret < 0) {
        error_report("ioctl(KVM_CREATE_VM) failed: %d %s", -ret,
                     strerror(-ret));
        goto err;
    }
    s->vmfd = ret;

    for (missing = kvm_required_capabilites; missing->name; missing++) {
        if (!kvm_check_extension(s, missing->value)) {
            break;
        }
    }
    if (missing->name) {
        ret = -EINVAL;
        error_report("kvm does not support %s", missing->name);
        error_printf("%s", "Please upgrade to at least kernel 4.5.\n");
        goto err;
    }

    s->vcpu_mmap_size = kvm_ioctl(s, KVM_GET_VCPU_MMAP_SIZE, 0);
    if (s->vcpu_mmap_size < (int)sizeof(struct kvm_run)) {
        ret = s->vcpu_mmap_size < 0 ? s->vcpu_mmap_size : -EINVAL;
        error_report("KVM_GET_VCPU_MMAP_SIZE failed");
        goto err;
    }

    kvm_readonly_mem_allowed =
        kvm_check_extension(s, KVM_CAP_READONLY_MEM) > 0;
    kvm_eventfds_allowed = true;
    kvm_irqfds_allowed = kvm_check_extension(s, KVM_CAP_IRQFD) > 0;
    kvm_resamplefds_allowed =
        kvm_check_extension(s, KVM_CAP_IRQFD_RESAMPLE) > 0;
    kvm_direct_msi_allowed = kvm_check_extension(s, KVM_CAP_SIGNAL_MSI) > 0;
    kvm_ioeventfd_any_length_allowed =
        kvm_vm_check_extension(s, KVM_CAP_IOEVENTFD_ANY_LENGTH) > 0;
    s->coalesced_mmio = kvm_check_extension(s, KVM_CAP_COALESCED_MMIO);

    ret = kvm_arch_init(ms, s);
    if (ret < 0) {
        goto err;
    }
    /*
     * A board without interrupt controllers (-machine none, which
     * libvirt's capability probe starts) gets no in-kernel irqchip
     * unless asked: creating it and its routes dominates start-up.
     */
    if (MACHINE_GET_CLASS(ms)->no_irqchip && !s->irqchip_mode_set) {
        s->irqchip_mode = KVM_IRQCHIP_OFF;
    }
    ret = kvm_irqchip_create(s);
    if (ret < 0) {
        goto err;
    }
    kvm_msi_via_irqfd_allowed = kvm_irqfds_allowed && kvm_gsi_routing_allowed;

    kvm_state = s;
    kvm_allowed = true;
    kvm_pc_setup_irq_routing(true);

    {
        struct sigaction sa = { .sa_handler = kvm_ipi_signal };
        sigaction(SIG_IPI, &sa, NULL);
    }

    cpu_exec_init_all();
    s->mem_listener = (MemoryListener) {
        .name = "kvm-memory",
        .region_add = kvm_region_add,
        .region_del = kvm_region_del,
        .eventfd_add = kvm_mem_ioeventfd_add,
        .eventfd_del = kvm_mem_ioeventfd_del,
        .priority = 10,
    };
    memory_listener_register(&s->mem_listener, &address_space_memory);
    s->io_listener = (MemoryListener) {
        .name = "kvm-io",
        .eventfd_add = kvm_io_ioeventfd_add,
        .eventfd_del = kvm_io_ioeventfd_del,
        .priority = 10,
    };
    memory_listener_register(&s->io_listener, &address_space_io);
    return 0;

err:
    assert(ret < 0);
    if (s->vmfd > 0) {
        close(s->vmfd);
        s->vmfd = -1;
    }
    if (s->fd != -1) {
        close(s->fd);
        s->fd = -1;
    }
    g_free(s->slots);
    s->slots = NULL;
    kvm_state = NULL;
    kvm_allowed = false;
    return ret;
}

/* ------------------------------------------------------------------ */
/* vCPUs                                                                */

int kvm_init_vcpu(CPUState *cpu, Error **errp)
{
    KVMState *s = kvm_state;
    int ret;

    ret = kvm_vm_ioctl(s, KVM_CREATE_VCPU,
                       (void *)(uintptr_t)kvm_arch_vcpu_id(cpu));
    if (ret < 0) {
        error_setg_errno(errp, -ret, "kvm_init_vcpu: kvm_get_vcpu failed "
                         "(%lu)", (unsigned long)kvm_arch_vcpu_id(cpu));
        return ret;
    }
    cpu->kvm_fd = ret;
    cpu->kvm_state = s;
    cpu->vcpu_dirty = true;

    cpu->kvm_run = mmap(NULL, s->vcpu_mmap_size, PROT_READ | PROT_WRITE,
                        MAP_SHARED, cpu->kvm_fd, 0);
    if (cpu->kvm_run == MAP_FAILED) {
        ret = -errno;
        cpu->kvm_run = NULL;
        error_setg_errno(errp, -ret, "kvm_init_vcpu: mmap'ing vcpu state "
                         "failed (%lu)",
                         (unsigned long)kvm_arch_vcpu_id(cpu));
        return ret;
    }
    ret = kvm_arch_init_vcpu(cpu);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "kvm_init_vcpu: kvm_arch_init_vcpu "
                         "failed (%lu)",
                         (unsigned long)kvm_arch_vcpu_id(cpu));
    }
    return ret;
}

int kvm_destroy_vcpu(CPUState *cpu)
{
    if (cpu->kvm_run) {
        munmap(cpu->kvm_run, kvm_state->vcpu_mmap_size);
        cpu->kvm_run = NULL;
    }
    if (cpu->kvm_fd > 0) {
        close(cpu->kvm_fd);
        cpu->kvm_fd = -1;
    }
    return 0;
}

static void do_kvm_cpu_synchronize_state(CPUState *cpu, void *arg)
{
    if (!cpu->vcpu_dirty) {
        int ret = kvm_arch_get_registers(cpu);
        if (ret) {
            error_report("Failed to get registers: %s", strerror(-ret));
            cpu_dump_state(cpu, stderr, CPU_DUMP_CODE);
            vm_stop(RUN_STATE_INTERNAL_ERROR);
        }
        cpu->vcpu_dirty = true;
    }
}

void kvm_cpu_synchronize_state(CPUState *cpu)
{
    if (!cpu->vcpu_dirty && cpu->kvm_run) {
        run_on_cpu(cpu, do_kvm_cpu_synchronize_state, NULL);
    }
}

static void do_kvm_cpu_synchronize_post_reset(CPUState *cpu, void *arg)
{
    int ret = kvm_arch_put_registers(cpu, KVM_PUT_RESET_STATE);

    if (ret) {
        error_report("Failed to put registers after reset: %s",
                     strerror(-ret));
        cpu_dump_state(cpu, stderr, CPU_DUMP_CODE);
        vm_stop(RUN_STATE_INTERNAL_ERROR);
    }
    cpu->vcpu_dirty = false;
}

void kvm_cpu_synchronize_post_reset(CPUState *cpu)
{
    if (cpu->kvm_run) {
        run_on_cpu(cpu, do_kvm_cpu_synchronize_post_reset, NULL);
    }
}

static void do_kvm_cpu_synchronize_post_init(CPUState *cpu, void *arg)
{
    int ret = kvm_arch_put_registers(cpu, KVM_PUT_FULL_STATE);

    if (ret) {
        error_report("Failed to put registers after init: %s",
                     strerror(-ret));
        exit(1);
    }
    cpu->vcpu_dirty = false;
}

void kvm_cpu_synchronize_post_init(CPUState *cpu)
{
    if (cpu->kvm_run) {
        run_on_cpu(cpu, do_kvm_cpu_synchronize_post_init, NULL);
    }
}

static void do_kvm_cpu_synchronize_pre_loadvm(CPUState *cpu, void *arg)
{
    cpu->vcpu_dirty = true;
}

void kvm_cpu_synchronize_pre_loadvm(CPUState *cpu)
{
    run_on_cpu(cpu, do_kvm_cpu_synchronize_pre_loadvm, NULL);
}

static void kvm_handle_io(uint16_t port, MemTxAttrs attrs, void *data,
                          int direction, int size, uint32_t count)
{
    uint8_t *ptr = data;
    uint32_t i;

    for (i = 0; i < count; i++) {
        address_space_rw(&address_space_io, port, attrs, ptr, size,
                         direction == KVM_EXIT_IO_OUT);
        ptr += size;
    }
}

static int kvm_handle_internal_error(CPUState *cpu, struct kvm_run *run)
{
    int i;

    fprintf(stderr, "KVM internal error. Suberror: %d\n",
            run->internal.suberror);
    for (i = 0; i < (int)run->internal.ndata && i < 16; ++i) {
        fprintf(stderr, "extra data[%d]: 0x%016" PRIx64 "\n",
                i, (uint64_t)run->internal.data[i]);
    }
    if (run->internal.suberror == KVM_INTERNAL_ERROR_EMULATION) {
        fprintf(stderr, "emulation failure\n");
    }
    return -1;
}

int kvm_cpu_exec(CPUState *cpu)
{
    struct kvm_run *run = cpu->kvm_run;
    int ret, run_ret;

    do {
        if (cpu->vcpu_dirty) {
            ret = kvm_arch_put_registers(cpu, KVM_PUT_RUNTIME_STATE);
            if (ret) {
                error_report("Failed to put registers: %s", strerror(-ret));
                ret = -1;
                break;
            }
            cpu->vcpu_dirty = false;
        }
        if (__atomic_load_n(&cpu->exit_request, __ATOMIC_SEQ_CST) ||
            cpu->stop) {
            __atomic_store_n(&run->immediate_exit, 1, __ATOMIC_SEQ_CST);
        }

        qemu_mutex_unlock_iothread();
        run_ret = ioctl(cpu->kvm_fd, KVM_RUN, 0);
        run_ret = run_ret < 0 ? -errno : run_ret;
        __atomic_store_n(&run->immediate_exit, 0, __ATOMIC_SEQ_CST);
        qemu_mutex_lock_iothread();

        if (run_ret < 0) {
            if (run_ret == -EINTR || run_ret == -EAGAIN) {
                /* Kicked: back to the thread loop (stop, queued work). */
                __atomic_store_n(&cpu->exit_request, false,
                                 __ATOMIC_SEQ_CST);
                ret = 1;
                break;
            }
            fprintf(stderr, "error: kvm run failed %s\n", strerror(-run_ret));
            ret = -1;
            break;
        }

        switch (run->exit_reason) {
        case KVM_EXIT_IO:
            kvm_handle_io(run->io.port, MEMTXATTRS_UNSPECIFIED,
                          (uint8_t *)run + run->io.data_offset,
                          run->io.direction, run->io.size, run->io.count);
            ret = 0;
            break;
        case KVM_EXIT_MMIO:
            address_space_rw(&address_space_memory, run->mmio.phys_addr,
                             MEMTXATTRS_UNSPECIFIED, run->mmio.data,
                             run->mmio.len, run->mmio.is_write);
            ret = 0;
            break;
        case KVM_EXIT_IRQ_WINDOW_OPEN:
        case KVM_EXIT_INTR:
            ret = 1;
            break;
        case KVM_EXIT_SHUTDOWN:
            /* Triple fault: reset (or end the VM with -no-reboot). */
            qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
            ret = 1;
            break;
        case KVM_EXIT_HLT:
            /* Only without the in-kernel irqchip. */
            cpu->halted = 1;
            ret = 1;
            break;
        case KVM_EXIT_UNKNOWN:
            fprintf(stderr, "KVM: unknown exit, hardware reason %" PRIx64 "\n",
                    (uint64_t)run->hw.hardware_exit_reason);
            ret = -1;
            break;
        case KVM_EXIT_INTERNAL_ERROR:
            ret = kvm_handle_internal_error(cpu, run);
            break;
        case KVM_EXIT_FAIL_ENTRY:
            fprintf(stderr, "KVM: entry failed, hardware error 0x%" PRIx64
                    "\n", (uint64_t)
                    run->fail_entry.hardware_entry_failure_reason);
            ret = -1;
            break;
        case KVM_EXIT_SYSTEM_EVENT:
            switch (run->system_event.type) {
            case KVM_SYSTEM_EVENT_SHUTDOWN:
                qemu_system_shutdown_request(SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
                ret = 1;
                break;
            case KVM_SYSTEM_EVENT_RESET:
                qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
                ret = 1;
                break;
            case KVM_SYSTEM_EVENT_CRASH:
                qemu_system_guest_panicked(NULL);
                ret = 0;
                break;
            default:
                ret = kvm_arch_handle_exit(cpu, run);
                break;
            }
            break;
        default:
            ret = kvm_arch_handle_exit(cpu, run);
            break;
        }
    } while (ret == 0);

    if (ret < 0) {
        kvm_arch_dump_internal_error(cpu);
        qemu_system_internal_error_request();
    }
    return ret;
}

/* ------------------------------------------------------------------ */
/* QOM                                                                  */

static void kvm_get_kernel_irqchip(Object *obj, Visitor *v, const char *name,
                                   void *opaque, Error **errp)
{
    KVMState *s = KVM_STATE(obj);
    static const char *const names[] = { "on", "off", "split" };
    char *value = g_strdup(names[s->irqchip_mode]);

    visit_type_str(v, name, &value, errp);
    g_free(value);
}

static void kvm_set_kernel_irqchip(Object *obj, Visitor *v, const char *name,
                                   void *opaque, Error **errp)
{
    KVMState *s = KVM_STATE(obj);
    char *value = NULL;
    bool b;

    if (!visit_type_str(v, name, &value, errp)) {
        return;
    }
    if (g_str_equal(value, "split")) {
        s->irqchip_mode = KVM_IRQCHIP_SPLIT;
    } else if (qapi_bool_parse(name, value, &b, NULL)) {
        s->irqchip_mode = b ? KVM_IRQCHIP_ON : KVM_IRQCHIP_OFF;
    } else {
        error_setg(errp, "Parameter 'kernel-irqchip' does not accept value "
                   "'%s'", value);
        g_free(value);
        return;
    }
    s->irqchip_mode_set = true;
    g_free(value);
}

static void kvm_accel_instance_init(Object *obj)
{
    KVMState *s = KVM_STATE(obj);

    s->fd = -1;
    s->vmfd = -1;
    s->irqchip_mode = KVM_IRQCHIP_ON;
    g_mutex_init(&s->slots_lock);
}

static void kvm_accel_class_init(ObjectClass *oc, void *data)
{
    AccelClass *ac = ACCEL_CLASS(oc);

    ac->name = "KVM";
    ac->init_machine = kvm_init;
    ac->allowed = &kvm_allowed;

    object_class_property_add(oc, "kernel-irqchip", "on|off|split",
                              kvm_get_kernel_irqchip, kvm_set_kernel_irqchip,
                              NULL, NULL);
    object_class_property_set_description(oc, "kernel-irqchip",
        "Configure KVM in-kernel irqchip");
}

static const TypeInfo kvm_accel_type = {
    .name = TYPE_KVM_ACCEL,
    .parent = TYPE_ACCEL,
    .instance_size = sizeof(KVMState),
    .instance_init = kvm_accel_instance_init,
    .class_init = kvm_accel_class_init,
};

static void kvm_type_init(void)
{
    type_register_static(&kvm_accel_type);
}

type_init(kvm_type_init);
