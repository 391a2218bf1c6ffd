#!/usr/bin/env bash
# What a change costs: two builds of tathya (A, before; B, after), each on
# its own copy of a corpus (the same records; each copy with the templates
# and locales of its version), alternating: a cold build on /dev/shm, and a
# rebuild after one record is edited. Prints wall seconds and peak KB.
#
# usage: benches/cost-of.sh RUNS BIN_A SITE_A BIN_B SITE_B
set -euo pipefail
runs=$1; shift
out=/dev/shm/tathya-cost/out
times=$(mktemp)
mkdir -p "$(dirname "$out")"
for _ in $(seq "$runs"); do
  for pair in "$1 $2" "$3 $4"; do
    read -r bin site <<< "$pair"
    rec="$site/statements/2019/01/statement-000000.yaml"
    rm -rf "$out" "$(dirname "$out")/.out.tathya"
    /usr/bin/time -o "$times" -f "%e %M" "$bin" build --root "$site" --out "$out" >/dev/null 2>&1; cold=$(tail -1 "$times")
    sed -i 's/secure digital environment/safe digital environment/; t; s/safe digital environment/secure digital environment/' "$rec"
    "$bin" build --root "$site" --out "$out" >/dev/null 2>&1
    sed -i 's/secure digital environment/safe digital environment/; t; s/safe digital environment/secure digital environment/' "$rec"
    /usr/bin/time -o "$times" -f "%e %M" "$bin" build --root "$site" --out "$out" >/dev/null 2>&1; edit=$(tail -1 "$times")
    echo "$bin on $site: cold $cold, edit $edit"
  done
done
