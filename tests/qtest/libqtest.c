/*
 * libqtest: start the emulator under the qtest accelerator and talk the
 * qtest line protocol over a Unix socket the emulator connects to.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "libqtest.h"

#define MAX_IRQ 256
/* Seconds to wait for the emulator to connect or answer. */
#define QTEST_TIMEOUT 60

struct QTestState {
    int fd;
    int qmp_fd;
    bool qmp_ready;
    GString *qmp_rx;
    char *qmp_path;
    pid_t pid;
    bool exited;
    int wstatus;
    GString *rx;
    char *tmpdir;
    char *sock_path;
    bool irq_level[MAX_IRQ];
};

const char *qtest_qemu_binary(void)
{
    const char *bin = getenv("QTEST_QEMU_BINARY");

#ifdef QTEST_QEMU_BINARY_DEFAULT
    if (!bin) {
        bin = QTEST_QEMU_BINARY_DEFAULT;
    }
#endif
    g_assert(bin);
    return bin;
}

static int accept_with_timeout(int lfd, pid_t pid, int *wstatus)
{
    int i;

    for (i = 0; i < QTEST_TIMEOUT * 10; i++) {
        struct pollfd pfd = { .fd = lfd, .events = POLLIN };

        if (poll(&pfd, 1, 100) > 0) {
            return accept(lfd, NULL, NULL);
        }
        if (waitpid(pid, wstatus, WNOHANG) == pid) {
            return -2;
        }
    }
    return -1;
}

static int listen_unix(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    int lfd = socket(AF_UNIX, SOCK_STREAM, 0);

    g_assert(lfd >= 0);
    g_assert(strlen(path) < sizeof(addr.sun_path));
    strcpy(addr.sun_path, path);
    g_assert(bind(lfd, (struct sockaddr *)&addr, sizeof(addr)) == 0);
    g_assert(listen(lfd, 1) == 0);
    return lfd;
}

static QTestState *qtest_spawn(const char *extra_args, bool must_start)
{
    QTestState *s = g_new0(QTestState, 1);
    g_autofree char *cmdline = NULL;
    g_auto(GStrv) argv = NULL;
    int lfd, qlfd;

    s->tmpdir = g_dir_make_tmp("qtest-XXXXXX", NULL);
    g_assert(s->tmpdir);
    s->sock_path = g_build_filename(s->tmpdir, "sock", NULL);
    s->rx = g_string_new(NULL);

    lfd = listen_unix(s->sock_path);
    s->qmp_path = g_build_filename(s->tmpdir, "qmp", NULL);
    s->qmp_rx = g_string_new(NULL);
    s->qmp_fd = -1;
    qlfd = listen_unix(s->qmp_path);

    cmdline = g_strdup_printf("%s -accel qtest -qtest unix:%s -qmp unix:%s "
                              "-display none %s", qtest_qemu_binary(),
                              s->sock_path, s->qmp_path,
                              extra_args ? extra_args : "");
    argv = g_strsplit_set(g_strstrip(cmdline), " ", 0);
    {
        /* Drop the empty words that runs of blanks leave. */
        GPtrArray *a = g_ptr_array_new();
        char **p;

        for (p = argv; *p; p++) {
            if (**p) {
                g_ptr_array_add(a, *p);
            }
        }
        g_ptr_array_add(a, NULL);
        s->pid = fork();
        g_assert(s->pid >= 0);
        if (s->pid == 0) {
            /* Never outlive the test, even if it crashes. */
            prctl(PR_SET_PDEATHSIG, SIGKILL);
            close(lfd);
            close(qlfd);
            if (getenv("QTEST_LOG") == NULL) {
                int devnull = open("/dev/null", O_RDWR);

                dup2(devnull, 0);
                close(devnull);
            }
            execv((char *)a->pdata[0], (char **)a->pdata);
            fprintf(stderr, "exec %s: %s\n", (char *)a->pdata[0],
                    strerror(errno));
            _exit(127);
        }
        g_ptr_array_free(a, true);
    }

    s->fd = accept_with_timeout(lfd, s->pid, &s->wstatus);
    close(lfd);
    unlink(s->sock_path);
    if (s->fd >= 0) {
        s->qmp_fd = accept_with_timeout(qlfd, s->pid, &s->wstatus);
        if (s->qmp_fd < 0) {
            if (s->qmp_fd == -2) {
                s->exited = true;
            }
            close(s->fd);
            s->fd = -1;
        }
    }
    close(qlfd);
    unlink(s->qmp_path);
    if (s->fd < 0) {
        if (s->fd == -2) {
            s->exited = true;
        }
        if (must_start) {
            g_error("emulator did not connect to the qtest socket "
                    "(%s)", s->fd == -2 ? "it exited" : "timeout");
        }
        qtest_quit(s);
        return NULL;
    }
    return s;
}

QTestState *qtest_init(const char *extra_args)
{
    return qtest_spawn(extra_args, true);
}

QTestState *qtest_init_without_qmp_handshake(const char *extra_args)
{
    return qtest_spawn(extra_args, false);
}

QTestState *qtest_initf(const char *fmt, ...)
{
    va_list ap;
    g_autofree char *args = NULL;

    va_start(ap, fmt);
    args = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    return qtest_init(args);
}

pid_t qtest_pid(QTestState *s)
{
    return s->pid;
}

bool qtest_probe_child(QTestState *s)
{
    if (s->exited) {
        return false;
    }
    if (waitpid(s->pid, &s->wstatus, WNOHANG) == s->pid) {
        s->exited = true;
        return false;
    }
    return true;
}

int qtest_wait_qemu(QTestState *s)
{
    if (!s->exited) {
        while (waitpid(s->pid, &s->wstatus, 0) < 0 && errno == EINTR) {
        }
        s->exited = true;
    }
    return s->wstatus;
}

void qtest_kill_qemu(QTestState *s)
{
    if (!s->exited) {
        kill(s->pid, SIGKILL);
        qtest_wait_qemu(s);
    }
}

void qtest_quit(QTestState *s)
{
    if (!s) {
        return;
    }
    if (s->qmp_fd >= 0) {
        close(s->qmp_fd);
        s->qmp_fd = -1;
    }
    if (s->fd >= 0) {
        close(s->fd);
        s->fd = -1;
    }
    if (!s->exited) {
        int i;

        /* Closing the socket makes it shut down; SIGTERM as a backup. */
        for (i = 0; i < 50 && qtest_probe_child(s); i++) {
            g_usleep(20 * 1000);
        }
        if (!s->exited) {
            kill(s->pid, SIGTERM);
            qtest_wait_qemu(s);
        }
    }
    g_string_free(s->rx, true);
    g_string_free(s->qmp_rx, true);
    g_free(s->qmp_path);
    g_rmdir(s->tmpdir);
    g_free(s->tmpdir);
    g_free(s->sock_path);
    g_free(s);
}

/* ---- line I/O ------------------------------------------------------ */

static void qtest_send(QTestState *s, const char *str)
{
    size_t len = strlen(str), off = 0;

    while (off < len) {
        ssize_t n = write(s->fd, str + off, len - off);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        g_assert(n > 0);
        off += n;
    }
}

static char *qtest_read_line(QTestState *s)
{
    char *nl;

    while (!(nl = memchr(s->rx->str, '\n', s->rx->len))) {
        char buf[4096];
        struct pollfd pfd = { .fd = s->fd, .events = POLLIN };
        ssize_t n;
        int r = poll(&pfd, 1, QTEST_TIMEOUT * 1000);

        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r == 0) {
            g_error("qtest: no reply from the emulator");
        }
        n = read(s->fd, buf, sizeof(buf));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            g_error("qtest: emulator closed the connection (crashed?)");
        }
        g_string_append_len(s->rx, buf, n);
    }
    {
        size_t len = nl - s->rx->str;
        char *line = g_strndup(s->rx->str, len);

        g_string_erase(s->rx, 0, len + 1);
        return line;
    }
}

/* Next reply line, handling asynchronous "IRQ" lines on the way. */
static char *qtest_rsp(QTestState *s)
{
    for (;;) {
        char *line = qtest_read_line(s);
        int n;

        if (g_str_has_prefix(line, "IRQ ")) {
            if (sscanf(line, "IRQ raise %d", &n) == 1 && n >= 0 &&
                n < MAX_IRQ) {
                s->irq_level[n] = true;
            } else if (sscanf(line, "IRQ lower %d", &n) == 1 && n >= 0 &&
                       n < MAX_IRQ) {
                s->irq_level[n] = false;
            }
            g_free(line);
            continue;
        }
        return line;
    }
}

char *qtest_hmp_raw(QTestState *s, const char *cmd)
{
    g_autofree char *line = g_strdup_printf("%s\n", cmd);

    qtest_send(s, line);
    return qtest_rsp(s);
}

char *qtest_command(QTestState *s, const char *fmt, ...)
{
    va_list ap;
    g_autofree char *cmd = NULL;

    va_start(ap, fmt);
    cmd = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    return qtest_hmp_raw(s, cmd);
}

/* Send, expect "OK [value]"; returns the value (0 if none). */
static uint64_t qtest_ok(QTestState *s, const char *fmt, ...)
    G_GNUC_PRINTF(2, 3);

static uint64_t qtest_ok(QTestState *s, const char *fmt, ...)
{
    va_list ap;
    g_autofree char *cmd = NULL;
    g_autofree char *rsp = NULL;
    uint64_t val = 0;

    va_start(ap, fmt);
    cmd = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    rsp = qtest_hmp_raw(s, cmd);
    if (!g_str_has_prefix(rsp, "OK")) {
        g_error("qtest: '%s' answered '%s'", cmd, rsp);
    }
    if (rsp[2] == ' ') {
        val = g_ascii_strtoull(rsp + 3, NULL, 0);
    }
    return val;
}

uint8_t qtest_inb(QTestState *s, uint16_t addr)
{
    return qtest_ok(s, "inb 0x%x", addr);
}

uint16_t qtest_inw(QTestState *s, uint16_t addr)
{
    return qtest_ok(s, "inw 0x%x", addr);
}

uint32_t qtest_inl(QTestState *s, uint16_t addr)
{
    return qtest_ok(s, "inl 0x%x", addr);
}

void qtest_outb(QTestState *s, uint16_t addr, uint8_t value)
{
    qtest_ok(s, "outb 0x%x 0x%x", addr, value);
}

void qtest_outw(QTestState *s, uint16_t addr, uint16_t value)
{
    qtest_ok(s, "outw 0x%x 0x%x", addr, value);
}

void qtest_outl(QTestState *s, uint16_t addr, uint32_t value)
{
    qtest_ok(s, "outl 0x%x 0x%x", addr, value);
}

uint8_t qtest_readb(QTestState *s, uint64_t addr)
{
    return qtest_ok(s, "readb 0x%" G_GINT64_MODIFIER "x", addr);
}

uint16_t qtest_readw(QTestState *s, uint64_t addr)
{
    return qtest_ok(s, "readw 0x%" G_GINT64_MODIFIER "x", addr);
}

uint32_t qtest_readl(QTestState *s, uint64_t addr)
{
    return qtest_ok(s, "readl 0x%" G_GINT64_MODIFIER "x", addr);
}

uint64_t qtest_readq(QTestState *s, uint64_t addr)
{
    return qtest_ok(s, "readq 0x%" G_GINT64_MODIFIER "x", addr);
}

void qtest_writeb(QTestState *s, uint64_t addr, uint8_t value)
{
    qtest_ok(s, "writeb 0x%" G_GINT64_MODIFIER "x 0x%x", addr, value);
}

void qtest_writew(QTestState *s, uint64_t addr, uint16_t value)
{
    qtest_ok(s, "writew 0x%" G_GINT64_MODIFIER "x 0x%x", addr, value);
}

void qtest_writel(QTestState *s, uint64_t addr, uint32_t value)
{
    qtest_ok(s, "writel 0x%" G_GINT64_MODIFIER "x 0x%x", addr, value);
}

void qtest_writeq(QTestState *s, uint64_t addr, uint64_t value)
{
    qtest_ok(s, "writeq 0x%" G_GINT64_MODIFIER "x 0x%" G_GINT64_MODIFIER
             "x", addr, value);
}

static int hexval(char c)
{
    return g_ascii_xdigit_value(c);
}

void qtest_memread(QTestState *s, uint64_t addr, void *data, size_t size)
{
    g_autofree char *rsp = NULL;
    uint8_t *p = data;
    size_t i;

    if (!size) {
        return;
    }
    rsp = qtest_command(s, "read 0x%" G_GINT64_MODIFIER "x 0x%zx", addr,
                        size);
    g_assert(g_str_has_prefix(rsp, "OK 0x"));
    g_assert_cmpuint(strlen(rsp + 5), ==, size * 2);
    for (i = 0; i < size; i++) {
        p[i] = hexval(rsp[5 + 2 * i]) << 4 | hexval(rsp[6 + 2 * i]);
    }
}

void qtest_memwrite(QTestState *s, uint64_t addr, const void *data,
                    size_t size)
{
    const uint8_t *p = data;
    GString *cmd;
    size_t i;

    if (!size) {
        return;
    }
    cmd = g_string_new(NULL);
    g_string_printf(cmd, "write 0x%" G_GINT64_MODIFIER "x 0x%zx 0x", addr,
                    size);
    for (i = 0; i < size; i++) {
        g_string_append_printf(cmd, "%02x", p[i]);
    }
    qtest_ok(s, "%s", cmd->str);
    g_string_free(cmd, true);
}

void qtest_bufread(QTestState *s, uint64_t addr, void *data, size_t size)
{
    g_autofree char *rsp = NULL;
    g_autofree guchar *dec = NULL;
    gsize len;

    if (!size) {
        return;
    }
    rsp = qtest_command(s, "b64read 0x%" G_GINT64_MODIFIER "x 0x%zx", addr,
                        size);
    g_assert(g_str_has_prefix(rsp, "OK "));
    dec = g_base64_decode(rsp + 3, &len);
    g_assert_cmpuint(len, ==, size);
    memcpy(data, dec, size);
}

void qtest_bufwrite(QTestState *s, uint64_t addr, const void *data,
                    size_t size)
{
    g_autofree char *enc = NULL;

    if (!size) {
        return;
    }
    enc = g_base64_encode(data, size);
    qtest_ok(s, "b64write 0x%" G_GINT64_MODIFIER "x 0x%zx %s", addr, size,
             enc);
}

void qtest_memset(QTestState *s, uint64_t addr, uint8_t patt, size_t size)
{
    if (size) {
        qtest_ok(s, "memset 0x%" G_GINT64_MODIFIER "x 0x%zx 0x%02x", addr,
                 size, patt);
    }
}

void qtest_irq_intercept_in(QTestState *s, const char *path)
{
    qtest_ok(s, "irq_intercept_in %s", path);
}

void qtest_irq_intercept_out(QTestState *s, const char *path)
{
    qtest_ok(s, "irq_intercept_out %s", path);
}

bool qtest_get_irq(QTestState *s, int num)
{
    g_assert(num >= 0 && num < MAX_IRQ);
    /* A round trip collects the IRQ lines sent so far. */
    qtest_inb(s, 0);
    return s->irq_level[num];
}

void qtest_set_irq_in(QTestState *s, const char *path, const char *name,
                      int num, int level)
{
    qtest_ok(s, "set_irq_in %s %s %d %d", path, name ? name : "unnamed", num,
             level);
}

int64_t qtest_clock_step(QTestState *s, int64_t step)
{
    return qtest_ok(s, "clock_step %" G_GINT64_FORMAT, step);
}

int64_t qtest_clock_step_next(QTestState *s)
{
    return qtest_ok(s, "clock_step");
}

int64_t qtest_clock_set(QTestState *s, int64_t val)
{
    return qtest_ok(s, "clock_set %" G_GINT64_FORMAT, val);
}

bool qtest_big_endian(QTestState *s)
{
    g_autofree char *rsp = qtest_hmp_raw(s, "endianness");

    return g_str_equal(rsp, "OK big");
}

/* ---- QMP ------------------------------------------------------------ */

static char *qmp_read_line(QTestState *s)
{
    char *nl;

    while (!(nl = memchr(s->qmp_rx->str, '\n', s->qmp_rx->len))) {
        char buf[4096];
        struct pollfd pfd = { .fd = s->qmp_fd, .events = POLLIN };
        ssize_t n;
        int r = poll(&pfd, 1, QTEST_TIMEOUT * 1000);

        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r == 0) {
            g_error("qtest: no QMP reply from the emulator");
        }
        n = read(s->qmp_fd, buf, sizeof(buf));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            g_error("qtest: QMP connection closed");
        }
        g_string_append_len(s->qmp_rx, buf, n);
    }
    {
        size_t len = nl - s->qmp_rx->str;
        char *line = g_strndup(s->qmp_rx->str, len);

        g_string_erase(s->qmp_rx, 0, len + 1);
        g_strstrip(line);
        return line;
    }
}

/* The next line that is not an event (events are dropped). */
static char *qmp_response(QTestState *s)
{
    for (;;) {
        char *line = qmp_read_line(s);

        if (line[0] && !strstr(line, "\"event\"")) {
            return line;
        }
        g_free(line);
    }
}

static void qmp_send(QTestState *s, const char *str)
{
    size_t len = strlen(str), off = 0;

    while (off < len) {
        ssize_t n = write(s->qmp_fd, str + off, len - off);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        g_assert(n > 0);
        off += n;
    }
}

char *qtest_qmp_raw(QTestState *s, const char *json)
{
    g_assert(s->qmp_fd >= 0);
    if (!s->qmp_ready) {
        g_autofree char *greeting = qmp_read_line(s);
        g_autofree char *caps = NULL;

        g_assert(strstr(greeting, "\"QMP\""));
        qmp_send(s, "{\"execute\": \"qmp_capabilities\"}\n");
        caps = qmp_response(s);
        g_assert(strstr(caps, "\"return\""));
        s->qmp_ready = true;
    }
    qmp_send(s, json);
    qmp_send(s, "\n");
    return qmp_response(s);
}

char *qtest_qmp(QTestState *s, const char *fmt, ...)
{
    va_list ap;
    g_autofree char *json = NULL;

    va_start(ap, fmt);
    json = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    return qtest_qmp_raw(s, json);
}
