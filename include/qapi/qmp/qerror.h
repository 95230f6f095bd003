/*
 * Standard error message formats shared across subsystems (QEMU's
 * QERR_* macros); use with error_setg(errp, QERR_..., args).
 */
#ifndef QERROR_H
#define QERROR_H

#define QERR_BUS_NO_HOTPLUG \
    "Bus '%s' does not support hotplugging"
#define QERR_DEVICE_HAS_NO_MEDIUM \
    "Device '%s' has no medium"
#define QERR_DEVICE_IN_USE \
    "Device '%s' is in use"
#define QERR_DEVICE_NO_HOTPLUG \
    "Device '%s' does not support hotplugging"
#define QERR_FEATURE_DISABLED \
    "The feature '%s' is not enabled"
#define QERR_INVALID_PARAMETER \
    "Invalid parameter '%s'"
#define QERR_INVALID_PARAMETER_TYPE \
    "Invalid parameter type for '%s', expected: %s"
#define QERR_INVALID_PARAMETER_VALUE \
    "Parameter '%s' expects %s"
#define QERR_INVALID_PARAMETER_COMBINATION \
    "Invalid parameter combination"
#define QERR_IO_ERROR \
    "An IO error has occurred"
#define QERR_JSON_PARSING \
    "Invalid JSON syntax"
#define QERR_MISSING_PARAMETER \
    "Parameter '%s' is missing"
#define QERR_PERMISSION_DENIED \
    "Insufficient permission to perform this operation"
#define QERR_PROPERTY_VALUE_BAD \
    "Property '%s.%s' doesn't take value '%s'"
#define QERR_PROPERTY_VALUE_OUT_OF_RANGE \
    "Property %s.%s doesn't take value %" PRId64 \
    " (minimum: %" PRId64 ", maximum: %" PRId64 ")"
#define QERR_QGA_COMMAND_FAILED \
    "Guest agent command failed, error was '%s'"
#define QERR_REPLAY_NOT_SUPPORTED \
    "Record/replay feature is not supported for '%s'"
#define QERR_UNDEFINED_ERROR \
    "An undefined error has occurred"
#define QERR_UNSUPPORTED \
    "this feature or command is not currently supported"

#endif /* QERROR_H */
