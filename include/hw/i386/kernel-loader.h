/*
 * Direct kernel boot without firmware: recognise a multiboot v1, PVH
 * or Linux bzImage kernel, lay it out in guest-physical memory and say
 * which CPU state the boot protocol wants at entry.
 *
 * This part is pure computation on buffers (no QOM, no memory API), so
 * it is unit tested on generated images; hw/i386/x86.c writes the
 * segments to guest RAM and programs the boot CPU.
 */
#ifndef HW_I386_KERNEL_LOADER_H
#define HW_I386_KERNEL_LOADER_H

#include "hw/i386/e820_memory_layout.h"

enum {
    X86_BOOT_PROTO_NONE = 0,
    X86_BOOT_PROTO_MULTIBOOT,
    X86_BOOT_PROTO_PVH,
    X86_BOOT_PROTO_LINUX,
};

/* Fixed low-memory addresses used by the loaders. */
#define X86_BOOT_GDT_ADDR        0x500
#define X86_BOOT_ZERO_PAGE_ADDR  0x7000
#define X86_BOOT_PGTABLE_ADDR    0x9000   /* PML4, PDPT, 4 PDs */
#define X86_BOOT_MB_INFO_ADDR    0x9000   /* multiboot has no page tables */
#define X86_BOOT_INFO_ADDR       0x10000  /* PVH start info, mb strings */
#define X86_BOOT_CMDLINE_ADDR    0x20000
#define X86_BOOT_CMDLINE_MAX     0x10000

/* Multiboot v1 */
#define MULTIBOOT_HEADER_MAGIC     0x1badb002
#define MULTIBOOT_BOOTLOADER_MAGIC 0x2badb002
#define MULTIBOOT_SEARCH           8192
#define MULTIBOOT_FLAG_MEM         0x001
#define MULTIBOOT_FLAG_BOOT_DEVICE 0x002
#define MULTIBOOT_FLAG_CMDLINE     0x004
#define MULTIBOOT_FLAG_MODS        0x008
#define MULTIBOOT_FLAG_MMAP        0x040
#define MULTIBOOT_FLAG_LOADER      0x200

/* PVH */
#define XEN_ELFNOTE_PHYS32_ENTRY   18
#define XEN_HVM_START_MAGIC_VALUE  0x336ec578

typedef struct X86BootSegment {
    uint64_t addr;
    uint8_t *data;      /* owned */
    uint64_t len;
} X86BootSegment;

typedef struct X86BootConfig {
    const char *kernel_filename;
    const char *cmdline;            /* -append, may be NULL */
    const char *initrd_filename;    /* -initrd, may be NULL */
    uint64_t below_4g;              /* RAM below 4 GiB */
    uint64_t above_4g;              /* RAM above 4 GiB */
    /*
     * The boot CPU has long mode: Linux kernels with XLF_KERNEL_64
     * (protocol 2.12+) get their 64-bit entry.
     */
    bool allow_long_mode;
    /*
     * Where the board put the ACPI RSDP (0: no tables): handed to PVH
     * kernels in start_info and to Linux (protocol 2.14+) in boot_params,
     * as firmware would, so that the kernel need not scan for it.
     */
    uint64_t rsdp_addr;
} X86BootConfig;

typedef struct X86BootInfo {
    int protocol;
    GArray *segments;               /* X86BootSegment */
    GArray *e820;                   /* struct e820_entry given to the guest */

    /*
     * CPU state at entry: flat 32-bit protected mode, or with @long_mode
     * 64-bit mode on the identity page tables at @cr3 (Linux startup_64).
     */
    bool long_mode;
    uint64_t entry;
    uint32_t eax, ebx, esi;
    uint64_t gdt_base;              /* boot GDT in guest RAM */
    uint16_t gdt_limit;
    uint16_t cs, ds;                /* selectors in that GDT (0x10, 0x18) */
    uint64_t cr3;                   /* long_mode only */
} X86BootInfo;

/* The e820 map a PC without firmware reports to a directly booted kernel. */
void x86_boot_pc_e820(uint64_t below_4g, uint64_t above_4g, GArray *out);

/*
 * Recognise @kernel and fill @info.  Errors name the file:
 * "could not open kernel file 'F': ..." or "... is not a multiboot, PVH or
 * Linux kernel image".
 */
bool x86_boot_prepare(const X86BootConfig *cfg, const uint8_t *kernel,
                      size_t kernel_len, X86BootInfo *info, Error **errp);
/* Load the file and call x86_boot_prepare(). */
bool x86_boot_prepare_file(const X86BootConfig *cfg, X86BootInfo *info,
                           Error **errp);
void x86_boot_info_free(X86BootInfo *info);

/* Find a segment covering @addr (tests) */
const X86BootSegment *x86_boot_find_segment(const X86BootInfo *info,
                                            uint64_t addr);

#endif
