/*
 * Resets the machine through the method named on the command line:
 * method=kbd (0xfe to the keyboard controller at 0x64), method=port92
 * (fast reset, bit 0 of port 0x92) or method=cf9 (PIIX3 reset control
 * register).  Under -no-reboot the emulator must then exit by itself.
 */
#include "guest.h"

int main(void)
{
    char m[16];
    const char *method = cmdline_get("method", m, sizeof(m));

    if (!method) {
        fail("no method= on the command line\n");
    }
    if (!strcmp(method, "kbd")) {
        printf("reset: via port 0x64\n");
        outb(0xfe, 0x64);
    } else if (!strcmp(method, "port92")) {
        printf("reset: via port 0x92\n");
        uint8_t v = inb(0x92) & ~1;
        outb(v, 0x92);
        outb(v | 1, 0x92);
    } else if (!strcmp(method, "cf9")) {
        printf("reset: via port 0xcf9\n");
        outb(0x02, 0xcf9);
        outb(0x06, 0xcf9);
    } else {
        fail("unknown method %s\n", method);
    }
    spin(100000);
    printf("reset: still running\n");
    return 1;
}
