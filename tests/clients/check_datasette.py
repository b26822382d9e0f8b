"""Datasette, the SQLite explorer analysts use, opens factline's database with the metadata
file that `factline export --format datasette` writes: every current claim is served, the
descriptions show, and the canned query runs.

    check_datasette.py DATASETTE FACTLINE_DB METADATA_JSON TIMELINE_JSON
"""
import json
import subprocess
import sys


def get(datasette, db, metadata, path):
    out = subprocess.run(
        [datasette, db, "-m", metadata, "--get", path],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return json.loads(out.stdout)


def main():
    datasette, db, metadata, timeline = sys.argv[1:5]
    entries = json.load(open(timeline, encoding="utf-8"))["entries"]
    problems = []
    claims = get(datasette, db, metadata, "/factline/current_claim.json?_shape=array&_size=max")
    if len(claims) != len(entries):
        problems.append(f"{len(claims)} current claims served, {len(entries)} in the timeline")
    served = sorted(c["id"] for c in claims)
    if served != sorted(e["claim"] for e in entries):
        problems.append("the claim ids served differ from the timeline's")
    meta = get(datasette, db, metadata, "/-/metadata.json")
    tables = meta.get("databases", {}).get("factline", {}).get("tables", {})
    if "current_claim" not in tables or not tables["current_claim"].get("description"):
        problems.append("the metadata has no description for current_claim")
    population = get(datasette, db, metadata, "/factline/population.json?_shape=array")
    if not population or any(not row.get("quote") for row in population):
        problems.append("the canned population query returned no cited rows")
    if problems:
        for p in problems:
            print(f"FAIL datasette: {p}")
        return 1
    print(
        f"PASS datasette: {len(claims)} current claims served, {len(tables)} tables and views "
        f"described, canned query gave {len(population)} cited population figures"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
