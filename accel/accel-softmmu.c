/*
 * Accelerator selection: the TYPE_ACCEL QOM base class and
 * configure_accelerators(), which turns -accel / -machine accel= /
 * -enable-kvm into one initialised accelerator object.
 */
#include "qemu/osdep.h"
#include "qemu/typedefs.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/option.h"
#include "qemu/config-file.h"
#include "qemu/accel.h"
#include "hw/boards.h"
#include "sysemu/sysemu.h"

static AccelState *accel_in_use;
static char *machine_accelerators;

QemuOptsList qemu_accel_opts = {
    .name = "accel",
    .implied_opt_name = "accel",
    .head = QTAILQ_HEAD_INITIALIZER(qemu_accel_opts.head),
    .desc = {
        /* Properties are checked against the accelerator object. */
        { }
    },
};

static const TypeInfo accel_type = {
    .name = TYPE_ACCEL,
    .parent = TYPE_OBJECT,
    .class_size = sizeof(AccelClass),
    .instance_size = sizeof(AccelState),
    .abstract = true,
};

static void register_accel_types(void)
{
    type_register_static(&accel_type);
}

type_init(register_accel_types);

AccelClass *accel_find(const char *opt_name)
{
    g_autofree char *class_name = g_strdup_printf(ACCEL_CLASS_NAME("%s"),
                                                  opt_name);
    ObjectClass *oc = object_class_by_name(class_name);

    if (!oc || object_class_is_abstract(oc) ||
        !object_class_dynamic_cast(oc, TYPE_ACCEL)) {
        return NULL;
    }
    return ACCEL_CLASS(oc);
}

AccelState *current_accel(void)
{
    return accel_in_use;
}

const char *current_accel_name(void)
{
    return accel_in_use ? ACCEL_GET_CLASS(accel_in_use)->name : NULL;
}

int accel_init_machine(AccelState *accel, MachineState *ms)
{
    AccelClass *acc = ACCEL_GET_CLASS(accel);
    int ret;

    if (ms) {
        ms->accelerator = accel;
    }
    ret = acc->init_machine(ms);
    if (ret < 0) {
        if (ms) {
            ms->accelerator = NULL;
        }
        return ret;
    }
    if (acc->allowed) {
        *acc->allowed = true;
    }
    accel_in_use = accel;
    return 0;
}

void accel_setup_post(MachineState *ms)
{
    AccelState *accel = accel_in_use;

    if (accel && ACCEL_GET_CLASS(accel)->setup_post) {
        ACCEL_GET_CLASS(accel)->setup_post(ms, accel);
    }
}

void accel_set_machine_accelerators(const char *accelerators)
{
    g_free(machine_accelerators);
    machine_accelerators = g_strdup(accelerators);
}

static void accel_list_one(gpointer data, gpointer user)
{
    const char *name = object_class_get_name(OBJECT_CLASS(data));
    size_t n = strlen(name) - strlen(ACCEL_CLASS_SUFFIX);

    printf("%.*s\n", (int)n, name);
}

void accel_list_print(void)
{
    GSList *list = object_class_get_list_sorted(TYPE_ACCEL, false);

    printf("Accelerators supported in QEMU binary:\n");
    g_slist_foreach(list, accel_list_one, NULL);
    g_slist_free(list);
}

static int accel_set_property(void *opaque, const char *name,
                              const char *value, Error **errp)
{
    if (g_str_equal(name, "accel")) {
        return 0;
    }
    /* "kvm" parsed as the flag kvm=on (e.g. -enable-kvm): the name. */
    if (accel_find(name) && g_str_equal(value, "on")) {
        return 0;
    }
    return object_property_parse(OBJECT(opaque), name, value, errp) ? 0 : -1;
}

/* Try one -accel entry; 1 if it is now in use. */
static int do_configure_accelerator(void *opaque, QemuOpts *opts,
                                    Error **errp)
{
    bool *init_failed = opaque;
    const char *acc = qemu_opt_get(opts, "accel");
    AccelClass *ac;
    Object *obj;
    int ret;

    if (!acc) {
        /* No accel= (e.g. a bare "kvm" flag): the only one we have. */
        acc = "kvm";
    }
    ac = accel_find(acc);
    if (!ac) {
        *init_failed = true;
        error_report("invalid accelerator %s", acc);
        return 0;
    }
    obj = object_new_with_class(OBJECT_CLASS(ac));
    if (qemu_opt_foreach(opts, accel_set_property, obj, errp)) {
        object_unref(obj);
        return -1;
    }
    ret = accel_init_machine(ACCEL(obj), current_machine);
    if (ret < 0) {
        *init_failed = true;
        error_report("failed to initialize %s: %s", acc, strerror(-ret));
        object_unref(obj);
        return 0;
    }
    if (current_machine) {
        object_property_add_child(OBJECT(current_machine), "accel", obj);
        object_unref(obj);
    }
    return 1;
}

void configure_accelerators(const char *progname)
{
    QemuOptsList *list = qemu_find_opts_err("accel", NULL);
    bool init_failed = false;
    bool have_opts;
    int ret;

    if (!list) {
        qemu_add_opts(&qemu_accel_opts);
        list = &qemu_accel_opts;
    }
    have_opts = !QTAILQ_EMPTY(&list->head);
    if (!have_opts) {
        g_auto(GStrv) accel_list = NULL;
        char **tmp;

        /*
         * KVM is the default; with -qtest the default is qtest, as in
         * QEMU (tests need not say -accel qtest).
         */
        accel_list = g_strsplit(machine_accelerators ?:
                                (qtest_chrdev ? "qtest" : "kvm"), ":", 0);
        for (tmp = accel_list; *tmp; tmp++) {
            if (accel_find(*tmp)) {
                qemu_opts_parse_noisily(list, *tmp, true);
            } else if (!g_str_equal(*tmp, "tcg") || !accel_list[1]) {
                /* tcg is left out silently when something else is listed */
                init_failed = true;
                error_report("invalid accelerator %s", *tmp);
            }
        }
    } else if (machine_accelerators) {
        error_report("The -accel and \"-machine accel=\" options are "
                     "incompatible");
        exit(1);
    }

    /* error_fatal: property errors are reported with their -accel. */
    ret = qemu_opts_foreach(list, do_configure_accelerator, &init_failed,
                            &error_fatal);
    if (ret <= 0) {
        if (!init_failed) {
            error_report("no accelerator found");
        }
        exit(1);
    }
    if (init_failed) {
        error_report("falling back to %s", current_accel_name());
    }
}
