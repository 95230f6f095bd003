/*
 * Helpers shared by disk front ends for their BlockConf properties.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/units.h"
#include "hw/block/block.h"
#include "sysemu/block-backend.h"

static bool check_block_size(const char *name, uint32_t value, Error **errp)
{
    if (value < 512 || value > 2 * MiB || !is_power_of_2(value)) {
        error_setg(errp, "Property %s doesn't take value %" PRIu32
                   " (must be a power of 2 between 512 and 2097152)",
                   name, value);
        return false;
    }
    return true;
}

bool blkconf_blocksizes(BlockConf *conf, Error **errp)
{
    if (!conf->logical_block_size) {
        conf->logical_block_size = 512;
    }
    if (!conf->physical_block_size) {
        conf->physical_block_size = conf->logical_block_size;
    }
    if (!check_block_size("logical_block_size", conf->logical_block_size,
                          errp) ||
        !check_block_size("physical_block_size", conf->physical_block_size,
                          errp)) {
        return false;
    }
    if (conf->logical_block_size > conf->physical_block_size) {
        error_setg(errp,
                   "logical_block_size > physical_block_size not supported");
        return false;
    }
    if (conf->min_io_size % conf->logical_block_size) {
        error_setg(errp,
                   "min_io_size must be a multiple of logical_block_size");
        return false;
    }
    if (conf->opt_io_size % conf->logical_block_size) {
        error_setg(errp,
                   "opt_io_size must be a multiple of logical_block_size");
        return false;
    }
    if (conf->discard_granularity != -1 &&
        conf->discard_granularity % conf->logical_block_size) {
        error_setg(errp, "discard_granularity must be "
                   "a multiple of logical_block_size");
        return false;
    }
    return true;
}

bool blkconf_apply_backend_options(BlockConf *conf, bool readonly,
                                   bool resizable, Error **errp)
{
    BlockBackend *blk = conf->blk;

    if (!readonly && !blk_is_writable(blk) && !blk_supports_write_perm(blk)) {
        error_setg(errp, "Block node is read-only");
        return false;
    }
    if (conf->wce != ON_OFF_AUTO_AUTO) {
        blk_set_enable_write_cache(blk, conf->wce == ON_OFF_AUTO_ON);
    }
    if (conf->rerror != BLOCKDEV_ON_ERROR_AUTO ||
        conf->werror != BLOCKDEV_ON_ERROR_AUTO) {
        BlockdevOnError r = conf->rerror, w = conf->werror;

        if (r == BLOCKDEV_ON_ERROR_AUTO) {
            r = blk_get_on_error(blk, true);
        }
        if (w == BLOCKDEV_ON_ERROR_AUTO) {
            w = blk_get_on_error(blk, false);
        }
        blk_set_on_error(blk, r, w);
    }
    return true;
}

bool blkconf_geometry(BlockConf *conf, int *ptrans, unsigned cyls_max,
                      unsigned heads_max, unsigned secs_max, Error **errp)
{
    if (!conf->cyls && !conf->heads && !conf->secs) {
        uint64_t sectors = conf->blk ? blk_nb_sectors(conf->blk) : 0;
        uint64_t cyls = sectors / (16 * 63);

        conf->heads = 16;
        conf->secs = 63;
        conf->cyls = MAX(1, MIN(cyls, cyls_max));
    }
    if (conf->cyls || conf->heads || conf->secs) {
        if (conf->cyls < 1 || conf->cyls > cyls_max) {
            error_setg(errp, "cyls must be between 1 and %u", cyls_max);
            return false;
        }
        if (conf->heads < 1 || conf->heads > heads_max) {
            error_setg(errp, "heads must be between 1 and %u", heads_max);
            return false;
        }
        if (conf->secs < 1 || conf->secs > secs_max) {
            error_setg(errp, "secs must be between 1 and %u", secs_max);
            return false;
        }
    }
    return true;
}
