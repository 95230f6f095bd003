/* Placeholder front end; replaced by the real command-line parser. */
#include "qemu/osdep.h"
#include "qemu/module.h"
#include "qemu/error-report.h"
#include "sysemu/sysemu.h"

void qemu_init(int argc, char **argv)
{
    error_init(argv[0]);
    module_call_init(MODULE_INIT_OPTS);
    module_call_init(MODULE_INIT_QOM);
}

int qemu_main_loop(void)
{
    return 0;
}
