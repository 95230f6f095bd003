/*
 * "iothread" objects: see include/sysemu/iothread.h.  Each one starts a
 * thread at completion that owns a GMainContext and runs a GMainLoop on
 * it until the object is finalized.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/atomic.h"
#include "qemu/error-report.h"
#include "qemu/module.h"
#include "qapi/qmp/qdict.h"
#include "qapi/qmp/qlist.h"
#include "qom/object_interfaces.h"
#include "sysemu/iothread.h"

static __thread IOThread *current_iothread;

static gpointer iothread_thread_fn(gpointer opaque)
{
    IOThread *t = opaque;

    current_iothread = t;
    g_main_context_push_thread_default(t->ctx);
    qemu_mutex_lock(&t->init_lock);
    t->thread_id = qemu_get_thread_id();
    t->running = true;
    qemu_cond_broadcast(&t->init_cond);
    qemu_mutex_unlock(&t->init_lock);

    g_main_loop_run(t->loop);

    g_main_context_pop_thread_default(t->ctx);
    current_iothread = NULL;
    return NULL;
}

static void *iothread_start_routine(void *opaque)
{
    return iothread_thread_fn(opaque);
}

static void iothread_aio_run_sync(AioContext *ctx, void (*fn)(void *),
                                  void *opaque)
{
    iothread_run_sync(ctx->owner, fn, opaque);
}

static bool iothread_aio_in_thread(AioContext *ctx)
{
    return iothread_is_self(ctx->owner);
}

static void iothread_complete(UserCreatable *uc, Error **errp)
{
    IOThread *t = IOTHREAD(uc);
    g_autofree char *id = iothread_get_id(t);
    g_autofree char *name = g_strdup_printf("IO %s", id ? id : "iothread");

    t->ctx = g_main_context_new();
    t->loop = g_main_loop_new(t->ctx, FALSE);
    t->aio_ctx.gctx = t->ctx;
    t->aio_ctx.run_sync = iothread_aio_run_sync;
    t->aio_ctx.in_thread = iothread_aio_in_thread;
    t->aio_ctx.owner = t;
    t->fd_sources = g_hash_table_new(NULL, NULL);
    qemu_thread_create(&t->thread, name, iothread_start_routine, t,
                       QEMU_THREAD_JOINABLE);
    /* query-iothreads must see the thread id as soon as we return. */
    qemu_mutex_lock(&t->init_lock);
    while (!t->running) {
        qemu_cond_wait(&t->init_cond, &t->init_lock);
    }
    qemu_mutex_unlock(&t->init_lock);
}


static gboolean iothread_quit_cb(gpointer opaque)
{
    g_main_loop_quit(opaque);
    return G_SOURCE_REMOVE;
}

static void iothread_instance_init(Object *obj)
{
    IOThread *t = IOTHREAD(obj);

    t->poll_max_ns = 32768;     /* QEMU's default */
    t->thread_id = -1;
    qemu_mutex_init(&t->init_lock);
    qemu_cond_init(&t->init_cond);
    object_property_add_uint64_ptr(obj, "poll-max-ns", &t->poll_max_ns,
                                   OBJ_PROP_FLAG_READWRITE);
    object_property_add_uint64_ptr(obj, "poll-grow", &t->poll_grow,
                                   OBJ_PROP_FLAG_READWRITE);
    object_property_add_uint64_ptr(obj, "poll-shrink", &t->poll_shrink,
                                   OBJ_PROP_FLAG_READWRITE);
    object_property_add_uint64_ptr(obj, "aio-max-batch", &t->aio_max_batch,
                                   OBJ_PROP_FLAG_READWRITE);
}

static void iothread_instance_finalize(Object *obj)
{
    IOThread *t = IOTHREAD(obj);

    if (t->running) {
        g_main_context_invoke(t->ctx, iothread_quit_cb, t->loop);
        qemu_thread_join(&t->thread);
        t->running = false;
    }
    if (t->fd_sources) {
        GHashTableIter it;
        gpointer src;

        g_hash_table_iter_init(&it, t->fd_sources);
        while (g_hash_table_iter_next(&it, NULL, &src)) {
            g_source_destroy(src);
            g_source_unref(src);
        }
        g_hash_table_destroy(t->fd_sources);
    }
    if (t->loop) {
        g_main_loop_unref(t->loop);
    }
    if (t->ctx) {
        g_main_context_unref(t->ctx);
    }
    qemu_cond_destroy(&t->init_cond);
    qemu_mutex_destroy(&t->init_lock);
}

IOThread *iothread_by_id(const char *id)
{
    Object *obj = object_resolve_path_component(object_get_objects_root(),
                                                id);

    return obj ? (IOThread *)object_dynamic_cast(obj, TYPE_IOTHREAD) : NULL;
}

char *iothread_get_id(IOThread *iothread)
{
    const char *name = object_get_canonical_path_component(OBJECT(iothread));

    return g_strdup(name);
}

GMainContext *iothread_get_g_main_context(IOThread *iothread)
{
    return iothread->ctx;
}

AioContext *iothread_get_aio_context(IOThread *iothread)
{
    return &iothread->aio_ctx;
}

bool iothread_is_self(IOThread *iothread)
{
    return current_iothread == iothread;
}

IOThread *iothread_self(void)
{
    return current_iothread;
}

void iothread_use(IOThread *iothread)
{
    qatomic_inc(&iothread->users);
    object_ref(OBJECT(iothread));
}

void iothread_unuse(IOThread *iothread)
{
    qatomic_dec(&iothread->users);
    object_unref(OBJECT(iothread));
}

typedef struct IOThreadCall {
    IOThreadFunc *fn;
    void *opaque;
    QemuMutex lock;
    QemuCond cond;
    bool done;
    bool sync;
} IOThreadCall;

static gboolean iothread_call_cb(gpointer data)
{
    IOThreadCall *c = data;

    c->fn(c->opaque);
    if (c->sync) {
        qemu_mutex_lock(&c->lock);
        c->done = true;
        qemu_cond_signal(&c->cond);
        qemu_mutex_unlock(&c->lock);
    } else {
        g_free(c);
    }
    return G_SOURCE_REMOVE;
}

void iothread_run(IOThread *iothread, IOThreadFunc *fn, void *opaque)
{
    IOThreadCall *c = g_new0(IOThreadCall, 1);
    GSource *src = g_idle_source_new();

    c->fn = fn;
    c->opaque = opaque;
    g_source_set_priority(src, G_PRIORITY_DEFAULT);
    g_source_set_callback(src, iothread_call_cb, c, NULL);
    g_source_attach(src, iothread->ctx);
    g_source_unref(src);
}

void iothread_run_sync(IOThread *iothread, IOThreadFunc *fn, void *opaque)
{
    IOThreadCall c = { .fn = fn, .opaque = opaque, .sync = true };
    GSource *src;

    if (iothread_is_self(iothread) || !iothread->running) {
        fn(opaque);
        return;
    }
    qemu_mutex_init(&c.lock);
    qemu_cond_init(&c.cond);
    src = g_idle_source_new();
    g_source_set_priority(src, G_PRIORITY_DEFAULT);
    g_source_set_callback(src, iothread_call_cb, &c, NULL);
    g_source_attach(src, iothread->ctx);
    g_source_unref(src);
    qemu_mutex_lock(&c.lock);
    while (!c.done) {
        qemu_cond_wait(&c.cond, &c.lock);
    }
    qemu_mutex_unlock(&c.lock);
    qemu_cond_destroy(&c.cond);
    qemu_mutex_destroy(&c.lock);
}

typedef struct IOThreadFdSource {
    GSource source;
    gpointer tag;
    void (*fd_read)(void *opaque);
    void *opaque;
} IOThreadFdSource;

static gboolean iothread_fd_dispatch(GSource *source, GSourceFunc callback,
                                     gpointer user_data)
{
    IOThreadFdSource *s = (IOThreadFdSource *)source;

    if (g_source_query_unix_fd(source, s->tag) & (G_IO_IN | G_IO_HUP |
                                                  G_IO_ERR)) {
        s->fd_read(s->opaque);
    }
    return G_SOURCE_CONTINUE;
}

static GSourceFuncs iothread_fd_funcs = {
    .dispatch = iothread_fd_dispatch,
};

void iothread_set_fd_handler(IOThread *iothread, int fd,
                             void (*fd_read)(void *opaque), void *opaque)
{
    GSource *old = g_hash_table_lookup(iothread->fd_sources,
                                       GINT_TO_POINTER(fd));
    IOThreadFdSource *s;

    assert(iothread_is_self(iothread) || !iothread->running);
    if (old) {
        g_hash_table_remove(iothread->fd_sources, GINT_TO_POINTER(fd));
        g_source_destroy(old);
        g_source_unref(old);
    }
    if (!fd_read) {
        return;
    }
    s = (IOThreadFdSource *)g_source_new(&iothread_fd_funcs, sizeof(*s));
    g_source_set_name(&s->source, "iothread-fd-handler");
    s->fd_read = fd_read;
    s->opaque = opaque;
    s->tag = g_source_add_unix_fd(&s->source, fd, G_IO_IN | G_IO_HUP |
                                  G_IO_ERR);
    g_hash_table_insert(iothread->fd_sources, GINT_TO_POINTER(fd), s);
    g_source_attach(&s->source, iothread->ctx);
}

static int iothread_foreach_one(Object *obj, void *opaque)
{
    void **args = opaque;
    IOThread *t = (IOThread *)object_dynamic_cast(obj, TYPE_IOTHREAD);

    if (t) {
        ((IOThreadInfoFunc *)args[0])(t, args[1]);
    }
    return 0;
}

void iothread_foreach(IOThreadInfoFunc *fn, void *opaque)
{
    void *args[2] = { (void *)fn, opaque };

    object_child_foreach(object_get_objects_root(), iothread_foreach_one,
                         args);
}

static void iothread_add_info(IOThread *t, void *opaque)
{
    QDict *d = qdict_new();
    g_autofree char *id = iothread_get_id(t);

    qdict_put_str(d, "id", id);
    qdict_put_int(d, "thread-id", t->thread_id);
    qdict_put_int(d, "poll-max-ns", t->poll_max_ns);
    qdict_put_int(d, "poll-grow", t->poll_grow);
    qdict_put_int(d, "poll-shrink", t->poll_shrink);
    qdict_put_int(d, "aio-max-batch", t->aio_max_batch);
    qlist_append(opaque, d);
}

QList *iothread_query_list(void)
{
    QList *list = qlist_new();

    iothread_foreach(iothread_add_info, list);
    return list;
}

static void iothread_class_init(ObjectClass *klass, void *data)
{
    UserCreatableClass *ucc = USER_CREATABLE_CLASS(klass);

    ucc->complete = iothread_complete;
}

static const TypeInfo iothread_info = {
    .name = TYPE_IOTHREAD,
    .parent = TYPE_OBJECT,
    .instance_size = sizeof(IOThread),
    .instance_init = iothread_instance_init,
    .instance_finalize = iothread_instance_finalize,
    .class_init = iothread_class_init,
    .interfaces = (InterfaceInfo[]) {
        { TYPE_USER_CREATABLE },
        { }
    },
};

static void iothread_register_types(void)
{
    type_register_static(&iothread_info);
}

type_init(iothread_register_types)
