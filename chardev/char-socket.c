/*
 * "socket": unix or tcp stream socket, as client or server.
 *
 * A server listens and serves one client at a time; with wait=on the
 * open blocks until the first client arrives.  A client connects at
 * open, or with reconnect=N retries every N seconds in the background
 * after a failure or disconnect.  Everything after open runs on the
 * chardev's GMainContext and never blocks.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/option.h"
#include "chardev/char.h"
#include "chardev-internal.h"
#include <sys/socket.h>
#include <sys/un.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

typedef enum {
    TCP_CHARDEV_STATE_DISCONNECTED,
    TCP_CHARDEV_STATE_CONNECTED,
} TCPChardevState;

/* telnet protocol bytes */
#define IAC     255
#define DONT    254
#define DO      253
#define WONT    252
#define WILL    251
#define SB      250
#define IAC_BREAK 243
#define SE      240

typedef struct SocketChardev {
    Chardev parent;
    int listen_fd;
    int fd;
    TCPChardevState state;
    GSource *listen_source;
    GSource *read_source;
    GSource *reconnect_source;
    bool is_listen;
    bool is_unix;
    bool is_telnet;
    bool do_nodelay;
    bool ipv4, ipv6;
    int64_t reconnect_time;
    char *path;         /* unix */
    char *host, *port;  /* tcp */
    int telnet_state;   /* 0 data, 1 after IAC, 2 option byte, 3 in SB */
} SocketChardev;

#define SOCKET_CHARDEV(obj) \
    OBJECT_CHECK(SocketChardev, (obj), TYPE_CHARDEV_SOCKET)

static void tcp_chr_disconnect(Chardev *chr);
static bool tcp_chr_connect_client(Chardev *chr, Error **errp);

static char *sockaddr_string(const struct sockaddr_storage *ss);

static char *tcp_chr_address(SocketChardev *s)
{
    if (s->is_unix) {
        return g_strdup_printf("unix:%s%s", s->path ? s->path : "",
                               s->is_listen ? ",server=on" : "");
    }
    if (s->is_listen && s->listen_fd >= 0) {
        /* the address actually bound: 0.0.0.0 for "any", real port */
        struct sockaddr_storage ss = { 0 };
        socklen_t len = sizeof(ss);

        if (getsockname(s->listen_fd, (struct sockaddr *)&ss, &len) == 0) {
            g_autofree char *addr = sockaddr_string(&ss);

            return g_strdup_printf("%s:%s,server=on",
                                   s->is_telnet ? "telnet" : "tcp", addr);
        }
    }
    return g_strdup_printf("%s:%s:%s%s", s->is_telnet ? "telnet" : "tcp",
                           s->host ? s->host : "", s->port ? s->port : "",
                           s->is_listen ? ",server=on" : "");
}

static char *sockaddr_string(const struct sockaddr_storage *ss)
{
    char host[NI_MAXHOST], port[NI_MAXSERV];

    if (getnameinfo((const struct sockaddr *)ss, sizeof(*ss), host,
                    sizeof(host), port, sizeof(port),
                    NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
        return g_strdup("?");
    }
    return g_strdup_printf("%s:%s", host, port);
}

static void tcp_chr_update_filename(Chardev *chr)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);
    g_autofree char *addr = tcp_chr_address(s);

    g_free(chr->filename);
    if (s->state != TCP_CHARDEV_STATE_CONNECTED) {
        chr->filename = g_strdup_printf("disconnected:%s", addr);
    } else if (!s->is_unix) {
        struct sockaddr_storage local = { 0 }, peer = { 0 };
        socklen_t llen = sizeof(local), plen = sizeof(peer);
        g_autofree char *l = NULL, *p = NULL;

        getsockname(s->fd, (struct sockaddr *)&local, &llen);
        getpeername(s->fd, (struct sockaddr *)&peer, &plen);
        l = sockaddr_string(&local);
        p = sockaddr_string(&peer);
        chr->filename = g_strdup_printf("%s:%s%s <-> %s",
                                        s->is_telnet ? "telnet" : "tcp", l,
                                        s->is_listen ? ",server=on" : "", p);
    } else {
        chr->filename = g_strdup(addr);
    }
}

/* ---- data ---- */

static int tcp_chr_write(Chardev *chr, const uint8_t *buf, int len)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);
    ssize_t ret;

    if (s->state != TCP_CHARDEV_STATE_CONNECTED) {
        return len;     /* nobody connected: drop, as a cable would */
    }
    ret = send(s->fd, buf, len, MSG_NOSIGNAL);
    if (ret < 0 && errno != EAGAIN && errno != EINTR) {
        tcp_chr_disconnect(chr);
        return len;
    }
    return ret;
}

/* Strip telnet negotiation from @buf in place; returns the data size. */
static int tcp_chr_process_telnet(Chardev *chr, uint8_t *buf, int len)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);
    int i, j = 0;

    for (i = 0; i < len; i++) {
        uint8_t c = buf[i];

        switch (s->telnet_state) {
        case 0:
            if (c == IAC) {
                s->telnet_state = 1;
            } else {
                buf[j++] = c;
            }
            break;
        case 1:
            if (c == IAC) {
                buf[j++] = c;       /* escaped 0xff */
                s->telnet_state = 0;
            } else if (c >= WILL && c <= DONT) {
                s->telnet_state = 2;
            } else if (c == SB) {
                s->telnet_state = 3;
            } else {
                if (c == IAC_BREAK) {
                    qemu_chr_be_event(chr, CHR_EVENT_BREAK);
                }
                s->telnet_state = 0;
            }
            break;
        case 2:
            s->telnet_state = 0;    /* option code: ignored */
            break;
        case 3:
            if (c == IAC) {
                s->telnet_state = 4;
            }
            break;
        case 4:
            s->telnet_state = c == SE ? 0 : 3;
            break;
        }
    }
    return j;
}

static gboolean tcp_chr_read(void *unused, GIOCondition cond, void *opaque)
{
    Chardev *chr = opaque;
    SocketChardev *s = SOCKET_CHARDEV(chr);
    uint8_t buf[CHR_READ_BUF_LEN];
    int len = MIN(qemu_chr_be_can_write(chr), (int)sizeof(buf));
    ssize_t ret;

    if (len <= 0) {
        return G_SOURCE_CONTINUE;
    }
    ret = recv(s->fd, buf, len, 0);
    if (ret < 0 && (errno == EAGAIN || errno == EINTR)) {
        return G_SOURCE_CONTINUE;
    }
    if (ret <= 0) {
        /* the source is destroyed by the disconnect */
        tcp_chr_disconnect(chr);
        return G_SOURCE_REMOVE;
    }
    if (s->is_telnet) {
        ret = tcp_chr_process_telnet(chr, buf, ret);
    }
    if (ret > 0) {
        qemu_chr_be_write(chr, buf, ret);
    }
    return G_SOURCE_CONTINUE;
}

static int tcp_chr_sync_read(Chardev *chr, const uint8_t *buf, int len)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);
    ssize_t ret;

    if (s->state != TCP_CHARDEV_STATE_CONNECTED) {
        return 0;
    }
    chr_set_nonblock(s->fd, false);
    ret = recv(s->fd, (void *)buf, len, 0);
    chr_set_nonblock(s->fd, true);
    if (ret == 0) {
        tcp_chr_disconnect(chr);
    }
    return ret;
}

static void tcp_chr_update_read_handler(Chardev *chr)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);

    chr_remove_source(&s->read_source);
    if (s->state == TCP_CHARDEV_STATE_CONNECTED) {
        s->read_source = chr_fd_source_new(s->fd, G_IO_IN, chr);
        g_source_set_callback(s->read_source, (GSourceFunc)tcp_chr_read,
                              chr, NULL);
        g_source_attach(s->read_source, chr->gcontext);
    }
}

static GSource *tcp_chr_add_watch(Chardev *chr, GIOCondition cond)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);

    if (s->state != TCP_CHARDEV_STATE_CONNECTED) {
        return NULL;
    }
    return chr_fd_source_new(s->fd, cond, NULL);
}

/* ---- connection state ---- */

static gboolean tcp_chr_accept(void *unused, GIOCondition cond,
                               void *opaque);

static void tcp_chr_set_listen_watch(Chardev *chr, bool on)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);

    chr_remove_source(&s->listen_source);
    if (on && s->listen_fd >= 0) {
        s->listen_source = chr_fd_source_new(s->listen_fd, G_IO_IN, NULL);
        g_source_set_callback(s->listen_source, (GSourceFunc)tcp_chr_accept,
                              chr, NULL);
        g_source_attach(s->listen_source, chr->gcontext);
    }
}

static void tcp_chr_telnet_init(SocketChardev *s)
{
    /* we echo and don't wait for go-ahead; the peer is in char mode */
    static const uint8_t init[] = {
        IAC, WILL, 1,       /* ECHO */
        IAC, WILL, 3,       /* SUPPRESS GO AHEAD */
        IAC, DONT, 34,      /* LINEMODE */
    };

    if (send(s->fd, init, sizeof(init), MSG_NOSIGNAL) < 0) {
        /* a peer that went away already is noticed on the next read */
    }
}

static void tcp_chr_new_client(Chardev *chr, int fd)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);
    int one = 1;

    s->fd = fd;
    chr_set_nonblock(fd, true);
    chr_set_cloexec(fd);
    if (!s->is_unix && s->do_nodelay) {
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    }
    s->state = TCP_CHARDEV_STATE_CONNECTED;
    s->telnet_state = 0;
    if (s->is_telnet && s->is_listen) {
        tcp_chr_telnet_init(s);
    }
    tcp_chr_set_listen_watch(chr, false);
    tcp_chr_update_filename(chr);
    tcp_chr_update_read_handler(chr);
    qemu_chr_be_event(chr, CHR_EVENT_OPENED);
}

static gboolean tcp_chr_reconnect_timeout(gpointer opaque)
{
    Chardev *chr = opaque;
    SocketChardev *s = SOCKET_CHARDEV(chr);

    g_source_unref(s->reconnect_source);
    s->reconnect_source = NULL;
    if (!tcp_chr_connect_client(chr, NULL)) {
        /* try again later */
        s->reconnect_source = g_timeout_source_new_seconds(
            s->reconnect_time);
        g_source_set_callback(s->reconnect_source, tcp_chr_reconnect_timeout,
                              chr, NULL);
        g_source_attach(s->reconnect_source, chr->gcontext);
    }
    return G_SOURCE_REMOVE;
}

static void tcp_chr_schedule_reconnect(Chardev *chr)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);

    if (s->reconnect_source || s->reconnect_time <= 0) {
        return;
    }
    s->reconnect_source = g_timeout_source_new_seconds(s->reconnect_time);
    g_source_set_callback(s->reconnect_source, tcp_chr_reconnect_timeout,
                          chr, NULL);
    g_source_attach(s->reconnect_source, chr->gcontext);
}

static void tcp_chr_disconnect(Chardev *chr)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);

    if (s->state != TCP_CHARDEV_STATE_CONNECTED) {
        return;
    }
    chr_remove_source(&s->read_source);
    close(s->fd);
    s->fd = -1;
    s->state = TCP_CHARDEV_STATE_DISCONNECTED;
    tcp_chr_update_filename(chr);
    if (s->is_listen) {
        tcp_chr_set_listen_watch(chr, true);
    }
    qemu_chr_be_event(chr, CHR_EVENT_CLOSED);
    if (!s->is_listen) {
        tcp_chr_schedule_reconnect(chr);
    }
}

static gboolean tcp_chr_accept(void *unused, GIOCondition cond, void *opaque)
{
    Chardev *chr = opaque;
    SocketChardev *s = SOCKET_CHARDEV(chr);
    int fd;

    if (s->state == TCP_CHARDEV_STATE_CONNECTED) {
        return G_SOURCE_CONTINUE;
    }
    fd = accept(s->listen_fd, NULL, NULL);
    if (fd < 0) {
        return G_SOURCE_CONTINUE;   /* EAGAIN or client gone already */
    }
    /* the listen source is dropped while a client is connected */
    tcp_chr_new_client(chr, fd);
    return G_SOURCE_CONTINUE;
}

/* ---- addresses ---- */

static int unix_sockaddr(const char *path, struct sockaddr_un *un,
                         Error **errp)
{
    memset(un, 0, sizeof(*un));
    un->sun_family = AF_UNIX;
    if (strlen(path) >= sizeof(un->sun_path)) {
        error_setg(errp, "UNIX socket path '%s' is too long", path);
        return -1;
    }
    strcpy(un->sun_path, path);
    return 0;
}

static struct addrinfo *tcp_resolve(SocketChardev *s, bool passive,
                                    Error **errp)
{
    struct addrinfo hints = {
        .ai_socktype = SOCK_STREAM,
        .ai_flags = passive ? AI_PASSIVE : 0,
        .ai_family = s->ipv4 && !s->ipv6 ? AF_INET :
                     s->ipv6 && !s->ipv4 ? AF_INET6 : AF_UNSPEC,
    };
    struct addrinfo *res = NULL;
    const char *host = s->host && *s->host ? s->host : NULL;
    int rc;

    if (!host) {
        /* no host: any IPv4 address for a server, as QEMU does */
        host = passive ? (s->ipv6 ? "::" : "0.0.0.0") : "localhost";
    }
    rc = getaddrinfo(host, s->port, &hints, &res);
    if (rc != 0) {
        error_setg(errp, "address resolution failed for %s:%s: %s",
                   s->host ? s->host : "", s->port, gai_strerror(rc));
        return NULL;
    }
    return res;
}

static int tcp_chr_listen(SocketChardev *s, Error **errp)
{
    int fd = -1, one = 1;

    if (s->is_unix) {
        struct sockaddr_un un;

        if (unix_sockaddr(s->path, &un, errp) < 0) {
            return -1;
        }
        fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            error_setg_errno(errp, errno, "Failed to create Unix socket");
            return -1;
        }
        unlink(s->path);    /* a stale socket from an earlier run */
        if (bind(fd, (struct sockaddr *)&un, sizeof(un)) < 0) {
            error_setg_errno(errp, errno, "Failed to bind socket to %s",
                             s->path);
            close(fd);
            return -1;
        }
    } else {
        struct addrinfo *res, *e;
        int err = 0;

        res = tcp_resolve(s, true, errp);
        if (!res) {
            return -1;
        }
        for (e = res; e; e = e->ai_next) {
            fd = socket(e->ai_family, e->ai_socktype | SOCK_CLOEXEC,
                        e->ai_protocol);
            if (fd < 0) {
                err = errno;
                continue;
            }
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
            if (bind(fd, e->ai_addr, e->ai_addrlen) == 0) {
                break;
            }
            err = errno;
            close(fd);
            fd = -1;
        }
        freeaddrinfo(res);
        if (fd < 0) {
            error_setg_errno(errp, err, "Failed to bind socket");
            return -1;
        }
    }
    if (listen(fd, 1) < 0) {
        error_setg_errno(errp, errno, "Failed to listen on socket");
        close(fd);
        return -1;
    }
    return fd;
}

/* Blocking connect; returns the fd or -1 with errno set. */
static int tcp_chr_connect_fd(SocketChardev *s, Error **errp)
{
    int fd = -1, err = 0;

    if (s->is_unix) {
        struct sockaddr_un un;

        if (unix_sockaddr(s->path, &un, errp) < 0) {
            return -1;
        }
        fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd >= 0 && connect(fd, (struct sockaddr *)&un, sizeof(un)) < 0) {
            err = errno;
            close(fd);
            fd = -1;
        } else if (fd < 0) {
            err = errno;
        }
        if (fd < 0) {
            error_setg_errno(errp, err, "Failed to connect to '%s'",
                             s->path);
        }
        return fd;
    } else {
        struct addrinfo *res, *e;

        res = tcp_resolve(s, false, errp);
        if (!res) {
            return -1;
        }
        for (e = res; e; e = e->ai_next) {
            fd = socket(e->ai_family, e->ai_socktype | SOCK_CLOEXEC,
                        e->ai_protocol);
            if (fd < 0) {
                err = errno;
                continue;
            }
            if (connect(fd, e->ai_addr, e->ai_addrlen) == 0) {
                break;
            }
            err = errno;
            close(fd);
            fd = -1;
        }
        freeaddrinfo(res);
        if (fd < 0) {
            error_setg_errno(errp, err, "Failed to connect to '%s:%s'",
                             s->host ? s->host : "", s->port);
        }
        return fd;
    }
}

static bool tcp_chr_connect_client(Chardev *chr, Error **errp)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);
    int fd = tcp_chr_connect_fd(s, errp);

    if (fd < 0) {
        return false;
    }
    tcp_chr_new_client(chr, fd);
    return true;
}

static int tcp_chr_wait_connected(Chardev *chr, Error **errp)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);

    while (s->state != TCP_CHARDEV_STATE_CONNECTED) {
        if (s->is_listen) {
            int fd;

            info_report("QEMU waiting for connection on: %s",
                        chr->filename);
            chr_set_nonblock(s->listen_fd, false);
            fd = accept(s->listen_fd, NULL, NULL);
            chr_set_nonblock(s->listen_fd, true);
            if (fd < 0) {
                if (errno == EINTR) {
                    continue;
                }
                error_setg_errno(errp, errno, "Failed to accept connection");
                return -1;
            }
            tcp_chr_new_client(chr, fd);
        } else if (!tcp_chr_connect_client(chr, errp)) {
            return -1;
        }
    }
    return 0;
}

/* ---- parse / open ---- */

static void qemu_chr_parse_socket(QemuOpts *opts, ChardevBackend *backend,
                                  Error **errp)
{
    const char *path = qemu_opt_get(opts, "path");
    const char *host = qemu_opt_get(opts, "host");
    const char *port = qemu_opt_get(opts, "port");
    const char *fd = qemu_opt_get(opts, "fd");

    backend->server = qemu_opt_get_bool(opts, "server", false);
    backend->wait = qemu_opt_get_bool(opts, "wait", true);
    backend->telnet = qemu_opt_get_bool(opts, "telnet", false);
    backend->nodelay = !qemu_opt_get_bool(opts, "delay", true) ||
                       qemu_opt_get_bool(opts, "nodelay", false);
    backend->ipv4 = qemu_opt_get_bool(opts, "ipv4", false);
    backend->ipv6 = qemu_opt_get_bool(opts, "ipv6", false);
    backend->has_reconnect = qemu_opt_find(opts, "reconnect") != NULL;
    backend->reconnect = qemu_opt_get_number(opts, "reconnect", 0);

    if (qemu_opt_get_bool(opts, "websocket", false) ||
        qemu_opt_get(opts, "tls-creds")) {
        error_setg(errp, "chardev: socket: tls and websocket are not "
                   "supported");
        return;
    }
    if (path) {
        if (host || port || fd) {
            error_setg(errp, "chardev: socket: 'path' cannot be combined "
                       "with 'host', 'port' or 'fd'");
            return;
        }
        backend->is_unix = true;
        backend->path = g_strdup(path);
    } else if (host) {
        if (!port) {
            error_setg(errp, "chardev: socket: no port given");
            return;
        }
        backend->host = g_strdup(host);
        backend->port = g_strdup(port);
    } else if (port) {
        backend->host = g_strdup("");
        backend->port = g_strdup(port);
    } else {
        char *end = NULL;

        if (!fd || strtol(fd, &end, 10) < 0 || *end || end == fd) {
            error_setg(errp, "Unable to parse FD number %s", fd ? fd : "");
            return;
        }
        backend->fd = g_strdup(fd);
    }
    if (backend->server && backend->has_reconnect) {
        error_setg(errp, "'reconnect' option is incompatible with "
                   "'server' option");
        return;
    }
}

static bool tcp_chr_open_fd(Chardev *chr, ChardevBackend *backend,
                            Error **errp)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);
    int fd = atoi(backend->fd);
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    int listening = 0;
    socklen_t optlen = sizeof(listening);

    if (getsockname(fd, (struct sockaddr *)&ss, &len) < 0) {
        error_setg_errno(errp, errno, "File descriptor '%d' is not a socket",
                         fd);
        return false;
    }
    s->is_unix = ss.ss_family == AF_UNIX;
    if (s->is_unix) {
        s->path = g_strdup(((struct sockaddr_un *)&ss)->sun_path);
    } else {
        g_autofree char *addr = sockaddr_string(&ss);
        char *colon = strrchr(addr, ':');

        s->host = g_strndup(addr, colon - addr);
        s->port = g_strdup(colon + 1);
    }
    getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &optlen);
    if (listening) {
        s->is_listen = true;
        s->listen_fd = fd;
        chr_set_nonblock(fd, true);
    } else {
        tcp_chr_new_client(chr, fd);
    }
    return true;
}

static void qmp_chardev_open_socket(Chardev *chr, ChardevBackend *backend,
                                    bool *be_opened, Error **errp)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);

    s->is_listen = backend->server;
    s->is_telnet = backend->telnet;
    s->do_nodelay = backend->nodelay;
    s->ipv4 = backend->ipv4;
    s->ipv6 = backend->ipv6;
    s->reconnect_time = backend->reconnect;
    s->is_unix = backend->is_unix;
    s->path = g_strdup(backend->path);
    s->host = g_strdup(backend->host);
    s->port = g_strdup(backend->port);
    if (s->reconnect_time > 0) {
        qemu_chr_set_feature(chr, QEMU_CHAR_FEATURE_RECONNECTABLE);
    }
    if (s->is_unix) {
        qemu_chr_set_feature(chr, QEMU_CHAR_FEATURE_FD_PASS);
    }

    /* OPENED is sent when a connection is made, not at open */
    *be_opened = false;

    if (backend->fd) {
        if (!tcp_chr_open_fd(chr, backend, errp)) {
            return;
        }
    } else if (s->is_listen) {
        s->listen_fd = tcp_chr_listen(s, errp);
        if (s->listen_fd < 0) {
            return;
        }
        chr_set_nonblock(s->listen_fd, true);
    }
    tcp_chr_update_filename(chr);

    if (s->is_listen) {
        if (backend->wait && !backend->fd &&
            tcp_chr_wait_connected(chr, errp) < 0) {
            return;
        }
        if (s->state != TCP_CHARDEV_STATE_CONNECTED) {
            tcp_chr_set_listen_watch(chr, true);
        }
    } else if (!backend->fd) {
        if (s->reconnect_time > 0) {
            /* first attempt in the background, like later ones */
            if (!tcp_chr_connect_client(chr, NULL)) {
                tcp_chr_schedule_reconnect(chr);
            }
        } else {
            tcp_chr_connect_client(chr, errp);
        }
    }
}

static void tcp_chr_disconnect_cb(Chardev *chr)
{
    tcp_chr_disconnect(chr);
}

static void char_socket_init(Object *obj)
{
    SocketChardev *s = SOCKET_CHARDEV(obj);

    s->listen_fd = -1;
    s->fd = -1;
}

static void char_socket_finalize(Object *obj)
{
    SocketChardev *s = SOCKET_CHARDEV(obj);

    chr_remove_source(&s->read_source);
    chr_remove_source(&s->listen_source);
    chr_remove_source(&s->reconnect_source);
    if (s->fd >= 0) {
        close(s->fd);
    }
    if (s->listen_fd >= 0) {
        close(s->listen_fd);
        if (s->is_unix && s->path) {
            unlink(s->path);
        }
    }
    g_free(s->path);
    g_free(s->host);
    g_free(s->port);
}

static void char_socket_class_init(ObjectClass *oc, void *data)
{
    ChardevClass *cc = CHARDEV_CLASS(oc);

    cc->parse = qemu_chr_parse_socket;
    cc->open = qmp_chardev_open_socket;
    cc->chr_write = tcp_chr_write;
    cc->chr_sync_read = tcp_chr_sync_read;
    cc->chr_update_read_handler = tcp_chr_update_read_handler;
    cc->chr_add_watch = tcp_chr_add_watch;
    cc->chr_disconnect = tcp_chr_disconnect_cb;
    cc->chr_wait_connected = tcp_chr_wait_connected;
}

static const TypeInfo char_socket_type_info = {
    .name = TYPE_CHARDEV_SOCKET,
    .parent = TYPE_CHARDEV,
    .instance_size = sizeof(SocketChardev),
    .instance_init = char_socket_init,
    .instance_finalize = char_socket_finalize,
    .class_init = char_socket_class_init,
};

static void register_types(void)
{
    type_register_static(&char_socket_type_info);
}

type_init(register_types);
