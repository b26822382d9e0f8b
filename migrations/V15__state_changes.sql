-- V15: states that begin, are suspended, resume and end (docs/states.md).
--
-- A predicate may be a change event of another predicate's state: `joined` begins `member_of`,
-- `membership_suspended` suspends it, `membership_restored` resumes it and `left` ends it.
-- `state_of` names the predicate that carries the state and `state_change` says what the event
-- does to it (begins, suspends, resumes or ends); both are set or neither. Conflict detection
-- reads them to build the periods in which a state holds or does not, and compares each claim
-- of the state with them (`conflicts`, kind `state`). Existing predicates change no state.
--
-- The reference is deferred to the end of the import's transaction, so that a change predicate
-- may be written before the predicate whose state it changes. (Version 14 is left to other
-- work.)
ALTER TABLE predicate ADD COLUMN state_of TEXT
    REFERENCES predicate (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE predicate ADD COLUMN state_change TEXT
    CHECK (state_change IN ('begins', 'suspends', 'resumes', 'ends'))
    CHECK ((state_of IS NULL) = (state_change IS NULL));
