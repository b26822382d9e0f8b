"""How a suggested claim is compared with a curated claim or a gold key fact, shared by
benches/extract_claims.sh (the seeds) and benches/extract_real.sh (the real texts).

A suggestion matches exactly when subject, predicate, value (same entity; same amount within
0.5 %; same text; no value) and time (the same EDTF) are equal; a claim whose predicate takes
free text is proposed "in place" when subject, predicate and time are equal (the analyst edits
the text on review).
"""


def same_value(a, b):
    a, b = a or {"type": "none"}, b or {"type": "none"}
    if a.get("type") != b.get("type"):
        return False
    if a["type"] == "quantity":
        x, y = a["amount"], b["amount"]
        return abs(x - y) <= 0.005 * max(abs(x), abs(y), 1e-9)
    if a["type"] == "entity":
        return a["entity"] == b["entity"]
    if a["type"] == "text":
        return a["text"] == b["text"]
    return True


def exact(s, claim):
    return (s["subject"] == claim["subject"] and s["predicate"] == claim["predicate"]
            and same_value(s["value"], claim["value"]) and s.get("when") == claim["when"])


def in_place(s, claim, types):
    """A free-text claim: subject, predicate and time, the text left to the analyst."""
    return (types.get(claim["predicate"]) == "text" and s["subject"] == claim["subject"]
            and s["predicate"] == claim["predicate"] and s.get("when") == claim["when"])
