/*
 * TYPE_SYSTEM_BUS and TYPE_SYS_BUS_DEVICE: memory-mapped devices on the
 * machine's root bus.  Mapping into guest memory is in sysbus-map.c.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/sysbus.h"
#include "hw/irq.h"

static BusState *main_system_bus;

BusState *sysbus_get_default(void)
{
    if (!main_system_bus) {
        main_system_bus = qbus_new(TYPE_SYSTEM_BUS, NULL, "main-system-bus");
        object_property_add_child(container_get(qdev_get_machine(),
                                                "/unattached"),
                                  "sysbus", OBJECT(main_system_bus));
        object_unref(OBJECT(main_system_bus));
        qbus_realize(main_system_bus, &error_abort);
    }
    return main_system_bus;
}

void sysbus_init_mmio(SysBusDevice *dev, MemoryRegion *memory)
{
    int n;

    assert(dev->num_mmio < QDEV_MAX_MMIO);
    n = dev->num_mmio++;
    dev->mmio[n].addr = -1;
    dev->mmio[n].memory = memory;
}

MemoryRegion *sysbus_mmio_get_region(SysBusDevice *dev, int n)
{
    assert(n >= 0 && n < QDEV_MAX_MMIO);
    return dev->mmio[n].memory;
}

bool sysbus_has_mmio(SysBusDevice *dev, unsigned int n)
{
    return n < dev->num_mmio;
}

void sysbus_init_irq(SysBusDevice *dev, qemu_irq *p)
{
    qdev_init_gpio_out_named(DEVICE(dev), p, SYSBUS_DEVICE_GPIO_IRQ, 1);
}

/*
 * Each sysbus_init_irq call adds one output of the same name; keep them
 * in one list by growing it (outputs are device-owned arrays).
 */
void sysbus_pass_irq(SysBusDevice *dev, SysBusDevice *target)
{
    qdev_pass_gpios(DEVICE(target), DEVICE(dev), SYSBUS_DEVICE_GPIO_IRQ);
}

void sysbus_init_ioports(SysBusDevice *dev, uint32_t ioport, uint32_t size)
{
    uint32_t i;

    for (i = 0; i < size; i++) {
        assert(dev->num_pio < QDEV_MAX_PIO);
        dev->pio[dev->num_pio++] = ioport++;
    }
}

bool sysbus_has_irq(SysBusDevice *dev, int n)
{
    NamedGPIOList *ngl = qdev_get_named_gpio_list(DEVICE(dev),
                                                  SYSBUS_DEVICE_GPIO_IRQ);

    return n >= 0 && n < ngl->num_out;
}

void sysbus_connect_irq(SysBusDevice *dev, int n, qemu_irq irq)
{
    SysBusDeviceClass *sbd = SYS_BUS_DEVICE_GET_CLASS(dev);

    qdev_connect_gpio_out_named(DEVICE(dev), SYSBUS_DEVICE_GPIO_IRQ, n, irq);
    if (sbd->connect_irq_notifier) {
        sbd->connect_irq_notifier(dev, irq);
    }
}

qemu_irq sysbus_get_connected_irq(SysBusDevice *dev, int n)
{
    return qdev_get_gpio_out_connector(DEVICE(dev), SYSBUS_DEVICE_GPIO_IRQ, n);
}

bool sysbus_is_irq_connected(SysBusDevice *dev, int n)
{
    return !!sysbus_get_connected_irq(dev, n);
}

bool sysbus_realize(SysBusDevice *dev, Error **errp)
{
    return qdev_realize(DEVICE(dev), sysbus_get_default(), errp);
}

bool sysbus_realize_and_unref(SysBusDevice *dev, Error **errp)
{
    return qdev_realize_and_unref(DEVICE(dev), sysbus_get_default(), errp);
}

typedef struct {
    FindSysbusDeviceFunc *func;
    void *opaque;
} FindSysbusDeviceData;

static int find_sysbus_device(Object *obj, void *opaque)
{
    FindSysbusDeviceData *find = opaque;
    SysBusDevice *sbdev = (SysBusDevice *)object_dynamic_cast(obj,
                                                   TYPE_SYS_BUS_DEVICE);

    if (sbdev) {
        find->func(sbdev, find->opaque);
    }
    return 0;
}

/* Sysbus devices created with -device live under /machine/peripheral*. */
void foreach_dynamic_sysbus_device(FindSysbusDeviceFunc *func, void *opaque)
{
    FindSysbusDeviceData find = { .func = func, .opaque = opaque };

    object_child_foreach(qdev_get_peripheral(), find_sysbus_device, &find);
    object_child_foreach(qdev_get_peripheral_anon(), find_sysbus_device,
                         &find);
}

static char *sysbus_get_fw_dev_path(DeviceState *dev)
{
    SysBusDevice *s = SYS_BUS_DEVICE(dev);

    if (s->num_mmio) {
        return g_strdup_printf("%s@" "%" PRIx64, qdev_fw_name(dev),
                               (uint64_t)s->mmio[0].addr);
    }
    if (s->num_pio) {
        return g_strdup_printf("%s@i%04x", qdev_fw_name(dev), s->pio[0]);
    }
    return g_strdup(qdev_fw_name(dev));
}

static void system_bus_class_init(ObjectClass *klass, void *data)
{
    BusClass *k = BUS_CLASS(klass);

    k->get_fw_dev_path = sysbus_get_fw_dev_path;
}

static const TypeInfo system_bus_info = {
    .name = TYPE_SYSTEM_BUS,
    .parent = TYPE_BUS,
    .instance_size = sizeof(BusState),
    .class_init = system_bus_class_init,
};

static void sysbus_device_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *k = DEVICE_CLASS(klass);

    k->bus_type = TYPE_SYSTEM_BUS;
    /*
     * Sysbus devices need board wiring (IRQs, MMIO); a machine lists the
     * few that -device may create (machine_class_allow_dynamic_sysbus_dev).
     */
    k->user_creatable = false;
    k->hotpluggable = false;
}

static const TypeInfo sysbus_device_type_info = {
    .name = TYPE_SYS_BUS_DEVICE,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(SysBusDevice),
    .abstract = true,
    .class_size = sizeof(SysBusDeviceClass),
    .class_init = sysbus_device_class_init,
};

static void sysbus_register_types(void)
{
    type_register_static(&system_bus_info);
    type_register_static(&sysbus_device_type_info);
}

type_init(sysbus_register_types)
