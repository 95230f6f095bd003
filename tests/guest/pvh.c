/*
 * pvh: booted through the PVH entry, check the hvm_start_info a PVH
 * loader hands over: magic, command line, memory map, and the RSDP
 * address (a real ACPI RSDP with a valid checksum; 0 with -no-acpi, as
 * the kernel then has no tables to find).  cmdline "acpi=0|1".
 */
#include "guest.h"

#define XEN_HVM_START_MAGIC 0x336ec578
#define E820_RAM 1

struct hvm_start_info {
    uint32_t magic;
    uint32_t version;
    uint32_t flags;
    uint32_t nr_modules;
    uint64_t modlist_paddr;
    uint64_t cmdline_paddr;
    uint64_t rsdp_paddr;
    uint64_t memmap_paddr;
    uint32_t memmap_entries;
    uint32_t reserved;
} __attribute__((packed));

struct hvm_memmap_entry {
    uint64_t addr;
    uint64_t size;
    uint32_t type;
    uint32_t reserved;
} __attribute__((packed));

extern struct hvm_start_info *pvh_start_info;

static void check_memmap(const struct hvm_start_info *si)
{
    const struct hvm_memmap_entry *m =
        (const void *)(uintptr_t)si->memmap_paddr;
    bool ram_at_1m = false;
    uint32_t i;

    check(si->version >= 1 && si->memmap_entries > 0);
    for (i = 0; i < si->memmap_entries; i++) {
        printf("pvh: memmap %x%08x +%x%08x type %u\n",
               (uint32_t)(m[i].addr >> 32), (uint32_t)m[i].addr,
               (uint32_t)(m[i].size >> 32), (uint32_t)m[i].size, m[i].type);
        if (m[i].type == E820_RAM && m[i].addr <= 0x100000 &&
            m[i].addr + m[i].size > 0x100000) {
            ram_at_1m = true;
        }
    }
    check(ram_at_1m);
}

static void check_rsdp(uint64_t paddr)
{
    const uint8_t *p = (const uint8_t *)(uintptr_t)paddr;
    uint8_t sum = 0;
    int i;

    check(paddr && paddr < 0x100000);
    check(memcmp(p, "RSD PTR ", 8) == 0);
    for (i = 0; i < 20; i++) {
        sum += p[i];
    }
    check(sum == 0);
    printf("pvh: RSDP at %x, revision %u\n", (uint32_t)paddr, p[15]);
}

int main(void)
{
    const struct hvm_start_info *si = pvh_start_info;
    long want_acpi = cmdline_get_int("acpi", 1);

    check(si != NULL);
    check(si->magic == XEN_HVM_START_MAGIC);
    printf("pvh: start_info at %x, version %u, cmdline '%s'\n",
           (uint32_t)(uintptr_t)si, si->version, cmdline());
    check(cmdline_has("acpi"));
    check_memmap(si);
    if (want_acpi) {
        check_rsdp(si->rsdp_paddr);
    } else {
        printf("pvh: rsdp_paddr %x\n", (uint32_t)si->rsdp_paddr);
        check(si->rsdp_paddr == 0);
    }
    printf("pvh: PASS\n");
    return 0;
}
