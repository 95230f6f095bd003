/* Guest physical addresses. */
#ifndef EXEC_HWADDR_H
#define EXEC_HWADDR_H

#define HWADDR_BITS 64
#define HWADDR_MAX UINT64_MAX
#define TARGET_FMT_plx "%016" PRIx64
#define HWADDR_PRId PRId64
#define HWADDR_PRIi PRIi64
#define HWADDR_PRIo PRIo64
#define HWADDR_PRIu PRIu64
#define HWADDR_PRIx PRIx64
#define HWADDR_PRIX PRIX64

typedef uint64_t hwaddr;
typedef uint64_t ram_addr_t;
typedef uint64_t vaddr;

#define RAM_ADDR_MAX UINT64_MAX
#define RAM_ADDR_FMT "%" PRIx64

#endif
