-- V14: a reference series is an estimate with a basis. A dataset source says what its figures
-- are (`basis`: a national census, a national or an international estimate, a survey) and how
-- far they may be off (`tolerance`, a fraction of the figure). The conflicts report reads a
-- series within that tolerance, widened between sparse points, and judges a document's figure
-- against the series whose basis its quote names ("census", "official statistics") first.

ALTER TABLE source ADD COLUMN basis TEXT
    CHECK (basis IS NULL OR basis IN ('census', 'national_estimate', 'international_estimate', 'survey'));
ALTER TABLE source ADD COLUMN tolerance REAL
    CHECK (tolerance IS NULL OR (tolerance >= 0 AND tolerance < 1));
