/*
 * SMBIOS 2.8 tables (DMTF DSP0134) for the PC: entry point plus the
 * structures firmware or a directly booted kernel reads; -smbios fields
 * override the defaults.
 */
#ifndef HW_FIRMWARE_SMBIOS_H
#define HW_FIRMWARE_SMBIOS_H

#include "qemu/option.h"

typedef struct MachineState MachineState;

#define SMBIOS_MAX_TYPE 127
#define SMBIOS_ENTRY_POINT_21_LEN 31

typedef enum SmbiosEntryPointType {
    SMBIOS_ENTRY_POINT_TYPE_32,
    SMBIOS_ENTRY_POINT_TYPE_64,
} SmbiosEntryPointType;

/* RAM ranges reported as type 19 structures. */
struct smbios_phys_mem_area {
    uint64_t address;
    uint64_t length;
};

/* The "smbios" option group; vl.c parses -smbios with it. */
extern QemuOptsList qemu_smbios_opts;

/* Validate and record one -smbios option (vl.c calls it per option). */
void smbios_entry_add(QemuOpts *opts, Error **errp);

/* Board defaults for types 1, 3 and 4 (manufacturer, product, version). */
void smbios_set_defaults(const char *manufacturer, const char *product,
                         const char *version, bool legacy_mode,
                         bool uuid_encoded, SmbiosEntryPointType ep_type);

/*
 * Build the structure table and the 2.8 entry point.  The entry
 * point's table address is 0: firmware fills it in; for direct boot
 * use smbios_entry_point_set_address().
 */
void smbios_get_tables(MachineState *ms,
                       const struct smbios_phys_mem_area *mem_array,
                       const unsigned int mem_array_size,
                       uint8_t **tables, size_t *tables_len,
                       uint8_t **anchor, size_t *anchor_len,
                       Error **errp);
/*
 * The same for a guest that runs without firmware (direct kernel boot):
 * with @no_firmware the BIOS information (type 0) is always included,
 * otherwise only when -smbios type=0 was given, as firmware adds its own.
 */
void smbios_get_tables_no_firmware(MachineState *ms,
                                   const struct smbios_phys_mem_area *mem_array,
                                   const unsigned int mem_array_size,
                                   bool no_firmware,
                                   uint8_t **tables, size_t *tables_len,
                                   uint8_t **anchor, size_t *anchor_len,
                                   Error **errp);
void smbios_entry_point_set_address(uint8_t *anchor, size_t anchor_len,
                                    uint32_t table_addr);

/* Forget every -smbios option and default (tests). */
void smbios_reset_options(void);

#endif
