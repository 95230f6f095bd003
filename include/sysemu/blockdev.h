/*
 * Legacy -drive bookkeeping shared by the command line and boards,
 * and -blockdev.  Implemented in block/blockdev.c.
 */
#ifndef BLOCKDEV_H
#define BLOCKDEV_H

typedef struct QemuOpts QemuOpts;
typedef struct QemuOptsList QemuOptsList;
typedef struct QDict QDict;
typedef struct Error Error;
typedef struct BlockBackend BlockBackend;

typedef enum {
    IF_DEFAULT = -1,            /* for use with drive_add() only */
    IF_NONE = 0,
    IF_IDE, IF_SCSI, IF_FLOPPY, IF_PFLASH, IF_MTD, IF_SD, IF_VIRTIO, IF_XEN,
    IF_COUNT
} BlockInterfaceType;

typedef struct DriveInfo {
    BlockInterfaceType type;
    int bus;
    int unit;
    int auto_del;               /* see blockdev_mark_auto_del() */
    bool is_default;            /* Added by default_drive() ?  */
    int media_cd;
    QemuOpts *opts;
} DriveInfo;

extern QemuOptsList qemu_drive_opts;
extern QemuOptsList qemu_common_drive_opts;
extern QemuOptsList qemu_legacy_drive_opts;

/* -drive: opens the image and records the drive for the board/devices. */
DriveInfo *drive_new(QemuOpts *arg, BlockInterfaceType block_default_type,
                     Error **errp);
DriveInfo *drive_get(BlockInterfaceType type, int bus, int unit);
DriveInfo *drive_get_by_index(BlockInterfaceType type, int index);
int drive_get_max_bus(BlockInterfaceType type);
/* Drives the board never claimed: errors "machine type does not support". */
bool drive_check_orphaned(void);
BlockBackend *blk_by_legacy_dinfo(DriveInfo *dinfo);
const char *if_name_str(BlockInterfaceType type);   /* "ide", "virtio" ... */

void blockdev_mark_auto_del(BlockBackend *blk);
void blockdev_auto_del(BlockBackend *blk);

/* -blockdev (vl.c): @opts from keyval_parse() or JSON; not consumed. */
bool blockdev_cmdline_add(QDict *opts, Error **errp);
/* blockdev-add / blockdev-del for the monitor. */
void qmp_blockdev_add_qdict(QDict *opts, Error **errp);
void qmp_blockdev_del(const char *node_name, Error **errp);

#endif
