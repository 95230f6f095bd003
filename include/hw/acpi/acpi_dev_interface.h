/*
 * ACPI device interface: a device that owns GPE/PM1 status bits and can
 * be asked to raise an ACPI event (the SCI) for a hot-plug controller.
 */
#ifndef HW_ACPI_DEV_INTERFACE_H
#define HW_ACPI_DEV_INTERFACE_H

#include "qom/object.h"
#include "hw/qdev-core.h"

/* GPE0 status bits the PC's DSDT has _Exx handlers for. */
typedef enum {
    ACPI_PCI_HOTPLUG_STATUS = 2,        /* GPE0 bit 1: \_GPE._E01 */
} AcpiEventStatusBits;

#define TYPE_ACPI_DEVICE_IF "acpi-device-interface"

typedef struct AcpiDeviceIf AcpiDeviceIf;
typedef struct AcpiDeviceIfClass AcpiDeviceIfClass;

#define ACPI_DEVICE_IF(obj) \
    ((AcpiDeviceIf *)object_dynamic_cast_assert(OBJECT(obj), \
        TYPE_ACPI_DEVICE_IF, __FILE__, __LINE__, __func__))
#define ACPI_DEVICE_IF_CLASS(klass) \
    OBJECT_CLASS_CHECK(AcpiDeviceIfClass, (klass), TYPE_ACPI_DEVICE_IF)
#define ACPI_DEVICE_IF_GET_CLASS(obj) \
    OBJECT_GET_CLASS(AcpiDeviceIfClass, (obj), TYPE_ACPI_DEVICE_IF)

struct AcpiDeviceIfClass {
    InterfaceClass parent_class;

    /* Set the status bits @ev and update the SCI. */
    void (*send_event)(AcpiDeviceIf *adev, AcpiEventStatusBits ev);
};

/* Raise @event on @dev, which must implement TYPE_ACPI_DEVICE_IF. */
void acpi_send_event(DeviceState *dev, AcpiEventStatusBits event);

#endif
