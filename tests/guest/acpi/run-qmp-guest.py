#!/usr/bin/env python3
"""Run a test guest with a QMP socket and send QMP commands when its
serial output reaches given lines, then check output and exit status.

  run-qmp-guest.py --qemu BIN --kernel G [--append A] [--smp N]
                   [--when REGEX --send COMMAND]... [--expect REGEX]...
                   [--status N] [--timeout S] [-- EMULATOR ARGS]

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


def qmp_connect(path, deadline):
    while time.monotonic() < deadline:
        try:
            s = socket.socket(socket.AF_UNIX)
            s.connect(path)
            f = s.makefile("rw")
            json.loads(f.readline())            # greeting
            f.write('{"execute": "qmp_capabilities"}\n')
            f.flush()
            while "return" not in json.loads(f.readline()):
                pass
            return s, f
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("no QMP connection")


def qmp_execute(f, cmd):
    f.write(json.dumps({"execute": cmd}) + "\n")
    f.flush()
    while True:
        r = json.loads(f.readline())
        if "return" in r or "error" in r:
            return r


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
    out = ""
    pending = list(zip(a.when, a.send))
    qmp = None
    status = None
    try:
        qmp = qmp_connect(sock, deadline)
        while time.monotonic() < deadline:
            r, _, _ = select.select([proc.stdout], [], [], 0.2)
            if r:
                chunk = os.read(proc.stdout.fileno(), 4096)
                if not chunk:
                    break
                out += chunk.decode("utf-8", "replace")
            while pending and re.search(pending[0][0], out):
                reply = qmp_execute(qmp[1], pending[0][1])
                out += "[qmp %s -> %s]\n" % (pending[0][1], json.dumps(reply))
                pending.pop(0)
        status = proc.wait(timeout=max(0.1, deadline - time.monotonic()))
    except (subprocess.TimeoutExpired, RuntimeError) as e:
        out += "[run-qmp-guest: %s]\n" % e
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        if qmp:
            qmp[0].close()
        try:
            os.unlink(sock)
        except OSError:
            pass
        os.rmdir(tmp)
    rest = proc.stdout.read()
    if rest:
        out += rest.decode("utf-8", "replace")
    ok = True
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
