#!/usr/bin/env python3
"""Crash safety: SIGKILL a writer mid-stream a few times; afterwards the
reference `qemu-img check` finds no corruption (leaks allowed) and every
write acknowledged before a completed flush reads back.

usage: test-crash.py OUR_QEMU_IMG CRASH_WRITER
"""
import atexit
import json
import os
import shutil
import random
import signal
import struct
import subprocess
import sys
import tempfile
import time

OURS, WRITER = [os.path.abspath(a) for a in sys.argv[1:3]]
REF = '/usr/bin/qemu-img' if os.path.exists('/usr/bin/qemu-img') else OURS
NBLOCKS = 1 << 13          # 32 MiB of 4 KiB blocks
WORKDIR = tempfile.mkdtemp(prefix='kvmemu-crash-')
atexit.register(shutil.rmtree, WORKDIR, True)
os.chdir(WORKDIR)
rnd = random.Random(7)
ok = True
rounds = 4
print('1..%d' % rounds)


def perm(i, n):
    return (i * 0x9E3779B1 + 12345) & (n - 1)


for r in range(rounds):
    img = 'c%d.qcow2' % r
    cs = ['512', '4k', '64k', '64k'][r]
    subprocess.run([OURS, 'create', '-q', '-f', 'qcow2', '-o',
                    'cluster_size=' + cs, img, str(NBLOCKS * 4096)],
                   check=True)
    p = subprocess.Popen([WRITER, img, str(NBLOCKS), '64'],
                         stdout=subprocess.PIPE)
    flushed = 0
    deadline = time.time() + rnd.uniform(0.2, 0.8)
    fd = p.stdout.fileno()
    os.set_blocking(fd, False)
    raw = b''

    def drain():
        global raw
        while True:
            try:
                chunk = os.read(fd, 65536)
            except BlockingIOError:
                return
            if not chunk:
                return
            raw += chunk

    while time.time() < deadline and p.poll() is None:
        time.sleep(0.01)
        drain()
    p.send_signal(signal.SIGKILL)
    p.wait()
    drain()
    buf = raw.decode()
    for line in buf.splitlines():
        if line.startswith('flushed '):
            flushed = int(line.split()[1])
    msgs = []
    c = subprocess.run([REF, 'check', '--output=json', img],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    if c.returncode not in (0, 3):
        msgs.append('check rc=%d %s %s' % (c.returncode, c.stdout, c.stderr))
    subprocess.run([OURS, 'convert', '-f', 'qcow2', '-O', 'raw', img,
                    'out.raw'], check=True)
    with open('out.raw', 'rb') as f:
        data = f.read()
    bad = 0
    for i in range(flushed):
        off = perm(i, NBLOCKS) * 4096
        seq = struct.unpack_from('<Q', data, off)[0]
        if seq != i + 1 or data[off + 8] != (i & 0xff):
            bad += 1
    if bad:
        msgs.append('%d of %d flushed writes lost' % (bad, flushed))
    if msgs:
        ok = False
        print('not ok %d - kill after %d flushed writes (cluster %s)' %
              (r + 1, flushed, cs))
        for m in msgs:
            print('# ' + m.replace('\n', '\n# '))
    else:
        print('ok %d - kill after %d flushed writes (cluster %s)' %
              (r + 1, flushed, cs))
sys.exit(0 if ok else 1)
