/*
 * String helpers and a small printf on COM1 for the test guests.
 * The guests are linked without libgcc, so nothing here may need a
 * 64-bit division helper: 64-bit numbers are split by hand.
 */
#include "guest.h"

#define COM1 0x3f8

void *memset(void *s, int c, size_t n)
{
    uint8_t *p = s;
    while (n--) {
        *p++ = c;
    }
    return s;
}

void *memcpy(void *d, const void *s, size_t n)
{
    uint8_t *dp = d;
    const uint8_t *sp = s;
    while (n--) {
        *dp++ = *sp++;
    }
    return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const uint8_t *pa = a, *pb = b;
    for (; n; n--, pa++, pb++) {
        if (*pa != *pb) {
            return *pa - *pb;
        }
    }
    return 0;
}

size_t strlen(const char *s)
{
    size_t n = 0;
    while (s[n]) {
        n++;
    }
    return n;
}

int strncmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        if (*a != *b || !*a) {
            return (uint8_t)*a - (uint8_t)*b;
        }
    }
    return 0;
}

int strcmp(const char *a, const char *b)
{
    return strncmp(a, b, (size_t)-1);
}

void serial_init(void)
{
    outb(0x00, COM1 + 1);       /* no interrupts */
    outb(0x80, COM1 + 3);       /* DLAB */
    outb(0x01, COM1 + 0);       /* 115200 baud */
    outb(0x00, COM1 + 1);
    outb(0x03, COM1 + 3);       /* 8N1 */
    outb(0x07, COM1 + 2);       /* enable and clear FIFOs */
    outb(0x03, COM1 + 4);       /* DTR, RTS */
}

void serial_putc(char c)
{
    /* Bounded: a missing UART must not hang the guest. */
    for (int i = 0; i < 100000 && !(inb(COM1 + 5) & 0x20); i++) {
        cpu_relax();
    }
    outb(c, COM1);
}

/* Divides *v by BASE (<= 16) in place and returns the remainder. */
static unsigned divmod64(uint64_t *v, unsigned base)
{
    uint32_t hi = *v >> 32, lo = (uint32_t)*v, rem;
    uint32_t qhi = hi / base;
    rem = hi % base;
    /* rem < base, so (rem:lo) / base fits in 32 bits */
    asm("divl %4" : "=a"(lo), "=d"(rem) : "0"(lo), "1"(rem), "rm"(base));
    *v = ((uint64_t)qhi << 32) | lo;
    return rem;
}

static void print_num(uint64_t v, unsigned base, bool neg, int width,
                      char pad, bool upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char buf[24];
    int n = 0;

    do {
        buf[n++] = digits[divmod64(&v, base)];
    } while (v);
    if (neg) {
        if (pad == '0') {
            serial_putc('-');
        } else {
            buf[n++] = '-';
        }
        width--;
    }
    for (; width > n; width--) {
        serial_putc(pad);
    }
    while (n) {
        serial_putc(buf[--n]);
    }
}

static volatile uint32_t print_lock;

int vprintf(const char *fmt, va_list ap)
{
    spin_lock(&print_lock);
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            serial_putc(*fmt);
            continue;
        }
        fmt++;
        char pad = ' ';
        int width = 0, longs = 0;
        bool left = false;
        if (*fmt == '-') {
            left = true;
            fmt++;
        }
        if (*fmt == '0') {
            pad = '0';
            fmt++;
        }
        while (*fmt >= '0' && *fmt <= '9') {
            width = width * 10 + (*fmt++ - '0');
        }
        while (*fmt == 'l') {
            longs++;
            fmt++;
        }
        uint64_t v;
        bool neg = false;
        switch (*fmt) {
        case 'd':
        case 'i': {
            int64_t s = longs >= 2 ? va_arg(ap, int64_t) : va_arg(ap, long);
            neg = s < 0;
            v = neg ? -(uint64_t)s : (uint64_t)s;
            print_num(v, 10, neg, width, pad, false);
            break;
        }
        case 'u':
        case 'x':
        case 'X':
            v = longs >= 2 ? va_arg(ap, uint64_t) : va_arg(ap, unsigned long);
            print_num(v, *fmt == 'u' ? 10 : 16, false, width, pad, *fmt == 'X');
            break;
        case 'p':
            serial_putc('0');
            serial_putc('x');
            print_num((uintptr_t)va_arg(ap, void *), 16, false, 8, '0', false);
            break;
        case 'c':
            serial_putc(va_arg(ap, int));
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            int len;
            if (!s) {
                s = "(null)";
            }
            len = strlen(s);
            for (; !left && width > len; width--) {
                serial_putc(' ');
            }
            while (*s) {
                serial_putc(*s++);
            }
            for (; left && width > len; width--) {
                serial_putc(' ');
            }
            break;
        }
        case '%':
            serial_putc('%');
            break;
        case '\0':
            fmt--;
            break;
        default:
            serial_putc('%');
            serial_putc(*fmt);
            break;
        }
    }
    spin_unlock(&print_lock);
    return 0;
}

void console_break_lock(void)
{
    spin_unlock(&print_lock);
}

int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    return 0;
}
