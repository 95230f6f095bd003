/*
 * Visitor that frees what an input visitor allocated (used by the
 * qapi_free_* functions).
 */
#ifndef QAPI_DEALLOC_VISITOR_H
#define QAPI_DEALLOC_VISITOR_H

#include "qapi/visitor.h"

Visitor *qapi_dealloc_visitor_new(void);

#endif /* QAPI_DEALLOC_VISITOR_H */
