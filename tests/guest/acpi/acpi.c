/*
 * ACPI tables and PM hardware as a kernel finds them: RSDP in the BIOS
 * area, RSDT/XSDT, checksums, MADT CPU count, FADT PM blocks, the PM
 * timer rate against the PIT, and soft-off through \_S5.
 *
 * Command line: cpus=N (expected MADT processors), pmtimer (check the
 * timer rate), poweroff (end through S5; the process must exit by
 * itself), powerbutton (wait for a power button event first), noacpi
 * (expect no RSDP at all), hotplug=N (act as an OSPM for ACPI PCI
 * hot-plug until N devices came and went, then pass).  While waiting for
 * the power button the guest also services PCI hot-plug events, so a
 * management layer can attach and detach devices.
 */
#include "guest.h"

struct acpi_header {
    char sig[4];
    uint32_t length;
    uint8_t revision;
    uint8_t checksum;
    char oem_id[6];
    char oem_table_id[8];
    uint32_t oem_revision;
    uint32_t creator_id;
    uint32_t creator_revision;
} __attribute__((packed));

/* printf has no precision: copy N chars into one of a few buffers. */
static const char *nstr(const void *p, int n)
{
    static char bufs[4][16];
    static int next;
    char *b = bufs[next++ & 3];

    memcpy(b, p, n);
    b[n] = 0;
    return b;
}

static uint8_t sum(const void *p, uint32_t len)
{
    const uint8_t *b = p;
    uint8_t s = 0;

    while (len--) {
        s += *b++;
    }
    return s;
}

static const uint8_t *find_rsdp(void)
{
    uint32_t a;

    for (a = 0xe0000; a < 0x100000; a += 16) {
        const uint8_t *p = (const uint8_t *)a;

        if (!memcmp(p, "RSD PTR ", 8) && sum(p, 20) == 0) {
            return p;
        }
    }
    return NULL;
}

static const struct acpi_header *found[32];
static int nfound;

static const struct acpi_header *check_table(uint64_t addr, const char *via)
{
    const struct acpi_header *h;

    if (addr == 0 || addr >= 0x100000000ull) {
        fail("%s: table address 0x%llx out of reach\n", via,
             (unsigned long long)addr);
    }
    h = (const struct acpi_header *)(uintptr_t)addr;
    if (h->length < sizeof(*h) || h->length > 0x100000) {
        fail("%s: %s at 0x%x has bad length %u\n", via, nstr(h->sig, 4),
             (uint32_t)addr, h->length);
    }
    if (sum(h, h->length) != 0) {
        fail("%s at 0x%x: bad checksum\n", nstr(h->sig, 4), (uint32_t)addr);
    }
    printf("acpi: %s at 0x%x len %u rev %u ok\n", nstr(h->sig, 4),
           (uint32_t)addr,
           h->length, h->revision);
    return h;
}

static const struct acpi_header *find_table(const char *sig)
{
    int i;

    for (i = 0; i < nfound; i++) {
        if (!memcmp(found[i]->sig, sig, 4)) {
            return found[i];
        }
    }
    return NULL;
}

/* Walk an RSDT (4-byte entries) or XSDT (8-byte entries). */
static void walk_sdt(const struct acpi_header *sdt, int entry_size)
{
    const uint8_t *e = (const uint8_t *)(sdt + 1);
    uint32_t n = (sdt->length - sizeof(*sdt)) / entry_size;
    uint32_t i;

    for (i = 0; i < n; i++) {
        uint64_t addr = 0;
        const struct acpi_header *h;

        memcpy(&addr, e + i * entry_size, entry_size);
        h = check_table(addr, sdt->sig);
        if (!find_table(h->sig) && nfound < ARRAY_SIZE(found)) {
            found[nfound++] = h;
        } else if (find_table(h->sig) != h && entry_size == 8) {
            /* XSDT and RSDT must agree */
            fail("XSDT and RSDT list different %s tables\n",
                 nstr(h->sig, 4));
        }
    }
}

static int count_madt_cpus(const struct acpi_header *madt)
{
    const uint8_t *p = (const uint8_t *)madt + 44;
    const uint8_t *end = (const uint8_t *)madt + madt->length;
    int cpus = 0, ioapics = 0, irq0 = 0, sci = 0;

    while (p + 2 <= end && p[1] >= 2) {
        switch (p[0]) {
        case 0:
            if (p[4] & 1) {
                cpus++;
            }
            break;
        case 1:
            ioapics++;
            break;
        case 2:
            if (p[3] == 0 && *(uint32_t *)(p + 4) == 2) {
                irq0 = 1;
            }
            if (p[3] == 9 && *(uint32_t *)(p + 4) == 9 &&
                (*(uint16_t *)(p + 8) & 0xf) == 0xd) {
                sci = 1;
            }
            break;
        }
        p += p[1];
    }
    printf("acpi: MADT %d CPUs, %d IOAPIC, IRQ0->GSI2 %s, SCI level/high %s\n",
           cpus, ioapics, irq0 ? "yes" : "no", sci ? "yes" : "no");
    check(ioapics == 1);
    check(irq0);
    return cpus;
}

/* SLP_TYPa from the \_S5_ package: Name(_S5_, Package(){a, b, ...}). */
static int find_s5_typ(const struct acpi_header *dsdt)
{
    const uint8_t *p = (const uint8_t *)dsdt + sizeof(*dsdt);
    const uint8_t *end = (const uint8_t *)dsdt + dsdt->length;

    for (; p + 8 < end; p++) {
        if (memcmp(p, "_S5_", 4) || p[4] != 0x12) {
            continue;
        }
        p += 5;
        p += 1 + (p[0] >> 6);       /* PkgLength */
        p++;                        /* NumElements */
        if (*p == 0x0a) {           /* BytePrefix */
            return p[1];
        }
        if (*p <= 1) {              /* ZeroOp, OneOp */
            return *p;
        }
        fail("acpi: unexpected _S5_ element 0x%x\n", *p);
    }
    fail("acpi: no _S5_ in the DSDT\n");
}

#define PWRBTN (1u << 8)                    /* PM1 PWRBTN_STS / _EN */

static uint32_t pit_read_ch0(void)
{
    uint8_t lo, hi;

    outb(0x00, 0x43);               /* latch channel 0 */
    lo = inb(0x40);
    hi = inb(0x40);
    return lo | (hi << 8);
}

/* PM timer ticks per 100 PIT ticks, over about 80 ms of PIT time. */
static void check_pm_timer(uint16_t tmr_port)
{
    uint32_t pm0, pm1, pm_ticks, pit_prev, pit_total = 0;
    uint32_t ratio;

    outb(0x34, 0x43);               /* ch0, lo/hi, mode 2 */
    outb(0x00, 0x40);
    outb(0x00, 0x40);               /* divisor 65536 */
    spin(100);
    pit_prev = pit_read_ch0();
    pm0 = inl(tmr_port) & 0xffffff;
    while (pit_total < 100000) {
        uint32_t now = pit_read_ch0();

        pit_total += (pit_prev - now) & 0xffff;  /* counts down */
        pit_prev = now;
    }
    pm1 = inl(tmr_port) & 0xffffff;
    pm_ticks = (pm1 - pm0) & 0xffffff;
    ratio = pm_ticks / (pit_total / 100);
    printf("acpi: PM timer %u ticks over %u PIT ticks (ratio %u/100, "
           "expected 300)\n", pm_ticks, pit_total, ratio);
    /* 3.579545 MHz / 1.193182 MHz = 3; a generous window. */
    check(ratio >= 150 && ratio <= 600);
}

/* ---- ACPI PCI hot-plug, done the way the DSDT's AML does it ---- */

struct pcihp {
    uint16_t base;          /* PCIU; PCID +4, B0EJ +8, BNUM +0x10 */
    uint16_t gpe0;          /* GPE0 block: status, then enable */
    int plugged, ejected;
};

static struct pcihp hp;

/*
 * OperationRegion(PCST, SystemIO, base, len) in the DSDT gives the
 * register block: ExtOpPrefix 0x5b, OpRegionOp 0x80, name, space 1,
 * then the base as WordConst (0x0b) or DWordConst (0x0c).
 */
static uint16_t dsdt_pcihp_base(const struct acpi_header *dsdt)
{
    const uint8_t *p = (const uint8_t *)dsdt + sizeof(*dsdt);
    const uint8_t *end = (const uint8_t *)dsdt + dsdt->length - 10;

    for (; p < end; p++) {
        if (p[0] == 0x5b && p[1] == 0x80 && !memcmp(p + 2, "PCST", 4) &&
            p[6] == 1 && (p[7] == 0x0b || p[7] == 0x0c)) {
            return p[8] | (p[9] << 8);
        }
    }
    return 0;
}

static bool dsdt_has_name(const struct acpi_header *dsdt, const char *name)
{
    const uint8_t *p = (const uint8_t *)dsdt + sizeof(*dsdt);
    const uint8_t *end = (const uint8_t *)dsdt + dsdt->length - 4;

    for (; p < end; p++) {
        if (!memcmp(p, name, 4)) {
            return true;
        }
    }
    return false;
}

static bool pcihp_init(const struct acpi_header *fadt,
                       const struct acpi_header *dsdt)
{
    hp.gpe0 = *(uint32_t *)((uint8_t *)fadt + 80);
    hp.base = dsdt_pcihp_base(dsdt);
    if (!hp.base || !hp.gpe0 || !dsdt_has_name(dsdt, "_E01")) {
        return false;
    }
    printf("acpi: PCI hotplug registers at 0x%x, GPE0 at 0x%x\n", hp.base,
           hp.gpe0);
    outw(0x02, hp.gpe0);                    /* clear stale GPE 1 status */
    outw(0x02, hp.gpe0 + 2);                /* enable GPE 1 */
    return true;
}

/* What the OS's PCI core does with a new slot: IDs, BAR0, decode on. */
static void pcihp_enumerate(int slot)
{
    uint8_t devfn = slot << 3;
    uint32_t id = pci_config_readl(0, devfn, 0);
    uint32_t bar0, size;

    printf("acpi: hotplug slot %d: device %x:%x class %x\n", slot,
           id & 0xffff, id >> 16, pci_config_readl(0, devfn, 8) >> 16);
    if ((id & 0xffff) == 0xffff) {
        fail("acpi: slot %d announced but empty\n", slot);
    }
    bar0 = pci_config_readl(0, devfn, 0x10);
    pci_config_writel(0, devfn, 0x10, 0xffffffff);
    size = ~(pci_config_readl(0, devfn, 0x10) & ~3u) + 1;
    if (!(bar0 & 1) || size > 0x100) {
        return;                             /* not a legacy I/O BAR */
    }
    /* Legacy virtio: capacity (sectors) at 20 with MSI-X off. */
    pci_config_writel(0, devfn, 0x10, 0xc100);
    pci_config_writel(0, devfn, 0x04, 0x01);    /* I/O decode */
    printf("acpi: slot %d BAR0 io 0xc100 size %u capacity %u\n", slot, size,
           inl(0xc100 + 20));
}

static void pcihp_eject(int slot)
{
    printf("acpi: eject request slot %d\n", slot);
    /* _EJ0 -> PCEJ(BSEL, _SUN): select bus 0, write the slot bit */
    outl(0, hp.base + 0x10);
    outl(1u << slot, hp.base + 0x08);
    if (pci_config_readw(0, slot << 3, 0) != 0xffff) {
        fail("acpi: slot %d still answers after eject\n", slot);
    }
    printf("acpi: slot %d ejected\n", slot);
}

/* \_GPE._E01 -> PCNT: Notify(1) for PCIU slots, Notify(3) for PCID. */
static void pcihp_service(void)
{
    uint32_t up, down;
    int slot;

    if (!hp.base || !(inw(hp.gpe0) & 0x02)) {
        return;
    }
    outb(0x0a, 0xa0);                       /* OCW3: read IRR */
    printf("acpi: GPE 1 status set, SCI %s\n",
           (inb(0xa0) & 0x02) ? "raised" : "not seen");
    outw(0x02, hp.gpe0);
    outl(0, hp.base + 0x10);                /* BNUM = 0 */
    up = inl(hp.base);
    down = inl(hp.base + 4);
    for (slot = 0; slot < 32; slot++) {
        if (up & (1u << slot)) {
            pcihp_enumerate(slot);
            hp.plugged++;
        }
        if (down & (1u << slot)) {
            pcihp_eject(slot);
            hp.ejected++;
        }
    }
}

static void wait_hotplug(int want)
{
    uint32_t n;

    printf("acpi: waiting for hotplug events\n");
    for (n = 0; hp.plugged < want || hp.ejected < want; n++) {
        if (n > 4000000) {
            fail("acpi: hotplug: %d plugged, %d ejected\n", hp.plugged,
                 hp.ejected);
        }
        pcihp_service();
        spin(50);
    }
    printf("acpi: hotplug: %d plugged, %d ejected\n", hp.plugged, hp.ejected);
}

/*
 * Enable the power button event and wait (bounded) for the host to
 * press it (QMP system_powerdown); the SCI shows in the slave 8259's
 * IRR as IRQ 9.
 */
static void wait_power_button(uint16_t pm1a_evt)
{
    uint32_t n;

    outw(PWRBTN, pm1a_evt);                 /* clear a stale status */
    outw(PWRBTN, pm1a_evt + 2);             /* PWRBTN_EN */
    check(!(inw(pm1a_evt) & PWRBTN));
    printf("acpi: waiting for the power button\n");
    for (n = 0; !(inw(pm1a_evt) & PWRBTN); n++) {
        if (n > 2000000) {
            fail("acpi: no power button event\n");
        }
        pcihp_service();                    /* attach/detach meanwhile */
        spin(50);
    }
    outb(0x0a, 0xa0);                       /* OCW3: read IRR */
    printf("acpi: power button pressed, SCI %s\n",
           (inb(0xa0) & 0x02) ? "raised" : "not seen");
    outw(PWRBTN, pm1a_evt);                 /* write 1 to clear */
    check(!(inw(pm1a_evt) & PWRBTN));
}

int main(void)
{
    const uint8_t *rsdp = find_rsdp();
    const struct acpi_header *rsdt = NULL, *xsdt = NULL, *fadt, *madt, *dsdt;
    long want_cpus = cmdline_get_int("cpus", -1);
    uint32_t pm1a_evt, pm1a_cnt, pm_tmr, smi_cmd, dsdt_addr;
    uint8_t acpi_enable;
    int s5, i;

    if (cmdline_has("noacpi")) {
        if (rsdp) {
            fail("acpi: RSDP at 0x%x with ACPI disabled\n", (uint32_t)rsdp);
        }
        printf("acpi: no RSDP, as expected\n");
        printf("acpi: PASS\n");
        return 0;
    }
    if (!rsdp) {
        fail("acpi: no RSDP in 0xe0000-0xfffff\n");
    }
    printf("acpi: RSDP at 0x%x rev %u oem %s\n", (uint32_t)rsdp, rsdp[15],
           nstr(rsdp + 9, 6));
    if (rsdp[15] >= 2) {
        uint32_t len = *(uint32_t *)(rsdp + 20);
        uint64_t xaddr;

        check(len >= 36 && sum(rsdp, len) == 0);
        memcpy(&xaddr, rsdp + 24, 8);
        if (xaddr) {
            xsdt = check_table(xaddr, "RSDP");
            check(!memcmp(xsdt->sig, "XSDT", 4));
        }
    }
    if (*(uint32_t *)(rsdp + 16)) {
        rsdt = check_table(*(uint32_t *)(rsdp + 16), "RSDP");
        check(!memcmp(rsdt->sig, "RSDT", 4));
        walk_sdt(rsdt, 4);
    }
    if (xsdt) {
        walk_sdt(xsdt, 8);
    }
    check(rsdt || xsdt);

    fadt = find_table("FACP");
    madt = find_table("APIC");
    if (!fadt || !madt) {
        fail("acpi: FACP or APIC missing\n");
    }
    i = count_madt_cpus(madt);
    if (want_cpus >= 0 && i != want_cpus) {
        fail("acpi: MADT lists %d CPUs, expected %ld\n", i, want_cpus);
    }

    dsdt_addr = *(uint32_t *)((uint8_t *)fadt + 40);
    if (fadt->length >= 148 && *(uint32_t *)((uint8_t *)fadt + 140)) {
        dsdt_addr = *(uint32_t *)((uint8_t *)fadt + 140);   /* X_DSDT */
    }
    dsdt = check_table(dsdt_addr, "FACP");
    check(!memcmp(dsdt->sig, "DSDT", 4));
    if (*(uint32_t *)((uint8_t *)fadt + 36)) {
        const char *facs = (const char *)*(uint32_t *)((uint8_t *)fadt + 36);
        check(!memcmp(facs, "FACS", 4) && ((uint32_t)facs & 63) == 0);
    }

    smi_cmd = *(uint32_t *)((uint8_t *)fadt + 48);
    acpi_enable = *((uint8_t *)fadt + 52);
    pm1a_evt = *(uint32_t *)((uint8_t *)fadt + 56);
    pm1a_cnt = *(uint32_t *)((uint8_t *)fadt + 64);
    pm_tmr = *(uint32_t *)((uint8_t *)fadt + 76);
    printf("acpi: SCI %u SMI_CMD 0x%x enable 0x%x PM1a_EVT 0x%x "
           "PM1a_CNT 0x%x PM_TMR 0x%x\n", *(uint16_t *)((uint8_t *)fadt + 46),
           smi_cmd, acpi_enable, pm1a_evt, pm1a_cnt, pm_tmr);
    check(pm1a_cnt && pm_tmr && pm1a_evt);
    s5 = find_s5_typ(dsdt);
    printf("acpi: \\_S5 SLP_TYP %d\n", s5);

    if (cmdline_has("pmtimer")) {
        check_pm_timer(pm_tmr);
    }

    if (cmdline_has("hotplug")) {
        long want = cmdline_get_int("hotplug", 1);

        if (!(inw(pm1a_cnt) & 1) && smi_cmd) {
            outb(acpi_enable, smi_cmd);
        }
        if (!pcihp_init(fadt, dsdt)) {
            fail("acpi: no PCI hotplug (PCST region, _E01) in the DSDT\n");
        }
        wait_hotplug(want);
        printf("acpi: PASS\n");
        return 0;
    }

    if (cmdline_has("poweroff") || cmdline_has("powerbutton")) {
        /* Switch to ACPI mode as an OS does, then request S5. */
        if (!(inw(pm1a_cnt) & 1) && smi_cmd) {
            outb(acpi_enable, smi_cmd);
            for (i = 0; i < 1000 && !(inw(pm1a_cnt) & 1); i++) {
                spin(100);
            }
        }
        check(inw(pm1a_cnt) & 1);
        pcihp_init(fadt, dsdt);
        if (cmdline_has("powerbutton")) {
            wait_power_button(pm1a_evt);
        }
        printf("acpi: SCI_EN set, entering S5\n");
        outw((s5 << 10) | (1 << 13), pm1a_cnt);
        spin(1000000);
        fail("acpi: still running after S5\n");
    }
    printf("acpi: PASS\n");
    return 0;
}
