#!/usr/bin/env python3
"""SeaBIOS on our pc machine installs the ACPI tables and SMBIOS from
fw_cfg (etc/table-loader, etc/smbios/*): boot without -kernel, read
SeaBIOS's debug log from port 0x402 and look for the lines it prints
when it links the tables.  TAP output; skipped without bios-256k.bin.

  test-seabios.py EMULATOR
"""

import os
import signal
import subprocess
import sys
import tempfile
import time

BIOS_DIRS = ["/usr/share/seabios", "/usr/share/qemu"]


def run(emu, extra, want, timeout=90):
    """Start EMU, wait until every regex-free string in WANT is in the
    debugcon log (or timeout); returns the log text."""
    fd, log = tempfile.mkstemp(prefix="seabios-", suffix=".log")
    os.close(fd)
    cmd = [emu, "-accel", "kvm", "-display", "none", "-serial", "none",
           "-monitor", "none", "-no-reboot",
           "-chardev", "file,id=dbg,path=" + log,
           "-device", "isa-debugcon,iobase=0x402,chardev=dbg"] + extra
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    text = ""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.5)
            with open(log, errors="replace") as f:
                text = f.read()
            if all(w in text for w in want):
                break
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        with open(log, errors="replace") as f:
            text = f.read()
        os.unlink(log)
    return text


def main():
    emu = os.environ.get("GUEST_EMULATOR") or sys.argv[1]
    if not any(os.path.exists(os.path.join(d, "bios-256k.bin"))
               for d in BIOS_DIRS):
        print("1..0 # SKIP no bios-256k.bin")
        return 0
    cases = [
        ("FADT and DSDT found, SMBIOS copied",
         ["-smp", "2"],
         # "table(50434146)": SeaBIOS found the FACP (QEMU's pc has only
         # an RSDT, ours also an XSDT)
         ["table(50434146)=", "ACPI: parse DSDT", "Copying SMBIOS",
          "Found 2 cpu(s)"], []),
        ("-no-acpi: no tables from fw_cfg",
         ["-no-acpi"],
         ["Copying SMBIOS", "All threads complete"], ["table(50434146)="]),
    ]
    print("1..%d" % len(cases))
    failed = 0
    for i, (name, extra, want, reject) in enumerate(cases, 1):
        text = run(emu, extra, want)
        missing = [w for w in want if w not in text]
        present = [r for r in reject if r in text]
        if missing or present:
            failed += 1
            print("not ok %d %s" % (i, name))
            for w in missing:
                print("# missing: %r" % w)
            for r in present:
                print("# unexpected: %r" % r)
            for line in text.splitlines()[-40:]:
                print("# | " + line)
        else:
            print("ok %d %s" % (i, name))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
