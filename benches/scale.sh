#!/usr/bin/env bash
# The scale bench: whole-process runs of factline on synthetic corpora of 100k and 1M claims
# (`factline generate`), printing the median wall time and peak memory (max RSS) of every row of
# the scale table (and peak anonymous memory, RssAnon, beside it), each import beside two baselines measured in the same run: the same rows
# inserted with plain rusqlite (examples/rusqlite_baseline.rs) and the sqlite3 shell's .import
# of them as CSV (benches/sqlite3_import.sql), and the full timeline beside the sqlite3 shell
# printing the same claims and citations as JSON (benches/timeline_floor.sql).
#
#   benches/scale.sh                    # 100k and 1M claims, 3 runs each
#   RUNS=5 benches/scale.sh 100000      # one size, more runs
#
# Environment: RUNS (default 3), SEED (1), WORK (target/scale: corpora and databases, reused
# between runs of the script), TIMEOUT (seconds per run, default 900; a run that exceeds it
# is reported as such), BIN (a directory holding factline and rusqlite_baseline already built,
# e.g. copies kept while the tree changes during a long run; default: build them here),
# READS_ONLY=1 (skip the import rows and measure the reads on the database an earlier run left
# in WORK, after one untimed command that brings its schema up to date), IMPORTS (which import
# rows to run, of "baseline sqlite3 toml jsonl", default all; the reads use the database the
# last one left), SKIP (rows to leave out, of "export diff duckdb": at ten million claims
# each needs as much free disk as the database or more). Installs GNU time and sqlite3 with apt-get when missing.
# Too long for CI: it is not part of .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

runs=${RUNS:-3}
seed=${SEED:-1}
work=${WORK:-$root/target/scale}
timeout=${TIMEOUT:-900}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000)

need() {
    local missing=()
    [ -x /usr/bin/time ] || missing+=(time)
    command -v sqlite3 >/dev/null || missing+=(sqlite3)
    [ ${#missing[@]} -eq 0 ] && return
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    echo "installing ${missing[*]} with apt-get" >&2
    $sudo apt-get update -qq >&2
    $sudo apt-get install -y -qq "${missing[@]}" >&2
}
need

if [ -n "${BIN:-}" ]; then
    factline=$BIN/factline
    baseline=$BIN/rusqlite_baseline
else
    echo "building (release)…" >&2
    cargo build --release --locked --quiet --bin factline --example rusqlite_baseline
    factline=$root/target/release/factline
    baseline=$root/target/release/examples/rusqlite_baseline
fi
reads_only=${READS_ONLY:-}
imports=${IMPORTS:-baseline sqlite3 toml jsonl}
skip=${SKIP:-}
wants() { [[ " $imports " == *" $1 "* ]]; }
skips() { [[ " $skip " == *" $1 "* ]]; }
mkdir -p "$work"

# One whole-process run: prints "SECONDS MAX_RSS_KIB EXIT ANON_KIB" (benches/peak.sh: GNU
# time's peak RSS, which counts the mapped database file, and the peak of RssAnon, the
# process's own memory, polled from /proc). The command's stdout goes to $work/out; exit codes
# 0 and 1 (found conflicts) count as success.
once() {
    local code=0
    rm -f "$work/peak"
    PEAK_OUT="$work/peak" timeout "$timeout" "$root/benches/peak.sh" "$@" >"$work/out" 2>"$work/err" || code=$?
    local ms rss anon
    read -r ms rss anon _ <"$work/peak" || { ms=0; rss=0; anon=0; }
    echo "$ms $rss $code $anon"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# measure LABEL BASE_MS SETUP -- COMMAND…: RUNS runs of COMMAND, each after SETUP (not
# timed); prints a row with the median time, median peak memory and the ratio to BASE_MS.
# Sets $ms to the median.
measure() {
    local label=$1 base=$2 setup=$3
    shift 4
    local times=() rsss=() anons=() failed=""
    for _ in $(seq "$runs"); do
        eval "$setup"
        read -r t r code a < <(once "$@")
        if [ "$code" -gt 1 ]; then
            if [ "$code" -eq 124 ]; then failed="timed out after ${timeout}s"; else failed="failed (exit $code): $(tail -n 1 "$work/err")"; fi
            break
        fi
        times+=("$t")
        rsss+=("$r")
        anons+=("$a")
    done
    if [ -n "$failed" ]; then
        printf '| %-44s | %s | | | |\n' "$label" "$failed"
        ms=""
        return
    fi
    ms=$(printf '%s\n' "${times[@]}" | median)
    local kib anon
    kib=$(printf '%s\n' "${rsss[@]}" | median)
    anon=$(printf '%s\n' "${anons[@]}" | median)
    local ratio=""
    [ -n "$base" ] && [ "$base" -gt 0 ] && ratio=$(awk -v a="$ms" -v b="$base" 'BEGIN { printf "%.2f×", a / b }')
    printf '| %-44s | %9.3f s | %7.0f MiB | %7.0f MiB | %7s |\n' "$label" "$(awk -v m="$ms" 'BEGIN { print m / 1000 }')" \
        "$(awk -v k="$kib" 'BEGIN { print k / 1024 }')" "$(awk -v k="$anon" 'BEGIN { print k / 1024 }')" "$ratio"
}

echo "# factline scale bench — $(date -u +%Y-%m-%dT%H:%MZ), $(git rev-parse --short HEAD)${BIN:+ (binaries from $BIN)}, runs=$runs, seed=$seed"
echo "# $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"

for n in "${sizes[@]}"; do
    corpus=$work/c$n-s$seed
    formats=()
    { wants baseline || wants sqlite3; } && formats+=(csv)
    wants toml && formats+=(toml)
    { wants jsonl || [ ${#formats[@]} -eq 0 ]; } && formats+=(jsonl)
    for format in "${formats[@]}"; do
        if [ ! -f "$corpus-$format/corpus.json" ]; then
            echo "generating $n claims ($format)…" >&2
            "$factline" generate --claims "$n" --seed "$seed" --format "$format" --out "$corpus-$format" 2>/dev/null
        fi
    done
    busiest=$(sed -n 's/.*"busiest_entity": "\([^"]*\)".*/\1/p' "$corpus-${formats[0]}/corpus.json")
    word=$(sed -n 's/.*"common_word": "\([^"]*\)".*/\1/p' "$corpus-${formats[0]}/corpus.json")
    db=$work/bench-$n.db
    fresh="rm -f $db $db-wal $db-shm"

    echo
    echo "## $n claims ($busiest is the busiest entity; search for \"$word\")"
    echo
    echo "$(uptime | sed 's/.*load/load/')"
    echo
    echo "| operation | median | peak RSS | peak anonymous | × baseline |"
    echo "|---|---|---|---|---|"
    if [ -z "$reads_only" ]; then
        base=""
        if wants baseline; then
            measure "baseline: plain rusqlite, indexes after" "" "$fresh" -- "$baseline" "$corpus-csv" "$db"
            base=$ms
        fi
        wants sqlite3 && measure "baseline: sqlite3 .import of CSV" "$base" "$fresh" -- \
            sh -c "cd '$corpus-csv' && sqlite3 '$db' < '$root/benches/sqlite3_import.sql'"
        wants toml && measure "import TOML files into a fresh db" "$base" "$fresh" -- "$factline" --db "$db" import "$corpus-toml"
        wants jsonl && measure "import JSON Lines into a fresh db" "$base" "$fresh" -- "$factline" --db "$db" import "$corpus-jsonl"
    else
        "$factline" --db "$db" timeline --from 2010 --to 2010 --format jsonl >/dev/null || true
    fi

    # Reads, on the database the last import left. The baseline: the sqlite3 shell printing
    # the same claims and citations as JSON from the plain tables (benches/timeline_floor.sql);
    # the full timeline's ratio is to it, the other reads' to the full timeline.
    measure "baseline: sqlite3 shell, claims and citations as JSON" "" ":" -- \
        sh -c "sqlite3 '$db' < '$root/benches/timeline_floor.sql'"
    floor=$ms
    measure "timeline --format jsonl (full)" "$floor" ":" -- "$factline" --db "$db" timeline --format jsonl
    full=$ms
    measure "timeline --entity $busiest --format jsonl" "$full" ":" -- \
        "$factline" --db "$db" timeline --entity "$busiest" --format jsonl
    # A typical entity: the one at the median of claims per entity.
    typical=$(sqlite3 "$db" "WITH n AS (SELECT subject, count(*) AS c FROM claim GROUP BY subject)
        SELECT subject || ' (' || c || ' claims)' FROM n ORDER BY c, subject
        LIMIT 1 OFFSET (SELECT count(*) / 2 FROM n)")
    measure "timeline --entity $typical --format jsonl" "$full" ":" -- \
        "$factline" --db "$db" timeline --entity "${typical%% *}" --format jsonl
    measure "timeline --from 2010 --to 2011 --format jsonl" "$full" ":" -- \
        "$factline" --db "$db" timeline --from 2010 --to 2011 --format jsonl
    measure "search $word" "$full" ":" -- "$factline" --db "$db" search "$word"
    skips export || measure "export --format toml" "$full" "rm -rf $work/export" -- \
        "$factline" --db "$db" export --format toml --out "$work/export"
    rm -rf "$work/export"
    measure "conflicts --format json" "$full" ":" -- "$factline" --db "$db" conflicts --format json
    measure "conflicts (table)" "$full" ":" -- "$factline" --db "$db" conflicts
    # The analysts' views, grouped (docs/schema.md).
    for q in "select predicate, count(*) from claim_overview group by 1" \
             "select rank, count(*) from claim_overview group by 1" \
             "select source_title, count(*) from claim_evidence group by 1" \
             "select field, count(*) from claim_search group by 1"; do
        measure "sql: ${q#select }" "$full" ":" -- "$factline" --db "$db" sql "$q" --timeout 600
    done
    # History: a read as known at an instant takes the same path; a diff against a copy reads
    # both databases' claims side by side.
    measure "timeline --as-known-at (now) --format jsonl" "$full" ":" -- \
        "$factline" --db "$db" timeline --as-known-at "$(date -u +%Y-%m-%dT%H:%M:%SZ)" --format jsonl
    if ! skips diff; then
        cp "$db" "$work/copy-$n.db"
        measure "diff --against a copy --no-conflicts" "$full" ":" -- \
            "$factline" --db "$db" diff --against "$work/copy-$n.db" --no-conflicts
        rm -f "$work/copy-$n.db"
    fi
    # DuckDB reading the JSON Lines timeline (tests/clients/.venv, made by tests/clients/run).
    py=$root/tests/clients/.venv/bin/python
    echo "| on disk: $(du -b "$db" | awk -v n="$n" '{ printf "%.0f MiB, %.0f bytes a claim", $1 / 1048576, $1 / n }') | | | | |"
    if skips duckdb; then
        :
    elif [ -x "$py" ] && "$py" -c 'import duckdb' 2>/dev/null; then
        "$factline" --db "$db" timeline --format jsonl >"$work/timeline-$n.jsonl"
        measure "duckdb: claims per year from the jsonl" "$full" ":" -- "$py" -c \
            "import duckdb; print(duckdb.sql(\"select year(earliest) y, count(*) from read_json_auto('$work/timeline-$n.jsonl', format='newline_delimited') group by 1\").fetchall()[:1])"
    else
        echo "| duckdb: skipped (run tests/clients/run once to install it) | | | | |"
    fi
done
