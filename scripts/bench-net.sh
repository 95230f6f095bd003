#!/bin/sh
# virtio-net throughput: our emulator against Debian's QEMU, same guest.
#
#   scripts/bench-net.sh [BUILD_DIR]        (default: build)
#
# Boots tests/guest/net/virtio-net.elf (a polled virtio-net driver) in
# benchmark mode:
#   vm-pair     two VMs on a "-netdev stream" pair over TCP loopback: one
#               sends BENCH_MIB MiB of 1514-byte frames, the other counts
#               them (in order, none lost) and both exit through
#               isa-debug-exit
#   guest-to-tap  the guest sends BENCH_MIB MiB to a tap device in a
#               network namespace (ip netns add); the host checks the
#               tap's rx counters (needs root; skipped otherwise)
#   tap-to-guest  the host sends BENCH_MIB MiB of numbered frames into
#               the tap (AF_PACKET, as fast as the kernel takes them);
#               the guest counts what arrives (frames the tap queue
#               dropped are reported as lost)
# Times are taken on the host between the receiving guest's (vm-pair,
# tap-to-guest) or sending guest's (guest-to-tap) BENCH-START and
# BENCH-END serial lines.
# Each test runs BENCH_RUNS times (3), alternating the two emulators;
# the median is printed with the individual runs.  QEMU_REF overrides
# the reference binary, BENCH_MIB the amount (64).
set -e
BUILD=${1:-build}
OURS=$BUILD/qemu-system-x86_64
REF=${QEMU_REF:-/usr/bin/qemu-system-x86_64}
GUEST=$BUILD/tests/guest/net/virtio-net.elf
MIB=${BENCH_MIB:-64}
RUNS=${BENCH_RUNS:-3}

for f in "$OURS" "$GUEST"; do
    [ -e "$f" ] || { echo "bench-net: $f missing (build first)" >&2; exit 1; }
done

python3 - "$OURS" "$REF" "$GUEST" "$MIB" "$RUNS" <<'PYEOF'
import os, socket, statistics, subprocess, sys, threading, time

ours, ref, guest, mib, runs = sys.argv[1:]
FRAME = 1514


def emu(qemu, append, netdev, mac, prefix=()):
    cmd = list(prefix) + [
        qemu, "-accel", "kvm", "-nographic", "-m", "128", "-kernel", guest,
        "-append", append,
        "-device", "isa-debug-exit,iobase=0xf4,iosize=0x4",
        "-netdev", netdev,
        "-device", "virtio-net-pci,netdev=n0,romfile=,mac=" + mac]
    return subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


class Watch(threading.Thread):
    """Timestamps the BENCH-START/BENCH-END lines of a guest."""

    def __init__(self, proc):
        super().__init__(daemon=True)
        self.proc, self.start_t, self.end_t = proc, None, None
        self.ready = threading.Event()
        self.lines = []
        self.start()

    def run(self):
        for line in iter(self.proc.stdout.readline, b""):
            text = line.decode(errors="replace")
            self.lines.append(text)
            if "promiscuous mode off" in text:
                self.ready.set()
            if "BENCH-START" in text:
                self.start_t = time.monotonic()
            elif "BENCH-END" in text:
                self.end_t = time.monotonic()
        self.ready.set()


def finish(procs, timeout=600):
    deadline = time.monotonic() + timeout
    for p in procs:
        try:
            p.wait(max(1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def rate(w, nbytes):
    if w.start_t is None or w.end_t is None or w.proc.returncode != 1:
        sys.stderr.write("".join(w.lines[-5:]))
        return None
    return nbytes / (w.end_t - w.start_t) / 2**20


def vm_pair(qemu):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    addr = "addr.type=inet,addr.host=127.0.0.1,addr.port=%d" % port
    rx = emu(qemu, "mode=recv mib=%s" % mib,
             "stream,id=n0,server=on," + addr, "52:54:00:00:00:01")
    wr = Watch(rx)
    wr.ready.wait(60)
    tx = emu(qemu, "mode=send mib=%s" % mib,
             "stream,id=n0,server=off," + addr, "52:54:00:00:00:02")
    wt = Watch(tx)
    finish([tx, rx])
    wr.join(5)
    wt.join(5)
    frames = int(mib) * (2**20 // FRAME)
    return rate(wr, frames * FRAME)


SENDER = r"""
import socket, struct, sys, time
ifname, frames, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((ifname, 0))
head = b"\xff" * 6 + bytes.fromhex("020000000009")
body = b"." * (size - 18)
def send(frame):
    while True:
        try:
            s.send(frame)
            return
        except OSError:
            time.sleep(0.0005)       # ENOBUFS: the queue is full
for seq in range(frames):
    send(head + b"\x88\xb5" + struct.pack("<I", seq) + body)
end = head + b"\x88\xb6" + struct.pack("<I", frames) + body[:42]
for _ in range(500):
    send(end)
    time.sleep(0.01)
"""


def in_netns(body):
    ns = "kvmbench%d" % os.getpid()
    if subprocess.run(["ip", "netns", "add", ns],
                      stderr=subprocess.DEVNULL).returncode != 0:
        return "skipped (ip netns add failed)"
    try:
        inns = ["ip", "netns", "exec", ns]
        # A persistent tap, so its counters outlive the emulator.
        subprocess.run(inns + ["ip", "tuntap", "add", "dev", "kvmb0",
                               "mode", "tap"], check=True)
        subprocess.run(inns + ["ip", "link", "set", "kvmb0", "up"],
                       check=True)
        return body(inns)
    finally:
        subprocess.run(["ip", "netns", "del", ns])


def tap_to_guest(qemu):
    def body(inns):
        frames = int(mib) * (2**20 // FRAME)
        p = emu(qemu, "mode=recv lossy mib=%s" % mib,
                "tap,id=n0,ifname=kvmb0,script=no,downscript=no",
                "52:54:00:00:00:04", prefix=inns)
        w = Watch(p)
        w.ready.wait(60)
        snd = subprocess.Popen(inns + [sys.executable, "-c", SENDER, "kvmb0",
                                       str(frames), str(FRAME)])
        finish([p])
        snd.kill()
        snd.wait()
        w.join(5)
        end = [l for l in w.lines if "BENCH-END" in l]
        if not end:
            return rate(w, 0)
        words = end[0].split()
        r = rate(w, int(words[4]))
        if r is not None and int(words[7]):
            return "%.1f (%s of %d frames lost)" % (r, words[7], frames)
        return r
    return in_netns(body)


def guest_to_tap(qemu):
    def body(inns):
        p = emu(qemu, "mode=send mib=%s" % mib,
                "tap,id=n0,ifname=kvmb0,script=no,downscript=no",
                "52:54:00:00:00:03", prefix=inns)
        w = Watch(p)
        finish([p])
        w.join(5)
        stats = subprocess.run(inns + ["cat",
                               "/sys/class/net/kvmb0/statistics/rx_packets"],
                               capture_output=True, text=True).stdout
        frames = int(mib) * (2**20 // FRAME)
        r = rate(w, frames * FRAME)
        got = int(stats) if stats.strip() else -1
        if r is not None and got < frames:
            return "%.1f (tap saw only %d of %d frames)" % (r, got, frames)
        return r
    return in_netns(body)


print("%-12s %-8s %8s  %s   (%s MiB of %d-byte frames)" %
      ("test", "emulator", "median", "runs (MiB/s)", mib, FRAME))
for test in (vm_pair, guest_to_tap, tap_to_guest):
    results = {"kvmemu": [], "qemu": []}
    notes = {}
    for _ in range(int(runs)):
        for name, qemu in (("kvmemu", ours), ("qemu", ref)):
            r = test(qemu)
            if isinstance(r, float):
                results[name].append(r)
            elif isinstance(r, str) and r[:1].isdigit():
                # "rate (note)": the rate counts, the note is shown
                results[name].append(float(r.split()[0]))
                notes[name] = r[r.index("("):]
            elif r is not None:
                notes[name] = r
    for name in ("kvmemu", "qemu"):
        vals = results[name]
        med = "%.1f" % statistics.median(vals) if vals else "failed"
        print("%-12s %-8s %8s  %s %s" % (
            test.__name__.replace("_", "-"), name, med,
            " ".join("%.1f" % v for v in vals), notes.get(name, "")),
            flush=True)
PYEOF
