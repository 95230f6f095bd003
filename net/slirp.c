/*
 * "-netdev user": the guest's network is libslirp's user-mode TCP/IP
 * stack (DHCP, DNS relay, ARP/ICMP for the gateway, NAT to host
 * sockets, hostfwd= port forwarding).  libslirp's sockets are polled
 * from a GSource on the main context; its timers are QEMU timers.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/main-loop.h"
#include "qemu/timer.h"
#include "qemu/cutils.h"
#include "qemu/log.h"
#include "net/net.h"
#include "clients.h"

#include <arpa/inet.h>
#include <slirp/libslirp.h>

const QemuOptDesc net_slirp_desc[] = {
    { .name = "type", .type = QEMU_OPT_STRING },
    { .name = "id", .type = QEMU_OPT_STRING },
    { .name = "hostname", .type = QEMU_OPT_STRING },
    { .name = "restrict", .type = QEMU_OPT_BOOL },
    { .name = "ipv4", .type = QEMU_OPT_BOOL },
    { .name = "ipv6", .type = QEMU_OPT_BOOL },
    { .name = "net", .type = QEMU_OPT_STRING },
    { .name = "host", .type = QEMU_OPT_STRING },
    { .name = "tftp", .type = QEMU_OPT_STRING },
    { .name = "tftp-server-name", .type = QEMU_OPT_STRING },
    { .name = "bootfile", .type = QEMU_OPT_STRING },
    { .name = "dhcpstart", .type = QEMU_OPT_STRING },
    { .name = "dns", .type = QEMU_OPT_STRING },
    { .name = "dnssearch", .type = QEMU_OPT_STRING },
    { .name = "domainname", .type = QEMU_OPT_STRING },
    { .name = "ipv6-prefix", .type = QEMU_OPT_STRING },
    { .name = "ipv6-prefixlen", .type = QEMU_OPT_NUMBER },
    { .name = "ipv6-host", .type = QEMU_OPT_STRING },
    { .name = "ipv6-dns", .type = QEMU_OPT_STRING },
    { .name = "smb", .type = QEMU_OPT_STRING },
    { .name = "smbserver", .type = QEMU_OPT_STRING },
    { .name = "hostfwd", .type = QEMU_OPT_STRING },
    { .name = "guestfwd", .type = QEMU_OPT_STRING },
    { /* end */ }
};

typedef struct SlirpSource {
    GSource source;
    struct SlirpState *s;
    GPtrArray *pollfds;             /* of GPollFD *, registered with source */
} SlirpSource;

typedef struct SlirpState {
    NetClientState nc;
    Slirp *slirp;
    SlirpSource *src;
    GSList *hostfwds;               /* of "proto:addr:port" for removal */
} SlirpState;

/* ---- libslirp callbacks ------------------------------------------- */

static ssize_t net_slirp_send_packet(const void *pkt, size_t pkt_len,
                                     void *opaque)
{
    SlirpState *s = opaque;

    return qemu_send_packet(&s->nc, pkt, pkt_len);
}

static void net_slirp_guest_error(const char *msg, void *opaque)
{
    qemu_log_mask(LOG_GUEST_ERROR, "%s\n", msg);
}

static int64_t net_slirp_clock_get_ns(void *opaque)
{
    return qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
}

typedef struct SlirpTimer {
    QEMUTimer *timer;
    SlirpTimerCb cb;
    void *cb_opaque;
} SlirpTimer;

static void net_slirp_timer_cb(void *opaque)
{
    SlirpTimer *t = opaque;

    t->cb(t->cb_opaque);
}

static void *net_slirp_timer_new(SlirpTimerCb cb, void *cb_opaque,
                                 void *opaque)
{
    SlirpTimer *t = g_new0(SlirpTimer, 1);

    t->cb = cb;
    t->cb_opaque = cb_opaque;
    t->timer = timer_new_ms(QEMU_CLOCK_VIRTUAL, net_slirp_timer_cb, t);
    return t;
}

static void net_slirp_timer_free(void *timer, void *opaque)
{
    SlirpTimer *t = timer;

    timer_free(t->timer);
    g_free(t);
}

static void net_slirp_timer_mod(void *timer, int64_t expire_timer,
                                void *opaque)
{
    SlirpTimer *t = timer;

    timer_mod(t->timer, expire_timer);
}

static void net_slirp_register_poll_fd(int fd, void *opaque)
{
    qemu_fd_register(fd);
}

static void net_slirp_unregister_poll_fd(int fd, void *opaque)
{
}

static void net_slirp_notify(void *opaque)
{
    qemu_notify_event();
}

static const SlirpCb slirp_cb = {
    .send_packet = net_slirp_send_packet,
    .guest_error = net_slirp_guest_error,
    .clock_get_ns = net_slirp_clock_get_ns,
    .timer_new = net_slirp_timer_new,
    .timer_free = net_slirp_timer_free,
    .timer_mod = net_slirp_timer_mod,
    .register_poll_fd = net_slirp_register_poll_fd,
    .unregister_poll_fd = net_slirp_unregister_poll_fd,
    .notify = net_slirp_notify,
};

/* ---- polling as a GSource ----------------------------------------- */

static int slirp_add_poll_cb(int fd, int events, void *opaque)
{
    SlirpSource *src = opaque;
    GPollFD *pfd = g_new0(GPollFD, 1);

    pfd->fd = fd;
    pfd->events = (events & SLIRP_POLL_IN ? G_IO_IN : 0) |
                  (events & SLIRP_POLL_OUT ? G_IO_OUT : 0) |
                  (events & SLIRP_POLL_PRI ? G_IO_PRI : 0) |
                  (events & SLIRP_POLL_ERR ? G_IO_ERR : 0) |
                  (events & SLIRP_POLL_HUP ? G_IO_HUP : 0);
    g_ptr_array_add(src->pollfds, pfd);
    g_source_add_poll(&src->source, pfd);
    return src->pollfds->len - 1;
}

static int slirp_get_revents_cb(int idx, void *opaque)
{
    SlirpSource *src = opaque;
    GPollFD *pfd;
    int ev = 0;

    if (idx < 0 || idx >= src->pollfds->len) {
        return 0;
    }
    pfd = g_ptr_array_index(src->pollfds, idx);
    ev |= pfd->revents & G_IO_IN ? SLIRP_POLL_IN : 0;
    ev |= pfd->revents & G_IO_OUT ? SLIRP_POLL_OUT : 0;
    ev |= pfd->revents & G_IO_PRI ? SLIRP_POLL_PRI : 0;
    ev |= pfd->revents & G_IO_ERR ? SLIRP_POLL_ERR : 0;
    ev |= pfd->revents & G_IO_HUP ? SLIRP_POLL_HUP : 0;
    return ev;
}

static void slirp_source_clear_polls(SlirpSource *src)
{
    guint i;

    for (i = 0; i < src->pollfds->len; i++) {
        g_source_remove_poll(&src->source, g_ptr_array_index(src->pollfds, i));
    }
    g_ptr_array_set_size(src->pollfds, 0);
}

static gboolean slirp_source_prepare(GSource *source, gint *timeout)
{
    SlirpSource *src = (SlirpSource *)source;
    uint32_t t = UINT32_MAX;

    slirp_source_clear_polls(src);
    slirp_pollfds_fill(src->s->slirp, &t, slirp_add_poll_cb, src);
    *timeout = t == UINT32_MAX ? -1 : (gint)MIN(t, (uint32_t)G_MAXINT);
    return FALSE;
}

static gboolean slirp_source_check(GSource *source)
{
    /* libslirp also runs its TCP timers from pollfds_poll: every pass. */
    return TRUE;
}

static gboolean slirp_source_dispatch(GSource *source, GSourceFunc cb,
                                      gpointer data)
{
    SlirpSource *src = (SlirpSource *)source;

    slirp_pollfds_poll(src->s->slirp, 0, slirp_get_revents_cb, src);
    return G_SOURCE_CONTINUE;
}

static void slirp_source_finalize(GSource *source)
{
    SlirpSource *src = (SlirpSource *)source;

    g_ptr_array_free(src->pollfds, true);
}

static GSourceFuncs slirp_source_funcs = {
    .prepare = slirp_source_prepare,
    .check = slirp_source_check,
    .dispatch = slirp_source_dispatch,
    .finalize = slirp_source_finalize,
};

/* ---- client ------------------------------------------------------- */

static ssize_t net_slirp_receive(NetClientState *nc, const uint8_t *buf,
                                 size_t size)
{
    SlirpState *s = DO_UPCAST(SlirpState, nc, nc);

    slirp_input(s->slirp, buf, size);
    return size;
}

static void net_slirp_cleanup(NetClientState *nc)
{
    SlirpState *s = DO_UPCAST(SlirpState, nc, nc);

    if (s->src) {
        slirp_source_clear_polls(s->src);
        g_source_destroy(&s->src->source);
        g_source_unref(&s->src->source);
        s->src = NULL;
    }
    if (s->slirp) {
        slirp_cleanup(s->slirp);
        s->slirp = NULL;
    }
    g_slist_free_full(s->hostfwds, g_free);
    s->hostfwds = NULL;
}

static NetClientInfo net_slirp_info = {
    .type = NET_CLIENT_DRIVER_USER,
    .size = sizeof(SlirpState),
    .receive = net_slirp_receive,
    .cleanup = net_slirp_cleanup,
};

/* ---- option parsing ----------------------------------------------- */

/* "[tcp|udp]:[haddr]:hport-[gaddr]:gport" */
static int slirp_hostfwd(SlirpState *s, const char *redir_str, Error **errp)
{
    g_auto(GStrv) parts = NULL;
    const char *fail_reason = "Unknown reason";
    struct in_addr host_addr = { .s_addr = INADDR_ANY };
    struct in_addr guest_addr = { .s_addr = 0 };
    int host_port, guest_port, is_udp;
    g_autofree char *buf = g_strdup(redir_str);
    char *p = buf, *proto, *haddr, *hport, *gaddr, *gport, *dash;
    int64_t v;

    proto = p;
    p = strchr(p, ':');
    if (!p) {
        fail_reason = "No : separators";
        goto fail;
    }
    *p++ = '\0';
    if (!strcmp(proto, "tcp") || proto[0] == '\0') {
        is_udp = 0;
    } else if (!strcmp(proto, "udp")) {
        is_udp = 1;
    } else {
        fail_reason = "Bad protocol name";
        goto fail;
    }
    haddr = p;
    p = strchr(p, ':');
    if (!p) {
        fail_reason = "Missing : separator";
        goto fail;
    }
    *p++ = '\0';
    if (haddr[0] && !inet_aton(haddr, &host_addr)) {
        fail_reason = "Bad host address";
        goto fail;
    }
    hport = p;
    dash = strchr(p, '-');
    if (!dash) {
        fail_reason = "Bad host port separator";
        goto fail;
    }
    *dash = '\0';
    if (qemu_strtoi64(hport, NULL, 10, &v) < 0 || v < 0 || v > 65535) {
        fail_reason = "Bad host port";
        goto fail;
    }
    host_port = v;
    gaddr = dash + 1;
    p = strchr(gaddr, ':');
    if (!p) {
        fail_reason = "Missing guest address";
        goto fail;
    }
    *p++ = '\0';
    gport = p;
    if (gaddr[0] && !inet_aton(gaddr, &guest_addr)) {
        fail_reason = "Bad guest address";
        goto fail;
    }
    if (qemu_strtoi64(gport, NULL, 10, &v) < 0 || v < 1 || v > 65535) {
        fail_reason = "Bad guest port";
        goto fail;
    }
    guest_port = v;
    if (slirp_add_hostfwd(s->slirp, is_udp, host_addr, host_port,
                          guest_addr, guest_port) < 0) {
        error_setg(errp, "Could not set up host forwarding rule '%s'",
                   redir_str);
        return -1;
    }
    s->hostfwds = g_slist_prepend(s->hostfwds,
                                  g_strdup_printf("%s:%s:%d",
                                                  is_udp ? "udp" : "tcp",
                                                  inet_ntoa(host_addr),
                                                  host_port));
    return 0;
fail:
    error_setg(errp, "Invalid host forwarding rule '%s' (%s)", redir_str,
               fail_reason);
    return -1;
}

static bool in_network(struct in_addr a, struct in_addr net,
                       struct in_addr mask)
{
    return (a.s_addr & mask.s_addr) == net.s_addr;
}

int net_init_slirp(QemuOpts *opts, const char *name,
                   NetClientState *peer, Error **errp)
{
    struct in_addr net = { .s_addr = htonl(0x0a000200) };   /* 10.0.2.0 */
    struct in_addr mask = { .s_addr = htonl(0xffffff00) };  /* /24 */
    struct in_addr host = { .s_addr = htonl(0x0a000202) };  /* 10.0.2.2 */
    struct in_addr dhcp = { .s_addr = htonl(0x0a00020f) };  /* 10.0.2.15 */
    struct in_addr dns = { .s_addr = htonl(0x0a000203) };   /* 10.0.2.3 */
    struct in6_addr ip6_prefix, ip6_host, ip6_dns;
    const char *vnet = qemu_opt_get(opts, "net");
    const char *vhost = qemu_opt_get(opts, "host");
    const char *vdhcp = qemu_opt_get(opts, "dhcpstart");
    const char *vdns = qemu_opt_get(opts, "dns");
    bool restricted = qemu_opt_get_bool(opts, "restrict", false);
    bool ipv4 = qemu_opt_get_bool(opts, "ipv4", true);
    bool ipv6 = qemu_opt_get_bool(opts, "ipv6", true);
    g_auto(GStrv) dnssearch = NULL;
    SlirpConfig cfg = { 0 };
    NetClientState *nc;
    SlirpState *s;
    QemuOptsIter it;
    const char *fwd;

    if (!ipv4 && !ipv6) {
        error_setg(errp, "IPv4 and IPv6 disabled at the same time");
        return -1;
    }
    if (vnet) {
        g_autofree char *buf = g_strdup(vnet);
        char *slash = strchr(buf, '/');

        if (slash) {
            char *end;
            long bits;

            *slash = '\0';
            if (!strchr(slash + 1, '.') || !inet_aton(slash + 1, &mask)) {
                bits = strtol(slash + 1, &end, 10);
                if (*end != '\0' || end == slash + 1) {
                    error_setg(errp, "Failed to parse netmask");
                    return -1;
                }
                if (bits < 4 || bits > 32) {
                    error_setg(errp, "Invalid netmask provided (must be in "
                               "range 4-32)");
                    return -1;
                }
                mask.s_addr = bits ? htonl(0xffffffffu << (32 - bits)) : 0;
            } else if (ntohl(mask.s_addr) &
                       ~(0xffffffffu << __builtin_ctz(ntohl(mask.s_addr) |
                                                      0x80000000u))) {
                error_setg(errp, "Provided netmask is not a valid netmask");
                return -1;
            }
        }
        if (!inet_aton(buf, &net)) {
            error_setg(errp, "Failed to parse netmask");
            return -1;
        }
        if (net.s_addr & ~mask.s_addr) {
            error_setg(errp, "Network address doesn't match netmask");
            return -1;
        }
        /* Default addresses move with the network. */
        host.s_addr = net.s_addr | (htonl(0x02) & ~mask.s_addr);
        dhcp.s_addr = net.s_addr | (htonl(0x0f) & ~mask.s_addr);
        dns.s_addr = net.s_addr | (htonl(0x03) & ~mask.s_addr);
    }
    if (vhost) {
        if (!inet_aton(vhost, &host)) {
            error_setg(errp, "Failed to parse host");
            return -1;
        }
        if (!in_network(host, net, mask)) {
            error_setg(errp, "Host doesn't belong to network");
            return -1;
        }
    }
    if (vdns) {
        if (!inet_aton(vdns, &dns)) {
            error_setg(errp, "Failed to parse DNS");
            return -1;
        }
        if (!in_network(dns, net, mask)) {
            error_setg(errp, "DNS doesn't belong to network");
            return -1;
        }
        if (dns.s_addr == host.s_addr) {
            error_setg(errp, "DNS must be different from host");
            return -1;
        }
    }
    if (vdhcp) {
        if (!inet_aton(vdhcp, &dhcp)) {
            error_setg(errp, "Failed to parse DHCP start address");
            return -1;
        }
        if (!in_network(dhcp, net, mask)) {
            error_setg(errp, "DHCP doesn't belong to network");
            return -1;
        }
        if (dhcp.s_addr == host.s_addr || dhcp.s_addr == dns.s_addr) {
            error_setg(errp, "DHCP must be different from host and DNS");
            return -1;
        }
    }
    inet_pton(AF_INET6, qemu_opt_get(opts, "ipv6-prefix") ?: "fec0::",
              &ip6_prefix);
    if (!inet_pton(AF_INET6, qemu_opt_get(opts, "ipv6-host") ?: "fec0::2",
                   &ip6_host)) {
        error_setg(errp, "Failed to parse IPv6 host");
        return -1;
    }
    if (!inet_pton(AF_INET6, qemu_opt_get(opts, "ipv6-dns") ?: "fec0::3",
                   &ip6_dns)) {
        error_setg(errp, "Failed to parse IPv6 DNS");
        return -1;
    }
    if (qemu_opt_get(opts, "smb")) {
        error_setg(errp, "SMB server is not supported");
        return -1;
    }
    if (qemu_opt_get(opts, "dnssearch")) {
        dnssearch = g_strsplit(qemu_opt_get(opts, "dnssearch"), ",", -1);
    }

    cfg.version = 4;
    cfg.restricted = restricted;
    cfg.in_enabled = ipv4;
    cfg.vnetwork = net;
    cfg.vnetmask = mask;
    cfg.vhost = host;
    cfg.in6_enabled = ipv6;
    cfg.vprefix_addr6 = ip6_prefix;
    cfg.vprefix_len = qemu_opt_get_number(opts, "ipv6-prefixlen", 64);
    cfg.vhost6 = ip6_host;
    cfg.vhostname = qemu_opt_get(opts, "hostname");
    cfg.tftp_server_name = qemu_opt_get(opts, "tftp-server-name");
    cfg.tftp_path = qemu_opt_get(opts, "tftp");
    cfg.bootfile = qemu_opt_get(opts, "bootfile");
    cfg.vdhcp_start = dhcp;
    cfg.vnameserver = dns;
    cfg.vnameserver6 = ip6_dns;
    cfg.vdnssearch = (const char **)dnssearch;
    cfg.vdomainname = qemu_opt_get(opts, "domainname");

    nc = qemu_new_net_client(&net_slirp_info, peer, "user", name);
    s = DO_UPCAST(SlirpState, nc, nc);
    qemu_set_info_str(nc, "net=%s,restrict=%s", inet_ntoa(net),
                      restricted ? "on" : "off");
    s->slirp = slirp_new(&cfg, &slirp_cb, s);
    if (!s->slirp) {
        error_setg(errp, "user-mode networking could not be started");
        qemu_del_net_client(nc);
        return -1;
    }

    qemu_opt_iter_init(&it, opts, "hostfwd");
    while ((fwd = qemu_opt_iter_next(&it)) != NULL) {
        if (slirp_hostfwd(s, fwd, errp) < 0) {
            qemu_del_net_client(nc);
            return -1;
        }
    }
    if (qemu_opt_get(opts, "guestfwd")) {
        error_setg(errp, "guestfwd= is not supported");
        qemu_del_net_client(nc);
        return -1;
    }

    s->src = (SlirpSource *)g_source_new(&slirp_source_funcs,
                                         sizeof(SlirpSource));
    s->src->s = s;
    s->src->pollfds = g_ptr_array_new_with_free_func(g_free);
    g_source_attach(&s->src->source, qemu_get_main_context());
    return 0;
}
