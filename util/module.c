#include "qemu/osdep.h"
#include "qemu/module.h"

typedef struct ModuleEntry {
    void (*init)(void);
    struct ModuleEntry *next;
} ModuleEntry;

typedef struct ModuleList {
    ModuleEntry *head;
    ModuleEntry **tail;
    int count;
    bool done;
} ModuleList;

/*
 * Constructors run single-threaded before main(), so plain statics are
 * enough; the tail pointer keeps registration order without a walk.
 */
static ModuleList init_lists[MODULE_INIT_MAX];

static ModuleList *find_list(module_init_type type)
{
    ModuleList *l;

    assert(type >= 0 && type < MODULE_INIT_MAX);
    l = &init_lists[type];
    if (!l->tail) {
        l->tail = &l->head;
    }
    return l;
}

void register_module_init(void (*fn)(void), module_init_type type)
{
    ModuleList *l = find_list(type);
    ModuleEntry *e = g_new0(ModuleEntry, 1);

    e->init = fn;
    *l->tail = e;
    l->tail = &e->next;
    l->count++;
}

void module_call_init(module_init_type type)
{
    ModuleList *l = find_list(type);
    ModuleEntry *e;

    if (l->done) {
        return;
    }
    /* Mark first: an init function may itself call module_call_init. */
    l->done = true;
    for (e = l->head; e; e = e->next) {
        e->init();
    }
}

int module_count(module_init_type type)
{
    return find_list(type)->count;
}
