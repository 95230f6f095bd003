/*
 * Building QMP event messages.
 */
#ifndef QAPI_QMP_EVENT_H
#define QAPI_QMP_EVENT_H

#include "qapi/qmp/qdict.h"

/*
 * {"timestamp": {"seconds": S, "microseconds": US}, "event": @event_name}
 * with the current wall-clock time; the caller adds "data" if any.
 */
QDict *qmp_event_build_dict(const char *event_name);

#endif /* QAPI_QMP_EVENT_H */
