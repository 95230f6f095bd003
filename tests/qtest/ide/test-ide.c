/*
 * PIIX3 IDE under qtest: ATA IDENTIFY, PIO/multiple/LBA48 transfers on a
 * raw image made here, bus-master DMA with PRD tables in guest memory
 * (including PRDs that point nowhere), FLUSH CACHE, and ATAPI on an
 * ISO-like image and an empty ide-cd.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <sys/resource.h>
#include <signal.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include "libqos.h"

#define IDE_BASE        0x1f0
#define IDE_CTRL        0x3f6
#define IDE2_BASE       0x170
#define IDE2_CTRL       0x376

#define REG_DATA        0
#define REG_ERROR       1
#define REG_FEATURE     1
#define REG_NSECTOR     2
#define REG_LBA_LOW     3
#define REG_LBA_MID     4
#define REG_LBA_HIGH    5
#define REG_DEVICE      6
#define REG_STATUS      7
#define REG_COMMAND     7

#define BSY     0x80
#define DRDY    0x40
#define DRQ     0x08
#define ERR     0x01
#define ABRT    0x04

#define BM_CMD      0
#define BM_STATUS   2
#define BM_PRDT     4

#define SECTOR          512
#define HIGH_SECTOR     ((1ull << 28) + 8)
#define DISK_SECTORS    (HIGH_SECTOR + 16)
#define CD_BLOCKS       32

/*
 * Drives are created with -device so that the tests do not depend on the
 * board's -drive if=ide hook; /ide/legacy-drive covers that path.
 */
#define HD0     "-drive file=@D,if=none,id=disk0,format=raw " \
                "-device ide-hd,drive=disk0,bus=ide.0,unit=0 "
#define CD2     "-drive file=@C,if=none,id=cd0,media=cdrom,format=raw " \
                "-device ide-cd,drive=cd0,bus=ide.1,unit=0 "

#define PRD_ADDR        0x100000
#define BUF_ADDR        0x110000

typedef struct IDETest {
    QTestState *qts;
    QPCIBus bus;
    QPCIDevice *dev;
    QPCIBar bmdma;
    char *disk;
    char *cd;
} IDETest;

static void fill_sector(uint8_t *p, uint64_t n)
{
    int i;

    memcpy(p, "SECT", 4);
    for (i = 0; i < 4; i++) {
        p[4 + i] = n >> (8 * i);
    }
    for (i = 8; i < SECTOR; i++) {
        p[i] = (uint8_t)(n * 7 + i);
    }
}

static void check_sector(const uint8_t *p, uint64_t n)
{
    uint8_t want[SECTOR];

    fill_sector(want, n);
    g_assert(memcmp(p, want, SECTOR) == 0);
}

static char *make_image(uint64_t sectors, uint64_t filled, uint64_t extra)
{
    GError *err = NULL;
    char *path;
    int fd = g_file_open_tmp("ide-test-XXXXXX.img", &path, &err);
    uint8_t buf[SECTOR];
    uint64_t n;

    g_assert_no_error(err);
    g_assert_cmpint(ftruncate(fd, sectors * SECTOR), ==, 0);
    for (n = 0; n < filled; n++) {
        fill_sector(buf, n);
        g_assert_cmpint(pwrite(fd, buf, SECTOR, n * SECTOR), ==, SECTOR);
    }
    if (extra) {
        fill_sector(buf, extra);
        g_assert_cmpint(pwrite(fd, buf, SECTOR, extra * SECTOR), ==, SECTOR);
    }
    close(fd);
    return path;
}

static void read_image(const char *path, uint64_t sector, uint8_t *buf)
{
    int fd = open(path, O_RDONLY);

    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpint(pread(fd, buf, SECTOR, sector * SECTOR), ==, SECTOR);
    close(fd);
}

/* "@D" / "@C" in @args stand for the disk and the CD image. */
static IDETest *ide_test_start(const char *args)
{
    IDETest *t = g_new0(IDETest, 1);
    uint64_t size;

    t->disk = make_image(DISK_SECTORS, 64, HIGH_SECTOR);
    t->cd = make_image(CD_BLOCKS * 4, CD_BLOCKS * 4, 0);
    {
        GString *s = g_string_new("-machine pc -m 64 ");
        const char *p;

        for (p = args; *p; p++) {
            if (p[0] == '@' && p[1] == 'D') {
                g_string_append(s, t->disk);
                p++;
            } else if (p[0] == '@' && p[1] == 'C') {
                g_string_append(s, t->cd);
                p++;
            } else {
                g_string_append_c(s, *p);
            }
        }
        t->qts = qtest_init(s->str);
        g_string_free(s, TRUE);
    }
    qpci_init_pc(&t->bus, t->qts);
    t->dev = qpci_device_find(&t->bus, QPCI_DEVFN(1, 1));
    g_assert(t->dev);
    qpci_device_enable(t->dev);
    t->bmdma = qpci_iomap(t->dev, 4, &size);
    g_assert_cmpuint(size, ==, 16);
    return t;
}

static void ide_test_end(IDETest *t)
{
    qpci_device_free(t->dev);
    qtest_quit(t->qts);
    g_unlink(t->disk);
    g_unlink(t->cd);
    g_free(t->disk);
    g_free(t->cd);
    g_free(t);
}

/*
 * Block I/O runs asynchronously: wait until the drive on the channel of
 * @ctrl is no longer busy (BSY, or DRQ while its bus-master engine still
 * runs a DMA transfer) and return its status.
 */
static uint8_t wait_not_busy(IDETest *t, uint16_t ctrl)
{
    int bm_off = ctrl == IDE_CTRL ? 0 : 8;
    gint64 deadline = g_get_monotonic_time() + 20 * G_USEC_PER_SEC;
    uint8_t st;

    for (;;) {
        /* engine first: once it is idle, the status read after is final */
        bool bm_active = qpci_io_readb(t->dev, t->bmdma,
                                       bm_off + BM_STATUS) & 0x01;
        bool dma_running;

        st = qtest_inb(t->qts, ctrl);
        dma_running = (st & DRQ) && bm_active;
        if (!(st & BSY) && !dma_running) {
            break;
        }
        g_assert_cmpint(g_get_monotonic_time(), <, deadline);
        g_usleep(100);
    }
    return st;
}

/* query-status reports @status */
static bool vm_status_is(IDETest *t, const char *status)
{
    g_autofree char *r = qtest_qmp(t->qts, "{\"execute\": \"query-status\"}");
    g_autofree char *want = g_strdup_printf("\"status\": \"%s\"", status);

    return strstr(r, want) != NULL;
}

/* Wait for INTRQ on IOAPIC pin @pin (qtest_irq_intercept_in first). */
static void wait_irq(IDETest *t, int pin)
{
    gint64 deadline = g_get_monotonic_time() + 20 * G_USEC_PER_SEC;

    while (!qtest_get_irq(t->qts, pin)) {
        g_assert_cmpint(g_get_monotonic_time(), <, deadline);
        g_usleep(100);
    }
}

static void ata_cmd28(IDETest *t, uint8_t dev, uint32_t lba, uint8_t count,
                      uint8_t cmd)
{
    QTestState *q = t->qts;

    qtest_outb(q, IDE_BASE + REG_DEVICE, 0xe0 | dev | ((lba >> 24) & 0xf));
    qtest_outb(q, IDE_BASE + REG_NSECTOR, count);
    qtest_outb(q, IDE_BASE + REG_LBA_LOW, lba);
    qtest_outb(q, IDE_BASE + REG_LBA_MID, lba >> 8);
    qtest_outb(q, IDE_BASE + REG_LBA_HIGH, lba >> 16);
    qtest_outb(q, IDE_BASE + REG_COMMAND, cmd);
}

static void ata_cmd48(IDETest *t, uint64_t lba, uint16_t count, uint8_t cmd)
{
    QTestState *q = t->qts;

    qtest_outb(q, IDE_BASE + REG_DEVICE, 0x40);
    qtest_outb(q, IDE_BASE + REG_NSECTOR, count >> 8);
    qtest_outb(q, IDE_BASE + REG_LBA_LOW, lba >> 24);
    qtest_outb(q, IDE_BASE + REG_LBA_MID, lba >> 32);
    qtest_outb(q, IDE_BASE + REG_LBA_HIGH, lba >> 40);
    qtest_outb(q, IDE_BASE + REG_NSECTOR, count);
    qtest_outb(q, IDE_BASE + REG_LBA_LOW, lba);
    qtest_outb(q, IDE_BASE + REG_LBA_MID, lba >> 8);
    qtest_outb(q, IDE_BASE + REG_LBA_HIGH, lba >> 16);
    qtest_outb(q, IDE_BASE + REG_COMMAND, cmd);
}

static void pio_in(IDETest *t, uint16_t base, uint8_t *buf, int bytes)
{
    int i;

    for (i = 0; i < bytes; i += 2) {
        uint16_t w = qtest_inw(t->qts, base + REG_DATA);

        buf[i] = w;
        buf[i + 1] = w >> 8;
    }
}

static void pio_out(IDETest *t, uint16_t base, const uint8_t *buf, int bytes)
{
    int i;

    for (i = 0; i < bytes; i += 2) {
        qtest_outw(t->qts, base + REG_DATA, buf[i] | (buf[i + 1] << 8));
    }
}

static void id_string(const uint8_t *id, int word, int words, char *out)
{
    int i;

    for (i = 0; i < words * 2; i++) {
        out[i] = id[word * 2 + (i ^ 1)];
    }
    out[words * 2] = 0;
    g_strchomp(out);
}

static uint16_t id_word(const uint8_t *id, int w)
{
    return id[2 * w] | (id[2 * w + 1] << 8);
}

static void identify(IDETest *t, uint8_t dev, uint8_t *id)
{
    uint8_t st;

    qtest_outb(t->qts, IDE_BASE + REG_DEVICE, 0xa0 | dev);
    qtest_outb(t->qts, IDE_BASE + REG_COMMAND, 0xec);
    st = wait_not_busy(t, IDE_CTRL);
    g_assert_cmphex(st & (DRQ | ERR), ==, DRQ);
    pio_in(t, IDE_BASE, id, SECTOR);
    g_assert_cmphex(qtest_inb(t->qts, IDE_BASE + REG_STATUS) & (DRQ | ERR),
                    ==, 0);
}

/* ---- tests ---------------------------------------------------------- */

static void test_identify(void)
{
    IDETest *t = ide_test_start(HD0);
    uint8_t id[SECTOR];
    char str[41];
    uint64_t lba48;

    /* PCI identity as QEMU's */
    g_assert_cmphex(qpci_config_readw(t->dev, 0), ==, 0x8086);
    g_assert_cmphex(qpci_config_readw(t->dev, 2), ==, 0x7010);
    g_assert_cmphex(qpci_config_readw(t->dev, 0x0a), ==, 0x0101);
    g_assert_cmphex(qpci_config_readb(t->dev, 0x09), ==, 0x80);
    /* IDETIM decode enable, as left by SeaBIOS on QEMU */
    g_assert_cmphex(qpci_config_readw(t->dev, 0x40), ==, 0x8000);
    g_assert_cmphex(qpci_config_readw(t->dev, 0x42), ==, 0x8000);

    identify(t, 0, id);
    g_assert_cmphex(id_word(id, 0), ==, 0x0040);
    id_string(id, 27, 20, str);
    g_assert_cmpstr(str, ==, "QEMU HARDDISK");
    id_string(id, 10, 10, str);
    g_assert_cmpstr(str, ==, "QM00001");
    id_string(id, 23, 4, str);
    g_assert_cmpstr(str, ==, "2.5+");
    g_assert_cmphex(id_word(id, 60) | (id_word(id, 61) << 16), ==,
                    0x0fffffff);
    lba48 = id_word(id, 100) | ((uint64_t)id_word(id, 101) << 16) |
            ((uint64_t)id_word(id, 102) << 32);
    g_assert_cmpuint(lba48, ==, DISK_SECTORS);
    g_assert_true(id_word(id, 83) & (1 << 10));     /* LBA48 */
    g_assert_true(id_word(id, 83) & (1 << 13));     /* FLUSH CACHE EXT */
    g_assert_cmphex(id_word(id, 169), ==, 1);       /* TRIM */
    g_assert_cmphex(id_word(id, 106), ==, 0x6000);
    g_assert_cmpuint(id_word(id, 1), ==, 16383);
    g_assert_cmpuint(id_word(id, 3), ==, 16);
    g_assert_cmpuint(id_word(id, 6), ==, 63);

    /* SET FEATURES: transfer mode UDMA2, write cache off, bad subcommand */
    qtest_outb(t->qts, IDE_BASE + REG_FEATURE, 0x03);
    qtest_outb(t->qts, IDE_BASE + REG_NSECTOR, 0x42);
    qtest_outb(t->qts, IDE_BASE + REG_COMMAND, 0xef);
    g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & ERR, ==, 0);
    qtest_outb(t->qts, IDE_BASE + REG_FEATURE, 0x82);
    qtest_outb(t->qts, IDE_BASE + REG_COMMAND, 0xef);
    g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & ERR, ==, 0);
    identify(t, 0, id);
    g_assert_cmphex(id_word(id, 88), ==, 0x3f | (1 << 10));
    g_assert_cmphex(id_word(id, 85) & (1 << 5), ==, 0);
    qtest_outb(t->qts, IDE_BASE + REG_FEATURE, 0x77);
    qtest_outb(t->qts, IDE_BASE + REG_COMMAND, 0xef);
    g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & ERR, ==, ERR);
    g_assert_cmphex(qtest_inb(t->qts, IDE_BASE + REG_ERROR), ==, ABRT);

    /* READ NATIVE MAX ADDRESS EXT: the last sector */
    qtest_outb(t->qts, IDE_BASE + REG_DEVICE, 0x40);
    qtest_outb(t->qts, IDE_BASE + REG_COMMAND, 0x27);
    g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & ERR, ==, 0);
    g_assert_cmphex(qtest_inb(t->qts, IDE_BASE + REG_LBA_LOW), ==,
                    (uint8_t)(DISK_SECTORS - 1));
    qtest_outb(t->qts, IDE_CTRL, 0x80);
    g_assert_cmphex(qtest_inb(t->qts, IDE_BASE + REG_LBA_LOW), ==,
                    (uint8_t)((DISK_SECTORS - 1) >> 24));
    qtest_outb(t->qts, IDE_CTRL, 0x00);

    /* No slave: its status reads 0 and commands to it are ignored. */
    qtest_outb(t->qts, IDE_BASE + REG_DEVICE, 0xb0);
    g_assert_cmphex(qtest_inb(t->qts, IDE_BASE + REG_STATUS), ==, 0);
    ide_test_end(t);
}

static void test_identify_props(void)
{
    IDETest *t = ide_test_start("-drive file=@D,if=none,id=d0,format=raw "
                                "-device ide-hd,drive=d0,bus=ide.0,unit=1,"
                                "serial=SN42,model=MyDisk,"
                                "wwn=0x5000c500a1b2c3d4");
    uint8_t id[SECTOR];
    char str[41];

    identify(t, 0x10, id);
    id_string(id, 27, 20, str);
    g_assert_cmpstr(str, ==, "MyDisk");
    id_string(id, 10, 10, str);
    g_assert_cmpstr(str, ==, "SN42");
    g_assert_cmphex(id_word(id, 108), ==, 0x5000);
    g_assert_cmphex(id_word(id, 111), ==, 0xc3d4);
    g_assert_true(id_word(id, 87) & (1 << 8));
    ide_test_end(t);
}

static void test_pio_read_write(void)
{
    IDETest *t = ide_test_start(HD0);
    uint8_t buf[8 * SECTOR], file[SECTOR];
    int n;

    ata_cmd28(t, 0, 2, 4, 0x20);            /* READ SECTORS 2-5 */
    for (n = 0; n < 4; n++) {
        uint8_t st = wait_not_busy(t, IDE_CTRL);

        g_assert_cmphex(st & (DRQ | ERR), ==, DRQ);
        pio_in(t, IDE_BASE, buf, SECTOR);
        check_sector(buf, 2 + n);
    }
    g_assert_cmphex(qtest_inb(t->qts, IDE_BASE + REG_STATUS) & (DRQ | ERR),
                    ==, 0);

    /* CHS addressing (16 heads, 63 sectors): C0/H1/S1 is LBA 63, read
     * with 32-bit data port accesses */
    qtest_outb(t->qts, IDE_BASE + REG_DEVICE, 0xa1);
    qtest_outb(t->qts, IDE_BASE + REG_NSECTOR, 1);
    qtest_outb(t->qts, IDE_BASE + REG_LBA_LOW, 1);
    qtest_outb(t->qts, IDE_BASE + REG_LBA_MID, 0);
    qtest_outb(t->qts, IDE_BASE + REG_LBA_HIGH, 0);
    qtest_outb(t->qts, IDE_BASE + REG_COMMAND, 0x20);
    g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & (DRQ | ERR), ==, DRQ);
    for (n = 0; n < SECTOR; n += 4) {
        uint32_t l = qtest_inl(t->qts, IDE_BASE + REG_DATA);

        memcpy(buf + n, &l, 4);     /* the host is little-endian too */
    }
    check_sector(buf, 63);
    /* the task file now names the next sector, C0/H1/S2 */
    g_assert_cmphex(qtest_inb(t->qts, IDE_BASE + REG_LBA_LOW), ==, 2);
    g_assert_cmphex(qtest_inb(t->qts, IDE_BASE + REG_DEVICE) & 0x0f, ==, 1);

    /* READ MULTIPLE after SET MULTIPLE MODE 8: one DRQ block */
    qtest_outb(t->qts, IDE_BASE + REG_NSECTOR, 8);
    qtest_outb(t->qts, IDE_BASE + REG_COMMAND, 0xc6);
    g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & ERR, ==, 0);
    ata_cmd28(t, 0, 16, 8, 0xc4);
    g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & DRQ, ==, DRQ);
    pio_in(t, IDE_BASE, buf, 8 * SECTOR);
    for (n = 0; n < 8; n++) {
        check_sector(buf + n * SECTOR, 16 + n);
    }
    g_assert_cmphex(qtest_inb(t->qts, IDE_BASE + REG_STATUS) & DRQ, ==, 0);

    /* A bad multiple count is refused */
    qtest_outb(t->qts, IDE_BASE + REG_NSECTOR, 3);
    qtest_outb(t->qts, IDE_BASE + REG_COMMAND, 0xc6);
    g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & ERR, ==, ERR);
    g_assert_cmphex(qtest_inb(t->qts, IDE_BASE + REG_ERROR), ==, ABRT);

    /* WRITE SECTORS 40, then FLUSH CACHE; the image holds the data */
    fill_sector(buf, 4040);
    ata_cmd28(t, 0, 40, 1, 0x30);
    g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & DRQ, ==, DRQ);
    pio_out(t, IDE_BASE, buf, SECTOR);
    g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & (DRQ | ERR), ==, 0);
    qtest_outb(t->qts, IDE_BASE + REG_COMMAND, 0xe7);
    g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & (ERR | DRDY), ==, DRDY);
    qtest_outb(t->qts, IDE_BASE + REG_COMMAND, 0xea);   /* FLUSH CACHE EXT */
    g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & (ERR | DRDY), ==, DRDY);
    read_image(t->disk, 40, file);
    check_sector(file, 4040);

    /* Beyond the end of the disk: ID not found + abort */
    ata_cmd48(t, DISK_SECTORS, 1, 0x24);
    g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & ERR, ==, ERR);
    g_assert_cmphex(qtest_inb(t->qts, IDE_BASE + REG_ERROR), ==, 0x14);
    ide_test_end(t);
}

static void test_lba48(void)
{
    IDETest *t = ide_test_start(HD0);
    uint8_t buf[SECTOR], file[SECTOR];

    ata_cmd48(t, HIGH_SECTOR, 1, 0x24);     /* READ SECTORS EXT */
    g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & (DRQ | ERR), ==, DRQ);
    pio_in(t, IDE_BASE, buf, SECTOR);
    check_sector(buf, HIGH_SECTOR);

    fill_sector(buf, 777);
    ata_cmd48(t, HIGH_SECTOR + 1, 1, 0x34); /* WRITE SECTORS EXT */
    g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & (DRQ | ERR), ==, DRQ);
    pio_out(t, IDE_BASE, buf, SECTOR);
    g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & (DRQ | ERR), ==, 0);
    qtest_outb(t->qts, IDE_BASE + REG_COMMAND, 0xea);
    wait_not_busy(t, IDE_CTRL);
    read_image(t->disk, HIGH_SECTOR + 1, file);
    check_sector(file, 777);

    /* HOB readback: the high LBA bytes of the last sector addressed */
    qtest_outb(t->qts, IDE_CTRL, 0x80);
    g_assert_cmphex(qtest_inb(t->qts, IDE_BASE + REG_LBA_LOW), ==,
                    (uint8_t)((HIGH_SECTOR + 2) >> 24));
    qtest_outb(t->qts, IDE_CTRL, 0x00);
    ide_test_end(t);
}

static void bm_start(IDETest *t, uint32_t prdt, bool to_memory)
{
    qpci_io_writeb(t->dev, t->bmdma, BM_CMD, 0);
    qpci_io_writel(t->dev, t->bmdma, BM_PRDT, prdt);
    qpci_io_writeb(t->dev, t->bmdma, BM_STATUS, 0x06);
    qpci_io_writeb(t->dev, t->bmdma, BM_CMD, to_memory ? 0x09 : 0x01);
}

static void write_prd(IDETest *t, uint32_t at, uint32_t addr, uint32_t len,
                      bool eot)
{
    qtest_writel(t->qts, at, addr);
    qtest_writel(t->qts, at + 4, (len & 0xffff) | (eot ? 0x80000000u : 0));
}

static void test_dma(void)
{
    IDETest *t = ide_test_start(HD0);
    uint8_t buf[4 * SECTOR], file[SECTOR];
    uint8_t st, bst;
    int n;

    /* READ DMA of sectors 30-33 through two PRDs */
    qtest_memset(t->qts, BUF_ADDR, 0, 4 * SECTOR);
    write_prd(t, PRD_ADDR, BUF_ADDR, SECTOR, false);
    write_prd(t, PRD_ADDR + 8, BUF_ADDR + SECTOR, 3 * SECTOR, true);
    ata_cmd28(t, 0, 30, 4, 0xc8);
    bm_start(t, PRD_ADDR, true);
    st = wait_not_busy(t, IDE_CTRL);
    bst = qpci_io_readb(t->dev, t->bmdma, BM_STATUS);
    g_assert_cmphex(st & (DRQ | ERR), ==, 0);
    g_assert_cmphex(bst & 0x07, ==, 0x04);  /* interrupt, idle, no error */
    qtest_memread(t->qts, BUF_ADDR, buf, sizeof(buf));
    for (n = 0; n < 4; n++) {
        check_sector(buf + n * SECTOR, 30 + n);
    }

    /* WRITE DMA EXT of sector 50 (engine started before the command) */
    fill_sector(buf, 5050);
    qtest_memwrite(t->qts, BUF_ADDR, buf, SECTOR);
    write_prd(t, PRD_ADDR, BUF_ADDR, SECTOR, true);
    bm_start(t, PRD_ADDR, false);
    ata_cmd48(t, 50, 1, 0x35);
    st = wait_not_busy(t, IDE_CTRL);
    g_assert_cmphex(st & (DRQ | ERR), ==, 0);
    g_assert_cmphex(qpci_io_readb(t->dev, t->bmdma, BM_STATUS) & 0x07, ==,
                    0x04);
    qpci_io_writeb(t->dev, t->bmdma, BM_CMD, 0);
    qtest_outb(t->qts, IDE_BASE + REG_COMMAND, 0xe7);
    wait_not_busy(t, IDE_CTRL);
    read_image(t->disk, 50, file);
    check_sector(file, 5050);

    /* DATA SET MANAGEMENT / TRIM of sectors 5-6, then a range past the end */
    {
        uint8_t ranges[SECTOR] = { 0 };
        uint64_t e = 5 | (2ull << 48);
        int k;

        for (k = 0; k < 8; k++) {
            ranges[k] = e >> (8 * k);
        }
        qtest_memwrite(t->qts, BUF_ADDR, ranges, SECTOR);
        write_prd(t, PRD_ADDR, BUF_ADDR, SECTOR, true);
        qtest_outb(t->qts, IDE_BASE + REG_FEATURE, 0x01);
        ata_cmd48(t, 0, 1, 0x06);
        bm_start(t, PRD_ADDR, false);
        g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & (ERR | DRQ), ==, 0);
        g_assert_cmphex(qpci_io_readb(t->dev, t->bmdma, BM_STATUS) & 0x07,
                        ==, 0x04);
        qpci_io_writeb(t->dev, t->bmdma, BM_CMD, 0);
        e = (DISK_SECTORS - 1) | (2ull << 48);
        for (k = 0; k < 8; k++) {
            ranges[k] = e >> (8 * k);
        }
        qtest_memwrite(t->qts, BUF_ADDR, ranges, SECTOR);
        qtest_outb(t->qts, IDE_BASE + REG_FEATURE, 0x01);
        ata_cmd48(t, 0, 1, 0x06);
        bm_start(t, PRD_ADDR, false);
        g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & ERR, ==, ERR);
        qpci_io_writeb(t->dev, t->bmdma, BM_CMD, 0);
    }

    /* Interrupt and error bits are write-1-to-clear */
    qpci_io_writeb(t->dev, t->bmdma, BM_STATUS, 0x04);
    g_assert_cmphex(qpci_io_readb(t->dev, t->bmdma, BM_STATUS) & 0x04, ==, 0);
    ide_test_end(t);
}

static void test_dma_bad_prd(void)
{
    IDETest *t = ide_test_start(HD0);
    uint8_t id[SECTOR];
    uint8_t st, bst;

    /* PRD table in the PCI hole: nothing decodes there */
    ata_cmd28(t, 0, 0, 1, 0xc8);
    bm_start(t, 0xd0000000u, true);
    st = wait_not_busy(t, IDE_CTRL);
    bst = qpci_io_readb(t->dev, t->bmdma, BM_STATUS);
    g_assert_cmphex(st & ERR, ==, ERR);
    g_assert_cmphex(bst & 0x03, ==, 0x02);  /* error, not active */
    qpci_io_writeb(t->dev, t->bmdma, BM_CMD, 0);
    qpci_io_writeb(t->dev, t->bmdma, BM_STATUS, 0x06);

    /* A valid table whose buffer points outside RAM */
    write_prd(t, PRD_ADDR, 0xd0000000u, SECTOR, true);
    ata_cmd28(t, 0, 0, 1, 0xc8);
    bm_start(t, PRD_ADDR, true);
    st = wait_not_busy(t, IDE_CTRL);
    g_assert_cmphex(st & ERR, ==, ERR);
    g_assert_cmphex(qpci_io_readb(t->dev, t->bmdma, BM_STATUS) & 0x02, ==,
                    0x02);
    qpci_io_writeb(t->dev, t->bmdma, BM_CMD, 0);

    /* Bus Master Enable off: DMA cannot reach memory either */
    qpci_io_writeb(t->dev, t->bmdma, BM_STATUS, 0x06);
    qpci_config_writew(t->dev, 0x04, qpci_config_readw(t->dev, 0x04) & ~4);
    write_prd(t, PRD_ADDR, BUF_ADDR, SECTOR, true);
    ata_cmd28(t, 0, 0, 1, 0xc8);
    bm_start(t, PRD_ADDR, true);
    st = wait_not_busy(t, IDE_CTRL);
    g_assert_cmphex(st & ERR, ==, ERR);
    qpci_io_writeb(t->dev, t->bmdma, BM_CMD, 0);

    /* The device still works afterwards */
    identify(t, 0, id);
    g_assert_cmphex(id_word(id, 0), ==, 0x0040);
    ide_test_end(t);
}

static void test_srst_nien(void)
{
    IDETest *t = ide_test_start(HD0 "-drive file=@C,if=none,id=cd0,media=cdrom,"
                                "format=raw -device ide-cd,drive=cd0,"
                                "bus=ide.0,unit=1");
    QTestState *q = t->qts;

    /* SRST: busy while asserted, signatures after release */
    qtest_outb(q, IDE_CTRL, 0x04);
    g_assert_cmphex(qtest_inb(q, IDE_CTRL) & BSY, ==, BSY);
    qtest_outb(q, IDE_CTRL, 0x00);
    g_assert_cmphex(qtest_inb(q, IDE_CTRL) & BSY, ==, 0);
    g_assert_cmphex(qtest_inb(q, IDE_BASE + REG_ERROR), ==, 0x01);
    g_assert_cmphex(qtest_inb(q, IDE_BASE + REG_NSECTOR), ==, 1);
    g_assert_cmphex(qtest_inb(q, IDE_BASE + REG_LBA_MID), ==, 0);
    qtest_outb(q, IDE_BASE + REG_DEVICE, 0xb0);
    g_assert_cmphex(qtest_inb(q, IDE_BASE + REG_LBA_MID), ==, 0x14);
    g_assert_cmphex(qtest_inb(q, IDE_BASE + REG_LBA_HIGH), ==, 0xeb);
    /* IDENTIFY DEVICE to an ATAPI device aborts, leaving the signature */
    qtest_outb(q, IDE_BASE + REG_COMMAND, 0xec);
    g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & ERR, ==, ERR);
    g_assert_cmphex(qtest_inb(q, IDE_BASE + REG_LBA_HIGH), ==, 0xeb);

    /* Unknown command: abort */
    qtest_outb(q, IDE_BASE + REG_DEVICE, 0xa0);
    qtest_outb(q, IDE_BASE + REG_COMMAND, 0xff);
    g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & ERR, ==, ERR);
    g_assert_cmphex(qtest_inb(q, IDE_BASE + REG_ERROR), ==, ABRT);

    /* nIEN: a completed command leaves the BM interrupt bit clear */
    qpci_io_writeb(t->dev, t->bmdma, BM_STATUS, 0x04);
    qtest_outb(q, IDE_CTRL, 0x02);
    qtest_outb(q, IDE_BASE + REG_COMMAND, 0xe7);
    wait_not_busy(t, IDE_CTRL);
    g_assert_cmphex(qpci_io_readb(t->dev, t->bmdma, BM_STATUS) & 0x04, ==, 0);
    qtest_outb(q, IDE_CTRL, 0x00);
    qtest_outb(q, IDE_BASE + REG_COMMAND, 0xe7);
    wait_not_busy(t, IDE_CTRL);
    g_assert_cmphex(qpci_io_readb(t->dev, t->bmdma, BM_STATUS) & 0x04, ==,
                    0x04);
    ide_test_end(t);
}

/*
 * Write errors on demand: the emulator runs with RLIMIT_FSIZE at 1 MiB
 * and SIGXFSZ ignored (both inherited), so writes to the (sparse, 4 MiB)
 * image beyond 1 MiB fail with EFBIG while reads still work.
 */
static IDETest *ide_test_start_fsize_limited(const char *args)
{
    struct rlimit old, lim;
    void (*old_handler)(int);
    IDETest *t;

    g_assert_cmpint(getrlimit(RLIMIT_FSIZE, &old), ==, 0);
    lim = old;
    lim.rlim_cur = 1 << 20;
    old_handler = signal(SIGXFSZ, SIG_IGN);
    {
        /* the image is made before the limit applies */
        g_autofree char *disk = make_image(8192, 64, 0);
        g_autofree char *full = g_strdup_printf("-machine pc -m 64 %s", args);
        g_autofree char *cmd = NULL;
        GString *str = g_string_new(NULL);
        const char *p;
        uint64_t size;

        for (p = full; *p; p++) {
            if (p[0] == '@' && p[1] == 'D') {
                g_string_append(str, disk);
                p++;
            } else {
                g_string_append_c(str, *p);
            }
        }
        cmd = g_string_free(str, FALSE);
        g_assert_cmpint(setrlimit(RLIMIT_FSIZE, &lim), ==, 0);
        t = g_new0(IDETest, 1);
        t->qts = qtest_init(cmd);
        g_assert_cmpint(setrlimit(RLIMIT_FSIZE, &old), ==, 0);
        signal(SIGXFSZ, old_handler);
        t->disk = g_strdup(disk);
        t->cd = make_image(4, 0, 0);
        qpci_init_pc(&t->bus, t->qts);
        t->dev = qpci_device_find(&t->bus, QPCI_DEVFN(1, 1));
        qpci_device_enable(t->dev);
        t->bmdma = qpci_iomap(t->dev, 4, &size);
    }
    return t;
}

/*
 * Wait until the command has completed or the VM stopped on an I/O
 * error (werror/rerror=stop); returns the alternate status.
 */
static uint8_t wait_done_or_stopped(IDETest *t)
{
    gint64 deadline = g_get_monotonic_time() + 20 * G_USEC_PER_SEC;
    uint8_t st;

    for (;;) {
        st = qtest_inb(t->qts, IDE_CTRL);
        if (!(st & BSY)) {
            return st;
        }
        if (vm_status_is(t, "io-error")) {
            return qtest_inb(t->qts, IDE_CTRL);
        }
        g_assert_cmpint(g_get_monotonic_time(), <, deadline);
        g_usleep(1000);
    }
}

/* PIO WRITE SECTORS of one sector holding fill_sector(@tag). */
static uint8_t write_tagged(IDETest *t, uint32_t lba, uint64_t tag)
{
    uint8_t buf[SECTOR];

    fill_sector(buf, tag);
    ata_cmd28(t, 0, lba, 1, 0x30);
    g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & DRQ, ==, DRQ);
    pio_out(t, IDE_BASE, buf, SECTOR);
    return wait_done_or_stopped(t);
}

static uint8_t write_one(IDETest *t, uint32_t lba)
{
    return write_tagged(t, lba, lba);
}

static void test_werror(void)
{
    IDETest *t;
    uint8_t file[SECTOR];

    /* default policy (report): the command fails with ABRT */
    t = ide_test_start_fsize_limited("-drive file=@D,if=none,id=d0,"
                                     "format=raw -device ide-hd,drive=d0,"
                                     "bus=ide.0,unit=0");
    g_assert_cmphex(write_tagged(t, 10, 1010) & ERR, ==, 0); /* < 1 MiB */
    g_assert_cmphex(write_one(t, 4096) & (ERR | BSY), ==, ERR);
    g_assert_cmphex(qtest_inb(t->qts, IDE_BASE + REG_ERROR), ==, ABRT);
    read_image(t->disk, 10, file);
    check_sector(file, 1010);
    ide_test_end(t);

    /* werror=ignore on the device: reported as success */
    t = ide_test_start_fsize_limited("-drive file=@D,if=none,id=d0,"
                                     "format=raw -device ide-hd,drive=d0,"
                                     "bus=ide.0,unit=0,werror=ignore");
    g_assert_cmphex(write_one(t, 4096) & (ERR | BSY), ==, 0);
    ide_test_end(t);

    /* werror=stop: the VM stops with the command still busy */
    t = ide_test_start_fsize_limited("-drive file=@D,if=none,id=d0,"
                                     "format=raw,werror=stop -device ide-hd,"
                                     "drive=d0,bus=ide.0,unit=0");
    g_assert_cmphex(write_one(t, 4096) & BSY, ==, BSY);
    ide_test_end(t);
}

/* INTRQ on ISA IRQ 14 (seen on IOAPIC pin 14 under qtest) */
static void test_irq(void)
{
    IDETest *t = ide_test_start(HD0);
    QTestState *q = t->qts;
    uint8_t id[SECTOR];

    qtest_irq_intercept_in(q, "ioapic");
    g_assert_false(qtest_get_irq(q, 14));
    qtest_outb(q, IDE_BASE + REG_DEVICE, 0xa0);
    qtest_outb(q, IDE_BASE + REG_COMMAND, 0xec);
    g_assert_true(qtest_get_irq(q, 14));
    /* the alternate status does not acknowledge, the status does */
    g_assert_cmphex(qtest_inb(q, IDE_CTRL) & DRQ, ==, DRQ);
    g_assert_true(qtest_get_irq(q, 14));
    g_assert_cmphex(qtest_inb(q, IDE_BASE + REG_STATUS) & DRQ, ==, DRQ);
    g_assert_false(qtest_get_irq(q, 14));
    pio_in(t, IDE_BASE, id, SECTOR);
    g_assert_false(qtest_get_irq(q, 14));   /* no IRQ at the end of PIO-in */

    /* PIO write: no IRQ for the first block, one after the data */
    ata_cmd28(t, 0, 60, 1, 0x30);
    g_assert_false(qtest_get_irq(q, 14));
    pio_out(t, IDE_BASE, id, SECTOR);
    wait_irq(t, 14);
    qtest_inb(q, IDE_BASE + REG_STATUS);

    /* nIEN masks INTRQ; setting it also withdraws a pending one */
    qtest_outb(q, IDE_CTRL, 0x02);
    qtest_outb(q, IDE_BASE + REG_COMMAND, 0xe7);
    wait_not_busy(t, IDE_CTRL);
    g_assert_false(qtest_get_irq(q, 14));
    qtest_outb(q, IDE_CTRL, 0x00);
    qtest_outb(q, IDE_BASE + REG_COMMAND, 0xe7);
    wait_irq(t, 14);
    qtest_outb(q, IDE_CTRL, 0x02);
    g_assert_false(qtest_get_irq(q, 14));
    /* the secondary channel has its own line */
    g_assert_false(qtest_get_irq(q, 15));
    ide_test_end(t);
}

/* ---- ATAPI ------------------------------------------------------------ */

static void atapi_send(IDETest *t, const uint8_t *pkt, uint16_t limit,
                       bool dma)
{
    QTestState *q = t->qts;
    uint8_t st;

    qtest_outb(q, IDE2_BASE + REG_DEVICE, 0xa0);
    qtest_outb(q, IDE2_BASE + REG_FEATURE, dma ? 1 : 0);
    qtest_outb(q, IDE2_BASE + REG_LBA_MID, limit);
    qtest_outb(q, IDE2_BASE + REG_LBA_HIGH, limit >> 8);
    qtest_outb(q, IDE2_BASE + REG_COMMAND, 0xa0);
    st = wait_not_busy(t, IDE2_CTRL);
    g_assert_cmphex(st & DRQ, ==, DRQ);
    g_assert_cmphex(qtest_inb(q, IDE2_BASE + REG_NSECTOR) & 3, ==, 1);
    pio_out(t, IDE2_BASE, pkt, 12);
}

/* Collect a PIO data-in reply; returns its length or -sense key. */
static int atapi_reply(IDETest *t, uint8_t *buf, int max)
{
    QTestState *q = t->qts;
    int got = 0;

    for (;;) {
        uint8_t st = wait_not_busy(t, IDE2_CTRL);
        int n;

        if (st & ERR) {
            return -(qtest_inb(q, IDE2_BASE + REG_ERROR) >> 4);
        }
        if (!(st & DRQ)) {
            g_assert_cmphex(qtest_inb(q, IDE2_BASE + REG_NSECTOR) & 3, ==, 3);
            return got;
        }
        n = qtest_inb(q, IDE2_BASE + REG_LBA_MID) |
            (qtest_inb(q, IDE2_BASE + REG_LBA_HIGH) << 8);
        g_assert_cmpint(got + n, <=, max);
        pio_in(t, IDE2_BASE, buf + got, n);
        got += n;
    }
}

static int atapi_cmd(IDETest *t, uint8_t op, uint8_t b1, uint32_t lba,
                     uint16_t len, uint8_t *buf, int max)
{
    uint8_t pkt[12] = { op, b1 };

    pkt[2] = lba >> 24;
    pkt[3] = lba >> 16;
    pkt[4] = lba >> 8;
    pkt[5] = lba;
    pkt[7] = len >> 8;
    pkt[8] = len;
    if (op == 0x03 || op == 0x12 || op == 0x1b || op == 0x1e) {
        /* 6-byte CDBs: allocation length / flags in byte 4 */
        memset(pkt + 2, 0, 10);
        pkt[4] = len;
    }
    atapi_send(t, pkt, 0xfffe, false);
    return atapi_reply(t, buf, max);
}

static int sense_asc(IDETest *t, int *key)
{
    uint8_t buf[18];

    g_assert_cmpint(atapi_cmd(t, 0x03, 0, 0, 18, buf, sizeof(buf)), ==, 18);
    *key = buf[2] & 0xf;
    return buf[12];
}

static void test_atapi(void)
{
    IDETest *t = ide_test_start(CD2);
    uint8_t buf[8192];
    int n, key;

    /* IDENTIFY PACKET DEVICE */
    qtest_outb(t->qts, IDE2_BASE + REG_DEVICE, 0xa0);
    qtest_outb(t->qts, IDE2_BASE + REG_COMMAND, 0xa1);
    g_assert_cmphex(wait_not_busy(t, IDE2_CTRL) & DRQ, ==, DRQ);
    pio_in(t, IDE2_BASE, buf, SECTOR);
    g_assert_cmphex(id_word(buf, 0), ==, 0x85c0);

    g_assert_cmpint(atapi_cmd(t, 0x00, 0, 0, 0, buf, 0), ==, 0);

    n = atapi_cmd(t, 0x12, 0, 0, 36, buf, sizeof(buf));     /* INQUIRY */
    g_assert_cmpint(n, ==, 36);
    g_assert_cmphex(buf[0], ==, 5);
    g_assert_cmphex(buf[1], ==, 0x80);
    g_assert(memcmp(buf + 8, "QEMU    QEMU DVD-ROM", 20) == 0);

    n = atapi_cmd(t, 0x25, 0, 0, 0, buf, sizeof(buf));      /* READ CAPACITY */
    g_assert_cmpint(n, ==, 8);
    g_assert_cmpuint((buf[0] << 24) | (buf[1] << 16) | (buf[2] << 8) | buf[3],
                     ==, CD_BLOCKS - 1);
    g_assert_cmpuint((buf[4] << 24) | (buf[5] << 16) | (buf[6] << 8) | buf[7],
                     ==, 2048);

    n = atapi_cmd(t, 0x28, 0, 5, 2, buf, sizeof(buf));      /* READ(10) */
    g_assert_cmpint(n, ==, 4096);
    for (n = 0; n < 8; n++) {
        check_sector(buf + n * SECTOR, 20 + n);
    }

    /* READ(12) of the last block, byte count limit 1000: 3 DRQ blocks */
    {
        uint8_t pkt[12] = { 0xa8, 0, 0, 0, 0, CD_BLOCKS - 1, 0, 0, 0, 1 };

        atapi_send(t, pkt, 1000, false);
        n = atapi_reply(t, buf, sizeof(buf));
        g_assert_cmpint(n, ==, 2048);
        check_sector(buf + 3 * SECTOR, (CD_BLOCKS - 1) * 4 + 3);
    }

    /* Out of range READ → ILLEGAL REQUEST / LBA out of range */
    g_assert_cmpint(atapi_cmd(t, 0x28, 0, CD_BLOCKS, 1, buf, sizeof(buf)),
                    ==, -5);
    g_assert_cmphex(sense_asc(t, &key), ==, 0x21);
    g_assert_cmpint(key, ==, 5);

    /* READ TOC format 0 (LBA): track 1 at 0, lead-out at the end */
    {
        uint8_t pkt[12] = { 0x43, 0, 0, 0, 0, 0, 0, 0, 100 };

        atapi_send(t, pkt, 0xfffe, false);
        n = atapi_reply(t, buf, sizeof(buf));
        g_assert_cmpint(n, ==, 20);
        g_assert_cmpint((buf[0] << 8) | buf[1], ==, 18);
        g_assert_cmpint(buf[6], ==, 1);
        g_assert_cmpint(buf[14], ==, 0xaa);
        g_assert_cmpint(buf[19], ==, CD_BLOCKS);
        /* format 1 (pre-MMC encoding in byte 9, as QEMU): session info */
        pkt[9] = 0x40;
        atapi_send(t, pkt, 0xfffe, false);
        g_assert_cmpint(atapi_reply(t, buf, sizeof(buf)), ==, 12);
        g_assert_cmpint(buf[1], ==, 0x0a);
        g_assert_cmpint(buf[2], ==, 1);
        g_assert_cmpint(buf[3], ==, 1);
        /* QEMU reads the format from byte 9 only: byte 2 is ignored */
        pkt[9] = 0;
        pkt[2] = 1;
        atapi_send(t, pkt, 0xfffe, false);
        g_assert_cmpint(atapi_reply(t, buf, sizeof(buf)), ==, 20);
    }

    /* READ TOC format 2 (full TOC): A0, A1, A2 and track 1 */
    {
        uint8_t pkt[12] = { 0x43, 0, 0, 0, 0, 0, 0, 0, 100, 0x80 };

        atapi_send(t, pkt, 0xfffe, false);
        g_assert_cmpint(atapi_reply(t, buf, sizeof(buf)), ==, 48);
        g_assert_cmphex(buf[4 + 3], ==, 0xa0);
        g_assert_cmphex(buf[4 + 2 * 11 + 3], ==, 0xa2);
        g_assert_cmpint(buf[4 + 2 * 11 + 10], ==, CD_BLOCKS);
        g_assert_cmphex(buf[4 + 3 * 11 + 3], ==, 1);
    }

    /* READ CD of user data; other sector parts are refused */
    {
        uint8_t pkt[12] = { 0xbe, 0, 0, 0, 0, 2, 0, 0, 1, 0x10 };

        atapi_send(t, pkt, 0xfffe, false);
        g_assert_cmpint(atapi_reply(t, buf, sizeof(buf)), ==, 2048);
        check_sector(buf, 8);
        pkt[9] = 0xf8;
        atapi_send(t, pkt, 0xfffe, false);
        g_assert_cmpint(atapi_reply(t, buf, sizeof(buf)), ==, -5);
    }

    /* READ DISC INFORMATION: one finalized session */
    n = atapi_cmd(t, 0x51, 0, 0, 34, buf, sizeof(buf));
    g_assert_cmpint(n, ==, 34);
    g_assert_cmphex(buf[2], ==, 0x0e);

    /* GET EVENT STATUS NOTIFICATION: polled only; medium present */
    n = atapi_cmd(t, 0x4a, 1, 0, 8, buf, sizeof(buf));
    g_assert_cmpint(n, ==, 8);
    g_assert_cmphex(buf[2], ==, 4);
    g_assert_cmphex(buf[5] & 3, ==, 2);
    g_assert_cmpint(atapi_cmd(t, 0x4a, 0, 0, 8, buf, sizeof(buf)), ==, -5);

    /* MODE SENSE(10) capabilities page */
    {
        uint8_t pkt[12] = { 0x5a, 0, 0x2a, 0, 0, 0, 0, 0, 255 };

        atapi_send(t, pkt, 0xfffe, false);
        n = atapi_reply(t, buf, sizeof(buf));
        g_assert_cmpint(n, ==, 30);
        g_assert_cmphex(buf[8], ==, 0x2a);
        g_assert_cmphex(buf[9], ==, 0x14);
        pkt[2] = 0x01;
        atapi_send(t, pkt, 0xfffe, false);
        g_assert_cmpint(atapi_reply(t, buf, sizeof(buf)), ==, 16);
        /* QEMU knows pages 0x01 and 0x2a only, not "all pages" */
        pkt[2] = 0x3f;
        atapi_send(t, pkt, 0xfffe, false);
        g_assert_cmpint(atapi_reply(t, buf, sizeof(buf)), ==, -5);
        pkt[2] = 0x05;
        atapi_send(t, pkt, 0xfffe, false);
        g_assert_cmpint(atapi_reply(t, buf, sizeof(buf)), ==, -5);
    }

    /* GET CONFIGURATION: current profile CD-ROM */
    n = atapi_cmd(t, 0x46, 0, 0, 64, buf, sizeof(buf));
    g_assert_cmpint(n, ==, 20);
    g_assert_cmphex((buf[6] << 8) | buf[7], ==, 0x0008);
    g_assert_cmphex(buf[17], ==, 0x08);     /* CD-ROM profile, current */
    g_assert_cmphex(buf[18], ==, 1);

    /* READ(10) by DMA */
    write_prd(t, PRD_ADDR, BUF_ADDR, 2048, true);
    {
        uint8_t pkt[12] = { 0x28, 0, 0, 0, 0, 7, 0, 0, 1 };
        uint8_t st;

        qpci_io_writeb(t->dev, t->bmdma, 8 + BM_CMD, 0);
        qpci_io_writel(t->dev, t->bmdma, 8 + BM_PRDT, PRD_ADDR);
        qpci_io_writeb(t->dev, t->bmdma, 8 + BM_STATUS, 0x06);
        atapi_send(t, pkt, 0xfffe, true);
        qpci_io_writeb(t->dev, t->bmdma, 8 + BM_CMD, 0x09);
        st = wait_not_busy(t, IDE2_CTRL);
        g_assert_cmphex(st & (ERR | DRQ), ==, 0);
        g_assert_cmphex(qpci_io_readb(t->dev, t->bmdma, 8 + BM_STATUS) & 7,
                        ==, 4);
        qtest_memread(t->qts, BUF_ADDR, buf, 2048);
        check_sector(buf, 28);
        qpci_io_writeb(t->dev, t->bmdma, 8 + BM_CMD, 0);
    }
    ide_test_end(t);
}

static void test_atapi_tray(void)
{
    IDETest *t = ide_test_start(CD2);
    uint8_t buf[64];
    int key;

    g_assert_cmpint(atapi_cmd(t, 0x00, 0, 0, 0, buf, 0), ==, 0);
    /* Locked: eject refused */
    g_assert_cmpint(atapi_cmd(t, 0x1e, 0, 0, 1, buf, 0), ==, 0);
    g_assert_cmpint(atapi_cmd(t, 0x1b, 0, 0, 2, buf, 0), ==, -2);
    g_assert_cmphex(sense_asc(t, &key), ==, 0x53);
    /* Unlock, open the tray: NOT READY, medium not present */
    g_assert_cmpint(atapi_cmd(t, 0x1e, 0, 0, 0, buf, 0), ==, 0);
    g_assert_cmpint(atapi_cmd(t, 0x1b, 0, 0, 2, buf, 0), ==, 0);
    g_assert_cmpint(atapi_cmd(t, 0x00, 0, 0, 0, buf, 0), ==, -2);
    g_assert_cmphex(sense_asc(t, &key), ==, 0x3a);
    g_assert_cmpint(key, ==, 2);
    g_assert_cmpint(atapi_cmd(t, 0x25, 0, 0, 0, buf, sizeof(buf)), ==, -2);
    /* Close it again: ready */
    g_assert_cmpint(atapi_cmd(t, 0x1b, 0, 0, 3, buf, 0), ==, 0);
    g_assert_cmpint(atapi_cmd(t, 0x00, 0, 0, 0, buf, 0), ==, 0);
    g_assert_cmpint(atapi_cmd(t, 0x25, 0, 0, 0, buf, sizeof(buf)), ==, 8);
    ide_test_end(t);
}

static void test_atapi_empty(void)
{
    IDETest *t = ide_test_start("-device ide-cd,bus=ide.1,unit=0");
    uint8_t buf[64];
    int key;

    g_assert_cmpint(atapi_cmd(t, 0x00, 0, 0, 0, buf, 0), ==, -2);
    g_assert_cmphex(sense_asc(t, &key), ==, 0x3a);
    g_assert_cmpint(key, ==, 2);
    g_assert_cmpint(atapi_cmd(t, 0x28, 0, 0, 1, buf, sizeof(buf)), ==, -2);
    /* INQUIRY works without a medium */
    g_assert_cmpint(atapi_cmd(t, 0x12, 0, 0, 36, buf, sizeof(buf)), ==, 36);
    ide_test_end(t);
}

/* -drive if=ide: index 0 → ide.0 unit 0, index 3 (cdrom) → ide.1 unit 1 */
static void test_legacy_drive(void)
{
    IDETest *t = ide_test_start("-drive file=@D,if=ide,format=raw "
                                "-drive file=@C,if=ide,index=3,media=cdrom,"
                                "format=raw");
    uint8_t id[SECTOR];

    qtest_outb(t->qts, IDE_BASE + REG_DEVICE, 0xa0);
    if (qtest_inb(t->qts, IDE_CTRL) == 0) {
        g_test_skip("the board does not create -drive if=ide devices "
                    "(pci_ide_create_devs hook missing)");
        ide_test_end(t);
        return;
    }
    identify(t, 0, id);
    g_assert_cmphex(id_word(id, 0), ==, 0x0040);
    qtest_outb(t->qts, IDE2_BASE + REG_DEVICE, 0xb0);
    qtest_outb(t->qts, IDE2_BASE + REG_COMMAND, 0xa1);
    g_assert_cmphex(wait_not_busy(t, IDE2_CTRL) & DRQ, ==, DRQ);
    pio_in(t, IDE2_BASE, id, SECTOR);
    g_assert_cmphex(id_word(id, 0), ==, 0x85c0);
    ide_test_end(t);
}

/* "ide-drive", the pre-split name: a disk, or a CD for media=cdrom */
static void test_ide_drive(void)
{
    IDETest *t = ide_test_start("-drive file=@D,if=none,id=d0,format=raw "
                                "-device ide-drive,drive=d0,bus=ide.0,unit=0 "
                                "-drive file=@C,if=none,id=c0,media=cdrom,"
                                "format=raw -device ide-drive,drive=c0,"
                                "bus=ide.1,unit=0");
    uint8_t id[SECTOR];

    identify(t, 0, id);
    g_assert_cmphex(id_word(id, 0), ==, 0x0040);
    qtest_outb(t->qts, IDE2_BASE + REG_DEVICE, 0xa0);
    qtest_outb(t->qts, IDE2_BASE + REG_COMMAND, 0xa1);
    g_assert_cmphex(wait_not_busy(t, IDE2_CTRL) & DRQ, ==, DRQ);
    pio_in(t, IDE2_BASE, id, SECTOR);
    g_assert_cmphex(id_word(id, 0), ==, 0x85c0);
    /* default serials number the positions: ide.1 unit 0 is the third */
    {
        char str[21];

        id_string(id, 10, 10, str);
        g_assert_cmpstr(str, ==, "QM00003");
    }
    ide_test_end(t);
}

/* Bad -device lines end the emulator with QEMU's messages. */
static void expect_startup_error(const char *args, const char *msg)
{
    g_autofree char *cmd = g_strdup_printf("%s -machine pc -accel qtest "
                                           "-display none -nodefaults %s",
                                           qtest_qemu_binary(), args);
    g_auto(GStrv) argv = g_strsplit(cmd, " ", -1);
    g_autofree char *out = NULL, *err = NULL;
    GError *gerr = NULL;
    int status = 0;

    g_assert_true(g_spawn_sync(NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &gerr));
    g_assert_no_error(gerr);
    g_assert_false(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    if (!strstr(err, msg)) {
        g_printerr("stderr: %s\n", err);
    }
    g_assert_nonnull(strstr(err, msg));
}

static void test_bad_options(void)
{
    g_autofree char *disk = make_image(2048, 0, 0);
    g_autofree char *two = g_strdup_printf(
        "-drive file=%s,if=none,id=a,format=raw "
        "-device ide-hd,drive=a,bus=ide.0,unit=0 "
        "-drive file=%s,if=none,id=b,format=raw,file.locking=off "
        "-device ide-hd,drive=b,bus=ide.0,unit=0", disk, disk);
    g_autofree char *unit = g_strdup_printf(
        "-drive file=%s,if=none,id=a,format=raw "
        "-device ide-hd,drive=a,bus=ide.0,unit=2", disk);

    expect_startup_error("-device ide-hd,bus=ide.0", "No drive specified");
    expect_startup_error(unit, "bus supports only 2 units");
    expect_startup_error(two, "IDE unit 0 is in use");
    g_unlink(disk);
}

/* Read an fw_cfg file through the 0x510/0x511 ports; NULL if absent. */
static char *fw_cfg_file(QTestState *q, const char *name, uint32_t *len)
{
    uint32_t count, i;
    uint8_t e[64];

    qtest_outw(q, 0x510, 0x19);
    count = 0;
    for (i = 0; i < 4; i++) {
        count = (count << 8) | qtest_inb(q, 0x511);
    }
    for (i = 0; i < count; i++) {
        int k;

        for (k = 0; k < 64; k++) {
            e[k] = qtest_inb(q, 0x511);
        }
        if (!strncmp((char *)e + 8, name, 56)) {
            uint32_t size = (e[0] << 24) | (e[1] << 16) | (e[2] << 8) | e[3];
            char *data = g_malloc0(size + 1);

            qtest_outw(q, 0x510, (e[4] << 8) | e[5]);
            for (k = 0; k < (int)size; k++) {
                data[k] = qtest_inb(q, 0x511);
            }
            *len = size;
            return data;
        }
    }
    return NULL;
}

static void test_bootindex(void)
{
    IDETest *t = ide_test_start("-drive file=@D,if=none,id=disk0,format=raw "
                                "-device ide-hd,drive=disk0,bus=ide.0,unit=1,"
                                "bootindex=1 " CD2);
    uint32_t len = 0;
    g_autofree char *order = fw_cfg_file(t->qts, "bootorder", &len);

    g_assert_nonnull(order);
    /* QEMU: "/pci@i0cf8/ide@1,1/drive@0/disk@1"; the host bridge part is
     * the PCI host's business, the rest is the IDE path. */
    g_assert_true(g_str_has_prefix(order, "/pci"));
    g_assert_true(g_str_has_suffix(order, "/ide@1,1/drive@0/disk@1"));
    g_assert_null(strchr(order, '\n'));
    ide_test_end(t);
}

/* ---- asynchronous I/O, error policies, blkdebug --------------------- */

/*
 * A second QMP monitor (-qmp unix:PATH; the emulator connects to us) on
 * which the test sees the events that libqtest's monitor drops.
 */
typedef struct EventMon {
    int lfd, fd;
    char *path;
    GString *rx;
} EventMon;

static EventMon *event_mon_new(void)
{
    EventMon *m = g_new0(EventMon, 1);
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    g_autofree char *dir = g_dir_make_tmp("ide-qmp-XXXXXX", NULL);

    g_assert_nonnull(dir);
    m->path = g_build_filename(dir, "qmp", NULL);
    m->lfd = socket(AF_UNIX, SOCK_STREAM, 0);
    g_assert_cmpint(m->lfd, >=, 0);
    g_assert_cmpuint(strlen(m->path), <, sizeof(addr.sun_path));
    strcpy(addr.sun_path, m->path);
    g_assert_cmpint(bind(m->lfd, (struct sockaddr *)&addr, sizeof(addr)),
                    ==, 0);
    g_assert_cmpint(listen(m->lfd, 1), ==, 0);
    m->fd = -1;
    m->rx = g_string_new(NULL);
    return m;
}

static char *event_mon_line(EventMon *m)
{
    char *nl;

    while (!(nl = memchr(m->rx->str, '\n', m->rx->len))) {
        struct pollfd pfd = { .fd = m->fd, .events = POLLIN };
        char buf[4096];
        ssize_t n;

        g_assert_cmpint(poll(&pfd, 1, 20000), ==, 1);
        n = read(m->fd, buf, sizeof(buf));
        g_assert_cmpint(n, >, 0);
        g_string_append_len(m->rx, buf, n);
    }
    {
        char *line = g_strndup(m->rx->str, nl - m->rx->str);

        g_string_erase(m->rx, 0, nl - m->rx->str + 1);
        return line;
    }
}

/* Accept the emulator's connection and leave capabilities negotiation. */
static void event_mon_attach(EventMon *m)
{
    static const char caps[] = "{\"execute\": \"qmp_capabilities\"}\n";
    struct pollfd pfd = { .fd = m->lfd, .events = POLLIN };
    g_autofree char *greeting = NULL;

    g_assert_cmpint(poll(&pfd, 1, 20000), ==, 1);
    m->fd = accept(m->lfd, NULL, NULL);
    g_assert_cmpint(m->fd, >=, 0);
    greeting = event_mon_line(m);
    g_assert_nonnull(strstr(greeting, "\"QMP\""));
    g_assert_cmpint(write(m->fd, caps, strlen(caps)), ==, strlen(caps));
    for (;;) {
        g_autofree char *line = event_mon_line(m);

        if (strstr(line, "\"return\"")) {
            break;
        }
    }
}

/* The next event named @name (others are skipped). */
static char *event_mon_wait(EventMon *m, const char *name)
{
    g_autofree char *want = g_strdup_printf("\"event\": \"%s\"", name);

    for (;;) {
        char *line = event_mon_line(m);

        if (strstr(line, want)) {
            return line;
        }
        g_free(line);
    }
}

static void event_mon_free(EventMon *m)
{
    g_autofree char *dir = g_path_get_dirname(m->path);

    if (m->fd >= 0) {
        close(m->fd);
    }
    close(m->lfd);
    g_unlink(m->path);
    g_rmdir(dir);
    g_free(m->path);
    g_string_free(m->rx, TRUE);
    g_free(m);
}

/* ide_test_start() with the event monitor attached. */
static IDETest *ide_test_start_events(const char *args, EventMon **mon)
{
    EventMon *m = event_mon_new();
    g_autofree char *full = g_strdup_printf("-qmp unix:%s %s", m->path, args);
    IDETest *t = ide_test_start(full);

    event_mon_attach(m);
    *mon = m;
    return t;
}

static void assert_json_has(const char *json, const char *fragment)
{
    if (!strstr(json, fragment)) {
        g_error("'%s' not in %s", fragment, json);
    }
}

/* Read @count sectors from @lba by PIO; returns the final status. */
static uint8_t pio_read(IDETest *t, uint32_t lba, int count, uint8_t *buf)
{
    int n;

    ata_cmd28(t, 0, lba, count, 0x20);
    for (n = 0; n < count; n++) {
        uint8_t st = wait_not_busy(t, IDE_CTRL);

        if (st & ERR) {
            return st;
        }
        g_assert_cmphex(st & DRQ, ==, DRQ);
        pio_in(t, IDE_BASE, buf + n * SECTOR, SECTOR);
    }
    return wait_not_busy(t, IDE_CTRL);
}

/* Bigger transfers than one DMA chunk and than one DRQ block, both ways. */
static void test_async_data(void)
{
    enum { COUNT = 300 };       /* > IDE_DMA_BUF_SECTORS (256) */
    IDETest *t = ide_test_start(HD0);
    g_autofree uint8_t *buf = g_malloc(COUNT * SECTOR);
    uint8_t file[SECTOR];
    int n;

    /* READ SECTORS of 40 sectors: a busy phase before every block */
    g_assert_cmphex(pio_read(t, 1, 40, buf) & (ERR | DRQ), ==, 0);
    for (n = 0; n < 40; n++) {
        check_sector(buf + n * SECTOR, 1 + n);
    }

    /* WRITE MULTIPLE of 32 sectors at 1000, two DRQ blocks of 16 */
    ata_cmd28(t, 0, 1000, 32, 0xc5);
    for (n = 0; n < 2; n++) {
        int k;

        g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & (DRQ | ERR), ==, DRQ);
        for (k = 0; k < 16; k++) {
            fill_sector(buf + k * SECTOR, 7000 + n * 16 + k);
        }
        pio_out(t, IDE_BASE, buf, 16 * SECTOR);
    }
    g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & (DRQ | ERR), ==, 0);
    for (n = 0; n < 32; n++) {
        read_image(t->disk, 1000 + n, file);
        check_sector(file, 7000 + n);
    }

    /* WRITE DMA of 300 sectors at 2000 (two chunks), then READ DMA back */
    for (n = 0; n < COUNT; n++) {
        fill_sector(buf + n * SECTOR, 90000 + n);
    }
    qtest_memwrite(t->qts, BUF_ADDR, buf, COUNT * SECTOR);
    write_prd(t, PRD_ADDR, BUF_ADDR, 0, false);               /* 64 KiB */
    write_prd(t, PRD_ADDR + 8, BUF_ADDR + 0x10000, 0, false);
    write_prd(t, PRD_ADDR + 16, BUF_ADDR + 0x20000,
              COUNT * SECTOR - 0x20000, true);
    ata_cmd48(t, 2000, COUNT, 0x35);
    bm_start(t, PRD_ADDR, false);
    g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & (DRQ | ERR), ==, 0);
    g_assert_cmphex(qpci_io_readb(t->dev, t->bmdma, BM_STATUS) & 0x07, ==,
                    0x04);
    qpci_io_writeb(t->dev, t->bmdma, BM_CMD, 0);
    for (n = 0; n < COUNT; n += 37) {
        read_image(t->disk, 2000 + n, file);
        check_sector(file, 90000 + n);
    }
    read_image(t->disk, 2000 + COUNT - 1, file);
    check_sector(file, 90000 + COUNT - 1);

    qtest_memset(t->qts, BUF_ADDR, 0, COUNT * SECTOR);
    ata_cmd48(t, 2000, COUNT, 0x25);
    bm_start(t, PRD_ADDR, true);
    g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & (DRQ | ERR), ==, 0);
    g_assert_cmphex(qpci_io_readb(t->dev, t->bmdma, BM_STATUS) & 0x07, ==,
                    0x04);
    qpci_io_writeb(t->dev, t->bmdma, BM_CMD, 0);
    qtest_memread(t->qts, BUF_ADDR, buf, COUNT * SECTOR);
    for (n = 0; n < COUNT; n++) {
        check_sector(buf + n * SECTOR, 90000 + n);
    }

    /*
     * The guest stops the engine while a chunk is being read: the
     * request is waited for, the command ends, the drive works on.
     */
    ata_cmd48(t, 2000, COUNT, 0x25);
    bm_start(t, PRD_ADDR, true);
    qpci_io_writeb(t->dev, t->bmdma, BM_CMD, 0);
    g_assert_cmphex(qpci_io_readb(t->dev, t->bmdma, BM_STATUS) & 0x01, ==, 0);
    g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & (BSY | DRQ | ERR), ==, 0);
    g_assert_cmphex(pio_read(t, 5, 1, buf) & (ERR | DRQ), ==, 0);
    check_sector(buf, 5);
    ide_test_end(t);
}

/* raw over blkdebug over the test disk; "@R" stands for the rules. */
#define DBG_NODES(rules) \
    "-blockdev driver=file,node-name=f0,filename=@D " \
    "-blockdev driver=blkdebug,node-name=dbg,image=f0," rules " " \
    "-blockdev driver=raw,node-name=disk0,file=dbg "

/* rerror=report: a failed read ends with ERR/ABRT, by PIO and by DMA. */
static void test_rerror_report(void)
{
    EventMon *m;
    IDETest *t = ide_test_start_events(
        DBG_NODES("inject-error.0.event=read_aio,inject-error.0.errno=5,"
                  "inject-error.0.sector=20")
        "-device ide-hd,drive=disk0,bus=ide.0,unit=0,rerror=report", &m);
    uint8_t buf[4 * SECTOR];
    g_autofree char *ev = NULL;
    uint8_t st;

    /* sectors before the bad one read fine */
    g_assert_cmphex(pio_read(t, 16, 4, buf) & ERR, ==, 0);
    check_sector(buf, 16);
    check_sector(buf + 3 * SECTOR, 19);

    st = pio_read(t, 20, 1, buf);
    g_assert_cmphex(st & (ERR | DRQ | BSY), ==, ERR);
    g_assert_cmphex(qtest_inb(t->qts, IDE_BASE + REG_ERROR), ==, ABRT);
    ev = event_mon_wait(m, "BLOCK_IO_ERROR");
    assert_json_has(ev, "\"operation\": \"read\"");
    assert_json_has(ev, "\"action\": \"report\"");
    assert_json_has(ev, "\"node-name\": \"disk0\"");
    assert_json_has(ev, "\"nospace\": false");
    assert_json_has(ev, "\"reason\": \"Input/output error\"");
    g_assert_true(vm_status_is(t, "running"));

    /* READ DMA across the bad sector: ERR, engine idle with interrupt */
    write_prd(t, PRD_ADDR, BUF_ADDR, 4 * SECTOR, true);
    ata_cmd28(t, 0, 18, 4, 0xc8);
    bm_start(t, PRD_ADDR, true);
    st = wait_not_busy(t, IDE_CTRL);
    g_assert_cmphex(st & (ERR | DRQ), ==, ERR);
    g_assert_cmphex(qtest_inb(t->qts, IDE_BASE + REG_ERROR), ==, ABRT);
    g_assert_cmphex(qpci_io_readb(t->dev, t->bmdma, BM_STATUS) & 0x05, ==,
                    0x04);
    qpci_io_writeb(t->dev, t->bmdma, BM_CMD, 0);

    /* the drive goes on working */
    g_assert_cmphex(pio_read(t, 30, 1, buf) & ERR, ==, 0);
    check_sector(buf, 30);
    event_mon_free(m);
    ide_test_end(t);
}

static char *write_conf(const char *text)
{
    GError *err = NULL;
    char *path;
    int fd = g_file_open_tmp("ide-blkdebug-XXXXXX.conf", &path, &err);

    g_assert_no_error(err);
    close(fd);
    g_assert_true(g_file_set_contents(path, text, -1, NULL));
    return path;
}

/*
 * werror=stop: the failed write stops the VM (io-error, BLOCK_IO_ERROR
 * with action stop) and is retried by "cont"; the rule fires once, so
 * the retry succeeds and the data is in the image.  Once by PIO, once by
 * DMA.  Set up with QEMU's -drive file=blkdebug:CONFIG:IMAGE syntax.
 */
static void test_werror_stop_cont(void)
{
    g_autofree char *conf = write_conf(
        "[inject-error]\nevent = \"write_aio\"\nerrno = \"28\"\n"
        "sector = \"40\"\nonce = \"on\"\n\n"
        "[inject-error]\nevent = \"write_aio\"\nerrno = \"5\"\n"
        "sector = \"41\"\nonce = \"on\"\n");
    g_autofree char *args = g_strdup_printf(
        "-drive file=blkdebug:%s:@D,if=none,id=d0,format=raw,werror=stop "
        "-device ide-hd,drive=d0,bus=ide.0,unit=0", conf);
    EventMon *m;
    IDETest *t = ide_test_start_events(args, &m);
    uint8_t buf[SECTOR], file[SECTOR];
    char *ev;
    g_autofree char *r = NULL;

    /* PIO write of sector 40: ENOSPC */
    g_assert_cmphex(write_tagged(t, 40, 4040) & BSY, ==, BSY);
    ev = event_mon_wait(m, "BLOCK_IO_ERROR");
    assert_json_has(ev, "\"device\": \"d0\"");
    assert_json_has(ev, "\"operation\": \"write\"");
    assert_json_has(ev, "\"action\": \"stop\"");
    assert_json_has(ev, "\"nospace\": true");
    g_free(ev);
    ev = event_mon_wait(m, "STOP");
    g_free(ev);
    g_assert_true(vm_status_is(t, "io-error"));
    r = qtest_qmp(t->qts, "{\"execute\": \"query-status\"}");
    assert_json_has(r, "\"running\": false");
    read_image(t->disk, 40, file);
    check_sector(file, 40);                     /* not written yet */

    g_free(qtest_qmp(t->qts, "{\"execute\": \"cont\"}"));
    g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & (ERR | DRQ), ==, 0);
    g_assert_true(vm_status_is(t, "running"));
    read_image(t->disk, 40, file);
    check_sector(file, 4040);

    /* DMA write of sectors 41-42: EIO on 41 */
    fill_sector(buf, 4141);
    qtest_memwrite(t->qts, BUF_ADDR, buf, SECTOR);
    fill_sector(buf, 4242);
    qtest_memwrite(t->qts, BUF_ADDR + SECTOR, buf, SECTOR);
    write_prd(t, PRD_ADDR, BUF_ADDR, 2 * SECTOR, true);
    ata_cmd28(t, 0, 41, 2, 0xca);
    bm_start(t, PRD_ADDR, false);
    ev = event_mon_wait(m, "BLOCK_IO_ERROR");
    assert_json_has(ev, "\"action\": \"stop\"");
    assert_json_has(ev, "\"nospace\": false");
    g_free(ev);
    g_assert_true(vm_status_is(t, "io-error"));
    g_free(qtest_qmp(t->qts, "{\"execute\": \"cont\"}"));
    g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & (ERR | DRQ), ==, 0);
    g_assert_cmphex(qpci_io_readb(t->dev, t->bmdma, BM_STATUS) & 0x07, ==,
                    0x04);
    read_image(t->disk, 41, file);
    check_sector(file, 4141);
    read_image(t->disk, 42, file);
    check_sector(file, 4242);
    event_mon_free(m);
    ide_test_end(t);
    g_unlink(conf);
}

/* werror=ignore: the command succeeds although nothing was written. */
static void test_werror_ignore(void)
{
    EventMon *m;
    IDETest *t = ide_test_start_events(
        DBG_NODES("inject-error.0.event=write_aio,inject-error.0.errno=5")
        "-device ide-hd,drive=disk0,bus=ide.0,unit=0,werror=ignore", &m);
    uint8_t file[SECTOR];
    g_autofree char *ev = NULL;

    g_assert_cmphex(write_tagged(t, 50, 5050) & (ERR | BSY | DRQ), ==, 0);
    ev = event_mon_wait(m, "BLOCK_IO_ERROR");
    assert_json_has(ev, "\"action\": \"ignore\"");
    assert_json_has(ev, "\"operation\": \"write\"");
    g_assert_true(vm_status_is(t, "running"));
    read_image(t->disk, 50, file);
    check_sector(file, 50);     /* the image still has the old data */
    event_mon_free(m);
    ide_test_end(t);

    /* werror=enospc: EIO is reported, ENOSPC (sector 60) stops */
    t = ide_test_start_events(
        DBG_NODES("inject-error.0.event=write_aio,inject-error.0.errno=5,"
                  "inject-error.0.sector=50,"
                  "inject-error.1.event=write_aio,inject-error.1.errno=28,"
                  "inject-error.1.sector=60,inject-error.1.once=on")
        "-device ide-hd,drive=disk0,bus=ide.0,unit=0,werror=enospc", &m);
    g_assert_cmphex(write_tagged(t, 50, 5050) & (ERR | BSY), ==, ERR);
    g_free(ev);
    ev = event_mon_wait(m, "BLOCK_IO_ERROR");
    assert_json_has(ev, "\"action\": \"report\"");
    g_assert_cmphex(write_tagged(t, 60, 6060) & BSY, ==, BSY);
    g_free(ev);
    ev = event_mon_wait(m, "BLOCK_IO_ERROR");
    assert_json_has(ev, "\"action\": \"stop\"");
    assert_json_has(ev, "\"nospace\": true");
    g_assert_true(vm_status_is(t, "io-error"));
    g_free(qtest_qmp(t->qts, "{\"execute\": \"cont\"}"));
    g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & (ERR | DRQ), ==, 0);
    read_image(t->disk, 60, file);
    check_sector(file, 6060);
    event_mon_free(m);
    ide_test_end(t);
}

/* FLUSH CACHE goes down to the image: an injected flush error shows. */
static void test_flush_error(void)
{
    IDETest *t = ide_test_start(
        DBG_NODES("inject-error.0.event=flush_to_disk,inject-error.0.errno=5,"
                  "inject-error.0.once=on")
        "-device ide-hd,drive=disk0,bus=ide.0,unit=0");

    qtest_outb(t->qts, IDE_BASE + REG_DEVICE, 0xa0);
    qtest_outb(t->qts, IDE_BASE + REG_COMMAND, 0xe7);
    g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & ERR, ==, ERR);
    g_assert_cmphex(qtest_inb(t->qts, IDE_BASE + REG_ERROR), ==, ABRT);
    qtest_outb(t->qts, IDE_BASE + REG_COMMAND, 0xea);
    g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & (ERR | DRDY), ==, DRDY);
    ide_test_end(t);
}

/* Bus Master Enable clear: DMA touches neither guest memory nor the disk. */
static void test_dma_bme_off(void)
{
    IDETest *t = ide_test_start(HD0);
    uint8_t buf[SECTOR], file[SECTOR];
    int i;

    qtest_memset(t->qts, BUF_ADDR, 0xa5, SECTOR);
    write_prd(t, PRD_ADDR, BUF_ADDR, SECTOR, true);
    qpci_config_writew(t->dev, 0x04, qpci_config_readw(t->dev, 0x04) & ~4);

    /* READ DMA: guest memory unchanged, BMDMA error, drive ERR */
    ata_cmd28(t, 0, 3, 1, 0xc8);
    bm_start(t, PRD_ADDR, true);
    g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & (ERR | DRQ), ==, ERR);
    g_assert_cmphex(qpci_io_readb(t->dev, t->bmdma, BM_STATUS) & 0x03, ==,
                    0x02);
    qtest_memread(t->qts, BUF_ADDR, buf, SECTOR);
    for (i = 0; i < SECTOR; i++) {
        g_assert_cmphex(buf[i], ==, 0xa5);
    }
    qpci_io_writeb(t->dev, t->bmdma, BM_CMD, 0);

    /* WRITE DMA: the disk keeps its data */
    ata_cmd28(t, 0, 4, 1, 0xca);
    bm_start(t, PRD_ADDR, false);
    g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & (ERR | DRQ), ==, ERR);
    g_assert_cmphex(qpci_io_readb(t->dev, t->bmdma, BM_STATUS) & 0x03, ==,
                    0x02);
    qpci_io_writeb(t->dev, t->bmdma, BM_CMD, 0);
    read_image(t->disk, 4, file);
    check_sector(file, 4);

    /* with BME set again the same DMA works */
    qpci_config_writew(t->dev, 0x04, qpci_config_readw(t->dev, 0x04) | 4);
    ata_cmd28(t, 0, 3, 1, 0xc8);
    bm_start(t, PRD_ADDR, true);
    g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & (ERR | DRQ), ==, 0);
    qtest_memread(t->qts, BUF_ADDR, buf, SECTOR);
    check_sector(buf, 3);
    ide_test_end(t);
}

/*
 * FLUSH CACHE on a qcow2 disk, then SIGKILL: the write (data cluster and
 * the metadata the driver caches) is in the image, which qemu-img reads.
 */
static void test_flush_sigkill(void)
{
    g_autofree char *dir = g_path_get_dirname(qtest_qemu_binary());
    g_autofree char *img = g_build_filename(dir, "qemu-img", NULL);
    g_autofree char *qcow = NULL;
    g_autofree char *raw = NULL;
    g_autofree char *cmd = NULL;
    g_autofree char *args = NULL;
    GError *err = NULL;
    IDETest *t;
    uint8_t file[SECTOR];
    int fd, i;

    if (!g_file_test(img, G_FILE_TEST_IS_EXECUTABLE)) {
        g_test_skip("no qemu-img next to the emulator");
        return;
    }
    fd = g_file_open_tmp("ide-flush-XXXXXX.qcow2", &qcow, &err);
    g_assert_no_error(err);
    close(fd);
    fd = g_file_open_tmp("ide-flush-XXXXXX.raw", &raw, &err);
    g_assert_no_error(err);
    close(fd);
    cmd = g_strdup_printf("%s create -q -f qcow2 %s 64M", img, qcow);
    g_assert_cmpint(system(cmd), ==, 0);

    args = g_strdup_printf("-drive file=%s,if=none,id=q0,format=qcow2 "
                           "-device ide-hd,drive=q0,bus=ide.0,unit=0", qcow);
    t = ide_test_start(args);
    for (i = 0; i < 3; i++) {
        /* sectors in three different clusters */
        g_assert_cmphex(write_one(t, 100 + i * 4096) & (ERR | BSY), ==, 0);
    }
    qtest_outb(t->qts, IDE_BASE + REG_COMMAND, 0xe7);
    g_assert_cmphex(wait_not_busy(t, IDE_CTRL) & (ERR | DRDY), ==, DRDY);
    qtest_kill_qemu(t->qts);

    g_free(cmd);
    cmd = g_strdup_printf("%s convert -f qcow2 -O raw %s %s", img, qcow, raw);
    g_assert_cmpint(system(cmd), ==, 0);
    for (i = 0; i < 3; i++) {
        read_image(raw, 100 + i * 4096, file);
        check_sector(file, 100 + i * 4096);
    }
    ide_test_end(t);
    g_unlink(qcow);
    g_unlink(raw);
}

/*
 * The same BlockBackend error policy on virtio-blk (hw/block/virtio-blk.c
 * is not IDE code; checked here because the policy and blkdebug are
 * shared): werror=stop stops the VM and "cont" retries, rerror=report
 * completes with VIRTIO_BLK_S_IOERR, werror=ignore with OK.
 */
typedef struct VBlk {
    QTestState *qts;
    QPCIBus bus;
    QVirtioPCIDevice *d;
    QVirtQueue *vq;
    QGuestAllocator alloc;
    EventMon *mon;
} VBlk;

static void vblk_start(VBlk *b, const char *drive)
{
    g_autofree char *args = NULL;

    memset(b, 0, sizeof(*b));
    b->mon = event_mon_new();
    args = g_strdup_printf("-machine pc -m 128 -qmp unix:%s %s "
                           "-device virtio-blk-pci,drive=v0,addr=04.0",
                           b->mon->path, drive);
    b->qts = qtest_init(args);
    event_mon_attach(b->mon);
    qpci_init_pc(&b->bus, b->qts);
    guest_alloc_init(&b->alloc, 1 << 20, 32 << 20);
    b->d = qvirtio_pci_find(&b->bus, 2, true);
    g_assert_nonnull(b->d);
    qvirtio_start(b->d, 0);
    b->vq = qvirtqueue_setup(b->d, &b->alloc, 0);
    qvirtio_driver_ok(b->d);
}

static void vblk_end(VBlk *b)
{
    qtest_quit(b->qts);
    event_mon_free(b->mon);
    g_free(b->vq);
    qvirtio_pci_free(b->d);
}

/* Submit a one-sector read (0) or write (1); returns the status address. */
static uint64_t vblk_submit(VBlk *b, uint32_t type, uint64_t sector,
                            const uint8_t *data)
{
    uint8_t hdr[16] = { 0 };
    uint64_t a = guest_alloc(&b->alloc, 16 + SECTOR + 1);
    uint16_t head;
    int i;

    hdr[0] = type;
    for (i = 0; i < 8; i++) {
        hdr[8 + i] = sector >> (8 * i);
    }
    qtest_memwrite(b->qts, a, hdr, 16);
    if (data) {
        qtest_memwrite(b->qts, a + 16, data, SECTOR);
    }
    qtest_writeb(b->qts, a + 16 + SECTOR, 0xee);
    head = qvirtqueue_add(b->d, b->vq, a, 16, false, true);
    qvirtqueue_add(b->d, b->vq, a + 16, SECTOR, type == 0, true);
    qvirtqueue_add(b->d, b->vq, a + 16 + SECTOR, 1, true, false);
    qvirtqueue_kick(b->d, b->vq, head);
    return a;
}

static uint8_t vblk_wait(VBlk *b, uint64_t a, uint8_t *data)
{
    uint32_t id, len;

    g_assert_true(qvirtqueue_wait_used(b->d, b->vq, &id, &len,
                                       20 * G_USEC_PER_SEC));
    if (data) {
        qtest_memread(b->qts, a + 16, data, SECTOR);
    }
    return qtest_readb(b->qts, a + 16 + SECTOR);
}

static void test_virtio_blk_policy(void)
{
    g_autofree char *disk = make_image(64, 64, 0);
    g_autofree char *conf = write_conf(
        "[inject-error]\nevent = \"write_aio\"\nerrno = \"5\"\n"
        "sector = \"7\"\nonce = \"on\"\n\n"
        "[inject-error]\nevent = \"read_aio\"\nerrno = \"5\"\n"
        "sector = \"9\"\n");
    g_autofree char *drive = NULL;
    uint8_t buf[SECTOR], file[SECTOR];
    VBlk b;
    uint64_t a;
    char *ev;

    /* werror=stop + rerror=report on one drive */
    drive = g_strdup_printf("-drive file=blkdebug:%s:%s,if=none,id=v0,"
                            "format=raw,werror=stop,rerror=report",
                            conf, disk);
    vblk_start(&b, drive);
    fill_sector(buf, 7777);
    a = vblk_submit(&b, 1, 7, buf);
    ev = event_mon_wait(b.mon, "BLOCK_IO_ERROR");
    assert_json_has(ev, "\"device\": \"v0\"");
    assert_json_has(ev, "\"operation\": \"write\"");
    assert_json_has(ev, "\"action\": \"stop\"");
    g_free(ev);
    {
        g_autofree char *r = qtest_qmp(b.qts,
                                       "{\"execute\": \"query-status\"}");

        assert_json_has(r, "\"status\": \"io-error\"");
    }
    g_free(qtest_qmp(b.qts, "{\"execute\": \"cont\"}"));
    g_assert_cmpint(vblk_wait(&b, a, NULL), ==, 0);     /* retried: OK */
    read_image(disk, 7, file);
    check_sector(file, 7777);

    a = vblk_submit(&b, 0, 9, NULL);
    g_assert_cmpint(vblk_wait(&b, a, NULL), ==, 1);     /* IOERR */
    ev = event_mon_wait(b.mon, "BLOCK_IO_ERROR");
    assert_json_has(ev, "\"operation\": \"read\"");
    assert_json_has(ev, "\"action\": \"report\"");
    g_free(ev);
    a = vblk_submit(&b, 0, 8, NULL);
    g_assert_cmpint(vblk_wait(&b, a, buf), ==, 0);
    check_sector(buf, 8);
    vblk_end(&b);

    /* werror=ignore: OK although nothing was written */
    g_free(drive);
    drive = g_strdup_printf("-drive file=blkdebug:%s:%s,if=none,id=v0,"
                            "format=raw,werror=ignore", conf, disk);
    vblk_start(&b, drive);
    fill_sector(buf, 8888);
    a = vblk_submit(&b, 1, 7, buf);
    g_assert_cmpint(vblk_wait(&b, a, NULL), ==, 0);
    ev = event_mon_wait(b.mon, "BLOCK_IO_ERROR");
    assert_json_has(ev, "\"action\": \"ignore\"");
    g_free(ev);
    read_image(disk, 7, file);
    check_sector(file, 7777);
    vblk_end(&b);
    g_unlink(disk);
    g_unlink(conf);
}

/* An ATAPI read the image cannot satisfy: CHECK CONDITION as QEMU. */
static void test_atapi_read_error(void)
{
    IDETest *t = ide_test_start(
        "-blockdev driver=file,node-name=cf,filename=@C,read-only=on "
        "-blockdev driver=blkdebug,node-name=cdbg,image=cf,read-only=on,"
        "inject-error.0.event=read_aio,inject-error.0.errno=5,"
        "inject-error.0.sector=40 "
        "-blockdev driver=raw,node-name=cd0,file=cdbg,read-only=on "
        "-device ide-cd,drive=cd0,bus=ide.1,unit=0");
    uint8_t buf[8192];
    int n, key;

    /* blocks 2-3 (sectors 8-15) read fine through the async path */
    n = atapi_cmd(t, 0x28, 0, 2, 2, buf, sizeof(buf));
    g_assert_cmpint(n, ==, 4096);
    for (n = 0; n < 8; n++) {
        check_sector(buf + n * SECTOR, 8 + n);
    }
    /* block 10 holds sector 40: ILLEGAL REQUEST / 0x21, as QEMU */
    g_assert_cmpint(atapi_cmd(t, 0x28, 0, 9, 2, buf, sizeof(buf)), ==, -5);
    g_assert_cmphex(sense_asc(t, &key), ==, 0x21);
    g_assert_cmpint(key, ==, 5);
    /* by DMA too: error, engine idle */
    {
        uint8_t pkt[12] = { 0x28, 0, 0, 0, 0, 10, 0, 0, 1 };

        write_prd(t, PRD_ADDR, BUF_ADDR, 2048, true);
        atapi_send(t, pkt, 0xfffe, true);
        qpci_io_writeb(t->dev, t->bmdma, 8 + BM_CMD, 0);
        qpci_io_writel(t->dev, t->bmdma, 8 + BM_PRDT, PRD_ADDR);
        qpci_io_writeb(t->dev, t->bmdma, 8 + BM_STATUS, 0x06);
        qpci_io_writeb(t->dev, t->bmdma, 8 + BM_CMD, 0x09);
        g_assert_cmphex(wait_not_busy(t, IDE2_CTRL) & (ERR | DRQ), ==, ERR);
        g_assert_cmphex(qtest_inb(t->qts, IDE2_BASE + REG_ERROR) >> 4, ==, 5);
        g_assert_cmphex(qpci_io_readb(t->dev, t->bmdma, 8 + BM_STATUS) & 1,
                        ==, 0);
        qpci_io_writeb(t->dev, t->bmdma, 8 + BM_CMD, 0);
    }
    /* and the drive still reads good blocks */
    n = atapi_cmd(t, 0x28, 0, 11, 1, buf, sizeof(buf));
    g_assert_cmpint(n, ==, 2048);
    check_sector(buf, 44);
    ide_test_end(t);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ide/identify", test_identify);
    g_test_add_func("/ide/identify/properties", test_identify_props);
    g_test_add_func("/ide/pio/read-write", test_pio_read_write);
    g_test_add_func("/ide/pio/lba48", test_lba48);
    g_test_add_func("/ide/dma/read-write", test_dma);
    g_test_add_func("/ide/dma/bad-prd", test_dma_bad_prd);
    g_test_add_func("/ide/srst-nien", test_srst_nien);
    g_test_add_func("/ide/irq", test_irq);
    g_test_add_func("/ide/werror", test_werror);
    g_test_add_func("/ide/atapi/commands", test_atapi);
    g_test_add_func("/ide/atapi/tray", test_atapi_tray);
    g_test_add_func("/ide/atapi/empty", test_atapi_empty);
    g_test_add_func("/ide/legacy-drive", test_legacy_drive);
    g_test_add_func("/ide/bootindex", test_bootindex);
    g_test_add_func("/ide/ide-drive", test_ide_drive);
    g_test_add_func("/ide/bad-options", test_bad_options);
    g_test_add_func("/ide/async/data", test_async_data);
    g_test_add_func("/ide/async/flush-sigkill", test_flush_sigkill);
    g_test_add_func("/ide/rerror/report", test_rerror_report);
    g_test_add_func("/ide/werror/stop-cont", test_werror_stop_cont);
    g_test_add_func("/ide/werror/ignore", test_werror_ignore);
    g_test_add_func("/ide/flush/error", test_flush_error);
    g_test_add_func("/ide/dma/bme-off", test_dma_bme_off);
    g_test_add_func("/ide/atapi/read-error", test_atapi_read_error);
    g_test_add_func("/block-error-policy/virtio-blk",
                    test_virtio_blk_policy);
    return g_test_run();
}
