/* memory-backend-ram: anonymous host memory (mmap, MAP_NORESERVE). */
#include "qemu/osdep.h"
#include "qemu/typedefs.h"
#include "qapi/error.h"
#include "sysemu/hostmem.h"

static void ram_backend_memory_alloc(HostMemoryBackend *backend, Error **errp)
{
    g_autofree char *name = host_memory_backend_get_name(backend);
    uint32_t ram_flags = backend->share ? RAM_SHARED : 0;

    if (!backend->reserve) {
        ram_flags |= RAM_NORESERVE;
    }
    memory_region_init_ram_flags_nomigrate(&backend->mr, OBJECT(backend),
                                           name, backend->size, ram_flags,
                                           errp);
}

static void ram_backend_class_init(ObjectClass *oc, void *data)
{
    HostMemoryBackendClass *bc = MEMORY_BACKEND_CLASS(oc);

    bc->alloc = ram_backend_memory_alloc;
}

static const TypeInfo ram_backend_info = {
    .name = TYPE_MEMORY_BACKEND_RAM,
    .parent = TYPE_MEMORY_BACKEND,
    .class_init = ram_backend_class_init,
};

static void register_types(void)
{
    type_register_static(&ram_backend_info);
}

type_init(register_types);
