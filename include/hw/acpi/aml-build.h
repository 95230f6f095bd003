/*
 * AML (ACPI Machine Language) builder and ACPI table helpers.
 *
 * Aml objects are byte strings plus a note on how they are wrapped when
 * appended to their parent (opcode, PkgLength, buffer size...).  All of
 * them live until free_aml_allocator().
 */
#ifndef HW_ACPI_AML_BUILD_H
#define HW_ACPI_AML_BUILD_H

#include "hw/acpi/bios-linker-loader.h"

#define ACPI_BUILD_APPNAME6 "BOCHS "
#define ACPI_BUILD_APPNAME8 "BXPC    "
#define ACPI_BUILD_TABLE_FILE "etc/acpi/tables"
#define ACPI_BUILD_RSDP_FILE "etc/acpi/rsdp"
#define ACPI_BUILD_LOADER_FILE "etc/table-loader"

typedef enum {
    AML_NO_OPCODE = 0,  /* append the bytes as they are */
    AML_OPCODE,         /* opcode, then the bytes */
    AML_EXT_PACKAGE,    /* ExtOpPrefix, opcode, PkgLength, bytes */
    AML_PACKAGE,        /* opcode, PkgLength, bytes */
    AML_BUFFER,         /* BufferOp, PkgLength, BufferSize, bytes */
    AML_RES_TEMPLATE,   /* like AML_BUFFER with an EndTag added */
} AmlBlockFlags;

typedef struct Aml {
    GArray *buf;
    uint8_t op;
    AmlBlockFlags block_flags;
} Aml;

typedef enum {
    AML_NOTSERIALIZED = 0,
    AML_SERIALIZED = 1,
} AmlSerializeFlag;

typedef enum {
    AML_DECODE10 = 0,
    AML_DECODE16 = 1,
} AmlIODecode;

typedef enum {
    AML_ANY_ACC = 0,
    AML_BYTE_ACC = 1,
    AML_WORD_ACC = 2,
    AML_DWORD_ACC = 3,
    AML_QWORD_ACC = 4,
    AML_BUFFER_ACC = 5,
} AmlAccessType;

typedef enum {
    AML_NOLOCK = 0,
    AML_LOCK = 1,
} AmlLockRule;

typedef enum {
    AML_PRESERVE = 0,
    AML_WRITE_AS_ONES = 1,
    AML_WRITE_AS_ZEROS = 2,
} AmlUpdateRule;

typedef enum {
    AML_SYSTEM_MEMORY = 0,
    AML_SYSTEM_IO = 1,
    AML_PCI_CONFIG = 2,
} AmlRegionSpace;

typedef enum {
    AML_CONSUMER_PRODUCER = 0,
    AML_CONSUMER = 1,
} AmlConsumerAndProducer;

typedef enum {
    AML_POS_DECODE = 0,
    AML_SUB_DECODE = 1,
} AmlDecode;

typedef enum {
    AML_MAX_NOT_FIXED = 0,
    AML_MAX_FIXED = 1,
} AmlMaxFixed;

typedef enum {
    AML_MIN_NOT_FIXED = 0,
    AML_MIN_FIXED = 1,
} AmlMinFixed;

typedef enum {
    AML_NON_CACHEABLE = 0,
    AML_CACHEABLE = 1,
    AML_WRITE_COMBINING = 2,
    AML_PREFETCHABLE = 3,
} AmlCacheable;

typedef enum {
    AML_READ_ONLY = 0,
    AML_READ_WRITE = 1,
} AmlReadAndWrite;

typedef enum {
    AML_ISA_ONLY = 1,
    AML_NON_ISA_ONLY = 2,
    AML_ENTIRE_RANGE = 3,
} AmlISARanges;

typedef enum {
    AML_EDGE = 1,
    AML_LEVEL = 0,
} AmlLevelAndEdge;

typedef enum {
    AML_ACTIVE_HIGH = 0,
    AML_ACTIVE_LOW = 1,
} AmlActiveHighAndLow;

typedef enum {
    AML_EXCLUSIVE = 0,
    AML_SHARED = 1,
} AmlShared;

/* Allocation of Aml objects: everything is freed at once. */
Aml *init_aml_allocator(void);
void free_aml_allocator(void);
void aml_append(Aml *parent_ctx, Aml *child);

/* Data and names */
Aml *aml_int(const uint64_t val);
Aml *aml_string(const char *name_format, ...) G_GNUC_PRINTF(1, 2);
Aml *aml_name(const char *name_format, ...) G_GNUC_PRINTF(1, 2);
Aml *aml_name_decl(const char *name, Aml *val);
Aml *aml_eisaid(const char *str);
Aml *aml_local(int num);
Aml *aml_arg(int pos);
Aml *aml_zero(void);
Aml *aml_one(void);
Aml *aml_buffer(int buffer_size, uint8_t *byte_list);
Aml *aml_package(uint8_t num_elements);

/* Named objects and blocks */
Aml *aml_scope(const char *name_format, ...) G_GNUC_PRINTF(1, 2);
Aml *aml_device(const char *name_format, ...) G_GNUC_PRINTF(1, 2);
Aml *aml_method(const char *name, int arg_count, AmlSerializeFlag sflag);
Aml *aml_processor(uint8_t proc_id, uint32_t pblk_addr, uint8_t pblk_len,
                   const char *name_format, ...) G_GNUC_PRINTF(4, 5);
Aml *aml_operation_region(const char *name, AmlRegionSpace rs,
                          Aml *offset, uint32_t len);
Aml *aml_field(const char *name, AmlAccessType type, AmlLockRule lock,
               AmlUpdateRule rule);
Aml *aml_named_field(const char *name, unsigned length);
Aml *aml_reserved_field(unsigned length);
Aml *aml_create_dword_field(Aml *srcbuf, Aml *index, const char *name);

/* Statements and expressions */
Aml *aml_return(Aml *val);
Aml *aml_store(Aml *val, Aml *target);
Aml *aml_if(Aml *predicate);
Aml *aml_else(void);
Aml *aml_equal(Aml *arg1, Aml *arg2);
Aml *aml_lless(Aml *arg1, Aml *arg2);
Aml *aml_land(Aml *arg1, Aml *arg2);
Aml *aml_lnot(Aml *arg);
Aml *aml_and(Aml *arg1, Aml *arg2, Aml *dst);
Aml *aml_or(Aml *arg1, Aml *arg2, Aml *dst);
Aml *aml_call1(const char *method, Aml *arg1);
Aml *aml_call0(const char *method);
Aml *aml_call2(const char *method, Aml *arg1, Aml *arg2);
Aml *aml_shiftleft(Aml *arg1, Aml *count);
Aml *aml_notify(Aml *arg1, Aml *arg2);
Aml *aml_mutex(const char *name, uint8_t sync_level);
Aml *aml_acquire(Aml *mutex, uint16_t timeout);
Aml *aml_release(Aml *mutex);

/* Resource descriptors */
Aml *aml_resource_template(void);
Aml *aml_io(AmlIODecode dec, uint16_t min_base, uint16_t max_base,
            uint8_t aln, uint8_t len);
Aml *aml_irq_no_flags(uint8_t irq);
Aml *aml_memory32_fixed(uint32_t addr, uint32_t size,
                        AmlReadAndWrite read_and_write);
Aml *aml_interrupt(AmlConsumerAndProducer con_and_pro,
                   AmlLevelAndEdge level_and_edge,
                   AmlActiveHighAndLow high_and_low, AmlShared shared,
                   uint32_t *irq_list, uint8_t irq_count);
Aml *aml_word_bus_number(AmlMinFixed min_fixed, AmlMaxFixed max_fixed,
                         AmlDecode dec, uint16_t addr_gran,
                         uint16_t addr_min, uint16_t addr_max,
                         uint16_t addr_trans, uint16_t len);
Aml *aml_word_io(AmlMinFixed min_fixed, AmlMaxFixed max_fixed,
                 AmlDecode dec, AmlISARanges isa_ranges,
                 uint16_t addr_gran, uint16_t addr_min,
                 uint16_t addr_max, uint16_t addr_trans, uint16_t len);
Aml *aml_dword_memory(AmlDecode dec, AmlMinFixed min_fixed,
                      AmlMaxFixed max_fixed, AmlCacheable cacheable,
                      AmlReadAndWrite read_and_write,
                      uint32_t addr_gran, uint32_t addr_min,
                      uint32_t addr_max, uint32_t addr_trans, uint32_t len);
Aml *aml_qword_memory(AmlDecode dec, AmlMinFixed min_fixed,
                      AmlMaxFixed max_fixed, AmlCacheable cacheable,
                      AmlReadAndWrite read_and_write,
                      uint64_t addr_gran, uint64_t addr_min,
                      uint64_t addr_max, uint64_t addr_trans, uint64_t len);

/* ---- Tables ---- */

typedef struct AcpiBuildTables {
    GArray *table_data;     /* etc/acpi/tables */
    GArray *rsdp;           /* etc/acpi/rsdp */
    BIOSLinker *linker;     /* etc/table-loader */
} AcpiBuildTables;

void acpi_build_tables_init(AcpiBuildTables *tables);
void acpi_build_tables_cleanup(AcpiBuildTables *tables, bool mfre);

/* A table under construction: acpi_table_begin() ... acpi_table_end(). */
typedef struct AcpiTable {
    const char *sig;
    const uint8_t rev;
    const char *oem_id;
    const char *oem_table_id;
    /* private */
    GArray *array;
    unsigned table_offset;
} AcpiTable;

void acpi_table_begin(AcpiTable *desc, GArray *array);
void acpi_table_end(BIOSLinker *linker, AcpiTable *table);

void build_append_int_noprefix(GArray *table, uint64_t value, int size);
void build_append_gas(GArray *table, uint8_t as_id, uint8_t bit_width,
                      uint8_t bit_offset, uint8_t access_width,
                      uint64_t address);
unsigned acpi_data_len(GArray *table);
void acpi_add_table(GArray *table_offsets, GArray *table_data);

/* RSDP revision 2 pointing at an RSDT (if rsdt_tbl_offset) and XSDT. */
typedef struct AcpiRsdpData {
    uint8_t oem_id[6];
    uint8_t revision;
    unsigned *rsdt_tbl_offset;
    unsigned *xsdt_tbl_offset;
} AcpiRsdpData;

void build_rsdp(GArray *tbl, BIOSLinker *linker, AcpiRsdpData *rsdp_data);
void build_rsdt(GArray *table_data, BIOSLinker *linker, GArray *table_offsets,
                const char *oem_id, const char *oem_table_id);
void build_xsdt(GArray *table_data, BIOSLinker *linker, GArray *table_offsets,
                const char *oem_id, const char *oem_table_id);

/* 8-bit two's-complement checksum making the bytes sum to zero. */
uint8_t acpi_checksum(const uint8_t *data, size_t len);

#endif
