-- V5: conflicts ask "could both be true, and under what reading?". Predicates declare a typical
-- rate of change beside the maximum (a reading that needs more than the typical rate is
-- strained: a tension, not a conflict), and whether rates are relative (counts: 0.03 = 3 % a
-- year) or in points of the unit (shares: 0.7 = 0.7 percentage points a year).
--
-- The engine now judges a change over time as a value question, so the old kind
-- `implausible_change` is gone: decisions recorded against `implausible_change:a+b` are carried
-- over to `value:a+b`, the id the same two claims now have. Resolutions are append-only, so the
-- guard is lifted for this one rewrite and put back.

ALTER TABLE predicate ADD COLUMN typical_annual_change REAL
    CHECK (typical_annual_change IS NULL OR typical_annual_change >= 0);
ALTER TABLE predicate ADD COLUMN change_unit TEXT NOT NULL DEFAULT 'relative'
    CHECK (change_unit IN ('relative', 'points'));

DROP TRIGGER resolution_no_update;
UPDATE resolution SET conflict_id = 'value:' || substr(conflict_id, length('implausible_change:') + 1)
WHERE conflict_id LIKE 'implausible\_change:%' ESCAPE '\';
CREATE TRIGGER resolution_no_update BEFORE UPDATE ON resolution
BEGIN SELECT RAISE(ABORT, 'resolution is append-only: record a new resolution instead'); END;
