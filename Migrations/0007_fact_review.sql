-- Review of what the extractor cannot settle alone.
--
-- 1. A fact whose region or period the report does not say is proposed instead of dropped:
--    facts.region and facts.period become nullable (a reviewer supplies them when accepting),
--    and each fact keeps the extractor's reasons (a JSON array of texts) and note. SQLite cannot
--    drop a NOT NULL constraint, so the table is rebuilt with the same ids; nothing points at
--    facts, and the rows are copied before the old table is dropped, in this one transaction.
-- 2. A figure bound to an indicator phrase the catalogue lacks (工业总产值) is kept apart, in
--    unmapped_facts, until a reviewer maps the phrase to an indicator or rejects it.
-- 3. A phrase mapped in review becomes an alias of its indicator. indicators.aliases_zh follows
--    indicators.yaml at every start (the seed rewrites it), so learned aliases have a column of
--    their own that the seed leaves alone; reading an indicator gives both.

CREATE TABLE facts_new (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents (id),
    seq          INTEGER NOT NULL,
    indicator    TEXT NOT NULL REFERENCES indicators (code),
    scope        TEXT NOT NULL DEFAULT '',
    region       TEXT REFERENCES regions (code),
    period       TEXT,
    kind         TEXT NOT NULL CHECK (kind IN ('actual', 'target')),
    value        REAL NOT NULL,
    unit         TEXT NOT NULL,
    bound        TEXT CHECK (bound IN ('min', 'max')),
    status       TEXT NOT NULL,
    approximate  INTEGER NOT NULL DEFAULT 0,
    confidence   REAL NOT NULL,
    reasons      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(reasons)),
    note         TEXT,
    quote        TEXT NOT NULL,
    span_start   INTEGER NOT NULL,
    span_end     INTEGER NOT NULL,
    review       TEXT NOT NULL DEFAULT 'proposed' CHECK (review IN ('proposed', 'accepted', 'rejected')),
    reviewed_by  TEXT,
    reviewed_at  INTEGER,
    revision_id  INTEGER REFERENCES revisions (id),
    UNIQUE (document_id, seq),
    -- An accepted fact is an observation: it has both.
    CHECK (review <> 'accepted' OR (region IS NOT NULL AND period IS NOT NULL))
) STRICT;

INSERT INTO facts_new (id, document_id, seq, indicator, scope, region, period, kind, value, unit, bound, status,
                       approximate, confidence, quote, span_start, span_end, review, reviewed_by, reviewed_at, revision_id)
SELECT id, document_id, seq, indicator, scope, region, period, kind, value, unit, bound, status,
       approximate, confidence, quote, span_start, span_end, review, reviewed_by, reviewed_at, revision_id
FROM facts;

DROP TABLE facts;
ALTER TABLE facts_new RENAME TO facts;

CREATE TABLE unmapped_facts (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents (id),
    seq          INTEGER NOT NULL,
    phrase       TEXT NOT NULL,
    region       TEXT REFERENCES regions (code),
    period       TEXT,
    kind         TEXT NOT NULL CHECK (kind IN ('actual', 'target')),
    value        REAL NOT NULL,
    unit         TEXT NOT NULL,
    classifier   TEXT,
    is_growth    INTEGER NOT NULL DEFAULT 0 CHECK (is_growth IN (0, 1)),
    bound        TEXT CHECK (bound IN ('min', 'max')),
    approximate  INTEGER NOT NULL DEFAULT 0,
    confidence   REAL NOT NULL,
    reasons      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(reasons)),
    quote        TEXT NOT NULL,
    span_start   INTEGER NOT NULL,
    span_end     INTEGER NOT NULL,
    review       TEXT NOT NULL DEFAULT 'proposed' CHECK (review IN ('proposed', 'mapped', 'rejected')),
    reviewed_by  TEXT,
    reviewed_at  INTEGER,
    -- Once mapped: the indicator the phrase was mapped to, and the fact of the same document the
    -- mapping proposed (facts.seq).
    indicator    TEXT REFERENCES indicators (code),
    fact_seq     INTEGER,
    UNIQUE (document_id, seq),
    CHECK ((review = 'mapped') = (indicator IS NOT NULL AND fact_seq IS NOT NULL))
) STRICT;

ALTER TABLE indicators ADD COLUMN learned_aliases_zh TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(learned_aliases_zh));
