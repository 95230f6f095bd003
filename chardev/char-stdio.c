/*
 * "stdio": the emulator's own stdin/stdout.  A terminal is put in raw
 * mode (Ctrl-C stays a signal unless signal=off) and restored at exit.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/option.h"
#include "chardev/char.h"
#include "chardev-internal.h"
#include <termios.h>

static bool stdio_in_use;
static bool stdio_allow_signal;
static bool stdio_echo_state;
static bool term_saved;
static struct termios oldtty;
static int old_fd0_flags;

void qemu_chr_stdio_restore(void)
{
    if (!stdio_in_use) {
        return;
    }
    if (term_saved) {
        tcsetattr(0, TCSANOW, &oldtty);
    }
    fcntl(0, F_SETFL, old_fd0_flags);
}

static void qemu_chr_set_echo_stdio(Chardev *chr, bool echo)
{
    struct termios tty;

    stdio_echo_state = echo;
    if (!term_saved) {
        return;
    }
    tty = oldtty;
    if (!echo) {
        tty.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR |
                         ICRNL | IXON);
        tty.c_oflag |= OPOST;
        tty.c_lflag &= ~(ECHO | ECHONL | ICANON | IEXTEN);
        tty.c_cflag &= ~(CSIZE | PARENB);
        tty.c_cflag |= CS8;
        tty.c_cc[VMIN] = 1;
        tty.c_cc[VTIME] = 0;
    }
    if (!stdio_allow_signal) {
        tty.c_lflag &= ~ISIG;
    }
    tcsetattr(0, TCSANOW, &tty);
}

static void term_stop_handler(int sig)
{
    /* back from ^Z: the shell reset the terminal, go raw again */
    qemu_chr_set_echo_stdio(NULL, stdio_echo_state);
}

static void qemu_chr_parse_stdio(QemuOpts *opts, ChardevBackend *backend,
                                 Error **errp)
{
    backend->has_signal = qemu_opt_find(opts, "signal") != NULL;
    backend->signal = qemu_opt_get_bool(opts, "signal", true);
}

static void qemu_chr_open_stdio(Chardev *chr, ChardevBackend *backend,
                                bool *be_opened, Error **errp)
{
    struct sigaction act;

    if (stdio_in_use) {
        error_setg(errp, "cannot use stdio by multiple character devices");
        return;
    }
    stdio_in_use = true;
    old_fd0_flags = fcntl(0, F_GETFL);
    term_saved = isatty(0) && tcgetattr(0, &oldtty) == 0;
    atexit(qemu_chr_stdio_restore);

    memset(&act, 0, sizeof(act));
    act.sa_handler = term_stop_handler;
    sigaction(SIGCONT, &act, NULL);

    qemu_chr_open_fd(chr, 0, 1);
    stdio_allow_signal = !backend->has_signal || backend->signal;
    qemu_chr_set_echo_stdio(chr, false);
    chr->filename = g_strdup("stdio");
}

static void char_stdio_finalize(Object *obj)
{
    qemu_chr_stdio_restore();
    stdio_in_use = false;
}

static void char_stdio_class_init(ObjectClass *oc, void *data)
{
    ChardevClass *cc = CHARDEV_CLASS(oc);

    cc->parse = qemu_chr_parse_stdio;
    cc->open = qemu_chr_open_stdio;
    cc->chr_set_echo = qemu_chr_set_echo_stdio;
}

static const TypeInfo char_stdio_type_info = {
    .name = TYPE_CHARDEV_STDIO,
    .parent = TYPE_CHARDEV_FD,
    .instance_finalize = char_stdio_finalize,
    .class_init = char_stdio_class_init,
};

static void register_types(void)
{
    type_register_static(&char_stdio_type_info);
}

type_init(register_types);
