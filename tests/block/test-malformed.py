#!/usr/bin/env python3
"""Malformed qcow2 images must give errors, never crashes.

usage: test-malformed.py OUR_QEMU_IMG CORPUS_DIR
Builds a valid image with ours, damages one field per case, and runs
`info`, `check` and `convert` on it: each must exit (no signal); the
header-level damage must make `info` fail with a message.  Every file in
CORPUS_DIR (fuzzer finds, kept as regression inputs) gets the same runs.
"""
import atexit
import os
import shutil
import struct
import subprocess
import sys
import tempfile

OURS, CORPUS = [os.path.abspath(a) for a in sys.argv[1:3]]
WORKDIR = tempfile.mkdtemp(prefix='kvmemu-malformed-')
atexit.register(shutil.rmtree, WORKDIR, True)
os.chdir(WORKDIR)
subprocess.run([OURS, 'create', '-q', '-f', 'qcow2', '-o',
                'cluster_size=4k', 'good.qcow2', '1M'], check=True)
subprocess.run([OURS, 'bench', '-q', '-w', '-c', '64', '-s', '4096',
                '--pattern', '9', '-f', 'qcow2', 'good.qcow2'], check=True)
good = open('good.qcow2', 'rb').read()
l1_off = struct.unpack_from('>Q', good, 40)[0]
l2_off = struct.unpack_from('>Q', good, l1_off)[0] & 0x00fffffffffffe00


def patch(fmt, off, val, base=good):
    b = bytearray(base)
    struct.pack_into(fmt, b, off, val)
    return bytes(b)


CASES = [
    # name, image bytes, info must fail
    ('truncated header', good[:50], True),
    ('empty file with magic', good[:8], True),
    ('version 99', patch('>I', 4, 99), True),
    ('cluster_bits 31', patch('>I', 20, 31), True),
    ('cluster_bits 0', patch('>I', 20, 0), True),
    ('huge L1 size', patch('>I', 36, 0xffffffff), True),
    ('L1 past EOF', patch('>Q', 40, 1 << 40), True),
    ('L1 unaligned', patch('>Q', 40, l1_off + 8), True),
    ('refcount order 7', patch('>I', 96, 7), True),
    ('refcount table past EOF', patch('>Q', 48, 1 << 45), True),
    ('refcount table huge', patch('>I', 56, 0x7fffffff), True),
    ('header_length tiny', patch('>I', 100, 8), True),
    ('unknown incompatible feature', patch('>Q', 72, 1 << 40), True),
    ('snapshot table past EOF',
     patch('>Q', 64, 1 << 40, patch('>I', 60, 1)), True),
    ('too many snapshots', patch('>I', 60, 0x7fffffff), True),
    ('backing name past cluster',
     patch('>I', 16, 4000, patch('>Q', 8, 4000)), True),
    ('virtual size huge', patch('>Q', 24, 1 << 63), True),
    ('L2 pointing past EOF', patch('>Q', l1_off, (1 << 50) | (1 << 63)),
     False),
    ('L2 table unaligned', patch('>Q', l1_off, (l2_off + 8) | (1 << 63)),
     False),
    ('data cluster unaligned', patch('>Q', l2_off, (0x1200) | (1 << 63)),
     False),
    ('data cluster past EOF', patch('>Q', l2_off, (1 << 52) | (1 << 63)),
     False),
    ('garbage compressed entry', patch('>Q', l2_off, (1 << 62) | 0x3fff),
     False),
    ('compressed entry huge size', patch('>Q', l2_off, 0x7fffffffffffffff),
     False),
]
for f in sorted(os.listdir(CORPUS)) if os.path.isdir(CORPUS) else []:
    CASES.append(('corpus/' + f, open(os.path.join(CORPUS, f), 'rb').read(),
                  False))

print('1..%d' % len(CASES))
ok = True
for i, (name, data, must_fail) in enumerate(CASES, 1):
    with open('bad.qcow2', 'wb') as f:
        f.write(data)
    msgs = []
    for args in (['info', '-f', 'qcow2', 'bad.qcow2'],
                 ['check', '-f', 'qcow2', 'bad.qcow2'],
                 ['convert', '-f', 'qcow2', '-O', 'raw', 'bad.qcow2',
                  'out.raw']):
        try:
            p = subprocess.run([OURS] + args, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, timeout=20)
        except subprocess.TimeoutExpired:
            msgs.append('%s timed out' % args[0])
            continue
        if p.returncode < 0:
            msgs.append('%s killed by signal %d' % (args[0], -p.returncode))
        if args[0] == 'info' and must_fail and \
                (p.returncode != 1 or 'qemu-img:' not in p.stderr):
            msgs.append('info should fail with a message: rc=%d %s' %
                        (p.returncode, p.stderr.strip()))
    if msgs:
        ok = False
        print('not ok %d - %s' % (i, name))
        for m in msgs:
            print('# ' + m)
    else:
        print('ok %d - %s' % (i, name))
sys.exit(0 if ok else 1)
