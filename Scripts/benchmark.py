#!/usr/bin/env python3
"""Benchmarks registry side by side with the sqlite3 shell, in the same run, and prints medians, spreads and
ratios. Benchmarks are measurements, not tests: nothing here fails on a slow figure.

    Scripts/benchmark.py [--rows N] [--runs R] [--bin PATH]     (default 5,000 rows, 3 runs, release build)
    Scripts/benchmark.py --rows 200 --runs 1 --bin .build/debug/registry    (the smoke version)
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
parser = argparse.ArgumentParser()
parser.add_argument("--rows", type=int, default=5000)
parser.add_argument("--runs", type=int, default=3)
parser.add_argument("--bin")
args = parser.parse_args()

if args.bin:
    registry = os.path.abspath(args.bin)
else:
    subprocess.run(["swift", "build", "-c", "release", "--package-path", root], check=True, stdout=sys.stderr)
    path = subprocess.run(["swift", "build", "-c", "release", "--package-path", root, "--show-bin-path"],
                          check=True, capture_output=True, text=True).stdout.strip()
    registry = os.path.join(path, "registry")
work = tempfile.mkdtemp(prefix="registry-bench-")


def generate(name, *options):
    path = os.path.join(work, name)
    with open(path, "w") as out:
        subprocess.run([os.path.join(root, "Scripts", "generate-list.py"), str(args.rows), "--kind", "hds", *options],
                       check=True, stdout=out)
    return path


def timed(command, setup=None):
    """Median, min and max wall seconds and the peak RSS (KB) of `command` over the runs."""
    times, peaks = [], []
    for _ in range(args.runs):
        if setup:
            setup()
        start = time.perf_counter()
        result = subprocess.run(["/usr/bin/time", "-f", "%M", *command], capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if result.returncode not in (0,):
            sys.exit(f"failed: {' '.join(command)}\n{result.stderr[-2000:]}")
        peaks.append(int(result.stderr.strip().splitlines()[-1]))
    return statistics.median(times), min(times), max(times), max(peaks)


def line(name, subject, reference=None, target=None):
    median, low, high, peak = subject
    text = f"{name:<44} {median:8.3f} s  [{low:.3f}–{high:.3f}]  {peak / 1024:6.1f} MB"
    if reference:
        ratio = median / reference[0]
        text += f"   ×{ratio:6.2f} vs {reference[0]:.3f} s"
        if target:
            text += f"  (target ≤ {target})"
    print(text, flush=True)


first = generate("hds.csv")
changed = generate("hds-changed.csv", "--change", "1")
db = os.path.join(work, "registry.sqlite")
empty = os.path.join(work, "empty.sqlite")
imported = os.path.join(work, "imported.sqlite")
reference_db = os.path.join(work, "reference.sqlite")
subprocess.run([registry, "init", "--empty", "--db", empty], check=True, capture_output=True)


def fresh(source):
    def setup():
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
        shutil.copy(source, db)
    return setup


def fresh_reference():
    if os.path.exists(reference_db):
        os.remove(reference_db)


print(f"registry {registry}\n{args.rows} rows, {args.runs} runs, median [min–max], peak memory, ratio to the reference\n")
sqlite_import = timed(["sqlite3", reference_db, ".mode csv", ".separator ;", f".import {first} hds"], fresh_reference)
line("sqlite3 .import (reference)", sqlite_import)
import_command = [registry, "import", first, "--source", "hds", "--db", db, "--quiet", "--format", "json"]
first_import = timed(import_command, fresh(empty))
line("registry import, first time", first_import, sqlite_import, "1.5")

fresh(empty)()
subprocess.run(import_command, check=True, capture_output=True)
for suffix in ("-wal", "-shm"):
    if os.path.exists(db + suffix):
        subprocess.run([registry, "check", "--db", db, "--format", "json"], capture_output=True)
shutil.copy(db, imported)
again = timed(import_command, fresh(imported))
line("registry import, same file again", again, first_import, "0.5 of the first import")
one_percent = timed([registry, "import", changed, "--source", "hds", "--db", db, "--quiet", "--format", "json"],
                    fresh(imported))
line("registry import, 1 % of rows changed", one_percent, first_import, "0.6 of the first import")

shutil.copy(imported, db)
query = timed([registry, "query", "--hds", "--hds-activity", "1", "--db", db, "--format", "json"])
reference_query = timed(["sqlite3", db, """SELECT o.id, a.id, a.certificateRef, a.expiresOn, a.source
    FROM offerAttestation oa JOIN attestation a ON a.id = oa.attestationId JOIN offer o ON o.id = oa.offerId
    JOIN attestationActivity aa ON aa.attestationId = a.id AND aa.activity = 1
    WHERE a.schemeId = 'hds' AND a.status IN ('qualified', 'certified');"""])
line("sqlite3, equivalent SQL (reference)", reference_query)
line("registry query --hds --hds-activity 1", query, reference_query, "1.2")
show = timed([registry, "show", "hebergeur-000001-fictif", "--db", db, "--format", "json"])
line("registry show (a provider)", show, reference_query)
version = timed([registry, "--version"])
select = timed(["sqlite3", ":memory:", "select 1"])
line("sqlite3 :memory: 'select 1' (reference)", select)
line("registry --version", version, select)
shutil.rmtree(work)
