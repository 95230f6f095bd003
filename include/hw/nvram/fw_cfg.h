/*
 * QEMU firmware configuration device (fw_cfg): a keyed blob store the
 * guest firmware reads through a selector port, a data port and an
 * optional DMA interface.  See docs/specs/fw_cfg.txt in QEMU for the
 * guest-visible interface.
 */
#ifndef HW_FW_CFG_H
#define HW_FW_CFG_H

#include "exec/memory.h"
#include "hw/sysbus.h"
#include "qom/object.h"

typedef struct QemuOpts QemuOpts;
typedef struct QemuOptsList QemuOptsList;

/* Selector keys */
#define FW_CFG_SIGNATURE        0x00
#define FW_CFG_ID               0x01
#define FW_CFG_UUID             0x02
#define FW_CFG_RAM_SIZE         0x03
#define FW_CFG_NOGRAPHIC        0x04
#define FW_CFG_NB_CPUS          0x05
#define FW_CFG_MACHINE_ID       0x06
#define FW_CFG_KERNEL_ADDR      0x07
#define FW_CFG_KERNEL_SIZE      0x08
#define FW_CFG_KERNEL_CMDLINE   0x09
#define FW_CFG_INITRD_ADDR      0x0a
#define FW_CFG_INITRD_SIZE      0x0b
#define FW_CFG_BOOT_DEVICE      0x0c
#define FW_CFG_NUMA             0x0d
#define FW_CFG_BOOT_MENU        0x0e
#define FW_CFG_MAX_CPUS         0x0f
#define FW_CFG_KERNEL_ENTRY     0x10
#define FW_CFG_KERNEL_DATA      0x11
#define FW_CFG_INITRD_DATA      0x12
#define FW_CFG_CMDLINE_ADDR     0x13
#define FW_CFG_CMDLINE_SIZE     0x14
#define FW_CFG_CMDLINE_DATA     0x15
#define FW_CFG_SETUP_ADDR       0x16
#define FW_CFG_SETUP_SIZE       0x17
#define FW_CFG_SETUP_DATA       0x18
#define FW_CFG_FILE_DIR         0x19

#define FW_CFG_FILE_FIRST       0x20
#define FW_CFG_FILE_SLOTS_MIN   0x10

#define FW_CFG_WRITE_CHANNEL    0x4000
#define FW_CFG_ARCH_LOCAL       0x8000
#define FW_CFG_ENTRY_MASK       (~(FW_CFG_WRITE_CHANNEL | FW_CFG_ARCH_LOCAL))

#define FW_CFG_INVALID          0xffff

/* x86 arch-local keys */
#define FW_CFG_ACPI_TABLES      (FW_CFG_ARCH_LOCAL + 0)
#define FW_CFG_SMBIOS_ENTRIES   (FW_CFG_ARCH_LOCAL + 1)
#define FW_CFG_IRQ0_OVERRIDE    (FW_CFG_ARCH_LOCAL + 2)
#define FW_CFG_E820_TABLE       (FW_CFG_ARCH_LOCAL + 3)
#define FW_CFG_HPET             (FW_CFG_ARCH_LOCAL + 4)

/* FW_CFG_ID feature bits */
#define FW_CFG_VERSION          0x01
#define FW_CFG_VERSION_DMA      0x02

/* FWCfgDmaAccess control bits */
#define FW_CFG_DMA_CTL_ERROR    0x01
#define FW_CFG_DMA_CTL_READ     0x02
#define FW_CFG_DMA_CTL_SKIP     0x04
#define FW_CFG_DMA_CTL_SELECT   0x08
#define FW_CFG_DMA_CTL_WRITE    0x10

#define FW_CFG_DMA_SIGNATURE    0x51454d5520434647ULL /* "QEMU CFG" */

#define FW_CFG_MAX_FILE_PATH    56

/* Directory entry as the guest sees it (big-endian fields). */
typedef struct FWCfgFile {
    uint32_t size;
    uint16_t select;
    uint16_t reserved;
    char name[FW_CFG_MAX_FILE_PATH];
} FWCfgFile;

typedef struct FWCfgDmaAccess {
    uint32_t control;
    uint32_t length;
    uint64_t address;
} QEMU_PACKED FWCfgDmaAccess;

typedef void (*FWCfgCallback)(void *opaque);
typedef void (*FWCfgWriteCallback)(void *opaque, off_t start, size_t len);

#define TYPE_FW_CFG     "fw_cfg"
#define TYPE_FW_CFG_IO  "fw_cfg_io"
#define TYPE_FW_CFG_MEM "fw_cfg_mem"
OBJECT_DECLARE_SIMPLE_TYPE(FWCfgState, FW_CFG)
OBJECT_DECLARE_SIMPLE_TYPE(FWCfgIoState, FW_CFG_IO)

#define FW_CFG_NAME "fw_cfg"
#define FW_CFG_PATH "/machine/" FW_CFG_NAME

typedef struct FWCfgEntry FWCfgEntry;

struct FWCfgState {
    /*< private >*/
    SysBusDevice parent_obj;
    /*< public >*/

    uint16_t file_slots;
    FWCfgEntry *entries[2];
    int *entry_order;
    FWCfgFile *files_be;     /* directory blob: u32 count + FWCfgFile[] */
    uint32_t nr_files;
    uint16_t cur_entry;
    uint32_t cur_offset;

    bool dma_enabled;
    uint64_t dma_addr;
    AddressSpace *dma_as;
    MemoryRegion dma_iomem;

    /* Boot order entries, "bootorder" file. */
    GList *bootorder;
};

struct FWCfgIoState {
    /*< private >*/
    FWCfgState parent_obj;
    /*< public >*/

    MemoryRegion comb_iomem;
};

/* Adding and changing items.  @data is owned by fw_cfg afterwards for
 * fw_cfg_add_bytes/_file (QEMU: "must stay valid"; we keep the pointer). */
void fw_cfg_add_bytes(FWCfgState *s, uint16_t key, void *data, size_t len);
void fw_cfg_add_string(FWCfgState *s, uint16_t key, const char *value);
void fw_cfg_modify_string(FWCfgState *s, uint16_t key, const char *value);
void fw_cfg_add_i16(FWCfgState *s, uint16_t key, uint16_t value);
void fw_cfg_modify_i16(FWCfgState *s, uint16_t key, uint16_t value);
void fw_cfg_add_i32(FWCfgState *s, uint16_t key, uint32_t value);
void fw_cfg_modify_i32(FWCfgState *s, uint16_t key, uint32_t value);
void fw_cfg_add_i64(FWCfgState *s, uint16_t key, uint64_t value);
void fw_cfg_modify_i64(FWCfgState *s, uint16_t key, uint64_t value);
void fw_cfg_add_file(FWCfgState *s, const char *filename, void *data,
                     size_t len);
void fw_cfg_add_file_callback(FWCfgState *s, const char *filename,
                              FWCfgCallback select_cb,
                              FWCfgWriteCallback write_cb,
                              void *callback_opaque,
                              void *data, size_t len, bool read_only);
void *fw_cfg_modify_file(FWCfgState *s, const char *filename, void *data,
                         size_t len);
/* Look up a file's data (NULL when absent); for tests and boards. */
const void *fw_cfg_get_file(FWCfgState *s, const char *filename,
                            size_t *len);
/* True if @filename is already in the directory. */
bool fw_cfg_has_file(FWCfgState *s, const char *filename);

/*
 * Build the bootorder file from bootindex-sorted device paths.
 * Called by the board at machine-done time.
 */
void fw_cfg_add_bootorder_entry(FWCfgState *s, int32_t bootindex,
                                const char *path);
void fw_cfg_build_bootorder(FWCfgState *s);

FWCfgState *fw_cfg_init_io_dma(uint32_t iobase, uint32_t dma_iobase,
                               AddressSpace *dma_as);
FWCfgState *fw_cfg_init_io(uint32_t iobase);
FWCfgState *fw_cfg_find(void);
bool fw_cfg_dma_enabled(void *opaque);

/*
 * Guest port interface, also used by unit tests: select a key, read
 * the data port, run a DMA request at guest address @addr.
 */
void fw_cfg_select(FWCfgState *s, uint16_t key);
uint64_t fw_cfg_data_read(void *opaque, hwaddr addr, unsigned size);
void fw_cfg_dma_transfer(FWCfgState *s);

/* The "fw_cfg" option group (registered by fw_cfg.c at opts_init). */
extern QemuOptsList qemu_fw_cfg_opts;

/* Items from -fw_cfg name=...,file=...|string=... (vl.c calls this). */
int parse_fw_cfg(void *opaque, QemuOpts *opts, Error **errp);
/* Add every -fw_cfg item to @s; exits on error as QEMU does. */
void fw_cfg_add_user_items(FWCfgState *s);

#endif
