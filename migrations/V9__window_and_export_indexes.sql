-- V9: reads that return a slice of the claims read only that slice.
--
-- A date window (`timeline --from/--to`) used to walk `claim_timeline` from the first claim up
-- to the window's end and drop every claim that ended before the window: most of the index for
-- a window in the middle of the data. A claim overlaps a window when it starts by the window's
-- end and ends on or after its start; a single index cannot bound both, but a claim's length
-- bounds how early it can start and still reach the window. So current claims are indexed by a
-- length class, then start and end: within a class, a window reads the starts from its start
-- minus the class's longest length to its end. The expression is repeated word for word in
-- `db::query` (SQLite matches an index expression by its text's structure):
--   class 0: under 32 days, 1: under 367, 2: under 3,661, 3: under 36,600, 4: longer or open.
-- `retracted_at` (always NULL here) makes the index cover the query: without it SQLite reads
-- each candidate's row to test the index's own condition.
CREATE INDEX claim_window ON claim (
    (CASE WHEN end_day - start_day < 32 THEN 0
          WHEN end_day - start_day < 367 THEN 1
          WHEN end_day - start_day < 3661 THEN 2
          WHEN end_day - start_day < 36600 THEN 3
          ELSE 4 END),
    start_day, end_day, retracted_at)
    WHERE retracted_at IS NULL;

-- `export --format toml` writes each claims file in id order as rows arrive, one file at a
-- time: current claims by the file they came from, then id.
CREATE INDEX claim_origin ON claim (origin, id) WHERE retracted_at IS NULL;
