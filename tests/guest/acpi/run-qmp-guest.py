#!/usr/bin/env python3
"""Run a test guest with a QMP socket and send QMP commands when its
serial output reaches given lines, then check output and exit status.

  run-qmp-guest.py --qemu BIN --kernel G [--append A] [--smp N]
                   [--when REGEX --send COMMAND]... [--expect REGEX]...
                   [--status N] [--timeout S] [-- EMULATOR ARGS]

COMMAND is a command name without arguments or a whole JSON request
('{"execute": "device_add", "arguments": {...}}').  QMP events and
replies are logged as "[qmp ...]"/"[event ...]" lines, so --when and
--expect can match them too.

GUEST_EMULATOR, when set, replaces --qemu (as in run-guest.py).
"""

import argparse
import json
import os
import re
import select
import signal
import socket
import subprocess
import sys
import tempfile
import time


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--qemu")
    p.add_argument("--kernel", required=True)
    p.add_argument("--append")
    p.add_argument("--smp")
    p.add_argument("--when", action="append", default=[])
    p.add_argument("--send", action="append", default=[])
    p.add_argument("--expect", action="append", default=[])
    p.add_argument("--status", type=int, default=0)
    p.add_argument("--timeout", type=float, default=50.0)
    p.add_argument("extra", nargs="*")
    a = p.parse_args()
    if len(a.when) != len(a.send):
        p.error("--when and --send come in pairs")
    return a


class Qmp:
    """A QMP client on a raw socket, so select() sees every pending byte."""

    def __init__(self, path, deadline):
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX)
                self.sock.connect(path)
                break
            except OSError:
                self.sock.close()
                if time.monotonic() > deadline:
                    raise RuntimeError("no QMP connection")
                time.sleep(0.1)
        self.buf = b""
        self.log = []
        self.read_msg(deadline)                 # greeting
        self.execute('qmp_capabilities', deadline)

    def read_msg(self, deadline):
        while b"\n" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.sock], [], [], left)[0]:
                raise RuntimeError("QMP timeout")
            chunk = self.sock.recv(65536)
            if not chunk:
                raise RuntimeError("QMP connection closed")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def note(self, r):
        if "event" in r:
            self.log.append("[event %s %s]\n" % (r["event"],
                                                 json.dumps(r.get("data", {}))))
            return True
        return False

    def execute(self, cmd, deadline):
        req = (json.loads(cmd) if cmd.lstrip().startswith("{")
               else {"execute": cmd})
        self.sock.sendall((json.dumps(req) + "\n").encode())
        while True:
            r = self.read_msg(deadline)
            if not self.note(r):
                return r

    def poll_events(self):
        """Log events that already arrived, without waiting."""
        try:
            while (b"\n" in self.buf or
                   select.select([self.sock], [], [], 0)[0]):
                self.note(self.read_msg(time.monotonic() + 1))
        except RuntimeError:
            pass

    def take_log(self):
        out, self.log = "".join(self.log), []
        return out

    def close(self):
        self.sock.close()


def main():
    a = parse_args()
    emu = os.environ.get("GUEST_EMULATOR") or a.qemu
    tmp = tempfile.mkdtemp(prefix="qmp-guest-")
    sock = os.path.join(tmp, "qmp.sock")
    cmd = [emu, "-accel", "kvm", "-nographic", "-kernel", a.kernel,
           "-qmp", "unix:%s,server=on,wait=off" % sock]
    if a.append:
        cmd += ["-append", a.append]
    if a.smp:
        cmd += ["-smp", a.smp]
    cmd += a.extra
    print("run-qmp-guest: " + " ".join(cmd))
    deadline = time.monotonic() + a.timeout
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    out = ""        # serial output
    qlog = ""       # QMP replies and events, kept apart so lines stay whole
    pending = list(zip(a.when, a.send))
    qmp = None
    status = None
    try:
        qmp = Qmp(sock, deadline)
        while time.monotonic() < deadline:
            r, _, _ = select.select([proc.stdout], [], [], 0.2)
            if r:
                chunk = os.read(proc.stdout.fileno(), 4096)
                if not chunk:
                    break
                out += chunk.decode("utf-8", "replace")
            qmp.poll_events()
            qlog += qmp.take_log()
            while pending and re.search(pending[0][0], out + qlog):
                reply = qmp.execute(pending[0][1], deadline)
                qlog += qmp.take_log()
                qlog += "[qmp %s -> %s]\n" % (pending[0][1],
                                              json.dumps(reply))
                pending.pop(0)
        status = proc.wait(timeout=max(0.1, deadline - time.monotonic()))
    except (subprocess.TimeoutExpired, RuntimeError) as e:
        qlog += "[run-qmp-guest: %s]\n" % e
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        if qmp:
            qmp.poll_events()
            qlog += qmp.take_log()
            qmp.close()
        try:
            os.unlink(sock)
        except OSError:
            pass
        os.rmdir(tmp)
    rest = proc.stdout.read()
    if rest:
        out += rest.decode("utf-8", "replace")
    out += "---- QMP ----\n" + qlog
    errors = []
    if status != a.status:
        errors.append("exit status %s, expected %d" % (status, a.status))
    for rx in a.expect:
        if not re.search(rx, out):
            errors.append("missing output matching %r" % rx)
    if pending:
        errors.append("never saw %r" % pending[0][0])
    print("---- serial/console log ----\n" + out + "---- end of log ----")
    for e in errors:
        print("run-qmp-guest: FAIL: " + e)
    print("run-qmp-guest: " + ("FAIL" if errors else "PASS"))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
