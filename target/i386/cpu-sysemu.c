/*
 * x86 CPU model queries for management software: query-cpu-definitions
 * (with the features KVM cannot give each model) and
 * query-cpu-model-expansion (libvirt's host-model and host-passthrough
 * probe, and its check of custom models).
 *
 * An expansion instantiates the model without realizing it, applies the
 * caller's properties and reads the feature words back: "static" is
 * "base" plus one boolean per feature (and the CPU signature), "full" is
 * the model itself with every readable and writable property.  As QEMU,
 * named models are not filtered against the host here: the unavailable
 * ones are what query-cpu-definitions reports.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qmp/qdict.h"
#include "qapi/qmp/qlist.h"
#include "qapi/qmp/qstring.h"
#include "qom/object.h"
#include "qom/qom-qobject.h"
#include "sysemu/kvm.h"
#include "qapi/qapi-commands.h"
#include "target/i386/cpu.h"

static ObjectClass *x86_cpu_model_class(const char *name, Error **errp)
{
    g_autofree char *tn = g_strdup_printf(X86_CPU_TYPE_NAME("%s"), name);
    ObjectClass *oc = object_class_by_name(tn);

    if (!oc || object_class_is_abstract(oc) ||
        !object_class_dynamic_cast(oc, TYPE_X86_CPU)) {
        error_setg(errp, "CPU model '%s' not found", name);
        return NULL;
    }
    return oc;
}

/* A model instance with @props applied and its features worked out. */
static X86CPU *x86_cpu_from_model(const char *name, QDict *props,
                                  Error **errp)
{
    ObjectClass *oc = x86_cpu_model_class(name, errp);
    const QDictEntry *e;
    Object *obj;

    if (!oc) {
        return NULL;
    }
    obj = object_new(object_class_get_name(oc));
    for (e = props ? qdict_first(props) : NULL; e;
         e = qdict_next(props, e)) {
        if (!object_property_set_qobject(obj, qdict_entry_key(e),
                                         qdict_entry_value(e), errp)) {
            object_unref(obj);
            return NULL;
        }
    }
    x86_cpu_expand_features(X86_CPU(obj), errp);
    return X86_CPU(obj);
}

static void put_signature(QDict *d, Object *obj)
{
    static const char *const names[] = {
        "family", "model", "stepping", "vendor", "model-id",
    };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(names); i++) {
        QObject *v = object_property_get_qobject(obj, names[i], NULL);

        if (v) {
            qdict_put_obj(d, names[i], v);
        }
    }
}

/* One boolean per feature name (the first bit wins for duplicates). */
static void put_features(QDict *d, X86CPU *cpu)
{
    FeatureWord w;
    int bit;

    for (w = 0; w < FEATURE_WORDS; w++) {
        for (bit = 0; bit < 32; bit++) {
            const char *name = x86_cpu_feature_name(w, bit);

            if (name && !qdict_haskey(d, name)) {
                qdict_put_bool(d, name, cpu->env.features[w] & BIT(bit));
            }
        }
    }
}

/* Every property that can be read and set, with its value. */
static void put_all_properties(QDict *d, Object *obj)
{
    ObjectPropertyIterator iter;
    ObjectProperty *prop;

    object_property_iter_init(&iter, obj);
    while ((prop = object_property_iter_next(&iter))) {
        QObject *v;

        if (!prop->get || !prop->set) {
            continue;
        }
        v = object_property_get_qobject(obj, prop->name, NULL);
        if (v) {
            qdict_put_obj(d, prop->name, v);
        }
    }
}

QDict *qmp_query_cpu_model_expansion(const char *type, QDict *model,
                                     Error **errp)
{
    const char *name = qdict_get_str(model, "name");
    QObject *po = qdict_get(model, "props");
    QDict *props = NULL;
    QDict *m, *out, *ret;
    X86CPU *cpu;

    if (po) {
        props = qobject_to(QDict, po);
        if (!props) {
            error_setg(errp, "Invalid parameter type for 'props', "
                       "expected: object");
            return NULL;
        }
    }
    cpu = x86_cpu_from_model(name, props, errp);
    if (!cpu) {
        return NULL;
    }
    out = qdict_new();
    m = qdict_new();
    if (!strcmp(type, "static")) {
        put_signature(out, OBJECT(cpu));
        put_features(out, cpu);
        qdict_put_str(m, "name", "base");
    } else {
        put_all_properties(out, OBJECT(cpu));
        put_signature(out, OBJECT(cpu));
        put_features(out, cpu);
        qdict_put_str(m, "name", name);
    }
    qdict_put(m, "props", out);
    object_unref(OBJECT(cpu));
    ret = qdict_new();
    qdict_put(ret, "model", m);
    return ret;
}

/* Features @oc asks for that KVM cannot provide (libvirt: usable='no'). */
static QList *x86_cpu_unavailable_features(ObjectClass *oc)
{
    QList *list = qlist_new();
    X86CPU *cpu;
    FeatureWord w;
    int bit;

    if (!kvm_enabled()) {
        return list;
    }
    cpu = X86_CPU(object_new(object_class_get_name(oc)));
    x86_cpu_expand_features(cpu, &error_abort);
    for (w = 0; w < FEATURE_WORDS; w++) {
        uint32_t missing = cpu->env.features[w] &
                           ~x86_cpu_get_supported_feature_word(w);

        for (bit = 0; bit < 32; bit++) {
            const char *fname = x86_cpu_feature_name(w, bit);

            if ((missing & BIT(bit)) && fname) {
                qlist_append_str(list, fname);
            }
        }
    }
    object_unref(OBJECT(cpu));
    return list;
}

QList *qmp_query_cpu_definitions(Error **errp)
{
    GSList *classes = object_class_get_list(TYPE_X86_CPU, false);
    GSList *l;
    QList *list = qlist_new();

    for (l = classes; l; l = l->next) {
        const char *tn = object_class_get_name(l->data);
        g_autofree char *name = NULL;
        QDict *info;

        if (!g_str_has_suffix(tn, X86_CPU_TYPE_SUFFIX)) {
            continue;
        }
        name = g_strndup(tn, strlen(tn) - strlen(X86_CPU_TYPE_SUFFIX));
        info = qdict_new();
        qdict_put_str(info, "name", name);
        qdict_put_str(info, "typename", tn);
        qdict_put(info, "unavailable-features",
                  x86_cpu_unavailable_features(l->data));
        qdict_put_bool(info, "static", false);
        qdict_put_bool(info, "migration-safe",
                       strcmp(name, "host") && strcmp(name, "max"));
        qdict_put_bool(info, "deprecated", false);
        qlist_append(list, info);
    }
    g_slist_free(classes);
    return list;
}
