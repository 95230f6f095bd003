/*
 * TYPE_RNG_BACKEND: the abstract, user-creatable entropy source that
 * virtio-rng draws from.  Requests are queued here; subclasses fill
 * them (rng-random from a file, rng-builtin from getrandom()).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/module.h"
#include "qom/object_interfaces.h"
#include "sysemu/rng.h"

void rng_backend_request_entropy(RngBackend *s, size_t size,
                                 EntropyReceiveFunc *receive_entropy,
                                 void *opaque)
{
    RngBackendClass *k = RNG_BACKEND_GET_CLASS(s);
    RngRequest *req;

    if (!k->request_entropy || !size) {
        return;
    }
    req = g_new0(RngRequest, 1);
    req->receive_entropy = receive_entropy;
    req->opaque = opaque;
    req->data = g_malloc(size);
    req->size = size;
    QSIMPLEQ_INSERT_TAIL(&s->requests, req, next);
    k->request_entropy(s, req);
}

static void rng_backend_free_request(RngRequest *req)
{
    g_free(req->data);
    g_free(req);
}

void rng_backend_finalize_request(RngBackend *s, RngRequest *req)
{
    QSIMPLEQ_REMOVE(&s->requests, req, RngRequest, next);
    rng_backend_free_request(req);
}

void rng_backend_cancel_requests(RngBackend *s)
{
    RngRequest *req;

    while ((req = QSIMPLEQ_FIRST(&s->requests))) {
        QSIMPLEQ_REMOVE_HEAD(&s->requests, next);
        rng_backend_free_request(req);
    }
}

static bool rng_backend_prop_get_opened(Object *obj, Error **errp)
{
    return RNG_BACKEND(obj)->opened;
}

static void rng_backend_complete(UserCreatable *uc, Error **errp)
{
    RngBackend *s = RNG_BACKEND(uc);
    RngBackendClass *k = RNG_BACKEND_GET_CLASS(s);
    Error *local_err = NULL;

    if (k->opened) {
        k->opened(s, &local_err);
        if (local_err) {
            error_propagate(errp, local_err);
            return;
        }
    }
    s->opened = true;
}

static void rng_backend_init(Object *obj)
{
    RngBackend *s = RNG_BACKEND(obj);

    QSIMPLEQ_INIT(&s->requests);
}

static void rng_backend_finalize(Object *obj)
{
    rng_backend_cancel_requests(RNG_BACKEND(obj));
}

static void rng_backend_class_init(ObjectClass *oc, void *data)
{
    UserCreatableClass *ucc = USER_CREATABLE_CLASS(oc);

    ucc->complete = rng_backend_complete;
    object_class_property_add_bool(oc, "opened", rng_backend_prop_get_opened,
                                   NULL);
}

static const TypeInfo rng_backend_info = {
    .name = TYPE_RNG_BACKEND,
    .parent = TYPE_OBJECT,
    .instance_size = sizeof(RngBackend),
    .instance_init = rng_backend_init,
    .instance_finalize = rng_backend_finalize,
    .class_size = sizeof(RngBackendClass),
    .class_init = rng_backend_class_init,
    .abstract = true,
    .interfaces = (InterfaceInfo[]) {
        { TYPE_USER_CREATABLE },
        { }
    }
};

static void register_types(void)
{
    type_register_static(&rng_backend_info);
}

type_init(register_types);
