/*
 * Global properties: -global driver.prop=value and machine compat
 * tables, applied to every matching device as it is created.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/option.h"
#include "hw/qdev-core.h"
#include "hw/qdev-properties.h"
#include "hw/boards.h"
#include "monitor/qdev.h"

static GPtrArray *global_props(void)
{
    static GPtrArray *gp;

    if (!gp) {
        gp = g_ptr_array_new();
    }
    return gp;
}

void qdev_prop_register_global(GlobalProperty *prop)
{
    g_ptr_array_add(global_props(), prop);
}

const GlobalProperty *qdev_find_global_prop(Object *obj, const char *name)
{
    GPtrArray *props = global_props();
    const GlobalProperty *p;
    int i;

    /* The last one given wins, as when they are applied. */
    for (i = props->len - 1; i >= 0; i--) {
        p = g_ptr_array_index(props, i);
        if (object_dynamic_cast(obj, p->driver) &&
            !strcmp(p->property, name)) {
            return p;
        }
    }
    return NULL;
}

int qdev_prop_check_globals(void)
{
    GPtrArray *props = global_props();
    int i, ret = 0;

    for (i = 0; i < props->len; i++) {
        GlobalProperty *prop = g_ptr_array_index(props, i);
        ObjectClass *oc;

        if (prop->used) {
            continue;
        }
        oc = object_class_by_name(prop->driver);
        oc = oc ? object_class_dynamic_cast(oc, TYPE_DEVICE) : NULL;
        if (!oc) {
            warn_report("global %s.%s has invalid class name",
                        prop->driver, prop->property);
            ret = 1;
            continue;
        }
        if (!DEVICE_CLASS(oc)->hotpluggable) {
            warn_report("global %s.%s=%s not used",
                        prop->driver, prop->property, prop->value);
            ret = 1;
        }
    }
    return ret;
}

static void apply_global_list(Object *obj, GPtrArray *props, Error **errp)
{
    int i;

    if (!props) {
        return;
    }
    for (i = 0; i < props->len; i++) {
        GlobalProperty *p = g_ptr_array_index(props, i);
        Error *err = NULL;

        if (!object_dynamic_cast(obj, p->driver)) {
            continue;
        }
        if (p->optional && !object_property_find(obj, p->property)) {
            continue;
        }
        p->used = true;
        if (!object_property_find(obj, p->property)) {
            error_setg(&err, "Property '%s.%s' not found",
                       object_get_typename(obj), p->property);
        } else {
            object_property_parse(obj, p->property, p->value, &err);
        }
        if (err) {
            error_prepend(&err, "can't apply global %s.%s=%s: ",
                          p->driver, p->property, p->value);
            /*
             * Cold-plugged devices make start-up fail; a hot-plugged one
             * only warns (device_add has no way to undo a global).
             */
            if (errp) {
                error_propagate(errp, err);
                return;
            }
            warn_report_err(err);
        }
    }
}

void qdev_prop_set_globals(DeviceState *dev)
{
    Error *err = NULL;

    /* Machine compat tables first, then the user's -global. */
    if (current_machine) {
        apply_global_list(OBJECT(dev),
                          MACHINE_GET_CLASS(current_machine)->compat_props,
                          NULL);
    }
    apply_global_list(OBJECT(dev), global_props(),
                      dev->hotplugged ? NULL : &err);
    if (err) {
        error_report_err(err);
        exit(1);
    }
}

/*** -global parsing ***/

QemuOptsList qemu_global_opts = {
    .name = "global",
    .head = QTAILQ_HEAD_INITIALIZER(qemu_global_opts.head),
    .desc = {
        {
            .name = "driver",
            .type = QEMU_OPT_STRING,
        }, {
            .name = "property",
            .type = QEMU_OPT_STRING,
        }, {
            .name = "value",
            .type = QEMU_OPT_STRING,
        },
        { /* end of list */ }
    },
};

/* qemu_global_option() (util/qemu-config.c) fills this list. */

static int global_init_func(void *opaque, QemuOpts *opts, Error **errp)
{
    GlobalProperty *g = g_new0(GlobalProperty, 1);

    g->driver = qemu_opt_get(opts, "driver");
    g->property = qemu_opt_get(opts, "property");
    g->value = qemu_opt_get(opts, "value");
    if (!g->driver || !g->property || !g->value) {
        error_setg(errp, "Invalid parameter '%s'",
                   !g->driver ? "driver" :
                   !g->property ? "property" : "value");
        g_free(g);
        return -1;
    }
    qdev_prop_register_global(g);
    return 0;
}

void qemu_add_globals(void)
{
    qemu_opts_foreach(&qemu_global_opts, global_init_func, NULL, &error_fatal);
}
