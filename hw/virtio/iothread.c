/*
 * "iothread" objects: see include/sysemu/iothread.h.  Only the QOM side
 * (id, QEMU's tuning properties) exists; no thread is started.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/module.h"
#include "qom/object_interfaces.h"
#include "sysemu/iothread.h"

static void iothread_instance_init(Object *obj)
{
    IOThread *t = IOTHREAD(obj);

    t->poll_max_ns = 32768;     /* QEMU's default */
    object_property_add_uint64_ptr(obj, "poll-max-ns", &t->poll_max_ns,
                                   OBJ_PROP_FLAG_READWRITE);
    object_property_add_uint64_ptr(obj, "poll-grow", &t->poll_grow,
                                   OBJ_PROP_FLAG_READWRITE);
    object_property_add_uint64_ptr(obj, "poll-shrink", &t->poll_shrink,
                                   OBJ_PROP_FLAG_READWRITE);
    object_property_add_uint64_ptr(obj, "aio-max-batch", &t->aio_max_batch,
                                   OBJ_PROP_FLAG_READWRITE);
}

IOThread *iothread_by_id(const char *id)
{
    Object *obj = object_resolve_path_component(object_get_objects_root(),
                                                id);

    return obj ? (IOThread *)object_dynamic_cast(obj, TYPE_IOTHREAD) : NULL;
}

static const TypeInfo iothread_info = {
    .name = TYPE_IOTHREAD,
    .parent = TYPE_OBJECT,
    .instance_size = sizeof(IOThread),
    .instance_init = iothread_instance_init,
    .interfaces = (InterfaceInfo[]) {
        { TYPE_USER_CREATABLE },
        { }
    },
};

static void iothread_register_types(void)
{
    type_register_static(&iothread_info);
}

type_init(iothread_register_types)
