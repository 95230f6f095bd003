/*
 * Device model core: TYPE_DEVICE, realize/unrealize through the
 * "realized" property, GPIO lines, reset and the /machine containers.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qom/object.h"
#include "hw/qdev-core.h"
#include "hw/qdev-properties.h"
#include "hw/irq.h"
#include "hw/boards.h"
#include "qdev-priv.h"

bool qdev_hot_removed;
/* Set by qdev_machine_creation_done(): later devices are hot-plugged. */
static bool qdev_hotplug;
static bool qdev_hot_added;
static int unattached_count;

void qdev_machine_creation_done(void)
{
    qdev_hotplug = true;
    if (phase_check(PHASE_MACHINE_INITIALIZED) &&
        !phase_check(PHASE_MACHINE_READY)) {
        phase_advance(PHASE_MACHINE_READY);
    }
}

bool qdev_machine_modified(void)
{
    return qdev_hot_added || qdev_hot_removed;
}

/*** /machine and its containers ***/

Object *qdev_get_machine(void)
{
    static Object *machine;

    if (machine) {
        return machine;
    }
    /*
     * Only cache a real machine: unit tests (and early start-up) see the
     * plain container that container_get creates.
     */
    Object *obj = container_get(object_get_root(), "/machine");
    if (object_dynamic_cast(obj, TYPE_MACHINE)) {
        machine = obj;
    }
    return obj;
}

Object *qdev_get_peripheral(void)
{
    return container_get(qdev_get_machine(), "/peripheral");
}

Object *qdev_get_peripheral_anon(void)
{
    return container_get(qdev_get_machine(), "/peripheral-anon");
}

/*** Creation ***/

DeviceState *qdev_new(const char *name)
{
    ObjectClass *oc = object_class_by_name(name);

    if (!oc) {
        error_report("unknown type '%s'", name);
        abort();
    }
    return DEVICE(object_new(name));
}

DeviceState *qdev_try_new(const char *name)
{
    ObjectClass *oc = object_class_by_name(name);

    if (!oc || !object_class_dynamic_cast(oc, TYPE_DEVICE) ||
        object_class_is_abstract(oc)) {
        return NULL;
    }
    return DEVICE(object_new(name));
}

bool qdev_realize(DeviceState *dev, BusState *bus, Error **errp)
{
    if (bus) {
        if (!qdev_set_parent_bus(dev, bus, errp)) {
            return false;
        }
    } else if (DEVICE_GET_CLASS(dev)->bus_type) {
        error_setg(errp, "Device '%s' needs a '%s' bus",
                   object_get_typename(OBJECT(dev)),
                   DEVICE_GET_CLASS(dev)->bus_type);
        return false;
    }
    return object_property_set_bool(OBJECT(dev), "realized", true, errp);
}

bool qdev_realize_and_unref(DeviceState *dev, BusState *bus, Error **errp)
{
    bool ret = qdev_realize(dev, bus, errp);

    object_unref(OBJECT(dev));
    return ret;
}

void qdev_unrealize(DeviceState *dev)
{
    object_property_set_bool(OBJECT(dev), "realized", false, &error_abort);
}

/*
 * Give the device its user-visible id: with an id it lives at
 * /machine/peripheral/ID, without one at /machine/peripheral-anon.
 */
void qdev_set_id(DeviceState *dev, char *id, Error **errp)
{
    ObjectProperty *prop;

    assert(!dev->id && !dev->realized);
    if (id) {
        prop = object_property_try_add_child(qdev_get_peripheral(), id,
                                             OBJECT(dev), NULL);
        if (!prop) {
            error_setg(errp, "Duplicate ID '%s' for device", id);
            g_free(id);
            return;
        }
        dev->id = id;
    } else {
        static int anon_count;
        char *name = g_strdup_printf("device[%d]", anon_count++);

        object_property_add_child(qdev_get_peripheral_anon(), name,
                                  OBJECT(dev));
        g_free(name);
    }
}

/*** Hot-plug plumbing ***/

HotplugHandler *qdev_get_machine_hotplug_handler(DeviceState *dev)
{
    Object *m = qdev_get_machine();

    if (object_dynamic_cast(m, TYPE_MACHINE)) {
        MachineClass *mc = MACHINE_GET_CLASS(m);

        if (mc->get_hotplug_handler) {
            return mc->get_hotplug_handler(MACHINE(m), dev);
        }
    }
    return NULL;
}

HotplugHandler *qdev_get_bus_hotplug_handler(DeviceState *dev)
{
    return dev->parent_bus ? dev->parent_bus->hotplug_handler : NULL;
}

HotplugHandler *qdev_get_hotplug_handler(DeviceState *dev)
{
    HotplugHandler *h = qdev_get_machine_hotplug_handler(dev);

    return h ? h : qdev_get_bus_hotplug_handler(dev);
}

bool qdev_hotplug_allowed(DeviceState *dev, Error **errp)
{
    Object *m = qdev_get_machine();

    if (object_dynamic_cast(m, TYPE_MACHINE)) {
        MachineClass *mc = MACHINE_GET_CLASS(m);

        if (mc->hotplug_allowed) {
            return mc->hotplug_allowed(MACHINE(m), dev, errp);
        }
    }
    return true;
}

void qdev_simple_device_unplug_cb(HotplugHandler *hotplug_dev,
                                  DeviceState *dev, Error **errp)
{
    qdev_unrealize(dev);
    object_unparent(OBJECT(dev));
}

/*** Buses of a device ***/

BusState *qdev_get_parent_bus(DeviceState *dev)
{
    return dev->parent_bus;
}

BusState *qdev_get_child_bus(DeviceState *dev, const char *name)
{
    BusState *bus;

    QLIST_FOREACH(bus, &dev->child_bus, sibling) {
        if (strcmp(name, bus->name) == 0) {
            return bus;
        }
    }
    return NULL;
}

int qdev_walk_children(DeviceState *dev,
                       qdev_walkerfn *pre_devfn, qbus_walkerfn *pre_busfn,
                       qdev_walkerfn *post_devfn, qbus_walkerfn *post_busfn,
                       void *opaque)
{
    BusState *bus;
    int err;

    if (pre_devfn) {
        err = pre_devfn(dev, opaque);
        if (err) {
            return err;
        }
    }
    QLIST_FOREACH(bus, &dev->child_bus, sibling) {
        err = qbus_walk_children(bus, pre_devfn, pre_busfn,
                                 post_devfn, post_busfn, opaque);
        if (err < 0) {
            return err;
        }
    }
    if (post_devfn) {
        err = post_devfn(dev, opaque);
        if (err) {
            return err;
        }
    }
    return 0;
}

/*** Reset ***/

void device_legacy_reset(DeviceState *dev)
{
    DeviceClass *dc = DEVICE_GET_CLASS(dev);

    if (dc->reset) {
        dc->reset(dev);
    }
}

static int reset_one_dev(DeviceState *dev, void *opaque)
{
    device_legacy_reset(dev);
    return 0;
}

static int reset_one_bus(BusState *bus, void *opaque)
{
    BusClass *bc = BUS_GET_CLASS(bus);

    if (bc->reset) {
        bc->reset(bus);
    }
    return 0;
}

/* Children first, so a parent's reset sees its children quiescent. */
void device_cold_reset(DeviceState *dev)
{
    qdev_walk_children(dev, NULL, NULL, reset_one_dev, reset_one_bus, NULL);
}

void bus_cold_reset(BusState *bus)
{
    qbus_walk_children(bus, NULL, NULL, reset_one_dev, reset_one_bus, NULL);
}

void qdev_reset_all(DeviceState *dev)
{
    device_cold_reset(dev);
}

void qdev_reset_all_fn(void *opaque)
{
    device_cold_reset(DEVICE(opaque));
}

void qbus_reset_all(BusState *bus)
{
    bus_cold_reset(bus);
}

void qbus_reset_all_fn(void *opaque)
{
    bus_cold_reset(BUS(opaque));
}

/*** GPIO ***/

NamedGPIOList *qdev_get_named_gpio_list(DeviceState *dev, const char *name)
{
    NamedGPIOList *ngl;

    QLIST_FOREACH(ngl, &dev->gpios, node) {
        if (g_strcmp0(name, ngl->name) == 0) {
            return ngl;
        }
    }
    ngl = g_new0(NamedGPIOList, 1);
    ngl->name = g_strdup(name);
    QLIST_INSERT_HEAD(&dev->gpios, ngl, node);
    return ngl;
}

void qdev_init_gpio_in_named_with_opaque(DeviceState *dev,
                                         qemu_irq_handler handler,
                                         void *opaque,
                                         const char *name, int n)
{
    NamedGPIOList *gpio_list = qdev_get_named_gpio_list(dev, name);

    assert(gpio_list->num_out == 0 || !name);
    gpio_list->in = qemu_extend_irqs(gpio_list->in, gpio_list->num_in,
                                     handler, opaque, n);
    gpio_list->num_in += n;
}

void qdev_init_gpio_in(DeviceState *dev, qemu_irq_handler handler, int n)
{
    qdev_init_gpio_in_named(dev, handler, NULL, n);
}

void qdev_init_gpio_out_named(DeviceState *dev, qemu_irq *pins,
                              const char *name, int n)
{
    NamedGPIOList *gpio_list = qdev_get_named_gpio_list(dev, name);

    int i;

    assert(gpio_list->num_in == 0 || !name);
    /* May be called repeatedly (sysbus_init_irq adds one line a time). */
    gpio_list->out = g_renew(qemu_irq *, gpio_list->out,
                             gpio_list->num_out + n);
    for (i = 0; i < n; i++) {
        gpio_list->out[gpio_list->num_out + i] = &pins[i];
    }
    gpio_list->num_out += n;
}

void qdev_init_gpio_out(DeviceState *dev, qemu_irq *pins, int n)
{
    qdev_init_gpio_out_named(dev, pins, NULL, n);
}

qemu_irq qdev_get_gpio_in_named(DeviceState *dev, const char *name, int n)
{
    NamedGPIOList *gpio_list = qdev_get_named_gpio_list(dev, name);

    assert(n >= 0 && n < gpio_list->num_in);
    return gpio_list->in[n];
}

qemu_irq qdev_get_gpio_in(DeviceState *dev, int n)
{
    return qdev_get_gpio_in_named(dev, NULL, n);
}

void qdev_connect_gpio_out_named(DeviceState *dev, const char *name, int n,
                                 qemu_irq pin)
{
    NamedGPIOList *gpio_list = qdev_get_named_gpio_list(dev, name);

    assert(n >= 0 && n < gpio_list->num_out);
    *gpio_list->out[n] = pin;
}

void qdev_connect_gpio_out(DeviceState *dev, int n, qemu_irq pin)
{
    qdev_connect_gpio_out_named(dev, NULL, n, pin);
}

qemu_irq qdev_get_gpio_out_connector(DeviceState *dev, const char *name,
                                     int n)
{
    NamedGPIOList *gpio_list = qdev_get_named_gpio_list(dev, name);

    if (n < 0 || n >= gpio_list->num_out) {
        return NULL;
    }
    return *gpio_list->out[n];
}

/* Make container's GPIOs of this name be dev's (for wrapper devices). */
void qdev_pass_gpios(DeviceState *dev, DeviceState *container,
                     const char *name)
{
    NamedGPIOList *src = qdev_get_named_gpio_list(dev, name);
    NamedGPIOList *dst = qdev_get_named_gpio_list(container, name);

    assert(dst->num_in == 0 && dst->num_out == 0);
    dst->in = g_memdup2(src->in, sizeof(qemu_irq) * (src->num_in + 1));
    dst->num_in = src->num_in;
    dst->out = g_memdup2(src->out, sizeof(qemu_irq *) * src->num_out);
    dst->num_out = src->num_out;
}

/*** Class helpers ***/

void device_class_set_parent_reset(DeviceClass *dc, DeviceReset dev_reset,
                                   DeviceReset *parent_reset)
{
    *parent_reset = dc->reset;
    dc->reset = dev_reset;
}

void device_class_set_parent_realize(DeviceClass *dc,
                                     DeviceRealize dev_realize,
                                     DeviceRealize *parent_realize)
{
    *parent_realize = dc->realize;
    dc->realize = dev_realize;
}

void device_class_set_parent_unrealize(DeviceClass *dc,
                                       DeviceUnrealize dev_unrealize,
                                       DeviceUnrealize *parent_unrealize)
{
    *parent_unrealize = dc->unrealize;
    dc->unrealize = dev_unrealize;
}

const char *qdev_fw_name(DeviceState *dev)
{
    DeviceClass *dc = DEVICE_GET_CLASS(dev);

    if (dc->fw_name) {
        return dc->fw_name;
    }
    return object_get_typename(OBJECT(dev));
}

char *qdev_get_dev_path(DeviceState *dev)
{
    BusClass *bc;

    if (!dev || !dev->parent_bus) {
        return NULL;
    }
    bc = BUS_GET_CLASS(dev->parent_bus);
    return bc->get_dev_path ? bc->get_dev_path(dev) : NULL;
}

char *qdev_get_fw_dev_path(DeviceState *dev)
{
    GString *path = g_string_new(NULL);

    for (; dev && dev->parent_bus; dev = dev->parent_bus->parent) {
        BusClass *bc = BUS_GET_CLASS(dev->parent_bus);
        char *part = bc->get_fw_dev_path ? bc->get_fw_dev_path(dev)
                                         : g_strdup(qdev_fw_name(dev));

        g_string_prepend(path, part);
        g_string_prepend_c(path, '/');
        g_free(part);
    }
    return g_string_free(path, FALSE);
}

/*** The "realized" property ***/

static bool device_get_realized(Object *obj, Error **errp)
{
    return DEVICE(obj)->realized;
}

static bool child_buses_realize(DeviceState *dev, Error **errp)
{
    BusState *bus;

    QLIST_FOREACH(bus, &dev->child_bus, sibling) {
        if (!qbus_realize(bus, errp)) {
            return false;
        }
    }
    return true;
}

static void child_buses_unrealize(DeviceState *dev)
{
    BusState *bus;

    QLIST_FOREACH(bus, &dev->child_bus, sibling) {
        qbus_unrealize(bus);
    }
}

static void device_set_realized(Object *obj, bool value, Error **errp)
{
    DeviceState *dev = DEVICE(obj);
    DeviceClass *dc = DEVICE_GET_CLASS(dev);
    HotplugHandler *hotplug_ctrl;
    Error *local_err = NULL;

    if (dev->hotplugged && !dc->hotpluggable) {
        error_setg(errp, "Device '%s' does not support hotplugging",
                   object_get_typename(obj));
        return;
    }

    if (value && !dev->realized) {
        if (!obj->parent) {
            /* Board-created devices nobody adopted go to unattached. */
            char *name = g_strdup_printf("device[%d]", unattached_count++);

            object_property_add_child(container_get(qdev_get_machine(),
                                                    "/unattached"),
                                      name, obj);
            g_free(name);
        }

        hotplug_ctrl = qdev_get_hotplug_handler(dev);
        if (hotplug_ctrl) {
            hotplug_handler_pre_plug(hotplug_ctrl, dev, &local_err);
            if (local_err) {
                goto fail;
            }
        }

        if (dc->realize) {
            dc->realize(dev, &local_err);
            if (local_err) {
                goto fail;
            }
        }

        g_free(dev->canonical_path);
        dev->canonical_path = object_get_canonical_path(obj);
        /* Child buses see a realized parent. */
        dev->realized = true;
        if (!child_buses_realize(dev, &local_err)) {
            dev->realized = false;
            goto unrealize;
        }
        if (hotplug_ctrl) {
            hotplug_handler_plug(hotplug_ctrl, dev, &local_err);
            if (local_err) {
                child_buses_unrealize(dev);
                dev->realized = false;
                goto unrealize;
            }
        }
        if (dev->hotplugged) {
            qdev_hot_added = true;
            device_cold_reset(dev);
        }
    } else if (!value && dev->realized) {
        child_buses_unrealize(dev);
        if (dc->unrealize) {
            dc->unrealize(dev);
        }
        dev->realized = false;
        dev->pending_deleted_event = true;
    }
    return;

unrealize:
    if (dc->unrealize) {
        dc->unrealize(dev);
    }
fail:
    error_propagate(errp, local_err);
}

static bool device_get_hotpluggable(Object *obj, Error **errp)
{
    DeviceClass *dc = DEVICE_GET_CLASS(obj);
    DeviceState *dev = DEVICE(obj);

    return dc->hotpluggable && (dev->parent_bus == NULL ||
                                qbus_is_hotpluggable(dev->parent_bus));
}

static bool device_get_hotplugged(Object *obj, Error **errp)
{
    return DEVICE(obj)->hotplugged;
}

static void device_initfn(Object *obj)
{
    DeviceState *dev = DEVICE(obj);

    if (qdev_hotplug) {
        dev->hotplugged = 1;
    }
    dev->instance_id_alias = -1;
    dev->realized = false;
    dev->allow_unplug_during_migration = false;
    QLIST_INIT(&dev->gpios);
    QLIST_INIT(&dev->child_bus);
    qdev_prop_set_defaults(dev);
}

/* Runs after every instance_init: -global and compat values win. */
static void device_post_init(Object *obj)
{
    qdev_prop_set_globals(DEVICE(obj));
}

static void device_finalize(Object *obj)
{
    DeviceState *dev = DEVICE(obj);
    NamedGPIOList *ngl, *next;

    QLIST_FOREACH_SAFE(ngl, &dev->gpios, node, next) {
        QLIST_REMOVE(ngl, node);
        qemu_free_irqs(ngl->in, ngl->num_in);
        g_free(ngl->out);
        g_free(ngl->name);
        g_free(ngl);
    }
    g_free(dev->id);
    g_free(dev->canonical_path);
}

/* Generated from qapi/schema/qdev.json (stubs/qdev.c for unit tests). */
void qapi_event_send_device_deleted(bool has_device, const char *device,
                                    const char *path);

static void device_unparent(Object *obj)
{
    DeviceState *dev = DEVICE(obj);
    BusState *bus;

    if (dev->realized) {
        qdev_unrealize(dev);
    }
    while ((bus = QLIST_FIRST(&dev->child_bus)) != NULL) {
        object_unparent(OBJECT(bus));
    }
    if (dev->parent_bus) {
        /* Drops the bus's reference (see qdev_set_parent_bus). */
        bus_remove_child(dev->parent_bus, dev);
        object_unref(OBJECT(dev->parent_bus));
        dev->parent_bus = NULL;
    }
    /* An unplug that finished: tell the management layer, once. */
    if (dev->pending_deleted_event) {
        g_autofree char *path = dev->canonical_path ? NULL
            : object_get_canonical_path(OBJECT(dev));

        qapi_event_send_device_deleted(dev->id != NULL, dev->id,
                                       dev->canonical_path ?: path);
        dev->pending_deleted_event = false;
    }
}

static void device_class_init(ObjectClass *class, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(class);

    class->unparent = device_unparent;
    /* Devices are creatable by default; boards opt out. */
    dc->user_creatable = true;
    dc->hotpluggable = true;

    object_class_property_add_bool(class, "realized",
                                   device_get_realized, device_set_realized);
    object_class_property_add_bool(class, "hotpluggable",
                                   device_get_hotpluggable, NULL);
    object_class_property_add_bool(class, "hotplugged",
                                   device_get_hotplugged, NULL);
}

static const TypeInfo device_type_info = {
    .name = TYPE_DEVICE,
    .parent = TYPE_OBJECT,
    .instance_size = sizeof(DeviceState),
    .instance_init = device_initfn,
    .instance_post_init = device_post_init,
    .instance_finalize = device_finalize,
    .class_init = device_class_init,
    .abstract = true,
    .class_size = sizeof(DeviceClass),
};

static void qdev_register_types(void)
{
    type_register_static(&device_type_info);
}

type_init(qdev_register_types)
