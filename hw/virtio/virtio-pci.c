/*
 * virtio-pci: the PCI transport.  One proxy function per VirtIODevice:
 *
 *  - legacy/transitional interface: I/O BAR 0 (virtio 0.9.5 registers,
 *    then the device config), device id 0x1000 + n;
 *  - modern interface (virtio 1.0): vendor capabilities pointing into a
 *    64-bit prefetchable memory BAR 4 holding common config (0x0000),
 *    ISR (0x1000), device config (0x2000) and notify (0x3000, multiplier
 *    4), plus the pci-cfg window capability; modern-only devices use id
 *    0x1040 + virtio id and revision 1;
 *  - MSI-X (table and PBA in BAR 1) or INTx driven by the ISR.
 *
 * Queue notifications become KVM ioeventfds when ioeventfd=on and the
 * accelerator supports them.  Queue interrupts: at DRIVER_OK, with KVM
 * irqfd + MSI routing (or when the device asks for it, e.g. an
 * iothread), every queue gets a guest notifier (eventfd) that
 * virtio_notify() writes; through MSI-X vector notifiers, an unmasked
 * vector gets a KVM MSI route and each of its queues' eventfd an irqfd
 * on it, while a masked vector's eventfds are read on the main loop
 * (-> msix_notify -> pending bit).  Otherwise msix_notify() (KVM's MSI
 * window, KVM_SIGNAL_MSI) or the INTx line.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/log.h"
#include "qemu/module.h"
#include "qemu/bswap.h"
#include "hw/qdev-properties.h"
#include "hw/pci/pci.h"
#include "hw/pci/pci_bus.h"
#include "hw/pci/msix.h"
#include "hw/pci/pci_regs.h"
#include "hw/virtio/virtio-pci.h"
#include "sysemu/kvm.h"
#include <linux/virtio_pci.h>

#define VIRTIO_PCI_VENDOR_ID 0x1af4
#define VIRTIO_PCI_ABI_VERSION 0
#define PCI_DEVICE_ID_VIRTIO_10_BASE 0x1040

/* Legacy header size with and without the two MSI-X vector registers. */
#define LEGACY_HDR_SIZE(msix) ((msix) ? 24 : 20)

#define QEMU_VIRTIO_PCI_QUEUE_MEM_MULT 0x1000

static VirtIODevice *proxy_vdev(VirtIOPCIProxy *proxy)
{
    return virtio_bus_get_device(&proxy->bus);
}

bool virtio_pci_modern(VirtIOPCIProxy *proxy)
{
    return !proxy->disable_modern;
}

bool virtio_pci_legacy(VirtIOPCIProxy *proxy)
{
    return proxy->disable_legacy == ON_OFF_AUTO_OFF ||
           proxy->disable_legacy == ON_OFF_AUTO_AUTO;
}

static uint32_t notify_mult(VirtIOPCIProxy *proxy)
{
    return proxy->flags & VIRTIO_PCI_FLAG_PAGE_PER_VQ ?
           QEMU_VIRTIO_PCI_QUEUE_MEM_MULT : 4;
}

/* ---- interrupts ------------------------------------------------------ */

static void virtio_pci_notify(DeviceState *d, uint16_t vector)
{
    VirtIOPCIProxy *proxy = VIRTIO_PCI(d);
    VirtIODevice *vdev = proxy_vdev(proxy);

    if (msix_enabled(&proxy->pci_dev)) {
        if (vector != VIRTIO_NO_VECTOR) {
            msix_notify(&proxy->pci_dev, vector);
        }
    } else if (vdev) {
        pci_set_irq(&proxy->pci_dev, qatomic_read(&vdev->isr) & 1);
    }
}

static uint8_t isr_read_and_clear(VirtIOPCIProxy *proxy)
{
    VirtIODevice *vdev = proxy_vdev(proxy);
    uint8_t val = qatomic_xchg(&vdev->isr, 0);

    pci_irq_deassert(&proxy->pci_dev);
    return val;
}

/* ---- guest notifiers and irqfd --------------------------------------- */

static bool vq_has_guest_notifier(VirtIOPCIProxy *proxy, int n)
{
    VirtIODevice *vdev = proxy_vdev(proxy);

    return proxy->guest_notifiers_on && virtio_queue_get_num(vdev, n) &&
           virtio_queue_guest_notifier_on(virtio_get_queue(vdev, n));
}

/* The KVM MSI route of @vector, created or refreshed; virq or -errno. */
static int virtio_pci_vector_route(VirtIOPCIProxy *proxy, unsigned vector,
                                   MSIMessage msg)
{
    VirtIOIRQFD *irqfd = &proxy->vector_irqfd[vector];
    int ret;

    if (irqfd->virq < 0) {
        KVMRouteChange c = kvm_irqchip_begin_route_changes(kvm_state);

        ret = kvm_irqchip_add_msi_route(&c, vector, &proxy->pci_dev);
        if (ret < 0) {
            return ret;
        }
        kvm_irqchip_commit_route_changes(&c);
        irqfd->virq = ret;
        irqfd->msg = msg;
    } else if (irqfd->msg.address != msg.address ||
               irqfd->msg.data != msg.data) {
        ret = kvm_irqchip_update_msi_route(kvm_state, irqfd->virq, msg,
                                           &proxy->pci_dev);
        if (ret < 0) {
            return ret;
        }
        kvm_irqchip_commit_routes(kvm_state);
        irqfd->msg = msg;
    }
    return irqfd->virq;
}

static void virtio_pci_vq_irqfd_attach(VirtIOPCIProxy *proxy, int n, int virq)
{
    VirtQueue *vq = virtio_get_queue(proxy_vdev(proxy), n);
    EventNotifier *e = virtio_queue_get_guest_notifier(vq);

    if (proxy->vq_irqfd_virq[n] >= 0) {
        return;
    }
    /* Stop reading the eventfd ourselves: KVM consumes it from now on. */
    virtio_queue_set_guest_notifier_fd_handler(vq, true, true);
    if (kvm_irqchip_add_irqfd_notifier_gsi(kvm_state, e, NULL, virq) < 0) {
        virtio_queue_set_guest_notifier_fd_handler(vq, true, false);
        return;
    }
    proxy->vq_irqfd_virq[n] = virq;
}

static void virtio_pci_vq_irqfd_detach(VirtIOPCIProxy *proxy, int n)
{
    VirtQueue *vq = virtio_get_queue(proxy_vdev(proxy), n);

    if (proxy->vq_irqfd_virq[n] < 0) {
        return;
    }
    kvm_irqchip_remove_irqfd_notifier_gsi(kvm_state,
                                          virtio_queue_get_guest_notifier(vq),
                                          proxy->vq_irqfd_virq[n]);
    proxy->vq_irqfd_virq[n] = -1;
    /* Back to the main loop: events now land in the pending bit. */
    virtio_queue_set_guest_notifier_fd_handler(vq, true, false);
}

/* MSI-X vector notifiers: unmasked -> irqfd, masked -> main loop. */
static int virtio_pci_vector_unmask(PCIDevice *dev, unsigned vector,
                                    MSIMessage msg)
{
    VirtIOPCIProxy *proxy = VIRTIO_PCI(dev);
    VirtIODevice *vdev = proxy_vdev(proxy);
    int n, virq;

    if (!proxy->guest_notifiers_on) {
        return 0;
    }
    virq = virtio_pci_vector_route(proxy, vector, msg);
    if (virq < 0) {
        return 0;   /* keep delivering through the main loop */
    }
    for (n = 0; n < VIRTIO_QUEUE_MAX; n++) {
        if (vq_has_guest_notifier(proxy, n) &&
            virtio_queue_vector(vdev, n) == vector) {
            virtio_pci_vq_irqfd_attach(proxy, n, virq);
        }
    }
    return 0;
}

static void virtio_pci_vector_mask(PCIDevice *dev, unsigned vector)
{
    VirtIOPCIProxy *proxy = VIRTIO_PCI(dev);
    VirtIODevice *vdev = proxy_vdev(proxy);
    int n;

    for (n = 0; n < VIRTIO_QUEUE_MAX; n++) {
        if (proxy->vq_irqfd_virq[n] >= 0 &&
            virtio_queue_vector(vdev, n) == vector) {
            virtio_pci_vq_irqfd_detach(proxy, n);
        }
    }
}

static void virtio_pci_vector_poll(PCIDevice *dev, unsigned start,
                                   unsigned end)
{
    VirtIOPCIProxy *proxy = VIRTIO_PCI(dev);
    VirtIODevice *vdev = proxy_vdev(proxy);
    int n;

    for (n = 0; n < VIRTIO_QUEUE_MAX; n++) {
        unsigned vector = virtio_queue_vector(vdev, n);
        VirtQueue *vq;

        if (!vq_has_guest_notifier(proxy, n) || vector < start ||
            vector >= end || !msix_is_masked(dev, vector)) {
            continue;
        }
        vq = virtio_get_queue(vdev, n);
        if (event_notifier_test_and_clear(
                virtio_queue_get_guest_notifier(vq))) {
            msix_set_pending(dev, vector);
        }
    }
}

static bool virtio_pci_want_guest_notifiers(VirtIOPCIProxy *proxy)
{
    VirtIODevice *vdev = proxy_vdev(proxy);

    /* MSI-X enabled later keeps using msix_notify (KVM_SIGNAL_MSI). */
    return vdev && (vdev->use_guest_notifiers ||
                    (msix_enabled(&proxy->pci_dev) &&
                     kvm_msi_via_irqfd_enabled()));
}

static void virtio_pci_set_guest_notifiers(VirtIOPCIProxy *proxy, bool assign)
{
    VirtIODevice *vdev = proxy_vdev(proxy);
    PCIDevice *dev = &proxy->pci_dev;
    unsigned v;
    int n;

    if (assign == proxy->guest_notifiers_on || !vdev) {
        return;
    }
    if (assign) {
        for (n = 0; n < VIRTIO_QUEUE_MAX; n++) {
            proxy->vq_irqfd_virq[n] = -1;
            if (virtio_queue_get_num(vdev, n) &&
                virtio_queue_set_guest_notifier(virtio_get_queue(vdev, n),
                                                true) < 0) {
                error_report("%s: no guest notifier for queue %d; "
                             "interrupting from the main loop", vdev->name, n);
            }
        }
        proxy->vector_irqfd = g_new(VirtIOIRQFD, MAX(proxy->nvectors, 1));
        for (v = 0; v < MAX(proxy->nvectors, 1); v++) {
            proxy->vector_irqfd[v].virq = -1;
        }
        proxy->guest_notifiers_on = true;
        if (msix_present(dev) && kvm_msi_via_irqfd_enabled()) {
            msix_set_vector_notifiers(dev, virtio_pci_vector_unmask,
                                      virtio_pci_vector_mask,
                                      virtio_pci_vector_poll);
        }
        return;
    }
    msix_unset_vector_notifiers(dev);
    for (n = 0; n < VIRTIO_QUEUE_MAX; n++) {
        virtio_pci_vq_irqfd_detach(proxy, n);
        virtio_queue_set_guest_notifier(virtio_get_queue(vdev, n), false);
    }
    for (v = 0; v < MAX(proxy->nvectors, 1); v++) {
        if (proxy->vector_irqfd[v].virq >= 0) {
            kvm_irqchip_release_virq(kvm_state, proxy->vector_irqfd[v].virq);
            kvm_irqchip_commit_routes(kvm_state);
        }
    }
    g_free(proxy->vector_irqfd);
    proxy->vector_irqfd = NULL;
    proxy->guest_notifiers_on = false;
}

/* Queue @n moves to another vector while guest notifiers are on. */
static void virtio_pci_queue_vector_changed(VirtIOPCIProxy *proxy, int n)
{
    PCIDevice *dev = &proxy->pci_dev;
    unsigned vector = virtio_queue_vector(proxy_vdev(proxy), n);
    int virq;

    if (!proxy->guest_notifiers_on) {
        return;
    }
    virtio_pci_vq_irqfd_detach(proxy, n);
    if (vector == VIRTIO_NO_VECTOR || vector >= proxy->nvectors ||
        !msix_has_vector_notifiers(dev) || !msix_enabled(dev) ||
        msix_is_masked(dev, vector) || !vq_has_guest_notifier(proxy, n)) {
        return;
    }
    virq = virtio_pci_vector_route(proxy, vector,
                                   msix_get_message(dev, vector));
    if (virq >= 0) {
        virtio_pci_vq_irqfd_attach(proxy, n, virq);
    }
}

static uint16_t set_vector(VirtIOPCIProxy *proxy, uint16_t old, uint16_t val)
{
    PCIDevice *d = &proxy->pci_dev;

    if (msix_enabled(d) || msix_present(d)) {
        if (old != VIRTIO_NO_VECTOR) {
            msix_vector_unuse(d, old);
        }
        if (val != VIRTIO_NO_VECTOR &&
            (val >= proxy->nvectors || msix_vector_use(d, val) < 0)) {
            val = VIRTIO_NO_VECTOR;
        }
        return val;
    }
    return VIRTIO_NO_VECTOR;
}

/* ---- ioeventfd --------------------------------------------------------- */

static bool virtio_pci_ioeventfd_enabled(DeviceState *d)
{
    VirtIOPCIProxy *proxy = VIRTIO_PCI(d);

    return (proxy->flags & VIRTIO_PCI_FLAG_USE_IOEVENTFD) &&
           kvm_eventfds_enabled();
}

static int virtio_pci_ioeventfd_assign(DeviceState *d, EventNotifier *notifier,
                                       int n, bool assign)
{
    VirtIOPCIProxy *proxy = VIRTIO_PCI(d);
    hwaddr modern_addr = n * notify_mult(proxy);

    if (assign) {
        if (virtio_pci_modern(proxy)) {
            memory_region_add_eventfd(&proxy->notify.mr, modern_addr, 2,
                                      false, n, notifier);
        }
        if (virtio_pci_legacy(proxy)) {
            memory_region_add_eventfd(&proxy->bar, VIRTIO_PCI_QUEUE_NOTIFY, 2,
                                      true, n, notifier);
        }
    } else {
        if (virtio_pci_modern(proxy)) {
            memory_region_del_eventfd(&proxy->notify.mr, modern_addr, 2,
                                      false, n, notifier);
        }
        if (virtio_pci_legacy(proxy)) {
            memory_region_del_eventfd(&proxy->bar, VIRTIO_PCI_QUEUE_NOTIFY, 2,
                                      true, n, notifier);
        }
    }
    return 0;
}

/* ---- status and reset ------------------------------------------------ */

static void virtio_pci_reset_state(VirtIOPCIProxy *proxy)
{
    int i;

    /* No more kicks first, then no more interrupts, then the reset. */
    virtio_bus_stop_ioeventfd(&proxy->bus);
    virtio_pci_set_guest_notifiers(proxy, false);
    virtio_bus_reset(&proxy->bus);
    msix_unuse_all_vectors(&proxy->pci_dev);
    proxy->dfselect = proxy->gfselect = 0;
    proxy->guest_features[0] = proxy->guest_features[1] = 0;
    for (i = 0; i < VIRTIO_QUEUE_MAX; i++) {
        memset(&proxy->vqs[i], 0, sizeof(proxy->vqs[i]));
    }
    pci_irq_deassert(&proxy->pci_dev);
}

static void virtio_pci_set_status(VirtIOPCIProxy *proxy, uint8_t val)
{
    VirtIODevice *vdev = proxy_vdev(proxy);

    if (!(val & VIRTIO_CONFIG_S_DRIVER_OK)) {
        virtio_bus_stop_ioeventfd(&proxy->bus);
        virtio_pci_set_guest_notifiers(proxy, false);
    }
    if (val == 0) {
        virtio_pci_reset_state(proxy);
        return;
    }
    if (virtio_set_status(vdev, val) < 0) {
        /* Feature validation failed: FEATURES_OK does not stick. */
        virtio_set_status(vdev, val & ~VIRTIO_CONFIG_S_FEATURES_OK);
    }
    if (val & VIRTIO_CONFIG_S_DRIVER_OK) {
        if (virtio_pci_want_guest_notifiers(proxy)) {
            virtio_pci_set_guest_notifiers(proxy, true);
        }
        virtio_bus_start_ioeventfd(&proxy->bus);
    }
}

/* ---- legacy I/O BAR ---------------------------------------------------- */

static uint64_t legacy_ioport_read(VirtIOPCIProxy *proxy, uint32_t addr)
{
    VirtIODevice *vdev = proxy_vdev(proxy);

    switch (addr) {
    case VIRTIO_PCI_HOST_FEATURES:
        return (uint32_t)vdev->host_features;
    case VIRTIO_PCI_GUEST_FEATURES:
        return (uint32_t)vdev->guest_features;
    case VIRTIO_PCI_QUEUE_PFN:
        return virtio_queue_get_addr(vdev, vdev->queue_sel) >>
               VIRTIO_PCI_QUEUE_ADDR_SHIFT;
    case VIRTIO_PCI_QUEUE_NUM:
        return virtio_queue_get_num(vdev, vdev->queue_sel);
    case VIRTIO_PCI_QUEUE_SEL:
        return vdev->queue_sel;
    case VIRTIO_PCI_STATUS:
        return vdev->status;
    case VIRTIO_PCI_ISR:
        return isr_read_and_clear(proxy);
    case VIRTIO_MSI_CONFIG_VECTOR:
        return vdev->config_vector;
    case VIRTIO_MSI_QUEUE_VECTOR:
        return virtio_queue_vector(vdev, vdev->queue_sel);
    }
    return 0;
}

static void legacy_ioport_write(VirtIOPCIProxy *proxy, uint32_t addr,
                                uint32_t val)
{
    VirtIODevice *vdev = proxy_vdev(proxy);
    hwaddr pa;

    switch (addr) {
    case VIRTIO_PCI_GUEST_FEATURES:
        /* Legacy drivers never see or set VERSION_1 (bit 32). */
        virtio_set_features(vdev, val);
        break;
    case VIRTIO_PCI_QUEUE_PFN:
        pa = (hwaddr)val << VIRTIO_PCI_QUEUE_ADDR_SHIFT;
        if (pa == 0) {
            virtio_pci_reset_state(proxy);
        } else {
            virtio_queue_set_addr(vdev, vdev->queue_sel, pa);
        }
        break;
    case VIRTIO_PCI_QUEUE_SEL:
        if (val < VIRTIO_QUEUE_MAX) {
            vdev->queue_sel = val;
        }
        break;
    case VIRTIO_PCI_QUEUE_NOTIFY:
        if (val < VIRTIO_QUEUE_MAX) {
            virtio_queue_notify(vdev, val);
        }
        break;
    case VIRTIO_PCI_STATUS:
        virtio_pci_set_status(proxy, val & 0xff);
        break;
    case VIRTIO_MSI_CONFIG_VECTOR:
        vdev->config_vector = set_vector(proxy, vdev->config_vector, val);
        break;
    case VIRTIO_MSI_QUEUE_VECTOR:
        if (virtio_queue_get_num(vdev, vdev->queue_sel)) {
            virtio_queue_set_vector(vdev, vdev->queue_sel,
                set_vector(proxy, virtio_queue_vector(vdev, vdev->queue_sel),
                           val));
            virtio_pci_queue_vector_changed(proxy, vdev->queue_sel);
        }
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "%s: unexpected legacy write at %u\n",
                      __func__, addr);
        break;
    }
}

static uint64_t virtio_pci_config_read(void *opaque, hwaddr addr,
                                       unsigned size)
{
    VirtIOPCIProxy *proxy = opaque;
    VirtIODevice *vdev = proxy_vdev(proxy);
    uint32_t hdr = LEGACY_HDR_SIZE(msix_enabled(&proxy->pci_dev));

    if (!vdev) {
        return ~0ull;
    }
    if (addr < hdr) {
        return legacy_ioport_read(proxy, addr);
    }
    addr -= hdr;
    switch (size) {
    case 1:
        return virtio_config_readb(vdev, addr);
    case 2:
        return virtio_config_readw(vdev, addr);
    default:
        return virtio_config_readl(vdev, addr);
    }
}

static void virtio_pci_config_write(void *opaque, hwaddr addr, uint64_t val,
                                    unsigned size)
{
    VirtIOPCIProxy *proxy = opaque;
    VirtIODevice *vdev = proxy_vdev(proxy);
    uint32_t hdr = LEGACY_HDR_SIZE(msix_enabled(&proxy->pci_dev));

    if (!vdev) {
        return;
    }
    if (addr < hdr) {
        legacy_ioport_write(proxy, addr, val);
        return;
    }
    addr -= hdr;
    switch (size) {
    case 1:
        virtio_config_writeb(vdev, addr, val);
        break;
    case 2:
        virtio_config_writew(vdev, addr, val);
        break;
    default:
        virtio_config_writel(vdev, addr, val);
        break;
    }
}

static const MemoryRegionOps virtio_pci_config_ops = {
    .read = virtio_pci_config_read,
    .write = virtio_pci_config_write,
    .impl = {
        .min_access_size = 1,
        .max_access_size = 4,
    },
    .endianness = DEVICE_LITTLE_ENDIAN,
};

/* ---- modern: common configuration ------------------------------------ */

static uint64_t virtio_pci_common_read(void *opaque, hwaddr addr,
                                       unsigned size)
{
    VirtIOPCIProxy *proxy = opaque;
    VirtIODevice *vdev = proxy_vdev(proxy);
    uint16_t sel;

    if (!vdev) {
        return 0;
    }
    sel = vdev->queue_sel;
    switch (addr) {
    case VIRTIO_PCI_COMMON_DFSELECT:
        return proxy->dfselect;
    case VIRTIO_PCI_COMMON_DF:
        if (proxy->dfselect <= 1) {
            uint64_t f = vdev->host_features & ~VIRTIO_LEGACY_FEATURES;

            return (uint32_t)(f >> (32 * proxy->dfselect));
        }
        return 0;
    case VIRTIO_PCI_COMMON_GFSELECT:
        return proxy->gfselect;
    case VIRTIO_PCI_COMMON_GF:
        return proxy->gfselect <= 1 ?
               proxy->guest_features[proxy->gfselect] : 0;
    case VIRTIO_PCI_COMMON_MSIX:
        return vdev->config_vector;
    case VIRTIO_PCI_COMMON_NUMQ:
        return virtio_get_num_queues(vdev);
    case VIRTIO_PCI_COMMON_STATUS:
        return vdev->status;
    case VIRTIO_PCI_COMMON_CFGGENERATION:
        return vdev->generation;
    case VIRTIO_PCI_COMMON_Q_SELECT:
        return sel;
    case VIRTIO_PCI_COMMON_Q_SIZE:
        return virtio_queue_get_num(vdev, sel);
    case VIRTIO_PCI_COMMON_Q_MSIX:
        return virtio_queue_vector(vdev, sel);
    case VIRTIO_PCI_COMMON_Q_ENABLE:
        return proxy->vqs[sel].enabled;
    case VIRTIO_PCI_COMMON_Q_NOFF:
        return sel;     /* notify offset = queue index */
    case VIRTIO_PCI_COMMON_Q_DESCLO:
        return proxy->vqs[sel].desc[0];
    case VIRTIO_PCI_COMMON_Q_DESCHI:
        return proxy->vqs[sel].desc[1];
    case VIRTIO_PCI_COMMON_Q_AVAILLO:
        return proxy->vqs[sel].avail[0];
    case VIRTIO_PCI_COMMON_Q_AVAILHI:
        return proxy->vqs[sel].avail[1];
    case VIRTIO_PCI_COMMON_Q_USEDLO:
        return proxy->vqs[sel].used[0];
    case VIRTIO_PCI_COMMON_Q_USEDHI:
        return proxy->vqs[sel].used[1];
    }
    return 0;
}

static void virtio_pci_common_write(void *opaque, hwaddr addr, uint64_t val,
                                    unsigned size)
{
    VirtIOPCIProxy *proxy = opaque;
    VirtIODevice *vdev = proxy_vdev(proxy);
    VirtIOPCIQueue *q;
    uint16_t sel;

    if (!vdev) {
        return;
    }
    sel = vdev->queue_sel;
    q = &proxy->vqs[sel];
    switch (addr) {
    case VIRTIO_PCI_COMMON_DFSELECT:
        proxy->dfselect = val;
        break;
    case VIRTIO_PCI_COMMON_GFSELECT:
        proxy->gfselect = val;
        break;
    case VIRTIO_PCI_COMMON_GF:
        if (proxy->gfselect <= 1) {
            proxy->guest_features[proxy->gfselect] = val;
            virtio_set_features(vdev, ((uint64_t)proxy->guest_features[1] << 32)
                                | proxy->guest_features[0]);
        }
        break;
    case VIRTIO_PCI_COMMON_MSIX:
        vdev->config_vector = set_vector(proxy, vdev->config_vector, val);
        break;
    case VIRTIO_PCI_COMMON_STATUS:
        virtio_pci_set_status(proxy, val & 0xff);
        break;
    case VIRTIO_PCI_COMMON_Q_SELECT:
        if (val < VIRTIO_QUEUE_MAX) {
            vdev->queue_sel = val;
        }
        break;
    case VIRTIO_PCI_COMMON_Q_SIZE:
        if (val && (val & (val - 1))) {
            qemu_log_mask(LOG_GUEST_ERROR, "%s: queue size %u is not a power "
                          "of 2\n", vdev->name, (unsigned)val);
            break;
        }
        q->num = val;
        virtio_queue_set_num(vdev, sel, val);
        break;
    case VIRTIO_PCI_COMMON_Q_MSIX:
        if (virtio_queue_get_num(vdev, sel)) {
            virtio_queue_set_vector(vdev, sel,
                set_vector(proxy, virtio_queue_vector(vdev, sel), val));
            virtio_pci_queue_vector_changed(proxy, sel);
        }
        break;
    case VIRTIO_PCI_COMMON_Q_ENABLE:
        if (val == 1) {
            virtio_queue_set_num(vdev, sel, virtio_queue_get_num(vdev, sel));
            virtio_queue_set_rings(vdev, sel,
                ((uint64_t)q->desc[1]) << 32 | q->desc[0],
                ((uint64_t)q->avail[1]) << 32 | q->avail[0],
                ((uint64_t)q->used[1]) << 32 | q->used[0]);
            virtio_queue_enable(vdev, sel);
            q->enabled = true;
        } else {
            qemu_log_mask(LOG_GUEST_ERROR, "%s: queue_enable must be 1\n",
                          vdev->name);
        }
        break;
    case VIRTIO_PCI_COMMON_Q_DESCLO:
        q->desc[0] = val;
        break;
    case VIRTIO_PCI_COMMON_Q_DESCHI:
        q->desc[1] = val;
        break;
    case VIRTIO_PCI_COMMON_Q_AVAILLO:
        q->avail[0] = val;
        break;
    case VIRTIO_PCI_COMMON_Q_AVAILHI:
        q->avail[1] = val;
        break;
    case VIRTIO_PCI_COMMON_Q_USEDLO:
        q->used[0] = val;
        break;
    case VIRTIO_PCI_COMMON_Q_USEDHI:
        q->used[1] = val;
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "%s: write to read-only common cfg "
                      "offset 0x%" HWADDR_PRIx "\n", vdev->name, addr);
        break;
    }
}

static const MemoryRegionOps common_ops = {
    .read = virtio_pci_common_read,
    .write = virtio_pci_common_write,
    .impl = {
        .min_access_size = 1,
        .max_access_size = 4,
    },
    .endianness = DEVICE_LITTLE_ENDIAN,
};

static uint64_t isr_read(void *opaque, hwaddr addr, unsigned size)
{
    VirtIOPCIProxy *proxy = opaque;

    return proxy_vdev(proxy) && addr == 0 ? isr_read_and_clear(proxy) : 0;
}

static void isr_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
}

static const MemoryRegionOps isr_ops = {
    .read = isr_read,
    .write = isr_write,
    .impl = {
        .min_access_size = 1,
        .max_access_size = 4,
    },
    .endianness = DEVICE_LITTLE_ENDIAN,
};

static uint64_t device_read(void *opaque, hwaddr addr, unsigned size)
{
    VirtIODevice *vdev = proxy_vdev(opaque);

    if (!vdev) {
        return 0;
    }
    switch (size) {
    case 1:
        return virtio_config_modern_readb(vdev, addr);
    case 2:
        return virtio_config_modern_readw(vdev, addr);
    case 4:
        return virtio_config_modern_readl(vdev, addr);
    }
    return 0;
}

static void device_write(void *opaque, hwaddr addr, uint64_t val,
                         unsigned size)
{
    VirtIODevice *vdev = proxy_vdev(opaque);

    if (!vdev) {
        return;
    }
    switch (size) {
    case 1:
        virtio_config_modern_writeb(vdev, addr, val);
        break;
    case 2:
        virtio_config_modern_writew(vdev, addr, val);
        break;
    case 4:
        virtio_config_modern_writel(vdev, addr, val);
        break;
    }
}

static const MemoryRegionOps device_ops = {
    .read = device_read,
    .write = device_write,
    .impl = {
        .min_access_size = 1,
        .max_access_size = 4,
    },
    .endianness = DEVICE_LITTLE_ENDIAN,
};

static uint64_t notify_read(void *opaque, hwaddr addr, unsigned size)
{
    return 0;
}

static void notify_write(void *opaque, hwaddr addr, uint64_t val,
                         unsigned size)
{
    VirtIOPCIProxy *proxy = opaque;
    VirtIODevice *vdev = proxy_vdev(proxy);
    unsigned queue = addr / notify_mult(proxy);

    if (vdev && queue < VIRTIO_QUEUE_MAX) {
        virtio_queue_notify(vdev, queue);
    }
}

static const MemoryRegionOps notify_ops = {
    .read = notify_read,
    .write = notify_write,
    .impl = {
        .min_access_size = 1,
        .max_access_size = 4,
    },
    .endianness = DEVICE_LITTLE_ENDIAN,
};

/* ---- capabilities ------------------------------------------------------ */

static int add_vendor_cap(VirtIOPCIProxy *proxy, uint8_t type, uint8_t bar,
                          uint32_t offset, uint32_t length, uint8_t caplen,
                          Error **errp)
{
    PCIDevice *dev = &proxy->pci_dev;
    int off = pci_add_capability(dev, PCI_CAP_ID_VNDR, 0, caplen, errp);
    uint8_t *c;

    if (off < 0) {
        return off;
    }
    c = dev->config + off;
    c[2] = caplen;                      /* cap_len */
    c[3] = type;                        /* cfg_type */
    c[4] = bar;
    stl_le_p(c + 8, offset);
    stl_le_p(c + 12, length);
    return off;
}

static void modern_region_init(VirtIOPCIProxy *proxy, VirtIOPCIRegion *r,
                               const MemoryRegionOps *ops, const char *name,
                               uint32_t offset, uint32_t size, uint32_t type)
{
    g_autofree char *n = g_strdup_printf("virtio-pci-%s", name);

    r->offset = offset;
    r->size = size;
    r->type = type;
    memory_region_init_io(&r->mr, OBJECT(proxy), ops, proxy, n, size);
    memory_region_add_subregion(&proxy->modern_bar, offset, &r->mr);
}

static bool setup_modern(VirtIOPCIProxy *proxy, Error **errp)
{
    PCIDevice *dev = &proxy->pci_dev;
    uint8_t bar = proxy->modern_mem_bar_idx;
    int off;

    memory_region_init(&proxy->modern_bar, OBJECT(proxy), "virtio-pci",
                       4 * QEMU_VIRTIO_PCI_QUEUE_MEM_MULT);
    modern_region_init(proxy, &proxy->common, &common_ops, "common", 0,
                       0x1000, VIRTIO_PCI_CAP_COMMON_CFG);
    modern_region_init(proxy, &proxy->isr, &isr_ops, "isr", 0x1000,
                       0x1000, VIRTIO_PCI_CAP_ISR_CFG);
    modern_region_init(proxy, &proxy->device, &device_ops, "device", 0x2000,
                       0x1000, VIRTIO_PCI_CAP_DEVICE_CFG);
    modern_region_init(proxy, &proxy->notify, &notify_ops, "notify", 0x3000,
                       notify_mult(proxy) * VIRTIO_QUEUE_MAX,
                       VIRTIO_PCI_CAP_NOTIFY_CFG);
    if (proxy->notify.size > 0x1000) {
        memory_region_set_size(&proxy->modern_bar,
                               pow2ceil(0x3000 + proxy->notify.size));
    }

    if (add_vendor_cap(proxy, VIRTIO_PCI_CAP_COMMON_CFG, bar, 0, 0x1000, 16,
                       errp) < 0 ||
        add_vendor_cap(proxy, VIRTIO_PCI_CAP_ISR_CFG, bar, 0x1000, 0x1000, 16,
                       errp) < 0 ||
        add_vendor_cap(proxy, VIRTIO_PCI_CAP_DEVICE_CFG, bar, 0x2000, 0x1000,
                       16, errp) < 0) {
        return false;
    }
    off = add_vendor_cap(proxy, VIRTIO_PCI_CAP_NOTIFY_CFG, bar, 0x3000,
                         proxy->notify.size, 20, errp);
    if (off < 0) {
        return false;
    }
    stl_le_p(dev->config + off + 16, notify_mult(proxy));
    /* pci-cfg window: bar/offset/length/data are guest-writable. */
    off = add_vendor_cap(proxy, VIRTIO_PCI_CAP_PCI_CFG, 0, 0, 0, 20, errp);
    if (off < 0) {
        return false;
    }
    proxy->config_cap = off;
    memset(dev->wmask + off + 4, 0xff, 1);         /* bar */
    memset(dev->wmask + off + 8, 0xff, 4);         /* offset */
    memset(dev->wmask + off + 12, 0xff, 4);        /* length */
    memset(dev->wmask + off + 16, 0xff, 4);        /* pci_cfg_data */

    pci_register_bar(dev, bar, PCI_BASE_ADDRESS_SPACE_MEMORY |
                     PCI_BASE_ADDRESS_MEM_PREFETCH |
                     PCI_BASE_ADDRESS_MEM_TYPE_64, &proxy->modern_bar);
    return true;
}

/* The pci-cfg capability: an access window into the modern BAR. */
static bool cfg_window(VirtIOPCIProxy *proxy, uint32_t *off, uint32_t *len)
{
    uint8_t *c = proxy->pci_dev.config + proxy->config_cap;

    *off = ldl_le_p(c + 8);
    *len = ldl_le_p(c + 12);
    return c[4] == proxy->modern_mem_bar_idx &&
           (*len == 1 || *len == 2 || *len == 4) &&
           *off % *len == 0 &&
           (uint64_t)*off + *len <= memory_region_size(&proxy->modern_bar);
}

/* The modern region holding BAR offset @off (relative offset in *rel). */
static MemoryRegion *cfg_region(VirtIOPCIProxy *proxy, uint32_t off,
                                uint32_t len, hwaddr *rel)
{
    VirtIOPCIRegion *regs[] = { &proxy->common, &proxy->isr, &proxy->device,
                                &proxy->notify };
    int i;

    for (i = 0; i < ARRAY_SIZE(regs); i++) {
        if (off >= regs[i]->offset &&
            (uint64_t)off + len <= (uint64_t)regs[i]->offset + regs[i]->size) {
            *rel = off - regs[i]->offset;
            return &regs[i]->mr;
        }
    }
    return NULL;
}

static void virtio_write_config(PCIDevice *pci_dev, uint32_t address,
                                uint32_t val, int len)
{
    VirtIOPCIProxy *proxy = VIRTIO_PCI(pci_dev);
    uint32_t data = proxy->config_cap + 16;
    uint32_t off, size;

    pci_default_write_config(pci_dev, address, val, len);
    if (proxy->config_cap && address >= data && address < data + 4 &&
        cfg_window(proxy, &off, &size)) {
        uint64_t v = ldl_le_p(pci_dev->config + data);
        hwaddr rel;
        MemoryRegion *mr = cfg_region(proxy, off, size, &rel);

        if (mr) {
            memory_region_dispatch_write(mr, rel, v, size_memop(size),
                                         MEMTXATTRS_UNSPECIFIED);
        }
    }
}

static uint32_t virtio_read_config(PCIDevice *pci_dev, uint32_t address,
                                   int len)
{
    VirtIOPCIProxy *proxy = VIRTIO_PCI(pci_dev);
    uint32_t data = proxy->config_cap + 16;
    uint32_t off, size;

    if (proxy->config_cap && address >= data && address < data + 4 &&
        cfg_window(proxy, &off, &size)) {
        uint64_t v = 0;
        hwaddr rel;
        MemoryRegion *mr = cfg_region(proxy, off, size, &rel);

        if (mr) {
            memory_region_dispatch_read(mr, rel, &v, size_memop(size),
                                        MEMTXATTRS_UNSPECIFIED);
            stl_le_p(pci_dev->config + data, v);
        }
    }
    return pci_default_read_config(pci_dev, address, len);
}

/* ---- plugging ------------------------------------------------------ */

static void virtio_pci_pre_plugged(DeviceState *d, Error **errp)
{
    VirtIOPCIProxy *proxy = VIRTIO_PCI(d);
    VirtIODevice *vdev = proxy_vdev(proxy);

    if (virtio_pci_modern(proxy)) {
        virtio_add_feature(&vdev->host_features, VIRTIO_F_VERSION_1);
    }
}

static void virtio_pci_device_plugged(DeviceState *d, Error **errp)
{
    VirtIOPCIProxy *proxy = VIRTIO_PCI(d);
    VirtIODevice *vdev = proxy_vdev(proxy);
    PCIDevice *dev = &proxy->pci_dev;
    uint8_t *config = dev->config;
    bool legacy = virtio_pci_legacy(proxy);
    bool modern = virtio_pci_modern(proxy);
    uint32_t size;

    if (!legacy && !modern) {
        error_setg(errp, "device cannot work as neither modern nor legacy "
                   "mode is enabled");
        error_append_hint(errp, "Set either disable-modern or disable-legacy "
                          "to off\n");
        return;
    }
    if (legacy) {
        /* Transitional: keep the class's 0x1000+ device id. */
        pci_set_word(config + PCI_SUBSYSTEM_VENDOR_ID, VIRTIO_PCI_VENDOR_ID);
        pci_set_word(config + PCI_SUBSYSTEM_ID, virtio_bus_get_vdev_id(
                     &proxy->bus));
        pci_config_set_revision(config, VIRTIO_PCI_ABI_VERSION);
    } else {
        pci_config_set_vendor_id(config, VIRTIO_PCI_VENDOR_ID);
        pci_config_set_device_id(config, PCI_DEVICE_ID_VIRTIO_10_BASE +
                                 virtio_bus_get_vdev_id(&proxy->bus));
        pci_set_word(config + PCI_SUBSYSTEM_VENDOR_ID, VIRTIO_PCI_VENDOR_ID);
        pci_set_word(config + PCI_SUBSYSTEM_ID, virtio_bus_get_vdev_id(
                     &proxy->bus));
        pci_config_set_revision(config, 1);
    }
    config[PCI_INTERRUPT_PIN] = 1;

    if (modern && !setup_modern(proxy, errp)) {
        return;
    }
    if (proxy->nvectors) {
        int ret = msix_init_exclusive_bar(dev, proxy->nvectors,
                                          proxy->msix_bar_idx, NULL);

        if (ret < 0) {
            /* As QEMU: fall back to INTx rather than failing. */
            warn_report("unable to init msix vectors to %u",
                        proxy->nvectors);
            proxy->nvectors = 0;
        }
    }
    if (legacy) {
        size = LEGACY_HDR_SIZE(proxy->nvectors) + vdev->config_len;
        size = pow2ceil(size);
        memory_region_init_io(&proxy->bar, OBJECT(proxy),
                              &virtio_pci_config_ops, proxy, "virtio-pci",
                              size);
        pci_register_bar(dev, proxy->legacy_io_bar_idx,
                         PCI_BASE_ADDRESS_SPACE_IO, &proxy->bar);
    }
}

static void virtio_pci_device_unplugged(DeviceState *d)
{
    VirtIOPCIProxy *proxy = VIRTIO_PCI(d);

    virtio_bus_stop_ioeventfd(&proxy->bus);
    virtio_pci_set_guest_notifiers(proxy, false);
}

static AddressSpace *virtio_pci_get_dma_as(DeviceState *d)
{
    return pci_get_address_space(&VIRTIO_PCI(d)->pci_dev);
}

static int virtio_pci_query_nvectors(DeviceState *d)
{
    return VIRTIO_PCI(d)->nvectors;
}

/* ---- the proxy device --------------------------------------------------- */

static void virtio_pci_realize(PCIDevice *pci_dev, Error **errp)
{
    VirtIOPCIProxy *proxy = VIRTIO_PCI(pci_dev);
    VirtioPCIClass *k = VIRTIO_PCI_GET_CLASS(pci_dev);

    proxy->legacy_io_bar_idx = 0;
    proxy->msix_bar_idx = 1;
    proxy->modern_mem_bar_idx = 4;
    if (proxy->disable_legacy == ON_OFF_AUTO_ON && proxy->disable_modern) {
        error_setg(errp, "device cannot work as neither modern nor legacy "
                   "mode is enabled");
        error_append_hint(errp, "Set either disable-modern or disable-legacy "
                          "to off\n");
        return;
    }
    if (proxy->class_code) {
        pci_config_set_class(pci_dev->config, proxy->class_code);
    }
    if (k->realize) {
        k->realize(proxy, errp);
    }
}

static void virtio_pci_exit(PCIDevice *pci_dev)
{
    VirtIOPCIProxy *proxy = VIRTIO_PCI(pci_dev);

    virtio_bus_stop_ioeventfd(&proxy->bus);
    virtio_pci_set_guest_notifiers(proxy, false);
    msix_uninit_exclusive_bar(pci_dev);
}

static void virtio_pci_reset(DeviceState *qdev)
{
    VirtIOPCIProxy *proxy = VIRTIO_PCI(qdev);

    virtio_pci_reset_state(proxy);
    msix_reset(&proxy->pci_dev);
}

static void virtio_pci_instance_init(Object *obj)
{
    VirtIOPCIProxy *proxy = VIRTIO_PCI(obj);

    /* QEMU names it "virtio-bus" (info qtree, bus= paths). */
    qbus_init(&proxy->bus, sizeof(proxy->bus), TYPE_VIRTIO_PCI_BUS,
              DEVICE(obj), "virtio-bus");
}

static Property virtio_pci_properties[] = {
    DEFINE_PROP_BIT("ioeventfd", VirtIOPCIProxy, flags,
                    VIRTIO_PCI_FLAG_USE_IOEVENTFD_BIT, true),
    DEFINE_PROP_BIT("page-per-vq", VirtIOPCIProxy, flags,
                    VIRTIO_PCI_FLAG_PAGE_PER_VQ_BIT, false),
    DEFINE_PROP_BOOL("disable-modern", VirtIOPCIProxy, disable_modern, false),
    DEFINE_PROP_ON_OFF_AUTO("disable-legacy", VirtIOPCIProxy, disable_legacy,
                            ON_OFF_AUTO_AUTO),
    DEFINE_PROP_END_OF_LIST(),
};

static void virtio_pci_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    PCIDeviceClass *k = PCI_DEVICE_CLASS(klass);

    device_class_set_props(dc, virtio_pci_properties);
    k->realize = virtio_pci_realize;
    k->exit = virtio_pci_exit;
    k->vendor_id = VIRTIO_PCI_VENDOR_ID;
    k->revision = VIRTIO_PCI_ABI_VERSION;
    k->class_id = PCI_CLASS_OTHERS;
    k->config_write = virtio_write_config;
    k->config_read = virtio_read_config;
    dc->reset = virtio_pci_reset;
}

static const TypeInfo virtio_pci_info = {
    .name = TYPE_VIRTIO_PCI,
    .parent = TYPE_PCI_DEVICE,
    .instance_size = sizeof(VirtIOPCIProxy),
    .instance_init = virtio_pci_instance_init,
    .class_init = virtio_pci_class_init,
    .class_size = sizeof(VirtioPCIClass),
    .abstract = true,
};

/* ---- the bus ---------------------------------------------------------- */

static void virtio_pci_bus_class_init(ObjectClass *klass, void *data)
{
    BusClass *bus_class = BUS_CLASS(klass);
    VirtioBusClass *k = VIRTIO_BUS_CLASS(klass);

    bus_class->max_dev = 1;
    k->notify = virtio_pci_notify;
    k->pre_plugged = virtio_pci_pre_plugged;
    k->device_plugged = virtio_pci_device_plugged;
    k->device_unplugged = virtio_pci_device_unplugged;
    k->query_nvectors = virtio_pci_query_nvectors;
    k->ioeventfd_enabled = virtio_pci_ioeventfd_enabled;
    k->ioeventfd_assign = virtio_pci_ioeventfd_assign;
    k->get_dma_as = virtio_pci_get_dma_as;
}

static const TypeInfo virtio_pci_bus_info = {
    .name = TYPE_VIRTIO_PCI_BUS,
    .parent = TYPE_VIRTIO_BUS,
    .instance_size = sizeof(VirtioBusState),
    .class_size = sizeof(VirtioBusClass),
    .class_init = virtio_pci_bus_class_init,
};

/* ---- helpers for concrete proxies ------------------------------------ */

void virtio_instance_init_common(Object *proxy_obj, void *data,
                                 size_t vdev_size, const char *vdev_name)
{
    ObjectPropertyIterator iter;
    ObjectProperty *prop;
    Object *vdev = data;

    object_initialize_child_with_props(proxy_obj, "virtio-backend", vdev,
                                       vdev_size, vdev_name, &error_abort,
                                       NULL);
    /* The device model's properties are set on the proxy (-device). */
    object_property_iter_init(&iter, vdev);
    while ((prop = object_property_iter_next(&iter))) {
        if (!prop->set || object_property_find(proxy_obj, prop->name) ||
            g_str_equal(prop->name, "realized") ||
            g_str_equal(prop->name, "parent_bus") ||
            g_str_equal(prop->name, "hotpluggable")) {
            continue;
        }
        object_property_add_alias(proxy_obj, prop->name, vdev, prop->name);
    }
}

void virtio_pci_types_register(const VirtioPCIDeviceTypeInfo *t)
{
    static InterfaceInfo conventional[] = {
        { INTERFACE_CONVENTIONAL_PCI_DEVICE },
        { },
    };
    TypeInfo base = {
        .name = t->base_name,
        .parent = t->parent ? t->parent : TYPE_VIRTIO_PCI,
        .instance_size = t->instance_size,
        .instance_init = t->instance_init,
        .class_size = t->class_size,
        .class_init = t->class_init,
        .abstract = true,
        .interfaces = t->interfaces ? t->interfaces : conventional,
    };
    TypeInfo generic = {
        .name = t->generic_name,
        .parent = t->base_name,
    };

    type_register(&base);
    if (t->generic_name) {
        type_register(&generic);
    }
}

static void virtio_pci_register_types(void)
{
    type_register_static(&virtio_pci_bus_info);
    type_register_static(&virtio_pci_info);
}

type_init(virtio_pci_register_types)
