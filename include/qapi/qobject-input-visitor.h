/*
 * Input visitor reading a QObject tree.
 */
#ifndef QOBJECT_INPUT_VISITOR_H
#define QOBJECT_INPUT_VISITOR_H

#include "qapi/visitor.h"

/*
 * Strict flavour (QMP): scalars must have their JSON type; numbers
 * outside the target's range are errors.  Takes its own reference to
 * @obj.
 */
Visitor *qobject_input_visitor_new(QObject *obj);

/*
 * Keyval flavour (command line): every scalar is a QString and is
 * converted ("on"/"off" for bool, suffixes for size); lists appear as
 * lists.  Use with keyval_parse() output.
 */
Visitor *qobject_input_visitor_new_keyval(QObject *obj);

/*
 * Parse @str as JSON if it starts with '{', else as key=value,... with
 * keyval_parse(@implied_key); return the matching visitor or NULL with
 * *@errp set.
 */
Visitor *qobject_input_visitor_new_str(const char *str,
                                       const char *implied_key,
                                       Error **errp);

/*
 * For legacy flat option dicts (-drive style) whose scalars may be
 * strings or typed: crumple and pick the keyval visitor.
 */
Visitor *qobject_input_visitor_new_flat_confused(QDict *qdict,
                                                 Error **errp);

#endif /* QOBJECT_INPUT_VISITOR_H */
