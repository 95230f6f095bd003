/*
 * VirtIO core: split virtqueues, feature negotiation, status and config
 * space.  Every access to the rings and buffers goes through the
 * device's DMA address space with bounds checks: rings must lie in
 * guest RAM, buffers are mapped with address_space_map() (RAM only), and
 * anything malformed marks the device broken via virtio_error() instead
 * of touching host memory.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/atomic.h"
#include "qemu/bswap.h"
#include "qemu/main-loop.h"
#include "qemu/module.h"
#include "hw/qdev-properties.h"
#include "hw/virtio/virtio.h"
#include "hw/virtio/virtio-bus.h"
#include "sysemu/iothread.h"
#include "exec/address-spaces.h"

/* Longest chain/iovec we accept, as QEMU's VIRTQUEUE_MAX_SIZE. */
#define VIRTQUEUE_MAX_SIZE 1024

typedef struct VRingDescRaw {
    uint64_t addr;
    uint32_t len;
    uint16_t flags;
    uint16_t next;
} QEMU_PACKED VRingDescRaw;

struct VirtQueue {
    VirtIODevice *vdev;
    uint16_t queue_index;
    unsigned int num;
    unsigned int num_default;
    hwaddr desc, avail, used;
    bool rings_checked;
    bool rings_ok;
    bool enabled;
    uint16_t last_avail_idx;
    uint16_t shadow_avail_idx;
    uint16_t used_idx;
    uint16_t signalled_used;
    bool signalled_used_valid;
    bool notification;
    bool pending_notify;
    unsigned int inuse;
    uint16_t vector;
    VirtIOHandleOutput handle_output;
    EventNotifier host_notifier;
    /*
     * Guest notifier: when set up by the transport, interrupting the
     * guest is writing this eventfd (from any thread); KVM's irqfd or
     * a main-loop handler (virtio_queue_guest_notifier_read) turns it
     * into the interrupt.
     */
    EventNotifier guest_notifier;
    bool guest_notifier_on;
    bool notify_deferred;   /* interrupt owed by a non-BQL thread */
};

/* ---- guest memory ------------------------------------------------- */

static AddressSpace *vdev_as(VirtIODevice *vdev)
{
    return vdev->dma_as ? vdev->dma_as : &address_space_memory;
}

/* Whether [addr, addr+len) is one piece of guest RAM. */
static bool vring_range_in_ram(VirtIODevice *vdev, hwaddr addr, hwaddr len)
{
    hwaddr l = len;
    void *p;

    if (addr + len < addr) {
        return false;
    }
    p = address_space_map(vdev_as(vdev), addr, &l, false,
                          MEMTXATTRS_UNSPECIFIED);
    if (!p) {
        return false;
    }
    address_space_unmap(vdev_as(vdev), p, l, false, 0);
    return l == len;
}

static size_t vring_avail_size(VirtQueue *vq)
{
    return 4 + 2 * vq->num + 2;
}

static size_t vring_used_size(VirtQueue *vq)
{
    return 4 + 8 * vq->num + 2;
}

/* Rings are checked once per (re)configuration, not on every access. */
static bool vring_check(VirtQueue *vq)
{
    VirtIODevice *vdev = vq->vdev;

    if (!vq->rings_checked) {
        vq->rings_checked = true;
        vq->rings_ok =
            vring_range_in_ram(vdev, vq->desc, 16 * (hwaddr)vq->num) &&
            vring_range_in_ram(vdev, vq->avail, vring_avail_size(vq)) &&
            vring_range_in_ram(vdev, vq->used, vring_used_size(vq));
        if (!vq->rings_ok) {
            virtio_error(vdev, "virtqueue %u: rings are not in guest RAM "
                         "(desc 0x%" HWADDR_PRIx ", avail 0x%" HWADDR_PRIx
                         ", used 0x%" HWADDR_PRIx ")", vq->queue_index,
                         vq->desc, vq->avail, vq->used);
        }
    }
    return vq->rings_ok;
}

static uint16_t vring_lduw(VirtQueue *vq, hwaddr addr)
{
    uint8_t b[2] = { 0 };

    address_space_read(vdev_as(vq->vdev), addr, MEMTXATTRS_UNSPECIFIED, b, 2);
    return lduw_le_p(b);
}

static void vring_stw(VirtQueue *vq, hwaddr addr, uint16_t val)
{
    uint8_t b[2];

    stw_le_p(b, val);
    address_space_write(vdev_as(vq->vdev), addr, MEMTXATTRS_UNSPECIFIED, b, 2);
}

static void vring_stl(VirtQueue *vq, hwaddr addr, uint32_t val)
{
    uint8_t b[4];

    stl_le_p(b, val);
    address_space_write(vdev_as(vq->vdev), addr, MEMTXATTRS_UNSPECIFIED, b, 4);
}

static uint16_t vring_avail_flags(VirtQueue *vq)
{
    return vring_lduw(vq, vq->avail);
}

static uint16_t vring_avail_idx(VirtQueue *vq)
{
    vq->shadow_avail_idx = vring_lduw(vq, vq->avail + 2);
    return vq->shadow_avail_idx;
}

static uint16_t vring_avail_ring(VirtQueue *vq, unsigned int i)
{
    return vring_lduw(vq, vq->avail + 4 + 2 * i);
}

static uint16_t vq_used_event(VirtQueue *vq)
{
    return vring_avail_ring(vq, vq->num);
}

static void vq_set_avail_event(VirtQueue *vq, uint16_t val)
{
    vring_stw(vq, vq->used + 4 + 8 * vq->num, val);
}

static void vring_used_flags_update(VirtQueue *vq, uint16_t set,
                                    uint16_t clear)
{
    uint16_t flags = vring_lduw(vq, vq->used);

    vring_stw(vq, vq->used, (flags | set) & ~clear);
}

/* ---- notification suppression ------------------------------------ */

void virtio_queue_set_notification(VirtQueue *vq, int enable)
{
    vq->notification = enable;
    if (!vq->desc || !vring_check(vq)) {
        return;
    }
    if (virtio_vdev_has_feature(vq->vdev, VIRTIO_RING_F_EVENT_IDX)) {
        vq_set_avail_event(vq, vring_avail_idx(vq));
    } else if (enable) {
        vring_used_flags_update(vq, 0, VRING_USED_F_NO_NOTIFY);
    } else {
        vring_used_flags_update(vq, VRING_USED_F_NO_NOTIFY, 0);
    }
    if (enable) {
        /* Expose avail event/flags before checking avail idx. */
        smp_mb();
    }
}

int virtio_queue_ready(VirtQueue *vq)
{
    return vq->desc != 0;
}

int virtio_queue_empty(VirtQueue *vq)
{
    if (!vq->desc || vq->vdev->broken || !vring_check(vq)) {
        return 1;
    }
    if (vq->shadow_avail_idx != vq->last_avail_idx) {
        return 0;
    }
    return vring_avail_idx(vq) == vq->last_avail_idx;
}

/* ---- popping chains ------------------------------------------------- */

typedef struct ChainBuilder {
    struct iovec iov[VIRTQUEUE_MAX_SIZE];
    hwaddr addr[VIRTQUEUE_MAX_SIZE];
    unsigned int out_num, in_num;
} ChainBuilder;

static void chain_unmap(VirtIODevice *vdev, ChainBuilder *cb)
{
    unsigned int i;

    for (i = 0; i < cb->out_num + cb->in_num; i++) {
        address_space_unmap(vdev_as(vdev), cb->iov[i].iov_base,
                            cb->iov[i].iov_len, i >= cb->out_num, 0);
    }
}

/* Map one descriptor's buffer (may take several iovecs). */
static bool chain_map_desc(VirtIODevice *vdev, ChainBuilder *cb, hwaddr pa,
                           uint32_t len, bool is_write)
{
    if (!len) {
        virtio_error(vdev, "virtio: zero sized buffers are not allowed");
        return false;
    }
    if (!is_write && cb->in_num) {
        virtio_error(vdev, "Incorrect order for descriptors "
                     "(device-readable after device-writable)");
        return false;
    }
    while (len) {
        hwaddr l = len;
        unsigned int n = cb->out_num + cb->in_num;
        void *p;

        if (n >= VIRTQUEUE_MAX_SIZE) {
            virtio_error(vdev, "virtio: too many write descriptors in "
                         "indirect table");
            return false;
        }
        p = address_space_map(vdev_as(vdev), pa, &l, is_write,
                              MEMTXATTRS_UNSPECIFIED);
        if (!p || !l) {
            virtio_error(vdev, "virtio: bogus descriptor or out of resources "
                         "(address 0x%" HWADDR_PRIx " is not guest RAM)", pa);
            return false;
        }
        cb->iov[n].iov_base = p;
        cb->iov[n].iov_len = l;
        cb->addr[n] = pa;
        if (is_write) {
            cb->in_num++;
        } else {
            cb->out_num++;
        }
        pa += l;
        len -= l;
    }
    return true;
}

static bool read_desc(VirtIODevice *vdev, hwaddr table, unsigned int i,
                      VRingDescRaw *d)
{
    uint8_t raw[16];

    if (address_space_read(vdev_as(vdev), table + 16 * (hwaddr)i,
                           MEMTXATTRS_UNSPECIFIED, raw, 16) != MEMTX_OK) {
        virtio_error(vdev, "virtio: descriptor table unreadable");
        return false;
    }
    d->addr = ldq_le_p(raw);
    d->len = ldl_le_p(raw + 8);
    d->flags = lduw_le_p(raw + 12);
    d->next = lduw_le_p(raw + 14);
    return true;
}

static void *chain_to_elem(ChainBuilder *cb, size_t sz)
{
    VirtQueueElement *elem;
    size_t in_addr_ofs = QEMU_ALIGN_UP(sz, __alignof__(hwaddr));
    size_t out_addr_ofs = in_addr_ofs + cb->in_num * sizeof(hwaddr);
    size_t out_addr_end = out_addr_ofs + cb->out_num * sizeof(hwaddr);
    size_t in_sg_ofs = QEMU_ALIGN_UP(out_addr_end, __alignof__(struct iovec));
    size_t out_sg_ofs = in_sg_ofs + cb->in_num * sizeof(struct iovec);
    size_t out_sg_end = out_sg_ofs + cb->out_num * sizeof(struct iovec);

    assert(sz >= sizeof(VirtQueueElement));
    elem = g_malloc0(out_sg_end);
    elem->out_num = cb->out_num;
    elem->in_num = cb->in_num;
    elem->in_addr = (void *)elem + in_addr_ofs;
    elem->out_addr = (void *)elem + out_addr_ofs;
    elem->in_sg = (void *)elem + in_sg_ofs;
    elem->out_sg = (void *)elem + out_sg_ofs;
    memcpy(elem->out_sg, cb->iov, cb->out_num * sizeof(struct iovec));
    memcpy(elem->out_addr, cb->addr, cb->out_num * sizeof(hwaddr));
    memcpy(elem->in_sg, cb->iov + cb->out_num,
           cb->in_num * sizeof(struct iovec));
    memcpy(elem->in_addr, cb->addr + cb->out_num,
           cb->in_num * sizeof(hwaddr));
    return elem;
}

void *virtqueue_pop(VirtQueue *vq, size_t sz)
{
    VirtIODevice *vdev = vq->vdev;
    g_autofree ChainBuilder *cb = NULL;
    VirtQueueElement *elem;
    VRingDescRaw desc;
    hwaddr table;
    unsigned int head, i, max, ndescs = 0;
    uint16_t avail_idx;
    bool indirect = false;

    if (vdev->broken || virtio_queue_empty(vq)) {
        return NULL;
    }
    /* Read the ring entry only after seeing the index move. */
    smp_rmb();
    avail_idx = vq->shadow_avail_idx;
    if ((uint16_t)(avail_idx - vq->last_avail_idx) > vq->num) {
        virtio_error(vdev, "Guest moved used index from %u to %u",
                     vq->last_avail_idx, avail_idx);
        return NULL;
    }
    if (vq->inuse >= vq->num) {
        virtio_error(vdev, "Virtqueue size exceeded");
        return NULL;
    }
    head = vring_avail_ring(vq, vq->last_avail_idx % vq->num);
    if (head >= vq->num) {
        virtio_error(vdev, "Guest says index %u is available", head);
        return NULL;
    }
    vq->last_avail_idx++;
    if (virtio_vdev_has_feature(vdev, VIRTIO_RING_F_EVENT_IDX)) {
        vq_set_avail_event(vq, vq->last_avail_idx);
    }

    cb = g_new(ChainBuilder, 1);
    cb->out_num = cb->in_num = 0;
    table = vq->desc;
    max = vq->num;
    i = head;
    if (!read_desc(vdev, table, i, &desc)) {
        return NULL;
    }
    if (desc.flags & VRING_DESC_F_INDIRECT) {
        if (!desc.len || desc.len % 16) {
            virtio_error(vdev, "Invalid size for indirect buffer table");
            return NULL;
        }
        if (desc.len / 16 > VIRTQUEUE_MAX_SIZE ||
            !vring_range_in_ram(vdev, desc.addr, desc.len)) {
            virtio_error(vdev, "Invalid indirect buffer table at 0x%"
                         PRIx64 " (%u bytes)", desc.addr, desc.len);
            return NULL;
        }
        indirect = true;
        table = desc.addr;
        max = desc.len / 16;
        i = 0;
        if (!read_desc(vdev, table, i, &desc)) {
            return NULL;
        }
    }

    for (;;) {
        if (desc.flags & VRING_DESC_F_INDIRECT) {
            virtio_error(vdev, indirect ?
                         "Nested indirect descriptor" :
                         "Indirect descriptor in the middle of a chain");
            goto err;
        }
        if (++ndescs > max) {
            virtio_error(vdev, "Looped descriptor");
            goto err;
        }
        if (!chain_map_desc(vdev, cb, desc.addr, desc.len,
                            desc.flags & VRING_DESC_F_WRITE)) {
            goto err;
        }
        if (!(desc.flags & VRING_DESC_F_NEXT)) {
            break;
        }
        i = desc.next;
        if (i >= max) {
            virtio_error(vdev, "Desc next is %u", i);
            goto err;
        }
        if (!read_desc(vdev, table, i, &desc)) {
            goto err;
        }
    }

    elem = chain_to_elem(cb, sz);
    elem->index = head;
    elem->ndescs = 1;
    vq->inuse++;
    return elem;

err:
    chain_unmap(vdev, cb);
    return NULL;
}

static void virtqueue_unmap_sg(VirtQueue *vq, const VirtQueueElement *elem,
                               unsigned int len)
{
    AddressSpace *as = vdev_as(vq->vdev);
    unsigned int i, offset = 0;

    for (i = 0; i < elem->in_num; i++) {
        size_t size = MIN(len - offset, elem->in_sg[i].iov_len);

        address_space_unmap(as, elem->in_sg[i].iov_base,
                            elem->in_sg[i].iov_len, true, size);
        offset += size;
    }
    for (i = 0; i < elem->out_num; i++) {
        address_space_unmap(as, elem->out_sg[i].iov_base,
                            elem->out_sg[i].iov_len, false,
                            elem->out_sg[i].iov_len);
    }
}

void virtqueue_detach_element(VirtQueue *vq, const VirtQueueElement *elem,
                              unsigned int len)
{
    vq->inuse -= elem->ndescs;
    virtqueue_unmap_sg(vq, elem, len);
}

void virtqueue_unpop(VirtQueue *vq, const VirtQueueElement *elem,
                     unsigned int len)
{
    vq->last_avail_idx -= elem->ndescs;
    virtqueue_detach_element(vq, elem, len);
}

bool virtqueue_rewind(VirtQueue *vq, unsigned int num)
{
    if (num > vq->inuse) {
        return false;
    }
    vq->last_avail_idx -= num;
    vq->inuse -= num;
    return true;
}

void virtqueue_fill(VirtQueue *vq, const VirtQueueElement *elem,
                    unsigned int len, unsigned int idx)
{
    hwaddr e;

    virtqueue_unmap_sg(vq, elem, len);
    if (vq->vdev->broken || !vring_check(vq)) {
        return;
    }
    idx = (idx + vq->used_idx) % vq->num;
    e = vq->used + 4 + 8 * (hwaddr)idx;
    vring_stl(vq, e, elem->index);
    vring_stl(vq, e + 4, len);
}

void virtqueue_flush(VirtQueue *vq, unsigned int count)
{
    uint16_t old, new;

    if (vq->vdev->broken || !vring_check(vq)) {
        vq->inuse -= count;
        return;
    }
    /* Used entries must be visible before the index. */
    smp_wmb();
    old = vq->used_idx;
    new = old + count;
    vring_stw(vq, vq->used + 2, new);
    vq->used_idx = new;
    vq->inuse -= count;
    if ((uint16_t)(new - vq->signalled_used) < (uint16_t)(new - old)) {
        vq->signalled_used_valid = false;
    }
}

void virtqueue_push(VirtQueue *vq, const VirtQueueElement *elem,
                    unsigned int len)
{
    virtqueue_fill(vq, elem, len, 0);
    virtqueue_flush(vq, 1);
}

unsigned int virtio_queue_inuse(VirtQueue *vq)
{
    return vq->inuse;
}

/* ---- interrupts ------------------------------------------------------ */

static void virtio_notify_vector(VirtIODevice *vdev, uint16_t vector)
{
    BusState *qbus = qdev_get_parent_bus(DEVICE(vdev));
    VirtioBusClass *k = qbus ? VIRTIO_BUS_GET_CLASS(qbus) : NULL;

    if (vdev->broken && vector != vdev->config_vector) {
        return;
    }
    if (k && k->notify) {
        k->notify(qbus->parent, vector);
    }
}

void virtio_update_irq(VirtIODevice *vdev)
{
    virtio_notify_vector(vdev, VIRTIO_NO_VECTOR);
}

bool virtio_should_notify(VirtIODevice *vdev, VirtQueue *vq)
{
    uint16_t old, new;
    bool v;

    /* The used idx must be visible before reading flags/event. */
    smp_mb();
    if (virtio_vdev_has_feature(vdev, VIRTIO_F_NOTIFY_ON_EMPTY) &&
        !vq->inuse && virtio_queue_empty(vq)) {
        return true;
    }
    if (!virtio_vdev_has_feature(vdev, VIRTIO_RING_F_EVENT_IDX)) {
        return !(vring_avail_flags(vq) & VRING_AVAIL_F_NO_INTERRUPT);
    }
    v = vq->signalled_used_valid;
    vq->signalled_used_valid = true;
    old = vq->signalled_used;
    new = vq->signalled_used = vq->used_idx;
    return !v || vring_need_event(vq_used_event(vq), new, old);
}

void virtio_notify(VirtIODevice *vdev, VirtQueue *vq)
{
    if (vdev->broken || !vq->desc || !virtio_should_notify(vdev, vq)) {
        return;
    }
    qatomic_or(&vdev->isr, 1);
    if (qatomic_read(&vq->guest_notifier_on)) {
        event_notifier_set(&vq->guest_notifier);
        return;
    }
    if (!qemu_mutex_iothread_locked()) {
        /*
         * An iothread without guest notifiers: the transport needs the
         * BQL, which the iothread must never wait for; the main loop
         * delivers it.
         */
        qatomic_set(&vq->notify_deferred, true);
        qemu_bh_schedule(vdev->notify_bh);
        return;
    }
    virtio_notify_vector(vdev, vq->vector);
}

static void virtio_deferred_notify_bh(void *opaque)
{
    VirtIODevice *vdev = opaque;
    int i;

    for (i = 0; i < VIRTIO_QUEUE_MAX; i++) {
        if (qatomic_xchg(&vdev->vq[i].notify_deferred, false)) {
            virtio_notify_vector(vdev, vdev->vq[i].vector);
        }
    }
}

void virtio_notify_irqfd(VirtIODevice *vdev, VirtQueue *vq)
{
    virtio_notify(vdev, vq);
}

EventNotifier *virtio_queue_get_guest_notifier(VirtQueue *vq)
{
    return &vq->guest_notifier;
}

void virtio_queue_guest_notifier_read(EventNotifier *n)
{
    VirtQueue *vq = container_of(n, VirtQueue, guest_notifier);

    if (event_notifier_test_and_clear(n)) {
        virtio_notify_vector(vq->vdev, vq->vector);
    }
}

static void virtio_iothread_barrier(void *opaque)
{
}

static void guest_notifier_fd_read(void *opaque)
{
    virtio_queue_guest_notifier_read(opaque);
}

void virtio_queue_set_guest_notifier_fd_handler(VirtQueue *vq, bool assign,
                                                bool with_irqfd)
{
    int fd = event_notifier_get_fd(&vq->guest_notifier);

    if (assign && !with_irqfd) {
        qemu_set_fd_handler(fd, guest_notifier_fd_read, NULL,
                            &vq->guest_notifier);
    } else {
        qemu_set_fd_handler(fd, NULL, NULL, NULL);
    }
    if (!assign) {
        /* An event that raced with tear-down still interrupts the guest. */
        virtio_queue_guest_notifier_read(&vq->guest_notifier);
    }
}

int virtio_queue_set_guest_notifier(VirtQueue *vq, bool assign)
{
    int r;

    if (assign) {
        r = event_notifier_init(&vq->guest_notifier, 0);
        if (r < 0) {
            return r;
        }
        virtio_queue_set_guest_notifier_fd_handler(vq, true, false);
        qatomic_set(&vq->guest_notifier_on, true);
        return 0;
    }
    if (!vq->guest_notifier_on) {
        return 0;
    }
    qatomic_set(&vq->guest_notifier_on, false);
    if (vq->vdev->iothread && !iothread_is_self(vq->vdev->iothread)) {
        /*
         * The iothread may be inside virtio_notify() with the old flag:
         * let it finish before the eventfd is closed.
         */
        iothread_run_sync(vq->vdev->iothread, virtio_iothread_barrier, NULL);
    }
    virtio_queue_set_guest_notifier_fd_handler(vq, false, false);
    event_notifier_cleanup(&vq->guest_notifier);
    return 0;
}

bool virtio_queue_guest_notifier_on(VirtQueue *vq)
{
    return qatomic_read(&vq->guest_notifier_on);
}

void virtio_notify_config(VirtIODevice *vdev)
{
    if (!(vdev->status & VIRTIO_CONFIG_S_DRIVER_OK)) {
        return;
    }
    qatomic_or(&vdev->isr, 2);
    vdev->generation++;
    virtio_notify_vector(vdev, vdev->config_vector);
}

void virtio_error(VirtIODevice *vdev, const char *fmt, ...)
{
    va_list ap;
    g_autofree char *msg = NULL;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    error_report("%s: %s", vdev->name ? vdev->name : "virtio", msg);
    if (virtio_vdev_has_feature(vdev, VIRTIO_F_VERSION_1)) {
        vdev->status |= VIRTIO_CONFIG_S_NEEDS_RESET;
        virtio_notify_config(vdev);
    }
    vdev->broken = true;
}

/* ---- status, features, reset ---------------------------------------- */

int virtio_set_features(VirtIODevice *vdev, uint64_t val)
{
    VirtioDeviceClass *k = VIRTIO_DEVICE_GET_CLASS(vdev);
    bool bad = (val & ~vdev->host_features) != 0;

    /* Features are frozen once FEATURES_OK was accepted. */
    if (vdev->status & VIRTIO_CONFIG_S_FEATURES_OK) {
        return -EINVAL;
    }
    val &= vdev->host_features;
    if (k->set_features) {
        k->set_features(vdev, val);
    }
    vdev->guest_features = val;
    return bad ? -1 : 0;
}

int virtio_set_status(VirtIODevice *vdev, uint8_t val)
{
    VirtioDeviceClass *k = VIRTIO_DEVICE_GET_CLASS(vdev);

    if (virtio_vdev_has_feature(vdev, VIRTIO_F_VERSION_1) &&
        !(vdev->status & VIRTIO_CONFIG_S_FEATURES_OK) &&
        (val & VIRTIO_CONFIG_S_FEATURES_OK)) {
        if (k->validate_features && k->validate_features(vdev) < 0) {
            return -EINVAL;
        }
    }
    if (k->set_status) {
        k->set_status(vdev, val);
    }
    /* NEEDS_RESET is the device's, the guest cannot set or clear it. */
    vdev->status = (val & ~VIRTIO_CONFIG_S_NEEDS_RESET) |
                   (vdev->status & VIRTIO_CONFIG_S_NEEDS_RESET);
    vdev->started = val & VIRTIO_CONFIG_S_DRIVER_OK;
    return 0;
}

static void virtio_queue_reset_one(VirtQueue *vq)
{
    vq->desc = vq->avail = vq->used = 0;
    vq->rings_checked = false;
    vq->enabled = false;
    vq->last_avail_idx = vq->shadow_avail_idx = vq->used_idx = 0;
    vq->signalled_used = 0;
    vq->signalled_used_valid = false;
    vq->notification = true;
    vq->pending_notify = false;
    vq->vector = VIRTIO_NO_VECTOR;
    vq->num = vq->num_default;
    vq->inuse = 0;
}

void virtio_reset(void *opaque)
{
    VirtIODevice *vdev = opaque;
    VirtioDeviceClass *k = VIRTIO_DEVICE_GET_CLASS(vdev);
    int i;

    if (k->set_status) {
        k->set_status(vdev, 0);
    }
    if (k->reset) {
        k->reset(vdev);
    }
    vdev->broken = false;
    vdev->started = false;
    vdev->guest_features = 0;
    vdev->queue_sel = 0;
    vdev->status = 0;
    qatomic_set(&vdev->isr, 0);
    vdev->config_vector = VIRTIO_NO_VECTOR;
    virtio_notify_vector(vdev, vdev->config_vector);
    for (i = 0; i < VIRTIO_QUEUE_MAX; i++) {
        virtio_queue_reset_one(&vdev->vq[i]);
    }
}

/* ---- config space ---------------------------------------------------- */

static bool config_access(VirtIODevice *vdev, uint32_t addr, unsigned size)
{
    VirtioDeviceClass *k = VIRTIO_DEVICE_GET_CLASS(vdev);

    if ((uint64_t)addr + size > vdev->config_len) {
        return false;
    }
    if (k->get_config) {
        k->get_config(vdev, vdev->config);
    }
    return true;
}

static void config_written(VirtIODevice *vdev)
{
    VirtioDeviceClass *k = VIRTIO_DEVICE_GET_CLASS(vdev);

    if (k->set_config) {
        k->set_config(vdev, vdev->config);
    }
}

uint32_t virtio_config_readb(VirtIODevice *vdev, uint32_t addr)
{
    return config_access(vdev, addr, 1) ? ldub_p(vdev->config + addr) : -1;
}

uint32_t virtio_config_readw(VirtIODevice *vdev, uint32_t addr)
{
    return config_access(vdev, addr, 2) ?
           lduw_le_p(vdev->config + addr) : -1;
}

uint32_t virtio_config_readl(VirtIODevice *vdev, uint32_t addr)
{
    return config_access(vdev, addr, 4) ? ldl_le_p(vdev->config + addr) : -1;
}

void virtio_config_writeb(VirtIODevice *vdev, uint32_t addr, uint32_t data)
{
    if (config_access(vdev, addr, 1)) {
        stb_p(vdev->config + addr, data);
        config_written(vdev);
    }
}

void virtio_config_writew(VirtIODevice *vdev, uint32_t addr, uint32_t data)
{
    if (config_access(vdev, addr, 2)) {
        stw_le_p(vdev->config + addr, data);
        config_written(vdev);
    }
}

void virtio_config_writel(VirtIODevice *vdev, uint32_t addr, uint32_t data)
{
    if (config_access(vdev, addr, 4)) {
        stl_le_p(vdev->config + addr, data);
        config_written(vdev);
    }
}

/* x86 only: legacy config is little endian too, so both are the same. */
uint32_t virtio_config_modern_readb(VirtIODevice *vdev, uint32_t addr)
{
    return virtio_config_readb(vdev, addr);
}

uint32_t virtio_config_modern_readw(VirtIODevice *vdev, uint32_t addr)
{
    return virtio_config_readw(vdev, addr);
}

uint32_t virtio_config_modern_readl(VirtIODevice *vdev, uint32_t addr)
{
    return virtio_config_readl(vdev, addr);
}

void virtio_config_modern_writeb(VirtIODevice *vdev, uint32_t addr,
                                 uint32_t data)
{
    virtio_config_writeb(vdev, addr, data);
}

void virtio_config_modern_writew(VirtIODevice *vdev, uint32_t addr,
                                 uint32_t data)
{
    virtio_config_writew(vdev, addr, data);
}

void virtio_config_modern_writel(VirtIODevice *vdev, uint32_t addr,
                                 uint32_t data)
{
    virtio_config_writel(vdev, addr, data);
}

/* ---- queue configuration -------------------------------------------- */

static bool queue_index_ok(int n)
{
    return n >= 0 && n < VIRTIO_QUEUE_MAX;
}

void virtio_queue_set_rings(VirtIODevice *vdev, int n, hwaddr desc,
                            hwaddr avail, hwaddr used)
{
    VirtQueue *vq;

    if (!queue_index_ok(n) || !vdev->vq[n].num) {
        return;
    }
    vq = &vdev->vq[n];
    vq->desc = desc;
    vq->avail = avail;
    vq->used = used;
    vq->rings_checked = false;
}

void virtio_queue_update_rings(VirtIODevice *vdev, int n)
{
    VirtQueue *vq = &vdev->vq[n];

    if (!vq->num || !vq->desc) {
        return;
    }
    vq->avail = vq->desc + 16 * (hwaddr)vq->num;
    vq->used = QEMU_ALIGN_UP(vq->avail + 4 + 2 * (hwaddr)vq->num + 2,
                             VIRTIO_PCI_VRING_ALIGN);
    vq->rings_checked = false;
}

void virtio_queue_set_addr(VirtIODevice *vdev, int n, hwaddr addr)
{
    if (!queue_index_ok(n) || !vdev->vq[n].num) {
        return;
    }
    vdev->vq[n].desc = addr;
    virtio_queue_update_rings(vdev, n);
}

hwaddr virtio_queue_get_addr(VirtIODevice *vdev, int n)
{
    return queue_index_ok(n) ? vdev->vq[n].desc : 0;
}

hwaddr virtio_queue_get_desc_addr(VirtIODevice *vdev, int n)
{
    return virtio_queue_get_addr(vdev, n);
}

hwaddr virtio_queue_get_avail_addr(VirtIODevice *vdev, int n)
{
    return queue_index_ok(n) ? vdev->vq[n].avail : 0;
}

hwaddr virtio_queue_get_used_addr(VirtIODevice *vdev, int n)
{
    return queue_index_ok(n) ? vdev->vq[n].used : 0;
}

void virtio_queue_set_num(VirtIODevice *vdev, int n, int num)
{
    /* Don't allow queues to appear or disappear, or exceed the max. */
    if (!queue_index_ok(n) || !!num != !!vdev->vq[n].num ||
        num > VIRTQUEUE_MAX_SIZE || num < 0) {
        return;
    }
    vdev->vq[n].num = num;
    vdev->vq[n].rings_checked = false;
}

int virtio_queue_get_num(VirtIODevice *vdev, int n)
{
    return queue_index_ok(n) ? vdev->vq[n].num : 0;
}

int virtio_queue_get_max_num(VirtIODevice *vdev, int n)
{
    return queue_index_ok(n) ? vdev->vq[n].num_default : 0;
}

int virtio_get_num_queues(VirtIODevice *vdev)
{
    int i;

    for (i = 0; i < VIRTIO_QUEUE_MAX; i++) {
        if (!vdev->vq[i].num_default) {
            break;
        }
    }
    return i;
}

void virtio_queue_set_vector(VirtIODevice *vdev, int n, uint16_t vector)
{
    if (queue_index_ok(n)) {
        vdev->vq[n].vector = vector;
    }
}

uint16_t virtio_queue_vector(VirtIODevice *vdev, int n)
{
    return queue_index_ok(n) ? vdev->vq[n].vector : VIRTIO_NO_VECTOR;
}

void virtio_queue_enable(VirtIODevice *vdev, uint32_t queue_index)
{
    if (queue_index < VIRTIO_QUEUE_MAX) {
        vdev->vq[queue_index].enabled = true;
    }
}

VirtQueue *virtio_get_queue(VirtIODevice *vdev, int n)
{
    return vdev->vq + n;
}

int virtio_get_queue_index(VirtQueue *vq)
{
    return vq->queue_index;
}

VirtIODevice *virtio_queue_get_vdev(VirtQueue *vq)
{
    return vq->vdev;
}

EventNotifier *virtio_queue_get_host_notifier(VirtQueue *vq)
{
    return &vq->host_notifier;
}

static void virtio_queue_notify_vq(VirtQueue *vq)
{
    VirtIODevice *vdev = vq->vdev;

    if (!vq->desc || vdev->broken || !vq->handle_output) {
        return;
    }
    if (!vdev->vm_running) {
        /* Stopped (e.g. werror=stop): handle it when the VM runs again. */
        vq->pending_notify = true;
        return;
    }
    vq->handle_output(vdev, vq);
}

void virtio_queue_notify(VirtIODevice *vdev, int n)
{
    if (queue_index_ok(n)) {
        virtio_queue_notify_vq(&vdev->vq[n]);
    }
}

void virtio_queue_host_notifier_read(EventNotifier *n)
{
    VirtQueue *vq = container_of(n, VirtQueue, host_notifier);

    if (event_notifier_test_and_clear(n)) {
        virtio_queue_notify_vq(vq);
    }
}

VirtQueue *virtio_add_queue(VirtIODevice *vdev, int queue_size,
                            VirtIOHandleOutput handle_output)
{
    int i;

    for (i = 0; i < VIRTIO_QUEUE_MAX; i++) {
        if (!vdev->vq[i].num_default) {
            break;
        }
    }
    if (i == VIRTIO_QUEUE_MAX || queue_size > VIRTQUEUE_MAX_SIZE) {
        abort();    /* a device model bug, not guest input */
    }
    vdev->vq[i].num = vdev->vq[i].num_default = queue_size;
    vdev->vq[i].handle_output = handle_output;
    return &vdev->vq[i];
}

void virtio_delete_queue(VirtQueue *vq)
{
    vq->num = vq->num_default = 0;
    vq->handle_output = NULL;
}

void virtio_del_queue(VirtIODevice *vdev, int n)
{
    if (queue_index_ok(n)) {
        virtio_delete_queue(&vdev->vq[n]);
    }
}

/* ---- life cycle ------------------------------------------------------ */

static void virtio_vmstate_change(void *opaque, bool running, RunState state)
{
    VirtIODevice *vdev = opaque;
    int i;

    vdev->vm_running = running;
    if (!running) {
        return;
    }
    for (i = 0; i < VIRTIO_QUEUE_MAX && vdev->vq[i].num_default; i++) {
        if (vdev->vq[i].pending_notify) {
            vdev->vq[i].pending_notify = false;
            virtio_queue_notify_vq(&vdev->vq[i]);
        }
    }
}

void virtio_init(VirtIODevice *vdev, uint16_t device_id, size_t config_size)
{
    int i;

    vdev->device_id = device_id;
    vdev->status = 0;
    vdev->isr = 0;
    vdev->queue_sel = 0;
    vdev->config_vector = VIRTIO_NO_VECTOR;
    vdev->vq = g_new0(VirtQueue, VIRTIO_QUEUE_MAX);
    vdev->vm_running = runstate_is_running();
    vdev->broken = false;
    for (i = 0; i < VIRTIO_QUEUE_MAX; i++) {
        vdev->vq[i].vector = VIRTIO_NO_VECTOR;
        vdev->vq[i].vdev = vdev;
        vdev->vq[i].queue_index = i;
        vdev->vq[i].notification = true;
    }
    vdev->name = object_get_typename(OBJECT(vdev));
    vdev->config_len = config_size;
    vdev->config = config_size ? g_malloc0(config_size) : NULL;
    vdev->vmstate = qemu_add_vm_change_state_handler(virtio_vmstate_change,
                                                     vdev);
    vdev->notify_bh = qemu_bh_new(virtio_deferred_notify_bh, vdev);
}

void virtio_cleanup(VirtIODevice *vdev)
{
    qemu_bh_delete(vdev->notify_bh);
    vdev->notify_bh = NULL;
    if (vdev->vmstate) {
        qemu_del_vm_change_state_handler(vdev->vmstate);
        vdev->vmstate = NULL;
    }
    g_free(vdev->config);
    vdev->config = NULL;
    g_free(vdev->vq);
    vdev->vq = NULL;
}

static void virtio_device_realize(DeviceState *dev, Error **errp)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(dev);
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_GET_CLASS(dev);
    Error *err = NULL;

    /* The device model first, then the transport (device_plugged). */
    if (vdc->realize) {
        vdc->realize(dev, &err);
        if (err) {
            error_propagate(errp, err);
            return;
        }
    }
    virtio_bus_device_plugged(vdev, &err);
    if (err) {
        error_propagate(errp, err);
        if (vdc->unrealize) {
            vdc->unrealize(dev);
        }
    }
}

static void virtio_device_unrealize(DeviceState *dev)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(dev);
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_GET_CLASS(dev);

    virtio_bus_device_unplugged(vdev);
    if (vdc->unrealize) {
        vdc->unrealize(dev);
    }
}

static Property virtio_properties[] = {
    DEFINE_VIRTIO_COMMON_FEATURES(VirtIODevice, host_features),
    DEFINE_PROP_END_OF_LIST(),
};

static void virtio_device_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    device_class_set_props(dc, virtio_properties);
    dc->realize = virtio_device_realize;
    dc->unrealize = virtio_device_unrealize;
    dc->bus_type = TYPE_VIRTIO_BUS;
}

static const TypeInfo virtio_device_info = {
    .name = TYPE_VIRTIO_DEVICE,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(VirtIODevice),
    .class_init = virtio_device_class_init,
    .abstract = true,
    .class_size = sizeof(VirtioDeviceClass),
};

static void virtio_register_types(void)
{
    type_register_static(&virtio_device_info);
}

type_init(virtio_register_types)
