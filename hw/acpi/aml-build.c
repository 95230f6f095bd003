/*
 * AML byte-code builder (ACPI 6.x, chapter 20) and the generic table
 * helpers: header, RSDP/RSDT/XSDT.
 */
#include "qemu/osdep.h"
#include "qemu/bswap.h"
#include "hw/acpi/aml-build.h"

static GPtrArray *alloc_list;

static Aml *aml_alloc(void)
{
    Aml *var = g_new0(Aml, 1);

    g_ptr_array_add(alloc_list, var);
    var->block_flags = AML_NO_OPCODE;
    var->buf = g_array_new(false, false, 1);
    return var;
}

static void aml_free(gpointer data)
{
    Aml *var = data;

    g_array_free(var->buf, true);
    g_free(var);
}

Aml *init_aml_allocator(void)
{
    assert(!alloc_list);
    alloc_list = g_ptr_array_new_with_free_func(aml_free);
    return aml_alloc();
}

void free_aml_allocator(void)
{
    g_ptr_array_free(alloc_list, true);
    alloc_list = NULL;
}

static Aml *aml_opcode(uint8_t op)
{
    Aml *var = aml_alloc();

    var->op = op;
    var->block_flags = AML_OPCODE;
    return var;
}

static Aml *aml_bundle(uint8_t op, AmlBlockFlags flags)
{
    Aml *var = aml_alloc();

    var->op = op;
    var->block_flags = flags;
    return var;
}

/* ---- Encoding primitives ---- */

static void build_append_byte(GArray *array, uint8_t val)
{
    g_array_append_val(array, val);
}

static void build_append_array(GArray *array, GArray *val)
{
    g_array_append_vals(array, val->data, val->len);
}

static void build_prepend_byte(GArray *array, uint8_t val)
{
    g_array_prepend_val(array, val);
}

/* PkgLength covers itself plus @package's current bytes. */
static void build_prepend_package_length(GArray *package, unsigned length,
                                         bool incl_self)
{
    uint8_t bytes[4];
    unsigned nbytes, i;

    if (incl_self) {
        if (length + 1 < (1 << 6)) {
            nbytes = 1;
        } else if (length + 2 < (1 << 12)) {
            nbytes = 2;
        } else if (length + 3 < (1 << 20)) {
            nbytes = 3;
        } else {
            nbytes = 4;
        }
        length += nbytes;
    } else {
        nbytes = length < (1 << 6) ? 1 : length < (1 << 12) ? 2 :
                 length < (1 << 20) ? 3 : 4;
    }
    if (nbytes == 1) {
        bytes[0] = length;
    } else {
        /* Lead byte: count of following bytes, then the low nibble. */
        bytes[0] = ((nbytes - 1) << 6) | (length & 0xf);
        for (i = 1; i < nbytes; i++) {
            bytes[i] = length >> (4 + 8 * (i - 1));
        }
    }
    g_array_prepend_vals(package, bytes, nbytes);
}

static void build_package(GArray *package, uint8_t op)
{
    build_prepend_package_length(package, package->len, true);
    build_prepend_byte(package, op);
}

static void build_extop_package(GArray *package, uint8_t op)
{
    build_package(package, op);
    build_prepend_byte(package, 0x5b);  /* ExtOpPrefix */
}

void build_append_int_noprefix(GArray *table, uint64_t value, int size)
{
    int i;

    for (i = 0; i < size; i++) {
        build_append_byte(table, value & 0xff);
        value >>= 8;
    }
}

static void build_append_int(GArray *table, uint64_t value)
{
    if (value == 0x00) {
        build_append_byte(table, 0x00);     /* ZeroOp */
    } else if (value == 0x01) {
        build_append_byte(table, 0x01);     /* OneOp */
    } else if (value <= 0xff) {
        build_append_byte(table, 0x0a);     /* BytePrefix */
        build_append_int_noprefix(table, value, 1);
    } else if (value <= 0xffff) {
        build_append_byte(table, 0x0b);     /* WordPrefix */
        build_append_int_noprefix(table, value, 2);
    } else if (value <= 0xffffffff) {
        build_append_byte(table, 0x0c);     /* DWordPrefix */
        build_append_int_noprefix(table, value, 4);
    } else {
        build_append_byte(table, 0x0e);     /* QWordPrefix */
        build_append_int_noprefix(table, value, 8);
    }
}

static void build_append_nameseg(GArray *array, const char *seg, int len)
{
    int i;

    assert(len > 0 && len <= 4);
    g_array_append_vals(array, seg, len);
    for (i = len; i < 4; i++) {
        build_append_byte(array, '_');
    }
}

/* NameString: optional root/parent prefixes, then dotted segments. */
static void build_append_namestring(GArray *array, const char *s)
{
    gchar **segs;
    int n, i;

    while (*s == '\\' || *s == '^') {
        build_append_byte(array, *s);
        s++;
    }
    if (!*s) {
        build_append_byte(array, 0x00);     /* NullName */
        return;
    }
    segs = g_strsplit(s, ".", 0);
    n = g_strv_length(segs);
    if (n == 2) {
        build_append_byte(array, 0x2e);     /* DualNamePrefix */
    } else if (n > 2) {
        build_append_byte(array, 0x2f);     /* MultiNamePrefix */
        build_append_byte(array, n);
    }
    for (i = 0; i < n; i++) {
        build_append_nameseg(array, segs[i], strlen(segs[i]));
    }
    g_strfreev(segs);
}

static void build_append_namestringv(GArray *array, const char *format,
                                     va_list ap)
{
    g_autofree char *s = g_strdup_vprintf(format, ap);

    build_append_namestring(array, s);
}

void aml_append(Aml *parent_ctx, Aml *child)
{
    GArray *buf = g_array_new(false, false, 1);

    build_append_array(buf, child->buf);
    switch (child->block_flags) {
    case AML_OPCODE:
        build_prepend_byte(buf, child->op);
        break;
    case AML_EXT_PACKAGE:
        build_extop_package(buf, child->op);
        break;
    case AML_PACKAGE:
        build_package(buf, child->op);
        break;
    case AML_RES_TEMPLATE:
        build_append_byte(buf, 0x79);       /* EndTag */
        /* Checksum 0 means "treat the template as correct". */
        build_append_byte(buf, 0);
        /* fall through */
    case AML_BUFFER: {
        GArray *size = g_array_new(false, false, 1);

        build_append_int(size, buf->len);
        g_array_prepend_vals(buf, size->data, size->len);
        g_array_free(size, true);
        build_package(buf, child->op);
        break;
    }
    case AML_NO_OPCODE:
        break;
    }
    build_append_array(parent_ctx->buf, buf);
    g_array_free(buf, true);
}

/* ---- Data objects ---- */

Aml *aml_int(const uint64_t val)
{
    Aml *var = aml_alloc();

    build_append_int(var->buf, val);
    return var;
}

Aml *aml_zero(void)
{
    return aml_int(0);
}

Aml *aml_one(void)
{
    return aml_int(1);
}

Aml *aml_string(const char *name_format, ...)
{
    Aml *var = aml_opcode(0x0d);    /* StringPrefix */
    g_autofree char *s = NULL;
    va_list ap;

    va_start(ap, name_format);
    s = g_strdup_vprintf(name_format, ap);
    va_end(ap);
    g_array_append_vals(var->buf, s, strlen(s) + 1);
    return var;
}

Aml *aml_name(const char *name_format, ...)
{
    Aml *var = aml_alloc();
    va_list ap;

    va_start(ap, name_format);
    build_append_namestringv(var->buf, name_format, ap);
    va_end(ap);
    return var;
}

Aml *aml_name_decl(const char *name, Aml *val)
{
    Aml *var = aml_opcode(0x08);    /* NameOp */

    build_append_namestring(var->buf, name);
    aml_append(var, val);
    return var;
}

/* EISA ID "PNP0A03" compressed into a 32-bit integer. */
Aml *aml_eisaid(const char *str)
{
    Aml *var = aml_alloc();
    uint32_t id;

    assert(strlen(str) == 7);
    id = ((str[0] - 0x40) & 0x1f) << 26 |
         ((str[1] - 0x40) & 0x1f) << 21 |
         ((str[2] - 0x40) & 0x1f) << 16 |
         g_ascii_xdigit_value(str[3]) << 12 |
         g_ascii_xdigit_value(str[4]) << 8 |
         g_ascii_xdigit_value(str[5]) << 4 |
         g_ascii_xdigit_value(str[6]);
    build_append_byte(var->buf, 0x0c);  /* DWordPrefix */
    build_append_int_noprefix(var->buf, bswap32(id), 4);
    return var;
}

Aml *aml_local(int num)
{
    Aml *var = aml_alloc();

    assert(num >= 0 && num <= 7);
    build_append_byte(var->buf, 0x60 + num);
    return var;
}

Aml *aml_arg(int pos)
{
    Aml *var = aml_alloc();

    assert(pos >= 0 && pos <= 6);
    build_append_byte(var->buf, 0x68 + pos);
    return var;
}

Aml *aml_buffer(int buffer_size, uint8_t *byte_list)
{
    Aml *var = aml_bundle(0x11, AML_BUFFER);

    if (byte_list) {
        g_array_append_vals(var->buf, byte_list, buffer_size);
    } else {
        g_array_set_size(var->buf, buffer_size);
        memset(var->buf->data, 0, buffer_size);
    }
    return var;
}

Aml *aml_package(uint8_t num_elements)
{
    Aml *var = aml_bundle(0x12, AML_PACKAGE);

    build_append_byte(var->buf, num_elements);
    return var;
}

/* ---- Named objects ---- */

Aml *aml_scope(const char *name_format, ...)
{
    Aml *var = aml_bundle(0x10, AML_PACKAGE);
    va_list ap;

    va_start(ap, name_format);
    build_append_namestringv(var->buf, name_format, ap);
    va_end(ap);
    return var;
}

Aml *aml_device(const char *name_format, ...)
{
    Aml *var = aml_bundle(0x82, AML_EXT_PACKAGE);
    va_list ap;

    va_start(ap, name_format);
    build_append_namestringv(var->buf, name_format, ap);
    va_end(ap);
    return var;
}

Aml *aml_method(const char *name, int arg_count, AmlSerializeFlag sflag)
{
    Aml *var = aml_bundle(0x14, AML_PACKAGE);

    assert(arg_count >= 0 && arg_count <= 7);
    build_append_namestring(var->buf, name);
    build_append_byte(var->buf, arg_count | (sflag << 3));
    return var;
}

Aml *aml_processor(uint8_t proc_id, uint32_t pblk_addr, uint8_t pblk_len,
                   const char *name_format, ...)
{
    Aml *var = aml_bundle(0x83, AML_EXT_PACKAGE);
    va_list ap;

    va_start(ap, name_format);
    build_append_namestringv(var->buf, name_format, ap);
    va_end(ap);
    build_append_byte(var->buf, proc_id);
    build_append_int_noprefix(var->buf, pblk_addr, 4);
    build_append_byte(var->buf, pblk_len);
    return var;
}

Aml *aml_operation_region(const char *name, AmlRegionSpace rs,
                          Aml *offset, uint32_t len)
{
    Aml *var = aml_alloc();

    build_append_byte(var->buf, 0x5b);
    build_append_byte(var->buf, 0x80);  /* OpRegionOp */
    build_append_namestring(var->buf, name);
    build_append_byte(var->buf, rs);
    build_append_array(var->buf, offset->buf);
    build_append_int(var->buf, len);
    return var;
}

Aml *aml_field(const char *name, AmlAccessType type, AmlLockRule lock,
               AmlUpdateRule rule)
{
    Aml *var = aml_bundle(0x81, AML_EXT_PACKAGE);

    build_append_namestring(var->buf, name);
    build_append_byte(var->buf, type | (lock << 4) | (rule << 5));
    return var;
}

/* FieldElement lengths use the PkgLength encoding without itself. */
static Aml *field_element(const char *name, unsigned length)
{
    Aml *var = aml_alloc();
    GArray *len = g_array_new(false, false, 1);

    if (name) {
        build_append_nameseg(var->buf, name, strlen(name));
    } else {
        build_append_byte(var->buf, 0x00);  /* ReservedField */
    }
    build_prepend_package_length(len, length, false);
    build_append_array(var->buf, len);
    g_array_free(len, true);
    return var;
}

Aml *aml_named_field(const char *name, unsigned length)
{
    return field_element(name, length);
}

Aml *aml_reserved_field(unsigned length)
{
    return field_element(NULL, length);
}

Aml *aml_create_dword_field(Aml *srcbuf, Aml *index, const char *name)
{
    Aml *var = aml_opcode(0x8a);    /* CreateDWordFieldOp */

    build_append_array(var->buf, srcbuf->buf);
    build_append_array(var->buf, index->buf);
    build_append_namestring(var->buf, name);
    return var;
}

/* ---- Statements and expressions ---- */

Aml *aml_return(Aml *val)
{
    Aml *var = aml_opcode(0xa4);

    aml_append(var, val);
    return var;
}

Aml *aml_store(Aml *val, Aml *target)
{
    Aml *var = aml_opcode(0x70);

    aml_append(var, val);
    aml_append(var, target);
    return var;
}

Aml *aml_if(Aml *predicate)
{
    Aml *var = aml_bundle(0xa0, AML_PACKAGE);

    aml_append(var, predicate);
    return var;
}

Aml *aml_else(void)
{
    return aml_bundle(0xa1, AML_PACKAGE);
}

static Aml *aml_binary(uint8_t op, Aml *arg1, Aml *arg2)
{
    Aml *var = aml_opcode(op);

    aml_append(var, arg1);
    aml_append(var, arg2);
    return var;
}

/* Operators with a Target: NullName when there is none. */
static Aml *aml_binary_target(uint8_t op, Aml *arg1, Aml *arg2, Aml *dst)
{
    Aml *var = aml_binary(op, arg1, arg2);

    if (dst) {
        aml_append(var, dst);
    } else {
        build_append_byte(var->buf, 0x00);
    }
    return var;
}

Aml *aml_equal(Aml *arg1, Aml *arg2)
{
    return aml_binary(0x93, arg1, arg2);
}

Aml *aml_lless(Aml *arg1, Aml *arg2)
{
    return aml_binary(0x95, arg1, arg2);
}

Aml *aml_land(Aml *arg1, Aml *arg2)
{
    return aml_binary(0x90, arg1, arg2);
}

Aml *aml_lnot(Aml *arg)
{
    Aml *var = aml_opcode(0x92);

    aml_append(var, arg);
    return var;
}

Aml *aml_and(Aml *arg1, Aml *arg2, Aml *dst)
{
    return aml_binary_target(0x7b, arg1, arg2, dst);
}

Aml *aml_or(Aml *arg1, Aml *arg2, Aml *dst)
{
    return aml_binary_target(0x7d, arg1, arg2, dst);
}

Aml *aml_call1(const char *method, Aml *arg1)
{
    Aml *var = aml_alloc();

    build_append_namestring(var->buf, method);
    aml_append(var, arg1);
    return var;
}

Aml *aml_call0(const char *method)
{
    Aml *var = aml_alloc();

    build_append_namestring(var->buf, method);
    return var;
}

Aml *aml_call2(const char *method, Aml *arg1, Aml *arg2)
{
    Aml *var = aml_call1(method, arg1);

    aml_append(var, arg2);
    return var;
}

Aml *aml_shiftleft(Aml *arg1, Aml *count)
{
    return aml_binary_target(0x79, arg1, count, NULL);
}

Aml *aml_notify(Aml *arg1, Aml *arg2)
{
    return aml_binary(0x86, arg1, arg2);
}

/* Mutex(name, SyncLevel): ExtOpPrefix 0x01, NameString, SyncFlags. */
Aml *aml_mutex(const char *name, uint8_t sync_level)
{
    Aml *var = aml_alloc();

    assert(sync_level <= 15);
    build_append_byte(var->buf, 0x5b);
    build_append_byte(var->buf, 0x01);
    build_append_namestring(var->buf, name);
    build_append_byte(var->buf, sync_level);
    return var;
}

/* Acquire(mutex, timeout): the timeout is a raw WordData. */
Aml *aml_acquire(Aml *mutex, uint16_t timeout)
{
    Aml *var = aml_alloc();

    build_append_byte(var->buf, 0x5b);
    build_append_byte(var->buf, 0x23);
    aml_append(var, mutex);
    build_append_int_noprefix(var->buf, timeout, 2);
    return var;
}

Aml *aml_release(Aml *mutex)
{
    Aml *var = aml_alloc();

    build_append_byte(var->buf, 0x5b);
    build_append_byte(var->buf, 0x27);
    aml_append(var, mutex);
    return var;
}

/* ---- Resource descriptors (ACPI 6.x section 6.4) ---- */

Aml *aml_resource_template(void)
{
    return aml_bundle(0x11, AML_RES_TEMPLATE);
}

Aml *aml_io(AmlIODecode dec, uint16_t min_base, uint16_t max_base,
            uint8_t aln, uint8_t len)
{
    Aml *var = aml_alloc();

    build_append_byte(var->buf, 0x47);  /* IO port descriptor */
    build_append_byte(var->buf, dec);
    build_append_int_noprefix(var->buf, min_base, 2);
    build_append_int_noprefix(var->buf, max_base, 2);
    build_append_byte(var->buf, aln);
    build_append_byte(var->buf, len);
    return var;
}

/* Memory32Fixed: a large resource item, 9 bytes of body. */
Aml *aml_memory32_fixed(uint32_t addr, uint32_t size,
                        AmlReadAndWrite read_and_write)
{
    Aml *var = aml_alloc();

    build_append_byte(var->buf, 0x86);
    build_append_int_noprefix(var->buf, 9, 2);
    build_append_byte(var->buf, read_and_write);
    build_append_int_noprefix(var->buf, addr, 4);
    build_append_int_noprefix(var->buf, size, 4);
    return var;
}

Aml *aml_irq_no_flags(uint8_t irq)
{
    Aml *var = aml_alloc();

    assert(irq < 16);
    build_append_byte(var->buf, 0x22);  /* IRQ descriptor, 2 bytes */
    build_append_int_noprefix(var->buf, 1u << irq, 2);
    return var;
}

Aml *aml_interrupt(AmlConsumerAndProducer con_and_pro,
                   AmlLevelAndEdge level_and_edge,
                   AmlActiveHighAndLow high_and_low, AmlShared shared,
                   uint32_t *irq_list, uint8_t irq_count)
{
    Aml *var = aml_alloc();
    uint8_t flags = con_and_pro | (level_and_edge << 1) |
                    (high_and_low << 2) | (shared << 3);
    int i;

    assert(irq_count > 0);
    build_append_byte(var->buf, 0x89);  /* Extended Interrupt */
    build_append_int_noprefix(var->buf, 2 + 4 * irq_count, 2);
    build_append_byte(var->buf, flags);
    build_append_byte(var->buf, irq_count);
    for (i = 0; i < irq_count; i++) {
        build_append_int_noprefix(var->buf, irq_list[i], 4);
    }
    return var;
}

/* Address space descriptor header shared by Word/DWord/QWord forms. */
static Aml *aml_as_desc_header(uint8_t desc, uint16_t len, uint8_t type,
                               AmlMinFixed min_fixed, AmlMaxFixed max_fixed,
                               AmlDecode dec, uint8_t type_flags)
{
    Aml *var = aml_alloc();
    uint8_t flags = max_fixed << 3 | min_fixed << 2 | dec << 1;

    build_append_byte(var->buf, desc);
    build_append_int_noprefix(var->buf, len, 2);
    build_append_byte(var->buf, type);
    build_append_byte(var->buf, flags);
    build_append_byte(var->buf, type_flags);
    return var;
}

static Aml *aml_as_desc(uint8_t desc, int size, uint8_t type,
                        AmlMinFixed min_fixed, AmlMaxFixed max_fixed,
                        AmlDecode dec, uint8_t type_flags, uint64_t gran,
                        uint64_t min, uint64_t max, uint64_t trans,
                        uint64_t len)
{
    Aml *var = aml_as_desc_header(desc, 3 + 5 * size, type, min_fixed,
                                  max_fixed, dec, type_flags);

    build_append_int_noprefix(var->buf, gran, size);
    build_append_int_noprefix(var->buf, min, size);
    build_append_int_noprefix(var->buf, max, size);
    build_append_int_noprefix(var->buf, trans, size);
    build_append_int_noprefix(var->buf, len, size);
    return var;
}

Aml *aml_word_bus_number(AmlMinFixed min_fixed, AmlMaxFixed max_fixed,
                         AmlDecode dec, uint16_t addr_gran,
                         uint16_t addr_min, uint16_t addr_max,
                         uint16_t addr_trans, uint16_t len)
{
    return aml_as_desc(0x88, 2, 2, min_fixed, max_fixed, dec, 0, addr_gran,
                       addr_min, addr_max, addr_trans, len);
}

Aml *aml_word_io(AmlMinFixed min_fixed, AmlMaxFixed max_fixed,
                 AmlDecode dec, AmlISARanges isa_ranges,
                 uint16_t addr_gran, uint16_t addr_min,
                 uint16_t addr_max, uint16_t addr_trans, uint16_t len)
{
    return aml_as_desc(0x88, 2, 1, min_fixed, max_fixed, dec, isa_ranges,
                       addr_gran, addr_min, addr_max, addr_trans, len);
}

Aml *aml_dword_memory(AmlDecode dec, AmlMinFixed min_fixed,
                      AmlMaxFixed max_fixed, AmlCacheable cacheable,
                      AmlReadAndWrite read_and_write,
                      uint32_t addr_gran, uint32_t addr_min,
                      uint32_t addr_max, uint32_t addr_trans, uint32_t len)
{
    return aml_as_desc(0x87, 4, 0, min_fixed, max_fixed, dec,
                       cacheable << 1 | read_and_write, addr_gran,
                       addr_min, addr_max, addr_trans, len);
}

Aml *aml_qword_memory(AmlDecode dec, AmlMinFixed min_fixed,
                      AmlMaxFixed max_fixed, AmlCacheable cacheable,
                      AmlReadAndWrite read_and_write,
                      uint64_t addr_gran, uint64_t addr_min,
                      uint64_t addr_max, uint64_t addr_trans, uint64_t len)
{
    return aml_as_desc(0x8a, 8, 0, min_fixed, max_fixed, dec,
                       cacheable << 1 | read_and_write, addr_gran,
                       addr_min, addr_max, addr_trans, len);
}

/* ---- Tables ---- */

uint8_t acpi_checksum(const uint8_t *data, size_t len)
{
    uint8_t sum = 0;
    size_t i;

    for (i = 0; i < len; i++) {
        sum += data[i];
    }
    return -sum;
}

void acpi_build_tables_init(AcpiBuildTables *tables)
{
    tables->rsdp = g_array_new(false, true, 1);
    tables->table_data = g_array_new(false, true, 1);
    tables->linker = bios_linker_loader_init();
}

void acpi_build_tables_cleanup(AcpiBuildTables *tables, bool mfre)
{
    bios_linker_loader_cleanup(tables->linker);
    g_array_free(tables->rsdp, mfre);
    g_array_free(tables->table_data, true);
}

unsigned acpi_data_len(GArray *table)
{
    return table->len;
}

void acpi_add_table(GArray *table_offsets, GArray *table_data)
{
    uint32_t offset = table_data->len;

    g_array_append_val(table_offsets, offset);
}

static void build_append_padded_str(GArray *array, const char *str,
                                    size_t maxlen, char pad)
{
    size_t len = str ? strlen(str) : 0;
    size_t i;

    for (i = 0; i < maxlen; i++) {
        build_append_byte(array, i < len ? str[i] : pad);
    }
}

void acpi_table_begin(AcpiTable *desc, GArray *array)
{
    desc->array = array;
    desc->table_offset = array->len;

    /* Length and checksum are filled in by acpi_table_end(). */
    assert(strlen(desc->sig) == 4);
    g_array_append_vals(array, desc->sig, 4);
    build_append_int_noprefix(array, 0, 4);             /* Length */
    build_append_int_noprefix(array, desc->rev, 1);     /* Revision */
    build_append_int_noprefix(array, 0, 1);             /* Checksum */
    build_append_padded_str(array, desc->oem_id, 6, ' ');
    build_append_padded_str(array, desc->oem_table_id, 8, ' ');
    build_append_int_noprefix(array, 1, 4);             /* OEM Revision */
    g_array_append_vals(array, ACPI_BUILD_APPNAME8, 4); /* Creator ID */
    build_append_int_noprefix(array, 1, 4);             /* Creator Rev */
}

void acpi_table_end(BIOSLinker *linker, AcpiTable *desc)
{
    uint32_t len = desc->array->len - desc->table_offset;
    uint8_t *hdr = (uint8_t *)desc->array->data + desc->table_offset;

    stl_le_p(hdr + 4, len);
    bios_linker_loader_add_checksum(linker, ACPI_BUILD_TABLE_FILE,
                                    desc->table_offset, len,
                                    desc->table_offset + 9);
    /*
     * Also valid before pointer patching; the loader recomputes it (it
     * subtracts the sum, so any starting value works).
     */
    hdr[9] = acpi_checksum(hdr, len);
}

void build_append_gas(GArray *table, uint8_t as_id, uint8_t bit_width,
                      uint8_t bit_offset, uint8_t access_width,
                      uint64_t address)
{
    build_append_int_noprefix(table, as_id, 1);
    build_append_int_noprefix(table, bit_width, 1);
    build_append_int_noprefix(table, bit_offset, 1);
    build_append_int_noprefix(table, access_width, 1);
    build_append_int_noprefix(table, address, 8);
}

static void build_sdt(GArray *table_data, BIOSLinker *linker,
                      GArray *table_offsets, const char *sig, int entry_size,
                      const char *oem_id, const char *oem_table_id)
{
    AcpiTable table = { .sig = sig, .rev = 1, .oem_id = oem_id,
                        .oem_table_id = oem_table_id };
    int i;

    acpi_table_begin(&table, table_data);
    for (i = 0; i < table_offsets->len; i++) {
        uint32_t ref = g_array_index(table_offsets, uint32_t, i);
        uint32_t at = table_data->len;

        build_append_int_noprefix(table_data, 0, entry_size);
        bios_linker_loader_add_pointer(linker, ACPI_BUILD_TABLE_FILE, at,
                                       entry_size, ACPI_BUILD_TABLE_FILE,
                                       ref);
    }
    acpi_table_end(linker, &table);
}

void build_rsdt(GArray *table_data, BIOSLinker *linker, GArray *table_offsets,
                const char *oem_id, const char *oem_table_id)
{
    build_sdt(table_data, linker, table_offsets, "RSDT", 4, oem_id,
              oem_table_id);
}

void build_xsdt(GArray *table_data, BIOSLinker *linker, GArray *table_offsets,
                const char *oem_id, const char *oem_table_id)
{
    build_sdt(table_data, linker, table_offsets, "XSDT", 8, oem_id,
              oem_table_id);
}

void build_rsdp(GArray *tbl, BIOSLinker *linker, AcpiRsdpData *rsdp_data)
{
    int tbl_off = tbl->len;
    int len = rsdp_data->revision >= 2 ? 36 : 20;

    bios_linker_loader_alloc(linker, ACPI_BUILD_RSDP_FILE, tbl, 16, true);
    g_array_append_vals(tbl, "RSD PTR ", 8);
    build_append_int_noprefix(tbl, 0, 1);           /* Checksum */
    g_array_append_vals(tbl, rsdp_data->oem_id, 6);
    build_append_int_noprefix(tbl, rsdp_data->revision, 1);
    build_append_int_noprefix(tbl, 0, 4);           /* RsdtAddress */
    if (rsdp_data->rsdt_tbl_offset) {
        bios_linker_loader_add_pointer(linker, ACPI_BUILD_RSDP_FILE,
                                       tbl_off + 16, 4, ACPI_BUILD_TABLE_FILE,
                                       *rsdp_data->rsdt_tbl_offset);
    }
    if (rsdp_data->revision >= 2) {
        build_append_int_noprefix(tbl, 36, 4);      /* Length */
        build_append_int_noprefix(tbl, 0, 8);       /* XsdtAddress */
        if (rsdp_data->xsdt_tbl_offset) {
            bios_linker_loader_add_pointer(linker, ACPI_BUILD_RSDP_FILE,
                                           tbl_off + 24, 8,
                                           ACPI_BUILD_TABLE_FILE,
                                           *rsdp_data->xsdt_tbl_offset);
        }
        build_append_int_noprefix(tbl, 0, 1);       /* Extended Checksum */
        build_append_int_noprefix(tbl, 0, 3);       /* Reserved */
    }
    /* The v1 checksum covers the first 20 bytes. */
    bios_linker_loader_add_checksum(linker, ACPI_BUILD_RSDP_FILE, tbl_off, 20,
                                    tbl_off + 8);
    if (len > 20) {
        bios_linker_loader_add_checksum(linker, ACPI_BUILD_RSDP_FILE, tbl_off,
                                        len, tbl_off + 32);
    }
}
