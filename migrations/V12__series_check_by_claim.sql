-- `series_check` (V7) is read a batch of claims at a time beside the timeline. As V7 wrote it,
-- the list of series (`SELECT DISTINCT … FROM series_point`) was built over every claim each
-- time it was read, whatever claims were asked for: a full scan per batch, so a timeline grew
-- with the square of the claims. Here each document claim looks up its own series through
-- the subject index (a dataset source holding points of the same subject, predicate and
-- unit), so asking for some claims reads only those claims' series. Same columns, same rows.

DROP VIEW series_check;
CREATE VIEW series_check AS
WITH document AS (
    SELECT c.row_id, c.id, c.subject, c.predicate, c.unit, c.amount, c.bound, c.valid_time,
           c.start_day, c.end_day,
           CASE
               WHEN c.end_day = 999999999 THEN c.start_day + 182.0
               WHEN c.start_day = -999999999 THEN c.end_day - 182.0
               ELSE (c.start_day + c.end_day) / 2.0
           END AS mid_day
    FROM current_claim c
    WHERE c.value_type = 'quantity'
      AND (c.start_day > -999999999 OR c.end_day < 999999999)
      AND NOT EXISTS (SELECT 1 FROM claim_qualifier q WHERE q.claim_row = c.row_id)
      AND EXISTS (SELECT 1 FROM current_citation ci JOIN source s ON s.id = ci.source
                  WHERE ci.claim_row = c.row_id AND s.kind <> 'dataset')
),
pair AS (
    SELECT d.*, s.id AS series,
           (SELECT p.row_id FROM series_point p
            WHERE p.subject = d.subject AND p.predicate = d.predicate AND p.unit IS d.unit
              AND p.source = s.id AND p.mid_day <= d.mid_day
            ORDER BY p.mid_day DESC LIMIT 1) AS before_row,
           (SELECT p.row_id FROM series_point p
            WHERE p.subject = d.subject AND p.predicate = d.predicate AND p.unit IS d.unit
              AND p.source = s.id AND p.mid_day >= d.mid_day
            ORDER BY p.mid_day LIMIT 1) AS after_row,
           (SELECT min(p.amount) FROM series_point p
            WHERE p.subject = d.subject AND p.predicate = d.predicate AND p.unit IS d.unit
              AND p.source = s.id AND p.mid_day BETWEEN d.start_day AND d.end_day) AS span_low,
           (SELECT max(p.amount) FROM series_point p
            WHERE p.subject = d.subject AND p.predicate = d.predicate AND p.unit IS d.unit
              AND p.source = s.id AND p.mid_day BETWEEN d.start_day AND d.end_day) AS span_high
    FROM document d
    JOIN source s ON s.kind = 'dataset'
    WHERE EXISTS (SELECT 1 FROM series_point p
                  WHERE p.subject = d.subject AND p.predicate = d.predicate AND p.unit IS d.unit
                    AND p.source = s.id)
),
valued AS (
    SELECT pr.*, b.id AS before_point, a.id AS after_point,
           CASE
               WHEN b.row_id IS NULL THEN a.amount
               WHEN a.row_id IS NULL OR a.mid_day = b.mid_day THEN b.amount
               ELSE b.amount + (a.amount - b.amount) * (pr.mid_day - b.mid_day) / (a.mid_day - b.mid_day)
           END AS series_value,
           CASE WHEN b.row_id IS NULL OR a.row_id IS NULL THEN 'nearest' ELSE 'interpolated' END AS method
    FROM pair pr
    LEFT JOIN series_point b ON b.row_id = pr.before_row
    LEFT JOIN series_point a ON a.row_id = pr.after_row
)
SELECT id AS claim, subject, predicate, valid_time, amount, bound, unit, series,
       before_point, after_point, method, series_value, span_low, span_high,
       round(100.0 * (amount / series_value - 1.0), 1) AS gap_percent
FROM valued
WHERE series_value IS NOT NULL AND series_value <> 0;
