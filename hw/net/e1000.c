/*
 * Intel 82540EM gigabit Ethernet controller ("e1000", 8086:100e), the
 * pc machine's default NIC.
 *
 * BAR0 is the 128 KiB register file, BAR1 the 8-byte IOADDR/IODATA
 * window onto it.  The model covers what drivers use: the Microwire
 * EEPROM (and EERD) with the MAC and checksum, the PHY behind MDIC,
 * legacy and extended (context + data) transmit descriptors with
 * checksum insertion and TCP/UDP segmentation (TSO), receive descriptors with the RCTL buffer sizes,
 * unicast/multicast/broadcast filtering, ICR/IMS/IMC interrupts on
 * INTx, and link state from the back end (set_link).
 *
 * Every guest memory access is a pci_dma_read/write of a bounded
 * length; impossible descriptor rings and failing DMA are logged as
 * guest errors and stop the ring, never the emulator.
 */
#include "qemu/osdep.h"
#include "sysemu/sysemu.h"
#include "qapi/error.h"
#include "qemu/log.h"
#include "qemu/module.h"
#include "qemu/bswap.h"
#include "hw/pci/pci.h"
#include "hw/qdev-properties.h"
#include "net/net.h"
#include "net/eth.h"
#include "qemu/range.h"
#include "qemu/bitops.h"
#include "e1000_regs.h"

#define TYPE_E1000 "e1000"
#define E1000(obj) ((E1000State *)(obj))

#define E1000_MMIO_SIZE 0x20000
#define E1000_IO_SIZE   0x40
#define EEPROM_WORDS    64
#define EEPROM_SUM      0xBABA
#define TX_MAX_FRAME    0x10000     /* assembled frame limit */
#define MIN_FRAME       60
#define RX_MAX_DEFAULT  1522
#define RX_MAX_LPE      16384

typedef struct E1000TxContext {
    uint8_t ipcss, ipcso;
    uint16_t ipcse;
    uint8_t tucss, tucso;
    uint16_t tucse;
    /* TCP segmentation (from the context descriptor) */
    uint8_t tucmd;
    uint8_t hdr_len;
    uint16_t mss;
    bool tse;                   /* current frame uses TSO */
    /* current frame */
    uint8_t sum_needed;         /* POPTS of the frame's first data desc */
    bool vlan_needed;
    uint16_t vlan_tci;
    uint32_t size;
    bool overflow;
    uint8_t data[TX_MAX_FRAME];
} E1000TxContext;

typedef struct E1000State {
    PCIDevice parent_obj;

    NICState *nic;
    NICConf conf;
    MemoryRegion mmio;
    MemoryRegion io;

    uint32_t mac_reg[E1000_MMIO_SIZE / 4];
    uint16_t phy_reg[PHY_REG_COUNT];
    uint16_t eeprom_data[EEPROM_WORDS];
    uint32_t ioaddr;

    struct {
        uint32_t old_eecd;
        uint32_t val_in;
        uint16_t bitnum_in;
        uint16_t bitnum_out;
        bool reading;
    } eecd_state;

    E1000TxContext tx;
    uint32_t compat_flags;
} E1000State;

#define REG(s, off) ((s)->mac_reg[(off) >> 2])

static void e1000_reset(DeviceState *dev);

/* ---- interrupts --------------------------------------------------- */

static void e1000_update_irq(E1000State *s)
{
    pci_set_irq(&s->parent_obj, (REG(s, E1000_ICR) & REG(s, E1000_IMS)) != 0);
}

static void e1000_set_ics(E1000State *s, uint32_t cause)
{
    REG(s, E1000_ICR) |= cause;
    REG(s, E1000_ICS) = REG(s, E1000_ICR);
    e1000_update_irq(s);
}

/* ---- link / PHY --------------------------------------------------- */

static void e1000_phy_reset(E1000State *s)
{
    static const uint16_t phy_init[PHY_REG_COUNT] = {
        [PHY_CTRL] = 0x1140,            /* autoneg on, 1000 Mb/s, FD */
        [PHY_STATUS] = 0x794d,          /* link bits set by link_up */
        [PHY_ID1] = 0x0141,             /* Marvell 88E1011 */
        [PHY_ID2] = 0x0c20,
        [PHY_AUTONEG_ADV] = 0x0de1,
        [PHY_LP_ABILITY] = 0x01e0,
        [PHY_AUTONEG_EXP] = 0x0001,
        [PHY_1000T_CTRL] = 0x0e00,
        [PHY_1000T_STATUS] = 0x3c00,
        [M88E1000_PHY_SPEC_CTRL] = 0x0360,
        [M88E1000_PHY_SPEC_STATUS] = 0xac00,
        [M88E1000_EXT_PHY_SPEC_CTRL] = 0x0d60,
    };

    memcpy(s->phy_reg, phy_init, sizeof(phy_init));
}

static void e1000_link_up(E1000State *s)
{
    REG(s, E1000_STATUS) |= E1000_STATUS_LU;
    s->phy_reg[PHY_STATUS] |= MII_SR_LINK_STATUS | MII_SR_AUTONEG_COMPLETE;
    s->phy_reg[PHY_LP_ABILITY] |= MII_LPAR_LPACK;
    s->phy_reg[M88E1000_PHY_SPEC_STATUS] |= 0x0400;    /* link (real time) */
}

static void e1000_link_down(E1000State *s)
{
    REG(s, E1000_STATUS) &= ~E1000_STATUS_LU;
    s->phy_reg[PHY_STATUS] &= ~(MII_SR_LINK_STATUS | MII_SR_AUTONEG_COMPLETE);
    s->phy_reg[PHY_LP_ABILITY] &= ~MII_LPAR_LPACK;
    s->phy_reg[M88E1000_PHY_SPEC_STATUS] &= ~0x0400;
}

static void e1000_set_link_status(NetClientState *nc)
{
    E1000State *s = qemu_get_nic_opaque(nc);
    uint32_t old_status = REG(s, E1000_STATUS);

    if (nc->link_down) {
        e1000_link_down(s);
    } else {
        e1000_link_up(s);
    }
    if (REG(s, E1000_STATUS) != old_status) {
        e1000_set_ics(s, E1000_ICR_LSC);
    }
}

static void e1000_set_mdic(E1000State *s, uint32_t val)
{
    uint32_t data = val & E1000_MDIC_DATA_MASK;
    uint32_t addr = (val >> E1000_MDIC_REG_SHIFT) & 0x1f;
    uint32_t phy = (val >> E1000_MDIC_PHY_SHIFT) & 0x1f;

    if (phy != 1) {
        val |= E1000_MDIC_ERROR;        /* only PHY address 1 answers */
    } else if (val & E1000_MDIC_OP_READ) {
        val = (val ^ data) | s->phy_reg[addr];
    } else if (val & E1000_MDIC_OP_WRITE) {
        if (addr == PHY_CTRL) {
            /* Reset and restart-autoneg bits are self-clearing. */
            s->phy_reg[PHY_CTRL] = data & ~(0x8000 | MII_CR_RESTART_AUTO_NEG);
            if (data & 0x8000) {
                e1000_phy_reset(s);
                if (!qemu_get_queue(s->nic)->link_down) {
                    e1000_link_up(s);
                }
            }
        } else if (addr != PHY_STATUS && addr != PHY_ID1 && addr != PHY_ID2 &&
                   addr != PHY_LP_ABILITY && addr != PHY_1000T_STATUS &&
                   addr != M88E1000_PHY_SPEC_STATUS) {
            s->phy_reg[addr] = data;
        }
    }
    REG(s, E1000_MDIC) = val | E1000_MDIC_READY;
    if (val & E1000_MDIC_INT_EN) {
        e1000_set_ics(s, E1000_ICR_MDAC);
    }
}

/* ---- EEPROM ------------------------------------------------------- */

static void e1000_eeprom_init(E1000State *s)
{
    const uint8_t *mac = s->conf.macaddr.a;
    uint16_t sum = 0;
    int i;

    memset(s->eeprom_data, 0, sizeof(s->eeprom_data));
    for (i = 0; i < 3; i++) {
        s->eeprom_data[i] = mac[2 * i] | (mac[2 * i + 1] << 8);
    }
    s->eeprom_data[0x05] = 0x0000;      /* image version */
    s->eeprom_data[0x0a] = 0x6400;      /* init control 1: valid signature */
    s->eeprom_data[0x0b] = 0x0000;      /* subsystem ID */
    s->eeprom_data[0x0c] = 0x0000;      /* subsystem vendor */
    s->eeprom_data[0x0d] = 0x100e;      /* device ID */
    s->eeprom_data[0x0e] = 0x8086;      /* vendor ID */
    s->eeprom_data[0x0f] = 0x3040;      /* init control 2 */
    for (i = 0; i < EEPROM_WORDS - 1; i++) {
        sum += s->eeprom_data[i];
    }
    s->eeprom_data[EEPROM_WORDS - 1] = (uint16_t)(EEPROM_SUM - sum);
}

/*
 * Microwire read: with CS high the driver clocks in (on SK rising
 * edges) a start bit, the 2-bit opcode 10 and a 6-bit word address,
 * then clocks out 16 data bits, most significant first, on DO.
 */
static uint32_t e1000_get_eecd(E1000State *s)
{
    uint32_t ret = E1000_EECD_PRES | E1000_EECD_GNT | s->eecd_state.old_eecd;
    unsigned bit = s->eecd_state.bitnum_out;
    unsigned word = (bit >> 4) & (EEPROM_WORDS - 1);

    ret &= ~E1000_EECD_DO;
    if (s->eecd_state.reading &&
        ((s->eeprom_data[word] >> (15 - (bit & 15))) & 1)) {
        ret |= E1000_EECD_DO;
    }
    return ret;
}

static void e1000_set_eecd(E1000State *s, uint32_t val)
{
    uint32_t oldval = s->eecd_state.old_eecd;

    s->eecd_state.old_eecd = val & (E1000_EECD_SK | E1000_EECD_CS |
                                    E1000_EECD_DI | E1000_EECD_FWE_MASK |
                                    E1000_EECD_REQ);
    if (!(val & E1000_EECD_CS)) {
        return;
    }
    if ((val ^ oldval) & E1000_EECD_CS) {
        /* chip select just went high: new command */
        s->eecd_state.val_in = 0;
        s->eecd_state.bitnum_in = 0;
        s->eecd_state.bitnum_out = 0;
        s->eecd_state.reading = false;
    }
    if (!((val ^ oldval) & E1000_EECD_SK)) {
        return;
    }
    if (!(val & E1000_EECD_SK)) {
        /* falling edge: next output bit */
        if (s->eecd_state.reading) {
            s->eecd_state.bitnum_out++;
        }
        return;
    }
    s->eecd_state.val_in = (s->eecd_state.val_in << 1) |
                           !!(val & E1000_EECD_DI);
    if (++s->eecd_state.bitnum_in == 9 && !s->eecd_state.reading) {
        /* start bit + opcode 10 (read) = 110b above a 6-bit address */
        s->eecd_state.reading = ((s->eecd_state.val_in >> 6) & 7) == 6;
        /*
         * The first falling edge after the address moves to the first
         * data bit, so start one before it.
         */
        s->eecd_state.bitnum_out = ((s->eecd_state.val_in & 0x3f) << 4) - 1;
    }
}

static uint32_t e1000_get_eerd(E1000State *s)
{
    uint32_t val = REG(s, E1000_EERD);
    unsigned addr = (val >> E1000_EERD_ADDR_SHIFT) & 0xff;

    if (!(val & E1000_EERD_START)) {
        return val;
    }
    if (addr >= EEPROM_WORDS) {
        return val | E1000_EERD_DONE;
    }
    return (val & 0xffff) | E1000_EERD_DONE |
           ((uint32_t)s->eeprom_data[addr] << E1000_EERD_DATA_SHIFT);
}

/* ---- checksums ---------------------------------------------------- */

static uint16_t net_checksum_fold(uint32_t sum)
{
    while (sum >> 16) {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return ~sum;
}

static uint32_t net_checksum_add(const uint8_t *buf, unsigned len)
{
    uint32_t sum = 0;
    unsigned i;

    for (i = 0; i + 1 < len; i += 2) {
        sum += (buf[i] << 8) | buf[i + 1];
    }
    if (len & 1) {
        sum += buf[len - 1] << 8;
    }
    return sum;
}

/* Ones' complement sum of data[css..cse] (cse 0: end) stored at cso. */
static void e1000_putsum(uint8_t *data, uint32_t n, uint32_t sloc,
                         uint32_t css, uint32_t cse)
{
    uint16_t sum;

    if (cse && cse < n) {
        n = cse + 1;
    }
    if (sloc + 2 > n || css >= n) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "e1000: checksum offsets %u/%u outside frame of %u\n",
                      css, sloc, n);
        return;
    }
    sum = net_checksum_fold(net_checksum_add(data + css, n - css));
    stw_be_p(data + sloc, sum);
}

/* ---- transmit ----------------------------------------------------- */

static void e1000_send_frame(E1000State *s, const uint8_t *buf, int size)
{
    NetClientState *nc = qemu_get_queue(s->nic);

    if (s->phy_reg[PHY_CTRL] & MII_CR_LOOPBACK) {
        qemu_receive_packet(nc, buf, size);
    } else {
        qemu_send_packet(nc, buf, size);
    }
    REG(s, E1000_GPTC)++;
    REG(s, E1000_TPT)++;
    REG(s, E1000_GOTCL) += size;
    REG(s, E1000_TOTL) += size;
}

/* Checksums, VLAN tag, send: one frame as it goes on the wire. */
static void e1000_xmit_seg(E1000State *s, uint8_t *frame, uint32_t size)
{
    E1000TxContext *tx = &s->tx;
    g_autofree uint8_t *tagged = NULL;

    if (tx->sum_needed & E1000_TXD_POPTS_TXSM) {
        e1000_putsum(frame, size, tx->tucso, tx->tucss, tx->tucse);
    }
    if (tx->sum_needed & E1000_TXD_POPTS_IXSM) {
        e1000_putsum(frame, size, tx->ipcso, tx->ipcss, tx->ipcse);
    }
    if (tx->vlan_needed && size >= 12) {
        /* Insert the 802.1Q tag after the two addresses. */
        tagged = g_malloc(size + 4);
        memcpy(tagged, frame, 12);
        stw_be_p(tagged + 12, REG(s, E1000_VET) & 0xffff);
        stw_be_p(tagged + 14, tx->vlan_tci);
        memcpy(tagged + 16, frame + 12, size - 12);
        frame = tagged;
        size += 4;
    }
    e1000_send_frame(s, frame, size);
}

/* Add @len to the pseudo-header sum the driver left at @off. */
static void e1000_add_phlen(uint8_t *seg, uint32_t off, uint32_t len)
{
    uint32_t sum = lduw_be_p(seg + off) + len;

    sum = (sum >> 16) + (sum & 0xffff);
    stw_be_p(seg + off, sum);
}

/*
 * TCP segmentation: the first hdr_len bytes are the headers, the rest
 * goes out in mss-sized pieces, each with the headers adjusted (IP
 * length and id, TCP sequence number and flags or UDP length) and the
 * checksums recomputed.
 */
static void e1000_xmit_tso(E1000State *s)
{
    E1000TxContext *tx = &s->tx;
    uint32_t hdr = tx->hdr_len, mss = tx->mss, size = tx->size;
    bool ipv4 = tx->tucmd & 0x02, tcp = tx->tucmd & 0x01;
    uint32_t off, nseg = 0;
    g_autofree uint8_t *seg = NULL;

    if (mss == 0 || hdr >= size || hdr < tx->tucss + (tcp ? 20 : 8) ||
        tx->ipcss + (ipv4 ? 20 : 40) > hdr || tx->tucso + 2 > hdr) {
        qemu_log_mask(LOG_GUEST_ERROR, "e1000: bad TSO context (hdr %u mss "
                      "%u frame %u)\n", hdr, mss, size);
        return;
    }
    seg = g_malloc(hdr + mss);
    for (off = 0; off < size - hdr; off += mss, nseg++) {
        uint32_t n = MIN(mss, size - hdr - off);
        uint32_t seglen = hdr + n;
        uint8_t *ip = seg + tx->ipcss, *l4 = seg + tx->tucss;

        memcpy(seg, tx->data, hdr);
        memcpy(seg + hdr, tx->data + hdr + off, n);
        if (ipv4) {
            stw_be_p(ip + 2, seglen - tx->ipcss);
            stw_be_p(ip + 4, lduw_be_p(ip + 4) + nseg);
        } else {
            stw_be_p(ip + 4, seglen - tx->ipcss - 40);
        }
        if (tcp) {
            stl_be_p(l4 + 4, ldl_be_p(l4 + 4) + off);
            if (off + n < size - hdr) {
                l4[13] &= ~0x09;        /* FIN and PSH only on the last */
            }
        } else {
            stw_be_p(l4 + 4, seglen - tx->tucss);
        }
        if (tx->sum_needed & E1000_TXD_POPTS_TXSM) {
            e1000_add_phlen(seg, tx->tucso, seglen - tx->tucss);
        }
        e1000_xmit_seg(s, seg, seglen);
    }
}

static void e1000_xmit_frame(E1000State *s)
{
    E1000TxContext *tx = &s->tx;

    if (tx->overflow) {
        qemu_log_mask(LOG_GUEST_ERROR, "e1000: transmit frame over %u bytes "
                      "dropped\n", TX_MAX_FRAME);
        return;
    }
    if (tx->tse) {
        e1000_xmit_tso(s);
        return;
    }
    e1000_xmit_seg(s, tx->data, tx->size);
}

static void e1000_tx_append(E1000State *s, uint64_t addr, uint32_t len)
{
    E1000TxContext *tx = &s->tx;

    if (tx->overflow) {
        return;
    }
    if (len > TX_MAX_FRAME - tx->size) {
        tx->overflow = true;
        return;
    }
    if (pci_dma_read(&s->parent_obj, addr, tx->data + tx->size, len)) {
        qemu_log_mask(LOG_GUEST_ERROR, "e1000: TX buffer DMA at 0x%" PRIx64
                      " (%u bytes) failed\n", addr, len);
        tx->overflow = true;
        return;
    }
    tx->size += len;
}

/* Process one 16-byte descriptor; returns false to stop the ring. */
static bool e1000_process_tx_desc(E1000State *s, uint8_t *desc)
{
    E1000TxContext *tx = &s->tx;
    uint64_t addr = ldq_le_p(desc);
    uint32_t lower = ldl_le_p(desc + 8);
    uint32_t upper = ldl_le_p(desc + 12);
    uint32_t len;
    bool eop;

    if ((lower & E1000_TXD_CMD_DEXT) &&
        (lower & 0x00f00000) == E1000_TXD_DTYP_C) {
        /* context descriptor: checksum offsets for following frames */
        tx->ipcss = desc[0];
        tx->ipcso = desc[1];
        tx->ipcse = lduw_le_p(desc + 2);
        tx->tucss = desc[4];
        tx->tucso = desc[5];
        tx->tucse = lduw_le_p(desc + 6);
        tx->tucmd = lower >> 24;
        tx->hdr_len = desc[13];
        tx->mss = lduw_le_p(desc + 14);
        return true;
    }
    if (lower & E1000_TXD_CMD_DEXT) {
        if ((lower & 0x00f00000) != E1000_TXD_DTYP_D) {
            qemu_log_mask(LOG_GUEST_ERROR, "e1000: bad TX descriptor type "
                          "0x%x\n", (lower >> 20) & 0xf);
            return true;
        }
        len = lower & 0xfffff;
        if (tx->size == 0) {
            tx->sum_needed = (upper >> 8) & 0xff;
            tx->tse = lower & E1000_TXD_CMD_TSE;
        }
    } else {
        /* legacy: length, CSO, CMD in lower; CSS in upper */
        len = lower & 0xffff;
        if (tx->size == 0) {
            tx->sum_needed = 0;
            tx->tse = false;
            if (lower & E1000_TXD_CMD_IC) {
                tx->sum_needed = E1000_TXD_POPTS_TXSM;
                tx->tucso = (lower >> 16) & 0xff;
                tx->tucss = (upper >> 8) & 0xff;
                tx->tucse = 0;
            }
        }
    }
    eop = lower & E1000_TXD_CMD_EOP;
    if (tx->size == 0) {
        tx->vlan_needed = (lower & E1000_TXD_CMD_VLE) &&
                          (REG(s, E1000_CTRL) & E1000_CTRL_VME);
        tx->vlan_tci = upper >> 16;
    }
    if (len) {
        e1000_tx_append(s, addr, len);
    }
    if (eop) {
        e1000_xmit_frame(s);
        tx->size = 0;
        tx->overflow = false;
    }
    return true;
}

static uint64_t e1000_ring_base(E1000State *s, uint32_t bal, uint32_t bah)
{
    return ((uint64_t)REG(s, bah) << 32) | (REG(s, bal) & ~0xfu);
}

static void e1000_start_xmit(E1000State *s)
{
    uint64_t base = e1000_ring_base(s, E1000_TDBAL, E1000_TDBAH);
    uint32_t ring = REG(s, E1000_TDLEN) / 16;
    uint32_t cause = E1000_ICR_TXQE;
    uint32_t budget;

    if (!(REG(s, E1000_TCTL) & E1000_TCTL_EN)) {
        return;
    }
    if (ring == 0) {
        return;
    }
    /* At most one lap: a guest that keeps moving TDT cannot spin us. */
    for (budget = ring; REG(s, E1000_TDH) != REG(s, E1000_TDT) && budget;
         budget--) {
        uint32_t head = REG(s, E1000_TDH);
        uint64_t addr = base + (uint64_t)head * 16;
        uint8_t desc[16];
        uint32_t lower;

        if (head >= ring || REG(s, E1000_TDT) >= ring) {
            qemu_log_mask(LOG_GUEST_ERROR, "e1000: TDH %u/TDT %u outside "
                          "ring of %u\n", head, REG(s, E1000_TDT), ring);
            break;
        }
        if (pci_dma_read(&s->parent_obj, addr, desc, sizeof(desc))) {
            qemu_log_mask(LOG_GUEST_ERROR, "e1000: TX descriptor DMA at 0x%"
                          PRIx64 " failed\n", addr);
            break;
        }
        e1000_process_tx_desc(s, desc);
        lower = ldl_le_p(desc + 8);
        if (lower & (E1000_TXD_CMD_RS | E1000_TXD_CMD_RPS)) {
            /* write back DD in the status byte */
            uint8_t status = desc[12] | E1000_TXD_STAT_DD;

            pci_dma_write(&s->parent_obj, addr + 12, &status, 1);
            cause |= E1000_ICR_TXDW;
        }
        REG(s, E1000_TDH) = (head + 1) % ring;
    }
    e1000_set_ics(s, cause);
}

/* ---- receive ------------------------------------------------------ */

static uint32_t e1000_rx_bufsize(uint32_t rctl)
{
    static const uint32_t sizes[4] = { 2048, 1024, 512, 256 };
    static const uint32_t ext_sizes[4] = { 2048, 16384, 8192, 4096 };
    unsigned bsize = (rctl >> E1000_RCTL_BSIZE_SHIFT) & 3;

    return (rctl & E1000_RCTL_BSEX) ? ext_sizes[bsize] : sizes[bsize];
}

static uint32_t e1000_rx_free_descs(E1000State *s)
{
    uint32_t ring = REG(s, E1000_RDLEN) / 16;
    uint32_t head = REG(s, E1000_RDH), tail = REG(s, E1000_RDT);

    if (ring == 0 || head >= ring || tail >= ring) {
        return 0;
    }
    return tail >= head ? tail - head : ring - head + tail;
}

static bool e1000_has_rxbufs(E1000State *s, size_t total)
{
    uint64_t space = (uint64_t)e1000_rx_free_descs(s) *
                     e1000_rx_bufsize(REG(s, E1000_RCTL));

    return total <= space;
}

static bool e1000_can_receive(NetClientState *nc)
{
    E1000State *s = qemu_get_nic_opaque(nc);
    PCIDevice *d = &s->parent_obj;

    return (REG(s, E1000_STATUS) & E1000_STATUS_LU) &&
           (REG(s, E1000_RCTL) & E1000_RCTL_EN) &&
           (d->config[PCI_COMMAND] & PCI_COMMAND_MASTER) &&
           e1000_has_rxbufs(s, 1);
}

static bool e1000_receive_filter(E1000State *s, const uint8_t *buf)
{
    static const int mta_shift[] = { 4, 3, 2, 0 };
    uint32_t rctl = REG(s, E1000_RCTL);
    uint32_t f;
    int i;

    if (is_broadcast_ether_addr(buf)) {
        if (rctl & E1000_RCTL_BAM) {
            REG(s, E1000_BPRC)++;
            return true;
        }
    } else if (buf[0] & 1) {
        if (rctl & E1000_RCTL_MPE) {
            REG(s, E1000_MPRC)++;
            return true;
        }
    } else if (rctl & E1000_RCTL_UPE) {
        return true;
    }
    for (i = 0; i < 16; i++) {
        uint32_t lo = REG(s, E1000_RA + i * 8);
        uint32_t hi = REG(s, E1000_RA + i * 8 + 4);
        uint8_t ra[6];

        if (!(hi & E1000_RAH_AV)) {
            continue;
        }
        stl_le_p(ra, lo);
        stw_le_p(ra + 4, hi & 0xffff);
        if (!memcmp(buf, ra, 6)) {
            return true;
        }
    }
    if (!(buf[0] & 1)) {
        return false;
    }
    f = mta_shift[(rctl >> E1000_RCTL_MO_SHIFT) & 3];
    f = (((buf[5] << 8) | buf[4]) >> f) & 0xfff;
    if (REG(s, E1000_MTA + (f >> 5) * 4) & (1u << (f & 0x1f))) {
        REG(s, E1000_MPRC)++;
        return true;
    }
    return false;
}

static ssize_t e1000_receive(NetClientState *nc, const uint8_t *buf,
                             size_t size)
{
    E1000State *s = qemu_get_nic_opaque(nc);
    PCIDevice *d = &s->parent_obj;
    uint32_t rctl = REG(s, E1000_RCTL);
    uint32_t bufsize = e1000_rx_bufsize(rctl);
    uint32_t ring = REG(s, E1000_RDLEN) / 16;
    uint64_t base = e1000_ring_base(s, E1000_RDBAL, E1000_RDBAH);
    uint8_t min_buf[MIN_FRAME];
    uint8_t stripped[RX_MAX_LPE];
    size_t total, copied = 0, fcs = (rctl & E1000_RCTL_SECRC) ? 0 : 4;
    uint16_t vlan_special = 0;
    uint8_t vlan_status = 0;
    size_t orig_size = size;
    uint32_t cause = E1000_ICR_RXT0;

    if (!(REG(s, E1000_STATUS) & E1000_STATUS_LU) ||
        !(rctl & E1000_RCTL_EN)) {
        return -1;
    }
    if (size > ((rctl & E1000_RCTL_LPE) ? RX_MAX_LPE : RX_MAX_DEFAULT)) {
        return size;        /* too long for this configuration: dropped */
    }
    if (size < 14) {
        return size;
    }
    if (!e1000_receive_filter(s, buf)) {
        return size;
    }
    if ((REG(s, E1000_CTRL) & E1000_CTRL_VME) && size >= 18 &&
        lduw_be_p(buf + 12) == (REG(s, E1000_VET) & 0xffff)) {
        /* strip the tag into the descriptor */
        vlan_special = lduw_be_p(buf + 14);
        vlan_status = E1000_RXD_STAT_VP;
        memcpy(stripped, buf, 12);
        memcpy(stripped + 12, buf + 16, size - 16);
        buf = stripped;
        size -= 4;
    }
    if (size < MIN_FRAME) {
        memcpy(min_buf, buf, size);
        memset(min_buf + size, 0, MIN_FRAME - size);
        buf = min_buf;
        size = MIN_FRAME;
    }
    total = size + fcs;
    if (!e1000_has_rxbufs(s, total)) {
        REG(s, E1000_RNBC)++;
        REG(s, E1000_MPC)++;
        e1000_set_ics(s, E1000_ICR_RXO);
        return -1;
    }
    do {
        uint32_t head = REG(s, E1000_RDH);
        uint64_t addr = base + (uint64_t)head * 16;
        uint8_t desc[16];
        uint64_t buffer;
        size_t chunk = MIN(bufsize, total - copied);
        size_t data_chunk = copied < size ? MIN(chunk, size - copied) : 0;

        if (pci_dma_read(d, addr, desc, sizeof(desc))) {
            qemu_log_mask(LOG_GUEST_ERROR, "e1000: RX descriptor DMA at 0x%"
                          PRIx64 " failed\n", addr);
            return -1;
        }
        buffer = ldq_le_p(desc);
        if (buffer) {
            if (data_chunk &&
                pci_dma_write(d, buffer, buf + copied, data_chunk)) {
                qemu_log_mask(LOG_GUEST_ERROR, "e1000: RX buffer DMA at 0x%"
                              PRIx64 " failed\n", buffer);
            }
            copied += chunk;
            stw_le_p(desc + 8, chunk);          /* length */
            stw_le_p(desc + 10, 0);             /* checksum */
            desc[12] = E1000_RXD_STAT_DD | E1000_RXD_STAT_IXSM | vlan_status;
            if (copied >= total) {
                desc[12] |= E1000_RXD_STAT_EOP;
            }
            desc[13] = 0;                       /* errors */
            stw_le_p(desc + 14, vlan_special);
        } else {
            /* a NULL buffer is skipped, as the hardware does */
            desc[12] = E1000_RXD_STAT_DD;
        }
        pci_dma_write(d, addr + 8, desc + 8, 8);
        REG(s, E1000_RDH) = (head + 1) % ring;
    } while (copied < total && REG(s, E1000_RDH) != REG(s, E1000_RDT));

    if (copied < total) {
        /* all remaining descriptors had NULL buffers */
        qemu_log_mask(LOG_GUEST_ERROR, "e1000: RX ring exhausted mid-frame\n");
        e1000_set_ics(s, E1000_ICR_RXO);
        return -1;
    }
    REG(s, E1000_GPRC)++;
    REG(s, E1000_TPR)++;
    REG(s, E1000_GORCL) += total;
    REG(s, E1000_TORL) += total;
    {
        uint32_t free = e1000_rx_free_descs(s);
        uint32_t rdmts = (rctl >> E1000_RCTL_RDMTS_SHIFT) & 3;

        /* RDMTS: interrupt when free descriptors fall to 1/2, 1/4, 1/8 */
        if (rdmts < 3 && free <= (ring >> (rdmts + 1))) {
            cause |= E1000_ICR_RXDMT0;
        }
    }
    e1000_set_ics(s, cause);
    return orig_size;
}

/* ---- register file ------------------------------------------------ */

static uint32_t e1000_reg_read(E1000State *s, uint32_t off)
{
    uint32_t val;

    off &= ~3u;
    if (off >= E1000_MMIO_SIZE) {
        return 0;
    }
    switch (off) {
    case E1000_ICR:
        /* read clears, as when IMS is in use */
        val = REG(s, E1000_ICR);
        REG(s, E1000_ICR) = 0;
        e1000_update_irq(s);
        return val;
    case E1000_ICS:
        return REG(s, E1000_ICR);
    case E1000_IMC:
        return 0;
    case E1000_EECD:
        return e1000_get_eecd(s);
    case E1000_EERD:
        return e1000_get_eerd(s);
    default:
        break;
    }
    val = REG(s, off);
    if (off >= E1000_STATS_START && off < E1000_STATS_END) {
        REG(s, off) = 0;        /* statistics clear on read */
    }
    return val;
}

static void e1000_reg_write(E1000State *s, uint32_t off, uint32_t val)
{
    NetClientState *nc = qemu_get_queue(s->nic);

    off &= ~3u;
    if (off >= E1000_MMIO_SIZE) {
        return;
    }
    switch (off) {
    case E1000_CTRL:
        if (val & E1000_CTRL_RST) {
            e1000_reset(DEVICE(s));
            return;
        }
        REG(s, off) = val & ~E1000_CTRL_PHY_RST;
        return;
    case E1000_STATUS:
        return;                 /* read-only */
    case E1000_EECD:
        e1000_set_eecd(s, val);
        return;
    case E1000_EERD:
        REG(s, off) = val & 0xffff;
        return;
    case E1000_MDIC:
        e1000_set_mdic(s, val);
        return;
    case E1000_ICR:
        REG(s, E1000_ICR) &= ~val;
        e1000_update_irq(s);
        return;
    case E1000_ICS:
        e1000_set_ics(s, val);
        return;
    case E1000_IMS:
        REG(s, E1000_IMS) |= val;
        e1000_update_irq(s);
        return;
    case E1000_IMC:
        REG(s, E1000_IMS) &= ~val;
        e1000_update_irq(s);
        return;
    case E1000_RCTL:
        REG(s, off) = val;
        if (e1000_can_receive(nc)) {
            qemu_flush_queued_packets(nc);
        }
        return;
    case E1000_RDLEN:
    case E1000_TDLEN:
        REG(s, off) = val & 0xfff80;
        return;
    case E1000_RDH:
    case E1000_TDH:
        REG(s, off) = val & 0xffff;
        return;
    case E1000_RDT:
        REG(s, off) = val & 0xffff;
        if (e1000_can_receive(nc)) {
            qemu_flush_queued_packets(nc);
        }
        return;
    case E1000_TDT:
        REG(s, off) = val & 0xffff;
        e1000_start_xmit(s);
        return;
    case E1000_TCTL:
        REG(s, off) = val;
        e1000_start_xmit(s);
        return;
    default:
        if (off >= E1000_STATS_START && off < E1000_STATS_END) {
            return;             /* counters are read-only */
        }
        REG(s, off) = val;
        return;
    }
}

static uint64_t e1000_mmio_read(void *opaque, hwaddr addr, unsigned size)
{
    return e1000_reg_read(opaque, addr);
}

static void e1000_mmio_write(void *opaque, hwaddr addr, uint64_t val,
                             unsigned size)
{
    e1000_reg_write(opaque, addr, val);
}

static const MemoryRegionOps e1000_mmio_ops = {
    .read = e1000_mmio_read,
    .write = e1000_mmio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .impl = {
        .min_access_size = 4,
        .max_access_size = 4,
    },
};

/* IOADDR (0) selects a register, IODATA (4) accesses it. */
static uint64_t e1000_io_read(void *opaque, hwaddr addr, unsigned size)
{
    E1000State *s = opaque;

    switch (addr) {
    case 0:
        return s->ioaddr;
    case 4:
        return e1000_reg_read(s, s->ioaddr & 0x1ffff);
    default:
        return 0;
    }
}

static void e1000_io_write(void *opaque, hwaddr addr, uint64_t val,
                           unsigned size)
{
    E1000State *s = opaque;

    switch (addr) {
    case 0:
        s->ioaddr = val;
        break;
    case 4:
        e1000_reg_write(s, s->ioaddr & 0x1ffff, val);
        break;
    default:
        break;
    }
}

static const MemoryRegionOps e1000_io_ops = {
    .read = e1000_io_read,
    .write = e1000_io_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .impl = {
        .min_access_size = 4,
        .max_access_size = 4,
    },
};

/* ---- device ------------------------------------------------------- */

static void e1000_reset(DeviceState *dev)
{
    E1000State *s = E1000(dev);
    const uint8_t *mac = s->conf.macaddr.a;
    NetClientState *nc = s->nic ? qemu_get_queue(s->nic) : NULL;

    memset(s->mac_reg, 0, sizeof(s->mac_reg));
    memset(&s->eecd_state, 0, sizeof(s->eecd_state));
    s->tx.size = 0;
    s->tx.overflow = false;
    s->ioaddr = 0;
    e1000_phy_reset(s);
    REG(s, E1000_CTRL) = E1000_CTRL_SLU | E1000_CTRL_FD | 0x00000200;
    REG(s, E1000_STATUS) = E1000_STATUS_FD | E1000_STATUS_SPEED_1000 |
                           E1000_STATUS_ASDV_1000 |
                           E1000_STATUS_GIO_MASTER_ENABLE;
    REG(s, E1000_EECD) = E1000_EECD_PRES | E1000_EECD_GNT;
    REG(s, E1000_VET) = 0x8100;
    REG(s, E1000_PBA) = 0x00100030;
    REG(s, E1000_LEDCTL) = 0x07068302;
    REG(s, E1000_MANC) = 0x00060000;    /* ARP/IP request filters enabled */
    REG(s, E1000_TXDCTL) = 0x00010000;
    /* receive address 0 = our MAC, valid */
    REG(s, E1000_RA) = ldl_le_p(mac);
    REG(s, E1000_RA + 4) = lduw_le_p(mac + 4) | E1000_RAH_AV;
    if (!nc || !nc->link_down) {
        e1000_link_up(s);
    }
    if (s->nic) {
        e1000_update_irq(s);
    }
}

static void e1000_write_config(PCIDevice *d, uint32_t address, uint32_t val,
                               int len)
{
    E1000State *s = E1000(d);

    pci_default_write_config(d, address, val, len);
    /*
     * Bus mastering just turned on: queued packets may flow again, but
     * only into a receiver that is ready (flushing delivers regardless,
     * and a disabled receiver drops).
     */
    if (range_covers_byte(address, len, PCI_COMMAND) &&
        e1000_can_receive(qemu_get_queue(s->nic))) {
        qemu_flush_queued_packets(qemu_get_queue(s->nic));
    }
}

static void e1000_cleanup(NetClientState *nc)
{
    E1000State *s = qemu_get_nic_opaque(nc);

    s->nic = NULL;
}

static NetClientInfo net_e1000_info = {
    .type = NET_CLIENT_DRIVER_NIC,
    .size = sizeof(NICState),
    .can_receive = e1000_can_receive,
    .receive = e1000_receive,
    .cleanup = e1000_cleanup,
    .link_status_changed = e1000_set_link_status,
};

static void pci_e1000_realize(PCIDevice *d, Error **errp)
{
    DeviceState *dev = DEVICE(d);
    E1000State *s = E1000(d);

    d->config[PCI_CACHE_LINE_SIZE] = 0x10;
    pci_config_set_interrupt_pin(d->config, 1);

    memory_region_init_io(&s->mmio, OBJECT(d), &e1000_mmio_ops, s,
                          "e1000-mmio", E1000_MMIO_SIZE);
    memory_region_init_io(&s->io, OBJECT(d), &e1000_io_ops, s,
                          "e1000-io", E1000_IO_SIZE);
    pci_register_bar(d, 0, PCI_BASE_ADDRESS_SPACE_MEMORY, &s->mmio);
    pci_register_bar(d, 1, PCI_BASE_ADDRESS_SPACE_IO, &s->io);

    qemu_macaddr_default_if_unset(&s->conf.macaddr);
    e1000_eeprom_init(s);
    s->nic = qemu_new_nic(&net_e1000_info, &s->conf,
                          object_get_typename(OBJECT(d)),
                          dev->id, s);
    qemu_format_nic_info_str(qemu_get_queue(s->nic), s->conf.macaddr.a);
    e1000_reset(dev);
}

static void pci_e1000_uninit(PCIDevice *d)
{
    E1000State *s = E1000(d);

    if (s->nic) {
        qemu_del_nic(s->nic);
        s->nic = NULL;
    }
}

static Property e1000_properties[] = {
    DEFINE_NIC_PROPERTIES(E1000State, conf),
    DEFINE_PROP_BIT("autonegotiation", E1000State, compat_flags, 0, true),
    DEFINE_PROP_BIT("mitigation", E1000State, compat_flags, 1, true),
    DEFINE_PROP_BIT("extra_mac_registers", E1000State, compat_flags, 2, true),
    DEFINE_PROP_BIT("migrate_tso_props", E1000State, compat_flags, 3, true),
    DEFINE_PROP_BIT("init-vet", E1000State, compat_flags, 4, true),
    DEFINE_PROP_END_OF_LIST(),
};

static void e1000_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    PCIDeviceClass *k = PCI_DEVICE_CLASS(klass);

    k->realize = pci_e1000_realize;
    k->exit = pci_e1000_uninit;
    k->config_write = e1000_write_config;
    k->vendor_id = PCI_VENDOR_ID_INTEL;
    k->device_id = 0x100e;
    k->revision = 0x03;
    k->class_id = PCI_CLASS_NETWORK_ETHERNET;
    set_bit(DEVICE_CATEGORY_NETWORK, dc->categories);
    dc->desc = "Intel Gigabit Ethernet";
    dc->reset = e1000_reset;
    device_class_set_props(dc, e1000_properties);
}

static void e1000_instance_init(Object *obj)
{
    E1000State *s = E1000(obj);

    s->conf.bootindex = -1;
    device_add_bootindex_property(obj, &s->conf.bootindex, "bootindex",
                                  "/ethernet-phy@0", DEVICE(obj));
}

static const TypeInfo e1000_info = {
    .name = TYPE_E1000,
    .parent = TYPE_PCI_DEVICE,
    .instance_size = sizeof(E1000State),
    .instance_init = e1000_instance_init,
    .class_init = e1000_class_init,
    .interfaces = (InterfaceInfo[]) {
        { INTERFACE_CONVENTIONAL_PCI_DEVICE },
        { },
    },
};

/* QEMU's "e1000-82540em" is the same model under its precise name. */
static const TypeInfo e1000_82540em_info = {
    .name = "e1000-82540em",
    .parent = TYPE_E1000,
};

static void e1000_register_types(void)
{
    type_register_static(&e1000_info);
    type_register_static(&e1000_82540em_info);
}

type_init(e1000_register_types)
