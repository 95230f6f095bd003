/*
 * PCI configuration space layout (PCI Local Bus 3.0, PCIe base spec).
 * Register offsets and bit names follow the conventional names used by
 * Linux and QEMU so code reads the same.
 */
#ifndef HW_PCI_REGS_H
#define HW_PCI_REGS_H

#define PCI_CFG_SPACE_SIZE      256
#define PCI_CFG_SPACE_EXP_SIZE  4096
#define PCI_STD_HEADER_SIZEOF   64

#define PCI_VENDOR_ID           0x00    /* 16 bits */
#define PCI_DEVICE_ID           0x02    /* 16 bits */
#define PCI_COMMAND             0x04    /* 16 bits */
#define  PCI_COMMAND_IO         0x1
#define  PCI_COMMAND_MEMORY     0x2
#define  PCI_COMMAND_MASTER     0x4
#define  PCI_COMMAND_SPECIAL    0x8
#define  PCI_COMMAND_INVALIDATE 0x10
#define  PCI_COMMAND_VGA_PALETTE 0x20
#define  PCI_COMMAND_PARITY     0x40
#define  PCI_COMMAND_WAIT       0x80
#define  PCI_COMMAND_SERR       0x100
#define  PCI_COMMAND_FAST_BACK  0x200
#define  PCI_COMMAND_INTX_DISABLE 0x400
#define PCI_STATUS              0x06    /* 16 bits */
#define  PCI_STATUS_IMM_READY   0x01
#define  PCI_STATUS_INTERRUPT   0x08
#define  PCI_STATUS_CAP_LIST    0x10
#define  PCI_STATUS_66MHZ       0x20
#define  PCI_STATUS_UDF         0x40
#define  PCI_STATUS_FAST_BACK   0x80
#define  PCI_STATUS_PARITY      0x100
#define  PCI_STATUS_DEVSEL_MASK 0x600
#define  PCI_STATUS_DEVSEL_MEDIUM 0x200
#define  PCI_STATUS_SIG_TARGET_ABORT 0x800
#define  PCI_STATUS_REC_TARGET_ABORT 0x1000
#define  PCI_STATUS_REC_MASTER_ABORT 0x2000
#define  PCI_STATUS_SIG_SYSTEM_ERROR 0x4000
#define  PCI_STATUS_DETECTED_PARITY 0x8000
#define PCI_CLASS_REVISION      0x08
#define PCI_REVISION_ID         0x08
#define PCI_CLASS_PROG          0x09
#define PCI_CLASS_DEVICE        0x0a
#define PCI_CACHE_LINE_SIZE     0x0c
#define PCI_LATENCY_TIMER       0x0d
#define PCI_HEADER_TYPE         0x0e
#define  PCI_HEADER_TYPE_NORMAL 0
#define  PCI_HEADER_TYPE_BRIDGE 1
#define  PCI_HEADER_TYPE_CARDBUS 2
#define  PCI_HEADER_TYPE_MULTI_FUNCTION 0x80
#define PCI_BIST                0x0f
#define PCI_BASE_ADDRESS_0      0x10
#define PCI_BASE_ADDRESS_1      0x14
#define PCI_BASE_ADDRESS_2      0x18
#define PCI_BASE_ADDRESS_3      0x1c
#define PCI_BASE_ADDRESS_4      0x20
#define PCI_BASE_ADDRESS_5      0x24
#define  PCI_BASE_ADDRESS_SPACE         0x01
#define  PCI_BASE_ADDRESS_SPACE_IO      0x01
#define  PCI_BASE_ADDRESS_SPACE_MEMORY  0x00
#define  PCI_BASE_ADDRESS_MEM_TYPE_MASK 0x06
#define  PCI_BASE_ADDRESS_MEM_TYPE_32   0x00
#define  PCI_BASE_ADDRESS_MEM_TYPE_1M   0x02
#define  PCI_BASE_ADDRESS_MEM_TYPE_64   0x04
#define  PCI_BASE_ADDRESS_MEM_PREFETCH  0x08
#define  PCI_BASE_ADDRESS_MEM_MASK      (~0x0fUL)
#define  PCI_BASE_ADDRESS_IO_MASK       (~0x03UL)
#define PCI_CARDBUS_CIS         0x28
#define PCI_SUBSYSTEM_VENDOR_ID 0x2c
#define PCI_SUBSYSTEM_ID        0x2e
#define PCI_ROM_ADDRESS         0x30
#define  PCI_ROM_ADDRESS_ENABLE 0x01
#define  PCI_ROM_ADDRESS_MASK   (~0x7ffUL)
#define PCI_CAPABILITY_LIST     0x34
#define PCI_INTERRUPT_LINE      0x3c
#define PCI_INTERRUPT_PIN       0x3d
#define PCI_MIN_GNT             0x3e
#define PCI_MAX_LAT             0x3f

/* Type 1 (bridge) header */
#define PCI_PRIMARY_BUS         0x18
#define PCI_SECONDARY_BUS       0x19
#define PCI_SUBORDINATE_BUS     0x1a
#define PCI_ROM_ADDRESS1        0x38
#define PCI_BRIDGE_CONTROL      0x3e

/* Capability list */
#define PCI_CAP_LIST_ID         0
#define PCI_CAP_LIST_NEXT       1
#define PCI_CAP_FLAGS           2
#define PCI_CAP_SIZEOF          4
#define PCI_CAP_ID_PM           0x01
#define PCI_CAP_ID_AGP          0x02
#define PCI_CAP_ID_VPD          0x03
#define PCI_CAP_ID_SLOTID       0x04
#define PCI_CAP_ID_MSI          0x05
#define PCI_CAP_ID_CHSWP        0x06
#define PCI_CAP_ID_PCIX         0x07
#define PCI_CAP_ID_HT           0x08
#define PCI_CAP_ID_VNDR         0x09
#define PCI_CAP_ID_DBG          0x0a
#define PCI_CAP_ID_CCRC         0x0b
#define PCI_CAP_ID_SHPC         0x0c
#define PCI_CAP_ID_SSVID        0x0d
#define PCI_CAP_ID_AGP3         0x0e
#define PCI_CAP_ID_SECDEV       0x0f
#define PCI_CAP_ID_EXP          0x10
#define PCI_CAP_ID_MSIX         0x11
#define PCI_CAP_ID_SATA         0x12
#define PCI_CAP_ID_AF           0x13
#define PCI_CAP_ID_MAX          PCI_CAP_ID_AF

/* MSI capability */
#define PCI_MSI_FLAGS           2
#define  PCI_MSI_FLAGS_ENABLE   0x0001
#define  PCI_MSI_FLAGS_QMASK    0x000e
#define  PCI_MSI_FLAGS_QSIZE    0x0070
#define  PCI_MSI_FLAGS_64BIT    0x0080
#define  PCI_MSI_FLAGS_MASKBIT  0x0100
#define PCI_MSI_RFU             3
#define PCI_MSI_ADDRESS_LO      4
#define PCI_MSI_ADDRESS_HI      8
#define PCI_MSI_DATA_32         8
#define PCI_MSI_MASK_32         12
#define PCI_MSI_PENDING_32      16
#define PCI_MSI_DATA_64         12
#define PCI_MSI_MASK_64         16
#define PCI_MSI_PENDING_64      20

/* MSI-X capability */
#define PCI_MSIX_FLAGS          2
#define  PCI_MSIX_FLAGS_QSIZE   0x07ff
#define  PCI_MSIX_FLAGS_MASKALL 0x4000
#define  PCI_MSIX_FLAGS_ENABLE  0x8000
#define PCI_MSIX_TABLE          4
#define  PCI_MSIX_TABLE_BIR     0x00000007
#define  PCI_MSIX_TABLE_OFFSET  0xfffffff8
#define PCI_MSIX_PBA            8
#define  PCI_MSIX_PBA_BIR       0x00000007
#define  PCI_MSIX_PBA_OFFSET    0xfffffff8
#define PCI_CAP_MSIX_SIZEOF     12
#define PCI_MSIX_ENTRY_SIZE             16
#define PCI_MSIX_ENTRY_LOWER_ADDR       0
#define PCI_MSIX_ENTRY_UPPER_ADDR       4
#define PCI_MSIX_ENTRY_DATA             8
#define PCI_MSIX_ENTRY_VECTOR_CTRL      12
#define  PCI_MSIX_ENTRY_CTRL_MASKBIT    0x00000001

/* Vendor-specific capability */
#define PCI_CAP_VNDR_LEN        2

#endif
