/*
 * virtio-rng device model ("virtio-rng-device"): one request queue the
 * guest fills with writable buffers, answered from an RngBackend,
 * rate-limited to max-bytes per period milliseconds.
 */
#ifndef QEMU_VIRTIO_RNG_H
#define QEMU_VIRTIO_RNG_H

#include "hw/virtio/virtio.h"
#include "sysemu/rng.h"
#include "qemu/timer.h"

#define TYPE_VIRTIO_RNG "virtio-rng-device"
OBJECT_DECLARE_SIMPLE_TYPE(VirtIORNG, VIRTIO_RNG)

struct VirtIORNGConf {
    RngBackend *rng;
    uint64_t max_bytes;
    uint32_t period_ms;
};

struct VirtIORNG {
    VirtIODevice parent_obj;

    VirtQueue *vq;
    struct VirtIORNGConf conf;
    RngBackend *rng;
    /* Bytes the guest may still get in the current period. */
    int64_t quota_remaining;
    bool activate_timer;
    QEMUTimer *rate_limit_timer;
    /* A request is outstanding at the back end. */
    bool pending;
};

#endif
