/*
 * PIIX4 power management function (00:01.3): the ACPI fixed hardware
 * of the PC board.
 *
 * PM1 event/control registers and the 24-bit PM timer at PMBA (0xb000
 * once firmware or the board programs it), the GPE0 block at 0xafe0,
 * the SCI on ISA IRQ 9, ACPI enable/disable through the APM control
 * port 0xb2, S5 soft-off and the power button.  It is also the hot-plug
 * handler of the root PCI bus (ACPI PCI hot-plug, hw/acpi/pcihp.c).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/host-utils.h"
#include "qemu/range.h"
#include "qemu/module.h"
#include "hw/acpi/piix4.h"
#include "hw/acpi/acpi_dev_interface.h"
#include "hw/acpi/pcihp.h"
#include "hw/hotplug.h"
#include "hw/i386/acpi-build.h"
#include "hw/pci/pci_bus.h"
#include "hw/qdev-properties.h"
#include "sysemu/runstate.h"

#define APM_STS_IOPORT 0xb3

/* ---- PM timer ---- */

uint32_t acpi_pm_tmr_from_ns(int64_t ns)
{
    return muldiv64(ns, PM_TIMER_FREQUENCY, NANOSECONDS_PER_SECOND) &
           0xffffff;
}

static uint32_t pm_tmr_get(void)
{
    return acpi_pm_tmr_from_ns(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL));
}

static void pm_update_sci(PIIX4PMState *s)
{
    uint16_t pm1 = s->pm1_sts & s->pm1_en &
                   (ACPI_BITMASK_TIMER_STATUS |
                    ACPI_BITMASK_GLOBAL_LOCK_STATUS |
                    ACPI_BITMASK_POWER_BUTTON_STATUS |
                    ACPI_BITMASK_SLEEP_BUTTON_STATUS |
                    ACPI_BITMASK_RT_CLOCK_STATUS);
    bool level = pm1 || (s->gpe_sts & s->gpe_en);

    qemu_set_irq(s->irq, level);
}

/* Arm the timer for the next time bit 23 of the counter flips. */
static void pm_tmr_arm(PIIX4PMState *s)
{
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    uint64_t ticks = muldiv64(now, PM_TIMER_FREQUENCY,
                              NANOSECONDS_PER_SECOND);
    uint64_t next = (ticks + 0x800000) & ~0x7fffffULL;

    if (!(s->pm1_en & ACPI_BITMASK_TIMER_ENABLE)) {
        timer_del(s->tmr_timer);
        return;
    }
    timer_mod_ns(s->tmr_timer,
                 muldiv64(next, NANOSECONDS_PER_SECOND,
                          PM_TIMER_FREQUENCY) + 1);
}

static void pm_tmr_overflow(void *opaque)
{
    PIIX4PMState *s = opaque;

    s->pm1_sts |= ACPI_BITMASK_TIMER_STATUS;
    pm_update_sci(s);
    pm_tmr_arm(s);
}

/* ---- PM1 registers, byte-wise ---- */

static uint8_t pm_io_read_byte(PIIX4PMState *s, unsigned addr, uint32_t tmr)
{
    switch (addr) {
    case 0: case 1:
        return s->pm1_sts >> (8 * addr);
    case 2: case 3:
        return s->pm1_en >> (8 * (addr - 2));
    case 4: case 5:
        return s->pm1_cnt >> (8 * (addr - 4));
    case 8: case 9: case 10: case 11:
        return tmr >> (8 * (addr - 8));
    default:
        return 0;
    }
}

static void pm1_cnt_write(PIIX4PMState *s, uint16_t val)
{
    s->pm1_cnt = val & ~ACPI_BITMASK_SLEEP_ENABLE;
    if (!(val & ACPI_BITMASK_SLEEP_ENABLE)) {
        return;
    }
    /* SLP_TYP values match the DSDT's \_S5 package (0 = soft off). */
    switch ((val & ACPI_BITMASK_SLEEP_TYPE) >> 10) {
    case 0:
        qemu_system_shutdown_request(SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
        break;
    default:
        /* S1-S4 are not advertised; a guest asking is ignored. */
        warn_report("PIIX4_PM: unsupported sleep type %u ignored",
                    (val & ACPI_BITMASK_SLEEP_TYPE) >> 10);
        break;
    }
}

static uint64_t pm_io_read(void *opaque, hwaddr addr, unsigned size)
{
    PIIX4PMState *s = opaque;
    uint32_t tmr = pm_tmr_get();    /* one sample for the whole access */
    uint64_t v = 0;
    unsigned i;

    for (i = 0; i < size; i++) {
        v |= (uint64_t)pm_io_read_byte(s, addr + i, tmr) << (8 * i);
    }
    return v;
}

static void pm_io_write(void *opaque, hwaddr addr, uint64_t val,
                        unsigned size)
{
    PIIX4PMState *s = opaque;
    unsigned i;

    for (i = 0; i < size; i++) {
        unsigned a = addr + i;
        uint8_t b = val >> (8 * i);

        switch (a) {
        case 0: case 1:
            s->pm1_sts &= ~(b << (8 * a));          /* write 1 to clear */
            break;
        case 2: case 3: {
            unsigned sh = 8 * (a - 2);
            s->pm1_en = (s->pm1_en & ~(0xff << sh)) | (b << sh);
            pm_tmr_arm(s);
            break;
        }
        case 4:
            /* Low byte alone: no sleep request can be in it. */
            s->pm1_cnt = (s->pm1_cnt & 0xff00) | b;
            break;
        case 5:
            pm1_cnt_write(s, (s->pm1_cnt & 0x00ff) | (b << 8));
            break;
        default:
            break;      /* timer and the rest are read-only */
        }
    }
    pm_update_sci(s);
}

static const MemoryRegionOps pm_io_ops = {
    .read = pm_io_read,
    .write = pm_io_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

/* ---- GPE0 block: status (2 bytes) then enable (2 bytes) ---- */

static uint64_t gpe_read(void *opaque, hwaddr addr, unsigned size)
{
    PIIX4PMState *s = opaque;
    uint32_t regs = s->gpe_sts | ((uint32_t)s->gpe_en << 16);

    return (regs >> (8 * addr)) & ((1ULL << (8 * size)) - 1);
}

static void gpe_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    PIIX4PMState *s = opaque;
    unsigned i;

    for (i = 0; i < size && addr + i < ACPI_GPE0_LEN; i++) {
        unsigned a = addr + i;
        uint16_t b = (val >> (8 * i)) & 0xff;

        if (a < 2) {
            s->gpe_sts &= ~(b << (8 * a));
        } else {
            unsigned sh = 8 * (a - 2);
            s->gpe_en = (s->gpe_en & ~(0xff << sh)) | (b << sh);
        }
    }
    pm_update_sci(s);
}

static const MemoryRegionOps gpe_ops = {
    .read = gpe_read,
    .write = gpe_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

/* ---- APM control/status ports 0xb2/0xb3 ---- */

static uint64_t apm_read(void *opaque, hwaddr addr, unsigned size)
{
    PIIX4PMState *s = opaque;

    return addr == 0 ? s->apmc : s->apms;
}

/*
 * No SMM: the control port carries out the two commands the FADT
 * advertises itself, switching SCI_EN like QEMU's SMI handler would.
 */
static void apm_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    PIIX4PMState *s = opaque;

    if (addr != 0) {
        s->apms = val;
        return;
    }
    s->apmc = val;
    if (val == ACPI_ENABLE_CMD) {
        s->pm1_cnt |= ACPI_BITMASK_SCI_ENABLE;
    } else if (val == ACPI_DISABLE_CMD) {
        s->pm1_cnt &= ~ACPI_BITMASK_SCI_ENABLE;
    }
}

static const MemoryRegionOps apm_ops = {
    .read = apm_read,
    .write = apm_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

/* ---- Power button ---- */

static void piix4_pm_powerdown_req(Notifier *n, void *opaque)
{
    PIIX4PMState *s = container_of(n, PIIX4PMState, powerdown_notifier);

    if (s->pm1_en & ACPI_BITMASK_POWER_BUTTON_ENABLE) {
        s->pm1_sts |= ACPI_BITMASK_POWER_BUTTON_STATUS;
        pm_update_sci(s);
    }
}

/* ---- PCI function ---- */

static void pm_io_space_update(PIIX4PMState *s)
{
    PCIDevice *d = &s->parent_obj;
    MemoryRegion *io = pci_get_bus(d)->address_space_io;
    uint32_t base = pci_get_long(d->config + PIIX4_PMBA) & 0xffc0;
    bool enable = d->config[PIIX4_PMREGMISC] & 1;

    if (s->io.container) {
        memory_region_del_subregion(io, &s->io);
    }
    if (enable && base) {
        memory_region_add_subregion(io, base, &s->io);
    }
}

static void piix4_pm_write_config(PCIDevice *d, uint32_t addr, uint32_t val,
                                  int len)
{
    pci_default_write_config(d, addr, val, len);
    if (ranges_overlap(addr, len, PIIX4_PMBA, 4) ||
        ranges_overlap(addr, len, PIIX4_PMREGMISC, 1)) {
        pm_io_space_update(PIIX4_PM(d));
    }
}

static void piix4_pm_reset(DeviceState *dev)
{
    PIIX4PMState *s = PIIX4_PM(dev);
    uint8_t *c = s->parent_obj.config;

    c[PIIX4_DEVACTB] = 0;
    c[PIIX4_DEVACTB + 1] = 0;
    c[PIIX4_DEVACTB + 2] = 0;
    /*
     * DEVACTB APMC_EN set: firmware treats SMM as initialised and does
     * not relocate SMBASE (there is no SMM).
     */
    c[PIIX4_DEVACTB + 3] = 0x02;
    pci_set_long(c + PIIX4_PMBA, 0x01);     /* I/O space indicator */
    c[PIIX4_PMREGMISC] = 0;
    s->pm1_sts = s->pm1_en = s->pm1_cnt = 0;
    s->gpe_sts = s->gpe_en = 0;
    s->apmc = s->apms = 0;
    timer_del(s->tmr_timer);
    pm_update_sci(s);
    pm_io_space_update(s);
    acpi_pcihp_reset(&s->acpi_pci_hotplug,
                     !s->acpi_pci_hotplug.use_acpi_root_pci_hotplug);
}

static void piix4_pm_realize(PCIDevice *dev, Error **errp)
{
    PIIX4PMState *s = PIIX4_PM(dev);
    MemoryRegion *io = pci_get_bus(dev)->address_space_io;
    uint8_t *c = dev->config;

    c[PCI_STATUS] = 0x80;
    c[PCI_STATUS + 1] = 0x02;
    c[PCI_INTERRUPT_PIN] = 0x01;
    c[0x5f] = 0x10;
    c[0x63] = 0x60;
    c[0x67] = 0x04;                         /* serial port present */
    c[0x90] = 0x01;                         /* SMBus base: I/O */
    c[0xd2] = 0x09;
    /* PMBA: base address bits 15:6 only; PMREGMISC: enable bit. */
    pci_set_long(dev->wmask + PIIX4_PMBA, 0xffc0);
    dev->wmask[PIIX4_PMREGMISC] = 0x01;

    s->tmr_timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, pm_tmr_overflow, s);
    memory_region_init_io(&s->io, OBJECT(dev), &pm_io_ops, s, "piix4-pm",
                          64);
    memory_region_init_io(&s->io_gpe, OBJECT(dev), &gpe_ops, s,
                          "acpi-gpe0", ACPI_GPE0_LEN);
    memory_region_add_subregion(io, ACPI_GPE0_ADDR, &s->io_gpe);
    memory_region_init_io(&s->apm_io, OBJECT(dev), &apm_ops, s, "apm-io", 2);
    memory_region_add_subregion(io, ACPI_SMI_CMD_PORT, &s->apm_io);

    s->powerdown_notifier.notify = piix4_pm_powerdown_req;
    qemu_register_powerdown_notifier(&s->powerdown_notifier);

    acpi_pcihp_init(OBJECT(s), &s->acpi_pci_hotplug, pci_get_bus(dev), io,
                    ACPI_PCIHP_ADDR);
    if (s->acpi_pci_hotplug.use_acpi_hotplug_bridge ||
        s->acpi_pci_hotplug.use_acpi_root_pci_hotplug) {
        qbus_set_hotplug_handler(BUS(pci_get_bus(dev)), OBJECT(s));
    }
    piix4_pm_reset(DEVICE(dev));
}

/* ---- Hot-plug handler of the root bus, ACPI event source ---- */

static void piix4_send_gpe(AcpiDeviceIf *adev, AcpiEventStatusBits ev)
{
    PIIX4PMState *s = PIIX4_PM(adev);

    s->gpe_sts |= ev;
    pm_update_sci(s);
}

static bool piix4_is_pci_device(DeviceState *dev, Error **errp)
{
    if (object_dynamic_cast(OBJECT(dev), TYPE_PCI_DEVICE)) {
        return true;
    }
    error_setg(errp, "acpi: device plug request for not supported device"
               " type: %s", object_get_typename(OBJECT(dev)));
    return false;
}

static void piix4_device_pre_plug_cb(HotplugHandler *hotplug_dev,
                                     DeviceState *dev, Error **errp)
{
    if (piix4_is_pci_device(dev, errp)) {
        acpi_pcihp_device_pre_plug_cb(hotplug_dev, dev, errp);
    }
}

static void piix4_device_plug_cb(HotplugHandler *hotplug_dev,
                                 DeviceState *dev, Error **errp)
{
    if (piix4_is_pci_device(dev, errp)) {
        acpi_pcihp_device_plug_cb(hotplug_dev,
                                  &PIIX4_PM(hotplug_dev)->acpi_pci_hotplug,
                                  dev, errp);
    }
}

static void piix4_device_unplug_request_cb(HotplugHandler *hotplug_dev,
                                           DeviceState *dev, Error **errp)
{
    if (piix4_is_pci_device(dev, errp)) {
        acpi_pcihp_device_unplug_request_cb(hotplug_dev,
            &PIIX4_PM(hotplug_dev)->acpi_pci_hotplug, dev, errp);
    }
}

static void piix4_device_unplug_cb(HotplugHandler *hotplug_dev,
                                   DeviceState *dev, Error **errp)
{
    if (piix4_is_pci_device(dev, errp)) {
        acpi_pcihp_device_unplug_cb(hotplug_dev,
                                    &PIIX4_PM(hotplug_dev)->acpi_pci_hotplug,
                                    dev, errp);
    }
}

static bool piix4_is_hotpluggable_bus(HotplugHandler *hotplug_handler,
                                      void *bus)
{
    return acpi_pcihp_is_hotpluggable_bus(
        &PIIX4_PM(hotplug_handler)->acpi_pci_hotplug, bus);
}

static Property piix4_pm_properties[] = {
    DEFINE_PROP_BOOL("acpi-pci-hotplug-with-bridge-support", PIIX4PMState,
                     acpi_pci_hotplug.use_acpi_hotplug_bridge, true),
    DEFINE_PROP_BOOL("acpi-root-pci-hotplug", PIIX4PMState,
                     acpi_pci_hotplug.use_acpi_root_pci_hotplug, true),
    DEFINE_PROP_END_OF_LIST(),
};

PCIDevice *piix4_pm_init(PCIBus *bus, int devfn, qemu_irq sci_irq)
{
    PCIDevice *dev = pci_new(devfn, TYPE_PIIX4_PM);

    PIIX4_PM(dev)->irq = sci_irq;
    pci_realize_and_unref(dev, bus, &error_fatal);
    return dev;
}

static void piix4_pm_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    PCIDeviceClass *k = PCI_DEVICE_CLASS(klass);
    HotplugHandlerClass *hc = HOTPLUG_HANDLER_CLASS(klass);
    AcpiDeviceIfClass *adevc = ACPI_DEVICE_IF_CLASS(klass);

    k->realize = piix4_pm_realize;
    k->config_write = piix4_pm_write_config;
    k->vendor_id = PCI_VENDOR_ID_INTEL;
    k->device_id = PCI_DEVICE_ID_INTEL_82371AB_3;
    k->revision = 0x03;
    k->class_id = PCI_CLASS_BRIDGE_OTHER;
    dc->desc = "PM";
    dc->reset = piix4_pm_reset;
    /* Part of the south bridge: the board creates it. */
    dc->user_creatable = false;
    dc->hotpluggable = false;
    device_class_set_props(dc, piix4_pm_properties);
    hc->pre_plug = piix4_device_pre_plug_cb;
    hc->plug = piix4_device_plug_cb;
    hc->unplug_request = piix4_device_unplug_request_cb;
    hc->unplug = piix4_device_unplug_cb;
    hc->is_hotpluggable_bus = piix4_is_hotpluggable_bus;
    adevc->send_event = piix4_send_gpe;
}

static const TypeInfo piix4_pm_info = {
    .name = TYPE_PIIX4_PM,
    .parent = TYPE_PCI_DEVICE,
    .instance_size = sizeof(PIIX4PMState),
    .class_init = piix4_pm_class_init,
    .interfaces = (InterfaceInfo[]) {
        { INTERFACE_CONVENTIONAL_PCI_DEVICE },
        { TYPE_HOTPLUG_HANDLER },
        { TYPE_ACPI_DEVICE_IF },
        { },
    },
};

static void piix4_pm_register_types(void)
{
    type_register_static(&piix4_pm_info);
}

type_init(piix4_pm_register_types)
