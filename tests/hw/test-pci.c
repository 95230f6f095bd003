/*
 * PCI core on a fake bus: config-space masks, BAR sizing and mapping,
 * devfn assignment and its errors, INTx routing, capabilities and MSI.
 * The memory API is replaced by a recorder so BAR mappings and MSI
 * writes can be observed without a VM.
 */
#include "qemu/osdep.h"
#include "fake-memory.h"
#include "qapi/error.h"
#include "qemu/module.h"
#include "exec/address-spaces.h"
#include "hw/pci/pci.h"
#include "hw/pci/pci_bus.h"
#include "hw/pci/pci_host.h"
#include "hw/pci/msi.h"
#include "hw/pci/msix.h"
#include "hw/qdev-properties.h"
#include "hw/i386/pc.h"
#include "hw/isa/isa.h"
#include "sysemu/runstate.h"

/* ---- fake address space accesses: the last write is recorded -------- */

static uint64_t last_write_addr;
static uint32_t last_write_data;
static int nr_writes;

MemTxResult address_space_write(AddressSpace *as, hwaddr addr,
                                MemTxAttrs attrs, const void *buf, hwaddr len)
{
    uint32_t v = 0;

    memcpy(&v, buf, MIN(len, 4));
    last_write_addr = addr;
    last_write_data = GUINT32_FROM_LE(v);
    nr_writes++;
    return MEMTX_OK;
}

MemTxResult address_space_rw(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                             void *buf, hwaddr len, bool is_write)
{
    if (is_write) {
        return address_space_write(as, addr, attrs, buf, len);
    }
    memset(buf, 0x5a, len);
    return MEMTX_OK;
}

void portio_list_init(PortioList *piolist, Object *owner,
                      const struct MemoryRegionPortio *callbacks,
                      void *opaque, const char *name)
{
    piolist->owner = owner;
}

void portio_list_add(PortioList *piolist, struct MemoryRegion *address_space,
                     uint32_t addr)
{
}

static int reset_requests;

void qemu_system_reset_request(ShutdownCause reason)
{
    reset_requests++;
}

/* ---- a test device -------------------------------------------------- */

#define TYPE_TEST_PCI "test-pci-dev"
typedef struct TestPCIState {
    PCIDevice parent_obj;
    MemoryRegion mmio, io, mem64;
} TestPCIState;

static void test_pci_realize(PCIDevice *d, Error **errp)
{
    TestPCIState *s = (TestPCIState *)d;

    memory_region_init_io(&s->mmio, OBJECT(d), NULL, s, "mmio", 4096);
    memory_region_init_io(&s->io, OBJECT(d), NULL, s, "io", 32);
    memory_region_init_io(&s->mem64, OBJECT(d), NULL, s, "mem64", MiB);
    pci_register_bar(d, 0, PCI_BASE_ADDRESS_SPACE_MEMORY, &s->mmio);
    pci_register_bar(d, 1, PCI_BASE_ADDRESS_SPACE_IO, &s->io);
    pci_register_bar(d, 2, PCI_BASE_ADDRESS_SPACE_MEMORY |
                     PCI_BASE_ADDRESS_MEM_TYPE_64 |
                     PCI_BASE_ADDRESS_MEM_PREFETCH, &s->mem64);
    pci_config_set_interrupt_pin(d->config, 1);
    if (msi_init(d, 0x50, 4, true, true, errp) < 0) {
        return;
    }
}

static void test_pci_class_init(ObjectClass *klass, void *data)
{
    PCIDeviceClass *k = PCI_DEVICE_CLASS(klass);

    k->realize = test_pci_realize;
    k->vendor_id = 0x1b36;
    k->device_id = 0x0005;
    k->revision = 3;
    k->class_id = PCI_CLASS_OTHERS;
}

static const TypeInfo test_pci_info = {
    .name = TYPE_TEST_PCI,
    .parent = TYPE_PCI_DEVICE,
    .instance_size = sizeof(TestPCIState),
    .class_init = test_pci_class_init,
    .interfaces = (InterfaceInfo[]) {
        { INTERFACE_CONVENTIONAL_PCI_DEVICE },
        { },
    },
};

#define TYPE_TEST_HOST "test-pcihost"
static const TypeInfo test_host_info = {
    .name = TYPE_TEST_HOST,
    .parent = TYPE_PCI_HOST_BRIDGE,
    .instance_size = sizeof(PCIHostState),
};

static PCIBus *bus;
static int irq_level[4];

static void fake_set_irq(void *opaque, int irq, int level)
{
    irq_level[irq] = level;
}

static int fake_map_irq(PCIDevice *d, int pin)
{
    return (PCI_SLOT(d->devfn) + pin) & 3;
}

static uint32_t cfg_read(PCIDevice *d, int reg, int len)
{
    uint32_t addr = 0x80000000u | (d->devfn << 8) | reg;

    return pci_data_read(bus, addr, len);
}

static void cfg_write(PCIDevice *d, int reg, uint32_t val, int len)
{
    uint32_t addr = 0x80000000u | (d->devfn << 8) | reg;

    pci_data_write(bus, addr, val, len);
}

static PCIDevice *new_dev(int devfn, Error **errp)
{
    PCIDevice *d = pci_new(devfn, TYPE_TEST_PCI);

    if (!pci_realize_and_unref(d, bus, errp)) {
        return NULL;
    }
    return d;
}

static void setup(void)
{
    static bool done;
    DeviceState *host;

    if (done) {
        return;
    }
    done = true;
    module_call_init(MODULE_INIT_QOM);
    host = qdev_new(TYPE_TEST_HOST);
    sysbus_realize_and_unref(SYS_BUS_DEVICE(host), &error_abort);
    memory_region_init(&fake_mem_space, NULL, "mem", UINT64_MAX);
    memory_region_init(&fake_io_space, NULL, "io", 65536);
    bus = pci_register_root_bus(host, "pci.0", fake_set_irq, fake_map_irq,
                                NULL, &fake_mem_space, &fake_io_space, 0, 4,
                                TYPE_PCI_BUS);
    PCI_HOST_BRIDGE(host)->bus = bus;
    msi_nonbroken = true;
}

static void test_ids_and_masks(void)
{
    PCIDevice *d;

    setup();
    d = new_dev(PCI_DEVFN(3, 0), &error_abort);
    g_assert_cmphex(cfg_read(d, PCI_VENDOR_ID, 4), ==, 0x00051b36);
    g_assert_cmphex(cfg_read(d, PCI_CLASS_REVISION, 4), ==, 0x00ff0003);
    g_assert_cmphex(cfg_read(d, PCI_SUBSYSTEM_VENDOR_ID, 4), ==, 0x11001af4);
    /* no device: all ones, for every access size */
    g_assert_cmphex(pci_data_read(bus, 0x80000000u | (PCI_DEVFN(9, 0) << 8),
                                  2), ==, 0xffff);

    /* read-only identity */
    cfg_write(d, PCI_VENDOR_ID, 0x12345678, 4);
    g_assert_cmphex(cfg_read(d, PCI_VENDOR_ID, 4), ==, 0x00051b36);
    /* only the implemented command bits stick */
    cfg_write(d, PCI_COMMAND, 0xffff, 2);
    g_assert_cmphex(cfg_read(d, PCI_COMMAND, 2), ==,
                    PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER |
                    PCI_COMMAND_PARITY | PCI_COMMAND_SERR |
                    PCI_COMMAND_INTX_DISABLE);
    cfg_write(d, PCI_COMMAND, 0, 2);
    /* status: write-1-to-clear error bits, capability bit read-only */
    pci_word_test_and_set_mask(d->config + PCI_STATUS,
                               PCI_STATUS_REC_MASTER_ABORT);
    g_assert_true(cfg_read(d, PCI_STATUS, 2) & PCI_STATUS_CAP_LIST);
    cfg_write(d, PCI_STATUS, PCI_STATUS_REC_MASTER_ABORT |
              PCI_STATUS_CAP_LIST, 2);
    g_assert_false(cfg_read(d, PCI_STATUS, 2) & PCI_STATUS_REC_MASTER_ABORT);
    g_assert_true(cfg_read(d, PCI_STATUS, 2) & PCI_STATUS_CAP_LIST);
    /* interrupt line is scratch, pin is fixed */
    cfg_write(d, PCI_INTERRUPT_LINE, 0x050b, 2);
    g_assert_cmphex(cfg_read(d, PCI_INTERRUPT_LINE, 2), ==, 0x010b);
    qdev_unrealize(DEVICE(d));
}

static void test_bars(void)
{
    PCIDevice *d;
    TestPCIState *s;

    setup();
    d = new_dev(PCI_DEVFN(4, 0), &error_abort);
    s = (TestPCIState *)d;

    /* sizing */
    cfg_write(d, PCI_BASE_ADDRESS_0, 0xffffffff, 4);
    g_assert_cmphex(cfg_read(d, PCI_BASE_ADDRESS_0, 4), ==, 0xfffff000);
    cfg_write(d, PCI_BASE_ADDRESS_1, 0xffffffff, 4);
    g_assert_cmphex(cfg_read(d, PCI_BASE_ADDRESS_1, 4), ==, 0xffffffe1);
    cfg_write(d, PCI_BASE_ADDRESS_2, 0xffffffff, 4);
    cfg_write(d, PCI_BASE_ADDRESS_3, 0xffffffff, 4);
    g_assert_cmphex(cfg_read(d, PCI_BASE_ADDRESS_2, 4), ==, 0xfff0000c);
    g_assert_cmphex(cfg_read(d, PCI_BASE_ADDRESS_3, 4), ==, 0xffffffff);

    /* program and enable memory: BAR0 and the 64-bit BAR map */
    cfg_write(d, PCI_BASE_ADDRESS_0, 0xfebf1000, 4);
    cfg_write(d, PCI_BASE_ADDRESS_1, 0xc040, 4);
    cfg_write(d, PCI_BASE_ADDRESS_2, 0x00100000, 4);
    cfg_write(d, PCI_BASE_ADDRESS_3, 0x1, 4);
    g_assert_null(s->mmio.container);
    cfg_write(d, PCI_COMMAND, PCI_COMMAND_MEMORY, 2);

    g_assert_true(s->mmio.container == &fake_mem_space);
    g_assert_cmphex(s->mmio.addr, ==, 0xfebf1000);
    g_assert_cmphex(pci_get_bar_addr(d, 0), ==, 0xfebf1000);
    g_assert_true(s->mem64.container == &fake_mem_space);
    g_assert_cmphex(s->mem64.addr, ==, 0x100100000ULL);
    g_assert_null(s->io.container);
    /* I/O enable maps BAR1 in the I/O space */
    cfg_write(d, PCI_COMMAND, PCI_COMMAND_MEMORY | PCI_COMMAND_IO, 2);
    g_assert_true(s->io.container == &fake_io_space);
    g_assert_cmphex(s->io.addr, ==, 0xc040);
    /* move BAR0, then sizing while enabled unmaps */
    cfg_write(d, PCI_BASE_ADDRESS_0, 0xfebf2000, 4);
    g_assert_cmphex(s->mmio.addr, ==, 0xfebf2000);
    cfg_write(d, PCI_BASE_ADDRESS_0, 0xffffffff, 4);
    g_assert_null(s->mmio.container);
    /* disabling memory decode unmaps the rest */
    cfg_write(d, PCI_COMMAND, PCI_COMMAND_IO, 2);
    g_assert_null(s->mem64.container);
    g_assert_nonnull(s->io.container);
    /* reset clears the command register and BARs */
    pci_device_reset(d);
    g_assert_null(s->io.container);
    g_assert_cmphex(cfg_read(d, PCI_BASE_ADDRESS_1, 4), ==, 0x1);
    qdev_unrealize(DEVICE(d));
    g_assert_null(s->io.container);
}

static void test_devfn(void)
{
    PCIDevice *a, *b, *c;
    Error *err = NULL;

    setup();
    /* auto assignment takes the first free slot */
    a = new_dev(-1, &error_abort);
    g_assert_cmpint(a->devfn, ==, PCI_DEVFN(0, 0));
    b = new_dev(-1, &error_abort);
    g_assert_cmpint(b->devfn, ==, PCI_DEVFN(1, 0));
    /* taken slot */
    g_assert_null(new_dev(PCI_DEVFN(1, 0), &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "PCI: slot 1 function 0 not available for test-pci-dev,"
                    " in use by test-pci-dev,id=(null)");
    error_free(err);
    err = NULL;
    /* function 1 under a single-function device */
    g_assert_null(new_dev(PCI_DEVFN(1, 1), &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "PCI: single function device can't be populated in "
                    "function 1.1");
    error_free(err);
    err = NULL;
    /* multifunction function 0 accepts more functions */
    c = pci_new_multifunction(PCI_DEVFN(5, 0), true, TYPE_TEST_PCI);
    g_assert_true(pci_realize_and_unref(c, bus, &error_abort));
    g_assert_true(c->config[PCI_HEADER_TYPE] &
                  PCI_HEADER_TYPE_MULTI_FUNCTION);
    g_assert_nonnull(new_dev(PCI_DEVFN(5, 2), &error_abort));
    g_assert_true(pci_find_device(bus, 0, PCI_DEVFN(5, 2)) != NULL);

    g_assert_cmpint(pci_parse_devfn("1f.7"), ==, PCI_DEVFN(0x1f, 7));
    {
        g_autofree char *info = pci_info_string(bus);
        g_assert_nonnull(strstr(info, "  Bus  0, device   5, function 2:\n"
                                "    Class 0255: PCI device 1b36:0005\n"
                                "      PCI subsystem 1af4:1100\n"
                                "      IRQ 0, pin A\n"
                                "      BAR0: 32 bit memory at "
                                "0xffffffffffffffff [0x00000ffe].\n"
                                "      BAR1: I/O at 0xffffffffffffffff "
                                "[0x001e].\n"));
    }
    g_assert_cmpint(pci_parse_devfn("3"), ==, PCI_DEVFN(3, 0));
    g_assert_cmpint(pci_parse_devfn("20"), ==, -1);
    g_assert_cmpint(pci_parse_devfn("2.8"), ==, -1);
    g_assert_cmpint(pci_parse_devfn("x"), ==, -1);
}

static void test_intx(void)
{
    PCIDevice *d;
    int line;

    setup();
    d = new_dev(PCI_DEVFN(6, 0), &error_abort);
    line = fake_map_irq(d, 0);
    pci_set_irq(d, 1);
    g_assert_cmpint(irq_level[line], ==, 1);
    g_assert_true(cfg_read(d, PCI_STATUS, 2) & PCI_STATUS_INTERRUPT);
    /* Interrupt Disable withdraws the line but keeps the status */
    cfg_write(d, PCI_COMMAND, PCI_COMMAND_INTX_DISABLE, 2);
    g_assert_cmpint(irq_level[line], ==, 0);
    g_assert_true(cfg_read(d, PCI_STATUS, 2) & PCI_STATUS_INTERRUPT);
    cfg_write(d, PCI_COMMAND, 0, 2);
    g_assert_cmpint(irq_level[line], ==, 1);
    pci_set_irq(d, 0);
    g_assert_cmpint(irq_level[line], ==, 0);
    g_assert_false(cfg_read(d, PCI_STATUS, 2) & PCI_STATUS_INTERRUPT);
    /* reset and unplug withdraw an asserted line */
    pci_set_irq(d, 1);
    g_assert_cmpint(irq_level[line], ==, 1);
    pci_bus_reset(bus);
    g_assert_cmpint(irq_level[line], ==, 0);
    g_assert_cmpint(pci_get_irq_pin_count(bus, line), ==, 0);
    pci_set_irq(d, 1);
    qdev_unrealize(DEVICE(d));
    g_assert_cmpint(irq_level[line], ==, 0);
}

static void test_caps_and_msi(void)
{
    PCIDevice *d;
    Error *err = NULL;
    int off;

    setup();
    d = new_dev(PCI_DEVFN(7, 0), &error_abort);
    g_assert_cmpint(pci_find_capability(d, PCI_CAP_ID_MSI), ==, 0x50);
    g_assert_cmphex(cfg_read(d, PCI_CAPABILITY_LIST, 1), ==, 0x50);
    /* overlapping explicit offset fails, automatic placement works */
    g_assert_cmpint(pci_add_capability(d, PCI_CAP_ID_VNDR, 0x54, 8, &err),
                    <, 0);
    g_assert_nonnull(err);
    error_free(err);
    off = pci_add_capability(d, PCI_CAP_ID_VNDR, 0, 8, &error_abort);
    g_assert_cmpint(off, >=, 0x40);
    g_assert_true(off + 8 <= 0x50 || off >= 0x50 + 0x18);
    g_assert_cmpint(pci_find_capability(d, PCI_CAP_ID_VNDR), ==, off);
    g_assert_cmpint(cfg_read(d, off + 1, 1), ==, 0x50);

    /* program MSI: 64-bit address, data 0x4041, 4 vectors, per-vector mask */
    cfg_write(d, 0x50 + PCI_MSI_ADDRESS_LO, 0xfee00000, 4);
    cfg_write(d, 0x50 + PCI_MSI_ADDRESS_HI, 0, 4);
    cfg_write(d, 0x50 + PCI_MSI_DATA_64, 0x4040, 2);
    /* asking for 32 vectors gets clamped to the 4 offered */
    cfg_write(d, 0x50 + PCI_MSI_FLAGS, PCI_MSI_FLAGS_ENABLE | (5 << 4), 2);
    g_assert_cmpuint(msi_nr_vectors_allocated(d), ==, 4);
    g_assert_true(msi_enabled(d));

    nr_writes = 0;
    msi_notify(d, 1);
    g_assert_cmpint(nr_writes, ==, 0);      /* no bus mastering yet */
    cfg_write(d, PCI_COMMAND, PCI_COMMAND_MASTER, 2);
    msi_notify(d, 1);
    g_assert_cmpint(nr_writes, ==, 1);
    g_assert_cmphex(last_write_addr, ==, 0xfee00000);
    g_assert_cmphex(last_write_data, ==, 0x4041);

    /* masked vector: pending, delivered on unmask */
    cfg_write(d, 0x50 + PCI_MSI_MASK_64, 0x4, 4);
    msi_notify(d, 2);
    g_assert_cmpint(nr_writes, ==, 1);
    g_assert_cmphex(cfg_read(d, 0x50 + PCI_MSI_PENDING_64, 4), ==, 0x4);
    cfg_write(d, 0x50 + PCI_MSI_MASK_64, 0, 4);
    g_assert_cmpint(nr_writes, ==, 2);
    g_assert_cmphex(last_write_data, ==, 0x4042);
    g_assert_cmphex(cfg_read(d, 0x50 + PCI_MSI_PENDING_64, 4), ==, 0);
    qdev_unrealize(DEVICE(d));
}

static void test_msix(void)
{
    PCIDevice *d;
    uint8_t cap;
    MemoryRegion *table;

    setup();
    d = new_dev(PCI_DEVFN(8, 0), &error_abort);
    g_assert_cmpint(msix_init_exclusive_bar(d, 3, 4, &error_abort), ==, 0);
    cap = d->msix_cap;
    g_assert_cmpint(pci_find_capability(d, PCI_CAP_ID_MSIX), ==, cap);
    g_assert_cmphex(cfg_read(d, cap + PCI_MSIX_FLAGS, 2), ==, 2);
    g_assert_cmphex(cfg_read(d, cap + PCI_MSIX_TABLE, 4), ==, 4);
    g_assert_cmphex(cfg_read(d, cap + PCI_MSIX_PBA, 4), ==, 0x800 | 4);

    table = &d->msix_table_mmio;
    /* entry 1: address/data, unmasked */
    table->ops->write(d, 16 + PCI_MSIX_ENTRY_LOWER_ADDR, 0xfee01000, 4);
    table->ops->write(d, 16 + PCI_MSIX_ENTRY_DATA, 0x31, 4);
    table->ops->write(d, 16 + PCI_MSIX_ENTRY_VECTOR_CTRL, 0, 4);
    msix_vector_use(d, 1);
    cfg_write(d, PCI_COMMAND, PCI_COMMAND_MASTER, 2);

    nr_writes = 0;
    msix_notify(d, 1);                      /* MSI-X not enabled */
    g_assert_cmpint(nr_writes, ==, 0);
    cfg_write(d, cap + PCI_MSIX_FLAGS, PCI_MSIX_FLAGS_ENABLE |
              PCI_MSIX_FLAGS_MASKALL, 2);
    msix_notify(d, 1);                      /* function masked: pending */
    g_assert_cmpint(nr_writes, ==, 0);
    g_assert_true(msix_is_pending(d, 1));
    cfg_write(d, cap + PCI_MSIX_FLAGS, PCI_MSIX_FLAGS_ENABLE, 2);
    g_assert_cmpint(nr_writes, ==, 1);      /* delivered on unmask */
    g_assert_cmphex(last_write_addr, ==, 0xfee01000);
    g_assert_cmphex(last_write_data, ==, 0x31);
    g_assert_false(msix_is_pending(d, 1));
    /* vector 0 is still masked per entry; unused vectors never fire */
    msix_notify(d, 2);
    g_assert_cmpint(nr_writes, ==, 1);
    /* PBA readable through its MMIO */
    msix_vector_use(d, 0);
    msix_notify(d, 0);
    g_assert_cmphex(d->msix_pba_mmio.ops->read(d, 0, 4), ==, 0x1);
    qdev_unrealize(DEVICE(d));
}

static int isa_level[16];

static void isa_irq_handler(void *opaque, int n, int level)
{
    isa_level[n] = level;
}

/* PIIX3 on the fake bus: PIRQ routing registers and port 0xcf9. */
static void test_piix3(void)
{
    PCIDevice *piix3, *d;
    PCIHostState *phb;
    qemu_irq *pic;

    setup();
    phb = PCI_HOST_BRIDGE(bus->qbus.parent);
    piix3 = pci_create_simple_multifunction(bus, PCI_DEVFN(0x10, 0), true,
                                            TYPE_PIIX3_DEVICE);
    pic = qemu_allocate_irqs(isa_irq_handler, NULL, 16);
    piix3_set_pic_irqs(piix3, pic);
    g_assert_nonnull(piix3_get_isa_bus(piix3));
    g_assert_true(isa_get_default_bus() == piix3_get_isa_bus(piix3));
    g_assert_cmphex(cfg_read(piix3, PCI_VENDOR_ID, 4), ==, 0x70008086);
    g_assert_true(cfg_read(piix3, PCI_HEADER_TYPE, 1) & 0x80);
    /* PIRQs start disabled */
    g_assert_cmphex(cfg_read(piix3, PIIX_PIRQCA, 4), ==, 0x80808080);

    /* the PIIX3 owns the bus's INTx routing now */
    d = new_dev(PCI_DEVFN(0x13, 0), &error_abort);
    /* slot 0x13 pin A -> PIRQ (0x13 + 0 - 1) & 3 = 2 (PIRQC) */
    cfg_write(piix3, PIIX_PIRQCA + 2, 11, 1);
    pci_set_irq(d, 1);
    g_assert_cmpint(isa_level[11], ==, 1);
    /* re-route while asserted: old line drops, new line rises */
    cfg_write(piix3, PIIX_PIRQCA + 2, 10, 1);
    g_assert_cmpint(isa_level[11], ==, 0);
    g_assert_cmpint(isa_level[10], ==, 1);
    /* disable the route */
    cfg_write(piix3, PIIX_PIRQCA + 2, 0x80, 1);
    g_assert_cmpint(isa_level[10], ==, 0);
    cfg_write(piix3, PIIX_PIRQCA + 2, 10, 1);
    pci_set_irq(d, 0);
    g_assert_cmpint(isa_level[10], ==, 0);

    /* 0xcf9: bit 1 alone is latched, bit 2 requests a reset */
    g_assert_nonnull(phb->cf9_write);
    reset_requests = 0;
    pci_host_conf_le_ops.write(phb, 1, 0x02, 1);
    g_assert_cmphex(pci_host_conf_le_ops.read(phb, 1, 1), ==, 0x02);
    g_assert_cmpint(reset_requests, ==, 0);
    pci_host_conf_le_ops.write(phb, 1, 0x06, 1);
    g_assert_cmpint(reset_requests, ==, 1);
    /* the dword at 0xcf8 still latches the config address */
    pci_host_conf_le_ops.write(phb, 0, 0x80009800, 4);
    g_assert_cmphex(pci_host_conf_le_ops.read(phb, 0, 4), ==, 0x80009800);
    g_assert_cmphex(pci_host_data_le_ops.read(phb, 0, 2), ==, 0x1b36);
    qdev_unrealize(DEVICE(d));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    type_register_static(&test_pci_info);
    type_register_static(&test_host_info);
    g_test_add_func("/pci/ids-and-masks", test_ids_and_masks);
    g_test_add_func("/pci/bars", test_bars);
    g_test_add_func("/pci/devfn", test_devfn);
    g_test_add_func("/pci/intx", test_intx);
    g_test_add_func("/pci/caps-and-msi", test_caps_and_msi);
    g_test_add_func("/pci/msix", test_msix);
    g_test_add_func("/pci/piix3", test_piix3);
    return g_test_run();
}
