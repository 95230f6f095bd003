/*
 * PIT channel 0 interrupts through the 8259: IRQ0 on vector 0x20,
 * counted by a handler.  The LAPIC passes PIC interrupts on as ExtINT.
 * "iret" on the command line returns from the handler with iret instead
 * of popf; ret (to probe hosts that cannot iret in protected mode).
 */
#include "guest.h"

#define TICKS 20

static volatile uint32_t ticks;
static volatile uint8_t last_vector;

static void timer(uint8_t vector)
{
    ticks++;
    last_vector = vector;
    pic_eoi(0);
}

int main(void)
{
    idt_init();
    intr_use_iret = cmdline_has("iret");
    intr_set_handler(0x20, timer);
    pic_init(0x20, 0x28);
    lapic_enable();
    lapic_write(LAPIC_LVT_LINT0, 0x700);        /* ExtINT, unmasked */
    lapic_write(LAPIC_LVT_LINT1, 0x400);        /* NMI */
    for (int i = 0; i < 16; i++) {
        ioapic_route(i, 0x40 + i, 0, true);     /* only the PIC path */
    }
    pic_set_mask(~1u & 0xffff);
    pit_start_periodic(1193);                   /* 1 kHz */
    irq_enable();
    for (int i = 0; i < 3000000 && ticks < TICKS; i++) {
        cpu_relax();
    }
    /*
     * Masked, the line must stay quiet: at most one interrupt that was
     * already in flight may still arrive.
     */
    pic_set_mask(0xffff);
    uint32_t at_mask = ticks;
    spin(50000);
    uint32_t after_mask = ticks;
    irq_disable();
    pit_stop();
    printf("pit-pic: %u interrupts after masking\n", after_mask - at_mask);
    check(after_mask - at_mask <= 1);
    printf("pit-pic: %u interrupts on vector 0x%x\n", ticks, last_vector);
    check(ticks >= TICKS);
    check(last_vector == 0x20);
    printf("pit-pic: PASS\n");
    return 0;
}
