-- V2: analysts' decisions on conflicts. A resolution names the conflict (its stable id), the
-- claim preferred and the claims deprecated, why, and who decided when. Recording one also
-- appends the matching rows to `assessment`, which is what ranks claims; this table keeps the
-- decision as a whole so the conflicts report can show it and export can write it back out.
-- Append-only like assessments: a later resolution of the same conflict supersedes earlier ones.

CREATE TABLE resolution (
    row_id      INTEGER PRIMARY KEY,
    conflict_id TEXT NOT NULL CHECK (trim(conflict_id) <> ''),
    preferred   TEXT NOT NULL CHECK (trim(preferred) <> ''),
    deprecated  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(deprecated) AND json_type(deprecated) = 'array'),
    reason      TEXT NOT NULL CHECK (trim(reason) <> ''),
    note        TEXT,
    analyst     TEXT NOT NULL CHECK (trim(analyst) <> ''),
    recorded_at TEXT NOT NULL,
    origin      TEXT,
    UNIQUE (conflict_id, recorded_at, analyst)
) STRICT;
CREATE INDEX resolution_conflict ON resolution (conflict_id, recorded_at);

CREATE TRIGGER resolution_no_update BEFORE UPDATE ON resolution
BEGIN SELECT RAISE(ABORT, 'resolution is append-only: record a new resolution instead'); END;
CREATE TRIGGER resolution_no_delete BEFORE DELETE ON resolution
BEGIN SELECT RAISE(ABORT, 'resolution is append-only: record a new resolution instead'); END;

-- The decision that counts for each conflict: the latest.
CREATE VIEW current_resolution AS
SELECT r.* FROM resolution r
WHERE r.row_id = (SELECT r2.row_id FROM resolution r2 WHERE r2.conflict_id = r.conflict_id
                  ORDER BY r2.recorded_at DESC, r2.row_id DESC LIMIT 1);
