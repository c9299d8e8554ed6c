#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) in build/fuzz and
# runs each for a bounded time, one after the other (issue 11 §7):
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]     SECONDS per target, default 30
#
# Each target starts from its committed seeds (tests/fuzz/corpus/TARGET) and
# the inputs it found in earlier runs here (build/fuzz/corpus/TARGET, never
# committed), with its dictionary when there is one. It prints the executions
# per target and fails on any crash, leak, timeout, out-of-memory or broken
# invariant; the input that caused it is left in build/fuzz/findings/.
# $KLYNGE_FUZZ_BUILD overrides the build directory, $CXX the compiler.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SECONDS_EACH=${1:-30}
shift || true
BUILD=${KLYNGE_FUZZ_BUILD:-$ROOT/build/fuzz}
CXX_FUZZ=${CXX:-clang++-14}
command -v "$CXX_FUZZ" >/dev/null || CXX_FUZZ=clang++

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER="$CXX_FUZZ" "${launcher[@]}" \
    -DKLYNGE_FUZZ=ON -DKLYNGE_TESTS=OFF -DKLYNGE_WERROR=ON >/dev/null
ninja -C "$BUILD" -j2 fuzz

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    for src in "$ROOT"/tests/fuzz/fuzz_*.cpp; do targets+=("$(basename "$src" .cpp)"); done
fi

mkdir -p "$BUILD/findings"
failed=()
printf '%-22s %12s %10s %8s  %s\n' TARGET EXECUTIONS "EXEC/S" CORPUS RESULT
for t in "${targets[@]}"; do
    work="$BUILD/corpus/$t"
    mkdir -p "$work"
    dict=()
    [ -f "$ROOT/tests/fuzz/dict/$t.dict" ] && dict=(-dict="$ROOT/tests/fuzz/dict/$t.dict")
    log="$BUILD/$t.log"
    status=0
    # New inputs go to the first directory (the scratch corpus); the committed
    # seeds are only read.
    (cd "$BUILD/findings" && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
        UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$BUILD/fuzz/$t" -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -timeout=10 -max_len=8192 \
        -print_final_stats=1 -artifact_prefix="$BUILD/findings/$t-" "${dict[@]}" \
        "$work" "$ROOT/tests/fuzz/corpus/$t") >"$log" 2>&1 || status=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    corpus=$(find "$work" -type f | wc -l)
    if [ "$status" -eq 0 ]; then
        result=ok
    else
        result="FAILED (exit $status): see $log and $BUILD/findings/"
        failed+=("$t")
    fi
    printf '%-22s %12s %10s %8s  %s\n' "$t" "${execs:-?}" "${rate:-?}" "$corpus" "$result"
    if [ "$status" -ne 0 ]; then
        grep -E "ERROR: |fuzz invariant failed|runtime error|Test unit written" "$log" | head -5 | sed 's/^/    /'
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzzing found a problem in: ${failed[*]}" >&2
    exit 1
fi
