-- V13: data files and the database change as one unit.
--
-- Commands that write data files (`review accept`, `resolve --save-to`) write each file under a
-- temporary name, import it and record the rename they still owe in `pending_file`, in one
-- transaction; then they rename and delete the row. A command killed after the commit leaves
-- the row, and the next command that writes finishes the rename first, so the files and the
-- database never disagree for long, and never once that command has run.
--
-- `setting` holds `data_root`: the folder the origins of claims imported from files are
-- relative to (where `factline import` ran), so that a command run from another folder finds
-- the same files.
CREATE TABLE setting (
    key   TEXT PRIMARY KEY CHECK (key <> ''),
    value TEXT NOT NULL
);

CREATE TABLE pending_file (
    target      TEXT PRIMARY KEY CHECK (target <> ''),
    temp        TEXT NOT NULL CHECK (temp <> ''),
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    recorded_at TEXT NOT NULL
);
