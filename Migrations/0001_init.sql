-- Catalogue, observations with their revision chain, documents and facts, tokens, audit log.
-- Times are INTEGER microseconds since the Unix epoch (UTC): exact to compare for "as of" reads.

CREATE TABLE regions (
    code        TEXT PRIMARY KEY,
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('nation', 'province', 'city', 'district', 'county', 'zone')),
    parent      TEXT REFERENCES regions (code),
    aliases_zh  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases_zh)),
    updated_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX regions_by_parent ON regions (parent);

CREATE TABLE indicators (
    code              TEXT PRIMARY KEY,
    name_zh           TEXT NOT NULL,
    name_en           TEXT NOT NULL,
    unit              TEXT NOT NULL,
    category          TEXT NOT NULL,
    aggregation       TEXT NOT NULL CHECK (aggregation IN ('sum', 'last')),
    higher_is_better  INTEGER NOT NULL CHECK (higher_is_better IN (0, 1)),
    description       TEXT NOT NULL DEFAULT '',
    aliases_zh        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases_zh)),
    frequencies       TEXT NOT NULL DEFAULT 'year,quarter,month',
    minimum           REAL,
    maximum           REAL,
    base              TEXT REFERENCES indicators (code),
    updated_at        INTEGER NOT NULL
) STRICT;
CREATE INDEX indicators_by_category ON indicators (category);

CREATE TABLE api_tokens (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE,
    role           TEXT NOT NULL CHECK (role IN ('reader', 'editor', 'admin')),
    region         TEXT REFERENCES regions (code),
    secret_sha256  TEXT NOT NULL UNIQUE,
    created_at     INTEGER NOT NULL,
    revoked_at     INTEGER
) STRICT;

CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    sha256        TEXT NOT NULL UNIQUE,
    source        TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    title         TEXT,
    publisher     TEXT,
    published_on  TEXT,
    region        TEXT REFERENCES regions (code),
    report_year   INTEGER,
    text          TEXT NOT NULL,
    loaded_at     INTEGER NOT NULL,
    loaded_by     TEXT
) STRICT;

-- One observation per (indicator, region, kind, scope, period). Its value lives in its revisions;
-- revision_id points at the current one. scope is '' except for ranks ('province', 'city', …),
-- so that 居全省第2位 and 居全市第4位 of the same period do not collide.
CREATE TABLE observations (
    id           INTEGER PRIMARY KEY,
    indicator    TEXT NOT NULL REFERENCES indicators (code),
    region       TEXT NOT NULL REFERENCES regions (code),
    kind         TEXT NOT NULL CHECK (kind IN ('actual', 'target')),
    scope        TEXT NOT NULL DEFAULT '',
    period       TEXT NOT NULL,
    period_key   INTEGER NOT NULL,
    frequency    TEXT NOT NULL CHECK (frequency IN ('year', 'quarter', 'month')),
    revision_id  INTEGER REFERENCES revisions (id),
    created_at   INTEGER NOT NULL,
    UNIQUE (indicator, region, kind, scope, period_key)
) STRICT;
-- Series (indicator + region over periods) is served by the UNIQUE index above;
-- cross-sections (indicator + period over regions) by this one.
CREATE INDEX observations_cross_section ON observations (indicator, period_key, kind, region);

CREATE TABLE revisions (
    id              INTEGER PRIMARY KEY,
    observation_id  INTEGER NOT NULL REFERENCES observations (id),
    value           REAL,
    status          TEXT NOT NULL CHECK (status IN ('provisional', 'final', 'estimated', 'withdrawn')),
    bound           TEXT CHECK (bound IN ('min', 'max')),
    note            TEXT,
    source_type     TEXT NOT NULL CHECK (source_type IN ('user', 'document', 'system')),
    token_name      TEXT,
    document_id     INTEGER REFERENCES documents (id),
    span_start      INTEGER,
    span_end        INTEGER,
    recorded_at     INTEGER NOT NULL,
    CHECK ((value IS NULL) = (status = 'withdrawn')),
    CHECK (source_type <> 'document' OR (document_id IS NOT NULL AND span_start IS NOT NULL AND span_end IS NOT NULL))
) STRICT;
-- The history of one observation, and "as of" reads (latest revision at or before a time).
CREATE INDEX revisions_by_observation ON revisions (observation_id, recorded_at, id);
CREATE INDEX revisions_by_document ON revisions (document_id) WHERE document_id IS NOT NULL;

CREATE TABLE facts (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents (id),
    seq          INTEGER NOT NULL,
    indicator    TEXT NOT NULL REFERENCES indicators (code),
    scope        TEXT NOT NULL DEFAULT '',
    region       TEXT NOT NULL REFERENCES regions (code),
    period       TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('actual', 'target')),
    value        REAL NOT NULL,
    unit         TEXT NOT NULL,
    bound        TEXT CHECK (bound IN ('min', 'max')),
    status       TEXT NOT NULL,
    approximate  INTEGER NOT NULL DEFAULT 0,
    confidence   REAL NOT NULL,
    quote        TEXT NOT NULL,
    span_start   INTEGER NOT NULL,
    span_end     INTEGER NOT NULL,
    review       TEXT NOT NULL DEFAULT 'proposed' CHECK (review IN ('proposed', 'accepted', 'rejected')),
    reviewed_by  TEXT,
    reviewed_at  INTEGER,
    revision_id  INTEGER REFERENCES revisions (id),
    UNIQUE (document_id, seq)
) STRICT;

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    token_name  TEXT,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail)),
    request_id  TEXT
) STRICT;
CREATE INDEX audit_log_by_time ON audit_log (at, id);
CREATE INDEX audit_log_by_token ON audit_log (token_name, id);
