/*
 * QDict helpers for flat option dictionaries ("a.b.c" keys), used by the
 * block layer and keyval: flatten/crumple, sub-dict extraction, arrays,
 * defaults and renames.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qmp/qbool.h"
#include "qapi/qmp/qdict.h"
#include "qapi/qmp/qlist.h"
#include "qapi/qmp/qnum.h"
#include "qapi/qmp/qstring.h"

void qdict_copy_default(QDict *dst, QDict *src, const char *key)
{
    QObject *val;

    if (qdict_haskey(dst, key)) {
        return;
    }
    val = qdict_get(src, key);
    if (val) {
        qdict_put_obj(dst, key, qobject_ref(val));
    }
}

void qdict_set_default_str(QDict *dst, const char *key, const char *val)
{
    if (!qdict_haskey(dst, key)) {
        qdict_put_str(dst, key, val);
    }
}

void qdict_join(QDict *dest, QDict *src, bool overwrite)
{
    const QDictEntry *entry, *next;

    for (entry = qdict_first(src); entry; entry = next) {
        next = qdict_next(src, entry);
        if (overwrite || !qdict_haskey(dest, entry->key)) {
            qdict_put_obj(dest, entry->key, qobject_ref(entry->value));
            qdict_del(src, entry->key);
        }
    }
}

static void qdict_flatten_qdict(QDict *qdict, QDict *target,
                                const char *prefix);

/* Empty dicts and lists are kept as values: there is nothing to flatten. */
static void qdict_flatten_value(QObject *value, QDict *target,
                                const char *new_key, bool *moved)
{
    QDict *dict_val = qobject_to(QDict, value);
    QList *list_val = qobject_to(QList, value);

    *moved = false;
    if (dict_val && qdict_size(dict_val)) {
        qdict_flatten_qdict(dict_val, target, new_key);
        *moved = true;
    } else if (list_val && !qlist_empty(list_val)) {
        const QListEntry *entry;
        int i = 0;
        bool dummy;

        QLIST_FOREACH_ENTRY(list_val, entry) {
            char *k = g_strdup_printf("%s.%i", new_key, i++);

            qdict_flatten_value(entry->value, target, k, &dummy);
            if (!dummy) {
                qdict_put_obj(target, k, qobject_ref(entry->value));
            }
            g_free(k);
        }
        *moved = true;
    }
}

static void qdict_flatten_qdict(QDict *qdict, QDict *target,
                                const char *prefix)
{
    const QDictEntry *entry, *next;
    char *new_key;
    bool moved;

    for (entry = qdict_first(qdict); entry; entry = next) {
        next = qdict_next(qdict, entry);
        new_key = prefix ? g_strdup_printf("%s.%s", prefix, entry->key)
                         : g_strdup(entry->key);

        /* Hold a reference: the entry may be deleted below */
        QObject *value = qobject_ref(entry->value);

        qdict_flatten_value(value, target, new_key, &moved);
        if (moved) {
            if (target == qdict) {
                qdict_del(qdict, entry->key);
            }
        } else if (target != qdict) {
            qdict_put_obj(target, new_key, qobject_ref(value));
        }
        qobject_unref(value);
        g_free(new_key);
    }
}

void qdict_flatten(QDict *qdict)
{
    /*
     * Flattening in place appends new keys to @qdict while iterating;
     * collect into a fresh dict instead and move the result back.
     */
    QDict *flat = qdict_new();
    const QDictEntry *e;

    qdict_flatten_qdict(qdict, flat, NULL);
    while ((e = qdict_first(qdict))) {
        qdict_del(qdict, e->key);
    }
    for (e = qdict_first(flat); e; e = qdict_next(flat, e)) {
        qdict_put_obj(qdict, e->key, qobject_ref(e->value));
    }
    qobject_unref(flat);
}

void qdict_extract_subqdict(QDict *src, QDict **dst, const char *start)
{
    const QDictEntry *entry, *next;
    size_t len = strlen(start);

    if (dst) {
        *dst = qdict_new();
    }
    for (entry = qdict_first(src); entry; entry = next) {
        next = qdict_next(src, entry);
        if (!strncmp(entry->key, start, len)) {
            if (dst) {
                qdict_put_obj(*dst, entry->key + len,
                              qobject_ref(entry->value));
            }
            qdict_del(src, entry->key);
        }
    }
}

static int qdict_count_prefixed_entries(const QDict *src, const char *start)
{
    const QDictEntry *entry;
    size_t len = strlen(start);
    int count = 0;

    for (entry = qdict_first(src); entry; entry = qdict_next(src, entry)) {
        if (!strncmp(entry->key, start, len)) {
            count++;
        }
    }
    return count;
}

void qdict_array_split(QDict *src, QList **dst)
{
    unsigned i;

    *dst = qlist_new();

    for (i = 0; i < UINT_MAX; i++) {
        char index[16], prefix[20];
        QObject *subqobj;
        QDict *subqdict = NULL;
        bool is_subqdict;

        snprintf(index, sizeof(index), "%u", i);
        snprintf(prefix, sizeof(prefix), "%u.", i);
        subqobj = qdict_get(src, index);
        is_subqdict = qdict_count_prefixed_entries(src, prefix) > 0;

        /* Either "<i>" or "<i>.*" keys, never both, never neither */
        if (!subqobj == !is_subqdict) {
            break;
        }

        if (is_subqdict) {
            qdict_extract_subqdict(src, &subqdict, prefix);
            qlist_append_obj(*dst, QOBJECT(subqdict));
        } else {
            qobject_ref(subqobj);
            qdict_del(src, index);
            qlist_append_obj(*dst, subqobj);
        }
    }
}

int qdict_array_entries(QDict *src, const char *subqdict)
{
    const QDictEntry *entry;
    size_t sublen = strlen(subqdict);
    unsigned entries = 0;
    int i;

    assert(!sublen || subqdict[sublen - 1] == '.');

    for (i = 0; i < INT_MAX; i++) {
        char *prefix = g_strdup_printf("%s%u.", subqdict, i);
        int sub_entries = qdict_count_prefixed_entries(src, prefix);
        QObject *subqobj;

        prefix[strlen(prefix) - 1] = 0;
        subqobj = qdict_get(src, prefix);
        g_free(prefix);

        if (subqobj && sub_entries) {
            return -EINVAL;
        } else if (!subqobj && !sub_entries) {
            break;
        }
        entries += sub_entries ? sub_entries : 1;
    }

    /* Everything outside the sub-dict counts as handled */
    for (entry = qdict_first(src); entry; entry = qdict_next(src, entry)) {
        if (strncmp(entry->key, subqdict, sublen)) {
            entries++;
        }
    }

    if (qdict_size(src) != entries) {
        return -EINVAL;
    }
    return i;
}

/*
 * Split @key at its first unescaped '.': *@prefix gets the unescaped
 * part before it, *@suffix points after it (NULL if none).
 */
static void qdict_split_flat_key(const char *key, char **prefix,
                                 const char **suffix)
{
    const char *sep = key;
    size_t i, j;

    while (true) {
        sep = strchr(sep, '.');
        if (!sep || sep[1] != '.') {
            break;
        }
        sep += 2;
    }

    if (sep) {
        *prefix = g_strndup(key, sep - key);
        *suffix = sep + 1;
    } else {
        *prefix = g_strdup(key);
        *suffix = NULL;
    }

    /* ".." -> "." */
    for (i = 0, j = 0; (*prefix)[i]; i++, j++) {
        if ((*prefix)[i] == '.') {
            assert((*prefix)[i + 1] == '.');
            i++;
        }
        (*prefix)[j] = (*prefix)[i];
    }
    (*prefix)[j] = 0;
}

/*
 * 1 if every key of @maybe_list is a decimal integer, 0 if none is,
 * -1 with an error if mixed.
 */
static int qdict_is_list(QDict *maybe_list, Error **errp)
{
    const QDictEntry *ent;
    ssize_t len = 0;
    int is_list = -1;

    for (ent = qdict_first(maybe_list); ent;
         ent = qdict_next(maybe_list, ent)) {
        char *end;
        int is_index;

        errno = 0;
        g_ascii_strtoll(ent->key, &end, 10);
        is_index = ent->key[0] && !*end && !errno &&
                   g_ascii_isdigit(ent->key[0]);

        if (is_list == -1) {
            is_list = is_index;
        }
        if (is_list != is_index) {
            error_setg(errp, "Cannot mix list and non-list keys");
            return -1;
        }
        len++;
    }

    if (is_list == -1) {
        assert(!qdict_size(maybe_list));
        is_list = 0;
    }
    (void)len;
    return is_list;
}

QObject *qdict_crumple(const QDict *src, Error **errp)
{
    const QDictEntry *ent;
    QDict *two_level, *multi_level = NULL, *child_dict;
    QDict *dict_val;
    QList *list_val;
    QObject *dst = NULL, *child;
    size_t i;
    char *prefix = NULL;
    const char *suffix = NULL;
    int is_list;

    two_level = qdict_new();

    /* Step 1: split our totally flat dict into a two level dict */
    for (ent = qdict_first(src); ent; ent = qdict_next(src, ent)) {
        dict_val = qobject_to(QDict, ent->value);
        list_val = qobject_to(QList, ent->value);
        if ((dict_val && qdict_size(dict_val))
            || (list_val && !qlist_empty(list_val))) {
            error_setg(errp, "Value %s is not flat", ent->key);
            goto error;
        }

        qdict_split_flat_key(ent->key, &prefix, &suffix);
        child = qdict_get(two_level, prefix);
        child_dict = qobject_to(QDict, child);

        if (child) {
            /*
             * If @child_dict, then all previous keys with this prefix
             * had a suffix.  If @suffix, this one has one as well,
             * and we're good, else there's a clash.
             */
            if (!child_dict || !suffix) {
                error_setg(errp, "Cannot mix scalar and non-scalar keys");
                goto error;
            }
        }

        if (suffix) {
            if (!child_dict) {
                child_dict = qdict_new();
                qdict_put(two_level, prefix, child_dict);
            }
            qdict_put_obj(child_dict, suffix, qobject_ref(ent->value));
        } else {
            qdict_put_obj(two_level, prefix, qobject_ref(ent->value));
        }

        g_free(prefix);
        prefix = NULL;
    }

    /* Step 2: optionally process the two level dict recursively
     * into a multi-level dict */
    multi_level = qdict_new();
    for (ent = qdict_first(two_level); ent;
         ent = qdict_next(two_level, ent)) {
        dict_val = qobject_to(QDict, ent->value);
        if (dict_val && qdict_size(dict_val)) {
            child = qdict_crumple(dict_val, errp);
            if (!child) {
                goto error;
            }
            qdict_put_obj(multi_level, ent->key, child);
        } else {
            qdict_put_obj(multi_level, ent->key, qobject_ref(ent->value));
        }
    }
    qobject_unref(two_level);
    two_level = NULL;

    /* Step 3: detect if we need to turn our dict into list */
    is_list = qdict_is_list(multi_level, errp);
    if (is_list < 0) {
        goto error;
    }

    if (is_list) {
        dst = QOBJECT(qlist_new());

        for (i = 0; i < qdict_size(multi_level); i++) {
            char *key = g_strdup_printf("%zu", i);

            child = qdict_get(multi_level, key);
            g_free(key);

            if (!child) {
                error_setg(errp, "Missing list index %zu", i);
                goto error;
            }

            qlist_append_obj(qobject_to(QList, dst), qobject_ref(child));
        }
        qobject_unref(multi_level);
        multi_level = NULL;
    } else {
        dst = QOBJECT(multi_level);
    }

    return dst;

 error:
    g_free(prefix);
    qobject_unref(multi_level);
    qobject_unref(two_level);
    qobject_unref(dst);
    return NULL;
}

QObject *qdict_crumple_for_keyval_qiv(QDict *src, Error **errp)
{
    QDict *tmp = NULL;
    char *buf;
    const char *s;
    const QDictEntry *ent;
    QObject *dst;

    /* The keyval visitor wants strings: convert typed scalars first */
    for (ent = qdict_first(src); ent; ent = qdict_next(src, ent)) {
        buf = NULL;
        switch (qobject_type(ent->value)) {
        case QTYPE_QNULL:
        case QTYPE_QSTRING:
            continue;
        case QTYPE_QNUM:
            s = buf = qnum_to_string(qobject_to(QNum, ent->value));
            break;
        case QTYPE_QDICT:
        case QTYPE_QLIST:
            /* @src isn't flat; qdict_crumple() will fail */
            continue;
        case QTYPE_QBOOL:
            s = qbool_get_bool(qobject_to(QBool, ent->value))
                ? "on" : "off";
            break;
        default:
            abort();
        }

        if (!tmp) {
            tmp = qdict_clone_shallow(src);
        }
        qdict_put_str(tmp, ent->key, s);
        g_free(buf);
    }

    dst = qdict_crumple(tmp ?: src, errp);
    qobject_unref(tmp);
    return dst;
}

bool qdict_rename_keys(QDict *qdict, const QDictRenames *renames,
                       Error **errp)
{
    QObject *qobj;

    while (renames->from) {
        if (qdict_haskey(qdict, renames->from)) {
            if (qdict_haskey(qdict, renames->to)) {
                error_setg(errp, "'%s' and its alias '%s' can't be used at "
                           "the same time", renames->to, renames->from);
                return false;
            }

            qobj = qdict_get(qdict, renames->from);
            qdict_put_obj(qdict, renames->to, qobject_ref(qobj));
            qdict_del(qdict, renames->from);
        }

        renames++;
    }
    return true;
}
