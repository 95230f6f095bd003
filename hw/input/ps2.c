/*
 * PS/2 keyboard and mouse as seen through an i8042: each device has a
 * byte queue towards the controller and answers the standard command
 * sets (IBM PS/2 technical reference).  There is no host input here
 * (no display), so the keyboard mostly answers the guest's probing.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "hw/input/ps2.h"
#include "hw/input/keycodes.h"

#define PS2_ACK     0xfa
#define PS2_RESEND  0xfe
#define PS2_BAT_OK  0xaa
#define PS2_ECHO    0xee

/* ---- queue ---- */

static void ps2_raise_irq(PS2State *s)
{
    s->update_irq(s->update_arg, s->queue.count > 0);
}

void ps2_queue(PS2State *s, int b)
{
    PS2Queue *q = &s->queue;

    if (q->count >= PS2_QUEUE_SIZE) {
        return;     /* the device would drop it too */
    }
    q->data[q->wptr] = b;
    q->wptr = (q->wptr + 1) % PS2_QUEUE_SIZE;
    q->count++;
    ps2_raise_irq(s);
}

static void ps2_queue_2(PS2State *s, int b1, int b2)
{
    ps2_queue(s, b1);
    ps2_queue(s, b2);
}

static void ps2_queue_3(PS2State *s, int b1, int b2, int b3)
{
    ps2_queue(s, b1);
    ps2_queue(s, b2);
    ps2_queue(s, b3);
}

bool ps2_queue_empty(PS2State *s)
{
    return s->queue.count == 0;
}

uint32_t ps2_read_data(PS2State *s)
{
    PS2Queue *q = &s->queue;
    int val;

    if (q->count == 0) {
        /* the controller re-reads its buffer: the last byte again */
        int idx = (q->rptr + PS2_QUEUE_SIZE - 1) % PS2_QUEUE_SIZE;

        return q->data[idx];
    }
    val = q->data[q->rptr];
    q->rptr = (q->rptr + 1) % PS2_QUEUE_SIZE;
    q->count--;
    ps2_raise_irq(s);
    return val;
}

static void ps2_queue_clear(PS2State *s)
{
    s->queue.rptr = s->queue.wptr = s->queue.count = 0;
}

/* ---- keyboard ---- */

static void ps2_kbd_defaults(PS2State *s)
{
    s->scan_enabled = 1;
    s->scancode_set = 2;
    s->ledstate = 0;
}

void ps2_keyboard_set_translation(PS2State *s, int mode)
{
    s->translate = mode;
}

void ps2_put_keycode(PS2State *s, int keycode)
{
    if (s->scan_enabled) {
        ps2_queue(s, keycode);
    }
}

/* The keyboard QMP send-key types into: the last one created. */
static PS2State *input_keyboard;

PS2State *ps2_input_keyboard(void)
{
    return input_keyboard;
}

/*
 * A key press or release in the scancode set the guest sees: set 1
 * when the controller translates (or the keyboard is in set 1), set 2
 * otherwise.  Pause has no release and a sequence of its own.
 */
void ps2_put_qnum(PS2State *s, int qnum, bool down)
{
    bool set1 = s->translate || s->scancode_set == 1;
    int code = qnum & 0x7f;

    if (!s->scan_enabled) {
        return;
    }
    if (qnum == 0xc6) {         /* pause */
        if (down) {
            if (set1) {
                ps2_queue_3(s, 0xe1, 0x1d, 0x45);
                ps2_queue_3(s, 0xe1, 0x9d, 0xc5);
            } else {
                ps2_queue_3(s, 0xe1, 0x14, 0x77);
                ps2_queue_3(s, 0xe1, 0xf0, 0x14);
                ps2_queue_2(s, 0xf0, 0x77);
            }
        }
        return;
    }
    if (qnum & 0x80) {
        ps2_queue(s, 0xe0);
    }
    if (set1) {
        ps2_queue(s, down ? code : code | 0x80);
    } else if (down) {
        ps2_queue(s, qnum_to_set2(qnum));
    } else {
        ps2_queue_2(s, 0xf0, qnum_to_set2(qnum));
    }
}

void ps2_write_keyboard(PS2State *s, int val)
{
    switch (s->write_cmd) {
    case -1:
        break;
    case 0xed:      /* LED state */
        s->ledstate = val & 7;
        ps2_queue(s, PS2_ACK);
        s->write_cmd = -1;
        return;
    case 0xf0:      /* scancode set */
        if (val == 0) {
            int set = s->scancode_set;

            /* with translation the guest sees set 2 reported as 0x41 */
            ps2_queue_2(s, PS2_ACK, s->translate ? (set == 1 ? 0x43 :
                                                    set == 2 ? 0x41 : 0x3f)
                                                 : set);
        } else if (val >= 1 && val <= 3) {
            s->scancode_set = val;
            ps2_queue(s, PS2_ACK);
        } else {
            ps2_queue(s, PS2_RESEND);
        }
        s->write_cmd = -1;
        return;
    case 0xf3:      /* typematic rate: accepted, no key repeat here */
        ps2_queue(s, PS2_ACK);
        s->write_cmd = -1;
        return;
    default:
        s->write_cmd = -1;
        break;
    }

    switch (val) {
    case 0x00:
        ps2_queue(s, PS2_ACK);
        break;
    case 0x05:
        ps2_queue(s, PS2_RESEND);
        break;
    case PS2_ECHO:
        ps2_queue(s, PS2_ECHO);
        break;
    case 0xf2:      /* identify: MF2 keyboard */
        ps2_queue_3(s, PS2_ACK, 0xab, s->translate ? 0x41 : 0x83);
        break;
    case 0xed:
    case 0xf0:
    case 0xf3:
        s->write_cmd = val;
        ps2_queue(s, PS2_ACK);
        break;
    case 0xf4:
        s->scan_enabled = 1;
        ps2_queue(s, PS2_ACK);
        break;
    case 0xf5:
        ps2_kbd_defaults(s);
        s->scan_enabled = 0;
        ps2_queue(s, PS2_ACK);
        break;
    case 0xf6:
        ps2_kbd_defaults(s);
        ps2_queue(s, PS2_ACK);
        break;
    case 0xf7 ... 0xfd:
        ps2_queue(s, PS2_ACK);
        break;
    case 0xff:      /* reset: ACK, then the self test result */
        ps2_queue_clear(s);
        ps2_kbd_defaults(s);
        ps2_queue_2(s, PS2_ACK, PS2_BAT_OK);
        break;
    default:
        ps2_queue(s, PS2_RESEND);
        break;
    }
}

/* ---- mouse ---- */

#define MOUSE_STATUS_REMOTE  0x40
#define MOUSE_STATUS_ENABLED 0x20
#define MOUSE_STATUS_SCALE21 0x10

static void ps2_mouse_defaults(PS2State *s)
{
    s->mouse_status = 0;
    s->mouse_resolution = 2;
    s->mouse_sample_rate = 100;
    s->mouse_dx = s->mouse_dy = s->mouse_dz = 0;
}

static void ps2_mouse_send_packet(PS2State *s)
{
    int dx = MAX(-256, MIN(255, s->mouse_dx));
    int dy = MAX(-256, MIN(255, s->mouse_dy));
    uint8_t b = 0x08 | (s->mouse_buttons & 7) |
                (dx < 0 ? 0x10 : 0) | (dy < 0 ? 0x20 : 0);

    ps2_queue_3(s, b, dx & 0xff, dy & 0xff);
    s->mouse_dx = s->mouse_dy = 0;
}

void ps2_mouse_fake_event(PS2State *s)
{
    s->mouse_dx += 1;
    if (s->mouse_status & MOUSE_STATUS_ENABLED) {
        ps2_mouse_send_packet(s);
    }
}

void ps2_write_mouse(PS2State *s, int val)
{
    if (s->write_cmd == 0xf3) {             /* sample rate */
        s->mouse_sample_rate = val;
        /* 200, 100, 80 unlocks the IntelliMouse wheel */
        if (s->mouse_detect_state == 0 && val == 200) {
            s->mouse_detect_state = 1;
        } else if (s->mouse_detect_state == 1 && val == 100) {
            s->mouse_detect_state = 2;
        } else if (s->mouse_detect_state == 2 && val == 80) {
            s->mouse_type = 3;
            s->mouse_detect_state = 0;
        } else {
            s->mouse_detect_state = 0;
        }
        ps2_queue(s, PS2_ACK);
        s->write_cmd = -1;
        return;
    }
    if (s->write_cmd == 0xe8) {             /* resolution */
        s->mouse_resolution = val;
        ps2_queue(s, PS2_ACK);
        s->write_cmd = -1;
        return;
    }
    s->write_cmd = -1;

    if (s->mouse_wrap) {
        if (val == 0xec) {
            s->mouse_wrap = 0;
            ps2_queue(s, PS2_ACK);
        } else if (val == 0xff) {
            goto reset;
        } else {
            ps2_queue(s, val);
        }
        return;
    }

    switch (val) {
    case 0xe6:
        s->mouse_status &= ~MOUSE_STATUS_SCALE21;
        ps2_queue(s, PS2_ACK);
        break;
    case 0xe7:
        s->mouse_status |= MOUSE_STATUS_SCALE21;
        ps2_queue(s, PS2_ACK);
        break;
    case 0xe8:
    case 0xf3:
        s->write_cmd = val;
        ps2_queue(s, PS2_ACK);
        break;
    case 0xe9:      /* status request */
        ps2_queue(s, PS2_ACK);
        ps2_queue_3(s, s->mouse_status, s->mouse_resolution,
                    s->mouse_sample_rate);
        break;
    case 0xea:
        s->mouse_status &= ~MOUSE_STATUS_REMOTE;
        ps2_queue(s, PS2_ACK);
        break;
    case 0xeb:      /* read data */
        ps2_queue(s, PS2_ACK);
        ps2_mouse_send_packet(s);
        break;
    case 0xec:
        ps2_queue(s, PS2_ACK);
        break;
    case 0xee:
        s->mouse_wrap = 1;
        ps2_queue(s, PS2_ACK);
        break;
    case 0xf0:
        s->mouse_status |= MOUSE_STATUS_REMOTE;
        ps2_queue(s, PS2_ACK);
        break;
    case 0xf2:      /* get id */
        ps2_queue_2(s, PS2_ACK, s->mouse_type);
        break;
    case 0xf4:
        s->mouse_status |= MOUSE_STATUS_ENABLED;
        ps2_queue(s, PS2_ACK);
        break;
    case 0xf5:
        s->mouse_status &= ~MOUSE_STATUS_ENABLED;
        ps2_queue(s, PS2_ACK);
        break;
    case 0xf6:
        ps2_mouse_defaults(s);
        ps2_queue(s, PS2_ACK);
        break;
    case 0xff:
reset:
        ps2_queue_clear(s);
        ps2_mouse_defaults(s);
        s->mouse_wrap = 0;
        s->mouse_type = 0;
        ps2_queue_3(s, PS2_ACK, PS2_BAT_OK, s->mouse_type);
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR, "ps2: unknown mouse command 0x%02x\n",
                      val);
        ps2_queue(s, PS2_RESEND);
        break;
    }
}

/* ---- life cycle ---- */

void ps2_reset(PS2State *s)
{
    s->write_cmd = -1;
    ps2_queue_clear(s);
    if (s->is_mouse) {
        ps2_mouse_defaults(s);
        s->mouse_wrap = 0;
        s->mouse_type = 0;
        s->mouse_detect_state = 0;
    } else {
        ps2_kbd_defaults(s);
    }
    s->update_irq(s->update_arg, 0);
}

static PS2State *ps2_new(void (*update_irq)(void *, int), void *arg,
                         bool mouse)
{
    PS2State *s = g_new0(PS2State, 1);

    s->update_irq = update_irq;
    s->update_arg = arg;
    s->is_mouse = mouse;
    ps2_reset(s);
    return s;
}

PS2State *ps2_kbd_init(void (*update_irq)(void *, int), void *update_arg)
{
    input_keyboard = ps2_new(update_irq, update_arg, false);
    return input_keyboard;
}

PS2State *ps2_mouse_init(void (*update_irq)(void *, int), void *update_arg)
{
    return ps2_new(update_irq, update_arg, true);
}

void ps2_free(PS2State *s)
{
    if (s == input_keyboard) {
        input_keyboard = NULL;
    }
    g_free(s);
}
