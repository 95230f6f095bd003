/*
 * Stream-socket back ends: "-netdev stream" (QEMU 7.2 syntax) and the
 * framing engine "-netdev socket,listen=|connect=" also uses.
 *
 * Frames travel as <u32 big-endian length><payload>.  A server accepts
 * one client at a time and listens again when it goes away.  Outgoing
 * frames that the socket cannot take now stay queued at the NIC (we
 * return 0 and flush when writable); incoming frames the NIC cannot
 * take stop reading until the queue drains.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/main-loop.h"
#include "qemu/sockets.h"
#include "qemu/iov.h"
#include "qemu/bswap.h"
#include "qemu/cutils.h"
#include "net/net.h"
#include "clients.h"

#include <arpa/inet.h>

typedef struct NetStreamState {
    NetClientState nc;
    int listen_fd;
    int fd;
    bool read_poll;         /* waiting for the peer to take a frame? no */
    bool write_poll;
    unsigned int send_index;    /* bytes of the current frame written */
    /* reassembly of one incoming frame */
    unsigned int rs_index;
    uint32_t rs_size;
    uint8_t rs_len[4];
    uint8_t rs_buf[NET_BUFSIZE];
} NetStreamState;

static void net_stream_update_fd_handler(NetStreamState *s);

static void net_stream_writable(void *opaque)
{
    NetStreamState *s = opaque;

    s->write_poll = false;
    net_stream_update_fd_handler(s);
    qemu_flush_queued_packets(&s->nc);
}

static void net_stream_send(void *opaque);

static void net_stream_update_fd_handler(NetStreamState *s)
{
    if (s->fd < 0) {
        return;
    }
    qemu_set_fd_handler(s->fd, s->read_poll ? net_stream_send : NULL,
                        s->write_poll ? net_stream_writable : NULL, s);
}

/* One non-blocking send; no SIGPIPE when the other side went away. */
static ssize_t net_stream_sendv(int fd, const struct iovec *iov, int iovcnt,
                                size_t offset, size_t bytes)
{
    struct iovec local[4];
    unsigned n = iov_copy(local, ARRAY_SIZE(local), iov, iovcnt, offset,
                          bytes);
    struct msghdr msg = { .msg_iov = local, .msg_iovlen = n };
    ssize_t ret;

    do {
        ret = sendmsg(fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (ret < 0 && errno == ENOTSOCK) {
            ret = writev(fd, local, n);
        }
    } while (ret < 0 && errno == EINTR);
    return ret;
}

static ssize_t net_stream_receive(NetClientState *nc, const uint8_t *buf,
                                  size_t size)
{
    NetStreamState *s = DO_UPCAST(NetStreamState, nc, nc);
    uint32_t len = htonl(size);
    struct iovec iov[] = {
        { .iov_base = &len, .iov_len = sizeof(len) },
        { .iov_base = (void *)buf, .iov_len = size },
    };
    size_t remaining;
    ssize_t ret;

    if (s->fd < 0) {
        return size;        /* nobody connected: the wire is empty */
    }
    remaining = iov_size(iov, 2) - s->send_index;
    ret = net_stream_sendv(s->fd, iov, 2, s->send_index, remaining);
    if (ret == -1 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        ret = 0;
    } else if (ret == -1) {
        s->send_index = 0;
        return size;        /* broken connection: the read side closes */
    }
    if (ret < (ssize_t)remaining) {
        s->send_index += ret;
        s->write_poll = true;
        net_stream_update_fd_handler(s);
        return 0;
    }
    s->send_index = 0;
    return size;
}

static void net_stream_send_completed(NetClientState *nc, ssize_t len)
{
    NetStreamState *s = DO_UPCAST(NetStreamState, nc, nc);

    if (!s->read_poll && s->fd >= 0) {
        s->read_poll = true;
        net_stream_update_fd_handler(s);
    }
}

static void net_stream_accept(void *opaque);

static void net_stream_disconnect(NetStreamState *s)
{
    qemu_set_fd_handler(s->fd, NULL, NULL, NULL);
    close(s->fd);
    s->fd = -1;
    s->read_poll = s->write_poll = false;
    s->send_index = 0;
    s->rs_index = 0;
    s->rs_size = 0;
    s->nc.link_down = true;
    /*
     * Frames the NIC queued for the lost connection are dropped now
     * (receive() sees no fd): their senders must not wait forever.
     */
    qemu_flush_queued_packets(&s->nc);
    if (s->listen_fd >= 0) {
        qemu_set_fd_handler(s->listen_fd, net_stream_accept, NULL, s);
        qemu_set_info_str(&s->nc, "listening");
    } else {
        qemu_set_info_str(&s->nc, "disconnected");
    }
}

/*
 * Feed @size bytes into the reassembly state; returns the number of
 * bytes consumed, setting *complete when a whole frame is in rs_buf.
 */
static int net_stream_fill(NetStreamState *s, const uint8_t *buf, int size,
                           bool *complete)
{
    int used = 0;

    *complete = false;
    while (used < size && !*complete) {
        if (s->rs_index < 4) {
            s->rs_len[s->rs_index++] = buf[used++];
            if (s->rs_index == 4) {
                s->rs_size = ldl_be_p(s->rs_len);
            }
            if (s->rs_index == 4 && s->rs_size == 0) {
                s->rs_index = 0;        /* empty frame: ignore */
            }
            continue;
        }
        {
            unsigned int have = s->rs_index - 4;
            unsigned int n = MIN(s->rs_size - have, size - used);

            if (have + n <= sizeof(s->rs_buf)) {
                memcpy(s->rs_buf + have, buf + used, n);
            }
            used += n;
            s->rs_index += n;
            if (s->rs_index - 4 == s->rs_size) {
                *complete = true;
                s->rs_index = 0;
            }
        }
    }
    return used;
}

static void net_stream_send(void *opaque)
{
    NetStreamState *s = opaque;
    uint8_t buf[NET_BUFSIZE];
    int size, off = 0;

    size = recv(s->fd, buf, sizeof(buf), 0);
    if (size < 0) {
        if (errno == EAGAIN || errno == EINTR) {
            return;
        }
        net_stream_disconnect(s);
        return;
    }
    if (size == 0) {
        net_stream_disconnect(s);
        return;
    }
    while (off < size) {
        bool complete;

        off += net_stream_fill(s, buf + off, size - off, &complete);
        if (!complete) {
            continue;
        }
        if (s->rs_size > sizeof(s->rs_buf)) {
            error_report("netdev %s: frame of %u bytes is too large, dropped",
                         s->nc.name, s->rs_size);
            continue;
        }
        if (qemu_send_packet_async(&s->nc, s->rs_buf, s->rs_size,
                                   net_stream_send_completed) == 0) {
            /*
             * Queued at the NIC; stop reading until it drains.  Bytes
             * left in this read go on feeding the reassembly (frames
             * completed meanwhile are queued too).
             */
            s->read_poll = false;
            net_stream_update_fd_handler(s);
        }
    }
}

static void net_stream_connected(NetStreamState *s, int fd)
{
    s->fd = fd;
    qemu_socket_set_nonblock(fd);
    s->nc.link_down = false;
    s->read_poll = true;
    s->write_poll = false;
    net_stream_update_fd_handler(s);
}

static void net_stream_accept(void *opaque)
{
    NetStreamState *s = opaque;
    struct sockaddr_storage saddr;
    socklen_t len = sizeof(saddr);
    int fd;

    fd = qemu_accept(s->listen_fd, (struct sockaddr *)&saddr, &len);
    if (fd < 0) {
        return;
    }
    /* One client at a time: stop accepting until it disconnects. */
    qemu_set_fd_handler(s->listen_fd, NULL, NULL, NULL);
    if (saddr.ss_family == AF_INET) {
        struct sockaddr_in *sin = (struct sockaddr_in *)&saddr;
        char host[INET_ADDRSTRLEN];

        inet_ntop(AF_INET, &sin->sin_addr, host, sizeof(host));
        qemu_set_info_str(&s->nc, "connection from %s:%d", host,
                          ntohs(sin->sin_port));
    } else {
        qemu_set_info_str(&s->nc, "connected");
    }
    net_stream_connected(s, fd);
}

static void net_stream_cleanup(NetClientState *nc)
{
    NetStreamState *s = DO_UPCAST(NetStreamState, nc, nc);

    if (s->fd >= 0) {
        qemu_set_fd_handler(s->fd, NULL, NULL, NULL);
        close(s->fd);
        s->fd = -1;
    }
    if (s->listen_fd >= 0) {
        qemu_set_fd_handler(s->listen_fd, NULL, NULL, NULL);
        close(s->listen_fd);
        s->listen_fd = -1;
    }
}

static NetClientInfo net_stream_info = {
    .type = NET_CLIENT_DRIVER_STREAM,
    .size = sizeof(NetStreamState),
    .receive = net_stream_receive,
    .cleanup = net_stream_cleanup,
};

static NetClientInfo net_socket_stream_info = {
    .type = NET_CLIENT_DRIVER_SOCKET,
    .size = sizeof(NetStreamState),
    .receive = net_stream_receive,
    .cleanup = net_stream_cleanup,
};

NetClientState *net_stream_conn_new(NetClientState *peer, NetClientDriver type,
                                    const char *model, const char *name,
                                    int listen_fd, int fd, const char *info)
{
    NetClientState *nc;
    NetStreamState *s;

    nc = qemu_new_net_client(type == NET_CLIENT_DRIVER_STREAM
                             ? &net_stream_info : &net_socket_stream_info,
                             peer, model, name);
    s = DO_UPCAST(NetStreamState, nc, nc);
    s->listen_fd = listen_fd;
    s->fd = -1;
    qemu_set_info_str(nc, "%s", info);
    if (fd >= 0) {
        net_stream_connected(s, fd);
    } else {
        /* Link reported down until a client connects. */
        nc->link_down = true;
        qemu_socket_set_nonblock(listen_fd);
        qemu_set_fd_handler(listen_fd, net_stream_accept, NULL, s);
    }
    return nc;
}

/* ---- -netdev stream ---------------------------------------------- */

const QemuOptDesc net_stream_desc[] = {
    { .name = "type", .type = QEMU_OPT_STRING },
    { .name = "id", .type = QEMU_OPT_STRING },
    { .name = "server", .type = QEMU_OPT_BOOL },
    { .name = "addr.type", .type = QEMU_OPT_STRING },
    { .name = "addr.host", .type = QEMU_OPT_STRING },
    { .name = "addr.port", .type = QEMU_OPT_STRING },
    { .name = "addr.path", .type = QEMU_OPT_STRING },
    { .name = "addr.str", .type = QEMU_OPT_STRING },
    { .name = "addr.abstract", .type = QEMU_OPT_BOOL },
    { .name = "addr.numeric", .type = QEMU_OPT_BOOL },
    { .name = "addr.ipv4", .type = QEMU_OPT_BOOL },
    { .name = "addr.ipv6", .type = QEMU_OPT_BOOL },
    { /* end */ }
};

int net_init_stream(QemuOpts *opts, const char *name,
                    NetClientState *peer, Error **errp)
{
    const char *type = qemu_opt_get(opts, "addr.type");
    bool server = qemu_opt_get_bool(opts, "server", false);
    g_autofree char *desc = NULL;
    int fd = -1, listen_fd = -1;

    if (!type) {
        error_setg(errp, "Parameter 'addr' is missing");
        return -1;
    }
    if (!strcmp(type, "inet")) {
        const char *host = qemu_opt_get(opts, "addr.host");
        const char *port = qemu_opt_get(opts, "addr.port");
        g_autofree char *hp = NULL;

        if (!host) {
            error_setg(errp, "Parameter 'addr.host' is missing");
            return -1;
        }
        if (!port) {
            error_setg(errp, "Parameter 'addr.port' is missing");
            return -1;
        }
        hp = g_strdup_printf(strchr(host, ':') ? "[%s]:%s" : "%s:%s",
                             host, port);
        if (server) {
            listen_fd = inet_listen(hp, 1, errp);
            desc = g_strdup_printf("listening on %s", hp);
        } else {
            fd = inet_connect(hp, errp);
            desc = g_strdup_printf("connected to %s", hp);
        }
    } else if (!strcmp(type, "unix")) {
        const char *path = qemu_opt_get(opts, "addr.path");

        if (!path) {
            error_setg(errp, "Parameter 'addr.path' is missing");
            return -1;
        }
        if (server) {
            listen_fd = unix_listen(path, errp);
            desc = g_strdup_printf("listening on %s", path);
        } else {
            fd = unix_connect(path, errp);
            desc = g_strdup_printf("connected to %s", path);
        }
    } else if (!strcmp(type, "fd")) {
        const char *str = qemu_opt_get(opts, "addr.str");
        int64_t v;

        if (!str) {
            error_setg(errp, "Parameter 'addr.str' is missing");
            return -1;
        }
        if (qemu_strtoi64(str, NULL, 10, &v) < 0 || v < 0 ||
            fcntl(v, F_GETFD) < 0) {
            error_setg(errp, "'%s' is not a valid file descriptor", str);
            return -1;
        }
        if (server) {
            listen_fd = v;
        } else {
            fd = v;
        }
        desc = g_strdup_printf("fd %s", str);
    } else {
        error_setg(errp, "Parameter 'addr.type' does not accept value '%s'",
                   type);
        return -1;
    }
    if (fd < 0 && listen_fd < 0) {
        return -1;
    }
    net_stream_conn_new(peer, NET_CLIENT_DRIVER_STREAM, "stream", name,
                        listen_fd, fd, desc);
    return 0;
}
