/*
 * The IDE bus ("IDE", two units) and the drives that sit on it:
 * ide-hd, ide-cd and the legacy name ide-drive.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/module.h"
#include "qemu/bitops.h"
#include "hw/qdev-properties.h"
#include "hw/qdev-properties-system.h"
#include "sysemu/sysemu.h"
#include "sysemu/blockdev.h"
#include "sysemu/block-backend.h"
#include "hw/ide/internal.h"

/* ---- bus ------------------------------------------------------------ */

/* "drive@<channel>": the firmware's name for the IDE channel. */
static char *idebus_get_fw_dev_path(DeviceState *dev)
{
    return g_strdup_printf("%s@%x", qdev_fw_name(dev),
                           IDE_BUS(dev->parent_bus)->bus_id);
}

static void idebus_reset(BusState *qbus)
{
    ide_bus_reset(IDE_BUS(qbus));
}

static void ide_bus_class_init(ObjectClass *klass, void *data)
{
    BusClass *k = BUS_CLASS(klass);

    k->get_fw_dev_path = idebus_get_fw_dev_path;
    k->reset = idebus_reset;
    k->max_dev = MAX_IDE_DEVS;
}

static const TypeInfo ide_bus_info = {
    .name = TYPE_IDE_BUS,
    .parent = TYPE_BUS,
    .instance_size = sizeof(IDEBus),
    .class_init = ide_bus_class_init,
};

/* ---- devices -------------------------------------------------------- */

static void ide_qdev_realize(DeviceState *qdev, Error **errp)
{
    IDEDevice *dev = IDE_DEVICE(qdev);
    IDEDeviceClass *dc = IDE_DEVICE_GET_CLASS(dev);
    IDEBus *bus = IDE_BUS(qdev->parent_bus);

    if (dev->unit == (uint32_t)-1) {
        dev->unit = bus->master ? 1 : 0;
    }
    if (dev->unit >= (uint32_t)bus->max_units) {
        error_setg(errp, "Can't create IDE unit %d, bus supports only %d units",
                   dev->unit, bus->max_units);
        return;
    }
    if ((dev->unit == 0 && bus->master) || (dev->unit == 1 && bus->slave)) {
        error_setg(errp, "IDE unit %d is in use", dev->unit);
        return;
    }
    dc->realize(dev, errp);
}

static void ide_qdev_unrealize(DeviceState *qdev)
{
    IDEDevice *dev = IDE_DEVICE(qdev);
    IDEBus *bus = IDE_BUS(qdev->parent_bus);

    del_boot_device_path(qdev, NULL);
    if (bus->master == dev) {
        bus->master = NULL;
    } else if (bus->slave == dev) {
        bus->slave = NULL;
    }
    ide_exit(&bus->ifs[dev->unit]);
}

static void ide_dev_initfn(IDEDevice *dev, IDEDriveKind kind, Error **errp)
{
    IDEBus *bus = IDE_BUS(dev->qdev.parent_bus);
    IDEState *s = &bus->ifs[dev->unit];

    if (!dev->blk) {
        if (kind != IDE_CD) {
            error_setg(errp, "No drive specified");
            return;
        }
        /* An empty drive still has a BlockBackend, for change/eject. */
        dev->blk = blk_new(NULL, 0, BLK_PERM_ALL);
        if (blk_attach_dev(dev->blk, &dev->qdev) < 0) {
            error_setg(errp, "cannot attach the empty drive");
            return;
        }
    }
    if (kind == IDE_HD && blk_is_inserted(dev->blk) &&
        !blk_is_writable(dev->blk) && !blk_supports_write_perm(dev->blk)) {
        /* QEMU refuses a read-only hard disk the same way. */
        error_setg(errp, "Block node is read-only");
        return;
    }
    if (dev->rerror != BLOCKDEV_ON_ERROR_AUTO ||
        dev->werror != BLOCKDEV_ON_ERROR_AUTO) {
        BlockdevOnError r = dev->rerror, w = dev->werror;

        if (r == BLOCKDEV_ON_ERROR_AUTO) {
            r = blk_get_on_error(dev->blk, true);
        }
        if (w == BLOCKDEV_ON_ERROR_AUTO) {
            w = blk_get_on_error(dev->blk, false);
        }
        if (r == BLOCKDEV_ON_ERROR_ENOSPC) {
            error_setg(errp, "rerror=enospc is not supported");
            return;
        }
        blk_set_on_error(dev->blk, r, w);
    }
    if (ide_init_drive(s, dev, kind, errp) < 0) {
        return;
    }
    if (kind == IDE_CD) {
        blk_set_dev_ops(dev->blk, &ide_cd_block_ops, s);
    }
    blk_iostatus_enable(dev->blk);
    if (dev->unit) {
        bus->slave = dev;
    } else {
        bus->master = dev;
    }
    ide_dev_set_bootindex_path(dev);
}

/* The boot entry names the unit: /pci@i0cf8/ide@1,1/drive@0/disk@1. */
void ide_dev_set_bootindex_path(IDEDevice *dev)
{
    /* Replace the entry the property setter made before unit was known. */
    del_boot_device_path(&dev->qdev, NULL);
    add_boot_device_path(dev->bootindex, &dev->qdev,
                         dev->unit ? "/disk@1" : "/disk@0");
}

int ide_get_geometry(BusState *bus, int unit, int16_t *cyls, int8_t *heads,
                     int8_t *secs)
{
    IDEState *s = &IDE_BUS(bus)->ifs[unit];

    if (!s->present || s->drive_kind != IDE_HD) {
        return -1;
    }
    *cyls = s->cylinders;
    *heads = s->heads;
    *secs = s->sectors;
    return 0;
}

int ide_get_bios_chs_trans(BusState *bus, int unit)
{
    IDEState *s = &IDE_BUS(bus)->ifs[unit];

    /* Geometries the BIOS can address directly need no translation. */
    return s->cylinders <= 1024 && s->heads <= 16 && s->sectors <= 63
           ? BIOS_ATA_TRANSLATION_NONE : BIOS_ATA_TRANSLATION_LBA;
}

static void ide_hd_realize(IDEDevice *dev, Error **errp)
{
    ide_dev_initfn(dev, IDE_HD, errp);
}

static void ide_cd_realize(IDEDevice *dev, Error **errp)
{
    ide_dev_initfn(dev, IDE_CD, errp);
}

/* The pre-1.x name: a CD when the -drive said media=cdrom. */
static void ide_drive_realize(IDEDevice *dev, Error **errp)
{
    DriveInfo *dinfo = dev->blk ? blk_legacy_dinfo(dev->blk) : NULL;

    ide_dev_initfn(dev, dinfo && dinfo->media_cd ? IDE_CD : IDE_HD, errp);
}

static void ide_dev_instance_init(Object *obj)
{
    IDEDevice *dev = IDE_DEVICE(obj);

    device_add_bootindex_property(obj, &dev->bootindex, "bootindex", NULL,
                                  DEVICE(obj));
}

#define DEFINE_IDE_DEV_PROPERTIES()                                     \
    DEFINE_PROP_DRIVE("drive", IDEDevice, blk),                         \
    DEFINE_PROP_STRING("ver", IDEDevice, version),                      \
    DEFINE_PROP_UINT64("wwn", IDEDevice, wwn, 0),                       \
    DEFINE_PROP_STRING("serial", IDEDevice, serial),                    \
    DEFINE_PROP_STRING("model", IDEDevice, model),                      \
    DEFINE_PROP_UINT32("unit", IDEDevice, unit, -1),                    \
    DEFINE_PROP_BLOCKDEV_ON_ERROR("rerror", IDEDevice, rerror,          \
                                  BLOCKDEV_ON_ERROR_AUTO),              \
    DEFINE_PROP_BLOCKDEV_ON_ERROR("werror", IDEDevice, werror,          \
                                  BLOCKDEV_ON_ERROR_AUTO)

static Property ide_hd_properties[] = {
    DEFINE_IDE_DEV_PROPERTIES(),
    DEFINE_PROP_ON_OFF_AUTO("write-cache", IDEDevice, write_cache,
                            ON_OFF_AUTO_AUTO),
    DEFINE_PROP_UINT32("cyls", IDEDevice, cyls, 0),
    DEFINE_PROP_UINT32("heads", IDEDevice, heads, 0),
    DEFINE_PROP_UINT32("secs", IDEDevice, secs, 0),
    DEFINE_PROP_END_OF_LIST(),
};

static Property ide_cd_properties[] = {
    DEFINE_IDE_DEV_PROPERTIES(),
    DEFINE_PROP_END_OF_LIST(),
};

static void ide_device_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *k = DEVICE_CLASS(klass);

    k->realize = ide_qdev_realize;
    k->unrealize = ide_qdev_unrealize;
    set_bit(DEVICE_CATEGORY_STORAGE, k->categories);
    k->bus_type = TYPE_IDE_BUS;
}

static void ide_hd_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    IDEDeviceClass *k = IDE_DEVICE_CLASS(klass);

    k->realize = ide_hd_realize;
    dc->fw_name = "drive";
    dc->desc = "virtual IDE disk";
    device_class_set_props(dc, ide_hd_properties);
}

static void ide_cd_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    IDEDeviceClass *k = IDE_DEVICE_CLASS(klass);

    k->realize = ide_cd_realize;
    dc->fw_name = "drive";
    dc->desc = "virtual IDE CD-ROM";
    device_class_set_props(dc, ide_cd_properties);
}

static void ide_drive_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    IDEDeviceClass *k = IDE_DEVICE_CLASS(klass);

    k->realize = ide_drive_realize;
    dc->fw_name = "drive";
    dc->desc = "virtual IDE disk or CD-ROM (legacy)";
    device_class_set_props(dc, ide_hd_properties);
}

static const TypeInfo ide_device_type_info = {
    .name = TYPE_IDE_DEVICE,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(IDEDevice),
    .abstract = true,
    .class_size = sizeof(IDEDeviceClass),
    .class_init = ide_device_class_init,
    .instance_init = ide_dev_instance_init,
};

static const TypeInfo ide_hd_info = {
    .name = TYPE_IDE_HD,
    .parent = TYPE_IDE_DEVICE,
    .instance_size = sizeof(IDEDevice),
    .class_init = ide_hd_class_init,
};

static const TypeInfo ide_cd_info = {
    .name = TYPE_IDE_CD,
    .parent = TYPE_IDE_DEVICE,
    .instance_size = sizeof(IDEDevice),
    .class_init = ide_cd_class_init,
};

static const TypeInfo ide_drive_info = {
    .name = "ide-drive",
    .parent = TYPE_IDE_DEVICE,
    .instance_size = sizeof(IDEDevice),
    .class_init = ide_drive_class_init,
};

static void ide_register_types(void)
{
    type_register_static(&ide_bus_info);
    type_register_static(&ide_device_type_info);
    type_register_static(&ide_hd_info);
    type_register_static(&ide_cd_info);
    type_register_static(&ide_drive_info);
}

type_init(ide_register_types)
