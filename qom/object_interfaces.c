/*
 * UserCreatable: objects created by the user with -object / object-add
 * and living under /objects.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qom/object.h"
#include "qom/object_interfaces.h"
#include "qapi/visitor.h"
#include "qapi/keyval.h"
#include "qapi/qobject-input-visitor.h"
#include "qapi/qmp/qdict.h"
#include "qapi/qmp/qjson.h"
#include "qapi/qmp/qobject.h"
#include "qapi/qmp/qstring.h"

bool user_creatable_complete(UserCreatable *uc, Error **errp)
{
    UserCreatableClass *ucc = USER_CREATABLE_GET_CLASS(uc);
    Error *err = NULL;

    if (ucc->complete) {
        ucc->complete(uc, &err);
        error_propagate(errp, err);
    }
    return !err;
}

bool user_creatable_can_be_deleted(UserCreatable *uc)
{
    UserCreatableClass *ucc = USER_CREATABLE_GET_CLASS(uc);

    if (ucc->can_be_deleted) {
        return ucc->can_be_deleted(uc);
    }
    return true;
}

/* Letters, digits, '-', '.', '_', starting with a letter (as -object). */
static bool user_creatable_id_wellformed(const char *id)
{
    if (!g_ascii_isalpha(id[0])) {
        return false;
    }
    for (const char *p = id + 1; *p; p++) {
        if (!g_ascii_isalnum(*p) && !strchr("-._", *p)) {
            return false;
        }
    }
    return true;
}

/*
 * @keyval: the input came from the command line, where unknown keys are
 * reported as "Invalid parameter" (QMP says "is unexpected").
 */
static Object *user_creatable_add_type_internal(const char *type,
                                                const char *id,
                                                const QDict *qdict,
                                                Visitor *v, bool keyval,
                                                Error **errp)
{
    ObjectClass *klass;
    Object *obj = NULL;
    Error *local_err = NULL;
    const QDictEntry *e;

    if (id != NULL && !user_creatable_id_wellformed(id)) {
        error_setg(errp, "Parameter '%s' expects %s", "id", "an identifier");
        error_append_hint(errp, "Identifiers consist of letters, digits, "
                          "'-', '.', '_', starting with a letter.\n");
        return NULL;
    }

    klass = object_class_by_name(type);
    if (!klass) {
        error_setg(errp, "invalid object type: %s", type);
        return NULL;
    }
    if (!object_class_dynamic_cast(klass, TYPE_USER_CREATABLE)) {
        error_setg(errp, "object type '%s' isn't supported by object-add",
                   type);
        return NULL;
    }
    if (object_class_is_abstract(klass)) {
        error_setg(errp, "object type '%s' is abstract", type);
        return NULL;
    }

    obj = object_new(type);
    if (qdict && v) {
        if (!visit_start_struct(v, NULL, NULL, 0, &local_err)) {
            goto out;
        }
        for (e = qdict_first(qdict); e; e = qdict_next(qdict, e)) {
            const char *key = qdict_entry_key(e);

            /*
             * Keys that name no property stay unvisited, so the
             * visitor's check_struct reports them in its own words.
             */
            if (!object_property_find(obj, key)) {
                if (keyval) {
                    error_setg(&local_err, "Invalid parameter '%s'", key);
                    break;
                }
                continue;
            }
            if (!object_property_set(obj, key, v, &local_err)) {
                break;
            }
        }
        if (!local_err) {
            visit_check_struct(v, &local_err);
        }
        visit_end_struct(v, NULL);
        if (local_err) {
            goto out;
        }
    }

    if (id != NULL) {
        object_property_try_add_child(object_get_objects_root(), id, obj,
                                      &local_err);
        if (local_err) {
            goto out;
        }
    }

    if (!user_creatable_complete(USER_CREATABLE(obj), &local_err)) {
        if (id != NULL) {
            object_property_del(object_get_objects_root(), id);
        }
        goto out;
    }

out:
    if (local_err) {
        error_propagate(errp, local_err);
        object_unref(obj);
        return NULL;
    }
    return obj;
}

Object *user_creatable_add_type(const char *type, const char *id,
                                const QDict *qdict, Visitor *v,
                                Error **errp)
{
    return user_creatable_add_type_internal(type, id, qdict, v, false, errp);
}

/* Fetch the mandatory string member @key of @dict into *@value. */
static bool dict_get_str_param(const QDict *dict, const char *key,
                               char **value, Error **errp)
{
    QObject *obj = qdict_get(dict, key);
    QString *str = qobject_to(QString, obj);

    if (!obj) {
        error_setg(errp, "Parameter '%s' is missing", key);
        return false;
    }
    if (!str) {
        error_setg(errp, "Invalid parameter type for '%s', expected: %s",
                   key, "string");
        return false;
    }
    *value = g_strdup(qstring_get_str(str));
    return true;
}

Object *user_creatable_add_dict(const QDict *qdict, bool keyval,
                                Error **errp)
{
    g_autoptr(QDict) props = qdict_clone_shallow(qdict);
    g_autofree char *type = NULL;
    g_autofree char *id = NULL;
    ObjectClass *klass;
    Visitor *v;
    Object *obj;

    if (!dict_get_str_param(props, "qom-type", &type, errp)) {
        return NULL;
    }
    qdict_del(props, "qom-type");

    /* The QAPI schema restricts qom-type to user-creatable types. */
    klass = object_class_by_name(type);
    if (!klass || !object_class_dynamic_cast(klass, TYPE_USER_CREATABLE) ||
        object_class_is_abstract(klass)) {
        error_setg(errp, "Parameter '%s' does not accept value '%s'",
                   "qom-type", type);
        return NULL;
    }

    if (!dict_get_str_param(props, "id", &id, errp)) {
        return NULL;
    }
    qdict_del(props, "id");

    if (keyval) {
        v = qobject_input_visitor_new_keyval(QOBJECT(props));
    } else {
        v = qobject_input_visitor_new(QOBJECT(props));
    }
    obj = user_creatable_add_type_internal(type, id, props, v, keyval, errp);
    visit_free(v);
    /* /objects holds the object now. */
    object_unref(obj);
    return obj;
}

QDict *user_creatable_parse_str(const char *str, bool *keyval, Error **errp)
{
    QObject *obj;
    QDict *dict;
    bool help = false;

    if (str[0] == '{') {
        obj = qobject_from_json(str, errp);
        if (!obj) {
            return NULL;
        }
        dict = qobject_to(QDict, obj);
        if (!dict) {
            qobject_unref(obj);
            error_setg(errp, "JSON argument must be an object");
            return NULL;
        }
        if (keyval) {
            *keyval = false;
        }
        return dict;
    }

    dict = keyval_parse(str, "qom-type", &help, errp);
    if (!dict) {
        return NULL;
    }
    if (help) {
        /* Marker for the caller: "type,help" asks for the type's help. */
        qdict_put_str(dict, "help", "on");
    }
    if (keyval) {
        *keyval = true;
    }
    return dict;
}

static void user_creatable_print_types(void)
{
    GSList *list = object_class_get_list_sorted(TYPE_USER_CREATABLE, false);

    printf("List of user creatable objects:\n");
    for (GSList *l = list; l; l = l->next) {
        printf("  %s\n", object_class_get_name(l->data));
    }
    g_slist_free(list);
}

static int help_line_cmp(gconstpointer a, gconstpointer b)
{
    return g_strcmp0(*(char *const *)a, *(char *const *)b);
}

bool type_print_class_properties(const char *type)
{
    ObjectClass *klass = object_class_by_name(type);
    ObjectPropertyIterator iter;
    ObjectProperty *prop;
    GPtrArray *array;

    if (!klass) {
        return false;
    }

    array = g_ptr_array_new_with_free_func(g_free);
    object_class_property_iter_init(&iter, klass);
    while ((prop = object_property_iter_next(&iter))) {
        /* Only what the user can set is worth listing. */
        if (!prop->set) {
            continue;
        }
        g_ptr_array_add(array, object_property_help(prop->name, prop->type,
                                                    prop->defval,
                                                    prop->description));
    }
    g_ptr_array_sort(array, help_line_cmp);
    if (array->len > 0) {
        printf("%s options:\n", type);
    } else {
        printf("There are no options for %s.\n", type);
    }
    for (guint i = 0; i < array->len; i++) {
        printf("%s\n", (char *)g_ptr_array_index(array, i));
    }
    g_ptr_array_free(array, true);
    return true;
}

static bool is_help_option(const char *s)
{
    return s && (!strcmp(s, "help") || !strcmp(s, "?"));
}

bool user_creatable_print_help(const char *type, QemuOpts *opts)
{
    if (is_help_option(type)) {
        user_creatable_print_types();
        return true;
    }
    /* The -object help flag arrives through keyval; @opts is unused. */
    return false;
}

/* Returns true if @args asked for help (and help was printed). */
static bool user_creatable_print_help_from_qdict(QDict *args,
                                                 Error **errp)
{
    const char *type = qdict_get_try_str(args, "qom-type");

    if (is_help_option(type)) {
        user_creatable_print_types();
        return true;
    }
    if (!qdict_haskey(args, "help")) {
        return false;
    }
    if (!type) {
        user_creatable_print_types();
        return true;
    }
    if (!type_print_class_properties(type)) {
        error_setg(errp, "invalid object type: %s", type);
    }
    return true;
}

bool user_creatable_add_from_str(const char *str, Error **errp)
{
    ERRP_GUARD();
    g_autoptr(QDict) args = NULL;
    bool keyval = false;

    args = user_creatable_parse_str(str, &keyval, errp);
    if (!args) {
        return false;
    }
    if (keyval && user_creatable_print_help_from_qdict(args, errp)) {
        return !*errp;
    }
    return user_creatable_add_dict(args, keyval, errp) != NULL;
}

void user_creatable_process_cmdline(const char *cmdline)
{
    g_autoptr(QDict) args = NULL;
    bool keyval = false;

    args = user_creatable_parse_str(cmdline, &keyval, &error_fatal);
    if (keyval && user_creatable_print_help_from_qdict(args, &error_fatal)) {
        exit(0);
    }
    user_creatable_add_dict(args, keyval, &error_fatal);
}

bool user_creatable_del(const char *id, Error **errp)
{
    Object *container = object_get_objects_root();
    Object *obj = object_resolve_path_component(container, id);

    if (!obj) {
        error_setg(errp, "object '%s' not found", id);
        return false;
    }
    if (object_dynamic_cast(obj, TYPE_USER_CREATABLE) &&
        !user_creatable_can_be_deleted(USER_CREATABLE(obj))) {
        error_setg(errp, "object '%s' is in use, can not be deleted", id);
        return false;
    }
    object_unparent(obj);
    return true;
}

void user_creatable_cleanup(void)
{
    object_unparent(object_get_objects_root());
}

static void register_types(void)
{
    static const TypeInfo uc_interface_info = {
        .name = TYPE_USER_CREATABLE,
        .parent = TYPE_INTERFACE,
        .class_size = sizeof(UserCreatableClass),
    };

    type_register_static(&uc_interface_info);
}

type_init(register_types)
