-- V1: the fact store. Sources, entities with aliases, the predicate vocabulary, claims with typed
-- values, qualifiers and EDTF valid time, citations, and append-only assessments. Nothing is
-- hard-deleted: claims and citations carry recorded_at / retracted_at, an edited claim is a new
-- row that retracts the old one, and earlier versions of sources, entities and predicates are
-- kept in `revision`. Times are ISO 8601 UTC text (`2026-11-23T12:00:00Z`).

CREATE TABLE source (
    id               TEXT PRIMARY KEY CHECK (id <> '' AND id NOT GLOB '*[^a-z0-9_.-]*'),
    title            TEXT NOT NULL CHECK (title <> ''),
    author           TEXT,
    publisher        TEXT,
    published        TEXT,            -- EDTF, as precise as the evidence allows
    url              TEXT,
    kind             TEXT NOT NULL CHECK (kind <> ''),
    language         TEXT,
    reliability      TEXT NOT NULL CHECK (reliability IN ('A', 'B', 'C', 'D', 'E', 'F')),
    reliability_note TEXT,
    licence          TEXT,
    file             TEXT,            -- name of the text file the locators refer to
    sha256           TEXT CHECK (sha256 IS NULL OR (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*')),
    note             TEXT,
    origin           TEXT,            -- data file this record was imported from
    recorded_at      TEXT NOT NULL,
    retracted_at     TEXT
) STRICT;

CREATE TABLE entity (
    id           TEXT PRIMARY KEY CHECK (id <> '' AND id NOT GLOB '*[^a-z0-9_.-]*'),
    name         TEXT NOT NULL CHECK (name <> ''),
    kind         TEXT NOT NULL CHECK (kind <> ''),
    note         TEXT,
    origin       TEXT,
    recorded_at  TEXT NOT NULL,
    retracted_at TEXT
) STRICT;

-- Every name an entity goes by, including its own name and id. `folded` is the lookup key:
-- lower case, accents and punctuation removed, so `Nur-Sultan` finds `nur sultan`.
CREATE TABLE entity_alias (
    entity_id TEXT NOT NULL REFERENCES entity (id),
    alias     TEXT NOT NULL CHECK (alias <> ''),
    folded    TEXT NOT NULL CHECK (folded <> ''),
    PRIMARY KEY (entity_id, alias)
) STRICT;
CREATE INDEX entity_alias_folded ON entity_alias (folded);

CREATE TABLE predicate (
    id                    TEXT PRIMARY KEY CHECK (id <> '' AND id NOT GLOB '*[^a-z0-9_.-]*'),
    label                 TEXT NOT NULL CHECK (label <> ''),
    value_type            TEXT NOT NULL CHECK (value_type IN ('entity', 'quantity', 'text', 'none')),
    unit                  TEXT,
    functional            INTEGER NOT NULL CHECK (functional IN (0, 1)),
    max_annual_change     REAL CHECK (max_annual_change IS NULL OR max_annual_change >= 0),
    comparable_within_days INTEGER CHECK (comparable_within_days IS NULL OR comparable_within_days >= 0),
    template              TEXT,
    description           TEXT,
    origin                TEXT,
    recorded_at           TEXT NOT NULL,
    retracted_at          TEXT,
    CHECK (value_type = 'quantity' OR (unit IS NULL AND max_annual_change IS NULL))
) STRICT;

CREATE TABLE claim (
    row_id         INTEGER PRIMARY KEY,
    id             TEXT NOT NULL CHECK (id <> '' AND id NOT GLOB '*[^a-z0-9_.-]*'),
    subject        TEXT NOT NULL REFERENCES entity (id),
    predicate      TEXT NOT NULL REFERENCES predicate (id),
    value_type     TEXT NOT NULL CHECK (value_type IN ('entity', 'quantity', 'text', 'none')),
    object         TEXT REFERENCES entity (id),
    amount         REAL,
    lower          REAL,
    upper          REAL,
    unit           TEXT,
    bound          TEXT CHECK (bound IS NULL OR bound IN ('exact', 'about', 'at_least', 'more_than', 'at_most', 'nearly')),
    text_value     TEXT,
    valid_time     TEXT NOT NULL,    -- EDTF, canonical form
    earliest       TEXT,             -- earliest possible day (ISO); NULL when the start is open
    latest         TEXT,             -- latest possible day (ISO); NULL when the end is open
    start_day      INTEGER NOT NULL, -- earliest as a day number, open start = -999999999
    end_day        INTEGER NOT NULL, -- latest as a day number, open end = 999999999
    precision      TEXT NOT NULL CHECK (precision IN ('millennium', 'century', 'decade', 'year', 'season', 'month', 'day')),
    precision_rank INTEGER NOT NULL CHECK (precision_rank BETWEEN 0 AND 6), -- 0 = coarsest
    note           TEXT,
    spec           TEXT NOT NULL,    -- the claim as curated (canonical JSON), to detect edits
    origin         TEXT,
    recorded_at    TEXT NOT NULL,
    retracted_at   TEXT,
    CHECK (start_day <= end_day),
    CHECK (retracted_at IS NULL OR retracted_at >= recorded_at),
    CHECK ((value_type = 'entity') = (object IS NOT NULL)),
    CHECK ((value_type = 'quantity') = (amount IS NOT NULL)),
    CHECK ((value_type = 'text') = (text_value IS NOT NULL)),
    CHECK (value_type = 'quantity' OR (lower IS NULL AND upper IS NULL AND unit IS NULL AND bound IS NULL)),
    CHECK (value_type <> 'quantity' OR bound IS NOT NULL),
    CHECK (lower IS NULL OR lower <= amount),
    CHECK (upper IS NULL OR upper >= amount)
) STRICT;
-- One current row per claim id; retracted rows keep their id for history.
CREATE UNIQUE INDEX claim_current_id ON claim (id) WHERE retracted_at IS NULL;
CREATE INDEX claim_history_id ON claim (id, recorded_at);
-- Timeline order: earliest start, then latest end, then coarser precision first.
CREATE INDEX claim_timeline ON claim (start_day, end_day, precision_rank, valid_time, id)
    WHERE retracted_at IS NULL;
CREATE INDEX claim_subject ON claim (subject, start_day);
CREATE INDEX claim_object ON claim (object, start_day) WHERE object IS NOT NULL;
CREATE INDEX claim_predicate ON claim (predicate, start_day);

-- Identifying qualifiers: `group = ethnic_russians` scopes a claim; a key may repeat.
CREATE TABLE claim_qualifier (
    claim_row INTEGER NOT NULL REFERENCES claim (row_id),
    key       TEXT NOT NULL CHECK (key <> '' AND key NOT GLOB '*[^a-z0-9_]*'),
    entity_id TEXT NOT NULL REFERENCES entity (id),
    PRIMARY KEY (claim_row, key, entity_id)
) STRICT;
CREATE INDEX claim_qualifier_entity ON claim_qualifier (entity_id);

CREATE TABLE citation (
    row_id          INTEGER PRIMARY KEY,
    claim_row       INTEGER NOT NULL REFERENCES claim (row_id),
    source          TEXT NOT NULL REFERENCES source (id),
    quote           TEXT NOT NULL CHECK (trim(quote) <> ''),
    locator         TEXT NOT NULL CHECK (trim(locator) <> ''),
    method          TEXT NOT NULL CHECK (method IN ('manual', 'extracted')),
    credibility     INTEGER NOT NULL CHECK (credibility BETWEEN 1 AND 6),
    extractor_score REAL CHECK (extractor_score IS NULL OR extractor_score BETWEEN 0 AND 1),
    curator         TEXT,
    recorded_at     TEXT NOT NULL,
    retracted_at    TEXT,
    CHECK (method = 'extracted' OR extractor_score IS NULL)
) STRICT;
CREATE INDEX citation_claim ON citation (claim_row);
CREATE INDEX citation_source ON citation (source);

-- Analysts' judgements on a claim id (they survive edits of the claim). Append-only: the latest
-- row for a claim id is the one that counts.
CREATE TABLE assessment (
    row_id      INTEGER PRIMARY KEY,
    claim_id    TEXT NOT NULL,
    rank        TEXT NOT NULL CHECK (rank IN ('preferred', 'normal', 'deprecated')),
    reason      TEXT NOT NULL CHECK (trim(reason) <> ''),
    note        TEXT,
    analyst     TEXT NOT NULL CHECK (trim(analyst) <> ''),
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX assessment_claim ON assessment (claim_id, recorded_at);

-- Earlier versions of sources, entities and predicates, as JSON, when an import replaced them.
CREATE TABLE revision (
    row_id      INTEGER PRIMARY KEY,
    table_name  TEXT NOT NULL CHECK (table_name IN ('source', 'entity', 'predicate')),
    item_id     TEXT NOT NULL,
    previous    TEXT NOT NULL,
    replaced_at TEXT NOT NULL
) STRICT;

CREATE TRIGGER assessment_no_update BEFORE UPDATE ON assessment
BEGIN SELECT RAISE(ABORT, 'assessment is append-only: record a new assessment instead'); END;
CREATE TRIGGER assessment_no_delete BEFORE DELETE ON assessment
BEGIN SELECT RAISE(ABORT, 'assessment is append-only: record a new assessment instead'); END;
CREATE TRIGGER claim_no_delete BEFORE DELETE ON claim
BEGIN SELECT RAISE(ABORT, 'claims are never deleted: retract them instead'); END;
CREATE TRIGGER citation_no_delete BEFORE DELETE ON citation
BEGIN SELECT RAISE(ABORT, 'citations are never deleted: retract them instead'); END;

-- The current state, for analysts' SQL.
CREATE VIEW current_claim AS
SELECT c.*,
       coalesce((SELECT a.rank FROM assessment a WHERE a.claim_id = c.id
                 ORDER BY a.recorded_at DESC, a.row_id DESC LIMIT 1), 'normal') AS rank
FROM claim c
WHERE c.retracted_at IS NULL;

CREATE VIEW current_citation AS
SELECT ci.*, c.id AS claim_id
FROM citation ci JOIN claim c ON c.row_id = ci.claim_row
WHERE c.retracted_at IS NULL AND ci.retracted_at IS NULL;
