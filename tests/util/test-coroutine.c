/*
 * Coroutines, CoMutex, CoQueue, CoRwlock and qemu_co_sleep_ns.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/coroutine.h"
#include "qemu/main-loop.h"

static GString *trace;

static void coroutine_fn yielder(void *opaque)
{
    g_assert_true(qemu_in_coroutine());
    g_string_append(trace, "1");
    qemu_coroutine_yield();
    g_string_append(trace, "3");
    qemu_coroutine_yield();
    g_string_append(trace, "5");
}

static void test_yield(void)
{
    Coroutine *co = qemu_coroutine_create(yielder, NULL);

    trace = g_string_new(NULL);
    g_assert_false(qemu_in_coroutine());
    g_assert_false(qemu_coroutine_entered(co));
    qemu_coroutine_enter(co);
    g_string_append(trace, "2");
    qemu_coroutine_enter(co);
    g_string_append(trace, "4");
    /* The last entry runs it to completion; it is then freed. */
    qemu_coroutine_enter(co);
    g_assert_cmpstr(trace->str, ==, "12345");
    g_string_free(trace, true);
}

static void coroutine_fn inner(void *opaque)
{
    *(Coroutine **)opaque = qemu_coroutine_self();
    g_string_append(trace, "i");
}

static void coroutine_fn outer(void *opaque)
{
    Coroutine *in_inner = NULL;
    Coroutine *co = qemu_coroutine_create(inner, &in_inner);

    g_string_append(trace, "o");
    qemu_coroutine_enter(co);
    g_assert_nonnull(in_inner);
    g_assert_true(in_inner != qemu_coroutine_self());
    g_string_append(trace, "O");
}

static void test_nested(void)
{
    trace = g_string_new(NULL);
    qemu_coroutine_enter(qemu_coroutine_create(outer, NULL));
    g_assert_cmpstr(trace->str, ==, "oiO");
    g_string_free(trace, true);
}

static void coroutine_fn deep(void *opaque)
{
    /* Use a good part of the stack to make sure it is real. */
    volatile char buf[256 * 1024];

    memset((char *)buf, 0x5a, sizeof(buf));
    *(int *)opaque = buf[sizeof(buf) - 1];
}

static void test_stack(void)
{
    int v = 0;
    int i;

    for (i = 0; i < 100; i++) {
        qemu_coroutine_enter(qemu_coroutine_create(deep, &v));
    }
    g_assert_cmpint(v, ==, 0x5a);
}

static CoMutex mutex;

static void coroutine_fn locker(void *opaque)
{
    const char *name = opaque;

    qemu_co_mutex_lock(&mutex);
    qemu_co_mutex_assert_locked(&mutex);
    g_string_append_printf(trace, "%s+", name);
    qemu_coroutine_yield();
    g_string_append_printf(trace, "%s-", name);
    qemu_co_mutex_unlock(&mutex);
}

static void test_co_mutex(void)
{
    Coroutine *a = qemu_coroutine_create(locker, (void *)"a");
    Coroutine *b = qemu_coroutine_create(locker, (void *)"b");

    trace = g_string_new(NULL);
    qemu_co_mutex_init(&mutex);
    qemu_coroutine_enter(a);     /* a takes the lock and yields */
    qemu_coroutine_enter(b);     /* b waits for the lock */
    g_assert_cmpstr(trace->str, ==, "a+");
    qemu_coroutine_enter(a);     /* a unlocks; b gets it once a is done */
    g_assert_cmpstr(trace->str, ==, "a+a-b+");
    qemu_coroutine_enter(b);
    g_assert_cmpstr(trace->str, ==, "a+a-b+b-");
    g_assert_false(mutex.locked);
    g_string_free(trace, true);
}

static void coroutine_fn guarded_locker(void *opaque)
{
    WITH_QEMU_LOCK_GUARD(&mutex) {
        g_string_append(trace, opaque);
        qemu_coroutine_yield();
    }
    g_string_append(trace, "-");
}

static void test_co_mutex_guard(void)
{
    Coroutine *a = qemu_coroutine_create(guarded_locker, (void *)"a");
    Coroutine *b = qemu_coroutine_create(guarded_locker, (void *)"b");

    trace = g_string_new(NULL);
    qemu_co_mutex_init(&mutex);
    qemu_coroutine_enter(a);
    qemu_coroutine_enter(b);
    g_assert_cmpstr(trace->str, ==, "a");
    qemu_coroutine_enter(a);
    g_assert_cmpstr(trace->str, ==, "a-b");
    qemu_coroutine_enter(b);
    g_assert_cmpstr(trace->str, ==, "a-b-");
    g_assert_false(mutex.locked);
    g_string_free(trace, true);
}

static CoQueue queue;

static void coroutine_fn waiter(void *opaque)
{
    qemu_co_queue_wait(&queue, NULL);
    g_string_append(trace, opaque);
}

static void test_co_queue(void)
{
    int i;

    trace = g_string_new(NULL);
    qemu_co_queue_init(&queue);
    g_assert_true(qemu_co_queue_empty(&queue));
    for (i = 0; i < 3; i++) {
        static const char *const names[] = { "x", "y", "z" };

        qemu_coroutine_enter(qemu_coroutine_create(waiter,
                                                   (void *)names[i]));
    }
    g_assert_false(qemu_co_queue_empty(&queue));
    g_assert_true(qemu_co_queue_next(&queue));
    g_assert_cmpstr(trace->str, ==, "x");
    qemu_co_queue_restart_all(&queue);
    g_assert_cmpstr(trace->str, ==, "xyz");
    g_assert_false(qemu_co_queue_next(&queue));
    g_string_free(trace, true);
}

static CoRwlock rwlock;

static void coroutine_fn reader(void *opaque)
{
    qemu_co_rwlock_rdlock(&rwlock);
    g_string_append(trace, "r");
    qemu_coroutine_yield();
    g_string_append(trace, "R");
    qemu_co_rwlock_unlock(&rwlock);
}

static void coroutine_fn writer(void *opaque)
{
    qemu_co_rwlock_wrlock(&rwlock);
    g_string_append(trace, "w");
    qemu_co_rwlock_unlock(&rwlock);
}

static void test_co_rwlock(void)
{
    Coroutine *r1 = qemu_coroutine_create(reader, NULL);
    Coroutine *r2 = qemu_coroutine_create(reader, NULL);

    trace = g_string_new(NULL);
    qemu_co_rwlock_init(&rwlock);
    qemu_coroutine_enter(r1);
    qemu_coroutine_enter(r2);
    /* Two readers hold it at once; the writer must wait for both. */
    qemu_coroutine_enter(qemu_coroutine_create(writer, NULL));
    g_assert_cmpstr(trace->str, ==, "rr");
    qemu_coroutine_enter(r1);
    g_assert_cmpstr(trace->str, ==, "rrR");
    qemu_coroutine_enter(r2);
    g_assert_cmpstr(trace->str, ==, "rrRRw");
    g_string_free(trace, true);
}

static bool slept;

static void coroutine_fn sleeper(void *opaque)
{
    int64_t start = qemu_clock_get_ns(QEMU_CLOCK_REALTIME);

    qemu_co_sleep_ns(QEMU_CLOCK_REALTIME, 1 * SCALE_MS);
    g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_REALTIME) - start, >=,
                    1 * SCALE_MS);
    slept = true;
}

static void test_sleep(void)
{
    qemu_coroutine_enter(qemu_coroutine_create(sleeper, NULL));
    g_assert_false(slept);
    while (!slept) {
        main_loop_wait(false);
    }
}

static void coroutine_fn self_enter(void *opaque)
{
    qemu_coroutine_enter(qemu_coroutine_self());
}

static void test_reenter_aborts(void)
{
    if (g_test_subprocess()) {
        qemu_coroutine_enter(qemu_coroutine_create(self_enter, NULL));
        return;
    }
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_failed();
    g_test_trap_assert_stderr("*re-entered recursively*");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qemu_init_main_loop(&error_abort);
    g_test_add_func("/coroutine/yield", test_yield);
    g_test_add_func("/coroutine/nested", test_nested);
    g_test_add_func("/coroutine/stack", test_stack);
    g_test_add_func("/coroutine/co-mutex", test_co_mutex);
    g_test_add_func("/coroutine/co-mutex-guard", test_co_mutex_guard);
    g_test_add_func("/coroutine/co-queue", test_co_queue);
    g_test_add_func("/coroutine/co-rwlock", test_co_rwlock);
    g_test_add_func("/coroutine/sleep", test_sleep);
    g_test_add_func("/coroutine/reenter-aborts", test_reenter_aborts);
    return g_test_run();
}
