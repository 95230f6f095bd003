#!/bin/bash
# Drive kvmemu through Debian's libvirt: capability probe (virsh
# domcapabilities), then a domain's lifecycle.  Runs as root, no systemd.
# Usage: scripts/check-libvirt.sh [BUILD_DIR]   (default: build)
set -u
BUILD=$(cd "${1:-build}" && pwd)
EMU=$BUILD/qemu-system-x86_64
SRC=$(cd "$(dirname "$0")/.." && pwd)
LOG=/tmp/libvirtd.log
WORK=$(mktemp -d /tmp/check-libvirt.XXXXXX)
PASS=0
FAIL=0
DAEMON_PIDS=()

ok()   { echo "ok: $*"; PASS=$((PASS + 1)); }
bad()  { echo "FAIL: $*"; FAIL=$((FAIL + 1)); }

cleanup() {
    virsh -c qemu:///system destroy kvmemu-test >/dev/null 2>&1
    virsh -c qemu:///system undefine kvmemu-test >/dev/null 2>&1
    for pid in "${DAEMON_PIDS[@]}"; do
        kill "$pid" 2>/dev/null
    done
    for pid in "${DAEMON_PIDS[@]}"; do
        for _ in $(seq 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
    done
    rm -rf "$WORK"
}
trap cleanup EXIT

[ -x "$EMU" ] || { echo "no $EMU: build first"; exit 1; }
[ "$(id -u)" = 0 ] || { echo "needs root"; exit 1; }

if ! command -v libvirtd >/dev/null || ! command -v virsh >/dev/null ||
   [ ! -e /usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_qemu.so ]; then
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        libvirt-daemon-driver-qemu libvirt-clients libvirt-daemon >/dev/null || exit 1
fi
getent group libvirt-qemu >/dev/null || groupadd -r libvirt-qemu
getent passwd libvirt-qemu >/dev/null ||
    useradd -r -g libvirt-qemu -d /var/lib/libvirt -s /usr/sbin/nologin libvirt-qemu

# Run the emulator as root (no dynamic ownership games in a container).
QCONF=/etc/libvirt/qemu.conf
sed -i '/^user *=/d; /^group *=/d' "$QCONF"
printf 'user = "root"\ngroup = "root"\n' >> "$QCONF"

CONF=$WORK/libvirtd.conf
cat > "$CONF" <<EOC
log_filters="1:qemu 1:libvirt 3:object 3:json 3:event 3:util 3:rpc 3:conf 3:security 3:cgroup"
log_outputs="1:file:$LOG"
EOC
rm -f "$LOG"
rm -rf /var/cache/libvirt/qemu/capabilities/*
mkdir -p /run/libvirt /var/log/libvirt/qemu

# Stale daemons from an earlier interrupted run would hold the sockets.
for f in /run/libvirtd.pid /run/virtlogd.pid; do
    [ -s "$f" ] && kill "$(cat "$f")" 2>/dev/null
done
sleep 0.5

virtlogd -d
for _ in $(seq 50); do [ -s /run/virtlogd.pid ] && break; sleep 0.1; done
DAEMON_PIDS+=("$(cat /run/virtlogd.pid)")
libvirtd -d -f "$CONF"
for _ in $(seq 100); do [ -S /run/libvirt/libvirt-sock ] && break; sleep 0.1; done
DAEMON_PIDS+=("$(cat /run/libvirtd.pid)")
V="virsh -c qemu:///system"

start=$(date +%s)
# --- 1. capability probe ---------------------------------------------------
if $V domcapabilities --emulatorbin "$EMU" --virttype kvm --arch x86_64 \
        > "$WORK/domcaps.xml" 2> "$WORK/domcaps.err"; then
    if grep -q "<path>$EMU</path>" "$WORK/domcaps.xml" &&
       grep -q "<domain>kvm</domain>" "$WORK/domcaps.xml"; then
        ok "domcapabilities (kvm)"
    else
        bad "domcapabilities output lacks emulator/kvm"
    fi
else
    bad "domcapabilities: $(cat "$WORK/domcaps.err")"
    grep -E 'Send command|error' "$LOG" | tail -5
fi
if grep -q 'machine type="\|<value>pc-i440fx' "$WORK/domcaps.xml" 2>/dev/null; then
    ok "domcapabilities lists a pc machine"
fi

echo "check-libvirt: $(( $(date +%s) - start ))s"
echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
