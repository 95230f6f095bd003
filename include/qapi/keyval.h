/*
 * KEY=VALUE,... parsing for the command line (-blockdev, -device,
 * -object with dotted keys).
 *
 * Syntax: key-vals are separated by ','; ",," is a literal comma in a
 * value.  A key is one or more fragments separated by '.'; dotted keys
 * build nested dicts ("a.b=1" -> {"a": {"b": "1"}}), and dicts whose keys
 * are all decimal integers 0..n-1 become lists.  Values are strings.
 * With @implied_key, the first key-val may omit "KEY=".  "help" or "?"
 * as a key-val sets *@help (error if @help is NULL).
 */
#ifndef QAPI_KEYVAL_H
#define QAPI_KEYVAL_H

#include "qapi/qmp/qdict.h"

QDict *keyval_parse(const char *params, const char *implied_key,
                    bool *help, Error **errp);
/* Parse into existing @qdict (later keys may not conflict). */
QDict *keyval_parse_into(QDict *qdict, const char *params,
                         const char *implied_key, bool *p_help,
                         Error **errp);
/*
 * Merge @new into @old: dicts merge recursively, lists are appended,
 * other values replace.  Type conflicts are errors.
 */
void keyval_merge(QDict *old, const QDict *new, Error **errp);

#endif /* QAPI_KEYVAL_H */
