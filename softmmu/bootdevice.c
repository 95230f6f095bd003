/*
 * Boot order: devices register a bootindex; firmware gets the sorted
 * list of their firmware paths through fw_cfg "bootorder".
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/visitor.h"
#include "qemu/error-report.h"
#include "qemu/queue.h"
#include "hw/qdev-core.h"
#include "sysemu/sysemu.h"

typedef struct FWBootEntry {
    QTAILQ_ENTRY(FWBootEntry) link;
    int32_t bootindex;
    DeviceState *dev;
    char *suffix;
} FWBootEntry;

static QTAILQ_HEAD(, FWBootEntry) fw_boot_order =
    QTAILQ_HEAD_INITIALIZER(fw_boot_order);

bool boot_strict;

void validate_bootdevices(const char *devices, Error **errp)
{
    /* Drives a..p; each at most once. */
    unsigned long bitmap = 0;
    const char *p;

    for (p = devices; *p != '\0'; p++) {
        if (*p < 'a' || *p > 'p') {
            error_setg(errp, "Invalid boot device '%c'", *p);
            return;
        }
        if (bitmap & (1UL << (*p - 'a'))) {
            error_setg(errp, "Boot device '%c' was given twice", *p);
            return;
        }
        bitmap |= 1UL << (*p - 'a');
    }
}

void add_boot_device_path(int32_t bootindex, DeviceState *dev,
                          const char *suffix)
{
    FWBootEntry *node, *i;

    if (bootindex < 0) {
        del_boot_device_path(dev, suffix);
        return;
    }
    assert(dev != NULL || suffix != NULL);
    del_boot_device_path(dev, suffix);

    node = g_new0(FWBootEntry, 1);
    node->bootindex = bootindex;
    node->suffix = g_strdup(suffix);
    node->dev = dev;

    /* Keep the list sorted by bootindex. */
    QTAILQ_FOREACH(i, &fw_boot_order, link) {
        if (i->bootindex == bootindex) {
            error_report("Two devices with same boot index %d", bootindex);
            exit(1);
        } else if (i->bootindex < bootindex) {
            continue;
        }
        QTAILQ_INSERT_BEFORE(i, node, link);
        return;
    }
    QTAILQ_INSERT_TAIL(&fw_boot_order, node, link);
}

void del_boot_device_path(DeviceState *dev, const char *suffix)
{
    FWBootEntry *i;

    if (dev == NULL) {
        return;
    }
    QTAILQ_FOREACH(i, &fw_boot_order, link) {
        if ((!suffix || !g_strcmp0(i->suffix, suffix)) && i->dev == dev) {
            QTAILQ_REMOVE(&fw_boot_order, i, link);
            g_free(i->suffix);
            g_free(i);
            break;
        }
    }
}

/*
 * "path\npath\n...path\0": the format of fw_cfg's bootorder file.
 * With -boot strict=on a final "HALT" stops the firmware there.
 */
char *get_boot_devices_list(size_t *size)
{
    FWBootEntry *i;
    GString *list = g_string_new(NULL);

    QTAILQ_FOREACH(i, &fw_boot_order, link) {
        char *devpath = NULL, *bootpath;

        if (i->dev) {
            devpath = qdev_get_fw_dev_path(i->dev);
            assert(devpath);
        }
        if (i->suffix && devpath) {
            bootpath = g_strdup_printf("%s%s", devpath, i->suffix);
        } else if (devpath) {
            bootpath = devpath;
            devpath = NULL;
        } else {
            assert(i->suffix);
            bootpath = g_strdup(i->suffix);
        }
        if (list->len) {
            g_string_append_c(list, '\n');
        }
        g_string_append(list, bootpath);
        g_free(bootpath);
        g_free(devpath);
    }
    if (boot_strict && list->len) {
        g_string_append(list, "\nHALT");
    }
    *size = list->len ? list->len + 1 : 0;
    if (!list->len) {
        g_string_free(list, TRUE);
        return NULL;
    }
    return g_string_free(list, FALSE);
}

typedef struct {
    int32_t *bootindex;
    const char *suffix;
    DeviceState *dev;
} BootIndexProperty;

static void device_get_bootindex(Object *obj, Visitor *v, const char *name,
                                 void *opaque, Error **errp)
{
    BootIndexProperty *prop = opaque;

    visit_type_int32(v, name, prop->bootindex, errp);
}

static bool check_boot_index(int32_t bootindex, Error **errp)
{
    FWBootEntry *i;

    if (bootindex >= 0) {
        QTAILQ_FOREACH(i, &fw_boot_order, link) {
            if (i->bootindex == bootindex) {
                error_setg(errp, "The bootindex %d has already been used",
                           bootindex);
                return false;
            }
        }
    }
    return true;
}

static void device_set_bootindex(Object *obj, Visitor *v, const char *name,
                                 void *opaque, Error **errp)
{
    BootIndexProperty *prop = opaque;
    int32_t boot_index;

    if (!visit_type_int32(v, name, &boot_index, errp)) {
        return;
    }
    if (boot_index < -1) {
        error_setg(errp, "Parameter 'bootindex' expects a value >= -1");
        return;
    }
    if (!check_boot_index(boot_index, errp)) {
        return;
    }
    *prop->bootindex = boot_index;
    add_boot_device_path(*prop->bootindex, prop->dev, prop->suffix);
}

static void property_release_bootindex(Object *obj, const char *name,
                                       void *opaque)
{
    BootIndexProperty *prop = opaque;

    del_boot_device_path(prop->dev, prop->suffix);
    g_free(prop);
}

void device_add_bootindex_property(Object *obj, int32_t *bootindex,
                                   const char *name, const char *suffix,
                                   DeviceState *dev)
{
    BootIndexProperty *prop = g_new0(BootIndexProperty, 1);

    prop->bootindex = bootindex;
    prop->suffix = suffix;
    prop->dev = dev;
    object_property_add(obj, name, "int32", device_get_bootindex,
                        device_set_bootindex, property_release_bootindex,
                        prop);
    /* -1: not in the boot order */
    *bootindex = -1;
}
