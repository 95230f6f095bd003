/*
 * ACPI PCI hot-plug controller, the register block QEMU's PIIX4 PM puts
 * at 0xae00 and the DSDT drives:
 *
 *   0x00 PCIU  slots with a new device (read clears, except legacy)
 *   0x04 PCID  slots whose device the host wants removed
 *   0x08 B0EJ  write a slot bitmap: eject the lowest slot set
 *   0x0c RMV   slots that may be removed
 *   0x10 BNUM  bus selector (bsel) the other registers apply to
 *   0x14 PIDX  acpi-index lookup (no device has one here: reads 0)
 *
 * Host side: device_add plugs the device at once and sets its PCIU bit;
 * device_del only sets the PCID bit.  Both raise GPE0 bit 1, the guest's
 * \_GPE._E01 notifies the slot, and the guest's _EJ0 write to B0EJ is
 * what finally unrealizes the device (and sends DEVICE_DELETED).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/host-utils.h"
#include "qemu/log.h"
#include "hw/acpi/pcihp.h"
#include "hw/acpi/acpi_dev_interface.h"
#include "hw/pci/pci_bus.h"
#include "hw/pci/pci_ids.h"
#include "hw/qdev-core.h"

/* The controller whose root bus the DSDT describes (one per machine). */
static AcpiPciHpState *root_pcihp;

int acpi_pcihp_get_bsel(AcpiPciHpState *s, PCIBus *bus)
{
    /* Bridges are not modelled: only the root bus can carry a bsel. */
    return bus == s->root ? s->root_bsel : -1;
}

static PCIBus *acpi_pcihp_find_hotplug_bus(AcpiPciHpState *s, int bsel)
{
    return bsel >= 0 && bsel == s->root_bsel ? s->root : NULL;
}

bool acpi_pcihp_pc_no_hotplug(AcpiPciHpState *s, PCIDevice *dev)
{
    PCIDeviceClass *pc = PCI_DEVICE_GET_CLASS(dev);
    DeviceClass *dc = DEVICE_GET_CLASS(dev);

    /*
     * Cold-plugged bridges and non-hotpluggable devices stay.  Board
     * functions (host bridge, PIIX3 and its functions) are not
     * user-creatable; they count as fixed as well, whatever their class
     * says about hotplugging.
     */
    return (pc->is_bridge && !DEVICE(dev)->hotplugged) ||
           !dc->hotpluggable || !dc->user_creatable;
}

/* Slots whose devices may all be removed; empty slots count. */
static uint32_t acpi_pcihp_removable_slots(AcpiPciHpState *s, PCIBus *bus)
{
    uint32_t mask = ~0u;
    int devfn;

    if (!bus) {
        return ~0u;
    }
    mask &= ~bus->slot_reserved_mask;
    for (devfn = 0; devfn < ARRAY_SIZE(bus->devices); devfn++) {
        PCIDevice *dev = bus->devices[devfn];

        if (dev && acpi_pcihp_pc_no_hotplug(s, dev)) {
            mask &= ~(1u << PCI_SLOT(devfn));
        }
    }
    return mask;
}

static void acpi_pcihp_eject_slot(AcpiPciHpState *s, unsigned bsel,
                                  unsigned slots)
{
    PCIBus *bus = acpi_pcihp_find_hotplug_bus(s, bsel);
    int slot, fn;

    if (!slots) {
        return;
    }
    slot = ctz32(slots);
    s->acpi_pcihp_pci_status[bsel].down &= ~(1u << slot);
    if (!bus) {
        return;
    }
    for (fn = PCI_FUNC_MAX - 1; fn >= 0; fn--) {
        PCIDevice *dev = bus->devices[PCI_DEVFN(slot, fn)];
        DeviceState *qdev;

        if (!dev || acpi_pcihp_pc_no_hotplug(s, dev)) {
            continue;
        }
        qdev = DEVICE(dev);
        /*
         * Cleared so that unrealize marks the removal itself; the
         * DEVICE_DELETED event then goes out from object_unparent.
         */
        qdev->pending_deleted_event = false;
        hotplug_handler_unplug(qdev_get_hotplug_handler(qdev), qdev,
                               &error_abort);
        object_unparent(OBJECT(qdev));
    }
}

void acpi_pcihp_reset(AcpiPciHpState *s, bool acpihp_root_off)
{
    int i;

    s->root_bsel = (acpihp_root_off || !s->use_acpi_root_pci_hotplug) ? -1
                   : ACPI_PCIHP_BSEL_DEFAULT;
    for (i = 0; i < ACPI_PCIHP_MAX_HOTPLUG_BUS; i++) {
        AcpiPciHpPciStatus *st = &s->acpi_pcihp_pci_status[i];

        /* A reset stands in for the guest's eject of pending removals. */
        while (st->down) {
            acpi_pcihp_eject_slot(s, i, st->down);
        }
        st->up = 0;
        st->down = 0;
        st->hotplug_enable = ~0u;
    }
    s->hotplug_select = ACPI_PCIHP_BSEL_DEFAULT;
    s->acpi_index = 0;
}

/* ---- HotplugHandler callbacks (called by the owner, e.g. PIIX4_PM) ---- */

bool acpi_pcihp_is_hotpluggable_bus(AcpiPciHpState *s, BusState *bus)
{
    return acpi_pcihp_get_bsel(s, PCI_BUS(bus)) >= 0;
}

void acpi_pcihp_device_pre_plug_cb(HotplugHandler *hotplug_dev,
                                   DeviceState *dev, Error **errp)
{
    /* Cold-plugged devices need no hot-plug support from the bus. */
    if (!dev->hotplugged || !root_pcihp) {
        return;
    }
    if (acpi_pcihp_get_bsel(root_pcihp,
                            pci_get_bus(PCI_DEVICE(dev))) < 0) {
        error_setg(errp, "Unsupported bus. Bus doesn't have property '"
                   ACPI_PCIHP_PROP_BSEL "' set");
    }
}

void acpi_pcihp_device_plug_cb(HotplugHandler *hotplug_dev,
                               AcpiPciHpState *s, DeviceState *dev,
                               Error **errp)
{
    PCIDevice *pdev = PCI_DEVICE(dev);
    int slot = PCI_SLOT(pdev->devfn);
    int bsel;

    if (!dev->hotplugged) {
        return;
    }
    bsel = acpi_pcihp_get_bsel(s, pci_get_bus(pdev));
    g_assert(bsel >= 0);    /* pre_plug refused the others */
    s->acpi_pcihp_pci_status[bsel].up |= 1u << slot;
    acpi_send_event(DEVICE(hotplug_dev), ACPI_PCI_HOTPLUG_STATUS);
}

void acpi_pcihp_device_unplug_cb(HotplugHandler *hotplug_dev,
                                 AcpiPciHpState *s, DeviceState *dev,
                                 Error **errp)
{
    qdev_unrealize(dev);
}

void acpi_pcihp_device_unplug_request_cb(HotplugHandler *hotplug_dev,
                                         AcpiPciHpState *s,
                                         DeviceState *dev, Error **errp)
{
    PCIDevice *pdev = PCI_DEVICE(dev);
    int slot = PCI_SLOT(pdev->devfn);
    int bsel = acpi_pcihp_get_bsel(s, pci_get_bus(pdev));

    if (bsel < 0) {
        error_setg(errp, "Unsupported bus. Bus doesn't have property '"
                   ACPI_PCIHP_PROP_BSEL "' set");
        return;
    }
    if (acpi_pcihp_pc_no_hotplug(s, pdev)) {
        error_setg(errp, "Device '%s' does not support hotplugging",
                   object_get_typename(OBJECT(dev)));
        return;
    }
    /*
     * From here until the guest ejects the slot (or the machine
     * resets), device_del answers "already in the process of unplug".
     */
    dev->pending_deleted_event = true;
    s->acpi_pcihp_pci_status[bsel].down |= 1u << slot;
    acpi_send_event(DEVICE(hotplug_dev), ACPI_PCI_HOTPLUG_STATUS);
}

/* ---- Guest registers ---- */

static uint64_t pci_read(void *opaque, hwaddr addr, unsigned int size)
{
    AcpiPciHpState *s = opaque;
    uint32_t bsel = s->hotplug_select;
    AcpiPciHpPciStatus *st;
    uint32_t val = 0;

    if (bsel >= ACPI_PCIHP_MAX_HOTPLUG_BUS) {
        return 0;
    }
    st = &s->acpi_pcihp_pci_status[bsel];
    switch (addr) {
    case ACPI_PCIHP_UP:
        val = st->up;
        if (!s->legacy_piix) {
            st->up = 0;
        }
        break;
    case ACPI_PCIHP_DOWN:
        val = st->down;
        break;
    case ACPI_PCIHP_RMV:
        val = st->hotplug_enable &
              acpi_pcihp_removable_slots(s, acpi_pcihp_find_hotplug_bus(s,
                                                                        bsel));
        break;
    case ACPI_PCIHP_SEL:
        val = s->hotplug_select;
        break;
    case ACPI_PCIHP_AIDX:
        val = s->acpi_index;
        s->acpi_index = 0;
        break;
    default:
        break;      /* B0EJ reads 0 */
    }
    return val;
}

static void pci_write(void *opaque, hwaddr addr, uint64_t data,
                      unsigned int size)
{
    AcpiPciHpState *s = opaque;

    switch (addr) {
    case ACPI_PCIHP_EJ:
        if (s->hotplug_select >= ACPI_PCIHP_MAX_HOTPLUG_BUS) {
            qemu_log_mask(LOG_GUEST_ERROR, "acpi-pcihp: eject with invalid "
                          "bus selector %u\n", s->hotplug_select);
            break;
        }
        acpi_pcihp_eject_slot(s, s->hotplug_select, data);
        break;
    case ACPI_PCIHP_SEL:
        s->hotplug_select = data;
        break;
    case ACPI_PCIHP_AIDX:
        /* No device carries an acpi-index: the lookup answers 0. */
        s->acpi_index = 0;
        break;
    default:
        break;
    }
}

static const MemoryRegionOps acpi_pcihp_io_ops = {
    .read = pci_read,
    .write = pci_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 4, .max_access_size = 4 },
};

void acpi_pcihp_init(Object *owner, AcpiPciHpState *s, PCIBus *root,
                     MemoryRegion *io, uint16_t io_base)
{
    s->root = root;
    s->io_base = io_base;
    s->legacy_piix = !s->use_acpi_hotplug_bridge;
    s->io_len = s->legacy_piix ? ACPI_PCIHP_LEGACY_SIZE : ACPI_PCIHP_SIZE;
    s->root_bsel = s->use_acpi_root_pci_hotplug ? ACPI_PCIHP_BSEL_DEFAULT
                                                : -1;
    if (s->root_bsel >= 0) {
        object_property_add_uint32_ptr(OBJECT(root), ACPI_PCIHP_PROP_BSEL,
                                       &s->hotplug_bsel_prop,
                                       OBJ_PROP_FLAG_READ);
    }
    memory_region_init_io(&s->io, owner, &acpi_pcihp_io_ops, s,
                          "acpi-pci-hotplug", s->io_len);
    memory_region_add_subregion(io, io_base, &s->io);
    root_pcihp = s;
}

bool acpi_pcihp_get_dsdt_info(AcpiPciHpDsdtInfo *info)
{
    AcpiPciHpState *s = root_pcihp;
    int devfn;

    memset(info, 0, sizeof(*info));
    if (!s || !s->root || !s->use_acpi_root_pci_hotplug) {
        return false;
    }
    info->io_base = s->io_base;
    info->io_len = s->io_len;
    info->hotplug_slots = acpi_pcihp_removable_slots(s, s->root);
    for (devfn = 0; devfn < ARRAY_SIZE(s->root->devices); devfn++) {
        PCIDevice *dev = s->root->devices[devfn];

        if (dev && acpi_pcihp_pc_no_hotplug(s, dev) &&
            PCI_DEVICE_GET_CLASS(dev)->class_id != PCI_CLASS_BRIDGE_ISA) {
            /* The ISA bridge has its own node (\_SB.PCI0.ISA). */
            info->fixed_devfns[devfn / 32] |= 1u << (devfn % 32);
        }
    }
    return true;
}
