/*
 * fw_cfg through the I/O ports: signature, ID (DMA bit), CPU count, RAM
 * size and the file directory; then one file read through the DMA
 * interface and compared with the same file read through the data port.
 * Command line: "cpus=N" and "ram=MiB" add exact checks.
 */
#include "guest.h"

static uint8_t pio_buf[4096], dma_buf[4096];
static struct fw_cfg_file files[64];

int main(void)
{
    char sig[5] = { 0 };
    struct fw_cfg_file f, pick = { 0 };
    struct fw_cfg_file *fp;

    fw_cfg_read_entry(FW_CFG_SIGNATURE, sig, 4);
    printf("fw_cfg: signature %s\n", sig);
    check(!memcmp(sig, "QEMU", 4));

    uint32_t id = fw_cfg_read_u32(FW_CFG_ID);
    printf("fw_cfg: ID %x (DMA %s)\n", id,
           id & FW_CFG_VERSION_DMA ? "yes" : "no");
    check(id & 1);
    check(id & FW_CFG_VERSION_DMA);
    /* reading the DMA address register gives "QEMU CFG", big-endian */
    uint32_t dma_sig[2] = { inl(0x514), inl(0x518) };
    check(!memcmp(dma_sig, "QEMU CFG", 8));

    uint16_t ncpu = fw_cfg_read_u16(FW_CFG_NB_CPUS);
    uint64_t ram = fw_cfg_read_u64(FW_CFG_RAM_SIZE);
    printf("fw_cfg: %u CPUs, RAM %llu MiB\n", ncpu, ram >> 20);
    check(ncpu >= 1);
    long cpus = cmdline_get_int("cpus", 0), ram_mb = cmdline_get_int("ram", 0);
    if (cpus) {
        check(ncpu == cpus);
    }
    if (ram_mb) {
        check(ram == (uint64_t)ram_mb << 20);
    }

    uint32_t n = fw_cfg_read_dir(files, ARRAY_SIZE(files));
    printf("fw_cfg: %u files\n", n);
    check(n > 0 && n <= ARRAY_SIZE(files));
    check(fw_cfg_file_count() == n);
    for (uint32_t i = 0; i < n; i++) {
        fp = &files[i];
        printf("fw_cfg: %04x %6u %s\n", fp->select, fp->size, fp->name);
        check(fp->select >= 0x20);
        /* prefer etc/e820 (always there on pc), else any small file */
        if (fp->size && fp->size <= sizeof(pio_buf) &&
            (!pick.size || !strcmp(fp->name, "etc/e820"))) {
            pick = *fp;
        }
    }
    /* random access to the last entry agrees with the sequential read */
    fw_cfg_file_entry(n - 1, &f);
    check(f.select == files[n - 1].select && !strcmp(f.name, files[n - 1].name));
    check(pick.size);
    check(fw_cfg_find_file(pick.name, &f) && f.select == pick.select);

    fw_cfg_read_entry(pick.select, pio_buf, pick.size);
    memset(dma_buf, 0xaa, sizeof(dma_buf));
    check(fw_cfg_dma_read(pick.select, dma_buf, pick.size));
    check(!memcmp(pio_buf, dma_buf, pick.size));
    check(dma_buf[pick.size] == 0xaa);
    printf("fw_cfg: DMA read of %s (%u bytes) matches the port read\n",
           pick.name, pick.size);

    /* DMA of a simple item too: the signature */
    memset(dma_buf, 0, 8);
    check(fw_cfg_dma_read(FW_CFG_SIGNATURE, dma_buf, 4));
    check(!memcmp(dma_buf, "QEMU", 4));
    printf("fw_cfg: PASS\n");
    return 0;
}
