#!/bin/sh
# Builds the block-layer libFuzzer harnesses (tests/block/fuzz/) with
# clang -fsanitize=fuzzer,address and runs each for a bounded time.
#   scripts/fuzz.sh [SECONDS_PER_HARNESS]     (default 60)
# A crash leaves crash-* in $FUZZ_BUILD (default /tmp/kvmemu-fuzz-build):
# copy the input into tests/block/corpus/ (run by `make check` through the
# block 'malformed' test) and fix the bug.
set -e
SRC=$(cd "$(dirname "$0")/.." && pwd)
SECS=${1:-60}
BUILD=${FUZZ_BUILD:-/tmp/kvmemu-fuzz-build}
if ! command -v clang >/dev/null; then
    echo "fuzz.sh: clang not found" >&2
    exit 1
fi
if [ ! -f "$BUILD/build.ninja" ]; then
    CC=clang meson setup "$BUILD" "$SRC" -Db_sanitize=address \
        -Dc_args=-fsanitize=fuzzer-no-link -Db_lundef=false >/dev/null
fi
ninja -C "$BUILD" libblock.a libqemuutil.a >/dev/null
LIBS="$(pkg-config --libs glib-2.0 gthread-2.0 zlib) -lm -lpthread"
for l in liburing libzstd; do
    if pkg-config --exists $l; then LIBS="$LIBS $(pkg-config --libs $l)"; fi
done
if [ -f /usr/include/libaio.h ]; then LIBS="$LIBS -laio"; fi
CFLAGS="-g -O1 -fsanitize=fuzzer,address -D_GNU_SOURCE -D_FILE_OFFSET_BITS=64"
CFLAGS="$CFLAGS -I$SRC/include -I$SRC -I$BUILD $(pkg-config --cflags glib-2.0)"
status=0
for h in qcow2 blockdev; do
    clang $CFLAGS "$SRC/tests/block/fuzz/fuzz-$h.c" -o "$BUILD/fuzz-$h" \
        -Wl,--whole-archive "$BUILD/libblock.a" "$BUILD/libqemuutil.a" \
        -Wl,--no-whole-archive $LIBS
    mkdir -p "$BUILD/corpus-$h"
    cp "$SRC"/tests/block/fuzz/seeds/$h/* "$BUILD/corpus-$h/" 2>/dev/null || :
    if [ "$h" = qcow2 ]; then
        cp "$SRC"/tests/block/corpus/* "$BUILD/corpus-$h/" 2>/dev/null || :
    fi
    echo "fuzz.sh: running fuzz-$h for ${SECS}s"
    (cd "$BUILD" && ASAN_OPTIONS=detect_leaks=0 "./fuzz-$h" \
        -max_total_time="$SECS" -max_len=65536 -rss_limit_mb=2048 \
        -timeout=10 "corpus-$h") || status=1
done
exit $status
