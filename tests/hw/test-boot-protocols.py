#!/usr/bin/env python3
"""Direct kernel boot end to end: tiny generated kernels for the Linux
32-bit and 64-bit boot protocols, PVH and multiboot (a.out kludge, with
modules) check the entry state the protocol promises and report through
isa-debug-exit (value 1/0x10/0x20/0x30 = entry state correct, anything
else = number of the failed check).  Also checks the errors for missing
and unrecognised kernels.  TAP output; skipped without /dev/kvm.

  test-boot-protocols.py [--reference] EMULATOR

--reference runs only what is QEMU's own behaviour (multiboot), so that
the expectations can be checked against Debian's qemu-system-x86_64
(QEMU enters Linux through its 16-bit setup code and puts PVH's
start_info elsewhere, so those tests are ours only).

The machine code was assembled with GNU as from the instructions in the
comments; jump targets are offsets from the start of each block.
"""
import os
import struct
import subprocess
import sys
import tempfile

# Linux bzImage startup_32 (load address + 0): reports 0x10 when
# esi = boot_params ("HdrS", type_of_loader 0xff, no KEEP_SEGMENTS),
# flat protected mode without paging, CS 0x10 / DS, SS 0x18, IF=0, a GDT
# whose 0x10 is 32-bit code and 0x18 data, segment registers reloaded
# from it (lret to 0x10), and the command line "bootmode=ok".
ENTRY32_CODE = bytes.fromhex(
    'bc00000800'                     # 000: mov $0x80000,%esp
    'b302'                           # 005: mov $0x2,%bl
    '81be0202000048647253'           # 007: cmpl $0x53726448,0x202(%esi)
    '0f85eb000000'                   # 011: jne 102
    'fec3'                           # 017: inc %bl
    '80be10020000ff'                 # 019: cmpb $0xff,0x210(%esi)
    '0f85dc000000'                   # 020: jne 102
    'fec3'                           # 026: inc %bl
    'f6861102000040'                 # 028: testb $0x40,0x211(%esi)
    '0f85cd000000'                   # 02f: jne 102
    'fec3'                           # 035: inc %bl
    '0f20c0'                         # 037: mov %cr0,%eax
    'a900000080'                     # 03a: test $0x80000000,%eax
    '0f85bd000000'                   # 03f: jne 102
    'a801'                           # 045: test $0x1,%al
    '0f84b5000000'                   # 047: je 102
    'fec3'                           # 04d: inc %bl
    '8cc8'                           # 04f: mov %cs,%eax
    '6683f810'                       # 051: cmp $0x10,%ax
    '0f85a7000000'                   # 055: jne 102
    '8cd8'                           # 05b: mov %ds,%eax
    '6683f818'                       # 05d: cmp $0x18,%ax
    '0f859b000000'                   # 061: jne 102
    '8cd0'                           # 067: mov %ss,%eax
    '6683f818'                       # 069: cmp $0x18,%ax
    '0f858f000000'                   # 06d: jne 102
    'fec3'                           # 073: inc %bl
    '9c'                             # 075: pushf
    '58'                             # 076: pop %eax
    'a900020000'                     # 077: test $0x200,%eax
    '0f8580000000'                   # 07c: jne 102
    'fec3'                           # 082: inc %bl
    '83ec08'                         # 084: sub $0x8,%esp
    '0f010424'                       # 087: sgdtl (%esp)
    '66833c241f'                     # 08b: cmpw $0x1f,(%esp)
    '7270'                           # 090: jb 102
    '8b442402'                       # 092: mov 0x2(%esp),%eax
    '83c408'                         # 096: add $0x8,%esp
    '8b5014'                         # 099: mov 0x14(%eax),%edx
    '81e200986000'                   # 09c: and $0x609800,%edx
    '81fa00984000'                   # 0a2: cmp $0x409800,%edx
    '7558'                           # 0a8: jne 102
    '8b501c'                         # 0aa: mov 0x1c(%eax),%edx
    '81e2009a4000'                   # 0ad: and $0x409a00,%edx
    '81fa00924000'                   # 0b3: cmp $0x409200,%edx
    '7547'                           # 0b9: jne 102
    'fec3'                           # 0bb: inc %bl
    '6a10'                           # 0bd: push $0x10
    'e800000000'                     # 0bf: call c4
    '58'                             # 0c4: pop %eax
    '0508000000'                     # 0c5: add $0x8,%eax
    '50'                             # 0ca: push %eax
    'cb'                             # 0cb: lret
    'b818000000'                     # 0cc: mov $0x18,%eax
    '8ed8'                           # 0d1: mov %eax,%ds
    '8ec0'                           # 0d3: mov %eax,%es
    '8ed0'                           # 0d5: mov %eax,%ss
    '8ee0'                           # 0d7: mov %eax,%fs
    '8ee8'                           # 0d9: mov %eax,%gs
    'fec3'                           # 0db: inc %bl
    '8bbe28020000'                   # 0dd: mov 0x228(%esi),%edi
    '813f626f6f74'                   # 0e3: cmpl $0x746f6f62,(%edi)
    '7517'                           # 0e9: jne 102
    '817f046d6f6465'                 # 0eb: cmpl $0x65646f6d,0x4(%edi)
    '750e'                           # 0f2: jne 102
    '817f083d6f6b00'                 # 0f4: cmpl $0x6b6f3d,0x8(%edi)
    '7505'                           # 0fb: jne 102
    'b010'                           # 0fd: mov $0x10,%al
    'e6f4'                           # 0ff: out %al,$0xf4
    'f4'                             # 101: hlt
    '88d8'                           # 102: mov %bl,%al
    'e6f4'                           # 104: out %al,$0xf4
    'f4'                             # 106: hlt
)

# Linux bzImage startup_64 (load address + 0x200): reports 0x20 when
# EFER.LME|LMA, 64-bit operand size, CS 0x10 / DS, ES, SS 0x18, IF=0,
# CR0.PE|PG and CR4.PAE, a GDT whose 0x10 is 64-bit code (checked by
# lretq to it and 64-bit arithmetic afterwards), rsi = boot_params below
# 4 GiB with "HdrS" and no KEEP_SEGMENTS, command line "bootmode=ok",
# e820 RAM ending at and adding up to -m (the quad at ENTRY64_RAM, minus
# the 640K-1M hole), and the initrd starting with "INITRD64" (so the page
# tables cover it).
ENTRY64_CODE = bytes.fromhex(
    'bc00000800'                     # 000: mov $0x80000,%esp
    'b302'                           # 005: mov $0x2,%bl
    'b9800000c0'                     # 007: mov $0xc0000080,%ecx
    '0f32'                           # 00c: rdmsr
    '2500050000'                     # 00e: and $0x500,%eax
    '3d00050000'                     # 013: cmp $0x500,%eax
    '0f85a8010000'                   # 018: jne 1c6
    'fec3'                           # 01e: inc %bl
    '48b8f0debc9a78563412'           # 020: movabs $0x123456789abcdef0,%rax
    '48c1e820'                       # 02a: shr $0x20,%rax
    '3d78563412'                     # 02e: cmp $0x12345678,%eax
    '0f858d010000'                   # 033: jne 1c6
    'fec3'                           # 039: inc %bl
    '8cc8'                           # 03b: mov %cs,%eax
    '6683f810'                       # 03d: cmp $0x10,%ax
    '0f857f010000'                   # 041: jne 1c6
    '8cd8'                           # 047: mov %ds,%eax
    '6683f818'                       # 049: cmp $0x18,%ax
    '0f8573010000'                   # 04d: jne 1c6
    '8cc0'                           # 053: mov %es,%eax
    '6683f818'                       # 055: cmp $0x18,%ax
    '0f8567010000'                   # 059: jne 1c6
    '8cd0'                           # 05f: mov %ss,%eax
    '6683f818'                       # 061: cmp $0x18,%ax
    '0f855b010000'                   # 065: jne 1c6
    'fec3'                           # 06b: inc %bl
    '9c'                             # 06d: pushf
    '58'                             # 06e: pop %rax
    'a900020000'                     # 06f: test $0x200,%eax
    '0f854c010000'                   # 074: jne 1c6
    'fec3'                           # 07a: inc %bl
    '0f20c0'                         # 07c: mov %cr0,%rax
    '2501000080'                     # 07f: and $0x80000001,%eax
    '3d01000080'                     # 084: cmp $0x80000001,%eax
    '0f8537010000'                   # 089: jne 1c6
    '0f20e0'                         # 08f: mov %cr4,%rax
    'a820'                           # 092: test $0x20,%al
    '0f842c010000'                   # 094: je 1c6
    'fec3'                           # 09a: inc %bl
    '4883ec10'                       # 09c: sub $0x10,%rsp
    '0f010424'                       # 0a0: sgdt (%rsp)
    '66833c241f'                     # 0a4: cmpw $0x1f,(%rsp)
    '0f8217010000'                   # 0a9: jb 1c6
    '488b442402'                     # 0af: mov 0x2(%rsp),%rax
    '4883c410'                       # 0b4: add $0x10,%rsp
    '8b5014'                         # 0b8: mov 0x14(%rax),%edx
    '81e200986000'                   # 0bb: and $0x609800,%edx
    '81fa00982000'                   # 0c1: cmp $0x209800,%edx
    '0f85f9000000'                   # 0c7: jne 1c6
    'fec3'                           # 0cd: inc %bl
    '6a10'                           # 0cf: push $0x10
    '488d0503000000'                 # 0d1: lea 0x3(%rip),%rax # db
    '50'                             # 0d8: push %rax
    '48cb'                           # 0d9: lretq
    'b818000000'                     # 0db: mov $0x18,%eax
    '8ed8'                           # 0e0: mov %eax,%ds
    '8ec0'                           # 0e2: mov %eax,%es
    '8ed0'                           # 0e4: mov %eax,%ss
    '48b8f0debc9a78563412'           # 0e6: movabs $0x123456789abcdef0,%rax
    '48c1e820'                       # 0f0: shr $0x20,%rax
    '3d78563412'                     # 0f4: cmp $0x12345678,%eax
    '0f85c7000000'                   # 0f9: jne 1c6
    'fec3'                           # 0ff: inc %bl
    '4889f0'                         # 101: mov %rsi,%rax
    '48c1e820'                       # 104: shr $0x20,%rax
    '0f85b8000000'                   # 108: jne 1c6
    '81be0202000048647253'           # 10e: cmpl $0x53726448,0x202(%rsi)
    '0f85a8000000'                   # 118: jne 1c6
    'f6861102000040'                 # 11e: testb $0x40,0x211(%rsi)
    '0f859b000000'                   # 125: jne 1c6
    'fec3'                           # 12b: inc %bl
    '8bbe28020000'                   # 12d: mov 0x228(%rsi),%edi
    '48b8626f6f746d6f6465'           # 133: movabs $0x65646f6d746f6f62,%rax
    '483907'                         # 13d: cmp %rax,(%rdi)
    '0f8580000000'                   # 140: jne 1c6
    '817f083d6f6b00'                 # 146: cmpl $0x6b6f3d,0x8(%rdi)
    '7577'                           # 14d: jne 1c6
    'fec3'                           # 14f: inc %bl
    '0fb68ee8010000'                 # 151: movzbl 0x1e8(%rsi),%ecx
    '4531c0'                         # 158: xor %r8d,%r8d
    '85c9'                           # 15b: test %ecx,%ecx
    '7467'                           # 15d: je 1c6
    '488dbed0020000'                 # 15f: lea 0x2d0(%rsi),%rdi
    '31d2'                           # 166: xor %edx,%edx
    '837f1001'                       # 168: cmpl $0x1,0x10(%rdi)
    '7513'                           # 16c: jne 181
    '48035708'                       # 16e: add 0x8(%rdi),%rdx
    '488b07'                         # 172: mov (%rdi),%rax
    '48034708'                       # 175: add 0x8(%rdi),%rax
    '4c39c0'                         # 179: cmp %r8,%rax
    '7603'                           # 17c: jbe 181
    '4989c0'                         # 17e: mov %rax,%r8
    '4883c714'                       # 181: add $0x14,%rdi
    'ffc9'                           # 185: dec %ecx
    '75df'                           # 187: jne 168
    '488b0540000000'                 # 189: mov 0x40(%rip),%rax # 1d0
    '4939c0'                         # 190: cmp %rax,%r8
    '7531'                           # 193: jne 1c6
    '482d00040000'                   # 195: sub $0x400,%rax
    '482d00000600'                   # 19b: sub $0x60000,%rax
    '4839c2'                         # 1a1: cmp %rax,%rdx
    '7520'                           # 1a4: jne 1c6
    'fec3'                           # 1a6: inc %bl
    '8bbe18020000'                   # 1a8: mov 0x218(%rsi),%edi
    '85ff'                           # 1ae: test %edi,%edi
    '7414'                           # 1b0: je 1c6
    '48b8494e495452443634'           # 1b2: movabs $0x3436445254494e49,%rax
    '483907'                         # 1bc: cmp %rax,(%rdi)
    '7505'                           # 1bf: jne 1c6
    'b020'                           # 1c1: mov $0x20,%al
    'e6f4'                           # 1c3: out %al,$0xf4
    'f4'                             # 1c5: hlt
    '88d8'                           # 1c6: mov %bl,%al
    'e6f4'                           # 1c8: out %al,$0xf4
    'f4'                             # 1ca: hlt
)
ENTRY64_RAM = 0x1d0       # offset of the expected RAM size (u64)

# Multiboot kernel (a.out kludge at 0x200000, entry +0x100) with header
# flag 0 (page-aligned modules): reports 0x30 when eax is the magic,
# flags have MODS, mods_count and every module's alignment, size,
# contents and string match the table at 0x200800: count (u32), then per
# module size, address and length of the expected contents, address and
# length (with NUL) of the expected string (5 x u32).
MB_MODS_CODE = bytes.fromhex(
    'fc'                             # 000: cld
    'bc00000800'                     # 001: mov $0x80000,%esp
    '89dd'                           # 006: mov %ebx,%ebp
    'b302'                           # 008: mov $0x2,%bl
    '3d02b0ad2b'                     # 00a: cmp $0x2badb002,%eax
    '7565'                           # 00f: jne 76
    'fec3'                           # 011: inc %bl
    'f7450008000000'                 # 013: testl $0x8,0x0(%ebp)
    '745a'                           # 01a: je 76
    'fec3'                           # 01c: inc %bl
    '8b5514'                         # 01e: mov 0x14(%ebp),%edx
    '3b1500082000'                   # 021: cmp 0x200800,%edx
    '754d'                           # 027: jne 76
    '8b6d18'                         # 029: mov 0x18(%ebp),%ebp
    'bf04082000'                     # 02c: mov $0x200804,%edi
    'fec3'                           # 031: inc %bl
    'f74500ff0f0000'                 # 033: testl $0xfff,0x0(%ebp)
    '753a'                           # 03a: jne 76
    '8b4504'                         # 03c: mov 0x4(%ebp),%eax
    '2b4500'                         # 03f: sub 0x0(%ebp),%eax
    '3b07'                           # 042: cmp (%edi),%eax
    '7530'                           # 044: jne 76
    'fec3'                           # 046: inc %bl
    '57'                             # 048: push %edi
    '8b7500'                         # 049: mov 0x0(%ebp),%esi
    '8b4f08'                         # 04c: mov 0x8(%edi),%ecx
    '8b7f04'                         # 04f: mov 0x4(%edi),%edi
    'f3a6'                           # 052: repz cmpsb %es:(%edi),%ds:(%esi)
    '5f'                             # 054: pop %edi
    '751f'                           # 055: jne 76
    'fec3'                           # 057: inc %bl
    '57'                             # 059: push %edi
    '8b7508'                         # 05a: mov 0x8(%ebp),%esi
    '8b4f10'                         # 05d: mov 0x10(%edi),%ecx
    '8b7f0c'                         # 060: mov 0xc(%edi),%edi
    'f3a6'                           # 063: repz cmpsb %es:(%edi),%ds:(%esi)
    '5f'                             # 065: pop %edi
    '750e'                           # 066: jne 76
    '83c510'                         # 068: add $0x10,%ebp
    '83c714'                         # 06b: add $0x14,%edi
    '4a'                             # 06e: dec %edx
    '75c0'                           # 06f: jne 31
    'b030'                           # 071: mov $0x30,%al
    'e6f4'                           # 073: out %al,$0xf4
    'f4'                             # 075: hlt
    '88d8'                           # 076: mov %bl,%al
    'e6f4'                           # 078: out %al,$0xf4
    'f4'                             # 07a: hlt
)

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


def linux_image(xloadflags, ram=256 << 20):
    """bzImage, protocol 2.15, with startup_32 and startup_64; the 64-bit
    entry is only announced when xloadflags has XLF_KERNEL_64 (bit 0)."""
    setup = bytearray(5 * 512)
    setup[0x1f1] = 4
    setup[0x201] = 0x6a
    setup[0x202:0x206] = b'HdrS'
    struct.pack_into('<H', setup, 0x206, 0x20f)
    setup[0x211] = 1                        # LOADED_HIGH
    struct.pack_into('<I', setup, 0x22c, 0x7fffffff)
    struct.pack_into('<H', setup, 0x236, xloadflags)
    struct.pack_into('<I', setup, 0x238, 2048)
    assert len(ENTRY32_CODE) <= 0x200
    code64 = bytearray(ENTRY64_CODE)
    code64 += bytes(ENTRY64_RAM - len(code64)) + struct.pack('<Q', ram)
    kernel = ENTRY32_CODE + bytes(0x200 - len(ENTRY32_CODE)) + code64
    return bytes(setup) + kernel + bytes(4096)


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


def multiboot_mods_image(mods):
    """mods: [(contents, string)] the loader must hand over, in order."""
    hdr_off = 0x40
    load = 0x200000
    img = bytearray(0x1000)
    flags = 0x10001                         # a.out kludge, aligned mods
    struct.pack_into('<IIIIIIII', img, hdr_off, 0x1badb002, flags,
                     (-(0x1badb002 + flags)) & 0xffffffff,
                     load + hdr_off, load, 0, 0, load + 0x100)
    img[0x100:0x100 + len(MB_MODS_CODE)] = MB_MODS_CODE
    table = 0x800
    data = 0x900
    struct.pack_into('<I', img, table, len(mods))
    for i, (contents, string) in enumerate(mods):
        string = string.encode() + b'\0'
        struct.pack_into('<IIIII', img, table + 4 + 20 * i, len(contents),
                         load + data, len(contents),
                         load + data + len(contents), len(string))
        img[data:data + len(contents) + len(string)] = contents + string
        data += len(contents) + len(string)
    assert data <= len(img)
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


def status(value):
    """Exit status of the emulator after the guest writes @value to
    isa-debug-exit."""
    return (value << 1) | 1


def main():
    args = sys.argv[1:]
    reference = bool(args) and args[0] == '--reference'
    if reference:
        args = args[1:]
    qemu = args[0]
    if not os.access('/dev/kvm', os.R_OK | os.W_OK):
        print('1..0 # SKIP /dev/kvm not available')
        return 0
    tests = []

    def check(name, st, expect, out):
        tests.append((name, st == expect, 'status %s (expected %s): %s' %
                      (st, expect, out[-300:])))

    with tempfile.TemporaryDirectory() as d:
        def write(name, data):
            path = os.path.join(d, name)
            with open(path, 'wb') as f:
                f.write(data)
            return path

        mod1 = write('mod1.bin', b'first module, with a comma in its args')
        mod2 = write('mod2.bin', bytes(range(256)) * 20)
        mb = write('mb.bin', multiboot_aout_image())
        mbmods = write('mbmods.bin', multiboot_mods_image([
            (open(mod1, 'rb').read(), mod1 + ' arg1 a,b'),
            (open(mod2, 'rb').read(), mod2)]))

        st, out = run(qemu, mb)
        check('multiboot-aout-entry', st, 3, out)
        st, out = run(qemu, mbmods, ['-initrd', mod1 + ' arg1 a,,b,' + mod2])
        check('multiboot-modules', st, status(0x30), out)

        if not reference:
            linux32 = write('bzImage32', linux_image(0))
            linux64 = write('bzImage64', linux_image(1))
            linux64_1g = write('bzImage64-1g', linux_image(1, 1 << 30))
            initrd = write('initrd', b'INITRD64' + bytes(8000))
            pvh = write('pvh.elf', pvh_image())
            junk = write('junk.bin', b'\x41' * 4096)

            st, out = run(qemu, linux32, ['-append', 'bootmode=ok'])
            check('linux-32bit-entry', st, status(0x10), out)
            st, out = run(qemu, linux64, ['-append', 'bootmode=ok', '-m', '256',
                                          '-initrd', initrd])
            check('linux-64bit-entry', st, status(0x20), out)
            st, out = run(qemu, linux64_1g, ['-append', 'bootmode=ok', '-m',
                                             '1G', '-initrd', initrd])
            check('linux-64bit-entry-1G', st, status(0x20), out)
            # XLF_KERNEL_64, but the CPU model has no long mode
            st, out = run(qemu, linux64, ['-append', 'bootmode=ok',
                                          '-cpu', 'qemu32'])
            check('linux-64bit-kernel-32bit-cpu', st, status(0x10), out)
            st, out = run(qemu, pvh)
            check('pvh-entry', st, 3, out)

            st, out = run(qemu, junk)
            tests.append(('unrecognised-kernel',
                          st == 1 and "is not a multiboot, PVH or Linux "
                          "kernel image" in out, out[-300:]))
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
