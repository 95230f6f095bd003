/*
 * libqtest: drive a qemu-system-x86_64 started with "-accel qtest"
 * through the qtest line protocol (docs/devel/qtest.md).  The API has
 * QEMU's names; everything aborts the test (g_assert) on protocol
 * errors.
 */
#ifndef LIBQTEST_H
#define LIBQTEST_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include <sys/types.h>

typedef struct QTestState QTestState;

/*
 * Start the emulator ($QTEST_QEMU_BINARY, else the one of this build)
 * with "-accel qtest -qtest unix:... -qmp unix:..." plus @extra_args (split on
 * blanks, no quoting).
 */
QTestState *qtest_init(const char *extra_args);
QTestState *qtest_initf(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
/* Like qtest_init, but failure to start is returned (NULL). */
QTestState *qtest_init_without_qmp_handshake(const char *extra_args);
/* Stop the emulator (SIGTERM, wait) and free @s. */
void qtest_quit(QTestState *s);
/* Kill the emulator without waiting for a clean exit. */
void qtest_kill_qemu(QTestState *s);
/* The emulator's pid; exit status after qtest_wait_qemu(). */
pid_t qtest_pid(QTestState *s);
/* Wait for the emulator to exit by itself; its wait() status. */
int qtest_wait_qemu(QTestState *s);
/* Whether the emulator process is still running. */
bool qtest_probe_child(QTestState *s);

/* Raw command: send @cmd (newline added), return the reply line. */
char *qtest_hmp_raw(QTestState *s, const char *cmd);
/* Send a command line and return the reply ("OK ..." / "FAIL ..."). */
char *qtest_command(QTestState *s, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

uint8_t qtest_inb(QTestState *s, uint16_t addr);
uint16_t qtest_inw(QTestState *s, uint16_t addr);
uint32_t qtest_inl(QTestState *s, uint16_t addr);
void qtest_outb(QTestState *s, uint16_t addr, uint8_t value);
void qtest_outw(QTestState *s, uint16_t addr, uint16_t value);
void qtest_outl(QTestState *s, uint16_t addr, uint32_t value);

uint8_t qtest_readb(QTestState *s, uint64_t addr);
uint16_t qtest_readw(QTestState *s, uint64_t addr);
uint32_t qtest_readl(QTestState *s, uint64_t addr);
uint64_t qtest_readq(QTestState *s, uint64_t addr);
void qtest_writeb(QTestState *s, uint64_t addr, uint8_t value);
void qtest_writew(QTestState *s, uint64_t addr, uint16_t value);
void qtest_writel(QTestState *s, uint64_t addr, uint32_t value);
void qtest_writeq(QTestState *s, uint64_t addr, uint64_t value);

/* Hex transfers ("read"/"write"). */
void qtest_memread(QTestState *s, uint64_t addr, void *data, size_t size);
void qtest_memwrite(QTestState *s, uint64_t addr, const void *data,
                    size_t size);
/* Base64 transfers ("b64read"/"b64write"), better for big buffers. */
void qtest_bufread(QTestState *s, uint64_t addr, void *data, size_t size);
void qtest_bufwrite(QTestState *s, uint64_t addr, const void *data,
                    size_t size);
void qtest_memset(QTestState *s, uint64_t addr, uint8_t patt, size_t size);

/* Intercept the unnamed GPIO inputs/outputs of the device at @path. */
void qtest_irq_intercept_in(QTestState *s, const char *path);
void qtest_irq_intercept_out(QTestState *s, const char *path);
/* Level of intercepted line @num as last reported by "IRQ" lines. */
bool qtest_get_irq(QTestState *s, int num);
void qtest_set_irq_in(QTestState *s, const char *path, const char *name,
                      int num, int level);

/* Returns the virtual clock in ns after stepping. */
int64_t qtest_clock_step(QTestState *s, int64_t step);
int64_t qtest_clock_step_next(QTestState *s);
int64_t qtest_clock_set(QTestState *s, int64_t val);

bool qtest_big_endian(QTestState *s);

/*
 * QMP on the emulator's -qmp socket (the handshake is done on first
 * use).  Returns the response line (events are skipped), e.g.
 * {"return": {}}; the caller frees it.
 */
char *qtest_qmp_raw(QTestState *s, const char *json);
char *qtest_qmp(QTestState *s, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* Path of the emulator binary used by qtest_init. */
const char *qtest_qemu_binary(void);

#endif
