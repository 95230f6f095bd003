#!/bin/sh
# Block benchmarks for `make bench`: kvmemu's qemu-img against Debian's
# /usr/bin/qemu-img on the same images (hyperfine when available, else
# /usr/bin/time).
#   scripts/bench-block.sh [BUILD_DIR]        (default: build)
#  1. convert raw -> qcow2 and qcow2 -> raw of a 1 GiB image with half of
#     its 64 KiB clusters written;
#  2. `qemu-img bench` 4 KiB scattered reads and writes on qcow2 with
#     -t none and -i io_uring (falls back to cache=writeback when the
#     file system has no O_DIRECT).
set -e
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$SRC/build}
OURS=$BUILD/qemu-img
REF=/usr/bin/qemu-img
DIR=${BENCH_DIR:-/var/tmp/kvmemu-bench-block}
mkdir -p "$DIR"
cd "$DIR"
[ -x "$OURS" ] || { echo "bench-block: $OURS not built" >&2; exit 1; }
[ -x "$REF" ] || { echo "bench-block: $REF not installed" >&2; exit 1; }

if [ ! -f half.raw ]; then
    python3 - <<'PY'
import os
rnd = os.urandom
with open('half.raw', 'wb') as f:
    f.truncate(1 << 30)
    for i in range(0, 1 << 30, 2 << 16):   # every other 64 KiB cluster
        f.seek(i)
        f.write(rnd(1 << 16))
PY
fi

run() {   # name, command...
    name=$1; shift
    if command -v hyperfine >/dev/null; then
        hyperfine -w 1 -r 3 -N -n "$name" "$*" 2>/dev/null |
            grep -E "Time|$name" | head -2
    else
        /usr/bin/time -f "$name: %e s" "$@"
    fi
}

echo "== convert raw -> qcow2 (1 GiB, half allocated)"
for t in ours:$OURS ref:$REF; do
    run "${t%%:*} raw->qcow2" "${t#*:}" convert -f raw -O qcow2 half.raw \
        "out-${t%%:*}.qcow2"
done
echo "== convert qcow2 -> raw"
$REF convert -f raw -O qcow2 half.raw src.qcow2
for t in ours:$OURS ref:$REF; do
    run "${t%%:*} qcow2->raw" "${t#*:}" convert -f qcow2 -O raw src.qcow2 \
        "out-${t%%:*}.raw"
done

echo "== bench 4 KiB scattered I/O, qcow2, -t none -i io_uring"
CACHE="-t none -i io_uring"
if ! $REF bench -c 1 -f qcow2 $CACHE src.qcow2 >/dev/null 2>&1; then
    CACHE="-t writeback"
    echo "(no O_DIRECT here: using $CACHE)"
fi
for mode in read write; do
    W=""; [ $mode = write ] && W="-w"
    for t in ours:$OURS ref:$REF; do
        run "${t%%:*} $mode" "${t#*:}" bench -q -c 100000 -d 64 -s 4k \
            -S 4198400 $W -f qcow2 $CACHE src.qcow2
    done
done
