/*
 * i8042 controller and PS/2 devices, driven through the port handlers.
 */
#include "qemu/osdep.h"
#include "qemu/module.h"
#include "hw/input/i8042.h"
#include "hw/irq.h"
#include "sysemu/runstate.h"

/* Test doubles for what the machine normally provides. */
void qemu_set_irq(qemu_irq irq, int level)
{
    if (irq) {
        irq->handler(irq->opaque, irq->n, level);
    }
}

static int reset_requests;
static ShutdownCause last_cause;

void qemu_system_reset_request(ShutdownCause reason)
{
    reset_requests++;
    last_cause = reason;
}

static int levels[3];   /* kbd irq, mouse irq, a20 */

static void level_handler(void *opaque, int n, int level)
{
    levels[n] = level;
}

static struct IRQState irq_kbd = { .handler = level_handler, .n = 0 };
static struct IRQState irq_mouse = { .handler = level_handler, .n = 1 };
static struct IRQState a20 = { .handler = level_handler, .n = 2 };

static KBDState *kbd_new(void)
{
    KBDState *s = g_new0(KBDState, 1);

    s->irq_kbd = &irq_kbd;
    s->irq_mouse = &irq_mouse;
    s->a20_out = &a20;
    i8042_kbd_init(s);
    reset_requests = 0;
    return s;
}

static void kbd_free(KBDState *s)
{
    i8042_kbd_exit(s);
    g_free(s);
}

static uint8_t status(KBDState *s)
{
    return kbd_read_status(s, 0, 1);
}

static uint8_t data(KBDState *s)
{
    return kbd_read_data(s, 0, 1);
}

static void cmd(KBDState *s, uint8_t v)
{
    kbd_write_command(s, 0, v, 1);
}

static void wdata(KBDState *s, uint8_t v)
{
    kbd_write_data(s, 0, v, 1);
}

static void test_self_test(void)
{
    KBDState *s = kbd_new();

    g_assert_cmphex(status(s), ==, 0x18);
    cmd(s, 0xaa);
    g_assert_cmphex(status(s) & 0x05, ==, 0x05);     /* OBF, SYS */
    g_assert_cmpint(levels[0], ==, 1);
    g_assert_cmphex(data(s), ==, 0x55);
    g_assert_cmphex(status(s) & 0x01, ==, 0x00);
    g_assert_cmpint(levels[0], ==, 0);
    cmd(s, 0xab);
    g_assert_cmphex(data(s), ==, 0x00);
    kbd_free(s);
}

static void test_command_byte(void)
{
    KBDState *s = kbd_new();

    cmd(s, 0x20);
    g_assert_cmphex(data(s), ==, 0x03);
    cmd(s, 0x60);
    wdata(s, 0x45);         /* KBD_INT, SYS, translate */
    cmd(s, 0x20);
    g_assert_cmphex(data(s), ==, 0x45);
    /* with translation the keyboard id reads 0xab 0x41 */
    wdata(s, 0xf2);
    g_assert_cmphex(data(s), ==, 0xfa);
    g_assert_cmphex(data(s), ==, 0xab);
    g_assert_cmphex(data(s), ==, 0x41);
    /* interrupts off: data is there but IRQ 1 stays low */
    cmd(s, 0x60);
    wdata(s, 0x00);
    cmd(s, 0x20);
    g_assert_cmphex(status(s) & 0x01, ==, 0x01);
    g_assert_cmpint(levels[0], ==, 0);
    g_assert_cmphex(data(s), ==, 0x00);
    kbd_free(s);
}

static void test_keyboard_commands(void)
{
    KBDState *s = kbd_new();

    wdata(s, 0xff);         /* reset */
    g_assert_cmphex(data(s), ==, 0xfa);
    g_assert_cmphex(data(s), ==, 0xaa);
    g_assert_cmphex(status(s) & 0x01, ==, 0x00);
    wdata(s, 0xf2);         /* identify, untranslated */
    g_assert_cmphex(data(s), ==, 0xfa);
    g_assert_cmphex(data(s), ==, 0xab);
    g_assert_cmphex(data(s), ==, 0x83);
    wdata(s, 0xed);         /* LEDs */
    g_assert_cmphex(data(s), ==, 0xfa);
    wdata(s, 0x07);
    g_assert_cmphex(data(s), ==, 0xfa);
    g_assert_cmpint(s->kbd->ledstate, ==, 7);
    wdata(s, 0xee);         /* echo */
    g_assert_cmphex(data(s), ==, 0xee);
    wdata(s, 0xf0);         /* get scancode set */
    g_assert_cmphex(data(s), ==, 0xfa);
    wdata(s, 0x00);
    g_assert_cmphex(data(s), ==, 0xfa);
    g_assert_cmphex(data(s), ==, 0x02);
    wdata(s, 0x77);         /* unknown: resend */
    g_assert_cmphex(data(s), ==, 0xfe);
    kbd_free(s);
}

static void test_disable_keyboard(void)
{
    KBDState *s = kbd_new();

    cmd(s, 0xad);
    ps2_put_keycode(s->kbd, 0x1c);
    /* held back while the interface is disabled */
    g_assert_cmphex(status(s) & 0x01, ==, 0x00);
    cmd(s, 0xae);
    g_assert_cmphex(status(s) & 0x01, ==, 0x01);
    g_assert_cmphex(data(s), ==, 0x1c);
    kbd_free(s);
}

static void test_mouse(void)
{
    KBDState *s = kbd_new();

    cmd(s, 0xa8);
    cmd(s, 0xd4);
    wdata(s, 0xf2);         /* get id */
    g_assert_cmphex(status(s) & 0x21, ==, 0x21);
    g_assert_cmpint(levels[1], ==, 1);
    g_assert_cmphex(data(s), ==, 0xfa);
    g_assert_cmphex(data(s), ==, 0x00);
    g_assert_cmpint(levels[1], ==, 0);
    cmd(s, 0xd4);
    wdata(s, 0xff);         /* reset */
    g_assert_cmphex(data(s), ==, 0xfa);
    g_assert_cmphex(data(s), ==, 0xaa);
    g_assert_cmphex(data(s), ==, 0x00);
    cmd(s, 0xd4);
    wdata(s, 0xe9);         /* status request */
    g_assert_cmphex(data(s), ==, 0xfa);
    g_assert_cmphex(data(s), ==, 0x00);
    g_assert_cmphex(data(s), ==, 0x02);
    g_assert_cmphex(data(s), ==, 100);
    /* 0xd3 puts a byte into the mouse side of the buffer */
    cmd(s, 0xd3);
    wdata(s, 0x42);
    g_assert_cmphex(status(s) & 0x21, ==, 0x21);
    g_assert_cmphex(data(s), ==, 0x42);
    kbd_free(s);
}

static void test_a20_and_reset(void)
{
    KBDState *s = kbd_new();

    cmd(s, 0xd0);
    g_assert_cmphex(data(s) & 0x03, ==, 0x03);
    cmd(s, 0xd1);
    wdata(s, 0x01);         /* A20 off, reset line high */
    g_assert_cmpint(levels[2], ==, 0);
    g_assert_cmpint(reset_requests, ==, 0);
    cmd(s, 0xdf);
    g_assert_cmpint(levels[2], ==, 1);
    cmd(s, 0xdd);
    g_assert_cmpint(levels[2], ==, 0);
    cmd(s, 0xd1);
    wdata(s, 0x03);
    g_assert_cmpint(levels[2], ==, 1);

    cmd(s, 0xfe);           /* pulse reset */
    g_assert_cmpint(reset_requests, ==, 1);
    g_assert_cmpint(last_cause, ==, SHUTDOWN_CAUSE_GUEST_RESET);
    cmd(s, 0xff);           /* pulse nothing */
    g_assert_cmpint(reset_requests, ==, 1);
    cmd(s, 0xd1);
    wdata(s, 0x02);         /* reset line low */
    g_assert_cmpint(reset_requests, ==, 2);
    /* unknown commands are ignored */
    cmd(s, 0x01);
    g_assert_cmphex(status(s) & 0x01, ==, 0x00);
    kbd_free(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/i8042/self-test", test_self_test);
    g_test_add_func("/i8042/command-byte", test_command_byte);
    g_test_add_func("/i8042/keyboard-commands", test_keyboard_commands);
    g_test_add_func("/i8042/disable-keyboard", test_disable_keyboard);
    g_test_add_func("/i8042/mouse", test_mouse);
    g_test_add_func("/i8042/a20-and-reset", test_a20_and_reset);
    return g_test_run();
}
