/*
 * UUID helpers.
 */
#include "qemu/osdep.h"
#include "qemu/bswap.h"
#include "qemu/uuid.h"

void qemu_uuid_generate(QemuUUID *uuid)
{
    int i;
    uint32_t *words = (uint32_t *)uuid->data;

    QEMU_BUILD_BUG_ON(sizeof(QemuUUID) != 16);
    for (i = 0; i < 4; i++) {
        words[i] = g_random_int();
    }
    /* Version 4 (random), variant 10x (RFC 4122). */
    uuid->data[6] = (uuid->data[6] & 0x0f) | 0x40;
    uuid->data[8] = (uuid->data[8] & 0x3f) | 0x80;
}

int qemu_uuid_is_null(const QemuUUID *uu)
{
    static const QemuUUID null_uuid;

    return qemu_uuid_is_equal(uu, &null_uuid);
}

int qemu_uuid_is_equal(const QemuUUID *lhv, const QemuUUID *rhv)
{
    return memcmp(lhv, rhv, sizeof(QemuUUID)) == 0;
}

void qemu_uuid_unparse(const QemuUUID *uuid, char *out)
{
    const unsigned char *uu = uuid->data;

    snprintf(out, UUID_FMT_LEN + 1, UUID_FMT,
             uu[0], uu[1], uu[2], uu[3], uu[4], uu[5], uu[6], uu[7],
             uu[8], uu[9], uu[10], uu[11], uu[12], uu[13], uu[14], uu[15]);
}

char *qemu_uuid_unparse_strdup(const QemuUUID *uuid)
{
    char *out = g_malloc(UUID_FMT_LEN + 1);

    qemu_uuid_unparse(uuid, out);
    return out;
}

/* Strictly 8-4-4-4-12 hex digits (either case), nothing more. */
static bool qemu_uuid_is_valid(const char *str)
{
    int i;

    for (i = 0; i < UUID_FMT_LEN; i++) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (str[i] != '-') {
                return false;
            }
        } else if (!g_ascii_isxdigit(str[i])) {
            return false;
        }
    }
    return str[i] == '\0';
}

int qemu_uuid_parse(const char *str, QemuUUID *uuid)
{
    int i, j = 0;

    if (!str || !qemu_uuid_is_valid(str)) {
        return -1;
    }
    for (i = 0; i < UUID_FMT_LEN; i += 2) {
        if (str[i] == '-') {
            i--;
            continue;
        }
        uuid->data[j++] = (g_ascii_xdigit_value(str[i]) << 4) |
                          g_ascii_xdigit_value(str[i + 1]);
    }
    assert(j == 16);
    return 0;
}

QemuUUID qemu_uuid_bswap(QemuUUID uuid)
{
    bswap32s(&uuid.fields.time_low);
    bswap16s(&uuid.fields.time_mid);
    bswap16s(&uuid.fields.time_high_and_version);
    return uuid;
}
