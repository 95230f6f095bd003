/*
 * "secret" objects: data given inline (data=) or read from a file (file=),
 * raw or base64 (format=).  libvirt creates one holding its per-domain
 * master key; other objects fetch secrets with qcrypto_secret_lookup().
 * A secret may be encrypted with another one (keyid=, the id of a
 * secret holding a 32-byte AES key; iv=, 16 bytes in base64): the data,
 * after format= decoding, is AES-256-CBC ciphertext with PKCS#7 padding,
 * as libvirt writes it with its per-domain master key.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/module.h"
#include "qom/object.h"
#include "qom/object_interfaces.h"
#include "crypto/secret.h"
#include "crypto/cipher.h"

#define QCRYPTO_SECRET(obj) \
    OBJECT_CHECK(QCryptoSecret, (obj), TYPE_QCRYPTO_SECRET)

typedef struct QCryptoSecret {
    Object parent_obj;

    uint8_t *rawdata;
    size_t rawlen;
    bool base64;            /* format=base64 */
    char *data;
    char *file;
    char *keyid;
    char *iv;
    bool loaded;
} QCryptoSecret;

static bool secret_decode(QCryptoSecret *s, const uint8_t *in, size_t len,
                          Error **errp)
{
    if (s->base64) {
        g_autofree char *text = g_strndup((const char *)in, len);
        const char *p;
        gsize outlen;

        /* g_base64_decode() accepts garbage silently: check first. */
        for (p = text; *p; p++) {
            if (!g_ascii_isalnum(*p) && *p != '+' && *p != '/' &&
                *p != '=' && !g_ascii_isspace(*p)) {
                error_setg(errp, "Unable to decode base64 data");
                return false;
            }
        }
        s->rawdata = g_base64_decode(text, &outlen);
        s->rawlen = outlen;
    } else {
        s->rawdata = g_malloc(len + 1);
        memcpy(s->rawdata, in, len);
        s->rawdata[len] = '\0';
        s->rawlen = len;
    }
    return true;
}

/*
 * Replace the decoded ciphertext in s->rawdata with its plaintext, using
 * the key in secret s->keyid and the IV in s->iv.
 */
static bool secret_decrypt(QCryptoSecret *s, Error **errp)
{
    g_autofree uint8_t *key = NULL;
    g_autofree uint8_t *iv = NULL;
    g_autoptr(QCryptoCipher) cipher = NULL;
    g_autofree uint8_t *plain = NULL;
    size_t keylen, i;
    gsize ivlen;
    uint8_t pad;

    if (qcrypto_secret_lookup(s->keyid, &key, &keylen, errp) < 0) {
        return false;
    }
    if (keylen != 32) {
        error_setg(errp, "Key secret '%s' should be 32 bytes long, not %zu",
                   s->keyid, keylen);
        return false;
    }
    if (!s->iv) {
        error_setg(errp, "An IV (iv=) is required to decrypt the secret");
        return false;
    }
    iv = g_base64_decode(s->iv, &ivlen);
    if (ivlen != 16) {
        error_setg(errp, "The IV should be 16 bytes long, not %zu",
                   (size_t)ivlen);
        return false;
    }
    if (s->rawlen == 0 || s->rawlen % 16) {
        error_setg(errp, "Encrypted secret length %zu is not a non-zero "
                   "multiple of 16 bytes", s->rawlen);
        return false;
    }
    cipher = qcrypto_cipher_new(QCRYPTO_CIPHER_ALG_AES_256,
                                QCRYPTO_CIPHER_MODE_CBC, key, keylen, errp);
    if (!cipher || qcrypto_cipher_setiv(cipher, iv, ivlen, errp) < 0) {
        return false;
    }
    plain = g_malloc(s->rawlen + 1);
    if (qcrypto_cipher_decrypt(cipher, s->rawdata, plain, s->rawlen,
                               errp) < 0) {
        return false;
    }
    /* PKCS#7: N bytes of value N; anything else means a wrong key or IV */
    pad = plain[s->rawlen - 1];
    for (i = 1; i <= pad && pad <= 16; i++) {
        if (plain[s->rawlen - i] != pad) {
            break;
        }
    }
    if (pad == 0 || pad > 16 || i <= pad) {
        memset(plain, 0, s->rawlen);
        error_setg(errp, "Incorrect padding on the decrypted secret "
                   "(wrong key or IV?)");
        return false;
    }
    memset(s->rawdata, 0, s->rawlen);
    g_free(s->rawdata);
    s->rawlen -= pad;
    plain[s->rawlen] = '\0';
    s->rawdata = g_steal_pointer(&plain);
    return true;
}

static void secret_load(QCryptoSecret *s, Error **errp)
{
    g_autofree char *contents = NULL;
    g_autoptr(GError) gerr = NULL;
    gsize len;

    if (s->data && s->file) {
        error_setg(errp, "'file' and 'data' are mutually exclusive");
        return;
    }
    if (s->data) {
        contents = g_strdup(s->data);
        len = strlen(contents);
    } else if (s->file) {
        if (!g_file_get_contents(s->file, &contents, &len, &gerr)) {
            error_setg(errp, "Unable to read %s: %s", s->file,
                       gerr->message);
            return;
        }
    } else {
        error_setg(errp, "Either 'file' or 'data' must be provided");
        return;
    }
    if (!secret_decode(s, (const uint8_t *)contents, len, errp)) {
        return;
    }
    if (s->keyid && !secret_decrypt(s, errp)) {
        memset(s->rawdata, 0, s->rawlen);
        g_clear_pointer(&s->rawdata, g_free);
        s->rawlen = 0;
        return;
    }
    s->loaded = true;
}

static void secret_complete(UserCreatable *uc, Error **errp)
{
    QCryptoSecret *s = QCRYPTO_SECRET(uc);

    if (!s->loaded) {
        secret_load(s, errp);
    }
}

static bool secret_check_unloaded(Object *obj, const char *prop,
                                  Error **errp)
{
    if (QCRYPTO_SECRET(obj)->loaded) {
        error_setg(errp, "Secret properties cannot be changed once loaded "
                   "('%s')", prop);
        return false;
    }
    return true;
}

#define SECRET_STR_PROP(field, prop)                                     \
static char *get_##field(Object *obj, Error **errp)                      \
{                                                                        \
    return g_strdup(QCRYPTO_SECRET(obj)->field);                         \
}                                                                        \
static void set_##field(Object *obj, const char *value, Error **errp)    \
{                                                                        \
    QCryptoSecret *s = QCRYPTO_SECRET(obj);                              \
                                                                         \
    if (secret_check_unloaded(obj, prop, errp)) {                        \
        g_free(s->field);                                                \
        s->field = g_strdup(value);                                      \
    }                                                                    \
}

SECRET_STR_PROP(data, "data")
SECRET_STR_PROP(file, "file")
SECRET_STR_PROP(keyid, "keyid")
SECRET_STR_PROP(iv, "iv")

static char *get_format(Object *obj, Error **errp)
{
    return g_strdup(QCRYPTO_SECRET(obj)->base64 ? "base64" : "raw");
}

static void set_format(Object *obj, const char *value, Error **errp)
{
    QCryptoSecret *s = QCRYPTO_SECRET(obj);

    if (!secret_check_unloaded(obj, "format", errp)) {
        return;
    }
    if (!strcmp(value, "raw")) {
        s->base64 = false;
    } else if (!strcmp(value, "base64")) {
        s->base64 = true;
    } else {
        error_setg(errp, "Parameter 'format' does not accept value '%s'",
                   value);
    }
}

static bool get_loaded(Object *obj, Error **errp)
{
    return QCRYPTO_SECRET(obj)->loaded;
}

static void set_loaded(Object *obj, bool value, Error **errp)
{
    QCryptoSecret *s = QCRYPTO_SECRET(obj);

    if (value && !s->loaded) {
        secret_load(s, errp);
    } else if (!value && s->loaded) {
        error_setg(errp, "Cannot unload requested secret");
    }
}

static void secret_finalize(Object *obj)
{
    QCryptoSecret *s = QCRYPTO_SECRET(obj);

    if (s->rawdata) {
        memset(s->rawdata, 0, s->rawlen);   /* do not leave keys around */
    }
    g_free(s->rawdata);
    g_free(s->data);
    g_free(s->file);
    g_free(s->keyid);
    g_free(s->iv);
}

static void secret_class_init(ObjectClass *oc, void *data)
{
    UserCreatableClass *ucc = USER_CREATABLE_CLASS(oc);

    ucc->complete = secret_complete;
    object_class_property_add_bool(oc, "loaded", get_loaded, set_loaded);
    object_class_property_add_str(oc, "format", get_format, set_format);
    object_class_property_add_str(oc, "data", get_data, set_data);
    object_class_property_add_str(oc, "file", get_file, set_file);
    object_class_property_add_str(oc, "keyid", get_keyid, set_keyid);
    object_class_property_add_str(oc, "iv", get_iv, set_iv);
}

int qcrypto_secret_lookup(const char *secretid, uint8_t **data,
                          size_t *datalen, Error **errp)
{
    Object *obj = object_resolve_path_component(object_get_objects_root(),
                                                secretid);
    QCryptoSecret *s;

    if (!obj) {
        error_setg(errp, "No secret with id '%s'", secretid);
        return -1;
    }
    if (!object_dynamic_cast(obj, TYPE_QCRYPTO_SECRET)) {
        error_setg(errp, "Object with id '%s' is not a secret", secretid);
        return -1;
    }
    s = QCRYPTO_SECRET(obj);
    if (!s->loaded) {
        error_setg(errp, "Secret '%s' is not loaded", secretid);
        return -1;
    }
    *data = g_malloc(s->rawlen + 1);
    memcpy(*data, s->rawdata, s->rawlen);
    (*data)[s->rawlen] = '\0';
    *datalen = s->rawlen;
    return 0;
}

char *qcrypto_secret_lookup_as_utf8(const char *secretid, Error **errp)
{
    uint8_t *data;
    size_t len;

    if (qcrypto_secret_lookup(secretid, &data, &len, errp) < 0) {
        return NULL;
    }
    if (!g_utf8_validate((const char *)data, len, NULL)) {
        error_setg(errp, "Data from secret %s is not valid UTF-8", secretid);
        g_free(data);
        return NULL;
    }
    return (char *)data;
}

char *qcrypto_secret_lookup_as_base64(const char *secretid, Error **errp)
{
    g_autofree uint8_t *data = NULL;
    size_t len;

    if (qcrypto_secret_lookup(secretid, &data, &len, errp) < 0) {
        return NULL;
    }
    return g_base64_encode(data, len);
}

static const TypeInfo secret_info = {
    .name = TYPE_QCRYPTO_SECRET,
    .parent = TYPE_OBJECT,
    .instance_size = sizeof(QCryptoSecret),
    .instance_finalize = secret_finalize,
    .class_init = secret_class_init,
    .interfaces = (InterfaceInfo[]) {
        { TYPE_USER_CREATABLE },
        { }
    },
};

static void register_types(void)
{
    type_register_static(&secret_info);
}

type_init(register_types);
