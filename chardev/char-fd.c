/*
 * Back ends over plain file descriptors: the shared FDChardev plus the
 * file, pipe and tty ("serial") drivers.
 */
#include "qemu/osdep.h"
#include "qemu/oslib.h"
#include "qapi/error.h"
#include "qemu/option.h"
#include "chardev/char.h"
#include "chardev-internal.h"

int chr_set_nonblock(int fd, bool nonblock)
{
    int flags = fcntl(fd, F_GETFL);

    if (flags < 0) {
        return -errno;
    }
    flags = nonblock ? (flags | O_NONBLOCK) : (flags & ~O_NONBLOCK);
    return fcntl(fd, F_SETFL, flags) < 0 ? -errno : 0;
}

void chr_set_cloexec(int fd)
{
    int flags = fcntl(fd, F_GETFD);

    if (flags >= 0) {
        fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
    }
}

/* ---- fd watch source ---- */

typedef struct ChrFdSource {
    GSource source;
    int fd;
    GIOCondition cond;
    gpointer tag;       /* NULL while not polling */
    Chardev *chr;       /* read source: poll only when the FE has room */
} ChrFdSource;

static gboolean chr_fd_source_prepare(GSource *source, gint *timeout)
{
    ChrFdSource *s = (ChrFdSource *)source;
    bool want = !s->chr || qemu_chr_be_can_write(s->chr) > 0;

    *timeout = -1;
    if (want && !s->tag) {
        s->tag = g_source_add_unix_fd(source, s->fd, s->cond);
    } else if (!want && s->tag) {
        g_source_remove_unix_fd(source, s->tag);
        s->tag = NULL;
    }
    return FALSE;
}

static gboolean chr_fd_source_check(GSource *source)
{
    ChrFdSource *s = (ChrFdSource *)source;

    return s->tag && g_source_query_unix_fd(source, s->tag) != 0;
}

static gboolean chr_fd_source_dispatch(GSource *source, GSourceFunc callback,
                                       gpointer user_data)
{
    ChrFdSource *s = (ChrFdSource *)source;
    FEWatchFunc *func = (FEWatchFunc *)callback;
    GIOCondition revents = s->tag ? g_source_query_unix_fd(source, s->tag)
                                  : 0;

    if (!func) {
        return G_SOURCE_REMOVE;
    }
    return func(NULL, revents, user_data);
}

static GSourceFuncs chr_fd_source_funcs = {
    .prepare = chr_fd_source_prepare,
    .check = chr_fd_source_check,
    .dispatch = chr_fd_source_dispatch,
};

GSource *chr_fd_source_new(int fd, GIOCondition cond, Chardev *chr)
{
    GSource *source = g_source_new(&chr_fd_source_funcs,
                                   sizeof(ChrFdSource));
    ChrFdSource *s = (ChrFdSource *)source;

    s->fd = fd;
    s->cond = cond | G_IO_HUP | G_IO_ERR;
    s->chr = chr;
    if (!chr) {
        s->tag = g_source_add_unix_fd(source, fd, s->cond);
    }
    return source;
}

void chr_remove_source(GSource **src)
{
    if (*src) {
        g_source_destroy(*src);
        g_source_unref(*src);
        *src = NULL;
    }
}

/* ---- FDChardev ---- */

static int fd_chr_write(Chardev *chr, const uint8_t *buf, int len)
{
    FDChardev *s = FD_CHARDEV(chr);

    return write(s->fd_out, buf, len);
}

static gboolean fd_chr_read(void *unused, GIOCondition cond, void *opaque)
{
    Chardev *chr = opaque;
    FDChardev *s = FD_CHARDEV(chr);
    uint8_t buf[CHR_READ_BUF_LEN];
    int len = MIN(qemu_chr_be_can_write(chr), (int)sizeof(buf));
    ssize_t ret;

    if (len <= 0) {
        return G_SOURCE_CONTINUE;
    }
    ret = read(s->fd_in, buf, len);
    if (ret < 0 && (errno == EAGAIN || errno == EINTR)) {
        return G_SOURCE_CONTINUE;
    }
    if (ret <= 0) {
        /* EOF: stop polling, the other side is gone */
        g_source_unref(s->read_source);
        s->read_source = NULL;
        qemu_chr_be_event(chr, CHR_EVENT_CLOSED);
        return G_SOURCE_REMOVE;
    }
    qemu_chr_be_write(chr, buf, ret);
    return G_SOURCE_CONTINUE;
}

static void fd_chr_update_read_handler(Chardev *chr)
{
    FDChardev *s = FD_CHARDEV(chr);

    if (s->read_source) {
        g_source_destroy(s->read_source);
        g_source_unref(s->read_source);
        s->read_source = NULL;
    }
    if (s->fd_in >= 0 && chr->be && chr->be->chr_read) {
        s->read_source = chr_fd_source_new(s->fd_in, G_IO_IN, chr);
        g_source_set_callback(s->read_source, (GSourceFunc)fd_chr_read,
                              chr, NULL);
        g_source_attach(s->read_source, chr->gcontext);
    }
}

static GSource *fd_chr_add_watch(Chardev *chr, GIOCondition cond)
{
    FDChardev *s = FD_CHARDEV(chr);

    return chr_fd_source_new(s->fd_out, cond, NULL);
}

static void fd_chr_finalize(Object *obj)
{
    FDChardev *s = FD_CHARDEV(obj);

    if (s->read_source) {
        g_source_destroy(s->read_source);
        g_source_unref(s->read_source);
        s->read_source = NULL;
    }
    if (s->fd_in > 2) {
        close(s->fd_in);
    }
    if (s->fd_out > 2 && s->fd_out != s->fd_in) {
        close(s->fd_out);
    }
}

static void fd_chr_instance_init(Object *obj)
{
    FDChardev *s = FD_CHARDEV(obj);

    s->fd_in = s->fd_out = -1;
}

void qemu_chr_open_fd(Chardev *chr, int fd_in, int fd_out)
{
    FDChardev *s = FD_CHARDEV(chr);

    s->fd_in = fd_in;
    s->fd_out = fd_out;
    if (fd_in >= 0) {
        chr_set_nonblock(fd_in, true);
    }
}

int qemu_chr_open_fd_path(const char *path, int flags, Error **errp)
{
    /* qemu_open_old also resolves "/dev/fdset/N" from -add-fd. */
    int fd = qemu_open_old(path, flags, 0666);

    if (fd < 0) {
        error_setg_errno(errp, errno, "Could not open '%s'", path);
    }
    return fd;
}

static void fd_chr_class_init(ObjectClass *oc, void *data)
{
    ChardevClass *cc = CHARDEV_CLASS(oc);

    cc->chr_write = fd_chr_write;
    cc->chr_update_read_handler = fd_chr_update_read_handler;
    cc->chr_add_watch = fd_chr_add_watch;
}

/* ---- file ---- */

static void qemu_chr_parse_file_out(QemuOpts *opts, ChardevBackend *backend,
                                    Error **errp)
{
    const char *path = qemu_opt_get(opts, "path");

    if (!path) {
        error_setg(errp, "chardev: file: no filename given");
        return;
    }
    backend->path = g_strdup(path);
    backend->append = qemu_opt_get_bool(opts, "append", false);
}

static void qmp_chardev_open_file(Chardev *chr, ChardevBackend *backend,
                                  bool *be_opened, Error **errp)
{
    int flags = O_WRONLY | O_CREAT;
    int in = -1, out;

    flags |= backend->append ? O_APPEND : O_TRUNC;
    out = qemu_chr_open_fd_path(backend->path, flags, errp);
    if (out < 0) {
        return;
    }
    if (backend->in_path) {
        in = qemu_chr_open_fd_path(backend->in_path, O_RDONLY, errp);
        if (in < 0) {
            close(out);
            return;
        }
    }
    qemu_chr_open_fd(chr, in, out);
    chr->filename = g_strdup_printf("file:%s", backend->path);
}

static void char_file_class_init(ObjectClass *oc, void *data)
{
    ChardevClass *cc = CHARDEV_CLASS(oc);

    cc->parse = qemu_chr_parse_file_out;
    cc->open = qmp_chardev_open_file;
}

/* ---- pipe: PATH.in/PATH.out if both exist, else PATH read-write ---- */

static void qemu_chr_parse_pipe(QemuOpts *opts, ChardevBackend *backend,
                                Error **errp)
{
    const char *path = qemu_opt_get(opts, "path");

    if (!path) {
        error_setg(errp, "chardev: pipe: no device path given");
        return;
    }
    backend->path = g_strdup(path);
}

static void qemu_chr_open_pipe(Chardev *chr, ChardevBackend *backend,
                               bool *be_opened, Error **errp)
{
    g_autofree char *in_name = g_strdup_printf("%s.in", backend->path);
    g_autofree char *out_name = g_strdup_printf("%s.out", backend->path);
    int fd_in, fd_out;

    /* O_RDWR on a FIFO does not block waiting for the peer */
    fd_in = open(in_name, O_RDWR | O_CLOEXEC);
    fd_out = open(out_name, O_RDWR | O_CLOEXEC);
    if (fd_in < 0 || fd_out < 0) {
        if (fd_in >= 0) {
            close(fd_in);
        }
        if (fd_out >= 0) {
            close(fd_out);
        }
        fd_in = fd_out = qemu_chr_open_fd_path(backend->path, O_RDWR, errp);
        if (fd_in < 0) {
            return;
        }
    }
    qemu_chr_open_fd(chr, fd_in, fd_out);
    chr->filename = g_strdup_printf("pipe:%s", backend->path);
}

static void char_pipe_class_init(ObjectClass *oc, void *data)
{
    ChardevClass *cc = CHARDEV_CLASS(oc);

    cc->parse = qemu_chr_parse_pipe;
    cc->open = qemu_chr_open_pipe;
}

/* ---- tty: a host serial device, used as-is ---- */

static void qemu_chr_parse_serial(QemuOpts *opts, ChardevBackend *backend,
                                  Error **errp)
{
    const char *path = qemu_opt_get(opts, "path");

    if (!path) {
        error_setg(errp, "chardev: serial/tty: no device path given");
        return;
    }
    backend->path = g_strdup(path);
}

static void qmp_chardev_open_serial(Chardev *chr, ChardevBackend *backend,
                                    bool *be_opened, Error **errp)
{
    int fd = qemu_chr_open_fd_path(backend->path, O_RDWR | O_NONBLOCK |
                                   O_NOCTTY, errp);

    if (fd < 0) {
        return;
    }
    qemu_chr_open_fd(chr, fd, fd);
    chr->filename = g_strdup_printf("serial:%s", backend->path);
}

static void char_serial_class_init(ObjectClass *oc, void *data)
{
    ChardevClass *cc = CHARDEV_CLASS(oc);

    cc->parse = qemu_chr_parse_serial;
    cc->open = qmp_chardev_open_serial;
}

static const TypeInfo char_fd_types[] = {
    {
        .name = TYPE_CHARDEV_FD,
        .parent = TYPE_CHARDEV,
        .instance_size = sizeof(FDChardev),
        .instance_init = fd_chr_instance_init,
        .instance_finalize = fd_chr_finalize,
        .class_init = fd_chr_class_init,
        .abstract = true,
    }, {
        .name = TYPE_CHARDEV_FILE,
        .parent = TYPE_CHARDEV_FD,
        .class_init = char_file_class_init,
    }, {
        .name = TYPE_CHARDEV_PIPE,
        .parent = TYPE_CHARDEV_FD,
        .class_init = char_pipe_class_init,
    }, {
        .name = "chardev-tty",
        .parent = TYPE_CHARDEV_FD,
        .class_init = char_serial_class_init,
    },
};

DEFINE_TYPES(char_fd_types)
