/* Ethernet frame helpers shared by NIC models and tests. */
#ifndef QEMU_NET_ETH_H
#define QEMU_NET_ETH_H

#define ETH_ALEN 6
#define ETH_HLEN 14
#define ETH_ZLEN 60         /* minimum frame without FCS */
#define ETH_P_IP   0x0800
#define ETH_P_ARP  0x0806
#define ETH_P_VLAN 0x8100

struct eth_header {
    uint8_t h_dest[ETH_ALEN];
    uint8_t h_source[ETH_ALEN];
    uint16_t h_proto;
} QEMU_PACKED;

static inline bool is_multicast_ether_addr(const uint8_t *addr)
{
    return addr[0] & 1;
}

static inline bool is_broadcast_ether_addr(const uint8_t *addr)
{
    return (addr[0] & addr[1] & addr[2] & addr[3] & addr[4] & addr[5]) ==
           0xff;
}

static inline bool is_unicast_ether_addr(const uint8_t *addr)
{
    return !is_multicast_ether_addr(addr);
}

#endif
