#ifndef QEMU_COMPILER_H
#define QEMU_COMPILER_H

#define QEMU_NORETURN __attribute__((noreturn))
#define QEMU_PACKED __attribute__((packed))
#define QEMU_UNUSED __attribute__((unused))
#define QEMU_ALIGNED(x) __attribute__((aligned(x)))
#define QEMU_WARN_UNUSED_RESULT __attribute__((warn_unused_result))
#define G_GNUC_FMT(fmt, args) __attribute__((format(printf, fmt, args)))

#define QEMU_BUILD_BUG_ON(x) _Static_assert(!(x), "not expecting: " #x)
#define QEMU_BUILD_BUG_MSG(x, msg) _Static_assert(!(x), msg)

#define likely(x)   __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#ifndef container_of
#define container_of(ptr, type, member) ({                      \
        const typeof(((type *) 0)->member) *__mptr = (ptr);     \
        (type *) ((char *) __mptr - offsetof(type, member));})
#endif

#define typeof_field(type, field) typeof(((type *)0)->field)

#define QEMU_FIRST_(a, b) a
#define stringify(s) tostring(s)
#define tostring(s) #s

#endif
