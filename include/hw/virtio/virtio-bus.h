/*
 * TYPE_VIRTIO_BUS: the one-slot bus between a transport (virtio-pci
 * proxy) and its VirtIODevice.  The transport's bus class supplies the
 * callbacks the core uses to interrupt the guest and wire notifiers.
 */
#ifndef HW_VIRTIO_BUS_H
#define HW_VIRTIO_BUS_H

#include "hw/qdev-core.h"
#include "hw/virtio/virtio.h"

#define TYPE_VIRTIO_BUS "virtio-bus"
OBJECT_DECLARE_TYPE(VirtioBusState, VirtioBusClass, VIRTIO_BUS)

struct VirtioBusState {
    BusState parent_obj;
    /* host notifiers (ioeventfd) currently wired */
    bool ioeventfd_started;
    int ioeventfd_grabbed;
};

struct VirtioBusClass {
    BusClass parent;
    /* Raise the interrupt of @vector (MSI-X) or INTx per the ISR. */
    void (*notify)(DeviceState *d, uint16_t vector);
    /* Device plugged: the transport sets up features/BARs. */
    void (*pre_plugged)(DeviceState *d, Error **errp);
    void (*device_plugged)(DeviceState *d, Error **errp);
    void (*device_unplugged)(DeviceState *d);
    int (*query_nvectors)(DeviceState *d);
    bool (*ioeventfd_enabled)(DeviceState *d);
    int (*ioeventfd_assign)(DeviceState *d, EventNotifier *notifier,
                            int n, bool assign);
    AddressSpace *(*get_dma_as)(DeviceState *d);
    /* Guest-visible: whether the transport uses the modern interface. */
    bool has_variable_vring_alignment;
};

/* Realize the device model on @bus, then tell the transport. */
void virtio_bus_device_plugged(VirtIODevice *vdev, Error **errp);
void virtio_bus_reset(VirtioBusState *bus);
void virtio_bus_device_unplugged(VirtIODevice *vdev);
VirtIODevice *virtio_bus_get_device(VirtioBusState *bus);
uint16_t virtio_bus_get_vdev_id(VirtioBusState *bus);
size_t virtio_bus_get_vdev_config_len(VirtioBusState *bus);
/* Host notifiers (ioeventfd): start/stop all queues' handlers. */
int virtio_bus_start_ioeventfd(VirtioBusState *bus);
void virtio_bus_stop_ioeventfd(VirtioBusState *bus);
bool virtio_bus_ioeventfd_enabled(VirtioBusState *bus);
int virtio_bus_set_host_notifier(VirtioBusState *bus, int n, bool assign);

#endif
