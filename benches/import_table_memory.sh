#!/usr/bin/env bash
# Peak memory and time of `factline import-table` as the table grows: two binaries (OLD and
# NEW) on the same generated tables, alternating, each run a whole process under GNU time.
#
#   OLD=/path/to/old/factline bash benches/import_table_memory.sh            # 100k and 1M rows
#   OLD=… RUNS=3 bash benches/import_table_memory.sh 100000                  # one size
#   OLD=… NEW=… MODES="import dry-run" bash benches/import_table_memory.sh   # some modes
#
# NEW defaults to target/release/factline (built here). Modes: `import` (into a database that
# holds the vocabulary and no claims), `reimport` (the same table again: every claim
# unchanged), `dry-run` (on the imported database), `skip-invalid` (a table with one bad row in
# 1,000, on a database with no claims). The table has the World Bank's shape (Country Code,
# Year, Value; 1,000 countries), as in benches/import_table.sh. Prints, per size, mode and
# binary, the median wall time and median peak RSS of RUNS runs, and NEW/OLD ratios. The
# machine is shared: read the ratios measured in the same run.
set -euo pipefail

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000)
runs=${RUNS:-3}
modes=${MODES:-import reimport dry-run skip-invalid}
root=$(cd "$(dirname "$0")/.." && pwd)
[ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time) is needed for peak memory" >&2; exit 2; }
[ -n "${OLD:-}" ] && [ -x "$OLD" ] || { echo "set OLD to the binary to compare with" >&2; exit 2; }
if [ -z "${NEW:-}" ]; then
  cargo build --release --locked --quiet --manifest-path "$root/Cargo.toml"
  NEW="$root/target/release/factline"
fi
work=$(mktemp -d)
if [ -n "${KEEP:-}" ]; then echo "files kept in $work" >&2; else trap 'rm -rf "$work"' EXIT; fi
countries=1000

mkdir -p "$work/data"
{
  printf '[[source]]\nid = "bench"\ntitle = "Synthetic population table"\nkind = "dataset"\nreliability = "A"\n\n'
  printf '[[predicate]]\nid = "population"\nlabel = "population"\nvalue_type = "quantity"\nunit = "persons"\nfunctional = true\n\n'
  for ((c = 0; c < countries; c++)); do
    printf '[[entity]]\nid = "country-%d"\nname = "Country %d"\nkind = "country"\n\n' "$c" "$c"
  done
} > "$work/data/vocabulary.toml"
{
  printf '[codes]\n'
  for ((c = 0; c < countries; c++)); do printf 'C%03d = "country-%d"\n' "$c" "$c"; done
} > "$work/codes.toml"
cat > "$work/mapping.toml" <<'TOML'
id = "bench"

[codes]
iso = "codes.toml"

[columns]
country = { column = "Country Code", codes = "iso" }
code = "Country Code"
year = "Year"
value = "Value"

[[claim]]
id = "pop-{country}-{year}"
subject = "{country}"
predicate = "population"
quantity = "{value}"
when = "{year}"

[citation]
source = "bench"
credibility = 2
locator = "Country Code {code}, Year {year}"
TOML
(cd "$work" && "$NEW" --db empty.db import data >/dev/null 2>&1)

# table ROWS BAD: the CSV, with one value in BAD rows not a number (0: none).
table() {
  awk -v countries="$countries" -v rows="$1" -v bad="$2" 'BEGIN {
    years = int((rows + countries - 1) / countries)
    print "Country Name,Country Code,Year,Value"
    n = 0
    for (c = 0; c < countries && n < rows; c++)
      for (y = 0; y < years && n < rows; y++) {
        n++
        value = 1000000 + c * 7919 + y * 104729
        if (bad > 0 && n % bad == 0) value = "n/a"
        printf "\"Country %d, Republic of\",C%03d,%d,%s\n", c, c, 1000 + y, value
      }
  }'
}

# measure BINARY DB ARGS…: prints "seconds kib" of one whole-process run (exit code 1, rows
# skipped, is expected with --skip-invalid).
measure() {
  local bin=$1 db=$2
  shift 2
  local report
  report=$(cd "$work" && /usr/bin/time -f '%e %M' "$bin" --db "$db" import-table "$@" \
    --mapping mapping.toml 2>&1 >/dev/null | tail -1 || true)
  echo "$report"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

printf '%-9s %-13s %-4s %10s %10s   %s\n' rows mode bin "median s" "MiB peak" "runs (s, MiB)"
for rows in "${sizes[@]}"; do
  table "$rows" 0 > "$work/table.csv"
  table "$rows" 1000 > "$work/bad.csv"
  for mode in $modes; do
    declare -A secs=() mibs=()
    for ((r = 1; r <= runs; r++)); do
      for side in old new; do
        bin=$OLD; [ "$side" = new ] && bin=$NEW
        db="$side.db"
        case $mode in
          import) cp "$work/empty.db" "$work/$db"; args=(table.csv) ;;
          skip-invalid) cp "$work/empty.db" "$work/$db"; args=(bad.csv --skip-invalid) ;;
          reimport | dry-run)
            if [ ! -f "$work/full-$side.db" ]; then
              cp "$work/empty.db" "$work/full-$side.db"
              measure "$bin" "full-$side.db" table.csv >/dev/null
            fi
            cp "$work/full-$side.db" "$work/$db"
            args=(table.csv)
            [ "$mode" = dry-run ] && args+=(--dry-run) ;;
        esac
        read -r s kib < <(measure "$bin" "$db" "${args[@]}")
        secs[$side]+="$s "
        mibs[$side]+="$(( kib / 1024 )) "
        rm -f "$work/$db" "$work/$db-wal" "$work/$db-shm"
      done
    done
    for side in old new; do
      ms=$(tr ' ' '\n' <<<"${secs[$side]}" | grep . | median)
      mm=$(tr ' ' '\n' <<<"${mibs[$side]}" | grep . | median)
      eval "med_${side}_s=$ms med_${side}_m=$mm"
      printf '%-9s %-13s %-4s %10s %10s   %s/ %s\n' "$rows" "$mode" "$side" "$ms" "$mm" \
        "${secs[$side]}" "${mibs[$side]}"
    done
    printf '%-9s %-13s %-4s %10.2f× %9.3f×\n' "$rows" "$mode" "new/old" \
      "$(echo "$med_new_s / $med_old_s" | bc -l)" "$(echo "$med_new_m / $med_old_m" | bc -l)"
    unset secs mibs
  done
  rm -f "$work"/full-*.db*
done
