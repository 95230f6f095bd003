/*
 * Properties that name back ends: the value is an id the user gave to
 * -chardev/-drive/-blockdev/-netdev, resolved when the property is set.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/visitor.h"
#include "chardev/char.h"
#include "chardev/char-fe.h"
#include "hw/qdev-properties.h"
#include "hw/qdev-properties-system.h"
#include "sysemu/blockdev.h"
#include "sysemu/block-backend.h"

static const char *const lost_tick_policy_names[] = {
    "discard", "delay", "slew",
};
const QEnumLookup LostTickPolicy_lookup = {
    .array = lost_tick_policy_names,
    .size = LOST_TICK_POLICY__MAX,
};

static const char *const blockdev_on_error_names[] = {
    "report", "ignore", "enospc", "stop", "auto",
};
const QEnumLookup BlockdevOnError_lookup = {
    .array = blockdev_on_error_names,
    .size = BLOCKDEV_ON_ERROR__MAX,
};

/*** chardev ***/

static void get_chr(Object *obj, Visitor *v, const char *name, void *opaque,
                    Error **errp)
{
    CharBackend *be = object_field_prop_ptr(obj, opaque);
    char *p = g_strdup(be->chr && be->chr->label ? be->chr->label : "");

    visit_type_str(v, name, &p, errp);
    g_free(p);
}

static void set_chr(Object *obj, Visitor *v, const char *name, void *opaque,
                    Error **errp)
{
    ERRP_GUARD();
    CharBackend *be = object_field_prop_ptr(obj, opaque);
    Chardev *s;
    char *str;

    if (!visit_type_str(v, name, &str, errp)) {
        return;
    }
    /* An empty id detaches, as QEMU allows chardev="" */
    if (!*str) {
        g_free(str);
        qemu_chr_fe_deinit(be, false);
        return;
    }
    s = qemu_chr_find(str);
    if (s == NULL) {
        error_setg(errp, "Property '%s.%s' can't find value '%s'",
                   object_get_typename(obj), name, str);
    } else if (!qemu_chr_fe_init(be, s, errp)) {
        error_prepend(errp, "Property '%s.%s' can't take value '%s': ",
                      object_get_typename(obj), name, str);
    }
    g_free(str);
}

static void release_chr(Object *obj, const char *name, void *opaque)
{
    CharBackend *be = object_field_prop_ptr(obj, opaque);

    qemu_chr_fe_deinit(be, false);
}

const PropertyInfo qdev_prop_chr = {
    .name  = "str",
    .description = "ID of a chardev to use as a backend",
    .get   = get_chr,
    .set   = set_chr,
    .release = release_chr,
};

void qdev_prop_set_chr(DeviceState *dev, const char *name, Chardev *value)
{
    assert(!value || value->label);
    object_property_set_str(OBJECT(dev), name, value ? value->label : "",
                            &error_abort);
}

/*** drives ***/

static void get_drive(Object *obj, Visitor *v, const char *name, void *opaque,
                      Error **errp)
{
    BlockBackend **ptr = object_field_prop_ptr(obj, opaque);
    char *p = g_strdup(*ptr ? blk_name(*ptr) : "");

    visit_type_str(v, name, &p, errp);
    g_free(p);
}

static void set_drive(Object *obj, Visitor *v, const char *name, void *opaque,
                      Error **errp)
{
    DeviceState *dev = DEVICE(obj);
    BlockBackend **ptr = object_field_prop_ptr(obj, opaque);
    BlockBackend *blk;
    char *str;

    if (!visit_type_str(v, name, &str, errp)) {
        return;
    }
    if (!*str) {
        /* "" means no drive (only before one is attached). */
        g_free(str);
        if (*ptr) {
            blk_detach_dev(*ptr, dev);
        }
        *ptr = NULL;
        return;
    }
    if (*ptr) {
        error_setg(errp, "Property '%s.%s' can't take value '%s', it's in use",
                   object_get_typename(obj), name, str);
        goto out;
    }
    blk = blk_by_name(str);
    if (!blk) {
        error_setg(errp, "Property '%s.%s' can't find value '%s'",
                   object_get_typename(obj), name, str);
        goto out;
    }
    if (blk_attach_dev(blk, dev) < 0) {
        DriveInfo *dinfo = blk_legacy_dinfo(blk);

        if (dinfo && dinfo->type != IF_NONE) {
            error_setg(errp, "Drive '%s' is already in use because "
                       "it has been automatically connected to another "
                       "device (did you need 'if=none' in the drive "
                       "options?)", str);
        } else {
            error_setg(errp, "Drive '%s' is already in use by another device",
                       str);
        }
        goto out;
    }
    *ptr = blk;
out:
    g_free(str);
}

static void release_drive(Object *obj, const char *name, void *opaque)
{
    BlockBackend **ptr = object_field_prop_ptr(obj, opaque);

    if (*ptr) {
        blk_detach_dev(*ptr, DEVICE(obj));
    }
    *ptr = NULL;
}

const PropertyInfo qdev_prop_drive = {
    .name  = "str",
    .description = "Node name or ID of a block device to use as a backend",
    .realized_set_allowed = false,
    .get   = get_drive,
    .set   = set_drive,
    .release = release_drive,
};

const PropertyInfo qdev_prop_drive_iothread = {
    .name  = "str",
    .description = "Node name or ID of a block device to use as a backend",
    .get   = get_drive,
    .set   = set_drive,
    .release = release_drive,
};

bool qdev_prop_set_drive_err(DeviceState *dev, const char *name,
                             BlockBackend *value, Error **errp)
{
    const char *ref = "";

    if (value) {
        ref = blk_name(value);
    }
    return object_property_set_str(OBJECT(dev), name, ref, errp);
}

void qdev_prop_set_drive(DeviceState *dev, const char *name,
                         BlockBackend *value)
{
    qdev_prop_set_drive_err(dev, name, value, &error_abort);
}

/*** enums ***/

const PropertyInfo qdev_prop_losttickpolicy = {
    .name  = "LostTickPolicy",
    .enum_table  = &LostTickPolicy_lookup,
    .get   = qdev_propinfo_get_enum,
    .set   = qdev_propinfo_set_enum,
};

const PropertyInfo qdev_prop_blockdev_on_error = {
    .name = "BlockdevOnError",
    .description = "Error handling policy, "
                   "report/ignore/enospc/stop/auto",
    .enum_table = &BlockdevOnError_lookup,
    .get = qdev_propinfo_get_enum,
    .set = qdev_propinfo_set_enum,
};
