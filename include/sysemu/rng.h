/*
 * Random number generator back ends (-object rng-random / rng-builtin).
 * A front end (virtio-rng) asks for entropy with
 * rng_backend_request_entropy(); the back end calls the receive
 * function once per request, possibly later, from the main loop.
 * API as QEMU's include/sysemu/rng.h.
 */
#ifndef QEMU_RNG_H
#define QEMU_RNG_H

#include "qom/object.h"
#include "qemu/queue.h"

#define TYPE_RNG_BACKEND "rng-backend"
OBJECT_DECLARE_TYPE(RngBackend, RngBackendClass, RNG_BACKEND)

#define TYPE_RNG_RANDOM "rng-random"
#define TYPE_RNG_BUILTIN "rng-builtin"

typedef void (EntropyReceiveFunc)(void *opaque, const void *data,
                                  size_t size);

typedef struct RngRequest {
    EntropyReceiveFunc *receive_entropy;
    uint8_t *data;
    void *opaque;
    size_t offset;
    size_t size;
    QSIMPLEQ_ENTRY(RngRequest) next;
} RngRequest;

struct RngBackendClass {
    ObjectClass parent_class;

    /* Start serving @req (already queued on s->requests). */
    void (*request_entropy)(RngBackend *s, RngRequest *req);
    /* Called when the object is completed (opened = true). */
    void (*opened)(RngBackend *s, Error **errp);
};

struct RngBackend {
    Object parent;

    bool opened;
    QSIMPLEQ_HEAD(, RngRequest) requests;
};

/*
 * Ask for up to @size bytes; @receive_entropy gets them (maybe fewer)
 * later.  Nothing happens if the back end is not opened.
 */
void rng_backend_request_entropy(RngBackend *s, size_t size,
                                 EntropyReceiveFunc *receive_entropy,
                                 void *opaque);
/* Drop every pending request (the front end goes away or resets). */
void rng_backend_cancel_requests(RngBackend *s);
/* Back ends: unqueue and free a served request. */
void rng_backend_finalize_request(RngBackend *s, RngRequest *req);

#endif
