#!/usr/bin/env python3
"""IDE error policies with a running guest (vCPU threads under KVM).

usage: ide-werror-test.py EMULATOR GUEST.elf

The disk sits on blkdebug (-drive file=blkdebug:RULES:disk.img) with
rerror=report and werror=stop: reads of sector 60 fail (the guest must see
ERR/ABRT); the first write of sector 41 (DMA, EIO) and then the first
write of sector 40 (PIO, ENOSPC) fail.  Each write error must stop the VM
(BLOCK_IO_ERROR with action stop, then STOP, query-status "io-error");
the test answers with "cont", the write is retried and succeeds, the
guest finishes and the data is in the image.  Events are read on a QMP
socket; the emulator starts paused (-S) so that none is missed.
"""
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "qmp"))
from qmp_client import QMPClient  # noqa: E402
_spec = importlib.util.spec_from_file_location(
    "ide_guest_test", os.path.join(HERE, "ide-guest-test.py"))
igt = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(igt)

RULES = """\
[inject-error]
event = "read_aio"
errno = "5"
sector = "60"

[inject-error]
event = "write_aio"
errno = "28"
sector = "40"
once = "on"

[inject-error]
event = "write_aio"
errno = "5"
sector = "41"
once = "on"
"""

TIMEOUT = 60.0


def action(name):
    """Matches a BLOCK_IO_ERROR with data.action @name."""
    return lambda ev: ev["data"].get("action") == name


def expect(cond, what, errors):
    if not cond:
        errors.append(what)


def main():
    emulator, guest = sys.argv[1:3]
    errors = []
    with tempfile.TemporaryDirectory(prefix="ide-werror-") as tmp:
        disk = os.path.join(tmp, "disk.img")
        rules = os.path.join(tmp, "rules.conf")
        qmp_path = os.path.join(tmp, "qmp.sock")
        igt.make_disk(disk)
        with open(rules, "w") as f:
            f.write(RULES)
        cmd = [emulator, "-accel", "kvm", "-nographic", "-S",
               "-kernel", guest,
               "-append", f"sectors={igt.DISK_SECTORS} high={igt.HIGH} "
                          "errors",
               "-device", "isa-debug-exit,iobase=0xf4,iosize=0x4",
               "-qmp", f"unix:{qmp_path},server=on,wait=off",
               "-drive", f"file=blkdebug:{rules}:{disk},if=none,id=disk0,"
                         "format=raw,werror=stop,rerror=report",
               "-device", "ide-hd,drive=disk0,bus=ide.0,unit=0"]
        print("ide-werror-test:", " ".join(cmd))
        deadline = time.monotonic() + TIMEOUT
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT)
        try:
            qmp = QMPClient(qmp_path, timeout=TIMEOUT)
            qmp.cmd("qmp_capabilities")
            qmp.cmd("cont")
            ev = qmp.event("BLOCK_IO_ERROR", action("report"))["data"]
            print("ide-werror-test: event", json.dumps(ev))
            expect(ev.get("operation") == "read",
                   f"read error: unexpected event {ev}", errors)
            for sector, nospace in ((41, False), (40, True)):   # DMA, then PIO
                ev = qmp.event("BLOCK_IO_ERROR", action("stop"))["data"]
                print("ide-werror-test: event", json.dumps(ev))
                expect(ev.get("device") == "disk0" and
                       ev.get("operation") == "write" and
                       ev.get("action") == "stop" and
                       ev.get("nospace") == nospace,
                       f"sector {sector}: unexpected event {ev}", errors)
                qmp.event("STOP")
                st = qmp.cmd("query-status")["return"]
                expect(st.get("status") == "io-error" and
                       not st.get("running"),
                       f"sector {sector}: query-status {st}", errors)
                qmp.cmd("cont")
            rc = proc.wait(timeout=max(1.0, deadline - time.monotonic()))
        except Exception as e:                      # report, then clean up
            errors.append(f"{type(e).__name__}: {e}")
            proc.kill()
            rc = proc.wait()
        log = proc.stdout.read().decode("utf-8", "replace")
        print("---- serial/console log ----")
        print(log.rstrip())
        print("---- end of log ----")
        expect(rc == 1, f"exit status {rc}, expected 1 (debug-exit 0)",
               errors)
        expect("ide: read error reported" in log,
               "the guest did not see the read error", errors)
        expect("ide: PASS" in log, "the guest did not pass", errors)
        errors += igt.check_writes(disk)
    for e in errors:
        print("ide-werror-test: FAIL:", e)
    if errors:
        return 1
    print("ide-werror-test: PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
