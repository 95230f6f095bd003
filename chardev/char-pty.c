/*
 * "pty": a pseudo terminal whose slave side (/dev/pts/N) the user opens
 * with a terminal program.  Whether a slave is open is only visible as
 * POLLHUP on the master, so while disconnected the state is re-checked
 * once a second and output is dropped rather than filling the pty.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/option.h"
#include "qemu/qemu-print.h"
#include "chardev/char.h"
#include "chardev-internal.h"
#include <poll.h>
#include <termios.h>

typedef struct PtyChardev {
    Chardev parent;
    int fd;
    bool connected;
    GSource *read_source;
    GSource *timer_source;
} PtyChardev;

#define PTY_CHARDEV(obj) OBJECT_CHECK(PtyChardev, (obj), TYPE_CHARDEV_PTY)

#define PTY_POLL_MS 1000

static void pty_chr_state(Chardev *chr, bool connected);

static gboolean pty_chr_timer(gpointer opaque)
{
    Chardev *chr = opaque;
    PtyChardev *s = PTY_CHARDEV(chr);
    struct pollfd pfd = { .fd = s->fd, .events = POLLIN };

    if (poll(&pfd, 1, 0) == 1 && !(pfd.revents & POLLHUP)) {
        g_source_unref(s->timer_source);
        s->timer_source = NULL;
        pty_chr_state(chr, true);
        return G_SOURCE_REMOVE;
    }
    return G_SOURCE_CONTINUE;
}

static void pty_chr_update_connected(Chardev *chr)
{
    PtyChardev *s = PTY_CHARDEV(chr);
    struct pollfd pfd = { .fd = s->fd, .events = POLLIN };

    if (poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLHUP)) {
        pty_chr_state(chr, false);
    } else {
        pty_chr_state(chr, true);
    }
}

static gboolean pty_chr_read(void *unused, GIOCondition cond, void *opaque)
{
    Chardev *chr = opaque;
    PtyChardev *s = PTY_CHARDEV(chr);
    uint8_t buf[CHR_READ_BUF_LEN];
    int len = MIN(qemu_chr_be_can_write(chr), (int)sizeof(buf));
    ssize_t ret;

    if (len <= 0) {
        return G_SOURCE_CONTINUE;
    }
    ret = read(s->fd, buf, len);
    if (ret < 0 && (errno == EAGAIN || errno == EINTR)) {
        return G_SOURCE_CONTINUE;
    }
    if (ret <= 0) {
        /* EIO: the last slave fd was closed */
        g_source_unref(s->read_source);
        s->read_source = NULL;
        pty_chr_state(chr, false);
        return G_SOURCE_REMOVE;
    }
    qemu_chr_be_write(chr, buf, ret);
    return G_SOURCE_CONTINUE;
}

static void pty_chr_rearm_read(Chardev *chr)
{
    PtyChardev *s = PTY_CHARDEV(chr);

    chr_remove_source(&s->read_source);
    if (s->connected && chr->be && chr->be->chr_read) {
        s->read_source = chr_fd_source_new(s->fd, G_IO_IN, chr);
        g_source_set_callback(s->read_source, (GSourceFunc)pty_chr_read,
                              chr, NULL);
        g_source_attach(s->read_source, chr->gcontext);
    }
}

static void pty_chr_state(Chardev *chr, bool connected)
{
    PtyChardev *s = PTY_CHARDEV(chr);

    if (!connected) {
        chr_remove_source(&s->read_source);
        if (!s->timer_source) {
            s->timer_source = g_timeout_source_new(PTY_POLL_MS);
            g_source_set_callback(s->timer_source, pty_chr_timer, chr, NULL);
            g_source_attach(s->timer_source, chr->gcontext);
        }
        if (s->connected) {
            s->connected = false;
            qemu_chr_be_event(chr, CHR_EVENT_CLOSED);
        }
        return;
    }
    chr_remove_source(&s->timer_source);
    if (!s->connected) {
        s->connected = true;
        qemu_chr_be_event(chr, CHR_EVENT_OPENED);
    }
    if (!s->read_source) {
        pty_chr_rearm_read(chr);
    }
}

static int pty_chr_write(Chardev *chr, const uint8_t *buf, int len)
{
    PtyChardev *s = PTY_CHARDEV(chr);
    int ret;

    if (!s->connected) {
        pty_chr_update_connected(chr);
        if (!s->connected) {
            return len;     /* nobody listening: drop */
        }
    }
    ret = write(s->fd, buf, len);
    if (ret < 0 && errno == EIO) {
        pty_chr_state(chr, false);
        return len;
    }
    return ret;
}

static GSource *pty_chr_add_watch(Chardev *chr, GIOCondition cond)
{
    PtyChardev *s = PTY_CHARDEV(chr);

    if (!s->connected) {
        return NULL;
    }
    return chr_fd_source_new(s->fd, cond, NULL);
}

static void pty_chr_update_read_handler(Chardev *chr)
{
    PtyChardev *s = PTY_CHARDEV(chr);

    /* the context may have changed: move the timer along */
    if (s->timer_source) {
        chr_remove_source(&s->timer_source);
        pty_chr_state(chr, false);
    }
    pty_chr_rearm_read(chr);
}

static void char_pty_open(Chardev *chr, ChardevBackend *backend,
                          bool *be_opened, Error **errp)
{
    PtyChardev *s = PTY_CHARDEV(chr);
    struct termios tty;
    const char *name;
    int master, slave;

    master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0 || grantpt(master) < 0 || unlockpt(master) < 0 ||
        !(name = ptsname(master))) {
        error_setg_errno(errp, errno, "Failed to create PTY");
        if (master >= 0) {
            close(master);
        }
        return;
    }
    /* raw mode on the slave side, so the guest sees every byte */
    slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (slave >= 0) {
        if (tcgetattr(slave, &tty) == 0) {
            cfmakeraw(&tty);
            tcsetattr(slave, TCSAFLUSH, &tty);
        }
        close(slave);
    }
    chr_set_nonblock(master, true);
    s->fd = master;
    chr->filename = g_strdup_printf("pty:%s", name);
    /* to the monitor for chardev-add, else stdout */
    qemu_printf("char device redirected to %s (label %s)\n", name,
                chr->label);
    fflush(stdout);
    *be_opened = false;
    pty_chr_state(chr, false);
}

static void char_pty_finalize(Object *obj)
{
    PtyChardev *s = PTY_CHARDEV(obj);

    chr_remove_source(&s->read_source);
    chr_remove_source(&s->timer_source);
    if (s->fd >= 0) {
        close(s->fd);
    }
}

static void char_pty_init(Object *obj)
{
    PTY_CHARDEV(obj)->fd = -1;
}

static void char_pty_class_init(ObjectClass *oc, void *data)
{
    ChardevClass *cc = CHARDEV_CLASS(oc);

    cc->open = char_pty_open;
    cc->chr_write = pty_chr_write;
    cc->chr_update_read_handler = pty_chr_update_read_handler;
    cc->chr_add_watch = pty_chr_add_watch;
}

static const TypeInfo char_pty_type_info = {
    .name = TYPE_CHARDEV_PTY,
    .parent = TYPE_CHARDEV,
    .instance_size = sizeof(PtyChardev),
    .instance_init = char_pty_init,
    .instance_finalize = char_pty_finalize,
    .class_init = char_pty_class_init,
};

static void register_types(void)
{
    type_register_static(&char_pty_type_info);
}

type_init(register_types);
