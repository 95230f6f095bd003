/*
 * pc-testdev: test hooks for kvm-unit-tests on the PC machine.
 *
 *   0xe0-0xe3     a 32-bit read/write register, accessible per byte
 *   0xe4-0xe7     write a guest physical address: its page's host
 *                 mapping is dropped and restored (flushes KVM's view)
 *   0xe8-0xeb     the same register as 0xe0, but the device only takes
 *                 byte accesses (wider ones are split by the core)
 *   0x2000-0x2017 write N at 0x2000+i: set ISA/GSI line i to level N
 *   0xff000000    64 KiB of scratch MMIO, read/write
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/bitops.h"
#include "qemu/error-report.h"
#include "qemu/log.h"
#include "hw/isa/isa.h"
#include "hw/irq.h"
#include "exec/cpu-common.h"

#define TYPE_TESTDEV "pc-testdev"
#define IOMEM_LEN    0x10000
#define TESTDEV_IRQS 24

typedef struct PCTestdev {
    ISADevice parent_obj;

    MemoryRegion ioport;
    MemoryRegion ioport_byte;
    MemoryRegion flush;
    MemoryRegion irq;
    MemoryRegion iomem;
    uint32_t ioport_data;
    uint8_t iomem_buf[IOMEM_LEN];
} PCTestdev;

#define TESTDEV(obj) OBJECT_CHECK(PCTestdev, (obj), TYPE_TESTDEV)

static void test_irq_line_write(void *opaque, hwaddr addr, uint64_t data,
                                unsigned len)
{
    PCTestdev *dev = opaque;

    if (addr >= ISA_NUM_IRQS) {
        /* lines above 15 are not routed through the ISA bus here */
        qemu_log_mask(LOG_GUEST_ERROR, "pc-testdev: irq line %u ignored\n",
                      (unsigned)addr);
        return;
    }
    qemu_set_irq(isa_get_irq(ISA_DEVICE(dev), addr), !!data);
}

static uint64_t test_irq_line_read(void *opaque, hwaddr addr, unsigned len)
{
    return 0;
}

static const MemoryRegionOps test_irq_ops = {
    .read = test_irq_line_read,
    .write = test_irq_line_write,
    .valid.min_access_size = 1,
    .valid.max_access_size = 1,
    .endianness = DEVICE_LITTLE_ENDIAN,
};

static void test_ioport_write(void *opaque, hwaddr addr, uint64_t data,
                              unsigned len)
{
    PCTestdev *dev = opaque;
    unsigned shift = (addr & 3) * 8;
    uint64_t mask = (len >= 4 ? 0xffffffffULL : ((1ULL << (len * 8)) - 1));

    mask <<= shift;
    dev->ioport_data = (dev->ioport_data & ~mask) |
                       ((data << shift) & mask);
}

static uint64_t test_ioport_read(void *opaque, hwaddr addr, unsigned len)
{
    PCTestdev *dev = opaque;

    return dev->ioport_data >> ((addr & 3) * 8);
}

static const MemoryRegionOps test_ioport_ops = {
    .read = test_ioport_read,
    .write = test_ioport_write,
    .valid.min_access_size = 1,
    .valid.max_access_size = 4,
    .impl.min_access_size = 1,
    .impl.max_access_size = 4,
    .endianness = DEVICE_LITTLE_ENDIAN,
};

static const MemoryRegionOps test_ioport_byte_ops = {
    .read = test_ioport_read,
    .write = test_ioport_write,
    .valid.min_access_size = 1,
    .valid.max_access_size = 4,
    .impl.min_access_size = 1,
    .impl.max_access_size = 1,
    .endianness = DEVICE_LITTLE_ENDIAN,
};

static void test_flush_page_write(void *opaque, hwaddr addr, uint64_t data,
                                  unsigned len)
{
    size_t page_size = qemu_real_host_page_size();
    hwaddr page = data & ~(hwaddr)(page_size - 1);
    hwaddr plen = page_size;
    void *a = cpu_physical_memory_map(page, &plen, false);

    /* dropping and restoring the mapping zaps the KVM shadow entries */
    if (a && plen == page_size) {
        mprotect(a, page_size, PROT_NONE);
        mprotect(a, page_size, PROT_READ | PROT_WRITE);
    }
    if (a) {
        cpu_physical_memory_unmap(a, plen, false, 0);
    }
}

static uint64_t test_flush_page_read(void *opaque, hwaddr addr, unsigned len)
{
    return 0;
}

static const MemoryRegionOps test_flush_ops = {
    .read = test_flush_page_read,
    .write = test_flush_page_write,
    .valid.min_access_size = 4,
    .valid.max_access_size = 4,
    .endianness = DEVICE_LITTLE_ENDIAN,
};

static uint64_t test_iomem_read(void *opaque, hwaddr addr, unsigned len)
{
    PCTestdev *dev = opaque;
    uint64_t ret = 0;
    unsigned i;

    for (i = 0; i < len && addr + i < IOMEM_LEN; i++) {
        ret |= (uint64_t)dev->iomem_buf[addr + i] << (i * 8);
    }
    return ret;
}

static void test_iomem_write(void *opaque, hwaddr addr, uint64_t val,
                             unsigned len)
{
    PCTestdev *dev = opaque;
    unsigned i;

    for (i = 0; i < len && addr + i < IOMEM_LEN; i++) {
        dev->iomem_buf[addr + i] = val >> (i * 8);
    }
}

static const MemoryRegionOps test_iomem_ops = {
    .read = test_iomem_read,
    .write = test_iomem_write,
    .valid.min_access_size = 1,
    .valid.max_access_size = 8,
    .impl.min_access_size = 1,
    .impl.max_access_size = 8,
    .endianness = DEVICE_LITTLE_ENDIAN,
};

static void testdev_realizefn(DeviceState *d, Error **errp)
{
    ISADevice *isa = ISA_DEVICE(d);
    PCTestdev *dev = TESTDEV(d);
    MemoryRegion *mem = isa_address_space(isa);
    MemoryRegion *io = isa_address_space_io(isa);

    memory_region_init_io(&dev->ioport, OBJECT(dev), &test_ioport_ops, dev,
                          "pc-testdev-ioport", 4);
    memory_region_init_io(&dev->ioport_byte, OBJECT(dev),
                          &test_ioport_byte_ops, dev,
                          "pc-testdev-ioport-byte", 4);
    memory_region_init_io(&dev->flush, OBJECT(dev), &test_flush_ops, dev,
                          "pc-testdev-flush-page", 4);
    memory_region_init_io(&dev->irq, OBJECT(dev), &test_irq_ops, dev,
                          "pc-testdev-irq-line", TESTDEV_IRQS);
    memory_region_init_io(&dev->iomem, OBJECT(dev), &test_iomem_ops, dev,
                          "pc-testdev-iomem", IOMEM_LEN);

    memory_region_add_subregion(io, 0xe0, &dev->ioport);
    memory_region_add_subregion(io, 0xe4, &dev->flush);
    memory_region_add_subregion(io, 0xe8, &dev->ioport_byte);
    memory_region_add_subregion(io, 0x2000, &dev->irq);
    memory_region_add_subregion(mem, 0xff000000, &dev->iomem);
}

static void testdev_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    set_bit(DEVICE_CATEGORY_MISC, dc->categories);
    dc->realize = testdev_realizefn;
}

static const TypeInfo testdev_info = {
    .name          = TYPE_TESTDEV,
    .parent        = TYPE_ISA_DEVICE,
    .instance_size = sizeof(PCTestdev),
    .class_init    = testdev_class_init,
};

static void testdev_register_types(void)
{
    type_register_static(&testdev_info);
}

type_init(testdev_register_types)
