/*
 * Chardev-backed virtio-serial ports: "virtserialport" (a named port,
 * e.g. org.qemu.guest_agent.0) and "virtconsole" (hvc in the guest).
 * Guest data goes to the chardev; when the chardev cannot take all of
 * it the port is throttled until a G_IO_OUT watch fires.  Chardev
 * connects/disconnects open/close the port towards the guest, and the
 * guest opening or closing the port opens/closes the chardev session
 * (and emits VSERPORT_CHANGE).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/module.h"
#include "chardev/char-fe.h"
#include "hw/qdev-properties.h"
#include "hw/qdev-properties-system.h"
#include "hw/virtio/virtio-serial.h"
#include "qapi/qapi-commands.h"


#define TYPE_VIRTIO_CONSOLE_SERIAL_PORT "virtserialport"
#define TYPE_VIRTIO_CONSOLE "virtconsole"

OBJECT_DECLARE_SIMPLE_TYPE(VirtConsole, VIRTIO_CONSOLE_SERIAL_PORT)

struct VirtConsole {
    VirtIOSerialPort parent_obj;

    CharBackend chr;
    guint watch;
};

/* The chardev can take more: resume delivering the guest's data. */
static gboolean chr_write_unblocked(void *do_not_use, GIOCondition cond,
                                    void *opaque)
{
    VirtConsole *vcon = opaque;

    vcon->watch = 0;
    virtio_serial_throttle_port(VIRTIO_SERIAL_PORT(vcon), false);
    return G_SOURCE_REMOVE;
}

static ssize_t flush_buf(VirtIOSerialPort *port, const uint8_t *buf,
                         ssize_t len)
{
    VirtConsole *vcon = VIRTIO_CONSOLE_SERIAL_PORT(port);
    ssize_t ret;

    if (!qemu_chr_fe_backend_connected(&vcon->chr)) {
        /* If there's no back end, we can just say we consumed all data. */
        return len;
    }
    ret = qemu_chr_fe_write(&vcon->chr, buf, len);
    if (ret < len) {
        if (ret < 0) {
            ret = 0;
        }
        /* Keep the rest with the port until the chardev drains. */
        virtio_serial_throttle_port(port, true);
        if (!vcon->watch) {
            vcon->watch = qemu_chr_fe_add_watch(&vcon->chr,
                                                G_IO_OUT | G_IO_HUP,
                                                chr_write_unblocked, vcon);
            if (!vcon->watch) {
                /* No watch support: nothing would wake us, drop it. */
                port->throttled = false;
                return len;
            }
        }
    }
    return ret;
}

static void set_guest_connected(VirtIOSerialPort *port, int guest_connected)
{
    VirtConsole *vcon = VIRTIO_CONSOLE_SERIAL_PORT(port);
    DeviceState *dev = DEVICE(port);
    VirtIOSerialPortClass *k = VIRTIO_SERIAL_PORT_GET_CLASS(port);

    if (!k->is_console) {
        qemu_chr_fe_set_open(&vcon->chr, guest_connected);
    }
    if (dev->id) {
        qapi_event_send_vserport_change(dev->id, guest_connected);
    }
}

static void guest_writable(VirtIOSerialPort *port)
{
    VirtConsole *vcon = VIRTIO_CONSOLE_SERIAL_PORT(port);

    qemu_chr_fe_accept_input(&vcon->chr);
}

static int chr_can_read(void *opaque)
{
    VirtConsole *vcon = opaque;

    return virtio_serial_guest_ready(VIRTIO_SERIAL_PORT(vcon));
}

static void chr_read(void *opaque, const uint8_t *buf, int size)
{
    VirtConsole *vcon = opaque;

    virtio_serial_write(VIRTIO_SERIAL_PORT(vcon), buf, size);
}

static void chr_event(void *opaque, QEMUChrEvent event)
{
    VirtConsole *vcon = opaque;
    VirtIOSerialPort *port = VIRTIO_SERIAL_PORT(vcon);

    switch (event) {
    case CHR_EVENT_OPENED:
        virtio_serial_open(port);
        break;
    case CHR_EVENT_CLOSED:
        if (vcon->watch) {
            g_source_remove(vcon->watch);
            vcon->watch = 0;
        }
        virtio_serial_close(port);
        break;
    default:
        break;
    }
}

static void virtconsole_realize(DeviceState *dev, Error **errp)
{
    VirtIOSerialPort *port = VIRTIO_SERIAL_PORT(dev);
    VirtConsole *vcon = VIRTIO_CONSOLE_SERIAL_PORT(dev);
    VirtIOSerialPortClass *k = VIRTIO_SERIAL_PORT_GET_CLASS(dev);

    if (port->id == 0 && !k->is_console) {
        error_setg(errp, "Port number 0 on virtio-serial devices reserved "
                   "for virtconsole devices for backward compatibility.");
        return;
    }
    if (qemu_chr_fe_backend_connected(&vcon->chr)) {
        /*
         * Consoles are always open towards the guest (hvc has no notion
         * of a disconnected back end); serial ports follow the chardev's
         * connection state through CHR_EVENT_OPENED/CLOSED.
         */
        qemu_chr_fe_set_handlers(&vcon->chr, chr_can_read, chr_read,
                                 k->is_console ? NULL : chr_event,
                                 NULL, vcon, NULL, false);
        if (k->is_console || qemu_chr_fe_backend_open(&vcon->chr)) {
            virtio_serial_open(port);
        }
    } else {
        /* No back end: data is dropped, the port looks connected. */
        virtio_serial_open(port);
    }
}

static void virtconsole_unrealize(DeviceState *dev)
{
    VirtConsole *vcon = VIRTIO_CONSOLE_SERIAL_PORT(dev);

    if (vcon->watch) {
        g_source_remove(vcon->watch);
        vcon->watch = 0;
    }
    qemu_chr_fe_deinit(&vcon->chr, false);
}

static Property virtserialport_properties[] = {
    DEFINE_PROP_CHR("chardev", VirtConsole, chr),
    DEFINE_PROP_END_OF_LIST(),
};

static void virtserialport_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    VirtIOSerialPortClass *k = VIRTIO_SERIAL_PORT_CLASS(klass);

    set_bit(DEVICE_CATEGORY_INPUT, dc->categories);
    k->realize = virtconsole_realize;
    k->unrealize = virtconsole_unrealize;
    k->have_data = flush_buf;
    k->set_guest_connected = set_guest_connected;
    k->guest_writable = guest_writable;
    device_class_set_props(dc, virtserialport_properties);
}

static void virtconsole_class_init(ObjectClass *klass, void *data)
{
    VirtIOSerialPortClass *k = VIRTIO_SERIAL_PORT_CLASS(klass);

    k->is_console = true;
}

static const TypeInfo virtserialport_info = {
    .name = TYPE_VIRTIO_CONSOLE_SERIAL_PORT,
    .parent = TYPE_VIRTIO_SERIAL_PORT,
    .instance_size = sizeof(VirtConsole),
    .class_init = virtserialport_class_init,
};

static const TypeInfo virtconsole_info = {
    .name = TYPE_VIRTIO_CONSOLE,
    .parent = TYPE_VIRTIO_CONSOLE_SERIAL_PORT,
    .class_init = virtconsole_class_init,
};

static void virtconsole_register_types(void)
{
    type_register_static(&virtserialport_info);
    type_register_static(&virtconsole_info);
}

type_init(virtconsole_register_types)
