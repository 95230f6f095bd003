/*
 * ISA bus.  A single bus per machine; devices take I/O ports in the
 * bus's I/O space and interrupt lines from the 16 IRQs the board
 * connected with isa_bus_irqs().
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/module.h"
#include "hw/isa/isa.h"
#include "hw/irq.h"
#include "hw/sysbus.h"

static ISABus *isabus;

static char *isabus_get_fw_dev_path(DeviceState *dev)
{
    ISADevice *d = ISA_DEVICE(dev);
    const char *name = object_get_typename(OBJECT(dev));

    if (d->ioport_id) {
        return g_strdup_printf("%s@%04x", name, d->ioport_id);
    }
    return g_strdup(name);
}

static void isa_bus_class_init(ObjectClass *klass, void *data)
{
    BusClass *k = BUS_CLASS(klass);

    k->get_fw_dev_path = isabus_get_fw_dev_path;
}

static const TypeInfo isa_bus_info = {
    .name = TYPE_ISA_BUS,
    .parent = TYPE_BUS,
    .instance_size = sizeof(ISABus),
    .class_init = isa_bus_class_init,
};

ISABus *isa_bus_new(DeviceState *dev, MemoryRegion *address_space,
                    MemoryRegion *address_space_io, Error **errp)
{
    if (isabus) {
        error_setg(errp, "Can't create a second ISA bus");
        return NULL;
    }
    if (!dev) {
        dev = qdev_new("isabus-bridge");
        sysbus_realize_and_unref(SYS_BUS_DEVICE(dev), &error_fatal);
    }
    isabus = ISA_BUS(qbus_new(TYPE_ISA_BUS, dev, NULL));
    isabus->address_space = address_space;
    isabus->address_space_io = address_space_io;
    return isabus;
}

ISABus *isa_get_default_bus(void)
{
    return isabus;
}

void isa_bus_irqs(ISABus *bus, qemu_irq *irqs)
{
    bus->irqs = irqs;
}

/*
 * A device asking for an IRQ before the board wired the bus gets a
 * NULL line (raising it is a no-op), as QEMU's qemu_irq semantics.
 */
qemu_irq isa_get_irq(ISADevice *dev, unsigned isairq)
{
    ISABus *bus = dev ? isa_bus_from_device(dev) : isabus;

    assert(isairq < ISA_NUM_IRQS);
    if (!bus || !bus->irqs) {
        return NULL;
    }
    return bus->irqs[isairq];
}

void isa_init_irq(ISADevice *dev, qemu_irq *p, unsigned isairq)
{
    assert(dev->nirqs < ARRAY_SIZE(dev->isairq));
    dev->isairq[dev->nirqs++] = isairq;
    *p = isa_get_irq(dev, isairq);
}

void isa_connect_gpio_out(ISADevice *isadev, int gpioirq, unsigned isairq)
{
    qemu_irq irq = isa_get_irq(isadev, isairq);

    qdev_connect_gpio_out(DEVICE(isadev), gpioirq, irq);
}

ISABus *isa_bus_from_device(ISADevice *dev)
{
    BusState *b = qdev_get_parent_bus(DEVICE(dev));

    return b ? ISA_BUS(b) : isabus;
}

MemoryRegion *isa_address_space(ISADevice *dev)
{
    ISABus *bus = dev ? isa_bus_from_device(dev) : isabus;

    return bus ? bus->address_space : NULL;
}

MemoryRegion *isa_address_space_io(ISADevice *dev)
{
    ISABus *bus = dev ? isa_bus_from_device(dev) : isabus;

    return bus ? bus->address_space_io : NULL;
}

static void isa_init_ioport(ISADevice *dev, uint16_t ioport)
{
    if (dev && (dev->ioport_id == 0 || ioport < dev->ioport_id)) {
        dev->ioport_id = ioport;
    }
}

void isa_register_ioport(ISADevice *dev, MemoryRegion *io, uint16_t start)
{
    memory_region_add_subregion(isa_address_space_io(dev), start, io);
    isa_init_ioport(dev, start);
}

int isa_register_portio_list(ISADevice *dev, PortioList *piolist,
                             uint16_t start,
                             const MemoryRegionPortio *pio_start,
                             void *opaque, const char *name)
{
    assert(piolist && !piolist->owner);
    /* The lowest port of the list names the device. */
    isa_init_ioport(dev, start + pio_start->offset);
    portio_list_init(piolist, OBJECT(dev), pio_start, opaque, name);
    portio_list_add(piolist, isa_address_space_io(dev), start);
    return 0;
}

ISADevice *isa_new(const char *name)
{
    return ISA_DEVICE(qdev_new(name));
}

ISADevice *isa_try_new(const char *name)
{
    DeviceState *d = qdev_try_new(name);

    return d ? ISA_DEVICE(d) : NULL;
}

bool isa_realize_and_unref(ISADevice *dev, ISABus *bus, Error **errp)
{
    return qdev_realize_and_unref(DEVICE(dev), BUS(bus), errp);
}

ISADevice *isa_create_simple(ISABus *bus, const char *name)
{
    ISADevice *dev = isa_new(name);

    isa_realize_and_unref(dev, bus, &error_fatal);
    return dev;
}

static void isa_device_init(Object *obj)
{
    ISADevice *dev = ISA_DEVICE(obj);

    dev->isairq[0] = -1;
    dev->isairq[1] = -1;
}

static void isa_device_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *k = DEVICE_CLASS(klass);

    k->bus_type = TYPE_ISA_BUS;
}

static const TypeInfo isa_device_type_info = {
    .name = TYPE_ISA_DEVICE,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(ISADevice),
    .instance_init = isa_device_init,
    .abstract = true,
    .class_size = sizeof(ISADeviceClass),
    .class_init = isa_device_class_init,
};

/* Stand-in parent for an ISA bus created without a bridge device. */
static void isabus_bridge_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->fw_name = "isa";
    dc->user_creatable = false;
}

static const TypeInfo isabus_bridge_info = {
    .name = "isabus-bridge",
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(SysBusDevice),
    .class_init = isabus_bridge_class_init,
};

static void isabus_register_types(void)
{
    type_register_static(&isa_bus_info);
    type_register_static(&isabus_bridge_info);
    type_register_static(&isa_device_type_info);
}

type_init(isabus_register_types)
