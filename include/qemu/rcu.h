/*
 * Read-copy-update: readers run lock-free between rcu_read_lock() and
 * rcu_read_unlock(); writers publish a new version with
 * qatomic_rcu_set() and free the old one after synchronize_rcu() (or
 * asynchronously with call_rcu()).
 *
 * Threads register automatically on their first rcu_read_lock() and
 * unregister when they exit.
 */
#ifndef QEMU_RCU_H
#define QEMU_RCU_H

#include "qemu/atomic.h"

void rcu_read_lock(void);
void rcu_read_unlock(void);
/* Wait until every read-side critical section begun before returns. */
void synchronize_rcu(void);
/* Explicit registration (optional here; QEMU requires it). */
void rcu_register_thread(void);
void rcu_unregister_thread(void);

struct rcu_head;
typedef void RCUCBFunc(struct rcu_head *head);

struct rcu_head {
    struct rcu_head *next;
    RCUCBFunc *func;
};

/*
 * Run @func(@head) after a grace period, in the call_rcu thread with
 * the BQL held.
 */
void call_rcu1(struct rcu_head *head, RCUCBFunc *func);

/* @field must be the first member so @func can take the object. */
#define call_rcu(head, func, field)                                      \
    call_rcu1(({                                                         \
        QEMU_BUILD_BUG_ON(offsetof(typeof(*(head)), field) != 0);        \
        &(head)->field;                                                  \
    }), (RCUCBFunc *)(func))

/* g_free @obj after a grace period; @field is its struct rcu_head. */
void rcu_free_helper_(struct rcu_head *head);
#define g_free_rcu(obj, field)                                           \
    call_rcu1(({                                                         \
        QEMU_BUILD_BUG_ON(offsetof(typeof(*(obj)), field) != 0);         \
        &(obj)->field;                                                   \
    }), rcu_free_helper_)

/* Wait until all callbacks queued so far have run. */
void drain_call_rcu(void);

typedef struct RCUReadAuto RCUReadAuto;

static inline RCUReadAuto *rcu_read_auto_lock(void)
{
    rcu_read_lock();
    /* Anything non-NULL will do: the cleanup only unlocks. */
    return (RCUReadAuto *)(uintptr_t)1;
}

static inline void rcu_read_auto_unlock(RCUReadAuto *r)
{
    rcu_read_unlock();
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(RCUReadAuto, rcu_read_auto_unlock)

#define RCU_READ_LOCK_GUARD__(n)                                         \
    g_autoptr(RCUReadAuto) rcu_read_auto_##n G_GNUC_UNUSED =             \
        rcu_read_auto_lock()
#define RCU_READ_LOCK_GUARD_(n) RCU_READ_LOCK_GUARD__(n)
#define RCU_READ_LOCK_GUARD() RCU_READ_LOCK_GUARD_(__COUNTER__)

#define WITH_RCU_READ_LOCK_GUARD__(n)                                    \
    for (g_autoptr(RCUReadAuto) rcu_read_auto_##n = rcu_read_auto_lock(); \
         rcu_read_auto_##n;                                              \
         rcu_read_auto_unlock(rcu_read_auto_##n),                        \
         rcu_read_auto_##n = NULL)
#define WITH_RCU_READ_LOCK_GUARD_(n) WITH_RCU_READ_LOCK_GUARD__(n)
#define WITH_RCU_READ_LOCK_GUARD() WITH_RCU_READ_LOCK_GUARD_(__COUNTER__)

#endif
