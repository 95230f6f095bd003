/*
 * nmi: waits with interrupts disabled for the NMI that QMP inject-nmi
 * (or HMP nmi) sends, and reports it.  An NMI ignores IF and wakes the
 * CPU from hlt, so no other interrupt can be what ends the wait.
 */
#include "guest.h"

static volatile uint32_t nmi_count;

static void nmi_handler(uint8_t vector)
{
    nmi_count++;
}

int main(void)
{
    idt_init();
    intr_set_handler(2, nmi_handler);
    irq_disable();
    printf("nmi: waiting\n");
    while (!nmi_count) {
        asm volatile("hlt");
    }
    printf("nmi: received %u\n", nmi_count);
    printf("nmi: PASS\n");
    return 0;
}
