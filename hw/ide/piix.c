/*
 * PIIX3 IDE (8086:7010, function 1 of the PIIX3 on the pc machine): two
 * legacy-mode channels at 0x1f0/0x3f6 (IRQ 14) and 0x170/0x376 (IRQ 15)
 * plus the SFF-8038i bus-master DMA block behind BAR 4.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/log.h"
#include "qemu/module.h"
#include "qemu/bitops.h"
#include "qemu/bswap.h"
#include "exec/address-spaces.h"
#include "hw/pci/pci.h"
#include "hw/isa/isa.h"
#include "hw/qdev-properties.h"
#include "sysemu/blockdev.h"
#include "sysemu/block-backend.h"
#include "hw/ide/pci.h"

/* A PRD table lives in one 64 KiB region: at most this many entries. */
#define BM_MAX_PRDS     (65536 / 8)

static const struct {
    uint16_t iobase, iobase2;
    int isairq;
} piix_port_info[2] = {
    { 0x1f0, 0x3f6, 14 },
    { 0x170, 0x376, 15 },
};

/* ---- legacy task-file ports --------------------------------------- */

static uint64_t ide_data_io_read(void *opaque, hwaddr addr, unsigned size)
{
    IDEBus *bus = opaque;
    uint64_t val = 0;
    unsigned i;

    if (addr == 0 && size == 2) {
        return ide_data_readw(bus, addr);
    }
    if (addr == 0 && size == 4) {
        return ide_data_readl(bus, addr);
    }
    /* byte registers; wider accesses read consecutive registers */
    for (i = 0; i < size && addr + i < 8; i++) {
        val |= (uint64_t)ide_ioport_read(bus, addr + i) << (i * 8);
    }
    return val;
}

static void ide_data_io_write(void *opaque, hwaddr addr, uint64_t val,
                              unsigned size)
{
    IDEBus *bus = opaque;
    unsigned i;

    if (addr == 0 && size == 2) {
        ide_data_writew(bus, addr, val);
        return;
    }
    if (addr == 0 && size == 4) {
        ide_data_writel(bus, addr, val);
        return;
    }
    for (i = 0; i < size && addr + i < 8; i++) {
        ide_ioport_write(bus, addr + i, (val >> (i * 8)) & 0xff);
    }
}

static const MemoryRegionOps ide_data_io_ops = {
    .read = ide_data_io_read,
    .write = ide_data_io_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 4, .unaligned = true },
};

static uint64_t ide_ctrl_io_read(void *opaque, hwaddr addr, unsigned size)
{
    return ide_status_read(opaque, addr);
}

static void ide_ctrl_io_write(void *opaque, hwaddr addr, uint64_t val,
                              unsigned size)
{
    ide_ctrl_write(opaque, addr, val);
}

static const MemoryRegionOps ide_ctrl_io_ops = {
    .read = ide_ctrl_io_read,
    .write = ide_ctrl_io_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

/* ---- bus-master DMA ------------------------------------------------- */

static BMDMAState *to_bm(IDEDMA *dma)
{
    return container_of(dma, BMDMAState, dma);
}

static void bmdma_start_dma(IDEDMA *dma, IDEState *s)
{
    BMDMAState *bm = to_bm(dma);

    bm->pending = s;
    if (bm->cmd & BM_CMD_START) {
        bm->pending = NULL;
        ide_dma_run(s);
    }
}

/* Fetch the next PRD; false at the end of the table or on a bad address. */
static int bmdma_next_prd(BMDMAState *bm)
{
    PCIDevice *pci = PCI_DEVICE(bm->pci_dev);
    uint8_t prd[8];
    uint32_t len;

    if (bm->eot || bm->prd_count >= BM_MAX_PRDS) {
        return 0;
    }
    if (pci_dma_read(pci, bm->cur_table, prd, sizeof(prd)) < 0) {
        return -1;
    }
    bm->prd_count++;
    bm->cur_table += 8;
    bm->cur_addr = ldl_le_p(prd) & ~1u;
    len = lduw_le_p(prd + 4) & 0xfffe;
    bm->cur_len = len ? len : 0x10000;
    bm->eot = prd[7] & 0x80;
    return 1;
}

static int bmdma_rw_buf(IDEDMA *dma, uint8_t *buf, int len, bool to_memory)
{
    BMDMAState *bm = to_bm(dma);
    PCIDevice *pci = PCI_DEVICE(bm->pci_dev);
    int done = 0;

    /*
     * Without Bus Master Enable the controller cannot reach memory at
     * all (pci_dma_rw refuses too; checked here so that not even the PRD
     * table is fetched): the transfer fails with the BMDMA error bit.
     */
    if (!(pci_get_word(pci->config + PCI_COMMAND) & PCI_COMMAND_MASTER)) {
        qemu_log_mask(LOG_GUEST_ERROR, "piix-ide: bus-master DMA with Bus "
                      "Master Enable clear\n");
        return -1;
    }

    while (done < len) {
        uint32_t chunk;
        int ret;

        if (!bm->cur_len) {
            ret = bmdma_next_prd(bm);
            if (ret < 0) {
                return -1;
            } else if (ret == 0) {
                break;
            }
        }
        chunk = MIN(bm->cur_len, (uint32_t)(len - done));
        if (to_memory) {
            ret = pci_dma_write(pci, bm->cur_addr, buf + done, chunk);
        } else {
            ret = pci_dma_read(pci, bm->cur_addr, buf + done, chunk);
        }
        if (ret < 0) {
            return -1;
        }
        bm->cur_addr += chunk;
        bm->cur_len -= chunk;
        done += chunk;
    }
    return done;
}

static void bmdma_set_inactive(IDEDMA *dma, bool more)
{
    BMDMAState *bm = to_bm(dma);

    bm->pending = NULL;
    if (more) {
        bm->status |= BM_STATUS_DMAING;
    } else {
        bm->status &= ~BM_STATUS_DMAING;
    }
}

static void bmdma_set_error(IDEDMA *dma)
{
    to_bm(dma)->status |= BM_STATUS_ERROR;
}

static void bmdma_set_intr(IDEDMA *dma)
{
    to_bm(dma)->status |= BM_STATUS_INT;
}

static void bmdma_reset(IDEDMA *dma)
{
    BMDMAState *bm = to_bm(dma);

    bm->cmd = 0;
    bm->status &= BM_STATUS_DRV0_DMA | BM_STATUS_DRV1_DMA;
    bm->addr = 0;
    bm->cur_len = 0;
    bm->eot = false;
    bm->pending = NULL;
}

static const IDEDMAOps bmdma_ops = {
    .start_dma = bmdma_start_dma,
    .rw_buf = bmdma_rw_buf,
    .set_inactive = bmdma_set_inactive,
    .set_error = bmdma_set_error,
    .set_intr = bmdma_set_intr,
    .reset = bmdma_reset,
};

static void bmdma_cmd_write(BMDMAState *bm, uint8_t val)
{
    if (!(val & BM_CMD_START)) {
        /*
         * Stopping aborts the transfer: one that has not run yet simply
         * never does, a block request in flight is waited for and its
         * data dropped.
         */
        if (bm->cmd & BM_CMD_START) {
            ide_cancel_dma_sync(&bm->bus->ifs[0]);
            ide_cancel_dma_sync(&bm->bus->ifs[1]);
        }
        bm->status &= ~BM_STATUS_DMAING;
        bm->cmd = val & 0x09;
        return;
    }
    if (!(bm->cmd & BM_CMD_START)) {
        /* START: walk the PRD table from the beginning */
        bm->cmd = val & 0x09;
        bm->status |= BM_STATUS_DMAING;
        bm->cur_table = bm->addr;
        bm->cur_len = 0;
        bm->eot = false;
        bm->prd_count = 0;
        if (bm->pending && bm->pending->dma_pending) {
            IDEState *s = bm->pending;

            bm->pending = NULL;
            ide_dma_run(s);
        }
        return;
    }
    bm->cmd = val & 0x09;
}

static uint64_t bmdma_read(void *opaque, hwaddr addr, unsigned size)
{
    PCIIDEState *d = opaque;
    BMDMAState *bm = &d->bmdma[addr >> 3];

    switch (addr & 7) {
    case 0:
        return bm->cmd;
    case 2:
        return bm->status;
    case 4: case 5: case 6: case 7:
        return (bm->addr >> ((addr & 3) * 8)) & 0xff;
    default:
        return 0;
    }
}

static void bmdma_write(void *opaque, hwaddr addr, uint64_t val,
                        unsigned size)
{
    PCIIDEState *d = opaque;
    BMDMAState *bm = &d->bmdma[addr >> 3];
    int shift;

    switch (addr & 7) {
    case 0:
        bmdma_cmd_write(bm, val);
        break;
    case 2:
        /* bits 5-6 read/write, error and interrupt write-1-to-clear */
        bm->status = (val & 0x60) | (bm->status & BM_STATUS_DMAING) |
                     (bm->status & ~val & (BM_STATUS_ERROR | BM_STATUS_INT));
        break;
    case 4: case 5: case 6: case 7:
        shift = (addr & 3) * 8;
        bm->addr = (bm->addr & ~(0xffu << shift)) | ((val & 0xff) << shift);
        bm->addr &= ~3u;
        break;
    }
}

static const MemoryRegionOps bmdma_io_ops = {
    .read = bmdma_read,
    .write = bmdma_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

/* ---- device --------------------------------------------------------- */

static void piix_ide_reset(DeviceState *dev)
{
    PCIIDEState *d = PCI_IDE(dev);
    PCIDevice *pd = PCI_DEVICE(dev);
    int i;

    /*
     * IDETIM: decode enable for both channels.  On QEMU, SeaBIOS sets
     * these before any OS runs, and Linux' ata_piix ignores a channel
     * without them; kernels started here without firmware need them too.
     */
    pci_set_word(pd->config + 0x40, 0x8000);
    pci_set_word(pd->config + 0x42, 0x8000);

    for (i = 0; i < 2; i++) {
        bmdma_reset(&d->bmdma[i].dma);
        d->bmdma[i].status = 0;
    }
}

static void pci_piix_ide_realize(PCIDevice *dev, Error **errp)
{
    PCIIDEState *d = PCI_IDE(dev);
    MemoryRegion *io = isa_address_space_io(NULL);
    int i;

    if (!io) {
        io = get_system_io();
    }
    dev->config[PCI_CLASS_PROG] = 0x80;     /* legacy ATA, bus master */

    memory_region_init_io(&d->bmdma_bar, OBJECT(dev), &bmdma_io_ops, d,
                          "piix-bmdma-container", 16);
    pci_register_bar(dev, 4, PCI_BASE_ADDRESS_SPACE_IO, &d->bmdma_bar);

    for (i = 0; i < 2; i++) {
        IDEBus *bus = &d->bus[i];
        BMDMAState *bm = &d->bmdma[i];

        ide_bus_init(bus, sizeof(*bus), DEVICE(dev), i, 2);
        ide_init2(bus, isa_get_irq(NULL, piix_port_info[i].isairq));
        ide_register_restart_cb(bus);
        bm->dma.ops = &bmdma_ops;
        bm->bus = bus;
        bm->pci_dev = d;
        bus->dma = &bm->dma;

        memory_region_init_io(&d->data_io[i], OBJECT(dev), &ide_data_io_ops,
                              bus, "ide", 8);
        memory_region_add_subregion(io, piix_port_info[i].iobase,
                                    &d->data_io[i]);
        memory_region_init_io(&d->ctrl_io[i], OBJECT(dev), &ide_ctrl_io_ops,
                              bus, "ide", 1);
        memory_region_add_subregion(io, piix_port_info[i].iobase2,
                                    &d->ctrl_io[i]);
    }
}

static void pci_piix_ide_exitfn(PCIDevice *dev)
{
    PCIIDEState *d = PCI_IDE(dev);
    int i;

    for (i = 0; i < 2; i++) {
        memory_region_del_subregion(d->data_io[i].container, &d->data_io[i]);
        memory_region_del_subregion(d->ctrl_io[i].container, &d->ctrl_io[i]);
    }
}

/* ---- board glue ----------------------------------------------------- */

void pci_ide_create_devs(PCIDevice *dev)
{
    PCIIDEState *d = PCI_IDE(dev);
    int bus, unit;

    for (bus = 0; bus < 2; bus++) {
        for (unit = 0; unit < 2; unit++) {
            DriveInfo *di = drive_get(IF_IDE, bus, unit);
            DeviceState *ide;

            if (!di) {
                continue;
            }
            ide = qdev_new(di->media_cd ? TYPE_IDE_CD : TYPE_IDE_HD);
            qdev_prop_set_uint32(ide, "unit", unit);
            qdev_prop_set_drive_err(ide, "drive", blk_by_legacy_dinfo(di),
                                    &error_fatal);
            qdev_realize_and_unref(ide, &d->bus[bus].qbus, &error_fatal);
        }
    }
}

static void pci_ide_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    set_bit(DEVICE_CATEGORY_STORAGE, dc->categories);
}

static void piix3_ide_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    PCIDeviceClass *k = PCI_DEVICE_CLASS(klass);

    k->realize = pci_piix_ide_realize;
    k->exit = pci_piix_ide_exitfn;
    k->vendor_id = PCI_VENDOR_ID_INTEL;
    k->device_id = PCI_DEVICE_ID_INTEL_82371SB_1;
    k->class_id = PCI_CLASS_STORAGE_IDE;
    dc->reset = piix_ide_reset;
    dc->fw_name = "ide";
    dc->desc = "IDE controller";
    /* Fixed legacy ports and IRQs: one per machine, made by the board. */
    dc->user_creatable = false;
    dc->hotpluggable = false;
}

static const TypeInfo pci_ide_type_info = {
    .name = TYPE_PCI_IDE,
    .parent = TYPE_PCI_DEVICE,
    .instance_size = sizeof(PCIIDEState),
    .abstract = true,
    .class_init = pci_ide_class_init,
    .interfaces = (InterfaceInfo[]) {
        { INTERFACE_CONVENTIONAL_PCI_DEVICE },
        { },
    },
};

static const TypeInfo piix3_ide_info = {
    .name = TYPE_PIIX3_IDE,
    .parent = TYPE_PCI_IDE,
    .class_init = piix3_ide_class_init,
};

static void piix_ide_register_types(void)
{
    type_register_static(&pci_ide_type_info);
    type_register_static(&piix3_ide_info);
}

type_init(piix_ide_register_types)
