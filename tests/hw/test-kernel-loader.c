/*
 * Direct kernel boot layouts on generated images: multiboot (ELF and
 * a.out kludge), PVH and Linux bzImage, plus error paths.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/i386/kernel-loader.h"
#include <elf.h>

#define RAM_BELOW (128 * MiB)

static uint32_t rd32(const X86BootInfo *info, uint64_t addr)
{
    const X86BootSegment *s = x86_boot_find_segment(info, addr);

    g_assert_nonnull(s);
    g_assert_cmpuint(addr + 4, <=, s->addr + s->len);
    return s->data[addr - s->addr] | (s->data[addr - s->addr + 1] << 8) |
           (s->data[addr - s->addr + 2] << 16) |
           ((uint32_t)s->data[addr - s->addr + 3] << 24);
}

static const char *rdstr(const X86BootInfo *info, uint64_t addr)
{
    const X86BootSegment *s = x86_boot_find_segment(info, addr);

    g_assert_nonnull(s);
    return (const char *)s->data + (addr - s->addr);
}

static void w32(uint8_t *p, uint32_t v)
{
    p[0] = v; p[1] = v >> 8; p[2] = v >> 16; p[3] = v >> 24;
}

/* ELF32 with one PT_LOAD at @paddr holding @payload_len bytes. */
static GByteArray *make_elf32(uint32_t paddr, uint32_t entry,
                              const uint8_t *payload, size_t payload_len,
                              uint32_t memsz)
{
    GByteArray *b = g_byte_array_new();
    Elf32_Ehdr eh = { 0 };
    Elf32_Phdr ph = { 0 };

    memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = ELFCLASS32;
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_ident[EI_VERSION] = EV_CURRENT;
    eh.e_type = ET_EXEC;
    eh.e_machine = EM_386;
    eh.e_version = EV_CURRENT;
    eh.e_entry = entry;
    eh.e_phoff = sizeof(eh);
    eh.e_ehsize = sizeof(eh);
    eh.e_phentsize = sizeof(ph);
    eh.e_phnum = 1;
    ph.p_type = PT_LOAD;
    ph.p_offset = 0x100;
    ph.p_paddr = ph.p_vaddr = paddr;
    ph.p_filesz = payload_len;
    ph.p_memsz = memsz;
    g_byte_array_append(b, (uint8_t *)&eh, sizeof(eh));
    g_byte_array_append(b, (uint8_t *)&ph, sizeof(ph));
    g_byte_array_set_size(b, 0x100);
    memset(b->data + sizeof(eh) + sizeof(ph), 0,
           0x100 - sizeof(eh) - sizeof(ph));
    g_byte_array_append(b, payload, payload_len);
    return b;
}

static void mb_header(uint8_t *p, uint32_t flags)
{
    w32(p, MULTIBOOT_HEADER_MAGIC);
    w32(p + 4, flags);
    w32(p + 8, -(MULTIBOOT_HEADER_MAGIC + flags));
}

static char *write_tmp(const char *name, const char *contents, gsize len)
{
    char *path = g_build_filename(g_get_tmp_dir(), name, NULL);

    g_assert_true(g_file_set_contents(path, contents, len, NULL));
    return path;
}

static void test_multiboot_elf(void)
{
    uint8_t payload[64] = { 0 };
    GByteArray *img;
    X86BootInfo info;
    Error *err = NULL;
    g_autofree char *pid = g_strdup_printf("%d", getpid());
    g_autofree char *m1name = g_strconcat("kl-mod1-", pid, NULL);
    g_autofree char *m2name = g_strconcat("kl-mod2-", pid, NULL);
    g_autofree char *m1 = write_tmp(m1name, "MODULE-ONE", 10);
    g_autofree char *m2 = write_tmp(m2name, "two", 3);
    g_autofree char *initrd = g_strdup_printf("%s arg1 x,%s", m1, m2);
    X86BootConfig cfg = {
        .kernel_filename = "/k.elf", .cmdline = "console=ttyS0",
        .initrd_filename = initrd, .below_4g = RAM_BELOW,
    };
    uint32_t mbi, mods, mmap, flags, i, n;

    mb_header(payload, 0x3);
    payload[16] = 0xaa;
    img = make_elf32(0x100000, 0x100010, payload, sizeof(payload), 0x2000);
    g_assert_true(x86_boot_prepare(&cfg, img->data, img->len, &info, &err));
    g_assert_null(err);
    g_assert_cmpint(info.protocol, ==, X86_BOOT_PROTO_MULTIBOOT);
    g_assert_false(info.long_mode);
    g_assert_cmphex(info.entry, ==, 0x100010);
    g_assert_cmphex(info.eax, ==, 0x2badb002);
    mbi = info.ebx;
    flags = rd32(&info, mbi);
    g_assert_true(flags & MULTIBOOT_FLAG_MEM);
    g_assert_true(flags & MULTIBOOT_FLAG_CMDLINE);
    g_assert_true(flags & MULTIBOOT_FLAG_MODS);
    g_assert_true(flags & MULTIBOOT_FLAG_MMAP);
    g_assert_cmpuint(rd32(&info, mbi + 4), ==, 640);
    g_assert_cmpuint(rd32(&info, mbi + 8), ==, (RAM_BELOW - MiB) / KiB);
    g_assert_cmpstr(rdstr(&info, rd32(&info, mbi + 16)), ==,
                    "/k.elf console=ttyS0");
    g_assert_cmpstr(rdstr(&info, rd32(&info, mbi + 64)), ==, "qemu");
    /* kernel bytes and zeroed bss */
    g_assert_cmphex(rd32(&info, 0x100010) & 0xff, ==, 0xaa);
    g_assert_cmphex(rd32(&info, 0x101000), ==, 0);

    g_assert_cmpuint(rd32(&info, mbi + 20), ==, 2);
    mods = rd32(&info, mbi + 24);
    g_assert_cmphex(rd32(&info, mods) % 4096, ==, 0);
    g_assert_cmphex(rd32(&info, mods), >=, 0x102000);
    g_assert_cmpuint(rd32(&info, mods + 4) - rd32(&info, mods), ==, 10);
    /* module contents are not NUL-terminated: compare the bytes */
    g_assert_cmpmem(rdstr(&info, rd32(&info, mods)), 10, "MODULE-ONE", 10);
    g_assert_true(g_str_has_suffix(rdstr(&info, rd32(&info, mods + 8)),
                                   " arg1 x"));
    g_assert_cmpstr(rdstr(&info, rd32(&info, mods + 24)), ==, m2);
    g_assert_cmphex(rd32(&info, mods + 16) % 4096, ==, 0);

    /* mmap: 24-byte records (size 20), RAM from 1 MiB to the top */
    n = rd32(&info, mbi + 44) / 24;
    mmap = rd32(&info, mbi + 48);
    g_assert_cmpuint(n, >=, 3);
    for (i = 0; i < n; i++) {
        g_assert_cmpuint(rd32(&info, mmap + 24 * i), ==, 20);
        if (rd32(&info, mmap + 24 * i + 4) == 0x100000) {
            g_assert_cmphex(rd32(&info, mmap + 24 * i + 12), ==,
                            RAM_BELOW - MiB);
            g_assert_cmpuint(rd32(&info, mmap + 24 * i + 20), ==, E820_RAM);
        }
    }
    x86_boot_info_free(&info);
    g_byte_array_free(img, true);
    unlink(m1);
    unlink(m2);
}

static void test_multiboot_aout(void)
{
    /* Raw image: header at 0x40, loaded at 0x200000, with 8 KiB bss. */
    uint8_t img[0x1000] = { 0 };
    X86BootInfo info;
    X86BootConfig cfg = {
        .kernel_filename = "flat.bin", .below_4g = RAM_BELOW,
    };

    mb_header(img + 0x40, 0x10003);
    w32(img + 0x40 + 12, 0x200040);     /* header_addr */
    w32(img + 0x40 + 16, 0x200000);     /* load_addr */
    w32(img + 0x40 + 20, 0x200800);     /* load_end_addr */
    w32(img + 0x40 + 24, 0x203000);     /* bss_end_addr */
    w32(img + 0x40 + 28, 0x200100);     /* entry */
    img[0x7ff] = 0x5a;
    img[0x800] = 0x77;                  /* beyond load_end: not loaded */
    g_assert_true(x86_boot_prepare(&cfg, img, sizeof(img), &info,
                                   &error_abort));
    g_assert_cmphex(info.entry, ==, 0x200100);
    g_assert_cmphex(rd32(&info, 0x2007fc) >> 24, ==, 0x5a);
    g_assert_cmphex(rd32(&info, 0x200800), ==, 0);
    g_assert_cmphex(rd32(&info, 0x202ffc), ==, 0);
    g_assert_cmpstr(rdstr(&info, rd32(&info, info.ebx + 16)), ==,
                    "flat.bin ");
    g_assert_cmpuint(rd32(&info, info.ebx + 20), ==, 0);
    x86_boot_info_free(&info);
}

static void test_multiboot_elf64_rejected(void)
{
    uint8_t payload[32] = { 0 };
    GByteArray *img;
    X86BootInfo info;
    Error *err = NULL;
    X86BootConfig cfg = { .kernel_filename = "k64", .below_4g = RAM_BELOW };

    mb_header(payload, 0x3);
    img = make_elf32(0x100000, 0x100000, payload, sizeof(payload), 32);
    img->data[EI_CLASS] = ELFCLASS64;   /* now malformed as ELF64 too */
    g_assert_false(x86_boot_prepare(&cfg, img->data, img->len, &info, &err));
    g_assert_nonnull(err);
    error_free(err);
    g_byte_array_free(img, true);
}

static void test_outside_ram(void)
{
    uint8_t payload[32] = { 0 };
    GByteArray *img;
    X86BootInfo info;
    Error *err = NULL;
    X86BootConfig cfg = { .kernel_filename = "big", .below_4g = 16 * MiB };

    mb_header(payload, 0x3);
    img = make_elf32(0x2000000, 0x2000000, payload, sizeof(payload), 32);
    g_assert_false(x86_boot_prepare(&cfg, img->data, img->len, &info, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "outside guest RAM"));
    error_free(err);
    g_byte_array_free(img, true);
}

static void test_pvh(void)
{
    /* ELF32: PT_LOAD + PT_NOTE "Xen" type 18 -> entry 0x100020 */
    GByteArray *b = g_byte_array_new();
    Elf32_Ehdr eh = { 0 };
    Elf32_Phdr ph[2] = { { 0 } };
    uint8_t note[20] = { 0 };
    uint8_t code[16] = { 0x90 };
    X86BootInfo info;
    X86BootConfig cfg = {
        .kernel_filename = "pvh.elf", .cmdline = "root=/dev/vda",
        .below_4g = RAM_BELOW,
    };
    uint32_t si, mm, n, i;
    bool found = false;

    memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = ELFCLASS32;
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_entry = 0x100000;
    eh.e_phoff = sizeof(eh);
    eh.e_phentsize = sizeof(Elf32_Phdr);
    eh.e_phnum = 2;
    ph[0].p_type = PT_LOAD;
    ph[0].p_offset = 0x100;
    ph[0].p_paddr = 0x100000;
    ph[0].p_filesz = ph[0].p_memsz = sizeof(code);
    ph[1].p_type = PT_NOTE;
    ph[1].p_offset = 0x80;
    ph[1].p_filesz = sizeof(note);
    w32(note, 4);
    w32(note + 4, 4);
    w32(note + 8, XEN_ELFNOTE_PHYS32_ENTRY);
    memcpy(note + 12, "Xen", 4);
    w32(note + 16, 0x100020);
    g_byte_array_append(b, (uint8_t *)&eh, sizeof(eh));
    g_byte_array_append(b, (uint8_t *)ph, sizeof(ph));
    g_byte_array_set_size(b, 0x80);
    memset(b->data + sizeof(eh) + sizeof(ph), 0,
           0x80 - sizeof(eh) - sizeof(ph));
    g_byte_array_append(b, note, sizeof(note));
    g_byte_array_set_size(b, 0x100);
    g_byte_array_append(b, code, sizeof(code));

    g_assert_true(x86_boot_prepare(&cfg, b->data, b->len, &info,
                                   &error_abort));
    g_assert_cmpint(info.protocol, ==, X86_BOOT_PROTO_PVH);
    g_assert_cmphex(info.entry, ==, 0x100020);
    si = info.ebx;
    g_assert_cmphex(rd32(&info, si), ==, XEN_HVM_START_MAGIC_VALUE);
    g_assert_cmpuint(rd32(&info, si + 4), ==, 1);
    g_assert_cmpuint(rd32(&info, si + 12), ==, 0);
    g_assert_cmpstr(rdstr(&info, rd32(&info, si + 24)), ==, "root=/dev/vda");
    mm = rd32(&info, si + 40);
    n = rd32(&info, si + 48);
    g_assert_cmpuint(n, >=, 3);
    for (i = 0; i < n; i++) {
        if (rd32(&info, mm + 24 * i) == 0x100000) {
            g_assert_cmphex(rd32(&info, mm + 24 * i + 8), ==,
                            RAM_BELOW - MiB);
            g_assert_cmpuint(rd32(&info, mm + 24 * i + 16), ==, E820_RAM);
            found = true;
        }
    }
    g_assert_true(found);
    x86_boot_info_free(&info);
    g_byte_array_free(b, true);
}

static uint64_t rd64(const X86BootInfo *info, uint64_t addr)
{
    return rd32(info, addr) | ((uint64_t)rd32(info, addr + 4) << 32);
}

/*
 * Translate @va through the loader's 4-level page tables (2 MiB or 4 KiB
 * leaves); asserts every level is present and writable.
 */
static uint64_t pt_walk(const X86BootInfo *info, uint64_t va)
{
    const uint64_t addr_mask = 0x000ffffffffff000ULL;
    uint64_t e = info->cr3;
    int level;

    for (level = 3; level >= 0; level--) {
        e = rd64(info, (e & addr_mask) + 8 * ((va >> (12 + 9 * level)) & 511));
        g_assert_cmphex(e & 3, ==, 3);
        if (level == 1 && (e & 0x80)) {
            return (e & addr_mask & ~0x1fffffULL) | (va & 0x1fffff);
        }
        g_assert_true(level == 0 || !(e & 0x80));
    }
    return (e & addr_mask) | (va & 0xfff);
}

static uint8_t *make_bzimage(size_t *len, uint16_t version, bool k64)
{
    size_t setup = (4 + 1) * 512, total = setup + 0x3000;
    uint8_t *k = g_malloc0(total);

    k[0x1f1] = 4;
    k[0x201] = 0x6a;                    /* header ends at 0x26c */
    w32(k + 0x202, 0x53726448);
    k[0x206] = version;
    k[0x207] = version >> 8;
    k[0x211] = 0x01;                    /* LOADED_HIGH */
    w32(k + 0x22c, 0x07ffffff);         /* initrd_addr_max: 128 MiB */
    k[0x236] = k64 ? 0x03 : 0;
    w32(k + 0x238, 2048);
    k[setup] = 0xfc;                    /* first byte of startup_32 */
    *len = total;
    return k;
}

static void test_linux64(void)
{
    size_t len;
    g_autofree uint8_t *k = make_bzimage(&len, 0x20f, true);
    g_autofree char *rdname = g_strdup_printf("kl-initrd-%d", getpid());
    g_autofree char *rd = write_tmp(rdname, "INITRD-DATA", 11);
    X86BootInfo info;
    X86BootConfig cfg = {
        .kernel_filename = "bzImage", .cmdline = "console=ttyS0 quiet",
        .initrd_filename = rd, .below_4g = 512 * MiB,
        .allow_long_mode = true,
    };
    uint32_t zp, img;

    g_assert_true(x86_boot_prepare(&cfg, k, len, &info, &error_abort));
    g_assert_cmpint(info.protocol, ==, X86_BOOT_PROTO_LINUX);
    g_assert_true(info.long_mode);
    g_assert_cmphex(info.entry, ==, 0x100200);
    g_assert_cmphex(info.cr3 % 4096, ==, 0);
    /* identity map: PML4[0] -> PDPT right after it */
    g_assert_cmphex(rd32(&info, info.cr3) & ~0xfffu, ==, info.cr3 + 0x1000);
    /* __BOOT_CS is 64-bit code (L=1, D=0), __BOOT_DS flat data */
    g_assert_cmphex(info.cs, ==, 0x10);
    g_assert_cmphex(info.ds, ==, 0x18);
    g_assert_cmpuint(info.gdt_limit, >=, 0x1f);
    g_assert_cmphex(rd64(&info, info.gdt_base + 0x10), ==,
                    0x00af9b000000ffffULL);
    g_assert_cmphex(rd64(&info, info.gdt_base + 0x18), ==,
                    0x00cf93000000ffffULL);
    zp = info.esi;
    /* kernel, zero page, cmdline, GDT and initrd are identity mapped */
    g_assert_cmphex(pt_walk(&info, 0x100200), ==, 0x100200);
    g_assert_cmphex(pt_walk(&info, zp + 0x202), ==, zp + 0x202);
    g_assert_cmphex(pt_walk(&info, rd32(&info, zp + 0x228)), ==,
                    rd32(&info, zp + 0x228));
    g_assert_cmphex(pt_walk(&info, info.gdt_base), ==, info.gdt_base);
    g_assert_cmphex(pt_walk(&info, rd32(&info, zp + 0x218) + 10), ==,
                    rd32(&info, zp + 0x218) + 10);
    g_assert_cmphex(pt_walk(&info, 512 * MiB - 1), ==, 512 * MiB - 1);
    g_assert_cmphex(rd32(&info, 0x100000) & 0xff, ==, 0xfc);
    g_assert_cmphex(rd32(&info, zp + 0x202), ==, 0x53726448);
    g_assert_cmphex(rd32(&info, zp + 0x210) & 0xff, ==, 0xff);
    /* LOADED_HIGH kept, CAN_USE_HEAP added, no KEEP_SEGMENTS */
    g_assert_cmphex((rd32(&info, zp + 0x210) >> 8) & 0xff, ==, 0x81);
    g_assert_cmpstr(rdstr(&info, rd32(&info, zp + 0x228)), ==,
                    "console=ttyS0 quiet");
    img = rd32(&info, zp + 0x218);
    g_assert_cmpuint(rd32(&info, zp + 0x21c), ==, 11);
    g_assert_cmphex(img % 4096, ==, 0);
    g_assert_cmphex(img + 11, <=, 0x08000000);  /* below initrd_addr_max */
    g_assert_cmpmem(rdstr(&info, img), 11, "INITRD-DATA", 11);
    x86_boot_info_free(&info);

    /* Without long mode support: the 32-bit entry at code32_start. */
    cfg.allow_long_mode = false;
    g_assert_true(x86_boot_prepare(&cfg, k, len, &info, &error_abort));
    g_assert_false(info.long_mode);
    g_assert_cmphex(info.entry, ==, 0x100000);
    g_assert_cmphex(info.esi, ==, X86_BOOT_ZERO_PAGE_ADDR);
    g_assert_cmphex(rd64(&info, info.gdt_base + 0x10), ==,
                    0x00cf9b000000ffffULL);
    x86_boot_info_free(&info);

    /* xloadflags only counts from protocol 2.12 on */
    cfg.allow_long_mode = true;
    k[0x206] = 0x0b;
    g_assert_true(x86_boot_prepare(&cfg, k, len, &info, &error_abort));
    g_assert_false(info.long_mode);
    g_assert_cmphex(info.entry, ==, 0x100000);
    x86_boot_info_free(&info);
    k[0x206] = 0x0c;
    g_assert_true(x86_boot_prepare(&cfg, k, len, &info, &error_abort));
    g_assert_true(info.long_mode);
    x86_boot_info_free(&info);
    cfg.allow_long_mode = false;
    g_assert_true(x86_boot_prepare(&cfg, k, len, &info, &error_abort));
    zp = info.esi;
    g_assert_cmpuint(rd32(&info, zp + 0x1e8) & 0xff, >=, 3);
    /* first e820 entry: RAM at 0, 0x9fc00 long */
    g_assert_cmphex(rd32(&info, zp + 0x2d0), ==, 0);
    g_assert_cmphex(rd32(&info, zp + 0x2d8), ==, 0x9fc00);
    g_assert_cmpuint(rd32(&info, zp + 0x2e0), ==, E820_RAM);
    x86_boot_info_free(&info);
    unlink(rd);
}

static void test_linux32_and_old(void)
{
    size_t len;
    g_autofree uint8_t *k = make_bzimage(&len, 0x20a, false);
    X86BootInfo info;
    Error *err = NULL;
    X86BootConfig cfg = { .kernel_filename = "bz", .below_4g = RAM_BELOW };

    g_assert_true(x86_boot_prepare(&cfg, k, len, &info, &error_abort));
    g_assert_false(info.long_mode);
    g_assert_cmphex(info.entry, ==, 0x100000);
    g_assert_cmphex(info.cs, ==, 0x10);
    g_assert_cmphex(info.ds, ==, 0x18);
    /* a real GDT: 32-bit flat code at __BOOT_CS, data at __BOOT_DS */
    g_assert_cmphex(info.gdt_base, ==, X86_BOOT_GDT_ADDR);
    g_assert_cmpuint(info.gdt_limit, ==, 0x1f);
    g_assert_cmphex(rd64(&info, info.gdt_base + 0x10), ==,
                    0x00cf9b000000ffffULL);
    g_assert_cmphex(rd64(&info, info.gdt_base + 0x18), ==,
                    0x00cf93000000ffffULL);
    g_assert_cmphex(rd32(&info, info.esi + 0x210) & 0x4000, ==, 0);
    g_assert_cmphex(info.cr3, ==, 0);
    x86_boot_info_free(&info);

    /* a 64-bit capable kernel without a long-mode CPU */
    k[0x206] = 0x0f;
    k[0x236] = 0x03;
    g_assert_true(x86_boot_prepare(&cfg, k, len, &info, &error_abort));
    g_assert_false(info.long_mode);
    g_assert_cmphex(info.entry, ==, 0x100000);
    x86_boot_info_free(&info);

    k[0x206] = 0x01;                    /* protocol 2.01 */
    g_assert_false(x86_boot_prepare(&cfg, k, len, &info, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "too old"));
    error_free(err);
}

static void test_unrecognised(void)
{
    uint8_t junk[4096];
    X86BootInfo info;
    Error *err = NULL;
    X86BootConfig cfg = { .kernel_filename = "junk.bin",
                          .below_4g = RAM_BELOW };

    memset(junk, 0x41, sizeof(junk));
    g_assert_false(x86_boot_prepare(&cfg, junk, sizeof(junk), &info, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "kernel 'junk.bin' is not a multiboot, PVH or Linux "
                    "kernel image");
    error_free(err);
    err = NULL;

    cfg.kernel_filename = "/nonexistent/kernel";
    g_assert_false(x86_boot_prepare_file(&cfg, &info, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "could not open kernel file '/nonexistent/kernel': "
                    "No such file or directory");
    error_free(err);
}

static void test_e820_table(void)
{
    uint64_t a, l;

    e820_reset_table();
    g_assert_cmpint(e820_add_entry(0, 0x8000000, E820_RAM), ==, 1);
    g_assert_cmpint(e820_add_entry(4 * GiB, GiB, E820_RAM), ==, 2);
    g_assert_cmpint(e820_get_num_entries(), ==, 2);
    g_assert_true(e820_get_entry(1, E820_RAM, &a, &l));
    g_assert_cmphex(a, ==, 4 * GiB);
    g_assert_cmphex(l, ==, GiB);
    g_assert_false(e820_get_entry(1, E820_RESERVED, &a, &l));
    g_assert_false(e820_get_entry(2, E820_RAM, &a, &l));
    e820_reset_table();
    g_assert_cmpint(e820_get_num_entries(), ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/kernel-loader/multiboot-elf", test_multiboot_elf);
    g_test_add_func("/kernel-loader/multiboot-aout", test_multiboot_aout);
    g_test_add_func("/kernel-loader/multiboot-elf64",
                    test_multiboot_elf64_rejected);
    g_test_add_func("/kernel-loader/outside-ram", test_outside_ram);
    g_test_add_func("/kernel-loader/pvh", test_pvh);
    g_test_add_func("/kernel-loader/linux64", test_linux64);
    g_test_add_func("/kernel-loader/linux32-old", test_linux32_and_old);
    g_test_add_func("/kernel-loader/unrecognised", test_unrecognised);
    g_test_add_func("/kernel-loader/e820", test_e820_table);
    return g_test_run();
}
