#!/bin/bash
# make bench: our emulator side by side with Debian's QEMU, using public
# tools only (hyperfine for wall time, /usr/bin/time for peak RSS).
# Figures are measured, never asserted; quote medians and ratios.
#
#   scripts/bench.sh [BUILD]     QEMU_REF=/usr/bin/qemu-system-x86_64
BUILD=${1:-build}
OURS=$BUILD/qemu-system-x86_64
REF=${QEMU_REF:-/usr/bin/qemu-system-x86_64}
RUNS=${BENCH_RUNS:-5}
HELLO=$BUILD/tests/guest/hello.elf
EXITDEV="-device isa-debug-exit,iobase=0xf4,iosize=0x4"

ninja -C "$BUILD" tests/guest/hello.elf >/dev/null 2>&1
for f in "$OURS" "$REF" "$HELLO"; do
    [ -e "$f" ] || { echo "bench: missing $f" >&2; exit 1; }
done

peak_rss_kb() {
    /usr/bin/time -f '%M' -o /tmp/bench-rss.$$ "$@" >/dev/null 2>&1 </dev/null
    tail -n 1 /tmp/bench-rss.$$
    rm -f /tmp/bench-rss.$$
}

median() {
    sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

echo "== exec -> guest exit, hello test guest (-m 128) =="
hyperfine -N -w 1 -r "$RUNS" -i \
    -n ours "$OURS -accel kvm -m 128 -kernel $HELLO -display none -serial null $EXITDEV" \
    -n qemu "$REF -accel kvm -m 128 -kernel $HELLO -display none -serial null $EXITDEV"

echo "== peak RSS, hello test guest with -m 512 -smp 2 (KiB, median of $RUNS) =="
for name in ours qemu; do
    bin=$OURS; [ $name = qemu ] && bin=$REF
    for i in $(seq "$RUNS"); do
        peak_rss_kb "$bin" -accel kvm -m 512 -smp 2 -kernel "$HELLO" \
            -display none -serial null $EXITDEV
    done | median | sed "s/^/$name: /"
done

echo "== exec -> first QMP answer (-machine none, libvirt's probe) =="
scripts/bench-qmp.sh "$OURS" "$REF" 10

echo "== virtio-blk through a test guest, cache=none =="
scripts/bench-virtio.sh "$BUILD"

echo "== virtio-net: two VMs on a stream pair, guest <-> tap =="
scripts/bench-net.sh "$BUILD"

# Needs about 3 GB in /var/tmp; BENCH_BLOCK=0 skips it.
if [ "${BENCH_BLOCK:-1}" != 0 ]; then
    echo "== qemu-img convert and 4 KiB random I/O =="
    scripts/bench-block.sh "$BUILD"
fi
