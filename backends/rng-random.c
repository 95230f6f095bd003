/*
 * rng-random: entropy read from a file or character device
 * (filename=, default /dev/urandom).  The fd is watched by the main
 * loop only while requests are pending.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/module.h"
#include "qemu/main-loop.h"
#include "qemu/oslib.h"
#include "sysemu/rng.h"

OBJECT_DECLARE_SIMPLE_TYPE(RngRandom, RNG_RANDOM)

struct RngRandom {
    RngBackend parent;

    int fd;
    char *filename;
};

static void rng_random_read(void *opaque)
{
    RngRandom *s = opaque;
    RngBackend *b = RNG_BACKEND(s);

    while (!QSIMPLEQ_EMPTY(&b->requests)) {
        RngRequest *req = QSIMPLEQ_FIRST(&b->requests);
        ssize_t len = read(s->fd, req->data, req->size);

        if (len < 0 && (errno == EINTR)) {
            continue;
        }
        if (len <= 0) {
            /* EAGAIN: wait for the fd; EOF/error: stay pending. */
            if (len == 0) {
                qemu_set_fd_handler(s->fd, NULL, NULL, NULL);
            }
            return;
        }
        req->receive_entropy(req->opaque, req->data, len);
        rng_backend_finalize_request(b, req);
    }
    /* Nothing pending: stop watching the fd. */
    qemu_set_fd_handler(s->fd, NULL, NULL, NULL);
}

static void rng_random_request_entropy(RngBackend *b, RngRequest *req)
{
    RngRandom *s = RNG_RANDOM(b);

    if (QSIMPLEQ_FIRST(&b->requests) == req) {
        qemu_set_fd_handler(s->fd, rng_random_read, NULL, s);
    }
}

static void rng_random_opened(RngBackend *b, Error **errp)
{
    RngRandom *s = RNG_RANDOM(b);

    if (!s->filename) {
        error_setg(errp, "Parameter 'filename' is missing");
        return;
    }
    s->fd = qemu_open(s->filename, O_RDONLY | O_NONBLOCK, errp);
}

static char *rng_random_get_filename(Object *obj, Error **errp)
{
    return g_strdup(RNG_RANDOM(obj)->filename);
}

static void rng_random_set_filename(Object *obj, const char *filename,
                                    Error **errp)
{
    RngRandom *s = RNG_RANDOM(obj);

    if (RNG_BACKEND(obj)->opened) {
        error_setg(errp, "Property 'filename' can no longer be set");
        return;
    }
    g_free(s->filename);
    s->filename = g_strdup(filename);
}

static void rng_random_init(Object *obj)
{
    RngRandom *s = RNG_RANDOM(obj);

    s->filename = g_strdup("/dev/urandom");
    s->fd = -1;
}

static void rng_random_finalize(Object *obj)
{
    RngRandom *s = RNG_RANDOM(obj);

    if (s->fd != -1) {
        qemu_set_fd_handler(s->fd, NULL, NULL, NULL);
        qemu_close(s->fd);
    }
    g_free(s->filename);
}

static void rng_random_class_init(ObjectClass *klass, void *data)
{
    RngBackendClass *rbc = RNG_BACKEND_CLASS(klass);

    rbc->request_entropy = rng_random_request_entropy;
    rbc->opened = rng_random_opened;
    object_class_property_add_str(klass, "filename", rng_random_get_filename,
                                  rng_random_set_filename);
}

static const TypeInfo rng_random_info = {
    .name = TYPE_RNG_RANDOM,
    .parent = TYPE_RNG_BACKEND,
    .instance_size = sizeof(RngRandom),
    .class_init = rng_random_class_init,
    .instance_init = rng_random_init,
    .instance_finalize = rng_random_finalize,
};

static void register_types(void)
{
    type_register_static(&rng_random_info);
}

type_init(register_types);
