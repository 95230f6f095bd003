/*
 * QMP send-key: press the keys in order, hold them for hold-time ms of
 * guest time (default 100), release them in reverse order.  Keys are
 * QKeyCode names ({"type": "qcode", "data": "ctrl"}) or qnums
 * ({"type": "number", "data": 29}); they go to the PS/2 keyboard.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qmp/qdict.h"
#include "qapi/qmp/qlist.h"
#include "qapi/qmp/qnum.h"
#include "qapi/qmp/qstring.h"
#include "qemu/timer.h"
#include "hw/input/keycodes.h"
#include "hw/input/ps2.h"
#include "qapi/qapi-commands.h"

typedef struct KeyRelease {
    QEMUTimer *timer;
    GArray *qnums;          /* pressed, in order */
} KeyRelease;

static void send_key_release(void *opaque)
{
    KeyRelease *r = opaque;
    PS2State *kbd = ps2_input_keyboard();
    int i;

    for (i = r->qnums->len - 1; kbd && i >= 0; i--) {
        ps2_put_qnum(kbd, g_array_index(r->qnums, int, i), false);
    }
    timer_free(r->timer);
    g_array_free(r->qnums, true);
    g_free(r);
}

/* One KeyValue: its qnum, -2 for a number no key has, -1 on error. */
static int key_value_qnum(QObject *obj, unsigned idx, Error **errp)
{
    QDict *kv = qobject_to(QDict, obj);
    const char *type = kv ? qdict_get_try_str(kv, "type") : NULL;
    QObject *data = kv ? qdict_get(kv, "data") : NULL;
    int qnum;

    if (!type || !data) {
        error_setg(errp, "Parameter 'keys[%u]' expects a KeyValue", idx);
        return -1;
    }
    if (!strcmp(type, "number")) {
        QNum *n = qobject_to(QNum, data);
        int64_t v;

        if (!n || !qnum_get_try_int(n, &v)) {
            error_setg(errp, "Invalid parameter type for 'keys[%u].data', "
                       "expected: integer", idx);
            return -1;
        }
        /* Out of range numbers are ignored, as by QEMU. */
        return v >= 0 && v <= 0xff ? (int)v : -2;
    }
    if (!strcmp(type, "qcode")) {
        QString *q = qobject_to(QString, data);

        if (!q) {
            error_setg(errp, "Invalid parameter type for 'keys[%u].data', "
                       "expected: string", idx);
            return -1;
        }
        qnum = qcode_to_qnum(qstring_get_str(q));
        if (qnum < 0) {
            error_setg(errp, "Parameter 'data' does not accept value '%s'",
                       qstring_get_str(q));
        }
        return qnum;
    }
    error_setg(errp, "Parameter 'type' does not accept value '%s'", type);
    return -1;
}

void qmp_send_key(QList *keys, bool has_hold_time, int64_t hold_time,
                  Error **errp)
{
    g_autoptr(GArray) qnums = g_array_new(false, false, sizeof(int));
    PS2State *kbd = ps2_input_keyboard();
    const QListEntry *e;
    KeyRelease *r;
    unsigned idx = 0;

    /* Check every key before sending any. */
    for (e = qlist_first(keys); e; e = qlist_next(e), idx++) {
        int qnum = key_value_qnum(qlist_entry_obj(e), idx, errp);

        if (qnum == -1) {
            return;
        }
        if (qnum >= 0) {
            g_array_append_val(qnums, qnum);
        }
    }
    if (!kbd || !qnums->len) {
        return;
    }
    for (idx = 0; idx < qnums->len; idx++) {
        ps2_put_qnum(kbd, g_array_index(qnums, int, idx), true);
    }
    r = g_new0(KeyRelease, 1);
    r->qnums = g_steal_pointer(&qnums);
    r->timer = timer_new_ms(QEMU_CLOCK_VIRTUAL, send_key_release, r);
    timer_mod(r->timer, qemu_clock_get_ms(QEMU_CLOCK_VIRTUAL) +
              (has_hold_time && hold_time > 0 ? hold_time : 100));
}
