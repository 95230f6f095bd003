/*
 * memory-backend-memfd: guest RAM in an anonymous memfd, shareable with
 * another process (vhost-user) by passing the descriptor.
 */
#include "qemu/osdep.h"
#include "qemu/typedefs.h"
#include "qapi/error.h"
#include "qom/object.h"
#include "sysemu/hostmem.h"
#include "qemu/host-utils.h"
#include <sys/mman.h>
#include <linux/memfd.h>

#define TYPE_MEMORY_BACKEND_MEMFD "memory-backend-memfd"
#define MEMORY_BACKEND_MEMFD(obj) \
    OBJECT_CHECK(HostMemoryBackendMemfd, (obj), TYPE_MEMORY_BACKEND_MEMFD)

typedef struct HostMemoryBackendMemfd {
    HostMemoryBackend parent_obj;

    bool hugetlb;
    uint64_t hugetlbsize;
    bool seal;
} HostMemoryBackendMemfd;

static void memfd_backend_memory_alloc(HostMemoryBackend *backend,
                                       Error **errp)
{
    HostMemoryBackendMemfd *m = MEMORY_BACKEND_MEMFD(backend);
    g_autofree char *name = host_memory_backend_get_name(backend);
    unsigned int flags = MFD_CLOEXEC;
    int fd;

    if (m->hugetlb) {
        flags |= MFD_HUGETLB;
        if (m->hugetlbsize) {
            /* log2 of the page size in the MFD_HUGE_SHIFT bits */
            flags |= (unsigned)ctz64(m->hugetlbsize) << MFD_HUGE_SHIFT;
        }
    }
    if (m->seal) {
        flags |= MFD_ALLOW_SEALING;
    }
    fd = memfd_create("memory-backend-memfd", flags);
    if (fd < 0) {
        error_setg_errno(errp, errno, "failed to create memfd");
        return;
    }
    if (ftruncate(fd, backend->size) < 0) {
        error_setg_errno(errp, errno, "failed to resize memfd to %" PRIu64,
                         backend->size);
        close(fd);
        return;
    }
    if (m->seal &&
        fcntl(fd, F_ADD_SEALS, F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL)) {
        error_setg_errno(errp, errno, "failed to seal memfd");
        close(fd);
        return;
    }
    memory_region_init_ram_from_fd(&backend->mr, OBJECT(backend), name,
                                   backend->size,
                                   backend->share ? RAM_SHARED : 0, fd, 0,
                                   errp);
}

static bool get_hugetlb(Object *obj, Error **errp)
{
    return MEMORY_BACKEND_MEMFD(obj)->hugetlb;
}

static void set_hugetlb(Object *obj, bool value, Error **errp)
{
    MEMORY_BACKEND_MEMFD(obj)->hugetlb = value;
}

static bool get_seal(Object *obj, Error **errp)
{
    return MEMORY_BACKEND_MEMFD(obj)->seal;
}

static void set_seal(Object *obj, bool value, Error **errp)
{
    MEMORY_BACKEND_MEMFD(obj)->seal = value;
}

static void memfd_backend_instance_init(Object *obj)
{
    /* Sealed by default, and shared: the point of a memfd is sharing. */
    MEMORY_BACKEND_MEMFD(obj)->seal = true;
    MEMORY_BACKEND(obj)->share = true;
}

static void memfd_backend_class_init(ObjectClass *oc, void *data)
{
    HostMemoryBackendClass *bc = MEMORY_BACKEND_CLASS(oc);

    bc->alloc = memfd_backend_memory_alloc;
    object_class_property_add_bool(oc, "hugetlb", get_hugetlb, set_hugetlb);
    object_class_property_add_bool(oc, "seal", get_seal, set_seal);
}

static const TypeInfo memfd_backend_info = {
    .name = TYPE_MEMORY_BACKEND_MEMFD,
    .parent = TYPE_MEMORY_BACKEND,
    .instance_size = sizeof(HostMemoryBackendMemfd),
    .instance_init = memfd_backend_instance_init,
    .class_init = memfd_backend_class_init,
};

static void register_types(void)
{
    type_register_static(&memfd_backend_info);
}

type_init(register_types);
