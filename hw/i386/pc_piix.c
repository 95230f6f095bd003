/*
 * The "pc" machine: i440FX host bridge + PIIX3, the default machine.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/module.h"
#include "exec/address-spaces.h"
#include "qemu/typedefs.h"
#include "hw/i386/pc.h"
#include "hw/i386/apic.h"
#include "hw/i386/acpi-build.h"
#include "hw/acpi/piix4.h"
#include "hw/ide/pci.h"
#include "hw/net/pci-nic.h"
#include "hw/pci/pci_bus.h"
#include "hw/pci/pci_host.h"
#include "sysemu/kvm.h"
#include "sysemu/qtest.h"
#include "target/i386/cpu.h"

static void pc_init1(MachineState *machine)
{
    PCMachineState *pcms = PC_MACHINE(machine);
    PCMachineClass *pcmc = PC_MACHINE_GET_CLASS(pcms);
    X86MachineState *x86ms = X86_MACHINE(machine);
    MemoryRegion *system_memory = get_system_memory();
    MemoryRegion *system_io = get_system_io();
    MemoryRegion *pci_memory, *ram_memory;
    DeviceState *phb;
    PCIDevice *piix3;
    ISABus *isa_bus;
    GSIState *gsi_state;
    uint64_t below, above;

    /* qtest: no vCPU runs; interrupt lines are only recorded. */
    if ((!kvm_enabled() || !kvm_irqchip_in_kernel()) && !qtest_enabled()) {
        error_report("the pc machine needs KVM with the in-kernel irqchip "
                     "(-accel kvm,kernel-irqchip=on)");
        exit(1);
    }

    pc_i440fx_split_ram(machine->ram_size, pcmc->gigabyte_align,
                        pcms->max_ram_below_4g, &below, &above);
    x86ms->below_4g_mem_size = below;
    x86ms->above_4g_mem_size = above;

    /* No memory backend (e.g. no -machine memory-backend): allocate. */
    if (!machine->ram) {
        machine->ram = g_new(MemoryRegion, 1);
        memory_region_init_ram(machine->ram, NULL, "pc.ram",
                               machine->ram_size, &error_fatal);
    }

    x86_cpus_init(x86ms, 1);

    pci_memory = g_new(MemoryRegion, 1);
    memory_region_init(pci_memory, NULL, "pci", UINT64_MAX);
    /* RAM wins over the PCI address space where both exist. */
    memory_region_add_subregion_overlap(system_memory, 0, pci_memory, -1);
    pc_memory_init(pcms, system_memory, pci_memory, &ram_memory, 0);

    gsi_state = g_new0(GSIState, 1);
    pcms->gsi_state = gsi_state;
    x86ms->gsi = qemu_allocate_irqs(gsi_handler, gsi_state, GSI_NUM_PINS);
    kvm_pc_setup_irq_routing(pcmc->pci_enabled);

    phb = qdev_new(TYPE_I440FX_PCI_HOST_BRIDGE);
    pcms->bus = i440fx_init(TYPE_I440FX_PCI_DEVICE, phb, system_memory,
                            system_io, machine->ram_size,
                            x86ms->below_4g_mem_size,
                            x86ms->above_4g_mem_size,
                            pci_memory, ram_memory);
    piix3 = pci_create_simple_multifunction(pcms->bus, -1, true,
                                            TYPE_PIIX3_DEVICE);
    piix3_set_pic_irqs(piix3, x86ms->gsi);
    isa_bus = piix3_get_isa_bus(piix3);
    pcms->isa_bus = isa_bus;
    isa_bus_irqs(isa_bus, x86ms->gsi);

    /* 01.1 IDE and 01.3 power management, as on QEMU's pc machine. */
    pci_ide_create_devs(pci_create_simple(pcms->bus, piix3->devfn + 1,
                                          "piix3-ide"));
    piix4_pm_init(pcms->bus, piix3->devfn + 3, x86ms->gsi[ACPI_SCI_IRQ]);

    pc_i8259_create(isa_bus, gsi_state->i8259_irq);
    ioapic_init_gsi(gsi_state, "/machine/i440fx");
    kvm_apic_msi_window_init(system_memory);

    /* i440FX: HPET timers may only use IOAPIC input 2, as QEMU's. */
    pc_basic_device_init(pcms, isa_bus, x86ms->gsi, &x86ms->rtc, false, 0x4);
    /* -nic / -net nic and the default NIC, after the fixed functions. */
    pci_nic_create_pending(pcms->bus, pcmc->default_nic_model);
    pc_machine_done(pcms);
}

static void pc_i440fx_machine_options(MachineClass *m)
{
    m->family = "pc_piix";
    m->desc = "Standard PC (i440FX + PIIX, 1996)";
    m->default_machine_opts = "firmware=bios-256k.bin";
    m->default_display = "std";
    m->default_cpu_type = X86_CPU_TYPE_NAME("qemu64");
    m->max_cpus = 255;
    m->default_ram_id = "pc.ram";
    m->alias = NULL;
    m->is_default = false;
}

static void pc_i440fx_7_2_machine_options(MachineClass *m)
{
    pc_i440fx_machine_options(m);
    m->alias = "pc";
    m->is_default = true;
}

DEFINE_PC_MACHINE(v7_2, "pc-i440fx-7.2", pc_init1,
                  pc_i440fx_7_2_machine_options);

static void pc_i440fx_7_1_machine_options(MachineClass *m)
{
    pc_i440fx_machine_options(m);
}

DEFINE_PC_MACHINE(v7_1, "pc-i440fx-7.1", pc_init1,
                  pc_i440fx_7_1_machine_options);

static void pc_i440fx_7_0_machine_options(MachineClass *m)
{
    pc_i440fx_machine_options(m);
}

DEFINE_PC_MACHINE(v7_0, "pc-i440fx-7.0", pc_init1,
                  pc_i440fx_7_0_machine_options);

static void pc_i440fx_6_2_machine_options(MachineClass *m)
{
    pc_i440fx_machine_options(m);
}

DEFINE_PC_MACHINE(v6_2, "pc-i440fx-6.2", pc_init1,
                  pc_i440fx_6_2_machine_options);
