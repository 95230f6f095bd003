/*
 * Strict base64 decoding.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/base64.h"

static bool is_b64_char(char c)
{
    return g_ascii_isalnum(c) || c == '+' || c == '/';
}

uint8_t *qbase64_decode(const char *input, size_t in_len, size_t *out_len,
                        Error **errp)
{
    size_t len = in_len == (size_t)-1 ? strlen(input) : in_len;
    size_t i, pad = 0;
    guchar *out;
    gint state = 0;
    guint save = 0;
    gsize n;

    *out_len = 0;
    if (memchr(input, '\0', len)) {
        error_setg(errp, "Base64 encoding error: NUL character in input");
        return NULL;
    }
    if (len % 4) {
        error_setg(errp, "Base64 encoding error: length is not a multiple "
                   "of 4");
        return NULL;
    }
    for (i = 0; i < len; i++) {
        if (input[i] == '=') {
            pad++;
        } else if (pad || !is_b64_char(input[i])) {
            /* Padding only at the very end; only the 64 symbols. */
            error_setg(errp, "Base64 encoding error: invalid character "
                       "'%c'", input[i]);
            return NULL;
        }
    }
    if (pad > 2) {
        error_setg(errp, "Base64 encoding error: too much padding");
        return NULL;
    }
    out = g_malloc(len / 4 * 3 + 1);
    n = g_base64_decode_step(input, len, out, &state, &save);
    out[n] = '\0';
    *out_len = n;
    return out;
}
