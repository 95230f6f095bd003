/*
 * UserCreatable: the interface implemented by types that -object and
 * object-add may instantiate (memory backends, rng backends, secrets...).
 */
#ifndef OBJECT_INTERFACES_H
#define OBJECT_INTERFACES_H

#include "qom/object.h"

typedef struct QemuOpts QemuOpts;

#define TYPE_USER_CREATABLE "user-creatable"

typedef struct UserCreatableClass UserCreatableClass;
DECLARE_CLASS_CHECKERS(UserCreatableClass, USER_CREATABLE,
                       TYPE_USER_CREATABLE)

/* Dummy instance type: only ever used as an Object * via a cast. */
typedef struct UserCreatable UserCreatable;
#define USER_CREATABLE(obj) \
    INTERFACE_CHECK(UserCreatable, (obj), TYPE_USER_CREATABLE)

struct UserCreatableClass {
    /* private: */
    InterfaceClass parent_class;

    /* public: */
    /* Called once all properties have been set; may fail. */
    void (*complete)(UserCreatable *uc, Error **errp);
    /* Return false to refuse object-del (e.g. backend still in use). */
    bool (*can_be_deleted)(UserCreatable *uc);
};

/* Run ucc->complete if @uc implements it. */
bool user_creatable_complete(UserCreatable *uc, Error **errp);
bool user_creatable_can_be_deleted(UserCreatable *uc);

/*
 * Create an object of @type, set the properties from @qdict through the
 * visitor @v (a qobject input visitor over that dict, or NULL for no
 * properties), add it to /objects/@id (if @id is non-NULL) and complete
 * it.  Returns the new object with a reference owned by the caller, or
 * NULL with @errp set.
 */
Object *user_creatable_add_type(const char *type, const char *id,
                                const QDict *qdict, Visitor *v,
                                Error **errp);

/*
 * Create an object from a dict holding "qom-type", "id" and properties.
 * @keyval: values are strings as on the command line (keyval visitor)
 * rather than typed JSON values.  Both "qom-type" and "id" are required.
 * Returns the object, now owned by /objects (no reference for the
 * caller), or NULL with @errp set.
 */
Object *user_creatable_add_dict(const QDict *qdict, bool keyval,
                                Error **errp);

/*
 * Parse an -object argument, either "type,id=x,k=v" or a JSON object
 * '{"qom-type": ..., "id": ..., ...}', into a dict.  The dict carries
 * "qom-type" and "id" plus the properties.  *keyval is set to true for
 * the dotted key=value form (all values strings).  Returns NULL with
 * @errp set on syntax errors.
 */
QDict *user_creatable_parse_str(const char *str, bool *keyval, Error **errp);

/* Parse and create; "help" and "type,help" print help and return true. */
bool user_creatable_add_from_str(const char *str, Error **errp);

/* As user_creatable_add_from_str(), but exit(1) on errors and 0 on help. */
void user_creatable_process_cmdline(const char *cmdline);

/*
 * Print help for -object: "help" lists the creatable types, "type,help"
 * lists a type's properties.  Returns true if help was printed.  @opts
 * may be NULL.
 */
bool user_creatable_print_help(const char *type, QemuOpts *opts);

/* Print the properties of @type; false if it is not a known type. */
bool type_print_class_properties(const char *type);

/* Remove /objects/@id; refuses objects that cannot be deleted. */
bool user_creatable_del(const char *id, Error **errp);

/* Unparent all of /objects (at exit). */
void user_creatable_cleanup(void);

#endif
