#!/usr/bin/env bash
# tathya against Hugo on the same bilingual corpus, side by side in one run,
# alternating the two tools so that the noise of a shared machine falls on
# both. Prints, per corpus size and measurement, the median wall time, CPU
# time (user + system) and peak memory of each tool, and the ratios.
#
# usage: benches/compare.sh [RUNS] [N ...]      (default: 5 runs, N = 1000 10000)
#
# Measurements: a cold build into an empty folder on /dev/shm; the same on
# disk (target/bench, this checkout's file system); a rebuild on disk after
# one record is edited; a rebuild on disk with nothing changed; and
# `tathya check`. tathya's sites have `share_cards: false`, since Hugo
# draws no cards. Needs Debian's `hugo` (0.111).
#
# The environment can point elsewhere (the test suite's smoke run does):
# TATHYA and CORPUS name built binaries (else a release build is made),
# HUGO the hugo command, BENCH_SHM and BENCH_DISK the two work folders.
# Hugo is left out above HUGO_MAX records (default 10000): at 100,000 it
# would need some 30 GB of memory, more than this machine has.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"; shift || true
sizes=("${@:-1000 10000}")
read -r -a sizes <<< "${sizes[*]}"
shm="${BENCH_SHM:-/dev/shm/tathya-bench}"
disk="${BENCH_DISK:-$PWD/target/bench}"
hugo="${HUGO:-hugo}"
command -v "$hugo" >/dev/null || { echo "needs hugo: apt-get install hugo" >&2; exit 2; }
[ -n "${TATHYA:-}" ] || cargo build --quiet --release --bin tathya --example corpus
tathya="${TATHYA:-$PWD/target/release/tathya}"
corpus="${CORPUS:-$PWD/target/release/examples/corpus}"

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
# measure FILE COMMAND...: appends "wall cpu kb" of one run to FILE.
measure() {
  local file="$1" one; shift
  one=$(mktemp)
  /usr/bin/time -f "%e %U %S %M" -o "$one" "$@" >/dev/null 2>&1
  tail -1 "$one" | awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' >> "$file"
  rm -f "$one"
}
report() { # report LABEL TATHYA_FILE HUGO_FILE
  local t_wall t_cpu t_mem h_wall h_cpu h_mem
  t_wall=$(cut -d' ' -f1 "$2" | median); t_cpu=$(cut -d' ' -f2 "$2" | median); t_mem=$(cut -d' ' -f3 "$2" | median)
  if [ -s "$3" ]; then
    h_wall=$(cut -d' ' -f1 "$3" | median); h_cpu=$(cut -d' ' -f2 "$3" | median); h_mem=$(cut -d' ' -f3 "$3" | median)
    awk -v l="$1" -v tw="$t_wall" -v tc="$t_cpu" -v tm="$t_mem" -v hw="$h_wall" -v hc="$h_cpu" -v hm="$h_mem" 'BEGIN {
      ratio = (tw > 0 ? sprintf("%.1fx", hw / tw) : "over 100x")
      printf "| %s | %.2f s | %.2f s | %d MB | %.2f s | %.2f s | %d MB | %s | %.1fx |\n",
        l, tw, tc, tm / 1024, hw, hc, hm / 1024, ratio, (tm > 0 ? hm / tm : 0) }'
  else
    awk -v l="$1" -v tw="$t_wall" -v tc="$t_cpu" -v tm="$t_mem" 'BEGIN {
      printf "| %s | %.2f s | %.2f s | %d MB | | | | | |\n", l, tw, tc, tm / 1024 }'
  fi
}

echo "| measurement | tathya wall | tathya CPU | tathya memory | Hugo wall | Hugo CPU | Hugo memory | wall ratio | memory ratio |"
echo "|---|---|---|---|---|---|---|---|---|"
for n in "${sizes[@]}"; do
  results=$(mktemp -d)
  with_hugo=$([ "$n" -le "${HUGO_MAX:-10000}" ] && echo yes || echo no)
  # hugo_run FILE ARGS...: measures Hugo, unless it is left out at this size.
  hugo_run() { local file="$1"; shift; [ "$with_hugo" = no ] || measure "$file" "$hugo" --quiet "$@"; }
  for base in "$shm" "$disk"; do
    rm -rf "$base/site-$n" "$base/hugo-$n"
    if [ "$with_hugo" = yes ]; then
      "$corpus" --records "$n" --out "$base/site-$n" --hugo "$base/hugo-$n" 2>/dev/null
    else
      "$corpus" --records "$n" --out "$base/site-$n" 2>/dev/null
    fi
    # Hugo draws no share cards: neither does tathya here (benches/cards.sh
    # measures them).
    printf '\nshare_cards: false\n' >> "$base/site-$n/tathya.yaml"
  done
  for _ in $(seq "$runs"); do
    for base in "$shm" "$disk"; do
      where=$([ "$base" = "$shm" ] && echo shm || echo disk)
      rm -rf "$base/out-$n" "$base/.out-$n.tathya" "$base/hugo-out-$n"
      measure "$results/cold-$where.t" "$tathya" build --root "$base/site-$n" --out "$base/out-$n"
      hugo_run "$results/cold-$where.h" -s "$base/hugo-$n" -d "$base/hugo-out-$n"
    done
    # One record edited, on disk: the same word in both tools' sources.
    record="$disk/site-$n/statements/2019/01/statement-000000.yaml"
    page="$disk/hugo-$n/content/en/2019/01/statement-000000.md"
    toggle() {
      sed -i 's/secure digital environment/safe digital environment/; t; s/safe digital environment/secure digital environment/' \
        "$record" $([ "$with_hugo" = yes ] && echo "$page")
    }
    # tathya keeps two copies of the site and writes them in turn: build
    # once, untimed, so that the timed edit finds both.
    toggle; "$tathya" build --root "$disk/site-$n" --out "$disk/out-$n" >/dev/null 2>&1
    toggle
    measure "$results/edit.t" "$tathya" build --root "$disk/site-$n" --out "$disk/out-$n"
    hugo_run "$results/edit.h" -s "$disk/hugo-$n" -d "$disk/hugo-out-$n"
    measure "$results/same.t" "$tathya" build --root "$disk/site-$n" --out "$disk/out-$n"
    hugo_run "$results/same.h" -s "$disk/hugo-$n" -d "$disk/hugo-out-$n"
    measure "$results/check.t" "$tathya" check --root "$shm/site-$n"
  done
  report "$n records: cold build, /dev/shm" "$results/cold-shm.t" "$results/cold-shm.h"
  report "$n records: cold build, disk" "$results/cold-disk.t" "$results/cold-disk.h"
  report "$n records: one record edited, disk" "$results/edit.t" "$results/edit.h"
  report "$n records: nothing changed, disk" "$results/same.t" "$results/same.h"
  report "$n records: tathya check" "$results/check.t" /dev/null
  rm -rf "$results" "$shm/out-$n" "$shm/.out-$n.tathya" "$shm/hugo-out-$n"
done
