#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for a while on a corpus seeded from the samples and fixtures.
#
#   Fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]      (default 300 seconds; FuzzCSV FuzzDocument FuzzLists)
# Crashes are written to Fuzz/crashes/<target>/; each one found becomes a regression test.
set -euo pipefail
seconds=${1:-300}
shift || true
targets=("${@:-FuzzCSV FuzzDocument FuzzLists}")
cd "$(dirname "$0")"
flags=(-c release --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address)
swift build "${flags[@]}" >&2
bin=$(swift build "${flags[@]}" --show-bin-path)
for target in ${targets[@]}; do
    corpus=.build-fuzz/corpus/$target
    mkdir -p "$corpus" "crashes/$target"
    case $target in
        FuzzCSV) cp ../docs/samples/*.csv "$corpus/" ;;
        FuzzDocument) cp ../Seeds/*.json "$corpus/" ;;
        FuzzLists) i=0; for f in ../docs/samples/*.csv; do { printf "\\x0$i"; cat "$f"; } > "$corpus/$(basename "$f")"; i=$((i+1)); done ;;
    esac
    "$bin/$target" "$corpus" -max_total_time="$seconds" -max_len=65536 -artifact_prefix="crashes/$target/" \
        -print_final_stats=1 2>&1 | grep -E "stat::number_of_executed_units|ERROR|SUMMARY" || true
done
