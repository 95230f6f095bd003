/*
 * Minimal PIIX4 power-management function at 01.3 (8086:7113): PM1
 * registers and the ACPI PM timer at PMBA.  Compiled only until
 * hw/acpi/piix4.c provides the full function.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/module.h"
#include "hw/pci/pci.h"
#include "hw/pci/pci_bus.h"
#include "hw/qdev-properties.h"

/* ---- PIIX4_PM --------------------------------------------------------- */

#define PM_TIMER_FREQUENCY 3579545
#define PIIX4_PMBA 0x40
#define PIIX4_PMREGMISC 0x80
#define ACPI_BITMASK_SCI_ENABLE 0x0001

#define APM_CNT_IOPORT 0xb2
#define ACPI_ENABLE 0xf1
#define ACPI_DISABLE 0xf0

typedef struct PIIX4PMState {
    PCIDevice parent_obj;
    MemoryRegion io;
    MemoryRegion apm_io;
    uint8_t apmc, apms;
    uint16_t pm1_sts, pm1_en, pm1_cnt;
    int64_t start_ns;
} PIIX4PMState;

static uint32_t pm_timer_value(PIIX4PMState *s)
{
    int64_t ns = g_get_monotonic_time() * 1000 - s->start_ns;

    /* 24-bit counter at 3.579545 MHz */
    return (uint32_t)((__int128)ns * PM_TIMER_FREQUENCY / 1000000000) &
           0xffffff;
}

static uint64_t pm_io_read(void *opaque, hwaddr addr, unsigned size)
{
    PIIX4PMState *s = opaque;
    uint64_t v;

    switch (addr & ~3) {
    case 0:
        v = s->pm1_sts | ((uint32_t)s->pm1_en << 16);
        break;
    case 4:
        v = s->pm1_cnt;
        break;
    case 8:
        v = pm_timer_value(s);
        break;
    default:
        v = 0;
        break;
    }
    return (v >> (8 * (addr & 3))) & (size == 4 ? 0xffffffff :
                                      (1u << (8 * size)) - 1);
}

static void pm_io_write(void *opaque, hwaddr addr, uint64_t val,
                        unsigned size)
{
    PIIX4PMState *s = opaque;

    if (addr == 0 && size >= 2) {
        s->pm1_sts &= ~val;                 /* write 1 to clear */
        if (size == 4) {
            s->pm1_en = val >> 16;
        }
    } else if (addr == 2 && size == 2) {
        s->pm1_en = val;
    } else if (addr == 4 && size >= 2) {
        /* SCI_EN is owned by the chipset; sleep requests are ignored. */
        s->pm1_cnt = s->pm1_cnt & ACPI_BITMASK_SCI_ENABLE;
    }
}

static const MemoryRegionOps pm_io_ops = {
    .read = pm_io_read,
    .write = pm_io_write,
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

/*
 * APM control/status ports 0xb2/0xb3.  No SMM here: the control port
 * only switches ACPI mode (SCI_EN) as QEMU's ACPI enable/disable
 * commands do; the status port is a scratch register.
 */
static uint64_t apm_ioport_read(void *opaque, hwaddr addr, unsigned size)
{
    PIIX4PMState *s = opaque;

    return addr == 0 ? s->apmc : s->apms;
}

static void apm_ioport_write(void *opaque, hwaddr addr, uint64_t val,
                             unsigned size)
{
    PIIX4PMState *s = opaque;

    if (addr == 0) {
        s->apmc = val;
        if (val == ACPI_ENABLE) {
            s->pm1_cnt |= ACPI_BITMASK_SCI_ENABLE;
        } else if (val == ACPI_DISABLE) {
            s->pm1_cnt &= ~ACPI_BITMASK_SCI_ENABLE;
        }
    } else {
        s->apms = val;
    }
}

static const MemoryRegionOps apm_ops = {
    .read = apm_ioport_read,
    .write = apm_ioport_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .impl = {
        .min_access_size = 1,
        .max_access_size = 1,
    },
};

static void pm_io_space_update(PIIX4PMState *s)
{
    PCIDevice *d = &s->parent_obj;
    PCIBus *bus = pci_get_bus(d);
    uint32_t base = pci_get_long(d->config + PIIX4_PMBA) & 0xffc0;
    bool enable = d->config[PIIX4_PMREGMISC] & 1;

    if (s->io.container) {
        memory_region_del_subregion(bus->address_space_io, &s->io);
    }
    if (enable && base) {
        memory_region_add_subregion(bus->address_space_io, base, &s->io);
    }
}

static void piix4_pm_write_config(PCIDevice *d, uint32_t addr, uint32_t val,
                                  int len)
{
    pci_default_write_config(d, addr, val, len);
    if ((addr < PIIX4_PMBA + 4 && addr + len > PIIX4_PMBA) ||
        (addr <= PIIX4_PMREGMISC && addr + len > PIIX4_PMREGMISC)) {
        pm_io_space_update((PIIX4PMState *)d);
    }
}

static void piix4_pm_reset(DeviceState *dev)
{
    PIIX4PMState *s = (PIIX4PMState *)dev;
    uint8_t *c = s->parent_obj.config;

    c[0x58] = 0;
    c[0x59] = 0;
    c[0x5a] = 0;
    /*
     * DEVACTB APMC_EN set: SMM counts as already initialised, so
     * firmware does not try to relocate SMBASE (no SMM under KVM here).
     */
    c[0x5b] = 0x02;
    pci_set_long(c + PIIX4_PMBA, 0x01);     /* I/O space indicator */
    c[PIIX4_PMREGMISC] = 0;
    s->pm1_sts = s->pm1_en = 0;
    s->pm1_cnt = 0;
    pm_io_space_update(s);
}

static void piix4_pm_realize(PCIDevice *dev, Error **errp)
{
    PIIX4PMState *s = (PIIX4PMState *)dev;
    uint8_t *c = dev->config;

    c[PCI_STATUS] = 0x80;
    c[PCI_STATUS + 1] = 0x02;
    c[PCI_INTERRUPT_PIN] = 0x01;
    c[0x5f] = 0x10;
    c[0x63] = 0x60;
    c[0x67] = 0x04;                         /* serial port present */
    c[0x90] = 0x01;                         /* SMBus base 0, I/O */
    c[0xd2] = 0x09;
    c[0x5b] = 0x02;                         /* see piix4_pm_reset */
    pci_set_long(c + PIIX4_PMBA, 0x01);
    /* PMBA: base address bits 15:6 only */
    pci_set_long(dev->wmask + PIIX4_PMBA, 0xffc0);
    s->start_ns = g_get_monotonic_time() * 1000;
    memory_region_init_io(&s->io, OBJECT(dev), &pm_io_ops, s, "piix4-pm",
                          64);
    memory_region_init_io(&s->apm_io, OBJECT(dev), &apm_ops, s, "apm-io", 2);
    memory_region_add_subregion(pci_get_bus(dev)->address_space_io,
                                APM_CNT_IOPORT, &s->apm_io);
    piix4_pm_reset(DEVICE(dev));
}

static void piix4_pm_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    PCIDeviceClass *k = PCI_DEVICE_CLASS(klass);

    k->realize = piix4_pm_realize;
    k->config_write = piix4_pm_write_config;
    k->vendor_id = PCI_VENDOR_ID_INTEL;
    k->device_id = PCI_DEVICE_ID_INTEL_82371AB_3;
    k->revision = 0x03;
    k->class_id = PCI_CLASS_BRIDGE_OTHER;
    dc->desc = "PM";
    dc->reset = piix4_pm_reset;
    dc->user_creatable = false;
}

static const TypeInfo piix4_pm_info = {
    .name = "PIIX4_PM",
    .parent = TYPE_PCI_DEVICE,
    .instance_size = sizeof(PIIX4PMState),
    .class_init = piix4_pm_class_init,
    .interfaces = (InterfaceInfo[]) {
        { INTERFACE_CONVENTIONAL_PCI_DEVICE },
        { },
    },
};

static void piix4_pm_min_register_types(void)
{
    type_register_static(&piix4_pm_info);
}

type_init(piix4_pm_min_register_types)
