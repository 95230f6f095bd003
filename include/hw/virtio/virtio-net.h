/*
 * virtio-net device model ("virtio-net-device"): rx/tx queue pairs, a
 * control queue (rx mode, MAC and VLAN filters, multiqueue, guest
 * offloads, announce), mergeable receive buffers and the offloads a
 * vnet-header capable back end (tap) allows.  The PCI proxy is
 * "virtio-net-pci" (hw/net/virtio-net-pci.c).
 */
#ifndef QEMU_VIRTIO_NET_H
#define QEMU_VIRTIO_NET_H

#include <linux/virtio_net.h>
#include "hw/virtio/virtio.h"
#include "net/net.h"
#include "qemu/main-loop.h"
#include "net/eth.h"
#include "sysemu/runstate.h"

/* ethtool's link speed/duplex values used in the config space. */
#ifndef SPEED_UNKNOWN
#define SPEED_UNKNOWN -1
#endif
#ifndef DUPLEX_HALF
#define DUPLEX_HALF 0x00
#define DUPLEX_FULL 0x01
#endif
#ifndef DUPLEX_UNKNOWN
#define DUPLEX_UNKNOWN 0xff
#endif

#define TYPE_VIRTIO_NET "virtio-net-device"
OBJECT_DECLARE_SIMPLE_TYPE(VirtIONet, VIRTIO_NET)

/* Filter sizes, as QEMU. */
#define MAC_TABLE_ENTRIES 64
#define MAX_VLAN (1 << 12)

#define VIRTIO_NET_RX_QUEUE_DEFAULT_SIZE 256
#define VIRTIO_NET_TX_QUEUE_DEFAULT_SIZE 256
#define VIRTIO_NET_RX_QUEUE_MIN_SIZE 256
#define VIRTIO_NET_TX_QUEUE_MIN_SIZE 256
#define VIRTIO_NET_QUEUE_MAX_SIZE 1024
/* Packets sent per tx bottom half run before yielding. */
#define VIRTIO_NET_TX_BURST 256

typedef struct virtio_net_conf {
    uint32_t txtimer;
    int32_t txburst;
    char *tx;
    uint16_t rx_queue_size;
    uint16_t tx_queue_size;
    uint16_t mtu;
    int32_t speed;
    char *duplex_str;
    uint8_t duplex;
} virtio_net_conf;

typedef struct VirtIONetQueue {
    VirtQueue *rx_vq;
    VirtQueue *tx_vq;
    QEMUBH *tx_bh;
    int tx_waiting;
    /* The packet the peer queued (sent callback pending). */
    VirtQueueElement *async_tx_elem;
    struct VirtIONet *n;
} VirtIONetQueue;

typedef struct VirtIONetMacTable {
    uint32_t in_use;
    uint32_t first_multi;       /* unicast entries come first */
    uint8_t multi_overflow;
    uint8_t uni_overflow;
    uint8_t *macs;
} VirtIONetMacTable;

struct VirtIONet {
    VirtIODevice parent_obj;
    uint8_t mac[ETH_ALEN];
    uint16_t status;
    VirtIONetQueue *vqs;
    VirtQueue *ctrl_vq;
    NICState *nic;
    /* Property bits (csum, mrg_rxbuf, ...) offered on top of the core's. */
    uint64_t host_features;
    /* The peer takes and gives frames with a virtio-net header. */
    bool has_vnet_hdr;
    bool has_ufo;
    /* Header the peer exchanges (0: none) and the one the guest sees. */
    size_t host_hdr_len;
    size_t guest_hdr_len;
    bool mergeable_rx_bufs;
    uint8_t promisc, allmulti, alluni, nomulti, nouni, nobcast;
    VirtIONetMacTable mac_table;
    uint32_t *vlans;
    virtio_net_conf net_conf;
    NICConf nic_conf;
    DeviceState *qdev;
    int multiqueue;
    uint16_t max_queue_pairs;
    uint16_t curr_queue_pairs;
    size_t config_size;
    char *netclient_name;
    char *netclient_type;
    uint64_t curr_guest_offloads;
    uint32_t rsc_interval;
    bool mtu_bypass_backend;
    bool failover;
    /* Delivers frames held back while the driver was not ready. */
    QEMUBH *rx_flush_bh;
    VMChangeStateEntry *vmstate;
};

/* Name (the proxy's id) and model (its type) of the NIC client. */
void virtio_net_set_netclient_name(VirtIONet *n, const char *name,
                                   const char *type);

#endif
