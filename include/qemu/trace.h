/*
 * Minimal tracing: named events ("memory_region_ops_read", ...) that
 * can be enabled by glob pattern with -trace or -d trace:PATTERN and
 * print through the log (stderr unless -D).
 *
 *     if (trace_event_enabled("unassigned_access")) { ... }
 *     qemu_trace_printf("unassigned_access", "addr 0x%" PRIx64, addr);
 */
#ifndef QEMU_TRACE_H
#define QEMU_TRACE_H

#include "qemu/typedefs.h"

/*
 * Enable events matching glob @pattern, or disable them if @pattern
 * starts with '-'.  Later patterns override earlier ones.  "help" (or
 * "?") lists the registered events and exits.
 */
void trace_enable_events(const char *pattern);
/* Read patterns from @fname, one per line ('#' comments). */
bool trace_enable_events_from_file(const char *fname, Error **errp);
bool trace_event_enabled(const char *name);
/* True if any event pattern is enabled (cheap fast path). */
bool trace_any_enabled(void);

/* Print "name " + formatted message + newline if @name is enabled. */
void qemu_trace_printf(const char *name, const char *fmt, ...)
    G_GNUC_PRINTF(2, 3);

/*
 * Optional: declare an event name so "-trace help" can list it.
 * Events work without being declared.
 */
void trace_event_register(const char *name);
void trace_list_events(FILE *f);
/* Kept for QEMU's vl.c call sequence; nothing to set up here. */
bool trace_init_backends(void);

/* -trace [enable=]PATTERN[,events=FILE][,file=FILE] */
extern QemuOptsList qemu_trace_opts;
void trace_opt_parse(const char *optarg);
/* Apply the -trace file= option, if any (after logging is set up). */
void trace_init_file(void);

#endif
