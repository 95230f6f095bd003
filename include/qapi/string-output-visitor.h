/*
 * Output visitor rendering one scalar, or a list of integers, as a
 * string.  With @human, integers also show hex ("42 (0x2a)") and sizes
 * are scaled ("1 GiB"); lists of integers are folded into ranges.
 * visit_complete(v, &char_ptr) or @result receives a g_malloc'd string.
 */
#ifndef STRING_OUTPUT_VISITOR_H
#define STRING_OUTPUT_VISITOR_H

#include "qapi/visitor.h"

Visitor *string_output_visitor_new(bool human, char **result);

#endif /* STRING_OUTPUT_VISITOR_H */
