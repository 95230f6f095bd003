/*
 * Hot-plug handler interface: the object (a bus owner or the machine)
 * that gets told when a device is plugged into or pulled from a bus.
 */
#ifndef HW_HOTPLUG_H
#define HW_HOTPLUG_H

#include "qom/object.h"

#define TYPE_HOTPLUG_HANDLER "hotplug-handler"

typedef struct HotplugHandler HotplugHandler;
typedef struct HotplugHandlerClass HotplugHandlerClass;
typedef struct DeviceState DeviceState;

#define HOTPLUG_HANDLER(obj) \
    ((HotplugHandler *)object_dynamic_cast_assert(OBJECT(obj), \
        TYPE_HOTPLUG_HANDLER, __FILE__, __LINE__, __func__))
#define HOTPLUG_HANDLER_CLASS(klass) \
    OBJECT_CLASS_CHECK(HotplugHandlerClass, (klass), TYPE_HOTPLUG_HANDLER)
#define HOTPLUG_HANDLER_GET_CLASS(obj) \
    OBJECT_GET_CLASS(HotplugHandlerClass, (obj), TYPE_HOTPLUG_HANDLER)

typedef void (*hotplug_fn)(HotplugHandler *plug_handler,
                           DeviceState *plugged_dev, Error **errp);

struct HotplugHandlerClass {
    InterfaceClass parent;

    hotplug_fn pre_plug;
    hotplug_fn plug;
    hotplug_fn unplug_request;
    hotplug_fn unplug;
    bool (*is_hotpluggable_bus)(HotplugHandler *plug_handler, void *bus);
};

void hotplug_handler_pre_plug(HotplugHandler *plug_handler,
                              DeviceState *plugged_dev, Error **errp);
void hotplug_handler_plug(HotplugHandler *plug_handler,
                          DeviceState *plugged_dev, Error **errp);
void hotplug_handler_unplug_request(HotplugHandler *plug_handler,
                                    DeviceState *plugged_dev, Error **errp);
void hotplug_handler_unplug(HotplugHandler *plug_handler,
                            DeviceState *plugged_dev, Error **errp);

#endif
