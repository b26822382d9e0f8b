-- V16: `series_check` shows what the conflicts report judges. A reference series of a share
-- carries its group as a qualifier (the census's share of ethnic Russians), so V7 and V12, which
-- left out every claim with qualifiers, showed nothing beside "25% of the population is ethnic
-- Russian". Both views now carry `qualifiers`, the claim's identifying qualifiers as one text
-- (`group=ethnic-russians`, keys and entities sorted; empty for none), and a document's figure
-- meets only the series with the same qualifiers. Shares are compared in points: `gap_points`
-- is the figure minus the series value for a unit of `percent` (null otherwise), beside
-- `gap_percent`. The series value is the same linear interpolation at the middle of the claim's
-- span that the conflicts report uses. The qualifiers are joined from an ordered subquery, not
-- with `group_concat(… ORDER BY …)`, which SQLite before 3.44 cannot parse: a view it cannot
-- parse would stop older readers (Python's sqlite3, Datasette) from opening the file at all.

DROP VIEW series_check;
DROP VIEW series_point;

CREATE VIEW series_point AS
SELECT c.row_id, c.id, c.subject, c.predicate, c.unit, c.amount, c.valid_time,
       (c.start_day + c.end_day) / 2.0 AS mid_day,
       (SELECT min(ci.source) FROM current_citation ci WHERE ci.claim_row = c.row_id) AS source,
       coalesce((SELECT group_concat(pair, ';')
                 FROM (SELECT q.key || '=' || q.entity_id AS pair FROM claim_qualifier q
                       WHERE q.claim_row = c.row_id ORDER BY 1)), '') AS qualifiers
FROM current_claim c
WHERE c.value_type = 'quantity'
  AND c.start_day > -999999999 AND c.end_day < 999999999
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
           END AS mid_day,
           coalesce((SELECT group_concat(pair, ';')
                     FROM (SELECT q.key || '=' || q.entity_id AS pair FROM claim_qualifier q
                           WHERE q.claim_row = c.row_id ORDER BY 1)), '') AS qualifiers
    FROM current_claim c
    WHERE c.value_type = 'quantity'
      AND (c.start_day > -999999999 OR c.end_day < 999999999)
      AND EXISTS (SELECT 1 FROM current_citation ci JOIN source s ON s.id = ci.source
                  WHERE ci.claim_row = c.row_id AND s.kind <> 'dataset')
),
pair AS (
    SELECT d.*, s.id AS series,
           (SELECT p.row_id FROM series_point p
            WHERE p.subject = d.subject AND p.predicate = d.predicate AND p.unit IS d.unit
              AND p.source = s.id AND p.qualifiers = d.qualifiers AND p.mid_day <= d.mid_day
            ORDER BY p.mid_day DESC LIMIT 1) AS before_row,
           (SELECT p.row_id FROM series_point p
            WHERE p.subject = d.subject AND p.predicate = d.predicate AND p.unit IS d.unit
              AND p.source = s.id AND p.qualifiers = d.qualifiers AND p.mid_day >= d.mid_day
            ORDER BY p.mid_day LIMIT 1) AS after_row,
           (SELECT min(p.amount) FROM series_point p
            WHERE p.subject = d.subject AND p.predicate = d.predicate AND p.unit IS d.unit
              AND p.source = s.id AND p.qualifiers = d.qualifiers
              AND p.mid_day BETWEEN d.start_day AND d.end_day) AS span_low,
           (SELECT max(p.amount) FROM series_point p
            WHERE p.subject = d.subject AND p.predicate = d.predicate AND p.unit IS d.unit
              AND p.source = s.id AND p.qualifiers = d.qualifiers
              AND p.mid_day BETWEEN d.start_day AND d.end_day) AS span_high
    FROM document d
    JOIN source s ON s.kind = 'dataset'
    WHERE EXISTS (SELECT 1 FROM series_point p
                  WHERE p.subject = d.subject AND p.predicate = d.predicate AND p.unit IS d.unit
                    AND p.source = s.id AND p.qualifiers = d.qualifiers)
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
SELECT id AS claim, subject, predicate, qualifiers, valid_time, amount, bound, unit, series,
       before_point, after_point, method, series_value, span_low, span_high,
       round(100.0 * (amount / series_value - 1.0), 1) AS gap_percent,
       CASE WHEN unit = 'percent' THEN round(amount - series_value, 2) END AS gap_points
FROM valued
WHERE series_value IS NOT NULL AND series_value <> 0;
