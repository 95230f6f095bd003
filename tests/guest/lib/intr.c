/*
 * IDT, 8259 PIC, local APIC, IOAPIC, PIT and AP start-up for the guests.
 */
#include "guest.h"

struct idt_entry {
    uint16_t offset_lo;
    uint16_t selector;
    uint8_t zero;
    uint8_t type;
    uint16_t offset_hi;
} __attribute__((packed));

extern char intr_stubs[];
static struct idt_entry idt[256] __attribute__((aligned(8)));
static intr_handler handlers[256];

void intr_dispatch(uint32_t vector);

void intr_dispatch(uint32_t vector)
{
    if (handlers[vector & 0xff]) {
        handlers[vector & 0xff](vector);
        return;
    }
    fail("unexpected interrupt/exception vector %u\n", vector);
}

void idt_init(void)
{
    struct {
        uint16_t limit;
        uint32_t base;
    } __attribute__((packed)) desc = { sizeof(idt) - 1, (uintptr_t)idt };

    for (int i = 0; i < 256; i++) {
        uint32_t addr = (uintptr_t)intr_stubs + i * 16;
        idt[i].offset_lo = addr & 0xffff;
        idt[i].offset_hi = addr >> 16;
        idt[i].selector = 0x08;
        idt[i].zero = 0;
        idt[i].type = 0x8e;     /* present, DPL 0, 32-bit interrupt gate */
    }
    asm volatile("lidt %0" : : "m"(desc));
}

void intr_set_handler(uint8_t vector, intr_handler h)
{
    handlers[vector] = h;
}

/* ---- 8259 ---- */
void pic_init(uint8_t master_base, uint8_t slave_base)
{
    outb(0x11, 0x20);           /* ICW1: edge, cascade, ICW4 */
    outb(0x11, 0xa0);
    outb(master_base, 0x21);    /* ICW2: vector base */
    outb(slave_base, 0xa1);
    outb(0x04, 0x21);           /* ICW3: slave on IRQ2 */
    outb(0x02, 0xa1);
    outb(0x01, 0x21);           /* ICW4: 8086 mode */
    outb(0x01, 0xa1);
    pic_set_mask(0xffff);
}

void pic_set_mask(uint16_t mask)
{
    outb(mask & 0xff, 0x21);
    outb(mask >> 8, 0xa1);
}

void pic_eoi(uint8_t irq)
{
    if (irq >= 8) {
        outb(0x20, 0xa0);
    }
    outb(0x20, 0x20);
}

/* ---- local APIC ---- */
uint32_t lapic_read(uint32_t reg)
{
    return mmio_read32(LAPIC_BASE + reg);
}

void lapic_write(uint32_t reg, uint32_t v)
{
    mmio_write32(LAPIC_BASE + reg, v);
}

void lapic_enable(void)
{
    lapic_write(LAPIC_SVR, 0x1ff);      /* software enable, spurious 0xff */
    lapic_write(LAPIC_TPR, 0);
}

uint8_t lapic_id(void)
{
    return lapic_read(LAPIC_ID) >> 24;
}

void lapic_eoi(void)
{
    lapic_write(LAPIC_EOI, 0);
}

bool lapic_send_ipi(uint8_t dest, uint32_t icr_lo)
{
    lapic_write(LAPIC_ICR_HI, (uint32_t)dest << 24);
    lapic_write(LAPIC_ICR_LO, icr_lo);
    for (int i = 0; i < 10000; i++) {
        if (!(lapic_read(LAPIC_ICR_LO) & (1u << 12))) {
            return true;
        }
        cpu_relax();
    }
    return false;
}

/* ---- IOAPIC ---- */
uint32_t ioapic_read(uint8_t reg)
{
    mmio_write32(IOAPIC_BASE, reg);
    return mmio_read32(IOAPIC_BASE + 0x10);
}

void ioapic_write(uint8_t reg, uint32_t v)
{
    mmio_write32(IOAPIC_BASE, reg);
    mmio_write32(IOAPIC_BASE + 0x10, v);
}

int ioapic_pins(void)
{
    return ((ioapic_read(0x01) >> 16) & 0xff) + 1;
}

void ioapic_route(uint8_t gsi, uint8_t vector, uint8_t dest_apic, bool masked)
{
    /* fixed delivery, physical destination, active high, edge */
    ioapic_write(0x10 + 2 * gsi + 1, (uint32_t)dest_apic << 24);
    ioapic_write(0x10 + 2 * gsi, vector | (masked ? 1u << 16 : 0));
}

/* ---- PIT ---- */
void pit_start_periodic(uint16_t divisor)
{
    outb(0x34, 0x43);           /* channel 0, lo/hi, mode 2 */
    outb(divisor & 0xff, 0x40);
    outb(divisor >> 8, 0x40);
}

void pit_stop(void)
{
    outb(0x30, 0x43);           /* mode 0 without a count: output stays low */
}

/* ---- SMP ---- */
#define AP_TRAMPOLINE 0x8000

extern char ap_tramp_start[], ap_tramp_end[];
void (*ap_main)(void);
void ap_start(void);

void ap_start(void)
{
    if (ap_main) {
        ap_main();
    }
}

void spin_lock(volatile uint32_t *lock)
{
    while (__atomic_exchange_n(lock, 1, __ATOMIC_ACQUIRE)) {
        while (*lock) {
            cpu_relax();
        }
    }
}

void spin_unlock(volatile uint32_t *lock)
{
    __atomic_store_n(lock, 0, __ATOMIC_RELEASE);
}

bool smp_start_ap(uint8_t apic_id)
{
    memcpy((void *)AP_TRAMPOLINE, ap_tramp_start, ap_tramp_end - ap_tramp_start);
    /* INIT (assert, level), then two STARTUPs at vector 0x08 = 0x8000 */
    if (!lapic_send_ipi(apic_id, 0x00004500)) {
        return false;
    }
    spin(1000);
    for (int i = 0; i < 2; i++) {
        if (!lapic_send_ipi(apic_id, 0x00004600 | (AP_TRAMPOLINE >> 12))) {
            return false;
        }
        spin(200);
    }
    return true;
}
