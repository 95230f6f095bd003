/*
 * libqos-like helpers on top of libqtest for the pc machine: a bump
 * allocator for guest RAM, PCI config/BAR/MSI-X access and a virtio
 * PCI driver (legacy and modern transports, split virtqueues).
 */
#ifndef LIBQOS_H
#define LIBQOS_H

#include "libqtest.h"

/* ---- guest memory -------------------------------------------------- */

typedef struct QGuestAllocator {
    uint64_t start, end, next;
} QGuestAllocator;

/* Allocate from [start, end) of guest RAM (no free: tests are short). */
void guest_alloc_init(QGuestAllocator *a, uint64_t start, uint64_t end);
uint64_t guest_alloc(QGuestAllocator *a, uint64_t size);
uint64_t guest_alloc_aligned(QGuestAllocator *a, uint64_t size,
                             uint64_t align);

/* ---- PCI ------------------------------------------------------------ */

typedef struct QPCIBus {
    QTestState *qts;
    uint64_t pio_alloc, pio_limit;
    uint64_t mmio_alloc, mmio_limit;
} QPCIBus;

typedef struct QPCIBar {
    uint64_t addr;
    bool is_io;
} QPCIBar;

typedef struct QPCIDevice {
    QPCIBus *bus;
    int devfn;
    QPCIBar bars[6];
    uint64_t bar_size[6];
    bool bar_mapped[6];
    bool msix_enabled;
    int msix_cap;
    QPCIBar msix_table_bar, msix_pba_bar;
    uint64_t msix_table_off, msix_pba_off;
} QPCIDevice;

#define QPCI_DEVFN(slot, fn) (((slot) << 3) | (fn))

void qpci_init_pc(QPCIBus *bus, QTestState *qts);
/* NULL when nothing answers at @devfn (vendor 0xffff). */
QPCIDevice *qpci_device_find(QPCIBus *bus, int devfn);
/* First device on bus 0 with this vendor/device id, or NULL. */
QPCIDevice *qpci_find_by_id(QPCIBus *bus, uint16_t vendor, uint16_t device);
void qpci_device_free(QPCIDevice *dev);

uint8_t qpci_config_readb(QPCIDevice *dev, uint8_t offset);
uint16_t qpci_config_readw(QPCIDevice *dev, uint8_t offset);
uint32_t qpci_config_readl(QPCIDevice *dev, uint8_t offset);
void qpci_config_writeb(QPCIDevice *dev, uint8_t offset, uint8_t value);
void qpci_config_writew(QPCIDevice *dev, uint8_t offset, uint16_t value);
void qpci_config_writel(QPCIDevice *dev, uint8_t offset, uint32_t value);

/* I/O + memory decoding and bus mastering on. */
void qpci_device_enable(QPCIDevice *dev);
/* Capability offset after @start (0 = from the list head), 0 if none. */
uint8_t qpci_find_capability(QPCIDevice *dev, uint8_t id, uint8_t start);
/*
 * Size BAR @barno (all-ones probe), give it an address from the bus
 * window and return it; *sizeptr gets the size.  The device must be
 * enabled for accesses to decode.
 */
QPCIBar qpci_iomap(QPCIDevice *dev, int barno, uint64_t *sizeptr);

uint8_t qpci_io_readb(QPCIDevice *dev, QPCIBar bar, uint64_t off);
uint16_t qpci_io_readw(QPCIDevice *dev, QPCIBar bar, uint64_t off);
uint32_t qpci_io_readl(QPCIDevice *dev, QPCIBar bar, uint64_t off);
uint64_t qpci_io_readq(QPCIDevice *dev, QPCIBar bar, uint64_t off);
void qpci_io_writeb(QPCIDevice *dev, QPCIBar bar, uint64_t off, uint8_t v);
void qpci_io_writew(QPCIDevice *dev, QPCIBar bar, uint64_t off, uint16_t v);
void qpci_io_writel(QPCIDevice *dev, QPCIBar bar, uint64_t off, uint32_t v);
void qpci_io_writeq(QPCIDevice *dev, QPCIBar bar, uint64_t off, uint64_t v);

/* MSI-X: enable (maps the table BAR), program/unmask one entry. */
void qpci_msix_enable(QPCIDevice *dev);
void qpci_msix_disable(QPCIDevice *dev);
void qpci_msix_set_entry(QPCIDevice *dev, int entry, uint64_t addr,
                         uint32_t data, bool masked);
bool qpci_msix_pending(QPCIDevice *dev, int entry);
uint16_t qpci_msix_table_size(QPCIDevice *dev);

/* ---- virtio --------------------------------------------------------- */

#define QVIRTIO_STATUS_ACK          1
#define QVIRTIO_STATUS_DRIVER       2
#define QVIRTIO_STATUS_DRIVER_OK    4
#define QVIRTIO_STATUS_FEATURES_OK  8
#define QVIRTIO_STATUS_NEEDS_RESET  0x40
#define QVIRTIO_STATUS_FAILED       0x80

#define QVIRTIO_F_INDIRECT_DESC     28
#define QVIRTIO_F_EVENT_IDX         29
#define QVIRTIO_F_VERSION_1         32

#define QVRING_DESC_F_NEXT      1
#define QVRING_DESC_F_WRITE     2
#define QVRING_DESC_F_INDIRECT  4

#define QVIRTIO_NO_VECTOR 0xffff

typedef struct QVirtQueue {
    int index;
    uint16_t size;
    uint64_t desc, avail, used;
    uint16_t free_head;       /* next descriptor to hand out */
    uint16_t num_free;
    uint16_t avail_idx;       /* driver's shadow of avail->idx */
    uint16_t last_used_idx;
    uint16_t notify_off;      /* modern: queue_notify_off */
    uint16_t msix_entry;
    uint64_t msix_addr;
    uint32_t msix_data;
} QVirtQueue;

typedef struct QVirtioPCIDevice {
    QPCIDevice *pdev;
    QTestState *qts;
    bool modern;
    /* legacy */
    QPCIBar bar0;
    /* modern: where each structure lives */
    QPCIBar common_bar, notify_bar, isr_bar, device_bar;
    uint64_t common_off, notify_off, isr_off, device_off;
    uint32_t notify_mul;
    uint64_t features;
    uint16_t config_msix_entry;
} QVirtioPCIDevice;

/* Find @device_id (virtio id, e.g. 2 for block) on bus 0 and set up. */
QVirtioPCIDevice *qvirtio_pci_find(QPCIBus *bus, uint16_t virtio_id,
                                   bool modern);
void qvirtio_pci_free(QVirtioPCIDevice *d);

void qvirtio_reset(QVirtioPCIDevice *d);
uint8_t qvirtio_get_status(QVirtioPCIDevice *d);
void qvirtio_set_status(QVirtioPCIDevice *d, uint8_t status);
uint64_t qvirtio_get_features(QVirtioPCIDevice *d);
/* Writes the features; modern: sets FEATURES_OK, returns whether kept. */
bool qvirtio_set_features(QVirtioPCIDevice *d, uint64_t features);
uint8_t qvirtio_config_readb(QVirtioPCIDevice *d, uint64_t off);
uint16_t qvirtio_config_readw(QVirtioPCIDevice *d, uint64_t off);
uint32_t qvirtio_config_readl(QVirtioPCIDevice *d, uint64_t off);
uint64_t qvirtio_config_readq(QVirtioPCIDevice *d, uint64_t off);
uint8_t qvirtio_read_isr(QVirtioPCIDevice *d);

/* ACK + DRIVER + features (+FEATURES_OK); returns negotiated features. */
uint64_t qvirtio_start(QVirtioPCIDevice *d, uint64_t wanted);
void qvirtio_driver_ok(QVirtioPCIDevice *d);

QVirtQueue *qvirtqueue_setup(QVirtioPCIDevice *d, QGuestAllocator *a,
                             int index);
/* Route queue @vq to MSI-X @entry writing @data at guest RAM @addr. */
void qvirtqueue_set_msix(QVirtioPCIDevice *d, QVirtQueue *vq, int entry,
                         uint64_t addr, uint32_t data);

/* Add one descriptor; returns its index.  @next chains to the next one
 * handed out. */
uint16_t qvirtqueue_add(QVirtioPCIDevice *d, QVirtQueue *vq, uint64_t data,
                        uint32_t len, bool write, bool next);
/* Add a descriptor pointing at an indirect table of @n entries. */
uint16_t qvirtqueue_add_indirect(QVirtioPCIDevice *d, QVirtQueue *vq,
                                 uint64_t table, uint16_t n);
/* Write a raw descriptor at @idx. */
void qvirtqueue_write_desc(QVirtioPCIDevice *d, QVirtQueue *vq, uint16_t idx,
                           uint64_t addr, uint32_t len, uint16_t flags,
                           uint16_t next);
/* Publish @head in the available ring (no notification). */
void qvirtqueue_publish(QVirtioPCIDevice *d, QVirtQueue *vq, uint16_t head);
void qvirtqueue_kick(QVirtioPCIDevice *d, QVirtQueue *vq, uint16_t head);
/*
 * Poll the used ring (clock_step between reads) until an entry
 * appears; returns true with its id/len, false after @timeout_us.
 */
bool qvirtqueue_wait_used(QVirtioPCIDevice *d, QVirtQueue *vq,
                          uint32_t *id, uint32_t *len, uint64_t timeout_us);
/* Poll until the device sets NEEDS_RESET (true) or @timeout_us. */
bool qvirtio_wait_status_bit(QVirtioPCIDevice *d, uint8_t bit,
                             uint64_t timeout_us);

#endif
