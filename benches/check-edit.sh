#!/usr/bin/env bash
# `check` after an edit, before and after a change: two builds of tathya
# (A and B) on one corpus. B builds the corpus once, untimed, into SITE.out-b
# (its build cache is beside it); then, alternating, one record is given
# a new word (a different one each run, so that every check sees an edit
# since that build) and each binary checks the site: A as `check`, B as
# `check --out SITE.out-b`, which uses B's build cache when A's `check`
# has none to use. Prints each run's wall seconds, CPU seconds and peak KB,
# then the medians. The record is put back at the end.
#
# usage: benches/check-edit.sh RUNS BIN_A BIN_B SITE
set -euo pipefail
runs=$1 a=$2 b=$3 site=$4
record="$site/statements/2019/01/statement-000000.yaml"
original=$(mktemp)
cp -p "$record" "$original"
"$b" build --quiet --root "$site" --out "$site.out-b" >/dev/null 2>&1
times=$(mktemp -d)
# measure FILE BIN ARGS...: appends "wall cpu kb" of one check to FILE.
measure() {
  local file=$1; shift
  /usr/bin/time -o "$times/one" -f "%e %U %S %M" "$@" >/dev/null 2>&1 || true
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$times/one" >> "$file"
}
words=(safe sound protected guarded shielded sheltered trusted)
for i in $(seq "$runs"); do
  sed "s/[a-z]* digital environment/${words[$(( (i - 1) % ${#words[@]} ))]} digital environment/" "$original" > "$record"
  cmp -s "$original" "$record" && { echo "the edit changed nothing in $record" >&2; exit 1; }
  measure "$times/a" "$a" check --quiet --root "$site"
  measure "$times/b" "$b" check --quiet --root "$site" --out "$site.out-b"
done
cp -p "$original" "$record"
rm -f "$original"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo "| measurement | A wall | A CPU | A memory | B wall | B CPU | B memory | wall ratio |"
echo "|---|---|---|---|---|---|---|---|"
row="| one record edited, then checked"
for side in a b; do
  f="$times/$side"
  row="$row | $(cut -d' ' -f1 "$f" | median) s | $(cut -d' ' -f2 "$f" | median) s | $(( $(cut -d' ' -f3 "$f" | median) / 1024 )) MB"
done
wa=$(cut -d' ' -f1 "$times/a" | median); wb=$(cut -d' ' -f1 "$times/b" | median)
echo "$row | $(awk -v a="$wa" -v b="$wb" 'BEGIN { print (b > 0 ? sprintf("%.1fx", a / b) : "-") }') |"
rm -rf "$times"
