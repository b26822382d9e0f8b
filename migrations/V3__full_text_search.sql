-- V3: full-text search over the words analysts look for: citation quotes and claim notes.
-- One FTS5 row per quote or note, keyed by the claim row it belongs to; queries join back to
-- `claim` to keep only current claims. Triggers keep the index in step with new rows (rows are
-- never deleted, so there is nothing else to follow).

CREATE VIRTUAL TABLE claim_text USING fts5(
    claim_row UNINDEXED,
    field UNINDEXED,
    source UNINDEXED,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO claim_text (claim_row, field, source, body)
SELECT claim_row, 'quote', source, quote FROM citation;
INSERT INTO claim_text (claim_row, field, source, body)
SELECT row_id, 'note', NULL, note FROM claim WHERE note IS NOT NULL;

CREATE TRIGGER citation_text AFTER INSERT ON citation
BEGIN
    INSERT INTO claim_text (claim_row, field, source, body)
    VALUES (new.claim_row, 'quote', new.source, new.quote);
END;

CREATE TRIGGER claim_note_text AFTER INSERT ON claim WHEN new.note IS NOT NULL
BEGIN
    INSERT INTO claim_text (claim_row, field, source, body)
    VALUES (new.row_id, 'note', NULL, new.note);
END;
