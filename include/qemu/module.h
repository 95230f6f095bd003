/*
 * Module registration.  Every block driver, QOM type, option group ...
 * registers an init function through a constructor that runs before
 * main(); main() then calls module_call_init() once per module type.
 */
#ifndef QEMU_MODULE_H
#define QEMU_MODULE_H

typedef enum {
    MODULE_INIT_MIGRATION,
    MODULE_INIT_BLOCK,
    MODULE_INIT_OPTS,
    MODULE_INIT_QOM,
    MODULE_INIT_TRACE,
    MODULE_INIT_QTEST,
    MODULE_INIT_FUZZ_TARGET,
    MODULE_INIT_MAX
} module_init_type;

#define module_init(function, type)                                     \
static void __attribute__((constructor)) do_qemu_init_ ## function(void) \
{                                                                       \
    register_module_init(function, type);                               \
}

#define block_init(function) module_init(function, MODULE_INIT_BLOCK)
#define opts_init(function) module_init(function, MODULE_INIT_OPTS)
#define type_init(function) module_init(function, MODULE_INIT_QOM)
#define trace_init(function) module_init(function, MODULE_INIT_TRACE)
#define migration_init(function) module_init(function, MODULE_INIT_MIGRATION)

void register_module_init(void (*fn)(void), module_init_type type);
void module_call_init(module_init_type type);
/* Number of functions registered for @type (for tests and diagnostics). */
int module_count(module_init_type type);

#endif
