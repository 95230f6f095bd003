/*
 * chardev-add / chardev-remove arguments: QMP describes a back end as
 * {"type": DRIVER, "data": {...}} (QEMU's ChardevBackend union).  This
 * turns that into the ChardevBackend the drivers' open hooks take, so the
 * QMP command handlers stay thin.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qmp/qdict.h"
#include "qapi/qmp/qobject.h"
#include "qapi/qmp/qnum.h"
#include "qapi/qmp/qstring.h"
#include "chardev/char.h"

static bool qmp_get_bool(const QDict *d, const char *key, bool def)
{
    return d && qdict_haskey(d, key) ? qdict_get_try_bool(d, key, def) : def;
}

static const char *qmp_need_str(const QDict *d, const char *key,
                                Error **errp)
{
    const char *v = d ? qdict_get_try_str(d, key) : NULL;

    if (!v) {
        error_setg(errp, "Parameter '%s' is missing", key);
    }
    return v;
}

static bool parse_socket(const QDict *data, ChardevBackend *b, Error **errp)
{
    QDict *addr = data ? qdict_get_qdict(data, "addr") : NULL;
    QDict *ad;
    const char *type;

    if (!addr || !(type = qdict_get_try_str(addr, "type"))) {
        error_setg(errp, "Parameter 'addr' is missing");
        return false;
    }
    ad = qdict_get_qdict(addr, "data");
    if (g_str_equal(type, "unix")) {
        const char *path = qmp_need_str(ad, "path", errp);

        if (!path) {
            return false;
        }
        b->is_unix = true;
        b->path = g_strdup(path);
    } else if (g_str_equal(type, "inet")) {
        const char *host = qmp_need_str(ad, "host", errp);
        const char *port = host ? qmp_need_str(ad, "port", errp) : NULL;

        if (!port) {
            return false;
        }
        b->host = g_strdup(host);
        b->port = g_strdup(port);
        b->ipv4 = qmp_get_bool(ad, "ipv4", false);
        b->ipv6 = qmp_get_bool(ad, "ipv6", false);
    } else if (g_str_equal(type, "fd")) {
        const char *fd = qmp_need_str(ad, "str", errp);

        if (!fd) {
            return false;
        }
        b->fd = g_strdup(fd);
    } else {
        error_setg(errp, "Parameter 'addr.type' does not accept value '%s'",
                   type);
        return false;
    }
    b->server = qmp_get_bool(data, "server", false);
    b->wait = qmp_get_bool(data, "wait", true);
    b->telnet = qmp_get_bool(data, "telnet", false);
    b->nodelay = qmp_get_bool(data, "nodelay", false);
    if (qdict_haskey(data, "reconnect")) {
        b->has_reconnect = true;
        b->reconnect = qdict_get_try_int(data, "reconnect", 0);
    }
    if (b->server && b->has_reconnect) {
        error_setg(errp, "'reconnect' option is incompatible with "
                   "'server' option");
        return false;
    }
    return true;
}

ChardevBackend *qemu_chr_backend_from_qmp(const QDict *backend, Error **errp)
{
    g_autoptr(ChardevBackend) b = g_new0(ChardevBackend, 1);
    const char *type = backend ? qdict_get_try_str(backend, "type") : NULL;
    QDict *data;
    const char *v;

    if (!type) {
        error_setg(errp, "Parameter 'backend.type' is missing");
        return NULL;
    }
    data = qdict_get_qdict(backend, "data");
    b->driver = g_strdup(type);
    if (data) {
        b->logfile = g_strdup(qdict_get_try_str(data, "logfile"));
        b->logappend = qmp_get_bool(data, "logappend", false);
    }

    if (g_str_equal(type, "file")) {
        if (!(v = qmp_need_str(data, "out", errp))) {
            return NULL;
        }
        b->path = g_strdup(v);
        b->in_path = g_strdup(qdict_get_try_str(data, "in"));
        b->append = qmp_get_bool(data, "append", false);
    } else if (g_str_equal(type, "pipe") || g_str_equal(type, "serial")) {
        if (!(v = qmp_need_str(data, "device", errp))) {
            return NULL;
        }
        b->path = g_strdup(v);
        if (g_str_equal(type, "serial")) {
            g_free(b->driver);
            b->driver = g_strdup("tty");
        }
    } else if (g_str_equal(type, "socket")) {
        if (!parse_socket(data, b, errp)) {
            return NULL;
        }
    } else if (g_str_equal(type, "stdio")) {
        b->has_signal = data && qdict_haskey(data, "signal");
        b->signal = qmp_get_bool(data, "signal", true);
    } else if (g_str_equal(type, "ringbuf") || g_str_equal(type, "memory")) {
        b->size = data ? qdict_get_try_int(data, "size", 0) : 0;
    } else if (g_str_equal(type, "mux")) {
        if (!(v = qmp_need_str(data, "chardev", errp))) {
            return NULL;
        }
        b->chardev = g_strdup(v);
    } else if (!g_str_equal(type, "null") && !g_str_equal(type, "pty")) {
        error_setg(errp, "Parameter 'backend.type' does not accept value "
                   "'%s'", type);
        return NULL;
    }
    return g_steal_pointer(&b);
}

Chardev *qemu_chr_add_qmp(const char *id, const QDict *backend,
                          char **pty_path, Error **errp)
{
    g_autoptr(ChardevBackend) b = qemu_chr_backend_from_qmp(backend, errp);
    g_autofree char *typename = NULL;
    Chardev *chr;

    if (!b) {
        return NULL;
    }
    typename = g_strdup_printf("chardev-%s", b->driver);
    chr = qemu_chardev_new(id, typename, b, NULL, errp);
    if (chr && pty_path) {
        *pty_path = CHARDEV_IS_PTY(chr) && chr->filename ?
                    g_strdup(chr->filename + strlen("pty:")) : NULL;
    }
    return chr;
}
