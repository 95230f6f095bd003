/*
 * RCU: grace periods wait for pre-existing readers only; call_rcu.
 */
#include "qemu/osdep.h"
#include "qemu/rcu.h"
#include "qemu/thread.h"

typedef struct Data {
    struct rcu_head rcu;
    int value;
} Data;

static Data *shared;
static QemuEvent reader_in, reader_go;
static int seen_value;

static void *reader_thread(void *opaque)
{
    Data *d;

    rcu_read_lock();
    d = qatomic_rcu_read(&shared);
    qemu_event_set(&reader_in);
    /* Stay in the critical section until told to leave. */
    qemu_event_wait(&reader_go);
    seen_value = d->value;
    rcu_read_unlock();
    return NULL;
}

static bool sync_done;

static void *writer_thread(void *opaque)
{
    synchronize_rcu();
    __atomic_store_n(&sync_done, true, __ATOMIC_SEQ_CST);
    return NULL;
}

static void test_grace_period(void)
{
    QemuThread reader, writer;
    Data *old;

    shared = g_new0(Data, 1);
    shared->value = 1;
    qemu_event_init(&reader_in, false);
    qemu_event_init(&reader_go, false);
    qemu_thread_create(&reader, "reader", reader_thread, NULL,
                       QEMU_THREAD_JOINABLE);
    qemu_event_wait(&reader_in);

    /* Replace the data; the old copy must survive the reader. */
    old = shared;
    qatomic_rcu_set(&shared, g_new0(Data, 1));
    shared->value = 2;
    qemu_thread_create(&writer, "writer", writer_thread, NULL,
                       QEMU_THREAD_JOINABLE);
    g_usleep(2000);
    /* The reader is still inside: no grace period yet. */
    g_assert_false(__atomic_load_n(&sync_done, __ATOMIC_SEQ_CST));
    qemu_event_set(&reader_go);
    qemu_thread_join(&writer);
    g_assert_true(sync_done);
    qemu_thread_join(&reader);
    g_assert_cmpint(seen_value, ==, 1);
    g_free(old);
    g_free(shared);
}

static void test_nested_and_guard(void)
{
    rcu_read_lock();
    rcu_read_lock();
    rcu_read_unlock();
    rcu_read_unlock();
    {
        RCU_READ_LOCK_GUARD();
    }
    WITH_RCU_READ_LOCK_GUARD() {
        g_assert_nonnull(&shared);
    }
    /* Not reading any more, so this cannot wait for ourselves. */
    synchronize_rcu();
}

static int freed;

static void free_data(Data *d)
{
    freed += d->value;
    g_free(d);
}

static void test_call_rcu(void)
{
    Data *a = g_new0(Data, 1);
    Data *b = g_new0(Data, 1);
    Data *c = g_new0(Data, 1);

    a->value = 1;
    b->value = 10;
    call_rcu(a, free_data, rcu);
    call_rcu(b, free_data, rcu);
    g_free_rcu(c, rcu);
    drain_call_rcu();
    g_assert_cmpint(freed, ==, 11);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/rcu/grace-period", test_grace_period);
    g_test_add_func("/rcu/nested-and-guard", test_nested_and_guard);
    g_test_add_func("/rcu/call-rcu", test_call_rcu);
    return g_test_run();
}
