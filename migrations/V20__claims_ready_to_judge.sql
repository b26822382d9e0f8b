-- V20: claims ready to judge.
--
-- `claim_fact` holds, per current claim, what conflict detection reads of it (`db::conflicts`):
-- its value and time as stored in `claim`, its qualifiers (`key=entity` separated by U+001F),
-- its citations summed up as `count␟best credibility␟source,source…` (U+001F between the
-- parts), and the basis its citations' quotes name (`census`, `national_estimate`, …), if any.
-- The key orders the rows as `conflicts` visits them, a subject at a time, so the report reads
-- one table in order instead of each claim, qualifier and citation at random.
--
-- Written by import after its writes (`db::conflicts::fill`) for the claims it added; a claim
-- retracted loses its row at once. A database upgraded to V20 gets its rows on the next
-- `factline import`, which fills the table when it is empty; until then, and for known-at
-- reads, `conflicts` reads the claims themselves.

CREATE TABLE claim_fact (
    subject      TEXT NOT NULL,
    start_day    INTEGER NOT NULL,
    claim_row    INTEGER NOT NULL REFERENCES claim (row_id),
    id           TEXT NOT NULL,
    predicate    TEXT NOT NULL,
    value_type   TEXT NOT NULL,
    object       TEXT,
    amount       REAL,
    lower        REAL,
    upper        REAL,
    unit         TEXT,
    bound        TEXT,
    text_value   TEXT,
    valid_time   TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    qualifiers   TEXT,
    cited        TEXT NOT NULL,
    basis        TEXT,
    PRIMARY KEY (subject, start_day, claim_row)
) STRICT, WITHOUT ROWID;
