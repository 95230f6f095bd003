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
if grep -q '<machine>pc-i440fx' "$WORK/domcaps.xml" 2>/dev/null; then
    ok "domcapabilities lists a pc machine"
else
    bad "domcapabilities lists no pc machine"
fi

# --- 2. a domain: start paused, read the serial, suspend/resume, ACPI
# shutdown through the power button, start again, destroy --------------
GUEST=$BUILD/tests/guest/acpi/acpi.elf
DISK=$WORK/disk.raw
truncate -s 1M "$DISK"
# A raw virtio disk (libvirt passes -blockdev pairs and bootindex);
# LIBVIRT_DISK=0 leaves it out.
DISK_XML=""
if [ "${LIBVIRT_DISK:-1}" = 1 ]; then
    DISK_XML="<disk type='file' device='disk'><driver name='qemu' type='raw'/>
      <source file='$DISK'/><target dev='vda' bus='virtio'/></disk>"
fi
cat > "$WORK/dom.xml" <<EOD
<domain type='kvm'>
  <name>kvmemu-test</name>
  <memory unit='MiB'>128</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>$GUEST</kernel>
    <cmdline>powerbutton</cmdline>
  </os>
  <features><acpi/></features>
  <on_poweroff>destroy</on_poweroff>
  <devices>
    <emulator>$EMU</emulator>
    $DISK_XML
    <controller type='usb' index='0' model='piix3-uhci'/>
    <serial type='pty'><target port='0'/></serial>
    <memballoon model='virtio'/>
  </devices>
</domain>
EOD

domstate() { $V domstate kvmemu-test 2>/dev/null | head -1; }
wait_state() {
    for _ in $(seq "${2:-100}"); do
        [ "$(domstate)" = "$1" ] && return 0
        sleep 0.2
    done
    return 1
}
# Read the pty into a file until the domain's pty goes away.
read_serial() {
    local pty
    pty=$($V ttyconsole kvmemu-test 2>/dev/null)
    [ -n "$pty" ] || return 1
    stty -F "$pty" raw -echo 2>/dev/null
    cat "$pty" > "$1" 2>/dev/null &
    SERIAL_PID=$!
}
wait_serial() {
    for _ in $(seq "${3:-150}"); do
        grep -q "$2" "$1" 2>/dev/null && return 0
        sleep 0.2
    done
    return 1
}

if [ -f "$GUEST" ] && $V define "$WORK/dom.xml" >/dev/null; then
    ok "define"
    for round in 1 2; do
        if ! $V start --paused kvmemu-test > "$WORK/start.err" 2>&1; then
            bad "start (round $round): $(tail -3 "$WORK/start.err")"
            tail -5 /var/log/libvirt/qemu/kvmemu-test.log
            break
        fi
        ok "start --paused (round $round)"
        [ "$(domstate)" = paused ] && ok "domstate paused" || bad "domstate"
        read_serial "$WORK/serial$round.txt"
        $V resume kvmemu-test >/dev/null && wait_state running &&
            ok "resume -> running" || bad "resume"
        if wait_serial "$WORK/serial$round.txt" "waiting for the power button"; then
            ok "guest output over the pty"
        else
            bad "no guest output on the pty: $(head -c 200 "$WORK/serial$round.txt")"
        fi
        if [ "$round" = 1 ]; then
            $V suspend kvmemu-test >/dev/null && wait_state paused &&
                ok "suspend -> paused" || bad "suspend"
            $V resume kvmemu-test >/dev/null && wait_state running &&
                ok "resume -> running" || bad "resume"
            $V shutdown kvmemu-test >/dev/null
            if wait_state "shut off" 300; then
                ok "ACPI shutdown -> shut off"
            else
                bad "ACPI shutdown: still $(domstate)"
                $V destroy kvmemu-test >/dev/null 2>&1
            fi
        else
            $V destroy kvmemu-test >/dev/null && wait_state "shut off" &&
                ok "destroy -> shut off" || bad "destroy"
        fi
        kill "$SERIAL_PID" 2>/dev/null
        wait "$SERIAL_PID" 2>/dev/null
    done
    $V undefine kvmemu-test >/dev/null
else
    bad "define (or no $GUEST)"
fi

echo "check-libvirt: $(( $(date +%s) - start ))s"
echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
