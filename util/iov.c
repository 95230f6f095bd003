/*
 * Scatter/gather helpers and QEMUIOVector.
 */
#include "qemu/osdep.h"
#include <sys/socket.h>
#include "qemu/cutils.h"
#include "qemu/iov.h"

size_t iov_size(const struct iovec *iov, const unsigned int iov_cnt)
{
    size_t len = 0;
    unsigned int i;

    for (i = 0; i < iov_cnt; i++) {
        len += iov[i].iov_len;
    }
    return len;
}

size_t iov_from_buf_full(const struct iovec *iov, unsigned int iov_cnt,
                         size_t offset, const void *buf, size_t bytes)
{
    size_t done = 0;
    unsigned int i;

    for (i = 0; done < bytes && i < iov_cnt; i++) {
        if (offset < iov[i].iov_len) {
            size_t len = MIN(iov[i].iov_len - offset, bytes - done);

            memcpy((char *)iov[i].iov_base + offset, (const char *)buf + done,
                   len);
            done += len;
            offset = 0;
        } else {
            offset -= iov[i].iov_len;
        }
    }
    return done;
}

size_t iov_to_buf_full(const struct iovec *iov, const unsigned int iov_cnt,
                       size_t offset, void *buf, size_t bytes)
{
    size_t done = 0;
    unsigned int i;

    for (i = 0; done < bytes && i < iov_cnt; i++) {
        if (offset < iov[i].iov_len) {
            size_t len = MIN(iov[i].iov_len - offset, bytes - done);

            memcpy((char *)buf + done, (char *)iov[i].iov_base + offset, len);
            done += len;
            offset = 0;
        } else {
            offset -= iov[i].iov_len;
        }
    }
    return done;
}

size_t iov_memset(const struct iovec *iov, const unsigned int iov_cnt,
                  size_t offset, int fillc, size_t bytes)
{
    size_t done = 0;
    unsigned int i;

    for (i = 0; done < bytes && i < iov_cnt; i++) {
        if (offset < iov[i].iov_len) {
            size_t len = MIN(iov[i].iov_len - offset, bytes - done);

            memset((char *)iov[i].iov_base + offset, fillc, len);
            done += len;
            offset = 0;
        } else {
            offset -= iov[i].iov_len;
        }
    }
    return done;
}

unsigned iov_copy(struct iovec *dst_iov, unsigned int dst_iov_cnt,
                  const struct iovec *iov, unsigned int iov_cnt,
                  size_t offset, size_t bytes)
{
    unsigned int i, j = 0;

    for (i = 0; bytes && i < iov_cnt && j < dst_iov_cnt; i++) {
        if (offset >= iov[i].iov_len) {
            offset -= iov[i].iov_len;
            continue;
        }
        dst_iov[j].iov_base = (char *)iov[i].iov_base + offset;
        dst_iov[j].iov_len = MIN(iov[i].iov_len - offset, bytes);
        bytes -= dst_iov[j].iov_len;
        offset = 0;
        j++;
    }
    return j;
}

size_t iov_discard_front(struct iovec **iov, unsigned int *iov_cnt,
                         size_t bytes)
{
    size_t total = 0;
    struct iovec *cur;

    for (cur = *iov; *iov_cnt > 0; cur++) {
        if (cur->iov_len > bytes) {
            cur->iov_base = (char *)cur->iov_base + bytes;
            cur->iov_len -= bytes;
            total += bytes;
            break;
        }
        bytes -= cur->iov_len;
        total += cur->iov_len;
        *iov_cnt -= 1;
    }
    *iov = cur;
    return total;
}

size_t iov_discard_back(struct iovec *iov, unsigned int *iov_cnt,
                        size_t bytes)
{
    size_t total = 0;

    while (*iov_cnt > 0) {
        struct iovec *cur = &iov[*iov_cnt - 1];

        if (cur->iov_len > bytes) {
            cur->iov_len -= bytes;
            total += bytes;
            break;
        }
        bytes -= cur->iov_len;
        total += cur->iov_len;
        *iov_cnt -= 1;
    }
    return total;
}

ssize_t iov_send_recv(int sockfd, const struct iovec *iov, unsigned iov_cnt,
                      size_t offset, size_t bytes, bool do_send)
{
    struct iovec *local = g_new(struct iovec, iov_cnt ? iov_cnt : 1);
    size_t done = 0;

    while (done < bytes) {
        unsigned n = iov_copy(local, iov_cnt, iov, iov_cnt, offset + done,
                              bytes - done);
        struct msghdr msg = { .msg_iov = local, .msg_iovlen = n };
        ssize_t ret;

        if (!n) {
            break;
        }
        ret = do_send ? sendmsg(sockfd, &msg, 0) : recvmsg(sockfd, &msg, 0);
        if (ret < 0 && errno == ENOTSOCK) {
            ret = do_send ? writev(sockfd, local, n) : readv(sockfd, local, n);
        }
        if (ret < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (done == 0) {
                g_free(local);
                return -1;
            }
            break;
        }
        if (ret == 0) {
            break;
        }
        done += ret;
    }
    g_free(local);
    return done;
}

void iov_hexdump(const struct iovec *iov, const unsigned int iov_cnt,
                 FILE *fp, const char *prefix, size_t limit)
{
    size_t size = MIN(iov_size(iov, iov_cnt), limit);
    g_autofree char *buf = g_malloc(size ? size : 1);
    size_t i;

    iov_to_buf(iov, iov_cnt, 0, buf, size);
    for (i = 0; i < size; i++) {
        if (i % 16 == 0) {
            fprintf(fp, "%s: %04zx:", prefix, i);
        }
        fprintf(fp, " %02x", (unsigned char)buf[i]);
        if (i % 16 == 15 || i == size - 1) {
            fprintf(fp, "\n");
        }
    }
}

/* ---- QEMUIOVector ---- */

void qemu_iovec_init(QEMUIOVector *qiov, int alloc_hint)
{
    alloc_hint = MAX(alloc_hint, 1);
    qiov->iov = g_new(struct iovec, alloc_hint);
    qiov->niov = 0;
    qiov->nalloc = alloc_hint;
    qiov->size = 0;
    qiov->local_iov = (struct iovec) { 0 };
}

void qemu_iovec_init_external(QEMUIOVector *qiov, struct iovec *iov, int niov)
{
    qiov->iov = iov;
    qiov->niov = niov;
    qiov->nalloc = -1;
    qiov->size = iov_size(iov, niov);
    qiov->local_iov = (struct iovec) { 0 };
}

void qemu_iovec_add(QEMUIOVector *qiov, void *base, size_t len)
{
    assert(qiov->nalloc != -1);
    if (qiov->niov == qiov->nalloc) {
        qiov->nalloc = 2 * qiov->nalloc + 1;
        qiov->iov = g_renew(struct iovec, qiov->iov, qiov->nalloc);
    }
    qiov->iov[qiov->niov].iov_base = base;
    qiov->iov[qiov->niov].iov_len = len;
    qiov->size += len;
    qiov->niov++;
}

size_t qemu_iovec_concat_iov(QEMUIOVector *dst,
                             struct iovec *src_iov, unsigned int src_cnt,
                             size_t soffset, size_t sbytes)
{
    size_t done = 0;
    unsigned int i;

    assert(dst->nalloc != -1);
    for (i = 0; i < src_cnt && done < sbytes; i++) {
        if (soffset < src_iov[i].iov_len) {
            size_t len = MIN(src_iov[i].iov_len - soffset, sbytes - done);

            qemu_iovec_add(dst, (char *)src_iov[i].iov_base + soffset, len);
            done += len;
            soffset = 0;
        } else {
            soffset -= src_iov[i].iov_len;
        }
    }
    assert(soffset == 0 || done == 0 || done == sbytes);
    return done;
}

void qemu_iovec_concat(QEMUIOVector *dst,
                       QEMUIOVector *src, size_t soffset, size_t sbytes)
{
    qemu_iovec_concat_iov(dst, src->iov, src->niov, soffset, sbytes);
}

void qemu_iovec_init_slice(QEMUIOVector *qiov, QEMUIOVector *source,
                           size_t offset, size_t len)
{
    assert(offset + len <= source->size);
    qemu_iovec_init(qiov, source->niov);
    qemu_iovec_concat(qiov, source, offset, len);
}

bool qemu_iovec_is_zero(QEMUIOVector *qiov, size_t offset, size_t bytes)
{
    int i;

    for (i = 0; i < qiov->niov && bytes; i++) {
        size_t len;

        if (offset >= qiov->iov[i].iov_len) {
            offset -= qiov->iov[i].iov_len;
            continue;
        }
        len = MIN(qiov->iov[i].iov_len - offset, bytes);
        if (!buffer_is_zero((char *)qiov->iov[i].iov_base + offset, len)) {
            return false;
        }
        bytes -= len;
        offset = 0;
    }
    return true;
}

void qemu_iovec_destroy(QEMUIOVector *qiov)
{
    if (qiov->nalloc != -1) {
        g_free(qiov->iov);
    }
    memset(qiov, 0, sizeof(*qiov));
}

void qemu_iovec_reset(QEMUIOVector *qiov)
{
    assert(qiov->nalloc != -1);
    qiov->niov = 0;
    qiov->size = 0;
}

size_t qemu_iovec_to_buf(QEMUIOVector *qiov, size_t offset,
                         void *buf, size_t bytes)
{
    return iov_to_buf(qiov->iov, qiov->niov, offset, buf, bytes);
}

size_t qemu_iovec_from_buf(QEMUIOVector *qiov, size_t offset,
                           const void *buf, size_t bytes)
{
    return iov_from_buf(qiov->iov, qiov->niov, offset, buf, bytes);
}

size_t qemu_iovec_memset(QEMUIOVector *qiov, size_t offset,
                         int fillc, size_t bytes)
{
    return iov_memset(qiov->iov, qiov->niov, offset, fillc, bytes);
}

ssize_t qemu_iovec_compare(QEMUIOVector *a, QEMUIOVector *b)
{
    size_t total = MIN(a->size, b->size);
    g_autofree char *pa = g_malloc(total ? total : 1);
    g_autofree char *pb = g_malloc(total ? total : 1);
    size_t i;

    qemu_iovec_to_buf(a, 0, pa, total);
    qemu_iovec_to_buf(b, 0, pb, total);
    for (i = 0; i < total; i++) {
        if (pa[i] != pb[i]) {
            return i;
        }
    }
    return a->size == b->size ? -1 : (ssize_t)total;
}

void qemu_iovec_discard_back(QEMUIOVector *qiov, size_t bytes)
{
    size_t total = qiov->size;
    unsigned int niov = qiov->niov;

    assert(qiov->size >= bytes);
    total -= iov_discard_back(qiov->iov, &niov, bytes);
    qiov->niov = niov;
    qiov->size = total;
}
