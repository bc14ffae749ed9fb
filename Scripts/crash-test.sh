#!/usr/bin/env bash
# Crash safety: kill an import with SIGKILL at random moments, many times; after each kill the database
# must pass `registry check` and export exactly the state before the import or the state after it.
# Then kill the creation of a database (`registry init`) as many times: after each kill there is either no
# database or a whole, seeded one, never an empty registry that would answer every query with nothing.
#
#   Scripts/crash-test.sh [RUNS] [ROWS]        (default 200 runs on a 20,000-row list, release build)
#   REGISTRY_BIN=.build/debug/registry Scripts/crash-test.sh 5 2000    (the short version CI runs)
set -euo pipefail
runs=${1:-200}
rows=${2:-20000}
root=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${REGISTRY_BIN:-}" ]; then
    swift build -c release --package-path "$root" >&2
    REGISTRY_BIN="$(swift build -c release --package-path "$root" --show-bin-path)/registry"
fi
bin=$REGISTRY_BIN
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$root/Scripts/generate-list.py" "$rows" --seed 1 > "$work/first.csv"
"$root/Scripts/generate-list.py" "$rows" --seed 2 --drop 30 > "$work/second.csv"
"$bin" init --db "$work/base.sqlite" 2>/dev/null
"$bin" import "$work/first.csv" --source secnumcloud --db "$work/base.sqlite" --quiet --format json > /dev/null
"$bin" export --db "$work/base.sqlite" > "$work/before.json"

# The state after a complete import, and how long one takes.
"$bin" backup "$work/after.sqlite" --db "$work/base.sqlite" --format json > /dev/null 2>&1
start=$(date +%s%N)
"$bin" import "$work/second.csv" --source secnumcloud --db "$work/after.sqlite" --force --quiet --format json > /dev/null
duration_ms=$(( ($(date +%s%N) - start) / 1000000 ))
"$bin" export --db "$work/after.sqlite" > "$work/after.json"
cmp -s "$work/before.json" "$work/after.json" && { echo "the second list changes nothing: no test" >&2; exit 1; }

before=0; after=0; failures=0
for run in $(seq 1 "$runs"); do
    rm -f "$work/run.sqlite"*
    "$bin" backup "$work/run.sqlite" --db "$work/base.sqlite" --format json > /dev/null 2>&1
    "$bin" import "$work/second.csv" --source secnumcloud --db "$work/run.sqlite" --force --quiet --format json \
        > /dev/null 2>&1 &
    pid=$!
    # A random moment within (and a little past) a whole import.
    delay_ms=$(( RANDOM % (duration_ms + duration_ms / 5 + 1) ))
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    if ! "$bin" check --db "$work/run.sqlite" --format json > "$work/check.json" 2>&1; then
        failures=$((failures + 1)); echo "run $run: check failed: $(cat "$work/check.json")" >&2; continue
    fi
    "$bin" export --db "$work/run.sqlite" > "$work/got.json" 2>/dev/null
    if cmp -s "$work/got.json" "$work/before.json"; then before=$((before + 1))
    elif cmp -s "$work/got.json" "$work/after.json"; then after=$((after + 1))
    else failures=$((failures + 1)); echo "run $run: a state that is neither before nor after" >&2
    fi
done
echo "crash test: $runs runs of a $rows-row import (~${duration_ms} ms each), $runs kills: $before left the state before, $after the state after, $failures corrupt or mixed"

rm -rf "$work/new" && mkdir "$work/new"
start=$(date +%s%N)
"$bin" init --db "$work/new/seeded.sqlite" 2>/dev/null
create_ms=$(( ($(date +%s%N) - start) / 1000000 ))
"$bin" export --db "$work/new/seeded.sqlite" > "$work/seeded.json"
absent=0; whole=0; broken=0
for run in $(seq 1 "$runs"); do
    rm -f "$work/new/run.sqlite"*
    "$bin" init --db "$work/new/run.sqlite" > /dev/null 2>&1 &
    pid=$!
    delay_ms=$(( RANDOM % (create_ms + create_ms / 5 + 1) ))
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    if [ ! -e "$work/new/run.sqlite" ]; then absent=$((absent + 1))
    elif "$bin" check --db "$work/new/run.sqlite" --format json > /dev/null 2>&1 \
        && "$bin" export --db "$work/new/run.sqlite" 2>/dev/null | cmp -s - "$work/seeded.json"; then whole=$((whole + 1))
    else broken=$((broken + 1)); echo "creation run $run: a database that is not the whole seeded one" >&2
    fi
done
# The next creation sweeps what the killed ones left behind.
rm -f "$work/new/run.sqlite"*; "$bin" init --db "$work/new/run.sqlite" 2>/dev/null
left=$(find "$work/new" -name '.run.sqlite.creating-*' | wc -l)
echo "creation test: $runs kills of \`registry init\` (~${create_ms} ms each): $absent left no database, $whole a whole seeded one, $broken a partial one; $left scratch files left after the next creation"
[ "$failures" -eq 0 ] && [ "$broken" -eq 0 ] && [ "$left" -eq 0 ]
