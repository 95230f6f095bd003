/*
 * qtest protocol server: a test program connected to the -qtest chardev
 * sends one command per line and gets "OK ..." or "FAIL ..." back.
 * Interrupt lines it intercepted are reported asynchronously as
 * "IRQ raise N" / "IRQ lower N".  See docs/devel/qtest.md.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/cutils.h"
#include "qemu/base64.h"
#include "qemu/bswap.h"
#include "qemu/timer.h"
#include "qemu/main-loop.h"
#include "chardev/char.h"
#include "chardev/char-fe.h"
#include "exec/memory.h"
#include "exec/address-spaces.h"
#include "exec/ioport.h"
#include "hw/qdev-core.h"
#include "hw/irq.h"
#include "sysemu/qtest.h"
#include "sysemu/runstate.h"

#define MAX_IRQ 256

static CharBackend qtest_chr;
static bool qtest_opened;
static GString *qtest_inbuf;
static FILE *qtest_log_fp;
static int64_t qtest_start_ns;
static DeviceState *irq_intercept_dev;
static int irq_levels[MAX_IRQ];

bool qtest_driver(void)
{
    return qtest_opened;
}

static void qtest_log_line(char dir, const char *line, size_t len)
{
    int64_t ns;

    if (!qtest_log_fp) {
        return;
    }
    ns = qemu_clock_get_ns(QEMU_CLOCK_REALTIME) - qtest_start_ns;
    fprintf(qtest_log_fp, "[%c +%" PRId64 ".%06" PRId64 "] %.*s\n", dir,
            ns / 1000000000, (ns / 1000) % 1000000, (int)len, line);
    fflush(qtest_log_fp);
}

static void qtest_send_str(const char *str)
{
    size_t len = strlen(str);

    qtest_log_line('S', str, len && str[len - 1] == '\n' ? len - 1 : len);
    qemu_chr_fe_write_all(&qtest_chr, (const uint8_t *)str, len);
}

void qtest_sendf(const char *fmt, ...)
{
    va_list ap;
    g_autofree char *str = NULL;

    va_start(ap, fmt);
    str = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    if (qtest_opened) {
        qtest_send_str(str);
    }
}

static void qtest_irq_handler(void *opaque, int n, int level)
{
    level = !!level;
    if (n < 0 || n >= MAX_IRQ || irq_levels[n] == level) {
        return;
    }
    irq_levels[n] = level;
    qtest_sendf("IRQ %s %d\n", level ? "raise" : "lower", n);
}

/* ---- argument parsing ------------------------------------------- */

static bool parse_u64(const char *word, uint64_t *val)
{
    return word && qemu_strtou64(word, NULL, 0, val) == 0;
}

static int nwords(gchar **words)
{
    return g_strv_length(words);
}

/* ---- commands ------------------------------------------------------ */

static DeviceState *resolve_device(const char *path)
{
    Object *obj = object_resolve_path(path, NULL);

    return obj ? (DeviceState *)object_dynamic_cast(obj, TYPE_DEVICE) : NULL;
}

static void cmd_irq_intercept(gchar **words, bool out)
{
    DeviceState *dev;
    NamedGPIOList *ngl;
    bool any = false;
    int i;

    if (nwords(words) != 2) {
        qtest_send_str("FAIL wrong number of arguments\n");
        return;
    }
    dev = resolve_device(words[1]);
    if (!dev) {
        qtest_send_str("FAIL Unknown device\n");
        return;
    }
    if (irq_intercept_dev) {
        qtest_send_str(irq_intercept_dev == dev ? "OK\n" :
                       "FAIL IRQ intercept already enabled\n");
        return;
    }
    QLIST_FOREACH(ngl, &dev->gpios, node) {
        /* As QEMU: named GPIO lists are not intercepted. */
        if (ngl->name) {
            continue;
        }
        if (out) {
            for (i = 0; i < ngl->num_out; i++) {
                qdev_connect_gpio_out_named(dev, NULL, i,
                    qemu_allocate_irq(qtest_irq_handler, NULL, i));
                any = true;
            }
        } else if (ngl->num_in) {
            qemu_irq_intercept_in(ngl->in, qtest_irq_handler, ngl->num_in);
            any = true;
        }
    }
    if (!any) {
        qtest_send_str("FAIL device has no unnamed GPIO lines\n");
        return;
    }
    irq_intercept_dev = dev;
    qtest_send_str("OK\n");
}

static void cmd_set_irq_in(gchar **words)
{
    DeviceState *dev;
    const char *name;
    uint64_t num;
    int64_t level;
    NamedGPIOList *ngl;

    if (nwords(words) != 5 || !parse_u64(words[3], &num) ||
        qemu_strtoi64(words[4], NULL, 0, &level) != 0) {
        qtest_send_str("FAIL bad arguments\n");
        return;
    }
    dev = resolve_device(words[1]);
    if (!dev) {
        qtest_send_str("FAIL Unknown device\n");
        return;
    }
    name = g_str_equal(words[2], "unnamed") ? NULL : words[2];
    ngl = qdev_get_named_gpio_list(dev, name);
    if (!ngl || num >= (uint64_t)ngl->num_in) {
        qtest_send_str("FAIL no such GPIO input\n");
        return;
    }
    qemu_set_irq(ngl->in[num], level);
    qtest_send_str("OK\n");
}

static void cmd_pio(gchar **words)
{
    const char *cmd = words[0];
    uint64_t addr, val;
    bool is_out = cmd[0] == 'o';
    char size = cmd[is_out ? 3 : 2];

    if (nwords(words) != (is_out ? 3 : 2) || !parse_u64(words[1], &addr) ||
        addr > 0xffff || (is_out && !parse_u64(words[2], &val))) {
        qtest_send_str("FAIL bad arguments\n");
        return;
    }
    if (is_out) {
        switch (size) {
        case 'b':
            cpu_outb(addr, val);
            break;
        case 'w':
            cpu_outw(addr, val);
            break;
        default:
            cpu_outl(addr, val);
            break;
        }
        qtest_send_str("OK\n");
        return;
    }
    switch (size) {
    case 'b':
        val = cpu_inb(addr);
        break;
    case 'w':
        val = cpu_inw(addr);
        break;
    default:
        val = cpu_inl(addr);
        break;
    }
    qtest_sendf("OK 0x%04" PRIx64 "\n", val);
}

static unsigned mem_size_of(char c)
{
    switch (c) {
    case 'b':
        return 1;
    case 'w':
        return 2;
    case 'l':
        return 4;
    case 'q':
        return 8;
    }
    return 0;
}

static void cmd_mem_scalar(gchar **words)
{
    bool is_write = words[0][0] == 'w';
    unsigned size = mem_size_of(words[0][is_write ? 5 : 4]);
    uint64_t addr, val = 0;
    uint8_t buf[8] = { 0 };

    if (nwords(words) != (is_write ? 3 : 2) || !parse_u64(words[1], &addr) ||
        (is_write && !parse_u64(words[2], &val))) {
        qtest_send_str("FAIL bad arguments\n");
        return;
    }
    if (is_write) {
        stq_le_p(buf, val);
        address_space_write(&address_space_memory, addr,
                            MEMTXATTRS_UNSPECIFIED, buf, size);
        qtest_send_str("OK\n");
        return;
    }
    address_space_read(&address_space_memory, addr, MEMTXATTRS_UNSPECIFIED,
                       buf, size);
    val = ldq_le_p(buf);
    qtest_sendf("OK 0x%016" PRIx64 "\n", val);
}

/* Refuse absurd sizes: the reply is built in host memory. */
#define QTEST_MAX_XFER (256 * MiB)

static bool parse_addr_size(gchar **words, int n, uint64_t *addr,
                            uint64_t *size)
{
    if (nwords(words) != n || !parse_u64(words[1], addr) ||
        !parse_u64(words[2], size) || *size > QTEST_MAX_XFER) {
        qtest_send_str("FAIL bad arguments\n");
        return false;
    }
    return true;
}

static void cmd_read(gchar **words, bool b64)
{
    uint64_t addr, size;
    g_autofree uint8_t *data = NULL;
    g_autofree char *enc = NULL;
    GString *out;
    uint64_t i;

    if (!parse_addr_size(words, 3, &addr, &size)) {
        return;
    }
    data = g_malloc0(size ?: 1);
    address_space_read(&address_space_memory, addr, MEMTXATTRS_UNSPECIFIED,
                       data, size);
    if (b64) {
        enc = g_base64_encode(data, size);
        qtest_sendf("OK %s\n", enc);
        return;
    }
    out = g_string_sized_new(size * 2 + 8);
    g_string_append(out, "OK 0x");
    for (i = 0; i < size; i++) {
        g_string_append_printf(out, "%02x", data[i]);
    }
    g_string_append_c(out, '\n');
    qtest_send_str(out->str);
    g_string_free(out, true);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    c = g_ascii_tolower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static void cmd_write(gchar **words)
{
    uint64_t addr, size, i;
    const char *hex;
    size_t hexlen;
    g_autofree uint8_t *data = NULL;

    if (!parse_addr_size(words, 4, &addr, &size)) {
        return;
    }
    hex = words[3];
    if (hex[0] != '0' || (hex[1] != 'x' && hex[1] != 'X')) {
        qtest_send_str("FAIL data must start with 0x\n");
        return;
    }
    hex += 2;
    hexlen = strlen(hex);
    data = g_malloc0(size ?: 1);
    /* As QEMU: missing trailing bytes are written as zeroes. */
    for (i = 0; i < size && 2 * i + 1 < hexlen; i++) {
        int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);

        if (hi < 0 || lo < 0) {
            qtest_send_str("FAIL bad hex data\n");
            return;
        }
        data[i] = hi << 4 | lo;
    }
    address_space_write(&address_space_memory, addr, MEMTXATTRS_UNSPECIFIED,
                        data, size);
    qtest_send_str("OK\n");
}

static void cmd_b64write(gchar **words)
{
    uint64_t addr, size;
    gsize len = 0;
    g_autofree uint8_t *dec = NULL;
    g_autofree uint8_t *data = NULL;

    if (!parse_addr_size(words, 4, &addr, &size)) {
        return;
    }
    dec = qbase64_decode(words[3], -1, &len, NULL);
    if (!dec) {
        qtest_send_str("FAIL bad base64 data\n");
        return;
    }
    data = g_malloc0(size ?: 1);
    memcpy(data, dec, MIN(len, size));
    address_space_write(&address_space_memory, addr, MEMTXATTRS_UNSPECIFIED,
                        data, size);
    qtest_send_str("OK\n");
}

static void cmd_memset(gchar **words)
{
    uint64_t addr, size, val;
    g_autofree uint8_t *data = NULL;

    if (!parse_addr_size(words, 4, &addr, &size) ||
        !parse_u64(words[3], &val)) {
        if (nwords(words) == 4) {
            qtest_send_str("FAIL bad arguments\n");
        }
        return;
    }
    data = g_malloc(size ?: 1);
    memset(data, val, size);
    address_space_write(&address_space_memory, addr, MEMTXATTRS_UNSPECIFIED,
                        data, size);
    qtest_send_str("OK\n");
}

/*
 * Move the virtual clock to @dest, stopping at each timer deadline on
 * the way so that timers run in order and see their own expiry time.
 */
static void qtest_clock_warp(int64_t dest)
{
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);

    while (now < dest) {
        int64_t deadline = qemu_clock_deadline_ns_all(QEMU_CLOCK_VIRTUAL,
                                                      QEMU_TIMER_ATTR_ALL);
        int64_t step = qemu_soonest_timeout(dest - now, deadline);

        qemu_clock_virtual_set_ns(now + step);
        qemu_clock_run_timers(QEMU_CLOCK_VIRTUAL);
        now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    }
    qemu_clock_run_all_timers();
    qemu_clock_notify(QEMU_CLOCK_VIRTUAL);
}

/*
 * clock_step [NS]: forward by NS, or to the next timer deadline;
 * clock_set NS: forward to NS.  The answer is the new virtual time.
 */
static void cmd_clock(gchar **words)
{
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    uint64_t ns;
    int64_t dest;

    if (nwords(words) > 2 || (nwords(words) == 2 &&
                              (!parse_u64(words[1], &ns) ||
                               ns > INT64_MAX))) {
        qtest_send_str("FAIL bad arguments\n");
        return;
    }
    if (g_str_equal(words[0], "clock_set")) {
        if (nwords(words) != 2) {
            qtest_send_str("FAIL bad arguments\n");
            return;
        }
        dest = ns;
    } else if (nwords(words) == 2) {
        dest = ns > (uint64_t)(INT64_MAX - now) ? INT64_MAX : now + ns;
    } else {
        int64_t deadline = qemu_clock_deadline_ns_all(QEMU_CLOCK_VIRTUAL,
                                                      QEMU_TIMER_ATTR_ALL);
        dest = deadline < 0 ? now : now + deadline;
    }
    qtest_clock_warp(dest);
    qtest_sendf("OK %" PRIi64 "\n", qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL));
}

static void qtest_process_command(gchar **words)
{
    const char *cmd = words[0];

    if (g_str_equal(cmd, "irq_intercept_in")) {
        cmd_irq_intercept(words, false);
    } else if (g_str_equal(cmd, "irq_intercept_out")) {
        cmd_irq_intercept(words, true);
    } else if (g_str_equal(cmd, "set_irq_in")) {
        cmd_set_irq_in(words);
    } else if (g_str_equal(cmd, "outb") || g_str_equal(cmd, "outw") ||
               g_str_equal(cmd, "outl") || g_str_equal(cmd, "inb") ||
               g_str_equal(cmd, "inw") || g_str_equal(cmd, "inl")) {
        cmd_pio(words);
    } else if (g_str_equal(cmd, "readb") || g_str_equal(cmd, "readw") ||
               g_str_equal(cmd, "readl") || g_str_equal(cmd, "readq") ||
               g_str_equal(cmd, "writeb") || g_str_equal(cmd, "writew") ||
               g_str_equal(cmd, "writel") || g_str_equal(cmd, "writeq")) {
        cmd_mem_scalar(words);
    } else if (g_str_equal(cmd, "read")) {
        cmd_read(words, false);
    } else if (g_str_equal(cmd, "b64read")) {
        cmd_read(words, true);
    } else if (g_str_equal(cmd, "write")) {
        cmd_write(words);
    } else if (g_str_equal(cmd, "b64write")) {
        cmd_b64write(words);
    } else if (g_str_equal(cmd, "memset")) {
        cmd_memset(words);
    } else if (g_str_equal(cmd, "clock_step") ||
               g_str_equal(cmd, "clock_set")) {
        cmd_clock(words);
    } else if (g_str_equal(cmd, "endianness")) {
        qtest_send_str("OK little\n");
    } else {
        qtest_sendf("FAIL Unknown command '%s'\n", cmd);
    }
}

static void qtest_process_line(char *line)
{
    g_auto(GStrv) words = NULL;

    qtest_log_line('R', line, strlen(line));
    words = g_strsplit(g_strstrip(line), " ", 0);
    if (!words[0] || !words[0][0]) {
        return;
    }
    qtest_process_command(words);
}

static int qtest_can_read(void *opaque)
{
    return 1024;
}

static void qtest_read(void *opaque, const uint8_t *buf, int size)
{
    char *nl;

    g_string_append_len(qtest_inbuf, (const char *)buf, size);
    while ((nl = memchr(qtest_inbuf->str, '\n', qtest_inbuf->len))) {
        size_t len = nl - qtest_inbuf->str;
        g_autofree char *line = g_strndup(qtest_inbuf->str, len);

        g_string_erase(qtest_inbuf, 0, len + 1);
        qtest_process_line(line);
    }
}

static void qtest_event(void *opaque, QEMUChrEvent event)
{
    switch (event) {
    case CHR_EVENT_OPENED:
        memset(irq_levels, 0, sizeof(irq_levels));
        qtest_opened = true;
        qtest_start_ns = qemu_clock_get_ns(QEMU_CLOCK_REALTIME);
        break;
    case CHR_EVENT_CLOSED:
        /* The test driver went away: nothing can drive us any more. */
        if (qtest_opened) {
            qtest_opened = false;
            qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
        }
        break;
    default:
        break;
    }
}

void qtest_server_init(const char *qtest_chrdev, const char *qtest_log,
                       Error **errp)
{
    Chardev *chr;

    if (!qtest_enabled()) {
        /* QEMU also refuses the protocol on a running accelerator. */
        error_setg(errp, "-qtest needs the qtest accelerator "
                   "(-accel qtest)");
        return;
    }
    if (qtest_log && !g_str_equal(qtest_log, "none")) {
        qtest_log_fp = g_str_equal(qtest_log, "-") ? stderr :
                       fopen(qtest_log, "w");
        if (!qtest_log_fp) {
            error_setg_errno(errp, errno, "cannot open qtest log '%s'",
                             qtest_log);
            return;
        }
    }
    chr = qemu_chr_new("qtest", qtest_chrdev, NULL);
    if (!chr) {
        error_setg(errp, "Failed to initialize device for qtest: \"%s\"",
                   qtest_chrdev);
        return;
    }
    qtest_inbuf = g_string_new(NULL);
    qtest_start_ns = qemu_clock_get_ns(QEMU_CLOCK_REALTIME);
    if (!qemu_chr_fe_init(&qtest_chr, chr, errp)) {
        return;
    }
    qemu_chr_fe_set_handlers(&qtest_chr, qtest_can_read, qtest_read,
                             qtest_event, NULL, NULL, NULL, true);
    /* A client socket is connected already: no OPENED event may follow. */
    if (qemu_chr_fe_backend_open(&qtest_chr)) {
        qtest_event(NULL, CHR_EVENT_OPENED);
    }
}
