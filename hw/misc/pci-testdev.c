/*
 * pci-testdev (1b36:0005): I/O exit tests for kvm-unit-tests.
 *
 * BAR0 (MMIO) and BAR1 (port I/O) each expose the same protocol.  The
 * guest selects a test by writing its number to offset 0, then reads
 * the test's header (below) at offset 0 upwards, performs the access it
 * describes (a write of width bytes of data at offset) and reads back
 * count to see that the access arrived.  The tests are the same three
 * per BAR: "no-eventfd", "wildcard-eventfd" and "datamatch-eventfd";
 * here every access is seen by the device model itself (no ioeventfd
 * fast path), which gives the guest identical results.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/bitops.h"
#include "hw/pci/pci.h"
#include "hw/pci/pci_ids.h"
#include "hw/pci/pci_regs.h"

#define TYPE_PCI_TEST_DEV "pci-testdev"

#define IOTEST_DATAMATCH 0xfa
#define IOTEST_NOMATCH   0xce

#define IOTEST_IOSIZE  128
#define IOTEST_MEMSIZE 2048

static const char *const iotest_test[] = {
    "no-eventfd",
    "wildcard-eventfd",
    "datamatch-eventfd",
};
static const char *const iotest_type[] = {
    "mmio",
    "portio",
};

#define IOTEST_MAX_TEST ARRAY_SIZE(iotest_test)
#define IOTEST_MAX_TYPE ARRAY_SIZE(iotest_type)
#define IOTEST_MAX      (IOTEST_MAX_TEST * IOTEST_MAX_TYPE)

#define IOTEST_ACCESS_WIDTH 1

/* Guest visible test header (x86 guest on an x86 host: little endian). */
typedef struct QEMU_PACKED PCITestDevHdr {
    uint8_t test;
    uint8_t width;
    uint8_t pad0[2];
    uint32_t offset;
    uint8_t data;
    uint8_t pad1[3];
    uint32_t count;
    uint8_t name[];
} PCITestDevHdr;

typedef struct IOTest {
    bool match_data;
    unsigned size;
    PCITestDevHdr *hdr;
    unsigned bufsize;
} IOTest;

typedef struct PCITestDevState {
    PCIDevice parent_obj;

    MemoryRegion mmio;
    MemoryRegion portio;
    IOTest tests[IOTEST_MAX];
    int current;
} PCITestDevState;

#define PCI_TEST_DEV(obj) \
    OBJECT_CHECK(PCITestDevState, (obj), TYPE_PCI_TEST_DEV)

static bool iotest_is_portio(int i)
{
    return i / IOTEST_MAX_TEST == 1;
}

static uint64_t pci_testdev_read(void *opaque, hwaddr addr, unsigned size)
{
    PCITestDevState *d = opaque;
    IOTest *test;
    uint64_t val = 0;
    unsigned i;

    if (d->current < 0) {
        return 0;
    }
    test = &d->tests[d->current];
    for (i = 0; i < size && addr + i < test->bufsize; i++) {
        val |= (uint64_t)((uint8_t *)test->hdr)[addr + i] << (8 * i);
    }
    return val;
}

static void pci_testdev_write(PCITestDevState *d, hwaddr addr, uint64_t val,
                              unsigned size, int type)
{
    IOTest *test;

    if (addr == offsetof(PCITestDevHdr, test)) {
        if (val >= IOTEST_MAX_TEST) {
            return;
        }
        d->current = type * IOTEST_MAX_TEST + val;
        d->tests[d->current].hdr->count = 0;
        return;
    }
    if (d->current < 0) {
        return;
    }
    test = &d->tests[d->current];
    if (addr != test->hdr->offset) {
        return;
    }
    if (test->match_data &&
        (test->size != size || val != test->hdr->data)) {
        return;
    }
    test->hdr->count = test->hdr->count + 1;
}

static void pci_testdev_mmio_write(void *opaque, hwaddr addr, uint64_t val,
                                   unsigned size)
{
    pci_testdev_write(opaque, addr, val, size, 0);
}

static void pci_testdev_pio_write(void *opaque, hwaddr addr, uint64_t val,
                                  unsigned size)
{
    pci_testdev_write(opaque, addr, val, size, 1);
}

static const MemoryRegionOps pci_testdev_mmio_ops = {
    .read = pci_testdev_read,
    .write = pci_testdev_mmio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .impl.min_access_size = 1,
    .impl.max_access_size = 1,
};

static const MemoryRegionOps pci_testdev_pio_ops = {
    .read = pci_testdev_read,
    .write = pci_testdev_pio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .impl.min_access_size = 1,
    .impl.max_access_size = 1,
};

static void pci_testdev_realize(PCIDevice *pci_dev, Error **errp)
{
    PCITestDevState *d = PCI_TEST_DEV(pci_dev);
    int i;

    pci_dev->config[PCI_INTERRUPT_PIN] = 0;     /* no interrupt pin */

    memory_region_init_io(&d->mmio, OBJECT(d), &pci_testdev_mmio_ops, d,
                          "pci-testdev-mmio", IOTEST_MEMSIZE * 2);
    memory_region_init_io(&d->portio, OBJECT(d), &pci_testdev_pio_ops, d,
                          "pci-testdev-portio", IOTEST_IOSIZE * 2);
    pci_register_bar(pci_dev, 0, PCI_BASE_ADDRESS_SPACE_MEMORY, &d->mmio);
    pci_register_bar(pci_dev, 1, PCI_BASE_ADDRESS_SPACE_IO, &d->portio);

    d->current = -1;
    for (i = 0; i < IOTEST_MAX; i++) {
        IOTest *test = &d->tests[i];
        g_autofree char *name =
            g_strdup_printf("%s-%s", iotest_type[i / IOTEST_MAX_TEST],
                            iotest_test[i % IOTEST_MAX_TEST]);
        unsigned region = iotest_is_portio(i) ? IOTEST_IOSIZE
                                              : IOTEST_MEMSIZE;

        test->bufsize = sizeof(PCITestDevHdr) + strlen(name) + 1;
        test->hdr = g_malloc0(test->bufsize);
        memcpy(test->hdr->name, name, strlen(name) + 1);
        /* the access target lies in the upper half of the BAR */
        test->hdr->offset = region + i * IOTEST_ACCESS_WIDTH;
        test->match_data = strcmp(iotest_test[i % IOTEST_MAX_TEST],
                                  "wildcard-eventfd") != 0;
        test->hdr->test = i;
        test->hdr->data = test->match_data ? IOTEST_DATAMATCH
                                           : IOTEST_NOMATCH;
        test->hdr->width = IOTEST_ACCESS_WIDTH;
        test->size = IOTEST_ACCESS_WIDTH;
    }
}

static void pci_testdev_uninit(PCIDevice *dev)
{
    PCITestDevState *d = PCI_TEST_DEV(dev);
    int i;

    for (i = 0; i < IOTEST_MAX; i++) {
        g_free(d->tests[i].hdr);
        d->tests[i].hdr = NULL;
    }
}

static void qdev_pci_testdev_reset(DeviceState *dev)
{
    PCITestDevState *d = PCI_TEST_DEV(dev);
    int i;

    d->current = -1;
    for (i = 0; i < IOTEST_MAX; i++) {
        if (d->tests[i].hdr) {
            d->tests[i].hdr->count = 0;
        }
    }
}

static void pci_testdev_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    PCIDeviceClass *k = PCI_DEVICE_CLASS(klass);

    k->realize = pci_testdev_realize;
    k->exit = pci_testdev_uninit;
    k->vendor_id = PCI_VENDOR_ID_REDHAT;
    k->device_id = PCI_DEVICE_ID_REDHAT_TEST;
    k->revision = 0x00;
    k->class_id = PCI_CLASS_OTHERS;
    dc->desc = "PCI Test Device";
    set_bit(DEVICE_CATEGORY_MISC, dc->categories);
    dc->reset = qdev_pci_testdev_reset;
}

static const TypeInfo pci_testdev_info = {
    .name          = TYPE_PCI_TEST_DEV,
    .parent        = TYPE_PCI_DEVICE,
    .instance_size = sizeof(PCITestDevState),
    .class_init    = pci_testdev_class_init,
    .interfaces = (InterfaceInfo[]) {
        { INTERFACE_CONVENTIONAL_PCI_DEVICE },
        { },
    },
};

static void pci_testdev_register_types(void)
{
    type_register_static(&pci_testdev_info);
}

type_init(pci_testdev_register_types)
