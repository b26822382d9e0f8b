#!/usr/bin/env python3
"""What the temporal tagger misses, grouped: reads the differences `factline eval-timeml GOLD
SYSTEM --errors` lists (a file, or standard input) and counts the gold expressions found by no
system expression, and those found with another value, by TIMEX3 type and by surface pattern
(lower case, digits as 9, month and weekday names, number words and ordinals as words of a
class), most frequent first, so that a rule can be written for a pattern rather than a
document. Reads no corpus text: only the expressions the listing quotes.

    factline eval-timeml GOLD SYSTEM --errors > errors.txt
    python3 benches/timeml_misses.py errors.txt [--top N] [--values]

`ERRORS=1 benches/extract.sh` writes target/extract-errors.txt and prints this summary.
"""

import re
import sys
from collections import Counter

MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
NUMBERS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand dozen"
).split()
ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "last final"
).split()
UNITS = (
    "year years month months week weeks day days hour hours minute minutes decade decades "
    "century centuries quarter quarters weekend weekends"
).split()

GOLD = re.compile(r'gold "(?P<text>.*)" (?P<type>[A-Z]+) (?P<value>\S+)$')


def pattern(text):
    """The surface pattern of an expression: each word by its class, else as written."""
    words = []
    for w in re.findall(r"[A-Za-z]+(?:'s)?|[0-9]+|[^\sA-Za-z0-9]", text.lower()):
        bare = w.rstrip(".")
        if bare in MONTHS:
            words.append("MONTH")
        elif bare in WEEKDAYS:
            words.append("WEEKDAY")
        elif bare in NUMBERS:
            words.append("NUM")
        elif bare in ORDINALS:
            words.append("ORD")
        elif bare in UNITS:
            words.append("UNIT")
        elif w.isdigit():
            words.append("9" * len(w))
        else:
            words.append(w)
    return " ".join(words)


def main(argv):
    top = 25
    values = "--values" in argv
    args = [a for a in argv if a != "--values"]
    if "--top" in args:
        i = args.index("--top")
        top = int(args[i + 1])
        del args[i : i + 2]
    lines = open(args[0], encoding="utf-8") if args else sys.stdin
    missed, wrong = [], []
    for line in lines:
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 4:
            continue
        what, gold = parts[1], parts[2]
        m = GOLD.match(gold)
        if not m:
            continue
        if what == "missed":
            missed.append(m)
        elif what == "value":
            wrong.append(m)
    groups = [("missed", missed)] + ([("found with another value", wrong)] if values else [])
    for title, found in groups:
        print(f"{len(found)} gold expressions {title}")
        by_type = Counter(m["type"] for m in found)
        print("  by type: " + ", ".join(f"{t} {n}" for t, n in by_type.most_common()))
        by_pattern = Counter((m["type"], pattern(m["text"])) for m in found)
        print(f"  by surface pattern (top {top}):")
        for (kind, pat), n in by_pattern.most_common(top):
            examples = sorted({m["text"] for m in found if m["type"] == kind and pattern(m["text"]) == pat})
            print(f"    {n:4}  {kind:<9} {pat:<32} e.g. {', '.join(repr(e) for e in examples[:3])}")
        print()


if __name__ == "__main__":
    main(sys.argv[1:])
