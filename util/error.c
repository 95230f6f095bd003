#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"

struct Error {
    char *msg;
    ErrorClass err_class;
    const char *src, *func;
    int line;
    GString *hint;
};

Error *error_abort;
Error *error_fatal;

static const char *const error_class_names[ERROR_CLASS__MAX] = {
    [ERROR_CLASS_GENERIC_ERROR] = "GenericError",
    [ERROR_CLASS_COMMAND_NOT_FOUND] = "CommandNotFound",
    [ERROR_CLASS_DEVICE_NOT_ACTIVE] = "DeviceNotActive",
    [ERROR_CLASS_DEVICE_NOT_FOUND] = "DeviceNotFound",
    [ERROR_CLASS_KVM_MISSING_CAP] = "KVMMissingCap",
};

const char *ErrorClass_str(ErrorClass cls)
{
    assert(cls >= 0 && cls < ERROR_CLASS__MAX);
    return error_class_names[cls];
}

static void error_handle(Error **errp, Error *err)
{
    if (errp == &error_abort) {
        fprintf(stderr, "Unexpected error in %s() at %s:%d:\n",
                err->func, err->src, err->line);
        error_report("%s", error_get_pretty(err));
        if (err->hint) {
            error_printf("%s", err->hint->str);
        }
        abort();
    }
    if (errp == &error_fatal) {
        error_report_err(err);
        exit(1);
    }
    if (errp && !*errp) {
        *errp = err;
    } else {
        /* Either the caller ignores errors or one is already set. */
        error_free(err);
    }
}

static void error_setv(Error **errp, const char *src, int line,
                       const char *func, ErrorClass err_class,
                       const char *fmt, va_list ap, const char *suffix)
{
    Error *err;
    int saved_errno = errno;

    if (errp == NULL) {
        return;
    }
    /* Setting an error twice is a programming error, as in QEMU. */
    assert(*errp == NULL);

    err = g_new0(Error, 1);
    err->msg = g_strdup_vprintf(fmt, ap);
    if (suffix) {
        char *msg = err->msg;
        err->msg = g_strdup_printf("%s: %s", msg, suffix);
        g_free(msg);
    }
    err->err_class = err_class;
    err->src = src;
    err->line = line;
    err->func = func;

    error_handle(errp, err);
    errno = saved_errno;
}

void error_setg_internal(Error **errp, const char *src, int line,
                         const char *func, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    error_setv(errp, src, line, func, ERROR_CLASS_GENERIC_ERROR, fmt, ap,
               NULL);
    va_end(ap);
}

void error_set_internal(Error **errp, const char *src, int line,
                        const char *func, ErrorClass err_class,
                        const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    error_setv(errp, src, line, func, err_class, fmt, ap, NULL);
    va_end(ap);
}

void error_vsetg(Error **errp, ErrorClass err_class, const char *fmt,
                 va_list ap)
{
    error_setv(errp, "?", 0, "?", err_class, fmt, ap, NULL);
}

void error_setg_errno_internal(Error **errp, const char *src, int line,
                               const char *func, int os_errno,
                               const char *fmt, ...)
{
    va_list ap;
    int saved_errno = errno;

    va_start(ap, fmt);
    error_setv(errp, src, line, func, ERROR_CLASS_GENERIC_ERROR, fmt, ap,
               os_errno != 0 ? g_strerror(os_errno) : NULL);
    va_end(ap);
    errno = saved_errno;
}

void error_vprepend(Error *const *errp, const char *fmt, va_list ap)
{
    GString *newmsg;

    if (!errp) {
        return;
    }
    newmsg = g_string_new(NULL);
    g_string_vprintf(newmsg, fmt, ap);
    g_string_append(newmsg, (*errp)->msg);
    g_free((*errp)->msg);
    (*errp)->msg = g_string_free(newmsg, FALSE);
}

void error_prepend(Error *const *errp, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    error_vprepend(errp, fmt, ap);
    va_end(ap);
}

void error_append_hint(Error *const *errp, const char *fmt, ...)
{
    va_list ap;
    int saved_errno = errno;
    Error *err;

    if (!errp) {
        return;
    }
    err = *errp;
    assert(err && errp != &error_abort && errp != &error_fatal);
    if (!err->hint) {
        err->hint = g_string_new(NULL);
    }
    va_start(ap, fmt);
    g_string_append_vprintf(err->hint, fmt, ap);
    va_end(ap);
    errno = saved_errno;
}

Error *error_copy(const Error *err)
{
    Error *err_new = g_new0(Error, 1);

    err_new->msg = g_strdup(err->msg);
    err_new->err_class = err->err_class;
    err_new->src = err->src;
    err_new->line = err->line;
    err_new->func = err->func;
    if (err->hint) {
        err_new->hint = g_string_new(err->hint->str);
    }
    return err_new;
}

ErrorClass error_get_class(const Error *err)
{
    return err->err_class;
}

const char *error_get_pretty(const Error *err)
{
    return err->msg;
}

const char *error_get_hint(const Error *err)
{
    return err->hint ? err->hint->str : NULL;
}

void error_free(Error *err)
{
    if (err) {
        g_free(err->msg);
        if (err->hint) {
            g_string_free(err->hint, TRUE);
        }
        g_free(err);
    }
}

void error_free_or_abort(Error **errp)
{
    assert(errp && *errp);
    error_free(*errp);
    *errp = NULL;
}

void error_propagate(Error **dst_errp, Error *local_err)
{
    if (!local_err) {
        return;
    }
    error_handle(dst_errp, local_err);
}

void error_propagate_prepend(Error **dst_errp, Error *err,
                             const char *fmt, ...)
{
    va_list ap;

    if (dst_errp && !*dst_errp) {
        va_start(ap, fmt);
        error_vprepend(&err, fmt, ap);
        va_end(ap);
    }
    error_propagate(dst_errp, err);
}

void error_report_err(Error *err)
{
    error_report("%s", error_get_pretty(err));
    if (err->hint) {
        error_printf("%s", err->hint->str);
    }
    error_free(err);
}

void warn_report_err(Error *err)
{
    warn_report("%s", error_get_pretty(err));
    if (err->hint) {
        error_printf("%s", err->hint->str);
    }
    error_free(err);
}

void error_reportf_err(Error *err, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    error_vprepend(&err, fmt, ap);
    va_end(ap);
    error_report_err(err);
}

/* ---- error_report and locations ---- */

bool message_with_timestamp;
bool error_with_guestname;
const char *error_guest_name;

static Location std_loc = { .kind = LOC_NONE };
static Location *cur_loc = &std_loc;
static ErrorPrintfHook printf_hook;
static ErrorMonitorActive monitor_active_hook;

void error_set_printf_hook(ErrorPrintfHook hook)
{
    printf_hook = hook;
}

void error_set_monitor_active_hook(ErrorMonitorActive hook)
{
    monitor_active_hook = hook;
}

void error_init(const char *argv0)
{
    const char *p = strrchr(argv0, '/');

    g_set_prgname(p ? p + 1 : argv0);
}

int error_vprintf(const char *fmt, va_list ap)
{
    if (printf_hook) {
        va_list ap2;
        int ret;

        va_copy(ap2, ap);
        ret = printf_hook(fmt, ap2);
        va_end(ap2);
        if (ret >= 0) {
            return ret;
        }
    }
    return vfprintf(stderr, fmt, ap);
}

int error_printf(const char *fmt, ...)
{
    va_list ap;
    int ret;

    va_start(ap, fmt);
    ret = error_vprintf(fmt, ap);
    va_end(ap);
    return ret;
}

Location *loc_push_restore(Location *loc)
{
    assert(!loc->prev);
    loc->prev = cur_loc;
    cur_loc = loc;
    return loc;
}

Location *loc_push_none(Location *loc)
{
    loc->kind = LOC_NONE;
    loc->prev = NULL;
    return loc_push_restore(loc);
}

Location *loc_pop(Location *loc)
{
    assert(cur_loc == loc && loc->prev);
    cur_loc = loc->prev;
    loc->prev = NULL;
    return loc;
}

Location *loc_save(Location *loc)
{
    *loc = *cur_loc;
    loc->prev = NULL;
    return loc;
}

void loc_restore(Location *loc)
{
    Location *prev = cur_loc->prev;

    assert(!loc->prev);
    *cur_loc = *loc;
    cur_loc->prev = prev;
}

void loc_set_none(void)
{
    cur_loc->kind = LOC_NONE;
}

void loc_set_cmdline(char **argv, int idx, int cnt)
{
    cur_loc->kind = LOC_CMDLINE;
    cur_loc->num = cnt;
    cur_loc->ptr = argv + idx;
}

void loc_set_file(const char *fname, int lno)
{
    assert(fname || cur_loc->kind == LOC_FILE);
    cur_loc->kind = LOC_FILE;
    cur_loc->num = lno;
    if (fname) {
        cur_loc->ptr = fname;
    }
}

static void print_loc(void)
{
    const char *sep = "";
    int i;
    const char *const *argp;

    if (monitor_active_hook && monitor_active_hook()) {
        return;
    }
    if (g_get_prgname()) {
        error_printf("%s: ", g_get_prgname());
    }
    switch (cur_loc->kind) {
    case LOC_CMDLINE:
        argp = cur_loc->ptr;
        for (i = 0; i < cur_loc->num; i++) {
            error_printf("%s%s", sep, argp[i]);
            sep = " ";
        }
        error_printf(": ");
        break;
    case LOC_FILE:
        error_printf("%s:", (const char *)cur_loc->ptr);
        if (cur_loc->num) {
            error_printf("%d:", cur_loc->num);
        }
        error_printf(" ");
        break;
    default:
        break;
    }
}

typedef enum { REPORT_ERROR, REPORT_WARNING, REPORT_INFO } ReportType;

static void vreport(ReportType type, const char *fmt, va_list ap)
{
    if (message_with_timestamp && !(monitor_active_hook &&
                                    monitor_active_hook())) {
        GDateTime *now = g_date_time_new_now_utc();
        gchar *ts = g_date_time_format(now, "%Y-%m-%dT%H:%M:%S");

        error_printf("%s.%06dZ ", ts, g_date_time_get_microsecond(now));
        g_free(ts);
        g_date_time_unref(now);
    }
    if (error_with_guestname && error_guest_name &&
        !(monitor_active_hook && monitor_active_hook())) {
        error_printf("%s ", error_guest_name);
    }
    print_loc();
    switch (type) {
    case REPORT_WARNING:
        error_printf("warning: ");
        break;
    case REPORT_INFO:
        error_printf("info: ");
        break;
    default:
        break;
    }
    error_vprintf(fmt, ap);
    error_printf("\n");
}

void error_vreport(const char *fmt, va_list ap)
{
    vreport(REPORT_ERROR, fmt, ap);
}

void warn_vreport(const char *fmt, va_list ap)
{
    vreport(REPORT_WARNING, fmt, ap);
}

void info_vreport(const char *fmt, va_list ap)
{
    vreport(REPORT_INFO, fmt, ap);
}

void error_report(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vreport(REPORT_ERROR, fmt, ap);
    va_end(ap);
}

void warn_report(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vreport(REPORT_WARNING, fmt, ap);
    va_end(ap);
}

void info_report(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vreport(REPORT_INFO, fmt, ap);
    va_end(ap);
}

bool error_report_once_cond(bool *printed, const char *fmt, ...)
{
    va_list ap;

    if (*printed) {
        return false;
    }
    *printed = true;
    va_start(ap, fmt);
    vreport(REPORT_ERROR, fmt, ap);
    va_end(ap);
    return true;
}
