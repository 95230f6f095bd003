#!/usr/bin/env python3
"""Boot a test guest under an emulator and check its serial output and
exit status.

  run-guest.py --qemu BIN --kernel guest.elf [--append ARGS] [--smp N]
               [--expect REGEX]... [--reject REGEX]...
               [--exit-code N | --status N] [--timeout S] [-- EMULATOR ARGS]

The emulator runs with -accel kvm -nographic -kernel guest.elf plus the
arguments after "--".  --exit-code N expects the guest to end through
isa-debug-exit with value N, i.e. process status (N << 1) | 1; --status
checks the raw process status.  The environment variable GUEST_EMULATOR,
when set, replaces --qemu so that the suite can be pointed at another
binary (e.g. /usr/bin/qemu-system-x86_64).  The serial log is printed when
a check fails.
"""

import argparse
import os
import re
import signal
import subprocess
import sys
import time


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--qemu", help="emulator binary (GUEST_EMULATOR overrides)")
    p.add_argument("--kernel", required=True, help="guest ELF")
    p.add_argument("--append", help="multiboot command line")
    p.add_argument("--smp", help="-smp value")
    p.add_argument("--expect", action="append", default=[],
                   help="regex that must match the serial output")
    p.add_argument("--reject", action="append", default=[],
                   help="regex that must not match the serial output")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--exit-code", type=int,
                   help="expected isa-debug-exit value")
    g.add_argument("--status", type=int, help="expected process status")
    p.add_argument("--timeout", type=float, default=50.0,
                   help="seconds before the emulator is killed")
    p.add_argument("extra", nargs="*", help="more emulator arguments")
    return p.parse_args()


def run(cmd, timeout):
    """Returns (status or None on timeout, combined output)."""
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=timeout)
        return proc.returncode, out
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        return None, out


def main():
    args = parse_args()
    qemu = os.environ.get("GUEST_EMULATOR") or args.qemu
    if not qemu:
        print("run-guest: no emulator: pass --qemu or set GUEST_EMULATOR")
        return 2
    if not os.access(qemu, os.X_OK):
        print(f"run-guest: {qemu}: not an executable")
        return 2
    cmd = [qemu, "-accel", "kvm", "-nographic", "-kernel", args.kernel]
    if args.append is not None:
        cmd += ["-append", args.append]
    if args.smp:
        cmd += ["-smp", args.smp]
    cmd += args.extra

    print("run-guest:", " ".join(cmd))
    start = time.monotonic()
    status, raw = run(cmd, args.timeout)
    elapsed = time.monotonic() - start
    # Drop carriage returns and terminal escapes (SeaBIOS clears the screen).
    log = raw.decode("utf-8", "replace").replace("\r", "")
    log = re.sub(r"\x1b(\[[0-9;?]*[A-Za-z]|[()][0-9A-Za-z]|[A-Za-z])", "", log)

    errors = []
    if status is None:
        errors.append(f"timed out after {args.timeout:.0f} s")
    elif status < 0:
        errors.append(f"killed by signal {-status}")
    else:
        want = None
        if args.exit_code is not None:
            want = (args.exit_code << 1) | 1
        elif args.status is not None:
            want = args.status
        if want is not None and status != want:
            errors.append(f"exit status {status}, expected {want}")
    for rx in args.expect:
        if not re.search(rx, log, re.MULTILINE):
            errors.append(f"missing output matching {rx!r}")
    for rx in args.reject:
        if re.search(rx, log, re.MULTILINE):
            errors.append(f"unexpected output matching {rx!r}")

    print("---- serial/console log ----")
    print(log.rstrip())
    print("---- end of log ----")
    if errors:
        for e in errors:
            print("run-guest: FAIL:", e)
        return 1
    print(f"run-guest: PASS ({elapsed:.1f} s, status {status})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
