/*
 * virtio-balloon device model ("virtio-balloon-device"): the guest
 * gives pages back (inflate) or takes them again (deflate) on request
 * of the host (QMP balloon), reports memory statistics on the stats
 * queue and, with free-page-reporting, free pages on the reporting
 * queue.  Discarded pages are dropped from the host mapping.
 */
#ifndef QEMU_VIRTIO_BALLOON_H
#define QEMU_VIRTIO_BALLOON_H

#include <linux/virtio_balloon.h>
#include "hw/virtio/virtio.h"
#include "qemu/timer.h"

#define TYPE_VIRTIO_BALLOON "virtio-balloon-device"
OBJECT_DECLARE_SIMPLE_TYPE(VirtIOBalloon, VIRTIO_BALLOON)

/* The balloon always works in 4 KiB pages, whatever the host uses. */
#define VIRTIO_BALLOON_PFN_SHIFT 12

typedef struct virtio_balloon_stat VirtIOBalloonStat;

struct VirtIOBalloon {
    VirtIODevice parent_obj;

    VirtQueue *ivq, *dvq, *svq, *reporting_vq;
    uint32_t num_pages;
    uint32_t actual;
    uint64_t stats[VIRTIO_BALLOON_S_NR];
    /* The stats buffer the guest left with us, returned to ask again. */
    VirtQueueElement *stats_vq_elem;
    size_t stats_vq_offset;
    QEMUTimer *stats_timer;
    int64_t stats_last_update;
    int64_t stats_poll_interval;
    uint32_t host_features;
};

/* QMP handlers (prototypes also generated from virtio-devices.json). */
QDict *qmp_query_balloon(Error **errp);
void qmp_balloon(int64_t value, Error **errp);

#endif
