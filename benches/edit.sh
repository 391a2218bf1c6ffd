#!/usr/bin/env bash
# An edit's cost, before and after a change: two builds of tathya (A and B)
# on one corpus, each building into its own folder once untimed (so that
# each finds its own build cache and its two copies of the site), then,
# alternating, one record edited and a rebuild with nothing changed. The
# edit flips one word in one record, the same for both. Prints each run's
# wall seconds, CPU seconds and peak KB, then the medians.
#
# usage: benches/edit.sh RUNS BIN_A BIN_B SITE
#
# SITE is a corpus (`examples/corpus.rs`) on the file system to measure;
# its output goes beside it (SITE.out-a, SITE.out-b) and is left there for
# the next run (the untimed builds bring it up to date with the binaries).
set -euo pipefail
runs=$1 a=$2 b=$3 site=$4
record="$site/statements/2019/01/statement-000000.yaml"
toggle() {
  sed -i 's/secure digital environment/safe digital environment/; t; s/safe digital environment/secure digital environment/' "$record"
}
times=$(mktemp -d)
# measure FILE BIN OUT: appends "wall cpu kb" of one build to FILE.
measure() {
  /usr/bin/time -o "$times/one" -f "%e %U %S %M" "$2" build --quiet --root "$site" --out "$3" >/dev/null 2>&1
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$times/one" >> "$1"
}
for side in a b; do
  bin=$([ "$side" = a ] && echo "$a" || echo "$b")
  for _ in 1 2; do toggle; "$bin" build --quiet --root "$site" --out "$site.out-$side" >/dev/null 2>&1; done
done
for _ in $(seq "$runs"); do
  toggle
  measure "$times/edit-a" "$a" "$site.out-a"; measure "$times/edit-b" "$b" "$site.out-b"
  measure "$times/same-a" "$a" "$site.out-a"; measure "$times/same-b" "$b" "$site.out-b"
done
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo "| measurement | A wall | A CPU | A memory | B wall | B CPU | B memory | wall ratio |"
echo "|---|---|---|---|---|---|---|---|"
for what in edit same; do
  row="| $([ "$what" = edit ] && echo "one record edited" || echo "nothing changed")"
  for side in a b; do
    f="$times/$what-$side"
    row="$row | $(cut -d' ' -f1 "$f" | median) s | $(cut -d' ' -f2 "$f" | median) s | $(( $(cut -d' ' -f3 "$f" | median) / 1024 )) MB"
  done
  wa=$(cut -d' ' -f1 "$times/$what-a" | median); wb=$(cut -d' ' -f1 "$times/$what-b" | median)
  echo "$row | $(awk -v a="$wa" -v b="$wb" 'BEGIN { print (b > 0 ? sprintf("%.1fx", a / b) : "-") }') |"
done
rm -rf "$times"
