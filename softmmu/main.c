#include "qemu/osdep.h"
#include "sysemu/sysemu.h"

int main(int argc, char **argv)
{
    qemu_init(argc, argv);
    return qemu_main_loop();
}
