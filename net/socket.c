/*
 * "-netdev socket": listen=/connect= are framed TCP streams (see
 * stream.c); udp= sends each frame as one datagram to a fixed peer;
 * mcast= joins an IPv4 multicast group and talks to it; fd= adopts a
 * socket passed by the caller (stream or datagram).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/main-loop.h"
#include "qemu/sockets.h"
#include "qemu/cutils.h"
#include "net/net.h"
#include "clients.h"

#include <arpa/inet.h>
#include <netdb.h>

const QemuOptDesc net_socket_desc[] = {
    { .name = "type", .type = QEMU_OPT_STRING },
    { .name = "id", .type = QEMU_OPT_STRING },
    { .name = "fd", .type = QEMU_OPT_STRING },
    { .name = "listen", .type = QEMU_OPT_STRING },
    { .name = "connect", .type = QEMU_OPT_STRING },
    { .name = "mcast", .type = QEMU_OPT_STRING },
    { .name = "localaddr", .type = QEMU_OPT_STRING },
    { .name = "udp", .type = QEMU_OPT_STRING },
    { /* end */ }
};

typedef struct NetDgramState {
    NetClientState nc;
    int fd;
    bool read_poll;
    struct sockaddr_in dgram_dst;
    uint8_t buf[NET_BUFSIZE];
} NetDgramState;

static void net_dgram_send(void *opaque);

static void net_dgram_update_fd_handler(NetDgramState *s)
{
    qemu_set_fd_handler(s->fd, s->read_poll ? net_dgram_send : NULL, NULL, s);
}

static void net_dgram_send_completed(NetClientState *nc, ssize_t len)
{
    NetDgramState *s = DO_UPCAST(NetDgramState, nc, nc);

    if (!s->read_poll) {
        s->read_poll = true;
        net_dgram_update_fd_handler(s);
    }
}

static void net_dgram_send(void *opaque)
{
    NetDgramState *s = opaque;
    ssize_t size;

    size = recv(s->fd, s->buf, sizeof(s->buf), 0);
    if (size <= 0) {
        return;     /* datagram sockets have no end of stream */
    }
    if (qemu_send_packet_async(&s->nc, s->buf, size,
                               net_dgram_send_completed) == 0) {
        s->read_poll = false;
        net_dgram_update_fd_handler(s);
    }
}

static ssize_t net_dgram_receive(NetClientState *nc, const uint8_t *buf,
                                 size_t size)
{
    NetDgramState *s = DO_UPCAST(NetDgramState, nc, nc);
    ssize_t ret;

    do {
        if (s->dgram_dst.sin_family) {
            ret = sendto(s->fd, buf, size, MSG_DONTWAIT,
                         (struct sockaddr *)&s->dgram_dst,
                         sizeof(s->dgram_dst));
        } else {
            ret = send(s->fd, buf, size, MSG_DONTWAIT | MSG_NOSIGNAL);
        }
    } while (ret < 0 && errno == EINTR);
    /* A datagram that cannot go out now is lost, as on a real wire. */
    return size;
}

static void net_dgram_cleanup(NetClientState *nc)
{
    NetDgramState *s = DO_UPCAST(NetDgramState, nc, nc);

    if (s->fd >= 0) {
        qemu_set_fd_handler(s->fd, NULL, NULL, NULL);
        close(s->fd);
        s->fd = -1;
    }
}

static NetClientInfo net_dgram_socket_info = {
    .type = NET_CLIENT_DRIVER_SOCKET,
    .size = sizeof(NetDgramState),
    .receive = net_dgram_receive,
    .cleanup = net_dgram_cleanup,
};

static NetDgramState *net_dgram_new(NetClientState *peer, const char *name,
                                    int fd, const struct sockaddr_in *dst)
{
    NetClientState *nc = qemu_new_net_client(&net_dgram_socket_info, peer,
                                             "socket", name);
    NetDgramState *s = DO_UPCAST(NetDgramState, nc, nc);

    s->fd = fd;
    if (dst) {
        s->dgram_dst = *dst;
    }
    qemu_socket_set_nonblock(fd);
    s->read_poll = true;
    net_dgram_update_fd_handler(s);
    return s;
}

/* "host:port" → IPv4 sockaddr (empty host = any). */
static int parse_host_port(struct sockaddr_in *saddr, const char *str,
                           Error **errp)
{
    g_autofree char *host = NULL;
    const char *p = strrchr(str, ':');
    char *end;
    long port;

    if (!p) {
        error_setg(errp, "host address '%s' doesn't contain ':' "
                   "separating host from port", str);
        return -1;
    }
    host = g_strndup(str, p - str);
    memset(saddr, 0, sizeof(*saddr));
    saddr->sin_family = AF_INET;
    if (host[0] == '\0') {
        saddr->sin_addr.s_addr = 0;
    } else if (g_ascii_isdigit(host[0])) {
        if (!inet_aton(host, &saddr->sin_addr)) {
            error_setg(errp, "host address '%s' is not a valid "
                       "IPv4 address", host);
            return -1;
        }
    } else {
        struct hostent *he = gethostbyname(host);

        if (!he || he->h_addrtype != AF_INET) {
            error_setg(errp, "can't resolve host address '%s'", host);
            return -1;
        }
        saddr->sin_addr = *(struct in_addr *)he->h_addr;
    }
    port = strtol(p + 1, &end, 0);
    if (end == p + 1 || *end || port < 0 || port > 65535) {
        error_setg(errp, "port number '%s' is invalid", p + 1);
        return -1;
    }
    saddr->sin_port = htons(port);
    return 0;
}

static int net_socket_udp_init(NetClientState *peer, const char *name,
                               const char *rhost, const char *lhost,
                               Error **errp)
{
    struct sockaddr_in laddr, raddr;
    NetDgramState *s;
    int fd;

    if (parse_host_port(&laddr, lhost, errp) < 0 ||
        parse_host_port(&raddr, rhost, errp) < 0) {
        return -1;
    }
    fd = qemu_socket(PF_INET, SOCK_DGRAM, 0);
    if (fd < 0) {
        error_setg_errno(errp, errno, "can't create datagram socket");
        return -1;
    }
    socket_set_fast_reuse(fd);
    if (bind(fd, (struct sockaddr *)&laddr, sizeof(laddr)) < 0) {
        error_setg_errno(errp, errno, "can't bind ip=%s to socket",
                         inet_ntoa(laddr.sin_addr));
        close(fd);
        return -1;
    }
    s = net_dgram_new(peer, name, fd, &raddr);
    qemu_set_info_str(&s->nc, "socket: udp=%s:%d", inet_ntoa(raddr.sin_addr),
                      ntohs(raddr.sin_port));
    return 0;
}

static int net_socket_mcast_init(NetClientState *peer, const char *name,
                                 const char *host_str, const char *lhost,
                                 Error **errp)
{
    struct sockaddr_in saddr;
    struct ip_mreq imr;
    NetDgramState *s;
    int fd, val = 1;

    if (parse_host_port(&saddr, host_str, errp) < 0) {
        return -1;
    }
    if (!IN_MULTICAST(ntohl(saddr.sin_addr.s_addr))) {
        error_setg(errp, "specified mcastaddr %s (0x%08x) "
                   "does not contain a multicast address",
                   inet_ntoa(saddr.sin_addr), ntohl(saddr.sin_addr.s_addr));
        return -1;
    }
    fd = qemu_socket(PF_INET, SOCK_DGRAM, 0);
    if (fd < 0) {
        error_setg_errno(errp, errno, "can't create datagram socket");
        return -1;
    }
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &val, sizeof(val));
    if (bind(fd, (struct sockaddr *)&saddr, sizeof(saddr)) < 0) {
        error_setg_errno(errp, errno, "can't bind ip=%s to socket",
                         inet_ntoa(saddr.sin_addr));
        goto fail;
    }
    imr.imr_multiaddr = saddr.sin_addr;
    imr.imr_interface.s_addr = htonl(INADDR_ANY);
    if (lhost && !inet_aton(lhost, &imr.imr_interface)) {
        error_setg(errp, "localaddr '%s' is not a valid IPv4 address", lhost);
        goto fail;
    }
    if (setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &imr, sizeof(imr)) < 0) {
        error_setg_errno(errp, errno,
                         "can't add socket to multicast group %s",
                         inet_ntoa(imr.imr_multiaddr));
        goto fail;
    }
    /* Other processes on this host see our frames; we skip our own. */
    val = 1;
    setsockopt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, &val, sizeof(val));
    if (lhost) {
        setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &imr.imr_interface,
                   sizeof(imr.imr_interface));
    }
    s = net_dgram_new(peer, name, fd, &saddr);
    qemu_set_info_str(&s->nc, "socket: mcast=%s:%d",
                      inet_ntoa(saddr.sin_addr), ntohs(saddr.sin_port));
    return 0;
fail:
    close(fd);
    return -1;
}

int net_init_socket(QemuOpts *opts, const char *name,
                    NetClientState *peer, Error **errp)
{
    const char *fd_str = qemu_opt_get(opts, "fd");
    const char *listen = qemu_opt_get(opts, "listen");
    const char *connect = qemu_opt_get(opts, "connect");
    const char *mcast = qemu_opt_get(opts, "mcast");
    const char *udp = qemu_opt_get(opts, "udp");
    const char *localaddr = qemu_opt_get(opts, "localaddr");
    int n = !!fd_str + !!listen + !!connect + !!mcast + !!udp;

    if (n != 1) {
        error_setg(errp, "exactly one of listen=, connect=, mcast= or udp="
                   " is required");
        return -1;
    }
    if (localaddr && !mcast && !udp) {
        error_setg(errp, "localaddr= is only valid with mcast= or udp=");
        return -1;
    }
    if (fd_str) {
        int64_t fd;
        int type;
        socklen_t len = sizeof(type);

        if (qemu_strtoi64(fd_str, NULL, 10, &fd) < 0 || fd < 0 ||
            getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) < 0) {
            error_setg(errp, "'%s' is not a valid socket descriptor", fd_str);
            return -1;
        }
        if (type == SOCK_DGRAM) {
            NetDgramState *s = net_dgram_new(peer, name, fd, NULL);

            qemu_set_info_str(&s->nc, "socket: fd=%d", (int)fd);
        } else {
            g_autofree char *info = g_strdup_printf("socket: fd=%d", (int)fd);

            net_stream_conn_new(peer, NET_CLIENT_DRIVER_SOCKET, "socket",
                                name, -1, fd, info);
        }
        return 0;
    }
    if (listen) {
        g_autofree char *info = NULL;
        struct sockaddr_in sa;
        int lfd;

        if (parse_host_port(&sa, listen, errp) < 0) {
            return -1;
        }
        lfd = inet_listen(listen, 1, errp);
        if (lfd < 0) {
            return -1;
        }
        info = g_strdup_printf("socket: wait connection on %s", listen);
        net_stream_conn_new(peer, NET_CLIENT_DRIVER_SOCKET, "socket", name,
                            lfd, -1, info);
        return 0;
    }
    if (connect) {
        g_autofree char *info = NULL;
        struct sockaddr_in sa;
        int fd;

        if (parse_host_port(&sa, connect, errp) < 0) {
            return -1;
        }
        fd = inet_connect(connect, errp);
        if (fd < 0) {
            return -1;
        }
        info = g_strdup_printf("socket: connect to %s", connect);
        net_stream_conn_new(peer, NET_CLIENT_DRIVER_SOCKET, "socket", name,
                            -1, fd, info);
        return 0;
    }
    if (mcast) {
        return net_socket_mcast_init(peer, name, mcast, localaddr, errp);
    }
    if (!localaddr) {
        error_setg(errp, "localaddr= is mandatory with udp=");
        return -1;
    }
    return net_socket_udp_init(peer, name, udp, localaddr, errp);
}
