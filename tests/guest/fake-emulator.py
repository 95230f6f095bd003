#!/usr/bin/env python3
"""Stand-in emulator for the run-guest.py self-tests: obeys words of its
-append argument: say=TEXT prints TEXT, status=N exits with N, hang sleeps
until killed."""

import sys
import time

argv = sys.argv[1:]
words = argv[argv.index("-append") + 1].split() if "-append" in argv else []
status = 0
for w in words:
    if w.startswith("say="):
        print(w[4:], flush=True)
    elif w.startswith("status="):
        status = int(w[7:])
    elif w == "hang":
        while True:
            time.sleep(1)
sys.exit(status)
