/*
 * "Modified UTF-8" helpers for the JSON code: like UTF-8, except that
 * U+0000 is encoded as the overlong pair C0 80 so that strings stay
 * NUL-terminated.
 */
#ifndef JSON_UTF8_H
#define JSON_UTF8_H

/*
 * Decode the code point at @s (at most @n bytes); *@end points past it.
 * Returns -1 for invalid sequences (bad continuation, overlong forms other
 * than C0 80, surrogates, beyond U+10FFFF), *@end then past the bad byte.
 */
static inline int json_utf8_decode(const char *s, size_t n, char **end)
{
    static const int min_cp[5] = { 0, 0, 0x80, 0x800, 0x10000 };
    const unsigned char *p = (const unsigned char *)s;
    int len, cp, i;

    if (n == 0 || !*p) {
        *end = (char *)s;
        return -1;
    }
    if (p[0] < 0x80) {
        *end = (char *)s + 1;
        return p[0];
    }
    if ((p[0] & 0xE0) == 0xC0) {
        len = 2;
        cp = p[0] & 0x1F;
    } else if ((p[0] & 0xF0) == 0xE0) {
        len = 3;
        cp = p[0] & 0x0F;
    } else if ((p[0] & 0xF8) == 0xF0) {
        len = 4;
        cp = p[0] & 0x07;
    } else {
        *end = (char *)s + 1;
        return -1;
    }
    for (i = 1; i < len; i++) {
        if ((size_t)i >= n || (p[i] & 0xC0) != 0x80) {
            *end = (char *)s + i;
            return -1;
        }
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    *end = (char *)s + len;
    if (len == 2 && p[0] == 0xC0 && p[1] == 0x80) {
        return 0;
    }
    if (cp < min_cp[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return -1;
    }
    return cp;
}

/* Encode @cp into @buf (NUL-terminated); -1 if @cp is not a character. */
static inline int json_utf8_encode(char *buf, size_t bufsz, int cp)
{
    unsigned char *p = (unsigned char *)buf;

    assert(bufsz >= 5);
    if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return -1;
    }
    if (cp > 0 && cp < 0x80) {
        p[0] = cp;
        p[1] = 0;
        return 1;
    }
    if (cp < 0x800) {
        p[0] = 0xC0 | (cp >> 6);
        p[1] = 0x80 | (cp & 0x3F);
        p[2] = 0;
        return 2;
    }
    if (cp < 0x10000) {
        p[0] = 0xE0 | (cp >> 12);
        p[1] = 0x80 | ((cp >> 6) & 0x3F);
        p[2] = 0x80 | (cp & 0x3F);
        p[3] = 0;
        return 3;
    }
    p[0] = 0xF0 | (cp >> 18);
    p[1] = 0x80 | ((cp >> 12) & 0x3F);
    p[2] = 0x80 | ((cp >> 6) & 0x3F);
    p[3] = 0x80 | (cp & 0x3F);
    p[4] = 0;
    return 4;
}

#endif /* JSON_UTF8_H */
