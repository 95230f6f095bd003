/*
 * Static properties: each Property names a field of the device struct
 * and a PropertyInfo that converts it to and from a Visitor.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qmp/qbool.h"
#include "qapi/qmp/qnum.h"
#include "qapi/qmp/qstring.h"
#include "qapi/qobject-input-visitor.h"
#include "qapi/visitor.h"
#include "qapi/util.h"
#include "qom/object.h"
#include "hw/qdev-properties.h"

#ifdef QDEV_LOCAL_ON_OFF_AUTO
static const char *const on_off_auto_names[] = { "auto", "on", "off" };
const QEnumLookup OnOffAuto_lookup = {
    .array = on_off_auto_names,
    .size = ON_OFF_AUTO__MAX,
};
#endif

void *object_field_prop_ptr(Object *obj, Property *prop)
{
    return (char *)obj + prop->offset;
}

static void qdev_prop_set_after_realize(DeviceState *dev, const char *name,
                                        Error **errp)
{
    if (dev->id) {
        error_setg(errp, "Attempt to set property '%s' on device '%s' "
                   "(type '%s') after it was realized", name, dev->id,
                   object_get_typename(OBJECT(dev)));
    } else {
        error_setg(errp, "Attempt to set property '%s' on anonymous device "
                   "(type '%s') after it was realized", name,
                   object_get_typename(OBJECT(dev)));
    }
}

static void field_prop_get(Object *obj, Visitor *v, const char *name,
                           void *opaque, Error **errp)
{
    Property *prop = opaque;

    prop->info->get(obj, v, name, opaque, errp);
}

/* All static-property writes funnel through here: realized devices are
 * frozen unless the property says otherwise. */
static void field_prop_set(Object *obj, Visitor *v, const char *name,
                           void *opaque, Error **errp)
{
    Property *prop = opaque;

    if (object_dynamic_cast(obj, TYPE_DEVICE) && DEVICE(obj)->realized &&
        !prop->info->realized_set_allowed) {
        qdev_prop_set_after_realize(DEVICE(obj), name, errp);
        return;
    }
    prop->info->set(obj, v, name, opaque, errp);
}

void error_set_from_qdev_prop_error(Error **errp, int ret, Object *obj,
                                    const char *name, const char *value)
{
    switch (ret) {
    case -EEXIST:
        error_setg(errp, "Property '%s.%s' can't take value '%s', it's in use",
                   object_get_typename(obj), name, value);
        break;
    default:
    case -EINVAL:
        error_setg(errp, "Property '%s.%s' doesn't take value '%s'",
                   object_get_typename(obj), name, value);
        break;
    case -ENOENT:
        error_setg(errp, "Property '%s.%s' can't find value '%s'",
                   object_get_typename(obj), name, value);
        break;
    case 0:
        break;
    }
}

/*** default values (reported to QOM for introspection) ***/

static void set_default_value_enum(ObjectProperty *op, const Property *prop)
{
    object_property_set_default_str(op,
        qapi_enum_lookup(prop->info->enum_table, prop->defval.i));
}

static void set_default_value_int(ObjectProperty *op, const Property *prop)
{
    object_property_set_default_int(op, prop->defval.i);
}

static void set_default_value_uint(ObjectProperty *op, const Property *prop)
{
    object_property_set_default_uint(op, prop->defval.u);
}

static void set_default_value_bool(ObjectProperty *op, const Property *prop)
{
    object_property_set_default_bool(op, prop->defval.u);
}

/*** bool and bits ***/

static uint32_t qdev_get_prop_mask(Property *prop)
{
    assert(prop->info == &qdev_prop_bit);
    return 0x1 << prop->bitnr;
}

static void bit_prop_set(Object *obj, Property *props, bool val)
{
    uint32_t *p = object_field_prop_ptr(obj, props);
    uint32_t mask = qdev_get_prop_mask(props);

    if (val) {
        *p |= mask;
    } else {
        *p &= ~mask;
    }
}

static void prop_get_bit(Object *obj, Visitor *v, const char *name,
                         void *opaque, Error **errp)
{
    Property *prop = opaque;
    uint32_t *p = object_field_prop_ptr(obj, prop);
    bool value = (*p & qdev_get_prop_mask(prop)) != 0;

    visit_type_bool(v, name, &value, errp);
}

static void prop_set_bit(Object *obj, Visitor *v, const char *name,
                         void *opaque, Error **errp)
{
    Property *prop = opaque;
    bool value;

    if (!visit_type_bool(v, name, &value, errp)) {
        return;
    }
    bit_prop_set(obj, prop, value);
}

const PropertyInfo qdev_prop_bit = {
    .name  = "bool",
    .description = "on/off",
    .get   = prop_get_bit,
    .set   = prop_set_bit,
    .set_default_value = set_default_value_bool,
};

static uint64_t qdev_get_prop_mask64(Property *prop)
{
    assert(prop->info == &qdev_prop_bit64);
    return 0x1ull << prop->bitnr;
}

static void prop_get_bit64(Object *obj, Visitor *v, const char *name,
                           void *opaque, Error **errp)
{
    Property *prop = opaque;
    uint64_t *p = object_field_prop_ptr(obj, prop);
    bool value = (*p & qdev_get_prop_mask64(prop)) != 0;

    visit_type_bool(v, name, &value, errp);
}

static void prop_set_bit64(Object *obj, Visitor *v, const char *name,
                           void *opaque, Error **errp)
{
    Property *prop = opaque;
    uint64_t *p = object_field_prop_ptr(obj, prop);
    bool value;

    if (!visit_type_bool(v, name, &value, errp)) {
        return;
    }
    if (value) {
        *p |= qdev_get_prop_mask64(prop);
    } else {
        *p &= ~qdev_get_prop_mask64(prop);
    }
}

const PropertyInfo qdev_prop_bit64 = {
    .name  = "bool",
    .description = "on/off",
    .get   = prop_get_bit64,
    .set   = prop_set_bit64,
    .set_default_value = set_default_value_bool,
};

static void get_bool(Object *obj, Visitor *v, const char *name, void *opaque,
                     Error **errp)
{
    bool *ptr = object_field_prop_ptr(obj, opaque);

    visit_type_bool(v, name, ptr, errp);
}

static void set_bool(Object *obj, Visitor *v, const char *name, void *opaque,
                     Error **errp)
{
    bool *ptr = object_field_prop_ptr(obj, opaque);

    visit_type_bool(v, name, ptr, errp);
}

const PropertyInfo qdev_prop_bool = {
    .name  = "bool",
    .get   = get_bool,
    .set   = set_bool,
    .set_default_value = set_default_value_bool,
};

/*** integers ***/

/*
 * Visit into a temporary so that a failed parse leaves the field alone.
 */
#define DEFINE_INT_ACCESSORS(tname, ctype)                                  \
static void get_##tname(Object *obj, Visitor *v, const char *name,          \
                        void *opaque, Error **errp)                         \
{                                                                           \
    ctype *ptr = object_field_prop_ptr(obj, opaque);                        \
    visit_type_##tname(v, name, ptr, errp);                                 \
}                                                                           \
static void set_##tname(Object *obj, Visitor *v, const char *name,          \
                        void *opaque, Error **errp)                         \
{                                                                           \
    ctype *ptr = object_field_prop_ptr(obj, opaque);                        \
    ctype value;                                                            \
    if (visit_type_##tname(v, name, &value, errp)) {                        \
        *ptr = value;                                                       \
    }                                                                       \
}

DEFINE_INT_ACCESSORS(uint8, uint8_t)
DEFINE_INT_ACCESSORS(uint16, uint16_t)
DEFINE_INT_ACCESSORS(uint32, uint32_t)
DEFINE_INT_ACCESSORS(int32, int32_t)
DEFINE_INT_ACCESSORS(uint64, uint64_t)
DEFINE_INT_ACCESSORS(int64, int64_t)

void qdev_propinfo_get_int32(Object *obj, Visitor *v, const char *name,
                             void *opaque, Error **errp)
{
    get_int32(obj, v, name, opaque, errp);
}

void qdev_propinfo_get_uint16(Object *obj, Visitor *v, const char *name,
                              void *opaque, Error **errp)
{
    get_uint16(obj, v, name, opaque, errp);
}

const PropertyInfo qdev_prop_uint8 = {
    .name  = "uint8",
    .get   = get_uint8,
    .set   = set_uint8,
    .set_default_value = set_default_value_uint,
};

const PropertyInfo qdev_prop_uint16 = {
    .name  = "uint16",
    .get   = get_uint16,
    .set   = set_uint16,
    .set_default_value = set_default_value_uint,
};

const PropertyInfo qdev_prop_uint32 = {
    .name  = "uint32",
    .get   = get_uint32,
    .set   = set_uint32,
    .set_default_value = set_default_value_uint,
};

const PropertyInfo qdev_prop_int32 = {
    .name  = "int32",
    .get   = get_int32,
    .set   = set_int32,
    .set_default_value = set_default_value_int,
};

const PropertyInfo qdev_prop_uint64 = {
    .name  = "uint64",
    .get   = get_uint64,
    .set   = set_uint64,
    .set_default_value = set_default_value_uint,
};

static void set_uint64_checkmask(Object *obj, Visitor *v, const char *name,
                                 void *opaque, Error **errp)
{
    Property *prop = opaque;
    uint64_t *ptr = object_field_prop_ptr(obj, prop);
    uint64_t value;

    if (!visit_type_uint64(v, name, &value, errp)) {
        return;
    }
    if (value & ~prop->bitmask) {
        error_setg(errp, "Property value for '%s' has bits outside mask "
                   "'0x%" PRIx64 "'", name, prop->bitmask);
        return;
    }
    *ptr = value;
}

const PropertyInfo qdev_prop_uint64_checkmask = {
    .name  = "uint64",
    .get   = get_uint64,
    .set   = set_uint64_checkmask,
};

const PropertyInfo qdev_prop_int64 = {
    .name  = "int64",
    .get   = get_int64,
    .set   = set_int64,
    .set_default_value = set_default_value_int,
};

/*** sizes: accept k/M/G/T/P/E suffixes through the visitor ***/

static void get_size(Object *obj, Visitor *v, const char *name, void *opaque,
                     Error **errp)
{
    uint64_t *ptr = object_field_prop_ptr(obj, opaque);

    visit_type_size(v, name, ptr, errp);
}

static void set_size(Object *obj, Visitor *v, const char *name, void *opaque,
                     Error **errp)
{
    uint64_t *ptr = object_field_prop_ptr(obj, opaque);
    uint64_t value;

    if (visit_type_size(v, name, &value, errp)) {
        *ptr = value;
    }
}

const PropertyInfo qdev_prop_size = {
    .name  = "size",
    .get = get_size,
    .set = set_size,
    .set_default_value = set_default_value_uint,
};

void qdev_propinfo_get_size32(Object *obj, Visitor *v, const char *name,
                              void *opaque, Error **errp)
{
    uint32_t *ptr = object_field_prop_ptr(obj, opaque);
    uint64_t value = *ptr;

    visit_type_size(v, name, &value, errp);
}

static void set_size32(Object *obj, Visitor *v, const char *name,
                       void *opaque, Error **errp)
{
    Property *prop = opaque;
    uint32_t *ptr = object_field_prop_ptr(obj, prop);
    uint64_t value;

    if (!visit_type_size(v, name, &value, errp)) {
        return;
    }
    if (value > UINT32_MAX) {
        error_setg(errp,
                   "Property %s.%s doesn't take value %" PRIu64
                   " (maximum: %u)",
                   object_get_typename(obj), name, value, UINT32_MAX);
        return;
    }
    *ptr = value;
}

const PropertyInfo qdev_prop_size32 = {
    .name  = "size",
    .get = qdev_propinfo_get_size32,
    .set = set_size32,
    .set_default_value = set_default_value_uint,
};

/*** strings ***/

static void release_string(Object *obj, const char *name, void *opaque)
{
    Property *prop = opaque;

    g_free(*(char **)object_field_prop_ptr(obj, prop));
    *(char **)object_field_prop_ptr(obj, prop) = NULL;
}

static void get_string(Object *obj, Visitor *v, const char *name,
                       void *opaque, Error **errp)
{
    char **ptr = object_field_prop_ptr(obj, opaque);

    if (!*ptr) {
        char *str = (char *)"";
        visit_type_str(v, name, &str, errp);
    } else {
        visit_type_str(v, name, ptr, errp);
    }
}

static void set_string(Object *obj, Visitor *v, const char *name,
                       void *opaque, Error **errp)
{
    char **ptr = object_field_prop_ptr(obj, opaque);
    char *str;

    if (!visit_type_str(v, name, &str, errp)) {
        return;
    }
    g_free(*ptr);
    *ptr = str;
}

const PropertyInfo qdev_prop_string = {
    .name  = "str",
    .release = release_string,
    .get   = get_string,
    .set   = set_string,
};

/*** enums ***/

void qdev_propinfo_get_enum(Object *obj, Visitor *v, const char *name,
                            void *opaque, Error **errp)
{
    Property *prop = opaque;
    int *ptr = object_field_prop_ptr(obj, prop);

    visit_type_enum(v, name, ptr, prop->info->enum_table, errp);
}

void qdev_propinfo_set_enum(Object *obj, Visitor *v, const char *name,
                            void *opaque, Error **errp)
{
    Property *prop = opaque;
    int *ptr = object_field_prop_ptr(obj, prop);
    int value;

    if (visit_type_enum(v, name, &value, prop->info->enum_table, errp)) {
        *ptr = value;
    }
}

const PropertyInfo qdev_prop_enum = {
    .name  = "enum",
    .get   = qdev_propinfo_get_enum,
    .set   = qdev_propinfo_set_enum,
    .set_default_value = set_default_value_enum,
};

const PropertyInfo qdev_prop_on_off_auto = {
    .name = "OnOffAuto",
    .description = "on/off/auto",
    .enum_table = &OnOffAuto_lookup,
    .get = qdev_propinfo_get_enum,
    .set = qdev_propinfo_set_enum,
    .set_default_value = set_default_value_enum,
};

/*** UUIDs: "auto" asks for a random one ***/

static void get_uuid(Object *obj, Visitor *v, const char *name, void *opaque,
                     Error **errp)
{
    uint8_t *uuid = object_field_prop_ptr(obj, opaque);
    char *p = g_strdup_printf("%02x%02x%02x%02x-%02x%02x-%02x%02x-"
                              "%02x%02x-%02x%02x%02x%02x%02x%02x",
                              uuid[0], uuid[1], uuid[2], uuid[3],
                              uuid[4], uuid[5], uuid[6], uuid[7],
                              uuid[8], uuid[9], uuid[10], uuid[11],
                              uuid[12], uuid[13], uuid[14], uuid[15]);

    visit_type_str(v, name, &p, errp);
    g_free(p);
}

/* Parse "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" into 16 bytes. */
static bool parse_uuid_bytes(const char *str, uint8_t *out)
{
    int i, j = 0;

    if (!g_uuid_string_is_valid(str)) {
        return false;
    }
    for (i = 0; str[i] && j < 16; i++) {
        if (str[i] == '-') {
            continue;
        }
        out[j++] = g_ascii_xdigit_value(str[i]) << 4 |
                   g_ascii_xdigit_value(str[i + 1]);
        i++;
    }
    return j == 16;
}

static void set_uuid(Object *obj, Visitor *v, const char *name, void *opaque,
                     Error **errp)
{
    uint8_t *uuid = object_field_prop_ptr(obj, opaque);
    uint8_t parsed[16];
    char *str;

    if (!visit_type_str(v, name, &str, errp)) {
        return;
    }
    if (!strcmp(str, "auto")) {
        char *rnd = g_uuid_string_random();

        parse_uuid_bytes(rnd, uuid);
        g_free(rnd);
    } else if (parse_uuid_bytes(str, parsed)) {
        memcpy(uuid, parsed, 16);
    } else {
        error_set_from_qdev_prop_error(errp, EINVAL, obj, name, str);
    }
    g_free(str);
}

static void set_default_uuid_auto(ObjectProperty *op, const Property *prop)
{
    object_property_set_default_str(op, "auto");
}

const PropertyInfo qdev_prop_uuid = {
    .name  = "str",
    .description = "UUID (aka GUID) or \"auto\" for random value (default)",
    .get   = get_uuid,
    .set   = set_uuid,
    .set_default_value = set_default_uuid_auto,
};

/*** PCI device/function: "slot[.fn]" in hex ***/

static void set_pci_devfn(Object *obj, Visitor *v, const char *name,
                          void *opaque, Error **errp)
{
    Property *prop = opaque;
    int32_t value, *ptr = object_field_prop_ptr(obj, prop);
    unsigned long slot, fn = 0;
    char *str, *end;

    if (!visit_type_str(v, name, &str, NULL)) {
        /* JSON gives a number: the devfn itself. */
        if (!visit_type_int32(v, name, &value, errp)) {
            return;
        }
        if (value < -1 || value > 255) {
            error_setg(errp, "Property %s.%s doesn't take value %" PRId32
                       " (minimum: -1, maximum: 255)",
                       object_get_typename(obj), name, value);
            return;
        }
        *ptr = value;
        return;
    }

    errno = 0;
    slot = strtoul(str, &end, 16);
    if (end == str || errno || slot > 31) {
        goto invalid;
    }
    if (*end == '.') {
        const char *fstart = end + 1;

        fn = strtoul(fstart, &end, 16);
        if (end == fstart || errno || fn > 7) {
            goto invalid;
        }
    }
    if (*end) {
        goto invalid;
    }
    *ptr = slot << 3 | fn;
    g_free(str);
    return;

invalid:
    error_set_from_qdev_prop_error(errp, EINVAL, obj, name, str);
    g_free(str);
}

static int print_pci_devfn(Object *obj, Property *prop, char *dest,
                           size_t len)
{
    int32_t *ptr = object_field_prop_ptr(obj, prop);

    if (*ptr == -1) {
        return snprintf(dest, len, "<unset>");
    }
    return snprintf(dest, len, "%02x.%x", *ptr >> 3, *ptr & 7);
}

const PropertyInfo qdev_prop_pci_devfn = {
    .name  = "int32",
    .description = "Slot and optional function number, example: 06.0 or 06",
    .print = print_pci_devfn,
    .get   = get_int32,
    .set   = set_pci_devfn,
    .set_default_value = set_default_value_int,
};

/*** variable-length arrays ***/

static void release_prop_array_elem(Object *obj, const char *name,
                                    void *opaque)
{
    Property *prop = opaque;

    if (prop->info->release) {
        prop->info->release(obj, name, opaque);
    }
    g_free(prop);
}

static void set_prop_arraylen(Object *obj, Visitor *v, const char *name,
                              void *opaque, Error **errp)
{
    Property *prop = opaque;
    uint32_t *alenptr = object_field_prop_ptr(obj, prop);
    void **arrayptr = (void *)((char *)obj + prop->arrayoffset);
    const char *arrayname;
    char *eltptr;
    uint32_t i;

    if (*alenptr) {
        error_setg(errp, "array size property %s may not be set more than "
                   "once", name);
        return;
    }
    if (!visit_type_uint32(v, name, alenptr, errp)) {
        return;
    }
    if (!*alenptr) {
        return;
    }

    /* "len-foo" sets the length of array "foo" */
    assert(g_str_has_prefix(name, PROP_ARRAY_LEN_PREFIX));
    arrayname = name + strlen(PROP_ARRAY_LEN_PREFIX);
    *arrayptr = eltptr = g_malloc0(*alenptr * prop->arrayfieldsize);
    for (i = 0; i < *alenptr; i++, eltptr += prop->arrayfieldsize) {
        char *propname = g_strdup_printf("%s[%u]", arrayname, i);
        Property *arrayprop = g_new0(Property, 1);

        arrayprop->info = prop->arrayinfo;
        arrayprop->name = prop->name;
        arrayprop->offset = eltptr - (char *)obj;
        assert(object_field_prop_ptr(obj, arrayprop) == eltptr);
        object_property_add(obj, propname, arrayprop->info->name,
                            field_prop_get, field_prop_set,
                            release_prop_array_elem, arrayprop);
        g_free(propname);
    }
}

const PropertyInfo qdev_prop_arraylen = {
    .name = "uint32",
    .get = get_uint32,
    .set = set_prop_arraylen,
    .set_default_value = set_default_value_uint,
};

/*** links to other objects, resolved by path ***/

static ObjectProperty *create_link_property(ObjectClass *oc, const char *name,
                                            Property *prop)
{
    return object_class_property_add_link(oc, name, prop->link_type,
                                          prop->offset,
                                          object_property_allow_set_link,
                                          OBJ_PROP_LINK_STRONG);
}

const PropertyInfo qdev_prop_link = {
    .name = "link",
    .create = create_link_property,
};

/*** registration ***/

ObjectProperty *object_class_property_add_static_prop(ObjectClass *oc,
                                                      Property *prop)
{
    ObjectProperty *op;

    if (prop->info->create) {
        op = prop->info->create(oc, prop->name, prop);
    } else {
        op = object_class_property_add(oc, prop->name, prop->info->name,
                                       prop->info->get ? field_prop_get : NULL,
                                       prop->info->set ? field_prop_set : NULL,
                                       prop->info->release, prop);
    }
    if (prop->set_default && prop->info->set_default_value) {
        prop->info->set_default_value(op, prop);
    }
    if (prop->info->description) {
        object_class_property_set_description(oc, prop->name,
                                              prop->info->description);
    }
    return op;
}

void qdev_class_add_static_props(ObjectClass *oc, Property *props)
{
    Property *prop;

    for (prop = props; prop && prop->name; prop++) {
        object_class_property_add_static_prop(oc, prop);
    }
}

void device_class_set_props(DeviceClass *dc, Property *props)
{
    dc->props_ = props;
    qdev_class_add_static_props(OBJECT_CLASS(dc), props);
}

Property *qdev_prop_find(ObjectClass *oc, const char *name)
{
    for (; oc && object_class_dynamic_cast(oc, TYPE_DEVICE);
         oc = object_class_get_parent(oc)) {
        Property *prop;

        for (prop = DEVICE_CLASS(oc)->props_; prop && prop->name; prop++) {
            if (strcmp(prop->name, name) == 0) {
                return prop;
            }
        }
    }
    return NULL;
}

/* Write a default straight into the field; false if the kind is unknown. */
static bool prop_write_default(Object *obj, Property *prop)
{
    const PropertyInfo *info = prop->info;
    void *ptr = object_field_prop_ptr(obj, prop);

    if (info == &qdev_prop_bool) {
        *(bool *)ptr = prop->defval.u;
    } else if (info == &qdev_prop_bit) {
        bit_prop_set(obj, prop, prop->defval.u);
    } else if (info == &qdev_prop_bit64) {
        if (prop->defval.u) {
            *(uint64_t *)ptr |= qdev_get_prop_mask64(prop);
        } else {
            *(uint64_t *)ptr &= ~qdev_get_prop_mask64(prop);
        }
    } else if (info == &qdev_prop_uint8) {
        *(uint8_t *)ptr = prop->defval.u;
    } else if (info == &qdev_prop_uint16) {
        *(uint16_t *)ptr = prop->defval.u;
    } else if (info == &qdev_prop_uint32 || info == &qdev_prop_size32 ||
               info == &qdev_prop_arraylen) {
        *(uint32_t *)ptr = prop->defval.u;
    } else if (info == &qdev_prop_uint64 || info == &qdev_prop_size ||
               info == &qdev_prop_uint64_checkmask) {
        *(uint64_t *)ptr = prop->defval.u;
    } else if (info == &qdev_prop_int32 || info == &qdev_prop_pci_devfn) {
        *(int32_t *)ptr = prop->defval.i;
    } else if (info == &qdev_prop_int64) {
        *(int64_t *)ptr = prop->defval.i;
    } else if (info->enum_table) {
        *(int *)ptr = prop->defval.i;
    } else if (info == &qdev_prop_uuid) {
        char *rnd = g_uuid_string_random();

        parse_uuid_bytes(rnd, ptr);
        g_free(rnd);
    } else {
        return false;
    }
    return true;
}

/*
 * Other areas' PropertyInfos: feed the default through their setter
 * (ints as numbers, the getter/setter pair decides the width).
 */
static void prop_set_default_via_visitor(Object *obj, Property *prop)
{
    QObject *qobj;
    Visitor *v;

    if (prop->info->set_default_value == set_default_value_bool) {
        qobj = QOBJECT(qbool_from_bool(prop->defval.u));
    } else if (prop->info->set_default_value == set_default_value_uint) {
        qobj = QOBJECT(qnum_from_uint(prop->defval.u));
    } else if (prop->info->set_default_value == set_default_value_int) {
        qobj = QOBJECT(qnum_from_int(prop->defval.i));
    } else {
        return;
    }
    v = qobject_input_visitor_new(qobj);
    prop->info->set(obj, v, prop->name, prop, &error_abort);
    visit_free(v);
    qobject_unref(qobj);
}

void object_apply_static_prop_defaults(Object *obj, Property *props)
{
    Property *prop;

    for (prop = props; prop && prop->name; prop++) {
        if (!prop->set_default) {
            continue;
        }
        if (!prop_write_default(obj, prop) && prop->info->set) {
            prop_set_default_via_visitor(obj, prop);
        }
    }
}

void qdev_prop_set_defaults(DeviceState *dev)
{
    ObjectClass *oc;
    GSList *chain = NULL, *l;

    /*
     * Parents first so that a subclass re-declaring a field wins; skip
     * arrays inherited by plain copy of the parent's class struct.
     */
    for (oc = object_get_class(OBJECT(dev));
         oc && object_class_dynamic_cast(oc, TYPE_DEVICE);
         oc = object_class_get_parent(oc)) {
        ObjectClass *parent = object_class_get_parent(oc);
        Property *props = DEVICE_CLASS(oc)->props_;

        if (parent && object_class_dynamic_cast(parent, TYPE_DEVICE) &&
            DEVICE_CLASS(parent)->props_ == props) {
            continue;
        }
        chain = g_slist_prepend(chain, props);
    }
    for (l = chain; l; l = l->next) {
        object_apply_static_prop_defaults(OBJECT(dev), l->data);
    }
    g_slist_free(chain);
}

char *qdev_prop_default_str(Property *prop)
{
    const PropertyInfo *info = prop->info;
    void (*sdv)(ObjectProperty *, const Property *) = info->set_default_value;

    if (!prop->set_default) {
        return NULL;
    }
    if (info->enum_table) {
        return g_strdup_printf("\"%s\"",
                               qapi_enum_lookup(info->enum_table,
                                                prop->defval.i));
    } else if (sdv == set_default_value_bool) {
        return g_strdup(prop->defval.u ? "true" : "false");
    } else if (sdv == set_default_value_uint) {
        return g_strdup_printf("%" PRIu64, prop->defval.u);
    } else if (sdv == set_default_value_int) {
        return g_strdup_printf("%" PRId64, prop->defval.i);
    } else if (info == &qdev_prop_uuid) {
        return g_strdup("\"auto\"");
    }
    return NULL;
}

/*** setting from C ***/

void qdev_prop_set_bit(DeviceState *dev, const char *name, bool value)
{
    object_property_set_bool(OBJECT(dev), name, value, &error_abort);
}

void qdev_prop_set_uint8(DeviceState *dev, const char *name, uint8_t value)
{
    object_property_set_int(OBJECT(dev), name, value, &error_abort);
}

void qdev_prop_set_uint16(DeviceState *dev, const char *name, uint16_t value)
{
    object_property_set_int(OBJECT(dev), name, value, &error_abort);
}

void qdev_prop_set_uint32(DeviceState *dev, const char *name, uint32_t value)
{
    object_property_set_int(OBJECT(dev), name, value, &error_abort);
}

void qdev_prop_set_int32(DeviceState *dev, const char *name, int32_t value)
{
    object_property_set_int(OBJECT(dev), name, value, &error_abort);
}

void qdev_prop_set_uint64(DeviceState *dev, const char *name, uint64_t value)
{
    object_property_set_uint(OBJECT(dev), name, value, &error_abort);
}

void qdev_prop_set_string(DeviceState *dev, const char *name,
                          const char *value)
{
    object_property_set_str(OBJECT(dev), name, value, &error_abort);
}

void qdev_prop_set_enum(DeviceState *dev, const char *name, int value)
{
    Property *prop = qdev_prop_find(object_get_class(OBJECT(dev)), name);

    assert(prop && prop->info->enum_table);
    object_property_set_str(OBJECT(dev), name,
                            qapi_enum_lookup(prop->info->enum_table, value),
                            &error_abort);
}
