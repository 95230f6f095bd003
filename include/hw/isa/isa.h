/*
 * ISA bus: the legacy bus below the PIIX3 bridge.  Devices register
 * port I/O in the bus's I/O address space and take their interrupt
 * lines from the 16 ISA IRQs the board wires up with isa_bus_irqs().
 */
#ifndef HW_ISA_H
#define HW_ISA_H

#include "exec/memory.h"
#include "exec/ioport.h"
#include "hw/qdev-core.h"
#include "qom/object.h"

#define ISA_NUM_IRQS 16

#define TYPE_ISA_DEVICE "isa-device"
OBJECT_DECLARE_TYPE(ISADevice, ISADeviceClass, ISA_DEVICE)

#define TYPE_ISA_BUS "ISA"
OBJECT_DECLARE_SIMPLE_TYPE(ISABus, ISA_BUS)

struct ISADeviceClass {
    DeviceClass parent_class;
    void (*build_aml)(ISADevice *dev, void *scope);
};

struct ISABus {
    /*< private >*/
    BusState parent_obj;
    /*< public >*/

    MemoryRegion *address_space;
    MemoryRegion *address_space_io;
    qemu_irq *irqs;
    /* Optional DMA controller hooks (unused on our boards). */
    void *dma[2];
};

struct ISADevice {
    /*< private >*/
    DeviceState parent_obj;
    /*< public >*/

    int8_t isairq[2];       /* -1 = unassigned */
    int nirqs;
    int ioport_id;
};

ISABus *isa_bus_new(DeviceState *dev, MemoryRegion *address_space,
                    MemoryRegion *address_space_io, Error **errp);
void isa_bus_irqs(ISABus *bus, qemu_irq *irqs);
qemu_irq isa_get_irq(ISADevice *dev, unsigned isairq);
void isa_init_irq(ISADevice *dev, qemu_irq *p, unsigned isairq);
void isa_connect_gpio_out(ISADevice *isadev, int gpioirq, unsigned isairq);
MemoryRegion *isa_address_space(ISADevice *dev);
MemoryRegion *isa_address_space_io(ISADevice *dev);
ISABus *isa_bus_from_device(ISADevice *dev);
/* The board's ISA bus (there is only ever one). */
ISABus *isa_get_default_bus(void);

ISADevice *isa_new(const char *name);
ISADevice *isa_try_new(const char *name);
bool isa_realize_and_unref(ISADevice *dev, ISABus *bus, Error **errp);
ISADevice *isa_create_simple(ISABus *bus, const char *name);

/*
 * isa_register_ioport: map @io at @start in the ISA I/O space.
 * The first port registered becomes the device's ioport_id (used in
 * the device's canonical name, as QEMU does).
 */
void isa_register_ioport(ISADevice *dev, MemoryRegion *io, uint16_t start);

/*
 * isa_register_portio_list: build a PortioList from @portio (terminated
 * by PORTIO_END_OF_LIST()) at @start and map it.  Returns 0.
 */
int isa_register_portio_list(ISADevice *dev, PortioList *piolist,
                             uint16_t start,
                             const MemoryRegionPortio *portio,
                             void *opaque, const char *name);

#endif
