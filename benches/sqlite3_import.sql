-- The raw floor for an import, as a baseline for benches/scale.sh: the sqlite3 shell's .import
-- of the rows factline stores (`factline generate --format csv`), into plain tables with the
-- same columns (no CHECK constraints; empty fields stay empty text), then the same secondary
-- indexes and a full-text index over quotes and notes, built after the load.
-- Run from the CSV directory: sqlite3 DB < sqlite3_import.sql
.bail on
PRAGMA journal_mode = WAL;
PRAGMA cache_size = -65536;
CREATE TABLE claim (
    row_id INTEGER PRIMARY KEY, id TEXT, subject TEXT, predicate TEXT, value_type TEXT,
    object TEXT, amount REAL, lower REAL, upper REAL, unit TEXT, bound TEXT, text_value TEXT,
    valid_time TEXT, earliest TEXT, latest TEXT, start_day INTEGER, end_day INTEGER,
    precision TEXT, precision_rank INTEGER, note TEXT, spec TEXT, origin TEXT,
    recorded_at TEXT);
CREATE TABLE citation (
    row_id INTEGER PRIMARY KEY, claim_row INTEGER, source TEXT, quote TEXT, locator TEXT,
    method TEXT, credibility INTEGER, extractor_score REAL, curator TEXT, recorded_at TEXT);
CREATE TABLE claim_qualifier (claim_row INTEGER, key TEXT, entity_id TEXT);
.mode csv
.import --skip 1 claim.csv claim
.import --skip 1 citation.csv citation
.import --skip 1 claim_qualifier.csv claim_qualifier
BEGIN;
ALTER TABLE claim ADD COLUMN retracted_at TEXT;
ALTER TABLE citation ADD COLUMN retracted_at TEXT;
CREATE UNIQUE INDEX claim_qualifier_pk ON claim_qualifier (claim_row, key, entity_id);
CREATE UNIQUE INDEX claim_current_id ON claim (id) WHERE retracted_at IS NULL;
CREATE INDEX claim_history_id ON claim (id, recorded_at);
CREATE INDEX claim_timeline ON claim (
    (CASE WHEN start_day = -999999999 THEN end_day ELSE start_day END),
    end_day, precision_rank, valid_time, id)
    WHERE retracted_at IS NULL;
CREATE INDEX claim_subject ON claim (subject, start_day);
CREATE INDEX claim_object ON claim (object, start_day) WHERE object IS NOT NULL;
CREATE INDEX claim_predicate ON claim (predicate, start_day);
CREATE INDEX claim_qualifier_entity ON claim_qualifier (entity_id);
CREATE INDEX citation_claim ON citation (claim_row);
CREATE INDEX citation_source ON citation (source);
CREATE VIRTUAL TABLE claim_text USING fts5(
    body, content = '', tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO claim_text (rowid, body) SELECT row_id, quote FROM citation;
COMMIT;
