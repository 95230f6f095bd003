/*
 * Common block device properties (QEMU's hw/block/block.h): the
 * BlockConf every disk front end embeds, its property macros and the
 * helpers that check it against the backend at realize time.
 */
#ifndef HW_BLOCK_H
#define HW_BLOCK_H

#include "hw/qdev-properties.h"
#include "hw/qdev-properties-system.h"
#include "qapi/qapi-types-common.h"

typedef struct BlockBackend BlockBackend;

typedef struct BlockConf {
    BlockBackend *blk;
    uint32_t physical_block_size;
    uint32_t logical_block_size;
    uint32_t min_io_size;
    uint32_t opt_io_size;
    int32_t bootindex;
    uint32_t discard_granularity;
    /* geometry, not all devices use this */
    uint32_t cyls, heads, secs;
    uint32_t lcyls, lheads, lsecs;
    OnOffAuto wce;
    bool share_rw;
    BlockdevOnError rerror;
    BlockdevOnError werror;
} BlockConf;

#define DEFINE_BLOCK_PROPERTIES_BASE(_state, _conf)                     \
    DEFINE_PROP_ON_OFF_AUTO("write-cache", _state, _conf.wce,           \
                            ON_OFF_AUTO_AUTO),                          \
    DEFINE_PROP_BOOL("share-rw", _state, _conf.share_rw, false),        \
    DEFINE_PROP_UINT32("logical_block_size", _state,                    \
                       _conf.logical_block_size, 0),                    \
    DEFINE_PROP_UINT32("physical_block_size", _state,                   \
                       _conf.physical_block_size, 0),                   \
    DEFINE_PROP_UINT32("min_io_size", _state, _conf.min_io_size, 0),    \
    DEFINE_PROP_UINT32("opt_io_size", _state, _conf.opt_io_size, 0),    \
    DEFINE_PROP_UINT32("discard_granularity", _state,                   \
                       _conf.discard_granularity, -1)

#define DEFINE_BLOCK_PROPERTIES(_state, _conf)                          \
    DEFINE_PROP_DRIVE("drive", _state, _conf.blk),                      \
    DEFINE_BLOCK_PROPERTIES_BASE(_state, _conf)

#define DEFINE_BLOCK_CHS_PROPERTIES(_state, _conf)                      \
    DEFINE_PROP_UINT32("cyls", _state, _conf.cyls, 0),                  \
    DEFINE_PROP_UINT32("heads", _state, _conf.heads, 0),                \
    DEFINE_PROP_UINT32("secs", _state, _conf.secs, 0)

#define DEFINE_BLOCK_ERROR_PROPERTIES(_state, _conf)                    \
    DEFINE_PROP_BLOCKDEV_ON_ERROR("rerror", _state, _conf.rerror,       \
                                  BLOCKDEV_ON_ERROR_AUTO),              \
    DEFINE_PROP_BLOCKDEV_ON_ERROR("werror", _state, _conf.werror,       \
                                  BLOCKDEV_ON_ERROR_AUTO)

/* Block sizes: defaults (512 / logical) and QEMU's validity checks. */
bool blkconf_blocksizes(BlockConf *conf, Error **errp);
/* write-cache and rerror/werror applied to the backend. */
bool blkconf_apply_backend_options(BlockConf *conf, bool readonly,
                                   bool resizable, Error **errp);
/* Default CHS geometry (16 heads, 63 sectors) when not given. */
bool blkconf_geometry(BlockConf *conf, int *ptrans, unsigned cyls_max,
                      unsigned heads_max, unsigned secs_max, Error **errp);

#endif
