#!/usr/bin/env bash
# Every layer of `factline extract` on real text: the 24 article openings of region-news-dev
# (../shared/corpora/region-news-dev) against the gold annotations in benches/gold/region-news,
# written by the guideline docs/annotation.md. Each text is read with `--published` its date from
# the corpus' sources.tsv (none for an undated text). Prints, per layer, how many items the gold
# and the extractor have and precision and recall:
#
#   times          a system TIMEX3 matches a gold one when their spans overlap (one to one,
#                  TempEval-3 style); "value" counts a match whose TIMEX3 value is equal. Ranges
#                  (candidates without a TIMEX3) are not TIMEX3 expressions and are left out.
#   figures        spans overlap; "value" counts a match with the amount within 0.5 %, the same
#                  unit and the same bound.
#   entity links   a system mention (known entities only, from every candidate's `entities`)
#                  matches a gold link when the spans overlap and the id is the same.
#   opposites      every claim candidate against the hand judgements of opposites.tsv (does it
#                  assert the opposite of its sentence?); a candidate not judged yet is listed.
#   key facts      a suggested claim matches a gold fact as the seeds' curated claims are matched
#                  (benches/claims_compare.py): subject, predicate, value and time, or, for a
#                  free-text predicate, subject, predicate and time ("in place"). Precision is the
#                  share of suggestions that match some fact; "reachable" is recall over the facts
#                  whose subject, predicate and entity value the vocabulary already has.
#
#   bash benches/extract_real.sh                     # corpus in ../shared/corpora/region-news-dev
#   bash benches/extract_real.sh path/to/corpus      # another copy (with its sources.tsv)
#   VERBOSE=1 bash benches/extract_real.sh           # list every miss and false alarm, by layer
#   CALIBRATE=1 bash benches/extract_real.sh         # the calibration table, and a check of it
#                                                    # with each text left out of its counts
#   FACTLINE=target/debug/factline bash benches/...  # a binary already built
#
# benches/extract_claims.sh runs it after the seeds. Without the corpus it says so and exits 0.
# Needs python3 and a release build (built here unless FACTLINE is set). The database is built
# from data/ in a temporary folder; nothing in the repository changes.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-$root/../shared/corpora/region-news-dev}
gold="$root/benches/gold/region-news"

if [ ! -d "$corpus" ] || [ ! -f "$corpus/sources.tsv" ]; then
  echo "real texts: skipped, no corpus at $corpus (region-news-dev with its sources.tsv)"
  exit 0
fi
command -v python3 >/dev/null || { echo "python3 is not on PATH" >&2; exit 2; }
python3 "$root/benches/gold/check.py" "$corpus" >/dev/null \
  || { python3 "$root/benches/gold/check.py" "$corpus"; exit 2; }
if [ -z "${FACTLINE:-}" ]; then
  cargo build --release --locked --quiet --manifest-path "$root/Cargo.toml"
fi
factline=${FACTLINE:-$root/target/release/factline}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/factline.db"

(cd "$root" && "$factline" --db "$db" import data >/dev/null 2>&1)
"$factline" --db "$db" sql "SELECT id, value_type FROM predicate" --format jsonl \
  > "$work/predicates.jsonl"
"$factline" --db "$db" sql "SELECT id FROM entity" --format jsonl > "$work/entities.jsonl"

start=$(date +%s.%N)
while IFS=$'\t' read -r file published; do
  [ "$file" = file ] && continue
  [ -f "$corpus/$file" ] || { echo "no $corpus/$file (named in sources.tsv)" >&2; exit 2; }
  args=()
  [ "$published" != unknown ] && args=(--published "$published")
  "$factline" --db "$db" extract "$corpus/$file" "${args[@]}" --format json \
    > "$work/$file.json"
done < "$corpus/sources.tsv"
end=$(date +%s.%N)

python3 - "$work" "$gold" "$corpus" "$root/benches" "$(echo "$end - $start" | bc)" <<'PY'
import csv, json, os, sys
from collections import Counter

work, gold, corpus, benches, seconds = sys.argv[1:6]
sys.dont_write_bytecode = True
sys.path.insert(0, benches)
from claims_compare import exact, in_place, same_value

verbose = bool(os.environ.get("VERBOSE"))
types = {}
for line in open(os.path.join(work, "predicates.jsonl")):
    r = json.loads(line)
    types[r["id"]] = r["value_type"]
known = {json.loads(l)["id"] for l in open(os.path.join(work, "entities.jsonl"))}


def tsv(name):
    with open(os.path.join(gold, name), encoding="utf-8") as fh:
        rows = list(csv.DictReader((l for l in fh if not l.startswith("#")), delimiter="\t",
                                   quoting=csv.QUOTE_NONE))
    for r in rows:
        r["start"], r["end"] = int(r["start"]), int(r["end"])
    return rows


files = [l.split("\t")[0] for l in open(os.path.join(corpus, "sources.tsv"))][1:]
system = {"time": [], "quantity": [], "entity": [], "claim": []}
for f in files:
    doc = json.load(open(os.path.join(work, f + ".json")))["documents"][0]
    mentions = {}
    for c in doc["candidates"]:
        c["file"] = f
        if c["kind"] == "time" and c.get("timex"):
            system["time"].append(c)
        elif c["kind"] == "quantity":
            system["quantity"].append(c)
        elif c["kind"] == "claim" and c.get("suggestion"):
            system["claim"].append(c)
        for m in c.get("entities", []):
            if not m.get("new"):
                mentions[(m["start"], m["end"], m["id"])] = dict(m, file=f)
    system["entity"].extend(mentions[k] for k in sorted(mentions))


def align(golds, systems, good):
    """One-to-one pairs of overlapping spans in the same file, pairs that agree first, then the
    larger overlap."""
    pairs = []
    by_file = {}
    for j, s in enumerate(systems):
        by_file.setdefault(s["file"], []).append(j)
    for i, g in enumerate(golds):
        for j in by_file.get(g["file"], []):
            s = systems[j]
            overlap = min(g["end"], s["end"]) - max(g["start"], s["start"])
            if overlap > 0:
                pairs.append((not good(g, s), -overlap, i, j))
    pairs.sort()
    gold_of, sys_of = {}, {}
    for _, _, i, j in pairs:
        if i not in gold_of and j not in sys_of:
            gold_of[i], sys_of[j] = j, i
    return gold_of, sys_of


def pct(a, b):
    return f"{a / b:6.1%}" if b else "     -"


table = []
errors = {}


def row(name, n_gold, n_sys, correct_p, correct_r):
    p = correct_p / n_sys if n_sys else 0.0
    r = correct_r / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    table.append((name, n_gold, n_sys, correct_r, pct(correct_p, n_sys), pct(correct_r, n_gold),
                  f"{f1:6.1%}"))


def where(x):
    return f"{x['file']}:{x['start']}"


# ---- times
gt = tsv("times.tsv")
st = system["time"]
g_of, s_of = align(gt, st, lambda g, s: g["value"] == s["timex"]["value"])
strict = sum(1 for i, j in g_of.items() if (gt[i]["start"], gt[i]["end"]) == (st[j]["start"], st[j]["end"]))
value_ok = sum(1 for i, j in g_of.items() if gt[i]["value"] == st[j]["timex"]["value"])
type_ok = sum(1 for i, j in g_of.items() if gt[i]["type"] == st[j]["timex"]["type"])
times_matched = len(g_of)
row("times, span (overlap)", len(gt), len(st), len(s_of), len(g_of))
row("times, span (exact)", len(gt), len(st), strict, strict)
row("times, value", len(gt), len(st), value_ok, value_ok)
errors["times"] = (
    [f"missed      {where(g)} {g['text']!r} {g['type']} {g['value']}" for i, g in enumerate(gt) if i not in g_of]
    + [f"wrong value {where(gt[i])} {gt[i]['text']!r} gold {gt[i]['value']}{'' if gt[i]['mod'] == '-' else ' ' + gt[i]['mod']}, "
       f"system {st[j]['text']!r} {st[j]['timex']['value']}{' ' + st[j]['timex']['mod'] if st[j]['timex'].get('mod') else ''} ({st[j]['rule']})"
       for i, j in sorted(g_of.items()) if gt[i]["value"] != st[j]["timex"]["value"]]
    + [f"spurious    {where(s)} {s['text']!r} {s['timex']['type']} {s['timex']['value']} ({s['rule']})"
       for j, s in enumerate(st) if j not in s_of])

# ---- figures
gq = tsv("figures.tsv")
sq = system["quantity"]


def q_ok(g, s):
    q = s["quantity"]
    a, b = float(g["amount"]), q["amount"]
    return (abs(a - b) <= 0.005 * max(abs(a), abs(b), 1e-9) and g["unit"] == (q.get("unit") or "")
            and g["bound"] == q["bound"])


g_of, s_of = align(gq, sq, q_ok)
ok = sum(1 for i, j in g_of.items() if q_ok(gq[i], sq[j]))
row("figures, span (overlap)", len(gq), len(sq), len(s_of), len(g_of))
row("figures, value (amount, unit, bound)", len(gq), len(sq), ok, ok)


def q_str(q):
    return f"{q['amount']:g} {q.get('unit') or '(no unit)'} {q['bound']}"


errors["figures"] = (
    [f"missed      {where(g)} {g['text']!r} {float(g['amount']):g} {g['unit']} {g['bound']}" for i, g in enumerate(gq) if i not in g_of]
    + [f"wrong value {where(gq[i])} {gq[i]['text']!r} gold {float(gq[i]['amount']):g} {gq[i]['unit']} {gq[i]['bound']}, "
       f"system {sq[j]['text']!r} {q_str(sq[j]['quantity'])}"
       for i, j in sorted(g_of.items()) if not q_ok(gq[i], sq[j])]
    + [f"spurious    {where(s)} {s['text']!r} {q_str(s['quantity'])} ({s['rule']})" for j, s in enumerate(sq) if j not in s_of])

# ---- entity links
ge = tsv("entities.tsv")
se = system["entity"]
g_of, s_of = align(ge, se, lambda g, s: g["id"] == s["id"])
ok = sum(1 for i, j in g_of.items() if ge[i]["id"] == se[j]["id"])
row("entity links (overlap, same id)", len(ge), len(se), ok, ok)
errors["entity links"] = (
    [f"missed      {where(g)} {g['text']!r} {g['id']}" for i, g in enumerate(ge) if i not in g_of]
    + [f"wrong id    {where(ge[i])} {ge[i]['text']!r} gold {ge[i]['id']}, system {se[j]['id']}"
       for i, j in sorted(g_of.items()) if ge[i]["id"] != se[j]["id"]]
    + [f"spurious    {where(s)} {s['text']!r} {s['id']}" for j, s in enumerate(se) if j not in s_of])

# ---- key facts
gf = [json.loads(l) for l in open(os.path.join(gold, "facts.jsonl"), encoding="utf-8")]
sc = system["claim"]


def reachable(fact):
    v = fact["value"]
    return (fact["subject"] in known and fact["predicate"] in types
            and (v.get("type") != "entity" or v["entity"] in known))


def found(fact):
    sugg = [c["suggestion"] for c in sc if c["file"] == fact["file"]]
    if any(exact(s, fact) for s in sugg):
        return "exact"
    if any(in_place(s, fact, types) for s in sugg):
        return "in place"
    return None


how = [found(f) for f in gf]
n_exact = how.count("exact")
n_place = how.count("in place")
useful = sum(1 for c in sc if any(f["file"] == c["file"] and (exact(c["suggestion"], f) or in_place(c["suggestion"], f, types)) for f in gf))
row("key facts (exact)", len(gf), len(sc), sum(1 for c in sc if any(f["file"] == c["file"] and exact(c["suggestion"], f) for f in gf)), n_exact)
row("key facts (exact or text in place)", len(gf), len(sc), useful, n_exact + n_place)
reach = [i for i, f in enumerate(gf) if reachable(f)]
reach_found = sum(1 for i in reach if how[i])


def why(f):
    sugg = [c["suggestion"] for c in sc if c["file"] == f["file"]]
    same_pred = [s for s in sugg if s["predicate"] == f["predicate"]]
    same_subj = [s for s in same_pred if s["subject"] == f["subject"]]
    if not reachable(f):
        return "not in vocabulary"
    if not same_pred:
        return "not suggested"
    if not same_subj:
        return "other subject"
    if not any(same_value(s["value"], f["value"]) for s in same_subj):
        return "other value"
    return "other time"


missed = Counter()
fact_errors = []
for f, h in zip(gf, how):
    if h:
        continue
    w = why(f)
    missed[w] += 1
    v = f["value"]
    val = {"entity": v.get("entity"), "quantity": f"{v.get('amount', 0):g} {v.get('unit', '')}",
           "text": repr(v.get("text")), "none": ""}.get(v.get("type"), "")
    fact_errors.append(f"missed ({w}) {where(f)} {f['subject']} {f['predicate']} {val} [{f['when']}]")
for c in sc:
    if not any(f["file"] == c["file"] and (exact(c["suggestion"], f) or in_place(c["suggestion"], f, types)) for f in gf):
        s = c["suggestion"]
        v = s.get("value") or {}
        val = {"entity": v.get("entity"), "quantity": f"{v.get('amount', 0):g} {v.get('unit') or ''}",
               "text": repr(v.get("text")), "none": ""}.get(v.get("type"), "")
        fact_errors.append(f"spurious    {where(c)} {s['subject']} {s['predicate']} {val} [{s.get('when')}] ({c['rule']})")
errors["key facts"] = fact_errors

print(f"real texts: {len(files)} openings of region-news-dev against benches/gold/region-news "
      f"(extract: {float(seconds):.2f} s)")
print(f"{'layer':<37} {'gold':>5} {'system':>6} {'matched':>7} {'precision':>9} {'recall':>7} {'F1':>7}")
for name, n_gold, n_sys, matched, p, r, f1 in table:
    print(f"{name:<37} {n_gold:>5} {n_sys:>6} {matched:>7} {p:>9} {r:>7} {f1:>7}")
print(f"key facts the vocabulary can express (subject, predicate, entity value known): "
      f"{reach_found} of {len(reach)} proposed ({pct(reach_found, len(reach)).strip()})")
print("key facts missed, by cause: " + ", ".join(f"{k} {missed[k]}" for k in
      ["not in vocabulary", "not suggested", "other subject", "other value", "other time"]))
print(f"times: TIMEX3 type right for {type_ok} of the {times_matched} matched")

# ---- events and calibrated scores
EVENT_TYPES = {
    "exercise": {"exercise_held", "forces_involved", "forces_contributed"},
    "agreement": {"signed", "ratified", "in_effect", "concluded", "submitted_for_ratification"},
    "membership": {"joined", "left", "membership_suspended", "membership_restored"},
    "base": {"evicted", "handed_over", "leases", "military_presence_at"},
    "transfer": {"military_aid", "arms_supply", "arms_order"},
}


def new_subject(s, fact):
    """An event whose subject is no entity yet, in the gold and in the suggestion (the analyst
    names it on review, `--adopt`): predicate, value and time equal, and the participants the
    suggestion names are the fact's."""
    if s["subject"] in known or fact["subject"] in known:
        return False
    if s["predicate"] != fact["predicate"] or s.get("when") != fact["when"]:
        return False
    if not same_value(s["value"], fact["value"]):
        return False
    fq = fact["qualifiers"] if isinstance(fact["qualifiers"], dict) else {}
    for key in ("participant", "party"):
        if key in s["qualifiers"] and not set(s["qualifiers"][key]) <= set(fq.get(key, [])):
            return False
    return True


def right(c, f):
    s = c["suggestion"]
    return f["file"] == c["file"] and (exact(s, f) or in_place(s, f, types) or new_subject(s, f))


def kind_of(pred):
    return next((k for k, v in EVENT_TYPES.items() if pred in v), "other")


rights = [any(right(c, f) for f in gf) for c in sc]
high = [i for i, c in enumerate(sc) if c["score"] >= 0.6]
print()
print("claim candidates by score (right = matches a key fact as proposed; an event whose subject is")
print("no entity yet matches on predicate, value, time and participants: the analyst names it)")
for lo, hi in [(0.8, 1.01), (0.6, 0.8), (0.4, 0.6), (0.0, 0.4)]:
    idx = [i for i, c in enumerate(sc) if lo <= c["score"] < hi]
    ok = sum(rights[i] for i in idx)
    print(f"  score {lo:.1f}-{min(hi, 1.0):.1f}: {len(idx):>4} candidates, {ok:>4} right ({pct(ok, len(idx)).strip()})")
reached_all = [any(right(c, f) for c in sc) for f in gf]
reached_high = [any(right(sc[i], f) for i in high) for f in gf]
print(f"key facts reached by any candidate: {sum(reached_all)} of {len(gf)} ({pct(sum(reached_all), len(gf)).strip()}); "
      f"by candidates scored >= 0.6: {sum(reached_high)} ({pct(sum(reached_high), len(gf)).strip()})")
print()
print(f"{'event type':<12} {'facts':>5} {'reached':>7} {'>=0.6':>6} {'share':>7} {'cands>=0.6':>10} {'right':>5} {'precision':>9}")
for kind in list(EVENT_TYPES) + ["other"]:
    fi = [i for i, f in enumerate(gf) if kind_of(f["predicate"]) == kind]
    ci = [i for i in high if kind_of(sc[i]["suggestion"]["predicate"]) == kind]
    ok = sum(rights[i] for i in ci)
    r_all = sum(reached_all[i] for i in fi)
    r_high = sum(reached_high[i] for i in fi)
    print(f"{kind:<12} {len(fi):>5} {r_all:>7} {r_high:>6} {pct(r_high, len(fi)):>7} {len(ci):>10} {ok:>5} {pct(ok, len(ci)):>9}")

# ---- never the opposite (issue 22): every claim candidate against the hand judgements of
# benches/gold/region-news/opposites.tsv (ok, wrong, opposite), keyed by file, start, subject,
# predicate, value, qualifiers and time. A candidate not in the list is new: judge it and add it.
def opposite_key(c):
    s = c["suggestion"]
    v = s.get("value") or {}
    val = {"entity": lambda: v["entity"], "quantity": lambda: f"{v['amount']:g} {v.get('unit') or ''}".strip(),
           "text": lambda: v["text"]}.get(v.get("type"), lambda: "")()
    return (c["file"], str(c["start"]), s["subject"], s["predicate"],
            val.replace("\t", " ").replace("\n", " "),
            json.dumps(s.get("qualifiers") or {}, sort_keys=True, ensure_ascii=False), s.get("when") or "")


judged = {}
with open(os.path.join(gold, "opposites.tsv"), encoding="utf-8") as fh:
    for r in csv.DictReader((l for l in fh if not l.startswith("#")), delimiter="\t",
                            quoting=csv.QUOTE_NONE):
        judged[(r["file"], r["start"], r["subject"], r["predicate"], r["value"], r["qualifiers"],
                r["when"])] = (r["judgement"], r["reason"])
now = {opposite_key(c): c for c in sc}
opp = [k for k in now if judged.get(k, ("",))[0] == "opposite"]
unjudged = [k for k in now if k not in judged]
gone = [k for k, j in judged.items() if j[0] == "opposite" and k not in now]
print()
print(f"opposites: {len(opp)} of {len(now)} claim candidates (judged by hand in opposites.tsv; "
      f"{len(unjudged)} not judged yet; {len(gone)} judged opposites no longer proposed as judged: dropped or mended)")
if verbose or unjudged:
    for k in opp:
        print(f"  opposite    {k[0]}:{k[1]} {k[2]} {k[3]} {k[4]} {k[5]} [{k[6]}]: {judged[k][1]}")
    for k in unjudged:
        print(f"  not judged  {k[0]}:{k[1]} {k[2]} {k[3]} {k[4]} {k[5]} [{k[6]}] ({now[k]['rule']}) {now[k]['text']!r}")
if os.environ.get("CALIBRATE"):
    import math
    per_rule = {}
    for c, ok in zip(sc, rights):
        n = per_rule.setdefault((c["rule"], c["suggestion"]["predicate"]), [0, 0])
        n[0] += ok
        n[1] += 1
    print()
    print("right and proposed per rule and predicate (the table of src/extract/suggest/calibration.rs):")
    for (rule, pred), (ok, n) in sorted(per_rule.items()):
        print(f'    ("{rule}", "{pred}", {ok}, {n}),')

    # The calibration of calibration.rs (its reading's own 0.05 aside), from a table counted
    # on some of the texts: leave each text out in turn, score its candidates by the others.
    def wilson(k, n):
        p = k / n
        return (p + 1 / (2 * n) - math.sqrt(p * (1 - p) / n + 1 / (4 * n * n))) / (1 + 1 / n)

    def calibrated(rule, pred, table):
        def pooled(prefix, predicate):
            k = n = 0
            for (r, p), (a, b) in table.items():
                if predicate is not None and p != predicate:
                    continue
                if r == prefix or (prefix != rule and r.startswith(prefix + ".")):
                    k, n = k + a, n + b
            return k, n
        cue = rule.startswith("claim.")
        if cue:
            k, n = pooled(rule, pred)
            if n >= 3:
                return wilson(k, n)
        prefix = rule
        while "." in prefix:
            if cue:
                preds = {p for (r, p) in table
                         if r == prefix or (prefix != rule and r.startswith(prefix + "."))}
                rare = [pooled(prefix, p) for p in preds if pooled(prefix, p)[1] < 3]
                k, n = sum(x[0] for x in rare), sum(x[1] for x in rare)
            else:
                k, n = pooled(prefix, None)
            if n >= 3:
                return wilson(k, n)
            prefix = prefix.rsplit(".", 1)[0]
        return 0.55

    def table_without(left_out):
        t = {}
        for c, ok in zip(sc, rights):
            if c["file"] != left_out:
                n = t.setdefault((c["rule"], c["suggestion"]["predicate"]), [0, 0])
                n[0] += ok
                n[1] += 1
        return t

    # Every key fact by kind and by why it is missed.
    KINDS = {"member_of": "state: membership", "observer_of": "state: membership",
             "holds_office": "state: office or rank", "military_rank": "state: office or rank",
             "visited": "event: visit", "launched": "event: launched, occurred, issued",
             "occurred": "event: launched, occurred, issued", "issued": "event: launched, occurred, issued",
             "dissolved": "event: launched, occurred, issued", "provides": "text: provides",
             "policy": "text: policy, cooperation, status", "cooperation": "text: policy, cooperation, status",
             "status": "text: policy, cooperation, status", "used_for": "text: policy, cooperation, status"}

    def fact_kind(f):
        k = kind_of(f["predicate"])
        if k != "other":
            return "event: " + k
        if f["predicate"] in KINDS:
            return KINDS[f["predicate"]]
        return "figure" if f["value"].get("type") == "quantity" else "state: other"

    def cause(f):
        mine = [c for c in sc if c["file"] == f["file"]]
        hits = [c for c in mine if right(c, f)]
        if hits:
            return ">=0.6" if max(c["score"] for c in hits) >= 0.6 else "<0.6"
        if f["predicate"] not in types:
            return "no predicate"
        same = [c for c in mine if c["suggestion"]["predicate"] == f["predicate"]]
        if not same:
            return "none"
        subj = [c for c in same if c["suggestion"]["subject"] == f["subject"]
                or (f["subject"] not in known and c["suggestion"]["subject"] not in known)]
        if not subj:
            return "subject"
        val = [c for c in subj if types.get(f["predicate"]) == "text"
               or same_value(c["suggestion"]["value"], f["value"])]
        if not val:
            return "value"
        if not any(c["suggestion"].get("when") == f["when"] for c in val):
            return "time"
        return "participants"

    causes = [">=0.6", "<0.6", "none", "subject", "value", "time", "participants", "no predicate"]
    by = {}
    for f in gf:
        by.setdefault(fact_kind(f), Counter())[cause(f)] += 1
    print()
    print("key facts by kind: reached by a candidate >= 0.6, only below it, or missed because no")
    print("candidate of the predicate, a candidate with another subject, value, time or participants,")
    print("or a predicate the vocabulary lacks:")
    print(f"  {'kind':<36} {'facts':>5} " + " ".join(f"{c:>8}" for c in causes))
    for k in sorted(by):
        print(f"  {k:<36} {sum(by[k].values()):>5} " + " ".join(f"{by[k][c]:>8}" for c in causes))
    print()
    for name, tables in [("all texts", {f: table_without(None) for f in files}),
                         ("leave one text out", {f: table_without(f) for f in files})]:
        kept = [i for i, c in enumerate(sc)
                if calibrated(c["rule"], c["suggestion"]["predicate"], tables[c["file"]]) >= 0.6]
        ok = sum(rights[i] for i in kept)
        facts = sum(1 for f in gf if any(right(sc[i], f) for i in kept))
        print(f"calibrated on {name}: {len(kept)} candidates >= 0.6, {ok} right "
              f"({pct(ok, len(kept)).strip()}), {facts} key facts reached")
if verbose:
    print()
    print("event candidates:")
    for c, ok in zip(sc, rights):
        if c["rule"].startswith("event."):
            s = c["suggestion"]
            print(f"  {'right' if ok else 'WRONG'} {c['score']:.2f} {where(c)} {s['subject']} {s['predicate']} "
                  f"{json.dumps(s['value'])} {json.dumps(s['qualifiers'])} [{s.get('when')}] ({c['rule']}) {c['text']!r}")
if verbose:
    for layer, lines in errors.items():
        print()
        print(f"{layer}: {len(lines)} errors")
        for l in lines:
            print("  " + l)
PY
