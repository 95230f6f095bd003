/*
 * x86 I/O port helpers: cpu_in/out and PortioList, which maps a table
 * of legacy port callbacks as MemoryRegions in an I/O address space.
 */
#include "qemu/osdep.h"
#include "exec/ioport.h"
#include "exec/memory.h"
#include "exec/address-spaces.h"

static uint64_t size_mask_bytes(unsigned size)
{
    return size >= 8 ? UINT64_MAX : (UINT64_C(1) << (size * 8)) - 1;
}

typedef struct MemoryRegionPortioList {
    MemoryRegion mr;
    void *portio_opaque;
    MemoryRegionPortio *ports;   /* terminated by an empty entry */
} MemoryRegionPortioList;

static uint64_t unassigned_io_read(void *opaque, hwaddr addr, unsigned size)
{
    return UINT64_MAX;
}

static void unassigned_io_write(void *opaque, hwaddr addr, uint64_t val,
                                unsigned size)
{
}

const MemoryRegionOps unassigned_io_ops = {
    .read = unassigned_io_read,
    .write = unassigned_io_write,
    .endianness = DEVICE_NATIVE_ENDIAN,
};

void cpu_outb(uint32_t addr, uint8_t val)
{
    address_space_write(&address_space_io, addr, MEMTXATTRS_UNSPECIFIED,
                        &val, 1);
}

void cpu_outw(uint32_t addr, uint16_t val)
{
    uint8_t buf[2] = { val, val >> 8 };

    address_space_write(&address_space_io, addr, MEMTXATTRS_UNSPECIFIED,
                        buf, 2);
}

void cpu_outl(uint32_t addr, uint32_t val)
{
    uint8_t buf[4] = { val, val >> 8, val >> 16, val >> 24 };

    address_space_write(&address_space_io, addr, MEMTXATTRS_UNSPECIFIED,
                        buf, 4);
}

uint8_t cpu_inb(uint32_t addr)
{
    uint8_t val;

    address_space_read(&address_space_io, addr, MEMTXATTRS_UNSPECIFIED,
                       &val, 1);
    return val;
}

uint16_t cpu_inw(uint32_t addr)
{
    uint8_t buf[2];

    address_space_read(&address_space_io, addr, MEMTXATTRS_UNSPECIFIED,
                       buf, 2);
    return buf[0] | (buf[1] << 8);
}

uint32_t cpu_inl(uint32_t addr)
{
    uint8_t buf[4];

    address_space_read(&address_space_io, addr, MEMTXATTRS_UNSPECIFIED,
                       buf, 4);
    return buf[0] | (buf[1] << 8) | (buf[2] << 16) | ((uint32_t)buf[3] << 24);
}

void portio_list_init(PortioList *piolist, Object *owner,
                      const MemoryRegionPortio *callbacks,
                      void *opaque, const char *name)
{
    unsigned n = 0;

    while (callbacks[n].size) {
        n++;
    }
    piolist->ports = callbacks;
    piolist->nr = 0;
    piolist->regions = g_new0(MemoryRegion *, n);
    piolist->address_space = NULL;
    piolist->opaque = opaque;
    piolist->owner = owner;
    piolist->name = name;
    piolist->flush_coalesced_mmio = false;
}

void portio_list_set_flush_coalesced(PortioList *piolist)
{
    piolist->flush_coalesced_mmio = true;
}

void portio_list_destroy(PortioList *piolist)
{
    unsigned i;

    for (i = 0; i < piolist->nr; i++) {
        MemoryRegionPortioList *mrpio =
            container_of(piolist->regions[i], MemoryRegionPortioList, mr);
        object_unref(OBJECT(&mrpio->mr));
        g_free(mrpio->ports);
        g_free(mrpio);
    }
    g_free(piolist->regions);
    piolist->regions = NULL;
    piolist->nr = 0;
}

/* The entry of @list that handles an access of @size at @addr. */
static const MemoryRegionPortio *find_portio(MemoryRegionPortioList *mrpio,
                                             uint64_t offset, unsigned size,
                                             bool write)
{
    const MemoryRegionPortio *mrp;

    for (mrp = mrpio->ports; mrp->size; ++mrp) {
        if (offset >= mrp->offset && offset < mrp->offset + mrp->len &&
            (!size || mrp->size == size) &&
            (write ? (bool)mrp->write : (bool)mrp->read)) {
            return mrp;
        }
    }
    return NULL;
}

static uint64_t portio_read(void *opaque, hwaddr addr, unsigned size)
{
    MemoryRegionPortioList *mrpio = opaque;
    const MemoryRegionPortio *mrp = find_portio(mrpio, addr, size, false);
    uint64_t data = size_mask_bytes(size);

    if (mrp) {
        data = mrp->read(mrpio->portio_opaque, mrp->base + addr);
    } else if (size == 2) {
        /* Emulate a word access with two byte accesses (as QEMU). */
        mrp = find_portio(mrpio, addr, 1, false);
        if (mrp) {
            data = mrp->read(mrpio->portio_opaque, mrp->base + addr);
            if (addr + 1 < mrp->offset + mrp->len) {
                data |= (uint64_t)mrp->read(mrpio->portio_opaque,
                                            mrp->base + addr + 1) << 8;
            } else {
                data |= 0xff00;
            }
        }
    }
    return data;
}

static void portio_write(void *opaque, hwaddr addr, uint64_t data,
                         unsigned size)
{
    MemoryRegionPortioList *mrpio = opaque;
    const MemoryRegionPortio *mrp = find_portio(mrpio, addr, size, true);

    if (mrp) {
        mrp->write(mrpio->portio_opaque, mrp->base + addr, data);
    } else if (size == 2) {
        mrp = find_portio(mrpio, addr, 1, true);
        if (mrp) {
            mrp->write(mrpio->portio_opaque, mrp->base + addr, data & 0xff);
            if (addr + 1 < mrp->offset + mrp->len) {
                mrp->write(mrpio->portio_opaque, mrp->base + addr + 1,
                           data >> 8);
            }
        }
    }
}

static const MemoryRegionOps portio_ops = {
    .read = portio_read,
    .write = portio_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid.unaligned = true,
    .impl.unaligned = true,
};

/* Map ports [start, end) of the list as one region. */
static void portio_list_add_1(PortioList *piolist,
                              const MemoryRegionPortio *pio_init,
                              unsigned count, unsigned start,
                              unsigned off_low, unsigned off_high)
{
    MemoryRegionPortioList *mrpio;
    unsigned i;

    mrpio = g_new0(MemoryRegionPortioList, 1);
    mrpio->ports = g_new0(MemoryRegionPortio, count + 1);
    memcpy(mrpio->ports, pio_init, count * sizeof(MemoryRegionPortio));
    for (i = 0; i < count; i++) {
        mrpio->ports[i].offset -= off_low;
        mrpio->ports[i].base = start + off_low;
    }
    mrpio->portio_opaque = piolist->opaque;
    memory_region_init_io(&mrpio->mr, piolist->owner, &portio_ops, mrpio,
                          piolist->name, off_high - off_low);
    if (piolist->flush_coalesced_mmio) {
        memory_region_set_flush_coalesced(&mrpio->mr);
    }
    memory_region_add_subregion(piolist->address_space, start + off_low,
                                &mrpio->mr);
    piolist->regions[piolist->nr++] = &mrpio->mr;
}

void portio_list_add(PortioList *piolist, MemoryRegion *address_space,
                     uint32_t start)
{
    const MemoryRegionPortio *pio, *pio_start = piolist->ports;
    unsigned off_low, off_high, off_last, count;

    piolist->address_space = address_space;

    /* Group entries with overlapping or adjacent port ranges. */
    off_last = off_low = pio_start->offset;
    off_high = off_low + pio_start->len + pio_start->size - 1;
    count = 1;
    for (pio = pio_start + 1; pio->size != 0; pio++, count++) {
        if (pio->offset > off_high) {
            portio_list_add_1(piolist, pio_start, count, start, off_low,
                              off_high);
            count = 0;
            off_low = pio->offset;
            pio_start = pio;
            off_last = off_low;
            off_high = off_low + pio->len + pio->size - 1;
            continue;
        }
        off_last = pio->offset;
        off_high = MAX(off_high, off_last + pio->len + pio->size - 1);
    }
    portio_list_add_1(piolist, pio_start, count, start, off_low, off_high);
}

void portio_list_del(PortioList *piolist)
{
    unsigned i;

    for (i = 0; i < piolist->nr; i++) {
        memory_region_del_subregion(piolist->address_space,
                                    piolist->regions[i]);
    }
}
