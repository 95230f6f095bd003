/* TYPE_ACPI_DEVICE_IF: how hot-plug controllers reach the SCI owner. */
#include "qemu/osdep.h"
#include "qemu/module.h"
#include "hw/acpi/acpi_dev_interface.h"

void acpi_send_event(DeviceState *dev, AcpiEventStatusBits event)
{
    AcpiDeviceIfClass *adevc = ACPI_DEVICE_IF_GET_CLASS(dev);

    if (adevc->send_event) {
        adevc->send_event(ACPI_DEVICE_IF(dev), event);
    }
}

static const TypeInfo acpi_dev_if_info = {
    .name = TYPE_ACPI_DEVICE_IF,
    .parent = TYPE_INTERFACE,
    .class_size = sizeof(AcpiDeviceIfClass),
};

static void acpi_dev_if_register_types(void)
{
    type_register_static(&acpi_dev_if_info);
}

type_init(acpi_dev_if_register_types)
