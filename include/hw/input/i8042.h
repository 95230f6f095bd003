/*
 * Intel 8042 keyboard controller (ports 0x60/0x64, IRQ 1 and 12).
 */
#ifndef HW_INPUT_I8042_H
#define HW_INPUT_I8042_H

#include "hw/isa/isa.h"
#include "hw/input/ps2.h"

#define TYPE_I8042 "i8042"

typedef struct KBDState {
    uint8_t write_cmd;  /* pending command byte from port 0x64 */
    uint8_t status;
    uint8_t mode;       /* controller command byte */
    uint8_t outport;    /* output port: bit 0 reset, bit 1 A20 */
    bool outport_present;
    bool extended_state;
    uint8_t pending;    /* KBD_PENDING_* sources with data */
    uint8_t obdata;     /* output buffer byte */
    uint8_t obsrc;
    PS2State *kbd;
    PS2State *mouse;
    qemu_irq irq_kbd;
    qemu_irq irq_mouse;
    qemu_irq a20_out;
} KBDState;

typedef struct ISAKBDState {
    ISADevice parent_obj;
    KBDState kbd;
    bool kbd_throttle;
    MemoryRegion io[2];
    uint8_t kbd_irq;
    uint8_t mouse_irq;
} ISAKBDState;

#define I8042(obj) OBJECT_CHECK(ISAKBDState, (obj), TYPE_I8042)

void i8042_isa_mouse_fake_event(ISAKBDState *isa);
/* Connect the controller's A20 gate output. */
void i8042_setup_a20_line(ISADevice *dev, qemu_irq a20_out);

/*
 * Controller model (pckbd.c), shared by the ISA device and tests:
 * init creates the PS/2 keyboard and mouse; irq_kbd, irq_mouse and
 * a20_out are set by the owner.
 */
void i8042_kbd_init(KBDState *s);
void i8042_kbd_exit(KBDState *s);
void i8042_kbd_reset(KBDState *s);
extern const MemoryRegionOps i8042_data_ops;
extern const MemoryRegionOps i8042_cmd_ops;

/* Port handlers; opaque is the KBDState. */
uint64_t kbd_read_data(void *opaque, hwaddr addr, unsigned size);
void kbd_write_data(void *opaque, hwaddr addr, uint64_t val, unsigned size);
uint64_t kbd_read_status(void *opaque, hwaddr addr, unsigned size);
void kbd_write_command(void *opaque, hwaddr addr, uint64_t val,
                       unsigned size);

#endif
