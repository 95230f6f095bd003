/*
 * Character devices: the back ends (stdio, pty, socket, file ...) that
 * guest-facing front ends (serial ports, the monitor, debugcon) talk to.
 *
 * A Chardev is a QOM object of abstract type TYPE_CHARDEV.  Each back end
 * is a subclass "chardev-<name>" that implements ChardevClass::open and
 * chr_write, and pushes received bytes to its front end with
 * qemu_chr_be_write().  Chardevs live under the QOM container /chardevs,
 * keyed by their label (the -chardev id).
 */
#ifndef QEMU_CHAR_H
#define QEMU_CHAR_H

#include "qom/object.h"

typedef struct QemuOpts QemuOpts;
typedef struct QemuOptsList QemuOptsList;
typedef struct CharBackend CharBackend;

/* Events a back end reports to its front end. */
typedef enum QEMUChrEvent {
    CHR_EVENT_BREAK,    /* serial break */
    CHR_EVENT_OPENED,   /* new connection established */
    CHR_EVENT_MUX_IN,   /* mux focus moved to this front end */
    CHR_EVENT_MUX_OUT,  /* mux focus moved away from this front end */
    CHR_EVENT_CLOSED,   /* connection closed */
} QEMUChrEvent;

#define CHR_READ_BUF_LEN 4096

typedef enum ChardevFeature {
    QEMU_CHAR_FEATURE_RECONNECTABLE,
    QEMU_CHAR_FEATURE_FD_PASS,
    QEMU_CHAR_FEATURE_REPLAY,
    QEMU_CHAR_FEATURE_GCONTEXT,
    QEMU_CHAR_FEATURE_LAST,
} ChardevFeature;

/*
 * Parsed back end configuration.  QEMU generates this from its QAPI
 * schema; here it is a flat struct that every back end's parse hook
 * fills from the -chardev options and its open hook consumes.
 */
typedef struct ChardevBackend {
    char *driver;           /* back end name: "null", "socket", ... */
    char *logfile;          /* logfile= : copy of everything written */
    bool logappend;
    /* file, pipe, serial, pty */
    char *path;             /* path= (file output, pipe base, pty link) */
    char *in_path;          /* file input (not settable from -chardev) */
    bool append;
    /* stdio */
    bool has_signal;
    bool signal;
    /* socket */
    bool is_unix;
    char *host;
    char *port;
    char *fd;               /* fd=N: a socket passed by the caller */
    bool server;
    bool wait;
    bool telnet;
    bool nodelay;
    bool ipv4;
    bool ipv6;
    bool has_reconnect;
    int64_t reconnect;      /* seconds; 0 = never */
    /* ringbuf / memory */
    int64_t size;
    /* mux: label of the chardev being multiplexed */
    char *chardev;
} ChardevBackend;

void chardev_backend_free(ChardevBackend *backend);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ChardevBackend, chardev_backend_free)

struct Chardev {
    Object parent_obj;

    GMutex chr_write_lock;
    CharBackend *be;        /* the attached front end, if any */
    char *label;
    char *filename;         /* human readable address, for query-chardev */
    int logfd;
    int be_open;            /* back end is connected */
    GSource *gsource;       /* read watch, owned by the back end */
    GMainContext *gcontext; /* context the watches run in (NULL = default) */
    unsigned long features;
};
typedef struct Chardev Chardev;

#define TYPE_CHARDEV "chardev"
OBJECT_DECLARE_TYPE(Chardev, ChardevClass, CHARDEV)

#define TYPE_CHARDEV_NULL "chardev-null"
#define TYPE_CHARDEV_MUX "chardev-mux"
#define TYPE_CHARDEV_RINGBUF "chardev-ringbuf"
#define TYPE_CHARDEV_MEMORY "chardev-memory"
#define TYPE_CHARDEV_PTY "chardev-pty"
#define TYPE_CHARDEV_FILE "chardev-file"
#define TYPE_CHARDEV_PIPE "chardev-pipe"
#define TYPE_CHARDEV_STDIO "chardev-stdio"
#define TYPE_CHARDEV_SOCKET "chardev-socket"
#define TYPE_CHARDEV_FD "chardev-fd"

#define CHARDEV_IS_RINGBUF(chr) \
    object_dynamic_cast(OBJECT(chr), TYPE_CHARDEV_RINGBUF)
#define CHARDEV_IS_PTY(chr) \
    object_dynamic_cast(OBJECT(chr), TYPE_CHARDEV_PTY)

struct ChardevClass {
    ObjectClass parent_class;

    bool internal;          /* not creatable by -chardev */

    /* Fill @backend from -chardev options (driver-specific part). */
    void (*parse)(QemuOpts *opts, ChardevBackend *backend, Error **errp);
    /* Set the back end up; *be_opened = false if not connected yet. */
    void (*open)(Chardev *chr, ChardevBackend *backend,
                 bool *be_opened, Error **errp);

    /* Returns bytes written, or -1 with errno (EAGAIN: try later). */
    int (*chr_write)(Chardev *s, const uint8_t *buf, int len);
    int (*chr_sync_read)(Chardev *s, const uint8_t *buf, int len);
    /* A source that fires when @cond (G_IO_OUT ...) holds. */
    GSource *(*chr_add_watch)(Chardev *s, GIOCondition cond);
    /* Front end handlers or context changed: re-create read watches. */
    void (*chr_update_read_handler)(Chardev *s);
    int (*chr_ioctl)(Chardev *s, int cmd, void *arg);
    void (*chr_set_fe_open)(Chardev *chr, int fe_open);
    void (*chr_be_event)(Chardev *s, QEMUChrEvent event);
    /* The front end can take more input again. */
    void (*chr_accept_input)(Chardev *chr);
    void (*chr_set_echo)(Chardev *chr, bool echo);
    void (*chr_disconnect)(Chardev *chr);
    int (*chr_wait_connected)(Chardev *chr, Error **errp);
};

/* The "chardev" option group (-chardev); vl.c registers it. */
extern QemuOptsList qemu_chardev_opts;

/*
 * Create a chardev from parsed -chardev options.  The label is the
 * option group id.  With mux=on a mux chardev named after the id wraps
 * a back end named "<id>-base".
 */
Chardev *qemu_chr_new_from_opts(QemuOpts *opts, GMainContext *context,
                                Error **errp);

/*
 * Create a chardev from a legacy -serial/-monitor style string
 * ("stdio", "pty", "tcp:host:port,server=on", "mon:stdio" ...).
 * Errors are reported with error_report; returns NULL on failure.
 */
Chardev *qemu_chr_new(const char *label, const char *filename,
                      GMainContext *context);
Chardev *qemu_chr_new_noreplay(const char *label, const char *filename,
                               bool permit_mux_mon, GMainContext *context);
/* As qemu_chr_new, with mon: prefix allowed (it implies mux=on). */
Chardev *qemu_chr_new_mux_mon(const char *label, const char *filename,
                              GMainContext *context);

/*
 * Turn a legacy string into "chardev" QemuOpts with id @label.  Returns
 * NULL if the string names no known back end.
 */
QemuOpts *qemu_chr_parse_compat(const char *label, const char *filename,
                                bool permit_mux_mon);

/* Parse options into a ChardevBackend (driver + common options). */
ChardevBackend *qemu_chr_parse_opts(QemuOpts *opts, Error **errp);
void qemu_chr_parse_common(QemuOpts *opts, ChardevBackend *backend);

/* Create a chardev of QOM type @typename directly (QMP chardev-add). */
Chardev *qemu_chardev_new(const char *id, const char *typename,
                          ChardevBackend *backend, GMainContext *context,
                          Error **errp);

/*
 * QMP chardev-add: @backend is the "backend" argument, {"type": DRIVER,
 * "data": {...}} as in QEMU's schema.  For a pty, *pty_path (if given)
 * gets the slave's path for the command's return value.
 */
typedef struct QDict QDict;
ChardevBackend *qemu_chr_backend_from_qmp(const QDict *backend,
                                          Error **errp);
Chardev *qemu_chr_add_qmp(const char *id, const QDict *backend,
                          char **pty_path, Error **errp);

Chardev *qemu_chr_find(const char *name);
/* Remove a chardev; fails if a front end still uses it. */
bool qemu_chr_remove(const char *id, Error **errp);
void qemu_chr_cleanup(void);

/* Call @fn for every chardev, in label order. */
void qemu_chr_foreach(void (*fn)(Chardev *chr, void *opaque), void *opaque);
/* Whether the front end has the device open (query-chardev). */
bool qemu_chr_frontend_open(Chardev *chr);
/* Names of the back ends -chardev accepts (query-chardev-backends). */
GPtrArray *qemu_chr_backend_names(void);

/* Write to the back end (front end -> outside world). */
int qemu_chr_write(Chardev *s, const uint8_t *buf, int len, bool write_all);
#define qemu_chr_write_all(s, buf, len) qemu_chr_write(s, buf, len, true)
int qemu_chr_wait_connected(Chardev *chr, Error **errp);

/* Back end -> front end. */
int qemu_chr_be_can_write(Chardev *s);
void qemu_chr_be_write(Chardev *s, const uint8_t *buf, int len);
void qemu_chr_be_write_impl(Chardev *s, const uint8_t *buf, int len);
void qemu_chr_be_update_read_handlers(Chardev *s, GMainContext *context);
void qemu_chr_be_event(Chardev *s, QEMUChrEvent event);

bool qemu_chr_has_feature(Chardev *chr, ChardevFeature feature);
void qemu_chr_set_feature(Chardev *chr, ChardevFeature feature);

/*
 * Mux chardevs deliver CHR_EVENT_OPENED to their front ends only once
 * the machine is built, so that all of them see it together.  vl.c
 * calls this after machine creation.
 */
void qemu_chr_open_muxes(void);
/* Ctrl-A x handler of mux chardevs; defaults to exit(0). */
extern void (*mux_chr_quit_hook)(void);

/* ringbuf/memory back ends: drain up to @len buffered bytes. */
int ringbuf_chr_read(Chardev *chr, uint8_t *buf, int len);
/* Bytes currently buffered in a ringbuf chardev. */
size_t ringbuf_count(Chardev *chr);

/* Put the stdio terminal back to its original mode (atexit/signals). */
void qemu_chr_stdio_restore(void);

#endif
