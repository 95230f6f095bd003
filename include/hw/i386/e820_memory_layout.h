/* The e820 memory map the board reports to firmware and kernels. */
#ifndef HW_I386_E820_MEMORY_LAYOUT_H
#define HW_I386_E820_MEMORY_LAYOUT_H

#define E820_RAM        1
#define E820_RESERVED   2
#define E820_ACPI       3
#define E820_NVS        4
#define E820_UNUSABLE   5

struct e820_entry {
    uint64_t address;
    uint64_t length;
    uint32_t type;
} QEMU_PACKED QEMU_ALIGNED(4);

/* Append an entry; returns the new number of entries. */
int e820_add_entry(uint64_t address, uint64_t length, uint32_t type);
int e820_get_num_entries(void);
bool e820_get_entry(int idx, uint32_t type, uint64_t *address,
                    uint64_t *length);
/* The table in little-endian guest layout (pointer valid until next add). */
const struct e820_entry *e820_get_table(int *nr);
void e820_reset_table(void);

#endif
