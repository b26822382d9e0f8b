#!/usr/bin/env python3
"""The code lists the ATOP mapping reads, made from the ATOP member-level file.

Writes data/mappings/codes/atop-alliances.toml: each alliance's readable name, made from its
members, kind and year ("Russia–Kazakhstan defence pact, 1992"), as the ATOP codebook with
treaty names is not bundled. Members are the states of every phase; the six states of the
bundle come first (Russia, then the Central Asian states), the others by COW code; the kind is
the strongest obligation of the first phase (defence, offence, neutrality, non-aggression,
consultation); the year is the earliest entry. A name two alliances would share gets the ATOP
number. Entity names come from data/entities.toml where the member is known there, else from
data/mappings/codes/cow-names.toml (the Correlates of War state list).

    python3 benches/atop-alliances.py [data/datasets/atop5_1m.csv]
"""
import csv
import re
import sys
import tomllib
from collections import defaultdict

SIX = [365, 701, 702, 703, 704, 705]
KINDS = [("defense", "defence pact"), ("offense", "offensive alliance"),
         ("neutral", "neutrality pact"), ("nonagg", "non-aggression pact"),
         ("consul", "consultation pact")]


def main():
    extract = sys.argv[1] if len(sys.argv) > 1 else "data/datasets/atop5_1m.csv"
    with open("data/mappings/codes/cow-states.toml", "rb") as f:
        ids = tomllib.load(f)["codes"]
    with open("data/mappings/codes/cow-names.toml", "rb") as f:
        cow_names = tomllib.load(f)["codes"]
    with open("data/entities.toml", "rb") as f:
        curated = {e["id"]: e["name"] for e in tomllib.load(f).get("entity", [])}

    def name(code):
        return curated.get(ids[str(code)], cow_names[str(code)])

    alliances = defaultdict(list)
    with open(extract, newline="") as f:
        for row in csv.DictReader(f):
            alliances[int(row["atopid"])].append(row)
    names = {}
    for atopid, rows in sorted(alliances.items()):
        if not any(int(r["member"]) in SIX for r in rows):
            continue
        members = sorted({int(r["member"]) for r in rows},
                         key=lambda m: (m not in SIX, SIX.index(m) if m in SIX else m))
        first = min(int(r["phase"]) for r in rows)
        terms = [r for r in rows if int(r["phase"]) == first]
        kind = next((k for col, k in KINDS if any(r[col] == "1" for r in terms)), "alliance")
        year = min(int(r["yrent"]) for r in rows)
        who = [name(m) for m in members]
        kind_of = f"{kind[0].upper()}{kind[1:]} of"
        if len(who) <= 3:
            names[atopid] = f"{'–'.join(who)} {kind}, {year}"
        elif len(who) == 4:
            names[atopid] = f"{kind_of} {', '.join(who[:3])} and {who[3]}, {year}"
        else:
            names[atopid] = f"{kind_of} {', '.join(who[:3])} and {len(who) - 3} others, {year}"
    seen = defaultdict(list)
    for atopid, n in names.items():
        seen[n].append(atopid)
    with open("data/mappings/codes/atop-alliances.toml", "w") as out:
        out.write("# ATOP alliance numbers → readable names, made by benches/atop-alliances.py from the\n"
                  "# extract: members (the six states first, then by COW code), kind (the strongest\n"
                  "# obligation of the first phase) and the year of the first entry.\n"
                  'description = "ATOP alliances by number"\n\n[codes]\n')
        for atopid, n in names.items():
            if len(seen[n]) > 1:
                n = f"{n} (ATOP {atopid})"
            out.write(f'{atopid} = "{n}"\n')


if __name__ == "__main__":
    main()
