/*
 * Front end side of a chardev: what a device (serial port, monitor,
 * debugcon) embeds to talk to the Chardev it was given with chardev=.
 */
#ifndef QEMU_CHAR_FE_H
#define QEMU_CHAR_FE_H

#include "chardev/char.h"

/* Same signatures as the main loop's fd handler callbacks. */
typedef int IOCanReadHandler(void *opaque);
typedef void IOReadHandler(void *opaque, const uint8_t *buf, int size);
typedef void IOEventHandler(void *opaque, QEMUChrEvent event);
typedef int BackendChangeHandler(void *opaque);
typedef gboolean FEWatchFunc(void *do_not_use, GIOCondition condition,
                             void *data);

struct CharBackend {
    Chardev *chr;
    IOEventHandler *chr_event;
    IOCanReadHandler *chr_can_read;
    IOReadHandler *chr_read;
    BackendChangeHandler *chr_be_change;
    void *opaque;
    int tag;        /* index among a mux chardev's front ends */
    int fe_open;
};

/*
 * Attach front end @b to @chr (which may be NULL: "no back end").
 * Fails if @chr already has a front end (unless it is a mux with room).
 */
bool qemu_chr_fe_init(CharBackend *b, Chardev *s, Error **errp);
/* Detach; with @del also destroy the chardev. */
void qemu_chr_fe_deinit(CharBackend *b, bool del);

Chardev *qemu_chr_fe_get_driver(CharBackend *be);
bool qemu_chr_fe_backend_connected(CharBackend *be);
bool qemu_chr_fe_backend_open(CharBackend *be);

/*
 * Install the front end callbacks.  @fd_can_read returns how many bytes
 * the device can take; @fd_read gets at most that many.  With @set_open
 * the front end is marked open (or closed if all handlers are NULL).
 */
void qemu_chr_fe_set_handlers_full(CharBackend *b,
                                   IOCanReadHandler *fd_can_read,
                                   IOReadHandler *fd_read,
                                   IOEventHandler *fd_event,
                                   BackendChangeHandler *be_change,
                                   void *opaque,
                                   GMainContext *context,
                                   bool set_open,
                                   bool sync_state);
void qemu_chr_fe_set_handlers(CharBackend *b,
                              IOCanReadHandler *fd_can_read,
                              IOReadHandler *fd_read,
                              IOEventHandler *fd_event,
                              BackendChangeHandler *be_change,
                              void *opaque,
                              GMainContext *context,
                              bool set_open);

/* Make this front end the focused one of its mux (no-op otherwise). */
void qemu_chr_fe_take_focus(CharBackend *b);
/* Device can accept input again (after fd_can_read returned 0). */
void qemu_chr_fe_accept_input(CharBackend *be);
void qemu_chr_fe_set_echo(CharBackend *be, bool echo);
void qemu_chr_fe_set_open(CharBackend *be, int fe_open);
void qemu_chr_fe_printf(CharBackend *be, const char *fmt, ...)
    G_GNUC_PRINTF(2, 3);

/*
 * Call @func when @cond holds (G_IO_OUT: the back end can take more
 * data).  Returns a source tag for g_source_remove, or 0 if the back
 * end cannot watch (then the caller should just retry writing).
 */
guint qemu_chr_fe_add_watch(CharBackend *be, GIOCondition cond,
                            FEWatchFunc func, void *user_data);

/* Returns bytes written or -1/errno; without a back end, 0. */
int qemu_chr_fe_write(CharBackend *be, const uint8_t *buf, int len);
int qemu_chr_fe_write_all(CharBackend *be, const uint8_t *buf, int len);
int qemu_chr_fe_read_all(CharBackend *be, uint8_t *buf, int len);
int qemu_chr_fe_ioctl(CharBackend *be, int cmd, void *arg);
void qemu_chr_fe_disconnect(CharBackend *be);
int qemu_chr_fe_wait_connected(CharBackend *be, Error **errp);

/* ioctls a serial front end may send to a host serial back end. */
#define CHR_IOCTL_SERIAL_SET_PARAMS   1
#define CHR_IOCTL_SERIAL_SET_BREAK    2
#define CHR_IOCTL_SERIAL_SET_TIOCM   13
#define CHR_IOCTL_SERIAL_GET_TIOCM   14

#define CHR_TIOCM_CTS   0x020
#define CHR_TIOCM_CAR   0x040
#define CHR_TIOCM_DSR   0x100
#define CHR_TIOCM_RI    0x080
#define CHR_TIOCM_DTR   0x002
#define CHR_TIOCM_RTS   0x004

typedef struct QEMUSerialSetParams {
    int speed;
    int parity;
    int data_bits;
    int stop_bits;
} QEMUSerialSetParams;

#endif
