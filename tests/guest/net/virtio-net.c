/*
 * A minimal virtio-net driver (modern interface, polled rings): finds
 * the virtio-net PCI function, negotiates VERSION_1, MAC, MRG_RXBUF,
 * STATUS and the control queue, turns promiscuous mode off through the
 * control queue and then, by mode=:
 *   echo  (default) answer count= frames of EtherType 0x88b5 with
 *         "pong:" + payload to their sender (net-guest-test.py)
 *   send  send frames= frames of size= bytes (default 1514) to the
 *         broadcast address, numbered, then an end frame (0x88b6)
 *   recv  count frames until the end frame; check the numbering
 *         (lossy: count the frames a host sender lost instead)
 * With mib= instead of frames=, send/recv run as a benchmark and print
 * BENCH-START / BENCH-END lines (scripts/bench-net.sh).
 */
#include "guest.h"

#define QSIZE_MAX 256
#define BUFSZ 2048
#define HDR 12
#define ETHERTYPE_TEST 0x88b5
#define ETHERTYPE_END 0x88b6

#define F_MAC 5
#define F_MRG_RXBUF 15
#define F_STATUS 16
#define F_CTRL_VQ 17
#define F_CTRL_RX 18

/* Windows we give the BARs when firmware did not. */
#define MEM_MSIX 0xfebf0000u
#define MEM_BAR4 0xfe000000u

static uint8_t dev_fn;
static uint32_t common, devcfg, notify_base, notify_mult, mem_bar4;
static uint8_t mac[6];

typedef struct Ring {
    uint16_t index, size, avail_idx, last_used, notify_off;
    uint8_t *mem;
    volatile uint16_t *avail, *used;
} Ring;

static uint8_t ring_mem[3][3 * 4096] __attribute__((aligned(4096)));
static Ring rx, tx, ctl;
static uint8_t rx_buf[QSIZE_MAX][BUFSZ] __attribute__((aligned(16)));
static uint8_t tx_buf[QSIZE_MAX][BUFSZ] __attribute__((aligned(16)));

static inline uint8_t mmio_read8(uint32_t a)
{
    return *(volatile uint8_t *)a;
}

static inline uint16_t mmio_read16(uint32_t a)
{
    return *(volatile uint16_t *)a;
}

static inline void mmio_write8(uint32_t a, uint8_t v)
{
    *(volatile uint8_t *)a = v;
}

static inline void mmio_write16(uint32_t a, uint16_t v)
{
    *(volatile uint16_t *)a = v;
}

static void pci_writew(uint8_t reg, uint16_t v)
{
    uint32_t l = pci_config_readl(0, dev_fn, reg & ~3);
    int sh = (reg & 2) * 8;

    l = (l & ~(0xffffu << sh)) | ((uint32_t)v << sh);
    pci_config_writel(0, dev_fn, reg & ~3, l);
}

static bool find_device(void)
{
    int devfn = pci_find_device(0x1af4, 0x1000, 0x1041);

    if (devfn < 0) {
        return false;
    }
    dev_fn = devfn;
    printf("virtio-net: found 1af4:%x at 00:%x.0\n",
           pci_config_readw(0, dev_fn, 2), dev_fn >> 3);
    return true;
}

static uint32_t bar_or(uint8_t reg, uint32_t mask, uint32_t ours)
{
    return pci_bar_or_assign(dev_fn, reg, mask, ours);
}

static void find_caps(void)
{
    uint8_t cap = pci_config_readb(0, dev_fn, 0x34);
    int found = 0;

    bar_or(0x14, ~15u, MEM_MSIX);
    check(pci_config_readl(0, dev_fn, 0x24) == 0);
    mem_bar4 = bar_or(0x20, ~15u, MEM_BAR4);
    pci_writew(4, 6);       /* memory, bus master */
    while (cap) {
        if (pci_config_readb(0, dev_fn, cap) == 0x09) {
            uint8_t type = pci_config_readb(0, dev_fn, cap + 3);
            uint32_t base = mem_bar4 + pci_config_readl(0, dev_fn, cap + 8);

            switch (type) {
            case 1:
                common = base;
                found |= 2;
                break;
            case 2:
                notify_base = base;
                notify_mult = pci_config_readl(0, dev_fn, cap + 16);
                found |= 4;
                break;
            case 4:
                devcfg = base;
                found |= 16;
                break;
            }
        }
        cap = pci_config_readb(0, dev_fn, cap + 1);
    }
    check(found == (2 | 4 | 16));
}

static void set_status(uint8_t s)
{
    mmio_write8(common + 0x14, s);
}

static uint8_t get_status(void)
{
    return mmio_read8(common + 0x14);
}

static void negotiate(void)
{
    uint32_t lo, hi;

    set_status(0);
    check(get_status() == 0);
    set_status(1);
    set_status(1 | 2);
    mmio_write32(common + 0x00, 0);
    lo = mmio_read32(common + 0x04);
    mmio_write32(common + 0x00, 1);
    hi = mmio_read32(common + 0x04);
    check(hi & 1);                              /* VERSION_1 */
    check(lo & (1u << F_MAC));
    check(lo & (1u << F_CTRL_VQ));
    lo &= (1u << F_MAC) | (1u << F_MRG_RXBUF) | (1u << F_STATUS) |
          (1u << F_CTRL_VQ) | (1u << F_CTRL_RX);
    mmio_write32(common + 0x08, 0);
    mmio_write32(common + 0x0c, lo);
    mmio_write32(common + 0x08, 1);
    mmio_write32(common + 0x0c, 1);
    set_status(1 | 2 | 8);
    check(get_status() & 8);
    printf("virtio-net: features 0x%x\n", lo);
}

static void setup_ring(Ring *r, int index)
{
    uint32_t pa = (uint32_t)ring_mem[index];

    memset(ring_mem[index], 0, sizeof(ring_mem[index]));
    mmio_write16(common + 0x16, index);
    r->size = mmio_read16(common + 0x18);
    if (r->size > QSIZE_MAX) {
        r->size = QSIZE_MAX;
        mmio_write16(common + 0x18, r->size);
    }
    check(r->size >= 4);
    r->index = index;
    r->mem = ring_mem[index];
    r->avail = (volatile uint16_t *)(r->mem + 16 * r->size);
    r->used = (volatile uint16_t *)(r->mem + 8192);
    r->notify_off = mmio_read16(common + 0x1e);
    mmio_write32(common + 0x20, pa);
    mmio_write32(common + 0x24, 0);
    mmio_write32(common + 0x28, pa + 16 * r->size);
    mmio_write32(common + 0x2c, 0);
    mmio_write32(common + 0x30, pa + 8192);
    mmio_write32(common + 0x34, 0);
    mmio_write16(common + 0x1c, 1);
}

static void set_desc(Ring *r, int i, void *addr, uint32_t len,
                     uint16_t flags, uint16_t next)
{
    uint8_t *d = r->mem + 16 * i;

    *(volatile uint32_t *)(d + 0) = (uint32_t)addr;
    *(volatile uint32_t *)(d + 4) = 0;
    *(volatile uint32_t *)(d + 8) = len;
    *(volatile uint16_t *)(d + 12) = flags;
    *(volatile uint16_t *)(d + 14) = next;
}

/* Queue @head; the avail index is published by publish(). */
static inline void post(Ring *r, uint16_t head)
{
    r->avail[2 + r->avail_idx % r->size] = head;
    r->avail_idx++;
}

static void kick(Ring *r)
{
    mmio_write16(notify_base + r->notify_off * notify_mult, r->index);
}

/* Publish posted entries; kick unless the device said it polls. */
static void publish(Ring *r)
{
    __sync_synchronize();
    r->avail[1] = r->avail_idx;
    __sync_synchronize();
    if (!(r->used[0] & 1)) {        /* VRING_USED_F_NO_NOTIFY */
        kick(r);
    }
}

/* Next used entry (id, len) or false after @spins polls. */
static bool get_used(Ring *r, uint32_t *id, uint32_t *len, uint32_t spins)
{
    volatile uint32_t *e;

    while (r->used[1] == r->last_used) {
        if (!spins--) {
            return false;
        }
        cpu_relax();
    }
    __sync_synchronize();
    e = (volatile uint32_t *)(r->mem + 8192 + 4 + 8 * (r->last_used %
                                                        r->size));
    *id = e[0];
    *len = e[1];
    r->last_used++;
    return true;
}

static uint8_t ctrl(uint8_t class, uint8_t cmd, const void *data,
                    uint32_t len)
{
    static uint8_t hdr[2], payload[64];
    static volatile uint8_t ack;
    uint32_t id, l;

    hdr[0] = class;
    hdr[1] = cmd;
    memcpy(payload, data, len);
    ack = 0xff;
    set_desc(&ctl, 0, hdr, 2, 1, 1);
    set_desc(&ctl, 1, payload, len, 1, 2);
    set_desc(&ctl, 2, (void *)&ack, 1, 2, 0);
    post(&ctl, 0);
    publish(&ctl);
    if (!get_used(&ctl, &id, &l, 20000000)) {
        fail("virtio-net: no answer on the control queue\n");
    }
    return ack;
}

static void rx_fill(void)
{
    for (int i = 0; i < rx.size; i++) {
        set_desc(&rx, i, rx_buf[i], BUFSZ, 2, 0);
        post(&rx, i);
    }
    publish(&rx);
}

/* Next received frame (header stripped); 0 after @spins polls. */
static uint32_t recv_frame(uint8_t **frame, uint32_t spins, uint32_t *slot)
{
    uint32_t id, len;

    if (!get_used(&rx, &id, &len, spins)) {
        return 0;
    }
    check(id < rx.size && len > HDR && len <= BUFSZ);
    /* One buffer per frame: num_buffers is 1. */
    check(rx_buf[id][10] == 1 && rx_buf[id][11] == 0);
    *frame = rx_buf[id] + HDR;
    *slot = id;
    return len - HDR;
}

static void rx_recycle(uint32_t slot, bool now)
{
    post(&rx, slot);
    if (now) {
        publish(&rx);
    }
}

static uint16_t tx_inflight(void)
{
    uint32_t id, len;

    while (tx.used[1] != tx.last_used) {
        get_used(&tx, &id, &len, 0);
    }
    return tx.avail_idx - tx.last_used;
}

/* Queue one frame (slot = avail index mod size); wait for room. */
static void tx_frame(uint32_t len, bool now)
{
    uint16_t slot;

    while (tx_inflight() >= tx.size) {
        cpu_relax();
    }
    slot = tx.avail_idx % tx.size;
    set_desc(&tx, slot, tx_buf[slot], HDR + len, 0, 0);
    post(&tx, slot);
    if (now) {
        publish(&tx);
    }
}

/* The frame of the next tx slot, once the device gave it back. */
static uint8_t *tx_slot_frame(void)
{
    uint8_t *b;

    while (tx_inflight() >= tx.size) {
        cpu_relax();
    }
    b = tx_buf[tx.avail_idx % tx.size];

    memset(b, 0, HDR);
    return b + HDR;
}

static void tx_drain(void)
{
    publish(&tx);
    for (uint32_t i = 0; i < 50000000 && tx_inflight(); i++) {
        cpu_relax();
    }
    check(tx_inflight() == 0);
}

static void echo(int count)
{
    for (int n = 0; n < count; n++) {
        uint8_t *in, *out;
        uint32_t len, slot;

        do {
            len = recv_frame(&in, 20000000, &slot);
            if (!len) {
                fail("virtio-net: no frame from the host\n");
            }
            if (((in[12] << 8) | in[13]) != ETHERTYPE_TEST) {
                rx_recycle(slot, true);
                len = 0;
            }
        } while (!len);
        printf("virtio-net: received %u bytes from "
               "%02x:%02x:%02x:%02x:%02x:%02x\n", len, in[6], in[7], in[8],
               in[9], in[10], in[11]);
        /* Promiscuous mode is off: only ours and broadcast arrive. */
        check(memcmp(in, mac, 6) == 0 || in[0] == 0xff);
        out = tx_slot_frame();
        memcpy(out, in + 6, 6);
        memcpy(out + 6, mac, 6);
        out[12] = ETHERTYPE_TEST >> 8;
        out[13] = ETHERTYPE_TEST & 0xff;
        memcpy(out + 14, "pong:", 5);
        memcpy(out + 19, in + 14, len - 14);
        rx_recycle(slot, true);
        tx_frame(len + 5, true);
        tx_drain();
        printf("virtio-net: echoed %u bytes\n", len + 5);
    }
}

/*
 * Sending and counting frames (pair test and benchmark).  The rings are
 * used in order: slot i of a ring is always descriptor i and buffer i,
 * so the fast paths only store the frame number and move indexes.
 */
static void do_send(uint32_t frames, uint32_t size, bool bench)
{
    volatile uint16_t *used_idx = &tx.used[1];

    for (int i = 0; i < tx.size; i++) {
        uint8_t *f = tx_buf[i] + HDR;

        memset(tx_buf[i], 0, HDR);
        memset(f, 0xff, 6);                     /* broadcast */
        memcpy(f + 6, mac, 6);
        f[12] = ETHERTYPE_TEST >> 8;
        f[13] = ETHERTYPE_TEST & 0xff;
        set_desc(&tx, i, tx_buf[i], HDR + size, 0, 0);
        tx.avail[2 + i] = i;
    }
    if (bench) {
        printf("BENCH-START send %u frames of %u bytes\n", frames, size);
    }
    for (uint32_t seq = 0; seq < frames; seq++) {
        uint16_t slot = tx.avail_idx % tx.size;

        for (uint32_t spins = 0;
             (uint16_t)(tx.avail_idx - *used_idx) >= tx.size; spins++) {
            if (spins > 200000000) {
                fail("virtio-net: transmit stuck after %u frames\n", seq);
            }
            cpu_relax();
        }
        *(volatile uint32_t *)(tx_buf[slot] + HDR + 14) = seq;
        tx.avail_idx++;
        /* Publish in batches: the device polls while it is busy. */
        if ((seq & 31) == 31) {
            publish(&tx);
        }
    }
    publish(&tx);
    for (uint32_t spins = 0;
         (uint16_t)(tx.avail_idx - *used_idx) >= tx.size; spins++) {
        if (spins > 200000000) {
            fail("virtio-net: transmit stuck at the end\n");
        }
        cpu_relax();
    }
    {
        uint16_t slot = tx.avail_idx % tx.size;
        uint8_t *f = tx_buf[slot] + HDR;

        f[13] = ETHERTYPE_END & 0xff;
        *(volatile uint32_t *)(f + 14) = frames;
        set_desc(&tx, slot, tx_buf[slot], HDR + 60, 0, 0);
        tx.avail_idx++;
    }
    publish(&tx);
    for (uint32_t i = 0; i < 50000000 && *used_idx != tx.avail_idx; i++) {
        cpu_relax();
    }
    check(*used_idx == tx.avail_idx);
    if (bench) {
        printf("BENCH-END send %u frames\n", frames);
    }
    printf("virtio-net: sent %u frames\n", frames);
}

static void do_recv(uint32_t expect, bool bench, bool lossy)
{
    volatile uint16_t *used_idx = &rx.used[1];
    uint32_t frames = 0, bytes = 0, lost = 0;
    bool started = false, end = false;

    while (!end) {
        uint16_t avail = *used_idx;
        uint32_t spins = 0;

        while (avail == rx.last_used) {
            if (++spins > 200000000) {
                fail("virtio-net: receive timed out after %u frames\n",
                     frames);
            }
            cpu_relax();
            avail = *used_idx;
        }
        __sync_synchronize();
        if (!started && bench) {
            printf("BENCH-START recv\n");
        }
        started = true;
        /* Everything the device has filled, then the buffers go back. */
        while (rx.last_used != avail) {
            uint16_t slot = rx.last_used % rx.size;
            volatile uint32_t *e = (volatile uint32_t *)
                (rx.mem + 8192 + 4 + 8 * slot);
            uint8_t *in = rx_buf[slot] + HDR;
            uint32_t len = e[1] - HDR, seq = *(uint32_t *)(in + 14);

            if (e[0] != slot) {
                fail("virtio-net: buffer %u used out of order\n", e[0]);
            }
            if (in[13] == (ETHERTYPE_END & 0xff)) {
                check(lossy || seq == frames + lost);
                if (lossy) {
                    lost = seq - frames;        /* the tail went too */
                }
                end = true;
            } else if (lossy && seq > frames + lost) {
                /* A host sender that outruns us loses frames on the way. */
                lost = seq - frames;
                frames++;
                bytes += len;
            } else if (seq != frames + lost) {
                fail("virtio-net: frame %u arrived as number %u\n", seq,
                     frames);
            } else {
                frames++;
                bytes += len;
            }
            rx.last_used++;
            rx.avail[2 + rx.avail_idx % rx.size] = slot;
            rx.avail_idx++;
        }
        publish(&rx);
    }
    if (bench) {
        printf("BENCH-END recv %u frames %u bytes lost %u\n", frames, bytes,
               lost);
    }
    printf("virtio-net: received %u frames, %u bytes, in order\n", frames,
           bytes);
    check(!expect || frames + lost == expect);
}

int main(void)
{
    char mode[16] = "echo";
    uint16_t status;
    uint8_t off = 0;
    uint32_t size, frames;

    cmdline_get("mode", mode, sizeof(mode));
    if (!find_device()) {
        fail("virtio-net: no 1af4:1000/1041 on bus 0\n");
    }
    find_caps();
    negotiate();
    for (int i = 0; i < 6; i++) {
        mac[i] = mmio_read8(devcfg + i);
    }
    status = mmio_read16(devcfg + 6);
    printf("virtio-net: MAC %02x:%02x:%02x:%02x:%02x:%02x, status %u\n",
           mac[0], mac[1], mac[2], mac[3], mac[4], mac[5], status);
    check(status & 1);                          /* link up */
    setup_ring(&rx, 0);
    setup_ring(&tx, 1);
    setup_ring(&ctl, 2);
    set_status(1 | 2 | 8 | 4);
    check(!(get_status() & 0x40));
    /*
     * Filter in the device (our MAC and broadcast only) before posting
     * receive buffers: frames that came early wait and are filtered.
     */
    check(ctrl(0, 0, &off, 1) == 0);            /* RX_PROMISC off */
    check(ctrl(0, 99, &off, 1) == 1);           /* unknown: ERR */
    rx_fill();
    printf("virtio-net: promiscuous mode off\n");

    size = cmdline_get_int("size", 1514);
    check(size >= 60 && size <= BUFSZ - HDR);
    frames = cmdline_get_int("frames", 0);
    if (cmdline_has("mib")) {
        /* frames = mib * 2^20 / size, without 64-bit division */
        frames = cmdline_get_int("mib", 1) * ((1024 * 1024) / size);
    }
    if (!strcmp(mode, "send")) {
        do_send(frames, size, cmdline_has("mib"));
    } else if (!strcmp(mode, "recv")) {
        do_recv(frames, cmdline_has("mib"), cmdline_has("lossy"));
    } else {
        echo(cmdline_get_int("count", 1));
    }
    check(!(get_status() & 0x40));              /* no NEEDS_RESET */
    printf("virtio-net: PASS\n");
    return 0;
}
