"""Peers for benches/extract.sh: runs another temporal tagger over the TempEval-3 documents
and writes its output as TimeML files that `factline eval-timeml` scores like ours.

    extract_peers.py prepare GOLD_DIR WORK          plain text + DCT of each document
    extract_peers.py dateparser WORK OUT_DIR        dateparser.search.search_dates
    extract_peers.py duckling WORK OUT_DIR          Duckling (pyduckling-native-phihos)
    extract_peers.py heideltime-jobs WORK OUT_DIR   the job list for ExtractHeidelTime.java
    extract_peers.py heideltime-align WORK OUT_DIR  HeidelTime's TimeML aligned to the text

Each run prints the seconds spent tagging (loading excluded) on its last line of stdout.
Every document is given to a peer as the tag-stripped text of its <TEXT> element, which is
also the text the scorer aligns on, so offsets agree.
"""

import datetime
import difflib
import html
import json
import os
import re
import sys
import time
from pathlib import Path

TAG = re.compile(r"<[^>]+>")


def strip_text(raw):
    """The tag-stripped content of <TEXT> and the DCT (YYYY-MM-DD) of a TimeML document."""
    m = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    text = TAG.sub("", m.group(1)) if m else ""
    d = re.search(r"<DCT>.*?value=\"(\d{4}-\d{2}-\d{2})", raw, re.S)
    return text, (d.group(1) if d else None)


def prepare(gold_dir, work):
    work = Path(work)
    (work / "text").mkdir(parents=True, exist_ok=True)
    docs = []
    for p in sorted(Path(gold_dir).rglob("*.tml")):
        text, dct = strip_text(p.read_text(encoding="utf-8"))
        (work / "text" / (p.name + ".txt")).write_text(text, encoding="utf-8")
        docs.append({"name": p.name, "dct": dct})
    (work / "docs.json").write_text(json.dumps(docs))


def docs(work):
    work = Path(work)
    for d in json.loads((work / "docs.json").read_text()):
        text = (work / "text" / (d["name"] + ".txt")).read_text(encoding="utf-8")
        yield d["name"], d["dct"], text


def write_tml(out_dir, name, dct, text, timexes):
    """Writes `text` with `timexes` (start, end, type, value) in character offsets."""
    parts, at = [], 0
    for i, (s, e, kind, value) in enumerate(sorted(timexes)):
        if s < at or e <= s:
            continue
        parts.append(text[at:s])
        v = html.escape(value, quote=True)
        parts.append(f'<TIMEX3 tid="t{i + 1}" type="{kind}" value="{v}">{text[s:e]}</TIMEX3>')
        at = e
    parts.append(text[at:])
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    Path(out_dir, name).write_text(
        f'<TimeML>\n<DCT><TIMEX3 tid="t0" type="DATE" value="{dct}">{dct}</TIMEX3></DCT>\n'
        f"<TEXT>{''.join(parts)}</TEXT>\n</TimeML>\n",
        encoding="utf-8",
    )


def iso_value(value, grain):
    """A Duckling or dateparser time at its grain as a TIMEX3 value."""
    d = datetime.datetime.fromisoformat(value[:19])
    if grain == "year":
        return "DATE", f"{d.year:04d}"
    if grain == "quarter":
        return "DATE", f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if grain == "month":
        return "DATE", f"{d.year:04d}-{d.month:02d}"
    if grain == "week":
        y, w, _ = d.isocalendar()
        return "DATE", f"{y:04d}-W{w:02d}"
    if grain == "day":
        return "DATE", d.strftime("%Y-%m-%d")
    return "TIME", d.strftime("%Y-%m-%dT%H:%M")


def run_dateparser(work, out_dir):
    from dateparser.search import search_dates

    spent = 0.0
    for name, dct, text in docs(work):
        base = datetime.datetime.fromisoformat(dct) if dct else datetime.datetime(2000, 1, 1)
        settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
        t0 = time.perf_counter()
        found = []
        offset = 0
        # Paragraph by paragraph: on a whole document search_dates is far slower.
        for para in text.split("\n"):
            try:
                hits = search_dates(para, languages=["en"], settings=settings) or []
            except Exception:
                hits = []
            at = 0
            for sub, when in hits:
                i = para.find(sub, at)
                if i < 0:
                    continue
                at = i + len(sub)
                found.append((offset + i, offset + i + len(sub), "DATE", when.strftime("%Y-%m-%d")))
            offset += len(para) + 1
        spent += time.perf_counter() - t0
        write_tml(out_dir, name, dct, text, found)
    print(spent)


def run_duckling(work, out_dir):
    from duckling import (Context, default_locale_lang, load_time_zones, parse,
                          parse_dimensions, parse_lang, parse_locale, parse_ref_time)

    zones = load_time_zones("/usr/share/zoneinfo")
    lang = parse_lang("EN")
    locale = parse_locale("EN_US", default_locale_lang(lang))
    dims = parse_dimensions(["time", "duration"])
    spent = 0.0
    units = {"year": "Y", "month": "M", "week": "W", "day": "D", "hour": "H", "minute": "M",
             "second": "S", "quarter": "Q"}
    for name, dct, text in docs(work):
        base = datetime.datetime.fromisoformat(dct or "2000-01-01").replace(hour=12,
                                                                            tzinfo=datetime.timezone.utc)
        ctx = Context(parse_ref_time(zones, "UTC", int(base.timestamp())), locale)
        t0 = time.perf_counter()
        hits = parse(text, ctx, dims, False)
        spent += time.perf_counter() - t0
        found = []
        for h in hits:
            v = h.get("value", {})
            try:
                if h["dim"] == "duration":
                    unit = v.get("unit", "day")
                    n = v.get("value", 0)
                    t = "PT" if unit in ("hour", "minute", "second") else "P"
                    value = f"{t}{n:g}{units.get(unit, 'D')}"
                    found.append((h["start"], h["end"], "DURATION", value))
                elif v.get("type") == "value":
                    kind, value = iso_value(v["value"], v.get("grain", "day"))
                    found.append((h["start"], h["end"], kind, value))
                elif v.get("type") == "interval":
                    end = v.get("from") or v.get("to")
                    kind, value = iso_value(end["value"], end.get("grain", "day"))
                    found.append((h["start"], h["end"], kind, value))
            except (KeyError, ValueError, TypeError):
                continue
        write_tml(out_dir, name, dct, text, found)
    print(spent)


def heideltime_jobs(work, out_dir):
    work = Path(work)
    (work / "heideltime").mkdir(exist_ok=True)
    lines = []
    for name, dct, _ in docs(work):
        lines.append(f"{(work / 'text' / (name + '.txt')).resolve()}\t{dct or '2000-01-01'}\t"
                     f"{(work / 'heideltime' / name).resolve()}")
    (work / "heideltime-jobs.txt").write_text("\n".join(lines) + "\n")


def heideltime_align(work, out_dir):
    """HeidelTime's TimeML holds the text it was given (XML-escaped) with TIMEX3 tags; the
    tags are moved onto the original text by aligning the two."""
    work = Path(work)
    for name, dct, text in docs(work):
        p = work / "heideltime" / name
        if not p.exists():
            write_tml(out_dir, name, dct, text, [])
            continue
        raw = p.read_text(encoding="utf-8")
        body = re.search(r"<TimeML>\n?(.*)</TimeML>", raw, re.S)
        body = body.group(1) if body else ""
        plain, spans, at = [], [], 0
        for m in re.finditer(r"<TIMEX3 ([^>]*)>(.*?)</TIMEX3>|<[^>]+>", body, re.S):
            plain.append(html.unescape(body[at:m.start()]))
            if m.group(1) is not None:
                start = sum(map(len, plain))
                inner = html.unescape(m.group(2))
                plain.append(inner)
                attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
                spans.append((start, start + len(inner), attrs.get("type", "DATE"),
                              attrs.get("value", "")))
            at = m.end()
        plain.append(html.unescape(body[at:]))
        plain = "".join(plain)
        if plain.startswith(text) or plain == text:
            mapped = spans
        else:
            sm = difflib.SequenceMatcher(None, plain, text, autojunk=False)
            blocks = sm.get_matching_blocks()

            def map_pos(i):
                for a, b, n in blocks:
                    if a <= i <= a + n:
                        return b + (i - a)
                return None

            mapped = []
            for s, e, k, v in spans:
                ms, me = map_pos(s), map_pos(e)
                if ms is not None and me is not None and me > ms:
                    mapped.append((ms, me, k, v))
        write_tml(out_dir, name, dct, text, mapped)


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    {
        "prepare": prepare,
        "dateparser": run_dateparser,
        "duckling": run_duckling,
        "heideltime-jobs": heideltime_jobs,
        "heideltime-align": heideltime_align,
    }[cmd](*args)
