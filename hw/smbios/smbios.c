/*
 * SMBIOS 2.8 structure table and entry point.
 *
 * -smbios options are validated and kept per type when parsed; the
 * tables are built once the machine exists (RAM size, CPU topology) and
 * handed to firmware through fw_cfg or placed in memory by the board.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/module.h"
#include "qemu/option.h"
#include "qemu/config-file.h"
#include "qemu/cutils.h"
#include "hw/boards.h"
#include "hw/firmware/smbios.h"
#include "sysemu/sysemu.h"

/* ---- Options ---- */

QemuOptsList qemu_smbios_opts = {
    .name = "smbios",
    .implied_opt_name = "type",
    .head = QTAILQ_HEAD_INITIALIZER(qemu_smbios_opts.head),
    .desc = {
        /* validated per type in smbios_entry_add() */
        { /* end of list */ }
    },
};

#define STR_OPT(n, h) { .name = n, .type = QEMU_OPT_STRING, .help = h }

static const QemuOptDesc smbios_type0_opts[] = {
    STR_OPT("type", "SMBIOS element type"),
    STR_OPT("vendor", "vendor name"),
    STR_OPT("version", "version number"),
    STR_OPT("date", "release date"),
    STR_OPT("release", "revision number"),
    { .name = "uefi", .type = QEMU_OPT_BOOL, .help = "uefi support" },
    { /* end of list */ }
};

static const QemuOptDesc smbios_type1_opts[] = {
    STR_OPT("type", "SMBIOS element type"),
    STR_OPT("manufacturer", "manufacturer name"),
    STR_OPT("product", "product name"),
    STR_OPT("version", "version number"),
    STR_OPT("serial", "serial number"),
    STR_OPT("uuid", "UUID"),
    STR_OPT("sku", "SKU number"),
    STR_OPT("family", "family name"),
    { /* end of list */ }
};

static const QemuOptDesc smbios_type2_opts[] = {
    STR_OPT("type", "SMBIOS element type"),
    STR_OPT("manufacturer", "manufacturer name"),
    STR_OPT("product", "product name"),
    STR_OPT("version", "version number"),
    STR_OPT("serial", "serial number"),
    STR_OPT("asset", "asset tag number"),
    STR_OPT("location", "location in chassis"),
    { /* end of list */ }
};

static const QemuOptDesc smbios_type3_opts[] = {
    STR_OPT("type", "SMBIOS element type"),
    STR_OPT("manufacturer", "manufacturer name"),
    STR_OPT("version", "version number"),
    STR_OPT("serial", "serial number"),
    STR_OPT("asset", "asset tag number"),
    STR_OPT("sku", "SKU number"),
    { /* end of list */ }
};

static const QemuOptDesc smbios_type4_opts[] = {
    STR_OPT("type", "SMBIOS element type"),
    STR_OPT("sock_pfx", "socket designation string prefix"),
    STR_OPT("manufacturer", "manufacturer name"),
    STR_OPT("version", "version number"),
    STR_OPT("serial", "serial number"),
    STR_OPT("asset", "asset tag number"),
    STR_OPT("part", "part number"),
    { .name = "max-speed", .type = QEMU_OPT_NUMBER,
      .help = "max speed in MHz" },
    { .name = "current-speed", .type = QEMU_OPT_NUMBER,
      .help = "speed at system boot in MHz" },
    { /* end of list */ }
};

static const QemuOptDesc smbios_type11_opts[] = {
    STR_OPT("type", "SMBIOS element type"),
    STR_OPT("value", "OEM string data"),
    { /* end of list */ }
};

static const QemuOptDesc smbios_type17_opts[] = {
    STR_OPT("type", "SMBIOS element type"),
    STR_OPT("loc_pfx", "device locator string prefix"),
    STR_OPT("bank", "bank locator string"),
    STR_OPT("manufacturer", "manufacturer name"),
    STR_OPT("serial", "serial number"),
    STR_OPT("asset", "asset tag number"),
    STR_OPT("part", "part number"),
    { .name = "speed", .type = QEMU_OPT_NUMBER,
      .help = "maximum capable speed" },
    { /* end of list */ }
};

/* Field values by type: GHashTable name -> value (strings). */
static GHashTable *smbios_fields[SMBIOS_MAX_TYPE + 1];
static GPtrArray *smbios_oem_strings;   /* type 11 values */
static bool smbios_uuid_encoded = true;

static struct {
    char *manufacturer, *product, *version;
} smbios_defaults;

static GHashTable *type_fields(int type)
{
    if (!smbios_fields[type]) {
        smbios_fields[type] = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                    g_free, g_free);
    }
    return smbios_fields[type];
}

static const char *field(int type, const char *name)
{
    return smbios_fields[type] ? g_hash_table_lookup(smbios_fields[type],
                                                     name)
                               : NULL;
}

static int smbios_store_field(void *opaque, const char *name,
                              const char *value, Error **errp)
{
    int type = GPOINTER_TO_INT(opaque);

    if (!strcmp(name, "type")) {
        return 0;
    }
    if (type == 11) {
        g_ptr_array_add(smbios_oem_strings, g_strdup(value));
        return 0;
    }
    g_hash_table_insert(type_fields(type), g_strdup(name), g_strdup(value));
    return 0;
}

static bool parse_uuid(const char *str, uint8_t *out)
{
    int i, j = 0;

    if (!g_uuid_string_is_valid(str)) {
        return false;
    }
    for (i = 0; str[i] && j < 32; i++) {
        int v;

        if (str[i] == '-') {
            continue;
        }
        v = g_ascii_xdigit_value(str[i]);
        if (j & 1) {
            out[j / 2] |= v;
        } else {
            out[j / 2] = v << 4;
        }
        j++;
    }
    return j == 32;
}

void smbios_entry_add(QemuOpts *opts, Error **errp)
{
    const QemuOptDesc *desc;
    const char *val;
    long type;

    if (!smbios_oem_strings) {
        smbios_oem_strings = g_ptr_array_new_with_free_func(g_free);
    }
    if (qemu_opt_get(opts, "file")) {
        error_setg(errp, "binary SMBIOS tables (file=) are not supported");
        return;
    }
    val = qemu_opt_get(opts, "type");
    if (!val) {
        error_setg(errp, "One of type or file must be specified");
        return;
    }
    if (qemu_strtol(val, NULL, 10, &type) < 0 || type < 0 ||
        type > SMBIOS_MAX_TYPE) {
        error_setg(errp, "Invalid SMBIOS type '%s'", val);
        return;
    }
    switch (type) {
    case 0: desc = smbios_type0_opts; break;
    case 1: desc = smbios_type1_opts; break;
    case 2: desc = smbios_type2_opts; break;
    case 3: desc = smbios_type3_opts; break;
    case 4: desc = smbios_type4_opts; break;
    case 11: desc = smbios_type11_opts; break;
    case 17: desc = smbios_type17_opts; break;
    default:
        error_setg(errp, "Don't know how to build fields for SMBIOS type %ld",
                   type);
        return;
    }
    if (!qemu_opts_validate(opts, desc, errp)) {
        return;
    }
    if (type == 0) {
        int major, minor;

        val = qemu_opt_get(opts, "release");
        if (val && (sscanf(val, "%d.%d", &major, &minor) != 2 ||
                    major < 0 || major > 255 || minor < 0 || minor > 255)) {
            error_setg(errp, "Invalid release");
            return;
        }
    }
    if (type == 1) {
        val = qemu_opt_get(opts, "uuid");
        if (val) {
            if (!parse_uuid(val, qemu_uuid)) {
                error_setg(errp, "Invalid UUID");
                return;
            }
            qemu_uuid_set = true;
        }
    }
    qemu_opt_foreach(opts, smbios_store_field, GINT_TO_POINTER((int)type),
                     errp);
    type_fields(type);  /* remember that the type was given */
}

void smbios_set_defaults(const char *manufacturer, const char *product,
                         const char *version, bool legacy_mode,
                         bool uuid_encoded, SmbiosEntryPointType ep_type)
{
    g_free(smbios_defaults.manufacturer);
    g_free(smbios_defaults.product);
    g_free(smbios_defaults.version);
    smbios_defaults.manufacturer = g_strdup(manufacturer);
    smbios_defaults.product = g_strdup(product);
    smbios_defaults.version = g_strdup(version);
    smbios_uuid_encoded = uuid_encoded;
}

void smbios_reset_options(void)
{
    int i;

    for (i = 0; i <= SMBIOS_MAX_TYPE; i++) {
        if (smbios_fields[i]) {
            g_hash_table_destroy(smbios_fields[i]);
            smbios_fields[i] = NULL;
        }
    }
    if (smbios_oem_strings) {
        g_ptr_array_set_size(smbios_oem_strings, 0);
    }
    smbios_set_defaults(NULL, NULL, NULL, false, true,
                        SMBIOS_ENTRY_POINT_TYPE_32);
}

/* ---- Structure building ---- */

typedef struct SmbiosBuilder {
    GByteArray *table;
    unsigned start;         /* offset of the current structure */
    GPtrArray *strings;     /* the current structure's string set */
    unsigned count;
    unsigned max_size;
} SmbiosBuilder;

static void put_bytes(SmbiosBuilder *b, const void *p, size_t len)
{
    g_byte_array_append(b->table, p, len);
}

static void put_u8(SmbiosBuilder *b, uint8_t v)
{
    put_bytes(b, &v, 1);
}

static void put_u16(SmbiosBuilder *b, uint16_t v)
{
    uint8_t p[2] = { v, v >> 8 };

    put_bytes(b, p, 2);
}

static void put_u32(SmbiosBuilder *b, uint32_t v)
{
    put_u16(b, v);
    put_u16(b, v >> 16);
}

static void put_u64(SmbiosBuilder *b, uint64_t v)
{
    put_u32(b, v);
    put_u32(b, v >> 32);
}

/* String fields hold 1-based indexes into the string set, 0 = none. */
static void put_str(SmbiosBuilder *b, const char *s)
{
    if (!s || !*s) {
        put_u8(b, 0);
        return;
    }
    g_ptr_array_add(b->strings, g_strdup(s));
    put_u8(b, b->strings->len);
}

static void begin(SmbiosBuilder *b, uint8_t type, uint16_t handle)
{
    b->start = b->table->len;
    b->strings = g_ptr_array_new_with_free_func(g_free);
    put_u8(b, type);
    put_u8(b, 0);           /* length, set by end() */
    put_u16(b, handle);
}

static void end(SmbiosBuilder *b)
{
    unsigned i, size;

    b->table->data[b->start + 1] = b->table->len - b->start;
    for (i = 0; i < b->strings->len; i++) {
        const char *s = g_ptr_array_index(b->strings, i);
        put_bytes(b, s, strlen(s) + 1);
    }
    if (!b->strings->len) {
        put_u8(b, 0);
    }
    put_u8(b, 0);
    g_ptr_array_free(b->strings, true);
    b->strings = NULL;
    size = b->table->len - b->start;
    b->max_size = MAX(b->max_size, size);
    b->count++;
}

static const char *field_or(int type, const char *name, const char *def)
{
    const char *v = field(type, name);

    return v ? v : def;
}

static void build_type0(SmbiosBuilder *b)
{
    const char *rel = field(0, "release");
    int major = 0, minor = 0;
    bool uefi = false;

    if (rel) {
        sscanf(rel, "%d.%d", &major, &minor);
    }
    if (field(0, "uefi")) {
        uefi = !strcmp(field(0, "uefi"), "on") ||
               !strcmp(field(0, "uefi"), "true") ||
               !strcmp(field(0, "uefi"), "yes");
    }
    begin(b, 0, 0x000);
    put_str(b, field_or(0, "vendor", "kvmemu"));
    put_str(b, field_or(0, "version", "kvmemu"));
    put_u16(b, 0xe800);                 /* BIOS starting segment */
    put_str(b, field_or(0, "date", "01/01/2011"));
    put_u8(b, 0);                       /* ROM size: 64 KiB */
    put_u64(b, 0x08);                   /* characteristics not supported */
    put_u8(b, 0);
    /* targeted content distribution, VM; UEFI when asked */
    put_u8(b, 0x14 | (uefi ? 0x08 : 0));
    put_u8(b, rel ? major : 0xff);
    put_u8(b, rel ? minor : 0xff);
    put_u8(b, 0xff);                    /* no embedded controller */
    put_u8(b, 0xff);
    end(b);
}

/* SMBIOS 2.6+: the first three UUID fields are little-endian. */
static void put_uuid(SmbiosBuilder *b)
{
    uint8_t u[16];

    memcpy(u, qemu_uuid_set ? qemu_uuid : (uint8_t[16]){ 0 }, 16);
    if (smbios_uuid_encoded) {
        uint8_t t;
        t = u[0]; u[0] = u[3]; u[3] = t;
        t = u[1]; u[1] = u[2]; u[2] = t;
        t = u[4]; u[4] = u[5]; u[5] = t;
        t = u[6]; u[6] = u[7]; u[7] = t;
    }
    put_bytes(b, u, 16);
}

static void build_type1(SmbiosBuilder *b)
{
    begin(b, 1, 0x100);
    put_str(b, field_or(1, "manufacturer", smbios_defaults.manufacturer));
    put_str(b, field_or(1, "product", smbios_defaults.product));
    put_str(b, field_or(1, "version", smbios_defaults.version));
    put_str(b, field(1, "serial"));
    put_uuid(b);
    put_u8(b, 0x06);                    /* wake-up: power switch */
    put_str(b, field(1, "sku"));
    put_str(b, field(1, "family"));
    end(b);
}

static void build_type2(SmbiosBuilder *b)
{
    begin(b, 2, 0x200);
    put_str(b, field_or(2, "manufacturer", smbios_defaults.manufacturer));
    put_str(b, field_or(2, "product", smbios_defaults.product));
    put_str(b, field_or(2, "version", smbios_defaults.version));
    put_str(b, field(2, "serial"));
    put_str(b, field(2, "asset"));
    put_u8(b, 0x01);                    /* feature flags: board */
    put_str(b, field(2, "location"));
    put_u16(b, 0x300);                  /* chassis handle */
    put_u8(b, 0x0a);                    /* motherboard */
    put_u8(b, 0);                       /* no contained objects */
    end(b);
}

static void build_type3(SmbiosBuilder *b)
{
    begin(b, 3, 0x300);
    put_str(b, field_or(3, "manufacturer", smbios_defaults.manufacturer));
    put_u8(b, 0x01);                    /* type: other */
    put_str(b, field_or(3, "version", smbios_defaults.version));
    put_str(b, field(3, "serial"));
    put_str(b, field(3, "asset"));
    put_u8(b, 0x03);                    /* boot-up state: safe */
    put_u8(b, 0x03);                    /* power supply state */
    put_u8(b, 0x03);                    /* thermal state */
    put_u8(b, 0x02);                    /* security: unknown */
    put_u32(b, 0);                      /* OEM defined */
    put_u8(b, 0);                       /* height */
    put_u8(b, 0);                       /* power cords */
    put_u8(b, 0);                       /* contained elements */
    put_u8(b, 0);                       /* element record length */
    put_str(b, field(3, "sku"));
    end(b);
}

static void build_type4(SmbiosBuilder *b, unsigned socket, unsigned cores,
                        unsigned threads)
{
    g_autofree char *sock = g_strdup_printf("%s %u",
                                            field_or(4, "sock_pfx", "CPU"),
                                            socket);
    uint64_t max_speed = 2000, cur_speed = 2000;
    unsigned n = cores * threads;

    if (field(4, "max-speed")) {
        max_speed = g_ascii_strtoull(field(4, "max-speed"), NULL, 0);
    }
    if (field(4, "current-speed")) {
        cur_speed = g_ascii_strtoull(field(4, "current-speed"), NULL, 0);
    }
    begin(b, 4, 0x400 + socket);
    put_str(b, sock);
    put_u8(b, 0x03);                    /* central processor */
    put_u8(b, 0xfe);                    /* family: see family 2 */
    put_str(b, field_or(4, "manufacturer", smbios_defaults.manufacturer));
    put_u32(b, 0x000663);               /* processor ID: CPUID 1 EAX */
    put_u32(b, 0x0f8bfbff);             /* ... and EDX */
    put_str(b, field_or(4, "version", smbios_defaults.version));
    put_u8(b, 0);                       /* voltage */
    put_u16(b, 0);                      /* external clock: unknown */
    put_u16(b, MIN(max_speed, 0xffff));
    put_u16(b, MIN(cur_speed, 0xffff));
    put_u8(b, 0x41);                    /* socket populated, enabled */
    put_u8(b, 0x01);                    /* upgrade: other */
    put_u16(b, 0xffff);                 /* L1/L2/L3 cache: none */
    put_u16(b, 0xffff);
    put_u16(b, 0xffff);
    put_str(b, field(4, "serial"));
    put_str(b, field(4, "asset"));
    put_str(b, field(4, "part"));
    put_u8(b, MIN(cores, 0xff));
    put_u8(b, MIN(cores, 0xff));
    put_u8(b, MIN(n, 0xff));
    put_u16(b, 0x02);                   /* characteristics: unknown */
    put_u16(b, 0x01);                   /* family 2: other */
    end(b);
}

static void build_type11(SmbiosBuilder *b)
{
    unsigned i;

    begin(b, 11, 0xb00);
    put_u8(b, smbios_oem_strings->len);
    for (i = 0; i < smbios_oem_strings->len; i++) {
        g_ptr_array_add(b->strings,
                        g_strdup(g_ptr_array_index(smbios_oem_strings, i)));
    }
    end(b);
}

#define DIMM_MAX_SIZE (16 * GiB)

static void build_type16(SmbiosBuilder *b, uint64_t ram, unsigned ndimm)
{
    uint64_t kib = ram / KiB;

    begin(b, 16, 0x1000);
    put_u8(b, 0x01);                    /* location: other */
    put_u8(b, 0x03);                    /* use: system memory */
    put_u8(b, 0x06);                    /* error correction: multi-bit */
    put_u32(b, kib < 0x80000000ULL ? kib : 0x80000000);
    put_u16(b, 0xfffe);                 /* no error information */
    put_u16(b, ndimm);
    put_u64(b, kib < 0x80000000ULL ? 0 : ram);
    end(b);
}

static void build_type17(SmbiosBuilder *b, unsigned i, uint64_t size)
{
    g_autofree char *loc = g_strdup_printf("%s %u",
                                           field_or(17, "loc_pfx", "DIMM"),
                                           i);
    uint64_t mib = size / MiB;
    uint16_t speed = field(17, "speed") ?
                     g_ascii_strtoull(field(17, "speed"), NULL, 0) : 0;

    begin(b, 17, 0x1100 + i);
    put_u16(b, 0x1000);                 /* physical memory array */
    put_u16(b, 0xfffe);                 /* no error information */
    put_u16(b, 0xffff);                 /* total width: unknown */
    put_u16(b, 0xffff);                 /* data width: unknown */
    put_u16(b, mib < 0x7fff ? mib : 0x7fff);
    put_u8(b, 0x09);                    /* form factor: DIMM */
    put_u8(b, 0);                       /* not in a set */
    put_str(b, loc);
    put_str(b, field(17, "bank"));
    put_u8(b, 0x07);                    /* type: RAM */
    put_u16(b, 0x02);                   /* detail: other */
    put_u16(b, speed);
    put_str(b, field_or(17, "manufacturer", smbios_defaults.manufacturer));
    put_str(b, field(17, "serial"));
    put_str(b, field(17, "asset"));
    put_str(b, field(17, "part"));
    put_u8(b, 0);                       /* attributes: rank unknown */
    put_u32(b, mib < 0x7fff ? 0 : mib); /* extended size */
    put_u16(b, speed);                  /* configured speed */
    put_u16(b, 0);                      /* voltages unknown */
    put_u16(b, 0);
    put_u16(b, 0);
    end(b);
}

static void build_type19(SmbiosBuilder *b, unsigned i, uint64_t start,
                         uint64_t size)
{
    uint64_t end_addr = start + size - 1;
    bool ext = end_addr / KiB >= 0xffffffffULL;

    begin(b, 19, 0x1300 + i);
    put_u32(b, ext ? 0xffffffff : start / KiB);
    put_u32(b, ext ? 0xffffffff : end_addr / KiB);
    put_u16(b, 0x1000);
    put_u8(b, 1);                       /* partition width */
    put_u64(b, ext ? start : 0);
    put_u64(b, ext ? end_addr : 0);
    end(b);
}

static void build_type32(SmbiosBuilder *b)
{
    begin(b, 32, 0x2000);
    put_bytes(b, (uint8_t[6]){ 0 }, 6);
    put_u8(b, 0);                       /* no errors detected */
    end(b);
}

static void build_type127(SmbiosBuilder *b)
{
    begin(b, 127, 0x7f00);
    end(b);
}

static uint8_t sum_bytes(const uint8_t *p, size_t len)
{
    uint8_t s = 0;

    while (len--) {
        s += *p++;
    }
    return s;
}

void smbios_entry_point_set_address(uint8_t *ep, size_t anchor_len,
                                    uint32_t table_addr)
{
    assert(anchor_len == SMBIOS_ENTRY_POINT_21_LEN);
    ep[0x18] = table_addr;
    ep[0x19] = table_addr >> 8;
    ep[0x1a] = table_addr >> 16;
    ep[0x1b] = table_addr >> 24;
    /* Intermediate checksum over the _DMI_ part, then the whole. */
    ep[0x15] = 0;
    ep[0x15] = -sum_bytes(ep + 0x10, 0x0f);
    ep[0x04] = 0;
    ep[0x04] = -sum_bytes(ep, SMBIOS_ENTRY_POINT_21_LEN);
}

void smbios_get_tables(MachineState *ms,
                       const struct smbios_phys_mem_area *mem_array,
                       const unsigned int mem_array_size,
                       uint8_t **tables, size_t *tables_len,
                       uint8_t **anchor, size_t *anchor_len,
                       Error **errp)
{
    smbios_get_tables_no_firmware(ms, mem_array, mem_array_size, false,
                                  tables, tables_len, anchor, anchor_len,
                                  errp);
}

void smbios_get_tables_no_firmware(MachineState *ms,
                                   const struct smbios_phys_mem_area *mem_array,
                                   const unsigned int mem_array_size,
                                   bool no_firmware,
                                   uint8_t **tables, size_t *tables_len,
                                   uint8_t **anchor, size_t *anchor_len,
                                   Error **errp)
{
    SmbiosBuilder b = { .table = g_byte_array_new() };
    unsigned threads = ms->smp.threads ? ms->smp.threads : 1;
    unsigned cores = ms->smp.cores ? ms->smp.cores : 1;
    unsigned dies = ms->smp.dies ? ms->smp.dies : 1;
    unsigned per_socket = threads * cores * dies;
    unsigned sockets = DIV_ROUND_UP(ms->smp.cpus, per_socket);
    uint64_t ram = ms->ram_size;
    unsigned ndimm = DIV_ROUND_UP(ram, DIMM_MAX_SIZE);
    uint8_t *ep;
    unsigned i;

    if (!smbios_oem_strings) {
        smbios_oem_strings = g_ptr_array_new_with_free_func(g_free);
    }
    /* Firmware supplies its own type 0 unless -smbios type=0 was given. */
    if (no_firmware || smbios_fields[0]) {
        build_type0(&b);
    }
    build_type1(&b);
    if (smbios_fields[2]) {
        build_type2(&b);
    }
    build_type3(&b);
    for (i = 0; i < sockets; i++) {
        build_type4(&b, i, cores * dies, threads);
    }
    if (smbios_oem_strings->len) {
        build_type11(&b);
    }
    build_type16(&b, ram, ndimm);
    for (i = 0; i < ndimm; i++) {
        uint64_t size = MIN(ram - (uint64_t)i * DIMM_MAX_SIZE, DIMM_MAX_SIZE);
        build_type17(&b, i, size);
    }
    for (i = 0; i < mem_array_size; i++) {
        build_type19(&b, i, mem_array[i].address, mem_array[i].length);
    }
    build_type32(&b);
    build_type127(&b);

    if (b.table->len > 0xffff) {
        error_setg(errp, "SMBIOS tables too large (%u bytes)", b.table->len);
        g_byte_array_free(b.table, true);
        return;
    }

    ep = g_malloc0(SMBIOS_ENTRY_POINT_21_LEN);
    memcpy(ep, "_SM_", 4);
    ep[0x05] = SMBIOS_ENTRY_POINT_21_LEN;
    ep[0x06] = 2;                       /* version 2.8 */
    ep[0x07] = 8;
    ep[0x08] = b.max_size;
    ep[0x09] = b.max_size >> 8;
    ep[0x0a] = 0;                       /* entry point revision */
    memcpy(ep + 0x10, "_DMI_", 5);
    ep[0x16] = b.table->len;
    ep[0x17] = b.table->len >> 8;
    ep[0x1c] = b.count;
    ep[0x1d] = b.count >> 8;
    ep[0x1e] = 0x28;                    /* BCD revision 2.8 */
    smbios_entry_point_set_address(ep, SMBIOS_ENTRY_POINT_21_LEN, 0);

    *anchor = ep;
    *anchor_len = SMBIOS_ENTRY_POINT_21_LEN;
    *tables_len = b.table->len;
    *tables = g_byte_array_free(b.table, false);
}

static void smbios_register_config(void)
{
    /* vl.c may already know the group; register it only once. */
    if (!qemu_find_opts_err("smbios", NULL)) {
        qemu_add_opts(&qemu_smbios_opts);
    }
}

opts_init(smbios_register_config);
