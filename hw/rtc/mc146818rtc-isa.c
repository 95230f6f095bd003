/*
 * mc146818rtc as an ISA device; the register model is mc146818rtc.c.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/bitops.h"
#include "hw/rtc/mc146818rtc.h"
#include "hw/irq.h"
#include "hw/qdev-properties.h"

/* ---- CMOS for firmware ---- */

void rtc_set_memory(ISADevice *dev, int addr, int val)
{
    RTCState *s = MC146818_RTC(dev);

    if (addr >= 0 && addr < RTC_CMOS_SIZE) {
        s->cmos_data[addr] = val;
    }
}

int rtc_get_memory(ISADevice *dev, int addr)
{
    RTCState *s = MC146818_RTC(dev);

    if (addr < 0 || addr >= RTC_CMOS_SIZE) {
        return -1;
    }
    return s->cmos_data[addr];
}

/* ---- device ---- */

static void rtc_reset(DeviceState *dev)
{
    rtc_core_reset(MC146818_RTC(dev));
}

static void rtc_realizefn(DeviceState *dev, Error **errp)
{
    ISADevice *isadev = ISA_DEVICE(dev);
    RTCState *s = MC146818_RTC(dev);

    if (s->lost_tick_policy > LOST_TICK_POLICY_SLEW) {
        error_setg(errp, "mc146818rtc: invalid lost_tick_policy");
        return;
    }
    rtc_core_realize(s);

    memory_region_init_io(&s->io, OBJECT(s), &mc146818_cmos_ops, s,
                          "rtc", 2);
    isa_register_ioport(isadev, &s->io, s->io_base);
    qdev_init_gpio_out(dev, &s->irq, 1);
}

static void rtc_unrealizefn(DeviceState *dev)
{
    rtc_core_unrealize(MC146818_RTC(dev));
}

ISADevice *mc146818_rtc_init(ISABus *bus, int base_year,
                             qemu_irq intercept_irq)
{
    DeviceState *dev;
    ISADevice *isadev;
    RTCState *s;

    isadev = isa_new(TYPE_MC146818_RTC);
    dev = DEVICE(isadev);
    s = MC146818_RTC(isadev);
    qdev_prop_set_int32(dev, "base_year", base_year);
    if (rtc_driftfix_slew) {
        s->lost_tick_policy = LOST_TICK_POLICY_SLEW;
    }
    isa_realize_and_unref(isadev, bus, &error_fatal);
    if (intercept_irq) {
        qdev_connect_gpio_out(dev, 0, intercept_irq);
    } else {
        isa_connect_gpio_out(isadev, 0, s->isairq);
    }
    return isadev;
}

static Property mc146818rtc_properties[] = {
    DEFINE_PROP_INT32("base_year", RTCState, base_year, 1980),
    DEFINE_PROP_UINT16("iobase", RTCState, io_base, RTC_ISA_BASE),
    DEFINE_PROP_UINT8("irq", RTCState, isairq, RTC_ISA_IRQ),
    DEFINE_PROP_UINT32("lost_tick_policy", RTCState, lost_tick_policy,
                       LOST_TICK_POLICY_DISCARD),
    DEFINE_PROP_END_OF_LIST(),
};

static void rtc_class_initfn(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = rtc_realizefn;
    dc->unrealize = rtc_unrealizefn;
    dc->reset = rtc_reset;
    device_class_set_props(dc, mc146818rtc_properties);
    set_bit(DEVICE_CATEGORY_MISC, dc->categories);
}

static const TypeInfo mc146818rtc_info = {
    .name          = TYPE_MC146818_RTC,
    .parent        = TYPE_ISA_DEVICE,
    .instance_size = sizeof(RTCState),
    .class_init    = rtc_class_initfn,
};

static void mc146818rtc_register_types(void)
{
    type_register_static(&mc146818rtc_info);
}

type_init(mc146818rtc_register_types)
