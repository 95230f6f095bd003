/*
 * Starts every AP with INIT/SIPI/SIPI through the local APIC ICR.  Each
 * AP increments a counter and prints its APIC ID; the BSP checks that the
 * number of running CPUs equals "cpus=N" from the command line, or the
 * fw_cfg CPU count.
 */
#include "guest.h"

static volatile uint32_t aps_up;
static volatile uint32_t seen_ids;

static void ap(void)
{
    uint8_t id = lapic_id();
    __atomic_fetch_or(&seen_ids, 1u << (id & 31), __ATOMIC_SEQ_CST);
    __atomic_fetch_add(&aps_up, 1, __ATOMIC_SEQ_CST);
    printf("smp: AP with APIC ID %u up\n", id);
}

int main(void)
{
    int ncpu = fw_cfg_nb_cpus();
    long want = cmdline_get_int("cpus", ncpu);
    uint8_t self = lapic_id();

    printf("smp: BSP APIC ID %u, LAPIC version %x, fw_cfg says %d CPUs\n",
           self, lapic_read(LAPIC_VERSION), ncpu);
    check(want >= 1 && want <= 16);
    if (ncpu) {
        check(ncpu == want);
    }
    lapic_enable();
    ap_main = ap;
    /* APIC IDs on pc are 0 .. N-1 for a flat -smp N topology */
    for (int id = 0; id < want; id++) {
        if (id == self) {
            continue;
        }
        uint32_t before = aps_up;
        check(smp_start_ap(id));
        for (int i = 0; i < 2000000 && aps_up == before; i++) {
            cpu_relax();
        }
        if (aps_up == before) {
            fail("AP %d did not start\n", id);
        }
    }
    /* wait (bounded) for the APs' prints and any stray extra start-ups */
    spin(20000);
    uint32_t up = aps_up + 1;
    printf("smp: %u CPUs running\n", up);
    check(up == want);
    for (int id = 0; id < want; id++) {
        check(id == self || (seen_ids & (1u << id)));
    }
    printf("smp: PASS\n");
    return 0;
}
