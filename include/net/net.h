/*
 * Network core: net clients (front ends = NICs, back ends = netdevs)
 * connected in peer pairs, packet delivery with per-receiver queues,
 * and the -netdev / -nic / -net command-line options.
 *
 * A back end is created with qemu_new_net_client(), a NIC model with
 * qemu_new_nic().  Each side sends with qemu_send_packet*() to its peer;
 * a receiver that returns 0 from receive() (or whose can_receive() says
 * no) has the packet queued until it calls qemu_flush_queued_packets().
 */
#ifndef QEMU_NET_H
#define QEMU_NET_H

#include "qemu/queue.h"
#include "qapi/qmp/qdict.h"
#include "qemu/option.h"
#include "net/queue.h"
#include "hw/qdev-properties-system.h"

#define MAC_FMT "%02X:%02X:%02X:%02X:%02X:%02X"
#define MAC_ARG(x) ((uint8_t *)(x))[0], ((uint8_t *)(x))[1], \
                   ((uint8_t *)(x))[2], ((uint8_t *)(x))[3], \
                   ((uint8_t *)(x))[4], ((uint8_t *)(x))[5]

#ifndef DO_UPCAST
#define DO_UPCAST(type, field, dev) container_of(dev, type, field)
#endif

#define MAX_QUEUE_NUM 1024
#define MAX_NICS 8
#define NET_BUFSIZE (4096 + 65536)

typedef struct NICState NICState;
typedef struct NICInfo NICInfo;
typedef struct NetFilterState NetFilterState;

/* QAPI's NetClientDriver, same order and names. */
#ifndef QAPI_NET_CLIENT_DRIVER_DEFINED
#define QAPI_NET_CLIENT_DRIVER_DEFINED
typedef enum NetClientDriver {
    NET_CLIENT_DRIVER_NONE,
    NET_CLIENT_DRIVER_NIC,
    NET_CLIENT_DRIVER_USER,
    NET_CLIENT_DRIVER_TAP,
    NET_CLIENT_DRIVER_L2TPV3,
    NET_CLIENT_DRIVER_SOCKET,
    NET_CLIENT_DRIVER_STREAM,
    NET_CLIENT_DRIVER_DGRAM,
    NET_CLIENT_DRIVER_VDE,
    NET_CLIENT_DRIVER_BRIDGE,
    NET_CLIENT_DRIVER_HUBPORT,
    NET_CLIENT_DRIVER_NETMAP,
    NET_CLIENT_DRIVER_VHOST_USER,
    NET_CLIENT_DRIVER_VHOST_VDPA,
    NET_CLIENT_DRIVER__MAX,
} NetClientDriver;
extern const QEnumLookup NetClientDriver_lookup;
#endif

typedef struct MACAddr {
    uint8_t a[6];
} MACAddr;

/* Netdevs a NIC is attached to (one per queue pair). */
typedef struct NICPeers {
    NetClientState *ncs[MAX_QUEUE_NUM];
    int32_t queues;
} NICPeers;

typedef struct NICConf {
    MACAddr macaddr;
    NICPeers peers;
    int32_t bootindex;
} NICConf;

extern const PropertyInfo qdev_prop_macaddr;
extern const PropertyInfo qdev_prop_netdev;

#define DEFINE_PROP_MACADDR(_n, _s, _f) \
    DEFINE_PROP(_n, _s, _f, qdev_prop_macaddr, MACAddr)
#define DEFINE_PROP_NETDEV(_n, _s, _f) \
    DEFINE_PROP(_n, _s, _f, qdev_prop_netdev, NICPeers)

#define DEFINE_NIC_PROPERTIES(_state, _conf)                            \
    DEFINE_PROP_MACADDR("mac",   _state, _conf.macaddr),                \
    DEFINE_PROP_NETDEV("netdev", _state, _conf.peers)

void qdev_set_nic_properties(DeviceState *dev, NICInfo *nd);
void qdev_prop_set_netdev(DeviceState *dev, const char *name,
                          NetClientState *value);
void qdev_prop_set_macaddr(DeviceState *dev, const char *name,
                           const uint8_t *value);

/* Callbacks of a net client. */
typedef void (NetPoll)(NetClientState *, bool enable);
typedef bool (NetCanReceive)(NetClientState *);
typedef int (NetStart)(NetClientState *);
typedef ssize_t (NetReceive)(NetClientState *, const uint8_t *, size_t);
typedef ssize_t (NetReceiveIOV)(NetClientState *, const struct iovec *, int);
typedef void (NetCleanup)(NetClientState *);
typedef void (LinkStatusChanged)(NetClientState *);
typedef void (NetClientDestructor)(NetClientState *);
typedef bool (HasUfo)(NetClientState *);
typedef bool (HasVnetHdr)(NetClientState *);
typedef bool (HasVnetHdrLen)(NetClientState *, int);
typedef bool (GetUsingVnetHdr)(NetClientState *);
typedef void (UsingVnetHdr)(NetClientState *, bool);
typedef void (SetOffload)(NetClientState *, int, int, int, int, int);
typedef int (GetVnetHdrLen)(NetClientState *);
typedef void (SetVnetHdrLen)(NetClientState *, int);
typedef int (SetVnetLE)(NetClientState *, bool);
typedef int (SetVnetBE)(NetClientState *, bool);
typedef int (SetSteeringEBPF)(NetClientState *, int);

typedef struct RxFilterInfo RxFilterInfo;
typedef RxFilterInfo *(QueryRxFilter)(NetClientState *);

typedef struct NetClientInfo {
    NetClientDriver type;
    size_t size;            /* of the state struct that embeds NetClientState */
    NetReceive *receive;
    NetReceive *receive_raw;
    NetReceiveIOV *receive_iov;
    NetCanReceive *can_receive;
    NetStart *start;
    NetCleanup *cleanup;
    LinkStatusChanged *link_status_changed;
    QueryRxFilter *query_rx_filter;
    NetPoll *poll;
    HasUfo *has_ufo;
    HasVnetHdr *has_vnet_hdr;
    HasVnetHdrLen *has_vnet_hdr_len;
    GetUsingVnetHdr *get_using_vnet_hdr;
    UsingVnetHdr *using_vnet_hdr;
    SetOffload *set_offload;
    GetVnetHdrLen *get_vnet_hdr_len;
    SetVnetHdrLen *set_vnet_hdr_len;
    SetVnetLE *set_vnet_le;
    SetVnetBE *set_vnet_be;
    SetSteeringEBPF *set_steering_ebpf;
} NetClientInfo;

struct NetClientState {
    NetClientInfo *info;
    int link_down;
    QTAILQ_ENTRY(NetClientState) next;
    NetClientState *peer;
    NetQueue *incoming_queue;
    char *model;
    char *name;
    char info_str[256];
    unsigned receive_disabled : 1;
    NetClientDestructor *destructor;
    unsigned int queue_index;
    unsigned rxfilter_notify_enabled:1;
    int vring_enable;
    int vnet_hdr_len;
    bool is_netdev;
    bool do_not_pad;
    bool is_datapath;
};

struct NICState {
    NetClientState *ncs;
    NICConf *conf;
    void *opaque;
    bool peer_deleted;
};

/* One -nic / -net nic: a NIC the board creates (nd_table). */
struct NICInfo {
    MACAddr macaddr;
    char *model;
    char *name;
    char *devaddr;
    NetClientState *netdev;
    int used;
    int instantiated;
    int nvectors;
};

extern int nb_nics;
extern NICInfo nd_table[MAX_NICS];

/* Receive-filter state of a NIC (QAPI RxFilterInfo, simplified lists). */
struct RxFilterInfo {
    char *name;
    bool promiscuous;
    int multicast;          /* RxState: 0 normal, 1 none, 2 all */
    int unicast;
    int vlan;
    bool broadcast_allowed;
    bool multicast_overflow;
    bool unicast_overflow;
    char *main_mac;
    GPtrArray *vlan_table;          /* of GUINT_TO_POINTER(vid) */
    GPtrArray *unicast_table;       /* of "xx:xx:xx:xx:xx:xx" strings */
    GPtrArray *multicast_table;
};
void qapi_free_RxFilterInfo(RxFilterInfo *info);

/* ---- clients ---- */
NetClientState *qemu_find_netdev(const char *id);
int qemu_find_net_clients_except(const char *id, NetClientState **ncs,
                                 NetClientDriver type, int max);
NetClientState *qemu_new_net_client(NetClientInfo *info,
                                    NetClientState *peer,
                                    const char *model,
                                    const char *name);
NICState *qemu_new_nic(NetClientInfo *info, NICConf *conf,
                       const char *model, const char *name, void *opaque);
void qemu_del_nic(NICState *nic);
void qemu_del_net_client(NetClientState *nc);
NetClientState *qemu_get_subqueue(NICState *nic, int queue_index);
NetClientState *qemu_get_queue(NICState *nic);
NICState *qemu_get_nic(NetClientState *nc);
void *qemu_get_nic_opaque(NetClientState *nc);
NetClientState *qemu_get_peer(NetClientState *nc, int queue_index);
typedef void (*qemu_nic_foreach)(NICState *nic, void *opaque);
void qemu_foreach_nic(qemu_nic_foreach func, void *opaque);

/* ---- sending ---- */
int qemu_can_receive_packet(NetClientState *nc);
int qemu_can_send_packet(NetClientState *nc);
ssize_t qemu_sendv_packet(NetClientState *nc, const struct iovec *iov,
                          int iovcnt);
ssize_t qemu_sendv_packet_async(NetClientState *nc, const struct iovec *iov,
                                int iovcnt, NetPacketSent *sent_cb);
ssize_t qemu_send_packet(NetClientState *nc, const uint8_t *buf, int size);
ssize_t qemu_receive_packet(NetClientState *nc, const uint8_t *buf, int size);
ssize_t qemu_send_packet_raw(NetClientState *nc, const uint8_t *buf, int size);
ssize_t qemu_send_packet_async(NetClientState *nc, const uint8_t *buf,
                               int size, NetPacketSent *sent_cb);
void qemu_purge_queued_packets(NetClientState *nc);
void qemu_flush_queued_packets(NetClientState *nc);
void qemu_flush_or_purge_queued_packets(NetClientState *nc, bool purge);
ssize_t qemu_deliver_packet_iov(NetClientState *sender, unsigned flags,
                                const struct iovec *iov, int iovcnt,
                                void *opaque);

/* ---- offload / vnet header (tap; for virtio-net) ---- */
bool qemu_has_ufo(NetClientState *nc);
bool qemu_has_vnet_hdr(NetClientState *nc);
bool qemu_has_vnet_hdr_len(NetClientState *nc, int len);
bool qemu_get_using_vnet_hdr(NetClientState *nc);
void qemu_using_vnet_hdr(NetClientState *nc, bool enable);
void qemu_set_offload(NetClientState *nc, int csum, int tso4, int tso6,
                      int ecn, int ufo);
int qemu_get_vnet_hdr_len(NetClientState *nc);
void qemu_set_vnet_hdr_len(NetClientState *nc, int len);

/* ---- names and info ---- */
void qemu_set_info_str(NetClientState *nc, const char *fmt, ...)
    G_GNUC_PRINTF(2, 3);
void qemu_format_nic_info_str(NetClientState *nc, uint8_t macaddr[6]);
void qemu_macaddr_default_if_unset(MACAddr *macaddr);
/* Parse "xx:xx:xx:xx:xx:xx" (also '-' separated); 0 on success. */
int net_parse_macaddr(uint8_t *macaddr, const char *p);
int qemu_show_nic_models(const char *arg, const char *const *models);
int qemu_find_nic_model(NICInfo *nd, const char *const *models,
                        const char *default_model);

/* HMP "info network" text (monitor wires it). */
char *qemu_net_info_string(void);
void hmp_info_network_print(GString *buf);
/* query-rx-filter: one entry per NIC (or only @name); NULL + errp. */
GPtrArray *qmp_query_rx_filter_list(bool has_name, const char *name,
                                    Error **errp);
/* set_link: changes the link of every queue of @name and its peer. */
void qmp_set_link(const char *name, bool up, Error **errp);
void netdev_add(QemuOpts *opts, Error **errp);
void qmp_netdev_del(const char *id, Error **errp);

/* HMP "set_link", "netdev_add", "netdev_del" (net/net-hmp.c). */
typedef struct Monitor Monitor;
void hmp_set_link(Monitor *mon, const QDict *qdict);
void hmp_netdev_add(Monitor *mon, const QDict *qdict);
void hmp_netdev_del(Monitor *mon, const QDict *qdict);

/* ---- command line ---- */
extern QemuOptsList qemu_netdev_opts;
extern QemuOptsList qemu_nic_opts;
extern QemuOptsList qemu_net_opts;

int net_client_parse(QemuOptsList *opts_list, const char *optarg);
int net_init_clients(Error **errp);
void net_check_clients(void);
void net_cleanup(void);
int net_init_netdev(void *dummy, QemuOpts *opts, Error **errp);
bool netdev_is_modern(const char *optarg);
int net_hub_id_for_client(NetClientState *nc, int *id);

/* Which back-end types this binary has (socket, stream, tap, user...). */
bool net_client_driver_available(NetClientDriver type);

#define DEFAULT_NETWORK_SCRIPT "/etc/qemu-ifup"
#define DEFAULT_NETWORK_DOWN_SCRIPT "/etc/qemu-ifdown"
#define DEFAULT_BRIDGE_HELPER "/usr/lib/qemu/qemu-bridge-helper"
#define DEFAULT_BRIDGE_INTERFACE "br0"

#define POLYNOMIAL_BE 0x04c11db6
#define POLYNOMIAL_LE 0xedb88320
uint32_t net_crc32(const uint8_t *p, int len);
uint32_t net_crc32_le(const uint8_t *p, int len);

#endif
