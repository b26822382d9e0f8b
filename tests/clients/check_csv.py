#!/usr/bin/env python3
"""factline's `--format csv` read by Python's csv module (and pandas, when it is importable).

    python3 tests/clients/check_csv.py timeline.csv timeline.json

Standard library only. Prints one PASS/FAIL line; exits 1 on failure.
"""

import csv
import json
import re
import sys

NAME = "csv: timeline.csv in Python's csv module"
REQUIRED = ["claim", "time_edtf", "time_words", "earliest", "latest", "precision", "label",
            "entities", "value", "unit", "sources", "quotes"]
ISO_DAY = re.compile(r"^-?\d{4,}-\d{2}-\d{2}$")


def main(csv_path, json_path):
    problems, notes = [], []
    with open(json_path, encoding="utf-8") as f:
        entries = json.load(f)["entries"]
    want = [e["claim"] for e in entries]

    with open(csv_path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        try:
            header = next(reader)
        except StopIteration:
            header = []
        rows = list(reader)

    missing = [c for c in REQUIRED if c not in header]
    if missing:
        problems.append(f"header lacks column(s) {missing}; header is {header}")
    if len(set(header)) != len(header):
        problems.append(f"header repeats a column: {header}")
    ragged = [i + 2 for i, r in enumerate(rows) if len(r) != len(header)]
    if ragged:
        problems.append(f"{len(ragged)} row(s) without {len(header)} fields, first on line {ragged[0]}")
    if len(rows) != len(entries):
        problems.append(f"{len(rows)} rows for {len(entries)} JSON entries")

    if not missing and not ragged:
        col = {name: i for i, name in enumerate(header)}
        got = [r[col["claim"]] for r in rows]
        if got != want:
            first = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
            problems.append(f"claim column differs from the JSON order at row {first + 1}: "
                            f"{got[first:first + 1]} vs {want[first:first + 1]}")
        if "when" in header:
            problems.append("header has a column named `when`, an SQL keyword: the time is "
                            "`time_edtf` and `time_words`")
        by_claim = {e["claim"]: e for e in entries}
        for i, r in enumerate(rows):
            e = by_claim.get(r[col["claim"]])
            if e is not None:
                for c, key in (("time_edtf", "when"), ("time_words", "when_text")):
                    if r[col[c]] != e[key]:
                        problems.append(f"row {i + 1} ({e['claim']}): {c} {r[col[c]]!r} but the "
                                        f"JSON's {key} is {e[key]!r}")
            for c in ("earliest", "latest"):
                v = r[col[c]]
                if v and not ISO_DAY.match(v):
                    problems.append(f"row {i + 1} ({r[col['claim']]}): {c} {v!r} is neither empty nor YYYY-MM-DD")

    try:
        import pandas  # noqa: F401  (optional: never installed by this harness)
    except ImportError:
        notes.append("pandas not importable: pandas.read_csv part skipped")
    else:
        frame = pandas.read_csv(csv_path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
        if list(frame.columns) != header:
            problems.append(f"pandas reads columns {list(frame.columns)}, csv reads {header}")
        if frame.shape != (len(rows), len(header)):
            problems.append(f"pandas reads shape {frame.shape}, csv reads {(len(rows), len(header))}")
        elif "claim" in frame.columns and list(frame["claim"]) != want:
            problems.append("pandas reads a different claim column")
        notes.append(f"pandas {pandas.__version__} reads shape {frame.shape}")

    for n in notes:
        print(f"    note: {n}")
    if problems:
        print(f"FAIL {NAME}: {len(problems)} problem(s)")
        for p in problems[:20]:
            print(f"    - {p}")
        if len(problems) > 20:
            print(f"    ... and {len(problems) - 20} more")
        return 1
    print(f"PASS {NAME}: {len(rows)} rows x {len(header)} columns, claims in JSON order")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: check_csv.py timeline.csv timeline.json")
    try:
        sys.exit(main(sys.argv[1], sys.argv[2]))
    except Exception as e:  # a crash is a failure with a clear line, not a traceback only
        print(f"FAIL {NAME}: {type(e).__name__}: {e}")
        sys.exit(1)
