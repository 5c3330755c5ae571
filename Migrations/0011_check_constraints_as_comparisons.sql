-- The CHECK constraints every observation write evaluates, as comparisons instead of IN lists,
-- with the same meaning. SQLite checks `x IN ('a', 'b', 'c')` (three values or more) through a
-- lookup in a temporary index, about 0.8 µs a row, where `x = 'a' OR x = 'b' OR x = 'c'` is a
-- few comparisons. Writes keep every constraint on, so a million-row import evaluated three such
-- lists a row: more than a second of its time.
--
-- NULL passes both forms and every stored row satisfies both, and the file format does not
-- change, so the tables are not rebuilt (a rebuild of observations and revisions, which point at
-- each other, would copy every row): the text of the two CREATE TABLE statements is edited in
-- place, as SQLite documents for changing constraints (lang_altertable.html, "Making Other Kinds
-- Of Table Schema Changes"), and the schema read again. Other kinds of constraint, and the IN
-- lists of two values (which SQLite already tests as comparisons), stay as they are.
PRAGMA writable_schema = ON;

UPDATE sqlite_schema SET sql = replace(replace(sql,
    'CHECK (status IN (''provisional'', ''final'', ''estimated'', ''withdrawn''))',
    'CHECK (status = ''provisional'' OR status = ''final'' OR status = ''estimated'' OR status = ''withdrawn'')'),
    'CHECK (source_type IN (''user'', ''document'', ''system''))',
    'CHECK (source_type = ''user'' OR source_type = ''document'' OR source_type = ''system'')')
WHERE type = 'table' AND name = 'revisions';

UPDATE sqlite_schema SET sql = replace(sql,
    'CHECK (frequency IN (''year'', ''quarter'', ''month''))',
    'CHECK (frequency = ''year'' OR frequency = ''quarter'' OR frequency = ''month'')')
WHERE type = 'table' AND name = 'observations';

PRAGMA writable_schema = RESET;

-- Fails the migration (and so rolls it back) unless both tables took every edit.
CREATE TEMP TABLE migration_0011_applied (ok INTEGER NOT NULL CHECK (ok = 1));
INSERT INTO migration_0011_applied
SELECT count(*) = 2 FROM sqlite_schema
WHERE type = 'table' AND instr(sql, ' IN (''provisional''') = 0 AND instr(sql, ' IN (''user''') = 0
    AND instr(sql, ' IN (''year''') = 0
    AND ((name = 'revisions' AND instr(sql, 'status = ''estimated''') > 0 AND instr(sql, 'source_type = ''system''') > 0)
        OR (name = 'observations' AND instr(sql, 'frequency = ''month''') > 0));
DROP TABLE migration_0011_applied;
