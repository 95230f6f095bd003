#!/usr/bin/env python3
"""SeaBIOS boots from IDE: a hard disk with an MBR boot sector and an El
Torito (no emulation) CD, each ending through isa-debug-exit with its own
code, with bootindex choosing which one boots.

usage: ide-boot-test.py [--bootindex] EMULATOR
(GUEST_EMULATOR overrides EMULATOR).  Without --bootindex each medium is
booted alone; --bootindex also checks that bootindex picks the CD or the
disk when both are present (needs the host bridge's firmware path
"/pci@i0cf8" for SeaBIOS to match the bootorder entries).
"""
import os
import subprocess
import sys
import tempfile

DISK_CODE = 0x10        # exit status 0x21
CD_CODE = 0x12          # exit status 0x25


def boot_code(code):
    # mov al, code; out 0xf4, al; hlt; jmp $-1
    return bytes([0xb0, code, 0xe6, 0xf4, 0xf4, 0xeb, 0xfd])


def make_disk(path):
    mbr = bytearray(512)
    c = boot_code(DISK_CODE)
    mbr[0:len(c)] = c
    mbr[510:512] = b"\x55\xaa"
    with open(path, "wb") as f:
        f.write(mbr)
        f.truncate(1 << 20)


def make_cd(path):
    s = 2048
    img = bytearray(s * 32)
    brvd = bytearray(s)                     # sector 17: boot record
    brvd[1:7] = b"CD001\x01"
    brvd[7:30] = b"EL TORITO SPECIFICATION"
    brvd[0x47:0x4b] = (19).to_bytes(4, "little")
    img[17 * s:18 * s] = brvd
    img[18 * s] = 255                       # set terminator
    img[18 * s + 1:18 * s + 7] = b"CD001\x01"
    val = bytearray(32)                     # validation entry
    val[0] = 1
    val[0x1e:0x20] = b"\x55\xaa"
    total = sum(int.from_bytes(val[i:i + 2], "little") for i in range(0, 32, 2))
    val[0x1c:0x1e] = ((-total) & 0xffff).to_bytes(2, "little")
    ent = bytearray(32)                     # default entry, no emulation
    ent[0] = 0x88
    ent[6:8] = (4).to_bytes(2, "little")
    ent[8:12] = (20).to_bytes(4, "little")
    img[19 * s:19 * s + 32] = val
    img[19 * s + 32:19 * s + 64] = ent
    c = boot_code(CD_CODE)
    img[20 * s:20 * s + len(c)] = c
    with open(path, "wb") as f:
        f.write(img)


def boot(emu, disk, cd, disk_index, cd_index):
    cmd = [emu, "-accel", "kvm", "-nographic", "-m", "64",
           "-device", "isa-debug-exit,iobase=0xf4,iosize=0x4"]
    if disk_index is not None:
        cmd += ["-drive", f"file={disk},if=none,id=hd,format=raw",
                "-device", "ide-hd,drive=hd,bus=ide.1,unit=1" +
                (f",bootindex={disk_index}" if disk_index >= 0 else "")]
    if cd_index is not None:
        cmd += ["-drive", f"file={cd},if=none,id=cd,media=cdrom,format=raw",
                "-device", "ide-cd,drive=cd,bus=ide.0,unit=0" +
                (f",bootindex={cd_index}" if cd_index >= 0 else "")]
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=60)
    except subprocess.TimeoutExpired:
        return None, "timed out"
    return p.returncode, p.stdout.decode("utf-8", "replace")[-2000:]


def main():
    args = sys.argv[1:]
    with_bootindex = args[:1] == ["--bootindex"]
    if with_bootindex:
        args = args[1:]
    emu = os.environ.get("GUEST_EMULATOR") or args[0]
    failed = 0
    with tempfile.TemporaryDirectory(prefix="ide-boot-") as tmp:
        disk = os.path.join(tmp, "boot.img")
        cd = os.path.join(tmp, "boot.iso")
        make_disk(disk)
        make_cd(cd)
        cases = [("disk alone", -1, None, (DISK_CODE << 1) | 1),
                 ("cd alone", None, -1, (CD_CODE << 1) | 1)]
        if with_bootindex:
            cases += [("bootindex disk first", 0, 1, (DISK_CODE << 1) | 1),
                      ("bootindex cd first", 1, 0, (CD_CODE << 1) | 1)]
        print(f"1..{len(cases)}")
        for i, (name, di, ci, want) in enumerate(cases, 1):
            status, log = boot(emu, disk, cd, di, ci)
            if status == want:
                print(f"ok {i} {name}")
            else:
                failed += 1
                print(f"not ok {i} {name}: status {status}, expected {want}")
                for line in log.splitlines():
                    print("# " + line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
