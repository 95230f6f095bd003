#!/bin/sh
# Time from exec to the first answered QMP command, as libvirt's
# capability probe does it: -machine none -nodefaults -nographic with a
# QMP unix socket; the client connects, reads the greeting and sends
# qmp_capabilities.  Median of N runs, ours against the reference QEMU.
#
# usage: scripts/bench-qmp.sh [OURS [REFERENCE [RUNS]]]
set -e
ours=${1:-build/qemu-system-x86_64}
ref=${2:-/usr/bin/qemu-system-x86_64}
runs=${3:-10}

exec python3 - "$ours" "$ref" "$runs" <<'PYEOF'
import os, socket, statistics, subprocess, sys, tempfile, time

def one(emu):
    d = tempfile.mkdtemp()
    path = os.path.join(d, 'qmp.sock')
    t0 = time.perf_counter()
    p = subprocess.Popen([emu, '-machine', 'none', '-nodefaults',
                          '-nographic', '-qmp',
                          'unix:%s,server=on,wait=off' % path],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    s = socket.socket(socket.AF_UNIX)
    s.settimeout(20)
    while True:
        try:
            s.connect(path)
            break
        except OSError:
            if p.poll() is not None or time.perf_counter() - t0 > 20:
                raise SystemExit('%s did not start' % emu)
            time.sleep(0.0005)
    f = s.makefile('rwb')
    f.readline()                                  # greeting
    f.write(b'{"execute": "qmp_capabilities"}\n')
    f.flush()
    f.readline()
    t = time.perf_counter() - t0
    f.close()
    s.close()
    p.kill()
    p.wait()
    try:
        os.unlink(path)
    except OSError:
        pass
    os.rmdir(d)
    return t

def bench(emu, runs):
    one(emu)                                      # warm the page cache
    return statistics.median(one(emu) for _ in range(runs))

ours, ref, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
a = bench(ours, runs)
print('ours:      %7.2f ms  (%s)' % (a * 1000, ours))
if os.access(ref, os.X_OK):
    b = bench(ref, runs)
    print('reference: %7.2f ms  (%s)' % (b * 1000, ref))
    print('ratio ours/reference: %.3f' % (a / b))
PYEOF
