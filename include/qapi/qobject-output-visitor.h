/*
 * Output visitor building a QObject tree.  visit_complete(v, &obj) (or
 * the @result given at creation, set at visit_complete) receives the
 * new QObject; the caller owns it.
 */
#ifndef QOBJECT_OUTPUT_VISITOR_H
#define QOBJECT_OUTPUT_VISITOR_H

#include "qapi/visitor.h"

Visitor *qobject_output_visitor_new(QObject **result);

#endif /* QOBJECT_OUTPUT_VISITOR_H */
