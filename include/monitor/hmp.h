/*
 * Human monitor commands.  Each takes the monitor to print to and a
 * dict whose "arg" member, if present, is the rest of the command line.
 */
#ifndef MONITOR_HMP_H
#define MONITOR_HMP_H

#include "monitor/monitor.h"

typedef struct HMPCommand {
    const char *name;       /* "name|alias" */
    const char *params;
    const char *help;
    void (*cmd)(Monitor *mon, const QDict *qdict);
} HMPCommand;

void hmp_handle_error(Monitor *mon, Error *err);

void hmp_info(Monitor *mon, const QDict *qdict);
void hmp_info_help(Monitor *mon);
void hmp_stop(Monitor *mon, const QDict *qdict);
void hmp_cont(Monitor *mon, const QDict *qdict);
void hmp_system_reset(Monitor *mon, const QDict *qdict);
void hmp_system_powerdown(Monitor *mon, const QDict *qdict);
void hmp_quit(Monitor *mon, const QDict *qdict);
void hmp_device_add(Monitor *mon, const QDict *qdict);
void hmp_device_del(Monitor *mon, const QDict *qdict);
void hmp_qom_list(Monitor *mon, const QDict *qdict);
void hmp_qom_get(Monitor *mon, const QDict *qdict);
void hmp_qom_set(Monitor *mon, const QDict *qdict);
void hmp_physical_memory_dump(Monitor *mon, const QDict *qdict);
void hmp_ioport_read(Monitor *mon, const QDict *qdict);
void hmp_ioport_write(Monitor *mon, const QDict *qdict);
void hmp_nmi(Monitor *mon, const QDict *qdict);
void hmp_block_resize(Monitor *mon, const QDict *qdict);
void hmp_sendkey(Monitor *mon, const QDict *qdict);

/*
 * "info block" and "info network" text, from the block and net layers
 * when they provide these (weak; without them nothing is printed).
 */
void hmp_info_block(Monitor *mon, const QDict *qdict);
void hmp_info_network(Monitor *mon, const QDict *qdict);

/* An output-capturing HMP monitor (human-monitor-command). */
Monitor *monitor_new_capture(void);
char *monitor_free_capture(Monitor *mon);

#endif
