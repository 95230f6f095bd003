/* HMP "info network" (the monitor calls it; the text is built in net.c). */
#include "qemu/osdep.h"
#include "monitor/monitor.h"
#include "monitor/hmp.h"
#include "net/net.h"

void hmp_info_network(Monitor *mon, const QDict *qdict)
{
    g_autofree char *text = qemu_net_info_string();

    monitor_printf(mon, "%s", text);
}
