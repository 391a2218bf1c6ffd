#!/usr/bin/env bash
# `check` after an edit, before and after a change: two builds of tathya
# (A and B) on one corpus. B builds the corpus once, untimed, into SITE.out-b
# (its build cache is beside it); then, alternating, one record is given
# a new word (a different one each run, so that every check sees an edit
# since that build) and each binary checks the site: A as `check`, B as
# `check --out SITE.out-b`, which uses B's build cache when A's `check`
# has none to use. Prints the medians (wall, CPU, peak memory) in a table.
# The record is put back at the end.
#
# usage: benches/check-edit.sh RUNS BIN_A BIN_B SITE
set -euo pipefail
source "$(dirname "$0")/ab.sh"
runs=$1 a=$2 b=$3 site=$4
record="$site/statements/2019/01/statement-000000.yaml"
original=$(mktemp)
cp -p "$record" "$original"
"$b" build --quiet --root "$site" --out "$site.out-b" >/dev/null 2>&1
# Words for the edit: any but the record's own.
current=$(grep -o "[a-z]* digital environment" "$original" | head -n 1 | cut -d' ' -f1)
mapfile -t words < <(printf '%s\n' safe secure sound protected guarded shielded sheltered | grep -vx "$current")
for i in $(seq "$runs"); do
  sed "s/[a-z]* digital environment/${words[$(( (i - 1) % ${#words[@]} ))]} digital environment/" "$original" > "$record"
  cmp -s "$original" "$record" && { echo "the edit changed nothing in $record" >&2; exit 1; }
  measure a "$a" check --quiet --root "$site"
  measure b "$b" check --quiet --root "$site" --out "$site.out-b"
done
cp -p "$original" "$record"
rm -f "$original"
table_head
table_row "one record edited, then checked" a b
