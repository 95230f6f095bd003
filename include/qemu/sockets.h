/*
 * Socket helpers for character devices, the monitor and QMP.
 * All functions that create sockets return an fd with FD_CLOEXEC set,
 * or -1 with @errp set.
 */
#ifndef QEMU_SOCKETS_H
#define QEMU_SOCKETS_H

#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>

int qemu_socket(int domain, int type, int protocol);
int qemu_accept(int s, struct sockaddr *addr, socklen_t *addrlen);
void qemu_set_cloexec(int fd);
int qemu_socketpair(int domain, int type, int protocol, int sv[2]);

int socket_set_cork(int fd, int v);
int socket_set_nodelay(int fd);
void qemu_socket_set_block(int fd);
void qemu_socket_set_nonblock(int fd);
/* Older names of the above. */
void qemu_set_block(int fd);
void qemu_set_nonblock(int fd);
#define socket_set_nonblock(fd) qemu_socket_set_nonblock(fd)
#define socket_set_block(fd) qemu_socket_set_block(fd)
int socket_set_fast_reuse(int fd);

/* AF_UNIX stream sockets on a filesystem path. */
int unix_listen(const char *path, Error **errp);
int unix_connect(const char *path, Error **errp);

/*
 * TCP on "host:port" (host may be empty for all addresses, or an IPv6
 * literal in brackets; port may be 0 to pick a free one when
 * listening).  @num is the listen backlog.
 */
int inet_listen(const char *str, int num, Error **errp);
int inet_connect(const char *str, Error **errp);
/* Split "host:port" into newly allocated strings. */
bool inet_parse_host_port(const char *str, char **host, char **port,
                          Error **errp);
/* Local port of a bound socket, -1 on error. */
int socket_get_local_port(int fd);

/* Write/read exactly @len bytes (retrying on EINTR/short transfers). */
int send_all(int fd, const void *buf, int len1);
/* With @single_read, return after the first successful read. */
int recv_all(int fd, void *buf, int len1, bool single_read);
ssize_t qemu_write_full(int fd, const void *buf, size_t count);

/*
 * SCM_RIGHTS fd passing.  qemu_send_with_fds sends @len bytes of @buf
 * with @nfds descriptors attached; qemu_recv_with_fds reads up to
 * @len bytes and stores up to *@nfds received descriptors in @fds
 * (updating *@nfds; received fds get FD_CLOEXEC).  Both return the
 * byte count or -1 with errno set.
 */
ssize_t qemu_send_with_fds(int sockfd, const void *buf, size_t len,
                           const int *fds, size_t nfds);
ssize_t qemu_recv_with_fds(int sockfd, void *buf, size_t len,
                           int *fds, size_t *nfds);

#endif
