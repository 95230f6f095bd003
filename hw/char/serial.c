/*
 * 16550A UART register model (National Semiconductor PC16550D data
 * sheet): divisor latch, 16 byte receive/transmit FIFOs, the four
 * interrupt sources with their priorities, modem control/status and
 * loopback.  Transmission is immediate; if the chardev is busy the
 * byte waits in the FIFO until the back end can take more.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "hw/char/serial.h"

#define UART_LCR_DLAB   0x80
#define UART_LCR_SBC    0x40    /* set break */
#define UART_LCR_PARITY 0x08
#define UART_LCR_EPAR   0x10
#define UART_LCR_STOP   0x04

#define UART_MCR_LOOP   0x10
#define UART_MCR_OUT2   0x08
#define UART_MCR_OUT1   0x04
#define UART_MCR_RTS    0x02
#define UART_MCR_DTR    0x01

#define UART_MSR_DCD    0x80
#define UART_MSR_RI     0x40
#define UART_MSR_DSR    0x20
#define UART_MSR_CTS    0x10
#define UART_MSR_DDCD   0x08
#define UART_MSR_TERI   0x04
#define UART_MSR_DDSR   0x02
#define UART_MSR_DCTS   0x01
#define UART_MSR_ANY_DELTA 0x0f

#define UART_LSR_TEMT   0x40
#define UART_LSR_THRE   0x20
#define UART_LSR_BI     0x10
#define UART_LSR_FE     0x08
#define UART_LSR_PE     0x04
#define UART_LSR_OE     0x02
#define UART_LSR_DR     0x01
#define UART_LSR_INT_ANY 0x1e

#define UART_IIR_NO_INT 0x01
#define UART_IIR_ID     0x06
#define UART_IIR_MSI    0x00
#define UART_IIR_THRI   0x02
#define UART_IIR_RDI    0x04
#define UART_IIR_RLSI   0x06
#define UART_IIR_CTI    0x0c
#define UART_IIR_FE     0xc0    /* FIFOs enabled */

#define UART_IER_MSI    0x08
#define UART_IER_RLSI   0x04
#define UART_IER_THRI   0x02
#define UART_IER_RDI    0x01

#define UART_FCR_ITL_MASK 0xc0
#define UART_FCR_DMS    0x08
#define UART_FCR_XFR    0x04
#define UART_FCR_RFR    0x02
#define UART_FCR_FE     0x01

/* ---- FIFO helpers ---- */

static void fifo_reset(SerialFIFO *f)
{
    f->head = 0;
    f->num = 0;
}

static bool fifo_push(SerialFIFO *f, uint8_t v)
{
    if (f->num == UART_FIFO_LENGTH) {
        return false;
    }
    f->data[(f->head + f->num) % UART_FIFO_LENGTH] = v;
    f->num++;
    return true;
}

static uint8_t fifo_pop(SerialFIFO *f)
{
    uint8_t v;

    if (!f->num) {
        return 0;
    }
    v = f->data[f->head];
    f->head = (f->head + 1) % UART_FIFO_LENGTH;
    f->num--;
    return v;
}

static bool fifo_enabled(SerialState *s)
{
    return s->fcr & UART_FCR_FE;
}

/* ---- interrupts ---- */

static void serial_update_irq(SerialState *s)
{
    uint8_t iir = UART_IIR_NO_INT;

    if ((s->ier & UART_IER_RLSI) && (s->lsr & UART_LSR_INT_ANY)) {
        iir = UART_IIR_RLSI;
    } else if ((s->ier & UART_IER_RDI) && s->timeout_ipending) {
        iir = UART_IIR_CTI;
    } else if ((s->ier & UART_IER_RDI) && (s->lsr & UART_LSR_DR) &&
               (!fifo_enabled(s) ||
                s->recv_fifo.num >= s->recv_fifo_itl)) {
        iir = UART_IIR_RDI;
    } else if ((s->ier & UART_IER_THRI) && s->thr_ipending) {
        iir = UART_IIR_THRI;
    } else if ((s->ier & UART_IER_MSI) && (s->msr & UART_MSR_ANY_DELTA)) {
        iir = UART_IIR_MSI;
    }
    s->iir = iir | (s->iir & 0xf0);
    qemu_set_irq(s->irq, iir != UART_IIR_NO_INT);
}

/* ---- line parameters ---- */

static void serial_update_parameters(SerialState *s)
{
    int data_bits = (s->lcr & 0x03) + 5;
    int stop_bits = (s->lcr & UART_LCR_STOP) ? 2 : 1;
    int parity = (s->lcr & UART_LCR_PARITY) ? 1 : 0;
    int frame = 1 + data_bits + parity + stop_bits;
    QEMUSerialSetParams ssp;
    uint64_t speed;

    if (s->divider == 0 || s->divider > s->baudbase) {
        return;     /* nonsense divisor: keep the old rate */
    }
    speed = s->baudbase / s->divider;
    s->char_transmit_time = NANOSECONDS_PER_SECOND / speed * frame;
    ssp.speed = speed;
    ssp.parity = !parity ? 'N' : (s->lcr & UART_LCR_EPAR) ? 'E' : 'O';
    ssp.data_bits = data_bits;
    ssp.stop_bits = stop_bits;
    qemu_chr_fe_ioctl(&s->chr, CHR_IOCTL_SERIAL_SET_PARAMS, &ssp);
}

/* ---- receive ---- */

static void fifo_timeout_int(void *opaque)
{
    SerialState *s = opaque;

    if (s->recv_fifo.num) {
        s->timeout_ipending = true;
        serial_update_irq(s);
    }
}

static void serial_rearm_timeout(SerialState *s)
{
    /* the data sheet's character timeout: four character times */
    timer_mod(s->fifo_timeout_timer,
              qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) +
              s->char_transmit_time * 4);
}

static void serial_receive_byte(SerialState *s, uint8_t v)
{
    if (fifo_enabled(s)) {
        if (!fifo_push(&s->recv_fifo, v)) {
            s->lsr |= UART_LSR_OE;
        }
        s->lsr |= UART_LSR_DR;
        serial_rearm_timeout(s);
    } else {
        if (s->lsr & UART_LSR_DR) {
            s->lsr |= UART_LSR_OE;
        }
        s->rbr = v;
        s->lsr |= UART_LSR_DR;
    }
}

static int serial_can_receive(void *opaque)
{
    SerialState *s = opaque;

    if (s->mcr & UART_MCR_LOOP) {
        return 0;   /* the line is disconnected in loopback mode */
    }
    if (fifo_enabled(s)) {
        if (s->recv_fifo.num >= UART_FIFO_LENGTH) {
            return 0;
        }
        /* up to the trigger level at once, then one at a time */
        if (s->recv_fifo.num < s->recv_fifo_itl) {
            return s->recv_fifo_itl - s->recv_fifo.num;
        }
        return 1;
    }
    return !(s->lsr & UART_LSR_DR);
}

static void serial_receive(void *opaque, const uint8_t *buf, int size)
{
    SerialState *s = opaque;
    int i;

    for (i = 0; i < size; i++) {
        serial_receive_byte(s, buf[i]);
    }
    serial_update_irq(s);
}

static void serial_event(void *opaque, QEMUChrEvent event)
{
    SerialState *s = opaque;

    if (event == CHR_EVENT_BREAK) {
        s->rbr = 0;
        if (fifo_enabled(s)) {
            fifo_push(&s->recv_fifo, 0);
        }
        s->lsr |= UART_LSR_BI | UART_LSR_DR;
        serial_update_irq(s);
    }
}

/* ---- transmit ---- */

static void serial_xmit(SerialState *s);

static gboolean serial_watch_cb(void *do_not_use, GIOCondition cond,
                                void *opaque)
{
    SerialState *s = opaque;

    s->watch_tag = 0;
    serial_xmit(s);
    return G_SOURCE_REMOVE;
}

/* Send what is pending; stop and wait if the back end is full. */
static void serial_xmit(SerialState *s)
{
    while (!(s->lsr & UART_LSR_TEMT)) {
        if (fifo_enabled(s) || s->xmit_fifo.num) {
            if (!s->xmit_fifo.num) {
                break;
            }
            s->tsr = s->xmit_fifo.data[s->xmit_fifo.head];
        } else {
            s->tsr = s->thr;
        }
        if (s->mcr & UART_MCR_LOOP) {
            serial_receive_byte(s, s->tsr);
        } else if (qemu_chr_fe_write(&s->chr, &s->tsr, 1) != 1) {
            if (s->watch_tag == 0) {
                s->watch_tag = qemu_chr_fe_add_watch(&s->chr,
                                                     G_IO_OUT | G_IO_HUP,
                                                     serial_watch_cb, s);
            }
            if (s->watch_tag) {
                return;     /* retried when the back end drains */
            }
            /* no way to wait: the byte is lost, as on a dead line */
        }
        if (s->xmit_fifo.num) {
            fifo_pop(&s->xmit_fifo);
        }
        if (!s->xmit_fifo.num) {
            s->lsr |= UART_LSR_THRE | UART_LSR_TEMT;
            s->thr_ipending = true;
        }
    }
    s->lsr |= UART_LSR_THRE | UART_LSR_TEMT;
    serial_update_irq(s);
}

/* ---- register access ---- */

static void serial_write_fcr(SerialState *s, uint8_t val)
{
    static const uint8_t itl[4] = { 1, 4, 8, 14 };

    if ((val ^ s->fcr) & UART_FCR_FE) {
        /* toggling FIFO mode clears both FIFOs */
        val |= UART_FCR_RFR | UART_FCR_XFR;
    }
    if (val & UART_FCR_RFR) {
        s->lsr &= ~(UART_LSR_DR | UART_LSR_BI);
        timer_del(s->fifo_timeout_timer);
        s->timeout_ipending = false;
        fifo_reset(&s->recv_fifo);
    }
    if (val & UART_FCR_XFR) {
        s->lsr |= UART_LSR_THRE | UART_LSR_TEMT;
        s->thr_ipending = true;
        fifo_reset(&s->xmit_fifo);
    }
    s->fcr = val & (UART_FCR_ITL_MASK | UART_FCR_DMS | UART_FCR_FE);
    if (s->fcr & UART_FCR_FE) {
        s->iir |= UART_IIR_FE;
        s->recv_fifo_itl = itl[s->fcr >> 6];
    } else {
        s->iir &= ~UART_IIR_FE;
        s->recv_fifo_itl = 1;
    }
    serial_update_irq(s);
}

static void serial_write_mcr(SerialState *s, uint8_t val)
{
    uint8_t old = s->mcr;

    s->mcr = val & 0x1f;
    if ((old ^ s->mcr) & UART_MCR_LOOP && !(s->mcr & UART_MCR_LOOP)) {
        /* leaving loopback: the real line's status is back */
        s->msr = UART_MSR_DCD | UART_MSR_DSR | UART_MSR_CTS;
    }
    if (!(s->mcr & UART_MCR_LOOP)) {
        int tiocm = 0;

        tiocm |= (s->mcr & UART_MCR_RTS) ? CHR_TIOCM_RTS : 0;
        tiocm |= (s->mcr & UART_MCR_DTR) ? CHR_TIOCM_DTR : 0;
        qemu_chr_fe_ioctl(&s->chr, CHR_IOCTL_SERIAL_SET_TIOCM, &tiocm);
        return;
    }
    /* loopback: modem outputs drive the modem status inputs */
    {
        uint8_t msr = 0, delta;

        msr |= (s->mcr & UART_MCR_RTS) ? UART_MSR_CTS : 0;
        msr |= (s->mcr & UART_MCR_DTR) ? UART_MSR_DSR : 0;
        msr |= (s->mcr & UART_MCR_OUT1) ? UART_MSR_RI : 0;
        msr |= (s->mcr & UART_MCR_OUT2) ? UART_MSR_DCD : 0;
        delta = (msr ^ s->msr) & 0xf0;
        s->msr = msr | (s->msr & UART_MSR_ANY_DELTA);
        s->msr |= (delta & UART_MSR_CTS) ? UART_MSR_DCTS : 0;
        s->msr |= (delta & UART_MSR_DSR) ? UART_MSR_DDSR : 0;
        s->msr |= (delta & UART_MSR_DCD) ? UART_MSR_DDCD : 0;
        /* trailing edge of RI */
        if ((delta & UART_MSR_RI) && !(msr & UART_MSR_RI)) {
            s->msr |= UART_MSR_TERI;
        }
        serial_update_irq(s);
    }
}

void serial_ioport_write(void *opaque, hwaddr addr, uint64_t val,
                         unsigned size)
{
    SerialState *s = opaque;
    uint8_t changed;

    addr &= 7;
    val &= 0xff;
    switch (addr) {
    case 0:
        if (s->lcr & UART_LCR_DLAB) {
            s->divider = (s->divider & 0xff00) | val;
            serial_update_parameters(s);
            break;
        }
        s->thr = val;
        if (fifo_enabled(s)) {
            if (!fifo_push(&s->xmit_fifo, val)) {
                /* overrun: the oldest byte is lost */
                fifo_pop(&s->xmit_fifo);
                fifo_push(&s->xmit_fifo, val);
            }
        }
        s->thr_ipending = false;
        s->lsr &= ~(UART_LSR_THRE | UART_LSR_TEMT);
        serial_update_irq(s);
        if (!s->watch_tag) {
            serial_xmit(s);
        }
        break;
    case 1:
        if (s->lcr & UART_LCR_DLAB) {
            s->divider = (s->divider & 0x00ff) | (val << 8);
            serial_update_parameters(s);
            break;
        }
        changed = (s->ier ^ val) & 0x0f;
        s->ier = val & 0x0f;
        if (changed & UART_IER_THRI) {
            /* enabling THRI with an empty THR interrupts at once */
            s->thr_ipending = (s->ier & UART_IER_THRI) &&
                              (s->lsr & UART_LSR_THRE);
        }
        if (changed) {
            serial_update_irq(s);
        }
        break;
    case 2:
        serial_write_fcr(s, val);
        break;
    case 3: {
        int break_enable;

        s->lcr = val;
        serial_update_parameters(s);
        break_enable = (val & UART_LCR_SBC) ? 1 : 0;
        if (break_enable != s->last_break_enable) {
            s->last_break_enable = break_enable;
            qemu_chr_fe_ioctl(&s->chr, CHR_IOCTL_SERIAL_SET_BREAK,
                              &break_enable);
        }
        break;
    }
    case 4:
        serial_write_mcr(s, val);
        break;
    case 5:
    case 6:
        break;      /* read only; writes are factory test modes */
    case 7:
        s->scr = val;
        break;
    }
}

uint64_t serial_ioport_read(void *opaque, hwaddr addr, unsigned size)
{
    SerialState *s = opaque;
    uint32_t ret = 0xff;

    addr &= 7;
    switch (addr) {
    case 0:
        if (s->lcr & UART_LCR_DLAB) {
            ret = s->divider & 0xff;
            break;
        }
        if (fifo_enabled(s)) {
            ret = fifo_pop(&s->recv_fifo);
            if (!s->recv_fifo.num) {
                s->lsr &= ~(UART_LSR_DR | UART_LSR_BI);
                timer_del(s->fifo_timeout_timer);
            } else {
                serial_rearm_timeout(s);
            }
            s->timeout_ipending = false;
        } else {
            ret = s->rbr;
            s->lsr &= ~(UART_LSR_DR | UART_LSR_BI);
        }
        serial_update_irq(s);
        if (!(s->mcr & UART_MCR_LOOP)) {
            qemu_chr_fe_accept_input(&s->chr);
        }
        break;
    case 1:
        ret = (s->lcr & UART_LCR_DLAB) ? (s->divider >> 8) & 0xff : s->ier;
        break;
    case 2:
        ret = s->iir;
        if ((ret & UART_IIR_ID) == UART_IIR_THRI && !(ret & 0x08)) {
            /* reading IIR acknowledges a THR empty interrupt */
            s->thr_ipending = false;
            serial_update_irq(s);
        }
        break;
    case 3:
        ret = s->lcr;
        break;
    case 4:
        ret = s->mcr;
        break;
    case 5:
        ret = s->lsr;
        /* errors and break are cleared by reading LSR */
        if (s->lsr & (UART_LSR_BI | UART_LSR_OE | UART_LSR_PE |
                      UART_LSR_FE)) {
            s->lsr &= ~(UART_LSR_BI | UART_LSR_OE | UART_LSR_PE |
                        UART_LSR_FE);
            serial_update_irq(s);
        }
        break;
    case 6:
        ret = s->msr;
        if (s->msr & UART_MSR_ANY_DELTA) {
            s->msr &= 0xf0;
            serial_update_irq(s);
        }
        break;
    case 7:
        ret = s->scr;
        break;
    }
    return ret;
}

const MemoryRegionOps serial_io_ops = {
    .read = serial_ioport_read,
    .write = serial_ioport_write,
    .valid = {
        .min_access_size = 1,
        .max_access_size = 1,
    },
    .impl = {
        .min_access_size = 1,
        .max_access_size = 1,
    },
    .endianness = DEVICE_LITTLE_ENDIAN,
};

void serial_reset(void *opaque)
{
    SerialState *s = opaque;

    if (s->watch_tag) {
        g_source_remove(s->watch_tag);
        s->watch_tag = 0;
    }
    s->rbr = 0;
    s->ier = 0;
    s->iir = UART_IIR_NO_INT;
    s->lcr = 0;
    s->lsr = UART_LSR_TEMT | UART_LSR_THRE;
    s->msr = UART_MSR_DCD | UART_MSR_DSR | UART_MSR_CTS;
    s->mcr = UART_MCR_OUT2;
    s->scr = 0;
    s->fcr = 0;
    s->divider = 0x0c;     /* 9600 baud with the standard 1.8432 MHz clock */
    s->recv_fifo_itl = 1;
    s->thr_ipending = false;
    s->timeout_ipending = false;
    s->last_break_enable = 0;
    fifo_reset(&s->recv_fifo);
    fifo_reset(&s->xmit_fifo);
    if (s->fifo_timeout_timer) {
        timer_del(s->fifo_timeout_timer);
    }
    serial_update_parameters(s);
    qemu_set_irq(s->irq, 0);
}

void serial_set_frequency(SerialState *s, uint32_t frequency)
{
    s->baudbase = frequency;
    serial_update_parameters(s);
}

void serial_realize_core(SerialState *s, Error **errp)
{
    if (!s->baudbase) {
        s->baudbase = 115200;
    }
    s->fifo_timeout_timer = timer_new_ns(QEMU_CLOCK_VIRTUAL,
                                         fifo_timeout_int, s);
    qemu_chr_fe_set_handlers(&s->chr, serial_can_receive, serial_receive,
                             serial_event, NULL, s, NULL, true);
    serial_reset(s);
}

void serial_exit_core(SerialState *s)
{
    qemu_chr_fe_deinit(&s->chr, false);
    if (s->fifo_timeout_timer) {
        timer_free(s->fifo_timeout_timer);
        s->fifo_timeout_timer = NULL;
    }
}
