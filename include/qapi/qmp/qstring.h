/* QString: an immutable NUL-terminated string QObject. */
#ifndef QSTRING_H
#define QSTRING_H

#include "qapi/qmp/qobject.h"

struct QString {
    struct QObjectBase_ base;
    const char *string;
};

QString *qstring_new(void);
QString *qstring_from_str(const char *str);
/* Characters [start, end) of @str. */
QString *qstring_from_substr(const char *str, size_t start, size_t end);
/* Takes ownership of @gstr's buffer (and frees @gstr). */
QString *qstring_from_gstring(GString *gstr);
const char *qstring_get_str(const QString *qstring);
bool qstring_is_equal(const QObject *x, const QObject *y);
void qstring_destroy_obj(QObject *obj);

static inline void qstring_unref_(QString *q)
{
    qobject_unref(q);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(QString, qstring_unref_)

#endif /* QSTRING_H */
