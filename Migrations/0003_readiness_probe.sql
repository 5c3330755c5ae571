-- A one-row table that /readyz writes to inside a transaction it then rolls back: the cheapest
-- write that proves the database file accepts writes, without touching any data.
CREATE TABLE readiness_probe (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    checked_at  TEXT NOT NULL
);
