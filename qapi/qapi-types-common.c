/*
 * Lookup tables for the enums of qapi-types-common.h.
 */
#include "qemu/osdep.h"
#include "qapi/qapi-types-common.h"
#include "qapi/qapi-visit-common.h"

static const char *const IoOperationType_names[] = {
    [IO_OPERATION_TYPE_READ] = "read",
    [IO_OPERATION_TYPE_WRITE] = "write",
};

const QEnumLookup IoOperationType_lookup = {
    .array = IoOperationType_names,
    .size = IO_OPERATION_TYPE__MAX,
};

bool visit_type_IoOperationType(Visitor *v, const char *name,
                                IoOperationType *obj, Error **errp)
{
    int value = *obj;
    bool ok = visit_type_enum(v, name, &value, &IoOperationType_lookup, errp);

    *obj = value;
    return ok;
}

static const char *const OnOffAuto_names[] = {
    [ON_OFF_AUTO_AUTO] = "auto",
    [ON_OFF_AUTO_ON] = "on",
    [ON_OFF_AUTO_OFF] = "off",
};

const QEnumLookup OnOffAuto_lookup = {
    .array = OnOffAuto_names,
    .size = ON_OFF_AUTO__MAX,
};

bool visit_type_OnOffAuto(Visitor *v, const char *name,
                          OnOffAuto *obj, Error **errp)
{
    int value = *obj;
    bool ok = visit_type_enum(v, name, &value, &OnOffAuto_lookup, errp);

    *obj = value;
    return ok;
}

static const char *const OnOffSplit_names[] = {
    [ON_OFF_SPLIT_ON] = "on",
    [ON_OFF_SPLIT_OFF] = "off",
    [ON_OFF_SPLIT_SPLIT] = "split",
};

const QEnumLookup OnOffSplit_lookup = {
    .array = OnOffSplit_names,
    .size = ON_OFF_SPLIT__MAX,
};

bool visit_type_OnOffSplit(Visitor *v, const char *name,
                           OnOffSplit *obj, Error **errp)
{
    int value = *obj;
    bool ok = visit_type_enum(v, name, &value, &OnOffSplit_lookup, errp);

    *obj = value;
    return ok;
}

static const char *const OffAutoPCIBAR_names[] = {
    [OFF_AUTO_PCIBAR_OFF] = "off",
    [OFF_AUTO_PCIBAR_AUTO] = "auto",
    [OFF_AUTO_PCIBAR_BAR0] = "bar0",
    [OFF_AUTO_PCIBAR_BAR1] = "bar1",
    [OFF_AUTO_PCIBAR_BAR2] = "bar2",
    [OFF_AUTO_PCIBAR_BAR3] = "bar3",
    [OFF_AUTO_PCIBAR_BAR4] = "bar4",
    [OFF_AUTO_PCIBAR_BAR5] = "bar5",
};

const QEnumLookup OffAutoPCIBAR_lookup = {
    .array = OffAutoPCIBAR_names,
    .size = OFF_AUTO_PCIBAR__MAX,
};

bool visit_type_OffAutoPCIBAR(Visitor *v, const char *name,
                              OffAutoPCIBAR *obj, Error **errp)
{
    int value = *obj;
    bool ok = visit_type_enum(v, name, &value, &OffAutoPCIBAR_lookup, errp);

    *obj = value;
    return ok;
}

static const char *const PCIELinkSpeed_names[] = {
    [PCIE_LINK_SPEED_2_5] = "2_5",
    [PCIE_LINK_SPEED_5] = "5",
    [PCIE_LINK_SPEED_8] = "8",
    [PCIE_LINK_SPEED_16] = "16",
};

const QEnumLookup PCIELinkSpeed_lookup = {
    .array = PCIELinkSpeed_names,
    .size = PCIE_LINK_SPEED__MAX,
};

bool visit_type_PCIELinkSpeed(Visitor *v, const char *name,
                              PCIELinkSpeed *obj, Error **errp)
{
    int value = *obj;
    bool ok = visit_type_enum(v, name, &value, &PCIELinkSpeed_lookup, errp);

    *obj = value;
    return ok;
}

static const char *const PCIELinkWidth_names[] = {
    [PCIE_LINK_WIDTH_1] = "1",
    [PCIE_LINK_WIDTH_2] = "2",
    [PCIE_LINK_WIDTH_4] = "4",
    [PCIE_LINK_WIDTH_8] = "8",
    [PCIE_LINK_WIDTH_12] = "12",
    [PCIE_LINK_WIDTH_16] = "16",
    [PCIE_LINK_WIDTH_32] = "32",
};

const QEnumLookup PCIELinkWidth_lookup = {
    .array = PCIELinkWidth_names,
    .size = PCIE_LINK_WIDTH__MAX,
};

bool visit_type_PCIELinkWidth(Visitor *v, const char *name,
                              PCIELinkWidth *obj, Error **errp)
{
    int value = *obj;
    bool ok = visit_type_enum(v, name, &value, &PCIELinkWidth_lookup, errp);

    *obj = value;
    return ok;
}

static const char *const HostMemPolicy_names[] = {
    [HOST_MEM_POLICY_DEFAULT] = "default",
    [HOST_MEM_POLICY_PREFERRED] = "preferred",
    [HOST_MEM_POLICY_BIND] = "bind",
    [HOST_MEM_POLICY_INTERLEAVE] = "interleave",
};

const QEnumLookup HostMemPolicy_lookup = {
    .array = HostMemPolicy_names,
    .size = HOST_MEM_POLICY__MAX,
};

bool visit_type_HostMemPolicy(Visitor *v, const char *name,
                              HostMemPolicy *obj, Error **errp)
{
    int value = *obj;
    bool ok = visit_type_enum(v, name, &value, &HostMemPolicy_lookup, errp);

    *obj = value;
    return ok;
}

static const char *const NetFilterDirection_names[] = {
    [NET_FILTER_DIRECTION_ALL] = "all",
    [NET_FILTER_DIRECTION_RX] = "rx",
    [NET_FILTER_DIRECTION_TX] = "tx",
};

const QEnumLookup NetFilterDirection_lookup = {
    .array = NetFilterDirection_names,
    .size = NET_FILTER_DIRECTION__MAX,
};

bool visit_type_NetFilterDirection(Visitor *v, const char *name,
                                   NetFilterDirection *obj, Error **errp)
{
    int value = *obj;
    bool ok = visit_type_enum(v, name, &value, &NetFilterDirection_lookup, errp);

    *obj = value;
    return ok;
}
