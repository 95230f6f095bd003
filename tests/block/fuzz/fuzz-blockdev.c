/*
 * libFuzzer harness: the input is a -blockdev JSON argument.  Parsed and
 * opened read-only (node graph construction, option handling), then
 * every node is dropped again.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qmp/qdict.h"
#include "qapi/qmp/qjson.h"
#include "block/block_int.h"
#include "sysemu/blockdev.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *s = g_strndup((const char *)data, size);
    QObject *obj;
    QDict *d;
    Error *err = NULL;
    BlockDriverState *bs;

    bdrv_init();
    obj = qobject_from_json(s, NULL);
    d = qobject_to(QDict, obj);
    if (!d) {
        qobject_unref(obj);
        return 0;
    }
    /* Never write anything the input names. */
    qdict_put_bool(d, "read-only", true);
    qdict_put_str(d, "file.locking", "off");
    if (blockdev_cmdline_add(d, &err)) {
        while ((bs = bdrv_next_monitor_owned(NULL))) {
            bdrv_remove_monitor_owned(bs);
        }
    }
    error_free(err);
    qobject_unref(d);
    return 0;
}
