#!/usr/bin/env python3
"""factline's JSON Lines and CSV timelines read as they are by DuckDB, for analyses that
outgrow SQLite.

    python3 tests/clients/check_duckdb.py corpus.jsonl corpus.csv COUNT

COUNT is how many current claims the database holds (from `factline sql`). Needs the duckdb
package (tests/clients/.venv). Prints PASS/FAIL lines; exits 1 on failure.
"""

import sys

import duckdb


def main(jsonl_path, csv_path, count):
    problems = []
    con = duckdb.connect()
    lines = con.execute(
        "SELECT count(*), count(DISTINCT claim) FROM read_json_auto(?, format='newline_delimited')",
        [jsonl_path],
    ).fetchone()
    if lines != (count, count):
        problems.append(f"jsonl: {lines[0]} rows, {lines[1]} distinct claims; the database holds {count}")
    kinds = dict(
        con.execute(
            "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_json_auto(?, format='newline_delimited'))",
            [jsonl_path],
        ).fetchall()
    )
    for column, wanted in [("claim", "VARCHAR"), ("earliest", "DATE"), ("latest", "DATE")]:
        if kinds.get(column) != wanted:
            problems.append(f"jsonl: column {column} read as {kinds.get(column)}, not {wanted}")
    rows = con.execute("SELECT count(*) FROM read_csv_auto(?)", [csv_path]).fetchone()[0]
    if rows != count:
        problems.append(f"csv: {rows} rows; the database holds {count}")
    header = [r[0] for r in con.execute("DESCRIBE SELECT * FROM read_csv_auto(?)", [csv_path]).fetchall()]
    if not header or header[0] != "claim":
        problems.append(f"csv: the first column is {header[:1]}, not claim (a byte-order mark read as text?)")
    # The same claims, in the same order, through both formats.
    differ = con.execute(
        """SELECT count(*) FROM (
             SELECT claim, row_number() OVER () AS n FROM read_json_auto(?, format='newline_delimited')) j
           FULL JOIN (SELECT claim, row_number() OVER () AS n FROM read_csv_auto(?)) c USING (n)
           WHERE j.claim IS DISTINCT FROM c.claim""",
        [jsonl_path, csv_path],
    ).fetchone()[0]
    if differ:
        problems.append(f"{differ} rows differ in claim id between the jsonl and the csv")
    # A question an analyst asks of a decade of claims: claims per year.
    years = con.execute(
        "SELECT count(DISTINCT year(earliest)) FROM read_json_auto(?, format='newline_delimited') WHERE earliest IS NOT NULL",
        [jsonl_path],
    ).fetchone()[0]
    if years < 2:
        problems.append(f"only {years} distinct years of earliest dates")
    name = f"duckdb: {count} generated claims as jsonl and csv"
    if problems:
        for p in problems:
            print(f"FAIL {name}: {p}")
        return 1
    print(f"PASS {name} (same ids in both, {years} years)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
