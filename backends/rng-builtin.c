/*
 * rng-builtin: entropy from the host's getrandom(), served from a
 * bottom half so the front end never sees a synchronous callback.
 * Also what virtio-rng uses when no rng= is given.
 */
#include "qemu/osdep.h"
#include <sys/random.h>
#include "qemu/module.h"
#include "qemu/main-loop.h"
#include "sysemu/rng.h"

OBJECT_DECLARE_SIMPLE_TYPE(RngBuiltin, RNG_BUILTIN)

struct RngBuiltin {
    RngBackend parent;
    QEMUBH *bh;
};

static void rng_builtin_fill(uint8_t *buf, size_t len)
{
    while (len) {
        ssize_t n = getrandom(buf, len, 0);

        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            /* Not expected on Linux >= 3.17; never hand out garbage. */
            abort();
        }
        buf += n;
        len -= n;
    }
}

static void rng_builtin_receive_entropy_bh(void *opaque)
{
    RngBackend *b = opaque;

    while (!QSIMPLEQ_EMPTY(&b->requests)) {
        RngRequest *req = QSIMPLEQ_FIRST(&b->requests);

        rng_builtin_fill(req->data, req->size);
        req->receive_entropy(req->opaque, req->data, req->size);
        rng_backend_finalize_request(b, req);
    }
}

static void rng_builtin_request_entropy(RngBackend *b, RngRequest *req)
{
    qemu_bh_schedule(RNG_BUILTIN(b)->bh);
}

static void rng_builtin_init(Object *obj)
{
    RngBuiltin *s = RNG_BUILTIN(obj);

    s->bh = qemu_bh_new(rng_builtin_receive_entropy_bh, s);
}

static void rng_builtin_finalize(Object *obj)
{
    qemu_bh_delete(RNG_BUILTIN(obj)->bh);
}

static void rng_builtin_class_init(ObjectClass *klass, void *data)
{
    RngBackendClass *rbc = RNG_BACKEND_CLASS(klass);

    rbc->request_entropy = rng_builtin_request_entropy;
}

static const TypeInfo rng_builtin_info = {
    .name = TYPE_RNG_BUILTIN,
    .parent = TYPE_RNG_BACKEND,
    .instance_size = sizeof(RngBuiltin),
    .instance_init = rng_builtin_init,
    .instance_finalize = rng_builtin_finalize,
    .class_init = rng_builtin_class_init,
};

static void register_types(void)
{
    type_register_static(&rng_builtin_info);
}

type_init(register_types);
