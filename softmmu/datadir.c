/*
 * Where firmware and option ROMs are looked up: directories given with
 * -L first, then the build tree's pc-bios and the system's QEMU dirs.
 */
#include "qemu/osdep.h"
#include "sysemu/sysemu.h"

static GPtrArray *data_dirs;

static void ensure_dirs(void)
{
    if (!data_dirs) {
        data_dirs = g_ptr_array_new();
    }
}

void qemu_add_data_dir(char *path)
{
    guint i;

    ensure_dirs();
    if (path == NULL) {
        return;
    }
    for (i = 0; i < data_dirs->len; i++) {
        if (strcmp(g_ptr_array_index(data_dirs, i), path) == 0) {
            g_free(path);
            return;     /* duplicate */
        }
    }
    g_ptr_array_add(data_dirs, path);
}

void qemu_add_default_firmwarepath(void)
{
    static bool done;
    static const char *const dirs[] = {
        CONFIG_BUILD_DIR "/pc-bios",
        CONFIG_SOURCE_DIR "/pc-bios",
        "/usr/share/qemu",
        "/usr/local/share/qemu",
        "/usr/share/seabios",
        "/usr/lib/ipxe/qemu",
        NULL
    };
    int i;

    if (done) {
        return;
    }
    done = true;
    for (i = 0; dirs[i]; i++) {
        qemu_add_data_dir(g_strdup(dirs[i]));
    }
}

char *qemu_find_file(int type, const char *name)
{
    const char *subdir = type == QEMU_FILE_TYPE_KEYMAP ? "keymaps/" : "";
    guint i;

    /* The name as a path (relative to the working directory) first. */
    if (access(name, R_OK) == 0) {
        return g_strdup(name);
    }
    qemu_add_default_firmwarepath();
    for (i = 0; i < data_dirs->len; i++) {
        char *buf = g_strdup_printf("%s/%s%s",
                                    (char *)g_ptr_array_index(data_dirs, i),
                                    subdir, name);

        if (access(buf, R_OK) == 0) {
            return buf;
        }
        g_free(buf);
    }
    return NULL;
}

void qemu_list_data_dirs(void)
{
    guint i;

    qemu_add_default_firmwarepath();
    for (i = 0; i < data_dirs->len; i++) {
        printf("%s\n", (char *)g_ptr_array_index(data_dirs, i));
    }
}
