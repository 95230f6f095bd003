/*
 * Device core tests: static properties, realize order, buses and the
 * -device/-global paths, using test-only device and bus types.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qmp/qdict.h"
#include "qemu/module.h"
#include "qemu/option.h"
#include "qemu/bitops.h"
#include "qemu/uuid.h"
#include "qom/object.h"
#include "hw/qdev-core.h"
#include "hw/qdev-properties.h"
#include "hw/sysbus.h"
#include "hw/irq.h"
#include "hw/boards.h"
#include "sysemu/reset.h"
#include "monitor/qdev.h"

/*** test types ***/

#define TYPE_TEST_BUS "test-bus"
#define TYPE_TEST_OTHER_BUS "test-other-bus"
#define TYPE_TEST_CTRL "test-ctrl"
#define TYPE_TEST_DEV "test-dev"
#define TYPE_TEST_CHILD "test-child"
#define TYPE_TEST_OTHER_DEV "test-other-dev"
#define TYPE_TEST_ABSTRACT "test-abstract"

typedef struct TestCtrl {
    SysBusDevice parent_obj;
    BusState *bus;
    BusState *other;
    int resets;
} TestCtrl;

typedef struct TestDev {
    DeviceState parent_obj;
    bool flag;
    uint32_t bits;
    uint64_t bits64;
    uint8_t u8;
    uint16_t u16;
    uint32_t u32;
    int32_t i32;
    uint64_t u64;
    int64_t i64;
    uint64_t size;
    uint32_t size32;
    char *str;
    OnOffAuto ooa;
    int32_t devfn;
    QemuUUID uuid;
    uint32_t arr_len;
    uint32_t *arr;
    bool fail_realize;
    int resets;
} TestDev;

#define TEST_DEV(obj) OBJECT_CHECK(TestDev, (obj), TYPE_TEST_DEV)
#define TEST_CTRL(obj) OBJECT_CHECK(TestCtrl, (obj), TYPE_TEST_CTRL)

/* Records realize/reset order across devices. */
static GString *event_log;

static void log_event(const char *what, DeviceState *dev)
{
    g_string_append_printf(event_log, "%s:%s ", what,
                           dev->id ? dev->id : object_get_typename(OBJECT(dev)));
}

static void test_bus_class_init(ObjectClass *oc, void *data)
{
    BusClass *bc = BUS_CLASS(oc);

    bc->max_dev = 2;
}

static const TypeInfo test_bus_info = {
    .name = TYPE_TEST_BUS,
    .parent = TYPE_BUS,
    .instance_size = sizeof(BusState),
    .class_init = test_bus_class_init,
};

static const TypeInfo test_other_bus_info = {
    .name = TYPE_TEST_OTHER_BUS,
    .parent = TYPE_BUS,
    .instance_size = sizeof(BusState),
};

static void test_ctrl_init(Object *obj)
{
    TestCtrl *s = TEST_CTRL(obj);

    s->bus = qbus_new(TYPE_TEST_BUS, DEVICE(obj), "tbus.0");
    s->other = qbus_new(TYPE_TEST_OTHER_BUS, DEVICE(obj), "obus.0");
}

static void test_ctrl_reset(DeviceState *dev)
{
    log_event("reset", dev);
}

static void test_ctrl_plug(HotplugHandler *hh, DeviceState *dev,
                           Error **errp)
{
    log_event("plug", dev);
}

static void test_ctrl_unplug(HotplugHandler *hh, DeviceState *dev,
                             Error **errp)
{
    log_event("unplug", dev);
    qdev_unrealize(dev);
}

static void test_ctrl_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    HotplugHandlerClass *hc = HOTPLUG_HANDLER_CLASS(oc);

    dc->reset = test_ctrl_reset;
    hc->plug = test_ctrl_plug;
    hc->unplug = test_ctrl_unplug;
}

static const TypeInfo test_ctrl_info = {
    .name = TYPE_TEST_CTRL,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(TestCtrl),
    .instance_init = test_ctrl_init,
    .class_init = test_ctrl_class_init,
    .interfaces = (InterfaceInfo[]) {
        { TYPE_HOTPLUG_HANDLER },
        { }
    },
};

static Property test_dev_props[] = {
    DEFINE_PROP_BOOL("flag", TestDev, flag, true),
    DEFINE_PROP_BIT("bit3", TestDev, bits, 3, true),
    DEFINE_PROP_BIT("bit4", TestDev, bits, 4, false),
    DEFINE_PROP_BIT64("bit40", TestDev, bits64, 40, true),
    DEFINE_PROP_UINT8("u8", TestDev, u8, 8),
    DEFINE_PROP_UINT16("u16", TestDev, u16, 16),
    DEFINE_PROP_UINT32("u32", TestDev, u32, 32),
    DEFINE_PROP_INT32("i32", TestDev, i32, -32),
    DEFINE_PROP_UINT64("u64", TestDev, u64, 64),
    DEFINE_PROP_INT64("i64", TestDev, i64, -64),
    DEFINE_PROP_SIZE("size", TestDev, size, 4 * KiB),
    DEFINE_PROP_SIZE32("size32", TestDev, size32, 512),
    DEFINE_PROP_STRING("str", TestDev, str),
    DEFINE_PROP_ON_OFF_AUTO("ooa", TestDev, ooa, ON_OFF_AUTO_AUTO),
    DEFINE_PROP_PCI_DEVFN("addr", TestDev, devfn, -1),
    DEFINE_PROP_UUID_NODEFAULT("uuid", TestDev, uuid),
    DEFINE_PROP_ARRAY("arr", TestDev, arr_len, arr, qdev_prop_uint32,
                      uint32_t),
    DEFINE_PROP_BOOL("fail-realize", TestDev, fail_realize, false),
    DEFINE_PROP_END_OF_LIST(),
};

static void test_dev_realize(DeviceState *dev, Error **errp)
{
    TestDev *s = TEST_DEV(dev);

    if (s->fail_realize) {
        error_setg(errp, "realize refused");
        return;
    }
    log_event("realize", dev);
}

static void test_dev_reset(DeviceState *dev)
{
    TEST_DEV(dev)->resets++;
    log_event("reset", dev);
}

static void test_dev_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->bus_type = TYPE_TEST_BUS;
    dc->realize = test_dev_realize;
    dc->reset = test_dev_reset;
    dc->desc = "test device";
    set_bit(DEVICE_CATEGORY_MISC, dc->categories);
    device_class_set_props(dc, test_dev_props);
}

static const TypeInfo test_dev_info = {
    .name = TYPE_TEST_DEV,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(TestDev),
    .class_init = test_dev_class_init,
};

/* A subclass that wraps the parent's realize, as real devices do. */
typedef struct TestChildClass {
    DeviceClass parent_class;
    DeviceRealize parent_realize;
} TestChildClass;

static void test_child_realize(DeviceState *dev, Error **errp)
{
    TestChildClass *tcc = OBJECT_GET_CLASS(TestChildClass, dev,
                                           TYPE_TEST_CHILD);
    Error *err = NULL;

    log_event("child-before", dev);
    tcc->parent_realize(dev, &err);
    if (err) {
        error_propagate(errp, err);
        return;
    }
    log_event("child-after", dev);
}

static Property test_child_props[] = {
    DEFINE_PROP_UINT32("extra", TestDev, u32, 99),
    DEFINE_PROP_END_OF_LIST(),
};

static void test_child_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    TestChildClass *tcc = OBJECT_CLASS_CHECK(TestChildClass, oc,
                                             TYPE_TEST_CHILD);

    device_class_set_parent_realize(dc, test_child_realize,
                                    &tcc->parent_realize);
    device_class_set_props(dc, test_child_props);
}

static const TypeInfo test_child_info = {
    .name = TYPE_TEST_CHILD,
    .parent = TYPE_TEST_DEV,
    .class_size = sizeof(TestChildClass),
    .class_init = test_child_class_init,
};

static void test_other_dev_class_init(ObjectClass *oc, void *data)
{
    DEVICE_CLASS(oc)->bus_type = TYPE_TEST_OTHER_BUS;
}

static const TypeInfo test_other_dev_info = {
    .name = TYPE_TEST_OTHER_DEV,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(DeviceState),
    .class_init = test_other_dev_class_init,
};

static const TypeInfo test_abstract_info = {
    .name = TYPE_TEST_ABSTRACT,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(DeviceState),
    .abstract = true,
};

/* A machine type for -smp validation. */
static void test_machine_class_init(ObjectClass *oc, void *data)
{
    MachineClass *mc = MACHINE_CLASS(oc);

    mc->desc = "test machine";
    mc->max_cpus = 8;
    mc->smp_props.dies_supported = true;
}

static const TypeInfo test_machine_info = {
    .name = MACHINE_TYPE_NAME("test-board"),
    .parent = TYPE_MACHINE,
    .class_init = test_machine_class_init,
};

static void register_test_types(void)
{
    type_register_static(&test_bus_info);
    type_register_static(&test_other_bus_info);
    type_register_static(&test_ctrl_info);
    type_register_static(&test_dev_info);
    type_register_static(&test_child_info);
    type_register_static(&test_other_dev_info);
    type_register_static(&test_abstract_info);
    type_register_static(&test_machine_info);
}

static TestCtrl *ctrl;

/* Each test gets a fresh controller with empty buses. */
static void fresh_ctrl(void)
{
    static int n;
    char *name = g_strdup_printf("ctrl%d", n++);

    if (ctrl) {
        object_unparent(OBJECT(ctrl));
    }
    ctrl = TEST_CTRL(qdev_new(TYPE_TEST_CTRL));
    object_property_add_child(container_get(qdev_get_machine(),
                                            "/unattached"),
                              name, OBJECT(ctrl));
    g_free(name);
    object_unref(OBJECT(ctrl));
    sysbus_realize(SYS_BUS_DEVICE(ctrl), &error_abort);
    g_string_truncate(event_log, 0);
}

static TestDev *new_test_dev(void)
{
    return TEST_DEV(qdev_new(TYPE_TEST_DEV));
}

/* Parse @value into property @name; returns the error text or NULL. */
static char *parse_err(Object *obj, const char *name, const char *value)
{
    Error *err = NULL;
    char *msg;

    if (object_property_parse(obj, name, value, &err)) {
        return NULL;
    }
    msg = g_strdup(error_get_pretty(err));
    error_free(err);
    return msg;
}

/*** property tests ***/

static void test_prop_defaults(void)
{
    TestDev *d = new_test_dev();

    g_assert_true(d->flag);
    g_assert_cmpuint(d->bits, ==, 1u << 3);
    g_assert_cmphex(d->bits64, ==, 1ull << 40);
    g_assert_cmpuint(d->u8, ==, 8);
    g_assert_cmpuint(d->u16, ==, 16);
    g_assert_cmpuint(d->u32, ==, 32);
    g_assert_cmpint(d->i32, ==, -32);
    g_assert_cmpuint(d->u64, ==, 64);
    g_assert_cmpint(d->i64, ==, -64);
    g_assert_cmpuint(d->size, ==, 4096);
    g_assert_cmpuint(d->size32, ==, 512);
    g_assert_null(d->str);
    g_assert_cmpint(d->ooa, ==, ON_OFF_AUTO_AUTO);
    g_assert_cmpint(d->devfn, ==, -1);
    g_assert_cmpuint(d->arr_len, ==, 0);
    object_unref(OBJECT(d));
}

static void test_prop_subclass_defaults(void)
{
    /* The subclass re-declares the u32 field with its own default. */
    TestDev *d = TEST_DEV(qdev_new(TYPE_TEST_CHILD));

    g_assert_cmpuint(d->u32, ==, 99);
    g_assert_cmpuint(d->u8, ==, 8);
    object_unref(OBJECT(d));
}

static void test_prop_parse_ok(void)
{
    TestDev *d = new_test_dev();
    Object *o = OBJECT(d);

    g_assert_null(parse_err(o, "flag", "off"));
    g_assert_false(d->flag);
    g_assert_null(parse_err(o, "bit4", "on"));
    g_assert_null(parse_err(o, "bit3", "off"));
    g_assert_cmpuint(d->bits, ==, 1u << 4);
    g_assert_null(parse_err(o, "bit40", "off"));
    g_assert_cmphex(d->bits64, ==, 0);
    g_assert_null(parse_err(o, "u8", "255"));
    g_assert_cmpuint(d->u8, ==, 255);
    g_assert_null(parse_err(o, "u16", "0x1234"));
    g_assert_cmpuint(d->u16, ==, 0x1234);
    g_assert_null(parse_err(o, "u32", "4000000000"));
    g_assert_cmpuint(d->u32, ==, 4000000000u);
    g_assert_null(parse_err(o, "i32", "-5"));
    g_assert_cmpint(d->i32, ==, -5);
    g_assert_null(parse_err(o, "u64", "18446744073709551615"));
    g_assert_cmpuint(d->u64, ==, UINT64_MAX);
    g_assert_null(parse_err(o, "i64", "-9000000000"));
    g_assert_cmpint(d->i64, ==, -9000000000LL);
    g_assert_null(parse_err(o, "size", "2M"));
    g_assert_cmpuint(d->size, ==, 2 * MiB);
    g_assert_null(parse_err(o, "size", "3G"));
    g_assert_cmpuint(d->size, ==, 3 * GiB);
    g_assert_null(parse_err(o, "size", "16k"));
    g_assert_cmpuint(d->size, ==, 16 * KiB);
    g_assert_null(parse_err(o, "size32", "1G"));
    g_assert_cmpuint(d->size32, ==, GiB);
    g_assert_null(parse_err(o, "str", "hello"));
    g_assert_cmpstr(d->str, ==, "hello");
    g_assert_null(parse_err(o, "ooa", "on"));
    g_assert_cmpint(d->ooa, ==, ON_OFF_AUTO_ON);
    g_assert_null(parse_err(o, "ooa", "off"));
    g_assert_cmpint(d->ooa, ==, ON_OFF_AUTO_OFF);
    g_assert_null(parse_err(o, "addr", "1f.7"));
    g_assert_cmpint(d->devfn, ==, 0xff);
    g_assert_null(parse_err(o, "addr", "03"));
    g_assert_cmpint(d->devfn, ==, 3 << 3);
    g_assert_null(parse_err(o, "uuid",
                            "12345678-9abc-def0-1234-56789abcdef0"));
    g_assert_cmphex(((uint8_t *)&d->uuid)[0], ==, 0x12);
    g_assert_cmphex(((uint8_t *)&d->uuid)[15], ==, 0xf0);
    object_unref(o);
}

static void test_prop_parse_errors(void)
{
    TestDev *d = new_test_dev();
    Object *o = OBJECT(d);
    char *msg;

    /* addr: slot > 0x1f, function > 7, junk */
    msg = parse_err(o, "addr", "0x20");
    g_assert_cmpstr(msg, ==, "Property 'test-dev.addr' doesn't take value "
                    "'0x20'");
    g_free(msg);
    msg = parse_err(o, "addr", "3.8");
    g_assert_cmpstr(msg, ==, "Property 'test-dev.addr' doesn't take value "
                    "'3.8'");
    g_free(msg);
    msg = parse_err(o, "addr", "zz");
    g_assert_nonnull(msg);
    g_free(msg);
    g_assert_cmpint(d->devfn, ==, -1);

    msg = parse_err(o, "size32", "5G");
    g_assert_cmpstr(msg, ==, "Property test-dev.size32 doesn't take value "
                    "5368709120 (maximum: 4294967295)");
    g_free(msg);
    g_assert_cmpuint(d->size32, ==, 512);

    msg = parse_err(o, "uuid", "not-a-uuid");
    g_assert_cmpstr(msg, ==, "Property 'test-dev.uuid' doesn't take value "
                    "'not-a-uuid'");
    g_free(msg);

    /* Failed parses leave the old value (visitor errors vary in text). */
    msg = parse_err(o, "u8", "256");
    g_assert_nonnull(msg);
    g_free(msg);
    g_assert_cmpuint(d->u8, ==, 8);
    msg = parse_err(o, "flag", "maybe");
    g_assert_nonnull(msg);
    g_free(msg);
    g_assert_true(d->flag);
    msg = parse_err(o, "ooa", "sometimes");
    g_assert_nonnull(msg);
    g_free(msg);
    g_assert_cmpint(d->ooa, ==, ON_OFF_AUTO_AUTO);
    msg = parse_err(o, "size", "12Q");
    g_assert_nonnull(msg);
    g_free(msg);
    g_assert_cmpuint(d->size, ==, 4096);
    object_unref(o);
}

static void test_prop_array(void)
{
    TestDev *d = new_test_dev();
    Object *o = OBJECT(d);
    char *msg;

    g_assert_null(parse_err(o, "len-arr", "3"));
    g_assert_cmpuint(d->arr_len, ==, 3);
    g_assert_null(parse_err(o, "arr[0]", "10"));
    g_assert_null(parse_err(o, "arr[2]", "30"));
    g_assert_cmpuint(d->arr[0], ==, 10);
    g_assert_cmpuint(d->arr[1], ==, 0);
    g_assert_cmpuint(d->arr[2], ==, 30);
    g_assert_null(object_property_find(o, "arr[3]"));
    msg = parse_err(o, "len-arr", "4");
    g_assert_cmpstr(msg, ==, "array size property len-arr may not be set "
                    "more than once");
    g_free(msg);
    object_unref(o);
}

static void test_prop_set_after_realize(void)
{
    TestDev *d;
    char *msg;

    fresh_ctrl();
    d = new_test_dev();
    qdev_realize_and_unref(DEVICE(d), ctrl->bus, &error_abort);
    msg = parse_err(OBJECT(d), "u32", "5");
    g_assert_cmpstr(msg, ==, "Attempt to set property 'u32' on anonymous "
                    "device (type 'test-dev') after it was realized");
    g_free(msg);
    g_assert_cmpuint(d->u32, ==, 32);
}

static void test_prop_setters_from_c(void)
{
    TestDev *d = new_test_dev();

    qdev_prop_set_bit(DEVICE(d), "flag", false);
    qdev_prop_set_uint8(DEVICE(d), "u8", 7);
    qdev_prop_set_uint32(DEVICE(d), "u32", 123456);
    qdev_prop_set_int32(DEVICE(d), "i32", -9);
    qdev_prop_set_uint64(DEVICE(d), "u64", 1ull << 50);
    qdev_prop_set_string(DEVICE(d), "str", "abc");
    qdev_prop_set_enum(DEVICE(d), "ooa", ON_OFF_AUTO_OFF);
    g_assert_false(d->flag);
    g_assert_cmpuint(d->u8, ==, 7);
    g_assert_cmpuint(d->u32, ==, 123456);
    g_assert_cmpint(d->i32, ==, -9);
    g_assert_cmpuint(d->u64, ==, 1ull << 50);
    g_assert_cmpstr(d->str, ==, "abc");
    g_assert_cmpint(d->ooa, ==, ON_OFF_AUTO_OFF);
    g_assert_cmpstr(object_property_get_str(OBJECT(d), "ooa", &error_abort),
                    ==, "off");
    object_unref(OBJECT(d));
}

static void test_prop_default_strings(void)
{
    ObjectClass *oc = object_class_by_name(TYPE_TEST_DEV);
    char *s;

    s = qdev_prop_default_str(qdev_prop_find(oc, "flag"));
    g_assert_cmpstr(s, ==, "true");
    g_free(s);
    s = qdev_prop_default_str(qdev_prop_find(oc, "i32"));
    g_assert_cmpstr(s, ==, "-32");
    g_free(s);
    s = qdev_prop_default_str(qdev_prop_find(oc, "ooa"));
    g_assert_cmpstr(s, ==, "\"auto\"");
    g_free(s);
    g_assert_null(qdev_prop_default_str(qdev_prop_find(oc, "str")));
    g_assert_null(qdev_prop_find(oc, "nosuch"));
}

/*** realize and reset ***/

static void test_realize_chain(void)
{
    DeviceState *dev;

    fresh_ctrl();
    dev = qdev_new(TYPE_TEST_CHILD);
    qdev_set_id(dev, g_strdup("kid"), &error_abort);
    g_assert_true(qdev_realize_and_unref(dev, ctrl->bus, &error_abort));
    g_assert_true(dev->realized);
    g_assert_cmpstr(event_log->str, ==,
                    "child-before:kid realize:kid child-after:kid ");
    g_assert_true(object_property_get_bool(OBJECT(dev), "realized",
                                           &error_abort));
    g_assert_true(qdev_get_parent_bus(dev) == ctrl->bus);
}

static void test_realize_failure(void)
{
    Error *err = NULL;
    DeviceState *dev;

    fresh_ctrl();
    dev = qdev_new(TYPE_TEST_DEV);
    qdev_prop_set_bit(dev, "fail-realize", true);
    g_assert_false(qdev_realize(dev, ctrl->bus, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "realize refused");
    error_free(err);
    g_assert_false(dev->realized);
    object_unparent(OBJECT(dev));
    object_unref(OBJECT(dev));
}

static void test_reset_order(void)
{
    DeviceState *a, *b;

    fresh_ctrl();
    a = qdev_new(TYPE_TEST_DEV);
    qdev_set_id(a, g_strdup("ra"), &error_abort);
    qdev_realize_and_unref(a, ctrl->bus, &error_abort);
    b = qdev_new(TYPE_TEST_DEV);
    qdev_set_id(b, g_strdup("rb"), &error_abort);
    qdev_realize_and_unref(b, ctrl->bus, &error_abort);
    g_string_truncate(event_log, 0);

    /* Children before their parent, siblings in plug order. */
    device_cold_reset(DEVICE(ctrl));
    g_assert_cmpstr(event_log->str, ==,
                    "reset:ra reset:rb reset:test-ctrl ");
    g_assert_cmpint(TEST_DEV(a)->resets, ==, 1);
}

static int reset_calls[3];

static void count_reset(void *opaque)
{
    int *p = opaque;

    (*p)++;
}

static void test_reset_handlers(void)
{
    memset(reset_calls, 0, sizeof(reset_calls));
    qemu_register_reset(count_reset, &reset_calls[0]);
    qemu_register_reset(count_reset, &reset_calls[1]);
    qemu_register_reset_nosnapshotload(count_reset, &reset_calls[2]);
    qemu_devices_reset(SHUTDOWN_CAUSE_GUEST_RESET);
    qemu_unregister_reset(count_reset, &reset_calls[1]);
    qemu_devices_reset(SHUTDOWN_CAUSE_SNAPSHOT_LOAD);
    g_assert_cmpint(reset_calls[0], ==, 2);
    g_assert_cmpint(reset_calls[1], ==, 1);
    g_assert_cmpint(reset_calls[2], ==, 1);
    qemu_unregister_reset(count_reset, &reset_calls[0]);
    qemu_unregister_reset(count_reset, &reset_calls[2]);
}

/*** IRQs and GPIOs ***/

static int irq_level[4];

static void irq_handler(void *opaque, int n, int level)
{
    irq_level[n] = level;
}

static void test_irq(void)
{
    qemu_irq *irqs = qemu_allocate_irqs(irq_handler, NULL, 4);
    qemu_irq inv, split;

    qemu_irq_raise(irqs[2]);
    g_assert_cmpint(irq_level[2], ==, 1);
    qemu_irq_lower(irqs[2]);
    g_assert_cmpint(irq_level[2], ==, 0);
    inv = qemu_irq_invert(irqs[1]);
    g_assert_cmpint(irq_level[1], ==, 1);
    qemu_irq_raise(inv);
    g_assert_cmpint(irq_level[1], ==, 0);
    split = qemu_irq_split(irqs[0], irqs[3]);
    qemu_set_irq(split, 1);
    g_assert_cmpint(irq_level[0], ==, 1);
    g_assert_cmpint(irq_level[3], ==, 1);
    /* An unconnected line is silently ignored. */
    qemu_set_irq(NULL, 1);
    qemu_free_irqs(irqs, 4);
}

static int gpio_seen[2];

static void gpio_in_handler(void *opaque, int n, int level)
{
    gpio_seen[n] = level + 10;
}

static void test_gpio(void)
{
    DeviceState *sink = qdev_new(TYPE_TEST_DEV);
    DeviceState *src = qdev_new(TYPE_TEST_DEV);
    qemu_irq out[2] = { NULL, NULL };
    qemu_irq named_out = NULL;

    qdev_init_gpio_in(sink, gpio_in_handler, 2);
    qdev_init_gpio_out(src, out, 2);
    qdev_init_gpio_out_named(src, &named_out, "alarm", 1);
    qdev_connect_gpio_out(src, 1, qdev_get_gpio_in(sink, 0));
    qdev_connect_gpio_out_named(src, "alarm", 0, qdev_get_gpio_in(sink, 1));
    g_assert_null(out[0]);
    qemu_set_irq(out[1], 1);
    qemu_set_irq(named_out, 0);
    g_assert_cmpint(gpio_seen[0], ==, 11);
    g_assert_cmpint(gpio_seen[1], ==, 10);
    g_assert_true(qdev_get_gpio_out_connector(src, NULL, 1) ==
                  qdev_get_gpio_in(sink, 0));
    object_unref(OBJECT(src));
    object_unref(OBJECT(sink));
}

/*** buses ***/

static void test_bus_naming_and_capacity(void)
{
    DeviceState *d1, *d2;
    BusState *anon;

    fresh_ctrl();
    g_assert_cmpstr(ctrl->bus->name, ==, "tbus.0");
    g_assert_true(qdev_get_child_bus(DEVICE(ctrl), "obus.0") == ctrl->other);
    g_assert_false(qbus_is_full(ctrl->bus));
    d1 = qdev_new(TYPE_TEST_DEV);
    qdev_realize_and_unref(d1, ctrl->bus, &error_abort);
    d2 = qdev_new(TYPE_TEST_DEV);
    qdev_realize_and_unref(d2, ctrl->bus, &error_abort);
    g_assert_cmpint(ctrl->bus->num_children, ==, 2);
    g_assert_true(qbus_is_full(ctrl->bus));
    g_assert_true(QTAILQ_FIRST(&ctrl->bus->children)->child == d1);

    /* Unnamed buses of an anonymous parent: lower-case type + counter. */
    anon = qbus_new(TYPE_TEST_OTHER_BUS, d1, NULL);
    g_assert_true(g_str_has_prefix(anon->name, "test-other-bus."));
    g_assert_true(qbus_find_recursive(sysbus_get_default(), anon->name,
                                      NULL) == anon);

    /* Unparenting a device takes it off its bus. */
    object_unparent(OBJECT(d2));
    g_assert_cmpint(ctrl->bus->num_children, ==, 1);
    g_assert_false(qbus_is_full(ctrl->bus));
}

static void test_default_bus_search(void)
{
    TestCtrl *first;
    DeviceState *d;
    int i;

    fresh_ctrl();
    first = ctrl;
    object_ref(OBJECT(first));
    /* A second controller: its bus is used once the first is full. */
    ctrl = NULL;
    fresh_ctrl();
    for (i = 0; i < 2; i++) {
        d = qdev_new(TYPE_TEST_DEV);
        qdev_realize_and_unref(d, qbus_find_recursive(sysbus_get_default(),
                                                      NULL, TYPE_TEST_BUS),
                               &error_abort);
    }
    d = qdev_new(TYPE_TEST_DEV);
    qdev_realize_and_unref(d, qbus_find_recursive(sysbus_get_default(), NULL,
                                                  TYPE_TEST_BUS),
                           &error_abort);
    /* Three devices over two buses of two slots each. */
    g_assert_cmpint(first->bus->num_children + ctrl->bus->num_children,
                    ==, 3);
    g_assert_true(qbus_is_full(first->bus) || qbus_is_full(ctrl->bus));
    object_unparent(OBJECT(first));
    object_unref(OBJECT(first));
}

/*** -device ***/

/* Run -device @params; return the error text (or NULL and *pdev). */
static char *device_add(const char *params, DeviceState **pdev)
{
    QemuOpts *opts;
    Error *err = NULL;
    DeviceState *dev;
    char *msg;

    opts = qemu_opts_parse(&qemu_device_opts, params, true, &error_abort);
    dev = qdev_device_add(opts, &err);
    if (dev) {
        if (pdev) {
            *pdev = dev;
        }
        object_unref(OBJECT(dev));
        return NULL;
    }
    qemu_opts_del(opts);
    msg = g_strdup(error_get_pretty(err));
    error_free(err);
    return msg;
}

static void assert_device_add_error(const char *params, const char *expected)
{
    char *msg = device_add(params, NULL);

    g_assert_cmpstr(msg, ==, expected);
    g_free(msg);
}

static void test_device_add_ok(void)
{
    DeviceState *dev = NULL;
    TestDev *d;

    fresh_ctrl();
    g_assert_null(device_add("test-dev,id=good,u32=7,size=1M,addr=05.2,"
                             "str=x,ooa=off,flag=off", &dev));
    d = TEST_DEV(dev);
    g_assert_true(dev->realized);
    g_assert_cmpstr(dev->id, ==, "good");
    g_assert_cmpuint(d->u32, ==, 7);
    g_assert_cmpuint(d->size, ==, MiB);
    g_assert_cmpint(d->devfn, ==, (5 << 3) | 2);
    g_assert_cmpstr(d->str, ==, "x");
    g_assert_cmpint(d->ooa, ==, ON_OFF_AUTO_OFF);
    g_assert_false(d->flag);
    g_assert_true(object_resolve_path("/machine/peripheral/good", NULL) ==
                  OBJECT(dev));
    g_assert_true(find_device_state("good", &error_abort) == dev);
    g_assert_true(qdev_find_recursive(sysbus_get_default(), "good") == dev);
    /* Explicit bus path: bus name, and device/bus */
    g_assert_null(device_add("test-dev,bus=tbus.0", &dev));
    g_assert_true(dev->parent_bus == ctrl->bus);
    g_assert_null(object_resolve_path_component(qdev_get_peripheral(),
                                                "nosuch"));
}

static void test_device_add_errors(void)
{
    DeviceState *dev;
    QDict *qdict;
    Error *err = NULL;

    fresh_ctrl();
    qdict = qdict_new();
    g_assert_null(qdev_device_add_from_qdict(qdict, false, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Parameter 'driver' is missing");
    error_free(err);
    qobject_unref(qdict);

    assert_device_add_error("nosuch-device",
                            "'nosuch-device' is not a valid device model "
                            "name");
    assert_device_add_error("test-bus",
                            "'test-bus' is not a valid device model name");
    assert_device_add_error(TYPE_TEST_ABSTRACT,
                            "Parameter 'driver' expects a non-abstract "
                            "device type");
    assert_device_add_error(TYPE_TEST_CTRL,
                            "Parameter 'driver' expects a pluggable device "
                            "type");
    assert_device_add_error("test-dev,bus=nosuch.0",
                            "Bus 'nosuch.0' not found");
    assert_device_add_error("test-dev,bus=obus.0",
                            "Device 'test-dev' can't go on test-other-bus "
                            "bus");
    assert_device_add_error("test-dev,nosuch=1",
                            "Property 'test-dev.nosuch' not found");
    assert_device_add_error("test-dev,addr=0x20",
                            "Property 'test-dev.addr' doesn't take value "
                            "'0x20'");
    assert_device_add_error("test-dev,fail-realize=on", "realize refused");

    g_assert_null(device_add("test-dev,id=dup", &dev));
    assert_device_add_error("test-other-dev,id=dup",
                            "Duplicate ID 'dup' for device");
    /* Failed adds left nothing behind: one slot is still free. */
    g_assert_cmpint(ctrl->bus->num_children, ==, 1);
    g_assert_null(device_add("test-dev", &dev));
    assert_device_add_error("test-dev,bus=tbus.0", "Bus 'tbus.0' is full");
    assert_device_add_error("test-dev",
                            "No 'test-bus' bus found for device 'test-dev'");
    /* Device path with one bus resolves to it. */
    assert_device_add_error("test-dev,bus=/test-ctrl/nosuch",
                            "Bus 'nosuch' not found");
}

static void test_device_bad_value_message(void)
{
    char *msg;

    fresh_ctrl();
    msg = device_add("test-dev,u32=abc", NULL);
    g_assert_nonnull(msg);
    g_assert_nonnull(strstr(msg, "u32"));
    g_free(msg);
}

/*** -global ***/

static void test_globals(void)
{
    static GlobalProperty g1 = { TYPE_TEST_DEV, "u16", "77" };
    static GlobalProperty g2 = { "no-such-type", "x", "1" };
    static GlobalProperty g3 = { TYPE_TEST_CHILD, "u8", "3" };
    TestDev *d, *c;

    qdev_prop_register_global(&g1);
    qdev_prop_register_global(&g2);
    qdev_prop_register_global(&g3);
    d = new_test_dev();
    /* Applies to subclasses too, and the last matching one wins. */
    c = TEST_DEV(qdev_new(TYPE_TEST_CHILD));
    g_assert_cmpuint(d->u16, ==, 77);
    g_assert_cmpuint(c->u16, ==, 77);
    g_assert_cmpuint(c->u8, ==, 3);
    g_assert_cmpuint(d->u8, ==, 8);
    g_assert_true(g1.used);
    g_assert_false(g2.used);
    g_assert_true(qdev_find_global_prop(OBJECT(d), "u16") == &g1);
    g_assert_null(qdev_find_global_prop(OBJECT(d), "u8"));
    /* The unknown type is reported. */
    g_assert_cmpint(qdev_prop_check_globals(), ==, 1);
    object_unref(OBJECT(d));
    object_unref(OBJECT(c));
}

/*** -smp ***/

static char *smp_err(const char *cfg_str)
{
    MachineState *ms = MACHINE(object_new(MACHINE_TYPE_NAME("test-board")));
    SMPConfiguration cfg = { 0 };
    char **kv = g_strsplit(cfg_str, ",", -1);
    Error *err = NULL;
    char *msg = NULL;
    int i;

    for (i = 0; kv[i]; i++) {
        char **p = g_strsplit(kv[i], "=", 2);
        int64_t v = g_ascii_strtoll(p[1], NULL, 10);

#define F(name) if (!strcmp(p[0], #name)) { cfg.has_##name = true; \
                                             cfg.name = v; }
        F(cpus) F(sockets) F(dies) F(cores) F(threads) F(maxcpus)
#undef F
        g_strfreev(p);
    }
    g_strfreev(kv);
    machine_parse_smp_config(ms, &cfg, &err);
    if (err) {
        msg = g_strdup(error_get_pretty(err));
        error_free(err);
    } else {
        msg = g_strdup_printf("%u/%u/%u/%u/%u/%u", ms->smp.cpus,
                              ms->smp.sockets, ms->smp.dies, ms->smp.cores,
                              ms->smp.threads, ms->smp.max_cpus);
    }
    object_unref(OBJECT(ms));
    return msg;
}

static void check_smp(const char *cfg, const char *expected)
{
    char *msg = smp_err(cfg);

    g_assert_cmpstr(msg, ==, expected);
    g_free(msg);
}

static void test_smp(void)
{
    /* cpus/sockets/dies/cores/threads/maxcpus */
    check_smp("cpus=4", "4/1/1/4/1/4");
    check_smp("cpus=2,maxcpus=8", "2/1/1/8/1/8");
    check_smp("sockets=2,cores=2,threads=2", "8/2/1/2/2/8");
    check_smp("cpus=4,sockets=2", "4/2/1/2/1/4");
    check_smp("cpus=8,dies=2,cores=2", "8/2/2/2/1/8");
    check_smp("cpus=9,maxcpus=4",
              "Invalid CPU topology: maxcpus must be equal to or greater "
              "than smp: sockets (1) * dies (1) * cores (4) * threads (1) "
              "== maxcpus (4) < smp_cpus (9)");
    check_smp("sockets=2,cores=2,threads=2,maxcpus=9",
              "Invalid CPU topology: product of the hierarchy must match "
              "maxcpus: sockets (2) * dies (1) * cores (2) * threads (2) "
              "!= maxcpus (9)");
    check_smp("cpus=9",
              "Invalid SMP CPUs 9. The max CPUs supported by machine "
              "'test-board' is 8");
}

/* Runs last: once the machine is "ready", -device means hot-plug. */
static void test_hotplug(void)
{
    DeviceState *dev = NULL;
    Error *err = NULL;

    fresh_ctrl();
    phase_advance(PHASE_MACHINE_CREATED);
    phase_advance(PHASE_ACCEL_CREATED);
    phase_advance(PHASE_MACHINE_INITIALIZED);
    qdev_machine_creation_done();
    g_assert_true(phase_check(PHASE_MACHINE_READY));

    /* No handler on the bus yet. */
    assert_device_add_error("test-dev,bus=tbus.0",
                            "Bus 'tbus.0' does not support hotplugging");
    qbus_set_hotplug_handler(ctrl->bus, OBJECT(ctrl));
    g_assert_true(qbus_is_hotpluggable(ctrl->bus));
    g_string_truncate(event_log, 0);
    g_assert_null(device_add("test-dev,id=hp,bus=tbus.0", &dev));
    g_assert_true(dev->hotplugged);
    /* realize, plug callback, then the reset a hot-plugged device gets */
    g_assert_cmpstr(event_log->str, ==, "realize:hp plug:hp reset:hp ");
    g_assert_true(object_property_get_bool(OBJECT(dev), "hotpluggable",
                                           &error_abort));

    g_string_truncate(event_log, 0);
    qmp_device_del("hp", &error_abort);
    g_assert_cmpstr(event_log->str, ==, "unplug:hp ");
    g_assert_null(object_resolve_path_component(qdev_get_peripheral(), "hp"));
    g_assert_cmpint(ctrl->bus->num_children, ==, 0);
    g_assert_true(qdev_machine_modified());

    qmp_device_del("hp", &err);
    g_assert_cmpstr(error_get_pretty(err), ==, "Device 'hp' not found");
    error_free(err);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    module_call_init(MODULE_INIT_QOM);
    register_test_types();
    event_log = g_string_new(NULL);

    g_test_add_func("/qdev/props/defaults", test_prop_defaults);
    g_test_add_func("/qdev/props/subclass-defaults",
                    test_prop_subclass_defaults);
    g_test_add_func("/qdev/props/parse-ok", test_prop_parse_ok);
    g_test_add_func("/qdev/props/parse-errors", test_prop_parse_errors);
    g_test_add_func("/qdev/props/array", test_prop_array);
    g_test_add_func("/qdev/props/after-realize", test_prop_set_after_realize);
    g_test_add_func("/qdev/props/from-c", test_prop_setters_from_c);
    g_test_add_func("/qdev/props/default-strings", test_prop_default_strings);
    g_test_add_func("/qdev/realize/chain", test_realize_chain);
    g_test_add_func("/qdev/realize/failure", test_realize_failure);
    g_test_add_func("/qdev/reset/order", test_reset_order);
    g_test_add_func("/qdev/reset/handlers", test_reset_handlers);
    g_test_add_func("/qdev/irq/basic", test_irq);
    g_test_add_func("/qdev/irq/gpio", test_gpio);
    g_test_add_func("/qdev/bus/naming-capacity", test_bus_naming_and_capacity);
    g_test_add_func("/qdev/bus/default-search", test_default_bus_search);
    g_test_add_func("/qdev/device-add/ok", test_device_add_ok);
    g_test_add_func("/qdev/device-add/errors", test_device_add_errors);
    g_test_add_func("/qdev/device-add/bad-value",
                    test_device_bad_value_message);
    g_test_add_func("/qdev/zlast/globals", test_globals);
    g_test_add_func("/qdev/zlast/hotplug", test_hotplug);
    g_test_add_func("/qdev/smp", test_smp);
    return g_test_run();
}
