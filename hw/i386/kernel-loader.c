/*
 * Direct kernel boot: multiboot v1, PVH and Linux bzImage layouts.
 *
 * Everything here works on buffers and produces a list of segments
 * plus the entry CPU state; nothing touches guest memory directly, so
 * a malformed image can at worst be rejected with an error.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/i386/kernel-loader.h"
#include <elf.h>

#define PAGE_SIZE_4K 4096

/* Little-endian accessors on possibly unaligned host buffers. */
static uint16_t get_le16(const uint8_t *p)
{
    return p[0] | (p[1] << 8);
}

static uint32_t get_le32(const uint8_t *p)
{
    return get_le16(p) | ((uint32_t)get_le16(p + 2) << 16);
}

static uint64_t get_le64(const uint8_t *p)
{
    return get_le32(p) | ((uint64_t)get_le32(p + 4) << 32);
}

static void put_le16(uint8_t *p, uint16_t v)
{
    p[0] = v;
    p[1] = v >> 8;
}

static void put_le32(uint8_t *p, uint32_t v)
{
    put_le16(p, v);
    put_le16(p + 2, v >> 16);
}

static void put_le64(uint8_t *p, uint64_t v)
{
    put_le32(p, v);
    put_le32(p + 4, v >> 32);
}

void x86_boot_pc_e820(uint64_t below_4g, uint64_t above_4g, GArray *out)
{
    struct e820_entry e;

#define ADD(a, l, t) do {                        \
        e.address = GUINT64_TO_LE(a);            \
        e.length = GUINT64_TO_LE(l);             \
        e.type = GUINT32_TO_LE(t);               \
        g_array_append_val(out, e);              \
    } while (0)

    ADD(0, 0x9fc00, E820_RAM);
    /* EBDA, VGA window, option ROMs and the BIOS area stay reserved. */
    ADD(0x9fc00, 0x100000 - 0x9fc00, E820_RESERVED);
    if (below_4g > 0x100000) {
        ADD(0x100000, below_4g - 0x100000, E820_RAM);
    }
    /* BIOS flash alias at the top of 4 GiB. */
    ADD(0xfffc0000, 0x40000, E820_RESERVED);
    if (above_4g) {
        ADD(4 * GiB, above_4g, E820_RAM);
    }
#undef ADD
}

static void info_init(X86BootInfo *info, const X86BootConfig *cfg)
{
    memset(info, 0, sizeof(*info));
    info->segments = g_array_new(false, true, sizeof(X86BootSegment));
    info->e820 = g_array_new(false, true, sizeof(struct e820_entry));
    x86_boot_pc_e820(cfg->below_4g, cfg->above_4g, info->e820);
}

void x86_boot_info_free(X86BootInfo *info)
{
    int i;

    if (info->segments) {
        for (i = 0; i < info->segments->len; i++) {
            g_free(g_array_index(info->segments, X86BootSegment, i).data);
        }
        g_array_free(info->segments, true);
        info->segments = NULL;
    }
    if (info->e820) {
        g_array_free(info->e820, true);
        info->e820 = NULL;
    }
}

const X86BootSegment *x86_boot_find_segment(const X86BootInfo *info,
                                            uint64_t addr)
{
    int i;

    for (i = 0; i < info->segments->len; i++) {
        X86BootSegment *s = &g_array_index(info->segments, X86BootSegment, i);
        if (addr >= s->addr && addr - s->addr < s->len) {
            return s;
        }
    }
    return NULL;
}

/*
 * Queue @len bytes (a copy of @data, zero-padded up to @memsz) at @addr.
 * Segments must lie in RAM below 4 GiB (and not in the 640K-1M hole).
 */
static bool add_segment(X86BootInfo *info, const X86BootConfig *cfg,
                        uint64_t addr, const void *data, uint64_t len,
                        uint64_t memsz, Error **errp)
{
    X86BootSegment s;

    if (memsz < len) {
        memsz = len;
    }
    if (memsz == 0) {
        return true;
    }
    if (addr + memsz < addr || addr + memsz > cfg->below_4g ||
        (addr < 0x100000 && addr + memsz > 0xa0000)) {
        error_setg(errp, "kernel '%s': segment 0x%" PRIx64 "-0x%" PRIx64
                   " is outside guest RAM", cfg->kernel_filename,
                   addr, addr + memsz - 1);
        return false;
    }
    s.addr = addr;
    s.len = memsz;
    s.data = g_malloc0(memsz);
    if (data && len) {
        memcpy(s.data, data, len);
    }
    g_array_append_val(info->segments, s);
    return true;
}

static uint8_t *segment_ptr(X86BootInfo *info, uint64_t addr)
{
    const X86BootSegment *s = x86_boot_find_segment(info, addr);

    return s ? s->data + (addr - s->addr) : NULL;
}

/* Highest end address of the loaded segments. */
static uint64_t segments_end(X86BootInfo *info)
{
    uint64_t end = 0;
    int i;

    for (i = 0; i < info->segments->len; i++) {
        X86BootSegment *s = &g_array_index(info->segments, X86BootSegment, i);
        end = MAX(end, s->addr + s->len);
    }
    return end;
}

/* ---- ELF ---------------------------------------------------------- */

typedef struct ElfImage {
    bool is64;
    uint64_t entry;
    uint16_t phnum;
    uint64_t phoff;
    uint16_t phentsize;
} ElfImage;

typedef struct ElfPhdr {
    uint32_t type;
    uint64_t offset, paddr, filesz, memsz;
} ElfPhdr;

static bool elf_parse(const uint8_t *k, size_t len, ElfImage *e)
{
    if (len < EI_NIDENT || memcmp(k, ELFMAG, SELFMAG) != 0 ||
        k[EI_DATA] != ELFDATA2LSB) {
        return false;
    }
    if (k[EI_CLASS] == ELFCLASS32 && len >= sizeof(Elf32_Ehdr)) {
        e->is64 = false;
        e->entry = get_le32(k + offsetof(Elf32_Ehdr, e_entry));
        e->phoff = get_le32(k + offsetof(Elf32_Ehdr, e_phoff));
        e->phentsize = get_le16(k + offsetof(Elf32_Ehdr, e_phentsize));
        e->phnum = get_le16(k + offsetof(Elf32_Ehdr, e_phnum));
        if (e->phentsize < sizeof(Elf32_Phdr)) {
            return false;
        }
    } else if (k[EI_CLASS] == ELFCLASS64 && len >= sizeof(Elf64_Ehdr)) {
        e->is64 = true;
        e->entry = get_le64(k + offsetof(Elf64_Ehdr, e_entry));
        e->phoff = get_le64(k + offsetof(Elf64_Ehdr, e_phoff));
        e->phentsize = get_le16(k + offsetof(Elf64_Ehdr, e_phentsize));
        e->phnum = get_le16(k + offsetof(Elf64_Ehdr, e_phnum));
        if (e->phentsize < sizeof(Elf64_Phdr)) {
            return false;
        }
    } else {
        return false;
    }
    if (e->phoff > len || (uint64_t)e->phnum * e->phentsize > len - e->phoff) {
        return false;
    }
    return true;
}

static void elf_phdr(const uint8_t *k, const ElfImage *e, int i, ElfPhdr *ph)
{
    const uint8_t *p = k + e->phoff + (uint64_t)i * e->phentsize;

    if (e->is64) {
        ph->type = get_le32(p + offsetof(Elf64_Phdr, p_type));
        ph->offset = get_le64(p + offsetof(Elf64_Phdr, p_offset));
        ph->paddr = get_le64(p + offsetof(Elf64_Phdr, p_paddr));
        ph->filesz = get_le64(p + offsetof(Elf64_Phdr, p_filesz));
        ph->memsz = get_le64(p + offsetof(Elf64_Phdr, p_memsz));
    } else {
        ph->type = get_le32(p + offsetof(Elf32_Phdr, p_type));
        ph->offset = get_le32(p + offsetof(Elf32_Phdr, p_offset));
        ph->paddr = get_le32(p + offsetof(Elf32_Phdr, p_paddr));
        ph->filesz = get_le32(p + offsetof(Elf32_Phdr, p_filesz));
        ph->memsz = get_le32(p + offsetof(Elf32_Phdr, p_memsz));
    }
}

/* Queue every PT_LOAD segment at its physical address. */
static bool elf_load(const X86BootConfig *cfg, const uint8_t *k, size_t len,
                     const ElfImage *e, X86BootInfo *info, Error **errp)
{
    int i, loaded = 0;

    for (i = 0; i < e->phnum; i++) {
        ElfPhdr ph;

        elf_phdr(k, e, i, &ph);
        if (ph.type != PT_LOAD || ph.memsz == 0) {
            continue;
        }
        if (ph.offset > len || ph.filesz > len - ph.offset ||
            ph.filesz > ph.memsz) {
            error_setg(errp, "kernel '%s': ELF segment %d is truncated",
                       cfg->kernel_filename, i);
            return false;
        }
        if (!add_segment(info, cfg, ph.paddr, k + ph.offset, ph.filesz,
                         ph.memsz, errp)) {
            return false;
        }
        loaded++;
    }
    if (!loaded) {
        error_setg(errp, "kernel '%s': ELF image has no loadable segments",
                   cfg->kernel_filename);
        return false;
    }
    return true;
}

/* Find the Xen PHYS32_ENTRY note; returns false when absent. */
static bool elf_find_pvh_entry(const uint8_t *k, size_t len,
                               const ElfImage *e, uint64_t *entry)
{
    int i;

    for (i = 0; i < e->phnum; i++) {
        ElfPhdr ph;
        uint64_t off, end;

        elf_phdr(k, e, i, &ph);
        if (ph.type != PT_NOTE || ph.offset > len ||
            ph.filesz > len - ph.offset) {
            continue;
        }
        off = ph.offset;
        end = ph.offset + ph.filesz;
        while (end - off >= 12) {
            uint32_t namesz = get_le32(k + off);
            uint32_t descsz = get_le32(k + off + 4);
            uint32_t type = get_le32(k + off + 8);
            uint64_t name = off + 12;
            uint64_t desc = name + QEMU_ALIGN_UP((uint64_t)namesz, 4);
            uint64_t next = desc + QEMU_ALIGN_UP((uint64_t)descsz, 4);

            if (desc > end || next > end) {
                break;
            }
            if (type == XEN_ELFNOTE_PHYS32_ENTRY && namesz == 4 &&
                memcmp(k + name, "Xen", 4) == 0) {
                if (descsz == 4) {
                    *entry = get_le32(k + desc);
                    return true;
                } else if (descsz == 8) {
                    *entry = get_le64(k + desc);
                    return true;
                }
            }
            off = next;
        }
    }
    return false;
}

/* ---- Common 32-bit flat entry ------------------------------------- */

/*
 * The boot GDT: flat code at 0x10 and flat data at 0x18 (Linux's
 * __BOOT_CS/__BOOT_DS, also used for multiboot and PVH).  For a 64-bit
 * entry 0x10 is the 64-bit code segment (L=1) and 0x08 a 32-bit one,
 * otherwise the other way round, so the CPU's descriptor caches always
 * match what a guest reloading CS/DS from this GDT gets.  It lives at
 * 0x500, below everything a kernel unpacks or allocates before it
 * loads its own GDT.
 */
static bool add_boot_gdt(const X86BootConfig *cfg, X86BootInfo *info,
                         bool long_mode, Error **errp)
{
    const uint64_t code64 = 0x00af9b000000ffffULL;
    const uint64_t code32 = 0x00cf9b000000ffffULL;
    uint8_t gdt[32];

    put_le64(gdt + 0x00, 0);
    put_le64(gdt + 0x08, long_mode ? code32 : code64);
    put_le64(gdt + 0x10, long_mode ? code64 : code32);
    put_le64(gdt + 0x18, 0x00cf93000000ffffULL);    /* data */
    if (!add_segment(info, cfg, X86_BOOT_GDT_ADDR, gdt, sizeof(gdt), 0,
                     errp)) {
        return false;
    }
    info->gdt_base = X86_BOOT_GDT_ADDR;
    info->gdt_limit = sizeof(gdt) - 1;
    info->cs = 0x10;
    info->ds = 0x18;
    return true;
}

/* ---- Modules (-initrd) -------------------------------------------- */

typedef struct BootModule {
    char *cmdline;      /* "file args" as given */
    char *path;
    gchar *data;
    gsize size;
} BootModule;

static void modules_free(GArray *mods)
{
    int i;

    for (i = 0; i < mods->len; i++) {
        BootModule *m = &g_array_index(mods, BootModule, i);
        g_free(m->cmdline);
        g_free(m->path);
        g_free(m->data);
    }
    g_array_free(mods, true);
}

/*
 * Multiboot modules: "-initrd 'file1 arg,file2'" separates modules with
 * ',' (",," is a literal comma); each module's string is its whole text.
 */
static GArray *modules_load(const char *spec, bool split, Error **errp)
{
    GArray *mods = g_array_new(false, true, sizeof(BootModule));
    GString *cur = g_string_new(NULL);
    const char *p = spec;

    while (p) {
        if (split && *p == ',' && p[1] == ',') {
            g_string_append_c(cur, ',');
            p += 2;
            continue;
        }
        if (*p && !(split && *p == ',')) {
            g_string_append_c(cur, *p++);
            continue;
        }
        /* end of one module */
        {
            BootModule m = { 0 };
            GError *gerr = NULL;
            const char *sp;

            m.cmdline = g_strdup(cur->str);
            sp = strchr(m.cmdline, ' ');
            m.path = sp ? g_strndup(m.cmdline, sp - m.cmdline)
                        : g_strdup(m.cmdline);
            g_string_truncate(cur, 0);
            if (!*m.path) {
                g_free(m.cmdline);
                g_free(m.path);
                error_setg(errp, "empty module name in -initrd '%s'", spec);
                goto fail;
            }
            if (!g_file_get_contents(m.path, &m.data, &m.size, &gerr)) {
                error_setg(errp, "could not load initrd '%s': %s",
                           m.path, gerr->message);
                g_error_free(gerr);
                g_free(m.cmdline);
                g_free(m.path);
                goto fail;
            }
            g_array_append_val(mods, m);
        }
        p = *p ? p + 1 : NULL;
    }
    g_string_free(cur, true);
    return mods;

fail:
    g_string_free(cur, true);
    modules_free(mods);
    return NULL;
}

/* ---- Multiboot v1 ------------------------------------------------- */

/* Offset of a valid multiboot header in the first 8 KiB, or -1. */
static int multiboot_find_header(const uint8_t *k, size_t len)
{
    size_t i, lim = MIN(len, (size_t)MULTIBOOT_SEARCH);

    for (i = 0; i + 12 <= lim; i += 4) {
        uint32_t magic = get_le32(k + i);
        uint32_t flags = get_le32(k + i + 4);
        uint32_t csum = get_le32(k + i + 8);

        if (magic == MULTIBOOT_HEADER_MAGIC &&
            (uint32_t)(magic + flags + csum) == 0) {
            return i;
        }
    }
    return -1;
}

static bool multiboot_prepare(const X86BootConfig *cfg, const uint8_t *k,
                              size_t len, int hdr, X86BootInfo *info,
                              Error **errp)
{
    const char *kf = cfg->kernel_filename;
    uint32_t flags = get_le32(k + hdr + 4);
    uint64_t entry, kernel_end, addr;
    GArray *mods = NULL;
    g_autofree char *cmdline = NULL;
    uint8_t *mbi;
    uint64_t strs_addr, mmap_addr, mods_addr;
    int i, nr_e820;
    const uint32_t mbi_size = 88;

    if (flags & 0x4) {
        error_setg(errp, "kernel '%s': multiboot knows VBE. we don't.", kf);
        return false;
    }
    if (flags & 0x10000) {
        /* a.out kludge: load addresses come from the header. */
        uint32_t header_addr, load_addr, load_end, bss_end;
        uint64_t text_off, load_size;

        if (hdr + 32 > len) {
            error_setg(errp, "kernel '%s': truncated multiboot header", kf);
            return false;
        }
        header_addr = get_le32(k + hdr + 12);
        load_addr = get_le32(k + hdr + 16);
        load_end = get_le32(k + hdr + 20);
        bss_end = get_le32(k + hdr + 24);
        entry = get_le32(k + hdr + 28);
        if (header_addr < load_addr || header_addr - load_addr > hdr) {
            error_setg(errp, "kernel '%s': invalid multiboot load address",
                       kf);
            return false;
        }
        text_off = hdr - (header_addr - load_addr);
        if (load_end) {
            if (load_end < load_addr) {
                error_setg(errp, "kernel '%s': invalid multiboot "
                           "load_end_addr", kf);
                return false;
            }
            load_size = load_end - load_addr;
        } else {
            load_size = len - text_off;
        }
        if (load_size > len - text_off) {
            error_setg(errp, "kernel '%s': image is smaller than its "
                       "multiboot header says", kf);
            return false;
        }
        if (bss_end && bss_end < load_addr + load_size) {
            error_setg(errp, "kernel '%s': invalid multiboot bss_end_addr",
                       kf);
            return false;
        }
        if (!add_segment(info, cfg, load_addr, k + text_off, load_size,
                         bss_end ? bss_end - load_addr : load_size, errp)) {
            return false;
        }
    } else {
        ElfImage e;

        if (!elf_parse(k, len, &e)) {
            error_setg(errp, "kernel '%s': multiboot image is neither ELF "
                       "nor uses the a.out kludge", kf);
            return false;
        }
        if (e.is64) {
            error_setg(errp, "Cannot load x86-64 image, give a 32bit one.");
            return false;
        }
        if (!elf_load(cfg, k, len, &e, info, errp)) {
            return false;
        }
        entry = e.entry;
    }
    kernel_end = segments_end(info);

    /* The command line is the kernel path followed by -append. */
    cmdline = g_strdup_printf("%s %s", kf, cfg->cmdline ? cfg->cmdline : "");

    if (cfg->initrd_filename) {
        mods = modules_load(cfg->initrd_filename, true, errp);
        if (!mods) {
            return false;
        }
    }

    /* Modules go page aligned after the kernel. */
    addr = QEMU_ALIGN_UP(kernel_end, PAGE_SIZE_4K);
    mods_addr = X86_BOOT_MB_INFO_ADDR + 0x100;
    for (i = 0; mods && i < mods->len; i++) {
        BootModule *m = &g_array_index(mods, BootModule, i);
        if (!add_segment(info, cfg, addr, m->data, m->size, 0, errp)) {
            modules_free(mods);
            return false;
        }
        addr = QEMU_ALIGN_UP(addr + m->size, PAGE_SIZE_4K);
    }

    /*
     * Low memory: the info structure and module list at 0x9000, the
     * memory map after them, strings (loader name, command lines) at
     * 0x10000.
     */
    nr_e820 = info->e820->len;
    mmap_addr = mods_addr + 16 * (mods ? mods->len : 0);
    if (mmap_addr + 24 * nr_e820 > X86_BOOT_INFO_ADDR) {
        error_setg(errp, "too many multiboot modules");
        if (mods) {
            modules_free(mods);
        }
        return false;
    }
    {
        uint64_t area = X86_BOOT_INFO_ADDR - X86_BOOT_MB_INFO_ADDR;
        if (!add_segment(info, cfg, X86_BOOT_MB_INFO_ADDR, NULL, 0, area,
                         errp)) {
            if (mods) {
                modules_free(mods);
            }
            return false;
        }
    }
    {
        GString *s = g_string_new(NULL);
        uint64_t loader_off, cmd_off;
        GArray *mod_off = g_array_new(false, false, sizeof(uint64_t));

        loader_off = s->len;
        g_string_append_len(s, "qemu", 5);
        cmd_off = s->len;
        g_string_append_len(s, cmdline, strlen(cmdline) + 1);
        for (i = 0; mods && i < mods->len; i++) {
            uint64_t o = s->len;
            BootModule *m = &g_array_index(mods, BootModule, i);
            g_array_append_val(mod_off, o);
            g_string_append_len(s, m->cmdline, strlen(m->cmdline) + 1);
        }
        strs_addr = X86_BOOT_INFO_ADDR;
        if (s->len > 0x90000 - X86_BOOT_INFO_ADDR ||
            !add_segment(info, cfg, strs_addr, s->str, s->len, 0, errp)) {
            if (s->len > 0x90000 - X86_BOOT_INFO_ADDR) {
                error_setg(errp, "multiboot command lines are too long");
            }
            g_string_free(s, true);
            g_array_free(mod_off, true);
            if (mods) {
                modules_free(mods);
            }
            return false;
        }
        g_string_free(s, true);

        mbi = segment_ptr(info, X86_BOOT_MB_INFO_ADDR);
        put_le32(mbi + 0, MULTIBOOT_FLAG_MEM | MULTIBOOT_FLAG_BOOT_DEVICE |
                 MULTIBOOT_FLAG_CMDLINE | MULTIBOOT_FLAG_MODS |
                 MULTIBOOT_FLAG_MMAP | MULTIBOOT_FLAG_LOADER);
        put_le32(mbi + 4, 640);
        put_le32(mbi + 8, (cfg->below_4g - 0x100000) / 1024);
        put_le32(mbi + 12, 0x8000ffff);
        put_le32(mbi + 16, strs_addr + cmd_off);
        put_le32(mbi + 20, mods ? mods->len : 0);
        put_le32(mbi + 24, mods_addr);
        put_le32(mbi + 44, 24 * nr_e820);
        put_le32(mbi + 48, mmap_addr);
        put_le32(mbi + 64, strs_addr + loader_off);
        assert(mods_addr >= X86_BOOT_MB_INFO_ADDR + mbi_size);

        addr = QEMU_ALIGN_UP(kernel_end, PAGE_SIZE_4K);
        for (i = 0; mods && i < mods->len; i++) {
            BootModule *m = &g_array_index(mods, BootModule, i);
            uint8_t *me = mbi + (mods_addr - X86_BOOT_MB_INFO_ADDR) + 16 * i;
            put_le32(me + 0, addr);
            put_le32(me + 4, addr + m->size);
            put_le32(me + 8, strs_addr + g_array_index(mod_off, uint64_t, i));
            put_le32(me + 12, 0);
            addr = QEMU_ALIGN_UP(addr + m->size, PAGE_SIZE_4K);
        }
        g_array_free(mod_off, true);

        for (i = 0; i < nr_e820; i++) {
            struct e820_entry *e = &g_array_index(info->e820,
                                                  struct e820_entry, i);
            uint8_t *me = mbi + (mmap_addr - X86_BOOT_MB_INFO_ADDR) + 24 * i;
            put_le32(me + 0, 20);
            put_le64(me + 4, GUINT64_FROM_LE(e->address));
            put_le64(me + 12, GUINT64_FROM_LE(e->length));
            put_le32(me + 20, GUINT32_FROM_LE(e->type));
        }
    }
    if (mods) {
        modules_free(mods);
    }

    if (!add_boot_gdt(cfg, info, false, errp)) {
        return false;
    }
    info->protocol = X86_BOOT_PROTO_MULTIBOOT;
    info->entry = entry;
    info->eax = MULTIBOOT_BOOTLOADER_MAGIC;
    info->ebx = X86_BOOT_MB_INFO_ADDR;
    return true;
}

/* ---- PVH ---------------------------------------------------------- */

static bool pvh_prepare(const X86BootConfig *cfg, const uint8_t *k,
                        size_t len, const ElfImage *e, uint64_t entry,
                        X86BootInfo *info, Error **errp)
{
    GArray *mods = NULL;
    uint64_t addr, cmd_addr = 0, modlist_addr, memmap_addr;
    uint8_t *si;
    int i, nr_e820 = info->e820->len;
    const char *cmdline = cfg->cmdline ? cfg->cmdline : "";

    if (!elf_load(cfg, k, len, e, info, errp)) {
        return false;
    }
    if (cfg->initrd_filename) {
        mods = modules_load(cfg->initrd_filename, false, errp);
        if (!mods) {
            return false;
        }
    }

    /* start_info, module list, memory map at 0x10000; cmdline at 0x20000 */
    modlist_addr = X86_BOOT_INFO_ADDR + 64;
    memmap_addr = modlist_addr + 32 * (mods ? mods->len : 0);
    if (!add_segment(info, cfg, X86_BOOT_INFO_ADDR, NULL, 0,
                     memmap_addr + 24 * nr_e820 - X86_BOOT_INFO_ADDR, errp)) {
        goto fail;
    }
    if (strlen(cmdline) >= X86_BOOT_CMDLINE_MAX) {
        error_setg(errp, "kernel command line is too long");
        goto fail;
    }
    cmd_addr = X86_BOOT_CMDLINE_ADDR;
    if (!add_segment(info, cfg, cmd_addr, cmdline, strlen(cmdline) + 1, 0,
                     errp)) {
        goto fail;
    }

    si = segment_ptr(info, X86_BOOT_INFO_ADDR);
    addr = QEMU_ALIGN_UP(segments_end(info), PAGE_SIZE_4K);
    for (i = 0; mods && i < mods->len; i++) {
        BootModule *m = &g_array_index(mods, BootModule, i);
        uint8_t *me = si + (modlist_addr - X86_BOOT_INFO_ADDR) + 32 * i;

        /* The initrd goes high, below the top of low RAM. */
        addr = QEMU_ALIGN_DOWN(cfg->below_4g - m->size, PAGE_SIZE_4K);
        if (m->size > cfg->below_4g ||
            addr < QEMU_ALIGN_UP(segments_end(info), PAGE_SIZE_4K)) {
            error_setg(errp, "initrd '%s' is too large for guest RAM",
                       m->path);
            goto fail;
        }
        if (!add_segment(info, cfg, addr, m->data, m->size, 0, errp)) {
            goto fail;
        }
        si = segment_ptr(info, X86_BOOT_INFO_ADDR);
        me = si + (modlist_addr - X86_BOOT_INFO_ADDR) + 32 * i;
        put_le64(me + 0, addr);
        put_le64(me + 8, m->size);
        put_le64(me + 16, 0);
        put_le64(me + 24, 0);
    }
    si = segment_ptr(info, X86_BOOT_INFO_ADDR);
    put_le32(si + 0, XEN_HVM_START_MAGIC_VALUE);
    put_le32(si + 4, 1);
    put_le32(si + 8, 0);
    put_le32(si + 12, mods ? mods->len : 0);
    put_le64(si + 16, mods && mods->len ? modlist_addr : 0);
    put_le64(si + 24, cmd_addr);
    put_le64(si + 32, cfg->rsdp_addr);
    put_le64(si + 40, memmap_addr);
    put_le32(si + 48, nr_e820);
    put_le32(si + 52, 0);
    for (i = 0; i < nr_e820; i++) {
        struct e820_entry *e8 = &g_array_index(info->e820,
                                               struct e820_entry, i);
        uint8_t *me = si + (memmap_addr - X86_BOOT_INFO_ADDR) + 24 * i;
        put_le64(me + 0, GUINT64_FROM_LE(e8->address));
        put_le64(me + 8, GUINT64_FROM_LE(e8->length));
        put_le32(me + 16, GUINT32_FROM_LE(e8->type));
        put_le32(me + 20, 0);
    }
    if (mods) {
        modules_free(mods);
    }
    if (!add_boot_gdt(cfg, info, false, errp)) {
        return false;
    }
    info->protocol = X86_BOOT_PROTO_PVH;
    info->entry = entry;
    info->ebx = X86_BOOT_INFO_ADDR;
    return true;

fail:
    if (mods) {
        modules_free(mods);
    }
    return false;
}

/* ---- Linux boot protocol 2.x -------------------------------------- */

#define LINUX_HDR_MAGIC        0x53726448   /* "HdrS" */
#define LINUX_SETUP_SECTS      0x1f1
#define LINUX_VID_MODE         0x1fa
#define LINUX_HDR_JUMP         0x200
#define LINUX_HDR_VERSION      0x206
#define LINUX_TYPE_OF_LOADER   0x210
#define LINUX_LOADFLAGS        0x211
#define LINUX_CODE32_START     0x214
#define LINUX_RAMDISK_IMAGE    0x218
#define LINUX_RAMDISK_SIZE     0x21c
#define LINUX_HEAP_END_PTR     0x224
#define LINUX_CMD_LINE_PTR     0x228
#define LINUX_INITRD_ADDR_MAX  0x22c
#define LINUX_XLOADFLAGS       0x236
#define LINUX_CMDLINE_SIZE     0x238
#define LINUX_E820_ENTRIES     0x1e8
#define LINUX_E820_TABLE       0x2d0
#define LINUX_E820_MAX         128
#define LINUX_EXT_RAMDISK_IMAGE 0x0c0
#define LINUX_EXT_RAMDISK_SIZE  0x0c4
#define LINUX_EXT_CMD_LINE_PTR  0x0c8
#define LINUX_ACPI_RSDP_ADDR   0x070
#define LINUX_LOADED_HIGH      0x01
#define LINUX_CAN_USE_HEAP     0x80
#define LINUX_KEEP_SEGMENTS    0x40
#define LINUX_XLF_KERNEL_64    0x01

static bool is_linux_image(const uint8_t *k, size_t len)
{
    return len >= 0x260 && get_le32(k + 0x202) == LINUX_HDR_MAGIC;
}

/*
 * Identity map the low 4 GiB with 2 MiB pages: that covers everything
 * add_segment() accepts (kernel, boot_params, cmdline, GDT, initrd) and
 * wherever a relocatable kernel moves itself below 4 GiB.
 */
static bool add_identity_page_tables(const X86BootConfig *cfg,
                                     X86BootInfo *info, Error **errp)
{
    uint64_t base = X86_BOOT_PGTABLE_ADDR;
    uint8_t *pt = g_malloc0(6 * PAGE_SIZE_4K);
    bool ok;
    int i;

    /* PML4[0] -> PDPT, PDPT[0..3] -> PD0..3 */
    put_le64(pt, (base + PAGE_SIZE_4K) | 0x3);
    for (i = 0; i < 4; i++) {
        put_le64(pt + PAGE_SIZE_4K + 8 * i,
                 (base + (2 + i) * PAGE_SIZE_4K) | 0x3);
    }
    for (i = 0; i < 4 * 512; i++) {
        put_le64(pt + 2 * PAGE_SIZE_4K + 8 * i,
                 ((uint64_t)i << 21) | 0x83);   /* present, rw, 2M */
    }
    ok = add_segment(info, cfg, base, pt, 6 * PAGE_SIZE_4K, 0, errp);
    g_free(pt);
    info->cr3 = base;
    return ok;
}

static bool linux_prepare(const X86BootConfig *cfg, const uint8_t *k,
                          size_t len, X86BootInfo *info, Error **errp)
{
    const char *kf = cfg->kernel_filename;
    uint16_t protocol = get_le16(k + LINUX_HDR_VERSION);
    uint8_t loadflags = k[LINUX_LOADFLAGS];
    uint32_t setup_size, cmdline_size, initrd_max, load_addr;
    uint8_t bp[PAGE_SIZE_4K];
    size_t hdr_end;
    const char *cmdline = cfg->cmdline ? cfg->cmdline : "";
    int i, nr_e820;
    bool kernel64;

    if (protocol < 0x202) {
        error_setg(errp, "kernel '%s': Linux boot protocol %d.%02d is too "
                   "old (2.02 or later needed)", kf, protocol >> 8,
                   protocol & 0xff);
        return false;
    }
    if (!(loadflags & LINUX_LOADED_HIGH)) {
        error_setg(errp, "kernel '%s': zImage kernels (not loaded high) "
                   "are not supported", kf);
        return false;
    }
    setup_size = k[LINUX_SETUP_SECTS] ? k[LINUX_SETUP_SECTS] : 4;
    setup_size = (setup_size + 1) * 512;
    if (setup_size >= len) {
        error_setg(errp, "kernel '%s': Linux image is truncated", kf);
        return false;
    }
    initrd_max = protocol >= 0x203 ? get_le32(k + LINUX_INITRD_ADDR_MAX)
                                   : 0x37ffffff;
    cmdline_size = protocol >= 0x206 ? get_le32(k + LINUX_CMDLINE_SIZE) : 255;
    if (strlen(cmdline) > cmdline_size ||
        strlen(cmdline) >= X86_BOOT_CMDLINE_MAX) {
        error_setg(errp, "kernel command line is too long (%u bytes max)",
                   MIN(cmdline_size, X86_BOOT_CMDLINE_MAX - 1));
        return false;
    }
    kernel64 = cfg->allow_long_mode && protocol >= 0x20c &&
               (get_le16(k + LINUX_XLOADFLAGS) & LINUX_XLF_KERNEL_64);

    /* Zero page: the setup header copied in place, then our fields. */
    memset(bp, 0, sizeof(bp));
    hdr_end = 0x202 + k[0x201];
    if (hdr_end > sizeof(bp) || hdr_end > len || hdr_end < 0x264) {
        hdr_end = MIN((size_t)0x280, len);
    }
    memcpy(bp + LINUX_SETUP_SECTS, k + LINUX_SETUP_SECTS,
           hdr_end - LINUX_SETUP_SECTS);
    put_le16(bp + LINUX_VID_MODE, 0xffff);
    bp[LINUX_TYPE_OF_LOADER] = 0xff;
    /*
     * No KEEP_SEGMENTS: the boot CPU has a GDT with __BOOT_CS/__BOOT_DS
     * loaded, so the kernel may reload its segment registers.
     */
    bp[LINUX_LOADFLAGS] = (loadflags | LINUX_CAN_USE_HEAP) &
                          ~LINUX_KEEP_SEGMENTS;
    put_le16(bp + LINUX_HEAP_END_PTR, 0xfe00);
    put_le32(bp + LINUX_CMD_LINE_PTR, X86_BOOT_CMDLINE_ADDR);
    put_le32(bp + LINUX_EXT_CMD_LINE_PTR, 0);

    /* Protected-mode kernel at 1 MiB. */
    load_addr = 0x100000;
    put_le32(bp + LINUX_CODE32_START, load_addr);
    if (!add_segment(info, cfg, load_addr, k + setup_size, len - setup_size,
                     0, errp)) {
        return false;
    }

    if (cfg->initrd_filename) {
        gchar *data;
        gsize size;
        GError *gerr = NULL;
        uint64_t top, addr;

        if (!g_file_get_contents(cfg->initrd_filename, &data, &size, &gerr)) {
            error_setg(errp, "could not load initrd '%s': %s",
                       cfg->initrd_filename, gerr->message);
            g_error_free(gerr);
            return false;
        }
        top = MIN((uint64_t)initrd_max + 1, cfg->below_4g);
        addr = QEMU_ALIGN_DOWN(top - MIN(size, top), PAGE_SIZE_4K);
        if (size > top || addr < QEMU_ALIGN_UP(segments_end(info),
                                               PAGE_SIZE_4K)) {
            error_setg(errp, "initrd is too large (max: %" PRIu64
                       ", need %" G_GSIZE_FORMAT ")",
                       top - QEMU_ALIGN_UP(segments_end(info), PAGE_SIZE_4K),
                       size);
            g_free(data);
            return false;
        }
        if (!add_segment(info, cfg, addr, data, size, 0, errp)) {
            g_free(data);
            return false;
        }
        g_free(data);
        put_le32(bp + LINUX_RAMDISK_IMAGE, addr);
        put_le32(bp + LINUX_RAMDISK_SIZE, size);
    }

    if (protocol >= 0x20e) {
        put_le64(bp + LINUX_ACPI_RSDP_ADDR, cfg->rsdp_addr);
    }
    nr_e820 = MIN(info->e820->len, LINUX_E820_MAX);
    bp[LINUX_E820_ENTRIES] = nr_e820;
    for (i = 0; i < nr_e820; i++) {
        memcpy(bp + LINUX_E820_TABLE + 20 * i,
               &g_array_index(info->e820, struct e820_entry, i), 20);
    }

    if (!add_segment(info, cfg, X86_BOOT_ZERO_PAGE_ADDR, bp, sizeof(bp), 0,
                     errp) ||
        !add_segment(info, cfg, X86_BOOT_CMDLINE_ADDR, cmdline,
                     strlen(cmdline) + 1, 0, errp) ||
        !add_boot_gdt(cfg, info, kernel64, errp)) {
        return false;
    }
    info->protocol = X86_BOOT_PROTO_LINUX;
    info->esi = X86_BOOT_ZERO_PAGE_ADDR;
    if (kernel64) {
        /* startup_64 sits 0x200 bytes into the protected-mode kernel. */
        if (!add_identity_page_tables(cfg, info, errp)) {
            return false;
        }
        info->long_mode = true;
        info->entry = load_addr + 0x200;
    } else {
        info->entry = load_addr;
    }
    return true;
}

/* ---- Entry point -------------------------------------------------- */

bool x86_boot_prepare(const X86BootConfig *cfg, const uint8_t *kernel,
                      size_t kernel_len, X86BootInfo *info, Error **errp)
{
    ElfImage e;
    uint64_t pvh_entry;
    int mb;
    bool ok;

    info_init(info, cfg);
    /* Order as QEMU: Linux (loaded high), multiboot, then PVH. */
    if (is_linux_image(kernel, kernel_len) &&
        get_le16(kernel + LINUX_HDR_VERSION) >= 0x200 &&
        (kernel[LINUX_LOADFLAGS] & LINUX_LOADED_HIGH)) {
        ok = linux_prepare(cfg, kernel, kernel_len, info, errp);
    } else if ((mb = multiboot_find_header(kernel, kernel_len)) >= 0) {
        ok = multiboot_prepare(cfg, kernel, kernel_len, mb, info, errp);
    } else if (elf_parse(kernel, kernel_len, &e) &&
               elf_find_pvh_entry(kernel, kernel_len, &e, &pvh_entry)) {
        ok = pvh_prepare(cfg, kernel, kernel_len, &e, pvh_entry, info, errp);
    } else if (is_linux_image(kernel, kernel_len)) {
        ok = linux_prepare(cfg, kernel, kernel_len, info, errp);
    } else {
        error_setg(errp, "kernel '%s' is not a multiboot, PVH or Linux "
                   "kernel image", cfg->kernel_filename);
        ok = false;
    }
    if (!ok) {
        x86_boot_info_free(info);
    }
    return ok;
}

bool x86_boot_prepare_file(const X86BootConfig *cfg, X86BootInfo *info,
                           Error **errp)
{
    gchar *data;
    gsize len;
    GError *gerr = NULL;
    bool ok;

    memset(info, 0, sizeof(*info));
    if (!g_file_get_contents(cfg->kernel_filename, &data, &len, &gerr)) {
        int err = gerr->domain == G_FILE_ERROR ? gerr->code : -1;
        error_setg(errp, "could not open kernel file '%s': %s",
                   cfg->kernel_filename,
                   err == G_FILE_ERROR_NOENT ? "No such file or directory"
                                             : gerr->message);
        g_error_free(gerr);
        return false;
    }
    ok = x86_boot_prepare(cfg, (const uint8_t *)data, len, info, errp);
    g_free(data);
    return ok;
}
