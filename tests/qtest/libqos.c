/*
 * libqos-like helpers: guest RAM allocator, PCI through 0xcf8/0xcfc and
 * a virtio PCI driver (see libqos.h).
 */
#include <string.h>
#include "libqos.h"

/* ---- guest memory -------------------------------------------------- */

void guest_alloc_init(QGuestAllocator *a, uint64_t start, uint64_t end)
{
    a->start = a->next = start;
    a->end = end;
}

uint64_t guest_alloc_aligned(QGuestAllocator *a, uint64_t size,
                             uint64_t align)
{
    uint64_t addr = (a->next + align - 1) & ~(align - 1);

    g_assert(addr + size <= a->end);
    a->next = addr + size;
    return addr;
}

uint64_t guest_alloc(QGuestAllocator *a, uint64_t size)
{
    return guest_alloc_aligned(a, size, 64);
}

/* ---- PCI ------------------------------------------------------------ */

void qpci_init_pc(QPCIBus *bus, QTestState *qts)
{
    bus->qts = qts;
    /* The same windows QEMU's libqos uses on pc. */
    bus->pio_alloc = 0xc000;
    bus->pio_limit = 0x10000;
    bus->mmio_alloc = 0xe0000000;
    bus->mmio_limit = 0x100000000ULL;
}

static void cfg_addr(QPCIDevice *dev, uint8_t offset)
{
    qtest_outl(dev->bus->qts, 0xcf8,
               0x80000000u | dev->devfn << 8 | (offset & 0xfc));
}

uint8_t qpci_config_readb(QPCIDevice *dev, uint8_t offset)
{
    cfg_addr(dev, offset);
    return qtest_inb(dev->bus->qts, 0xcfc + (offset & 3));
}

uint16_t qpci_config_readw(QPCIDevice *dev, uint8_t offset)
{
    cfg_addr(dev, offset);
    return qtest_inw(dev->bus->qts, 0xcfc + (offset & 2));
}

uint32_t qpci_config_readl(QPCIDevice *dev, uint8_t offset)
{
    cfg_addr(dev, offset);
    return qtest_inl(dev->bus->qts, 0xcfc);
}

void qpci_config_writeb(QPCIDevice *dev, uint8_t offset, uint8_t value)
{
    cfg_addr(dev, offset);
    qtest_outb(dev->bus->qts, 0xcfc + (offset & 3), value);
}

void qpci_config_writew(QPCIDevice *dev, uint8_t offset, uint16_t value)
{
    cfg_addr(dev, offset);
    qtest_outw(dev->bus->qts, 0xcfc + (offset & 2), value);
}

void qpci_config_writel(QPCIDevice *dev, uint8_t offset, uint32_t value)
{
    cfg_addr(dev, offset);
    qtest_outl(dev->bus->qts, 0xcfc, value);
}

QPCIDevice *qpci_device_find(QPCIBus *bus, int devfn)
{
    QPCIDevice *dev = g_new0(QPCIDevice, 1);

    dev->bus = bus;
    dev->devfn = devfn;
    if (qpci_config_readw(dev, 0) == 0xffff) {
        g_free(dev);
        return NULL;
    }
    return dev;
}

QPCIDevice *qpci_find_by_id(QPCIBus *bus, uint16_t vendor, uint16_t device)
{
    int devfn;

    for (devfn = 0; devfn < 256; devfn++) {
        QPCIDevice *dev = qpci_device_find(bus, devfn);

        if (!dev) {
            continue;
        }
        if (qpci_config_readw(dev, 0) == vendor &&
            qpci_config_readw(dev, 2) == device) {
            return dev;
        }
        g_free(dev);
    }
    return NULL;
}

void qpci_device_free(QPCIDevice *dev)
{
    g_free(dev);
}

void qpci_device_enable(QPCIDevice *dev)
{
    uint16_t cmd = qpci_config_readw(dev, 4);

    qpci_config_writew(dev, 4, cmd | 0x7);      /* IO, MEM, MASTER */
    g_assert_cmphex(qpci_config_readw(dev, 4) & 7, ==, 7);
}

uint8_t qpci_find_capability(QPCIDevice *dev, uint8_t id, uint8_t start)
{
    uint8_t off;

    if (!(qpci_config_readw(dev, 6) & 0x10)) {
        return 0;
    }
    off = start ? qpci_config_readb(dev, start + 1) :
                  qpci_config_readb(dev, 0x34);
    while (off) {
        if (qpci_config_readb(dev, off) == id) {
            return off;
        }
        off = qpci_config_readb(dev, off + 1);
    }
    return 0;
}

QPCIBar qpci_iomap(QPCIDevice *dev, int barno, uint64_t *sizeptr)
{
    uint8_t reg = 0x10 + barno * 4;
    uint32_t orig, probe;
    uint64_t size, addr;
    QPCIBar bar = { 0 };
    bool is64 = false;

    g_assert(barno >= 0 && barno < 6);
    if (dev->bar_mapped[barno]) {
        if (sizeptr) {
            *sizeptr = dev->bar_size[barno];
        }
        return dev->bars[barno];
    }
    orig = qpci_config_readl(dev, reg);
    qpci_config_writel(dev, reg, 0xffffffff);
    probe = qpci_config_readl(dev, reg);
    g_assert(probe != 0);
    if (probe & 1) {
        size = (uint32_t)~(probe & ~3u) + 1;
        size &= 0xffff;
        addr = (dev->bus->pio_alloc + size - 1) & ~(size - 1);
        g_assert(addr + size <= dev->bus->pio_limit);
        dev->bus->pio_alloc = addr + size;
        qpci_config_writel(dev, reg, addr);
        bar.is_io = true;
    } else {
        uint64_t mask = probe & ~0xfull;

        is64 = ((orig >> 1) & 3) == 2;
        if (is64) {
            qpci_config_writel(dev, reg + 4, 0xffffffff);
            mask |= (uint64_t)qpci_config_readl(dev, reg + 4) << 32;
        } else {
            mask |= 0xffffffff00000000ull;
        }
        size = ~mask + 1;
        addr = (dev->bus->mmio_alloc + size - 1) & ~(size - 1);
        g_assert(addr + size <= dev->bus->mmio_limit);
        dev->bus->mmio_alloc = addr + size;
        qpci_config_writel(dev, reg, addr);
        if (is64) {
            qpci_config_writel(dev, reg + 4, addr >> 32);
        }
    }
    bar.addr = addr;
    dev->bars[barno] = bar;
    dev->bar_size[barno] = size;
    dev->bar_mapped[barno] = true;
    if (sizeptr) {
        *sizeptr = size;
    }
    return bar;
}

#define IO_ACCESSOR(sfx, type, pio, mmio, bits)                              \
type qpci_io_read##sfx(QPCIDevice *dev, QPCIBar bar, uint64_t off)            \
{                                                                             \
    QTestState *s = dev->bus->qts;                                            \
    return bar.is_io ? (type)pio(s, bar.addr + off) : mmio(s, bar.addr + off); \
}
IO_ACCESSOR(b, uint8_t, qtest_inb, qtest_readb, 8)
IO_ACCESSOR(w, uint16_t, qtest_inw, qtest_readw, 16)
IO_ACCESSOR(l, uint32_t, qtest_inl, qtest_readl, 32)

uint64_t qpci_io_readq(QPCIDevice *dev, QPCIBar bar, uint64_t off)
{
    QTestState *s = dev->bus->qts;

    if (bar.is_io) {
        return qtest_inl(s, bar.addr + off) |
               (uint64_t)qtest_inl(s, bar.addr + off + 4) << 32;
    }
    return qtest_readq(s, bar.addr + off);
}

void qpci_io_writeb(QPCIDevice *dev, QPCIBar bar, uint64_t off, uint8_t v)
{
    if (bar.is_io) {
        qtest_outb(dev->bus->qts, bar.addr + off, v);
    } else {
        qtest_writeb(dev->bus->qts, bar.addr + off, v);
    }
}

void qpci_io_writew(QPCIDevice *dev, QPCIBar bar, uint64_t off, uint16_t v)
{
    if (bar.is_io) {
        qtest_outw(dev->bus->qts, bar.addr + off, v);
    } else {
        qtest_writew(dev->bus->qts, bar.addr + off, v);
    }
}

void qpci_io_writel(QPCIDevice *dev, QPCIBar bar, uint64_t off, uint32_t v)
{
    if (bar.is_io) {
        qtest_outl(dev->bus->qts, bar.addr + off, v);
    } else {
        qtest_writel(dev->bus->qts, bar.addr + off, v);
    }
}

void qpci_io_writeq(QPCIDevice *dev, QPCIBar bar, uint64_t off, uint64_t v)
{
    if (bar.is_io) {
        qtest_outl(dev->bus->qts, bar.addr + off, v);
        qtest_outl(dev->bus->qts, bar.addr + off + 4, v >> 32);
    } else {
        qtest_writeq(dev->bus->qts, bar.addr + off, v);
    }
}

/* ---- MSI-X ---------------------------------------------------------- */

void qpci_msix_enable(QPCIDevice *dev)
{
    uint8_t cap = qpci_find_capability(dev, 0x11, 0);
    uint32_t table, pba;
    uint16_t ctrl;

    g_assert(cap);
    dev->msix_cap = cap;
    table = qpci_config_readl(dev, cap + 4);
    pba = qpci_config_readl(dev, cap + 8);
    dev->msix_table_bar = qpci_iomap(dev, table & 7, NULL);
    dev->msix_table_off = table & ~7u;
    dev->msix_pba_bar = qpci_iomap(dev, pba & 7, NULL);
    dev->msix_pba_off = pba & ~7u;
    ctrl = qpci_config_readw(dev, cap + 2);
    qpci_config_writew(dev, cap + 2, (ctrl | 0x8000) & ~0x4000);
    dev->msix_enabled = true;
}

void qpci_msix_disable(QPCIDevice *dev)
{
    uint16_t ctrl;

    g_assert(dev->msix_cap);
    ctrl = qpci_config_readw(dev, dev->msix_cap + 2);
    qpci_config_writew(dev, dev->msix_cap + 2, ctrl & ~0x8000);
    dev->msix_enabled = false;
}

uint16_t qpci_msix_table_size(QPCIDevice *dev)
{
    uint8_t cap = qpci_find_capability(dev, 0x11, 0);

    g_assert(cap);
    return (qpci_config_readw(dev, cap + 2) & 0x7ff) + 1;
}

void qpci_msix_set_entry(QPCIDevice *dev, int entry, uint64_t addr,
                         uint32_t data, bool masked)
{
    uint64_t off = dev->msix_table_off + entry * 16;

    g_assert(dev->msix_enabled);
    qpci_io_writel(dev, dev->msix_table_bar, off, addr);
    qpci_io_writel(dev, dev->msix_table_bar, off + 4, addr >> 32);
    qpci_io_writel(dev, dev->msix_table_bar, off + 8, data);
    qpci_io_writel(dev, dev->msix_table_bar, off + 12, masked);
}

bool qpci_msix_pending(QPCIDevice *dev, int entry)
{
    uint32_t word = qpci_io_readl(dev, dev->msix_pba_bar,
                                  dev->msix_pba_off + (entry / 32) * 4);

    return word & (1u << (entry % 32));
}

/* ---- virtio PCI ----------------------------------------------------- */

/* Legacy register offsets in BAR 0. */
#define VL_HOST_FEATURES  0x00
#define VL_GUEST_FEATURES 0x04
#define VL_QUEUE_PFN      0x08
#define VL_QUEUE_NUM      0x0c
#define VL_QUEUE_SEL      0x0e
#define VL_QUEUE_NOTIFY   0x10
#define VL_STATUS         0x12
#define VL_ISR            0x13
#define VL_MSIX_CONFIG    0x14
#define VL_MSIX_QUEUE     0x16

/* Modern common configuration. */
#define VC_DFSELECT   0x00
#define VC_DF         0x04
#define VC_GFSELECT   0x08
#define VC_GF         0x0c
#define VC_MSIX       0x10
#define VC_NUMQ       0x12
#define VC_STATUS     0x14
#define VC_CFGGEN     0x15
#define VC_Q_SELECT   0x16
#define VC_Q_SIZE     0x18
#define VC_Q_MSIX     0x1a
#define VC_Q_ENABLE   0x1c
#define VC_Q_NOFF     0x1e
#define VC_Q_DESC     0x20
#define VC_Q_AVAIL    0x28
#define VC_Q_USED     0x30

static void modern_find_caps(QVirtioPCIDevice *d)
{
    QPCIDevice *p = d->pdev;
    uint8_t cap = 0;
    int found = 0;

    while ((cap = qpci_find_capability(p, 0x09, cap))) {
        uint8_t type = qpci_config_readb(p, cap + 3);
        uint8_t bar = qpci_config_readb(p, cap + 4);
        uint32_t off = qpci_config_readl(p, cap + 8);
        QPCIBar b;

        if (type < 1 || type > 4) {
            continue;
        }
        b = qpci_iomap(p, bar, NULL);
        switch (type) {
        case 1:
            d->common_bar = b;
            d->common_off = off;
            break;
        case 2:
            d->notify_bar = b;
            d->notify_off = off;
            d->notify_mul = qpci_config_readl(p, cap + 16);
            break;
        case 3:
            d->isr_bar = b;
            d->isr_off = off;
            break;
        case 4:
            d->device_bar = b;
            d->device_off = off;
            break;
        }
        found |= 1 << type;
    }
    g_assert_cmphex(found & 0x1e, ==, 0x1e);
}

QVirtioPCIDevice *qvirtio_pci_find(QPCIBus *bus, uint16_t virtio_id,
                                   bool modern)
{
    QVirtioPCIDevice *d;
    int devfn;

    for (devfn = 0; devfn < 256; devfn++) {
        QPCIDevice *p = qpci_device_find(bus, devfn);

        if (!p) {
            continue;
        }
        if (qpci_config_readw(p, 0) == 0x1af4) {
            uint16_t id = qpci_config_readw(p, 2);
            uint16_t sub = qpci_config_readw(p, 0x2e);

            if (id == 0x1040 + virtio_id ||
                (id >= 0x1000 && id < 0x1040 && sub == virtio_id)) {
                d = g_new0(QVirtioPCIDevice, 1);
                d->pdev = p;
                d->qts = bus->qts;
                d->modern = modern;
                d->config_msix_entry = QVIRTIO_NO_VECTOR;
                qpci_device_enable(p);
                if (modern) {
                    modern_find_caps(d);
                } else {
                    d->bar0 = qpci_iomap(p, 0, NULL);
                    g_assert(d->bar0.is_io);
                }
                return d;
            }
        }
        g_free(p);
    }
    return NULL;
}

void qvirtio_pci_free(QVirtioPCIDevice *d)
{
    if (d) {
        qpci_device_free(d->pdev);
        g_free(d);
    }
}

#define CW(w, off, v) qpci_io_write##w(d->pdev, d->common_bar, \
                                       d->common_off + (off), (v))
#define CR(w, off) qpci_io_read##w(d->pdev, d->common_bar, \
                                   d->common_off + (off))
#define LW(w, off, v) qpci_io_write##w(d->pdev, d->bar0, (off), (v))
#define LR(w, off) qpci_io_read##w(d->pdev, d->bar0, (off))

uint8_t qvirtio_get_status(QVirtioPCIDevice *d)
{
    return d->modern ? CR(b, VC_STATUS) : LR(b, VL_STATUS);
}

void qvirtio_set_status(QVirtioPCIDevice *d, uint8_t status)
{
    if (d->modern) {
        CW(b, VC_STATUS, status);
    } else {
        LW(b, VL_STATUS, status);
    }
}

void qvirtio_reset(QVirtioPCIDevice *d)
{
    qvirtio_set_status(d, 0);
    g_assert_cmphex(qvirtio_get_status(d), ==, 0);
}

uint64_t qvirtio_get_features(QVirtioPCIDevice *d)
{
    uint64_t f;

    if (!d->modern) {
        return LR(l, VL_HOST_FEATURES);
    }
    CW(l, VC_DFSELECT, 0);
    f = CR(l, VC_DF);
    CW(l, VC_DFSELECT, 1);
    f |= (uint64_t)CR(l, VC_DF) << 32;
    return f;
}

bool qvirtio_set_features(QVirtioPCIDevice *d, uint64_t features)
{
    d->features = features;
    if (!d->modern) {
        LW(l, VL_GUEST_FEATURES, features);
        return true;
    }
    CW(l, VC_GFSELECT, 0);
    CW(l, VC_GF, features);
    CW(l, VC_GFSELECT, 1);
    CW(l, VC_GF, features >> 32);
    qvirtio_set_status(d, qvirtio_get_status(d) |
                       QVIRTIO_STATUS_FEATURES_OK);
    return qvirtio_get_status(d) & QVIRTIO_STATUS_FEATURES_OK;
}

static uint64_t config_base(QVirtioPCIDevice *d, QPCIBar *bar)
{
    if (d->modern) {
        *bar = d->device_bar;
        return d->device_off;
    }
    *bar = d->bar0;
    return d->pdev->msix_enabled ? 0x18 : 0x14;
}

uint8_t qvirtio_config_readb(QVirtioPCIDevice *d, uint64_t off)
{
    QPCIBar bar;
    uint64_t base = config_base(d, &bar);

    return qpci_io_readb(d->pdev, bar, base + off);
}

uint16_t qvirtio_config_readw(QVirtioPCIDevice *d, uint64_t off)
{
    QPCIBar bar;
    uint64_t base = config_base(d, &bar);

    return qpci_io_readw(d->pdev, bar, base + off);
}

uint32_t qvirtio_config_readl(QVirtioPCIDevice *d, uint64_t off)
{
    QPCIBar bar;
    uint64_t base = config_base(d, &bar);

    return qpci_io_readl(d->pdev, bar, base + off);
}

uint64_t qvirtio_config_readq(QVirtioPCIDevice *d, uint64_t off)
{
    QPCIBar bar;
    uint64_t base = config_base(d, &bar);

    return qpci_io_readl(d->pdev, bar, base + off) |
           (uint64_t)qpci_io_readl(d->pdev, bar, base + off + 4) << 32;
}

uint8_t qvirtio_read_isr(QVirtioPCIDevice *d)
{
    return d->modern ? qpci_io_readb(d->pdev, d->isr_bar, d->isr_off) :
                       LR(b, VL_ISR);
}

uint64_t qvirtio_start(QVirtioPCIDevice *d, uint64_t wanted)
{
    uint64_t f;

    qvirtio_reset(d);
    qvirtio_set_status(d, QVIRTIO_STATUS_ACK);
    qvirtio_set_status(d, QVIRTIO_STATUS_ACK | QVIRTIO_STATUS_DRIVER);
    f = qvirtio_get_features(d) & wanted;
    if (d->modern) {
        f |= 1ull << QVIRTIO_F_VERSION_1;
    }
    g_assert(qvirtio_set_features(d, f));
    return f;
}

void qvirtio_driver_ok(QVirtioPCIDevice *d)
{
    qvirtio_set_status(d, qvirtio_get_status(d) |
                       QVIRTIO_STATUS_DRIVER_OK);
}

QVirtQueue *qvirtqueue_setup(QVirtioPCIDevice *d, QGuestAllocator *a,
                             int index)
{
    QVirtQueue *vq = g_new0(QVirtQueue, 1);
    uint64_t ring;
    int i;

    vq->index = index;
    vq->msix_entry = QVIRTIO_NO_VECTOR;
    if (d->modern) {
        CW(w, VC_Q_SELECT, index);
        vq->size = CR(w, VC_Q_SIZE);
        vq->notify_off = CR(w, VC_Q_NOFF);
    } else {
        LW(w, VL_QUEUE_SEL, index);
        vq->size = LR(w, VL_QUEUE_NUM);
    }
    g_assert(vq->size);
    /* Legacy layout (also valid for modern): used ring page aligned. */
    ring = guest_alloc_aligned(a, 16 * vq->size + 6 + 2 * vq->size + 4096 +
                               6 + 8 * vq->size, 4096);
    vq->desc = ring;
    vq->avail = ring + 16 * vq->size;
    vq->used = (vq->avail + 6 + 2 * vq->size + 4095) & ~4095ull;
    qtest_memset(d->qts, ring, 0, vq->used + 6 + 8 * vq->size - ring);
    for (i = 0; i < vq->size - 1; i++) {
        qtest_writew(d->qts, vq->desc + 16 * i + 14, i + 1);
    }
    vq->num_free = vq->size;
    if (d->modern) {
        /* 64-bit fields as two dword writes, as the spec allows. */
        CW(l, VC_Q_DESC, vq->desc);
        CW(l, VC_Q_DESC + 4, vq->desc >> 32);
        CW(l, VC_Q_AVAIL, vq->avail);
        CW(l, VC_Q_AVAIL + 4, vq->avail >> 32);
        CW(l, VC_Q_USED, vq->used);
        CW(l, VC_Q_USED + 4, vq->used >> 32);
        CW(w, VC_Q_ENABLE, 1);
    } else {
        LW(l, VL_QUEUE_PFN, vq->desc >> 12);
    }
    return vq;
}

void qvirtqueue_set_msix(QVirtioPCIDevice *d, QVirtQueue *vq, int entry,
                         uint64_t addr, uint32_t data)
{
    uint16_t got;

    qpci_msix_set_entry(d->pdev, entry, addr, data, false);
    if (d->modern) {
        CW(w, VC_Q_SELECT, vq->index);
        CW(w, VC_Q_MSIX, entry);
        got = CR(w, VC_Q_MSIX);
    } else {
        LW(w, VL_QUEUE_SEL, vq->index);
        LW(w, VL_MSIX_QUEUE, entry);
        got = LR(w, VL_MSIX_QUEUE);
    }
    g_assert_cmpuint(got, ==, entry);
    vq->msix_entry = entry;
    vq->msix_addr = addr;
    vq->msix_data = data;
}

void qvirtqueue_write_desc(QVirtioPCIDevice *d, QVirtQueue *vq, uint16_t idx,
                           uint64_t addr, uint32_t len, uint16_t flags,
                           uint16_t next)
{
    uint8_t buf[16];
    uint64_t a = GUINT64_TO_LE(addr);
    uint32_t l = GUINT32_TO_LE(len);
    uint16_t f = GUINT16_TO_LE(flags), n = GUINT16_TO_LE(next);

    memcpy(buf, &a, 8);
    memcpy(buf + 8, &l, 4);
    memcpy(buf + 12, &f, 2);
    memcpy(buf + 14, &n, 2);
    qtest_memwrite(d->qts, vq->desc + 16 * idx, buf, 16);
}

uint16_t qvirtqueue_add(QVirtioPCIDevice *d, QVirtQueue *vq, uint64_t data,
                        uint32_t len, bool write, bool next)
{
    uint16_t idx = vq->free_head;

    g_assert(vq->num_free);
    vq->num_free--;
    vq->free_head = (idx + 1) % vq->size;
    qvirtqueue_write_desc(d, vq, idx, data, len,
                          (write ? QVRING_DESC_F_WRITE : 0) |
                          (next ? QVRING_DESC_F_NEXT : 0),
                          vq->free_head);
    return idx;
}

uint16_t qvirtqueue_add_indirect(QVirtioPCIDevice *d, QVirtQueue *vq,
                                 uint64_t table, uint16_t n)
{
    uint16_t idx = vq->free_head;

    g_assert(vq->num_free);
    vq->num_free--;
    vq->free_head = (idx + 1) % vq->size;
    qvirtqueue_write_desc(d, vq, idx, table, n * 16, QVRING_DESC_F_INDIRECT,
                          0);
    return idx;
}

void qvirtqueue_publish(QVirtioPCIDevice *d, QVirtQueue *vq, uint16_t head)
{
    qtest_writew(d->qts, vq->avail + 4 + 2 * (vq->avail_idx % vq->size),
                 head);
    vq->avail_idx++;
    qtest_writew(d->qts, vq->avail + 2, vq->avail_idx);
}

void qvirtqueue_kick(QVirtioPCIDevice *d, QVirtQueue *vq, uint16_t head)
{
    qvirtqueue_publish(d, vq, head);
    if (d->modern) {
        qpci_io_writew(d->pdev, d->notify_bar,
                       d->notify_off + vq->notify_off * d->notify_mul,
                       vq->index);
    } else {
        LW(w, VL_QUEUE_NOTIFY, vq->index);
    }
}

bool qvirtqueue_wait_used(QVirtioPCIDevice *d, QVirtQueue *vq,
                          uint32_t *id, uint32_t *len, uint64_t timeout_us)
{
    gint64 deadline = g_get_monotonic_time() + timeout_us;

    for (;;) {
        uint16_t idx = qtest_readw(d->qts, vq->used + 2);

        if (idx != vq->last_used_idx) {
            uint64_t e = vq->used + 4 + 8 * (vq->last_used_idx % vq->size);

            if (id) {
                *id = qtest_readl(d->qts, e);
            }
            if (len) {
                *len = qtest_readl(d->qts, e + 4);
            }
            vq->last_used_idx++;
            return true;
        }
        if (g_get_monotonic_time() > deadline) {
            return false;
        }
        qtest_clock_step(d->qts, 100);
        g_usleep(100);
    }
}

bool qvirtio_wait_status_bit(QVirtioPCIDevice *d, uint8_t bit,
                             uint64_t timeout_us)
{
    gint64 deadline = g_get_monotonic_time() + timeout_us;

    while (!(qvirtio_get_status(d) & bit)) {
        if (g_get_monotonic_time() > deadline) {
            return false;
        }
        qtest_clock_step(d->qts, 100);
        g_usleep(100);
    }
    return true;
}
