/*
 * -nic / -net nic become PCI devices here, once the board's PCI bus
 * exists.  Any PCI device type in the network category is a valid
 * model, so new NIC models need no registration.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/help_option.h"
#include "hw/qdev-core.h"
#include "qemu/bitops.h"
#include "hw/net/pci-nic.h"

static bool pci_nic_model_ok(const char *model)
{
    ObjectClass *oc = object_class_by_name(model);

    if (!oc || object_class_is_abstract(oc) ||
        !object_class_dynamic_cast(oc, TYPE_PCI_DEVICE)) {
        return false;
    }
    return test_bit(DEVICE_CATEGORY_NETWORK, DEVICE_CLASS(oc)->categories);
}

PCIDevice *pci_nic_init_nofail(NICInfo *nd, PCIBus *rootbus,
                               const char *default_model,
                               const char *default_devaddr)
{
    const char *devaddr = nd->devaddr ? nd->devaddr : default_devaddr;
    PCIDevice *pci_dev;
    DeviceState *dev;
    int devfn = -1;

    if (!nd->model) {
        nd->model = g_strdup(default_model);
    }
    if (!strcmp(nd->model, "virtio")) {
        /* QEMU's short name for the virtio NIC */
        g_free(nd->model);
        nd->model = g_strdup("virtio-net-pci");
    }
    if (!pci_nic_model_ok(nd->model)) {
        error_report("Unsupported NIC model: %s", nd->model);
        exit(1);
    }
    if (devaddr) {
        devfn = pci_parse_devfn(devaddr);
        if (devfn < 0) {
            error_report("Invalid PCI device address %s for device %s",
                         devaddr, nd->model);
            exit(1);
        }
    }
    pci_dev = pci_new(devfn, nd->model);
    dev = DEVICE(pci_dev);
    qdev_set_nic_properties(dev, nd);
    pci_realize_and_unref(pci_dev, rootbus, &error_fatal);
    return pci_dev;
}

int pci_nic_create_pending(PCIBus *bus, const char *default_model)
{
    int i, n = 0;

    for (i = 0; i < nb_nics; i++) {
        NICInfo *nd = &nd_table[i];

        if (nd->used && !nd->instantiated) {
            pci_nic_init_nofail(nd, bus, default_model, NULL);
            n++;
        }
    }
    return n;
}
