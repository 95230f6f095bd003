#!/usr/bin/env python3
"""Boot the virtio-blk guest on a freshly made raw or qcow2 image and
check, afterwards, the sector the guest wrote.

  test-virtio-guest.py --qemu BIN --kernel virtio-blk.elf --run-guest PATH
                       --mode legacy|modern --format raw|qcow2 [--msix]
                       [--props ioeventfd=off,...] [--iothread]

Byte i of sector s of the image is (s*13 + i*7 + 1) & 0xff; the guest
checks some sectors and writes sector 200.  GUEST_EMULATOR overrides
--qemu (run-guest.py honours it), e.g. /usr/bin/qemu-system-x86_64.
"""
import argparse
import os
import subprocess
import sys
import tempfile

SECTORS = 2048
QEMU_IMG = "/usr/bin/qemu-img"


def pattern_image(path):
    data = bytearray(SECTORS * 512)
    for s in range(SECTORS):
        base = s * 512
        for i in range(512):
            data[base + i] = (s * 13 + i * 7 + 1) & 0xff
    with open(path, "wb") as f:
        f.write(data)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--qemu", required=True)
    p.add_argument("--kernel", required=True)
    p.add_argument("--run-guest", required=True)
    p.add_argument("--mode", choices=["legacy", "modern"], required=True)
    p.add_argument("--format", choices=["raw", "qcow2"], default="raw")
    p.add_argument("--msix", action="store_true")
    p.add_argument("--props", default="",
                   help="extra virtio-blk-pci properties (a,b=c)")
    p.add_argument("--iothread", action="store_true",
                   help="run the device in -object iothread,id=io0")
    a = p.parse_args()

    if a.format == "qcow2" and not os.access(QEMU_IMG, os.X_OK):
        print("SKIP: no " + QEMU_IMG)
        return 77

    with tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, "disk.raw")
        pattern_image(raw)
        img = raw
        if a.format == "qcow2":
            img = os.path.join(tmp, "disk.qcow2")
            subprocess.check_call([QEMU_IMG, "convert", "-f", "raw", "-O",
                                   "qcow2", raw, img])
        dev = "virtio-blk-pci,drive=d0"
        dev += ",disable-legacy=on" if a.mode == "modern" else \
               ",disable-modern=on"
        if a.props:
            dev += "," + a.props
        if a.iothread:
            dev += ",iothread=io0"
        append = "mode=%s sectors=%d" % (a.mode, SECTORS)
        if a.msix:
            append += " msix"
        cmd = [sys.executable, a.run_guest, "--qemu", a.qemu,
               "--kernel", a.kernel, "--timeout", "60", "--append", append,
               "--expect", "virtio-blk: sectors 1000-1002 match",
               "--expect", "virtio-blk: wrote sector 200",
               "--expect", "virtio-blk: PASS", "--exit-code", "0"]
        if a.msix:
            cmd += ["--expect", "MSI-X interrupts on vector 0x50"]
        cmd += ["--"]
        if a.iothread:
            cmd += ["-object", "iothread,id=io0"]
        cmd += ["-device", "isa-debug-exit,iobase=0xf4,iosize=0x4",
                "-drive", "file=%s,if=none,id=d0,format=%s" % (img, a.format),
                "-device", dev]
        r = subprocess.call(cmd)
        if r != 0:
            return r
        check = img
        if a.format == "qcow2":
            check = os.path.join(tmp, "back.raw")
            subprocess.check_call([QEMU_IMG, "convert", "-f", "qcow2", "-O",
                                   "raw", img, check])
        with open(check, "rb") as f:
            f.seek(200 * 512)
            got = f.read(512)
        text = b"kvmemu virtio-blk guest write "
        want = bytes(text[i % len(text)] for i in range(512))
        if got != want:
            print("FAIL: sector 200 in the image is %r..." % got[:40])
            return 1
        with open(check, "rb") as f:
            f.seek(199 * 512)
            prev = f.read(512)
        if prev != bytes((199 * 13 + i * 7 + 1) & 0xff for i in range(512)):
            print("FAIL: sector 199 changed")
            return 1
        print("sector 200 written correctly (%s, %s)" % (a.mode, a.format))
    return 0


if __name__ == "__main__":
    sys.exit(main())
