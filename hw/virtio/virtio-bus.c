/*
 * TYPE_VIRTIO_BUS: connects one VirtIODevice to its transport.  Plugging
 * computes the device's host features and lets the transport build its
 * guest interface; host notifiers (ioeventfd) are started and stopped
 * here for all queues.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/main-loop.h"
#include "qemu/module.h"
#include "hw/virtio/virtio.h"
#include "hw/virtio/virtio-bus.h"
#include "sysemu/iothread.h"

void virtio_bus_device_plugged(VirtIODevice *vdev, Error **errp)
{
    DeviceState *qdev = DEVICE(vdev);
    BusState *qbus = qdev_get_parent_bus(qdev);
    VirtioBusState *bus = VIRTIO_BUS(qbus);
    VirtioBusClass *klass = VIRTIO_BUS_GET_CLASS(bus);
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_GET_CLASS(vdev);
    Error *local_err = NULL;

    if (klass->pre_plugged) {
        klass->pre_plugged(qbus->parent, &local_err);
        if (local_err) {
            error_propagate(errp, local_err);
            return;
        }
    }
    /* The transport's features plus what the device model offers. */
    vdev->host_features = vdc->get_features ?
        vdc->get_features(vdev, vdev->host_features, &local_err) :
        vdev->host_features;
    if (local_err) {
        error_propagate(errp, local_err);
        return;
    }
    if (klass->device_plugged) {
        klass->device_plugged(qbus->parent, &local_err);
        if (local_err) {
            error_propagate(errp, local_err);
            return;
        }
    }
    vdev->dma_as = klass->get_dma_as ? klass->get_dma_as(qbus->parent) :
                   NULL;
}

void virtio_bus_device_unplugged(VirtIODevice *vdev)
{
    BusState *qbus = qdev_get_parent_bus(DEVICE(vdev));
    VirtioBusClass *klass = VIRTIO_BUS_GET_CLASS(qbus);

    if (klass->device_unplugged) {
        klass->device_unplugged(qbus->parent);
    }
}

VirtIODevice *virtio_bus_get_device(VirtioBusState *bus)
{
    BusChild *kid = QTAILQ_FIRST(&BUS(bus)->children);

    return kid ? (VirtIODevice *)object_dynamic_cast(OBJECT(kid->child),
                                                     TYPE_VIRTIO_DEVICE) : NULL;
}

void virtio_bus_reset(VirtioBusState *bus)
{
    VirtIODevice *vdev = virtio_bus_get_device(bus);

    virtio_bus_stop_ioeventfd(bus);
    if (vdev) {
        virtio_reset(vdev);
    }
}

uint16_t virtio_bus_get_vdev_id(VirtioBusState *bus)
{
    VirtIODevice *vdev = virtio_bus_get_device(bus);

    return vdev ? vdev->device_id : 0;
}

size_t virtio_bus_get_vdev_config_len(VirtioBusState *bus)
{
    VirtIODevice *vdev = virtio_bus_get_device(bus);

    return vdev ? vdev->config_len : 0;
}

bool virtio_bus_ioeventfd_enabled(VirtioBusState *bus)
{
    VirtioBusClass *k = VIRTIO_BUS_GET_CLASS(bus);
    DeviceState *proxy = BUS(bus)->parent;

    return k->ioeventfd_assign && k->ioeventfd_enabled &&
           k->ioeventfd_enabled(proxy);
}

static void host_notifier_fd_read(void *opaque)
{
    virtio_queue_host_notifier_read(opaque);
}

typedef struct HostNotifierIOThread {
    IOThread *iothread;
    EventNotifier *notifier;
} HostNotifierIOThread;

static void host_notifier_iothread_add(void *opaque)
{
    HostNotifierIOThread *h = opaque;

    iothread_set_fd_handler(h->iothread, event_notifier_get_fd(h->notifier),
                            host_notifier_fd_read, h->notifier);
}

static void host_notifier_iothread_del(void *opaque)
{
    HostNotifierIOThread *h = opaque;

    iothread_set_fd_handler(h->iothread, event_notifier_get_fd(h->notifier),
                            NULL, NULL);
}

static void host_notifier_iothread_flush(void *opaque)
{
    virtio_queue_host_notifier_read(opaque);
}

int virtio_bus_set_host_notifier(VirtioBusState *bus, int n, bool assign)
{
    VirtioBusClass *k = VIRTIO_BUS_GET_CLASS(bus);
    DeviceState *proxy = BUS(bus)->parent;
    VirtIODevice *vdev = virtio_bus_get_device(bus);
    VirtQueue *vq = virtio_get_queue(vdev, n);
    EventNotifier *notifier = virtio_queue_get_host_notifier(vq);
    HostNotifierIOThread h = { vdev->iothread, notifier };
    int r;

    if (assign) {
        r = event_notifier_init(notifier, 1);
        if (r < 0) {
            error_report("%s: unable to init event notifier: %s (%d)",
                         __func__, strerror(-r), r);
            return r;
        }
        r = k->ioeventfd_assign(proxy, notifier, n, true);
        if (r < 0) {
            event_notifier_cleanup(notifier);
            return r;
        }
        if (vdev->iothread) {
            iothread_run_sync(vdev->iothread, host_notifier_iothread_add, &h);
        } else {
            qemu_set_fd_handler(event_notifier_get_fd(notifier),
                                host_notifier_fd_read, NULL, notifier);
        }
        /* A kick that raced with the switch is in the notifier already. */
        return 0;
    }
    if (vdev->iothread) {
        iothread_run_sync(vdev->iothread, host_notifier_iothread_del, &h);
    } else {
        qemu_set_fd_handler(event_notifier_get_fd(notifier), NULL, NULL,
                            NULL);
    }
    k->ioeventfd_assign(proxy, notifier, n, false);
    /* Process what arrived while switching back to MMIO notification. */
    if (vdev->iothread) {
        iothread_run_sync(vdev->iothread, host_notifier_iothread_flush,
                          notifier);
    } else {
        virtio_queue_host_notifier_read(notifier);
    }
    event_notifier_cleanup(notifier);
    return 0;
}

int virtio_bus_start_ioeventfd(VirtioBusState *bus)
{
    VirtIODevice *vdev = virtio_bus_get_device(bus);
    int n, r;

    if (!vdev || bus->ioeventfd_started ||
        !virtio_bus_ioeventfd_enabled(bus)) {
        return 0;
    }
    for (n = 0; n < virtio_get_num_queues(vdev); n++) {
        if (!virtio_queue_get_num(vdev, n)) {
            continue;
        }
        r = virtio_bus_set_host_notifier(bus, n, true);
        if (r < 0) {
            while (--n >= 0) {
                if (virtio_queue_get_num(vdev, n)) {
                    virtio_bus_set_host_notifier(bus, n, false);
                }
            }
            error_report("%s: failed. Fallback to userspace (slower).",
                         vdev->name);
            return r;
        }
    }
    bus->ioeventfd_started = true;
    return 0;
}

void virtio_bus_stop_ioeventfd(VirtioBusState *bus)
{
    VirtIODevice *vdev = virtio_bus_get_device(bus);
    int n;

    if (!vdev || !bus->ioeventfd_started) {
        return;
    }
    for (n = 0; n < virtio_get_num_queues(vdev); n++) {
        if (virtio_queue_get_num(vdev, n)) {
            virtio_bus_set_host_notifier(bus, n, false);
        }
    }
    bus->ioeventfd_started = false;
}

static const TypeInfo virtio_bus_info = {
    .name = TYPE_VIRTIO_BUS,
    .parent = TYPE_BUS,
    .instance_size = sizeof(VirtioBusState),
    .abstract = true,
    .class_size = sizeof(VirtioBusClass),
};

static void virtio_bus_register_types(void)
{
    type_register_static(&virtio_bus_info);
}

type_init(virtio_bus_register_types)
