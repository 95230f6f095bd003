/*
 * QMP key names and PC scancodes (hw/input/keycodes.c).
 */
#ifndef HW_INPUT_KEYCODES_H
#define HW_INPUT_KEYCODES_H

/* A QKeyCode name's qnum (set 1 code, +0x80 for 0xe0 keys), or -1. */
int qcode_to_qnum(const char *name);
/* The set 2 code of a qnum's key (prefix and break codes aside). */
int qnum_to_set2(int qnum);

#endif
