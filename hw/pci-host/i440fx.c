/*
 * i440FX host bridge: the "i440FX-pcihost" system-bus device owns the
 * root PCI bus and the 0xcf8/0xcfc configuration ports; the "i440FX"
 * PCI function (00.0, 8086:1237) holds the PMC's registers (PAM,
 * SMRAM), which are stored for the guest to read back.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/module.h"
#include "exec/address-spaces.h"
#include "hw/pci/pci_host.h"
#include "hw/i386/pc.h"
#include "hw/qdev-properties.h"
#include "hw/sysbus.h"

#define I440FX_PAM      0x59
#define I440FX_PAM_SIZE 7
#define I440FX_SMRAM    0x72

OBJECT_DECLARE_SIMPLE_TYPE(I440FXState, I440FX_PCI_HOST_BRIDGE)

struct I440FXState {
    PCIHostState parent_obj;

    MemoryRegion *system_memory;
    MemoryRegion *io_memory;
    MemoryRegion *pci_address_space;
    MemoryRegion *ram_memory;
    char *pci_type;
    uint64_t pci_hole64_size;
    uint32_t short_root_bus;
};

/*
 * PAM: each of the 13 segments of 0xc0000-0xfffff reads/writes either
 * PCI (where the isa-bios alias lives) or the RAM underneath.
 */
#define PAM_REGIONS 13

typedef struct PAMRegion {
    MemoryRegion alias[3];      /* PCI, RAM read-only, RAM read-write */
    int current;
} PAMRegion;

typedef struct PCII440FXState {
    PCIDevice parent_obj;

    MemoryRegion *system_memory;
    MemoryRegion *pci_address_space;
    MemoryRegion *ram_memory;
    MemoryRegion low_smram;     /* 0xa0000-0xbffff goes to PCI (VGA) */
    PAMRegion pam[PAM_REGIONS];
    bool pam_ready;
} PCII440FXState;

#define I440FX_DEV(obj) ((PCII440FXState *)(obj))

static void pam_region_geometry(int idx, uint32_t *start, uint32_t *size,
                                int *reg, int *shift)
{
    if (idx == 0) {
        *start = 0xf0000;
        *size = 0x10000;
        *reg = I440FX_PAM;
        *shift = 4;
    } else {
        *start = 0xc0000 + (idx - 1) * 0x4000;
        *size = 0x4000;
        *reg = I440FX_PAM + 1 + (idx - 1) / 2;
        *shift = ((idx - 1) & 1) ? 4 : 0;
    }
}

static void i440fx_update_memory_mappings(PCII440FXState *d)
{
    int i;

    if (!d->pam_ready) {
        return;
    }
    memory_region_transaction_begin();
    for (i = 0; i < PAM_REGIONS; i++) {
        uint32_t start, size;
        int reg, shift, attr, want;

        pam_region_geometry(i, &start, &size, &reg, &shift);
        attr = (d->parent_obj.config[reg] >> shift) & 3;
        /* RE+WE: RAM; RE only: RAM read-only; otherwise PCI. */
        want = attr == 3 ? 2 : attr == 1 ? 1 : 0;
        if (want != d->pam[i].current) {
            memory_region_set_enabled(&d->pam[i].alias[d->pam[i].current],
                                      false);
            memory_region_set_enabled(&d->pam[i].alias[want], true);
            d->pam[i].current = want;
        }
    }
    memory_region_transaction_commit();
}

static void i440fx_init_pam(PCII440FXState *d, MemoryRegion *system_memory,
                            MemoryRegion *pci_space, MemoryRegion *ram)
{
    int i, j;
    static const char *const names[3] = { "pam-pci", "pam-rom", "pam-ram" };

    d->system_memory = system_memory;
    d->pci_address_space = pci_space;
    d->ram_memory = ram;

    memory_region_init_alias(&d->low_smram, OBJECT(d), "smram-region",
                             pci_space, 0xa0000, 0x20000);
    memory_region_add_subregion_overlap(system_memory, 0xa0000,
                                        &d->low_smram, 1);
    for (i = 0; i < PAM_REGIONS; i++) {
        uint32_t start, size;
        int reg, shift;

        pam_region_geometry(i, &start, &size, &reg, &shift);
        for (j = 0; j < 3; j++) {
            memory_region_init_alias(&d->pam[i].alias[j], OBJECT(d),
                                     names[j], j ? ram : pci_space,
                                     start, size);
            if (j == 1) {
                memory_region_set_readonly(&d->pam[i].alias[j], true);
            }
            memory_region_set_enabled(&d->pam[i].alias[j], j == 0);
            memory_region_add_subregion_overlap(system_memory, start,
                                                &d->pam[i].alias[j], 1);
        }
        d->pam[i].current = 0;
    }
    d->pam_ready = true;
    i440fx_update_memory_mappings(d);
}

static void i440fx_write_config(PCIDevice *dev, uint32_t address,
                                uint32_t val, int len)
{
    pci_default_write_config(dev, address, val, len);
    if (address < I440FX_PAM + I440FX_PAM_SIZE &&
        address + len > I440FX_PAM) {
        i440fx_update_memory_mappings(I440FX_DEV(dev));
    }
}

static void i440fx_pcihost_realize(DeviceState *dev, Error **errp)
{
    PCIHostState *s = PCI_HOST_BRIDGE(dev);
    MemoryRegion *io = get_system_io();

    memory_region_init_io(&s->conf_mem, OBJECT(dev), &pci_host_conf_le_ops,
                          s, "pci-conf-idx", 4);
    memory_region_add_subregion(io, 0xcf8, &s->conf_mem);
    memory_region_init_io(&s->data_mem, OBJECT(dev), &pci_host_data_le_ops,
                          s, "pci-conf-data", 4);
    memory_region_add_subregion(io, 0xcfc, &s->data_mem);
    /* Firmware device paths name the host bridge "/pci@i0cf8". */
    sysbus_init_ioports(SYS_BUS_DEVICE(dev), 0xcf8, 4);
    sysbus_init_ioports(SYS_BUS_DEVICE(dev), 0xcfc, 4);
}

static const char *i440fx_pcihost_root_bus_path(PCIHostState *host_bridge,
                                                PCIBus *rootbus)
{
    return "0000:00";
}

static Property i440fx_props[] = {
    DEFINE_PROP_SIZE("pci-hole64-size", I440FXState, pci_hole64_size,
                     1ULL << 31),
    DEFINE_PROP_UINT32("short_root_bus", I440FXState, short_root_bus, 0),
    DEFINE_PROP_END_OF_LIST(),
};

static void i440fx_pcihost_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    PCIHostBridgeClass *hc = PCI_HOST_BRIDGE_CLASS(klass);

    hc->root_bus_path = i440fx_pcihost_root_bus_path;
    dc->realize = i440fx_pcihost_realize;
    dc->fw_name = "pci";
    dc->user_creatable = false;
    device_class_set_props(dc, i440fx_props);
}

static const TypeInfo i440fx_pcihost_info = {
    .name = TYPE_I440FX_PCI_HOST_BRIDGE,
    .parent = TYPE_PCI_HOST_BRIDGE,
    .instance_size = sizeof(I440FXState),
    .class_init = i440fx_pcihost_class_init,
};

static void i440fx_realize(PCIDevice *dev, Error **errp)
{
    int i;

    /* PAM and SMRAM registers are writable configuration bytes. */
    for (i = 0; i < I440FX_PAM_SIZE; i++) {
        dev->wmask[I440FX_PAM + i] = 0xff;
    }
    dev->wmask[I440FX_SMRAM] = 0x78;
    dev->config[I440FX_SMRAM] = 0x02;
}

static void i440fx_reset(DeviceState *dev)
{
    PCIDevice *d = PCI_DEVICE(dev);

    memset(d->config + I440FX_PAM, 0, I440FX_PAM_SIZE);
    d->config[I440FX_SMRAM] = 0x02;
    i440fx_update_memory_mappings(I440FX_DEV(d));
}

static void i440fx_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    PCIDeviceClass *k = PCI_DEVICE_CLASS(klass);

    k->realize = i440fx_realize;
    k->config_write = i440fx_write_config;
    k->vendor_id = PCI_VENDOR_ID_INTEL;
    k->device_id = PCI_DEVICE_ID_INTEL_82441;
    k->revision = 0x02;
    k->class_id = PCI_CLASS_BRIDGE_HOST;
    dc->desc = "Host bridge";
    dc->reset = i440fx_reset;
    /* Part of the board: -device i440FX makes no sense. */
    dc->user_creatable = false;
    dc->hotpluggable = false;
}

static const TypeInfo i440fx_info = {
    .name = TYPE_I440FX_PCI_DEVICE,
    .parent = TYPE_PCI_DEVICE,
    .instance_size = sizeof(PCII440FXState),
    .class_init = i440fx_class_init,
    .interfaces = (InterfaceInfo[]) {
        { INTERFACE_CONVENTIONAL_PCI_DEVICE },
        { },
    },
};

PCIBus *i440fx_init(const char *pci_type, DeviceState *dev,
                    MemoryRegion *address_space_mem,
                    MemoryRegion *address_space_io,
                    ram_addr_t ram_size, ram_addr_t below_4g_mem_size,
                    ram_addr_t above_4g_mem_size,
                    MemoryRegion *pci_address_space, MemoryRegion *ram_memory)
{
    PCIHostState *s = PCI_HOST_BRIDGE(dev);
    I440FXState *f = I440FX_PCI_HOST_BRIDGE(dev);
    PCIDevice *d;
    PCIBus *b;

    f->system_memory = address_space_mem;
    f->io_memory = address_space_io;
    f->pci_address_space = pci_address_space;
    f->ram_memory = ram_memory;

    b = pci_root_bus_new(dev, NULL, pci_address_space, address_space_io, 0,
                         TYPE_PCI_BUS);
    s->bus = b;
    object_property_add_child(qdev_get_machine(), "i440fx", OBJECT(dev));
    sysbus_realize_and_unref(SYS_BUS_DEVICE(dev), &error_fatal);

    d = pci_create_simple(b, 0, pci_type ? pci_type : TYPE_I440FX_PCI_DEVICE);
    if (ram_memory) {
        i440fx_init_pam(I440FX_DEV(d), address_space_mem, pci_address_space,
                        ram_memory);
    }
    return b;
}

static void i440fx_register_types(void)
{
    type_register_static(&i440fx_info);
    type_register_static(&i440fx_pcihost_info);
}

type_init(i440fx_register_types)
