#ifndef SYSEMU_SYSEMU_H
#define SYSEMU_SYSEMU_H

/* softmmu/vl.c: parse the command line and build the machine. */
void qemu_init(int argc, char **argv);
/* softmmu/runstate.c: run until shutdown; returns the exit status. */
int qemu_main_loop(void);
void qemu_cleanup(void);

#endif
