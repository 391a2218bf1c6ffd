#!/usr/bin/env bash
# A cold build before and after a change, beside Hugo's: two builds of
# tathya (A and B) and Hugo, alternating, each into an empty folder. Prints
# the medians (wall, CPU, peak memory) in a table; the last row has Hugo
# as A, so its ratio is how many times faster B is than Hugo.
#
# usage: benches/cold.sh RUNS BIN_A BIN_B SITE HUGO_SITE
#
# SITE and HUGO_SITE are a corpus and its Hugo twin (`examples/corpus
# --records N --out SITE --hugo HUGO_SITE`), on /dev/shm to leave the disk
# out, with `share_cards: false` in SITE/tathya.yaml to compare like with
# like; their outputs go beside them and are removed after each run.
set -euo pipefail
source "$(dirname "$0")/ab.sh"
[ $# -eq 5 ] || { sed -n 's/^# usage: //p' "$0" >&2; exit 2; }
# Hugo writes `-d` relative to its site, not to the current folder.
runs=$1 a=$2 b=$3 site=$4 hugo_site=$(realpath "$5")
out="$site.cold-out"
clean() { rm -rf "$out" "$(dirname "$out")/.$(basename "$out").tathya" "$hugo_site.out"; }
for _ in $(seq "$runs"); do
  clean; measure cold-a "$a" build --quiet --root "$site" --out "$out"
  clean; measure cold-b "$b" build --quiet --root "$site" --out "$out"
  clean; measure cold-h hugo --quiet -s "$hugo_site" -d "$hugo_site.out"
done
clean
table_head
table_row "cold build (A, B)" cold-a cold-b
table_row "cold build (Hugo as A, B)" cold-h cold-b
