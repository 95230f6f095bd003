/*
 * i8042 keyboard controller: data port 0x60, command/status port 0x64,
 * keyboard IRQ 1, mouse IRQ 12.  Besides the PS/2 devices it drives the
 * A20 gate and the CPU reset line (output port bits 1 and 0).
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "hw/input/i8042.h"
#include "hw/irq.h"
#include "sysemu/runstate.h"

/* status register */
#define KBD_STAT_OBF        0x01
#define KBD_STAT_IBF        0x02
#define KBD_STAT_SELFTEST   0x04
#define KBD_STAT_CMD        0x08
#define KBD_STAT_UNLOCKED   0x10
#define KBD_STAT_MOUSE_OBF  0x20
#define KBD_STAT_GTO        0x40
#define KBD_STAT_PERR       0x80

/* command byte */
#define KBD_MODE_KBD_INT        0x01
#define KBD_MODE_MOUSE_INT      0x02
#define KBD_MODE_SYS            0x04
#define KBD_MODE_NO_KEYLOCK     0x08
#define KBD_MODE_DISABLE_KBD    0x10
#define KBD_MODE_DISABLE_MOUSE  0x20
#define KBD_MODE_KCC            0x40
#define KBD_MODE_RFU            0x80

/* output port */
#define KBD_OUT_RESET           0x01
#define KBD_OUT_A20             0x02
#define KBD_OUT_OBF             0x10
#define KBD_OUT_MOUSE_OBF       0x20
#define KBD_OUT_ONES            0xcc

/* controller commands */
#define KBD_CCMD_READ_MODE      0x20
#define KBD_CCMD_WRITE_MODE     0x60
#define KBD_CCMD_GET_VERSION    0xa1
#define KBD_CCMD_MOUSE_DISABLE  0xa7
#define KBD_CCMD_MOUSE_ENABLE   0xa8
#define KBD_CCMD_TEST_MOUSE     0xa9
#define KBD_CCMD_SELF_TEST      0xaa
#define KBD_CCMD_KBD_TEST       0xab
#define KBD_CCMD_KBD_DISABLE    0xad
#define KBD_CCMD_KBD_ENABLE     0xae
#define KBD_CCMD_READ_INPORT    0xc0
#define KBD_CCMD_READ_OUTPORT   0xd0
#define KBD_CCMD_WRITE_OUTPORT  0xd1
#define KBD_CCMD_WRITE_OBUF     0xd2
#define KBD_CCMD_WRITE_AUX_OBUF 0xd3
#define KBD_CCMD_WRITE_MOUSE    0xd4
#define KBD_CCMD_DISABLE_A20    0xdd
#define KBD_CCMD_ENABLE_A20     0xdf
#define KBD_CCMD_READ_TSTINP    0xe0
#define KBD_CCMD_RESET          0xfe
#define KBD_CCMD_NO_OP          0xff

/* where pending output comes from */
#define KBD_PENDING_KBD         1
#define KBD_PENDING_AUX         2
#define KBD_PENDING_CTRL_KBD    4
#define KBD_PENDING_CTRL_AUX    8

#define KBD_OBSRC_KBD           1
#define KBD_OBSRC_MOUSE         2
#define KBD_OBSRC_CTRL          4

static void kbd_update_irq_lines(KBDState *s)
{
    int irq_kbd = 0, irq_mouse = 0;

    if (s->status & KBD_STAT_OBF) {
        if (s->status & KBD_STAT_MOUSE_OBF) {
            irq_mouse = !!(s->mode & KBD_MODE_MOUSE_INT);
        } else {
            irq_kbd = !!(s->mode & KBD_MODE_KBD_INT);
        }
    }
    qemu_set_irq(s->irq_kbd, irq_kbd);
    qemu_set_irq(s->irq_mouse, irq_mouse);
}

/* Move the next pending byte into the output buffer if it is free. */
static void kbd_update_irq(KBDState *s)
{
    uint8_t ctrl_data;

    if (!(s->status & KBD_STAT_OBF)) {
        s->status &= ~KBD_STAT_MOUSE_OBF;
        s->outport &= ~(KBD_OUT_OBF | KBD_OUT_MOUSE_OBF);
        if (s->pending & (KBD_PENDING_CTRL_KBD | KBD_PENDING_CTRL_AUX)) {
            ctrl_data = s->obdata;
            s->status |= KBD_STAT_OBF;
            s->outport |= KBD_OUT_OBF;
            if (s->pending & KBD_PENDING_CTRL_AUX) {
                s->status |= KBD_STAT_MOUSE_OBF;
                s->outport |= KBD_OUT_MOUSE_OBF;
            }
            s->pending &= ~(KBD_PENDING_CTRL_KBD | KBD_PENDING_CTRL_AUX);
            s->obdata = ctrl_data;
            s->obsrc = KBD_OBSRC_CTRL;
        } else if ((s->pending & KBD_PENDING_KBD) &&
                   !(s->mode & KBD_MODE_DISABLE_KBD)) {
            s->status |= KBD_STAT_OBF;
            s->outport |= KBD_OUT_OBF;
            s->obsrc = KBD_OBSRC_KBD;
            s->obdata = ps2_read_data(s->kbd);
        } else if ((s->pending & KBD_PENDING_AUX) &&
                   !(s->mode & KBD_MODE_DISABLE_MOUSE)) {
            s->status |= KBD_STAT_OBF | KBD_STAT_MOUSE_OBF;
            s->outport |= KBD_OUT_OBF | KBD_OUT_MOUSE_OBF;
            s->obsrc = KBD_OBSRC_MOUSE;
            s->obdata = ps2_read_data(s->mouse);
        }
    }
    kbd_update_irq_lines(s);
}

static void kbd_update_kbd_irq(void *opaque, int level)
{
    KBDState *s = opaque;

    if (level) {
        s->pending |= KBD_PENDING_KBD;
    } else {
        s->pending &= ~KBD_PENDING_KBD;
    }
    kbd_update_irq(s);
}

static void kbd_update_aux_irq(void *opaque, int level)
{
    KBDState *s = opaque;

    if (level) {
        s->pending |= KBD_PENDING_AUX;
    } else {
        s->pending &= ~KBD_PENDING_AUX;
    }
    kbd_update_irq(s);
}

/* A byte produced by the controller itself (command replies). */
static void kbd_queue(KBDState *s, int b, int aux)
{
    if (s->status & KBD_STAT_OBF) {
        /* a previous byte is still unread: replace it, as hardware does */
        s->status &= ~(KBD_STAT_OBF | KBD_STAT_MOUSE_OBF);
    }
    s->obdata = b;
    s->pending |= aux ? KBD_PENDING_CTRL_AUX : KBD_PENDING_CTRL_KBD;
    kbd_update_irq(s);
}

static void outport_write(KBDState *s, uint32_t val)
{
    s->outport = val;
    qemu_set_irq(s->a20_out, (val >> 1) & 1);
    if (!(val & KBD_OUT_RESET)) {
        qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
    }
}

uint64_t kbd_read_status(void *opaque, hwaddr addr, unsigned size)
{
    KBDState *s = opaque;

    return s->status;
}

void kbd_write_command(void *opaque, hwaddr addr, uint64_t val,
                       unsigned size)
{
    KBDState *s = opaque;

    /* 0xf0-0xff pulse output port bits low; bit 0 low resets the CPU */
    if ((val & KBD_CCMD_RESET) == 0xf0 && val != KBD_CCMD_NO_OP) {
        if (!(val & 1)) {
            val = KBD_CCMD_RESET;
        } else {
            return;
        }
    }

    s->status |= KBD_STAT_CMD;
    switch (val) {
    case KBD_CCMD_READ_MODE:
        kbd_queue(s, s->mode, 0);
        break;
    case KBD_CCMD_WRITE_MODE:
    case KBD_CCMD_WRITE_OBUF:
    case KBD_CCMD_WRITE_AUX_OBUF:
    case KBD_CCMD_WRITE_MOUSE:
    case KBD_CCMD_WRITE_OUTPORT:
        s->write_cmd = val;
        break;
    case KBD_CCMD_MOUSE_DISABLE:
        s->mode |= KBD_MODE_DISABLE_MOUSE;
        break;
    case KBD_CCMD_MOUSE_ENABLE:
        s->mode &= ~KBD_MODE_DISABLE_MOUSE;
        kbd_update_irq(s);
        break;
    case KBD_CCMD_TEST_MOUSE:
        kbd_queue(s, 0x00, 0);
        break;
    case KBD_CCMD_SELF_TEST:
        s->status |= KBD_STAT_SELFTEST;
        kbd_queue(s, 0x55, 0);
        break;
    case KBD_CCMD_KBD_TEST:
        kbd_queue(s, 0x00, 0);
        break;
    case KBD_CCMD_KBD_DISABLE:
        s->mode |= KBD_MODE_DISABLE_KBD;
        break;
    case KBD_CCMD_KBD_ENABLE:
        s->mode &= ~KBD_MODE_DISABLE_KBD;
        kbd_update_irq(s);
        break;
    case KBD_CCMD_READ_INPORT:
        kbd_queue(s, 0x80, 0);     /* keyboard not inhibited */
        break;
    case KBD_CCMD_READ_OUTPORT:
        kbd_queue(s, s->outport, 0);
        break;
    case KBD_CCMD_ENABLE_A20:
        qemu_irq_raise(s->a20_out);
        s->outport |= KBD_OUT_A20;
        break;
    case KBD_CCMD_DISABLE_A20:
        qemu_irq_lower(s->a20_out);
        s->outport &= ~KBD_OUT_A20;
        break;
    case KBD_CCMD_RESET:
        qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
        break;
    case KBD_CCMD_NO_OP:
        break;
    case KBD_CCMD_READ_TSTINP:
        kbd_queue(s, 0x00, 0);
        break;
    case KBD_CCMD_GET_VERSION:
        kbd_queue(s, 0x00, 0);
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR,
                      "i8042: unsupported keyboard cmd=0x%02x\n", (int)val);
        break;
    }
}

uint64_t kbd_read_data(void *opaque, hwaddr addr, unsigned size)
{
    KBDState *s = opaque;

    if (s->status & KBD_STAT_OBF) {
        /* reading takes the byte; the next pending one moves in */
        s->status &= ~(KBD_STAT_OBF | KBD_STAT_MOUSE_OBF);
        s->outport &= ~(KBD_OUT_OBF | KBD_OUT_MOUSE_OBF);
        kbd_update_irq_lines(s);
        {
            uint8_t val = s->obdata;

            kbd_update_irq(s);
            return val;
        }
    }
    return s->obdata;
}

void kbd_write_data(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    KBDState *s = opaque;

    s->status &= ~KBD_STAT_CMD;
    switch (s->write_cmd) {
    case 0:
        ps2_write_keyboard(s->kbd, val);
        /* talking to the keyboard re-enables its interface */
        s->mode &= ~KBD_MODE_DISABLE_KBD;
        kbd_update_irq(s);
        break;
    case KBD_CCMD_WRITE_MODE:
        s->mode = val;
        ps2_keyboard_set_translation(s->kbd, (s->mode & KBD_MODE_KCC) != 0);
        kbd_update_irq(s);
        break;
    case KBD_CCMD_WRITE_OBUF:
        kbd_queue(s, val, 0);
        break;
    case KBD_CCMD_WRITE_AUX_OBUF:
        kbd_queue(s, val, 1);
        break;
    case KBD_CCMD_WRITE_OUTPORT:
        outport_write(s, val);
        break;
    case KBD_CCMD_WRITE_MOUSE:
        ps2_write_mouse(s->mouse, val);
        break;
    default:
        break;
    }
    s->write_cmd = 0;
}

void i8042_kbd_reset(KBDState *s)
{
    s->mode = KBD_MODE_KBD_INT | KBD_MODE_MOUSE_INT;
    s->status = KBD_STAT_CMD | KBD_STAT_UNLOCKED;
    s->outport = KBD_OUT_RESET | KBD_OUT_A20 | KBD_OUT_ONES;
    s->outport_present = false;
    s->write_cmd = 0;
    s->pending = 0;
    s->obdata = 0;
    s->obsrc = 0;
    ps2_reset(s->kbd);
    ps2_reset(s->mouse);
    ps2_keyboard_set_translation(s->kbd, 0);
    kbd_update_irq_lines(s);
}

const MemoryRegionOps i8042_data_ops = {
    .read = kbd_read_data,
    .write = kbd_write_data,
    .impl = {
        .min_access_size = 1,
        .max_access_size = 1,
    },
    .endianness = DEVICE_LITTLE_ENDIAN,
};

const MemoryRegionOps i8042_cmd_ops = {
    .read = kbd_read_status,
    .write = kbd_write_command,
    .impl = {
        .min_access_size = 1,
        .max_access_size = 1,
    },
    .endianness = DEVICE_LITTLE_ENDIAN,
};

void i8042_kbd_init(KBDState *s)
{
    s->kbd = ps2_kbd_init(kbd_update_kbd_irq, s);
    s->mouse = ps2_mouse_init(kbd_update_aux_irq, s);
    i8042_kbd_reset(s);
}

void i8042_kbd_exit(KBDState *s)
{
    ps2_free(s->kbd);
    ps2_free(s->mouse);
    s->kbd = s->mouse = NULL;
}
