/*
 * fw_cfg device: selector/data ports, the sorted file directory, the
 * DMA interface (read, skip, select, write, errors) on a fake guest
 * RAM, and -fw_cfg option parsing.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/module.h"
#include "qemu/option.h"
#include "qemu/config-file.h"
#include "exec/address-spaces.h"
#include "hw/nvram/fw_cfg.h"
#include "hw/qdev-properties.h"

/* ---- fake memory: 64 KiB of guest RAM at 0x10000 -------------------- */

#define RAM_BASE 0x10000
#define RAM_SIZE 0x10000
static uint8_t ram[RAM_SIZE];
AddressSpace address_space_memory;
static MemoryRegion fake_io;

MemoryRegion *get_system_io(void)
{
    return &fake_io;
}

void memory_region_init_io(MemoryRegion *mr, Object *owner,
                           const MemoryRegionOps *ops, void *opaque,
                           const char *name, uint64_t size)
{
    memset(mr, 0, sizeof(*mr));
    mr->ops = ops;
    mr->opaque = opaque;
    mr->size = size;
}

void memory_region_add_subregion(MemoryRegion *mr, hwaddr offset,
                                 MemoryRegion *sub)
{
    sub->container = mr;
    sub->addr = offset;
}

static bool in_ram(hwaddr addr, hwaddr len)
{
    return addr >= RAM_BASE && len <= RAM_SIZE &&
           addr - RAM_BASE <= RAM_SIZE - len;
}

MemTxResult address_space_write(AddressSpace *as, hwaddr addr,
                                MemTxAttrs attrs, const void *buf, hwaddr len)
{
    if (!in_ram(addr, len)) {
        return MEMTX_DECODE_ERROR;
    }
    memcpy(ram + addr - RAM_BASE, buf, len);
    return MEMTX_OK;
}

MemTxResult address_space_read_full(AddressSpace *as, hwaddr addr,
                                    MemTxAttrs attrs, void *buf, hwaddr len)
{
    if (!in_ram(addr, len)) {
        return MEMTX_DECODE_ERROR;
    }
    memcpy(buf, ram + addr - RAM_BASE, len);
    return MEMTX_OK;
}

/* ---- helpers ------------------------------------------------------- */

static FWCfgState *fw;
static FWCfgIoState *fwio;

static void sel(uint16_t key)
{
    fwio->comb_iomem.ops->write(fw, 0, key, 2);
}

static uint8_t rd8(void)
{
    return fwio->comb_iomem.ops->read(fw, 1, 1);
}

static void rd(void *buf, size_t len)
{
    uint8_t *p = buf;

    while (len--) {
        *p++ = rd8();
    }
}

static void put_be32(uint8_t *p, uint32_t v)
{
    p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
}

static uint32_t get_be32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3];
}

/* Build an FWCfgDmaAccess at guest @at and kick it through the port. */
static uint32_t dma(uint64_t at, uint32_t control, uint32_t len,
                    uint64_t addr)
{
    uint8_t *d = ram + at - RAM_BASE;
    const MemoryRegionOps *ops = fw->dma_iomem.ops;

    put_be32(d, control);
    put_be32(d + 4, len);
    put_be32(d + 8, addr >> 32);
    put_be32(d + 12, addr);
    /* guest does outl(bswap32(hi), 0x514); outl(bswap32(lo), 0x518) */
    ops->write(fw, 0, GUINT32_SWAP_LE_BE((uint32_t)(at >> 32)), 4);
    ops->write(fw, 4, GUINT32_SWAP_LE_BE((uint32_t)at), 4);
    return get_be32(d);
}

static void setup(void)
{
    DeviceState *dev;

    if (fw) {
        return;
    }
    module_call_init(MODULE_INIT_QOM);
    module_call_init(MODULE_INIT_OPTS);
    dev = qdev_new(TYPE_FW_CFG_IO);
    sysbus_realize_and_unref(SYS_BUS_DEVICE(dev), &error_abort);
    fw = FW_CFG(dev);
    fwio = FW_CFG_IO(dev);
    fw->dma_as = &address_space_memory;
}

static void test_ports(void)
{
    char sig[5] = { 0 };
    uint32_t id;
    uint8_t sigbuf[8];
    int i;

    setup();
    sel(FW_CFG_SIGNATURE);
    rd(sig, 4);
    g_assert_cmpstr(sig, ==, "QEMU");
    g_assert_cmpint(rd8(), ==, 0);          /* past the end */
    sel(FW_CFG_ID);
    rd(&id, 4);
    g_assert_cmphex(GUINT32_FROM_LE(id), ==, 3);
    /* the DMA register reads "QEMU CFG" in byte order */
    for (i = 0; i < 8; i++) {
        sigbuf[i] = fw->dma_iomem.ops->read(fw, i, 1);
    }
    g_assert_cmpmem(sigbuf, 8, "QEMU CFG", 8);
    g_assert_cmphex(fw->dma_iomem.ops->read(fw, 0, 4), ==, 0x554d4551);
    /* unknown key: reads zero */
    sel(0x3fff);
    g_assert_cmpint(rd8(), ==, 0);
    fw_cfg_add_i16(fw, FW_CFG_NB_CPUS, 4);
    sel(FW_CFG_NB_CPUS);
    g_assert_cmpint(rd8(), ==, 4);
    g_assert_cmpint(rd8(), ==, 0);
    fw_cfg_add_i32(fw, FW_CFG_IRQ0_OVERRIDE, 1);
    sel(FW_CFG_IRQ0_OVERRIDE);
    g_assert_cmpint(rd8(), ==, 1);
}

static void test_files(void)
{
    uint8_t cnt[4];
    FWCfgFile f;
    uint32_t n, i;
    char prev[FW_CFG_MAX_FILE_PATH] = "";
    uint16_t zsel = 0;
    size_t len;

    setup();
    fw_cfg_add_file(fw, "opt/zzz", g_strdup("last"), 4);
    fw_cfg_add_file(fw, "etc/e820", g_malloc0(40), 40);
    fw_cfg_add_file(fw, "bootorder", g_strdup("x"), 1);
    g_assert_true(fw_cfg_has_file(fw, "etc/e820"));
    g_assert_cmpstr(fw_cfg_get_file(fw, "opt/zzz", &len), ==, "last");

    sel(FW_CFG_FILE_DIR);
    rd(cnt, 4);
    n = get_be32(cnt);
    g_assert_cmpuint(n, >=, 3);
    for (i = 0; i < n; i++) {
        rd(&f, sizeof(f));
        /* sorted by name, keys ascending from 0x20 */
        g_assert_cmpint(strcmp(prev, f.name), <, 0);
        g_assert_cmphex(GUINT16_FROM_BE(f.select), ==, FW_CFG_FILE_FIRST + i);
        g_strlcpy(prev, f.name, sizeof(prev));
        if (!strcmp(f.name, "opt/zzz")) {
            g_assert_cmpuint(GUINT32_FROM_BE(f.size), ==, 4);
            zsel = GUINT16_FROM_BE(f.select);
        }
    }
    g_assert_cmphex(zsel, !=, 0);
    sel(zsel);
    g_assert_cmpint(rd8(), ==, 'l');

    /* modify keeps the key and updates the size */
    g_free(fw_cfg_modify_file(fw, "opt/zzz", g_strdup("changed"), 7));
    sel(zsel);
    g_assert_cmpint(rd8(), ==, 'c');
}

static void test_dma(void)
{
    uint64_t req = RAM_BASE + 0x100, buf = RAM_BASE + 0x1000;
    uint32_t ctl;

    setup();
    memset(ram, 0xee, sizeof(ram));
    /* select + read the signature */
    ctl = dma(req, (FW_CFG_SIGNATURE << 16) | FW_CFG_DMA_CTL_SELECT |
              FW_CFG_DMA_CTL_READ, 4, buf);
    g_assert_cmphex(ctl, ==, 0);
    g_assert_cmpmem(ram + 0x1000, 4, "QEMU", 4);
    g_assert_cmphex(ram[0x1004], ==, 0xee);

    /* skip 2 then read 4: the rest of the signature, zero filled */
    ctl = dma(req, (FW_CFG_SIGNATURE << 16) | FW_CFG_DMA_CTL_SELECT |
              FW_CFG_DMA_CTL_SKIP, 2, 0);
    g_assert_cmphex(ctl, ==, 0);
    ctl = dma(req, FW_CFG_DMA_CTL_READ, 4, buf);
    g_assert_cmphex(ctl, ==, 0);
    g_assert_cmpmem(ram + 0x1000, 4, "MU\0\0", 4);

    /* destination outside guest RAM: error bit, no crash */
    ctl = dma(req, (FW_CFG_SIGNATURE << 16) | FW_CFG_DMA_CTL_SELECT |
              FW_CFG_DMA_CTL_READ, 4, 0xfff00000ULL);
    g_assert_cmphex(ctl, ==, FW_CFG_DMA_CTL_ERROR);

    /* writes to a read-only item fail */
    ctl = dma(req, (FW_CFG_SIGNATURE << 16) | FW_CFG_DMA_CTL_SELECT |
              FW_CFG_DMA_CTL_WRITE, 4, buf);
    g_assert_cmphex(ctl, ==, FW_CFG_DMA_CTL_ERROR);

    /* a request block outside RAM is ignored (nothing to report into) */
    fw->dma_iomem.ops->write(fw, 0, 0, 4);
    fw->dma_iomem.ops->write(fw, 4, GUINT32_SWAP_LE_BE(0x100u), 4);

    /* the data port continues after a DMA read */
    dma(req, (FW_CFG_SIGNATURE << 16) | FW_CFG_DMA_CTL_SELECT |
        FW_CFG_DMA_CTL_READ, 1, buf);
    g_assert_cmpint(rd8(), ==, 'E');
}

static void test_user_items(void)
{
    QemuOptsList *list = qemu_find_opts_err("fw_cfg", NULL);
    QemuOpts *opts;
    Error *err = NULL;
    g_autofree char *path = g_build_filename(g_get_tmp_dir(),
                                             "fwcfg-test-file", NULL);
    size_t len;

    setup();
    g_assert_nonnull(list);
    g_assert_true(g_file_set_contents(path, "FILEDATA", 8, NULL));

    opts = qemu_opts_parse(list, "name=opt/str,string=hello", false,
                           &error_abort);
    g_assert_cmpint(parse_fw_cfg(fw, opts, &error_abort), ==, 0);
    g_assert_cmpmem(fw_cfg_get_file(fw, "opt/str", &len), 5, "hello", 5);
    g_assert_cmpuint(len, ==, 5);
    /* handled once even if both vl.c and the board walk the list */
    g_assert_cmpint(parse_fw_cfg(fw, opts, &error_abort), ==, 0);

    opts = qemu_opts_parse(list, g_strdup_printf("name=opt/file,file=%s",
                                                 path), false, &error_abort);
    g_assert_cmpint(parse_fw_cfg(fw, opts, &error_abort), ==, 0);
    g_assert_cmpmem(fw_cfg_get_file(fw, "opt/file", &len), 8, "FILEDATA", 8);

    opts = qemu_opts_parse(list, "name=opt/both,file=/x,string=y", false,
                           &error_abort);
    g_assert_cmpint(parse_fw_cfg(fw, opts, &err), <, 0);
    g_assert_nonnull(strstr(error_get_pretty(err), "exactly one of"));
    error_free(err);
    err = NULL;

    opts = qemu_opts_parse(list, "name=opt/missing,file=/nonexistent/f",
                           false, &error_abort);
    g_assert_cmpint(parse_fw_cfg(fw, opts, &err), <, 0);
    g_assert_nonnull(strstr(error_get_pretty(err), "can't load /nonexistent"));
    error_free(err);
    unlink(path);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/fw_cfg/ports", test_ports);
    g_test_add_func("/fw_cfg/files", test_files);
    g_test_add_func("/fw_cfg/dma", test_dma);
    g_test_add_func("/fw_cfg/user-items", test_user_items);
    return g_test_run();
}
