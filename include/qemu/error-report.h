/*
 * Human-readable diagnostics: "qemu-system-x86_64: -drive x: message".
 * The location (command-line option or config file line) being worked
 * on is kept on a stack so that the message names what the user wrote.
 */
#ifndef QEMU_ERROR_REPORT_H
#define QEMU_ERROR_REPORT_H

typedef struct Location {
    enum { LOC_NONE, LOC_CMDLINE, LOC_FILE } kind;
    int num;
    const void *ptr;
    struct Location *prev;
} Location;

Location *loc_push_restore(Location *loc);
Location *loc_push_none(Location *loc);
Location *loc_pop(Location *loc);
Location *loc_save(Location *loc);
void loc_restore(Location *loc);
void loc_set_none(void);
void loc_set_cmdline(char **argv, int idx, int cnt);
void loc_set_file(const char *fname, int lno);

int error_vprintf(const char *fmt, va_list ap) G_GNUC_PRINTF(1, 0);
int error_printf(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
void error_vreport(const char *fmt, va_list ap) G_GNUC_PRINTF(1, 0);
void warn_vreport(const char *fmt, va_list ap) G_GNUC_PRINTF(1, 0);
void info_vreport(const char *fmt, va_list ap) G_GNUC_PRINTF(1, 0);
void error_report(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
void warn_report(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
void info_report(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
bool error_report_once_cond(bool *printed, const char *fmt, ...)
    G_GNUC_PRINTF(2, 3);

#define error_report_once(fmt, ...)                                     \
    ({                                                                  \
        static bool print_once_;                                        \
        error_report_once_cond(&print_once_, fmt, ## __VA_ARGS__);      \
    })

/* -msg timestamp=on */
extern bool message_with_timestamp;
/* -msg guest-name=on uses this name */
extern bool error_with_guestname;
extern const char *error_guest_name;

/*
 * The monitor installs a hook so that error_printf() output reaches
 * the monitor that is running a command instead of stderr.  The hook
 * returns -1 when no monitor is current.
 */
typedef int (*ErrorPrintfHook)(const char *fmt, va_list ap);
void error_set_printf_hook(ErrorPrintfHook hook);
/* True while a monitor command is being handled (no location prefix). */
typedef bool (*ErrorMonitorActive)(void);
void error_set_monitor_active_hook(ErrorMonitorActive hook);

void error_init(const char *argv0);

#endif
