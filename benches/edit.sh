#!/usr/bin/env bash
# An edit's cost, before and after a change: two builds of tathya (A and B)
# on one corpus, each building into its own folder once untimed (so that
# each finds its own build cache and its two copies of the site), then,
# alternating, one record edited and a rebuild with nothing changed. The
# edit flips one word in one record, the same for both. Prints the
# medians (wall, CPU, peak memory) in a table.
#
# usage: benches/edit.sh RUNS BIN_A BIN_B SITE
#
# SITE is a corpus (`examples/corpus.rs`) on the file system to measure;
# its output goes beside it (SITE.out-a, SITE.out-b) and is left there for
# the next run (the untimed builds bring it up to date with the binaries).
set -euo pipefail
source "$(dirname "$0")/ab.sh"
runs=$1 a=$2 b=$3 site=$4
record="$site/statements/2019/01/statement-000000.yaml"
toggle() {
  grep -qE "(secure|safe) digital environment" "$record" || { echo "$record has no word to flip" >&2; exit 1; }
  sed -i 's/secure digital environment/safe digital environment/; t; s/safe digital environment/secure digital environment/' "$record"
}
for side in a b; do
  bin=$([ "$side" = a ] && echo "$a" || echo "$b")
  for _ in 1 2; do toggle; "$bin" build --quiet --root "$site" --out "$site.out-$side" >/dev/null 2>&1; done
done
for _ in $(seq "$runs"); do
  toggle
  measure edit-a "$a" build --quiet --root "$site" --out "$site.out-a"
  measure edit-b "$b" build --quiet --root "$site" --out "$site.out-b"
  measure same-a "$a" build --quiet --root "$site" --out "$site.out-a"
  measure same-b "$b" build --quiet --root "$site" --out "$site.out-b"
done
table_head
table_row "one record edited" edit-a edit-b
table_row "nothing changed" same-a same-b
