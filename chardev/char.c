/*
 * Chardev core: the abstract "chardev" QOM type, the registry under
 * /chardevs, -chardev option parsing and the legacy string syntax used
 * by -serial and -monitor.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/option.h"
#include "qemu/config-file.h"
#include "qemu/module.h"
#include "chardev/char.h"
#include "chardev/char-fe.h"
#include "monitor/monitor.h"
#include "chardev-internal.h"

const char *const chardev_alias_table[][2] = {
    { "serial", "tty" },
    { "parallel", "parport" },
    { "vc", "null" },       /* no graphical consoles: a vc is a sink */
    { NULL, NULL },
};

static Object *get_chardevs_root(void)
{
    return container_get(object_get_root(), "/chardevs");
}

void chardev_backend_free(ChardevBackend *backend)
{
    if (!backend) {
        return;
    }
    g_free(backend->driver);
    g_free(backend->logfile);
    g_free(backend->path);
    g_free(backend->in_path);
    g_free(backend->host);
    g_free(backend->port);
    g_free(backend->fd);
    g_free(backend->chardev);
    g_free(backend);
}

/* ---- writing (front end -> back end) ---- */

static void qemu_chr_write_log(Chardev *s, const uint8_t *buf, size_t len)
{
    size_t done = 0;

    if (s->logfd < 0) {
        return;
    }
    while (done < len) {
        ssize_t ret = write(s->logfd, buf + done, len - done);
        if (ret < 0 && errno == EINTR) {
            continue;
        }
        if (ret <= 0) {
            return;     /* a broken log must not stop the guest */
        }
        done += ret;
    }
}

static int qemu_chr_write_buffer(Chardev *s, const uint8_t *buf, int len,
                                 int *offset, bool write_all)
{
    ChardevClass *cc = CHARDEV_GET_CLASS(s);
    int res = 0;

    *offset = 0;
    g_mutex_lock(&s->chr_write_lock);
    while (*offset < len) {
        res = cc->chr_write(s, buf + *offset, len - *offset);
        if (res < 0 && (errno == EINTR ||
                        (errno == EAGAIN && write_all))) {
            if (errno == EAGAIN) {
                g_usleep(100);
            }
            continue;
        }
        if (res <= 0) {
            break;
        }
        *offset += res;
        if (!write_all) {
            break;
        }
    }
    if (*offset > 0) {
        qemu_chr_write_log(s, buf, *offset);
    }
    g_mutex_unlock(&s->chr_write_lock);
    return res;
}

int qemu_chr_write(Chardev *s, const uint8_t *buf, int len, bool write_all)
{
    int offset = 0;
    int res;

    res = qemu_chr_write_buffer(s, buf, len, &offset, write_all);
    if (res < 0 && offset == 0) {
        return res;
    }
    return offset;
}

/* ---- back end -> front end ---- */

int qemu_chr_be_can_write(Chardev *s)
{
    CharBackend *be = s->be;

    if (!be || !be->chr_can_read) {
        return 0;
    }
    return be->chr_can_read(be->opaque);
}

void qemu_chr_be_write_impl(Chardev *s, const uint8_t *buf, int len)
{
    CharBackend *be = s->be;

    if (be && be->chr_read) {
        be->chr_read(be->opaque, buf, len);
    }
}

void qemu_chr_be_write(Chardev *s, const uint8_t *buf, int len)
{
    qemu_chr_be_write_impl(s, buf, len);
}

void qemu_chr_be_update_read_handlers(Chardev *s, GMainContext *context)
{
    ChardevClass *cc = CHARDEV_GET_CLASS(s);

    s->gcontext = context;
    if (cc->chr_update_read_handler) {
        cc->chr_update_read_handler(s);
    }
}

static void chr_be_event(Chardev *s, QEMUChrEvent event)
{
    CharBackend *be = s->be;

    if (!be || !be->chr_event) {
        return;
    }
    be->chr_event(be->opaque, event);
}

void qemu_chr_be_event(Chardev *s, QEMUChrEvent event)
{
    /* Track connection state so late front ends learn about it. */
    switch (event) {
    case CHR_EVENT_OPENED:
        s->be_open = 1;
        break;
    case CHR_EVENT_CLOSED:
        s->be_open = 0;
        break;
    default:
        break;
    }
    CHARDEV_GET_CLASS(s)->chr_be_event(s, event);
}

int qemu_chr_wait_connected(Chardev *chr, Error **errp)
{
    ChardevClass *cc = CHARDEV_GET_CLASS(chr);

    if (cc->chr_wait_connected) {
        return cc->chr_wait_connected(chr, errp);
    }
    return 0;
}

bool qemu_chr_has_feature(Chardev *chr, ChardevFeature feature)
{
    return chr->features & (1UL << feature);
}

void qemu_chr_set_feature(Chardev *chr, ChardevFeature feature)
{
    chr->features |= 1UL << feature;
}

/* ---- the abstract type ---- */

static void char_init(Object *obj)
{
    Chardev *chr = CHARDEV(obj);

    chr->logfd = -1;
    g_mutex_init(&chr->chr_write_lock);
}

static void char_finalize(Object *obj)
{
    Chardev *chr = CHARDEV(obj);

    if (chr->be) {
        chr->be->chr = NULL;
    }
    chr_remove_source(&chr->gsource);
    g_free(chr->filename);
    g_free(chr->label);
    if (chr->logfd >= 0) {
        close(chr->logfd);
    }
    g_mutex_clear(&chr->chr_write_lock);
}

static int null_chr_write(Chardev *chr, const uint8_t *buf, int len)
{
    return len;
}

static void char_class_init(ObjectClass *oc, void *data)
{
    ChardevClass *cc = CHARDEV_CLASS(oc);

    cc->chr_write = null_chr_write;
    cc->chr_be_event = chr_be_event;
}

static const TypeInfo char_type_info = {
    .name = TYPE_CHARDEV,
    .parent = TYPE_OBJECT,
    .instance_size = sizeof(Chardev),
    .instance_init = char_init,
    .instance_finalize = char_finalize,
    .abstract = true,
    .class_size = sizeof(ChardevClass),
    .class_init = char_class_init,
};

static void register_types(void)
{
    type_register_static(&char_type_info);
}

type_init(register_types);

/* ---- creation ---- */

static const ChardevClass *char_get_class(const char *driver, Error **errp)
{
    ObjectClass *oc;
    const ChardevClass *cc;
    g_autofree char *typename = g_strdup_printf("chardev-%s", driver);

    oc = object_class_by_name(typename);
    if (!oc || !object_class_dynamic_cast(oc, TYPE_CHARDEV) ||
        object_class_is_abstract(oc)) {
        error_setg(errp, "'%s' is not a valid char driver name", driver);
        return NULL;
    }
    cc = CHARDEV_CLASS(oc);
    if (cc->internal) {
        error_setg(errp, "'%s' is not a valid char driver name", driver);
        return NULL;
    }
    return cc;
}

static const char *chardev_alias_translate(const char *name)
{
    int i;

    for (i = 0; chardev_alias_table[i][0]; i++) {
        if (g_str_equal(chardev_alias_table[i][0], name)) {
            return chardev_alias_table[i][1];
        }
    }
    return name;
}

static void chardev_name_foreach(ObjectClass *oc, void *opaque)
{
    GPtrArray *names = opaque;
    const char *name = object_class_get_name(oc);

    if (object_class_is_abstract(oc) || CHARDEV_CLASS(oc)->internal ||
        !g_str_has_prefix(name, "chardev-")) {
        return;
    }
    g_ptr_array_add(names, g_strdup(name + strlen("chardev-")));
}

static gint compare_str(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

GPtrArray *qemu_chr_backend_names(void)
{
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    int i;

    object_class_foreach(chardev_name_foreach, TYPE_CHARDEV, false, names);
    for (i = 0; chardev_alias_table[i][0]; i++) {
        if (!g_str_equal(chardev_alias_table[i][0], "vc")) {
            g_ptr_array_add(names, g_strdup(chardev_alias_table[i][0]));
        }
    }
    g_ptr_array_sort(names, compare_str);
    return names;
}

void qemu_chr_parse_common(QemuOpts *opts, ChardevBackend *backend)
{
    const char *logfile = qemu_opt_get(opts, "logfile");

    backend->logfile = g_strdup(logfile);
    backend->logappend = qemu_opt_get_bool(opts, "logappend", false);
}

ChardevBackend *qemu_chr_parse_opts(QemuOpts *opts, Error **errp)
{
    const char *name = qemu_opt_get(opts, "backend");
    const char *id = qemu_opts_id(opts);
    const ChardevClass *cc;
    ChardevBackend *backend;
    Error *local_err = NULL;

    if (!id) {
        error_setg(errp, "chardev: no id specified");
        return NULL;
    }
    if (!name) {
        error_setg(errp, "chardev: \"%s\" missing backend", id);
        return NULL;
    }
    name = chardev_alias_translate(name);
    cc = char_get_class(name, errp);
    if (!cc) {
        return NULL;
    }
    backend = g_new0(ChardevBackend, 1);
    backend->driver = g_strdup(name);
    qemu_chr_parse_common(opts, backend);
    if (cc->parse) {
        cc->parse(opts, backend, &local_err);
        if (local_err) {
            error_propagate(errp, local_err);
            chardev_backend_free(backend);
            return NULL;
        }
    }
    return backend;
}

static bool qemu_char_open(Chardev *chr, ChardevBackend *backend,
                           bool *be_opened, Error **errp)
{
    ChardevClass *cc = CHARDEV_GET_CLASS(chr);
    Error *local_err = NULL;

    if (backend->logfile) {
        int flags = O_WRONLY | O_CREAT | O_CLOEXEC;

        flags |= backend->logappend ? O_APPEND : O_TRUNC;
        chr->logfd = open(backend->logfile, flags, 0666);
        if (chr->logfd < 0) {
            error_setg_errno(errp, errno, "Unable to open logfile %s",
                             backend->logfile);
            return false;
        }
    }
    *be_opened = true;
    if (cc->open) {
        cc->open(chr, backend, be_opened, &local_err);
        if (local_err) {
            error_propagate(errp, local_err);
            return false;
        }
    }
    return true;
}

Chardev *qemu_chardev_new(const char *id, const char *typename,
                          ChardevBackend *backend, GMainContext *context,
                          Error **errp)
{
    Object *obj;
    Chardev *chr;
    bool be_opened = true;

    ObjectClass *oc = object_class_by_name(typename);

    if (!oc || !object_class_dynamic_cast(oc, TYPE_CHARDEV) ||
        object_class_is_abstract(oc)) {
        error_setg(errp, "'%s' is not a valid char driver name",
                   g_str_has_prefix(typename, "chardev-") ?
                   typename + strlen("chardev-") : typename);
        return NULL;
    }
    if (id && qemu_chr_find(id)) {
        error_setg(errp, "Chardev '%s' already exists", id);
        return NULL;
    }
    obj = object_new(typename);
    chr = CHARDEV(obj);
    chr->label = g_strdup(id);
    chr->gcontext = context;

    if (!qemu_char_open(chr, backend, &be_opened, errp)) {
        object_unref(obj);
        return NULL;
    }
    if (!chr->filename) {
        chr->filename = g_strdup(typename + strlen("chardev-"));
    }
    if (be_opened) {
        qemu_chr_be_event(chr, CHR_EVENT_OPENED);
    }
    if (id) {
        object_property_add_child(get_chardevs_root(), id, obj);
        object_unref(obj);
    }
    return chr;
}

static void print_backend_help(void)
{
    g_autoptr(GPtrArray) names = qemu_chr_backend_names();
    guint i;

    printf("Available chardev backend types: \n");
    for (i = 0; i < names->len; i++) {
        printf("  %s\n", (char *)g_ptr_array_index(names, i));
    }
}

Chardev *qemu_chr_new_from_opts(QemuOpts *opts, GMainContext *context,
                                Error **errp)
{
    const char *name = qemu_opt_get(opts, "backend");
    const char *id = qemu_opts_id(opts);
    g_autoptr(ChardevBackend) backend = NULL;
    g_autofree char *bid = NULL;
    g_autofree char *typename = NULL;
    Chardev *chr, *mux;

    if (name && (g_str_equal(name, "help") || g_str_equal(name, "?"))) {
        print_backend_help();
        exit(0);
    }
    backend = qemu_chr_parse_opts(opts, errp);
    if (!backend) {
        return NULL;
    }
    typename = g_strdup_printf("chardev-%s", backend->driver);

    if (!qemu_opt_get_bool(opts, "mux", false)) {
        return qemu_chardev_new(id, typename, backend, context, errp);
    }

    if (qemu_chr_find(id)) {
        error_setg(errp, "Chardev '%s' already exists", id);
        return NULL;
    }
    bid = g_strdup_printf("%s-base", id);
    chr = qemu_chardev_new(bid, typename, backend, context, errp);
    if (!chr) {
        return NULL;
    }
    {
        g_autoptr(ChardevBackend) mb = g_new0(ChardevBackend, 1);

        mb->driver = g_strdup("mux");
        mb->chardev = g_strdup(bid);
        mux = qemu_chardev_new(id, TYPE_CHARDEV_MUX, mb, context, errp);
    }
    if (!mux) {
        object_unparent(OBJECT(chr));
        return NULL;
    }
    return mux;
}

/* ---- legacy strings ---- */

static bool parse_host_port(const char *p, char **host, char **port,
                            const char **rest)
{
    const char *colon, *comma;

    /* HOST:PORT or :PORT, optionally followed by ,options */
    colon = strchr(p, ':');
    if (!colon) {
        return false;
    }
    comma = strchr(colon + 1, ',');
    *host = g_strndup(p, colon - p);
    *port = comma ? g_strndup(colon + 1, comma - colon - 1)
                  : g_strdup(colon + 1);
    *rest = comma ? comma + 1 : NULL;
    if (!**port) {
        g_free(*host);
        g_free(*port);
        return false;
    }
    return true;
}

QemuOpts *qemu_chr_parse_compat(const char *label, const char *filename,
                                bool permit_mux_mon)
{
    static const char *const simple[] = {
        "null", "vc", "stdio", "pty", "msmouse", "braille", "testdev",
        NULL,
    };
    QemuOpts *opts;
    const char *p;
    int i;

    opts = qemu_opts_create(&qemu_chardev_opts, label, 1, NULL);
    if (!opts) {
        return NULL;
    }
    if (g_str_has_prefix(filename, "mon:")) {
        if (!permit_mux_mon) {
            error_report("mon: isn't supported in this context");
            goto fail;
        }
        filename += strlen("mon:");
        qemu_opt_set(opts, "mux", "on", &error_abort);
        if (g_str_equal(filename, "stdio")) {
            /* Ctrl-C must reach the monitor's escape handling, not kill */
            qemu_opt_set(opts, "signal", "off", &error_abort);
        }
    }

    for (i = 0; simple[i]; i++) {
        if (g_str_equal(filename, simple[i])) {
            qemu_opt_set(opts, "backend", simple[i], &error_abort);
            return opts;
        }
    }
    if (g_str_has_prefix(filename, "vc:")) {
        qemu_opt_set(opts, "backend", "vc", &error_abort);
        return opts;
    }
    if (g_str_has_prefix(filename, "file:")) {
        qemu_opt_set(opts, "backend", "file", &error_abort);
        qemu_opt_set(opts, "path", filename + 5, &error_abort);
        return opts;
    }
    if (g_str_has_prefix(filename, "pipe:")) {
        qemu_opt_set(opts, "backend", "pipe", &error_abort);
        qemu_opt_set(opts, "path", filename + 5, &error_abort);
        return opts;
    }
    if (g_str_has_prefix(filename, "tcp:") ||
        g_str_has_prefix(filename, "telnet:")) {
        g_autofree char *host = NULL, *port = NULL;
        const char *rest;

        p = strchr(filename, ':') + 1;
        if (!parse_host_port(p, &host, &port, &rest)) {
            goto fail;
        }
        qemu_opt_set(opts, "backend", "socket", &error_abort);
        qemu_opt_set(opts, "host", host, &error_abort);
        qemu_opt_set(opts, "port", port, &error_abort);
        if (g_str_has_prefix(filename, "telnet:")) {
            qemu_opt_set(opts, "telnet", "on", &error_abort);
        }
        if (rest && !qemu_opts_do_parse(opts, rest, NULL, NULL)) {
            goto fail;
        }
        return opts;
    }
    if (g_str_has_prefix(filename, "unix:")) {
        qemu_opt_set(opts, "backend", "socket", &error_abort);
        if (!qemu_opts_do_parse(opts, filename + 5, "path", NULL)) {
            goto fail;
        }
        return opts;
    }
    if (g_str_has_prefix(filename, "/dev/parport") ||
        g_str_has_prefix(filename, "/dev/")) {
        qemu_opt_set(opts, "backend", "tty", &error_abort);
        qemu_opt_set(opts, "path", filename, &error_abort);
        return opts;
    }

fail:
    qemu_opts_del(opts);
    return NULL;
}

Chardev *qemu_chr_new_noreplay(const char *label, const char *filename,
                               bool permit_mux_mon, GMainContext *context)
{
    QemuOpts *opts;
    Chardev *chr;
    Error *err = NULL;

    if (g_str_has_prefix(filename, "chardev:")) {
        return qemu_chr_find(filename + strlen("chardev:"));
    }
    opts = qemu_chr_parse_compat(label, filename, permit_mux_mon);
    if (!opts) {
        error_report("'%s' is not a valid char driver", filename);
        return NULL;
    }
    chr = qemu_chr_new_from_opts(opts, context, &err);
    if (!chr) {
        error_report_err(err);
        goto out;
    }
    /* "mon:": the monitor attaches itself to the mux. */
    if (qemu_opt_get_bool(opts, "mux", false)) {
        monitor_init_hmp(chr, true, &err);
        if (err) {
            error_report_err(err);
            object_unparent(OBJECT(chr));
            chr = NULL;
        }
    }
out:
    qemu_opts_del(opts);
    return chr;
}

Chardev *qemu_chr_new(const char *label, const char *filename,
                      GMainContext *context)
{
    return qemu_chr_new_noreplay(label, filename, false, context);
}

Chardev *qemu_chr_new_mux_mon(const char *label, const char *filename,
                              GMainContext *context)
{
    return qemu_chr_new_noreplay(label, filename, true, context);
}

/* ---- registry ---- */

Chardev *qemu_chr_find(const char *name)
{
    Object *obj;

    if (!name) {
        return NULL;
    }
    obj = object_resolve_path_component(get_chardevs_root(), name);
    return obj ? (Chardev *)object_dynamic_cast(obj, TYPE_CHARDEV) : NULL;
}

bool qemu_chr_remove(const char *id, Error **errp)
{
    Chardev *chr = qemu_chr_find(id);

    if (!chr) {
        error_setg(errp, "Chardev '%s' not found", id);
        return false;
    }
    if (chr->be && chr->be->opaque) {
        error_setg(errp, "Chardev '%s' is busy", id);
        return false;
    }
    object_unparent(OBJECT(chr));
    return true;
}

static int chr_collect(Object *child, void *opaque)
{
    Chardev *chr = (Chardev *)object_dynamic_cast(child, TYPE_CHARDEV);

    if (chr) {
        g_ptr_array_add(opaque, chr);
    }
    return 0;
}

static gint compare_label(gconstpointer a, gconstpointer b)
{
    const Chardev *ca = *(Chardev *const *)a, *cb = *(Chardev *const *)b;

    return strcmp(ca->label, cb->label);
}

void qemu_chr_foreach(void (*fn)(Chardev *chr, void *opaque), void *opaque)
{
    g_autoptr(GPtrArray) chrs = g_ptr_array_new();
    guint i;

    object_child_foreach(get_chardevs_root(), chr_collect, chrs);
    g_ptr_array_sort(chrs, compare_label);
    for (i = 0; i < chrs->len; i++) {
        fn(g_ptr_array_index(chrs, i), opaque);
    }
}

bool qemu_chr_frontend_open(Chardev *chr)
{
    return chr->be && chr->be->fe_open;
}

static int chr_unparent(Object *child, void *opaque)
{
    g_ptr_array_add(opaque, child);
    return 0;
}

void qemu_chr_cleanup(void)
{
    g_autoptr(GPtrArray) all = g_ptr_array_new();
    guint i;

    object_child_foreach(get_chardevs_root(), chr_unparent, all);
    /* muxes first: they hold a front end on their base chardev */
    for (i = 0; i < all->len; i++) {
        if (CHARDEV_IS_MUX(g_ptr_array_index(all, i))) {
            object_unparent(g_ptr_array_index(all, i));
            g_ptr_array_index(all, i) = NULL;
        }
    }
    for (i = 0; i < all->len; i++) {
        if (g_ptr_array_index(all, i)) {
            object_unparent(g_ptr_array_index(all, i));
        }
    }
}

/* ---- -chardev options ---- */

QemuOptsList qemu_chardev_opts = {
    .name = "chardev",
    .implied_opt_name = "backend",
    .head = QTAILQ_HEAD_INITIALIZER(qemu_chardev_opts.head),
    .desc = {
        { .name = "backend", .type = QEMU_OPT_STRING },
        { .name = "path", .type = QEMU_OPT_STRING },
        { .name = "host", .type = QEMU_OPT_STRING },
        { .name = "port", .type = QEMU_OPT_STRING },
        { .name = "fd", .type = QEMU_OPT_STRING },
        { .name = "local", .type = QEMU_OPT_BOOL },
        { .name = "localaddr", .type = QEMU_OPT_STRING },
        { .name = "localport", .type = QEMU_OPT_STRING },
        { .name = "to", .type = QEMU_OPT_NUMBER },
        { .name = "ipv4", .type = QEMU_OPT_BOOL },
        { .name = "ipv6", .type = QEMU_OPT_BOOL },
        { .name = "wait", .type = QEMU_OPT_BOOL },
        { .name = "server", .type = QEMU_OPT_BOOL },
        { .name = "delay", .type = QEMU_OPT_BOOL },
        { .name = "nodelay", .type = QEMU_OPT_BOOL },
        { .name = "reconnect", .type = QEMU_OPT_NUMBER },
        { .name = "telnet", .type = QEMU_OPT_BOOL },
        { .name = "tn3270", .type = QEMU_OPT_BOOL },
        { .name = "tls-creds", .type = QEMU_OPT_STRING },
        { .name = "tls-authz", .type = QEMU_OPT_STRING },
        { .name = "websocket", .type = QEMU_OPT_BOOL },
        { .name = "width", .type = QEMU_OPT_NUMBER },
        { .name = "height", .type = QEMU_OPT_NUMBER },
        { .name = "cols", .type = QEMU_OPT_NUMBER },
        { .name = "rows", .type = QEMU_OPT_NUMBER },
        { .name = "mux", .type = QEMU_OPT_BOOL },
        { .name = "signal", .type = QEMU_OPT_BOOL },
        { .name = "name", .type = QEMU_OPT_STRING },
        { .name = "debug", .type = QEMU_OPT_NUMBER },
        { .name = "size", .type = QEMU_OPT_SIZE },
        { .name = "chardev", .type = QEMU_OPT_STRING },
        { .name = "append", .type = QEMU_OPT_BOOL },
        { .name = "logfile", .type = QEMU_OPT_STRING },
        { .name = "logappend", .type = QEMU_OPT_BOOL },
        { .name = "mouse", .type = QEMU_OPT_BOOL },
        { .name = "clipboard", .type = QEMU_OPT_BOOL },
        { .name = "abstract", .type = QEMU_OPT_BOOL },
        { .name = "tight", .type = QEMU_OPT_BOOL },
        { /* end of list */ }
    },
};

static void chardev_register_opts(void)
{
    /* vl.c may register it too; qemu_add_opts ignores the repeat */
    qemu_add_opts(&qemu_chardev_opts);
}

opts_init(chardev_register_opts);
