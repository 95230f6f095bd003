/*
 * VirtIO device core: TYPE_VIRTIO_DEVICE, split virtqueues, feature
 * negotiation, status, config space and interrupts.  A device model
 * (virtio-blk ...) subclasses TYPE_VIRTIO_DEVICE and sits alone on a
 * TYPE_VIRTIO_BUS provided by a transport (virtio-pci).  API as QEMU's.
 */
#ifndef HW_VIRTIO_H
#define HW_VIRTIO_H

#include <sys/uio.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ring.h>
#include <linux/virtio_ids.h>
#include "exec/memory.h"
#include "hw/qdev-core.h"
#include "qemu/event_notifier.h"
#include "qemu/atomic.h"
#include "qemu/bitops.h"
#include "qemu/host-utils.h"
#include "sysemu/runstate.h"

#define VIRTIO_QUEUE_MAX 1024
#define VIRTIO_NO_VECTOR 0xffff
/* Legacy queue alignment (virtio 0.9.5 layout). */
#define VIRTIO_PCI_VRING_ALIGN 4096

#ifndef VIRTIO_F_BAD_FEATURE
#define VIRTIO_F_BAD_FEATURE 30
#endif
#ifndef VIRTIO_F_NOTIFICATION_DATA
#define VIRTIO_F_NOTIFICATION_DATA 38
#endif
/* Legacy-only transport features, never offered to VERSION_1 guests. */
#define VIRTIO_LEGACY_FEATURES ((1ULL << VIRTIO_F_BAD_FEATURE) | \
                                (1ULL << VIRTIO_F_NOTIFY_ON_EMPTY) | \
                                (1ULL << VIRTIO_F_ANY_LAYOUT))

typedef struct VirtQueue VirtQueue;
typedef struct VirtIODevice VirtIODevice;
typedef struct IOThread IOThread;

typedef struct VirtQueueElement {
    unsigned int index;        /* head descriptor index */
    unsigned int len;
    unsigned int ndescs;
    unsigned int out_num;      /* device-readable buffers */
    unsigned int in_num;       /* device-writable buffers */
    hwaddr *in_addr;
    hwaddr *out_addr;
    struct iovec *in_sg;
    struct iovec *out_sg;
} VirtQueueElement;

typedef void (*VirtIOHandleOutput)(VirtIODevice *vdev, VirtQueue *vq);

#define TYPE_VIRTIO_DEVICE "virtio-device"
OBJECT_DECLARE_TYPE(VirtIODevice, VirtioDeviceClass, VIRTIO_DEVICE)

struct VirtIODevice {
    DeviceState parent_obj;
    const char *name;
    uint8_t status;
    uint8_t isr;
    uint16_t queue_sel;
    uint64_t guest_features;
    uint64_t host_features;
    uint64_t backend_features;
    size_t config_len;
    void *config;
    uint16_t config_vector;
    uint32_t generation;
    int nvectors;
    VirtQueue *vq;
    uint16_t device_id;
    bool vm_running;
    /* virtio_error() was called: ignore the guest until reset. */
    bool broken;
    bool started;
    bool use_started;
    bool disable_legacy_check;
    /*
     * The device interrupts from threads other than the main loop (an
     * iothread): the transport gives its queues guest notifiers even
     * without KVM irqfd.
     */
    bool use_guest_notifiers;
    /*
     * Set by a device model with iothread=: host notifiers (ioeventfd)
     * are handled in that thread instead of the main loop.
     */
    IOThread *iothread;
    QEMUBH *notify_bh;      /* queue interrupts deferred to the main loop */
    /* Legacy guests may only use the old ring layout and little endian. */
    AddressSpace *dma_as;
    VMChangeStateEntry *vmstate;
    char *bus_name;
};

struct VirtioDeviceClass {
    DeviceClass parent;

    /* Realize/unrealize of the device model itself (QEMU's names). */
    DeviceRealize realize;
    DeviceUnrealize unrealize;
    uint64_t (*get_features)(VirtIODevice *vdev, uint64_t requested_features,
                             Error **errp);
    uint64_t (*bad_features)(VirtIODevice *vdev);
    void (*set_features)(VirtIODevice *vdev, uint64_t val);
    int (*validate_features)(VirtIODevice *vdev);
    void (*get_config)(VirtIODevice *vdev, uint8_t *config);
    void (*set_config)(VirtIODevice *vdev, const uint8_t *config);
    void (*reset)(VirtIODevice *vdev);
    void (*set_status)(VirtIODevice *vdev, uint8_t val);
    /* Features every device has (indirect, event idx ...) */
};

void virtio_init(VirtIODevice *vdev, uint16_t device_id, size_t config_size);
void virtio_cleanup(VirtIODevice *vdev);

VirtQueue *virtio_add_queue(VirtIODevice *vdev, int queue_size,
                            VirtIOHandleOutput handle_output);
void virtio_del_queue(VirtIODevice *vdev, int n);
void virtio_delete_queue(VirtQueue *vq);

/*
 * Take the next available chain.  Returns a g_malloc'd element of at
 * least @sz bytes (VirtQueueElement first), NULL if the ring is empty
 * or the chain is malformed (then the device is marked broken with
 * virtio_error()).
 */
void *virtqueue_pop(VirtQueue *vq, size_t sz);
void virtqueue_push(VirtQueue *vq, const VirtQueueElement *elem,
                    unsigned int len);
void virtqueue_fill(VirtQueue *vq, const VirtQueueElement *elem,
                    unsigned int len, unsigned int idx);
void virtqueue_flush(VirtQueue *vq, unsigned int count);
/* Unmap without returning it to the guest (e.g. on error). */
void virtqueue_detach_element(VirtQueue *vq, const VirtQueueElement *elem,
                              unsigned int len);
void virtqueue_unpop(VirtQueue *vq, const VirtQueueElement *elem,
                     unsigned int len);
bool virtqueue_rewind(VirtQueue *vq, unsigned int num);
int virtio_queue_empty(VirtQueue *vq);
int virtio_queue_ready(VirtQueue *vq);
void virtio_queue_set_notification(VirtQueue *vq, int enable);
/* Interrupt the guest for @vq unless suppressed (NO_INTERRUPT/event idx). */
void virtio_notify(VirtIODevice *vdev, VirtQueue *vq);
bool virtio_should_notify(VirtIODevice *vdev, VirtQueue *vq);
void virtio_notify_config(VirtIODevice *vdev);
/* Log, set NEEDS_RESET (VERSION_1) and stop processing until reset. */
void virtio_error(VirtIODevice *vdev, const char *fmt, ...)
    G_GNUC_PRINTF(2, 3);

int virtio_set_status(VirtIODevice *vdev, uint8_t val);
void virtio_reset(void *opaque);
void virtio_update_irq(VirtIODevice *vdev);
int virtio_set_features(VirtIODevice *vdev, uint64_t val);

uint32_t virtio_config_readb(VirtIODevice *vdev, uint32_t addr);
uint32_t virtio_config_readw(VirtIODevice *vdev, uint32_t addr);
uint32_t virtio_config_readl(VirtIODevice *vdev, uint32_t addr);
void virtio_config_writeb(VirtIODevice *vdev, uint32_t addr, uint32_t data);
void virtio_config_writew(VirtIODevice *vdev, uint32_t addr, uint32_t data);
void virtio_config_writel(VirtIODevice *vdev, uint32_t addr, uint32_t data);
uint32_t virtio_config_modern_readb(VirtIODevice *vdev, uint32_t addr);
uint32_t virtio_config_modern_readw(VirtIODevice *vdev, uint32_t addr);
uint32_t virtio_config_modern_readl(VirtIODevice *vdev, uint32_t addr);
void virtio_config_modern_writeb(VirtIODevice *vdev, uint32_t addr,
                                 uint32_t data);
void virtio_config_modern_writew(VirtIODevice *vdev, uint32_t addr,
                                 uint32_t data);
void virtio_config_modern_writel(VirtIODevice *vdev, uint32_t addr,
                                 uint32_t data);

void virtio_queue_set_addr(VirtIODevice *vdev, int n, hwaddr addr);
hwaddr virtio_queue_get_addr(VirtIODevice *vdev, int n);
void virtio_queue_set_num(VirtIODevice *vdev, int n, int num);
int virtio_queue_get_num(VirtIODevice *vdev, int n);
int virtio_queue_get_max_num(VirtIODevice *vdev, int n);
int virtio_get_num_queues(VirtIODevice *vdev);
void virtio_queue_set_rings(VirtIODevice *vdev, int n, hwaddr desc,
                            hwaddr avail, hwaddr used);
void virtio_queue_update_rings(VirtIODevice *vdev, int n);
hwaddr virtio_queue_get_desc_addr(VirtIODevice *vdev, int n);
hwaddr virtio_queue_get_avail_addr(VirtIODevice *vdev, int n);
hwaddr virtio_queue_get_used_addr(VirtIODevice *vdev, int n);
void virtio_queue_set_vector(VirtIODevice *vdev, int n, uint16_t vector);
uint16_t virtio_queue_vector(VirtIODevice *vdev, int n);
void virtio_queue_notify(VirtIODevice *vdev, int n);
void virtio_queue_enable(VirtIODevice *vdev, uint32_t queue_index);
VirtQueue *virtio_get_queue(VirtIODevice *vdev, int n);
int virtio_get_queue_index(VirtQueue *vq);
VirtIODevice *virtio_queue_get_vdev(VirtQueue *vq);
EventNotifier *virtio_queue_get_host_notifier(VirtQueue *vq);
void virtio_queue_host_notifier_read(EventNotifier *n);

/*
 * Guest notifiers (set up by the transport, see virtio-pci): with one
 * on, virtio_notify() only writes the queue's eventfd, which KVM turns
 * into the MSI-X interrupt (irqfd) or a main-loop handler delivers
 * through the transport (masked vector -> pending bit, or INTx).
 * virtio_notify() may then be called from any thread.
 */
int virtio_queue_set_guest_notifier(VirtQueue *vq, bool assign);
bool virtio_queue_guest_notifier_on(VirtQueue *vq);
EventNotifier *virtio_queue_get_guest_notifier(VirtQueue *vq);
/* Handler on the main loop (@assign and !@with_irqfd) or none. */
void virtio_queue_set_guest_notifier_fd_handler(VirtQueue *vq, bool assign,
                                                bool with_irqfd);
void virtio_queue_guest_notifier_read(EventNotifier *n);
void virtio_notify_irqfd(VirtIODevice *vdev, VirtQueue *vq);
/* Elements currently popped and not yet pushed. */
unsigned int virtio_queue_inuse(VirtQueue *vq);

static inline bool virtio_has_feature(uint64_t features, unsigned int fbit)
{
    return !!(features & (1ULL << fbit));
}

static inline bool virtio_vdev_has_feature(VirtIODevice *vdev,
                                           unsigned int fbit)
{
    return virtio_has_feature(vdev->guest_features, fbit);
}

static inline bool virtio_host_has_feature(VirtIODevice *vdev,
                                           unsigned int fbit)
{
    return virtio_has_feature(vdev->host_features, fbit);
}

static inline void virtio_add_feature(uint64_t *features, unsigned int fbit)
{
    *features |= 1ULL << fbit;
}

static inline void virtio_clear_feature(uint64_t *features, unsigned int fbit)
{
    *features &= ~(1ULL << fbit);
}

static inline bool virtio_is_big_endian(VirtIODevice *vdev)
{
    return false;   /* x86 host and guest: legacy is little endian too */
}

/* Properties common to every virtio device (the transport's features). */
#define DEFINE_VIRTIO_COMMON_FEATURES(_state, _field) \
    DEFINE_PROP_BIT64("indirect_desc", _state, _field, \
                      VIRTIO_RING_F_INDIRECT_DESC, true), \
    DEFINE_PROP_BIT64("event_idx", _state, _field, \
                      VIRTIO_RING_F_EVENT_IDX, true), \
    DEFINE_PROP_BIT64("notify_on_empty", _state, _field, \
                      VIRTIO_F_NOTIFY_ON_EMPTY, true), \
    DEFINE_PROP_BIT64("any_layout", _state, _field, \
                      VIRTIO_F_ANY_LAYOUT, true), \
    DEFINE_PROP_BIT64("iommu_platform", _state, _field, \
                      VIRTIO_F_ACCESS_PLATFORM, false), \
    DEFINE_PROP_BIT64("packed", _state, _field, \
                      VIRTIO_F_RING_PACKED, false)

#endif
