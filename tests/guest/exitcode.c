/*
 * Exits with the code given as "code=N" on the multiboot command line
 * (-append code=N), proving command line passing and isa-debug-exit.
 */
#include "guest.h"

int main(void)
{
    long code = cmdline_get_int("code", -1);

    printf("exitcode: command line \"%s\"\n", cmdline());
    if (code < 0 || code > 127) {
        fail("no usable code=N on the command line\n");
    }
    printf("exitcode: %ld\n", code);
    return code;
}
