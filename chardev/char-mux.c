/*
 * Mux chardev (mux=on, mon:): one back end shared by several front ends
 * (typically a serial port and the monitor).  Input goes to the focused
 * front end; Ctrl-A escapes switch focus and control the emulator.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "chardev/char.h"
#include "chardev-internal.h"

#define MUX_ESCAPE_CHAR 0x01    /* Ctrl-A */
#define MUX_BUFFER_MASK (MUX_BUFFER_SIZE - 1)

static bool muxes_opened;
static guint muxes_open_idle;

static void mux_default_quit(void)
{
    exit(0);
}

void (*mux_chr_quit_hook)(void) = mux_default_quit;

static int mux_chr_write(Chardev *chr, const uint8_t *buf, int len)
{
    MuxChardev *d = MUX_CHARDEV(chr);
    int i;

    if (!d->timestamps) {
        return qemu_chr_fe_write(&d->chr, buf, len);
    }
    for (i = 0; i < len; i++) {
        if (d->linestart) {
            int64_t ms = g_get_monotonic_time() / 1000 - d->timestamps_start;
            char stamp[64];
            int secs = ms / 1000;

            snprintf(stamp, sizeof(stamp), "[%02d:%02d:%02d.%03d] ",
                     secs / 3600, (secs / 60) % 60, secs % 60,
                     (int)(ms % 1000));
            qemu_chr_fe_write_all(&d->chr, (uint8_t *)stamp, strlen(stamp));
            d->linestart = false;
        }
        qemu_chr_fe_write_all(&d->chr, buf + i, 1);
        if (buf[i] == '\n') {
            d->linestart = true;
        }
    }
    return len;
}

static void mux_print_help(Chardev *chr)
{
    MuxChardev *d = MUX_CHARDEV(chr);
    static const char *const lines[] = {
        "C-a h    print this help\n\r",
        "C-a x    exit emulator\n\r",
        "C-a s    save disk data back to file (if -snapshot)\n\r",
        "C-a t    toggle console timestamps\n\r",
        "C-a b    send break (magic sysrq)\n\r",
        "C-a c    switch between console and monitor\n\r",
        "C-a C-a  sends C-a\n\r",
    };
    size_t i;

    qemu_chr_fe_write_all(&d->chr, (const uint8_t *)"\n\r", 2);
    for (i = 0; i < ARRAY_SIZE(lines); i++) {
        qemu_chr_fe_write_all(&d->chr, (const uint8_t *)lines[i],
                              strlen(lines[i]));
    }
}

static void mux_chr_send_event(MuxChardev *d, int i, QEMUChrEvent event)
{
    CharBackend *be = d->backends[i];

    if (be && be->chr_event) {
        be->chr_event(be->opaque, event);
    }
}

static void mux_chr_be_event(Chardev *chr, QEMUChrEvent event)
{
    MuxChardev *d = MUX_CHARDEV(chr);

    if (d->focus != -1) {
        mux_chr_send_event(d, d->focus, event);
    }
}

/* Returns true if @ch is data for the focused front end. */
static bool mux_proc_byte(Chardev *chr, MuxChardev *d, int ch)
{
    if (d->term_got_escape) {
        d->term_got_escape = false;
        if (ch == MUX_ESCAPE_CHAR) {
            return true;
        }
        switch (ch) {
        case '?':
        case 'h':
            mux_print_help(chr);
            break;
        case 'x': {
            static const char term[] = "QEMU: Terminated\n\r";

            qemu_chr_write_all(chr, (const uint8_t *)term, strlen(term));
            mux_chr_quit_hook();
            break;
        }
        case 's':
            /* no -snapshot write-back support: nothing to flush */
            break;
        case 'b':
            qemu_chr_be_event(chr, CHR_EVENT_BREAK);
            break;
        case 'c':
            if (d->mux_cnt > 0) {
                mux_set_focus(chr, (d->focus + 1) % d->mux_cnt);
            }
            break;
        case 't':
            d->timestamps = !d->timestamps;
            d->timestamps_start = g_get_monotonic_time() / 1000;
            d->linestart = false;
            break;
        }
        return false;
    }
    if (ch == MUX_ESCAPE_CHAR) {
        d->term_got_escape = true;
        return false;
    }
    return true;
}

static void mux_chr_accept_input(Chardev *chr)
{
    MuxChardev *d = MUX_CHARDEV(chr);
    int m = d->focus;
    CharBackend *be;

    if (m < 0) {
        return;
    }
    be = d->backends[m];
    while (be && d->prod[m] != d->cons[m] && be->chr_can_read &&
           be->chr_can_read(be->opaque)) {
        be->chr_read(be->opaque,
                     &d->buffer[m][d->cons[m]++ & MUX_BUFFER_MASK], 1);
    }
}

static int mux_chr_can_read(void *opaque)
{
    MuxChardev *d = MUX_CHARDEV(opaque);
    int m = d->focus;
    CharBackend *be = m >= 0 ? d->backends[m] : NULL;

    /* escapes must get through even if the front end is full */
    if (m < 0 || d->prod[m] - d->cons[m] < MUX_BUFFER_SIZE) {
        return 1;
    }
    if (be && be->chr_can_read) {
        return be->chr_can_read(be->opaque);
    }
    return 0;
}

static void mux_chr_read(void *opaque, const uint8_t *buf, int size)
{
    Chardev *chr = CHARDEV(opaque);
    MuxChardev *d = MUX_CHARDEV(opaque);
    int i;

    mux_chr_accept_input(opaque);
    for (i = 0; i < size; i++) {
        int m = d->focus;
        CharBackend *be;

        if (!mux_proc_byte(chr, d, buf[i]) || m < 0) {
            continue;
        }
        be = d->backends[m];
        if (d->prod[m] == d->cons[m] && be && be->chr_can_read &&
            be->chr_can_read(be->opaque)) {
            be->chr_read(be->opaque, &buf[i], 1);
        } else if (d->prod[m] - d->cons[m] < MUX_BUFFER_SIZE) {
            d->buffer[m][d->prod[m]++ & MUX_BUFFER_MASK] = buf[i];
        }
    }
}

void mux_chr_send_all_event(Chardev *chr, QEMUChrEvent event)
{
    MuxChardev *d = MUX_CHARDEV(chr);
    int i;

    if (!muxes_opened) {
        return;
    }
    for (i = 0; i < d->mux_cnt; i++) {
        mux_chr_send_event(d, i, event);
    }
}

static void mux_chr_event(void *opaque, QEMUChrEvent event)
{
    mux_chr_send_all_event(CHARDEV(opaque), event);
}

static GSource *mux_chr_add_watch(Chardev *s, GIOCondition cond)
{
    MuxChardev *d = MUX_CHARDEV(s);
    Chardev *chr = qemu_chr_fe_get_driver(&d->chr);
    ChardevClass *cc;

    if (!chr) {
        return NULL;
    }
    cc = CHARDEV_GET_CLASS(chr);
    return cc->chr_add_watch ? cc->chr_add_watch(chr, cond) : NULL;
}

static void char_mux_finalize(Object *obj)
{
    MuxChardev *d = MUX_CHARDEV(obj);
    int i;

    for (i = 0; i < d->mux_cnt; i++) {
        CharBackend *be = d->backends[i];

        if (be) {
            be->chr = NULL;
        }
    }
    qemu_chr_fe_deinit(&d->chr, false);
}

void mux_chr_set_handlers(Chardev *chr, GMainContext *context)
{
    MuxChardev *d = MUX_CHARDEV(chr);

    /* our own handlers on the shared back end */
    qemu_chr_fe_set_handlers(&d->chr, mux_chr_can_read, mux_chr_read,
                             mux_chr_event, NULL, chr, context, true);
}

void mux_set_focus(Chardev *chr, int focus)
{
    MuxChardev *d = MUX_CHARDEV(chr);

    assert(focus >= 0 && focus < d->mux_cnt);
    if (d->focus != -1) {
        mux_chr_send_event(d, d->focus, CHR_EVENT_MUX_OUT);
    }
    d->focus = focus;
    chr->be = d->backends[focus];
    mux_chr_send_event(d, d->focus, CHR_EVENT_MUX_IN);
}

bool mux_chr_attach_frontend(MuxChardev *d, CharBackend *b,
                             unsigned int *tag, Error **errp)
{
    if (d->mux_cnt >= MAX_MUX) {
        /* QEMU reports a full mux like any busy chardev */
        error_setg(errp, "Device '%s' is in use", CHARDEV(d)->label);
        return false;
    }
    d->backends[d->mux_cnt] = b;
    *tag = d->mux_cnt++;
    return true;
}

void mux_chr_detach_frontend(MuxChardev *d, int tag)
{
    if (tag >= 0 && tag < MAX_MUX && d->backends[tag]) {
        d->backends[tag] = NULL;
        if (CHARDEV(d)->be == NULL && d->focus == tag) {
            d->focus = -1;
        }
    }
}

static gboolean open_muxes_idle(gpointer opaque)
{
    muxes_open_idle = 0;
    qemu_chr_open_muxes();
    return G_SOURCE_REMOVE;
}

static void qemu_chr_open_mux(Chardev *chr, ChardevBackend *backend,
                              bool *be_opened, Error **errp)
{
    MuxChardev *d = MUX_CHARDEV(chr);
    Chardev *drv = qemu_chr_find(backend->chardev);

    if (!drv) {
        error_setg(errp, "mux: base chardev %s not found", backend->chardev);
        return;
    }
    d->focus = -1;
    chr->filename = g_strdup(drv->filename);
    /*
     * Front ends learn OPENED together once the machine exists: when vl.c
     * calls qemu_chr_open_muxes(), or at the latest when the main loop
     * first runs (machine creation is complete by then).
     */
    *be_opened = muxes_opened;
    if (!muxes_opened && !muxes_open_idle) {
        muxes_open_idle = g_idle_add(open_muxes_idle, NULL);
    }
    qemu_chr_fe_init(&d->chr, drv, errp);
}

static int open_mux(Object *child, void *opaque)
{
    if (object_dynamic_cast(child, TYPE_CHARDEV_MUX)) {
        Chardev *chr = CHARDEV(child);

        mux_chr_send_all_event(chr, CHR_EVENT_OPENED);
        chr->be_open = 1;
    }
    return 0;
}

void qemu_chr_open_muxes(void)
{
    if (muxes_open_idle) {
        g_source_remove(muxes_open_idle);
        muxes_open_idle = 0;
    }
    if (muxes_opened) {
        return;
    }
    muxes_opened = true;
    object_child_foreach(container_get(object_get_root(), "/chardevs"),
                         open_mux, NULL);
}

static void char_mux_class_init(ObjectClass *oc, void *data)
{
    ChardevClass *cc = CHARDEV_CLASS(oc);

    cc->internal = true;    /* only via mux=on */
    cc->open = qemu_chr_open_mux;
    cc->chr_write = mux_chr_write;
    cc->chr_accept_input = mux_chr_accept_input;
    cc->chr_add_watch = mux_chr_add_watch;
    cc->chr_be_event = mux_chr_be_event;
}

static const TypeInfo char_mux_type_info = {
    .name = TYPE_CHARDEV_MUX,
    .parent = TYPE_CHARDEV,
    .class_init = char_mux_class_init,
    .instance_size = sizeof(MuxChardev),
    .instance_finalize = char_mux_finalize,
};

static void register_types(void)
{
    type_register_static(&char_mux_type_info);
}

type_init(register_types);
