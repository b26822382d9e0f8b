#!/usr/bin/env python3
"""factline's `--format svg` parsed by Python's xml.etree.ElementTree.

    python3 tests/clients/check_svg.py timeline.svg

Standard library only. Prints one PASS/FAIL line; exits 1 on failure.
"""

import sys
import xml.etree.ElementTree as ET

NAME = "svg: timeline.svg in xml.etree"
SVG = "{http://www.w3.org/2000/svg}"


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
    if problems:
        print(f"FAIL {NAME}: {len(problems)} problem(s)")
        for p in problems:
            print(f"    - {p}")
        return 1
    size = f"viewBox {root.get('viewBox')}" if has_box else f"{root.get('width')}x{root.get('height')}"
    print(f"PASS {NAME}: {size}, {len(texts)} <text> elements, {sum(1 for _ in root.iter())} elements")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: check_svg.py timeline.svg")
    try:
        sys.exit(main(sys.argv[1]))
    except Exception as e:
        print(f"FAIL {NAME}: {type(e).__name__}: {e}")
        sys.exit(1)
