/*
 * fw_cfg: firmware configuration blobs read by the guest through the
 * selector (0x510, 16-bit), data (0x511, byte-wide) and DMA (0x514,
 * 64-bit big-endian address of an FWCfgDmaAccess) ports.
 *
 * Every guest address the DMA interface touches goes through the
 * address-space accessors, which fail on anything that is not guest
 * memory; failures set the error bit in the request's control word.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/module.h"
#include "qemu/option.h"
#include "qemu/config-file.h"
#include "exec/address-spaces.h"
#include "hw/nvram/fw_cfg.h"
#include "hw/qdev-properties.h"

#define FW_CFG_FILE_SLOTS_DFLT 0x20

struct FWCfgEntry {
    uint32_t len;
    bool allow_write;
    uint8_t *data;
    void *callback_opaque;
    FWCfgCallback select_cb;
    FWCfgWriteCallback write_cb;
};

static uint16_t fw_cfg_file_slots(const FWCfgState *s)
{
    return s->file_slots;
}

static uint16_t fw_cfg_max_entry(const FWCfgState *s)
{
    return FW_CFG_FILE_FIRST + fw_cfg_file_slots(s);
}

static int get_fw_cfg_order(FWCfgState *s, const char *name)
{
    return 0;
}

static FWCfgEntry *fw_cfg_entry(FWCfgState *s, uint16_t key)
{
    int arch = !!(key & FW_CFG_ARCH_LOCAL);

    key &= FW_CFG_ENTRY_MASK;
    if (key >= fw_cfg_max_entry(s)) {
        return NULL;
    }
    return &s->entries[arch][key];
}

static void fw_cfg_add_bytes_callback(FWCfgState *s, uint16_t key,
                                      FWCfgCallback select_cb,
                                      FWCfgWriteCallback write_cb,
                                      void *callback_opaque,
                                      void *data, size_t len,
                                      bool read_only)
{
    FWCfgEntry *e = fw_cfg_entry(s, key);

    assert(e && len <= UINT32_MAX);
    /* Adding the same key twice is a board bug. */
    assert(e->data == NULL);
    e->data = data;
    e->len = (uint32_t)len;
    e->select_cb = select_cb;
    e->write_cb = write_cb;
    e->callback_opaque = callback_opaque;
    e->allow_write = !read_only;
}

static void *fw_cfg_modify_bytes_read(FWCfgState *s, uint16_t key,
                                      void *data, size_t len)
{
    FWCfgEntry *e = fw_cfg_entry(s, key);
    void *ptr;

    assert(e);
    ptr = e->data;
    e->data = data;
    e->len = len;
    e->select_cb = NULL;
    e->write_cb = NULL;
    e->callback_opaque = NULL;
    e->allow_write = false;
    return ptr;
}

void fw_cfg_add_bytes(FWCfgState *s, uint16_t key, void *data, size_t len)
{
    fw_cfg_add_bytes_callback(s, key, NULL, NULL, NULL, data, len, true);
}

void fw_cfg_add_string(FWCfgState *s, uint16_t key, const char *value)
{
    size_t sz = strlen(value) + 1;

    fw_cfg_add_bytes(s, key, g_memdup2(value, sz), sz);
}

void fw_cfg_modify_string(FWCfgState *s, uint16_t key, const char *value)
{
    size_t sz = strlen(value) + 1;

    g_free(fw_cfg_modify_bytes_read(s, key, g_memdup2(value, sz), sz));
}

void fw_cfg_add_i16(FWCfgState *s, uint16_t key, uint16_t value)
{
    uint16_t *copy = g_new(uint16_t, 1);

    *copy = GUINT16_TO_LE(value);
    fw_cfg_add_bytes(s, key, copy, sizeof(value));
}

void fw_cfg_modify_i16(FWCfgState *s, uint16_t key, uint16_t value)
{
    uint16_t *copy = g_new(uint16_t, 1);

    *copy = GUINT16_TO_LE(value);
    g_free(fw_cfg_modify_bytes_read(s, key, copy, sizeof(value)));
}

void fw_cfg_add_i32(FWCfgState *s, uint16_t key, uint32_t value)
{
    uint32_t *copy = g_new(uint32_t, 1);

    *copy = GUINT32_TO_LE(value);
    fw_cfg_add_bytes(s, key, copy, sizeof(value));
}

void fw_cfg_modify_i32(FWCfgState *s, uint16_t key, uint32_t value)
{
    uint32_t *copy = g_new(uint32_t, 1);

    *copy = GUINT32_TO_LE(value);
    g_free(fw_cfg_modify_bytes_read(s, key, copy, sizeof(value)));
}

void fw_cfg_add_i64(FWCfgState *s, uint16_t key, uint64_t value)
{
    uint64_t *copy = g_new(uint64_t, 1);

    *copy = GUINT64_TO_LE(value);
    fw_cfg_add_bytes(s, key, copy, sizeof(value));
}

void fw_cfg_modify_i64(FWCfgState *s, uint16_t key, uint64_t value)
{
    uint64_t *copy = g_new(uint64_t, 1);

    *copy = GUINT64_TO_LE(value);
    g_free(fw_cfg_modify_bytes_read(s, key, copy, sizeof(value)));
}

/* ---- File directory ----------------------------------------------- */

static int fw_cfg_find_file(FWCfgState *s, const char *filename)
{
    uint32_t i;

    for (i = 0; i < s->nr_files; i++) {
        if (strcmp(s->files_be[i].name, filename) == 0) {
            return i;
        }
    }
    return -1;
}

bool fw_cfg_has_file(FWCfgState *s, const char *filename)
{
    return fw_cfg_find_file(s, filename) >= 0;
}

const void *fw_cfg_get_file(FWCfgState *s, const char *filename, size_t *len)
{
    int i = fw_cfg_find_file(s, filename);
    FWCfgEntry *e;

    if (i < 0) {
        return NULL;
    }
    e = fw_cfg_entry(s, GUINT16_FROM_BE(s->files_be[i].select));
    if (len) {
        *len = e->len;
    }
    return e->data;
}

/* Directory blob: big-endian count followed by the entries. */
static void fw_cfg_update_dir(FWCfgState *s)
{
    FWCfgEntry *e = fw_cfg_entry(s, FW_CFG_FILE_DIR);
    size_t dsize = sizeof(uint32_t) + s->nr_files * sizeof(FWCfgFile);
    uint8_t *dir = g_malloc0(dsize);
    uint32_t count = GUINT32_TO_BE(s->nr_files);

    memcpy(dir, &count, 4);
    memcpy(dir + 4, s->files_be, s->nr_files * sizeof(FWCfgFile));
    g_free(e->data);
    e->data = dir;
    e->len = dsize;
}

void fw_cfg_add_file_callback(FWCfgState *s, const char *filename,
                              FWCfgCallback select_cb,
                              FWCfgWriteCallback write_cb,
                              void *callback_opaque,
                              void *data, size_t len, bool read_only)
{
    int i, index;
    uint16_t key;

    if (s->nr_files >= fw_cfg_file_slots(s)) {
        error_report("fw_cfg: no free file slots for '%s'", filename);
        exit(1);
    }
    if (fw_cfg_find_file(s, filename) >= 0) {
        error_report("duplicate fw_cfg file name: %s", filename);
        exit(1);
    }
    /* Keep the directory sorted by name; later keys shift up by one. */
    for (index = 0; index < s->nr_files; index++) {
        if (strcmp(filename, s->files_be[index].name) < 0) {
            break;
        }
    }
    for (i = s->nr_files; i > index; i--) {
        s->files_be[i] = s->files_be[i - 1];
        s->files_be[i].select = GUINT16_TO_BE(FW_CFG_FILE_FIRST + i);
        s->entries[0][FW_CFG_FILE_FIRST + i] =
            s->entries[0][FW_CFG_FILE_FIRST + i - 1];
    }
    memset(&s->files_be[index], 0, sizeof(FWCfgFile));
    memset(&s->entries[0][FW_CFG_FILE_FIRST + index], 0, sizeof(FWCfgEntry));

    key = FW_CFG_FILE_FIRST + index;
    g_strlcpy(s->files_be[index].name, filename,
              sizeof(s->files_be[index].name));
    s->files_be[index].size = GUINT32_TO_BE(len);
    s->files_be[index].select = GUINT16_TO_BE(key);
    fw_cfg_add_bytes_callback(s, key, select_cb, write_cb, callback_opaque,
                              data, len, read_only);
    s->nr_files++;
    fw_cfg_update_dir(s);
    (void)get_fw_cfg_order;
}

void fw_cfg_add_file(FWCfgState *s, const char *filename, void *data,
                     size_t len)
{
    fw_cfg_add_file_callback(s, filename, NULL, NULL, NULL, data, len, true);
}

void *fw_cfg_modify_file(FWCfgState *s, const char *filename, void *data,
                         size_t len)
{
    int i = fw_cfg_find_file(s, filename);
    void *ptr;

    if (i < 0) {
        fw_cfg_add_file(s, filename, data, len);
        return NULL;
    }
    ptr = fw_cfg_modify_bytes_read(s, GUINT16_FROM_BE(s->files_be[i].select),
                                   data, len);
    s->files_be[i].size = GUINT32_TO_BE(len);
    fw_cfg_update_dir(s);
    return ptr;
}

/* ---- Boot order ----------------------------------------------------- */

typedef struct FWBootEntry {
    int32_t bootindex;
    char *path;
} FWBootEntry;

void fw_cfg_add_bootorder_entry(FWCfgState *s, int32_t bootindex,
                                const char *path)
{
    FWBootEntry *e = g_new0(FWBootEntry, 1);

    e->bootindex = bootindex;
    e->path = g_strdup(path);
    s->bootorder = g_list_append(s->bootorder, e);
}

static gint bootentry_cmp(gconstpointer a, gconstpointer b)
{
    const FWBootEntry *x = a, *y = b;

    return x->bootindex - y->bootindex;
}

void fw_cfg_build_bootorder(FWCfgState *s)
{
    GString *buf = g_string_new(NULL);
    GList *l;
    size_t len;

    s->bootorder = g_list_sort(s->bootorder, bootentry_cmp);
    for (l = s->bootorder; l; l = l->next) {
        FWBootEntry *e = l->data;
        g_string_append_printf(buf, "%s\n", e->path);
    }
    /* Entries are newline separated and the list is NUL terminated. */
    if (buf->len) {
        buf->str[buf->len - 1] = '\0';
        len = buf->len;
    } else {
        len = 0;
    }
    g_free(fw_cfg_modify_file(s, "bootorder", g_string_free(buf, false),
                              len));
}

/* ---- Guest interface ---------------------------------------------- */

void fw_cfg_select(FWCfgState *s, uint16_t key)
{
    FWCfgEntry *e;

    s->cur_offset = 0;
    e = fw_cfg_entry(s, key);
    if (!e) {
        s->cur_entry = FW_CFG_INVALID;
        return;
    }
    s->cur_entry = key;
    if (e->select_cb) {
        e->select_cb(e->callback_opaque);
    }
}

static FWCfgEntry *fw_cfg_cur(FWCfgState *s)
{
    return s->cur_entry == FW_CFG_INVALID ? NULL
                                          : fw_cfg_entry(s, s->cur_entry);
}

uint64_t fw_cfg_data_read(void *opaque, hwaddr addr, unsigned size)
{
    FWCfgState *s = opaque;
    FWCfgEntry *e = fw_cfg_cur(s);
    uint64_t value = 0;
    unsigned i;

    /* Bytes come out in stream order, most significant first (QEMU). */
    for (i = 0; i < size; i++) {
        value <<= 8;
        if (e && e->data && s->cur_offset < e->len) {
            value |= e->data[s->cur_offset++];
        }
    }
    return value;
}

static bool dma_write_guest(FWCfgState *s, uint64_t addr, const void *buf,
                            uint64_t len)
{
    return address_space_write(s->dma_as, addr, MEMTXATTRS_UNSPECIFIED,
                               buf, len) == MEMTX_OK;
}

static bool dma_read_guest(FWCfgState *s, uint64_t addr, void *buf,
                           uint64_t len)
{
    return address_space_read(s->dma_as, addr, MEMTXATTRS_UNSPECIFIED,
                              buf, len) == MEMTX_OK;
}

static bool dma_zero_guest(FWCfgState *s, uint64_t addr, uint64_t len)
{
    static const uint8_t zeros[4096];

    while (len) {
        uint64_t l = MIN(len, sizeof(zeros));
        if (!dma_write_guest(s, addr, zeros, l)) {
            return false;
        }
        addr += l;
        len -= l;
    }
    return true;
}

void fw_cfg_dma_transfer(FWCfgState *s)
{
    uint64_t dma_addr = s->dma_addr;
    FWCfgDmaAccess dma;
    FWCfgEntry *e;
    uint32_t control, length, ctl;
    uint64_t address;
    bool read = false, write = false;

    s->dma_addr = 0;
    if (!dma_read_guest(s, dma_addr, &dma, sizeof(dma))) {
        ctl = GUINT32_TO_BE(FW_CFG_DMA_CTL_ERROR);
        dma_write_guest(s, dma_addr, &ctl, 4);
        return;
    }
    control = GUINT32_FROM_BE(dma.control);
    length = GUINT32_FROM_BE(dma.length);
    address = GUINT64_FROM_BE(dma.address);

    if (control & FW_CFG_DMA_CTL_SELECT) {
        fw_cfg_select(s, control >> 16);
    }
    e = fw_cfg_cur(s);

    if (control & FW_CFG_DMA_CTL_READ) {
        read = true;
    } else if (control & FW_CFG_DMA_CTL_WRITE) {
        write = true;
    } else if (!(control & FW_CFG_DMA_CTL_SKIP)) {
        length = 0;
    }
    control = 0;

    while (length > 0 && !(control & FW_CFG_DMA_CTL_ERROR)) {
        uint32_t len;

        if (!e || !e->data || s->cur_offset >= e->len) {
            len = length;
            /* Past the end: reads fill zeros, writes are an error. */
            if (read && !dma_zero_guest(s, address, len)) {
                control |= FW_CFG_DMA_CTL_ERROR;
            }
            if (write) {
                control |= FW_CFG_DMA_CTL_ERROR;
            }
        } else {
            len = MIN(length, e->len - s->cur_offset);
            if (read && !dma_write_guest(s, address,
                                         e->data + s->cur_offset, len)) {
                control |= FW_CFG_DMA_CTL_ERROR;
            }
            if (write) {
                if (!e->allow_write || len != length) {
                    control |= FW_CFG_DMA_CTL_ERROR;
                } else if (!dma_read_guest(s, address,
                                           e->data + s->cur_offset, len)) {
                    control |= FW_CFG_DMA_CTL_ERROR;
                } else if (e->write_cb) {
                    e->write_cb(e->callback_opaque, s->cur_offset, len);
                }
            }
            s->cur_offset += len;
        }
        address += len;
        length -= len;
    }
    ctl = GUINT32_TO_BE(control);
    dma_write_guest(s, dma_addr + offsetof(FWCfgDmaAccess, control), &ctl, 4);
}

bool fw_cfg_dma_enabled(void *opaque)
{
    FWCfgState *s = opaque;

    return s->dma_enabled;
}

/*
 * Port I/O handlers.  The DMA register is big-endian: the byte at 0x514
 * is the most significant.  The ops are declared little-endian and the
 * swap is done here, so it does not depend on the memory core.
 */
static uint64_t fw_cfg_dma_mem_read(void *opaque, hwaddr addr, unsigned size)
{
    uint64_t v = 0;
    unsigned i;

    for (i = 0; i < size && addr + i < 8; i++) {
        uint8_t b = FW_CFG_DMA_SIGNATURE >> (8 * (7 - (addr + i)));
        v |= (uint64_t)b << (8 * i);
    }
    return v;
}

static void fw_cfg_dma_mem_write(void *opaque, hwaddr addr, uint64_t value,
                                 unsigned size)
{
    FWCfgState *s = opaque;

    if (size == 4) {
        uint32_t v = GUINT32_SWAP_LE_BE((uint32_t)value);
        if (addr == 0) {
            /* high half */
            s->dma_addr = (uint64_t)v << 32;
        } else if (addr == 4) {
            /* low half triggers the transfer */
            s->dma_addr |= v;
            fw_cfg_dma_transfer(s);
        }
    } else if (size == 8 && addr == 0) {
        s->dma_addr = GUINT64_SWAP_LE_BE(value);
        fw_cfg_dma_transfer(s);
    }
}

static const MemoryRegionOps fw_cfg_dma_mem_ops = {
    .read = fw_cfg_dma_mem_read,
    .write = fw_cfg_dma_mem_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = {
        .min_access_size = 1,
        .max_access_size = 8,
    },
    .impl = {
        .min_access_size = 1,
        .max_access_size = 8,
    },
};

/* 0x510: 16-bit selector write; 0x511: byte-wide data. */
static uint64_t fw_cfg_comb_read(void *opaque, hwaddr addr, unsigned size)
{
    if (addr == 1 && size == 1) {
        return fw_cfg_data_read(opaque, 0, 1);
    }
    return 0;
}

static void fw_cfg_comb_write(void *opaque, hwaddr addr, uint64_t value,
                              unsigned size)
{
    FWCfgState *s = opaque;

    switch (size) {
    case 1:
        /* Data writes are ignored (QEMU 2.4+). */
        break;
    case 2:
        if (addr == 0) {
            fw_cfg_select(s, value);
        }
        break;
    }
}

static const MemoryRegionOps fw_cfg_comb_mem_ops = {
    .read = fw_cfg_comb_read,
    .write = fw_cfg_comb_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = {
        .min_access_size = 1,
        .max_access_size = 2,
    },
    .impl = {
        .min_access_size = 1,
        .max_access_size = 2,
    },
};

/* ---- Device ------------------------------------------------------- */

static void fw_cfg_reset(DeviceState *d)
{
    FWCfgState *s = FW_CFG(d);

    fw_cfg_select(s, 0);
    s->dma_addr = 0;
}

static void fw_cfg_common_init(FWCfgState *s)
{
    static const uint8_t uuid[16];
    uint32_t version = FW_CFG_VERSION;

    if (!s->file_slots) {
        s->file_slots = FW_CFG_FILE_SLOTS_DFLT;
    }
    s->entries[0] = g_new0(FWCfgEntry, fw_cfg_max_entry(s));
    s->entries[1] = g_new0(FWCfgEntry, fw_cfg_max_entry(s));
    s->files_be = g_new0(FWCfgFile, fw_cfg_file_slots(s));
    s->cur_entry = FW_CFG_INVALID;

    fw_cfg_add_bytes(s, FW_CFG_SIGNATURE, g_memdup2("QEMU", 4), 4);
    if (s->dma_enabled) {
        version |= FW_CFG_VERSION_DMA;
    }
    fw_cfg_add_i32(s, FW_CFG_ID, version);
    fw_cfg_add_bytes(s, FW_CFG_UUID, g_memdup2(uuid, 16), 16);
    fw_cfg_add_i16(s, FW_CFG_NOGRAPHIC, 0);
    fw_cfg_add_i16(s, FW_CFG_BOOT_MENU, 0);
    /* Empty directory, then the files every QEMU machine has. */
    fw_cfg_add_bytes(s, FW_CFG_FILE_DIR, g_malloc0(4), 4);
    {
        int32_t *fail_wait = g_new(int32_t, 1);
        *fail_wait = GINT32_TO_LE(-1);
        fw_cfg_add_file(s, "etc/boot-fail-wait", fail_wait, 4);
    }
}

static Property fw_cfg_io_properties[] = {
    DEFINE_PROP_BOOL("dma_enabled", FWCfgIoState, parent_obj.dma_enabled,
                     true),
    DEFINE_PROP_UINT16("x-file-slots", FWCfgIoState, parent_obj.file_slots,
                       FW_CFG_FILE_SLOTS_DFLT),
    DEFINE_PROP_END_OF_LIST(),
};

static void fw_cfg_io_realize(DeviceState *dev, Error **errp)
{
    FWCfgIoState *s = FW_CFG_IO(dev);
    FWCfgState *fs = FW_CFG(dev);

    if (fs->file_slots < FW_CFG_FILE_SLOTS_MIN) {
        error_setg(errp, "x-file-slots must be at least 0x%x",
                   FW_CFG_FILE_SLOTS_MIN);
        return;
    }
    memory_region_init_io(&s->comb_iomem, OBJECT(s), &fw_cfg_comb_mem_ops,
                          fs, "fwcfg", 2);
    if (fs->dma_enabled) {
        memory_region_init_io(&fs->dma_iomem, OBJECT(s), &fw_cfg_dma_mem_ops,
                              fs, "fwcfg.dma", 8);
    }
    fw_cfg_common_init(fs);
}

static void fw_cfg_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->reset = fw_cfg_reset;
    dc->user_creatable = false;
}

static const TypeInfo fw_cfg_info = {
    .name = TYPE_FW_CFG,
    .parent = TYPE_SYS_BUS_DEVICE,
    .abstract = true,
    .instance_size = sizeof(FWCfgState),
    .class_init = fw_cfg_class_init,
};

static void fw_cfg_io_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = fw_cfg_io_realize;
    device_class_set_props(dc, fw_cfg_io_properties);
}

static const TypeInfo fw_cfg_io_info = {
    .name = TYPE_FW_CFG_IO,
    .parent = TYPE_FW_CFG,
    .instance_size = sizeof(FWCfgIoState),
    .class_init = fw_cfg_io_class_init,
};

FWCfgState *fw_cfg_find(void)
{
    Object *o = object_resolve_path_type("", TYPE_FW_CFG, NULL);

    return o ? FW_CFG(o) : NULL;
}

FWCfgState *fw_cfg_init_io_dma(uint32_t iobase, uint32_t dma_iobase,
                               AddressSpace *dma_as)
{
    DeviceState *dev = qdev_new(TYPE_FW_CFG_IO);
    FWCfgIoState *ios = FW_CFG_IO(dev);
    FWCfgState *s = FW_CFG(dev);

    if (!dma_iobase) {
        qdev_prop_set_bit(dev, "dma_enabled", false);
    }
    object_property_add_child(qdev_get_machine(), FW_CFG_NAME, OBJECT(dev));
    sysbus_realize_and_unref(SYS_BUS_DEVICE(dev), &error_fatal);

    memory_region_add_subregion(get_system_io(), iobase, &ios->comb_iomem);
    if (s->dma_enabled) {
        s->dma_as = dma_as ? dma_as : &address_space_memory;
        memory_region_add_subregion(get_system_io(), dma_iobase,
                                    &s->dma_iomem);
    }
    return s;
}

FWCfgState *fw_cfg_init_io(uint32_t iobase)
{
    return fw_cfg_init_io_dma(iobase, 0, NULL);
}

/* ---- -fw_cfg ------------------------------------------------------ */

static GHashTable *fw_cfg_user_done;

int parse_fw_cfg(void *opaque, QemuOpts *opts, Error **errp)
{
    FWCfgState *fw_cfg = opaque;
    const char *name, *file, *str;
    gchar *buf;
    gsize size;

    if (!fw_cfg) {
        error_setg(errp, "fw_cfg device not available");
        return -1;
    }
    if (!fw_cfg_user_done) {
        fw_cfg_user_done = g_hash_table_new(NULL, NULL);
    }
    if (g_hash_table_contains(fw_cfg_user_done, opts)) {
        return 0;
    }
    name = qemu_opt_get(opts, "name");
    file = qemu_opt_get(opts, "file");
    str = qemu_opt_get(opts, "string");

    /* Exactly one content source: file= or string=. */
    if (name == NULL || (file == NULL) == (str == NULL)) {
        error_setg(errp, "name, plus exactly one of file, string and gen_id, "
                   "are needed");
        return -1;
    }
    if (strlen(name) > FW_CFG_MAX_FILE_PATH - 1) {
        error_setg(errp, "name too long (max. %d char)",
                   FW_CFG_MAX_FILE_PATH - 1);
        return -1;
    }
    if (strncmp(name, "opt/", 4) != 0) {
        warn_report("externally provided fw_cfg item names "
                    "should be prefixed with \"opt/\"");
    }
    if (fw_cfg_has_file(fw_cfg, name)) {
        error_setg(errp, "duplicate fw_cfg file name: %s", name);
        return -1;
    }
    if (str) {
        size = strlen(str);
        buf = g_memdup2(str, size);
    } else {
        GError *err = NULL;
        if (!g_file_get_contents(file, &buf, &size, &err)) {
            error_setg(errp, "can't load %s: %s", file, err->message);
            g_error_free(err);
            return -1;
        }
    }
    fw_cfg_add_file(fw_cfg, name, buf, size);
    g_hash_table_add(fw_cfg_user_done, opts);
    return 0;
}

void fw_cfg_add_user_items(FWCfgState *s)
{
    QemuOptsList *list = qemu_find_opts_err("fw_cfg", NULL);

    if (list) {
        qemu_opts_foreach(list, parse_fw_cfg, s, &error_fatal);
    }
}

QemuOptsList qemu_fw_cfg_opts = {
    .name = "fw_cfg",
    .implied_opt_name = "name",
    .head = QTAILQ_HEAD_INITIALIZER(qemu_fw_cfg_opts.head),
    .desc = {
        {
            .name = "name",
            .type = QEMU_OPT_STRING,
            .help = "Sets the fw_cfg name of the blob to be inserted",
        }, {
            .name = "file",
            .type = QEMU_OPT_STRING,
            .help = "Sets the name of the file from which "
                    "the fw_cfg blob will be loaded",
        }, {
            .name = "string",
            .type = QEMU_OPT_STRING,
            .help = "Sets content of the blob to be inserted from a string",
        }, {
            .name = "gen_id",
            .type = QEMU_OPT_STRING,
            .help = "Sets id of the object generating the fw_cfg blob "
                    "to be inserted",
        },
        { /* end of list */ }
    },
};

static void fw_cfg_register_opts(void)
{
    /* vl.c may already know the group; register it only once. */
    if (!qemu_find_opts_err("fw_cfg", NULL)) {
        qemu_add_opts(&qemu_fw_cfg_opts);
    }
}

opts_init(fw_cfg_register_opts);

static void fw_cfg_register_types(void)
{
    type_register_static(&fw_cfg_info);
    type_register_static(&fw_cfg_io_info);
}

type_init(fw_cfg_register_types)
