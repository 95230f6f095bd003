/*
 * Packet queue of a net client's incoming side: packets a sender could
 * not deliver because the receiver was busy wait here until
 * qemu_flush_queued_packets() is called for the receiver.
 */
#ifndef QEMU_NET_QUEUE_H
#define QEMU_NET_QUEUE_H

#include "qemu/typedefs.h"

typedef struct NetClientState NetClientState;

typedef struct NetPacket NetPacket;
typedef struct NetQueue NetQueue;

typedef void (NetPacketSent) (NetClientState *sender, ssize_t ret);

#define QEMU_NET_PACKET_FLAG_NONE  0
#define QEMU_NET_PACKET_FLAG_RAW  (1 << 0)

/*
 * Delivers one packet to the queue's owner; returns the size consumed,
 * 0 when the receiver cannot take it now (it is queued again) or < 0
 * on error (dropped).
 */
typedef ssize_t (NetQueueDeliverFunc)(NetClientState *sender,
                                      unsigned flags,
                                      const struct iovec *iov,
                                      int iovcnt,
                                      void *opaque);

NetQueue *qemu_new_net_queue(NetQueueDeliverFunc *deliver, void *opaque);
void qemu_del_net_queue(NetQueue *queue);

void qemu_net_queue_append_iov(NetQueue *queue, NetClientState *sender,
                               unsigned flags, const struct iovec *iov,
                               int iovcnt, NetPacketSent *sent_cb);

ssize_t qemu_net_queue_receive(NetQueue *queue, const uint8_t *data,
                               size_t size);
ssize_t qemu_net_queue_send(NetQueue *queue, NetClientState *sender,
                            unsigned flags, const uint8_t *data, size_t size,
                            NetPacketSent *sent_cb);
ssize_t qemu_net_queue_send_iov(NetQueue *queue, NetClientState *sender,
                                unsigned flags, const struct iovec *iov,
                                int iovcnt, NetPacketSent *sent_cb);

/* Drop every packet @from queued (sent_cb gets 0). */
void qemu_net_queue_purge(NetQueue *queue, NetClientState *from);
/* Deliver queued packets; false if the receiver stopped taking them. */
bool qemu_net_queue_flush(NetQueue *queue);
/* Number of packets waiting (tests, info). */
unsigned qemu_net_queue_length(NetQueue *queue);

#endif
