/*
 * "virtio-net-pci" (alias "virtio-net"): virtio-pci proxy around a
 * "virtio-net-device" child.  PCI 1af4:1000 (legacy/transitional) or
 * 1af4:1041 (modern only), class Ethernet.  -nic model=virtio-net-pci
 * and -net nic,model=virtio create it through hw/net/pci-nic.c.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/module.h"
#include "hw/qdev-properties.h"
#include "hw/pci/pci_ids.h"
#include "hw/virtio/virtio-pci.h"
#include "hw/virtio/virtio-net.h"

#define TYPE_VIRTIO_NET_PCI "virtio-net-pci-base"
#define PCI_DEVICE_ID_VIRTIO_NET 0x1000

typedef struct VirtIONetPCI {
    VirtIOPCIProxy parent_obj;
    VirtIONet vdev;
} VirtIONetPCI;

#define VIRTIO_NET_PCI(obj) \
    OBJECT_CHECK(VirtIONetPCI, (obj), TYPE_VIRTIO_NET_PCI)

static Property virtio_net_pci_properties[] = {
    /* QEMU's default: rx, tx and config (set vectors=2N+2 for mq). */
    DEFINE_PROP_UINT32("vectors", VirtIOPCIProxy, nvectors, 3),
    DEFINE_PROP_END_OF_LIST(),
};

static void virtio_net_pci_realize(VirtIOPCIProxy *vpci_dev, Error **errp)
{
    DeviceState *qdev = DEVICE(vpci_dev);
    VirtIONetPCI *dev = VIRTIO_NET_PCI(vpci_dev);

    virtio_net_set_netclient_name(&dev->vdev, qdev->id,
                                  object_get_typename(OBJECT(qdev)));
    qdev_realize(DEVICE(&dev->vdev), BUS(&vpci_dev->bus), errp);
}

static void virtio_net_pci_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    VirtioPCIClass *k = VIRTIO_PCI_CLASS(klass);
    PCIDeviceClass *pcidev_k = PCI_DEVICE_CLASS(klass);

    k->realize = virtio_net_pci_realize;
    set_bit(DEVICE_CATEGORY_NETWORK, dc->categories);
    dc->desc = "Virtio network device";
    device_class_set_props(dc, virtio_net_pci_properties);
    pcidev_k->vendor_id = 0x1af4;
    pcidev_k->device_id = PCI_DEVICE_ID_VIRTIO_NET;
    pcidev_k->revision = 0;
    pcidev_k->class_id = PCI_CLASS_NETWORK_ETHERNET;
}

static void virtio_net_pci_instance_init(Object *obj)
{
    VirtIONetPCI *dev = VIRTIO_NET_PCI(obj);

    virtio_instance_init_common(obj, &dev->vdev, sizeof(dev->vdev),
                                TYPE_VIRTIO_NET);
}

static const VirtioPCIDeviceTypeInfo virtio_net_pci_info = {
    .base_name = TYPE_VIRTIO_NET_PCI,
    .generic_name = "virtio-net-pci",
    .instance_size = sizeof(VirtIONetPCI),
    .instance_init = virtio_net_pci_instance_init,
    .class_init = virtio_net_pci_class_init,
    .class_size = sizeof(VirtioPCIClass),
};

static void virtio_net_pci_register(void)
{
    virtio_pci_types_register(&virtio_net_pci_info);
}

type_init(virtio_net_pci_register)
