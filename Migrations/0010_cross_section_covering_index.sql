-- Cross-sections (one indicator, kind and period over many regions: the maps and rankings of a
-- dashboard) read one range of this index, in region order, and find everything they show in
-- it: the key, the period and the current state of each observation, as a series finds its
-- rows in observations_series. A page of a city's 3,000 districts is then one run of adjacent
-- index pages that stops at the page's end, rather than a table lookup per row scattered over
-- the whole file (on a large database mostly beyond the 2 GiB SQLite maps into memory, so each
-- one a read(2)).
--
-- It replaces the cross-section index of 0001, (indicator, period_key, kind, region): the kind
-- now comes before the period, so that the latest actual period of an indicator is the end of
-- one range, not found by stepping back over the targets of later years.
--
-- Partial, so that only the reads written for it use it. SQLite's planner likes a covering index
-- whose order serves an ORDER BY so much that, offered this one, it walks it across every
-- region of the country for one region's series without `frequency=`, a write's lookup of one
-- observation's periods or the actuals of a target's year. A query may use a partial index only
-- when its WHERE clause has the index's term, and `status IS NOT 'withdrawn'` is written only by
-- the reads of one period (ObservationSQL) and of an indicator's latest period; every other read
-- says `status <> 'withdrawn'`, the same for a current state, whose status is never NULL.
DROP INDEX observations_cross_section;
CREATE INDEX observations_cross_section ON observations (indicator, kind, period_key, region, scope, revision_id,
    value, status, bound, source_type, token_name, document_id, span_start, span_end, recorded_at, note)
WHERE status IS NOT 'withdrawn';
