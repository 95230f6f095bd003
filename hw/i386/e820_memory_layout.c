/*
 * e820 memory map storage.  Entries are kept in guest (little-endian)
 * layout so the table can be handed to fw_cfg and boot loaders as is.
 */
#include "qemu/osdep.h"
#include "hw/i386/e820_memory_layout.h"

static GArray *e820_table;

static GArray *e820_array(void)
{
    if (!e820_table) {
        e820_table = g_array_new(false, true, sizeof(struct e820_entry));
    }
    return e820_table;
}

int e820_add_entry(uint64_t address, uint64_t length, uint32_t type)
{
    struct e820_entry e = {
        .address = GUINT64_TO_LE(address),
        .length = GUINT64_TO_LE(length),
        .type = GUINT32_TO_LE(type),
    };

    g_array_append_val(e820_array(), e);
    return e820_table->len;
}

int e820_get_num_entries(void)
{
    return e820_array()->len;
}

bool e820_get_entry(int idx, uint32_t type, uint64_t *address,
                    uint64_t *length)
{
    GArray *t = e820_array();
    struct e820_entry *e;

    if (idx < 0 || idx >= t->len) {
        return false;
    }
    e = &g_array_index(t, struct e820_entry, idx);
    if (GUINT32_FROM_LE(e->type) != type) {
        return false;
    }
    *address = GUINT64_FROM_LE(e->address);
    *length = GUINT64_FROM_LE(e->length);
    return true;
}

const struct e820_entry *e820_get_table(int *nr)
{
    GArray *t = e820_array();

    if (nr) {
        *nr = t->len;
    }
    return (const struct e820_entry *)t->data;
}

void e820_reset_table(void)
{
    g_array_set_size(e820_array(), 0);
}
