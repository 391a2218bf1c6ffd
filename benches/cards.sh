#!/usr/bin/env bash
# What share cards cost: the same corpus built with cards and with
# `share_cards: false`, alternating, RUNS times each, on /dev/shm:
# - a cold build (no output, no store: every card drawn), on both cores and
#   up to 1,000 records on one core too (RAYON_NUM_THREADS=1: the cost per
#   card on one core is the difference over the number of cards);
# - a `--full` build with the store kept (every card taken from it);
# - `tathya check` (every card proven, none drawn).
# Prints one line per measurement and run: wall seconds and peak KB.
#
# usage: benches/cards.sh RUNS RECORDS [BIN]
set -euo pipefail
runs=$1 records=$2
repo="$(cd "$(dirname "$0")/.." && pwd)"
bin="${3:-$repo/target/release/tathya}"
work=/dev/shm/tathya-cards
rm -rf "$work" && mkdir -p "$work"
"$repo/target/release/examples/corpus" --records "$records" --out "$work/on" >/dev/null 2>&1
cp -r "$work/on" "$work/off"
printf '\nshare_cards: false\n' >> "$work/off/tathya.yaml"
times=$(mktemp)
measure() { # NAME SITE ARGS...
  local name=$1 site=$2; shift 2
  /usr/bin/time -o "$times" -f "%e %M" "$@" >/dev/null 2>&1
  echo "$records $name $(basename "$site") $(tail -1 "$times")"
}
for _ in $(seq "$runs"); do
  for side in on off; do
    site="$work/$side" out="$work/out-$side"
    rm -rf "$out" "$work/.out-$side.tathya"
    measure cold "$site" "$bin" build --root "$site" --out "$out"
    measure full-kept "$site" "$bin" build --full --root "$site" --out "$out"
    if [ "$records" -le 1000 ]; then
      rm -rf "$out" "$work/.out-$side.tathya"
      measure cold-1-core "$site" env RAYON_NUM_THREADS=1 "$bin" build --root "$site" --out "$out"
    fi
    measure check "$site" "$bin" check --root "$site"
  done
done
