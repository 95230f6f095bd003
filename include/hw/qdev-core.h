/*
 * Device model core: DeviceState/DeviceClass, BusState/BusClass,
 * GPIO lines and the /machine container helpers.
 */
#ifndef QDEV_CORE_H
#define QDEV_CORE_H

#include "qemu/queue.h"
#include "qom/object.h"
#include "hw/hotplug.h"

typedef struct Property Property;
typedef struct PropertyInfo PropertyInfo;
typedef struct BusState BusState;
typedef struct BusClass BusClass;
typedef struct DeviceState DeviceState;
typedef struct DeviceClass DeviceClass;
typedef struct VMStateDescription VMStateDescription;
typedef struct QemuOpts QemuOpts;
typedef struct QDict QDict;
typedef struct IRQState *qemu_irq;
typedef void (*qemu_irq_handler)(void *opaque, int n, int level);

typedef enum DeviceCategory {
    DEVICE_CATEGORY_BRIDGE,
    DEVICE_CATEGORY_USB,
    DEVICE_CATEGORY_STORAGE,
    DEVICE_CATEGORY_NETWORK,
    DEVICE_CATEGORY_INPUT,
    DEVICE_CATEGORY_DISPLAY,
    DEVICE_CATEGORY_SOUND,
    DEVICE_CATEGORY_MISC,
    DEVICE_CATEGORY_CPU,
    DEVICE_CATEGORY_WATCHDOG,
    DEVICE_CATEGORY_MAX
} DeviceCategory;

typedef void (*DeviceRealize)(DeviceState *dev, Error **errp);
typedef void (*DeviceUnrealize)(DeviceState *dev);
typedef void (*DeviceReset)(DeviceState *dev);
typedef void (*BusRealize)(BusState *bus, Error **errp);
typedef void (*BusUnrealize)(BusState *bus);

#define TYPE_DEVICE "device"
OBJECT_DECLARE_TYPE(DeviceState, DeviceClass, DEVICE)

struct DeviceClass {
    ObjectClass parent_class;

    /* Set with set_bit(DEVICE_CATEGORY_x, dc->categories). */
    unsigned long categories[(DEVICE_CATEGORY_MAX + 63) / 64];
    const char *fw_name;
    const char *desc;

    /* Use device_class_set_props(); NULL-name terminated array. */
    Property *props_;

    /*
     * Can -device/device_add create it?  Clear for devices that only
     * make sense when a board wires them up.
     */
    bool user_creatable;
    bool hotpluggable;

    /* Legacy reset; called by device_cold_reset() and bus resets. */
    DeviceReset reset;
    /*
     * realize runs once all properties are set.  Subclasses that need
     * the parent's realize save it with device_class_set_parent_realize
     * and call it themselves, so the chain is explicit.
     */
    DeviceRealize realize;
    DeviceUnrealize unrealize;

    /* Migration is not implemented; kept so device code can set it. */
    const VMStateDescription *vmsd;

    /* The bus type this device plugs into (NULL: no bus). */
    const char *bus_type;
};

typedef struct NamedGPIOList NamedGPIOList;
struct NamedGPIOList {
    char *name;
    qemu_irq *in;
    /* Pointers to the owning device's output fields, set on connect. */
    qemu_irq **out;
    int num_in;
    int num_out;
    QLIST_ENTRY(NamedGPIOList) node;
};

struct DeviceState {
    Object parent_obj;

    char *id;
    char *canonical_path;
    bool realized;
    bool pending_deleted_event;
    /* Options the device was created with (-device / device_add). */
    QDict *opts;
    int hotplugged;
    bool allow_unplug_during_migration;
    BusState *parent_bus;
    QLIST_HEAD(, NamedGPIOList) gpios;
    QLIST_HEAD(, BusState) child_bus;
    int num_child_bus;
    int instance_id_alias;
    int alias_required_for_version;
};

#define TYPE_BUS "bus"
OBJECT_DECLARE_TYPE(BusState, BusClass, BUS)

struct BusClass {
    ObjectClass parent_class;

    /* Formats the device for info qtree. */
    void (*print_dev)(void *mon, DeviceState *dev, int indent);
    char *(*get_dev_path)(DeviceState *dev);
    char *(*get_fw_dev_path)(DeviceState *dev);
    /* Reject a device whose properties do not fit this bus. */
    bool (*check_address)(BusState *bus, DeviceState *dev, Error **errp);

    BusRealize realize;
    BusUnrealize unrealize;
    void (*reset)(BusState *bus);

    /* Maximum number of children; 0 means unlimited. */
    int max_dev;
    /* Counter used to name buses automatically ("<type>.<n>"). */
    int automatic_ids;
};

typedef struct BusChild {
    DeviceState *child;
    int index;
    QTAILQ_ENTRY(BusChild) sibling;
} BusChild;

#define QDEV_HOTPLUG_HANDLER_PROPERTY "hotplug-handler"

struct BusState {
    Object obj;

    DeviceState *parent;
    char *name;
    HotplugHandler *hotplug_handler;
    int max_index;
    bool realized;
    bool full;
    int num_children;

    QTAILQ_HEAD(, BusChild) children;
    QLIST_ENTRY(BusState) sibling;
};

/* -global driver.property=value */
typedef struct GlobalProperty {
    const char *driver;
    const char *property;
    const char *value;
    bool used;
    bool optional;
} GlobalProperty;

/*** Device life cycle ***/

DeviceState *qdev_new(const char *name);
DeviceState *qdev_try_new(const char *name);
bool qdev_realize(DeviceState *dev, BusState *bus, Error **errp);
bool qdev_realize_and_unref(DeviceState *dev, BusState *bus, Error **errp);
void qdev_unrealize(DeviceState *dev);
bool qdev_should_hide_device(const QDict *opts, bool from_json, Error **errp);
void qdev_set_id(DeviceState *dev, char *id, Error **errp);
HotplugHandler *qdev_get_hotplug_handler(DeviceState *dev);
HotplugHandler *qdev_get_bus_hotplug_handler(DeviceState *dev);
HotplugHandler *qdev_get_machine_hotplug_handler(DeviceState *dev);
bool qdev_hotplug_allowed(DeviceState *dev, Error **errp);
void qdev_unplug(DeviceState *dev, Error **errp);
void qdev_simple_device_unplug_cb(HotplugHandler *hotplug_dev,
                                  DeviceState *dev, Error **errp);
/* Set once the machine is built: later devices count as hot-plugged. */
void qdev_machine_creation_done(void);
bool qdev_machine_modified(void);

/*** GPIO lines ***/

qemu_irq qdev_get_gpio_in(DeviceState *dev, int n);
qemu_irq qdev_get_gpio_in_named(DeviceState *dev, const char *name, int n);
void qdev_connect_gpio_out(DeviceState *dev, int n, qemu_irq pin);
void qdev_connect_gpio_out_named(DeviceState *dev, const char *name, int n,
                                 qemu_irq input_pin);
qemu_irq qdev_get_gpio_out_connector(DeviceState *dev, const char *name,
                                     int n);
void qdev_init_gpio_in(DeviceState *dev, qemu_irq_handler handler, int n);
void qdev_init_gpio_out(DeviceState *dev, qemu_irq *pins, int n);
void qdev_init_gpio_in_named_with_opaque(DeviceState *dev,
                                         qemu_irq_handler handler,
                                         void *opaque,
                                         const char *name, int n);
void qdev_init_gpio_out_named(DeviceState *dev, qemu_irq *pins,
                              const char *name, int n);
static inline void qdev_init_gpio_in_named(DeviceState *dev,
                                           qemu_irq_handler handler,
                                           const char *name, int n)
{
    qdev_init_gpio_in_named_with_opaque(dev, handler, dev, name, n);
}
void qdev_pass_gpios(DeviceState *dev, DeviceState *container,
                     const char *name);
NamedGPIOList *qdev_get_named_gpio_list(DeviceState *dev, const char *name);

/*** Buses ***/

BusState *qdev_get_parent_bus(DeviceState *dev);
BusState *qdev_get_child_bus(DeviceState *dev, const char *name);
bool qdev_set_parent_bus(DeviceState *dev, BusState *bus, Error **errp);

void qbus_init(void *bus, size_t size, const char *typename,
               DeviceState *parent, const char *name);
BusState *qbus_new(const char *typename, DeviceState *parent,
                   const char *name);
bool qbus_realize(BusState *bus, Error **errp);
void qbus_unrealize(BusState *bus);
void qbus_set_hotplug_handler(BusState *bus, Object *handler);
void qbus_set_bus_hotplug_handler(BusState *bus);
/* A bus with a handler, which may still turn a particular bus down. */
static inline bool qbus_is_hotpluggable(BusState *bus)
{
    HotplugHandler *plug_handler = bus->hotplug_handler;
    HotplugHandlerClass *hdc;

    if (!plug_handler) {
        return false;
    }
    hdc = HOTPLUG_HANDLER_GET_CLASS(plug_handler);
    return hdc->is_hotpluggable_bus ?
           hdc->is_hotpluggable_bus(plug_handler, bus) : true;
}
/* True if the bus has room for another child. */
bool qbus_is_full(BusState *bus);

typedef int (qbus_walkerfn)(BusState *bus, void *opaque);
typedef int (qdev_walkerfn)(DeviceState *dev, void *opaque);
/* Walk depth-first; a non-zero return from a callback stops the walk. */
int qbus_walk_children(BusState *bus,
                       qdev_walkerfn *pre_devfn, qbus_walkerfn *pre_busfn,
                       qdev_walkerfn *post_devfn, qbus_walkerfn *post_busfn,
                       void *opaque);
int qdev_walk_children(DeviceState *dev,
                       qdev_walkerfn *pre_devfn, qbus_walkerfn *pre_busfn,
                       qdev_walkerfn *post_devfn, qbus_walkerfn *post_busfn,
                       void *opaque);

/*** Reset ***/

/* Reset the device, then everything below it. */
void device_cold_reset(DeviceState *dev);
void bus_cold_reset(BusState *bus);
/* Older names for the same thing. */
void qdev_reset_all(DeviceState *dev);
void qdev_reset_all_fn(void *opaque);
void qbus_reset_all(BusState *bus);
void qbus_reset_all_fn(void *opaque);
/* Run only dc->reset (no children); what a bus calls per child. */
void device_legacy_reset(DeviceState *dev);

/*** Class helpers ***/

void device_class_set_props(DeviceClass *dc, Property *props);
void device_class_set_parent_reset(DeviceClass *dc, DeviceReset dev_reset,
                                   DeviceReset *parent_reset);
void device_class_set_parent_realize(DeviceClass *dc,
                                     DeviceRealize dev_realize,
                                     DeviceRealize *parent_realize);
void device_class_set_parent_unrealize(DeviceClass *dc,
                                       DeviceUnrealize dev_unrealize,
                                       DeviceUnrealize *parent_unrealize);

const char *qdev_fw_name(DeviceState *dev);
char *qdev_get_dev_path(DeviceState *dev);
char *qdev_get_fw_dev_path(DeviceState *dev);

/*** The machine object tree ***/

Object *qdev_get_machine(void);
/* /machine/peripheral, /machine/peripheral-anon, /machine/unattached */
Object *qdev_get_peripheral(void);
Object *qdev_get_peripheral_anon(void);

/* softmmu/globals.c */
void qdev_prop_register_global(GlobalProperty *prop);
const GlobalProperty *qdev_find_global_prop(Object *obj, const char *name);
int qdev_prop_check_globals(void);
void qdev_prop_set_globals(DeviceState *dev);

/* softmmu/qdev-monitor.c */
DeviceState *qdev_device_add(QemuOpts *opts, Error **errp);
DeviceState *qdev_device_add_from_qdict(const QDict *opts, bool from_json,
                                        Error **errp);
int qdev_device_help(QemuOpts *opts);
void qdev_list_devices(void);
DeviceState *qdev_find_recursive(BusState *bus, const char *id);
BusState *qbus_find(const char *path, Error **errp);
BusState *qbus_find_recursive(BusState *bus, const char *name,
                              const char *bus_typename);
DeviceState *find_device_state(const char *id, Error **errp);

extern bool qdev_hot_removed;

/* Machine creation phases (hw/core/machine.c). */
typedef enum MachineInitPhase {
    PHASE_NO_MACHINE,
    PHASE_MACHINE_CREATED,
    PHASE_ACCEL_CREATED,
    PHASE_MACHINE_INITIALIZED,
    PHASE_MACHINE_READY,
} MachineInitPhase;

bool phase_check(MachineInitPhase phase);
void phase_advance(MachineInitPhase phase);

#endif
