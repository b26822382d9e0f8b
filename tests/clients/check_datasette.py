"""Datasette, the SQLite explorer analysts use, serves the directory that
`factline export --format datasette --out DIR` writes (a copy of the database and its
metadata). Through Datasette's JSON API this checks that every current claim is served, every
table, view and column is described, the bookkeeping tables are hidden, the canned queries
answer the common questions with the bundled data's values (checked against the timeline JSON
and known figures), and full-text search on the claim_search view finds claims by their ids and
labels.

    check_datasette.py DATASETTE FACTLINE_DB METADATA_JSON TIMELINE_JSON
"""
import json
import shutil
import subprocess
import sys
import urllib.parse


def get(datasette, db, metadata, path, **params):
    if params:
        path += ("&" if "?" in path else "?") + urllib.parse.urlencode(params)
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

    def query(path, **params):
        return get(datasette, db, metadata, path, **params)

    def every_row(path):
        """All rows of a table or view, page after page (a page holds at most Datasette's
        max_returned_rows, 1000 by default)."""
        rows, after = [], None
        while True:
            params = {"_shape": "objects", "_size": "max"}
            if after:
                params["_next"] = after
            page = query(path, **params)
            rows.extend(page["rows"])
            after = page.get("next")
            if not after:
                return rows

    # Every current claim is served.
    claims = every_row("/factline/current_claim.json")
    if sorted(c["id"] for c in claims) != sorted(e["claim"] for e in entries):
        problems.append(f"{len(claims)} current claims served, {len(entries)} in the timeline")

    # Every table, view and column has its description; bookkeeping tables are hidden.
    meta = query("/-/metadata.json")
    tables = meta.get("databases", {}).get("factline", {}).get("tables", {})
    for key in ("title", "description", "license", "source"):
        if not meta.get(key):
            problems.append(f"the metadata has no {key}")
    columns = query(
        "/factline.json?_shape=array",
        sql="SELECT m.name AS tbl, p.name AS col FROM sqlite_master m, pragma_table_info(m.name) p "
        "WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite%' "
        "AND m.name NOT LIKE 'refinery%' AND m.name NOT LIKE 'claim_text_%'",
    )
    undescribed = [
        f"{c['tbl']}.{c['col']}"
        for c in columns
        if not tables.get(c["tbl"], {}).get("description")
        or not tables.get(c["tbl"], {}).get("columns", {}).get(c["col"])
    ]
    if undescribed or not columns:
        problems.append(f"no description for {', '.join(undescribed[:8]) or 'any column'}")
    listing = query("/factline.json")
    shown = {t["name"] for t in listing["tables"] if not t["hidden"]}
    for internal in ("refinery_schema_history", "claim_text_data", "claim_text_idx"):
        if internal in shown:
            problems.append(f"{internal} is not hidden")
    if not {"claim_overview", "claim_evidence", "claim_search"} <= set(v["name"] for v in listing["views"]):
        problems.append("the analysts' views are not listed")

    # The population question: Kazakhstan's figures from documents, with their sources' grades.
    population = query("/factline/population.json?_shape=array&_size=max", country="Kazakhstan")
    documents = [
        (r["source_title"], r["grade"], r["value"], r["time"])
        for r in population
        if not r["source_title"].startswith("Population, total")
    ]
    expected = [
        ("Kazakhstan's Strategic and Military Relations with Russia", "C3", "16.3 million persons", "c. 2011"),
        ("Russia's military and security relations with Central Asia (report excerpt)", "F3",
         "17.6 million persons", "2013 or later"),
        ("Uzbekistan, Kazakhstan step up military co-operation", "C3", "about 16 million persons", "c. 2017"),
    ]
    if documents != expected:
        problems.append(f"population: the documents' figures are {documents}")
    # The same question in the sqlite3 shell, on the same file, gives the same rows.
    shell = shutil.which("sqlite3")
    if shell:
        out = subprocess.run(
            [shell, "-json", db, "SELECT source_title, grade, value, time FROM claim_evidence "
             "WHERE subject = 'Kazakhstan' AND predicate_id = 'population' "
             "AND source_kind <> 'dataset' ORDER BY earliest"],
            check=True, capture_output=True, text=True, timeout=60,
        )
        rows = [tuple(r.values()) for r in json.loads(out.stdout or "[]")]
        if rows != expected:
            problems.append(f"sqlite3 shell: the population question gave {rows}")
    else:
        print("    note: no sqlite3 shell: the population question was not asked through it")
    series = [e for e in entries if e["subject"] == "kazakhstan" and e["predicate"] == "population"]
    if len(population) != sum(len(e["citations"]) for e in series) or any(not r["quote"] for r in population):
        problems.append(f"population: {len(population)} rows, {len(series)} claims in the timeline")

    # An entity in summary, counted against the timeline.
    summary = query("/factline/entity.json?_shape=array", entity="kazakhstan")
    about = sum(1 for e in entries if e["subject"] == "kazakhstan")
    if len(summary) != 1 or summary[0]["name"] != "Kazakhstan" or summary[0]["claims_about"] != about:
        problems.append(f"entity: {summary} (the timeline has {about} claims about Kazakhstan)")

    # Sources by claims, and the claims of one source, against the timeline's citations.
    cited = {}
    for e in entries:
        for source in {c["source"] for c in e["citations"]}:
            cited.setdefault(source, set()).add(e["claim"])
    sources = query("/factline/sources.json?_shape=array&_size=max")
    if {s["source_id"]: s["claims"] for s in sources} != {s: len(c) for s, c in cited.items()}:
        problems.append("sources: the claim counts differ from the timeline's citations")
    by_source = query("/factline/claims_by_source.json?_shape=array&_size=max", source="rousseau-2011")
    if {r["claim_id"] for r in by_source} != cited.get("rousseau-2011", set()) or not by_source:
        problems.append("claims_by_source: the claims of rousseau-2011 differ from the timeline's")

    # Decisions on conflicts: the bundled data records none; the query runs with its columns.
    decisions = query("/factline/decisions.json")
    if decisions.get("rows") != [] or "preferred_label" not in decisions.get("columns", []):
        problems.append(f"decisions: {decisions.get('rows')} {decisions.get('columns')}")

    # Full-text search on the view, by claim id and label; stems match; user text is safe.
    hits = query("/factline/claim_search.json?_shape=array&_size=max", _search="bombing")
    labelled = sorted((h["claim_id"], h["label"]) for h in hits if h["field"] == "label")
    if labelled != [
        ("aktobe-bombing-2011-occurred", "2011 Aktobe suicide bombing"),
        ("astana-bombing-2011-occurred", "2011 Astana suicide bombing"),
    ]:
        problems.append(f"search bombing: {labelled}")
    if not any("bombings" in h["text"] for h in hits):
        problems.append("search bombing: the stem did not find 'bombings' in a note")
    for hostile in ['"NEAR(', "AND -", "kant)"]:
        query("/factline/claim_search.json?_shape=array", _search=hostile)

    if problems:
        for p in problems:
            print(f"FAIL datasette: {p}")
        return 1
    print(
        f"PASS datasette: {len(claims)} current claims, {len(columns)} columns described, "
        f"{len(population)} population rows ({len(documents)} from documents), "
        f"{len(sources)} sources, search found {len(hits)} texts for 'bombing'"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
