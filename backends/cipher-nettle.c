/*
 * qcrypto_cipher on nettle: AES-256-CBC.  (It lives with the secret
 * object it serves; QEMU keeps its ciphers in crypto/.)
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "crypto/cipher.h"

#ifdef CONFIG_NETTLE
#include <nettle/aes.h>
#include <nettle/cbc.h>
#endif

struct QCryptoCipher {
    QCryptoCipherAlgorithm alg;
    QCryptoCipherMode mode;
#ifdef CONFIG_NETTLE
    struct aes256_ctx enc;
    struct aes256_ctx dec;
    uint8_t iv[AES_BLOCK_SIZE];
#endif
};

bool qcrypto_cipher_supports(QCryptoCipherAlgorithm alg,
                             QCryptoCipherMode mode)
{
#ifdef CONFIG_NETTLE
    return alg == QCRYPTO_CIPHER_ALG_AES_256 &&
           mode == QCRYPTO_CIPHER_MODE_CBC;
#else
    return false;
#endif
}

size_t qcrypto_cipher_get_key_len(QCryptoCipherAlgorithm alg)
{
    return 32;
}

size_t qcrypto_cipher_get_iv_len(QCryptoCipherAlgorithm alg,
                                 QCryptoCipherMode mode)
{
    return 16;
}

size_t qcrypto_cipher_get_block_len(QCryptoCipherAlgorithm alg)
{
    return 16;
}

QCryptoCipher *qcrypto_cipher_new(QCryptoCipherAlgorithm alg,
                                  QCryptoCipherMode mode,
                                  const uint8_t *key, size_t nkey,
                                  Error **errp)
{
    QCryptoCipher *c;

    if (!qcrypto_cipher_supports(alg, mode)) {
        error_setg(errp, "Cipher aes-256 in cbc mode is not supported by "
                   "this build (no nettle)");
        return NULL;
    }
    if (nkey != qcrypto_cipher_get_key_len(alg)) {
        error_setg(errp, "Cipher key length %zu must be %zu", nkey,
                   qcrypto_cipher_get_key_len(alg));
        return NULL;
    }
    c = g_new0(QCryptoCipher, 1);
    c->alg = alg;
    c->mode = mode;
#ifdef CONFIG_NETTLE
    aes256_set_encrypt_key(&c->enc, key);
    aes256_set_decrypt_key(&c->dec, key);
#endif
    return c;
}

void qcrypto_cipher_free(QCryptoCipher *cipher)
{
    if (cipher) {
        /* the round keys are the key: do not leave them in freed memory */
        memset(cipher, 0, sizeof(*cipher));
        g_free(cipher);
    }
}

int qcrypto_cipher_setiv(QCryptoCipher *cipher, const uint8_t *iv,
                         size_t niv, Error **errp)
{
    size_t want = qcrypto_cipher_get_iv_len(cipher->alg, cipher->mode);

    if (niv != want) {
        error_setg(errp, "Expected IV size %zu not %zu", want, niv);
        return -1;
    }
#ifdef CONFIG_NETTLE
    memcpy(cipher->iv, iv, niv);
#endif
    return 0;
}

static int check_len(QCryptoCipher *cipher, size_t len, Error **errp)
{
    size_t blk = qcrypto_cipher_get_block_len(cipher->alg);

    if (len % blk) {
        error_setg(errp, "Length %zu must be a multiple of block size %zu",
                   len, blk);
        return -1;
    }
    return 0;
}

int qcrypto_cipher_encrypt(QCryptoCipher *cipher, const void *in, void *out,
                           size_t len, Error **errp)
{
    if (check_len(cipher, len, errp) < 0) {
        return -1;
    }
#ifdef CONFIG_NETTLE
    /* the IV chains on: consecutive calls continue one CBC stream */
    cbc_encrypt(&cipher->enc, (nettle_cipher_func *)aes256_encrypt,
                AES_BLOCK_SIZE, cipher->iv, len, out, in);
#endif
    return 0;
}

int qcrypto_cipher_decrypt(QCryptoCipher *cipher, const void *in, void *out,
                           size_t len, Error **errp)
{
    if (check_len(cipher, len, errp) < 0) {
        return -1;
    }
#ifdef CONFIG_NETTLE
    cbc_decrypt(&cipher->dec, (nettle_cipher_func *)aes256_decrypt,
                AES_BLOCK_SIZE, cipher->iv, len, out, in);
#endif
    return 0;
}
