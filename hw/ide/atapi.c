/*
 * ATAPI (SFF-8020/MMC) packet commands of ide-cd: a read-only 2048-byte
 * block device with a tray, answering the commands that firmware, Linux
 * and Windows use to find and read a CD/DVD.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/bswap.h"
#include "sysemu/block-backend.h"
#include "hw/ide/internal.h"

#define CD_FRAMES_PER_SECOND    75
#define CD_MSF_OFFSET           150
/* More than a CD holds: report a DVD (as QEMU does). */
#define CD_MAX_SECTORS          (80 * 60 * 75 * 4)

/* Command may run while a UNIT ATTENTION is pending. */
#define ALLOW_UA        0x01
/* Command needs a medium. */
#define CHECK_READY     0x02

static uint32_t atapi_total_blocks(IDEState *s)
{
    return s->nb_sectors >> 2;
}

static bool media_is_dvd(IDEState *s)
{
    return ide_medium_present(s) && s->nb_sectors > CD_MAX_SECTORS;
}

static void lba_to_msf(uint8_t *buf, int lba)
{
    lba += CD_MSF_OFFSET;
    buf[0] = (lba / CD_FRAMES_PER_SECOND) / 60;
    buf[1] = (lba / CD_FRAMES_PER_SECOND) % 60;
    buf[2] = lba % CD_FRAMES_PER_SECOND;
}

static void padstr8(uint8_t *buf, int len, const char *src)
{
    int i, n = strlen(src);

    for (i = 0; i < len; i++) {
        buf[i] = i < n ? src[i] : ' ';
    }
}

static void put_le16(uint8_t *p, int word, uint16_t v)
{
    stw_le_p(p + word * 2, v);
}

static void padstr(uint8_t *dst, const char *src, int len)
{
    int i, n = strlen(src);

    for (i = 0; i < len; i++) {
        dst[i ^ 1] = i < n ? src[i] : ' ';
    }
}

void ide_atapi_identify(IDEState *s)
{
    uint8_t *p = s->identify_data;

    memset(p, 0, sizeof(s->identify_data));
    /* ATAPI, CD-ROM, removable, DRQ within 50 us, 12-byte packets */
    put_le16(p, 0, (2 << 14) | (5 << 8) | (1 << 7) | (2 << 5));
    padstr(p + 20, s->drive_serial_str, 20);
    put_le16(p, 20, 3);
    put_le16(p, 21, 512);
    put_le16(p, 22, 4);
    padstr(p + 46, s->version, 8);
    padstr(p + 54, s->drive_model_str, 40);
    put_le16(p, 48, 1);
    put_le16(p, 49, (1 << 9) | (1 << 8));  /* LBA and DMA */
    put_le16(p, 53, 7);
    put_le16(p, 62, 7);
    put_le16(p, 63, 7);
    put_le16(p, 64, 3);
    put_le16(p, 65, 0xb4);
    put_le16(p, 66, 0xb4);
    put_le16(p, 67, 0x12c);
    put_le16(p, 68, 0xb4);
    put_le16(p, 71, 30);
    put_le16(p, 72, 30);
    put_le16(p, 80, 0x1e);                  /* ATA-1 to ATA-4 */
    put_le16(p, 88, 0x3f | (1 << 13));
    if (s->wwn) {
        put_le16(p, 84, 1 << 8);
        put_le16(p, 87, 1 << 8);
        put_le16(p, 108, s->wwn >> 48);
        put_le16(p, 109, s->wwn >> 32);
        put_le16(p, 110, s->wwn >> 16);
        put_le16(p, 111, s->wwn);
    }
    s->identify_set = true;
}

void ide_atapi_set_sense(IDEState *s, int sense_key, int asc)
{
    s->sense_key = sense_key;
    s->asc = asc;
}

/* Command completed: status phase (I/O and C/D both set). */
void ide_atapi_cmd_ok(IDEState *s)
{
    s->error = 0;
    s->status = READY_STAT | SEEK_STAT;
    s->nsector = (s->nsector & ~7) | ATAPI_INT_REASON_IO | ATAPI_INT_REASON_CD;
    ide_transfer_stop(s);
    ide_atapi_set_sense(s, SENSE_NONE, 0);
    ide_set_irq(s->bus);
}

void ide_atapi_cmd_error(IDEState *s, int sense_key, int asc)
{
    s->error = sense_key << 4;
    s->status = READY_STAT | ERR_STAT;
    s->nsector = (s->nsector & ~7) | ATAPI_INT_REASON_IO | ATAPI_INT_REASON_CD;
    ide_transfer_stop(s);
    s->dma_pending = false;
    ide_atapi_set_sense(s, sense_key, asc);
    ide_set_irq(s->bus);
}

/*
 * A CD read failed.  As QEMU: no medium gives NOT READY, anything else
 * ILLEGAL REQUEST / LOGICAL BLOCK ADDRESS OUT OF RANGE.
 */
static void ide_atapi_io_error(IDEState *s, int ret)
{
    if (ret == -ENOMEDIUM) {
        ide_atapi_cmd_error(s, SENSE_NOT_READY, ASC_MEDIUM_NOT_PRESENT);
    } else {
        ide_atapi_cmd_error(s, SENSE_ILLEGAL_REQUEST, ASC_LOGICAL_BLOCK_OOR);
    }
}

static void ide_atapi_read_cb(void *opaque, int ret)
{
    IDEState *s = opaque;
    int n = s->io_sectors;

    s->aiocb = NULL;
    if (s->io_cancelled) {
        s->io_cancelled = false;
        return;
    }
    if (ret < 0) {
        block_acct_failed(blk_get_stats(s->blk), &s->acct);
        if (s->dma_active) {
            ide_dma_end(s);
        }
        ide_atapi_io_error(s, ret);
        return;
    }
    block_acct_done(blk_get_stats(s->blk), &s->acct);
    s->atapi_lba += n;
    s->atapi_blocks -= n;
    s->atapi_buf_len = n * 2048;
    s->atapi_buf_pos = 0;
    s->status &= ~BUSY_STAT;
    s->atapi_cont(s);
}

/*
 * Make reply bytes available in io_buffer; starts reading the next CD
 * blocks when the staged ones are used up.  Returns the bytes staged,
 * 0 when the reply is done, or IDE_ATAPI_FILL_PENDING when a read was
 * started: @cont runs again once the blocks are in io_buffer (or the
 * command has failed with a sense code).
 */
int ide_atapi_fill(IDEState *s, void (*cont)(IDEState *s))
{
    int n;

    if (s->atapi_buf_pos < s->atapi_buf_len) {
        return s->atapi_buf_len - s->atapi_buf_pos;
    }
    if (!s->atapi_blocks) {
        return 0;
    }
    n = MIN(s->atapi_blocks, IDE_DMA_BUF_SECTORS / 4);
    if (!s->dma_active) {
        s->status = READY_STAT | SEEK_STAT | BUSY_STAT;
    }
    s->atapi_cont = cont;
    s->io_sectors = n;
    qemu_iovec_init_buf(&s->qiov, s->io_buffer, n * 2048);
    block_acct_start(blk_get_stats(s->blk), &s->acct, n * 2048,
                     BLOCK_ACCT_READ);
    s->aiocb = blk_aio_preadv(s->blk, s->atapi_lba * 2048, &s->qiov, 0,
                              ide_atapi_read_cb, s);
    return IDE_ATAPI_FILL_PENDING;
}

static void ide_atapi_pio_block_done(IDEState *s)
{
    s->atapi_buf_pos += s->atapi_xfer;
    s->atapi_total -= s->atapi_xfer;
    ide_atapi_transfer_next(s);
}

/* Offer the next DRQ block of the reply, or end the command. */
void ide_atapi_transfer_next(IDEState *s)
{
    uint32_t limit = s->lcyl | (s->hcyl << 8);
    int avail;
    uint32_t size;

    if (!s->atapi_total) {
        ide_atapi_cmd_ok(s);
        return;
    }
    avail = ide_atapi_fill(s, ide_atapi_transfer_next);
    if (avail < 0) {
        return;     /* read in flight: called again when it is done */
    }
    if (avail == 0) {
        ide_atapi_cmd_ok(s);
        return;
    }
    if (limit == 0 || limit == 0xffff) {
        limit = 0xfffe;
    }
    size = MIN((uint32_t)avail, s->atapi_total);
    if (size > limit) {
        size = limit & ~1;  /* the byte count must stay even mid-reply */
    }
    s->atapi_xfer = size;
    s->lcyl = size;
    s->hcyl = size >> 8;
    s->nsector = (s->nsector & ~7) | ATAPI_INT_REASON_IO;
    s->status = READY_STAT | SEEK_STAT;
    ide_transfer_start(s, s->io_buffer + s->atapi_buf_pos, size,
                       ide_atapi_pio_block_done);
    ide_set_irq(s->bus);
}

/* Start sending a reply of @size bytes (capped at @max) from io_buffer. */
static void ide_atapi_cmd_reply(IDEState *s, uint32_t size, uint32_t max)
{
    s->atapi_total = MIN(size, max);
    s->atapi_buf_len = s->atapi_total;
    s->atapi_buf_pos = 0;
    s->atapi_blocks = 0;
    if (!s->atapi_total) {
        ide_atapi_cmd_ok(s);
    } else if (s->atapi_dma) {
        ide_start_dma(s, IDE_DMA_ATAPI);
    } else {
        ide_atapi_transfer_next(s);
    }
}

static void ide_atapi_cmd_read(IDEState *s, int64_t lba, uint32_t nb)
{
    if (nb == 0) {
        ide_atapi_cmd_ok(s);
        return;
    }
    if (lba < 0 || (uint64_t)lba + nb > atapi_total_blocks(s)) {
        ide_atapi_cmd_error(s, SENSE_ILLEGAL_REQUEST, ASC_LOGICAL_BLOCK_OOR);
        return;
    }
    s->atapi_lba = lba;
    s->atapi_blocks = nb;
    s->atapi_total = (uint64_t)nb * 2048;
    s->atapi_buf_len = s->atapi_buf_pos = 0;
    if (s->atapi_dma) {
        ide_start_dma(s, IDE_DMA_ATAPI);
    } else {
        ide_atapi_transfer_next(s);
    }
}

/* ---- individual commands ------------------------------------------- */

static void cmd_test_unit_ready(IDEState *s, uint8_t *buf)
{
    ide_atapi_cmd_ok(s);
}

static void cmd_request_sense(IDEState *s, uint8_t *buf)
{
    int max_len = buf[4];

    memset(buf, 0, 18);
    buf[0] = 0x70 | (1 << 7);
    buf[2] = s->sense_key;
    buf[7] = 10;
    buf[12] = s->asc;
    /* Reading the sense consumes a UNIT ATTENTION. */
    if (s->sense_key == SENSE_UNIT_ATTENTION) {
        s->sense_key = SENSE_NONE;
        s->asc = 0;
    }
    ide_atapi_cmd_reply(s, 18, max_len);
}

static void cmd_inquiry(IDEState *s, uint8_t *buf)
{
    int max_len = lduw_be_p(buf + 3);

    if (buf[1] & 1) {   /* no vital product data pages */
        ide_atapi_cmd_error(s, SENSE_ILLEGAL_REQUEST,
                            ASC_INV_FIELD_IN_CMD_PACKET);
        return;
    }
    memset(buf, 0, 36);
    buf[0] = 0x05;      /* CD-ROM */
    buf[1] = 0x80;      /* removable */
    buf[2] = 0x00;
    buf[3] = 0x21;      /* ATAPI, response format 1 */
    buf[4] = 36 - 5;
    padstr8(buf + 8, 8, "QEMU");
    padstr8(buf + 16, 16, "QEMU DVD-ROM");
    padstr8(buf + 32, 4, s->version);
    ide_atapi_cmd_reply(s, 36, max_len);
}

static void cmd_read_capacity(IDEState *s, uint8_t *buf)
{
    uint32_t blocks = atapi_total_blocks(s);

    stl_be_p(buf, blocks ? blocks - 1 : 0);
    stl_be_p(buf + 4, 2048);
    ide_atapi_cmd_reply(s, 8, 8);
}

static void cmd_read(IDEState *s, uint8_t *buf)
{
    int64_t lba = (uint32_t)ldl_be_p(buf + 2);
    uint32_t nb = buf[0] == GPCMD_READ_10 ? lduw_be_p(buf + 7)
                                          : (uint32_t)ldl_be_p(buf + 6);

    ide_atapi_cmd_read(s, lba, nb);
}

/* READ CD: only the 2048-byte user data of data sectors. */
static void cmd_read_cd(IDEState *s, uint8_t *buf)
{
    int64_t lba = (uint32_t)ldl_be_p(buf + 2);
    uint32_t nb = (buf[6] << 16) | (buf[7] << 8) | buf[8];
    int type = (buf[1] >> 2) & 7;

    if (type != 0 && type != 2) {       /* any type / mode 1 */
        ide_atapi_cmd_error(s, SENSE_ILLEGAL_REQUEST,
                            ASC_INV_FIELD_IN_CMD_PACKET);
        return;
    }
    switch (buf[9] & 0xf8) {
    case 0x00:                          /* no data */
        ide_atapi_cmd_ok(s);
        break;
    case 0x10:                          /* user data */
        ide_atapi_cmd_read(s, lba, nb);
        break;
    default:                            /* headers, EDC, raw sectors */
        ide_atapi_cmd_error(s, SENSE_ILLEGAL_REQUEST,
                            ASC_INV_FIELD_IN_CMD_PACKET);
        break;
    }
}

static void cmd_read_disc_information(IDEState *s, uint8_t *buf)
{
    int max_len = lduw_be_p(buf + 7);

    if (buf[1] & 7) {           /* only the standard disc information */
        ide_atapi_cmd_error(s, SENSE_ILLEGAL_REQUEST,
                            ASC_INV_FIELD_IN_CMD_PACKET);
        return;
    }
    memset(buf, 0, 34);
    stw_be_p(buf, 32);
    buf[2] = 0x0e;              /* last session complete, disc finalized */
    buf[3] = 1;                 /* first track on disc */
    buf[4] = 1;                 /* sessions */
    buf[5] = 1;                 /* first track of the last session */
    buf[6] = 1;                 /* last track of the last session */
    buf[7] = 0x20;              /* unrestricted use */
    buf[8] = 0x00;              /* CD-ROM / DVD-ROM */
    ide_atapi_cmd_reply(s, 34, max_len);
}

static void cmd_seek(IDEState *s, uint8_t *buf)
{
    uint32_t lba = ldl_be_p(buf + 2);

    if (lba >= atapi_total_blocks(s)) {
        ide_atapi_cmd_error(s, SENSE_ILLEGAL_REQUEST, ASC_LOGICAL_BLOCK_OOR);
        return;
    }
    ide_atapi_cmd_ok(s);
}

static void toc_addr(uint8_t *p, int lba, bool msf)
{
    if (msf) {
        p[0] = 0;
        lba_to_msf(p + 1, lba);
    } else {
        stl_be_p(p, lba);
    }
}

/* Full TOC: the A0/A1/A2 points and track 1 of the only session. */
static int cdrom_read_toc_raw(IDEState *s, uint8_t *buf, bool msf)
{
    static const uint8_t points[] = { 0xa0, 0xa1, 0xa2, 0x01 };
    uint8_t *q = buf + 4;
    int i;

    for (i = 0; i < ARRAY_SIZE(points); i++) {
        memset(q, 0, 11);
        q[0] = 1;               /* session */
        q[1] = 0x14;            /* ADR 1, data track */
        q[3] = points[i];
        switch (points[i]) {
        case 0xa0:              /* first track number */
        case 0xa1:              /* last track number */
            q[8] = 1;
            break;
        case 0xa2:              /* lead-out start */
            if (msf) {
                lba_to_msf(q + 8, atapi_total_blocks(s));
            } else {
                q[8] = atapi_total_blocks(s) >> 16;
                q[9] = atapi_total_blocks(s) >> 8;
                q[10] = atapi_total_blocks(s);
            }
            break;
        default:                /* track 1 at the start */
            if (msf) {
                lba_to_msf(q + 8, 0);
            }
            break;
        }
        q += 11;
    }
    stw_be_p(buf, (q - buf) - 2);
    buf[2] = 1;                 /* first session */
    buf[3] = 1;                 /* last session */
    return q - buf;
}

static void cmd_read_toc(IDEState *s, uint8_t *buf)
{
    int format;
    bool msf = buf[1] & 2;
    int start_track = buf[6];
    int max_len = lduw_be_p(buf + 7);
    int len;
    uint8_t *q;

    /*
     * As QEMU, the format comes from the pre-MMC encoding in byte 9 only
     * (Linux asks for session info that way); byte 2 is ignored.
     */
    format = buf[9] >> 6;
    switch (format) {
    case 0:
        if (start_track > 1 && start_track != 0xaa) {
            ide_atapi_cmd_error(s, SENSE_ILLEGAL_REQUEST,
                                ASC_INV_FIELD_IN_CMD_PACKET);
            return;
        }
        q = buf + 2;
        *q++ = 1;               /* first track */
        *q++ = 1;               /* last track */
        if (start_track <= 1) {
            *q++ = 0;
            *q++ = 0x14;        /* ADR 1, data track */
            *q++ = 1;           /* track number */
            *q++ = 0;
            toc_addr(q, 0, msf);
            q += 4;
        }
        *q++ = 0;
        *q++ = 0x16;            /* lead-out */
        *q++ = 0xaa;
        *q++ = 0;
        toc_addr(q, atapi_total_blocks(s), msf);
        q += 4;
        len = q - buf;
        stw_be_p(buf, len - 2);
        ide_atapi_cmd_reply(s, len, max_len);
        break;
    case 1:
        /* one session; the track descriptor stays zero, as in QEMU */
        memset(buf, 0, 12);
        buf[1] = 0x0a;
        buf[2] = 1;             /* first session */
        buf[3] = 1;             /* last session */
        ide_atapi_cmd_reply(s, 12, max_len);
        break;
    case 2:
        len = cdrom_read_toc_raw(s, buf, msf);
        ide_atapi_cmd_reply(s, len, max_len);
        break;
    default:
        ide_atapi_cmd_error(s, SENSE_ILLEGAL_REQUEST,
                            ASC_INV_FIELD_IN_CMD_PACKET);
        break;
    }
}

static int mode_page_error_recovery(uint8_t *p)
{
    memset(p, 0, 8);
    p[0] = 0x01;
    p[1] = 0x06;
    p[3] = 5;           /* read retry count */
    return 8;
}

static int mode_page_capabilities(IDEState *s, uint8_t *p)
{
    memset(p, 0, 22);
    p[0] = 0x2a;
    p[1] = 0x14;
    p[2] = 0x3b;        /* reads CD-R, CD-RW, DVD-ROM ... */
    p[4] = 0x71;        /* audio play, composite, digital ports, multisession */
    p[5] = 3 << 5;
    /* lock supported, eject, tray loading mechanism; current lock state */
    p[6] = (1 << 0) | (1 << 3) | (1 << 5) | (s->tray_locked ? 1 << 1 : 0);
    stw_be_p(p + 8, 704);       /* max read speed, kB/s */
    stw_be_p(p + 10, 2);        /* volume levels */
    stw_be_p(p + 12, 512);      /* buffer size, KiB */
    stw_be_p(p + 14, 704);      /* current read speed */
    return 22;
}

static void cmd_mode_sense(IDEState *s, uint8_t *buf)
{
    int max_len = lduw_be_p(buf + 7);
    int page = buf[2] & 0x3f;
    int pc = buf[2] >> 6;
    uint8_t *p = buf + 8;

    if (pc == 3) {      /* saved values */
        ide_atapi_cmd_error(s, SENSE_ILLEGAL_REQUEST, 0x39);
        return;
    }
    switch (page) {
    case 0x01:
        p += mode_page_error_recovery(p);
        break;
    case 0x2a:
        p += mode_page_capabilities(s, p);
        break;
    default:
        ide_atapi_cmd_error(s, SENSE_ILLEGAL_REQUEST,
                            ASC_INV_FIELD_IN_CMD_PACKET);
        return;
    }
    memset(buf, 0, 8);
    stw_be_p(buf, (p - buf) - 2);
    buf[2] = 0x70;      /* medium type, as QEMU */
    ide_atapi_cmd_reply(s, p - buf, max_len);
}

static void cmd_get_configuration(IDEState *s, uint8_t *buf)
{
    int max_len = lduw_be_p(buf + 7);
    int rt = buf[1] & 3;
    uint16_t profile = 0;
    uint8_t *p;

    if (rt == 3) {
        ide_atapi_cmd_error(s, SENSE_ILLEGAL_REQUEST,
                            ASC_INV_FIELD_IN_CMD_PACKET);
        return;
    }
    if (ide_medium_present(s)) {
        profile = media_is_dvd(s) ? 0x0010 : 0x0008;
    }
    memset(buf, 0, 40);
    stw_be_p(buf + 6, profile);
    p = buf + 8;
    /* feature 0: profile list (DVD-ROM, CD-ROM) */
    p[2] = 0x03;                /* persistent, current */
    p[3] = 8;
    stw_be_p(p + 4, 0x0010);
    p[6] = profile == 0x0010;
    stw_be_p(p + 8, 0x0008);
    p[10] = profile == 0x0008;
    p += 12;
    /* QEMU reports no further features */
    stl_be_p(buf, (p - buf) - 4);
    ide_atapi_cmd_reply(s, p - buf, max_len);
}

static void cmd_get_event_status(IDEState *s, uint8_t *buf)
{
    int max_len = lduw_be_p(buf + 7);

    if (!(buf[1] & 1)) {        /* only polled operation */
        ide_atapi_cmd_error(s, SENSE_ILLEGAL_REQUEST,
                            ASC_INV_FIELD_IN_CMD_PACKET);
        return;
    }
    /* Whatever class was asked for, the media class is all we have. */
    memset(buf, 0, 8);
    stw_be_p(buf, 4);           /* event descriptor length, as QEMU */
    buf[2] = 4;                 /* media class */
    buf[3] = 0x10;              /* media events supported */
    if (s->event_eject_request) {
        buf[4] = 1;             /* eject request */
    } else if (s->event_new_media) {
        buf[4] = 2;             /* new media */
    }
    s->event_eject_request = false;
    s->event_new_media = false;
    buf[5] = (ide_medium_present(s) ? 2 : 0) | (s->tray_open ? 1 : 0);
    ide_atapi_cmd_reply(s, 8, max_len);
}

static void cmd_mechanism_status(IDEState *s, uint8_t *buf)
{
    int max_len = lduw_be_p(buf + 8);

    memset(buf, 0, 8);
    buf[5] = 1;                 /* one slot */
    ide_atapi_cmd_reply(s, 8, max_len);
}

static void cmd_start_stop_unit(IDEState *s, uint8_t *buf)
{
    bool start = buf[4] & 1;
    bool loej = buf[4] & 2;

    if (loej) {
        if (!start && !s->tray_open && s->tray_locked) {
            int key = ide_medium_present(s) ? SENSE_NOT_READY
                                            : SENSE_ILLEGAL_REQUEST;

            ide_atapi_cmd_error(s, key, ASC_MEDIA_REMOVAL_PREVENTED);
            return;
        }
        if (s->tray_open != !start) {
            if (s->blk) {
                blk_eject(s->blk, !start);
            }
            s->tray_open = !start;
        }
    }
    ide_atapi_cmd_ok(s);
}

static void cmd_prevent_allow(IDEState *s, uint8_t *buf)
{
    s->tray_locked = buf[4] & 1;
    if (s->blk) {
        blk_lock_medium(s->blk, s->tray_locked);
    }
    ide_atapi_cmd_ok(s);
}

static void cmd_set_speed(IDEState *s, uint8_t *buf)
{
    ide_atapi_cmd_ok(s);
}

typedef struct AtapiCmd {
    void (*handler)(IDEState *s, uint8_t *buf);
    int flags;
} AtapiCmd;

static const AtapiCmd atapi_cmd_table[0x100] = {
    [GPCMD_TEST_UNIT_READY]         = { cmd_test_unit_ready, CHECK_READY },
    [GPCMD_REQUEST_SENSE]           = { cmd_request_sense, ALLOW_UA },
    [GPCMD_INQUIRY]                 = { cmd_inquiry, ALLOW_UA },
    [GPCMD_START_STOP_UNIT]         = { cmd_start_stop_unit, 0 },
    [GPCMD_PREVENT_ALLOW_MEDIUM_REMOVAL] = { cmd_prevent_allow, 0 },
    [GPCMD_READ_CDVD_CAPACITY]      = { cmd_read_capacity, CHECK_READY },
    [GPCMD_READ_10]                 = { cmd_read, CHECK_READY },
    [GPCMD_READ_12]                 = { cmd_read, CHECK_READY },
    [GPCMD_SEEK]                    = { cmd_seek, CHECK_READY },
    [GPCMD_READ_TOC_PMA_ATIP]       = { cmd_read_toc, CHECK_READY },
    [GPCMD_MODE_SENSE_10]           = { cmd_mode_sense, 0 },
    [GPCMD_GET_CONFIGURATION]       = { cmd_get_configuration, ALLOW_UA },
    [GPCMD_GET_EVENT_STATUS_NOTIFICATION] = { cmd_get_event_status,
                                              ALLOW_UA },
    [GPCMD_MECHANISM_STATUS]        = { cmd_mechanism_status, 0 },
    [GPCMD_SET_SPEED]               = { cmd_set_speed, 0 },
    [GPCMD_READ_CD]                 = { cmd_read_cd, CHECK_READY },
    [GPCMD_READ_DISC_INFO]          = { cmd_read_disc_information,
                                        CHECK_READY },
};

/* The 12-byte packet has arrived in io_buffer: execute it. */
void ide_atapi_cmd(IDEState *s)
{
    uint8_t *buf = s->io_buffer;
    const AtapiCmd *cmd = &atapi_cmd_table[buf[0]];

    ide_transfer_stop(s);
    if (s->cdrom_changed && !(cmd->flags & ALLOW_UA)) {
        /* First command after a media change: tell the guest once. */
        s->cdrom_changed = false;
        ide_atapi_cmd_error(s, SENSE_UNIT_ATTENTION,
                            ASC_MEDIUM_MAY_HAVE_CHANGED);
        return;
    }
    if ((cmd->flags & CHECK_READY) && !ide_medium_present(s)) {
        ide_atapi_cmd_error(s, SENSE_NOT_READY, ASC_MEDIUM_NOT_PRESENT);
        return;
    }
    if (!cmd->handler) {
        ide_atapi_cmd_error(s, SENSE_ILLEGAL_REQUEST, ASC_ILLEGAL_OPCODE);
        return;
    }
    cmd->handler(s, buf);
}

/* ---- block layer callbacks (removable medium) ----------------------- */

static void ide_cd_change_cb(void *opaque, bool load, Error **errp)
{
    IDEState *s = opaque;

    s->tray_open = !load;
    s->nb_sectors = 0;
    if (load && s->blk && blk_is_inserted(s->blk)) {
        int64_t len = blk_getlength(s->blk);

        s->nb_sectors = len > 0 ? len / 512 : 0;
    }
    /* The guest learns about it through UNIT ATTENTION and GESN. */
    s->cdrom_changed = true;
    s->event_new_media = load;
    s->event_eject_request = false;
}

static void ide_cd_eject_request_cb(void *opaque, bool force)
{
    IDEState *s = opaque;

    if (force) {
        s->tray_locked = false;
    }
    /* The guest sees the request in GET EVENT STATUS NOTIFICATION. */
    s->event_eject_request = true;
}

static bool ide_cd_is_tray_open(void *opaque)
{
    return ((IDEState *)opaque)->tray_open;
}

static bool ide_cd_is_medium_locked(void *opaque)
{
    return ((IDEState *)opaque)->tray_locked;
}

const BlockDevOps ide_cd_block_ops = {
    .change_media_cb = ide_cd_change_cb,
    .eject_request_cb = ide_cd_eject_request_cb,
    .is_tray_open = ide_cd_is_tray_open,
    .is_medium_locked = ide_cd_is_medium_locked,
};
