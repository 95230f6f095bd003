/*
 * IDE/ATA core: the task-file registers of one channel, the ATA command
 * set of hard disks (PIO, multiple, DMA, LBA28/48) and the plumbing the
 * ATAPI code and the controllers' bus-master engines plug into.
 *
 * Block I/O is asynchronous (blk_aio_*): a register write starts the
 * request and returns; the drive shows BSY (PIO, FLUSH) or DRQ (DMA)
 * until the completion callback, which runs on the main loop thread with
 * the BQL held, moves the data, updates the task file and raises INTRQ.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/error-report.h"
#include "qemu/bswap.h"
#include "qemu/memalign.h"
#include "qemu/main-loop.h"
#include "sysemu/runstate.h"
#include "sysemu/block-backend.h"
#include "hw/ide/internal.h"

#define IDE_HW_VERSION "2.5+"

static int ide_drive_serial = 1;

static void ide_dummy_transfer_stop(IDEState *s);

/* ---- helpers ------------------------------------------------------- */

/* ATA strings are space-padded and byte-swapped within each word. */
static void padstr(uint8_t *dst, const char *src, int len)
{
    int i, n = strlen(src);

    for (i = 0; i < len; i++) {
        dst[i ^ 1] = i < n ? src[i] : ' ';
    }
}

static void put_le16(uint8_t *p, int word, uint16_t v)
{
    stw_le_p(p + word * 2, v);
}

bool ide_medium_present(IDEState *s)
{
    return s->blk && blk_is_inserted(s->blk) && !s->tray_open;
}

IDEState *ide_bus_active_if(IDEBus *bus)
{
    return &bus->ifs[bus->unit];
}

static bool ide_bus_empty(IDEBus *bus)
{
    return !bus->ifs[0].present && !bus->ifs[1].present;
}

void ide_set_irq(IDEBus *bus)
{
    if (bus->cmd & IDE_CTRL_DISABLE_IRQ) {
        return;
    }
    if (bus->dma && bus->dma->ops->set_intr) {
        bus->dma->ops->set_intr(bus->dma);
    }
    qemu_irq_raise(bus->irq);
}

int64_t ide_get_sector(IDEState *s)
{
    int64_t sector;

    if (s->select & 0x40) {
        if (!s->lba48) {
            sector = ((s->select & 0x0f) << 24) | (s->hcyl << 16) |
                     (s->lcyl << 8) | s->sector;
        } else {
            sector = ((int64_t)s->hob_hcyl << 40) |
                     ((int64_t)s->hob_lcyl << 32) |
                     ((int64_t)s->hob_sector << 24) |
                     ((int64_t)s->hcyl << 16) |
                     ((int64_t)s->lcyl << 8) | s->sector;
        }
    } else {
        /* CHS; sector numbers start at 1 */
        sector = (((s->hcyl << 8) | s->lcyl) * s->heads +
                  (s->select & 0x0f)) * s->sectors + (s->sector - 1);
    }
    return sector;
}

void ide_set_sector(IDEState *s, int64_t sector_num)
{
    if (s->select & 0x40) {
        if (!s->lba48) {
            s->select = (s->select & 0xf0) | ((sector_num >> 24) & 0x0f);
        } else {
            s->hob_sector = sector_num >> 24;
            s->hob_lcyl = sector_num >> 32;
            s->hob_hcyl = sector_num >> 40;
        }
        s->hcyl = sector_num >> 16;
        s->lcyl = sector_num >> 8;
        s->sector = sector_num;
    } else if (s->heads && s->sectors) {
        uint32_t cyl = sector_num / (s->heads * s->sectors);
        uint32_t r = sector_num % (s->heads * s->sectors);

        s->hcyl = cyl >> 8;
        s->lcyl = cyl;
        s->select = (s->select & 0xf0) | ((r / s->sectors) & 0x0f);
        s->sector = (r % s->sectors) + 1;
    }
}

/* Sector count of the current command: 0 means 256 (65536 for LBA48). */
static uint32_t ide_cmd_nsectors(IDEState *s)
{
    if (s->lba48) {
        uint32_t n = (s->hob_nsector << 8) | (s->nsector & 0xff);
        return n ? n : 65536;
    }
    return (s->nsector & 0xff) ? (s->nsector & 0xff) : 256;
}

static bool ide_sect_range_ok(IDEState *s, int64_t sector, uint64_t n)
{
    return sector >= 0 && (uint64_t)sector <= s->nb_sectors &&
           n <= s->nb_sectors - sector;
}

/* ---- transfers ------------------------------------------------------ */

void ide_transfer_start(IDEState *s, uint8_t *buf, int size,
                        EndTransferFunc *end)
{
    s->data_ptr = buf;
    s->data_end = buf + size;
    s->end_transfer_func = end;
    s->status |= DRQ_STAT;
}

void ide_transfer_stop(IDEState *s)
{
    s->data_ptr = s->data_end = s->io_buffer;
    s->end_transfer_func = ide_dummy_transfer_stop;
    s->status &= ~DRQ_STAT;
}

static void ide_dummy_transfer_stop(IDEState *s)
{
    s->data_ptr = s->data_end = s->io_buffer;
    s->status &= ~DRQ_STAT;
}

void ide_abort_command(IDEState *s)
{
    ide_transfer_stop(s);
    s->dma_pending = false;
    s->status = READY_STAT | ERR_STAT;
    s->error = ABRT_ERR;
}

static void ide_cmd_done(IDEState *s)
{
    s->status = READY_STAT | SEEK_STAT;
    ide_set_irq(s->bus);
}

static void ide_rw_error(IDEState *s)
{
    ide_abort_command(s);
    ide_set_irq(s->bus);
}

/* ---- asynchronous block requests ------------------------------------ */

/*
 * A drive has at most one block request in flight (s->aiocb); its
 * completion runs on the main loop thread with the BQL held.  Every
 * completion callback starts with ide_aio_done(), which tells it to
 * drop the result when the request was cancelled by a reset or by the
 * guest stopping the bus-master engine.
 */
static bool ide_aio_done(IDEState *s)
{
    s->aiocb = NULL;
    if (s->io_cancelled) {
        s->io_cancelled = false;
        return false;
    }
    return true;
}

/* Waits for the request in flight, if any, and forgets its result. */
static void ide_cancel_io(IDEState *s)
{
    if (s->aiocb) {
        s->io_cancelled = true;
        blk_drain(s->blk);
        s->aiocb = NULL;
        s->io_cancelled = false;
    }
}

static void ide_set_io_buffer(IDEState *s, int64_t sectors)
{
    s->io_sectors = sectors;
    qemu_iovec_init_buf(&s->qiov, s->io_buffer, sectors * 512);
}

/*
 * Apply werror/rerror to a failed request.  Returns true when the
 * command has been dealt with (error reported or VM stopped for a
 * retry), false when the error is to be ignored.
 */
bool ide_handle_rw_error(IDEState *s, int error, bool is_read,
                         void (*retry_fn)(IDEState *s))
{
    BlockErrorAction action = BLOCK_ERROR_ACTION_REPORT;

    if (s->blk) {
        action = blk_get_error_action(s->blk, is_read, error);
    }
    if (action == BLOCK_ERROR_ACTION_IGNORE) {
        if (s->blk) {
            blk_error_action(s->blk, action, is_read, error);
        }
        return false;
    }
    if (action == BLOCK_ERROR_ACTION_STOP) {
        /* Stay busy; the request runs again when the VM resumes. */
        s->retry_fn = retry_fn;
        s->status = READY_STAT | BUSY_STAT;
        blk_error_action(s->blk, action, is_read, error);
        if (runstate_is_running()) {
            vm_stop(RUN_STATE_IO_ERROR);
        }
        return true;
    }
    if (s->blk) {
        blk_error_action(s->blk, action, is_read, error);
        block_acct_failed(blk_get_stats(s->blk), &s->acct);
    }
    ide_rw_error(s);
    return true;
}

static void ide_restart_bh(void *opaque)
{
    IDEBus *bus = opaque;
    int i;

    if (!runstate_is_running()) {
        return;     /* stopped again before the BH ran */
    }
    for (i = 0; i < MAX_IDE_DEVS; i++) {
        IDEState *s = &bus->ifs[i];
        void (*fn)(IDEState *) = s->retry_fn;

        if (fn) {
            s->retry_fn = NULL;
            fn(s);
        }
    }
}

static void ide_restart_cb(void *opaque, bool running, RunState state)
{
    IDEBus *bus = opaque;

    if (running && bus->retry_bh) {
        qemu_bh_schedule(bus->retry_bh);
    }
}

void ide_register_restart_cb(IDEBus *bus)
{
    bus->retry_bh = qemu_bh_new(ide_restart_bh, bus);
    qemu_add_vm_change_state_handler(ide_restart_cb, bus);
}

/* ---- PIO sector transfers ------------------------------------------ */

static void ide_sector_read(IDEState *s);

static void ide_sector_read_cb(void *opaque, int ret)
{
    IDEState *s = opaque;
    int n = s->io_sectors;

    if (!ide_aio_done(s)) {
        return;
    }
    s->status &= ~BUSY_STAT;
    if (ret < 0 && ide_handle_rw_error(s, -ret, true, ide_sector_read)) {
        return;
    }
    block_acct_done(blk_get_stats(s->blk), &s->acct);
    s->xfer_sector += n;
    s->xfer_remaining -= n;
    ide_set_sector(s, s->xfer_sector);
    s->nsector = s->xfer_remaining & 0xff;
    s->status = READY_STAT | SEEK_STAT;
    ide_transfer_start(s, s->io_buffer, n * 512, ide_sector_read);
    ide_set_irq(s->bus);
}

/*
 * Load the next DRQ block of a READ SECTORS/MULTIPLE, or finish.  The
 * drive is busy until the block is in io_buffer; then DRQ and INTRQ.
 */
static void ide_sector_read(IDEState *s)
{
    int n;

    if (s->xfer_remaining == 0) {
        ide_transfer_stop(s);
        s->status = READY_STAT | SEEK_STAT;
        return;
    }
    n = MIN(s->xfer_remaining, s->req_nb_sectors);
    s->status = READY_STAT | SEEK_STAT | BUSY_STAT;
    ide_set_io_buffer(s, n);
    block_acct_start(blk_get_stats(s->blk), &s->acct, n * 512,
                     BLOCK_ACCT_READ);
    s->aiocb = blk_aio_preadv(s->blk, s->xfer_sector * 512, &s->qiov, 0,
                              ide_sector_read_cb, s);
}

static void ide_sector_write(IDEState *s);

static void ide_sector_write_cb(void *opaque, int ret)
{
    IDEState *s = opaque;
    int n = s->io_sectors;

    if (!ide_aio_done(s)) {
        return;
    }
    s->status &= ~BUSY_STAT;
    if (ret < 0 && ide_handle_rw_error(s, -ret, false, ide_sector_write)) {
        return;
    }
    block_acct_done(blk_get_stats(s->blk), &s->acct);
    s->xfer_sector += n;
    s->xfer_remaining -= n;
    ide_set_sector(s, s->xfer_sector);
    s->nsector = s->xfer_remaining & 0xff;
    s->status = READY_STAT | SEEK_STAT;
    if (s->xfer_remaining == 0) {
        ide_transfer_stop(s);
    } else {
        n = MIN(s->xfer_remaining, s->req_nb_sectors);
        ide_transfer_start(s, s->io_buffer, n * 512, ide_sector_write);
    }
    ide_set_irq(s->bus);
}

/*
 * The guest filled a DRQ block: write it (busy meanwhile), then ask for
 * the next one.  Also the retry after werror=stop: io_buffer still
 * holds the block.
 */
static void ide_sector_write(IDEState *s)
{
    int n = MIN(s->xfer_remaining, s->req_nb_sectors);

    s->status = READY_STAT | SEEK_STAT | BUSY_STAT;
    ide_set_io_buffer(s, n);
    block_acct_start(blk_get_stats(s->blk), &s->acct, n * 512,
                     BLOCK_ACCT_WRITE);
    s->aiocb = blk_aio_pwritev(s->blk, s->xfer_sector * 512, &s->qiov, 0,
                               ide_sector_write_cb, s);
}

/* Common set-up of a read/write command; false if it was rejected. */
static bool ide_rw_setup(IDEState *s, bool lba48)
{
    uint32_t n;

    s->lba48 = lba48;
    if (!s->blk || !blk_is_inserted(s->blk)) {
        ide_rw_error(s);
        return false;
    }
    n = ide_cmd_nsectors(s);
    s->xfer_sector = ide_get_sector(s);
    if (!ide_sect_range_ok(s, s->xfer_sector, n)) {
        s->error = ID_ERR | ABRT_ERR;
        ide_transfer_stop(s);
        s->status = READY_STAT | ERR_STAT;
        ide_set_irq(s->bus);
        return false;
    }
    s->xfer_remaining = n;
    return true;
}

static void ide_cmd_pio_read(IDEState *s, bool lba48, int per_block)
{
    if (!ide_rw_setup(s, lba48)) {
        return;
    }
    s->req_nb_sectors = per_block;
    ide_sector_read(s);
}

static void ide_cmd_pio_write(IDEState *s, bool lba48, int per_block)
{
    if (!ide_rw_setup(s, lba48)) {
        return;
    }
    if (!blk_is_writable(s->blk)) {
        ide_rw_error(s);
        return;
    }
    s->req_nb_sectors = per_block;
    s->status = READY_STAT | SEEK_STAT;
    ide_transfer_start(s, s->io_buffer,
                       MIN(s->xfer_remaining, per_block) * 512,
                       ide_sector_write);
}

/* ---- bus-master DMA ------------------------------------------------- */

void ide_start_dma(IDEState *s, IDEDMACmd cmd)
{
    IDEDMA *dma = s->bus->dma;

    if (!dma) {
        ide_rw_error(s);
        return;
    }
    s->dma_cmd = cmd;
    s->dma_pending = true;
    s->end_transfer_func = NULL;
    s->status = READY_STAT | SEEK_STAT | DRQ_STAT;
    dma->ops->start_dma(dma, s);
}

/* The DMA command is over (either way): the engine goes idle. */
void ide_dma_end(IDEState *s)
{
    IDEDMA *dma = s->bus->dma;

    s->dma_active = false;
    dma->ops->set_inactive(dma, false);
}

/*
 * The guest cleared the engine's START bit: a request in flight is
 * waited for and dropped, the command ends without an interrupt.
 */
void ide_cancel_dma_sync(IDEState *s)
{
    if (!s->dma_active) {
        return;
    }
    ide_cancel_io(s);
    s->dma_active = false;
    s->retry_fn = NULL;
    s->xfer_remaining = 0;
    s->atapi_total = 0;
    s->atapi_blocks = 0;
    s->status = READY_STAT | SEEK_STAT;
}

static void ide_cmd_dma(IDEState *s, bool lba48, bool is_write)
{
    if (!ide_rw_setup(s, lba48)) {
        return;
    }
    if (is_write && !blk_is_writable(s->blk)) {
        ide_rw_error(s);
        return;
    }
    ide_start_dma(s, is_write ? IDE_DMA_WRITE : IDE_DMA_READ);
}

static void ide_dma_bad_address(IDEState *s)
{
    IDEDMA *dma = s->bus->dma;

    dma->ops->set_error(dma);
    ide_dma_end(s);
    ide_rw_error(s);
}

/* A block-layer error during DMA; true if the command ended (or waits). */
static bool ide_dma_io_error(IDEState *s, int ret, bool is_read,
                             void (*retry_fn)(IDEState *s))
{
    if (!ide_handle_rw_error(s, -ret, is_read, retry_fn)) {
        return false;
    }
    if (!s->retry_fn) {
        ide_dma_end(s);
    }
    return true;
}

/*
 * DATA SET MANAGEMENT / TRIM: the guest sends 512-byte blocks of 8-byte
 * entries (48-bit LBA, 16-bit count); each non-empty range is discarded
 * (one request at a time, from the completion of the previous one).
 */
static void ide_trim_next(IDEState *s);

static void ide_trim_cb(void *opaque, int ret)
{
    IDEState *s = opaque;

    if (!ide_aio_done(s)) {
        return;
    }
    /* Discarding is advisory: a failure leaves the data in place. */
    ide_trim_next(s);
}

static void ide_trim_next(IDEState *s)
{
    while (s->trim_pos + 8 <= s->trim_len) {
        uint64_t entry = ldq_le_p(s->io_buffer + s->trim_pos);
        int64_t sector = entry & 0x0000ffffffffffffULL;
        uint16_t count = entry >> 48;

        s->trim_pos += 8;
        if (!count) {
            continue;
        }
        if (!ide_sect_range_ok(s, sector, count)) {
            block_acct_invalid(blk_get_stats(s->blk), BLOCK_ACCT_UNMAP);
            ide_dma_end(s);
            ide_rw_error(s);
            return;
        }
        s->aiocb = blk_aio_pdiscard(s->blk, sector * 512,
                                    (int64_t)count * 512, ide_trim_cb, s);
        return;
    }
    s->xfer_remaining = 0;
    s->status = READY_STAT | SEEK_STAT;
    ide_dma_end(s);
    ide_set_irq(s->bus);
}

static void ide_dma_trim(IDEState *s)
{
    IDEDMA *dma = s->bus->dma;
    int moved;

    moved = dma->ops->rw_buf(dma, s->io_buffer, s->xfer_remaining * 512,
                             false);
    if (moved < 0) {
        ide_dma_bad_address(s);
        return;
    }
    s->trim_pos = 0;
    s->trim_len = moved;
    ide_trim_next(s);
}

/* ATAPI data-in by DMA: stage reply bytes (reading the CD as needed). */
static void ide_dma_atapi(IDEState *s)
{
    IDEDMA *dma = s->bus->dma;

    while (s->atapi_total) {
        int avail = ide_atapi_fill(s, ide_dma_atapi);
        int moved;

        if (avail == IDE_ATAPI_FILL_PENDING) {
            return;     /* comes back here when the read completes */
        }
        if (avail <= 0) {
            return;     /* ide_atapi_fill reported the error */
        }
        avail = MIN((uint32_t)avail, s->atapi_total);
        moved = dma->ops->rw_buf(dma, s->io_buffer + s->atapi_buf_pos,
                                 avail, true);
        if (moved < 0) {
            dma->ops->set_error(dma);
            ide_dma_end(s);
            ide_atapi_cmd_error(s, SENSE_ILLEGAL_REQUEST,
                                ASC_INV_FIELD_IN_CMD_PACKET);
            return;
        }
        s->atapi_buf_pos += moved;
        s->atapi_total -= moved;
        if (moved < avail) {
            break;      /* PRD table shorter than the reply */
        }
    }
    ide_dma_end(s);
    s->atapi_total = 0;
    ide_atapi_cmd_ok(s);
}

/* ATA READ/WRITE DMA: one chunk of up to IDE_DMA_BUF_SECTORS at a time. */
static void ide_dma_step(IDEState *s);

/* The PRD table ended before the transfer: stop without an interrupt. */
static void ide_dma_short_prd(IDEState *s, int sectors_done)
{
    s->xfer_sector += sectors_done;
    ide_set_sector(s, s->xfer_sector);
    s->status = READY_STAT | SEEK_STAT;
    ide_dma_end(s);
}

static void ide_dma_read_cb(void *opaque, int ret)
{
    IDEState *s = opaque;
    IDEDMA *dma = s->bus->dma;
    int n = s->io_sectors;
    int moved;

    if (!ide_aio_done(s)) {
        return;
    }
    if (ret < 0 && ide_dma_io_error(s, ret, true, ide_dma_step)) {
        return;
    }
    block_acct_done(blk_get_stats(s->blk), &s->acct);
    moved = dma->ops->rw_buf(dma, s->io_buffer, n * 512, true);
    if (moved < 0) {
        ide_dma_bad_address(s);
        return;
    }
    if (moved < n * 512) {
        ide_dma_short_prd(s, moved / 512);
        return;
    }
    s->xfer_sector += n;
    s->xfer_remaining -= n;
    ide_dma_step(s);
}

static void ide_dma_write_submit(IDEState *s);

static void ide_dma_write_cb(void *opaque, int ret)
{
    IDEState *s = opaque;
    int n = s->io_sectors;

    if (!ide_aio_done(s)) {
        return;
    }
    if (ret < 0 && ide_dma_io_error(s, ret, false, ide_dma_write_submit)) {
        return;
    }
    block_acct_done(blk_get_stats(s->blk), &s->acct);
    if (s->dma_short) {
        ide_dma_short_prd(s, n);
        return;
    }
    s->xfer_sector += n;
    s->xfer_remaining -= n;
    ide_dma_step(s);
}

/* Write the chunk staged in io_buffer (also the retry after a stop). */
static void ide_dma_write_submit(IDEState *s)
{
    s->status = READY_STAT | SEEK_STAT | DRQ_STAT;
    ide_set_io_buffer(s, s->io_sectors);
    block_acct_start(blk_get_stats(s->blk), &s->acct, s->io_sectors * 512,
                     BLOCK_ACCT_WRITE);
    s->aiocb = blk_aio_pwritev(s->blk, s->xfer_sector * 512, &s->qiov, 0,
                               ide_dma_write_cb, s);
}

static void ide_dma_step(IDEState *s)
{
    IDEDMA *dma = s->bus->dma;
    int n, moved;

    s->status = READY_STAT | SEEK_STAT | DRQ_STAT;
    if (!s->xfer_remaining) {
        ide_set_sector(s, s->xfer_sector);
        s->nsector = 0;
        s->status = READY_STAT | SEEK_STAT;
        ide_dma_end(s);
        ide_set_irq(s->bus);
        return;
    }
    n = MIN(s->xfer_remaining, IDE_DMA_BUF_SECTORS);
    if (s->dma_cmd == IDE_DMA_READ) {
        ide_set_io_buffer(s, n);
        block_acct_start(blk_get_stats(s->blk), &s->acct, n * 512,
                         BLOCK_ACCT_READ);
        s->aiocb = blk_aio_preadv(s->blk, s->xfer_sector * 512, &s->qiov, 0,
                                  ide_dma_read_cb, s);
        return;
    }
    moved = dma->ops->rw_buf(dma, s->io_buffer, n * 512, false);
    if (moved < 0) {
        ide_dma_bad_address(s);
        return;
    }
    s->dma_short = moved < n * 512;
    s->io_sectors = moved / 512;
    if (!s->io_sectors) {
        ide_dma_short_prd(s, 0);
        return;
    }
    ide_dma_write_submit(s);
}

/*
 * Run the DMA command through the bus-master engine.  Called by the
 * controller once both the command is pending and the engine has been
 * started; the transfer continues from block completions.
 */
void ide_dma_run(IDEState *s)
{
    s->dma_pending = false;
    s->dma_active = true;
    switch (s->dma_cmd) {
    case IDE_DMA_ATAPI:
        ide_dma_atapi(s);
        break;
    case IDE_DMA_TRIM:
        ide_dma_trim(s);
        break;
    default:
        ide_dma_step(s);
        break;
    }
}

/* ---- IDENTIFY ------------------------------------------------------- */

static void ide_identify(IDEState *s)
{
    uint8_t *p = s->identify_data;
    uint64_t lba28 = MIN(s->nb_sectors, 0x0fffffff);
    uint32_t oldsize = s->cylinders * s->heads * s->sectors;

    memset(p, 0, sizeof(s->identify_data));
    put_le16(p, 0, 0x0040);                 /* fixed disk */
    put_le16(p, 1, s->cylinders);
    put_le16(p, 3, s->heads);
    put_le16(p, 4, 512 * s->sectors);       /* obsolete */
    put_le16(p, 5, 512);
    put_le16(p, 6, s->sectors);
    padstr(p + 20, s->drive_serial_str, 20);
    put_le16(p, 20, 3);                     /* dual-ported buffer */
    put_le16(p, 21, 512);                   /* cache size in sectors */
    put_le16(p, 22, 4);                     /* ECC bytes */
    padstr(p + 46, s->version, 8);
    padstr(p + 54, s->drive_model_str, 40);
    put_le16(p, 47, 0x8000 | MAX_MULT_SECTORS);
    put_le16(p, 48, 1);                     /* dword I/O */
    put_le16(p, 49, (1 << 11) | (1 << 9) | (1 << 8)); /* IORDY, LBA, DMA */
    put_le16(p, 51, 0x200);
    put_le16(p, 52, 0x200);
    put_le16(p, 53, 1 | (1 << 1) | (1 << 2));  /* words 54-58, 64-70, 88 */
    put_le16(p, 54, s->cylinders);
    put_le16(p, 55, s->heads);
    put_le16(p, 56, s->sectors);
    put_le16(p, 57, oldsize);
    put_le16(p, 58, oldsize >> 16);
    if (s->mult_sectors) {
        put_le16(p, 59, 0x100 | s->mult_sectors);
    }
    put_le16(p, 60, lba28);
    put_le16(p, 61, lba28 >> 16);
    put_le16(p, 62, 0x07);                  /* single word DMA 0-2 */
    put_le16(p, 63, 0x07);                  /* multiword DMA 0-2 */
    put_le16(p, 64, 0x03);                  /* PIO 3-4 */
    put_le16(p, 65, 120);
    put_le16(p, 66, 120);
    put_le16(p, 67, 120);
    put_le16(p, 68, 120);
    put_le16(p, 69, 1 << 14);               /* deterministic read after TRIM */
    put_le16(p, 80, 0xf0);                  /* ATA-4 to ATA-7 */
    put_le16(p, 81, 0x16);
    put_le16(p, 82, (1 << 14) | (1 << 5) | 1);  /* NOP, write cache, SMART */
    /* FLUSH CACHE EXT, FLUSH CACHE, LBA48 */
    put_le16(p, 83, (1 << 14) | (1 << 13) | (1 << 12) | (1 << 10));
    put_le16(p, 84, (1 << 14) | (s->wwn ? 1 << 8 : 0));
    put_le16(p, 85, (1 << 14) | (s->write_cache ? 1 << 5 : 0) | 1);
    put_le16(p, 86, (1 << 13) | (1 << 12) | (1 << 10));
    put_le16(p, 87, (1 << 14) | (s->wwn ? 1 << 8 : 0));
    put_le16(p, 88, 0x3f | (1 << 13));      /* UDMA 0-5, mode 5 selected */
    put_le16(p, 93, 1 | (1 << 14) | 0x2000);
    put_le16(p, 106, 0x6000);               /* 512-byte logical sectors */
    put_le16(p, 169, 1);                    /* DATA SET MANAGEMENT TRIM */
    put_le16(p, 100, s->nb_sectors);
    put_le16(p, 101, s->nb_sectors >> 16);
    put_le16(p, 102, s->nb_sectors >> 32);
    put_le16(p, 103, s->nb_sectors >> 48);
    if (s->wwn) {
        put_le16(p, 108, s->wwn >> 48);
        put_le16(p, 109, s->wwn >> 32);
        put_le16(p, 110, s->wwn >> 16);
        put_le16(p, 111, s->wwn);
    }
    s->identify_set = true;
}

/* Reflect the SET FEATURES transfer mode in words 62, 63 and 88. */
static void ide_set_xfer_mode(IDEState *s, uint8_t mode)
{
    uint8_t *p = s->identify_data;
    int type = mode >> 3, val = mode & 7;

    put_le16(p, 62, 0x07);
    put_le16(p, 63, 0x07);
    put_le16(p, 88, 0x3f);
    switch (type) {
    case 2:     /* single word DMA */
        put_le16(p, 62, 0x07 | (1 << (val + 8)));
        break;
    case 4:     /* multiword DMA */
        put_le16(p, 63, 0x07 | (1 << (val + 8)));
        break;
    case 8:     /* Ultra DMA */
        put_le16(p, 88, 0x3f | (1 << (val + 8)));
        break;
    default:    /* PIO */
        break;
    }
    s->xfer_mode = mode;
}

static void ide_send_identify(IDEState *s, bool packet)
{
    if (packet) {
        ide_atapi_identify(s);
    } else if (!s->identify_set) {
        ide_identify(s);
    }
    memcpy(s->io_buffer, s->identify_data, sizeof(s->identify_data));
    s->status = READY_STAT | SEEK_STAT;
    ide_transfer_start(s, s->io_buffer, 512, ide_transfer_stop);
    ide_set_irq(s->bus);
}

/* ---- signature and reset ------------------------------------------- */

void ide_set_signature(IDEState *s)
{
    s->select &= 0xf0;      /* head 0 */
    s->nsector = 1;
    s->sector = 1;
    if (s->drive_kind == IDE_CD && s->present) {
        s->lcyl = 0x14;
        s->hcyl = 0xeb;
    } else if (s->present) {
        s->lcyl = 0;
        s->hcyl = 0;
    } else {
        s->lcyl = 0xff;
        s->hcyl = 0xff;
    }
}

void ide_reset(IDEState *s)
{
    ide_cancel_io(s);
    if (s->dma_active && s->bus && s->bus->dma) {
        ide_dma_end(s);
    }
    s->dma_active = false;
    s->mult_sectors = s->drive_kind == IDE_CD ? 0 : MAX_MULT_SECTORS;
    s->feature = 0;
    s->error = 0;
    s->nsector = 0;
    s->sector = 0;
    s->lcyl = 0;
    s->hcyl = 0;
    s->hob_feature = 0;
    s->hob_nsector = 0;
    s->hob_sector = 0;
    s->hob_lcyl = 0;
    s->hob_hcyl = 0;
    s->select = 0xa0 | (s->unit << 4);
    s->status = READY_STAT | SEEK_STAT;
    s->lba48 = false;
    s->dma_pending = false;
    s->retry_fn = NULL;
    s->xfer_remaining = 0;
    s->atapi_total = 0;
    s->atapi_blocks = 0;
    s->atapi_buf_len = s->atapi_buf_pos = 0;
    s->sense_key = SENSE_NONE;
    s->asc = 0;
    ide_set_signature(s);
    s->end_transfer_func = ide_dummy_transfer_stop;
    ide_dummy_transfer_stop(s);
}

void ide_bus_reset(IDEBus *bus)
{
    bus->unit = 0;
    bus->cmd = 0;
    ide_reset(&bus->ifs[0]);
    ide_reset(&bus->ifs[1]);
    if (bus->dma && bus->dma->ops->reset) {
        bus->dma->ops->reset(bus->dma);
    }
    qemu_irq_lower(bus->irq);
}

/* ---- command dispatch ----------------------------------------------- */

static void ide_cmd_set_features(IDEState *s)
{
    switch (s->feature) {
    case 0x02:  /* write cache on */
    case 0x82:  /* write cache off */
        s->write_cache = s->feature == 0x02;
        if (s->blk) {
            blk_set_enable_write_cache(s->blk, s->write_cache);
        }
        if (s->identify_set && s->drive_kind == IDE_HD) {
            put_le16(s->identify_data, 85, (1 << 14) |
                     (s->write_cache ? 1 << 5 : 0) | 1);
        }
        break;
    case 0x03:  /* set transfer mode */
        if (!s->identify_set && s->drive_kind == IDE_HD) {
            ide_identify(s);
        }
        ide_set_xfer_mode(s, s->nsector & 0xff);
        break;
    case 0x05: case 0x85:   /* APM */
    case 0x31: case 0x42: case 0xc2:
    case 0x55: case 0xaa:   /* read look-ahead */
    case 0x66: case 0xcc:   /* reverting to power-on defaults */
    case 0x69: case 0x67: case 0x96: case 0x9a:
        break;
    default:
        ide_abort_command(s);
        ide_set_irq(s->bus);
        return;
    }
    ide_cmd_done(s);
}

static void ide_cmd_flush(IDEState *s);

static void ide_flush_cb(void *opaque, int ret)
{
    IDEState *s = opaque;

    if (!ide_aio_done(s)) {
        return;
    }
    s->status &= ~BUSY_STAT;
    if (ret < 0 && ide_handle_rw_error(s, -ret, false, ide_cmd_flush)) {
        return;
    }
    block_acct_done(blk_get_stats(s->blk), &s->acct);
    ide_cmd_done(s);
}

/* FLUSH CACHE (EXT): busy until the data is on stable storage. */
static void ide_cmd_flush(IDEState *s)
{
    if (!s->blk || !blk_is_inserted(s->blk)) {
        ide_cmd_done(s);
        return;
    }
    s->status = READY_STAT | SEEK_STAT | BUSY_STAT;
    block_acct_start(blk_get_stats(s->blk), &s->acct, 0, BLOCK_ACCT_FLUSH);
    s->aiocb = blk_aio_flush(s->blk, ide_flush_cb, s);
}

static void ide_cmd_set_multiple(IDEState *s)
{
    int n = s->nsector & 0xff;

    if (n > MAX_MULT_SECTORS || (n & (n - 1))) {
        ide_abort_command(s);
        ide_set_irq(s->bus);
        return;
    }
    s->mult_sectors = n;
    if (s->identify_set) {
        put_le16(s->identify_data, 59, n ? 0x100 | n : 0);
    }
    ide_cmd_done(s);
}

static void ide_cmd_multiple(IDEState *s, bool lba48, bool is_write)
{
    if (!s->mult_sectors) {
        ide_abort_command(s);
        ide_set_irq(s->bus);
        return;
    }
    if (is_write) {
        ide_cmd_pio_write(s, lba48, s->mult_sectors);
    } else {
        ide_cmd_pio_read(s, lba48, s->mult_sectors);
    }
}

static void ide_cmd_packet(IDEState *s)
{
    s->atapi_dma = s->feature & 1;
    s->nsector = ATAPI_INT_REASON_CD;
    s->status = READY_STAT | SEEK_STAT;
    ide_transfer_start(s, s->io_buffer, ATAPI_PACKET_SIZE, ide_atapi_cmd);
}

static void ide_cmd_diagnose(IDEBus *bus)
{
    int i;

    for (i = 0; i < MAX_IDE_DEVS; i++) {
        IDEState *t = &bus->ifs[i];

        ide_set_signature(t);
        t->status = t->drive_kind == IDE_CD ? 0 : READY_STAT | SEEK_STAT;
        t->error = 0x01;
    }
    ide_set_irq(bus);
}

static void ide_exec_hd_cmd(IDEState *s, uint8_t cmd)
{
    switch (cmd) {
    case WIN_READ:
    case WIN_READ_ONCE:
        ide_cmd_pio_read(s, false, 1);
        break;
    case WIN_READ_EXT:
        ide_cmd_pio_read(s, true, 1);
        break;
    case WIN_WRITE:
    case WIN_WRITE_ONCE:
        ide_cmd_pio_write(s, false, 1);
        break;
    case WIN_WRITE_EXT:
        ide_cmd_pio_write(s, true, 1);
        break;
    case WIN_MULTREAD:
        ide_cmd_multiple(s, false, false);
        break;
    case WIN_MULTREAD_EXT:
        ide_cmd_multiple(s, true, false);
        break;
    case WIN_MULTWRITE:
        ide_cmd_multiple(s, false, true);
        break;
    case WIN_MULTWRITE_EXT:
        ide_cmd_multiple(s, true, true);
        break;
    case WIN_SETMULT:
        ide_cmd_set_multiple(s);
        break;
    case WIN_READDMA:
    case WIN_READDMA_ONCE:
        ide_cmd_dma(s, false, false);
        break;
    case WIN_READDMA_EXT:
        ide_cmd_dma(s, true, false);
        break;
    case WIN_WRITEDMA:
    case WIN_WRITEDMA_ONCE:
        ide_cmd_dma(s, false, true);
        break;
    case WIN_WRITEDMA_EXT:
        ide_cmd_dma(s, true, true);
        break;
    case WIN_DSM:
        if (s->feature != 0x01 || !s->blk || !(s->nsector & 0xff)) {
            ide_abort_command(s);       /* only TRIM */
            ide_set_irq(s->bus);
            break;
        }
        s->xfer_remaining = s->nsector & 0xff;
        ide_start_dma(s, IDE_DMA_TRIM);
        break;
    case WIN_VERIFY:
    case WIN_VERIFY_ONCE:
    case WIN_VERIFY_EXT:
        if (ide_rw_setup(s, cmd == WIN_VERIFY_EXT)) {
            ide_set_sector(s, s->xfer_sector + s->xfer_remaining - 1);
            ide_cmd_done(s);
        }
        break;
    case WIN_READ_NATIVE_MAX:
    case WIN_READ_NATIVE_MAX_EXT:
        s->lba48 = cmd == WIN_READ_NATIVE_MAX_EXT;
        if (!s->nb_sectors) {
            ide_abort_command(s);
            ide_set_irq(s->bus);
            break;
        }
        ide_set_sector(s, MIN(s->nb_sectors - 1,
                              s->lba48 ? s->nb_sectors - 1 : 0x0fffffff));
        ide_cmd_done(s);
        break;
    case WIN_IDENTIFY:
        ide_send_identify(s, false);
        break;
    case WIN_FLUSH_CACHE:
    case WIN_FLUSH_CACHE_EXT:
        ide_cmd_flush(s);
        break;
    case WIN_SPECIFY:
    case WIN_RECAL:
    case WIN_SEEK:
        ide_cmd_done(s);
        break;
    default:
        ide_abort_command(s);
        ide_set_irq(s->bus);
        break;
    }
}

static void ide_exec_cd_cmd(IDEState *s, uint8_t cmd)
{
    switch (cmd) {
    case WIN_PACKETCMD:
        ide_cmd_packet(s);
        break;
    case WIN_PIDENTIFY:
        ide_send_identify(s, true);
        break;
    case WIN_DEVICE_RESET:
        ide_reset(s);
        s->status = 0x00;
        s->error = 0x01;
        break;
    case WIN_READ:
    case WIN_READ_EXT:
    case WIN_IDENTIFY:
        /* ATA commands reveal the ATAPI signature (ATA-4 9.1). */
        ide_set_signature(s);
        ide_abort_command(s);
        ide_set_irq(s->bus);
        break;
    default:
        ide_abort_command(s);
        ide_set_irq(s->bus);
        break;
    }
}

static void ide_exec_cmd(IDEBus *bus, uint8_t cmd)
{
    IDEState *s = ide_bus_active_if(bus);

    if (!s->present) {
        return;     /* nobody there to answer */
    }
    /* Only DEVICE RESET to an ATAPI device is accepted while busy. */
    if (s->status & (BUSY_STAT | DRQ_STAT)) {
        if (cmd != WIN_DEVICE_RESET || s->drive_kind != IDE_CD) {
            return;
        }
    }
    s->error = 0;
    s->dma_pending = false;
    ide_transfer_stop(s);

    switch (cmd) {
    case WIN_DIAGNOSE:
        ide_cmd_diagnose(bus);
        return;
    case WIN_SETFEATURES:
        ide_cmd_set_features(s);
        return;
    case WIN_NOP:
        ide_abort_command(s);
        ide_set_irq(bus);
        return;
    case WIN_STANDBYNOW1:
    case WIN_IDLEIMMEDIATE:
    case WIN_STANDBY:
    case WIN_SETIDLE1:
    case WIN_SLEEPNOW1:
        ide_cmd_done(s);
        return;
    case WIN_CHECKPOWERMODE1:
        s->nsector = 0xff;  /* active or idle */
        ide_cmd_done(s);
        return;
    }
    if (s->drive_kind == IDE_CD) {
        ide_exec_cd_cmd(s, cmd);
    } else {
        ide_exec_hd_cmd(s, cmd);
    }
}

/* ---- register access ------------------------------------------------ */

void ide_ioport_write(void *opaque, uint32_t addr, uint32_t val)
{
    IDEBus *bus = opaque;
    int i;

    addr &= 7;
    if (addr != 7 && (ide_bus_active_if(bus)->status & BUSY_STAT)) {
        return;     /* the command block is locked while busy */
    }
    if (addr != 7) {
        /* Any task-file write clears HOB (ATA-6 7.2). */
        bus->cmd &= ~IDE_CTRL_HOB;
    }
    for (i = 0; i < MAX_IDE_DEVS && addr != 7; i++) {
        IDEState *s = &bus->ifs[i];

        switch (addr) {
        case 1:
            s->hob_feature = s->feature;
            s->feature = val;
            break;
        case 2:
            s->hob_nsector = s->nsector;
            s->nsector = val & 0xff;
            break;
        case 3:
            s->hob_sector = s->sector;
            s->sector = val;
            break;
        case 4:
            s->hob_lcyl = s->lcyl;
            s->lcyl = val;
            break;
        case 5:
            s->hob_hcyl = s->hcyl;
            s->hcyl = val;
            break;
        case 6:
            s->select = val | 0xa0;
            break;
        }
    }
    if (addr == 6) {
        bus->unit = (val >> 4) & 1;
    } else if (addr == 7) {
        qemu_irq_lower(bus->irq);
        ide_exec_cmd(bus, val);
    }
}

uint32_t ide_ioport_read(void *opaque, uint32_t addr)
{
    IDEBus *bus = opaque;
    IDEState *s = ide_bus_active_if(bus);
    bool hob = bus->cmd & IDE_CTRL_HOB;

    addr &= 7;
    if (addr == 0) {
        return 0xff;    /* byte access to the data port */
    }
    if (addr == 7) {
        qemu_irq_lower(bus->irq);
        return ide_status_read(bus, addr);
    }
    if (ide_bus_empty(bus)) {
        return 0;
    }
    switch (addr) {
    case 1:
        return hob ? s->hob_feature : s->error;
    case 2:
        return hob ? s->hob_nsector : s->nsector & 0xff;
    case 3:
        return hob ? s->hob_sector : s->sector;
    case 4:
        return hob ? s->hob_lcyl : s->lcyl;
    case 5:
        return hob ? s->hob_hcyl : s->hcyl;
    default:
        return s->select;
    }
}

/* Alternate status: the status without acknowledging the interrupt. */
uint32_t ide_status_read(void *opaque, uint32_t addr)
{
    IDEBus *bus = opaque;
    IDEState *s = ide_bus_active_if(bus);

    if (ide_bus_empty(bus) || (s != &bus->ifs[0] && !s->present)) {
        return 0;
    }
    return s->status;
}

void ide_ctrl_write(void *opaque, uint32_t addr, uint32_t val)
{
    IDEBus *bus = opaque;
    int i;

    if (!(bus->cmd & IDE_CTRL_RESET) && (val & IDE_CTRL_RESET)) {
        /* SRST asserted: both devices go busy, requests are dropped */
        for (i = 0; i < MAX_IDE_DEVS; i++) {
            ide_cancel_io(&bus->ifs[i]);
            if (bus->ifs[i].dma_active && bus->dma) {
                ide_dma_end(&bus->ifs[i]);
            }
            bus->ifs[i].retry_fn = NULL;
            bus->ifs[i].status = BUSY_STAT | SEEK_STAT;
            bus->ifs[i].error = 0x01;
        }
    } else if ((bus->cmd & IDE_CTRL_RESET) && !(val & IDE_CTRL_RESET)) {
        /* SRST released: reset, diagnostics passed, signatures set */
        for (i = 0; i < MAX_IDE_DEVS; i++) {
            IDEState *s = &bus->ifs[i];

            ide_reset(s);
            s->status = s->drive_kind == IDE_CD ? 0 : READY_STAT | SEEK_STAT;
            s->error = 0x01;
        }
        bus->unit = 0;
        if (bus->dma && bus->dma->ops->reset) {
            bus->dma->ops->reset(bus->dma);
        }
    }
    if (val & IDE_CTRL_DISABLE_IRQ) {
        qemu_irq_lower(bus->irq);
    }
    bus->cmd = val;
}

static bool ide_data_ready(IDEState *s, int size)
{
    return (s->status & DRQ_STAT) && s->end_transfer_func &&
           s->data_ptr + size <= s->data_end;
}

static void ide_data_advance(IDEState *s, int size)
{
    s->data_ptr += size;
    if (s->data_ptr >= s->data_end) {
        s->status &= ~DRQ_STAT;
        s->end_transfer_func(s);
    }
}

void ide_data_writew(void *opaque, uint32_t addr, uint32_t val)
{
    IDEState *s = ide_bus_active_if(opaque);

    if (!ide_data_ready(s, 2)) {
        return;
    }
    stw_le_p(s->data_ptr, val);
    ide_data_advance(s, 2);
}

uint32_t ide_data_readw(void *opaque, uint32_t addr)
{
    IDEState *s = ide_bus_active_if(opaque);
    uint32_t val;

    if (!ide_data_ready(s, 2)) {
        return 0;
    }
    val = lduw_le_p(s->data_ptr);
    ide_data_advance(s, 2);
    return val;
}

void ide_data_writel(void *opaque, uint32_t addr, uint32_t val)
{
    IDEState *s = ide_bus_active_if(opaque);

    if (!ide_data_ready(s, 4)) {
        return;
    }
    stl_le_p(s->data_ptr, val);
    ide_data_advance(s, 4);
}

uint32_t ide_data_readl(void *opaque, uint32_t addr)
{
    IDEState *s = ide_bus_active_if(opaque);
    uint32_t val;

    if (!ide_data_ready(s, 4)) {
        return 0;
    }
    val = ldl_le_p(s->data_ptr);
    ide_data_advance(s, 4);
    return val;
}

/* ---- set-up ---------------------------------------------------------- */

static void ide_guess_geometry(IDEState *s, uint32_t cyls, uint32_t heads,
                               uint32_t secs)
{
    if (cyls && heads && secs) {
        s->cylinders = cyls;
        s->heads = heads;
        s->sectors = secs;
        return;
    }
    /* LBA-assisted default used by QEMU for disks without hints */
    s->heads = 16;
    s->sectors = 63;
    s->cylinders = MAX(2, MIN(16383, s->nb_sectors / (16 * 63)));
}

int ide_init_drive(IDEState *s, IDEDevice *dev, IDEDriveKind kind,
                   Error **errp)
{
    s->dev = dev;
    s->blk = dev->blk;
    s->drive_kind = kind;
    s->nb_sectors = 0;
    if (s->blk && blk_is_inserted(s->blk)) {
        int64_t len = blk_getlength(s->blk);

        if (len < 0) {
            error_setg_errno(errp, -len, "cannot get the drive size");
            return -1;
        }
        s->nb_sectors = len / 512;
    }
    if (kind == IDE_HD) {
        if (!s->blk || !blk_is_inserted(s->blk)) {
            error_setg(errp, "Device needs media, but drive is empty");
            return -1;
        }
        ide_guess_geometry(s, dev->cyls, dev->heads, dev->secs);
    }
    if (dev->serial) {
        g_strlcpy(s->drive_serial_str, dev->serial,
                  sizeof(s->drive_serial_str));
    } else {
        snprintf(s->drive_serial_str, sizeof(s->drive_serial_str),
                 "QM%05d", s->drive_serial);
    }
    if (dev->model) {
        g_strlcpy(s->drive_model_str, dev->model,
                  sizeof(s->drive_model_str));
    } else {
        g_strlcpy(s->drive_model_str,
                  kind == IDE_CD ? "QEMU DVD-ROM" : "QEMU HARDDISK",
                  sizeof(s->drive_model_str));
    }
    g_strlcpy(s->version, dev->version ? dev->version : IDE_HW_VERSION,
              sizeof(s->version));
    s->wwn = dev->wwn;
    s->write_cache = s->blk ? blk_enable_write_cache(s->blk) : false;
    if (dev->write_cache != ON_OFF_AUTO_AUTO && s->blk) {
        s->write_cache = dev->write_cache == ON_OFF_AUTO_ON;
        blk_set_enable_write_cache(s->blk, s->write_cache);
    }
    s->identify_set = false;
    s->tray_open = false;
    s->tray_locked = false;
    s->cdrom_changed = false;
    s->present = true;
    ide_reset(s);
    return 0;
}

void ide_exit(IDEState *s)
{
    ide_cancel_io(s);
    s->retry_fn = NULL;
    s->dma_active = false;
    s->present = false;
    s->blk = NULL;
    s->dev = NULL;
}

void ide_bus_init(IDEBus *bus, size_t bus_size, DeviceState *dev,
                  int bus_id, int max_units)
{
    qbus_init(bus, bus_size, TYPE_IDE_BUS, dev, NULL);
    bus->bus_id = bus_id;
    bus->max_units = max_units;
}

void ide_init2(IDEBus *bus, qemu_irq irq)
{
    int i;

    for (i = 0; i < MAX_IDE_DEVS; i++) {
        IDEState *s = &bus->ifs[i];

        s->bus = bus;
        s->unit = i;
        /* QEMU numbers the positions, not the drives: QM00001..QM00004 */
        s->drive_serial = ide_drive_serial++;
        s->io_buffer = qemu_memalign(4096, IDE_IO_BUFFER_SIZE);
        memset(s->io_buffer, 0, IDE_IO_BUFFER_SIZE);
        s->end_transfer_func = ide_dummy_transfer_stop;
        ide_reset(s);
    }
    bus->irq = irq;
}
