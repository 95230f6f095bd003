/*
 * Monitor line editing.
 */
#include "qemu/osdep.h"
#include "qemu/readline.h"

typedef struct Term {
    GString *out;       /* everything echoed */
    GPtrArray *lines;   /* completed lines */
} Term;

static void G_GNUC_PRINTF(2, 3) term_printf(void *opaque, const char *fmt,
                                            ...)
{
    Term *t = opaque;
    va_list ap;

    va_start(ap, fmt);
    g_string_append_vprintf(t->out, fmt, ap);
    va_end(ap);
}

static void term_flush(void *opaque)
{
}

static void got_line(void *opaque, const char *str, void *readline_opaque)
{
    Term *t = opaque;

    g_ptr_array_add(t->lines, g_strdup(str));
    /* Like the monitor: ask for the next line. */
    readline_start(readline_opaque, "(qemu) ", 0, got_line, readline_opaque);
}

static Term *term;
static ReadLineState *rs;

static void finder(void *opaque, const char *cmdline)
{
    static const char *const cmds[] = { "info", "quit", "quit-now", "stop" };
    const char *word = strrchr(cmdline, ' ');
    int i;

    word = word ? word + 1 : cmdline;
    readline_set_completion_index(rs, word - cmdline);
    for (i = 0; i < ARRAY_SIZE(cmds); i++) {
        readline_add_completion_of(rs, word, cmds[i]);
    }
}

static void feed(const char *bytes)
{
    for (; *bytes; bytes++) {
        readline_handle_byte(rs, (unsigned char)*bytes);
    }
}

static const char *last_line(void)
{
    g_assert_cmpuint(term->lines->len, >, 0);
    return g_ptr_array_index(term->lines, term->lines->len - 1);
}

static void setup(void)
{
    term = g_new0(Term, 1);
    term->out = g_string_new(NULL);
    term->lines = g_ptr_array_new_with_free_func(g_free);
    rs = readline_init(term_printf, term_flush, term, finder);
    readline_start(rs, "(qemu) ", 0, got_line, rs);
    readline_show_prompt(rs);
}

static void teardown(void)
{
    readline_free(rs);
    g_string_free(term->out, true);
    g_ptr_array_free(term->lines, true);
    g_free(term);
}

static void test_editing(void)
{
    setup();
    g_assert_cmpstr(term->out->str, ==, "(qemu) ");
    feed("info\r");
    g_assert_cmpstr(last_line(), ==, "info");

    /* Cursor movement and insertion in the middle. */
    feed("abc\033[D\033[DX\r");
    g_assert_cmpstr(last_line(), ==, "aXbc");
    /* Backspace, Home (Ctrl-A), End (Ctrl-E), Delete (ESC [3~). */
    feed("hello\x7f\x01J\x05!\033[H\033[3~\r");
    g_assert_cmpstr(last_line(), ==, "hell!");
    /* Ctrl-K kills to the end, Ctrl-U to the start, Ctrl-W a word. */
    feed("one two\x01\x06\x06\x06\x0b\r");
    g_assert_cmpstr(last_line(), ==, "one");
    feed("one two\x15three\r");
    g_assert_cmpstr(last_line(), ==, "three");
    feed("one two  \x17\r");
    g_assert_cmpstr(last_line(), ==, "one ");
    /* The screen shows the last edit. */
    g_assert_nonnull(strstr(term->out->str, "(qemu) one \033[K"));
    teardown();
}

static void test_history(void)
{
    setup();
    feed("first\rsecond\r");
    g_assert_cmpstr(readline_get_history(rs, 0), ==, "first");
    g_assert_cmpstr(readline_get_history(rs, 1), ==, "second");
    g_assert_null(readline_get_history(rs, 2));
    /* Up twice, down once: "second". */
    feed("\033[A\033[A\033[B\r");
    g_assert_cmpstr(last_line(), ==, "second");
    /* Ctrl-P then edit. */
    feed("\x10!\r");
    g_assert_cmpstr(last_line(), ==, "second!");
    /* Re-running a command moves it to the end, without duplicates. */
    feed("first\r");
    g_assert_cmpstr(readline_get_history(rs, 0), ==, "second");
    g_assert_cmpstr(readline_get_history(rs, 1), ==, "second!");
    g_assert_cmpstr(readline_get_history(rs, 2), ==, "first");
    /* Empty lines are not recorded. */
    feed("\r");
    g_assert_cmpstr(last_line(), ==, "");
    g_assert_null(readline_get_history(rs, 3));
    teardown();
}

static void test_completion(void)
{
    setup();
    feed("st\t\r");
    g_assert_cmpstr(last_line(), ==, "stop ");
    /* Ambiguous: common prefix inserted, choices listed. */
    g_string_truncate(term->out, 0);
    feed("q\t");
    g_assert_nonnull(strstr(term->out->str, "\nquit\nquit-now\n"));
    feed("\r");
    g_assert_cmpstr(last_line(), ==, "quit");
    feed("xyz\t\r");
    g_assert_cmpstr(last_line(), ==, "xyz");
    teardown();
}

static void test_password(void)
{
    setup();
    readline_start(rs, "Password: ", 1, got_line, rs);
    g_string_truncate(term->out, 0);
    feed("secret\r");
    g_assert_cmpstr(last_line(), ==, "secret");
    /* Not echoed, not remembered. */
    g_assert_null(strstr(term->out->str, "secret"));
    g_assert_null(readline_get_history(rs, 0));
    teardown();
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/readline/editing", test_editing);
    g_test_add_func("/readline/history", test_history);
    g_test_add_func("/readline/completion", test_completion);
    g_test_add_func("/readline/password", test_password);
    return g_test_run();
}
