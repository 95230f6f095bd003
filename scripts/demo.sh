#!/bin/sh
# Boots the bundled demo guest (tests/guest/demo.c) on the emulator built in
# BUILD: it prints a banner, the CPU count from fw_cfg and every PCI
# function, then leaves through isa-debug-exit.  The debug-exit status
# (value << 1) | 1 = 1 means success and becomes exit status 0.
#
#   scripts/demo.sh [BUILD]       (QEMU=/path/to/emulator overrides the binary)
BUILD=${1:-build}
QEMU=${QEMU:-$BUILD/qemu-system-x86_64}
GUEST=$BUILD/tests/guest/demo.elf

if [ ! -x "$QEMU" ]; then
    echo "demo: $QEMU not found; build first (make)" >&2
    exit 1
fi
if [ ! -f "$GUEST" ]; then
    ninja -C "$BUILD" tests/guest/demo.elf >/dev/null || {
        echo "demo: cannot build $GUEST" >&2
        exit 1
    }
fi

echo "demo: $QEMU -accel kvm -smp ${DEMO_SMP:-2} -kernel $GUEST -nographic"
timeout "${DEMO_TIMEOUT:-60}" "$QEMU" -accel kvm -smp "${DEMO_SMP:-2}" -m 128 \
    -kernel "$GUEST" -nographic \
    -device isa-debug-exit,iobase=0xf4,iosize=0x4 </dev/null
rc=$?
case $rc in
1)
    echo "demo: guest finished successfully"
    exit 0
    ;;
124)
    echo "demo: timed out" >&2
    ;;
*)
    echo "demo: emulator exited with status $rc (guest success is 1)" >&2
    ;;
esac
exit 1
