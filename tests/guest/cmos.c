/*
 * Reads the RTC and the memory size bytes from CMOS and checks the memory
 * sizes against the multiboot memory information and map.
 * "cpus=N" on the command line also checks the CPU count byte 0x5f.
 */
#include "guest.h"

struct mb_mmap {
    uint32_t size;
    uint64_t base;
    uint64_t len;
    uint32_t type;
} __attribute__((packed));

static unsigned bcd(uint8_t v, bool binary)
{
    return binary ? v : (v >> 4) * 10 + (v & 0xf);
}

static uint16_t cmos_read16(uint8_t lo)
{
    return cmos_read(lo) | (cmos_read(lo + 1) << 8);
}

static void check_rtc(void)
{
    /* wait (bounded) for no update in progress, then read once */
    for (int i = 0; i < 100000 && (cmos_read(0x0a) & 0x80); i++) {
        cpu_relax();
    }
    uint8_t b = cmos_read(0x0b);
    bool binary = b & 0x04;
    unsigned sec = bcd(cmos_read(0x00), binary);
    unsigned min = bcd(cmos_read(0x02), binary);
    unsigned hour = bcd(cmos_read(0x04) & 0x7f, binary);
    unsigned day = bcd(cmos_read(0x07), binary);
    unsigned mon = bcd(cmos_read(0x08), binary);
    unsigned year = bcd(cmos_read(0x09), binary);
    unsigned cent = bcd(cmos_read(0x32), binary);

    printf("cmos: RTC %02u%02u-%02u-%02u %02u:%02u:%02u (status B %02x)\n",
           cent, year, mon, day, hour, min, sec, b);
    check(sec < 60 && min < 60 && hour < 24);
    check(day >= 1 && day <= 31 && mon >= 1 && mon <= 12 && year < 100);
    check(cent >= 19 && cent <= 21);
    check(cmos_read(0x0d) & 0x80);      /* valid RAM and time */
}

int main(void)
{
    struct multiboot_info *mbi = boot_info;
    uint16_t base = cmos_read16(0x15);
    uint16_t ext1 = cmos_read16(0x17);
    uint16_t ext2 = cmos_read16(0x30);
    uint16_t above16m = cmos_read16(0x34);
    uint32_t above4g = cmos_read(0x5b) | (cmos_read(0x5c) << 8) |
                       ((uint32_t)cmos_read(0x5d) << 16);
    uint8_t ncpu = cmos_read(0x5f) + 1;

    check_rtc();
    printf("cmos: base memory %u KiB\n", base);
    printf("cmos: extended memory %u KiB (0x17) %u KiB (0x30)\n", ext1, ext2);
    printf("cmos: above 16M: %u x 64 KiB\n", above16m);
    printf("cmos: above 4G: %u x 64 KiB\n", above4g);
    printf("cmos: CPUs %u\n", ncpu);

    check(base == 640);
    check(ext1 == ext2);
    check(mbi->flags & MBI_FLAG_MEM);
    printf("cmos: multiboot mem_lower %u KiB mem_upper %u KiB\n",
           mbi->mem_lower, mbi->mem_upper);
    /*
     * The loader derives mem_lower/mem_upper from the firmware's memory
     * map, which keeps a little for itself (EBDA, high tables): allow
     * 128 KiB below 1 MiB and 1 MiB below the top of low RAM.
     */
    check(mbi->mem_lower <= base && mbi->mem_lower + 128 >= base);
    if (mbi->mem_upper < 65535) {
        check(ext1 >= mbi->mem_upper && ext1 <= mbi->mem_upper + 1024);
    } else {
        check(ext1 == 65535 || ext1 >= mbi->mem_upper);
    }
    if (mbi->mem_upper > 15 * 1024) {
        uint32_t cmos_kib = above16m * 64 + 15 * 1024;
        check(cmos_kib >= mbi->mem_upper && cmos_kib <= mbi->mem_upper + 1024);
    } else {
        check(above16m == 0);
    }

    /* RAM above 4 GiB in the memory map must match bytes 0x5b-0x5d */
    uint64_t high = 0;
    if (mbi->flags & MBI_FLAG_MMAP) {
        uint32_t off = 0;
        while (off < mbi->mmap_length) {
            struct mb_mmap *e = (void *)(uintptr_t)(mbi->mmap_addr + off);
            if (e->type == 1 && e->base >= (1ull << 32)) {
                high += e->len;
            }
            off += e->size + 4;
        }
        printf("cmos: multiboot map has %llu KiB above 4G\n", high >> 10);
        check(high == (uint64_t)above4g << 16);
    }

    long cpus = cmdline_get_int("cpus", 0);
    if (cpus) {
        check(ncpu == cpus);
    }
    printf("cmos: PASS\n");
    return 0;
}
