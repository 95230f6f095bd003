/*
 * virtio-rng-pci under qtest: entropy reaches the guest's buffers from
 * rng-random and rng-builtin, and max-bytes/period limits it.
 */
#include <glib.h>
#include <string.h>
#include "libqos.h"

#define VIRTIO_ID_RNG 4

typedef struct Rng {
    QTestState *qts;
    QPCIBus bus;
    QGuestAllocator alloc;
    QVirtioPCIDevice *d;
    QVirtQueue *vq;
} Rng;

static void rng_start(Rng *r, const char *args, bool modern)
{
    memset(r, 0, sizeof(*r));
    r->qts = qtest_initf("-machine pc -m 64 %s", args);
    qpci_init_pc(&r->bus, r->qts);
    guest_alloc_init(&r->alloc, 1 << 20, 32 << 20);
    r->d = qvirtio_pci_find(&r->bus, VIRTIO_ID_RNG, modern);
    g_assert(r->d);
    qvirtio_start(r->d, 0);
    r->vq = qvirtqueue_setup(r->d, &r->alloc, 0);
    qvirtio_driver_ok(r->d);
}

static void rng_stop(Rng *r)
{
    qvirtio_pci_free(r->d);
    qtest_quit(r->qts);
}

/* Post a zeroed @len-byte writable buffer; returns its guest address. */
static uint64_t rng_post(Rng *r, uint32_t len, uint16_t *head)
{
    uint64_t buf = guest_alloc(&r->alloc, len);

    qtest_memset(r->qts, buf, 0, len);
    *head = qvirtqueue_add(r->d, r->vq, buf, len, true, false);
    qvirtqueue_kick(r->d, r->vq, *head);
    return buf;
}

static bool all_zero(const uint8_t *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (p[i]) {
            return false;
        }
    }
    return true;
}

static void check_bytes(const char *args, bool modern)
{
    Rng r;
    uint8_t data[64];
    uint32_t id, len;
    uint16_t head;
    uint64_t buf;

    rng_start(&r, args, modern);
    buf = rng_post(&r, sizeof(data), &head);
    g_assert_true(qvirtqueue_wait_used(r.d, r.vq, &id, &len, 10000000));
    g_assert_cmpuint(id, ==, head);
    g_assert_cmpuint(len, ==, sizeof(data));
    qtest_memread(r.qts, buf, data, sizeof(data));
    /* 64 random bytes are all zero with probability 2^-512. */
    g_assert_false(all_zero(data, sizeof(data)));
    rng_stop(&r);
}

static void test_rng_random(void)
{
    check_bytes("-object rng-random,id=r0,filename=/dev/urandom "
                "-device virtio-rng-pci,rng=r0", false);
}

static void test_rng_builtin(void)
{
    check_bytes("-object rng-builtin,id=r0 "
                "-device virtio-rng-pci,rng=r0,disable-legacy=on", true);
}

static void test_rng_default_backend(void)
{
    check_bytes("-device virtio-rng-pci", false);
}

/* 16 bytes per minute: the first request is cut short, then nothing. */
static void test_rng_max_bytes(void)
{
    Rng r;
    uint8_t data[64];
    uint32_t id, len;
    uint16_t head;
    uint64_t buf;

    rng_start(&r, "-object rng-random,id=r0,filename=/dev/urandom "
              "-device virtio-rng-pci,rng=r0,max-bytes=16,period=60000",
              false);
    buf = rng_post(&r, sizeof(data), &head);
    g_assert_true(qvirtqueue_wait_used(r.d, r.vq, &id, &len, 10000000));
    g_assert_cmpuint(id, ==, head);
    g_assert_cmpuint(len, ==, 16);
    qtest_memread(r.qts, buf, data, sizeof(data));
    g_assert_false(all_zero(data, 16));
    g_assert_true(all_zero(data + 16, sizeof(data) - 16));

    /* The quota is used up until the period ends (a minute away). */
    rng_post(&r, sizeof(data), &head);
    g_assert_false(qvirtqueue_wait_used(r.d, r.vq, &id, &len, 300000));
    rng_stop(&r);
}

static void test_rng_bad_backend(void)
{
    QTestState *qts;

    /* A missing file is an -object error: the emulator must not start. */
    qts = qtest_init_without_qmp_handshake(
        "-machine pc -object rng-random,id=r0,filename=/nonexistent/rng "
        "-device virtio-rng-pci,rng=r0");
    g_assert_null(qts);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/virtio-rng/rng-random", test_rng_random);
    g_test_add_func("/virtio-rng/rng-builtin-modern", test_rng_builtin);
    g_test_add_func("/virtio-rng/default-backend", test_rng_default_backend);
    g_test_add_func("/virtio-rng/max-bytes", test_rng_max_bytes);
    g_test_add_func("/virtio-rng/bad-backend", test_rng_bad_backend);
    return g_test_run();
}
