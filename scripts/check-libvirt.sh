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
    for d in kvmemu-cpu1 kvmemu-cpu2 kvmemu-cpu3; do
        virsh -c qemu:///system destroy $d >/dev/null 2>&1
        virsh -c qemu:///system undefine $d >/dev/null 2>&1
    done
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
  <on_reboot>restart</on_reboot>
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

# virsh qemu-monitor-command: HMP (libvirt wraps it in
# human-monitor-command) and raw QMP.
monitor_checks() {
    local out
    out=$($V qemu-monitor-command kvmemu-test --hmp 'info status' 2>&1)
    case "$out" in
        *"VM status: running"*) ok "qemu-monitor-command --hmp 'info status'" ;;
        *) bad "qemu-monitor-command --hmp: $out" ;;
    esac
    out=$($V qemu-monitor-command kvmemu-test '{"execute":"query-status"}' 2>&1)
    case "$out" in
        *'"status":"running"'*) ok "qemu-monitor-command QMP query-status" ;;
        *) bad "qemu-monitor-command QMP: $out" ;;
    esac
    out=$($V qemu-monitor-command kvmemu-test --pretty \
          '{"execute":"query-kvm"}' 2>&1)
    case "$out" in
        *'"enabled": true'*) ok "qemu-monitor-command --pretty query-kvm" ;;
        *) bad "qemu-monitor-command --pretty: $out" ;;
    esac
    # send-key (libvirt sends qnums as "number" keys)
    if out=$($V send-key kvmemu-test KEY_LEFTCTRL KEY_A 2>&1); then
        ok "send-key"
    else
        bad "send-key: $out"
    fi
}

# domblklist/domblkinfo/domblkstat: query-block, query-blockstats.
block_checks() {
    local out
    [ -n "$DISK_XML" ] || return 0
    out=$($V domblklist kvmemu-test 2>&1)
    if echo "$out" | grep -q "vda .*$DISK"; then
        ok "domblklist shows vda"
    else
        bad "domblklist: $out"
    fi
    # domblkinfo/domblkstat find the disk's statistics by the "qdev" member
    # of query-blockstats.
    out=$($V domblkinfo kvmemu-test vda 2>&1)
    if echo "$out" | grep -q "Capacity: *1048576"; then
        ok "domblkinfo vda (1 MiB)"
    else
        bad "domblkinfo: $out"
    fi
    out=$($V domblkstat kvmemu-test vda 2>&1)
    if echo "$out" | grep -q "vda rd_req"; then
        ok "domblkstat vda"
    else
        bad "domblkstat: $out"
    fi
    # blockresize -> block_resize: the image and the device grow
    if $V blockresize kvmemu-test vda 2M >/dev/null 2>&1 &&
       $V domblkinfo kvmemu-test vda 2>&1 | grep -q "Capacity: *2097152" &&
       [ "$(stat -c %s "$DISK")" = 2097152 ]; then
        ok "blockresize vda 2M"
    else
        bad "blockresize: $($V blockresize kvmemu-test vda 2M 2>&1)"
    fi
}

# attach-disk/detach-disk: blockdev-add + device_add, then device_del;
# the guest (waiting for the power button) services the ACPI PCI hot-plug
# events: it enumerates the new slot and ejects it on request, and
# DEVICE_DELETED tells libvirt the disk is gone.
hotplug_checks() {
    local out
    [ -n "$DISK_XML" ] || return 0
    truncate -s 2M "$WORK/disk2.raw"
    if $V attach-disk kvmemu-test "$WORK/disk2.raw" vdb --live >/dev/null &&
       $V domblklist kvmemu-test | grep -q "vdb .*disk2.raw"; then
        ok "attach-disk vdb --live -> domblklist shows vdb"
    else
        bad "attach-disk: $($V domblklist kvmemu-test 2>&1)"
    fi
    if wait_serial "$1" "acpi: hotplug slot .*1af4:1001"; then
        ok "guest sees the hot-plugged virtio disk"
    else
        bad "guest saw no hot-plugged disk"
    fi
    if $V detach-disk kvmemu-test vdb --live >/dev/null 2>&1; then
        ok "detach-disk vdb --live"
    else
        bad "detach-disk refused"
    fi
    for _ in $(seq 50); do
        out=$($V domblklist kvmemu-test 2>&1)
        echo "$out" | grep -q "vdb" || break
        sleep 0.2
    done
    if ! echo "$out" | grep -q "vdb" && echo "$out" | grep -q "vda" &&
       wait_serial "$1" "acpi: slot [0-9]* ejected"; then
        ok "vdb gone after detach (guest ejected it)"
    else
        bad "after detach-disk: $out"
    fi
}

# virsh reset: system_reset, RESET event; the guest boots again.
reset_check() {
    local n
    n=$(grep -c "waiting for the power button" "$1")
    if $V reset kvmemu-test >/dev/null 2>&1 && [ "$(domstate)" = running ]; then
        ok "reset"
    else
        bad "reset: $(domstate)"
    fi
    if wait_serial_count "$1" "waiting for the power button" $((n + 1)); then
        ok "guest boots again after reset"
    else
        bad "no guest output after reset"
    fi
}

# libvirtd restarts while the domain runs: it reconnects to the monitor
# and the domain stays running and controllable.
restart_libvirtd_check() {
    local pid
    pid=$(cat /run/libvirtd.pid)
    kill "$pid"
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    libvirtd -d -f "$CONF"
    for _ in $(seq 100); do
        [ -s /run/libvirtd.pid ] && [ "$(cat /run/libvirtd.pid)" != "$pid" ] &&
            [ -S /run/libvirt/libvirt-sock ] && break
        sleep 0.1
    done
    DAEMON_PIDS+=("$(cat /run/libvirtd.pid)")
    if [ "$(domstate)" = running ]; then
        ok "libvirtd restart: domain still running"
    else
        bad "libvirtd restart: domstate $(domstate)"
    fi
    $V suspend kvmemu-test >/dev/null && wait_state paused &&
        ok "suspend after reconnect" || bad "suspend after reconnect"
    $V resume kvmemu-test >/dev/null && wait_state running &&
        ok "resume after reconnect" || bad "resume after reconnect"
}

# virsh reboot: system_powerdown; the guest powers off (SHUTDOWN) and
# libvirt (fake reboot) sends system_reset + cont: the guest boots again.
reboot_check() {
    local n
    n=$(grep -c "waiting for the power button" "$1")
    if $V reboot kvmemu-test >/dev/null 2>&1; then
        ok "reboot accepted"
    else
        bad "reboot"
    fi
    if wait_serial_count "$1" "waiting for the power button" $((n + 1)) &&
       wait_state running; then
        ok "guest boots again after reboot, running"
    else
        bad "reboot: guest did not come back ($(domstate))"
    fi
}

wait_serial_count() {
    for _ in $(seq "${4:-150}"); do
        [ "$(grep -c "$2" "$1" 2>/dev/null)" -ge "$3" ] && return 0
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
            monitor_checks
            block_checks
            hotplug_checks "$WORK/serial$round.txt"
            reset_check "$WORK/serial$round.txt"
            restart_libvirtd_check
            if ! $V shutdown kvmemu-test >/dev/null; then
                bad "virsh shutdown refused"
            elif wait_state "shut off" 300; then
                ok "ACPI shutdown -> shut off"
            else
                bad "ACPI shutdown: still $(domstate)"
                $V destroy kvmemu-test >/dev/null 2>&1
            fi
        else
            reboot_check "$WORK/serial$round.txt"
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

# --- 3. CPU models: a named model with required/disabled features, and
# host-passthrough (query-cpu-model-expansion at probe time; qom-list and
# qom-get of the feature properties after start) ----------------------
cpu_domain() {
    local name=$1 cpu=$2
    cat > "$WORK/$name.xml" <<EOD
<domain type='kvm'>
  <name>$name</name>
  <memory unit='MiB'>64</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type><kernel>$GUEST</kernel></os>
  $cpu
  <devices><emulator>$EMU</emulator></devices>
</domain>
EOD
    $V define "$WORK/$name.xml" >/dev/null && $V start --paused "$name" \
        > "$WORK/$name.err" 2>&1
}
qom_cpu() {
    $V qemu-monitor-command "$1" "{\"execute\":\"qom-get\",\"arguments\":
        {\"path\":\"/machine/unattached/device[0]\",\"property\":\"$2\"}}" 2>&1
}
cpu_checks() {
    local out
    if cpu_domain kvmemu-cpu1 "<cpu mode='custom' match='exact'>
          <model>qemu64</model><feature policy='require' name='x2apic'/>
          <feature policy='disable' name='svm'/></cpu>"; then
        ok "qemu64 with require/disable features starts"
        # -cpu qemu64,...,svm=off reaches the CPU
        out=$(qom_cpu kvmemu-cpu1 svm)
        case "$out" in
            *'"return":false'*) ok "svm=off applied to the vCPU" ;;
            *) bad "svm after svm=off: $out" ;;
        esac
    else
        bad "qemu64 with features: $(tail -2 "$WORK/kvmemu-cpu1.err")"
    fi
    $V destroy kvmemu-cpu1 >/dev/null 2>&1
    $V undefine kvmemu-cpu1 >/dev/null 2>&1
    # check='full': libvirt compares every feature it reads back
    if cpu_domain kvmemu-cpu2 "<cpu mode='custom' match='exact' check='full'>
          <model>qemu64</model><feature policy='require' name='x2apic'/>
          <feature policy='require' name='hypervisor'/>
          <feature policy='require' name='lahf_lm'/>
          <feature policy='disable' name='svm'/>
          <feature policy='disable' name='pni'/></cpu>"; then
        ok "qemu64 with check='full' starts"
    else
        bad "check='full': $(tail -2 "$WORK/kvmemu-cpu2.err")"
    fi
    $V destroy kvmemu-cpu2 >/dev/null 2>&1
    $V undefine kvmemu-cpu2 >/dev/null 2>&1
    if cpu_domain kvmemu-cpu3 "<cpu mode='host-passthrough' check='none'/>"; then
        out=$(qom_cpu kvmemu-cpu3 lm)
        case "$out" in
            *'"return":true'*) ok "host-passthrough starts (lm on)" ;;
            *) bad "host-passthrough: lm is $out" ;;
        esac
    else
        bad "host-passthrough: $(tail -2 "$WORK/kvmemu-cpu3.err")"
    fi
    $V destroy kvmemu-cpu3 >/dev/null 2>&1
    $V undefine kvmemu-cpu3 >/dev/null 2>&1
    # host-model: the CPU libvirt builds from the static expansion of host
    if grep -A3 "<mode name='host-model' supported='yes'>" "$WORK/domcaps.xml" |
       grep -q "<vendor>"; then
        ok "domcapabilities host-model CPU from query-cpu-model-expansion"
    else
        bad "domcapabilities has no host-model CPU"
    fi
}
[ -f "$GUEST" ] && cpu_checks

echo "check-libvirt: $(( $(date +%s) - start ))s"
echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
