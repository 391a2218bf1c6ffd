#!/usr/bin/env bash
# Times `tathya check` on a generated corpus: median wall time and peak
# memory of several runs, for each corpus size given.
#
# usage: benches/check.sh [RUNS] [N ...]      (default: 7 runs, N = 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-7}"; shift || true
sizes=("${@:-1000}")
work="${TMPDIR_BENCH:-/dev/shm}/tathya-bench-check"

cargo build --quiet --release --bin tathya --example corpus
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

for n in "${sizes[@]}"; do
  ./target/release/examples/corpus --records "$n" --out "$work/$n" 2>/dev/null
  times=(); memory=()
  for _ in $(seq "$runs"); do
    out=$( { /usr/bin/time -f "%e %M" ./target/release/tathya check --root "$work/$n" >/dev/null; } 2>&1 | tail -1)
    times+=("${out% *}"); memory+=("${out#* }")
  done
  size=$(du -sm "$work/$n/statements" | cut -f1)
  printf 'tathya check, %6d records (%4d MB): median %ss wall, %s MB peak memory (%d runs)\n' \
    "$n" "$size" "$(printf '%s\n' "${times[@]}" | median)" \
    "$(( $(printf '%s\n' "${memory[@]}" | median) / 1024 ))" "$runs"
done
