#ifndef QEMU_HELP_OPTION_H
#define QEMU_HELP_OPTION_H

/* Does @s ask for help?  Both "help" and the older "?" do. */
static inline bool is_help_option(const char *s)
{
    return !strcmp(s, "?") || !strcmp(s, "help");
}

#endif
