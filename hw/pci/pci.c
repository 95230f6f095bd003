/*
 * PCI core: the PCI bus type, the abstract PCI device, configuration
 * space with write/write-1-to-clear masks, BAR mapping, capabilities
 * and INTx routing through the bus's map_irq/set_irq hooks.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/module.h"
#include "exec/address-spaces.h"
#include "hw/pci/pci.h"
#include "hw/pci/pci_bus.h"
#include "hw/pci/msi.h"
#include "hw/pci/msix.h"
#include "hw/qdev-properties.h"

static PCIBus *default_bus;

static bool ranges_overlap(uint32_t a, uint32_t alen, uint32_t b, uint32_t blen)
{
    return a < b + blen && b < a + alen;
}

/* ---- Bus ---------------------------------------------------------- */

static char *pcibus_get_dev_path(DeviceState *dev)
{
    PCIDevice *d = PCI_DEVICE(dev);

    return g_strdup_printf("0000:00:%02x.%x", PCI_SLOT(d->devfn),
                           PCI_FUNC(d->devfn));
}

char *pci_dev_fw_name(PCIDevice *d)
{
    if (PCI_FUNC(d->devfn)) {
        return g_strdup_printf("%x,%x", PCI_SLOT(d->devfn),
                               PCI_FUNC(d->devfn));
    }
    return g_strdup_printf("%x", PCI_SLOT(d->devfn));
}

static char *pcibus_get_fw_dev_path(DeviceState *dev)
{
    PCIDevice *d = PCI_DEVICE(dev);
    const char *fw = DEVICE_GET_CLASS(dev)->fw_name;
    g_autofree char *unit = pci_dev_fw_name(d);

    return g_strdup_printf("%s@%s", fw ? fw : "pci", unit);
}

static void pcibus_reset(BusState *qbus)
{
    pci_bus_reset(PCI_BUS(qbus));
}

static int pcibus_num(PCIBus *bus)
{
    return bus->busnr;
}

static bool pcibus_is_root(PCIBus *bus)
{
    return !bus->parent_dev;
}

static void pci_bus_class_init(ObjectClass *klass, void *data)
{
    BusClass *k = BUS_CLASS(klass);
    PCIBusClass *pbc = PCI_BUS_CLASS(klass);

    k->get_dev_path = pcibus_get_dev_path;
    k->get_fw_dev_path = pcibus_get_fw_dev_path;
    k->reset = pcibus_reset;
    pbc->bus_num = pcibus_num;
    pbc->is_root = pcibus_is_root;
}

static const TypeInfo pci_bus_info = {
    .name = TYPE_PCI_BUS,
    .parent = TYPE_BUS,
    .instance_size = sizeof(PCIBus),
    .class_size = sizeof(PCIBusClass),
    .class_init = pci_bus_class_init,
};

static const TypeInfo pcie_bus_info = {
    .name = TYPE_PCIE_BUS,
    .parent = TYPE_PCI_BUS,
};

PCIBus *pci_root_bus_new(DeviceState *parent, const char *name,
                         MemoryRegion *address_space_mem,
                         MemoryRegion *address_space_io,
                         uint8_t devfn_min, const char *typename)
{
    PCIBus *bus = PCI_BUS(qbus_new(typename, parent, name));

    bus->devfn_min = devfn_min;
    bus->address_space_mem = address_space_mem;
    bus->address_space_io = address_space_io;
    bus->busnr = 0;
    if (!default_bus) {
        default_bus = bus;
    }
    return bus;
}

void pci_bus_irqs(PCIBus *bus, pci_set_irq_fn set_irq, pci_map_irq_fn map_irq,
                  void *irq_opaque, int nirq)
{
    bus->set_irq = set_irq;
    bus->map_irq = map_irq;
    bus->irq_opaque = irq_opaque;
    bus->nirq = nirq;
    g_free(bus->irq_count);
    bus->irq_count = g_new0(int, nirq);
}

PCIBus *pci_register_root_bus(DeviceState *parent, const char *name,
                              pci_set_irq_fn set_irq, pci_map_irq_fn map_irq,
                              void *irq_opaque,
                              MemoryRegion *address_space_mem,
                              MemoryRegion *address_space_io,
                              uint8_t devfn_min, int nirq,
                              const char *typename)
{
    PCIBus *bus = pci_root_bus_new(parent, name, address_space_mem,
                                   address_space_io, devfn_min, typename);

    pci_bus_irqs(bus, set_irq, map_irq, irq_opaque, nirq);
    return bus;
}

PCIBus *pci_get_default_bus(void)
{
    return default_bus;
}

PCIBus *pci_get_bus(const PCIDevice *dev)
{
    return PCI_BUS(qdev_get_parent_bus(DEVICE(dev)));
}

int pci_bus_num(PCIBus *s)
{
    return PCI_BUS_GET_CLASS(s)->bus_num(s);
}

int pci_get_irq_pin_count(PCIBus *bus, int irq_num)
{
    return irq_num >= 0 && irq_num < bus->nirq ? bus->irq_count[irq_num] : 0;
}

PCIDevice *pci_find_device(PCIBus *bus, int bus_num, uint8_t devfn)
{
    if (!bus || bus_num != pci_bus_num(bus)) {
        return NULL;
    }
    return bus->devices[devfn];
}

void pci_for_each_device(PCIBus *bus, int bus_num,
                         void (*fn)(PCIBus *b, PCIDevice *d, void *opaque),
                         void *opaque)
{
    int d;

    if (!bus || bus_num != pci_bus_num(bus)) {
        return;
    }
    for (d = 0; d < ARRAY_SIZE(bus->devices); d++) {
        if (bus->devices[d]) {
            fn(bus, bus->devices[d], opaque);
        }
    }
}

static void pci_reset_one(PCIBus *bus, PCIDevice *d, void *opaque)
{
    pci_device_reset(d);
}

void pci_bus_reset(PCIBus *bus)
{
    int i;

    pci_for_each_device(bus, pci_bus_num(bus), pci_reset_one, NULL);
    for (i = 0; i < bus->nirq; i++) {
        assert(bus->irq_count[i] == 0);
    }
}

/* ---- INTx --------------------------------------------------------- */

static inline bool pci_irq_disabled(PCIDevice *d)
{
    return pci_get_word(d->config + PCI_COMMAND) & PCI_COMMAND_INTX_DISABLE;
}

static inline int pci_irq_state(PCIDevice *d, int irq_num)
{
    return (d->irq_state >> irq_num) & 1;
}

static void pci_change_irq_level(PCIDevice *d, int irq_num, int change)
{
    PCIBus *bus = pci_get_bus(d);
    int line;

    if (!bus->map_irq || !bus->set_irq || !bus->nirq) {
        return;
    }
    line = bus->map_irq(d, irq_num);
    assert(line >= 0 && line < bus->nirq);
    bus->irq_count[line] += change;
    assert(bus->irq_count[line] >= 0);
    bus->set_irq(bus->irq_opaque, line, bus->irq_count[line] != 0);
}

void pci_set_irq(PCIDevice *d, int level)
{
    int pin = pci_intx(d);
    int change;

    if (pin < 0 || pin >= PCI_NUM_PINS) {
        return;     /* the device has no interrupt pin */
    }
    level = !!level;
    change = level - pci_irq_state(d, pin);
    if (!change) {
        return;
    }
    d->irq_state = (d->irq_state & ~(1 << pin)) | (level << pin);
    if (d->irq_state) {
        pci_word_test_and_set_mask(d->config + PCI_STATUS,
                                   PCI_STATUS_INTERRUPT);
    } else {
        pci_word_test_and_clear_mask(d->config + PCI_STATUS,
                                     PCI_STATUS_INTERRUPT);
    }
    if (pci_irq_disabled(d)) {
        return;
    }
    pci_change_irq_level(d, pin, change);
}

static void pci_irq_handler(void *opaque, int n, int level)
{
    pci_set_irq(opaque, level);
}

qemu_irq pci_allocate_irq(PCIDevice *pci_dev)
{
    return qemu_allocate_irq(pci_irq_handler, pci_dev, 0);
}

/* Interrupt Disable toggled: withdraw or re-assert the asserted pins. */
static void pci_update_irq_disabled(PCIDevice *d, bool was_disabled)
{
    int i, disabled = pci_irq_disabled(d);

    if (disabled == was_disabled) {
        return;
    }
    for (i = 0; i < PCI_NUM_PINS; i++) {
        if (pci_irq_state(d, i)) {
            pci_change_irq_level(d, i, disabled ? -1 : 1);
        }
    }
}

/* ---- BARs --------------------------------------------------------- */

static uint32_t pci_bar(PCIDevice *d, int reg)
{
    return reg == PCI_ROM_SLOT ? PCI_ROM_ADDRESS
                               : PCI_BASE_ADDRESS_0 + reg * 4;
}

void pci_register_bar(PCIDevice *pci_dev, int region_num,
                      uint8_t type, MemoryRegion *memory)
{
    PCIIORegion *r;
    uint32_t addr;
    uint64_t wmask;
    pcibus_t size = memory_region_size(memory);
    PCIBus *bus = pci_get_bus(pci_dev);

    assert(region_num >= 0 && region_num < PCI_NUM_REGIONS);
    assert(is_power_of_2(size));
    r = &pci_dev->io_regions[region_num];
    assert(!r->size);
    r->addr = PCI_BAR_UNMAPPED;
    r->size = size;
    r->type = type;
    r->memory = memory;
    r->address_space = (type & PCI_BASE_ADDRESS_SPACE_IO)
                       ? bus->address_space_io : bus->address_space_mem;

    wmask = ~(size - 1);
    if (region_num == PCI_ROM_SLOT) {
        wmask |= PCI_ROM_ADDRESS_ENABLE;
    }
    addr = pci_bar(pci_dev, region_num);
    pci_set_long(pci_dev->config + addr, type);
    if (!(type & PCI_BASE_ADDRESS_SPACE_IO) &&
        (type & PCI_BASE_ADDRESS_MEM_TYPE_64)) {
        pci_set_quad(pci_dev->wmask + addr, wmask);
        pci_set_quad(pci_dev->cmask + addr, ~0ULL);
    } else {
        pci_set_long(pci_dev->wmask + addr, wmask & 0xffffffff);
        pci_set_long(pci_dev->cmask + addr, 0xffffffff);
    }
}

pcibus_t pci_get_bar_addr(PCIDevice *pci_dev, int region_num)
{
    return pci_dev->io_regions[region_num].addr;
}

/* Where the guest placed BAR @reg, or PCI_BAR_UNMAPPED. */
static pcibus_t pci_bar_address(PCIDevice *d, int reg, uint8_t type,
                                pcibus_t size)
{
    pcibus_t new_addr, last;
    uint32_t bar = pci_bar(d, reg);
    uint16_t cmd = pci_get_word(d->config + PCI_COMMAND);

    if (type & PCI_BASE_ADDRESS_SPACE_IO) {
        if (!(cmd & PCI_COMMAND_IO)) {
            return PCI_BAR_UNMAPPED;
        }
        new_addr = pci_get_long(d->config + bar) & ~(size - 1);
        last = new_addr + size - 1;
        /* Only 64K of I/O space; 0 means "not programmed". */
        if (last <= new_addr || new_addr == 0 || last > 0xffff) {
            return PCI_BAR_UNMAPPED;
        }
        return new_addr;
    }
    if (!(cmd & PCI_COMMAND_MEMORY)) {
        return PCI_BAR_UNMAPPED;
    }
    if (type & PCI_BASE_ADDRESS_MEM_TYPE_64) {
        new_addr = pci_get_quad(d->config + bar);
    } else {
        new_addr = pci_get_long(d->config + bar);
    }
    if (reg == PCI_ROM_SLOT && !(new_addr & PCI_ROM_ADDRESS_ENABLE)) {
        return PCI_BAR_UNMAPPED;
    }
    new_addr &= ~(size - 1);
    last = new_addr + size - 1;
    if (last <= new_addr || new_addr == 0 || new_addr == PCI_BAR_UNMAPPED) {
        return PCI_BAR_UNMAPPED;
    }
    /* A 32-bit BAR being sized (all ones) must not map at the top. */
    if (!(type & PCI_BASE_ADDRESS_MEM_TYPE_64) && last >= UINT32_MAX) {
        return PCI_BAR_UNMAPPED;
    }
    return new_addr;
}

void pci_update_mappings(PCIDevice *d)
{
    int i;

    for (i = 0; i < PCI_NUM_REGIONS; i++) {
        PCIIORegion *r = &d->io_regions[i];
        pcibus_t new_addr;

        if (!r->size) {
            continue;
        }
        new_addr = pci_bar_address(d, i, r->type, r->size);
        if (new_addr == r->addr) {
            continue;
        }
        if (r->addr != PCI_BAR_UNMAPPED) {
            memory_region_del_subregion(r->address_space, r->memory);
        }
        r->addr = new_addr;
        if (r->addr != PCI_BAR_UNMAPPED) {
            memory_region_add_subregion_overlap(r->address_space, r->addr,
                                                r->memory, 1);
        }
    }
}

/* ---- Config space ------------------------------------------------- */

uint32_t pci_default_read_config(PCIDevice *d, uint32_t address, int len)
{
    uint32_t val = 0;
    int i;

    assert(address + len <= pci_config_size(d));
    for (i = 0; i < len; i++) {
        val |= (uint32_t)d->config[address + i] << (8 * i);
    }
    return val;
}

void pci_default_write_config(PCIDevice *d, uint32_t addr, uint32_t val_in,
                              int l)
{
    int i;
    bool was_irq_disabled = pci_irq_disabled(d);
    uint32_t val = val_in;

    assert(addr + l <= pci_config_size(d));
    for (i = 0; i < l; val >>= 8, ++i) {
        uint8_t wmask = d->wmask[addr + i];
        uint8_t w1cmask = d->w1cmask[addr + i];

        d->config[addr + i] = (d->config[addr + i] & ~wmask) | (val & wmask);
        d->config[addr + i] &= ~(val & w1cmask);
    }
    if (ranges_overlap(addr, l, PCI_BASE_ADDRESS_0, 24) ||
        ranges_overlap(addr, l, PCI_ROM_ADDRESS, 4) ||
        ranges_overlap(addr, l, PCI_COMMAND, 2)) {
        pci_update_mappings(d);
    }
    if (ranges_overlap(addr, l, PCI_COMMAND, 2)) {
        pci_update_irq_disabled(d, was_irq_disabled);
    }
    msi_write_config(d, addr, val_in, l);
    msix_write_config(d, addr, val_in, l);
}

/* ---- Capabilities ------------------------------------------------- */

static uint8_t pci_find_space(PCIDevice *pdev, uint8_t size)
{
    int offset, i;

    for (offset = PCI_STD_HEADER_SIZEOF;
         offset + size <= PCI_CFG_SPACE_SIZE; offset += 4) {
        for (i = 0; i < size && !pdev->used[offset + i]; i++) {
            /* scan */
        }
        if (i == size) {
            return offset;
        }
    }
    return 0;
}

static uint8_t pci_find_capability_list(PCIDevice *pdev, uint8_t cap_id,
                                        uint8_t *prev_p)
{
    uint8_t next, prev;
    int guard = 0;

    if (!(pdev->config[PCI_STATUS] & PCI_STATUS_CAP_LIST)) {
        return 0;
    }
    for (prev = PCI_CAPABILITY_LIST; (next = pdev->config[prev]) &&
         guard < 64; prev = next + PCI_CAP_LIST_NEXT, guard++) {
        if (pdev->config[next + PCI_CAP_LIST_ID] == cap_id) {
            break;
        }
    }
    if (prev_p) {
        *prev_p = prev;
    }
    return guard < 64 ? next : 0;
}

uint8_t pci_find_capability(PCIDevice *pdev, uint8_t cap_id)
{
    return pci_find_capability_list(pdev, cap_id, NULL);
}

int pci_add_capability(PCIDevice *pdev, uint8_t cap_id, uint8_t offset,
                       uint8_t size, Error **errp)
{
    uint8_t *config;
    int i, overlapping_cap;

    if (!offset) {
        offset = pci_find_space(pdev, size);
        if (!offset) {
            error_setg(errp, "%s: no space for PCI capability %x",
                       pdev->name, cap_id);
            return -ENOSPC;
        }
    } else {
        /* Verify that capabilities don't overlap. */
        for (i = offset; i < offset + size; i++) {
            if (i >= PCI_CFG_SPACE_SIZE) {
                error_setg(errp, "%s: PCI capability %x at offset %x does "
                           "not fit in config space", pdev->name, cap_id,
                           offset);
                return -EINVAL;
            }
            overlapping_cap = pdev->used[i];
            if (overlapping_cap) {
                error_setg(errp, "%s:%02x:%02x.%x "
                           "Attempt to add PCI capability %x at offset "
                           "%x overlaps existing capability at offset %x",
                           pdev->name, pci_bus_num(pci_get_bus(pdev)),
                           PCI_SLOT(pdev->devfn), PCI_FUNC(pdev->devfn),
                           cap_id, offset, i);
                return -EINVAL;
            }
        }
    }

    config = pdev->config + offset;
    config[PCI_CAP_LIST_ID] = cap_id;
    config[PCI_CAP_LIST_NEXT] = pdev->config[PCI_CAPABILITY_LIST];
    pdev->config[PCI_CAPABILITY_LIST] = offset;
    pdev->config[PCI_STATUS] |= PCI_STATUS_CAP_LIST;
    memset(pdev->used + offset, 0xff, QEMU_ALIGN_UP(size, 4) >
           PCI_CFG_SPACE_SIZE - offset ? PCI_CFG_SPACE_SIZE - offset
                                       : QEMU_ALIGN_UP(size, 4));
    /* The capability is read-only unless its owner opens bits. */
    memset(pdev->wmask + offset, 0, size);
    memset(pdev->w1cmask + offset, 0, size);
    memset(pdev->cmask + offset, 0xff, size);
    return offset;
}

void pci_del_capability(PCIDevice *pdev, uint8_t cap_id, uint8_t size)
{
    uint8_t prev, offset = pci_find_capability_list(pdev, cap_id, &prev);

    if (!offset) {
        return;
    }
    pdev->config[prev] = pdev->config[offset + PCI_CAP_LIST_NEXT];
    memset(pdev->wmask + offset, 0xff, size);
    memset(pdev->w1cmask + offset, 0, size);
    memset(pdev->cmask + offset, 0, size);
    memset(pdev->used + offset, 0, QEMU_ALIGN_UP(size, 4));
    if (!pdev->config[PCI_CAPABILITY_LIST]) {
        pdev->config[PCI_STATUS] &= ~PCI_STATUS_CAP_LIST;
    }
}

/* ---- Device ------------------------------------------------------- */

static void pci_init_masks(PCIDevice *d)
{
    /* Header bytes the guest may change. */
    d->wmask[PCI_CACHE_LINE_SIZE] = 0xff;
    d->wmask[PCI_LATENCY_TIMER] = 0xff;
    d->wmask[PCI_INTERRUPT_LINE] = 0xff;
    pci_set_word(d->wmask + PCI_COMMAND,
                 PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER |
                 PCI_COMMAND_PARITY | PCI_COMMAND_SERR |
                 PCI_COMMAND_INTX_DISABLE);
    /* Capability bytes beyond the header start writable (QEMU rule). */
    memset(d->wmask + PCI_STD_HEADER_SIZEOF, 0xff,
           PCI_CFG_SPACE_SIZE - PCI_STD_HEADER_SIZEOF);
    pci_set_word(d->w1cmask + PCI_STATUS,
                 PCI_STATUS_PARITY | PCI_STATUS_SIG_TARGET_ABORT |
                 PCI_STATUS_REC_TARGET_ABORT | PCI_STATUS_REC_MASTER_ABORT |
                 PCI_STATUS_SIG_SYSTEM_ERROR | PCI_STATUS_DETECTED_PARITY);
    /* Identity bytes are checked, never written. */
    pci_set_word(d->cmask + PCI_VENDOR_ID, 0xffff);
    pci_set_word(d->cmask + PCI_DEVICE_ID, 0xffff);
    d->cmask[PCI_STATUS] = PCI_STATUS_CAP_LIST;
    pci_set_long(d->cmask + PCI_CLASS_REVISION, 0xffffffff);
    d->cmask[PCI_HEADER_TYPE] = 0xff;
    memset(d->used, 0xff, PCI_STD_HEADER_SIZEOF);
}

/* Lower every asserted pin so the bus's line counts stay balanced. */
static void pci_device_deassert_intx(PCIDevice *dev)
{
    int i;

    for (i = 0; i < PCI_NUM_PINS; i++) {
        if (pci_irq_state(dev, i)) {
            dev->irq_state &= ~(1 << i);
            if (!pci_irq_disabled(dev)) {
                pci_change_irq_level(dev, i, -1);
            }
        }
    }
}

void pci_device_reset(PCIDevice *dev)
{
    int r;

    pci_device_deassert_intx(dev);
    dev->irq_state = 0;
    pci_word_test_and_clear_mask(dev->config + PCI_STATUS,
                                 PCI_STATUS_INTERRUPT);
    pci_word_test_and_clear_mask(dev->config + PCI_COMMAND,
                                 pci_get_word(dev->wmask + PCI_COMMAND) |
                                 pci_get_word(dev->w1cmask + PCI_COMMAND));
    pci_word_test_and_clear_mask(dev->config + PCI_STATUS,
                                 pci_get_word(dev->wmask + PCI_STATUS) |
                                 pci_get_word(dev->w1cmask + PCI_STATUS));
    dev->config[PCI_CACHE_LINE_SIZE] = 0;
    dev->config[PCI_INTERRUPT_LINE] = 0;
    for (r = 0; r < PCI_NUM_REGIONS; ++r) {
        PCIIORegion *region = &dev->io_regions[r];
        uint32_t bar = pci_bar(dev, r);

        if (!region->size) {
            continue;
        }
        if (!(region->type & PCI_BASE_ADDRESS_SPACE_IO) &&
            (region->type & PCI_BASE_ADDRESS_MEM_TYPE_64)) {
            pci_set_quad(dev->config + bar, region->type);
        } else {
            pci_set_long(dev->config + bar, region->type);
        }
    }
    pci_update_mappings(dev);
    msi_reset(dev);
    msix_reset(dev);
}

int pci_parse_devfn(const char *str)
{
    unsigned long slot, fn = 0;
    char *end;

    if (!str || !*str) {
        return -1;
    }
    errno = 0;
    slot = strtoul(str, &end, 16);
    if (errno || end == str || slot > 0x1f) {
        return -1;
    }
    if (*end == '.') {
        const char *f = end + 1;
        fn = strtoul(f, &end, 16);
        if (end == f || fn > 7) {
            return -1;
        }
    }
    if (*end) {
        return -1;
    }
    return PCI_DEVFN(slot, fn);
}

static bool pci_bus_devfn_available(PCIBus *bus, int devfn)
{
    return !bus->devices[devfn];
}

static bool pci_bus_devfn_reserved(PCIBus *bus, int devfn)
{
    return bus->slot_reserved_mask & (1u << PCI_SLOT(devfn));
}

/* Multifunction rules (PCI spec 6.2.5.4 as QEMU enforces them). */
static void pci_init_multifunction(PCIBus *bus, PCIDevice *dev, Error **errp)
{
    uint8_t slot = PCI_SLOT(dev->devfn);
    uint8_t func;

    if (dev->cap_present & QEMU_PCI_CAP_MULTIFUNCTION) {
        dev->config[PCI_HEADER_TYPE] |= PCI_HEADER_TYPE_MULTI_FUNCTION;
    }
    if (PCI_FUNC(dev->devfn)) {
        PCIDevice *f0 = bus->devices[PCI_DEVFN(slot, 0)];
        if (f0 && !(f0->cap_present & QEMU_PCI_CAP_MULTIFUNCTION)) {
            error_setg(errp, "PCI: single function device can't be populated "
                       "in function %x.%x", slot, PCI_FUNC(dev->devfn));
        }
        return;
    }
    if (dev->cap_present & QEMU_PCI_CAP_MULTIFUNCTION) {
        return;
    }
    for (func = 1; func < PCI_FUNC_MAX; ++func) {
        if (bus->devices[PCI_DEVFN(slot, func)]) {
            error_setg(errp, "PCI: %x.0 indicates single function, "
                       "but %x.%x is already populated.", slot, slot, func);
            return;
        }
    }
}

static void do_pci_unregister_device(PCIDevice *pci_dev)
{
    PCIBus *bus = pci_get_bus(pci_dev);
    int i;

    if (pci_dev->config) {
        pci_device_deassert_intx(pci_dev);
    }
    for (i = 0; i < PCI_NUM_REGIONS; i++) {
        PCIIORegion *r = &pci_dev->io_regions[i];
        if (r->size && r->addr != PCI_BAR_UNMAPPED) {
            memory_region_del_subregion(r->address_space, r->memory);
            r->addr = PCI_BAR_UNMAPPED;
        }
    }
    if (bus->devices[pci_dev->devfn] == pci_dev) {
        bus->devices[pci_dev->devfn] = NULL;
    }
    g_free(pci_dev->config);
    g_free(pci_dev->cmask);
    g_free(pci_dev->wmask);
    g_free(pci_dev->w1cmask);
    g_free(pci_dev->used);
    pci_dev->config = pci_dev->cmask = pci_dev->wmask = NULL;
    pci_dev->w1cmask = pci_dev->used = NULL;
}

/* Claim a devfn, set up config space and identity; the core of realize. */
static bool do_pci_register_device(PCIDevice *pci_dev, const char *name,
                                   int devfn, Error **errp)
{
    PCIDeviceClass *pc = PCI_DEVICE_GET_CLASS(pci_dev);
    PCIBus *bus = pci_get_bus(pci_dev);
    PCIDevice *used;

    if (devfn < 0) {
        for (devfn = bus->devfn_min; devfn < ARRAY_SIZE(bus->devices);
             devfn += PCI_FUNC_MAX) {
            if (pci_bus_devfn_available(bus, devfn) &&
                !pci_bus_devfn_reserved(bus, devfn)) {
                goto found;
            }
        }
        error_setg(errp, "PCI: no slot/function available for %s, all in "
                   "use or reserved", name);
        return false;
found:;
    } else if (devfn >= PCI_DEVFN_MAX) {
        error_setg(errp, "PCI: invalid devfn %d for %s", devfn, name);
        return false;
    } else if (pci_bus_devfn_reserved(bus, devfn)) {
        error_setg(errp, "PCI: slot %d function %d not available for %s,"
                   " reserved", PCI_SLOT(devfn), PCI_FUNC(devfn), name);
        return false;
    } else if (!pci_bus_devfn_available(bus, devfn)) {
        used = bus->devices[devfn];
        error_setg(errp, "PCI: slot %d function %d not available for %s,"
                   " in use by %s,id=%s", PCI_SLOT(devfn), PCI_FUNC(devfn),
                   name, used->name,
                   DEVICE(used)->id ? DEVICE(used)->id : "(null)");
        return false;
    }

    pci_dev->devfn = devfn;
    snprintf(pci_dev->name, sizeof(pci_dev->name), "%s", name);
    pci_dev->config = g_malloc0(PCI_CFG_SPACE_SIZE);
    pci_dev->cmask = g_malloc0(PCI_CFG_SPACE_SIZE);
    pci_dev->wmask = g_malloc0(PCI_CFG_SPACE_SIZE);
    pci_dev->w1cmask = g_malloc0(PCI_CFG_SPACE_SIZE);
    pci_dev->used = g_malloc0(PCI_CFG_SPACE_SIZE);
    pci_dev->irq_state = 0;

    pci_config_set_vendor_id(pci_dev->config, pc->vendor_id);
    pci_config_set_device_id(pci_dev->config, pc->device_id);
    pci_config_set_revision(pci_dev->config, pc->revision);
    pci_config_set_class(pci_dev->config, pc->class_id);
    if (!pc->is_bridge) {
        if (pc->subsystem_vendor_id || pc->subsystem_id) {
            pci_set_word(pci_dev->config + PCI_SUBSYSTEM_VENDOR_ID,
                         pc->subsystem_vendor_id);
            pci_set_word(pci_dev->config + PCI_SUBSYSTEM_ID,
                         pc->subsystem_id);
        } else {
            pci_set_word(pci_dev->config + PCI_SUBSYSTEM_VENDOR_ID,
                         PCI_SUBVENDOR_ID_REDHAT_QUMRANET);
            pci_set_word(pci_dev->config + PCI_SUBSYSTEM_ID,
                         PCI_SUBDEVICE_ID_QEMU);
        }
    }
    pci_dev->config[PCI_HEADER_TYPE] = pc->is_bridge ?
        PCI_HEADER_TYPE_BRIDGE : PCI_HEADER_TYPE_NORMAL;
    pci_init_masks(pci_dev);

    {
        Error *local_err = NULL;
        pci_init_multifunction(bus, pci_dev, &local_err);
        if (local_err) {
            error_propagate(errp, local_err);
            do_pci_unregister_device(pci_dev);
            return false;
        }
    }

    pci_dev->config_read = pc->config_read ? pc->config_read
                                           : pci_default_read_config;
    pci_dev->config_write = pc->config_write ? pc->config_write
                                             : pci_default_write_config;
    if (!pci_dev->msi_trigger) {
        pci_dev->msi_trigger = pci_default_msi_trigger;
    }
    bus->devices[devfn] = pci_dev;
    return true;
}

static void pci_qdev_realize(DeviceState *qdev, Error **errp)
{
    PCIDevice *pci_dev = PCI_DEVICE(qdev);
    PCIDeviceClass *pc = PCI_DEVICE_GET_CLASS(pci_dev);
    Error *local_err = NULL;

    if (!do_pci_register_device(pci_dev, object_get_typename(OBJECT(qdev)),
                                pci_dev->devfn, errp)) {
        return;
    }
    if (pc->realize) {
        pc->realize(pci_dev, &local_err);
        if (local_err) {
            error_propagate(errp, local_err);
            do_pci_unregister_device(pci_dev);
            return;
        }
    }
    /*
     * Option ROMs are not loaded: only romfile="" (no ROM) has an
     * effect, which is also what booting without firmware needs.
     */
    pci_dev->has_rom = false;
}

static void pci_qdev_unrealize(DeviceState *dev)
{
    PCIDevice *pci_dev = PCI_DEVICE(dev);
    PCIDeviceClass *pc = PCI_DEVICE_GET_CLASS(pci_dev);

    if (pc->exit) {
        pc->exit(pci_dev);
    }
    do_pci_unregister_device(pci_dev);
}

static Property pci_props[] = {
    DEFINE_PROP_PCI_DEVFN("addr", PCIDevice, devfn, -1),
    DEFINE_PROP_STRING("romfile", PCIDevice, romfile),
    DEFINE_PROP_UINT32("rombar", PCIDevice, rom_bar, 1),
    DEFINE_PROP_BIT("multifunction", PCIDevice, cap_present,
                    QEMU_PCI_CAP_MULTIFUNCTION_BITNR, false),
    DEFINE_PROP_END_OF_LIST()
};

static void pci_device_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *k = DEVICE_CLASS(klass);

    k->realize = pci_qdev_realize;
    k->unrealize = pci_qdev_unrealize;
    k->bus_type = TYPE_PCI_BUS;
    device_class_set_props(k, pci_props);
}

static const TypeInfo pci_device_type_info = {
    .name = TYPE_PCI_DEVICE,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(PCIDevice),
    .abstract = true,
    .class_size = sizeof(PCIDeviceClass),
    .class_init = pci_device_class_init,
};

static const TypeInfo conventional_pci_interface_info = {
    .name = INTERFACE_CONVENTIONAL_PCI_DEVICE,
    .parent = TYPE_INTERFACE,
};

static const TypeInfo pcie_interface_info = {
    .name = INTERFACE_PCIE_DEVICE,
    .parent = TYPE_INTERFACE,
};

/* ---- Creation helpers --------------------------------------------- */

PCIDevice *pci_new_multifunction(int devfn, bool multifunction,
                                 const char *name)
{
    DeviceState *dev = qdev_new(name);
    PCIDevice *d = PCI_DEVICE(dev);

    d->devfn = devfn;
    if (multifunction) {
        d->cap_present |= QEMU_PCI_CAP_MULTIFUNCTION;
    }
    return d;
}

PCIDevice *pci_new(int devfn, const char *name)
{
    return pci_new_multifunction(devfn, false, name);
}

bool pci_realize_and_unref(PCIDevice *dev, PCIBus *bus, Error **errp)
{
    return qdev_realize_and_unref(&dev->qdev, &bus->qbus, errp);
}

PCIDevice *pci_create_simple_multifunction(PCIBus *bus, int devfn,
                                           bool multifunction,
                                           const char *name)
{
    PCIDevice *dev = pci_new_multifunction(devfn, multifunction, name);

    pci_realize_and_unref(dev, bus, &error_fatal);
    return dev;
}

PCIDevice *pci_create_simple(PCIBus *bus, int devfn, const char *name)
{
    return pci_create_simple_multifunction(bus, devfn, false, name);
}

/* ---- DMA ---------------------------------------------------------- */

AddressSpace *pci_get_address_space(PCIDevice *dev)
{
    return &address_space_memory;
}

int pci_dma_rw(PCIDevice *dev, uint64_t addr, void *buf, uint64_t len,
               bool is_write)
{
    /* Without Bus Master Enable the device cannot reach memory. */
    if (!(pci_get_word(dev->config + PCI_COMMAND) & PCI_COMMAND_MASTER)) {
        if (!is_write) {
            memset(buf, 0xff, len);
        }
        return -1;
    }
    return address_space_rw(pci_get_address_space(dev), addr,
                            MEMTXATTRS_UNSPECIFIED, buf, len,
                            is_write) == MEMTX_OK ? 0 : -1;
}

/* ---- Listing ------------------------------------------------------ */

static const struct {
    uint16_t class;
    const char *desc;
} pci_class_descriptions[] = {
    { 0x0001, "VGA controller" },
    { 0x0100, "SCSI controller" },
    { 0x0101, "IDE controller" },
    { 0x0102, "Floppy controller" },
    { 0x0106, "SATA controller" },
    { 0x0108, "NVMe controller" },
    { 0x0180, "Storage controller" },
    { 0x0200, "Ethernet controller" },
    { 0x0280, "Network controller" },
    { 0x0300, "VGA controller" },
    { 0x0380, "Display controller" },
    { 0x0401, "Audio controller" },
    { 0x0403, "Audio controller" },
    { 0x0500, "RAM controller" },
    { 0x0600, "Host bridge" },
    { 0x0601, "ISA bridge" },
    { 0x0604, "PCI bridge" },
    { 0x0680, "Bridge" },
    { 0x0700, "Serial port" },
    { 0x0780, "Communication controller" },
    { 0x0880, "System peripheral" },
    { 0x0c03, "USB controller" },
    { 0, NULL }
};

static const char *pci_class_desc(uint16_t class)
{
    int i;

    for (i = 0; pci_class_descriptions[i].desc; i++) {
        if (pci_class_descriptions[i].class == class) {
            return pci_class_descriptions[i].desc;
        }
    }
    return NULL;
}

static void pci_query_one(PCIBus *bus, PCIDevice *d, void *opaque)
{
    GArray *out = opaque;
    PCIDeviceInfoEntry e = { 0 };
    int i;

    e.bus = pci_bus_num(bus);
    e.slot = PCI_SLOT(d->devfn);
    e.func = PCI_FUNC(d->devfn);
    e.vendor_id = pci_get_word(d->config + PCI_VENDOR_ID);
    e.device_id = pci_get_word(d->config + PCI_DEVICE_ID);
    e.class_id = pci_get_word(d->config + PCI_CLASS_DEVICE);
    e.subsystem_vendor_id = pci_get_word(d->config + PCI_SUBSYSTEM_VENDOR_ID);
    e.subsystem_id = pci_get_word(d->config + PCI_SUBSYSTEM_ID);
    e.revision = d->config[PCI_REVISION_ID];
    e.irq = d->config[PCI_INTERRUPT_LINE];
    e.irq_pin = d->config[PCI_INTERRUPT_PIN];
    e.qdev_id = DEVICE(d)->id ? DEVICE(d)->id : "";
    e.desc = pci_class_desc(e.class_id);
    for (i = 0; i < PCI_NUM_REGIONS; i++) {
        PCIIORegion *r = &d->io_regions[i];
        if (!r->size) {
            continue;
        }
        e.bars[e.nr_bars].bar = i;
        e.bars[e.nr_bars].is_io = r->type & PCI_BASE_ADDRESS_SPACE_IO;
        e.bars[e.nr_bars].is_64 = !e.bars[e.nr_bars].is_io &&
                                  (r->type & PCI_BASE_ADDRESS_MEM_TYPE_64);
        e.bars[e.nr_bars].prefetch = !e.bars[e.nr_bars].is_io &&
                                     (r->type & PCI_BASE_ADDRESS_MEM_PREFETCH);
        e.bars[e.nr_bars].addr = r->addr;
        e.bars[e.nr_bars].size = r->size;
        e.nr_bars++;
    }
    g_array_append_val(out, e);
}

GArray *pci_query_devices(PCIBus *bus)
{
    GArray *out = g_array_new(false, true, sizeof(PCIDeviceInfoEntry));

    if (!bus) {
        bus = default_bus;
    }
    if (bus) {
        pci_for_each_device(bus, pci_bus_num(bus), pci_query_one, out);
    }
    return out;
}

char *pci_info_string(PCIBus *bus)
{
    GArray *devs = pci_query_devices(bus);
    GString *s = g_string_new(NULL);
    int i, j;

    for (i = 0; i < devs->len; i++) {
        PCIDeviceInfoEntry *e = &g_array_index(devs, PCIDeviceInfoEntry, i);

        g_string_append_printf(s, "  Bus %2d, device %3d, function %d:\n",
                               e->bus, e->slot, e->func);
        if (e->desc) {
            g_string_append_printf(s, "    %s", e->desc);
        } else {
            /* QEMU prints the class number in decimal here. */
            g_string_append_printf(s, "    Class %04d", e->class_id);
        }
        g_string_append_printf(s, ": PCI device %04x:%04x\n",
                               e->vendor_id, e->device_id);
        g_string_append_printf(s, "      PCI subsystem %04x:%04x\n",
                               e->subsystem_vendor_id, e->subsystem_id);
        if (e->irq_pin) {
            g_string_append_printf(s, "      IRQ %d, pin %c\n", e->irq,
                                   'A' + e->irq_pin - 1);
        }
        for (j = 0; j < e->nr_bars; j++) {
            pcibus_t a = e->bars[j].addr, sz = e->bars[j].size;
            if (e->bars[j].is_io) {
                g_string_append_printf(s, "      BAR%d: I/O at 0x%04" PRIx64
                                       " [0x%04" PRIx64 "].\n",
                                       e->bars[j].bar, a, a + sz - 1);
            } else {
                g_string_append_printf(s, "      BAR%d: %d bit%s memory at "
                                       "0x%08" PRIx64 " [0x%08" PRIx64 "].\n",
                                       e->bars[j].bar,
                                       e->bars[j].is_64 ? 64 : 32,
                                       e->bars[j].prefetch ? " prefetchable"
                                                           : "",
                                       a, a + sz - 1);
            }
        }
        g_string_append_printf(s, "      id \"%s\"\n", e->qdev_id);
    }
    g_array_free(devs, true);
    return g_string_free(s, false);
}

static void pci_register_types(void)
{
    type_register_static(&pci_bus_info);
    type_register_static(&pcie_bus_info);
    type_register_static(&conventional_pci_interface_info);
    type_register_static(&pcie_interface_info);
    type_register_static(&pci_device_type_info);
}

type_init(pci_register_types)
