/*
 * The "none" machine: no devices, optional RAM at 0.  libvirt starts it
 * to probe the emulator's capabilities.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "exec/memory.h"
#include "exec/address-spaces.h"
#include "qemu/error-report.h"
#include "hw/boards.h"

static void machine_none_init(MachineState *mch)
{
    /* RAM at address 0 if the user asked for some (-m). */
    if (mch->ram && mch->ram_size) {
        memory_region_add_subregion(get_system_memory(), 0, mch->ram);
    }
    if (mch->kernel_filename) {
        error_report("The -kernel parameter is not supported "
                     "(use the generic 'loader' device instead).");
        exit(1);
    }
}

static void machine_none_machine_init(MachineClass *mc)
{
    mc->desc = "empty machine";
    mc->init = machine_none_init;
    mc->max_cpus = 1;
    mc->default_ram_size = 0;
    mc->default_ram_id = "ram";
    mc->no_serial = 1;
    mc->no_parallel = 1;
    mc->no_floppy = 1;
    mc->no_cdrom = 1;
    mc->no_sdcard = 1;
    mc->no_irqchip = true;
}

DEFINE_MACHINE("none", machine_none_machine_init)
