/*
 * Legacy -drive bookkeeping shared by the command line and boards.
 */
#ifndef BLOCKDEV_H
#define BLOCKDEV_H

typedef struct QemuOpts QemuOpts;

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

#endif
