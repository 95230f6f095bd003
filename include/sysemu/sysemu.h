#ifndef SYSEMU_SYSEMU_H
#define SYSEMU_SYSEMU_H

#include <stdbool.h>
#include <stdint.h>

/* softmmu/vl.c: parse the command line and build the machine. */
void qemu_init(int argc, char **argv);
/* softmmu/runstate.c: run until shutdown; returns the exit status. */
int qemu_main_loop(void);
void qemu_cleanup(void);

/* Command-line settings other subsystems read (softmmu/vl.c). */
extern const char *qemu_name;
extern uint8_t qemu_uuid[16];
extern bool qemu_uuid_set;
extern int display_nographic;
extern const char *bios_name;
extern const char *vga_model;
extern const char *keyboard_layout;
extern bool enable_mlock;
extern bool enable_cpu_pm;
extern bool acpi_enabled;
extern bool hpet_enabled;
extern int boot_menu;
extern int graphic_width;
extern int graphic_height;
extern int graphic_depth;
extern bool qemu_snapshot;
extern const char *qtest_chrdev;
extern const char *qtest_log;

/* softmmu/datadir.c: firmware search path (-L and the install dirs). */
#define QEMU_FILE_TYPE_BIOS   0
#define QEMU_FILE_TYPE_KEYMAP 1
void qemu_add_data_dir(char *path);
void qemu_add_default_firmwarepath(void);
/* Full path of @name in the search path (caller frees), or NULL. */
char *qemu_find_file(int type, const char *name);
void qemu_list_data_dirs(void);

/* softmmu/bootdevice.c: bootindex and the fw_cfg boot order. */
typedef struct DeviceState DeviceState;
typedef struct Object Object;
typedef struct Error Error;
extern bool boot_strict;
void validate_bootdevices(const char *devices, Error **errp);
void add_boot_device_path(int32_t bootindex, DeviceState *dev,
                          const char *suffix);
void del_boot_device_path(DeviceState *dev, const char *suffix);
void device_add_bootindex_property(Object *obj, int32_t *bootindex,
                                   const char *name, const char *suffix,
                                   DeviceState *dev);
/* NUL-terminated, '\n'-separated firmware paths; NULL if empty. */
char *get_boot_devices_list(size_t *size);

/*
 * hw/core/machine.c: run once every cold-plugged device exists (after
 * -device); a notifier added later runs at once.
 */
typedef struct Notifier Notifier;
void qemu_add_machine_init_done_notifier(Notifier *notify);
void qemu_remove_machine_init_done_notifier(Notifier *notify);
void qemu_run_machine_init_done_notifiers(void);

#endif
