/*
 * Pattern-enabled named trace events printed through the log.
 *
 * Events are not declared up front: code asks "is NAME enabled?" and
 * the answer comes from the -trace / -d trace: patterns, last match
 * winning.  Results are cached per name.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/config-file.h"
#include "qemu/error-report.h"
#include "qemu/help_option.h"
#include "qemu/log.h"
#include "qemu/option.h"
#include "qemu/thread.h"
#include "qemu/trace.h"

static QemuMutex trace_lock = {
    .lock = PTHREAD_MUTEX_INITIALIZER,
    .initialized = true,
};
static GPtrArray *patterns;     /* "glob" or "-glob", in order given */
static GHashTable *cache;       /* name -> GINT_TO_POINTER(enabled + 1) */
static int n_enabling;          /* patterns that enable something */
static char *trace_file;
static GTree *registered;       /* names declared with trace_event_register */

void trace_event_register(const char *name)
{
    qemu_mutex_lock(&trace_lock);
    if (!registered) {
        registered = g_tree_new((GCompareFunc)strcmp);
    }
    g_tree_insert(registered, (gpointer)name, (gpointer)name);
    qemu_mutex_unlock(&trace_lock);
}

static gboolean print_event(gpointer key, gpointer value, gpointer f)
{
    fprintf(f, "%s\n", (const char *)key);
    return FALSE;
}

void trace_list_events(FILE *f)
{
    qemu_mutex_lock(&trace_lock);
    if (registered) {
        g_tree_foreach(registered, print_event, f);
    }
    qemu_mutex_unlock(&trace_lock);
}

bool trace_init_backends(void)
{
    return true;
}

void trace_enable_events(const char *pattern)
{
    if (!pattern || !*pattern) {
        return;
    }
    if (is_help_option(pattern)) {
        trace_list_events(stdout);
        exit(0);
    }
    qemu_mutex_lock(&trace_lock);
    if (!patterns) {
        patterns = g_ptr_array_new_with_free_func(g_free);
    }
    g_ptr_array_add(patterns, g_strdup(pattern));
    if (pattern[0] != '-') {
        n_enabling++;
    }
    if (cache) {
        g_hash_table_remove_all(cache);
    }
    qemu_mutex_unlock(&trace_lock);
}

bool trace_any_enabled(void)
{
    return __atomic_load_n(&n_enabling, __ATOMIC_RELAXED) > 0;
}

static bool compute_enabled(const char *name)
{
    bool enabled = false;
    guint i;

    for (i = 0; patterns && i < patterns->len; i++) {
        const char *pat = g_ptr_array_index(patterns, i);
        bool negate = pat[0] == '-';

        if (g_pattern_match_simple(pat + negate, name)) {
            enabled = !negate;
        }
    }
    return enabled;
}

bool trace_event_enabled(const char *name)
{
    gpointer v;
    bool enabled;

    if (!trace_any_enabled()) {
        return false;
    }
    qemu_mutex_lock(&trace_lock);
    if (!cache) {
        cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    }
    v = g_hash_table_lookup(cache, name);
    if (v) {
        enabled = GPOINTER_TO_INT(v) - 1;
    } else {
        enabled = compute_enabled(name);
        g_hash_table_insert(cache, g_strdup(name),
                            GINT_TO_POINTER(enabled + 1));
    }
    qemu_mutex_unlock(&trace_lock);
    return enabled;
}

void qemu_trace_printf(const char *name, const char *fmt, ...)
{
    FILE *f;
    va_list ap;

    if (!trace_event_enabled(name)) {
        return;
    }
    f = qemu_log_trylock();
    if (!f) {
        return;
    }
    if (message_with_timestamp) {
        struct timeval tv;

        gettimeofday(&tv, NULL);
        fprintf(f, "%d@%zu.%06zu:", getpid(), (size_t)tv.tv_sec,
                (size_t)tv.tv_usec);
    }
    fprintf(f, "%s ", name);
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    fputc('\n', f);
    qemu_log_unlock(f);
}

bool trace_enable_events_from_file(const char *fname, Error **errp)
{
    g_autofree char *contents = NULL;
    g_auto(GStrv) lines = NULL;
    GError *gerr = NULL;
    char **l;

    if (!g_file_get_contents(fname, &contents, NULL, &gerr)) {
        error_setg(errp, "%s", gerr->message);
        g_error_free(gerr);
        return false;
    }
    lines = g_strsplit(contents, "\n", 0);
    for (l = lines; *l; l++) {
        g_strstrip(*l);
        if (**l && **l != '#') {
            trace_enable_events(*l);
        }
    }
    return true;
}

QemuOptsList qemu_trace_opts = {
    .name = "trace",
    .implied_opt_name = "enable",
    .head = QTAILQ_HEAD_INITIALIZER(qemu_trace_opts.head),
    .desc = {
        {
            .name = "enable",
            .type = QEMU_OPT_STRING,
        },
        {
            .name = "events",
            .type = QEMU_OPT_STRING,
        },
        {
            .name = "file",
            .type = QEMU_OPT_STRING,
        },
        { /* end of list */ }
    },
};

void trace_opt_parse(const char *optarg)
{
    QemuOpts *opts = qemu_opts_parse_noisily(&qemu_trace_opts, optarg, true);
    const char *v;

    if (!opts) {
        exit(1);
    }
    v = qemu_opt_get(opts, "enable");
    if (v) {
        trace_enable_events(v);
    }
    v = qemu_opt_get(opts, "events");
    if (v && !trace_enable_events_from_file(v, &error_fatal)) {
        exit(1);
    }
    v = qemu_opt_get(opts, "file");
    if (v) {
        g_free(trace_file);
        trace_file = g_strdup(v);
    }
    qemu_opts_del(opts);
}

void trace_init_file(void)
{
    if (trace_file) {
        qemu_set_log_filename(trace_file, &error_fatal);
        if (!qemu_loglevel) {
            /* Trace output needs the file open even without -d items. */
            qemu_set_log(LOG_TRACE, &error_fatal);
        }
    }
}
