-- Who answers for a region's names: the catalogue files ('catalogue'), which every start re-applies,
-- or an admin ('admin', set by POST /regions), whose edit the files no longer overwrite. The seed
-- reports the regions it left alone.
--
-- Regions an admin created or changed before this migration are found in the audit log, so that
-- an earlier rename is not lost to the first seed of the national catalogue.
ALTER TABLE regions ADD COLUMN managed_by TEXT NOT NULL DEFAULT 'catalogue' CHECK (managed_by IN ('catalogue', 'admin'));
UPDATE regions SET managed_by = 'admin'
WHERE 'region:' || code IN (SELECT entity FROM audit_log WHERE action IN ('region.create', 'region.update'));
