#!/bin/sh
# Runs every test suite registered with meson (unit, qtest, guest, QMP,
# block interoperability ...) and ends with one summary line over all of
# them: "N passed, M failed".
BUILD=${1:-build}
ninja -C "$BUILD" >/dev/null || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
meson test -C "$BUILD" --print-errorlogs --num-processes "${TEST_JOBS:-2}" \
    ${TEST_SUITES:+--suite $TEST_SUITES}
rc=$?
python3 - "$BUILD/meson-logs/testlog.json" <<'PY'
import json, sys
passed = failed = skipped = 0
try:
    lines = open(sys.argv[1]).read().splitlines()
except OSError:
    lines = []
for line in lines:
    if not line.strip():
        continue
    r = json.loads(line).get("result")
    if r in ("OK", "EXPECTEDFAIL"):
        passed += 1
    elif r == "SKIP":
        skipped += 1
    else:
        failed += 1
if passed + failed == 0:
    failed = 1   # running nothing is a failure, not a pass
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
sys.exit(1 if failed else 0)
PY
prc=$?
[ $rc -ne 0 ] && exit 1
exit $prc
