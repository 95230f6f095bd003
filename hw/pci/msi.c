/*
 * MSI capability.  The message is a 32-bit write of data to address
 * in the bus master's view of memory, where the APIC's MSI window
 * (0xfee00000) turns it into an interrupt.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "exec/address-spaces.h"
#include "hw/pci/msi.h"

/* Set by the interrupt controller when it can take MSIs. */
bool msi_nonbroken;

static uint16_t msi_flags(const PCIDevice *dev)
{
    return pci_get_word(dev->config + dev->msi_cap + PCI_MSI_FLAGS);
}

static bool msi64(uint16_t flags)
{
    return flags & PCI_MSI_FLAGS_64BIT;
}

static bool msi_maskbit(uint16_t flags)
{
    return flags & PCI_MSI_FLAGS_MASKBIT;
}

static uint8_t msi_cap_sizeof(uint16_t flags)
{
    switch (flags & (PCI_MSI_FLAGS_MASKBIT | PCI_MSI_FLAGS_64BIT)) {
    case PCI_MSI_FLAGS_MASKBIT | PCI_MSI_FLAGS_64BIT:
        return 0x18;
    case PCI_MSI_FLAGS_64BIT:
        return 0x0e;
    case PCI_MSI_FLAGS_MASKBIT:
        return 0x14;
    default:
        return 0x0a;
    }
}

static uint32_t msi_mask_off(uint16_t flags)
{
    return msi64(flags) ? PCI_MSI_MASK_64 : PCI_MSI_MASK_32;
}

static uint32_t msi_pending_off(uint16_t flags)
{
    return msi64(flags) ? PCI_MSI_PENDING_64 : PCI_MSI_PENDING_32;
}

static uint32_t msi_data_off(uint16_t flags)
{
    return msi64(flags) ? PCI_MSI_DATA_64 : PCI_MSI_DATA_32;
}

unsigned int msi_nr_vectors_allocated(const PCIDevice *dev)
{
    return 1u << ((msi_flags(dev) & PCI_MSI_FLAGS_QSIZE) >> 4);
}

static unsigned int msi_nr_vectors_max(uint16_t flags)
{
    return 1u << ((flags & PCI_MSI_FLAGS_QMASK) >> 1);
}

int msi_init(PCIDevice *dev, uint8_t offset, unsigned int nr_vectors,
             bool msi64bit, bool msi_per_vector_mask, Error **errp)
{
    uint16_t flags;
    uint8_t cap_size;
    int config_offset;
    unsigned int vectors_order;

    if (!msi_nonbroken) {
        error_setg(errp, "MSI is not supported by interrupt controller");
        return -ENOTSUP;
    }
    assert(nr_vectors >= 1 && nr_vectors <= 32 && is_power_of_2(nr_vectors));
    vectors_order = __builtin_ctz(nr_vectors);
    flags = vectors_order << 1;
    if (msi64bit) {
        flags |= PCI_MSI_FLAGS_64BIT;
    }
    if (msi_per_vector_mask) {
        flags |= PCI_MSI_FLAGS_MASKBIT;
    }
    cap_size = msi_cap_sizeof(flags);
    config_offset = pci_add_capability(dev, PCI_CAP_ID_MSI, offset,
                                       cap_size, errp);
    if (config_offset < 0) {
        return config_offset;
    }
    dev->msi_cap = config_offset;
    dev->cap_present |= QEMU_PCI_CAP_MSI;

    pci_set_word(dev->config + config_offset + PCI_MSI_FLAGS, flags);
    pci_set_word(dev->wmask + config_offset + PCI_MSI_FLAGS,
                 PCI_MSI_FLAGS_QSIZE | PCI_MSI_FLAGS_ENABLE);
    pci_set_long(dev->wmask + config_offset + PCI_MSI_ADDRESS_LO,
                 0xfffffffc);
    if (msi64bit) {
        pci_set_long(dev->wmask + config_offset + PCI_MSI_ADDRESS_HI,
                     0xffffffff);
    }
    pci_set_word(dev->wmask + config_offset + msi_data_off(flags), 0xffff);
    if (msi_per_vector_mask) {
        pci_set_long(dev->wmask + config_offset + msi_mask_off(flags),
                     0xffffffff >> (32 - nr_vectors));
    }
    return 0;
}

void msi_uninit(PCIDevice *dev)
{
    uint16_t flags;

    if (!msi_present(dev)) {
        return;
    }
    flags = msi_flags(dev);
    pci_del_capability(dev, PCI_CAP_ID_MSI, msi_cap_sizeof(flags));
    dev->cap_present &= ~QEMU_PCI_CAP_MSI;
}

void msi_reset(PCIDevice *dev)
{
    uint16_t flags;

    if (!msi_present(dev)) {
        return;
    }
    flags = msi_flags(dev);
    flags &= ~(PCI_MSI_FLAGS_QSIZE | PCI_MSI_FLAGS_ENABLE);
    pci_set_word(dev->config + dev->msi_cap + PCI_MSI_FLAGS, flags);
    pci_set_long(dev->config + dev->msi_cap + PCI_MSI_ADDRESS_LO, 0);
    if (msi64(flags)) {
        pci_set_long(dev->config + dev->msi_cap + PCI_MSI_ADDRESS_HI, 0);
    }
    pci_set_word(dev->config + dev->msi_cap + msi_data_off(flags), 0);
    if (msi_maskbit(flags)) {
        pci_set_long(dev->config + dev->msi_cap + msi_mask_off(flags), 0);
        pci_set_long(dev->config + dev->msi_cap + msi_pending_off(flags), 0);
    }
}

bool msi_enabled(const PCIDevice *dev)
{
    return msi_present(dev) && (msi_flags(dev) & PCI_MSI_FLAGS_ENABLE);
}

bool msi_is_masked(const PCIDevice *dev, unsigned int vector)
{
    uint16_t flags = msi_flags(dev);
    uint32_t mask;

    if (!msi_maskbit(flags)) {
        return false;
    }
    mask = pci_get_long(dev->config + dev->msi_cap + msi_mask_off(flags));
    return mask & (1u << vector);
}

MSIMessage msi_get_message(PCIDevice *dev, unsigned int vector)
{
    uint16_t flags = msi_flags(dev);
    unsigned int nr = msi_nr_vectors_allocated(dev);
    MSIMessage msg;

    if (msi64(flags)) {
        msg.address = pci_get_quad(dev->config + dev->msi_cap +
                                   PCI_MSI_ADDRESS_LO);
    } else {
        msg.address = pci_get_long(dev->config + dev->msi_cap +
                                   PCI_MSI_ADDRESS_LO);
    }
    msg.data = pci_get_word(dev->config + dev->msi_cap + msi_data_off(flags));
    if (nr > 1) {
        msg.data = (msg.data & ~(nr - 1)) | vector;
    }
    return msg;
}

void pci_default_msi_trigger(PCIDevice *dev, MSIMessage msg)
{
    uint32_t data = GUINT32_TO_LE(msg.data);

    /* A device without Bus Master Enable cannot write its message. */
    if (!(pci_get_word(dev->config + PCI_COMMAND) & PCI_COMMAND_MASTER)) {
        return;
    }
    address_space_write(&address_space_memory, msg.address,
                        MEMTXATTRS_UNSPECIFIED, &data, 4);
}

void msi_send_message(PCIDevice *dev, MSIMessage msg)
{
    if (dev->msi_trigger) {
        dev->msi_trigger(dev, msg);
    } else {
        pci_default_msi_trigger(dev, msg);
    }
}

void msi_notify(PCIDevice *dev, unsigned int vector)
{
    uint16_t flags;

    if (!msi_enabled(dev)) {
        return;
    }
    flags = msi_flags(dev);
    if (vector >= msi_nr_vectors_allocated(dev)) {
        return;
    }
    if (msi_is_masked(dev, vector)) {
        pci_long_test_and_set_mask(dev->config + dev->msi_cap +
                                   msi_pending_off(flags), 1u << vector);
        return;
    }
    msi_send_message(dev, msi_get_message(dev, vector));
}

void msi_set_mask(PCIDevice *dev, int vector, bool mask, Error **errp)
{
    uint16_t flags = msi_flags(dev);
    uint32_t off = dev->msi_cap + msi_mask_off(flags);

    if (!msi_maskbit(flags)) {
        return;
    }
    if (mask) {
        pci_long_test_and_set_mask(dev->config + off, 1u << vector);
    } else {
        pci_long_test_and_clear_mask(dev->config + off, 1u << vector);
        if (pci_get_long(dev->config + dev->msi_cap + msi_pending_off(flags))
            & (1u << vector)) {
            pci_long_test_and_clear_mask(dev->config + dev->msi_cap +
                                         msi_pending_off(flags),
                                         1u << vector);
            msi_notify(dev, vector);
        }
    }
}

void msi_write_config(PCIDevice *dev, uint32_t addr, uint32_t val, int len)
{
    uint16_t flags;
    unsigned int max, nr, vector;
    uint32_t pending;

    if (!msi_present(dev) ||
        addr + len <= dev->msi_cap || addr >= dev->msi_cap +
        msi_cap_sizeof(msi_flags(dev))) {
        return;
    }
    flags = msi_flags(dev);
    /* The guest may not allocate more vectors than the device offers. */
    max = msi_nr_vectors_max(flags);
    if (msi_nr_vectors_allocated(dev) > max) {
        flags &= ~PCI_MSI_FLAGS_QSIZE;
        flags |= __builtin_ctz(max) << 4;
        pci_set_word(dev->config + dev->msi_cap + PCI_MSI_FLAGS, flags);
    }
    if (!msi_maskbit(flags) || !(flags & PCI_MSI_FLAGS_ENABLE)) {
        return;
    }
    /* Deliver what became unmasked while pending. */
    nr = msi_nr_vectors_allocated(dev);
    pending = pci_get_long(dev->config + dev->msi_cap +
                           msi_pending_off(flags));
    pending &= 0xffffffff >> (32 - nr);
    for (vector = 0; vector < nr; vector++) {
        if ((pending & (1u << vector)) && !msi_is_masked(dev, vector)) {
            pci_long_test_and_clear_mask(dev->config + dev->msi_cap +
                                         msi_pending_off(flags),
                                         1u << vector);
            msi_send_message(dev, msi_get_message(dev, vector));
        }
    }
}
