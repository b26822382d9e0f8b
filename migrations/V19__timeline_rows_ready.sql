-- V19: timeline rows ready to print.
--
-- `claim_ready` holds, per claim row (every version, current or retracted), what a timeline
-- entry shows that the claim version fixes, already written as JSON: `head`, the members from
-- `"claim"` to `"qualifiers"` (its time in words and bounds, its label with entity names, its
-- entities, value and qualifiers), and `tail`, `"note"` and `"citations"`. A timeline read joins
-- them to the claims it selects, in timeline order, and adds what depends on decisions or on
-- the vocabulary at read time: the rank (from assessments, as known at the instant read), the
-- dataset flag (from the kinds of the sources in `sources`) and, for an entity's timeline, the
-- place (from `entities`). `sources` and `entities` list ids separated by U+001F.
--
-- Written by import after its writes, in one streamed pass, for the claim rows it added and
-- again for every version of the claims whose entity or predicate it changed (a renamed entity
-- renames every label that names it). A database upgraded to V19 gets its rows on the next
-- `factline import`, which fills every claim row that has none. Deleted with nothing: claim
-- rows are never deleted either.

CREATE TABLE claim_ready (
    claim_row INTEGER PRIMARY KEY REFERENCES claim (row_id),
    head      TEXT NOT NULL,
    tail      TEXT NOT NULL,
    sources   TEXT NOT NULL,
    entities  TEXT NOT NULL
) STRICT;
