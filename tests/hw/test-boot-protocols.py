#!/usr/bin/env python3
"""Direct kernel boot end to end: tiny generated kernels for the Linux
32-bit boot protocol, PVH and multiboot (a.out kludge) check the entry
state the protocol promises and report through isa-debug-exit (value 1
= entry state correct, 2 = wrong).  Also checks the errors for missing
and unrecognised kernels.  TAP output; skipped without /dev/kvm.

  test-boot-protocols.py EMULATOR
"""
import os
import struct
import subprocess
import sys
import tempfile

OK_TAIL = [0xB0, 0x01, 0xE6, 0xF4, 0xF4, 0xEB, 0xFD]   # out 1; hlt loop
FAIL = [0xB0, 0x02, 0xE6, 0xF4, 0xF4, 0xEB, 0xFD]      # out 2; hlt loop


def checks_then_exit(checks):
    """checks: list of byte strings, each a compare followed by a jne
    placeholder (last byte = rel8 to patch)."""
    code = bytearray()
    fixups = []
    for c in checks:
        code += bytes(c) + bytes([0x75, 0])
        fixups.append(len(code) - 1)
    code += bytes(OK_TAIL)
    fail = len(code)
    code += bytes(FAIL)
    for f in fixups:
        code[f] = fail - (f + 1)
    return bytes(code)


def linux_image():
    # esi == 0x7000 (zero page), [esi+0x202] == "HdrS",
    # [esi+0x210] type_of_loader == 0xff
    code = checks_then_exit([
        [0x81, 0xFE] + list(struct.pack('<I', 0x7000)),
        [0x81, 0xBE, 0x02, 0x02, 0, 0] + list(b'HdrS'),
        [0x80, 0xBE, 0x10, 0x02, 0, 0, 0xFF],
    ])
    setup = bytearray(5 * 512)
    setup[0x1f1] = 4
    setup[0x201] = 0x6a
    setup[0x202:0x206] = b'HdrS'
    struct.pack_into('<H', setup, 0x206, 0x20f)
    setup[0x211] = 1
    struct.pack_into('<I', setup, 0x22c, 0x7fffffff)
    struct.pack_into('<I', setup, 0x238, 2048)
    setup[0x236] = 0x03
    return bytes(setup) + code + bytes(4096)


def pvh_image():
    # ebx == start_info, [ebx] == magic, [ebx+4] == version 1
    code = checks_then_exit([
        [0x81, 0xFB] + list(struct.pack('<I', 0x10000)),
        [0x81, 0x3B] + list(struct.pack('<I', 0x336ec578)),
        [0x83, 0x7B, 0x04, 0x01],
    ])
    eh = bytearray(52)
    eh[0:4] = b'\x7fELF'
    eh[4], eh[5], eh[6] = 1, 1, 1
    struct.pack_into('<HHIIIIIHHHHHH', eh, 16, 2, 3, 1, 0x100000, 52, 0, 0,
                     52, 32, 2, 0, 0, 0)
    note = struct.pack('<III', 4, 4, 18) + b'Xen\0' + struct.pack('<I', 0x100000)
    ph1 = struct.pack('<IIIIIIII', 1, 0x200, 0x100000, 0x100000,
                      len(code), len(code), 7, 0x1000)
    ph2 = struct.pack('<IIIIIIII', 4, 0x100, 0, 0, len(note), len(note), 4, 4)
    img = bytearray(0x200)
    img[0:52] = eh
    img[52:84] = ph1
    img[84:116] = ph2
    img[0x100:0x100 + len(note)] = note
    return bytes(img) + code


def multiboot_aout_image():
    # eax == 0x2badb002, [ebx] flags have cmdline (bit 2)
    code = checks_then_exit([
        [0x3D] + list(struct.pack('<I', 0x2badb002)),
        [0x8B, 0x0B, 0x83, 0xE1, 0x04, 0x83, 0xF9, 0x04],
    ])
    hdr_off = 0x40
    load = 0x200000
    img = bytearray(0x1000)
    flags = 0x10000
    struct.pack_into('<IIIIIIII', img, hdr_off, 0x1badb002, flags,
                     (-(0x1badb002 + flags)) & 0xffffffff,
                     load + hdr_off, load, 0, 0, load + 0x100)
    img[0x100:0x100 + len(code)] = code
    return bytes(img)


def run(qemu, kernel, extra=()):
    cmd = [qemu, '-accel', 'kvm', '-nographic', '-kernel', kernel,
           '-device', 'isa-debug-exit,iobase=0xf4,iosize=4'] + list(extra)
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=30)
        return p.returncode, p.stdout.decode(errors='replace')
    except subprocess.TimeoutExpired:
        return None, 'timeout'


def main():
    qemu = sys.argv[1]
    if not os.access('/dev/kvm', os.R_OK | os.W_OK):
        print('1..0 # SKIP /dev/kvm not available')
        return 0
    tests = []
    with tempfile.TemporaryDirectory() as d:
        def write(name, data):
            path = os.path.join(d, name)
            with open(path, 'wb') as f:
                f.write(data)
            return path

        linux = write('bzImage', linux_image())
        pvh = write('pvh.elf', pvh_image())
        mb = write('mb.bin', multiboot_aout_image())
        junk = write('junk.bin', b'\x41' * 4096)

        for name, path, extra in [('linux-32bit-entry', linux,
                                   ['-append', 'console=ttyS0']),
                                  ('pvh-entry', pvh, []),
                                  ('multiboot-aout-entry', mb, [])]:
            st, out = run(qemu, path, extra)
            tests.append((name, st == 3, 'status %s: %s' % (st, out[-300:])))

        st, out = run(qemu, junk)
        tests.append(('unrecognised-kernel',
                      st == 1 and "is not a multiboot, PVH or Linux kernel "
                      "image" in out, out[-300:]))
        st, out = run(qemu, os.path.join(d, 'missing'))
        tests.append(('missing-kernel',
                      st == 1 and "could not open kernel file" in out and
                      "No such file or directory" in out, out[-300:]))

    print('1..%d' % len(tests))
    failed = 0
    for i, (name, ok, detail) in enumerate(tests, 1):
        print('%s %d %s' % ('ok' if ok else 'not ok', i, name))
        if not ok:
            failed += 1
            for line in detail.splitlines():
                print('# ' + line)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
