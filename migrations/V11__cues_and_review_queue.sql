-- V11: extraction. Predicates declare cue words, and extracted candidates wait for review.
--
-- `cues` lists the words that signal a predicate in running text ("population", "signed"), as
-- a JSON array of strings; `extract` suggests a claim of the predicate for a sentence holding
-- one. Existing predicates have none.
ALTER TABLE predicate ADD COLUMN cues TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(cues));

-- `extract --save` queues each candidate here with its provenance: the document it came from
-- (path as given, sha256 of its bytes), the source the analyst named, the candidate itself as
-- the JSON `extract` prints, its sentence, the quote and locator a citation would carry, and
-- the decision once one is made. Nothing here is a claim: an
-- accepted candidate becomes one through a data file and an import. `content` keys what the
-- candidate says (subject, predicate, value, time) so that a rejected suggestion is not
-- proposed again from another document or another position.
CREATE TABLE review_candidate (
    row_id      INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE CHECK (id <> ''),
    kind        TEXT NOT NULL CHECK (kind IN ('time', 'quantity', 'claim')),
    content     TEXT NOT NULL,
    document    TEXT NOT NULL,
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    source      TEXT,
    line        INTEGER NOT NULL CHECK (line >= 1),
    sentence    TEXT NOT NULL,
    quote       TEXT NOT NULL CHECK (quote <> ''),
    locator     TEXT NOT NULL,
    score       REAL NOT NULL CHECK (score >= 0 AND score <= 1),
    candidate   TEXT NOT NULL CHECK (json_valid(candidate)),
    status      TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'accepted', 'rejected')),
    reason      TEXT,
    claim_id    TEXT,
    queued_at   TEXT NOT NULL,
    decided_at  TEXT,
    decided_by  TEXT,
    CHECK ((status = 'pending') = (decided_at IS NULL)),
    CHECK (status <> 'rejected' OR reason IS NOT NULL)
) STRICT;

CREATE INDEX review_pending ON review_candidate (status, score DESC, row_id);
CREATE INDEX review_content ON review_candidate (content, status);
