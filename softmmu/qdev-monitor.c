/*
 * -device / device_add: find the driver, pick its bus, create the
 * device, set its properties and realize it.  Also -device help and
 * device_del.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qmp/qdict.h"
#include "qapi/qmp/qstring.h"
#include "qapi/qobject-input-visitor.h"
#include "qapi/visitor.h"
#include "qemu/error-report.h"
#include "qemu/option.h"
#include "qom/object.h"
#include "hw/qdev-core.h"
#include "hw/qdev-properties.h"
#include "hw/sysbus.h"
#include "hw/boards.h"
#include "monitor/qdev.h"

/* Short names: "virtio-blk" for "virtio-blk-pci" and the like. */
typedef struct QDevAlias {
    const char *typename;
    const char *alias;
} QDevAlias;

static const QDevAlias qdev_alias_table[] = {
    { "e1000", "e1000-82540em" },
    { "ich9-ahci", "ahci" },
    { "lsi53c895a", "lsi" },
    { "virtio-9p-pci", "virtio-9p" },
    { "virtio-balloon-pci", "virtio-balloon" },
    { "virtio-blk-pci", "virtio-blk" },
    { "virtio-gpu-pci", "virtio-gpu" },
    { "virtio-input-host-pci", "virtio-input-host" },
    { "virtio-iommu-pci", "virtio-iommu" },
    { "virtio-keyboard-pci", "virtio-keyboard" },
    { "virtio-mouse-pci", "virtio-mouse" },
    { "virtio-net-pci", "virtio-net" },
    { "virtio-rng-pci", "virtio-rng" },
    { "virtio-scsi-pci", "virtio-scsi" },
    { "virtio-serial-pci", "virtio-serial" },
    { "virtio-tablet-pci", "virtio-tablet" },
    { }
};

QemuOptsList qemu_device_opts = {
    .name = "device",
    .implied_opt_name = "driver",
    .head = QTAILQ_HEAD_INITIALIZER(qemu_device_opts.head),
    .desc = {
        /* No descriptions: any key is passed on as a property. */
        { /* end of list */ }
    },
};

static const char *qdev_class_get_alias(DeviceClass *dc)
{
    const char *typename = object_class_get_name(OBJECT_CLASS(dc));
    int i;

    for (i = 0; qdev_alias_table[i].typename; i++) {
        if (strcmp(qdev_alias_table[i].typename, typename) == 0) {
            return qdev_alias_table[i].alias;
        }
    }
    return NULL;
}

static const char *find_typename_by_alias(const char *alias)
{
    int i;

    for (i = 0; qdev_alias_table[i].alias; i++) {
        if (strcmp(qdev_alias_table[i].alias, alias) == 0) {
            return qdev_alias_table[i].typename;
        }
    }
    return NULL;
}

/*** -device help ***/

static void qdev_print_devinfo(DeviceClass *dc)
{
    const char *alias = qdev_class_get_alias(dc);

    printf("name \"%s\"", object_class_get_name(OBJECT_CLASS(dc)));
    if (dc->bus_type) {
        printf(", bus %s", dc->bus_type);
    }
    if (alias) {
        printf(", alias \"%s\"", alias);
    }
    if (dc->desc) {
        printf(", desc \"%s\"", dc->desc);
    }
    if (!dc->user_creatable) {
        printf(", no-user");
    }
    printf("\n");
}

static gint devinfo_cmp(gconstpointer a, gconstpointer b)
{
    return strcasecmp(object_class_get_name((ObjectClass *)a),
                      object_class_get_name((ObjectClass *)b));
}

static bool dc_has_category(DeviceClass *dc, int cat)
{
    return dc->categories[cat / 64] & (1UL << (cat % 64));
}

static bool dc_has_any_category(DeviceClass *dc)
{
    int i;

    for (i = 0; i < DEVICE_CATEGORY_MAX; i++) {
        if (dc_has_category(dc, i)) {
            return true;
        }
    }
    return false;
}

static void qdev_print_devinfos(bool show_no_user)
{
    static const char *cat_name[DEVICE_CATEGORY_MAX + 1] = {
        [DEVICE_CATEGORY_BRIDGE]   = "Controller/Bridge/Hub",
        [DEVICE_CATEGORY_USB]      = "USB",
        [DEVICE_CATEGORY_STORAGE]  = "Storage",
        [DEVICE_CATEGORY_NETWORK]  = "Network",
        [DEVICE_CATEGORY_INPUT]    = "Input",
        [DEVICE_CATEGORY_DISPLAY]  = "Display",
        [DEVICE_CATEGORY_SOUND]    = "Sound",
        [DEVICE_CATEGORY_MISC]     = "Misc",
        [DEVICE_CATEGORY_CPU]      = "CPU",
        [DEVICE_CATEGORY_WATCHDOG] = "Watchdog",
        [DEVICE_CATEGORY_MAX]      = "Uncategorized",
    };
    GSList *list, *elt;
    int i;
    bool cat_printed;

    list = g_slist_sort(object_class_get_list(TYPE_DEVICE, false),
                        devinfo_cmp);
    for (i = 0; i <= DEVICE_CATEGORY_MAX; i++) {
        cat_printed = false;
        for (elt = list; elt; elt = elt->next) {
            DeviceClass *dc = OBJECT_CLASS_CHECK(DeviceClass, elt->data,
                                                 TYPE_DEVICE);
            bool in_cat = i < DEVICE_CATEGORY_MAX ? dc_has_category(dc, i)
                                                  : !dc_has_any_category(dc);

            if (!in_cat || (!show_no_user && !dc->user_creatable)) {
                continue;
            }
            if (!cat_printed) {
                printf("%s%s devices:\n", i ? "\n" : "", cat_name[i]);
                cat_printed = true;
            }
            qdev_print_devinfo(dc);
        }
    }
    g_slist_free(list);
}

void qdev_list_devices(void)
{
    qdev_print_devinfos(false);
}

static bool is_help_option(const char *s)
{
    return s && (!strcmp(s, "?") || !strcmp(s, "help"));
}

/* Properties that -device DRIVER,help leaves out (internal plumbing). */
static bool prop_hidden_in_help(ObjectProperty *prop)
{
    static const char *const hidden[] = {
        "type", "realized", "hotpluggable", "hotplugged", "parent_bus",
        NULL
    };
    int i;

    for (i = 0; hidden[i]; i++) {
        if (!strcmp(prop->name, hidden[i])) {
            return true;
        }
    }
    /* QOM says "child<...>" etc.; link/child are shown as-is. */
    return false;
}

static char *prop_help_line(const char *name, const char *type,
                            const char *defval, const char *desc)
{
    GString *str = g_string_new(NULL);

    g_string_append_printf(str, "  %s=<%s>", name, type);
    if (desc || defval) {
        if (str->len < 24) {
            g_string_append_printf(str, "%*s", 24 - (int)str->len, "");
        }
        g_string_append(str, " - ");
    }
    if (desc) {
        g_string_append(str, desc);
    }
    if (defval) {
        g_string_append_printf(str, " (default: %s)", defval);
    }
    return g_string_free(str, FALSE);
}

static int pstrcmp(gconstpointer a, gconstpointer b)
{
    return g_strcmp0(*(char *const *)a, *(char *const *)b);
}

/* Print "DRIVER options:" and one line per property; false on error. */
static bool qdev_print_props(const char *driver, Error **errp)
{
    ObjectClass *oc = object_class_by_name(driver);
    ObjectPropertyIterator iter;
    ObjectProperty *prop;
    GPtrArray *lines;
    Object *obj;
    guint i;

    if (!oc) {
        error_setg(errp, "Device '%s' not found", driver);
        return false;
    }
    if (!object_class_dynamic_cast(oc, TYPE_DEVICE)) {
        error_setg(errp, "Parameter 'typename' expects device");
        return false;
    }
    if (object_class_is_abstract(oc)) {
        error_setg(errp, "Parameter 'typename' expects a non-abstract "
                   "device type");
        return false;
    }

    /* Instance properties exist only on an instance. */
    obj = object_new(driver);
    lines = g_ptr_array_new_with_free_func(g_free);
    object_property_iter_init(&iter, obj);
    while ((prop = object_property_iter_next(&iter))) {
        Property *sp;
        char *defval = NULL;

        if (prop_hidden_in_help(prop)) {
            continue;
        }
        sp = qdev_prop_find(oc, prop->name);
        if (sp) {
            defval = qdev_prop_default_str(sp);
        }
        g_ptr_array_add(lines, prop_help_line(prop->name, prop->type, defval,
                        prop->description && *prop->description ?
                        prop->description : NULL));
        g_free(defval);
    }
    object_unref(obj);

    if (lines->len) {
        printf("%s options:\n", driver);
    } else {
        printf("There are no options for %s.\n", driver);
    }
    g_ptr_array_sort(lines, pstrcmp);
    for (i = 0; i < lines->len; i++) {
        printf("%s\n", (char *)g_ptr_array_index(lines, i));
    }
    g_ptr_array_free(lines, TRUE);
    return true;
}

int qdev_device_help(QemuOpts *opts)
{
    Error *local_err = NULL;
    const char *driver;

    driver = qemu_opt_get(opts, "driver");
    if (driver && is_help_option(driver)) {
        qdev_print_devinfos(false);
        return 1;
    }
    if (!driver || !qemu_opt_has_help_opt(opts)) {
        return 0;
    }
    if (!object_class_by_name(driver)) {
        const char *typename = find_typename_by_alias(driver);

        if (typename) {
            driver = typename;
        }
    }
    if (!qdev_print_props(driver, &local_err)) {
        error_report_err(local_err);
    }
    return 1;
}

/*** bus lookup ***/

static DeviceState *qbus_find_dev(BusState *bus, char *elem)
{
    BusChild *kid;

    /* id first, then type name, then the type's alias */
    QTAILQ_FOREACH(kid, &bus->children, sibling) {
        if (kid->child->id && strcmp(kid->child->id, elem) == 0) {
            return kid->child;
        }
    }
    QTAILQ_FOREACH(kid, &bus->children, sibling) {
        if (strcmp(object_get_typename(OBJECT(kid->child)), elem) == 0) {
            return kid->child;
        }
    }
    QTAILQ_FOREACH(kid, &bus->children, sibling) {
        const char *alias = qdev_class_get_alias(DEVICE_GET_CLASS(kid->child));

        if (alias && strcmp(alias, elem) == 0) {
            return kid->child;
        }
    }
    return NULL;
}

/*
 * First bus below (and including) @bus matching name and type.  With no
 * name, prefer one with room; a full match is the fallback.
 */
BusState *qbus_find_recursive(BusState *bus, const char *name,
                              const char *bus_typename)
{
    BusChild *kid;
    BusState *pure_match = NULL;
    bool match = true;

    if (name && strcmp(bus->name, name) != 0) {
        match = false;
    }
    if (bus_typename && !object_dynamic_cast(OBJECT(bus), bus_typename)) {
        match = false;
    }
    if (match) {
        if (name || !qbus_is_full(bus)) {
            return bus;
        }
        pure_match = bus;
    }

    QTAILQ_FOREACH(kid, &bus->children, sibling) {
        DeviceState *dev = kid->child;
        BusState *child, *ret;

        QLIST_FOREACH(child, &dev->child_bus, sibling) {
            ret = qbus_find_recursive(child, name, bus_typename);
            if (ret && (name || !qbus_is_full(ret))) {
                return ret;
            }
            if (ret && !pure_match) {
                pure_match = ret;
            }
        }
    }
    return pure_match;
}

/* Next path element into elem; returns its length. */
static size_t path_elem(const char *p, char *elem, size_t size)
{
    size_t len = strcspn(p, "/");

    g_strlcpy(elem, p, MIN(len + 1, size));
    return len;
}

BusState *qbus_find(const char *path, Error **errp)
{
    DeviceState *dev;
    BusState *bus;
    char elem[128];
    size_t pos, len;

    if (path[0] == '/') {
        bus = sysbus_get_default();
        pos = 0;
    } else {
        len = path_elem(path, elem, sizeof(elem));
        bus = qbus_find_recursive(sysbus_get_default(), elem, NULL);
        if (!bus) {
            error_setg(errp, "Bus '%s' not found", elem);
            return NULL;
        }
        pos = len;
    }

    for (;;) {
        while (path[pos] == '/') {
            pos++;
        }
        if (path[pos] == '\0') {
            break;
        }

        len = path_elem(path + pos, elem, sizeof(elem));
        pos += len;
        dev = qbus_find_dev(bus, elem);
        if (!dev) {
            error_setg(errp, "Device '%s' not found", elem);
            return NULL;
        }

        while (path[pos] == '/') {
            pos++;
        }
        if (path[pos] == '\0') {
            /* A device with exactly one bus stands for that bus. */
            if (dev->num_child_bus == 1) {
                bus = QLIST_FIRST(&dev->child_bus);
                break;
            }
            if (dev->num_child_bus) {
                error_setg(errp, "Device '%s' has multiple child buses",
                           elem);
            } else {
                error_setg(errp, "Device '%s' has no child bus", elem);
            }
            return NULL;
        }

        len = path_elem(path + pos, elem, sizeof(elem));
        pos += len;
        bus = qdev_get_child_bus(dev, elem);
        if (!bus) {
            error_setg(errp, "Bus '%s' not found", elem);
            return NULL;
        }
    }

    if (qbus_is_full(bus)) {
        error_setg(errp, "Bus '%s' is full", path);
        return NULL;
    }
    return bus;
}

/*** device creation ***/

static DeviceClass *qdev_get_device_class(const char **driver, Error **errp)
{
    const char *original_name = *driver;
    ObjectClass *oc;
    DeviceClass *dc;

    oc = object_class_by_name(*driver);
    if (!oc) {
        const char *typename = find_typename_by_alias(*driver);

        if (typename) {
            *driver = typename;
            oc = object_class_by_name(*driver);
        }
    }

    if (!oc || !object_class_dynamic_cast(oc, TYPE_DEVICE)) {
        if (*driver != original_name) {
            error_setg(errp, "'%s' (alias '%s') is not a valid device model "
                       "name", original_name, *driver);
        } else {
            error_setg(errp, "'%s' is not a valid device model name",
                       *driver);
        }
        return NULL;
    }

    if (object_class_is_abstract(oc)) {
        error_setg(errp, "Parameter 'driver' expects a non-abstract device "
                   "type");
        return NULL;
    }

    dc = DEVICE_CLASS(oc);
    if (!dc->user_creatable ||
        (phase_check(PHASE_MACHINE_READY) && !dc->hotpluggable)) {
        error_setg(errp, "Parameter 'driver' expects a pluggable device "
                   "type");
        return NULL;
    }
    return dc;
}

/* Set each key of @props on @obj; stops at the first error. */
static bool qdev_set_props_from_qdict(Object *obj, const QDict *props,
                                      bool from_json, Error **errp)
{
    const QDictEntry *e;
    Visitor *v;
    bool ok = false;

    if (from_json) {
        v = qobject_input_visitor_new(QOBJECT(props));
    } else {
        v = qobject_input_visitor_new_keyval(QOBJECT(props));
    }
    if (!visit_start_struct(v, NULL, NULL, 0, errp)) {
        goto out_free;
    }
    for (e = qdict_first(props); e; e = qdict_next(props, e)) {
        if (!object_property_find(obj, e->key)) {
            error_setg(errp, "Property '%s.%s' not found",
                       object_get_typename(obj), e->key);
            goto out;
        }
        if (!object_property_set(obj, e->key, v, errp)) {
            goto out;
        }
    }
    ok = visit_check_struct(v, errp);
out:
    visit_end_struct(v, NULL);
out_free:
    visit_free(v);
    return ok;
}

bool qdev_should_hide_device(const QDict *opts, bool from_json, Error **errp)
{
    /* Failover (hidden primary devices) is not implemented. */
    return false;
}

DeviceState *qdev_device_add_from_qdict(const QDict *opts, bool from_json,
                                        Error **errp)
{
    ERRP_GUARD();
    DeviceClass *dc;
    const char *driver, *path;
    char *id;
    DeviceState *dev = NULL;
    BusState *bus = NULL;
    QDict *props;

    driver = qdict_get_try_str(opts, "driver");
    if (!driver) {
        error_setg(errp, "Parameter 'driver' is missing");
        return NULL;
    }

    dc = qdev_get_device_class(&driver, errp);
    if (!dc) {
        return NULL;
    }

    path = qdict_get_try_str(opts, "bus");
    if (path != NULL) {
        bus = qbus_find(path, errp);
        if (!bus) {
            return NULL;
        }
        if (!dc->bus_type ||
            !object_dynamic_cast(OBJECT(bus), dc->bus_type)) {
            error_setg(errp, "Device '%s' can't go on %s bus",
                       driver, object_get_typename(OBJECT(bus)));
            return NULL;
        }
    } else if (dc->bus_type != NULL) {
        bus = qbus_find_recursive(sysbus_get_default(), NULL, dc->bus_type);
        if (!bus || qbus_is_full(bus)) {
            error_setg(errp, "No '%s' bus found for device '%s'",
                       dc->bus_type, driver);
            return NULL;
        }
    }

    if (qdev_should_hide_device(opts, from_json, errp)) {
        return NULL;
    }

    if (phase_check(PHASE_MACHINE_READY) && bus && !qbus_is_hotpluggable(bus)) {
        error_setg(errp, "Bus '%s' does not support hotplugging", bus->name);
        return NULL;
    }

    dev = qdev_new(driver);

    if (phase_check(PHASE_MACHINE_READY)) {
        if (!qdev_hotplug_allowed(dev, errp)) {
            goto err_del_dev;
        }
        if (!bus && !qdev_get_machine_hotplug_handler(dev)) {
            error_setg(errp, "Device '%s' can not be hotplugged on this "
                       "machine", driver);
            goto err_del_dev;
        }
    }

    /* Registers the id; fails if it is taken. */
    id = g_strdup(qdict_get_try_str(opts, "id"));
    qdev_set_id(dev, id, errp);
    if (*errp) {
        goto err_del_dev;
    }

    props = qdict_clone_shallow(opts);
    qdict_del(props, "driver");
    qdict_del(props, "bus");
    qdict_del(props, "id");
    dev->opts = props;
    if (!qdev_set_props_from_qdict(OBJECT(dev), props, from_json, errp)) {
        goto err_del_dev;
    }

    if (!qdev_realize(dev, bus, errp)) {
        goto err_del_dev;
    }
    return dev;

err_del_dev:
    if (dev) {
        object_unparent(OBJECT(dev));
        object_unref(OBJECT(dev));
    }
    return NULL;
}

DeviceState *qdev_device_add(QemuOpts *opts, Error **errp)
{
    QDict *qdict = qemu_opts_to_qdict(opts, NULL);
    DeviceState *ret;

    ret = qdev_device_add_from_qdict(qdict, false, errp);
    if (ret) {
        qemu_opts_del(opts);
    }
    qobject_unref(qdict);
    return ret;
}

/*** unplug ***/

DeviceState *find_device_state(const char *id, Error **errp)
{
    Object *obj;

    if (id[0] == '/') {
        obj = object_resolve_path(id, NULL);
    } else {
        obj = object_resolve_path_component(qdev_get_peripheral(), id);
    }
    if (!obj) {
        error_set(errp, ERROR_CLASS_DEVICE_NOT_FOUND,
                  "Device '%s' not found", id);
        return NULL;
    }
    if (!object_dynamic_cast(obj, TYPE_DEVICE)) {
        error_setg(errp, "%s is not a hotpluggable device", id);
        return NULL;
    }
    return DEVICE(obj);
}

DeviceState *qdev_find_recursive(BusState *bus, const char *id)
{
    BusChild *kid;
    DeviceState *ret;
    BusState *child;

    QTAILQ_FOREACH(kid, &bus->children, sibling) {
        DeviceState *dev = kid->child;

        if (dev->id && strcmp(dev->id, id) == 0) {
            return dev;
        }
        QLIST_FOREACH(child, &dev->child_bus, sibling) {
            ret = qdev_find_recursive(child, id);
            if (ret) {
                return ret;
            }
        }
    }
    return NULL;
}

void qdev_unplug(DeviceState *dev, Error **errp)
{
    DeviceClass *dc = DEVICE_GET_CLASS(dev);
    HotplugHandler *hotplug_ctrl;
    HotplugHandlerClass *hdc;
    Error *local_err = NULL;

    if (dev->parent_bus && !qbus_is_hotpluggable(dev->parent_bus)) {
        error_setg(errp, "Bus '%s' does not support hotplugging",
                   dev->parent_bus->name);
        return;
    }
    if (!dc->hotpluggable) {
        error_setg(errp, "Device '%s' does not support hotplugging",
                   object_get_typename(OBJECT(dev)));
        return;
    }

    qdev_hot_removed = true;
    hotplug_ctrl = qdev_get_hotplug_handler(dev);
    if (!hotplug_ctrl) {
        error_setg(errp, "Device '%s' does not support hotplugging",
                   object_get_typename(OBJECT(dev)));
        return;
    }
    hdc = HOTPLUG_HANDLER_GET_CLASS(hotplug_ctrl);
    /* Async (guest-cooperative) unplug if the handler supports it. */
    if (hdc->unplug_request) {
        hotplug_handler_unplug_request(hotplug_ctrl, dev, &local_err);
    } else {
        hotplug_handler_unplug(hotplug_ctrl, dev, &local_err);
        if (!local_err) {
            object_unparent(OBJECT(dev));
        }
    }
    error_propagate(errp, local_err);
}

void qmp_device_add(QDict *qdict, QObject **ret_data, Error **errp)
{
    DeviceState *dev = qdev_device_add_from_qdict(qdict, true, errp);

    if (dev) {
        object_unref(OBJECT(dev));
    }
}

void qmp_device_del(const char *id, Error **errp)
{
    DeviceState *dev = find_device_state(id, errp);

    if (dev) {
        if (dev->pending_deleted_event) {
            error_setg(errp, "Device %s is already in the "
                       "process of unplug", id);
            return;
        }
        qdev_unplug(dev, errp);
    }
}
