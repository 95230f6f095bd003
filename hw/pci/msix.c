/*
 * MSI-X: a vector table (address, data, control per entry) and a
 * pending-bit array, both in device BARs.  A vector fires only when
 * MSI-X is enabled, the function is not masked and the entry is not
 * masked; otherwise its pending bit is set and it fires on unmask.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/pci/msi.h"
#include "hw/pci/msix.h"

/*
 * Vector notifiers (msix_set_vector_notifiers).  QEMU keeps them in
 * PCIDevice; until include/hw/pci/pci.h grows the fields they live in
 * this table, keyed by device.  Only touched with the BQL held.
 */
typedef struct MSIXVectorNotifiers {
    MSIVectorUseNotifier use;
    MSIVectorReleaseNotifier release;
    MSIVectorPollNotifier poll;
} MSIXVectorNotifiers;

static GHashTable *msix_notifier_table;

static MSIXVectorNotifiers *msix_notifiers(PCIDevice *dev)
{
    return msix_notifier_table ?
           g_hash_table_lookup(msix_notifier_table, dev) : NULL;
}

#define MSIX_CONTROL_OFFSET (PCI_MSIX_FLAGS + 1)
#define MSIX_ENABLE_MASK (PCI_MSIX_FLAGS_ENABLE >> 8)
#define MSIX_MASKALL_MASK (PCI_MSIX_FLAGS_MASKALL >> 8)

static uint8_t *msix_pending_byte(PCIDevice *dev, int vector)
{
    return dev->msix_pba + vector / 8;
}

static uint8_t msix_pending_mask(int vector)
{
    return 1 << (vector % 8);
}

bool msix_is_pending(PCIDevice *dev, unsigned vector)
{
    return *msix_pending_byte(dev, vector) & msix_pending_mask(vector);
}

void msix_set_pending(PCIDevice *dev, unsigned vector)
{
    *msix_pending_byte(dev, vector) |= msix_pending_mask(vector);
}

void msix_clr_pending(PCIDevice *dev, int vector)
{
    *msix_pending_byte(dev, vector) &= ~msix_pending_mask(vector);
}

static bool msix_vector_masked(PCIDevice *dev, unsigned vector, bool fmask)
{
    unsigned offset = vector * PCI_MSIX_ENTRY_SIZE;

    return fmask || dev->msix_table[offset + PCI_MSIX_ENTRY_VECTOR_CTRL] &
                    PCI_MSIX_ENTRY_CTRL_MASKBIT;
}

bool msix_is_masked(PCIDevice *dev, unsigned vector)
{
    return msix_vector_masked(dev, vector, dev->msix_function_masked);
}

int msix_present(PCIDevice *dev)
{
    return dev->cap_present & QEMU_PCI_CAP_MSIX;
}

bool msix_enabled(PCIDevice *dev)
{
    return (dev->cap_present & QEMU_PCI_CAP_MSIX) &&
           (dev->config[dev->msix_cap + MSIX_CONTROL_OFFSET] &
            MSIX_ENABLE_MASK);
}

MSIMessage msix_get_message(PCIDevice *dev, unsigned vector)
{
    uint8_t *table_entry = dev->msix_table + vector * PCI_MSIX_ENTRY_SIZE;
    MSIMessage msg;

    msg.address = pci_get_quad(table_entry + PCI_MSIX_ENTRY_LOWER_ADDR);
    msg.data = pci_get_long(table_entry + PCI_MSIX_ENTRY_DATA);
    return msg;
}

unsigned int msix_nr_vectors_allocated(const PCIDevice *dev)
{
    return dev->msix_entries_nr;
}

static void msix_fire(PCIDevice *dev, unsigned vector)
{
    msi_send_message(dev, msix_get_message(dev, vector));
}

/* Tell the vector's user that it was (un)masked; 0 or -errno. */
static int msix_fire_vector_notifier(PCIDevice *dev, unsigned vector,
                                     bool is_masked)
{
    MSIXVectorNotifiers *n = msix_notifiers(dev);

    if (!n || !dev->msix_entry_used[vector]) {
        return 0;
    }
    if (is_masked) {
        if (n->release) {
            n->release(dev, vector);
        }
        return 0;
    }
    return n->use ? n->use(dev, vector, msix_get_message(dev, vector)) : 0;
}

static void msix_handle_mask_update(PCIDevice *dev, int vector, bool was_masked)
{
    bool is_masked = msix_is_masked(dev, vector);

    if (is_masked == was_masked) {
        return;
    }
    msix_fire_vector_notifier(dev, vector, is_masked);
    if (!is_masked && msix_is_pending(dev, vector)) {
        msix_clr_pending(dev, vector);
        msix_fire(dev, vector);
    }
}

static bool msix_masked(PCIDevice *dev)
{
    return dev->config[dev->msix_cap + MSIX_CONTROL_OFFSET] &
           MSIX_MASKALL_MASK;
}

static void msix_update_function_masked(PCIDevice *dev)
{
    dev->msix_function_masked = !msix_enabled(dev) || msix_masked(dev);
}

void msix_write_config(PCIDevice *dev, uint32_t addr, uint32_t val, int len)
{
    unsigned enable_pos = dev->msix_cap + MSIX_CONTROL_OFFSET;
    bool was_masked;
    int vector;

    if (!msix_present(dev) || addr > enable_pos || addr + len <= enable_pos) {
        return;
    }
    was_masked = dev->msix_function_masked;
    msix_update_function_masked(dev);
    if (msix_enabled(dev)) {
        /* MSI-X replaces INTx: drop a still-asserted line. */
        pci_set_irq(dev, 0);
    }
    if (dev->msix_function_masked == was_masked) {
        return;
    }
    for (vector = 0; vector < dev->msix_entries_nr; ++vector) {
        msix_handle_mask_update(dev, vector,
                                msix_vector_masked(dev, vector, was_masked));
    }
}

static uint64_t msix_table_mmio_read(void *opaque, hwaddr addr, unsigned size)
{
    PCIDevice *dev = opaque;

    return pci_get_long(dev->msix_table + addr);
}

static void msix_table_mmio_write(void *opaque, hwaddr addr, uint64_t val,
                                  unsigned size)
{
    PCIDevice *dev = opaque;
    int vector = addr / PCI_MSIX_ENTRY_SIZE;
    bool was_masked = msix_is_masked(dev, vector);
    uint32_t old = pci_get_long(dev->msix_table + addr);

    pci_set_long(dev->msix_table + addr, val);
    /*
     * The spec wants the entry masked while it is rewritten; a guest
     * that changes address/data of a live vector still gets its route
     * updated (the use notifier refreshes it).
     */
    if (!was_masked && !msix_is_masked(dev, vector) && old != val &&
        (addr % PCI_MSIX_ENTRY_SIZE) != PCI_MSIX_ENTRY_VECTOR_CTRL) {
        msix_fire_vector_notifier(dev, vector, false);
    }
    msix_handle_mask_update(dev, vector, was_masked);
}

static const MemoryRegionOps msix_table_mmio_ops = {
    .read = msix_table_mmio_read,
    .write = msix_table_mmio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = {
        .min_access_size = 4,
        .max_access_size = 8,
    },
    .impl = {
        .min_access_size = 4,
        .max_access_size = 4,
    },
};

static uint64_t msix_pba_mmio_read(void *opaque, hwaddr addr, unsigned size)
{
    PCIDevice *dev = opaque;
    MSIXVectorNotifiers *n = msix_notifiers(dev);

    /* Masked vectors' users report what they have pending. */
    if (n && n->poll) {
        unsigned vector = addr * 8;

        n->poll(dev, vector, MIN(vector + size * 8, dev->msix_entries_nr));
    }

    return pci_get_long(dev->msix_pba + addr);
}

static void msix_pba_mmio_write(void *opaque, hwaddr addr, uint64_t val,
                                unsigned size)
{
    /* The PBA is read-only. */
}

static const MemoryRegionOps msix_pba_mmio_ops = {
    .read = msix_pba_mmio_read,
    .write = msix_pba_mmio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = {
        .min_access_size = 4,
        .max_access_size = 8,
    },
    .impl = {
        .min_access_size = 4,
        .max_access_size = 4,
    },
};

static void msix_mask_all(PCIDevice *dev, unsigned nentries)
{
    int vector;

    for (vector = 0; vector < nentries; ++vector) {
        unsigned offset = vector * PCI_MSIX_ENTRY_SIZE +
                          PCI_MSIX_ENTRY_VECTOR_CTRL;
        dev->msix_table[offset] |= PCI_MSIX_ENTRY_CTRL_MASKBIT;
    }
}

int msix_init(PCIDevice *dev, unsigned short nentries,
              MemoryRegion *table_bar, uint8_t table_bar_nr,
              unsigned table_offset, MemoryRegion *pba_bar,
              uint8_t pba_bar_nr, unsigned pba_offset, uint8_t cap_pos,
              Error **errp)
{
    int cap;
    unsigned table_size, pba_size;
    uint8_t *config;

    if (!msi_nonbroken) {
        error_setg(errp, "MSI-X is not supported by interrupt controller");
        return -ENOTSUP;
    }
    if (nentries < 1 || nentries > PCI_MSIX_FLAGS_QSIZE + 1) {
        error_setg(errp, "The number of MSI-X vectors is invalid");
        return -EINVAL;
    }
    table_size = nentries * PCI_MSIX_ENTRY_SIZE;
    pba_size = QEMU_ALIGN_UP(nentries, 64) / 8;

    /* Table and PBA must fit their BARs, be aligned, and not overlap. */
    if ((table_bar_nr == pba_bar_nr &&
         (table_offset < pba_offset + pba_size &&
          pba_offset < table_offset + table_size)) ||
        table_offset + table_size > memory_region_size(table_bar) ||
        pba_offset + pba_size > memory_region_size(pba_bar) ||
        ((table_offset | pba_offset) & 0x7)) {
        error_setg(errp, "table & pba overlap, or they don't fit in BARs,"
                   " or don't align");
        return -EINVAL;
    }

    cap = pci_add_capability(dev, PCI_CAP_ID_MSIX, cap_pos,
                             PCI_CAP_MSIX_SIZEOF, errp);
    if (cap < 0) {
        return cap;
    }
    dev->msix_cap = cap;
    dev->cap_present |= QEMU_PCI_CAP_MSIX;
    config = dev->config + cap;

    pci_set_word(config + PCI_MSIX_FLAGS, nentries - 1);
    dev->msix_entries_nr = nentries;
    dev->msix_function_masked = true;
    pci_set_long(config + PCI_MSIX_TABLE, table_offset | table_bar_nr);
    pci_set_long(config + PCI_MSIX_PBA, pba_offset | pba_bar_nr);

    /* Only enable and function-mask bits are writable. */
    dev->wmask[cap + MSIX_CONTROL_OFFSET] |= MSIX_ENABLE_MASK |
                                             MSIX_MASKALL_MASK;

    dev->msix_table = g_malloc0(table_size);
    dev->msix_pba = g_malloc0(pba_size);
    dev->msix_entry_used = g_malloc0(nentries * sizeof *dev->msix_entry_used);
    msix_mask_all(dev, nentries);

    memory_region_init_io(&dev->msix_table_mmio, OBJECT(dev),
                          &msix_table_mmio_ops, dev, "msix-table",
                          table_size);
    memory_region_add_subregion(table_bar, table_offset,
                                &dev->msix_table_mmio);
    memory_region_init_io(&dev->msix_pba_mmio, OBJECT(dev),
                          &msix_pba_mmio_ops, dev, "msix-pba", pba_size);
    memory_region_add_subregion(pba_bar, pba_offset, &dev->msix_pba_mmio);
    return 0;
}

static uint64_t pow2ceil64(uint64_t v)
{
    uint64_t p = 1;

    while (p < v) {
        p <<= 1;
    }
    return p;
}

int msix_init_exclusive_bar(PCIDevice *dev, unsigned short nentries,
                            uint8_t bar_nr, Error **errp)
{
    int ret;
    g_autofree char *name = NULL;
    uint32_t bar_size = 4096;
    uint32_t bar_pba_offset = bar_size / 2;
    uint32_t bar_pba_size = QEMU_ALIGN_UP(nentries, 64) / 8;

    /* Table in the first half, PBA in the second, grown if needed. */
    if (nentries * PCI_MSIX_ENTRY_SIZE > bar_pba_offset) {
        bar_pba_offset = nentries * PCI_MSIX_ENTRY_SIZE;
    }
    if (bar_pba_offset + bar_pba_size > 4096) {
        bar_size = bar_pba_offset + bar_pba_size;
    }
    bar_size = pow2ceil64(bar_size);

    name = g_strdup_printf("%s-msix", dev->name);
    memory_region_init(&dev->msix_exclusive_bar, OBJECT(dev), name, bar_size);
    ret = msix_init(dev, nentries, &dev->msix_exclusive_bar, bar_nr, 0,
                    &dev->msix_exclusive_bar, bar_nr, bar_pba_offset, 0,
                    errp);
    if (ret) {
        return ret;
    }
    pci_register_bar(dev, bar_nr, PCI_BASE_ADDRESS_SPACE_MEMORY,
                     &dev->msix_exclusive_bar);
    return 0;
}

static void msix_free(PCIDevice *dev)
{
    g_free(dev->msix_table);
    g_free(dev->msix_pba);
    g_free(dev->msix_entry_used);
    dev->msix_table = dev->msix_pba = NULL;
    dev->msix_entry_used = NULL;
}

void msix_uninit(PCIDevice *dev, MemoryRegion *table_bar,
                 MemoryRegion *pba_bar)
{
    if (!msix_present(dev)) {
        return;
    }
    if (msix_notifier_table) {
        g_hash_table_remove(msix_notifier_table, dev);
    }
    pci_del_capability(dev, PCI_CAP_ID_MSIX, PCI_CAP_MSIX_SIZEOF);
    dev->msix_cap = 0;
    memory_region_del_subregion(pba_bar, &dev->msix_pba_mmio);
    memory_region_del_subregion(table_bar, &dev->msix_table_mmio);
    dev->msix_entries_nr = 0;
    dev->cap_present &= ~QEMU_PCI_CAP_MSIX;
    msix_free(dev);
}

void msix_uninit_exclusive_bar(PCIDevice *dev)
{
    if (msix_present(dev)) {
        msix_uninit(dev, &dev->msix_exclusive_bar, &dev->msix_exclusive_bar);
    }
}

void msix_reset(PCIDevice *dev)
{
    if (!msix_present(dev)) {
        return;
    }
    dev->config[dev->msix_cap + MSIX_CONTROL_OFFSET] &=
        ~dev->wmask[dev->msix_cap + MSIX_CONTROL_OFFSET];
    memset(dev->msix_table, 0, dev->msix_entries_nr * PCI_MSIX_ENTRY_SIZE);
    memset(dev->msix_pba, 0, QEMU_ALIGN_UP(dev->msix_entries_nr, 64) / 8);
    msix_mask_all(dev, dev->msix_entries_nr);
    msix_update_function_masked(dev);
}

int msix_vector_use(PCIDevice *dev, unsigned vector)
{
    if (vector >= dev->msix_entries_nr) {
        return -EINVAL;
    }
    dev->msix_entry_used[vector]++;
    return 0;
}

void msix_vector_unuse(PCIDevice *dev, unsigned vector)
{
    if (vector >= dev->msix_entries_nr || !dev->msix_entry_used[vector]) {
        return;
    }
    if (--dev->msix_entry_used[vector]) {
        return;
    }
    msix_clr_pending(dev, vector);
}

void msix_unuse_all_vectors(PCIDevice *dev)
{
    int vector;

    if (!msix_present(dev)) {
        return;
    }
    for (vector = 0; vector < dev->msix_entries_nr; ++vector) {
        dev->msix_entry_used[vector] = 0;
        msix_clr_pending(dev, vector);
    }
}

int msix_set_vector_notifiers(PCIDevice *dev,
                              MSIVectorUseNotifier use_notifier,
                              MSIVectorReleaseNotifier release_notifier,
                              MSIVectorPollNotifier poll_notifier)
{
    MSIXVectorNotifiers *n;
    int vector, ret;

    assert(use_notifier && release_notifier);
    if (!msix_notifier_table) {
        msix_notifier_table = g_hash_table_new_full(NULL, NULL, NULL, g_free);
    }
    assert(!msix_notifiers(dev));
    n = g_new0(MSIXVectorNotifiers, 1);
    n->use = use_notifier;
    n->release = release_notifier;
    n->poll = poll_notifier;
    g_hash_table_insert(msix_notifier_table, dev, n);

    /* Vectors live right now go to their user at once. */
    if (msix_enabled(dev) && !dev->msix_function_masked) {
        for (vector = 0; vector < dev->msix_entries_nr; vector++) {
            if (msix_is_masked(dev, vector)) {
                continue;
            }
            ret = msix_fire_vector_notifier(dev, vector, false);
            if (ret < 0) {
                while (--vector >= 0) {
                    if (!msix_is_masked(dev, vector)) {
                        msix_fire_vector_notifier(dev, vector, true);
                    }
                }
                g_hash_table_remove(msix_notifier_table, dev);
                return ret;
            }
        }
    }
    if (n->poll) {
        n->poll(dev, 0, dev->msix_entries_nr);
    }
    return 0;
}

void msix_unset_vector_notifiers(PCIDevice *dev)
{
    MSIXVectorNotifiers *n = msix_notifiers(dev);
    int vector;

    if (!n) {
        return;
    }
    if (msix_enabled(dev) && !dev->msix_function_masked) {
        for (vector = 0; vector < dev->msix_entries_nr; vector++) {
            if (!msix_is_masked(dev, vector)) {
                msix_fire_vector_notifier(dev, vector, true);
            }
        }
    }
    g_hash_table_remove(msix_notifier_table, dev);
}

bool msix_has_vector_notifiers(PCIDevice *dev)
{
    return msix_notifiers(dev) != NULL;
}

void msix_notify(PCIDevice *dev, unsigned vector)
{
    if (!msix_enabled(dev) || vector >= dev->msix_entries_nr ||
        !dev->msix_entry_used[vector]) {
        return;
    }
    if (msix_is_masked(dev, vector)) {
        msix_set_pending(dev, vector);
        return;
    }
    msix_fire(dev, vector);
}
