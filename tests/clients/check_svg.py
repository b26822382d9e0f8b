#!/usr/bin/env python3
"""factline's `--format svg` parsed by Python's xml.etree.ElementTree.

    python3 tests/clients/check_svg.py timeline.svg

Beyond well-formed SVG with text, it checks what a reader sees: every open start or end
(`rect.open-start`, `rect.open-end`) is a short fade (at most 80 px, not a bar reaching the
chart's edge), every lane name is whole (its tspans joined are its <title>, nothing cut with
"…"), and the years are never more than a screenful away: an axis row (`g.axis`) near the
top, near the bottom, and at most 800 px (plus a band and a row) apart down the chart.

Standard library only. Prints one PASS/FAIL line; exits 1 on failure.
"""

import sys
import xml.etree.ElementTree as ET

NAME = "svg: timeline.svg in xml.etree"
SVG = "{http://www.w3.org/2000/svg}"
FADE_MAX = 80.0
SCREEN = 800.0
BAND = 22.0
ROW = 32.0


def classed(root, tag, name):
    return [e for e in root.iter(SVG + tag) if name in (e.get("class") or "").split()]


def drawing(root, problems):
    """What a reader sees: open ends, lane names, the year axis. Returns a summary."""
    opens = classed(root, "rect", "open-start") + classed(root, "rect", "open-end")
    for r in opens:
        width = float(r.get("width"))
        if width > FADE_MAX:
            problems.append(f"an open end ({r.get('class')}) is drawn {width:.0f} px wide, "
                            f"more than {FADE_MAX:.0f}: it reads as a long known span")
    lanes = classed(root, "g", "lane")
    for g in lanes:
        title = g.find(SVG + "title")
        text = g.find(SVG + "text")
        full = title.text if title is not None else None
        shown = " ".join(t.text or "" for t in text.iter(SVG + "tspan")) if text is not None else ""
        if full is None:
            problems.append(f"lane {shown!r} has no <title> with its full name")
        elif shown != full or "…" in shown:
            problems.append(f"lane name cut: shows {shown!r} for {full!r}")
    height = float(root.get("height") or root.get("viewBox").split()[3])
    rows = sorted(float(g.get("data-y")) for g in classed(root, "g", "axis"))
    if not rows:
        problems.append("no year axis (g.axis)")
    else:
        # The lanes start under the charts of quantities, if any.
        lanes_top = 0.0
        for g in classed(root, "g", "chart"):
            y = float(g.get("transform").split(",")[1].rstrip(")"))
            inner = g.find(SVG + "svg")
            lanes_top = max(lanes_top, y + float(inner.get("height") if inner is not None else 0))
        if rows[0] > lanes_top + 100:
            problems.append(f"the first row of years is at y={rows[0]:.0f}, not at the top of "
                            f"the lanes ({lanes_top:.0f})")
        if rows[-1] < height - 60:
            problems.append(f"the last row of years is at y={rows[-1]:.0f} of {height:.0f}")
        gaps = [b - a for a, b in zip(rows, rows[1:])]
        far = [g for g in gaps if g > SCREEN + BAND + ROW]
        if far:
            problems.append(f"{len(far)} stretch(es) without years longer than a screenful, "
                            f"the longest {max(far):.0f} px")
        for g in classed(root, "g", "axis"):
            if not [t for t in g.iter(SVG + "text") if (t.text or "").lstrip("-").isdigit()]:
                problems.append(f"the axis row at y={g.get('data-y')} has no year")
                break
    return (f"{len(opens)} open ends at most {FADE_MAX:.0f} px, {len(lanes)} lane names whole, "
            f"{len(rows)} rows of years over {height:.0f} px")


def charts(root, problems):
    """Each chart of a quantity: a line of at least two points inside its box, a band, and
    figures with a known verdict and a label each."""
    found = classed(root, "svg", "figure-chart")
    if not found:
        problems.append("no chart (svg.figure-chart): the population series should be one")
    figures = 0
    for chart in found:
        width = float(chart.get("width"))
        height = float(chart.get("height"))
        title = chart.findtext(SVG + "title") or "?"
        lines = classed(chart, "polyline", "line")
        if not lines:
            problems.append(f"chart {title!r} has no series line")
        for line in lines:
            points = [tuple(map(float, p.split(","))) for p in line.get("points").split()]
            if len(points) < 2:
                problems.append(f"chart {title!r}: a line of {len(points)} point(s)")
            if any(not (0 <= x <= width and 0 <= y <= height) for x, y in points):
                problems.append(f"chart {title!r}: a line point outside its {width}x{height} box")
        if not classed(chart, "polygon", "band"):
            problems.append(f"chart {title!r} has no tolerance band")
        for g in classed(chart, "g", "figure"):
            figures += 1
            if g.get("data-verdict") not in ("conflict", "tension", "consistent", "not judged"):
                problems.append(f"figure {g.get('data-claim')}: verdict {g.get('data-verdict')!r}")
            labels = [t for t in classed(chart, "text", "figure-label")
                      if t.get("data-claim") == g.get("data-claim")]
            if not labels or not (labels[0].text or "").strip():
                problems.append(f"figure {g.get('data-claim')} has no label")
    return f"{len(found)} chart(s) with {figures} document figure(s)"


def main(path):
    problems = []
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        print(f"FAIL {NAME}: not well-formed XML: {e}")
        return 1
    if root.tag != SVG + "svg":
        problems.append(f"root element is {root.tag}, not {SVG}svg")
    has_box = root.get("viewBox") is not None
    has_size = root.get("width") is not None and root.get("height") is not None
    if not (has_box or has_size):
        problems.append("root <svg> has neither viewBox nor width and height")
    texts = [t for t in root.iter(SVG + "text")]
    if not texts:
        problems.append("no <text> element")
    summary = drawing(root, problems) + "; " + charts(root, problems)
    if problems:
        print(f"FAIL {NAME}: {len(problems)} problem(s)")
        for p in problems:
            print(f"    - {p}")
        return 1
    size = f"viewBox {root.get('viewBox')}" if has_box else f"{root.get('width')}x{root.get('height')}"
    print(f"PASS {NAME}: {size}, {len(texts)} <text> elements, {sum(1 for _ in root.iter())} "
          f"elements; {summary}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: check_svg.py timeline.svg")
    try:
        sys.exit(main(sys.argv[1]))
    except Exception as e:
        print(f"FAIL {NAME}: {type(e).__name__}: {e}")
        sys.exit(1)
