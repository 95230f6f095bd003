/*
 * A minimal virtio-blk driver: finds the virtio-blk PCI function,
 * programs its BARs, negotiates features over the legacy (mode=legacy)
 * or modern (mode=modern) interface, reads known sectors (the test
 * filled byte i of sector s with (s*13 + i*7 + 1) & 0xff), writes
 * sector 200 (checked by the test in the image file) and, with msix,
 * takes the completion interrupt through MSI-X on vector 0x50.
 */
#include "guest.h"

#define SECTOR 512
#define QSIZE_MAX 256
#define MSI_VECTOR 0x50

/* I/O and memory windows we give the BARs (firmware may have others). */
#define IO_BAR0   0xc000u
#define MEM_MSIX  0xfebf0000u
#define MEM_BAR4  0xfe000000u

static uint8_t dev_fn;
static bool modern, use_msix;
static uint32_t common, isr_addr, devcfg, notify_base, notify_mult;
static volatile uint32_t msi_count;
static uint32_t io_bar0, mem_msix, mem_bar4;

/* Queue memory: desc + avail, used on the next page (legacy layout). */
static uint8_t ring[3 * 4096] __attribute__((aligned(4096)));
static uint16_t qsize, avail_idx, last_used;

static uint8_t hdr[16] __attribute__((aligned(16)));
static uint8_t data[4 * SECTOR] __attribute__((aligned(16)));
static volatile uint8_t status;

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

/* ---- register access for both transports ---- */

static uint8_t get_status(void)
{
    return modern ? mmio_read8(common + 0x14) : inb(io_bar0 + 0x12);
}

static void set_status(uint8_t s)
{
    if (modern) {
        mmio_write8(common + 0x14, s);
    } else {
        outb(s, io_bar0 + 0x12);
    }
}

static uint32_t cfg_read32(uint32_t off)
{
    if (modern) {
        return mmio_read32(devcfg + off);
    }
    return inl(io_bar0 + (use_msix ? 0x18 : 0x14) + off);
}

static bool find_device(void)
{
    int devfn = pci_find_device(0x1af4, 0x1001, 0x1042);

    if (devfn < 0) {
        return false;
    }
    dev_fn = devfn;
    printf("virtio-blk: found 1af4:%x at 00:%x.0\n",
           pci_config_readw(0, dev_fn, 2), dev_fn >> 3);
    return true;
}

static uint32_t bar_or(uint8_t reg, uint32_t mask, uint32_t ours)
{
    return pci_bar_or_assign(dev_fn, reg, mask, ours);
}

static void setup_bars(void)
{
    io_bar0 = bar_or(0x10, ~3u, IO_BAR0);
    mem_msix = bar_or(0x14, ~15u, MEM_MSIX);
    if (modern) {
        check(pci_config_readl(0, dev_fn, 0x24) == 0);
        mem_bar4 = bar_or(0x20, ~15u, MEM_BAR4);
    }
    pci_writew(4, 7);       /* I/O, memory, bus master */
}

static void find_caps(void)
{
    uint8_t cap = pci_config_readb(0, dev_fn, 0x34);
    int found = 0;

    while (cap) {
        if (pci_config_readb(0, dev_fn, cap) == 0x09) {
            uint8_t type = pci_config_readb(0, dev_fn, cap + 3);
            uint8_t bar = pci_config_readb(0, dev_fn, cap + 4);
            uint32_t off = pci_config_readl(0, dev_fn, cap + 8);
            uint32_t base = mem_bar4 + off;

            if (type >= 1 && type <= 4) {
                check(bar == 4);
                found |= 1 << type;
            }
            switch (type) {
            case 1:
                common = base;
                break;
            case 2:
                notify_base = base;
                notify_mult = pci_config_readl(0, dev_fn, cap + 16);
                break;
            case 3:
                isr_addr = base;
                break;
            case 4:
                devcfg = base;
                break;
            }
        }
        cap = pci_config_readb(0, dev_fn, cap + 1);
    }
    check(found == 0x1e);
}

static void msix_setup(void)
{
    uint8_t cap = pci_config_readb(0, dev_fn, 0x34);
    uint32_t table, addr;

    while (cap && pci_config_readb(0, dev_fn, cap) != 0x11) {
        cap = pci_config_readb(0, dev_fn, cap + 1);
    }
    check(cap);
    table = pci_config_readl(0, dev_fn, cap + 4);
    check((table & 7) == 1);
    addr = mem_msix + (table & ~7u);
    /* Entry 1: queue 0, fixed delivery to this CPU, vector 0x50. */
    mmio_write32(addr + 16 + 0, LAPIC_BASE | (lapic_id() << 12));
    mmio_write32(addr + 16 + 4, 0);
    mmio_write32(addr + 16 + 8, MSI_VECTOR);
    mmio_write32(addr + 16 + 12, 0);
    pci_writew(cap + 2, 0x8000);        /* MSI-X enable */
}

static void msi_handler(uint8_t vector)
{
    msi_count++;
    lapic_eoi();
}

static void setup_queue(void)
{
    uint32_t pa = (uint32_t)ring;

    memset(ring, 0, sizeof(ring));
    if (modern) {
        mmio_write16(common + 0x16, 0);
        qsize = mmio_read16(common + 0x18);
    } else {
        outw(0, io_bar0 + 0x0e);
        qsize = inw(io_bar0 + 0x0c);
    }
    printf("virtio-blk: queue 0 has %u entries\n", qsize);
    check(qsize && qsize <= QSIZE_MAX);
    if (modern) {
        mmio_write32(common + 0x20, pa);
        mmio_write32(common + 0x24, 0);
        mmio_write32(common + 0x28, pa + 16 * qsize);
        mmio_write32(common + 0x2c, 0);
        mmio_write32(common + 0x30, pa + 8192);
        mmio_write32(common + 0x34, 0);
        if (use_msix) {
            mmio_write16(common + 0x1a, 1);
            check(mmio_read16(common + 0x1a) == 1);
        }
        mmio_write16(common + 0x1c, 1);
    } else {
        /* Legacy: used ring at the next 4 KiB boundary after avail. */
        check(16 * qsize + 6 + 2 * qsize <= 8192);
        outl(pa >> 12, io_bar0 + 0x08);
        if (use_msix) {
            outw(1, io_bar0 + 0x16);
            check(inw(io_bar0 + 0x16) == 1);
        }
    }
}

static void negotiate(void)
{
    uint32_t f;

    set_status(0);
    check(get_status() == 0);
    set_status(1);
    set_status(1 | 2);
    if (modern) {
        mmio_write32(common + 0x00, 1);
        f = mmio_read32(common + 0x04);
        check(f & 1);                           /* VERSION_1 (bit 32) */
        mmio_write32(common + 0x08, 0);
        mmio_write32(common + 0x0c, 1u << 9);   /* FLUSH */
        mmio_write32(common + 0x08, 1);
        mmio_write32(common + 0x0c, 1);         /* VERSION_1 */
        set_status(1 | 2 | 8);
        check(get_status() & 8);
    } else {
        f = inl(io_bar0 + 0x00);
        check(f & (1u << 9));
        outl(1u << 9, io_bar0 + 0x04);
    }
}

/* desc[i] = {addr, len, flags, next} */
static void set_desc(int i, void *addr, uint32_t len, uint16_t flags,
                     uint16_t next)
{
    uint8_t *d = ring + 16 * i;

    *(volatile uint32_t *)(d + 0) = (uint32_t)addr;
    *(volatile uint32_t *)(d + 4) = 0;
    *(volatile uint32_t *)(d + 8) = len;
    *(volatile uint16_t *)(d + 12) = flags;
    *(volatile uint16_t *)(d + 14) = next;
}

static uint8_t request(uint32_t type, uint32_t sector, uint32_t len)
{
    volatile uint16_t *avail = (volatile uint16_t *)(ring + 16 * qsize);
    volatile uint16_t *used = (volatile uint16_t *)(ring + 8192);
    bool in = type == 0 || type == 8;
    uint32_t msis = msi_count;
    int n = 0;

    memset(hdr, 0, sizeof(hdr));
    *(uint32_t *)hdr = type;
    *(uint32_t *)(hdr + 8) = sector;
    status = 0xff;
    set_desc(n, hdr, 16, 1, n + 1);
    n++;
    if (len) {
        set_desc(n, data, len, 1 | (in ? 2 : 0), n + 1);
        n++;
    }
    set_desc(n, (void *)&status, 1, 2, 0);
    avail[2 + avail_idx % qsize] = 0;
    __sync_synchronize();
    avail[1] = ++avail_idx;
    __sync_synchronize();
    if (modern) {
        mmio_write16(notify_base + 0 * notify_mult, 0);
    } else {
        outw(0, io_bar0 + 0x10);
    }
    for (int i = 0; i < 20000000 && used[1] == last_used; i++) {
        cpu_relax();
    }
    check(used[1] != last_used);
    last_used++;
    if (use_msix) {
        for (int i = 0; i < 1000000 && msi_count == msis; i++) {
            cpu_relax();
        }
        check(msi_count > msis);
    }
    return status;
}

static uint8_t pattern(uint32_t s, uint32_t i)
{
    return (s * 13 + i * 7 + 1) & 0xff;
}

static void check_sectors(uint32_t first, int n)
{
    for (int s = 0; s < n; s++) {
        for (int i = 0; i < SECTOR; i++) {
            if (data[s * SECTOR + i] != pattern(first + s, i)) {
                fail("sector %u byte %d: %x != %x\n", first + s, i,
                     data[s * SECTOR + i], pattern(first + s, i));
            }
        }
    }
    printf("virtio-blk: sectors %u-%u match\n", first, first + n - 1);
}

/* ---- benchmark mode (scripts/bench-virtio.sh) ---- */

/*
 * Batches of BATCH requests are queued at once (one kick), then all are
 * reaped: the queue never runs dry for long.  Each request uses three
 * descriptors; buffers live at 16 MiB + (slot * size), identity mapped.
 */
#define BATCH 32
#define BENCH_BUF 0x1000000u

static uint8_t bhdr[BATCH][16] __attribute__((aligned(16)));
static volatile uint8_t bstatus[BATCH];

static uint32_t rng = 12345;

static uint32_t rnd(void)
{
    rng = rng * 1103515245 + 12345;
    return rng >> 8;
}

static void bench_batch(uint32_t type, uint32_t *sectors, int n, uint32_t len)
{
    volatile uint16_t *avail = (volatile uint16_t *)(ring + 16 * qsize);
    volatile uint16_t *used = (volatile uint16_t *)(ring + 8192);

    for (int r = 0; r < n; r++) {
        int d = 3 * r;

        memset(bhdr[r], 0, 16);
        *(uint32_t *)bhdr[r] = type;
        *(uint32_t *)(bhdr[r] + 8) = sectors[r];
        bstatus[r] = 0xff;
        set_desc(d, bhdr[r], 16, 1, d + 1);
        set_desc(d + 1, (void *)(BENCH_BUF + r * len), len,
                 1 | (type == 0 ? 2 : 0), d + 2);
        set_desc(d + 2, (void *)&bstatus[r], 1, 2, 0);
        avail[2 + avail_idx % qsize] = d;
        avail_idx++;
    }
    __sync_synchronize();
    avail[1] = avail_idx;
    __sync_synchronize();
    if (modern) {
        mmio_write16(notify_base, 0);
    } else {
        outw(0, io_bar0 + 0x10);
    }
    while ((uint16_t)(used[1] - last_used) < n) {
        cpu_relax();
    }
    last_used += n;
    for (int r = 0; r < n; r++) {
        check(bstatus[r] == 0);
    }
}

static void bench(const char *what, uint32_t total_mib, uint32_t disk_sectors)
{
    uint32_t sectors[BATCH];
    bool seq = strcmp(what, "randread") != 0;
    uint32_t len = seq ? 1024 * 1024 : 4096;
    uint32_t type = strcmp(what, "seqwrite") == 0 ? 1 : 0;
    uint32_t nreq = total_mib * (1024 * 1024 / len);   /* no 64-bit division */
    uint32_t spr = len / SECTOR, pos = 0;

    check(3 * BATCH <= qsize);
    /*
     * One untimed batch first: the host faults in the buffers' backing
     * memory (huge-page allocation can take 100+ ms), which is not what
     * the phases measure.
     */
    for (int r = 0; r < BATCH; r++) {
        sectors[r] = seq ? (uint32_t)r * spr % disk_sectors
                         : (rnd() % (disk_sectors / spr)) * spr;
    }
    bench_batch(type, sectors, BATCH, len);
    printf("BENCH-START %s\n", what);
    for (uint32_t done = 0; done < nreq; done += BATCH) {
        int n = nreq - done < BATCH ? nreq - done : BATCH;

        for (int r = 0; r < n; r++) {
            if (seq) {
                if (pos + spr > disk_sectors) {
                    pos = 0;
                }
                sectors[r] = pos;
                pos += spr;
            } else {
                sectors[r] = (rnd() % (disk_sectors / spr)) * spr;
            }
        }
        bench_batch(type, sectors, n, len);
    }
    printf("BENCH-END %s %u requests of %u bytes\n", what, nreq, len);
}

int main(void)
{
    char mode[16];
    uint64_t capacity;

    if (!cmdline_get("mode", mode, sizeof(mode))) {
        fail("no mode= on the command line\n");
    }
    modern = !strcmp(mode, "modern");
    use_msix = cmdline_has("msix");
    check(find_device());
    setup_bars();
    if (modern) {
        find_caps();
    }
    if (use_msix) {
        idt_init();
        intr_set_handler(MSI_VECTOR, msi_handler);
        pic_init(0x20, 0x28);
        lapic_enable();
        msix_setup();
        irq_enable();
    }
    negotiate();
    capacity = cfg_read32(0) | (uint64_t)cfg_read32(4) << 32;
    printf("virtio-blk: %s, capacity %u sectors\n", mode,
           (uint32_t)capacity);
    check(cmdline_has("bench") ||
          capacity == (uint64_t)cmdline_get_int("sectors", 0));
    setup_queue();
    set_status(get_status() | 4);

    if (cmdline_has("bench")) {
        char what[16];

        cmdline_get("bench", what, sizeof(what));
        bench(what, cmdline_get_int("mib", 256), (uint32_t)capacity);
        printf("virtio-blk: PASS\n");
        return 0;
    }
    check(request(0, 0, SECTOR) == 0);
    check_sectors(0, 1);
    check(request(0, 1000, 3 * SECTOR) == 0);
    check_sectors(1000, 3);

    for (int i = 0; i < SECTOR; i++) {
        data[i] = "kvmemu virtio-blk guest write "[i % 30];
    }
    check(request(1, 200, SECTOR) == 0);
    check(request(4, 0, 0) == 0);           /* flush */
    memset(data, 0, SECTOR);
    check(request(0, 200, SECTOR) == 0);
    check(data[0] == 'k' && data[31] == 'v');
    printf("virtio-blk: wrote sector 200\n");
    if (use_msix) {
        printf("virtio-blk: %u MSI-X interrupts on vector 0x%x\n", msi_count,
               MSI_VECTOR);
        irq_disable();
    }
    printf("virtio-blk: PASS\n");
    return 0;
}
