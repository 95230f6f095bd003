/*
 * PCI host bridge with configuration mechanism #1 (0xcf8 address,
 * 0xcfc-0xcff data on PCs).
 */
#include "qemu/osdep.h"
#include "qemu/module.h"
#include "hw/pci/pci_host.h"

static PCIDevice *pci_dev_find_by_addr(PCIBus *bus, uint32_t addr)
{
    uint8_t bus_num = addr >> 16;
    uint8_t devfn = addr >> 8;

    return pci_find_device(bus, bus_num, devfn);
}

void pci_host_config_write_common(PCIDevice *pci_dev, uint32_t addr,
                                  uint32_t limit, uint32_t val, uint32_t len)
{
    if (!pci_dev || limit <= addr) {
        return;
    }
    pci_dev->config_write(pci_dev, addr, val, MIN(len, limit - addr));
}

uint32_t pci_host_config_read_common(PCIDevice *pci_dev, uint32_t addr,
                                     uint32_t limit, uint32_t len)
{
    if (!pci_dev || limit <= addr) {
        return ~0u;
    }
    return pci_dev->config_read(pci_dev, addr, MIN(len, limit - addr));
}

void pci_data_write(PCIBus *s, uint32_t addr, uint32_t val, unsigned len)
{
    PCIDevice *pci_dev = pci_dev_find_by_addr(s, addr);
    uint32_t config_addr = addr & (PCI_CFG_SPACE_SIZE - 1);

    if (!pci_dev) {
        return;
    }
    pci_host_config_write_common(pci_dev, config_addr, PCI_CFG_SPACE_SIZE,
                                 val, len);
}

uint32_t pci_data_read(PCIBus *s, uint32_t addr, unsigned len)
{
    PCIDevice *pci_dev = pci_dev_find_by_addr(s, addr);
    uint32_t config_addr = addr & (PCI_CFG_SPACE_SIZE - 1);

    if (!pci_dev) {
        /* No device: master abort, all ones. */
        return len == 4 ? 0xffffffff : (1u << (8 * len)) - 1;
    }
    return pci_host_config_read_common(pci_dev, config_addr,
                                       PCI_CFG_SPACE_SIZE, len);
}

static void pci_host_config_write(void *opaque, hwaddr addr,
                                  uint64_t val, unsigned len)
{
    PCIHostState *s = opaque;

    if (addr == 1 && len == 1 && s->cf9_write) {
        s->cf9_write(s->cf9_opaque, val);
        return;
    }
    /* Only full dword writes at 0xcf8 latch the address. */
    if (addr != 0 || len != 4) {
        return;
    }
    s->config_reg = val;
}

static uint64_t pci_host_config_read(void *opaque, hwaddr addr, unsigned len)
{
    PCIHostState *s = opaque;

    if (addr == 1 && len == 1 && s->cf9_read) {
        return s->cf9_read(s->cf9_opaque);
    }
    return s->config_reg >> (8 * addr);
}

static void pci_host_data_write(void *opaque, hwaddr addr,
                                uint64_t val, unsigned len)
{
    PCIHostState *s = opaque;

    if (s->config_reg & (1u << 31)) {
        pci_data_write(s->bus, (s->config_reg & ~3u) | (addr & 3), val, len);
    }
}

static uint64_t pci_host_data_read(void *opaque, hwaddr addr, unsigned len)
{
    PCIHostState *s = opaque;

    if (!(s->config_reg & (1u << 31))) {
        return len == 4 ? 0xffffffff : (1u << (8 * len)) - 1;
    }
    return pci_data_read(s->bus, (s->config_reg & ~3u) | (addr & 3), len);
}

const MemoryRegionOps pci_host_conf_le_ops = {
    .read = pci_host_config_read,
    .write = pci_host_config_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = {
        .min_access_size = 1,
        .max_access_size = 4,
    },
    .impl = {
        .min_access_size = 1,
        .max_access_size = 4,
    },
};

const MemoryRegionOps pci_host_data_le_ops = {
    .read = pci_host_data_read,
    .write = pci_host_data_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = {
        .min_access_size = 1,
        .max_access_size = 4,
    },
    .impl = {
        .min_access_size = 1,
        .max_access_size = 4,
    },
};

static const TypeInfo pci_host_type_info = {
    .name = TYPE_PCI_HOST_BRIDGE,
    .parent = TYPE_SYS_BUS_DEVICE,
    .abstract = true,
    .class_size = sizeof(PCIHostBridgeClass),
    .instance_size = sizeof(PCIHostState),
};

static void pci_host_register_types(void)
{
    type_register_static(&pci_host_type_info);
}

type_init(pci_host_register_types)
