/*
 * Firmware table loader command list ("etc/table-loader").
 *
 * The VMM lays out ACPI tables in fw_cfg files with pointers written as
 * offsets into their target file; firmware allocates the files, adds
 * each target's address and recomputes the checksums.  The same list is
 * executed here for direct kernel boot.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/bswap.h"
#include "hw/acpi/bios-linker-loader.h"

typedef struct BiosLinkerFileEntry {
    char *name;
    GArray *blob;
    uint64_t addr;      /* set by bios_linker_loader_execute() */
} BiosLinkerFileEntry;

BIOSLinker *bios_linker_loader_init(void)
{
    BIOSLinker *linker = g_new0(BIOSLinker, 1);

    linker->cmd_blob = g_array_new(false, true, 1);
    linker->file_list = g_array_new(false, true,
                                    sizeof(BiosLinkerFileEntry));
    return linker;
}

void bios_linker_loader_cleanup(BIOSLinker *linker)
{
    int i;

    for (i = 0; i < linker->file_list->len; i++) {
        g_free(g_array_index(linker->file_list, BiosLinkerFileEntry,
                             i).name);
    }
    g_array_free(linker->file_list, true);
    g_array_free(linker->cmd_blob, true);
    g_free(linker);
}

static BiosLinkerFileEntry *linker_find_file(BIOSLinker *linker,
                                             const char *name)
{
    int i;

    for (i = 0; i < linker->file_list->len; i++) {
        BiosLinkerFileEntry *f = &g_array_index(linker->file_list,
                                                BiosLinkerFileEntry, i);
        if (!strcmp(f->name, name)) {
            return f;
        }
    }
    return NULL;
}

static uint8_t *linker_new_command(BIOSLinker *linker, uint32_t command)
{
    unsigned off = linker->cmd_blob->len;
    uint8_t *cmd;

    g_array_set_size(linker->cmd_blob, off + BIOS_LINKER_LOADER_ENTRY_SIZE);
    cmd = (uint8_t *)linker->cmd_blob->data + off;
    memset(cmd, 0, BIOS_LINKER_LOADER_ENTRY_SIZE);
    stl_le_p(cmd, command);
    return cmd;
}

static void put_file_name(uint8_t *dst, const char *name)
{
    assert(strlen(name) < BIOS_LINKER_LOADER_FILESZ);
    strncpy((char *)dst, name, BIOS_LINKER_LOADER_FILESZ);
}

void bios_linker_loader_alloc(BIOSLinker *linker, const char *file_name,
                              GArray *file_blob, uint32_t alloc_align,
                              bool alloc_fseg)
{
    BiosLinkerFileEntry f = {
        .name = g_strdup(file_name),
        .blob = file_blob,
    };
    uint8_t *cmd;

    assert(is_power_of_2(alloc_align));
    assert(!linker_find_file(linker, file_name));
    g_array_append_val(linker->file_list, f);

    cmd = linker_new_command(linker, BIOS_LINKER_LOADER_COMMAND_ALLOCATE);
    put_file_name(cmd + 4, file_name);
    stl_le_p(cmd + 4 + 56, alloc_align);
    cmd[4 + 56 + 4] = alloc_fseg ? BIOS_LINKER_LOADER_ALLOC_ZONE_FSEG
                                 : BIOS_LINKER_LOADER_ALLOC_ZONE_HIGH;
}

void bios_linker_loader_add_checksum(BIOSLinker *linker, const char *file,
                                     unsigned start_offset, unsigned size,
                                     unsigned checksum_offset)
{
    BiosLinkerFileEntry *f = linker_find_file(linker, file);
    uint8_t *cmd;

    assert(f);
    assert(start_offset + size <= f->blob->len);
    assert(checksum_offset >= start_offset &&
           checksum_offset < start_offset + size);
    /* Firmware adds to the existing byte: start from zero. */
    g_array_index(f->blob, uint8_t, checksum_offset) = 0;

    cmd = linker_new_command(linker, BIOS_LINKER_LOADER_COMMAND_ADD_CHECKSUM);
    put_file_name(cmd + 4, file);
    stl_le_p(cmd + 4 + 56, checksum_offset);
    stl_le_p(cmd + 4 + 60, start_offset);
    stl_le_p(cmd + 4 + 64, size);
}

void bios_linker_loader_add_pointer(BIOSLinker *linker,
                                    const char *dest_file,
                                    uint32_t dst_patched_offset,
                                    uint8_t dst_patched_size,
                                    const char *src_file,
                                    uint32_t src_offset)
{
    BiosLinkerFileEntry *dst = linker_find_file(linker, dest_file);
    BiosLinkerFileEntry *src = linker_find_file(linker, src_file);
    uint8_t *p, *cmd;
    int i;

    assert(dst && src);
    assert(dst_patched_size == 1 || dst_patched_size == 2 ||
           dst_patched_size == 4 || dst_patched_size == 8);
    assert(dst_patched_offset + dst_patched_size <= dst->blob->len);
    assert(src_offset < src->blob->len);

    /* The pointer field holds the offset in the source file. */
    p = (uint8_t *)dst->blob->data + dst_patched_offset;
    for (i = 0; i < dst_patched_size; i++) {
        p[i] = (uint64_t)src_offset >> (8 * i);
    }

    cmd = linker_new_command(linker, BIOS_LINKER_LOADER_COMMAND_ADD_POINTER);
    put_file_name(cmd + 4, dest_file);
    put_file_name(cmd + 4 + 56, src_file);
    stl_le_p(cmd + 4 + 112, dst_patched_offset);
    cmd[4 + 116] = dst_patched_size;
}

GArray *bios_linker_loader_file_blob(BIOSLinker *linker, const char *file,
                                     uint64_t *addr)
{
    BiosLinkerFileEntry *f = linker_find_file(linker, file);

    if (!f) {
        return NULL;
    }
    if (addr) {
        *addr = f->addr;
    }
    return f->blob;
}

static BiosLinkerFileEntry *cmd_file(BIOSLinker *linker, const uint8_t *p,
                                     Error **errp)
{
    char name[BIOS_LINKER_LOADER_FILESZ + 1];
    BiosLinkerFileEntry *f;

    memcpy(name, p, BIOS_LINKER_LOADER_FILESZ);
    name[BIOS_LINKER_LOADER_FILESZ] = 0;
    f = linker_find_file(linker, name);
    if (!f) {
        error_setg(errp, "table loader: unknown file '%s'", name);
    }
    return f;
}

bool bios_linker_loader_execute(BIOSLinker *linker, BIOSLinkerPlaceFn place,
                                void *opaque, Error **errp)
{
    unsigned off;

    for (off = 0; off + BIOS_LINKER_LOADER_ENTRY_SIZE <= linker->cmd_blob->len;
         off += BIOS_LINKER_LOADER_ENTRY_SIZE) {
        const uint8_t *cmd = (uint8_t *)linker->cmd_blob->data + off;
        BiosLinkerFileEntry *f, *src;
        uint32_t at, start, len;
        uint64_t val;
        uint8_t *p, size;
        int i;

        switch (ldl_le_p(cmd)) {
        case BIOS_LINKER_LOADER_COMMAND_ALLOCATE:
            f = cmd_file(linker, cmd + 4, errp);
            if (!f) {
                return false;
            }
            f->addr = place(f->name, ldl_le_p(cmd + 60),
                            cmd[64] == BIOS_LINKER_LOADER_ALLOC_ZONE_FSEG,
                            f->blob->len, opaque);
            if (!f->addr) {
                error_setg(errp, "table loader: no room for '%s'", f->name);
                return false;
            }
            break;
        case BIOS_LINKER_LOADER_COMMAND_ADD_POINTER:
            f = cmd_file(linker, cmd + 4, errp);
            src = f ? cmd_file(linker, cmd + 60, errp) : NULL;
            if (!src) {
                return false;
            }
            at = ldl_le_p(cmd + 116);
            size = cmd[120];
            if (size > 8 || at + size > f->blob->len) {
                error_setg(errp, "table loader: bad pointer in '%s'", f->name);
                return false;
            }
            p = (uint8_t *)f->blob->data + at;
            val = 0;
            for (i = 0; i < size; i++) {
                val |= (uint64_t)p[i] << (8 * i);
            }
            val += src->addr;
            for (i = 0; i < size; i++) {
                p[i] = val >> (8 * i);
            }
            break;
        case BIOS_LINKER_LOADER_COMMAND_ADD_CHECKSUM:
            f = cmd_file(linker, cmd + 4, errp);
            if (!f) {
                return false;
            }
            at = ldl_le_p(cmd + 60);
            start = ldl_le_p(cmd + 64);
            len = ldl_le_p(cmd + 68);
            if (at >= f->blob->len || start + len > f->blob->len) {
                error_setg(errp, "table loader: bad checksum in '%s'",
                           f->name);
                return false;
            }
            p = (uint8_t *)f->blob->data;
            p[at] = 0;
            val = 0;
            for (i = 0; i < len; i++) {
                val += p[start + i];
            }
            p[at] = -(uint8_t)val;
            break;
        default:
            error_setg(errp, "table loader: unknown command");
            return false;
        }
    }
    return true;
}
