#!/usr/bin/env python3
"""Interoperability of kvmemu's qemu-img/qcow2 with Debian's QEMU 7.2.

Usage: test-interop.py OUR_QEMU_IMG
Images written by ours must pass Debian's `qemu-img check`; images
written by Debian's must read back byte-identically through ours.
Skipped (exit 77) when /usr/bin/qemu-img is not installed.
"""
import atexit
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

OURS = os.path.abspath(sys.argv[1])
REF = '/usr/bin/qemu-img'
failures = []
count = 0


def run(*args, ok=(0,)):
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    if p.returncode not in ok:
        raise RuntimeError('%s -> %d\n%s%s' % (' '.join(args), p.returncode,
                                               p.stdout, p.stderr))
    return p


def case(name):
    def deco(fn):
        global count
        count += 1
        try:
            fn()
            print('ok %d - %s' % (count, name))
        except Exception as e:  # report and continue
            failures.append(name)
            print('not ok %d - %s' % (count, name))
            for line in str(e).splitlines():
                print('# ' + line)
        return fn
    return deco


def make_raw(path, size, seed, density=0.5, chunk=65536):
    rnd = random.Random(seed)
    with open(path, 'wb') as f:
        for _ in range(size // chunk):
            if rnd.random() < density:
                f.write(rnd.randbytes(512) * (chunk // 512))
            else:
                f.write(bytes(chunk))


def ref_check_clean(img):
    p = run(REF, 'check', '--output=json', img, ok=(0, 3))
    d = json.loads(p.stdout)
    if d.get('corruptions', 0) or d.get('leaks', 0) or d['check-errors']:
        raise RuntimeError('reference check of %s: %s' % (img, p.stdout))


def same_content(a, fa, b, fb):
    run(REF, 'compare', '-f', fa, '-F', fb, a, b)


def read_through_ours(img, fmt, out):
    run(OURS, 'convert', '-f', fmt, '-O', 'raw', img, out)


WORKDIR = tempfile.mkdtemp(prefix='kvmemu-interop-')
atexit.register(shutil.rmtree, WORKDIR, True)
os.chdir(WORKDIR)
if not os.path.exists(REF):
    print('1..0 # SKIP no reference qemu-img')
    sys.exit(0)
make_raw('src.raw', 8 << 20, 1)


@case('our qcow2 convert output passes reference check, identical')
def _():
    for cs in ('512', '4k', '64k', '2M'):
        run(OURS, 'convert', '-O', 'qcow2', '-o', 'cluster_size=' + cs,
            'src.raw', 'o.qcow2')
        ref_check_clean('o.qcow2')
        same_content('src.raw', 'raw', 'o.qcow2', 'qcow2')


@case('our compressed (zlib, zstd) and v2 images pass reference check')
def _():
    for opts in ('compression_type=zlib', 'compression_type=zstd',
                 'compat=0.10', 'refcount_bits=1', 'refcount_bits=64'):
        run(OURS, 'convert', '-c', '-O', 'qcow2', '-o', opts, 'src.raw',
            'c.qcow2')
        ref_check_clean('c.qcow2')
        same_content('src.raw', 'raw', 'c.qcow2', 'qcow2')


@case('reference-written images read identically through ours')
def _():
    for cs in ('512', '64k', '2M'):
        for extra in ([], ['-c'], ['-c', '-o', 'compression_type=zstd']):
            o = ['-o', 'cluster_size=' + cs]
            run(REF, 'convert', '-O', 'qcow2', *o, *extra, 'src.raw',
                'r.qcow2')
            read_through_ours('r.qcow2', 'qcow2', 'back.raw')
            run('cmp', 'src.raw', 'back.raw')


@case('backing chains both ways')
def _():
    make_raw('top.raw', 8 << 20, 2, density=0.2)
    run(REF, 'convert', '-O', 'qcow2', 'src.raw', 'base.qcow2')
    run(REF, 'create', '-f', 'qcow2', '-b', 'base.qcow2', '-F', 'qcow2',
        'mid.qcow2')
    run('qemu-io', '-c', 'write -P 0x5a 1M 3M', 'mid.qcow2')
    run(OURS, 'create', '-q', '-f', 'qcow2', '-b', 'mid.qcow2', '-F',
        'qcow2', 'top.qcow2')
    read_through_ours('top.qcow2', 'qcow2', 'ours.raw')
    run(REF, 'convert', '-O', 'raw', 'top.qcow2', 'ref.raw')
    run('cmp', 'ours.raw', 'ref.raw')
    # ours writes into the overlay: partial-cluster COW from the backing
    run(OURS, 'bench', '-q', '-w', '-c', '50', '-s', '1536', '-S', '70000',
        '-f', 'qcow2', 'top.qcow2')
    ref_check_clean('top.qcow2')
    read_through_ours('top.qcow2', 'qcow2', 'ours.raw')
    run(REF, 'convert', '-O', 'raw', 'top.qcow2', 'ref.raw')
    run('cmp', 'ours.raw', 'ref.raw')


@case('internal snapshots both ways')
def _():
    run(REF, 'convert', '-O', 'qcow2', 'src.raw', 's.qcow2')
    run(REF, 'snapshot', '-c', 'ref1', 's.qcow2')
    run('qemu-io', '-c', 'write -P 0x33 0 1M', 's.qcow2')
    out = run(OURS, 'snapshot', '-l', 's.qcow2').stdout
    if 'ref1' not in out:
        raise RuntimeError('snapshot list: ' + out)
    run(OURS, 'snapshot', '-c', 'ours1', 's.qcow2')
    ref_check_clean('s.qcow2')
    run(OURS, 'bench', '-q', '-w', '-c', '64', '-s', '65536', '--pattern',
        '7', '-f', 'qcow2', 's.qcow2')
    ref_check_clean('s.qcow2')
    run(OURS, 'snapshot', '-a', 'ref1', 's.qcow2')
    ref_check_clean('s.qcow2')
    read_through_ours('s.qcow2', 'qcow2', 'snap.raw')
    run('cmp', 'src.raw', 'snap.raw')
    run(OURS, 'snapshot', '-d', 'ours1', 's.qcow2')
    run(OURS, 'snapshot', '-d', 'ref1', 's.qcow2')
    ref_check_clean('s.qcow2')
    if run(REF, 'snapshot', '-l', 's.qcow2').stdout.strip():
        raise RuntimeError('snapshots left')


@case('info --output=json matches the reference (keys and values)')
def _():
    run(REF, 'create', '-q', '-f', 'qcow2', '-o',
        'cluster_size=4k,lazy_refcounts=on,compression_type=zstd',
        'i.qcow2', '5M')
    run(REF, 'create', '-q', '-f', 'qcow2', '-b', 'i.qcow2', '-F', 'qcow2',
        'j.qcow2')
    for img in ('i.qcow2', 'j.qcow2', 'src.raw'):
        a = json.loads(run(OURS, 'info', '--output=json', img).stdout)
        b = json.loads(run(REF, 'info', '--output=json', img).stdout)
        a.pop('actual-size', None)
        b.pop('actual-size', None)
        if a != b:
            raise RuntimeError('%s\nours: %s\nref:  %s' % (img, a, b))


@case('create options, resize grow/shrink')
def _():
    for opts in ('preallocation=metadata', 'preallocation=falloc',
                 'lazy_refcounts=on', 'cluster_size=512,refcount_bits=8'):
        run(OURS, 'create', '-q', '-f', 'qcow2', '-o', opts, 'p.qcow2', '3M')
        ref_check_clean('p.qcow2')
        run(OURS, 'resize', '-q', 'p.qcow2', '+64M')
        ref_check_clean('p.qcow2')
        info = json.loads(run(REF, 'info', '--output=json',
                              'p.qcow2').stdout)
        if info['virtual-size'] != (3 << 20) + (64 << 20):
            raise RuntimeError('size %d' % info['virtual-size'])
    run(OURS, 'resize', 'p.qcow2', '1M', ok=(1,))
    run(OURS, 'resize', '-q', '--shrink', 'p.qcow2', '1M')
    ref_check_clean('p.qcow2')


@case('check finds leaks and corruption, -r repairs (exit codes)')
def _():
    run(REF, 'convert', '-O', 'qcow2', 'src.raw', 'k.qcow2')
    # leak: bump the refcount of the last (free) cluster via a fake refcount
    with open('k.qcow2', 'r+b') as f:
        hdr = f.read(72)
        rt = int.from_bytes(hdr[48:56], 'big')
        f.seek(rt)
        rb = int.from_bytes(f.read(8), 'big')
        size = os.path.getsize('k.qcow2')
        f.truncate(size + 65536)        # a cluster nothing references
        idx = size // 65536
        f.seek(rb + 2 * idx)
        f.write((1).to_bytes(2, 'big'))
    p = run(OURS, 'check', 'k.qcow2', ok=(3,))
    if 'leaked clusters were found' not in p.stdout:
        raise RuntimeError(p.stdout)
    q = run(REF, 'check', 'k.qcow2', ok=(3,))
    if p.stdout != q.stdout:
        raise RuntimeError('ours:\n%s\nref:\n%s' % (p.stdout, q.stdout))
    run(OURS, 'check', '-q', '-r', 'leaks', 'k.qcow2')
    ref_check_clean('k.qcow2')
    # corruption: zero the refcount of the first data cluster
    with open('k.qcow2', 'r+b') as f:
        f.seek(rb + 2 * 5)
        f.write((0).to_bytes(2, 'big'))
    run(OURS, 'check', 'k.qcow2', ok=(2,))
    run(REF, 'check', 'k.qcow2', ok=(2,))
    run(OURS, 'check', '-q', '-r', 'all', 'k.qcow2')
    ref_check_clean('k.qcow2')


@case('human check/info/map output identical to the reference')
def _():
    run(REF, 'convert', '-O', 'qcow2', 'src.raw', 'h.qcow2')
    run(REF, 'convert', '-c', '-O', 'qcow2', 'src.raw', 'hc.qcow2')
    run(REF, 'snapshot', '-c', 'snap', 'h.qcow2')
    for img in ('h.qcow2', 'hc.qcow2'):
        for cmd in (['check'], ['info'], ['map'], ['map', '--output=json'],
                    ['check', '--output=json']):
            pa = run(OURS, *cmd, img, ok=(0, 1))
            pb = run(REF, *cmd, img, ok=(0, 1))
            a, b = (pa.returncode, pa.stdout), (pb.returncode, pb.stdout)
            if cmd == ['info']:
                a = [l for l in a[1].splitlines() if 'disk size' not in l]
                b = [l for l in b[1].splitlines() if 'disk size' not in l]
            if a != b:
                raise RuntimeError('%s %s\nours:\n%s\nref:\n%s' %
                                   (cmd, img, a, b))


@case('bad --output is refused like the reference by info, check, map, measure')
def _():
    run(REF, 'create', '-q', '-f', 'qcow2', 'o.qcow2', '1M')
    for cmd in (['info'], ['check'], ['map'],
                ['measure', '-O', 'qcow2']):
        pa = run(OURS, *cmd, '--output=xml', 'o.qcow2', ok=(1,))
        pb = run(REF, *cmd, '--output=xml', 'o.qcow2', ok=(1,))
        a = pa.stderr.replace(OURS, 'qemu-img').splitlines()[-1:]
        b = pb.stderr.replace(REF, 'qemu-img').splitlines()[-1:]
        if a != b:
            raise RuntimeError('%s\nours: %s\nref:  %s' % (cmd, a, b))


@case('commit, rebase (safe and -u), compare, amend')
def _():
    run(REF, 'convert', '-O', 'qcow2', 'src.raw', 'cb.qcow2')
    run(REF, 'create', '-q', '-f', 'qcow2', '-b', 'cb.qcow2', '-F', 'qcow2',
        'ct.qcow2')
    run('qemu-io', '-c', 'write -P 0x77 100k 300k', 'ct.qcow2')
    run(REF, 'convert', '-O', 'raw', 'ct.qcow2', 'expect.raw')
    # safe rebase onto nothing keeps the content
    run(OURS, 'rebase', '-q', '-b', '', 'ct.qcow2')
    same_content('expect.raw', 'raw', 'ct.qcow2', 'qcow2')
    ref_check_clean('ct.qcow2')
    # unsafe rebase back, then commit into the base
    run(OURS, 'rebase', '-u', '-b', 'cb.qcow2', '-F', 'qcow2', 'ct.qcow2')
    run(OURS, 'commit', '-q', 'ct.qcow2')
    ref_check_clean('cb.qcow2')
    same_content('expect.raw', 'raw', 'cb.qcow2', 'qcow2')
    p = run(OURS, 'compare', 'src.raw', 'cb.qcow2', ok=(1,))
    if 'Content mismatch at offset' not in p.stdout:
        raise RuntimeError(p.stdout)
    run(OURS, 'compare', '-q', 'expect.raw', 'cb.qcow2')
    run(OURS, 'amend', '-o', 'lazy_refcounts=on', 'cb.qcow2')
    info = json.loads(run(REF, 'info', '--output=json', 'cb.qcow2').stdout)
    if not info['format-specific']['data']['lazy-refcounts']:
        raise RuntimeError('amend did not set lazy refcounts')
    ref_check_clean('cb.qcow2')


print('1..%d' % count)
sys.exit(1 if failures else 0)
