/*
 * kvm-pit: KVM's in-kernel 8254 (KVM_CREATE_PIT2).  The kernel decodes
 * ports 0x40-0x43 and, with KVM_PIT_SPEAKER_DUMMY, port 0x61; it
 * raises IRQ0 itself.  lost_tick_policy selects whether ticks missed
 * while the vCPU was not running are re-injected (delay) or dropped
 * (discard).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/module.h"
#include "hw/isa/isa.h"
#include "hw/timer/i8254.h"
#include "hw/qdev-properties.h"
#include "hw/qdev-properties-system.h"
#include "sysemu/kvm.h"
#include "sysemu/qtest.h"
#include <linux/kvm.h>

typedef struct KVMPITState {
    ISADevice parent_obj;
    uint32_t iobase;
    LostTickPolicy lost_tick_policy;
    bool created;
} KVMPITState;


/*
 * The HPET in legacy replacement mode takes IRQ0 over: the kernel's PIT
 * then stops raising it (KVM_PIT_FLAGS_HPET_LEGACY).
 */
static void kvm_pit_irq_control(void *opaque, int n, int enable)
{
    KVMPITState *s = opaque;
    struct kvm_pit_state2 st;

    if (!s->created || kvm_vm_ioctl(kvm_state, KVM_GET_PIT2, &st) < 0) {
        return;
    }
    if (enable) {
        st.flags &= ~KVM_PIT_FLAGS_HPET_LEGACY;
    } else {
        st.flags |= KVM_PIT_FLAGS_HPET_LEGACY;
    }
    kvm_vm_ioctl(kvm_state, KVM_SET_PIT2, &st);
}

static void kvm_pit_realize(DeviceState *dev, Error **errp)
{
    KVMPITState *s = (KVMPITState *)dev;
    struct kvm_pit_config config = {
        .flags = KVM_PIT_SPEAKER_DUMMY,
    };
    struct kvm_reinject_control control;
    int ret;

    qdev_init_gpio_in(dev, kvm_pit_irq_control, 1);
    if (qtest_enabled()) {
        /* No in-kernel PIT to create: an inert placeholder (not created). */
        return;
    }
    if (!kvm_enabled() || !kvm_irqchip_in_kernel()) {
        error_setg(errp, "kvm-pit needs KVM with the in-kernel irqchip");
        return;
    }
    switch (s->lost_tick_policy) {
    case LOST_TICK_POLICY_DELAY:
    case LOST_TICK_POLICY_DISCARD:
        break;
    default:
        error_setg(errp, "Lost tick policy not supported.");
        return;
    }
    if (s->iobase != 0x40) {
        error_setg(errp, "kvm-pit: iobase must be 0x40 (the in-kernel PIT "
                   "has fixed ports)");
        return;
    }
    ret = kvm_vm_ioctl(kvm_state, KVM_CREATE_PIT2, &config);
    if (ret < 0) {
        error_setg(errp, "Create kernel PIC irqchip failed: %s",
                   strerror(-ret));
        return;
    }
    s->created = true;
    /* Re-inject missed ticks only with the delay policy. */
    control.pit_reinject = s->lost_tick_policy == LOST_TICK_POLICY_DELAY;
    memset(control.reserved, 0, sizeof(control.reserved));
    if (kvm_check_extension(kvm_state, KVM_CAP_REINJECT_CONTROL)) {
        ret = kvm_vm_ioctl(kvm_state, KVM_REINJECT_CONTROL, &control);
        if (ret < 0) {
            error_setg(errp, "Can't disable in-kernel PIT reinjection: %s",
                       strerror(-ret));
            return;
        }
    }
    ISA_DEVICE(dev)->ioport_id = s->iobase;
}

static void kvm_pit_reset(DeviceState *dev)
{
    KVMPITState *s = (KVMPITState *)dev;
    struct kvm_pit_state2 st;
    int i;

    if (!s->created) {
        return;
    }
    /* Power-on state: channels stopped, gate of channel 2 low. */
    memset(&st, 0, sizeof(st));
    for (i = 0; i < 3; i++) {
        st.channels[i].mode = 0xff;     /* not programmed */
        st.channels[i].gate = i != 2;
    }
    kvm_vm_ioctl(kvm_state, KVM_SET_PIT2, &st);
}

static Property kvm_pit_properties[] = {
    DEFINE_PROP_UINT32("iobase", KVMPITState, iobase, 0x40),
    DEFINE_PROP_LOSTTICKPOLICY("lost_tick_policy", KVMPITState,
                               lost_tick_policy, LOST_TICK_POLICY_DELAY),
    DEFINE_PROP_END_OF_LIST(),
};

static void kvm_pit_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = kvm_pit_realize;
    dc->reset = kvm_pit_reset;
    dc->user_creatable = false;
    device_class_set_props(dc, kvm_pit_properties);
}

static const TypeInfo kvm_pit_info = {
    .name = TYPE_KVM_I8254,
    .parent = TYPE_ISA_DEVICE,
    .instance_size = sizeof(KVMPITState),
    .class_init = kvm_pit_class_init,
};

ISADevice *kvm_pit_init(ISABus *bus, int base)
{
    ISADevice *d = isa_new(TYPE_KVM_I8254);

    qdev_prop_set_uint32(DEVICE(d), "iobase", base);
    isa_realize_and_unref(d, bus, &error_fatal);
    return d;
}

static void kvm_pit_register(void)
{
    type_register_static(&kvm_pit_info);
}

type_init(kvm_pit_register)
