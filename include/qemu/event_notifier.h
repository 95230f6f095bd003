/*
 * EventNotifier: a counter object with a file descriptor (eventfd, or
 * a pipe where eventfd is unavailable) that becomes readable when set.
 * Used to kick the main loop or to wire KVM ioeventfd/irqfd.
 */
#ifndef QEMU_EVENT_NOTIFIER_H
#define QEMU_EVENT_NOTIFIER_H

#include "qemu/typedefs.h"

struct EventNotifier {
    int rfd;
    int wfd;
    bool initialized;
};

typedef void EventNotifierHandler(EventNotifier *);

/* 0 or -errno. */
int event_notifier_init(EventNotifier *e, int active);
void event_notifier_cleanup(EventNotifier *e);
int event_notifier_set(EventNotifier *e);
/* Clear; returns true if it was set. */
int event_notifier_test_and_clear(EventNotifier *e);
/* The fd to poll for readability (and hand to KVM). */
int event_notifier_get_fd(const EventNotifier *e);
int event_notifier_get_wfd(const EventNotifier *e);
/* Wrap an existing eventfd. */
void event_notifier_init_fd(EventNotifier *e, int fd);

#endif
