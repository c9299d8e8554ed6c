#!/usr/bin/env bash
# `ledger import` against an older klynge (issue 11 §3: "at least 3× faster
# than today"): builds BASE_COMMIT's klynge in a temporary worktree, gives
# each binary a fresh workspace of its own making (`klynge init`), and times
# the same books file with each in turn, ROUNDS pairs, so a busy moment on
# a shared machine slows both. Prints each run, the medians and the ratio.
#
#   tests/bench/import_baseline.sh KLYNGE_BINARY BASE_COMMIT BOOKS.csv [ROUNDS]
#
# BASE_COMMIT may also be the path of a klynge binary built before.
# BOOKS.csv: bench_import writes one of every size it times into its DIR
# (books-1000000.csv: 1,000,000 entries with their approvals, payments and
# rejections). 71d79ba is the ledger import as issue 11 measured it.
set -euo pipefail
[ $# -ge 3 ] || { sed -n '2,17p' "$0" >&2; exit 2; }
new=$(realpath "$1")
base_commit=$2
bench=$(realpath "$3")
books=$bench/books-${4:-1000000}.csv
rounds=${5:-3}
[ -f "$books" ] && [ -f "$bench/fresh.db" ] && [ -d "$bench/bench" ] ||
    { echo "$bench has no books-${4:-1000000}.csv, fresh.db and bench/ — run bench_import with DIR $bench first" >&2; exit 2; }
src=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'git -C "$src" worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

if [ -x "$base_commit" ] && [ -f "$base_commit" ]; then
    base=$(realpath "$base_commit")
else
    git -C "$src" worktree add --detach "$work/base" "$base_commit" >/dev/null
    cmake -S "$work/base" -B "$work/base/build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$work/base/build" -j2 --target klynge >/dev/null
    base=$work/base/build/klynge
fi

export KLYNGE_TODAY=2026-12-31
"$base" init "$work/base" --name "Østerbroklyngen" --cvr 12345674 --municipality København \
    --region Hovedstaden --founded 2018-11-15 >/dev/null
cp "$work/base/klynge.db" "$work/base.fresh.db"
cp -r "$bench/bench" "$work/new"
cp "$bench/fresh.db" "$work/new.fresh.db"

run() { # run WHO: seconds of one import into a fresh copy of WHO's workspace
    cp "$work/$1.fresh.db" "$work/$1/klynge.db"
    local start end
    start=$(date +%s.%N)
    "${!1}" -C "$work/$1" --quiet ledger import "$books" >/dev/null 2>&1 || { echo "$1: the import failed" >&2; exit 1; }
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN { print b - a }' 
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "ledger import of $(($(wc -l <"$books") - 1)) rows ($books)"
echo "base $base_commit: $base"
echo "this:  $new"
: >"$work/base.times"
: >"$work/new.times"
for r in $(seq "$rounds"); do
    b=$(run base)
    n=$(run new)
    echo "$b" >>"$work/base.times"
    echo "$n" >>"$work/new.times"
    printf 'pair %d (load %s): base %.2f s, this %.2f s\n' "$r" "$(cut -d' ' -f1 /proc/loadavg)" "$b" "$n"
done
mb=$(median <"$work/base.times")
mn=$(median <"$work/new.times")
printf 'median: base %.2f s, this %.2f s — %.2f× faster (goal: at least 3×)\n' "$mb" "$mn" \
    "$(awk -v b="$mb" -v n="$mn" 'BEGIN { print b / n }')"
