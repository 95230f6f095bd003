/*
 * UUIDs (RFC 4122), stored big-endian as in their text form.
 */
#ifndef QEMU_UUID_H
#define QEMU_UUID_H

#include "qemu/typedefs.h"

struct QemuUUID {
    union {
        unsigned char data[16];
        struct {
            /* Generated in BE endian, can be swapped with qemu_uuid_bswap. */
            uint32_t time_low;
            uint16_t time_mid;
            uint16_t time_high_and_version;
            uint8_t  clock_seq_and_reserved;
            uint8_t  clock_seq_low;
            uint8_t  node[6];
        } fields;
    };
};

#define UUID_FMT "%02hhx%02hhx%02hhx%02hhx-" \
                 "%02hhx%02hhx-%02hhx%02hhx-" \
                 "%02hhx%02hhx-" \
                 "%02hhx%02hhx%02hhx%02hhx%02hhx%02hhx"

#define UUID_FMT_LEN 36
#define UUID_NONE "00000000-0000-0000-0000-000000000000"

/* Random (version 4) UUID. */
void qemu_uuid_generate(QemuUUID *out);
int qemu_uuid_is_null(const QemuUUID *uu);
int qemu_uuid_is_equal(const QemuUUID *lhv, const QemuUUID *rhv);
/* @out must hold UUID_FMT_LEN + 1 bytes. */
void qemu_uuid_unparse(const QemuUUID *uuid, char *out);
char *qemu_uuid_unparse_strdup(const QemuUUID *uuid);
/* 0 on success, -1 if @str is not a UUID. */
int qemu_uuid_parse(const char *str, QemuUUID *uuid);
/* Swap the first three fields between big and little endian (SMBIOS). */
QemuUUID qemu_uuid_bswap(QemuUUID uuid);

#endif
