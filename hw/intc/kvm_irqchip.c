/*
 * Wrappers for KVM's in-kernel interrupt controllers.  The kernel
 * emulates the PIC pair, the IOAPIC and the local APICs (including
 * their registers), so these devices only exist to give boards and
 * `info qtree` the familiar objects and to turn qemu_irq lines into
 * kvm_set_irq() calls on the right GSI.  MSIs written to the APIC
 * window reach KVM through kvm_irqchip_send_msi().
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/module.h"
#include "hw/irq.h"
#include "hw/sysbus.h"
#include "hw/qdev-properties.h"
#include "hw/isa/isa.h"
#include "hw/intc/i8259.h"
#include "hw/i386/ioapic.h"
#include "hw/i386/apic.h"
#include "hw/i386/x86.h"
#include "hw/pci/msi.h"
#include "sysemu/kvm.h"
#include "sysemu/qtest.h"
#include "qemu/bitops.h"

/* ---- kvm-i8259 ---------------------------------------------------- */

typedef struct KVMPICState {
    ISADevice parent_obj;
    uint32_t iobase;
    uint32_t elcr_addr;
    bool master;
} KVMPICState;

static Property kvm_i8259_props[] = {
    DEFINE_PROP_UINT32("iobase", KVMPICState, iobase, -1),
    DEFINE_PROP_UINT32("elcr_addr", KVMPICState, elcr_addr, -1),
    DEFINE_PROP_BOOL("master", KVMPICState, master, false),
    DEFINE_PROP_END_OF_LIST(),
};

static void kvm_i8259_realize(DeviceState *dev, Error **errp)
{
    KVMPICState *s = (KVMPICState *)dev;

    if (!kvm_irqchip_in_kernel() && !qtest_enabled()) {
        error_setg(errp, "kvm-i8259 needs KVM's in-kernel irqchip");
        return;
    }
    /* The kernel decodes the ports; remember them for the device name. */
    ISA_DEVICE(dev)->ioport_id = s->iobase;
}

static void kvm_i8259_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = kvm_i8259_realize;
    dc->user_creatable = false;
    device_class_set_props(dc, kvm_i8259_props);
}

static const TypeInfo kvm_i8259_info = {
    .name = TYPE_KVM_I8259,
    .parent = TYPE_ISA_DEVICE,
    .instance_size = sizeof(KVMPICState),
    .class_init = kvm_i8259_class_init,
};

static void kvm_pic_set_irq(void *opaque, int irq, int level)
{
    /* qtest: no in-kernel PIC; the level is seen on the IOAPIC lines. */
    if (kvm_irqchip_in_kernel()) {
        kvm_set_irq(kvm_state, irq, level);
    }
}

qemu_irq *kvm_i8259_init(ISABus *bus)
{
    ISADevice *isadev;

    isadev = isa_new(TYPE_KVM_I8259);
    qdev_prop_set_uint32(DEVICE(isadev), "iobase", 0x20);
    qdev_prop_set_uint32(DEVICE(isadev), "elcr_addr", 0x4d0);
    qdev_prop_set_bit(DEVICE(isadev), "master", true);
    isa_realize_and_unref(isadev, bus, &error_fatal);

    isadev = isa_new(TYPE_KVM_I8259);
    qdev_prop_set_uint32(DEVICE(isadev), "iobase", 0xa0);
    qdev_prop_set_uint32(DEVICE(isadev), "elcr_addr", 0x4d1);
    qdev_prop_set_bit(DEVICE(isadev), "master", false);
    isa_realize_and_unref(isadev, bus, &error_fatal);

    return qemu_allocate_irqs(kvm_pic_set_irq, NULL, ISA_NUM_IRQS);
}

/* ---- kvm-ioapic --------------------------------------------------- */

typedef struct KVMIOAPICState {
    SysBusDevice parent_obj;
    uint32_t kvm_gsi_base;
    uint8_t id;
    /* Pin levels when there is no in-kernel IOAPIC (qtest). */
    uint32_t levels;
} KVMIOAPICState;

#define KVM_IOAPIC(obj) ((KVMIOAPICState *)(obj))

static void kvm_ioapic_set_irq(void *opaque, int irq, int level)
{
    KVMIOAPICState *s = opaque;

    if (!kvm_irqchip_in_kernel()) {
        /* qtest: only record the level (tests intercept these lines). */
        s->levels = deposit32(s->levels, irq, 1, !!level);
        return;
    }
    kvm_set_irq(kvm_state, s->kvm_gsi_base + irq, level);
}

static void kvm_ioapic_realize(DeviceState *dev, Error **errp)
{
    if (!kvm_irqchip_in_kernel() && !qtest_enabled()) {
        error_setg(errp, "kvm-ioapic needs KVM's in-kernel irqchip");
        return;
    }
    qdev_init_gpio_in(dev, kvm_ioapic_set_irq, IOAPIC_NUM_PINS);
}

static Property kvm_ioapic_props[] = {
    DEFINE_PROP_UINT32("gsi_base", KVMIOAPICState, kvm_gsi_base, 0),
    DEFINE_PROP_END_OF_LIST()
};

static void kvm_ioapic_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = kvm_ioapic_realize;
    dc->user_creatable = false;
    device_class_set_props(dc, kvm_ioapic_props);
}

static const TypeInfo kvm_ioapic_info = {
    .name = TYPE_KVM_IOAPIC,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(KVMIOAPICState),
    .class_init = kvm_ioapic_class_init,
};

void ioapic_init_gsi(GSIState *gsi_state, const char *parent_name)
{
    DeviceState *dev;
    int i;

    dev = qdev_new(TYPE_KVM_IOAPIC);
    object_property_add_child(object_resolve_path(parent_name, NULL) ?
                              object_resolve_path(parent_name, NULL) :
                              qdev_get_machine(), "ioapic", OBJECT(dev));
    sysbus_realize_and_unref(SYS_BUS_DEVICE(dev), &error_fatal);
    for (i = 0; i < IOAPIC_NUM_PINS; i++) {
        gsi_state->ioapic_irq[i] = qdev_get_gpio_in(dev, i);
    }
}

/*
 * GSI fan-out.  ISA IRQs go to the in-kernel PIC, and KVM's routing
 * table also delivers them to the IOAPIC (IRQ0 on pin 2), so one
 * kvm_set_irq() per line is enough; GSIs 16-23 exist only on the IOAPIC.
 */
void gsi_handler(void *opaque, int n, int level)
{
    GSIState *s = opaque;

    if (n < ISA_NUM_IRQS && s->i8259_irq[n]) {
        qemu_set_irq(s->i8259_irq[n], level);
        if (!kvm_irqchip_in_kernel() && s->ioapic_irq[n ? n : 2]) {
            /* No KVM routing (qtest): the IOAPIC sees ISA IRQs, 0 on pin 2. */
            qemu_set_irq(s->ioapic_irq[n ? n : 2], level);
        }
    } else if (s->ioapic_irq[n]) {
        qemu_set_irq(s->ioapic_irq[n], level);
    } else if (kvm_irqchip_in_kernel()) {
        kvm_set_irq(kvm_state, n, level);
    }
}

/* ---- APIC MSI window ---------------------------------------------- */

static uint64_t kvm_apic_mem_read(void *opaque, hwaddr addr, unsigned size)
{
    return ~(uint64_t)0;
}

static void kvm_apic_mem_write(void *opaque, hwaddr addr, uint64_t data,
                               unsigned size)
{
    MSIMessage msg = {
        .address = APIC_DEFAULT_ADDRESS | addr,
        .data = data,
    };
    int ret;

    if (!kvm_irqchip_in_kernel()) {
        return;     /* qtest: no APICs; tests point MSIs at RAM instead */
    }
    ret = kvm_irqchip_send_msi(kvm_state, msg);
    if (ret < 0) {
        error_report("KVM injection failed, MSI lost (%s)", strerror(-ret));
    }
}

static const MemoryRegionOps kvm_apic_io_ops = {
    .read = kvm_apic_mem_read,
    .write = kvm_apic_mem_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = {
        .min_access_size = 1,
        .max_access_size = 4,
    },
    .impl = {
        .min_access_size = 4,
        .max_access_size = 4,
    },
};

void kvm_apic_msi_window_init(MemoryRegion *sysmem)
{
    static MemoryRegion msi_window;

    if (memory_region_is_mapped(&msi_window)) {
        return;
    }
    memory_region_init_io(&msi_window, NULL, &kvm_apic_io_ops, NULL,
                          "kvm-apic-msi", APIC_SPACE_SIZE);
    /* Above RAM aliases and the PCI hole, as QEMU's APIC region. */
    memory_region_add_subregion_overlap(sysmem, APIC_DEFAULT_ADDRESS,
                                        &msi_window, 0x1000);
    msi_nonbroken = true;
}

static void kvm_irqchip_register_types(void)
{
    type_register_static(&kvm_i8259_info);
    type_register_static(&kvm_ioapic_info);
}

type_init(kvm_irqchip_register_types)
