/*
 * iov, QEMUIOVector, uuid, bswap, bit helpers, queues, notifiers,
 * logging and trace patterns.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/base64.h"
#include "qemu/bitmap.h"
#include "qemu/bitops.h"
#include "qemu/bswap.h"
#include "qemu/host-utils.h"
#include "qemu/int128.h"
#include "qemu/range.h"
#include "qemu/iov.h"
#include "qemu/log.h"
#include "qemu/notify.h"
#include "qemu/qemu-print.h"
#include "qemu/queue.h"
#include "qemu/trace.h"
#include "qemu/uuid.h"

static void test_iov_buf(void)
{
    char a[3], b[5], c[4];
    struct iovec iov[3] = {
        { a, sizeof(a) }, { b, sizeof(b) }, { c, sizeof(c) },
    };
    char out[16];

    g_assert_cmpuint(iov_size(iov, 3), ==, 12);
    /* Copy across element boundaries, starting mid-element. */
    g_assert_cmpuint(iov_from_buf(iov, 3, 2, "0123456789", 10), ==, 10);
    g_assert_cmpint(a[2], ==, '0');
    g_assert_cmpint(memcmp(b, "12345", 5), ==, 0);
    g_assert_cmpint(memcmp(c, "6789", 4), ==, 0);
    /* Clipped at the end. */
    g_assert_cmpuint(iov_from_buf(iov, 3, 10, "xyz", 3), ==, 2);
    g_assert_cmpuint(iov_from_buf(iov, 3, 20, "xyz", 3), ==, 0);

    memset(out, 0, sizeof(out));
    g_assert_cmpuint(iov_to_buf(iov, 3, 2, out, sizeof(out)), ==, 10);
    g_assert_cmpstr(out, ==, "01234567xy");

    g_assert_cmpuint(iov_memset(iov, 3, 1, '-', 4), ==, 4);
    g_assert_cmpint(a[1], ==, '-');
    g_assert_cmpint(b[1], ==, '-');
    g_assert_cmpint(b[2], ==, '3');
}

static void test_iov_discard_copy(void)
{
    char buf[10];
    struct iovec orig[2] = { { buf, 4 }, { buf + 4, 6 } };
    struct iovec iov[2], dst[2], *p = iov;
    unsigned int cnt = 2;

    memcpy(iov, orig, sizeof(iov));
    g_assert_cmpuint(iov_copy(dst, 2, iov, 2, 3, 5), ==, 2);
    g_assert_true(dst[0].iov_base == buf + 3);
    g_assert_cmpuint(dst[0].iov_len, ==, 1);
    g_assert_cmpuint(dst[1].iov_len, ==, 4);

    g_assert_cmpuint(iov_discard_front(&p, &cnt, 5), ==, 5);
    g_assert_cmpuint(cnt, ==, 1);
    g_assert_true(p[0].iov_base == buf + 5);
    g_assert_cmpuint(p[0].iov_len, ==, 5);

    memcpy(iov, orig, sizeof(iov));
    cnt = 2;
    g_assert_cmpuint(iov_discard_back(iov, &cnt, 7), ==, 7);
    g_assert_cmpuint(cnt, ==, 1);
    g_assert_cmpuint(iov[0].iov_len, ==, 3);
}

static void test_qiov(void)
{
    char x[4] = "abcd", y[4] = "efgh", out[8];
    QEMUIOVector q, q2, slice;

    qemu_iovec_init(&q, 1);
    qemu_iovec_add(&q, x, 4);
    qemu_iovec_add(&q, y, 4);
    qemu_iovec_add(&q, x, 2);    /* grows past the hint */
    g_assert_cmpint(q.niov, ==, 3);
    g_assert_cmpuint(q.size, ==, 10);
    g_assert_cmpuint(qemu_iovec_to_buf(&q, 2, out, 8), ==, 8);
    g_assert_cmpint(memcmp(out, "cdefghab", 8), ==, 0);

    qemu_iovec_init(&q2, 0);
    qemu_iovec_concat(&q2, &q, 3, 3);
    g_assert_cmpuint(q2.size, ==, 3);
    g_assert_cmpint(q2.niov, ==, 2);
    g_assert_cmpuint(qemu_iovec_from_buf(&q2, 0, "XYZ", 3), ==, 3);
    g_assert_cmpint(memcmp(x, "abcX", 4), ==, 0);
    g_assert_cmpint(memcmp(y, "YZgh", 4), ==, 0);
    g_assert_cmpuint(qemu_iovec_memset(&q2, 1, '.', 5), ==, 2);
    g_assert_cmpint(memcmp(y, "..gh", 4), ==, 0);
    g_assert_cmpint(qemu_iovec_compare(&q, &q), ==, -1);

    qemu_iovec_init_slice(&slice, &q, 4, 4);
    g_assert_cmpuint(slice.size, ==, 4);
    qemu_iovec_discard_back(&slice, 1);
    g_assert_cmpuint(slice.size, ==, 3);
    qemu_iovec_destroy(&slice);

    qemu_iovec_reset(&q2);
    g_assert_cmpint(q2.niov, ==, 0);
    g_assert_cmpuint(q2.size, ==, 0);
    qemu_iovec_destroy(&q2);
    qemu_iovec_destroy(&q);
}

static void test_qiov_buf_external(void)
{
    char data[6] = "hello";
    QEMUIOVector q = QEMU_IOVEC_INIT_BUF(q, data, 5);
    QEMUIOVector q2;
    struct iovec ext[2] = { { data, 2 }, { data + 2, 3 } };
    char out[6] = "";

    g_assert_cmpuint(q.size, ==, 5);
    g_assert_true(qemu_iovec_buf(&q) == data);
    qemu_iovec_to_buf(&q, 0, out, 5);
    g_assert_cmpstr(out, ==, "hello");

    qemu_iovec_init_buf(&q2, data + 1, 3);
    g_assert_cmpint(q2.niov, ==, 1);
    g_assert_true(q2.iov == &q2.local_iov);
    g_assert_cmpuint(q2.size, ==, 3);

    qemu_iovec_init_external(&q2, ext, 2);
    g_assert_cmpuint(q2.size, ==, 5);
    g_assert_true(qemu_iovec_is_zero(&q2, 0, 5) == false);
    qemu_iovec_memset(&q2, 1, 0, 4);
    g_assert_true(qemu_iovec_is_zero(&q2, 1, 4));
    /* Destroying an external vector leaves the array alone. */
    qemu_iovec_destroy(&q2);
    g_assert_true(ext[0].iov_base == data);
}

static void test_uuid(void)
{
    static const char str[] = "c0e97ad6-1d56-4c4f-a2e5-0b9f0a8c3e44";
    QemuUUID u, u2, swapped;
    char out[UUID_FMT_LEN + 1];
    char *dup;

    g_assert_cmpint(qemu_uuid_parse(str, &u), ==, 0);
    g_assert_cmpint(u.data[0], ==, 0xc0);
    g_assert_cmpint(u.data[15], ==, 0x44);
    qemu_uuid_unparse(&u, out);
    g_assert_cmpstr(out, ==, str);
    g_assert_cmpint(qemu_uuid_parse("C0E97AD6-1D56-4C4F-A2E5-0B9F0A8C3E44",
                                    &u2), ==, 0);
    g_assert_true(qemu_uuid_is_equal(&u, &u2));
    dup = qemu_uuid_unparse_strdup(&u2);
    g_assert_cmpstr(dup, ==, str);
    g_free(dup);

    g_assert_cmpint(qemu_uuid_parse("c0e97ad6-1d56-4c4f-a2e5-0b9f0a8c3e4", &u2),
                    ==, -1);
    g_assert_cmpint(qemu_uuid_parse("c0e97ad6-1d56-4c4f-a2e5-0b9f0a8c3e444",
                                    &u2), ==, -1);
    g_assert_cmpint(qemu_uuid_parse("c0e97ad61d56-4c4f-a2e5-0b9f0a8c3e44-",
                                    &u2), ==, -1);
    g_assert_cmpint(qemu_uuid_parse("g0e97ad6-1d56-4c4f-a2e5-0b9f0a8c3e44",
                                    &u2), ==, -1);
    g_assert_cmpint(qemu_uuid_parse("", &u2), ==, -1);

    memset(&u2, 0, sizeof(u2));
    g_assert_true(qemu_uuid_is_null(&u2));
    qemu_uuid_unparse(&u2, out);
    g_assert_cmpstr(out, ==, UUID_NONE);
    g_assert_false(qemu_uuid_is_null(&u));

    qemu_uuid_generate(&u2);
    g_assert_false(qemu_uuid_is_null(&u2));
    g_assert_cmpint(u2.data[6] >> 4, ==, 4);
    g_assert_cmpint(u2.data[8] & 0xc0, ==, 0x80);

    swapped = qemu_uuid_bswap(u);
    g_assert_cmpint(swapped.data[0], ==, 0xd6);
    g_assert_cmpint(swapped.data[4], ==, 0x56);
    g_assert_cmpint(swapped.data[6], ==, 0x4f);
    g_assert_cmpint(swapped.data[8], ==, 0xa2);
}

static void test_bswap(void)
{
    uint8_t buf[9] = { 0 };

    g_assert_cmphex(bswap16(0x1234), ==, 0x3412);
    g_assert_cmphex(bswap32(0x12345678), ==, 0x78563412);
    g_assert_cmphex(bswap64(0x0102030405060708ULL), ==, 0x0807060504030201ULL);
    g_assert_cmphex(cpu_to_be32(0x12345678), ==, bswap32(0x12345678));
    g_assert_cmphex(cpu_to_le32(0x12345678), ==, 0x12345678);
    g_assert_cmphex(be16_to_cpu(cpu_to_be16(0xabcd)), ==, 0xabcd);

    /* Unaligned stores and loads. */
    stl_le_p(buf + 1, 0x11223344);
    g_assert_cmphex(buf[1], ==, 0x44);
    g_assert_cmphex(ldl_le_p(buf + 1), ==, 0x11223344);
    g_assert_cmphex(ldl_be_p(buf + 1), ==, 0x44332211);
    stq_be_p(buf + 1, 0x0102030405060708ULL);
    g_assert_cmphex(buf[1], ==, 0x01);
    g_assert_cmphex(ldq_be_p(buf + 1), ==, 0x0102030405060708ULL);
    g_assert_cmphex(ldq_le_p(buf + 1), ==, 0x0807060504030201ULL);
    stw_le_p(buf, 0xfffe);
    g_assert_cmpint(lduw_le_p(buf), ==, 0xfffe);
    g_assert_cmpint(ldsw_le_p(buf), ==, -2);
    g_assert_cmpint(lduw_be_p(buf), ==, 0xfeff);
    g_assert_cmpint(ldub_p(buf), ==, 0xfe);
    g_assert_cmpint(ldsb_p(buf), ==, -2);
    stn_le_p(buf, 4, 0xdeadbeef);
    g_assert_cmphex(ldn_le_p(buf, 4), ==, 0xdeadbeef);
    g_assert_cmphex(ldn_be_p(buf, 2), ==, 0xefbe);
}

static void test_host_utils(void)
{
    g_assert_cmpint(clz32(0), ==, 32);
    g_assert_cmpint(clz32(1), ==, 31);
    g_assert_cmpint(clz64(1ULL << 40), ==, 23);
    g_assert_cmpint(ctz32(0), ==, 32);
    g_assert_cmpint(ctz64(1ULL << 40), ==, 40);
    g_assert_cmpint(ctpop32(0xf0f0), ==, 8);
    g_assert_cmpint(ctpop64(~0ULL), ==, 64);
    g_assert_cmpuint(pow2ceil(0), ==, 1);
    g_assert_cmpuint(pow2ceil(1), ==, 1);
    g_assert_cmpuint(pow2ceil(5), ==, 8);
    g_assert_cmpuint(pow2ceil(64), ==, 64);
    g_assert_cmpuint(pow2ceil((1ULL << 63) + 1), ==, 0);
    g_assert_cmpuint(pow2floor(5), ==, 4);
    g_assert_cmpuint(muldiv64(1ULL << 62, 1000, 500), ==, 1ULL << 63);
    g_assert_cmpuint(muldiv64(1000000000, 3579545, 1000000000), ==, 3579545);
}

static void test_range_int128(void)
{
    Range r, r2;
    Int128 a = int128_2_64();

    g_assert_true(ranges_overlap(0, 10, 9, 1));
    g_assert_false(ranges_overlap(0, 10, 10, 5));
    g_assert_true(ranges_overlap(UINT64_MAX - 1, 2, 0xfffffffffffffff0, 16));
    g_assert_true(range_covers_byte(0x1000, 0x10, 0x100f));
    g_assert_false(range_covers_byte(0x1000, 0x10, 0x1010));
    range_make_empty(&r);
    g_assert_true(range_is_empty(&r));
    range_set_bounds(&r2, 10, 20);
    range_extend(&r, &r2);
    g_assert_cmpuint(range_lob(&r), ==, 10);
    range_set_bounds1(&r2, 30, 40);
    range_extend(&r, &r2);
    g_assert_cmpuint(range_upb(&r), ==, 39);
    g_assert_true(range_contains(&r, 25));
    g_assert_false(range_contains(&r, 40));

    g_assert_cmpuint(int128_gethi(a), ==, 1);
    g_assert_cmpuint(int128_getlo(a), ==, 0);
    g_assert_true(int128_eq(int128_sub(a, int128_one()),
                            int128_make64(UINT64_MAX)));
    g_assert_cmpuint(int128_get64(int128_rshift(a, 4)), ==, 1ULL << 60);
    g_assert_true(int128_lt(int128_make64(5), a));
}

static void test_bitops(void)
{
    unsigned long *map = bitmap_new(200);
    DECLARE_BITMAP(small, 10);

    g_assert_true(bitmap_empty(map, 200));
    set_bit(3, map);
    set_bit(130, map);
    g_assert_true(test_bit(3, map));
    g_assert_false(test_bit(4, map));
    g_assert_cmpuint(find_first_bit(map, 200), ==, 3);
    g_assert_cmpuint(find_next_bit(map, 200, 4), ==, 130);
    g_assert_cmpuint(find_next_bit(map, 200, 131), ==, 200);
    g_assert_cmpuint(find_next_bit(map, 100, 4), ==, 100);
    g_assert_cmpuint(find_first_zero_bit(map, 200), ==, 0);
    g_assert_cmpuint(find_last_bit(map, 200), ==, 130);
    clear_bit(3, map);
    g_assert_cmpuint(find_first_bit(map, 200), ==, 130);
    g_assert_true(test_and_clear_bit(130, map));
    g_assert_false(test_and_set_bit(7, map));
    g_assert_true(test_bit(7, map));

    bitmap_zero(map, 200);
    bitmap_set(map, 60, 80);
    g_assert_cmpint(bitmap_count_one(map, 200), ==, 80);
    g_assert_cmpuint(find_first_bit(map, 200), ==, 60);
    g_assert_cmpuint(find_next_zero_bit(map, 200, 60), ==, 140);
    bitmap_clear(map, 61, 78);
    g_assert_cmpint(bitmap_count_one(map, 200), ==, 2);
    g_assert_true(test_bit(60, map));
    g_assert_true(test_bit(139, map));
    g_free(map);

    bitmap_fill(small, 10);
    g_assert_true(bitmap_full(small, 10));
    g_assert_cmphex(small[0], ==, 0x3ff);

    g_assert_cmphex(extract32(0xabcd1234, 8, 8), ==, 0x12);
    g_assert_cmphex(extract64(0xabcd123400000000ULL, 48, 16), ==, 0xabcd);
    g_assert_cmpint(sextract32(0xf0, 4, 4), ==, -1);
    g_assert_cmphex(deposit32(0xffffffff, 8, 8, 0), ==, 0xffff00ff);
    g_assert_cmphex(deposit64(0, 60, 4, 0x1f), ==, 0xf000000000000000ULL);
    g_assert_cmphex(rol32(0x80000001, 1), ==, 3);
}

typedef struct Elem {
    int v;
    QTAILQ_ENTRY(Elem) tq;
    QLIST_ENTRY(Elem) l;
    QSIMPLEQ_ENTRY(Elem) sq;
    QSLIST_ENTRY(Elem) sl;
} Elem;

static void test_queues(void)
{
    QTAILQ_HEAD(, Elem) tq = QTAILQ_HEAD_INITIALIZER(tq);
    QLIST_HEAD(, Elem) l = QLIST_HEAD_INITIALIZER(l);
    QSIMPLEQ_HEAD(, Elem) sq = QSIMPLEQ_HEAD_INITIALIZER(sq);
    QSLIST_HEAD(, Elem) sl = QSLIST_HEAD_INITIALIZER(sl);
    Elem e[4] = { { 0 }, { 1 }, { 2 }, { 3 } };
    Elem *it, *next;
    GString *s = g_string_new(NULL);

    QTAILQ_INSERT_TAIL(&tq, &e[1], tq);
    QTAILQ_INSERT_HEAD(&tq, &e[0], tq);
    QTAILQ_INSERT_TAIL(&tq, &e[3], tq);
    QTAILQ_INSERT_BEFORE(&e[3], &e[2], tq);
    QTAILQ_FOREACH(it, &tq, tq) {
        g_string_append_printf(s, "%d", it->v);
    }
    QTAILQ_FOREACH_REVERSE(it, &tq, tq) {
        g_string_append_printf(s, "%d", it->v);
    }
    g_assert_cmpstr(s->str, ==, "01233210");
    g_assert_true(QTAILQ_LAST(&tq) == &e[3]);
    g_assert_true(QTAILQ_PREV(&e[1], tq) == &e[0]);
    g_assert_null(QTAILQ_PREV(&e[0], tq));
    QTAILQ_REMOVE(&tq, &e[3], tq);
    g_assert_false(QTAILQ_IN_USE(&e[3], tq));
    g_assert_true(QTAILQ_LAST(&tq) == &e[2]);
    QTAILQ_INSERT_AFTER(&tq, &e[2], &e[3], tq);
    g_assert_true(QTAILQ_LAST(&tq) == &e[3]);
    QTAILQ_FOREACH_SAFE(it, &tq, tq, next) {
        QTAILQ_REMOVE(&tq, it, tq);
    }
    g_assert_true(QTAILQ_EMPTY(&tq));
    QTAILQ_INSERT_TAIL(&tq, &e[0], tq);
    g_assert_true(QTAILQ_LAST(&tq) == &e[0]);

    g_string_truncate(s, 0);
    QLIST_INSERT_HEAD(&l, &e[2], l);
    QLIST_INSERT_HEAD(&l, &e[0], l);
    QLIST_INSERT_AFTER(&e[0], &e[1], l);
    QLIST_INSERT_BEFORE(&e[0], &e[3], l);
    QLIST_REMOVE(&e[1], l);
    g_assert_false(QLIST_IS_INSERTED(&e[1], l));
    QLIST_SAFE_REMOVE(&e[1], l);
    QLIST_FOREACH(it, &l, l) {
        g_string_append_printf(s, "%d", it->v);
    }
    g_assert_cmpstr(s->str, ==, "302");

    g_string_truncate(s, 0);
    QSIMPLEQ_INSERT_TAIL(&sq, &e[1], sq);
    QSIMPLEQ_INSERT_HEAD(&sq, &e[0], sq);
    QSIMPLEQ_INSERT_TAIL(&sq, &e[3], sq);
    QSIMPLEQ_INSERT_AFTER(&sq, &e[1], &e[2], sq);
    g_assert_true(QSIMPLEQ_LAST(&sq, Elem, sq) == &e[3]);
    QSIMPLEQ_REMOVE(&sq, &e[3], Elem, sq);
    g_assert_true(QSIMPLEQ_LAST(&sq, Elem, sq) == &e[2]);
    QSIMPLEQ_REMOVE_HEAD(&sq, sq);
    QSIMPLEQ_FOREACH(it, &sq, sq) {
        g_string_append_printf(s, "%d", it->v);
    }
    g_assert_cmpstr(s->str, ==, "12");

    g_string_truncate(s, 0);
    QSLIST_INSERT_HEAD(&sl, &e[0], sl);
    QSLIST_INSERT_HEAD_ATOMIC(&sl, &e[1], sl);
    QSLIST_INSERT_AFTER(&e[1], &e[2], sl);
    QSLIST_REMOVE(&sl, &e[2], Elem, sl);
    QSLIST_FOREACH(it, &sl, sl) {
        g_string_append_printf(s, "%d", it->v);
    }
    g_assert_cmpstr(s->str, ==, "10");
    g_string_free(s, true);
}

typedef struct Counted {
    Notifier n;
    int hits;
    int last_data;
} Counted;

static void counted_notify(Notifier *n, void *data)
{
    Counted *c = container_of(n, Counted, n);

    c->hits++;
    c->last_data = *(int *)data;
    /* Removing oneself while being notified is allowed. */
    if (c->hits == 2) {
        notifier_remove(n);
    }
}

static void test_notifiers(void)
{
    NotifierList list = NOTIFIER_LIST_INITIALIZER(list);
    Counted a = { .n.notify = counted_notify };
    Counted b = { .n.notify = counted_notify };
    int data = 7;

    g_assert_true(notifier_list_empty(&list));
    notifier_list_add(&list, &a.n);
    notifier_list_add(&list, &b.n);
    notifier_list_notify(&list, &data);
    data = 8;
    notifier_list_notify(&list, &data);
    notifier_list_notify(&list, &data);
    g_assert_cmpint(a.hits, ==, 2);
    g_assert_cmpint(b.hits, ==, 2);
    g_assert_cmpint(a.last_data, ==, 8);
    g_assert_true(notifier_list_empty(&list));
}

static void test_log_mask(void)
{
    g_assert_cmpint(qemu_str_to_log_mask("guest_errors"), ==, LOG_GUEST_ERROR);
    g_assert_cmpint(qemu_str_to_log_mask("guest_errors,unimp"), ==,
                    LOG_GUEST_ERROR | LOG_UNIMP);
    g_assert_cmpint(qemu_str_to_log_mask("bogus"), ==, 0);
    g_assert_cmpint(qemu_str_to_log_mask("unimp,bogus"), ==, 0);
    g_assert_cmpint(qemu_str_to_log_mask("all") & LOG_GUEST_ERROR, !=, 0);
}

static void test_log_output(void)
{
    if (g_test_subprocess()) {
        /* Nothing is logged until enabled. */
        qemu_log_mask(LOG_GUEST_ERROR, "hidden\n");
        g_assert_false(qemu_log_enabled());
        qemu_set_log(qemu_str_to_log_mask("guest_errors"), &error_abort);
        qemu_log_mask(LOG_GUEST_ERROR, "guest did %s\n", "wrong");
        qemu_log_mask(LOG_UNIMP, "not shown\n");
        return;
    }
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_passed();
    g_test_trap_assert_stderr("guest did wrong\n");
}

static void test_log_file(void)
{
    g_autofree char *dir = g_dir_make_tmp("log-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "log-%d.txt", NULL);
    g_autofree char *real = NULL;
    g_autofree char *contents = NULL;
    Error *err = NULL;
    char *pct;

    g_assert_false(qemu_set_log_filename("bad%s", &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "Bad logfile format: bad%s");
    error_free(err);

    g_assert_true(qemu_set_log_filename_flags(path, LOG_UNIMP, &error_abort));
    qemu_log_mask(LOG_UNIMP, "to file %d\n", 1);
    qemu_log_close();
    qemu_set_log(0, &error_abort);

    pct = strstr(path, "%d");
    real = g_strdup_printf("%.*s%d%s", (int)(pct - path), path, getpid(),
                           pct + 2);
    g_assert_true(g_file_get_contents(real, &contents, NULL, NULL));
    g_assert_cmpstr(contents, ==, "to file 1\n");
    unlink(real);
    rmdir(dir);
    qemu_set_log_filename_flags(NULL, 0, &error_abort);
}

static void test_trace(void)
{
    if (g_test_subprocess()) {
        g_assert_false(trace_event_enabled("unassigned_access"));
        qemu_trace_printf("unassigned_access", "hidden");
        g_assert_cmpint(qemu_str_to_log_mask("trace:unassigned_*"), ==,
                        LOG_TRACE);
        trace_enable_events("-unassigned_write");
        g_assert_true(trace_event_enabled("unassigned_access"));
        g_assert_true(trace_event_enabled("unassigned_read"));
        g_assert_false(trace_event_enabled("unassigned_write"));
        g_assert_false(trace_event_enabled("memory_region_ops_read"));
        qemu_trace_printf("unassigned_access", "addr 0x%x size %d", 0x1234, 4);
        qemu_trace_printf("unassigned_write", "hidden too");
        trace_event_register("zz_event");
        trace_event_register("aa_event");
        trace_enable_events("help");
        g_assert_not_reached();
    }
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_passed();
    g_test_trap_assert_stderr("unassigned_access addr 0x1234 size 4\n");
    g_test_trap_assert_stdout("aa_event\nzz_event\n");
}

static void test_base64(void)
{
    static const char *const bad[] = {
        "aGk", "a=GV", "aGk==A==", "aG!p", "a===", "aGk\n",
    };
    Error *err = NULL;
    size_t len;
    uint8_t *out;
    int i;

    out = qbase64_decode("aGVsbG8=", -1, &len, &error_abort);
    g_assert_cmpuint(len, ==, 5);
    g_assert_cmpstr((char *)out, ==, "hello");
    g_free(out);
    out = qbase64_decode("", -1, &len, &error_abort);
    g_assert_cmpuint(len, ==, 0);
    g_free(out);
    out = qbase64_decode("aGk=XXXX", 4, &len, &error_abort);
    g_assert_cmpstr((char *)out, ==, "hi");
    g_free(out);
    for (i = 0; i < ARRAY_SIZE(bad); i++) {
        g_assert_null(qbase64_decode(bad[i], -1, &len, &err));
        g_assert_true(g_str_has_prefix(error_get_pretty(err),
                                       "Base64 encoding error"));
        g_assert_cmpuint(len, ==, 0);
        error_free(err);
        err = NULL;
    }
}

static GString *monitor_out;

static int fake_monitor(const char *fmt, va_list ap)
{
    if (!monitor_out) {
        return -1;
    }
    g_string_append_vprintf(monitor_out, fmt, ap);
    return 0;
}

static void test_qemu_print(void)
{
    if (g_test_subprocess()) {
        qemu_print_set_monitor_hook(fake_monitor);
        qemu_printf("to %s\n", "stdout");
        qemu_fprintf(stderr, "to stderr\n");
        monitor_out = g_string_new(NULL);
        qemu_printf("to %s\n", "monitor");
        qemu_fprintf(stderr, "also monitor\n");
        fputs(monitor_out->str, stdout);
        return;
    }
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_passed();
    g_test_trap_assert_stdout("to stdout\nto monitor\nalso monitor\n");
    g_test_trap_assert_stderr("to stderr\n");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/iov/buf", test_iov_buf);
    g_test_add_func("/iov/discard-copy", test_iov_discard_copy);
    g_test_add_func("/iov/qiov", test_qiov);
    g_test_add_func("/iov/qiov-buf-external", test_qiov_buf_external);
    g_test_add_func("/uuid/parse-unparse", test_uuid);
    g_test_add_func("/bswap/all", test_bswap);
    g_test_add_func("/host-utils/all", test_host_utils);
    g_test_add_func("/bitops/all", test_bitops);
    g_test_add_func("/range/int128", test_range_int128);
    g_test_add_func("/queue/all", test_queues);
    g_test_add_func("/notify/list", test_notifiers);
    g_test_add_func("/log/mask", test_log_mask);
    g_test_add_func("/log/output", test_log_output);
    g_test_add_func("/log/file", test_log_file);
    g_test_add_func("/trace/patterns", test_trace);
    g_test_add_func("/base64/decode", test_base64);
    g_test_add_func("/qemu-print/monitor-hook", test_qemu_print);
    return g_test_run();
}
