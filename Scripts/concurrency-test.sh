#!/usr/bin/env bash
# Concurrent readers: query processes loop while imports apply and withdraw entries. Every query must
# succeed and answer with the state before or after an import, never a half-applied one: its whole answer
# (compared by SHA-256) is one of the two answers of the two states.
#
#   Scripts/concurrency-test.sh [SECONDS] [READERS] [ROWS]   (default 60 s, 4 readers, 5,000 rows, release build)
#   REGISTRY_BIN=.build/debug/registry Scripts/concurrency-test.sh 10 2 500   (the short version CI runs)
set -euo pipefail
seconds=${1:-60}
readers=${2:-4}
rows=${3:-5000}
source "$(dirname "$0")/harness.sh"

"$root/Scripts/generate-list.py" "$rows" --seed 1 > "$work/a.csv"
"$root/Scripts/generate-list.py" "$rows" --seed 2 --drop 30 > "$work/b.csv"
db="$work/registry.sqlite"
"$bin" init --db "$db" 2>/dev/null
query() { "$bin" query --secnumcloud --include-in-progress --search fictif --db "$db" --format csv; }
"$bin" import "$work/b.csv" --source secnumcloud --db "$db" --force --quiet --format json > /dev/null
state_b=$(query | sha256sum)
"$bin" import "$work/a.csv" --source secnumcloud --db "$db" --force --quiet --format json > /dev/null
state_a=$(query | sha256sum)
[ "$state_a" != "$state_b" ] || { echo "the two lists give the same answer: no test" >&2; exit 1; }

# The writer alternates the two lists: each import withdraws or reinstates about 30 % of the entries.
(
    end=$((SECONDS + seconds)); imports=0
    while [ $SECONDS -lt $end ]; do
        for list in b a; do
            "$bin" import "$work/$list.csv" --source secnumcloud --db "$db" --force --quiet --format json > /dev/null
            imports=$((imports + 1))
        done
    done
    echo "$imports" > "$work/imports"
) &
writer=$!

for reader in $(seq 1 "$readers"); do
    (
        end=$((SECONDS + seconds)); ok=0; failed=0
        while [ $SECONDS -lt $end ]; do
            if query > "$work/answer.$reader" 2> "$work/err.$reader"; then
                digest=$(sha256sum < "$work/answer.$reader")
                if [ "$digest" = "$state_a" ] || [ "$digest" = "$state_b" ]; then ok=$((ok + 1))
                else failed=$((failed + 1)); echo "reader $reader: an answer that is neither state's" >&2
                fi
            else
                failed=$((failed + 1)); echo "reader $reader: query failed: $(cat "$work/err.$reader")" >&2
            fi
        done
        echo "$ok $failed" > "$work/reader.$reader"
    ) &
done
wait
ok=0; failed=0
for reader in $(seq 1 "$readers"); do
    read -r r_ok r_failed < "$work/reader.$reader"
    ok=$((ok + r_ok)); failed=$((failed + r_failed))
done
echo "concurrency test: $seconds s, $(cat "$work/imports") imports, $readers readers, $((ok + failed)) queries: $ok consistent, $failed failed or mixed"
[ "$failed" -eq 0 ]
