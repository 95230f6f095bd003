/*
 * IDE guest: PIIX3 IDE at 00:01.1, ATA PIO/multiple/LBA48/DMA reads of
 * sectors the host test wrote into the image, PIO and DMA writes the host
 * test checks afterwards, FLUSH CACHE, and (with "cd") ATAPI on the
 * secondary master; with "errors" also the error policies (below).
 * Command line: sectors=N high=H [cd] [cdblocks=B] [errors].
 */
#include "guest.h"

#define BASE0   0x1f0
#define CTRL0   0x3f6
#define BASE1   0x170
#define CTRL1   0x376

#define PRD_ADDR    0x300000u
#define BUF_ADDR    0x310000u

static uint16_t bmiba;
static uint8_t sector_buf[8 * 512];

/* The host test fills sector n with "SECT", n (LE32), then (n * 7 + i). */
static void check_pattern(const uint8_t *p, uint32_t n, const char *what)
{
    uint32_t i, got = p[4] | (p[5] << 8) | (p[6] << 16) |
                      ((uint32_t)p[7] << 24);

    if (memcmp(p, "SECT", 4) || got != n) {
        fail("%s: sector %u has tag %c%c%c%c/%u", what, n, p[0], p[1], p[2],
             p[3], got);
    }
    for (i = 8; i < 512; i++) {
        if (p[i] != (uint8_t)(n * 7 + i)) {
            fail("%s: sector %u byte %u is %x", what, n, i, p[i]);
        }
    }
}

static uint8_t wait_idle(uint16_t ctrl)
{
    uint32_t i;
    uint8_t st = 0;

    for (i = 0; i < 2000000; i++) {
        st = inb(ctrl);
        if (!(st & 0x80)) {
            return st;
        }
        cpu_relax();
    }
    fail("device stays busy, status %x", st);
}

static void wait_drq(uint16_t ctrl)
{
    uint8_t st = wait_idle(ctrl);

    if (!(st & 0x08) || (st & 0x01)) {
        fail("expected DRQ, status %x error %x", st, inb(ctrl - 0x206 + 1));
    }
}

static void ata_lba28(uint16_t base, uint32_t lba, uint8_t count, uint8_t cmd)
{
    outb(0xe0 | ((lba >> 24) & 0x0f), base + 6);
    outb(count, base + 2);
    outb(lba, base + 3);
    outb(lba >> 8, base + 4);
    outb(lba >> 16, base + 5);
    outb(cmd, base + 7);
}

static void ata_lba48(uint16_t base, uint64_t lba, uint16_t count, uint8_t cmd)
{
    uint32_t lo = lba, hi = lba >> 32;

    outb(0x40, base + 6);
    outb(count >> 8, base + 2);
    outb(lo >> 24, base + 3);
    outb(hi, base + 4);
    outb(hi >> 8, base + 5);
    outb(count, base + 2);
    outb(lo, base + 3);
    outb(lo >> 8, base + 4);
    outb(lo >> 16, base + 5);
    outb(cmd, base + 7);
}

static void pio_in(uint16_t base, void *buf, uint32_t bytes)
{
    uint16_t *w = buf;
    uint32_t i;

    for (i = 0; i < bytes / 2; i++) {
        w[i] = inw(base);
    }
}

static void pio_out(uint16_t base, const void *buf, uint32_t bytes)
{
    const uint16_t *w = buf;
    uint32_t i;

    for (i = 0; i < bytes / 2; i++) {
        outw(w[i], base);
    }
}

static void id_string(const uint16_t *id, int word, int words, char *out)
{
    int i;

    for (i = 0; i < words; i++) {
        out[2 * i] = id[word + i] >> 8;
        out[2 * i + 1] = id[word + i] & 0xff;
    }
    out[2 * words] = 0;
    for (i = 2 * words - 1; i >= 0 && out[i] == ' '; i--) {
        out[i] = 0;
    }
}

static void test_identify(void)
{
    uint16_t id[256];
    char model[41], serial[21];
    uint32_t lba28;
    uint32_t lba48_lo, lba48_hi;
    long want = cmdline_get_int("sectors", 0);

    outb(0xa0, BASE0 + 6);
    outb(0xec, BASE0 + 7);
    wait_drq(CTRL0);
    pio_in(BASE0, id, 512);
    id_string(id, 27, 20, model);
    id_string(id, 10, 10, serial);
    lba28 = id[60] | ((uint32_t)id[61] << 16);
    lba48_lo = id[100] | ((uint32_t)id[101] << 16);
    lba48_hi = id[102] | ((uint32_t)id[103] << 16);
    printf("ide: identify model '%s' serial '%s' lba28 %u lba48 %u:%u\n",
           model, serial, lba28, lba48_hi, lba48_lo);
    check(id[0] == 0x0040);
    check(!strcmp(model, "QEMU HARDDISK"));
    check(!strcmp(serial, "QM00001"));
    check(id[83] & (1 << 10));          /* LBA48 */
    check(lba28 == 0x0fffffff || (long)lba28 == want);
    if (want) {
        uint64_t total = ((uint64_t)lba48_hi << 32) | lba48_lo;
        check(total == (uint64_t)(uint32_t)want);
    }
    check((inb(CTRL0) & 0x08) == 0);    /* DRQ gone after 256 words */
}

static void test_pio_read(void)
{
    uint32_t n;

    ata_lba28(BASE0, 0, 4, 0x20);       /* READ SECTORS */
    for (n = 0; n < 4; n++) {
        wait_drq(CTRL0);
        pio_in(BASE0, sector_buf, 512);
        check_pattern(sector_buf, n, "pio");
    }
    check((wait_idle(CTRL0) & 0x09) == 0);
    printf("ide: PIO read of sectors 0-3 ok\n");

    outb(0xe0, BASE0 + 6);
    outb(4, BASE0 + 2);
    outb(0xc6, BASE0 + 7);              /* SET MULTIPLE MODE 4 */
    check((wait_idle(CTRL0) & 0x01) == 0);
    ata_lba28(BASE0, 8, 8, 0xc4);       /* READ MULTIPLE */
    for (n = 0; n < 2; n++) {
        uint32_t k;

        wait_drq(CTRL0);
        pio_in(BASE0, sector_buf, 4 * 512);
        for (k = 0; k < 4; k++) {
            check_pattern(sector_buf + k * 512, 8 + n * 4 + k, "multiple");
        }
    }
    printf("ide: READ MULTIPLE of sectors 8-15 ok\n");
}

static void test_lba48(void)
{
    long high = cmdline_get_int("high", 0);

    if (!high) {
        return;
    }
    ata_lba48(BASE0, (uint32_t)high, 1, 0x24);   /* READ SECTORS EXT */
    wait_drq(CTRL0);
    pio_in(BASE0, sector_buf, 512);
    check_pattern(sector_buf, (uint32_t)high, "lba48");
    printf("ide: LBA48 read of sector %u ok\n", (uint32_t)high);
}

static void bm_setup(uint32_t prd, bool to_memory)
{
    outb(0, bmiba);
    outl(prd, bmiba + 4);
    outb(0x06, bmiba + 2);              /* clear error and interrupt */
    outb(to_memory ? 0x09 : 0x01, bmiba);
}

/* DMA ends when the engine raises its interrupt bit (or goes inactive). */
static uint8_t wait_bm(void)
{
    uint32_t i;
    uint8_t bst = 0;

    for (i = 0; i < 2000000; i++) {
        bst = inb(bmiba + 2);
        if ((bst & 0x04) || !(bst & 0x01)) {
            break;
        }
        cpu_relax();
    }
    return bst;
}

static void test_dma(void)
{
    volatile uint32_t *prd = (volatile uint32_t *)PRD_ADDR;
    uint8_t *buf = (uint8_t *)BUF_ADDR;
    uint8_t st, bst;
    uint32_t i;

    /* READ DMA of sectors 20-22 through two PRDs */
    memset(buf, 0, 3 * 512);
    prd[0] = BUF_ADDR;
    prd[1] = 512;
    prd[2] = BUF_ADDR + 512;
    prd[3] = 1024 | 0x80000000u;
    ata_lba28(BASE0, 20, 3, 0xc8);
    bm_setup(PRD_ADDR, true);
    bst = wait_bm();
    st = wait_idle(CTRL0);
    outb(0, bmiba);
    printf("ide: READ DMA status %x bmdma status %x\n", st, bst);
    check((st & 0x09) == 0);
    check(bst & 0x04);                  /* interrupt */
    check(!(bst & 0x03));               /* not active, no error */
    for (i = 0; i < 3; i++) {
        check_pattern(buf + i * 512, 20 + i, "dma");
    }

    /* WRITE DMA of sector 41 */
    for (i = 0; i < 512; i++) {
        buf[i] = (uint8_t)(0xa5 ^ i);
    }
    memcpy(buf, "DMA WRITE OK", 12);
    prd[0] = BUF_ADDR;
    prd[1] = 512 | 0x80000000u;
    ata_lba28(BASE0, 41, 1, 0xca);
    bm_setup(PRD_ADDR, false);
    bst = wait_bm();
    st = wait_idle(CTRL0);
    outb(0, bmiba);
    check((st & 0x09) == 0);
    check(bst & 0x04);
    printf("ide: DMA read and write ok\n");

    /* A PRD table outside RAM must end the command, not the emulator. */
    ata_lba28(BASE0, 1, 1, 0xc8);
    bm_setup(0x40000000u, true);
    bst = wait_bm();
    st = wait_idle(CTRL0);
    outb(0, bmiba);
    outb(0x06, bmiba + 2);
    printf("ide: bad PRD table: status %x bmdma status %x\n", st, bst);
}

static void test_write_flush(void)
{
    uint32_t i;

    for (i = 0; i < 512; i++) {
        sector_buf[i] = (uint8_t)(0x3c + i);
    }
    memcpy(sector_buf, "PIO WRITE OK", 12);
    ata_lba28(BASE0, 40, 1, 0x30);      /* WRITE SECTORS */
    wait_drq(CTRL0);
    pio_out(BASE0, sector_buf, 512);
    check((wait_idle(CTRL0) & 0x09) == 0);
    outb(0xe0, BASE0 + 6);
    outb(0xe7, BASE0 + 7);              /* FLUSH CACHE */
    check((wait_idle(CTRL0) & 0x01) == 0);
    printf("ide: PIO write and flush ok\n");
}

static void atapi_packet(const uint8_t *pkt, uint16_t bytes)
{
    outb(0x00, BASE1 + 1);              /* PIO */
    outb(bytes, BASE1 + 4);
    outb(bytes >> 8, BASE1 + 5);
    outb(0xa0, BASE1 + 7);
    wait_drq(CTRL1);
    pio_out(BASE1, pkt, 12);
}

/* Read a data-in reply; returns bytes received. */
static uint32_t atapi_data_in(uint8_t *buf, uint32_t max)
{
    uint32_t got = 0;

    for (;;) {
        uint8_t st = wait_idle(CTRL1);
        uint32_t n;

        if (st & 0x01) {
            fail("ATAPI error %x", inb(BASE1 + 1));
        }
        if (!(st & 0x08)) {
            return got;
        }
        n = inb(BASE1 + 4) | (inb(BASE1 + 5) << 8);
        if (got + n > max) {
            fail("ATAPI reply too long");
        }
        pio_in(BASE1, buf + got, n);
        got += n;
    }
}

static void test_atapi(void)
{
    uint8_t pkt[12];
    uint8_t *buf = (uint8_t *)BUF_ADDR;
    uint16_t id[256];
    char model[41];
    uint32_t n, last;
    long want = cmdline_get_int("cdblocks", 0);

    outb(0xa0, BASE1 + 6);
    outb(0xa1, BASE1 + 7);              /* IDENTIFY PACKET DEVICE */
    wait_drq(CTRL1);
    pio_in(BASE1, id, 512);
    id_string(id, 27, 20, model);
    printf("ide: cd identify word0 %x model '%s'\n", id[0], model);
    check((id[0] >> 14) == 2 && ((id[0] >> 8) & 0x1f) == 5);
    check(!strcmp(model, "QEMU DVD-ROM"));

    /* The first command may report the medium as new: clear it. */
    memset(pkt, 0, 12);
    atapi_packet(pkt, 0);               /* TEST UNIT READY */
    wait_idle(CTRL1);
    memset(pkt, 0, 12);
    pkt[0] = 0x03;
    pkt[4] = 18;
    atapi_packet(pkt, 18);              /* REQUEST SENSE */
    atapi_data_in(buf, 4096);

    memset(pkt, 0, 12);
    pkt[0] = 0x12;
    pkt[4] = 36;
    atapi_packet(pkt, 36);              /* INQUIRY */
    n = atapi_data_in(buf, 4096);
    check(n == 36 && buf[0] == 5 && !memcmp(buf + 16, "QEMU DVD-ROM", 12));

    memset(pkt, 0, 12);
    pkt[0] = 0x25;
    atapi_packet(pkt, 8);               /* READ CAPACITY */
    n = atapi_data_in(buf, 4096);
    last = bswap32(*(uint32_t *)buf);
    printf("ide: cd capacity %u blocks of %u\n", last + 1,
           bswap32(*(uint32_t *)(buf + 4)));
    check(n == 8 && bswap32(*(uint32_t *)(buf + 4)) == 2048);
    check(!want || last + 1 == (uint32_t)want);

    memset(pkt, 0, 12);
    pkt[0] = 0x28;
    pkt[5] = 3;                         /* LBA 3 */
    pkt[8] = 2;                         /* 2 blocks */
    atapi_packet(pkt, 2048);
    n = atapi_data_in(buf, 8192);
    check(n == 4096);
    for (n = 0; n < 8; n++) {           /* 2048-byte block = 4 sectors */
        check_pattern(buf + n * 512, 12 + n, "atapi");
    }
    printf("ide: ATAPI INQUIRY, READ CAPACITY, READ(10) ok\n");
}

/*
 * "errors": the host test put blkdebug under the disk with rerror=report
 * failing reads of sector 60, and werror=stop failing the first write of
 * sectors 40 (PIO) and 41 (DMA); it answers each stop with "cont", so
 * test_write_flush and test_dma see their writes succeed.
 */
static void test_read_error(void)
{
    uint8_t st;

    ata_lba28(BASE0, 60, 1, 0x20);
    st = wait_idle(CTRL0);
    printf("ide: read error status %x error %x\n", st, inb(BASE0 + 1));
    check((st & 0x09) == 0x01);
    check(inb(BASE0 + 1) == 0x04);
    /* the next sector reads fine */
    ata_lba28(BASE0, 59, 1, 0x20);
    wait_drq(CTRL0);
    pio_in(BASE0, sector_buf, 512);
    check_pattern(sector_buf, 59, "after error");
    check((wait_idle(CTRL0) & 0x09) == 0);

    /* READ DMA over it: ERR/ABRT, engine idle with its interrupt bit */
    {
        volatile uint32_t *prd = (volatile uint32_t *)PRD_ADDR;
        uint8_t bst;

        prd[0] = BUF_ADDR;
        prd[1] = 1024 | 0x80000000u;
        ata_lba28(BASE0, 59, 2, 0xc8);
        bm_setup(PRD_ADDR, true);
        bst = wait_bm();
        st = wait_idle(CTRL0);
        outb(0, bmiba);
        outb(0x06, bmiba + 2);
        printf("ide: DMA read error status %x error %x bmdma status %x\n",
               st, inb(BASE0 + 1), bst);
        check((st & 0x09) == 0x01);
        check(inb(BASE0 + 1) == 0x04);
        check((bst & 0x07) == 0x04);
    }
    printf("ide: read error reported\n");
}

/* Bus Master Enable clear: a READ DMA must leave guest memory alone. */
static void test_dma_bme_off(void)
{
    volatile uint32_t *prd = (volatile uint32_t *)PRD_ADDR;
    uint8_t *buf = (uint8_t *)BUF_ADDR;
    uint32_t cmd = pci_config_readl(0, PCI_DEVFN(1, 1), 4) & 0xffff;
    uint8_t st, bst;
    uint32_t i;

    memset(buf, 0xa5, 512);
    prd[0] = BUF_ADDR;
    prd[1] = 512 | 0x80000000u;
    pci_config_writel(0, PCI_DEVFN(1, 1), 4, cmd & ~0x04);
    ata_lba28(BASE0, 3, 1, 0xc8);
    bm_setup(PRD_ADDR, true);
    bst = wait_bm();
    st = wait_idle(CTRL0);
    outb(0, bmiba);
    outb(0x06, bmiba + 2);
    pci_config_writel(0, PCI_DEVFN(1, 1), 4, cmd);
    printf("ide: DMA with BME clear: status %x bmdma status %x\n", st, bst);
    for (i = 0; i < 512; i++) {
        if (buf[i] != 0xa5) {
            fail("DMA with BME clear wrote guest memory (byte %u: %x)", i,
                 buf[i]);
        }
    }
}

int main(void)
{
    uint32_t idv = pci_config_readl(0, PCI_DEVFN(1, 1), 0);
    uint32_t cls = pci_config_readl(0, PCI_DEVFN(1, 1), 8);
    uint32_t cmd;

    printf("ide: 00:01.1 %x:%x class %x prog-if %x\n", idv & 0xffff,
           idv >> 16, cls >> 16, (cls >> 8) & 0xff);
    check(idv == 0x70108086);
    check((cls >> 16) == 0x0101 && ((cls >> 8) & 0xff) == 0x80);

    bmiba = pci_config_readl(0, PCI_DEVFN(1, 1), 0x20) & 0xfffc;
    if (!bmiba) {
        pci_config_writel(0, PCI_DEVFN(1, 1), 0x20, 0xc000);
        bmiba = 0xc000;
    }
    cmd = pci_config_readl(0, PCI_DEVFN(1, 1), 4) & 0xffff;
    pci_config_writel(0, PCI_DEVFN(1, 1), 4, cmd | 0x05);  /* I/O, master */
    /*
     * Interrupts stay enabled at the drive (nIEN clear) because the
     * bus-master interrupt bit follows the IRQ line; the CPU runs with
     * IF=0 and polls.
     */
    outb(0x00, CTRL0);
    outb(0x00, CTRL1);

    test_identify();
    if (cmdline_has("errors")) {
        test_read_error();
        test_dma_bme_off();
    }
    test_pio_read();
    test_lba48();
    test_dma();
    test_write_flush();
    if (cmdline_has("cd")) {
        test_atapi();
    }
    printf("ide: PASS\n");
    return 0;
}
