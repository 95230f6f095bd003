/*
 * "qtest" accelerator: a machine with no vCPU execution at all.  The
 * board is built as usual, the CPUs exist but never run; everything the
 * guest would do comes from the qtest protocol (softmmu/qtest.c).
 */
#include "qemu/osdep.h"
#include "qemu/module.h"
#include "qemu/accel.h"
#include "qemu/timer.h"
#include "sysemu/qtest.h"

bool qtest_allowed;

static int qtest_init_accel(MachineState *ms)
{
    /* As in QEMU: guest time is what the test makes it. */
    qemu_clock_virtual_set_manual();
    return 0;
}

static void qtest_accel_class_init(ObjectClass *oc, void *data)
{
    AccelClass *ac = ACCEL_CLASS(oc);

    ac->name = "QTest";
    ac->init_machine = qtest_init_accel;
    ac->allowed = &qtest_allowed;
}

static const TypeInfo qtest_accel_type = {
    .name = ACCEL_CLASS_NAME("qtest"),
    .parent = TYPE_ACCEL,
    .instance_size = sizeof(AccelState),
    .class_init = qtest_accel_class_init,
};

static void qtest_type_init(void)
{
    type_register_static(&qtest_accel_type);
}

type_init(qtest_type_init);
