#!/usr/bin/env python3
"""Checks the gold annotations of benches/gold/region-news against the texts they point at.

Every row's byte offsets must cut exactly its `text` out of the file (UTF-8, end exclusive; a line
break inside a span is written as a space), and
every field must be well formed: TIMEX3 types, bounds, known entity ids (data/entities.toml),
predicates from data/predicates.toml or predicates.tsv. Prints the counts per layer; exits 1 on
any problem, listing each with its file and line.

    python3 benches/gold/check.py [CORPUS]   # default ../shared/corpora/region-news-dev
"""
import csv, json, os, re, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GOLD = os.path.join(ROOT, "benches", "gold", "region-news")
TYPES = {"DATE", "TIME", "DURATION", "SET"}
MODS = {"-", "START", "MID", "END", "APPROX", "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS",
        "EQUAL_OR_MORE", "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER"}
BOUNDS = {"exact", "about", "nearly", "more_than", "at_least", "at_most"}
VALUE = re.compile(r"^(PRESENT_REF|PAST_REF|FUTURE_REF|\d{2,4}(-(\d\d|W\d\d|Q\d|H\d|SP|SU|FA|WI)"
                   r"(-\d\d)?)?(T(\d\d:\d\d|MO|AF|EV|NI))?|P(\d+|X)[YMWDH]|PT(\d+|X)[HMS]|XXXX-\d\d(-\d\d)?)$")


def ids_in(path, key="id"):
    out = set()
    for line in open(path, encoding="utf-8"):
        m = re.match(r'^%s = "([^"]+)"' % key, line)
        if m:
            out.add(m.group(1))
    return out


def rows(name):
    with open(os.path.join(GOLD, name), encoding="utf-8") as fh:
        lines = [l for l in fh if not l.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "corpora",
                                                                "region-news-dev")
    problems = []
    texts = {}

    def span(where, f, start, end, text):
        path = os.path.join(corpus, f)
        if f not in texts:
            if not os.path.isfile(path):
                problems.append(f"{where}: no file {path}")
                texts[f] = None
            else:
                texts[f] = open(path, "rb").read()
        data = texts[f]
        if data is None:
            return
        try:
            s, e = int(start), int(end)
        except ValueError:
            problems.append(f"{where}: offsets {start!r} {end!r} are not integers")
            return
        if not (0 <= s < e <= len(data)):
            problems.append(f"{where}: offsets {s}-{e} outside {f} ({len(data)} bytes)")
            return
        try:
            got = data[s:e].decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"{where}: {s}-{e} cuts a UTF-8 character in {f}")
            return
        # A span over a line break (a caption wrapped onto two lines) writes the break as a
        # space: no TSV cell holds a newline.
        if got != text and got.replace("\n", " ") != text:
            problems.append(f"{where}: {f}:{s}-{e} is {got!r}, not {text!r}")

    entities = ids_in(os.path.join(ROOT, "data", "entities.toml"))
    predicates = ids_in(os.path.join(ROOT, "data", "predicates.toml"))
    predicates |= {r["id"] for r in rows("predicates.tsv")}
    counts = {}
    seen = set()

    for n, r in enumerate(rows("times.tsv"), 4):
        where = f"times.tsv:{n}"
        span(where, r["file"], r["start"], r["end"], r["text"])
        if r["type"] not in TYPES:
            problems.append(f"{where}: type {r['type']!r}")
        if not VALUE.match(r["value"]):
            problems.append(f"{where}: value {r['value']!r} is not a TIMEX3 value")
        if r["mod"] not in MODS:
            problems.append(f"{where}: mod {r['mod']!r}")
        key = ("t", r["file"], r["start"], r["end"])
        if key in seen:
            problems.append(f"{where}: the span is annotated twice")
        seen.add(key)
    counts["times"] = n - 3

    for n, r in enumerate(rows("figures.tsv"), 4):
        where = f"figures.tsv:{n}"
        span(where, r["file"], r["start"], r["end"], r["text"])
        try:
            float(r["amount"])
        except ValueError:
            problems.append(f"{where}: amount {r['amount']!r}")
        if not r["unit"] or r["unit"] == "-":
            problems.append(f"{where}: no unit")
        if r["bound"] not in BOUNDS:
            problems.append(f"{where}: bound {r['bound']!r}")
    counts["figures"] = n - 3

    for n, r in enumerate(rows("entities.tsv"), 4):
        where = f"entities.tsv:{n}"
        span(where, r["file"], r["start"], r["end"], r["text"])
        if r["id"] not in entities:
            problems.append(f"{where}: {r['id']!r} is not in data/entities.toml")
    counts["entity links"] = n - 3

    n = 0
    for n, line in enumerate(open(os.path.join(GOLD, "facts.jsonl"), encoding="utf-8"), 1):
        where = f"facts.jsonl:{n}"
        r = json.loads(line)
        span(where, r["file"], r["start"], r["end"], r["text"])
        if len(r["text"].split()) > 12:
            problems.append(f"{where}: the quote is longer than a few words")
        if r["predicate"] not in predicates:
            problems.append(f"{where}: predicate {r['predicate']!r} is in neither "
                            "data/predicates.toml nor predicates.tsv")
        v = r["value"]
        if v.get("type") not in {"none", "entity", "quantity", "text"}:
            problems.append(f"{where}: value type {v.get('type')!r}")
        if v.get("type") == "quantity" and v.get("bound") not in BOUNDS:
            problems.append(f"{where}: bound {v.get('bound')!r}")
    counts["key facts"] = n

    for p in problems:
        print(p, file=sys.stderr)
    print("gold: " + ", ".join(f"{v} {k}" for k, v in counts.items())
          + (f"; {len(problems)} problems" if problems else "; offsets and fields check out"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
