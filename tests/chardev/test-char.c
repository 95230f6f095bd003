/*
 * Chardev back ends, front end API, mux escapes and legacy strings.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/module.h"
#include "qemu/option.h"
#include "chardev/char.h"
#include "chardev/char-fe.h"
#include "qapi/qmp/qdict.h"
#include "qapi/qmp/qjson.h"
#include "qemu/qemu-print.h"
#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <poll.h>
#include <termios.h>
#include <sys/wait.h>

/* A front end that records what it receives. */
typedef struct FeHandler {
    GString *data;
    int room;               /* what can_read reports */
    int opened, closed, brk, mux_in, mux_out;
    GArray *events;
} FeHandler;

static int fe_can_read(void *opaque)
{
    FeHandler *h = opaque;

    return h->room;
}

static void fe_read(void *opaque, const uint8_t *buf, int size)
{
    FeHandler *h = opaque;

    g_assert_cmpint(size, <=, h->room);
    g_string_append_len(h->data, (const char *)buf, size);
}

static void fe_event(void *opaque, QEMUChrEvent event)
{
    FeHandler *h = opaque;

    g_array_append_val(h->events, event);
    switch (event) {
    case CHR_EVENT_OPENED:
        h->opened++;
        break;
    case CHR_EVENT_CLOSED:
        h->closed++;
        break;
    case CHR_EVENT_BREAK:
        h->brk++;
        break;
    case CHR_EVENT_MUX_IN:
        h->mux_in++;
        break;
    case CHR_EVENT_MUX_OUT:
        h->mux_out++;
        break;
    }
}

static void fe_handler_init(FeHandler *h)
{
    memset(h, 0, sizeof(*h));
    h->data = g_string_new("");
    h->room = 4096;
    h->events = g_array_new(false, false, sizeof(QEMUChrEvent));
}

static void fe_handler_free(FeHandler *h)
{
    g_string_free(h->data, true);
    g_array_free(h->events, true);
}

static void fe_attach(CharBackend *be, Chardev *chr, FeHandler *h)
{
    g_assert_true(qemu_chr_fe_init(be, chr, &error_abort));
    qemu_chr_fe_set_handlers(be, fe_can_read, fe_read, fe_event, NULL, h,
                             NULL, true);
}

/* Run the default main context until @cond holds (bounded). */
#define WAIT_FOR(cond) do {                                         \
    gint64 deadline_ = g_get_monotonic_time() + 10 * G_USEC_PER_SEC; \
    while (!(cond) && g_get_monotonic_time() < deadline_) {         \
        g_main_context_iteration(NULL, false);                      \
        g_usleep(1000);                                             \
    }                                                               \
    g_assert_true(cond);                                            \
} while (0)

/* Compare with a printf-built expectation (freed afterwards). */
static void assert_str_fmt(const char *got, const char *fmt, ...)
    G_GNUC_PRINTF(2, 3);

static void assert_str_fmt(const char *got, const char *fmt, ...)
{
    g_autofree char *want = NULL;
    va_list ap;

    va_start(ap, fmt);
    want = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_assert_cmpstr(got, ==, want);
}

static Chardev *chr_from_opts(const char *str, Error **errp)
{
    QemuOpts *opts = qemu_opts_parse(&qemu_chardev_opts, str, true,
                                     &error_abort);
    Chardev *chr = qemu_chr_new_from_opts(opts, NULL, errp);

    qemu_opts_del(opts);
    return chr;
}

static char *dir;

static void tmp_dir_cleanup(void)
{
    GDir *d;
    const char *name;

    if (!dir || !(d = g_dir_open(dir, 0, NULL))) {
        return;
    }
    while ((name = g_dir_read_name(d))) {
        g_autofree char *p = g_build_filename(dir, name, NULL);

        unlink(p);
    }
    g_dir_close(d);
    rmdir(dir);
}

static char *tmp_path(const char *name)
{
    if (!dir) {
        dir = g_dir_make_tmp("test-char-XXXXXX", NULL);
        g_assert_nonnull(dir);
    }
    return g_build_filename(dir, name, NULL);
}

/* ---- null ---- */

static void test_null(void)
{
    Chardev *chr = qemu_chr_new("null0", "null", NULL);
    CharBackend be = { 0 };
    FeHandler h;

    g_assert_nonnull(chr);
    g_assert_true(qemu_chr_find("null0") == chr);
    fe_handler_init(&h);
    fe_attach(&be, chr, &h);
    g_assert_cmpint(qemu_chr_fe_write_all(&be, (uint8_t *)"abc", 3), ==, 3);
    /* nothing ever connects to null */
    g_assert_cmpint(h.opened, ==, 0);
    g_assert_false(qemu_chr_fe_backend_open(&be));
    g_assert_true(qemu_chr_fe_backend_connected(&be));
    qemu_chr_fe_deinit(&be, true);
    g_assert_null(qemu_chr_find("null0"));
    fe_handler_free(&h);
}

static void test_vc_is_null(void)
{
    Chardev *chr = qemu_chr_new("vc0", "vc", NULL);

    g_assert_nonnull(chr);
    g_assert_nonnull(object_dynamic_cast(OBJECT(chr), TYPE_CHARDEV_NULL));
    object_unparent(OBJECT(chr));
}

/* ---- file ---- */

static void test_file(void)
{
    g_autofree char *path = tmp_path("out.txt");
    g_autofree char *spec = g_strdup_printf("file,id=f0,path=%s", path);
    g_autofree char *contents = NULL;
    CharBackend be = { 0 };
    Chardev *chr;

    g_assert_true(g_file_set_contents(path, "old", -1, NULL));
    chr = chr_from_opts(spec, &error_abort);
    assert_str_fmt(chr->filename, "file:%s", path);
    g_assert_true(qemu_chr_fe_init(&be, chr, &error_abort));
    g_assert_cmpint(qemu_chr_fe_write_all(&be, (uint8_t *)"hello", 5), ==, 5);
    g_assert_true(g_file_get_contents(path, &contents, NULL, NULL));
    /* without append the file was truncated */
    g_assert_cmpstr(contents, ==, "hello");
    qemu_chr_fe_deinit(&be, true);
}

static void test_file_append(void)
{
    g_autofree char *path = tmp_path("append.txt");
    g_autofree char *spec = g_strdup_printf("file,id=f1,path=%s,append=on",
                                            path);
    g_autofree char *contents = NULL;
    Chardev *chr;

    g_assert_true(g_file_set_contents(path, "abc", -1, NULL));
    chr = chr_from_opts(spec, &error_abort);
    g_assert_cmpint(qemu_chr_write_all(chr, (uint8_t *)"def", 3), ==, 3);
    g_assert_true(g_file_get_contents(path, &contents, NULL, NULL));
    g_assert_cmpstr(contents, ==, "abcdef");
    object_unparent(OBJECT(chr));
}

static void test_file_errors(void)
{
    Error *err = NULL;

    g_assert_null(chr_from_opts("file,id=f2", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "chardev: file: no filename given");
    error_free(err);
    err = NULL;
    g_assert_null(chr_from_opts("file,id=f3,path=/nonexistent/dir/x", &err));
    g_assert_nonnull(err);
    error_free(err);
    g_assert_null(qemu_chr_find("f3"));
}

static void test_logfile(void)
{
    g_autofree char *path = tmp_path("log.txt");
    g_autofree char *spec = g_strdup_printf("null,id=l0,logfile=%s", path);
    g_autofree char *contents = NULL;
    Chardev *chr = chr_from_opts(spec, &error_abort);

    qemu_chr_write_all(chr, (uint8_t *)"logged", 6);
    g_assert_true(g_file_get_contents(path, &contents, NULL, NULL));
    g_assert_cmpstr(contents, ==, "logged");
    object_unparent(OBJECT(chr));
}

/* ---- ringbuf ---- */

static void test_ringbuf(void)
{
    Chardev *chr = chr_from_opts("ringbuf,id=rb0,size=4", &error_abort);
    CharBackend be = { 0 };
    uint8_t buf[8];
    int n;

    g_assert_true(qemu_chr_fe_init(&be, chr, &error_abort));
    qemu_chr_fe_write_all(&be, (uint8_t *)"ab", 2);
    g_assert_cmpint(ringbuf_count(chr), ==, 2);
    /* overflow keeps the newest bytes */
    qemu_chr_fe_write_all(&be, (uint8_t *)"cdef", 4);
    g_assert_cmpint(ringbuf_count(chr), ==, 4);
    n = ringbuf_chr_read(chr, buf, sizeof(buf));
    g_assert_cmpint(n, ==, 4);
    g_assert_cmpmem(buf, 4, "cdef", 4);
    g_assert_cmpint(ringbuf_chr_read(chr, buf, sizeof(buf)), ==, 0);
    qemu_chr_fe_deinit(&be, true);
}

static void test_ringbuf_memory_alias_and_size(void)
{
    Error *err = NULL;
    Chardev *chr;

    g_assert_null(chr_from_opts("ringbuf,id=rb1,size=3", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "size of ringbuf chardev must be power of two");
    error_free(err);

    chr = chr_from_opts("memory,id=mem0", &error_abort);
    g_assert_nonnull(object_dynamic_cast(OBJECT(chr), TYPE_CHARDEV_RINGBUF));
    qemu_chr_write_all(chr, (uint8_t *)"x", 1);
    g_assert_cmpint(ringbuf_count(chr), ==, 1);
    object_unparent(OBJECT(chr));
}

/* ---- pipe ---- */

static void test_pipe(void)
{
    g_autofree char *base = tmp_path("pipe");
    g_autofree char *in = g_strdup_printf("%s.in", base);
    g_autofree char *out = g_strdup_printf("%s.out", base);
    g_autofree char *spec = g_strdup_printf("pipe,id=p0,path=%s", base);
    CharBackend be = { 0 };
    FeHandler h;
    Chardev *chr;
    char buf[16];
    int fd_in, fd_out;

    g_assert_cmpint(mkfifo(in, 0600), ==, 0);
    g_assert_cmpint(mkfifo(out, 0600), ==, 0);
    chr = chr_from_opts(spec, &error_abort);
    fe_handler_init(&h);
    fe_attach(&be, chr, &h);

    fd_out = open(out, O_RDONLY | O_NONBLOCK);
    g_assert_cmpint(fd_out, >=, 0);
    g_assert_cmpint(qemu_chr_fe_write_all(&be, (uint8_t *)"to-host", 7),
                    ==, 7);
    g_assert_cmpint(read(fd_out, buf, sizeof(buf)), ==, 7);
    g_assert_cmpmem(buf, 7, "to-host", 7);

    fd_in = open(in, O_WRONLY | O_NONBLOCK);
    g_assert_cmpint(fd_in, >=, 0);
    g_assert_cmpint(write(fd_in, "to-guest", 8), ==, 8);
    WAIT_FOR(h.data->len == 8);
    g_assert_cmpstr(h.data->str, ==, "to-guest");

    close(fd_in);
    close(fd_out);
    qemu_chr_fe_deinit(&be, true);
    fe_handler_free(&h);
}

static void test_flow_control(void)
{
    g_autofree char *base = tmp_path("flow");
    g_autofree char *spec = g_strdup_printf("pipe,id=p1,path=%s", base);
    CharBackend be = { 0 };
    FeHandler h;
    Chardev *chr;
    int fd;

    g_assert_cmpint(mkfifo(base, 0600), ==, 0);
    chr = chr_from_opts(spec, &error_abort);
    fe_handler_init(&h);
    h.room = 0;     /* the device is full */
    fe_attach(&be, chr, &h);

    fd = open(base, O_WRONLY | O_NONBLOCK);
    g_assert_cmpint(write(fd, "abcdef", 6), ==, 6);
    for (int i = 0; i < 20; i++) {
        g_main_context_iteration(NULL, false);
    }
    g_assert_cmpint(h.data->len, ==, 0);
    /* the device takes two bytes at a time once it has room */
    h.room = 2;
    qemu_chr_fe_accept_input(&be);
    WAIT_FOR(h.data->len == 6);
    g_assert_cmpstr(h.data->str, ==, "abcdef");
    close(fd);
    qemu_chr_fe_deinit(&be, true);
    fe_handler_free(&h);
}

/* ---- socket ---- */

static int unix_connect_path(const char *path)
{
    struct sockaddr_un un = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    g_assert_cmpint(fd, >=, 0);
    g_strlcpy(un.sun_path, path, sizeof(un.sun_path));
    g_assert_cmpint(connect(fd, (struct sockaddr *)&un, sizeof(un)), ==, 0);
    return fd;
}

static int read_with_loop(int fd, char *buf, int len)
{
    gint64 deadline = g_get_monotonic_time() + 10 * G_USEC_PER_SEC;
    int got = 0;

    while (got < len && g_get_monotonic_time() < deadline) {
        struct pollfd pfd = { .fd = fd, .events = POLLIN };

        g_main_context_iteration(NULL, false);
        if (poll(&pfd, 1, 1) == 1) {
            int n = read(fd, buf + got, len - got);

            if (n <= 0) {
                break;
            }
            got += n;
        }
    }
    return got;
}

static void test_socket_unix_server(void)
{
    g_autofree char *path = tmp_path("server.sock");
    g_autofree char *spec =
        g_strdup_printf("socket,id=s0,path=%s,server=on,wait=off", path);
    g_autofree char *expect = g_strdup_printf("disconnected:unix:%s,"
                                              "server=on", path);
    CharBackend be = { 0 };
    FeHandler h;
    Chardev *chr;
    char buf[16];
    int fd;

    chr = chr_from_opts(spec, &error_abort);
    g_assert_cmpstr(chr->filename, ==, expect);
    fe_handler_init(&h);
    fe_attach(&be, chr, &h);
    g_assert_cmpint(h.opened, ==, 0);

    fd = unix_connect_path(path);
    WAIT_FOR(h.opened == 1);
    g_assert_true(qemu_chr_fe_backend_open(&be));
    g_assert_true(g_str_has_prefix(chr->filename, "unix:"));

    g_assert_cmpint(write(fd, "ping", 4), ==, 4);
    WAIT_FOR(h.data->len == 4);
    g_assert_cmpstr(h.data->str, ==, "ping");

    g_assert_cmpint(qemu_chr_fe_write_all(&be, (uint8_t *)"pong", 4), ==, 4);
    g_assert_cmpint(read_with_loop(fd, buf, 4), ==, 4);
    g_assert_cmpmem(buf, 4, "pong", 4);

    close(fd);
    WAIT_FOR(h.closed == 1);
    g_assert_cmpstr(chr->filename, ==, expect);
    /* output without a client is dropped, not blocking */
    g_assert_cmpint(qemu_chr_fe_write_all(&be, (uint8_t *)"lost", 4), ==, 4);

    /* the server accepts the next client */
    fd = unix_connect_path(path);
    WAIT_FOR(h.opened == 2);
    g_string_truncate(h.data, 0);
    g_assert_cmpint(write(fd, "again", 5), ==, 5);
    WAIT_FOR(h.data->len == 5);
    g_assert_cmpstr(h.data->str, ==, "again");
    close(fd);
    WAIT_FOR(h.closed == 2);

    qemu_chr_fe_deinit(&be, true);
    /* the socket file is removed with the chardev */
    g_assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
    fe_handler_free(&h);
}

static void test_socket_unix_client(void)
{
    g_autofree char *path = tmp_path("client.sock");
    g_autofree char *spec = g_strdup_printf("socket,id=c0,path=%s", path);
    struct sockaddr_un un = { .sun_family = AF_UNIX };
    CharBackend be = { 0 };
    FeHandler h;
    Chardev *chr;
    Error *err = NULL;
    char buf[8];
    int lfd, fd;

    /* nobody listening: a plain client fails at once */
    g_assert_null(chr_from_opts(spec, &err));
    g_assert_true(g_str_has_prefix(error_get_pretty(err),
                                   "Failed to connect to '"));
    error_free(err);

    lfd = socket(AF_UNIX, SOCK_STREAM, 0);
    g_strlcpy(un.sun_path, path, sizeof(un.sun_path));
    g_assert_cmpint(bind(lfd, (struct sockaddr *)&un, sizeof(un)), ==, 0);
    g_assert_cmpint(listen(lfd, 1), ==, 0);

    chr = chr_from_opts(spec, &error_abort);
    fd = accept(lfd, NULL, NULL);
    g_assert_cmpint(fd, >=, 0);
    fe_handler_init(&h);
    fe_attach(&be, chr, &h);
    /* connected before the front end came: it still gets OPENED */
    g_assert_cmpint(h.opened, ==, 1);
    qemu_chr_fe_write_all(&be, (uint8_t *)"hi", 2);
    g_assert_cmpint(read_with_loop(fd, buf, 2), ==, 2);
    g_assert_cmpmem(buf, 2, "hi", 2);
    close(fd);
    WAIT_FOR(h.closed == 1);
    qemu_chr_fe_deinit(&be, true);
    close(lfd);
    fe_handler_free(&h);
}

static void test_socket_reconnect(void)
{
    g_autofree char *path = tmp_path("reconnect.sock");
    g_autofree char *spec = g_strdup_printf("socket,id=rc0,path=%s,"
                                            "reconnect=1", path);
    struct sockaddr_un un = { .sun_family = AF_UNIX };
    CharBackend be = { 0 };
    FeHandler h;
    Chardev *chr;
    int lfd, fd = -1;

    /* with reconnect, a missing server is not an error */
    chr = chr_from_opts(spec, &error_abort);
    g_assert_true(g_str_has_prefix(chr->filename, "disconnected:unix:"));
    fe_handler_init(&h);
    fe_attach(&be, chr, &h);
    g_assert_cmpint(h.opened, ==, 0);

    lfd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
    g_strlcpy(un.sun_path, path, sizeof(un.sun_path));
    g_assert_cmpint(bind(lfd, (struct sockaddr *)&un, sizeof(un)), ==, 0);
    g_assert_cmpint(listen(lfd, 1), ==, 0);
    WAIT_FOR((fd = fd >= 0 ? fd : accept(lfd, NULL, NULL)) >= 0 &&
             h.opened == 1);
    close(fd);
    fd = -1;
    WAIT_FOR(h.closed == 1);
    /* it comes back by itself */
    WAIT_FOR((fd = fd >= 0 ? fd : accept(lfd, NULL, NULL)) >= 0 &&
             h.opened == 2);
    g_assert_cmpint(write(fd, "back", 4), ==, 4);
    WAIT_FOR(h.data->len == 4);
    close(fd);
    qemu_chr_fe_deinit(&be, true);
    close(lfd);
    fe_handler_free(&h);
}

static gpointer connect_thread(gpointer data)
{
    const char *path = data;
    struct sockaddr_un un = { .sun_family = AF_UNIX };
    int i;

    g_strlcpy(un.sun_path, path, sizeof(un.sun_path));
    for (i = 0; i < 10000; i++) {
        int fd = socket(AF_UNIX, SOCK_STREAM, 0);

        if (connect(fd, (struct sockaddr *)&un, sizeof(un)) == 0) {
            return GINT_TO_POINTER(fd);
        }
        close(fd);
        g_usleep(1000);
    }
    return GINT_TO_POINTER(-1);
}

static void test_socket_server_wait(void)
{
    g_autofree char *path = tmp_path("wait.sock");
    g_autofree char *spec = g_strdup_printf("socket,id=w0,path=%s,server=on",
                                            path);
    GThread *t = g_thread_new("client", connect_thread, path);
    CharBackend be = { 0 };
    FeHandler h;
    Chardev *chr;
    int fd;

    /* wait=on (default) returns only once the client is there */
    chr = chr_from_opts(spec, &error_abort);
    assert_str_fmt(chr->filename, "unix:%s,server=on", path);
    fd = GPOINTER_TO_INT(g_thread_join(t));
    g_assert_cmpint(fd, >=, 0);
    fe_handler_init(&h);
    fe_attach(&be, chr, &h);
    g_assert_cmpint(h.opened, ==, 1);
    close(fd);
    WAIT_FOR(h.closed == 1);
    qemu_chr_fe_deinit(&be, true);
    fe_handler_free(&h);
}

static void test_socket_fd(void)
{
    int sv[2];
    g_autofree char *spec = NULL;
    CharBackend be = { 0 };
    FeHandler h;
    Chardev *chr;

    g_assert_cmpint(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), ==, 0);
    spec = g_strdup_printf("socket,id=fd0,fd=%d", sv[0]);
    chr = chr_from_opts(spec, &error_abort);
    fe_handler_init(&h);
    fe_attach(&be, chr, &h);
    g_assert_cmpint(h.opened, ==, 1);
    g_assert_cmpint(write(sv[1], "via-fd", 6), ==, 6);
    WAIT_FOR(h.data->len == 6);
    g_assert_cmpstr(h.data->str, ==, "via-fd");
    qemu_chr_fe_deinit(&be, true);
    close(sv[1]);
    fe_handler_free(&h);
}

static void test_socket_listening_fd(void)
{
    g_autofree char *path = tmp_path("passed.sock");
    g_autofree char *spec = NULL;
    struct sockaddr_un un = { .sun_family = AF_UNIX };
    CharBackend be = { 0 };
    FeHandler h;
    Chardev *chr;
    int lfd, fd;

    /* what libvirt does: bind and listen itself, pass the fd */
    lfd = socket(AF_UNIX, SOCK_STREAM, 0);
    g_strlcpy(un.sun_path, path, sizeof(un.sun_path));
    g_assert_cmpint(bind(lfd, (struct sockaddr *)&un, sizeof(un)), ==, 0);
    g_assert_cmpint(listen(lfd, 1), ==, 0);
    spec = g_strdup_printf("socket,id=lfd0,fd=%d,server=on,wait=off", lfd);
    chr = chr_from_opts(spec, &error_abort);
    assert_str_fmt(chr->filename, "disconnected:unix:%s,server=on", path);
    fe_handler_init(&h);
    fe_attach(&be, chr, &h);
    fd = unix_connect_path(path);
    WAIT_FOR(h.opened == 1);
    g_assert_cmpint(write(fd, "lv", 2), ==, 2);
    WAIT_FOR(h.data->len == 2);
    close(fd);
    WAIT_FOR(h.closed == 1);
    qemu_chr_fe_deinit(&be, true);
    fe_handler_free(&h);
}

static void test_socket_tcp_telnet(void)
{
    CharBackend be = { 0 };
    FeHandler h;
    Chardev *chr;
    struct sockaddr_in sin = { .sin_family = AF_INET };
    socklen_t len = sizeof(sin);
    int fd, lfd;
    char port[16];
    g_autofree char *spec = NULL;
    uint8_t nego[9];
    /* IAC DO ECHO, data with an escaped 0xff, IAC SB ... IAC SE, data */
    static const uint8_t input[] = {
        255, 253, 1, 'a', 255, 255, 'b', 255, 250, 31, 0, 80, 255, 240, 'c',
    };

    /* find a free port: bind to 0, note it, release it */
    lfd = socket(AF_INET, SOCK_STREAM, 0);
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    g_assert_cmpint(bind(lfd, (struct sockaddr *)&sin, sizeof(sin)), ==, 0);
    getsockname(lfd, (struct sockaddr *)&sin, &len);
    snprintf(port, sizeof(port), "%d", ntohs(sin.sin_port));
    close(lfd);

    spec = g_strdup_printf("socket,id=t0,host=127.0.0.1,port=%s,server=on,"
                           "wait=off,telnet=on", port);
    chr = chr_from_opts(spec, &error_abort);
    assert_str_fmt(chr->filename, "disconnected:telnet:127.0.0.1:%s,"
                   "server=on", port);
    fe_handler_init(&h);
    fe_attach(&be, chr, &h);

    fd = socket(AF_INET, SOCK_STREAM, 0);
    g_assert_cmpint(connect(fd, (struct sockaddr *)&sin, sizeof(sin)), ==, 0);
    WAIT_FOR(h.opened == 1);
    /* the server starts the telnet negotiation */
    g_assert_cmpint(read_with_loop(fd, (char *)nego, 9), ==, 9);
    g_assert_cmpint(nego[0], ==, 255);
    g_assert_cmpint(write(fd, input, sizeof(input)), ==, sizeof(input));
    WAIT_FOR(h.data->len == 4);
    g_assert_cmpmem(h.data->str, 4, "a\xff" "bc", 4);
    close(fd);
    WAIT_FOR(h.closed == 1);
    qemu_chr_fe_deinit(&be, true);
    fe_handler_free(&h);
}

static void test_socket_tcp_any_address(void)
{
    Chardev *chr = qemu_chr_new("any0", "tcp::0,server=on,wait=off", NULL);
    const char *p;

    g_assert_nonnull(chr);
    /* an empty host listens on every IPv4 address; port 0 gets one */
    g_assert_true(g_str_has_prefix(chr->filename,
                                   "disconnected:tcp:0.0.0.0:"));
    p = chr->filename + strlen("disconnected:tcp:0.0.0.0:");
    g_assert_cmpint(atoi(p), >, 0);
    g_assert_true(g_str_has_suffix(chr->filename, ",server=on"));
    object_unparent(OBJECT(chr));
}

static void test_socket_errors(void)
{
    Error *err = NULL;

    g_assert_null(chr_from_opts("socket,id=e0", &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Unable to parse FD number ");
    error_free(err);
    err = NULL;
    g_assert_null(chr_from_opts("socket,id=e1,host=localhost", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "chardev: socket: no port given");
    error_free(err);
    err = NULL;
    g_assert_null(chr_from_opts("socket,id=e2,path=/nonexistent/x.sock",
                                &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Failed to connect to '/nonexistent/x.sock': "
                    "No such file or directory");
    error_free(err);
}

/* ---- pty ---- */

/* Output for "the monitor" (qemu_printf), captured instead of stdout. */
static GString *printed;

static int capture_print(const char *fmt, va_list ap)
{
    g_autofree char *s = g_strdup_vprintf(fmt, ap);

    g_string_append(printed, s);
    return strlen(s);
}

static void test_pty(void)
{
    CharBackend be = { 0 };
    FeHandler h;
    Chardev *chr;
    const char *name;
    char buf[8];
    int fd;

    g_string_truncate(printed, 0);
    chr = chr_from_opts("pty,id=pty0", &error_abort);
    g_assert_true(g_str_has_prefix(chr->filename, "pty:/dev/"));
    name = chr->filename + 4;
    {
        g_autofree char *msg = g_strdup_printf("char device redirected to "
                                               "%s (label pty0)\n", name);

        g_assert_cmpstr(printed->str, ==, msg);
    }
    fe_handler_init(&h);
    fe_attach(&be, chr, &h);
    g_assert_cmpint(h.opened, ==, 0);
    /* no terminal attached: output is dropped instead of blocking */
    g_assert_cmpint(qemu_chr_fe_write_all(&be, (uint8_t *)"drop", 4), ==, 4);

    fd = open(name, O_RDWR | O_NOCTTY | O_NONBLOCK);
    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpint(qemu_chr_fe_write_all(&be, (uint8_t *)"out", 3), ==, 3);
    g_assert_cmpint(h.opened, ==, 1);
    g_assert_cmpint(read_with_loop(fd, buf, 3), ==, 3);
    g_assert_cmpmem(buf, 3, "out", 3);
    g_assert_cmpint(write(fd, "in", 2), ==, 2);
    WAIT_FOR(h.data->len == 2);
    g_assert_cmpstr(h.data->str, ==, "in");
    close(fd);
    qemu_chr_fe_deinit(&be, true);
    fe_handler_free(&h);
}

/* ---- stdio ---- */

/*
 * In a child whose stdin/stdout are a pty slave: stdio goes raw while
 * the chardev exists and the terminal mode comes back at exit.
 */
static void test_stdio_raw_mode_restored(void)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    struct termios before, after;
    char buf[8];
    int slave, status;
    pid_t pid;

    g_assert_cmpint(master, >=, 0);
    g_assert_cmpint(grantpt(master), ==, 0);
    g_assert_cmpint(unlockpt(master), ==, 0);
    slave = open(ptsname(master), O_RDWR | O_NOCTTY);
    g_assert_cmpint(slave, >=, 0);
    g_assert_cmpint(tcgetattr(slave, &before), ==, 0);
    g_assert_true(before.c_lflag & ICANON);

    pid = fork();
    g_assert_cmpint(pid, >=, 0);
    if (pid == 0) {
        struct termios t;
        Chardev *chr;

        dup2(slave, 0);
        dup2(slave, 1);
        chr = qemu_chr_new("stdio0", "stdio", NULL);
        if (!chr || tcgetattr(0, &t) < 0) {
            _exit(2);
        }
        /* raw, and signal=on by default keeps ISIG */
        if ((t.c_lflag & (ICANON | ECHO)) || !(t.c_lflag & ISIG)) {
            _exit(3);
        }
        /* only one stdio chardev may exist */
        if (qemu_chr_new("stdio1", "stdio", NULL)) {
            _exit(4);
        }
        qemu_chr_write_all(chr, (const uint8_t *)"R", 1);
        exit(0);        /* atexit handlers restore the terminal */
    }
    g_assert_cmpint(waitpid(pid, &status, 0), ==, pid);
    g_assert_true(WIFEXITED(status));
    g_assert_cmpint(WEXITSTATUS(status), ==, 0);
    g_assert_cmpint(read(master, buf, 1), ==, 1);
    g_assert_cmpint(buf[0], ==, 'R');
    g_assert_cmpint(tcgetattr(slave, &after), ==, 0);
    g_assert_cmphex(after.c_lflag, ==, before.c_lflag);
    g_assert_cmphex(after.c_iflag, ==, before.c_iflag);
    close(slave);
    close(master);
}

static void test_stdio_signal_off(void)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    int slave, status;
    pid_t pid;

    g_assert_cmpint(master, >=, 0);
    grantpt(master);
    unlockpt(master);
    slave = open(ptsname(master), O_RDWR | O_NOCTTY);
    pid = fork();
    if (pid == 0) {
        struct termios t;
        QemuOpts *opts;

        dup2(slave, 0);
        dup2(slave, 1);
        opts = qemu_opts_parse(&qemu_chardev_opts, "stdio,id=s,signal=off",
                               true, NULL);
        if (!opts || !qemu_chr_new_from_opts(opts, NULL, NULL) ||
            tcgetattr(0, &t) < 0) {
            _exit(2);
        }
        _exit((t.c_lflag & ISIG) ? 3 : 0);
    }
    g_assert_cmpint(waitpid(pid, &status, 0), ==, pid);
    g_assert_true(WIFEXITED(status));
    g_assert_cmpint(WEXITSTATUS(status), ==, 0);
    close(slave);
    close(master);
}

/* ---- mux ---- */

static int quit_count;

static void test_quit_hook(void)
{
    quit_count++;
}

static void mux_input(Chardev *base, const char *s)
{
    qemu_chr_be_write(base, (const uint8_t *)s, strlen(s));
}

static void test_mux(void)
{
    Chardev *mux = chr_from_opts("ringbuf,id=mux0,mux=on,size=4096",
                                 &error_abort);
    Chardev *base = qemu_chr_find("mux0-base");
    CharBackend be1 = { 0 }, be2 = { 0 };
    FeHandler h1, h2;
    uint8_t out[4096];
    int n;

    g_assert_nonnull(base);
    g_assert_true(mux == qemu_chr_find("mux0"));
    fe_handler_init(&h1);
    fe_handler_init(&h2);
    fe_attach(&be1, mux, &h1);     /* e.g. the monitor */
    fe_attach(&be2, mux, &h2);     /* e.g. the serial port: focused */
    g_assert_cmpint(h2.mux_in, ==, 1);
    g_assert_cmpint(h1.mux_out, ==, 1);

    /*
     * Front ends hear OPENED together once the machine is built: at the
     * latest when the main loop first runs ...
     */
    g_assert_cmpint(h1.opened, ==, 0);
    WAIT_FOR(h1.opened == 1);
    g_assert_cmpint(h2.opened, ==, 1);
    /* ... and vl.c calling it explicitly as well changes nothing */
    qemu_chr_open_muxes();
    g_assert_cmpint(h1.opened, ==, 1);
    g_assert_cmpint(h2.opened, ==, 1);

    mux_input(base, "ab");
    g_assert_cmpstr(h2.data->str, ==, "ab");
    g_assert_cmpstr(h1.data->str, ==, "");

    /* Ctrl-A c moves focus */
    mux_input(base, "\x01" "c" "xy");
    g_assert_cmpint(h2.mux_out, ==, 1);
    g_assert_cmpint(h1.mux_in, ==, 2);
    g_assert_cmpstr(h1.data->str, ==, "xy");
    g_assert_cmpstr(h2.data->str, ==, "ab");

    /* Ctrl-A Ctrl-A sends one Ctrl-A */
    mux_input(base, "\x01\x01");
    g_assert_cmpstr(h1.data->str, ==, "xy\x01");

    /* output of both front ends goes to the shared back end */
    ringbuf_chr_read(base, out, sizeof(out));
    qemu_chr_fe_write_all(&be1, (uint8_t *)"M", 1);
    qemu_chr_fe_write_all(&be2, (uint8_t *)"S", 1);
    n = ringbuf_chr_read(base, out, sizeof(out));
    g_assert_cmpmem(out, n, "MS", 2);

    /* Ctrl-A h prints help on the back end */
    mux_input(base, "\x01h");
    n = ringbuf_chr_read(base, out, sizeof(out) - 1);
    out[n] = 0;
    g_assert_nonnull(strstr((char *)out, "C-a x    exit emulator"));
    g_assert_nonnull(strstr((char *)out, "C-a c    switch between console "
                                         "and monitor"));

    /* Ctrl-A b sends a break to the focused front end only */
    mux_input(base, "\x01" "b");
    g_assert_cmpint(h1.brk, ==, 1);
    g_assert_cmpint(h2.brk, ==, 0);

    /* Ctrl-A x asks to quit */
    mux_chr_quit_hook = test_quit_hook;
    mux_input(base, "\x01x");
    g_assert_cmpint(quit_count, ==, 1);
    n = ringbuf_chr_read(base, out, sizeof(out) - 1);
    out[n] = 0;
    g_assert_nonnull(strstr((char *)out, "QEMU: Terminated"));
    /* escape bytes never reach the front ends */
    g_assert_cmpstr(h1.data->str, ==, "xy\x01");

    /* focus switching goes round-robin: back to the second one */
    mux_input(base, "\x01" "c" "z");
    g_assert_cmpstr(h2.data->str, ==, "abz");

    qemu_chr_fe_deinit(&be1, false);
    qemu_chr_fe_deinit(&be2, false);
    object_unparent(OBJECT(mux));
    object_unparent(OBJECT(base));
    fe_handler_free(&h1);
    fe_handler_free(&h2);
}

static void test_mux_buffering(void)
{
    Chardev *mux = chr_from_opts("ringbuf,id=mux1,mux=on", &error_abort);
    Chardev *base = qemu_chr_find("mux1-base");
    CharBackend be = { 0 };
    FeHandler h;

    fe_handler_init(&h);
    fe_attach(&be, mux, &h);
    h.room = 0;
    mux_input(base, "buffered");
    g_assert_cmpstr(h.data->str, ==, "");
    h.room = 1;
    qemu_chr_fe_accept_input(&be);
    g_assert_cmpstr(h.data->str, ==, "buffered");
    qemu_chr_fe_deinit(&be, false);
    object_unparent(OBJECT(mux));
    object_unparent(OBJECT(base));
    fe_handler_free(&h);
}

static void test_mux_max_frontends(void)
{
    Chardev *mux = chr_from_opts("null,id=mux2,mux=on", &error_abort);
    CharBackend be[5] = { 0 };
    Error *err = NULL;
    int i;

    for (i = 0; i < 4; i++) {
        g_assert_true(qemu_chr_fe_init(&be[i], mux, &error_abort));
    }
    g_assert_false(qemu_chr_fe_init(&be[4], mux, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Device 'mux2' is in use");
    error_free(err);
    for (i = 0; i < 4; i++) {
        qemu_chr_fe_deinit(&be[i], false);
    }
    object_unparent(OBJECT(mux));
    object_unparent(OBJECT(qemu_chr_find("mux2-base")));
}

/* ---- front end rules, registry ---- */

static void test_fe_in_use(void)
{
    Chardev *chr = qemu_chr_new("busy0", "null", NULL);
    CharBackend be1 = { 0 }, be2 = { 0 };
    Error *err = NULL;

    g_assert_true(qemu_chr_fe_init(&be1, chr, &error_abort));
    g_assert_false(qemu_chr_fe_init(&be2, chr, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Device 'busy0' is in use");
    error_free(err);
    /* without a back end, writes go nowhere */
    g_assert_cmpint(qemu_chr_fe_write(&be2, (uint8_t *)"x", 1), ==, 0);
    qemu_chr_fe_deinit(&be1, true);
}

static void test_errors(void)
{
    Error *err = NULL;

    g_assert_null(chr_from_opts("foo,id=x", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "'foo' is not a valid char driver name");
    error_free(err);
    err = NULL;
    g_assert_null(chr_from_opts("null", &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "chardev: no id specified");
    error_free(err);
    err = NULL;
    g_assert_null(chr_from_opts("id=x", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "chardev: \"x\" missing backend");
    error_free(err);
    err = NULL;
    /* mux is internal: only reachable through mux=on */
    g_assert_null(chr_from_opts("mux,id=x", &err));
    g_assert_nonnull(err);
    error_free(err);
    err = NULL;

    g_assert_nonnull(chr_from_opts("null,id=dup", &error_abort));
    g_assert_null(chr_from_opts("null,id=dup", &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Chardev 'dup' already exists");
    error_free(err);
    g_assert_true(qemu_chr_remove("dup", &error_abort));
    g_assert_null(qemu_chr_find("dup"));

    g_assert_null(qemu_chr_new("bad0", "nonsense:xyz", NULL));
    g_assert_null(qemu_chr_find("bad0"));
}

static void collect_label(Chardev *chr, void *opaque)
{
    g_string_append_printf(opaque, "%s=%s;", chr->label, chr->filename);
}

static void test_foreach_and_backends(void)
{
    Chardev *a = qemu_chr_new("q-b", "null", NULL);
    Chardev *b = qemu_chr_new("q-a", "null", NULL);
    g_autoptr(GString) s = g_string_new("");
    g_autoptr(GPtrArray) names = qemu_chr_backend_names();
    bool has_socket = false, has_mux = false;
    guint i;

    qemu_chr_foreach(collect_label, s);
    g_assert_nonnull(strstr(s->str, "q-a=null;q-b=null;"));
    for (i = 0; i < names->len; i++) {
        has_socket |= g_str_equal(g_ptr_array_index(names, i), "socket");
        has_mux |= g_str_equal(g_ptr_array_index(names, i), "mux");
    }
    g_assert_true(has_socket);
    g_assert_false(has_mux);
    object_unparent(OBJECT(a));
    object_unparent(OBJECT(b));
}

/* ---- legacy strings ---- */

static void check_compat(const char *str, bool mux_mon, const char *expect)
{
    QemuOpts *opts = qemu_chr_parse_compat("compat", str, mux_mon);
    g_autoptr(GString) got = g_string_new("");
    static const char *const keys[] = {
        "backend", "path", "host", "port", "server", "wait", "telnet", "mux",
        "signal", NULL,
    };
    int i;

    if (!expect) {
        g_assert_null(opts);
        return;
    }
    g_assert_nonnull(opts);
    for (i = 0; keys[i]; i++) {
        const char *v = qemu_opt_get(opts, keys[i]);

        if (v) {
            g_string_append_printf(got, "%s%s=%s", got->len ? "," : "",
                                   keys[i], v);
        }
    }
    g_assert_cmpstr(got->str, ==, expect);
    qemu_opts_del(opts);
}

static void test_parse_compat(void)
{
    check_compat("stdio", false, "backend=stdio");
    check_compat("null", false, "backend=null");
    check_compat("pty", false, "backend=pty");
    check_compat("vc:80Cx24C", false, "backend=vc");
    check_compat("file:/tmp/out", false, "backend=file,path=/tmp/out");
    check_compat("pipe:/tmp/p", false, "backend=pipe,path=/tmp/p");
    check_compat("unix:/tmp/s,server=on,wait=off", false,
                 "backend=socket,path=/tmp/s,server=on,wait=off");
    check_compat("tcp:localhost:4444,server=on,wait=off", false,
                 "backend=socket,host=localhost,port=4444,server=on,"
                 "wait=off");
    check_compat("telnet::5555,server=on", false,
                 "backend=socket,host=,port=5555,server=on,telnet=on");
    check_compat("/dev/ttyS0", false, "backend=tty,path=/dev/ttyS0");
    check_compat("mon:stdio", true, "backend=stdio,mux=on,signal=off");
    check_compat("mon:stdio", false, NULL);
    check_compat("tcp:nohostport", false, NULL);
    check_compat("bogus", false, NULL);
}

static QDict *json_dict(const char *json)
{
    QObject *obj = qobject_from_json(json, &error_abort);
    QDict *d = qobject_to(QDict, obj);

    g_assert_nonnull(d);
    return d;
}

static void test_qmp_chardev_add(void)
{
    g_autofree char *path = tmp_path("qmp.sock");
    g_autofree char *json = NULL;
    g_autofree char *pty = NULL;
    Error *err = NULL;
    QDict *b;
    Chardev *chr;

    b = json_dict("{\"type\": \"ringbuf\", \"data\": {\"size\": 8}}");
    chr = qemu_chr_add_qmp("qmp-rb", b, NULL, &error_abort);
    g_assert_nonnull(object_dynamic_cast(OBJECT(chr), TYPE_CHARDEV_RINGBUF));
    qobject_unref(b);
    /* the same id again */
    b = json_dict("{\"type\": \"null\", \"data\": {}}");
    g_assert_null(qemu_chr_add_qmp("qmp-rb", b, NULL, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Chardev 'qmp-rb' already exists");
    error_free(err);
    err = NULL;
    qobject_unref(b);
    g_assert_true(qemu_chr_remove("qmp-rb", &error_abort));

    json = g_strdup_printf("{\"type\": \"socket\", \"data\": {\"addr\": "
                           "{\"type\": \"unix\", \"data\": {\"path\": "
                           "\"%s\"}}, \"server\": true, \"wait\": false}}",
                           path);
    b = json_dict(json);
    chr = qemu_chr_add_qmp("qmp-sock", b, NULL, &error_abort);
    assert_str_fmt(chr->filename, "disconnected:unix:%s,server=on", path);
    qobject_unref(b);
    g_assert_true(qemu_chr_remove("qmp-sock", &error_abort));

    b = json_dict("{\"type\": \"pty\", \"data\": {}}");
    chr = qemu_chr_add_qmp("qmp-pty", b, &pty, &error_abort);
    g_assert_nonnull(pty);
    g_assert_true(g_str_has_prefix(pty, "/dev/"));
    qobject_unref(b);
    g_assert_true(qemu_chr_remove("qmp-pty", &error_abort));

    b = json_dict("{\"type\": \"file\", \"data\": {}}");
    g_assert_null(qemu_chr_add_qmp("qmp-f", b, NULL, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Parameter 'out' is missing");
    error_free(err);
    err = NULL;
    qobject_unref(b);
    b = json_dict("{\"type\": \"bogus\"}");
    g_assert_null(qemu_chr_add_qmp("qmp-b", b, NULL, &err));
    g_assert_nonnull(err);
    error_free(err);
    err = NULL;
    qobject_unref(b);
    g_assert_false(qemu_chr_remove("qmp-none", &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Chardev 'qmp-none' not found");
    error_free(err);
}

static void test_chardev_ref(void)
{
    Chardev *chr = qemu_chr_new("target0", "null", NULL);

    /* chardev:ID refers to an existing chardev */
    g_assert_true(qemu_chr_new("ignored", "chardev:target0", NULL) == chr);
    g_assert_null(qemu_chr_new("ignored", "chardev:none-such", NULL));
    object_unparent(OBJECT(chr));
}

int main(int argc, char **argv)
{
    int ret;

    g_test_init(&argc, &argv, NULL);
    module_call_init(MODULE_INIT_QOM);
    signal(SIGPIPE, SIG_IGN);
    /* keep qemu_printf() output (pty announcements) out of the TAP stream */
    printed = g_string_new("");
    qemu_print_set_monitor_hook(capture_print);

    g_test_add_func("/char/null", test_null);
    g_test_add_func("/char/vc-is-null", test_vc_is_null);
    g_test_add_func("/char/file/write", test_file);
    g_test_add_func("/char/file/append", test_file_append);
    g_test_add_func("/char/file/errors", test_file_errors);
    g_test_add_func("/char/logfile", test_logfile);
    g_test_add_func("/char/ringbuf/rw", test_ringbuf);
    g_test_add_func("/char/ringbuf/memory-and-size",
                    test_ringbuf_memory_alias_and_size);
    g_test_add_func("/char/pipe", test_pipe);
    g_test_add_func("/char/flow-control", test_flow_control);
    g_test_add_func("/char/socket/unix-server", test_socket_unix_server);
    g_test_add_func("/char/socket/unix-client", test_socket_unix_client);
    g_test_add_func("/char/socket/fd", test_socket_fd);
    g_test_add_func("/char/socket/listening-fd", test_socket_listening_fd);
    g_test_add_func("/char/socket/reconnect", test_socket_reconnect);
    g_test_add_func("/char/socket/server-wait", test_socket_server_wait);
    g_test_add_func("/char/socket/tcp-telnet", test_socket_tcp_telnet);
    g_test_add_func("/char/socket/tcp-any-address",
                    test_socket_tcp_any_address);
    g_test_add_func("/char/socket/errors", test_socket_errors);
    g_test_add_func("/char/pty", test_pty);
    g_test_add_func("/char/stdio/raw-mode-restored",
                    test_stdio_raw_mode_restored);
    g_test_add_func("/char/stdio/signal-off", test_stdio_signal_off);
    g_test_add_func("/char/mux/escapes", test_mux);
    g_test_add_func("/char/mux/buffering", test_mux_buffering);
    g_test_add_func("/char/mux/max-frontends", test_mux_max_frontends);
    g_test_add_func("/char/fe-in-use", test_fe_in_use);
    g_test_add_func("/char/errors", test_errors);
    g_test_add_func("/char/foreach-and-backends", test_foreach_and_backends);
    g_test_add_func("/char/parse-compat", test_parse_compat);
    g_test_add_func("/char/chardev-ref", test_chardev_ref);
    g_test_add_func("/char/qmp-chardev-add", test_qmp_chardev_add);
    ret = g_test_run();
    tmp_dir_cleanup();
    return ret;
}
