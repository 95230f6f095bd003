/*
 * "virtio-balloon-pci" (alias "virtio-balloon"): virtio-pci proxy around
 * a "virtio-balloon-device" child.  PCI 1af4:1002 (transitional) / 1045.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/module.h"
#include "hw/qdev-properties.h"
#include "hw/pci/pci_ids.h"
#include "hw/virtio/virtio-pci.h"
#include "hw/virtio/virtio-balloon.h"

#define TYPE_VIRTIO_BALLOON_PCI "virtio-balloon-pci-base"
#define PCI_DEVICE_ID_VIRTIO_BALLOON 0x1002

typedef struct VirtIOBalloonPCI {
    VirtIOPCIProxy parent_obj;
    VirtIOBalloon vdev;
} VirtIOBalloonPCI;

#define VIRTIO_BALLOON_PCI(obj) \
    OBJECT_CHECK(VirtIOBalloonPCI, (obj), TYPE_VIRTIO_BALLOON_PCI)

static Property virtio_balloon_pci_properties[] = {
    DEFINE_PROP_UINT32("vectors", VirtIOPCIProxy, nvectors,
                       DEV_NVECTORS_UNSPECIFIED),
    DEFINE_PROP_END_OF_LIST(),
};

static void virtio_balloon_pci_realize(VirtIOPCIProxy *vpci_dev, Error **errp)
{
    VirtIOBalloonPCI *dev = VIRTIO_BALLOON_PCI(vpci_dev);

    if (vpci_dev->nvectors == DEV_NVECTORS_UNSPECIFIED) {
        vpci_dev->nvectors = 2;
    }
    qdev_realize(DEVICE(&dev->vdev), BUS(&vpci_dev->bus), errp);
}

static void virtio_balloon_pci_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    VirtioPCIClass *k = VIRTIO_PCI_CLASS(klass);
    PCIDeviceClass *pcidev_k = PCI_DEVICE_CLASS(klass);

    k->realize = virtio_balloon_pci_realize;
    set_bit(DEVICE_CATEGORY_MISC, dc->categories);
    dc->desc = "Virtio memory balloon";
    device_class_set_props(dc, virtio_balloon_pci_properties);
    pcidev_k->vendor_id = 0x1af4;
    pcidev_k->device_id = PCI_DEVICE_ID_VIRTIO_BALLOON;
    pcidev_k->revision = 0;
    pcidev_k->class_id = PCI_CLASS_OTHERS;
}

static void virtio_balloon_pci_instance_init(Object *obj)
{
    VirtIOBalloonPCI *dev = VIRTIO_BALLOON_PCI(obj);

    virtio_instance_init_common(obj, &dev->vdev, sizeof(dev->vdev),
                                TYPE_VIRTIO_BALLOON);
    /* Read-only, so the common code does not alias it; QEMU does. */
    object_property_add_alias(obj, "guest-stats", OBJECT(&dev->vdev),
                              "guest-stats");
}

static const VirtioPCIDeviceTypeInfo virtio_balloon_pci_info = {
    .base_name = TYPE_VIRTIO_BALLOON_PCI,
    .generic_name = "virtio-balloon-pci",
    .instance_size = sizeof(VirtIOBalloonPCI),
    .instance_init = virtio_balloon_pci_instance_init,
    .class_init = virtio_balloon_pci_class_init,
    .class_size = sizeof(VirtioPCIClass),
};

static void virtio_balloon_pci_register(void)
{
    virtio_pci_types_register(&virtio_balloon_pci_info);
}

type_init(virtio_balloon_pci_register)
