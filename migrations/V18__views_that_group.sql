-- V18: the analysts' views answer a GROUP BY over a million claims in a few seconds.
--
-- A claim's rank came from a subquery run for every row (the latest assessment of that claim);
-- it is now a join to every claim's latest assessment, computed once per query (one pass over
-- the assessments, however many claims). The subject, predicate, source and
-- claim of a row are joined with LEFT JOIN: each is there by a foreign key (a claim's subject
-- and predicate, a citation's source) or by construction (the full-text index holds current
-- claims only), so no row changes, and SQLite leaves out a join on a unique key whose columns a
-- query does not read: `SELECT predicate, count(*) FROM claim_overview GROUP BY 1` reads the
-- claims and their predicates only. The views keep their columns, in the same order.
-- `claim_overview` reads claims in table order (`+` keeps the partial index on current ids, a
-- second lookup per row, out of a full read); a query by claim id still finds it by
-- `claim_history_id`.

DROP VIEW claim_overview;
CREATE VIEW claim_overview AS
SELECT c.id AS claim_id,
       w.label,
       c.subject AS subject_id,
       s.name AS subject,
       c.predicate AS predicate_id,
       p.label AS predicate,
       w.value,
       c.value_type,
       c.object AS object_id,
       o.name AS object,
       c.amount, c.lower, c.upper, c.unit, c.bound, c.text_value,
       (SELECT group_concat(q.key || ': ' || coalesce(qe.name, q.entity_id), '; ')
        FROM claim_qualifier q LEFT JOIN entity qe ON qe.id = q.entity_id
        WHERE q.claim_row = c.row_id) AS qualifiers,
       w.time,
       c.valid_time,
       c.earliest,
       c.latest,
       c.precision,
       coalesce(r.rank, 'normal') AS rank,
       (SELECT group_concat(k.cited, '; ') FROM (
            SELECT src.title || ' (' || src.reliability || ci.credibility || ')' AS cited
            FROM citation ci JOIN source src ON src.id = ci.source
            WHERE ci.claim_row = c.row_id AND ci.retracted_at IS NULL
            ORDER BY ci.row_id) k) AS sources,
       (SELECT count(*) FROM citation ci
        WHERE ci.claim_row = c.row_id AND ci.retracted_at IS NULL) AS citations,
       c.note,
       c.origin,
       c.recorded_at
FROM claim c
LEFT JOIN entity s ON s.id = c.subject
LEFT JOIN predicate p ON p.id = c.predicate
LEFT JOIN entity o ON o.id = c.object
LEFT JOIN claim_words w ON w.claim_row = c.row_id
LEFT JOIN (SELECT claim_id, rank
           FROM (SELECT claim_id, rank,
                        row_number() OVER (PARTITION BY claim_id
                                           ORDER BY recorded_at DESC, row_id DESC) AS n
                 FROM assessment)
           WHERE n = 1) r ON r.claim_id = c.id
WHERE +c.retracted_at IS NULL;

DROP VIEW claim_evidence;
CREATE VIEW claim_evidence AS
SELECT c.id AS claim_id,
       w.label,
       c.subject AS subject_id,
       s.name AS subject,
       c.predicate AS predicate_id,
       p.label AS predicate,
       w.value,
       c.object AS object_id,
       c.amount, c.lower, c.upper, c.unit, c.bound, c.text_value,
       w.time,
       c.valid_time,
       c.earliest,
       c.latest,
       coalesce(r.rank, 'normal') AS rank,
       src.id AS source_id,
       src.title AS source_title,
       src.author AS source_author,
       src.publisher AS source_publisher,
       src.published AS source_published,
       src.url AS source_url,
       src.kind AS source_kind,
       src.reliability,
       ci.credibility,
       src.reliability || ci.credibility AS grade,
       ci.quote,
       ci.locator,
       ci.method,
       ci.extractor_score,
       ci.curator
FROM citation ci
JOIN claim c ON c.row_id = ci.claim_row
LEFT JOIN source src ON src.id = ci.source
LEFT JOIN entity s ON s.id = c.subject
LEFT JOIN predicate p ON p.id = c.predicate
LEFT JOIN claim_words w ON w.claim_row = c.row_id
LEFT JOIN (SELECT claim_id, rank
           FROM (SELECT claim_id, rank,
                        row_number() OVER (PARTITION BY claim_id
                                           ORDER BY recorded_at DESC, row_id DESC) AS n
                 FROM assessment)
           WHERE n = 1) r ON r.claim_id = c.id
WHERE c.retracted_at IS NULL AND ci.retracted_at IS NULL;

DROP VIEW claim_search;
CREATE VIEW claim_search AS
SELECT t.rowid AS text_id,
       c.id AS claim_id,
       w.label,
       t.field,
       t.source AS source_id,
       t.body AS text,
       w.time,
       c.valid_time
FROM claim_text t
LEFT JOIN claim c ON c.row_id = t.claim_row
LEFT JOIN claim_words w ON w.claim_row = c.row_id;
