/*
 * IDE/ATA core shared by the controllers (PIIX3) and the drives
 * (ide-hd, ide-cd): register file, command engine, ATAPI and bus-master
 * DMA glue.  See docs/devel/ide.md.
 */
#ifndef HW_IDE_INTERNAL_H
#define HW_IDE_INTERNAL_H

#include "hw/qdev-core.h"
#include "hw/irq.h"
#include "hw/qdev-properties-system.h"
#include "qemu/main-loop.h"
#include "sysemu/block-backend.h"

typedef struct IDEBus IDEBus;
typedef struct IDEState IDEState;
typedef struct IDEDMA IDEDMA;
typedef struct IDEDevice IDEDevice;

#define TYPE_IDE_BUS "IDE"
OBJECT_DECLARE_SIMPLE_TYPE(IDEBus, IDE_BUS)

#define TYPE_IDE_DEVICE "ide-device"
OBJECT_DECLARE_TYPE(IDEDevice, IDEDeviceClass, IDE_DEVICE)

#define TYPE_IDE_HD "ide-hd"
#define TYPE_IDE_CD "ide-cd"

#define MAX_IDE_DEVS 2
#define MAX_IDE_BUS  2

/* Status register bits */
#define ERR_STAT        0x01
#define INDEX_STAT      0x02
#define ECC_STAT        0x04
#define DRQ_STAT        0x08
#define SEEK_STAT       0x10
#define SRV_STAT        0x10
#define WRERR_STAT      0x20
#define READY_STAT      0x40
#define BUSY_STAT       0x80

/* Error register bits */
#define MARK_ERR        0x01
#define TRK0_ERR        0x02
#define ABRT_ERR        0x04
#define MCR_ERR         0x08
#define ID_ERR          0x10
#define MC_ERR          0x20
#define ECC_ERR         0x40
#define BBD_ERR         0x80

/* Device control register bits */
#define IDE_CTRL_DISABLE_IRQ    0x02
#define IDE_CTRL_RESET          0x04
#define IDE_CTRL_HOB            0x80

/* ATA commands */
#define WIN_NOP                 0x00
#define WIN_DSM                 0x06
#define WIN_DEVICE_RESET        0x08
#define WIN_RECAL               0x10
#define WIN_READ                0x20
#define WIN_READ_ONCE           0x21
#define WIN_READ_EXT            0x24
#define WIN_READDMA_EXT         0x25
#define WIN_READ_NATIVE_MAX_EXT 0x27
#define WIN_MULTREAD_EXT        0x29
#define WIN_WRITE               0x30
#define WIN_WRITE_ONCE          0x31
#define WIN_WRITE_EXT           0x34
#define WIN_WRITEDMA_EXT        0x35
#define WIN_MULTWRITE_EXT       0x39
#define WIN_VERIFY              0x40
#define WIN_VERIFY_ONCE         0x41
#define WIN_VERIFY_EXT          0x42
#define WIN_SEEK                0x70
#define WIN_DIAGNOSE            0x90
#define WIN_SPECIFY             0x91
#define WIN_PACKETCMD           0xa0
#define WIN_PIDENTIFY           0xa1
#define WIN_MULTREAD            0xc4
#define WIN_MULTWRITE           0xc5
#define WIN_SETMULT             0xc6
#define WIN_READDMA             0xc8
#define WIN_READDMA_ONCE        0xc9
#define WIN_WRITEDMA            0xca
#define WIN_WRITEDMA_ONCE       0xcb
#define WIN_STANDBYNOW1         0xe0
#define WIN_IDLEIMMEDIATE       0xe1
#define WIN_STANDBY             0xe2
#define WIN_SETIDLE1            0xe3
#define WIN_CHECKPOWERMODE1     0xe5
#define WIN_SLEEPNOW1           0xe6
#define WIN_FLUSH_CACHE         0xe7
#define WIN_FLUSH_CACHE_EXT     0xea
#define WIN_IDENTIFY            0xec
#define WIN_SETFEATURES         0xef
#define WIN_READ_NATIVE_MAX     0xf8

/* ATAPI packet commands (MMC) */
#define GPCMD_TEST_UNIT_READY           0x00
#define GPCMD_REQUEST_SENSE             0x03
#define GPCMD_INQUIRY                   0x12
#define GPCMD_MODE_SENSE_6              0x1a
#define GPCMD_START_STOP_UNIT           0x1b
#define GPCMD_PREVENT_ALLOW_MEDIUM_REMOVAL 0x1e
#define GPCMD_READ_FORMAT_CAPACITIES    0x23
#define GPCMD_READ_CDVD_CAPACITY        0x25
#define GPCMD_READ_10                   0x28
#define GPCMD_SEEK                      0x2b
#define GPCMD_READ_TOC_PMA_ATIP         0x43
#define GPCMD_GET_CONFIGURATION         0x46
#define GPCMD_GET_EVENT_STATUS_NOTIFICATION 0x4a
#define GPCMD_MODE_SENSE_10             0x5a
#define GPCMD_READ_DISC_INFO            0x51
#define GPCMD_READ_12                   0xa8
#define GPCMD_READ_CD                   0xbe
#define GPCMD_SET_SPEED                 0xbb
#define GPCMD_MECHANISM_STATUS          0xbd

/* SCSI sense keys and additional sense codes */
#define SENSE_NONE              0
#define SENSE_NOT_READY         2
#define SENSE_ILLEGAL_REQUEST   5
#define SENSE_UNIT_ATTENTION    6
#define ASC_ILLEGAL_OPCODE              0x20
#define ASC_LOGICAL_BLOCK_OOR           0x21
#define ASC_INV_FIELD_IN_CMD_PACKET     0x24
#define ASC_MEDIUM_MAY_HAVE_CHANGED     0x28
#define ASC_INCOMPATIBLE_FORMAT         0x30
#define ASC_MEDIUM_NOT_PRESENT          0x3a
#define ASC_MEDIA_REMOVAL_PREVENTED     0x53

#define ATAPI_PACKET_SIZE       12
#define ATAPI_INT_REASON_CD     0x01
#define ATAPI_INT_REASON_IO     0x02

#define IDE_DMA_BUF_SECTORS     256
/* io_buffer: largest PIO/DMA chunk plus room for ATAPI replies. */
#define IDE_IO_BUFFER_SIZE      (IDE_DMA_BUF_SECTORS * 512 + 4)
#define MAX_MULT_SECTORS        16

typedef enum { IDE_HD, IDE_CD } IDEDriveKind;

typedef void EndTransferFunc(IDEState *s);

/* Direction of a bus-master transfer, as seen from guest memory. */
typedef enum {
    IDE_DMA_READ,       /* disk → memory */
    IDE_DMA_WRITE,      /* memory → disk */
    IDE_DMA_ATAPI,      /* ATAPI data-in → memory */
    IDE_DMA_TRIM,       /* DATA SET MANAGEMENT ranges, memory → device */
} IDEDMACmd;

/*
 * What a controller's bus-master engine offers the core: the drive calls
 * start_dma when a DMA command is ready; the engine moves the data with
 * rw_buf (bounds-checked; returns bytes moved, < len when the PRD table
 * ran out, -1 on a bad guest address) and finish is told the outcome.
 */
typedef struct IDEDMAOps {
    void (*start_dma)(IDEDMA *dma, IDEState *s);
    int (*rw_buf)(IDEDMA *dma, uint8_t *buf, int len, bool to_memory);
    void (*set_inactive)(IDEDMA *dma, bool more);
    void (*set_error)(IDEDMA *dma);
    void (*set_intr)(IDEDMA *dma);
    void (*reset)(IDEDMA *dma);
} IDEDMAOps;

struct IDEDMA {
    const IDEDMAOps *ops;
};

struct IDEState {
    IDEBus *bus;
    uint8_t unit;
    bool present;               /* a drive is attached at this unit */
    IDEDriveKind drive_kind;
    BlockBackend *blk;
    IDEDevice *dev;

    /* identity */
    int drive_serial;           /* default serial number, per position */
    char drive_serial_str[21];
    char drive_model_str[41];
    char version[9];
    uint64_t wwn;
    uint8_t identify_data[512];
    bool identify_set;
    int cylinders, heads, sectors;
    uint64_t nb_sectors;
    int mult_sectors;
    bool write_cache;
    uint8_t xfer_mode;

    /* task file */
    uint8_t feature;
    uint8_t error;
    uint32_t nsector;
    uint8_t sector;
    uint8_t lcyl;
    uint8_t hcyl;
    uint8_t hob_feature;
    uint8_t hob_nsector;
    uint8_t hob_sector;
    uint8_t hob_lcyl;
    uint8_t hob_hcyl;
    uint8_t select;
    uint8_t status;
    bool lba48;

    /* PIO/DMA transfer state */
    uint8_t *io_buffer;
    uint8_t *data_ptr;
    uint8_t *data_end;
    EndTransferFunc *end_transfer_func;
    int req_nb_sectors;         /* sectors per DRQ block */
    int64_t xfer_sector;        /* next sector of the current command */
    uint32_t xfer_remaining;    /* sectors left in the current command */
    bool dma_pending;           /* DMA command waiting for the engine */
    IDEDMACmd dma_cmd;
    bool is_read;

    /* ATAPI */
    uint8_t sense_key;
    uint8_t asc;
    bool cdrom_changed;         /* report UNIT ATTENTION once */
    bool tray_open;
    bool tray_locked;
    bool atapi_dma;
    bool event_new_media;       /* GESN media events not yet reported */
    bool event_eject_request;
    int64_t atapi_lba;          /* next 2048-byte block for READ */
    uint32_t atapi_blocks;      /* blocks left for READ */
    uint64_t atapi_total;       /* bytes left in the whole reply */
    uint32_t atapi_buf_len;     /* bytes of reply staged in io_buffer */
    uint32_t atapi_buf_pos;
    uint32_t atapi_xfer;        /* bytes in the current DRQ block */

    /* the block request in flight (at most one per drive) */
    BlockAIOCB *aiocb;
    bool io_cancelled;          /* drop the completion of aiocb */
    QEMUIOVector qiov;          /* over io_buffer */
    int io_sectors;             /* sectors (ATAPI: blocks) of the request */
    bool dma_active;            /* a DMA command runs on the engine */
    bool dma_short;             /* the PRD table ended in this chunk */
    uint32_t trim_pos, trim_len;    /* DSM ranges in io_buffer */
    void (*atapi_cont)(IDEState *s);    /* after a CD read completes */

    /* werror/rerror=stop: what to run again when the VM resumes */
    void (*retry_fn)(IDEState *s);
    BlockAcctCookie acct;
};

struct IDEBus {
    BusState qbus;
    IDEDevice *master;
    IDEDevice *slave;
    IDEState ifs[MAX_IDE_DEVS];
    int bus_id;
    int max_units;
    uint8_t unit;               /* selected drive */
    uint8_t cmd;                /* device control register */
    qemu_irq irq;
    IDEDMA *dma;
    QEMUBH *retry_bh;
};

struct IDEDevice {
    DeviceState qdev;
    uint32_t unit;
    BlockBackend *blk;
    char *version;
    char *serial;
    char *model;
    uint64_t wwn;
    int32_t bootindex;
    BlockdevOnError rerror;
    BlockdevOnError werror;
    OnOffAuto write_cache;
    uint32_t cyls, heads, secs;
};

struct IDEDeviceClass {
    DeviceClass parent_class;
    void (*realize)(IDEDevice *dev, Error **errp);
};

/* core.c */
void ide_bus_init(IDEBus *bus, size_t bus_size, DeviceState *dev,
                  int bus_id, int max_units);
void ide_init2(IDEBus *bus, qemu_irq irq);
void ide_bus_reset(IDEBus *bus);
void ide_register_restart_cb(IDEBus *bus);
int ide_init_drive(IDEState *s, IDEDevice *dev, IDEDriveKind kind,
                   Error **errp);
void ide_reset(IDEState *s);
void ide_set_signature(IDEState *s);
bool ide_handle_rw_error(IDEState *s, int error, bool is_read,
                         void (*retry_fn)(IDEState *s));
void ide_exit(IDEState *s);
void ide_set_irq(IDEBus *bus);
void ide_ioport_write(void *opaque, uint32_t addr, uint32_t val);
uint32_t ide_ioport_read(void *opaque, uint32_t addr);
uint32_t ide_status_read(void *opaque, uint32_t addr);
void ide_ctrl_write(void *opaque, uint32_t addr, uint32_t val);
void ide_data_writew(void *opaque, uint32_t addr, uint32_t val);
uint32_t ide_data_readw(void *opaque, uint32_t addr);
void ide_data_writel(void *opaque, uint32_t addr, uint32_t val);
uint32_t ide_data_readl(void *opaque, uint32_t addr);
IDEState *ide_bus_active_if(IDEBus *bus);
void ide_dma_run(IDEState *s);
void ide_dma_end(IDEState *s);
void ide_cancel_dma_sync(IDEState *s);
void ide_transfer_start(IDEState *s, uint8_t *buf, int size,
                        EndTransferFunc *end);
void ide_start_dma(IDEState *s, IDEDMACmd cmd);
bool ide_medium_present(IDEState *s);
void ide_transfer_stop(IDEState *s);
void ide_abort_command(IDEState *s);
void ide_set_sector(IDEState *s, int64_t sector_num);
int64_t ide_get_sector(IDEState *s);

/* atapi.c */
void ide_atapi_cmd(IDEState *s);
void ide_atapi_identify(IDEState *s);
void ide_atapi_set_sense(IDEState *s, int sense_key, int asc);
void ide_atapi_cmd_ok(IDEState *s);
void ide_atapi_cmd_error(IDEState *s, int sense_key, int asc);
void ide_atapi_transfer_next(IDEState *s);
/* ide_atapi_fill(): a CD read is in flight, @cont runs when it is done */
#define IDE_ATAPI_FILL_PENDING  (-2)
int ide_atapi_fill(IDEState *s, void (*cont)(IDEState *s));
extern const struct BlockDevOps ide_cd_block_ops;

/* qdev.c */
void ide_dev_set_bootindex_path(IDEDevice *dev);

/*
 * For boards that describe the disks in CMOS (QEMU's pc_cmos_init_late):
 * the geometry of unit @unit on IDE bus @bus (-1 if nothing is there)
 * and the BIOS translation the firmware should use.
 */
typedef enum BiosAtaTranslation {
    BIOS_ATA_TRANSLATION_AUTO,
    BIOS_ATA_TRANSLATION_NONE,
    BIOS_ATA_TRANSLATION_LBA,
    BIOS_ATA_TRANSLATION_LARGE,
    BIOS_ATA_TRANSLATION_RECHS,
} BiosAtaTranslation;
int ide_get_geometry(BusState *bus, int unit, int16_t *cyls, int8_t *heads,
                     int8_t *secs);
int ide_get_bios_chs_trans(BusState *bus, int unit);

#endif
