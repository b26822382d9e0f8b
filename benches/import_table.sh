#!/usr/bin/env bash
# Import speed of `factline import-table` on a synthetic CSV, beside the sqlite3 shell's
# `.import` of the same file into a plain table, measured in the same run.
#
#   bash benches/import_table.sh            # 1,000,000 rows
#   bash benches/import_table.sh 100000     # another size
#   KEEP=1 bash benches/import_table.sh     # keep the files (the path is printed)
#
# The CSV has the World Bank's shape (Country Name, Country Code, Year, Value): 1,000
# countries × N/1,000 years. factline validates every row, maps codes to entities, builds a
# cited claim per row and writes it with its citation, index entries and full-text row in one
# transaction; `.import` only copies text into one table. Read the ratio, not the absolute
# times: the machine is shared. Needs `sqlite3` on PATH and a release build (built here).
set -euo pipefail

rows=${1:-1000000}
countries=1000
years=$(( (rows + countries - 1) / countries ))
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
if [ -n "${KEEP:-}" ]; then echo "files kept in $work" >&2; else trap 'rm -rf "$work"' EXIT; fi

command -v sqlite3 >/dev/null || { echo "sqlite3 is not on PATH" >&2; exit 2; }
cargo build --release --locked --quiet --manifest-path "$root/Cargo.toml"
factline="$root/target/release/factline"

# The vocabulary: a dataset source, the population predicate, one entity per country.
mkdir -p "$work/data/mappings/codes"
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

awk -v countries="$countries" -v years="$years" -v rows="$rows" 'BEGIN {
  print "Country Name,Country Code,Year,Value"
  n = 0
  for (c = 0; c < countries && n < rows; c++)
    for (y = 0; y < years && n < rows; y++) {
      printf "\"Country %d, Republic of\",C%03d,%d,%d\n", c, c, 1000 + y, 1000000 + c * 7919 + y * 104729
      n++
    }
}' > "$work/table.csv"
size=$(du -h "$work/table.csv" | cut -f1)

cd "$work"
"$factline" --db factline.db import data 2>/dev/null

seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N); echo "$end - $start" | bc; }

t_sqlite=$(seconds sqlite3 plain.db ".import --csv table.csv population")
rm -f plain.db
# Reading, validating and planning only (--dry-run), then the whole import.
t_dry=$(seconds "$factline" --db factline.db import-table table.csv --mapping mapping.toml --dry-run)
if [ -x /usr/bin/time ]; then
  start=$(date +%s.%N)
  kb=$(/usr/bin/time -f %M "$factline" --db factline.db import-table table.csv --mapping mapping.toml 2>&1 >/dev/null | tail -1)
  end=$(date +%s.%N)
  t_factline=$(echo "$end - $start" | bc)
  memory="$(( kb / 1024 )) MB peak"
else
  t_factline=$(seconds "$factline" --db factline.db import-table table.csv --mapping mapping.toml 2>/dev/null)
  memory="peak memory not measured (no /usr/bin/time)"
fi
claims=$(sqlite3 factline.db "SELECT count(*) FROM claim WHERE origin = 'table:bench'")

printf 'import of %d rows (%s CSV), one run each\n' "$rows" "$size"
printf '  sqlite3 .import (baseline)       %8.2fs  %d rows  1.00\n' "$t_sqlite" "$rows"
printf '  factline import-table --dry-run  %8.2fs  read, validate, plan  %.1f× baseline\n' \
  "$t_dry" "$(echo "$t_dry / $t_sqlite" | bc -l)"
printf '  factline import-table            %8.2fs  %d claims  %.1f× baseline, %s\n' \
  "$t_factline" "$claims" "$(echo "$t_factline / $t_sqlite" | bc -l)" "$memory"
