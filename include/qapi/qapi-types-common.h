/*
 * Enums of QEMU's qapi/common.json (hand-written: kvmemu has no QAPI
 * code generator).  Values and names match QEMU's generated header.
 */
#ifndef QAPI_TYPES_COMMON_H
#define QAPI_TYPES_COMMON_H

#include "qapi/qapi-builtin-types.h"

typedef enum IoOperationType {
    IO_OPERATION_TYPE_READ,
    IO_OPERATION_TYPE_WRITE,
    IO_OPERATION_TYPE__MAX,
} IoOperationType;

#define IoOperationType_str(val) qapi_enum_lookup(&IoOperationType_lookup, (val))
extern const QEnumLookup IoOperationType_lookup;

typedef enum OnOffAuto {
    ON_OFF_AUTO_AUTO,
    ON_OFF_AUTO_ON,
    ON_OFF_AUTO_OFF,
    ON_OFF_AUTO__MAX,
} OnOffAuto;

#define OnOffAuto_str(val) qapi_enum_lookup(&OnOffAuto_lookup, (val))
extern const QEnumLookup OnOffAuto_lookup;

typedef enum OnOffSplit {
    ON_OFF_SPLIT_ON,
    ON_OFF_SPLIT_OFF,
    ON_OFF_SPLIT_SPLIT,
    ON_OFF_SPLIT__MAX,
} OnOffSplit;

#define OnOffSplit_str(val) qapi_enum_lookup(&OnOffSplit_lookup, (val))
extern const QEnumLookup OnOffSplit_lookup;

typedef enum OffAutoPCIBAR {
    OFF_AUTO_PCIBAR_OFF,
    OFF_AUTO_PCIBAR_AUTO,
    OFF_AUTO_PCIBAR_BAR0,
    OFF_AUTO_PCIBAR_BAR1,
    OFF_AUTO_PCIBAR_BAR2,
    OFF_AUTO_PCIBAR_BAR3,
    OFF_AUTO_PCIBAR_BAR4,
    OFF_AUTO_PCIBAR_BAR5,
    OFF_AUTO_PCIBAR__MAX,
} OffAutoPCIBAR;

#define OffAutoPCIBAR_str(val) qapi_enum_lookup(&OffAutoPCIBAR_lookup, (val))
extern const QEnumLookup OffAutoPCIBAR_lookup;

typedef enum PCIELinkSpeed {
    PCIE_LINK_SPEED_2_5,
    PCIE_LINK_SPEED_5,
    PCIE_LINK_SPEED_8,
    PCIE_LINK_SPEED_16,
    PCIE_LINK_SPEED__MAX,
} PCIELinkSpeed;

#define PCIELinkSpeed_str(val) qapi_enum_lookup(&PCIELinkSpeed_lookup, (val))
extern const QEnumLookup PCIELinkSpeed_lookup;

typedef enum PCIELinkWidth {
    PCIE_LINK_WIDTH_1,
    PCIE_LINK_WIDTH_2,
    PCIE_LINK_WIDTH_4,
    PCIE_LINK_WIDTH_8,
    PCIE_LINK_WIDTH_12,
    PCIE_LINK_WIDTH_16,
    PCIE_LINK_WIDTH_32,
    PCIE_LINK_WIDTH__MAX,
} PCIELinkWidth;

#define PCIELinkWidth_str(val) qapi_enum_lookup(&PCIELinkWidth_lookup, (val))
extern const QEnumLookup PCIELinkWidth_lookup;

typedef enum HostMemPolicy {
    HOST_MEM_POLICY_DEFAULT,
    HOST_MEM_POLICY_PREFERRED,
    HOST_MEM_POLICY_BIND,
    HOST_MEM_POLICY_INTERLEAVE,
    HOST_MEM_POLICY__MAX,
} HostMemPolicy;

#define HostMemPolicy_str(val) qapi_enum_lookup(&HostMemPolicy_lookup, (val))
extern const QEnumLookup HostMemPolicy_lookup;

typedef enum NetFilterDirection {
    NET_FILTER_DIRECTION_ALL,
    NET_FILTER_DIRECTION_RX,
    NET_FILTER_DIRECTION_TX,
    NET_FILTER_DIRECTION__MAX,
} NetFilterDirection;

#define NetFilterDirection_str(val) qapi_enum_lookup(&NetFilterDirection_lookup, (val))
extern const QEnumLookup NetFilterDirection_lookup;

#endif /* QAPI_TYPES_COMMON_H */
