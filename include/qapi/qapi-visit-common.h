/*
 * Visitors for the enums of qapi-types-common.h.
 */
#ifndef QAPI_VISIT_COMMON_H
#define QAPI_VISIT_COMMON_H

#include "qapi/qapi-types-common.h"
#include "qapi/visitor.h"

bool visit_type_IoOperationType(Visitor *v, const char *name,
                                IoOperationType *obj, Error **errp);
bool visit_type_OnOffAuto(Visitor *v, const char *name,
                          OnOffAuto *obj, Error **errp);
bool visit_type_OnOffSplit(Visitor *v, const char *name,
                           OnOffSplit *obj, Error **errp);
bool visit_type_OffAutoPCIBAR(Visitor *v, const char *name,
                              OffAutoPCIBAR *obj, Error **errp);
bool visit_type_PCIELinkSpeed(Visitor *v, const char *name,
                              PCIELinkSpeed *obj, Error **errp);
bool visit_type_PCIELinkWidth(Visitor *v, const char *name,
                              PCIELinkWidth *obj, Error **errp);
bool visit_type_HostMemPolicy(Visitor *v, const char *name,
                              HostMemPolicy *obj, Error **errp);
bool visit_type_NetFilterDirection(Visitor *v, const char *name,
                                   NetFilterDirection *obj, Error **errp);

#endif /* QAPI_VISIT_COMMON_H */
