/*
 * Strict base64 decoding (QMP ringbuf-write/read with format=base64).
 */
#ifndef QEMU_BASE64_H
#define QEMU_BASE64_H

/*
 * Decode @in_len bytes of @input (-1: NUL-terminated).  Unlike
 * g_base64_decode, reject anything that is not well-formed base64:
 * "Base64 encoding error: ...".  Returns a NUL-terminated buffer whose
 * decoded size is stored in *@out_len, or NULL with @errp set.
 */
uint8_t *qbase64_decode(const char *input, size_t in_len, size_t *out_len,
                        Error **errp);

#endif
