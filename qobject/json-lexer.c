/*
 * JSON lexer: an incremental state machine turning bytes into tokens.
 *
 * Accepts RFC 8259 JSON plus QEMU's extensions: single-quoted strings
 * and, when enabled, %-interpolation tokens.  A byte that cannot start or
 * continue a token ends a JSON_ERROR token (which includes it); the lexer
 * then skips input until a resynchronisation point: a structural
 * character ({ } [ ] : ,), which is then lexed normally, or an ASCII
 * control character (e.g. newline) or one of the bytes 0xFE/0xFF that
 * never occur in UTF-8, which is dropped.
 */
#include "qemu/osdep.h"
#include "json-parser-int.h"

/* A single token may not grow beyond this (a security limit). */
#define MAX_TOKEN_SIZE (64ULL << 20)

enum {
    IN_RECOVERY = 1,
    IN_START,
    IN_START_INTERP,    /* like IN_START, but '%' begins interpolation */
    IN_STRING,
    IN_STRING_ESCAPE,
    IN_STRING_UNICODE,
    IN_NEG,
    IN_ZERO,
    IN_DIGITS,
    IN_DOT,
    IN_FRAC,
    IN_EXP,
    IN_EXP_SIGN,
    IN_EXP_DIGITS,
    IN_KEYWORD,
    IN_INTERP,
};

void json_lexer_init(JSONLexer *lexer, bool enable_interpolation)
{
    lexer->start_state = lexer->state =
        enable_interpolation ? IN_START_INTERP : IN_START;
    lexer->token = g_string_sized_new(3);
    lexer->x = lexer->y = 0;
    lexer->quote = 0;
    lexer->pending = 0;
}

static void lexer_emit(JSONLexer *lexer, JSONTokenType type)
{
    json_message_process_token(lexer, lexer->token, type,
                               lexer->x, lexer->y);
    g_string_truncate(lexer->token, 0);
    lexer->state = lexer->start_state;
}

static bool is_structural(unsigned char ch)
{
    return ch == '{' || ch == '}' || ch == '[' || ch == ']' ||
           ch == ':' || ch == ',';
}

static bool is_resync(unsigned char ch)
{
    return ch < 0x20 || ch == 0xFE || ch == 0xFF;
}

/*
 * The current token is bad at @ch: report it (including @ch) and skip
 * input until the next resynchronisation point.  Returns false: @ch has
 * been consumed.
 */
static bool lexer_error(JSONLexer *lexer, unsigned char ch)
{
    g_string_append_c(lexer->token, ch);
    lexer_emit(lexer, JSON_ERROR);
    lexer->state = IN_RECOVERY;
    return false;
}

static bool interp_valid(const char *tok, bool *complete)
{
    static const char *const full[] = {
        "%d", "%i", "%p", "%s", "%f", "%u", "%ld", "%lu", "%lld", "%llu",
        "%I64d", "%I64u", NULL
    };
    static const char *const prefix[] = {
        "%", "%l", "%ll", "%I", "%I6", "%I64", NULL
    };
    int i;

    for (i = 0; full[i]; i++) {
        if (!strcmp(tok, full[i])) {
            *complete = true;
            return true;
        }
    }
    *complete = false;
    for (i = 0; prefix[i]; i++) {
        if (!strcmp(tok, prefix[i])) {
            return true;
        }
    }
    return false;
}

/* Feed one byte; returns true if the byte must be fed again. */
static bool lexer_step(JSONLexer *lexer, unsigned char ch)
{
    GString *tok = lexer->token;
    bool complete;

    switch (lexer->state) {
    case IN_RECOVERY:
        if (is_structural(ch)) {
            lexer->state = lexer->start_state;
            return true;
        }
        if (is_resync(ch)) {
            lexer->state = lexer->start_state;
        }
        return false;

    case IN_START:
    case IN_START_INTERP:
        switch (ch) {
        case ' ': case '\t': case '\r': case '\n':
            return false;
        case '{':
            g_string_append_c(tok, ch);
            lexer_emit(lexer, JSON_LCURLY);
            return false;
        case '}':
            g_string_append_c(tok, ch);
            lexer_emit(lexer, JSON_RCURLY);
            return false;
        case '[':
            g_string_append_c(tok, ch);
            lexer_emit(lexer, JSON_LSQUARE);
            return false;
        case ']':
            g_string_append_c(tok, ch);
            lexer_emit(lexer, JSON_RSQUARE);
            return false;
        case ':':
            g_string_append_c(tok, ch);
            lexer_emit(lexer, JSON_COLON);
            return false;
        case ',':
            g_string_append_c(tok, ch);
            lexer_emit(lexer, JSON_COMMA);
            return false;
        case '"': case '\'':
            lexer->quote = ch;
            lexer->state = IN_STRING;
            break;
        case '-':
            lexer->state = IN_NEG;
            break;
        case '0':
            lexer->state = IN_ZERO;
            break;
        case '1' ... '9':
            lexer->state = IN_DIGITS;
            break;
        case 'a' ... 'z':
            lexer->state = IN_KEYWORD;
            break;
        case '%':
            if (lexer->state == IN_START_INTERP) {
                lexer->state = IN_INTERP;
                break;
            }
            return lexer_error(lexer, ch);
        default:
            return lexer_error(lexer, ch);
        }
        g_string_append_c(tok, ch);
        return false;

    case IN_STRING:
        if (ch < 0x20 || ch == 0xFE || ch == 0xFF) {
            return lexer_error(lexer, ch);
        }
        g_string_append_c(tok, ch);
        if (ch == lexer->quote) {
            lexer_emit(lexer, JSON_STRING);
        } else if (ch == '\\') {
            lexer->state = IN_STRING_ESCAPE;
        }
        return false;

    case IN_STRING_ESCAPE:
        if (ch == 'u') {
            lexer->pending = 4;
            lexer->state = IN_STRING_UNICODE;
        } else if (ch && strchr("\"'\\/bfnrt", ch)) {
            lexer->state = IN_STRING;
        } else {
            return lexer_error(lexer, ch);
        }
        g_string_append_c(tok, ch);
        return false;

    case IN_STRING_UNICODE:
        if (!g_ascii_isxdigit(ch)) {
            return lexer_error(lexer, ch);
        }
        g_string_append_c(tok, ch);
        if (--lexer->pending == 0) {
            lexer->state = IN_STRING;
        }
        return false;

    case IN_NEG:
        if (ch == '0') {
            lexer->state = IN_ZERO;
        } else if (ch >= '1' && ch <= '9') {
            lexer->state = IN_DIGITS;
        } else {
            return lexer_error(lexer, ch);
        }
        g_string_append_c(tok, ch);
        return false;

    case IN_ZERO:
    case IN_DIGITS:
        if (ch >= '0' && ch <= '9' && lexer->state == IN_DIGITS) {
            /* stay */
        } else if (ch == '.') {
            lexer->state = IN_DOT;
        } else if (ch == 'e' || ch == 'E') {
            lexer->state = IN_EXP;
        } else {
            lexer_emit(lexer, JSON_INTEGER);
            return true;
        }
        g_string_append_c(tok, ch);
        return false;

    case IN_DOT:
        if (ch < '0' || ch > '9') {
            return lexer_error(lexer, ch);
        }
        lexer->state = IN_FRAC;
        g_string_append_c(tok, ch);
        return false;

    case IN_FRAC:
        if (ch >= '0' && ch <= '9') {
            /* stay */
        } else if (ch == 'e' || ch == 'E') {
            lexer->state = IN_EXP;
        } else {
            lexer_emit(lexer, JSON_FLOAT);
            return true;
        }
        g_string_append_c(tok, ch);
        return false;

    case IN_EXP:
        if (ch == '+' || ch == '-') {
            lexer->state = IN_EXP_SIGN;
        } else if (ch >= '0' && ch <= '9') {
            lexer->state = IN_EXP_DIGITS;
        } else {
            return lexer_error(lexer, ch);
        }
        g_string_append_c(tok, ch);
        return false;

    case IN_EXP_SIGN:
        if (ch < '0' || ch > '9') {
            return lexer_error(lexer, ch);
        }
        lexer->state = IN_EXP_DIGITS;
        g_string_append_c(tok, ch);
        return false;

    case IN_EXP_DIGITS:
        if (ch < '0' || ch > '9') {
            lexer_emit(lexer, JSON_FLOAT);
            return true;
        }
        g_string_append_c(tok, ch);
        return false;

    case IN_KEYWORD:
        if (ch < 'a' || ch > 'z') {
            lexer_emit(lexer, JSON_KEYWORD);
            return true;
        }
        g_string_append_c(tok, ch);
        return false;

    case IN_INTERP:
        g_string_append_c(tok, ch);
        if (!interp_valid(tok->str, &complete)) {
            g_string_truncate(tok, tok->len - 1);
            return lexer_error(lexer, ch);
        }
        if (complete) {
            /* "%l" and "%ll" are only prefixes, never complete */
            lexer_emit(lexer, JSON_INTERP);
        }
        return false;

    default:
        g_assert_not_reached();
    }
}

static void json_lexer_feed_char(JSONLexer *lexer, unsigned char ch)
{
    lexer->x++;
    if (ch == '\n') {
        lexer->x = 0;
        lexer->y++;
    }

    while (lexer_step(lexer, ch)) {
        /* @ch ended the previous token; look at it again */
    }

    if (lexer->token->len > MAX_TOKEN_SIZE) {
        g_string_truncate(lexer->token, 0);
        g_string_append(lexer->token, "<oversized token>");
        lexer_emit(lexer, JSON_ERROR);
        lexer->state = IN_RECOVERY;
    }
}

void json_lexer_feed(JSONLexer *lexer, const char *buffer, size_t size)
{
    size_t i;

    for (i = 0; i < size; i++) {
        json_lexer_feed_char(lexer, buffer[i]);
    }
}

void json_lexer_flush(JSONLexer *lexer)
{
    switch (lexer->state) {
    case IN_START:
    case IN_START_INTERP:
        break;
    case IN_RECOVERY:
        lexer->state = lexer->start_state;
        break;
    case IN_ZERO:
    case IN_DIGITS:
        lexer_emit(lexer, JSON_INTEGER);
        break;
    case IN_FRAC:
    case IN_EXP_DIGITS:
        lexer_emit(lexer, JSON_FLOAT);
        break;
    case IN_KEYWORD:
        lexer_emit(lexer, JSON_KEYWORD);
        break;
    default:
        /* Unterminated string, number or interpolation */
        lexer_emit(lexer, JSON_ERROR);
        break;
    }
    json_message_process_token(lexer, lexer->token, JSON_END_OF_INPUT,
                               lexer->x, lexer->y);
}

void json_lexer_destroy(JSONLexer *lexer)
{
    g_string_free(lexer->token, true);
}
