/*
 * QMP command registry and dispatcher.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qmp-event.h"
#include "qapi/qmp/dispatch.h"
#include "qapi/qmp/qdict.h"
#include "qapi/qmp/qjson.h"
#include "qapi/qmp/qnum.h"

static QmpCommandList cmds;
static int no_resp_calls;

static void qmp_add(QDict *args, QObject **ret, Error **errp)
{
    if (!qdict_haskey(args, "a") || !qdict_haskey(args, "b")) {
        error_setg(errp, "Parameter '%s' is missing",
                   qdict_haskey(args, "a") ? "b" : "a");
        return;
    }
    *ret = QOBJECT(qnum_from_int(qdict_get_int(args, "a") +
                                 qdict_get_int(args, "b")));
}

static void qmp_nothing(QDict *args, QObject **ret, Error **errp)
{
}

static void qmp_quiet(QDict *args, QObject **ret, Error **errp)
{
    no_resp_calls++;
}

static void check(const char *request, const char *expect)
{
    QObject *req = qobject_from_json(request, &error_abort);
    QDict *rsp = qmp_dispatch(&cmds, req, true, NULL);
    GString *s = qobject_to_json(QOBJECT(rsp));

    g_assert_cmpstr(s->str, ==, expect);
    g_string_free(s, true);
    qobject_unref(rsp);
    qobject_unref(req);
}

static void test_dispatch(void)
{
    QObject *req;

    check("{'execute': 'add', 'arguments': {'a': 1, 'b': 2}, 'id': 'x'}",
          "{\"return\": 3, \"id\": \"x\"}");
    check("{'execute': 'nothing'}", "{\"return\": {}}");
    check("{'execute': 'add', 'arguments': {'a': 1}, 'id': 7}",
          "{\"id\": 7, \"error\": {\"class\": \"GenericError\","
          " \"desc\": \"Parameter 'b' is missing\"}}");
    check("{'execute': 'x', 'id': 5}",
          "{\"id\": 5, \"error\": {\"class\": \"CommandNotFound\","
          " \"desc\": \"The command x has not been found\"}}");
    check("{'execute': 1}",
          "{\"error\": {\"class\": \"GenericError\","
          " \"desc\": \"QMP input member 'execute' must be a string\"}}");
    check("{'foo': 1}",
          "{\"error\": {\"class\": \"GenericError\","
          " \"desc\": \"QMP input member 'foo' is unexpected\"}}");
    check("{'id': 1}",
          "{\"id\": 1, \"error\": {\"class\": \"GenericError\","
          " \"desc\": \"QMP input lacks member 'execute'\"}}");
    check("{'execute': 'nothing', 'arguments': []}",
          "{\"error\": {\"class\": \"GenericError\", \"desc\":"
          " \"QMP input member 'arguments' must be an object\"}}");
    check("[]",
          "{\"error\": {\"class\": \"GenericError\","
          " \"desc\": \"QMP input must be a JSON object\"}}");
    check("{'exec-oob': 'nothing'}",
          "{\"error\": {\"class\": \"GenericError\","
          " \"desc\": \"The command nothing does not support OOB\"}}");

    qmp_disable_command(&cmds, "nothing", "not now");
    check("{'execute': 'nothing'}",
          "{\"error\": {\"class\": \"CommandNotFound\","
          " \"desc\": \"Command nothing has been disabled: not now\"}}");
    qmp_enable_command(&cmds, "nothing");
    check("{'execute': 'nothing'}", "{\"return\": {}}");

    req = qobject_from_json("{'execute': 'quiet'}", &error_abort);
    g_assert(!qmp_dispatch(&cmds, req, false, NULL));
    g_assert_cmpint(no_resp_calls, ==, 1);
    qobject_unref(req);
}

static void count_cmd(const QmpCommand *cmd, void *opaque)
{
    g_string_append_printf(opaque, "%s,", qmp_command_name(cmd));
}

static void test_registry(void)
{
    GString *names = g_string_new(NULL);
    const QmpCommand *cmd;

    qmp_for_each_command(&cmds, count_cmd, names);
    g_assert_cmpstr(names->str, ==, "add,nothing,quiet,");
    g_string_free(names, true);

    cmd = qmp_find_command(&cmds, "quiet");
    g_assert(cmd && !qmp_has_success_response(cmd));
    g_assert(qmp_has_success_response(qmp_find_command(&cmds, "add")));
    g_assert(!qmp_find_command(&cmds, "none"));
}

static void test_event(void)
{
    QDict *ev = qmp_event_build_dict("STOP");
    const QDictEntry *e = qdict_first(ev);
    QDict *ts = qdict_get_qdict(ev, "timestamp");

    g_assert_cmpstr(qdict_entry_key(e), ==, "timestamp");
    g_assert_cmpstr(qdict_get_str(ev, "event"), ==, "STOP");
    g_assert_cmpint(qdict_get_int(ts, "seconds"), >, 1600000000);
    g_assert_cmpint(qdict_get_int(ts, "microseconds"), <, 1000000);
    qobject_unref(ev);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qmp_register_command(&cmds, "add", qmp_add, QCO_NO_OPTIONS, 0);
    qmp_register_command(&cmds, "nothing", qmp_nothing, QCO_NO_OPTIONS, 0);
    qmp_register_command(&cmds, "quiet", qmp_quiet, QCO_NO_SUCCESS_RESP, 0);
    g_test_add_func("/qmp/dispatch", test_dispatch);
    g_test_add_func("/qmp/registry", test_registry);
    g_test_add_func("/qmp/event", test_event);
    return g_test_run();
}
