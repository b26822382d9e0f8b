-- V4: conflict semantics move into the vocabulary. `predicate.once` marks once-only events (a
-- signing, a launch): two disjoint dates for the same subject, value and qualifiers conflict.
-- `rule` holds declared arithmetic between predicates (share = part ÷ whole), checked wherever
-- all terms are present. Rules are versioned like claims: an edit retracts the old row.

ALTER TABLE predicate ADD COLUMN once INTEGER NOT NULL DEFAULT 0 CHECK (once IN (0, 1));

CREATE TABLE rule (
    row_id       INTEGER PRIMARY KEY,
    id           TEXT NOT NULL CHECK (id <> '' AND id NOT GLOB '*[^a-z0-9_.-]*'),
    kind         TEXT NOT NULL CHECK (kind IN ('share_of_whole')),
    share        TEXT NOT NULL REFERENCES predicate (id),
    part         TEXT NOT NULL REFERENCES predicate (id),
    whole        TEXT NOT NULL REFERENCES predicate (id),
    qualifier    TEXT NOT NULL CHECK (qualifier <> '' AND qualifier NOT GLOB '*[^a-z0-9_]*'),
    within_days  INTEGER NOT NULL DEFAULT 0 CHECK (within_days >= 0),
    note         TEXT,
    origin       TEXT,
    recorded_at  TEXT NOT NULL,
    retracted_at TEXT
) STRICT;
CREATE UNIQUE INDEX rule_current_id ON rule (id) WHERE retracted_at IS NULL;
