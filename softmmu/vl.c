/*
 * The front end: parse qemu-system-x86_64's command line, then build the
 * machine in QEMU's order (machine object, memory, accelerator, back
 * ends, board, -device) and hand over to the main loop.
 */
#include "qemu/osdep.h"
#include <sys/file.h>
#include "qapi/error.h"
#include "qapi/keyval.h"
#include "qapi/qmp/qdict.h"
#include "qapi/qmp/qjson.h"
#include "qapi/qmp/qobject.h"
#include "qapi/qmp/qstring.h"
#include "qapi/qobject-input-visitor.h"
#include "qapi/visitor.h"
#include "qemu/config-file.h"
#include "qemu/error-report.h"
#include "qemu/module.h"
#include "qemu/option.h"
#include "qemu/accel.h"
#include "qom/object.h"
#include "qom/object_interfaces.h"
#include "exec/memory.h"
#include "chardev/char.h"
#include "hw/rtc/mc146818rtc.h"
#include "qemu/cutils.h"
#include "qemu/main-loop.h"
#include "qemu/thread.h"
#include "hw/qdev-core.h"
#include "hw/qdev-properties.h"
#include "hw/sysbus.h"
#include "hw/boards.h"
#include "monitor/qdev.h"
#include "monitor/monitor.h"
#include "sysemu/sysemu.h"
#include "sysemu/reset.h"
#include "sysemu/runstate.h"
#include "sysemu/blockdev.h"
#include "sysemu/block-backend.h"
#include "sysemu/cpus.h"
#include "hw/core/cpu.h"
#include "sysemu/qtest.h"
#include "net/net.h"
#include "qemu/log.h"
#include "qemu/trace.h"
#include "hw/char/serial.h"
#include "hw/char/parallel.h"
#include "hw/nvram/fw_cfg.h"
#include "hw/firmware/smbios.h"

/*** state the rest of the emulator reads ***/

const char *qemu_name;
QemuUUID *qemu_uuid_ptr;
uint8_t qemu_uuid[16];
bool qemu_uuid_set;
int display_nographic;
const char *bios_name;
const char *vga_model;
const char *keyboard_layout;
bool enable_mlock;
bool enable_cpu_pm;
bool acpi_enabled = true;
bool hpet_enabled = true;
int rtc_td_hack;
int boot_menu;
int nb_option_roms;
int graphic_width = 1024;
int graphic_height = 768;
int graphic_depth = 32;
bool qemu_snapshot;
const char *qtest_chrdev;
const char *qtest_log;
static const char *mem_path;
static const char *pid_file;
static const char *log_file;
static const char *log_mask;
static bool daemonize;
static int daemon_pipe = -1;
static bool nographic;
static const char *display_type;
static bool has_defaults = true;
static bool default_serial = true;
static bool default_parallel = true;
static bool default_monitor = true;
/* QEMU's default NIC: -nic user with the board's model, unless told. */
static bool default_net = true;
/* A -serial/-parallel argument and where it was given, for errors. */
typedef struct CharArg {
    char *dev;
    Location loc;
} CharArg;
static GPtrArray *serial_args;
static GPtrArray *parallel_args;
static GPtrArray *object_args;
static GPtrArray *blockdev_args;
static GPtrArray *device_json_args;
static QDict *machine_opts_dict;
static bool smp_given;
static const char *cpu_option;
static const char *accel_from_machine;
static int mon_count;

/* The default QemuOptsLists this file defines (others are weak above). */

static QemuOptsList qemu_mem_opts = {
    .name = "memory",
    .implied_opt_name = "size",
    .head = QTAILQ_HEAD_INITIALIZER(qemu_mem_opts.head),
    .merge_lists = true,
    .desc = {
        { .name = "size", .type = QEMU_OPT_SIZE, },
        { .name = "slots", .type = QEMU_OPT_NUMBER, },
        { .name = "maxmem", .type = QEMU_OPT_SIZE, },
        { /* end of list */ }
    },
};

static QemuOptsList qemu_smp_opts = {
    .name = "smp-opts",
    .implied_opt_name = "cpus",
    .merge_lists = true,
    .head = QTAILQ_HEAD_INITIALIZER(qemu_smp_opts.head),
    .desc = {
        { .name = "cpus", .type = QEMU_OPT_NUMBER, },
        { .name = "sockets", .type = QEMU_OPT_NUMBER, },
        { .name = "dies", .type = QEMU_OPT_NUMBER, },
        { .name = "clusters", .type = QEMU_OPT_NUMBER, },
        { .name = "cores", .type = QEMU_OPT_NUMBER, },
        { .name = "threads", .type = QEMU_OPT_NUMBER, },
        { .name = "maxcpus", .type = QEMU_OPT_NUMBER, },
        { /* end of list */ }
    },
};

static QemuOptsList qemu_boot_opts = {
    .name = "boot-opts",
    .implied_opt_name = "order",
    .merge_lists = true,
    .head = QTAILQ_HEAD_INITIALIZER(qemu_boot_opts.head),
    .desc = {
        { .name = "order", .type = QEMU_OPT_STRING, },
        { .name = "once", .type = QEMU_OPT_STRING, },
        { .name = "menu", .type = QEMU_OPT_BOOL, },
        { .name = "splash", .type = QEMU_OPT_STRING, },
        { .name = "splash-time", .type = QEMU_OPT_NUMBER, },
        { .name = "reboot-timeout", .type = QEMU_OPT_NUMBER, },
        { .name = "strict", .type = QEMU_OPT_BOOL, },
        { /* end of list */ }
    },
};

static QemuOptsList qemu_name_opts = {
    .name = "name",
    .implied_opt_name = "guest",
    .merge_lists = true,
    .head = QTAILQ_HEAD_INITIALIZER(qemu_name_opts.head),
    .desc = {
        { .name = "guest", .type = QEMU_OPT_STRING, },
        { .name = "process", .type = QEMU_OPT_STRING, },
        { .name = "debug-threads", .type = QEMU_OPT_BOOL, },
        { /* end of list */ }
    },
};

static QemuOptsList qemu_msg_opts = {
    .name = "msg",
    .head = QTAILQ_HEAD_INITIALIZER(qemu_msg_opts.head),
    .desc = {
        { .name = "timestamp", .type = QEMU_OPT_BOOL, },
        { .name = "guest-name", .type = QEMU_OPT_BOOL, },
        { /* end of list */ }
    },
};

static QemuOptsList qemu_overcommit_opts = {
    .name = "overcommit",
    .head = QTAILQ_HEAD_INITIALIZER(qemu_overcommit_opts.head),
    .desc = {
        { .name = "mem-lock", .type = QEMU_OPT_BOOL, },
        { .name = "cpu-pm", .type = QEMU_OPT_BOOL, },
        { /* end of list */ }
    },
};

static QemuOptsList qemu_add_fd_opts = {
    .name = "add-fd",
    .head = QTAILQ_HEAD_INITIALIZER(qemu_add_fd_opts.head),
    .desc = {
        { .name = "fd", .type = QEMU_OPT_NUMBER, },
        { .name = "set", .type = QEMU_OPT_NUMBER, },
        { .name = "opaque", .type = QEMU_OPT_STRING, },
        { /* end of list */ }
    },
};

static QemuOptsList qemu_display_opts = {
    .name = "display",
    .implied_opt_name = "type",
    .merge_lists = true,
    .head = QTAILQ_HEAD_INITIALIZER(qemu_display_opts.head),
    .desc = { { /* accept any */ } },
};

static QemuOptsList qemu_sandbox_opts = {
    .name = "sandbox",
    .implied_opt_name = "enable",
    .head = QTAILQ_HEAD_INITIALIZER(qemu_sandbox_opts.head),
    .desc = {
        { .name = "enable", .type = QEMU_OPT_BOOL },
        { .name = "obsolete", .type = QEMU_OPT_STRING },
        { .name = "elevateprivileges", .type = QEMU_OPT_STRING },
        { .name = "spawn", .type = QEMU_OPT_STRING },
        { .name = "resourcecontrol", .type = QEMU_OPT_STRING },
        { /* end of list */ }
    },
};

/*
 * -audiodev: no sound devices are modelled, so only the "none" back end
 * exists; its options are checked by audiodev_check() (QEMU's Audiodev
 * is a QAPI union, not a flat option list).
 */
static QemuOptsList qemu_audiodev_opts = {
    .name = "audiodev",
    .implied_opt_name = "driver",
    .head = QTAILQ_HEAD_INITIALIZER(qemu_audiodev_opts.head),
    .desc = { { /* checked by audiodev_check() */ } },
};

/* Groups whose owners did not register them with opts_init. */
static void add_opts_once(QemuOptsList *list)
{
    if (!qemu_find_opts_err(list->name, NULL)) {
        qemu_add_opts(list);
    }
}

static void register_option_groups(void)
{
    static QemuOptsList *const lists[] = {
        &qemu_drive_opts, &qemu_chardev_opts, &qemu_device_opts,
        &qemu_netdev_opts, &qemu_nic_opts, &qemu_net_opts, &qemu_rtc_opts,
        &qemu_global_opts, &qemu_mon_opts, &qemu_trace_opts,
        &qemu_accel_opts, &qemu_sandbox_opts, &qemu_fw_cfg_opts,
        &qemu_smbios_opts, &qemu_audiodev_opts, &qemu_mem_opts,
        &qemu_smp_opts, &qemu_boot_opts, &qemu_name_opts, &qemu_msg_opts,
        &qemu_overcommit_opts, &qemu_add_fd_opts, &qemu_display_opts,
    };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(lists); i++) {
        add_opts_once(lists[i]);
    }
}

/*** the option table ***/

#define HAS_ARG 0x0001

enum {
    QEMU_OPTION_h, QEMU_OPTION_version, QEMU_OPTION_M, QEMU_OPTION_accel,
    QEMU_OPTION_enable_kvm, QEMU_OPTION_cpu, QEMU_OPTION_smp, QEMU_OPTION_m,
    QEMU_OPTION_kernel, QEMU_OPTION_initrd, QEMU_OPTION_append,
    QEMU_OPTION_dtb, QEMU_OPTION_bios, QEMU_OPTION_L, QEMU_OPTION_drive,
    QEMU_OPTION_hda, QEMU_OPTION_hdb, QEMU_OPTION_hdc, QEMU_OPTION_hdd,
    QEMU_OPTION_cdrom, QEMU_OPTION_fda, QEMU_OPTION_fdb,
    QEMU_OPTION_blockdev, QEMU_OPTION_device, QEMU_OPTION_global,
    QEMU_OPTION_chardev, QEMU_OPTION_serial, QEMU_OPTION_parallel,
    QEMU_OPTION_monitor, QEMU_OPTION_qmp, QEMU_OPTION_qmp_pretty,
    QEMU_OPTION_mon, QEMU_OPTION_nographic, QEMU_OPTION_display,
    QEMU_OPTION_vga, QEMU_OPTION_nodefaults, QEMU_OPTION_nodefconfig,
    QEMU_OPTION_nouserconfig, QEMU_OPTION_S, QEMU_OPTION_no_reboot,
    QEMU_OPTION_no_shutdown, QEMU_OPTION_name, QEMU_OPTION_uuid,
    QEMU_OPTION_smbios, QEMU_OPTION_fwcfg, QEMU_OPTION_object,
    QEMU_OPTION_netdev, QEMU_OPTION_nic, QEMU_OPTION_net, QEMU_OPTION_rtc,
    QEMU_OPTION_boot, QEMU_OPTION_daemonize, QEMU_OPTION_pidfile,
    QEMU_OPTION_sandbox, QEMU_OPTION_msg, QEMU_OPTION_overcommit,
    QEMU_OPTION_audiodev, QEMU_OPTION_add_fd, QEMU_OPTION_qtest,
    QEMU_OPTION_qtest_log, QEMU_OPTION_D, QEMU_OPTION_d, QEMU_OPTION_trace,
    QEMU_OPTION_no_acpi, QEMU_OPTION_no_hpet, QEMU_OPTION_snapshot,
    QEMU_OPTION_debugcon, QEMU_OPTION_usb, QEMU_OPTION_usbdevice,
    QEMU_OPTION_k, QEMU_OPTION_mem_path, QEMU_OPTION_mem_prealloc,
    QEMU_OPTION_machine, QEMU_OPTION_no_user_config, QEMU_OPTION_readconfig,
    QEMU_OPTION_writeconfig, QEMU_OPTION_preconfig, QEMU_OPTION_icount,
    QEMU_OPTION_watchdog_action, QEMU_OPTION_action, QEMU_OPTION_incoming,
    QEMU_OPTION_only_migratable, QEMU_OPTION_g, QEMU_OPTION_full_screen,
    QEMU_OPTION_vnc, QEMU_OPTION_spice, QEMU_OPTION_numa, QEMU_OPTION_iscsi,
    QEMU_OPTION_option_rom, QEMU_OPTION_runas, QEMU_OPTION_chroot,
    QEMU_OPTION_enable_sync_profile, QEMU_OPTION_semihosting,
    QEMU_OPTION_seed, QEMU_OPTION_gdb, QEMU_OPTION_s, QEMU_OPTION_pflash,
    QEMU_OPTION_mtdblock, QEMU_OPTION_sd, QEMU_OPTION_virtfs,
    QEMU_OPTION_tpmdev, QEMU_OPTION_loadvm, QEMU_OPTION_echr,
};

typedef struct QEMUOption {
    const char *name;
    int flags;
    int index;
    const char *arg;    /* shown in -h */
    const char *help;   /* NULL: not listed in -h */
} QEMUOption;

static const QEMUOption qemu_options[] = {
    { "h", 0, QEMU_OPTION_h, NULL, "print this help and exit" },
    { "help", 0, QEMU_OPTION_h, NULL, NULL },
    { "version", 0, QEMU_OPTION_version, NULL,
      "print the version and exit" },
    { "machine", HAS_ARG, QEMU_OPTION_machine, "[type=]name[,prop=value...]",
      "choose the board ('-machine help' lists them)" },
    { "M", HAS_ARG, QEMU_OPTION_M, "name", "same as -machine type=name" },
    { "accel", HAS_ARG, QEMU_OPTION_accel, "name[,prop=value...]",
      "choose the accelerator ('-accel help' lists them)" },
    { "enable-kvm", 0, QEMU_OPTION_enable_kvm, NULL, "same as -accel kvm" },
    { "cpu", HAS_ARG, QEMU_OPTION_cpu, "model[,feature...]",
      "CPU model ('-cpu help' lists them)" },
    { "smp", HAS_ARG, QEMU_OPTION_smp,
      "[cpus=]n[,maxcpus=m][,sockets=s][,dies=d][,cores=c][,threads=t]",
      "number and topology of virtual CPUs" },
    { "m", HAS_ARG, QEMU_OPTION_m, "[size=]n[,slots=n,maxmem=size]",
      "guest RAM (plain numbers are MiB)" },
    { "mem-path", HAS_ARG, QEMU_OPTION_mem_path, "path",
      "back guest RAM with a file in path" },
    { "mem-prealloc", 0, QEMU_OPTION_mem_prealloc, NULL,
      "touch guest RAM up front" },
    { "kernel", HAS_ARG, QEMU_OPTION_kernel, "file",
      "boot this Linux kernel (or multiboot image) directly" },
    { "initrd", HAS_ARG, QEMU_OPTION_initrd, "file",
      "initial ramdisk for -kernel" },
    { "append", HAS_ARG, QEMU_OPTION_append, "cmdline",
      "kernel command line for -kernel" },
    { "dtb", HAS_ARG, QEMU_OPTION_dtb, "file", "device tree blob" },
    { "bios", HAS_ARG, QEMU_OPTION_bios, "file", "firmware image" },
    { "L", HAS_ARG, QEMU_OPTION_L, "path",
      "add a directory searched for firmware and option ROMs" },
    { "option-rom", HAS_ARG, QEMU_OPTION_option_rom, "file",
      "load an option ROM" },
    { "drive", HAS_ARG, QEMU_OPTION_drive, "[file=f][,if=type][,opt=v...]",
      "add a drive (legacy syntax)" },
    { "hda", HAS_ARG, QEMU_OPTION_hda, "file", "IDE hard disk 0 image" },
    { "hdb", HAS_ARG, QEMU_OPTION_hdb, "file", "IDE hard disk 1 image" },
    { "hdc", HAS_ARG, QEMU_OPTION_hdc, "file", "IDE hard disk 2 image" },
    { "hdd", HAS_ARG, QEMU_OPTION_hdd, "file", "IDE hard disk 3 image" },
    { "cdrom", HAS_ARG, QEMU_OPTION_cdrom, "file", "IDE CD-ROM image" },
    { "fda", HAS_ARG, QEMU_OPTION_fda, "file", "floppy disk 0 image" },
    { "fdb", HAS_ARG, QEMU_OPTION_fdb, "file", "floppy disk 1 image" },
    { "pflash", HAS_ARG, QEMU_OPTION_pflash, "file", "parallel flash image" },
    { "mtdblock", HAS_ARG, QEMU_OPTION_mtdblock, "file", NULL },
    { "sd", HAS_ARG, QEMU_OPTION_sd, "file", NULL },
    { "snapshot", 0, QEMU_OPTION_snapshot, NULL,
      "write to temporary files instead of disk images" },
    { "blockdev", HAS_ARG, QEMU_OPTION_blockdev, "driver=d,node-name=n,...",
      "add a block node (key=value or JSON)" },
    { "device", HAS_ARG, QEMU_OPTION_device, "driver[,prop=value...]",
      "add a device (key=value or JSON; '-device help' lists them)" },
    { "global", HAS_ARG, QEMU_OPTION_global, "driver.prop=value",
      "default value of a device property" },
    { "chardev", HAS_ARG, QEMU_OPTION_chardev, "backend,id=id[,opt=v...]",
      "add a character device back end" },
    { "serial", HAS_ARG, QEMU_OPTION_serial, "dev",
      "connect the next serial port to a character device" },
    { "parallel", HAS_ARG, QEMU_OPTION_parallel, "dev",
      "connect the next parallel port to a character device" },
    { "debugcon", HAS_ARG, QEMU_OPTION_debugcon, "dev",
      "connect the debug console (port 0xe9) to a character device" },
    { "monitor", HAS_ARG, QEMU_OPTION_monitor, "dev",
      "human monitor on a character device" },
    { "qmp", HAS_ARG, QEMU_OPTION_qmp, "dev", "QMP monitor on a character device" },
    { "qmp-pretty", HAS_ARG, QEMU_OPTION_qmp_pretty, "dev",
      "QMP monitor with indented JSON" },
    { "mon", HAS_ARG, QEMU_OPTION_mon, "chardev=id[,mode=readline|control]",
      "monitor on an existing chardev" },
    { "echr", HAS_ARG, QEMU_OPTION_echr, "chr", NULL },
    { "nographic", 0, QEMU_OPTION_nographic, NULL,
      "no display; serial and monitor multiplexed on stdio" },
    { "display", HAS_ARG, QEMU_OPTION_display, "type[,opt=v...]",
      "display back end (none, ...)" },
    { "vga", HAS_ARG, QEMU_OPTION_vga, "type", "video card model" },
    { "g", HAS_ARG, QEMU_OPTION_g, "WxH[xD]", NULL },
    { "full-screen", 0, QEMU_OPTION_full_screen, NULL, NULL },
    { "vnc", HAS_ARG, QEMU_OPTION_vnc, "display", NULL },
    { "spice", HAS_ARG, QEMU_OPTION_spice, "opts", NULL },
    { "k", HAS_ARG, QEMU_OPTION_k, "language", "keyboard layout" },
    { "audiodev", HAS_ARG, QEMU_OPTION_audiodev, "driver,id=id[,...]",
      "audio back end" },
    { "usb", 0, QEMU_OPTION_usb, NULL, "enable the board's USB controller" },
    { "usbdevice", HAS_ARG, QEMU_OPTION_usbdevice, "name", NULL },
    { "nodefaults", 0, QEMU_OPTION_nodefaults, NULL,
      "create no default devices" },
    { "nodefconfig", 0, QEMU_OPTION_nodefconfig, NULL, NULL },
    { "no-user-config", 0, QEMU_OPTION_no_user_config, NULL,
      "read no configuration files" },
    { "readconfig", HAS_ARG, QEMU_OPTION_readconfig, "file", NULL },
    { "writeconfig", HAS_ARG, QEMU_OPTION_writeconfig, "file", NULL },
    { "S", 0, QEMU_OPTION_S, NULL, "do not start the CPUs at start-up" },
    { "preconfig", 0, QEMU_OPTION_preconfig, NULL, NULL },
    { "no-reboot", 0, QEMU_OPTION_no_reboot, NULL,
      "exit instead of rebooting" },
    { "no-shutdown", 0, QEMU_OPTION_no_shutdown, NULL,
      "stop instead of exiting when the guest powers off" },
    { "action", HAS_ARG, QEMU_OPTION_action, "event=action", NULL },
    { "watchdog-action", HAS_ARG, QEMU_OPTION_watchdog_action, "action", NULL },
    { "name", HAS_ARG, QEMU_OPTION_name, "[guest=]name[,debug-threads=on]",
      "guest name (window titles, messages)" },
    { "uuid", HAS_ARG, QEMU_OPTION_uuid, "uuid", "system UUID" },
    { "smbios", HAS_ARG, QEMU_OPTION_smbios, "type=n[,field=v...]",
      "SMBIOS table entries" },
    { "fw_cfg", HAS_ARG, QEMU_OPTION_fwcfg, "name=n,file=f|string=s",
      "add a fw_cfg item" },
    { "object", HAS_ARG, QEMU_OPTION_object, "type,id=id[,prop=v...]",
      "create a user object (memory backends, secrets ...)" },
    { "netdev", HAS_ARG, QEMU_OPTION_netdev, "type,id=id[,...]",
      "add a network back end" },
    { "nic", HAS_ARG, QEMU_OPTION_nic, "type[,model=m,...]",
      "add a back end and a NIC for it" },
    { "net", HAS_ARG, QEMU_OPTION_net, "nic|user|...", "legacy network option" },
    { "rtc", HAS_ARG, QEMU_OPTION_rtc, "base=utc|localtime|date[,clock=c]",
      "RTC settings" },
    { "boot", HAS_ARG, QEMU_OPTION_boot, "[order=drives][,menu=on|off...]",
      "boot order" },
    { "numa", HAS_ARG, QEMU_OPTION_numa, "node,...", NULL },
    { "daemonize", 0, QEMU_OPTION_daemonize, NULL,
      "detach from the terminal once started" },
    { "pidfile", HAS_ARG, QEMU_OPTION_pidfile, "file",
      "write (and lock) the process id in file" },
    { "runas", HAS_ARG, QEMU_OPTION_runas, "user", NULL },
    { "chroot", HAS_ARG, QEMU_OPTION_chroot, "dir", NULL },
    { "sandbox", HAS_ARG, QEMU_OPTION_sandbox, "on|off[,...]",
      "seccomp filtering" },
    { "msg", HAS_ARG, QEMU_OPTION_msg, "timestamp=on|off[,guest-name=on|off]",
      "format of error messages" },
    { "overcommit", HAS_ARG, QEMU_OPTION_overcommit,
      "mem-lock=on|off,cpu-pm=on|off", "host resource hints" },
    { "add-fd", HAS_ARG, QEMU_OPTION_add_fd, "fd=n,set=n[,opaque=s]",
      "pass a file descriptor to a fd set" },
    { "incoming", HAS_ARG, QEMU_OPTION_incoming, "uri", NULL },
    { "only-migratable", 0, QEMU_OPTION_only_migratable, NULL, NULL },
    { "loadvm", HAS_ARG, QEMU_OPTION_loadvm, "tag", NULL },
    { "qtest", HAS_ARG, QEMU_OPTION_qtest, "dev", NULL },
    { "qtest-log", HAS_ARG, QEMU_OPTION_qtest_log, "file", NULL },
    { "D", HAS_ARG, QEMU_OPTION_D, "file", "log file for -d" },
    { "d", HAS_ARG, QEMU_OPTION_d, "item[,...]", "enable logging of items" },
    { "trace", HAS_ARG, QEMU_OPTION_trace, "[enable=]pattern[,file=f]",
      "enable trace events" },
    { "icount", HAS_ARG, QEMU_OPTION_icount, "opts", NULL },
    { "no-acpi", 0, QEMU_OPTION_no_acpi, NULL, "disable ACPI tables" },
    { "no-hpet", 0, QEMU_OPTION_no_hpet, NULL, "disable the HPET" },
    { "gdb", HAS_ARG, QEMU_OPTION_gdb, "dev", NULL },
    { "s", 0, QEMU_OPTION_s, NULL, NULL },
    { "iscsi", HAS_ARG, QEMU_OPTION_iscsi, "opts", NULL },
    { "virtfs", HAS_ARG, QEMU_OPTION_virtfs, "opts", NULL },
    { "tpmdev", HAS_ARG, QEMU_OPTION_tpmdev, "opts", NULL },
    { "semihosting", 0, QEMU_OPTION_semihosting, NULL, NULL },
    { "seed", HAS_ARG, QEMU_OPTION_seed, "n", NULL },
    { "enable-sync-profile", 0, QEMU_OPTION_enable_sync_profile, NULL, NULL },
    { NULL },
};

static void version(void)
{
    printf("QEMU emulator version " QEMU_VERSION " (" QEMU_PKGVERSION ")\n"
           "Copyright (c) the kvmemu authors; "
           "command-line compatible with QEMU\n");
}

static void help(int exitcode)
{
    const QEMUOption *o;

    version();
    printf("usage: %s [options] [disk_image]\n\n"
           "'disk_image' is a raw hard disk image for IDE hard disk 0\n\n"
           "Options (each also accepted with two dashes):\n",
           "qemu-system-x86_64");
    for (o = qemu_options; o->name; o++) {
        char *lhs;

        if (!o->help) {
            continue;
        }
        lhs = g_strdup_printf("-%s%s%s", o->name, o->arg ? " " : "",
                              o->arg ? o->arg : "");
        if (strlen(lhs) > 30) {
            printf("%s\n%-32s%s\n", lhs, "", o->help);
        } else {
            printf("%-32s%s\n", lhs, o->help);
        }
        g_free(lhs);
    }
    printf("\nDuring emulation, with -nographic, Ctrl-a h shows the "
           "console escape keys.\n");
    exit(exitcode);
}

/* argv[*poptind] is an option: return it and its argument, or exit. */
static const QEMUOption *lookup_opt(int argc, char **argv,
                                    const char **poptarg, int *poptind)
{
    const QEMUOption *popt;
    int optind = *poptind;
    char *r = argv[optind];
    const char *optarg;

    loc_set_cmdline(argv, optind, 1);
    optind++;
    /* Treat --foo the same as -foo.  */
    if (r[1] == '-') {
        r++;
    }
    for (popt = qemu_options; popt->name; popt++) {
        if (!strcmp(popt->name, r + 1)) {
            break;
        }
    }
    if (!popt->name) {
        error_report("invalid option");
        exit(1);
    }
    if (popt->flags & HAS_ARG) {
        if (optind >= argc) {
            error_report("requires an argument");
            exit(1);
        }
        optarg = argv[optind++];
        loc_set_cmdline(argv, optind - 2, 2);
    } else {
        optarg = NULL;
    }
    *poptarg = optarg;
    *poptind = optind;
    return popt;
}

/*** machine selection ***/

static gint machine_class_cmp(gconstpointer a, gconstpointer b)
{
    const MachineClass *mc1 = a, *mc2 = b;
    int res;

    if (mc1->family == NULL) {
        if (mc2->family == NULL) {
            /* Compare standalone machine types against each other; they
             * sort in increasing order. */
            return strcmp(object_class_get_name(OBJECT_CLASS(mc1)),
                          object_class_get_name(OBJECT_CLASS(mc2)));
        }
        /* Standalone machine types sort after families. */
        return 1;
    }
    if (mc2->family == NULL) {
        return -1;
    }
    res = strcmp(mc1->family, mc2->family);
    if (res != 0) {
        return res;
    }
    /* Within a family, newest first. */
    return -strcmp(object_class_get_name(OBJECT_CLASS(mc1)),
                   object_class_get_name(OBJECT_CLASS(mc2)));
}

static void machine_help(void)
{
    GSList *machines, *el;

    machines = object_class_get_list(TYPE_MACHINE, false);
    machines = g_slist_sort(machines, machine_class_cmp);
    printf("Supported machines are:\n");
    for (el = machines; el; el = el->next) {
        MachineClass *mc = el->data;

        if (mc->alias) {
            printf("%-20s %s (alias of %s)\n", mc->alias, mc->desc, mc->name);
        }
        printf("%-20s %s%s%s\n", mc->name, mc->desc,
               mc->is_default ? " (default)" : "",
               mc->deprecation_reason ? " (deprecated)" : "");
    }
    g_slist_free(machines);
}

static MachineClass *select_machine(QDict *qdict, Error **errp)
{
    const char *type = qdict_get_try_str(qdict, "type");
    GSList *machines = object_class_get_list(TYPE_MACHINE, false);
    MachineClass *mc = NULL;

    if (type) {
        mc = find_machine(type, machines);
        if (!mc) {
            error_setg(errp, "unsupported machine type");
            error_append_hint(errp, "Use -machine help to list supported "
                              "machines\n");
        }
        qdict_del(qdict, "type");
    } else {
        mc = find_default_machine(machines);
        if (!mc) {
            error_setg(errp, "No machine specified, and there is no default");
            error_append_hint(errp, "Use -machine help to list supported "
                              "machines\n");
        }
    }
    g_slist_free(machines);
    return mc;
}

static void machine_parse_opt(const char *optarg, const char *implied)
{
    bool help_req = false;
    Error *err = NULL;

    if (!machine_opts_dict) {
        machine_opts_dict = qdict_new();
    }
    keyval_parse_into(machine_opts_dict, optarg, implied, &help_req, &err);
    if (err) {
        error_report_err(err);
        exit(1);
    }
    if (help_req || !g_strcmp0(qdict_get_try_str(machine_opts_dict, "type"),
                               "help") ||
        !g_strcmp0(qdict_get_try_str(machine_opts_dict, "type"), "?")) {
        machine_help();
        exit(0);
    }
}

/* -machine keys that are not machine properties. */
static void machine_take_legacy_keys(QDict *qdict)
{
    const char *accel = qdict_get_try_str(qdict, "accel");

    if (accel) {
        accel_from_machine = g_strdup(accel);
        qdict_del(qdict, "accel");
    }
}

static void machine_apply_props(MachineState *ms, QDict *qdict)
{
    const QDictEntry *e;
    Error *err = NULL;
    Visitor *v = qobject_input_visitor_new_keyval(QOBJECT(qdict));

    loc_set_none();
    if (!visit_start_struct(v, NULL, NULL, 0, &err)) {
        goto out;
    }
    for (e = qdict_first(qdict); e; e = qdict_next(qdict, e)) {
        if (!object_property_find(OBJECT(ms), e->key)) {
            error_setg(&err, "Property '%s.%s' not found",
                       object_get_typename(OBJECT(ms)), e->key);
            break;
        }
        if (!object_property_set(OBJECT(ms), e->key, v, &err)) {
            break;
        }
    }
    visit_end_struct(v, NULL);
out:
    visit_free(v);
    if (err) {
        error_report_err(err);
        exit(1);
    }
}

/*** -m and -smp ***/

static void parse_memory_options(MachineState *ms)
{
    MachineClass *mc = MACHINE_GET_CLASS(ms);
    QemuOpts *opts = qemu_find_opts_singleton("memory");
    uint64_t sz = mc->default_ram_size;
    const char *mem_str = qemu_opt_get(opts, "size");

    loc_set_none();
    if (mem_str) {
        if (!*mem_str) {
            error_report("missing 'size' option value");
            exit(1);
        }
        sz = qemu_opt_get_size(opts, "size", sz);
        /* A plain number means MiB. */
        if (g_ascii_isdigit(mem_str[strlen(mem_str) - 1])) {
            uint64_t overflow_check = sz;

            sz *= MiB;
            if (sz / MiB != overflow_check) {
                error_report("Parameter 'memory.size' expects size");
                exit(1);
            }
        }
    }
    /* "-m 0" means the default, as it always has */
    if (sz == 0) {
        sz = mc->default_ram_size;
    }
    sz = QEMU_ALIGN_UP(sz, 8192);
    if (mc->fixup_ram_size) {
        sz = mc->fixup_ram_size(sz);
    }
    ms->ram_size = sz;
    ms->maxram_size = sz;

    if (qemu_opt_get(opts, "maxmem")) {
        uint64_t maxmem = qemu_opt_get_size(opts, "maxmem", 0);
        uint64_t slots = qemu_opt_get_number(opts, "slots", 0);

        if (maxmem < ms->ram_size) {
            error_report("invalid value of maxmem: "
                         "maximum memory size (0x%" PRIx64 ") must be at "
                         "least the initial memory size (0x%" PRIx64 ")",
                         maxmem, (uint64_t)ms->ram_size);
            exit(1);
        } else if (slots && maxmem == ms->ram_size) {
            error_report("invalid value of maxmem: "
                         "memory slots were specified but maximum memory "
                         "size (0x%" PRIx64 ") is equal to the initial "
                         "memory size (0x%" PRIx64 ")",
                         maxmem, (uint64_t)ms->ram_size);
            exit(1);
        }
        ms->maxram_size = maxmem;
        ms->ram_slots = slots;
    } else if (qemu_opt_get(opts, "slots")) {
        error_report("slots specified but no max-size");
        exit(1);
    }
}

static void parse_smp_options(MachineState *ms)
{
    QemuOpts *opts = qemu_opts_find(qemu_find_opts("smp-opts"), NULL);
    SMPConfiguration config = { 0 };

    loc_set_none();
    if (!opts) {
        return;
    }
#define SMP_FIELD(f, key)                                       \
    if (qemu_opt_get(opts, key)) {                              \
        config.has_##f = true;                                  \
        config.f = qemu_opt_get_number(opts, key, 0);           \
    }
    SMP_FIELD(cpus, "cpus");
    SMP_FIELD(sockets, "sockets");
    SMP_FIELD(dies, "dies");
    SMP_FIELD(clusters, "clusters");
    SMP_FIELD(cores, "cores");
    SMP_FIELD(threads, "threads");
    SMP_FIELD(maxcpus, "maxcpus");
#undef SMP_FIELD
    machine_parse_smp_config(ms, &config, &error_fatal);
}

static void parse_boot_options(MachineState *ms)
{
    MachineClass *mc = MACHINE_GET_CLASS(ms);
    QemuOpts *opts = qemu_opts_find(qemu_find_opts("boot-opts"), NULL);
    BootConfiguration *b = &ms->boot_config;

    b->has_order = true;
    b->order = g_strdup(mc->default_boot_order ? mc->default_boot_order
                                               : "cad");
    if (!opts) {
        return;
    }
    if (qemu_opt_get(opts, "order")) {
        g_free(b->order);
        b->order = g_strdup(qemu_opt_get(opts, "order"));
    }
    if (qemu_opt_get(opts, "once")) {
        b->has_once = true;
        b->once = g_strdup(qemu_opt_get(opts, "once"));
    }
    if (qemu_opt_get(opts, "menu")) {
        b->has_menu = true;
        b->menu = qemu_opt_get_bool(opts, "menu", false);
        boot_menu = b->menu;
    }
    if (qemu_opt_get(opts, "splash")) {
        b->has_splash = true;
        b->splash = g_strdup(qemu_opt_get(opts, "splash"));
    }
    if (qemu_opt_get(opts, "splash-time")) {
        b->has_splash_time = true;
        b->splash_time = qemu_opt_get_number(opts, "splash-time", 0);
    }
    if (qemu_opt_get(opts, "reboot-timeout")) {
        b->has_reboot_timeout = true;
        b->reboot_timeout = qemu_opt_get_number(opts, "reboot-timeout", 0);
    }
    if (qemu_opt_get(opts, "strict")) {
        b->has_strict = true;
        b->strict = qemu_opt_get_bool(opts, "strict", false);
        boot_strict = b->strict;
    }
    validate_bootdevices(b->order, &error_fatal);
    if (b->has_once) {
        validate_bootdevices(b->once, &error_fatal);
    }
}

/* Main RAM as a backend object the board finds in machine->ram. */
static void create_default_memdev(MachineState *ms)
{
    MachineClass *mc = MACHINE_GET_CLASS(ms);
    Object *obj;

    if (ms->ram_memdev_id || !mc->default_ram_id || !ms->ram_size) {
        return;
    }
    if (object_class_by_name("memory-backend-ram")) {
        obj = object_new(mem_path ? "memory-backend-file" : "memory-backend-ram");
        if (mem_path) {
            object_property_set_str(obj, "mem-path", mem_path, &error_fatal);
        }
        object_property_set_uint(obj, "size", ms->ram_size, &error_fatal);
        user_creatable_complete(USER_CREATABLE(obj), &error_fatal);
        object_property_add_child(object_get_objects_root(),
                                  mc->default_ram_id, obj);
        object_unref(obj);
        object_property_set_str(OBJECT(ms), "memory-backend",
                                mc->default_ram_id, &error_fatal);
    }
}

/*** back ends and devices ***/

static int chardev_init_func(void *opaque, QemuOpts *opts, Error **errp)
{
    Error *local_err = NULL;

    if (!qemu_chr_new_from_opts(opts, NULL, &local_err)) {
        if (local_err) {
            error_propagate(errp, local_err);
            return -1;
        }
        exit(0);    /* -chardev help */
    }
    return 0;
}

static int drive_init_func(void *opaque, QemuOpts *opts, Error **errp)
{
    BlockInterfaceType *block_default_type = opaque;

    return drive_new(opts, *block_default_type, errp) == NULL;
}

static int device_help_func(void *opaque, QemuOpts *opts, Error **errp)
{
    return qdev_device_help(opts);
}

static int device_init_func(void *opaque, QemuOpts *opts, Error **errp)
{
    DeviceState *dev;

    dev = qdev_device_add(opts, errp);
    if (!dev) {
        return -1;
    }
    object_unref(OBJECT(dev));
    return 0;
}

static int mon_init_func(void *opaque, QemuOpts *opts, Error **errp)
{
    return monitor_init_opts(opts, errp);
}

/* -monitor dev / -qmp dev: a chardev plus a "mon" entry using it. */
static void monitor_parse(const char *optarg, const char *mode, bool pretty)
{
    static int monitor_device_index;
    QemuOpts *opts;
    const char *p;
    char label[32];

    if (g_str_has_prefix(optarg, "chardev:")) {
        p = optarg + strlen("chardev:");
        snprintf(label, sizeof(label), "%s", p);
    } else {
        if (monitor_device_index) {
            snprintf(label, sizeof(label), "monitor%d", monitor_device_index);
        } else {
            snprintf(label, sizeof(label), "compat_monitor0");
        }
        opts = qemu_chr_parse_compat(label, optarg, true);
        if (!opts) {
            error_report("parse error: %s", optarg);
            exit(1);
        }
    }
    opts = qemu_opts_create(qemu_find_opts("mon"), label, 1, &error_fatal);
    qemu_opt_set(opts, "mode", mode, &error_abort);
    qemu_opt_set(opts, "chardev", label, &error_abort);
    if (!strcmp(mode, "control")) {
        qemu_opt_set_bool(opts, "pretty", pretty, &error_abort);
    }
    monitor_device_index++;
    mon_count++;
}

/* The keys QEMU's Audiodev accepts for the "none" driver. */
static bool audiodev_key_valid(const char *key)
{
    static const char *const per_dir[] = {
        "mixing-engine", "fixed-settings", "frequency", "channels",
        "voices", "format", "buffer-length",
    };
    const char *sub;
    size_t i;

    if (!strcmp(key, "id") || !strcmp(key, "driver") ||
        !strcmp(key, "timer-period")) {
        return true;
    }
    if (g_str_has_prefix(key, "in.")) {
        sub = key + 3;
    } else if (g_str_has_prefix(key, "out.")) {
        sub = key + 4;
    } else {
        return false;
    }
    for (i = 0; i < ARRAY_SIZE(per_dir); i++) {
        if (!strcmp(sub, per_dir[i])) {
            return true;
        }
    }
    return false;
}

static bool audiodev_check(QDict *dict, Error **errp)
{
    const char *driver = qdict_get_try_str(dict, "driver");
    const QDictEntry *e;

    if (!driver) {
        error_setg(errp, "Parameter 'driver' is missing");
        return false;
    }
    if (strcmp(driver, "none")) {
        error_setg(errp, "Parameter 'driver' does not accept value '%s'",
                   driver);
        return false;
    }
    if (!qdict_haskey(dict, "id")) {
        error_setg(errp, "Parameter 'id' is missing");
        return false;
    }
    for (e = qdict_first(dict); e; e = qdict_next(dict, e)) {
        if (!audiodev_key_valid(qdict_entry_key(e))) {
            error_setg(errp, "Parameter '%s' is unexpected",
                       qdict_entry_key(e));
            return false;
        }
    }
    return true;
}

/* -audiodev in key=value or JSON (libvirt) form. */
static void audiodev_parse(const char *optarg)
{
    Error *err = NULL;
    QDict *dict;

    if (optarg[0] == '{') {
        QObject *obj = qobject_from_json(optarg, &err);

        dict = qobject_to(QDict, obj);
        if (!dict) {
            qobject_unref(obj);
            if (!err) {
                error_setg(&err, "-audiodev JSON must be an object");
            }
        }
    } else {
        dict = keyval_parse(optarg, "driver", NULL, &err);
    }
    /* Nested "in": {...} becomes "in.voices" as in the key=value form. */
    if (dict) {
        qdict_flatten(dict);
    }
    if (dict && audiodev_check(dict, &err)) {
        qemu_opts_from_qdict(qemu_find_opts("audiodev"), dict, &err);
    }
    qobject_unref(dict);
    if (err) {
        error_report_err(err);
        exit(1);
    }
}

typedef struct JsonDevice {
    QDict *opts;
    Location loc;
} JsonDevice;

static void add_device_json(const char *optarg)
{
    Error *err = NULL;
    QObject *obj = qobject_from_json(optarg, &err);

    if (!obj || qobject_type(obj) != QTYPE_QDICT) {
        if (!err) {
            error_setg(&err, "-device JSON must be an object");
        }
        error_report_err(err);
        exit(1);
    }
    if (!qdict_get_try_str(qobject_to(QDict, obj), "driver")) {
        error_report("Parameter 'driver' is missing");
        exit(1);
    }
    /* Keep where it came from so errors name the option. */
    {
        JsonDevice *jd = g_new0(JsonDevice, 1);

        jd->opts = qobject_to(QDict, obj);
        loc_save(&jd->loc);
        g_ptr_array_add(device_json_args, jd);
    }
}

static void create_json_devices(void)
{
    guint i;

    for (i = 0; i < device_json_args->len; i++) {
        JsonDevice *jd = g_ptr_array_index(device_json_args, i);
        DeviceState *dev;

        loc_push_restore(&jd->loc);
        dev = qdev_device_add_from_qdict(jd->opts, true, &error_fatal);
        loc_pop(&jd->loc);
        object_unref(OBJECT(dev));
    }
}

static void create_blockdevs(void)
{
    guint i;

    for (i = 0; i < blockdev_args->len; i++) {
        const char *str = g_ptr_array_index(blockdev_args, i);
        Error *err = NULL;
        QDict *d;

        if (str[0] == '{') {
            QObject *o = qobject_from_json(str, &err);

            d = o ? qobject_to(QDict, o) : NULL;
            if (o && !d) {
                error_setg(&err, "-blockdev JSON must be an object");
                qobject_unref(o);
            }
        } else {
            d = keyval_parse(str, "driver", NULL, &err);
        }
        if (d) {
            blockdev_cmdline_add(d, &err);
        }
        qobject_unref(d);
        if (err) {
            error_report_err(err);
            exit(1);
        }
    }
}

static void char_arg_add(GPtrArray *args, const char *dev)
{
    CharArg *arg = g_new0(CharArg, 1);

    arg->dev = g_strdup(dev);
    loc_save(&arg->loc);
    g_ptr_array_add(args, arg);
}

static void create_serial_devices(void)
{
    guint i;

    for (i = 0; i < serial_args->len; i++) {
        CharArg *arg = g_ptr_array_index(serial_args, i);

        loc_push_restore(&arg->loc);
        if (!serial_hds_add(arg->dev) && strcmp(arg->dev, "none")) {
            exit(1);
        }
        loc_pop(&arg->loc);
    }
    for (i = 0; i < parallel_args->len; i++) {
        CharArg *arg = g_ptr_array_index(parallel_args, i);

        loc_push_restore(&arg->loc);
        if (!parallel_hds_add(arg->dev)) {
            exit(1);
        }
        loc_pop(&arg->loc);
    }
}

static void create_default_devices(MachineClass *mc)
{
    if (mc->no_serial) {
        default_serial = false;
    }
    if (mc->no_parallel) {
        default_parallel = false;
    }
    if (!has_defaults) {
        return;
    }
    if (nographic) {
        if (default_serial && default_monitor) {
            char_arg_add(serial_args, "mon:stdio");
        } else {
            if (default_serial) {
                char_arg_add(serial_args, "stdio");
            }
            if (default_monitor) {
                monitor_parse("stdio", "readline", false);
            }
        }
        if (default_parallel) {
            char_arg_add(parallel_args, "null");
        }
    } else {
        /* No graphical console: the defaults go nowhere. */
        if (default_serial) {
            char_arg_add(serial_args, "null");
        }
        if (default_parallel) {
            char_arg_add(parallel_args, "null");
        }
    }
}


/*** -sandbox: seccomp filter (QEMU's deny lists; everything else allowed) ***/

#ifdef CONFIG_SECCOMP
#include <seccomp.h>

enum {
    SANDBOX_OBSOLETE = 1,
    SANDBOX_PRIVILEGED = 2,
    SANDBOX_SPAWN = 4,
    SANDBOX_RESOURCECTL = 8,
};

typedef struct SandboxRule {
    const char *name;
    int set;
} SandboxRule;

static const SandboxRule sandbox_rules[] = {
    /* obsolete: always denied when the sandbox is on */
    { "readdir", SANDBOX_OBSOLETE }, { "_sysctl", SANDBOX_OBSOLETE },
    { "bdflush", SANDBOX_OBSOLETE }, { "create_module", SANDBOX_OBSOLETE },
    { "get_kernel_syms", SANDBOX_OBSOLETE },
    { "query_module", SANDBOX_OBSOLETE }, { "sgetmask", SANDBOX_OBSOLETE },
    { "ssetmask", SANDBOX_OBSOLETE }, { "sysfs", SANDBOX_OBSOLETE },
    { "uselib", SANDBOX_OBSOLETE }, { "ustat", SANDBOX_OBSOLETE },
    { "vm86", SANDBOX_OBSOLETE }, { "vm86old", SANDBOX_OBSOLETE },
    /* elevateprivileges=deny */
    { "setuid", SANDBOX_PRIVILEGED }, { "setgid", SANDBOX_PRIVILEGED },
    { "setpgid", SANDBOX_PRIVILEGED }, { "setsid", SANDBOX_PRIVILEGED },
    { "setreuid", SANDBOX_PRIVILEGED }, { "setregid", SANDBOX_PRIVILEGED },
    { "setresuid", SANDBOX_PRIVILEGED }, { "setresgid", SANDBOX_PRIVILEGED },
    { "setfsuid", SANDBOX_PRIVILEGED }, { "setfsgid", SANDBOX_PRIVILEGED },
    /* spawn=deny (clone and clone3 are handled apart) */
    { "fork", SANDBOX_SPAWN }, { "vfork", SANDBOX_SPAWN },
    { "execve", SANDBOX_SPAWN }, { "execveat", SANDBOX_SPAWN },
    /* resourcecontrol=deny */
    { "getpriority", SANDBOX_RESOURCECTL },
    { "setpriority", SANDBOX_RESOURCECTL },
    { "sched_setparam", SANDBOX_RESOURCECTL },
    { "sched_getparam", SANDBOX_RESOURCECTL },
    { "sched_setscheduler", SANDBOX_RESOURCECTL },
    { "sched_getscheduler", SANDBOX_RESOURCECTL },
    { "sched_setaffinity", SANDBOX_RESOURCECTL },
    { "sched_getaffinity", SANDBOX_RESOURCECTL },
    { "sched_get_priority_max", SANDBOX_RESOURCECTL },
    { "sched_get_priority_min", SANDBOX_RESOURCECTL },
};

static bool sandbox_install(int sets, Error **errp)
{
    /* Kill the whole process, not one thread, on a forbidden call. */
    uint32_t kill = seccomp_api_get() >= 3 ? SCMP_ACT_KILL_PROCESS
                                           : SCMP_ACT_TRAP;
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
    size_t i;
    int rc = -EINVAL;

    if (!ctx) {
        error_setg(errp, "failed to initialize seccomp context");
        return false;
    }
    for (i = 0; i < ARRAY_SIZE(sandbox_rules); i++) {
        int nr = seccomp_syscall_resolve_name(sandbox_rules[i].name);
        /* sched_* probing by libraries must fail, not kill (as QEMU) */
        uint32_t act = sandbox_rules[i].set == SANDBOX_RESOURCECTL
                       ? SCMP_ACT_ERRNO(EPERM) : kill;

        if (!(sets & sandbox_rules[i].set) || nr == __NR_SCMP_ERROR) {
            continue;
        }
        rc = seccomp_rule_add(ctx, act, nr, 0);
        if (rc < 0) {
            goto out;
        }
    }
    if (sets & SANDBOX_SPAWN) {
        /* Threads (CLONE_THREAD) stay allowed; new processes do not. */
        rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(clone), 1,
                              SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, 0));
        if (rc < 0) {
            goto out;
        }
        /* clone3's flags are in memory: make libc fall back to clone. */
        rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3),
                              0);
        if (rc < 0) {
            goto out;
        }
    }
    rc = seccomp_load(ctx);
out:
    seccomp_release(ctx);
    if (rc < 0) {
        error_setg_errno(errp, -rc, "failed to install seccomp syscall "
                         "filter in the kernel");
        return false;
    }
    return true;
}
#endif

/* "deny" turns a set on; "allow" leaves it off; anything else is an error */
static bool sandbox_opt_deny(QemuOpts *opts, const char *name, Error **errp,
                             bool *deny)
{
    const char *v = qemu_opt_get(opts, name);

    *deny = false;
    if (!v || !strcmp(v, "allow")) {
        return true;
    }
    if (!strcmp(v, "deny")) {
        *deny = true;
        return true;
    }
    if (!strcmp(name, "elevateprivileges") && !strcmp(v, "children")) {
        /* QEMU allows it for spawned children only: we spawn none */
        *deny = true;
        return true;
    }
    error_setg(errp, "invalid argument for %s", name);
    return false;
}

static void apply_sandbox(void)
{
    QemuOpts *opts = qemu_opts_find(qemu_find_opts("sandbox"), NULL);
    static const struct {
        const char *name;
        int set;
    } knobs[] = {
        { "obsolete", 1 }, { "elevateprivileges", 2 }, { "spawn", 4 },
        { "resourcecontrol", 8 },
    };
    Error *err = NULL;
    int sets = 1;
    size_t i;

    if (!opts) {
        QemuOptsList *l = qemu_find_opts("sandbox");

        opts = l ? QTAILQ_LAST(&l->head) : NULL;
    }
    if (!opts || !qemu_opt_get_bool(opts, "enable", false)) {
        return;
    }
    for (i = 0; i < ARRAY_SIZE(knobs); i++) {
        bool deny;

        if (!sandbox_opt_deny(opts, knobs[i].name, &err, &deny)) {
            error_report_err(err);
            exit(1);
        }
        if (deny) {
            sets |= knobs[i].set;
        } else if (knobs[i].set == 1 && qemu_opt_get(opts, "obsolete")) {
            /* obsolete=allow lifts the default deny */
            sets &= ~1;
        }
    }
#ifdef CONFIG_SECCOMP
    if (!sandbox_install(sets, &err)) {
        error_report_err(err);
        exit(1);
    }
#else
    error_report("seccomp support is disabled");
    exit(1);
#endif
}

/* monitor/fds.c (no header declares it yet) */

/*** -daemonize / -pidfile ***/

static void os_daemonize(void)
{
    int fds[2];
    pid_t pid;
    uint8_t status = 1;

    if (pipe(fds) < 0) {
        error_report("cannot daemonize: %s", strerror(errno));
        exit(1);
    }
    pid = fork();
    if (pid < 0) {
        error_report("cannot daemonize: %s", strerror(errno));
        exit(1);
    }
    if (pid > 0) {
        /* Parent: exit with the child's start-up result. */
        ssize_t len;

        close(fds[1]);
        do {
            len = read(fds[0], &status, 1);
        } while (len < 0 && errno == EINTR);
        exit(len == 1 && status == 0 ? 0 : 1);
    }
    close(fds[0]);
    daemon_pipe = fds[1];
    setsid();
    pid = fork();
    if (pid > 0) {
        _exit(0);
    } else if (pid < 0) {
        _exit(1);
    }
    umask(027);
    signal(SIGTSTP, SIG_IGN);
    signal(SIGTTOU, SIG_IGN);
    signal(SIGTTIN, SIG_IGN);
}

/* Start-up went fine: release the waiting parent, drop the terminal. */
static void os_setup_post(void)
{
    int fd;
    uint8_t status = 0;

    if (!daemonize) {
        return;
    }
    if (chdir("/")) {
        error_report("not able to chdir to /: %s", strerror(errno));
        exit(1);
    }
    fd = open("/dev/null", O_RDWR);
    if (fd >= 0) {
        dup2(fd, 0);
        dup2(fd, 1);
        /* Errors still go to a log if -D was given. */
        if (!log_file) {
            dup2(fd, 2);
        }
        close(fd);
    }
    if (write(daemon_pipe, &status, 1) != 1) {
        /* The parent is gone; nothing to tell. */
    }
    close(daemon_pipe);
    daemon_pipe = -1;
}

static char *pid_file_realpath;

static void remove_pidfile(void)
{
    if (pid_file_realpath) {
        unlink(pid_file_realpath);
    }
}

static bool qemu_write_pidfile(const char *path, Error **errp)
{
    char pidstr[32];
    int fd;

    fd = open(path, O_CREAT | O_WRONLY, S_IRUSR | S_IWUSR);
    if (fd == -1) {
        error_setg_errno(errp, errno, "Cannot open pid file");
        return false;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
        error_setg_errno(errp, errno, "Cannot lock pid file");
        close(fd);
        return false;
    }
    if (ftruncate(fd, 0) < 0) {
        error_setg_errno(errp, errno, "Failed to truncate pid file");
        close(fd);
        return false;
    }
    snprintf(pidstr, sizeof(pidstr), "%d\n", (int)getpid());
    if (write(fd, pidstr, strlen(pidstr)) != (ssize_t)strlen(pidstr)) {
        error_setg(errp, "Failed to write pid file");
        close(fd);
        return false;
    }
    /* Keep fd open: the lock lives as long as the process. */
    pid_file_realpath = g_canonicalize_filename(path, NULL);
    atexit(remove_pidfile);
    return true;
}

/*** misc option handlers ***/

static void parse_name(const char *optarg)
{
    QemuOpts *opts = qemu_opts_parse_noisily(qemu_find_opts("name"), optarg,
                                             true);

    if (!opts) {
        exit(1);
    }
    qemu_name = qemu_opt_get(opts, "guest");
    error_guest_name = qemu_name;
    /* libvirt passes debug-threads=on to see vCPU thread names. */
    qemu_thread_naming(qemu_opt_get_bool(opts, "debug-threads", false));
}

static void parse_msg(const char *optarg)
{
    QemuOpts *opts = qemu_opts_parse_noisily(qemu_find_opts("msg"), optarg,
                                             false);

    if (!opts) {
        exit(1);
    }
    message_with_timestamp = qemu_opt_get_bool(opts, "timestamp", false);
    error_with_guestname = qemu_opt_get_bool(opts, "guest-name", false);
}

static void parse_uuid(const char *optarg)
{
    char *compact = g_strdup(optarg);
    int i, j = 0;

    if (!g_uuid_string_is_valid(optarg)) {
        error_report("failed to parse UUID string: wrong format");
        exit(1);
    }
    for (i = 0; optarg[i]; i++) {
        if (optarg[i] != '-') {
            compact[j++] = optarg[i];
        }
    }
    for (i = 0; i < 16; i++) {
        qemu_uuid[i] = g_ascii_xdigit_value(compact[2 * i]) << 4 |
                       g_ascii_xdigit_value(compact[2 * i + 1]);
    }
    qemu_uuid_set = true;
    g_free(compact);
}

static QemuOpts *opts_parse_or_exit(const char *group, const char *optarg,
                                    bool permit_abbrev)
{
    QemuOpts *opts = qemu_opts_parse_noisily(qemu_find_opts(group), optarg,
                                             permit_abbrev);

    if (!opts) {
        exit(1);
    }
    return opts;
}

static void drive_add_legacy(const char *file, const char *fmt)
{
    char *params = g_strdup_printf(fmt, file);

    opts_parse_or_exit("drive", params, false);
    g_free(params);
}

static void handle_option(const QEMUOption *popt, const char *optarg)
{
    QemuOpts *opts;

    switch (popt->index) {
    case QEMU_OPTION_h:
        help(0);
        break;
    case QEMU_OPTION_version:
        version();
        exit(0);
    case QEMU_OPTION_M:
        machine_parse_opt(optarg, "type");
        break;
    case QEMU_OPTION_machine:
        machine_parse_opt(optarg, "type");
        break;
    case QEMU_OPTION_accel:
        if (!strcmp(optarg, "help") || !strcmp(optarg, "?")) {
            accel_list_print();
            exit(0);
        }
        opts_parse_or_exit("accel", optarg, true);
        break;
    case QEMU_OPTION_enable_kvm:
        qemu_opts_parse_noisily(qemu_find_opts("accel"), "accel=kvm", false);
        break;
    case QEMU_OPTION_cpu:
        cpu_option = optarg;
        break;
    case QEMU_OPTION_smp:
        opts_parse_or_exit("smp-opts", optarg, true);
        smp_given = true;
        break;
    case QEMU_OPTION_m:
        opts_parse_or_exit("memory", optarg, true);
        break;
    case QEMU_OPTION_mem_path:
        mem_path = optarg;
        break;
    case QEMU_OPTION_mem_prealloc:
        break;
    case QEMU_OPTION_kernel:
        if (!machine_opts_dict) {
            machine_opts_dict = qdict_new();
        }
        qdict_put_str(machine_opts_dict, "kernel", optarg);
        break;
    case QEMU_OPTION_initrd:
        if (!machine_opts_dict) {
            machine_opts_dict = qdict_new();
        }
        qdict_put_str(machine_opts_dict, "initrd", optarg);
        break;
    case QEMU_OPTION_append:
        if (!machine_opts_dict) {
            machine_opts_dict = qdict_new();
        }
        /* Verbatim: the command line may contain commas. */
        qdict_put_str(machine_opts_dict, "append", optarg);
        break;
    case QEMU_OPTION_dtb:
        if (!machine_opts_dict) {
            machine_opts_dict = qdict_new();
        }
        qdict_put_str(machine_opts_dict, "dtb", optarg);
        break;
    case QEMU_OPTION_bios:
        if (!machine_opts_dict) {
            machine_opts_dict = qdict_new();
        }
        qdict_put_str(machine_opts_dict, "firmware", optarg);
        bios_name = optarg;
        break;
    case QEMU_OPTION_L:
        qemu_add_data_dir(g_strdup(optarg));
        break;
    case QEMU_OPTION_option_rom:
        nb_option_roms++;
        break;
    case QEMU_OPTION_drive:
        opts_parse_or_exit("drive", optarg, false);
        break;
    case QEMU_OPTION_hda:
        drive_add_legacy(optarg, "file=%s,index=0,media=disk");
        break;
    case QEMU_OPTION_hdb:
        drive_add_legacy(optarg, "file=%s,index=1,media=disk");
        break;
    case QEMU_OPTION_hdc:
        drive_add_legacy(optarg, "file=%s,index=2,media=disk");
        break;
    case QEMU_OPTION_hdd:
        drive_add_legacy(optarg, "file=%s,index=3,media=disk");
        break;
    case QEMU_OPTION_cdrom:
        drive_add_legacy(optarg, "file=%s,index=2,media=cdrom");
        break;
    case QEMU_OPTION_fda:
        drive_add_legacy(optarg, "file=%s,index=0,if=floppy");
        break;
    case QEMU_OPTION_fdb:
        drive_add_legacy(optarg, "file=%s,index=1,if=floppy");
        break;
    case QEMU_OPTION_pflash:
        drive_add_legacy(optarg, "file=%s,if=pflash");
        break;
    case QEMU_OPTION_snapshot:
        qemu_snapshot = true;
        break;
    case QEMU_OPTION_blockdev:
        g_ptr_array_add(blockdev_args, (gpointer)optarg);
        break;
    case QEMU_OPTION_device:
        if (optarg[0] == '{') {
            add_device_json(optarg);
        } else {
            opts_parse_or_exit("device", optarg, true);
        }
        break;
    case QEMU_OPTION_global:
        if (qemu_global_option(optarg) != 0) {
            exit(1);
        }
        break;
    case QEMU_OPTION_chardev:
        opts_parse_or_exit("chardev", optarg, true);
        break;
    case QEMU_OPTION_serial:
        default_serial = false;
        char_arg_add(serial_args, optarg);
        break;
    case QEMU_OPTION_parallel:
        default_parallel = false;
        char_arg_add(parallel_args, optarg);
        break;
    case QEMU_OPTION_debugcon:
        /* An isa-debugcon on a chardev named "debugcon". */
        if (strcmp(optarg, "none")) {
            QemuOpts *copts = qemu_chr_parse_compat("debugcon", optarg, true);

            if (!copts) {
                error_report("parse error: %s", optarg);
                exit(1);
            }
            opts = qemu_opts_create(qemu_find_opts("device"), "debugcon", 1,
                                    &error_fatal);
            qemu_opt_set(opts, "driver", "isa-debugcon", &error_abort);
            qemu_opt_set(opts, "chardev", "debugcon", &error_abort);
        }
        break;
    case QEMU_OPTION_monitor:
        default_monitor = false;
        if (strncmp(optarg, "none", 4)) {
            monitor_parse(optarg, "readline", false);
        }
        break;
    case QEMU_OPTION_qmp:
    case QEMU_OPTION_qmp_pretty:
        monitor_parse(optarg, "control",
                      popt->index == QEMU_OPTION_qmp_pretty);
        default_monitor = false;
        break;
    case QEMU_OPTION_mon:
        opts_parse_or_exit("mon", optarg, true);
        default_monitor = false;
        mon_count++;
        break;
    case QEMU_OPTION_echr:
        break;
    case QEMU_OPTION_nographic:
        nographic = true;
        display_nographic = 1;
        display_type = "none";
        if (!machine_opts_dict) {
            machine_opts_dict = qdict_new();
        }
        qdict_put_str(machine_opts_dict, "graphics", "off");
        break;
    case QEMU_OPTION_display:
        opts = opts_parse_or_exit("display", optarg, true);
        display_type = qemu_opt_get(opts, "type");
        if (display_type && strcmp(display_type, "none") &&
            strcmp(display_type, "help")) {
            error_report("Display '%s' is not available.", display_type);
            exit(1);
        }
        if (display_type && !strcmp(display_type, "help")) {
            printf("Available display backend types:\nnone\n");
            exit(0);
        }
        break;
    case QEMU_OPTION_vga:
        vga_model = optarg;
        break;
    case QEMU_OPTION_g:
    case QEMU_OPTION_full_screen:
    case QEMU_OPTION_vnc:
    case QEMU_OPTION_spice:
        break;
    case QEMU_OPTION_k:
        keyboard_layout = optarg;
        break;
    case QEMU_OPTION_audiodev:
        audiodev_parse(optarg);
        break;
    case QEMU_OPTION_usb:
        machine_parse_opt("usb=on", NULL);
        break;
    case QEMU_OPTION_usbdevice:
        opts = qemu_opts_create(qemu_find_opts("device"), NULL, 0,
                                &error_abort);
        qemu_opt_set(opts, "driver", !strcmp(optarg, "tablet") ? "usb-tablet"
                     : !strcmp(optarg, "mouse") ? "usb-mouse"
                     : !strcmp(optarg, "keyboard") ? "usb-kbd" : optarg,
                     &error_abort);
        break;
    case QEMU_OPTION_nodefaults:
        has_defaults = false;
        default_serial = default_parallel = default_monitor = false;
        default_net = false;
        break;
    case QEMU_OPTION_nodefconfig:
    case QEMU_OPTION_no_user_config:
    case QEMU_OPTION_preconfig:
        break;
    case QEMU_OPTION_readconfig:
    case QEMU_OPTION_writeconfig:
        error_report("configuration files are not supported");
        exit(1);
    case QEMU_OPTION_S:
        autostart = 0;
        break;
    case QEMU_OPTION_no_reboot:
        no_reboot = true;
        break;
    case QEMU_OPTION_no_shutdown:
        no_shutdown = true;
        break;
    case QEMU_OPTION_action:
    case QEMU_OPTION_watchdog_action:
        break;
    case QEMU_OPTION_name:
        parse_name(optarg);
        break;
    case QEMU_OPTION_uuid:
        parse_uuid(optarg);
        break;
    case QEMU_OPTION_smbios:
        opts = opts_parse_or_exit("smbios", optarg, false);
        smbios_entry_add(opts, &error_fatal);
        break;
    case QEMU_OPTION_fwcfg:
        opts_parse_or_exit("fw_cfg", optarg, true);
        break;
    case QEMU_OPTION_object:
        if (!strcmp(optarg, "help") || g_str_has_suffix(optarg, ",help")) {
            user_creatable_process_cmdline(optarg);
            exit(0);
        }
        g_ptr_array_add(object_args, (gpointer)optarg);
        break;
    case QEMU_OPTION_netdev:
        default_net = false;
        /* net_client_parse takes both key=value and libvirt's JSON. */
        if (net_client_parse(qemu_find_opts("netdev"), optarg) < 0) {
            exit(1);
        }
        break;
    case QEMU_OPTION_nic:
        default_net = false;
        opts_parse_or_exit("nic", optarg, true);
        break;
    case QEMU_OPTION_net:
        default_net = false;
        opts_parse_or_exit("net", optarg, true);
        break;
    case QEMU_OPTION_rtc:
        opts_parse_or_exit("rtc", optarg, false);
        break;
    case QEMU_OPTION_boot:
        opts_parse_or_exit("boot-opts", optarg, true);
        break;
    case QEMU_OPTION_numa:
    case QEMU_OPTION_incoming:
    case QEMU_OPTION_only_migratable:
    case QEMU_OPTION_loadvm:
    case QEMU_OPTION_icount:
    case QEMU_OPTION_gdb:
    case QEMU_OPTION_s:
    case QEMU_OPTION_iscsi:
    case QEMU_OPTION_virtfs:
    case QEMU_OPTION_tpmdev:
    case QEMU_OPTION_semihosting:
    case QEMU_OPTION_seed:
    case QEMU_OPTION_enable_sync_profile:
    case QEMU_OPTION_runas:
    case QEMU_OPTION_chroot:
    case QEMU_OPTION_mtdblock:
    case QEMU_OPTION_sd:
        error_report("option not supported by this build");
        exit(1);
    case QEMU_OPTION_daemonize:
        daemonize = true;
        break;
    case QEMU_OPTION_pidfile:
        pid_file = optarg;
        break;
    case QEMU_OPTION_sandbox:
        opts_parse_or_exit("sandbox", optarg, true);
        break;
    case QEMU_OPTION_msg:
        parse_msg(optarg);
        break;
    case QEMU_OPTION_overcommit:
        opts = opts_parse_or_exit("overcommit", optarg, false);
        enable_mlock = qemu_opt_get_bool(opts, "mem-lock", false);
        enable_cpu_pm = qemu_opt_get_bool(opts, "cpu-pm", false);
        break;
    case QEMU_OPTION_add_fd:
        opts_parse_or_exit("add-fd", optarg, false);
        break;
    case QEMU_OPTION_qtest:
        qtest_chrdev = optarg;
        break;
    case QEMU_OPTION_qtest_log:
        qtest_log = optarg;
        break;
    case QEMU_OPTION_D:
        log_file = optarg;
        break;
    case QEMU_OPTION_d:
        log_mask = optarg;
        break;
    case QEMU_OPTION_trace:
        trace_opt_parse(optarg);
        break;
    case QEMU_OPTION_no_acpi:
        acpi_enabled = false;
        machine_parse_opt("acpi=off", NULL);
        break;
    case QEMU_OPTION_no_hpet:
        hpet_enabled = false;
        machine_parse_opt("hpet=off", NULL);
        break;
    }
}

/* -machine help, -device help, -cpu help: print and exit 0. */
static void process_help_options(void)
{
    if (cpu_option && (!strcmp(cpu_option, "help") ||
                       !strcmp(cpu_option, "?"))) {
        list_cpus(cpu_option);
        exit(0);
    }
    if (qemu_opts_foreach(qemu_find_opts("device"), device_help_func,
                          NULL, NULL)) {
        exit(0);
    }
}

static void apply_log_options(void)
{
    if (log_file) {
        qemu_set_log_filename(log_file, &error_fatal);
    }
    if (log_mask) {
        int mask = qemu_str_to_log_mask(log_mask);

        if (!mask) {
            error_report("Invalid -d option \"%s\"", log_mask);
            exit(1);
        }
        qemu_set_log(mask, &error_fatal);
    }
}

/* werror/rerror=stop: the block layer pauses the VM through this. */
static void vl_blk_stop_vm(void)
{
    if (runstate_is_running()) {
        vm_stop(RUN_STATE_IO_ERROR);
    }
}

void qemu_init(int argc, char **argv)
{
    MachineClass *mc;
    MachineState *ms;
    const char *accel_opts;
    int optind;
    guint i;

    error_init(argv[0]);
    qemu_init_exec_dir(argv[0]);
    qemu_init_main_loop(&error_fatal);
    /* The main thread owns the BQL except while it polls, as in QEMU. */
    qemu_mutex_lock_iothread();
    module_call_init(MODULE_INIT_OPTS);
    register_option_groups();
    module_call_init(MODULE_INIT_QOM);

    serial_args = g_ptr_array_new();
    parallel_args = g_ptr_array_new();
    object_args = g_ptr_array_new();
    blockdev_args = g_ptr_array_new();
    device_json_args = g_ptr_array_new();

    /* Pass 1: everything is parsed and stored; nothing is created. */
    optind = 1;
    while (optind < argc) {
        if (argv[optind][0] != '-' || argv[optind][1] == '\0') {
            /* A bare argument is the first IDE disk image. */
            loc_set_cmdline(argv, optind, 1);
            drive_add_legacy(argv[optind++], "file=%s,index=0,media=disk");
        } else {
            const char *optarg;
            const QEMUOption *popt = lookup_opt(argc, argv, &optarg, &optind);

            handle_option(popt, optarg);
        }
    }
    loc_set_none();

    process_help_options();

    /* -add-fd: descriptor sets before anything opens /dev/fdset/N */
    qemu_opts_foreach(qemu_find_opts("add-fd"), monitor_add_fd_opt, NULL,
                      &error_fatal);

    /*
     * -nographic would put the default serial/monitor on stdio, which a
     * daemon no longer has; with every default port redirected (as libvirt
     * does with -nodefaults) it is a harmless no-op.
     */
    if (daemonize && nographic &&
        (default_parallel || default_serial || default_monitor)) {
        error_report("-nographic cannot be used with -daemonize");
        exit(1);
    }
    if (daemonize) {
        os_daemonize();
    }
    if (pid_file) {
        Error *err = NULL;

        if (!qemu_write_pidfile(pid_file, &err)) {
            error_reportf_err(err, "cannot create PID file: ");
            exit(1);
        }
    }
    /* After daemonizing: setsid() and fork() may be what it denies. */
    apply_sandbox();
    blk_stop_vm_hook = vl_blk_stop_vm;
    apply_log_options();
    qemu_add_globals();

    /* The machine object and its options. */
    if (!machine_opts_dict) {
        machine_opts_dict = qdict_new();
    }
    {
        Error *err = NULL;

        mc = select_machine(machine_opts_dict, &err);
        if (!mc) {
            error_report_err(err);
            exit(1);
        }
    }
    machine_take_legacy_keys(machine_opts_dict);
    ms = MACHINE(object_new_with_class(OBJECT_CLASS(mc)));
    object_property_add_child(object_get_root(), "machine", OBJECT(ms));
    current_machine = ms;
    phase_advance(PHASE_MACHINE_CREATED);
    qemu_register_reset(qbus_reset_all_fn, sysbus_get_default());

    create_default_devices(mc);
    machine_apply_props(ms, machine_opts_dict);
    parse_memory_options(ms);
    if (smp_given) {
        parse_smp_options(ms);
    }
    parse_boot_options(ms);
    if (cpu_option) {
        /* The model, and its features as global properties of its type. */
        ms->cpu_type = parse_cpu_option(cpu_option);
    } else {
        ms->cpu_type = mc->default_cpu_type;
    }

    /* -object back ends (memory first: the board needs them). */
    for (i = 0; i < object_args->len; i++) {
        user_creatable_process_cmdline(g_ptr_array_index(object_args, i));
    }
    create_default_memdev(ms);

    /* Accelerator: -machine accel=, -enable-kvm and -accel, default kvm. */
    accel_opts = accel_from_machine;
    if (accel_opts) {
        accel_set_machine_accelerators(accel_opts);
    }
    configure_accelerators(argv[0]);
    if (!phase_check(PHASE_ACCEL_CREATED)) {
        phase_advance(PHASE_ACCEL_CREATED);
    }

    /* Back ends the board and devices refer to by id. */
    if (qemu_opts_foreach(qemu_find_opts("chardev"), chardev_init_func,
                          NULL, &error_fatal)) {
        exit(1);
    }
    if (qtest_chrdev) {
        qtest_server_init(qtest_chrdev, qtest_log, &error_fatal);
    }
    if (qemu_opts_foreach(qemu_find_opts("drive"), drive_init_func,
                          &mc->block_default_type, &error_fatal)) {
        exit(1);
    }
    create_blockdevs();
    if (default_net) {
        QemuOptsList *net = qemu_find_opts("net");

        qemu_opts_parse(net, "nic", true, &error_abort);
#ifdef CONFIG_SLIRP
        qemu_opts_parse(net, "user", true, &error_abort);
#endif
    }
    if (net_init_clients(&error_fatal) < 0) {
        exit(1);
    }
    create_serial_devices();
    qemu_opts_foreach(qemu_find_opts("mon"), mon_init_func, NULL,
                      &error_fatal);

    configure_rtc(qemu_find_opts_singleton("rtc"));

    /* The board, then the user's devices on it. */
    machine_run_board_init(ms, mem_path, &error_fatal);
    if (qemu_opts_foreach(qemu_find_opts("device"), device_init_func, NULL,
                          &error_fatal)) {
        exit(1);
    }
    create_json_devices();
    /* -drive if=... that no board or device claimed */
    if (drive_check_orphaned()) {
        exit(1);
    }
    accel_setup_post(ms);
    qdev_prop_check_globals();

    qdev_machine_creation_done();
    qemu_run_machine_init_done_notifiers();
    qemu_chr_open_muxes();
    net_check_clients();
    qemu_system_reset(SHUTDOWN_CAUSE_NONE);

    os_setup_post();
    if (autostart) {
        vm_start();
    }
}
