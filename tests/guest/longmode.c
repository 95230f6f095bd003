/*
 * Switches to 64-bit long mode and back (see longmode64.S): identity
 * paging of the first 4 GiB with 2 MiB pages, a 64-bit IDT, PIT
 * interrupts through the PIC returning with iretq, 64-bit arithmetic.
 */
#include "guest.h"

#define TICKS 10

struct idt64_entry {
    uint16_t offset_lo;
    uint16_t selector;
    uint8_t ist;
    uint8_t type;
    uint16_t offset_mid;
    uint32_t offset_hi;
    uint32_t reserved;
} __attribute__((packed));

extern struct {
    uint16_t limit;
    uint64_t base;
} __attribute__((packed)) lm_idt_desc;
extern volatile uint64_t lm_result;
extern volatile uint32_t lm_ticks, lm_want_ticks;
extern char lm_timer_handler[], lm_fault_handler[];
void long_mode_run(uint32_t pml4);

static uint64_t pml4[512] __attribute__((aligned(4096)));
static uint64_t pdpt[512] __attribute__((aligned(4096)));
static uint64_t pd[4][512] __attribute__((aligned(4096)));
static struct idt64_entry idt64[256] __attribute__((aligned(16)));

static void set_gate(int vector, void *handler)
{
    uint32_t a = (uintptr_t)handler;
    idt64[vector] = (struct idt64_entry) {
        .offset_lo = a & 0xffff, .selector = 0x18, .type = 0x8e,
        .offset_mid = a >> 16, .offset_hi = 0,
    };
}

static uint64_t rol64(uint64_t v, int n)
{
    return (v << n) | (v >> (64 - n));
}

int main(void)
{
    uint32_t cr0, efer_lo, efer_hi;

    for (int i = 0; i < 4; i++) {
        pdpt[i] = (uintptr_t)pd[i] | 0x3;                   /* present, RW */
        for (int j = 0; j < 512; j++) {
            pd[i][j] = ((uint64_t)i << 30) | ((uint64_t)j << 21) | 0x83;
        }
    }
    pml4[0] = (uintptr_t)pdpt | 0x3;
    for (int v = 0; v < 256; v++) {
        set_gate(v, lm_fault_handler);
    }
    set_gate(0x20, lm_timer_handler);
    lm_idt_desc.limit = sizeof(idt64) - 1;
    lm_idt_desc.base = (uintptr_t)idt64;
    lm_want_ticks = TICKS;

    pic_init(0x20, 0x28);
    lapic_enable();
    lapic_write(LAPIC_LVT_LINT0, 0x700);
    pic_set_mask(~1u & 0xffff);
    pit_start_periodic(1193);

    printf("longmode: entering long mode\n");
    long_mode_run((uintptr_t)pml4);
    pit_stop();
    pic_set_mask(0xffff);

    asm volatile("mov %%cr0, %0" : "=r"(cr0));
    asm volatile("rdmsr" : "=a"(efer_lo), "=d"(efer_hi) : "c"(0xc0000080));
    uint64_t a = 0x0123456789abcdefull, b = 0xfedcba9876543210ull;
    uint64_t want = (rol64(a * b, 13) ^ b) + a;
    printf("longmode: back in 32-bit mode, CR0 %x EFER %x\n", cr0, efer_lo);
    printf("longmode: result %llx (expected %llx), %u timer interrupts\n",
           lm_result, want, lm_ticks);
    check(!(cr0 & 0x80000000u));
    check(!(efer_lo & 0x500));          /* LME and LMA clear */
    check(lm_result == want);
    check(lm_ticks >= TICKS);
    printf("longmode: PASS\n");
    return 0;
}
