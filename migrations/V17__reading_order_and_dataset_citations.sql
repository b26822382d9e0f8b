-- V17: what a reader needs from the bundled data.
--
-- Timeline order: an item whose start is open ("until 2032", `../2032`; "25 August 2017 or
-- earlier", `[..2017-08-25]`) stands at its latest possible day, beside what else happened
-- then, instead of before every date. `claim_timeline` orders by that day, then as before
-- (latest day, coarser precision first, EDTF text, id); `db::query` orders by the same
-- expression, so a timeline is still read from the index in order.
DROP INDEX claim_timeline;
CREATE INDEX claim_timeline ON claim (
    (CASE WHEN start_day = -999999999 THEN end_day ELSE start_day END),
    end_day, precision_rank, valid_time, id)
    WHERE retracted_at IS NULL;

-- A citation read from a dataset's table by a mapping is a dataset row, method `dataset`, not
-- an extraction with a score of 1: it was read from a row, not guessed from text. SQLite
-- cannot change a CHECK constraint in place, so the table is rebuilt with the same columns;
-- the rows are copied with their row ids (the full-text index refers to them), the views that
-- read `citation` (`current_citation`, `claim_evidence` …) read the new table under the old
-- name. Rows recorded before by a table import (extracted, score 1, citing a source of kind
-- `dataset`) become dataset rows, and their claims' curated form (`spec`) says so, so that
-- importing the same table again changes nothing.
CREATE TABLE citation_v17 (
    row_id          INTEGER PRIMARY KEY,
    claim_row       INTEGER NOT NULL REFERENCES claim (row_id),
    source          TEXT NOT NULL REFERENCES source (id),
    quote           TEXT NOT NULL CHECK (trim(quote) <> ''),
    locator         TEXT NOT NULL CHECK (trim(locator) <> ''),
    method          TEXT NOT NULL CHECK (method IN ('manual', 'extracted', 'dataset')),
    credibility     INTEGER NOT NULL CHECK (credibility BETWEEN 1 AND 6),
    extractor_score REAL CHECK (extractor_score IS NULL OR extractor_score BETWEEN 0 AND 1),
    curator         TEXT,
    recorded_at     TEXT NOT NULL,
    retracted_at    TEXT,
    CHECK (method = 'extracted' OR extractor_score IS NULL)
) STRICT;
INSERT INTO citation_v17 (row_id, claim_row, source, quote, locator, method, credibility,
                          extractor_score, curator, recorded_at, retracted_at)
SELECT row_id, claim_row, source, quote, locator,
       CASE WHEN method = 'extracted' AND extractor_score = 1 AND curator IS NULL
                 AND source IN (SELECT id FROM source WHERE kind = 'dataset')
            THEN 'dataset' ELSE method END,
       credibility,
       CASE WHEN method = 'extracted' AND extractor_score = 1 AND curator IS NULL
                 AND source IN (SELECT id FROM source WHERE kind = 'dataset')
            THEN NULL ELSE extractor_score END,
       curator, recorded_at, retracted_at
FROM citation;
UPDATE claim SET spec = replace(replace(spec,
        '"method":"extracted","credibility"', '"method":"dataset","credibility"'),
        '"extractor_score":1.0,"curator":null', '"extractor_score":null,"curator":null')
WHERE row_id IN (SELECT claim_row FROM citation_v17 WHERE method = 'dataset')
  AND row_id NOT IN (SELECT claim_row FROM citation_v17 WHERE method <> 'dataset');
DROP INDEX citation_claim;
DROP INDEX citation_source;
PRAGMA legacy_alter_table = ON;
DROP TABLE citation;
ALTER TABLE citation_v17 RENAME TO citation;
PRAGMA legacy_alter_table = OFF;
CREATE INDEX citation_claim ON citation (claim_row);
CREATE INDEX citation_source ON citation (source);

-- Where places lie: a city or a base in its country (`located_in` of an entity in the data
-- files). An entity's timeline (`--entity Kazakhstan`) includes the claims about its places
-- (the 2011 bombings in Aktobe and Astana), marked with the place. Like `entity_alias`, this
-- is a lookup of the current entities; earlier versions are kept with the entity in
-- `revision`.
CREATE TABLE entity_place (
    entity_id  TEXT PRIMARY KEY REFERENCES entity (id),
    located_in TEXT NOT NULL REFERENCES entity (id) DEFERRABLE INITIALLY DEFERRED,
    CHECK (entity_id <> located_in)
) STRICT;
CREATE INDEX entity_place_within ON entity_place (located_in);
