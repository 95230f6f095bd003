/*
 * Input visitor parsing one string: scalars ("42", "on", "1G", "1.5")
 * and lists of integers written as ranges ("1-3,5" -> 1 2 3 5).  No
 * structs.
 */
#ifndef STRING_INPUT_VISITOR_H
#define STRING_INPUT_VISITOR_H

#include "qapi/visitor.h"

Visitor *string_input_visitor_new(const char *str);

#endif /* STRING_INPUT_VISITOR_H */
