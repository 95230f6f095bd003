/* MSI-X capability with its vector table and pending-bit array. */
#ifndef HW_PCI_MSIX_H
#define HW_PCI_MSIX_H

#include "hw/pci/pci.h"

int msix_init(PCIDevice *dev, unsigned short nentries,
              MemoryRegion *table_bar, uint8_t table_bar_nr,
              unsigned table_offset, MemoryRegion *pba_bar,
              uint8_t pba_bar_nr, unsigned pba_offset, uint8_t cap_pos,
              Error **errp);
/* Table and PBA in a BAR of their own (4 KiB aligned halves). */
int msix_init_exclusive_bar(PCIDevice *dev, unsigned short nentries,
                            uint8_t bar_nr, Error **errp);
void msix_uninit(PCIDevice *dev, MemoryRegion *table_bar,
                 MemoryRegion *pba_bar);
void msix_uninit_exclusive_bar(PCIDevice *dev);

void msix_write_config(PCIDevice *dev, uint32_t address, uint32_t val,
                       int len);
int msix_present(PCIDevice *dev);
bool msix_enabled(PCIDevice *dev);
bool msix_is_masked(PCIDevice *dev, unsigned vector);
bool msix_is_pending(PCIDevice *dev, unsigned vector);
void msix_set_pending(PCIDevice *dev, unsigned vector);
void msix_clr_pending(PCIDevice *dev, int vector);
int msix_vector_use(PCIDevice *dev, unsigned vector);
void msix_vector_unuse(PCIDevice *dev, unsigned vector);
void msix_unuse_all_vectors(PCIDevice *dev);
void msix_notify(PCIDevice *dev, unsigned vector);
void msix_reset(PCIDevice *dev);
MSIMessage msix_get_message(PCIDevice *dev, unsigned int vector);
unsigned int msix_nr_vectors_allocated(const PCIDevice *dev);

/*
 * Vector notifiers, for users that deliver a vector without calling
 * msix_notify (KVM irqfd): @use when a used vector becomes unmasked or
 * its message changes while unmasked (return <0 to refuse), @release
 * when it becomes masked, @poll (optional) to report pending events of
 * masked vectors in [start, end) with msix_set_pending.  Setting them
 * calls @use for every used unmasked vector (undone on failure).
 */
typedef int (*MSIVectorUseNotifier)(PCIDevice *dev, unsigned int vector,
                                    MSIMessage msg);
typedef void (*MSIVectorReleaseNotifier)(PCIDevice *dev, unsigned int vector);
typedef void (*MSIVectorPollNotifier)(PCIDevice *dev,
                                      unsigned int vector_start,
                                      unsigned int vector_end);
int msix_set_vector_notifiers(PCIDevice *dev,
                              MSIVectorUseNotifier use_notifier,
                              MSIVectorReleaseNotifier release_notifier,
                              MSIVectorPollNotifier poll_notifier);
void msix_unset_vector_notifiers(PCIDevice *dev);
bool msix_has_vector_notifiers(PCIDevice *dev);

#endif
