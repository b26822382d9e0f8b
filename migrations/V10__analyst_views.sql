-- V10: views with plain names for the questions analysts ask, the words people read beside the
-- raw values, and search over labels and entity names with stemming.
--
-- `claim_words` holds, per claim row, what the Rust code says in words: the claim's one-line
-- label (from its predicate's template, with entity names), its value ("about 16.3 million
-- persons") and its valid time ("until 2032", "2013 or later"). It is written by import for
-- every new current claim (and again for claims whose entities or predicate an import changed),
-- so views read the same words as the timeline without formatting EDTF in SQL. A database
-- upgraded to V10 gets its rows on the next `factline import`, which fills every current claim
-- that has none. Deleted with nothing: claim rows are never deleted either.
--
-- Every column is documented in docs/schema.md; a test compares that document with this schema.

CREATE TABLE claim_words (
    claim_row INTEGER PRIMARY KEY REFERENCES claim (row_id),
    label     TEXT NOT NULL,
    value     TEXT NOT NULL,
    time      TEXT NOT NULL
) STRICT;

-- The full-text index again, with the Porter stemmer (`bombing` finds `bombings`) before the
-- accent-folding tokenizer, and a second column for the names and aliases of the entities a
-- claim is about. Rows: 4 × citation row for a quote, 4 × claim row + 1 for a note, 4 × claim
-- row + 2 for a claim's label (with `names`). Quotes and notes are indexed here; labels follow
-- with `claim_words`. Filled once after an import's writes, as in V6.

DROP TABLE claim_text;

CREATE VIRTUAL TABLE claim_text USING fts5(
    claim_row UNINDEXED,
    field UNINDEXED,
    source UNINDEXED,
    body,
    names,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

INSERT INTO claim_text (rowid, claim_row, field, source, body)
SELECT 4 * ci.row_id, ci.claim_row, 'quote', ci.source, ci.quote
FROM citation ci JOIN claim c ON c.row_id = ci.claim_row
WHERE c.retracted_at IS NULL AND ci.retracted_at IS NULL;
INSERT INTO claim_text (rowid, claim_row, field, source, body)
SELECT 4 * row_id + 1, row_id, 'note', NULL, note FROM claim
WHERE note IS NOT NULL AND retracted_at IS NULL;

-- One row per current claim: entity names beside ids, the value in words and raw, the time in
-- words and as ISO bounds, the rank, and the sources that cite it with their grades.
CREATE VIEW claim_overview AS
SELECT c.id AS claim_id,
       w.label,
       c.subject AS subject_id,
       s.name AS subject,
       c.predicate AS predicate_id,
       p.label AS predicate,
       w.value,
       c.value_type,
       c.object AS object_id,
       o.name AS object,
       c.amount, c.lower, c.upper, c.unit, c.bound, c.text_value,
       (SELECT group_concat(q.key || ': ' || coalesce(qe.name, q.entity_id), '; ')
        FROM claim_qualifier q LEFT JOIN entity qe ON qe.id = q.entity_id
        WHERE q.claim_row = c.row_id) AS qualifiers,
       w.time,
       c.valid_time,
       c.earliest,
       c.latest,
       c.precision,
       coalesce((SELECT a.rank FROM assessment a WHERE a.claim_id = c.id
                 ORDER BY a.recorded_at DESC, a.row_id DESC LIMIT 1), 'normal') AS rank,
       (SELECT group_concat(k.cited, '; ') FROM (
            SELECT src.title || ' (' || src.reliability || ci.credibility || ')' AS cited
            FROM citation ci JOIN source src ON src.id = ci.source
            WHERE ci.claim_row = c.row_id AND ci.retracted_at IS NULL
            ORDER BY ci.row_id) k) AS sources,
       (SELECT count(*) FROM citation ci
        WHERE ci.claim_row = c.row_id AND ci.retracted_at IS NULL) AS citations,
       c.note,
       c.origin,
       c.recorded_at
FROM claim c
JOIN entity s ON s.id = c.subject
JOIN predicate p ON p.id = c.predicate
LEFT JOIN entity o ON o.id = c.object
LEFT JOIN claim_words w ON w.claim_row = c.row_id
WHERE c.retracted_at IS NULL;

-- One row per citation of a current claim: the claim as in `claim_overview` beside the source
-- that gives it, its grade, and the quote with its locator. "Which sources give Kazakhstan's
-- population, with what value, for which year, graded how" is one query here.
CREATE VIEW claim_evidence AS
SELECT c.id AS claim_id,
       w.label,
       c.subject AS subject_id,
       s.name AS subject,
       c.predicate AS predicate_id,
       p.label AS predicate,
       w.value,
       c.object AS object_id,
       c.amount, c.lower, c.upper, c.unit, c.bound, c.text_value,
       w.time,
       c.valid_time,
       c.earliest,
       c.latest,
       coalesce((SELECT a.rank FROM assessment a WHERE a.claim_id = c.id
                 ORDER BY a.recorded_at DESC, a.row_id DESC LIMIT 1), 'normal') AS rank,
       src.id AS source_id,
       src.title AS source_title,
       src.author AS source_author,
       src.publisher AS source_publisher,
       src.published AS source_published,
       src.url AS source_url,
       src.kind AS source_kind,
       src.reliability,
       ci.credibility,
       src.reliability || ci.credibility AS grade,
       ci.quote,
       ci.locator,
       ci.method,
       ci.extractor_score,
       ci.curator
FROM citation ci
JOIN claim c ON c.row_id = ci.claim_row
JOIN source src ON src.id = ci.source
JOIN entity s ON s.id = c.subject
JOIN predicate p ON p.id = c.predicate
LEFT JOIN claim_words w ON w.claim_row = c.row_id
WHERE c.retracted_at IS NULL AND ci.retracted_at IS NULL;

-- Recorded decisions on conflicts (the latest per conflict), one row per deprecated claim (one
-- row with empty deprecated columns when a decision deprecates none), each claim with its label,
-- value and time. Which conflicts exist is worked out by `factline conflicts` at run time, not
-- stored: open conflicts are not here.
CREATE VIEW conflict_decision AS
SELECT r.conflict_id,
       substr(r.conflict_id, 1, instr(r.conflict_id, ':') - 1) AS kind,
       r.preferred AS preferred_id,
       pw.label AS preferred_label,
       pw.value AS preferred_value,
       pw.time AS preferred_time,
       d.value AS deprecated_id,
       dw.label AS deprecated_label,
       dw.value AS deprecated_value,
       dw.time AS deprecated_time,
       r.reason,
       r.note,
       r.analyst,
       r.recorded_at
FROM current_resolution r
LEFT JOIN claim pc ON pc.id = r.preferred AND pc.retracted_at IS NULL
LEFT JOIN claim_words pw ON pw.claim_row = pc.row_id
LEFT JOIN json_each(r.deprecated) d
LEFT JOIN claim dc ON dc.id = d.value AND dc.retracted_at IS NULL
LEFT JOIN claim_words dw ON dw.claim_row = dc.row_id;

-- One row per entity: its names, and how the current claims use it.
CREATE VIEW entity_summary AS
SELECT e.id AS entity_id,
       e.name,
       e.kind,
       (SELECT group_concat(a.alias, '; ') FROM entity_alias a
        WHERE a.entity_id = e.id AND a.alias <> e.name AND a.alias <> e.id) AS aliases,
       (SELECT count(*) FROM claim c
        WHERE c.subject = e.id AND c.retracted_at IS NULL) AS claims_about,
       (SELECT count(*) FROM claim c
        WHERE c.object = e.id AND c.retracted_at IS NULL) AS claims_naming,
       (SELECT count(DISTINCT c.predicate) FROM claim c
        WHERE c.subject = e.id AND c.retracted_at IS NULL) AS predicates,
       (SELECT min(c.earliest) FROM claim c
        WHERE c.subject = e.id AND c.retracted_at IS NULL) AS first_day,
       (SELECT max(c.latest) FROM claim c
        WHERE c.subject = e.id AND c.retracted_at IS NULL) AS last_day,
       (SELECT count(DISTINCT ci.source) FROM claim c
        JOIN citation ci ON ci.claim_row = c.row_id AND ci.retracted_at IS NULL
        WHERE c.subject = e.id AND c.retracted_at IS NULL) AS sources,
       e.note
FROM entity e
WHERE e.retracted_at IS NULL;

-- The full-text index as people read it: each indexed text with its claim id, label and time
-- in words. `text_id` is the index's row id, so Datasette can search this view
-- (`fts_table = claim_text`, `fts_pk = text_id`).
CREATE VIEW claim_search AS
SELECT t.rowid AS text_id,
       c.id AS claim_id,
       w.label,
       t.field,
       t.source AS source_id,
       t.body AS text,
       w.time,
       c.valid_time
FROM claim_text t
JOIN claim c ON c.row_id = t.claim_row
LEFT JOIN claim_words w ON w.claim_row = c.row_id;
