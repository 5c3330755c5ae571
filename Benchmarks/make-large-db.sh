#!/usr/bin/env bash
# Builds a large Zhibiao database for benchmarks: REGIONS synthetic districts under 杭州市 ×
# INDICATORS catalogued indicators × YEARS years × (year + 4 quarters) = observations, each with
# one revision. Defaults: 3000 × 40 × 20 × 5 = 12,000,000 observations.
#
#   Benchmarks/make-large-db.sh OUT.sqlite [REGIONS] [INDICATORS] [YEARS]
#
# The schema comes from `zhibiao migrate` (so it is exactly the shipped one); the rows are made
# by SQLite itself in one transaction. Needs the sqlite3 command (apt-get install sqlite3).
set -euo pipefail
OUT=${1:?usage: make-large-db.sh OUT.sqlite [REGIONS] [INDICATORS] [YEARS]}
REGIONS=${2:-3000}
INDICATORS=${3:-40}
YEARS=${4:-20}
HERE=$(cd "$(dirname "$0")" && pwd)
ZHIBIAO=${ZHIBIAO:-$HERE/../.build/release/zhibiao}
[ -x "$ZHIBIAO" ] || { echo "build first: swift build -c release (or set ZHIBIAO)" >&2; exit 2; }
command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3 >/dev/null; }
rm -f "$OUT" "$OUT-wal" "$OUT-shm"
"$ZHIBIAO" migrate --database "$OUT" --config "$HERE/../config" --migrations "$HERE/../Migrations" >/dev/null 2>&1
start=$(date +%s)
sqlite3 "$OUT" <<SQL
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -400000;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $REGIONS)
INSERT INTO regions (code, name_zh, name_en, level, parent, aliases_zh, updated_at)
SELECT printf('9%05d', i), printf('测试区%d', i), printf('Bench district %d', i), 'district', '330100', '[]', 0 FROM n;
-- rd_intensity first, so that the benchmark's series indicator is always among those used.
CREATE TEMP TABLE ind AS
  SELECT code, row_number() OVER (ORDER BY code <> 'rd_intensity', code) AS k FROM indicators WHERE base IS NULL
  UNION ALL
  SELECT code, 100 + row_number() OVER (ORDER BY code) FROM indicators WHERE base IS NOT NULL AND code LIKE '%_growth';
CREATE TEMP TABLE chosen AS SELECT code, k FROM ind ORDER BY k LIMIT $INDICATORS;
CREATE TEMP TABLE reg AS SELECT code, row_number() OVER (ORDER BY code) AS r FROM regions WHERE code LIKE '9_____';
-- Ids in key order; each observation's one revision has its id, and the observation carries
-- that revision's fields (migration 0006), so both tables are written in one pass each.
WITH RECURSIVE y(year) AS (SELECT 2025 - $YEARS + 1 UNION ALL SELECT year + 1 FROM y WHERE year < 2025),
     p(q) AS (VALUES (0), (1), (2), (3), (4)),
     keyed AS (SELECT row_number() OVER (ORDER BY chosen.code, reg.code, year, q) AS id, chosen.code AS indicator,
                      reg.code AS region, year, q
               FROM reg CROSS JOIN chosen CROSS JOIN y CROSS JOIN p)
INSERT INTO observations (id, indicator, region, kind, scope, period, period_key, frequency, revision_id, created_at,
                          value, status, source_type, token_name, recorded_at)
SELECT id, indicator, region, 'actual', '',
       CASE WHEN q = 0 THEN CAST(year AS TEXT) ELSE year || '-Q' || q END,
       CASE WHEN q = 0 THEN (year * 12 + 12) * 4 + 2 ELSE (year * 12 + q * 3) * 4 + 1 END,
       CASE WHEN q = 0 THEN 'year' ELSE 'quarter' END,
       id, 0, round(1 + ((id * 7919) % 100000) / 1000.0, 3), 'final', 'system', 'bench', 1700000000000000 + id
FROM keyed ORDER BY id;
INSERT INTO revisions (id, observation_id, value, status, bound, note, source_type, token_name, recorded_at)
SELECT id, id, value, status, NULL, NULL, source_type, token_name, recorded_at FROM observations;
COMMIT;
ANALYZE;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
echo "built $OUT: $(sqlite3 "$OUT" 'SELECT count(*) FROM observations') observations in $(( $(date +%s) - start )) s, $(du -h "$OUT" | cut -f1)"
