# What the scripts that measure two builds of tathya side by side share
# (edit.sh, check-edit.sh): sourced by them, not run. Each measurement is
# a file of lines "wall-seconds cpu-seconds peak-KB", one a run; the table
# gives the medians of A and B and the ratio of their wall times.

ab_times=$(mktemp -d)
trap 'rm -rf "$ab_times"' EXIT

# measure NAME COMMAND...: runs COMMAND, output discarded, and appends its
# time and peak memory to the measurement NAME; a command that fails stops the script.
measure() {
  local name=$1; shift
  /usr/bin/time -o "$ab_times/one" -f "%e %U %S %M" "$@" >/dev/null 2>&1
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$ab_times/one" >> "$ab_times/$name"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# column NAME N: the median of field N of the measurement NAME.
column() { cut -d' ' -f"$2" "$ab_times/$1" | median; }

table_head() {
  echo "| measurement | A wall | A CPU | A memory | B wall | B CPU | B memory | wall ratio |"
  echo "|---|---|---|---|---|---|---|---|"
}

# table_row LABEL NAME_A NAME_B: the medians of two measurements, side by side.
table_row() {
  local row="| $1" name
  for name in "$2" "$3"; do
    row="$row | $(column "$name" 1) s | $(column "$name" 2) s | $(( $(column "$name" 3) / 1024 )) MB"
  done
  echo "$row | $(awk -v a="$(column "$2" 1)" -v b="$(column "$3" 1)" 'BEGIN { print (b > 0 ? sprintf("%.1fx", a / b) : "-") }') |"
}
