/*
 * Shared between the chardev core and its back ends; not for devices.
 */
#ifndef CHARDEV_INTERNAL_H
#define CHARDEV_INTERNAL_H

#include "chardev/char.h"
#include "chardev/char-fe.h"

#define MAX_MUX 4
#define MUX_BUFFER_SIZE 32

/* A mux shares one back end between up to MAX_MUX front ends. */
struct MuxChardev {
    Chardev parent;
    CharBackend *backends[MAX_MUX];
    CharBackend chr;            /* our front end on the shared back end */
    int focus;                  /* index into backends, -1 = none */
    int mux_cnt;
    bool term_got_escape;
    /* Input that arrived while the focused front end could not take it */
    unsigned char buffer[MAX_MUX][MUX_BUFFER_SIZE];
    unsigned int prod[MAX_MUX];
    unsigned int cons[MAX_MUX];
    bool timestamps;
    bool linestart;
    int64_t timestamps_start;
};
typedef struct MuxChardev MuxChardev;

#define MUX_CHARDEV(obj) OBJECT_CHECK(MuxChardev, (obj), TYPE_CHARDEV_MUX)
#define CHARDEV_IS_MUX(chr) \
    object_dynamic_cast(OBJECT(chr), TYPE_CHARDEV_MUX)

void mux_set_focus(Chardev *chr, int focus);
void mux_chr_send_all_event(Chardev *chr, QEMUChrEvent event);
bool mux_chr_attach_frontend(MuxChardev *d, CharBackend *b,
                             unsigned int *tag, Error **errp);
void mux_chr_detach_frontend(MuxChardev *d, int tag);
void mux_chr_set_handlers(Chardev *chr, GMainContext *context);

/*
 * Back ends that move bytes over plain file descriptors (file, pipe,
 * stdio, serial) share FDChardev.
 */
typedef struct FDChardev {
    Chardev parent;
    int fd_in, fd_out;
    GSource *read_source;
} FDChardev;

#define FD_CHARDEV(obj) OBJECT_CHECK(FDChardev, (obj), TYPE_CHARDEV_FD)

void qemu_chr_open_fd(Chardev *chr, int fd_in, int fd_out);
int qemu_chr_open_fd_path(const char *path, int flags, Error **errp);

/*
 * A GSource watching @fd for @cond.  With @chr set it is a read source:
 * it only polls while the front end can take input, so a device that is
 * full is not woken up.  The callback is a FEWatchFunc.
 */
GSource *chr_fd_source_new(int fd, GIOCondition cond, Chardev *chr);
/* Remove and unref *@src if set. */
void chr_remove_source(GSource **src);

int chr_set_nonblock(int fd, bool nonblock);
void chr_set_cloexec(int fd);

/* "null" back end class init is reused by the vc alias. */
extern const char *const chardev_alias_table[][2];

#endif
