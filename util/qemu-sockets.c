/*
 * Socket helpers: unix and TCP listen/connect, fd flags, fd passing.
 */
#include "qemu/osdep.h"
#include <netdb.h>
#include <netinet/tcp.h>
#include "qapi/error.h"
#include "qemu/cutils.h"
#include "qemu/sockets.h"

void qemu_set_cloexec(int fd)
{
    int f = fcntl(fd, F_GETFD);

    assert(f != -1);
    fcntl(fd, F_SETFD, f | FD_CLOEXEC);
}

int qemu_socket(int domain, int type, int protocol)
{
    return socket(domain, type | SOCK_CLOEXEC, protocol);
}

int qemu_socketpair(int domain, int type, int protocol, int sv[2])
{
    return socketpair(domain, type | SOCK_CLOEXEC, protocol, sv);
}

int qemu_accept(int s, struct sockaddr *addr, socklen_t *addrlen)
{
    int ret;

    do {
        ret = accept4(s, addr, addrlen, SOCK_CLOEXEC);
    } while (ret < 0 && errno == EINTR);
    return ret;
}

int socket_set_cork(int fd, int v)
{
    return setsockopt(fd, IPPROTO_TCP, TCP_CORK, &v, sizeof(v));
}

int socket_set_nodelay(int fd)
{
    int v = 1;

    return setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &v, sizeof(v));
}

void qemu_socket_set_block(int fd)
{
    int f = fcntl(fd, F_GETFL);

    if (f != -1) {
        fcntl(fd, F_SETFL, f & ~O_NONBLOCK);
    }
}

void qemu_socket_set_nonblock(int fd)
{
    int f = fcntl(fd, F_GETFL);

    if (f != -1) {
        fcntl(fd, F_SETFL, f | O_NONBLOCK);
    }
}

void qemu_set_block(int fd)
{
    qemu_socket_set_block(fd);
}

void qemu_set_nonblock(int fd)
{
    qemu_socket_set_nonblock(fd);
}

int socket_set_fast_reuse(int fd)
{
    int v = 1;

    return setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v));
}

static bool fill_unix_addr(struct sockaddr_un *un, const char *path,
                           Error **errp)
{
    memset(un, 0, sizeof(*un));
    un->sun_family = AF_UNIX;
    if (strlen(path) >= sizeof(un->sun_path)) {
        error_setg(errp, "UNIX socket path '%s' is too long", path);
        error_append_hint(errp, "Path must be less than %zu bytes\n",
                          sizeof(un->sun_path));
        return false;
    }
    strcpy(un->sun_path, path);
    return true;
}

int unix_listen(const char *path, Error **errp)
{
    struct sockaddr_un un;
    int sock;

    if (!fill_unix_addr(&un, path, errp)) {
        return -1;
    }
    sock = qemu_socket(PF_UNIX, SOCK_STREAM, 0);
    if (sock < 0) {
        error_setg_errno(errp, errno, "Failed to create Unix socket");
        return -1;
    }
    /* A stale socket file from an earlier run would make bind fail. */
    if (unlink(path) < 0 && errno != ENOENT) {
        error_setg_errno(errp, errno, "Failed to unlink socket %s", path);
        goto err;
    }
    if (bind(sock, (struct sockaddr *)&un, sizeof(un)) < 0) {
        error_setg_errno(errp, errno, "Failed to bind socket to %s", path);
        goto err;
    }
    if (listen(sock, 1) < 0) {
        error_setg_errno(errp, errno, "Failed to listen on socket");
        goto err;
    }
    return sock;

err:
    close(sock);
    return -1;
}

int unix_connect(const char *path, Error **errp)
{
    struct sockaddr_un un;
    int sock, rc;

    if (!fill_unix_addr(&un, path, errp)) {
        return -1;
    }
    sock = qemu_socket(PF_UNIX, SOCK_STREAM, 0);
    if (sock < 0) {
        error_setg_errno(errp, errno, "Failed to create socket");
        return -1;
    }
    do {
        rc = connect(sock, (struct sockaddr *)&un, sizeof(un));
    } while (rc < 0 && errno == EINTR);
    if (rc < 0) {
        error_setg_errno(errp, errno, "Failed to connect to '%s'", path);
        close(sock);
        return -1;
    }
    return sock;
}

bool inet_parse_host_port(const char *str, char **host, char **port,
                          Error **errp)
{
    const char *colon;

    if (str[0] == '[') {
        const char *end = strchr(str, ']');

        if (!end || end[1] != ':') {
            error_setg(errp, "error parsing IPv6 address '%s'", str);
            return false;
        }
        *host = g_strndup(str + 1, end - str - 1);
        colon = end + 1;
    } else {
        colon = strrchr(str, ':');
        if (!colon) {
            error_setg(errp, "error parsing address '%s'", str);
            return false;
        }
        *host = g_strndup(str, colon - str);
    }
    if (!colon[1]) {
        error_setg(errp, "error parsing address '%s'", str);
        g_free(*host);
        return false;
    }
    *port = g_strdup(colon + 1);
    return true;
}

static struct addrinfo *inet_resolve(const char *str, bool passive,
                                     Error **errp)
{
    struct addrinfo hints = {
        .ai_family = PF_UNSPEC,
        .ai_socktype = SOCK_STREAM,
        .ai_flags = passive ? AI_PASSIVE : 0,
    };
    struct addrinfo *res = NULL;
    g_autofree char *host = NULL;
    g_autofree char *port = NULL;
    int rc;

    if (!inet_parse_host_port(str, &host, &port, errp)) {
        return NULL;
    }
    rc = getaddrinfo(host[0] ? host : NULL, port, &hints, &res);
    if (rc != 0) {
        error_setg(errp, "address resolution failed for %s:%s: %s",
                   host, port, gai_strerror(rc));
        return NULL;
    }
    return res;
}

int inet_listen(const char *str, int num, Error **errp)
{
    struct addrinfo *res = inet_resolve(str, true, errp);
    struct addrinfo *e;
    int saved_errno = 0;
    int sock = -1;

    if (!res) {
        return -1;
    }
    for (e = res; e; e = e->ai_next) {
        sock = qemu_socket(e->ai_family, e->ai_socktype, e->ai_protocol);
        if (sock < 0) {
            saved_errno = errno;
            continue;
        }
        socket_set_fast_reuse(sock);
        if (e->ai_family == PF_INET6) {
            /* Accept IPv4 too on a wildcard IPv6 socket. */
            int v6only = 0;

            setsockopt(sock, IPPROTO_IPV6, IPV6_V6ONLY, &v6only,
                       sizeof(v6only));
        }
        if (bind(sock, e->ai_addr, e->ai_addrlen) == 0 &&
            listen(sock, num > 0 ? num : 1) == 0) {
            break;
        }
        saved_errno = errno;
        close(sock);
        sock = -1;
    }
    freeaddrinfo(res);
    if (sock < 0) {
        error_setg_errno(errp, saved_errno, "Failed to bind socket");
    }
    return sock;
}

int inet_connect(const char *str, Error **errp)
{
    struct addrinfo *res = inet_resolve(str, false, errp);
    struct addrinfo *e;
    int saved_errno = 0;
    int sock = -1;

    if (!res) {
        return -1;
    }
    for (e = res; e; e = e->ai_next) {
        int rc;

        sock = qemu_socket(e->ai_family, e->ai_socktype, e->ai_protocol);
        if (sock < 0) {
            saved_errno = errno;
            continue;
        }
        do {
            rc = connect(sock, e->ai_addr, e->ai_addrlen);
        } while (rc < 0 && errno == EINTR);
        if (rc == 0) {
            break;
        }
        saved_errno = errno;
        close(sock);
        sock = -1;
    }
    freeaddrinfo(res);
    if (sock < 0) {
        error_setg_errno(errp, saved_errno, "Failed to connect to '%s'", str);
    }
    return sock;
}

int socket_get_local_port(int fd)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);

    if (getsockname(fd, (struct sockaddr *)&ss, &len) < 0) {
        return -1;
    }
    if (ss.ss_family == AF_INET) {
        return ntohs(((struct sockaddr_in *)&ss)->sin_port);
    }
    if (ss.ss_family == AF_INET6) {
        return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
    }
    return -1;
}

int send_all(int fd, const void *buf, int len1)
{
    const uint8_t *p = buf;
    int len = len1;

    while (len > 0) {
        ssize_t ret = write(fd, p, len);

        if (ret < 0) {
            if (errno != EINTR && errno != EAGAIN) {
                return -1;
            }
            if (errno == EAGAIN) {
                /* Non-blocking fd: wait until writable. */
                GPollFD pfd = { .fd = fd, .events = G_IO_OUT };
                g_poll(&pfd, 1, -1);
            }
            continue;
        }
        p += ret;
        len -= ret;
    }
    return len1 - len;
}

int recv_all(int fd, void *buf, int len1, bool single_read)
{
    uint8_t *p = buf;
    int len = len1;

    while (len > 0) {
        ssize_t ret = read(fd, p, len);

        if (ret < 0) {
            if (errno != EINTR && errno != EAGAIN) {
                return -1;
            }
            if (errno == EAGAIN) {
                GPollFD pfd = { .fd = fd, .events = G_IO_IN };
                g_poll(&pfd, 1, -1);
            }
            continue;
        }
        if (ret == 0) {
            break;
        }
        p += ret;
        len -= ret;
        if (single_read) {
            break;
        }
    }
    return len1 - len;
}

ssize_t qemu_write_full(int fd, const void *buf, size_t count)
{
    ssize_t total = 0;

    while (count) {
        ssize_t ret = write(fd, buf, count);

        if (ret < 0) {
            if (errno == EINTR) {
                continue;
            }
            break;
        }
        count -= ret;
        buf = (const char *)buf + ret;
        total += ret;
    }
    return total;
}

ssize_t qemu_send_with_fds(int sockfd, const void *buf, size_t len,
                           const int *fds, size_t nfds)
{
    struct iovec iov = { .iov_base = (void *)buf, .iov_len = len };
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
    g_autofree char *control = NULL;
    ssize_t ret;

    if (nfds) {
        size_t fdsize = nfds * sizeof(int);
        struct cmsghdr *cmsg;

        control = g_malloc0(CMSG_SPACE(fdsize));
        msg.msg_control = control;
        msg.msg_controllen = CMSG_SPACE(fdsize);
        cmsg = CMSG_FIRSTHDR(&msg);
        cmsg->cmsg_len = CMSG_LEN(fdsize);
        cmsg->cmsg_level = SOL_SOCKET;
        cmsg->cmsg_type = SCM_RIGHTS;
        memcpy(CMSG_DATA(cmsg), fds, fdsize);
    }
    do {
        ret = sendmsg(sockfd, &msg, 0);
    } while (ret < 0 && errno == EINTR);
    return ret;
}

ssize_t qemu_recv_with_fds(int sockfd, void *buf, size_t len,
                           int *fds, size_t *nfds)
{
    struct iovec iov = { .iov_base = buf, .iov_len = len };
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
    /* Room for a generous number of descriptors in one message. */
    char control[CMSG_SPACE(sizeof(int) * 16)];
    struct cmsghdr *cmsg;
    size_t max = *nfds, got = 0;
    ssize_t ret;

    msg.msg_control = control;
    msg.msg_controllen = sizeof(control);
    do {
        ret = recvmsg(sockfd, &msg, MSG_CMSG_CLOEXEC);
    } while (ret < 0 && errno == EINTR);
    if (ret < 0) {
        *nfds = 0;
        return ret;
    }
    for (cmsg = CMSG_FIRSTHDR(&msg); cmsg; cmsg = CMSG_NXTHDR(&msg, cmsg)) {
        size_t n, i;
        int *data;

        if (cmsg->cmsg_level != SOL_SOCKET || cmsg->cmsg_type != SCM_RIGHTS) {
            continue;
        }
        n = (cmsg->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        data = (int *)CMSG_DATA(cmsg);
        for (i = 0; i < n; i++) {
            if (got < max) {
                fds[got++] = data[i];
            } else {
                /* No room: don't leak descriptors we cannot return. */
                close(data[i]);
            }
        }
    }
    *nfds = got;
    return ret;
}
