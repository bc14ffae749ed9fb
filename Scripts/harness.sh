# Sourced by the harnesses: the binary under test (a release build unless REGISTRY_BIN names one), the
# project root and a scratch folder removed on exit (with any background job still running).
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ -z "${REGISTRY_BIN:-}" ]; then
    swift build -c release --package-path "$root" >&2
    REGISTRY_BIN="$(swift build -c release --package-path "$root" --show-bin-path)/registry"
fi
bin=$REGISTRY_BIN
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

# kill_at_random MAX_MS PID: SIGKILL the process at a random moment within MAX_MS, then reap it.
kill_at_random() {
    local delay_ms=$(( RANDOM % ($1 + 1) ))
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    kill -9 "$2" 2>/dev/null || true
    wait "$2" 2>/dev/null || true
}

# elapsed_ms COMMAND...: how long the command takes, in milliseconds (its output is discarded).
elapsed_ms() {
    local start; start=$(date +%s%N)
    "$@" > /dev/null 2>&1
    echo $(( ($(date +%s%N) - start) / 1000000 ))
}
