/*
 * ACPI PCI hot-plug (the PIIX4 PM's "acpi-pci-hotplug" I/O block):
 * slot bitmaps the DSDT's PCNT/PCEJ methods read and write, and the
 * HotplugHandler callbacks that fill them.  See docs/devel/acpi.md.
 */
#ifndef HW_ACPI_PCIHP_H
#define HW_ACPI_PCIHP_H

#include "exec/memory.h"
#include "hw/hotplug.h"
#include "hw/pci/pci.h"

#define ACPI_PCIHP_ADDR             0xae00
/* up, down, eject, removable, select, acpi-index: six dwords */
#define ACPI_PCIHP_SIZE             0x18
/* Without bridge support QEMU keeps the old 0xf-byte layout. */
#define ACPI_PCIHP_LEGACY_SIZE      0x0f
#define ACPI_PCIHP_MAX_HOTPLUG_BUS  256
#define ACPI_PCIHP_BSEL_DEFAULT     0x0
#define ACPI_PCIHP_PROP_BSEL        "acpi-pcihp-bsel"

/* Register offsets inside the block. */
#define ACPI_PCIHP_UP               0x00    /* read: slots added (clears) */
#define ACPI_PCIHP_DOWN             0x04    /* read: slots to remove */
#define ACPI_PCIHP_EJ               0x08    /* write: eject lowest slot */
#define ACPI_PCIHP_RMV              0x0c    /* read: removable slots */
#define ACPI_PCIHP_SEL              0x10    /* bus selector (BNUM) */
#define ACPI_PCIHP_AIDX             0x14    /* acpi-index (PIDX) */

typedef struct AcpiPciHpPciStatus {
    uint32_t up;
    uint32_t down;
    uint32_t hotplug_enable;
} AcpiPciHpPciStatus;

typedef struct AcpiPciHpState {
    AcpiPciHpPciStatus acpi_pcihp_pci_status[ACPI_PCIHP_MAX_HOTPLUG_BUS];
    uint32_t hotplug_select;
    PCIBus *root;
    MemoryRegion io;
    bool legacy_piix;
    uint16_t io_base;
    uint16_t io_len;
    uint32_t acpi_index;
    /* Owner properties: acpi-pci-hotplug-with-bridge-support, ... */
    bool use_acpi_hotplug_bridge;
    bool use_acpi_root_pci_hotplug;
    /* bsel of the root bus, -1 when root hot-plug is off */
    int root_bsel;
    uint32_t hotplug_bsel_prop;     /* backs the bus's read-only property */
} AcpiPciHpState;

/* Map the register block at @io_base in @io; @root is bus 0. */
void acpi_pcihp_init(Object *owner, AcpiPciHpState *s, PCIBus *root,
                     MemoryRegion *io, uint16_t io_base);
/* Cancel notifications; complete unplugs the guest never acknowledged. */
void acpi_pcihp_reset(AcpiPciHpState *s, bool acpihp_root_off);

void acpi_pcihp_device_pre_plug_cb(HotplugHandler *hotplug_dev,
                                   DeviceState *dev, Error **errp);
void acpi_pcihp_device_plug_cb(HotplugHandler *hotplug_dev,
                               AcpiPciHpState *s, DeviceState *dev,
                               Error **errp);
void acpi_pcihp_device_unplug_cb(HotplugHandler *hotplug_dev,
                                 AcpiPciHpState *s, DeviceState *dev,
                                 Error **errp);
void acpi_pcihp_device_unplug_request_cb(HotplugHandler *hotplug_dev,
                                         AcpiPciHpState *s,
                                         DeviceState *dev, Error **errp);
bool acpi_pcihp_is_hotpluggable_bus(AcpiPciHpState *s, BusState *bus);
/* bsel of @bus, or -1 if it has none (not hot-pluggable through ACPI). */
int acpi_pcihp_get_bsel(AcpiPciHpState *s, PCIBus *bus);
/* True for devices that stay put: board functions, cold bridges. */
bool acpi_pcihp_pc_no_hotplug(AcpiPciHpState *s, PCIDevice *dev);

/*
 * What the DSDT describes for bus 0 (hw/i386/acpi-build.c): slot
 * devices with _SUN/_EJ0 for hot-pluggable slots, bare _ADR devices for
 * functions that are not.
 */
typedef struct AcpiPciHpDsdtInfo {
    uint16_t io_base;
    uint16_t io_len;
    uint32_t hotplug_slots;         /* bit per slot */
    uint32_t fixed_devfns[8];       /* bit per devfn (256) */
} AcpiPciHpDsdtInfo;

/*
 * Fill @info for the machine's root bus; false when no root bus hot-plug
 * controller exists (the DSDT then has no hot-plug AML).
 */
bool acpi_pcihp_get_dsdt_info(AcpiPciHpDsdtInfo *info);

#endif
