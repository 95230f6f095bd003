/*
 * virtio-pci transport: a PCI function ("proxy") exposing one
 * VirtIODevice through the legacy I/O BAR 0 and/or the virtio 1.0
 * vendor capabilities in memory BAR 4, with MSI-X in BAR 1.
 */
#ifndef HW_VIRTIO_PCI_H
#define HW_VIRTIO_PCI_H

#include "hw/pci/pci.h"
#include "hw/virtio/virtio.h"
#include "hw/virtio/virtio-bus.h"
#include "qapi/qapi-types-common.h"

#define TYPE_VIRTIO_PCI_BUS "virtio-pci-bus"
#define TYPE_VIRTIO_PCI "virtio-pci"
OBJECT_DECLARE_TYPE(VirtIOPCIProxy, VirtioPCIClass, VIRTIO_PCI)

/* flags */
#define VIRTIO_PCI_FLAG_USE_IOEVENTFD_BIT 1
#define VIRTIO_PCI_FLAG_USE_IOEVENTFD (1 << VIRTIO_PCI_FLAG_USE_IOEVENTFD_BIT)
#define VIRTIO_PCI_FLAG_PAGE_PER_VQ_BIT 5
#define VIRTIO_PCI_FLAG_PAGE_PER_VQ (1 << VIRTIO_PCI_FLAG_PAGE_PER_VQ_BIT)

#define DEV_NVECTORS_UNSPECIFIED (~0U)

typedef struct VirtIOPCIRegion {
    MemoryRegion mr;
    uint32_t offset;
    uint32_t size;
    uint32_t type;
} VirtIOPCIRegion;

typedef struct VirtIOPCIQueue {
    uint16_t num;
    bool enabled;
    uint32_t desc[2];
    uint32_t avail[2];
    uint32_t used[2];
} VirtIOPCIQueue;

/* KVM MSI route of one MSI-X vector used through irqfd. */
typedef struct VirtIOIRQFD {
    MSIMessage msg;
    int virq;           /* -1: no route yet */
} VirtIOIRQFD;

struct VirtIOPCIProxy {
    PCIDevice pci_dev;
    MemoryRegion bar;           /* legacy I/O BAR */
    MemoryRegion modern_bar;    /* container of the modern regions */
    VirtIOPCIRegion common, isr, device, notify;
    uint32_t legacy_io_bar_idx;
    uint32_t msix_bar_idx;
    uint32_t modern_mem_bar_idx;
    int config_cap;             /* offset of the pci-cfg capability */
    uint32_t flags;
    bool disable_modern;
    OnOffAuto disable_legacy;
    uint32_t class_code;
    uint32_t nvectors;
    uint32_t dfselect;
    uint32_t gfselect;
    uint32_t guest_features[2];
    VirtIOPCIQueue vqs[VIRTIO_QUEUE_MAX];
    /* Guest notifiers on (DRIVER_OK with irqfd or an iothread). */
    bool guest_notifiers_on;
    VirtIOIRQFD *vector_irqfd;              /* [nvectors] */
    int vq_irqfd_virq[VIRTIO_QUEUE_MAX];    /* irqfd attached: its virq */
    VirtioBusState bus;
};

struct VirtioPCIClass {
    PCIDeviceClass parent_class;
    DeviceRealize parent_dc_realize;
    /* The concrete proxy realizes its VirtIODevice child on proxy->bus. */
    void (*realize)(VirtIOPCIProxy *vpci_dev, Error **errp);
};

/* Whether the proxy exposes the modern/legacy interfaces (after realize). */
bool virtio_pci_modern(VirtIOPCIProxy *proxy);
bool virtio_pci_legacy(VirtIOPCIProxy *proxy);

/*
 * Embed @vdev (an instance of @vdev_name of @vdev_size bytes) as the
 * "virtio-backend" child of @proxy_obj and alias its properties onto
 * the proxy, as QEMU's virtio_instance_init_common.
 */
void virtio_instance_init_common(Object *proxy_obj, void *data,
                                 size_t vdev_size, const char *vdev_name);

/* Concrete proxies register with this (QEMU's VirtioPCIDeviceTypeInfo). */
typedef struct VirtioPCIDeviceTypeInfo {
    const char *base_name;     /* abstract base, e.g. virtio-blk-pci-base */
    const char *generic_name;  /* user type, e.g. virtio-blk-pci */
    const char *parent;
    size_t instance_size;
    size_t class_size;
    void (*instance_init)(Object *obj);
    void (*class_init)(ObjectClass *klass, void *data);
    InterfaceInfo *interfaces;
} VirtioPCIDeviceTypeInfo;

void virtio_pci_types_register(const VirtioPCIDeviceTypeInfo *t);

#endif
