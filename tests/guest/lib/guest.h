/*
 * Shared library for the freestanding test guests (see
 * docs/devel/test-guests.md).  Everything runs in 32-bit protected mode
 * with paging off, so physical addresses are pointers.
 */
#ifndef GUEST_H
#define GUEST_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---- port and MMIO access ---- */
static inline void outb(uint8_t v, uint16_t port)
{
    asm volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}
static inline void outw(uint16_t v, uint16_t port)
{
    asm volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}
static inline void outl(uint32_t v, uint16_t port)
{
    asm volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}
static inline uint8_t inb(uint16_t port)
{
    uint8_t v;
    asm volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}
static inline uint16_t inw(uint16_t port)
{
    uint16_t v;
    asm volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}
static inline uint32_t inl(uint16_t port)
{
    uint32_t v;
    asm volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}
static inline uint32_t mmio_read32(uintptr_t addr)
{
    return *(volatile uint32_t *)addr;
}
static inline void mmio_write32(uintptr_t addr, uint32_t v)
{
    *(volatile uint32_t *)addr = v;
}
static inline void cpu_relax(void)
{
    asm volatile("pause" ::: "memory");
}
static inline void irq_enable(void)
{
    asm volatile("sti" ::: "memory");
}
static inline void irq_disable(void)
{
    asm volatile("cli" ::: "memory");
}
static inline uint32_t bswap32(uint32_t v)
{
    return __builtin_bswap32(v);
}
static inline uint16_t bswap16(uint16_t v)
{
    return __builtin_bswap16(v);
}

/* ---- string helpers (lib/libc.c) ---- */
void *memset(void *s, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

/* ---- console on COM1, polled (lib/printf.c) ---- */
void serial_init(void);
void serial_putc(char c);
int vprintf(const char *fmt, va_list ap);
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* For fail(): the lock holder may be the code an exception interrupted. */
void console_break_lock(void);

/* ---- start-up, command line, exit (lib/start.c) ---- */
struct multiboot_info {
    uint32_t flags;
    uint32_t mem_lower;         /* KiB below 1 MiB, flags bit 0 */
    uint32_t mem_upper;         /* KiB from 1 MiB up to the first hole */
    uint32_t boot_device;
    uint32_t cmdline;           /* flags bit 2 */
    uint32_t mods_count;
    uint32_t mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length;       /* flags bit 6 */
    uint32_t mmap_addr;
};
#define MBI_FLAG_MEM     (1u << 0)
#define MBI_FLAG_CMDLINE (1u << 2)
#define MBI_FLAG_MMAP    (1u << 6)
#define MULTIBOOT_BOOTLOADER_MAGIC 0x2badb002

extern struct multiboot_info *boot_info;

/* Each guest defines main(); its return value is the exit() code. */
int main(void);

/*
 * Ends the run through isa-debug-exit at 0xf4: the emulator exits with
 * status (code << 1) | 1.  Halts forever if the device is absent.
 */
void exit(int code) __attribute__((noreturn));
/* Prints "FAIL: ..." and exits with code 1 (status 3). */
void fail(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
#define check(cond) \
    do { if (!(cond)) fail("%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); } while (0)

/*
 * The multiboot command line, as key=value words.  cmdline_get() returns
 * the value of KEY (or "" for a bare word), NULL when absent.
 */
const char *cmdline(void);
const char *cmdline_get(const char *key, char *buf, size_t size);
long cmdline_get_int(const char *key, long def);
bool cmdline_has(const char *key);

/* Busy wait of about N iterations of a pause loop. */
void spin(uint32_t n);

/* ---- CMOS / RTC (lib/hw.c) ---- */
uint8_t cmos_read(uint8_t reg);
void cmos_write(uint8_t reg, uint8_t val);

/* ---- PCI configuration mechanism #1 (lib/hw.c) ---- */
#define PCI_DEVFN(dev, fn) (((dev) << 3) | (fn))
uint32_t pci_config_readl(uint8_t bus, uint8_t devfn, uint8_t reg);
uint16_t pci_config_readw(uint8_t bus, uint8_t devfn, uint8_t reg);
uint8_t pci_config_readb(uint8_t bus, uint8_t devfn, uint8_t reg);
void pci_config_writel(uint8_t bus, uint8_t devfn, uint8_t reg, uint32_t v);
/*
 * The first function on bus 0 with VENDOR and one of the two device IDs
 * (e.g. a virtio device's transitional and modern IDs): its devfn, or -1.
 */
int pci_find_device(uint16_t vendor, uint16_t dev_a, uint16_t dev_b);
/*
 * A BAR's address as firmware left it (QEMU runs SeaBIOS first), or OURS
 * written there when unassigned (a 64-bit BAR's high half zeroed).
 */
uint32_t pci_bar_or_assign(uint8_t devfn, uint8_t reg, uint32_t mask,
                           uint32_t ours);
/* Calls FN for every function on BUS; returns how many were found. */
int pci_scan_bus(uint8_t bus, void (*fn)(uint8_t bus, uint8_t devfn,
                                         uint16_t vendor, uint16_t device,
                                         uint32_t class_rev, void *opaque),
                 void *opaque);

/* ---- fw_cfg (lib/hw.c) ---- */
#define FW_CFG_SIGNATURE  0x00
#define FW_CFG_ID         0x01
#define FW_CFG_RAM_SIZE   0x03
#define FW_CFG_NB_CPUS    0x05
#define FW_CFG_MAX_CPUS   0x0f
#define FW_CFG_FILE_DIR   0x19
#define FW_CFG_VERSION_DMA (1u << 1)

struct fw_cfg_file {            /* big-endian on the wire, host order here */
    uint32_t size;
    uint16_t select;
    char name[56];
};

void fw_cfg_select(uint16_t key);
void fw_cfg_read(void *buf, uint32_t len);          /* after select */
void fw_cfg_read_entry(uint16_t key, void *buf, uint32_t len);
uint16_t fw_cfg_read_u16(uint16_t key);             /* little-endian items */
uint32_t fw_cfg_read_u32(uint16_t key);
uint64_t fw_cfg_read_u64(uint16_t key);
bool fw_cfg_present(void);
uint32_t fw_cfg_file_count(void);
/* Reads directory entry I (0-based) into F. */
void fw_cfg_file_entry(uint32_t i, struct fw_cfg_file *f);
/* Reads up to MAX directory entries in one pass; returns the file count. */
uint32_t fw_cfg_read_dir(struct fw_cfg_file *files, uint32_t max);
bool fw_cfg_find_file(const char *name, struct fw_cfg_file *f);
/* DMA read of LEN bytes of KEY; returns false on a DMA error. */
bool fw_cfg_dma_read(uint16_t key, void *buf, uint32_t len);
/* CPU count from fw_cfg, or 0 if absent. */
int fw_cfg_nb_cpus(void);

/* ---- interrupts (lib/intr.c) ---- */
typedef void (*intr_handler)(uint8_t vector);
void idt_init(void);
void intr_set_handler(uint8_t vector, intr_handler h);
extern volatile uint32_t intr_use_iret;

void pic_init(uint8_t master_base, uint8_t slave_base);
void pic_set_mask(uint16_t mask);               /* bit set = masked */
void pic_eoi(uint8_t irq);

#define LAPIC_BASE       0xfee00000u
#define LAPIC_ID         0x020
#define LAPIC_VERSION    0x030
#define LAPIC_TPR        0x080
#define LAPIC_EOI        0x0b0
#define LAPIC_SVR        0x0f0
#define LAPIC_ICR_LO     0x300
#define LAPIC_ICR_HI     0x310
#define LAPIC_LVT_LINT0  0x350
#define LAPIC_LVT_LINT1  0x360
uint32_t lapic_read(uint32_t reg);
void lapic_write(uint32_t reg, uint32_t v);
void lapic_enable(void);
uint8_t lapic_id(void);
void lapic_eoi(void);
/* Sends an IPI; returns false if delivery stayed pending. */
bool lapic_send_ipi(uint8_t dest, uint32_t icr_lo);

#define IOAPIC_BASE      0xfec00000u
uint32_t ioapic_read(uint8_t reg);
void ioapic_write(uint8_t reg, uint32_t v);
void ioapic_route(uint8_t gsi, uint8_t vector, uint8_t dest_apic, bool masked);
int ioapic_pins(void);

/* PIT channel 0 as a rate generator with the given divisor. */
void pit_start_periodic(uint16_t divisor);
void pit_stop(void);

/* ---- SMP (lib/smp.c) ---- */
/* Called on each AP once it reaches 32-bit mode with its own stack. */
extern void (*ap_main)(void);
/* Copies the trampoline to 0x8000 and sends INIT/SIPI/SIPI to APIC ID. */
bool smp_start_ap(uint8_t apic_id);
void spin_lock(volatile uint32_t *lock);
void spin_unlock(volatile uint32_t *lock);

#endif
