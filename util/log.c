/*
 * Debug log (-d / -D).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/log.h"
#include "qemu/thread.h"
#include "qemu/trace.h"

int qemu_loglevel;
static char *logfilename;
static FILE *logfile;          /* -D file, once opened */
static QemuMutex log_lock = {
    .lock = PTHREAD_MUTEX_INITIALIZER,
    .initialized = true,
};

const QEMULogItem qemu_log_items[] = {
    { CPU_LOG_TB_OUT_ASM, "out_asm",
      "show generated host assembly code for each compiled TB" },
    { CPU_LOG_TB_IN_ASM, "in_asm",
      "show target assembly code for each compiled TB" },
    { CPU_LOG_TB_OP, "op",
      "show micro ops for each compiled TB" },
    { CPU_LOG_TB_OP_OPT, "op_opt",
      "show micro ops after optimization" },
    { CPU_LOG_TB_OP_IND, "op_ind",
      "show micro ops before indirect lowering" },
    { CPU_LOG_INT, "int",
      "show interrupts/exceptions in short format" },
    { CPU_LOG_EXEC, "exec",
      "show trace before each executed TB (lots of logs)" },
    { CPU_LOG_TB_CPU, "cpu",
      "show CPU registers before entering a TB (lots of logs)" },
    { CPU_LOG_TB_FPU, "fpu",
      "include FPU registers in the 'cpu' logging" },
    { CPU_LOG_MMU, "mmu",
      "log MMU-related activities" },
    { CPU_LOG_PCALL, "pcall",
      "x86 only: show protected mode far calls/returns/exceptions" },
    { CPU_LOG_RESET, "cpu_reset",
      "show CPU state before CPU resets" },
    { LOG_UNIMP, "unimp",
      "log unimplemented functionality" },
    { LOG_GUEST_ERROR, "guest_errors",
      "log when the guest OS does something invalid (eg accessing a\n"
      "non-existent register)" },
    { CPU_LOG_PAGE, "page",
      "dump pages at beginning of user mode emulation" },
    { CPU_LOG_TB_NOCHAIN, "nochain",
      "do not chain compiled TBs so that \"exec\" and \"cpu\" show\n"
      "complete traces" },
    { CPU_LOG_PLUGIN, "plugin",
      "output from TCG plugins\n" },
    { LOG_STRACE, "strace",
      "log every user-mode syscall, its input, and its result" },
    { LOG_PER_THREAD, "tid",
      "open a separate log file per thread; filename must contain '%d'" },
    { 0, NULL, NULL },
};

/* Where log output goes now, or NULL when logging is off. */
static FILE *log_stream(void)
{
    if (logfile) {
        return logfile;
    }
    if (qemu_loglevel || trace_any_enabled()) {
        return stderr;
    }
    return NULL;
}

bool qemu_log_enabled(void)
{
    return log_stream() != NULL;
}

bool qemu_log_separate(void)
{
    return logfile != NULL;
}

FILE *qemu_log_trylock(void)
{
    FILE *f;

    qemu_mutex_lock(&log_lock);
    f = log_stream();
    if (!f) {
        qemu_mutex_unlock(&log_lock);
        return NULL;
    }
    return f;
}

void qemu_log_unlock(FILE *fd)
{
    if (fd) {
        fflush(fd);
        qemu_mutex_unlock(&log_lock);
    }
}

void qemu_log_vprintf(const char *fmt, va_list va)
{
    FILE *f = qemu_log_trylock();

    if (f) {
        vfprintf(f, fmt, va);
        qemu_log_unlock(f);
    }
}

void qemu_log(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    qemu_log_vprintf(fmt, ap);
    va_end(ap);
}

/* Open or close the -D file to match the current flags. */
static bool log_update_file(Error **errp)
{
    bool want = logfilename && qemu_loglevel;

    if (want && !logfile) {
        logfile = fopen(logfilename, "w");
        if (!logfile) {
            error_setg_errno(errp, errno, "Error opening logfile %s",
                             logfilename);
            return false;
        }
        /* Line buffering keeps the log useful if we crash. */
        setvbuf(logfile, NULL, _IOLBF, 0);
    } else if (!want && logfile) {
        fclose(logfile);
        logfile = NULL;
    }
    return true;
}

bool qemu_set_log(int log_flags, Error **errp)
{
    bool ok;

    qemu_mutex_lock(&log_lock);
    qemu_loglevel = log_flags;
    ok = log_update_file(errp);
    qemu_mutex_unlock(&log_lock);
    return ok;
}

/* Expand a single "%d" to the pid; any other '%' is an error. */
static char *expand_log_filename(const char *filename, Error **errp)
{
    const char *pidstr = strstr(filename, "%");

    if (!pidstr) {
        return g_strdup(filename);
    }
    if (pidstr[1] != 'd' || strchr(pidstr + 2, '%')) {
        error_setg(errp, "Bad logfile format: %s", filename);
        return NULL;
    }
    return g_strdup_printf("%.*s%d%s", (int)(pidstr - filename), filename,
                           getpid(), pidstr + 2);
}

bool qemu_set_log_filename_flags(const char *name, int flags, Error **errp)
{
    char *newname = NULL;
    bool ok;

    if (name) {
        newname = expand_log_filename(name, errp);
        if (!newname) {
            return false;
        }
    }
    qemu_mutex_lock(&log_lock);
    if (g_strcmp0(newname, logfilename) && logfile) {
        fclose(logfile);
        logfile = NULL;
    }
    g_free(logfilename);
    logfilename = newname;
    qemu_loglevel = flags;
    ok = log_update_file(errp);
    qemu_mutex_unlock(&log_lock);
    return ok;
}

bool qemu_set_log_filename(const char *filename, Error **errp)
{
    return qemu_set_log_filename_flags(filename, qemu_loglevel, errp);
}

int qemu_str_to_log_mask(const char *str)
{
    g_auto(GStrv) parts = g_strsplit(str, ",", 0);
    const QEMULogItem *item;
    int mask = 0;
    char **p;

    for (p = parts; *p; p++) {
        if (g_str_equal(*p, "all")) {
            for (item = qemu_log_items; item->mask; item++) {
                mask |= item->mask;
            }
        } else if (g_str_has_prefix(*p, "trace:") && (*p)[6]) {
            trace_enable_events(*p + 6);
            mask |= LOG_TRACE;
        } else {
            for (item = qemu_log_items; item->mask; item++) {
                if (g_str_equal(*p, item->name)) {
                    break;
                }
            }
            if (!item->mask) {
                return 0;
            }
            mask |= item->mask;
        }
    }
    return mask;
}

void qemu_print_log_usage(FILE *f)
{
    const QEMULogItem *item;

    fprintf(f, "Log items (comma separated):\n");
    for (item = qemu_log_items; item->mask; item++) {
        fprintf(f, "%-15s %s\n", item->name, item->help);
    }
    fprintf(f, "trace:PATTERN   enable trace events\n");
    fprintf(f, "\nUse \"-d trace:help\" to get a list of trace events.\n\n");
}

void qemu_log_flush(void)
{
    FILE *f = qemu_log_trylock();

    qemu_log_unlock(f);
}

void qemu_log_close(void)
{
    qemu_mutex_lock(&log_lock);
    if (logfile) {
        fclose(logfile);
        logfile = NULL;
    }
    qemu_mutex_unlock(&log_lock);
}
