/*
 * "ringbuf" (alias "memory"): keeps the last size bytes written, for
 * QMP ringbuf-read; ringbuf-write feeds the front end.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/option.h"
#include "chardev/char.h"

typedef struct RingBufChardev {
    Chardev parent;
    size_t size;        /* power of two */
    size_t prod;
    size_t cons;
    uint8_t *cbuf;
} RingBufChardev;

#define RINGBUF_CHARDEV(obj) \
    OBJECT_CHECK(RingBufChardev, (obj), TYPE_CHARDEV_RINGBUF)

size_t ringbuf_count(Chardev *chr)
{
    RingBufChardev *d = RINGBUF_CHARDEV(chr);

    return d->prod - d->cons;
}

static int ringbuf_chr_write(Chardev *chr, const uint8_t *buf, int len)
{
    RingBufChardev *d = RINGBUF_CHARDEV(chr);
    int i;

    for (i = 0; i < len; i++) {
        d->cbuf[d->prod++ & (d->size - 1)] = buf[i];
        /* full: the oldest byte is overwritten */
        if (d->prod - d->cons > d->size) {
            d->cons = d->prod - d->size;
        }
    }
    return len;
}

int ringbuf_chr_read(Chardev *chr, uint8_t *buf, int len)
{
    RingBufChardev *d = RINGBUF_CHARDEV(chr);
    int i;

    g_mutex_lock(&chr->chr_write_lock);
    for (i = 0; i < len && d->cons != d->prod; i++) {
        buf[i] = d->cbuf[d->cons++ & (d->size - 1)];
    }
    g_mutex_unlock(&chr->chr_write_lock);
    return i;
}

static void qemu_chr_parse_ringbuf(QemuOpts *opts, ChardevBackend *backend,
                                   Error **errp)
{
    backend->size = qemu_opt_get_size(opts, "size", 0);
}

static void qemu_chr_open_ringbuf(Chardev *chr, ChardevBackend *backend,
                                  bool *be_opened, Error **errp)
{
    RingBufChardev *d = RINGBUF_CHARDEV(chr);

    d->size = backend->size ? backend->size : 65536;
    if (!is_power_of_2(d->size)) {
        error_setg(errp, "size of ringbuf chardev must be power of two");
        return;
    }
    d->prod = 0;
    d->cons = 0;
    d->cbuf = g_malloc0(d->size);
}

static void char_ringbuf_finalize(Object *obj)
{
    g_free(RINGBUF_CHARDEV(obj)->cbuf);
}

static void char_ringbuf_class_init(ObjectClass *oc, void *data)
{
    ChardevClass *cc = CHARDEV_CLASS(oc);

    cc->parse = qemu_chr_parse_ringbuf;
    cc->open = qemu_chr_open_ringbuf;
    cc->chr_write = ringbuf_chr_write;
}

static const TypeInfo char_ringbuf_types[] = {
    {
        .name = TYPE_CHARDEV_RINGBUF,
        .parent = TYPE_CHARDEV,
        .class_init = char_ringbuf_class_init,
        .instance_size = sizeof(RingBufChardev),
        .instance_finalize = char_ringbuf_finalize,
    }, {
        /* Legacy alias: same back end under the older name. */
        .name = TYPE_CHARDEV_MEMORY,
        .parent = TYPE_CHARDEV_RINGBUF,
    },
};

DEFINE_TYPES(char_ringbuf_types)
