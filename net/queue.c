/*
 * Per-receiver packet queue.  A packet that cannot be delivered now is
 * copied here (flattened) together with its sender and completion
 * callback; a flush replays them in order until the receiver refuses.
 */
#include "qemu/osdep.h"
#include "net/queue.h"
#include "net/net.h"
#include "qemu/iov.h"

struct NetPacket {
    QTAILQ_ENTRY(NetPacket) entry;
    NetClientState *sender;
    unsigned flags;
    int size;
    NetPacketSent *sent_cb;
    uint8_t data[];
};

struct NetQueue {
    void *opaque;
    uint32_t nq_maxlen;
    uint32_t nq_count;
    NetQueueDeliverFunc *deliver;
    QTAILQ_HEAD(, NetPacket) packets;
    bool delivering;
};

NetQueue *qemu_new_net_queue(NetQueueDeliverFunc *deliver, void *opaque)
{
    NetQueue *queue = g_new0(NetQueue, 1);

    queue->opaque = opaque;
    /* Packets without a completion callback beyond this are dropped. */
    queue->nq_maxlen = 10000;
    queue->deliver = deliver;
    QTAILQ_INIT(&queue->packets);
    return queue;
}

void qemu_del_net_queue(NetQueue *queue)
{
    NetPacket *p, *next;

    QTAILQ_FOREACH_SAFE(p, &queue->packets, entry, next) {
        QTAILQ_REMOVE(&queue->packets, p, entry);
        g_free(p);
    }
    g_free(queue);
}

unsigned qemu_net_queue_length(NetQueue *queue)
{
    return queue->nq_count;
}

void qemu_net_queue_append_iov(NetQueue *queue, NetClientState *sender,
                               unsigned flags, const struct iovec *iov,
                               int iovcnt, NetPacketSent *sent_cb)
{
    size_t total = iov_size(iov, iovcnt);
    NetPacket *p;

    if (queue->nq_count >= queue->nq_maxlen && !sent_cb) {
        return;
    }
    p = g_malloc(sizeof(*p) + total);
    p->sender = sender;
    p->flags = flags;
    p->size = total;
    p->sent_cb = sent_cb;
    iov_to_buf(iov, iovcnt, 0, p->data, total);
    queue->nq_count++;
    QTAILQ_INSERT_TAIL(&queue->packets, p, entry);
}

static ssize_t qemu_net_queue_deliver(NetQueue *queue, NetClientState *sender,
                                      unsigned flags, const struct iovec *iov,
                                      int iovcnt)
{
    ssize_t ret;

    queue->delivering = true;
    ret = queue->deliver(sender, flags, iov, iovcnt, queue->opaque);
    queue->delivering = false;
    return ret;
}

ssize_t qemu_net_queue_receive(NetQueue *queue, const uint8_t *data,
                               size_t size)
{
    struct iovec iov = { .iov_base = (void *)data, .iov_len = size };

    if (queue->delivering) {
        return 0;
    }
    return qemu_net_queue_deliver(queue, NULL, 0, &iov, 1);
}

ssize_t qemu_net_queue_send_iov(NetQueue *queue, NetClientState *sender,
                                unsigned flags, const struct iovec *iov,
                                int iovcnt, NetPacketSent *sent_cb)
{
    ssize_t ret;

    if (queue->delivering || !qemu_can_send_packet(sender)) {
        qemu_net_queue_append_iov(queue, sender, flags, iov, iovcnt, sent_cb);
        return 0;
    }
    ret = qemu_net_queue_deliver(queue, sender, flags, iov, iovcnt);
    if (ret == 0) {
        qemu_net_queue_append_iov(queue, sender, flags, iov, iovcnt, sent_cb);
        return 0;
    }
    qemu_net_queue_flush(queue);
    return ret;
}

ssize_t qemu_net_queue_send(NetQueue *queue, NetClientState *sender,
                            unsigned flags, const uint8_t *data, size_t size,
                            NetPacketSent *sent_cb)
{
    struct iovec iov = { .iov_base = (void *)data, .iov_len = size };

    return qemu_net_queue_send_iov(queue, sender, flags, &iov, 1, sent_cb);
}

void qemu_net_queue_purge(NetQueue *queue, NetClientState *from)
{
    NetPacket *p, *next;

    QTAILQ_FOREACH_SAFE(p, &queue->packets, entry, next) {
        if (p->sender == from) {
            QTAILQ_REMOVE(&queue->packets, p, entry);
            queue->nq_count--;
            if (p->sent_cb) {
                p->sent_cb(p->sender, 0);
            }
            g_free(p);
        }
    }
}

bool qemu_net_queue_flush(NetQueue *queue)
{
    if (queue->delivering) {
        return false;
    }
    while (!QTAILQ_EMPTY(&queue->packets)) {
        NetPacket *p = QTAILQ_FIRST(&queue->packets);
        struct iovec iov = { .iov_base = p->data, .iov_len = p->size };
        ssize_t ret;

        QTAILQ_REMOVE(&queue->packets, p, entry);
        queue->nq_count--;
        ret = qemu_net_queue_deliver(queue, p->sender, p->flags, &iov, 1);
        if (ret == 0) {
            /* Still busy: put it back first in line. */
            queue->nq_count++;
            QTAILQ_INSERT_HEAD(&queue->packets, p, entry);
            return false;
        }
        if (p->sent_cb) {
            p->sent_cb(p->sender, ret);
        }
        g_free(p);
    }
    return true;
}
