/*
 * Streaming JSON message parser, as used by QMP.
 *
 * Bytes are fed in arbitrary chunks; every complete top-level JSON value
 * is handed to emit(opaque, value, NULL).  A syntax error is handed over
 * as emit(opaque, NULL, err) (the callback owns both arguments); parsing
 * then resumes with the next top-level value.  Limits (as QEMU): nesting
 * deeper than 1024, more than 2^21 tokens or more than 64 MiB in a
 * single message are errors.
 */
#ifndef JSON_PARSER_H
#define JSON_PARSER_H

#include "qapi/qmp/qobject.h"

typedef struct JSONLexer {
    int start_state, state;
    GString *token;
    int x, y;
    char quote;             /* quote character of the string being lexed */
    int pending;            /* hex digits still expected in \uXXXX */
} JSONLexer;

typedef struct JSONMessageParser {
    void (*emit)(void *opaque, QObject *json, Error *err);
    void *opaque;
    va_list *ap;            /* for interpolation (%d...), or NULL */
    JSONLexer lexer;
    int brace_count;
    int bracket_count;
    GQueue tokens;
    uint64_t token_size;
} JSONMessageParser;

void json_message_parser_init(JSONMessageParser *parser,
                              void (*emit)(void *opaque, QObject *json,
                                           Error *err),
                              void *opaque, va_list *ap);
void json_message_parser_feed(JSONMessageParser *parser,
                              const char *buffer, size_t size);
/* End of input: finish or report whatever is pending. */
void json_message_parser_flush(JSONMessageParser *parser);
void json_message_parser_destroy(JSONMessageParser *parser);

#endif /* JSON_PARSER_H */
