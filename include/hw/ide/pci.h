/*
 * PCI IDE controllers with SFF-8038i bus-master DMA (PIIX3 "piix3-ide").
 */
#ifndef HW_IDE_PCI_H
#define HW_IDE_PCI_H

#include "hw/pci/pci.h"
#include "hw/ide/internal.h"

#define TYPE_PIIX3_IDE "piix3-ide"

/* BMDMA command register */
#define BM_CMD_START    0x01
#define BM_CMD_READ     0x08    /* bus master writes memory */

/* BMDMA status register */
#define BM_STATUS_DMAING 0x01
#define BM_STATUS_ERROR  0x02
#define BM_STATUS_INT    0x04
#define BM_STATUS_DRV0_DMA 0x20
#define BM_STATUS_DRV1_DMA 0x40

/* Bus-master engine of one channel. */
typedef struct BMDMAState {
    IDEDMA dma;
    uint8_t cmd;
    uint8_t status;
    uint32_t addr;              /* PRD table address */
    struct PCIIDEState *pci_dev;
    IDEBus *bus;
    /* PRD walk */
    uint32_t cur_table;         /* next PRD entry */
    uint32_t cur_addr;          /* guest address within the current PRD */
    uint32_t cur_len;           /* bytes left in the current PRD */
    bool eot;                   /* the current PRD was the last */
    unsigned prd_count;
    IDEState *pending;          /* drive waiting for START */
    MemoryRegion extra_io;
    MemoryRegion addr_ioport;
} BMDMAState;

typedef struct PCIIDEState {
    PCIDevice parent_obj;
    IDEBus bus[2];
    BMDMAState bmdma[2];
    MemoryRegion bmdma_bar;
    MemoryRegion data_io[2];    /* 0x1f0-0x1f7, 0x170-0x177 */
    MemoryRegion ctrl_io[2];    /* 0x3f6, 0x376 */
} PCIIDEState;

#define TYPE_PCI_IDE "pci-ide"
OBJECT_DECLARE_SIMPLE_TYPE(PCIIDEState, PCI_IDE)

/*
 * Create ide-hd/ide-cd devices for every -drive if=ide on the two
 * channels of @dev (index N → bus N/2, unit N%2).  Boards call this
 * right after creating the controller.
 */
void pci_ide_create_devs(PCIDevice *dev);

#endif
