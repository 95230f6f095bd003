#!/usr/bin/env python3
"""Self-test of run-guest.py against fake-emulator.py: each case checks the
runner's exit status and the reason it prints.  TAP output."""

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RUNNER = os.path.join(HERE, "run-guest.py")
FAKE = os.path.join(HERE, "fake-emulator.py")

# (name, runner arguments, expected runner status, text the output must have)
CASES = [
    ("pass", ["--append", "say=hello status=11", "--expect", "hel+o",
              "--exit-code", "5"], 0, "run-guest: PASS"),
    ("raw status", ["--append", "status=0", "--status", "0"], 0,
     "run-guest: PASS"),
    ("extra arguments reach the emulator",
     ["--append", "say=x", "--", "-device", "foo"], 0, "-device foo"),
    ("wrong status", ["--append", "say=hello status=3", "--exit-code", "0"],
     1, "exit status 3, expected 1"),
    ("missing output", ["--append", "say=hello status=1", "--expect", "bye",
                        "--exit-code", "0"], 1, "missing output matching 'bye'"),
    ("rejected output", ["--append", "say=oops status=1", "--reject", "oops"],
     1, "unexpected output matching 'oops'"),
    ("timeout", ["--append", "hang", "--timeout", "1"], 1, "timed out after 1 s"),
    ("log printed on failure", ["--append", "say=SERIAL-LINE status=9",
                                "--exit-code", "0"], 1, "SERIAL-LINE"),
]


def main():
    env = dict(os.environ)
    env.pop("GUEST_EMULATOR", None)
    print(f"1..{len(CASES) + 1}")
    failed = 0
    for i, (name, args, want_rc, text) in enumerate(CASES, 1):
        p = subprocess.run([sys.executable, RUNNER, "--qemu", FAKE,
                            "--kernel", "none"] + args,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           env=env, timeout=30)
        out = p.stdout.decode()
        ok = p.returncode == want_rc and text in out
        failed += not ok
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if not ok:
            print("# status %d, expected %d; output:" % (p.returncode, want_rc))
            for line in out.splitlines():
                print("#   " + line)
    # GUEST_EMULATOR overrides --qemu
    env["GUEST_EMULATOR"] = FAKE
    p = subprocess.run([sys.executable, RUNNER, "--qemu", "/nonexistent",
                        "--kernel", "none", "--append", "status=1",
                        "--exit-code", "0"], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, env=env, timeout=30)
    ok = p.returncode == 0
    failed += not ok
    print(f"{'ok' if ok else 'not ok'} {len(CASES) + 1} - GUEST_EMULATOR overrides --qemu")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
