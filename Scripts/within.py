#!/usr/bin/env python3
"""Run a test command within a time limit; past it, say what hung, then stop it and fail.

    Scripts/within.py MINUTES -- swift test [...]

A hung test run is a failed CI, and a failed CI must say why: past the limit, this prints the tests that
started and never ended (Swift Testing's « ◇ Test X started. » without its « ✔ »/« ✘ » line), every thread's
stack of each test process (gdb, when installed), then stops the run and exits 124 as `timeout` does.
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time

STARTED = re.compile(r"◇ Test (.+?) started\.")
ENDED = re.compile(r"[✔✘] Test (.+?) (?:passed|failed|recorded|skipped)")


def main():
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.exit("usage: Scripts/within.py MINUTES -- COMMAND [ARGUMENT ...]")
    limit = float(sys.argv[1]) * 60
    run = subprocess.Popen(sys.argv[3:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    started, ended = {}, set()

    def relay():
        for raw in run.stdout:
            line = raw.decode("utf-8", "replace")
            sys.stdout.write(line)
            sys.stdout.flush()
            # The run and a parameterised test's cases print no end of their own: their test's line does.
            if (m := STARTED.search(line)) and m.group(1) != "run" and not m.group(1).startswith("case "):
                started.setdefault(m.group(1), time.monotonic())
            elif m := ENDED.search(line):
                ended.add(m.group(1))

    reader = threading.Thread(target=relay, daemon=True)
    reader.start()
    try:
        return run.wait(timeout=limit)
    except subprocess.TimeoutExpired:
        pass
    print(f"\nwithin.py: {' '.join(sys.argv[3:])} ran past {sys.argv[1]} minutes", flush=True)
    hung = sorted((t, name) for name, t in dict(started).items() if name not in set(ended))
    for t, name in hung:
        print(f"  never ended: {name} (started {time.monotonic() - t:.0f} s ago)")
    stacks(run.pid)
    os.killpg(run.pid, signal.SIGKILL)
    return 124


def stacks(session):
    """Every thread's stack of the test processes in the run's session, demangled."""
    if not shutil.which("gdb"):
        print("within.py: gdb is not installed; no stacks")
        return
    pids = subprocess.run(["pgrep", "-s", str(session)], capture_output=True, text=True).stdout.split()
    for pid in pids:
        try:
            command = open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        print(f"within.py: still running: {pid} {command.strip()[:300]}")
        if ".xctest" not in command:
            continue
        print(f"\nwithin.py: stacks of {pid} ({command.strip()})", flush=True)
        trace = subprocess.run(
            ["gdb", "-p", pid, "-batch", "-nx", "-ex", "set pagination off", "-ex", "thread apply all bt 40"],
            capture_output=True, text=True, timeout=120).stdout
        demangler = shutil.which("swift-demangle")
        if demangler:
            trace = subprocess.run([demangler, "--simplified"], input=trace, capture_output=True, text=True).stdout
        print(trace, flush=True)


if __name__ == "__main__":
    sys.exit(main())
