#!/usr/bin/env python3
"""Boot the e1000 test guest with a network back end and be its peer.

  net-guest-test.py --qemu BIN --kernel e1000.elf --mode MODE

MODE is one of
  socket-connect  the emulator connects (-netdev socket,connect=) to us
  stream-unix     the emulator connects (-netdev stream, unix) to us
  stream-server   the emulator listens (-netdev stream, inet); we connect
  udp             -netdev socket,udp=,localaddr= datagrams
  tap, tap-vnet   a tap device (tap-vnet: vnet_hdr=on; tap-fd: opened by
  tap-fd          us and passed with fd=, as libvirt does) in a private network namespace (unshare -n);
                  skipped (exit 77) where namespaces or /dev/net/tun are
                  not available
  user            -netdev user: the guest ARPs and pings 10.0.2.2
  hub-user        the same through hub 0 (-netdev hubport + -net user)
  tso             the guest sends 2500 bytes of TCP with a TSO context
                  (MSS 1000); we check the three segments' headers and
                  checksums
  pair            two emulators joined by a stream netdev (one listens,
                  one connects): one guest sends --frames numbered frames,
                  the other receives and checks them (virtio-net guest)
--nic virtio-net-pci runs the virtio-net guest (virtio-net.elf) instead
of the e1000 one; the echo protocol is the same.
In the echo modes we send three frames: one to another unicast address
(the NIC must filter it), one to the guest's MAC, one broadcast; the
guest answers the two it accepts with "pong:" + payload.  Stream modes
send the frames with awkward TCP segmentation (split length prefixes,
two frames in one write) to exercise the 4-byte length framing.

GUEST_EMULATOR, when set, replaces --qemu (e.g. /usr/bin/qemu-system-x86_64).
"""

import argparse
import errno
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time

GUEST_MAC = bytes.fromhex("525400abcd01")
HOST_MAC = bytes.fromhex("020000000001")
OTHER_MAC = bytes.fromhex("021111111111")
ETHERTYPE = b"\x88\xb5"
SKIP = 77


def frame(dst, payload):
    return dst + HOST_MAC + ETHERTYPE + payload.ljust(50, b".")


FRAMES = [frame(OTHER_MAC, b"drop-me: not for this NIC"),
          frame(GUEST_MAC, b"frame-1 unicast"),
          frame(b"\xff" * 6, b"frame-2 broadcast")]
EXPECTED = [FRAMES[1], FRAMES[2]]


def framed(data):
    return struct.pack(">I", len(data)) + data


def send_stream(conn):
    """The three frames, deliberately badly segmented."""
    blob = b"".join(framed(f) for f in FRAMES)
    # 1st: length split 1+3, body in two parts; 2nd and 3rd in one write
    cuts = [1, 4, 20, len(framed(FRAMES[0])), len(blob)]
    prev = 0
    for c in cuts:
        conn.sendall(blob[prev:c])
        prev = c
        time.sleep(0.05)


def recv_exact(conn, n, deadline):
    buf = b""
    while len(buf) < n:
        conn.settimeout(max(0.1, deadline - time.monotonic()))
        chunk = conn.recv(n - len(buf))
        if not chunk:
            raise EOFError("connection closed")
        buf += chunk
    return buf


def recv_stream_frames(conn, count, deadline):
    out = []
    while len(out) < count:
        (n,) = struct.unpack(">I", recv_exact(conn, 4, deadline))
        data = recv_exact(conn, n, deadline)
        if data[12:14] == ETHERTYPE:
            out.append(data)
    return out


def check_replies(replies):
    errors = []
    for want, got in zip(EXPECTED, replies):
        if got[0:6] != HOST_MAC:
            errors.append(f"reply to {got[0:6].hex()}, expected {HOST_MAC.hex()}")
        if got[6:12] != GUEST_MAC:
            errors.append(f"reply from {got[6:12].hex()}")
        if got[14:19] != b"pong:" or got[19:19 + len(want) - 14] != want[14:]:
            errors.append(f"reply payload {got[14:80]!r} does not echo "
                          f"{want[14:40]!r}")
    return errors


NIC = "e1000"
PASS = "e1000: PASS"


class Emulator:
    def __init__(self, qemu, kernel, append, netdev, extra=(), pass_fds=(),
                 mac=GUEST_MAC):
        self.cmd = [
            qemu, "-accel", "kvm", "-nographic", "-kernel", kernel,
            "-append", append,
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x4",
            "-netdev", netdev,
            "-device", NIC + ",netdev=n0,romfile=,mac=" +
            ":".join(f"{b:02x}" for b in mac)] + list(extra)
        print("net-guest-test:", " ".join(self.cmd), flush=True)
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(self.cmd, stdin=subprocess.DEVNULL,
                                     stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True,
                                     pass_fds=pass_fds)

    def wait(self, timeout):
        try:
            status = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
            status = None
        self.log.seek(0)
        text = self.log.read().decode("utf-8", "replace").replace("\r", "")
        return status, text

    def output_has(self, text, timeout):
        """Wait until the guest printed @text (the log is a file)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.log.seek(0)
            if text.encode() in self.log.read():
                return True
            if self.proc.poll() is not None:
                return False
            time.sleep(0.05)
        return False

    def kill(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)


def free_port(kind=socket.SOCK_STREAM):
    s = socket.socket(socket.AF_INET, kind)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def run_echo_listen(args, netdev_fmt, family):
    """We listen; the emulator connects to us."""
    tmp = tempfile.mkdtemp(prefix="kvmemu-net-")
    try:
        if family == socket.AF_UNIX:
            addr = os.path.join(tmp, "net.sock")
            netdev = netdev_fmt.format(addr)
        else:
            addr = ("127.0.0.1", 0)
        srv = socket.socket(family, socket.SOCK_STREAM)
        srv.bind(addr)
        srv.listen(1)
        if family != socket.AF_UNIX:
            netdev = netdev_fmt.format(srv.getsockname()[1])
        append = ("mode=echo count=2" + (" bad=1" if args.bad else "") +
                  (" irq=1" if args.irq else ""))
        emu = Emulator(args.qemu, args.kernel, append, netdev)
        expect = []
        if args.bad:
            expect.append("e1000: bad descriptors survived")
        if args.irq:
            expect.append("e1000: 2 INTx interrupts through IOAPIC pin 11")
        return talk_stream(emu, lambda: accept(srv), args.timeout, expect)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def accept(srv):
    srv.settimeout(20)
    conn, _ = srv.accept()
    return conn


def run_stream_server(args):
    port = free_port()
    netdev = (f"stream,id=n0,server=on,addr.type=inet,addr.host=127.0.0.1,"
              f"addr.port={port}")
    emu = Emulator(args.qemu, args.kernel, "mode=echo count=2", netdev)

    def connect():
        for _ in range(200):
            try:
                return socket.create_connection(("127.0.0.1", port), timeout=5)
            except OSError:
                if emu.proc.poll() is not None:
                    raise
                time.sleep(0.05)
        raise TimeoutError("emulator never listened")
    return talk_stream(emu, connect, args.timeout)


def talk_stream(emu, get_conn, timeout, expect=()):
    errors = []
    try:
        conn = get_conn()
        # A guest that abuses its RX ring may swallow frames sent
        # meanwhile (QEMU drops them into the bogus ring): wait for it.
        for e in expect:
            if not emu.output_has(e, timeout):
                raise TimeoutError(f"guest never printed {e!r}")
        send_stream(conn)
        replies = recv_stream_frames(conn, 2, time.monotonic() + timeout)
        errors += check_replies(replies)
    except (OSError, EOFError, TimeoutError) as e:
        errors.append(f"peer: {e}")
    return finish(emu, errors, timeout, expect)


def csum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f">{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xffff) + (total >> 16)
    return total


def check_tso(segs):
    """Three segments of the guest's 2500-byte TSO send, MSS 1000."""
    errors = []
    payload = bytes((i * 7) & 0xff for i in range(2500))
    got = b""
    for i, seg in enumerate(segs):
        ip, tcp = seg[14:34], seg[34:54]
        n = len(seg) - 54
        want_n = 1000 if i < 2 else 500
        if n != want_n:
            errors.append(f"segment {i}: {n} payload bytes, expected {want_n}")
        tot, ident = struct.unpack(">HH", ip[2:6])
        if tot != 40 + n:
            errors.append(f"segment {i}: IP length {tot}")
        if ident != 0x1000 + i:
            errors.append(f"segment {i}: IP id {ident:#x}")
        if csum(ip) != 0xffff:
            errors.append(f"segment {i}: bad IP checksum")
        seq = struct.unpack(">I", tcp[4:8])[0]
        if seq != 0x01000000 + 1000 * i:
            errors.append(f"segment {i}: seq {seq:#x}")
        flags = tcp[13]
        want_flags = 0x19 if i == 2 else 0x10
        if flags != want_flags:
            errors.append(f"segment {i}: TCP flags {flags:#x}, "
                          f"expected {want_flags:#x}")
        pseudo = ip[12:20] + struct.pack(">BBH", 0, 6, 20 + n)
        if csum(pseudo + seg[34:]) != 0xffff:
            errors.append(f"segment {i}: bad TCP checksum")
        got += seg[54:]
    if got != payload:
        errors.append("reassembled payload differs")
    return errors


def run_tso(args):
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)
    netdev = f"socket,id=n0,connect=127.0.0.1:{srv.getsockname()[1]}"
    emu = Emulator(args.qemu, args.kernel, "mode=tso", netdev)
    errors = []
    try:
        conn = accept(srv)
        deadline = time.monotonic() + args.timeout
        segs = []
        while len(segs) < 3:
            (n,) = struct.unpack(">I", recv_exact(conn, 4, deadline))
            data = recv_exact(conn, n, deadline)
            if data[12:14] == b"\x08\x00":
                segs.append(data)
        errors += check_tso(segs)
    except (OSError, EOFError, TimeoutError) as e:
        errors.append(f"peer: {e}")
    return finish(emu, errors, args.timeout,
                  ["e1000: sent 2500 bytes with TSO, MSS 1000"])


def run_udp(args):
    host = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    host.bind(("127.0.0.1", 0))
    hport = host.getsockname()[1]
    eport = free_port(socket.SOCK_DGRAM)
    netdev = (f"socket,id=n0,udp=127.0.0.1:{hport},"
              f"localaddr=127.0.0.1:{eport}")
    emu = Emulator(args.qemu, args.kernel, "mode=echo count=2", netdev)
    errors = []
    replies = []
    deadline = time.monotonic() + args.timeout
    # Datagrams sent before the emulator binds its port are lost: wait
    # for the port to appear in /proc/net/udp, then send each frame once.
    bound = False
    while not bound and time.monotonic() < deadline:
        with open("/proc/net/udp") as f:
            bound = any(line.split()[1].endswith(f":{eport:04X}")
                        for line in f.readlines()[1:])
        if emu.proc.poll() is not None:
            break
        time.sleep(0.05)
    for f in FRAMES:
        host.sendto(f, ("127.0.0.1", eport))
    while len(replies) < 2 and time.monotonic() < deadline:
        host.settimeout(0.5)
        try:
            data = host.recv(65536)
        except socket.timeout:
            if emu.proc.poll() is not None:
                break
            continue
        if data[12:14] == ETHERTYPE:
            replies.append(data)
    if len(replies) < 2:
        errors.append(f"got {len(replies)} of 2 replies")
    else:
        errors += check_replies(replies)
    return finish(emu, errors, args.timeout)


def run_user(args):
    if args.mode == "hub-user":
        # NIC -> hub 0 port -> hub 0 -> port of the legacy "-net user"
        emu = Emulator(args.qemu, args.kernel, "mode=slirp",
                       "hubport,id=n0,hubid=0", ["-net", "user"])
    else:
        emu = Emulator(args.qemu, args.kernel, "mode=slirp", "user,id=n0")
    return finish(emu, [], args.timeout,
                  expect=["e1000: 10.0.2.2 is at 52:55:0a:00:02:02",
                          "e1000: ping 10.0.2.2 answered"])


def run_tap(args):
    if os.environ.get("KVMEMU_IN_NETNS") != "1":
        if not shutil.which("unshare") or not os.path.exists("/dev/net/tun"):
            print("net-guest-test: SKIP: no unshare or /dev/net/tun")
            return SKIP
        probe = subprocess.run(["unshare", "-n", "true"],
                               stderr=subprocess.DEVNULL)
        if probe.returncode != 0:
            print("net-guest-test: SKIP: cannot create a network namespace")
            return SKIP
        env = dict(os.environ, KVMEMU_IN_NETNS="1")
        return subprocess.run(["unshare", "-n", sys.executable] + sys.argv,
                              env=env).returncode
    # Inside a private network namespace: only loopback and our tap exist.
    ifname = "kvmtap0"
    if args.mode == "tap-fd":
        # As libvirt does: open the tap ourselves and pass the fd.
        import fcntl
        tun = os.open("/dev/net/tun", os.O_RDWR)
        ifr = struct.pack("16sH", ifname.encode(), 0x0002 | 0x1000)
        fcntl.ioctl(tun, 0x400454ca, ifr)       # TUNSETIFF: TAP, NO_PI
        emu = Emulator(args.qemu, args.kernel, "mode=echo count=2",
                       f"tap,id=n0,fd={tun}", pass_fds=(tun,))
        os.close(tun)
    else:
        vnet = ",vnet_hdr=on" if args.mode == "tap-vnet" else ""
        emu = Emulator(args.qemu, args.kernel, "mode=echo count=2",
                       f"tap,id=n0,ifname={ifname},script=no,"
                       f"downscript=no{vnet}")
    errors = []
    try:
        for _ in range(200):
            if subprocess.run(["ip", "link", "show", ifname],
                              stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL).returncode == 0:
                break
            if emu.proc.poll() is not None:
                break
            time.sleep(0.05)
        else:
            errors.append("tap device never appeared")
        if not errors and emu.proc.poll() is None:
            subprocess.run(["ip", "link", "set", ifname, "up"], check=True)
            s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                              socket.htons(0x88b5))
            s.bind((ifname, 0))
            for f in FRAMES:
                for _ in range(100):
                    try:
                        s.send(f)
                        break
                    except OSError as e:
                        # the link may take a moment to come up
                        if e.errno != errno.ENETDOWN:
                            raise
                        time.sleep(0.05)
                time.sleep(0.05)
            replies = []
            deadline = time.monotonic() + args.timeout
            while len(replies) < 2 and time.monotonic() < deadline:
                s.settimeout(0.5)
                try:
                    data = s.recv(65536)
                except socket.timeout:
                    if emu.proc.poll() is not None:
                        break
                    continue
                except OSError as e:
                    # a link state change is reported once as ENETDOWN
                    if e.errno != errno.ENETDOWN:
                        raise
                    continue
                if data[6:12] == GUEST_MAC and data[12:14] == ETHERTYPE:
                    replies.append(data)
            if len(replies) < 2:
                errors.append(f"got {len(replies)} of 2 replies")
            else:
                errors += check_replies(replies)
    except (OSError, subprocess.CalledProcessError) as e:
        errors.append(f"tap peer: {e}")
    return finish(emu, errors, args.timeout)


def finish(emu, errors, timeout, expect=()):
    if errors:
        emu.kill()
    status, log = emu.wait(timeout)
    if not errors:
        if status is None:
            errors.append("timed out")
        elif status != 1:
            errors.append(f"exit status {status}, expected 1 (debug-exit 0)")
        for e in list(expect) + [PASS]:
            if e not in log:
                errors.append(f"missing {e!r} in the guest output")
    print("---- guest log ----")
    print(log.rstrip())
    print("---- end of log ----")
    for e in errors:
        print("net-guest-test: FAIL:", e)
    if not errors:
        print("net-guest-test: PASS")
    return 1 if errors else 0


def run_pair(args):
    """Two guests on a stream netdev pair: sender -> receiver."""
    port = free_port()
    n = args.frames
    recv = Emulator(args.qemu, args.kernel, f"mode=recv frames={n}",
                    f"stream,id=n0,server=on,addr.type=inet,"
                    f"addr.host=127.0.0.1,addr.port={port}")
    if not recv.output_has("promiscuous mode off", args.timeout):
        recv.kill()
        return finish(recv, ["receiver did not start"], args.timeout)
    send = Emulator(args.qemu, args.kernel, f"mode=send frames={n} size=1000",
                    f"stream,id=n0,server=off,addr.type=inet,"
                    f"addr.host=127.0.0.1,addr.port={port}",
                    mac=bytes.fromhex("525400abcd02"))
    sstatus, slog = send.wait(args.timeout)
    print("---- sender log ----")
    print(slog.rstrip())
    errors = []
    if sstatus != 1:
        errors.append(f"sender exit status {sstatus}")
        recv.kill()
    return finish(recv, errors, args.timeout,
                  [f"virtio-net: received {n} frames, {n * 1000} bytes, "
                   "in order"])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--qemu")
    p.add_argument("--kernel", required=True)
    p.add_argument("--mode", required=True,
                   choices=["socket-connect", "stream-unix", "stream-server",
                            "udp", "tap", "tap-vnet", "tap-fd", "user",
                            "hub-user",
                            "tso", "pair"])
    p.add_argument("--nic", default="e1000",
                   help="NIC model (e1000 or virtio-net-pci)")
    p.add_argument("--frames", type=int, default=200,
                   help="frames sent in pair mode")
    p.add_argument("--timeout", type=float, default=40)
    p.add_argument("--irq", action="store_true",
                   help="the guest first checks INTx (stream modes)")
    p.add_argument("--bad", action="store_true",
                   help="the guest first abuses the NIC (stream modes)")
    args = p.parse_args()
    args.qemu = os.environ.get("GUEST_EMULATOR") or args.qemu
    global NIC, PASS
    NIC = args.nic
    PASS = ("virtio-net" if NIC.startswith("virtio") else "e1000") + ": PASS"
    if args.mode == "pair":
        return run_pair(args)
    if args.mode == "socket-connect":
        return run_echo_listen(args, "socket,id=n0,connect=127.0.0.1:{}",
                               socket.AF_INET)
    if args.mode == "stream-unix":
        return run_echo_listen(args, "stream,id=n0,server=off,addr.type=unix,"
                               "addr.path={}", socket.AF_UNIX)
    if args.mode == "stream-server":
        return run_stream_server(args)
    if args.mode == "udp":
        return run_udp(args)
    if args.mode == "tso":
        return run_tso(args)
    if args.mode in ("tap", "tap-vnet", "tap-fd"):
        return run_tap(args)
    return run_user(args)


if __name__ == "__main__":
    sys.exit(main())
