#!/bin/bash
# Linux early boot, ours vs the reference QEMU: seconds from exec to the
# kernel's "Linux version" line and to "ACPI: FACP", same PVH vmlinux and
# command line (scripts/check-linux.sh does the runs).  Slow on a
# software KVM: each run is cut off after BENCH_LINUX_TIMEOUT seconds.
#
#   scripts/bench-linux.sh [BUILD]     QEMU_REF=/usr/bin/qemu-system-x86_64
BUILD=${1:-build}
REF=${QEMU_REF:-/usr/bin/qemu-system-x86_64}
TIMEOUT=${BENCH_LINUX_TIMEOUT:-120}
SRC=$(cd "$(dirname "$0")/.." && pwd)

milestone() {
    awk -v name="$2" '$0 ~ "^  " name " " { print $NF }' "$1"
}

declare -A first facp
for who in ours qemu; do
    bin=$BUILD/qemu-system-x86_64
    [ $who = qemu ] && bin=$REF
    log=/tmp/bench-linux-$who.$$
    "$SRC/scripts/check-linux.sh" -q "$bin" -c "$BUILD/linux-cache" \
        -t "$TIMEOUT" > "$log" 2>&1
    first[$who]=$(milestone "$log" "first line")
    facp[$who]=$(milestone "$log" "ACPI FACP")
    rm -f "$log"
done
echo "== exec -> Linux milestones, PVH vmlinux (seconds) =="
printf '%-14s %8s %8s\n' milestone ours qemu
printf '%-14s %8s %8s\n' "Linux version" "${first[ours]}" "${first[qemu]}"
printf '%-14s %8s %8s\n' "ACPI: FACP" "${facp[ours]}" "${facp[qemu]}"
