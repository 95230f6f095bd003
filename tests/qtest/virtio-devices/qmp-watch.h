/*
 * A second QMP monitor for tests that need events (libqtest's qtest_qmp
 * skips them): the emulator gets "-qmp unix:PATH,server=on,wait=off",
 * the test connects, negotiates and waits for an event line.
 */
#ifndef QMP_WATCH_H
#define QMP_WATCH_H

#include <glib.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include "libqtest.h"

typedef struct QmpWatch {
    int fd;
    GString *rx;
} QmpWatch;

static inline void qmp_watch_send(QmpWatch *w, const char *s)
{
    size_t len = strlen(s);

    g_assert_cmpint(write(w->fd, s, len), ==, (ssize_t)len);
}

/*
 * Wait for a line containing every string of the NULL-terminated
 * @needles (qtest clock kept going); false after 10 s.
 */
static inline bool qmp_watch_wait(QmpWatch *w, QTestState *qts,
                                  const char *const *needles)
{
    gint64 deadline = g_get_monotonic_time() + 10 * G_USEC_PER_SEC;

    for (;;) {
        char *nl;

        while ((nl = strchr(w->rx->str, '\n'))) {
            char *line = g_strndup(w->rx->str, nl - w->rx->str);
            bool all = true;
            int i;

            g_string_erase(w->rx, 0, nl - w->rx->str + 1);
            for (i = 0; needles[i]; i++) {
                all = all && strstr(line, needles[i]);
            }
            g_free(line);
            if (all) {
                return true;
            }
        }
        if (g_get_monotonic_time() > deadline) {
            return false;
        }
        struct pollfd pfd = { .fd = w->fd, .events = POLLIN };
        if (poll(&pfd, 1, 10) > 0) {
            char buf[4096];
            ssize_t n = read(w->fd, buf, sizeof(buf));

            g_assert_cmpint(n, >, 0);
            g_string_append_len(w->rx, buf, n);
        } else if (qts) {
            qtest_clock_step(qts, 100);
        }
    }
}

static inline void qmp_watch_open(QmpWatch *w, QTestState *qts,
                                  const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    static const char *const greeting[] = { "\"QMP\"", NULL };
    static const char *const ok[] = { "\"return\"", NULL };

    w->fd = socket(AF_UNIX, SOCK_STREAM, 0);
    g_assert_cmpint(w->fd, >=, 0);
    g_strlcpy(addr.sun_path, path, sizeof(addr.sun_path));
    g_assert_cmpint(connect(w->fd, (struct sockaddr *)&addr, sizeof(addr)),
                    ==, 0);
    w->rx = g_string_new("");
    g_assert_true(qmp_watch_wait(w, qts, greeting));
    qmp_watch_send(w, "{\"execute\": \"qmp_capabilities\"}\n");
    g_assert_true(qmp_watch_wait(w, qts, ok));
}

static inline void qmp_watch_close(QmpWatch *w)
{
    close(w->fd);
    g_string_free(w->rx, true);
}

#endif
