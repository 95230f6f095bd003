/*
 * A tiny e1000 (82540EM) driver.  It finds the NIC on bus 0, places its
 * BARs itself (no firmware is assumed), reads the MAC from the Microwire
 * EEPROM and checks the checksum, checks the PHY and link, then runs
 * one of two exchanges over descriptor rings:
 *
 *   mode=echo  (default) wait for a frame of EtherType 0x88b5 from the
 *              host side and send it back with "pong:" prepended to the
 *              payload, to the sender's address; count=N repeats.
 *   mode=slirp ARP for 10.0.2.2 and ping it (libslirp answers both).
 *
 * Every wait is bounded; all progress goes to COM1.
 */
#include "guest.h"

#define E1000_VENDOR 0x8086
#define E1000_DEVICE 0x100e

#define MMIO_BASE 0xfebc0000u   /* where we place BAR0 (in the PCI hole) */
#define IO_BASE   0xc000        /* BAR1 */

#define CTRL   0x0000
#define STATUS 0x0008
#define EECD   0x0010
#define EERD   0x0014
#define MDIC   0x0020
#define ICR    0x00c0
#define ICS    0x00c8
#define IMS    0x00d0
#define IMC    0x00d8
#define RCTL   0x0100
#define TCTL   0x0400
#define RDBAL  0x2800
#define RDBAH  0x2804
#define RDLEN  0x2808
#define RDH    0x2810
#define RDT    0x2818
#define TDBAL  0x3800
#define TDBAH  0x3804
#define TDLEN  0x3808
#define TDH    0x3810
#define TDT    0x3818
#define RAL0   0x5400
#define RAH0   0x5404
#define MTA    0x5200

#define EECD_SK 0x1
#define EECD_CS 0x2
#define EECD_DI 0x4
#define EECD_DO 0x8

#define NDESC 8
#define BUFSZ 2048
#define ETHERTYPE_TEST 0x88b5

struct rx_desc {
    uint64_t addr;
    uint16_t length;
    uint16_t csum;
    uint8_t status;
    uint8_t errors;
    uint16_t special;
} __attribute__((packed));

struct tx_desc {
    uint64_t addr;
    uint16_t length;
    uint8_t cso;
    uint8_t cmd;
    uint8_t status;
    uint8_t css;
    uint16_t special;
} __attribute__((packed));

static struct rx_desc rx_ring[NDESC] __attribute__((aligned(128)));
static struct tx_desc tx_ring[NDESC] __attribute__((aligned(128)));
static uint8_t rx_buf[NDESC][BUFSZ] __attribute__((aligned(16)));
static uint8_t tx_buf[NDESC][BUFSZ] __attribute__((aligned(16)));
static uint32_t rx_tail, tx_tail;
static uint8_t mac[6];

static uint32_t rd(uint32_t reg)
{
    return mmio_read32(MMIO_BASE + reg);
}

static void wr(uint32_t reg, uint32_t v)
{
    mmio_write32(MMIO_BASE + reg, v);
}

static uint8_t nic_devfn = 0xff;

static void find_nic(uint8_t bus, uint8_t devfn, uint16_t vendor,
                     uint16_t device, uint32_t class_rev, void *opaque)
{
    if (vendor == E1000_VENDOR && device == E1000_DEVICE && nic_devfn == 0xff) {
        nic_devfn = devfn;
    }
}

/* ---- EEPROM (Microwire bit-bang) ---- */

static void eecd_clock(uint32_t v)
{
    wr(EECD, v | EECD_SK);
    wr(EECD, v);
}

static uint16_t eeprom_read(uint8_t addr)
{
    uint32_t v = EECD_CS;
    uint16_t data = 0;
    int i;
    /* start bit 1, opcode 10, 6 address bits */
    uint32_t cmd = (0x6 << 6) | (addr & 0x3f);

    wr(EECD, v);
    for (i = 8; i >= 0; i--) {
        uint32_t di = (cmd >> i) & 1 ? EECD_DI : 0;

        wr(EECD, v | di);
        eecd_clock(v | di);
    }
    for (i = 0; i < 16; i++) {
        wr(EECD, v | EECD_SK);
        data = (data << 1) | !!(rd(EECD) & EECD_DO);
        wr(EECD, v);
    }
    wr(EECD, 0);
    return data;
}

/* ---- PHY ---- */

static int phy_read(int reg)
{
    int i;

    wr(MDIC, (reg << 16) | (1 << 21) | (2 << 26));
    for (i = 0; i < 10000; i++) {
        uint32_t v = rd(MDIC);

        if (v & (1u << 28)) {
            return (v & (1u << 30)) ? -1 : (int)(v & 0xffff);
        }
        cpu_relax();
    }
    return -1;
}

/* ---- rings ---- */

static void rings_init(void)
{
    int i;

    for (i = 0; i < NDESC; i++) {
        rx_ring[i].addr = (uintptr_t)rx_buf[i];
        rx_ring[i].status = 0;
    }
    wr(RDBAL, (uintptr_t)rx_ring);
    wr(RDBAH, 0);
    wr(RDLEN, sizeof(rx_ring));
    wr(RDH, 0);
    rx_tail = NDESC - 1;
    wr(RDT, rx_tail);
    /* enable, broadcast accept, strip CRC, 2 KiB buffers */
    wr(RCTL, 0x2 | (1 << 15) | (1 << 26));

    memset(tx_ring, 0, sizeof(tx_ring));
    wr(TDBAL, (uintptr_t)tx_ring);
    wr(TDBAH, 0);
    wr(TDLEN, sizeof(tx_ring));
    wr(TDH, 0);
    wr(TDT, 0);
    tx_tail = 0;
    /* enable, pad short packets, collision threshold/distance */
    wr(TCTL, 0x2 | 0x8 | (0x0f << 4) | (0x40 << 12));
}

static void send_frame(const uint8_t *frame, uint16_t len)
{
    struct tx_desc *d = &tx_ring[tx_tail];
    uint32_t i;

    memcpy(tx_buf[tx_tail], frame, len);
    d->addr = (uintptr_t)tx_buf[tx_tail];
    d->length = len;
    d->cmd = 0x01 | 0x02 | 0x08;        /* EOP, IFCS, RS */
    d->status = 0;
    tx_tail = (tx_tail + 1) % NDESC;
    wr(TDT, tx_tail);
    for (i = 0; i < 1000000 && !(d->status & 1); i++) {
        cpu_relax();
    }
    if (!(d->status & 1)) {
        fail("e1000: transmit descriptor not done (TDH %u)\n", rd(TDH));
    }
}

/* Next received frame into @buf; returns its length, 0 on timeout. */
static uint16_t recv_frame(uint8_t *buf, uint32_t spins)
{
    uint32_t next = (rx_tail + 1) % NDESC;
    struct rx_desc *d = &rx_ring[next];
    uint16_t len;
    uint32_t i;

    for (i = 0; i < spins && !(d->status & 1); i++) {
        cpu_relax();
    }
    if (!(d->status & 1)) {
        return 0;
    }
    if (!(d->status & 2)) {
        fail("e1000: frame spans descriptors (status 0x%x)\n", d->status);
    }
    len = d->length;
    memcpy(buf, rx_buf[next], len);
    d->status = 0;
    rx_tail = next;
    wr(RDT, rx_tail);
    return len;
}

/* ---- exchanges ---- */

static void echo(int count)
{
    static uint8_t in[BUFSZ], out[BUFSZ];
    int n;

    for (n = 0; n < count; n++) {
        uint16_t len;
        uint32_t icr;

        do {
            len = recv_frame(in, 5000000);
            if (!len) {
                fail("e1000: no frame from the host (RDH %u RDT %u)\n",
                     rd(RDH), rd(RDT));
            }
        } while (((in[12] << 8) | in[13]) != ETHERTYPE_TEST);
        icr = rd(ICR);
        printf("e1000: received %u bytes from %02x:%02x:%02x:%02x:%02x:%02x"
               " (ICR 0x%x)\n", len, in[6], in[7], in[8], in[9], in[10],
               in[11], icr);
        if (n == 0) {
            check(icr & 0x80);          /* RXT0 */
        }
        check(memcmp(in, mac, 6) == 0 || in[0] == 0xff);
        memcpy(out, in + 6, 6);         /* back to the sender */
        memcpy(out + 6, mac, 6);
        out[12] = ETHERTYPE_TEST >> 8;
        out[13] = ETHERTYPE_TEST & 0xff;
        memcpy(out + 14, "pong:", 5);
        memcpy(out + 19, in + 14, len - 14);
        send_frame(out, len + 5);
        icr = rd(ICR);
        check(icr & 0x1);               /* TXDW */
        printf("e1000: echoed %u bytes\n", len + 5);
    }
}

static uint16_t ip_checksum(const uint8_t *p, int len)
{
    uint32_t sum = 0;
    int i;

    for (i = 0; i + 1 < len; i += 2) {
        sum += (p[i] << 8) | p[i + 1];
    }
    if (len & 1) {
        sum += p[len - 1] << 8;
    }
    while (sum >> 16) {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return ~sum;
}

static const uint8_t my_ip[4] = { 10, 0, 2, 15 };
static const uint8_t gw_ip[4] = { 10, 0, 2, 2 };

static void slirp_ping(void)
{
    static uint8_t f[BUFSZ], in[BUFSZ];
    uint8_t gw_mac[6];
    uint16_t len, sum;
    int tries;
    bool ok = false;

    /* ARP request: who has 10.0.2.2? */
    memset(f, 0xff, 6);
    memcpy(f + 6, mac, 6);
    f[12] = 0x08; f[13] = 0x06;
    f[14] = 0; f[15] = 1;               /* Ethernet */
    f[16] = 0x08; f[17] = 0;            /* IPv4 */
    f[18] = 6; f[19] = 4; f[20] = 0; f[21] = 1;
    memcpy(f + 22, mac, 6);
    memcpy(f + 28, my_ip, 4);
    memset(f + 32, 0, 6);
    memcpy(f + 38, gw_ip, 4);
    send_frame(f, 42);
    for (tries = 0; tries < 20 && !ok; tries++) {
        len = recv_frame(in, 5000000);
        if (len >= 42 && in[12] == 0x08 && in[13] == 0x06 && in[21] == 2 &&
            memcmp(in + 28, gw_ip, 4) == 0) {
            memcpy(gw_mac, in + 22, 6);
            ok = true;
        }
    }
    if (!ok) {
        fail("e1000: no ARP reply from 10.0.2.2\n");
    }
    printf("e1000: 10.0.2.2 is at %02x:%02x:%02x:%02x:%02x:%02x\n",
           gw_mac[0], gw_mac[1], gw_mac[2], gw_mac[3], gw_mac[4], gw_mac[5]);

    /* ICMP echo request */
    memset(f, 0, 98);
    memcpy(f, gw_mac, 6);
    memcpy(f + 6, mac, 6);
    f[12] = 0x08; f[13] = 0x00;
    f[14] = 0x45; f[16] = 0; f[17] = 84;    /* total length */
    f[18] = 0x12; f[19] = 0x34;             /* id */
    f[22] = 64; f[23] = 1;                  /* TTL, ICMP */
    memcpy(f + 26, my_ip, 4);
    memcpy(f + 30, gw_ip, 4);
    sum = ip_checksum(f + 14, 20);
    f[24] = sum >> 8; f[25] = sum & 0xff;
    f[34] = 8;                              /* echo request */
    f[38] = 0x42; f[39] = 0x42;             /* identifier */
    f[40] = 0; f[41] = 1;                   /* sequence */
    memcpy(f + 42, "kvmemu-ping", 11);
    sum = ip_checksum(f + 34, 64);
    f[36] = sum >> 8; f[37] = sum & 0xff;
    send_frame(f, 98);
    ok = false;
    for (tries = 0; tries < 20 && !ok; tries++) {
        len = recv_frame(in, 5000000);
        if (len >= 98 && in[12] == 0x08 && in[13] == 0x00 && in[23] == 1 &&
            in[34] == 0 && memcmp(in + 26, gw_ip, 4) == 0 &&
            memcmp(in + 42, "kvmemu-ping", 11) == 0) {
            ok = true;
        }
    }
    if (!ok) {
        fail("e1000: no ICMP echo reply from 10.0.2.2\n");
    }
    printf("e1000: ping 10.0.2.2 answered\n");
}

/*
 * mode bad=1: feed the NIC impossible rings and descriptors.  The
 * emulator must log and carry on; the caller then resets the NIC and
 * runs the normal exchange, which proves it survived.
 */
static void bad_guest(void)
{
    static struct tx_desc ring[NDESC] __attribute__((aligned(128)));
    int i;

    /* TX ring outside RAM (the PCI hole) */
    wr(TCTL, 0x2);
    wr(TDBAL, 0xfff00000u);
    wr(TDBAH, 0);
    wr(TDLEN, sizeof(ring));
    wr(TDH, 0);
    wr(TDT, 3);
    /* head/tail beyond the ring */
    wr(TDBAL, (uintptr_t)ring);
    wr(TDH, 200);
    wr(TDT, 201);
    /* buffers far outside RAM, oversized and zero-length descriptors */
    memset(ring, 0, sizeof(ring));
    ring[0].addr = 0x7ffff0000000ull;
    ring[0].length = 4096;
    ring[0].cmd = 0x01 | 0x08;
    for (i = 1; i < 4; i++) {
        ring[i].addr = (uintptr_t)tx_buf[0];
        ring[i].length = 0xffff;            /* 3 x 64 KiB: over the limit */
        ring[i].cmd = i == 3 ? 0x09 : 0x08;
    }
    ring[4].addr = (uintptr_t)tx_buf[0];
    ring[4].length = 20;
    ring[4].cso = 200;                      /* checksum beyond the frame */
    ring[4].css = 250;
    ring[4].cmd = 0x01 | 0x04 | 0x08;       /* EOP, IC, RS */
    wr(TDH, 0);
    asm volatile("" ::: "memory");          /* descriptors before TDT */
    wr(TDT, 5);
    asm volatile("" ::: "memory");
    check(rd(TDH) == 5);                    /* all consumed, none stuck */
    check(((volatile struct tx_desc *)ring)[4].status & 1);
    /* RX: zero-length ring enabled, ring outside RAM */
    wr(RDLEN, 0);
    wr(RCTL, 0x2);
    wr(RDBAL, 0xfff00000u);
    wr(RDLEN, 128);
    wr(RDH, 0);
    wr(RDT, 300);
    /* a register-space access out of range */
    (void)rd(0x1fffc);
    wr(0x1fffc, 0xdeadbeef);
    /* EEPROM: bits without a valid opcode */
    for (i = 0; i < 40; i++) {
        wr(EECD, EECD_CS | ((i & 1) ? EECD_SK : 0) | ((i & 2) ? EECD_DI : 0));
    }
    wr(EECD, 0);
    /* PHY at the wrong address reports an error */
    wr(MDIC, (2 << 16) | (5 << 21) | (2 << 26));
    check(rd(MDIC) & (1u << 30));
    printf("e1000: bad descriptors survived\n");
    /* start over */
    wr(RCTL, 0);
    wr(TCTL, 0);
    wr(CTRL, rd(CTRL) | (1u << 26));
    wr(IMC, 0xffffffff);
    rd(ICR);
}

/*
 * irq=1: INTA through the PIIX3 PIRQ router (all four PIRQs to IRQ 11)
 * and the IOAPIC.  Causes set with ICS raise the line only while IMS
 * enables them; the handler reads ICR, which lowers it.
 */
static volatile uint32_t nic_irqs, nic_irq_icr;

static void nic_irq(uint8_t vector)
{
    nic_irq_icr |= rd(ICR);
    nic_irqs++;
    lapic_eoi();
}

static void irq_test(void)
{
    int i, pins;

    idt_init();
    intr_set_handler(0x50, nic_irq);
    pic_init(0x20, 0x28);                       /* all masked */
    lapic_enable();
    lapic_write(LAPIC_LVT_LINT0, 0x10700);
    pins = ioapic_pins();
    for (i = 0; i < pins; i++) {
        ioapic_route(i, 0x40 + i, 0, true);
    }
    pci_config_writel(0, PCI_DEVFN(1, 0), 0x60, 0x0b0b0b0b);
    ioapic_route(11, 0x50, lapic_id(), false);
    irq_enable();

    wr(IMC, 0xffffffff);
    rd(ICR);
    wr(ICS, 0x4);                               /* LSC, masked */
    spin(20000);
    check(nic_irqs == 0);
    check(rd(ICR) == 0x4);                      /* pending, read clears */
    wr(IMS, 0x4);
    check(rd(IMS) == 0x4);
    for (i = 1; i <= 2; i++) {
        wr(ICS, 0x4);
        for (uint32_t n = 0; n < 1000000 && nic_irqs < (uint32_t)i; n++) {
            cpu_relax();
        }
        if (nic_irqs != (uint32_t)i) {
            fail("e1000: INTx interrupt %d did not arrive\n", i);
        }
    }
    check(nic_irq_icr & 0x4);
    wr(IMC, 0xffffffff);
    irq_disable();
    printf("e1000: %u INTx interrupts through IOAPIC pin 11\n", nic_irqs);
}

/*
 * mode=tso: one TCP/IPv4 frame with 2500 bytes of payload handed to the
 * NIC with a TSO context (MSS 1000, header 54 bytes) over two data
 * descriptors; the host checks the three segments.
 */
static void send_tso(void)
{
    static uint8_t f[4096] __attribute__((aligned(16)));
    static const uint8_t host_mac[6] = { 2, 0, 0, 0, 0, 1 };
    volatile uint32_t *d;
    uint32_t sum = 0, t0 = tx_tail;
    int i;

    memset(f, 0, 54);
    memcpy(f, host_mac, 6);
    memcpy(f + 6, mac, 6);
    f[12] = 0x08;
    f[14] = 0x45;
    f[18] = 0x10;                   /* IP id 0x1000 */
    f[20] = 0x40;                   /* DF */
    f[22] = 64;
    f[23] = 6;
    memcpy(f + 26, my_ip, 4);
    memcpy(f + 30, gw_ip, 4);
    f[34] = 0x04; f[35] = 0xd2;     /* ports 1234 -> 5678 */
    f[36] = 0x16; f[37] = 0x2e;
    f[38] = 0x01;                   /* seq 0x01000000 */
    f[46] = 0x50;                   /* data offset 5 */
    f[47] = 0x19;                   /* FIN PSH ACK */
    f[48] = 0xff; f[49] = 0xff;
    /* pseudo-header sum without the length, as drivers leave it */
    for (i = 0; i < 8; i += 2) {
        sum += (f[26 + i] << 8) | f[27 + i];
    }
    sum += 6;
    sum = (sum & 0xffff) + (sum >> 16);
    f[50] = sum >> 8;
    f[51] = sum & 0xff;
    for (i = 0; i < 2500; i++) {
        f[54 + i] = (i * 7) & 0xff;
    }

    /* context: IPCSS 14, IPCSO 24, TUCSS 34, TUCSO 50; TCP IP TSE DEXT */
    d = (volatile uint32_t *)&tx_ring[tx_tail];
    d[0] = 14 | (24 << 8) | (33 << 16);
    d[1] = 34 | (50 << 8);
    d[2] = 2500 | ((uint32_t)(0x01 | 0x02 | 0x04 | 0x20) << 24);
    d[3] = (54 << 8) | (1000u << 16);
    tx_tail = (tx_tail + 1) % NDESC;
    /* data: IFCS TSE DEXT (+EOP RS on the last); POPTS IXSM TXSM */
    d = (volatile uint32_t *)&tx_ring[tx_tail];
    d[0] = (uintptr_t)f;
    d[1] = 0;
    d[2] = 1054 | (1 << 20) | ((uint32_t)(0x02 | 0x04 | 0x20) << 24);
    d[3] = 0x03 << 8;
    tx_tail = (tx_tail + 1) % NDESC;
    d = (volatile uint32_t *)&tx_ring[tx_tail];
    d[0] = (uintptr_t)f + 1054;
    d[1] = 0;
    d[2] = 1500 | (1 << 20) |
           ((uint32_t)(0x01 | 0x02 | 0x04 | 0x08 | 0x20) << 24);
    d[3] = 0x03 << 8;
    tx_tail = (tx_tail + 1) % NDESC;
    asm volatile("" ::: "memory");
    wr(TDT, tx_tail);
    for (i = 0; i < 1000000 && !(d[3] & 1); i++) {
        cpu_relax();
    }
    if (!(d[3] & 1)) {
        fail("e1000: TSO descriptors not done (TDH %u, start %u)\n",
             rd(TDH), t0);
    }
    printf("e1000: sent 2500 bytes with TSO, MSS 1000\n");
}

int main(void)
{
    char mode[16];
    uint16_t words[64], sum = 0;
    uint32_t ral, rah, status;
    int i, id1, bmsr;

    pci_scan_bus(0, find_nic, NULL);
    if (nic_devfn == 0xff) {
        fail("e1000: no 8086:100e on bus 0\n");
    }
    printf("e1000: found at 00:%02x.%u\n", nic_devfn >> 3, nic_devfn & 7);
    check(pci_config_readw(0, nic_devfn, 0x0a) == 0x0200);   /* Ethernet */
    check(pci_config_readb(0, nic_devfn, 0x3d) == 1);        /* INTA */
    /* BAR sizes: 128 KiB memory, 64-byte I/O */
    pci_config_writel(0, nic_devfn, 0x10, 0xffffffff);
    check((pci_config_readl(0, nic_devfn, 0x10) & ~0xfu) == 0xfffe0000);
    pci_config_writel(0, nic_devfn, 0x14, 0xffffffff);
    check((pci_config_readl(0, nic_devfn, 0x14) & ~0x3u) == 0xffffffc0);
    pci_config_writel(0, nic_devfn, 0x10, MMIO_BASE);
    pci_config_writel(0, nic_devfn, 0x14, IO_BASE);
    /* memory + I/O + bus master */
    pci_config_writel(0, nic_devfn, 0x04, 0x7);

    /* reset; RST self-clears */
    wr(CTRL, rd(CTRL) | (1u << 26));
    for (i = 0; i < 1000 && (rd(CTRL) & (1u << 26)); i++) {
        cpu_relax();
    }
    wr(IMC, 0xffffffff);
    rd(ICR);

    for (i = 0; i < 64; i++) {
        words[i] = eeprom_read(i);
        sum += words[i];
    }
    for (i = 0; i < 3; i++) {
        mac[2 * i] = words[i] & 0xff;
        mac[2 * i + 1] = words[i] >> 8;
    }
    printf("e1000: MAC %02x:%02x:%02x:%02x:%02x:%02x\n", mac[0], mac[1],
           mac[2], mac[3], mac[4], mac[5]);
    if (sum != 0xbaba) {
        fail("e1000: EEPROM checksum 0x%x\n", sum);
    }
    printf("e1000: EEPROM checksum ok\n");
    ral = rd(RAL0);
    rah = rd(RAH0);
    check(ral == (uint32_t)(mac[0] | mac[1] << 8 | mac[2] << 16 |
                            (uint32_t)mac[3] << 24));
    check((rah & 0xffff) == (uint32_t)(mac[4] | mac[5] << 8));
    check(rah & 0x80000000u);                   /* address valid */
    /* EERD gives the same words */
    wr(EERD, (1 << 8) | 1);
    for (i = 0; i < 1000 && !(rd(EERD) & 0x10); i++) {
        cpu_relax();
    }
    check((rd(EERD) >> 16) == words[1]);

    id1 = phy_read(2);
    bmsr = phy_read(1);
    status = rd(STATUS);
    printf("e1000: PHY id 0x%x status 0x%x, STATUS 0x%x\n", id1, bmsr, status);
    check(id1 == 0x141);
    if (!(status & 2) || !(bmsr & 4)) {
        fail("e1000: link down\n");
    }
    printf("e1000: link up\n");

    if (cmdline_has("bad")) {
        bad_guest();
    }
    rings_init();
    if (cmdline_has("irq")) {
        irq_test();
    }
    cmdline_get("mode", mode, sizeof(mode));
    if (!strcmp(mode, "slirp")) {
        slirp_ping();
    } else if (!strcmp(mode, "tso")) {
        send_tso();
    } else {
        echo(cmdline_get_int("count", 1));
    }
    printf("e1000: PASS\n");
    return 0;
}
