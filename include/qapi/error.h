/*
 * Error reporting, shaped like QEMU's: functions that can fail take an
 * "Error **errp" last and fill it in; callers decide whether to
 * propagate, report or abort (&error_abort) or exit (&error_fatal).
 */
#ifndef QAPI_ERROR_H
#define QAPI_ERROR_H

typedef enum ErrorClass {
    ERROR_CLASS_GENERIC_ERROR,
    ERROR_CLASS_COMMAND_NOT_FOUND,
    ERROR_CLASS_DEVICE_NOT_ACTIVE,
    ERROR_CLASS_DEVICE_NOT_FOUND,
    ERROR_CLASS_KVM_MISSING_CAP,
    ERROR_CLASS__MAX
} ErrorClass;

/* QMP's name for each class ("GenericError", ...). */
const char *ErrorClass_str(ErrorClass cls);

extern Error *error_abort;
extern Error *error_fatal;

const char *error_get_pretty(const Error *err);
ErrorClass error_get_class(const Error *err);
/* The hint text appended with error_append_hint, or NULL. */
const char *error_get_hint(const Error *err);

#define error_setg(errp, fmt, ...)                              \
    error_setg_internal((errp), __FILE__, __LINE__, __func__,   \
                        (fmt), ## __VA_ARGS__)
#define error_setg_errno(errp, os_errno, fmt, ...)                      \
    error_setg_errno_internal((errp), __FILE__, __LINE__, __func__,     \
                              (os_errno), (fmt), ## __VA_ARGS__)
#define error_set(errp, err_class, fmt, ...)                            \
    error_set_internal((errp), __FILE__, __LINE__, __func__,            \
                       (err_class), (fmt), ## __VA_ARGS__)
#define error_setg_file_open(errp, os_errno, filename)                  \
    error_setg_errno((errp), (os_errno), "Could not open '%s'", (filename))

void error_setg_internal(Error **errp, const char *src, int line,
                         const char *func, const char *fmt, ...)
    G_GNUC_PRINTF(5, 6);
void error_setg_errno_internal(Error **errp, const char *src, int line,
                               const char *func, int os_errno,
                               const char *fmt, ...)
    G_GNUC_PRINTF(6, 7);
void error_set_internal(Error **errp, const char *src, int line,
                        const char *func, ErrorClass err_class,
                        const char *fmt, ...)
    G_GNUC_PRINTF(6, 7);
void error_vsetg(Error **errp, ErrorClass err_class, const char *fmt,
                 va_list ap) G_GNUC_PRINTF(3, 0);

void error_propagate(Error **dst_errp, Error *local_err);
void error_propagate_prepend(Error **dst_errp, Error *local_err,
                             const char *fmt, ...) G_GNUC_PRINTF(3, 4);
void error_prepend(Error *const *errp, const char *fmt, ...)
    G_GNUC_PRINTF(2, 3);
void error_vprepend(Error *const *errp, const char *fmt, va_list ap)
    G_GNUC_PRINTF(2, 0);
void error_append_hint(Error *const *errp, const char *fmt, ...)
    G_GNUC_PRINTF(2, 3);

Error *error_copy(const Error *err);
void error_free(Error *err);
void error_free_or_abort(Error **errp);

/* Report to stderr (or the current monitor) with location prefix, then free. */
void error_report_err(Error *err);
void warn_report_err(Error *err);
void error_reportf_err(Error *err, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/*
 * ERRP_GUARD(): lets a function dereference errp safely even when the
 * caller passed NULL, &error_abort or &error_fatal.
 */
typedef struct ErrorPropagator {
    Error *local_err;
    Error **errp;
} ErrorPropagator;

static inline void error_propagator_cleanup(ErrorPropagator *prop)
{
    error_propagate(prop->errp, prop->local_err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(ErrorPropagator, error_propagator_cleanup);

#define ERRP_GUARD()                                            \
    g_auto(ErrorPropagator) _auto_errp_prop = {.errp = errp};   \
    do {                                                        \
        if (!errp || errp == &error_fatal) {                    \
            errp = &_auto_errp_prop.local_err;                  \
        }                                                       \
    } while (0)

G_DEFINE_AUTOPTR_CLEANUP_FUNC(Error, error_free)

#endif
