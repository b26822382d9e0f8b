-- The shell floor for a full timeline (benches/scale.sh, docs/performance.md): the sqlite3
-- shell printing every current claim with its qualifiers and citations as one JSON object per
-- line, in timeline order (the expression of the index `claim_timeline`), read from the plain
-- tables (`claim`, `claim_qualifier`, `citation`), not from what factline stores ready to print.
--
--   sqlite3 factline.db < benches/timeline_floor.sql > /dev/null
.headers off
.mode list
SELECT json_object(
         'claim', c.id, 'when', c.valid_time, 'earliest', c.earliest, 'latest', c.latest,
         'precision', c.precision, 'subject', c.subject, 'predicate', c.predicate,
         'value_type', c.value_type, 'object', c.object, 'amount', c.amount, 'lower', c.lower,
         'upper', c.upper, 'unit', c.unit, 'bound', c.bound, 'text', c.text_value,
         'qualifiers', (SELECT json_group_array(json_array(q.key, q.entity_id))
                        FROM claim_qualifier q WHERE q.claim_row = c.row_id),
         'note', c.note,
         'citations', (SELECT json_group_array(json_object(
                                'source', k.source, 'quote', k.quote, 'locator', k.locator,
                                'method', k.method, 'credibility', k.credibility,
                                'extractor_score', k.extractor_score, 'curator', k.curator))
                       FROM citation k WHERE k.claim_row = c.row_id))
FROM claim c
WHERE c.retracted_at IS NULL
ORDER BY (CASE WHEN c.start_day = -999999999 THEN c.end_day ELSE c.start_day END),
         c.end_day, c.precision_rank, c.valid_time, c.id;
