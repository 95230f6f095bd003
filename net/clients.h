/*
 * Back-end constructors, one per -netdev type.  Each gets the
 * validated QemuOpts, the netdev id and (for -net) the hub port it
 * connects to, creates its NetClientState(s) and returns 0, or -1 with
 * @errp set.
 */
#ifndef QEMU_NET_CLIENTS_H
#define QEMU_NET_CLIENTS_H

#include "net/net.h"

typedef int (NetClientInitFunc)(QemuOpts *opts, const char *name,
                                NetClientState *peer, Error **errp);

int net_init_hubport(QemuOpts *opts, const char *name,
                     NetClientState *peer, Error **errp);
int net_init_socket(QemuOpts *opts, const char *name,
                    NetClientState *peer, Error **errp);
int net_init_stream(QemuOpts *opts, const char *name,
                    NetClientState *peer, Error **errp);
int net_init_tap(QemuOpts *opts, const char *name,
                 NetClientState *peer, Error **errp);
int net_init_slirp(QemuOpts *opts, const char *name,
                   NetClientState *peer, Error **errp);

extern const QemuOptDesc net_hubport_desc[];
extern const QemuOptDesc net_socket_desc[];
extern const QemuOptDesc net_stream_desc[];
extern const QemuOptDesc net_tap_desc[];
extern const QemuOptDesc net_slirp_desc[];

/* Hubs (-net). */
NetClientState *net_hub_add_port(int hub_id, const char *name,
                                 NetClientState *hubpeer);
void net_hub_check_clients(void);
bool net_hub_flush(NetClientState *nc);
void net_hub_info(GString *buf);
void net_print_client(GString *buf, NetClientState *nc);

/* Parse a 0/1-style on|off value of @opts, defaulting to @def. */
bool net_opt_get_bool(QemuOpts *opts, const char *name, bool def);

#endif

/*
 * Stream connections shared by "-netdev socket" (listen=/connect=) and
 * "-netdev stream": one peer at a time, every frame preceded by its
 * length as a 4-byte big-endian number.
 */
NetClientState *net_stream_conn_new(NetClientState *peer, NetClientDriver type,
                                    const char *model, const char *name,
                                    int listen_fd, int fd,
                                    const char *info);
