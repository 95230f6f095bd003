/*
 * Options visitor over QemuOpts (-numa/-object style key=value groups).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/opts-visitor.h"
#include "qapi/qapi-builtin-visit.h"
#include "qemu/option.h"

static QemuOptsList opts_list = {
    .name = "test",
    .implied_opt_name = "type",
    .head = QTAILQ_HEAD_INITIALIZER(opts_list.head),
    .desc = { { 0 } },      /* accept anything */
};

typedef struct Opts {
    char *type;
    char *id;
    bool has_size;
    uint64_t size;
    bool flag;
    bool has_nodes;
    uint16List *nodes;
    int64_t level;
} Opts;

static bool visit_opts(Visitor *v, Opts *o, Error **errp)
{
    bool ok = false;

    if (!visit_start_struct(v, NULL, NULL, 0, errp)) {
        return false;
    }
    if (!visit_type_str(v, "type", &o->type, errp) ||
        !visit_type_str(v, "id", &o->id, errp)) {
        goto out;
    }
    if (visit_optional(v, "size", &o->has_size) &&
        !visit_type_size(v, "size", &o->size, errp)) {
        goto out;
    }
    if (!visit_type_bool(v, "flag", &o->flag, errp)) {
        goto out;
    }
    if (visit_optional(v, "nodes", &o->has_nodes) &&
        !visit_type_uint16List(v, "nodes", &o->nodes, errp)) {
        goto out;
    }
    ok = visit_type_int(v, "level", &o->level, errp) &&
         visit_check_struct(v, errp);
out:
    visit_end_struct(v, NULL);
    return ok;
}

static bool parse(const char *params, Opts *o, Error **errp)
{
    QemuOpts *opts = qemu_opts_parse(&opts_list, params, true,
                                     &error_abort);
    Visitor *v = opts_visitor_new(opts);
    bool ok;

    memset(o, 0, sizeof(*o));
    ok = visit_opts(v, o, errp);
    visit_free(v);
    qemu_opts_del(opts);
    return ok;
}

static void opts_clear(Opts *o)
{
    g_free(o->type);
    g_free(o->id);
    qapi_free_uint16List(o->nodes);
}

static void test_ok(void)
{
    Opts o;
    uint16List *n;
    int expect[] = { 0, 2, 3, 4, 7 }, i = 0;

    g_assert(parse("ram,id=m0,size=2G,flag=on,nodes=0,nodes=2-4,nodes=7,"
                   "level=-3", &o, &error_abort));
    g_assert_cmpstr(o.type, ==, "ram");
    g_assert_cmpstr(o.id, ==, "m0");
    g_assert(o.has_size);
    g_assert_cmpuint(o.size, ==, 2 * GiB);
    g_assert(o.flag);
    g_assert_cmpint(o.level, ==, -3);
    for (n = o.nodes; n; n = n->next) {
        g_assert_cmpint(i, <, ARRAY_SIZE(expect));
        g_assert_cmpint(n->value, ==, expect[i++]);
    }
    g_assert_cmpint(i, ==, ARRAY_SIZE(expect));
    opts_clear(&o);

    g_assert(parse("x,id=a,flag=off,level=0x10,level=5", &o, &error_abort));
    g_assert(!o.has_size && !o.has_nodes && !o.flag);
    g_assert_cmpint(o.level, ==, 5);       /* last one wins */
    opts_clear(&o);
}

static void fails(const char *params, const char *msg)
{
    Opts o;
    Error *err = NULL;

    g_assert(!parse(params, &o, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, msg);
    error_free(err);
    opts_clear(&o);
}

static void test_errors(void)
{
    fails("x,id=a,flag=on", "Parameter 'level' is missing");
    fails("x,id=a,flag=on,level=1,bogus=2", "Invalid parameter 'bogus'");
    fails("x,id=a,flag=maybe,level=1",
          "Parameter 'flag' expects 'on' or 'off'");
    fails("x,id=a,size=1Q,flag=on,level=1",
          "Parameter 'size' expects a size value");
    fails("x,id=a,flag=on,level=z", "Parameter 'level' expects an int64 value");
    fails("x,id=a,flag=on,nodes=x,level=1",
          "Parameter 'nodes' expects a uint64 value or range");
    fails("x,id=a,flag=on,nodes=5-1,level=1",
          "Parameter 'nodes' expects a uint64 value or range");
    fails("x,id=a,flag=on,nodes=70000,level=1",
          "Parameter 'null' expects uint16_t");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/opts-visitor/ok", test_ok);
    g_test_add_func("/opts-visitor/errors", test_errors);
    return g_test_run();
}
