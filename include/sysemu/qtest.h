/*
 * The qtest accelerator and protocol server (accel/qtest/qtest.c,
 * softmmu/qtest.c).  With "-accel qtest" no vCPU runs: a test program
 * drives the machine through the line protocol described in
 * docs/devel/qtest.md.
 */
#ifndef SYSEMU_QTEST_H
#define SYSEMU_QTEST_H

#include "qapi/error.h"

/* True once the qtest accelerator was selected. */
extern bool qtest_allowed;

static inline bool qtest_enabled(void)
{
    return qtest_allowed;
}

/* Whether a qtest client is connected right now. */
bool qtest_driver(void);

/* -qtest CHARDEV [-qtest-log FILE|none]: start the protocol server. */
void qtest_server_init(const char *qtest_chrdev, const char *qtest_log,
                       Error **errp);

/* Send an out-of-band line ("IRQ raise 4") to the client, if any. */
void qtest_sendf(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

#endif
