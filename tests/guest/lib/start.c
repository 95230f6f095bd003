/*
 * C start-up for the test guests: console, command line, exit.
 */
#include "guest.h"

struct multiboot_info *boot_info;
static char cmdline_buf[512];
/* the loader must zero .bss (ELF p_memsz beyond p_filesz) */
static volatile uint32_t bss_canary[16];

void guest_start(uint32_t magic, struct multiboot_info *mbi);

void guest_start(uint32_t magic, struct multiboot_info *mbi)
{
    serial_init();
    if (magic != MULTIBOOT_BOOTLOADER_MAGIC) {
        fail("bad multiboot magic %x\n", magic);
    }
    for (int i = 0; i < ARRAY_SIZE(bss_canary); i++) {
        if (bss_canary[i]) {
            fail("the loader did not zero .bss\n");
        }
    }
    boot_info = mbi;
    if (mbi->flags & MBI_FLAG_CMDLINE) {
        const char *s = (const char *)(uintptr_t)mbi->cmdline;
        size_t i;
        for (i = 0; s[i] && i < sizeof(cmdline_buf) - 1; i++) {
            cmdline_buf[i] = s[i];
        }
        cmdline_buf[i] = 0;
    }
    exit(main());
}

void exit(int code)
{
    irq_disable();
    outb(code, 0xf4);
    for (;;) {
        asm volatile("cli; hlt");
    }
}

void fail(const char *fmt, ...)
{
    va_list ap;

    irq_disable();
    console_break_lock();
    printf("FAIL: ");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    exit(1);
}

const char *cmdline(void)
{
    return cmdline_buf;
}

/*
 * Finds KEY among the blank-separated words.  QEMU passes the kernel file
 * name as the first word; it never looks like key=value, so it is harmless.
 */
const char *cmdline_get(const char *key, char *buf, size_t size)
{
    const char *p = cmdline_buf;
    size_t klen = strlen(key);

    while (*p) {
        while (*p == ' ') {
            p++;
        }
        const char *w = p;
        while (*p && *p != ' ') {
            p++;
        }
        if ((size_t)(p - w) >= klen && !strncmp(w, key, klen) &&
            (w[klen] == '=' || w + klen == p)) {
            const char *v = w[klen] == '=' ? w + klen + 1 : p;
            size_t n = 0;
            while (v + n < p && n + 1 < size) {
                buf[n] = v[n];
                n++;
            }
            buf[n] = 0;
            return buf;
        }
    }
    return NULL;
}

bool cmdline_has(const char *key)
{
    char buf[4];
    return cmdline_get(key, buf, sizeof(buf)) != NULL;
}

long cmdline_get_int(const char *key, long def)
{
    char buf[24];
    const char *s = cmdline_get(key, buf, sizeof(buf));
    long v = 0;
    int base = 10;

    if (!s || !*s) {
        return def;
    }
    if (s[0] == '0' && s[1] == 'x') {
        base = 16;
        s += 2;
    }
    for (; *s; s++) {
        int d;
        if (*s >= '0' && *s <= '9') {
            d = *s - '0';
        } else if (base == 16 && *s >= 'a' && *s <= 'f') {
            d = *s - 'a' + 10;
        } else {
            return def;
        }
        v = v * base + d;
    }
    return v;
}

void spin(uint32_t n)
{
    while (n--) {
        cpu_relax();
    }
}
