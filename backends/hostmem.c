/*
 * TYPE_MEMORY_BACKEND: common properties of host memory backends.
 * The RAM itself is allocated by the subclass's alloc hook when the
 * object is completed (user_creatable_complete).
 */
#include "qemu/osdep.h"
#include "qemu/typedefs.h"
#include "qapi/error.h"
#include "qapi/visitor.h"
#include "qom/object_interfaces.h"
#include "exec/ramblock.h"
#include "sysemu/hostmem.h"

char *host_memory_backend_get_name(HostMemoryBackend *backend)
{
    if (!OBJECT(backend)->parent) {
        return NULL;
    }
    if (!backend->use_canonical_path) {
        return g_strdup(object_get_canonical_path_component(OBJECT(backend)));
    }
    return object_get_canonical_path(OBJECT(backend));
}

bool host_memory_backend_mr_inited(HostMemoryBackend *backend)
{
    return memory_region_size(&backend->mr) != 0;
}

MemoryRegion *host_memory_backend_get_memory(HostMemoryBackend *backend)
{
    if (!host_memory_backend_mr_inited(backend)) {
        return NULL;
    }
    if (!backend->mr.name || !backend->mr.name[0]) {
        /* Completed before it got its id: name the region now. */
        g_free(backend->mr.name);
        backend->mr.name = host_memory_backend_get_name(backend);
    }
    return &backend->mr;
}

void host_memory_backend_set_mapped(HostMemoryBackend *backend, bool mapped)
{
    backend->is_mapped = mapped;
}

bool host_memory_backend_is_mapped(HostMemoryBackend *backend)
{
    return backend->is_mapped;
}

size_t host_memory_backend_pagesize(HostMemoryBackend *memdev)
{
    return qemu_real_host_page_size();
}

static void host_memory_backend_get_size(Object *obj, Visitor *v,
                                         const char *name, void *opaque,
                                         Error **errp)
{
    uint64_t value = MEMORY_BACKEND(obj)->size;

    visit_type_size(v, name, &value, errp);
}

static void host_memory_backend_set_size(Object *obj, Visitor *v,
                                         const char *name, void *opaque,
                                         Error **errp)
{
    HostMemoryBackend *backend = MEMORY_BACKEND(obj);
    uint64_t value;

    if (host_memory_backend_mr_inited(backend)) {
        error_setg(errp, "cannot change property %s of %s ", name,
                   object_get_typename(obj));
        return;
    }
    if (!visit_type_size(v, name, &value, errp)) {
        return;
    }
    if (!value) {
        error_setg(errp, "property '%s' of %s doesn't take value '%" PRIu64
                   "'", name, object_get_typename(obj), value);
        return;
    }
    backend->size = value;
}

#define BACKEND_BOOL(field, locked)                                         \
    static bool backend_get_##field(Object *obj, Error **errp)              \
    {                                                                       \
        return MEMORY_BACKEND(obj)->field;                                  \
    }                                                                       \
    static void backend_set_##field(Object *obj, bool value, Error **errp)  \
    {                                                                       \
        HostMemoryBackend *b = MEMORY_BACKEND(obj);                         \
        if ((locked) && host_memory_backend_mr_inited(b)) {                 \
            error_setg(errp, "cannot change property value");               \
            return;                                                         \
        }                                                                   \
        b->field = value;                                                   \
        if (host_memory_backend_mr_inited(b)) {                             \
            qemu_ram_set_advice(b->mr.ram_block, b->merge, b->dump);        \
        }                                                                   \
    }

BACKEND_BOOL(merge, false)
BACKEND_BOOL(dump, false)
BACKEND_BOOL(share, true)
BACKEND_BOOL(prealloc, true)
BACKEND_BOOL(reserve, true)
BACKEND_BOOL(use_canonical_path, true)

static void host_memory_backend_complete(UserCreatable *uc, Error **errp)
{
    HostMemoryBackend *backend = MEMORY_BACKEND(uc);
    HostMemoryBackendClass *bc = MEMORY_BACKEND_GET_CLASS(uc);

    if (!backend->size) {
        error_setg(errp, "can't create backend with size 0");
        return;
    }
    if (!bc->alloc) {
        return;
    }
    bc->alloc(backend, errp);
    if (!host_memory_backend_mr_inited(backend)) {
        return;
    }
    qemu_ram_set_advice(backend->mr.ram_block, backend->merge, backend->dump);
    if (backend->prealloc) {
        /* Touch every page now rather than on first guest access. */
        uint8_t *p = memory_region_get_ram_ptr(&backend->mr);
        size_t page = qemu_real_host_page_size(), i;
        for (i = 0; i < backend->size; i += page) {
            p[i] = p[i];
        }
    }
}

static bool host_memory_backend_can_be_deleted(UserCreatable *uc)
{
    return !host_memory_backend_is_mapped(MEMORY_BACKEND(uc));
}

static void host_memory_backend_init(Object *obj)
{
    HostMemoryBackend *backend = MEMORY_BACKEND(obj);

    backend->merge = true;
    backend->dump = true;
    backend->reserve = true;
    backend->prealloc_threads = 1;
}

static void host_memory_backend_class_init(ObjectClass *oc, void *data)
{
    UserCreatableClass *ucc = USER_CREATABLE_CLASS(oc);

    ucc->complete = host_memory_backend_complete;
    ucc->can_be_deleted = host_memory_backend_can_be_deleted;

    object_class_property_add(oc, "size", "int",
                              host_memory_backend_get_size,
                              host_memory_backend_set_size, NULL, NULL);
    object_class_property_set_description(oc, "size",
        "Size of the memory region (ex: 500M)");
    object_class_property_add_bool(oc, "merge", backend_get_merge,
                                   backend_set_merge);
    object_class_property_add_bool(oc, "dump", backend_get_dump,
                                   backend_set_dump);
    object_class_property_add_bool(oc, "share", backend_get_share,
                                   backend_set_share);
    object_class_property_add_bool(oc, "prealloc", backend_get_prealloc,
                                   backend_set_prealloc);
    object_class_property_add_bool(oc, "reserve", backend_get_reserve,
                                   backend_set_reserve);
    object_class_property_add_bool(oc, "x-use-canonical-path-for-ramblock-id",
                                   backend_get_use_canonical_path,
                                   backend_set_use_canonical_path);
}

static const TypeInfo host_memory_backend_info = {
    .name = TYPE_MEMORY_BACKEND,
    .parent = TYPE_OBJECT,
    .abstract = true,
    .class_size = sizeof(HostMemoryBackendClass),
    .class_init = host_memory_backend_class_init,
    .instance_size = sizeof(HostMemoryBackend),
    .instance_init = host_memory_backend_init,
    .interfaces = (InterfaceInfo[]) {
        { TYPE_USER_CREATABLE },
        { }
    }
};

static void register_types(void)
{
    type_register_static(&host_memory_backend_info);
}

type_init(register_types);
