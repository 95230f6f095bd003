/*
 * SMBIOS as a kernel finds it: the 2.x "_SM_" anchor in 0xf0000-0xfffff,
 * checksums, and the structure table up to type 127.  Prints type 1's
 * UUID, manufacturer and serial, type 11 strings and counts type 4
 * structures (command line: sockets=N, uuid=U to compare).
 */
#include "guest.h"

static uint8_t sum(const uint8_t *p, uint32_t len)
{
    uint8_t s = 0;

    while (len--) {
        s += *p++;
    }
    return s;
}

static const uint8_t *find_anchor(void)
{
    uint32_t a;

    for (a = 0xf0000; a < 0x100000; a += 16) {
        const uint8_t *p = (const uint8_t *)a;

        if (!memcmp(p, "_SM_", 4) && p[5] >= 0x1f && sum(p, p[5]) == 0) {
            return p;
        }
    }
    return NULL;
}

/* String N (1-based) of the structure at @s, "" for 0 or missing. */
static const char *str(const uint8_t *s, uint8_t n)
{
    const char *p = (const char *)s + s[1];

    if (!n) {
        return "";
    }
    while (--n) {
        if (!*p) {
            return "";
        }
        p += strlen(p) + 1;
    }
    return p;
}

static const uint8_t *next(const uint8_t *s)
{
    const uint8_t *p = s + s[1];

    while (p[0] || p[1]) {
        p++;
    }
    return p + 2;
}

static void fmt_uuid(const uint8_t *u, char *out)
{
    /* SMBIOS 2.6+: time_low, time_mid, time_hi little-endian. */
    static const int order[16] = { 3, 2, 1, 0, 5, 4, 7, 6,
                                   8, 9, 10, 11, 12, 13, 14, 15 };
    static const char hex[] = "0123456789abcdef";
    int i, j = 0;

    for (i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            out[j++] = '-';
        }
        out[j++] = hex[u[order[i]] >> 4];
        out[j++] = hex[u[order[i]] & 15];
    }
    out[j] = 0;
}

int main(void)
{
    const uint8_t *ep = find_anchor();
    const uint8_t *s, *end;
    uint32_t table, len, count, n = 0, type4 = 0;
    char uuid[40], want[40];
    long sockets = cmdline_get_int("sockets", -1);
    bool seen1 = false, seen127 = false;

    if (!ep) {
        fail("smbios: no _SM_ anchor in 0xf0000-0xfffff\n");
    }
    check(!memcmp(ep + 0x10, "_DMI_", 5));
    check(sum(ep + 0x10, 0x0f) == 0);
    table = *(uint32_t *)(ep + 0x18);
    len = *(uint16_t *)(ep + 0x16);
    count = *(uint16_t *)(ep + 0x1c);
    printf("smbios: entry point %u.%u at 0x%x, %u structures, %u bytes "
           "at 0x%x\n", ep[6], ep[7], (uint32_t)ep, count, len, table);
    check(table && len);

    s = (const uint8_t *)table;
    end = s + len;
    while (s + 4 <= end && n < count) {
        n++;
        switch (s[0]) {
        case 1:
            seen1 = true;
            fmt_uuid(s + 8, uuid);
            printf("smbios: type 1 manufacturer %s product %s\n",
                   str(s, s[4]), str(s, s[5]));
            printf("smbios: type 1 serial %s\n", str(s, s[7]));
            printf("smbios: type 1 uuid %s\n", uuid);
            if (cmdline_get("uuid", want, sizeof(want)) &&
                strcmp(want, uuid)) {
                fail("smbios: uuid %s, expected %s\n", uuid, want);
            }
            break;
        case 4:
            type4++;
            break;
        case 11: {
            int i;
            for (i = 1; i <= s[4]; i++) {
                printf("smbios: type 11 string %s\n", str(s, i));
            }
            break;
        }
        case 127:
            seen127 = true;
            break;
        }
        if (s[0] == 127) {
            break;
        }
        s = next(s);
    }
    printf("smbios: %u structures walked, %u processors\n", n, type4);
    check(seen1 && seen127);
    if (sockets >= 0 && type4 != sockets) {
        fail("smbios: %u type 4 structures, expected %ld\n", type4, sockets);
    }
    printf("smbios: PASS\n");
    return 0;
}
