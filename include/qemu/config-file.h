/*
 * Registry of the option groups (QemuOptsList) known to the program,
 * looked up by name ("drive", "machine", ...).
 */
#ifndef QEMU_CONFIG_FILE_H
#define QEMU_CONFIG_FILE_H

#include "qemu/option.h"

typedef void QEMUConfigCB(const char *group, QDict *qdict, void *opaque,
                          Error **errp);

/* Look up group @group; reports "There is no option group '%s'" if absent. */
QemuOptsList *qemu_find_opts(const char *group);
QemuOptsList *qemu_find_opts_err(const char *group, Error **errp);
/* The single id-less QemuOpts of @group, created if needed. */
QemuOpts *qemu_find_opts_singleton(const char *group);

void qemu_add_opts(QemuOptsList *list);
void qemu_add_drive_opts(QemuOptsList *list);
/* -global driver.property=value (stored in group "global"). */
int qemu_global_option(const char *str);

/*
 * Data for QMP query-command-line-options, in its wire format:
 *   [{"option": "drive", "parameters": [{"name": "if", "type": "string",
 *     "help": "...", "default": "..."}, ...]}, ...]
 * (types "string", "boolean", "number", "size"; help/default only when
 * set).  @option NULL lists every registered group; "drive" merges the
 * groups added with qemu_add_drive_opts.  An unknown @option fails with
 * QEMU's "invalid option name: %s".
 */
QList *qemu_query_command_line_options(const char *option, Error **errp);

void qemu_config_write(FILE *fp);
int qemu_config_parse(FILE *fp, QemuOptsList **lists, const char *fname,
                      QEMUConfigCB *cb, Error **errp);
int qemu_read_config_file(const char *filename, QEMUConfigCB *cb,
                          Error **errp);

#endif
