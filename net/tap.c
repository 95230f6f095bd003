/*
 * "-netdev tap": a Linux TUN/TAP interface (IFF_TAP | IFF_NO_PI),
 * opened by name (ifname=, created if missing), or passed in with fd=/
 * fds= (libvirt).  vnet_hdr= asks for IFF_VNET_HDR: frames then carry a
 * virtio-net header, which this back end adds (zeroed) and strips
 * itself while the NIC does not use one (qemu_using_vnet_hdr).
 * queues=N opens N queues of a multiqueue (IFF_MULTI_QUEUE) device.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/main-loop.h"
#include "qemu/cutils.h"
#include "qemu/iov.h"
#include "net/net.h"
#include "clients.h"

#include <sys/ioctl.h>
#include <sys/wait.h>
#include <net/if.h>
#include <linux/if_tun.h>

#define PATH_NET_TUN "/dev/net/tun"
/* struct virtio_net_hdr_mrg_rxbuf: the header size tap is told to use. */
#define TAP_VNET_HDR_LEN 12

const QemuOptDesc net_tap_desc[] = {
    { .name = "type", .type = QEMU_OPT_STRING },
    { .name = "id", .type = QEMU_OPT_STRING },
    { .name = "ifname", .type = QEMU_OPT_STRING },
    { .name = "fd", .type = QEMU_OPT_STRING },
    { .name = "fds", .type = QEMU_OPT_STRING },
    { .name = "script", .type = QEMU_OPT_STRING },
    { .name = "downscript", .type = QEMU_OPT_STRING },
    { .name = "br", .type = QEMU_OPT_STRING },
    { .name = "helper", .type = QEMU_OPT_STRING },
    { .name = "sndbuf", .type = QEMU_OPT_SIZE },
    { .name = "vnet_hdr", .type = QEMU_OPT_BOOL },
    { .name = "vhost", .type = QEMU_OPT_BOOL },
    { .name = "vhostfd", .type = QEMU_OPT_STRING },
    { .name = "vhostfds", .type = QEMU_OPT_STRING },
    { .name = "vhostforce", .type = QEMU_OPT_BOOL },
    { .name = "queues", .type = QEMU_OPT_NUMBER },
    { .name = "poll-us", .type = QEMU_OPT_NUMBER },
    { /* end */ }
};

typedef struct TAPState {
    NetClientState nc;
    int fd;
    char down_script[1024];
    char down_script_arg[128];
    bool read_poll;
    bool write_poll;
    bool using_vnet_hdr;
    unsigned int host_vnet_hdr_len;
    uint8_t buf[NET_BUFSIZE];
} TAPState;

static void tap_send(void *opaque);
static void tap_writable(void *opaque);

static void tap_update_fd_handler(TAPState *s)
{
    qemu_set_fd_handler(s->fd, s->read_poll ? tap_send : NULL,
                        s->write_poll ? tap_writable : NULL, s);
}

static void tap_writable(void *opaque)
{
    TAPState *s = opaque;

    s->write_poll = false;
    tap_update_fd_handler(s);
    qemu_flush_queued_packets(&s->nc);
}

static ssize_t tap_write_packet(TAPState *s, const struct iovec *iov,
                                int iovcnt)
{
    ssize_t len;

    do {
        len = writev(s->fd, iov, iovcnt);
    } while (len == -1 && errno == EINTR);
    if (len == -1 && errno == EAGAIN) {
        s->write_poll = true;
        tap_update_fd_handler(s);
        return 0;
    }
    return len;
}

static ssize_t tap_receive_iov(NetClientState *nc, const struct iovec *iov,
                               int iovcnt)
{
    TAPState *s = DO_UPCAST(TAPState, nc, nc);
    uint8_t hdr[TAP_VNET_HDR_LEN] = { 0 };
    g_autofree struct iovec *iv = NULL;
    ssize_t ret;

    if (!s->host_vnet_hdr_len || s->using_vnet_hdr) {
        return tap_write_packet(s, iov, iovcnt);
    }
    /* The NIC sends plain frames: prepend an empty header. */
    iv = g_new(struct iovec, iovcnt + 1);
    iv[0].iov_base = hdr;
    iv[0].iov_len = s->host_vnet_hdr_len;
    memcpy(&iv[1], iov, sizeof(*iov) * iovcnt);
    ret = tap_write_packet(s, iv, iovcnt + 1);
    return ret > 0 ? iov_size(iov, iovcnt) : ret;
}

static ssize_t tap_receive(NetClientState *nc, const uint8_t *buf, size_t size)
{
    struct iovec iov = { .iov_base = (void *)buf, .iov_len = size };

    return tap_receive_iov(nc, &iov, 1);
}

static void tap_send_completed(NetClientState *nc, ssize_t len)
{
    TAPState *s = DO_UPCAST(TAPState, nc, nc);

    s->read_poll = true;
    tap_update_fd_handler(s);
}

static void tap_send(void *opaque)
{
    TAPState *s = opaque;
    int packets = 0;

    /* Bounded batch so the guest's own work is not starved. */
    while (packets < 50) {
        ssize_t size = read(s->fd, s->buf, sizeof(s->buf));
        uint8_t *buf = s->buf;

        if (size <= 0) {
            break;
        }
        if (s->host_vnet_hdr_len && !s->using_vnet_hdr) {
            if (size <= s->host_vnet_hdr_len) {
                continue;
            }
            buf += s->host_vnet_hdr_len;
            size -= s->host_vnet_hdr_len;
        }
        packets++;
        if (qemu_send_packet_async(&s->nc, buf, size,
                                   tap_send_completed) == 0) {
            s->read_poll = false;
            tap_update_fd_handler(s);
            break;
        }
    }
}

static bool tap_has_vnet_hdr(NetClientState *nc)
{
    TAPState *s = DO_UPCAST(TAPState, nc, nc);

    return s->host_vnet_hdr_len != 0;
}

static bool tap_has_vnet_hdr_len(NetClientState *nc, int len)
{
    return tap_has_vnet_hdr(nc) && (len == 10 || len == 12);
}

static bool tap_get_using_vnet_hdr(NetClientState *nc)
{
    return DO_UPCAST(TAPState, nc, nc)->using_vnet_hdr;
}

static void tap_using_vnet_hdr(NetClientState *nc, bool using_vnet_hdr)
{
    TAPState *s = DO_UPCAST(TAPState, nc, nc);

    assert(!using_vnet_hdr || s->host_vnet_hdr_len);
    s->using_vnet_hdr = using_vnet_hdr;
}

static int tap_get_vnet_hdr_len(NetClientState *nc)
{
    return DO_UPCAST(TAPState, nc, nc)->host_vnet_hdr_len;
}

static void tap_set_vnet_hdr_len(NetClientState *nc, int len)
{
    TAPState *s = DO_UPCAST(TAPState, nc, nc);

    if (s->host_vnet_hdr_len && ioctl(s->fd, TUNSETVNETHDRSZ, &len) == 0) {
        s->host_vnet_hdr_len = len;
    }
}

static void tap_set_offload(NetClientState *nc, int csum, int tso4, int tso6,
                            int ecn, int ufo)
{
    TAPState *s = DO_UPCAST(TAPState, nc, nc);
    unsigned int offload = 0;

    if (!s->host_vnet_hdr_len) {
        return;
    }
    if (csum) {
        offload |= TUN_F_CSUM;
        if (tso4) {
            offload |= TUN_F_TSO4;
        }
        if (tso6) {
            offload |= TUN_F_TSO6;
        }
        if ((tso4 || tso6) && ecn) {
            offload |= TUN_F_TSO_ECN;
        }
        if (ufo) {
            offload |= TUN_F_UFO;
        }
    }
    if (ioctl(s->fd, TUNSETOFFLOAD, offload) != 0) {
        offload &= ~TUN_F_UFO;
        ioctl(s->fd, TUNSETOFFLOAD, offload);
    }
}

static int launch_script(const char *setup_script, const char *ifname,
                         Error **errp)
{
    g_autoptr(GError) gerr = NULL;
    const char *argv[] = { setup_script, ifname, NULL };
    int status;

    if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN,
                      NULL, NULL, NULL, NULL, &status, &gerr)) {
        error_setg(errp, "could not launch network script %s", setup_script);
        return -1;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        error_setg(errp, "network script %s failed with status %d",
                   setup_script, status);
        return -1;
    }
    return 0;
}

static void tap_cleanup(NetClientState *nc)
{
    TAPState *s = DO_UPCAST(TAPState, nc, nc);

    qemu_purge_queued_packets(nc);
    if (s->down_script[0]) {
        launch_script(s->down_script, s->down_script_arg, NULL);
    }
    if (s->fd >= 0) {
        qemu_set_fd_handler(s->fd, NULL, NULL, NULL);
        close(s->fd);
        s->fd = -1;
    }
}

static NetClientInfo net_tap_info = {
    .type = NET_CLIENT_DRIVER_TAP,
    .size = sizeof(TAPState),
    .receive = tap_receive,
    .receive_iov = tap_receive_iov,
    .cleanup = tap_cleanup,
    .has_vnet_hdr = tap_has_vnet_hdr,
    .has_vnet_hdr_len = tap_has_vnet_hdr_len,
    .get_using_vnet_hdr = tap_get_using_vnet_hdr,
    .using_vnet_hdr = tap_using_vnet_hdr,
    .set_offload = tap_set_offload,
    .get_vnet_hdr_len = tap_get_vnet_hdr_len,
    .set_vnet_hdr_len = tap_set_vnet_hdr_len,
};

/* Does the kernel / this fd support IFF_VNET_HDR? */
static bool tap_probe_vnet_hdr(int fd)
{
    struct ifreq ifr;

    if (ioctl(fd, TUNGETIFF, &ifr) != 0) {
        return false;
    }
    return ifr.ifr_flags & IFF_VNET_HDR;
}

/*
 * Open a queue of tap device @ifname (empty: the kernel picks "tapN",
 * written back).  @vnet_hdr: 1 required, 0 off, -1 if available.
 */
static int tap_open(char *ifname, size_t ifname_size, int *vnet_hdr,
                    bool mq_required, Error **errp)
{
    struct ifreq ifr;
    unsigned int features = 0;
    int fd;

    fd = open(PATH_NET_TUN, O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        error_setg_errno(errp, errno, "could not open %s", PATH_NET_TUN);
        return -1;
    }
    memset(&ifr, 0, sizeof(ifr));
    ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
    if (ioctl(fd, TUNGETFEATURES, &features) == -1) {
        features = 0;
    }
    if (features & IFF_ONE_QUEUE) {
        ifr.ifr_flags |= IFF_ONE_QUEUE;
    }
    if (*vnet_hdr) {
        if (features & IFF_VNET_HDR) {
            *vnet_hdr = 1;
            ifr.ifr_flags |= IFF_VNET_HDR;
        } else {
            *vnet_hdr = 0;
        }
        if (!*vnet_hdr && *vnet_hdr == 1) {
            /* unreachable: kept for clarity of the required case below */
        }
    }
    if (mq_required) {
        if (!(features & IFF_MULTI_QUEUE)) {
            error_setg(errp, "multiqueue required, but no kernel "
                       "support for IFF_MULTI_QUEUE available");
            close(fd);
            return -1;
        }
        ifr.ifr_flags |= IFF_MULTI_QUEUE;
    }
    if (ifname[0]) {
        g_strlcpy(ifr.ifr_name, ifname, IFNAMSIZ);
    } else {
        g_strlcpy(ifr.ifr_name, "tap%d", IFNAMSIZ);
    }
    if (ioctl(fd, TUNSETIFF, (void *)&ifr) != 0) {
        if (ifname[0]) {
            error_setg_errno(errp, errno, "could not configure %s (%s)",
                             PATH_NET_TUN, ifr.ifr_name);
        } else {
            error_setg_errno(errp, errno, "could not configure %s",
                             PATH_NET_TUN);
        }
        close(fd);
        return -1;
    }
    g_strlcpy(ifname, ifr.ifr_name, ifname_size);
    fcntl(fd, F_SETFL, O_NONBLOCK);
    return fd;
}

static TAPState *net_tap_fd_init(NetClientState *peer, const char *model,
                                 const char *name, int fd, int vnet_hdr)
{
    NetClientState *nc = qemu_new_net_client(&net_tap_info, peer, model, name);
    TAPState *s = DO_UPCAST(TAPState, nc, nc);

    s->fd = fd;
    s->host_vnet_hdr_len = vnet_hdr ? TAP_VNET_HDR_LEN : 0;
    s->using_vnet_hdr = false;
    if (vnet_hdr) {
        int len = TAP_VNET_HDR_LEN;

        if (ioctl(fd, TUNSETVNETHDRSZ, &len) != 0) {
            s->host_vnet_hdr_len = 10;      /* old kernels: plain header */
        }
    }
    s->read_poll = true;
    tap_update_fd_handler(s);
    return s;
}

static int parse_fd(const char *name, const char *str, Error **errp)
{
    int64_t fd;

    if (qemu_strtoi64(str, NULL, 10, &fd) < 0 || fd < 0 || fd > INT_MAX) {
        error_setg(errp, "%s: Can't use file descriptor '%s'", name, str);
        return -1;
    }
    if (fcntl(fd, F_GETFD) < 0) {
        error_setg_errno(errp, errno, "%s: Can't use file descriptor %d",
                         name, (int)fd);
        return -1;
    }
    return fd;
}

int net_init_tap(QemuOpts *opts, const char *name,
                 NetClientState *peer, Error **errp)
{
    const char *ifname_opt = qemu_opt_get(opts, "ifname");
    const char *fd_str = qemu_opt_get(opts, "fd");
    const char *fds_str = qemu_opt_get(opts, "fds");
    const char *script = qemu_opt_get(opts, "script");
    const char *downscript = qemu_opt_get(opts, "downscript");
    bool vnet_hdr_set = qemu_opt_find(opts, "vnet_hdr") != NULL;
    bool vnet_hdr_opt = qemu_opt_get_bool(opts, "vnet_hdr", true);
    int queues = qemu_opt_get_number(opts, "queues", 1);
    int i;

    if (qemu_opt_get(opts, "br") || qemu_opt_get(opts, "helper")) {
        error_setg(errp, "bridge helper is not supported");
        return -1;
    }
    if (qemu_opt_get_bool(opts, "vhostforce", false)) {
        error_setg(errp, "vhost-net support is not compiled in");
        return -1;
    }
    if (qemu_opt_get_bool(opts, "vhost", false) ||
        qemu_opt_get(opts, "vhostfd") || qemu_opt_get(opts, "vhostfds")) {
        /* libvirt asks for vhost by default: run the queues ourselves. */
        warn_report("vhost-net is not supported, using the userspace "
                    "tap back end");
    }
    if (queues < 1 || queues > MAX_QUEUE_NUM) {
        error_setg(errp, "queues must be between 1 and %d", MAX_QUEUE_NUM);
        return -1;
    }

    if (fd_str || fds_str) {
        g_auto(GStrv) list = NULL;
        int n;

        if (ifname_opt || script || downscript || qemu_opt_find(opts, "queues")
            || (fd_str && fds_str)) {
            error_setg(errp, "ifname=, script=, downscript=, queues=, "
                       "and fds= are invalid with fd=");
            return -1;
        }
        list = g_strsplit(fd_str ? fd_str : fds_str, ":", -1);
        n = g_strv_length(list);
        for (i = 0; i < n; i++) {
            int fd = parse_fd(name, list[i], errp);
            int vnet_hdr;
            TAPState *s;

            if (fd < 0) {
                return -1;
            }
            fcntl(fd, F_SETFL, O_NONBLOCK);
            vnet_hdr = tap_probe_vnet_hdr(fd);
            if (vnet_hdr_set && vnet_hdr_opt && !vnet_hdr) {
                error_setg(errp, "vnet_hdr=1 requested, but no kernel "
                           "support for IFF_VNET_HDR available");
                return -1;
            }
            if (vnet_hdr_set && !vnet_hdr_opt) {
                vnet_hdr = 0;
            }
            s = net_tap_fd_init(peer, "tap", name, fd, vnet_hdr);
            qemu_set_info_str(&s->nc, "fd=%d", fd);
        }
        return 0;
    }

    {
        char ifname[IFNAMSIZ] = "";
        g_autofree char *default_script = NULL;

        if (ifname_opt) {
            if (strlen(ifname_opt) >= IFNAMSIZ) {
                error_setg(errp, "interface name '%s' is too long", ifname_opt);
                return -1;
            }
            g_strlcpy(ifname, ifname_opt, sizeof(ifname));
        }
        if (!script) {
            script = DEFAULT_NETWORK_SCRIPT;
        }
        if (!downscript) {
            downscript = DEFAULT_NETWORK_DOWN_SCRIPT;
        }
        for (i = 0; i < queues; i++) {
            int vnet_hdr = vnet_hdr_set ? vnet_hdr_opt : -1;
            TAPState *s;
            int fd;

            fd = tap_open(ifname, sizeof(ifname), &vnet_hdr, queues > 1, errp);
            if (fd < 0) {
                return -1;
            }
            if (vnet_hdr_set && vnet_hdr_opt && !vnet_hdr) {
                error_setg(errp, "vnet_hdr=1 requested, but no kernel "
                           "support for IFF_VNET_HDR available");
                close(fd);
                return -1;
            }
            /* The up script runs once, for the first queue. */
            if (i == 0 && script[0] && strcmp(script, "no") != 0 &&
                launch_script(script, ifname, errp) < 0) {
                close(fd);
                return -1;
            }
            s = net_tap_fd_init(peer, "tap", name, fd, vnet_hdr);
            qemu_set_info_str(&s->nc, "ifname=%s,script=%s,downscript=%s",
                              ifname, script, downscript);
            if (i == 0 && downscript[0] && strcmp(downscript, "no") != 0) {
                g_strlcpy(s->down_script, downscript, sizeof(s->down_script));
                g_strlcpy(s->down_script_arg, ifname,
                          sizeof(s->down_script_arg));
            }
        }
    }
    return 0;
}
