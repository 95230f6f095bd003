/*
 * virtio-serial-device, its bus and the abstract port type.
 *
 * Queue layout (multiport): 0/1 = port 0 rx/tx, 2/3 = control rx/tx,
 * then rx/tx for ports 1..max_ports-1.  The guest says DEVICE_READY on
 * the control tx queue; we answer PORT_ADD for every port, the guest
 * answers PORT_READY per port and we send CONSOLE_PORT, PORT_NAME and
 * PORT_OPEN as they apply.  PORT_OPEN from the guest opens the port's
 * back end session.  Everything malformed the guest sends ends in
 * virtio_error().
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/bitmap.h"
#include "qemu/bswap.h"
#include "qemu/error-report.h"
#include "qemu/iov.h"
#include "qemu/module.h"
#include "hw/qdev-properties.h"
#include "hw/hotplug.h"
#include "hw/virtio/virtio-serial.h"

static bool use_multiport(VirtIOSerial *vser)
{
    return virtio_vdev_has_feature(VIRTIO_DEVICE(vser),
                                   VIRTIO_CONSOLE_F_MULTIPORT);
}

static bool driver_ok(VirtIOSerial *vser)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(vser);

    return (vdev->status & VIRTIO_CONFIG_S_DRIVER_OK) && !vdev->broken;
}

static VirtIOSerialPort *find_port_by_id(VirtIOSerial *vser, uint32_t id)
{
    VirtIOSerialPort *port;

    QTAILQ_FOREACH(port, &vser->ports, next) {
        if (port->id == id) {
            return port;
        }
    }
    return NULL;
}

static VirtIOSerialPort *find_port_by_vq(VirtIOSerial *vser, VirtQueue *vq)
{
    VirtIOSerialPort *port;

    QTAILQ_FOREACH(port, &vser->ports, next) {
        if (port->ivq == vq || port->ovq == vq) {
            return port;
        }
    }
    return NULL;
}

static VirtIOSerialPort *find_port_by_name(VirtIOSerial *vser,
                                           const char *name)
{
    VirtIOSerialPort *port;

    QTAILQ_FOREACH(port, &vser->ports, next) {
        if (port->name && !strcmp(port->name, name)) {
            return port;
        }
    }
    return NULL;
}

/* ---- control queue: host to guest ---------------------------------- */

static void flush_control_msgs(VirtIOSerial *vser)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(vser);
    bool pushed = false;
    GByteArray *msg;

    if (!virtio_queue_ready(vser->c_ivq) || !driver_ok(vser)) {
        return;
    }
    while ((msg = g_queue_peek_head(&vser->pending_ctrl))) {
        VirtQueueElement *elem = virtqueue_pop(vser->c_ivq,
                                               sizeof(VirtQueueElement));
        size_t len;

        if (!elem) {
            break;
        }
        len = iov_from_buf(elem->in_sg, elem->in_num, 0, msg->data,
                           msg->len);
        if (len < msg->len) {
            virtio_error(vdev, "virtio-serial: control receive buffer of "
                         "%zu bytes is too small", len);
            virtqueue_detach_element(vser->c_ivq, elem, 0);
            g_free(elem);
            return;
        }
        virtqueue_push(vser->c_ivq, elem, len);
        g_free(elem);
        g_byte_array_unref(g_queue_pop_head(&vser->pending_ctrl));
        pushed = true;
    }
    if (pushed) {
        virtio_notify(vdev, vser->c_ivq);
    }
}

static void send_control_event(VirtIOSerial *vser, uint32_t port_id,
                               uint16_t event, uint16_t value,
                               const char *extra)
{
    struct virtio_console_control cpkt;
    GByteArray *msg;

    if (!use_multiport(vser)) {
        return;
    }
    cpkt.id = cpu_to_le32(port_id);
    cpkt.event = cpu_to_le16(event);
    cpkt.value = cpu_to_le16(value);
    msg = g_byte_array_new();
    g_byte_array_append(msg, (uint8_t *)&cpkt, sizeof(cpkt));
    if (extra) {
        /* PORT_NAME: the name follows, NUL-terminated. */
        g_byte_array_append(msg, (const uint8_t *)extra, strlen(extra) + 1);
    }
    g_queue_push_tail(&vser->pending_ctrl, msg);
    flush_control_msgs(vser);
}

static void clear_control_msgs(VirtIOSerial *vser)
{
    GByteArray *msg;

    while ((msg = g_queue_pop_head(&vser->pending_ctrl))) {
        g_byte_array_unref(msg);
    }
}

/* ---- data: guest to host ------------------------------------------- */

static void discard_elem(VirtIOSerialPort *port)
{
    if (port->elem) {
        virtqueue_push(port->ovq, port->elem, 0);
        g_free(port->elem);
        port->elem = NULL;
        virtio_notify(VIRTIO_DEVICE(port->vser), port->ovq);
    }
}

static void discard_vq_data(VirtQueue *vq, VirtIODevice *vdev)
{
    VirtQueueElement *elem;
    bool pushed = false;

    if (!virtio_queue_ready(vq)) {
        return;
    }
    while ((elem = virtqueue_pop(vq, sizeof(VirtQueueElement)))) {
        virtqueue_push(vq, elem, 0);
        g_free(elem);
        pushed = true;
    }
    if (pushed) {
        virtio_notify(vdev, vq);
    }
}

/*
 * Hand the guest's data to the back end until it is throttled; the
 * element being written stays with the port until it is all taken.
 */
static void do_flush_queued_data(VirtIOSerialPort *port, VirtQueue *vq,
                                 VirtIODevice *vdev)
{
    VirtIOSerialPortClass *vsc = VIRTIO_SERIAL_PORT_GET_CLASS(port);

    while (!port->throttled) {
        unsigned int i;

        if (!port->elem) {
            port->elem = virtqueue_pop(vq, sizeof(VirtQueueElement));
            if (!port->elem) {
                break;
            }
            port->iov_idx = 0;
            port->iov_offset = 0;
        }
        for (i = port->iov_idx; i < port->elem->out_num; i++) {
            size_t buf_size = port->elem->out_sg[i].iov_len -
                              port->iov_offset;
            ssize_t ret;

            ret = vsc->have_data(port, (uint8_t *)port->elem->out_sg[i].iov_base
                                 + port->iov_offset, buf_size);
            if (!port->elem) {
                /* The port was closed while writing. */
                return;
            }
            if (port->throttled) {
                port->iov_idx = i;
                if (ret > 0) {
                    port->iov_offset += ret;
                }
                break;
            }
            port->iov_offset = 0;
        }
        if (port->throttled) {
            break;
        }
        virtqueue_push(vq, port->elem, 0);
        g_free(port->elem);
        port->elem = NULL;
    }
    virtio_notify(vdev, vq);
}

static void flush_queued_data(VirtIOSerialPort *port)
{
    if (!virtio_queue_ready(port->ovq)) {
        return;
    }
    do_flush_queued_data(port, port->ovq, VIRTIO_DEVICE(port->vser));
}

/* ---- public port API ----------------------------------------------- */

int virtio_serial_open(VirtIOSerialPort *port)
{
    if (port->host_connected) {
        return 0;
    }
    port->host_connected = true;
    /*
     * A port still being realized (hot-plug) is not announced yet: the
     * guest learns it is open after PORT_ADD, when it says PORT_READY.
     */
    if (find_port_by_id(port->vser, port->id) != port) {
        return 0;
    }
    send_control_event(port->vser, port->id, VIRTIO_CONSOLE_PORT_OPEN, 1,
                       NULL);
    return 0;
}

int virtio_serial_close(VirtIOSerialPort *port)
{
    port->host_connected = false;
    /* Whatever the guest still has queued has nowhere to go. */
    port->throttled = false;
    discard_elem(port);
    if (port->ovq) {
        discard_vq_data(port->ovq, VIRTIO_DEVICE(port->vser));
    }
    send_control_event(port->vser, port->id, VIRTIO_CONSOLE_PORT_OPEN, 0,
                       NULL);
    return 0;
}

ssize_t virtio_serial_write(VirtIOSerialPort *port, const uint8_t *buf,
                            size_t size)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(port->vser);
    size_t offset = 0;

    if (!port->host_connected || !port->guest_connected ||
        !driver_ok(port->vser) || !virtio_queue_ready(port->ivq)) {
        return 0;
    }
    while (offset < size) {
        VirtQueueElement *elem = virtqueue_pop(port->ivq,
                                               sizeof(VirtQueueElement));
        size_t len;

        if (!elem) {
            break;
        }
        len = iov_from_buf(elem->in_sg, elem->in_num, 0, buf + offset,
                           size - offset);
        offset += len;
        virtqueue_push(port->ivq, elem, len);
        g_free(elem);
    }
    virtio_notify(vdev, port->ivq);
    return offset;
}

size_t virtio_serial_guest_ready(VirtIOSerialPort *port)
{
    VirtQueueElement *elem;
    size_t size;

    if (!port->guest_connected || !driver_ok(port->vser) ||
        !virtio_queue_ready(port->ivq)) {
        return 0;
    }
    /* The next receive buffer's size: enough for the back end to go on. */
    elem = virtqueue_pop(port->ivq, sizeof(VirtQueueElement));
    if (!elem) {
        return 0;
    }
    size = iov_size(elem->in_sg, elem->in_num);
    virtqueue_unpop(port->ivq, elem, 0);
    g_free(elem);
    return size;
}

void virtio_serial_throttle_port(VirtIOSerialPort *port, bool throttle)
{
    if (!port) {
        return;
    }
    port->throttled = throttle;
    if (!throttle) {
        flush_queued_data(port);
    }
}

/* ---- control queue: guest to host ---------------------------------- */

static void handle_control_message(VirtIOSerial *vser, const uint8_t *buf,
                                   size_t len)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(vser);
    struct virtio_console_control cpkt;
    VirtIOSerialPortClass *vsc;
    VirtIOSerialPort *port;
    uint32_t id;
    uint16_t event, value;

    if (len < sizeof(cpkt)) {
        virtio_error(vdev, "virtio-serial: control message of %zu bytes, "
                     "expected %zu", len, sizeof(cpkt));
        return;
    }
    memcpy(&cpkt, buf, sizeof(cpkt));
    id = le32_to_cpu(cpkt.id);
    event = le16_to_cpu(cpkt.event);
    value = le16_to_cpu(cpkt.value);

    if (event == VIRTIO_CONSOLE_DEVICE_READY) {
        if (!value) {
            error_report("virtio-serial-bus: Guest failure in adding device "
                         "%s", vdev->name);
            return;
        }
        QTAILQ_FOREACH(port, &vser->ports, next) {
            send_control_event(vser, port->id, VIRTIO_CONSOLE_PORT_ADD, 1,
                               NULL);
        }
        return;
    }
    if (event != VIRTIO_CONSOLE_PORT_READY &&
        event != VIRTIO_CONSOLE_PORT_OPEN) {
        virtio_error(vdev, "virtio-serial: unexpected control event %u "
                     "from the guest", event);
        return;
    }
    port = find_port_by_id(vser, id);
    if (!port) {
        virtio_error(vdev, "virtio-serial: control event %u for unknown "
                     "port %u", event, id);
        return;
    }
    vsc = VIRTIO_SERIAL_PORT_GET_CLASS(port);

    if (event == VIRTIO_CONSOLE_PORT_READY) {
        if (!value) {
            error_report("virtio-serial-bus: Guest failure in adding port %u "
                         "for device %s", id, vdev->name);
            return;
        }
        if (vsc->is_console) {
            send_control_event(vser, id, VIRTIO_CONSOLE_CONSOLE_PORT, 1,
                               NULL);
        }
        if (port->name) {
            send_control_event(vser, id, VIRTIO_CONSOLE_PORT_NAME, 1,
                               port->name);
        }
        if (port->host_connected) {
            send_control_event(vser, id, VIRTIO_CONSOLE_PORT_OPEN, 1, NULL);
        }
        if (vsc->guest_ready) {
            vsc->guest_ready(port);
        }
        return;
    }

    /* VIRTIO_CONSOLE_PORT_OPEN */
    if (value > 1) {
        virtio_error(vdev, "virtio-serial: PORT_OPEN value %u", value);
        return;
    }
    port->guest_connected = value;
    if (vsc->set_guest_connected) {
        vsc->set_guest_connected(port, value);
    }
    if (value) {
        flush_queued_data(port);
    }
}

static void control_in(VirtIODevice *vdev, VirtQueue *vq)
{
    flush_control_msgs(VIRTIO_SERIAL(vdev));
}

static void control_out(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIOSerial *vser = VIRTIO_SERIAL(vdev);
    VirtQueueElement *elem;

    while (!vdev->broken &&
           (elem = virtqueue_pop(vq, sizeof(VirtQueueElement)))) {
        size_t len = iov_size(elem->out_sg, elem->out_num);
        /* Bounded: a header plus at most a name the guest never sends. */
        uint8_t *buf;

        if (len > 4096 || elem->in_num) {
            virtio_error(vdev, "virtio-serial: malformed control chain "
                         "(%zu bytes, %u writable buffers)", len,
                         elem->in_num);
            virtqueue_detach_element(vq, elem, 0);
            g_free(elem);
            return;
        }
        buf = g_malloc(len ? len : 1);
        iov_to_buf(elem->out_sg, elem->out_num, 0, buf, len);
        handle_control_message(vser, buf, len);
        g_free(buf);
        if (vdev->broken) {
            virtqueue_detach_element(vq, elem, 0);
        } else {
            virtqueue_push(vq, elem, 0);
        }
        g_free(elem);
    }
    virtio_notify(vdev, vq);
}

/* ---- data queues ---------------------------------------------------- */

/* The guest added receive buffers for a port. */
static void handle_input(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIOSerialPort *port = find_port_by_vq(VIRTIO_SERIAL(vdev), vq);
    VirtIOSerialPortClass *vsc;

    if (!port || !port->host_connected) {
        return;
    }
    vsc = VIRTIO_SERIAL_PORT_GET_CLASS(port);
    if (vsc->guest_writable) {
        vsc->guest_writable(port);
    }
}

static void handle_output(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIOSerialPort *port = find_port_by_vq(VIRTIO_SERIAL(vdev), vq);

    if (!port || !port->host_connected) {
        discard_vq_data(vq, vdev);
        return;
    }
    if (!port->throttled) {
        do_flush_queued_data(port, vq, vdev);
    }
}

/* ---- device --------------------------------------------------------- */

static uint64_t get_features(VirtIODevice *vdev, uint64_t features,
                             Error **errp)
{
    VirtIOSerial *vser = VIRTIO_SERIAL(vdev);

    features |= vser->host_features;
    if (vser->bus.max_nr_ports > 1) {
        virtio_add_feature(&features, VIRTIO_CONSOLE_F_MULTIPORT);
    }
    return features;
}

static void get_config(VirtIODevice *vdev, uint8_t *config_data)
{
    VirtIOSerial *vser = VIRTIO_SERIAL(vdev);
    struct virtio_console_config config = {};

    config.cols = cpu_to_le16(vser->port0_config.cols);
    config.rows = cpu_to_le16(vser->port0_config.rows);
    config.max_nr_ports = cpu_to_le32(vser->serial.max_virtserial_ports);
    memcpy(config_data, &config, vdev->config_len);
}

static void set_config(VirtIODevice *vdev, const uint8_t *config_data)
{
    VirtIOSerial *vser = VIRTIO_SERIAL(vdev);
    struct virtio_console_config config;
    VirtIOSerialPort *port;
    VirtIOSerialPortClass *vsc;
    uint8_t emerg_wr_lo;

    if (!virtio_has_feature(vser->host_features,
                            VIRTIO_CONSOLE_F_EMERG_WRITE) ||
        vdev->config_len < sizeof(config)) {
        return;
    }
    memcpy(&config, config_data, sizeof(config));
    /* Emergency write: one character for port 0, even before set up. */
    emerg_wr_lo = le32_to_cpu(config.emerg_wr);
    port = find_port_by_id(vser, 0);
    if (port) {
        vsc = VIRTIO_SERIAL_PORT_GET_CLASS(port);
        vsc->have_data(port, &emerg_wr_lo, 1);
    }
}

static void set_status(VirtIODevice *vdev, uint8_t status)
{
    VirtIOSerial *vser = VIRTIO_SERIAL(vdev);
    VirtIOSerialPort *port = find_port_by_id(vser, 0);

    /* Without multiport, port 0 is open as soon as the driver is. */
    if (port && !use_multiport(vser) &&
        (status & VIRTIO_CONFIG_S_DRIVER_OK)) {
        port->guest_connected = true;
    }
    if (status & VIRTIO_CONFIG_S_DRIVER_OK) {
        flush_control_msgs(vser);
    }
}

static void vser_reset(VirtIODevice *vdev)
{
    VirtIOSerial *vser = VIRTIO_SERIAL(vdev);
    VirtIOSerialPort *port;

    clear_control_msgs(vser);
    QTAILQ_FOREACH(port, &vser->ports, next) {
        VirtIOSerialPortClass *vsc = VIRTIO_SERIAL_PORT_GET_CLASS(port);

        /* The element belonged to the old driver's rings. */
        g_free(port->elem);
        port->elem = NULL;
        port->throttled = false;
        if (port->guest_connected) {
            port->guest_connected = false;
            if (vsc->set_guest_connected) {
                vsc->set_guest_connected(port, false);
            }
        }
    }
}

static void virtio_serial_device_realize(DeviceState *dev, Error **errp)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(dev);
    VirtIOSerial *vser = VIRTIO_SERIAL(dev);
    uint32_t i, max_supported_ports;
    size_t config_size = sizeof(struct virtio_console_config);

    if (!vser->serial.max_virtserial_ports) {
        error_setg(errp, "Maximum number of serial ports not specified");
        return;
    }
    /* Each port takes 2 queues, and one pair is for the control queue. */
    max_supported_ports = VIRTIO_QUEUE_MAX / 2 - 1;
    if (vser->serial.max_virtserial_ports > max_supported_ports) {
        error_setg(errp, "maximum ports supported: %u", max_supported_ports);
        return;
    }
    if (vser->serial.emergency_write) {
        virtio_add_feature(&vser->host_features,
                           VIRTIO_CONSOLE_F_EMERG_WRITE);
    } else {
        config_size = offsetof(struct virtio_console_config, emerg_wr);
    }
    virtio_init(vdev, VIRTIO_ID_CONSOLE, config_size);

    qbus_init(&vser->bus, sizeof(vser->bus), TYPE_VIRTIO_SERIAL_BUS, dev,
              vdev->bus_name);
    vser->bus.vser = vser;
    /* Ports come and go with device_add/device_del, as in QEMU. */
    qbus_set_hotplug_handler(BUS(&vser->bus), OBJECT(vser));
    vser->bus.max_nr_ports = vser->serial.max_virtserial_ports;
    QTAILQ_INIT(&vser->ports);
    g_queue_init(&vser->pending_ctrl);

    vser->ivqs = g_new0(VirtQueue *, vser->serial.max_virtserial_ports);
    vser->ovqs = g_new0(VirtQueue *, vser->serial.max_virtserial_ports);
    vser->ivqs[0] = virtio_add_queue(vdev, 128, handle_input);
    vser->ovqs[0] = virtio_add_queue(vdev, 128, handle_output);
    /* control queues */
    vser->c_ivq = virtio_add_queue(vdev, 32, control_in);
    vser->c_ovq = virtio_add_queue(vdev, 32, control_out);
    for (i = 1; i < vser->bus.max_nr_ports; i++) {
        vser->ivqs[i] = virtio_add_queue(vdev, 128, handle_input);
        vser->ovqs[i] = virtio_add_queue(vdev, 128, handle_output);
    }
    vser->ports_map = bitmap_new(vser->serial.max_virtserial_ports);
}

static void virtio_serial_device_unrealize(DeviceState *dev)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(dev);
    VirtIOSerial *vser = VIRTIO_SERIAL(dev);
    int i;

    clear_control_msgs(vser);
    for (i = virtio_get_num_queues(vdev) - 1; i >= 0; i--) {
        virtio_del_queue(vdev, i);
    }
    g_free(vser->ivqs);
    g_free(vser->ovqs);
    g_free(vser->ports_map);
    virtio_cleanup(vdev);
}

static Property virtio_serial_properties[] = {
    DEFINE_PROP_UINT32("max_ports", VirtIOSerial, serial.max_virtserial_ports,
                       31),
    DEFINE_PROP_BOOL("emergency-write", VirtIOSerial, serial.emergency_write,
                     false),
    DEFINE_PROP_END_OF_LIST(),
};

/*
 * device_del of a port: removed at once (qdev unparents it; its
 * unrealize tells the guest with PORT_REMOVE).
 */
static void virtser_port_unplug(HotplugHandler *hotplug_dev,
                                DeviceState *dev, Error **errp)
{
}

static void virtio_serial_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_CLASS(klass);
    HotplugHandlerClass *hc = HOTPLUG_HANDLER_CLASS(klass);

    device_class_set_props(dc, virtio_serial_properties);
    set_bit(DEVICE_CATEGORY_INPUT, dc->categories);
    vdc->realize = virtio_serial_device_realize;
    vdc->unrealize = virtio_serial_device_unrealize;
    vdc->get_features = get_features;
    vdc->get_config = get_config;
    vdc->set_config = set_config;
    vdc->set_status = set_status;
    vdc->reset = vser_reset;
    hc->unplug = virtser_port_unplug;
}

/* ---- ports ---------------------------------------------------------- */

static uint32_t find_free_port_id(VirtIOSerial *vser)
{
    unsigned long id = find_first_zero_bit(vser->ports_map,
                                           vser->serial.max_virtserial_ports);

    if (id >= vser->serial.max_virtserial_ports) {
        return VIRTIO_CONSOLE_BAD_ID;
    }
    return id;
}

static void virtser_port_device_realize(DeviceState *dev, Error **errp)
{
    VirtIOSerialPort *port = VIRTIO_SERIAL_PORT(dev);
    VirtIOSerialPortClass *vsc = VIRTIO_SERIAL_PORT_GET_CLASS(port);
    VirtIOSerialBus *bus = VIRTIO_SERIAL_BUS(qdev_get_parent_bus(dev));
    Error *err = NULL;

    port->vser = bus->vser;
    assert(vsc->have_data);

    if (port->name && find_port_by_name(port->vser, port->name)) {
        error_setg(errp, "virtio-serial-bus: A port already exists by name "
                   "%s", port->name);
        return;
    }
    if (port->id != VIRTIO_CONSOLE_BAD_ID &&
        find_port_by_id(port->vser, port->id)) {
        error_setg(errp, "virtio-serial-bus: A port already exists at id %u",
                   port->id);
        return;
    }
    if (port->id == VIRTIO_CONSOLE_BAD_ID) {
        /* Port 0 is reserved for a console, for compatibility. */
        if (vsc->is_console && !find_port_by_id(port->vser, 0)) {
            port->id = 0;
        } else {
            port->id = find_free_port_id(port->vser);
            if (port->id == 0) {
                set_bit(0, port->vser->ports_map);
                port->id = find_free_port_id(port->vser);
                clear_bit(0, port->vser->ports_map);
            }
            if (port->id == VIRTIO_CONSOLE_BAD_ID) {
                error_setg(errp, "virtio-serial-bus: Maximum port limit for "
                           "this device reached");
                return;
            }
        }
    }
    if (port->id >= port->vser->serial.max_virtserial_ports) {
        error_setg(errp, "virtio-serial-bus: Out-of-range port id specified, "
                   "max. allowed: %u",
                   port->vser->serial.max_virtserial_ports - 1);
        return;
    }
    vsc->realize(dev, &err);
    if (err) {
        error_propagate(errp, err);
        return;
    }
    port->ivq = port->vser->ivqs[port->id];
    port->ovq = port->vser->ovqs[port->id];
    set_bit(port->id, port->vser->ports_map);
    QTAILQ_INSERT_TAIL(&port->vser->ports, port, next);

    /* A port added while the driver runs is announced right away. */
    if (driver_ok(port->vser)) {
        send_control_event(port->vser, port->id, VIRTIO_CONSOLE_PORT_ADD, 1,
                           NULL);
    }
}

static void virtser_port_device_unrealize(DeviceState *dev)
{
    VirtIOSerialPort *port = VIRTIO_SERIAL_PORT(dev);
    VirtIOSerialPortClass *vsc = VIRTIO_SERIAL_PORT_GET_CLASS(dev);
    VirtIOSerial *vser = port->vser;

    if (!vser) {
        return;
    }
    discard_elem(port);
    discard_vq_data(port->ovq, VIRTIO_DEVICE(vser));
    clear_bit(port->id, vser->ports_map);
    QTAILQ_REMOVE(&vser->ports, port, next);
    send_control_event(vser, port->id, VIRTIO_CONSOLE_PORT_REMOVE, 1, NULL);
    if (vsc->unrealize) {
        vsc->unrealize(dev);
    }
    port->vser = NULL;
}

static Property virtser_props[] = {
    DEFINE_PROP_UINT32("nr", VirtIOSerialPort, id, VIRTIO_CONSOLE_BAD_ID),
    DEFINE_PROP_STRING("name", VirtIOSerialPort, name),
    DEFINE_PROP_END_OF_LIST()
};

static void virtio_serial_port_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *k = DEVICE_CLASS(klass);

    set_bit(DEVICE_CATEGORY_INPUT, k->categories);
    k->bus_type = TYPE_VIRTIO_SERIAL_BUS;
    k->realize = virtser_port_device_realize;
    k->unrealize = virtser_port_device_unrealize;
    device_class_set_props(k, virtser_props);
}

static const TypeInfo virtio_serial_port_type_info = {
    .name = TYPE_VIRTIO_SERIAL_PORT,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(VirtIOSerialPort),
    .abstract = true,
    .class_size = sizeof(VirtIOSerialPortClass),
    .class_init = virtio_serial_port_class_init,
};

static const TypeInfo virtser_bus_info = {
    .name = TYPE_VIRTIO_SERIAL_BUS,
    .parent = TYPE_BUS,
    .instance_size = sizeof(VirtIOSerialBus),
};

static const TypeInfo virtio_device_info = {
    .name = TYPE_VIRTIO_SERIAL,
    .parent = TYPE_VIRTIO_DEVICE,
    .instance_size = sizeof(VirtIOSerial),
    .class_init = virtio_serial_class_init,
    .interfaces = (InterfaceInfo[]) {
        { TYPE_HOTPLUG_HANDLER },
        { }
    },
};

static void virtio_serial_register_types(void)
{
    type_register_static(&virtser_bus_info);
    type_register_static(&virtio_serial_port_type_info);
    type_register_static(&virtio_device_info);
}

type_init(virtio_serial_register_types)
