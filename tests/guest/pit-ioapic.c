/*
 * PIT channel 0 interrupts through the IOAPIC: on pc, ISA IRQ0 is wired
 * to GSI 2 (the MADT interrupt source override).  The 8259 is fully
 * masked, GSI 2 is routed to vector 0x30 on this CPU and the handler ends
 * each interrupt with a LAPIC EOI.
 */
#include "guest.h"

#define TICKS 20

static volatile uint32_t ticks;
static volatile uint8_t last_vector;

static void timer(uint8_t vector)
{
    ticks++;
    last_vector = vector;
    lapic_eoi();
}

int main(void)
{
    idt_init();
    intr_set_handler(0x30, timer);
    pic_init(0x20, 0x28);                       /* all masked */
    lapic_enable();
    lapic_write(LAPIC_LVT_LINT0, 0x10700);      /* ExtINT, masked */
    int pins = ioapic_pins();
    printf("pit-ioapic: IOAPIC version %x, %d pins, BSP APIC ID %u\n",
           ioapic_read(0x01) & 0xff, pins, lapic_id());
    check(pins >= 16);
    for (int i = 0; i < pins; i++) {
        ioapic_route(i, 0x40 + i, 0, true);
    }
    ioapic_route(2, 0x30, lapic_id(), false);
    check((ioapic_read(0x14) & 0x1ffff) == 0x30);
    pit_start_periodic(1193);                   /* 1 kHz */
    irq_enable();
    for (int i = 0; i < 3000000 && ticks < TICKS; i++) {
        cpu_relax();
    }
    /*
     * Masked, the line must stay quiet: at most one interrupt that was
     * already in flight may still arrive.
     */
    ioapic_route(2, 0x30, lapic_id(), true);
    uint32_t at_mask = ticks;
    spin(50000);
    uint32_t after_mask = ticks;
    irq_disable();
    pit_stop();
    printf("pit-ioapic: %u interrupts after masking\n", after_mask - at_mask);
    check(after_mask - at_mask <= 1);
    printf("pit-ioapic: %u interrupts on vector 0x%x\n", ticks, last_vector);
    check(ticks >= TICKS);
    check(last_vector == 0x30);
    printf("pit-ioapic: PASS\n");
    return 0;
}
