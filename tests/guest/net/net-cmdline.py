#!/usr/bin/env python3
"""-netdev / -nic / -net / NIC property errors: QEMU 7.2's messages and
exit status 1 (TAP output).
Usage: net-cmdline.py EMULATOR [--no-slirp]"""

import subprocess
import sys

CASES = [
    (["-netdev", "id=x"], "-netdev id=x: Parameter 'type' is missing"),
    (["-netdev", "foo,id=x"],
     "-netdev foo,id=x: Parameter 'type' does not accept value 'foo'"),
    (["-netdev", "hubport,hubid=0"],
     "-netdev hubport,hubid=0: Parameter 'id' is missing"),
    (["-netdev", "hubport,id=a,hubid=0", "-netdev", "hubport,id=a,hubid=1"],
     "-netdev hubport,id=a,hubid=1: Duplicate ID 'a' for netdev"),
    (["-netdev", "hubport,id=h"],
     "-netdev hubport,id=h: Parameter 'hubid' is missing"),
    (["-netdev", "hubport,id=h,hubid=0,bogus=1"],
     "-netdev hubport,id=h,hubid=0,bogus=1: Invalid parameter 'bogus'"),
    (["-nic", "foo"], "-nic foo: Parameter 'type' does not accept value 'foo'"),
    (["-net", "foo"], "-net foo: Parameter 'type' does not accept value 'foo'"),
    (["-netdev", "socket,id=s"],
     "-netdev socket,id=s: exactly one of listen=, connect=, mcast= or udp= "
     "is required"),
    (["-netdev", "socket,id=s,listen=xx"],
     "-netdev socket,id=s,listen=xx: host address 'xx' doesn't contain ':' "
     "separating host from port"),
    (["-netdev", "stream,id=s"], "-netdev stream,id=s: Parameter 'addr' is missing"),
    (["-netdev", "user,id=u,hostfwd=bad"],
     "-netdev user,id=u,hostfwd=bad: Invalid host forwarding rule 'bad' "
     "(No : separators)"),
    (["-netdev", "user,id=u,net=300.0.0.0/8"],
     "-netdev user,id=u,net=300.0.0.0/8: Failed to parse netmask"),
    (["-netdev", "user,id=u,net=10.0.0.0/33"],
     "-netdev user,id=u,net=10.0.0.0/33: Invalid netmask provided (must be "
     "in range 4-32)"),
    (["-netdev", "user,id=u,host=10.0.3.2"],
     "-netdev user,id=u,host=10.0.3.2: Host doesn't belong to network"),
    (["-netdev", "user,id=u,hostfwd=tcp::99999-:22"],
     "-netdev user,id=u,hostfwd=tcp::99999-:22: Invalid host forwarding rule "
     "'tcp::99999-:22' (Bad host port)"),
    (["-netdev", "tap,id=t,fd=999"],
     "-netdev tap,id=t,fd=999: t: Can't use file descriptor 999: "
     "Bad file descriptor"),
    (["-netdev", "socket,id=s,udp=127.0.0.1:1"],
     "-netdev socket,id=s,udp=127.0.0.1:1: localaddr= is mandatory with udp="),
    (["-device", "e1000,netdev=nope"],
     "-device e1000,netdev=nope: Property 'e1000.netdev' can't find value "
     "'nope'"),
    (["-device", "e1000,mac=zz"],
     "-device e1000,mac=zz: Property 'e1000.mac' doesn't take value 'zz'"),
    (["-netdev", "hubport,id=h,hubid=0", "-device", "e1000,netdev=h",
      "-device", "e1000,netdev=h"],
     "-device e1000,netdev=h: Property 'e1000.netdev' can't take value 'h', "
     "it's in use"),
]


def main():
    emu = sys.argv[1]
    cases = CASES
    if "--no-slirp" in sys.argv:
        cases = [c for c in CASES if not any(a.startswith("user,")
                                             for a in c[0])]
    print(f"1..{len(cases)}")
    failed = 0
    for i, (args, want) in enumerate(cases, 1):
        cmd = [emu, "-nodefaults", "-display", "none", "-S"] + args
        try:
            r = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                               capture_output=True, text=True, timeout=20)
            out, status = r.stderr + r.stdout, r.returncode
        except subprocess.TimeoutExpired:
            out, status = "(timed out)", None
        ok = status == 1 and want in out
        if not ok:
            failed += 1
            print(f"# {' '.join(args)}: status {status}, output:")
            for line in out.splitlines():
                print("#   " + line)
            print(f"#   expected: {want}")
        print(f"{'ok' if ok else 'not ok'} {i} - {' '.join(args)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
