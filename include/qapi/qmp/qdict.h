/*
 * QDict: a string-keyed dictionary of QObject references.
 *
 * Unlike QEMU's bucket hash, iteration (qdict_first/qdict_next, and so
 * JSON output) follows insertion order; replacing a key's value keeps
 * the key's position.  Lookups are hashed.
 */
#ifndef QDICT_H
#define QDICT_H

#include "qapi/qmp/qobject.h"

typedef struct QDictEntry {
    char *key;
    QObject *value;
    struct QDictEntry *prev, *next;   /* insertion order */
} QDictEntry;

struct QDict {
    struct QObjectBase_ base;
    size_t size;
    GHashTable *table;                /* key -> QDictEntry * */
    QDictEntry *first, *last;
};

QDict *qdict_new(void);
const char *qdict_entry_key(const QDictEntry *entry);
QObject *qdict_entry_value(const QDictEntry *entry);
size_t qdict_size(const QDict *qdict);
/* Store @value under @key, taking over the caller's reference. */
void qdict_put_obj(QDict *qdict, const char *key, QObject *value);
void qdict_del(QDict *qdict, const char *key);
int qdict_haskey(const QDict *qdict, const char *key);
/* Borrowed reference or NULL. */
QObject *qdict_get(const QDict *qdict, const char *key);
bool qdict_is_equal(const QObject *x, const QObject *y);
const QDictEntry *qdict_first(const QDict *qdict);
const QDictEntry *qdict_next(const QDict *qdict, const QDictEntry *entry);
void qdict_destroy_obj(QObject *obj);

#define qdict_put(qdict, key, obj) qdict_put_obj(qdict, key, QOBJECT(obj))

void qdict_put_bool(QDict *qdict, const char *key, bool value);
void qdict_put_int(QDict *qdict, const char *key, int64_t value);
void qdict_put_null(QDict *qdict, const char *key);
void qdict_put_str(QDict *qdict, const char *key, const char *value);

/* These assert that @key exists with the right type. */
double qdict_get_double(const QDict *qdict, const char *key);
int64_t qdict_get_int(const QDict *qdict, const char *key);
bool qdict_get_bool(const QDict *qdict, const char *key);
const char *qdict_get_str(const QDict *qdict, const char *key);
/* These return NULL when missing or of another type. */
QList *qdict_get_qlist(const QDict *qdict, const char *key);
QDict *qdict_get_qdict(const QDict *qdict, const char *key);

int64_t qdict_get_try_int(const QDict *qdict, const char *key,
                          int64_t def_value);
bool qdict_get_try_bool(const QDict *qdict, const char *key, bool def_value);
const char *qdict_get_try_str(const QDict *qdict, const char *key);

/* New dict holding new references to @src's values. */
QDict *qdict_clone_shallow(const QDict *src);

/*
 * Block-layer style helpers (QEMU declares these in include/block/qdict.h;
 * kvmemu declares them here, include/block/qdict.h may simply include this).
 */

/* If @dst lacks @key, copy @src's value for it. */
void qdict_copy_default(QDict *dst, QDict *src, const char *key);
/* If @dst lacks @key, put the string @val. */
void qdict_set_default_str(QDict *dst, const char *key, const char *val);
/* Move entries of @src into @dest; existing keys move only if @overwrite. */
void qdict_join(QDict *dest, QDict *src, bool overwrite);

/*
 * Move every "<start>X" entry of @src into a new dict as "X" and
 * return it in *@dst.
 */
void qdict_extract_subqdict(QDict *src, QDict **dst, const char *start);
/*
 * Split "<i>.X"/"<i>" entries (i = 0, 1, ... without gaps) of @src into
 * a list: a dict per index for "<i>.X", the bare value for "<i>".
 */
void qdict_array_split(QDict *src, QList **dst);
/* Number of consecutive "<prefix><i>[.]" groups, or -EINVAL if mixed. */
int qdict_array_entries(QDict *src, const char *subqdict);

/* {"a": {"b": 1}, "c": [2]} becomes {"a.b": 1, "c.0": 2}, in place. */
void qdict_flatten(QDict *qdict);
/*
 * The reverse of qdict_flatten: dotted keys become nested dicts, and
 * dicts whose keys are all 0, 1, ... n-1 become lists.  ".." escapes a
 * literal dot.  Only scalar values may be in @src.
 */
QObject *qdict_crumple(const QDict *src, Error **errp);
/* qdict_crumple for keyval input visitors: scalars become strings. */
QObject *qdict_crumple_for_keyval_qiv(QDict *qdict, Error **errp);

typedef struct QDictRenames {
    const char *from;
    const char *to;
} QDictRenames;
/*
 * Rename keys per @renames (terminated by {NULL, NULL}); false with
 * an error if a target key already exists.
 */
bool qdict_rename_keys(QDict *qdict, const QDictRenames *renames,
                       Error **errp);

static inline void qdict_unref_(QDict *q)
{
    qobject_unref(q);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(QDict, qdict_unref_)

#endif /* QDICT_H */
