/*
 * Memory API tests (no KVM): flattening, dispatch, mtree text.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/module.h"
#include "exec/memory.h"
#include "exec/address-spaces.h"
#include "exec/ioport.h"

/* A device that logs each callback. */
typedef struct LogDev {
    GString *log;
    uint64_t regs[64];   /* byte-addressed backing for reads */
} LogDev;

static uint64_t logdev_read(void *opaque, hwaddr addr, unsigned size)
{
    LogDev *d = opaque;
    uint64_t v = 0;
    unsigned i;

    for (i = 0; i < size; i++) {
        v |= (uint64_t)((uint8_t *)d->regs)[addr + i] << (8 * i);
    }
    g_string_append_printf(d->log, "r%u@%" PRIx64 ";", size, addr);
    return v;
}

static void logdev_write(void *opaque, hwaddr addr, uint64_t val,
                         unsigned size)
{
    LogDev *d = opaque;

    g_string_append_printf(d->log, "w%u@%" PRIx64 "=%" PRIx64 ";", size,
                           addr, val);
}

static LogDev *logdev_new(void)
{
    LogDev *d = g_new0(LogDev, 1);
    unsigned i;

    d->log = g_string_new(NULL);
    for (i = 0; i < sizeof(d->regs); i++) {
        ((uint8_t *)d->regs)[i] = i;
    }
    return d;
}

static void logdev_free(LogDev *d)
{
    g_string_free(d->log, true);
    g_free(d);
}

/* Fresh root container + address space for each test. */
typedef struct Fixture {
    MemoryRegion root;
    AddressSpace as;
} Fixture;

static void fixture_init(Fixture *f, uint64_t size)
{
    memset(f, 0, sizeof(*f));
    memory_region_init(&f->root, NULL, "root", size);
    address_space_init(&f->as, &f->root, "test");
}

static void fixture_fini(Fixture *f)
{
    address_space_destroy(&f->as);
}

static uint8_t rd8(AddressSpace *as, hwaddr a)
{
    uint8_t v;

    address_space_read(as, a, MEMTXATTRS_UNSPECIFIED, &v, 1);
    return v;
}

static void wr8(AddressSpace *as, hwaddr a, uint8_t v)
{
    address_space_write(as, a, MEMTXATTRS_UNSPECIFIED, &v, 1);
}

static MemoryRegion *mr_at(AddressSpace *as, hwaddr a)
{
    hwaddr xlat, len = 1;

    return address_space_translate(as, a, &xlat, &len, false,
                                   MEMTXATTRS_UNSPECIFIED);
}

static void test_ram_rw_and_priority(void)
{
    Fixture f;
    MemoryRegion ram, hi, lo;
    LogDev *d = logdev_new();
    static const MemoryRegionOps ops = {
        .read = logdev_read, .write = logdev_write,
        .endianness = DEVICE_LITTLE_ENDIAN,
    };

    fixture_init(&f, 0x100000);
    memory_region_init_ram(&ram, NULL, "ram", 0x10000, &error_abort);
    memory_region_init_io(&hi, NULL, &ops, d, "hi", 0x1000);
    memory_region_init_io(&lo, NULL, &ops, d, "lo", 0x1000);
    memory_region_add_subregion(&f.root, 0, &ram);
    memory_region_add_subregion_overlap(&f.root, 0x2000, &hi, 1);
    memory_region_add_subregion_overlap(&f.root, 0xf800, &lo, -1);

    wr8(&f.as, 0x10, 0xab);
    g_assert_cmpint(rd8(&f.as, 0x10), ==, 0xab);
    g_assert_cmpint(((uint8_t *)memory_region_get_ram_ptr(&ram))[0x10],
                    ==, 0xab);

    /* hi (prio 1) wins over ram (prio 0) which wins over lo (prio -1). */
    g_assert(mr_at(&f.as, 0x2000) == &hi);
    g_assert(mr_at(&f.as, 0x2fff) == &hi);
    g_assert(mr_at(&f.as, 0x3000) == &ram);
    g_assert(mr_at(&f.as, 0xf900) == &ram);
    g_assert(mr_at(&f.as, 0x10400) == &lo);
    g_assert(mr_at(&f.as, 0x1fff) == &ram);

    /* Removing hi uncovers ram again. */
    memory_region_del_subregion(&f.root, &hi);
    g_assert(mr_at(&f.as, 0x2000) == &ram);
    fixture_fini(&f);
    logdev_free(d);
}

static void test_alias_and_container(void)
{
    Fixture f;
    MemoryRegion ram, alias, cont, inner;

    fixture_init(&f, 0x100000);
    memory_region_init_ram(&ram, NULL, "ram", 0x10000, &error_abort);
    memory_region_init_alias(&alias, NULL, "win", &ram, 0x4000, 0x1000);
    memory_region_init(&cont, NULL, "cont", 0x10000);
    memory_region_init_ram(&inner, NULL, "inner", 0x100, &error_abort);

    memory_region_add_subregion(&cont, 0x200, &inner);
    memory_region_add_subregion(&f.root, 0x20000, &cont);
    memory_region_add_subregion(&f.root, 0x80000, &alias);

    /* Writing through the alias lands at ram offset 0x4000 + 5. */
    wr8(&f.as, 0x80005, 0x5a);
    g_assert_cmpint(((uint8_t *)memory_region_get_ram_ptr(&ram))[0x4005],
                    ==, 0x5a);
    g_assert_cmpint(((uint8_t *)memory_region_get_ram_ptr(&alias))[5],
                    ==, 0x5a);

    /* Nested container offsets add up; the container's gaps are holes. */
    g_assert(mr_at(&f.as, 0x20200) == &inner);
    g_assert_cmpint(rd8(&f.as, 0x20100), ==, 0xff);

    /* Moving the alias window. */
    memory_region_set_alias_offset(&alias, 0x4004);
    g_assert_cmpint(rd8(&f.as, 0x80001), ==, 0x5a);
    memory_region_set_address(&alias, 0x90000);
    g_assert_cmpint(rd8(&f.as, 0x90001), ==, 0x5a);
    g_assert_cmpint(rd8(&f.as, 0x80001), ==, 0xff);
    fixture_fini(&f);
}

static void test_disabled(void)
{
    Fixture f;
    MemoryRegion ram, over;

    fixture_init(&f, 0x10000);
    memory_region_init_ram(&ram, NULL, "ram", 0x1000, &error_abort);
    memory_region_init_ram(&over, NULL, "over", 0x1000, &error_abort);
    memory_region_add_subregion(&f.root, 0, &ram);
    memory_region_add_subregion_overlap(&f.root, 0, &over, 1);
    g_assert(mr_at(&f.as, 0) == &over);
    memory_region_set_enabled(&over, false);
    g_assert(mr_at(&f.as, 0) == &ram);
    memory_region_set_enabled(&ram, false);
    g_assert_cmpint(rd8(&f.as, 0), ==, 0xff);
    memory_region_set_enabled(&over, true);
    g_assert(mr_at(&f.as, 0) == &over);
    fixture_fini(&f);
}

static void test_io_split(void)
{
    Fixture f;
    MemoryRegion bytes, words;
    LogDev *d = logdev_new();
    uint8_t buf[8];
    static const MemoryRegionOps byte_ops = {
        .read = logdev_read, .write = logdev_write,
        .endianness = DEVICE_LITTLE_ENDIAN,
        .valid = { .min_access_size = 1, .max_access_size = 4 },
        .impl = { .min_access_size = 1, .max_access_size = 1 },
    };
    static const MemoryRegionOps word_ops = {
        .read = logdev_read, .write = logdev_write,
        .endianness = DEVICE_LITTLE_ENDIAN,
        .valid = { .min_access_size = 1, .max_access_size = 4,
                   .unaligned = true },
        .impl = { .min_access_size = 4, .max_access_size = 4 },
    };

    fixture_init(&f, 0x10000);
    memory_region_init_io(&bytes, NULL, &byte_ops, d, "bytes", 0x100);
    memory_region_init_io(&words, NULL, &word_ops, d, "words", 0x100);
    memory_region_add_subregion(&f.root, 0x1000, &bytes);
    memory_region_add_subregion(&f.root, 0x2000, &words);

    /* A 4-byte access to a byte-wide device becomes 4 byte accesses. */
    address_space_read(&f.as, 0x1004, MEMTXATTRS_UNSPECIFIED, buf, 4);
    g_assert_cmpstr(d->log->str, ==, "r1@4;r1@5;r1@6;r1@7;");
    g_assert_cmpint(buf[0], ==, 4);
    g_assert_cmpint(buf[3], ==, 7);
    g_string_truncate(d->log, 0);
    address_space_stl_le(&f.as, 0x1008, 0x44332211, MEMTXATTRS_UNSPECIFIED,
                         NULL);
    g_assert_cmpstr(d->log->str, ==, "w1@8=11;w1@9=22;w1@a=33;w1@b=44;");

    /* An 8-byte buffer is cut into valid.max_access_size pieces. */
    g_string_truncate(d->log, 0);
    address_space_read(&f.as, 0x1000, MEMTXATTRS_UNSPECIFIED, buf, 8);
    g_assert_cmpint(d->log->len, ==, strlen("r1@0;") * 8);

    /* A byte read of a 4-byte-only device reads the aligned word. */
    g_string_truncate(d->log, 0);
    g_assert_cmpint(rd8(&f.as, 0x2006), ==, 6);
    g_assert_cmpstr(d->log->str, ==, "r4@4;");

    /* An unaligned 2-byte read spanning two words. */
    g_string_truncate(d->log, 0);
    g_assert_cmpint(address_space_lduw_le(&f.as, 0x2003,
                                          MEMTXATTRS_UNSPECIFIED, NULL),
                    ==, 0x0403);
    g_assert_cmpstr(d->log->str, ==, "r4@0;r4@4;");

    /* A byte write is widened with the data in its lane. */
    g_string_truncate(d->log, 0);
    wr8(&f.as, 0x2005, 0x77);
    g_assert_cmpstr(d->log->str, ==, "w4@4=7700;");
    fixture_fini(&f);
    logdev_free(d);
}

static void test_valid_and_unassigned(void)
{
    Fixture f;
    MemoryRegion strict;
    LogDev *d = logdev_new();
    MemTxResult r;
    uint32_t v = 0;
    static const MemoryRegionOps strict_ops = {
        .read = logdev_read, .write = logdev_write,
        .endianness = DEVICE_LITTLE_ENDIAN,
        .valid = { .min_access_size = 4, .max_access_size = 4 },
    };

    fixture_init(&f, 0x10000);
    memory_region_init_io(&strict, NULL, &strict_ops, d, "strict", 0x10);
    memory_region_add_subregion(&f.root, 0x100, &strict);

    /* Nothing mapped: all-ones and a decode error. */
    r = address_space_read(&f.as, 0x8000, MEMTXATTRS_UNSPECIFIED, &v, 4);
    g_assert_cmphex(v, ==, 0xffffffff);
    g_assert_cmpint(r, ==, MEMTX_DECODE_ERROR);
    r = address_space_write(&f.as, 0x8000, MEMTXATTRS_UNSPECIFIED, &v, 4);
    g_assert_cmpint(r, ==, MEMTX_DECODE_ERROR);

    /* A byte access where the device only accepts 4: rejected. */
    g_assert_cmpint(rd8(&f.as, 0x100), ==, 0xff);
    g_assert_cmpstr(d->log->str, ==, "");
    g_assert_cmphex(address_space_ldl_le(&f.as, 0x104,
                                         MEMTXATTRS_UNSPECIFIED, &r),
                    ==, 0x07060504);
    g_assert_cmpint(r, ==, MEMTX_OK);
    fixture_fini(&f);
    logdev_free(d);
}

static uint64_t be_read(void *opaque, hwaddr addr, unsigned size)
{
    return 0x11223344;
}

static void test_big_endian(void)
{
    Fixture f;
    MemoryRegion be;
    uint8_t buf[4];
    static const MemoryRegionOps be_ops = {
        .read = be_read,
        .endianness = DEVICE_BIG_ENDIAN,
        .impl = { .min_access_size = 4, .max_access_size = 4 },
    };

    fixture_init(&f, 0x10000);
    memory_region_init_io(&be, NULL, &be_ops, NULL, "be", 4);
    memory_region_add_subregion(&f.root, 0, &be);
    address_space_read(&f.as, 0, MEMTXATTRS_UNSPECIFIED, buf, 4);
    g_assert_cmpint(buf[0], ==, 0x11);
    g_assert_cmpint(buf[3], ==, 0x44);
    g_assert_cmpint(rd8(&f.as, 1), ==, 0x22);
    fixture_fini(&f);
}

static void test_rom_and_map(void)
{
    Fixture f;
    MemoryRegion ram, rom, io;
    LogDev *d = logdev_new();
    static const MemoryRegionOps ops = {
        .read = logdev_read, .write = logdev_write,
        .endianness = DEVICE_LITTLE_ENDIAN,
    };
    uint8_t data[4] = { 1, 2, 3, 4 };
    hwaddr len;
    void *p;

    fixture_init(&f, 0x100000);
    memory_region_init_ram(&ram, NULL, "ram", 0x10000, &error_abort);
    memory_region_init_rom(&rom, NULL, "rom", 0x1000, &error_abort);
    memory_region_init_io(&io, NULL, &ops, d, "io", 0x1000);
    memory_region_add_subregion(&f.root, 0, &ram);
    memory_region_add_subregion(&f.root, 0x10000, &io);
    memory_region_add_subregion(&f.root, 0xf0000, &rom);

    /* Guest writes to ROM are dropped; loaders use write_rom. */
    wr8(&f.as, 0xf0000, 0x99);
    g_assert_cmpint(rd8(&f.as, 0xf0000), ==, 0);
    address_space_write_rom(&f.as, 0xf0000, MEMTXATTRS_UNSPECIFIED, data, 4);
    g_assert_cmpint(rd8(&f.as, 0xf0003), ==, 4);

    /* map: clipped to RAM; nothing for I/O, holes or writable ROM. */
    len = 0x20000;
    p = address_space_map(&f.as, 0xff00, &len, true, MEMTXATTRS_UNSPECIFIED);
    g_assert(p == (uint8_t *)memory_region_get_ram_ptr(&ram) + 0xff00);
    g_assert_cmpint(len, ==, 0x100);
    len = 16;
    g_assert_null(address_space_map(&f.as, 0x10000, &len, false,
                                     MEMTXATTRS_UNSPECIFIED));
    g_assert_cmpint(len, ==, 0);
    len = 16;
    g_assert_null(address_space_map(&f.as, 0x50000, &len, false,
                                     MEMTXATTRS_UNSPECIFIED));
    len = 16;
    g_assert_null(address_space_map(&f.as, 0xf0000, &len, true,
                                     MEMTXATTRS_UNSPECIFIED));
    len = 16;
    g_assert_nonnull(address_space_map(&f.as, 0xf0000, &len, false,
                                       MEMTXATTRS_UNSPECIFIED));

    /* A read spanning the end of RAM: the rest is all-ones, no overrun. */
    {
        uint8_t big[32];
        memset(big, 0, sizeof(big));
        ((uint8_t *)memory_region_get_ram_ptr(&ram))[0xfff0] = 0x42;
        g_assert_cmpint(address_space_read(&f.as, 0xfff0,
                                           MEMTXATTRS_UNSPECIFIED, big, 32),
                        ==, MEMTX_OK);
        g_assert_cmpint(big[0], ==, 0x42);
        g_assert(address_space_access_valid(&f.as, 0, 0x10000, true,
                                            MEMTXATTRS_UNSPECIFIED));
        g_assert_false(address_space_access_valid(&f.as, 0x40000, 4, false,
                                                  MEMTXATTRS_UNSPECIFIED));
    }
    fixture_fini(&f);
    logdev_free(d);
}

typedef struct CountListener {
    MemoryListener l;
    GString *log;
} CountListener;

static void cl_add(MemoryListener *l, MemoryRegionSection *s)
{
    CountListener *c = container_of(l, CountListener, l);

    g_string_append_printf(c->log, "+%s@%" PRIx64 "/%" PRIx64 "%s;",
                           memory_region_name(s->mr),
                           s->offset_within_address_space, s->size,
                           s->readonly ? "ro" : "");
}

static void cl_del(MemoryListener *l, MemoryRegionSection *s)
{
    CountListener *c = container_of(l, CountListener, l);

    g_string_append_printf(c->log, "-%s@%" PRIx64 ";",
                           memory_region_name(s->mr),
                           s->offset_within_address_space);
}

static void cl_efd_add(MemoryListener *l, MemoryRegionSection *s,
                       bool match, uint64_t data, EventNotifier *e)
{
    CountListener *c = container_of(l, CountListener, l);

    g_string_append_printf(c->log, "e+%" PRIx64 ";",
                           s->offset_within_address_space);
}

static void test_listener(void)
{
    Fixture f;
    MemoryRegion ram, rom, hole;
    CountListener cl = {
        .l = { .region_add = cl_add, .region_del = cl_del,
               .eventfd_add = cl_efd_add },
    };

    cl.log = g_string_new(NULL);
    fixture_init(&f, 0x100000);
    memory_region_init_ram(&ram, NULL, "ram", 0x10000, &error_abort);
    memory_region_add_subregion(&f.root, 0, &ram);
    memory_listener_register(&cl.l, &f.as);
    g_assert_cmpstr(cl.log->str, ==, "+ram@0/10000;");

    g_string_truncate(cl.log, 0);
    memory_region_init_rom(&rom, NULL, "rom", 0x1000, &error_abort);
    memory_region_add_subregion(&f.root, 0x80000, &rom);
    g_assert_cmpstr(cl.log->str, ==, "+rom@80000/1000ro;");

    /* An overlapping I/O region splits the RAM section. */
    g_string_truncate(cl.log, 0);
    memory_region_init_io(&hole, NULL, &unassigned_io_ops, NULL, "hole",
                          0x1000);
    memory_region_add_subregion_overlap(&f.root, 0x4000, &hole, 1);
    g_assert_cmpstr(cl.log->str, ==,
                    "-ram@0;+ram@0/4000;+hole@4000/1000;+ram@5000/b000;");

    g_string_truncate(cl.log, 0);
    memory_region_add_eventfd(&hole, 0x10, 4, false, 0,
                              (EventNotifier *)&cl);
    g_assert_cmpstr(cl.log->str, ==, "e+4010;");

    memory_listener_unregister(&cl.l);
    g_string_free(cl.log, true);
    fixture_fini(&f);
}

static void test_mtree(void)
{
    MemoryRegion *sys = get_system_memory();
    MemoryRegion ram, alias, rom;
    g_autofree char *text = NULL;
    g_autofree char *flat = NULL;

    memory_region_init_ram(&ram, NULL, "pc.ram", 0x100000, &error_abort);
    memory_region_init_alias(&alias, NULL, "ram-below-4g", &ram, 0, 0x80000);
    memory_region_init_rom(&rom, NULL, "pc.bios", 0x20000, &error_abort);
    memory_region_add_subregion(sys, 0, &alias);
    memory_region_add_subregion_overlap(sys, 0xfffe0000, &rom, 1);

    text = mtree_info_str(false, false, false);
    g_assert_nonnull(strstr(text,
        "address-space: memory\n"
        "  0000000000000000-ffffffffffffffff (prio 0, i/o): system\n"
        "    0000000000000000-000000000007ffff (prio 0, ram): alias "
        "ram-below-4g @pc.ram 0000000000000000-000000000007ffff\n"
        "    00000000fffe0000-00000000ffffffff (prio 1, rom): pc.bios\n"
        "\n"));
    g_assert_nonnull(strstr(text,
        "address-space: I/O\n"
        "  0000000000000000-000000000000ffff (prio 0, i/o): io\n"));
    g_assert_nonnull(strstr(text,
        "memory-region: pc.ram\n"
        "  0000000000000000-00000000000fffff (prio 0, ram): pc.ram\n"));

    flat = mtree_info_str(true, false, false);
    g_assert_nonnull(strstr(flat,
        "  0000000000000000-000000000007ffff (prio 0, ram): pc.ram KVM\n"
        "  00000000fffe0000-00000000ffffffff (prio 1, rom): pc.bios KVM\n"));

    memory_region_del_subregion(sys, &alias);
    memory_region_del_subregion(sys, &rom);
}

static uint32_t pio_val;
static GString *pio_log;

static uint32_t pio_read(void *opaque, uint32_t addr)
{
    g_string_append_printf(pio_log, "in%x;", addr);
    return pio_val;
}

static void pio_write(void *opaque, uint32_t addr, uint32_t data)
{
    g_string_append_printf(pio_log, "out%x=%x;", addr, data);
}

static void test_portio(void)
{
    static const MemoryRegionPortio ports[] = {
        { 0, 2, 1, .read = pio_read, .write = pio_write },
        { 0, 1, 2, .read = pio_read },
        PORTIO_END_OF_LIST(),
    };
    PortioList pl;

    pio_log = g_string_new(NULL);
    portio_list_init(&pl, NULL, ports, NULL, "test-pio");
    portio_list_add(&pl, get_system_io(), 0x70);
    pio_val = 0x5a;
    g_assert_cmpint(cpu_inb(0x71), ==, 0x5a);
    cpu_outb(0x70, 0x8f);
    pio_val = 0x1234;
    g_assert_cmpint(cpu_inw(0x70), ==, 0x1234);
    g_assert_cmpstr(pio_log->str, ==, "in71;out70=8f;in70;");
    /* An unclaimed port reads as all-ones. */
    g_assert_cmpint(cpu_inb(0x80), ==, 0xff);
    g_assert_cmphex(cpu_inl(0x1000), ==, 0xffffffff);
    portio_list_del(&pl);
    g_assert_cmpint(cpu_inb(0x71), ==, 0xff);
    g_string_free(pio_log, true);
}

static int commits;

static void count_commit(MemoryListener *l)
{
    commits++;
}

static void test_transaction_and_romd(void)
{
    Fixture f;
    MemoryRegion a, b, flash;
    LogDev *d = logdev_new();
    MemoryListener l = { .commit = count_commit };
    MemoryRegionSection s;
    static const MemoryRegionOps ops = {
        .read = logdev_read, .write = logdev_write,
        .endianness = DEVICE_LITTLE_ENDIAN,
    };

    fixture_init(&f, 0x100000);
    memory_listener_register(&l, &f.as);
    commits = 0;
    memory_region_init_ram(&a, NULL, "a", 0x1000, &error_abort);
    memory_region_init_ram(&b, NULL, "b", 0x1000, &error_abort);
    memory_region_transaction_begin();
    memory_region_add_subregion(&f.root, 0x1000, &a);
    memory_region_add_subregion(&f.root, 0x2000, &b);
    memory_region_set_enabled(&b, false);
    memory_region_transaction_commit();
    g_assert_cmpint(commits, ==, 1);

    /* find: the region, offset and clipped size at an address. */
    s = memory_region_find(&f.root, 0x1800, 0x1000);
    g_assert(s.mr == &a);
    g_assert_cmphex(s.offset_within_region, ==, 0x800);
    g_assert_cmphex(s.size, ==, 0x800);
    memory_region_unref(s.mr);
    g_assert_false(memory_region_present(&f.root, 0x2000));

    /* ROM device: reads from memory in romd mode, else the callbacks;
     * writes always reach the callbacks. */
    memory_region_init_rom_device(&flash, NULL, &ops, d, "flash", 0x1000,
                                  &error_abort);
    ((uint8_t *)memory_region_get_ram_ptr(&flash))[4] = 0x99;
    memory_region_add_subregion(&f.root, 0x10000, &flash);
    g_assert_cmpint(rd8(&f.as, 0x10004), ==, 0x99);
    wr8(&f.as, 0x10004, 0x11);
    g_assert_cmpstr(d->log->str, ==, "w1@4=11;");
    g_assert_cmpint(rd8(&f.as, 0x10004), ==, 0x99);
    memory_region_rom_device_set_romd(&flash, false);
    g_assert_cmpint(rd8(&f.as, 0x10004), ==, 4);
    memory_listener_unregister(&l);
    fixture_fini(&f);
    logdev_free(d);
}

static void test_cache(void)
{
    Fixture f;
    MemoryRegion ram;
    MemoryRegionCache c;
    MemTxResult r;

    fixture_init(&f, 0x100000);
    memory_region_init_ram(&ram, NULL, "ram", 0x1000, &error_abort);
    memory_region_add_subregion(&f.root, 0, &ram);
    /* Ranges not fully backed are refused. */
    g_assert_cmpint(address_space_cache_init(&c, &f.as, 0xf00, 0x200, false),
                    ==, -EINVAL);
    g_assert_cmpint(address_space_cache_init(&c, &f.as, 0x100, 0x10, true),
                    ==, 0x10);
    address_space_stl_le_cached(&c, 4, 0xdeadbeef, MEMTXATTRS_UNSPECIFIED,
                                &r);
    g_assert_cmpint(r, ==, MEMTX_OK);
    g_assert_cmphex(ldl_le_phys(&f.as, 0x104), ==, 0xdeadbeef);
    /* Outside the cached window: an error, not an access elsewhere. */
    address_space_stl_le_cached(&c, 0xe, 1, MEMTXATTRS_UNSPECIFIED, &r);
    g_assert_cmpint(r, ==, MEMTX_DECODE_ERROR);
    g_assert_cmphex(ldl_le_phys(&f.as, 0x10e), ==, 0);
    address_space_cache_destroy(&c);
    fixture_fini(&f);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    module_call_init(MODULE_INIT_QOM);
    g_test_add_func("/memory/ram-priority", test_ram_rw_and_priority);
    g_test_add_func("/memory/alias-container", test_alias_and_container);
    g_test_add_func("/memory/disabled", test_disabled);
    g_test_add_func("/memory/io-split", test_io_split);
    g_test_add_func("/memory/valid-unassigned", test_valid_and_unassigned);
    g_test_add_func("/memory/big-endian", test_big_endian);
    g_test_add_func("/memory/rom-map", test_rom_and_map);
    g_test_add_func("/memory/listener", test_listener);
    g_test_add_func("/memory/mtree", test_mtree);
    g_test_add_func("/memory/portio", test_portio);
    g_test_add_func("/memory/transaction-romd", test_transaction_and_romd);
    g_test_add_func("/memory/cache", test_cache);
    return g_test_run();
}
