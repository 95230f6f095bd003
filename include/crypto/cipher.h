/*
 * Symmetric ciphers (QEMU's qcrypto_cipher API, reduced to what kvmemu
 * uses: AES-256 in CBC mode, for secrets encrypted with libvirt's master
 * key).  Backed by nettle; without it qcrypto_cipher_supports() is false
 * and qcrypto_cipher_new() fails with a clear error.
 */
#ifndef CRYPTO_CIPHER_H
#define CRYPTO_CIPHER_H

typedef enum QCryptoCipherAlgorithm {
    QCRYPTO_CIPHER_ALG_AES_256,
} QCryptoCipherAlgorithm;

typedef enum QCryptoCipherMode {
    QCRYPTO_CIPHER_MODE_CBC,
} QCryptoCipherMode;

typedef struct QCryptoCipher QCryptoCipher;

bool qcrypto_cipher_supports(QCryptoCipherAlgorithm alg,
                             QCryptoCipherMode mode);
size_t qcrypto_cipher_get_key_len(QCryptoCipherAlgorithm alg);
size_t qcrypto_cipher_get_iv_len(QCryptoCipherAlgorithm alg,
                                 QCryptoCipherMode mode);
size_t qcrypto_cipher_get_block_len(QCryptoCipherAlgorithm alg);

/* NULL with @errp set if the key length is wrong or there is no backend. */
QCryptoCipher *qcrypto_cipher_new(QCryptoCipherAlgorithm alg,
                                  QCryptoCipherMode mode,
                                  const uint8_t *key, size_t nkey,
                                  Error **errp);
void qcrypto_cipher_free(QCryptoCipher *cipher);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(QCryptoCipher, qcrypto_cipher_free)

int qcrypto_cipher_setiv(QCryptoCipher *cipher, const uint8_t *iv,
                         size_t niv, Error **errp);
/* @len must be a multiple of the block length; @in and @out may alias. */
int qcrypto_cipher_encrypt(QCryptoCipher *cipher, const void *in, void *out,
                           size_t len, Error **errp);
int qcrypto_cipher_decrypt(QCryptoCipher *cipher, const void *in, void *out,
                           size_t len, Error **errp);

#endif
