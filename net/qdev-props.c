/*
 * qdev properties of NIC models: "mac" (MACAddr) and "netdev"
 * (NICPeers, every queue of the named back end).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/visitor.h"
#include "qom/object.h"
#include "hw/qdev-core.h"
#include "hw/qdev-properties.h"
#include "net/net.h"

static void get_mac(Object *obj, Visitor *v, const char *name, void *opaque,
                    Error **errp)
{
    MACAddr *mac = object_field_prop_ptr(obj, opaque);
    char buffer[2 * 6 + 5 + 1];
    char *p = buffer;

    snprintf(buffer, sizeof(buffer), "%02x:%02x:%02x:%02x:%02x:%02x",
             mac->a[0], mac->a[1], mac->a[2],
             mac->a[3], mac->a[4], mac->a[5]);
    visit_type_str(v, name, &p, errp);
}

static void set_mac(Object *obj, Visitor *v, const char *name, void *opaque,
                    Error **errp)
{
    MACAddr *mac = object_field_prop_ptr(obj, opaque);
    uint8_t a[6];
    char *str;

    if (!visit_type_str(v, name, &str, errp)) {
        return;
    }
    /* Exactly six two-digit groups, as QEMU insists. */
    if (strlen(str) != 17 || net_parse_macaddr(a, str) < 0) {
        error_set_from_qdev_prop_error(errp, -EINVAL, obj, name, str);
    } else {
        memcpy(mac->a, a, 6);
    }
    g_free(str);
}

const PropertyInfo qdev_prop_macaddr = {
    .name  = "str",
    .description = "Ethernet 6-byte MAC Address, example: 52:54:00:12:34:56",
    .get   = get_mac,
    .set   = set_mac,
};

void qdev_prop_set_macaddr(DeviceState *dev, const char *name,
                           const uint8_t *value)
{
    char str[2 * 6 + 5 + 1];

    snprintf(str, sizeof(str), "%02x:%02x:%02x:%02x:%02x:%02x",
             value[0], value[1], value[2], value[3], value[4], value[5]);
    object_property_set_str(OBJECT(dev), name, str, &error_abort);
}

static void get_netdev(Object *obj, Visitor *v, const char *name,
                       void *opaque, Error **errp)
{
    NICPeers *peers = object_field_prop_ptr(obj, opaque);
    char *p = g_strdup(peers->ncs[0] ? peers->ncs[0]->name : "");

    visit_type_str(v, name, &p, errp);
    g_free(p);
}

static void set_netdev(Object *obj, Visitor *v, const char *name,
                       void *opaque, Error **errp)
{
    NICPeers *peers = object_field_prop_ptr(obj, opaque);
    NetClientState *ncs[MAX_QUEUE_NUM];
    char *str;
    int queues, i;

    if (!visit_type_str(v, name, &str, errp)) {
        return;
    }
    queues = qemu_find_net_clients_except(str, ncs, NET_CLIENT_DRIVER_NIC,
                                          MAX_QUEUE_NUM);
    if (queues == 0) {
        error_set_from_qdev_prop_error(errp, -ENOENT, obj, name, str);
        goto out;
    }
    if (queues > MAX_QUEUE_NUM) {
        error_setg(errp, "queues of backend '%s'(%d) exceeds QEMU limitation(%d)",
                   str, queues, MAX_QUEUE_NUM);
        goto out;
    }
    for (i = 0; i < queues; i++) {
        if (ncs[i]->peer) {
            error_set_from_qdev_prop_error(errp, -EEXIST, obj, name, str);
            goto out;
        }
    }
    for (i = 0; i < queues; i++) {
        peers->ncs[i] = ncs[i];
        peers->ncs[i]->queue_index = i;
    }
    peers->queues = queues;
out:
    g_free(str);
}

const PropertyInfo qdev_prop_netdev = {
    .name  = "str",
    .description = "ID of a netdev to use as a backend",
    .get   = get_netdev,
    .set   = set_netdev,
};

void qdev_prop_set_netdev(DeviceState *dev, const char *name,
                          NetClientState *value)
{
    assert(value && value->name);
    object_property_set_str(OBJECT(dev), name, value->name, &error_abort);
}

void qdev_set_nic_properties(DeviceState *dev, NICInfo *nd)
{
    qdev_prop_set_macaddr(dev, "mac", nd->macaddr.a);
    if (nd->netdev) {
        qdev_prop_set_netdev(dev, "netdev", nd->netdev);
    }
    /* -net nic,vectors=N reaches NICs that have MSI-X vectors. */
    if (nd->nvectors >= 0 &&
        object_property_find(OBJECT(dev), "vectors")) {
        object_property_set_uint(OBJECT(dev), "vectors", nd->nvectors,
                                 &error_abort);
    }
    nd->instantiated = 1;
}
