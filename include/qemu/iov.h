/*
 * Scatter/gather helpers over struct iovec, and QEMUIOVector, a
 * growable iovec array that remembers its total size.
 */
#ifndef QEMU_IOV_H
#define QEMU_IOV_H

#include "qemu/typedefs.h"

/* Total number of bytes in @iov. */
size_t iov_size(const struct iovec *iov, const unsigned int iov_cnt);

/*
 * Copy between a buffer and the iovec, starting @offset bytes into the
 * iovec; stop at the end of either.  Return the number of bytes copied.
 */
size_t iov_from_buf_full(const struct iovec *iov, unsigned int iov_cnt,
                         size_t offset, const void *buf, size_t bytes);
size_t iov_to_buf_full(const struct iovec *iov, const unsigned int iov_cnt,
                       size_t offset, void *buf, size_t bytes);

static inline size_t iov_from_buf(const struct iovec *iov,
                                  unsigned int iov_cnt, size_t offset,
                                  const void *buf, size_t bytes)
{
    if (__builtin_constant_p(bytes) && iov_cnt &&
        offset <= iov[0].iov_len && bytes <= iov[0].iov_len - offset) {
        memcpy((char *)iov[0].iov_base + offset, buf, bytes);
        return bytes;
    }
    return iov_from_buf_full(iov, iov_cnt, offset, buf, bytes);
}

static inline size_t iov_to_buf(const struct iovec *iov,
                                const unsigned int iov_cnt, size_t offset,
                                void *buf, size_t bytes)
{
    if (__builtin_constant_p(bytes) && iov_cnt &&
        offset <= iov[0].iov_len && bytes <= iov[0].iov_len - offset) {
        memcpy(buf, (char *)iov[0].iov_base + offset, bytes);
        return bytes;
    }
    return iov_to_buf_full(iov, iov_cnt, offset, buf, bytes);
}

/* Fill @bytes bytes at @offset with @fillc; return bytes written. */
size_t iov_memset(const struct iovec *iov, const unsigned int iov_cnt,
                  size_t offset, int fillc, size_t bytes);

/*
 * Describe @bytes bytes at @offset of @iov in @dst_iov (at most
 * @dst_iov_cnt entries), without copying data.  Returns entries used.
 */
unsigned iov_copy(struct iovec *dst_iov, unsigned int dst_iov_cnt,
                  const struct iovec *iov, unsigned int iov_cnt,
                  size_t offset, size_t bytes);

/*
 * Drop @bytes from the front/back of the vector, adjusting the array
 * in place.  Return the number of bytes actually dropped.
 */
size_t iov_discard_front(struct iovec **iov, unsigned int *iov_cnt,
                         size_t bytes);
size_t iov_discard_back(struct iovec *iov, unsigned int *iov_cnt,
                        size_t bytes);

/* readv/writev-style transfer of @bytes at @offset on socket/fd @sockfd. */
ssize_t iov_send_recv(int sockfd, const struct iovec *iov,
                      unsigned iov_cnt, size_t offset, size_t bytes,
                      bool do_send);
#define iov_recv(sockfd, iov, iov_cnt, offset, bytes) \
    iov_send_recv(sockfd, iov, iov_cnt, offset, bytes, false)
#define iov_send(sockfd, iov, iov_cnt, offset, bytes) \
    iov_send_recv(sockfd, iov, iov_cnt, offset, bytes, true)

void iov_hexdump(const struct iovec *iov, const unsigned int iov_cnt,
                 FILE *fp, const char *prefix, size_t limit);

struct QEMUIOVector {
    struct iovec *iov;
    int niov;
    /* Allocated entries, or -1 when @iov is borrowed (external/buf). */
    int nalloc;
    size_t size;
    /* Storage for the single-buffer case (qemu_iovec_init_buf). */
    struct iovec local_iov;
};

/* Static initialiser for a one-buffer vector: QEMU_IOVEC_INIT_BUF(qiov, buf, len). */
#define QEMU_IOVEC_INIT_BUF(self, buf, len)                     \
{                                                               \
    .iov = &(self).local_iov,                                   \
    .niov = 1,                                                  \
    .nalloc = -1,                                               \
    .size = (len),                                              \
    .local_iov = { .iov_base = (void *)(buf), .iov_len = (len) }, \
}

static inline void qemu_iovec_init_buf(QEMUIOVector *qiov,
                                       void *buf, size_t len)
{
    *qiov = (QEMUIOVector) QEMU_IOVEC_INIT_BUF(*qiov, buf, len);
}

/* The buffer of a vector set up with qemu_iovec_init_buf. */
static inline void *qemu_iovec_buf(QEMUIOVector *qiov)
{
    assert(qiov->nalloc == -1 && qiov->iov == &qiov->local_iov);
    return qiov->local_iov.iov_base;
}

void qemu_iovec_init(QEMUIOVector *qiov, int alloc_hint);
/* Wrap an existing array (not copied, not freed by destroy). */
void qemu_iovec_init_external(QEMUIOVector *qiov, struct iovec *iov, int niov);
/* A new vector describing @len bytes at @offset of @source (allocates). */
void qemu_iovec_init_slice(QEMUIOVector *qiov, QEMUIOVector *source,
                           size_t offset, size_t len);
void qemu_iovec_add(QEMUIOVector *qiov, void *base, size_t len);
/* Append @sbytes bytes at @soffset of @src to @dst (no data copied). */
void qemu_iovec_concat(QEMUIOVector *dst,
                       QEMUIOVector *src, size_t soffset, size_t sbytes);
size_t qemu_iovec_concat_iov(QEMUIOVector *dst,
                             struct iovec *src_iov, unsigned int src_cnt,
                             size_t soffset, size_t sbytes);
bool qemu_iovec_is_zero(QEMUIOVector *qiov, size_t qiov_offeset, size_t bytes);
void qemu_iovec_destroy(QEMUIOVector *qiov);
/* Empty the vector, keeping its allocation. */
void qemu_iovec_reset(QEMUIOVector *qiov);
size_t qemu_iovec_to_buf(QEMUIOVector *qiov, size_t offset,
                         void *buf, size_t bytes);
size_t qemu_iovec_from_buf(QEMUIOVector *qiov, size_t offset,
                           const void *buf, size_t bytes);
size_t qemu_iovec_memset(QEMUIOVector *qiov, size_t offset,
                         int fillc, size_t bytes);
/* Offset of the first difference, or -1 if equal. */
ssize_t qemu_iovec_compare(QEMUIOVector *a, QEMUIOVector *b);
void qemu_iovec_discard_back(QEMUIOVector *qiov, size_t bytes);

#endif
