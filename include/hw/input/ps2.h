/*
 * PS/2 keyboard and mouse behind an i8042: a byte queue towards the
 * controller plus the device command sets.
 */
#ifndef HW_INPUT_PS2_H
#define HW_INPUT_PS2_H

#define PS2_QUEUE_SIZE 16

typedef struct PS2Queue {
    uint8_t data[PS2_QUEUE_SIZE];
    int rptr, wptr, count;
} PS2Queue;

typedef struct PS2State {
    PS2Queue queue;
    int32_t write_cmd;  /* command awaiting a parameter byte, or -1 */
    void (*update_irq)(void *opaque, int level);
    void *update_arg;
    bool is_mouse;
    /* keyboard */
    int scan_enabled;
    int translate;
    int scancode_set;
    int ledstate;
    /* mouse */
    uint8_t mouse_status;
    uint8_t mouse_resolution;
    uint8_t mouse_sample_rate;
    uint8_t mouse_wrap;
    uint8_t mouse_type;
    uint8_t mouse_detect_state;
    int mouse_dx, mouse_dy, mouse_dz;
    uint8_t mouse_buttons;
} PS2State;

PS2State *ps2_kbd_init(void (*update_irq)(void *, int), void *update_arg);
PS2State *ps2_mouse_init(void (*update_irq)(void *, int), void *update_arg);
void ps2_free(PS2State *s);
void ps2_write_keyboard(PS2State *s, int val);
void ps2_write_mouse(PS2State *s, int val);
void ps2_keyboard_set_translation(PS2State *s, int mode);
/* Pop the next byte for the controller (repeats the last if empty). */
uint32_t ps2_read_data(PS2State *s);
void ps2_queue(PS2State *s, int b);
bool ps2_queue_empty(PS2State *s);
void ps2_reset(PS2State *s);
/* Host input: raw set-1/2 scancode byte / relative mouse motion. */
void ps2_put_keycode(PS2State *s, int keycode);
void ps2_mouse_fake_event(PS2State *s);
/* A key event by qnum (see hw/input/keycodes.h), in the guest's set. */
void ps2_put_qnum(PS2State *s, int qnum, bool down);
/* The keyboard host input goes to (QMP send-key), or NULL. */
PS2State *ps2_input_keyboard(void);

#endif
