/*
 * "virtio-serial-pci" (alias "virtio-serial"): virtio-pci proxy around
 * a "virtio-serial-device" child.  PCI 1af4:1003 (transitional) /
 * 1043, class 0x0780.  The child's port bus is "<id>.0" when the proxy
 * has an id, as in QEMU, so that bus=<id>.0 works for the ports.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/module.h"
#include "hw/qdev-properties.h"
#include "hw/pci/pci_ids.h"
#include "hw/virtio/virtio-pci.h"
#include "hw/virtio/virtio-serial.h"

#define TYPE_VIRTIO_SERIAL_PCI "virtio-serial-pci-base"
#define PCI_DEVICE_ID_VIRTIO_CONSOLE 0x1003

typedef struct VirtIOSerialPCI {
    VirtIOPCIProxy parent_obj;
    VirtIOSerial vdev;
} VirtIOSerialPCI;

#define VIRTIO_SERIAL_PCI(obj) \
    OBJECT_CHECK(VirtIOSerialPCI, (obj), TYPE_VIRTIO_SERIAL_PCI)

static Property virtio_serial_pci_properties[] = {
    DEFINE_PROP_UINT32("class", VirtIOPCIProxy, class_code, 0),
    DEFINE_PROP_UINT32("vectors", VirtIOPCIProxy, nvectors,
                       DEV_NVECTORS_UNSPECIFIED),
    DEFINE_PROP_END_OF_LIST(),
};

static void virtio_serial_pci_realize(VirtIOPCIProxy *vpci_dev, Error **errp)
{
    VirtIOSerialPCI *dev = VIRTIO_SERIAL_PCI(vpci_dev);
    DeviceState *vdev = DEVICE(&dev->vdev);
    DeviceState *proxy = DEVICE(vpci_dev);

    if (vpci_dev->class_code != PCI_CLASS_COMMUNICATION_OTHER &&
        vpci_dev->class_code != PCI_CLASS_DISPLAY_OTHER && /* qemu 0.10 */
        vpci_dev->class_code != PCI_CLASS_OTHERS) {        /* qemu-kvm  */
        vpci_dev->class_code = PCI_CLASS_COMMUNICATION_OTHER;
    }
    /* backwards-compatibility with machines that were created with
       DEV_NVECTORS_UNSPECIFIED: one vector per queue plus config. */
    if (vpci_dev->nvectors == DEV_NVECTORS_UNSPECIFIED) {
        vpci_dev->nvectors = dev->vdev.serial.max_virtserial_ports + 1;
    }
    if (proxy->id) {
        g_free(dev->vdev.parent_obj.bus_name);
        dev->vdev.parent_obj.bus_name = g_strdup_printf("%s.0", proxy->id);
    }
    qdev_realize(vdev, BUS(&vpci_dev->bus), errp);
}

static void virtio_serial_pci_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    VirtioPCIClass *k = VIRTIO_PCI_CLASS(klass);
    PCIDeviceClass *pcidev_k = PCI_DEVICE_CLASS(klass);

    k->realize = virtio_serial_pci_realize;
    set_bit(DEVICE_CATEGORY_INPUT, dc->categories);
    dc->desc = "Virtio serial bus";
    device_class_set_props(dc, virtio_serial_pci_properties);
    pcidev_k->vendor_id = 0x1af4;
    pcidev_k->device_id = PCI_DEVICE_ID_VIRTIO_CONSOLE;
    pcidev_k->revision = 0;
    pcidev_k->class_id = PCI_CLASS_COMMUNICATION_OTHER;
}

static void virtio_serial_pci_instance_init(Object *obj)
{
    VirtIOSerialPCI *dev = VIRTIO_SERIAL_PCI(obj);

    virtio_instance_init_common(obj, &dev->vdev, sizeof(dev->vdev),
                                TYPE_VIRTIO_SERIAL);
}

static const VirtioPCIDeviceTypeInfo virtio_serial_pci_info = {
    .base_name = TYPE_VIRTIO_SERIAL_PCI,
    .generic_name = "virtio-serial-pci",
    .instance_size = sizeof(VirtIOSerialPCI),
    .instance_init = virtio_serial_pci_instance_init,
    .class_init = virtio_serial_pci_class_init,
    .class_size = sizeof(VirtioPCIClass),
};

static void virtio_serial_pci_register(void)
{
    virtio_pci_types_register(&virtio_serial_pci_info);
}

type_init(virtio_serial_pci_register)
