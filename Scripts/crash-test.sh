#!/usr/bin/env bash
# Crash safety: kill an import with SIGKILL at random moments, many times; after each kill the database
# must pass `registry check` and export exactly the state before the import or the state after it.
# The same for a restore of the state after. Then kill the creation of a database (`registry init`) and a
# backup as many times: after each kill there is either no file or a whole one (a seeded registry; a
# complete, checked copy), never a half-made file that would answer every query with nothing or pass for a
# backup. And kill `registry sync` fetching ANSSI's real edition from a server on 127.0.0.1 (when
# ../shared/fixtures is there): the registry is before or after, and the archive holds no partial copy.
#
#   Scripts/crash-test.sh [RUNS] [ROWS]        (default 200 runs on a 20,000-row list, release build)
#   REGISTRY_BIN=.build/debug/registry Scripts/crash-test.sh 5 2000    (the short version CI runs)
set -euo pipefail
runs=${1:-200}
rows=${2:-20000}
source "$(dirname "$0")/harness.sh"

"$root/Scripts/generate-list.py" "$rows" --seed 1 > "$work/first.csv"
"$root/Scripts/generate-list.py" "$rows" --seed 2 --drop 30 > "$work/second.csv"
"$bin" init --db "$work/base.sqlite" 2>/dev/null
# Forced: the generated list replaces the seeds' transcription of ANSSI's catalogue, which it does not list.
"$bin" import "$work/first.csv" --source secnumcloud --db "$work/base.sqlite" --force --quiet --format json > /dev/null
"$bin" export --db "$work/base.sqlite" > "$work/before.json"

# The state after a complete import.
"$bin" backup "$work/after.sqlite" --db "$work/base.sqlite" --format json > /dev/null 2>&1
"$bin" import "$work/second.csv" --source secnumcloud --db "$work/after.sqlite" --force --quiet --format json \
    > /dev/null
"$bin" export --db "$work/after.sqlite" > "$work/after.json"
cmp -s "$work/before.json" "$work/after.json" && { echo "the second list changes nothing: no test" >&2; exit 1; }

# state_loop NAME COMMAND...: RUNS times, copies the registry before the import to $work/run.sqlite, runs
# COMMAND on it and kills it; after each kill the database must pass `check` and export exactly the state
# before or the state after.
failures=0
base="$work/base.sqlite" before_json="$work/before.json" after_json="$work/after.json"
state_loop() {
    local name=$1; shift
    local whole_ms before=0 after=0 broken=0
    rm -rf "$work/run.sqlite"*
    "$bin" backup "$work/run.sqlite" --db "$base" --format json > /dev/null 2>&1
    whole_ms=$(elapsed_ms "$@")
    for run in $(seq 1 "$runs"); do
        rm -rf "$work/run.sqlite"*
        "$bin" backup "$work/run.sqlite" --db "$base" --format json > /dev/null 2>&1
        "$@" > /dev/null 2>&1 &
        kill_at_random $((whole_ms + whole_ms / 5)) $!  # within, and a little past, a whole run
        if ! "$bin" check --db "$work/run.sqlite" --format json > "$work/check.json" 2>&1; then
            broken=$((broken + 1)); echo "$name run $run: check failed: $(cat "$work/check.json")" >&2; continue
        fi
        "$bin" export --db "$work/run.sqlite" > "$work/got.json" 2>/dev/null
        if ! copies_whole "$work/run.sqlite.copies"; then
            broken=$((broken + 1)); echo "$name run $run: a partial copy in the archive" >&2; continue
        fi
        if cmp -s "$work/got.json" "$before_json"; then before=$((before + 1))
        elif cmp -s "$work/got.json" "$after_json"; then after=$((after + 1))
        else broken=$((broken + 1)); echo "$name run $run: a state that is neither before nor after" >&2
        fi
    done
    echo "$name test: $runs kills (~${whole_ms} ms each): $before left the state before, $after the state after, $broken corrupt or mixed"
    failures=$((failures + broken))
}
# copies_whole FOLDER: every copy the archive publishes has the SHA-256 it is named after (scratch files
# are hidden, and swept by the next writer).
copies_whole() {
    [ -d "$1" ] || return 0
    local file
    for file in "$1"/*; do
        [ -e "$file" ] || continue
        case "$file" in *.json) python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$file" || return 1 ;;
            *) [ "$(sha256sum "$file" | cut -d' ' -f1)" = "$(basename "$file")" ] || return 1 ;;
        esac
    done
}
state_loop "$rows-row import" "$bin" import "$work/second.csv" --source secnumcloud --db "$work/run.sqlite" --force \
    --quiet --format json
state_loop restore "$bin" restore "$work/after.sqlite" --db "$work/run.sqlite"

# The nightly sync, fetching a real edition from a server on this machine.
edition="$root/../shared/fixtures/anssi-catalogue/2025-12-05.pdf"
if [ -f "$edition" ]; then
    mkdir -p "$work/www" && cp "$edition" "$work/www/catalogue.pdf"
    python3 -c '
import http.server, socketserver, sys, os
os.chdir(sys.argv[1])
server = socketserver.TCPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
print(server.server_address[1], flush=True)
server.serve_forever()' "$work/www" > "$work/port" 2>/dev/null &
    for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
    base="$work/sync-base.sqlite" before_json="$work/sync-before.json" after_json="$work/sync-after.json"
    "$bin" init --empty --db "$base" 2>/dev/null
    "$bin" sources set anssi-catalogue --url "http://127.0.0.1:$(cat "$work/port")/catalogue.pdf" \
        --kind anssi-catalogue --db "$base" --format json > /dev/null
    "$bin" export --db "$base" > "$before_json"
    "$bin" backup "$work/sync-after.sqlite" --db "$base" --format json > /dev/null 2>&1
    "$bin" sync --db "$work/sync-after.sqlite" --quiet --format text
    "$bin" export --db "$work/sync-after.sqlite" > "$after_json"
    state_loop sync "$bin" sync --db "$work/run.sqlite" --quiet --format text
else
    echo "sync test: skipped (../shared/fixtures/anssi-catalogue is not beside the project)"
fi

# kill_loop NAME EXPECTED COMMAND...: runs COMMAND (which writes $work/new/run.sqlite) and kills it, RUNS
# times; after each kill the file must be absent, or pass `check` and export exactly EXPECTED.
kill_loop() {
    local name=$1 expected=$2; shift 2
    rm -rf "$work/new" && mkdir "$work/new"
    local whole_ms; whole_ms=$(elapsed_ms "$@")
    local absent=0 whole=0 broken=0
    for run in $(seq 1 "$runs"); do
        rm -rf "$work/new/run.sqlite"*
        "$@" > /dev/null 2>&1 &
        kill_at_random $((whole_ms + whole_ms / 5)) $!
        if [ ! -e "$work/new/run.sqlite" ]; then absent=$((absent + 1))
        elif "$bin" check --db "$work/new/run.sqlite" --format json > /dev/null 2>&1 \
            && "$bin" export --db "$work/new/run.sqlite" 2>/dev/null | cmp -s - "$expected"; then whole=$((whole + 1))
        else broken=$((broken + 1)); echo "$name run $run: a file that is not whole" >&2
        fi
    done
    # The next one sweeps the scratch files the killed ones left behind.
    rm -rf "$work/new/run.sqlite"*; "$@" > /dev/null 2>&1
    local left; left=$(find "$work/new" -name '.run.sqlite.creating-*' | wc -l)
    echo "$name test: $runs kills (~${whole_ms} ms each): $absent left no file, $whole a whole one, $broken a partial one; $left scratch files left after the next run"
    failures=$((failures + broken + left))
}
"$bin" init --db "$work/seeded.sqlite" 2>/dev/null
"$bin" export --db "$work/seeded.sqlite" > "$work/seeded.json"
kill_loop creation "$work/seeded.json" "$bin" init --db "$work/new/run.sqlite"
kill_loop backup "$work/after.json" "$bin" backup "$work/new/run.sqlite" --db "$work/after.sqlite" --format json
[ "$failures" -eq 0 ]
