-- An observation carries a copy of its current revision's fields, so that reading the current
-- state of a series is one range of the observations_series index and nothing else. Before, every
-- row of a series cost a lookup in revisions by id: on a database of millions of revisions those
-- lookups land on scattered pages and were half of a series query's time.
--
-- The revisions stay what they were: the whole history and the audit trail, never changed. The
-- copy is written in the same statement sequence and transaction as the revision it copies
-- (StoreTransaction.record and BulkImporter), revision_id still names that revision, and
-- Store.currentStateMismatches() lists any observation whose copy differs from it. Reads "as of"
-- a time still join revisions.
ALTER TABLE observations ADD COLUMN value REAL;
ALTER TABLE observations ADD COLUMN status TEXT;
ALTER TABLE observations ADD COLUMN bound TEXT;
ALTER TABLE observations ADD COLUMN note TEXT;
ALTER TABLE observations ADD COLUMN source_type TEXT;
ALTER TABLE observations ADD COLUMN token_name TEXT;
ALTER TABLE observations ADD COLUMN document_id INTEGER;
ALTER TABLE observations ADD COLUMN span_start INTEGER;
ALTER TABLE observations ADD COLUMN span_end INTEGER;
ALTER TABLE observations ADD COLUMN recorded_at INTEGER;

UPDATE observations SET (value, status, bound, note, source_type, token_name, document_id, span_start, span_end, recorded_at) = (
    SELECT r.value, r.status, r.bound, r.note, r.source_type, r.token_name, r.document_id, r.span_start, r.span_end, r.recorded_at
    FROM revisions r WHERE r.id = observations.revision_id);

-- The series index now covers every column a series read shows.
DROP INDEX observations_series;
CREATE INDEX observations_series ON observations (indicator, region, kind, period_key % 4, scope, period_key, revision_id,
    value, status, bound, source_type, token_name, document_id, span_start, span_end, recorded_at, note);
