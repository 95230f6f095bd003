/*
 * -smp: fill in the CPU topology from whatever the user gave, then check
 * it against the board's limits.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "hw/boards.h"

char *cpu_hierarchy_to_string(MachineState *ms)
{
    MachineClass *mc = MACHINE_GET_CLASS(ms);
    GString *s = g_string_new(NULL);

    g_string_append_printf(s, "sockets (%u)", ms->smp.sockets);
    if (mc->smp_props.dies_supported) {
        g_string_append_printf(s, " * dies (%u)", ms->smp.dies);
    }
    if (mc->smp_props.clusters_supported) {
        g_string_append_printf(s, " * clusters (%u)", ms->smp.clusters);
    }
    g_string_append_printf(s, " * cores (%u)", ms->smp.cores);
    g_string_append_printf(s, " * threads (%u)", ms->smp.threads);
    return g_string_free(s, FALSE);
}

static bool given_zero(bool has, int64_t val)
{
    return has && val == 0;
}

void machine_parse_smp_config(MachineState *ms,
                              const SMPConfiguration *config, Error **errp)
{
    MachineClass *mc = MACHINE_GET_CLASS(ms);
    unsigned cpus = config->has_cpus ? config->cpus : 0;
    unsigned sockets = config->has_sockets ? config->sockets : 0;
    unsigned dies = config->has_dies ? config->dies : 0;
    unsigned clusters = config->has_clusters ? config->clusters : 0;
    unsigned cores = config->has_cores ? config->cores : 0;
    unsigned threads = config->has_threads ? config->threads : 0;
    unsigned maxcpus = config->has_maxcpus ? config->maxcpus : 0;
    unsigned below_sockets;
    char *topo;

    /* An explicit 0 is treated as "not given", with a warning. */
    if (given_zero(config->has_cpus, config->cpus) ||
        given_zero(config->has_sockets, config->sockets) ||
        given_zero(config->has_dies, config->dies) ||
        given_zero(config->has_clusters, config->clusters) ||
        given_zero(config->has_cores, config->cores) ||
        given_zero(config->has_threads, config->threads) ||
        given_zero(config->has_maxcpus, config->maxcpus)) {
        warn_report("Deprecated CPU topology (considered invalid): "
                    "CPU topology parameters must be greater than zero");
    }

    if (!mc->smp_props.dies_supported && dies > 1) {
        error_setg(errp, "dies not supported by this "
                   "machine's CPU topology");
        return;
    }
    if (!mc->smp_props.clusters_supported && clusters > 1) {
        error_setg(errp, "clusters not supported by this "
                   "machine's CPU topology");
        return;
    }
    dies = dies ? dies : 1;
    clusters = clusters ? clusters : 1;

    if (cpus == 0 && maxcpus == 0) {
        sockets = sockets ? sockets : 1;
        cores = cores ? cores : 1;
        threads = threads ? threads : 1;
    } else {
        maxcpus = maxcpus ? maxcpus : cpus;
        /*
         * Fill the first missing level from maxcpus: older machine types
         * prefer to grow sockets, newer ones cores.
         */
        if (mc->smp_props.prefer_sockets && sockets == 0) {
            cores = cores ? cores : 1;
            threads = threads ? threads : 1;
            sockets = maxcpus / (dies * clusters * cores * threads);
        } else if (mc->smp_props.prefer_sockets && cores == 0) {
            threads = threads ? threads : 1;
            cores = maxcpus / (sockets * dies * clusters * threads);
        } else if (cores == 0) {
            sockets = sockets ? sockets : 1;
            threads = threads ? threads : 1;
            cores = maxcpus / (sockets * dies * clusters * threads);
        } else if (sockets == 0) {
            threads = threads ? threads : 1;
            sockets = maxcpus / (dies * clusters * cores * threads);
        }
        if (threads == 0) {
            below_sockets = sockets * dies * clusters * cores;
            threads = below_sockets ? maxcpus / below_sockets : 0;
        }
    }

    maxcpus = maxcpus ? maxcpus : sockets * dies * clusters * cores * threads;
    cpus = cpus ? cpus : maxcpus;

    ms->smp.cpus = cpus;
    ms->smp.sockets = sockets;
    ms->smp.dies = dies;
    ms->smp.clusters = clusters;
    ms->smp.cores = cores;
    ms->smp.threads = threads;
    ms->smp.max_cpus = maxcpus;

    if ((uint64_t)sockets * dies * clusters * cores * threads != maxcpus) {
        topo = cpu_hierarchy_to_string(ms);
        error_setg(errp, "Invalid CPU topology: "
                   "product of the hierarchy must match maxcpus: "
                   "%s != maxcpus (%u)", topo, maxcpus);
        g_free(topo);
        return;
    }
    if (maxcpus < cpus) {
        topo = cpu_hierarchy_to_string(ms);
        error_setg(errp, "Invalid CPU topology: "
                   "maxcpus must be equal to or greater than smp: "
                   "%s == maxcpus (%u) < smp_cpus (%u)",
                   topo, maxcpus, cpus);
        g_free(topo);
        return;
    }
    if (ms->smp.cpus < mc->min_cpus) {
        error_setg(errp, "Invalid SMP CPUs %d. The min CPUs "
                   "supported by machine '%s' is %d", ms->smp.cpus,
                   mc->name, mc->min_cpus);
        return;
    }
    if (ms->smp.max_cpus > mc->max_cpus) {
        error_setg(errp, "Invalid SMP CPUs %d. The max CPUs "
                   "supported by machine '%s' is %d", ms->smp.max_cpus,
                   mc->name, mc->max_cpus);
        return;
    }
}
