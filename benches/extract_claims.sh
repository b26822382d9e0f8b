#!/usr/bin/env bash
# How many of the curated claims `factline extract` proposes on its own: for each seed text whose
# source record names it (`file` in data/sources.toml), the curated claims citing that source
# are compared with the claim candidates `extract --source ID` suggests for the text. A curated
# claim counts as proposed when some candidate has the same subject, predicate, value (same
# entity; same amount within 0.5 %; no value) and time (the same EDTF). A claim whose predicate
# takes free text cannot match word for word: it counts apart, as "text, in place", when some
# candidate has its subject, predicate and time (the analyst then edits the suggested text on
# review). Prints the share per text and overall, exact and with text claims in place, how many
# suggestions were made and how many of them match a curated claim (either way), and what was
# missed by category:
#   text value        a free-text claim with no candidate of the same subject, predicate, time
#   not suggested     no candidate with the predicate (no cue, value or entity in the sentence)
#   other subject     the predicate was suggested, for other subjects only
#   other value       subject and predicate right, the value differs
#   other time        subject, predicate and value right, the time differs
# Then benches/extract_real.sh prints the same extractor's figures on real text, every layer
# against gold annotations (skipped, with a message, without ../shared/corpora/region-news-dev).
#
#   bash benches/extract_claims.sh                       # seeds in ../shared/seeds
#   bash benches/extract_claims.sh path/to/texts         # another folder
#   VERBOSE=1 bash benches/extract_claims.sh             # list every missed claim
#   FACTLINE=target/debug/factline bash benches/...      # a binary already built
#
# Needs python3 (for the comparison) and a release build (built here). The database is built
# from data/ in a temporary folder; nothing in the repository changes.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
texts=${1:-$root/../shared/seeds}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v python3 >/dev/null || { echo "python3 is not on PATH" >&2; exit 2; }
[ -d "$texts" ] || { echo "no folder of texts at $texts" >&2; exit 2; }
if [ -z "${FACTLINE:-}" ]; then
  cargo build --release --locked --quiet --manifest-path "$root/Cargo.toml"
fi
factline=${FACTLINE:-$root/target/release/factline}
db="$work/factline.db"

(cd "$root" && "$factline" --db "$db" import data >/dev/null 2>&1)
"$factline" --db "$db" sql "SELECT id, file FROM source WHERE file IS NOT NULL ORDER BY id" \
  --format jsonl > "$work/sources.jsonl"
"$factline" --db "$db" sql "SELECT id, value_type FROM predicate" --format jsonl \
  > "$work/predicates.jsonl"

: > "$work/runs.tsv"
while IFS=$'\t' read -r id file; do
  [ -f "$texts/$file" ] || continue
  start=$(date +%s.%N)
  "$factline" --db "$db" extract "$texts/$file" --source "$id" --format jsonl \
    > "$work/$id.candidates.jsonl"
  end=$(date +%s.%N)
  "$factline" --db "$db" timeline --source "$id" --rank all --format jsonl \
    > "$work/$id.curated.jsonl"
  printf '%s\t%s\t%s\n' "$id" "$file" "$(echo "$end - $start" | bc)" >> "$work/runs.tsv"
done < <(python3 -c 'import json,sys
for l in open(sys.argv[1]):
    r = json.loads(l); print(r["id"] + "\t" + r["file"])' "$work/sources.jsonl")

[ -s "$work/runs.tsv" ] || { echo "no text in $texts is named by a source record" >&2; exit 2; }

python3 - "$work" "$root/benches" <<'PY'
import json, os, sys
from collections import Counter

work = sys.argv[1]
sys.dont_write_bytecode = True
sys.path.insert(0, sys.argv[2])
import claims_compare
from claims_compare import exact, same_value
verbose = bool(os.environ.get("VERBOSE"))
types = {}
for line in open(os.path.join(work, "predicates.jsonl")):
    r = json.loads(line)
    types[r["id"]] = r["value_type"]

def in_place(s, claim):
    return claims_compare.in_place(s, claim, types)

total = hit = placed = made = useful = 0
missed = Counter()
rows = []
for line in open(os.path.join(work, "runs.tsv")):
    source, file, seconds = line.rstrip("\n").split("\t")
    suggestions = []
    for l in open(os.path.join(work, source + ".candidates.jsonl")):
        c = json.loads(l)
        if c.get("kind") == "claim" and c.get("suggestion"):
            suggestions.append(c["suggestion"])
    curated = [json.loads(l) for l in open(os.path.join(work, source + ".curated.jsonl"))]
    n = found = text_found = 0
    for claim in curated:
        n += 1
        if any(exact(s, claim) for s in suggestions):
            found += 1
            continue
        if any(in_place(s, claim) for s in suggestions):
            text_found += 1
            continue
        same_pred = [s for s in suggestions if s["predicate"] == claim["predicate"]]
        same_subj = [s for s in same_pred if s["subject"] == claim["subject"]]
        if types.get(claim["predicate"]) == "text":
            why = "text value"
        elif not same_pred:
            why = "not suggested"
        elif not same_subj:
            why = "other subject"
        elif not any(same_value(s["value"], claim["value"]) for s in same_subj):
            why = "other value"
        else:
            why = "other time"
        missed[why] += 1
        if verbose:
            print(f"  missed ({why}): {claim['claim']} [{claim['when']}] {claim['label']}")
    matching = sum(1 for s in suggestions
                   if any(exact(s, c) or in_place(s, c) for c in curated))
    total += n
    hit += found
    placed += text_found
    made += len(suggestions)
    useful += matching
    rows.append((source, n, found, text_found, len(suggestions), matching, float(seconds)))

print(f"{'source':<28} {'curated':>7} {'exact':>5} {'text':>4} {'share':>6} "
      f"{'suggested':>9} {'matching':>8} {'seconds':>7}")
for source, n, found, text_found, suggested, matching, seconds in rows:
    share = (found + text_found) / n if n else 0.0
    print(f"{source:<28} {n:>7} {found:>5} {text_found:>4} {share:>6.1%} "
          f"{suggested:>9} {matching:>8} {seconds:>7.2f}")
share = (hit + placed) / total if total else 0.0
print(f"{'all':<28} {total:>7} {hit:>5} {placed:>4} {share:>6.1%} {made:>9} {useful:>8}")
print()
pct = lambda k: f"{k / total:.1%}" if total else "-"
print(f"proposed, exact (subject, predicate, value, time):      {hit:>4} of {total} ({pct(hit)})")
print(f"proposed, text in place (subject, predicate, time):     {placed:>4} of {total} ({pct(placed)})")
print(f"suggestions made: {made}; matching a curated claim: {useful}"
      + (f" ({useful / made:.1%})" if made else ""))
print()
print("missed, by category:")
for why in ["text value", "not suggested", "other subject", "other value", "other time"]:
    print(f"  {why:<14} {missed[why]:>4}")
PY

# The same extractor on real text, every layer against its gold annotations (skipped, with a
# message, when the corpus is not there).
echo
FACTLINE="$factline" bash "$root/benches/extract_real.sh"
