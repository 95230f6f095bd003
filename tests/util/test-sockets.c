/*
 * Socket helpers: unix and TCP sockets, send/recv_all, fd passing.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/sockets.h"

static void test_unix(void)
{
    g_autofree char *dir = g_dir_make_tmp("sock-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "s", NULL);
    Error *err = NULL;
    int lfd, cfd, afd;
    char buf[6] = "";

    g_assert_cmpint(unix_connect(path, &err), ==, -1);
    g_assert_nonnull(strstr(error_get_pretty(err), "Failed to connect to"));
    error_free(err);
    err = NULL;

    lfd = unix_listen(path, &error_abort);
    g_assert_cmpint(fcntl(lfd, F_GETFD) & FD_CLOEXEC, ==, FD_CLOEXEC);
    cfd = unix_connect(path, &error_abort);
    afd = qemu_accept(lfd, NULL, NULL);
    g_assert_cmpint(afd, >=, 0);
    g_assert_cmpint(send_all(cfd, "hello", 5), ==, 5);
    g_assert_cmpint(recv_all(afd, buf, 5, false), ==, 5);
    g_assert_cmpstr(buf, ==, "hello");
    close(cfd);
    /* EOF: recv_all returns what it got (nothing). */
    g_assert_cmpint(recv_all(afd, buf, 5, false), ==, 0);
    close(afd);
    close(lfd);

    /* Listening again replaces the stale socket file. */
    lfd = unix_listen(path, &error_abort);
    close(lfd);
    unlink(path);
    rmdir(dir);

    g_assert_cmpint(unix_listen("/nonexistent-dir/x/y", &err), ==, -1);
    error_free_or_abort(&err);
}

static void test_inet(void)
{
    Error *err = NULL;
    g_autofree char *addr = NULL;
    char *host, *port;
    int lfd, cfd, afd, p;
    char c = 0;

    lfd = inet_listen("127.0.0.1:0", 1, &error_abort);
    p = socket_get_local_port(lfd);
    g_assert_cmpint(p, >, 0);
    addr = g_strdup_printf("127.0.0.1:%d", p);
    cfd = inet_connect(addr, &error_abort);
    afd = qemu_accept(lfd, NULL, NULL);
    g_assert_cmpint(afd, >=, 0);
    socket_set_nodelay(cfd);
    g_assert_cmpint(send_all(afd, "z", 1), ==, 1);
    g_assert_cmpint(recv_all(cfd, &c, 1, true), ==, 1);
    g_assert_cmpint(c, ==, 'z');
    close(afd);
    close(cfd);
    close(lfd);

    g_assert_true(inet_parse_host_port("[::1]:4444", &host, &port, &error_abort));
    g_assert_cmpstr(host, ==, "::1");
    g_assert_cmpstr(port, ==, "4444");
    g_free(host);
    g_free(port);
    g_assert_true(inet_parse_host_port(":5555", &host, &port, &error_abort));
    g_assert_cmpstr(host, ==, "");
    g_free(host);
    g_free(port);
    g_assert_false(inet_parse_host_port("nocolon", &host, &port, &err));
    error_free_or_abort(&err);
    g_assert_cmpint(inet_connect("nocolon", &err), ==, -1);
    error_free_or_abort(&err);
}

static void test_fd_passing(void)
{
    int sv[2], pfd[2];
    int fds[2] = { -1, -1 };
    size_t nfds = 2;
    char buf[4] = "";
    char c = 0;

    g_assert_cmpint(qemu_socketpair(AF_UNIX, SOCK_STREAM, 0, sv), ==, 0);
    g_assert_cmpint(pipe(pfd), ==, 0);
    g_assert_cmpint(qemu_send_with_fds(sv[0], "fd!", 3, &pfd[1], 1), ==, 3);
    g_assert_cmpint(qemu_recv_with_fds(sv[1], buf, 3, fds, &nfds), ==, 3);
    g_assert_cmpstr(buf, ==, "fd!");
    g_assert_cmpuint(nfds, ==, 1);
    g_assert_cmpint(fds[0], >=, 0);
    g_assert_cmpint(fds[0], !=, pfd[1]);
    g_assert_cmpint(fcntl(fds[0], F_GETFD) & FD_CLOEXEC, ==, FD_CLOEXEC);
    /* The received descriptor is the pipe's write end. */
    g_assert_cmpint(write(fds[0], "q", 1), ==, 1);
    g_assert_cmpint(read(pfd[0], &c, 1), ==, 1);
    g_assert_cmpint(c, ==, 'q');

    /* No fds attached: none reported. */
    nfds = 2;
    g_assert_cmpint(qemu_send_with_fds(sv[0], "x", 1, NULL, 0), ==, 1);
    g_assert_cmpint(qemu_recv_with_fds(sv[1], buf, 1, fds, &nfds), ==, 1);
    g_assert_cmpuint(nfds, ==, 0);

    close(fds[0]);
    close(pfd[0]);
    close(pfd[1]);
    close(sv[0]);
    close(sv[1]);
}

static void test_nonblock(void)
{
    int sv[2];

    g_assert_cmpint(qemu_socketpair(AF_UNIX, SOCK_STREAM, 0, sv), ==, 0);
    qemu_socket_set_nonblock(sv[0]);
    g_assert_cmpint(fcntl(sv[0], F_GETFL) & O_NONBLOCK, ==, O_NONBLOCK);
    qemu_socket_set_block(sv[0]);
    g_assert_cmpint(fcntl(sv[0], F_GETFL) & O_NONBLOCK, ==, 0);
    close(sv[0]);
    close(sv[1]);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/sockets/unix", test_unix);
    g_test_add_func("/sockets/inet", test_inet);
    g_test_add_func("/sockets/fd-passing", test_fd_passing);
    g_test_add_func("/sockets/nonblock", test_nonblock);
    return g_test_run();
}
