/*
 * Notifier lists: callbacks registered with a list and run in turn
 * when the event the list stands for happens (reset, exit, ...).
 */
#ifndef QEMU_NOTIFY_H
#define QEMU_NOTIFY_H

#include "qemu/queue.h"
#include "qemu/typedefs.h"

struct Notifier {
    void (*notify)(Notifier *notifier, void *data);
    QLIST_ENTRY(Notifier) node;
};

struct NotifierList {
    QLIST_HEAD(, Notifier) notifiers;
};

#define NOTIFIER_LIST_INITIALIZER(head) { QLIST_HEAD_INITIALIZER((head).notifiers) }

void notifier_list_init(NotifierList *list);
/* Newly added notifiers run first. */
void notifier_list_add(NotifierList *list, Notifier *notifier);
void notifier_remove(Notifier *notifier);
/* Run every notifier; a notifier may remove itself while running. */
void notifier_list_notify(NotifierList *list, void *data);
bool notifier_list_empty(NotifierList *list);

/* Notifiers that can fail: stop at the first non-zero return. */
typedef struct NotifierWithReturn NotifierWithReturn;

struct NotifierWithReturn {
    int (*notify)(NotifierWithReturn *notifier, void *data);
    QLIST_ENTRY(NotifierWithReturn) node;
};

typedef struct NotifierWithReturnList {
    QLIST_HEAD(, NotifierWithReturn) notifiers;
} NotifierWithReturnList;

void notifier_with_return_list_init(NotifierWithReturnList *list);
void notifier_with_return_list_add(NotifierWithReturnList *list,
                                   NotifierWithReturn *notifier);
void notifier_with_return_remove(NotifierWithReturn *notifier);
int notifier_with_return_list_notify(NotifierWithReturnList *list,
                                     void *data);

#endif
