/*
 * Accelerators as QOM objects: each is a subclass of TYPE_ACCEL named
 * "<name>-accel" (e.g. "kvm-accel").  vl.c picks one with
 * configure_accelerators(); the instance lives at /machine/accel.
 */
#ifndef QEMU_ACCEL_H
#define QEMU_ACCEL_H

#include "qom/object.h"
#include "exec/hwaddr.h"

typedef struct MachineState MachineState;
typedef struct AddressSpace AddressSpace;
typedef struct CPUState CPUState;
typedef struct QemuOptsList QemuOptsList;

typedef struct AccelState {
    Object parent_obj;
} AccelState;

typedef struct AccelClass {
    ObjectClass parent_class;

    const char *name;
    /* Set up the accelerator for @ms; 0 or a negative errno. */
    int (*init_machine)(MachineState *ms);
    /* After the machine is built (board init done). */
    void (*setup_post)(MachineState *ms, AccelState *accel);
    bool (*has_memory)(MachineState *ms, AddressSpace *as,
                       hwaddr start_addr, hwaddr size);
    /* Set to true by a successful init_machine (e.g. &kvm_allowed). */
    bool *allowed;
    /* Global properties applied when this accelerator is used. */
    GPtrArray *compat_props;
} AccelClass;

#define TYPE_ACCEL "accel"
#define ACCEL_CLASS_SUFFIX  "-" TYPE_ACCEL
#define ACCEL_CLASS_NAME(a) (a ACCEL_CLASS_SUFFIX)

#define ACCEL(obj) OBJECT_CHECK(AccelState, (obj), TYPE_ACCEL)
#define ACCEL_CLASS(klass) OBJECT_CLASS_CHECK(AccelClass, (klass), TYPE_ACCEL)
#define ACCEL_GET_CLASS(obj) OBJECT_GET_CLASS(AccelClass, (obj), TYPE_ACCEL)

/* The class of accelerator @opt_name ("kvm"), or NULL. */
AccelClass *accel_find(const char *opt_name);
/* The accelerator in use (NULL before configure_accelerators). */
AccelState *current_accel(void);
const char *current_accel_name(void);
int accel_init_machine(AccelState *accel, MachineState *ms);
/* Board init done: let the accelerator finish (calls setup_post). */
void accel_setup_post(MachineState *ms);

/*
 * Command-line interface used by vl.c:
 *  - vl.c registers qemu_accel_opts with qemu_add_opts() and adds one
 *    QemuOpts per -accel option (implied name "accel": "-accel kvm,x=y"
 *    gives accel=kvm and the property x=y for the accelerator object);
 *  - "-machine accel=kvm:tcg" and -enable-kvm ("kvm") are passed with
 *    accel_set_machine_accelerators() before configure_accelerators();
 *  - configure_accelerators() tries them in order (default "kvm"),
 *    creates the first one that initialises and exits(1) with QEMU's
 *    messages if none does.  current_machine must be set.
 */
extern QemuOptsList qemu_accel_opts;
void accel_set_machine_accelerators(const char *accelerators);
void configure_accelerators(const char *progname);
/* Print "Accelerators supported in QEMU binary:" and the list. */
void accel_list_print(void);

#endif
