#!/usr/bin/env python3
"""Boot the IDE test guest on a raw disk image and an ISO-like image made
here, then check that the guest's PIO and DMA writes reached the disk image.

usage: ide-guest-test.py [--legacy-drive] RUN_GUEST EMULATOR GUEST.elf
                        [run-guest args...]

The drives are attached with -device ide-hd/ide-cd on ide.0/ide.1, or
with --legacy-drive as "-drive if=ide" (index 0 and 2), which needs the
board to create IDE devices for if=ide drives.
"""
import os
import subprocess
import sys
import tempfile

SECTOR = 512
HIGH = (1 << 28) + 10           # first sector beyond LBA28's reach, plus 10
DISK_SECTORS = HIGH + 64
CD_BLOCKS = 64                  # 2048-byte blocks


def sector(n):
    data = bytearray(SECTOR)
    data[0:4] = b"SECT"
    data[4:8] = n.to_bytes(4, "little")
    for i in range(8, SECTOR):
        data[i] = (n * 7 + i) & 0xff
    return bytes(data)


def make_disk(path):
    with open(path, "wb") as f:
        f.truncate(DISK_SECTORS * SECTOR)   # sparse
        f.seek(0)
        for n in range(64):
            f.write(sector(n))
        f.seek(HIGH * SECTOR)
        f.write(sector(HIGH))


def make_cd(path):
    with open(path, "wb") as f:
        for n in range(CD_BLOCKS * 4):
            f.write(sector(n))


def check_writes(path):
    errors = []
    with open(path, "rb") as f:
        f.seek(40 * SECTOR)
        pio = f.read(SECTOR)
        dma = f.read(SECTOR)
    want_pio = bytearray((0x3c + i) & 0xff for i in range(SECTOR))
    want_pio[0:12] = b"PIO WRITE OK"
    want_dma = bytearray((0xa5 ^ i) & 0xff for i in range(SECTOR))
    want_dma[0:12] = b"DMA WRITE OK"
    if pio != bytes(want_pio):
        errors.append("sector 40 (PIO write) does not hold the guest's data")
    if dma != bytes(want_dma):
        errors.append("sector 41 (DMA write) does not hold the guest's data")
    return errors


def drive_args(disk, cd, legacy):
    if legacy:
        return ["-drive", f"file={disk},if=ide,format=raw",
                "-drive", f"file={cd},if=ide,index=2,media=cdrom,format=raw"]
    return ["-drive", f"file={disk},if=none,id=disk0,format=raw",
            "-device", "ide-hd,drive=disk0,bus=ide.0,unit=0",
            "-drive", f"file={cd},if=none,id=cd0,media=cdrom,format=raw",
            "-device", "ide-cd,drive=cd0,bus=ide.1,unit=0"]


def main():
    argv = sys.argv[1:]
    legacy = "--legacy-drive" in argv[:1]
    if legacy:
        argv = argv[1:]
    runner, emulator, guest = argv[0:3]
    extra = argv[3:]
    with tempfile.TemporaryDirectory(prefix="ide-guest-") as tmp:
        disk = os.path.join(tmp, "disk.img")
        cd = os.path.join(tmp, "cd.iso")
        make_disk(disk)
        make_cd(cd)
        cmd = [sys.executable, runner, "--qemu", emulator, "--kernel", guest,
               "--append", f"sectors={DISK_SECTORS} high={HIGH} cd "
                           f"cdblocks={CD_BLOCKS}"] + extra + \
            drive_args(disk, cd, legacy)
        rc = subprocess.call(cmd)
        if rc != 0:
            return rc
        errors = check_writes(disk)
        for e in errors:
            print("ide-guest-test: FAIL:", e)
        if errors:
            return 1
        print("ide-guest-test: PASS (writes found in the image)")
        return 0


if __name__ == "__main__":
    sys.exit(main())
