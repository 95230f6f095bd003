/* qemu_irq: a line with a handler; levels are delivered synchronously. */
#include "qemu/osdep.h"
#include "hw/irq.h"

void qemu_set_irq(qemu_irq irq, int level)
{
    /* An unconnected output is legal: the level goes nowhere. */
    if (!irq) {
        return;
    }
    irq->handler(irq->opaque, irq->n, level);
}

qemu_irq qemu_allocate_irq(qemu_irq_handler handler, void *opaque, int n)
{
    qemu_irq irq = g_new0(struct IRQState, 1);

    irq->handler = handler;
    irq->opaque = opaque;
    irq->n = n;
    return irq;
}

qemu_irq *qemu_extend_irqs(qemu_irq *old, int n_old, qemu_irq_handler handler,
                           void *opaque, int n)
{
    /* One spare NULL slot keeps the array terminated. */
    qemu_irq *s = g_renew(qemu_irq, old, n_old + n + 1);
    int i;

    for (i = n_old; i < n_old + n; i++) {
        s[i] = qemu_allocate_irq(handler, opaque, i);
    }
    s[n_old + n] = NULL;
    return s;
}

qemu_irq *qemu_allocate_irqs(qemu_irq_handler handler, void *opaque, int n)
{
    return qemu_extend_irqs(NULL, 0, handler, opaque, n);
}

void qemu_free_irq(qemu_irq irq)
{
    g_free(irq);
}

void qemu_free_irqs(qemu_irq *s, int n)
{
    int i;

    if (!s) {
        return;
    }
    for (i = 0; i < n; i++) {
        qemu_free_irq(s[i]);
    }
    g_free(s);
}

static void qemu_notirq(void *opaque, int line, int level)
{
    qemu_set_irq(opaque, !level);
}

qemu_irq qemu_irq_invert(qemu_irq irq)
{
    /* The inverted line starts out reflecting a low input. */
    qemu_irq_raise(irq);
    return qemu_allocate_irq(qemu_notirq, irq, 0);
}

static void qemu_splitirq(void *opaque, int line, int level)
{
    qemu_irq *pair = opaque;

    qemu_set_irq(pair[0], level);
    qemu_set_irq(pair[1], level);
}

qemu_irq qemu_irq_split(qemu_irq irq1, qemu_irq irq2)
{
    qemu_irq *pair = g_new0(qemu_irq, 2);

    pair[0] = irq1;
    pair[1] = irq2;
    return qemu_allocate_irq(qemu_splitirq, pair, 0);
}

void qemu_irq_intercept_in(qemu_irq *gpio_in, qemu_irq_handler handler,
                           int n)
{
    int i;

    /* The intercepting handler gets the original line as opaque. */
    for (i = 0; i < n; i++) {
        qemu_irq orig = g_memdup2(gpio_in[i], sizeof(*gpio_in[i]));

        gpio_in[i]->handler = handler;
        gpio_in[i]->opaque = orig;
    }
}
