/*
 * 16550A register model, driven through its port handlers with a
 * ringbuf chardev as the line.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/module.h"
#include "qemu/option.h"
#include "chardev/char.h"
#include "chardev/char-fe.h"
#include "hw/char/serial.h"
#include "hw/irq.h"

#define RBR 0
#define THR 0
#define DLL 0
#define IER 1
#define DLM 1
#define IIR 2
#define FCR 2
#define LCR 3
#define MCR 4
#define LSR 5
#define MSR 6
#define SCR 7

/*
 * Interrupt lines normally come from hw/core; this test has only the
 * UART, so the line is a plain IRQState whose handler records the level.
 */
void qemu_set_irq(qemu_irq irq, int level)
{
    if (irq) {
        irq->handler(irq->opaque, irq->n, level);
    }
}

static int irq_level;

static void irq_handler(void *opaque, int n, int level)
{
    irq_level = level;
}

static struct IRQState test_irq = { .handler = irq_handler };

typedef struct Fixture {
    SerialState s;
    Chardev *chr;
} Fixture;

static void fixture_setup(Fixture *f, gconstpointer data)
{
    static int n;
    g_autofree char *label = g_strdup_printf("uart%d", n++);
    QemuOpts *opts;

    memset(f, 0, sizeof(*f));
    opts = qemu_opts_create(&qemu_chardev_opts, label, 1, &error_abort);
    qemu_opt_set(opts, "backend", "ringbuf", &error_abort);
    f->chr = qemu_chr_new_from_opts(opts, NULL, &error_abort);
    qemu_opts_del(opts);
    g_assert_true(qemu_chr_fe_init(&f->s.chr, f->chr, &error_abort));
    f->s.irq = &test_irq;
    f->s.baudbase = 115200;
    serial_realize_core(&f->s, &error_abort);
}

static void fixture_teardown(Fixture *f, gconstpointer data)
{
    serial_exit_core(&f->s);
    object_unparent(OBJECT(f->chr));
}

static uint8_t rd(Fixture *f, int reg)
{
    return serial_ioport_read(&f->s, reg, 1);
}

static void wr(Fixture *f, int reg, uint8_t val)
{
    serial_ioport_write(&f->s, reg, val, 1);
}

static void line_in(Fixture *f, const char *s)
{
    qemu_chr_be_write(f->chr, (const uint8_t *)s, strlen(s));
}

static void test_reset_values(Fixture *f, gconstpointer data)
{
    g_assert_cmphex(rd(f, LSR), ==, 0x60);     /* THRE | TEMT */
    g_assert_cmphex(rd(f, IIR), ==, 0x01);     /* no interrupt */
    g_assert_cmphex(rd(f, MSR), ==, 0xb0);     /* DCD DSR CTS */
    g_assert_cmphex(rd(f, MCR), ==, 0x08);     /* OUT2 */
    g_assert_cmphex(rd(f, LCR), ==, 0x00);
    g_assert_cmphex(rd(f, IER), ==, 0x00);
    g_assert_cmpint(irq_level, ==, 0);
}

static void test_divisor_latch_and_scratch(Fixture *f, gconstpointer data)
{
    wr(f, LCR, 0x83);
    wr(f, DLL, 0x01);
    wr(f, DLM, 0x02);
    g_assert_cmphex(rd(f, DLL), ==, 0x01);
    g_assert_cmphex(rd(f, DLM), ==, 0x02);
    wr(f, LCR, 0x03);
    /* with DLAB clear, offset 1 is IER again */
    g_assert_cmphex(rd(f, IER), ==, 0x00);
    g_assert_cmphex(rd(f, LCR), ==, 0x03);
    wr(f, SCR, 0x5a);
    g_assert_cmphex(rd(f, SCR), ==, 0x5a);
}

static void test_transmit_and_thri(Fixture *f, gconstpointer data)
{
    uint8_t out[8];

    wr(f, THR, 'A');
    wr(f, THR, 'B');
    g_assert_cmpint(ringbuf_chr_read(f->chr, out, sizeof(out)), ==, 2);
    g_assert_cmpmem(out, 2, "AB", 2);
    g_assert_cmphex(rd(f, LSR) & 0x60, ==, 0x60);

    /* enabling THRI with an empty THR interrupts at once */
    wr(f, IER, 0x02);
    g_assert_cmphex(rd(f, IIR), ==, 0x02);
    /* ... and reading IIR acknowledged it */
    g_assert_cmphex(rd(f, IIR), ==, 0x01);
    g_assert_cmpint(irq_level, ==, 0);
    /* the next transmit raises it again */
    wr(f, THR, 'C');
    g_assert_cmpint(irq_level, ==, 1);
    g_assert_cmphex(rd(f, IIR), ==, 0x02);
    g_assert_cmpint(irq_level, ==, 0);
}

static void test_receive(Fixture *f, gconstpointer data)
{
    wr(f, IER, 0x01);
    g_assert_cmpint(qemu_chr_be_can_write(f->chr), ==, 1);
    line_in(f, "x");
    g_assert_cmphex(rd(f, LSR) & 0x01, ==, 0x01);
    g_assert_cmpint(irq_level, ==, 1);
    g_assert_cmphex(rd(f, IIR), ==, 0x04);
    /* full until the guest reads */
    g_assert_cmpint(qemu_chr_be_can_write(f->chr), ==, 0);
    g_assert_cmphex(rd(f, RBR), ==, 'x');
    g_assert_cmphex(rd(f, LSR) & 0x01, ==, 0x00);
    g_assert_cmphex(rd(f, IIR), ==, 0x01);
    g_assert_cmpint(irq_level, ==, 0);
}

static void test_overrun(Fixture *f, gconstpointer data)
{
    wr(f, IER, 0x05);       /* RDI + RLSI */
    line_in(f, "1");
    line_in(f, "2");        /* no room: overruns */
    /* line status has priority over received data */
    g_assert_cmphex(rd(f, IIR), ==, 0x06);
    g_assert_cmphex(rd(f, LSR) & 0x03, ==, 0x03);
    /* reading LSR cleared OE */
    g_assert_cmphex(rd(f, LSR) & 0x02, ==, 0x00);
    g_assert_cmphex(rd(f, IIR), ==, 0x04);
    g_assert_cmphex(rd(f, RBR), ==, '2');
}

static void test_fifo(Fixture *f, gconstpointer data)
{
    char buf[16];
    int i;

    wr(f, FCR, 0xc7);       /* enable, clear both, trigger at 14 */
    g_assert_cmphex(rd(f, IIR) & 0xc0, ==, 0xc0);
    wr(f, IER, 0x01);
    /* the front end asks for up to the trigger level at once */
    g_assert_cmpint(qemu_chr_be_can_write(f->chr), ==, 14);
    line_in(f, "abc");
    g_assert_cmphex(rd(f, LSR) & 0x01, ==, 0x01);
    /* below the trigger level: no data interrupt yet */
    g_assert_cmphex(rd(f, IIR), ==, 0xc1);
    line_in(f, "defghijklmn");
    g_assert_cmphex(rd(f, IIR), ==, 0xc4);
    g_assert_cmpint(irq_level, ==, 1);
    for (i = 0; i < 14; i++) {
        buf[i] = rd(f, RBR);
    }
    g_assert_cmpmem(buf, 14, "abcdefghijklmn", 14);
    g_assert_cmphex(rd(f, LSR) & 0x01, ==, 0x00);
    g_assert_cmphex(rd(f, IIR), ==, 0xc1);

    /* 16 bytes fill it; the 17th overruns */
    line_in(f, "0123456789abcdef");
    g_assert_cmpint(qemu_chr_be_can_write(f->chr), ==, 0);
    line_in(f, "X");
    g_assert_cmphex(rd(f, LSR) & 0x02, ==, 0x02);
    g_assert_cmphex(rd(f, RBR), ==, '0');

    /* FCR receive reset empties it */
    wr(f, FCR, 0xc3);
    g_assert_cmphex(rd(f, LSR) & 0x01, ==, 0x00);

    /* disabling the FIFOs clears the IIR FIFO bits */
    wr(f, FCR, 0x00);
    g_assert_cmphex(rd(f, IIR) & 0xc0, ==, 0x00);
}

static void test_fifo_timeout(Fixture *f, gconstpointer data)
{
    wr(f, FCR, 0xc1);       /* FIFO, trigger level 14 */
    wr(f, IER, 0x01);
    line_in(f, "ab");
    g_assert_cmphex(rd(f, IIR), ==, 0xc1);
    /* four character times without a read: character timeout */
    g_assert_true(timer_pending(f->s.fifo_timeout_timer));
    f->s.fifo_timeout_timer->cb(f->s.fifo_timeout_timer->opaque);
    g_assert_cmphex(rd(f, IIR), ==, 0xcc);
    g_assert_cmpint(irq_level, ==, 1);
    /* reading a byte clears it and re-arms for the rest */
    g_assert_cmphex(rd(f, RBR), ==, 'a');
    g_assert_cmphex(rd(f, IIR), ==, 0xc1);
    g_assert_cmpint(irq_level, ==, 0);
    g_assert_true(timer_pending(f->s.fifo_timeout_timer));
    g_assert_cmphex(rd(f, RBR), ==, 'b');
    g_assert_false(timer_pending(f->s.fifo_timeout_timer));
}

static void test_loopback(Fixture *f, gconstpointer data)
{
    uint8_t out[4];

    wr(f, MCR, 0x1f);       /* loop, OUT2, OUT1, RTS, DTR */
    g_assert_cmphex(rd(f, MSR) & 0xf0, ==, 0xf0);
    wr(f, THR, 'L');
    g_assert_cmphex(rd(f, LSR) & 0x01, ==, 0x01);
    g_assert_cmphex(rd(f, RBR), ==, 'L');
    /* nothing went out on the line */
    g_assert_cmpint(ringbuf_chr_read(f->chr, out, sizeof(out)), ==, 0);
    /* dropping RTS: CTS follows, with its delta bit */
    wr(f, MCR, 0x1d);
    g_assert_cmphex(rd(f, MSR), ==, 0xe1);
    g_assert_cmphex(rd(f, MSR), ==, 0xe0);
}

static void test_break_event(Fixture *f, gconstpointer data)
{
    wr(f, IER, 0x04);
    qemu_chr_be_event(f->chr, CHR_EVENT_BREAK);
    g_assert_cmphex(rd(f, IIR), ==, 0x06);
    g_assert_cmphex(rd(f, LSR) & 0x11, ==, 0x11);
    g_assert_cmphex(rd(f, LSR) & 0x10, ==, 0x00);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    module_call_init(MODULE_INIT_QOM);

#define ADD(path, fn) \
    g_test_add(path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
    ADD("/serial/reset-values", test_reset_values);
    ADD("/serial/divisor-latch-and-scratch", test_divisor_latch_and_scratch);
    ADD("/serial/transmit-and-thri", test_transmit_and_thri);
    ADD("/serial/receive", test_receive);
    ADD("/serial/overrun", test_overrun);
    ADD("/serial/fifo", test_fifo);
    ADD("/serial/fifo-timeout", test_fifo_timeout);
    ADD("/serial/loopback", test_loopback);
    ADD("/serial/break", test_break_event);
    return g_test_run();
}
