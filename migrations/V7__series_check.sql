-- Document figures beside reference series (issue 9). A claim is a series point when every
-- citation of it is from a source of kind 'dataset' (as the conflicts report reads them). For
-- each current quantity claim cited from a document, and each series of the same subject,
-- predicate and unit (neither with qualifiers), `series_check` gives the series value at the
-- middle of the claim's possible span (half a year after its start when the end is open,
-- before its end when the start is open), linear between the points either side (the nearest
-- point beyond the series' ends), the lowest and highest series points within the span, and
-- the gap in per cent. A view, so it follows every import and retraction.

CREATE VIEW series_point AS
SELECT c.row_id, c.id, c.subject, c.predicate, c.unit, c.amount, c.valid_time,
       (c.start_day + c.end_day) / 2.0 AS mid_day,
       (SELECT min(ci.source) FROM current_citation ci WHERE ci.claim_row = c.row_id) AS source
FROM current_claim c
WHERE c.value_type = 'quantity'
  AND c.start_day > -999999999 AND c.end_day < 999999999
  AND NOT EXISTS (SELECT 1 FROM claim_qualifier q WHERE q.claim_row = c.row_id)
  AND EXISTS (SELECT 1 FROM current_citation ci WHERE ci.claim_row = c.row_id)
  AND NOT EXISTS (SELECT 1 FROM current_citation ci JOIN source s ON s.id = ci.source
                  WHERE ci.claim_row = c.row_id AND s.kind <> 'dataset');

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
series AS (SELECT DISTINCT subject, predicate, unit, source FROM series_point),
pair AS (
    SELECT d.*, s.source AS series,
           (SELECT p.row_id FROM series_point p
            WHERE p.subject = d.subject AND p.predicate = d.predicate AND p.unit IS d.unit
              AND p.source = s.source AND p.mid_day <= d.mid_day
            ORDER BY p.mid_day DESC LIMIT 1) AS before_row,
           (SELECT p.row_id FROM series_point p
            WHERE p.subject = d.subject AND p.predicate = d.predicate AND p.unit IS d.unit
              AND p.source = s.source AND p.mid_day >= d.mid_day
            ORDER BY p.mid_day LIMIT 1) AS after_row,
           (SELECT min(p.amount) FROM series_point p
            WHERE p.subject = d.subject AND p.predicate = d.predicate AND p.unit IS d.unit
              AND p.source = s.source AND p.mid_day BETWEEN d.start_day AND d.end_day) AS span_low,
           (SELECT max(p.amount) FROM series_point p
            WHERE p.subject = d.subject AND p.predicate = d.predicate AND p.unit IS d.unit
              AND p.source = s.source AND p.mid_day BETWEEN d.start_day AND d.end_day) AS span_high
    FROM document d
    JOIN series s ON s.subject = d.subject AND s.predicate = d.predicate AND s.unit IS d.unit
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
