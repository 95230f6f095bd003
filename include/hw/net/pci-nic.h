/*
 * Creating the NICs of -nic / -net nic (nd_table) on a board's PCI bus.
 * A board calls pci_nic_init_nofail() for each nd_table entry (or
 * pci_nic_create_pending() for all of them) after its PCI bus exists.
 */
#ifndef HW_NET_PCI_NIC_H
#define HW_NET_PCI_NIC_H

#include "hw/pci/pci.h"
#include "net/net.h"

/* Exits with QEMU's "Unsupported NIC model: X" for unknown models. */
PCIDevice *pci_nic_init_nofail(NICInfo *nd, PCIBus *rootbus,
                               const char *default_model,
                               const char *default_devaddr);
/* Every used, not yet created nd_table entry; returns how many. */
int pci_nic_create_pending(PCIBus *bus, const char *default_model);

#endif
