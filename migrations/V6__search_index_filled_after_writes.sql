-- V6: the full-text index is filled once after an import's rows are written, instead of by a
-- trigger per inserted row (which flushed a tiny FTS5 segment at every statement and dominated
-- bulk imports). It holds only current claims, so a search can rank and limit inside FTS5
-- before joining to `claim`. Row ids are derived from the rows they index: 2 × citation row for
-- a quote, 2 × claim row + 1 for a note; retracting a claim deletes its rows by those ids.

DROP TRIGGER citation_text;
DROP TRIGGER claim_note_text;
DROP TABLE claim_text;

CREATE VIRTUAL TABLE claim_text USING fts5(
    claim_row UNINDEXED,
    field UNINDEXED,
    source UNINDEXED,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO claim_text (rowid, claim_row, field, source, body)
SELECT 2 * ci.row_id, ci.claim_row, 'quote', ci.source, ci.quote
FROM citation ci JOIN claim c ON c.row_id = ci.claim_row
WHERE c.retracted_at IS NULL AND ci.retracted_at IS NULL;
INSERT INTO claim_text (rowid, claim_row, field, source, body)
SELECT 2 * row_id + 1, row_id, 'note', NULL, note FROM claim
WHERE note IS NOT NULL AND retracted_at IS NULL;
