-- The audit entry of an observation change is its revision: a bulk import of a million values
-- would otherwise write a million audit_log rows (a table and two indexes, with a JSON detail each)
-- beside the million revisions that already say who changed what, when and why.
--
-- audit_action is what the change did ('created', 'updated' or 'withdraw'); request_id is the
-- request that wrote it. Both are NULL on the revisions written before this migration, whose audit
-- entries stay in audit_log. From here on, revision ids and audit_log ids are taken from one
-- increasing sequence (the larger of the two tables' greatest ids, plus one), so that /audit can
-- list both sources newest first by id.
ALTER TABLE revisions ADD COLUMN request_id TEXT;
ALTER TABLE revisions ADD COLUMN audit_action TEXT;

-- The first id of that sequence: /audit reads revisions from here on only, so that paging into
-- older entries never scans the revisions of before this migration.
CREATE TABLE revision_audit_start (id INTEGER NOT NULL) STRICT;
INSERT INTO revision_audit_start (id)
SELECT max(coalesce((SELECT max(id) FROM revisions), 0), coalesce((SELECT max(id) FROM audit_log), 0)) + 1;
