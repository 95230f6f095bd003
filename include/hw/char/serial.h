/*
 * 16550A UART.  SerialState is the register model shared by every bus
 * flavour; isa-serial wraps it as an ISA device at the classic COM port
 * addresses.
 */
#ifndef HW_SERIAL_H
#define HW_SERIAL_H

#include "chardev/char-fe.h"
#include "exec/memory.h"
#include "hw/qdev-core.h"
#include "hw/irq.h"
#include "qemu/timer.h"

#define UART_FIFO_LENGTH 16

typedef struct SerialFIFO {
    uint8_t data[UART_FIFO_LENGTH];
    unsigned head;      /* next byte out */
    unsigned num;       /* bytes held */
} SerialFIFO;

/*
 * The UART core is a plain struct embedded in each bus flavour's device
 * (isa-serial ...), which owns the properties and the I/O region.
 */
struct SerialState {
    uint16_t divider;
    uint8_t rbr;        /* receive register (non-FIFO mode) */
    uint8_t thr;        /* transmit holding register (non-FIFO mode) */
    uint8_t tsr;        /* transmit shift register */
    uint8_t ier;
    uint8_t iir;        /* read only */
    uint8_t lcr;
    uint8_t mcr;
    uint8_t lsr;        /* read only */
    uint8_t msr;        /* read only */
    uint8_t scr;
    uint8_t fcr;
    bool thr_ipending;  /* THR-empty interrupt pending until IIR read */
    bool timeout_ipending;
    int last_break_enable;
    qemu_irq irq;
    CharBackend chr;
    uint32_t baudbase;
    int it_shift;

    SerialFIFO recv_fifo;
    SerialFIFO xmit_fifo;
    uint8_t recv_fifo_itl;  /* receive interrupt trigger level */
    QEMUTimer *fifo_timeout_timer;
    uint64_t char_transmit_time;    /* ns per character at current rate */
    guint watch_tag;    /* waiting for the back end to drain */

    MemoryRegion io;
};
typedef struct SerialState SerialState;

#define TYPE_ISA_SERIAL "isa-serial"
#define MAX_ISA_SERIAL_PORTS 4

/* Register access, as the MemoryRegionOps of every flavour use them. */
extern const MemoryRegionOps serial_io_ops;
uint64_t serial_ioport_read(void *opaque, hwaddr addr, unsigned size);
void serial_ioport_write(void *opaque, hwaddr addr, uint64_t val,
                         unsigned size);
void serial_set_frequency(SerialState *s, uint32_t frequency);
/* Connect to the chardev (s->chr) and create timers; baudbase preset. */
void serial_realize_core(SerialState *s, Error **errp);
void serial_exit_core(SerialState *s);
void serial_reset(void *opaque);

/* -serial back ends, in command line order (hw/char/serial-isa.c). */
Chardev *serial_hd(int i);
int serial_max_hds(void);
/* Create back end "serial<N>" from a -serial string; NULL on error. */
Chardev *serial_hds_add(const char *devname);

typedef struct ISABus ISABus;
/* Create isa-serial devices for serial_hd(from) ... serial_hd(to - 1). */
void serial_hds_isa_init(ISABus *bus, int from, int to);

#endif
