-- Series reads (one indicator and region over periods) find everything they need of an
-- observation in this index: its key, the period (period_key encodes both the period and its
-- frequency: period_key % 4 is 0 for months, 1 for quarters, 2 for years) and the current
-- revision. The frequency comes before the period so that `frequency=year` reads exactly the
-- yearly entries. Without this index every candidate row costs a table lookup, which on a
-- database of millions of observations is most of a series query's time.
CREATE INDEX observations_series ON observations (indicator, region, kind, period_key % 4, scope, period_key, revision_id);
