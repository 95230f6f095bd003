/*
 * "virtio-rng-pci" (alias "virtio-rng"): virtio-pci proxy around a
 * "virtio-rng-device" child.  PCI 1af4:1005 (transitional) / 1044.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/module.h"
#include "hw/qdev-properties.h"
#include "hw/pci/pci_ids.h"
#include "hw/virtio/virtio-pci.h"
#include "hw/virtio/virtio-rng.h"

#define TYPE_VIRTIO_RNG_PCI "virtio-rng-pci-base"
#define PCI_DEVICE_ID_VIRTIO_RNG 0x1005

typedef struct VirtIORngPCI {
    VirtIOPCIProxy parent_obj;
    VirtIORNG vdev;
} VirtIORngPCI;

#define VIRTIO_RNG_PCI(obj) \
    OBJECT_CHECK(VirtIORngPCI, (obj), TYPE_VIRTIO_RNG_PCI)

static Property virtio_rng_pci_properties[] = {
    DEFINE_PROP_UINT32("vectors", VirtIOPCIProxy, nvectors,
                       DEV_NVECTORS_UNSPECIFIED),
    DEFINE_PROP_END_OF_LIST(),
};

static void virtio_rng_pci_realize(VirtIOPCIProxy *vpci_dev, Error **errp)
{
    VirtIORngPCI *vrng = VIRTIO_RNG_PCI(vpci_dev);

    if (vpci_dev->nvectors == DEV_NVECTORS_UNSPECIFIED) {
        vpci_dev->nvectors = 2;
    }
    qdev_realize(DEVICE(&vrng->vdev), BUS(&vpci_dev->bus), errp);
}

static void virtio_rng_pci_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    VirtioPCIClass *k = VIRTIO_PCI_CLASS(klass);
    PCIDeviceClass *pcidev_k = PCI_DEVICE_CLASS(klass);

    k->realize = virtio_rng_pci_realize;
    set_bit(DEVICE_CATEGORY_MISC, dc->categories);
    dc->desc = "Virtio RNG";
    device_class_set_props(dc, virtio_rng_pci_properties);
    pcidev_k->vendor_id = 0x1af4;
    pcidev_k->device_id = PCI_DEVICE_ID_VIRTIO_RNG;
    pcidev_k->revision = 0;
    pcidev_k->class_id = PCI_CLASS_OTHERS;
}

static void virtio_rng_pci_instance_init(Object *obj)
{
    VirtIORngPCI *dev = VIRTIO_RNG_PCI(obj);

    virtio_instance_init_common(obj, &dev->vdev, sizeof(dev->vdev),
                                TYPE_VIRTIO_RNG);
}

static const VirtioPCIDeviceTypeInfo virtio_rng_pci_info = {
    .base_name = TYPE_VIRTIO_RNG_PCI,
    .generic_name = "virtio-rng-pci",
    .instance_size = sizeof(VirtIORngPCI),
    .instance_init = virtio_rng_pci_instance_init,
    .class_init = virtio_rng_pci_class_init,
    .class_size = sizeof(VirtioPCIClass),
};

static void virtio_rng_pci_register(void)
{
    virtio_pci_types_register(&virtio_rng_pci_info);
}

type_init(virtio_rng_pci_register)
