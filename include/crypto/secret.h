/*
 * Secrets ("secret" QOM objects): passwords and keys handed to the
 * emulator by id instead of on the command line (libvirt's master key).
 */
#ifndef CRYPTO_SECRET_H
#define CRYPTO_SECRET_H

#define TYPE_QCRYPTO_SECRET "secret"

/*
 * Look up the object /objects/@secretid and return a copy of its bytes
 * (@data is g_free'd by the caller, NUL-terminated for convenience).
 */
int qcrypto_secret_lookup(const char *secretid, uint8_t **data,
                          size_t *datalen, Error **errp);
/* The secret as a string; an error if it is not valid UTF-8. */
char *qcrypto_secret_lookup_as_utf8(const char *secretid, Error **errp);
/* The secret base64-encoded. */
char *qcrypto_secret_lookup_as_base64(const char *secretid, Error **errp);

#endif
