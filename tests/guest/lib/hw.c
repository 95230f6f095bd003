/*
 * CMOS, PCI configuration mechanism #1 and fw_cfg for the test guests.
 */
#include "guest.h"

/* ---- CMOS ---- */
uint8_t cmos_read(uint8_t reg)
{
    outb(reg | 0x80, 0x70);     /* bit 7 keeps NMI disabled */
    return inb(0x71);
}

void cmos_write(uint8_t reg, uint8_t val)
{
    outb(reg | 0x80, 0x70);
    outb(val, 0x71);
}

/* ---- PCI ---- */
static void pci_address(uint8_t bus, uint8_t devfn, uint8_t reg)
{
    outl(0x80000000u | (bus << 16) | (devfn << 8) | (reg & 0xfc), 0xcf8);
}

uint32_t pci_config_readl(uint8_t bus, uint8_t devfn, uint8_t reg)
{
    pci_address(bus, devfn, reg);
    return inl(0xcfc);
}

uint16_t pci_config_readw(uint8_t bus, uint8_t devfn, uint8_t reg)
{
    pci_address(bus, devfn, reg);
    return inw(0xcfc + (reg & 2));
}

uint8_t pci_config_readb(uint8_t bus, uint8_t devfn, uint8_t reg)
{
    pci_address(bus, devfn, reg);
    return inb(0xcfc + (reg & 3));
}

void pci_config_writel(uint8_t bus, uint8_t devfn, uint8_t reg, uint32_t v)
{
    pci_address(bus, devfn, reg);
    outl(v, 0xcfc);
}

int pci_find_device(uint16_t vendor, uint16_t dev_a, uint16_t dev_b)
{
    for (int d = 0; d < 32; d++) {
        uint32_t id = pci_config_readl(0, PCI_DEVFN(d, 0), 0);

        if ((id & 0xffff) == vendor &&
            ((id >> 16) == dev_a || (id >> 16) == dev_b)) {
            return PCI_DEVFN(d, 0);
        }
    }
    return -1;
}

uint32_t pci_bar_or_assign(uint8_t devfn, uint8_t reg, uint32_t mask,
                           uint32_t ours)
{
    uint32_t bar = pci_config_readl(0, devfn, reg);
    uint32_t v = bar & mask;

    if (!v) {
        pci_config_writel(0, devfn, reg, ours);
        if ((bar & 7) == 4) {               /* 64-bit memory BAR */
            pci_config_writel(0, devfn, reg + 4, 0);
        }
        v = ours;
    }
    return v;
}

int pci_scan_bus(uint8_t bus, void (*fn)(uint8_t bus, uint8_t devfn,
                                         uint16_t vendor, uint16_t device,
                                         uint32_t class_rev, void *opaque),
                 void *opaque)
{
    int found = 0;

    for (int dev = 0; dev < 32; dev++) {
        for (int f = 0; f < 8; f++) {
            uint8_t devfn = PCI_DEVFN(dev, f);
            uint32_t id = pci_config_readl(bus, devfn, 0x00);
            if ((id & 0xffff) == 0xffff || (id & 0xffff) == 0) {
                if (f == 0) {
                    break;
                }
                continue;
            }
            found++;
            if (fn) {
                fn(bus, devfn, id & 0xffff, id >> 16,
                   pci_config_readl(bus, devfn, 0x08), opaque);
            }
            /* header type bit 7: more functions than 0 */
            if (f == 0 && !(pci_config_readb(bus, devfn, 0x0e) & 0x80)) {
                break;
            }
        }
    }
    return found;
}

/* ---- fw_cfg ---- */
#define FW_CFG_PORT_SEL  0x510
#define FW_CFG_PORT_DATA 0x511
#define FW_CFG_PORT_DMA  0x514

#define FW_CFG_DMA_CTL_ERROR  0x01
#define FW_CFG_DMA_CTL_READ   0x02
#define FW_CFG_DMA_CTL_SELECT 0x08

void fw_cfg_select(uint16_t key)
{
    outw(key, FW_CFG_PORT_SEL);
}

void fw_cfg_read(void *buf, uint32_t len)
{
    uint8_t *p = buf;
    while (len--) {
        *p++ = inb(FW_CFG_PORT_DATA);
    }
}

void fw_cfg_read_entry(uint16_t key, void *buf, uint32_t len)
{
    fw_cfg_select(key);
    fw_cfg_read(buf, len);
}

uint16_t fw_cfg_read_u16(uint16_t key)
{
    uint16_t v;
    fw_cfg_read_entry(key, &v, sizeof(v));
    return v;
}

uint32_t fw_cfg_read_u32(uint16_t key)
{
    uint32_t v;
    fw_cfg_read_entry(key, &v, sizeof(v));
    return v;
}

uint64_t fw_cfg_read_u64(uint16_t key)
{
    uint64_t v;
    fw_cfg_read_entry(key, &v, sizeof(v));
    return v;
}

bool fw_cfg_present(void)
{
    char sig[4];
    fw_cfg_read_entry(FW_CFG_SIGNATURE, sig, sizeof(sig));
    return !memcmp(sig, "QEMU", 4);
}

uint32_t fw_cfg_file_count(void)
{
    uint32_t n;
    fw_cfg_read_entry(FW_CFG_FILE_DIR, &n, sizeof(n));
    return bswap32(n);
}

struct fw_cfg_raw_file {
    uint32_t size;
    uint16_t select;
    uint16_t reserved;
    char name[56];
};

static void fw_cfg_convert_file(const struct fw_cfg_raw_file *raw,
                                struct fw_cfg_file *f)
{
    f->size = bswap32(raw->size);
    f->select = bswap16(raw->select);
    memcpy(f->name, raw->name, sizeof(f->name));
    f->name[sizeof(f->name) - 1] = 0;
}

void fw_cfg_file_entry(uint32_t i, struct fw_cfg_file *f)
{
    struct fw_cfg_raw_file raw;

    fw_cfg_select(FW_CFG_FILE_DIR);
    /* skip the count and the entries before I */
    for (uint32_t skip = 4 + i * sizeof(raw); skip; skip--) {
        inb(FW_CFG_PORT_DATA);
    }
    fw_cfg_read(&raw, sizeof(raw));
    fw_cfg_convert_file(&raw, f);
}

uint32_t fw_cfg_read_dir(struct fw_cfg_file *files, uint32_t max)
{
    struct fw_cfg_raw_file raw;
    uint32_t n;

    fw_cfg_select(FW_CFG_FILE_DIR);
    fw_cfg_read(&n, sizeof(n));
    n = bswap32(n);
    for (uint32_t i = 0; i < n && i < max; i++) {
        fw_cfg_read(&raw, sizeof(raw));
        fw_cfg_convert_file(&raw, &files[i]);
    }
    return n;
}

bool fw_cfg_find_file(const char *name, struct fw_cfg_file *f)
{
    struct fw_cfg_raw_file raw;
    uint32_t n;

    fw_cfg_select(FW_CFG_FILE_DIR);
    fw_cfg_read(&n, sizeof(n));
    n = bswap32(n);
    for (uint32_t i = 0; i < n; i++) {
        fw_cfg_read(&raw, sizeof(raw));
        if (!strncmp(raw.name, name, sizeof(raw.name))) {
            fw_cfg_convert_file(&raw, f);
            return true;
        }
    }
    return false;
}

bool fw_cfg_dma_read(uint16_t key, void *buf, uint32_t len)
{
    static volatile struct {
        uint32_t control;
        uint32_t length;
        uint32_t address_hi;
        uint32_t address_lo;
    } __attribute__((aligned(16))) desc;

    desc.control = bswap32(((uint32_t)key << 16) | FW_CFG_DMA_CTL_SELECT |
                           FW_CFG_DMA_CTL_READ);
    desc.length = bswap32(len);
    desc.address_hi = 0;
    desc.address_lo = bswap32((uintptr_t)buf);
    asm volatile("" ::: "memory");
    /* big-endian 64-bit address: high half first, the low write starts it */
    outl(0, FW_CFG_PORT_DMA);
    outl(bswap32((uintptr_t)&desc), FW_CFG_PORT_DMA + 4);
    for (int i = 0; i < 1000000; i++) {
        uint32_t ctl = bswap32(desc.control);
        if (ctl & FW_CFG_DMA_CTL_ERROR) {
            return false;
        }
        if (!ctl) {
            return true;
        }
        cpu_relax();
    }
    return false;
}

int fw_cfg_nb_cpus(void)
{
    if (!fw_cfg_present()) {
        return 0;
    }
    return fw_cfg_read_u16(FW_CFG_NB_CPUS);
}
