#!/usr/bin/env python3
"""Benchmarks the desk's web page beside the command line, on a generated registry. A measurement, not a test.

    Scripts/serve-benchmark.py [--providers P] [--requests N] [--wrk-seconds S] [--import-rows R] [--bin PATH]
                               [--datasette PATH|none] [--datasette-max-rows M]

For `/offers?secnumcloud&hds` (HTML, with facets) and `/offers.json?secnumcloud&hds`: the median and p99 of N
requests that are each a new question (another day: nothing kept), and of N asking the same question again
(answered from the pages kept until the registry changes), side by side with
`registry query --secnumcloud --hds --format json` (a process each time, as a desk's script would run it). Then `wrk` on loopback with 4 connections for S seconds while an
import of R rows runs into the same database: requests per second, p99, failed requests (non-2xx and socket
errors), and the server's peak memory (VmHWM).

Side by side in the same run, the tool a desk would otherwise put on a SQLite file: Datasette serving the same
file, asked the same question as SQL (`benchlib.secnumcloud_and_hds`, another day each time), its HTML page and
its JSON (`_shape=array`), with ratios. Datasette comes from PyPI, in the benchmark only: `--datasette PATH`
names its executable, else the one on PATH, else it is installed into a virtual environment in the scratch
folder (`pip install datasette==0.65.5`); `--datasette none` leaves it out. Its settings are its defaults but a
longer time limit; `--datasette-max-rows` sets `max_returned_rows` (1,000 by default, as a user gets it: a
larger answer is cut, and the script says so).

    Scripts/serve-benchmark.py --providers 200 --requests 5 --wrk-seconds 3 --import-rows 200 --bin .build/debug/registry
"""
import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import tempfile
import sys
import threading
import time
import urllib.parse
import urllib.request


import benchlib

parser = argparse.ArgumentParser()
parser.add_argument("--providers", type=int, default=10_000)
parser.add_argument("--requests", type=int, default=30)
parser.add_argument("--wrk-seconds", type=int, default=30)
parser.add_argument("--import-rows", type=int, default=10_000)
parser.add_argument("--bin")
parser.add_argument("--datasette", default="auto")
parser.add_argument("--datasette-max-rows", type=int, default=1000)
args = parser.parse_args()

registry = benchlib.registry_binary(args.bin)
work = tempfile.mkdtemp(prefix="registry-serve-bench-")
env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(work, "config"))


def run(command):
    return subprocess.run(command, check=True, capture_output=True, text=True, env=env)


def generate(name, count, *options):
    return benchlib.generate(work, name, count, *options)


def summary(times):
    times = sorted(times)
    p99 = times[min(len(times) - 1, int(round(0.99 * (len(times) - 1))))]
    return statistics.median(times), p99


def ms(seconds):
    return f"{seconds * 1000:8.1f} ms"


db = os.path.join(work, "big.sqlite")
run([registry, "init", "--empty", "--db", db])
start = time.perf_counter()
for first in range(0, args.providers, 10_000):
    part = generate("part.json", min(10_000, args.providers - first), "--kind", "registry-json", "--first", str(first))
    run([registry, "import", part, "--source", "registry-json", "--db", db, "--quiet", "--format", "json"])
    os.remove(part)
print(f"generated registry of {args.providers} providers in {time.perf_counter() - start:.0f} s")

server = subprocess.Popen([registry, "serve", "--port", "0", "--db", db], stderr=subprocess.PIPE, text=True, env=env)
base = None
for line in server.stderr:
    match = re.search(r"at (http://127\.0\.0\.1:\d+)/", line)
    if match:
        base = match.group(1)
        break
threading.Thread(target=lambda: [None for _ in server.stderr], daemon=True).start()


def fetch(path, at=None):
    with urllib.request.urlopen((at or base) + path, timeout=600) as response:
        return response.status, response.read()


def datasette_executable():
    if args.datasette == "none":
        return None
    if args.datasette != "auto":
        return args.datasette
    if shutil.which("datasette"):
        return shutil.which("datasette")
    venv = os.path.join(work, "datasette-venv")
    subprocess.run(["python3", "-m", "venv", venv], check=True)
    subprocess.run([os.path.join(venv, "bin", "pip"), "install", "-q", "datasette==0.65.5"], check=True)
    return os.path.join(venv, "bin", "datasette")


def start_datasette():
    """Datasette on the same file, on a free port of 127.0.0.1; its base URL, or None when left out."""
    executable = datasette_executable()
    if not executable:
        return None, None, None
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([executable, "serve", db, "--host", "127.0.0.1", "--port", str(port),
                                "--setting", "sql_time_limit_ms", "600000",
                                "--setting", "max_returned_rows", str(args.datasette_max_rows)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    at = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            fetch("/-/versions.json", at)
            return process, at, run([executable, "--version"]).stdout.strip()
        except OSError:
            time.sleep(0.1)
    sys.exit("datasette did not answer within a minute")


datasette, datasette_at, datasette_version = start_datasette()


def datasette_path(html, index):
    """Datasette's page for the same question on the same day as the registry's `index`-th new question."""
    sql = benchlib.secnumcloud_and_hds(day=f"'{question_day(index)}'")
    name = os.path.splitext(os.path.basename(db))[0]
    return f"/{name}{'' if html else '.json'}?" + urllib.parse.urlencode({"sql": sql, "_shape": "objects"})


def question_day(index):
    return f"2026-{1 + index % 12:02d}-{1 + index // 12:02d}"


cli_times = []
for _ in range(max(3, args.requests // 3)):
    began = time.perf_counter()
    cli = run([registry, "query", "--secnumcloud", "--hds", "--format", "json", "--db", db]).stdout
    cli_times.append(time.perf_counter() - began)
cli_median, cli_p99 = summary(cli_times)
print(f"{'registry query --secnumcloud --hds --format json (a process)':62} median {ms(cli_median)}  p99 {ms(cli_p99)}")
if datasette:
    rows = json.loads(fetch(datasette_path(False, 0), datasette_at)[1])
    print(f"{datasette_version} on the same file: {len(rows['rows']):,} evidence rows"
          f"{' (cut at max_returned_rows)' if rows['truncated'] else ''}; the registry: "
          f"{json.loads(fetch('/offers.json?secnumcloud&hds&valid-on=' + question_day(0))[1])['count']:,} offers")
for label, path, html in [("GET /offers.json?secnumcloud&hds", "/offers.json?secnumcloud&hds", False),
                          ("GET /offers?secnumcloud&hds (HTML, with facets)", "/offers?secnumcloud&hds", True)]:
    # Cold: each request a question the server has not answered yet (another day), so nothing is kept.
    cold = []
    for index in range(args.requests):
        began = time.perf_counter()
        status, _ = fetch(f"{path}&valid-on={question_day(index)}")
        cold.append(time.perf_counter() - began)
        assert status == 200
    # Warm: the same question again, answered from the pages kept since the registry last changed.
    warm = []
    for _ in range(args.requests):
        began = time.perf_counter()
        status, body = fetch(path)
        warm.append(time.perf_counter() - began)
        assert status == 200
    if not html:
        assert body.decode() == cli, "the .json twin differs from the command line's JSON"
    median, p99 = summary(cold)
    print(f"{label + ', new question':62} median {ms(median)}  p99 {ms(p99)}  ×{median / cli_median:.2f} the process")
    if datasette:
        # The same new questions, in the same order, asked of Datasette as SQL.
        times = []
        for index in range(args.requests):
            began = time.perf_counter()
            status, _ = fetch(datasette_path(html, index), datasette_at)
            times.append(time.perf_counter() - began)
            assert status == 200
        reference, reference_p99 = summary(times)
        kind = "HTML" if html else "JSON"
        print(f"{'  Datasette, the same SQL, ' + kind + ' (reference)':62} median {ms(reference)}  p99 "
              f"{ms(reference_p99)}  the registry ×{median / reference:.2f} (target ≤ 1.0)")
    median, p99 = summary(warm)
    print(f"{label + ', asked again':62} median {ms(median)}  p99 {ms(p99)}  ×{median / cli_median:.2f} the process")
if datasette:
    datasette.terminate()
    datasette.wait(timeout=10)

# Load while the steward imports.
hds = generate("hds.csv", args.import_rows, "--kind", "hds")
importer = subprocess.Popen([registry, "import", hds, "--source", "hds", "--db", db, "--quiet", "--format", "json"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
if shutil.which("wrk"):
    wrk = run(["wrk", "-t2", "-c4", f"-d{args.wrk_seconds}s", "--latency", "--timeout", "30s",
               base + "/offers.json?secnumcloud&hds"]).stdout
    importer_status = importer.wait()
    rps = re.search(r"Requests/sec:\s+([\d.]+)", wrk)
    p99 = re.search(r"99%\s+([\d.]+\w+)", wrk)
    requests = re.search(r"(\d+) requests in", wrk)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", wrk)
    errors = re.search(r"Socket errors: (.*)", wrk)
    print(f"wrk 4 connections {args.wrk_seconds} s on /offers.json?secnumcloud&hds during an import of "
          f"{args.import_rows} rows (import exit {importer_status}): {requests.group(1) if requests else '?'} requests, "
          f"{rps.group(1) if rps else '?'} req/s, p99 {p99.group(1) if p99 else '?'}, "
          f"failed {int(non2xx.group(1)) if non2xx else 0} non-2xx, socket errors: {errors.group(1) if errors else 'none'}")
else:
    importer.wait()
    print("wrk is not installed (apt-get install wrk): no load figures")
with open(f"/proc/{server.pid}/status") as status:
    peak = re.search(r"VmHWM:\s+(\d+) kB", status.read())
print(f"server peak memory: {int(peak.group(1)) / 1024:.0f} MB")
server.terminate()
server.wait(timeout=10)
shutil.rmtree(work, ignore_errors=True)
