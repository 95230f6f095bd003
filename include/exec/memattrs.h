/* Attributes and results of a memory transaction. */
#ifndef EXEC_MEMATTRS_H
#define EXEC_MEMATTRS_H

typedef struct MemTxAttrs {
    /* No attributes were given by the caller (most device models). */
    unsigned int unspecified:1;
    unsigned int secure:1;
    unsigned int user:1;
    unsigned int memory:1;
    unsigned int requester_id:16;
    unsigned int byte_swap:1;
} MemTxAttrs;

#define MEMTXATTRS_UNSPECIFIED ((MemTxAttrs) { .unspecified = 1 })

typedef uint32_t MemTxResult;
#define MEMTX_OK 0
#define MEMTX_ERROR             (1U << 0) /* device returned an error */
#define MEMTX_DECODE_ERROR      (1U << 1) /* nothing at that address */
#define MEMTX_ACCESS_ERROR      (1U << 2) /* access denied */

#endif
