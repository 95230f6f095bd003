/*
 * virtio-balloon: lets the host ask the guest to give memory back.
 *
 * The host sets num_pages (QMP "balloon"); the guest puts 4 KiB PFNs on
 * the inflate queue and we drop those pages from the host mapping with
 * MADV_DONTNEED (the guest promised not to touch them), then reports
 * its progress in "actual", which we turn into BALLOON_CHANGE.  Only
 * pages that really are guest RAM, found through the memory API, are
 * discarded; anything else is ignored.
 */
#include "qemu/osdep.h"
#include "qapi/qapi-commands.h"
#include <sys/mman.h>
#include "qapi/error.h"
#include "qapi/visitor.h"
#include "qapi/qmp/qdict.h"
#include "qemu/error-report.h"
#include "qemu/bswap.h"
#include "qemu/iov.h"
#include "qemu/module.h"
#include "exec/memory.h"
#include "exec/address-spaces.h"
#include "hw/boards.h"
#include "hw/qdev-properties.h"
#include "hw/virtio/virtio-balloon.h"

/* The one active balloon, as QEMU's balloon handler registration. */
static VirtIOBalloon *balloon_active;

static const char *balloon_stat_names[] = {
    [VIRTIO_BALLOON_S_SWAP_IN] = "stat-swap-in",
    [VIRTIO_BALLOON_S_SWAP_OUT] = "stat-swap-out",
    [VIRTIO_BALLOON_S_MAJFLT] = "stat-major-faults",
    [VIRTIO_BALLOON_S_MINFLT] = "stat-minor-faults",
    [VIRTIO_BALLOON_S_MEMFREE] = "stat-free-memory",
    [VIRTIO_BALLOON_S_MEMTOT] = "stat-total-memory",
    [VIRTIO_BALLOON_S_AVAIL] = "stat-available-memory",
    [VIRTIO_BALLOON_S_CACHES] = "stat-disk-caches",
    [VIRTIO_BALLOON_S_HTLB_PGALLOC] = "stat-htlb-pgalloc",
    [VIRTIO_BALLOON_S_HTLB_PGFAIL] = "stat-htlb-pgfail",
};

static ram_addr_t balloon_ram_size(void)
{
    return current_machine ? current_machine->ram_size : 0;
}

/*
 * Drop [gpa, gpa + len) from the host mapping if, and only if, all of
 * it is ordinary guest RAM.  Partial host pages are left alone.
 */
static void balloon_discard_range(hwaddr gpa, uint64_t len)
{
    MemoryRegionSection section;
    size_t host_page = qemu_real_host_page_size();
    uintptr_t start, end;
    uint8_t *host;

    if (!len || gpa + len < gpa) {
        return;
    }
    section = memory_region_find(get_system_memory(), gpa, len);
    if (!section.mr) {
        return;
    }
    if (!memory_region_is_ram(section.mr) ||
        memory_region_is_ram_device(section.mr) ||
        memory_region_is_rom(section.mr) || section.size < len ||
        section.offset_within_region + len >
        memory_region_size(section.mr)) {
        memory_region_unref(section.mr);
        return;
    }
    host = (uint8_t *)memory_region_get_ram_ptr(section.mr) +
           section.offset_within_region;
    start = ROUND_UP((uintptr_t)host, host_page);
    end = QEMU_ALIGN_DOWN((uintptr_t)host + len, host_page);
    if (end > start && madvise((void *)start, end - start, MADV_DONTNEED)) {
        warn_report("virtio-balloon: madvise failed: %s", strerror(errno));
    }
    memory_region_unref(section.mr);
}

static void balloon_inflate_page(VirtIOBalloon *s, uint32_t pfn)
{
    balloon_discard_range((hwaddr)pfn << VIRTIO_BALLOON_PFN_SHIFT,
                          1ULL << VIRTIO_BALLOON_PFN_SHIFT);
}

static void virtio_balloon_handle_output(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIOBalloon *s = VIRTIO_BALLOON(vdev);
    VirtQueueElement *elem;

    while ((elem = virtqueue_pop(vq, sizeof(VirtQueueElement)))) {
        size_t offset = 0;
        uint32_t pfn;

        while (iov_to_buf(elem->out_sg, elem->out_num, offset,
                          &pfn, sizeof(pfn)) == sizeof(pfn)) {
            offset += sizeof(pfn);
            /* Deflated pages come back on the guest's next touch. */
            if (vq == s->ivq) {
                balloon_inflate_page(s, le32_to_cpu(pfn));
            }
        }
        virtqueue_push(vq, elem, 0);
        virtio_notify(vdev, vq);
        g_free(elem);
    }
}

static void virtio_balloon_handle_report(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtQueueElement *elem;

    while ((elem = virtqueue_pop(vq, sizeof(VirtQueueElement)))) {
        unsigned int i;

        if (elem->out_num) {
            virtio_error(vdev, "virtio-balloon: free page report with "
                         "device-readable buffers");
            virtqueue_detach_element(vq, elem, 0);
            g_free(elem);
            return;
        }
        /* Each writable buffer is one free range of guest RAM. */
        for (i = 0; i < elem->in_num; i++) {
            balloon_discard_range(elem->in_addr[i], elem->in_sg[i].iov_len);
        }
        virtqueue_push(vq, elem, 0);
        virtio_notify(vdev, vq);
        g_free(elem);
    }
}

static void balloon_stats_poll(VirtIOBalloon *s)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(s);

    if (!s->stats_vq_elem) {
        return;
    }
    /* Returning the buffer asks the guest for fresh statistics. */
    virtqueue_push(s->svq, s->stats_vq_elem, 0);
    virtio_notify(vdev, s->svq);
    g_free(s->stats_vq_elem);
    s->stats_vq_elem = NULL;
}

static bool balloon_stats_enabled(VirtIOBalloon *s)
{
    return s->stats_poll_interval > 0;
}

static void balloon_stats_change_timer(VirtIOBalloon *s, int64_t secs)
{
    timer_mod(s->stats_timer,
              qemu_clock_get_ms(QEMU_CLOCK_VIRTUAL) + secs * 1000);
}

static void balloon_stats_poll_cb(void *opaque)
{
    VirtIOBalloon *s = opaque;

    if (!balloon_stats_enabled(s)) {
        return;
    }
    if (!s->stats_vq_elem) {
        /* The guest still has the buffer; try again next period. */
        balloon_stats_change_timer(s, s->stats_poll_interval);
        return;
    }
    balloon_stats_poll(s);
}

static void virtio_balloon_receive_stats(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIOBalloon *s = VIRTIO_BALLOON(vdev);
    VirtQueueElement *elem;
    struct virtio_balloon_stat stat;
    size_t offset = 0;

    elem = virtqueue_pop(vq, sizeof(VirtQueueElement));
    if (!elem) {
        return;
    }
    if (s->stats_vq_elem) {
        /* A driver may only have one stats buffer with us. */
        virtqueue_push(vq, s->stats_vq_elem, 0);
        g_free(s->stats_vq_elem);
    }
    s->stats_vq_elem = elem;
    while (iov_to_buf(elem->out_sg, elem->out_num, offset, &stat,
                      sizeof(stat)) == sizeof(stat)) {
        uint16_t tag = le16_to_cpu(stat.tag);

        offset += sizeof(stat);
        if (tag < VIRTIO_BALLOON_S_NR) {
            s->stats[tag] = le64_to_cpu(stat.val);
        }
    }
    s->stats_vq_offset = offset;
    s->stats_last_update = g_get_real_time() / G_USEC_PER_SEC;
    if (balloon_stats_enabled(s)) {
        balloon_stats_change_timer(s, s->stats_poll_interval);
    }
}

static void balloon_stats_get_all(Object *obj, Visitor *v, const char *name,
                                  void *opaque, Error **errp)
{
    VirtIOBalloon *s = VIRTIO_BALLOON(obj);
    bool ok = false;
    int i;

    if (!visit_start_struct(v, name, NULL, 0, errp)) {
        return;
    }
    if (!visit_type_int(v, "last-update", &s->stats_last_update, errp)) {
        goto out_end;
    }
    if (!visit_start_struct(v, "stats", NULL, 0, errp)) {
        goto out_end;
    }
    for (i = 0; i < VIRTIO_BALLOON_S_NR; i++) {
        if (!visit_type_uint64(v, balloon_stat_names[i], &s->stats[i],
                               errp)) {
            goto out_nested;
        }
    }
    ok = visit_check_struct(v, errp);
out_nested:
    visit_end_struct(v, NULL);
    if (ok) {
        visit_check_struct(v, errp);
    }
out_end:
    visit_end_struct(v, NULL);
}

static void balloon_stats_get_poll_interval(Object *obj, Visitor *v,
                                            const char *name, void *opaque,
                                            Error **errp)
{
    VirtIOBalloon *s = opaque;

    visit_type_int(v, name, &s->stats_poll_interval, errp);
}

static void balloon_stats_set_poll_interval(Object *obj, Visitor *v,
                                            const char *name, void *opaque,
                                            Error **errp)
{
    VirtIOBalloon *s = opaque;
    int64_t value;

    if (!visit_type_int(v, name, &value, errp)) {
        return;
    }
    if (value < 0) {
        error_setg(errp, "timer value must be greater than zero");
        return;
    }
    if (value > UINT32_MAX) {
        error_setg(errp, "timer value is too big");
        return;
    }
    s->stats_poll_interval = value;
    if (!value) {
        timer_del(s->stats_timer);
        return;
    }
    balloon_stats_change_timer(s, 0);
}

static void virtio_balloon_get_config(VirtIODevice *vdev, uint8_t *config_data)
{
    VirtIOBalloon *dev = VIRTIO_BALLOON(vdev);
    struct virtio_balloon_config config = {};

    config.num_pages = cpu_to_le32(dev->num_pages);
    config.actual = cpu_to_le32(dev->actual);
    memcpy(config_data, &config, vdev->config_len);
}

static void virtio_balloon_set_config(VirtIODevice *vdev,
                                      const uint8_t *config_data)
{
    VirtIOBalloon *dev = VIRTIO_BALLOON(vdev);
    struct virtio_balloon_config config;
    uint32_t oldactual = dev->actual;

    memcpy(&config, config_data, MIN(sizeof(config), vdev->config_len));
    dev->actual = le32_to_cpu(config.actual);
    if (dev->actual != oldactual) {
        qapi_event_send_balloon_change(balloon_ram_size() -
            ((ram_addr_t)dev->actual << VIRTIO_BALLOON_PFN_SHIFT));
    }
}

static uint64_t virtio_balloon_get_features(VirtIODevice *vdev, uint64_t f,
                                            Error **errp)
{
    VirtIOBalloon *dev = VIRTIO_BALLOON(vdev);

    f |= dev->host_features;
    virtio_add_feature(&f, VIRTIO_BALLOON_F_STATS_VQ);
    return f;
}

static void virtio_balloon_to_target(VirtIOBalloon *dev, ram_addr_t target)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(dev);
    ram_addr_t ram_size = balloon_ram_size();

    if (target > ram_size) {
        target = ram_size;
    }
    if (target) {
        dev->num_pages = (ram_size - target) >> VIRTIO_BALLOON_PFN_SHIFT;
        virtio_notify_config(vdev);
    }
}

QDict *qmp_query_balloon(Error **errp)
{
    QDict *info;

    if (!balloon_active) {
        error_set(errp, ERROR_CLASS_DEVICE_NOT_ACTIVE,
                  "No balloon device has been activated");
        return NULL;
    }
    info = qdict_new();
    qdict_put_int(info, "actual", balloon_ram_size() -
                  ((ram_addr_t)balloon_active->actual <<
                   VIRTIO_BALLOON_PFN_SHIFT));
    return info;
}

void qmp_balloon(int64_t value, Error **errp)
{
    if (!balloon_active) {
        error_set(errp, ERROR_CLASS_DEVICE_NOT_ACTIVE,
                  "No balloon device has been activated");
        return;
    }
    if (value <= 0) {
        error_setg(errp, "Parameter 'target' expects a size");
        return;
    }
    virtio_balloon_to_target(balloon_active, value);
}

static size_t virtio_balloon_config_size(VirtIOBalloon *s)
{
    /* num_pages + actual; the hint/poison fields need their features. */
    return offsetof(struct virtio_balloon_config, free_page_hint_cmd_id);
}

static void virtio_balloon_device_realize(DeviceState *dev, Error **errp)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(dev);
    VirtIOBalloon *s = VIRTIO_BALLOON(dev);

    if (balloon_active) {
        error_setg(errp, "Only one balloon device is supported");
        return;
    }
    if (virtio_has_feature(s->host_features,
                           VIRTIO_BALLOON_F_FREE_PAGE_HINT)) {
        error_setg(errp, "free-page-hint is not supported");
        return;
    }
    virtio_init(vdev, VIRTIO_ID_BALLOON, virtio_balloon_config_size(s));
    s->ivq = virtio_add_queue(vdev, 128, virtio_balloon_handle_output);
    s->dvq = virtio_add_queue(vdev, 128, virtio_balloon_handle_output);
    s->svq = virtio_add_queue(vdev, 128, virtio_balloon_receive_stats);
    if (virtio_has_feature(s->host_features,
                           VIRTIO_BALLOON_F_REPORTING)) {
        s->reporting_vq = virtio_add_queue(vdev, 32,
                                           virtio_balloon_handle_report);
    }
    s->stats_timer = timer_new_ms(QEMU_CLOCK_VIRTUAL,
                                  balloon_stats_poll_cb, s);
    balloon_active = s;
}

static void virtio_balloon_device_unrealize(DeviceState *dev)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(dev);
    VirtIOBalloon *s = VIRTIO_BALLOON(dev);
    int i, n = virtio_get_num_queues(vdev);

    timer_free(s->stats_timer);
    g_free(s->stats_vq_elem);
    s->stats_vq_elem = NULL;
    for (i = n - 1; i >= 0; i--) {
        virtio_del_queue(vdev, i);
    }
    if (balloon_active == s) {
        balloon_active = NULL;
    }
    virtio_cleanup(vdev);
}

static void virtio_balloon_device_reset(VirtIODevice *vdev)
{
    VirtIOBalloon *s = VIRTIO_BALLOON(vdev);

    /* The element belonged to the old driver's rings. */
    g_free(s->stats_vq_elem);
    s->stats_vq_elem = NULL;
}

static void virtio_balloon_instance_init(Object *obj)
{
    VirtIOBalloon *s = VIRTIO_BALLOON(obj);
    int i;

    for (i = 0; i < VIRTIO_BALLOON_S_NR; i++) {
        s->stats[i] = -1;
    }
    object_property_add(obj, "guest-stats", "guest statistics",
                        balloon_stats_get_all, NULL, NULL, NULL);
    object_property_add(obj, "guest-stats-polling-interval", "int",
                        balloon_stats_get_poll_interval,
                        balloon_stats_set_poll_interval, NULL, s);
}

static Property virtio_balloon_properties[] = {
    DEFINE_PROP_BIT("deflate-on-oom", VirtIOBalloon, host_features,
                    VIRTIO_BALLOON_F_DEFLATE_ON_OOM, false),
    DEFINE_PROP_BIT("free-page-hint", VirtIOBalloon, host_features,
                    VIRTIO_BALLOON_F_FREE_PAGE_HINT, false),
    DEFINE_PROP_BIT("free-page-reporting", VirtIOBalloon, host_features,
                    VIRTIO_BALLOON_F_REPORTING, false),
    DEFINE_PROP_END_OF_LIST(),
};

static void virtio_balloon_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_CLASS(klass);

    device_class_set_props(dc, virtio_balloon_properties);
    set_bit(DEVICE_CATEGORY_MISC, dc->categories);
    vdc->realize = virtio_balloon_device_realize;
    vdc->unrealize = virtio_balloon_device_unrealize;
    vdc->reset = virtio_balloon_device_reset;
    vdc->get_config = virtio_balloon_get_config;
    vdc->set_config = virtio_balloon_set_config;
    vdc->get_features = virtio_balloon_get_features;
}

static const TypeInfo virtio_balloon_info = {
    .name = TYPE_VIRTIO_BALLOON,
    .parent = TYPE_VIRTIO_DEVICE,
    .instance_size = sizeof(VirtIOBalloon),
    .instance_init = virtio_balloon_instance_init,
    .class_init = virtio_balloon_class_init,
};

static void virtio_register_types(void)
{
    type_register_static(&virtio_balloon_info);
}

type_init(virtio_register_types)
