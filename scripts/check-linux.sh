#!/bin/bash
# Boot a stock Debian cloud kernel directly (-kernel, no firmware) and
# check how far early boot gets on our machine: the e820 map, the ACPI
# tables the kernel finds (no "ACPI BIOS Error"), the DMI line from
# SMBIOS and the CPU count.  Prints the time to each milestone.
#
#   scripts/check-linux.sh [-q QEMU] [-c CACHE] [-t TIMEOUT] [-s SMP]
#                          [-k BZIMAGE] [-b] [-a KERNEL_ARGS]
#
# The kernel comes from `apt-get download linux-image-<ver>-cloud-amd64`
# (the version linux-image-cloud-amd64 depends on), cached in CACHE
# (default build/linux-cache).  By default the bzImage's compressed
# payload is unpacked on the host into a vmlinux ELF, booted through its
# PVH entry note (a slow software KVM spends many minutes in the
# kernel's own decompressor otherwise); -b boots the bzImage itself
# through the Linux boot protocol.  -a adds kernel arguments (e.g.
# clearcpuid=cx16 on a host whose KVM cannot run cmpxchg16b, where SLUB
# otherwise stops the boot at "Memory: ...").  No root file system: the run
# ends at the kernel's "VFS: Unable to mount root fs" panic (-no-reboot),
# or at TIMEOUT seconds (default 1500: on a slow software KVM a stock
# kernel needs minutes before its first line).  Exit status 0 when every
# required milestone was seen, 1 otherwise, 2 on setup errors.
set -u

QEMU=build/qemu-system-x86_64
CACHE=build/linux-cache
TIMEOUT=1500
SMP=2
KERNEL=
BZIMAGE=0
EXTRA_ARGS=

usage() {
    sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
}

while getopts "q:c:t:s:k:a:bh" opt; do
    case $opt in
    b) BZIMAGE=1 ;;
    a) EXTRA_ARGS=$OPTARG ;;
    q) QEMU=$OPTARG ;;
    c) CACHE=$OPTARG ;;
    t) TIMEOUT=$OPTARG ;;
    s) SMP=$OPTARG ;;
    k) KERNEL=$OPTARG ;;
    *) usage ;;
    esac
done

if [ ! -x "$QEMU" ]; then
    echo "check-linux: emulator '$QEMU' not found (build first or use -q)" >&2
    exit 2
fi

fetch_kernel() {
    local pkg deb
    mkdir -p "$CACHE" || return 1
    pkg=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null |
          awk '/Depends: linux-image-/ { print $2; exit }')
    if [ -z "$pkg" ]; then
        echo "check-linux: no linux-image-cloud-amd64 in the apt lists" \
             "(run apt-get update)" >&2
        return 1
    fi
    deb=$(ls "$CACHE"/"${pkg}"_*.deb 2>/dev/null | head -n1)
    if [ -z "$deb" ]; then
        echo "check-linux: downloading $pkg" >&2
        (cd "$CACHE" && apt-get download "$pkg" >/dev/null 2>&1) || {
            echo "check-linux: apt-get download $pkg failed" >&2
            return 1
        }
        deb=$(ls "$CACHE"/"${pkg}"_*.deb | head -n1)
    fi
    if [ ! -d "$CACHE/$pkg" ]; then
        dpkg-deb -x "$deb" "$CACHE/$pkg" || return 1
    fi
    ls "$CACHE/$pkg"/boot/vmlinuz-* | head -n1
}

if [ -z "$KERNEL" ]; then
    KERNEL=$(fetch_kernel) || exit 2
fi
if [ ! -r "$KERNEL" ]; then
    echo "check-linux: kernel '$KERNEL' not readable" >&2
    exit 2
fi

# extract-vmlinux: the payload named by the setup header (payload_offset,
# payload_length), else the first compressor magic that unpacks to ELF.
extract_vmlinux() {
    python3 - "$1" "$2" <<'PYEOF'
import bz2, gzip, lzma, struct, subprocess, sys

src, dst = sys.argv[1], sys.argv[2]
data = open(src, "rb").read()

def tool(argv):
    return lambda blob: subprocess.run(argv, input=blob, capture_output=True
                                       ).stdout

methods = [
    (b"\x1f\x8b\x08", lambda b: gzip.GzipFile(fileobj=__import__("io")
                                              .BytesIO(b)).read()),
    (b"\xfd7zXZ\x00", lambda b: lzma.LZMADecompressor().decompress(b)),
    (b"\x5d\x00\x00", lambda b: lzma.LZMADecompressor(
        format=lzma.FORMAT_ALONE).decompress(b)),
    (b"BZh", lambda b: bz2.BZ2Decompressor().decompress(b)),
    (b"\x28\xb5\x2f\xfd", tool(["zstd", "-dcq"])),
    (b"\x02\x21\x4c\x18", tool(["lz4", "-dcq"])),
    (b"\x89LZO", tool(["lzop", "-dcq"])),
]

def try_at(off, length=None):
    blob = data[off:off + length] if length else data[off:]
    for magic, fn in methods:
        if blob.startswith(magic):
            try:
                out = fn(blob)
            except Exception:
                return None
            return out if out[:4] == b"\x7fELF" else None
    return None

out = None
if data[0x202:0x206] == b"HdrS" and struct.unpack_from("<H", data, 0x206)[0] >= 0x208:
    setup_sects = data[0x1f1] or 4
    poff, plen = struct.unpack_from("<II", data, 0x248)
    out = try_at((setup_sects + 1) * 512 + poff, plen)
if out is None:
    for magic, _ in methods:
        pos = data.find(magic)
        while pos >= 0 and out is None:
            out = try_at(pos)
            pos = data.find(magic, pos + 1)
        if out is not None:
            break
if out is None:
    sys.exit("check-linux: no compressed ELF payload found in " + src)
open(dst, "wb").write(out)
PYEOF
}

if [ "$BZIMAGE" = 0 ]; then
    VMLINUX="$(dirname "$KERNEL")/vmlinux-$(basename "$KERNEL")"
    if [ ! -s "$VMLINUX" ]; then
        extract_vmlinux "$KERNEL" "$VMLINUX.tmp" || exit 2
        mv "$VMLINUX.tmp" "$VMLINUX"
    fi
    KERNEL=$VMLINUX
fi

exec python3 - "$QEMU" "$KERNEL" "$TIMEOUT" "$SMP" "$EXTRA_ARGS" <<'PYEOF'
import os, re, signal, subprocess, sys, time

qemu, kernel, timeout, smp = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
extra_args = sys.argv[5]
ncpus = int(smp.split(",")[0])
cmd = [qemu, "-accel", "kvm", "-m", "512", "-smp", smp, "-display", "none",
       "-serial", "stdio", "-monitor", "none", "-no-reboot",
       "-kernel", kernel,
       "-append", ("earlyprintk=ttyS0 console=ttyS0 panic=-1 loglevel=7 " +
                   extra_args).strip()]

# (name, regex, required)
milestones = [
    ("first line", r"Linux version", True),
    ("e820 map", r"BIOS-e820: \[mem 0x0000000000100000-", True),
    ("ACPI RSDP", r"ACPI: RSDP 0x", True),
    ("ACPI XSDT", r"ACPI: XSDT 0x", True),
    ("ACPI FACP", r"ACPI: FACP 0x", True),
    ("ACPI DSDT", r"ACPI: DSDT 0x", True),
    ("ACPI APIC", r"ACPI: APIC 0x", True),
    ("DMI", r"DMI: QEMU Standard PC", True),
    ("ACPI PM timer", r"ACPI: PM-Timer IO Port: 0xb008", False),
    ("CPUs allowed", r"smpboot: Allowing %d CPUs" % ncpus, True),
    ("CPUs up", r"smp: Brought up 1 node, %d CPUs" % ncpus, False),
    ("ACPI interpreter", r"ACPI: Interpreter enabled", False),
    ("PCI root", r"ACPI: PCI Root Bridge \[PCI0\]", False),
    ("root fs panic", r"VFS: Unable to mount root fs", False),
]
bad = [r"ACPI BIOS Error", r"ACPI Error", r"ACPI BIOS Warning"]

print("check-linux: " + " ".join(cmd), flush=True)
start = time.monotonic()
proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                        stderr=subprocess.STDOUT, start_new_session=True)
seen = {}
errors = []
os.set_blocking(proc.stdout.fileno(), False)
buf = b""
import select
while True:
    left = timeout - (time.monotonic() - start)
    if left <= 0:
        print("check-linux: timeout after %.0f s" % timeout, flush=True)
        os.killpg(proc.pid, signal.SIGKILL)
        break
    r, _, _ = select.select([proc.stdout], [], [], min(left, 5))
    if not r:
        if proc.poll() is not None:
            break
        continue
    chunk = proc.stdout.read()
    if not chunk:
        if proc.poll() is not None:
            break
        continue
    buf += chunk
    while b"\n" in buf:
        line, buf = buf.split(b"\n", 1)
        text = line.decode("utf-8", "replace").rstrip("\r")
        now = time.monotonic() - start
        print("[%7.1f] %s" % (now, text), flush=True)
        for name, rx, _ in milestones:
            if name not in seen and re.search(rx, text):
                seen[name] = now
        for rx in bad:
            if re.search(rx, text):
                errors.append(text)
    if "root fs panic" in seen:
        time.sleep(1)
        os.killpg(proc.pid, signal.SIGKILL)
        break
proc.wait()

print("\ncheck-linux: milestones (seconds since start)")
ok = True
for name, rx, required in milestones:
    if name in seen:
        print("  %-18s %8.1f" % (name, seen[name]))
    else:
        print("  %-18s %8s%s" % (name, "-", "   (required)" if required else ""))
        ok = ok and not required
for e in errors:
    print("check-linux: error line: " + e)
ok = ok and not errors
print("check-linux: %s" % ("PASS" if ok else "FAIL"))
sys.exit(0 if ok else 1)
PYEOF
