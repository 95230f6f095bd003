/*
 * virtio-serial: a virtio console device ("virtio-serial-device") that
 * carries many ports ("virtserialport", "virtconsole") on its own bus
 * ("virtio-serial-bus").  With VIRTIO_CONSOLE_F_MULTIPORT the guest and
 * the host announce ports and their open state through a pair of
 * control queues; each port has a receive and a transmit queue.
 * API as QEMU's include/hw/virtio/virtio-serial.h.
 */
#ifndef QEMU_VIRTIO_SERIAL_H
#define QEMU_VIRTIO_SERIAL_H

#include <linux/virtio_console.h>
#include "hw/qdev-core.h"
#include "hw/virtio/virtio.h"
#include "qemu/queue.h"

#ifndef VIRTIO_CONSOLE_BAD_ID
#define VIRTIO_CONSOLE_BAD_ID (~(uint32_t)0)
#endif

struct virtio_serial_conf {
    /* Max. number of ports we can have for a virtio-serial device */
    uint32_t max_virtserial_ports;
    /* Offer VIRTIO_CONSOLE_F_EMERG_WRITE */
    bool emergency_write;
};

#define TYPE_VIRTIO_SERIAL_PORT "virtio-serial-port"
OBJECT_DECLARE_TYPE(VirtIOSerialPort, VirtIOSerialPortClass,
                    VIRTIO_SERIAL_PORT)

typedef struct VirtIOSerial VirtIOSerial;

#define TYPE_VIRTIO_SERIAL_BUS "virtio-serial-bus"
OBJECT_DECLARE_SIMPLE_TYPE(VirtIOSerialBus, VIRTIO_SERIAL_BUS)

struct VirtIOSerialPortClass {
    DeviceClass parent_class;

    /* Is this a device that binds with hvc in the guest? */
    bool is_console;

    /* The port type's own realize/unrealize (bus code does the rest). */
    DeviceRealize realize;
    DeviceUnrealize unrealize;

    /* The guest opened (1) or closed (0) the port. */
    void (*set_guest_connected)(VirtIOSerialPort *port, int guest_connected);
    /* The guest is ready to receive data on this port (PORT_READY). */
    void (*guest_ready)(VirtIOSerialPort *port);
    /* The guest added receive buffers: more of our data fits now. */
    void (*guest_writable)(VirtIOSerialPort *port);
    /*
     * The guest wrote @len bytes.  Return how many were consumed; when
     * fewer, call virtio_serial_throttle_port(port, true) and unthrottle
     * once the back end can take more: the rest is offered again then.
     */
    ssize_t (*have_data)(VirtIOSerialPort *port, const uint8_t *buf,
                         ssize_t len);
};

struct VirtIOSerialPort {
    DeviceState dev;

    QTAILQ_ENTRY(VirtIOSerialPort) next;

    VirtIOSerial *vser;
    VirtQueue *ivq, *ovq;
    char *name;
    uint32_t id;

    /* Guest data being handed to the back end, and how far we got. */
    VirtQueueElement *elem;
    uint32_t iov_idx;
    uint64_t iov_offset;

    bool guest_connected;
    bool host_connected;
    /* The back end cannot take more; stop popping the tx queue. */
    bool throttled;
};

struct VirtIOSerialBus {
    BusState qbus;
    VirtIOSerial *vser;
    uint32_t max_nr_ports;
};

#define TYPE_VIRTIO_SERIAL "virtio-serial-device"
#define VIRTIO_SERIAL(obj) \
    OBJECT_CHECK(VirtIOSerial, (obj), TYPE_VIRTIO_SERIAL)

struct VirtIOSerial {
    VirtIODevice parent_obj;

    VirtQueue *c_ivq, *c_ovq;
    /* Per-port receive (to guest) and transmit (from guest) queues. */
    VirtQueue **ivqs, **ovqs;

    VirtIOSerialBus bus;

    QTAILQ_HEAD(, VirtIOSerialPort) ports;
    /* Control messages waiting for a buffer on c_ivq (GByteArray *). */
    GQueue pending_ctrl;
    /* Bitmap of port ids in use. */
    unsigned long *ports_map;

    struct virtio_console_config port0_config;
    struct virtio_serial_conf serial;
    uint64_t host_features;
};

/* Host side opened/closed the port; the guest is told (PORT_OPEN). */
int virtio_serial_open(VirtIOSerialPort *port);
int virtio_serial_close(VirtIOSerialPort *port);
/* Send data to the guest; returns the bytes it could take. */
ssize_t virtio_serial_write(VirtIOSerialPort *port, const uint8_t *buf,
                            size_t size);
/* How many bytes the guest can take right now (0 if not open). */
size_t virtio_serial_guest_ready(VirtIOSerialPort *port);
/* Stop/restart delivering guest data to the back end. */
void virtio_serial_throttle_port(VirtIOSerialPort *port, bool throttle);

#endif
