/*
 * Terminal line editing for the human monitor.
 *
 * The terminal is assumed to understand VT100 cursor movement.  After
 * each edit the line is redrawn from the prompt (carriage return,
 * prompt, text, clear to end of line, cursor back into place), which
 * is simple and always leaves the screen matching the buffer.
 */
#include "qemu/osdep.h"
#include "qemu/cutils.h"
#include "qemu/readline.h"

enum {
    IS_NORM,
    IS_ESC,
    IS_CSI,
    IS_SS3,
};

static void readline_redraw(ReadLineState *rs)
{
    int back;

    if (rs->read_password) {
        /* Nothing is echoed for passwords. */
        return;
    }
    rs->printf_func(rs->opaque, "\r%s%.*s\033[K", rs->prompt,
                    rs->cmd_buf_size, rs->cmd_buf);
    back = rs->cmd_buf_size - rs->cmd_buf_index;
    if (back > 0) {
        rs->printf_func(rs->opaque, "\033[%dD", back);
    }
    rs->flush_func(rs->opaque);
}

void readline_show_prompt(ReadLineState *rs)
{
    rs->printf_func(rs->opaque, "%s", rs->prompt);
    rs->flush_func(rs->opaque);
    rs->last_cmd_buf_index = 0;
    rs->last_cmd_buf_size = 0;
    rs->esc_state = IS_NORM;
}

static void readline_set_line(ReadLineState *rs, const char *text)
{
    pstrcpy(rs->cmd_buf, sizeof(rs->cmd_buf), text);
    rs->cmd_buf_size = rs->cmd_buf_index = strlen(rs->cmd_buf);
}

static void readline_insert_char(ReadLineState *rs, int ch)
{
    if (rs->cmd_buf_size >= READLINE_CMD_BUF_SIZE) {
        return;
    }
    memmove(rs->cmd_buf + rs->cmd_buf_index + 1,
            rs->cmd_buf + rs->cmd_buf_index,
            rs->cmd_buf_size - rs->cmd_buf_index);
    rs->cmd_buf[rs->cmd_buf_index++] = ch;
    rs->cmd_buf_size++;
}

static void readline_delete_range(ReadLineState *rs, int start, int end)
{
    memmove(rs->cmd_buf + start, rs->cmd_buf + end, rs->cmd_buf_size - end);
    rs->cmd_buf_size -= end - start;
    rs->cmd_buf_index = start;
}

static void readline_backspace(ReadLineState *rs)
{
    if (rs->cmd_buf_index > 0) {
        readline_delete_range(rs, rs->cmd_buf_index - 1, rs->cmd_buf_index);
    }
}

static void readline_delete_char(ReadLineState *rs)
{
    if (rs->cmd_buf_index < rs->cmd_buf_size) {
        readline_delete_range(rs, rs->cmd_buf_index, rs->cmd_buf_index + 1);
    }
}

/* Ctrl-W: delete the word before the cursor (and spaces after it). */
static void readline_backword(ReadLineState *rs)
{
    int start = rs->cmd_buf_index;

    while (start > 0 && g_ascii_isspace(rs->cmd_buf[start - 1])) {
        start--;
    }
    while (start > 0 && !g_ascii_isspace(rs->cmd_buf[start - 1])) {
        start--;
    }
    readline_delete_range(rs, start, rs->cmd_buf_index);
}

static void readline_history_add(ReadLineState *rs, const char *cmdline)
{
    int i;

    if (!cmdline[0]) {
        return;
    }
    /* A repeated command moves to the end instead of appearing twice. */
    for (i = 0; i < READLINE_MAX_CMDS && rs->history[i]; i++) {
        if (!strcmp(rs->history[i], cmdline)) {
            char *dup = rs->history[i];

            memmove(&rs->history[i], &rs->history[i + 1],
                    (READLINE_MAX_CMDS - i - 1) * sizeof(char *));
            rs->history[READLINE_MAX_CMDS - 1] = NULL;
            g_free(dup);
            break;
        }
    }
    for (i = 0; i < READLINE_MAX_CMDS && rs->history[i]; i++) {
        /* find the end */
    }
    if (i == READLINE_MAX_CMDS) {
        g_free(rs->history[0]);
        memmove(&rs->history[0], &rs->history[1],
                (READLINE_MAX_CMDS - 1) * sizeof(char *));
        i--;
    }
    rs->history[i] = g_strdup(cmdline);
    rs->hist_entry = -1;
}

static int readline_history_len(ReadLineState *rs)
{
    int n = 0;

    while (n < READLINE_MAX_CMDS && rs->history[n]) {
        n++;
    }
    return n;
}

static void readline_up_char(ReadLineState *rs)
{
    int n = readline_history_len(rs);

    if (rs->hist_entry == 0 || n == 0) {
        return;
    }
    rs->hist_entry = rs->hist_entry == -1 ? n - 1 : rs->hist_entry - 1;
    readline_set_line(rs, rs->history[rs->hist_entry]);
}

static void readline_down_char(ReadLineState *rs)
{
    if (rs->hist_entry == -1) {
        return;
    }
    if (rs->hist_entry + 1 < readline_history_len(rs)) {
        rs->hist_entry++;
        readline_set_line(rs, rs->history[rs->hist_entry]);
    } else {
        rs->hist_entry = -1;
        readline_set_line(rs, "");
    }
}

void readline_add_completion(ReadLineState *rs, const char *str)
{
    int i;

    if (rs->nb_completions >= READLINE_MAX_COMPLETIONS) {
        return;
    }
    for (i = 0; i < rs->nb_completions; i++) {
        if (!strcmp(rs->completions[i], str)) {
            return;
        }
    }
    rs->completions[rs->nb_completions++] = g_strdup(str);
}

void readline_add_completion_of(ReadLineState *rs,
                                const char *pfx, const char *str)
{
    if (g_str_has_prefix(str, pfx)) {
        readline_add_completion(rs, str);
    }
}

void readline_set_completion_index(ReadLineState *rs, int index)
{
    rs->completion_index = index;
}

static gint completion_comp(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Tab: complete the word, or list the candidates if ambiguous. */
static void readline_completion(ReadLineState *rs)
{
    g_autofree char *cmdline = NULL;
    int i, len, common;

    if (!rs->completion_finder) {
        return;
    }
    rs->nb_completions = 0;
    cmdline = g_strndup(rs->cmd_buf, rs->cmd_buf_index);
    rs->completion_finder(rs->opaque, cmdline);
    if (rs->nb_completions == 0) {
        return;
    }
    if (rs->nb_completions == 1) {
        const char *s = rs->completions[0];

        len = strlen(s);
        for (i = rs->cmd_buf_index - rs->completion_index; i < len; i++) {
            readline_insert_char(rs, s[i]);
        }
        /* A unique completion ends the word (but not a directory). */
        if (len > 0 && s[len - 1] != '/') {
            readline_insert_char(rs, ' ');
        }
    } else {
        qsort(rs->completions, rs->nb_completions, sizeof(char *),
              completion_comp);
        /* Insert the longest common prefix, then show the choices. */
        common = strlen(rs->completions[0]);
        for (i = 1; i < rs->nb_completions; i++) {
            int j = 0;

            while (j < common && rs->completions[i][j] ==
                   rs->completions[0][j]) {
                j++;
            }
            common = j;
        }
        for (i = rs->cmd_buf_index - rs->completion_index; i < common; i++) {
            readline_insert_char(rs, rs->completions[0][i]);
        }
        rs->printf_func(rs->opaque, "\n");
        for (i = 0; i < rs->nb_completions; i++) {
            rs->printf_func(rs->opaque, "%s\n", rs->completions[i]);
        }
    }
    for (i = 0; i < rs->nb_completions; i++) {
        g_free(rs->completions[i]);
        rs->completions[i] = NULL;
    }
    rs->nb_completions = 0;
}

static void readline_enter(ReadLineState *rs)
{
    g_autofree char *line = g_strndup(rs->cmd_buf, rs->cmd_buf_size);
    ReadLineFunc *func = rs->readline_func;

    if (!rs->read_password) {
        readline_history_add(rs, line);
    }
    rs->printf_func(rs->opaque, "\n");
    rs->cmd_buf_index = rs->cmd_buf_size = 0;
    rs->last_cmd_buf_index = rs->last_cmd_buf_size = 0;
    rs->hist_entry = -1;
    if (func) {
        func(rs->opaque, line, rs->readline_opaque);
    }
}

void readline_handle_byte(ReadLineState *rs, int ch)
{
    switch (rs->esc_state) {
    case IS_NORM:
        switch (ch) {
        case 1:     /* Ctrl-A */
            rs->cmd_buf_index = 0;
            break;
        case 2:     /* Ctrl-B */
            if (rs->cmd_buf_index > 0) {
                rs->cmd_buf_index--;
            }
            break;
        case 4:     /* Ctrl-D */
            readline_delete_char(rs);
            break;
        case 5:     /* Ctrl-E */
            rs->cmd_buf_index = rs->cmd_buf_size;
            break;
        case 6:     /* Ctrl-F */
            if (rs->cmd_buf_index < rs->cmd_buf_size) {
                rs->cmd_buf_index++;
            }
            break;
        case 9:     /* Tab */
            readline_completion(rs);
            break;
        case 10:
        case 13:
            readline_enter(rs);
            return;
        case 11:    /* Ctrl-K */
            rs->cmd_buf_size = rs->cmd_buf_index;
            break;
        case 12:    /* Ctrl-L: redraw */
            break;
        case 14:    /* Ctrl-N */
            readline_down_char(rs);
            break;
        case 16:    /* Ctrl-P */
            readline_up_char(rs);
            break;
        case 21:    /* Ctrl-U */
            readline_delete_range(rs, 0, rs->cmd_buf_index);
            break;
        case 23:    /* Ctrl-W */
            readline_backword(rs);
            break;
        case 27:
            rs->esc_state = IS_ESC;
            return;
        case 8:
        case 127:
            readline_backspace(rs);
            break;
        case 155:
            rs->esc_state = IS_CSI;
            rs->esc_param = 0;
            return;
        default:
            if (ch >= 32) {
                readline_insert_char(rs, ch);
            }
            break;
        }
        break;
    case IS_ESC:
        if (ch == '[') {
            rs->esc_state = IS_CSI;
            rs->esc_param = 0;
        } else if (ch == 'O') {
            rs->esc_state = IS_SS3;
            rs->esc_param = 0;
        } else {
            rs->esc_state = IS_NORM;
        }
        return;
    case IS_CSI:
        if (ch >= '0' && ch <= '9') {
            rs->esc_param = rs->esc_param * 10 + (ch - '0');
            return;
        }
        rs->esc_state = IS_NORM;
        switch (ch) {
        case 'A':
            readline_up_char(rs);
            break;
        case 'B':
            readline_down_char(rs);
            break;
        case 'C':
            if (rs->cmd_buf_index < rs->cmd_buf_size) {
                rs->cmd_buf_index++;
            }
            break;
        case 'D':
            if (rs->cmd_buf_index > 0) {
                rs->cmd_buf_index--;
            }
            break;
        case 'H':
            rs->cmd_buf_index = 0;
            break;
        case 'F':
            rs->cmd_buf_index = rs->cmd_buf_size;
            break;
        case '~':
            switch (rs->esc_param) {
            case 1:     /* Home */
            case 7:
                rs->cmd_buf_index = 0;
                break;
            case 3:     /* Delete */
                readline_delete_char(rs);
                break;
            case 4:     /* End */
            case 8:
                rs->cmd_buf_index = rs->cmd_buf_size;
                break;
            }
            break;
        default:
            break;
        }
        break;
    case IS_SS3:
        rs->esc_state = IS_NORM;
        if (ch == 'H') {
            rs->cmd_buf_index = 0;
        } else if (ch == 'F') {
            rs->cmd_buf_index = rs->cmd_buf_size;
        }
        break;
    }
    readline_redraw(rs);
}

void readline_start(ReadLineState *rs, const char *prompt, int read_password,
                    ReadLineFunc *readline_func, void *readline_opaque)
{
    pstrcpy(rs->prompt, sizeof(rs->prompt), prompt);
    rs->readline_func = readline_func;
    rs->readline_opaque = readline_opaque;
    rs->read_password = read_password;
    readline_restart(rs);
}

void readline_restart(ReadLineState *rs)
{
    rs->cmd_buf_index = 0;
    rs->cmd_buf_size = 0;
    rs->hist_entry = -1;
    rs->esc_state = IS_NORM;
}

const char *readline_get_history(ReadLineState *rs, unsigned int index)
{
    if (index >= READLINE_MAX_CMDS) {
        return NULL;
    }
    return rs->history[index];
}

ReadLineState *readline_init(ReadLinePrintfFunc *printf_func,
                             ReadLineFlushFunc *flush_func,
                             void *opaque,
                             ReadLineCompletionFunc *completion_finder)
{
    ReadLineState *rs = g_new0(ReadLineState, 1);

    rs->hist_entry = -1;
    rs->opaque = opaque;
    rs->printf_func = printf_func;
    rs->flush_func = flush_func;
    rs->completion_finder = completion_finder;
    return rs;
}

void readline_free(ReadLineState *rs)
{
    int i;

    if (!rs) {
        return;
    }
    for (i = 0; i < READLINE_MAX_CMDS; i++) {
        g_free(rs->history[i]);
    }
    g_free(rs);
}
