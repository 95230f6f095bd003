/*
 * TYPE_BUS: a bus owned by a device (or parentless, like the main system
 * bus) holding an ordered list of child devices.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qom/object.h"
#include "hw/qdev-core.h"
#include "qdev-priv.h"

void bus_add_child(BusState *bus, DeviceState *child)
{
    BusChild *kid = g_new0(BusChild, 1);

    bus->num_children++;
    kid->index = bus->max_index++;
    kid->child = child;
    object_ref(OBJECT(kid->child));
    QTAILQ_INSERT_TAIL(&bus->children, kid, sibling);
}

void bus_remove_child(BusState *bus, DeviceState *child)
{
    BusChild *kid;

    QTAILQ_FOREACH(kid, &bus->children, sibling) {
        if (kid->child == child) {
            QTAILQ_REMOVE(&bus->children, kid, sibling);
            bus->num_children--;
            object_unref(OBJECT(kid->child));
            g_free(kid);
            return;
        }
    }
}

bool qbus_is_full(BusState *bus)
{
    BusClass *bc = BUS_GET_CLASS(bus);

    return bus->full || (bc->max_dev && bus->num_children >= bc->max_dev);
}

bool qdev_set_parent_bus(DeviceState *dev, BusState *bus, Error **errp)
{
    BusClass *bc = BUS_GET_CLASS(bus);
    BusState *old = dev->parent_bus;

    if (bc->check_address && !bc->check_address(bus, dev, errp)) {
        return false;
    }
    if (old == bus) {
        return true;
    }
    /* Hold the device while it moves between buses. */
    object_ref(OBJECT(dev));
    if (old) {
        bus_remove_child(old, dev);
        object_unref(OBJECT(old));
    }
    dev->parent_bus = bus;
    object_ref(OBJECT(bus));
    bus_add_child(bus, dev);
    object_unref(OBJECT(dev));
    return true;
}

int qbus_walk_children(BusState *bus,
                       qdev_walkerfn *pre_devfn, qbus_walkerfn *pre_busfn,
                       qdev_walkerfn *post_devfn, qbus_walkerfn *post_busfn,
                       void *opaque)
{
    BusChild *kid;
    int err;

    if (pre_busfn) {
        err = pre_busfn(bus, opaque);
        if (err) {
            return err;
        }
    }
    QTAILQ_FOREACH(kid, &bus->children, sibling) {
        err = qdev_walk_children(kid->child, pre_devfn, pre_busfn,
                                 post_devfn, post_busfn, opaque);
        if (err < 0) {
            return err;
        }
    }
    if (post_busfn) {
        err = post_busfn(bus, opaque);
        if (err) {
            return err;
        }
    }
    return 0;
}

static void qbus_init_internal(BusState *bus, DeviceState *parent,
                               const char *name)
{
    const char *typename = object_get_typename(OBJECT(bus));
    BusClass *bc;

    bus->parent = parent;
    if (name) {
        bus->name = g_strdup(name);
    } else if (parent && parent->id) {
        /* A named device names its buses: "<id>.<n>" */
        bus->name = g_strdup_printf("%s.%d", parent->id,
                                    parent->num_child_bus);
    } else {
        /* Anonymous: lower-case bus type plus a per-type counter. */
        char *lower;

        bc = BUS_GET_CLASS(bus);
        lower = g_ascii_strdown(typename, -1);
        bus->name = g_strdup_printf("%s.%d", lower, bc->automatic_ids++);
        g_free(lower);
    }

    if (parent) {
        QLIST_INSERT_HEAD(&parent->child_bus, bus, sibling);
        parent->num_child_bus++;
        object_property_add_child(OBJECT(parent), bus->name, OBJECT(bus));
        object_unref(OBJECT(bus));
    }
}

void qbus_init(void *bus, size_t size, const char *typename,
               DeviceState *parent, const char *name)
{
    object_initialize(bus, size, typename);
    qbus_init_internal(bus, parent, name);
}

BusState *qbus_new(const char *typename, DeviceState *parent,
                   const char *name)
{
    BusState *bus = BUS(object_new(typename));

    qbus_init_internal(bus, parent, name);
    return bus;
}

bool qbus_realize(BusState *bus, Error **errp)
{
    BusClass *bc = BUS_GET_CLASS(bus);

    if (bus->realized) {
        return true;
    }
    if (bc->realize) {
        Error *err = NULL;

        bc->realize(bus, &err);
        if (err) {
            error_propagate(errp, err);
            return false;
        }
    }
    bus->realized = true;
    return true;
}

void qbus_unrealize(BusState *bus)
{
    BusClass *bc = BUS_GET_CLASS(bus);
    BusChild *kid;

    if (!bus->realized) {
        return;
    }
    QTAILQ_FOREACH(kid, &bus->children, sibling) {
        if (kid->child->realized) {
            qdev_unrealize(kid->child);
        }
    }
    if (bc->unrealize) {
        bc->unrealize(bus);
    }
    bus->realized = false;
}

void qbus_set_hotplug_handler(BusState *bus, Object *handler)
{
    bus->hotplug_handler = handler ? HOTPLUG_HANDLER(handler) : NULL;
}

void qbus_set_bus_hotplug_handler(BusState *bus)
{
    qbus_set_hotplug_handler(bus, OBJECT(bus));
}

static bool bus_get_realized(Object *obj, Error **errp)
{
    return BUS(obj)->realized;
}

static void bus_set_realized(Object *obj, bool value, Error **errp)
{
    if (value) {
        qbus_realize(BUS(obj), errp);
    } else {
        qbus_unrealize(BUS(obj));
    }
}

static void bus_unparent(Object *obj)
{
    BusState *bus = BUS(obj);
    BusChild *kid;

    /* Unparenting children removes them from our list. */
    while ((kid = QTAILQ_FIRST(&bus->children)) != NULL) {
        DeviceState *dev = kid->child;

        if (OBJECT(dev)->parent) {
            object_unparent(OBJECT(dev));
        } else {
            bus_remove_child(bus, dev);
        }
        /* Guard against a device that did not leave the list. */
        if (QTAILQ_FIRST(&bus->children) == kid) {
            bus_remove_child(bus, dev);
        }
    }
    if (bus->parent) {
        QLIST_REMOVE(bus, sibling);
        bus->parent->num_child_bus--;
        bus->parent = NULL;
    }
}

static void qbus_initfn(Object *obj)
{
    BusState *bus = BUS(obj);

    QTAILQ_INIT(&bus->children);
}

static void qbus_finalize(Object *obj)
{
    g_free(BUS(obj)->name);
}

static void bus_class_init(ObjectClass *class, void *data)
{
    class->unparent = bus_unparent;
    object_class_property_add_bool(class, "realized",
                                   bus_get_realized, bus_set_realized);
}

static const TypeInfo bus_info = {
    .name = TYPE_BUS,
    .parent = TYPE_OBJECT,
    .instance_size = sizeof(BusState),
    .abstract = true,
    .class_size = sizeof(BusClass),
    .instance_init = qbus_initfn,
    .instance_finalize = qbus_finalize,
    .class_init = bus_class_init,
};

static void bus_register_types(void)
{
    type_register_static(&bus_info);
}

type_init(bus_register_types)
