/*
 * "secret" objects (backends/secret.c): plain data and files, base64, and
 * secrets encrypted with another secret (keyid=/iv=, AES-256-CBC, as
 * libvirt encrypts them with its master key).  The ciphertext comes from
 * the openssl command line tool, so the decryption is checked against an
 * independent implementation.
 */
#include "qemu/osdep.h"
#include <glib/gstdio.h>
#include "qapi/error.h"
#include "qemu/module.h"
#include "qom/object.h"
#include "qom/object_interfaces.h"
#include "crypto/secret.h"
#include "crypto/cipher.h"

static char *tmpdir;
static uint8_t master[32];
static char *master_path;
static bool have_openssl;

static Object *secret_new(const char *id, Error **errp, ...)
{
    Object *obj = object_new(TYPE_QCRYPTO_SECRET);
    const char *name;
    va_list ap;

    va_start(ap, errp);
    while ((name = va_arg(ap, const char *))) {
        const char *value = va_arg(ap, const char *);

        if (!object_property_parse(obj, name, value, errp)) {
            va_end(ap);
            object_unref(obj);
            return NULL;
        }
    }
    va_end(ap);
    object_property_add_child(object_get_objects_root(), id, obj);
    object_unref(obj);
    if (!user_creatable_complete(USER_CREATABLE(obj), errp)) {
        object_unparent(obj);
        return NULL;
    }
    return obj;
}

static char *hex(const uint8_t *b, size_t n)
{
    GString *s = g_string_new(NULL);
    size_t i;

    for (i = 0; i < n; i++) {
        g_string_append_printf(s, "%02x", b[i]);
    }
    return g_string_free(s, false);
}

/* AES-256-CBC with PKCS#7 padding by `openssl enc`, returned in base64. */
static char *openssl_encrypt(const uint8_t *key, const uint8_t *iv,
                             const void *plain, size_t len)
{
    g_autofree char *in = g_build_filename(tmpdir, "plain", NULL);
    g_autofree char *khex = hex(key, 32);
    g_autofree char *ivhex = hex(iv, 16);
    g_autofree char *out = NULL;
    gsize outlen = 0;
    int status;
    char *argv[] = {
        (char *)"openssl", (char *)"enc", (char *)"-aes-256-cbc",
        (char *)"-K", khex, (char *)"-iv", ivhex, (char *)"-in", in, NULL,
    };

    g_assert_true(g_file_set_contents(in, plain, len, NULL));
    g_assert_true(g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH |
                               G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, NULL));
    g_assert_cmpint(status, ==, 0);
    /* stdout may hold NUL bytes: take the length from the padding rule */
    outlen = (len / 16 + 1) * 16;
    return g_base64_encode((const guchar *)out, outlen);
}

static void check_value(const char *id, const void *want, size_t len)
{
    g_autofree uint8_t *data = NULL;
    size_t got;

    g_assert_cmpint(qcrypto_secret_lookup(id, &data, &got, &error_abort),
                    ==, 0);
    g_assert_cmpuint(got, ==, len);
    g_assert_cmpmem(data, got, want, len);
}

static void remove_secret(const char *id)
{
    object_unparent(object_resolve_path_component(object_get_objects_root(),
                                                  id));
}

static void test_plain(void)
{
    g_autofree char *b64 = g_base64_encode((const guchar *)"s3cr3t", 6);

    g_assert_nonnull(secret_new("p1", &error_abort, "data", "hunter2", NULL));
    check_value("p1", "hunter2", 7);
    g_assert_nonnull(secret_new("p2", &error_abort, "data", b64,
                                "format", "base64", NULL));
    check_value("p2", "s3cr3t", 6);
    check_value("masterKey0", master, sizeof(master));
    remove_secret("p1");
    remove_secret("p2");
}

static void test_encrypted(void)
{
    /* lengths around the block size: 0 and 16 need a whole padding block */
    static const size_t lens[] = { 0, 1, 15, 16, 17, 31, 32, 100 };
    size_t i;

    if (!qcrypto_cipher_supports(QCRYPTO_CIPHER_ALG_AES_256,
                                 QCRYPTO_CIPHER_MODE_CBC)) {
        g_test_skip("built without nettle");
        return;
    }
    if (!have_openssl) {
        g_test_skip("no openssl command");
        return;
    }
    for (i = 0; i < G_N_ELEMENTS(lens); i++) {
        g_autofree uint8_t *plain = g_malloc(lens[i] + 1);
        uint8_t iv[16];
        g_autofree char *ivb64 = NULL;
        g_autofree char *ct = NULL;
        g_autofree char *id = g_strdup_printf("enc%zu", lens[i]);
        size_t j;

        for (j = 0; j < lens[i]; j++) {
            plain[j] = g_test_rand_int_range(1, 256);
        }
        for (j = 0; j < sizeof(iv); j++) {
            iv[j] = g_test_rand_int_range(0, 256);
        }
        ivb64 = g_base64_encode(iv, sizeof(iv));
        ct = openssl_encrypt(master, iv, plain, lens[i]);
        g_assert_nonnull(secret_new(id, &error_abort, "data", ct,
                                    "format", "base64",
                                    "keyid", "masterKey0", "iv", ivb64,
                                    NULL));
        check_value(id, plain, lens[i]);
        remove_secret(id);
    }
}

/* An encrypted secret can itself be the key of another one. */
static void test_chain(void)
{
    uint8_t key2[32], iv[16] = { 1, 2, 3 };
    g_autofree char *ivb64 = g_base64_encode(iv, sizeof(iv));
    g_autofree char *ct1 = NULL;
    g_autofree char *ct2 = NULL;
    size_t i;

    if (!qcrypto_cipher_supports(QCRYPTO_CIPHER_ALG_AES_256,
                                 QCRYPTO_CIPHER_MODE_CBC) || !have_openssl) {
        g_test_skip("no nettle or no openssl command");
        return;
    }
    for (i = 0; i < sizeof(key2); i++) {
        key2[i] = 0xa0 ^ i;
    }
    ct1 = openssl_encrypt(master, iv, key2, sizeof(key2));
    ct2 = openssl_encrypt(key2, iv, "disk passphrase", 15);
    g_assert_nonnull(secret_new("key2", &error_abort, "data", ct1,
                                "format", "base64", "keyid", "masterKey0",
                                "iv", ivb64, NULL));
    g_assert_nonnull(secret_new("pass", &error_abort, "data", ct2,
                                "format", "base64", "keyid", "key2",
                                "iv", ivb64, NULL));
    check_value("pass", "disk passphrase", 15);
    remove_secret("pass");
    remove_secret("key2");
}

static void expect_error(const char *what, const char *needle, ...)
{
    Error *err = NULL;
    const char *names[12];
    const char *values[12];
    const char *name;
    Object *obj;
    va_list ap;
    int n = 0;

    va_start(ap, needle);
    while ((name = va_arg(ap, const char *)) && n < 12) {
        names[n] = name;
        values[n++] = va_arg(ap, const char *);
    }
    va_end(ap);
    /* at most five properties are used below */
    g_assert_cmpint(n, <=, 5);
    for (; n < 5; n++) {
        names[n] = NULL;
        values[n] = NULL;
    }
    obj = secret_new("bad", &err, names[0], values[0], names[1], values[1],
                     names[2], values[2], names[3], values[3], names[4],
                     values[4], NULL);
    g_assert_null(obj);
    g_assert_nonnull(err);
    if (g_test_verbose()) {
        g_printerr("%s: %s\n", what, error_get_pretty(err));
    }
    g_assert_nonnull(strstr(error_get_pretty(err), needle));
    error_free(err);
    g_assert_null(object_resolve_path_component(object_get_objects_root(),
                                                "bad"));
}

static void test_errors(void)
{
    uint8_t iv[16] = { 0 }, other[32] = { 0 };
    g_autofree char *ivb64 = g_base64_encode(iv, sizeof(iv));
    g_autofree char *short_iv = g_base64_encode(iv, 8);
    g_autofree char *ct = NULL;
    bool crypto = qcrypto_cipher_supports(QCRYPTO_CIPHER_ALG_AES_256,
                                          QCRYPTO_CIPHER_MODE_CBC);

    expect_error("no data", "must be provided", NULL);
    expect_error("bad base64", "base64", "data", "a$b", "format", "base64",
                 NULL);
    expect_error("bad format", "format", "format", "hex", NULL);
    if (!crypto) {
        expect_error("no nettle", "not supported", "data", ivb64,
                     "format", "base64", "keyid", "masterKey0",
                     "iv", ivb64, NULL);
        return;
    }
    expect_error("unknown key", "No secret with id", "data", ivb64,
                 "format", "base64", "keyid", "nokey", "iv", ivb64, NULL);
    g_assert_nonnull(secret_new("shortkey", &error_abort, "data", "abc",
                                NULL));
    expect_error("short key", "32 bytes", "data", ivb64, "format", "base64",
                 "keyid", "shortkey", "iv", ivb64, NULL);
    remove_secret("shortkey");
    expect_error("no iv", "IV", "data", ivb64, "format", "base64",
                 "keyid", "masterKey0", NULL);
    expect_error("short iv", "16 bytes", "data", ivb64, "format", "base64",
                 "keyid", "masterKey0", "iv", short_iv, NULL);
    expect_error("partial block", "multiple of 16", "data", short_iv,
                 "format", "base64", "keyid", "masterKey0", "iv", ivb64,
                 NULL);
    if (!have_openssl) {
        return;
    }
    /* encrypted with another key: the padding does not check out */
    ct = openssl_encrypt(other, iv, "some secret", 11);
    expect_error("wrong key", "padding", "data", ct, "format", "base64",
                 "keyid", "masterKey0", "iv", ivb64, NULL);
}

int main(int argc, char **argv)
{
    g_autofree char *openssl = g_find_program_in_path("openssl");
    g_autofree char *plain = NULL;
    int ret;
    size_t i;

    g_test_init(&argc, &argv, NULL);
    module_call_init(MODULE_INIT_QOM);
    have_openssl = openssl != NULL;
    tmpdir = g_dir_make_tmp("test-secret-XXXXXX", NULL);
    g_assert_nonnull(tmpdir);
    for (i = 0; i < sizeof(master); i++) {
        master[i] = g_test_rand_int_range(0, 256);
    }
    /* libvirt's master key: 32 raw bytes in a file */
    master_path = g_build_filename(tmpdir, "master-key.aes", NULL);
    g_assert_true(g_file_set_contents(master_path, (const char *)master,
                                      sizeof(master), NULL));
    g_assert_nonnull(secret_new("masterKey0", &error_abort, "format", "raw",
                                "file", master_path, NULL));

    g_test_add_func("/secret/plain", test_plain);
    g_test_add_func("/secret/encrypted", test_encrypted);
    g_test_add_func("/secret/chain", test_chain);
    g_test_add_func("/secret/errors", test_errors);
    ret = g_test_run();

    remove_secret("masterKey0");
    unlink(master_path);
    plain = g_build_filename(tmpdir, "plain", NULL);
    g_remove(plain);
    g_rmdir(tmpdir);
    g_free(master_path);
    g_free(tmpdir);
    return ret;
}
