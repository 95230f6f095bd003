/*
 * The "etc/table-loader" command list QEMU hands to firmware: allocate
 * fw_cfg files in guest memory, patch pointers between them and fix up
 * checksums.  Each command is 128 bytes, little-endian.
 */
#ifndef HW_ACPI_BIOS_LINKER_LOADER_H
#define HW_ACPI_BIOS_LINKER_LOADER_H

typedef struct BIOSLinker {
    GArray *cmd_blob;
    GArray *file_list;      /* BiosLinkerFileEntry */
} BIOSLinker;

#define BIOS_LINKER_LOADER_ENTRY_SIZE 128
#define BIOS_LINKER_LOADER_FILESZ 56

enum {
    BIOS_LINKER_LOADER_COMMAND_ALLOCATE = 0x1,
    BIOS_LINKER_LOADER_COMMAND_ADD_POINTER = 0x2,
    BIOS_LINKER_LOADER_COMMAND_ADD_CHECKSUM = 0x3,
    BIOS_LINKER_LOADER_COMMAND_WRITE_POINTER = 0x4,
};

enum {
    BIOS_LINKER_LOADER_ALLOC_ZONE_HIGH = 0x1,
    BIOS_LINKER_LOADER_ALLOC_ZONE_FSEG = 0x2,
};

BIOSLinker *bios_linker_loader_init(void);
void bios_linker_loader_alloc(BIOSLinker *linker, const char *file_name,
                              GArray *file_blob, uint32_t alloc_align,
                              bool alloc_fseg);
void bios_linker_loader_add_checksum(BIOSLinker *linker, const char *file,
                                     unsigned start_offset, unsigned size,
                                     unsigned checksum_offset);
void bios_linker_loader_add_pointer(BIOSLinker *linker,
                                    const char *dest_file,
                                    uint32_t dst_patched_offset,
                                    uint8_t dst_patched_size,
                                    const char *src_file,
                                    uint32_t src_offset);
void bios_linker_loader_cleanup(BIOSLinker *linker);

/*
 * What firmware does with the command list, for boards that boot
 * without firmware and for tests: every allocated file gets the guest
 * address @place returns for it, pointers and checksums are applied to
 * the blobs in place.  Returns false (with @errp) on a malformed list.
 */
typedef uint64_t (*BIOSLinkerPlaceFn)(const char *file, uint32_t align,
                                      bool fseg, size_t size, void *opaque);
bool bios_linker_loader_execute(BIOSLinker *linker, BIOSLinkerPlaceFn place,
                                void *opaque, Error **errp);
/* The blob of an allocated file and its placed address. */
GArray *bios_linker_loader_file_blob(BIOSLinker *linker, const char *file,
                                     uint64_t *addr);

#endif
