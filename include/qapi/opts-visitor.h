/*
 * Options visitor: reads a flat QemuOpts group (-object, -numa, -netdev
 * in key=value form) as a QAPI struct.
 *
 * Nested structs are flattened (their members are looked up among the
 * same options).  A list is given by repeating the option
 * ("host-nodes=0,host-nodes=2"); integer lists also accept ranges
 * ("host-nodes=0-3", at most 65536 elements).  The option group's id
 * appears as member "id".  Options nobody visited are an error
 * ("Invalid parameter 'x'").
 */
#ifndef OPTS_VISITOR_H
#define OPTS_VISITOR_H

#include "qapi/visitor.h"

typedef struct QemuOpts QemuOpts;

/* Bound on the number of elements a range may expand to. */
#define OPTS_VISITOR_RANGE_MAX 65536

/* @opts must outlive the visitor. */
Visitor *opts_visitor_new(const QemuOpts *opts);

#endif /* OPTS_VISITOR_H */
