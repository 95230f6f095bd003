/*
 * memory-backend-file: guest RAM mapped from a file (tmpfs, hugetlbfs,
 * DAX), e.g. for vhost-user or sharing memory with another process.
 */
#include "qemu/osdep.h"
#include "qemu/typedefs.h"
#include "qapi/error.h"
#include "qom/object.h"
#include "sysemu/hostmem.h"

#define TYPE_MEMORY_BACKEND_FILE "memory-backend-file"
#define MEMORY_BACKEND_FILE(obj) \
    OBJECT_CHECK(HostMemoryBackendFile, (obj), TYPE_MEMORY_BACKEND_FILE)

typedef struct HostMemoryBackendFile {
    HostMemoryBackend parent_obj;

    char *mem_path;
    uint64_t align;
    bool discard_data;
    bool is_pmem;
    bool readonly;
} HostMemoryBackendFile;

static int file_backend_open(const char *path, bool readonly, Error **errp)
{
    struct stat st;
    int fd;

    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        /* A directory (hugetlbfs mount): use an unlinked file inside it. */
        g_autofree char *templ = g_strdup_printf("%s/kvmemu_back.XXXXXX",
                                                 path);

        fd = mkstemp(templ);
        if (fd >= 0) {
            unlink(templ);
        }
    } else {
        fd = open(path, readonly ? O_RDONLY : O_RDWR | O_CREAT, 0644);
    }
    if (fd < 0) {
        error_setg_errno(errp, errno, "can't open backing store %s for guest "
                         "RAM", path);
    }
    return fd;
}

static void file_backend_memory_alloc(HostMemoryBackend *backend,
                                      Error **errp)
{
    HostMemoryBackendFile *fb = MEMORY_BACKEND_FILE(backend);
    g_autofree char *name = NULL;
    uint32_t ram_flags = backend->share ? RAM_SHARED : 0;
    struct stat st;
    int fd;

    if (!fb->mem_path) {
        error_setg(errp, "mem-path property not set");
        return;
    }
    fd = file_backend_open(fb->mem_path, fb->readonly, errp);
    if (fd < 0) {
        return;
    }
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
        (uint64_t)st.st_size < backend->size) {
        if (fb->readonly) {
            error_setg(errp, "backing store %s size 0x%" PRIx64
                       " is smaller than 'size' 0x%" PRIx64, fb->mem_path,
                       (uint64_t)st.st_size, backend->size);
            close(fd);
            return;
        }
        if (ftruncate(fd, backend->size) < 0) {
            error_setg_errno(errp, errno, "can't grow backing store %s",
                             fb->mem_path);
            close(fd);
            return;
        }
    }
    if (!backend->reserve) {
        ram_flags |= RAM_NORESERVE;
    }
    name = host_memory_backend_get_name(backend);
    memory_region_init_ram_from_fd(&backend->mr, OBJECT(backend), name,
                                   backend->size, ram_flags, fd, 0, errp);
}

static char *get_mem_path(Object *obj, Error **errp)
{
    return g_strdup(MEMORY_BACKEND_FILE(obj)->mem_path);
}

static void set_mem_path(Object *obj, const char *value, Error **errp)
{
    HostMemoryBackendFile *fb = MEMORY_BACKEND_FILE(obj);

    if (MEMORY_BACKEND(obj)->is_mapped) {
        error_setg(errp, "cannot change property 'mem-path' of %s",
                   object_get_typename(obj));
        return;
    }
    g_free(fb->mem_path);
    fb->mem_path = g_strdup(value);
}

#define FILE_BACKEND_BOOL(field, prop)                                   \
static bool get_##field(Object *obj, Error **errp)                       \
{                                                                        \
    return MEMORY_BACKEND_FILE(obj)->field;                              \
}                                                                        \
static void set_##field(Object *obj, bool value, Error **errp)           \
{                                                                        \
    if (MEMORY_BACKEND(obj)->is_mapped) {                                \
        error_setg(errp, "cannot change property '%s' of %s", prop,      \
                   object_get_typename(obj));                            \
        return;                                                          \
    }                                                                    \
    MEMORY_BACKEND_FILE(obj)->field = value;                             \
}

FILE_BACKEND_BOOL(discard_data, "discard-data")
FILE_BACKEND_BOOL(is_pmem, "pmem")
FILE_BACKEND_BOOL(readonly, "readonly")

static void file_backend_finalize(Object *obj)
{
    g_free(MEMORY_BACKEND_FILE(obj)->mem_path);
}

static void file_backend_class_init(ObjectClass *oc, void *data)
{
    HostMemoryBackendClass *bc = MEMORY_BACKEND_CLASS(oc);

    bc->alloc = file_backend_memory_alloc;
    object_class_property_add_str(oc, "mem-path", get_mem_path,
                                  set_mem_path);
    object_class_property_add_bool(oc, "discard-data", get_discard_data,
                                   set_discard_data);
    object_class_property_add_bool(oc, "pmem", get_is_pmem, set_is_pmem);
    object_class_property_add_bool(oc, "readonly", get_readonly,
                                   set_readonly);
}

static const TypeInfo file_backend_info = {
    .name = TYPE_MEMORY_BACKEND_FILE,
    .parent = TYPE_MEMORY_BACKEND,
    .instance_size = sizeof(HostMemoryBackendFile),
    .instance_finalize = file_backend_finalize,
    .class_init = file_backend_class_init,
};

static void register_types(void)
{
    type_register_static(&file_backend_info);
}

type_init(register_types);
