#!/bin/sh
# virtio-blk throughput: our emulator against Debian's QEMU, cache=none.
#
#   scripts/bench-virtio.sh [BUILD_DIR]        (default: build)
#
# Boots tests/guest/virtio/virtio-blk.elf in benchmark mode, which keeps
# the queue busy with batches of 32 requests: sequential 1 MiB reads and
# writes and random 4 KiB reads over a 256 MiB raw image (O_DIRECT).
# Times are taken on the host between the guest's BENCH-START and
# BENCH-END serial lines; one untimed batch before BENCH-START lets the
# host fault in the guest buffers first.  QEMU_REF overrides the reference binary,
# BENCH_MIB the amount per sequential phase, BENCH_RAND_MIB the random one.
set -e
BUILD=${1:-build}
OURS=$BUILD/qemu-system-x86_64
REF=${QEMU_REF:-/usr/bin/qemu-system-x86_64}
GUEST=$BUILD/tests/guest/virtio/virtio-blk.elf
SEQ_MIB=${BENCH_MIB:-512}
RAND_MIB=${BENCH_RAND_MIB:-32}

for f in "$OURS" "$GUEST"; do
    [ -e "$f" ] || { echo "bench-virtio: $f missing (build first)" >&2; exit 1; }
done
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
IMG=$TMP/bench.raw
# Allocated (not sparse) so reads really touch the disk.
dd if=/dev/zero of="$IMG" bs=1M count=256 status=none

python3 - "$OURS" "$REF" "$GUEST" "$IMG" "$SEQ_MIB" "$RAND_MIB" <<'PYEOF'
import subprocess, sys, time

ours, ref, guest, img, seq_mib, rand_mib = sys.argv[1:]

def run(qemu, mode, phase, mib):
    cmd = [qemu, "-accel", "kvm", "-nographic", "-m", "256",
           "-kernel", guest,
           "-append", "mode=%s bench=%s mib=%s" % (mode, phase, mib),
           "-device", "isa-debug-exit,iobase=0xf4,iosize=0x4",
           "-drive", "file=%s,if=none,id=d0,format=raw,cache=none" % img,
           "-device", "virtio-blk-pci,drive=d0,disable-legacy=on"]
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    start = end = None
    nbytes = 0
    deadline = time.time() + 600
    for line in iter(p.stdout.readline, b""):
        text = line.decode(errors="replace")
        if "BENCH-START" in text:
            start = time.monotonic()
        elif "BENCH-END" in text:
            end = time.monotonic()
            w = text.split()
            nbytes = int(w[2]) * int(w[5])
        if time.time() > deadline:
            p.kill()
            break
    p.wait()
    if start is None or end is None:
        return None
    return nbytes / (end - start) / 2**20, int(w[2]) / (end - start)

print("%-10s %-12s %12s %12s" % ("phase", "emulator", "MiB/s", "IOPS"))
for phase, mib in (("seqread", seq_mib), ("seqwrite", seq_mib),
                   ("randread", rand_mib)):
    for name, qemu in (("kvmemu", ours), ("qemu", ref)):
        r = run(qemu, "modern", phase, mib)
        if r is None:
            print("%-10s %-12s %12s" % (phase, name, "failed"))
        else:
            print("%-10s %-12s %12.1f %12.0f" % (phase, name, r[0], r[1]))
PYEOF
