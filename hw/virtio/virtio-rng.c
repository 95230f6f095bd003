/*
 * virtio-rng: the guest posts device-writable buffers on its single
 * queue; we fill them with entropy from an RngBackend.  At most
 * max-bytes are handed out per period (ms); a timer refills the quota.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/iov.h"
#include "qemu/module.h"
#include "qom/object_interfaces.h"
#include "hw/qdev-properties.h"
#include "hw/virtio/virtio-rng.h"

static bool is_guest_ready(VirtIORNG *vrng)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(vrng);

    return virtio_queue_ready(vrng->vq) &&
           (vdev->status & VIRTIO_CONFIG_S_DRIVER_OK) && !vdev->broken;
}

/* Writable bytes of the next chain (0 when the queue is empty). */
static size_t get_request_size(VirtQueue *vq)
{
    VirtQueueElement *elem = virtqueue_pop(vq, sizeof(VirtQueueElement));
    size_t size;

    if (!elem) {
        return 0;
    }
    size = iov_size(elem->in_sg, elem->in_num);
    virtqueue_unpop(vq, elem, 0);
    g_free(elem);
    return size;
}

static void virtio_rng_process(VirtIORNG *vrng);

static void chr_read(void *opaque, const void *buf, size_t size)
{
    VirtIORNG *vrng = opaque;
    VirtIODevice *vdev = VIRTIO_DEVICE(vrng);
    size_t offset = 0;

    vrng->pending = false;
    if (!is_guest_ready(vrng)) {
        return;
    }
    /* The timer starts with the first bytes given out in a period. */
    if (vrng->activate_timer) {
        timer_mod(vrng->rate_limit_timer,
                  qemu_clock_get_ms(QEMU_CLOCK_VIRTUAL) +
                  vrng->conf.period_ms);
        vrng->activate_timer = false;
    }
    while (offset < size) {
        VirtQueueElement *elem = virtqueue_pop(vrng->vq,
                                               sizeof(VirtQueueElement));
        size_t len;

        if (!elem) {
            break;
        }
        len = iov_from_buf(elem->in_sg, elem->in_num, 0,
                           (const uint8_t *)buf + offset, size - offset);
        offset += len;
        virtqueue_push(vrng->vq, elem, len);
        g_free(elem);
    }
    vrng->quota_remaining -= offset;
    virtio_notify(vdev, vrng->vq);
    virtio_rng_process(vrng);
}

static void virtio_rng_process(VirtIORNG *vrng)
{
    size_t size;

    if (!is_guest_ready(vrng) || vrng->pending) {
        return;
    }
    if (vrng->quota_remaining <= 0) {
        return;
    }
    size = get_request_size(vrng->vq);
    size = MIN(vrng->quota_remaining, size);
    if (size) {
        vrng->pending = true;
        rng_backend_request_entropy(vrng->rng, size, chr_read, vrng);
    }
}

static void handle_input(VirtIODevice *vdev, VirtQueue *vq)
{
    virtio_rng_process(VIRTIO_RNG(vdev));
}

static void check_rate_limit(void *opaque)
{
    VirtIORNG *vrng = opaque;

    vrng->quota_remaining = vrng->conf.max_bytes;
    vrng->activate_timer = true;
    virtio_rng_process(vrng);
}

static uint64_t get_features(VirtIODevice *vdev, uint64_t f, Error **errp)
{
    return f;
}

static void virtio_rng_set_status(VirtIODevice *vdev, uint8_t status)
{
    VirtIORNG *vrng = VIRTIO_RNG(vdev);

    if (status & VIRTIO_CONFIG_S_DRIVER_OK) {
        virtio_rng_process(vrng);
    }
}

static void virtio_rng_reset(VirtIODevice *vdev)
{
    VirtIORNG *vrng = VIRTIO_RNG(vdev);

    /* Entropy asked for by the old driver must not reach the new one. */
    rng_backend_cancel_requests(vrng->rng);
    vrng->pending = false;
}

static void virtio_rng_device_realize(DeviceState *dev, Error **errp)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(dev);
    VirtIORNG *vrng = VIRTIO_RNG(dev);

    if (vrng->conf.period_ms <= 0) {
        error_setg(errp, "'period' parameter expects a positive integer");
        return;
    }
    /* Limit everything to INT64_MAX bytes so the quota cannot wrap. */
    if (vrng->conf.max_bytes > INT64_MAX) {
        error_setg(errp, "'max-bytes' parameter must be non-negative, "
                   "and less than 2^63");
        return;
    }
    if (vrng->conf.rng == NULL) {
        Object *default_backend = object_new(TYPE_RNG_BUILTIN);

        if (!user_creatable_complete(USER_CREATABLE(default_backend),
                                     errp)) {
            object_unref(default_backend);
            return;
        }
        object_property_add_child(OBJECT(dev), "default-backend",
                                  default_backend);
        /* The child property holds the reference now. */
        object_unref(default_backend);
        vrng->rng = RNG_BACKEND(default_backend);
    } else {
        vrng->rng = vrng->conf.rng;
        if (!vrng->rng->opened) {
            error_setg(errp, "rng back end '%s' is not opened",
                       object_get_canonical_path_component(OBJECT(vrng->rng)));
            return;
        }
    }
    virtio_init(vdev, VIRTIO_ID_RNG, 0);
    vrng->vq = virtio_add_queue(vdev, 8, handle_input);
    vrng->quota_remaining = vrng->conf.max_bytes;
    vrng->rate_limit_timer = timer_new_ms(QEMU_CLOCK_VIRTUAL,
                                          check_rate_limit, vrng);
    vrng->activate_timer = true;
}

static void virtio_rng_device_unrealize(DeviceState *dev)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(dev);
    VirtIORNG *vrng = VIRTIO_RNG(dev);

    rng_backend_cancel_requests(vrng->rng);
    timer_free(vrng->rate_limit_timer);
    virtio_del_queue(vdev, 0);
    virtio_cleanup(vdev);
}

static Property virtio_rng_properties[] = {
    /*
     * Default: no limit (INT64_MAX bytes per 2^16 ms), as QEMU; a
     * guest flooding the host is limited by its own throughput.
     */
    DEFINE_PROP_UINT64("max-bytes", VirtIORNG, conf.max_bytes, INT64_MAX),
    DEFINE_PROP_UINT32("period", VirtIORNG, conf.period_ms, 1 << 16),
    DEFINE_PROP_LINK("rng", VirtIORNG, conf.rng, TYPE_RNG_BACKEND,
                     RngBackend *),
    DEFINE_PROP_END_OF_LIST(),
};

static void virtio_rng_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_CLASS(klass);

    device_class_set_props(dc, virtio_rng_properties);
    set_bit(DEVICE_CATEGORY_MISC, dc->categories);
    vdc->realize = virtio_rng_device_realize;
    vdc->unrealize = virtio_rng_device_unrealize;
    vdc->get_features = get_features;
    vdc->set_status = virtio_rng_set_status;
    vdc->reset = virtio_rng_reset;
}

static const TypeInfo virtio_rng_info = {
    .name = TYPE_VIRTIO_RNG,
    .parent = TYPE_VIRTIO_DEVICE,
    .instance_size = sizeof(VirtIORNG),
    .class_init = virtio_rng_class_init,
};

static void virtio_register_types(void)
{
    type_register_static(&virtio_rng_info);
}

type_init(virtio_register_types)
